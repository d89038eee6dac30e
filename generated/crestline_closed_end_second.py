"""Crestline Closed-End Second (crestline_closed_end_second), version 2026.1, effective 2026-04-01.

Investor: Crestline Home Equity.
Source document: Crestline Home Equity, Closed-End Second Lien Guide v2026.1.

Generated from programs/crestline_closed_end_second.guideline; do not edit.
Source sha256: f30380fe0803dba370af3f515d8945b77b453102c84e656cfd527c4c53b9bf1e.
The wording of the decision (titles, citations, messages' texts, matrix cells) is in `crestline_closed_end_second_meta`.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from . import _runtime as rt
from .crestline_closed_end_second_meta import META
from .loan import Loan

__all__ = ["META", "check", "check_fast", "facts", "values"]

Result = tuple[bool | None, tuple[bool | None, ...]]


_D0 = Decimal("0")
_E2 = Decimal("1E+2")
_STEP2 = Decimal("0.01")
_D2000000 = Decimal("2000000")
_D1500000 = Decimal("1500000")
_D100 = Decimal("100")
_D50 = Decimal("50")
_Em2 = Decimal("1E-2")
_D45 = Decimal("45")
_D3 = Decimal("3")
_D6 = Decimal("6")
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
        None if (_t37 := (None if loan.purpose is None else loan.purpose in {'purchase'})) is None
        else (
            None if loan.purchase_price is None or loan.appraised_value is None
            else loan.purchase_price if loan.purchase_price <= loan.appraised_value
            else loan.appraised_value
        ) if _t37
        else loan.appraised_value
    )
    # Senior liens (programs/loan.fields:402)
    v['senior_liens'] = (
        None if (
            _t40 := (
                False if (_t38 := (loan.lien_position is not None)) is False
                    or (_t39 := (None if loan.lien_position is None else loan.lien_position in {'second'})) is False
                else None if _t38 is None or _t39 is None
                else True
            )
        ) is None
        else loan.senior_lien_balance if _t40
        else _D0
    )
    # CLTV, rounded up to 2 decimals (programs/loan.fields:303)
    v['cltv'] = rt.div_up(
        (
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
            else _t42 * _E2
        ),
        v['property_value'],
        _STEP2,
    )
    # it divides by zero or less: undefined
    if (_undefined := rt.divisor(v['property_value'], 'property_value')) is not None:
        inv['cltv'] = _undefined
        v['cltv'] = None
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
                _t45 := (
                    None if (
                        _t44 := (
                            None if (
                                _t43 := (
                                    None if v['senior_liens'] is None or loan.loan_amount is None
                                    else v['senior_liens'] + loan.loan_amount
                                )
                            ) is None
                                or loan.subordinate_liens is None
                            else _t43 + loan.subordinate_liens
                        )
                    ) is None
                        or v['heloc_undrawn'] is None
                    else _t44 + v['heloc_undrawn']
                )
            ) is None
            else _t45 * _E2
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
    # Combined loan amount (programs/crestline_closed_end_second.guideline:52; §2.5 Loan amounts, p. 4)
    v['combined_loan_amount'] = (
        None if v['senior_liens'] is None or loan.loan_amount is None else v['senior_liens'] + loan.loan_amount
    )
    # Maximum combined loan amount (programs/crestline_closed_end_second.guideline:56; §2.5 Loan amounts, p. 4)
    v['max_combined_loan_amount'] = (
        None if loan.occupancy is None
        else _D2000000 if loan.occupancy in {'primary'}
        else _D1500000 if loan.occupancy in {'second_home', 'investment'}
        else None
    )
    # Eligible deposits (programs/loan.fields:307)
    v['eligible_deposits'] = (
        None if (
            _t46 := (
                None if loan.total_deposits is None or loan.excluded_transfers is None
                else loan.total_deposits - loan.excluded_transfers
            )
        ) is None
            or loan.excluded_nonrecurring is None
        else _t46 - loan.excluded_nonrecurring
    )
    # Qualifying monthly income, rounded down to 2 decimals (programs/loan.fields:310)
    v['qualifying_income'] = (
        None if (
            _t47 := (
                None if loan.doc_type is None else loan.doc_type in {'bank_stmt_personal_12', 'bank_stmt_personal_24'}
            )
        ) is None
        else rt.div_down(v['eligible_deposits'], loan.statement_months, _STEP2) if _t47
        else (
            None if (
                _t48 := (
                    None if loan.doc_type is None
                    else loan.doc_type in {'bank_stmt_business_12', 'bank_stmt_business_24'}
                )
            ) is None
            else rt.div_down(
                (
                    None if (
                        _t52 := (
                            None if v['eligible_deposits'] is None
                                or (
                                    _t51 := (
                                        None if (
                                            _t50 := (
                                                None if (
                                                    _t49 := (
                                                        _D50 if loan.cpa_expense_ratio is None
                                                        else loan.cpa_expense_ratio
                                                    )
                                                ) is None
                                                else _D100 - _t49
                                            )
                                        ) is None
                                        else _t50 * _Em2
                                    )
                                ) is None
                            else v['eligible_deposits'] * _t51
                        )
                    ) is None
                        or (_t53 := (None if loan.ownership_pct is None else loan.ownership_pct * _Em2)) is None
                    else _t52 * _t53
                ),
                loan.statement_months,
                _STEP2,
            ) if _t48
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
                _t54 := (None if loan.pitia is None or loan.monthly_debts is None else loan.pitia + loan.monthly_debts)
            ) is None
            else _t54 * _E2
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
    # Maximum DTI (programs/crestline_closed_end_second.guideline:143; §6.4 DTI, p. 9)
    v['max_dti'] = (None if loan.fico is None else _D50 if loan.fico >= 700 else _D45 if loan.fico >= 660 else None)
    # Reserves, rounded down to 2 decimals (programs/loan.fields:327)
    v['reserves_months'] = rt.div_down(loan.liquid_assets, loan.pitia, _STEP2)
    if (_undefined := rt.divisor(loan.pitia, 'pitia')) is not None:  # it divides by zero or less: undefined
        inv['reserves_months'] = _undefined
        v['reserves_months'] = None
    # Minimum reserves (programs/crestline_closed_end_second.guideline:154; §6.5 Reserves, p. 10)
    v['min_reserves'] = (
        None if loan.occupancy is None
        else _D3 if loan.occupancy in {'primary'}
        else _D6 if loan.occupancy in {'second_home', 'investment'}
        else None
    )
    if not every:
        return v
    # LTV, rounded up to 2 decimals (programs/loan.fields:299)
    v['ltv'] = rt.div_up((None if loan.loan_amount is None else loan.loan_amount * _E2), v['property_value'], _STEP2)
    # it divides by zero or less: undefined
    if (_undefined := rt.divisor(v['property_value'], 'property_value')) is not None:
        inv['ltv'] = _undefined
        v['ltv'] = None
    # DSCR, rounded down to 3 decimals (programs/loan.fields:323)
    v['dscr'] = rt.div_down(
        (
            None if (_t55 := (loan.market_rent if loan.lease_rent is None else loan.lease_rent)) is None
                or loan.market_rent is None
            else _t55 if _t55 <= loan.market_rent
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


def matrix_ces(loan: Loan, v: dict[str, Any]) -> tuple[bool | None, tuple[Any, ...]]:
    """Max CLTV / HCLTV: whether it applies and the loan's row and column keys.

    Citation: §4.1 Matrix, p. 6. Source: programs/crestline_closed_end_second.guideline:85.
    Cells: META.matrices[0] (crestline_closed_end_second_meta).
    """
    return True, ((loan.occupancy, loan.fico), loan.loan_amount)


def rule_lien_position(loan: Loan, v: dict[str, Any]) -> Result:
    """Second liens only.

    Citation: §2.1 Lien position, p. 3. Source: programs/crestline_closed_end_second.guideline:23.
    """
    # programs/crestline_closed_end_second.guideline:23
    applies = True
    return applies, (
        # Lien position is second (programs/crestline_closed_end_second.guideline:26)
        (None if loan.lien_position is None else loan.lien_position in {'second'}),
    )


def rule_purposes(loan: Loan, v: dict[str, Any]) -> Result:
    """Purposes.

    Citation: §2.2 Purpose, p. 3. Source: programs/crestline_closed_end_second.guideline:28.
    """
    # programs/crestline_closed_end_second.guideline:28
    applies = True
    return applies, (
        # Loan purpose is purchase or cash_out (programs/crestline_closed_end_second.guideline:31)
        (None if loan.purpose is None else loan.purpose in {'purchase', 'cash_out'}),
    )


def rule_piggyback(loan: Loan, v: dict[str, Any]) -> Result:
    """Purchase seconds.

    Citation: §2.2 Purpose, p. 3. Source: programs/crestline_closed_end_second.guideline:33.
    """
    # programs/crestline_closed_end_second.guideline:33: applies when Loan purpose is purchase
    applies = (None if loan.purpose is None else loan.purpose in {'purchase'})
    return applies, (
        # Occupancy is primary (programs/crestline_closed_end_second.guideline:36)
        (None if loan.occupancy is None else loan.occupancy in {'primary'}),
    )


_D180 = Decimal("180")


def rule_ownership_seasoning(loan: Loan, v: dict[str, Any]) -> Result:
    """Ownership seasoning.

    Citation: §2.3 Seasoning, p. 3. Source: programs/crestline_closed_end_second.guideline:38.
    """
    # programs/crestline_closed_end_second.guideline:38: applies when Loan purpose is cash_out
    applies = (None if loan.purpose is None else loan.purpose in {'cash_out'})
    return applies, (
        # days since Purchase date at least 180 days (programs/crestline_closed_end_second.guideline:41)
        (None if (_t56 := rt.days_since(loan.purchase_date, loan.application_date)) is None else _t56 >= _D180),
    )


def rule_interest_only(loan: Loan, v: dict[str, Any]) -> Result:
    """Interest-only.

    Citation: §2.4 Product, p. 4. Source: programs/crestline_closed_end_second.guideline:43.
    """
    # programs/crestline_closed_end_second.guideline:43
    applies = True
    return applies, (
        # not Interest-only (programs/crestline_closed_end_second.guideline:45)
        (None if loan.interest_only is None else not loan.interest_only),
    )


_D500000 = Decimal("500000")
_D25000 = Decimal("25000")


def rule_loan_amount_range(loan: Loan, v: dict[str, Any]) -> Result:
    """Loan amount.

    Citation: §2.5 Loan amounts, p. 4. Source: programs/crestline_closed_end_second.guideline:47.
    """
    # programs/crestline_closed_end_second.guideline:47
    applies = True
    return applies, (
        # Loan amount at least $25,000 (programs/crestline_closed_end_second.guideline:49)
        (None if loan.loan_amount is None else loan.loan_amount >= _D25000),
        # Loan amount at most $500,000 (programs/crestline_closed_end_second.guideline:50)
        (None if loan.loan_amount is None else loan.loan_amount <= _D500000),
    )


def rule_combined_loan_amount_limit(loan: Loan, v: dict[str, Any]) -> Result:
    """Maximum combined loan amount.

    Citation: §2.5 Loan amounts, p. 4. Source: programs/crestline_closed_end_second.guideline:62.
    """
    # programs/crestline_closed_end_second.guideline:62
    applies = True
    return applies, (
        # Combined loan amount at most Maximum combined loan amount (programs/crestline_closed_end_second.guideline:64)
        (
            None if v['combined_loan_amount'] is None or v['max_combined_loan_amount'] is None
            else v['combined_loan_amount'] <= v['max_combined_loan_amount']
        ),
    )


def rule_senior_lien_terms(loan: Loan, v: dict[str, Any]) -> Result:
    """Terms of the first mortgage.

    Citation: §3.1 Senior lien, p. 5. Source: programs/crestline_closed_end_second.guideline:68.
    """
    # programs/crestline_closed_end_second.guideline:68
    applies = True
    return applies, (
        # not Senior lien negative amortization (programs/crestline_closed_end_second.guideline:71)
        (None if loan.senior_lien_negative_amortization is None else not loan.senior_lien_negative_amortization),
        # not Senior lien balloon (programs/crestline_closed_end_second.guideline:72)
        (None if loan.senior_lien_balloon is None else not loan.senior_lien_balloon),
    )


def rule_senior_lien_forbearance(loan: Loan, v: dict[str, Any]) -> Result:
    """First mortgage in forbearance.

    Citation: §3.2 Forbearance, p. 5. Source: programs/crestline_closed_end_second.guideline:74.
    """
    # programs/crestline_closed_end_second.guideline:74
    applies = True
    return applies, (
        # not In forbearance (programs/crestline_closed_end_second.guideline:76)
        (None if loan.in_forbearance is None else not loan.in_forbearance),
    )


_D1 = Decimal("1")


def rule_housing_history(loan: Loan, v: dict[str, Any]) -> Result:
    """Mortgage payment history.

    Citation: §3.3 Housing history, p. 5. Source: programs/crestline_closed_end_second.guideline:78.
    """
    # programs/crestline_closed_end_second.guideline:78
    applies = True
    return applies, (
        # housing history 0x30x12 (at most 0 payments 30+ days late in the last 12 months)
        # (programs/crestline_closed_end_second.guideline:80)
        (
            None if (
                _t57 := rt.count_lates(loan.housing_lates, 'days_late', 'due_on', 30, 12, loan.application_date)
            ) is None
            else _t57 <= _D0
        ),
        # housing history 1x30x24 (at most 1 payment 30+ days late in the last 24 months)
        # (programs/crestline_closed_end_second.guideline:81)
        (
            None if (
                _t58 := rt.count_lates(loan.housing_lates, 'days_late', 'due_on', 30, 24, loan.application_date)
            ) is None
            else _t58 <= _D1
        ),
    )


def rule_condo_cap(loan: Loan, v: dict[str, Any]) -> Result:
    """Condominiums.

    Citation: §4.2 Adjustments, p. 6: (1) condominiums, max CLTV/HCLTV 80%. Source:
    programs/crestline_closed_end_second.guideline:103.
    """
    # programs/crestline_closed_end_second.guideline:103: applies when Property type is condo_warrantable
    applies = (None if loan.property_type is None else loan.property_type in {'condo_warrantable'})
    return applies, ()


def rule_doc_reduction(loan: Loan, v: dict[str, Any]) -> Result:
    """Alternative documentation.

    Citation: §4.2 Adjustments, p. 6: (2) alternative documentation, 5% less. Source:
    programs/crestline_closed_end_second.guideline:108.
    """
    # programs/crestline_closed_end_second.guideline:108: applies when Documentation type is not full_doc
    applies = (None if loan.doc_type is None else loan.doc_type not in {'full_doc'})
    return applies, ()


def rule_property_types(loan: Loan, v: dict[str, Any]) -> Result:
    """Eligible property types.

    Citation: §5.1 Property types, p. 7. Source: programs/crestline_closed_end_second.guideline:115.
    """
    # programs/crestline_closed_end_second.guideline:115
    applies = True
    return applies, (
        # Property type is sfr, pud, townhome, condo_warrantable or two_to_four_unit
        # (programs/crestline_closed_end_second.guideline:117)
        (
            None if loan.property_type is None
            else loan.property_type in {'sfr', 'pud', 'townhome', 'condo_warrantable', 'two_to_four_unit'}
        ),
    )


def rule_texas(loan: Loan, v: dict[str, Any]) -> Result:
    """Texas.

    Citation: §5.2 State restrictions, p. 7. Source: programs/crestline_closed_end_second.guideline:119.
    """
    # programs/crestline_closed_end_second.guideline:119
    applies = True
    return applies, (
        # State is not TX (programs/crestline_closed_end_second.guideline:122)
        (None if loan.state is None else loan.state not in {'TX'}),
    )


def rule_minimum_fico(loan: Loan, v: dict[str, Any]) -> Result:
    """Minimum credit score.

    Citation: §6.1 Credit score, p. 8. Source: programs/crestline_closed_end_second.guideline:126.
    """
    # programs/crestline_closed_end_second.guideline:126
    applies = True
    return applies, (
        # Credit score at least 660 (programs/crestline_closed_end_second.guideline:128)
        (False if loan.fico_no_score else (None if loan.fico is None else loan.fico >= 660)),
    )


_D84 = Decimal("84")
_D48 = Decimal("48")
_D24 = Decimal("24")


def rule_credit_event_seasoning(loan: Loan, v: dict[str, Any]) -> Result:
    """Credit event seasoning.

    Citation: §6.2 Credit events, p. 8. Source: programs/crestline_closed_end_second.guideline:130.
    """
    # programs/crestline_closed_end_second.guideline:130
    applies = True
    return applies, (
        # months since the latest Credit events (fc) at least 84 months
        # (programs/crestline_closed_end_second.guideline:134)
        (
            None if (
                _t59 := rt.months_since_latest(
                    loan.credit_events, 'kind', 'completed_on', ('fc',), loan.application_date
                )
            ) is None
            else _t59 >= _D84
        ),
        # months since the latest Credit events (ss, dil, mod) at least 48 months
        # (programs/crestline_closed_end_second.guideline:135)
        (
            None if (
                _t60 := rt.months_since_latest(
                    loan.credit_events, 'kind', 'completed_on', ('ss', 'dil', 'mod'), loan.application_date
                )
            ) is None
            else _t60 >= _D48
        ),
        # months since the latest Credit events (bk7, bk11) at least 48 months
        # (programs/crestline_closed_end_second.guideline:136)
        (
            None if (
                _t61 := rt.months_since_latest(
                    loan.credit_events, 'kind', 'completed_on', ('bk7', 'bk11'), loan.application_date
                )
            ) is None
            else _t61 >= _D48
        ),
        # months since the latest Credit events (bk13) at least 24 months
        # (programs/crestline_closed_end_second.guideline:137)
        (
            None if (
                _t62 := rt.months_since_latest(
                    loan.credit_events, 'kind', 'completed_on', ('bk13',), loan.application_date
                )
            ) is None
            else _t62 >= _D24
        ),
    )


def rule_documentation(loan: Loan, v: dict[str, Any]) -> Result:
    """Documentation types.

    Citation: §6.3 Income, p. 9. Source: programs/crestline_closed_end_second.guideline:139.
    """
    # programs/crestline_closed_end_second.guideline:139
    applies = True
    return applies, (
        # Documentation type is full_doc, wvoe, bank_stmt_personal_12, bank_stmt_personal_24, bank_stmt_business_12 or
        # bank_stmt_business_24 (programs/crestline_closed_end_second.guideline:141)
        (
            None if loan.doc_type is None
            else loan.doc_type in {
                'full_doc',
                'wvoe',
                'bank_stmt_personal_12',
                'bank_stmt_personal_24',
                'bank_stmt_business_12',
                'bank_stmt_business_24',
            }
        ),
    )


def rule_dti(loan: Loan, v: dict[str, Any]) -> Result:
    """Maximum DTI.

    Citation: §6.4 DTI, p. 9. Source: programs/crestline_closed_end_second.guideline:149.
    """
    # programs/crestline_closed_end_second.guideline:149
    applies = True
    return applies, (
        # DTI at most Maximum DTI (programs/crestline_closed_end_second.guideline:152)
        (
            False if loan.fico_no_score
            else (None if v['dti'] is None or v['max_dti'] is None else v['dti'] <= v['max_dti'])
        ),
    )


_D250000 = Decimal("250000")


def rule_reserves(loan: Loan, v: dict[str, Any]) -> Result:
    """Reserves.

    Citation: §6.5 Reserves, p. 10. Source: programs/crestline_closed_end_second.guideline:160.
    """
    # programs/crestline_closed_end_second.guideline:160: applies when Loan amount more than $250,000 or Occupancy is
    # not primary
    applies = (
        True if (_t63 := (None if loan.loan_amount is None else loan.loan_amount > _D250000)) is True
            or (_t64 := (None if loan.occupancy is None else loan.occupancy not in {'primary'})) is True
        else None if _t63 is None or _t64 is None
        else False
    )
    return applies, (
        # Reserves at least Minimum reserves (programs/crestline_closed_end_second.guideline:163)
        (
            None if v['reserves_months'] is None or v['min_reserves'] is None
            else v['reserves_months'] >= v['min_reserves']
        ),
    )


def facts(loan: Loan) -> rt.Facts:
    """Everything the program's rules establish about a loan, before the decision is assembled."""
    inv: dict[str, Any] = {}
    v = values(loan, invalid=inv)
    f = rt.Facts(loan, v)
    f.invalid = inv
    f.matrices = [
        matrix_ces(loan, v),
    ]
    f.rules = [
        rule_lien_position(loan, v),
        rule_purposes(loan, v),
        rule_piggyback(loan, v),
        rule_ownership_seasoning(loan, v),
        rule_interest_only(loan, v),
        rule_loan_amount_range(loan, v),
        rule_combined_loan_amount_limit(loan, v),
        rule_senior_lien_terms(loan, v),
        rule_senior_lien_forbearance(loan, v),
        rule_housing_history(loan, v),
        rule_condo_cap(loan, v),
        rule_doc_reduction(loan, v),
        rule_property_types(loan, v),
        rule_texas(loan, v),
        rule_minimum_fico(loan, v),
        rule_credit_event_seasoning(loan, v),
        rule_documentation(loan, v),
        rule_dti(loan, v),
        rule_reserves(loan, v),
    ]
    return f


