"""keystone_bank_statement in two rule engines: GoRules ZEN (a decision graph) and rule-engine (expressions).

Both decide from a context: the loan's fields plus the derived values the rules compare (LTV, DTI,
reserves, months since each kind of credit event, late payments in the last 12 months), computed in exact
Decimal by `context`, whose cost is counted in each engine's time. A value outside its domain or over a
zero denominator (docs/language.md 3.4) is given as null with `<value>_invalid` true: a requirement or limit
reading it is not met. The engines do the rest: which matrix applies and its cell, every rule, the limit after
reductions and caps (lowest wins, with its binding rule), the limit checks and the status. A matrix that applies
and refuses the loan (an N/A cell, a key outside its bands) leaves no limit (caps do not stand in) and fails the
loan, unless a failing rule reads the key found outside (`POINTS`): the matrix points to that rule instead
(docs/language.md 8.1, 9.5, 17). Engines have no notion of unknown data, so they are compared on complete
loans (every value the program reads known: no limit is ever `unknown`); benchmarks/run.py checks that they
agree with the generated `check_fast` on every one of those loans (second liens among them: `cltv` counts the
senior liens), and on `edge_loans` (invalid values, zero denominators), before timing them.

ZEN takes no Decimal: `zen_input` converts the context to float (counted). The ZEN graph is
benchmarks/zen_keystone.json, written by `python benchmarks/peers.py` from the program's matrix cells
(`generated.keystone_bank_statement.META`) and the rule expressions below.
"""

from __future__ import annotations

import json
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from generated import _runtime as rt  # noqa: E402
from generated import keystone_bank_statement as ks  # noqa: E402

ZEN_GRAPH = Path(__file__).resolve().parent / "zen_keystone.json"
NEVER = Decimal(9999)  # months since an event that never happened
SEASONING = (("fc",), ("ss", "dil", "mod"), ("nod", "dq120"), ("bk7", "bk11"), ("bk13",))
FIELDS = ("loan_amount", "purpose", "occupancy", "property_type", "state", "fico", "interest_only", "declining_market",
          "rural", "fthb", "rent_free", "housing_history_months", "housing_verification", "in_forbearance",
          "payments_since_forbearance", "borrower_contribution_pct", "doc_type", "ownership_pct")
VALUES = ("ltv", "cltv", "dti", "reserves_months", "payment_shock", "required_reserves")

# The matrices' applicability, as the guideline states it (occupancy, purposes; None: any purpose).
APPLIES = {
    "primary_purchase": ("primary", ("purchase",)),
    "primary_rate_term": ("primary", ("rate_term",)),
    "primary_cash_out": ("primary", ("cash_out",)),
    "second_home": ("second_home", ("purchase", "rate_term")),
    "investment": ("investment", None),
}

# Each rule's failure, over the context (the same text is valid in ZEN's and rule-engine's languages).
FAILS = (
    ("interest_only", "interest_only and fico < 680"),
    ("min_fico", "fico < 660"),
    ("max_dti", "dti_invalid or ltv_invalid or reserves_months_invalid"
                " or not (dti <= 50 or (fico >= 720 and ltv <= 80 and reserves_months >= 12 and not fthb and dti <= 55))"),
    ("credit_event_seasoning", "months_fc < 36 or months_ss_dil_mod < 24 or months_nod_dq120 < 12 or months_bk7_bk11 < 24"
                               " or months_bk13 < 12"),
    ("housing_history_12_months", "not rent_free and (housing_history_months < 12 or lates_30_12 > 1"
                                  " or not (housing_verification in ['vom', 'vor', 'bank_records']))"),
    ("forbearance", "in_forbearance"),
    ("after_forbearance", "forbearance_ended and purpose in ['purchase', 'rate_term'] and payments_since_forbearance < 2"),
    ("rent_free", "rent_free and borrower_contribution_pct < 10"),
    ("fthb_payment_shock", "fthb and (payment_shock_invalid or payment_shock > 250)"),
    ("doc_types", "not (doc_type in ['bank_stmt_personal_12', 'bank_stmt_personal_24', 'bank_stmt_business_12',"
                  " 'bank_stmt_business_24'])"),
    ("business_ownership", "doc_type in ['bank_stmt_business_12', 'bank_stmt_business_24'] and ownership_pct < 25"),
    ("reserves", "reserves_months_invalid or reserves_months < required_reserves"),
    ("loan_amount_range", "loan_amount < 150000 or loan_amount > 3000000"),
    ("property_types", "not (property_type in ['sfr', 'pud', 'townhome', 'condo_warrantable', 'condo_non_warrantable',"
                       " 'two_to_four_unit'])"),
    ("excluded_states", "state in ['ND', 'SD', 'NV']"),
)
REVIEW = ("after_forbearance_cash_out", "forbearance_ended and purpose == 'cash_out'")
REDUCTIONS = (("non_warrantable_condo", "property_type == 'condo_non_warrantable'"), ("interest_only", "interest_only"),
              ("declining_market", "declining_market"))
