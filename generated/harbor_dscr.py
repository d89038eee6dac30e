"""Harbor Point DSCR (harbor_dscr), version 2026.2, effective 2026-02-01.

Investor: Harbor Point Capital. Source document: Harbor Point Capital, DSCR Investor Guide v2026.2.

Generated from programs/harbor_dscr.guideline (sha256 e4d0c836818267deecb1f16c9012effa19caa42647d5d714584b91b1a9a6c722); do not edit.
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
    v['property_value'] = (None if (_t23 := (None if loan.purpose is None else loan.purpose in _C0)) is None else rt.lesser(loan.purchase_price, loan.appraised_value) if _t23 else loan.appraised_value)
    # LTV, rounded up to 2 decimals (programs/loan.fields:274)
    v['ltv'] = rt.div_round((None if loan.loan_amount is None else Decimal(loan.loan_amount).scaleb(2)), v['property_value'], 2, 'up')
    # CLTV, rounded up to 2 decimals (programs/loan.fields:278)
    v['cltv'] = rt.div_round(rt.scale((None if loan.loan_amount is None or loan.subordinate_liens is None else loan.loan_amount + loan.subordinate_liens), 2), v['property_value'], 2, 'up')
    # DSCR, rounded down to 3 decimals (programs/loan.fields:296)
    v['dscr'] = rt.div_round(rt.lesser(rt.default(loan.lease_rent, loan.market_rent), loan.market_rent), loan.pitia, 3, 'down')
    # Reserves, rounded down to 2 decimals (programs/loan.fields:300)
    v['reserves_months'] = rt.div_round(loan.liquid_assets, loan.pitia, 2, 'down')
    # Required reserves (programs/harbor_dscr.guideline:156; §7.1, p. 12)
    v['required_reserves'] = (None if loan.loan_amount is None else _D6 if loan.loan_amount <= _D1000000 else _D9 if _D1000001 <= loan.loan_amount <= _D2000000 else _D12 if loan.loan_amount >= _D2000001 else None)
    if not every:
        return v
    # Eligible deposits (programs/loan.fields:282)
    v['eligible_deposits'] = rt.sub((None if loan.total_deposits is None or loan.excluded_transfers is None else loan.total_deposits - loan.excluded_transfers), loan.excluded_nonrecurring)
    # Qualifying monthly income, rounded down to 2 decimals (programs/loan.fields:285)
    v['qualifying_income'] = (None if (_t24 := (None if loan.doc_type is None else loan.doc_type in _C40)) is None else rt.div_round(v['eligible_deposits'], loan.statement_months, 2, 'down') if _t24 else (None if (_t25 := (None if loan.doc_type is None else loan.doc_type in _C41)) is None else rt.div_round(rt.mul(rt.mul(v['eligible_deposits'], rt.scale(rt.sub(_D100, rt.default(loan.cpa_expense_ratio, _D50)), -2)), (None if loan.ownership_pct is None else Decimal(loan.ownership_pct).scaleb(-2))), loan.statement_months, 2, 'down') if _t25 else rt.quantize(loan.monthly_income, 2, 'down')))
    # DTI, rounded up to 2 decimals (programs/loan.fields:292)
    v['dti'] = rt.div_round(rt.scale((None if loan.pitia is None or loan.monthly_debts is None else loan.pitia + loan.monthly_debts), 2), v['qualifying_income'], 2, 'up')
    # Payment shock, rounded up to 2 decimals (programs/loan.fields:304)
    v['payment_shock'] = rt.div_round((None if loan.pitia is None else Decimal(loan.pitia).scaleb(2)), loan.current_housing_payment, 2, 'up')
    return v


def matrix_purchase(loan: Loan, v: dict[str, Any]) -> tuple[bool | None, tuple[Any, ...]]:
    """Purchase, DSCR 1.000+: whether it applies and the loan's row and column keys.

    Citation: §3.1 Matrix A, p. 5. Source: programs/harbor_dscr.guideline:17. Cells: META.matrices[0].
    """
    return (False if (_t26 := (None if loan.purpose is None else loan.purpose in _C0)) is False or (_t27 := (None if v['dscr'] is None else v['dscr'] >= _D1)) is False else None if _t26 is None or _t27 is None else True), (loan.fico, loan.loan_amount)


def matrix_rate_term(loan: Loan, v: dict[str, Any]) -> tuple[bool | None, tuple[Any, ...]]:
    """Rate/term refinance, DSCR 1.000+: whether it applies and the loan's row and column keys.

    Citation: §3.1 Matrix B, p. 5. Source: programs/harbor_dscr.guideline:30. Cells: META.matrices[1].
    """
    return (False if (_t28 := (None if loan.purpose is None else loan.purpose in _C14)) is False or (_t29 := (None if v['dscr'] is None else v['dscr'] >= _D1)) is False else None if _t28 is None or _t29 is None else True), (loan.fico, loan.loan_amount)


def matrix_cash_out(loan: Loan, v: dict[str, Any]) -> tuple[bool | None, tuple[Any, ...]]:
    """Cash-out refinance, DSCR 1.000+: whether it applies and the loan's row and column keys.

    Citation: §3.1 Matrix C, p. 6. Source: programs/harbor_dscr.guideline:43. Cells: META.matrices[2].
    """
    return (False if (_t30 := (None if loan.purpose is None else loan.purpose in _C16)) is False or (_t31 := (None if v['dscr'] is None else v['dscr'] >= _D1)) is False else None if _t30 is None or _t31 is None else True), (loan.fico, loan.loan_amount)


def matrix_no_ratio(loan: Loan, v: dict[str, Any]) -> tuple[bool | None, tuple[Any, ...]]:
    """DSCR below 1.000 (all purposes): whether it applies and the loan's row and column keys.

    Citation: §3.2 Matrix D, p. 6. Source: programs/harbor_dscr.guideline:56. Cells: META.matrices[3].
    """
    return (None if v['dscr'] is None else v['dscr'] < _D1), (loan.fico, v['dscr'])


def rule_cash_out_no_ratio(loan: Loan, v: dict[str, Any]) -> Result:
    """Cash-out below DSCR 1.000.

    Citation: §4.1, p. 7. Source: programs/harbor_dscr.guideline:70.
    """
    # programs/harbor_dscr.guideline:70: applies when Loan purpose is cash_out and DSCR less than 1
    applies = (False if (_t32 := (None if loan.purpose is None else loan.purpose in _C16)) is False or (_t33 := (None if v['dscr'] is None else v['dscr'] < _D1)) is False else None if _t32 is None or _t33 is None else True)
    return applies, ()


def rule_interest_only(loan: Loan, v: dict[str, Any]) -> Result:
    """Interest-only.

    Citation: §4.2, p. 7. Source: programs/harbor_dscr.guideline:75.
    """
    # programs/harbor_dscr.guideline:75: applies when Interest-only
    applies = loan.interest_only
    return applies, (
        # Credit score at least 700 (programs/harbor_dscr.guideline:78)
        (None if loan.fico is None else loan.fico >= 700),
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
    applies = (None if loan.property_type is None else loan.property_type in _C20)
    return applies, ()


def rule_five_to_ten_units(loan: Loan, v: dict[str, Any]) -> Result:
    """5-10 unit properties.

    Citation: §4.5, p. 8. Source: programs/harbor_dscr.guideline:93.
    """
    # programs/harbor_dscr.guideline:93: applies when Property type is five_to_ten_unit
    applies = (None if loan.property_type is None else loan.property_type in _C21)
    return applies, (
        # Credit score at least 700 (programs/harbor_dscr.guideline:96)
        (None if loan.fico is None else loan.fico >= 700),
    )


def rule_declining_market(loan: Loan, v: dict[str, Any]) -> Result:
    """Declining market.

    Citation: §4.6, p. 8. Source: programs/harbor_dscr.guideline:100.
    """
    # programs/harbor_dscr.guideline:100: applies when Declining market
    applies = loan.declining_market
    return applies, ()


def rule_min_dscr(loan: Loan, v: dict[str, Any]) -> Result:
    """Minimum DSCR.

    Citation: §5.1, p. 9 (seed 001: DSCR = gross monthly rent / PITIA). Source: programs/harbor_dscr.guideline:107.
    """
    # programs/harbor_dscr.guideline:107
    applies = True
    return applies, (
        # DSCR at least 0.750 or Credit score at least 720 (programs/harbor_dscr.guideline:109)
        (True if (_t34 := (None if v['dscr'] is None else v['dscr'] >= _D0_750)) is True or (_t35 := (None if loan.fico is None else loan.fico >= 720)) is True else None if _t34 is None or _t35 is None else False),
    )


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

    Citation: §6.1, p. 10 (seed 001: no personal income or employment documents). Source: programs/harbor_dscr.guideline:123.
    """
    # programs/harbor_dscr.guideline:123
    applies = True
    return applies, (
        # Occupancy is investment (programs/harbor_dscr.guideline:125)
        (None if loan.occupancy is None else loan.occupancy in _C24),
        # Documentation type is dscr (programs/harbor_dscr.guideline:126)
        (None if loan.doc_type is None else loan.doc_type in _C25),
    )


