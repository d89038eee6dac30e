"""The checked IR's nodes: names resolved, types and units explicit, stable rule ids, citations attached.

Produced by `lower`; consumed by every back end (reference evaluator, Python checkers, SQL, documentation)
and by the analyses. Every node is immutable and carries the span of the source it came from. A node's type
and rounding are `compiler.ir_types`; the vocabulary, programs and a run's bundle are `compiler.ir_program`.

Numbers are exact Decimals in the units authors write: a percent is stored as `80` for 80%, money in
dollars, months in months. Conversions are explicit nodes (`Scale`), divisions happen only in `DivRound`
(one exact division followed by the declared rounding), so no back end has to guess a scale or a rounding.

Passes and analyses traverse the IR with the helpers of `compiler.ir_walk` (re-exported here), never their own:
`children`, `walk` and `find_all` (nodes), `reads` (the fields and values a node reads) and `transform` (rebuild).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import ClassVar
from typing import Literal as Lit

from compiler.ir_types import YESNO, Rounding, Type
from compiler.ir_walk import children as children
from compiler.ir_walk import find_all as find_all
from compiler.ir_walk import reads as reads
from compiler.ir_walk import transform as transform
from compiler.ir_walk import walk as walk
from compiler.source import Span

# ------------------------------------------------------------------ expressions


@dataclass(frozen=True, slots=True)
class Const:
    """A constant: Decimal for numbers, date, bool for yes/no, str for an enum value."""

    value: Decimal | dt.date | bool | str
    type: Type
    text: str
    span: Span = field(compare=False)


@dataclass(frozen=True, slots=True)
class FieldRef:
    """A loan field (input)."""

    READS: ClassVar[tuple[str, ...]] = ("name",)  # the fields naming what the node reads (see `reads`)

    name: str
    type: Type
    span: Span = field(compare=False)


@dataclass(frozen=True, slots=True)
class ValueRef:
    """A derived value of the program."""

    READS: ClassVar[tuple[str, ...]] = ("name",)

    name: str
    type: Type
    span: Span = field(compare=False)


@dataclass(frozen=True, slots=True)
class Arith:
    """`left op right` for op in + - * (no division: see DivRound)."""

    op: Lit["+", "-", "*"]
    left: Expr
    right: Expr
    type: Type
    span: Span = field(compare=False)


@dataclass(frozen=True, slots=True)
class Scale:
    """`operand * 10**power`, exact: percent <-> ratio conversions (power -2 / +2)."""

    operand: Expr
    power: int
    type: Type
    span: Span = field(compare=False)


@dataclass(frozen=True, slots=True)
class Neg:
    """Unary minus."""

    operand: Expr
    type: Type
    span: Span = field(compare=False)


@dataclass(frozen=True, slots=True)
class DivRound:
    """`numerator / denominator`, computed exactly and rounded once as declared. Unknown when dividing by 0."""

    numerator: Expr
    denominator: Expr
    rounding: Rounding
    type: Type
    span: Span = field(compare=False)


@dataclass(frozen=True, slots=True)
class Round:
    """`operand` rounded as declared (a value's rounding pushed to a branch without division)."""

    operand: Expr
    rounding: Rounding
    type: Type
    span: Span = field(compare=False)


@dataclass(frozen=True, slots=True)
class Extremum:
    """`lesser of` (min) / `greater of` (max); unknown if any argument is unknown."""

    kind: Lit["lesser", "greater"]
    args: tuple[Expr, ...]
    type: Type
    span: Span = field(compare=False)


@dataclass(frozen=True, slots=True)
class Default:
    """`operand default fallback`: fallback when operand is unknown."""

    operand: Expr
    fallback: Expr
    type: Type
    span: Span = field(compare=False)


@dataclass(frozen=True, slots=True)
class IfThenElse:
    """`if cond then a else b`; unknown when cond is unknown."""

    cond: Expr
    then: Expr
    otherwise: Expr
    type: Type
    span: Span = field(compare=False)


@dataclass(frozen=True, slots=True)
class MonthsSince:
    """Whole months from a date to the program's seasoning date (`as_of`)."""

    READS: ClassVar[tuple[str, ...]] = ("as_of",)

    date: Expr
    as_of: str
    type: Type
    span: Span = field(compare=False)


@dataclass(frozen=True, slots=True)
class MonthsSinceLatest:
    """Whole months since the most recent item of a list whose kind is in `kinds` (all kinds when empty).

    Infinite ("never") when no item matches; unknown when the list is unknown.
    """

    READS: ClassVar[tuple[str, ...]] = ("list_field", "as_of")

    list_field: str
    kind_field: str
    date_field: str
    kinds: tuple[str, ...]
    as_of: str
    type: Type
    span: Span = field(compare=False)


@dataclass(frozen=True, slots=True)
class CountLates:
    """Number of items of a late-payment list at least `min_days` late within the last `months` months."""

    READS: ClassVar[tuple[str, ...]] = ("list_field", "as_of")

    list_field: str
    days_field: str
    date_field: str
    min_days: int
    months: int
    as_of: str
    type: Type
    span: Span = field(compare=False)


CompareOp = Lit["<", "<=", ">", ">=", "=", "!="]


@dataclass(frozen=True, slots=True)
class Compare:
    """`left op right` on two values of the same type; unknown if either is unknown. `no_score`: the yes/no fields
    (`fico_no_score`) of the numbers it reads, directly or through values, whose field says `allows: no score`:
    when one of them is yes the loan has no such number at all and the comparison is not met (false), never unknown."""

    op: CompareOp
    left: Expr
    right: Expr
    span: Span = field(compare=False)
    type: Type = YESNO
    no_score: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class IsKnown:
    """`operand is known` (negated: `is unknown`); never unknown itself. `no_score`: the operand's yes/no field of
    `allows: no score` (a loan that says it has no score knows it: `fico is known` is true)."""

    operand: Expr
    negated: bool
    span: Span = field(compare=False)
    type: Type = YESNO
    no_score: str = ""


@dataclass(frozen=True, slots=True)
class InSet:
    """`operand in (values)` for enum values (negated: `not in`); `in <list>` names the reference list its values
    come from (`list_name`, `list_title`: for people; executors read `values` only)."""

    operand: Expr
    values: tuple[str, ...]
    negated: bool
    span: Span = field(compare=False)
    type: Type = YESNO
    list_name: str = ""
    list_title: str = ""


@dataclass(frozen=True, slots=True)
class And:
    """Kleene conjunction: false if any operand is false, else unknown if any is unknown."""

    operands: tuple[Expr, ...]
    span: Span = field(compare=False)
    type: Type = YESNO


@dataclass(frozen=True, slots=True)
class Or:
    """Kleene disjunction: true if any operand is true, else unknown if any is unknown."""

    operands: tuple[Expr, ...]
    span: Span = field(compare=False)
    type: Type = YESNO


@dataclass(frozen=True, slots=True)
class Not:
    """Negation; unknown stays unknown."""

    operand: Expr
    span: Span = field(compare=False)
    type: Type = YESNO


@dataclass(frozen=True, slots=True)
class Category:
    """A derived choice: the choice of the first line whose condition holds, `otherwise` when none does. A
    condition that is unknown before the first true one makes the category unknown (it could have held)."""

    choices: tuple[str, ...]
    conds: tuple[Expr, ...]
    otherwise: str
    type: Type
    span: Span = field(compare=False)


Expr = (
    Const | FieldRef | ValueRef | Arith | Scale | Neg | DivRound | Round | Extremum | Default | IfThenElse
    | MonthsSince | MonthsSinceLatest | CountLates | Compare | IsKnown | InSet | And | Or | Not | Category
)

# ------------------------------------------------------------------ bands and tables


@dataclass(frozen=True, slots=True)
class Band:
    """An interval of a numeric value; None = unbounded. `label` is how documentation shows it."""

    low: Decimal | None
    low_inclusive: bool
    high: Decimal | None
    high_inclusive: bool
    label: str
    span: Span = field(compare=False)

    def contains(self, x: Decimal) -> bool:
        if self.low is not None and (x < self.low or (x == self.low and not self.low_inclusive)):
            return False
        return not (self.high is not None and (x > self.high or (x == self.high and not self.high_inclusive)))


@dataclass(frozen=True, slots=True)
class Choices:
    """A table entry of a choice or yes/no key: the values it holds (yes/no as True/False). `label` is how the
    author wrote it (`rate_term, cash_out`, `any other`), for messages and documentation."""

    values: tuple[str | bool, ...]
    label: str
    span: Span = field(compare=False)

    def contains(self, x: object) -> bool:
        return isinstance(x, (str, bool)) and x in self.values


NO_SCORE = "no score"  # a score key's value for a loan that says it has no score; held by a `no score` line (Choices)

Entry = Band | Choices


@dataclass(frozen=True, slots=True)
class Axis:
    """A matrix dimension or lookup key: its keys (one or more) and its lines, in table order. A line holds one
    entry per key (a band of a numeric key, choices of a choice or yes/no key); lines never overlap, so a loan's
    keys fall in at most one line. `labels` names each key (a field or value id), `label` the whole axis."""

    READS: ClassVar[tuple[str, ...]] = ("no_score",)  # a `no score` line reads its key's yes/no field

    keys: tuple[Expr, ...]
    lines: tuple[tuple[Entry, ...], ...]
    labels: tuple[str, ...]
    label: str
    span: Span = field(compare=False)
    no_score: tuple[str, ...] = ()  # per key: the yes/no field (`fico_no_score`) of a key with a `no score` line, or ""

    def flag(self, i: int) -> str:
        """The `<field>_no_score` field of key `i` when a line of the axis says `no score` (its key value is then
        `NO_SCORE` for a loan that says it has none), else ""."""
        return self.no_score[i] if self.no_score else ""

    @property
    def simple(self) -> bool:
        """One numeric key: bands only (every table before the second edition)."""
        return len(self.keys) == 1 and all(isinstance(line[0], Band) for line in self.lines)

    @property
    def expr(self) -> Expr:
        """The key of a one-key axis."""
        return self.keys[0]

    @property
    def bands(self) -> tuple[Band, ...]:
        """The bands of a `simple` axis, in table order."""
        return tuple(line[0] for line in self.lines if isinstance(line[0], Band))

    def key_bands(self) -> tuple[tuple[Expr, tuple[Band, ...]], ...]:
        """Each key with the bands its lines hold for it (none for a choice or yes/no key)."""
        return tuple((k, tuple(e for line in self.lines if isinstance(e := line[i], Band)))
                     for i, k in enumerate(self.keys))

    @property
    def line_labels(self) -> tuple[str, ...]:
        """How each line reads: its band (`660..679`) or its entries (`a_plus, 720+`)."""
        return tuple(", ".join(e.label for e in line) for line in self.lines)

    def index(self, key_values: tuple[object, ...]) -> int | None:
        """The line holding every key value (all known), None when no line does."""
        for i, line in enumerate(self.lines):
            if all(_entry_holds(e, k) for e, k in zip(line, key_values, strict=True)):
                return i
        return None


def _entry_holds(entry: Entry, key: object) -> bool:
    if isinstance(entry, Choices):
        return entry.contains(key)
    return isinstance(key, Decimal) and entry.contains(key)


@dataclass(frozen=True, slots=True)
class Cell:
    """One matrix cell: a value per limit it gives, `None` for N/A (not eligible); an absent limit = no limit."""

    limits: tuple[tuple[str, Decimal], ...] | None
    text: str
    span: Span = field(compare=False)

    @property
    def eligible(self) -> bool:
        return self.limits is not None

    def get(self, limit: str) -> Decimal | None:
        for name, value in self.limits or ():
            if name == limit:
                return value
        return None


@dataclass(frozen=True, slots=True)
class Lookup:
    """A derived value read from a table keyed by one or more keys (`key`'s lines); N/A rows give unknown."""

    key: Axis
    results: tuple[Decimal | str | None, ...]
    type: Type
    span: Span = field(compare=False)


# ------------------------------------------------------------------ declarations


@dataclass(frozen=True, slots=True)
class Field:
    """A loan field of the shared vocabulary."""

    name: str
    title: str
    type: Type
    places: int | None
    range: Band | None
    description: str
    section: str
    span: Span = field(compare=False)
    better: Lit["higher", "lower", ""] = ""  # which way the value is better for the loan (`better:`), "" undeclared
    no_score: str = ""  # `allows: no score`: the yes/no field that says the loan has none (`fico_no_score`)
    no_score_of: str = ""  # on that yes/no field: the number it belongs to (`fico`)


@dataclass(frozen=True, slots=True)
class Record:
    """The item type of a list field."""

    name: str
    title: str
    fields: tuple[Field, ...]
    span: Span = field(compare=False)


@dataclass(frozen=True, slots=True)
class Value:
    """A derived value: an expression (or lookup) with its declared rounding and the number of decimals it has."""

    id: str
    title: str
    body: Expr | Lookup
    type: Type
    rounding: Rounding | None
    places: int | None
    citation: str | None
    notes: tuple[str, ...]
    origin: str  # "vocabulary" or the program that declares it
    section: str
    depends_on: tuple[str, ...]
    span: Span = field(compare=False)
    better: Lit["higher", "lower", ""] = ""  # as Field.better
    domain: Band | None = None  # outside it (or reading a value outside its own) the value is invalid


@dataclass(frozen=True, slots=True)
class Limit:
    """A limit a matrix or adjustment sets (max LTV) and the value it bounds (ltv)."""

    id: str
    title: str
    on: str
    type: Type
    span: Span = field(compare=False)


@dataclass(frozen=True, slots=True)
class Alternative:
    """`allow test when cond`."""

    test: Expr
    when: Expr
    span: Span = field(compare=False)


@dataclass(frozen=True, slots=True)
class Requirement:
    """One `require`: the test must hold, or one of its alternatives must (with its condition)."""

    test: Expr
    alternatives: tuple[Alternative, ...]
    span: Span = field(compare=False)


@dataclass(frozen=True, slots=True)
class Adjustment:
    """`reduce limit by amount` (percentage points) or `cap limit at amount`: a literal amount, or `by`, the value
    or field of the loan that gives it (`cap max_ltv at purpose_cap`; `amount` is then None, `text` its name)."""

    kind: Lit["reduce", "cap"]
    limit: str
    amount: Decimal | None
    text: str
    span: Span = field(compare=False)
    by: FieldRef | ValueRef | None = None


@dataclass(frozen=True, slots=True)
class Condition:
    """A document required or a term imposed; does not reject the loan."""

    kind: Lit["document", "term"]
    text: str
    span: Span = field(compare=False)


@dataclass(frozen=True, slots=True)
class Accepted:
    """`accept warning W701 because "..."`: analysis warnings the author has checked, and why they stand."""

    codes: tuple[str, ...]
    reason: str
    span: Span = field(compare=False)


@dataclass(frozen=True, slots=True)
class Rule:
    """A rule: when it applies, what it requires, how it adjusts limits, what it conditions."""

    id: str
    title: str
    section: str
    citation: str | None
    when: Expr | None
    requirements: tuple[Requirement, ...]
    adjustments: tuple[Adjustment, ...]
    conditions: tuple[Condition, ...]
    reviews: tuple[str, ...]
    notes: tuple[str, ...]
    origin: str  # program id whose file defines it
    overrides: bool  # replaces a rule of the base program
    span: Span = field(compare=False)
    accepted: tuple[Accepted, ...] = field(default=(), compare=False)


NoteStatus = Lit["informational", "unusable", "conflict"]


@dataclass(frozen=True, slots=True)
class Note:
    """A `note` item: source text the program records with its citation and does not enforce (documentation only).

    `status`: informational (true, nothing to check), unusable (garbled or too vague to enforce), conflict (the
    source contradicts itself)."""

    id: str
    title: str
    section: str
    citation: str | None
    status: NoteStatus
    text: str
    origin: str
    span: Span = field(compare=False)


@dataclass(frozen=True, slots=True)
class NamedList:
    """A named reference list: some choices of a built-in list (`countries`, `us_states`, ...), another list or a
    `one of` field. `source` is what its codes were chosen from; built-in lists have themselves as source."""

    name: str
    title: str
    source: str
    codes: tuple[str, ...]
    labels: tuple[str, ...]
    builtin: bool
    span: Span | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class Matrix:
    """An eligibility matrix: limits by row band (x column band) when its condition holds."""

    id: str
    title: str
    section: str
    citation: str | None
    when: Expr | None
    gives: tuple[str, ...]
    rows: Axis
    columns: Axis | None
    cells: tuple[tuple[Cell, ...], ...]
    notes: tuple[str, ...]
    origin: str
    overrides: bool
    span: Span = field(compare=False)
    accepted: tuple[Accepted, ...] = field(default=(), compare=False)

    def cell(self, row: int, column: int) -> Cell:
        return self.cells[row][column]
