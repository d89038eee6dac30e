"""Runtime of the generated checkers: the Decision a check returns and the exact arithmetic it uses.

This file is copied verbatim into `generated/_runtime.py` by `glc build`; it imports only the standard
library. Everything generated code calls is listed in `__all__`.

Unknown values are `None` throughout: arithmetic on an unknown is unknown, comparisons of an unknown are
unknown, and `and`/`or` follow Kleene's three-valued logic (false and unknown = false; true or unknown = true).
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_EVEN, ROUND_HALF_UP, Context, Decimal
from typing import Any, Literal

__all__ = [
    "NEVER",
    "Condition",
    "Decision",
    "DerivedValue",
    "Finding",
    "LimitCandidate",
    "LimitResult",
    "ProgramInfo",
    "all3",
    "any3",
    "count_lates",
    "div_round",
    "fmt",
    "months_between",
    "months_since_latest",
    "not3",
    "quantize",
]

Outcome = Literal["pass", "fail", "missing", "not_applicable", "review"]
Status = Literal["eligible", "ineligible", "needs_info"]

NEVER = Decimal("Infinity")  # months since an event that never happened

_MODES = {"up": ROUND_CEILING, "down": ROUND_FLOOR, "half_up": ROUND_HALF_UP, "half_even": ROUND_HALF_EVEN}


# ------------------------------------------------------------------ exact arithmetic


def quantize(x: Decimal | int | None, places: int, mode: str) -> Decimal | None:
    """x rounded to `places` decimals: up (toward +inf), down (toward -inf), half_up, half_even."""
    if x is None:
        return None
    return Decimal(x).quantize(Decimal(1).scaleb(-places), rounding=_MODES[mode])


_DIRECTED = {"up": Context(prec=60, rounding=ROUND_CEILING), "down": Context(prec=60, rounding=ROUND_FLOOR)}
_STEPS = tuple(Decimal(1).scaleb(-p) for p in range(10))


def div_round(n: Decimal | int | None, d: Decimal | int | None, places: int, mode: str) -> Decimal | None:
    """n / d computed exactly, then rounded once as declared; unknown when either is unknown or d is 0."""
    if n is None or d is None or d == 0:
        return None
    ctx = _DIRECTED.get(mode)
    if ctx is not None and places < 10:
        # Rounding toward +inf (or -inf) to 60 digits, then to the grid in the same direction, is exact: every grid
        # point beyond the quotient is beyond its 60-digit rounding too, as long as the grid fits in 60 digits.
        q = ctx.divide(n, d)
        if q.adjusted() < 50:
            q = q.quantize(_STEPS[places], rounding=ctx.rounding)
            return q if q else q.copy_abs()  # no negative zero
    nn, nd = n.as_integer_ratio()
    dn, dd = d.as_integer_ratio()
    num = nn * dd * 10**places
    den = nd * dn
    if den < 0:
        num, den = -num, -den
    q, r = divmod(num, den)  # floor division
    if r:
        if mode == "up":
            q += 1
        elif mode in ("half_up", "half_even"):
            twice = 2 * r
            if twice > den or (twice == den and ((mode == "half_up" and num > 0) or (mode == "half_even" and q % 2 == 1))):
                q += 1
            elif twice == den and mode == "half_up" and num < 0:
                pass
    return Decimal(q).scaleb(-places)


def months_between(start: dt.date | None, end: dt.date | None) -> int | None:
    """Whole months from start to end (a month is complete on the same day of the month, or its last day)."""
    if start is None or end is None:
        return None
    months = (end.year - start.year) * 12 + (end.month - start.month)
    last = calendar.monthrange(end.year, end.month)[1]
    if end.day < min(start.day, last):
        months -= 1
    return months


def months_since_latest(items: Iterable[Any] | None, kind_field: str, date_field: str, kinds: tuple[str, ...],
                        as_of: dt.date | None) -> Decimal | None:
    """Whole months since the most recent item of the given kinds; NEVER when there is none."""
    if items is None or as_of is None:
        return None
    dates = [getattr(i, date_field) for i in items if not kinds or str(getattr(i, kind_field)) in kinds]
    if not dates:
        return NEVER
    if any(d is None for d in dates):
        return None
    months = months_between(max(dates), as_of)
    return None if months is None else Decimal(months)


def count_lates(items: Iterable[Any] | None, days_field: str, date_field: str, min_days: int, months: int,
                as_of: dt.date | None) -> Decimal | None:
    """How many items are at least `min_days` late within the `months` months before as_of."""
    if items is None or as_of is None:
        return None
    n = 0
    for i in items:
        days, when = getattr(i, days_field), getattr(i, date_field)
        if days is None or when is None:
            return None
        since = months_between(when, as_of)
        if days >= min_days and since is not None and since < months:
            n += 1
    return Decimal(n)


def all3(*parts: bool | None) -> bool | None:
    """Kleene `and` (parts are True, False or None, so `in` finds exactly them)."""
    if False in parts:
        return False
    if None in parts:
        return None
    return True


def any3(*parts: bool | None) -> bool | None:
    """Kleene `or`."""
    if True in parts:
        return True
    if None in parts:
        return None
    return False


def not3(p: bool | None) -> bool | None:
    return None if p is None else not p


def fmt(value: object, kind: str = "", unit: str = "") -> str:
    """A value as underwriters read it: `$1,200,000`, `82.50%`, `1.056`, `47 months`, `unknown`."""
    if value is None:
        return "unknown"
    cls = value.__class__
    if cls is Decimal or (cls is not bool and isinstance(value, Decimal)):  # the common case first
        d: Decimal = value  # type: ignore[assignment]
        if d.is_infinite():
            return "never"
        if kind == "money":
            text = f"${d:,.2f}" if d != d.to_integral_value() else f"${d:,.0f}"
            return text + ("/month" if unit.endswith("per month") else "")
        plain = f"{d:f}"
        if kind == "percent":
            return plain + "%"
        if kind == "months":
            return f"{plain} month{'' if d == 1 else 's'}"
        return plain
    if cls is bool:
        return "yes" if value else "no"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


# ------------------------------------------------------------------ the decision


@dataclass(frozen=True, slots=True)
class ProgramInfo:
    """Which program and version decided."""

    id: str
    title: str
    investor: str
    lender: str | None
    family: str
    version: str
    effective: str
    source: str
    sha256: str


@dataclass(frozen=True, slots=True)
class Finding:
    """One rule's outcome for one loan."""

    rule_id: str
    title: str
    outcome: Outcome
    message: str
    citation: str
    source: str  # file:line of the rule
    missing: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Condition:
    """A document required or a term imposed by an applicable rule."""

    kind: Literal["document", "term"]
    text: str
    rule_id: str
    citation: str