def rule_min_fico(loan: Loan, v: dict[str, Any]) -> Result:
    """Minimum credit score.

    Citation: §6.2, p. 10. Source: programs/harbor_dscr.guideline:128.
    """
    # programs/harbor_dscr.guideline:128
    applies = True
    return applies, (
        # Credit score at least 660 (programs/harbor_dscr.guideline:130)
        (None if loan.fico is None else loan.fico >= 660),
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
        (None if loan.citizenship is None else loan.citizenship in _C26),
    )


def rule_credit_event_seasoning(loan: Loan, v: dict[str, Any]) -> Result:
    """Credit event seasoning.

    Citation: §6.5, p. 11. Source: programs/harbor_dscr.guideline:140.
    """
    # programs/harbor_dscr.guideline:140
    applies = True
    return applies, (
        # months since the latest Credit events (fc, ss, dil) at least 36 months (programs/harbor_dscr.guideline:144)
        rt.ge(rt.months_since_latest(loan.credit_events, 'kind', 'completed_on', _C27, loan.application_date), _D36),
        # months since the latest Credit events (mod, nod, dq120) at least 24 months (programs/harbor_dscr.guideline:145)
        rt.ge(rt.months_since_latest(loan.credit_events, 'kind', 'completed_on', _C29, loan.application_date), _D24),
        # months since the latest Credit events (bk7, bk11) at least 36 months (programs/harbor_dscr.guideline:146)
        rt.ge(rt.months_since_latest(loan.credit_events, 'kind', 'completed_on', _C31, loan.application_date), _D36),
        # months since the latest Credit events (bk13) at least 24 months (programs/harbor_dscr.guideline:147)
        rt.ge(rt.months_since_latest(loan.credit_events, 'kind', 'completed_on', _C32, loan.application_date), _D24),
    )


def rule_housing_history(loan: Loan, v: dict[str, Any]) -> Result:
    """Mortgage history.

    Citation: §6.6, p. 11. Source: programs/harbor_dscr.guideline:149.
    """
    # programs/harbor_dscr.guideline:149
    applies = True
    return applies, (
        # housing history 1x30x12 (at most 1 payment 30+ days late in the last 12 months) (programs/harbor_dscr.guideline:151)
        rt.le(rt.count_lates(loan.housing_lates, 'days_late', 'due_on', 30, 12, loan.application_date), _D1),
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
        (None if v['reserves_months'] is None or v['required_reserves'] is None else v['reserves_months'] >= v['required_reserves']),
    )


def rule_loan_amount_range(loan: Loan, v: dict[str, Any]) -> Result:
    """Loan amount.

    Citation: §7.2, p. 12. Source: programs/harbor_dscr.guideline:167.
    """
    # programs/harbor_dscr.guideline:167
    applies = True
    return applies, (
        # Loan amount at least $100,000 and Loan amount at most $3,000,000 (programs/harbor_dscr.guideline:169)
        (False if (_t36 := (None if loan.loan_amount is None else loan.loan_amount >= _D100000)) is False or (_t37 := (None if loan.loan_amount is None else loan.loan_amount <= _D3000000)) is False else None if _t36 is None or _t37 is None else True),
    )


def rule_property_types(loan: Loan, v: dict[str, Any]) -> Result:
    """Property types.

    Citation: §7.3, p. 12. Source: programs/harbor_dscr.guideline:171.
    """
    # programs/harbor_dscr.guideline:171
    applies = True
    return applies, (
        # Property type is sfr, pud, townhome, condo_warrantable, condo_non_warrantable, two_to_four_unit or five_to_ten_unit (programs/harbor_dscr.guideline:173)
        (None if loan.property_type is None else loan.property_type in _C34),
    )


def rule_excluded_states(loan: Loan, v: dict[str, Any]) -> Result:
    """State restrictions.

    Citation: §7.4, p. 13. Source: programs/harbor_dscr.guideline:175.
    """
    # programs/harbor_dscr.guideline:175
    applies = True
    return applies, (
        # State is not WV, ND or SD (programs/harbor_dscr.guideline:177)
        (None if loan.state is None else loan.state not in _C35),
    )


def rule_prepayment_penalty(loan: Loan, v: dict[str, Any]) -> Result:
    """Prepayment penalty: restricted states.

    Citation: §7.5, p. 13 (state list illustrative). Source: programs/harbor_dscr.guideline:179.
    """
    # programs/harbor_dscr.guideline:179: applies when State is AK, KS, MI, MN, NM, RI or VT
    applies = (None if loan.state is None else loan.state in _C36)
    return applies, (
        # Prepayment penalty term equal to 0 months (programs/harbor_dscr.guideline:183)
        (None if loan.prepayment_penalty_months is None else loan.prepayment_penalty_months == 0),
    )


def facts(loan: Loan) -> rt.Facts:
    """Everything the program's rules establish about a loan, before the decision is assembled."""
    v = values(loan)
    f = rt.Facts(loan, v)
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
    """Decide a loan under Harbor Point DSCR 2026.2: status, findings, conditions, values, limits."""
    return rt.decide(META, facts(loan))


