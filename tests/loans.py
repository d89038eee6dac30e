"""Hypothesis strategies for loans, built from the vocabulary and the programs' own band edges.

Numbers are drawn from every band edge a program uses (each edge, and the edge plus or minus the field's
smallest step), from the field's declared range, and at random; dates a number of months or of days (around 2
weeks, 90 and 180 days, a year) before the application; every field is sometimes unknown.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from hypothesis import strategies as st

from compiler import ir, ir_program

AS_OF = dt.date(2026, 3, 15)


def _edges(bundle: ir_program.Bundle) -> dict[str, set[Decimal]]:
    """Band edges per field or value name, across all programs (matrix axes and lookup keys)."""
    out: dict[str, set[Decimal]] = {}

    def add(expr: ir.Expr, bands: tuple[ir.Band, ...]) -> None:
        if isinstance(expr, (ir.FieldRef, ir.ValueRef)):
            for b in bands:
                for e in (b.low, b.high):
                    if e is not None:
                        out.setdefault(expr.name, set()).add(e)

    for p in bundle.programs:
        axes = [a for m in p.matrices for a in (m.rows, m.columns) if a is not None]
        axes += [v.body.key for v in p.values if isinstance(v.body, ir.Lookup)]
        for axis in axes:  # every numeric key of every axis (several keys per axis, choice keys left out)
            for key, bands in axis.key_bands():
                add(key, bands)
        conditions = [c for v in p.values if isinstance(v.body, ir.Category) for c in v.body.conds]  # category lines
        for node in (n for c in conditions for n in _compares(c)):
            if isinstance(node.left, (ir.FieldRef, ir.ValueRef)) and isinstance(node.right, ir.Const) \
                    and isinstance(node.right.value, Decimal):
                out.setdefault(node.left.name, set()).add(node.right.value)
        for r in p.rules:
            for q in r.requirements:
                for node in _compares(q.test) + [c for a in q.alternatives for c in _compares(a.test) + _compares(a.when)]:
                    if isinstance(node.left, (ir.FieldRef, ir.ValueRef)) and isinstance(node.right, ir.Const) \
                            and isinstance(node.right.value, Decimal):
                        out.setdefault(node.left.name, set()).add(node.right.value)
    return out


def _compares(x: ir.Expr) -> list[ir.Compare]:
    """The comparisons a condition is made of with `and`, `or` and `not` (not those inside other operators)."""
    return [n for n in ir.walk(x, prune=lambda n: not isinstance(n, (ir.And, ir.Or, ir.Not))) if isinstance(n, ir.Compare)]


def _number(f: ir.Field, edges: set[Decimal]) -> st.SearchStrategy[Any]:
    places = f.places if f.places is not None else 2
    step = Decimal(1).scaleb(-places)
    low = f.range.low if f.range and f.range.low is not None else Decimal(0)
    high = f.range.high if f.range and f.range.high is not None else Decimal(10_000_000)
    near = sorted({e + d for e in edges for d in (-step, Decimal(0), step) if low <= e + d <= high})
    integer = f.type.kind in ("integer", "months", "days")
    if integer:
        rand: st.SearchStrategy[Any] = st.integers(int(low), int(min(high, Decimal(10**9))))
        picks: list[Any] = [int(n) for n in near if n == n.to_integral_value()]
    else:
        rand = st.decimals(low, min(high, Decimal(10**8)), places=places, allow_nan=False, allow_infinity=False)
        picks = [n.quantize(step) for n in near]
    options: list[st.SearchStrategy[Any]] = [rand]
    if picks:
        options.insert(0, st.sampled_from(picks))
    return st.one_of(*options)


def _record(r: ir.Record) -> st.SearchStrategy[dict[str, Any]]:
    parts: dict[str, st.SearchStrategy[Any]] = {}
    for f in r.fields:
        if f.type.kind == "date":
            months_ago = st.sampled_from([0, 1, 11, 12, 13, 23, 24, 25, 35, 36, 37, 47, 48, 49, 60, 84])
            parts[f.name] = st.builds(_months_before, months_ago, st.integers(-2, 2))
        elif f.type.kind == "enum":
            parts[f.name] = st.sampled_from(f.type.values)
        else:
            parts[f.name] = _number(f, {Decimal(30), Decimal(60), Decimal(90), Decimal(120)})
    return st.fixed_dictionaries(parts)


def _months_before(months: int, days: int) -> dt.date:
    y, m = divmod(AS_OF.month - 1 - months, 12)
    return dt.date(AS_OF.year + y, m + 1, min(AS_OF.day, 28)) + dt.timedelta(days=days)


DAY_EDGES = [13, 14, 15, 89, 90, 91, 179, 180, 181, 364, 365, 366]  # around 2 weeks, 90 and 180 days, a year


def _days_before(days: int) -> dt.date:
    return AS_OF - dt.timedelta(days=days)


def loans(bundle: ir_program.Bundle) -> st.SearchStrategy[dict[str, Any]]:
    """Loan dicts that the generated `Loan` model accepts."""
    edges = _edges(bundle)
    vocab = bundle.vocabulary
    records = {r.name: r for r in vocab.records}
    parts: dict[str, st.SearchStrategy[Any]] = {}
    for f in vocab.fields:
        t = f.type
        if t.kind == "text":
            s: st.SearchStrategy[Any] = st.just("L-1")
        elif t.kind == "date":
            s = st.one_of(st.builds(_months_before, st.sampled_from([0, 1, 3, 6, 12, 24]), st.integers(-3, 3)),
                          st.builds(_days_before, st.sampled_from(DAY_EDGES))) \
                if f.name != "application_date" else st.just(AS_OF)
        elif t.kind == "yesno":
            s = st.booleans()
        elif t.kind == "enum":
            s = st.sampled_from(t.values)
        elif t.kind == "list":
            s = st.lists(_record(records[t.record]), max_size=3)
        else:
            s = _number(f, edges.get(f.name, set()))
        if f.no_score:  # `allows: no score`: sometimes the loan says it has none ("none")
            s = st.one_of(s, s, s, st.sampled_from(["none", "No score"]))
        parts[f.name] = st.one_of(st.none(), s) if f.name not in ("application_date",) else s
        if f.name in ("fico", "loan_amount", "occupancy", "purpose", "doc_type", "appraised_value", "purchase_price", "pitia",
                      "credit_events", "housing_lates"):  # the lists a derived credit grade reads
            parts[f.name] = st.one_of(s, s, s, s, s, s, s, s, s, st.none())  # mostly known, so rules get exercised
    tweaks = _denominator_tweaks(bundle)
    tweak = st.sampled_from([None] * 4 * len(tweaks) + tweaks) if tweaks else st.none()  # one loan in five or so
    return st.tuples(st.fixed_dictionaries(parts), tweak).map(_tweaked).map(_ltv_edges(edges))


Tweak = tuple[str, str, str]  # ("zero", field, "") or ("exceed", minuend, subtrahend)


def _denominator_tweaks(bundle: ir_program.Bundle) -> list[Tweak]:
    """Zero and negative denominators (language.md 3.4 rule 5: a quotient over a known amount of zero or less is
    undefined): from every division of every program's values, followed through the values its denominator reads,
    each amount field it reads that may be 0 (PITIA, appraised value, current housing payment, ownership share)
    and each `field - field` it reads (excluded deposits up to or above total deposits: no income, or less)."""
    values = {v.id: v for p in bundle.programs for v in p.values}
    fields = {f.name: f for f in bundle.vocabulary.fields}
    tweaks: dict[Tweak, None] = {}
    todo: list[ir.Expr] = [d.denominator for v in values.values() if isinstance(v.body, ir.Expr)
                           for d in ir.find_all(v.body, ir.DivRound)]
    seen: set[str] = set()
    while todo:
        x = todo.pop()
        for a in ir.find_all(x, ir.Arith):
            if a.op == "-" and isinstance(a.left, ir.FieldRef) and isinstance(a.right, ir.FieldRef):
                tweaks.setdefault(("exceed", a.left.name, a.right.name), None)
        for name in ir.reads(x):
            if name in values and name not in seen:
                seen.add(name)
                body = values[name].body
                todo += [body] if isinstance(body, ir.Expr) else list(body.key.keys)
            f = fields.get(name)
            if f is not None and f.type.kind in ("money", "number", "percent", "integer", "months", "days") \
                    and (f.range is None or f.range.contains(Decimal(0))):
                tweaks.setdefault(("zero", name, ""), None)
    return sorted(tweaks)


def _tweaked(drawn: tuple[dict[str, Any], Tweak | None]) -> dict[str, Any]:
    """The loan with one denominator made zero, or a subtraction made zero or negative (`exceed`: the subtrahend
    is the minuend plus 0 or 1, by the minuend's parity; an unknown minuend becomes 0)."""
    loan, tweak = drawn
    if tweak is None:
        return loan
    kind, a, b = tweak
    if kind == "zero":
        return dict(loan, **{a: 0})
    minuend = loan.get(a) if loan.get(a) is not None else 0
    return dict(loan, **{a: minuend, b: minuend + int(minuend) % 2})


def _ltv_edges(edges: dict[str, set[Decimal]]) -> Any:
    """Sometimes set the loan amount so that LTV lands on (or one cent around) a band edge."""
    ltv_edges = sorted(edges.get("ltv", set()) | {Decimal(x) for x in (60, 65, 70, 75, 80, 85, 90)})

    def fix(loan: dict[str, Any]) -> dict[str, Any]:
        price = loan.get("appraised_value")
        if price and loan.get("loan_amount") and int(loan["loan_amount"]) % 7 == 0:
            edge = ltv_edges[int(loan["loan_amount"]) % len(ltv_edges)]
            amount = (price * edge / 100).quantize(Decimal(1)) + (int(loan["loan_amount"]) % 3 - 1)
            if amount >= 1:
                loan = dict(loan, loan_amount=amount, purchase_price=price)
        return loan

    return fix