@dataclass(frozen=True, slots=True)
class DerivedValue:
    """A derived value with the inputs it was computed from."""

    name: str
    title: str
    value: Decimal | None
    inputs: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class LimitCandidate:
    """One candidate for a limit: a matrix cell, a reduction or a cap, and the rule that gives it."""

    rule_id: str
    value: Decimal
    description: str


@dataclass(frozen=True, slots=True)
class LimitResult:
    """The limit available to the loan, the rule that binds it, and the looser candidates."""

    limit: str
    title: str
    value: Decimal | None
    binding_rule: str | None
    description: str
    candidates: tuple[LimitCandidate, ...] = ()


@dataclass(frozen=True, slots=True)
class Decision:
    """What a program decides for one loan."""

    program: ProgramInfo
    status: Status
    findings: tuple[Finding, ...]
    conditions: tuple[Condition, ...]
    values: tuple[DerivedValue, ...]
    limits: tuple[LimitResult, ...]

    @property
    def eligible(self) -> bool:
        return self.status == "eligible"

    def failed(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.outcome == "fail")

    def limit(self, name: str) -> LimitResult | None:
        return next((lim for lim in self.limits if lim.limit == name), None)

    def to_dict(self) -> dict[str, Any]:
        """Plain data; Decimals as strings (exact), dates ISO: what `_plain(dataclasses.asdict(self))` gives,
        built directly (asdict copies every field recursively first)."""
        p = self.program
        return {
            "program": {"id": p.id, "title": p.title, "investor": p.investor, "lender": p.lender, "family": p.family,
                        "version": p.version, "effective": p.effective, "source": p.source, "sha256": p.sha256},
            "status": self.status,
            "findings": [{"rule_id": f.rule_id, "title": f.title, "outcome": f.outcome, "message": f.message,
                          "citation": f.citation, "source": f.source, "missing": list(f.missing)} for f in self.findings],
            "conditions": [{"kind": c.kind, "text": c.text, "rule_id": c.rule_id, "citation": c.citation}
                           for c in self.conditions],
            "values": [{"name": v.name, "title": v.title, "value": _plain(v.value), "inputs": _plain(v.inputs)}
                       for v in self.values],
            "limits": [{"limit": lim.limit, "title": lim.title, "value": _plain(lim.value), "binding_rule": lim.binding_rule,
                        "description": lim.description,
                        "candidates": [{"rule_id": c.rule_id, "value": _plain(c.value), "description": c.description}
                                       for c in lim.candidates]} for lim in self.limits],
        }

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)


