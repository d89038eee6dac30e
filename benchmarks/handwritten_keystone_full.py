"""Bank Statement Select (keystone_bank_statement) written by hand, full path: the same Decision as the generated `check`.

What a careful engineer would write to return what `generated.keystone_bank_statement.check` returns, without
the compiler: the runtime's public data classes (Decision, Finding, Condition, DerivedValue, LimitResult,
LimitCandidate) and its formatting helper `fmt` (values as underwriters read them), exact Decimal arithmetic,
each rule written out with its wording, every finding's message built as it is decided (eagerly, with
f-strings), the limits with every candidate. benchmarks/run.py verifies `check(loan).to_dict()` equals the
generated checker's on every benchmark loan before timing either.

    from benchmarks.handwritten_keystone_full import check
    decision = check(loan)   # loan: generated.loan.Loan; a generated._runtime.Decision
"""

from __future__ import annotations

from decimal import ROUND_FLOOR, Decimal
from typing import Any

from benchmarks.handwritten_keystone import (
    _BANK_BUSINESS,
    _BANK_PERSONAL,
    _DOWN,
    _EXCLUDED_STATES,
    _HUNDRED,
    _MATRICES,
    _PROPERTY_TYPES,
    _SEASONING,
    _UP,
    _VERIFICATION,
    _column,
    _lates_ok,
    _ratio,
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
from generated._runtime.values import fmt

_GUIDE = "programs/keystone_bank_statement.guideline"
PROGRAM = ProgramInfo(
    "keystone_bank_statement", "Bank Statement Select", "Keystone Non-QM Capital", None, "Bank Statement", "2026.1",
    "2026-01-01", "Keystone Non-QM Capital, Bank Statement Select Underwriting Guide v2026.1",
    "0cee9acb84be645577cd7b5a2e5419992fb07feb4b1ea7fb0cf9a7ec030f871e")  # sha256 of the guideline file it follows

# How messages name and show each field and value: (title, kind, unit).
_NAMES: dict[str, tuple[str, str, str]] = {
    "application_date": ("Application date", "date", ""),
    "appraised_value": ("Appraised value", "money", "USD"),
    "borrower_contribution_pct": ("Borrower contribution", "percent", ""),
    "cltv": ("CLTV", "percent", ""),
    "cpa_expense_ratio": ("CPA expense ratio", "percent", ""),
    "credit_events": ("Credit events", "list", ""),
    "current_housing_payment": ("Current housing payment", "money", "USD per month"),
    "declining_market": ("Declining market", "yesno", ""),
    "doc_type": ("Documentation type", "enum", ""),
    "dscr": ("DSCR", "ratio", ""),
    "dti": ("DTI", "percent", ""),
    "eligible_deposits": ("Eligible deposits", "money", "USD"),
    "excluded_nonrecurring": ("Non-recurring deposits excluded", "money", "USD"),
    "excluded_transfers": ("Transfers excluded", "money", "USD"),
    "fico": ("Credit score", "integer", "points"),
    "forbearance_end": ("Forbearance end", "date", ""),
    "fthb": ("First-time home buyer", "yesno", ""),
    "housing_history_months": ("Housing history documented", "months", "months"),
    "housing_lates": ("Late housing payments", "list", ""),
    "housing_verification": ("Housing verification", "enum", ""),
    "in_forbearance": ("In forbearance", "yesno", ""),
    "interest_only": ("Interest-only", "yesno", ""),
    "lease_rent": ("Lease rent", "money", "USD per month"),
    "liquid_assets": ("Assets after closing", "money", "USD"),
    "loan_amount": ("Loan amount", "money", "USD"),
    "ltv": ("LTV", "percent", ""),
    "market_rent": ("Market rent (1007)", "money", "USD per month"),
    "monthly_debts": ("Other monthly debts", "money", "USD per month"),
    "monthly_income": ("Documented monthly income", "money", "USD per month"),
    "occupancy": ("Occupancy", "enum", ""),
    "ownership_pct": ("Ownership share", "percent", ""),
    "payment_shock": ("Payment shock", "percent", ""),
    "payments_since_forbearance": ("Payments since forbearance", "integer", "payments"),
    "pitia": ("PITIA", "money", "USD per month"),
    "property_type": ("Property type", "enum", ""),
    "property_value": ("Property value", "money", "USD"),
    "purchase_price": ("Purchase price", "money", "USD"),
    "purpose": ("Loan purpose", "enum", ""),
    "qualifying_income": ("Qualifying monthly income", "money", "USD per month"),
    "rent_free": ("Living rent-free", "yesno", ""),
    "required_reserves": ("Required reserves", "months", "months"),
    "reserves_months": ("Reserves", "months", "months"),
    "rural": ("Rural property", "yesno", ""),
    "state": ("State", "enum", ""),
    "statement_months": ("Statement months", "months", "months"),
    "subordinate_liens": ("Subordinate liens", "money", "USD"),
    "total_deposits": ("Total deposits", "money", "USD"),
}
# Derived values: (id, decimals shown, the fields and values each is computed from), in the guide's order.
_VALUES = (
    ("property_value", 2, ("purpose", "purchase_price", "appraised_value")),
    ("ltv", 2, ("loan_amount", "property_value")),
    ("cltv", 2, ("loan_amount", "subordinate_liens", "property_value")),
    ("eligible_deposits", 2, ("total_deposits", "excluded_transfers", "excluded_nonrecurring")),
    ("qualifying_income", 2, ("doc_type", "eligible_deposits", "statement_months", "cpa_expense_ratio", "ownership_pct",
                              "monthly_income")),
    ("dti", 2, ("pitia", "monthly_debts", "qualifying_income")),
    ("reserves_months", 2, ("liquid_assets", "pitia")),
    ("payment_shock", 2, ("pitia", "current_housing_payment")),
    ("required_reserves", 0, ("loan_amount",)),
    ("dscr", 3, ("lease_rent", "market_rent", "pitia")),
)
_DEPENDS = {name: inputs for name, _places, inputs in _VALUES}
_STEPS = {0: Decimal(1), 2: Decimal("0.01"), 3: Decimal("0.001")}

_FICO_BANDS = ("740+", "720-739", "700-719", "680-699", "660-679")
_AMOUNT_BANDS = ("up to $1,000,000", "$1,000,001-$1,500,000", "$1,500,001-$2,000,000", "$2,000,001-$3,000,000")
# (id, title, citation, line, when, wide: the fourth loan-amount column)
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
_SEASONING_TEXT = "; ".join(
    f"months since the latest Credit events ({', '.join(kinds)}) at least {months} months" for kinds, months in _SEASONING)
_LIMITS = (("max_ltv", "Max LTV", "ltv", "programs/loan.fields:309"),
           ("max_cltv", "Max CLTV", "cltv", "programs/loan.fields:310"))


class _Loan:
    """One loan's facts as messages quote them: each field's and value's text worked out once."""

    __slots__ = ("loan", "shown", "values")

    def __init__(self, loan: Any, values: dict[str, Any]) -> None:
        self.loan, self.values = loan, values
        self.shown: dict[str, str] = {}

    def get(self, name: str) -> Any:
        return self.values[name] if name in _DEPENDS else getattr(self.loan, name)

    def show(self, name: str) -> str:
        text = self.shown.get(name)
        if text is None:
            v = self.get(name)
            kind = _NAMES[name][1]
            if v is None:
                text = "unknown"
            elif kind == "enum":
                text = str(v)
            elif kind == "yesno":
                text = "yes" if v else "no"
            elif kind == "list":
                text = f"{len(v)} listed"
            elif kind == "integer":
                text = str(v)
            elif kind == "percent":
                text = f"{v:f}%"
            elif kind == "money" and v == v.to_integral_value():
                text = f"${v:,.0f}" + ("/month" if _NAMES[name][2] == "USD per month" else "")
            else:
                text = fmt(Decimal(v) if type(v) is int else v, kind, _NAMES[name][2])
            self.shown[name] = text
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
        """The unknown loan fields behind the names (through unknown derived values)."""
        out: list[str] = []
        seen: set[str] = set()
        stack = list(reversed(names))
        while stack:
            name = stack.pop()
            if name in seen:
                continue
            seen.add(name)
            if name in _DEPENDS:
                if self.values[name] is None:
                    stack.extend(reversed(_DEPENDS[name]))
            elif getattr(self.loan, name) is None:
                out.append(name)
        return tuple(out)


def _values(loan: Any) -> dict[str, Any]:
    purpose, amount, pitia = loan.purpose, loan.loan_amount, loan.pitia
    if purpose is None:
        value = None
    elif purpose == "purchase":
        price, appraised = loan.purchase_price, loan.appraised_value
        value = None if price is None or appraised is None else min(price, appraised)
    else:
        value = loan.appraised_value
    liens = loan.subordinate_liens
    deposits = loan.total_deposits
    if deposits is not None and loan.excluded_transfers is not None and loan.excluded_nonrecurring is not None:
        deposits = deposits - loan.excluded_transfers - loan.excluded_nonrecurring
    else:
        deposits = None
    doc_type = loan.doc_type
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
        income = None if loan.monthly_income is None else loan.monthly_income.quantize(_STEPS[2], rounding=ROUND_FLOOR)
    debts = loan.monthly_debts
    if amount is None:
        required = None
    else:
        required = Decimal(3) if amount <= 1_000_000 else Decimal(6) if 1_000_001 <= amount <= 2_000_000 else \
            Decimal(12) if amount >= 2_000_001 else None
    rent, market = loan.lease_rent, loan.market_rent
    rent = market if rent is None else rent
    if rent is None or market is None or pitia is None or not pitia:
        dscr = None
    else:
        dscr = _DOWN.divide(min(rent, market), pitia).quantize(_STEPS[3], rounding=ROUND_FLOOR)
    return {
        "property_value": value,
        "ltv": None if amount is None else _ratio(amount * _HUNDRED, value, _UP),
        "cltv": None if amount is None or liens is None else _ratio((amount + liens) * _HUNDRED, value, _UP),
        "eligible_deposits": deposits,
        "qualifying_income": income,
        "dti": None if pitia is None or debts is None else _ratio((pitia + debts) * _HUNDRED, income, _UP),
        "reserves_months": _ratio(loan.liquid_assets, pitia, _DOWN),
        "payment_shock": None if pitia is None else _ratio(pitia * _HUNDRED, loan.current_housing_payment, _UP),
        "required_reserves": required,
        "dscr": dscr,
    }


def _shown(v: Any, places: int) -> Decimal | None:
    """A derived value with exactly its declared decimals when that changes only trailing zeros."""
    if v is None or isinstance(v, bool):
        return None
    d = Decimal(v)
    if d.is_infinite():
        return d
    exact = d.quantize(_STEPS[places], rounding=ROUND_FLOOR)
    return exact if exact == d else d


def check(loan: Any) -> Decision:
    """The Decision of Bank Statement Select 2026.1 for a loan (generated.loan.Loan)."""
    values = _values(loan)
    f = _Loan(loan, values)
    findings: list[Finding] = []
    conditions: list[Condition] = []
    add = findings.append
    purpose, occupancy, fico, amount = loan.purpose, loan.occupancy, loan.fico, loan.loan_amount

    # 2 Eligibility matrices: the one that applies gives the base max LTV/CLTV
    primary = None if occupancy is None else occupancy == "primary"

    def both(a: bool | None, b: bool | None) -> bool | None:
        return False if a is False or b is False else None if a is None or b is None else True

    applies_by_matrix = (
        both(primary, None if purpose is None else purpose == "purchase"),
        both(primary, None if purpose is None else purpose == "rate_term"),
        both(primary, None if purpose is None else purpose == "cash_out"),
        both(None if occupancy is None else occupancy == "second_home",
             None if purpose is None else purpose in ("purchase", "rate_term")),
        None if occupancy is None else occupancy == "investment",
    )
    base: tuple[str, Decimal, str] | None = None  # (matrix, cell, description)
    covered: bool | None = False
    unread: tuple[str, str, tuple[str, ...]] | None = None  # a matrix not read: its citation, what it needs, the fields
    citations: dict[str, str] = {}
    for (mid, title, cite, line, when, when_inputs, wide), applies in zip(_MATRIX_INFO, applies_by_matrix, strict=True):
        where = f"{_GUIDE}:{line}"
        citations[mid] = cite
        if applies is False:
            add(Finding(mid, title, "not_applicable", f"Applies when {when}.", cite, where))
            continue
        if applies is None:
            covered = None if covered is False else covered
            add(Finding(mid, title, "missing", f"Cannot tell whether it applies: {f.actuals(*when_inputs)}.", cite, where,
                        f.missing(*when_inputs)))
            unread = unread or (cite, f"{title} needs " + " and ".join(
                _NAMES[n][0] for n in when_inputs if f.show(n) == "unknown"), f.missing(*when_inputs))
            continue
        covered = True
        if fico is None:
            keys = ("fico", "loan_amount") if amount is None else ("fico",)
            said = " and ".join(_NAMES[n][0] for n in keys)
            add(Finding(mid, title, "missing", f"Cannot tell which line applies: {said} unknown.", cite, where, keys))
            unread = unread or (cite, f"{title} needs {said}", keys)
            continue
        row = _row(fico)
        if row is None:
            add(Finding(mid, title, "fail", f"{f.actuals('fico')} is outside the matrix bands ({', '.join(_FICO_BANDS)}).",
                        cite, where))
            continue
        if amount is None:
            add(Finding(mid, title, "missing", "Cannot tell which line applies: Loan amount unknown.", cite, where,
                        ("loan_amount",)))
            unread = unread or (cite, f"{title} needs Loan amount", ("loan_amount",))
            continue
        col = _column(amount, wide)
        if col is None:
            bands = ", ".join(_AMOUNT_BANDS if wide else _AMOUNT_BANDS[:3])
            add(Finding(mid, title, "fail", f"{f.actuals('loan_amount')} is outside the matrix bands ({bands}).", cite,
                        where))
            continue
        place = f"Credit score {_FICO_BANDS[row]}, Loan amount {_AMOUNT_BANDS[col]}"
        cell = _MATRICES[mid][row][col]
        if cell is None:
            add(Finding(mid, title, "fail", f"Not eligible: {place} is N/A.", cite, where))
            continue
        text = f"{cell}%"
        if base is None or cell < base[1]:
            base = (mid, cell, f"{title}: {place} = {text}")
        add(Finding(mid, title, "pass", f"{place}: {text}.", cite, where))
    if covered is False:
        add(Finding("eligibility_matrix", "Eligibility matrix", "fail",
                    f"No eligibility matrix of this program covers this loan ({f.actuals('occupancy', 'purpose')}).", "",
                    f"{_GUIDE}:20"))

    # 3-7 rules, in the guide's order: (id, title, citation, line, when text, when inputs)
    adjusting: list[tuple[str, bool | None, tuple[tuple[str, Decimal], ...]]] = []  # (rule, applies, (kind, amount))

    def rule(rid: str, title: str, cite: str, line: int, when: str, when_inputs: tuple[str, ...], applies: bool | None,
             requirements: tuple[tuple[str, bool | None, tuple[str, ...]], ...] = (),
             adjustments: tuple[tuple[str, Decimal, str], ...] = (), conds: tuple[str, ...] = (), review: str = "") -> None:
        where = f"{_GUIDE}:{line}"
        citations[rid] = cite
        if applies is False:
            add(Finding(rid, title, "not_applicable", f"Applies when {when}.", cite, where))
            return
        if adjustments:
            adjusting.append((rid, applies, tuple((kind, amount) for kind, amount, _t in adjustments)))
        if applies is True:
            conditions.extend(Condition("document", text, rid, cite) for text in conds)
        failed = [q for q in requirements if q[1] is False]
        unknown = [q for q in requirements if q[1] is None]
        if failed and applies is True:
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

    v = values
    property_type, fthb, doc_type, rent_free = loan.property_type, loan.fthb, loan.doc_type, loan.rent_free
    d5, d80, d75 = Decimal(5), Decimal(80), Decimal(75)
    rule("non_warrantable_condo", "Non-warrantable condo", "§3.1, p. 7", 87, "Property type is condo_non_warrantable",
         ("property_type",), None if property_type is None else property_type == "condo_non_warrantable",
         adjustments=(("reduce_max_ltv", d5, "reduce Max LTV by 5%"), ("reduce_max_cltv", d5, "reduce Max CLTV by 5%"),
                      ("cap_max_ltv", d80, "cap Max LTV at 80%"), ("cap_max_cltv", d80, "cap Max CLTV at 80%")))
    rule("interest_only", "Interest-only", "§3.2, p. 7", 93, "Interest-only", ("interest_only",), loan.interest_only,
         (("Credit score at least 680", None if fico is None else fico >= 680, ("fico",)),),
         (("reduce_max_ltv", d5, "reduce Max LTV by 5%"), ("reduce_max_cltv", d5, "reduce Max CLTV by 5%")))
    rule("declining_market", "Declining market", "§3.3, p. 7", 99, "Declining market", ("declining_market",),
         loan.declining_market,
         adjustments=(("reduce_max_ltv", d5, "reduce Max LTV by 5%"), ("reduce_max_cltv", d5, "reduce Max CLTV by 5%")))
    rule("rural", "Rural property", "§3.4, p. 7", 104, "Rural property", ("rural",), loan.rural,
         adjustments=(("cap_max_ltv", d75, "cap Max LTV at 75%"), ("cap_max_cltv", d75, "cap Max CLTV at 75%")))
    rule("min_fico", "Minimum credit score", "§4.1, p. 8", 111, "", (), True,
         (("Credit score at least 660", None if fico is None else fico >= 660, ("fico",)),))
    dti, ltv, reserves = v["dti"], v["ltv"], v["reserves_months"]
    dti_50 = None if dti is None else dti <= 50
    if dti_50 is True:
        dti_ok: bool | None = True
    else:
        alt = both(both(both(None if fico is None else fico >= 720, None if ltv is None else ltv <= 80),
                        both(None if reserves is None else reserves >= 12, None if fthb is None else not fthb)),
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
         both(ended, None if purpose is None else purpose in ("purchase", "rate_term")),
         (("Payments since forbearance at least 2", None if payments is None else payments >= 2,
           ("payments_since_forbearance",)),))
    rule("after_forbearance_cash_out", "After forbearance, cash-out",
         "§5.2, p. 10 (seed 002 is silent on cash-out after forbearance)", 148,
         "Forbearance end is known and Loan purpose is cash_out", ("forbearance_end", "purpose"),
         both(ended, None if purpose is None else purpose == "cash_out"),
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

    # limits: the matrix cell, less 5% per reduction (the lowest candidate wins), capped; then each limit's check
    limits: list[LimitResult] = []
    for lid, ltitle, on, where in _LIMITS:
        if unread is not None:  # a matrix not read: the limit is unknown whatever the caps (language.md 9.5)
            limits.append(LimitResult(lid, ltitle, None, None, unread[1], (), "unknown"))
            add(Finding(lid, ltitle, "missing", f"Cannot tell the maximum: {unread[1]}.", unread[0], where, unread[2]))
            continue
        result = _limit(lid, ltitle, base, adjusting, certain_only=False)
        limits.append(result)
        cite = citations.get(result.binding_rule or "", "")
        if result.value is None:
            add(Finding(lid, ltitle, "not_applicable", "No limit applies to this loan.", cite, where))
            continue
        actual, on_title = v[on], _NAMES[on][0]
        maximum = fmt(result.value, "percent")
        if actual is None:
            add(Finding(lid, ltitle, "missing", f"{on_title} is unknown; the maximum is {maximum}.", cite, where,
                        f.missing(on)))
            continue
        shown = f"{on_title} {fmt(actual, 'percent')}"
        if actual <= result.value:
            add(Finding(lid, ltitle, "pass", f"{shown} is within the maximum {maximum} ({result.description}).", cite,
                        where))
            continue
        certain = _limit(lid, ltitle, base, adjusting, certain_only=True)
        if certain.value is None or actual <= certain.value:
            binding = result.binding_rule
            inputs = _WHEN_INPUTS.get(binding or "", ())
            add(Finding(lid, ltitle, "missing", f"{shown} exceeds {maximum} only if {binding} applies, which depends on "
                        f"unknown data ({result.description}).", cite, where, f.missing(*inputs)))
        else:
            add(Finding(lid, ltitle, "fail", f"{shown} exceeds the maximum {maximum} ({result.description}).", cite, where))
    limits.append(LimitResult("max_loan_amount", "Max loan amount", None, None, "no limit applies", ()))
    add(Finding("max_loan_amount", "Max loan amount", "not_applicable", "No limit applies to this loan.", "",
                "programs/loan.fields:311"))

    outcomes = {x.outcome for x in findings}
    status = "ineligible" if "fail" in outcomes else "needs_info" if "missing" in outcomes or "review" in outcomes \
        else "eligible"
    derived = tuple(DerivedValue(name, _NAMES[name][0], _shown(values[name], places), {d: f.show(d) for d in inputs})
                    for name, places, inputs in _VALUES)
    return Decision(PROGRAM, status, tuple(findings), tuple(conditions), derived, tuple(limits))  # type: ignore[arg-type]


# what decides whether each adjusting rule applies (a limit that binds only through it names these when unknown)
_WHEN_INPUTS = {"non_warrantable_condo": ("property_type",), "interest_only": ("interest_only",),
                "declining_market": ("declining_market",), "rural": ("rural",), "rent_free": ("rent_free",)}


def _limit(lid: str, title: str, base: tuple[str, Decimal, str] | None,
           adjusting: list[tuple[str, bool | None, tuple[tuple[str, Decimal], ...]]], certain_only: bool) -> LimitResult:
    """A limit: the base cell, each reduction as its own candidate, each cap; the lowest binds."""
    cands: list[LimitCandidate] = []
    if base is not None:
        cands.append(LimitCandidate(base[0], base[1], base[2]))
        for rid, applies, adjs in adjusting:
            if certain_only and applies is not True:
                continue
            for kind, amount in adjs:
                if kind == f"reduce_{lid}":
                    cands.append(LimitCandidate(rid, base[1] - amount, f"{base[2]} less {fmt(amount, 'percent')} ({rid})"))
    for rid, applies, adjs in adjusting:
        if certain_only and applies is not True:
            continue
        for kind, amount in adjs:
            if kind == f"cap_{lid}":
                cands.append(LimitCandidate(rid, amount, f"capped at {fmt(amount, 'percent')} ({rid})"))
    if not cands:
        return LimitResult(lid, title, None, None, "no limit applies", ())
    best = min(cands, key=lambda c: c.value)
    return LimitResult(lid, title, best.value, best.rule_id, best.description, tuple(cands))


def _met(rid: str, title: str, cite: str, where: str, outcome: str, reqs: list[tuple[str, bool | None, tuple[str, ...]]],
         f: _Loan, verb: str) -> Finding:
    names: list[str] = []
    for _text, _ok, inputs in reqs:
        names.extend(n for n in inputs if n not in names)
    seen = f.actuals(*names)
    text = "; ".join(q[0] for q in reqs)
    gone = f.missing(*names) if outcome == "missing" else ()
    return Finding(rid, title, outcome, f"{verb}: {text}" + (f" ({seen})." if seen else "."), cite, where, gone)  # type: ignore[arg-type]
