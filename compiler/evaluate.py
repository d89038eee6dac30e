"""The reference evaluator: decides a loan by walking the checked IR. Straightforward, obviously right.

Consumes an `ir.Program` and a loan (a mapping or an object with attributes: the generated `Loan`
model works); produces a `runtime.Decision`. It is the correctness net the generated checkers (and later
back ends) are compared against, so it shares only data classes with them: its arithmetic is its own,
with exact fractions.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any

from compiler import ir
from compiler.runtime import (
    Condition,
    Decision,
    DerivedValue,
    Finding,
    LimitCandidate,
    LimitResult,
    ProgramInfo,
    fmt,
    status_of,
)
from compiler.wording import band_label, describe, describe_requirement

Value = Decimal | dt.date | bool | str | list[Any] | None
INFINITE = Decimal("Infinity")


def get(obj: Any, name: str) -> Any:
    if isinstance(obj, Mapping):
        return obj.get(name)
    return getattr(obj, name, None)


def whole_months(start: dt.date, end: dt.date) -> int:
    """Complete months from start to end: count month anniversaries (clamped to month ends) up to end."""
    if end < start:
        return -whole_months(end, start)
    n = (end.year - start.year) * 12 + (end.month - start.month) + 1
    while n > 0:
        y, m = divmod(start.month - 1 + n, 12)
        year, month = start.year + y, m + 1
        day = min(start.day, calendar.monthrange(year, month)[1])
        if dt.date(year, month, day) <= end:
            return n
        n -= 1
    return 0


def round_fraction(q: Fraction, places: int, mode: str) -> Decimal:
    scaled = q * 10**places
    floor = scaled.numerator // scaled.denominator
    frac = scaled - floor
    if frac == 0:
        k = floor
    elif mode == "up":
        k = floor + 1
    elif mode == "down":
        k = floor
    elif frac > Fraction(1, 2):
        k = floor + 1
    elif frac < Fraction(1, 2):
        k = floor
    elif mode == "half_even":
        k = floor if floor % 2 == 0 else floor + 1
    else:  # half_up: away from zero at exactly one half
        k = floor + 1 if scaled > 0 else floor
    return Decimal(k).scaleb(-places)


@dataclass
class Env:
    """One loan being decided: its fields and the values computed so far."""

    loan: Any
    program: ir.Program
    values: dict[str, Value] = field(default_factory=dict)

    def field(self, name: str) -> Value:
        v = get(self.loan, name)
        if isinstance(v, int) and not isinstance(v, bool):
            return Decimal(v)
        if isinstance(v, float):
            return Decimal(str(v))
        if v is not None and hasattr(v, "value") and isinstance(v.value, str):  # an Enum member
            return str(v.value)
        return v  # type: ignore[no-any-return]


def ev(x: ir.Expr, env: Env) -> Value:
    """Evaluate an expression; None is unknown."""
    if isinstance(x, ir.Const):
        return x.value
    if isinstance(x, ir.FieldRef):
        return env.field(x.name)
    if isinstance(x, ir.ValueRef):
        return env.values.get(x.name)
    if isinstance(x, ir.Arith):
        a, b = ev(x.left, env), ev(x.right, env)
        if a is None or b is None:
            return None
        assert isinstance(a, Decimal) and isinstance(b, Decimal)
        fa, fb = Fraction(a), Fraction(b)
        r = fa + fb if x.op == "+" else fa - fb if x.op == "-" else fa * fb
        return Decimal(r.numerator) / Decimal(r.denominator) if r.denominator != 1 else Decimal(r.numerator)
    if isinstance(x, ir.Scale):
        a = ev(x.operand, env)
        return None if a is None else Decimal(a).scaleb(x.power)  # type: ignore[arg-type]
    if isinstance(x, ir.Neg):
        a = ev(x.operand, env)
        return None if a is None else -Decimal(a)  # type: ignore[arg-type]
    if isinstance(x, ir.DivRound):
        n, d = ev(x.numerator, env), ev(x.denominator, env)
        if n is None or d is None or d == 0:
            return None
        assert isinstance(n, Decimal) and isinstance(d, Decimal)
        return round_fraction(Fraction(n) / Fraction(d), x.rounding.places, x.rounding.mode)
    if isinstance(x, ir.Round):
        a = ev(x.operand, env)
        return None if a is None else round_fraction(Fraction(a), x.rounding.places, x.rounding.mode)  # type: ignore[arg-type]
    if isinstance(x, ir.Extremum):
        args = [ev(a, env) for a in x.args]
        if any(a is None for a in args):
            return None
        return min(args) if x.kind == "lesser" else max(args)  # type: ignore[type-var]
    if isinstance(x, ir.Default):
        a = ev(x.operand, env)
        return ev(x.fallback, env) if a is None else a
    if isinstance(x, ir.IfThenElse):
        c = ev(x.cond, env)
        if c is None:
            return None
        return ev(x.then, env) if c else ev(x.otherwise, env)
    if isinstance(x, ir.MonthsSince):
        d, as_of = ev(x.date, env), env.field(x.as_of)
        if d is None or as_of is None:
            return None
        assert isinstance(d, dt.date) and isinstance(as_of, dt.date)
        return Decimal(whole_months(d, as_of))
    if isinstance(x, ir.MonthsSinceLatest):
        items, as_of = env.field(x.list_field), env.field(x.as_of)
        if items is None or as_of is None:
            return None
        assert isinstance(items, list) and isinstance(as_of, dt.date)
        dates = [get(i, x.date_field) for i in items if not x.kinds or _enum_text(get(i, x.kind_field)) in x.kinds]
        if not dates:
            return INFINITE
        if any(d is None for d in dates):
            return None
        return Decimal(whole_months(max(dates), as_of))
    if isinstance(x, ir.CountLates):
        items, as_of = env.field(x.list_field), env.field(x.as_of)
        if items is None or as_of is None:
            return None
        assert isinstance(items, list) and isinstance(as_of, dt.date)
        count = 0
        for i in items:
            days, when = get(i, x.days_field), get(i, x.date_field)
            if days is None or when is None:
                return None
            if days >= x.min_days and whole_months(when, as_of) < x.months:
                count += 1
        return Decimal(count)
    if isinstance(x, ir.Compare):
        a, b = ev(x.left, env), ev(x.right, env)
        if a is None or b is None:
            return None
        return _compare(x.op, a, b)
    if isinstance(x, ir.IsKnown):
        known = ev(x.operand, env) is not None
        return not known if x.negated else known
    if isinstance(x, ir.InSet):
        a = ev(x.operand, env)
        if a is None:
            return None
        inside = a in x.values
        return not inside if x.negated else inside
    if isinstance(x, ir.And):
        parts = [ev(p, env) for p in x.operands]
        if any(p is False for p in parts):
            return False
        return None if any(p is None for p in parts) else True
    if isinstance(x, ir.Or):
        parts = [ev(p, env) for p in x.operands]
        if any(p is True for p in parts):
            return True
        return None if any(p is None for p in parts) else False
    if isinstance(x, ir.Not):
        a = ev(x.operand, env)
        return None if a is None else not a
    raise NotImplementedError(f"evaluate: unhandled IR node {type(x).__name__}")


def _enum_text(v: Any) -> Any:
    return v.value if hasattr(v, "value") and isinstance(v.value, str) else v


def _compare(op: str, a: Any, b: Any) -> bool:
    if op == "<":
        return bool(a < b)
    if op == "<=":
        return bool(a <= b)
    if op == ">":
        return bool(a > b)
    if op == ">=":
        return bool(a >= b)
    if op == "=":
        return bool(a == b)
    return bool(a != b)


def ev_lookup(lookup: ir.Lookup, env: Env) -> Value:
    key = ev(lookup.key.expr, env)
    if key is None:
        return None
    assert isinstance(key, Decimal)
    for band, result in zip(lookup.key.bands, lookup.results, strict=True):
        if band.contains(key):
            return result
    return None


# ------------------------------------------------------------------ inputs named in messages


def inputs_of(x: object, program: ir.Program) -> list[str]:
    """Fields and values an expression reads directly, in first-use order."""
    import dataclasses

    out: list[str] = []

    def walk(e: object) -> None:
        if isinstance(e, (ir.FieldRef, ir.ValueRef)):
            if e.name not in out:
                out.append(e.name)
            return
        if isinstance(e, (ir.MonthsSinceLatest, ir.CountLates)):
            for n in (e.list_field, e.as_of):
                if n not in out:
                    out.append(n)
            return
        if isinstance(e, ir.MonthsSince) and e.as_of not in out:
            walk(e.date)
            out.append(e.as_of)
            return
        if dataclasses.is_dataclass(e) and not isinstance(e, type):
            for f in dataclasses.fields(e):
                if f.name in ("type", "span"):
                    continue
                v = getattr(e, f.name)
                if isinstance(v, tuple):
                    for i in v:
                        walk(i)
                else:
                    walk(v)

    walk(x)
    return out


def missing_fields(names: list[str], env: Env, program: ir.Program) -> tuple[str, ...]:
    """The loan fields (reached through values too) that are unknown."""
    out: list[str] = []
    seen: set[str] = set()

    def visit(name: str) -> None:
        if name in seen:
            return
        seen.add(name)
        value = program.value(name)
        if value is None:
            if env.field(name) is None:
                out.append(name)
            return
        if env.values.get(name) is None:
            for dep in inputs_of(value.body, program):
                visit(dep)

    for n in names:
        visit(n)
    return tuple(out)


class Titles(dict[str, str]):
    pass


def titles_of(program: ir.Program, vocabulary: ir.Vocabulary) -> dict[str, str]:
    t = {f.name: f.title for f in vocabulary.fields}
    t.update({v.id: v.title for v in program.values})
    return t


def actuals(names: list[str], env: Env, program: ir.Program, vocabulary: ir.Vocabulary) -> str:
    """`DTI 53.20%, Credit score 700`: the values a message reports."""
    parts = []
    for n in names:
        if n in (program.seasoning_date,):
            continue
        value = program.value(n)
        f = vocabulary.field(n)
        t = value.type if value else (f.type if f else ir.RATIO)
        title = value.title if value else (f.title if f else n)
        v = env.values.get(n) if value else env.field(n)
        if isinstance(v, list):
            parts.append(f"{title}: {len(v)} listed")
        else:
            parts.append(f"{title} {fmt(v, t.kind, t.unit)}")
    return ", ".join(parts)


# ------------------------------------------------------------------ deciding


def program_info(p: ir.Program) -> ProgramInfo:
    return ProgramInfo(p.id, p.title, p.investor, p.lender, p.family, p.version, p.effective.isoformat(),
                       p.source_document, p.sha256)


def evaluate(program: ir.Program, vocabulary: ir.Vocabulary, loan: Any) -> Decision:
    """Decide one loan under one program."""
    env = Env(loan, program)
    titles = titles_of(program, vocabulary)
    derived: list[DerivedValue] = []
    for value in program.values:
        result = ev_lookup(value.body, env) if isinstance(value.body, ir.Lookup) else ev(value.body, env)
        env.values[value.id] = result
        names = inputs_of(value.body.key.expr if isinstance(value.body, ir.Lookup) else value.body, program)
        derived.append(DerivedValue(value.id, value.title, result if isinstance(result, Decimal) else None,
                                    {n: _show(n, env, program, vocabulary) for n in names}))

    findings: list[Finding] = []
    conditions: list[Condition] = []
    candidates: dict[str, list[tuple[str, Decimal, str, str]]] = {lim.id: [] for lim in program.limits}
    reductions: dict[str, list[tuple[str, Decimal, str]]] = {lim.id: [] for lim in program.limits}
    caps: dict[str, list[tuple[str, Decimal, str]]] = {lim.id: [] for lim in program.limits}
    citations: dict[str, str] = {}

    any_matrix_applies: bool | None = False
    for m in program.matrices:
        citations[m.id] = m.citation or ""
        f, applied = _matrix(m, env, program, vocabulary, titles, candidates)
        findings.append(f)
        if applied is True:
            any_matrix_applies = True
        elif applied is None and any_matrix_applies is False:
            any_matrix_applies = None
    if program.matrices and any_matrix_applies is False:
        findings.append(Finding("eligibility_matrix", "Eligibility matrix", "fail",
                                "No eligibility matrix of this program covers this loan (" +
                                actuals(_selector_inputs(program), env, program, vocabulary) + ").",
                                "", program.span.where))

    for rule in program.rules:
        citations[rule.id] = rule.citation or ""
        findings.append(_rule(rule, env, program, vocabulary, titles, conditions, reductions, caps))

    limits = [_limit(lim, candidates, reductions, caps, program, titles) for lim in program.limits]
    for lim_result, lim in zip(limits, program.limits, strict=True):
        findings.append(_limit_check(lim, lim_result, env, program, vocabulary, citations))
    return Decision(program_info(program), status_of(findings), tuple(findings), tuple(conditions), tuple(derived),
                    tuple(limits))


def _show(name: str, env: Env, program: ir.Program, vocabulary: ir.Vocabulary) -> str:
    value = program.value(name)
    f = vocabulary.field(name)
    t = value.type if value else (f.type if f else ir.RATIO)
    v = env.values.get(name) if value else env.field(name)
    if isinstance(v, list):
        return f"{len(v)} listed"
    return fmt(v, t.kind, t.unit)


def _selector_inputs(program: ir.Program) -> list[str]:
    names: list[str] = []
    for m in program.matrices:
        if m.when is not None:
            for n in inputs_of(m.when, program):
                if n not in names:
                    names.append(n)
    return names


def _matrix(m: ir.Matrix, env: Env, program: ir.Program, vocabulary: ir.Vocabulary, titles: dict[str, str],
            candidates: dict[str, list[tuple[str, Decimal, str, str]]]) -> tuple[Finding, bool | None]:
    where = m.span.where
    cite = m.citation or ""
    applies = ev(m.when, env) if m.when is not None else True
    if applies is False:
        return Finding(m.id, m.title, "not_applicable", f"Applies when {describe(m.when, titles)}.", cite, where), False
    if applies is None:
        assert m.when is not None
        names = inputs_of(m.when, program)
        return Finding(m.id, m.title, "missing", f"Cannot tell whether it applies: {actuals(names, env, program, vocabulary)}.",
                       cite, where, missing_fields(names, env, program)), None
    keys = [m.rows] + ([m.columns] if m.columns else [])
    positions: list[int] = []
    for axis in keys:
        k = ev(axis.expr, env)
        names = inputs_of(axis.expr, program)
        if k is None:
            return Finding(m.id, m.title, "missing", f"{titles.get(axis.label, axis.label)} is unknown.", cite, where,
                           missing_fields(names, env, program)), True
        assert isinstance(k, Decimal)
        idx = next((i for i, b in enumerate(axis.bands) if b.contains(k)), None)
        if idx is None:
            shown = actuals(names, env, program, vocabulary) or f"{axis.label} {fmt(k)}"
            bands = ", ".join(b.label for b in axis.bands)
            return Finding(m.id, m.title, "fail", f"{shown} is outside the matrix bands ({bands}).", cite, where), True
        positions.append(idx)
    cell = m.cells[positions[0]][positions[1] if len(positions) > 1 else 0]
    place = cell_place(m, positions)
    if not cell.eligible:
        return Finding(m.id, m.title, "fail", f"Not eligible: {place} is N/A.", cite, where), True
    for limit, value in cell.limits or ():
        candidates[limit].append((m.id, value, f"{m.title}: {place} = {cell.text}", cite))
    return Finding(m.id, m.title, "pass", f"{place}: {cell.text}.", cite, where), True


def cell_place(m: ir.Matrix, positions: list[int]) -> str:
    row = m.rows.bands[positions[0]]
    text = f"{m.rows.label} {row.label}"
    if m.columns is not None and len(positions) > 1:
        col = m.columns.bands[positions[1]]
        text += f", {m.columns.label} {col.label}"
    return text


def _rule(rule: ir.Rule, env: Env, program: ir.Program, vocabulary: ir.Vocabulary, titles: dict[str, str],
          conditions: list[Condition], reductions: dict[str, list[tuple[str, Decimal, str]]],
          caps: dict[str, list[tuple[str, Decimal, str]]]) -> Finding:
    where = rule.span.where
    cite = rule.citation or ""
    applies = ev(rule.when, env) if rule.when is not None else True
    if applies is False:
        assert rule.when is not None
        return Finding(rule.id, rule.title, "not_applicable", f"Applies when {describe(rule.when, titles)}.", cite, where)
    # adjustments: applied when the rule applies, and (conservatively) when that is unknown
    for adj in rule.adjustments:
        (reductions if adj.kind == "reduce" else caps)[adj.limit].append((rule.id, adj.amount, cite))
    if applies is True:
        for c in rule.conditions:
            conditions.append(Condition(c.kind, c.text, rule.id, cite))
    results: list[tuple[ir.Requirement, bool | None]] = []
    for req in rule.requirements:
        ok = ev(req.test, env)
        for alt in req.alternatives:
            w, t = ev(alt.when, env), ev(alt.test, env)
            alt_ok = False if (w is False or t is False) else (True if (w is True and t is True) else None)
            ok = True if (ok is True or alt_ok is True) else (None if (ok is None or alt_ok is None) else False)
        results.append((req, ok if ok is None else bool(ok)))
    failed = [r for r, ok in results if ok is False]
    unknown = [r for r, ok in results if ok is None]
    if failed and applies is True:
        return _req_finding(rule, "fail", failed, env, program, vocabulary, titles, "Not met")
    if applies is None and (failed or unknown or rule.reviews or not rule.requirements):
        assert rule.when is not None
        names = inputs_of(rule.when, program)
        return Finding(rule.id, rule.title, "missing",
                       f"Cannot tell whether it applies ({describe(rule.when, titles)}): {actuals(names, env, program, vocabulary)}.",
                       cite, where, missing_fields(names, env, program))
    if unknown:
        return _req_finding(rule, "missing", unknown, env, program, vocabulary, titles, "Cannot check")
    if rule.reviews:
        return Finding(rule.id, rule.title, "review", " ".join(rule.reviews), cite, where)
    if results:
        return _req_finding(rule, "pass", [r for r, _ in results], env, program, vocabulary, titles, "Met")
    parts = [f"{'reduce' if a.kind == 'reduce' else 'cap'} {titles.get(a.limit, a.limit)} {'by' if a.kind == 'reduce' else 'at'} {a.text}"
             for a in rule.adjustments]
    parts += [f"{c.kind}: {c.text}" for c in rule.conditions]
    return Finding(rule.id, rule.title, "pass", "Applies: " + "; ".join(parts) + ".", cite, where)


def _req_finding(rule: ir.Rule, outcome: str, reqs: list[ir.Requirement], env: Env, program: ir.Program,
                 vocabulary: ir.Vocabulary, titles: dict[str, str], verb: str) -> Finding:
    names: list[str] = []
    for r in reqs:
        for n in inputs_of(r, program):
            if n not in names:
                names.append(n)
    text = "; ".join(describe_requirement(r, titles) for r in reqs)
    seen = actuals(names, env, program, vocabulary)
    missing = missing_fields(names, env, program) if outcome == "missing" else ()
    return Finding(rule.id, rule.title, outcome, f"{verb}: {text}" + (f" ({seen})." if seen else "."),  # type: ignore[arg-type]
                   rule.citation or "", rule.span.where, missing)


def _limit(lim: ir.Limit, candidates: dict[str, list[tuple[str, Decimal, str, str]]],
           reductions: dict[str, list[tuple[str, Decimal, str]]], caps: dict[str, list[tuple[str, Decimal, str]]],
           program: ir.Program, titles: dict[str, str]) -> LimitResult:
    base = min(candidates[lim.id], key=lambda c: c[1]) if candidates[lim.id] else None
    cands: list[LimitCandidate] = []
    if base is not None:
        cands.append(LimitCandidate(base[0], base[1], base[2]))
    kind = lim.type.kind
    if program.combine == "stacked":
        if base is not None and reductions[lim.id]:
            total = sum((r[1] for r in reductions[lim.id]), Decimal(0))
            rules = ", ".join(r[0] for r in reductions[lim.id])
            cands = [LimitCandidate(base[0], base[1] - total, f"{base[2]}, less {fmt(total, kind)} ({rules})")]
    elif base is not None:
        for rid, amount, _ in reductions[lim.id]:
            cands.append(LimitCandidate(rid, base[1] - amount, f"{base[2]} less {fmt(amount, kind)} ({rid})"))
    for rid, amount, _ in caps[lim.id]:
        cands.append(LimitCandidate(rid, amount, f"capped at {fmt(amount, kind, lim.type.unit)} ({rid})"))
    if not cands:
        return LimitResult(lim.id, lim.title, None, None, "no limit applies", ())
    best = min(cands, key=lambda c: c.value)
    return LimitResult(lim.id, lim.title, best.value, best.rule_id, best.description, tuple(cands))


def _limit_check(lim: ir.Limit, result: LimitResult, env: Env, program: ir.Program, vocabulary: ir.Vocabulary,
                 citations: dict[str, str]) -> Finding:
    where = lim.span.where
    cite = citations.get(result.binding_rule or "", "")
    title = f"{lim.title}"
    if result.value is None:
        return Finding(lim.id, title, "not_applicable", "No limit applies to this loan.", cite, where)
    value = program.value(lim.on)
    actual = env.values.get(lim.on) if value else env.field(lim.on)
    on_title = value.title if value else (vocabulary.field(lim.on).title if vocabulary.field(lim.on) else lim.on)  # type: ignore[union-attr]
    kind, unit = lim.type.kind, lim.type.unit
    if actual is None:
        return Finding(lim.id, title, "missing", f"{on_title} is unknown; the maximum is {fmt(result.value, kind, unit)}.",
                       cite, where, missing_fields([lim.on], env, program))
    assert isinstance(actual, Decimal)
    shown = f"{on_title} {fmt(actual, kind, unit)}"
    if actual <= result.value:
        return Finding(lim.id, title, "pass", f"{shown} is within the maximum {fmt(result.value, kind, unit)} ({result.description}).",
                       cite, where)
    return Finding(lim.id, title, "fail", f"{shown} exceeds the maximum {fmt(result.value, kind, unit)} ({result.description}).",
                   cite, where)


__all__ = ["band_label", "evaluate"]
