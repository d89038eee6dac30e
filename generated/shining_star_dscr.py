"""Shining Star DSCR (shining_star_dscr), version 2026.1, effective 2026-01-01.

Investor: Shining Star Funding.
Source document: Shining Star Funding, Housing History for Credit Challenged Borrowers (web page).
Variant of shining_star_base: inherits its rules, matrices and values unless overridden or dropped here.

Generated from programs/shining_star_dscr.guideline; do not edit.
Source sha256: cd6a3b7da1ceabd1848f1cbacc44ac1953c6752015ce4b9f40d9f7b761becf95.
The wording of the decision (titles, citations, messages' texts, matrix cells) is in `shining_star_dscr_meta`.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from . import _runtime as rt
from .loan import Loan
from .shining_star_dscr_meta import META

__all__ = ["META", "check", "check_fast", "facts", "values"]

Result = tuple[bool | None, tuple[bool | None, ...]]


_E2 = Decimal("1E+2")
_STEP2 = Decimal("0.01")
_D0 = Decimal("0")
_D1000000 = Decimal("1000000")
_D2000000 = Decimal("2000000")
_D3 = Decimal("3")
_D6 = Decimal("6")
_D12 = Decimal("12")
_STEP3 = Decimal("0.001")
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
        None if (_t15 := (None if loan.purpose is None else loan.purpose in {'purchase'})) is None
        else (
            None if loan.purchase_price is None or loan.appraised_value is None
            else loan.purchase_price if loan.purchase_price <= loan.appraised_value
            else loan.appraised_value
        ) if _t15
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
            _t18 := (
                False if (_t16 := (loan.lien_position is not None)) is False
                    or (_t17 := (None if loan.lien_position is None else loan.lien_position in {'second'})) is False
                else None if _t16 is None or _t17 is None
                else True
            )
        ) is None
        else loan.senior_lien_balance if _t18
        else _D0
    )
    # CLTV, rounded up to 2 decimals (programs/loan.fields:303)
    v['cltv'] = rt.div_up(
        (
            None if (
                _t20 := (
                    None if (
                        _t19 := (
                            None if v['senior_liens'] is None or loan.loan_amount is None
                            else v['senior_liens'] + loan.loan_amount
                        )
                    ) is None
                        or loan.subordinate_liens is None
                    else _t19 + loan.subordinate_liens
                )
            ) is None
            else _t20 * _E2
        ),
        v['property_value'],
        _STEP2,
    )
    # it divides by zero or less: undefined
    if (_undefined := rt.divisor(v['property_value'], 'property_value')) is not None:
        inv['cltv'] = _undefined
        v['cltv'] = None
    # Reserves, rounded down to 2 decimals (programs/loan.fields:327)
    v['reserves_months'] = rt.div_down(loan.liquid_assets, loan.pitia, _STEP2)
    if (_undefined := rt.divisor(loan.pitia, 'pitia')) is not None:  # it divides by zero or less: undefined
        inv['reserves_months'] = _undefined
        v['reserves_months'] = None
    # Required reserves (programs/shining_star_base.guideline:106; Illustrative (typical reserves tiers))
    v['required_reserves'] = (
        None if loan.loan_amount is None
        else _D3 if loan.loan_amount <= _D1000000
        else _D6 if loan.loan_amount <= _D2000000
        else _D12
    )
    # DSCR, rounded down to 3 decimals (programs/loan.fields:323)
    v['dscr'] = rt.div_down(
        (
            None if (_t21 := (loan.market_rent if loan.lease_rent is None else loan.lease_rent)) is None
                or loan.market_rent is None
            else _t21 if _t21 <= loan.market_rent
            else loan.market_rent
        ),
        loan.pitia,
        _STEP3,
    )
    if (_undefined := rt.divisor(loan.pitia, 'pitia')) is not None:  # it divides by zero or less: undefined
        inv['dscr'] = _undefined
        v['dscr'] = None
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
                _t24 := (
                    None if (
                        _t23 := (
                            None if (
                                _t22 := (
                                    None if v['senior_liens'] is None or loan.loan_amount is None
                                    else v['senior_liens'] + loan.loan_amount
                                )
                            ) is None
                                or loan.subordinate_liens is None
                            else _t22 + loan.subordinate_liens
                        )
                    ) is None
                        or v['heloc_undrawn'] is None
                    else _t23 + v['heloc_undrawn']
                )
            ) is None
            else _t24 * _E2
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
            _t25 := (
                None if loan.total_deposits is None or loan.excluded_transfers is None
                else loan.total_deposits - loan.excluded_transfers
            )
        ) is None
            or loan.excluded_nonrecurring is None
        else _t25 - loan.excluded_nonrecurring
    )
    # Qualifying monthly income, rounded down to 2 decimals (programs/loan.fields:310)
    v['qualifying_income'] = (
        None if (
            _t26 := (
                None if loan.doc_type is None else loan.doc_type in {'bank_stmt_personal_12', 'bank_stmt_personal_24'}
            )
        ) is None
        else rt.div_down(v['eligible_deposits'], loan.statement_months, _STEP2) if _t26
        else (
            None if (
                _t27 := (
                    None if loan.doc_type is None
                    else loan.doc_type in {'bank_stmt_business_12', 'bank_stmt_business_24'}
                )
            ) is None
            else rt.div_down(
                (
                    None if (
                        _t31 := (
                            None if v['eligible_deposits'] is None
                                or (
                                    _t30 := (
                                        None if (
                                            _t29 := (
                                                None if (
                                                    _t28 := (
                                                        _D50 if loan.cpa_expense_ratio is None
                                                        else loan.cpa_expense_ratio
                                                    )
                                                ) is None
                                                else _D100 - _t28
                                            )
                                        ) is None
                                        else _t29 * _Em2
                                    )
                                ) is None
                            else v['eligible_deposits'] * _t30
                        )
                    ) is None
                        or (_t32 := (None if loan.ownership_pct is None else loan.ownership_pct * _Em2)) is None
                    else _t31 * _t32
                ),
                loan.statement_months,
                _STEP2,
            ) if _t27
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
                _t33 := (None if loan.pitia is None or loan.monthly_debts is None else loan.pitia + loan.monthly_debts)
            ) is None
            else _t33 * _E2
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


def matrix_investment(loan: Loan, v: dict[str, Any]) -> tuple[bool | None, tuple[Any, ...]]:
    """Investment property: whether it applies and the loan's row and column keys.

    Citation: Illustrative matrix (typical values, not from the seed). Source: programs/shining_star_base.guideline:32.
    Cells: META.matrices[0] (shining_star_dscr_meta).
    """
    return (None if loan.occupancy is None else loan.occupancy in {'investment'}), (loan.fico, loan.loan_amount)


def rule_cash_out_reduction(loan: Loan, v: dict[str, Any]) -> Result:
    """Cash-out refinance.

    Citation: Illustrative (typical: cash-out 5 points below purchase). Source: programs/shining_star_base.guideline:44.
    """
    # programs/shining_star_base.guideline:44: applies when Loan purpose is cash_out
    applies = (None if loan.purpose is None else loan.purpose in {'cash_out'})
    return applies, ()


def rule_min_fico(loan: Loan, v: dict[str, Any]) -> Result:
    """Minimum credit score.

    Citation: Illustrative (typical Non-QM minimum). Source: programs/shining_star_base.guideline:51.
    """
    # programs/shining_star_base.guideline:51
    applies = True
    return applies, (
        # Credit score at least 620 (programs/shining_star_base.guideline:53)
        (False if loan.fico_no_score else (None if loan.fico is None else loan.fico >= 620)),
    )


_D24 = Decimal("24")


def rule_credit_event_seasoning(loan: Loan, v: dict[str, Any]) -> Result:
    """Credit event seasoning.

    Citation: Shining Star seasoning page: Edge Standard 2 years (public; domain notes 2.6). Source:
    programs/shining_star_base.guideline:60.
    """
    # programs/shining_star_base.guideline:60
    applies = True
    return applies, (
        # months since the latest Credit events (fc, ss, dil, mod, nod, dq120) at least 24 months
        # (programs/shining_star_base.guideline:64)
        (
            None if (
                _t34 := rt.months_since_latest(
                    loan.credit_events,
                    'kind',
                    'completed_on',
                    ('fc', 'ss', 'dil', 'mod', 'nod', 'dq120'),
                    loan.application_date,
                )
            ) is None
            else _t34 >= _D24
        ),
        # months since the latest Credit events (bk7, bk11, bk13) at least 24 months
        # (programs/shining_star_base.guideline:65)
        (
            None if (
                _t35 := rt.months_since_latest(
                    loan.credit_events, 'kind', 'completed_on', ('bk7', 'bk11', 'bk13'), loan.application_date
                )
            ) is None
            else _t35 >= _D24
        ),
    )


def rule_forbearance(loan: Loan, v: dict[str, Any]) -> Result:
    """Still in forbearance.

    Citation: Seed 002 rule 13: borrowers still in forbearance or deferral are not eligible. Source:
    programs/shining_star_base.guideline:76.
    """
    # programs/shining_star_base.guideline:76
    applies = True
    return applies, (
        # not In forbearance (programs/shining_star_base.guideline:78)
        (None if loan.in_forbearance is None else not loan.in_forbearance),
    )


def rule_after_forbearance(loan: Loan, v: dict[str, Any]) -> Result:
    """After forbearance: purchase or rate/term.

    Citation: Seed 002 rule 14: at least two months of timely payments after completing forbearance. Source:
    programs/shining_star_base.guideline:80.
    """
    # programs/shining_star_base.guideline:80: applies when Forbearance end is known and Loan purpose is purchase or
    # rate_term
    applies = (
        False if (_t36 := (loan.forbearance_end is not None)) is False
            or (_t37 := (None if loan.purpose is None else loan.purpose in {'purchase', 'rate_term'})) is False
        else None if _t36 is None or _t37 is None
        else True
    )
    return applies, (
        # Payments since forbearance at least 2 (programs/shining_star_base.guideline:83)
        (None if loan.payments_since_forbearance is None else loan.payments_since_forbearance >= 2),
    )


def rule_after_forbearance_cash_out(loan: Loan, v: dict[str, Any]) -> Result:
    """After forbearance: cash-out.

    Citation: Seed 002 rule 14 covers purchase and rate/term only. Source: programs/shining_star_base.guideline:85.
    """
    # programs/shining_star_base.guideline:85: applies when Forbearance end is known and Loan purpose is cash_out
    applies = (
        False if (_t38 := (loan.forbearance_end is not None)) is False
            or (_t39 := (None if loan.purpose is None else loan.purpose in {'cash_out'})) is False
        else None if _t38 is None or _t39 is None
        else True
    )
    return applies, ()


_D10 = Decimal("10")


def rule_rent_free(loan: Loan, v: dict[str, Any]) -> Result:
    """Living rent-free.

    Citation: Seed 002 rule 11: rent-free letter, 10% minimum borrower contribution, maximum 80% LTV. Source:
    programs/shining_star_base.guideline:90.
    """
    # programs/shining_star_base.guideline:90: applies when Living rent-free
    applies = loan.rent_free
    return applies, (
        # Borrower contribution at least 10% (programs/shining_star_base.guideline:96)
        (None if loan.borrower_contribution_pct is None else loan.borrower_contribution_pct >= _D10),
    )


def rule_reserves(loan: Loan, v: dict[str, Any]) -> Result:
    """Reserves.

    Citation: Illustrative (typical reserves tiers). Source: programs/shining_star_base.guideline:113.
    """
    # programs/shining_star_base.guideline:113
    applies = True
    return applies, (
        # Reserves at least Required reserves (programs/shining_star_base.guideline:115)
        (
            None if v['reserves_months'] is None or v['required_reserves'] is None
            else v['reserves_months'] >= v['required_reserves']
        ),
    )


_D3000000 = Decimal("3000000")
_D100000 = Decimal("100000")


def rule_loan_amount_range(loan: Loan, v: dict[str, Any]) -> Result:
    """Loan amount.

    Citation: Illustrative (typical minimum and maximum). Source: programs/shining_star_base.guideline:117.
    """
    # programs/shining_star_base.guideline:117
    applies = True
    return applies, (
        # Loan amount at least $100,000 and Loan amount at most $3,000,000 (programs/shining_star_base.guideline:119)
        (
            False if (_t40 := (None if loan.loan_amount is None else loan.loan_amount >= _D100000)) is False
                or (_t41 := (None if loan.loan_amount is None else loan.loan_amount <= _D3000000)) is False
            else None if _t40 is None or _t41 is None
            else True
        ),
    )


def rule_property_types(loan: Loan, v: dict[str, Any]) -> Result:
    """Property types.

    Citation: Illustrative (typical eligible property types). Source: programs/shining_star_base.guideline:121.
    """
    # programs/shining_star_base.guideline:121
    applies = True
    return applies, (
        # Property type is sfr, pud, townhome, condo_warrantable, condo_non_warrantable or two_to_four_unit
        # (programs/shining_star_base.guideline:123)
        (
            None if loan.property_type is None
            else loan.property_type in {
                'sfr', 'pud', 'townhome', 'condo_warrantable', 'condo_non_warrantable', 'two_to_four_unit'
            }
        ),
    )


def rule_investment_only(loan: Loan, v: dict[str, Any]) -> Result:
    """Investment property, DSCR documentation.

    Citation: Seed 001: DSCR qualifies on the investment property's rent, not personal income. Source:
    programs/shining_star_dscr.guideline:16.
    """
    # programs/shining_star_dscr.guideline:16
    applies = True
    return applies, (
        # Occupancy is investment (programs/shining_star_dscr.guideline:18)
        (None if loan.occupancy is None else loan.occupancy in {'investment'}),
        # Documentation type is dscr (programs/shining_star_dscr.guideline:19)
        (None if loan.doc_type is None else loan.doc_type in {'dscr'}),
    )


_D1 = Decimal("1")


def rule_min_dscr(loan: Loan, v: dict[str, Any]) -> Result:
    """Minimum DSCR.

    Citation: Seed 001: DSCR = gross monthly rent / PITIA; 1.00 = rent covers the payment (threshold illustrative).
    Source: programs/shining_star_dscr.guideline:21.
    """
    # programs/shining_star_dscr.guideline:21
    applies = True
    return applies, (
        # DSCR at least 1 (programs/shining_star_dscr.guideline:23)
        (None if v['dscr'] is None else v['dscr'] >= _D1),
    )


_D48 = Decimal("48")


def rule_event_housing_history(loan: Loan, v: dict[str, Any]) -> Result:
    """Housing history after a credit event.

    Citation: Seed 002 rule 8: credit event seasoned less than 4 years requires 0x30x12 (Edge/DSCR). Source:
    programs/shining_star_dscr.guideline:27.
    """
    # programs/shining_star_dscr.guideline:27: applies when months since the latest Credit events less than 48 months
    applies = (
        None if (
            _t42 := rt.months_since_latest(loan.credit_events, 'kind', 'completed_on', (), loan.application_date)
        ) is None
        else _t42 < _D48
    )
    return applies, (
        # housing history 0x30x12 (at most 0 payments 30+ days late in the last 12 months)
        # (programs/shining_star_dscr.guideline:30)
        (
            None if (
                _t43 := rt.count_lates(loan.housing_lates, 'days_late', 'due_on', 30, 12, loan.application_date)
            ) is None
            else _t43 <= _D0
        ),
    )


def facts(loan: Loan) -> rt.Facts:
    """Everything the program's rules establish about a loan, before the decision is assembled."""
    inv: dict[str, Any] = {}
    v = values(loan, invalid=inv)
    f = rt.Facts(loan, v)
    f.invalid = inv
    f.matrices = [
        matrix_investment(loan, v),
    ]
    f.rules = [
        rule_cash_out_reduction(loan, v),
        rule_min_fico(loan, v),
        rule_credit_event_seasoning(loan, v),
        rule_forbearance(loan, v),
        rule_after_forbearance(loan, v),
        rule_after_forbearance_cash_out(loan, v),
        rule_rent_free(loan, v),
        rule_reserves(loan, v),
        rule_loan_amount_range(loan, v),
        rule_property_types(loan, v),
        rule_investment_only(loan, v),
        rule_min_dscr(loan, v),
        rule_event_housing_history(loan, v),
    ]
    return f


