"""The surface AST: what the author wrote, one frozen node class per construct, a span on every node.

Produced by `build_ast`; consumed by `inherit` and `lower`. Equality ignores spans.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal as Lit

from compiler.source import Span
from compiler.syntax.surface_atoms import History as History
from compiler.syntax.surface_atoms import Literal as Literal
from compiler.syntax.surface_atoms import LiteralKind as LiteralKind
from compiler.syntax.surface_atoms import Name as Name

# ------------------------------------------------------------------ expressions


@dataclass(frozen=True, slots=True)
class Binary:
    """Arithmetic `+ - * /`."""

    op: str
    left: Expr
    right: Expr
    span: Span = field(compare=False)


@dataclass(frozen=True, slots=True)
class Neg:
    """Unary minus."""

    operand: Expr
    span: Span = field(compare=False)


@dataclass(frozen=True, slots=True)
class AsPercent:
    """`x as percent`: a ratio shown and compared as a percent."""

    operand: Expr
    span: Span = field(compare=False)


@dataclass(frozen=True, slots=True)
class Default:
    """`x default y`: y when x is unknown."""

    operand: Expr
    fallback: Expr
    span: Span = field(compare=False)


@dataclass(frozen=True, slots=True)
class Compare:
    """`a >= b`, `a at most b`, ... (`op` normalised to a symbol)."""

    op: str
    left: Expr
    right: Expr
    span: Span = field(compare=False)


@dataclass(frozen=True, slots=True)
class IsKnown:
    """`x is known` / `x is unknown` (negated)."""

    operand: Expr
    negated: bool
    span: Span = field(compare=False)


@dataclass(frozen=True, slots=True)
class IsValue:
    """`occupancy is primary`, `rent_free is yes`, `purpose is not cash_out`."""

    operand: Expr
    value: Name | Literal
    negated: bool
    span: Span = field(compare=False)


@dataclass(frozen=True, slots=True)
class InList:
    """`state in (CA, NV)` / `state not in (...)`."""

    operand: Expr
    items: tuple[Name | Literal, ...]
    negated: bool
    span: Span = field(compare=False)


@dataclass(frozen=True, slots=True)
class IsNoScore:
    """`fico is no score` / `fico is not no score`: the loan says the borrower has no score at all."""

    operand: Expr
    word: Name  # the word after `no` (`score`)
    negated: bool
    span: Span = field(compare=False)


@dataclass(frozen=True, slots=True)
class InNamedList:
    """`citizenship_country in ofac_countries` / `state not in us_territories`: a named reference list."""

    operand: Expr
    list_name: Name
    negated: bool
    span: Span = field(compare=False)


@dataclass(frozen=True, slots=True)
class BoolOp:
    """`a and b and c` / `a or b`."""

    op: Lit["and", "or"]
    operands: tuple[Expr, ...]
    span: Span = field(compare=False)


@dataclass(frozen=True, slots=True)
class Not:
    """`not a`."""

    operand: Expr
    span: Span = field(compare=False)


@dataclass(frozen=True, slots=True)
class Extremum:
    """`lesser of (a, b)` / `greater of (a, b)`."""

    kind: Lit["lesser", "greater"]
    args: tuple[Expr, ...]
    span: Span = field(compare=False)


@dataclass(frozen=True, slots=True)
class MonthsSince:
    """`months since forbearance_end` / `days since purchase_date`: whole months (or days) from a date to the
    program's seasoning date."""

    date: Name
    span: Span = field(compare=False)
    unit: Lit["months", "days"] = "months"


@dataclass(frozen=True, slots=True)
class MonthsSinceLatest:
    """`months since latest credit_events of (fc, ss)`: whole months (or `days since latest`: days) since the
    most recent matching item."""

    list_name: Name
    kinds: tuple[Name, ...]
    span: Span = field(compare=False)
    unit: Lit["months", "days"] = "months"


@dataclass(frozen=True, slots=True)
class IfThenElse:
    """`if c then a else b`."""

    cond: Expr
    then: Expr
    otherwise: Expr
    span: Span = field(compare=False)


Expr = (
    Name
    | Literal
    | Binary
    | Neg
    | AsPercent
    | Default
    | Compare
    | IsKnown
    | IsValue
    | InList
    | InNamedList
    | IsNoScore
    | BoolOp
    | Not
    | Extremum
    | MonthsSince
    | MonthsSinceLatest
    | IfThenElse
)

# ------------------------------------------------------------------ bands and tables


@dataclass(frozen=True, slots=True)
class Band:
    """An interval as written: `660..679`, `740+`, `<= $1,000,000`, `> 1.25`. None = unbounded."""

    low: Literal | None
    low_inclusive: bool
    high: Literal | None
    high_inclusive: bool
    span: Span = field(compare=False)


CellKind = Lit["band", "value", "pair", "na", "no_limit", "no_word", "words", "empty", "tuple"]


