"""Exact reasoning over sets of loans: boxes of per-variable constraints and disjunctions of boxes.

A variable is a loan field or a derived value, by name. A `Box` constrains some variables: an interval
for a number (at the variable's precision: a whole-number FICO of 659.5 does not exist), a set of values
for an enum or a yes/no; unconstrained variables can be anything in their domain. A `Region` is a list
of boxes (their union), i.e. a condition in disjunctive normal form.

Derived values are treated as free variables, independent of each other and of the fields they are
computed from. That over-approximates the loans that exist, which is what "no loan can ..." warnings
need; warnings claiming that some loan exists (overlaps, uncovered loans) use only conditions the
conversion represents exactly, see `conditions`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

from compiler import ir, ir_program, ir_types

MAX_BOXES = 512  # a region larger than this is not worth representing: callers fall back to "unknown"
MAX_STEPS = 20_000  # search budget per question


class TooBig(Exception):
    """A region or search exceeded its budget: the caller must answer conservatively."""


@dataclass(frozen=True, slots=True)
class Interval:
    """Numbers from `low` to `high`; None = unbounded."""

    low: Decimal | None = None
    low_inclusive: bool = True
    high: Decimal | None = None
    high_inclusive: bool = True

    def meet(self, other: Interval) -> Interval:
        low, low_inc = self.low, self.low_inclusive
        if other.low is not None and (low is None or other.low > low or (other.low == low and not other.low_inclusive)):
            low, low_inc = other.low, other.low_inclusive
        high, high_inc = self.high, self.high_inclusive
        if other.high is not None and (high is None or other.high < high or (other.high == high and not other.high_inclusive)):
            high, high_inc = other.high, other.high_inclusive
        return Interval(low, low_inc, high, high_inc)

    def empty(self, step: Decimal | None) -> bool:
        """True when no number (a multiple of `step`, if given) lies in the interval."""
        low, high = self.low, self.high
        if step is not None and low is not None:
            first = (low / step).to_integral_value(rounding=ROUND_CEILING) * step
            if first == low and not self.low_inclusive:
                first += step
            low, low_inc = first, True
        else:
            low_inc = self.low_inclusive
        if step is not None and high is not None:
            last = (high / step).to_integral_value(rounding=ROUND_FLOOR) * step
            if last == high and not self.high_inclusive:
                last -= step
            high, high_inc = last, True
        else:
            high_inc = self.high_inclusive
        if low is None or high is None:
            return False
        return low > high or (low == high and not (low_inc and high_inc))

    def complement(self) -> list[Interval]:
        out: list[Interval] = []
        if self.low is not None:
            out.append(Interval(None, True, self.low, not self.low_inclusive))
        if self.high is not None:
            out.append(Interval(self.high, not self.high_inclusive, None, True))
        return out

    @staticmethod
    def of_band(band: ir.Band) -> Interval:
        return Interval(band.low, band.low_inclusive, band.high, band.high_inclusive)


Constraint = Interval | frozenset[object]


@dataclass(frozen=True, slots=True)
class Var:
    """What a variable can be: numbers in `range` at `step`, or one of `values`."""

    name: str
    type: ir_types.Type
    title: str
    range: Interval | None = None
    step: Decimal | None = None
    values: frozenset[object] | None = None  # enums and yes/no

    @property
    def numeric(self) -> bool:
        return self.values is None


class Domain:
    """The variables of one program: the vocabulary's fields and the program's values."""

    def __init__(self, program: ir_program.Program, vocabulary: ir_program.Vocabulary) -> None:
        self.vars: dict[str, Var] = {}
        self.better: dict[str, str] = {}
        for f in vocabulary.fields:
            self.vars[f.name] = _var(f.name, f.title, f.type, f.places, f.range)
            if f.better:
                self.better[f.name] = f.better
        for v in program.values:
            self.vars[v.id] = _var(v.id, v.title, v.type, v.places, None)
            if v.better:
                self.better[v.id] = v.better

    def var(self, name: str) -> Var | None:
        return self.vars.get(name)

    def feasible(self, name: str, c: Constraint) -> bool:
        v = self.vars[name]
        if isinstance(c, Interval):
            full = c.meet(v.range) if v.range is not None else c
            return not full.empty(v.step)
        return bool(c & v.values) if v.values is not None else bool(c)


def _var(name: str, title: str, t: ir_types.Type, places: int | None, rng: ir.Band | None) -> Var:
    if t.kind == "enum":
        return Var(name, t, title, values=frozenset(t.values))
    if t.kind == "yesno":
        return Var(name, t, title, values=frozenset({True, False}))
    step = Decimal(1).scaleb(-places) if places is not None and t.numeric else None
    return Var(name, t, title, Interval.of_band(rng) if rng is not None else None, step)


class Box:
    """A conjunction of constraints, one per constrained variable. Immutable once built."""

    __slots__ = ("items",)

    def __init__(self, items: dict[str, Constraint] | None = None) -> None:
        self.items: dict[str, Constraint] = items or {}

    def meet(self, other: Box, domain: Domain) -> Box | None:
        """The intersection, or None when it is empty."""
        if len(other.items) > len(self.items):
            return other.meet(self, domain)
        items = dict(self.items)
        for name, c in other.items.items():
            mine = items.get(name)
            if mine is None:
                new = c
            elif isinstance(mine, Interval) and isinstance(c, Interval):
                new = mine.meet(c)
            elif isinstance(mine, frozenset) and isinstance(c, frozenset):
                new = mine & c
            else:  # a variable used both as a number and as a set: cannot happen in a typed program
                return None
            if not domain.feasible(name, new):
                return None
            items[name] = new
        return Box(items)

    def restrict(self, names: Iterable[str]) -> Box:
        keep = set(names)
        return Box({n: c for n, c in self.items.items() if n in keep})

    def complement(self, domain: Domain) -> Region:
        """Every loan outside the box, as a region (exact)."""
        out: Region = []
        for name, c in self.items.items():
            if isinstance(c, Interval):
                out.extend(Box({name: part}) for part in c.complement())
            else:
                rest = (domain.vars[name].values or frozenset()) - c
                if rest:
                    out.append(Box({name: rest}))
        return out

    def __repr__(self) -> str:
        return f"Box({self.items!r})"


Region = list[Box]

TOP: Region = [Box()]


def meet(a: Region, b: Region, domain: Domain) -> Region:
    """The intersection of two regions (pairwise box intersections, empty ones dropped)."""
    out: Region = []
    for x in a:
        for y in b:
            z = x.meet(y, domain)
            if z is not None:
                out.append(z)
                if len(out) > MAX_BOXES:
                    raise TooBig
    return out


def search(constraints: list[Region], domain: Domain, start: Box | None = None, budget: int = MAX_STEPS) -> Box | None:
    """A box inside every region (a loan meeting every constraint), or None when there is none.

    Depth-first with the most constraining regions first; raises TooBig past the budget. Iterative: a program
    with thousands of requirements asks questions of thousands of constraints (no recursion limit).
    """
    if any(not r for r in constraints):
        return None
    order = sorted(constraints, key=len)
    steps = 0
    boxes = [start or Box()]  # boxes[i]: the box meeting order[:i]
    tried = [0]  # tried[i]: the options of order[i] tried so far
    while True:
        i = len(boxes) - 1
        if i == len(order):
            return boxes[-1]
        options = order[i]
        j = tried[-1]
        while j < len(options):
            steps += 1
            if steps > budget:
                raise TooBig
            z = boxes[-1].meet(options[j], domain)
            j += 1
            if z is not None:
                tried[-1] = j
                boxes.append(z)
                tried.append(0)
                break
        else:  # no option of order[i] fits: back to the previous choice
            boxes.pop()
            tried.pop()
            if not tried:
                return None
