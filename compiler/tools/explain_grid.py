"""A numeric or date field as a line of grid points, and the exact search along it.

Numbers are on the field's grid (whole dollars for money, the vocabulary's precision otherwise), dates on
whole days. Candidate points: every constant and band edge the program compares the field with (`edges`),
each edge plus and minus one step, the range's ends, and points scaled away from the current value; between
the last failing and the first passing point, exact bisection.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from fractions import Fraction
from typing import Literal

from compiler import ir, ir_program
from compiler.tools.explain_result import FieldValue

DATE_SPAN_DAYS = 3653  # dates are searched within ten years of the loan's
_SCALE_DOWN = tuple(Decimal(x) for x in ("0.005", "0.01", "0.02", "0.05", "0.1", "0.2", "0.35", "0.5", "0.75", "0.9"))
_SCALE_UP = (*_SCALE_DOWN, Decimal(1), Decimal(2), Decimal(4), Decimal(9), Decimal(99))
_MONTHS = (1, 2, 3, 4, 6, 9, 12, 18, 24, 36, 48, 60, 84, 120)


@dataclass(frozen=True, slots=True)
class Line:
    """A numeric or date field as a line of grid points: point i is `i * step` (numbers) or ordinal day i."""

    field: ir.Field
    kind: Literal["number", "date"]
    step: Decimal
    now: Fraction  # the current value's position (may fall between grid points)
    lo: int
    hi: int
    points: tuple[int, ...]  # candidate points, excluding the current value

    def value(self, i: int) -> FieldValue:
        if self.kind == "date":
            return dt.date.fromordinal(i)
        v = Decimal(i) * self.step
        return v.quantize(self.step) if self.step < 1 else Decimal(i * int(self.step))


def field_line(f: ir.Field, now: FieldValue | None, compared_with: Iterable[Decimal], forward_only: bool) -> Line | None:
    """The grid line of a field at its current value, None when it has none (not a number or date, unknown).

    `compared_with`: the constants and band edges the program compares the field with (`edges`); `forward_only`: a date that may
    only move forward (the seasoning date: waiting).
    """
    if f.type.kind == "date" and isinstance(now, dt.date):
        o = now.toordinal()
        lo = o if forward_only else max(1, o - DATE_SPAN_DAYS)
        hi = min(dt.date.max.toordinal(), o + DATE_SPAN_DAYS)
        days = {_add_months(now, k).toordinal() for k in _MONTHS}
        if not forward_only:
            days |= {_add_months(now, -k).toordinal() for k in _MONTHS}
        days |= {o + 1, lo, hi} | ({o - 1} if not forward_only else set())
        return Line(f, "date", Decimal(1), Fraction(o), lo, hi, clip(days, lo, hi, o))
    if not f.type.numeric or not isinstance(now, Decimal) or now.is_infinite():
        return None
    step = Decimal(1) if f.type.kind == "money" else Decimal(1).scaleb(-(f.places or 0))
    low = f.range.low if f.range is not None and f.range.low is not None else Decimal(0)
    high = f.range.high if f.range is not None and f.range.high is not None else max(now * 100, Decimal(10**9))
    lo = int((low / step).to_integral_value(ROUND_CEILING))
    hi = int((high / step).to_integral_value(ROUND_FLOOR))
    pos = Fraction(now) / Fraction(step)
    pts: set[int] = {lo, hi}
    for e in compared_with:
        for v in (e - step, e, e + step):
            q = Fraction(v) / Fraction(step)
            pts |= {q.numerator // q.denominator, -((-q.numerator) // q.denominator)}
    if now != 0:
        for r in _SCALE_DOWN:
            pts.add(int((now * (1 - r) / step).to_integral_value(ROUND_FLOOR)))
        for r in _SCALE_UP:
            pts.add(int((now * (1 + r) / step).to_integral_value(ROUND_CEILING)))
    else:
        pts |= {int(m * 10**k) for k in range(12) for m in (1, 2, 5)}
    return Line(f, "number", step, pos, lo, hi, clip(pts, lo, hi, pos))


def edges(program: ir_program.Program) -> dict[str, set[Decimal]]:
    """Constants and band edges the program compares each loan field with directly."""
    out: dict[str, set[Decimal]] = {}

    def add(x: object, values: Iterable[Decimal | None]) -> None:
        if isinstance(x, ir.FieldRef):
            out.setdefault(x.name, set()).update(v for v in values if v is not None and v.is_finite())

    def axis(a: ir.Axis) -> None:
        for key, bands in a.key_bands():
            add(key, (e for b in bands for e in (b.low, b.high)))

    def walk(x: object) -> None:
        for c in ir.find_all(x, ir.Compare):
            for side, other in ((c.left, c.right), (c.right, c.left)):
                if isinstance(other, ir.Const) and isinstance(other.value, Decimal):
                    add(side, (other.value,))

    for m in program.matrices:
        axis(m.rows)
        if m.columns is not None:
            axis(m.columns)
        walk(m.when)
    for v in program.values:
        if isinstance(v.body, ir.Lookup):
            axis(v.body.key)
        else:
            walk(v.body)
    for r in program.rules:
        walk(r.when)
        for q in r.requirements:
            walk(q)
    return out


def clip(points: set[int], lo: int, hi: int, now: Fraction | int) -> tuple[int, ...]:
    return tuple(sorted(p for p in points if lo <= p <= hi and p != now))


def bisect_first(ok: Callable[[int], bool], failing: Fraction | int, passing: int, d: int) -> int:
    """The grid point nearest `failing` (toward `passing`) that passes, assuming one change between them."""
    f = Fraction(failing)
    first = (f.numerator // f.denominator + 1) if d > 0 else -((-f.numerator) // f.denominator) - 1
    if first == passing or ok(first):
        return first
    return bisect_last(ok, passing, first)


def bisect_last(ok: Callable[[int], bool], passing: int, failing: int) -> int:
    """The last passing grid point from `passing` toward `failing` (the one next to the change between them)."""
    while abs(failing - passing) > 1:
        mid = (passing + failing) // 2
        if ok(mid):
            passing = mid
        else:
            failing = mid
    return passing


def _add_months(d: dt.date, k: int) -> dt.date:
    y, m = divmod(d.month - 1 + k, 12)
    year = min(max(d.year + y, 1), 9999)
    return dt.date(year, m + 1, min(d.day, calendar.monthrange(year, m + 1)[1]))