def check(loan: Loan) -> rt.Decision:
    """Decide a loan under Shining Star DSCR 2026.1: status, findings, conditions, values, limits.

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
_SHOW_LIST_9 = rt.shower('list', '', False)
_SHOW_YESNO_10 = rt.shower('yesno', '', False)
_SHOW_INTEGER_11 = rt.shower('integer', 'payments', False)
_SHOW_MONTHS_12 = rt.shower('months', 'months', True)
_SHOW_RATIO_13 = rt.shower('ratio', '', True)


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
    s['liquid_assets'] = _SHOW_MONEY_1(loan.liquid_assets) or show('liquid_assets', f, META)
    s['pitia'] = _SHOW_MONEY_3(loan.pitia) or show('pitia', f, META)
    s['lease_rent'] = _SHOW_MONEY_3(loan.lease_rent) or show('lease_rent', f, META)
    s['market_rent'] = _SHOW_MONEY_3(loan.market_rent) or show('market_rent', f, META)
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
    s['credit_events'] = _SHOW_LIST_9(loan.credit_events) or show('credit_events', f, META)
    s['in_forbearance'] = _SHOW_YESNO_10(loan.in_forbearance) or show('in_forbearance', f, META)
    s['payments_since_forbearance'] = _SHOW_INTEGER_11(loan.payments_since_forbearance) or show(
        'payments_since_forbearance', f, META
    )
    s['borrower_contribution_pct'] = _SHOW_PERCENT_5(loan.borrower_contribution_pct) or show(
        'borrower_contribution_pct', f, META
    )
    s['reserves_months'] = show(
        'reserves_months', f, META
    ) if 'reserves_months' in inv else _SHOW_MONTHS_12(v['reserves_months']) or show('reserves_months', f, META)
    s['required_reserves'] = _SHOW_MONTHS_12(v['required_reserves']) or show('required_reserves', f, META)
    s['property_type'] = _SHOW_ENUM_0(loan.property_type) or show('property_type', f, META)
    s['occupancy'] = _SHOW_ENUM_0(loan.occupancy) or show('occupancy', f, META)
    s['dscr'] = show('dscr', f, META) if 'dscr' in inv else _SHOW_RATIO_13(v['dscr']) or show('dscr', f, META)
    s['housing_lates'] = _SHOW_LIST_9(loan.housing_lates) or show('housing_lates', f, META)
    q_credit_events = (
        'Credit events: ' if s['credit_events'].endswith('listed') else 'Credit events '
    ) + s['credit_events']
    q_property_type = (
        'Property type: ' if s['property_type'].endswith('listed') else 'Property type '
    ) + s['property_type']
    q_occupancy = ('Occupancy: ' if s['occupancy'].endswith('listed') else 'Occupancy ') + s['occupancy']
    q_doc_type = ('Documentation type: ' if s['doc_type'].endswith('listed') else 'Documentation type ') + s['doc_type']
    q_housing_lates = (
        'Late housing payments: ' if s['housing_lates'].endswith('listed') else 'Late housing payments '
    ) + s['housing_lates']
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
    # rule cash_out_reduction: Cash-out refinance (programs/shining_star_base.guideline:44)
    w.append(None)
    # rule min_fico: Minimum credit score (programs/shining_star_base.guideline:51)
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
    # rule credit_event_seasoning: Credit event seasoning (programs/shining_star_base.guideline:60)
    a, ok = rules[2]
    if a is True and False not in ok and None not in ok:
        r = _RULES[2]
        w.append(rt.Finding(r.id, r.title, 'pass', _MET[2] + ' (' + q_credit_events + ').', r.citation, r.where))
    else:
        w.append(None)
    # rule forbearance: Still in forbearance (programs/shining_star_base.guideline:76)
    a, ok = rules[3]
    if a is True and False not in ok and None not in ok:
        r = _RULES[3]
        w.append(
            rt.Finding(
                r.id, r.title, 'pass', _MET[3] + ' (In forbearance ' + s['in_forbearance'] + ').', r.citation, r.where
            )
        )
    elif a is True and (ok[0] is False):
        r = _RULES[3]
        m = _UNMET[3] + ' (In forbearance ' + s['in_forbearance'] + ').'
        w.append(rt.Finding(r.id, r.title, 'fail', m, r.citation, r.where))
    else:
        w.append(None)
    # rule after_forbearance: After forbearance: purchase or rate/term (programs/shining_star_base.guideline:80)
    a, ok = rules[4]
    if a is True and False not in ok and None not in ok:
        r = _RULES[4]
        w.append(
            rt.Finding(
                r.id,
                r.title,
                'pass',
                _MET[4] + ' (Payments since forbearance ' + s['payments_since_forbearance'] + ').',
                r.citation,
                r.where,
            )
        )
    elif a is True and (ok[0] is False):
        r = _RULES[4]
        m = _UNMET[4] + ' (Payments since forbearance ' + s['payments_since_forbearance'] + ').'
        w.append(rt.Finding(r.id, r.title, 'fail', m, r.citation, r.where))
    else:
        w.append(None)
    # rule after_forbearance_cash_out: After forbearance: cash-out (programs/shining_star_base.guideline:85)
    w.append(None)
    # rule rent_free: Living rent-free (programs/shining_star_base.guideline:90)
    a, ok = rules[6]
    if a is True and False not in ok and None not in ok:
        r = _RULES[6]
        w.append(
            rt.Finding(
                r.id,
                r.title,
                'pass',
                _MET[6] + ' (Borrower contribution ' + s['borrower_contribution_pct'] + ').',
                r.citation,
                r.where,
            )
        )
    elif a is True and (ok[0] is False):
        r = _RULES[6]
        m = _UNMET[6] + ' (Borrower contribution ' + s['borrower_contribution_pct'] + ').'
        w.append(rt.Finding(r.id, r.title, 'fail', m, r.citation, r.where))
    else:
        w.append(None)
    # rule reserves: Reserves (programs/shining_star_base.guideline:113)
    a, ok = rules[7]
    if a is True and False not in ok and None not in ok and not (inv and ('reserves_months' in inv)):
        r = _RULES[7]
        w.append(
            rt.Finding(
                r.id,
                r.title,
                'pass',
                _MET[7] + ' (Reserves ' + s['reserves_months'] + ', Required reserves ' + s['required_reserves'] + ').',
                r.citation,
                r.where,
            )
        )
    elif a is True and (ok[0] is False or (inv and ('reserves_months' in inv))):
        r = _RULES[7]
        m = _UNMET[7] + ' (Reserves ' + s['reserves_months'] + ', Required reserves ' + s['required_reserves'] + ').'
        w.append(rt.Finding(r.id, r.title, 'fail', m, r.citation, r.where))
    else:
        w.append(None)
    # rule loan_amount_range: Loan amount (programs/shining_star_base.guideline:117)
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
    # rule property_types: Property types (programs/shining_star_base.guideline:121)
    a, ok = rules[9]
    if a is True and False not in ok and None not in ok:
        r = _RULES[9]
        w.append(rt.Finding(r.id, r.title, 'pass', _MET[9] + ' (' + q_property_type + ').', r.citation, r.where))
    elif a is True and (ok[0] is False):
        r = _RULES[9]
        m = _UNMET[9] + ' (' + q_property_type + ').'
        w.append(rt.Finding(r.id, r.title, 'fail', m, r.citation, r.where))
    else:
        w.append(None)
    # rule investment_only: Investment property, DSCR documentation (programs/shining_star_dscr.guideline:16)
    a, ok = rules[10]
    if a is True and False not in ok and None not in ok:
        r = _RULES[10]
        w.append(
            rt.Finding(
                r.id, r.title, 'pass', _MET[10] + ' (' + q_occupancy + ', ' + q_doc_type + ').', r.citation, r.where
            )
        )
    else:
        w.append(None)
    # rule min_dscr: Minimum DSCR (programs/shining_star_dscr.guideline:21)
    a, ok = rules[11]
    if a is True and False not in ok and None not in ok and not (inv and ('dscr' in inv)):
        r = _RULES[11]
        w.append(rt.Finding(r.id, r.title, 'pass', _MET[11] + ' (DSCR ' + s['dscr'] + ').', r.citation, r.where))
    elif a is True and (ok[0] is False or (inv and ('dscr' in inv))):
        r = _RULES[11]
        m = _UNMET[11] + ' (DSCR ' + s['dscr'] + ').'
        w.append(rt.Finding(r.id, r.title, 'fail', m, r.citation, r.where))
    else:
        w.append(None)
    # rule event_housing_history: Housing history after a credit event (programs/shining_star_dscr.guideline:27)
    a, ok = rules[12]
    if a is True and False not in ok and None not in ok:
        r = _RULES[12]
        w.append(rt.Finding(r.id, r.title, 'pass', _MET[12] + ' (' + q_housing_lates + ').', r.citation, r.where))
    elif a is True and (ok[0] is False):
        r = _RULES[12]
        m = _UNMET[12] + ' (' + q_housing_lates + ').'
        w.append(rt.Finding(r.id, r.title, 'fail', m, r.citation, r.where))
    else:
        w.append(None)
    return rt.decide(META, f, derived, w)


_GROUPS_credit_events = dict[Any, tuple[int, ...]]({
    'fc': (0, 2),
    'ss': (0, 2),
    'dil': (0, 2),
    'mod': (0, 2),
    'nod': (0, 2),
    'dq120': (0, 2),
    'bk7': (1, 2),
    'bk11': (1, 2),
    'bk13': (1, 2),
})
_NEVER = rt.NEVER
_NEVERS_3 = (rt.NEVER, rt.NEVER, rt.NEVER,)
_MONTHS_BETWEEN = rt.months_between
_UP_DIVIDE = rt.up_divide
_UP_QUANTIZE = rt.up_quantize
_DOWN_DIVIDE = rt.down_divide
_DOWN_QUANTIZE = rt.down_quantize
_CELLS_investment = (
    ((Decimal("80"), Decimal("80")), (Decimal("75"), Decimal("75")), (Decimal("70"), Decimal("70"))),
    ((Decimal("75"), Decimal("75")), (Decimal("70"), Decimal("70")), (Decimal("65"), Decimal("65"))),
    ((Decimal("70"), Decimal("70")), (Decimal("65"), Decimal("65")), None),
    ((Decimal("65"), Decimal("65")), None, None),
)
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
    base_max_ltv: Decimal | None = None  # the lowest cell for max_ltv so far
    base_max_ltv_by = ''
    refused_max_ltv: str | None = None  # the first matrix refusing the loan (N/A, outside)
    unread_max_ltv = False  # a matrix giving it cannot be read (a `when` or key unknown)
    covered: bool | None = False  # whether some matrix applies
    outside: dict[str, tuple[int, int]] | None = None  # matrix -> (place in `failed`, axis) of a key outside its bands
    # matrix investment: Investment property (programs/shining_star_base.guideline:32; Illustrative matrix (typical
    # values, not from the seed)); cells in _CELLS_investment
    f_occupancy = loan.occupancy
    applies = (None if f_occupancy is None else f_occupancy in {'investment'})
    f_loan_amount = loan.loan_amount
    f_fico = loan.fico
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
        # fico: 740+, 700-739, 660-699, 620-659
        elif (
            row := (0 if f_fico >= 740 else 1 if f_fico >= 700 else 2 if f_fico >= 660 else 3 if f_fico >= 620 else -1)
        ) < 0:
            failed.append('investment')
            refused_max_ltv = refused_max_ltv or 'investment'
            if outside is None:
                outside = {}
            outside['investment'] = (len(failed) - 1, 0)
        elif f_loan_amount is None:
            unresolved.append('investment')
            unread_max_ltv = True
        # loan_amount: up to $1,000,000, $1,000,001-$2,000,000, $2,000,001-$3,000,000
        elif (
            col := (
                0 if f_loan_amount <= _D1000000
                else 1 if f_loan_amount <= _D2000000
                else 2 if f_loan_amount <= _D3000000
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
    # rule cash_out_reduction: Cash-out refinance (programs/shining_star_base.guideline:44; Illustrative (typical:
    # cash-out 5 points below purchase))
    f_purpose = loan.purpose
    a_cash_out_reduction = (None if f_purpose is None else f_purpose in {'cash_out'})
    if a_cash_out_reduction is None:
        unresolved.append('cash_out_reduction')
    # rule min_fico: Minimum credit score (programs/shining_star_base.guideline:51; Illustrative (typical Non-QM
    # minimum))
    if loan.fico_no_score:
        failed.append('min_fico')
    elif f_fico is None:
        unresolved.append('min_fico')
    elif not (f_fico >= 620):
        failed.append('min_fico')
    # rule credit_event_seasoning: Credit event seasoning (programs/shining_star_base.guideline:60; Shining Star
    # seasoning page: Edge Standard 2 years (public; domain notes 2.6))
    f_credit_events = loan.credit_events
    # credit_events: the latest completed_on of each group of kinds, in one pass (_NEVERS_3 until an item of one is
    # seen)
    s_credit_events: Any = None
    if f_credit_events is not None:
        s_credit_events = _NEVERS_3
        for _item0 in f_credit_events:
            for _g in _GROUPS_credit_events.get(_item0.kind, (2,)):
                if s_credit_events is _NEVERS_3:
                    s_credit_events = [_NEVER] * 3
                _when0, _was0 = _item0.completed_on, s_credit_events[_g]
                if _when0 is None or _was0 is None:
                    s_credit_events[_g] = None
                elif _was0 is _NEVER or _when0 > _was0:
                    s_credit_events[_g] = _when0
    f_application_date = loan.application_date
    # surely met: nothing to record
    if (
        (s_credit_events is _NEVERS_3 and f_application_date is not None)
            or (
                (
                    s_credit_events is not None
                        and f_application_date is not None
                        and (
                            (_t10 := s_credit_events[0]) is _NEVER
                                or (_t10 is not None and _MONTHS_BETWEEN(_t10, f_application_date) >= 24)
                        )
                )
                    and (
                        s_credit_events is not None
                            and f_application_date is not None
                            and (
                                (_t11 := s_credit_events[1]) is _NEVER
                                    or (_t11 is not None and _MONTHS_BETWEEN(_t11, f_application_date) >= 24)
                            )
                    )
            )
    ):
        pass
    else:  # not surely met: its three-valued outcome
        ok = (
            True if s_credit_events is _NEVERS_3 and f_application_date is not None
            else (
                False if (
                    _t8 := (
                        None if s_credit_events is None
                            or f_application_date is None
                            or (_t6 := s_credit_events[0]) is None
                        else True if _t6 is _NEVER
                        else _MONTHS_BETWEEN(_t6, f_application_date) >= 24
                    )
                ) is False
                    or (
                        _t9 := (
                            None if s_credit_events is None
                                or f_application_date is None
                                or (_t7 := s_credit_events[1]) is None
                            else True if _t7 is _NEVER
                            else _MONTHS_BETWEEN(_t7, f_application_date) >= 24
                        )
                    ) is False
                else None if _t8 is None or _t9 is None
                else True
            )
        )
        if ok is False:
            failed.append('credit_event_seasoning')
        elif ok is None:
            unresolved.append('credit_event_seasoning')
    # rule forbearance: Still in forbearance (programs/shining_star_base.guideline:76; Seed 002 rule 13: borrowers still
    # in forbearance or deferral are not eligible)
    f_in_forbearance = loan.in_forbearance
    if f_in_forbearance is None:
        unresolved.append('forbearance')
    elif f_in_forbearance:
        failed.append('forbearance')
    # rule after_forbearance: After forbearance: purchase or rate/term (programs/shining_star_base.guideline:80; Seed
    # 002 rule 14: at least two months of timely payments after completing forbearance)
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
    # rule after_forbearance_cash_out: After forbearance: cash-out (programs/shining_star_base.guideline:85; Seed 002
    # rule 14 covers purchase and rate/term only)
    applies = (False if f_forbearance_end is None else (None if f_purpose is None else f_purpose in {'cash_out'}))
    if applies is not False:
        unresolved.append('after_forbearance_cash_out')
    # rule rent_free: Living rent-free (programs/shining_star_base.guideline:90; Seed 002 rule 11: rent-free letter, 10%
    # minimum borrower contribution, maximum 80% LTV)
    a_rent_free = loan.rent_free
    if a_rent_free is not False:
        f_borrower_contribution_pct = loan.borrower_contribution_pct
        if a_rent_free is None:  # may apply: missing unless the requirement is met
            if f_borrower_contribution_pct is None or not (f_borrower_contribution_pct >= _D10):
                unresolved.append('rent_free')
        elif f_borrower_contribution_pct is None:
            unresolved.append('rent_free')
        elif not (f_borrower_contribution_pct >= _D10):
            failed.append('rent_free')
    # rule reserves: Reserves (programs/shining_star_base.guideline:113; Illustrative (typical reserves tiers))
    f_liquid_assets = loan.liquid_assets
    f_pitia = loan.pitia
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
    # Required reserves (programs/shining_star_base.guideline:106; Illustrative (typical reserves tiers))
    v_required_reserves = (
        None if f_loan_amount is None
        else _D3 if f_loan_amount <= _D1000000
        else _D6 if f_loan_amount <= _D2000000
        else _D12
    )
    if i_reserves_months:
        failed.append('reserves')
    elif v_reserves_months is None or v_required_reserves is None:
        unresolved.append('reserves')
    elif not (v_reserves_months >= v_required_reserves):
        failed.append('reserves')
    # rule loan_amount_range: Loan amount (programs/shining_star_base.guideline:117; Illustrative (typical minimum and
    # maximum))
    if f_loan_amount is None:
        unresolved.append('loan_amount_range')
    elif not ((f_loan_amount >= _D100000) and (f_loan_amount <= _D3000000)):
        failed.append('loan_amount_range')
    # rule property_types: Property types (programs/shining_star_base.guideline:121; Illustrative (typical eligible
    # property types))
    f_property_type = loan.property_type
    if f_property_type is None:
        unresolved.append('property_types')
    elif f_property_type not in {
        'sfr', 'pud', 'townhome', 'condo_warrantable', 'condo_non_warrantable', 'two_to_four_unit'
    }:
        failed.append('property_types')
    # rule investment_only: Investment property, DSCR documentation (programs/shining_star_dscr.guideline:16; Seed 001:
    # DSCR qualifies on the investment property's rent, not personal income)
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
            False if (_t12 := (None if f_occupancy is None else f_occupancy in {'investment'})) is False
                or (_t13 := (None if f_doc_type is None else f_doc_type in {'dscr'})) is False
            else None if _t12 is None or _t13 is None
            else True
        )
        if ok is False:
            failed.append('investment_only')
        elif ok is None:
            unresolved.append('investment_only')
    # rule min_dscr: Minimum DSCR (programs/shining_star_dscr.guideline:21; Seed 001: DSCR = gross monthly rent / PITIA;
    # 1.00 = rent covers the payment (threshold illustrative))
    f_market_rent = loan.market_rent
    f_lease_rent = loan.lease_rent
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
    if i_dscr:
        failed.append('min_dscr')
    elif v_dscr is None:
        unresolved.append('min_dscr')
    elif not (v_dscr >= _D1):
        failed.append('min_dscr')
    # rule event_housing_history: Housing history after a credit event (programs/shining_star_dscr.guideline:27; Seed
    # 002 rule 8: credit event seasoned less than 4 years requires 0x30x12 (Edge/DSCR))
    applies = (
        None if s_credit_events is None or f_application_date is None or (_t14 := s_credit_events[2]) is None
        else False if _t14 is _NEVER
        else _MONTHS_BETWEEN(_t14, f_application_date) < 48
    )
    if applies is not False:
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
        if applies is None:  # may apply: missing unless the requirement is met
            if s_housing_lates_late is None or not (s_housing_lates_late <= 0):
                unresolved.append('event_housing_history')
        elif s_housing_lates_late is None:
            unresolved.append('event_housing_history')
        elif not (s_housing_lates_late <= 0):
            failed.append('event_housing_history')
    if outside is not None and (out := outside.get('investment')) is not None:  # matrix investment
        if out[1] == 0 and ('min_fico' in failed):
            del failed[out[0]]
        if out[1] == 1 and ('loan_amount_range' in failed):
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
            # cash_out_reduction (programs/shining_star_base.guideline:44): reduce by 5%
            if a_cash_out_reduction is not False:
                best, best_by = base_max_ltv - _D5, 'cash_out_reduction'
            if a_cash_out_reduction is True:
                sure = base_max_ltv - _D5
        if a_rent_free is not False:  # rent_free (programs/shining_star_base.guideline:90): cap at 80%
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
