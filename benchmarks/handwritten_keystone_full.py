"""Bank Statement Select (keystone_bank_statement) written by hand, full path: the same Decision as the generated `check`.

What a careful engineer would write to return what `generated.keystone_bank_statement.check` returns, without
the compiler: the public result types a checker returns (Decision, Finding, Condition, DerivedValue, LimitResult,
LimitCandidate, ProgramInfo) and nothing else of glc (no runtime helper, no META): exact Decimal arithmetic, values
shown as underwriters read them by a few lines of formatting here, each rule written out with its wording, every
finding's message built as it is decided (eagerly, with f-strings), the limits with every candidate.

A value the guideline gives a domain (qualifying income over $0, undrawn HELOC credit $0+) that falls outside it,
a quotient over a denominator of $0 (PITIA, property value, current housing payment), and a value reading such a
value are invalid: never eligible on them (a requirement reading one is not met, a limit on one fails), and
messages say why. benchmarks/run.py verifies `check(loan).to_dict()` equals the generated checker's on every
benchmark loan before timing either.

    from benchmarks.handwritten_keystone_full import check
    decision = check(loan)   # loan: generated.loan.Loan; a generated._runtime.Decision
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_CEILING, ROUND_FLOOR, Context, Decimal
from typing import Any

from benchmarks.handwritten_keystone import (
    _BANK_BUSINESS,
    _BANK_PERSONAL,
    _EXCLUDED_STATES,
    _MATRICES,
    _PROPERTY_TYPES,
    _SEASONING,
    _VERIFICATION,
    _column,
    _lates_ok,
    _row,
    _seasoned,
)
from generated._runtime import (
    Condition,
    Decision,
    DerivedValue,
    Finding,
    LimitCandidate,
    LimitResult,
    ProgramInfo,
)

_GUIDE = "programs/keystone_bank_statement.guideline"
_FIELDS = "programs/loan.fields"
# The sha256 is of the guideline file this checker follows (`sha256sum programs/keystone_bank_statement.guideline`):
# when that file changes, read the change, bring the rules here in line, then update the hash.
PROGRAM = ProgramInfo(
    "keystone_bank_statement", "Bank Statement Select", "Keystone Non-QM Capital", None, "Bank Statement", "2026.1",
    "2026-01-01", "Keystone Non-QM Capital, Bank Statement Select Underwriting Guide v2026.1",
    "2fccb9eb8fc9b5c9bd1af21c1379e74c78d8d76a4f696a77f429446b16835734")

_UP = Context(prec=60, rounding=ROUND_CEILING)  # toward +inf at 60 digits, then to the grid the same way: exact
_DOWN = Context(prec=60, rounding=ROUND_FLOOR)
_STEPS = {0: Decimal(1), 2: Decimal("0.01"), 3: Decimal("0.001")}
_ZERO, _HUNDRED = Decimal(0), Decimal(100)

# How messages name and show each field and value: (title, kind). Money per month shows "/month".
_NAMES: dict[str, tuple[str, str]] = {
    "application_date": ("Application date", "date"),
    "appraised_value": ("Appraised value", "money"),
    "borrower_contribution_pct": ("Borrower contribution", "percent"),
    "cltv": ("CLTV", "percent"),
    "cpa_expense_ratio": ("CPA expense ratio", "percent"),
    "credit_events": ("Credit events", "list"),
    "current_housing_payment": ("Current housing payment", "money/month"),
    "days_since_purchase": ("Days since purchase", "days"),
    "declining_market": ("Declining market", "yesno"),
    "doc_type": ("Documentation type", "enum"),
    "dscr": ("DSCR", "ratio"),
    "dti": ("DTI", "percent"),
    "eligible_deposits": ("Eligible deposits", "money"),
    "excluded_nonrecurring": ("Non-recurring deposits excluded", "money"),
    "excluded_transfers": ("Transfers excluded", "money"),
    "fico": ("Credit score", "integer"),
    "forbearance_end": ("Forbearance end", "date"),
    "fthb": ("First-time home buyer", "yesno"),
    "hcltv": ("HCLTV", "percent"),
    "heloc_drawn_balance": ("HELOC drawn balance", "money"),
    "heloc_line_amount": ("HELOC line amount", "money"),
    "heloc_undrawn": ("Undrawn HELOC credit", "money"),
    "housing_history_months": ("Housing history documented", "months"),
    "housing_lates": ("Late housing payments", "list"),
    "housing_verification": ("Housing verification", "enum"),
    "in_forbearance": ("In forbearance", "yesno"),
    "interest_only": ("Interest-only", "yesno"),
    "lease_rent": ("Lease rent", "money/month"),
    "lien_position": ("Lien position", "enum"),
    "liquid_assets": ("Assets after closing", "money"),
    "loan_amount": ("Loan amount", "money"),
    "ltv": ("LTV", "percent"),
    "market_rent": ("Market rent (1007)", "money/month"),
    "monthly_debts": ("Other monthly debts", "money/month"),
    "monthly_income": ("Documented monthly income", "money/month"),
    "occupancy": ("Occupancy", "enum"),
    "ownership_pct": ("Ownership share", "percent"),
    "payment_shock": ("Payment shock", "percent"),
    "payments_since_forbearance": ("Payments since forbearance", "integer"),
    "pitia": ("PITIA", "money/month"),
    "property_type": ("Property type", "enum"),
    "property_value": ("Property value", "money"),
    "purchase_date": ("Purchase date", "date"),
    "purchase_price": ("Purchase price", "money"),
    "purpose": ("Loan purpose", "enum"),
    "qualifying_income": ("Qualifying monthly income", "money/month"),
    "rent_free": ("Living rent-free", "yesno"),
    "required_reserves": ("Required reserves", "months"),
    "reserves_months": ("Reserves", "months"),
    "rural": ("Rural property", "yesno"),
    "senior_lien_balance": ("Senior lien balance", "money"),
    "senior_liens": ("Senior liens", "money"),
    "state": ("State", "enum"),
    "statement_months": ("Statement months", "months"),
    "subordinate_liens": ("Subordinate liens", "money"),
    "total_deposits": ("Total deposits", "money"),
}
# Derived values in the vocabulary's and the guide's order: (id, decimals shown, what each is computed from, what it
# cannot do without: the fields to ask for when it is unknown; a `default` makes lease rent and the expense ratio
# optional).
_VALUES = (
    ("property_value", 2, ("purpose", "purchase_price", "appraised_value"), None),
    ("ltv", 2, ("loan_amount", "property_value"), None),
    ("senior_liens", 2, ("lien_position", "senior_lien_balance"), None),
    ("cltv", 2, ("senior_liens", "loan_amount", "subordinate_liens", "property_value"), None),
    ("heloc_undrawn", 2, ("heloc_line_amount", "heloc_drawn_balance"), None),
    ("hcltv", 2, ("senior_liens", "loan_amount", "subordinate_liens", "heloc_undrawn", "property_value"), None),
    ("eligible_deposits", 2, ("total_deposits", "excluded_transfers", "excluded_nonrecurring"), None),
    ("qualifying_income", 2, ("doc_type", "eligible_deposits", "statement_months", "cpa_expense_ratio", "ownership_pct",
                              "monthly_income"),
     ("doc_type", "eligible_deposits", "statement_months", "ownership_pct", "monthly_income")),
    ("dti", 2, ("pitia", "monthly_debts", "qualifying_income"), None),
    ("reserves_months", 2, ("liquid_assets", "pitia"), None),
    ("payment_shock", 2, ("pitia", "current_housing_payment"), None),
    ("required_reserves", 0, ("loan_amount",), None),
    ("dscr", 3, ("lease_rent", "market_rent", "pitia"), ("market_rent", "pitia")),
    ("days_since_purchase", 0, ("purchase_date", "application_date"), None),
)
_NEEDS = {name: needs or inputs for name, _places, inputs, needs in _VALUES}

_FICO_BANDS = ("740+", "720-739", "700-719", "680-699", "660-679")
_AMOUNT_BANDS = ("up to $1,000,000", "$1,000,001-$1,500,000", "$1,500,001-$2,000,000", "$2,000,001-$3,000,000")
# (id, title, citation, line, when, when inputs, wide: the fourth loan-amount column); each gives max LTV and CLTV
_MATRIX_INFO = (
    ("primary_purchase", "Primary residence, purchase", "§2.1 Matrix A, p. 4", 20,
     "Occupancy is primary and Loan purpose is purchase", ("occupancy", "purpose"), True),
    ("primary_rate_term", "Primary residence, rate/term refinance", "§2.1 Matrix B, p. 4", 33,
     "Occupancy is primary and Loan purpose is rate_term", ("occupancy", "purpose"), True),
    ("primary_cash_out", "Primary residence, cash-out refinance", "§2.1 Matrix C, p. 5", 46,
     "Occupancy is primary and Loan purpose is cash_out", ("occupancy", "purpose"), True),
    ("second_home", "Second home, purchase and rate/term", "§2.2 Matrix D, p. 5", 59,
     "Occupancy is second_home and Loan purpose is purchase or rate_term", ("occupancy", "purpose"), False),
    ("investment", "Investment property, all purposes", "§2.3 Matrix E, p. 6", 72, "Occupancy is investment",
     ("occupancy",), False),
)
_BY_MATRIX = ("max_ltv", "max_cltv")  # the limits the matrices give
# the vocabulary's limits: (id, title, the value it limits, where it is declared)
_LIMITS = (("max_ltv", "Max LTV", "ltv", f"{_FIELDS}:339"),
           ("max_cltv", "Max CLTV", "cltv", f"{_FIELDS}:340"),
           ("max_loan_amount", "Max loan amount", "loan_amount", f"{_FIELDS}:341"),
           ("max_hcltv", "Max HCLTV", "hcltv", f"{_FIELDS}:413"))
# what decides whether each adjusting rule applies (a limit that binds only through it names these when unknown)
_WHEN_INPUTS = {"non_warrantable_condo": ("property_type",), "interest_only": ("interest_only",),
                "declining_market": ("declining_market",), "rural": ("rural",), "rent_free": ("rent_free",)}

# the derived values the rules' requirements read (the others are invalid only in the values and limits)
_RULES_READ = frozenset({"dti", "ltv", "reserves_months", "payment_shock", "required_reserves"})
Requirement = tuple[str, bool | None, tuple[str, ...]]  # (text, met?, what it reads)


# ------------------------------------------------------------------ showing values


def _money(d: Decimal, monthly: bool = False) -> str:
    sign, d = ("-", -d) if d < 0 else ("", d)
    text = f"{sign}${d:,.0f}" if d == d.to_integral_value() else f"{sign}${d:,.2f}"
    return text + "/month" if monthly else text


def _fmt(v: Any, kind: str) -> str:
    """A known value as underwriters read it: `$1,200,000`, `$3,100.50/month`, `82.50%`, `12 months`, `yes`."""
    if v.__class__ is int and kind != "integer":  # whole dollars, whole months
        v = Decimal(v)
    if kind == "money":
        return _money(v)
    if kind == "money/month":
        return _money(v, True)
    if kind == "percent":
        return f"{v:f}%"
    if kind == "months":
        return f"{v:f} month" if v == 1 else f"{v:f} months"
    if kind == "days":
        return f"{v:f} day" if v == 1 else f"{v:f} days"
    if kind == "yesno":
        return "yes" if v else "no"
    if kind == "list":
        return f"{len(v)} listed"
    if kind == "date":
        day: dt.date = v
        return day.isoformat()
    if kind in ("ratio", "integer") and isinstance(v, Decimal):
        return f"{v:f}"
    return str(v)  # a choice, a whole number


class _Loan:
    """One loan's facts as messages quote them: each field's and value's text worked out once."""

    __slots__ = ("loan", "shown", "values")

    def __init__(self, loan: Any, values: dict[str, Any], invalid: dict[str, str]) -> None:
        self.loan, self.values = loan, values
        self.shown: dict[str, str] = dict(invalid)  # an invalid value shows why

    def get(self, name: str) -> Any:
        return self.values[name] if name in _NEEDS else getattr(self.loan, name)

    def show(self, name: str) -> str:
        text = self.shown.get(name)
        if text is None:
            v = self.get(name)
            text = self.shown[name] = "unknown" if v is None else _fmt(v, _NAMES[name][1])
        return text

    def actuals(self, *names: str) -> str:
        """`Title value, Title value` (the application date, the seasoning date, is never quoted)."""
        parts = []
        for name in names:
            if name == "application_date":
                continue
            text = self.show(name)
            title = _NAMES[name][0]
            parts.append(f"{title}: {text}" if text.endswith("listed") else f"{title} {text}")
        return ", ".join(parts)

    def missing(self, *names: str) -> tuple[str, ...]:
        """The unknown loan fields behind the names (through values that are unknown or invalid)."""
        out: list[str] = []
        seen: set[str] = set()
        stack = list(reversed(names))
        while stack:
            name = stack.pop()
            if name in seen:
                continue
            seen.add(name)
            if name in _NEEDS:
                if self.values[name] is None:
                    stack.extend(reversed(_NEEDS[name]))
            elif getattr(self.loan, name) is None:
                out.append(name)
        return tuple(out)


