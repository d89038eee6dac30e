"""What `glc explain` answers: the changes it suggests, their effects, and how suggestions are ranked.

The data classes of an `Explanation` (plain data: `to_dict`, `to_json`) and `rank`, the order of suggestions:
by relative change (|new - now| / |now| for numbers, days / 365 for dates, 1 for a different category).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any, Literal

from compiler.runtime import ProgramInfo
from compiler.runtime.decision import plain

FieldValue = Decimal | dt.date | bool | str
FAR = Fraction(10**6)  # rank of a change from zero (no relative size)


@dataclass(frozen=True, slots=True)
class Change:
    """One field changed: from `before` to `after` (the nearest passing value)."""

    field: str
    title: str
    kind: Literal["number", "date", "choice"]
    before: FieldValue
    after: FieldValue
    direction: Literal["up", "down", "other"]
    through: FieldValue | None  # how far the passing stretch reaches beyond `after`; None = to the field's limit
    values: tuple[FieldValue, ...]  # choice: every value that passes
    change_pct: Decimal | None  # numbers: |after - before| / |before| in percent, 2 decimals
    days: int | None  # dates: days from before to after
    text: str


@dataclass(frozen=True, slots=True)
class Effect:
    """A derived value or limit that the change moves."""

    name: str
    title: str
    before: str
    after: str
    detail: str


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A verified change of one (or two or three) fields and what the changed loan's decision says."""

    changes: tuple[Change, ...]
    effects: tuple[Effect, ...]
    new_failures: tuple[str, ...]  # rules that pass now and would fail after the change
    status: str  # the changed loan's status
    change: str  # the changes in words
    text: str  # the changes and their effects in words


@dataclass(frozen=True, slots=True)
class Check:
    """Data to check before any change: `values` cannot be computed (a denominator of zero or less) or are outside
    their domain, from the loan's `fields`; no change of other fields is the fix (docs/language.md 3.4)."""

    fields: tuple[str, ...]
    values: tuple[str, ...]  # their titles
    text: str  # "PITIA is $0/month: DSCR cannot be computed; check PITIA"


@dataclass(frozen=True, slots=True)
class FailedRule:
    """A failed finding, the loan fields it depends on, and the changes that make it pass."""

    rule_id: str
    title: str
    message: str
    citation: str
    source: str
    fields: tuple[str, ...]
    suggestions: tuple[Suggestion, ...]
    note: str
    checks: tuple[Check, ...] = ()  # shown before the suggestions: the data behind a value that cannot be computed


@dataclass(frozen=True, slots=True)
class MissingField:
    """A loan field to supply, and the rules that need it."""

    field: str
    title: str
    rules: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Referral:
    """A finding that sends the loan to a person: no change of the loan settles it."""

    rule_id: str
    title: str
    message: str
    citation: str
    source: str


@dataclass(frozen=True, slots=True)
class NoteLine:
    """A `note` item of the program: source text it records and does not check, for the reader to weigh."""

    note_id: str
    title: str
    status: str
    text: str
    citation: str


@dataclass(frozen=True, slots=True)
class Explanation:
    """What the program decides and, when it does not accept the loan, what would change that."""

    program: ProgramInfo
    status: str
    summary: str
    failed: tuple[FailedRule, ...]
    whole_loan: tuple[Suggestion, ...]
    whole_loan_note: str
    missing: tuple[MissingField, ...]
    referrals: tuple[Referral, ...]
    evaluations: int  # changed loans decided by the search
    notes: tuple[NoteLine, ...] = ()  # the program's `note` items: recorded, not checked
    checks: tuple[Check, ...] = ()  # the failed findings' checks, once each: before any change of the loan

    def to_dict(self) -> dict[str, Any]:
        """Plain data; Decimals as exact strings, dates ISO."""
        return plain(asdict(self))  # type: ignore[no-any-return]

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)


# ------------------------------------------------------------------ ranking


def change_size(c: Change) -> Fraction:
    if c.kind == "choice":
        return Fraction(1)
    if c.kind == "date":
        return Fraction(c.days or 0, 365)
    assert isinstance(c.before, Decimal) and isinstance(c.after, Decimal)
    if c.before == 0:
        return FAR
    return abs(Fraction(c.after) - Fraction(c.before)) / abs(Fraction(c.before))


def rank(s: Suggestion) -> tuple[bool, Fraction, int, int, tuple[str, ...]]:
    """Changes that fix without breaking another rule first, then the smallest; a trade of one failure for
    another (lower the score below the program's minimum to leave the matrix) comes after every clean fix."""
    return (bool(s.new_failures), sum((change_size(c) for c in s.changes), Fraction(0)), len(s.new_failures),
            len(s.changes), tuple(c.field for c in s.changes))
