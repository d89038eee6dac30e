"""Harbor Point DSCR (harbor_dscr), version 2026.2, effective 2026-02-01.

Investor: Harbor Point Capital.
Source document: Harbor Point Capital, DSCR Investor Guide v2026.2.

Generated from programs/harbor_dscr.guideline; do not edit.
Source sha256: eeb157dd50e85de0d1ad60ddea5826b37f10dc9046267e453c24acbc59002326.
The wording of the decision (titles, citations, messages' texts, matrix cells) is in `harbor_dscr_meta`.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from . import _runtime as rt
from .harbor_dscr_meta import META
from .loan import Loan

__all__ = ["META", "check", "check_fast", "facts", "values"]

Result = tuple[bool | None, tuple[bool | None, ...]]


_E2 = Decimal("1E+2")
_STEP2 = Decimal("0.01")
_D0 = Decimal("0")
_STEP3 = Decimal("0.001")
_D1000000 = Decimal("1000000")
_D2000000 = Decimal("2000000")
_D6 = Decimal("6")
_D9 = Decimal("9")
_D12 = Decimal("12")
_D100 = Decimal("100")
_D50 = Decimal("50")
_Em2 = Decimal("1E-2")


def values(loan: Loan, every: bool = True, invalid: dict[str, Any] | None = None) -> dict[str, Any]:
    """The derived values of a loan, each after the values it uses; None when unknown.

    First those the rules, matrices and limits use; then (unless `every` is false: the fast path) the rest.
    A value outside its domain, or reading one, is None and recorded in `invalid` (id -> its value, or None).
    """
    v: dict[str, Any] = {}
    inv: dict[str, Any] = {} if invalid is None else invalid
    # Property value (programs/loan.fields:296)
    v['property_value'] = (
        None if (_t34 := (None if loan.purpose is None else loan.purpose in {'purchase'})) is None
        else (
            None if loan.purchase_price is None or loan.appraised_value is None
            else loan.purchase_price if loan.purchase_price <= loan.appraised_value
            else loan.appraised_value
        ) if _t34
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
            _t37 := (
                False if (_t35 := (loan.lien_position is not None)) is False
                    or (_t36 := (None if loan.lien_position is None else loan.lien_position in {'second'})) is False
                else None if _t35 is None or _t36 is None
                else True
            )
        ) is None
        else loan.senior_lien_balance if _t37
        else _D0
    )
    # CLTV, rounded up to 2 decimals (programs/loan.fields:303)
    v['cltv'] = rt.div_up(
        (
            None if (
                _t39 := (
                    None if (
                        _t38 := (
                            None if v['senior_liens'] is None or loan.loan_amount is None
                            else v['senior_liens'] + loan.loan_amount
                        )
                    ) is None
                        or loan.subordinate_liens is None
                    else _t38 + loan.subordinate_liens
                )
            ) is None
            else _t39 * _E2
        ),
        v['property_value'],
        _STEP2,
    )
    # it divides by zero or less: undefined
    if (_undefined := rt.divisor(v['property_value'], 'property_value')) is not None:
        inv['cltv'] = _undefined
        v['cltv'] = None
    # DSCR, rounded down to 3 decimals (programs/loan.fields:323)
    v['dscr'] = rt.div_down(
        (
            None if (_t40 := (loan.market_rent if loan.lease_rent is None else loan.lease_rent)) is None
                or loan.market_rent is None
            else _t40 if _t40 <= loan.market_rent
            else loan.market_rent
        ),
        loan.pitia,
        _STEP3,
    )
    if (_undefined := rt.divisor(loan.pitia, 'pitia')) is not None:  # it divides by zero or less: undefined
        inv['dscr'] = _undefined
        v['dscr'] = None
    # Reserves, rounded down to 2 decimals (programs/loan.fields:327)
    v['reserves_months'] = rt.div_down(loan.liquid_assets, loan.pitia, _STEP2)
    if (_undefined := rt.divisor(loan.pitia, 'pitia')) is not None:  # it divides by zero or less: undefined
        inv['reserves_months'] = _undefined
        v['reserves_months'] = None
    # Required reserves (programs/harbor_dscr.guideline:156; §7.1, p. 12)
    v['required_reserves'] = (
        None if loan.loan_amount is None
        else _D6 if loan.loan_amount <= _D1000000
        else _D9 if loan.loan_amount <= _D2000000
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
                _t43 := (
                    None if (
                        _t42 := (
                            None if (
                                _t41 := (
                                    None if v['senior_liens'] is None or loan.loan_amount is None
                                    else v['senior_liens'] + loan.loan_amount
                                )
                            ) is None
                                or loan.subordinate_liens is None
                            else _t41 + loan.subordinate_liens
                        )
                    ) is None
                        or v['heloc_undrawn'] is None
                    else _t42 + v['heloc_undrawn']
                )
            ) is None
            else _t43 * _E2
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
    # Eligible deposits (programs/loan.fields:307)
    v['eligible_deposits'] = (
        None if (
            _t44 := (
                None if loan.total_deposits is None or loan.excluded_transfers is None
                else loan.total_deposits - loan.excluded_transfers
            )
        ) is None
            or loan.excluded_nonrecurring is None
        else _t44 - loan.excluded_nonrecurring
    )
    # Qualifying monthly income, rounded down to 2 decimals (programs/loan.fields:310)
    v['qualifying_income'] = (
        None if (
            _t45 := (
                None if loan.doc_type is None else loan.doc_type in {'bank_stmt_personal_12', 'bank_stmt_personal_24'}
            )
        ) is None
        else rt.div_down(v['eligible_deposits'], loan.statement_months, _STEP2) if _t45
        else (
            None if (
                _t46 := (
                    None if loan.doc_type is None
                    else loan.doc_type in {'bank_stmt_business_12', 'bank_stmt_business_24'}
                )
            ) is None
            else rt.div_down(
                (
                    None if (
                        _t50 := (
                            None if v['eligible_deposits'] is None
                                or (
                                    _t49 := (
                                        None if (
                                            _t48 := (
                                                None if (
                                                    _t47 := (
                                                        _D50 if loan.cpa_expense_ratio is None
                                                        else loan.cpa_expense_ratio
                                                    )
                                                ) is None
                                                else _D100 - _t47
                                            )
                                        ) is None
                                        else _t48 * _Em2
                                    )
                                ) is None
                            else v['eligible_deposits'] * _t49
                        )
                    ) is None
                        or (_t51 := (None if loan.ownership_pct is None else loan.ownership_pct * _Em2)) is None
                    else _t50 * _t51
                ),
                loan.statement_months,
                _STEP2,
            ) if _t46
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
                _t52 := (None if loan.pitia is None or loan.monthly_debts is None else loan.pitia + loan.monthly_debts)
            ) is None
            else _t52 * _E2
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


_D1 = Decimal("1")


def matrix_purchase(loan: Loan, v: dict[str, Any]) -> tuple[bool | None, tuple[Any, ...]]:
    """Purchase, DSCR 1.000+: whether it applies and the loan's row and column keys.

    Citation: §3.1 Matrix A, p. 5. Source: programs/harbor_dscr.guideline:17.
    Cells: META.matrices[0] (harbor_dscr_meta).
    """
    return (
        False if (_t53 := (None if loan.purpose is None else loan.purpose in {'purchase'})) is False
            or (_t54 := (None if v['dscr'] is None else v['dscr'] >= _D1)) is False
        else None if _t53 is None or _t54 is None
        else True
    ), (loan.fico, loan.loan_amount)


def matrix_rate_term(loan: Loan, v: dict[str, Any]) -> tuple[bool | None, tuple[Any, ...]]:
    """Rate/term refinance, DSCR 1.000+: whether it applies and the loan's row and column keys.

    Citation: §3.1 Matrix B, p. 5. Source: programs/harbor_dscr.guideline:30.
    Cells: META.matrices[1] (harbor_dscr_meta).
    """
    return (
        False if (_t55 := (None if loan.purpose is None else loan.purpose in {'rate_term'})) is False
            or (_t56 := (None if v['dscr'] is None else v['dscr'] >= _D1)) is False
        else None if _t55 is None or _t56 is None
        else True
    ), (loan.fico, loan.loan_amount)


def matrix_cash_out(loan: Loan, v: dict[str, Any]) -> tuple[bool | None, tuple[Any, ...]]:
    """Cash-out refinance, DSCR 1.000+: whether it applies and the loan's row and column keys.

    Citation: §3.1 Matrix C, p. 6. Source: programs/harbor_dscr.guideline:43.
    Cells: META.matrices[2] (harbor_dscr_meta).
    """
    return (
        False if (_t57 := (None if loan.purpose is None else loan.purpose in {'cash_out'})) is False
            or (_t58 := (None if v['dscr'] is None else v['dscr'] >= _D1)) is False
        else None if _t57 is None or _t58 is None
        else True
    ), (loan.fico, loan.loan_amount)


def matrix_no_ratio(loan: Loan, v: dict[str, Any]) -> tuple[bool | None, tuple[Any, ...]]:
    """DSCR below 1.000 (all purposes): whether it applies and the loan's row and column keys.

    Citation: §3.2 Matrix D, p. 6. Source: programs/harbor_dscr.guideline:56.
    Cells: META.matrices[3] (harbor_dscr_meta).
    """
    return (None if v['dscr'] is None else v['dscr'] < _D1), (loan.fico, v['dscr'])


def rule_cash_out_no_ratio(loan: Loan, v: dict[str, Any]) -> Result:
    """Cash-out below DSCR 1.000.

    Citation: §4.1, p. 7. Source: programs/harbor_dscr.guideline:70.
    """
    # programs/harbor_dscr.guideline:70: applies when Loan purpose is cash_out and DSCR less than 1
    applies = (
        False if (_t59 := (None if loan.purpose is None else loan.purpose in {'cash_out'})) is False
            or (_t60 := (None if v['dscr'] is None else v['dscr'] < _D1)) is False
        else None if _t59 is None or _t60 is None
        else True
    )
    return applies, ()


def rule_interest_only(loan: Loan, v: dict[str, Any]) -> Result:
    """Interest-only.

    Citation: §4.2, p. 7. Source: programs/harbor_dscr.guideline:75.
    """
    # programs/harbor_dscr.guideline:75: applies when Interest-only
    applies = loan.interest_only
    return applies, (
        # Credit score at least 700 (programs/harbor_dscr.guideline:78)
        (False if loan.fico_no_score else (None if loan.fico is None else loan.fico >= 700)),
    )


def rule_first_time_investor(loan: Loan, v: dict[str, Any]) -> Result:
    """First-time investor.

    Citation: §4.3, p. 7. Source: programs/harbor_dscr.guideline:81.
    """
    # programs/harbor_dscr.guideline:81: applies when First-time investor
    applies = loan.first_time_investor
    return applies, (
        # DSCR at least 1 (programs/harbor_dscr.guideline:84)
        (None if v['dscr'] is None else v['dscr'] >= _D1),
        # Reserves at least 12 months (programs/harbor_dscr.guideline:85)
        (None if v['reserves_months'] is None else v['reserves_months'] >= _D12),
    )


def rule_non_warrantable_condo(loan: Loan, v: dict[str, Any]) -> Result:
    """Non-warrantable condo.

    Citation: §4.4, p. 8. Source: programs/harbor_dscr.guideline:88.
    """
    # programs/harbor_dscr.guideline:88: applies when Property type is condo_non_warrantable
    applies = (None if loan.property_type is None else loan.property_type in {'condo_non_warrantable'})
    return applies, ()


def rule_five_to_ten_units(loan: Loan, v: dict[str, Any]) -> Result:
    """5-10 unit properties.

    Citation: §4.5, p. 8. Source: programs/harbor_dscr.guideline:93.
    """
    # programs/harbor_dscr.guideline:93: applies when Property type is five_to_ten_unit
    applies = (None if loan.property_type is None else loan.property_type in {'five_to_ten_unit'})
    return applies, (
        # Credit score at least 700 (programs/harbor_dscr.guideline:96)
        (False if loan.fico_no_score else (None if loan.fico is None else loan.fico >= 700)),
    )


def rule_declining_market(loan: Loan, v: dict[str, Any]) -> Result:
    """Declining market.

    Citation: §4.6, p. 8. Source: programs/harbor_dscr.guideline:100.
    """
    # programs/harbor_dscr.guideline:100: applies when Declining market
    applies = loan.declining_market
    return applies, ()


_D0_750 = Decimal("0.750")


def rule_min_dscr(loan: Loan, v: dict[str, Any]) -> Result:
    """Minimum DSCR.

    Citation: §5.1, p. 9 (seed 001: DSCR = gross monthly rent / PITIA). Source: programs/harbor_dscr.guideline:107.
    """
    # programs/harbor_dscr.guideline:107
    applies = True
    return applies, (
        # DSCR at least 0.750 or Credit score at least 720 (programs/harbor_dscr.guideline:109)
        (
            True if (_t61 := (None if v['dscr'] is None else v['dscr'] >= _D0_750)) is True
                or (
                    _t62 := (False if loan.fico_no_score else (None if loan.fico is None else loan.fico >= 720))
                ) is True
            else None if _t61 is None or _t62 is None
            else False
        ),
    )


_D1_150 = Decimal("1.150")


def rule_short_term_rental(loan: Loan, v: dict[str, Any]) -> Result:
    """Short-term rental.

    Citation: §5.2, p. 9. Source: programs/harbor_dscr.guideline:111.
    """
    # programs/harbor_dscr.guideline:111: applies when Short-term rental
    applies = loan.short_term_rental
    return applies, (
        # DSCR at least 1.150 (programs/harbor_dscr.guideline:114)
        (None if v['dscr'] is None else v['dscr'] >= _D1_150),
    )


_D175000 = Decimal("175000")


def rule_small_loan_no_ratio(loan: Loan, v: dict[str, Any]) -> Result:
    """Minimum loan below DSCR 1.000.

    Citation: §5.3, p. 9. Source: programs/harbor_dscr.guideline:116.
    """
    # programs/harbor_dscr.guideline:116: applies when DSCR less than 1
    applies = (None if v['dscr'] is None else v['dscr'] < _D1)
    return applies, (
        # Loan amount at least $175,000 (programs/harbor_dscr.guideline:119)
        (None if loan.loan_amount is None else loan.loan_amount >= _D175000),
    )


def rule_investment_only(loan: Loan, v: dict[str, Any]) -> Result:
    """Business-purpose investment loans only.

    Citation: §6.1, p. 10 (seed 001: no personal income or employment documents). Source:
    programs/harbor_dscr.guideline:123.
    """
    # programs/harbor_dscr.guideline:123
    applies = True
    return applies, (
        # Occupancy is investment (programs/harbor_dscr.guideline:125)
        (None if loan.occupancy is None else loan.occupancy in {'investment'}),
        # Documentation type is dscr (programs/harbor_dscr.guideline:126)
        (None if loan.doc_type is None else loan.doc_type in {'dscr'}),
    )


def rule_min_fico(loan: Loan, v: dict[str, Any]) -> Result:
    """Minimum credit score.

    Citation: §6.2, p. 10. Source: programs/harbor_dscr.guideline:128.
    """
    # programs/harbor_dscr.guideline:128
    applies = True
    return applies, (
        # Credit score at least 660 (programs/harbor_dscr.guideline:130)
        (False if loan.fico_no_score else (None if loan.fico is None else loan.fico >= 660)),
    )


def rule_not_fthb(loan: Loan, v: dict[str, Any]) -> Result:
    """First-time home buyers.

    Citation: §6.3, p. 10. Source: programs/harbor_dscr.guideline:132.
    """
    # programs/harbor_dscr.guideline:132
    applies = True
    return applies, (
        # not First-time home buyer (programs/harbor_dscr.guideline:134)
        (None if loan.fthb is None else not loan.fthb),
    )


def rule_foreign_nationals(loan: Loan, v: dict[str, Any]) -> Result:
    """Residency.

    Citation: §6.4, p. 10. Source: programs/harbor_dscr.guideline:136.
    """
    # programs/harbor_dscr.guideline:136
    applies = True
    return applies, (
        # Citizenship is us_citizen, permanent_resident or non_permanent_resident (programs/harbor_dscr.guideline:138)
        (
            None if loan.citizenship is None
            else loan.citizenship in {'us_citizen', 'permanent_resident', 'non_permanent_resident'}
        ),
    )


_D36 = Decimal("36")
_D24 = Decimal("24")


def rule_credit_event_seasoning(loan: Loan, v: dict[str, Any]) -> Result:
    """Credit event seasoning.

    Citation: §6.5, p. 11. Source: programs/harbor_dscr.guideline:140.
    """
    # programs/harbor_dscr.guideline:140
    applies = True
    return applies, (
        # months since the latest Credit events (fc, ss, dil) at least 36 months (programs/harbor_dscr.guideline:144)
        (
            None if (
                _t63 := rt.months_since_latest(
                    loan.credit_events, 'kind', 'completed_on', ('fc', 'ss', 'dil'), loan.application_date
                )
            ) is None
            else _t63 >= _D36
        ),
        # months since the latest Credit events (mod, nod, dq120) at least 24 months
        # (programs/harbor_dscr.guideline:145)
        (
            None if (
                _t64 := rt.months_since_latest(
                    loan.credit_events, 'kind', 'completed_on', ('mod', 'nod', 'dq120'), loan.application_date
                )
            ) is None
            else _t64 >= _D24
        ),
        # months since the latest Credit events (bk7, bk11) at least 36 months (programs/harbor_dscr.guideline:146)
        (
            None if (
                _t65 := rt.months_since_latest(
                    loan.credit_events, 'kind', 'completed_on', ('bk7', 'bk11'), loan.application_date
                )
            ) is None
            else _t65 >= _D36
        ),
        # months since the latest Credit events (bk13) at least 24 months (programs/harbor_dscr.guideline:147)
        (
            None if (
                _t66 := rt.months_since_latest(
                    loan.credit_events, 'kind', 'completed_on', ('bk13',), loan.application_date
                )
            ) is None
            else _t66 >= _D24
        ),
    )


def rule_housing_history(loan: Loan, v: dict[str, Any]) -> Result:
    """Mortgage history.

    Citation: §6.6, p. 11. Source: programs/harbor_dscr.guideline:149.
    """
    # programs/harbor_dscr.guideline:149
    applies = True
    return applies, (
        # housing history 1x30x12 (at most 1 payment 30+ days late in the last 12 months)
        # (programs/harbor_dscr.guideline:151)
        (
            None if (
                _t67 := rt.count_lates(loan.housing_lates, 'days_late', 'due_on', 30, 12, loan.application_date)
            ) is None
            else _t67 <= _D1
        ),
        # not In forbearance (programs/harbor_dscr.guideline:152)
        (None if loan.in_forbearance is None else not loan.in_forbearance),
    )


def rule_reserves(loan: Loan, v: dict[str, Any]) -> Result:
    """Reserves.

    Citation: §7.1, p. 12. Source: programs/harbor_dscr.guideline:163.
    """
    # programs/harbor_dscr.guideline:163
    applies = True
    return applies, (
        # Reserves at least Required reserves (programs/harbor_dscr.guideline:165)
        (
            None if v['reserves_months'] is None or v['required_reserves'] is None
            else v['reserves_months'] >= v['required_reserves']
        ),
    )


_D3000000 = Decimal("3000000")
_D100000 = Decimal("100000")


def rule_loan_amount_range(loan: Loan, v: dict[str, Any]) -> Result:
    """Loan amount.

    Citation: §7.2, p. 12. Source: programs/harbor_dscr.guideline:167.
    """
    # programs/harbor_dscr.guideline:167
    applies = True
    return applies, (
        # Loan amount at least $100,000 and Loan amount at most $3,000,000 (programs/harbor_dscr.guideline:169)
        (
            False if (_t68 := (None if loan.loan_amount is None else loan.loan_amount >= _D100000)) is False
                or (_t69 := (None if loan.loan_amount is None else loan.loan_amount <= _D3000000)) is False
            else None if _t68 is None or _t69 is None
            else True
        ),
    )


def rule_property_types(loan: Loan, v: dict[str, Any]) -> Result:
    """Property types.

    Citation: §7.3, p. 12. Source: programs/harbor_dscr.guideline:171.
    """
    # programs/harbor_dscr.guideline:171
    applies = True
    return applies, (
        # Property type is sfr, pud, townhome, condo_warrantable, condo_non_warrantable, two_to_four_unit or
        # five_to_ten_unit (programs/harbor_dscr.guideline:173)
        (
            None if loan.property_type is None
            else loan.property_type in {
                'sfr',
                'pud',
                'townhome',
                'condo_warrantable',
                'condo_non_warrantable',
                'two_to_four_unit',
                'five_to_ten_unit',
            }
        ),
    )


def rule_excluded_states(loan: Loan, v: dict[str, Any]) -> Result:
    """State restrictions.

    Citation: §7.4, p. 13. Source: programs/harbor_dscr.guideline:175.
    """
    # programs/harbor_dscr.guideline:175
    applies = True
    return applies, (
        # State is not WV, ND or SD (programs/harbor_dscr.guideline:177)
        (None if loan.state is None else loan.state not in {'WV', 'ND', 'SD'}),
    )


def rule_prepayment_penalty(loan: Loan, v: dict[str, Any]) -> Result:
    """Prepayment penalty: restricted states.

    Citation: §7.5, p. 13 (state list illustrative). Source: programs/harbor_dscr.guideline:179.
    """
    # programs/harbor_dscr.guideline:179: applies when State is AK, KS, MI, MN, NM, RI or VT
    applies = (None if loan.state is None else loan.state in {'AK', 'KS', 'MI', 'MN', 'NM', 'RI', 'VT'})
    return applies, (
        # Prepayment penalty term equal to 0 months (programs/harbor_dscr.guideline:183)
        (None if loan.prepayment_penalty_months is None else loan.prepayment_penalty_months == 0),
    )


def facts(loan: Loan) -> rt.Facts:
    """Everything the program's rules establish about a loan, before the decision is assembled."""
    inv: dict[str, Any] = {}
    v = values(loan, invalid=inv)
    f = rt.Facts(loan, v)
    f.invalid = inv
    f.matrices = [
        matrix_purchase(loan, v),
        matrix_rate_term(loan, v),
        matrix_cash_out(loan, v),
        matrix_no_ratio(loan, v),
    ]
    f.rules = [
        rule_cash_out_no_ratio(loan, v),
        rule_interest_only(loan, v),
        rule_first_time_investor(loan, v),
        rule_non_warrantable_condo(loan, v),
        rule_five_to_ten_units(loan, v),
        rule_declining_market(loan, v),
        rule_min_dscr(loan, v),
        rule_short_term_rental(loan, v),
        rule_small_loan_no_ratio(loan, v),
        rule_investment_only(loan, v),
        rule_min_fico(loan, v),
        rule_not_fthb(loan, v),
        rule_foreign_nationals(loan, v),
        rule_credit_event_seasoning(loan, v),
        rule_housing_history(loan, v),
        rule_reserves(loan, v),
        rule_loan_amount_range(loan, v),
        rule_property_types(loan, v),
        rule_excluded_states(loan, v),
        rule_prepayment_penalty(loan, v),
    ]
    return f


