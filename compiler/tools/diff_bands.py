"""Band tables compared by the loans they cover: the common refinement of two band lists, and what a cell says.

`refine` splits old and new bands into pieces on the field's grid within which neither table changes band, so
every region of loans whose limit changed is listed, even when bands moved; the helpers read a matrix cell or
lookup result at a piece and order limits by permissiveness.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from compiler import ir, ir_types
from compiler.wording import band_label, fmt_amount


@dataclass(frozen=True, slots=True)
class Piece:
    """A region of one axis on which neither the old nor the new table changes band; `point` lies in it."""

    low: Decimal | None
    low_inclusive: bool
    high: Decimal | None
    high_inclusive: bool
    point: Decimal
    label: str


def refine(old: tuple[ir.Band, ...], new: tuple[ir.Band, ...], step: Decimal, kind: tuple[str, str]) -> list[Piece]:
    """The common refinement of two band lists, on the grid of values the field can take (multiples of `step`).

    Every value covered by either list lies in exactly one piece, and within a piece both lists give one band
    (or none). Pieces holding no value on the grid are left out.
    """
    cuts: set[tuple[Decimal, bool]] = set()  # (x, True): a region starts at x; (x, False): a region starts just after x
    for b in (*old, *new):
        if b.low is not None:
            cuts.add((b.low, b.low_inclusive))
        if b.high is not None:
            cuts.add((b.high, not b.high_inclusive))
    ordered = sorted(cuts, key=lambda c: (c[0], not c[1]))
    starts: list[tuple[Decimal | None, bool]] = [(None, True), *ordered]
    pieces: list[Piece] = []
    for n, (low, low_inc) in enumerate(starts):
        high: Decimal | None
        if n + 1 < len(starts):
            nxt, nxt_inc = starts[n + 1]
            high, high_inc = nxt, not nxt_inc
        else:
            high, high_inc = None, True
        point = _first_point(low, low_inc, high, high_inc, step)
        if point is None:
            continue
        if not any(b.contains(point) for b in (*old, *new)):
            continue
        lo, lo_inc, hi, hi_inc = _snap(low, low_inc, high, high_inc, step)
        pieces.append(Piece(lo, lo_inc, hi, hi_inc, point, band_label(lo, lo_inc, hi, hi_inc, *kind)))
    return pieces


def _first_point(low: Decimal | None, low_inc: bool, high: Decimal | None, high_inc: bool, step: Decimal) -> Decimal | None:
    """The smallest multiple of `step` in the interval (the high end when unbounded below), or None."""
    if low is None:
        if high is None:
            return Decimal(0)
        top = (high / step).to_integral_value(rounding="ROUND_FLOOR") * step
        if top == high and not high_inc:
            top -= step
        return top
    x = (low / step).to_integral_value(rounding="ROUND_CEILING") * step
    if x == low and not low_inc:
        x += step
    if high is not None and (x > high or (x == high and not high_inc)):
        return None
    return x


def _snap(low: Decimal | None, low_inc: bool, high: Decimal | None, high_inc: bool, step: Decimal
          ) -> tuple[Decimal | None, bool, Decimal | None, bool]:
    """Exclusive ends on the grid written as inclusive ones: `over $2,000,000` -> `$2,000,001`."""
    if low is not None and not low_inc and (low / step) == (low / step).to_integral_value():
        low, low_inc = low + step, True
    if high is not None and not high_inc and (high / step) == (high / step).to_integral_value():
        high, high_inc = high - step, True
    return low, low_inc, high, high_inc


def _band_index(bands: tuple[ir.Band, ...], x: Decimal) -> int | None:
    return next((n for n, b in enumerate(bands) if b.contains(x)), None)


_NOT_COVERED = "not covered"


def cell_at(m: ir.Matrix, r: Piece, c: Piece | None) -> ir.Cell | str:
    ri = _band_index(m.rows.bands, r.point)
    ci = 0 if c is None or m.columns is None else _band_index(m.columns.bands, c.point)
    if ri is None or ci is None:
        return _NOT_COVERED
    return m.cell(ri, ci)


def limit_in(cell: ir.Cell | str, limit: str) -> Decimal | str | None:
    """The limit a cell gives: a number, 'N/A', 'not covered', or None for no limit."""
    if isinstance(cell, str):
        return cell
    if not cell.eligible:
        return "N/A"
    return cell.get(limit)


def permissiveness(v: Decimal | str | None) -> Decimal:
    """Order of permissiveness: ineligible lowest, then the limit's value, no limit highest."""
    if isinstance(v, str):
        return Decimal("-Infinity")
    if v is None:
        return Decimal("Infinity")
    return v


def show_limit(v: Decimal | str | None, lim: ir.Limit | None) -> str:
    if isinstance(v, str):
        return v
    if v is None:
        return "no limit"
    return fmt_amount(v, lim.type.kind, lim.type.unit) if lim else str(v)


def lookup_at(body: ir.Lookup, piece: Piece) -> Decimal | str | None:
    n = _band_index(body.key.bands, piece.point)
    if n is None:
        return _NOT_COVERED
    result = body.results[n]
    return "N/A" if result is None else result


def amount_text(v: Decimal | str | None, t: ir_types.Type) -> str:
    if isinstance(v, Decimal):
        return fmt_amount(v, t.kind, t.unit)
    return v if v is not None else "none"
