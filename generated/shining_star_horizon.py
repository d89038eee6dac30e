"""Shining Star Horizon (shining_star_horizon), version 2026.1, effective 2026-01-01.

Investor: Shining Star Funding. Source document: Shining Star Funding, Housing History for Credit Challenged Borrowers (web page).
Variant of shining_star_base: inherits its rules, matrices and values unless overridden or dropped here.

Generated from programs/shining_star_horizon.guideline (sha256 510dcf5df83ee211ac68e70a6f8508e88a513ca006af90e1e2c1471c2105a234); do not edit.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from . import _fields
from . import _runtime as rt
from .loan import Loan

__all__ = ["META", "check", "check_fast", "facts", "values"]

# Keep the names used by literals below (dates and Decimals) even when a program has none.
_USED = (dt, Decimal)

Result = tuple[bool | None, tuple[bool | None, ...]]


def values(loan: Loan, every: bool = True) -> dict[str, Any]:
    """The derived values of a loan, each after the values it uses; None when unknown.

    First those the rules, matrices and limits use; then (unless `every` is false: the fast path) the rest.
    """
    v: dict[str, Any] = {}
    # Property value (programs/loan.fields:271)
    v['property_value'] = (None if (_t0 := (None if loan.purpose is None else loan.purpose in _C0)) is None else rt.lesser(loan.purchase_price, loan.appraised_value) if _t0 else loan.appraised_value)
    # LTV, rounded up to 2 decimals (programs/loan.fields:274)
    v['ltv'] = rt.div_round((None if loan.loan_amount is None else Decimal(loan.loan_amount).scaleb(2)), v['property_value'], 2, 'up')
    # CLTV, rounded up to 2 decimals (programs/loan.fields:278)
    v['cltv'] = rt.div_round(rt.scale((None if loan.loan_amount is None or loan.subordinate_liens is None else loan.loan_amount + loan.subordinate_liens), 2), v['property_value'], 2, 'up')
    # Eligible deposits (programs/loan.fields:282)
    v['eligible_deposits'] = rt.sub((None if loan.total_deposits is None or loan.excluded_transfers is None else loan.total_deposits - loan.excluded_transfers), loan.excluded_nonrecurring)
    # Qualifying monthly income, rounded down to 2 decimals (programs/loan.fields:285)
    v['qualifying_income'] = (None if (_t1 := (None if loan.doc_type is None else loan.doc_type in _C1)) is None else rt.div_round(v['eligible_deposits'], loan.statement_months, 2, 'down') if _t1 else (None if (_t2 := (None if loan.doc_type is None else loan.doc_type in _C2)) is None else rt.div_round(rt.mul(rt.mul(v['eligible_deposits'], rt.scale(rt.sub(_D100, rt.default(loan.cpa_expense_ratio, _D50)), -2)), (None if loan.ownership_pct is None else Decimal(loan.ownership_pct).scaleb(-2))), loan.statement_months, 2, 'down') if _t2 else rt.quantize(loan.monthly_income, 2, 'down')))
    # DTI, rounded up to 2 decimals (programs/loan.fields:292)
    v['dti'] = rt.div_round(rt.scale((None if loan.pitia is None or loan.monthly_debts is None else loan.pitia + loan.monthly_debts), 2), v['qualifying_income'], 2, 'up')
    # Payment shock, rounded up to 2 decimals (programs/loan.fields:304)
    v['payment_shock'] = rt.div_round((None if loan.pitia is None else Decimal(loan.pitia).scaleb(2)), loan.current_housing_payment, 2, 'up')
    # Reserves, rounded down to 2 decimals (programs/loan.fields:300)
    v['reserves_months'] = rt.div_round(loan.liquid_assets, loan.pitia, 2, 'down')
    # Required reserves (programs/shining_star_base.guideline:104; Illustrative (typical reserves tiers))
    v['required_reserves'] = rt.lookup(loan.loan_amount, _C5, _C6)
    if not every:
        return v
    # DSCR, rounded down to 3 decimals (programs/loan.fields:296)
    v['dscr'] = rt.div_round(rt.lesser(rt.default(loan.lease_rent, loan.market_rent), loan.market_rent), loan.pitia, 3, 'down')
    return v


def matrix_owner_occupied(loan: Loan, v: dict[str, Any]) -> tuple[bool | None, tuple[Any, ...]]:
    """Primary residence and second home: whether it applies and the loan's row and column keys.

    Citation: Illustrative matrix (typical values, not from the seed). Source: programs/shining_star_base.guideline:19. Cells: META.matrices[0].
    """
    return (None if loan.occupancy is None else loan.occupancy in _C7), (loan.fico, loan.loan_amount)


def matrix_investment(loan: Loan, v: dict[str, Any]) -> tuple[bool | None, tuple[Any, ...]]:
    """Investment property: whether it applies and the loan's row and column keys.

    Citation: Illustrative matrix (typical values, not from the seed). Source: programs/shining_star_base.guideline:31. Cells: META.matrices[1].
    """
    return (None if loan.occupancy is None else loan.occupancy in _C8), (loan.fico, loan.loan_amount)


def rule_cash_out_reduction(loan: Loan, v: dict[str, Any]) -> Result:
    """Cash-out refinance.

    Citation: Illustrative (typical: cash-out 5 points below purchase). Source: programs/shining_star_base.guideline:43.
    """
    # programs/shining_star_base.guideline:43: applies when Loan purpose is cash_out
    applies = (None if loan.purpose is None else loan.purpose in _C9)
    return applies, ()


def rule_min_fico(loan: Loan, v: dict[str, Any]) -> Result:
    """Minimum credit score.

    Citation: Illustrative (typical Non-QM minimum). Source: programs/shining_star_base.guideline:50.
    """
    # programs/shining_star_base.guideline:50
    applies = True
    return applies, (
        # Credit score at least 620 (programs/shining_star_base.guideline:52)
        (None if loan.fico is None else loan.fico >= _D620),
    )


def rule_max_dti(loan: Loan, v: dict[str, Any]) -> Result:
    """Maximum DTI.

    Citation: Shining Star DTI page: 50% hard cap, no exceptions above 50% (public; domain notes 1). Source: programs/shining_star_base.guideline:54.
    """
    # programs/shining_star_base.guideline:54: applies when Documentation type is not dscr
    applies = (None if loan.doc_type is None else loan.doc_type not in _C11)
    return applies, (
        # DTI at most 50% (programs/shining_star_base.guideline:57)
        (None if v['dti'] is None else v['dti'] <= _D50),
    )


def rule_credit_event_seasoning(loan: Loan, v: dict[str, Any]) -> Result:
    """Credit event seasoning.

    Citation: Shining Star seasoning page: Edge Standard 2 years (public; domain notes 2.6). Source: programs/shining_star_base.guideline:59.
    """
    # programs/shining_star_base.guideline:59
    applies = True
    return applies, (
        # months since the latest Credit events (fc, ss, dil, mod, nod, dq120) at least 24 months (programs/shining_star_base.guideline:63)
        rt.ge(rt.months_since_latest(loan.credit_events, 'kind', 'completed_on', _C12, loan.application_date), _D24),
        # months since the latest Credit events (bk7, bk11, bk13) at least 24 months (programs/shining_star_base.guideline:64)
        rt.ge(rt.months_since_latest(loan.credit_events, 'kind', 'completed_on', _C14, loan.application_date), _D24),
    )


def rule_housing_history(loan: Loan, v: dict[str, Any]) -> Result:
    """Satisfactory housing history.

    Citation: Seed 002 rules 1, 4, 5 and 10: verified history; an incomplete 12 months is allowed under Horizon. Source: programs/shining_star_horizon.guideline:11.
    """
    # programs/shining_star_horizon.guideline:11: applies when not Living rent-free and Documentation type is not dscr
    applies = (False if (_t3 := (None if loan.rent_free is None else not loan.rent_free)) is False or (_t4 := (None if loan.doc_type is None else loan.doc_type not in _C11)) is False else None if _t3 is None or _t4 is None else True)
    return applies, (
        # Housing verification is vom, vor or bank_records (programs/shining_star_horizon.guideline:14)
        (None if loan.housing_verification is None else loan.housing_verification in _C15),
    )


def rule_forbearance(loan: Loan, v: dict[str, Any]) -> Result:
    """Still in forbearance.

    Citation: Seed 002 rule 13: borrowers still in forbearance or deferral are not eligible. Source: programs/shining_star_base.guideline:75.
    """
    # programs/shining_star_base.guideline:75
    applies = True
    return applies, (
        # not In forbearance (programs/shining_star_base.guideline:77)
        (None if loan.in_forbearance is None else not loan.in_forbearance),
    )


def rule_after_forbearance(loan: Loan, v: dict[str, Any]) -> Result:
    """After forbearance: purchase or rate/term.

    Citation: Seed 002 rule 14: at least two months of timely payments after completing forbearance. Source: programs/shining_star_base.guideline:79.
    """
    # programs/shining_star_base.guideline:79: applies when Forbearance end is known and Loan purpose is purchase or rate_term
    applies = (False if (_t5 := (loan.forbearance_end is not None)) is False or (_t6 := (None if loan.purpose is None else loan.purpose in _C16)) is False else None if _t5 is None or _t6 is None else True)
    return applies, (
        # Payments since forbearance at least 2 (programs/shining_star_base.guideline:82)
        (None if loan.payments_since_forbearance is None else loan.payments_since_forbearance >= _D2),
    )


def rule_after_forbearance_cash_out(loan: Loan, v: dict[str, Any]) -> Result:
    """After forbearance: cash-out.

    Citation: Seed 002 rule 14 covers purchase and rate/term only. Source: programs/shining_star_base.guideline:84.
    """
    # programs/shining_star_base.guideline:84: applies when Forbearance end is known and Loan purpose is cash_out
    applies = (False if (_t7 := (loan.forbearance_end is not None)) is False or (_t8 := (None if loan.purpose is None else loan.purpose in _C9)) is False else None if _t7 is None or _t8 is None else True)
    return applies, ()


def rule_rent_free(loan: Loan, v: dict[str, Any]) -> Result:
    """Living rent-free.

    Citation: Seed 002 rule 11: rent-free letter, 10% minimum borrower contribution, maximum 80% LTV. Source: programs/shining_star_base.guideline:89.
    """
    # programs/shining_star_base.guideline:89: applies when Living rent-free
    applies = loan.rent_free
    return applies, (
        # Borrower contribution at least 10% (programs/shining_star_base.guideline:94)
        (None if loan.borrower_contribution_pct is None else loan.borrower_contribution_pct >= _D10),
    )


def rule_fthb_payment_shock(loan: Loan, v: dict[str, Any]) -> Result:
    """First-time home buyer payment shock.

    Citation: Seed 002 rule 12: FTHB on alternative documentation, payment shock at most 250% (2.5x current rent). Source: programs/shining_star_base.guideline:97.
    """
    # programs/shining_star_base.guideline:97: applies when First-time home buyer and Documentation type is not full_doc or dscr
    applies = (False if loan.fthb is False or (_t9 := (None if loan.doc_type is None else loan.doc_type not in _C19)) is False else None if loan.fthb is None or _t9 is None else True)
    return applies, (
        # Payment shock at most 250% (programs/shining_star_base.guideline:100)
        (None if v['payment_shock'] is None else v['payment_shock'] <= _D250),
    )


def rule_reserves(loan: Loan, v: dict[str, Any]) -> Result:
    """Reserves.

    Citation: Illustrative (typical reserves tiers). Source: programs/shining_star_base.guideline:111.
    """
    # programs/shining_star_base.guideline:111
    applies = True
    return applies, (
        # Reserves at least Required reserves (programs/shining_star_base.guideline:113)
        (None if v['reserves_months'] is None or v['required_reserves'] is None else v['reserves_months'] >= v['required_reserves']),
    )


def rule_loan_amount_range(loan: Loan, v: dict[str, Any]) -> Result:
    """Loan amount.

    Citation: Illustrative (typical minimum and maximum). Source: programs/shining_star_base.guideline:115.
    """
    # programs/shining_star_base.guideline:115
    applies = True
    return applies, (
        # Loan amount at least $100,000 and Loan amount at most $3,000,000 (programs/shining_star_base.guideline:117)
        (False if (_t10 := (None if loan.loan_amount is None else loan.loan_amount >= _D100000)) is False or (_t11 := (None if loan.loan_amount is None else loan.loan_amount <= _D3000000)) is False else None if _t10 is None or _t11 is None else True),
    )


def rule_property_types(loan: Loan, v: dict[str, Any]) -> Result:
    """Property types.

    Citation: Illustrative (typical eligible property types). Source: programs/shining_star_base.guideline:119.
    """
    # programs/shining_star_base.guideline:119
    applies = True
    return applies, (
        # Property type is sfr, pud, townhome, condo_warrantable, condo_non_warrantable or two_to_four_unit (programs/shining_star_base.guideline:121)
        (None if loan.property_type is None else loan.property_type in _C23),
    )


def rule_incomplete_history(loan: Loan, v: dict[str, Any]) -> Result:
    """Incomplete 12-month housing history.

    Citation: Seed 002 rule 10: 10% minimum borrower contribution and maximum 80% LTV. Source: programs/shining_star_horizon.guideline:16.
    """
    # programs/shining_star_horizon.guideline:16: applies when Housing history documented less than 12 months and not Living rent-free
    applies = (False if (_t12 := (None if loan.housing_history_months is None else loan.housing_history_months < _D12)) is False or (_t13 := (None if loan.rent_free is None else not loan.rent_free)) is False else None if _t12 is None or _t13 is None else True)
    return applies, (
        # Borrower contribution at least 10% (programs/shining_star_horizon.guideline:20)
        (None if loan.borrower_contribution_pct is None else loan.borrower_contribution_pct >= _D10),
    )


def facts(loan: Loan) -> rt.Facts:
    """Everything the program's rules establish about a loan, before the decision is assembled."""
    v = values(loan)
    f = rt.Facts(loan, v)
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
        rule_incomplete_history(loan, v),
    ]
    return f


