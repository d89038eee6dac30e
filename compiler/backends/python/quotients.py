"""A derived value equal to another when some of its addends are zero: CLTV is LTV for a loan with no other liens.

(senior liens + loan amount + subordinate liens) / property value, rounded up to 2 decimals, is exactly loan amount /
property value rounded alike when the other liens are zero; check_fast then reads the value it already has in place
of dividing again.
"""

from __future__ import annotations

from collections.abc import Callable

from compiler import ir
from compiler.backends.python.expr import _SIMPLE


def same_quotient(val: ir.Value, values: tuple[ir.Value, ...], decisive: set[str],
                  emit: Callable[[ir.Expr], str]) -> tuple[str, str] | None:
    """A value dividing a sum by what another value divides part of that sum by, rounded alike (CLTV =
    (senior liens + loan amount + subordinate liens) / property value, LTV = loan amount / property value):
    equal to it when the other addends are all zero. (the other value's local, the test that they are zero);
    None when there is no such value (the one with the most addends in common is taken)."""
    body = val.body
    if not isinstance(body, ir.DivRound):
        return None
    power, terms = _addends(body.numerator)
    best: tuple[int, str, str] | None = None
    for w in values:
        other = w.body
        if (w.id == val.id or w.id not in decisive or not isinstance(other, ir.DivRound)
                or other.denominator != body.denominator or other.rounding != body.rounding
                or w.rounding != val.rounding or w.type != val.type):
            continue
        their_power, theirs = _addends(other.numerator)
        extra = list(terms)
        for t in theirs:
            if t not in extra:
                break
            extra.remove(t)
        else:
            if their_power != power or not extra or len(extra) == len(terms):
                continue
            names = [emit(t) for t in extra]
            if not all(_SIMPLE.fullmatch(n) and not n.startswith("_") and not n.isdigit() for n in names):
                continue
            zero = " and ".join(f"{n} is not None and not {n}" for n in names)
            if best is None or len(theirs) > best[0]:
                best = (len(theirs), f"v_{w.id}", zero)
    return None if best is None else best[1:]


def _addends(x: ir.Expr) -> tuple[int, list[ir.Expr]]:
    """(the power of ten it is scaled by, the addends of the sum under it) of a numerator: `(a + b) as percent` ->
    (2, [a, b])."""
    power = 0
    if isinstance(x, ir.Scale):
        power, x = x.power, x.operand
    out: list[ir.Expr] = []

    def walk(e: ir.Expr) -> None:
        if isinstance(e, ir.Arith) and e.op == "+":
            walk(e.left)
            walk(e.right)
        else:
            out.append(e)

    walk(x)
    return power, out
