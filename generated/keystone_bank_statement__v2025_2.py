"""Bank Statement Select (keystone_bank_statement), version 2025.2, effective 2025-07-01.

Investor: Keystone Non-QM Capital.
Source document: Keystone Non-QM Capital, Bank Statement Select Underwriting Guide v2025.2.

Generated from programs/history/keystone_bank_statement@2025.2.guideline; do not edit.
Source sha256: e2c318b4520a06012f5cdddba026aba5f5ffbb28c66ccfdb6d9ded4f424d9748.
The wording of the decision (titles, citations, messages' texts, matrix cells) is in
`keystone_bank_statement__v2025_2_meta`.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from . import _runtime as rt
from .keystone_bank_statement__v2025_2_meta import META
from .loan import Loan

__all__ = ["META", "check", "check_fast", "facts", "values"]

Result = tuple[bool | None, tuple[bool | None, ...]]


_E2 = Decimal("1E+2")
_STEP2 = Decimal("0.01")
_D0 = Decimal("0")
_D100 = Decimal("100")
_D50 = Decimal("50")
_Em2 = Decimal("1E-2")
_D1000000 = Decimal("1000000")
_D2500000 = Decimal("2500000")
_D3 = Decimal("3")
_D6 = Decimal("6")
_D12 = Decimal("12")
_STEP3 = Decimal("0.001")


def values(loan: Loan, every: bool = True, invalid: dict[str, Any] | None = None) -> dict[str, Any]:
    """The derived values of a loan, each after the values it uses; None when unknown.

    First those the rules, matrices and limits use; then (unless `every` is false: the fast path) the rest.
    A value outside its domain, or reading one, is None and recorded in `invalid` (id -> its value, or None).
    """
    v: dict[str, Any] = {}
    inv: dict[str, Any] = {} if invalid is None else invalid
    # Property value (programs/loan.fields:296)
    v['property_value'] = (
        None if (_t55 := (None if loan.purpose is None else loan.purpose in {'purchase'})) is None
        else (
            None if loan.purchase_price is None or loan.appraised_value is None
            else loan.purchase_price if loan.purchase_price <= loan.appraised_value
            else loan.appraised_value
        ) if _t55
        else loan.appraised_value
    )
    # LTV, rounded up to 2 decimals (programs/loan.fields:299)
    v['ltv'] = rt.div_up((None if loan.loan_amount is None else loan.loan_amount * _E2), v['property_value'], _STEP2)
    # it divides by zero or less: undefined
    if (_undefined := rt.divisor(v['property_value'], 'property_value')) is not None:
        inv['ltv'] = _undefined
        v['ltv'] = None
    # Senior liens (programs/loan.fields:402)
    v['senior_liens'] = (
        None if (
            _t58 := (
                False if (_t56 := (loan.lien_position is not None)) is False
                    or (_t57 := (None if loan.lien_position is None else loan.lien_position in {'second'})) is False
                else None if _t56 is None or _t57 is None
                else True
            )
        ) is None
        else loan.senior_lien_balance if _t58
        else _D0
    )
    # CLTV, rounded up to 2 decimals (programs/loan.fields:303)
    v['cltv'] = rt.div_up(
        (
            None if (
                _t60 := (
                    None if (
                        _t59 := (
                            None if v['senior_liens'] is None or loan.loan_amount is None
                            else v['senior_liens'] + loan.loan_amount
                        )
                    ) is None
                        or loan.subordinate_liens is None
                    else _t59 + loan.subordinate_liens
                )
            ) is None
            else _t60 * _E2
        ),
        v['property_value'],
        _STEP2,
    )
    # it divides by zero or less: undefined
    if (_undefined := rt.divisor(v['property_value'], 'property_value')) is not None:
        inv['cltv'] = _undefined
        v['cltv'] = None
    # Eligible deposits (programs/loan.fields:307)
    v['eligible_deposits'] = (
        None if (
            _t61 := (
                None if loan.total_deposits is None or loan.excluded_transfers is None
                else loan.total_deposits - loan.excluded_transfers
            )
        ) is None
            or loan.excluded_nonrecurring is None
        else _t61 - loan.excluded_nonrecurring
    )
    # Qualifying monthly income, rounded down to 2 decimals (programs/loan.fields:310)
    v['qualifying_income'] = (
        None if (
            _t62 := (
                None if loan.doc_type is None else loan.doc_type in {'bank_stmt_personal_12', 'bank_stmt_personal_24'}
            )
        ) is None
        else rt.div_down(v['eligible_deposits'], loan.statement_months, _STEP2) if _t62
        else (
            None if (
                _t63 := (
                    None if loan.doc_type is None
                    else loan.doc_type in {'bank_stmt_business_12', 'bank_stmt_business_24'}
                )
            ) is None
            else rt.div_down(
                (
                    None if (
                        _t67 := (
                            None if v['eligible_deposits'] is None
                                or (
                                    _t66 := (
                                        None if (
                                            _t65 := (
                                                None if (
                                                    _t64 := (
                                                        _D50 if loan.cpa_expense_ratio is None
                                                        else loan.cpa_expense_ratio
                                                    )
                                                ) is None
                                                else _D100 - _t64
                                            )
                                        ) is None
                                        else _t65 * _Em2
                                    )
                                ) is None
                            else v['eligible_deposits'] * _t66
                        )
                    ) is None
                        or (_t68 := (None if loan.ownership_pct is None else loan.ownership_pct * _Em2)) is None
                    else _t67 * _t68
                ),
                loan.statement_months,
                _STEP2,
            ) if _t63
            else rt.quantize(loan.monthly_income, 2, 'down')
        )
    )
    # it divides by zero or less: undefined
    if (
        _undefined := (
            rt.divisor(loan.statement_months, 'statement_months') if (
                _cond := (
                    None if loan.doc_type is None
                    else loan.doc_type in {'bank_stmt_personal_12', 'bank_stmt_personal_24'}
                )
            ) is True
            else (
                rt.divisor(loan.statement_months, 'statement_months') if (
                    None if loan.doc_type is None
                    else loan.doc_type in {'bank_stmt_business_12', 'bank_stmt_business_24'}
                ) is True
                else None
            ) if _cond is False
            else None
        )
    ) is not None:
        inv['qualifying_income'] = _undefined
        v['qualifying_income'] = None
    elif v['qualifying_income'] is not None and not (v['qualifying_income'] > _D0):  # outside its domain, over $0/month
        inv['qualifying_income'] = v['qualifying_income']
        v['qualifying_income'] = None
    # DTI, rounded up to 2 decimals (programs/loan.fields:319)
    v['dti'] = rt.div_up(
        (
            None if (
                _t69 := (None if loan.pitia is None or loan.monthly_debts is None else loan.pitia + loan.monthly_debts)
            ) is None
            else _t69 * _E2
        ),
        v['qualifying_income'],
        _STEP2,
    )
    if 'qualifying_income' in inv:  # it reads a value outside its domain
        v['dti'] = None
        inv['dti'] = None
    # it divides by zero or less: undefined
    elif (_undefined := rt.divisor(v['qualifying_income'], 'qualifying_income')) is not None:
        inv['dti'] = _undefined
        v['dti'] = None
    # Reserves, rounded down to 2 decimals (programs/loan.fields:327)
    v['reserves_months'] = rt.div_down(loan.liquid_assets, loan.pitia, _STEP2)
    if (_undefined := rt.divisor(loan.pitia, 'pitia')) is not None:  # it divides by zero or less: undefined
        inv['reserves_months'] = _undefined
        v['reserves_months'] = None
    # Required reserves (programs/history/keystone_bank_statement@2025.2.guideline:174; §6.3, p. 13)
    v['required_reserves'] = (
        None if loan.loan_amount is None
        else _D3 if loan.loan_amount <= _D1000000
        else _D6 if loan.loan_amount <= _D2500000
        else _D12
    )
    if not every:
        return v
    # Undrawn HELOC credit (programs/loan.fields:405)
    v['heloc_undrawn'] = (
        None if loan.heloc_line_amount is None or loan.heloc_drawn_balance is None
        else loan.heloc_line_amount - loan.heloc_drawn_balance
    )
    if v['heloc_undrawn'] is not None and not (v['heloc_undrawn'] >= _D0):  # outside its domain, $0+
        inv['heloc_undrawn'] = v['heloc_undrawn']
        v['heloc_undrawn'] = None
    # HCLTV, rounded up to 2 decimals (programs/loan.fields:409)
    v['hcltv'] = rt.div_up(
        (
            None if (
                _t72 := (
                    None if (
                        _t71 := (
                            None if (
                                _t70 := (
                                    None if v['senior_liens'] is None or loan.loan_amount is None
                                    else v['senior_liens'] + loan.loan_amount
                                )
                            ) is None
                                or loan.subordinate_liens is None
                            else _t70 + loan.subordinate_liens
                        )
                    ) is None
                        or v['heloc_undrawn'] is None
                    else _t71 + v['heloc_undrawn']
                )
            ) is None
            else _t72 * _E2
        ),
        v['property_value'],
        _STEP2,
    )
    if 'heloc_undrawn' in inv:  # it reads a value outside its domain
        v['hcltv'] = None
        inv['hcltv'] = None
    # it divides by zero or less: undefined
    elif (_undefined := rt.divisor(v['property_value'], 'property_value')) is not None:
        inv['hcltv'] = _undefined
        v['hcltv'] = None
    # DSCR, rounded down to 3 decimals (programs/loan.fields:323)
    v['dscr'] = rt.div_down(
        (
            None if (_t73 := (loan.market_rent if loan.lease_rent is None else loan.lease_rent)) is None
                or loan.market_rent is None
            else _t73 if _t73 <= loan.market_rent
            else loan.market_rent
        ),
        loan.pitia,
        _STEP3,
    )
    if (_undefined := rt.divisor(loan.pitia, 'pitia')) is not None:  # it divides by zero or less: undefined
        inv['dscr'] = _undefined
        v['dscr'] = None
    # Days since purchase (programs/loan.fields:331)
    v['days_since_purchase'] = rt.days_since(loan.purchase_date, loan.application_date)
    # Payment shock, rounded up to 2 decimals (programs/loan.fields:334)
    v['payment_shock'] = rt.div_up(
        (None if loan.pitia is None else loan.pitia * _E2), loan.current_housing_payment, _STEP2
    )
    # it divides by zero or less: undefined
    if (_undefined := rt.divisor(loan.current_housing_payment, 'current_housing_payment')) is not None:
        inv['payment_shock'] = _undefined
        v['payment_shock'] = None
    return v


def matrix_primary_purchase(loan: Loan, v: dict[str, Any]) -> tuple[bool | None, tuple[Any, ...]]:
    """Primary residence, purchase: whether it applies and the loan's row and column keys.

    Citation: §2.1 Matrix A, p. 4. Source: programs/history/keystone_bank_statement@2025.2.guideline:23.
    Cells: META.matrices[0] (keystone_bank_statement__v2025_2_meta).
    """
    return (
        False if (_t74 := (None if loan.occupancy is None else loan.occupancy in {'primary'})) is False
            or (_t75 := (None if loan.purpose is None else loan.purpose in {'purchase'})) is False
        else None if _t74 is None or _t75 is None
        else True
    ), (loan.fico, loan.loan_amount)


def matrix_primary_rate_term(loan: Loan, v: dict[str, Any]) -> tuple[bool | None, tuple[Any, ...]]:
    """Primary residence, rate/term refinance: whether it applies and the loan's row and column keys.

    Citation: §2.1 Matrix B, p. 4. Source: programs/history/keystone_bank_statement@2025.2.guideline:36.
    Cells: META.matrices[1] (keystone_bank_statement__v2025_2_meta).
    """
    return (
        False if (_t76 := (None if loan.occupancy is None else loan.occupancy in {'primary'})) is False
            or (_t77 := (None if loan.purpose is None else loan.purpose in {'rate_term'})) is False
        else None if _t76 is None or _t77 is None
        else True
    ), (loan.fico, loan.loan_amount)


def matrix_primary_cash_out(loan: Loan, v: dict[str, Any]) -> tuple[bool | None, tuple[Any, ...]]:
    """Primary residence, cash-out refinance: whether it applies and the loan's row and column keys.

    Citation: §2.1 Matrix C, p. 5. Source: programs/history/keystone_bank_statement@2025.2.guideline:49.
    Cells: META.matrices[2] (keystone_bank_statement__v2025_2_meta).
    """
    return (
        False if (_t78 := (None if loan.occupancy is None else loan.occupancy in {'primary'})) is False
            or (_t79 := (None if loan.purpose is None else loan.purpose in {'cash_out'})) is False
        else None if _t78 is None or _t79 is None
        else True
    ), (loan.fico, loan.loan_amount)


def matrix_second_home(loan: Loan, v: dict[str, Any]) -> tuple[bool | None, tuple[Any, ...]]:
    """Second home, purchase and rate/term: whether it applies and the loan's row and column keys.

    Citation: §2.2 Matrix D, p. 5. Source: programs/history/keystone_bank_statement@2025.2.guideline:62.
    Cells: META.matrices[3] (keystone_bank_statement__v2025_2_meta).
    """
    return (
        False if (_t80 := (None if loan.occupancy is None else loan.occupancy in {'second_home'})) is False
            or (_t81 := (None if loan.purpose is None else loan.purpose in {'purchase', 'rate_term'})) is False
        else None if _t80 is None or _t81 is None
        else True
    ), (loan.fico, loan.loan_amount)


def matrix_investment(loan: Loan, v: dict[str, Any]) -> tuple[bool | None, tuple[Any, ...]]:
    """Investment property, all purposes: whether it applies and the loan's row and column keys.

    Citation: §2.3 Matrix E, p. 6. Source: programs/history/keystone_bank_statement@2025.2.guideline:75.
    Cells: META.matrices[4] (keystone_bank_statement__v2025_2_meta).
    """
    return (None if loan.occupancy is None else loan.occupancy in {'investment'}), (loan.fico, loan.loan_amount)


def rule_non_warrantable_condo(loan: Loan, v: dict[str, Any]) -> Result:
    """Non-warrantable condo.

    Citation: §3.1, p. 7. Source: programs/history/keystone_bank_statement@2025.2.guideline:89.
    """
    # programs/history/keystone_bank_statement@2025.2.guideline:89: applies when Property type is condo_non_warrantable
    applies = (None if loan.property_type is None else loan.property_type in {'condo_non_warrantable'})
    return applies, ()


def rule_interest_only(loan: Loan, v: dict[str, Any]) -> Result:
    """Interest-only.

    Citation: §3.2, p. 7. Source: programs/history/keystone_bank_statement@2025.2.guideline:95.
    """
    # programs/history/keystone_bank_statement@2025.2.guideline:95: applies when Interest-only
    applies = loan.interest_only
    return applies, (
        # Credit score at least 680 (programs/history/keystone_bank_statement@2025.2.guideline:98)
        (False if loan.fico_no_score else (None if loan.fico is None else loan.fico >= 680)),
    )


def rule_declining_market(loan: Loan, v: dict[str, Any]) -> Result:
    """Declining market.

    Citation: §3.3, p. 7. Source: programs/history/keystone_bank_statement@2025.2.guideline:101.
    """
    # programs/history/keystone_bank_statement@2025.2.guideline:101: applies when Declining market
    applies = loan.declining_market
    return applies, ()


def rule_rural(loan: Loan, v: dict[str, Any]) -> Result:
    """Rural property.

    Citation: §3.4, p. 6. Source: programs/history/keystone_bank_statement@2025.2.guideline:106.
    """
    # programs/history/keystone_bank_statement@2025.2.guideline:106: applies when Rural property
    applies = loan.rural
    return applies, ()


def rule_min_fico(loan: Loan, v: dict[str, Any]) -> Result:
    """Minimum credit score.

    Citation: §4.1, p. 8. Source: programs/history/keystone_bank_statement@2025.2.guideline:113.
    """
    # programs/history/keystone_bank_statement@2025.2.guideline:113
    applies = True
    return applies, (
        # Credit score at least 660 (programs/history/keystone_bank_statement@2025.2.guideline:115)
        (False if loan.fico_no_score else (None if loan.fico is None else loan.fico >= 660)),
    )


_D80 = Decimal("80")
_D55 = Decimal("55")


def rule_max_dti(loan: Loan, v: dict[str, Any]) -> Result:
    """Maximum DTI.

    Citation: §4.2, p. 8. Source: programs/history/keystone_bank_statement@2025.2.guideline:117.
    """
    # programs/history/keystone_bank_statement@2025.2.guideline:117
    applies = True
    return applies, (
        # DTI at most 50%; or DTI at most 55% when Credit score at least 700 and LTV at most 80% and Reserves at least
        # 12 months and not First-time home buyer (programs/history/keystone_bank_statement@2025.2.guideline:119)
        (
            True if (_t88 := (None if v['dti'] is None else v['dti'] <= _D50)) is True
                or (
                    _t89 := (
                        False if (
                            _t86 := (
                                False if (
                                    _t82 := (
                                        False if loan.fico_no_score
                                        else (None if loan.fico is None else loan.fico >= 700)
                                    )
                                ) is False
                                    or (_t83 := (None if v['ltv'] is None else v['ltv'] <= _D80)) is False
                                    or (
                                        _t84 := (None if v['reserves_months'] is None else v['reserves_months'] >= _D12)
                                    ) is False
                                    or (_t85 := (None if loan.fthb is None else not loan.fthb)) is False
                                else None if _t82 is None or _t83 is None or _t84 is None or _t85 is None
                                else True
                            )
                        ) is False
                            or (_t87 := (None if v['dti'] is None else v['dti'] <= _D55)) is False
                        else None if _t86 is None or _t87 is None
                        else True
                    )
                ) is True
            else None if _t88 is None or _t89 is None
            else False
        ),
    )


_D36 = Decimal("36")
_D24 = Decimal("24")


def rule_credit_event_seasoning(loan: Loan, v: dict[str, Any]) -> Result:
    """Credit event seasoning.

    Citation: §4.3, p. 9. Source: programs/history/keystone_bank_statement@2025.2.guideline:122.
    """
    # programs/history/keystone_bank_statement@2025.2.guideline:122
    applies = True
    return applies, (
        # months since the latest Credit events (fc) at least 36 months
        # (programs/history/keystone_bank_statement@2025.2.guideline:126)
        (
            None if (
                _t90 := rt.months_since_latest(
                    loan.credit_events, 'kind', 'completed_on', ('fc',), loan.application_date
                )
            ) is None
            else _t90 >= _D36
        ),
        # months since the latest Credit events (ss, dil, mod) at least 24 months
        # (programs/history/keystone_bank_statement@2025.2.guideline:127)
        (
            None if (
                _t91 := rt.months_since_latest(
                    loan.credit_events, 'kind', 'completed_on', ('ss', 'dil', 'mod'), loan.application_date
                )
            ) is None
            else _t91 >= _D24
        ),
        # months since the latest Credit events (nod, dq120) at least 12 months
        # (programs/history/keystone_bank_statement@2025.2.guideline:128)
        (
            None if (
                _t92 := rt.months_since_latest(
                    loan.credit_events, 'kind', 'completed_on', ('nod', 'dq120'), loan.application_date
                )
            ) is None
            else _t92 >= _D12
        ),
        # months since the latest Credit events (bk7, bk11) at least 24 months
        # (programs/history/keystone_bank_statement@2025.2.guideline:129)
        (
            None if (
                _t93 := rt.months_since_latest(
                    loan.credit_events, 'kind', 'completed_on', ('bk7', 'bk11'), loan.application_date
                )
            ) is None
            else _t93 >= _D24
        ),
        # months since the latest Credit events (bk13) at least 12 months
        # (programs/history/keystone_bank_statement@2025.2.guideline:130)
        (
            None if (
                _t94 := rt.months_since_latest(
                    loan.credit_events, 'kind', 'completed_on', ('bk13',), loan.application_date
                )
            ) is None
            else _t94 >= _D12
        ),
    )


_D1 = Decimal("1")


def rule_housing_history_12_months(loan: Loan, v: dict[str, Any]) -> Result:
    """Housing history, 12 months.

    Citation: §5.1, p. 10 (seed 002: satisfactory history for the most recent 12 months). Source:
    programs/history/keystone_bank_statement@2025.2.guideline:134.
    """
    # programs/history/keystone_bank_statement@2025.2.guideline:134: applies when not Living rent-free
    applies = (None if loan.rent_free is None else not loan.rent_free)
    return applies, (
        # Housing history documented at least 12 months (programs/history/keystone_bank_statement@2025.2.guideline:137)
        (None if loan.housing_history_months is None else loan.housing_history_months >= 12),
        # housing history 1x30x12 (at most 1 payment 30+ days late in the last 12 months)
        # (programs/history/keystone_bank_statement@2025.2.guideline:138)
        (
            None if (
                _t95 := rt.count_lates(loan.housing_lates, 'days_late', 'due_on', 30, 12, loan.application_date)
            ) is None
            else _t95 <= _D1
        ),
        # Housing verification is vom, vor or bank_records
        # (programs/history/keystone_bank_statement@2025.2.guideline:139)
        (None if loan.housing_verification is None else loan.housing_verification in {'vom', 'vor', 'bank_records'}),
    )


def rule_forbearance(loan: Loan, v: dict[str, Any]) -> Result:
    """Forbearance.

    Citation: §5.2, p. 10 (seed 002: still in forbearance is ineligible). Source:
    programs/history/keystone_bank_statement@2025.2.guideline:141.
    """
    # programs/history/keystone_bank_statement@2025.2.guideline:141
    applies = True
    return applies, (
        # not In forbearance (programs/history/keystone_bank_statement@2025.2.guideline:143)
        (None if loan.in_forbearance is None else not loan.in_forbearance),
    )


def rule_after_forbearance(loan: Loan, v: dict[str, Any]) -> Result:
    """After forbearance.

    Citation: §5.2, p. 10 (seed 002: two timely payments after forbearance, purchase or rate/term). Source:
    programs/history/keystone_bank_statement@2025.2.guideline:145.
    """
    # programs/history/keystone_bank_statement@2025.2.guideline:145: applies when Forbearance end is known and Loan
    # purpose is purchase or rate_term
    applies = (
        False if (_t96 := (loan.forbearance_end is not None)) is False
            or (_t97 := (None if loan.purpose is None else loan.purpose in {'purchase', 'rate_term'})) is False
        else None if _t96 is None or _t97 is None
        else True
    )
    return applies, (
        # Payments since forbearance at least 2 (programs/history/keystone_bank_statement@2025.2.guideline:148)
        (None if loan.payments_since_forbearance is None else loan.payments_since_forbearance >= 2),
    )


def rule_after_forbearance_cash_out(loan: Loan, v: dict[str, Any]) -> Result:
    """After forbearance, cash-out.

    Citation: §5.2, p. 10 (seed 002 is silent on cash-out after forbearance). Source:
    programs/history/keystone_bank_statement@2025.2.guideline:150.
    """
    # programs/history/keystone_bank_statement@2025.2.guideline:150: applies when Forbearance end is known and Loan
    # purpose is cash_out
    applies = (
        False if (_t98 := (loan.forbearance_end is not None)) is False
            or (_t99 := (None if loan.purpose is None else loan.purpose in {'cash_out'})) is False
        else None if _t98 is None or _t99 is None
        else True
    )
    return applies, ()


_D10 = Decimal("10")


def rule_rent_free(loan: Loan, v: dict[str, Any]) -> Result:
    """Rent-free borrowers.

    Citation: §5.3, p. 11 (seed 002: rent-free letter, 10% contribution, max 80% LTV). Source:
    programs/history/keystone_bank_statement@2025.2.guideline:155.
    """
    # programs/history/keystone_bank_statement@2025.2.guideline:155: applies when Living rent-free
    applies = loan.rent_free
    return applies, (
        # Borrower contribution at least 10% (programs/history/keystone_bank_statement@2025.2.guideline:159)
        (None if loan.borrower_contribution_pct is None else loan.borrower_contribution_pct >= _D10),
    )


def rule_doc_types(loan: Loan, v: dict[str, Any]) -> Result:
    """Documentation types.

    Citation: §6.1, p. 12. Source: programs/history/keystone_bank_statement@2025.2.guideline:164.
    """
    # programs/history/keystone_bank_statement@2025.2.guideline:164
    applies = True
    return applies, (
        # Documentation type is bank_stmt_personal_12, bank_stmt_personal_24, bank_stmt_business_12 or
        # bank_stmt_business_24 (programs/history/keystone_bank_statement@2025.2.guideline:166)
        (
            None if loan.doc_type is None
            else loan.doc_type in {
                'bank_stmt_personal_12', 'bank_stmt_personal_24', 'bank_stmt_business_12', 'bank_stmt_business_24'
            }
        ),
    )


_D25 = Decimal("25")


def rule_business_ownership(loan: Loan, v: dict[str, Any]) -> Result:
    """Business ownership.

    Citation: §6.2, p. 12. Source: programs/history/keystone_bank_statement@2025.2.guideline:168.
    """
    # programs/history/keystone_bank_statement@2025.2.guideline:168: applies when Documentation type is
    # bank_stmt_business_12 or bank_stmt_business_24
    applies = (None if loan.doc_type is None else loan.doc_type in {'bank_stmt_business_12', 'bank_stmt_business_24'})
    return applies, (
        # Ownership share at least 25% (programs/history/keystone_bank_statement@2025.2.guideline:171)
        (None if loan.ownership_pct is None else loan.ownership_pct >= _D25),
    )


def rule_reserves(loan: Loan, v: dict[str, Any]) -> Result:
    """Reserves.

    Citation: §6.3, p. 13. Source: programs/history/keystone_bank_statement@2025.2.guideline:181.
    """
    # programs/history/keystone_bank_statement@2025.2.guideline:181
    applies = True
    return applies, (
        # Reserves at least Required reserves (programs/history/keystone_bank_statement@2025.2.guideline:183)
        (
            None if v['reserves_months'] is None or v['required_reserves'] is None
            else v['reserves_months'] >= v['required_reserves']
        ),
    )


_D3000000 = Decimal("3000000")
_D100000 = Decimal("100000")


def rule_loan_amount_range(loan: Loan, v: dict[str, Any]) -> Result:
    """Loan amount.

    Citation: §7.1, p. 14. Source: programs/history/keystone_bank_statement@2025.2.guideline:187.
    """
    # programs/history/keystone_bank_statement@2025.2.guideline:187
    applies = True
    return applies, (
        # Loan amount at least $100,000 and Loan amount at most $3,000,000
        # (programs/history/keystone_bank_statement@2025.2.guideline:189)
        (
            False if (_t100 := (None if loan.loan_amount is None else loan.loan_amount >= _D100000)) is False
                or (_t101 := (None if loan.loan_amount is None else loan.loan_amount <= _D3000000)) is False
            else None if _t100 is None or _t101 is None
            else True
        ),
    )


def rule_property_types(loan: Loan, v: dict[str, Any]) -> Result:
    """Property types.

    Citation: §7.2, p. 14. Source: programs/history/keystone_bank_statement@2025.2.guideline:191.
    """
    # programs/history/keystone_bank_statement@2025.2.guideline:191
    applies = True
    return applies, (
        # Property type is sfr, pud, townhome, condo_warrantable, condo_non_warrantable or two_to_four_unit
        # (programs/history/keystone_bank_statement@2025.2.guideline:193)
        (
            None if loan.property_type is None
            else loan.property_type in {
                'sfr', 'pud', 'townhome', 'condo_warrantable', 'condo_non_warrantable', 'two_to_four_unit'
            }
        ),
    )


def rule_excluded_states(loan: Loan, v: dict[str, Any]) -> Result:
    """State restrictions.

    Citation: §7.3, p. 14. Source: programs/history/keystone_bank_statement@2025.2.guideline:195.
    """
    # programs/history/keystone_bank_statement@2025.2.guideline:195
    applies = True
    return applies, (
        # State is not ND or SD (programs/history/keystone_bank_statement@2025.2.guideline:197)
        (None if loan.state is None else loan.state not in {'ND', 'SD'}),
    )


_D2000000 = Decimal("2000000")


def rule_second_appraisal(loan: Loan, v: dict[str, Any]) -> Result:
    """Second appraisal.

    Citation: §7.4, p. 15. Source: programs/history/keystone_bank_statement@2025.2.guideline:199.
    """
    # programs/history/keystone_bank_statement@2025.2.guideline:199: applies when Loan amount more than $2,000,000
    applies = (None if loan.loan_amount is None else loan.loan_amount > _D2000000)
    return applies, ()


_D500000 = Decimal("500000")


def rule_max_cash_out(loan: Loan, v: dict[str, Any]) -> Result:
    """Maximum cash-out.

    Citation: §7.5, p. 15. Source: programs/history/keystone_bank_statement@2025.2.guideline:204.
    """
    # programs/history/keystone_bank_statement@2025.2.guideline:204: applies when Loan purpose is cash_out
    applies = (None if loan.purpose is None else loan.purpose in {'cash_out'})
    return applies, (
        # Cash-out amount at most $500,000 (programs/history/keystone_bank_statement@2025.2.guideline:207)
        (None if loan.cash_out_amount is None else loan.cash_out_amount <= _D500000),
    )


def facts(loan: Loan) -> rt.Facts:
    """Everything the program's rules establish about a loan, before the decision is assembled."""
    inv: dict[str, Any] = {}
    v = values(loan, invalid=inv)
    f = rt.Facts(loan, v)
    f.invalid = inv
    f.matrices = [
        matrix_primary_purchase(loan, v),
        matrix_primary_rate_term(loan, v),
        matrix_primary_cash_out(loan, v),
        matrix_second_home(loan, v),
        matrix_investment(loan, v),
    ]
    f.rules = [
        rule_non_warrantable_condo(loan, v),
        rule_interest_only(loan, v),
        rule_declining_market(loan, v),
        rule_rural(loan, v),
        rule_min_fico(loan, v),
        rule_max_dti(loan, v),
        rule_credit_event_seasoning(loan, v),
        rule_housing_history_12_months(loan, v),
        rule_forbearance(loan, v),
        rule_after_forbearance(loan, v),
        rule_after_forbearance_cash_out(loan, v),
        rule_rent_free(loan, v),
        rule_doc_types(loan, v),
        rule_business_ownership(loan, v),
        rule_reserves(loan, v),
        rule_loan_amount_range(loan, v),
        rule_property_types(loan, v),
        rule_excluded_states(loan, v),
        rule_second_appraisal(loan, v),
        rule_max_cash_out(loan, v),
    ]
    return f


