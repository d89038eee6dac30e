"""Bands of a numeric key in generated Python: one band's test, and the tests of an `if` chain over bands.

A chain tests each band only when the key is in none before it, so an edge the earlier bands imply is left out
(`implied_edges`): descending score bands test `fico >= 720` where the band says 720-739.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import ROUND_CEILING, Decimal


def _bound(value: Decimal, integer: bool, const: Callable[[Decimal], str]) -> str:
    """A band edge: an int literal for integer keys (int against int compares fastest), else a module constant."""
    if integer and value == value.to_integral_value():
        return str(int(value))
    return const(value)


def band_test(key: str, band: tuple[Decimal | None, bool, Decimal | None, bool], integer: bool,
              const: Callable[[Decimal], str]) -> str:
    """`low <= key <= high` (or `<`, or one side only) for a band; "True" for an unbounded band."""
    low, low_inc, high, high_inc = band
    if low is None and high is None:
        return "True"
    if low is None or high is None:  # one edge: the key first
        edge = low if low is not None else high
        op = (">=" if low_inc else ">") if low is not None else ("<=" if high_inc else "<")
        return f"{key} {op} {_bound(edge, integer, const)}"  # type: ignore[arg-type]
    return f"{_bound(low, integer, const)} {'<=' if low_inc else '<'} {key} {'<=' if high_inc else '<'} {_bound(high, integer, const)}"


Edge = tuple[Decimal | None, bool, Decimal | None, bool]  # low, low inclusive, high, high inclusive (None: unbounded)


def _snap(x: Decimal, closed: bool, step: Decimal | None) -> tuple[Decimal, bool]:
    """The frontier "every key >= x" (closed) or "> x" (open) on the grid of `step`: from its first key, closed."""
    if step is None:
        return x, closed
    first = (x / step).to_integral_value(ROUND_CEILING) * step
    return (first + step if not closed and first == x else first), True


def _covers_from(bands: list[Edge], x: Decimal, closed: bool, step: Decimal | None) -> bool:
    """Every key >= x (closed) or > x (open) lies in one of `bands` (keys are multiples of `step` when it is given)."""
    x, closed = _snap(x, closed, step)
    moved = True
    while moved:
        moved = False
        for low, low_inc, high, high_inc in bands:
            starts = low is None or low < x or (low == x and (low_inc or not closed))
            if not starts or not (high is None or x < high or (x == high and high_inc and closed)):
                continue
            if high is None:
                return True
            x, closed = _snap(high, not high_inc, step)
            moved = True
    return False


def implied_edges(bands: list[Edge], step: Decimal | None) -> list[Edge]:
    """Bands tested in order by an `if` chain (a key reaching band i is known and in none before it): each band
    without the edges the earlier ones imply (every key past that edge lies in an earlier band), so a chain over
    descending bands tests `fico >= 720` where the band says 720-739. `step`: the keys' grid (1 for whole
    numbers, 0.01 for cents), None for any number."""
    out: list[Edge] = []
    for i, (low, low_inc, high, high_inc) in enumerate(bands):
        earlier = bands[:i]
        if high is not None and _covers_from(earlier, high, not high_inc, step):
            high = None
        mirrored = [(None if h is None else -h, hi, None if lo is None else -lo, li) for lo, li, h, hi in earlier]
        if low is not None and _covers_from(mirrored, -low, not low_inc, step):
            low = None
        out.append((low, low_inc, high, high_inc))
    return out