def _and_list(items: list[str]) -> str:
    """`a`, `a and b`, `a, b and c`."""
    return ", ".join(items[:-1]) + " and " + items[-1] if len(items) > 1 else "".join(items)


# ------------------------------------------------------------------ derived values


def _divide(n: Decimal | None, d: Decimal | None, places: int, ctx: Context) -> Decimal | None:
    """n / d rounded once to `places` decimals in the context's direction; unknown when either is, or d is 0."""
    if n is None or d is None or not d:
        return None
    q = ctx.quantize(ctx.divide(n, d), _STEPS[places])
    return q if q else q.copy_abs()  # no negative zero


def _values(loan: Any) -> tuple[dict[str, Any], dict[str, str]]:
    """The derived values (None: unknown or invalid) and the invalid ones with how messages show them."""
    invalid: dict[str, str] = {}
    reads_invalid = "invalid (it reads a value outside its domain)"
    purpose, amount, pitia = loan.purpose, loan.loan_amount, loan.pitia
    if purpose is None:
        value = None
    elif purpose == "purchase":
        price, appraised = loan.purchase_price, loan.appraised_value
        value = None if price is None or appraised is None else min(price, appraised)
    else:
        value = loan.appraised_value
    senior = loan.senior_lien_balance if loan.lien_position == "second" else _ZERO  # nothing ahead of a first lien
    liens = loan.subordinate_liens
    ahead = None if senior is None or amount is None or liens is None else senior + amount + liens
    heloc_line, heloc_drawn = loan.heloc_line_amount, loan.heloc_drawn_balance
    undrawn = None if heloc_line is None or heloc_drawn is None else heloc_line - heloc_drawn
    if undrawn is not None and undrawn < 0:
        invalid["heloc_undrawn"] = f"{_money(undrawn)}, outside its domain ($0+)"
        undrawn = None
    ltv = None if amount is None else _divide(amount * _HUNDRED, value, 2, _UP)
    cltv = None if ahead is None else _divide(ahead * _HUNDRED, value, 2, _UP)
    hcltv = None if ahead is None or undrawn is None else _divide((ahead + undrawn) * _HUNDRED, value, 2, _UP)
    if "heloc_undrawn" in invalid:
        invalid["hcltv"] = reads_invalid
    if value is not None and value <= 0:
        why = f"cannot be computed: Property value is {_money(value)}"
        invalid["ltv"] = invalid["cltv"] = why
        invalid.setdefault("hcltv", why)
        ltv = cltv = hcltv = None

    deposits = loan.total_deposits
    if deposits is not None and loan.excluded_transfers is not None and loan.excluded_nonrecurring is not None:
        deposits = deposits - loan.excluded_transfers - loan.excluded_nonrecurring
    else:
        deposits = None
    doc_type = loan.doc_type
    # (statement months are 1 to 24 by the vocabulary: never a division by zero)
    if doc_type is None:
        income = None
    elif doc_type in _BANK_PERSONAL:
        income = _divide(deposits, loan.statement_months, 2, _DOWN)
    elif doc_type in _BANK_BUSINESS:
        expense = loan.cpa_expense_ratio if loan.cpa_expense_ratio is not None else Decimal(50)
        own = loan.ownership_pct
        business = None if deposits is None or own is None else deposits * (_HUNDRED - expense) * own / 10_000
        income = _divide(business, loan.statement_months, 2, _DOWN)
    else:
        income = None if loan.monthly_income is None else loan.monthly_income.quantize(_STEPS[2], rounding=ROUND_FLOOR)
    debts = loan.monthly_debts
    if income is not None and income <= 0:  # no income: the loan cannot qualify
        invalid["qualifying_income"] = f"{_money(income, True)}, outside its domain (over $0/month)"
        invalid["dti"] = reads_invalid
        income = dti = None
    else:
        dti = None if pitia is None or debts is None else _divide((pitia + debts) * _HUNDRED, income, 2, _UP)

    reserves = _divide(loan.liquid_assets, pitia, 2, _DOWN)
    rent, market = loan.lease_rent, loan.market_rent
    rent = market if rent is None else rent
    dscr = None if rent is None or market is None else _divide(min(rent, market), pitia, 3, _DOWN)
    if pitia is not None and pitia <= 0:
        invalid["reserves_months"] = invalid["dscr"] = f"cannot be computed: PITIA is {_money(pitia, True)}"
        reserves = dscr = None
    housing = loan.current_housing_payment
    shock = None if pitia is None else _divide(pitia * _HUNDRED, housing, 2, _UP)
    if housing is not None and housing <= 0:
        invalid["payment_shock"] = f"cannot be computed: Current housing payment is {_money(housing, True)}"
        shock = None
    if amount is None:
        required = None
    else:
        required = Decimal(3) if amount <= 1_000_000 else Decimal(6) if amount <= 2_000_000 else Decimal(12)
    bought, as_of = loan.purchase_date, loan.application_date
    return {
        "property_value": value,
        "ltv": ltv,
        "senior_liens": senior,
        "cltv": cltv,
        "heloc_undrawn": undrawn,
        "hcltv": hcltv,
        "eligible_deposits": deposits,
        "qualifying_income": income,
        "dti": dti,
        "reserves_months": reserves,
        "payment_shock": shock,
        "required_reserves": required,
        "dscr": dscr,
        "days_since_purchase": None if bought is None or as_of is None else Decimal((as_of - bought).days),
    }, invalid