def check(loan: Loan) -> rt.Decision:
    """Decide a loan under Bank Statement Select 2025.2: status, findings, conditions, values, limits.

    The status is decided now (by `check_fast`); the wording (findings, conditions, values, limits) is assembled from
    the loan's facts when first read (`words`). A Loan is frozen: what the rules saw is still there then.
    """
    return rt.Decision.deferred(META.info, check_fast(loan).status, lambda: words(loan))


_RULES = META.rules
_MET = tuple(f"Met: {r.met}" for r in _RULES)  # a rule's finding when every requirement is met, up to what it saw
# a one-requirement rule's finding when that requirement is not met, up to what it saw
_UNMET = tuple(f"Not met: {r.requirements[0].text}" if len(r.requirements) == 1 else "" for r in _RULES)
_SHOW_ENUM_0 = rt.shower('enum', '', False)
_SHOW_MONEY_1 = rt.shower('money', 'USD', False)
_SHOW_MONEY_2 = rt.shower('money', 'USD', True)
_SHOW_MONTHS_3 = rt.shower('months', 'months', False)
_SHOW_PERCENT_4 = rt.shower('percent', '', False)
_SHOW_MONEY_5 = rt.shower('money', 'USD per month', False)
_SHOW_MONEY_6 = rt.shower('money', 'USD per month', True)
_SHOW_DATE_7 = rt.shower('date', '', False)
_SHOW_INTEGER_8 = rt.shower('integer', 'points', False)
_SHOW_PERCENT_9 = rt.shower('percent', '', True)
_SHOW_MONTHS_10 = rt.shower('months', 'months', True)
_SHOW_YESNO_11 = rt.shower('yesno', '', False)
_SHOW_LIST_12 = rt.shower('list', '', False)
_SHOW_INTEGER_13 = rt.shower('integer', 'payments', False)


