"""Bank Statement Select (keystone_bank_statement) written by hand, typically: a second peer, not the bar.

The bar is benchmarks/tight_keystone.py (the same answer about 3x faster); this is what an engineer typically
writes for the same rules without the compiler, plainly, with no attention to Python's costs: exact Decimal arithmetic
(ratios rounded the way the guideline says, never float), if/elif bands for the matrices, unknown data
(None) never passing, and the same answer as the generated `check_fast`: status, each limit with its
binding rule, the failing rule ids and the rule ids that need data or a review, in the checker's order.
benchmarks/run.py verifies the two agree on every benchmark loan before timing either.

    from benchmarks.handwritten_keystone import check
    status, limits, failed, unresolved = check(loan)   # loan: generated.loan.Loan
"""

from __future__ import annotations

import calendar
import datetime as dt
from decimal import ROUND_CEILING, ROUND_FLOOR, Context, Decimal
from typing import Any

Limits = tuple[tuple[str, Decimal | None, str | None], ...]
Result = tuple[str, Limits, tuple[str, ...], tuple[str, ...]]

_UP = Context(prec=40, rounding=ROUND_CEILING)  # rounding toward +inf at 40 digits, then to the grid: exact
_DOWN = Context(prec=40, rounding=ROUND_FLOOR)
_CENT = Decimal("0.01")
_HUNDRED = Decimal(100)
_NEVER = None  # "no such event": seasoning met

# Matrix rows (FICO bands, highest first) and columns (loan-amount bands); None: N/A.
_FICO_ROWS = (740, 720, 700, 680, 660)
_PRIMARY_PURCHASE = ((90, 85, 80, 75), (90, 85, 80, 70), (85, 80, 75, 65), (80, 80, 70, None), (75, 70, None, None))
_PRIMARY_RATE_TERM = ((85, 80, 75, 70), (85, 80, 75, 65), (80, 75, 70, 60), (75, 75, 65, None), (70, 65, None, None))
_PRIMARY_CASH_OUT = ((80, 75, 70, 65), (80, 75, 70, 60), (75, 70, 65, None), (70, 65, None, None), (65, None, None, None))
_SECOND_HOME = ((85, 80, 75), (85, 80, 75), (80, 75, 70), (75, 70, None), (70, None, None))
_INVESTMENT = ((80, 75, 70), (80, 75, 70), (75, 70, 65), (70, 65, None), (65, None, None))
_MATRICES = {name: tuple(tuple(None if c is None else Decimal(c) for c in row) for row in cells) for name, cells in (
    ("primary_purchase", _PRIMARY_PURCHASE), ("primary_rate_term", _PRIMARY_RATE_TERM),
    ("primary_cash_out", _PRIMARY_CASH_OUT), ("second_home", _SECOND_HOME), ("investment", _INVESTMENT))}
_SEASONING = ((("fc",), 36), (("ss", "dil", "mod"), 24), (("nod", "dq120"), 12), (("bk7", "bk11"), 24), (("bk13",), 12))
_BANK_PERSONAL = frozenset({"bank_stmt_personal_12", "bank_stmt_personal_24"})
_BANK_BUSINESS = frozenset({"bank_stmt_business_12", "bank_stmt_business_24"})
_PROPERTY_TYPES = frozenset({"sfr", "pud", "townhome", "condo_warrantable", "condo_non_warrantable", "two_to_four_unit"})
_VERIFICATION = frozenset({"vom", "vor", "bank_records"})
_EXCLUDED_STATES = frozenset({"ND", "SD", "NV"})


def _ratio(n: Decimal | None, d: Decimal | None, ctx: Context) -> Decimal | None:
    """n / d rounded to cents in the context's direction; unknown when either is unknown or d is 0."""
    if n is None or d is None or not d:
        return None
    return ctx.divide(Decimal(n), Decimal(d)).quantize(_CENT, rounding=ctx.rounding)


def _and(*parts: bool | None) -> bool | None:
    if False in parts:
        return False
    return None if None in parts else True


def _months(start: dt.date, end: dt.date) -> int:
    months = (end.year - start.year) * 12 + end.month - start.month
    if end.day < min(start.day, calendar.monthrange(end.year, end.month)[1]):
        months -= 1
    return months


def _seasoned(events: list[Any] | None, kinds: tuple[str, ...], months: int, as_of: dt.date | None) -> bool | None:
    if events is None or as_of is None:
        return None
    dates = [e.completed_on for e in events if str(e.kind) in kinds]
    if not dates:
        return True
    if None in dates:
        return None
    return _months(max(dates), as_of) >= months


def _lates_ok(lates: list[Any] | None, as_of: dt.date | None) -> bool | None:
    if lates is None or as_of is None:
        return None
    n = 0
    for late in lates:
        if late.days_late is None or late.due_on is None:
            return None
        if late.days_late >= 30 and _months(late.due_on, as_of) < 12:
            n += 1
    return n <= 1


