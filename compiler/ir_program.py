"""The checked units of one run: the vocabulary, each program (inheritance applied) and the bundle of both.

Produced by `lower` from the checked IR nodes (`compiler.ir`); what every back end and tool is handed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal as Lit

from compiler.ir import Accepted, Field, Limit, Matrix, NamedList, Note, Record, Rule, Value
from compiler.source import Span


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """The shared loan vocabulary."""

    title: str
    fields: tuple[Field, ...]
    records: tuple[Record, ...]
    values: tuple[Value, ...]
    limits: tuple[Limit, ...]
    path: str
    sha256: str
    lists: tuple[NamedList, ...] = ()  # the vocabulary's own `list` items (built-in lists: compiler.reference)

    def field(self, name: str) -> Field | None:
        return next((f for f in self.fields if f.name == name), None)


@dataclass(frozen=True, slots=True)
class Dropped:
    """An item of the base program that a variant removes, with the stated reason."""

    kind: str
    id: str
    reason: str
    span: Span = field(compare=False)


# lowest: each reduction and cap its own candidate, the lowest wins; stacked: the cell less every reduction, then the
# caps; caps_first: the lowest of the cell and the caps, less every reduction; first: the first rule (in program
# order) that applies sets the limit from the cell, later ones are ignored (docs/language.md 9.5)
CombineMode = Lit["lowest", "stacked", "caps_first", "first"]
Uncovered = Lit["declined", "rules_only"]


@dataclass(frozen=True, slots=True)
class Program:
    """One checked program, inheritance applied: everything a back end needs, in source order."""

    id: str
    title: str
    investor: str
    lender: str | None
    family: str
    version: str
    effective: dt.date
    source_document: str
    kind: Lit["program", "variant", "overlay"]
    base: str | None
    seasoning_date: str
    combine: CombineMode
    values: tuple[Value, ...]  # dependency order: every value after those it uses
    limits: tuple[Limit, ...]
    matrices: tuple[Matrix, ...]
    rules: tuple[Rule, ...]
    dropped: tuple[Dropped, ...]
    path: str
    sha256: str
    span: Span = field(compare=False)
    accepted: tuple[Accepted, ...] = field(default=(), compare=False)  # program-wide `accept warning` lines
    abstract: bool = False  # `abstract: yes`: shared rules other programs extend, not a product (no check_all, compare)
    notes: tuple[Note, ...] = ()  # `note` items: documentation only, never decided
    limit_combine: tuple[tuple[str, CombineMode], ...] = ()  # `limit max_ltv: stacked` lines: limit -> its own mode
    # `uncovered_loans:` what a loan no matrix applies to gets, when the program has matrices: declined (the
    # `eligibility_matrix` finding fails), or rules_only (no matrix limit; the rules and their caps still apply)
    uncovered: Uncovered = "declined"

    def combine_of(self, limit: str) -> CombineMode:
        """How the reductions and caps of one limit combine: its `limit` line, else the `adjustments:` line."""
        return next((mode for lid, mode in self.limit_combine if lid == limit), self.combine)

    def value(self, name: str) -> Value | None:
        return next((v for v in self.values if v.id == name), None)

    @property
    def rule_ids(self) -> tuple[str, ...]:
        return tuple(m.id for m in self.matrices) + tuple(r.id for r in self.rules)


@dataclass(frozen=True, slots=True)
class Bundle:
    """The checked vocabulary and every checked program of one run.

    `programs` holds one program per id, its current version (the latest effective date); `history` holds the
    older versions (sorted by id, then effective date).
    """

    vocabulary: Vocabulary
    programs: tuple[Program, ...]
    history: tuple[Program, ...] = ()

    def versions(self, program_id: str) -> tuple[Program, ...]:
        """Every version of a program, oldest first (the current one last); empty for an unknown id."""
        return tuple(p for p in (*self.history, *self.programs) if p.id == program_id)

