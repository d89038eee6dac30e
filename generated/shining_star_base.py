"""Shining Star Non-QM (shared rules) (shining_star_base), version 2026.1, effective 2026-01-01.

Investor: Shining Star Funding.
Source document: Shining Star Funding, Housing History for Credit Challenged Borrowers (web page).

Generated from programs/shining_star_base.guideline; do not edit.
Source sha256: 765eace9c4a7a917d6aaa17d2286a48d34dee0bb063af3fbaf8c231019323554.
The wording of the decision (titles, citations, messages' texts, matrix cells) is in `shining_star_base_meta`.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from . import _runtime as rt
from .loan import Loan
from .shining_star_base_meta import META

__all__ = ["META", "check", "check_fast", "facts", "values"]

Result = tuple[bool | None, tuple[bool | None, ...]]


_E2 = Decimal("1E+2")
_STEP2 = Decimal("0.01")
_D0 = Decimal("0")
_D100 = Decimal("100")
_D50 = Decimal("50")
_Em2 = Decimal("1E-2")
_D1000000 = Decimal("1000000")
_D2000000 = Decimal("2000000")
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
        None if (_t25 := (None if loan.purpose is None else loan.purpose in {'purchase'})) is None
        else (
            None if loan.purchase_price is None or loan.appraised_value is None
            else loan.purchase_price if loan.purchase_price <= loan.appraised_value
            else loan.appraised_value
        ) if _t25
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
            _t28 := (
                False if (_t26 := (loan.lien_position is not None)) is False
                    or (_t27 := (None if loan.lien_position is None else loan.lien_position in {'second'})) is False
                else None if _t26 is None or _t27 is None
                else True
            )
        ) is None
        else loan.senior_lien_balance if _t28
        else _D0
    )
    # CLTV, rounded up to 2 decimals (programs/loan.fields:303)
    v['cltv'] = rt.div_up(
        (
            None if (
                _t30 := (
                    None if (
                        _t29 := (
                            None if v['senior_liens'] is None or loan.loan_amount is None
                            else v['senior_liens'] + loan.loan_amount
                        )
                    ) is None
                        or loan.subordinate_liens is None
                    else _t29 + loan.subordinate_liens
                )
            ) is None
            else _t30 * _E2
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
            _t31 := (
                None if loan.total_deposits is None or loan.excluded_transfers is None
                else loan.total_deposits - loan.excluded_transfers
            )
        ) is None
            or loan.excluded_nonrecurring is None
        else _t31 - loan.excluded_nonrecurring
    )
    # Qualifying monthly income, rounded down to 2 decimals (programs/loan.fields:310)
    v['qualifying_income'] = (
        None if (
            _t32 := (
                None if loan.doc_type is None else loan.doc_type in {'bank_stmt_personal_12', 'bank_stmt_personal_24'}
            )
        ) is None
        else rt.div_down(v['eligible_deposits'], loan.statement_months, _STEP2) if _t32
        else (
            None if (
                _t33 := (
                    None if loan.doc_type is None
                    else loan.doc_type in {'bank_stmt_business_12', 'bank_stmt_business_24'}
                )
            ) is None
            else rt.div_down(
                (
                    None if (
                        _t37 := (
                            None if v['eligible_deposits'] is None
                                or (
                                    _t36 := (
                                        None if (
                                            _t35 := (
                                                None if (
                                                    _t34 := (
                                                        _D50 if loan.cpa_expense_ratio is None
                                                        else loan.cpa_expense_ratio
                                                    )
                                                ) is None
                                                else _D100 - _t34
                                            )
                                        ) is None
                                        else _t35 * _Em2
                                    )
                                ) is None
                            else v['eligible_deposits'] * _t36
                        )
                    ) is None
                        or (_t38 := (None if loan.ownership_pct is None else loan.ownership_pct * _Em2)) is None
                    else _t37 * _t38
                ),
                loan.statement_months,
                _STEP2,
            ) if _t33
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
                _t39 := (None if loan.pitia is None or loan.monthly_debts is None else loan.pitia + loan.monthly_debts)
            ) is None
            else _t39 * _E2
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
    # Payment shock, rounded up to 2 decimals (programs/loan.fields:334)
    v['payment_shock'] = rt.div_up(
        (None if loan.pitia is None else loan.pitia * _E2), loan.current_housing_payment, _STEP2
    )
    # it divides by zero or less: undefined
    if (_undefined := rt.divisor(loan.current_housing_payment, 'current_housing_payment')) is not None:
        inv['payment_shock'] = _undefined
        v['payment_shock'] = None
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
                _t42 := (
                    None if (
                        _t41 := (
                            None if (
                                _t40 := (
                                    None if v['senior_liens'] is None or loan.loan_amount is None
                                    else v['senior_liens'] + loan.loan_amount
                                )
                            ) is None
                                or loan.subordinate_liens is None
                            else _t40 + loan.subordinate_liens
                        )
                    ) is None
                        or v['heloc_undrawn'] is None
                    else _t41 + v['heloc_undrawn']
                )
            ) is None
            else _t42 * _E2
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
            None if (_t43 := (loan.market_rent if loan.lease_rent is None else loan.lease_rent)) is None
                or loan.market_rent is None
            else _t43 if _t43 <= loan.market_rent
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
    return v


def matrix_owner_occupied(loan: Loan, v: dict[str, Any]) -> tuple[bool | None, tuple[Any, ...]]:
    """Primary residence and second home: whether it applies and the loan's row and column keys.

    Citation: Illustrative matrix (typical values, not from the seed). Source: programs/shining_star_base.guideline:20.
    Cells: META.matrices[0] (shining_star_base_meta).
    """
    return (
        None if loan.occupancy is None else loan.occupancy in {'primary', 'second_home'}
    ), (loan.fico, loan.loan_amount)


def matrix_investment(loan: Loan, v: dict[str, Any]) -> tuple[bool | None, tuple[Any, ...]]:
    """Investment property: whether it applies and the loan's row and column keys.

    Citation: Illustrative matrix (typical values, not from the seed). Source: programs/shining_star_base.guideline:32.
    Cells: META.matrices[1] (shining_star_base_meta).
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