def words(loan: Loan) -> rt.Decision:
    """The Decision of a loan with its wording: the shown values, derived values and the common rule findings written
    out here, the rest assembled by `rt.decide` from the same facts."""
    f = facts(loan)
    s = f.shown
    v = f.values
    inv = f.invalid
    show = rt.show
    # how messages show the fields and values quoted below
    s['purpose'] = _SHOW_ENUM_0(loan.purpose) or show('purpose', f, META)
    s['purchase_price'] = _SHOW_MONEY_1(loan.purchase_price) or show('purchase_price', f, META)
    s['appraised_value'] = _SHOW_MONEY_1(loan.appraised_value) or show('appraised_value', f, META)
    s['loan_amount'] = _SHOW_MONEY_1(loan.loan_amount) or show('loan_amount', f, META)
    s['property_value'] = _SHOW_MONEY_2(v['property_value']) or show('property_value', f, META)
    s['lien_position'] = _SHOW_ENUM_0(loan.lien_position) or show('lien_position', f, META)
    s['senior_lien_balance'] = _SHOW_MONEY_1(loan.senior_lien_balance) or show('senior_lien_balance', f, META)
    s['senior_liens'] = _SHOW_MONEY_2(v['senior_liens']) or show('senior_liens', f, META)
    s['subordinate_liens'] = _SHOW_MONEY_1(loan.subordinate_liens) or show('subordinate_liens', f, META)
    s['heloc_line_amount'] = _SHOW_MONEY_1(loan.heloc_line_amount) or show('heloc_line_amount', f, META)
    s['heloc_drawn_balance'] = _SHOW_MONEY_1(loan.heloc_drawn_balance) or show('heloc_drawn_balance', f, META)
    s['heloc_undrawn'] = show(
        'heloc_undrawn', f, META
    ) if 'heloc_undrawn' in inv else _SHOW_MONEY_2(v['heloc_undrawn']) or show('heloc_undrawn', f, META)
    s['total_deposits'] = _SHOW_MONEY_1(loan.total_deposits) or show('total_deposits', f, META)
    s['excluded_transfers'] = _SHOW_MONEY_1(loan.excluded_transfers) or show('excluded_transfers', f, META)
    s['excluded_nonrecurring'] = _SHOW_MONEY_1(loan.excluded_nonrecurring) or show('excluded_nonrecurring', f, META)
    s['doc_type'] = _SHOW_ENUM_0(loan.doc_type) or show('doc_type', f, META)
    s['eligible_deposits'] = _SHOW_MONEY_2(v['eligible_deposits']) or show('eligible_deposits', f, META)
    s['statement_months'] = _SHOW_MONTHS_3(loan.statement_months) or show('statement_months', f, META)
    s['cpa_expense_ratio'] = _SHOW_PERCENT_4(loan.cpa_expense_ratio) or show('cpa_expense_ratio', f, META)
    s['ownership_pct'] = _SHOW_PERCENT_4(loan.ownership_pct) or show('ownership_pct', f, META)
    s['monthly_income'] = _SHOW_MONEY_5(loan.monthly_income) or show('monthly_income', f, META)
    s['pitia'] = _SHOW_MONEY_5(loan.pitia) or show('pitia', f, META)
    s['monthly_debts'] = _SHOW_MONEY_5(loan.monthly_debts) or show('monthly_debts', f, META)
    s['qualifying_income'] = show(
        'qualifying_income', f, META
    ) if 'qualifying_income' in inv else _SHOW_MONEY_6(v['qualifying_income']) or show('qualifying_income', f, META)
    s['liquid_assets'] = _SHOW_MONEY_1(loan.liquid_assets) or show('liquid_assets', f, META)
    s['lease_rent'] = _SHOW_MONEY_5(loan.lease_rent) or show('lease_rent', f, META)
    s['market_rent'] = _SHOW_MONEY_5(loan.market_rent) or show('market_rent', f, META)
    s['purchase_date'] = _SHOW_DATE_7(loan.purchase_date) or show('purchase_date', f, META)
    s['application_date'] = _SHOW_DATE_7(loan.application_date) or show('application_date', f, META)
    s['current_housing_payment'] = _SHOW_MONEY_5(loan.current_housing_payment) or show(
        'current_housing_payment', f, META
    )
    s['fico'] = _SHOW_INTEGER_8(loan.fico) or show('fico', f, META)
    s['dti'] = show('dti', f, META) if 'dti' in inv else _SHOW_PERCENT_9(v['dti']) or show('dti', f, META)
    s['ltv'] = show('ltv', f, META) if 'ltv' in inv else _SHOW_PERCENT_9(v['ltv']) or show('ltv', f, META)
    s['reserves_months'] = show(
        'reserves_months', f, META
    ) if 'reserves_months' in inv else _SHOW_MONTHS_10(v['reserves_months']) or show('reserves_months', f, META)
    s['fthb'] = _SHOW_YESNO_11(loan.fthb) or show('fthb', f, META)
    s['credit_events'] = _SHOW_LIST_12(loan.credit_events) or show('credit_events', f, META)
    s['housing_history_months'] = _SHOW_MONTHS_3(loan.housing_history_months) or show('housing_history_months', f, META)
    s['housing_lates'] = _SHOW_LIST_12(loan.housing_lates) or show('housing_lates', f, META)
    s['housing_verification'] = _SHOW_ENUM_0(loan.housing_verification) or show('housing_verification', f, META)
    s['in_forbearance'] = _SHOW_YESNO_11(loan.in_forbearance) or show('in_forbearance', f, META)
    s['payments_since_forbearance'] = _SHOW_INTEGER_13(loan.payments_since_forbearance) or show(
        'payments_since_forbearance', f, META
    )
    s['borrower_contribution_pct'] = _SHOW_PERCENT_4(loan.borrower_contribution_pct) or show(
        'borrower_contribution_pct', f, META
    )
    s['required_reserves'] = _SHOW_MONTHS_10(v['required_reserves']) or show('required_reserves', f, META)
    s['property_type'] = _SHOW_ENUM_0(loan.property_type) or show('property_type', f, META)
    s['state'] = _SHOW_ENUM_0(loan.state) or show('state', f, META)
    s['cash_out_amount'] = _SHOW_MONEY_1(loan.cash_out_amount) or show('cash_out_amount', f, META)
    q_credit_events = (
        'Credit events: ' if s['credit_events'].endswith('listed') else 'Credit events '
    ) + s['credit_events']
    q_housing_lates = (
        'Late housing payments: ' if s['housing_lates'].endswith('listed') else 'Late housing payments '
    ) + s['housing_lates']
    q_housing_verification = (
        'Housing verification: ' if s['housing_verification'].endswith('listed') else 'Housing verification '
    ) + s['housing_verification']
    q_doc_type = ('Documentation type: ' if s['doc_type'].endswith('listed') else 'Documentation type ') + s['doc_type']
    q_property_type = (
        'Property type: ' if s['property_type'].endswith('listed') else 'Property type '
    ) + s['property_type']
    q_state = ('State: ' if s['state'].endswith('listed') else 'State ') + s['state']
    derived = (
        rt.DerivedValue(
            'property_value',
            'Property value',
            rt.derived_value(v['property_value'], 2),
            {'purpose': s['purpose'], 'purchase_price': s['purchase_price'], 'appraised_value': s['appraised_value']},
        ),
        rt.DerivedValue(
            'ltv',
            'LTV',
            rt.derived_value(v['ltv'], 2),
            {'loan_amount': s['loan_amount'], 'property_value': s['property_value']},
        ),
        rt.DerivedValue(
            'senior_liens',
            'Senior liens',
            rt.derived_value(v['senior_liens'], 2),
            {'lien_position': s['lien_position'], 'senior_lien_balance': s['senior_lien_balance']},
        ),
        rt.DerivedValue(
            'cltv',
            'CLTV',
            rt.derived_value(v['cltv'], 2),
            {
                'senior_liens': s['senior_liens'],
                'loan_amount': s['loan_amount'],
                'subordinate_liens': s['subordinate_liens'],
                'property_value': s['property_value'],
            },
        ),
        rt.DerivedValue(
            'heloc_undrawn',
            'Undrawn HELOC credit',
            rt.derived_value(v['heloc_undrawn'], 2),
            {'heloc_line_amount': s['heloc_line_amount'], 'heloc_drawn_balance': s['heloc_drawn_balance']},
        ),
        rt.DerivedValue(
            'hcltv',
            'HCLTV',
            rt.derived_value(v['hcltv'], 2),
            {
                'senior_liens': s['senior_liens'],
                'loan_amount': s['loan_amount'],
                'subordinate_liens': s['subordinate_liens'],
                'heloc_undrawn': s['heloc_undrawn'],
                'property_value': s['property_value'],
            },
        ),
        rt.DerivedValue(
            'eligible_deposits',
            'Eligible deposits',
            rt.derived_value(v['eligible_deposits'], 2),
            {
                'total_deposits': s['total_deposits'],
                'excluded_transfers': s['excluded_transfers'],
                'excluded_nonrecurring': s['excluded_nonrecurring'],
            },
        ),
        rt.DerivedValue(
            'qualifying_income',
            'Qualifying monthly income',
            rt.derived_value(v['qualifying_income'], 2),
            {
                'doc_type': s['doc_type'],
                'eligible_deposits': s['eligible_deposits'],
                'statement_months': s['statement_months'],
                'cpa_expense_ratio': s['cpa_expense_ratio'],
                'ownership_pct': s['ownership_pct'],
                'monthly_income': s['monthly_income'],
            },
        ),
        rt.DerivedValue(
            'dti',
            'DTI',
            rt.derived_value(v['dti'], 2),
            {'pitia': s['pitia'], 'monthly_debts': s['monthly_debts'], 'qualifying_income': s['qualifying_income']},
        ),
        rt.DerivedValue(
            'reserves_months',
            'Reserves',
            rt.derived_value(v['reserves_months'], 2),
            {'liquid_assets': s['liquid_assets'], 'pitia': s['pitia']},
        ),
        rt.DerivedValue(
            'required_reserves',
            'Required reserves',
            rt.derived_value(v['required_reserves'], 0),
            {'loan_amount': s['loan_amount']},
        ),
        rt.DerivedValue(
            'dscr',
            'DSCR',
            rt.derived_value(v['dscr'], 3),
            {'lease_rent': s['lease_rent'], 'market_rent': s['market_rent'], 'pitia': s['pitia']},
        ),
        rt.DerivedValue(
            'days_since_purchase',
            'Days since purchase',
            rt.derived_value(v['days_since_purchase'], 0),
            {'purchase_date': s['purchase_date'], 'application_date': s['application_date']},
        ),
        rt.DerivedValue(
            'payment_shock',
            'Payment shock',
            rt.derived_value(v['payment_shock'], 2),
            {'pitia': s['pitia'], 'current_housing_payment': s['current_housing_payment']},
        ),
    )
    rules = f.rules
    w: list[rt.Finding | None] = []
    # rule non_warrantable_condo: Non-warrantable condo (programs/history/keystone_bank_statement@2025.2.guideline:89)
    w.append(None)
    # rule interest_only: Interest-only (programs/history/keystone_bank_statement@2025.2.guideline:95)
    a, ok = rules[1]
    if a is True and False not in ok and None not in ok:
        r = _RULES[1]
        w.append(rt.Finding(r.id, r.title, 'pass', _MET[1] + ' (Credit score ' + s['fico'] + ').', r.citation, r.where))
    elif a is True and (ok[0] is False):
        r = _RULES[1]
        m = _UNMET[1] + ' (Credit score ' + s['fico'] + ').'
        w.append(rt.Finding(r.id, r.title, 'fail', m, r.citation, r.where))
    else:
        w.append(None)
    # rule declining_market: Declining market (programs/history/keystone_bank_statement@2025.2.guideline:101)
    w.append(None)
    # rule rural: Rural property (programs/history/keystone_bank_statement@2025.2.guideline:106)
    w.append(None)
    # rule min_fico: Minimum credit score (programs/history/keystone_bank_statement@2025.2.guideline:113)
    a, ok = rules[4]
    if a is True and False not in ok and None not in ok:
        r = _RULES[4]
        w.append(rt.Finding(r.id, r.title, 'pass', _MET[4] + ' (Credit score ' + s['fico'] + ').', r.citation, r.where))
    elif a is True and (ok[0] is False):
        r = _RULES[4]
        m = _UNMET[4] + ' (Credit score ' + s['fico'] + ').'
        w.append(rt.Finding(r.id, r.title, 'fail', m, r.citation, r.where))
    else:
        w.append(None)
    # rule max_dti: Maximum DTI (programs/history/keystone_bank_statement@2025.2.guideline:117)
    a, ok = rules[5]
    if a is True and False not in ok and None not in ok and not (
        inv and ('dti' in inv or 'ltv' in inv or 'reserves_months' in inv)
    ):
        r = _RULES[5]
        w.append(
            rt.Finding(
                r.id,
                r.title,
                'pass',
                _MET[5] + ' (DTI ' + s['dti'] + ', Credit score ' + s['fico'] + ', LTV ' + s['ltv'] + ', Reserves ' + s[
                    'reserves_months'
                ] + ', First-time home buyer ' + s['fthb'] + ').',
                r.citation,
                r.where,
            )
        )
    elif a is True and (ok[0] is False or (inv and ('dti' in inv or 'ltv' in inv or 'reserves_months' in inv))):
        r = _RULES[5]
        m = _UNMET[5] + ' (DTI ' + s['dti'] + ', Credit score ' + s['fico'] + ', LTV ' + s['ltv'] + ', Reserves ' + s[
            'reserves_months'
        ] + ', First-time home buyer ' + s['fthb'] + ').'
        w.append(rt.Finding(r.id, r.title, 'fail', m, r.citation, r.where))
    else:
        w.append(None)
    # rule credit_event_seasoning: Credit event seasoning
    # (programs/history/keystone_bank_statement@2025.2.guideline:122)
    a, ok = rules[6]
    if a is True and False not in ok and None not in ok:
        r = _RULES[6]
        w.append(rt.Finding(r.id, r.title, 'pass', _MET[6] + ' (' + q_credit_events + ').', r.citation, r.where))
    else:
        w.append(None)
    # rule housing_history_12_months: Housing history, 12 months
    # (programs/history/keystone_bank_statement@2025.2.guideline:134)
    a, ok = rules[7]
    if a is True and False not in ok and None not in ok:
        r = _RULES[7]
        w.append(
            rt.Finding(
                r.id,
                r.title,
                'pass',
                _MET[7] + ' (Housing history documented ' + s[
                    'housing_history_months'
                ] + ', ' + q_housing_lates + ', ' + q_housing_verification + ').',
                r.citation,
                r.where,
            )
        )
    else:
        w.append(None)
    # rule forbearance: Forbearance (programs/history/keystone_bank_statement@2025.2.guideline:141)
    a, ok = rules[8]
    if a is True and False not in ok and None not in ok:
        r = _RULES[8]
        w.append(
            rt.Finding(
                r.id, r.title, 'pass', _MET[8] + ' (In forbearance ' + s['in_forbearance'] + ').', r.citation, r.where
            )
        )
    elif a is True and (ok[0] is False):
        r = _RULES[8]
        m = _UNMET[8] + ' (In forbearance ' + s['in_forbearance'] + ').'
        w.append(rt.Finding(r.id, r.title, 'fail', m, r.citation, r.where))
    else:
        w.append(None)
    # rule after_forbearance: After forbearance (programs/history/keystone_bank_statement@2025.2.guideline:145)
    a, ok = rules[9]
    if a is True and False not in ok and None not in ok:
        r = _RULES[9]
        w.append(
            rt.Finding(
                r.id,
                r.title,
                'pass',
                _MET[9] + ' (Payments since forbearance ' + s['payments_since_forbearance'] + ').',
                r.citation,
                r.where,
            )
        )
    elif a is True and (ok[0] is False):
        r = _RULES[9]
        m = _UNMET[9] + ' (Payments since forbearance ' + s['payments_since_forbearance'] + ').'
        w.append(rt.Finding(r.id, r.title, 'fail', m, r.citation, r.where))
    else:
        w.append(None)
    # rule after_forbearance_cash_out: After forbearance, cash-out
    # (programs/history/keystone_bank_statement@2025.2.guideline:150)
    w.append(None)
    # rule rent_free: Rent-free borrowers (programs/history/keystone_bank_statement@2025.2.guideline:155)
    a, ok = rules[11]
    if a is True and False not in ok and None not in ok:
        r = _RULES[11]
        w.append(
            rt.Finding(
                r.id,
                r.title,
                'pass',
                _MET[11] + ' (Borrower contribution ' + s['borrower_contribution_pct'] + ').',
                r.citation,
                r.where,
            )
        )
    elif a is True and (ok[0] is False):
        r = _RULES[11]
        m = _UNMET[11] + ' (Borrower contribution ' + s['borrower_contribution_pct'] + ').'
        w.append(rt.Finding(r.id, r.title, 'fail', m, r.citation, r.where))
    else:
        w.append(None)
    # rule doc_types: Documentation types (programs/history/keystone_bank_statement@2025.2.guideline:164)
    a, ok = rules[12]
    if a is True and False not in ok and None not in ok:
        r = _RULES[12]
        w.append(rt.Finding(r.id, r.title, 'pass', _MET[12] + ' (' + q_doc_type + ').', r.citation, r.where))
    elif a is True and (ok[0] is False):
        r = _RULES[12]
        m = _UNMET[12] + ' (' + q_doc_type + ').'
        w.append(rt.Finding(r.id, r.title, 'fail', m, r.citation, r.where))
    else:
        w.append(None)
    # rule business_ownership: Business ownership (programs/history/keystone_bank_statement@2025.2.guideline:168)
    a, ok = rules[13]
    if a is True and False not in ok and None not in ok:
        r = _RULES[13]
        w.append(
            rt.Finding(
                r.id, r.title, 'pass', _MET[13] + ' (Ownership share ' + s['ownership_pct'] + ').', r.citation, r.where
            )
        )
    elif a is True and (ok[0] is False):
        r = _RULES[13]
        m = _UNMET[13] + ' (Ownership share ' + s['ownership_pct'] + ').'
        w.append(rt.Finding(r.id, r.title, 'fail', m, r.citation, r.where))
    else:
        w.append(None)
    # rule reserves: Reserves (programs/history/keystone_bank_statement@2025.2.guideline:181)
    a, ok = rules[14]
    if a is True and False not in ok and None not in ok and not (inv and ('reserves_months' in inv)):
        r = _RULES[14]
        w.append(
            rt.Finding(
                r.id,
                r.title,
                'pass',
                _MET[14] + ' (Reserves ' + s['reserves_months'] + ', Required reserves ' + s[
                    'required_reserves'
                ] + ').',
                r.citation,
                r.where,
            )
        )
    elif a is True and (ok[0] is False or (inv and ('reserves_months' in inv))):
        r = _RULES[14]
        m = _UNMET[14] + ' (Reserves ' + s['reserves_months'] + ', Required reserves ' + s['required_reserves'] + ').'
        w.append(rt.Finding(r.id, r.title, 'fail', m, r.citation, r.where))
    else:
        w.append(None)
    # rule loan_amount_range: Loan amount (programs/history/keystone_bank_statement@2025.2.guideline:187)
    a, ok = rules[15]
    if a is True and False not in ok and None not in ok:
        r = _RULES[15]
        w.append(
            rt.Finding(
                r.id, r.title, 'pass', _MET[15] + ' (Loan amount ' + s['loan_amount'] + ').', r.citation, r.where
            )
        )
    elif a is True and (ok[0] is False):
        r = _RULES[15]
        m = _UNMET[15] + ' (Loan amount ' + s['loan_amount'] + ').'
        w.append(rt.Finding(r.id, r.title, 'fail', m, r.citation, r.where))
    else:
        w.append(None)
    # rule property_types: Property types (programs/history/keystone_bank_statement@2025.2.guideline:191)
    a, ok = rules[16]
    if a is True and False not in ok and None not in ok:
        r = _RULES[16]
        w.append(rt.Finding(r.id, r.title, 'pass', _MET[16] + ' (' + q_property_type + ').', r.citation, r.where))
    elif a is True and (ok[0] is False):
        r = _RULES[16]
        m = _UNMET[16] + ' (' + q_property_type + ').'
        w.append(rt.Finding(r.id, r.title, 'fail', m, r.citation, r.where))
    else:
        w.append(None)
    # rule excluded_states: State restrictions (programs/history/keystone_bank_statement@2025.2.guideline:195)
    a, ok = rules[17]
    if a is True and False not in ok and None not in ok:
        r = _RULES[17]
        w.append(rt.Finding(r.id, r.title, 'pass', _MET[17] + ' (' + q_state + ').', r.citation, r.where))
    elif a is True and (ok[0] is False):
        r = _RULES[17]
        m = _UNMET[17] + ' (' + q_state + ').'
        w.append(rt.Finding(r.id, r.title, 'fail', m, r.citation, r.where))
    else:
        w.append(None)
    # rule second_appraisal: Second appraisal (programs/history/keystone_bank_statement@2025.2.guideline:199)
    w.append(None)
    # rule max_cash_out: Maximum cash-out (programs/history/keystone_bank_statement@2025.2.guideline:204)
    a, ok = rules[19]
    if a is True and False not in ok and None not in ok:
        r = _RULES[19]
        w.append(
            rt.Finding(
                r.id,
                r.title,
                'pass',
                _MET[19] + ' (Cash-out amount ' + s['cash_out_amount'] + ').',
                r.citation,
                r.where,
            )
        )
    elif a is True and (ok[0] is False):
        r = _RULES[19]
        m = _UNMET[19] + ' (Cash-out amount ' + s['cash_out_amount'] + ').'
        w.append(rt.Finding(r.id, r.title, 'fail', m, r.citation, r.where))
    else:
        w.append(None)
    return rt.decide(META, f, derived, w)