def check(loan: Loan) -> rt.Decision:
    """Decide a loan under Shining Star Horizon 2026.1: status, findings, conditions, values, limits."""
    return rt.decide(META, facts(loan))


def check_fast(loan: Loan) -> rt.Verdict:
    """The same decision without its wording: status, limits with their binding rules, failing rule ids.

    Straight-line `rt.verdict`: a rule's requirements are computed only when it may apply.
    """
    v = values(loan, False)
    failed: list[str] = []
    unresolved: list[str] = []
    cells: list[tuple[str, str, Decimal]] = []
    adjusted: list[tuple[str, tuple[tuple[str, str, Decimal], ...], bool]] = []
    applies: bool | None
    ok: bool | None
    covered: bool | None = False
    # owner_occupied (as matrix_owner_occupied)
    applies = (None if loan.occupancy is None else loan.occupancy in _C7)
    if applies is None:
        unresolved.append('owner_occupied')
        covered = None if covered is False else covered
    elif applies:
        covered = True
        rt.place(META.matrices[0], (loan.fico, loan.loan_amount), failed, unresolved, cells)
    # investment (as matrix_investment)
    applies = (None if loan.occupancy is None else loan.occupancy in _C8)
    if applies is None:
        unresolved.append('investment')
        covered = None if covered is False else covered
    elif applies:
        covered = True
        rt.place(META.matrices[1], (loan.fico, loan.loan_amount), failed, unresolved, cells)
    if covered is False:
        failed.append("eligibility_matrix")
    # cash_out_reduction
    applies = (None if loan.purpose is None else loan.purpose in _C9)
    if applies is not False:
        adjusted.append(('cash_out_reduction', _C25, applies is True))
        rt.judge('cash_out_reduction', applies, (), False, failed, unresolved)
    # min_fico
    ok = (None if loan.fico is None else loan.fico >= _D620)
    if ok is False:
        failed.append('min_fico')
    elif ok is None:
        unresolved.append('min_fico')
    # max_dti
    applies = (None if loan.doc_type is None else loan.doc_type not in _C11)
    if applies is not False:
        rt.judge('max_dti', applies, ((None if v['dti'] is None else v['dti'] <= _D50), ), False, failed, unresolved)
    # credit_event_seasoning
    applies = True
    if applies is not False:
        rt.judge('credit_event_seasoning', applies, (rt.ge(rt.months_since_latest(loan.credit_events, 'kind', 'completed_on', _C12, loan.application_date), _D24), rt.ge(rt.months_since_latest(loan.credit_events, 'kind', 'completed_on', _C14, loan.application_date), _D24), ), False, failed, unresolved)
    # housing_history
    applies = (False if (_t14 := (None if loan.rent_free is None else not loan.rent_free)) is False or (_t15 := (None if loan.doc_type is None else loan.doc_type not in _C11)) is False else None if _t14 is None or _t15 is None else True)
    if applies is not False:
        rt.judge('housing_history', applies, ((None if loan.housing_verification is None else loan.housing_verification in _C15), ), False, failed, unresolved)
    # forbearance
    ok = (None if loan.in_forbearance is None else not loan.in_forbearance)
    if ok is False:
        failed.append('forbearance')
    elif ok is None:
        unresolved.append('forbearance')
    # after_forbearance
    applies = (False if (_t16 := (loan.forbearance_end is not None)) is False or (_t17 := (None if loan.purpose is None else loan.purpose in _C16)) is False else None if _t16 is None or _t17 is None else True)
    if applies is not False:
        rt.judge('after_forbearance', applies, ((None if loan.payments_since_forbearance is None else loan.payments_since_forbearance >= _D2), ), False, failed, unresolved)
    # after_forbearance_cash_out
    applies = (False if (_t18 := (loan.forbearance_end is not None)) is False or (_t19 := (None if loan.purpose is None else loan.purpose in _C9)) is False else None if _t18 is None or _t19 is None else True)
    if applies is not False:
        rt.judge('after_forbearance_cash_out', applies, (), True, failed, unresolved)
    # rent_free
    applies = loan.rent_free
    if applies is not False:
        adjusted.append(('rent_free', _C26, applies is True))
        rt.judge('rent_free', applies, ((None if loan.borrower_contribution_pct is None else loan.borrower_contribution_pct >= _D10), ), False, failed, unresolved)
    # fthb_payment_shock
    applies = (False if loan.fthb is False or (_t20 := (None if loan.doc_type is None else loan.doc_type not in _C19)) is False else None if loan.fthb is None or _t20 is None else True)
    if applies is not False:
        rt.judge('fthb_payment_shock', applies, ((None if v['payment_shock'] is None else v['payment_shock'] <= _D250), ), False, failed, unresolved)
    # reserves
    ok = (None if v['reserves_months'] is None or v['required_reserves'] is None else v['reserves_months'] >= v['required_reserves'])
    if ok is False:
        failed.append('reserves')
    elif ok is None:
        unresolved.append('reserves')
    # loan_amount_range
    ok = (False if (_t21 := (None if loan.loan_amount is None else loan.loan_amount >= _D100000)) is False or (_t22 := (None if loan.loan_amount is None else loan.loan_amount <= _D3000000)) is False else None if _t21 is None or _t22 is None else True)
    if ok is False:
        failed.append('loan_amount_range')
    elif ok is None:
        unresolved.append('loan_amount_range')
    # property_types
    ok = (None if loan.property_type is None else loan.property_type in _C23)
    if ok is False:
        failed.append('property_types')
    elif ok is None:
        unresolved.append('property_types')
    # incomplete_history
    applies = (False if (_t23 := (None if loan.housing_history_months is None else loan.housing_history_months < _D12)) is False or (_t24 := (None if loan.rent_free is None else not loan.rent_free)) is False else None if _t23 is None or _t24 is None else True)
    if applies is not False:
        adjusted.append(('incomplete_history', _C26, applies is True))
        rt.judge('incomplete_history', applies, ((None if loan.borrower_contribution_pct is None else loan.borrower_contribution_pct >= _D10), ), False, failed, unresolved)
    return rt.conclude(META, loan, v, failed, unresolved, cells, adjusted)


