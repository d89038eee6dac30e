"""Summit Ridge Near-Prime (summit_near_prime), version 2026.1, effective 2026-03-01.

Investor: Summit Ridge Mortgage Capital.
Source document: Summit Ridge Mortgage Capital, Near-Prime Underwriting Guide v2026.1.

Generated from programs/summit_near_prime.guideline; do not edit.
Source sha256: b8fc1825633e670963a524428537cd2e1b3a1034d338e3d21c4eee2e81d235e0.
The wording of the decision (titles, citations, messages' texts, matrix cells) is in `summit_near_prime_meta`.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from . import _runtime as rt
from .loan import Loan
from .summit_near_prime_meta import META

__all__ = ["META", "check", "check_fast", "facts", "values"]

Result = tuple[bool | None, tuple[bool | None, ...]]


_E2 = Decimal("1E+2")
_STEP2 = Decimal("0.01")
_D0 = Decimal("0")
_D90 = Decimal("90")
_D85 = Decimal("85")
_D80 = Decimal("80")
_D75 = Decimal("75")
_D100 = Decimal("100")
_D50 = Decimal("50")
_Em2 = Decimal("1E-2")
_D45 = Decimal("45")
_D43 = Decimal("43")
_D1000000 = Decimal("1000000")
_D3 = Decimal("3")
_D6 = Decimal("6")
_D9 = Decimal("9")
_D1 = Decimal("1")
_D24 = Decimal("24")
_D36 = Decimal("36")
_D48 = Decimal("48")
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
        None if (_t29 := (None if loan.purpose is None else loan.purpose in {'purchase'})) is None
        else (
            None if loan.purchase_price is None or loan.appraised_value is None
            else loan.purchase_price if loan.purchase_price <= loan.appraised_value
            else loan.appraised_value
        ) if _t29
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
            _t32 := (
                False if (_t30 := (loan.lien_position is not None)) is False
                    or (_t31 := (None if loan.lien_position is None else loan.lien_position in {'second'})) is False
                else None if _t30 is None or _t31 is None
                else True
            )
        ) is None
        else loan.senior_lien_balance if _t32
        else _D0
    )
    # CLTV, rounded up to 2 decimals (programs/loan.fields:303)
    v['cltv'] = rt.div_up(
        (
            None if (
                _t34 := (
                    None if (
                        _t33 := (
                            None if v['senior_liens'] is None or loan.loan_amount is None
                            else v['senior_liens'] + loan.loan_amount
                        )
                    ) is None
                        or loan.subordinate_liens is None
                    else _t33 + loan.subordinate_liens
                )
            ) is None
            else _t34 * _E2
        ),
        v['property_value'],
        _STEP2,
    )
    # it divides by zero or less: undefined
    if (_undefined := rt.divisor(v['property_value'], 'property_value')) is not None:
        inv['cltv'] = _undefined
        v['cltv'] = None
    # Documentation family (programs/summit_near_prime.guideline:28; §2.3 Documentation, p. 4)
    v['doc_family'] = (
        None if loan.doc_type is None
        else 'full' if loan.doc_type in {'full_doc', 'wvoe'}
        else 'alt' if loan.doc_type in {
            'bank_stmt_personal_12',
            'bank_stmt_personal_24',
            'bank_stmt_business_12',
            'bank_stmt_business_24',
            'p_and_l',
            'form_1099',
        }
        else 'not_offered' if loan.doc_type in {'asset_depletion', 'dscr'}
        else None
    )
    # Credit grade (programs/summit_near_prime.guideline:20; §2.2 Credit grade, p. 3)
    v['credit_grade'] = (
        None if (
            _t49 := (
                False if (
                    _t47 := (
                        None if (
                            _t45 := rt.count_lates(
                                loan.housing_lates, 'days_late', 'due_on', 30, 24, loan.application_date
                            )
                        ) is None
                        else _t45 <= _D0
                    )
                ) is False
                    or (
                        _t48 := (
                            None if (
                                _t46 := rt.months_since_latest(
                                    loan.credit_events, 'kind', 'completed_on', (), loan.application_date
                                )
                            ) is None
                            else _t46 >= _D48
                        )
                    ) is False
                else None if _t47 is None or _t48 is None
                else True
            )
        ) is None
        else 'a_plus' if _t49
        else (
            None if (
                _t44 := (
                    False if (
                        _t42 := (
                            None if (
                                _t40 := rt.count_lates(
                                    loan.housing_lates, 'days_late', 'due_on', 30, 12, loan.application_date
                                )
                            ) is None
                            else _t40 <= _D1
                        )
                    ) is False
                        or (
                            _t43 := (
                                None if (
                                    _t41 := rt.months_since_latest(
                                        loan.credit_events, 'kind', 'completed_on', (), loan.application_date
                                    )
                                ) is None
                                else _t41 >= _D36
                            )
                        ) is False
                    else None if _t42 is None or _t43 is None
                    else True
                )
            ) is None
            else 'a' if _t44
            else (
                None if (
                    _t39 := (
                        False if (
                            _t37 := (
                                None if (
                                    _t35 := rt.count_lates(
                                        loan.housing_lates, 'days_late', 'due_on', 60, 12, loan.application_date
                                    )
                                ) is None
                                else _t35 <= _D1
                            )
                        ) is False
                            or (
                                _t38 := (
                                    None if (
                                        _t36 := rt.months_since_latest(
                                            loan.credit_events, 'kind', 'completed_on', (), loan.application_date
                                        )
                                    ) is None
                                    else _t36 >= _D24
                                )
                            ) is False
                        else None if _t37 is None or _t38 is None
                        else True
                    )
                ) is None
                else 'b' if _t39
                else 'c'
            )
        )
    )
    # Maximum LTV by property type (programs/summit_near_prime.guideline:69; §4.2 Property types, p. 9)
    v['property_max_ltv'] = (
        None if loan.property_type is None
        else _D90 if loan.property_type in {'sfr', 'pud', 'townhome'}
        else _D85 if loan.property_type in {'condo_warrantable', 'modular'}
        else _D80 if loan.property_type in {'two_to_four_unit'}
        else _D75 if loan.property_type in {'condo_non_warrantable'}
        else None
    )
    # Eligible deposits (programs/loan.fields:307)
    v['eligible_deposits'] = (
        None if (
            _t50 := (
                None if loan.total_deposits is None or loan.excluded_transfers is None
                else loan.total_deposits - loan.excluded_transfers
            )
        ) is None
            or loan.excluded_nonrecurring is None
        else _t50 - loan.excluded_nonrecurring
    )
    # Qualifying monthly income, rounded down to 2 decimals (programs/loan.fields:310)
    v['qualifying_income'] = (
        None if (
            _t51 := (
                None if loan.doc_type is None else loan.doc_type in {'bank_stmt_personal_12', 'bank_stmt_personal_24'}
            )
        ) is None
        else rt.div_down(v['eligible_deposits'], loan.statement_months, _STEP2) if _t51
        else (
            None if (
                _t52 := (
                    None if loan.doc_type is None
                    else loan.doc_type in {'bank_stmt_business_12', 'bank_stmt_business_24'}
                )
            ) is None
            else rt.div_down(
                (
                    None if (
                        _t56 := (
                            None if v['eligible_deposits'] is None
                                or (
                                    _t55 := (
                                        None if (
                                            _t54 := (
                                                None if (
                                                    _t53 := (
                                                        _D50 if loan.cpa_expense_ratio is None
                                                        else loan.cpa_expense_ratio
                                                    )
                                                ) is None
                                                else _D100 - _t53
                                            )
                                        ) is None
                                        else _t54 * _Em2
                                    )
                                ) is None
                            else v['eligible_deposits'] * _t55
                        )
                    ) is None
                        or (_t57 := (None if loan.ownership_pct is None else loan.ownership_pct * _Em2)) is None
                    else _t56 * _t57
                ),
                loan.statement_months,
                _STEP2,
            ) if _t52
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
                _t58 := (None if loan.pitia is None or loan.monthly_debts is None else loan.pitia + loan.monthly_debts)
            ) is None
            else _t58 * _E2
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
    # Maximum DTI (programs/summit_near_prime.guideline:94; §5.3 DTI, p. 12)
    v['max_dti'] = (
        None if v['credit_grade'] is None or loan.fthb is None
        else _D50 if v['credit_grade'] in {'a_plus', 'a'}
        else _D45 if v['credit_grade'] in {'b'} and loan.fthb in {False}
        else _D43 if v['credit_grade'] in {'b'} and loan.fthb in {True}
        else None
    )
    # Reserves, rounded down to 2 decimals (programs/loan.fields:327)
    v['reserves_months'] = rt.div_down(loan.liquid_assets, loan.pitia, _STEP2)
    if (_undefined := rt.divisor(loan.pitia, 'pitia')) is not None:  # it divides by zero or less: undefined
        inv['reserves_months'] = _undefined
        v['reserves_months'] = None
    # Minimum reserves (programs/summit_near_prime.guideline:112; §5.5 Reserves, p. 13)
    v['min_reserves'] = (
        None if v['credit_grade'] is None or loan.loan_amount is None
        else _D3 if v['credit_grade'] in {'a_plus', 'a'} and loan.loan_amount <= _D1000000
        else _D6 if v['credit_grade'] in {'a_plus', 'a'} and loan.loan_amount > _D1000000
        else _D9 if v['credit_grade'] in {'b', 'c'}
        else None
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
                _t61 := (
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
                        or v['heloc_undrawn'] is None
                    else _t60 + v['heloc_undrawn']
                )
            ) is None
            else _t61 * _E2
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
            None if (_t62 := (loan.market_rent if loan.lease_rent is None else loan.lease_rent)) is None
                or loan.market_rent is None
            else _t62 if _t62 <= loan.market_rent
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


def matrix_near_prime(loan: Loan, v: dict[str, Any]) -> tuple[bool | None, tuple[Any, ...]]:
    """Near-prime max LTV / CLTV: whether it applies and the loan's row and column keys.

    Citation: §3.1 Matrix 1, p. 5. Source: programs/summit_near_prime.guideline:42.
    Cells: META.matrices[0] (summit_near_prime_meta).
    """
    return True, ((v['credit_grade'], loan.fico), (v['doc_family'], loan.purpose))


def rule_documentation(loan: Loan, v: dict[str, Any]) -> Result:
    """Documentation types.

    Citation: §2.3 Documentation, p. 4. Source: programs/summit_near_prime.guideline:35.
    """
    # programs/summit_near_prime.guideline:35
    applies = True
    return applies, (
        # Documentation family is not not_offered (programs/summit_near_prime.guideline:37)
        (None if v['doc_family'] is None else v['doc_family'] not in {'not_offered'}),
    )


def rule_investment(loan: Loan, v: dict[str, Any]) -> Result:
    """Investment property.

    Citation: §3.3 Occupancy, p. 6. Source: programs/summit_near_prime.guideline:56.
    """
    # programs/summit_near_prime.guideline:56: applies when Occupancy is investment
    applies = (None if loan.occupancy is None else loan.occupancy in {'investment'})
    return applies, ()


def rule_interest_only(loan: Loan, v: dict[str, Any]) -> Result:
    """Interest-only.

    Citation: §3.4 Interest-only, p. 7. Source: programs/summit_near_prime.guideline:61.
    """
    # programs/summit_near_prime.guideline:61: applies when Interest-only
    applies = loan.interest_only
    return applies, (
        # Credit grade is a_plus or a (programs/summit_near_prime.guideline:64)
        (None if v['credit_grade'] is None else v['credit_grade'] in {'a_plus', 'a'}),
    )


def rule_property_types(loan: Loan, v: dict[str, Any]) -> Result:
    """Eligible property types.

    Citation: §4.1 Property types, p. 9. Source: programs/summit_near_prime.guideline:78.
    """
    # programs/summit_near_prime.guideline:78
    applies = True
    return applies, (
        # Property type is not condotel, five_to_ten_unit, manufactured, mixed_use or log_dome
        # (programs/summit_near_prime.guideline:80)
        (
            None if loan.property_type is None
            else loan.property_type not in {'condotel', 'five_to_ten_unit', 'manufactured', 'mixed_use', 'log_dome'}
        ),
    )


def rule_property_ltv(loan: Loan, v: dict[str, Any]) -> Result:
    """Maximum LTV by property type.

    Citation: §4.2 Property types, p. 9. Source: programs/summit_near_prime.guideline:82.
    """
    # programs/summit_near_prime.guideline:82: applies when Property type is not condotel, five_to_ten_unit,
    # manufactured, mixed_use or log_dome
    applies = (
        None if loan.property_type is None
        else loan.property_type not in {'condotel', 'five_to_ten_unit', 'manufactured', 'mixed_use', 'log_dome'}
    )
    return applies, (
        # LTV at most Maximum LTV by property type (programs/summit_near_prime.guideline:85)
        (None if v['ltv'] is None or v['property_max_ltv'] is None else v['ltv'] <= v['property_max_ltv']),
        # CLTV at most Maximum LTV by property type (programs/summit_near_prime.guideline:86)
        (None if v['cltv'] is None or v['property_max_ltv'] is None else v['cltv'] <= v['property_max_ltv']),
    )


def rule_minimum_fico(loan: Loan, v: dict[str, Any]) -> Result:
    """Minimum credit score.

    Citation: §5.1 Credit score, p. 11. Source: programs/summit_near_prime.guideline:90.
    """
    # programs/summit_near_prime.guideline:90
    applies = True
    return applies, (
        # Credit score at least 600 (programs/summit_near_prime.guideline:92)
        (False if loan.fico_no_score else (None if loan.fico is None else loan.fico >= 600)),
    )


def rule_dti(loan: Loan, v: dict[str, Any]) -> Result:
    """Maximum DTI.

    Citation: §5.3 DTI, p. 12. Source: programs/summit_near_prime.guideline:102.
    """
    # programs/summit_near_prime.guideline:102: applies when Credit grade is not c
    applies = (None if v['credit_grade'] is None else v['credit_grade'] not in {'c'})
    return applies, (
        # DTI at most Maximum DTI (programs/summit_near_prime.guideline:105)
        (None if v['dti'] is None or v['max_dti'] is None else v['dti'] <= v['max_dti']),
    )


_D150000 = Decimal("150000")
_D3000000 = Decimal("3000000")


def rule_loan_amount_range(loan: Loan, v: dict[str, Any]) -> Result:
    """Loan amount.

    Citation: §5.4 Loan amounts, p. 12. Source: programs/summit_near_prime.guideline:107.
    """
    # programs/summit_near_prime.guideline:107
    applies = True
    return applies, (
        # Loan amount at least $150,000 (programs/summit_near_prime.guideline:109)
        (None if loan.loan_amount is None else loan.loan_amount >= _D150000),
        # Loan amount at most $3,000,000 (programs/summit_near_prime.guideline:110)
        (None if loan.loan_amount is None else loan.loan_amount <= _D3000000),
    )


def rule_reserves(loan: Loan, v: dict[str, Any]) -> Result:
    """Reserves.

    Citation: §5.5 Reserves, p. 13. Source: programs/summit_near_prime.guideline:119.
    """
    # programs/summit_near_prime.guideline:119
    applies = True
    return applies, (
        # Reserves at least Minimum reserves (programs/summit_near_prime.guideline:121)
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
        matrix_near_prime(loan, v),
    ]
    f.rules = [
        rule_documentation(loan, v),
        rule_investment(loan, v),
        rule_interest_only(loan, v),
        rule_property_types(loan, v),
        rule_property_ltv(loan, v),
        rule_minimum_fico(loan, v),
        rule_dti(loan, v),
        rule_loan_amount_range(loan, v),
        rule_reserves(loan, v),
    ]
    return f


def check(loan: Loan) -> rt.Decision:
    """Decide a loan under Summit Ridge Near-Prime 2026.1: status, findings, conditions, values, limits.

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
_SHOW_LIST_3 = rt.shower('list', '', False)
_SHOW_DATE_4 = rt.shower('date', '', False)
_SHOW_MONTHS_5 = rt.shower('months', 'months', False)
_SHOW_PERCENT_6 = rt.shower('percent', '', False)
_SHOW_MONEY_7 = rt.shower('money', 'USD per month', False)
_SHOW_MONEY_8 = rt.shower('money', 'USD per month', True)
_SHOW_ENUM_9 = rt.shower('enum', '', True)
_SHOW_YESNO_10 = rt.shower('yesno', '', False)
_SHOW_PERCENT_11 = rt.shower('percent', '', True)
_SHOW_INTEGER_12 = rt.shower('integer', 'points', False)
_SHOW_MONTHS_13 = rt.shower('months', 'months', True)


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
    s['doc_type'] = _SHOW_ENUM_0(loan.doc_type) or show('doc_type', f, META)
    s['housing_lates'] = _SHOW_LIST_3(loan.housing_lates) or show('housing_lates', f, META)
    s['application_date'] = _SHOW_DATE_4(loan.application_date) or show('application_date', f, META)
    s['credit_events'] = _SHOW_LIST_3(loan.credit_events) or show('credit_events', f, META)
    s['property_type'] = _SHOW_ENUM_0(loan.property_type) or show('property_type', f, META)
    s['total_deposits'] = _SHOW_MONEY_1(loan.total_deposits) or show('total_deposits', f, META)
    s['excluded_transfers'] = _SHOW_MONEY_1(loan.excluded_transfers) or show('excluded_transfers', f, META)
    s['excluded_nonrecurring'] = _SHOW_MONEY_1(loan.excluded_nonrecurring) or show('excluded_nonrecurring', f, META)
    s['eligible_deposits'] = _SHOW_MONEY_2(v['eligible_deposits']) or show('eligible_deposits', f, META)
    s['statement_months'] = _SHOW_MONTHS_5(loan.statement_months) or show('statement_months', f, META)
    s['cpa_expense_ratio'] = _SHOW_PERCENT_6(loan.cpa_expense_ratio) or show('cpa_expense_ratio', f, META)
    s['ownership_pct'] = _SHOW_PERCENT_6(loan.ownership_pct) or show('ownership_pct', f, META)
    s['monthly_income'] = _SHOW_MONEY_7(loan.monthly_income) or show('monthly_income', f, META)
    s['pitia'] = _SHOW_MONEY_7(loan.pitia) or show('pitia', f, META)
    s['monthly_debts'] = _SHOW_MONEY_7(loan.monthly_debts) or show('monthly_debts', f, META)
    s['qualifying_income'] = show(
        'qualifying_income', f, META
    ) if 'qualifying_income' in inv else _SHOW_MONEY_8(v['qualifying_income']) or show('qualifying_income', f, META)
    s['credit_grade'] = _SHOW_ENUM_9(v['credit_grade']) or show('credit_grade', f, META)
    s['fthb'] = _SHOW_YESNO_10(loan.fthb) or show('fthb', f, META)
    s['liquid_assets'] = _SHOW_MONEY_1(loan.liquid_assets) or show('liquid_assets', f, META)
    s['lease_rent'] = _SHOW_MONEY_7(loan.lease_rent) or show('lease_rent', f, META)
    s['market_rent'] = _SHOW_MONEY_7(loan.market_rent) or show('market_rent', f, META)
    s['purchase_date'] = _SHOW_DATE_4(loan.purchase_date) or show('purchase_date', f, META)
    s['current_housing_payment'] = _SHOW_MONEY_7(loan.current_housing_payment) or show(
        'current_housing_payment', f, META
    )
    s['doc_family'] = _SHOW_ENUM_9(v['doc_family']) or show('doc_family', f, META)
    s['ltv'] = show('ltv', f, META) if 'ltv' in inv else _SHOW_PERCENT_11(v['ltv']) or show('ltv', f, META)
    s['property_max_ltv'] = _SHOW_PERCENT_11(v['property_max_ltv']) or show('property_max_ltv', f, META)
    s['cltv'] = show('cltv', f, META) if 'cltv' in inv else _SHOW_PERCENT_11(v['cltv']) or show('cltv', f, META)
    s['fico'] = _SHOW_INTEGER_12(loan.fico) or show('fico', f, META)
    s['dti'] = show('dti', f, META) if 'dti' in inv else _SHOW_PERCENT_11(v['dti']) or show('dti', f, META)
    s['max_dti'] = _SHOW_PERCENT_11(v['max_dti']) or show('max_dti', f, META)
    s['reserves_months'] = show(
        'reserves_months', f, META
    ) if 'reserves_months' in inv else _SHOW_MONTHS_13(v['reserves_months']) or show('reserves_months', f, META)
    s['min_reserves'] = _SHOW_MONTHS_13(v['min_reserves']) or show('min_reserves', f, META)
    q_doc_family = (
        'Documentation family: ' if s['doc_family'].endswith('listed') else 'Documentation family '
    ) + s['doc_family']
    q_credit_grade = ('Credit grade: ' if s['credit_grade'].endswith('listed') else 'Credit grade ') + s['credit_grade']
    q_property_type = (
        'Property type: ' if s['property_type'].endswith('listed') else 'Property type '
    ) + s['property_type']
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
            'doc_family', 'Documentation family', rt.derived_value(v['doc_family'], 0), {'doc_type': s['doc_type']}
        ),
        rt.DerivedValue(
            'credit_grade',
            'Credit grade',
            rt.derived_value(v['credit_grade'], None),
            {
                'housing_lates': s['housing_lates'],
                'application_date': s['application_date'],
                'credit_events': s['credit_events'],
            },
        ),
        rt.DerivedValue(
            'property_max_ltv',
            'Maximum LTV by property type',
            rt.derived_value(v['property_max_ltv'], 0),
            {'property_type': s['property_type']},
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
            'max_dti',
            'Maximum DTI',
            rt.derived_value(v['max_dti'], 0),
            {'credit_grade': s['credit_grade'], 'fthb': s['fthb']},
        ),
        rt.DerivedValue(
            'reserves_months',
            'Reserves',
            rt.derived_value(v['reserves_months'], 2),
            {'liquid_assets': s['liquid_assets'], 'pitia': s['pitia']},
        ),
        rt.DerivedValue(
            'min_reserves',
            'Minimum reserves',
            rt.derived_value(v['min_reserves'], 0),
            {'credit_grade': s['credit_grade'], 'loan_amount': s['loan_amount']},
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
    # rule documentation: Documentation types (programs/summit_near_prime.guideline:35)
    a, ok = rules[0]
    if a is True and False not in ok and None not in ok:
        r = _RULES[0]
        w.append(rt.Finding(r.id, r.title, 'pass', _MET[0] + ' (' + q_doc_family + ').', r.citation, r.where))
    elif a is True and (ok[0] is False):
        r = _RULES[0]
        m = _UNMET[0] + ' (' + q_doc_family + ').'
        w.append(rt.Finding(r.id, r.title, 'fail', m, r.citation, r.where))
    else:
        w.append(None)
    # rule investment: Investment property (programs/summit_near_prime.guideline:56)
    w.append(None)
    # rule interest_only: Interest-only (programs/summit_near_prime.guideline:61)
    a, ok = rules[2]
    if a is True and False not in ok and None not in ok:
        r = _RULES[2]
        w.append(rt.Finding(r.id, r.title, 'pass', _MET[2] + ' (' + q_credit_grade + ').', r.citation, r.where))
    elif a is True and (ok[0] is False):
        r = _RULES[2]
        m = _UNMET[2] + ' (' + q_credit_grade + ').'
        w.append(rt.Finding(r.id, r.title, 'fail', m, r.citation, r.where))
    else:
        w.append(None)
    # rule property_types: Eligible property types (programs/summit_near_prime.guideline:78)
    a, ok = rules[3]
    if a is True and False not in ok and None not in ok:
        r = _RULES[3]
        w.append(rt.Finding(r.id, r.title, 'pass', _MET[3] + ' (' + q_property_type + ').', r.citation, r.where))
    elif a is True and (ok[0] is False):
        r = _RULES[3]
        m = _UNMET[3] + ' (' + q_property_type + ').'
        w.append(rt.Finding(r.id, r.title, 'fail', m, r.citation, r.where))
    else:
        w.append(None)
    # rule property_ltv: Maximum LTV by property type (programs/summit_near_prime.guideline:82)
    a, ok = rules[4]
    if a is True and False not in ok and None not in ok and not (inv and ('ltv' in inv or 'cltv' in inv)):
        r = _RULES[4]
        w.append(
            rt.Finding(
                r.id,
                r.title,
                'pass',
                _MET[4] + ' (LTV ' + s['ltv'] + ', Maximum LTV by property type ' + s[
                    'property_max_ltv'
                ] + ', CLTV ' + s['cltv'] + ').',
                r.citation,
                r.where,
            )
        )
    else:
        w.append(None)
    # rule minimum_fico: Minimum credit score (programs/summit_near_prime.guideline:90)
    a, ok = rules[5]
    if a is True and False not in ok and None not in ok:
        r = _RULES[5]
        w.append(rt.Finding(r.id, r.title, 'pass', _MET[5] + ' (Credit score ' + s['fico'] + ').', r.citation, r.where))
    elif a is True and (ok[0] is False):
        r = _RULES[5]
        m = _UNMET[5] + ' (Credit score ' + s['fico'] + ').'
        w.append(rt.Finding(r.id, r.title, 'fail', m, r.citation, r.where))
    else:
        w.append(None)
    # rule dti: Maximum DTI (programs/summit_near_prime.guideline:102)
    a, ok = rules[6]
    if a is True and False not in ok and None not in ok and not (inv and ('dti' in inv)):
        r = _RULES[6]
        w.append(
            rt.Finding(
                r.id,
                r.title,
                'pass',
                _MET[6] + ' (DTI ' + s['dti'] + ', Maximum DTI ' + s['max_dti'] + ').',
                r.citation,
                r.where,
            )
        )
    elif a is True and (ok[0] is False or (inv and ('dti' in inv))):
        r = _RULES[6]
        m = _UNMET[6] + ' (DTI ' + s['dti'] + ', Maximum DTI ' + s['max_dti'] + ').'
        w.append(rt.Finding(r.id, r.title, 'fail', m, r.citation, r.where))
    else:
        w.append(None)
    # rule loan_amount_range: Loan amount (programs/summit_near_prime.guideline:107)
    a, ok = rules[7]
    if a is True and False not in ok and None not in ok:
        r = _RULES[7]
        w.append(
            rt.Finding(r.id, r.title, 'pass', _MET[7] + ' (Loan amount ' + s['loan_amount'] + ').', r.citation, r.where)
        )
    else:
        w.append(None)
    # rule reserves: Reserves (programs/summit_near_prime.guideline:119)
    a, ok = rules[8]
    if a is True and False not in ok and None not in ok and not (inv and ('reserves_months' in inv)):
        r = _RULES[8]
        w.append(
            rt.Finding(
                r.id,
                r.title,
                'pass',
                _MET[8] + ' (Reserves ' + s['reserves_months'] + ', Minimum reserves ' + s['min_reserves'] + ').',
                r.citation,
                r.where,
            )
        )
    elif a is True and (ok[0] is False or (inv and ('reserves_months' in inv))):
        r = _RULES[8]
        m = _UNMET[8] + ' (Reserves ' + s['reserves_months'] + ', Minimum reserves ' + s['min_reserves'] + ').'
        w.append(rt.Finding(r.id, r.title, 'fail', m, r.citation, r.where))
    else:
        w.append(None)
    return rt.decide(META, f, derived, w)


_GROUPS_credit_events = dict[Any, tuple[int, ...]]({})
_NEVER = rt.NEVER
_NEVERS_1 = (rt.NEVER,)
_MONTHS_BETWEEN = rt.months_between
_UP_DIVIDE = rt.up_divide
_UP_QUANTIZE = rt.up_quantize
_DOWN_QUANTIZE = rt.down_quantize
_DOWN_DIVIDE = rt.down_divide
_CELLS_near_prime = (
    (
        (Decimal("90"), Decimal("90")),
        (Decimal("80"), Decimal("80")),
        (Decimal("85"), Decimal("85")),
        (Decimal("75"), Decimal("75")),
    ),
    (
        (Decimal("85"), Decimal("85")),
        (Decimal("75"), Decimal("75")),
        (Decimal("80"), Decimal("80")),
        (Decimal("70"), Decimal("70")),
    ),
    (
        (Decimal("85"), Decimal("85")),
        (Decimal("75"), Decimal("75")),
        (Decimal("80"), Decimal("80")),
        (Decimal("70"), Decimal("70")),
    ),
    ((Decimal("80"), Decimal("80")), (Decimal("70"), Decimal("70")), (Decimal("75"), Decimal("75")), None),
    ((Decimal("75"), Decimal("75")), (Decimal("65"), Decimal("65")), (Decimal("70"), Decimal("70")), None),
    ((Decimal("70"), Decimal("70")), None, (Decimal("65"), Decimal("65")), None),
    (None, None, None, None),
)
_D5 = Decimal("5")
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
    ok: bool | None
    base_max_ltv: Decimal | None = None  # the lowest cell for max_ltv so far
    base_max_ltv_by = ''
    refused_max_ltv: str | None = None  # the first matrix refusing the loan (N/A, outside)
    unread_max_ltv = False  # a matrix giving it cannot be read (a `when` or key unknown)
    covered: bool | None = False  # whether some matrix applies
    outside: dict[str, tuple[int, int]] | None = None  # matrix -> (place in `failed`, axis) of a key outside its bands
    # matrix near_prime: Near-prime max LTV / CLTV (programs/summit_near_prime.guideline:42; §3.1 Matrix 1, p. 5); cells
    # in _CELLS_near_prime
    covered = True
    f_credit_events = loan.credit_events
    # credit_events: the latest completed_on of each group of kinds, in one pass (_NEVERS_1 until an item of one is
    # seen)
    s_credit_events: Any = None
    if f_credit_events is not None:
        s_credit_events = _NEVERS_1
        for _item0 in f_credit_events:
            for _g in _GROUPS_credit_events.get(_item0.kind, (0,)):
                if s_credit_events is _NEVERS_1:
                    s_credit_events = [_NEVER] * 1
                _when0, _was0 = _item0.completed_on, s_credit_events[_g]
                if _when0 is None or _was0 is None:
                    s_credit_events[_g] = None
                elif _was0 is _NEVER or _when0 > _was0:
                    s_credit_events[_g] = _when0
    f_housing_lates = loan.housing_lates
    f_application_date = loan.application_date
    # housing_lates: how many are 30+ days late within 24 months before application_date
    s_housing_lates_late: int | None = None
    if f_housing_lates is not None and f_application_date is not None:
        s_housing_lates_late = 0
        for _late0 in f_housing_lates:
            _days0, _due0 = _late0.days_late, _late0.due_on
            if _days0 is None or _due0 is None:
                s_housing_lates_late = None
                break
            if _days0 >= 30 and _MONTHS_BETWEEN(_due0, f_application_date) < 24:
                s_housing_lates_late += 1
    # housing_lates: how many are 30+ days late within 12 months before application_date
    s_housing_lates_late_1: int | None = None
    if f_housing_lates is not None and f_application_date is not None:
        s_housing_lates_late_1 = 0
        for _late1 in f_housing_lates:
            _days1, _due1 = _late1.days_late, _late1.due_on
            if _days1 is None or _due1 is None:
                s_housing_lates_late_1 = None
                break
            if _days1 >= 30 and _MONTHS_BETWEEN(_due1, f_application_date) < 12:
                s_housing_lates_late_1 += 1
    # housing_lates: how many are 60+ days late within 12 months before application_date
    s_housing_lates_late_2: int | None = None
    if f_housing_lates is not None and f_application_date is not None:
        s_housing_lates_late_2 = 0
        for _late2 in f_housing_lates:
            _days2, _due2 = _late2.days_late, _late2.due_on
            if _days2 is None or _due2 is None:
                s_housing_lates_late_2 = None
                break
            if _days2 >= 60 and _MONTHS_BETWEEN(_due2, f_application_date) < 12:
                s_housing_lates_late_2 += 1
    f_purpose = loan.purpose
    f_doc_type = loan.doc_type
    # Documentation family (programs/summit_near_prime.guideline:28; §2.3 Documentation, p. 4)
    v_doc_family = (
        None if f_doc_type is None
        else 'full' if f_doc_type in {'full_doc', 'wvoe'}
        else 'alt' if f_doc_type in {
            'bank_stmt_personal_12',
            'bank_stmt_personal_24',
            'bank_stmt_business_12',
            'bank_stmt_business_24',
            'p_and_l',
            'form_1099',
        }
        else 'not_offered' if f_doc_type in {'asset_depletion', 'dscr'}
        else None
    )
    # Credit grade (programs/summit_near_prime.guideline:20; §2.2 Credit grade, p. 3)
    v_credit_grade = (
        None if (
            _t15 := (
                False if (_t13 := (None if s_housing_lates_late is None else s_housing_lates_late <= 0)) is False
                    or (
                        _t14 := (
                            None if s_credit_events is None
                                or f_application_date is None
                                or (_t12 := s_credit_events[0]) is None
                            else True if _t12 is _NEVER
                            else _MONTHS_BETWEEN(_t12, f_application_date) >= 48
                        )
                    ) is False
                else None if _t13 is None or _t14 is None
                else True
            )
        ) is None
        else 'a_plus' if _t15
        else (
            None if (
                _t11 := (
                    False if (_t9 := (None if s_housing_lates_late_1 is None else s_housing_lates_late_1 <= 1)) is False
                        or (
                            _t10 := (
                                None if s_credit_events is None
                                    or f_application_date is None
                                    or (_t8 := s_credit_events[0]) is None
                                else True if _t8 is _NEVER
                                else _MONTHS_BETWEEN(_t8, f_application_date) >= 36
                            )
                        ) is False
                    else None if _t9 is None or _t10 is None
                    else True
                )
            ) is None
            else 'a' if _t11
            else (
                None if (
                    _t7 := (
                        False if (
                            _t5 := (None if s_housing_lates_late_2 is None else s_housing_lates_late_2 <= 1)
                        ) is False
                            or (
                                _t6 := (
                                    None if s_credit_events is None
                                        or f_application_date is None
                                        or (_t4 := s_credit_events[0]) is None
                                    else True if _t4 is _NEVER
                                    else _MONTHS_BETWEEN(_t4, f_application_date) >= 24
                                )
                            ) is False
                        else None if _t5 is None or _t6 is None
                        else True
                    )
                ) is None
                else 'b' if _t7
                else 'c'
            )
        )
    )
    f_fico = loan.fico
    if v_credit_grade is None or f_fico is None:
        unresolved.append('near_prime')
        unread_max_ltv = True
    # credit_grade, fico: 7 lines
    elif (
        row := (
            0 if v_credit_grade in {'a_plus'} and f_fico >= 720
            else 1 if v_credit_grade in {'a_plus'} and 660 <= f_fico <= 719
            else 2 if v_credit_grade in {'a'} and f_fico >= 680
            else 3 if v_credit_grade in {'a'} and 620 <= f_fico <= 679
            else 4 if v_credit_grade in {'b'} and f_fico >= 640
            else 5 if v_credit_grade in {'b'} and 600 <= f_fico <= 639
            else 6 if v_credit_grade in {'c'}
            else -1
        )
    ) < 0:
        failed.append('near_prime')
        refused_max_ltv = refused_max_ltv or 'near_prime'
        if outside is None:
            outside = {}
        outside['near_prime'] = (len(failed) - 1, 0)
    elif v_doc_family is None or f_purpose is None:
        unresolved.append('near_prime')
        unread_max_ltv = True
    # doc_family / purpose: 4 lines
    elif (
        col := (
            0 if v_doc_family in {'full'} and f_purpose in {'purchase', 'rate_term'}
            else 1 if v_doc_family in {'full'} and f_purpose in {'cash_out'}
            else 2 if v_doc_family in {'alt'} and f_purpose in {'purchase', 'rate_term'}
            else 3 if v_doc_family in {'alt'} and f_purpose in {'cash_out'}
            else -1
        )
    ) < 0:
        failed.append('near_prime')
        refused_max_ltv = refused_max_ltv or 'near_prime'
        if outside is None:
            outside = {}
        outside['near_prime'] = (len(failed) - 1, 1)
    elif (cell := _CELLS_near_prime[row][col]) is None:
        failed.append('near_prime')  # N/A
        refused_max_ltv = refused_max_ltv or 'near_prime'
    else:
        if (given := cell[0]) is not None and (base_max_ltv is None or given < base_max_ltv):
            base_max_ltv, base_max_ltv_by = given, 'near_prime'
    if covered is False:
        failed.append("eligibility_matrix")
    # rule documentation: Documentation types (programs/summit_near_prime.guideline:35; §2.3 Documentation, p. 4)
    if v_doc_family is None:
        unresolved.append('documentation')
    elif v_doc_family in {'not_offered'}:
        failed.append('documentation')
    # rule investment: Investment property (programs/summit_near_prime.guideline:56; §3.3 Occupancy, p. 6)
    f_occupancy = loan.occupancy
    a_investment = (None if f_occupancy is None else f_occupancy in {'investment'})
    if a_investment is None:
        unresolved.append('investment')
    # rule interest_only: Interest-only (programs/summit_near_prime.guideline:61; §3.4 Interest-only, p. 7)
    a_interest_only = loan.interest_only
    if a_interest_only is not False:
        if a_interest_only is None:  # may apply: missing unless the requirement is met
            if v_credit_grade is None or v_credit_grade not in {'a_plus', 'a'}:
                unresolved.append('interest_only')
        elif v_credit_grade is None:
            unresolved.append('interest_only')
        elif v_credit_grade not in {'a_plus', 'a'}:
            failed.append('interest_only')
    # rule property_types: Eligible property types (programs/summit_near_prime.guideline:78; §4.1 Property types, p. 9)
    f_property_type = loan.property_type
    if f_property_type is None:
        unresolved.append('property_types')
    elif f_property_type in {'condotel', 'five_to_ten_unit', 'manufactured', 'mixed_use', 'log_dome'}:
        failed.append('property_types')
    # rule property_ltv: Maximum LTV by property type (programs/summit_near_prime.guideline:82; §4.2 Property types, p.
    # 9)
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
    f_loan_amount = loan.loan_amount
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
    if (f_property_type is None) or (
        f_property_type not in {'condotel', 'five_to_ten_unit', 'manufactured', 'mixed_use', 'log_dome'}
    ):
        # Maximum LTV by property type (programs/summit_near_prime.guideline:69; §4.2 Property types, p. 9)
        v_property_max_ltv = (
            None if f_property_type is None
            else _D90 if f_property_type in {'sfr', 'pud', 'townhome'}
            else _D85 if f_property_type in {'condo_warrantable', 'modular'}
            else _D80 if f_property_type in {'two_to_four_unit'}
            else _D75 if f_property_type in {'condo_non_warrantable'}
            else None
        )
        # surely met: nothing to record
        if (
            (not i_ltv and (v_ltv is not None and v_property_max_ltv is not None and v_ltv <= v_property_max_ltv))
                and (
                    not i_cltv
                        and (v_cltv is not None and v_property_max_ltv is not None and v_cltv <= v_property_max_ltv)
                )
        ):
            pass
        # every input known: not met
        elif (
            (i_ltv or i_cltv)
                or (
                    (v_ltv is not None and v_property_max_ltv is not None)
                        and (v_cltv is not None and v_property_max_ltv is not None)
                )
        ):
            if f_property_type is None:  # may apply: missing
                unresolved.append('property_ltv')
            else:
                failed.append('property_ltv')
        else:  # one is unknown: the three-valued outcome
            ok = (
                False if (
                    _t25 := (
                        False if i_ltv
                        else (None if v_ltv is None or v_property_max_ltv is None else v_ltv <= v_property_max_ltv)
                    )
                ) is False
                    or (
                        _t26 := (
                            False if i_cltv
                            else (
                                None if v_cltv is None or v_property_max_ltv is None else v_cltv <= v_property_max_ltv
                            )
                        )
                    ) is False
                else None if _t25 is None or _t26 is None
                else True
            )
            if f_property_type is None:  # may apply: missing unless every requirement is met
                if ok is not True:
                    unresolved.append('property_ltv')
            else:
                if ok is False:
                    failed.append('property_ltv')
                elif ok is None:
                    unresolved.append('property_ltv')
    # rule minimum_fico: Minimum credit score (programs/summit_near_prime.guideline:90; §5.1 Credit score, p. 11)
    if loan.fico_no_score:
        failed.append('minimum_fico')
    elif f_fico is None:
        unresolved.append('minimum_fico')
    elif not (f_fico >= 600):
        failed.append('minimum_fico')
    # rule dti: Maximum DTI (programs/summit_near_prime.guideline:102; §5.3 DTI, p. 12)
    f_pitia = loan.pitia
    if (v_credit_grade is None) or (v_credit_grade not in {'c'}):
        f_total_deposits = loan.total_deposits
        f_excluded_transfers = loan.excluded_transfers
        f_excluded_nonrecurring = loan.excluded_nonrecurring
        # Eligible deposits (programs/loan.fields:307)
        v_eligible_deposits = (
            None if (
                _t16 := (
                    None if f_total_deposits is None or f_excluded_transfers is None
                    else f_total_deposits - f_excluded_transfers
                )
            ) is None
                or f_excluded_nonrecurring is None
            else _t16 - f_excluded_nonrecurring
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
                        _t22 := (
                            None if (
                                _t20 := (
                                    None if v_eligible_deposits is None
                                        or (
                                            _t19 := (
                                                None if (
                                                    _t18 := (
                                                        None if (
                                                            _t17 := (
                                                                _D50 if f_cpa_expense_ratio is None
                                                                else f_cpa_expense_ratio
                                                            )
                                                        ) is None
                                                        else _D100 - _t17
                                                    )
                                                ) is None
                                                else _t18 * _Em2
                                            )
                                        ) is None
                                    else v_eligible_deposits * _t19
                                )
                            ) is None
                                or (_t21 := (None if f_ownership_pct is None else f_ownership_pct * _Em2)) is None
                            else _t20 * _t21
                        )
                    ) is None
                        or f_statement_months is None
                        or not f_statement_months
                    else (
                        _r if (_r := _DOWN_QUANTIZE(_DOWN_DIVIDE(_t22, f_statement_months), _STEP2)) else _r.copy_abs()
                    )
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
        f_monthly_debts = loan.monthly_debts
        # DTI, rounded up to 2 decimals (programs/loan.fields:319)
        i_dti = False  # outside its domain, or reading such a value
        v_dti = (
            None if (
                _t24 := (
                    None if (
                        _t23 := (None if f_pitia is None or f_monthly_debts is None else f_pitia + f_monthly_debts)
                    ) is None
                    else _t23 * _E2
                )
            ) is None
                or v_qualifying_income is None
                or not v_qualifying_income
            else (_r if (_r := _UP_QUANTIZE(_UP_DIVIDE(_t24, v_qualifying_income), _STEP2)) else _r.copy_abs())
        )
        # it reads an invalid value, divides by zero or less, or is outside its domain
        if i_qualifying_income or (v_qualifying_income is not None and not (v_qualifying_income > _D0)):
            i_dti = True
            v_dti = None
        f_fthb = loan.fthb
        # Maximum DTI (programs/summit_near_prime.guideline:94; §5.3 DTI, p. 12)
        v_max_dti = (
            None if v_credit_grade is None or f_fthb is None
            else _D50 if v_credit_grade in {'a_plus', 'a'}
            else _D45 if v_credit_grade in {'b'} and f_fthb in {False}
            else _D43 if v_credit_grade in {'b'} and f_fthb in {True}
            else None
        )
        if v_credit_grade is None:  # may apply: missing unless the requirement is met
            if i_dti or v_dti is None or v_max_dti is None or not (v_dti <= v_max_dti):
                unresolved.append('dti')
        elif i_dti:
            failed.append('dti')
        elif v_dti is None or v_max_dti is None:
            unresolved.append('dti')
        elif not (v_dti <= v_max_dti):
            failed.append('dti')
    # rule loan_amount_range: Loan amount (programs/summit_near_prime.guideline:107; §5.4 Loan amounts, p. 12)
    # surely met: nothing to record
    if (
        (f_loan_amount is not None and f_loan_amount >= _D150000)
            and (f_loan_amount is not None and f_loan_amount <= _D3000000)
    ):
        pass
    elif (f_loan_amount is not None):  # every input known: not met
        failed.append('loan_amount_range')
    else:  # one is unknown: the three-valued outcome
        ok = (
            False if (_t27 := (None if f_loan_amount is None else f_loan_amount >= _D150000)) is False
                or (_t28 := (None if f_loan_amount is None else f_loan_amount <= _D3000000)) is False
            else None if _t27 is None or _t28 is None
            else True
        )
        if ok is False:
            failed.append('loan_amount_range')
        elif ok is None:
            unresolved.append('loan_amount_range')
    # rule reserves: Reserves (programs/summit_near_prime.guideline:119; §5.5 Reserves, p. 13)
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
    # Minimum reserves (programs/summit_near_prime.guideline:112; §5.5 Reserves, p. 13)
    v_min_reserves = (
        None if v_credit_grade is None or f_loan_amount is None
        else _D3 if v_credit_grade in {'a_plus', 'a'} and f_loan_amount <= _D1000000
        else _D6 if v_credit_grade in {'a_plus', 'a'} and f_loan_amount > _D1000000
        else _D9 if v_credit_grade in {'b', 'c'}
        else None
    )
    if i_reserves_months:
        failed.append('reserves')
    elif v_reserves_months is None or v_min_reserves is None:
        unresolved.append('reserves')
    elif not (v_reserves_months >= v_min_reserves):
        failed.append('reserves')
    if outside is not None and (out := outside.get('near_prime')) is not None:  # matrix near_prime
        if out[1] == 0 and (('interest_only' in failed) or ('minimum_fico' in failed)):
            del failed[out[0]]
        if out[1] == 1 and ('documentation' in failed):
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
            if a_investment is not False:  # investment (programs/summit_near_prime.guideline:56): reduce by 5%
                best, best_by = base_max_ltv - _D5, 'investment'
            elif a_interest_only is not False:  # interest_only (programs/summit_near_prime.guideline:61): reduce by 5%
                best, best_by = base_max_ltv - _D5, 'interest_only'
            if a_investment is True or a_interest_only is True:
                sure = base_max_ltv - _D5
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