def rule_max_dti(loan: Loan, v: dict[str, Any]) -> Result:
    """Maximum DTI.

    Citation: Shining Star DTI page: 50% hard cap, no exceptions above 50% (public; domain notes 1). Source:
    programs/shining_star_base.guideline:55.
    """
    # programs/shining_star_base.guideline:55: applies when Documentation type is not dscr
    applies = (None if loan.doc_type is None else loan.doc_type not in {'dscr'})
    return applies, (
        # DTI at most 50% (programs/shining_star_base.guideline:58)
        (None if v['dti'] is None else v['dti'] <= _D50),
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
                _t44 := rt.months_since_latest(
                    loan.credit_events,
                    'kind',
                    'completed_on',
                    ('fc', 'ss', 'dil', 'mod', 'nod', 'dq120'),
                    loan.application_date,
                )
            ) is None
            else _t44 >= _D24
        ),
        # months since the latest Credit events (bk7, bk11, bk13) at least 24 months
        # (programs/shining_star_base.guideline:65)
        (
            None if (
                _t45 := rt.months_since_latest(
                    loan.credit_events, 'kind', 'completed_on', ('bk7', 'bk11', 'bk13'), loan.application_date
                )
            ) is None
            else _t45 >= _D24
        ),
    )


def rule_housing_history(loan: Loan, v: dict[str, Any]) -> Result:
    """Satisfactory housing history, 12 months.

    Citation: Seed 002 rules 1, 4 and 5: 12 months verified by institutional VOM/VOR or 12 months bank records. Source:
    programs/shining_star_base.guideline:69.
    """
    # programs/shining_star_base.guideline:69: applies when not Living rent-free and Documentation type is not dscr
    applies = (
        False if (_t46 := (None if loan.rent_free is None else not loan.rent_free)) is False
            or (_t47 := (None if loan.doc_type is None else loan.doc_type not in {'dscr'})) is False
        else None if _t46 is None or _t47 is None
        else True
    )
    return applies, (
        # Housing history documented at least 12 months (programs/shining_star_base.guideline:73)
        (None if loan.housing_history_months is None else loan.housing_history_months >= 12),
        # Housing verification is vom, vor or bank_records (programs/shining_star_base.guideline:74)
        (None if loan.housing_verification is None else loan.housing_verification in {'vom', 'vor', 'bank_records'}),
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
        False if (_t48 := (loan.forbearance_end is not None)) is False
            or (_t49 := (None if loan.purpose is None else loan.purpose in {'purchase', 'rate_term'})) is False
        else None if _t48 is None or _t49 is None
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
        False if (_t50 := (loan.forbearance_end is not None)) is False
            or (_t51 := (None if loan.purpose is None else loan.purpose in {'cash_out'})) is False
        else None if _t50 is None or _t51 is None
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


_D250 = Decimal("250")


def rule_fthb_payment_shock(loan: Loan, v: dict[str, Any]) -> Result:
    """First-time home buyer payment shock.

    Citation: Seed 002 rule 12: FTHB on alternative documentation, payment shock at most 250% (2.5x current rent).
    Source: programs/shining_star_base.guideline:99.
    """
    # programs/shining_star_base.guideline:99: applies when First-time home buyer and Documentation type is not full_doc
    # or dscr
    applies = (
        False if loan.fthb is False
            or (_t52 := (None if loan.doc_type is None else loan.doc_type not in {'full_doc', 'dscr'})) is False
        else None if loan.fthb is None or _t52 is None
        else True
    )
    return applies, (
        # Payment shock at most 250% (programs/shining_star_base.guideline:102)
        (None if v['payment_shock'] is None else v['payment_shock'] <= _D250),
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
            False if (_t53 := (None if loan.loan_amount is None else loan.loan_amount >= _D100000)) is False
                or (_t54 := (None if loan.loan_amount is None else loan.loan_amount <= _D3000000)) is False
            else None if _t53 is None or _t54 is None
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


def facts(loan: Loan) -> rt.Facts:
    """Everything the program's rules establish about a loan, before the decision is assembled."""
    inv: dict[str, Any] = {}
    v = values(loan, invalid=inv)
    f = rt.Facts(loan, v)
    f.invalid = inv
    f.matrices = [
        matrix_owner_occupied(loan, v),
        matrix_investment(loan, v),
    ]
    f.rules = [
        rule_cash_out_reduction(loan, v),
        rule_min_fico(loan, v),
        rule_max_dti(loan, v),
        rule_credit_event_seasoning(loan, v),
        rule_housing_history(loan, v),
        rule_forbearance(loan, v),
        rule_after_forbearance(loan, v),
        rule_after_forbearance_cash_out(loan, v),
        rule_rent_free(loan, v),
        rule_fthb_payment_shock(loan, v),
        rule_reserves(loan, v),
        rule_loan_amount_range(loan, v),
        rule_property_types(loan, v),
    ]
    return f


def check(loan: Loan) -> rt.Decision:
    """Decide a loan under Shining Star Non-QM (shared rules) 2026.1: status, findings, conditions, values, limits.

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
_SHOW_LIST_10 = rt.shower('list', '', False)
_SHOW_YESNO_11 = rt.shower('yesno', '', False)
_SHOW_INTEGER_12 = rt.shower('integer', 'payments', False)
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
    s['current_housing_payment'] = _SHOW_MONEY_5(loan.current_housing_payment) or show(
        'current_housing_payment', f, META
    )
    s['liquid_assets'] = _SHOW_MONEY_1(loan.liquid_assets) or show('liquid_assets', f, META)
    s['lease_rent'] = _SHOW_MONEY_5(loan.lease_rent) or show('lease_rent', f, META)
    s['market_rent'] = _SHOW_MONEY_5(loan.market_rent) or show('market_rent', f, META)
    s['purchase_date'] = _SHOW_DATE_7(loan.purchase_date) or show('purchase_date', f, META)
    s['application_date'] = _SHOW_DATE_7(loan.application_date) or show('application_date', f, META)
    s['fico'] = _SHOW_INTEGER_8(loan.fico) or show('fico', f, META)
    s['dti'] = show('dti', f, META) if 'dti' in inv else _SHOW_PERCENT_9(v['dti']) or show('dti', f, META)
    s['credit_events'] = _SHOW_LIST_10(loan.credit_events) or show('credit_events', f, META)
    s['housing_history_months'] = _SHOW_MONTHS_3(loan.housing_history_months) or show('housing_history_months', f, META)
    s['housing_verification'] = _SHOW_ENUM_0(loan.housing_verification) or show('housing_verification', f, META)
    s['in_forbearance'] = _SHOW_YESNO_11(loan.in_forbearance) or show('in_forbearance', f, META)
    s['payments_since_forbearance'] = _SHOW_INTEGER_12(loan.payments_since_forbearance) or show(
        'payments_since_forbearance', f, META
    )
    s['borrower_contribution_pct'] = _SHOW_PERCENT_4(loan.borrower_contribution_pct) or show(
        'borrower_contribution_pct', f, META
    )
    s['payment_shock'] = show(
        'payment_shock', f, META
    ) if 'payment_shock' in inv else _SHOW_PERCENT_9(v['payment_shock']) or show('payment_shock', f, META)
    s['reserves_months'] = show(
        'reserves_months', f, META
    ) if 'reserves_months' in inv else _SHOW_MONTHS_13(v['reserves_months']) or show('reserves_months', f, META)
    s['required_reserves'] = _SHOW_MONTHS_13(v['required_reserves']) or show('required_reserves', f, META)
    s['property_type'] = _SHOW_ENUM_0(loan.property_type) or show('property_type', f, META)
    q_credit_events = (
        'Credit events: ' if s['credit_events'].endswith('listed') else 'Credit events '
    ) + s['credit_events']
    q_housing_verification = (
        'Housing verification: ' if s['housing_verification'].endswith('listed') else 'Housing verification '
    ) + s['housing_verification']
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
            'payment_shock',
            'Payment shock',
            rt.derived_value(v['payment_shock'], 2),
            {'pitia': s['pitia'], 'current_housing_payment': s['current_housing_payment']},
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
    # rule max_dti: Maximum DTI (programs/shining_star_base.guideline:55)
    a, ok = rules[2]
    if a is True and False not in ok and None not in ok and not (inv and ('dti' in inv)):
        r = _RULES[2]
        w.append(rt.Finding(r.id, r.title, 'pass', _MET[2] + ' (DTI ' + s['dti'] + ').', r.citation, r.where))
    elif a is True and (ok[0] is False or (inv and ('dti' in inv))):
        r = _RULES[2]
        m = _UNMET[2] + ' (DTI ' + s['dti'] + ').'
        w.append(rt.Finding(r.id, r.title, 'fail', m, r.citation, r.where))
    else:
        w.append(None)
    # rule credit_event_seasoning: Credit event seasoning (programs/shining_star_base.guideline:60)
    a, ok = rules[3]
    if a is True and False not in ok and None not in ok:
        r = _RULES[3]
        w.append(rt.Finding(r.id, r.title, 'pass', _MET[3] + ' (' + q_credit_events + ').', r.citation, r.where))
    else:
        w.append(None)
    # rule housing_history: Satisfactory housing history, 12 months (programs/shining_star_base.guideline:69)
    a, ok = rules[4]
    if a is True and False not in ok and None not in ok:
        r = _RULES[4]
        w.append(
            rt.Finding(
                r.id,
                r.title,
                'pass',
                _MET[4] + ' (Housing history documented ' + s[
                    'housing_history_months'
                ] + ', ' + q_housing_verification + ').',
                r.citation,
                r.where,
            )
        )
    else:
        w.append(None)
    # rule forbearance: Still in forbearance (programs/shining_star_base.guideline:76)
    a, ok = rules[5]
    if a is True and False not in ok and None not in ok:
        r = _RULES[5]
        w.append(
            rt.Finding(
                r.id, r.title, 'pass', _MET[5] + ' (In forbearance ' + s['in_forbearance'] + ').', r.citation, r.where
            )
        )
    elif a is True and (ok[0] is False):
        r = _RULES[5]
        m = _UNMET[5] + ' (In forbearance ' + s['in_forbearance'] + ').'
        w.append(rt.Finding(r.id, r.title, 'fail', m, r.citation, r.where))
    else:
        w.append(None)
    # rule after_forbearance: After forbearance: purchase or rate/term (programs/shining_star_base.guideline:80)
    a, ok = rules[6]
    if a is True and False not in ok and None not in ok:
        r = _RULES[6]
        w.append(
            rt.Finding(
                r.id,
                r.title,
                'pass',
                _MET[6] + ' (Payments since forbearance ' + s['payments_since_forbearance'] + ').',
                r.citation,
                r.where,
            )
        )
    elif a is True and (ok[0] is False):
        r = _RULES[6]
        m = _UNMET[6] + ' (Payments since forbearance ' + s['payments_since_forbearance'] + ').'
        w.append(rt.Finding(r.id, r.title, 'fail', m, r.citation, r.where))
    else:
        w.append(None)
    # rule after_forbearance_cash_out: After forbearance: cash-out (programs/shining_star_base.guideline:85)
    w.append(None)
    # rule rent_free: Living rent-free (programs/shining_star_base.guideline:90)
    a, ok = rules[8]
    if a is True and False not in ok and None not in ok:
        r = _RULES[8]
        w.append(
            rt.Finding(
                r.id,
                r.title,
                'pass',
                _MET[8] + ' (Borrower contribution ' + s['borrower_contribution_pct'] + ').',
                r.citation,
                r.where,
            )
        )
    elif a is True and (ok[0] is False):
        r = _RULES[8]
        m = _UNMET[8] + ' (Borrower contribution ' + s['borrower_contribution_pct'] + ').'
        w.append(rt.Finding(r.id, r.title, 'fail', m, r.citation, r.where))
    else:
        w.append(None)
    # rule fthb_payment_shock: First-time home buyer payment shock (programs/shining_star_base.guideline:99)
    a, ok = rules[9]
    if a is True and False not in ok and None not in ok and not (inv and ('payment_shock' in inv)):
        r = _RULES[9]
        w.append(
            rt.Finding(
                r.id, r.title, 'pass', _MET[9] + ' (Payment shock ' + s['payment_shock'] + ').', r.citation, r.where
            )
        )
    elif a is True and (ok[0] is False or (inv and ('payment_shock' in inv))):
        r = _RULES[9]
        m = _UNMET[9] + ' (Payment shock ' + s['payment_shock'] + ').'
        w.append(rt.Finding(r.id, r.title, 'fail', m, r.citation, r.where))
    else:
        w.append(None)
    # rule reserves: Reserves (programs/shining_star_base.guideline:113)
    a, ok = rules[10]
    if a is True and False not in ok and None not in ok and not (inv and ('reserves_months' in inv)):
        r = _RULES[10]
        w.append(
            rt.Finding(
                r.id,
                r.title,
                'pass',
                _MET[10] + ' (Reserves ' + s['reserves_months'] + ', Required reserves ' + s[
                    'required_reserves'
                ] + ').',
                r.citation,
                r.where,
            )
        )
    elif a is True and (ok[0] is False or (inv and ('reserves_months' in inv))):
        r = _RULES[10]
        m = _UNMET[10] + ' (Reserves ' + s['reserves_months'] + ', Required reserves ' + s['required_reserves'] + ').'
        w.append(rt.Finding(r.id, r.title, 'fail', m, r.citation, r.where))
    else:
        w.append(None)
    # rule loan_amount_range: Loan amount (programs/shining_star_base.guideline:117)
    a, ok = rules[11]
    if a is True and False not in ok and None not in ok:
        r = _RULES[11]
        w.append(
            rt.Finding(
                r.id, r.title, 'pass', _MET[11] + ' (Loan amount ' + s['loan_amount'] + ').', r.citation, r.where
            )
        )
    elif a is True and (ok[0] is False):
        r = _RULES[11]
        m = _UNMET[11] + ' (Loan amount ' + s['loan_amount'] + ').'
        w.append(rt.Finding(r.id, r.title, 'fail', m, r.citation, r.where))
    else:
        w.append(None)
    # rule property_types: Property types (programs/shining_star_base.guideline:121)
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
    return rt.decide(META, f, derived, w)


_GROUPS_credit_events = dict[Any, tuple[int, ...]]({
    'fc': (0,),
    'ss': (0,),
    'dil': (0,),
    'mod': (0,),
    'nod': (0,),
    'dq120': (0,),
    'bk7': (1,),
    'bk11': (1,),
    'bk13': (1,),
})
_NEVER = rt.NEVER
_NEVERS_2 = (rt.NEVER, rt.NEVER,)
_UP_DIVIDE = rt.up_divide
_UP_QUANTIZE = rt.up_quantize
_DOWN_QUANTIZE = rt.down_quantize
_DOWN_DIVIDE = rt.down_divide
_APPLIES = {
    ('primary',): (True, False),
    ('second_home',): (True, False),
    ('investment',): (False, True),
    (None,): (None, None),
}
_WHICH = dict[Any, int]({
    ('primary',): 0,
    ('second_home',): 0,
    ('investment',): 1,
})
_CELLS_owner_occupied = (
    ((Decimal("90"), Decimal("90")), (Decimal("85"), Decimal("85")), (Decimal("75"), Decimal("75"))),
    ((Decimal("85"), Decimal("85")), (Decimal("80"), Decimal("80")), (Decimal("70"), Decimal("70"))),
    ((Decimal("80"), Decimal("80")), (Decimal("75"), Decimal("75")), None),
    ((Decimal("75"), Decimal("75")), None, None),
)
_CELLS_investment = (
    ((Decimal("80"), Decimal("80")), (Decimal("75"), Decimal("75")), (Decimal("70"), Decimal("70"))),
    ((Decimal("75"), Decimal("75")), (Decimal("70"), Decimal("70")), (Decimal("65"), Decimal("65"))),
    ((Decimal("70"), Decimal("70")), (Decimal("65"), Decimal("65")), None),
    ((Decimal("65"), Decimal("65")), None, None),
)
_MONTHS_BETWEEN = rt.months_between
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
    # the one matrix that applies, by occupancy (-1: none); not listed (unknown, more than one may apply): each matrix
    # as written below
    f_occupancy = loan.occupancy
    which = _WHICH.get((f_occupancy,), -2)
    f_loan_amount = loan.loan_amount
    f_fico = loan.fico
    if which == 0:  # matrix owner_occupied alone
        covered = True
        if f_fico is None:
            unresolved.append('owner_occupied')
            unread_max_ltv = True
        # fico: 740+, 700-739, 660-699, 620-659
        elif (
            row := (0 if f_fico >= 740 else 1 if f_fico >= 700 else 2 if f_fico >= 660 else 3 if f_fico >= 620 else -1)
        ) < 0:
            failed.append('owner_occupied')
            refused_max_ltv = refused_max_ltv or 'owner_occupied'
            if outside is None:
                outside = {}
            outside['owner_occupied'] = (len(failed) - 1, 0)
        elif f_loan_amount is None:
            unresolved.append('owner_occupied')
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
            failed.append('owner_occupied')
            refused_max_ltv = refused_max_ltv or 'owner_occupied'
            if outside is None:
                outside = {}
            outside['owner_occupied'] = (len(failed) - 1, 1)
        elif (cell := _CELLS_owner_occupied[row][col]) is None:
            failed.append('owner_occupied')  # N/A
            refused_max_ltv = refused_max_ltv or 'owner_occupied'
        else:
            base_max_ltv, base_max_ltv_by = cell[0], 'owner_occupied'
    elif which == 1:  # matrix investment alone
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
            base_max_ltv, base_max_ltv_by = cell[0], 'investment'
    elif which == -2:
        applying = _APPLIES.get((f_occupancy,)) or (
            (None if f_occupancy is None else f_occupancy in {'primary', 'second_home'}),
            (None if f_occupancy is None else f_occupancy in {'investment'}),
        )
        # matrix owner_occupied: Primary residence and second home (programs/shining_star_base.guideline:20;
        # Illustrative matrix (typical values, not from the seed)); cells in _CELLS_owner_occupied
        applies = applying[0]
        if applies is None:
            unresolved.append('owner_occupied')
            unread_max_ltv = True
            if covered is False:
                covered = None
        elif applies:
            covered = True
            if f_fico is None:
                unresolved.append('owner_occupied')
                unread_max_ltv = True
            # fico: 740+, 700-739, 660-699, 620-659
            elif (
                row := (
                    0 if f_fico >= 740 else 1 if f_fico >= 700 else 2 if f_fico >= 660 else 3 if f_fico >= 620 else -1
                )
            ) < 0:
                failed.append('owner_occupied')
                refused_max_ltv = refused_max_ltv or 'owner_occupied'
                if outside is None:
                    outside = {}
                outside['owner_occupied'] = (len(failed) - 1, 0)
            elif f_loan_amount is None:
                unresolved.append('owner_occupied')
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
                failed.append('owner_occupied')
                refused_max_ltv = refused_max_ltv or 'owner_occupied'
                if outside is None:
                    outside = {}
                outside['owner_occupied'] = (len(failed) - 1, 1)
            elif (cell := _CELLS_owner_occupied[row][col]) is None:
                failed.append('owner_occupied')  # N/A
                refused_max_ltv = refused_max_ltv or 'owner_occupied'
            else:
                if (given := cell[0]) is not None and (base_max_ltv is None or given < base_max_ltv):
                    base_max_ltv, base_max_ltv_by = given, 'owner_occupied'
        # matrix investment: Investment property (programs/shining_star_base.guideline:32; Illustrative matrix (typical
        # values, not from the seed)); cells in _CELLS_investment
        applies = applying[1]
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
                row := (
                    0 if f_fico >= 740 else 1 if f_fico >= 700 else 2 if f_fico >= 660 else 3 if f_fico >= 620 else -1
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
    # rule max_dti: Maximum DTI (programs/shining_star_base.guideline:55; Shining Star DTI page: 50% hard cap, no
    # exceptions above 50% (public; domain notes 1))
    f_doc_type = loan.doc_type
    f_pitia = loan.pitia
    if (f_doc_type is None) or (f_doc_type not in {'dscr'}):
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
                                                                _D50 if f_cpa_expense_ratio is None
                                                                else f_cpa_expense_ratio
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
                    else (
                        _r if (_r := _DOWN_QUANTIZE(_DOWN_DIVIDE(_t10, f_statement_months), _STEP2)) else _r.copy_abs()
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
        if f_doc_type is None:  # may apply: missing unless the requirement is met
            if i_dti or v_dti is None or not (v_dti <= _D50):
                unresolved.append('max_dti')
        elif i_dti:
            failed.append('max_dti')
        elif v_dti is None:
            unresolved.append('max_dti')
        elif not (v_dti <= _D50):
            failed.append('max_dti')
    # rule credit_event_seasoning: Credit event seasoning (programs/shining_star_base.guideline:60; Shining Star
    # seasoning page: Edge Standard 2 years (public; domain notes 2.6))
    f_credit_events = loan.credit_events
    # credit_events: the latest completed_on of each group of kinds, in one pass (_NEVERS_2 until an item of one is
    # seen)
    s_credit_events: Any = None
    if f_credit_events is not None:
        s_credit_events = _NEVERS_2
        for _item0 in f_credit_events:
            for _g in _GROUPS_credit_events.get(_item0.kind, ()):
                if s_credit_events is _NEVERS_2:
                    s_credit_events = [_NEVER] * 2
                _when0, _was0 = _item0.completed_on, s_credit_events[_g]
                if _when0 is None or _was0 is None:
                    s_credit_events[_g] = None
                elif _was0 is _NEVER or _when0 > _was0:
                    s_credit_events[_g] = _when0
    f_application_date = loan.application_date
    # surely met: nothing to record
    if (
        (s_credit_events is _NEVERS_2 and f_application_date is not None)
            or (
                (
                    s_credit_events is not None
                        and f_application_date is not None
                        and (
                            (_t18 := s_credit_events[0]) is _NEVER
                                or (_t18 is not None and _MONTHS_BETWEEN(_t18, f_application_date) >= 24)
                        )
                )
                    and (
                        s_credit_events is not None
                            and f_application_date is not None
                            and (
                                (_t19 := s_credit_events[1]) is _NEVER
                                    or (_t19 is not None and _MONTHS_BETWEEN(_t19, f_application_date) >= 24)
                            )
                    )
            )
    ):
        pass
    else:  # not surely met: its three-valued outcome
        ok = (
            True if s_credit_events is _NEVERS_2 and f_application_date is not None
            else (
                False if (
                    _t16 := (
                        None if s_credit_events is None
                            or f_application_date is None
                            or (_t14 := s_credit_events[0]) is None
                        else True if _t14 is _NEVER
                        else _MONTHS_BETWEEN(_t14, f_application_date) >= 24
                    )
                ) is False
                    or (
                        _t17 := (
                            None if s_credit_events is None
                                or f_application_date is None
                                or (_t15 := s_credit_events[1]) is None
                            else True if _t15 is _NEVER
                            else _MONTHS_BETWEEN(_t15, f_application_date) >= 24
                        )
                    ) is False
                else None if _t16 is None or _t17 is None
                else True
            )
        )
        if ok is False:
            failed.append('credit_event_seasoning')
        elif ok is None:
            unresolved.append('credit_event_seasoning')
    # rule housing_history: Satisfactory housing history, 12 months (programs/shining_star_base.guideline:69; Seed 002
    # rules 1, 4 and 5: 12 months verified by institutional VOM/VOR or 12 months bank records)
    f_rent_free = loan.rent_free
    applies = (
        False if (_t20 := (None if f_rent_free is None else not f_rent_free)) is False
            or (_t21 := (None if f_doc_type is None else f_doc_type not in {'dscr'})) is False
        else None if _t20 is None or _t21 is None
        else True
    )
    if applies is not False:
        f_housing_history_months = loan.housing_history_months
        f_housing_verification = loan.housing_verification
        # surely met: nothing to record
        if (
            (f_housing_history_months is not None and f_housing_history_months >= 12)
                and (f_housing_verification is not None and f_housing_verification in {'vom', 'vor', 'bank_records'})
        ):
            pass
        # every input known: not met
        elif ((f_housing_history_months is not None) and (f_housing_verification is not None)):
            if applies is None:  # may apply: missing
                unresolved.append('housing_history')
            else:
                failed.append('housing_history')
        else:  # one is unknown: the three-valued outcome
            ok = (
                False if (
                    _t22 := (None if f_housing_history_months is None else f_housing_history_months >= 12)
                ) is False
                    or (
                        _t23 := (
                            None if f_housing_verification is None
                            else f_housing_verification in {'vom', 'vor', 'bank_records'}
                        )
                    ) is False
                else None if _t22 is None or _t23 is None
                else True
            )
            if applies is None:  # may apply: missing unless every requirement is met
                if ok is not True:
                    unresolved.append('housing_history')
            else:
                if ok is False:
                    failed.append('housing_history')
                elif ok is None:
                    unresolved.append('housing_history')
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
    # rule fthb_payment_shock: First-time home buyer payment shock (programs/shining_star_base.guideline:99; Seed 002
    # rule 12: FTHB on alternative documentation, payment shock at most 250% (2.5x current rent))
    f_fthb = loan.fthb
    applies = (
        False if f_fthb is False
            or (_t24 := (None if f_doc_type is None else f_doc_type not in {'full_doc', 'dscr'})) is False
        else None if f_fthb is None or _t24 is None
        else True
    )
    if applies is not False:
        f_current_housing_payment = loan.current_housing_payment
        # Payment shock, rounded up to 2 decimals (programs/loan.fields:334)
        i_payment_shock = False  # outside its domain, or reading such a value
        v_payment_shock = (
            None if (_t13 := (None if f_pitia is None else f_pitia * _E2)) is None
                or f_current_housing_payment is None
                or not f_current_housing_payment
            else (_r if (_r := _UP_QUANTIZE(_UP_DIVIDE(_t13, f_current_housing_payment), _STEP2)) else _r.copy_abs())
        )
        # it reads an invalid value, divides by zero or less, or is outside its domain
        if (f_current_housing_payment is not None and not (f_current_housing_payment > _D0)):
            i_payment_shock = True
            v_payment_shock = None
        if applies is None:  # may apply: missing unless the requirement is met
            if i_payment_shock or v_payment_shock is None or not (v_payment_shock <= _D250):
                unresolved.append('fthb_payment_shock')
        elif i_payment_shock:
            failed.append('fthb_payment_shock')
        elif v_payment_shock is None:
            unresolved.append('fthb_payment_shock')
        elif not (v_payment_shock <= _D250):
            failed.append('fthb_payment_shock')
    # rule reserves: Reserves (programs/shining_star_base.guideline:113; Illustrative (typical reserves tiers))
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
    if outside is not None:  # a key outside a matrix's bands (the last matrix's first)
        for out in reversed(outside.values()):
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