def _row(fico: int) -> int | None:
    for i, floor in enumerate(_FICO_ROWS):
        if fico >= floor:
            return i
    return None


def _column(amount: Decimal, wide: bool) -> int | None:
    if amount <= 1_000_000:
        return 0
    if 1_000_001 <= amount <= 1_500_000:
        return 1
    if 1_500_001 <= amount <= 2_000_000:
        return 2
    if wide and 2_000_001 <= amount <= 3_000_000:
        return 3
    return None


def check(loan: Any) -> Result:
    """(status, ((limit, value, binding rule), ...), failed rule ids, rule ids needing data or review)."""
    failed: list[str] = []
    unresolved: list[str] = []

    def rule(rule_id: str, applies: bool | None, *results: bool | None, review: bool = False) -> None:
        if applies is False:
            return
        if applies is None:
            if False in results or None in results or review or not results:
                unresolved.append(rule_id)
        elif False in results:
            failed.append(rule_id)
        elif None in results or review:
            unresolved.append(rule_id)

    purpose, occupancy, fico, amount = loan.purpose, loan.occupancy, loan.fico, loan.loan_amount
    if fico is None and loan.fico_no_score:
        fico = -1  # no credit score (docs/language.md 3.7): below every band, every score test not met
    property_type, doc_type, pitia, as_of = loan.property_type, loan.doc_type, loan.pitia, loan.application_date

    # derived values
    if purpose is None:
        value = None
    elif purpose == "purchase":
        price, appraised = loan.purchase_price, loan.appraised_value
        value = None if price is None or appraised is None else min(price, appraised)
    else:
        value = loan.appraised_value
    ltv = None if amount is None else _ratio(amount * _HUNDRED, value, _UP)
    liens = loan.subordinate_liens
    if loan.lien_position == "second":  # the liens ahead of a second lien count too (vocabulary `senior_liens`)
        liens = None if liens is None or loan.senior_lien_balance is None else liens + loan.senior_lien_balance
    cltv = None if amount is None or liens is None else _ratio((amount + liens) * _HUNDRED, value, _UP)
    deposits = loan.total_deposits
    if deposits is not None and loan.excluded_transfers is not None and loan.excluded_nonrecurring is not None:
        deposits = deposits - loan.excluded_transfers - loan.excluded_nonrecurring
    else:
        deposits = None
    if doc_type is None:
        income = None
    elif doc_type in _BANK_PERSONAL:
        income = _ratio(deposits, loan.statement_months, _DOWN)
    elif doc_type in _BANK_BUSINESS:
        expense = loan.cpa_expense_ratio if loan.cpa_expense_ratio is not None else Decimal(50)
        own = loan.ownership_pct
        business = None if deposits is None or own is None else deposits * (_HUNDRED - expense) * own / 10_000
        income = _ratio(business, loan.statement_months, _DOWN)
    else:
        income = None if loan.monthly_income is None else loan.monthly_income.quantize(_CENT, rounding=ROUND_FLOOR)
    debts = loan.monthly_debts
    dti = None if pitia is None or debts is None else _ratio((pitia + debts) * _HUNDRED, income, _UP)
    reserves = _ratio(loan.liquid_assets, pitia, _DOWN)
    shock = None if pitia is None else _ratio(pitia * _HUNDRED, loan.current_housing_payment, _UP)
    if amount is None:
        required = None
    else:
        required = Decimal(3) if amount <= 1_000_000 else Decimal(6) if amount <= 2_000_000 else Decimal(12)

    # matrices: which applies, its cell
    primary = None if occupancy is None else occupancy == "primary"
    matrices = (
        ("primary_purchase", _and(primary, None if purpose is None else purpose == "purchase"), True),
        ("primary_rate_term", _and(primary, None if purpose is None else purpose == "rate_term"), True),
        ("primary_cash_out", _and(primary, None if purpose is None else purpose == "cash_out"), True),
        ("second_home", _and(None if occupancy is None else occupancy == "second_home",
                             None if purpose is None else purpose in ("purchase", "rate_term")), False),
        ("investment", None if occupancy is None else occupancy == "investment", False),
    )
    base: tuple[str, Decimal] | None = None
    refused = False  # a matrix turned the loan down (N/A cell, a key outside its bands): no limit
    unread = False  # a matrix that applies or may apply cannot be read: the limits are unknown (language.md 9.5)
    any_applies: bool | None = False
    for matrix_id, applies, wide in matrices:
        if applies is False:
            continue
        if applies is None:
            unresolved.append(matrix_id)
            unread = True
            any_applies = None if any_applies is False else any_applies
            continue
        any_applies = True
        row = None if fico is None else _row(fico)  # the FICO row first, then the loan-amount column
        col = None if row is None or amount is None else _column(amount, wide)
        if fico is None or fico < 0 or (row is not None and amount is None):  # no score: needs a score
            unresolved.append(matrix_id)
            unread = True
            continue
        cell = None if row is None or col is None else _MATRICES[matrix_id][row][col]
        if cell is None:
            refused = True
            # a key outside the bands is reported by the rule on that key alone (min_fico, loan_amount_range)
            if row is not None and not (col is None and amount > 3_000_000):
                failed.append(matrix_id)
        elif base is None or cell < base[1]:
            base = (matrix_id, cell)
    if any_applies is False:
        failed.append("eligibility_matrix")

    # rules, in the guide's order
    condo = None if property_type is None else property_type == "condo_non_warrantable"
    rule("non_warrantable_condo", condo)
    rule("interest_only", loan.interest_only, None if fico is None else fico >= 680)
    rule("declining_market", loan.declining_market)
    rule("rural", loan.rural)
    rule("min_fico", True, None if fico is None else fico >= 660)
    fthb = loan.fthb
    dti_50 = None if dti is None else dti <= 50
    if dti_50 is True:
        dti_ok: bool | None = True
    else:
        alt = _and(_and(None if fico is None else fico >= 720, None if ltv is None else ltv <= 80,
                        None if reserves is None else reserves >= 12, None if fthb is None else not fthb),
                   None if dti is None else dti <= 55)
        dti_ok = True if alt is True else None if dti_50 is None or alt is None else False
    rule("max_dti", True, dti_ok)
    events = loan.credit_events
    rule("credit_event_seasoning", True, *(_seasoned(events, kinds, months, as_of) for kinds, months in _SEASONING))
    rent_free = loan.rent_free
    history = loan.housing_history_months
    verification = loan.housing_verification
    rule("housing_history_12_months", None if rent_free is None else not rent_free,
         None if history is None else history >= 12, _lates_ok(loan.housing_lates, as_of),
         None if verification is None else verification in _VERIFICATION)
    rule("forbearance", True, None if loan.in_forbearance is None else not loan.in_forbearance)
    ended = loan.forbearance_end is not None
    payments = loan.payments_since_forbearance
    rule("after_forbearance", _and(ended, None if purpose is None else purpose in ("purchase", "rate_term")),
         None if payments is None else payments >= 2)
    rule("after_forbearance_cash_out", _and(ended, None if purpose is None else purpose == "cash_out"), review=True)
    contribution = loan.borrower_contribution_pct
    rule("rent_free", rent_free, None if contribution is None else contribution >= 10)
    rule("fthb_payment_shock", fthb, None if shock is None else shock <= 250)
    rule("doc_types", True, None if doc_type is None else doc_type in _BANK_PERSONAL or doc_type in _BANK_BUSINESS)
    ownership = loan.ownership_pct
    rule("business_ownership", None if doc_type is None else doc_type in _BANK_BUSINESS,
         None if ownership is None else ownership >= 25)
    rule("reserves", True, None if reserves is None or required is None else reserves >= required)
    rule("loan_amount_range", True, None if amount is None else 150_000 <= amount <= 3_000_000)
    rule("property_types", True, None if property_type is None else property_type in _PROPERTY_TYPES)
    rule("excluded_states", True, None if loan.state is None else loan.state not in _EXCLUDED_STATES)
    rule("second_appraisal", None if amount is None else amount > 2_000_000)

    # limits: the matrix cell, less 5% per reduction (lowest wins), capped; the rule that gives the lowest binds
    declining, rural = loan.declining_market, loan.rural
    reductions = [(rid, applies) for rid, applies in (("non_warrantable_condo", condo), ("interest_only", loan.interest_only),
                                                      ("declining_market", declining)) if applies is not False]
    caps = [(rid, cap, applies) for rid, cap, applies in (("non_warrantable_condo", Decimal(80), condo),
                                                          ("rural", Decimal(75), rural), ("rent_free", Decimal(80), rent_free))
            if applies is not False]

    def limit(certain_only: bool) -> tuple[Decimal | None, str | None]:
        best = base
        if base is not None:
            for rid, applies in reductions:
                if (applies or not certain_only) and base[1] - 5 < best[1]:  # type: ignore[index]
                    best = (rid, base[1] - 5)
        for rid, cap, applies in caps:
            if (applies or not certain_only) and (best is None or cap < best[1]):
                best = (rid, cap)
        return (None, None) if best is None else (best[1], best[0])

    max_value, binding = (None, None) if refused or unread else limit(False)
    for limit_id, actual in (("max_ltv", ltv), ("max_cltv", cltv)):
        if unread and not refused:  # unknown whatever the caps: the matrix could be lower
            unresolved.append(limit_id)
        if max_value is None:
            continue
        if actual is None:
            unresolved.append(limit_id)
        elif actual > max_value:
            certain = limit(True)[0]
            (unresolved if certain is None or actual <= certain else failed).append(limit_id)
    limits = (("max_ltv", max_value, binding), ("max_cltv", max_value, binding), ("max_loan_amount", None, None),
              ("max_hcltv", None, None))
    status = "ineligible" if failed else "needs_info" if unresolved else "eligible"
    return status, limits, tuple(failed), tuple(unresolved)
