"""Band lists: reversed, empty, overlapping and gapped bands, at the precision of the banded value.

Consumes the IR bands of one table axis or one field range; reports diagnostics. A gap is a value the
banded field can hold (given its decimals) that falls in no band, between the lowest and highest band.
"""

from __future__ import annotations

from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from itertools import pairwise

from compiler import ir
from compiler.diagnostics import Diagnostics
from compiler.wording import fmt_amount


def check_band(band: ir.Band, kind: str, diags: Diagnostics) -> bool:
    """A single band: its low end must not be above its high end."""
    empty = band.low is not None and band.high is not None and (
        band.low > band.high or (band.low == band.high and not (band.low_inclusive and band.high_inclusive))
    )
    if empty:
        assert band.low is not None and band.high is not None
        diags.error(
            "E401",
            f"The band `{band.label}` is empty: it starts at {fmt_amount(band.low, kind)} and ends at "
            f"{fmt_amount(band.high, kind)}.",
            band.span,
            "Write the lower edge first, e.g. `660..679`.",
        )
        return False
    return True


def check_bands(bands: list[ir.Band], kind: str, places: int | None, what: str, diags: Diagnostics) -> None:
    """Overlaps and gaps of a list of bands (table order does not matter)."""
    good = [b for b in bands if check_band(b, kind, diags)]
    ordered = sorted(good, key=_low_key)
    step = Decimal(1).scaleb(-places) if places is not None else None
    for a, b in pairwise(ordered):
        if _overlaps(a, b):
            diags.error(
                "E402",
                f"The {what} bands `{a.label}` (line {a.span.line}) and `{b.label}` overlap.",
                b.span,
                "Bands must not share a value: make one end where the other begins, e.g. `660..679` then `680..699`.",
            )
            continue
        gap = _first_gap_value(a, b, step)
        if gap is not None:
            example = fmt_amount(gap, kind)
            if places is None:
                precision = f" ({what} has no declared precision, so any fraction can fall between them)"
            elif places == 0:
                precision = f" ({what} is {'in whole dollars' if kind == 'money' else 'a whole number'})"
            else:
                precision = f" ({what} has {places} decimal{'s' if places != 1 else ''})"
            diags.error(
                "E403",
                f"Gap between the {what} bands `{a.label}` and `{b.label}`: a value of {example} falls in no band{precision}.",
                b.span,
                f"Make the bands meet: one should end just before the other starts (here, {example} must belong to one of them).",
            )


def _low_key(b: ir.Band) -> tuple[int, Decimal, int]:
    if b.low is None:
        return (0, Decimal(0), 0)
    return (1, b.low, 0 if b.low_inclusive else 1)


def _overlaps(a: ir.Band, b: ir.Band) -> bool:
    # a starts before (or with) b; they overlap if b's low is inside a.
    if a.high is None:
        return True
    if b.low is None:
        return True
    if b.low < a.high:
        return True
    return b.low == a.high and a.high_inclusive and b.low_inclusive


def _first_gap_value(a: ir.Band, b: ir.Band, step: Decimal | None) -> Decimal | None:
    """The smallest value strictly between a and b (at `step` precision), or None when they touch."""
    assert a.high is not None and b.low is not None
    if step is None:
        if a.high == b.low and (a.high_inclusive or b.low_inclusive):
            return None
        if a.high == b.low:
            return a.high
        return (a.high + b.low) / 2
    if a.high_inclusive:
        first = a.high.quantize(step, rounding=ROUND_FLOOR) + step
    else:
        first = a.high.quantize(step, rounding=ROUND_CEILING)
    if first < b.low or (first == b.low and not b.low_inclusive):
        return first
    return None