def _shown(v: Any, places: int) -> Decimal | None:
    """A derived value with exactly its declared decimals when that changes only trailing zeros."""
    if v is None:
        return None
    d: Decimal = v
    exact = d.quantize(_STEPS[places], rounding=ROUND_FLOOR)
    return exact if exact == d else d


def _both(a: bool | None, b: bool | None) -> bool | None:
    return False if a is False or b is False else None if a is None or b is None else True


# ------------------------------------------------------------------ the decision


def check(loan: Any) -> Decision:
    """The Decision of Bank Statement Select 2026.1 for a loan (generated.loan.Loan)."""
    values, invalid = _values(loan)
    f = _Loan(loan, values, invalid)
    findings: list[Finding] = []
    conditions: list[Condition] = []
    add = findings.append
    purpose, occupancy, fico, amount = loan.purpose, loan.occupancy, loan.fico, loan.loan_amount
    no_score = loan.fico_no_score is True  # no credit score at all: every score test is not met

    # 2 Eligibility matrices: the one that applies gives the base max LTV/CLTV
    primary = None if occupancy is None else occupancy == "primary"
    applies_by_matrix = (
        _both(primary, None if purpose is None else purpose == "purchase"),
        _both(primary, None if purpose is None else purpose == "rate_term"),
        _both(primary, None if purpose is None else purpose == "cash_out"),
        _both(None if occupancy is None else occupancy == "second_home",
              None if purpose is None else purpose in ("purchase", "rate_term")),
        None if occupancy is None else occupancy == "investment",
    )
    cells: list[tuple[str, Decimal, str]] = []  # (matrix, cell, description) of each matrix read
    covered: bool | None = False
    refused: tuple[str, str, str] | None = None  # the first matrix turning the loan down: (title, citation, why)
    unread: tuple[str, str, str, tuple[str, ...]] | None = None  # the first not read: title, citation, needs, fields
    outside: dict[int, tuple[str, str]] = {}  # finding index -> the key outside the matrix bands, and why
    citations: dict[str, str] = {}
    for (mid, title, cite, line, when, when_inputs, wide), applies in zip(_MATRIX_INFO, applies_by_matrix, strict=True):
        where = f"{_GUIDE}:{line}"
        citations[mid] = cite
        if applies is False:
            add(Finding(mid, title, "not_applicable", f"Applies when {when}.", cite, where))
            continue
        if applies is None:
            covered = None if covered is False else covered
            gone = f.missing(*when_inputs)
            add(Finding(mid, title, "missing", f"Cannot tell whether it applies: {f.actuals(*when_inputs)}.", cite, where,
                        gone))
            needs = [_NAMES[n][0] for n in when_inputs if f.show(n) == "unknown"]
            unread = unread or (title, cite, f"{title} needs {_and_list(needs)}" if needs else f"{title} cannot be read",
                                gone)
            continue
        covered = True
        if fico is None or (amount is None and _row(fico) is not None):  # a key unknown: every unknown key named
            keys = tuple(n for n, x in (("fico", fico), ("loan_amount", amount)) if x is None)
            said = _and_list([_NAMES[n][0] for n in keys])
            add(Finding(mid, title, "missing", f"Cannot tell which line applies: {said} unknown.", cite, where, keys))
            unread = unread or (title, cite, f"{title} needs {said}", keys)
            continue
        row = _row(fico)
        col = None if row is None else _column(amount, wide)
        if row is None or col is None:
            key, bands = ("fico", _FICO_BANDS) if row is None else ("loan_amount", _AMOUNT_BANDS[:4 if wide else 3])
            why = f"{f.actuals(key)} is outside the matrix bands ({', '.join(bands)})"
            refused = refused or (title, cite, why)
            outside[len(findings)] = (key, why)
            add(Finding(mid, title, "fail", f"{why}.", cite, where))
            continue
        place = f"Credit score {_FICO_BANDS[row]}, Loan amount {_AMOUNT_BANDS[col]}"
        cell = _MATRICES[mid][row][col]
        if cell is None:
            refused = refused or (title, cite, f"{place} is N/A")
            add(Finding(mid, title, "fail", f"Not eligible: {place} is N/A.", cite, where))
            continue
        text = f"{cell}%"
        cells.append((mid, cell, f"{title}: {place} = {text}"))
        add(Finding(mid, title, "pass", f"{place}: {text}.", cite, where))
    if covered is False:
        add(Finding("eligibility_matrix", "Eligibility matrix", "fail",
                    f"No eligibility matrix of this program covers this loan ({f.actuals('occupancy', 'purpose')}).", "",
                    f"{_GUIDE}:20"))
    base = min(cells, key=lambda c: c[1]) if cells else None

    # 3-7 rules, in the guide's order: (id, title, citation, line, when text, when inputs)
    adjusting: list[tuple[str, bool | None, tuple[tuple[str, Decimal], ...]]] = []  # (rule, applies, (kind, amount))
    failing: list[tuple[str, str, set[str]]] = []  # rules that apply with a requirement not met: what it reads
    bad = invalid.keys() & _RULES_READ  # invalid values a requirement reads

    def rule(rid: str, title: str, cite: str, line: int, when: str, when_inputs: tuple[str, ...], applies: bool | None,
             requirements: tuple[Requirement, ...] = (),
             adjustments: tuple[tuple[str, Decimal, str], ...] = (), conds: tuple[str, ...] = (), review: str = "") -> None:
        where = f"{_GUIDE}:{line}"
        citations[rid] = cite
        if applies is False:
            add(Finding(rid, title, "not_applicable", f"Applies when {when}.", cite, where))
            return
        if bad:  # a requirement reading an invalid value is not met
            requirements = tuple((text, False if any(n in invalid for n in reads) else ok, reads)
                                 for text, ok, reads in requirements)
        if adjustments:  # they apply when the rule applies and, conservatively, when that is unknown
            adjusting.append((rid, applies, tuple((kind, amount) for kind, amount, _t in adjustments)))
        if applies is True:
            conditions.extend(Condition("document", text, rid, cite) for text in conds)
        failed = [q for q in requirements if q[1] is False]
        unknown = [q for q in requirements if q[1] is None]
        if failed and applies is True:
            failing.append((rid, title, {n for q in failed for n in q[2]}))
            add(_met(rid, title, cite, where, "fail", failed, f, "Not met"))
        elif applies is None and (failed or unknown or review or not requirements):
            add(Finding(rid, title, "missing", f"Cannot tell whether it applies ({when}): {f.actuals(*when_inputs)}.", cite,
                        where, f.missing(*when_inputs)))
        elif unknown:
            add(_met(rid, title, cite, where, "missing", unknown, f, "Cannot check"))
        elif review:
            add(Finding(rid, title, "review", review, cite, where))
        elif requirements:
            add(_met(rid, title, cite, where, "pass", list(requirements), f, "Met"))
        else:
            parts = [text for _k, _a, text in adjustments] + [f"document: {text}" for text in conds]
            add(Finding(rid, title, "pass", "Applies: " + "; ".join(parts) + ".", cite, where))

    def at_least(score: int) -> bool | None:
        return False if no_score else None if fico is None else fico >= score

    v = values
    property_type, fthb, doc_type, rent_free = loan.property_type, loan.fthb, loan.doc_type, loan.rent_free
    d5, d80, d75 = Decimal(5), Decimal(80), Decimal(75)
    rule("non_warrantable_condo", "Non-warrantable condo", "§3.1, p. 7", 87, "Property type is condo_non_warrantable",
         ("property_type",), None if property_type is None else property_type == "condo_non_warrantable",
         adjustments=(("reduce_max_ltv", d5, "reduce Max LTV by 5%"), ("reduce_max_cltv", d5, "reduce Max CLTV by 5%"),
                      ("cap_max_ltv", d80, "cap Max LTV at 80%"), ("cap_max_cltv", d80, "cap Max CLTV at 80%")))
    rule("interest_only", "Interest-only", "§3.2, p. 7", 93, "Interest-only", ("interest_only",), loan.interest_only,
         (("Credit score at least 680", at_least(680), ("fico",)),),
         (("reduce_max_ltv", d5, "reduce Max LTV by 5%"), ("reduce_max_cltv", d5, "reduce Max CLTV by 5%")))
    rule("declining_market", "Declining market", "§3.3, p. 7", 99, "Declining market", ("declining_market",),
         loan.declining_market,
         adjustments=(("reduce_max_ltv", d5, "reduce Max LTV by 5%"), ("reduce_max_cltv", d5, "reduce Max CLTV by 5%")))
    rule("rural", "Rural property", "§3.4, p. 7", 104, "Rural property", ("rural",), loan.rural,
         adjustments=(("cap_max_ltv", d75, "cap Max LTV at 75%"), ("cap_max_cltv", d75, "cap Max CLTV at 75%")))
    rule("min_fico", "Minimum credit score", "§4.1, p. 8", 111, "", (), True,
         (("Credit score at least 660", at_least(660), ("fico",)),))
    dti, ltv, reserves = v["dti"], v["ltv"], v["reserves_months"]
    dti_50 = None if dti is None else dti <= 50
    if dti_50 is True:
        dti_ok: bool | None = True
    else:
        alt = _both(_both(_both(at_least(720), None if ltv is None else ltv <= 80),
                          _both(None if reserves is None else reserves >= 12, None if fthb is None else not fthb)),
                    None if dti is None else dti <= 55)
        dti_ok = True if alt is True else None if dti_50 is None or alt is None else False
    rule("max_dti", "Maximum DTI", "§4.2, p. 8", 115, "", (), True,
         (("DTI at most 50%; or DTI at most 55% when Credit score at least 720 and LTV at most 80% and Reserves at least "
           "12 months and not First-time home buyer", dti_ok, ("dti", "fico", "ltv", "reserves_months", "fthb")),))
    events, as_of = loan.credit_events, loan.application_date
    rule("credit_event_seasoning", "Credit event seasoning", "§4.3, p. 9", 120, "", (), True,
         tuple((f"months since the latest Credit events ({', '.join(kinds)}) at least {months} months",
                _seasoned(events, kinds, months, as_of), ("credit_events", "application_date"))
               for kinds, months in _SEASONING))
    history, verification = loan.housing_history_months, loan.housing_verification
    rule("housing_history_12_months", "Housing history, 12 months",
         "§5.1, p. 10 (seed 002: satisfactory history for the most recent 12 months)", 132, "not Living rent-free",
         ("rent_free",), None if rent_free is None else not rent_free,
         (("Housing history documented at least 12 months", None if history is None else history >= 12,
           ("housing_history_months",)),
          ("housing history 1x30x12 (at most 1 payment 30+ days late in the last 12 months)",
           _lates_ok(loan.housing_lates, as_of), ("housing_lates", "application_date")),
          ("Housing verification is vom, vor or bank_records",
           None if verification is None else verification in _VERIFICATION, ("housing_verification",))))
    rule("forbearance", "Forbearance", "§5.2, p. 10 (seed 002: still in forbearance is ineligible)", 139, "", (), True,
         (("not In forbearance", None if loan.in_forbearance is None else not loan.in_forbearance, ("in_forbearance",)),))
    ended = loan.forbearance_end is not None
    payments = loan.payments_since_forbearance
    rule("after_forbearance", "After forbearance",
         "§5.2, p. 10 (seed 002: two timely payments after forbearance, purchase or rate/term)", 143,
         "Forbearance end is known and Loan purpose is purchase or rate_term", ("forbearance_end", "purpose"),
         _both(ended, None if purpose is None else purpose in ("purchase", "rate_term")),
         (("Payments since forbearance at least 2", None if payments is None else payments >= 2,
           ("payments_since_forbearance",)),))
    rule("after_forbearance_cash_out", "After forbearance, cash-out",
         "§5.2, p. 10 (seed 002 is silent on cash-out after forbearance)", 148,
         "Forbearance end is known and Loan purpose is cash_out", ("forbearance_end", "purpose"),
         _both(ended, None if purpose is None else purpose == "cash_out"),
         review="The guide does not say how a cash-out refinance after forbearance is treated; refer to the investor.")
    contribution = loan.borrower_contribution_pct
    rule("rent_free", "Rent-free borrowers", "§5.3, p. 11 (seed 002: rent-free letter, 10% contribution, max 80% LTV)", 153,
         "Living rent-free", ("rent_free",), rent_free,
         (("Borrower contribution at least 10%", None if contribution is None else contribution >= 10,
           ("borrower_contribution_pct",)),),
         (("cap_max_ltv", d80, "cap Max LTV at 80%"), ("cap_max_cltv", d80, "cap Max CLTV at 80%")), ("Rent-free letter",))
    shock = v["payment_shock"]
    rule("fthb_payment_shock", "First-time home buyer payment shock",
         "§5.4, p. 11 (seed 002: FTHB on alternative documentation, payment shock at most 250%)", 160,
         "First-time home buyer", ("fthb",), fthb,
         (("Payment shock at most 250%", None if shock is None else shock <= 250, ("payment_shock",)),))
    rule("doc_types", "Documentation types", "§6.1, p. 12", 167, "", (), True,
         (("Documentation type is bank_stmt_personal_12, bank_stmt_personal_24, bank_stmt_business_12 or "
           "bank_stmt_business_24", None if doc_type is None else doc_type in _BANK_PERSONAL or doc_type in _BANK_BUSINESS,
           ("doc_type",)),))
    ownership = loan.ownership_pct
    rule("business_ownership", "Business ownership", "§6.2, p. 12", 171,
         "Documentation type is bank_stmt_business_12 or bank_stmt_business_24", ("doc_type",),
         None if doc_type is None else doc_type in _BANK_BUSINESS,
         (("Ownership share at least 25%", None if ownership is None else ownership >= 25, ("ownership_pct",)),),
         conds=("CPA letter or business license confirming ownership",))
    required = v["required_reserves"]
    rule("reserves", "Reserves", "§6.3, p. 13", 184, "", (), True,
         (("Reserves at least Required reserves", None if reserves is None or required is None else reserves >= required,
           ("reserves_months", "required_reserves")),))
    rule("loan_amount_range", "Loan amount", "§7.1, p. 14", 190, "", (), True,
         (("Loan amount at least $150,000 and Loan amount at most $3,000,000",
           None if amount is None else 150_000 <= amount <= 3_000_000, ("loan_amount",)),))
    rule("property_types", "Property types", "§7.2, p. 14", 194, "", (), True,
         (("Property type is sfr, pud, townhome, condo_warrantable, condo_non_warrantable or two_to_four_unit",
           None if property_type is None else property_type in _PROPERTY_TYPES, ("property_type",)),))
    rule("excluded_states", "State restrictions", "§7.3, p. 14", 198, "", (), True,
         (("State is not ND, SD or NV", None if loan.state is None else loan.state not in _EXCLUDED_STATES, ("state",)),))
    rule("second_appraisal", "Second appraisal", "§7.4, p. 15", 202, "Loan amount more than $2,000,000", ("loan_amount",),
         None if amount is None else amount > 2_000_000, conds=("Second full appraisal",))

    # a matrix key outside the bands that a rule which applies fails on: the rule's failure is the reason given
    for i, (key, why) in outside.items():
        blamed = next(((rid, title) for rid, title, reads in failing if key in reads), None)
        if blamed is not None:
            m = findings[i]
            findings[i] = Finding(m.rule_id, m.title, "not_applicable", f"{why}; see {blamed[1]} ({blamed[0]}).",
                                  m.citation, m.source)

    # limits: the lowest cell, less 5% per reduction (the lowest candidate wins), capped; then each limit's check
    limits: list[LimitResult] = []
    for lid, ltitle, on, where in _LIMITS:
        by_matrix = lid in _BY_MATRIX
        if by_matrix and refused is not None:  # a matrix that applies turns the loan down: no limit
            said = f"not eligible under {refused[0]}: {refused[2]}"
            limits.append(LimitResult(lid, ltitle, None, None, said, (), "not_eligible"))
            add(Finding(lid, ltitle, "not_applicable", f"No limit: {said}.", refused[1], where))
            continue
        if by_matrix and unread is not None:  # a matrix not read: the limit is unknown whatever the caps
            limits.append(LimitResult(lid, ltitle, None, None, unread[2], (), "unknown"))
            add(Finding(lid, ltitle, "missing", f"Cannot tell the maximum: {unread[2]}.", unread[1], where, unread[3]))
            continue
        result = _limit(lid, ltitle, base if by_matrix else None, adjusting, certain_only=False)
        limits.append(result)
        cite = citations.get(result.binding_rule or "", "")
        if result.value is None:
            add(Finding(lid, ltitle, "not_applicable", "No limit applies to this loan.", cite, where))
            continue
        actual, on_title = f.get(on), _NAMES[on][0]
        maximum = _fmt(result.value, _NAMES[on][1])
        if on in invalid:
            add(Finding(lid, ltitle, "fail", f"{on_title} {invalid[on]}; the maximum is {maximum}.", cite, where))
            continue
        if actual is None:
            add(Finding(lid, ltitle, "missing", f"{on_title} is unknown; the maximum is {maximum}.", cite, where,
                        f.missing(on)))
            continue
        shown = f"{on_title} {f.show(on)}"
        if actual <= result.value:
            add(Finding(lid, ltitle, "pass", f"{shown} is within the maximum {maximum} ({result.description}).", cite,
                        where))
            continue
        certain = _limit(lid, ltitle, base if by_matrix else None, adjusting, certain_only=True)
        if certain.value is None or actual <= certain.value:
            binding = result.binding_rule
            add(Finding(lid, ltitle, "missing", f"{shown} exceeds {maximum} only if {binding} applies, which depends on "
                        f"unknown data ({result.description}).", cite, where,
                        f.missing(*_WHEN_INPUTS.get(binding or "", ()))))
        else:
            add(Finding(lid, ltitle, "fail", f"{shown} exceeds the maximum {maximum} ({result.description}).", cite, where))

    outcomes = {x.outcome for x in findings}
    status = "ineligible" if "fail" in outcomes else "needs_info" if "missing" in outcomes or "review" in outcomes \
        else "eligible"
    derived = tuple(DerivedValue(name, _NAMES[name][0], _shown(values[name], places), {d: f.show(d) for d in inputs})
                    for name, places, inputs, _needs in _VALUES)
    return Decision(PROGRAM, status, tuple(findings), tuple(conditions), derived, tuple(limits))  # type: ignore[arg-type]