def check_fast(loan: Loan) -> rt.Verdict:
    """The same decision without its wording: status, limits with their binding rules, failing rule ids.

    `rt.verdict` unrolled for this program: derived values as locals, matrix bands as `if` chains, each rule's
    outcome inline, each limit's arithmetic written out. A rule's requirements are computed only when it may apply.
    """
    # Property value (programs/loan.fields:271)
    v_property_value = (None if (_t0 := (None if loan.purpose is None else loan.purpose in _C0)) is None else rt.lesser(loan.purchase_price, loan.appraised_value) if _t0 else loan.appraised_value)
    # LTV, rounded up to 2 decimals (programs/loan.fields:274)
    v_ltv = rt.div_round((None if loan.loan_amount is None else Decimal(loan.loan_amount).scaleb(2)), v_property_value, 2, 'up')
    # CLTV, rounded up to 2 decimals (programs/loan.fields:278)
    v_cltv = rt.div_round(rt.scale((None if loan.loan_amount is None or loan.subordinate_liens is None else loan.loan_amount + loan.subordinate_liens), 2), v_property_value, 2, 'up')
    # DSCR, rounded down to 3 decimals (programs/loan.fields:296)
    v_dscr = rt.div_round(rt.lesser(rt.default(loan.lease_rent, loan.market_rent), loan.market_rent), loan.pitia, 3, 'down')
    # Reserves, rounded down to 2 decimals (programs/loan.fields:300)
    v_reserves_months = rt.div_round(loan.liquid_assets, loan.pitia, 2, 'down')
    # Required reserves (programs/harbor_dscr.guideline:156; §7.1, p. 12)
    v_required_reserves = (None if loan.loan_amount is None else _D6 if loan.loan_amount <= _D1000000 else _D9 if _D1000001 <= loan.loan_amount <= _D2000000 else _D12 if loan.loan_amount >= _D2000001 else None)
    failed: list[str] = []
    unresolved: list[str] = []
    applies: bool | None
    ok: bool | None
    base_max_ltv: Decimal | None = None  # the lowest cell for max_ltv so far
    base_max_ltv_by = ''
    base_max_cltv: Decimal | None = None  # the lowest cell for max_cltv so far
    base_max_cltv_by = ''
    covered: bool | None = False  # whether some matrix applies
    # matrix purchase: Purchase, DSCR 1.000+ (programs/harbor_dscr.guideline:17; §3.1 Matrix A, p. 5); cells in _CELLS_purchase
    applies = (False if (_t1 := (None if loan.purpose is None else loan.purpose in _C0)) is False or (_t2 := (None if v_dscr is None else v_dscr >= _D1)) is False else None if _t1 is None or _t2 is None else True)
    if applies is None:
        unresolved.append('purchase')
        if covered is False:
            covered = None
    elif applies:
        covered = True
        if loan.fico is None:
            unresolved.append('purchase')
        elif (row := (0 if loan.fico >= 740 else 1 if 720 <= loan.fico <= 739 else 2 if 700 <= loan.fico <= 719 else 3 if 680 <= loan.fico <= 699 else 4 if 660 <= loan.fico <= 679 else -1)) < 0:  # fico: 740+, 720-739, 700-719, 680-699, 660-679
            failed.append('purchase')
        elif loan.loan_amount is None:
            unresolved.append('purchase')
        elif (col := (0 if loan.loan_amount <= _D1000000 else 1 if _D1000001 <= loan.loan_amount <= _D1500000 else 2 if _D1500001 <= loan.loan_amount <= _D2000000 else 3 if _D2000001 <= loan.loan_amount <= _D3000000 else -1)) < 0:  # loan_amount: up to $1,000,000, $1,000,001-$1,500,000, $1,500,001-$2,000,000, $2,000,001-$3,000,000
            failed.append('purchase')
        elif (cell := _CELLS_purchase[row][col]) is None:
            failed.append('purchase')  # N/A
        else:
            if (given := cell[0]) is not None and (base_max_ltv is None or given < base_max_ltv):
                base_max_ltv, base_max_ltv_by = given, 'purchase'
            if (given := cell[1]) is not None and (base_max_cltv is None or given < base_max_cltv):
                base_max_cltv, base_max_cltv_by = given, 'purchase'
    # matrix rate_term: Rate/term refinance, DSCR 1.000+ (programs/harbor_dscr.guideline:30; §3.1 Matrix B, p. 5); cells in _CELLS_rate_term
    applies = (False if (_t3 := (None if loan.purpose is None else loan.purpose in _C14)) is False or (_t4 := (None if v_dscr is None else v_dscr >= _D1)) is False else None if _t3 is None or _t4 is None else True)
    if applies is None:
        unresolved.append('rate_term')
        if covered is False:
            covered = None
    elif applies:
        covered = True
        if loan.fico is None:
            unresolved.append('rate_term')
        elif (row := (0 if loan.fico >= 740 else 1 if 720 <= loan.fico <= 739 else 2 if 700 <= loan.fico <= 719 else 3 if 680 <= loan.fico <= 699 else 4 if 660 <= loan.fico <= 679 else -1)) < 0:  # fico: 740+, 720-739, 700-719, 680-699, 660-679
            failed.append('rate_term')
        elif loan.loan_amount is None:
            unresolved.append('rate_term')
        elif (col := (0 if loan.loan_amount <= _D1000000 else 1 if _D1000001 <= loan.loan_amount <= _D1500000 else 2 if _D1500001 <= loan.loan_amount <= _D2000000 else 3 if _D2000001 <= loan.loan_amount <= _D3000000 else -1)) < 0:  # loan_amount: up to $1,000,000, $1,000,001-$1,500,000, $1,500,001-$2,000,000, $2,000,001-$3,000,000
            failed.append('rate_term')
        elif (cell := _CELLS_rate_term[row][col]) is None:
            failed.append('rate_term')  # N/A
        else:
            if (given := cell[0]) is not None and (base_max_ltv is None or given < base_max_ltv):
                base_max_ltv, base_max_ltv_by = given, 'rate_term'
            if (given := cell[1]) is not None and (base_max_cltv is None or given < base_max_cltv):
                base_max_cltv, base_max_cltv_by = given, 'rate_term'
    # matrix cash_out: Cash-out refinance, DSCR 1.000+ (programs/harbor_dscr.guideline:43; §3.1 Matrix C, p. 6); cells in _CELLS_cash_out
    applies = (False if (_t5 := (None if loan.purpose is None else loan.purpose in _C16)) is False or (_t6 := (None if v_dscr is None else v_dscr >= _D1)) is False else None if _t5 is None or _t6 is None else True)
    if applies is None:
        unresolved.append('cash_out')
        if covered is False:
            covered = None
    elif applies:
        covered = True
        if loan.fico is None:
            unresolved.append('cash_out')
        elif (row := (0 if loan.fico >= 740 else 1 if 720 <= loan.fico <= 739 else 2 if 700 <= loan.fico <= 719 else 3 if 680 <= loan.fico <= 699 else 4 if 660 <= loan.fico <= 679 else -1)) < 0:  # fico: 740+, 720-739, 700-719, 680-699, 660-679
            failed.append('cash_out')
        elif loan.loan_amount is None:
            unresolved.append('cash_out')
        elif (col := (0 if loan.loan_amount <= _D1000000 else 1 if _D1000001 <= loan.loan_amount <= _D1500000 else 2 if _D1500001 <= loan.loan_amount <= _D2000000 else 3 if _D2000001 <= loan.loan_amount <= _D3000000 else -1)) < 0:  # loan_amount: up to $1,000,000, $1,000,001-$1,500,000, $1,500,001-$2,000,000, $2,000,001-$3,000,000
            failed.append('cash_out')
        elif (cell := _CELLS_cash_out[row][col]) is None:
            failed.append('cash_out')  # N/A
        else:
            if (given := cell[0]) is not None and (base_max_ltv is None or given < base_max_ltv):
                base_max_ltv, base_max_ltv_by = given, 'cash_out'
            if (given := cell[1]) is not None and (base_max_cltv is None or given < base_max_cltv):
                base_max_cltv, base_max_cltv_by = given, 'cash_out'
    # matrix no_ratio: DSCR below 1.000 (all purposes) (programs/harbor_dscr.guideline:56; §3.2 Matrix D, p. 6); cells in _CELLS_no_ratio
    applies = (None if v_dscr is None else v_dscr < _D1)
    if applies is None:
        unresolved.append('no_ratio')
        if covered is False:
            covered = None
    elif applies:
        covered = True
        if loan.fico is None:
            unresolved.append('no_ratio')
        elif (row := (0 if loan.fico >= 740 else 1 if 720 <= loan.fico <= 739 else 2 if 700 <= loan.fico <= 719 else 3 if 660 <= loan.fico <= 699 else -1)) < 0:  # fico: 740+, 720-739, 700-719, 660-699
            failed.append('no_ratio')
        elif v_dscr is None:
            unresolved.append('no_ratio')
        elif (col := (0 if v_dscr < _D0_750 else 1 if _D0_750 <= v_dscr <= _D0_999 else -1)) < 0:  # dscr: under 0.750, 0.750-0.999
            failed.append('no_ratio')
        elif (cell := _CELLS_no_ratio[row][col]) is None:
            failed.append('no_ratio')  # N/A
        else:
            if (given := cell[0]) is not None and (base_max_ltv is None or given < base_max_ltv):
                base_max_ltv, base_max_ltv_by = given, 'no_ratio'
            if (given := cell[1]) is not None and (base_max_cltv is None or given < base_max_cltv):
                base_max_cltv, base_max_cltv_by = given, 'no_ratio'
    if covered is False:
        failed.append("eligibility_matrix")
    # rule cash_out_no_ratio: Cash-out below DSCR 1.000 (programs/harbor_dscr.guideline:70; §4.1, p. 7)
    a_cash_out_no_ratio = (False if (_t7 := (None if loan.purpose is None else loan.purpose in _C16)) is False or (_t8 := (None if v_dscr is None else v_dscr < _D1)) is False else None if _t7 is None or _t8 is None else True)
    if a_cash_out_no_ratio is None:
        unresolved.append('cash_out_no_ratio')
    # rule interest_only: Interest-only (programs/harbor_dscr.guideline:75; §4.2, p. 7)
    a_interest_only = loan.interest_only
    if a_interest_only is not False:
        ok = (None if loan.fico is None else loan.fico >= 700)
        if a_interest_only is None:  # may apply: missing unless every requirement is met
            if ok is not True:
                unresolved.append('interest_only')
        else:
            if ok is False:
                failed.append('interest_only')
            elif ok is None:
                unresolved.append('interest_only')
    # rule first_time_investor: First-time investor (programs/harbor_dscr.guideline:81; §4.3, p. 7)
    a_first_time_investor = loan.first_time_investor
    if a_first_time_investor is not False:
        ok = (False if (_t9 := (None if v_dscr is None else v_dscr >= _D1)) is False or (_t10 := (None if v_reserves_months is None else v_reserves_months >= _D12)) is False else None if _t9 is None or _t10 is None else True)
        if a_first_time_investor is None:  # may apply: missing unless every requirement is met
            if ok is not True:
                unresolved.append('first_time_investor')
        else:
            if ok is False:
                failed.append('first_time_investor')
            elif ok is None:
                unresolved.append('first_time_investor')
    # rule non_warrantable_condo: Non-warrantable condo (programs/harbor_dscr.guideline:88; §4.4, p. 8)
    a_non_warrantable_condo = (None if loan.property_type is None else loan.property_type in _C20)
    if a_non_warrantable_condo is None:
        unresolved.append('non_warrantable_condo')
    # rule five_to_ten_units: 5-10 unit properties (programs/harbor_dscr.guideline:93; §4.5, p. 8)
    a_five_to_ten_units = (None if loan.property_type is None else loan.property_type in _C21)
    if a_five_to_ten_units is not False:
        ok = (None if loan.fico is None else loan.fico >= 700)
        if a_five_to_ten_units is None:  # may apply: missing unless every requirement is met
            if ok is not True:
                unresolved.append('five_to_ten_units')
        else:
            if ok is False:
                failed.append('five_to_ten_units')
            elif ok is None:
                unresolved.append('five_to_ten_units')
    # rule declining_market: Declining market (programs/harbor_dscr.guideline:100; §4.6, p. 8)
    a_declining_market = loan.declining_market
    if a_declining_market is None:
        unresolved.append('declining_market')
    # rule min_dscr: Minimum DSCR (programs/harbor_dscr.guideline:107; §5.1, p. 9 (seed 001: DSCR = gross monthly rent / PITIA))
    ok = (True if (_t11 := (None if v_dscr is None else v_dscr >= _D0_750)) is True or (_t12 := (None if loan.fico is None else loan.fico >= 720)) is True else None if _t11 is None or _t12 is None else False)
    if ok is False:
        failed.append('min_dscr')
    elif ok is None:
        unresolved.append('min_dscr')
    # rule short_term_rental: Short-term rental (programs/harbor_dscr.guideline:111; §5.2, p. 9)
    applies = loan.short_term_rental
    if applies is not False:
        ok = (None if v_dscr is None else v_dscr >= _D1_150)
        if applies is None:  # may apply: missing unless every requirement is met
            if ok is not True:
                unresolved.append('short_term_rental')
        else:
            if ok is False:
                failed.append('short_term_rental')
            elif ok is None:
                unresolved.append('short_term_rental')
    # rule small_loan_no_ratio: Minimum loan below DSCR 1.000 (programs/harbor_dscr.guideline:116; §5.3, p. 9)
    applies = (None if v_dscr is None else v_dscr < _D1)
    if applies is not False:
        ok = (None if loan.loan_amount is None else loan.loan_amount >= _D175000)
        if applies is None:  # may apply: missing unless every requirement is met
            if ok is not True:
                unresolved.append('small_loan_no_ratio')
        else:
            if ok is False:
                failed.append('small_loan_no_ratio')
            elif ok is None:
                unresolved.append('small_loan_no_ratio')
    # rule investment_only: Business-purpose investment loans only (programs/harbor_dscr.guideline:123; §6.1, p. 10 (seed 001: no personal income or employment documents))
    ok = (False if (_t13 := (None if loan.occupancy is None else loan.occupancy in _C24)) is False or (_t14 := (None if loan.doc_type is None else loan.doc_type in _C25)) is False else None if _t13 is None or _t14 is None else True)
    if ok is False:
        failed.append('investment_only')
    elif ok is None:
        unresolved.append('investment_only')
    # rule min_fico: Minimum credit score (programs/harbor_dscr.guideline:128; §6.2, p. 10)
    ok = (None if loan.fico is None else loan.fico >= 660)
    if ok is False:
        failed.append('min_fico')
    elif ok is None:
        unresolved.append('min_fico')
    # rule not_fthb: First-time home buyers (programs/harbor_dscr.guideline:132; §6.3, p. 10)
    ok = (None if loan.fthb is None else not loan.fthb)
    if ok is False:
        failed.append('not_fthb')
    elif ok is None:
        unresolved.append('not_fthb')
    # rule foreign_nationals: Residency (programs/harbor_dscr.guideline:136; §6.4, p. 10)
    ok = (None if loan.citizenship is None else loan.citizenship in _C26)
    if ok is False:
        failed.append('foreign_nationals')
    elif ok is None:
        unresolved.append('foreign_nationals')
    # rule credit_event_seasoning: Credit event seasoning (programs/harbor_dscr.guideline:140; §6.5, p. 11)
    ok = (False if (_t15 := rt.ge(rt.months_since_latest(loan.credit_events, 'kind', 'completed_on', _C27, loan.application_date), _D36)) is False or (_t16 := rt.ge(rt.months_since_latest(loan.credit_events, 'kind', 'completed_on', _C29, loan.application_date), _D24)) is False or (_t17 := rt.ge(rt.months_since_latest(loan.credit_events, 'kind', 'completed_on', _C31, loan.application_date), _D36)) is False or (_t18 := rt.ge(rt.months_since_latest(loan.credit_events, 'kind', 'completed_on', _C32, loan.application_date), _D24)) is False else None if _t15 is None or _t16 is None or _t17 is None or _t18 is None else True)
    if ok is False:
        failed.append('credit_event_seasoning')
    elif ok is None:
        unresolved.append('credit_event_seasoning')
    # rule housing_history: Mortgage history (programs/harbor_dscr.guideline:149; §6.6, p. 11)
    ok = (False if (_t19 := rt.le(rt.count_lates(loan.housing_lates, 'days_late', 'due_on', 30, 12, loan.application_date), _D1)) is False or (_t20 := (None if loan.in_forbearance is None else not loan.in_forbearance)) is False else None if _t19 is None or _t20 is None else True)
    if ok is False:
        failed.append('housing_history')
    elif ok is None:
        unresolved.append('housing_history')
    # rule reserves: Reserves (programs/harbor_dscr.guideline:163; §7.1, p. 12)
    ok = (None if v_reserves_months is None or v_required_reserves is None else v_reserves_months >= v_required_reserves)
    if ok is False:
        failed.append('reserves')
    elif ok is None:
        unresolved.append('reserves')
    # rule loan_amount_range: Loan amount (programs/harbor_dscr.guideline:167; §7.2, p. 12)
    ok = (False if (_t21 := (None if loan.loan_amount is None else loan.loan_amount >= _D100000)) is False or (_t22 := (None if loan.loan_amount is None else loan.loan_amount <= _D3000000)) is False else None if _t21 is None or _t22 is None else True)
    if ok is False:
        failed.append('loan_amount_range')
    elif ok is None:
        unresolved.append('loan_amount_range')
    # rule property_types: Property types (programs/harbor_dscr.guideline:171; §7.3, p. 12)
    ok = (None if loan.property_type is None else loan.property_type in _C34)
    if ok is False:
        failed.append('property_types')
    elif ok is None:
        unresolved.append('property_types')
    # rule excluded_states: State restrictions (programs/harbor_dscr.guideline:175; §7.4, p. 13)
    ok = (None if loan.state is None else loan.state not in _C35)
    if ok is False:
        failed.append('excluded_states')
    elif ok is None:
        unresolved.append('excluded_states')
    # rule prepayment_penalty: Prepayment penalty: restricted states (programs/harbor_dscr.guideline:179; §7.5, p. 13 (state list illustrative))
    applies = (None if loan.state is None else loan.state in _C36)
    if applies is not False:
        ok = (None if loan.prepayment_penalty_months is None else loan.prepayment_penalty_months == 0)
        if applies is None:  # may apply: missing unless every requirement is met
            if ok is not True:
                unresolved.append('prepayment_penalty')
        else:
            if ok is False:
                failed.append('prepayment_penalty')
            elif ok is None:
                unresolved.append('prepayment_penalty')
    best: Decimal | None
    sure: Decimal | None
    # limit max_ltv: Max LTV (programs/loan.fields:309): the lowest cell, each reduction (lowest wins) and cap that may apply; `sure`: only those that surely apply
    best = sure = base_max_ltv
    best_by = base_max_ltv_by
    if base_max_ltv is not None:
        low = low_sure = base_max_ltv
        if a_cash_out_no_ratio is not False:  # cash_out_no_ratio (programs/harbor_dscr.guideline:70): reduce by 5%
            if (less := base_max_ltv - _D5) < low:
                low, best_by = less, 'cash_out_no_ratio'
            if a_cash_out_no_ratio is True and less < low_sure:
                low_sure = less
        if a_interest_only is not False:  # interest_only (programs/harbor_dscr.guideline:75): reduce by 5%
            if (less := base_max_ltv - _D5) < low:
                low, best_by = less, 'interest_only'
            if a_interest_only is True and less < low_sure:
                low_sure = less
        if a_declining_market is not False:  # declining_market (programs/harbor_dscr.guideline:100): reduce by 5%
            if (less := base_max_ltv - _D5) < low:
                low, best_by = less, 'declining_market'
            if a_declining_market is True and less < low_sure:
                low_sure = less
        best, sure = low, low_sure
    if a_first_time_investor is not False:  # first_time_investor (programs/harbor_dscr.guideline:81): cap at 75%
        if best is None or best > _D75:
            best, best_by = _D75, 'first_time_investor'
        if a_first_time_investor is True and (sure is None or sure > _D75):
            sure = _D75
    if a_non_warrantable_condo is not False:  # non_warrantable_condo (programs/harbor_dscr.guideline:88): cap at 70%
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
            unresolved.append('max_ltv')
        elif v_ltv > best:
            (unresolved if sure is None or v_ltv <= sure else failed).append('max_ltv')
    # limit max_cltv: Max CLTV (programs/loan.fields:310): the lowest cell, each reduction (lowest wins) and cap that may apply; `sure`: only those that surely apply
    best = sure = base_max_cltv
    best_by = base_max_cltv_by
    if base_max_cltv is not None:
        low = low_sure = base_max_cltv
        if a_cash_out_no_ratio is not False:  # cash_out_no_ratio (programs/harbor_dscr.guideline:70): reduce by 5%
            if (less := base_max_cltv - _D5) < low:
                low, best_by = less, 'cash_out_no_ratio'
            if a_cash_out_no_ratio is True and less < low_sure:
                low_sure = less
        if a_interest_only is not False:  # interest_only (programs/harbor_dscr.guideline:75): reduce by 5%
            if (less := base_max_cltv - _D5) < low:
                low, best_by = less, 'interest_only'
            if a_interest_only is True and less < low_sure:
                low_sure = less
        if a_declining_market is not False:  # declining_market (programs/harbor_dscr.guideline:100): reduce by 5%
            if (less := base_max_cltv - _D5) < low:
                low, best_by = less, 'declining_market'
            if a_declining_market is True and less < low_sure:
                low_sure = less
        best, sure = low, low_sure
    if a_first_time_investor is not False:  # first_time_investor (programs/harbor_dscr.guideline:81): cap at 75%
        if best is None or best > _D75:
            best, best_by = _D75, 'first_time_investor'
        if a_first_time_investor is True and (sure is None or sure > _D75):
            sure = _D75
    if a_non_warrantable_condo is not False:  # non_warrantable_condo (programs/harbor_dscr.guideline:88): cap at 70%
        if best is None or best > _D70:
            best, best_by = _D70, 'non_warrantable_condo'
        if a_non_warrantable_condo is True and (sure is None or sure > _D70):
            sure = _D70
    if a_five_to_ten_units is not False:  # five_to_ten_units (programs/harbor_dscr.guideline:93): cap at 70%
        if best is None or best > _D70:
            best, best_by = _D70, 'five_to_ten_units'
        if a_five_to_ten_units is True and (sure is None or sure > _D70):
            sure = _D70
    lim_max_cltv, lim_max_cltv_by = best, None if best is None else best_by
    if best is not None:
        if v_cltv is None:
            unresolved.append('max_cltv')
        elif v_cltv > best:
            (unresolved if sure is None or v_cltv <= sure else failed).append('max_cltv')
    # limit max_loan_amount: Max loan amount (programs/loan.fields:311): the lowest cell, each reduction (lowest wins) and cap that may apply; `sure`: only those that surely apply
    best = sure = None
    best_by = ''
    if a_five_to_ten_units is not False:  # five_to_ten_units (programs/harbor_dscr.guideline:93): cap at $2,000,000
        if best is None or best > _D2000000:
            best, best_by = _D2000000, 'five_to_ten_units'
        if a_five_to_ten_units is True and (sure is None or sure > _D2000000):
            sure = _D2000000
    lim_max_loan_amount, lim_max_loan_amount_by = best, None if best is None else best_by
    if best is not None:
        if loan.loan_amount is None:
            unresolved.append('max_loan_amount')
        elif loan.loan_amount > best:
            (unresolved if sure is None or loan.loan_amount <= sure else failed).append('max_loan_amount')
    status: rt.Status = "ineligible" if failed else "needs_info" if unresolved else "eligible"
    return rt.Verdict(status, (('max_ltv', lim_max_ltv, lim_max_ltv_by), ('max_cltv', lim_max_cltv, lim_max_cltv_by), ('max_loan_amount', lim_max_loan_amount, lim_max_loan_amount_by)), tuple(failed), tuple(unresolved))