def check(loan: Loan) -> rt.Decision:
    """Decide a loan under Crestline Closed-End Second 2026.1: status, findings, conditions, values, limits.

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
_SHOW_INTEGER_7 = rt.shower('integer', 'points', False)
_SHOW_DATE_8 = rt.shower('date', '', False)
_SHOW_YESNO_9 = rt.shower('yesno', '', False)
_SHOW_LIST_10 = rt.shower('list', '', False)
_SHOW_PERCENT_11 = rt.shower('percent', '', True)
_SHOW_MONTHS_12 = rt.shower('months', 'months', True)


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
    s['occupancy'] = _SHOW_ENUM_0(loan.occupancy) or show('occupancy', f, META)
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
    s['fico'] = _SHOW_INTEGER_7(loan.fico) or show('fico', f, META)
    s['liquid_assets'] = _SHOW_MONEY_1(loan.liquid_assets) or show('liquid_assets', f, META)
    s['lease_rent'] = _SHOW_MONEY_5(loan.lease_rent) or show('lease_rent', f, META)
    s['market_rent'] = _SHOW_MONEY_5(loan.market_rent) or show('market_rent', f, META)
    s['purchase_date'] = _SHOW_DATE_8(loan.purchase_date) or show('purchase_date', f, META)
    s['application_date'] = _SHOW_DATE_8(loan.application_date) or show('application_date', f, META)
    s['current_housing_payment'] = _SHOW_MONEY_5(loan.current_housing_payment) or show(
        'current_housing_payment', f, META
    )
    s['interest_only'] = _SHOW_YESNO_9(loan.interest_only) or show('interest_only', f, META)
    s['combined_loan_amount'] = _SHOW_MONEY_2(v['combined_loan_amount']) or show('combined_loan_amount', f, META)
    s['max_combined_loan_amount'] = _SHOW_MONEY_2(v['max_combined_loan_amount']) or show(
        'max_combined_loan_amount', f, META
    )
    s['senior_lien_negative_amortization'] = _SHOW_YESNO_9(loan.senior_lien_negative_amortization) or show(
        'senior_lien_negative_amortization', f, META
    )
    s['senior_lien_balloon'] = _SHOW_YESNO_9(loan.senior_lien_balloon) or show('senior_lien_balloon', f, META)
    s['in_forbearance'] = _SHOW_YESNO_9(loan.in_forbearance) or show('in_forbearance', f, META)
    s['housing_lates'] = _SHOW_LIST_10(loan.housing_lates) or show('housing_lates', f, META)
    s['property_type'] = _SHOW_ENUM_0(loan.property_type) or show('property_type', f, META)
    s['state'] = _SHOW_ENUM_0(loan.state) or show('state', f, META)
    s['credit_events'] = _SHOW_LIST_10(loan.credit_events) or show('credit_events', f, META)
    s['dti'] = show('dti', f, META) if 'dti' in inv else _SHOW_PERCENT_11(v['dti']) or show('dti', f, META)
    s['max_dti'] = _SHOW_PERCENT_11(v['max_dti']) or show('max_dti', f, META)
    s['reserves_months'] = show(
        'reserves_months', f, META
    ) if 'reserves_months' in inv else _SHOW_MONTHS_12(v['reserves_months']) or show('reserves_months', f, META)
    s['min_reserves'] = _SHOW_MONTHS_12(v['min_reserves']) or show('min_reserves', f, META)
    q_lien_position = (
        'Lien position: ' if s['lien_position'].endswith('listed') else 'Lien position '
    ) + s['lien_position']
    q_purpose = ('Loan purpose: ' if s['purpose'].endswith('listed') else 'Loan purpose ') + s['purpose']
    q_occupancy = ('Occupancy: ' if s['occupancy'].endswith('listed') else 'Occupancy ') + s['occupancy']
    q_housing_lates = (
        'Late housing payments: ' if s['housing_lates'].endswith('listed') else 'Late housing payments '
    ) + s['housing_lates']
    q_property_type = (
        'Property type: ' if s['property_type'].endswith('listed') else 'Property type '
    ) + s['property_type']
    q_state = ('State: ' if s['state'].endswith('listed') else 'State ') + s['state']
    q_credit_events = (
        'Credit events: ' if s['credit_events'].endswith('listed') else 'Credit events '
    ) + s['credit_events']
    q_doc_type = ('Documentation type: ' if s['doc_type'].endswith('listed') else 'Documentation type ') + s['doc_type']
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
            'combined_loan_amount',
            'Combined loan amount',
            rt.derived_value(v['combined_loan_amount'], 2),
            {'senior_liens': s['senior_liens'], 'loan_amount': s['loan_amount']},
        ),
        rt.DerivedValue(
            'max_combined_loan_amount',
            'Maximum combined loan amount',
            rt.derived_value(v['max_combined_loan_amount'], 0),
            {'occupancy': s['occupancy']},
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
        rt.DerivedValue('max_dti', 'Maximum DTI', rt.derived_value(v['max_dti'], 0), {'fico': s['fico']}),
        rt.DerivedValue(
            'reserves_months',
            'Reserves',
            rt.derived_value(v['reserves_months'], 2),
            {'liquid_assets': s['liquid_assets'], 'pitia': s['pitia']},
        ),
        rt.DerivedValue(
            'min_reserves', 'Minimum reserves', rt.derived_value(v['min_reserves'], 0), {'occupancy': s['occupancy']}
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
    # rule lien_position: Second liens only (programs/crestline_closed_end_second.guideline:23)
    a, ok = rules[0]
    if a is True and False not in ok and None not in ok:
        r = _RULES[0]
        w.append(rt.Finding(r.id, r.title, 'pass', _MET[0] + ' (' + q_lien_position + ').', r.citation, r.where))
    elif a is True and (ok[0] is False):
        r = _RULES[0]
        m = _UNMET[0] + ' (' + q_lien_position + ').'
        w.append(rt.Finding(r.id, r.title, 'fail', m, r.citation, r.where))
    else:
        w.append(None)
    # rule purposes: Purposes (programs/crestline_closed_end_second.guideline:28)
    a, ok = rules[1]
    if a is True and False not in ok and None not in ok:
        r = _RULES[1]
        w.append(rt.Finding(r.id, r.title, 'pass', _MET[1] + ' (' + q_purpose + ').', r.citation, r.where))
    elif a is True and (ok[0] is False):
        r = _RULES[1]
        m = _UNMET[1] + ' (' + q_purpose + ').'
        w.append(rt.Finding(r.id, r.title, 'fail', m, r.citation, r.where))
    else:
        w.append(None)
    # rule piggyback: Purchase seconds (programs/crestline_closed_end_second.guideline:33)
    a, ok = rules[2]
    if a is True and False not in ok and None not in ok:
        r = _RULES[2]
        w.append(rt.Finding(r.id, r.title, 'pass', _MET[2] + ' (' + q_occupancy + ').', r.citation, r.where))
    elif a is True and (ok[0] is False):
        r = _RULES[2]
        m = _UNMET[2] + ' (' + q_occupancy + ').'
        w.append(rt.Finding(r.id, r.title, 'fail', m, r.citation, r.where))
    else:
        w.append(None)
    # rule ownership_seasoning: Ownership seasoning (programs/crestline_closed_end_second.guideline:38)
    a, ok = rules[3]
    if a is True and False not in ok and None not in ok:
        r = _RULES[3]
        w.append(
            rt.Finding(
                r.id, r.title, 'pass', _MET[3] + ' (Purchase date ' + s['purchase_date'] + ').', r.citation, r.where
            )
        )
    elif a is True and (ok[0] is False):
        r = _RULES[3]
        m = _UNMET[3] + ' (Purchase date ' + s['purchase_date'] + ').'
        w.append(rt.Finding(r.id, r.title, 'fail', m, r.citation, r.where))
    else:
        w.append(None)
    # rule interest_only: Interest-only (programs/crestline_closed_end_second.guideline:43)
    a, ok = rules[4]
    if a is True and False not in ok and None not in ok:
        r = _RULES[4]
        w.append(
            rt.Finding(
                r.id, r.title, 'pass', _MET[4] + ' (Interest-only ' + s['interest_only'] + ').', r.citation, r.where
            )
        )
    elif a is True and (ok[0] is False):
        r = _RULES[4]
        m = _UNMET[4] + ' (Interest-only ' + s['interest_only'] + ').'
        w.append(rt.Finding(r.id, r.title, 'fail', m, r.citation, r.where))
    else:
        w.append(None)
    # rule loan_amount_range: Loan amount (programs/crestline_closed_end_second.guideline:47)
    a, ok = rules[5]
    if a is True and False not in ok and None not in ok:
        r = _RULES[5]
        w.append(
            rt.Finding(r.id, r.title, 'pass', _MET[5] + ' (Loan amount ' + s['loan_amount'] + ').', r.citation, r.where)
        )
    else:
        w.append(None)
    # rule combined_loan_amount_limit: Maximum combined loan amount (programs/crestline_closed_end_second.guideline:62)
    a, ok = rules[6]
    if a is True and False not in ok and None not in ok:
        r = _RULES[6]
        w.append(
            rt.Finding(
                r.id,
                r.title,
                'pass',
                _MET[6] + ' (Combined loan amount ' + s['combined_loan_amount'] + ', Maximum combined loan amount ' + s[
                    'max_combined_loan_amount'
                ] + ').',
                r.citation,
                r.where,
            )
        )
    elif a is True and (ok[0] is False):
        r = _RULES[6]
        m = _UNMET[6] + ' (Combined loan amount ' + s['combined_loan_amount'] + ', Maximum combined loan amount ' + s[
            'max_combined_loan_amount'
        ] + ').'
        w.append(rt.Finding(r.id, r.title, 'fail', m, r.citation, r.where))
    else:
        w.append(None)
    # rule senior_lien_terms: Terms of the first mortgage (programs/crestline_closed_end_second.guideline:68)
    a, ok = rules[7]
    if a is True and False not in ok and None not in ok:
        r = _RULES[7]
        w.append(
            rt.Finding(
                r.id,
                r.title,
                'pass',
                _MET[7] + ' (Senior lien negative amortization ' + s[
                    'senior_lien_negative_amortization'
                ] + ', Senior lien balloon ' + s['senior_lien_balloon'] + ').',
                r.citation,
                r.where,
            )
        )
    else:
        w.append(None)
    # rule senior_lien_forbearance: First mortgage in forbearance (programs/crestline_closed_end_second.guideline:74)
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
    # rule housing_history: Mortgage payment history (programs/crestline_closed_end_second.guideline:78)
    a, ok = rules[9]
    if a is True and False not in ok and None not in ok:
        r = _RULES[9]
        w.append(rt.Finding(r.id, r.title, 'pass', _MET[9] + ' (' + q_housing_lates + ').', r.citation, r.where))
    else:
        w.append(None)
    # rule condo_cap: Condominiums (programs/crestline_closed_end_second.guideline:103)
    w.append(None)
    # rule doc_reduction: Alternative documentation (programs/crestline_closed_end_second.guideline:108)
    w.append(None)
    # rule property_types: Eligible property types (programs/crestline_closed_end_second.guideline:115)
    a, ok = rules[12]
    if a is True and False not in ok and None not in ok:
        r = _RULES[12]
        w.append(rt.Finding(r.id, r.title, 'pass', _MET[12] + ' (' + q_property_type + ').', r.citation, r.where))
    elif a is True and (ok[0] is False):
        r = _RULES[12]
        m = _UNMET[12] + ' (' + q_property_type + ').'
        w.append(rt.Finding(r.id, r.title, 'fail', m, r.citation, r.where))
    else:
        w.append(None)
    # rule texas: Texas (programs/crestline_closed_end_second.guideline:119)
    a, ok = rules[13]
    if a is True and False not in ok and None not in ok:
        r = _RULES[13]
        w.append(rt.Finding(r.id, r.title, 'pass', _MET[13] + ' (' + q_state + ').', r.citation, r.where))
    elif a is True and (ok[0] is False):
        r = _RULES[13]
        m = _UNMET[13] + ' (' + q_state + ').'
        w.append(rt.Finding(r.id, r.title, 'fail', m, r.citation, r.where))
    else:
        w.append(None)
    # rule minimum_fico: Minimum credit score (programs/crestline_closed_end_second.guideline:126)
    a, ok = rules[14]
    if a is True and False not in ok and None not in ok:
        r = _RULES[14]
        w.append(
            rt.Finding(r.id, r.title, 'pass', _MET[14] + ' (Credit score ' + s['fico'] + ').', r.citation, r.where)
        )
    elif a is True and (ok[0] is False):
        r = _RULES[14]
        m = _UNMET[14] + ' (Credit score ' + s['fico'] + ').'
        w.append(rt.Finding(r.id, r.title, 'fail', m, r.citation, r.where))
    else:
        w.append(None)
    # rule credit_event_seasoning: Credit event seasoning (programs/crestline_closed_end_second.guideline:130)
    a, ok = rules[15]
    if a is True and False not in ok and None not in ok:
        r = _RULES[15]
        w.append(rt.Finding(r.id, r.title, 'pass', _MET[15] + ' (' + q_credit_events + ').', r.citation, r.where))
    else:
        w.append(None)
    # rule documentation: Documentation types (programs/crestline_closed_end_second.guideline:139)
    a, ok = rules[16]
    if a is True and False not in ok and None not in ok:
        r = _RULES[16]
        w.append(rt.Finding(r.id, r.title, 'pass', _MET[16] + ' (' + q_doc_type + ').', r.citation, r.where))
    elif a is True and (ok[0] is False):
        r = _RULES[16]
        m = _UNMET[16] + ' (' + q_doc_type + ').'
        w.append(rt.Finding(r.id, r.title, 'fail', m, r.citation, r.where))
    else:
        w.append(None)
    # rule dti: Maximum DTI (programs/crestline_closed_end_second.guideline:149)
    a, ok = rules[17]
    if a is True and False not in ok and None not in ok and not (inv and ('dti' in inv)):
        r = _RULES[17]
        w.append(
            rt.Finding(
                r.id,
                r.title,
                'pass',
                _MET[17] + ' (DTI ' + s['dti'] + ', Maximum DTI ' + s['max_dti'] + ').',
                r.citation,
                r.where,
            )
        )
    elif a is True and (ok[0] is False or (inv and ('dti' in inv))):
        r = _RULES[17]
        m = _UNMET[17] + ' (DTI ' + s['dti'] + ', Maximum DTI ' + s['max_dti'] + ').'
        w.append(rt.Finding(r.id, r.title, 'fail', m, r.citation, r.where))
    else:
        w.append(None)
    # rule reserves: Reserves (programs/crestline_closed_end_second.guideline:160)
    a, ok = rules[18]
    if a is True and False not in ok and None not in ok and not (inv and ('reserves_months' in inv)):
        r = _RULES[18]
        w.append(
            rt.Finding(
                r.id,
                r.title,
                'pass',
                _MET[18] + ' (Reserves ' + s['reserves_months'] + ', Minimum reserves ' + s['min_reserves'] + ').',
                r.citation,
                r.where,
            )
        )
    elif a is True and (ok[0] is False or (inv and ('reserves_months' in inv))):
        r = _RULES[18]
        m = _UNMET[18] + ' (Reserves ' + s['reserves_months'] + ', Minimum reserves ' + s['min_reserves'] + ').'
        w.append(rt.Finding(r.id, r.title, 'fail', m, r.citation, r.where))
    else:
        w.append(None)
    return rt.decide(META, f, derived, w)


_GROUPS_credit_events = dict[Any, tuple[int, ...]]({
    'fc': (0,),
    'ss': (1,),
    'dil': (1,),
    'mod': (1,),
    'bk7': (2,),
    'bk11': (2,),
    'bk13': (3,),
})
_NEVER = rt.NEVER
_NEVERS_4 = (rt.NEVER, rt.NEVER, rt.NEVER, rt.NEVER,)
_MONTHS_BETWEEN = rt.months_between
_UP_DIVIDE = rt.up_divide
_UP_QUANTIZE = rt.up_quantize
_DOWN_QUANTIZE = rt.down_quantize
_DOWN_DIVIDE = rt.down_divide
_CELLS_ces = (
    ((Decimal("90"), Decimal("90")), (Decimal("85"), Decimal("85")), (Decimal("80"), Decimal("80"))),
    ((Decimal("85"), Decimal("85")), (Decimal("80"), Decimal("80")), (Decimal("75"), Decimal("75"))),
    ((Decimal("80"), Decimal("80")), (Decimal("75"), Decimal("75")), None),
    ((Decimal("75"), Decimal("75")), None, None),
    ((Decimal("75"), Decimal("75")), (Decimal("70"), Decimal("70")), None),
    ((Decimal("70"), Decimal("70")), None, None),
)
_D350000 = Decimal("350000")
_D5 = Decimal("5")
_D80 = Decimal("80")
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
    base_max_cltv: Decimal | None = None  # the lowest cell for max_cltv so far
    base_max_cltv_by = ''
    refused_max_cltv: str | None = None  # the first matrix refusing the loan (N/A, outside)
    unread_max_cltv = False  # a matrix giving it cannot be read (a `when` or key unknown)
    base_max_hcltv: Decimal | None = None  # the lowest cell for max_hcltv so far
    base_max_hcltv_by = ''
    refused_max_hcltv: str | None = None  # the first matrix refusing the loan (N/A, outside)
    unread_max_hcltv = False  # a matrix giving it cannot be read (a `when` or key unknown)
    covered: bool | None = False  # whether some matrix applies
    outside: dict[str, tuple[int, int]] | None = None  # matrix -> (place in `failed`, axis) of a key outside its bands
    # matrix ces: Max CLTV / HCLTV (programs/crestline_closed_end_second.guideline:85; §4.1 Matrix, p. 6); cells in
    # _CELLS_ces
    covered = True
    f_loan_amount = loan.loan_amount
    f_occupancy = loan.occupancy
    f_fico = loan.fico
    if f_occupancy is None or f_fico is None:
        unresolved.append('ces')
        unread_max_cltv = True
        unread_max_hcltv = True
    # occupancy, fico: 6 lines
    elif (
        row := (
            0 if f_occupancy in {'primary'} and f_fico >= 740
            else 1 if f_occupancy in {'primary'} and 700 <= f_fico <= 739
            else 2 if f_occupancy in {'primary'} and 680 <= f_fico <= 699
            else 3 if f_occupancy in {'primary'} and 660 <= f_fico <= 679
            else 4 if f_occupancy in {'second_home', 'investment'} and f_fico >= 720
            else 5 if f_occupancy in {'second_home', 'investment'} and 680 <= f_fico <= 719
            else -1
        )
    ) < 0:
        failed.append('ces')
        refused_max_cltv = refused_max_cltv or 'ces'
        refused_max_hcltv = refused_max_hcltv or 'ces'
        if outside is None:
            outside = {}
        outside['ces'] = (len(failed) - 1, 0)
    elif f_loan_amount is None:
        unresolved.append('ces')
        unread_max_cltv = True
        unread_max_hcltv = True
    # loan_amount: up to $250,000, $250,001-$350,000, $350,001-$500,000
    elif (
        col := (
            0 if f_loan_amount <= _D250000
            else 1 if f_loan_amount <= _D350000
            else 2 if f_loan_amount <= _D500000
            else -1
        )
    ) < 0:
        failed.append('ces')
        refused_max_cltv = refused_max_cltv or 'ces'
        refused_max_hcltv = refused_max_hcltv or 'ces'
        if outside is None:
            outside = {}
        outside['ces'] = (len(failed) - 1, 1)
    elif (cell := _CELLS_ces[row][col]) is None:
        failed.append('ces')  # N/A
        refused_max_cltv = refused_max_cltv or 'ces'
        refused_max_hcltv = refused_max_hcltv or 'ces'
    else:
        if (given := cell[0]) is not None and (base_max_cltv is None or given < base_max_cltv):
            base_max_cltv, base_max_cltv_by = given, 'ces'
        if (given := cell[1]) is not None and (base_max_hcltv is None or given < base_max_hcltv):
            base_max_hcltv, base_max_hcltv_by = given, 'ces'
    if covered is False:
        failed.append("eligibility_matrix")
    # rule lien_position: Second liens only (programs/crestline_closed_end_second.guideline:23; §2.1 Lien position, p.
    # 3)
    f_lien_position = loan.lien_position
    if f_lien_position is None:
        unresolved.append('lien_position')
    elif f_lien_position not in {'second'}:
        failed.append('lien_position')
    # rule purposes: Purposes (programs/crestline_closed_end_second.guideline:28; §2.2 Purpose, p. 3)
    f_purpose = loan.purpose
    if f_purpose is None:
        unresolved.append('purposes')
    elif f_purpose not in {'purchase', 'cash_out'}:
        failed.append('purposes')
    # rule piggyback: Purchase seconds (programs/crestline_closed_end_second.guideline:33; §2.2 Purpose, p. 3)
    if (f_purpose is None) or (f_purpose in {'purchase'}):
        if f_purpose is None:  # may apply: missing unless the requirement is met
            if f_occupancy is None or f_occupancy not in {'primary'}:
                unresolved.append('piggyback')
        elif f_occupancy is None:
            unresolved.append('piggyback')
        elif f_occupancy not in {'primary'}:
            failed.append('piggyback')
    # rule ownership_seasoning: Ownership seasoning (programs/crestline_closed_end_second.guideline:38; §2.3 Seasoning,
    # p. 3)
    f_application_date = loan.application_date
    if (f_purpose is None) or (f_purpose in {'cash_out'}):
        f_purchase_date = loan.purchase_date
        if f_purpose is None:  # may apply: missing unless the requirement is met
            if (_t16 := rt.days_since(f_purchase_date, f_application_date)) is None or not (_t16 >= _D180):
                unresolved.append('ownership_seasoning')
        elif (_t16 := rt.days_since(f_purchase_date, f_application_date)) is None:
            unresolved.append('ownership_seasoning')
        elif not (_t16 >= _D180):
            failed.append('ownership_seasoning')
    # rule interest_only: Interest-only (programs/crestline_closed_end_second.guideline:43; §2.4 Product, p. 4)
    f_interest_only = loan.interest_only
    if f_interest_only is None:
        unresolved.append('interest_only')
    elif f_interest_only:
        failed.append('interest_only')
    # rule loan_amount_range: Loan amount (programs/crestline_closed_end_second.guideline:47; §2.5 Loan amounts, p. 4)
    # surely met: nothing to record
    if (
        (f_loan_amount is not None and f_loan_amount >= _D25000)
            and (f_loan_amount is not None and f_loan_amount <= _D500000)
    ):
        pass
    elif (f_loan_amount is not None):  # every input known: not met
        failed.append('loan_amount_range')
    else:  # one is unknown: the three-valued outcome
        ok = (
            False if (_t17 := (None if f_loan_amount is None else f_loan_amount >= _D25000)) is False
                or (_t18 := (None if f_loan_amount is None else f_loan_amount <= _D500000)) is False
            else None if _t17 is None or _t18 is None
            else True
        )
        if ok is False:
            failed.append('loan_amount_range')
        elif ok is None:
            unresolved.append('loan_amount_range')
    # rule combined_loan_amount_limit: Maximum combined loan amount (programs/crestline_closed_end_second.guideline:62;
    # §2.5 Loan amounts, p. 4)
    # Senior liens (programs/loan.fields:402)
    v_senior_liens = (
        _D0 if f_lien_position is None else loan.senior_lien_balance if f_lien_position in {'second'} else _D0
    )
    # Combined loan amount (programs/crestline_closed_end_second.guideline:52; §2.5 Loan amounts, p. 4)
    v_combined_loan_amount = (
        None if v_senior_liens is None or f_loan_amount is None else v_senior_liens + f_loan_amount
    )
    # Maximum combined loan amount (programs/crestline_closed_end_second.guideline:56; §2.5 Loan amounts, p. 4)
    v_max_combined_loan_amount = (
        None if f_occupancy is None
        else _D2000000 if f_occupancy in {'primary'}
        else _D1500000 if f_occupancy in {'second_home', 'investment'}
        else None
    )
    if v_combined_loan_amount is None or v_max_combined_loan_amount is None:
        unresolved.append('combined_loan_amount_limit')
    elif not (v_combined_loan_amount <= v_max_combined_loan_amount):
        failed.append('combined_loan_amount_limit')
    # rule senior_lien_terms: Terms of the first mortgage (programs/crestline_closed_end_second.guideline:68; §3.1
    # Senior lien, p. 5)
    f_senior_lien_negative_amortization = loan.senior_lien_negative_amortization
    f_senior_lien_balloon = loan.senior_lien_balloon
    # surely met: nothing to record
    if (
        (f_senior_lien_negative_amortization is not None and not f_senior_lien_negative_amortization)
            and (f_senior_lien_balloon is not None and not f_senior_lien_balloon)
    ):
        pass
    # every input known: not met
    elif ((f_senior_lien_negative_amortization is not None) and (f_senior_lien_balloon is not None)):
        failed.append('senior_lien_terms')
    else:  # one is unknown: the three-valued outcome
        ok = (
            False if (
                _t19 := (
                    None if f_senior_lien_negative_amortization is None else not f_senior_lien_negative_amortization
                )
            ) is False
                or (_t20 := (None if f_senior_lien_balloon is None else not f_senior_lien_balloon)) is False
            else None if _t19 is None or _t20 is None
            else True
        )
        if ok is False:
            failed.append('senior_lien_terms')
        elif ok is None:
            unresolved.append('senior_lien_terms')
    # rule senior_lien_forbearance: First mortgage in forbearance (programs/crestline_closed_end_second.guideline:74;
    # §3.2 Forbearance, p. 5)
    f_in_forbearance = loan.in_forbearance
    if f_in_forbearance is None:
        unresolved.append('senior_lien_forbearance')
    elif f_in_forbearance:
        failed.append('senior_lien_forbearance')
    # rule housing_history: Mortgage payment history (programs/crestline_closed_end_second.guideline:78; §3.3 Housing
    # history, p. 5)
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
    # housing_lates: how many are 30+ days late within 24 months before application_date
    s_housing_lates_late_1: int | None = None
    if f_housing_lates is not None and f_application_date is not None:
        s_housing_lates_late_1 = 0
        for _late1 in f_housing_lates:
            _days1, _due1 = _late1.days_late, _late1.due_on
            if _days1 is None or _due1 is None:
                s_housing_lates_late_1 = None
                break
            if _days1 >= 30 and _MONTHS_BETWEEN(_due1, f_application_date) < 24:
                s_housing_lates_late_1 += 1
    # surely met: nothing to record
    if (
        (s_housing_lates_late is not None and s_housing_lates_late <= 0)
            and (s_housing_lates_late_1 is not None and s_housing_lates_late_1 <= 1)
    ):
        pass
    elif ((s_housing_lates_late is not None) and (s_housing_lates_late_1 is not None)):  # every input known: not met
        failed.append('housing_history')
    else:  # one is unknown: the three-valued outcome
        ok = (
            False if (_t21 := (None if s_housing_lates_late is None else s_housing_lates_late <= 0)) is False
                or (_t22 := (None if s_housing_lates_late_1 is None else s_housing_lates_late_1 <= 1)) is False
            else None if _t21 is None or _t22 is None
            else True
        )
        if ok is False:
            failed.append('housing_history')
        elif ok is None:
            unresolved.append('housing_history')
    # rule condo_cap: Condominiums (programs/crestline_closed_end_second.guideline:103; §4.2 Adjustments, p. 6: (1)
    # condominiums, max CLTV/HCLTV 80%)
    f_property_type = loan.property_type
    a_condo_cap = (None if f_property_type is None else f_property_type in {'condo_warrantable'})
    if a_condo_cap is None:
        unresolved.append('condo_cap')
    # rule doc_reduction: Alternative documentation (programs/crestline_closed_end_second.guideline:108; §4.2
    # Adjustments, p. 6: (2) alternative documentation, 5% less)
    f_doc_type = loan.doc_type
    a_doc_reduction = (None if f_doc_type is None else f_doc_type not in {'full_doc'})
    if a_doc_reduction is None:
        unresolved.append('doc_reduction')
    # rule property_types: Eligible property types (programs/crestline_closed_end_second.guideline:115; §5.1 Property
    # types, p. 7)
    if f_property_type is None:
        unresolved.append('property_types')
    elif f_property_type not in {'sfr', 'pud', 'townhome', 'condo_warrantable', 'two_to_four_unit'}:
        failed.append('property_types')
    # rule texas: Texas (programs/crestline_closed_end_second.guideline:119; §5.2 State restrictions, p. 7)
    f_state = loan.state
    if f_state is None:
        unresolved.append('texas')
    elif f_state in {'TX'}:
        failed.append('texas')
    # rule minimum_fico: Minimum credit score (programs/crestline_closed_end_second.guideline:126; §6.1 Credit score, p.
    # 8)
    f_fico_no_score = loan.fico_no_score
    if f_fico_no_score:
        failed.append('minimum_fico')
    elif f_fico is None:
        unresolved.append('minimum_fico')
    elif not (f_fico >= 660):
        failed.append('minimum_fico')
    # rule credit_event_seasoning: Credit event seasoning (programs/crestline_closed_end_second.guideline:130; §6.2
    # Credit events, p. 8)
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
    # surely met: nothing to record
    if (
        (s_credit_events is _NEVERS_4 and f_application_date is not None)
            or (
                (
                    s_credit_events is not None
                        and f_application_date is not None
                        and (
                            (_t31 := s_credit_events[0]) is _NEVER
                                or (_t31 is not None and _MONTHS_BETWEEN(_t31, f_application_date) >= 84)
                        )
                )
                    and (
                        s_credit_events is not None
                            and f_application_date is not None
                            and (
                                (_t32 := s_credit_events[1]) is _NEVER
                                    or (_t32 is not None and _MONTHS_BETWEEN(_t32, f_application_date) >= 48)
                            )
                    )
                    and (
                        s_credit_events is not None
                            and f_application_date is not None
                            and (
                                (_t33 := s_credit_events[2]) is _NEVER
                                    or (_t33 is not None and _MONTHS_BETWEEN(_t33, f_application_date) >= 48)
                            )
                    )
                    and (
                        s_credit_events is not None
                            and f_application_date is not None
                            and (
                                (_t34 := s_credit_events[3]) is _NEVER
                                    or (_t34 is not None and _MONTHS_BETWEEN(_t34, f_application_date) >= 24)
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
                    _t27 := (
                        None if s_credit_events is None
                            or f_application_date is None
                            or (_t23 := s_credit_events[0]) is None
                        else True if _t23 is _NEVER
                        else _MONTHS_BETWEEN(_t23, f_application_date) >= 84
                    )
                ) is False
                    or (
                        _t28 := (
                            None if s_credit_events is None
                                or f_application_date is None
                                or (_t24 := s_credit_events[1]) is None
                            else True if _t24 is _NEVER
                            else _MONTHS_BETWEEN(_t24, f_application_date) >= 48
                        )
                    ) is False
                    or (
                        _t29 := (
                            None if s_credit_events is None
                                or f_application_date is None
                                or (_t25 := s_credit_events[2]) is None
                            else True if _t25 is _NEVER
                            else _MONTHS_BETWEEN(_t25, f_application_date) >= 48
                        )
                    ) is False
                    or (
                        _t30 := (
                            None if s_credit_events is None
                                or f_application_date is None
                                or (_t26 := s_credit_events[3]) is None
                            else True if _t26 is _NEVER
                            else _MONTHS_BETWEEN(_t26, f_application_date) >= 24
                        )
                    ) is False
                else None if _t27 is None or _t28 is None or _t29 is None or _t30 is None
                else True
            )
        )
        if ok is False:
            failed.append('credit_event_seasoning')
        elif ok is None:
            unresolved.append('credit_event_seasoning')
    # rule documentation: Documentation types (programs/crestline_closed_end_second.guideline:139; §6.3 Income, p. 9)
    if f_doc_type is None:
        unresolved.append('documentation')
    elif f_doc_type not in {
        'full_doc',
        'wvoe',
        'bank_stmt_personal_12',
        'bank_stmt_personal_24',
        'bank_stmt_business_12',
        'bank_stmt_business_24',
    }:
        failed.append('documentation')
    # rule dti: Maximum DTI (programs/crestline_closed_end_second.guideline:149; §6.4 DTI, p. 9)
    f_total_deposits = loan.total_deposits
    f_excluded_transfers = loan.excluded_transfers
    f_excluded_nonrecurring = loan.excluded_nonrecurring
    # Eligible deposits (programs/loan.fields:307)
    v_eligible_deposits = (
        None if (
            _t7 := (
                None if f_total_deposits is None or f_excluded_transfers is None
                else f_total_deposits - f_excluded_transfers
            )
        ) is None
            or f_excluded_nonrecurring is None
        else _t7 - f_excluded_nonrecurring
    )
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
                    _t13 := (
                        None if (
                            _t11 := (
                                None if v_eligible_deposits is None
                                    or (
                                        _t10 := (
                                            None if (
                                                _t9 := (
                                                    None if (
                                                        _t8 := (
                                                            _D50 if f_cpa_expense_ratio is None else f_cpa_expense_ratio
                                                        )
                                                    ) is None
                                                    else _D100 - _t8
                                                )
                                            ) is None
                                            else _t9 * _Em2
                                        )
                                    ) is None
                                else v_eligible_deposits * _t10
                            )
                        ) is None
                            or (_t12 := (None if f_ownership_pct is None else f_ownership_pct * _Em2)) is None
                        else _t11 * _t12
                    )
                ) is None
                    or f_statement_months is None
                    or not f_statement_months
                else (_r if (_r := _DOWN_QUANTIZE(_DOWN_DIVIDE(_t13, f_statement_months), _STEP2)) else _r.copy_abs())
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
            _t15 := (
                None if (
                    _t14 := (None if f_pitia is None or f_monthly_debts is None else f_pitia + f_monthly_debts)
                ) is None
                else _t14 * _E2
            )
        ) is None
            or v_qualifying_income is None
            or not v_qualifying_income
        else (_r if (_r := _UP_QUANTIZE(_UP_DIVIDE(_t15, v_qualifying_income), _STEP2)) else _r.copy_abs())
    )
    # it reads an invalid value, divides by zero or less, or is outside its domain
    if i_qualifying_income or (v_qualifying_income is not None and not (v_qualifying_income > _D0)):
        i_dti = True
        v_dti = None
    # Maximum DTI (programs/crestline_closed_end_second.guideline:143; §6.4 DTI, p. 9)
    v_max_dti = (None if f_fico is None else _D50 if f_fico >= 700 else _D45 if f_fico >= 660 else None)
    if i_dti or f_fico_no_score:
        failed.append('dti')
    elif v_dti is None or v_max_dti is None:
        unresolved.append('dti')
    elif not (v_dti <= v_max_dti):
        failed.append('dti')
    # rule reserves: Reserves (programs/crestline_closed_end_second.guideline:160; §6.5 Reserves, p. 10)
    applies = (
        True if (_t35 := (None if f_loan_amount is None else f_loan_amount > _D250000)) is True
            or (_t36 := (None if f_occupancy is None else f_occupancy not in {'primary'})) is True
        else None if _t35 is None or _t36 is None
        else False
    )
    if applies is not False:
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
        # Minimum reserves (programs/crestline_closed_end_second.guideline:154; §6.5 Reserves, p. 10)
        v_min_reserves = (
            None if f_occupancy is None
            else _D3 if f_occupancy in {'primary'}
            else _D6 if f_occupancy in {'second_home', 'investment'}
            else None
        )
        if applies is None:  # may apply: missing unless the requirement is met
            if i_reserves_months or v_reserves_months is None or v_min_reserves is None or not (
                v_reserves_months >= v_min_reserves
            ):
                unresolved.append('reserves')
        elif i_reserves_months:
            failed.append('reserves')
        elif v_reserves_months is None or v_min_reserves is None:
            unresolved.append('reserves')
        elif not (v_reserves_months >= v_min_reserves):
            failed.append('reserves')
    if outside is not None and (out := outside.get('ces')) is not None:  # matrix ces
        if out[1] == 0 and (('piggyback' in failed) or ('minimum_fico' in failed)):
            del failed[out[0]]
        if out[1] == 1 and (
            ((None if f_loan_amount is None else f_loan_amount >= _D25000) is False)
                or ((None if f_loan_amount is None else f_loan_amount <= _D500000) is False)
        ):
            del failed[out[0]]
    best: Decimal | None
    sure: Decimal | None
    # limit max_ltv: Max LTV (programs/loan.fields:339): the lowest cell, each reduction (first applicable) and cap that
    # may apply; `sure`: only those that surely apply
    # limit max_cltv: Max CLTV (programs/loan.fields:340): the lowest cell, each reduction (first applicable) and cap
    # that may apply; `sure`: only those that surely apply
    first_max_cltv: str | None = ''  # first applicable
    if a_condo_cap is not False:
        first_max_cltv = 'condo_cap' if a_condo_cap else None
    elif a_doc_reduction is not False:
        first_max_cltv = 'doc_reduction' if a_doc_reduction else None
    gone_max_cltv: bool | None = None  # an amount not known (language.md 9.5)
    if first_max_cltv is None:  # a rule that may apply comes first: the limit is unknown
        gone_max_cltv = False
    best = sure = base_max_cltv
    best_by = base_max_cltv_by
    if base_max_cltv is not None:
        low = low_sure = base_max_cltv
        # doc_reduction (programs/crestline_closed_end_second.guideline:108): reduce by 5%
        if first_max_cltv == 'doc_reduction':
            if (less := base_max_cltv - _D5) < low:
                low, best_by = less, 'doc_reduction'
            if first_max_cltv == 'doc_reduction' and less < low_sure:
                low_sure = less
        best, sure = low, low_sure
    if first_max_cltv == 'condo_cap':  # condo_cap (programs/crestline_closed_end_second.guideline:103): cap at 80%
        if best is None or best > _D80:
            best, best_by = _D80, 'condo_cap'
        if first_max_cltv == 'condo_cap' and (sure is None or sure > _D80):
            sure = _D80
    lim_max_cltv, lim_max_cltv_by = best, None if best is None else best_by
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
    f_subordinate_liens = loan.subordinate_liens
    # CLTV, rounded up to 2 decimals (programs/loan.fields:303)
    i_cltv = False  # outside its domain, or reading such a value
    v_cltv = (
        None if (
            _t2 := (
                None if (
                    _t1 := (
                        None if (
                            _t0 := (
                                None if v_senior_liens is None or f_loan_amount is None
                                else v_senior_liens + f_loan_amount
                            )
                        ) is None
                            or f_subordinate_liens is None
                        else _t0 + f_subordinate_liens
                    )
                ) is None
                else _t1 * _E2
            )
        ) is None
            or v_property_value is None
            or not v_property_value
        else (_r if (_r := _UP_QUANTIZE(_UP_DIVIDE(_t2, v_property_value), _STEP2)) else _r.copy_abs())
    )
    # it reads an invalid value, divides by zero or less, or is outside its domain
    if (v_property_value is not None and not (v_property_value > _D0)):
        i_cltv = True
        v_cltv = None
    if refused_max_cltv is not None:
        lim_max_cltv, lim_max_cltv_by = None, None
    elif gone_max_cltv is not None or unread_max_cltv:
        lim_max_cltv, lim_max_cltv_by = None, None
        (failed if gone_max_cltv else unresolved).append('max_cltv')
    elif best is not None:
        if v_cltv is None:
            (failed if i_cltv else unresolved).append('max_cltv')
        elif v_cltv > best:
            (unresolved if sure is None or v_cltv <= sure else failed).append('max_cltv')
    # limit max_loan_amount: Max loan amount (programs/loan.fields:341): the lowest cell, each reduction (first
    # applicable) and cap that may apply; `sure`: only those that surely apply
    # limit max_hcltv: Max HCLTV (programs/loan.fields:413): the lowest cell, each reduction (first applicable) and cap
    # that may apply; `sure`: only those that surely apply
    first_max_hcltv: str | None = ''  # first applicable
    if a_condo_cap is not False:
        first_max_hcltv = 'condo_cap' if a_condo_cap else None
    elif a_doc_reduction is not False:
        first_max_hcltv = 'doc_reduction' if a_doc_reduction else None
    gone_max_hcltv: bool | None = None  # an amount not known (language.md 9.5)
    if first_max_hcltv is None:  # a rule that may apply comes first: the limit is unknown
        gone_max_hcltv = False
    best = sure = base_max_hcltv
    best_by = base_max_hcltv_by
    if base_max_hcltv is not None:
        low = low_sure = base_max_hcltv
        # doc_reduction (programs/crestline_closed_end_second.guideline:108): reduce by 5%
        if first_max_hcltv == 'doc_reduction':
            if (less := base_max_hcltv - _D5) < low:
                low, best_by = less, 'doc_reduction'
            if first_max_hcltv == 'doc_reduction' and less < low_sure:
                low_sure = less
        best, sure = low, low_sure
    if first_max_hcltv == 'condo_cap':  # condo_cap (programs/crestline_closed_end_second.guideline:103): cap at 80%
        if best is None or best > _D80:
            best, best_by = _D80, 'condo_cap'
        if first_max_hcltv == 'condo_cap' and (sure is None or sure > _D80):
            sure = _D80
    lim_max_hcltv, lim_max_hcltv_by = best, None if best is None else best_by
    if refused_max_hcltv is not None:
        lim_max_hcltv, lim_max_hcltv_by = None, None
    elif gone_max_hcltv is not None or unread_max_hcltv:
        lim_max_hcltv, lim_max_hcltv_by = None, None
        (failed if gone_max_hcltv else unresolved).append('max_hcltv')
    elif best is not None:
        f_heloc_line_amount = loan.heloc_line_amount
        f_heloc_drawn_balance = loan.heloc_drawn_balance
        # Undrawn HELOC credit (programs/loan.fields:405)
        i_heloc_undrawn = False  # outside its domain, or reading such a value
        v_heloc_undrawn = (
            None if f_heloc_line_amount is None or f_heloc_drawn_balance is None
            else f_heloc_line_amount - f_heloc_drawn_balance
        )
        # it reads an invalid value, divides by zero or less, or is outside its domain
        if (v_heloc_undrawn is not None and not (v_heloc_undrawn >= _D0)):
            i_heloc_undrawn = True
            v_heloc_undrawn = None
        # HCLTV, rounded up to 2 decimals (programs/loan.fields:409)
        i_hcltv = False  # outside its domain, or reading such a value
        v_hcltv = (
            v_cltv if v_cltv is not None and v_heloc_undrawn is not None and not v_heloc_undrawn
            else (
                None if (
                    _t6 := (
                        None if (
                            _t5 := (
                                None if (
                                    _t4 := (
                                        None if (
                                            _t3 := (
                                                None if v_senior_liens is None or f_loan_amount is None
                                                else v_senior_liens + f_loan_amount
                                            )
                                        ) is None
                                            or f_subordinate_liens is None
                                        else _t3 + f_subordinate_liens
                                    )
                                ) is None
                                    or v_heloc_undrawn is None
                                else _t4 + v_heloc_undrawn
                            )
                        ) is None
                        else _t5 * _E2
                    )
                ) is None
                    or v_property_value is None
                    or not v_property_value
                else (_r if (_r := _UP_QUANTIZE(_UP_DIVIDE(_t6, v_property_value), _STEP2)) else _r.copy_abs())
            )
        )
        # it reads an invalid value, divides by zero or less, or is outside its domain
        if i_heloc_undrawn or (v_property_value is not None and not (v_property_value > _D0)):
            i_hcltv = True
            v_hcltv = None
        if v_hcltv is None:
            (failed if i_hcltv else unresolved).append('max_hcltv')
        elif v_hcltv > best:
            (unresolved if sure is None or v_hcltv <= sure else failed).append('max_hcltv')
    status: rt.Status = "ineligible" if failed else "needs_info" if unresolved else "eligible"
    # a Verdict from its parts in one C call
    return _TUPLE_NEW(
        _VERDICT,
        (
            status,
            (
                ('max_ltv', None, None),
                ('max_cltv', lim_max_cltv, lim_max_cltv_by),
                ('max_loan_amount', None, None),
                ('max_hcltv', lim_max_hcltv, lim_max_hcltv_by),
            ),
            tuple(failed),
            tuple(unresolved),
        ),
    )
