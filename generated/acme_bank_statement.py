"""Acme Bank Statement (overlay on Keystone Bank Statement Select) (acme_bank_statement), version 2026.1, effective 2026-02-15.

Lender Acme Home Lending, overlay on keystone_bank_statement. Source document: Acme Home Lending, Credit Overlays Bulletin 2026-03.
Overlay of keystone_bank_statement: inherits its rules, matrices and values unless overridden or dropped here.

Generated from programs/acme_bank_statement.guideline (sha256 55ddf7ee29f1d32faba1df2c7144dac383fb400471a15f69ae40a5e15270df95); do not edit.
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
    # Required reserves (programs/keystone_bank_statement.guideline:177; §6.3, p. 13)
    v['required_reserves'] = rt.lookup(loan.loan_amount, _C5, _C6)
    if not every:
        return v
    # DSCR, rounded down to 3 decimals (programs/loan.fields:296)
    v['dscr'] = rt.div_round(rt.lesser(rt.default(loan.lease_rent, loan.market_rent), loan.market_rent), loan.pitia, 3, 'down')
    return v


def matrix_primary_purchase(loan: Loan, v: dict[str, Any]) -> tuple[bool | None, tuple[Any, ...]]:
    """Primary residence, purchase: whether it applies and the loan's row and column keys.

    Citation: §2.1 Matrix A, p. 4. Source: programs/keystone_bank_statement.guideline:20. Cells: META.matrices[0].
    """
    return (False if (_t3 := (None if loan.occupancy is None else loan.occupancy in _C7)) is False or (_t4 := (None if loan.purpose is None else loan.purpose in _C0)) is False else None if _t3 is None or _t4 is None else True), (loan.fico, loan.loan_amount)


def matrix_primary_rate_term(loan: Loan, v: dict[str, Any]) -> tuple[bool | None, tuple[Any, ...]]:
    """Primary residence, rate/term refinance: whether it applies and the loan's row and column keys.

    Citation: §2.1 Matrix B, p. 4. Source: programs/keystone_bank_statement.guideline:33. Cells: META.matrices[1].
    """
    return (False if (_t5 := (None if loan.occupancy is None else loan.occupancy in _C7)) is False or (_t6 := (None if loan.purpose is None else loan.purpose in _C8)) is False else None if _t5 is None or _t6 is None else True), (loan.fico, loan.loan_amount)


def matrix_primary_cash_out(loan: Loan, v: dict[str, Any]) -> tuple[bool | None, tuple[Any, ...]]:
    """Primary residence, cash-out refinance: whether it applies and the loan's row and column keys.

    Citation: §2.1 Matrix C, p. 5. Source: programs/keystone_bank_statement.guideline:46. Cells: META.matrices[2].
    """
    return (False if (_t7 := (None if loan.occupancy is None else loan.occupancy in _C7)) is False or (_t8 := (None if loan.purpose is None else loan.purpose in _C9)) is False else None if _t7 is None or _t8 is None else True), (loan.fico, loan.loan_amount)


def matrix_second_home(loan: Loan, v: dict[str, Any]) -> tuple[bool | None, tuple[Any, ...]]:
    """Second home, purchase and rate/term: whether it applies and the loan's row and column keys.

    Citation: §2.2 Matrix D, p. 5. Source: programs/keystone_bank_statement.guideline:59. Cells: META.matrices[3].
    """
    return (False if (_t9 := (None if loan.occupancy is None else loan.occupancy in _C10)) is False or (_t10 := (None if loan.purpose is None else loan.purpose in _C11)) is False else None if _t9 is None or _t10 is None else True), (loan.fico, loan.loan_amount)


def matrix_investment(loan: Loan, v: dict[str, Any]) -> tuple[bool | None, tuple[Any, ...]]:
    """Investment property, all purposes: whether it applies and the loan's row and column keys.

    Citation: §2.3 Matrix E, p. 6. Source: programs/keystone_bank_statement.guideline:72. Cells: META.matrices[4].
    """
    return (None if loan.occupancy is None else loan.occupancy in _C12), (loan.fico, loan.loan_amount)


def rule_non_warrantable_condo(loan: Loan, v: dict[str, Any]) -> Result:
    """Non-warrantable condo.

    Citation: §3.1, p. 7. Source: programs/keystone_bank_statement.guideline:87.
    """
    # programs/keystone_bank_statement.guideline:87: applies when Property type is condo_non_warrantable
    applies = (None if loan.property_type is None else loan.property_type in _C13)
    return applies, ()


def rule_interest_only(loan: Loan, v: dict[str, Any]) -> Result:
    """Interest-only.

    Citation: §3.2, p. 7. Source: programs/keystone_bank_statement.guideline:93.
    """
    # programs/keystone_bank_statement.guideline:93: applies when Interest-only
    applies = loan.interest_only
    return applies, (
        # Credit score at least 680 (programs/keystone_bank_statement.guideline:96)
        (None if loan.fico is None else loan.fico >= _D680),
    )


def rule_declining_market(loan: Loan, v: dict[str, Any]) -> Result:
    """Declining market.

    Citation: §3.3, p. 7. Source: programs/keystone_bank_statement.guideline:99.
    """
    # programs/keystone_bank_statement.guideline:99: applies when Declining market
    applies = loan.declining_market
    return applies, ()


def rule_rural(loan: Loan, v: dict[str, Any]) -> Result:
    """Rural property.

    Citation: §3.4, p. 7. Source: programs/keystone_bank_statement.guideline:104.
    """
    # programs/keystone_bank_statement.guideline:104: applies when Rural property
    applies = loan.rural
    return applies, ()


def rule_min_fico(loan: Loan, v: dict[str, Any]) -> Result:
    """Minimum credit score.

    Citation: §4.1, p. 8. Source: programs/keystone_bank_statement.guideline:111.
    """
    # programs/keystone_bank_statement.guideline:111
    applies = True
    return applies, (
        # Credit score at least 660 (programs/keystone_bank_statement.guideline:113)
        (None if loan.fico is None else loan.fico >= _D660),
    )


def rule_max_dti(loan: Loan, v: dict[str, Any]) -> Result:
    """Maximum DTI.

    Citation: Overlay bulletin 2026-03, item 2 (investor allows 50%, 55% with compensating factors). Source: programs/acme_bank_statement.guideline:18.
    """
    # programs/acme_bank_statement.guideline:18
    applies = True
    return applies, (
        # DTI at most 45% (programs/acme_bank_statement.guideline:20)
        (None if v['dti'] is None else v['dti'] <= _D45),
    )


def rule_credit_event_seasoning(loan: Loan, v: dict[str, Any]) -> Result:
    """Credit event seasoning.

    Citation: §4.3, p. 9. Source: programs/keystone_bank_statement.guideline:120.
    """
    # programs/keystone_bank_statement.guideline:120
    applies = True
    return applies, (
        # months since the latest Credit events (fc) at least 36 months (programs/keystone_bank_statement.guideline:124)
        rt.ge(rt.months_since_latest(loan.credit_events, 'kind', 'completed_on', _C17, loan.application_date), _D36),
        # months since the latest Credit events (ss, dil, mod) at least 24 months (programs/keystone_bank_statement.guideline:125)
        rt.ge(rt.months_since_latest(loan.credit_events, 'kind', 'completed_on', _C19, loan.application_date), _D24),
        # months since the latest Credit events (nod, dq120) at least 12 months (programs/keystone_bank_statement.guideline:126)
        rt.ge(rt.months_since_latest(loan.credit_events, 'kind', 'completed_on', _C21, loan.application_date), _D12),
        # months since the latest Credit events (bk7, bk11) at least 24 months (programs/keystone_bank_statement.guideline:127)
        rt.ge(rt.months_since_latest(loan.credit_events, 'kind', 'completed_on', _C23, loan.application_date), _D24),
        # months since the latest Credit events (bk13) at least 12 months (programs/keystone_bank_statement.guideline:128)
        rt.ge(rt.months_since_latest(loan.credit_events, 'kind', 'completed_on', _C24, loan.application_date), _D12),
    )


def rule_housing_history_12_months(loan: Loan, v: dict[str, Any]) -> Result:
    """Housing history, 12 months.

    Citation: §5.1, p. 10 (seed 002: satisfactory history for the most recent 12 months). Source: programs/keystone_bank_statement.guideline:132.
    """
    # programs/keystone_bank_statement.guideline:132: applies when not Living rent-free
    applies = (None if loan.rent_free is None else not loan.rent_free)
    return applies, (
        # Housing history documented at least 12 months (programs/keystone_bank_statement.guideline:135)
        (None if loan.housing_history_months is None else loan.housing_history_months >= _D12),
        # housing history 1x30x12 (at most 1 payment 30+ days late in the last 12 months) (programs/keystone_bank_statement.guideline:136)
        rt.le(rt.count_lates(loan.housing_lates, 'days_late', 'due_on', 30, 12, loan.application_date), _D1),
        # Housing verification is vom, vor or bank_records (programs/keystone_bank_statement.guideline:137)
        (None if loan.housing_verification is None else loan.housing_verification in _C26),
    )


def rule_forbearance(loan: Loan, v: dict[str, Any]) -> Result:
    """Forbearance.

    Citation: §5.2, p. 10 (seed 002: still in forbearance is ineligible). Source: programs/keystone_bank_statement.guideline:139.
    """
    # programs/keystone_bank_statement.guideline:139
    applies = True
    return applies, (
        # not In forbearance (programs/keystone_bank_statement.guideline:141)
        (None if loan.in_forbearance is None else not loan.in_forbearance),
    )


def rule_after_forbearance(loan: Loan, v: dict[str, Any]) -> Result:
    """After forbearance.

    Citation: §5.2, p. 10 (seed 002: two timely payments after forbearance, purchase or rate/term). Source: programs/keystone_bank_statement.guideline:143.
    """
    # programs/keystone_bank_statement.guideline:143: applies when Forbearance end is known and Loan purpose is purchase or rate_term
    applies = (False if (_t11 := (loan.forbearance_end is not None)) is False or (_t12 := (None if loan.purpose is None else loan.purpose in _C11)) is False else None if _t11 is None or _t12 is None else True)
    return applies, (
        # Payments since forbearance at least 2 (programs/keystone_bank_statement.guideline:146)
        (None if loan.payments_since_forbearance is None else loan.payments_since_forbearance >= _D2),
    )


def rule_after_forbearance_cash_out(loan: Loan, v: dict[str, Any]) -> Result:
    """After forbearance, cash-out.

    Citation: §5.2, p. 10 (seed 002 is silent on cash-out after forbearance). Source: programs/keystone_bank_statement.guideline:148.
    """
    # programs/keystone_bank_statement.guideline:148: applies when Forbearance end is known and Loan purpose is cash_out
    applies = (False if (_t13 := (loan.forbearance_end is not None)) is False or (_t14 := (None if loan.purpose is None else loan.purpose in _C9)) is False else None if _t13 is None or _t14 is None else True)
    return applies, ()


def rule_rent_free(loan: Loan, v: dict[str, Any]) -> Result:
    """Rent-free borrowers.

    Citation: §5.3, p. 11 (seed 002: rent-free letter, 10% contribution, max 80% LTV). Source: programs/keystone_bank_statement.guideline:153.
    """
    # programs/keystone_bank_statement.guideline:153: applies when Living rent-free
    applies = loan.rent_free
    return applies, (
        # Borrower contribution at least 10% (programs/keystone_bank_statement.guideline:157)
        (None if loan.borrower_contribution_pct is None else loan.borrower_contribution_pct >= _D10),
    )


def rule_fthb_payment_shock(loan: Loan, v: dict[str, Any]) -> Result:
    """First-time home buyer payment shock.

    Citation: §5.4, p. 11 (seed 002: FTHB on alternative documentation, payment shock at most 250%). Source: programs/keystone_bank_statement.guideline:160.
    """
    # programs/keystone_bank_statement.guideline:160: applies when First-time home buyer
    applies = loan.fthb
    return applies, (
        # Payment shock at most 250% (programs/keystone_bank_statement.guideline:163)
        (None if v['payment_shock'] is None else v['payment_shock'] <= _D250),
    )


def rule_doc_types(loan: Loan, v: dict[str, Any]) -> Result:
    """Documentation types.

    Citation: §6.1, p. 12. Source: programs/keystone_bank_statement.guideline:167.
    """
    # programs/keystone_bank_statement.guideline:167
    applies = True
    return applies, (
        # Documentation type is bank_stmt_personal_12, bank_stmt_personal_24, bank_stmt_business_12 or bank_stmt_business_24 (programs/keystone_bank_statement.guideline:169)
        (None if loan.doc_type is None else loan.doc_type in _C30),
    )


def rule_business_ownership(loan: Loan, v: dict[str, Any]) -> Result:
    """Business ownership.

    Citation: §6.2, p. 12. Source: programs/keystone_bank_statement.guideline:171.
    """
    # programs/keystone_bank_statement.guideline:171: applies when Documentation type is bank_stmt_business_12 or bank_stmt_business_24
    applies = (None if loan.doc_type is None else loan.doc_type in _C2)
    return applies, (
        # Ownership share at least 25% (programs/keystone_bank_statement.guideline:174)
        (None if loan.ownership_pct is None else loan.ownership_pct >= _D25),
    )


def rule_reserves(loan: Loan, v: dict[str, Any]) -> Result:
    """Reserves.

    Citation: §6.3, p. 13. Source: programs/keystone_bank_statement.guideline:184.
    """
    # programs/keystone_bank_statement.guideline:184
    applies = True
    return applies, (
        # Reserves at least Required reserves (programs/keystone_bank_statement.guideline:186)
        (None if v['reserves_months'] is None or v['required_reserves'] is None else v['reserves_months'] >= v['required_reserves']),
    )


def rule_loan_amount_range(loan: Loan, v: dict[str, Any]) -> Result:
    """Loan amount.

    Citation: §7.1, p. 14. Source: programs/keystone_bank_statement.guideline:190.
    """
    # programs/keystone_bank_statement.guideline:190
    applies = True
    return applies, (
        # Loan amount at least $150,000 and Loan amount at most $3,000,000 (programs/keystone_bank_statement.guideline:192)
        (False if (_t15 := (None if loan.loan_amount is None else loan.loan_amount >= _D150000)) is False or (_t16 := (None if loan.loan_amount is None else loan.loan_amount <= _D3000000)) is False else None if _t15 is None or _t16 is None else True),
    )


def rule_property_types(loan: Loan, v: dict[str, Any]) -> Result:
    """Property types.

    Citation: §7.2, p. 14. Source: programs/keystone_bank_statement.guideline:194.
    """
    # programs/keystone_bank_statement.guideline:194
    applies = True
    return applies, (
        # Property type is sfr, pud, townhome, condo_warrantable, condo_non_warrantable or two_to_four_unit (programs/keystone_bank_statement.guideline:196)
        (None if loan.property_type is None else loan.property_type in _C34),
    )


def rule_excluded_states(loan: Loan, v: dict[str, Any]) -> Result:
    """State restrictions.

    Citation: §7.3, p. 14. Source: programs/keystone_bank_statement.guideline:198.
    """
    # programs/keystone_bank_statement.guideline:198
    applies = True
    return applies, (
        # State is not ND, SD or NV (programs/keystone_bank_statement.guideline:200)
        (None if loan.state is None else loan.state not in _C35),
    )


def rule_second_appraisal(loan: Loan, v: dict[str, Any]) -> Result:
    """Second appraisal.

    Citation: §7.4, p. 15. Source: programs/keystone_bank_statement.guideline:202.
    """
    # programs/keystone_bank_statement.guideline:202: applies when Loan amount more than $2,000,000
    applies = (None if loan.loan_amount is None else loan.loan_amount > _D2000000)
    return applies, ()


def rule_condo_fico(loan: Loan, v: dict[str, Any]) -> Result:
    """Non-warrantable condo: minimum credit score.

    Citation: Overlay bulletin 2026-03, item 1. Source: programs/acme_bank_statement.guideline:13.
    """
    # programs/acme_bank_statement.guideline:13: applies when Property type is condo_non_warrantable
    applies = (None if loan.property_type is None else loan.property_type in _C13)
    return applies, (
        # Credit score at least 680 (programs/acme_bank_statement.guideline:16)
        (None if loan.fico is None else loan.fico >= _D680),
    )


def rule_excluded_states_overlay(loan: Loan, v: dict[str, Any]) -> Result:
    """Acme state restrictions.

    Citation: Overlay bulletin 2026-03, item 3. Source: programs/acme_bank_statement.guideline:22.
    """
    # programs/acme_bank_statement.guideline:22
    applies = True
    return applies, (
        # State is not NY or IL (programs/acme_bank_statement.guideline:24)
        (None if loan.state is None else loan.state not in _C37),
    )


def facts(loan: Loan) -> rt.Facts:
    """Everything the program's rules establish about a loan, before the decision is assembled."""
    v = values(loan)
    f = rt.Facts(loan, v)
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
        rule_fthb_payment_shock(loan, v),
        rule_doc_types(loan, v),
        rule_business_ownership(loan, v),
        rule_reserves(loan, v),
        rule_loan_amount_range(loan, v),
        rule_property_types(loan, v),
        rule_excluded_states(loan, v),
        rule_second_appraisal(loan, v),
        rule_condo_fico(loan, v),
        rule_excluded_states_overlay(loan, v),
    ]
    return f