# Constants the rules use, built once at import.
_C0 = frozenset({'purchase'})
_C1 = frozenset({'bank_stmt_personal_12', 'bank_stmt_personal_24'})
_C2 = frozenset({'bank_stmt_business_12', 'bank_stmt_business_24'})
_D100 = Decimal("100")
_D50 = Decimal("50")
_C5 = (
    (None, False, Decimal("1000000"), True),
    (Decimal("1000001"), True, Decimal("2000000"), True),
    (Decimal("2000001"), True, None, False),
)
_C6 = (Decimal("3"), Decimal("6"), Decimal("12"))
_C7 = frozenset({'primary', 'second_home'})
_C8 = frozenset({'investment'})
_C9 = frozenset({'cash_out'})
_D620 = Decimal("620")
_C11 = frozenset({'dscr'})
_C12 = ('fc', 'ss', 'dil', 'mod', 'nod', 'dq120')
_D24 = Decimal("24")
_C14 = ('bk7', 'bk11', 'bk13')
_C15 = frozenset({'vom', 'vor', 'bank_records'})
_C16 = frozenset({'purchase', 'rate_term'})
_D2 = Decimal("2")
_D10 = Decimal("10")
_C19 = frozenset({'full_doc', 'dscr'})
_D250 = Decimal("250")
_D100000 = Decimal("100000")
_D3000000 = Decimal("3000000")
_C23 = frozenset({'sfr', 'pud', 'townhome', 'condo_warrantable', 'condo_non_warrantable', 'two_to_four_unit'})
_D12 = Decimal("12")
_C25 = (('reduce', 'max_ltv', Decimal("5")), ('reduce', 'max_cltv', Decimal("5")))
_C26 = (('cap', 'max_ltv', Decimal("80")), ('cap', 'max_cltv', Decimal("80")))