@dataclass(frozen=True, slots=True)
class Cell:
    """One `| ... |` cell of a table."""

    kind: CellKind
    span: Span = field(compare=False)
    band: Band | None = None
    value: Literal | None = None
    pair: tuple[Literal, Literal] | None = None
    words: tuple[tuple[str, ...], ...] = ()
    parts: tuple[Cell, ...] = ()  # `a / b` (kind tuple, and pair): one cell per part
    quoted: bool = False  # a `"label"` cell (kind words)

    @property
    def text(self) -> str:
        if self.kind == "words":
            return ", ".join(" ".join(g) for g in self.words)
        if self.kind == "no_word":  # `no score`
            return "no " + self.words[0][0]
        if self.kind in ("tuple", "pair") and self.parts:
            return " / ".join(p.text for p in self.parts)
        if self.value is not None:
            return self.value.text
        return self.kind


@dataclass(frozen=True, slots=True)
class Row:
    """A table line."""

    cells: tuple[Cell, ...]
    span: Span = field(compare=False)


@dataclass(frozen=True, slots=True)
class Table:
    """A block of table lines; the first is the header."""

    rows: tuple[Row, ...]
    span: Span = field(compare=False)


# ------------------------------------------------------------------ vocabulary


@dataclass(frozen=True, slots=True)
class EnumValue:
    """One value of a `one of` type, with its label."""

    name: str
    title: str | None
    span: Span = field(compare=False)


@dataclass(frozen=True, slots=True)
class TypeSpec:
    """`type: ...` of a field."""

    kind: str  # integer money percent ratio months date yesno text enum list
    span: Span = field(compare=False)
    values: tuple[EnumValue, ...] = ()
    record: Name | None = None


@dataclass(frozen=True, slots=True)
class Unit:
    """`unit: USD per month`."""

    name: str
    per: str | None
    span: Span = field(compare=False)

    def __str__(self) -> str:
        return f"{self.name} per {self.per}" if self.per else self.name


@dataclass(frozen=True, slots=True)
class FieldDecl:
    """`field name "Title"` and its property lines."""

    name: str
    title: str | None
    type: TypeSpec | None
    unit: Unit | None
    range: Band | None
    places: int | None
    description: str | None
    span: Span = field(compare=False)
    duplicate_props: tuple[Span, ...] = field(default=(), compare=False)
    better: Name | None = None  # `better: higher|lower`: which way the value is better for the loan
    allows: Name | None = None  # `allows: no score`: the word after `no` (a loan may say it has none)


@dataclass(frozen=True, slots=True)
class RecordDecl:
    """`record name` ... `end`: the item type of a list field."""

    name: str
    title: str | None
    fields: tuple[FieldDecl, ...]
    span: Span = field(compare=False)


@dataclass(frozen=True, slots=True)
class Rounding:
    """`, rounded up to 2 decimals`."""

    mode: str  # up, down, half_up, half_even
    places: int
    span: Span = field(compare=False)


@dataclass(frozen=True, slots=True)
class ValueDecl:
    """`value name "Title" = expr, rounded ...` (or `by key` + a table: a lookup)."""

    name: str
    title: str | None
    override: bool
    expr: Expr | None
    rounding: Rounding | None
    key: Expr | None
    table: Table | None
    cites: tuple[Cite, ...]
    notes: tuple[str, ...]
    span: Span = field(compare=False)
    name_span: Span = field(compare=False)
    better: Name | None = None  # `better: higher|lower` (see FieldDecl)
    keys: tuple[Expr, ...] = ()  # a lookup's keys (`key` is the first)
    choices: tuple[EnumValue, ...] = ()  # a category: `is one of a_plus "A+", ...`
    lines: tuple[CategoryLine, ...] = ()  # a category's `a_plus when ...` lines
    otherwise: Name | None = None  # a category's `otherwise <choice>`
    domain: Band | None = None  # `domain: > $0`: the values it may take; outside them it is invalid


@dataclass(frozen=True, slots=True)
class CategoryLine:
    """`a_plus when housing_lates at most 0x30x24` in a derived category."""

    choice: Name
    cond: Expr
    span: Span = field(compare=False)


@dataclass(frozen=True, slots=True)
class LimitDecl:
    """`limit max_ltv "Max LTV" on ltv`."""

    name: str
    title: str | None
    on: Name
    span: Span = field(compare=False)


@dataclass(frozen=True, slots=True)
class ListDecl:
    """`list ofac_countries "OFAC-sanctioned countries" of countries: CU, IR, KP, SY`: some choices of a source."""

    name: str
    title: str | None
    source: Name  # a built-in list, another list or a `one of` field
    members: tuple[Name, ...]
    span: Span = field(compare=False)
    name_span: Span = field(compare=False)


@dataclass(frozen=True, slots=True)
class Section:
    """`section "Title"`: groups what follows, for the documentation."""

    title: str
    span: Span = field(compare=False)


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """A `.fields` file: the shared loan vocabulary."""

    title: str
    items: tuple[FieldDecl | RecordDecl | ValueDecl | LimitDecl | ListDecl | Section, ...]
    span: Span = field(compare=False)


# ------------------------------------------------------------------ programs