def check(loan: Loan) -> rt.Decision:
    """Decide a loan under Acme Bank Statement (overlay on Keystone Bank Statement Select) 2026.1: status, findings, conditions, values, limits."""
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
    # primary_purchase (as matrix_primary_purchase)
    applies = (False if (_t17 := (None if loan.occupancy is None else loan.occupancy in _C7)) is False or (_t18 := (None if loan.purpose is None else loan.purpose in _C0)) is False else None if _t17 is None or _t18 is None else True)
    if applies is None:
        unresolved.append('primary_purchase')
        covered = None if covered is False else covered
    elif applies:
        covered = True
        rt.place(META.matrices[0], (loan.fico, loan.loan_amount), failed, unresolved, cells)
    # primary_rate_term (as matrix_primary_rate_term)
    applies = (False if (_t19 := (None if loan.occupancy is None else loan.occupancy in _C7)) is False or (_t20 := (None if loan.purpose is None else loan.purpose in _C8)) is False else None if _t19 is None or _t20 is None else True)
    if applies is None:
        unresolved.append('primary_rate_term')
        covered = None if covered is False else covered
    elif applies:
        covered = True
        rt.place(META.matrices[1], (loan.fico, loan.loan_amount), failed, unresolved, cells)
    # primary_cash_out (as matrix_primary_cash_out)
    applies = (False if (_t21 := (None if loan.occupancy is None else loan.occupancy in _C7)) is False or (_t22 := (None if loan.purpose is None else loan.purpose in _C9)) is False else None if _t21 is None or _t22 is None else True)
    if applies is None:
        unresolved.append('primary_cash_out')
        covered = None if covered is False else covered
    elif applies:
        covered = True
        rt.place(META.matrices[2], (loan.fico, loan.loan_amount), failed, unresolved, cells)
    # second_home (as matrix_second_home)
    applies = (False if (_t23 := (None if loan.occupancy is None else loan.occupancy in _C10)) is False or (_t24 := (None if loan.purpose is None else loan.purpose in _C11)) is False else None if _t23 is None or _t24 is None else True)
    if applies is None:
        unresolved.append('second_home')
        covered = None if covered is False else covered
    elif applies:
        covered = True
        rt.place(META.matrices[3], (loan.fico, loan.loan_amount), failed, unresolved, cells)
    # investment (as matrix_investment)
    applies = (None if loan.occupancy is None else loan.occupancy in _C12)
    if applies is None:
        unresolved.append('investment')
        covered = None if covered is False else covered
    elif applies:
        covered = True
        rt.place(META.matrices[4], (loan.fico, loan.loan_amount), failed, unresolved, cells)
    if covered is False:
        failed.append("eligibility_matrix")
    # non_warrantable_condo
    applies = (None if loan.property_type is None else loan.property_type in _C13)
    if applies is not False:
        adjusted.append(('non_warrantable_condo', _C38, applies is True))
        rt.judge('non_warrantable_condo', applies, (), False, failed, unresolved)
    # interest_only
    applies = loan.interest_only
    if applies is not False:
        adjusted.append(('interest_only', _C39, applies is True))
        rt.judge('interest_only', applies, ((None if loan.fico is None else loan.fico >= _D680), ), False, failed, unresolved)
    # declining_market
    applies = loan.declining_market
    if applies is not False:
        adjusted.append(('declining_market', _C39, applies is True))
        rt.judge('declining_market', applies, (), False, failed, unresolved)
    # rural
    applies = loan.rural
    if applies is not False:
        adjusted.append(('rural', _C40, applies is True))
        rt.judge('rural', applies, (), False, failed, unresolved)
    # min_fico
    ok = (None if loan.fico is None else loan.fico >= _D660)
    if ok is False:
        failed.append('min_fico')
    elif ok is None:
        unresolved.append('min_fico')
    # max_dti
    ok = (None if v['dti'] is None else v['dti'] <= _D45)
    if ok is False:
        failed.append('max_dti')
    elif ok is None:
        unresolved.append('max_dti')
    # credit_event_seasoning
    applies = True
    if applies is not False:
        rt.judge('credit_event_seasoning', applies, (rt.ge(rt.months_since_latest(loan.credit_events, 'kind', 'completed_on', _C17, loan.application_date), _D36), rt.ge(rt.months_since_latest(loan.credit_events, 'kind', 'completed_on', _C19, loan.application_date), _D24), rt.ge(rt.months_since_latest(loan.credit_events, 'kind', 'completed_on', _C21, loan.application_date), _D12), rt.ge(rt.months_since_latest(loan.credit_events, 'kind', 'completed_on', _C23, loan.application_date), _D24), rt.ge(rt.months_since_latest(loan.credit_events, 'kind', 'completed_on', _C24, loan.application_date), _D12), ), False, failed, unresolved)
    # housing_history_12_months
    applies = (None if loan.rent_free is None else not loan.rent_free)
    if applies is not False:
        rt.judge('housing_history_12_months', applies, ((None if loan.housing_history_months is None else loan.housing_history_months >= _D12), rt.le(rt.count_lates(loan.housing_lates, 'days_late', 'due_on', 30, 12, loan.application_date), _D1), (None if loan.housing_verification is None else loan.housing_verification in _C26), ), False, failed, unresolved)
    # forbearance
    ok = (None if loan.in_forbearance is None else not loan.in_forbearance)
    if ok is False:
        failed.append('forbearance')
    elif ok is None:
        unresolved.append('forbearance')
    # after_forbearance
    applies = (False if (_t25 := (loan.forbearance_end is not None)) is False or (_t26 := (None if loan.purpose is None else loan.purpose in _C11)) is False else None if _t25 is None or _t26 is None else True)
    if applies is not False:
        rt.judge('after_forbearance', applies, ((None if loan.payments_since_forbearance is None else loan.payments_since_forbearance >= _D2), ), False, failed, unresolved)
    # after_forbearance_cash_out
    applies = (False if (_t27 := (loan.forbearance_end is not None)) is False or (_t28 := (None if loan.purpose is None else loan.purpose in _C9)) is False else None if _t27 is None or _t28 is None else True)
    if applies is not False:
        rt.judge('after_forbearance_cash_out', applies, (), True, failed, unresolved)
    # rent_free
    applies = loan.rent_free
    if applies is not False:
        adjusted.append(('rent_free', _C41, applies is True))
        rt.judge('rent_free', applies, ((None if loan.borrower_contribution_pct is None else loan.borrower_contribution_pct >= _D10), ), False, failed, unresolved)
    # fthb_payment_shock
    applies = loan.fthb
    if applies is not False:
        rt.judge('fthb_payment_shock', applies, ((None if v['payment_shock'] is None else v['payment_shock'] <= _D250), ), False, failed, unresolved)
    # doc_types
    ok = (None if loan.doc_type is None else loan.doc_type in _C30)
    if ok is False:
        failed.append('doc_types')
    elif ok is None:
        unresolved.append('doc_types')
    # business_ownership
    applies = (None if loan.doc_type is None else loan.doc_type in _C2)
    if applies is not False:
        rt.judge('business_ownership', applies, ((None if loan.ownership_pct is None else loan.ownership_pct >= _D25), ), False, failed, unresolved)
    # reserves
    ok = (None if v['reserves_months'] is None or v['required_reserves'] is None else v['reserves_months'] >= v['required_reserves'])
    if ok is False:
        failed.append('reserves')
    elif ok is None:
        unresolved.append('reserves')
    # loan_amount_range
    ok = (False if (_t29 := (None if loan.loan_amount is None else loan.loan_amount >= _D150000)) is False or (_t30 := (None if loan.loan_amount is None else loan.loan_amount <= _D3000000)) is False else None if _t29 is None or _t30 is None else True)
    if ok is False:
        failed.append('loan_amount_range')
    elif ok is None:
        unresolved.append('loan_amount_range')
    # property_types
    ok = (None if loan.property_type is None else loan.property_type in _C34)
    if ok is False:
        failed.append('property_types')
    elif ok is None:
        unresolved.append('property_types')
    # excluded_states
    ok = (None if loan.state is None else loan.state not in _C35)
    if ok is False:
        failed.append('excluded_states')
    elif ok is None:
        unresolved.append('excluded_states')
    # second_appraisal
    applies = (None if loan.loan_amount is None else loan.loan_amount > _D2000000)
    if applies is not False:
        rt.judge('second_appraisal', applies, (), False, failed, unresolved)
    # condo_fico
    applies = (None if loan.property_type is None else loan.property_type in _C13)
    if applies is not False:
        rt.judge('condo_fico', applies, ((None if loan.fico is None else loan.fico >= _D680), ), False, failed, unresolved)
    # excluded_states_overlay
    ok = (None if loan.state is None else loan.state not in _C37)
    if ok is False:
        failed.append('excluded_states_overlay')
    elif ok is None:
        unresolved.append('excluded_states_overlay')
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
_C7 = frozenset({'primary'})
_C8 = frozenset({'rate_term'})
_C9 = frozenset({'cash_out'})
_C10 = frozenset({'second_home'})
_C11 = frozenset({'purchase', 'rate_term'})
_C12 = frozenset({'investment'})
_C13 = frozenset({'condo_non_warrantable'})
_D680 = Decimal("680")
_D660 = Decimal("660")
_D45 = Decimal("45")
_C17 = ('fc',)
_D36 = Decimal("36")
_C19 = ('ss', 'dil', 'mod')
_D24 = Decimal("24")
_C21 = ('nod', 'dq120')
_D12 = Decimal("12")
_C23 = ('bk7', 'bk11')
_C24 = ('bk13',)
_D1 = Decimal("1")
_C26 = frozenset({'vom', 'vor', 'bank_records'})
_D2 = Decimal("2")
_D10 = Decimal("10")
_D250 = Decimal("250")
_C30 = frozenset({'bank_stmt_personal_12', 'bank_stmt_personal_24', 'bank_stmt_business_12', 'bank_stmt_business_24'})
_D25 = Decimal("25")
_D150000 = Decimal("150000")
_D3000000 = Decimal("3000000")
_C34 = frozenset({'sfr', 'pud', 'townhome', 'condo_warrantable', 'condo_non_warrantable', 'two_to_four_unit'})
_C35 = frozenset({'ND', 'SD', 'NV'})
_D2000000 = Decimal("2000000")
_C37 = frozenset({'NY', 'IL'})
_C38 = (
    ('reduce', 'max_ltv', Decimal("5")),
    ('reduce', 'max_cltv', Decimal("5")),
    ('cap', 'max_ltv', Decimal("80")),
    ('cap', 'max_cltv', Decimal("80")),
)
_C39 = (('reduce', 'max_ltv', Decimal("5")), ('reduce', 'max_cltv', Decimal("5")))
_C40 = (('cap', 'max_ltv', Decimal("75")), ('cap', 'max_cltv', Decimal("75")))
_C41 = (('cap', 'max_ltv', Decimal("80")), ('cap', 'max_cltv', Decimal("80")))


