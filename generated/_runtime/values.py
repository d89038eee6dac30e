# Copied from compiler/runtime/values.py by glc build; do not edit.
"""Exact arithmetic and unknown-aware operations: what a generated checker computes a loan's values with.

Unknown values are `None` throughout: arithmetic on an unknown is unknown, comparisons of an unknown are
unknown, and `and`/`or` (written inline by the back end) follow Kleene's three-valued logic (false and unknown =
false; true or unknown = true).
Division rounds once, exactly, as the guideline declares (`div_round`); `fmt` shows a value as underwriters read it.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable, Iterable
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_EVEN, ROUND_HALF_UP, Context, Decimal
from typing import Any, overload

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


class Undefined:
    """Why a value cannot be computed: it divides by `value` (language.md 3.4, "Domains": a quotient over a
    non-positive denominator is undefined, as invalid as a value outside its domain). `name` is the field or value
    divided by ("" for a computed divisor)."""

    __slots__ = ("name", "value")

    def __init__(self, name: str, value: Decimal) -> None:
        self.name = name
        self.value = value

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Undefined) and (self.name, self.value) == (other.name, other.value)

    def __hash__(self) -> int:
        return hash((self.name, self.value))

    def __repr__(self) -> str:
        return f"Undefined({self.name!r}, {self.value!r})"


def divisor(d: Decimal | int | None, name: str) -> Undefined | None:
    """An Undefined when the denominator `d` is known and zero or negative, else None."""
    if d is None or d > 0:
        return None
    return Undefined(name, Decimal(d))


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
            tie = twice == den
            if twice > den or (tie and ((mode == "half_up" and num > 0) or (mode == "half_even" and q % 2 == 1))):
                q += 1
            elif tie and mode == "half_up" and num < 0:
                pass
    return Decimal(q).scaleb(-places)


_up_divide, _up_quantize = _DIRECTED["up"].divide, _DIRECTED["up"].quantize
_down_divide, _down_quantize = _DIRECTED["down"].divide, _DIRECTED["down"].quantize
# The same bound methods for check_fast, which writes `div_up`/`div_down` inline (compiler/backends/python/expr.py)
up_divide, up_quantize, down_divide, down_quantize = _up_divide, _up_quantize, _down_divide, _down_quantize


def div_up(n: Decimal | int | None, d: Decimal | int | None, step: Decimal) -> Decimal | None:
    """`div_round(n, d, places, "up")` for a grid `step` of 10**-places, places < 10: the same value, through the
    bound methods of the 60-digit context (no rounding mode looked up, no keyword call)."""
    if n is None or d is None or not d:
        return None
    q = _up_divide(n, d)
    if q.adjusted() < 50:
        q = _up_quantize(q, step)
        return q if q else q.copy_abs()  # no negative zero
    return div_round(n, d, -step.as_tuple().exponent, "up")  # type: ignore[operator]


def div_down(n: Decimal | int | None, d: Decimal | int | None, step: Decimal) -> Decimal | None:
    """`div_round(n, d, places, "down")` for a grid `step` of 10**-places, places < 10 (as `div_up`)."""
    if n is None or d is None or not d:
        return None
    q = _down_divide(n, d)
    if q.adjusted() < 50:
        q = _down_quantize(q, step)
        return q if q else q.copy_abs()
    return div_round(n, d, -step.as_tuple().exponent, "down")  # type: ignore[operator]


@overload
def months_between(start: dt.date, end: dt.date) -> int: ...
@overload
def months_between(start: dt.date | None, end: dt.date | None) -> int | None: ...
def months_between(start: dt.date | None, end: dt.date | None) -> int | None:
    """Whole months from start to end (a month is complete on the same day of the month, or its last day)."""
    if start is None or end is None:
        return None
    months = (end.year - start.year) * 12 + (end.month - start.month)
    day = end.day
    if day < start.day and day < calendar.monthrange(end.year, end.month)[1]:  # the month's last day completes it
        months -= 1
    return months


@overload
def days_between(start: dt.date, end: dt.date) -> int: ...
@overload
def days_between(start: dt.date | None, end: dt.date | None) -> int | None: ...
def days_between(start: dt.date | None, end: dt.date | None) -> int | None:
    """Calendar days from start to end (negative when end is before start)."""
    if start is None or end is None:
        return None
    return (end - start).days


def months_since_latest(items: Iterable[Any] | None, kind_field: str, date_field: str, kinds: tuple[str, ...],
                        as_of: dt.date | None, unit: str = "months") -> Decimal | None:
    """Whole months (or days, `unit="days"`) since the most recent item of the given kinds; NEVER when there is none."""
    if items is None or as_of is None:
        return None
    dates = [getattr(i, date_field) for i in items if not kinds or str(getattr(i, kind_field)) in kinds]
    if not dates:
        return NEVER
    if any(d is None for d in dates):
        return None
    n = days_between(max(dates), as_of) if unit == "days" else months_between(max(dates), as_of)
    return None if n is None else Decimal(n)


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
        if days >= min_days and months_between(when, as_of) < months:  # months only then
            n += 1
    return Decimal(n)


def not3(p: bool | None) -> bool | None:
    return None if p is None else not p


def fmt(value: object, kind: str = "", unit: str = "") -> str:
    """A value as underwriters read it: `$1,200,000`, `82.50%`, `1.056`, `47 months`, `180 days`, `20.5 acres`,
    `unknown`."""
    if value is None:
        return "unknown"
    cls = value.__class__
    if cls is Decimal or (cls is not bool and isinstance(value, Decimal)):  # the common case first
        d: Decimal = value  # type: ignore[assignment]
        if d.is_infinite():
            return "never"
        return NUMBER_TEXT.get(kind, _plain)(d, unit)
    if cls is bool:
        return "yes" if value else "no"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _money(d: Decimal, unit: str) -> str:
    return ("-" + dollars(-d) if d < 0 else dollars(d)) + money_suffix(unit)


def dollars(d: Decimal) -> str:
    """A sum of money not below zero, without its unit: `$1,250` or `$1,250.50`."""
    return f"${d:,.2f}" if d != d.to_integral_value() else f"${d:,.0f}"


def money_suffix(unit: str) -> str:
    """What follows a sum of money in this unit: `/month` for a monthly one."""
    return "/month" if unit.endswith("per month") else ""


def digits(d: Decimal) -> str:
    """`f"{d:f}"` (a number without an exponent), from `str(d)` where that is the same: no exponent in it and
    finite (a third of the time of the format)."""
    s = str(d)
    return s if "E" not in s and s[-1].isdigit() else f"{d:f}"


def _plain(d: Decimal, unit: str) -> str:
    return digits(d)


def _percent(d: Decimal, unit: str) -> str:
    return digits(d) + "%"


def _months(d: Decimal, unit: str) -> str:
    return digits(d) + (" month" if d == 1 else " months")


def _days(d: Decimal, unit: str) -> str:
    return digits(d) + (" day" if d == 1 else " days")


def _quantity(d: Decimal, unit: str) -> str:
    return f"{d:,f} {unit}"


# How `fmt` writes a finite number, by kind (any other kind: plain).
NUMBER_TEXT: dict[str, Callable[[Decimal, str], str]] = {
    "money": _money, "percent": _percent, "months": _months, "days": _days, "quantity": _quantity}

# ------------------------------------------------------------------ unknown-aware operations


def join_and(items: Iterable[str]) -> str:
    """`a`, `a and b`, `a, b and c` (each once, in order): a list in a message."""
    xs = list(dict.fromkeys(items))
    return ", ".join(xs[:-1]) + " and " + xs[-1] if len(xs) > 1 else "".join(xs)


def neg(a: Any) -> Any:
    return None if a is None else -a


def scale(a: Any, power: int) -> Decimal | None:
    """a x 10**power, exact (percent <-> ratio)."""
    return None if a is None else Decimal(a).scaleb(power)


def isin(a: Any, values: frozenset[str]) -> bool | None:
    return None if a is None else a in values


def known(a: Any) -> bool:
    return a is not None


def lesser(*args: Any) -> Any:
    return None if None in args else min(args)


def greater(*args: Any) -> Any:
    return None if None in args else max(args)



def months_since(date: dt.date | None, as_of: dt.date | None) -> Decimal | None:
    months = months_between(date, as_of)
    return None if months is None else Decimal(months)


def days_since(date: dt.date | None, as_of: dt.date | None) -> Decimal | None:
    days = days_between(date, as_of)
    return None if days is None else Decimal(days)