def _plain(x: Any) -> Any:
    if x is None or x.__class__ is str:
        return x
    if isinstance(x, Decimal):
        return "never" if x.is_infinite() else f"{x:f}"
    if isinstance(x, dt.date):
        return x.isoformat()
    if isinstance(x, dict):
        return {k: _plain(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [_plain(v) for v in x]
    return x


def status_of(findings: Iterable[Finding]) -> Status:
    """Any failure: ineligible; else anything missing or referred: needs_info; else eligible."""
    outcomes = {f.outcome for f in findings}
    if "fail" in outcomes:
        return "ineligible"
    if "missing" in outcomes or "review" in outcomes:
        return "needs_info"
    return "eligible"


__all__ += ["status_of"]


# ------------------------------------------------------------------ unknown-aware operations


def add(a: Any, b: Any) -> Any:
    return None if a is None or b is None else a + b


def sub(a: Any, b: Any) -> Any:
    return None if a is None or b is None else a - b


def mul(a: Any, b: Any) -> Any:
    return None if a is None or b is None else a * b


def neg(a: Any) -> Any:
    return None if a is None else -a


def scale(a: Any, power: int) -> Decimal | None:
    """a x 10**power, exact (percent <-> ratio)."""
    return None if a is None else Decimal(a).scaleb(power)


def lt(a: Any, b: Any) -> bool | None:
    return None if a is None or b is None else bool(a < b)


def le(a: Any, b: Any) -> bool | None:
    return None if a is None or b is None else bool(a <= b)


def gt(a: Any, b: Any) -> bool | None:
    return None if a is None or b is None else bool(a > b)


def ge(a: Any, b: Any) -> bool | None:
    return None if a is None or b is None else bool(a >= b)


def eq(a: Any, b: Any) -> bool | None:
    return None if a is None or b is None else bool(a == b)


def ne(a: Any, b: Any) -> bool | None:
    return None if a is None or b is None else bool(a != b)


def isin(a: Any, values: frozenset[str]) -> bool | None:
    return None if a is None else a in values


def known(a: Any) -> bool:
    return a is not None


def lesser(*args: Any) -> Any:
    return None if None in args else min(args)


def greater(*args: Any) -> Any:
    return None if None in args else max(args)


def default(a: Any, fallback: Any) -> Any:
    return fallback if a is None else a


def choose(cond: bool | None, a: Any, b: Any) -> Any:
    """`if cond then a else b`; unknown when cond is unknown."""
    return None if cond is None else (a if cond else b)


def months_since(date: dt.date | None, as_of: dt.date | None) -> Decimal | None:
    months = months_between(date, as_of)
    return None if months is None else Decimal(months)


def lookup(key: Any, bands: tuple[tuple[Any, bool, Any, bool], ...], results: tuple[Any, ...]) -> Any:
    """The result of the band holding key; unknown when key is unknown or in no band."""
    if key is None:
        return None
    for band, result in zip(bands, results, strict=True):
        if in_band(key, band):
            return result
    return None


def in_band(x: Any, band: tuple[Any, bool, Any, bool]) -> bool:
    low, low_inc, high, high_inc = band
    if low is not None and (x < low if low_inc else x <= low):
        return False
    return not (high is not None and (x > high if high_inc else x >= high))


__all__ += ["add", "choose", "default", "eq", "ge", "greater", "gt", "in_band", "isin", "known", "le", "lesser", "lookup",
            "lt", "months_since", "mul", "ne", "neg", "scale", "sub"]


# ------------------------------------------------------------------ deciding from facts
# A checker (generated or the reference evaluator) computes the facts of a loan (derived values, whether
# each rule applies, each requirement's result, each matrix's keys); `decide` turns them into a Decision.
# The metadata below is emitted as literals into every generated module.


@dataclass(frozen=True, slots=True)
class Name:
    """How a field or value is shown in messages."""

    title: str
    kind: str
    unit: str
    is_value: bool
    depends_on: tuple[str, ...] = ()
    places: int | None = None  # decimals a derived value is shown with


@dataclass(frozen=True, slots=True)
class RequirementMeta:
    text: str
    inputs: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class RuleMeta:
    id: str
    title: str
    citation: str
    where: str
    when_text: str
    when_inputs: tuple[str, ...]
    requirements: tuple[RequirementMeta, ...]
    adjustments: tuple[tuple[str, str, Decimal, str], ...]  # (reduce|cap, limit, amount, text)
    conditions: tuple[tuple[str, str], ...]  # (document|term, text)
    reviews: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class AxisMeta:
    label: str
    inputs: tuple[str, ...]
    bands: tuple[tuple[Decimal | None, bool, Decimal | None, bool, str], ...]


@dataclass(frozen=True, slots=True)
class MatrixMeta:
    id: str
    title: str
    citation: str
    where: str
    when_text: str
    when_inputs: tuple[str, ...]
    axes: tuple[AxisMeta, ...]
    cells: tuple[tuple[tuple[tuple[tuple[str, Decimal], ...] | None, str], ...], ...]


@dataclass(frozen=True, slots=True)
class LimitMeta:
    id: str
    title: str
    on: str
    kind: str
    unit: str
    where: str


@dataclass(frozen=True, slots=True)
class ProgramMeta:
    info: ProgramInfo
    combine: str  # lowest | stacked
    names: dict[str, Name]
    values: tuple[str, ...]
    matrices: tuple[MatrixMeta, ...]
    rules: tuple[RuleMeta, ...]
    limits: tuple[LimitMeta, ...]
    selector_inputs: tuple[str, ...]
    seasoning_date: str


class Facts:
    """The facts of one loan: its fields (`loan`), its derived values (`values`), rule and matrix results."""

    __slots__ = ("loan", "matrices", "rules", "said", "shown", "values")

    def __init__(self, loan: Any, values: dict[str, Any]) -> None:
        self.loan = loan
        self.values = values
        self.matrices: list[tuple[bool | None, tuple[Any, ...]]] = []
        self.rules: list[tuple[bool | None, tuple[bool | None, ...]]] = []
        self.shown: dict[str, str] = {}  # name -> how messages show its value (filled by `show`)
        self.said: dict[tuple[str, ...], str] = {}  # names -> their `actuals` text

    def get(self, name: str, meta: ProgramMeta) -> Any:
        n = meta.names.get(name)
        if n is not None and n.is_value:
            return self.values.get(name)
        if isinstance(self.loan, dict):
            return self.loan.get(name)
        return getattr(self.loan, name, None)


def show(name: str, facts: Facts, meta: ProgramMeta) -> str:
    """A field's or value's value as messages show it (worked out once per loan)."""
    text = facts.shown.get(name)
    if text is None:
        text = facts.shown[name] = _show(name, facts, meta)
    return text


def _show(name: str, facts: Facts, meta: ProgramMeta) -> str:
    n = meta.names.get(name)
    if n is not None and n.is_value:
        v = facts.values.get(name)
    elif isinstance(facts.loan, dict):
        v = facts.loan.get(name)
    else:
        try:
            v = getattr(facts.loan, name)
        except AttributeError:
            v = None
    if v is None:
        return "unknown"
    cls = v.__class__
    if cls is list or cls is tuple:
        return f"{len(v)} listed"
    if n is None:
        return fmt(v)
    if cls is int:
        return str(v) if n.kind == "integer" else fmt(Decimal(v), n.kind, n.unit)
    if isinstance(v, (list, tuple)):
        return f"{len(v)} listed"
    return fmt(Decimal(v) if isinstance(v, int) and not isinstance(v, bool) else v, n.kind, n.unit)


def actuals(names: Iterable[str], facts: Facts, meta: ProgramMeta) -> str:
    """`Title value, Title value` for the names a message quotes (worked out once per loan and names)."""
    key = tuple(names)
    text = facts.said.get(key)
    if text is None:
        text = facts.said[key] = _actuals(key, facts, meta)
    return text


def _actuals(names: tuple[str, ...], facts: Facts, meta: ProgramMeta) -> str:
    parts = []
    shown = facts.shown
    for name in names:
        if name == meta.seasoning_date:
            continue
        n = meta.names.get(name)
        title = n.title if n else name
        text = shown.get(name)
        if text is None:
            text = shown[name] = _show(name, facts, meta)
        parts.append(f"{title}: {text}" if text.endswith("listed") else f"{title} {text}")
    return ", ".join(parts)


def missing(names: Iterable[str], facts: Facts, meta: ProgramMeta) -> tuple[str, ...]:
    """The loan fields, reached through unknown values, that are unknown."""
    out: list[str] = []
    seen: set[str] = set()
    stack = list(names)[::-1]
    while stack:
        name = stack.pop()
        if name in seen:
            continue
        seen.add(name)
        n = meta.names.get(name)
        if n is not None and n.is_value:
            if facts.values.get(name) is None:
                stack.extend(reversed(n.depends_on))
        elif facts.get(name, meta) is None:
            out.append(name)
    return tuple(out)


def _merge(lists: Iterable[tuple[str, ...]]) -> list[str]:
    out: list[str] = []
    for names in lists:
        for n in names:
            if n not in out:
                out.append(n)
    return out


def decide(meta: ProgramMeta, facts: Facts) -> Decision:
    """The Decision, from the facts of one loan."""
    shown = facts.shown
    values = facts.values
    derived_list = []
    for name in meta.values:
        n = meta.names[name]
        inputs = {}
        for d in n.depends_on:
            text = shown.get(d)
            if text is None:
                text = shown[d] = _show(d, facts, meta)
            inputs[d] = text
        derived_list.append(DerivedValue(name, n.title, _shown(_dec(values.get(name)), n.places), inputs))
    derived = tuple(derived_list)
    findings: list[Finding] = []
    conditions: list[Condition] = []
    limit_ids = [lim.id for lim in meta.limits]
    candidates: dict[str, list[tuple[str, Decimal, str]]] = {lid: [] for lid in limit_ids}
    reductions: dict[str, list[tuple[str, Decimal]]] = {lid: [] for lid in limit_ids}
    caps: dict[str, list[tuple[str, Decimal]]] = {lid: [] for lid in limit_ids}
    uncertain: set[str] = set()  # rules whose adjustments apply only if unknown data says so
    citations: dict[str, str] = {}

    any_applies: bool | None = False
    for m, (applies, keys) in zip(meta.matrices, facts.matrices, strict=True):
        citations[m.id] = m.citation
        findings.append(_matrix(m, applies, keys, facts, meta, candidates))
        if applies is True:
            any_applies = True
        elif applies is None and any_applies is False:
            any_applies = None
    if meta.matrices and any_applies is False:
        findings.append(Finding("eligibility_matrix", "Eligibility matrix", "fail",
                                "No eligibility matrix of this program covers this loan ("
                                + actuals(meta.selector_inputs, facts, meta) + ").", "", meta.matrices[0].where))
    for r, (applies, results) in zip(meta.rules, facts.rules, strict=True):
        citations[r.id] = r.citation
        findings.append(_rule(r, applies, results, facts, meta, conditions, reductions, caps))
        if applies is None and r.adjustments:
            uncertain.add(r.id)
    limits = tuple(_limit(lim, candidates, reductions, caps, meta.combine) for lim in meta.limits)
    for lim, result in zip(meta.limits, limits, strict=True):
        def certain(lim: LimitMeta = lim) -> LimitResult:  # the limit without adjustments that may not apply
            return _limit(lim, candidates, _without(reductions, uncertain), _without(caps, uncertain), meta.combine)
        findings.append(_limit_check(lim, result, certain, facts, meta, citations))
    return Decision(meta.info, status_of(findings), tuple(findings), tuple(conditions), derived, limits)


def _shown(v: Decimal | None, places: int | None) -> Decimal | None:
    """A value with exactly its declared decimals (never rounding: only trailing zeros change)."""
    if v is None or places is None or v.is_infinite():
        return v
    step = _STEPS[places] if 0 <= places < 10 else Decimal(1).scaleb(-places)
    exact = v.quantize(step, rounding=ROUND_FLOOR)
    return exact if exact == v else v


def _dec(v: Any) -> Decimal | None:
    if isinstance(v, bool) or v is None:
        return None
    if isinstance(v, int):
        return Decimal(v)
    return v if isinstance(v, Decimal) else None


def _matrix(m: MatrixMeta, applies: bool | None, keys: tuple[Any, ...], facts: Facts, meta: ProgramMeta,
            candidates: dict[str, list[tuple[str, Decimal, str]]]) -> Finding:
    if applies is False:
        return Finding(m.id, m.title, "not_applicable", f"Applies when {m.when_text}.", m.citation, m.where)
    if applies is None:
        return Finding(m.id, m.title, "missing",
                       f"Cannot tell whether it applies: {actuals(m.when_inputs, facts, meta)}.", m.citation, m.where,
                       missing(m.when_inputs, facts, meta))
    positions: list[int] = []
    for axis, key in zip(m.axes, keys, strict=True):
        if key is None:
            return Finding(m.id, m.title, "missing", f"{actuals(axis.inputs, facts, meta) or axis.label} is unknown.",
                           m.citation, m.where, missing(axis.inputs, facts, meta))
        idx = next((i for i, b in enumerate(axis.bands) if in_band(key, (b[0], b[1], b[2], b[3]))), None)
        if idx is None:
            bands = ", ".join(b[4] for b in axis.bands)
            return Finding(m.id, m.title, "fail",
                           f"{actuals(axis.inputs, facts, meta) or axis.label} is outside the matrix bands ({bands}).",
                           m.citation, m.where)
        positions.append(idx)
    limits, text = m.cells[positions[0]][positions[1] if len(positions) > 1 else 0]
    place = ", ".join(f"{axis.label} {axis.bands[i][4]}" for axis, i in zip(m.axes, positions, strict=True))
    if limits is None:
        return Finding(m.id, m.title, "fail", f"Not eligible: {place} is N/A.", m.citation, m.where)
    for limit, value in limits:
        candidates[limit].append((m.id, value, f"{m.title}: {place} = {text}"))
    return Finding(m.id, m.title, "pass", f"{place}: {text}.", m.citation, m.where)


def _rule(r: RuleMeta, applies: bool | None, results: tuple[bool | None, ...], facts: Facts, meta: ProgramMeta,
          conditions: list[Condition], reductions: dict[str, list[tuple[str, Decimal]]],
          caps: dict[str, list[tuple[str, Decimal]]]) -> Finding:
    if applies is False:
        return Finding(r.id, r.title, "not_applicable", f"Applies when {r.when_text}.", r.citation, r.where)
    # adjustments apply when the rule applies and, conservatively, when that is unknown
    for kind, limit, amount, _text in r.adjustments:
        (reductions if kind == "reduce" else caps)[limit].append((r.id, amount))
    if applies is True:
        conditions.extend(Condition(kind, text, r.id, r.citation) for kind, text in r.conditions)  # type: ignore[arg-type]
    if applies is True and False not in results and None not in results and not r.reviews and r.requirements:
        return _req_finding(r, "pass", list(r.requirements), facts, meta, "Met")  # the common case, in short
    failed = [req for req, ok in zip(r.requirements, results, strict=True) if ok is False]
    unknown = [req for req, ok in zip(r.requirements, results, strict=True) if ok is None]
    if failed and applies is True:
        return _req_finding(r, "fail", failed, facts, meta, "Not met")
    if applies is None and (failed or unknown or r.reviews or not r.requirements):
        return Finding(r.id, r.title, "missing",
                       f"Cannot tell whether it applies ({r.when_text}): {actuals(r.when_inputs, facts, meta)}.",
                       r.citation, r.where, missing(r.when_inputs, facts, meta))
    if unknown:
        return _req_finding(r, "missing", unknown, facts, meta, "Cannot check")
    if r.reviews:
        return Finding(r.id, r.title, "review", " ".join(r.reviews), r.citation, r.where)
    if r.requirements:
        return _req_finding(r, "pass", list(r.requirements), facts, meta, "Met")
    parts = [text for _k, _l, _a, text in r.adjustments] + [f"{kind}: {text}" for kind, text in r.conditions]
    return Finding(r.id, r.title, "pass", "Applies: " + "; ".join(parts) + ".", r.citation, r.where)


def _req_finding(r: RuleMeta, outcome: Outcome, reqs: list[RequirementMeta], facts: Facts, meta: ProgramMeta,
                 verb: str) -> Finding:
    names = _merge(req.inputs for req in reqs)
    seen = actuals(names, facts, meta)
    text = "; ".join(req.text for req in reqs)
    gone = missing(names, facts, meta) if outcome == "missing" else ()
    return Finding(r.id, r.title, outcome, f"{verb}: {text}" + (f" ({seen})." if seen else "."), r.citation, r.where, gone)


def _limit(lim: LimitMeta, candidates: dict[str, list[tuple[str, Decimal, str]]],
           reductions: dict[str, list[tuple[str, Decimal]]], caps: dict[str, list[tuple[str, Decimal]]],
           combine: str) -> LimitResult:
    base = min(candidates[lim.id], key=lambda c: c[1]) if candidates[lim.id] else None
    cands: list[LimitCandidate] = []
    if base is not None:
        cands.append(LimitCandidate(base[0], base[1], base[2]))
        if combine == "stacked" and reductions[lim.id]:
            total = sum((amount for _rid, amount in reductions[lim.id]), Decimal(0))
            rules = ", ".join(rid for rid, _ in reductions[lim.id])
            cands = [LimitCandidate(base[0], base[1] - total, f"{base[2]}, less {fmt(total, lim.kind)} ({rules})")]
        elif combine != "stacked":
            for rid, amount in reductions[lim.id]:
                cands.append(LimitCandidate(rid, base[1] - amount, f"{base[2]} less {fmt(amount, lim.kind)} ({rid})"))
    for rid, amount in caps[lim.id]:
        cands.append(LimitCandidate(rid, amount, f"capped at {fmt(amount, lim.kind, lim.unit)} ({rid})"))
    if not cands:
        return LimitResult(lim.id, lim.title, None, None, "no limit applies", ())
    best = min(cands, key=lambda c: c.value)
    return LimitResult(lim.id, lim.title, best.value, best.rule_id, best.description, tuple(cands))


def _without(adjustments: dict[str, list[tuple[str, Decimal]]], rules: set[str]) -> dict[str, list[tuple[str, Decimal]]]:
    return {lid: [a for a in items if a[0] not in rules] for lid, items in adjustments.items()}


def _limit_check(lim: LimitMeta, result: LimitResult, certain_limit: Callable[[], LimitResult], facts: Facts,
                 meta: ProgramMeta, citations: dict[str, str]) -> Finding:
    """Pass within the limit; fail above it; missing when only an adjustment that may not apply makes it fail."""
    cite = citations.get(result.binding_rule or "", "")
    if result.value is None:
        return Finding(lim.id, lim.title, "not_applicable", "No limit applies to this loan.", cite, lim.where)
    actual = facts.get(lim.on, meta)
    on_title = meta.names[lim.on].title if lim.on in meta.names else lim.on
    maximum = fmt(result.value, lim.kind, lim.unit)
    if actual is None:
        return Finding(lim.id, lim.title, "missing", f"{on_title} is unknown; the maximum is {maximum}.", cite, lim.where,
                       missing((lim.on,), facts, meta))
    shown = f"{on_title} {fmt(Decimal(actual), lim.kind, lim.unit)}"
    certain = certain_limit() if actual > result.value else result
    if actual > result.value and (certain.value is None or actual <= certain.value):
        rule = next((r for r in meta.rules if r.id == result.binding_rule), None)
        inputs = rule.when_inputs if rule is not None else ()
        return Finding(lim.id, lim.title, "missing",
                       f"{shown} exceeds {maximum} only if {result.binding_rule} applies, which depends on unknown data "
                       f"({result.description}).", cite, lim.where, missing(inputs, facts, meta))
    if actual <= result.value:
        return Finding(lim.id, lim.title, "pass", f"{shown} is within the maximum {maximum} ({result.description}).", cite,
                       lim.where)
    return Finding(lim.id, lim.title, "fail", f"{shown} exceeds the maximum {maximum} ({result.description}).", cite,
                   lim.where)


__all__ += ["AxisMeta", "Facts", "LimitMeta", "MatrixMeta", "Name", "ProgramMeta", "RequirementMeta", "RuleMeta",
            "actuals", "decide", "missing", "show"]


# ------------------------------------------------------------------ the fast path: a verdict without messages
# Generated `check_fast` returns a Verdict: `decide` without the wording, what a loan tape or a pricing engine
# needs. tests/test_fast_path.py holds it to `Verdict.of(check(loan))` on the differential loans, and
# tests/oracles/verdict.py holds the generic algorithm `check_fast` is unrolled from.


@dataclass(frozen=True, slots=True)
class Verdict:
    """The decision without its wording: status, each limit (value and binding rule), the failing rule ids."""

    status: Status
    limits: tuple[tuple[str, Decimal | None, str | None], ...]  # (limit id, value, binding rule id)
    failed: tuple[str, ...]  # ids of the failed findings, in the Decision's order
    unresolved: tuple[str, ...]  # ids of the findings missing data or referred for review

    @property
    def eligible(self) -> bool:
        return self.status == "eligible"

    def limit(self, name: str) -> Decimal | None:
        return next((value for lid, value, _rule in self.limits if lid == name), None)

    @classmethod
    def of(cls, d: Decision) -> Verdict:
        """The verdict a full Decision carries (to compare the two paths)."""
        return cls(d.status, tuple((lim.limit, lim.value, lim.binding_rule) for lim in d.limits),
                   tuple(f.rule_id for f in d.findings if f.outcome == "fail"),
                   tuple(f.rule_id for f in d.findings if f.outcome in ("missing", "review")))


__all__ += ["Verdict"]