def check(loan: Loan) -> rt.Decision:
    """Decide a loan under Harbor Point DSCR 2026.2: status, findings, conditions, values, limits.

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
_SHOW_MONEY_3 = rt.shower('money', 'USD per month', False)
_SHOW_MONTHS_4 = rt.shower('months', 'months', False)
_SHOW_PERCENT_5 = rt.shower('percent', '', False)
_SHOW_MONEY_6 = rt.shower('money', 'USD per month', True)
_SHOW_DATE_7 = rt.shower('date', '', False)
_SHOW_INTEGER_8 = rt.shower('integer', 'points', False)
_SHOW_RATIO_9 = rt.shower('ratio', '', True)
_SHOW_MONTHS_10 = rt.shower('months', 'months', True)
_SHOW_YESNO_11 = rt.shower('yesno', '', False)
_SHOW_LIST_12 = rt.shower('list', '', False)


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
    s['lease_rent'] = _SHOW_MONEY_3(loan.lease_rent) or show('lease_rent', f, META)
    s['market_rent'] = _SHOW_MONEY_3(loan.market_rent) or show('market_rent', f, META)
    s['pitia'] = _SHOW_MONEY_3(loan.pitia) or show('pitia', f, META)
    s['liquid_assets'] = _SHOW_MONEY_1(loan.liquid_assets) or show('liquid_assets', f, META)
    s['total_deposits'] = _SHOW_MONEY_1(loan.total_deposits) or show('total_deposits', f, META)
    s['excluded_transfers'] = _SHOW_MONEY_1(loan.excluded_transfers) or show('excluded_transfers', f, META)
    s['excluded_nonrecurring'] = _SHOW_MONEY_1(loan.excluded_nonrecurring) or show('excluded_nonrecurring', f, META)
    s['doc_type'] = _SHOW_ENUM_0(loan.doc_type) or show('doc_type', f, META)
    s['eligible_deposits'] = _SHOW_MONEY_2(v['eligible_deposits']) or show('eligible_deposits', f, META)
    s['statement_months'] = _SHOW_MONTHS_4(loan.statement_months) or show('statement_months', f, META)
    s['cpa_expense_ratio'] = _SHOW_PERCENT_5(loan.cpa_expense_ratio) or show('cpa_expense_ratio', f, META)
    s['ownership_pct'] = _SHOW_PERCENT_5(loan.ownership_pct) or show('ownership_pct', f, META)
    s['monthly_income'] = _SHOW_MONEY_3(loan.monthly_income) or show('monthly_income', f, META)
    s['monthly_debts'] = _SHOW_MONEY_3(loan.monthly_debts) or show('monthly_debts', f, META)
    s['qualifying_income'] = show(
        'qualifying_income', f, META
    ) if 'qualifying_income' in inv else _SHOW_MONEY_6(v['qualifying_income']) or show('qualifying_income', f, META)
    s['purchase_date'] = _SHOW_DATE_7(loan.purchase_date) or show('purchase_date', f, META)
    s['application_date'] = _SHOW_DATE_7(loan.application_date) or show('application_date', f, META)
    s['current_housing_payment'] = _SHOW_MONEY_3(loan.current_housing_payment) or show(
        'current_housing_payment', f, META
    )
    s['fico'] = _SHOW_INTEGER_8(loan.fico) or show('fico', f, META)
    s['dscr'] = show('dscr', f, META) if 'dscr' in inv else _SHOW_RATIO_9(v['dscr']) or show('dscr', f, META)
    s['reserves_months'] = show(
        'reserves_months', f, META
    ) if 'reserves_months' in inv else _SHOW_MONTHS_10(v['reserves_months']) or show('reserves_months', f, META)
    s['occupancy'] = _SHOW_ENUM_0(loan.occupancy) or show('occupancy', f, META)
    s['fthb'] = _SHOW_YESNO_11(loan.fthb) or show('fthb', f, META)
    s['citizenship'] = _SHOW_ENUM_0(loan.citizenship) or show('citizenship', f, META)
    s['credit_events'] = _SHOW_LIST_12(loan.credit_events) or show('credit_events', f, META)
    s['housing_lates'] = _SHOW_LIST_12(loan.housing_lates) or show('housing_lates', f, META)
    s['in_forbearance'] = _SHOW_YESNO_11(loan.in_forbearance) or show('in_forbearance', f, META)
    s['required_reserves'] = _SHOW_MONTHS_10(v['required_reserves']) or show('required_reserves', f, META)
    s['property_type'] = _SHOW_ENUM_0(loan.property_type) or show('property_type', f, META)
    s['state'] = _SHOW_ENUM_0(loan.state) or show('state', f, META)
    s['prepayment_penalty_months'] = _SHOW_MONTHS_4(loan.prepayment_penalty_months) or show(
        'prepayment_penalty_months', f, META
    )
    q_occupancy = ('Occupancy: ' if s['occupancy'].endswith('listed') else 'Occupancy ') + s['occupancy']
    q_doc_type = ('Documentation type: ' if s['doc_type'].endswith('listed') else 'Documentation type ') + s['doc_type']
    q_citizenship = ('Citizenship: ' if s['citizenship'].endswith('listed') else 'Citizenship ') + s['citizenship']
    q_credit_events = (
        'Credit events: ' if s['credit_events'].endswith('listed') else 'Credit events '
    ) + s['credit_events']
    q_housing_lates = (
        'Late housing payments: ' if s['housing_lates'].endswith('listed') else 'Late housing payments '
    ) + s['housing_lates']
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
            'dscr',
            'DSCR',
            rt.derived_value(v['dscr'], 3),
            {'lease_rent': s['lease_rent'], 'market_rent': s['market_rent'], 'pitia': s['pitia']},
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
    # rule cash_out_no_ratio: Cash-out below DSCR 1.000 (programs/harbor_dscr.guideline:70)
    w.append(None)
    # rule interest_only: Interest-only (programs/harbor_dscr.guideline:75)
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
    # rule first_time_investor: First-time investor (programs/harbor_dscr.guideline:81)
    a, ok = rules[2]
    if a is True and False not in ok and None not in ok and not (inv and ('dscr' in inv or 'reserves_months' in inv)):
        r = _RULES[2]
        w.append(
            rt.Finding(
                r.id,
                r.title,
                'pass',
                _MET[2] + ' (DSCR ' + s['dscr'] + ', Reserves ' + s['reserves_months'] + ').',
                r.citation,
                r.where,
            )
        )
    else:
        w.append(None)
    # rule non_warrantable_condo: Non-warrantable condo (programs/harbor_dscr.guideline:88)
    w.append(None)
    # rule five_to_ten_units: 5-10 unit properties (programs/harbor_dscr.guideline:93)
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
    # rule declining_market: Declining market (programs/harbor_dscr.guideline:100)
    w.append(None)
    # rule min_dscr: Minimum DSCR (programs/harbor_dscr.guideline:107)
    a, ok = rules[6]
    if a is True and False not in ok and None not in ok and not (inv and ('dscr' in inv)):
        r = _RULES[6]
        w.append(
            rt.Finding(
                r.id,
                r.title,
                'pass',
                _MET[6] + ' (DSCR ' + s['dscr'] + ', Credit score ' + s['fico'] + ').',
                r.citation,
                r.where,
            )
        )
    elif a is True and (ok[0] is False or (inv and ('dscr' in inv))):
        r = _RULES[6]
        m = _UNMET[6] + ' (DSCR ' + s['dscr'] + ', Credit score ' + s['fico'] + ').'
        w.append(rt.Finding(r.id, r.title, 'fail', m, r.citation, r.where))
    else:
        w.append(None)
    # rule short_term_rental: Short-term rental (programs/harbor_dscr.guideline:111)
    a, ok = rules[7]
    if a is True and False not in ok and None not in ok and not (inv and ('dscr' in inv)):
        r = _RULES[7]
        w.append(rt.Finding(r.id, r.title, 'pass', _MET[7] + ' (DSCR ' + s['dscr'] + ').', r.citation, r.where))
    elif a is True and (ok[0] is False or (inv and ('dscr' in inv))):
        r = _RULES[7]
        m = _UNMET[7] + ' (DSCR ' + s['dscr'] + ').'
        w.append(rt.Finding(r.id, r.title, 'fail', m, r.citation, r.where))
    else:
        w.append(None)
    # rule small_loan_no_ratio: Minimum loan below DSCR 1.000 (programs/harbor_dscr.guideline:116)
    a, ok = rules[8]
    if a is True and False not in ok and None not in ok:
        r = _RULES[8]
        w.append(
            rt.Finding(r.id, r.title, 'pass', _MET[8] + ' (Loan amount ' + s['loan_amount'] + ').', r.citation, r.where)
        )
    elif a is True and (ok[0] is False):
        r = _RULES[8]
        m = _UNMET[8] + ' (Loan amount ' + s['loan_amount'] + ').'
        w.append(rt.Finding(r.id, r.title, 'fail', m, r.citation, r.where))
    else:
        w.append(None)
    # rule investment_only: Business-purpose investment loans only (programs/harbor_dscr.guideline:123)
    a, ok = rules[9]
    if a is True and False not in ok and None not in ok:
        r = _RULES[9]
        w.append(
            rt.Finding(
                r.id, r.title, 'pass', _MET[9] + ' (' + q_occupancy + ', ' + q_doc_type + ').', r.citation, r.where
            )
        )
    else:
        w.append(None)
    # rule min_fico: Minimum credit score (programs/harbor_dscr.guideline:128)
    a, ok = rules[10]
    if a is True and False not in ok and None not in ok:
        r = _RULES[10]
        w.append(
            rt.Finding(r.id, r.title, 'pass', _MET[10] + ' (Credit score ' + s['fico'] + ').', r.citation, r.where)
        )
    elif a is True and (ok[0] is False):
        r = _RULES[10]
        m = _UNMET[10] + ' (Credit score ' + s['fico'] + ').'
        w.append(rt.Finding(r.id, r.title, 'fail', m, r.citation, r.where))
    else:
        w.append(None)
    # rule not_fthb: First-time home buyers (programs/harbor_dscr.guideline:132)
    a, ok = rules[11]
    if a is True and False not in ok and None not in ok:
        r = _RULES[11]
        w.append(
            rt.Finding(
                r.id, r.title, 'pass', _MET[11] + ' (First-time home buyer ' + s['fthb'] + ').', r.citation, r.where
            )
        )
    elif a is True and (ok[0] is False):
        r = _RULES[11]
        m = _UNMET[11] + ' (First-time home buyer ' + s['fthb'] + ').'
        w.append(rt.Finding(r.id, r.title, 'fail', m, r.citation, r.where))
    else:
        w.append(None)
    # rule foreign_nationals: Residency (programs/harbor_dscr.guideline:136)
    a, ok = rules[12]
    if a is True and False not in ok and None not in ok:
        r = _RULES[12]
        w.append(rt.Finding(r.id, r.title, 'pass', _MET[12] + ' (' + q_citizenship + ').', r.citation, r.where))
    elif a is True and (ok[0] is False):
        r = _RULES[12]
        m = _UNMET[12] + ' (' + q_citizenship + ').'
        w.append(rt.Finding(r.id, r.title, 'fail', m, r.citation, r.where))
    else:
        w.append(None)
    # rule credit_event_seasoning: Credit event seasoning (programs/harbor_dscr.guideline:140)
    a, ok = rules[13]
    if a is True and False not in ok and None not in ok:
        r = _RULES[13]
        w.append(rt.Finding(r.id, r.title, 'pass', _MET[13] + ' (' + q_credit_events + ').', r.citation, r.where))
    else:
        w.append(None)
    # rule housing_history: Mortgage history (programs/harbor_dscr.guideline:149)
    a, ok = rules[14]
    if a is True and False not in ok and None not in ok:
        r = _RULES[14]
        w.append(
            rt.Finding(
                r.id,
                r.title,
                'pass',
                _MET[14] + ' (' + q_housing_lates + ', In forbearance ' + s['in_forbearance'] + ').',
                r.citation,
                r.where,
            )
        )
    else:
        w.append(None)
    # rule reserves: Reserves (programs/harbor_dscr.guideline:163)
    a, ok = rules[15]
    if a is True and False not in ok and None not in ok and not (inv and ('reserves_months' in inv)):
        r = _RULES[15]
        w.append(
            rt.Finding(
                r.id,
                r.title,
                'pass',
                _MET[15] + ' (Reserves ' + s['reserves_months'] + ', Required reserves ' + s[
                    'required_reserves'
                ] + ').',
                r.citation,
                r.where,
            )
        )
    elif a is True and (ok[0] is False or (inv and ('reserves_months' in inv))):
        r = _RULES[15]
        m = _UNMET[15] + ' (Reserves ' + s['reserves_months'] + ', Required reserves ' + s['required_reserves'] + ').'
        w.append(rt.Finding(r.id, r.title, 'fail', m, r.citation, r.where))
    else:
        w.append(None)
    # rule loan_amount_range: Loan amount (programs/harbor_dscr.guideline:167)
    a, ok = rules[16]
    if a is True and False not in ok and None not in ok:
        r = _RULES[16]
        w.append(
            rt.Finding(
                r.id, r.title, 'pass', _MET[16] + ' (Loan amount ' + s['loan_amount'] + ').', r.citation, r.where
            )
        )
    elif a is True and (ok[0] is False):
        r = _RULES[16]
        m = _UNMET[16] + ' (Loan amount ' + s['loan_amount'] + ').'
        w.append(rt.Finding(r.id, r.title, 'fail', m, r.citation, r.where))
    else:
        w.append(None)
    # rule property_types: Property types (programs/harbor_dscr.guideline:171)
    a, ok = rules[17]
    if a is True and False not in ok and None not in ok:
        r = _RULES[17]
        w.append(rt.Finding(r.id, r.title, 'pass', _MET[17] + ' (' + q_property_type + ').', r.citation, r.where))
    elif a is True and (ok[0] is False):
        r = _RULES[17]
        m = _UNMET[17] + ' (' + q_property_type + ').'
        w.append(rt.Finding(r.id, r.title, 'fail', m, r.citation, r.where))
    else:
        w.append(None)
    # rule excluded_states: State restrictions (programs/harbor_dscr.guideline:175)
    a, ok = rules[18]
    if a is True and False not in ok and None not in ok:
        r = _RULES[18]
        w.append(rt.Finding(r.id, r.title, 'pass', _MET[18] + ' (' + q_state + ').', r.citation, r.where))
    elif a is True and (ok[0] is False):
        r = _RULES[18]
        m = _UNMET[18] + ' (' + q_state + ').'
        w.append(rt.Finding(r.id, r.title, 'fail', m, r.citation, r.where))
    else:
        w.append(None)
    # rule prepayment_penalty: Prepayment penalty: restricted states (programs/harbor_dscr.guideline:179)
    a, ok = rules[19]
    if a is True and False not in ok and None not in ok:
        r = _RULES[19]
        w.append(
            rt.Finding(
                r.id,
                r.title,
                'pass',
                _MET[19] + ' (Prepayment penalty term ' + s['prepayment_penalty_months'] + ').',
                r.citation,
                r.where,
            )
        )
    elif a is True and (ok[0] is False):
        r = _RULES[19]
        m = _UNMET[19] + ' (Prepayment penalty term ' + s['prepayment_penalty_months'] + ').'
        w.append(rt.Finding(r.id, r.title, 'fail', m, r.citation, r.where))
    else:
        w.append(None)
    return rt.decide(META, f, derived, w)


_GROUPS_credit_events = dict[Any, tuple[int, ...]]({
    'fc': (0,),
    'ss': (0,),
    'dil': (0,),
    'mod': (1,),
    'nod': (1,),
    'dq120': (1,),
    'bk7': (2,),
    'bk11': (2,),
    'bk13': (3,),
})
_NEVER = rt.NEVER
_NEVERS_4 = (rt.NEVER, rt.NEVER, rt.NEVER, rt.NEVER,)
_MONTHS_BETWEEN = rt.months_between
_UP_DIVIDE = rt.up_divide
_UP_QUANTIZE = rt.up_quantize
_DOWN_DIVIDE = rt.down_divide
_DOWN_QUANTIZE = rt.down_quantize
_CELLS_purchase = (
    (
        (Decimal("80"), Decimal("80")),
        (Decimal("75"), Decimal("75")),
        (Decimal("75"), Decimal("75")),
        (Decimal("70"), Decimal("70")),
    ),
    (
        (Decimal("80"), Decimal("80")),
        (Decimal("75"), Decimal("75")),
        (Decimal("70"), Decimal("70")),
        (Decimal("65"), Decimal("65")),
    ),
    (
        (Decimal("75"), Decimal("75")),
        (Decimal("75"), Decimal("75")),
        (Decimal("70"), Decimal("70")),
        (Decimal("60"), Decimal("60")),
    ),
    ((Decimal("75"), Decimal("75")), (Decimal("70"), Decimal("70")), (Decimal("65"), Decimal("65")), None),
    ((Decimal("70"), Decimal("70")), (Decimal("65"), Decimal("65")), None, None),
)
_D1500000 = Decimal("1500000")
_CELLS_rate_term = (
    (
        (Decimal("80"), Decimal("80")),
        (Decimal("75"), Decimal("75")),
        (Decimal("70"), Decimal("70")),
        (Decimal("65"), Decimal("65")),
    ),
    (
        (Decimal("75"), Decimal("75")),
        (Decimal("75"), Decimal("75")),
        (Decimal("70"), Decimal("70")),
        (Decimal("60"), Decimal("60")),
    ),
    (
        (Decimal("75"), Decimal("75")),
        (Decimal("70"), Decimal("70")),
        (Decimal("65"), Decimal("65")),
        (Decimal("60"), Decimal("60")),
    ),
    ((Decimal("70"), Decimal("70")), (Decimal("70"), Decimal("70")), (Decimal("60"), Decimal("60")), None),
    ((Decimal("70"), Decimal("70")), (Decimal("65"), Decimal("65")), None, None),
)
_CELLS_cash_out = (
    (
        (Decimal("75"), Decimal("75")),
        (Decimal("70"), Decimal("70")),
        (Decimal("65"), Decimal("65")),
        (Decimal("60"), Decimal("60")),
    ),
    ((Decimal("75"), Decimal("75")), (Decimal("70"), Decimal("70")), (Decimal("65"), Decimal("65")), None),
    ((Decimal("70"), Decimal("70")), (Decimal("65"), Decimal("65")), (Decimal("60"), Decimal("60")), None),
    ((Decimal("65"), Decimal("65")), (Decimal("60"), Decimal("60")), None, None),
    ((Decimal("60"), Decimal("60")), None, None, None),
)
_CELLS_no_ratio = (
    ((Decimal("65"), Decimal("65")), (Decimal("75"), Decimal("75"))),
    ((Decimal("60"), Decimal("60")), (Decimal("70"), Decimal("70"))),
    (None, (Decimal("70"), Decimal("70"))),
    (None, None),
)
_D0_999 = Decimal("0.999")
_D5 = Decimal("5")
_D75 = Decimal("75")
_D70 = Decimal("70")
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
    # matrix purchase: Purchase, DSCR 1.000+ (programs/harbor_dscr.guideline:17; §3.1 Matrix A, p. 5); cells in
    # _CELLS_purchase
    f_purpose = loan.purpose
    f_market_rent = loan.market_rent
    f_lease_rent = loan.lease_rent
    f_pitia = loan.pitia
    # DSCR, rounded down to 3 decimals (programs/loan.fields:323)
    i_dscr = False  # outside its domain, or reading such a value
    v_dscr = (
        None if (
            _t5 := (
                None if (_t4 := (f_market_rent if f_lease_rent is None else f_lease_rent)) is None
                    or f_market_rent is None
                else _t4 if _t4 <= f_market_rent
                else f_market_rent
            )
        ) is None
            or f_pitia is None
            or not f_pitia
        else (_r if (_r := _DOWN_QUANTIZE(_DOWN_DIVIDE(_t5, f_pitia), _STEP3)) else _r.copy_abs())
    )
    # it reads an invalid value, divides by zero or less, or is outside its domain
    if (f_pitia is not None and not (f_pitia > _D0)):
        i_dscr = True
        v_dscr = None
    applies = (
        False if (_t6 := (None if f_purpose is None else f_purpose in {'purchase'})) is False
            or (_t7 := (None if v_dscr is None else v_dscr >= _D1)) is False
        else None if _t6 is None or _t7 is None
        else True
    )
    f_loan_amount = loan.loan_amount
    f_fico = loan.fico
    if applies is None:
        unresolved.append('purchase')
        unread_max_ltv = True
        if covered is False:
            covered = None
    elif applies:
        covered = True
        if f_fico is None:
            unresolved.append('purchase')
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
            failed.append('purchase')
            refused_max_ltv = refused_max_ltv or 'purchase'
            if outside is None:
                outside = {}
            outside['purchase'] = (len(failed) - 1, 0)
        elif f_loan_amount is None:
            unresolved.append('purchase')
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
            failed.append('purchase')
            refused_max_ltv = refused_max_ltv or 'purchase'
            if outside is None:
                outside = {}
            outside['purchase'] = (len(failed) - 1, 1)
        elif (cell := _CELLS_purchase[row][col]) is None:
            failed.append('purchase')  # N/A
            refused_max_ltv = refused_max_ltv or 'purchase'
        else:
            if (given := cell[0]) is not None and (base_max_ltv is None or given < base_max_ltv):
                base_max_ltv, base_max_ltv_by = given, 'purchase'
    # matrix rate_term: Rate/term refinance, DSCR 1.000+ (programs/harbor_dscr.guideline:30; §3.1 Matrix B, p. 5); cells
    # in _CELLS_rate_term
    applies = (
        False if (_t8 := (None if f_purpose is None else f_purpose in {'rate_term'})) is False
            or (_t9 := (None if v_dscr is None else v_dscr >= _D1)) is False
        else None if _t8 is None or _t9 is None
        else True
    )
    if applies is None:
        unresolved.append('rate_term')
        unread_max_ltv = True
        if covered is False:
            covered = None
    elif applies:
        covered = True
        if f_fico is None:
            unresolved.append('rate_term')
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
            failed.append('rate_term')
            refused_max_ltv = refused_max_ltv or 'rate_term'
            if outside is None:
                outside = {}
            outside['rate_term'] = (len(failed) - 1, 0)
        elif f_loan_amount is None:
            unresolved.append('rate_term')
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
            failed.append('rate_term')
            refused_max_ltv = refused_max_ltv or 'rate_term'
            if outside is None:
                outside = {}
            outside['rate_term'] = (len(failed) - 1, 1)
        elif (cell := _CELLS_rate_term[row][col]) is None:
            failed.append('rate_term')  # N/A
            refused_max_ltv = refused_max_ltv or 'rate_term'
        else:
            if (given := cell[0]) is not None and (base_max_ltv is None or given < base_max_ltv):
                base_max_ltv, base_max_ltv_by = given, 'rate_term'
    # matrix cash_out: Cash-out refinance, DSCR 1.000+ (programs/harbor_dscr.guideline:43; §3.1 Matrix C, p. 6); cells
    # in _CELLS_cash_out
    applies = (
        False if (_t10 := (None if f_purpose is None else f_purpose in {'cash_out'})) is False
            or (_t11 := (None if v_dscr is None else v_dscr >= _D1)) is False
        else None if _t10 is None or _t11 is None
        else True
    )
    if applies is None:
        unresolved.append('cash_out')
        unread_max_ltv = True
        if covered is False:
            covered = None
    elif applies:
        covered = True
        if f_fico is None:
            unresolved.append('cash_out')
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
            failed.append('cash_out')
            refused_max_ltv = refused_max_ltv or 'cash_out'
            if outside is None:
                outside = {}
            outside['cash_out'] = (len(failed) - 1, 0)
        elif f_loan_amount is None:
            unresolved.append('cash_out')
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
            failed.append('cash_out')
            refused_max_ltv = refused_max_ltv or 'cash_out'
            if outside is None:
                outside = {}
            outside['cash_out'] = (len(failed) - 1, 1)
        elif (cell := _CELLS_cash_out[row][col]) is None:
            failed.append('cash_out')  # N/A
            refused_max_ltv = refused_max_ltv or 'cash_out'
        else:
            if (given := cell[0]) is not None and (base_max_ltv is None or given < base_max_ltv):
                base_max_ltv, base_max_ltv_by = given, 'cash_out'
    # matrix no_ratio: DSCR below 1.000 (all purposes) (programs/harbor_dscr.guideline:56; §3.2 Matrix D, p. 6); cells
    # in _CELLS_no_ratio
    applies = (None if v_dscr is None else v_dscr < _D1)
    if applies is None:
        unresolved.append('no_ratio')
        unread_max_ltv = True
        if covered is False:
            covered = None
    elif applies:
        covered = True
        if f_fico is None:
            unresolved.append('no_ratio')
            unread_max_ltv = True
        # fico: 740+, 720-739, 700-719, 660-699
        elif (
            row := (0 if f_fico >= 740 else 1 if f_fico >= 720 else 2 if f_fico >= 700 else 3 if f_fico >= 660 else -1)
        ) < 0:
            failed.append('no_ratio')
            refused_max_ltv = refused_max_ltv or 'no_ratio'
            if outside is None:
                outside = {}
            outside['no_ratio'] = (len(failed) - 1, 0)
        elif v_dscr is None and i_dscr:
            failed.append('no_ratio')
            refused_max_ltv = refused_max_ltv or 'no_ratio'
        elif v_dscr is None:
            unresolved.append('no_ratio')
            unread_max_ltv = True
        elif (col := (0 if v_dscr < _D0_750 else 1 if v_dscr <= _D0_999 else -1)) < 0:  # dscr: under 0.750, 0.750-0.999
            failed.append('no_ratio')
            refused_max_ltv = refused_max_ltv or 'no_ratio'
            if outside is None:
                outside = {}
            outside['no_ratio'] = (len(failed) - 1, 1)
        elif (cell := _CELLS_no_ratio[row][col]) is None:
            failed.append('no_ratio')  # N/A
            refused_max_ltv = refused_max_ltv or 'no_ratio'
        else:
            if (given := cell[0]) is not None and (base_max_ltv is None or given < base_max_ltv):
                base_max_ltv, base_max_ltv_by = given, 'no_ratio'
    if covered is False:
        failed.append("eligibility_matrix")
    # rule cash_out_no_ratio: Cash-out below DSCR 1.000 (programs/harbor_dscr.guideline:70; §4.1, p. 7)
    a_cash_out_no_ratio = (
        False if (_t12 := (None if f_purpose is None else f_purpose in {'cash_out'})) is False
            or (_t13 := (None if v_dscr is None else v_dscr < _D1)) is False
        else None if _t12 is None or _t13 is None
        else True
    )
    if a_cash_out_no_ratio is None:
        unresolved.append('cash_out_no_ratio')
    # rule interest_only: Interest-only (programs/harbor_dscr.guideline:75; §4.2, p. 7)
    a_interest_only = loan.interest_only
    f_fico_no_score = loan.fico_no_score
    if a_interest_only is not False:
        if a_interest_only is None:  # may apply: missing unless the requirement is met
            if f_fico_no_score or f_fico is None or not (f_fico >= 700):
                unresolved.append('interest_only')
        elif f_fico_no_score:
            failed.append('interest_only')
        elif f_fico is None:
            unresolved.append('interest_only')
        elif not (f_fico >= 700):
            failed.append('interest_only')
    # rule first_time_investor: First-time investor (programs/harbor_dscr.guideline:81; §4.3, p. 7)
    f_first_time_investor = loan.first_time_investor
    a_first_time_investor = f_first_time_investor
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
    if a_first_time_investor is not False:
        # surely met: nothing to record
        if (
            (not i_dscr and (v_dscr is not None and v_dscr >= _D1))
                and (not i_reserves_months and (v_reserves_months is not None and v_reserves_months >= _D12))
        ):
            pass
        # every input known: not met
        elif ((i_dscr or i_reserves_months) or ((v_dscr is not None) and (v_reserves_months is not None))):
            if a_first_time_investor is None:  # may apply: missing
                unresolved.append('first_time_investor')
            else:
                failed.append('first_time_investor')
        else:  # one is unknown: the three-valued outcome
            ok = (
                False if (_t14 := (False if i_dscr else (None if v_dscr is None else v_dscr >= _D1))) is False
                    or (
                        _t15 := (
                            False if i_reserves_months
                            else (None if v_reserves_months is None else v_reserves_months >= _D12)
                        )
                    ) is False
                else None if _t14 is None or _t15 is None
                else True
            )
            if a_first_time_investor is None:  # may apply: missing unless every requirement is met
                if ok is not True:
                    unresolved.append('first_time_investor')
            else:
                if ok is False:
                    failed.append('first_time_investor')
                elif ok is None:
                    unresolved.append('first_time_investor')
    # rule non_warrantable_condo: Non-warrantable condo (programs/harbor_dscr.guideline:88; §4.4, p. 8)
    f_property_type = loan.property_type
    a_non_warrantable_condo = (None if f_property_type is None else f_property_type in {'condo_non_warrantable'})
    if a_non_warrantable_condo is None:
        unresolved.append('non_warrantable_condo')
    # rule five_to_ten_units: 5-10 unit properties (programs/harbor_dscr.guideline:93; §4.5, p. 8)
    a_five_to_ten_units = (None if f_property_type is None else f_property_type in {'five_to_ten_unit'})
    if a_five_to_ten_units is not False:
        if a_five_to_ten_units is None:  # may apply: missing unless the requirement is met
            if f_fico_no_score or f_fico is None or not (f_fico >= 700):
                unresolved.append('five_to_ten_units')
        elif f_fico_no_score:
            failed.append('five_to_ten_units')
        elif f_fico is None:
            unresolved.append('five_to_ten_units')
        elif not (f_fico >= 700):
            failed.append('five_to_ten_units')
    # rule declining_market: Declining market (programs/harbor_dscr.guideline:100; §4.6, p. 8)
    a_declining_market = loan.declining_market
    if a_declining_market is None:
        unresolved.append('declining_market')
    # rule min_dscr: Minimum DSCR (programs/harbor_dscr.guideline:107; §5.1, p. 9 (seed 001: DSCR = gross monthly rent /
    # PITIA))
    # surely met: nothing to record
    if (
        not i_dscr
            and (
                (v_dscr is not None and v_dscr >= _D0_750)
                    or (not f_fico_no_score and f_fico is not None and f_fico >= 720)
            )
    ):
        pass
    elif (i_dscr or ((v_dscr is not None) and (f_fico_no_score or (f_fico is not None)))):  # every input known: not met
        failed.append('min_dscr')
    else:  # one is unknown: the three-valued outcome
        ok = (
            False if i_dscr
            else (
                True if (_t16 := (None if v_dscr is None else v_dscr >= _D0_750)) is True
                    or (_t17 := (False if f_fico_no_score else (None if f_fico is None else f_fico >= 720))) is True
                else None if _t16 is None or _t17 is None
                else False
            )
        )
        if ok is False:
            failed.append('min_dscr')
        elif ok is None:
            unresolved.append('min_dscr')
    # rule short_term_rental: Short-term rental (programs/harbor_dscr.guideline:111; §5.2, p. 9)
    f_short_term_rental = loan.short_term_rental
    if (f_short_term_rental is None) or (f_short_term_rental):
        if f_short_term_rental is None:  # may apply: missing unless the requirement is met
            if i_dscr or v_dscr is None or not (v_dscr >= _D1_150):
                unresolved.append('short_term_rental')
        elif i_dscr:
            failed.append('short_term_rental')
        elif v_dscr is None:
            unresolved.append('short_term_rental')
        elif not (v_dscr >= _D1_150):
            failed.append('short_term_rental')
    # rule small_loan_no_ratio: Minimum loan below DSCR 1.000 (programs/harbor_dscr.guideline:116; §5.3, p. 9)
    if (v_dscr is None) or (v_dscr < _D1):
        if v_dscr is None:  # may apply: missing unless the requirement is met
            if f_loan_amount is None or not (f_loan_amount >= _D175000):
                unresolved.append('small_loan_no_ratio')
        elif f_loan_amount is None:
            unresolved.append('small_loan_no_ratio')
        elif not (f_loan_amount >= _D175000):
            failed.append('small_loan_no_ratio')
    # rule investment_only: Business-purpose investment loans only (programs/harbor_dscr.guideline:123; §6.1, p. 10
    # (seed 001: no personal income or employment documents))
    f_occupancy = loan.occupancy
    f_doc_type = loan.doc_type
    # surely met: nothing to record
    if (
        (f_occupancy is not None and f_occupancy in {'investment'})
            and (f_doc_type is not None and f_doc_type in {'dscr'})
    ):
        pass
    elif ((f_occupancy is not None) and (f_doc_type is not None)):  # every input known: not met
        failed.append('investment_only')
    else:  # one is unknown: the three-valued outcome
        ok = (
            False if (_t18 := (None if f_occupancy is None else f_occupancy in {'investment'})) is False
                or (_t19 := (None if f_doc_type is None else f_doc_type in {'dscr'})) is False
            else None if _t18 is None or _t19 is None
            else True
        )
        if ok is False:
            failed.append('investment_only')
        elif ok is None:
            unresolved.append('investment_only')
    # rule min_fico: Minimum credit score (programs/harbor_dscr.guideline:128; §6.2, p. 10)
    if f_fico_no_score:
        failed.append('min_fico')
    elif f_fico is None:
        unresolved.append('min_fico')
    elif not (f_fico >= 660):
        failed.append('min_fico')
    # rule not_fthb: First-time home buyers (programs/harbor_dscr.guideline:132; §6.3, p. 10)
    f_fthb = loan.fthb
    if f_fthb is None:
        unresolved.append('not_fthb')
    elif f_fthb:
        failed.append('not_fthb')
    # rule foreign_nationals: Residency (programs/harbor_dscr.guideline:136; §6.4, p. 10)
    f_citizenship = loan.citizenship
    if f_citizenship is None:
        unresolved.append('foreign_nationals')
    elif f_citizenship not in {'us_citizen', 'permanent_resident', 'non_permanent_resident'}:
        failed.append('foreign_nationals')
    # rule credit_event_seasoning: Credit event seasoning (programs/harbor_dscr.guideline:140; §6.5, p. 11)
    f_credit_events = loan.credit_events
    # credit_events: the latest completed_on of each group of kinds, in one pass (_NEVERS_4 until an item of one is
    # seen)
    s_credit_events: Any = None
    if f_credit_events is not None:
        s_credit_events = _NEVERS_4
        for _item0 in f_credit_events:
            for _g in _GROUPS_credit_events.get(_item0.kind, ()):
                if s_credit_events is _NEVERS_4:
                    s_credit_events = [_NEVER] * 4
                _when0, _was0 = _item0.completed_on, s_credit_events[_g]
                if _when0 is None or _was0 is None:
                    s_credit_events[_g] = None
                elif _was0 is _NEVER or _when0 > _was0:
                    s_credit_events[_g] = _when0
    f_application_date = loan.application_date
    # surely met: nothing to record
    if (
        (s_credit_events is _NEVERS_4 and f_application_date is not None)
            or (
                (
                    s_credit_events is not None
                        and f_application_date is not None
                        and (
                            (_t28 := s_credit_events[0]) is _NEVER
                                or (_t28 is not None and _MONTHS_BETWEEN(_t28, f_application_date) >= 36)
                        )
                )
                    and (
                        s_credit_events is not None
                            and f_application_date is not None
                            and (
                                (_t29 := s_credit_events[1]) is _NEVER
                                    or (_t29 is not None and _MONTHS_BETWEEN(_t29, f_application_date) >= 24)
                            )
                    )
                    and (
                        s_credit_events is not None
                            and f_application_date is not None
                            and (
                                (_t30 := s_credit_events[2]) is _NEVER
                                    or (_t30 is not None and _MONTHS_BETWEEN(_t30, f_application_date) >= 36)
                            )
                    )
                    and (
                        s_credit_events is not None
                            and f_application_date is not None
                            and (
                                (_t31 := s_credit_events[3]) is _NEVER
                                    or (_t31 is not None and _MONTHS_BETWEEN(_t31, f_application_date) >= 24)
                            )
                    )
            )
    ):
        pass
    else:  # not surely met: its three-valued outcome
        ok = (
            True if s_credit_events is _NEVERS_4 and f_application_date is not None
            else (
                False if (
                    _t24 := (
                        None if s_credit_events is None
                            or f_application_date is None
                            or (_t20 := s_credit_events[0]) is None
                        else True if _t20 is _NEVER
                        else _MONTHS_BETWEEN(_t20, f_application_date) >= 36
                    )
                ) is False
                    or (
                        _t25 := (
                            None if s_credit_events is None
                                or f_application_date is None
                                or (_t21 := s_credit_events[1]) is None
                            else True if _t21 is _NEVER
                            else _MONTHS_BETWEEN(_t21, f_application_date) >= 24
                        )
                    ) is False
                    or (
                        _t26 := (
                            None if s_credit_events is None
                                or f_application_date is None
                                or (_t22 := s_credit_events[2]) is None
                            else True if _t22 is _NEVER
                            else _MONTHS_BETWEEN(_t22, f_application_date) >= 36
                        )
                    ) is False
                    or (
                        _t27 := (
                            None if s_credit_events is None
                                or f_application_date is None
                                or (_t23 := s_credit_events[3]) is None
                            else True if _t23 is _NEVER
                            else _MONTHS_BETWEEN(_t23, f_application_date) >= 24
                        )
                    ) is False
                else None if _t24 is None or _t25 is None or _t26 is None or _t27 is None
                else True
            )
        )
        if ok is False:
            failed.append('credit_event_seasoning')
        elif ok is None:
            unresolved.append('credit_event_seasoning')
    # rule housing_history: Mortgage history (programs/harbor_dscr.guideline:149; §6.6, p. 11)
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
    f_in_forbearance = loan.in_forbearance
    # surely met: nothing to record
    if (
        (s_housing_lates_late is not None and s_housing_lates_late <= 1)
            and (f_in_forbearance is not None and not f_in_forbearance)
    ):
        pass
    elif ((s_housing_lates_late is not None) and (f_in_forbearance is not None)):  # every input known: not met
        failed.append('housing_history')
    else:  # one is unknown: the three-valued outcome
        ok = (
            False if (_t32 := (None if s_housing_lates_late is None else s_housing_lates_late <= 1)) is False
                or (_t33 := (None if f_in_forbearance is None else not f_in_forbearance)) is False
            else None if _t32 is None or _t33 is None
            else True
        )
        if ok is False:
            failed.append('housing_history')
        elif ok is None:
            unresolved.append('housing_history')
    # rule reserves: Reserves (programs/harbor_dscr.guideline:163; §7.1, p. 12)
    # Required reserves (programs/harbor_dscr.guideline:156; §7.1, p. 12)
    v_required_reserves = (
        None if f_loan_amount is None
        else _D6 if f_loan_amount <= _D1000000
        else _D9 if f_loan_amount <= _D2000000
        else _D12
    )
    if i_reserves_months:
        failed.append('reserves')
    elif v_reserves_months is None or v_required_reserves is None:
        unresolved.append('reserves')
    elif not (v_reserves_months >= v_required_reserves):
        failed.append('reserves')
    # rule loan_amount_range: Loan amount (programs/harbor_dscr.guideline:167; §7.2, p. 12)
    if f_loan_amount is None:
        unresolved.append('loan_amount_range')
    elif not ((f_loan_amount >= _D100000) and (f_loan_amount <= _D3000000)):
        failed.append('loan_amount_range')
    # rule property_types: Property types (programs/harbor_dscr.guideline:171; §7.3, p. 12)
    if f_property_type is None:
        unresolved.append('property_types')
    elif f_property_type not in {
        'sfr', 'pud', 'townhome', 'condo_warrantable', 'condo_non_warrantable', 'two_to_four_unit', 'five_to_ten_unit'
    }:
        failed.append('property_types')
    # rule excluded_states: State restrictions (programs/harbor_dscr.guideline:175; §7.4, p. 13)
    f_state = loan.state
    if f_state is None:
        unresolved.append('excluded_states')
    elif f_state in {'WV', 'ND', 'SD'}:
        failed.append('excluded_states')
    # rule prepayment_penalty: Prepayment penalty: restricted states (programs/harbor_dscr.guideline:179; §7.5, p. 13
    # (state list illustrative))
    if (f_state is None) or (f_state in {'AK', 'KS', 'MI', 'MN', 'NM', 'RI', 'VT'}):
        f_prepayment_penalty_months = loan.prepayment_penalty_months
        if f_state is None:  # may apply: missing unless the requirement is met
            if f_prepayment_penalty_months is None or f_prepayment_penalty_months != 0:
                unresolved.append('prepayment_penalty')
        elif f_prepayment_penalty_months is None:
            unresolved.append('prepayment_penalty')
        elif f_prepayment_penalty_months != 0:
            failed.append('prepayment_penalty')
    if outside is not None:  # a key outside a matrix's bands
        if (out := outside.get('no_ratio')) is not None:  # matrix no_ratio
            if out[1] == 0 and (
                ('interest_only' in failed)
                    or ('five_to_ten_units' in failed)
                    or ('min_dscr' in failed)
                    or ('min_fico' in failed)
            ):
                del failed[out[0]]
            if out[1] == 1 and (
                (
                    f_first_time_investor is True
                        and (False if i_dscr else (None if v_dscr is None else v_dscr >= _D1)) is False
                )
                    or ('min_dscr' in failed)
                    or ('short_term_rental' in failed)
            ):
                del failed[out[0]]
        if (out := outside.get('cash_out')) is not None:  # matrix cash_out
            if out[1] == 0 and (
                ('interest_only' in failed)
                    or ('five_to_ten_units' in failed)
                    or ('min_dscr' in failed)
                    or ('min_fico' in failed)
            ):
                del failed[out[0]]
            if out[1] == 1 and (('small_loan_no_ratio' in failed) or ('loan_amount_range' in failed)):
                del failed[out[0]]
        if (out := outside.get('rate_term')) is not None:  # matrix rate_term
            if out[1] == 0 and (
                ('interest_only' in failed)
                    or ('five_to_ten_units' in failed)
                    or ('min_dscr' in failed)
                    or ('min_fico' in failed)
            ):
                del failed[out[0]]
            if out[1] == 1 and (('small_loan_no_ratio' in failed) or ('loan_amount_range' in failed)):
                del failed[out[0]]
        if (out := outside.get('purchase')) is not None:  # matrix purchase
            if out[1] == 0 and (
                ('interest_only' in failed)
                    or ('five_to_ten_units' in failed)
                    or ('min_dscr' in failed)
                    or ('min_fico' in failed)
            ):
                del failed[out[0]]
            if out[1] == 1 and (('small_loan_no_ratio' in failed) or ('loan_amount_range' in failed)):
                del failed[out[0]]
    best: Decimal | None
    sure: Decimal | None
    # limit max_ltv: Max LTV (programs/loan.fields:339): the lowest cell, each reduction (lowest wins) and cap that may
    # apply; `sure`: only those that surely apply
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
    if refused_max_ltv is not None:  # a matrix refusing the loan leaves no limit, whatever the caps
        lim_max_ltv, lim_max_ltv_by = None, None
    elif unread_max_ltv:  # a matrix giving it not read: no limit, missing
        lim_max_ltv, lim_max_ltv_by = None, None
        unresolved.append('max_ltv')
    else:
        best = sure = base_max_ltv
        best_by = base_max_ltv_by
        if base_max_ltv is not None:
            if a_cash_out_no_ratio is not False:  # cash_out_no_ratio (programs/harbor_dscr.guideline:70): reduce by 5%
                best, best_by = base_max_ltv - _D5, 'cash_out_no_ratio'
            elif a_interest_only is not False:  # interest_only (programs/harbor_dscr.guideline:75): reduce by 5%
                best, best_by = base_max_ltv - _D5, 'interest_only'
            elif a_declining_market is not False:  # declining_market (programs/harbor_dscr.guideline:100): reduce by 5%
                best, best_by = base_max_ltv - _D5, 'declining_market'
            if a_cash_out_no_ratio is True or a_interest_only is True or a_declining_market is True:
                sure = base_max_ltv - _D5
        if a_first_time_investor is not False:  # first_time_investor (programs/harbor_dscr.guideline:81): cap at 75%
            if best is None or best > _D75:
                best, best_by = _D75, 'first_time_investor'
            if a_first_time_investor is True and (sure is None or sure > _D75):
                sure = _D75
        # non_warrantable_condo (programs/harbor_dscr.guideline:88): cap at 70%
        if a_non_warrantable_condo is not False:
            if best is None or best > _D70:
                best, best_by = _D70, 'non_warrantable_condo'
            if a_non_warrantable_condo is True and (sure is None or sure > _D70):
                sure = _D70
        if a_five_to_ten_units is not False:  # five_to_ten_units (programs/harbor_dscr.guideline:93): cap at 70%
            if best is None or best > _D70:
                best, best_by = _D70, 'five_to_ten_units'
            if a_five_to_ten_units is True and (sure is None or sure > _D70):
                sure = _D70
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
    best = sure = None
    best_by = ''
    if a_five_to_ten_units is not False:  # five_to_ten_units (programs/harbor_dscr.guideline:93): cap at $2,000,000
        if best is None or best > _D2000000:
            best, best_by = _D2000000, 'five_to_ten_units'
        if a_five_to_ten_units is True and (sure is None or sure > _D2000000):
            sure = _D2000000
    lim_max_loan_amount, lim_max_loan_amount_by = best, None if best is None else best_by
    if best is not None:
        if f_loan_amount is None:
            unresolved.append('max_loan_amount')
        elif f_loan_amount > best:
            (unresolved if sure is None or f_loan_amount <= sure else failed).append('max_loan_amount')
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
                ('max_loan_amount', lim_max_loan_amount, lim_max_loan_amount_by),
                ('max_hcltv', None, None),
            ),
            tuple(failed),
            tuple(unresolved),
        ),
    )