META = rt.ProgramMeta(
    info=rt.ProgramInfo(
        id='acme_bank_statement',
        title='Acme Bank Statement (overlay on Keystone Bank Statement Select)',
        investor='Keystone Non-QM Capital',
        lender='Acme Home Lending',
        family='Bank Statement',
        version='2026.1',
        effective='2026-02-15',
        source='Acme Home Lending, Credit Overlays Bulletin 2026-03',
        sha256='55ddf7ee29f1d32faba1df2c7144dac383fb400471a15f69ae40a5e15270df95',
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
            id='primary_purchase',
            title='Primary residence, purchase',
            citation='§2.1 Matrix A, p. 4',
            where='programs/keystone_bank_statement.guideline:20',
            when_text='Occupancy is primary and Loan purpose is purchase',
            when_inputs=('occupancy', 'purpose'),
            axes=(
                rt.AxisMeta(
                    label='Credit score',
                    inputs=('fico',),
                    bands=(
                        (Decimal("740"), True, None, False, '740+'),
                        (Decimal("720"), True, Decimal("739"), True, '720-739'),
                        (Decimal("700"), True, Decimal("719"), True, '700-719'),
                        (Decimal("680"), True, Decimal("699"), True, '680-699'),
                        (Decimal("660"), True, Decimal("679"), True, '660-679'),
                    ),
                ),
                rt.AxisMeta(
                    label='Loan amount',
                    inputs=('loan_amount',),
                    bands=(
                        (None, False, Decimal("1000000"), True, 'up to $1,000,000'),
                        (Decimal("1000001"), True, Decimal("1500000"), True, '$1,000,001-$1,500,000'),
                        (Decimal("1500001"), True, Decimal("2000000"), True, '$1,500,001-$2,000,000'),
                        (Decimal("2000001"), True, Decimal("3000000"), True, '$2,000,001-$3,000,000'),
                    ),
                ),
            ),
            cells=(
                (
                    ((('max_ltv', Decimal("90")), ('max_cltv', Decimal("90"))), '90%'),
                    ((('max_ltv', Decimal("85")), ('max_cltv', Decimal("85"))), '85%'),
                    ((('max_ltv', Decimal("80")), ('max_cltv', Decimal("80"))), '80%'),
                    ((('max_ltv', Decimal("75")), ('max_cltv', Decimal("75"))), '75%'),
                ),
                (
                    ((('max_ltv', Decimal("90")), ('max_cltv', Decimal("90"))), '90%'),
                    ((('max_ltv', Decimal("85")), ('max_cltv', Decimal("85"))), '85%'),
                    ((('max_ltv', Decimal("80")), ('max_cltv', Decimal("80"))), '80%'),
                    ((('max_ltv', Decimal("70")), ('max_cltv', Decimal("70"))), '70%'),
                ),
                (
                    ((('max_ltv', Decimal("85")), ('max_cltv', Decimal("85"))), '85%'),
                    ((('max_ltv', Decimal("80")), ('max_cltv', Decimal("80"))), '80%'),
                    ((('max_ltv', Decimal("75")), ('max_cltv', Decimal("75"))), '75%'),
                    ((('max_ltv', Decimal("65")), ('max_cltv', Decimal("65"))), '65%'),
                ),
                (
                    ((('max_ltv', Decimal("80")), ('max_cltv', Decimal("80"))), '80%'),
                    ((('max_ltv', Decimal("80")), ('max_cltv', Decimal("80"))), '80%'),
                    ((('max_ltv', Decimal("70")), ('max_cltv', Decimal("70"))), '70%'),
                    (None, 'N/A'),
                ),
                (
                    ((('max_ltv', Decimal("75")), ('max_cltv', Decimal("75"))), '75%'),
                    ((('max_ltv', Decimal("70")), ('max_cltv', Decimal("70"))), '70%'),
                    (None, 'N/A'),
                    (None, 'N/A'),
                ),
            ),
        ),
        rt.MatrixMeta(
            id='primary_rate_term',
            title='Primary residence, rate/term refinance',
            citation='§2.1 Matrix B, p. 4',
            where='programs/keystone_bank_statement.guideline:33',
            when_text='Occupancy is primary and Loan purpose is rate_term',
            when_inputs=('occupancy', 'purpose'),
            axes=(
                rt.AxisMeta(
                    label='Credit score',
                    inputs=('fico',),
                    bands=(
                        (Decimal("740"), True, None, False, '740+'),
                        (Decimal("720"), True, Decimal("739"), True, '720-739'),
                        (Decimal("700"), True, Decimal("719"), True, '700-719'),
                        (Decimal("680"), True, Decimal("699"), True, '680-699'),
                        (Decimal("660"), True, Decimal("679"), True, '660-679'),
                    ),
                ),
                rt.AxisMeta(
                    label='Loan amount',
                    inputs=('loan_amount',),
                    bands=(
                        (None, False, Decimal("1000000"), True, 'up to $1,000,000'),
                        (Decimal("1000001"), True, Decimal("1500000"), True, '$1,000,001-$1,500,000'),
                        (Decimal("1500001"), True, Decimal("2000000"), True, '$1,500,001-$2,000,000'),
                        (Decimal("2000001"), True, Decimal("3000000"), True, '$2,000,001-$3,000,000'),
                    ),
                ),
            ),
            cells=(
                (
                    ((('max_ltv', Decimal("85")), ('max_cltv', Decimal("85"))), '85%'),
                    ((('max_ltv', Decimal("80")), ('max_cltv', Decimal("80"))), '80%'),
                    ((('max_ltv', Decimal("75")), ('max_cltv', Decimal("75"))), '75%'),
                    ((('max_ltv', Decimal("70")), ('max_cltv', Decimal("70"))), '70%'),
                ),
                (
                    ((('max_ltv', Decimal("85")), ('max_cltv', Decimal("85"))), '85%'),
                    ((('max_ltv', Decimal("80")), ('max_cltv', Decimal("80"))), '80%'),
                    ((('max_ltv', Decimal("75")), ('max_cltv', Decimal("75"))), '75%'),
                    ((('max_ltv', Decimal("65")), ('max_cltv', Decimal("65"))), '65%'),
                ),
                (
                    ((('max_ltv', Decimal("80")), ('max_cltv', Decimal("80"))), '80%'),
                    ((('max_ltv', Decimal("75")), ('max_cltv', Decimal("75"))), '75%'),
                    ((('max_ltv', Decimal("70")), ('max_cltv', Decimal("70"))), '70%'),
                    ((('max_ltv', Decimal("60")), ('max_cltv', Decimal("60"))), '60%'),
                ),
                (
                    ((('max_ltv', Decimal("75")), ('max_cltv', Decimal("75"))), '75%'),
                    ((('max_ltv', Decimal("75")), ('max_cltv', Decimal("75"))), '75%'),
                    ((('max_ltv', Decimal("65")), ('max_cltv', Decimal("65"))), '65%'),
                    (None, 'N/A'),
                ),
                (
                    ((('max_ltv', Decimal("70")), ('max_cltv', Decimal("70"))), '70%'),
                    ((('max_ltv', Decimal("65")), ('max_cltv', Decimal("65"))), '65%'),
                    (None, 'N/A'),
                    (None, 'N/A'),
                ),
            ),
        ),
        rt.MatrixMeta(
            id='primary_cash_out',
            title='Primary residence, cash-out refinance',
            citation='§2.1 Matrix C, p. 5',
            where='programs/keystone_bank_statement.guideline:46',
            when_text='Occupancy is primary and Loan purpose is cash_out',
            when_inputs=('occupancy', 'purpose'),
            axes=(
                rt.AxisMeta(
                    label='Credit score',
                    inputs=('fico',),
                    bands=(
                        (Decimal("740"), True, None, False, '740+'),
                        (Decimal("720"), True, Decimal("739"), True, '720-739'),
                        (Decimal("700"), True, Decimal("719"), True, '700-719'),
                        (Decimal("680"), True, Decimal("699"), True, '680-699'),
                        (Decimal("660"), True, Decimal("679"), True, '660-679'),
                    ),
                ),
                rt.AxisMeta(
                    label='Loan amount',
                    inputs=('loan_amount',),
                    bands=(
                        (None, False, Decimal("1000000"), True, 'up to $1,000,000'),
                        (Decimal("1000001"), True, Decimal("1500000"), True, '$1,000,001-$1,500,000'),
                        (Decimal("1500001"), True, Decimal("2000000"), True, '$1,500,001-$2,000,000'),
                        (Decimal("2000001"), True, Decimal("3000000"), True, '$2,000,001-$3,000,000'),
                    ),
                ),
            ),
            cells=(
                (
                    ((('max_ltv', Decimal("80")), ('max_cltv', Decimal("80"))), '80%'),
                    ((('max_ltv', Decimal("75")), ('max_cltv', Decimal("75"))), '75%'),
                    ((('max_ltv', Decimal("70")), ('max_cltv', Decimal("70"))), '70%'),
                    ((('max_ltv', Decimal("65")), ('max_cltv', Decimal("65"))), '65%'),
                ),
                (
                    ((('max_ltv', Decimal("80")), ('max_cltv', Decimal("80"))), '80%'),
                    ((('max_ltv', Decimal("75")), ('max_cltv', Decimal("75"))), '75%'),
                    ((('max_ltv', Decimal("70")), ('max_cltv', Decimal("70"))), '70%'),
                    ((('max_ltv', Decimal("60")), ('max_cltv', Decimal("60"))), '60%'),
                ),
                (
                    ((('max_ltv', Decimal("75")), ('max_cltv', Decimal("75"))), '75%'),
                    ((('max_ltv', Decimal("70")), ('max_cltv', Decimal("70"))), '70%'),
                    ((('max_ltv', Decimal("65")), ('max_cltv', Decimal("65"))), '65%'),
                    (None, 'N/A'),
                ),
                (
                    ((('max_ltv', Decimal("70")), ('max_cltv', Decimal("70"))), '70%'),
                    ((('max_ltv', Decimal("65")), ('max_cltv', Decimal("65"))), '65%'),
                    (None, 'N/A'),
                    (None, 'N/A'),
                ),
                (
                    ((('max_ltv', Decimal("65")), ('max_cltv', Decimal("65"))), '65%'),
                    (None, 'N/A'),
                    (None, 'N/A'),
                    (None, 'N/A'),
                ),
            ),
        ),
        rt.MatrixMeta(
            id='second_home',
            title='Second home, purchase and rate/term',
            citation='§2.2 Matrix D, p. 5',
            where='programs/keystone_bank_statement.guideline:59',
            when_text='Occupancy is second_home and Loan purpose is purchase or rate_term',
            when_inputs=('occupancy', 'purpose'),
            axes=(
                rt.AxisMeta(
                    label='Credit score',
                    inputs=('fico',),
                    bands=(
                        (Decimal("740"), True, None, False, '740+'),
                        (Decimal("720"), True, Decimal("739"), True, '720-739'),
                        (Decimal("700"), True, Decimal("719"), True, '700-719'),
                        (Decimal("680"), True, Decimal("699"), True, '680-699'),
                        (Decimal("660"), True, Decimal("679"), True, '660-679'),
                    ),
                ),
                rt.AxisMeta(
                    label='Loan amount',
                    inputs=('loan_amount',),
                    bands=(
                        (None, False, Decimal("1000000"), True, 'up to $1,000,000'),
                        (Decimal("1000001"), True, Decimal("1500000"), True, '$1,000,001-$1,500,000'),
                        (Decimal("1500001"), True, Decimal("2000000"), True, '$1,500,001-$2,000,000'),
                    ),
                ),
            ),
            cells=(
                (
                    ((('max_ltv', Decimal("85")), ('max_cltv', Decimal("85"))), '85%'),
                    ((('max_ltv', Decimal("80")), ('max_cltv', Decimal("80"))), '80%'),
                    ((('max_ltv', Decimal("75")), ('max_cltv', Decimal("75"))), '75%'),
                ),
                (
                    ((('max_ltv', Decimal("85")), ('max_cltv', Decimal("85"))), '85%'),
                    ((('max_ltv', Decimal("80")), ('max_cltv', Decimal("80"))), '80%'),
                    ((('max_ltv', Decimal("75")), ('max_cltv', Decimal("75"))), '75%'),
                ),
                (
                    ((('max_ltv', Decimal("80")), ('max_cltv', Decimal("80"))), '80%'),
                    ((('max_ltv', Decimal("75")), ('max_cltv', Decimal("75"))), '75%'),
                    ((('max_ltv', Decimal("70")), ('max_cltv', Decimal("70"))), '70%'),
                ),
                (
                    ((('max_ltv', Decimal("75")), ('max_cltv', Decimal("75"))), '75%'),
                    ((('max_ltv', Decimal("70")), ('max_cltv', Decimal("70"))), '70%'),
                    (None, 'N/A'),
                ),
                (
                    ((('max_ltv', Decimal("70")), ('max_cltv', Decimal("70"))), '70%'),
                    (None, 'N/A'),
                    (None, 'N/A'),
                ),
            ),
        ),
        rt.MatrixMeta(
            id='investment',
            title='Investment property, all purposes',
            citation='§2.3 Matrix E, p. 6',
            where='programs/keystone_bank_statement.guideline:72',
            when_text='Occupancy is investment',
            when_inputs=('occupancy',),
            axes=(
                rt.AxisMeta(
                    label='Credit score',
                    inputs=('fico',),
                    bands=(
                        (Decimal("740"), True, None, False, '740+'),
                        (Decimal("720"), True, Decimal("739"), True, '720-739'),
                        (Decimal("700"), True, Decimal("719"), True, '700-719'),
                        (Decimal("680"), True, Decimal("699"), True, '680-699'),
                        (Decimal("660"), True, Decimal("679"), True, '660-679'),
                    ),
                ),
                rt.AxisMeta(
                    label='Loan amount',
                    inputs=('loan_amount',),
                    bands=(
                        (None, False, Decimal("1000000"), True, 'up to $1,000,000'),
                        (Decimal("1000001"), True, Decimal("1500000"), True, '$1,000,001-$1,500,000'),
                        (Decimal("1500001"), True, Decimal("2000000"), True, '$1,500,001-$2,000,000'),
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
            id='non_warrantable_condo',
            title='Non-warrantable condo',
            citation='§3.1, p. 7',
            where='programs/keystone_bank_statement.guideline:87',
            when_text='Property type is condo_non_warrantable',
            when_inputs=('property_type',),
            requirements=(),
            adjustments=(
                ('reduce', 'max_ltv', Decimal("5"), 'reduce Max LTV by 5%'),
                ('reduce', 'max_cltv', Decimal("5"), 'reduce Max CLTV by 5%'),
                ('cap', 'max_ltv', Decimal("80"), 'cap Max LTV at 80%'),
                ('cap', 'max_cltv', Decimal("80"), 'cap Max CLTV at 80%'),
            ),
            conditions=(),
            reviews=(),
        ),
        rt.RuleMeta(
            id='interest_only',
            title='Interest-only',
            citation='§3.2, p. 7',
            where='programs/keystone_bank_statement.guideline:93',
            when_text='Interest-only',
            when_inputs=('interest_only',),
            requirements=(rt.RequirementMeta(text='Credit score at least 680', inputs=('fico',)),),
            adjustments=(
                ('reduce', 'max_ltv', Decimal("5"), 'reduce Max LTV by 5%'),
                ('reduce', 'max_cltv', Decimal("5"), 'reduce Max CLTV by 5%'),
            ),
            conditions=(),
            reviews=(),
        ),
        rt.RuleMeta(
            id='declining_market',
            title='Declining market',
            citation='§3.3, p. 7',
            where='programs/keystone_bank_statement.guideline:99',
            when_text='Declining market',
            when_inputs=('declining_market',),
            requirements=(),
            adjustments=(
                ('reduce', 'max_ltv', Decimal("5"), 'reduce Max LTV by 5%'),
                ('reduce', 'max_cltv', Decimal("5"), 'reduce Max CLTV by 5%'),
            ),
            conditions=(),
            reviews=(),
        ),
        rt.RuleMeta(
            id='rural',
            title='Rural property',
            citation='§3.4, p. 7',
            where='programs/keystone_bank_statement.guideline:104',
            when_text='Rural property',
            when_inputs=('rural',),
            requirements=(),
            adjustments=(
                ('cap', 'max_ltv', Decimal("75"), 'cap Max LTV at 75%'),
                ('cap', 'max_cltv', Decimal("75"), 'cap Max CLTV at 75%'),
            ),
            conditions=(),
            reviews=(),
        ),
        rt.RuleMeta(
            id='min_fico',
            title='Minimum credit score',
            citation='§4.1, p. 8',
            where='programs/keystone_bank_statement.guideline:111',
            when_text='',
            when_inputs=(),
            requirements=(rt.RequirementMeta(text='Credit score at least 660', inputs=('fico',)),),
            adjustments=(),
            conditions=(),
            reviews=(),
        ),
        rt.RuleMeta(
            id='max_dti',
            title='Maximum DTI',
            citation='Overlay bulletin 2026-03, item 2 (investor allows 50%, 55% with compensating factors)',
            where='programs/acme_bank_statement.guideline:18',
            when_text='',
            when_inputs=(),
            requirements=(rt.RequirementMeta(text='DTI at most 45%', inputs=('dti',)),),
            adjustments=(),
            conditions=(),
            reviews=(),
        ),
        rt.RuleMeta(
            id='credit_event_seasoning',
            title='Credit event seasoning',
            citation='§4.3, p. 9',
            where='programs/keystone_bank_statement.guideline:120',
            when_text='',
            when_inputs=(),
            requirements=(
                rt.RequirementMeta(
                    text='months since the latest Credit events (fc) at least 36 months',
                    inputs=('credit_events', 'application_date'),
                ),
                rt.RequirementMeta(
                    text='months since the latest Credit events (ss, dil, mod) at least 24 months',
                    inputs=('credit_events', 'application_date'),
                ),
                rt.RequirementMeta(
                    text='months since the latest Credit events (nod, dq120) at least 12 months',
                    inputs=('credit_events', 'application_date'),
                ),
                rt.RequirementMeta(
                    text='months since the latest Credit events (bk7, bk11) at least 24 months',
                    inputs=('credit_events', 'application_date'),
                ),
                rt.RequirementMeta(
                    text='months since the latest Credit events (bk13) at least 12 months',
                    inputs=('credit_events', 'application_date'),
                ),
            ),
            adjustments=(),
            conditions=(),
            reviews=(),
        ),
        rt.RuleMeta(
            id='housing_history_12_months',
            title='Housing history, 12 months',
            citation='§5.1, p. 10 (seed 002: satisfactory history for the most recent 12 months)',
            where='programs/keystone_bank_statement.guideline:132',
            when_text='not Living rent-free',
            when_inputs=('rent_free',),
            requirements=(
                rt.RequirementMeta(
                    text='Housing history documented at least 12 months',
                    inputs=('housing_history_months',),
                ),
                rt.RequirementMeta(
                    text='housing history 1x30x12 (at most 1 payment 30+ days late in the last 12 months)',
                    inputs=('housing_lates', 'application_date'),
                ),
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
            title='Forbearance',
            citation='§5.2, p. 10 (seed 002: still in forbearance is ineligible)',
            where='programs/keystone_bank_statement.guideline:139',
            when_text='',
            when_inputs=(),
            requirements=(rt.RequirementMeta(text='not In forbearance', inputs=('in_forbearance',)),),
            adjustments=(),
            conditions=(),
            reviews=(),
        ),
        rt.RuleMeta(
            id='after_forbearance',
            title='After forbearance',
            citation='§5.2, p. 10 (seed 002: two timely payments after forbearance, purchase or rate/term)',
            where='programs/keystone_bank_statement.guideline:143',
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
            title='After forbearance, cash-out',
            citation='§5.2, p. 10 (seed 002 is silent on cash-out after forbearance)',
            where='programs/keystone_bank_statement.guideline:148',
            when_text='Forbearance end is known and Loan purpose is cash_out',
            when_inputs=('forbearance_end', 'purpose'),
            requirements=(),
            adjustments=(),
            conditions=(),
            reviews=(
                'The guide does not say how a cash-out refinance after forbearance is treated; refer to the investor.',
            ),
        ),
        rt.RuleMeta(
            id='rent_free',
            title='Rent-free borrowers',
            citation='§5.3, p. 11 (seed 002: rent-free letter, 10% contribution, max 80% LTV)',
            where='programs/keystone_bank_statement.guideline:153',
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
            conditions=(('document', 'Rent-free letter'),),
            reviews=(),
        ),
        rt.RuleMeta(
            id='fthb_payment_shock',
            title='First-time home buyer payment shock',
            citation='§5.4, p. 11 (seed 002: FTHB on alternative documentation, payment shock at most 250%)',
            where='programs/keystone_bank_statement.guideline:160',
            when_text='First-time home buyer',
            when_inputs=('fthb',),
            requirements=(rt.RequirementMeta(text='Payment shock at most 250%', inputs=('payment_shock',)),),
            adjustments=(),
            conditions=(),
            reviews=(),
        ),
        rt.RuleMeta(
            id='doc_types',
            title='Documentation types',
            citation='§6.1, p. 12',
            where='programs/keystone_bank_statement.guideline:167',
            when_text='',
            when_inputs=(),
            requirements=(
                rt.RequirementMeta(
                    text='Documentation type is bank_stmt_personal_12, bank_stmt_personal_24, bank_stmt_business_12 or bank_stmt_business_24',
                    inputs=('doc_type',),
                ),
            ),
            adjustments=(),
            conditions=(),
            reviews=(),
        ),
        rt.RuleMeta(
            id='business_ownership',
            title='Business ownership',
            citation='§6.2, p. 12',
            where='programs/keystone_bank_statement.guideline:171',
            when_text='Documentation type is bank_stmt_business_12 or bank_stmt_business_24',
            when_inputs=('doc_type',),
            requirements=(rt.RequirementMeta(text='Ownership share at least 25%', inputs=('ownership_pct',)),),
            adjustments=(),
            conditions=(('document', 'CPA letter or business license confirming ownership'),),
            reviews=(),
        ),
        rt.RuleMeta(
            id='reserves',
            title='Reserves',
            citation='§6.3, p. 13',
            where='programs/keystone_bank_statement.guideline:184',
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
            citation='§7.1, p. 14',
            where='programs/keystone_bank_statement.guideline:190',
            when_text='',
            when_inputs=(),
            requirements=(
                rt.RequirementMeta(
                    text='Loan amount at least $150,000 and Loan amount at most $3,000,000',
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
            citation='§7.2, p. 14',
            where='programs/keystone_bank_statement.guideline:194',
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
            id='excluded_states',
            title='State restrictions',
            citation='§7.3, p. 14',
            where='programs/keystone_bank_statement.guideline:198',
            when_text='',
            when_inputs=(),
            requirements=(rt.RequirementMeta(text='State is not ND, SD or NV', inputs=('state',)),),
            adjustments=(),
            conditions=(),
            reviews=(),
        ),
        rt.RuleMeta(
            id='second_appraisal',
            title='Second appraisal',
            citation='§7.4, p. 15',
            where='programs/keystone_bank_statement.guideline:202',
            when_text='Loan amount more than $2,000,000',
            when_inputs=('loan_amount',),
            requirements=(),
            adjustments=(),
            conditions=(('document', 'Second full appraisal'),),
            reviews=(),
        ),
        rt.RuleMeta(
            id='condo_fico',
            title='Non-warrantable condo: minimum credit score',
            citation='Overlay bulletin 2026-03, item 1',
            where='programs/acme_bank_statement.guideline:13',
            when_text='Property type is condo_non_warrantable',
            when_inputs=('property_type',),
            requirements=(rt.RequirementMeta(text='Credit score at least 680', inputs=('fico',)),),
            adjustments=(),
            conditions=(),
            reviews=(),
        ),
        rt.RuleMeta(
            id='excluded_states_overlay',
            title='Acme state restrictions',
            citation='Overlay bulletin 2026-03, item 3',
            where='programs/acme_bank_statement.guideline:22',
            when_text='',
            when_inputs=(),
            requirements=(rt.RequirementMeta(text='State is not NY or IL', inputs=('state',)),),
            adjustments=(),
            conditions=(),
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
    selector_inputs=('occupancy', 'purpose'),
    seasoning_date='application_date',
)