# Constants the rules use, built once at import.
_C0 = frozenset({'purchase'})
_D6 = Decimal("6")
_D1000000 = Decimal("1000000")
_D9 = Decimal("9")
_D1000001 = Decimal("1000001")
_D2000000 = Decimal("2000000")
_D12 = Decimal("12")
_D2000001 = Decimal("2000001")
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
_D1 = Decimal("1")
_D1500000 = Decimal("1500000")
_D1500001 = Decimal("1500001")
_D3000000 = Decimal("3000000")
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
_C14 = frozenset({'rate_term'})
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
_C16 = frozenset({'cash_out'})
_CELLS_no_ratio = (
    ((Decimal("65"), Decimal("65")), (Decimal("75"), Decimal("75"))),
    ((Decimal("60"), Decimal("60")), (Decimal("70"), Decimal("70"))),
    (None, (Decimal("70"), Decimal("70"))),
    (None, None),
)
_D0_750 = Decimal("0.750")
_D0_999 = Decimal("0.999")
_C20 = frozenset({'condo_non_warrantable'})
_C21 = frozenset({'five_to_ten_unit'})
_D1_150 = Decimal("1.150")
_D175000 = Decimal("175000")
_C24 = frozenset({'investment'})
_C25 = frozenset({'dscr'})
_C26 = frozenset({'us_citizen', 'permanent_resident', 'non_permanent_resident'})
_C27 = ('fc', 'ss', 'dil')
_D36 = Decimal("36")
_C29 = ('mod', 'nod', 'dq120')
_D24 = Decimal("24")
_C31 = ('bk7', 'bk11')
_C32 = ('bk13',)
_D100000 = Decimal("100000")
_C34 = frozenset({'sfr', 'pud', 'townhome', 'condo_warrantable', 'condo_non_warrantable', 'two_to_four_unit', 'five_to_ten_unit'})
_C35 = frozenset({'WV', 'ND', 'SD'})
_C36 = frozenset({'AK', 'KS', 'MI', 'MN', 'NM', 'RI', 'VT'})
_D5 = Decimal("5")
_D75 = Decimal("75")
_D70 = Decimal("70")
_C40 = frozenset({'bank_stmt_personal_12', 'bank_stmt_personal_24'})
_C41 = frozenset({'bank_stmt_business_12', 'bank_stmt_business_24'})
_D100 = Decimal("100")
_D50 = Decimal("50")