@dataclass(frozen=True, slots=True)
class Cite:
    """`cite "§4.2, p. 6"`."""

    text: str
    span: Span = field(compare=False)


@dataclass(frozen=True, slots=True)
class Note:
    """`note "..."`: explanation shown in the documentation."""

    text: str
    span: Span = field(compare=False)


@dataclass(frozen=True, slots=True)
class When:
    """`when <condition>`: the rule applies only when it holds."""

    cond: Expr
    span: Span = field(compare=False)


@dataclass(frozen=True, slots=True)
class Allow:
    """`allow <test> when <condition>`: an alternative that also satisfies the requirement above it."""

    test: Expr
    cond: Expr
    span: Span = field(compare=False)


@dataclass(frozen=True, slots=True)
class Require:
    """`require <test>` and its `allow` alternatives."""

    test: Expr
    allows: tuple[Allow, ...]
    span: Span = field(compare=False)


@dataclass(frozen=True, slots=True)
class Seasoning:
    """`require seasoning of credit_events` + a table of event kinds and minimum months."""

    list_name: Name
    table: Table
    span: Span = field(compare=False)


@dataclass(frozen=True, slots=True)
class Adjust:
    """`reduce max_ltv by 5%` / `cap max_ltv at 80%`; the amount a literal, or the name of a value or field
    (`cap max_ltv at purpose_cap`)."""

    kind: Lit["reduce", "cap"]
    limits: tuple[Name, ...]
    amount: Literal | Name
    span: Span = field(compare=False)


@dataclass(frozen=True, slots=True)
class ConditionClause:
    """`condition document "VOR"` / `condition term "10% minimum contribution"`."""

    kind: Lit["document", "term"]
    text: str
    span: Span = field(compare=False)


@dataclass(frozen=True, slots=True)
class Review:
    """`review "..."`: the guide is silent; the checker must refer, not guess."""

    text: str
    span: Span = field(compare=False)


@dataclass(frozen=True, slots=True)
class Accept:
    """`accept warning W701 because "..."`: the author has checked what an analysis warning points at."""

    codes: tuple[Name, ...]
    reason: str | None  # None when `because "..."` is missing (an error in lowering)
    span: Span = field(compare=False)


Clause = Cite | Note | When | Require | Seasoning | Adjust | ConditionClause | Review | Accept


@dataclass(frozen=True, slots=True)
class RuleDecl:
    """`rule name "Title"` and its clauses."""

    name: str
    title: str | None
    override: bool
    clauses: tuple[Clause, ...]
    span: Span = field(compare=False)
    name_span: Span = field(compare=False)


@dataclass(frozen=True, slots=True)
class Dimension:
    """`rows fico` / `columns loan_amount`."""

    kind: Lit["rows", "columns"]
    expr: Expr
    span: Span = field(compare=False)
    exprs: tuple[Expr, ...] = ()  # every key (`expr` is the first)


@dataclass(frozen=True, slots=True)
class Gives:
    """`gives max_ltv, max_cltv`."""

    limits: tuple[Name, ...]
    span: Span = field(compare=False)


@dataclass(frozen=True, slots=True)
class MatrixDecl:
    """`matrix name "Title"`, its settings and its table."""

    name: str
    title: str | None
    override: bool
    clauses: tuple[Cite | Note | When | Gives | Dimension | Accept, ...]
    table: Table
    span: Span = field(compare=False)
    name_span: Span = field(compare=False)


@dataclass(frozen=True, slots=True)
class NoteProp:
    """One `key: value` line of a note item (`status: informational`, `text: "..."`), checked when lowered."""

    key: str
    value: str
    quoted: bool
    span: Span = field(compare=False)
    key_span: Span = field(compare=False)
    value_span: Span = field(compare=False)


@dataclass(frozen=True, slots=True)
class NoteDecl:
    """`note name "Title"` with `cite`, `status:` and `text:` lines: source text recorded, never enforced."""

    name: str
    title: str | None
    override: bool
    cites: tuple[Cite, ...]
    props: tuple[NoteProp, ...]
    span: Span = field(compare=False)
    name_span: Span = field(compare=False)


@dataclass(frozen=True, slots=True)
class Drop:
    """`drop rule name because "reason"`: a variant removes an inherited item."""

    kind: str
    name: str
    reason: str
    span: Span = field(compare=False)


@dataclass(frozen=True, slots=True)
class HeaderLine:
    """`key: value` under `program`."""

    key: str
    value: str | dt.date | Decimal
    span: Span = field(compare=False)
    key_span: Span = field(compare=False)
    value_span: Span = field(compare=False)


ProgramItem = Section | RuleDecl | MatrixDecl | ValueDecl | NoteDecl | Drop


@dataclass(frozen=True, slots=True)
class ProgramDecl:
    """A `.guideline` file: one program."""

    name: str
    header: tuple[HeaderLine, ...]
    items: tuple[ProgramItem, ...]
    span: Span = field(compare=False)
    name_span: Span = field(compare=False)
    accepts: tuple[Accept, ...] = ()  # program-wide `accept warning` lines, after the header


File = Vocabulary | ProgramDecl
