"""Types of the checked IR's values: a node's `type` (kind, unit, enum values) and a value's declared `rounding`.

These are attributes of IR nodes (`compiler.ir`), never nodes themselves: the traversal helpers do not descend
into them. The named constants (`YESNO`, `DATE`, `PERCENT`, `RATIO`, `MONTHS`, `DAYS`) are the types lowering gives the
results of comparisons, conversions and date arithmetic.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal as Lit

NumberKind = Lit["integer", "money", "percent", "ratio", "months", "days", "quantity"]
TypeKind = Lit["integer", "money", "percent", "ratio", "months", "days", "quantity", "date", "yesno", "text", "enum",
               "list", "history"]
NUMERIC: frozenset[str] = frozenset({"integer", "money", "percent", "ratio", "months", "days", "quantity"})
WHOLE: frozenset[str] = frozenset({"integer", "months", "days"})  # kinds whose values are whole numbers


@dataclass(frozen=True, slots=True)
class Type:
    """A value's type. Numbers carry a unit (`USD`, `USD per month`, `points`, `months`, `days`, a quantity's
    `acres` or `years`); enums their values."""

    kind: TypeKind
    unit: str = ""
    enum: str = ""  # the field that declares the enum's values
    values: tuple[str, ...] = ()
    record: str = ""  # list item record name
    labels: tuple[str, ...] = field(default=(), compare=False)  # enum value labels, for people
    choices_list: str = field(default="", compare=False)  # `one of <list>`: the reference list the values are

    @property
    def numeric(self) -> bool:
        return self.kind in NUMERIC

    def a(self) -> str:
        """The description with an article where English wants one: 'a percent', 'an integer (points)'."""
        text = self.describe()
        if self.kind in ("percent", "ratio", "date", "yesno", "text", "history"):
            return "a " + text
        if self.kind == "integer":
            return "an " + text
        return text

    def describe(self) -> str:
        """How the type is named to authors: 'money (USD per month)', 'percent', 'one of primary, ...'."""
        if self.kind == "enum":
            shown = ", ".join(self.values[:4]) + (", ..." if len(self.values) > 4 else "")
            return f"one of {shown}"
        if self.kind == "list":
            return f"list of {self.record}"
        if self.kind == "yesno":
            return "yes/no"
        if self.kind == "history":
            return "housing history (NxDDxMM)"
        if self.kind in ("money", "integer") and self.unit:
            return f"{self.kind} ({self.unit})"
        if self.kind == "quantity":
            return f"a quantity in {self.unit}"
        return self.kind


YESNO = Type("yesno")
DATE = Type("date")
PERCENT = Type("percent")
RATIO = Type("ratio")
MONTHS = Type("months", unit="months")
DAYS = Type("days", unit="days")

RoundingMode = Lit["up", "down", "half_up", "half_even"]


@dataclass(frozen=True, slots=True)
class Rounding:
    """Declared rounding of a derived value: `up`/`down`/`half_up`/`half_even` to `places` decimals."""

    mode: RoundingMode
    places: int

    def describe(self) -> str:
        words = {"up": "rounded up", "down": "rounded down", "half_up": "rounded", "half_even": "rounded half even"}
        return f"{words[self.mode]} to {self.places} decimals"
