"""The leaves of the surface AST: names and constants as written (`compiler.syntax.surface` re-exports them)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal as Lit

from compiler.source import Span


@dataclass(frozen=True, slots=True)
class Name:
    """A reference to a field, value, limit, enum value or record kind, resolved later."""

    name: str
    span: Span = field(compare=False)


@dataclass(frozen=True, slots=True)
class History:
    """`NxDDxMM`: at most N payments DD or more days late in the last MM months."""

    count: int
    days: int
    months: int


LiteralKind = Lit["number", "money", "percent", "months", "days", "date", "history", "yes", "no"]


@dataclass(frozen=True, slots=True)
class Literal:
    """A constant as written: `660`, `$1.5M`, `80%`, `4 years` (48 months), `2 weeks` (14 days), `2026-01-01`,
    `1x30x12`, `yes`."""

    kind: LiteralKind
    value: Decimal | dt.date | History | bool
    text: str
    span: Span = field(compare=False)