def _limit(lid: str, title: str, base: tuple[str, Decimal, str] | None,
           adjusting: list[tuple[str, bool | None, tuple[tuple[str, Decimal], ...]]], certain_only: bool) -> LimitResult:
    """A limit: the base cell, each reduction as its own candidate, each cap; the lowest binds. `certain_only`: only
    the adjustments of rules known to apply."""
    cands: list[LimitCandidate] = []
    if base is not None:
        cands.append(LimitCandidate(base[0], base[1], base[2]))
        for rid, applies, adjs in adjusting:
            if certain_only and applies is not True:
                continue
            for kind, amount in adjs:
                if kind == f"reduce_{lid}":
                    cands.append(LimitCandidate(rid, base[1] - amount, f"{base[2]} less {amount}% ({rid})"))
    for rid, applies, adjs in adjusting:
        if certain_only and applies is not True:
            continue
        for kind, amount in adjs:
            if kind == f"cap_{lid}":
                cands.append(LimitCandidate(rid, amount, f"capped at {amount}% ({rid})"))
    if not cands:
        return LimitResult(lid, title, None, None, "no limit applies", (), "none")
    best = min(cands, key=lambda c: c.value)
    return LimitResult(lid, title, best.value, best.rule_id, best.description, tuple(cands))


def _met(rid: str, title: str, cite: str, where: str, outcome: str, reqs: list[Requirement], f: _Loan,
         verb: str) -> Finding:
    names: list[str] = []
    for _text, _ok, inputs in reqs:
        names.extend(n for n in inputs if n not in names)
    seen = f.actuals(*names)
    text = "; ".join(q[0] for q in reqs)
    gone = f.missing(*names) if outcome == "missing" else ()
    return Finding(rid, title, outcome, f"{verb}: {text}" + (f" ({seen})." if seen else "."), cite, where, gone)  # type: ignore[arg-type]
