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
    # requirements that say the same (the same `when` and the same requirement, as IR values): their constraints
    # are equal, so a conjunction needs one of each; `groups[k]` are indexes into `reqs`, in program order
    groups: list[list[int]] = field(init=False)
    group_of: list[int] = field(init=False)  # index into `reqs` -> its group
    searched: dict[object, object] = field(init=False)  # memo of questions whose constraints are equal

    def __post_init__(self) -> None:
        self.domain = Domain(self.program, self.vocabulary)
        self.regions = Regions(self.domain)
        r = self.regions
        self.reqs = []
        self.groups = []
        self.group_of = []
        self.searched = {}
        seen: dict[tuple[object, object], int] = {}
        for rule in self.program.rules:
            for q in rule.requirements:
                key = (rule.when, q)
                k = seen.get(key)
                if k is None:
                    over = r.over_not(rule.when) + r.requirement(q, "over")
                    under = r.under_not(rule.when) + r.requirement(q, "under")
                    reads = frozenset(mentions(q) | mentions(rule.when))
                    k = seen[key] = len(self.groups)
                    self.groups.append([])
                else:  # the same constraint again (another rule says the same): shared, not converted again
                    first = self.reqs[self.groups[k][0]]
                    over, under, reads = first.over, first.under, first.reads
                self.groups[k].append(len(self.reqs))
                self.group_of.append(k)
                self.reqs.append(Req(rule, q, over, under, reads))

    def excluded_groups(self, exclude: tuple[str, ...]) -> frozenset[int]:
        """The groups every requirement of which belongs to a rule in `exclude`."""
        if not exclude:
            return frozenset()
        mine = {self.group_of[i] for rid in exclude for i in self._by_rule().get(rid, ())}
        return frozenset(k for k in mine if all(self.reqs[i].rule.id in exclude for i in self.groups[k]))

    def _by_rule(self) -> dict[str, list[int]]:
        cached = self.searched.get("_by_rule")
        if cached is None:
            by: dict[str, list[int]] = {}
            for i, q in enumerate(self.reqs):
                by.setdefault(q.rule.id, []).append(i)
            cached = self.searched["_by_rule"] = by
        return cached  # type: ignore[return-value]

    def matrix_boxes(self, m: ir.Matrix) -> list[tuple[ir.Axis, list[Box]]]:
        """`axis_boxes(m)`, worked out once per matrix."""
        key = ("boxes", m.id)
        if key not in self.searched:
            self.searched[key] = list(axis_boxes(m, self.domain))
        return self.searched[key]  # type: ignore[return-value]

    def context_over(self, exclude: tuple[str, ...] = ()) -> list[Region]:
        """Constraints every eligible loan meets (those that constrain anything), except rules `exclude`; one per
        group of equal constraints (a conjunction with itself is itself)."""
        out = self.searched.get(("context_over", exclude))
        if out is None:
            gone = self.excluded_groups(exclude)
            out = self.searched[("context_over", exclude)] = [
                self.reqs[g[0]].over for k, g in enumerate(self.groups) if k not in gone and not _top(self.reqs[g[0]].over)]
        return out  # type: ignore[return-value]

    def context_under(self, names: set[str], exclude: tuple[str, ...] = ()) -> list[Region]:
        """The requirements reading any of `names`, from the inside (one per group of equal constraints)."""
        gone = self.excluded_groups(exclude)
        return [self.reqs[g[0]].under for k, g in enumerate(self.groups)
                if k not in gone and self.reqs[g[0]].reads & names]

    def coverage_over(self) -> Region | None:
        """Loans some matrix applies to (from the outside), or None when the program has no matrix, or when a loan
        no matrix applies to is not declined (`uncovered_loans: rules only`)."""
        if not self.program.matrices or self.program.uncovered != "declined":
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
