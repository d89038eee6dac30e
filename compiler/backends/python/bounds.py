"""How large a value can be and which grid it lies on, from the vocabulary's declared ranges and precisions.

The fast path (`check_fast`) divides with a 60-digit directed context and checks, per loan, that the quotient has
fewer than 50 digits before the point (`.adjusted() < 50`), so that rounding it again to the value's places is exact
(runtime `div_round`). When the declared ranges bound the numerator and the denominator's grid bounds how small a
non-zero denominator can be, that check always holds: `Bounds.quotient_fits` says so at compile time and the check is
left out. A field's values lie on its grid because the Loan model holds each to its declared precision.
"""

from __future__ import annotations

from decimal import Decimal

from compiler import ir

_WHOLE = ("integer", "months", "days")
_DECIMAL = ("money", "percent", "ratio", "quantity")
_FITS = Decimal("1E49")  # a quotient below this has fewer than 50 digits before the point


def step(f: ir.Field) -> Decimal | None:
    """The grid a field's values lie on: 1 for whole numbers, its declared precision (whole dollars, cents), else
    None."""
    if f.type.kind in _WHOLE:
        return Decimal(1)
    if f.type.kind in _DECIMAL and f.places is not None:
        return Decimal(1).scaleb(-f.places)
    return None


def _finest(*grids: Decimal | None) -> Decimal | None:
    """The grid every one of these lies on (each a power of ten): the finest; None when one is not known."""
    return None if any(g is None for g in grids) else min(grids)  # type: ignore[type-var]


def _largest(*bounds: Decimal | None) -> Decimal | None:
    return None if any(b is None for b in bounds) else max(bounds)  # type: ignore[type-var]


class Bounds:
    """Grids and magnitudes of expressions over a program's fields and derived values."""

    def __init__(self, fields: dict[str, ir.Field], values: dict[str, ir.Value]) -> None:
        self.fields = fields
        self.values = values

    def quotient_fits(self, x: ir.DivRound) -> bool:
        """Whether |numerator / denominator| < 10^49 for every loan whose denominator is not zero."""
        top, grid = self.magnitude(x.numerator), self.grid(x.denominator)
        return top is not None and grid is not None and grid > 0 and top / grid < _FITS

    def grid(self, x: object) -> Decimal | None:
        """A power of ten every value of x is a multiple of; None when not known."""
        if isinstance(x, ir.FieldRef):
            f = self.fields.get(x.name)
            return None if f is None else step(f)
        if isinstance(x, ir.Const):
            v = x.value
            if isinstance(v, bool) or not isinstance(v, (int, Decimal)):
                return None
            exponent = v.as_tuple().exponent if isinstance(v, Decimal) else 0
            return Decimal(1).scaleb(min(exponent, 0)) if isinstance(exponent, int) else None
        if isinstance(x, ir.ValueRef):
            val = self.values.get(x.name)
            if val is None:
                return None
            if val.rounding is not None:
                return Decimal(1).scaleb(-val.rounding.places)
            return self.grid(val.body)
        if isinstance(x, ir.Arith):
            a, b = self.grid(x.left), self.grid(x.right)
            if x.op == "*":
                return None if a is None or b is None else a * b
            return _finest(a, b)
        if isinstance(x, ir.Scale):
            g = self.grid(x.operand)
            return None if g is None else g.scaleb(x.power)
        if isinstance(x, ir.Neg):
            return self.grid(x.operand)
        if isinstance(x, (ir.DivRound, ir.Round)):
            return Decimal(1).scaleb(-x.rounding.places)
        if isinstance(x, ir.Extremum):
            return _finest(*(self.grid(a) for a in x.args))
        if isinstance(x, ir.IfThenElse):
            return _finest(self.grid(x.then), self.grid(x.otherwise))
        if isinstance(x, ir.Default):
            return _finest(self.grid(x.operand), self.grid(x.fallback))
        return None

    def magnitude(self, x: object) -> Decimal | None:
        """An upper bound on |x| over every loan; None when not known."""
        if isinstance(x, ir.FieldRef):
            f = self.fields.get(x.name)
            if f is None or f.range is None or f.range.low is None or f.range.high is None:
                return None
            return max(abs(f.range.low), abs(f.range.high))
        if isinstance(x, ir.Const):
            v = x.value
            return Decimal(abs(v)) if isinstance(v, (int, Decimal)) and not isinstance(v, bool) else None
        if isinstance(x, ir.ValueRef):
            val = self.values.get(x.name)
            if val is None or (top := self.magnitude(val.body)) is None:
                return None
            return top + (Decimal(1).scaleb(-val.rounding.places) if val.rounding is not None else 0)
        if isinstance(x, ir.Arith):
            a, b = self.magnitude(x.left), self.magnitude(x.right)
            if a is None or b is None:
                return None
            return a * b if x.op == "*" else a + b
        if isinstance(x, ir.Scale):
            top = self.magnitude(x.operand)
            return None if top is None else top.scaleb(x.power)
        if isinstance(x, ir.Neg):
            return self.magnitude(x.operand)
        if isinstance(x, ir.DivRound):  # a non-zero denominator is at least its grid
            top, grid = self.magnitude(x.numerator), self.grid(x.denominator)
            if top is None or grid is None or grid <= 0:
                return None
            return top / grid + Decimal(1).scaleb(-x.rounding.places)
        if isinstance(x, ir.Round):
            top = self.magnitude(x.operand)
            return None if top is None else top + Decimal(1).scaleb(-x.rounding.places)
        if isinstance(x, ir.Extremum):
            return _largest(*(self.magnitude(a) for a in x.args))
        if isinstance(x, ir.IfThenElse):
            return _largest(self.magnitude(x.then), self.magnitude(x.otherwise))
        if isinstance(x, ir.Default):
            return _largest(self.magnitude(x.operand), self.magnitude(x.fallback))
        return None