CAPS = (("non_warrantable_condo", "property_type == 'condo_non_warrantable'", 80), ("rural", "rural", 75),
        ("rent_free", "rent_free", 80))
# The limits the matrices give (the same cell for both), each checked on its value: (limit, value).
CHECKS = (("max_ltv", "ltv"), ("max_cltv", "cltv"))
# A matrix key found outside the bands: the rules reading that key which, when they fail, report it in the
# matrix's place (the matrix's finding points to them).
POINTS = {"fico": ("interest_only", "min_fico", "max_dti"), "loan_amount": ("loan_amount_range",)}


# Complete loans the benchmark generator does not make, each change applied to `EDGE_LOANS` complete loans:
# values outside their domain and quotients over a zero denominator (a rule or limit reading them is not met).
EDGES = (
    {"pitia": 0},  # reserves_months undefined
    {"appraised_value": 0, "purchase_price": 0},  # property value $0: ltv and cltv undefined
    {"current_housing_payment": 0, "fthb": True},  # payment_shock undefined
    {"total_deposits": 0, "monthly_income": 0},  # qualifying income $0 or less: outside its domain, dti invalid
)
EDGE_LOANS = 40


def edge_loans(complete: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Loan dicts: each of `EDGES` over the first `EDGE_LOANS` complete loans."""
    return [{**loan, **change} for change in EDGES for loan in complete[:EDGE_LOANS]]


def context(loan: Any) -> dict[str, Any] | None:
    """The loan's fields and derived values the rules read, exact; None when any is unknown (not a complete loan)."""
    ctx: dict[str, Any] = {name: getattr(loan, name) for name in FIELDS}
    for name in ("purpose", "occupancy", "property_type", "state", "housing_verification", "doc_type"):
        if ctx[name] is not None:
            ctx[name] = str(ctx[name])  # plain strings: rule-engine does not match enum members
    invalid: dict[str, Any] = {}
    v = ks.values(loan, invalid=invalid)
    for name in VALUES:
        ctx[name] = v[name]
        ctx[name + "_invalid"] = name in invalid  # known, but outside its domain or undefined: null
    as_of = loan.application_date
    for kinds in SEASONING:
        months = rt.months_since_latest(loan.credit_events, "kind", "completed_on", kinds, as_of)
        ctx["months_" + "_".join(kinds)] = NEVER if months == rt.NEVER else months
    ctx["lates_30_12"] = rt.count_lates(loan.housing_lates, "days_late", "due_on", 30, 12, as_of)
    ctx["forbearance_ended"] = loan.forbearance_end is not None
    if any(x is None and not ctx.get(name + "_invalid") for name, x in ctx.items()):
        return None
    return ctx


def zen_input(ctx: dict[str, Any]) -> dict[str, Any]:
    """ZEN's input: Decimals as floats."""
    return {k: float(x) if isinstance(x, Decimal) else x for k, x in ctx.items()}


# ------------------------------------------------------------------ ZEN


def _unary(low: Decimal | None, high: Decimal | None) -> str:
    if low is None:
        return f"<= {high}"
    if high is None:
        return f">= {low}"
    return f"[{low}..{high}]"


def zen_graph() -> dict[str, Any]:
    """The decision graph: input -> matrix decision table -> limits, rules and status (expressions) -> output.

    The table gives the cell of the matrix that applies (null: N/A, or a key outside the bands, named by `outside`,
    rows before columns); the last row, no matrix applies.
    """
    rows: list[dict[str, str]] = []
    for m in ks.META.matrices:
        occupancy, purposes = APPLIES[m.id]
        when = {"occupancy": f'"{occupancy}"', "purpose": ", ".join(f'"{p}"' for p in purposes) if purposes else ""}
        (row_key, fico_axis), (col_key, amount_axis) = ((axis.inputs[0], axis) for axis in m.axes)
        for r, fico_band in enumerate(fico_axis.bands):
            for c, amount_band in enumerate(amount_axis.bands):
                cell = m.cells[r][c][0]
                rows.append({**when, row_key: _unary(fico_band[0], fico_band[2]),
                             col_key: _unary(amount_band[0], amount_band[2]),
                             "cell": "null" if cell is None else str(cell[0][1]), "matrix": f'"{m.id}"', "outside": "null"})
        for fico_band in fico_axis.bands:  # the row's key in a band, the column's in none
            rows.append({**when, row_key: _unary(fico_band[0], fico_band[2]), col_key: "", "cell": "null",
                         "matrix": f'"{m.id}"', "outside": f'"{col_key}"'})
        rows.append({**when, row_key: "", col_key: "", "cell": "null", "matrix": f'"{m.id}"', "outside": f'"{row_key}"'})
    rows.append({"occupancy": "", "purpose": "", "fico": "", "loan_amount": "", "cell": "null",
                 "matrix": '"eligibility_matrix"', "outside": "null"})
    inputs = ["occupancy", "purpose", "fico", "loan_amount"]
    outputs = ["cell", "matrix", "outside"]
    table = {
        "hitPolicy": "first", "passThrough": True, "inputField": None, "outputPath": None, "executionMode": "single",
        "inputs": [{"id": f"in_{name}", "name": name, "field": name} for name in inputs],
        "outputs": [{"id": f"out_{name}", "name": name, "field": name} for name in outputs],
        "rules": [{"_id": f"row{i}", **{f"in_{k}": row[k] for k in inputs}, **{f"out_{k}": row[k] for k in outputs}}
                  for i, row in enumerate(rows)],
    }
    reduce_rule = "null"
    for rid, cond in reversed(REDUCTIONS):
        reduce_rule = f"({cond}) ? '{rid}' : {reduce_rule}"
    exprs = [(f"fails_{rid}", cond) for rid, cond in FAILS]
    pointed = " or ".join(f"(outside == '{key}' and ({' or '.join(f'$.fails_{rid}' for rid in rids)}))"
                          for key, rids in POINTS.items())
    exprs += [
        ("refused", "cell == null and matrix != 'eligibility_matrix'"),  # no limit: caps do not stand in
        ("matrix_fails", f"cell == null and not ({pointed})"),
        ("reduced_by", reduce_rule),
        ("limit0", "cell == null ? null : ($.reduced_by != null ? cell - 5 : cell)"),
        ("rule0", "cell == null ? null : ($.reduced_by != null ? $.reduced_by : matrix)"),
    ]
    for i, (rid, cond, cap) in enumerate(CAPS, start=1):
        exprs.append((f"limit{i}", f"({cond}) and ($.limit{i - 1} == null or {cap} < $.limit{i - 1}) ? {cap} : $.limit{i - 1}"))
        exprs.append((f"rule{i}", f"({cond}) and ($.limit{i - 1} == null or {cap} < $.limit{i - 1}) ? '{rid}' : $.rule{i - 1}"))
    last = len(CAPS)
    fails = ["$.matrix_fails ? matrix : null"] + [f"$.fails_{rid} ? '{rid}' : null" for rid, _ in FAILS] + [
        f"$.max_ltv != null and ({on}_invalid or {on} > $.max_ltv) ? '{lid}' : null" for lid, on in CHECKS]
    exprs += [
        ("max_ltv", f"$.refused ? null : $.limit{last}"), ("binding_rule", f"$.refused ? null : $.rule{last}"),
        ("failed", "filter([" + ", ".join(fails) + "], # != null)"),
        ("unresolved", f"({REVIEW[1]}) ? ['{REVIEW[0]}'] : []"),
        ("status", "len($.failed) > 0 ? 'ineligible' : (len($.unresolved) > 0 ? 'needs_info' : 'eligible')"),
    ]
    decide = {"passThrough": False, "inputField": None, "outputPath": None, "executionMode": "single",
              "expressions": [{"id": key, "key": key, "value": value} for key, value in exprs]}
    at = {"x": 0, "y": 0}
    nodes = [
        {"id": "request", "type": "inputNode", "name": "request", "position": at},
        {"id": "matrix", "type": "decisionTableNode", "name": "matrix", "position": at, "content": table},
        {"id": "decide", "type": "expressionNode", "name": "decide", "position": at, "content": decide},
        {"id": "response", "type": "outputNode", "name": "response", "position": at},
    ]
    edges = [{"id": f"e{i}", "sourceId": a, "targetId": b, "type": "edge"}
             for i, (a, b) in enumerate((("request", "matrix"), ("matrix", "decide"), ("decide", "response")))]
    return {"nodes": nodes, "edges": edges}


def zen_engine() -> Any:
    """The fast path: an engine with a loader, then `engine.evaluate(key, input)` per loan."""
    import zen

    doc = ZEN_GRAPH.read_text(encoding="utf-8")
    return zen.ZenEngine({"loader": lambda key: doc})


def zen_check(engine: Any, loan: Any) -> tuple[str, Any, tuple[str, ...], tuple[str, ...]]:
    ctx = context(loan)
    assert ctx is not None
    out = engine.evaluate("keystone", zen_input(ctx))["result"]
    limit = None if out.get("max_ltv") is None else (out["max_ltv"], out["binding_rule"])
    return out["status"], limit, tuple(out["failed"]), tuple(out["unresolved"])


# ------------------------------------------------------------------ rule-engine


class RuleEngineChecker:
    """Compiled `rule_engine.Rule`s: each matrix's applicability and bands, each rule's failure, reductions, caps
    and limit checks."""

    def __init__(self) -> None:
        import rule_engine

        rule = rule_engine.Rule
        self.matrices = []
        for m in ks.META.matrices:
            occupancy, purposes = APPLIES[m.id]
            when = f"occupancy == '{occupancy}'" + (f" and purpose in {list(purposes)!r}" if purposes else "")
            axes = [(axis.inputs[0], [rule(self._band(axis.inputs[0], b[0], b[2])) for b in axis.bands]) for axis in m.axes]
            self.matrices.append((m.id, rule(when), axes, m.cells))
        self.fails = [(rid, rule(cond)) for rid, cond in FAILS]
        self.review = (REVIEW[0], rule(REVIEW[1]))
        self.reductions = [(rid, rule(cond)) for rid, cond in REDUCTIONS]
        self.caps = [(rid, rule(cond), Decimal(cap)) for rid, cond, cap in CAPS]
        self.checks = [(lid, rule(f"{on}_invalid or {on} > limit")) for lid, on in CHECKS]

    @staticmethod
    def _band(name: str, low: Decimal | None, high: Decimal | None) -> str:
        parts = ([f"{name} >= {low}"] if low is not None else []) + ([f"{name} <= {high}"] if high is not None else [])
        return " and ".join(parts)

    def check(self, loan: Any) -> tuple[str, Any, tuple[str, ...], tuple[str, ...]]:
        ctx = context(loan)
        assert ctx is not None
        failed = [rid for rid, fails in self.fails if fails.matches(ctx)]
        refusals: list[str] = []  # the matrices that refuse the loan and are not pointed past
        base: tuple[str, Decimal] | None = None
        matched = refused = False
        for mid, applies, axes, cells in self.matrices:
            if not applies.matches(ctx):
                continue
            matched = True
            place: list[int] = []
            for key, bands in axes:  # rows, then columns: the first key outside its bands decides
                i = next((i for i, band in enumerate(bands) if band.matches(ctx)), None)
                if i is None:
                    refused = True
                    if not any(rid in failed for rid in POINTS[key]):
                        refusals.append(mid)
                    break
                place.append(i)
            else:
                cell = cells[place[0]][place[1]][0]
                if cell is None:  # N/A
                    refused = True
                    refusals.append(mid)
                else:
                    base = (mid, cell[0][1])
        if not matched:
            refusals.append("eligibility_matrix")
        failed = refusals + failed
        best = None
        if not refused:
            best = base
            if base is not None:
                reducer = next((rid for rid, applies in self.reductions if applies.matches(ctx)), None)
                if reducer is not None:
                    best = (reducer, base[1] - 5)
            for rid, applies, cap in self.caps:
                if applies.matches(ctx) and (best is None or cap < best[1]):
                    best = (rid, cap)
        if best is not None:
            failed += [lid for lid, over in self.checks if over.matches({**ctx, "limit": best[1]})]
        unresolved = (self.review[0],) if self.review[1].matches(ctx) else ()
        status = "ineligible" if failed else "needs_info" if unresolved else "eligible"
        return status, None if best is None else (best[1], best[0]), tuple(failed), unresolved


def expected(verdict: rt.Verdict) -> tuple[str, Any, tuple[str, ...], tuple[str, ...]]:
    """The generated verdict in the peers' shape: (status, (max LTV, binding rule) or None, failed, unresolved)."""
    value, rule = verdict.limits[0][1], verdict.limits[0][2]
    return verdict.status, None if value is None else (value, rule), verdict.failed, verdict.unresolved


if __name__ == "__main__":
    ZEN_GRAPH.write_text(json.dumps(zen_graph(), indent=1) + "\n", encoding="utf-8")
    print(f"wrote {ZEN_GRAPH.relative_to(ROOT)}")