META = rt.ProgramMeta(
    info=rt.ProgramInfo(
        id='shining_star_horizon',
        title='Shining Star Horizon',
        investor='Shining Star Funding',
        lender=None,
        family='Non-QM',
        version='2026.1',
        effective='2026-01-01',
        source='Shining Star Funding, Housing History for Credit Challenged Borrowers (web page)',
        sha256='510dcf5df83ee211ac68e70a6f8508e88a513ca006af90e1e2c1471c2105a234',
    ),
    combine='lowest',
    names={
        **_fields.NAMES,
        'property_value': rt.Name(
            title='Property value',
            kind='money',
            unit='USD',
            is_value=True,
            depends_on=('purpose', 'purchase_price', 'appraised_value'),
            places=2,
        ),
        'ltv': rt.Name(
            title='LTV',
            kind='percent',
            unit='',
            is_value=True,
            depends_on=('loan_amount', 'property_value'),
            places=2,
        ),
        'cltv': rt.Name(
            title='CLTV',
            kind='percent',
            unit='',
            is_value=True,
            depends_on=('loan_amount', 'subordinate_liens', 'property_value'),
            places=2,
        ),
        'eligible_deposits': rt.Name(
            title='Eligible deposits',
            kind='money',
            unit='USD',
            is_value=True,
            depends_on=('total_deposits', 'excluded_transfers', 'excluded_nonrecurring'),
            places=2,
        ),
        'qualifying_income': rt.Name(
            title='Qualifying monthly income',
            kind='money',
            unit='USD per month',
            is_value=True,
            depends_on=(
                'doc_type',
                'eligible_deposits',
                'statement_months',
                'cpa_expense_ratio',
                'ownership_pct',
                'monthly_income',
            ),
            places=2,
        ),
        'dti': rt.Name(
            title='DTI',
            kind='percent',
            unit='',
            is_value=True,
            depends_on=('pitia', 'monthly_debts', 'qualifying_income'),
            places=2,
        ),
        'payment_shock': rt.Name(
            title='Payment shock',
            kind='percent',
            unit='',
            is_value=True,
            depends_on=('pitia', 'current_housing_payment'),
            places=2,
        ),
        'reserves_months': rt.Name(
            title='Reserves',
            kind='months',
            unit='months',
            is_value=True,
            depends_on=('liquid_assets', 'pitia'),
            places=2,
        ),
        'required_reserves': rt.Name(
            title='Required reserves',
            kind='months',
            unit='months',
            is_value=True,
            depends_on=('loan_amount',),
            places=0,
        ),
        'dscr': rt.Name(
            title='DSCR',
            kind='ratio',
            unit='',
            is_value=True,
            depends_on=('lease_rent', 'market_rent', 'pitia'),
            places=3,
        ),
    },
    values=(
        'property_value',
        'ltv',
        'cltv',
        'eligible_deposits',
        'qualifying_income',
        'dti',
        'payment_shock',
        'reserves_months',
        'required_reserves',
        'dscr',
    ),
    matrices=(
        rt.MatrixMeta(
            id='owner_occupied',
            title='Primary residence and second home',
            citation='Illustrative matrix (typical values, not from the seed)',
            where='programs/shining_star_base.guideline:19',
            when_text='Occupancy is primary or second_home',
            when_inputs=('occupancy',),
            axes=(
                rt.AxisMeta(
                    label='Credit score',
                    inputs=('fico',),
                    bands=(
                        (Decimal("740"), True, None, False, '740+'),
                        (Decimal("700"), True, Decimal("739"), True, '700-739'),
                        (Decimal("660"), True, Decimal("699"), True, '660-699'),
                        (Decimal("620"), True, Decimal("659"), True, '620-659'),
                    ),
                ),
                rt.AxisMeta(
                    label='Loan amount',
                    inputs=('loan_amount',),
                    bands=(
                        (None, False, Decimal("1000000"), True, 'up to $1,000,000'),
                        (Decimal("1000001"), True, Decimal("2000000"), True, '$1,000,001-$2,000,000'),
                        (Decimal("2000001"), True, Decimal("3000000"), True, '$2,000,001-$3,000,000'),
                    ),
                ),
            ),
            cells=(
                (
                    ((('max_ltv', Decimal("90")), ('max_cltv', Decimal("90"))), '90%'),
                    ((('max_ltv', Decimal("85")), ('max_cltv', Decimal("85"))), '85%'),
                    ((('max_ltv', Decimal("75")), ('max_cltv', Decimal("75"))), '75%'),
                ),
                (
                    ((('max_ltv', Decimal("85")), ('max_cltv', Decimal("85"))), '85%'),
                    ((('max_ltv', Decimal("80")), ('max_cltv', Decimal("80"))), '80%'),
                    ((('max_ltv', Decimal("70")), ('max_cltv', Decimal("70"))), '70%'),
                ),
                (
                    ((('max_ltv', Decimal("80")), ('max_cltv', Decimal("80"))), '80%'),
                    ((('max_ltv', Decimal("75")), ('max_cltv', Decimal("75"))), '75%'),
                    (None, 'N/A'),
                ),
                (
                    ((('max_ltv', Decimal("75")), ('max_cltv', Decimal("75"))), '75%'),
                    (None, 'N/A'),
                    (None, 'N/A'),
                ),
            ),
        ),
        rt.MatrixMeta(
            id='investment',
            title='Investment property',
            citation='Illustrative matrix (typical values, not from the seed)',
            where='programs/shining_star_base.guideline:31',
            when_text='Occupancy is investment',
            when_inputs=('occupancy',),
            axes=(
                rt.AxisMeta(
                    label='Credit score',
                    inputs=('fico',),
                    bands=(
                        (Decimal("740"), True, None, False, '740+'),
                        (Decimal("700"), True, Decimal("739"), True, '700-739'),
                        (Decimal("660"), True, Decimal("699"), True, '660-699'),
                        (Decimal("620"), True, Decimal("659"), True, '620-659'),
                    ),
                ),
                rt.AxisMeta(
                    label='Loan amount',
                    inputs=('loan_amount',),
                    bands=(
                        (None, False, Decimal("1000000"), True, 'up to $1,000,000'),
                        (Decimal("1000001"), True, Decimal("2000000"), True, '$1,000,001-$2,000,000'),
                        (Decimal("2000001"), True, Decimal("3000000"), True, '$2,000,001-$3,000,000'),
                    ),
                ),
            ),
            cells=(
                (
                    ((('max_ltv', Decimal("80")), ('max_cltv', Decimal("80"))), '80%'),
                    ((('max_ltv', Decimal("75")), ('max_cltv', Decimal("75"))), '75%'),
                    ((('max_ltv', Decimal("70")), ('max_cltv', Decimal("70"))), '70%'),
                ),
                (
                    ((('max_ltv', Decimal("75")), ('max_cltv', Decimal("75"))), '75%'),
                    ((('max_ltv', Decimal("70")), ('max_cltv', Decimal("70"))), '70%'),
                    ((('max_ltv', Decimal("65")), ('max_cltv', Decimal("65"))), '65%'),
                ),
                (
                    ((('max_ltv', Decimal("70")), ('max_cltv', Decimal("70"))), '70%'),
                    ((('max_ltv', Decimal("65")), ('max_cltv', Decimal("65"))), '65%'),
                    (None, 'N/A'),
                ),
                (
                    ((('max_ltv', Decimal("65")), ('max_cltv', Decimal("65"))), '65%'),
                    (None, 'N/A'),
                    (None, 'N/A'),
                ),
            ),
        ),
    ),
    rules=(
        rt.RuleMeta(
            id='cash_out_reduction',
            title='Cash-out refinance',
            citation='Illustrative (typical: cash-out 5 points below purchase)',
            where='programs/shining_star_base.guideline:43',
            when_text='Loan purpose is cash_out',
            when_inputs=('purpose',),
            requirements=(),
            adjustments=(
                ('reduce', 'max_ltv', Decimal("5"), 'reduce Max LTV by 5%'),
                ('reduce', 'max_cltv', Decimal("5"), 'reduce Max CLTV by 5%'),
            ),
            conditions=(),
            reviews=(),
        ),
        rt.RuleMeta(
            id='min_fico',
            title='Minimum credit score',
            citation='Illustrative (typical Non-QM minimum)',
            where='programs/shining_star_base.guideline:50',
            when_text='',
            when_inputs=(),
            requirements=(rt.RequirementMeta(text='Credit score at least 620', inputs=('fico',)),),
            adjustments=(),
            conditions=(),
            reviews=(),
        ),
        rt.RuleMeta(
            id='max_dti',
            title='Maximum DTI',
            citation='Shining Star DTI page: 50% hard cap, no exceptions above 50% (public; domain notes 1)',
            where='programs/shining_star_base.guideline:54',
            when_text='Documentation type is not dscr',
            when_inputs=('doc_type',),
            requirements=(rt.RequirementMeta(text='DTI at most 50%', inputs=('dti',)),),
            adjustments=(),
            conditions=(),
            reviews=(),
        ),
        rt.RuleMeta(
            id='credit_event_seasoning',
            title='Credit event seasoning',
            citation='Shining Star seasoning page: Edge Standard 2 years (public; domain notes 2.6)',
            where='programs/shining_star_base.guideline:59',
            when_text='',
            when_inputs=(),
            requirements=(
                rt.RequirementMeta(
                    text='months since the latest Credit events (fc, ss, dil, mod, nod, dq120) at least 24 months',
                    inputs=('credit_events', 'application_date'),
                ),
                rt.RequirementMeta(
                    text='months since the latest Credit events (bk7, bk11, bk13) at least 24 months',
                    inputs=('credit_events', 'application_date'),
                ),
            ),
            adjustments=(),
            conditions=(),
            reviews=(),
        ),
        rt.RuleMeta(
            id='housing_history',
            title='Satisfactory housing history',
            citation='Seed 002 rules 1, 4, 5 and 10: verified history; an incomplete 12 months is allowed under Horizon',
            where='programs/shining_star_horizon.guideline:11',
            when_text='not Living rent-free and Documentation type is not dscr',
            when_inputs=('rent_free', 'doc_type'),
            requirements=(
                rt.RequirementMeta(
                    text='Housing verification is vom, vor or bank_records',
                    inputs=('housing_verification',),
                ),
            ),
            adjustments=(),
            conditions=(),
            reviews=(),
        ),
        rt.RuleMeta(
            id='forbearance',
            title='Still in forbearance',
            citation='Seed 002 rule 13: borrowers still in forbearance or deferral are not eligible',
            where='programs/shining_star_base.guideline:75',
            when_text='',
            when_inputs=(),
            requirements=(rt.RequirementMeta(text='not In forbearance', inputs=('in_forbearance',)),),
            adjustments=(),
            conditions=(),
            reviews=(),
        ),
        rt.RuleMeta(
            id='after_forbearance',
            title='After forbearance: purchase or rate/term',
            citation='Seed 002 rule 14: at least two months of timely payments after completing forbearance',
            where='programs/shining_star_base.guideline:79',
            when_text='Forbearance end is known and Loan purpose is purchase or rate_term',
            when_inputs=('forbearance_end', 'purpose'),
            requirements=(
                rt.RequirementMeta(
                    text='Payments since forbearance at least 2',
                    inputs=('payments_since_forbearance',),
                ),
            ),
            adjustments=(),
            conditions=(),
            reviews=(),
        ),
        rt.RuleMeta(
            id='after_forbearance_cash_out',
            title='After forbearance: cash-out',
            citation='Seed 002 rule 14 covers purchase and rate/term only',
            where='programs/shining_star_base.guideline:84',
            when_text='Forbearance end is known and Loan purpose is cash_out',
            when_inputs=('forbearance_end', 'purpose'),
            requirements=(),
            adjustments=(),
            conditions=(),
            reviews=('The guideline says nothing of cash-out refinances after forbearance: refer to the investor.',),
        ),
        rt.RuleMeta(
            id='rent_free',
            title='Living rent-free',
            citation='Seed 002 rule 11: rent-free letter, 10% minimum borrower contribution, maximum 80% LTV',
            where='programs/shining_star_base.guideline:89',
            when_text='Living rent-free',
            when_inputs=('rent_free',),
            requirements=(
                rt.RequirementMeta(
                    text='Borrower contribution at least 10%',
                    inputs=('borrower_contribution_pct',),
                ),
            ),
            adjustments=(
                ('cap', 'max_ltv', Decimal("80"), 'cap Max LTV at 80%'),
                ('cap', 'max_cltv', Decimal("80"), 'cap Max CLTV at 80%'),
            ),
            conditions=(('document', 'Rent-free letter'), ('term', '10% minimum borrower contribution')),
            reviews=(),
        ),
        rt.RuleMeta(
            id='fthb_payment_shock',
            title='First-time home buyer payment shock',
            citation='Seed 002 rule 12: FTHB on alternative documentation, payment shock at most 250% (2.5x current rent)',
            where='programs/shining_star_base.guideline:97',
            when_text='First-time home buyer and Documentation type is not full_doc or dscr',
            when_inputs=('fthb', 'doc_type'),
            requirements=(rt.RequirementMeta(text='Payment shock at most 250%', inputs=('payment_shock',)),),
            adjustments=(),
            conditions=(),
            reviews=(),
        ),
        rt.RuleMeta(
            id='reserves',
            title='Reserves',
            citation='Illustrative (typical reserves tiers)',
            where='programs/shining_star_base.guideline:111',
            when_text='',
            when_inputs=(),
            requirements=(
                rt.RequirementMeta(
                    text='Reserves at least Required reserves',
                    inputs=('reserves_months', 'required_reserves'),
                ),
            ),
            adjustments=(),
            conditions=(),
            reviews=(),
        ),
        rt.RuleMeta(
            id='loan_amount_range',
            title='Loan amount',
            citation='Illustrative (typical minimum and maximum)',
            where='programs/shining_star_base.guideline:115',
            when_text='',
            when_inputs=(),
            requirements=(
                rt.RequirementMeta(
                    text='Loan amount at least $100,000 and Loan amount at most $3,000,000',
                    inputs=('loan_amount',),
                ),
            ),
            adjustments=(),
            conditions=(),
            reviews=(),
        ),
        rt.RuleMeta(
            id='property_types',
            title='Property types',
            citation='Illustrative (typical eligible property types)',
            where='programs/shining_star_base.guideline:119',
            when_text='',
            when_inputs=(),
            requirements=(
                rt.RequirementMeta(
                    text='Property type is sfr, pud, townhome, condo_warrantable, condo_non_warrantable or two_to_four_unit',
                    inputs=('property_type',),
                ),
            ),
            adjustments=(),
            conditions=(),
            reviews=(),
        ),
        rt.RuleMeta(
            id='incomplete_history',
            title='Incomplete 12-month housing history',
            citation='Seed 002 rule 10: 10% minimum borrower contribution and maximum 80% LTV',
            where='programs/shining_star_horizon.guideline:16',
            when_text='Housing history documented less than 12 months and not Living rent-free',
            when_inputs=('housing_history_months', 'rent_free'),
            requirements=(
                rt.RequirementMeta(
                    text='Borrower contribution at least 10%',
                    inputs=('borrower_contribution_pct',),
                ),
            ),
            adjustments=(
                ('cap', 'max_ltv', Decimal("80"), 'cap Max LTV at 80%'),
                ('cap', 'max_cltv', Decimal("80"), 'cap Max CLTV at 80%'),
            ),
            conditions=(('term', '10% minimum borrower contribution'),),
            reviews=(),
        ),
    ),
    limits=(
        rt.LimitMeta(
            id='max_ltv',
            title='Max LTV',
            on='ltv',
            kind='percent',
            unit='',
            where='programs/loan.fields:309',
        ),
        rt.LimitMeta(
            id='max_cltv',
            title='Max CLTV',
            on='cltv',
            kind='percent',
            unit='',
            where='programs/loan.fields:310',
        ),
        rt.LimitMeta(
            id='max_loan_amount',
            title='Max loan amount',
            on='loan_amount',
            kind='money',
            unit='USD',
            where='programs/loan.fields:311',
        ),
    ),
    selector_inputs=('occupancy',),
    seasoning_date='application_date',
)