META = rt.ProgramMeta(
    info=rt.ProgramInfo(
        id='harbor_dscr',
        title='Harbor Point DSCR',
        investor='Harbor Point Capital',
        lender=None,
        family='DSCR',
        version='2026.2',
        effective='2026-02-01',
        source='Harbor Point Capital, DSCR Investor Guide v2026.2',
        sha256='e4d0c836818267deecb1f16c9012effa19caa42647d5d714584b91b1a9a6c722',
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
        'dscr': rt.Name(
            title='DSCR',
            kind='ratio',
            unit='',
            is_value=True,
            depends_on=('lease_rent', 'market_rent', 'pitia'),
            places=3,
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
    },
    values=(
        'property_value',
        'ltv',
        'cltv',
        'dscr',
        'reserves_months',
        'required_reserves',
        'eligible_deposits',
        'qualifying_income',
        'dti',
        'payment_shock',
    ),
    matrices=(
        rt.MatrixMeta(
            id='purchase',
            title='Purchase, DSCR 1.000+',
            citation='§3.1 Matrix A, p. 5',
            where='programs/harbor_dscr.guideline:17',
            when_text='Loan purpose is purchase and DSCR at least 1',
            when_inputs=('purpose', 'dscr'),
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
                    ((('max_ltv', Decimal("75")), ('max_cltv', Decimal("75"))), '75%'),
                    ((('max_ltv', Decimal("70")), ('max_cltv', Decimal("70"))), '70%'),
                ),
                (
                    ((('max_ltv', Decimal("80")), ('max_cltv', Decimal("80"))), '80%'),
                    ((('max_ltv', Decimal("75")), ('max_cltv', Decimal("75"))), '75%'),
                    ((('max_ltv', Decimal("70")), ('max_cltv', Decimal("70"))), '70%'),
                    ((('max_ltv', Decimal("65")), ('max_cltv', Decimal("65"))), '65%'),
                ),
                (
                    ((('max_ltv', Decimal("75")), ('max_cltv', Decimal("75"))), '75%'),
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
            ),
        ),
        rt.MatrixMeta(
            id='rate_term',
            title='Rate/term refinance, DSCR 1.000+',
            citation='§3.1 Matrix B, p. 5',
            where='programs/harbor_dscr.guideline:30',
            when_text='Loan purpose is rate_term and DSCR at least 1',
            when_inputs=('purpose', 'dscr'),
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
                    ((('max_ltv', Decimal("75")), ('max_cltv', Decimal("75"))), '75%'),
                    ((('max_ltv', Decimal("75")), ('max_cltv', Decimal("75"))), '75%'),
                    ((('max_ltv', Decimal("70")), ('max_cltv', Decimal("70"))), '70%'),
                    ((('max_ltv', Decimal("60")), ('max_cltv', Decimal("60"))), '60%'),
                ),
                (
                    ((('max_ltv', Decimal("75")), ('max_cltv', Decimal("75"))), '75%'),
                    ((('max_ltv', Decimal("70")), ('max_cltv', Decimal("70"))), '70%'),
                    ((('max_ltv', Decimal("65")), ('max_cltv', Decimal("65"))), '65%'),
                    ((('max_ltv', Decimal("60")), ('max_cltv', Decimal("60"))), '60%'),
                ),
                (
                    ((('max_ltv', Decimal("70")), ('max_cltv', Decimal("70"))), '70%'),
                    ((('max_ltv', Decimal("70")), ('max_cltv', Decimal("70"))), '70%'),
                    ((('max_ltv', Decimal("60")), ('max_cltv', Decimal("60"))), '60%'),
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
            id='cash_out',
            title='Cash-out refinance, DSCR 1.000+',
            citation='§3.1 Matrix C, p. 6',
            where='programs/harbor_dscr.guideline:43',
            when_text='Loan purpose is cash_out and DSCR at least 1',
            when_inputs=('purpose', 'dscr'),
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
                    ((('max_ltv', Decimal("75")), ('max_cltv', Decimal("75"))), '75%'),
                    ((('max_ltv', Decimal("70")), ('max_cltv', Decimal("70"))), '70%'),
                    ((('max_ltv', Decimal("65")), ('max_cltv', Decimal("65"))), '65%'),
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
                    ((('max_ltv', Decimal("60")), ('max_cltv', Decimal("60"))), '60%'),
                    (None, 'N/A'),
                ),
                (
                    ((('max_ltv', Decimal("65")), ('max_cltv', Decimal("65"))), '65%'),
                    ((('max_ltv', Decimal("60")), ('max_cltv', Decimal("60"))), '60%'),
                    (None, 'N/A'),
                    (None, 'N/A'),
                ),
                (
                    ((('max_ltv', Decimal("60")), ('max_cltv', Decimal("60"))), '60%'),
                    (None, 'N/A'),
                    (None, 'N/A'),
                    (None, 'N/A'),
                ),
            ),
        ),
        rt.MatrixMeta(
            id='no_ratio',
            title='DSCR below 1.000 (all purposes)',
            citation='§3.2 Matrix D, p. 6',
            where='programs/harbor_dscr.guideline:56',
            when_text='DSCR less than 1',
            when_inputs=('dscr',),
            axes=(
                rt.AxisMeta(
                    label='Credit score',
                    inputs=('fico',),
                    bands=(
                        (Decimal("740"), True, None, False, '740+'),
                        (Decimal("720"), True, Decimal("739"), True, '720-739'),
                        (Decimal("700"), True, Decimal("719"), True, '700-719'),
                        (Decimal("660"), True, Decimal("699"), True, '660-699'),
                    ),
                ),
                rt.AxisMeta(
                    label='DSCR',
                    inputs=('dscr',),
                    bands=(
                        (None, False, Decimal("0.750"), False, 'under 0.750'),
                        (Decimal("0.750"), True, Decimal("0.999"), True, '0.750-0.999'),
                    ),
                ),
            ),
            cells=(
                (
                    ((('max_ltv', Decimal("65")), ('max_cltv', Decimal("65"))), '65%'),
                    ((('max_ltv', Decimal("75")), ('max_cltv', Decimal("75"))), '75%'),
                ),
                (
                    ((('max_ltv', Decimal("60")), ('max_cltv', Decimal("60"))), '60%'),
                    ((('max_ltv', Decimal("70")), ('max_cltv', Decimal("70"))), '70%'),
                ),
                ((None, 'N/A'), ((('max_ltv', Decimal("70")), ('max_cltv', Decimal("70"))), '70%')),
                ((None, 'N/A'), (None, 'N/A')),
            ),
        ),
    ),
    rules=(
        rt.RuleMeta(
            id='cash_out_no_ratio',
            title='Cash-out below DSCR 1.000',
            citation='§4.1, p. 7',
            where='programs/harbor_dscr.guideline:70',
            when_text='Loan purpose is cash_out and DSCR less than 1',
            when_inputs=('purpose', 'dscr'),
            requirements=(),
            adjustments=(
                ('reduce', 'max_ltv', Decimal("5"), 'reduce Max LTV by 5%'),
                ('reduce', 'max_cltv', Decimal("5"), 'reduce Max CLTV by 5%'),
            ),
            conditions=(),
            reviews=(),
        ),
        rt.RuleMeta(
            id='interest_only',
            title='Interest-only',
            citation='§4.2, p. 7',
            where='programs/harbor_dscr.guideline:75',
            when_text='Interest-only',
            when_inputs=('interest_only',),
            requirements=(rt.RequirementMeta(text='Credit score at least 700', inputs=('fico',)),),
            adjustments=(
                ('reduce', 'max_ltv', Decimal("5"), 'reduce Max LTV by 5%'),
                ('reduce', 'max_cltv', Decimal("5"), 'reduce Max CLTV by 5%'),
            ),
            conditions=(),
            reviews=(),
        ),
        rt.RuleMeta(
            id='first_time_investor',
            title='First-time investor',
            citation='§4.3, p. 7',
            where='programs/harbor_dscr.guideline:81',
            when_text='First-time investor',
            when_inputs=('first_time_investor',),
            requirements=(
                rt.RequirementMeta(text='DSCR at least 1', inputs=('dscr',)),
                rt.RequirementMeta(text='Reserves at least 12 months', inputs=('reserves_months',)),
            ),
            adjustments=(
                ('cap', 'max_ltv', Decimal("75"), 'cap Max LTV at 75%'),
                ('cap', 'max_cltv', Decimal("75"), 'cap Max CLTV at 75%'),
            ),
            conditions=(),
            reviews=(),
        ),
        rt.RuleMeta(
            id='non_warrantable_condo',
            title='Non-warrantable condo',
            citation='§4.4, p. 8',
            where='programs/harbor_dscr.guideline:88',
            when_text='Property type is condo_non_warrantable',
            when_inputs=('property_type',),
            requirements=(),
            adjustments=(
                ('cap', 'max_ltv', Decimal("70"), 'cap Max LTV at 70%'),
                ('cap', 'max_cltv', Decimal("70"), 'cap Max CLTV at 70%'),
            ),
            conditions=(),
            reviews=(),
        ),
        rt.RuleMeta(
            id='five_to_ten_units',
            title='5-10 unit properties',
            citation='§4.5, p. 8',
            where='programs/harbor_dscr.guideline:93',
            when_text='Property type is five_to_ten_unit',
            when_inputs=('property_type',),
            requirements=(rt.RequirementMeta(text='Credit score at least 700', inputs=('fico',)),),
            adjustments=(
                ('cap', 'max_ltv', Decimal("70"), 'cap Max LTV at 70%'),
                ('cap', 'max_cltv', Decimal("70"), 'cap Max CLTV at 70%'),
                ('cap', 'max_loan_amount', Decimal("2000000"), 'cap Max loan amount at $2,000,000'),
            ),
            conditions=(),
            reviews=(),
        ),
        rt.RuleMeta(
            id='declining_market',
            title='Declining market',
            citation='§4.6, p. 8',
            where='programs/harbor_dscr.guideline:100',
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
            id='min_dscr',
            title='Minimum DSCR',
            citation='§5.1, p. 9 (seed 001: DSCR = gross monthly rent / PITIA)',
            where='programs/harbor_dscr.guideline:107',
            when_text='',
            when_inputs=(),
            requirements=(
                rt.RequirementMeta(
                    text='DSCR at least 0.750 or Credit score at least 720',
                    inputs=('dscr', 'fico'),
                ),
            ),
            adjustments=(),
            conditions=(),
            reviews=(),
        ),
        rt.RuleMeta(
            id='short_term_rental',
            title='Short-term rental',
            citation='§5.2, p. 9',
            where='programs/harbor_dscr.guideline:111',
            when_text='Short-term rental',
            when_inputs=('short_term_rental',),
            requirements=(rt.RequirementMeta(text='DSCR at least 1.150', inputs=('dscr',)),),
            adjustments=(),
            conditions=(),
            reviews=(),
        ),
        rt.RuleMeta(
            id='small_loan_no_ratio',
            title='Minimum loan below DSCR 1.000',
            citation='§5.3, p. 9',
            where='programs/harbor_dscr.guideline:116',
            when_text='DSCR less than 1',
            when_inputs=('dscr',),
            requirements=(rt.RequirementMeta(text='Loan amount at least $175,000', inputs=('loan_amount',)),),
            adjustments=(),
            conditions=(),
            reviews=(),
        ),
        rt.RuleMeta(
            id='investment_only',
            title='Business-purpose investment loans only',
            citation='§6.1, p. 10 (seed 001: no personal income or employment documents)',
            where='programs/harbor_dscr.guideline:123',
            when_text='',
            when_inputs=(),
            requirements=(
                rt.RequirementMeta(text='Occupancy is investment', inputs=('occupancy',)),
                rt.RequirementMeta(text='Documentation type is dscr', inputs=('doc_type',)),
            ),
            adjustments=(),
            conditions=(),
            reviews=(),
        ),
        rt.RuleMeta(
            id='min_fico',
            title='Minimum credit score',
            citation='§6.2, p. 10',
            where='programs/harbor_dscr.guideline:128',
            when_text='',
            when_inputs=(),
            requirements=(rt.RequirementMeta(text='Credit score at least 660', inputs=('fico',)),),
            adjustments=(),
            conditions=(),
            reviews=(),
        ),
        rt.RuleMeta(
            id='not_fthb',
            title='First-time home buyers',
            citation='§6.3, p. 10',
            where='programs/harbor_dscr.guideline:132',
            when_text='',
            when_inputs=(),
            requirements=(rt.RequirementMeta(text='not First-time home buyer', inputs=('fthb',)),),
            adjustments=(),
            conditions=(),
            reviews=(),
        ),
        rt.RuleMeta(
            id='foreign_nationals',
            title='Residency',
            citation='§6.4, p. 10',
            where='programs/harbor_dscr.guideline:136',
            when_text='',
            when_inputs=(),
            requirements=(
                rt.RequirementMeta(
                    text='Citizenship is us_citizen, permanent_resident or non_permanent_resident',
                    inputs=('citizenship',),
                ),
            ),
            adjustments=(),
            conditions=(),
            reviews=(),
        ),
        rt.RuleMeta(
            id='credit_event_seasoning',
            title='Credit event seasoning',
            citation='§6.5, p. 11',
            where='programs/harbor_dscr.guideline:140',
            when_text='',
            when_inputs=(),
            requirements=(
                rt.RequirementMeta(
                    text='months since the latest Credit events (fc, ss, dil) at least 36 months',
                    inputs=('credit_events', 'application_date'),
                ),
                rt.RequirementMeta(
                    text='months since the latest Credit events (mod, nod, dq120) at least 24 months',
                    inputs=('credit_events', 'application_date'),
                ),
                rt.RequirementMeta(
                    text='months since the latest Credit events (bk7, bk11) at least 36 months',
                    inputs=('credit_events', 'application_date'),
                ),
                rt.RequirementMeta(
                    text='months since the latest Credit events (bk13) at least 24 months',
                    inputs=('credit_events', 'application_date'),
                ),
            ),
            adjustments=(),
            conditions=(),
            reviews=(),
        ),
        rt.RuleMeta(
            id='housing_history',
            title='Mortgage history',
            citation='§6.6, p. 11',
            where='programs/harbor_dscr.guideline:149',
            when_text='',
            when_inputs=(),
            requirements=(
                rt.RequirementMeta(
                    text='housing history 1x30x12 (at most 1 payment 30+ days late in the last 12 months)',
                    inputs=('housing_lates', 'application_date'),
                ),
                rt.RequirementMeta(text='not In forbearance', inputs=('in_forbearance',)),
            ),
            adjustments=(),
            conditions=(),
            reviews=(),
        ),
        rt.RuleMeta(
            id='reserves',
            title='Reserves',
            citation='§7.1, p. 12',
            where='programs/harbor_dscr.guideline:163',
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
            citation='§7.2, p. 12',
            where='programs/harbor_dscr.guideline:167',
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
            citation='§7.3, p. 12',
            where='programs/harbor_dscr.guideline:171',
            when_text='',
            when_inputs=(),
            requirements=(
                rt.RequirementMeta(
                    text='Property type is sfr, pud, townhome, condo_warrantable, condo_non_warrantable, two_to_four_unit or five_to_ten_unit',
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
            citation='§7.4, p. 13',
            where='programs/harbor_dscr.guideline:175',
            when_text='',
            when_inputs=(),
            requirements=(rt.RequirementMeta(text='State is not WV, ND or SD', inputs=('state',)),),
            adjustments=(),
            conditions=(),
            reviews=(),
        ),
        rt.RuleMeta(
            id='prepayment_penalty',
            title='Prepayment penalty: restricted states',
            citation='§7.5, p. 13 (state list illustrative)',
            where='programs/harbor_dscr.guideline:179',
            when_text='State is AK, KS, MI, MN, NM, RI or VT',
            when_inputs=('state',),
            requirements=(
                rt.RequirementMeta(
                    text='Prepayment penalty term equal to 0 months',
                    inputs=('prepayment_penalty_months',),
                ),
            ),
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
    selector_inputs=('purpose', 'dscr'),
    seasoning_date='application_date',
)
