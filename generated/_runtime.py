# Copied from compiler/runtime.py by glc build; do not edit.
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
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal
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


def quantize(x: Decimal | None, places: int, mode: str) -> Decimal | None:
    """x rounded to `places` decimals: up (toward +inf), down (toward -inf), half_up, half_even."""
    if x is None:
        return None
    return x.quantize(Decimal(1).scaleb(-places), rounding=_MODES[mode])


def div_round(n: Decimal | None, d: Decimal | None, places: int, mode: str) -> Decimal | None:
    """n / d computed exactly, then rounded once as declared; unknown when either is unknown or d is 0."""
    if n is None or d is None or d == 0:
        return None
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
    """Kleene `and`."""
    if any(p is False for p in parts):
        return False
    if any(p is None for p in parts):
        return None
    return True


def any3(*parts: bool | None) -> bool | None:
    """Kleene `or`."""
    if any(p is True for p in parts):
        return True
    if any(p is None for p in parts):
        return None
    return False


def not3(p: bool | None) -> bool | None:
    return None if p is None else not p


def fmt(value: object, kind: str = "", unit: str = "") -> str:
    """A value as underwriters read it: `$1,200,000`, `82.50%`, `1.056`, `47 months`, `unknown`."""
    if value is None:
        return "unknown"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Decimal):
        if value.is_infinite():
            return "never"
        if kind == "money":
            text = f"${value:,.2f}" if value != value.to_integral_value() else f"${value:,.0f}"
            return text + ("/month" if unit.endswith("per month") else "")
        plain = f"{value:f}"
        if kind == "percent":
            return plain + "%"
        if kind == "months":
            return f"{plain} month{'' if value == 1 else 's'}"
        return plain
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
        """Plain data; Decimals as strings (exact), dates ISO."""
        return _plain(asdict(self))  # type: ignore[no-any-return]

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)


def _plain(x: Any) -> Any:
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
    return None if any(a is None for a in args) else min(args)


def greater(*args: Any) -> Any:
    return None if any(a is None for a in args) else max(args)


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
    if low is not None and (x < low or (x == low and not low_inc)):
        return False
    return not (high is not None and (x > high or (x == high and not high_inc)))


__all__ += ["add", "choose", "default", "eq", "ge", "greater", "gt", "in_band", "isin", "known", "le", "lesser", "lookup",
            "lt", "months_since", "mul", "ne", "neg", "scale", "sub"]
