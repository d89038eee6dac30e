"""What the analyses know about one program: its domain, its requirements and matrices as regions.

A rule `when w` with `require t` constrains every eligible loan to `not w or t`. From the outside
(`context_over`) those constraints hold every loan that can be eligible; from the inside (`context_under`)
only the requirements that read the variables a question is about are used, so that an opaque requirement
elsewhere (reserves against a lookup) does not hide the answer.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from compiler import ir, ir_program
from compiler.analysis.conditions import Regions, mentions
from compiler.analysis.region import Box, Domain, Region
from compiler.source import Span


@dataclass(frozen=True)
class Req:
    """One requirement of one rule, as the constraint `not when or requirement` on eligible loans."""

    rule: ir.Rule
    req: ir.Requirement
    over: Region
    under: Region
    reads: frozenset[str]


@dataclass
class Warning_:
    code: str
    message: str
    span: Span
    hint: str
    holders: tuple[tuple[ir.Accepted, ...], ...]  # where an `accept warning` line silences it


Emit = Callable[[Warning_], None]


@dataclass
class Facts:
    program: ir_program.Program
    vocabulary: ir_program.Vocabulary
    domain: Domain = field(init=False)
    regions: Regions = field(init=False)
    reqs: list[Req] = field(init=False)

    def __post_init__(self) -> None:
        self.domain = Domain(self.program, self.vocabulary)
        self.regions = Regions(self.domain)
        r = self.regions
        self.reqs = []
        for rule in self.program.rules:
            for q in rule.requirements:
                over = r.over_not(rule.when) + r.requirement(q, "over")
                under = r.under_not(rule.when) + r.requirement(q, "under")
                self.reqs.append(Req(rule, q, over, under, frozenset(mentions(q) | mentions(rule.when))))

    def context_over(self, exclude: tuple[str, ...] = ()) -> list[Region]:
        """Constraints every eligible loan meets (those that constrain anything), except rules `exclude`."""
        return [q.over for q in self.reqs if q.rule.id not in exclude and not _top(q.over)]

    def context_under(self, names: set[str], exclude: tuple[str, ...] = ()) -> list[Region]:
        """The requirements reading any of `names`, from the inside."""
        return [q.under for q in self.reqs if q.rule.id not in exclude and q.reads & names]

    def coverage_over(self) -> Region | None:
        """Loans some matrix applies to (from the outside), or None when the program has no matrix."""
        if not self.program.matrices:
            return None
        return [b for m in self.program.matrices for b in self.regions.over(m.when)]

    def titles(self) -> dict[str, str]:
        return {n: v.title for n, v in self.domain.vars.items()}


def _top(region: Region) -> bool:
    return any(not b.items for b in region)


def line_box(axis: ir.Axis, line: tuple[ir.Entry, ...], domain: Domain) -> Box | None:
    """A table line as a constraint on the axis variables (a band: an interval; choices: a set), or None when a
    key is not a plain field or value."""
    from compiler.analysis.region import Constraint, Interval

    items: dict[str, Constraint] = {}
    for key, entry in zip(axis.keys, line, strict=True):
        if not isinstance(key, (ir.FieldRef, ir.ValueRef)) or domain.var(key.name) is None or key.name in items:
            return None
        items[key.name] = Interval.of_band(entry) if isinstance(entry, ir.Band) else frozenset(entry.values)
    return Box(items)


def axis_boxes(m: ir.Matrix, domain: Domain) -> Iterator[tuple[ir.Axis, list[Box]]]:
    """Each axis of the matrix with its lines as boxes (`line_box`), in table order; axes not on plain fields or
    values are left out."""
    for axis in (m.rows, m.columns):
        if axis is None:
            continue
        boxes = [line_box(axis, line, domain) for line in axis.lines]
        if all(b is not None for b in boxes):
            yield axis, [b for b in boxes if b is not None]


def axis_title(axis: ir.Axis, facts: Facts) -> str:
    """How authors name a matrix axis: the fields' or values' titles, else the axis as written."""
    titles: list[str] = []
    for key, label in zip(axis.keys, axis.labels, strict=True):
        v = facts.domain.var(key.name) if isinstance(key, (ir.FieldRef, ir.ValueRef)) else None
        titles.append(v.title if v is not None else label)
    return ", ".join(titles) if len(axis.keys) > 1 or titles[0] != axis.labels[0] else axis.label
