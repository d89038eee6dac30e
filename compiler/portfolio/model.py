"""The checked portfolio: pool limits and stress scenarios, each with its citation and source span."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from decimal import Decimal

from compiler import ir
from compiler.source import Span


@dataclass(frozen=True)
class PoolLimit:
    """`limit ID "Title"`: the share of `measure` (a money field) held by the loans matching `when`, in each group of
    `by` when given, must be at most `at_most` percent of the pool's total `measure`."""

    id: str
    title: str
    citation: str
    notes: tuple[str, ...]
    measure: str
    by: str | None
    when: ir.Expr | None
    at_most: Decimal  # percent as written: 40 for 40%
    span: Span = dataclasses.field(compare=False)


@dataclass(frozen=True)
class Change:
    """`increase FIELD by P% [of OTHER] [when COND]`: FIELD + P% x (OTHER, else FIELD itself); decrease subtracts."""

    kind: str  # increase | decrease
    field: str
    percent: Decimal  # as written: 20 for 20%
    of: str | None
    when: ir.Expr | None
    text: str  # the line as written, for reports
    span: Span = dataclasses.field(compare=False)


@dataclass(frozen=True)
class Scenario:
    id: str
    title: str
    citation: str
    notes: tuple[str, ...]
    changes: tuple[Change, ...]
    span: Span = dataclasses.field(compare=False)


@dataclass(frozen=True)
class Portfolio:
    title: str
    limits: tuple[PoolLimit, ...]
    scenarios: tuple[Scenario, ...]
    paths: tuple[str, ...]

    def scenario(self, name: str) -> Scenario | None:
        return next((s for s in self.scenarios if s.id == name), None)