_GROUPS_credit_events = dict[Any, tuple[int, ...]]({
    'fc': (0,),
    'ss': (1,),
    'dil': (1,),
    'mod': (1,),
    'nod': (2,),
    'dq120': (2,),
    'bk7': (3,),
    'bk11': (3,),
    'bk13': (4,),
})
_NEVER = rt.NEVER
_NEVERS_5 = (rt.NEVER, rt.NEVER, rt.NEVER, rt.NEVER, rt.NEVER,)
_MONTHS_BETWEEN = rt.months_between
_UP_DIVIDE = rt.up_divide
_UP_QUANTIZE = rt.up_quantize
_DOWN_QUANTIZE = rt.down_quantize
_DOWN_DIVIDE = rt.down_divide
_APPLIES = {
    ('primary', 'purchase'): (True, False, False, False, False),
    ('primary', 'rate_term'): (False, True, False, False, False),
    ('primary', 'cash_out'): (False, False, True, False, False),
    ('primary', None): (None, None, None, False, False),
    ('second_home', 'purchase'): (False, False, False, True, False),
    ('second_home', 'rate_term'): (False, False, False, True, False),
    ('second_home', 'cash_out'): (False, False, False, False, False),
    ('second_home', None): (False, False, False, None, False),
    ('investment', 'purchase'): (False, False, False, False, True),
    ('investment', 'rate_term'): (False, False, False, False, True),
    ('investment', 'cash_out'): (False, False, False, False, True),
    ('investment', None): (False, False, False, False, True),
    (None, 'purchase'): (None, False, False, None, None),
    (None, 'rate_term'): (False, None, False, None, None),
    (None, 'cash_out'): (False, False, None, False, None),
    (None, None): (None, None, None, None, None),
}
_WHICH = dict[Any, int]({
    ('primary', 'purchase'): 0,
    ('primary', 'rate_term'): 1,
    ('primary', 'cash_out'): 2,
    ('second_home', 'purchase'): 3,
    ('second_home', 'rate_term'): 3,
    ('second_home', 'cash_out'): -1,
    ('investment', 'purchase'): 4,
    ('investment', 'rate_term'): 4,
    ('investment', 'cash_out'): 4,
    ('investment', None): 4,
})
_D1500000 = Decimal("1500000")
_CELLS_primary_purchase = (
    (
        (Decimal("90"), Decimal("90")),
        (Decimal("85"), Decimal("85")),
        (Decimal("80"), Decimal("80")),
        (Decimal("75"), Decimal("75")),
    ),
    (
        (Decimal("90"), Decimal("90")),
        (Decimal("85"), Decimal("85")),
        (Decimal("80"), Decimal("80")),
        (Decimal("70"), Decimal("70")),
    ),
    (
        (Decimal("80"), Decimal("80")),
        (Decimal("80"), Decimal("80")),
        (Decimal("75"), Decimal("75")),
        (Decimal("65"), Decimal("65")),
    ),
    ((Decimal("80"), Decimal("80")), (Decimal("80"), Decimal("80")), (Decimal("70"), Decimal("70")), None),
    ((Decimal("75"), Decimal("75")), (Decimal("70"), Decimal("70")), None, None),
)
_CELLS_primary_rate_term = (
    ((Decimal("85"), Decimal("85")), (Decimal("80"), Decimal("80")), (Decimal("70"), Decimal("70"))),
    ((Decimal("85"), Decimal("85")), (Decimal("80"), Decimal("80")), (Decimal("70"), Decimal("70"))),
    ((Decimal("80"), Decimal("80")), (Decimal("75"), Decimal("75")), (Decimal("65"), Decimal("65"))),
    ((Decimal("75"), Decimal("75")), (Decimal("75"), Decimal("75")), None),
    ((Decimal("70"), Decimal("70")), (Decimal("65"), Decimal("65")), None),
)
_CELLS_primary_cash_out = (
    (
        (Decimal("80"), Decimal("80")),
        (Decimal("75"), Decimal("75")),
        (Decimal("70"), Decimal("70")),
        (Decimal("65"), Decimal("65")),
    ),
    (
        (Decimal("80"), Decimal("80")),
        (Decimal("75"), Decimal("75")),
        (Decimal("70"), Decimal("70")),
        (Decimal("60"), Decimal("60")),
    ),
    ((Decimal("80"), Decimal("80")), (Decimal("70"), Decimal("70")), (Decimal("65"), Decimal("65")), None),
    ((Decimal("70"), Decimal("70")), (Decimal("65"), Decimal("65")), None, None),
    ((Decimal("65"), Decimal("65")), None, None, None),
)
_CELLS_second_home = (
    ((Decimal("85"), Decimal("85")), (Decimal("80"), Decimal("80")), (Decimal("75"), Decimal("75"))),
    ((Decimal("85"), Decimal("85")), (Decimal("80"), Decimal("80")), (Decimal("75"), Decimal("75"))),
    ((Decimal("80"), Decimal("80")), (Decimal("75"), Decimal("75")), (Decimal("70"), Decimal("70"))),
    ((Decimal("75"), Decimal("75")), (Decimal("70"), Decimal("70")), None),
    ((Decimal("70"), Decimal("70")), None, None),
)
_CELLS_investment = (
    ((Decimal("80"), Decimal("80")), (Decimal("75"), Decimal("75")), (Decimal("70"), Decimal("70"))),
    ((Decimal("80"), Decimal("80")), (Decimal("75"), Decimal("75")), (Decimal("70"), Decimal("70"))),
    ((Decimal("75"), Decimal("75")), (Decimal("70"), Decimal("70")), (Decimal("65"), Decimal("65"))),
    ((Decimal("70"), Decimal("70")), (Decimal("65"), Decimal("65")), None),
)
_D5 = Decimal("5")
_D75 = Decimal("75")
_TUPLE_NEW = tuple.__new__
_VERDICT = rt.Verdict


def check_fast(loan: Loan) -> rt.Verdict:
    """The same decision without its wording: status, limits with their binding rules, failing rule ids.

    The generic verdict (tests/oracles/verdict.py) unrolled for this program: derived values as locals, matrix bands
    as `if` chains, each rule's outcome inline, each limit's arithmetic written out. A rule's requirements are
    computed only when it may apply.
    """
    failed: list[str] = []
    unresolved: list[str] = []
    applies: bool | None
    ok: bool | None
    base_max_ltv: Decimal | None = None  # the lowest cell for max_ltv so far
    base_max_ltv_by = ''
    refused_max_ltv: str | None = None  # the first matrix refusing the loan (N/A, outside)
    unread_max_ltv = False  # a matrix giving it cannot be read (a `when` or key unknown)
    covered: bool | None = False  # whether some matrix applies
    outside: dict[str, tuple[int, int]] | None = None  # matrix -> (place in `failed`, axis) of a key outside its bands
    # the one matrix that applies, by occupancy, purpose (-1: none); not listed (unknown, more than one may apply): each
    # matrix as written below
    f_purpose = loan.purpose
    f_occupancy = loan.occupancy
    which = _WHICH.get((f_occupancy, f_purpose), -2)
    f_loan_amount = loan.loan_amount
    f_fico = loan.fico
    if which == 0:  # matrix primary_purchase alone
        covered = True
        if f_fico is None:
            unresolved.append('primary_purchase')
            unread_max_ltv = True
        # fico: 740+, 720-739, 700-719, 680-699, 660-679
        elif (
            row := (
                0 if f_fico >= 740
                else 1 if f_fico >= 720
                else 2 if f_fico >= 700
                else 3 if f_fico >= 680
                else 4 if f_fico >= 660
                else -1
            )
        ) < 0:
            failed.append('primary_purchase')
            refused_max_ltv = refused_max_ltv or 'primary_purchase'
            if outside is None:
                outside = {}
            outside['primary_purchase'] = (len(failed) - 1, 0)
        elif f_loan_amount is None:
            unresolved.append('primary_purchase')
            unread_max_ltv = True
        # loan_amount: up to $1,000,000, $1,000,001-$1,500,000, $1,500,001-$2,000,000, $2,000,001-$3,000,000
        elif (
            col := (
                0 if f_loan_amount <= _D1000000
                else 1 if f_loan_amount <= _D1500000
                else 2 if f_loan_amount <= _D2000000
                else 3 if f_loan_amount <= _D3000000
                else -1
            )
        ) < 0:
            failed.append('primary_purchase')
            refused_max_ltv = refused_max_ltv or 'primary_purchase'
            if outside is None:
                outside = {}
            outside['primary_purchase'] = (len(failed) - 1, 1)
        elif (cell := _CELLS_primary_purchase[row][col]) is None:
            failed.append('primary_purchase')  # N/A
            refused_max_ltv = refused_max_ltv or 'primary_purchase'
        else:
            base_max_ltv, base_max_ltv_by = cell[0], 'primary_purchase'
    elif which == 1:  # matrix primary_rate_term alone
        covered = True
        if f_fico is None:
            unresolved.append('primary_rate_term')
            unread_max_ltv = True
        # fico: 740+, 720-739, 700-719, 680-699, 660-679
        elif (
            row := (
                0 if f_fico >= 740
                else 1 if f_fico >= 720
                else 2 if f_fico >= 700
                else 3 if f_fico >= 680
                else 4 if f_fico >= 660
                else -1
            )
        ) < 0:
            failed.append('primary_rate_term')
            refused_max_ltv = refused_max_ltv or 'primary_rate_term'
            if outside is None:
                outside = {}
            outside['primary_rate_term'] = (len(failed) - 1, 0)
        elif f_loan_amount is None:
            unresolved.append('primary_rate_term')
            unread_max_ltv = True
        # loan_amount: up to $1,000,000, $1,000,001-$1,500,000, $1,500,001-$3,000,000
        elif (
            col := (
                0 if f_loan_amount <= _D1000000
                else 1 if f_loan_amount <= _D1500000
                else 2 if f_loan_amount <= _D3000000
                else -1
            )
        ) < 0:
            failed.append('primary_rate_term')
            refused_max_ltv = refused_max_ltv or 'primary_rate_term'
            if outside is None:
                outside = {}
            outside['primary_rate_term'] = (len(failed) - 1, 1)
        elif (cell := _CELLS_primary_rate_term[row][col]) is None:
            failed.append('primary_rate_term')  # N/A
            refused_max_ltv = refused_max_ltv or 'primary_rate_term'
        else:
            base_max_ltv, base_max_ltv_by = cell[0], 'primary_rate_term'
    elif which == 2:  # matrix primary_cash_out alone
        covered = True
        if f_fico is None:
            unresolved.append('primary_cash_out')
            unread_max_ltv = True
        # fico: 740+, 720-739, 700-719, 680-699, 660-679
        elif (
            row := (
                0 if f_fico >= 740
                else 1 if f_fico >= 720
                else 2 if f_fico >= 700
                else 3 if f_fico >= 680
                else 4 if f_fico >= 660
                else -1
            )
        ) < 0:
            failed.append('primary_cash_out')
            refused_max_ltv = refused_max_ltv or 'primary_cash_out'
            if outside is None:
                outside = {}
            outside['primary_cash_out'] = (len(failed) - 1, 0)
        elif f_loan_amount is None:
            unresolved.append('primary_cash_out')
            unread_max_ltv = True
        # loan_amount: up to $1,000,000, $1,000,001-$1,500,000, $1,500,001-$2,000,000, $2,000,001-$3,000,000
        elif (
            col := (
                0 if f_loan_amount <= _D1000000
                else 1 if f_loan_amount <= _D1500000
                else 2 if f_loan_amount <= _D2000000
                else 3 if f_loan_amount <= _D3000000
                else -1
            )
        ) < 0:
            failed.append('primary_cash_out')
            refused_max_ltv = refused_max_ltv or 'primary_cash_out'
            if outside is None:
                outside = {}
            outside['primary_cash_out'] = (len(failed) - 1, 1)
        elif (cell := _CELLS_primary_cash_out[row][col]) is None:
            failed.append('primary_cash_out')  # N/A
            refused_max_ltv = refused_max_ltv or 'primary_cash_out'
        else:
            base_max_ltv, base_max_ltv_by = cell[0], 'primary_cash_out'
    elif which == 3:  # matrix second_home alone
        covered = True
        if f_fico is None:
            unresolved.append('second_home')
            unread_max_ltv = True
        # fico: 740+, 720-739, 700-719, 680-699, 660-679
        elif (
            row := (
                0 if f_fico >= 740
                else 1 if f_fico >= 720
                else 2 if f_fico >= 700
                else 3 if f_fico >= 680
                else 4 if f_fico >= 660
                else -1
            )
        ) < 0:
            failed.append('second_home')
            refused_max_ltv = refused_max_ltv or 'second_home'
            if outside is None:
                outside = {}
            outside['second_home'] = (len(failed) - 1, 0)
        elif f_loan_amount is None:
            unresolved.append('second_home')
            unread_max_ltv = True
        # loan_amount: up to $1,000,000, $1,000,001-$1,500,000, $1,500,001-$2,000,000
        elif (
            col := (
                0 if f_loan_amount <= _D1000000
                else 1 if f_loan_amount <= _D1500000
                else 2 if f_loan_amount <= _D2000000
                else -1
            )
        ) < 0:
            failed.append('second_home')
            refused_max_ltv = refused_max_ltv or 'second_home'
            if outside is None:
                outside = {}
            outside['second_home'] = (len(failed) - 1, 1)
        elif (cell := _CELLS_second_home[row][col]) is None:
            failed.append('second_home')  # N/A
            refused_max_ltv = refused_max_ltv or 'second_home'
        else:
            base_max_ltv, base_max_ltv_by = cell[0], 'second_home'
    elif which == 4:  # matrix investment alone
        covered = True
        if f_fico is None:
            unresolved.append('investment')
            unread_max_ltv = True
        # fico: 740+, 720-739, 700-719, 680-699
        elif (
            row := (0 if f_fico >= 740 else 1 if f_fico >= 720 else 2 if f_fico >= 700 else 3 if f_fico >= 680 else -1)
        ) < 0:
            failed.append('investment')
            refused_max_ltv = refused_max_ltv or 'investment'
            if outside is None:
                outside = {}
            outside['investment'] = (len(failed) - 1, 0)
        elif f_loan_amount is None:
            unresolved.append('investment')
            unread_max_ltv = True
        # loan_amount: up to $1,000,000, $1,000,001-$1,500,000, $1,500,001-$2,000,000
        elif (
            col := (
                0 if f_loan_amount <= _D1000000
                else 1 if f_loan_amount <= _D1500000
                else 2 if f_loan_amount <= _D2000000
                else -1
            )
        ) < 0:
            failed.append('investment')
            refused_max_ltv = refused_max_ltv or 'investment'
            if outside is None:
                outside = {}
            outside['investment'] = (len(failed) - 1, 1)
        elif (cell := _CELLS_investment[row][col]) is None:
            failed.append('investment')  # N/A
            refused_max_ltv = refused_max_ltv or 'investment'
        else:
            base_max_ltv, base_max_ltv_by = cell[0], 'investment'
    elif which == -2:
        applying = _APPLIES.get((f_occupancy, f_purpose)) or (
            (
                False if (_t13 := (None if f_occupancy is None else f_occupancy in {'primary'})) is False
                    or (_t14 := (None if f_purpose is None else f_purpose in {'purchase'})) is False
                else None if _t13 is None or _t14 is None
                else True
            ),
            (
                False if (_t15 := (None if f_occupancy is None else f_occupancy in {'primary'})) is False
                    or (_t16 := (None if f_purpose is None else f_purpose in {'rate_term'})) is False
                else None if _t15 is None or _t16 is None
                else True
            ),
            (
                False if (_t17 := (None if f_occupancy is None else f_occupancy in {'primary'})) is False
                    or (_t18 := (None if f_purpose is None else f_purpose in {'cash_out'})) is False
                else None if _t17 is None or _t18 is None
                else True
            ),
            (
                False if (_t19 := (None if f_occupancy is None else f_occupancy in {'second_home'})) is False
                    or (_t20 := (None if f_purpose is None else f_purpose in {'purchase', 'rate_term'})) is False
                else None if _t19 is None or _t20 is None
                else True
            ),
            (None if f_occupancy is None else f_occupancy in {'investment'}),
        )
        # matrix primary_purchase: Primary residence, purchase
        # (programs/history/keystone_bank_statement@2025.2.guideline:23; §2.1 Matrix A, p. 4); cells in
        # _CELLS_primary_purchase
        applies = applying[0]
        if applies is None:
            unresolved.append('primary_purchase')
            unread_max_ltv = True
            if covered is False:
                covered = None
        elif applies:
            covered = True
            if f_fico is None:
                unresolved.append('primary_purchase')
                unread_max_ltv = True
            # fico: 740+, 720-739, 700-719, 680-699, 660-679
            elif (
                row := (
                    0 if f_fico >= 740
                    else 1 if f_fico >= 720
                    else 2 if f_fico >= 700
                    else 3 if f_fico >= 680
                    else 4 if f_fico >= 660
                    else -1
                )
            ) < 0:
                failed.append('primary_purchase')
                refused_max_ltv = refused_max_ltv or 'primary_purchase'
                if outside is None:
                    outside = {}
                outside['primary_purchase'] = (len(failed) - 1, 0)
            elif f_loan_amount is None:
                unresolved.append('primary_purchase')
                unread_max_ltv = True
            # loan_amount: up to $1,000,000, $1,000,001-$1,500,000, $1,500,001-$2,000,000, $2,000,001-$3,000,000
            elif (
                col := (
                    0 if f_loan_amount <= _D1000000
                    else 1 if f_loan_amount <= _D1500000
                    else 2 if f_loan_amount <= _D2000000
                    else 3 if f_loan_amount <= _D3000000
                    else -1
                )
            ) < 0:
                failed.append('primary_purchase')
                refused_max_ltv = refused_max_ltv or 'primary_purchase'
                if outside is None:
                    outside = {}
                outside['primary_purchase'] = (len(failed) - 1, 1)
            elif (cell := _CELLS_primary_purchase[row][col]) is None:
                failed.append('primary_purchase')  # N/A
                refused_max_ltv = refused_max_ltv or 'primary_purchase'
            else:
                if (given := cell[0]) is not None and (base_max_ltv is None or given < base_max_ltv):
                    base_max_ltv, base_max_ltv_by = given, 'primary_purchase'
        # matrix primary_rate_term: Primary residence, rate/term refinance
        # (programs/history/keystone_bank_statement@2025.2.guideline:36; §2.1 Matrix B, p. 4); cells in
        # _CELLS_primary_rate_term
        applies = applying[1]
        if applies is None:
            unresolved.append('primary_rate_term')
            unread_max_ltv = True
            if covered is False:
                covered = None
        elif applies:
            covered = True
            if f_fico is None:
                unresolved.append('primary_rate_term')
                unread_max_ltv = True
            # fico: 740+, 720-739, 700-719, 680-699, 660-679
            elif (
                row := (
                    0 if f_fico >= 740
                    else 1 if f_fico >= 720
                    else 2 if f_fico >= 700
                    else 3 if f_fico >= 680
                    else 4 if f_fico >= 660
                    else -1
                )
            ) < 0:
                failed.append('primary_rate_term')
                refused_max_ltv = refused_max_ltv or 'primary_rate_term'
                if outside is None:
                    outside = {}
                outside['primary_rate_term'] = (len(failed) - 1, 0)
            elif f_loan_amount is None:
                unresolved.append('primary_rate_term')
                unread_max_ltv = True
            # loan_amount: up to $1,000,000, $1,000,001-$1,500,000, $1,500,001-$3,000,000
            elif (
                col := (
                    0 if f_loan_amount <= _D1000000
                    else 1 if f_loan_amount <= _D1500000
                    else 2 if f_loan_amount <= _D3000000
                    else -1
                )
            ) < 0:
                failed.append('primary_rate_term')
                refused_max_ltv = refused_max_ltv or 'primary_rate_term'
                if outside is None:
                    outside = {}
                outside['primary_rate_term'] = (len(failed) - 1, 1)
            elif (cell := _CELLS_primary_rate_term[row][col]) is None:
                failed.append('primary_rate_term')  # N/A
                refused_max_ltv = refused_max_ltv or 'primary_rate_term'
            else:
                if (given := cell[0]) is not None and (base_max_ltv is None or given < base_max_ltv):
                    base_max_ltv, base_max_ltv_by = given, 'primary_rate_term'
        # matrix primary_cash_out: Primary residence, cash-out refinance
        # (programs/history/keystone_bank_statement@2025.2.guideline:49; §2.1 Matrix C, p. 5); cells in
        # _CELLS_primary_cash_out
        applies = applying[2]
        if applies is None:
            unresolved.append('primary_cash_out')
            unread_max_ltv = True
            if covered is False:
                covered = None
        elif applies:
            covered = True
            if f_fico is None:
                unresolved.append('primary_cash_out')
                unread_max_ltv = True
            # fico: 740+, 720-739, 700-719, 680-699, 660-679
            elif (
                row := (
                    0 if f_fico >= 740
                    else 1 if f_fico >= 720
                    else 2 if f_fico >= 700
                    else 3 if f_fico >= 680
                    else 4 if f_fico >= 660
                    else -1
                )
            ) < 0:
                failed.append('primary_cash_out')
                refused_max_ltv = refused_max_ltv or 'primary_cash_out'
                if outside is None:
                    outside = {}
                outside['primary_cash_out'] = (len(failed) - 1, 0)
            elif f_loan_amount is None:
                unresolved.append('primary_cash_out')
                unread_max_ltv = True
            # loan_amount: up to $1,000,000, $1,000,001-$1,500,000, $1,500,001-$2,000,000, $2,000,001-$3,000,000
            elif (
                col := (
                    0 if f_loan_amount <= _D1000000
                    else 1 if f_loan_amount <= _D1500000
                    else 2 if f_loan_amount <= _D2000000
                    else 3 if f_loan_amount <= _D3000000
                    else -1
                )
            ) < 0:
                failed.append('primary_cash_out')
                refused_max_ltv = refused_max_ltv or 'primary_cash_out'
                if outside is None:
                    outside = {}
                outside['primary_cash_out'] = (len(failed) - 1, 1)
            elif (cell := _CELLS_primary_cash_out[row][col]) is None:
                failed.append('primary_cash_out')  # N/A
                refused_max_ltv = refused_max_ltv or 'primary_cash_out'
            else:
                if (given := cell[0]) is not None and (base_max_ltv is None or given < base_max_ltv):
                    base_max_ltv, base_max_ltv_by = given, 'primary_cash_out'
        # matrix second_home: Second home, purchase and rate/term
        # (programs/history/keystone_bank_statement@2025.2.guideline:62; §2.2 Matrix D, p. 5); cells in
        # _CELLS_second_home
        applies = applying[3]
        if applies is None:
            unresolved.append('second_home')
            unread_max_ltv = True
            if covered is False:
                covered = None
        elif applies:
            covered = True
            if f_fico is None:
                unresolved.append('second_home')
                unread_max_ltv = True
            # fico: 740+, 720-739, 700-719, 680-699, 660-679
            elif (
                row := (
                    0 if f_fico >= 740
                    else 1 if f_fico >= 720
                    else 2 if f_fico >= 700
                    else 3 if f_fico >= 680
                    else 4 if f_fico >= 660
                    else -1
                )
            ) < 0:
                failed.append('second_home')
                refused_max_ltv = refused_max_ltv or 'second_home'
                if outside is None:
                    outside = {}
                outside['second_home'] = (len(failed) - 1, 0)
            elif f_loan_amount is None:
                unresolved.append('second_home')
                unread_max_ltv = True
            # loan_amount: up to $1,000,000, $1,000,001-$1,500,000, $1,500,001-$2,000,000
            elif (
                col := (
                    0 if f_loan_amount <= _D1000000
                    else 1 if f_loan_amount <= _D1500000
                    else 2 if f_loan_amount <= _D2000000
                    else -1
                )
            ) < 0:
                failed.append('second_home')
                refused_max_ltv = refused_max_ltv or 'second_home'
                if outside is None:
                    outside = {}
                outside['second_home'] = (len(failed) - 1, 1)
            elif (cell := _CELLS_second_home[row][col]) is None:
                failed.append('second_home')  # N/A
                refused_max_ltv = refused_max_ltv or 'second_home'
            else:
                if (given := cell[0]) is not None and (base_max_ltv is None or given < base_max_ltv):
                    base_max_ltv, base_max_ltv_by = given, 'second_home'
        # matrix investment: Investment property, all purposes
        # (programs/history/keystone_bank_statement@2025.2.guideline:75; §2.3 Matrix E, p. 6); cells in
        # _CELLS_investment
        applies = applying[4]
        if applies is None:
            unresolved.append('investment')
            unread_max_ltv = True
            if covered is False:
                covered = None
        elif applies:
            covered = True
            if f_fico is None:
                unresolved.append('investment')
                unread_max_ltv = True
            # fico: 740+, 720-739, 700-719, 680-699
            elif (
                row := (
                    0 if f_fico >= 740 else 1 if f_fico >= 720 else 2 if f_fico >= 700 else 3 if f_fico >= 680 else -1
                )
            ) < 0:
                failed.append('investment')
                refused_max_ltv = refused_max_ltv or 'investment'
                if outside is None:
                    outside = {}
                outside['investment'] = (len(failed) - 1, 0)
            elif f_loan_amount is None:
                unresolved.append('investment')
                unread_max_ltv = True
            # loan_amount: up to $1,000,000, $1,000,001-$1,500,000, $1,500,001-$2,000,000
            elif (
                col := (
                    0 if f_loan_amount <= _D1000000
                    else 1 if f_loan_amount <= _D1500000
                    else 2 if f_loan_amount <= _D2000000
                    else -1
                )
            ) < 0:
                failed.append('investment')
                refused_max_ltv = refused_max_ltv or 'investment'
                if outside is None:
                    outside = {}
                outside['investment'] = (len(failed) - 1, 1)
            elif (cell := _CELLS_investment[row][col]) is None:
                failed.append('investment')  # N/A
                refused_max_ltv = refused_max_ltv or 'investment'
            else:
                if (given := cell[0]) is not None and (base_max_ltv is None or given < base_max_ltv):
                    base_max_ltv, base_max_ltv_by = given, 'investment'
    if covered is False:
        failed.append("eligibility_matrix")
    # rule non_warrantable_condo: Non-warrantable condo (programs/history/keystone_bank_statement@2025.2.guideline:89;
    # §3.1, p. 7)
    f_property_type = loan.property_type
    a_non_warrantable_condo = (None if f_property_type is None else f_property_type in {'condo_non_warrantable'})
    if a_non_warrantable_condo is None:
        unresolved.append('non_warrantable_condo')
    # rule interest_only: Interest-only (programs/history/keystone_bank_statement@2025.2.guideline:95; §3.2, p. 7)
    a_interest_only = loan.interest_only
    f_fico_no_score = loan.fico_no_score
    if a_interest_only is not False:
        if a_interest_only is None:  # may apply: missing unless the requirement is met
            if f_fico_no_score or f_fico is None or not (f_fico >= 680):
                unresolved.append('interest_only')
        elif f_fico_no_score:
            failed.append('interest_only')
        elif f_fico is None:
            unresolved.append('interest_only')
        elif not (f_fico >= 680):
            failed.append('interest_only')
    # rule declining_market: Declining market (programs/history/keystone_bank_statement@2025.2.guideline:101; §3.3, p.
    # 7)
    a_declining_market = loan.declining_market
    if a_declining_market is None:
        unresolved.append('declining_market')
    # rule rural: Rural property (programs/history/keystone_bank_statement@2025.2.guideline:106; §3.4, p. 6)
    a_rural = loan.rural
    if a_rural is None:
        unresolved.append('rural')
    # rule min_fico: Minimum credit score (programs/history/keystone_bank_statement@2025.2.guideline:113; §4.1, p. 8)
    if f_fico_no_score:
        failed.append('min_fico')
    elif f_fico is None:
        unresolved.append('min_fico')
    elif not (f_fico >= 660):
        failed.append('min_fico')
    # rule max_dti: Maximum DTI (programs/history/keystone_bank_statement@2025.2.guideline:117; §4.2, p. 8)
    f_purchase_price = loan.purchase_price
    f_appraised_value = loan.appraised_value
    # Property value (programs/loan.fields:296)
    v_property_value = (
        None if f_purpose is None
        else (
            None if f_purchase_price is None or f_appraised_value is None
            else f_purchase_price if f_purchase_price <= f_appraised_value
            else f_appraised_value
        ) if f_purpose in {'purchase'}
        else f_appraised_value
    )
    # LTV, rounded up to 2 decimals (programs/loan.fields:299)
    i_ltv = False  # outside its domain, or reading such a value
    v_ltv = (
        None if (_t0 := (None if f_loan_amount is None else f_loan_amount * _E2)) is None
            or v_property_value is None
            or not v_property_value
        else (_r if (_r := _UP_QUANTIZE(_UP_DIVIDE(_t0, v_property_value), _STEP2)) else _r.copy_abs())
    )
    # it reads an invalid value, divides by zero or less, or is outside its domain
    if (v_property_value is not None and not (v_property_value > _D0)):
        i_ltv = True
        v_ltv = None
    f_total_deposits = loan.total_deposits
    f_excluded_transfers = loan.excluded_transfers
    f_excluded_nonrecurring = loan.excluded_nonrecurring
    # Eligible deposits (programs/loan.fields:307)
    v_eligible_deposits = (
        None if (
            _t4 := (
                None if f_total_deposits is None or f_excluded_transfers is None
                else f_total_deposits - f_excluded_transfers
            )
        ) is None
            or f_excluded_nonrecurring is None
        else _t4 - f_excluded_nonrecurring
    )
    f_doc_type = loan.doc_type
    f_statement_months = loan.statement_months
    f_cpa_expense_ratio = loan.cpa_expense_ratio
    f_ownership_pct = loan.ownership_pct
    f_monthly_income = loan.monthly_income
    # Qualifying monthly income, rounded down to 2 decimals (programs/loan.fields:310)
    i_qualifying_income = False  # outside its domain, or reading such a value
    v_qualifying_income = (
        None if f_doc_type is None
        else (
            None if v_eligible_deposits is None or f_statement_months is None or not f_statement_months
            else (
                _r if (_r := _DOWN_QUANTIZE(_DOWN_DIVIDE(v_eligible_deposits, f_statement_months), _STEP2))
                else _r.copy_abs()
            )
        ) if f_doc_type in {'bank_stmt_personal_12', 'bank_stmt_personal_24'}
        else (
            None if f_doc_type is None
            else (
                None if (
                    _t10 := (
                        None if (
                            _t8 := (
                                None if v_eligible_deposits is None
                                    or (
                                        _t7 := (
                                            None if (
                                                _t6 := (
                                                    None if (
                                                        _t5 := (
                                                            _D50 if f_cpa_expense_ratio is None else f_cpa_expense_ratio
                                                        )
                                                    ) is None
                                                    else _D100 - _t5
                                                )
                                            ) is None
                                            else _t6 * _Em2
                                        )
                                    ) is None
                                else v_eligible_deposits * _t7
                            )
                        ) is None
                            or (_t9 := (None if f_ownership_pct is None else f_ownership_pct * _Em2)) is None
                        else _t8 * _t9
                    )
                ) is None
                    or f_statement_months is None
                    or not f_statement_months
                else (_r if (_r := _DOWN_QUANTIZE(_DOWN_DIVIDE(_t10, f_statement_months), _STEP2)) else _r.copy_abs())
            ) if f_doc_type in {'bank_stmt_business_12', 'bank_stmt_business_24'}
            else (None if f_monthly_income is None else _DOWN_QUANTIZE(f_monthly_income, _STEP2))
        )
    )
    # it reads an invalid value, divides by zero or less, or is outside its domain
    if (
        None if f_statement_months is None or f_statement_months > 0
        else (
            rt.divisor(f_statement_months, 'statement_months') if (
                _cond := (
                    None if f_doc_type is None else f_doc_type in {'bank_stmt_personal_12', 'bank_stmt_personal_24'}
                )
            ) is True
            else (
                rt.divisor(f_statement_months, 'statement_months') if (
                    None if f_doc_type is None else f_doc_type in {'bank_stmt_business_12', 'bank_stmt_business_24'}
                ) is True
                else None
            ) if _cond is False
            else None
        )
    ) is not None or (v_qualifying_income is not None and not (v_qualifying_income > _D0)):
        i_qualifying_income = True
        v_qualifying_income = None
    f_pitia = loan.pitia
    f_monthly_debts = loan.monthly_debts
    # DTI, rounded up to 2 decimals (programs/loan.fields:319)
    i_dti = False  # outside its domain, or reading such a value
    v_dti = (
        None if (
            _t12 := (
                None if (
                    _t11 := (None if f_pitia is None or f_monthly_debts is None else f_pitia + f_monthly_debts)
                ) is None
                else _t11 * _E2
            )
        ) is None
            or v_qualifying_income is None
            or not v_qualifying_income
        else (_r if (_r := _UP_QUANTIZE(_UP_DIVIDE(_t12, v_qualifying_income), _STEP2)) else _r.copy_abs())
    )
    # it reads an invalid value, divides by zero or less, or is outside its domain
    if i_qualifying_income or (v_qualifying_income is not None and not (v_qualifying_income > _D0)):
        i_dti = True
        v_dti = None
    f_liquid_assets = loan.liquid_assets
    # Reserves, rounded down to 2 decimals (programs/loan.fields:327)
    i_reserves_months = False  # outside its domain, or reading such a value
    v_reserves_months = (
        None if f_liquid_assets is None or f_pitia is None or not f_pitia
        else (_r if (_r := _DOWN_QUANTIZE(_DOWN_DIVIDE(f_liquid_assets, f_pitia), _STEP2)) else _r.copy_abs())
    )
    # it reads an invalid value, divides by zero or less, or is outside its domain
    if (f_pitia is not None and not (f_pitia > _D0)):
        i_reserves_months = True
        v_reserves_months = None
    f_fthb = loan.fthb
    # surely met: nothing to record
    if (
        not (i_dti or i_ltv or i_reserves_months)
            and (
                (v_dti is not None and v_dti <= _D50)
                    or (
                        (
                            (not f_fico_no_score and f_fico is not None and f_fico >= 700)
                                and (v_ltv is not None and v_ltv <= _D80)
                                and (v_reserves_months is not None and v_reserves_months >= _D12)
                                and (f_fthb is not None and not f_fthb)
                        )
                            and (v_dti is not None and v_dti <= _D55)
                    )
            )
    ):
        pass
    # every input known: not met
    elif (
        (i_dti or i_ltv or i_reserves_months)
            or (
                (v_dti is not None)
                    and (f_fico_no_score or (f_fico is not None))
                    and (v_ltv is not None)
                    and (v_reserves_months is not None)
                    and (f_fthb is not None)
            )
    ):
        failed.append('max_dti')
    else:  # one is unknown: the three-valued outcome
        ok = (
            False if (i_dti or i_ltv or i_reserves_months)
            else (
                True if (_t35 := (None if v_dti is None else v_dti <= _D50)) is True
                    or (
                        _t36 := (
                            False if (
                                _t33 := (
                                    False if (
                                        _t29 := (
                                            False if f_fico_no_score else (None if f_fico is None else f_fico >= 700)
                                        )
                                    ) is False
                                        or (_t30 := (None if v_ltv is None else v_ltv <= _D80)) is False
                                        or (
                                            _t31 := (None if v_reserves_months is None else v_reserves_months >= _D12)
                                        ) is False
                                        or (_t32 := (None if f_fthb is None else not f_fthb)) is False
                                    else None if _t29 is None or _t30 is None or _t31 is None or _t32 is None
                                    else True
                                )
                            ) is False
                                or (_t34 := (None if v_dti is None else v_dti <= _D55)) is False
                            else None if _t33 is None or _t34 is None
                            else True
                        )
                    ) is True
                else None if _t35 is None or _t36 is None
                else False
            )
        )
        if ok is False:
            failed.append('max_dti')
        elif ok is None:
            unresolved.append('max_dti')
    # rule credit_event_seasoning: Credit event seasoning
    # (programs/history/keystone_bank_statement@2025.2.guideline:122; §4.3, p. 9)
    f_credit_events = loan.credit_events
    # credit_events: the latest completed_on of each group of kinds, in one pass (_NEVERS_5 until an item of one is
    # seen)
    s_credit_events: Any = None
    if f_credit_events is not None:
        s_credit_events = _NEVERS_5
        for _item0 in f_credit_events:
            for _g in _GROUPS_credit_events.get(_item0.kind, ()):
                if s_credit_events is _NEVERS_5:
                    s_credit_events = [_NEVER] * 5
                _when0, _was0 = _item0.completed_on, s_credit_events[_g]
                if _when0 is None or _was0 is None:
                    s_credit_events[_g] = None
                elif _was0 is _NEVER or _when0 > _was0:
                    s_credit_events[_g] = _when0
    f_application_date = loan.application_date
    # surely met: nothing to record
    if (
        (s_credit_events is _NEVERS_5 and f_application_date is not None)
            or (
                (
                    s_credit_events is not None
                        and f_application_date is not None
                        and (
                            (_t47 := s_credit_events[0]) is _NEVER
                                or (_t47 is not None and _MONTHS_BETWEEN(_t47, f_application_date) >= 36)
                        )
                )
                    and (
                        s_credit_events is not None
                            and f_application_date is not None
                            and (
                                (_t48 := s_credit_events[1]) is _NEVER
                                    or (_t48 is not None and _MONTHS_BETWEEN(_t48, f_application_date) >= 24)
                            )
                    )
                    and (
                        s_credit_events is not None
                            and f_application_date is not None
                            and (
                                (_t49 := s_credit_events[2]) is _NEVER
                                    or (_t49 is not None and _MONTHS_BETWEEN(_t49, f_application_date) >= 12)
                            )
                    )
                    and (
                        s_credit_events is not None
                            and f_application_date is not None
                            and (
                                (_t50 := s_credit_events[3]) is _NEVER
                                    or (_t50 is not None and _MONTHS_BETWEEN(_t50, f_application_date) >= 24)
                            )
                    )
                    and (
                        s_credit_events is not None
                            and f_application_date is not None
                            and (
                                (_t51 := s_credit_events[4]) is _NEVER
                                    or (_t51 is not None and _MONTHS_BETWEEN(_t51, f_application_date) >= 12)
                            )
                    )
            )
    ):
        pass
    else:  # not surely met: its three-valued outcome
        ok = (
            True if s_credit_events is _NEVERS_5 and f_application_date is not None
            else (
                False if (
                    _t42 := (
                        None if s_credit_events is None
                            or f_application_date is None
                            or (_t37 := s_credit_events[0]) is None
                        else True if _t37 is _NEVER
                        else _MONTHS_BETWEEN(_t37, f_application_date) >= 36
                    )
                ) is False
                    or (
                        _t43 := (
                            None if s_credit_events is None
                                or f_application_date is None
                                or (_t38 := s_credit_events[1]) is None
                            else True if _t38 is _NEVER
                            else _MONTHS_BETWEEN(_t38, f_application_date) >= 24
                        )
                    ) is False
                    or (
                        _t44 := (
                            None if s_credit_events is None
                                or f_application_date is None
                                or (_t39 := s_credit_events[2]) is None
                            else True if _t39 is _NEVER
                            else _MONTHS_BETWEEN(_t39, f_application_date) >= 12
                        )
                    ) is False
                    or (
                        _t45 := (
                            None if s_credit_events is None
                                or f_application_date is None
                                or (_t40 := s_credit_events[3]) is None
                            else True if _t40 is _NEVER
                            else _MONTHS_BETWEEN(_t40, f_application_date) >= 24
                        )
                    ) is False
                    or (
                        _t46 := (
                            None if s_credit_events is None
                                or f_application_date is None
                                or (_t41 := s_credit_events[4]) is None
                            else True if _t41 is _NEVER
                            else _MONTHS_BETWEEN(_t41, f_application_date) >= 12
                        )
                    ) is False
                else None if _t42 is None or _t43 is None or _t44 is None or _t45 is None or _t46 is None
                else True
            )
        )
        if ok is False:
            failed.append('credit_event_seasoning')
        elif ok is None:
            unresolved.append('credit_event_seasoning')
    # rule housing_history_12_months: Housing history, 12 months
    # (programs/history/keystone_bank_statement@2025.2.guideline:134; §5.1, p. 10 (seed 002: satisfactory history for
    # the most recent 12 months))
    f_rent_free = loan.rent_free
    if (f_rent_free is None) or (not f_rent_free):
        f_housing_lates = loan.housing_lates
        # housing_lates: how many are 30+ days late within 12 months before application_date
        s_housing_lates_late: int | None = None
        if f_housing_lates is not None and f_application_date is not None:
            s_housing_lates_late = 0
            for _late0 in f_housing_lates:
                _days0, _due0 = _late0.days_late, _late0.due_on
                if _days0 is None or _due0 is None:
                    s_housing_lates_late = None
                    break
                if _days0 >= 30 and _MONTHS_BETWEEN(_due0, f_application_date) < 12:
                    s_housing_lates_late += 1
        f_housing_history_months = loan.housing_history_months
        f_housing_verification = loan.housing_verification
        # surely met: nothing to record
        if (
            (f_housing_history_months is not None and f_housing_history_months >= 12)
                and (s_housing_lates_late is not None and s_housing_lates_late <= 1)
                and (f_housing_verification is not None and f_housing_verification in {'vom', 'vor', 'bank_records'})
        ):
            pass
        # every input known: not met
        elif (
            (f_housing_history_months is not None)
                and (s_housing_lates_late is not None)
                and (f_housing_verification is not None)
        ):
            if f_rent_free is None:  # may apply: missing
                unresolved.append('housing_history_12_months')
            else:
                failed.append('housing_history_12_months')
        else:  # one is unknown: the three-valued outcome
            ok = (
                False if (
                    _t52 := (None if f_housing_history_months is None else f_housing_history_months >= 12)
                ) is False
                    or (_t53 := (None if s_housing_lates_late is None else s_housing_lates_late <= 1)) is False
                    or (
                        _t54 := (
                            None if f_housing_verification is None
                            else f_housing_verification in {'vom', 'vor', 'bank_records'}
                        )
                    ) is False
                else None if _t52 is None or _t53 is None or _t54 is None
                else True
            )
            if f_rent_free is None:  # may apply: missing unless every requirement is met
                if ok is not True:
                    unresolved.append('housing_history_12_months')
            else:
                if ok is False:
                    failed.append('housing_history_12_months')
                elif ok is None:
                    unresolved.append('housing_history_12_months')
    # rule forbearance: Forbearance (programs/history/keystone_bank_statement@2025.2.guideline:141; §5.2, p. 10 (seed
    # 002: still in forbearance is ineligible))
    f_in_forbearance = loan.in_forbearance
    if f_in_forbearance is None:
        unresolved.append('forbearance')
    elif f_in_forbearance:
        failed.append('forbearance')
    # rule after_forbearance: After forbearance (programs/history/keystone_bank_statement@2025.2.guideline:145; §5.2, p.
    # 10 (seed 002: two timely payments after forbearance, purchase or rate/term))
    f_forbearance_end = loan.forbearance_end
    applies = (
        False if f_forbearance_end is None else (None if f_purpose is None else f_purpose in {'purchase', 'rate_term'})
    )
    if applies is not False:
        f_payments_since_forbearance = loan.payments_since_forbearance
        if applies is None:  # may apply: missing unless the requirement is met
            if f_payments_since_forbearance is None or not (f_payments_since_forbearance >= 2):
                unresolved.append('after_forbearance')
        elif f_payments_since_forbearance is None:
            unresolved.append('after_forbearance')
        elif not (f_payments_since_forbearance >= 2):
            failed.append('after_forbearance')
    # rule after_forbearance_cash_out: After forbearance, cash-out
    # (programs/history/keystone_bank_statement@2025.2.guideline:150; §5.2, p. 10 (seed 002 is silent on cash-out after
    # forbearance))
    applies = (False if f_forbearance_end is None else (None if f_purpose is None else f_purpose in {'cash_out'}))
    if applies is not False:
        unresolved.append('after_forbearance_cash_out')
    # rule rent_free: Rent-free borrowers (programs/history/keystone_bank_statement@2025.2.guideline:155; §5.3, p. 11
    # (seed 002: rent-free letter, 10% contribution, max 80% LTV))
    a_rent_free = f_rent_free
    if a_rent_free is not False:
        f_borrower_contribution_pct = loan.borrower_contribution_pct
        if a_rent_free is None:  # may apply: missing unless the requirement is met
            if f_borrower_contribution_pct is None or not (f_borrower_contribution_pct >= _D10):
                unresolved.append('rent_free')
        elif f_borrower_contribution_pct is None:
            unresolved.append('rent_free')
        elif not (f_borrower_contribution_pct >= _D10):
            failed.append('rent_free')
    # rule doc_types: Documentation types (programs/history/keystone_bank_statement@2025.2.guideline:164; §6.1, p. 12)
    if f_doc_type is None:
        unresolved.append('doc_types')
    elif f_doc_type not in {
        'bank_stmt_personal_12', 'bank_stmt_personal_24', 'bank_stmt_business_12', 'bank_stmt_business_24'
    }:
        failed.append('doc_types')
    # rule business_ownership: Business ownership (programs/history/keystone_bank_statement@2025.2.guideline:168; §6.2,
    # p. 12)
    if (f_doc_type is None) or (f_doc_type in {'bank_stmt_business_12', 'bank_stmt_business_24'}):
        if f_doc_type is None:  # may apply: missing unless the requirement is met
            if f_ownership_pct is None or not (f_ownership_pct >= _D25):
                unresolved.append('business_ownership')
        elif f_ownership_pct is None:
            unresolved.append('business_ownership')
        elif not (f_ownership_pct >= _D25):
            failed.append('business_ownership')
    # rule reserves: Reserves (programs/history/keystone_bank_statement@2025.2.guideline:181; §6.3, p. 13)
    # Required reserves (programs/history/keystone_bank_statement@2025.2.guideline:174; §6.3, p. 13)
    v_required_reserves = (
        None if f_loan_amount is None
        else _D3 if f_loan_amount <= _D1000000
        else _D6 if f_loan_amount <= _D2500000
        else _D12
    )
    if i_reserves_months:
        failed.append('reserves')
    elif v_reserves_months is None or v_required_reserves is None:
        unresolved.append('reserves')
    elif not (v_reserves_months >= v_required_reserves):
        failed.append('reserves')
    # rule loan_amount_range: Loan amount (programs/history/keystone_bank_statement@2025.2.guideline:187; §7.1, p. 14)
    if f_loan_amount is None:
        unresolved.append('loan_amount_range')
    elif not ((f_loan_amount >= _D100000) and (f_loan_amount <= _D3000000)):
        failed.append('loan_amount_range')
    # rule property_types: Property types (programs/history/keystone_bank_statement@2025.2.guideline:191; §7.2, p. 14)
    if f_property_type is None:
        unresolved.append('property_types')
    elif f_property_type not in {
        'sfr', 'pud', 'townhome', 'condo_warrantable', 'condo_non_warrantable', 'two_to_four_unit'
    }:
        failed.append('property_types')
    # rule excluded_states: State restrictions (programs/history/keystone_bank_statement@2025.2.guideline:195; §7.3, p.
    # 14)
    f_state = loan.state
    if f_state is None:
        unresolved.append('excluded_states')
    elif f_state in {'ND', 'SD'}:
        failed.append('excluded_states')
    # rule second_appraisal: Second appraisal (programs/history/keystone_bank_statement@2025.2.guideline:199; §7.4, p.
    # 15)
    if f_loan_amount is None:
        unresolved.append('second_appraisal')
    # rule max_cash_out: Maximum cash-out (programs/history/keystone_bank_statement@2025.2.guideline:204; §7.5, p. 15)
    if (f_purpose is None) or (f_purpose in {'cash_out'}):
        f_cash_out_amount = loan.cash_out_amount
        if f_purpose is None:  # may apply: missing unless the requirement is met
            if f_cash_out_amount is None or not (f_cash_out_amount <= _D500000):
                unresolved.append('max_cash_out')
        elif f_cash_out_amount is None:
            unresolved.append('max_cash_out')
        elif not (f_cash_out_amount <= _D500000):
            failed.append('max_cash_out')
    if outside is not None:  # a key outside a matrix's bands (the last matrix's first)
        for out in reversed(outside.values()):
            if out[1] == 0 and (('interest_only' in failed) or ('min_fico' in failed) or ('max_dti' in failed)):
                del failed[out[0]]
            if out[1] == 1 and ('loan_amount_range' in failed):
                del failed[out[0]]
    best: Decimal | None
    sure: Decimal | None
    # limit max_ltv: Max LTV (programs/loan.fields:339): the lowest cell, each reduction (lowest wins) and cap that may
    # apply; `sure`: only those that surely apply
    if refused_max_ltv is not None:  # a matrix refusing the loan leaves no limit, whatever the caps
        lim_max_ltv, lim_max_ltv_by = None, None
    elif unread_max_ltv:  # a matrix giving it not read: no limit, missing
        lim_max_ltv, lim_max_ltv_by = None, None
        unresolved.append('max_ltv')
    else:
        best = sure = base_max_ltv
        best_by = base_max_ltv_by
        if base_max_ltv is not None:
            # declining_market (programs/history/keystone_bank_statement@2025.2.guideline:101): reduce by 10%
            if a_declining_market is not False:
                best, best_by = base_max_ltv - _D10, 'declining_market'
            # non_warrantable_condo (programs/history/keystone_bank_statement@2025.2.guideline:89): reduce by 5%
            elif a_non_warrantable_condo is not False:
                best, best_by = base_max_ltv - _D5, 'non_warrantable_condo'
            # interest_only (programs/history/keystone_bank_statement@2025.2.guideline:95): reduce by 5%
            elif a_interest_only is not False:
                best, best_by = base_max_ltv - _D5, 'interest_only'
            if a_declining_market is True:
                sure = base_max_ltv - _D10
            elif a_non_warrantable_condo is True or a_interest_only is True:
                sure = base_max_ltv - _D5
        # non_warrantable_condo (programs/history/keystone_bank_statement@2025.2.guideline:89): cap at 80%
        if a_non_warrantable_condo is not False:
            if best is None or best > _D80:
                best, best_by = _D80, 'non_warrantable_condo'
            if a_non_warrantable_condo is True and (sure is None or sure > _D80):
                sure = _D80
        if a_rural is not False:  # rural (programs/history/keystone_bank_statement@2025.2.guideline:106): cap at 75%
            if best is None or best > _D75:
                best, best_by = _D75, 'rural'
            if a_rural is True and (sure is None or sure > _D75):
                sure = _D75
        # rent_free (programs/history/keystone_bank_statement@2025.2.guideline:155): cap at 80%
        if a_rent_free is not False:
            if best is None or best > _D80:
                best, best_by = _D80, 'rent_free'
            if a_rent_free is True and (sure is None or sure > _D80):
                sure = _D80
        lim_max_ltv, lim_max_ltv_by = best, None if best is None else best_by
        if best is not None:
            if v_ltv is None:
                (failed if i_ltv else unresolved).append('max_ltv')
            elif v_ltv > best:
                (unresolved if sure is None or v_ltv <= sure else failed).append('max_ltv')
    # limit max_cltv: Max CLTV (programs/loan.fields:340): the lowest cell, each reduction (lowest wins) and cap that
    # may apply; `sure`: only those that surely apply
    if refused_max_ltv is not None:  # a matrix refusing the loan leaves no limit, whatever the caps
        lim_max_cltv, lim_max_cltv_by = None, None
    elif unread_max_ltv:  # a matrix giving it not read: no limit, missing
        lim_max_cltv, lim_max_cltv_by = None, None
        unresolved.append('max_cltv')
    else:
        # the same cells, reductions and caps as max_ltv: `best` and `sure` as there
        lim_max_cltv, lim_max_cltv_by = best, None if best is None else best_by
        if best is not None:
            f_lien_position = loan.lien_position
            # Senior liens (programs/loan.fields:402)
            v_senior_liens = (
                _D0 if f_lien_position is None else loan.senior_lien_balance if f_lien_position in {'second'} else _D0
            )
            f_subordinate_liens = loan.subordinate_liens
            # CLTV, rounded up to 2 decimals (programs/loan.fields:303)
            i_cltv = False  # outside its domain, or reading such a value
            v_cltv = (
                v_ltv if v_ltv is not None
                    and v_senior_liens is not None
                    and not v_senior_liens
                    and f_subordinate_liens is not None
                    and not f_subordinate_liens
                else (
                    None if (
                        _t3 := (
                            None if (
                                _t2 := (
                                    None if (
                                        _t1 := (
                                            None if v_senior_liens is None or f_loan_amount is None
                                            else v_senior_liens + f_loan_amount
                                        )
                                    ) is None
                                        or f_subordinate_liens is None
                                    else _t1 + f_subordinate_liens
                                )
                            ) is None
                            else _t2 * _E2
                        )
                    ) is None
                        or v_property_value is None
                        or not v_property_value
                    else (_r if (_r := _UP_QUANTIZE(_UP_DIVIDE(_t3, v_property_value), _STEP2)) else _r.copy_abs())
                )
            )
            # it reads an invalid value, divides by zero or less, or is outside its domain
            if (v_property_value is not None and not (v_property_value > _D0)):
                i_cltv = True
                v_cltv = None
            if v_cltv is None:
                (failed if i_cltv else unresolved).append('max_cltv')
            elif v_cltv > best:
                (unresolved if sure is None or v_cltv <= sure else failed).append('max_cltv')
    # limit max_loan_amount: Max loan amount (programs/loan.fields:341): the lowest cell, each reduction (lowest wins)
    # and cap that may apply; `sure`: only those that surely apply
    # limit max_hcltv: Max HCLTV (programs/loan.fields:413): the lowest cell, each reduction (lowest wins) and cap that
    # may apply; `sure`: only those that surely apply
    status: rt.Status = "ineligible" if failed else "needs_info" if unresolved else "eligible"
    # a Verdict from its parts in one C call
    return _TUPLE_NEW(
        _VERDICT,
        (
            status,
            (
                ('max_ltv', lim_max_ltv, lim_max_ltv_by),
                ('max_cltv', lim_max_cltv, lim_max_cltv_by),
                ('max_loan_amount', None, None),
                ('max_hcltv', None, None),
            ),
            tuple(failed),
            tuple(unresolved),
        ),
    )
