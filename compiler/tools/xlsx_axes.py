"""Matrix axes in spreadsheets: for each kind of axis, how its keys are written as header text, read back from a
header cell, spelled in the language, and checked as `glc check` checks them.

`xlsx_export` and `xlsx_import` handle keys only through an `AxisKind`; `axis_kind` picks one from the type of
what the axis is of. Today every axis is numeric and its keys are bands (`NumericBands`, keys `ir.Band`); a later
kind (an axis of choices, keyed by value) is one more class here and one more branch in `axis_kind`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from compiler import ir, ir_program, ir_types
from compiler.diagnostics import Diagnostics
from compiler.lower.bands import check_bands
from compiler.source import Span
from compiler.tools.xlsx_cells import Amount, BandText, CellError, Raw, decimals, number_amount, read_band
from compiler.wording import band_label

Key = ir.Band  # the keys of every axis kind so far; a new kind widens this union


class AxisKind(Protocol):
    """One kind of matrix axis, in spreadsheets and in the language."""

    @property
    def name(self) -> str:
        """What the axis is of, as the matrix's `rows` / `columns` line names it."""
        ...

    def header(self, key: Key) -> str:
        """The key as a header cell shows it: the documentation's wording (`740+`, `up to $1,000,000`)."""
        ...

    def read(self, value: Raw, number_format: str, span: Span) -> Key:
        """The key a header cell holds (raises `CellError`); `span` is where diagnostics will point."""
        ...

    def source(self, key: Key) -> str:
        """The key as the language writes it (`740+`, `<= $1,000,000`, `720..739`)."""
        ...

    def check(self, keys: Sequence[Key], diags: Diagnostics) -> None:
        """The checks `glc check` makes on an axis's keys (gaps and overlaps of bands)."""
        ...


class AxisError(Exception):
    """What an axis is of cannot be found (an unknown field, a type no axis kind takes)."""


ROWS_LABEL, COLUMNS_LABEL = "Rows", "Columns"  # the lines above a grid that say what its axes are of
_MONTHS_SINCE = re.compile(r"months since (latest )?[a-z_][a-z0-9_]*( of \(?[a-z_][a-z0-9_]*(, [a-z_][a-z0-9_]*)*\)?)?")


_KINDS_WITH_UNIT = {"money": "money", "percent": "percent", "months": "months"}


@dataclass(frozen=True)
class NumericBands:
    """An axis of a number (integer, money, percent, ratio, months) cut into bands."""

    name: str
    type: ir_types.Type
    places: int | None  # decimals the value can have (None: any), for the gap check

    def header(self, key: Key) -> str:
        return key.label

    def read(self, value: Raw, number_format: str, span: Span) -> Key:
        if isinstance(value, bool) or value is None:
            raise CellError("the cell is empty" if value is None else f"the cell holds `{value}`, not a band",
                            "Write the band, e.g. `740+`, `720-739` or `<= $1,000,000`.")
        if isinstance(value, (int, float)):
            amount = number_amount(value, number_format) if "%" in number_format or "$" in number_format \
                else Amount(Decimal(format(value, ".12g")) if isinstance(value, float) else Decimal(value), "")
            text = BandText(amount, True, amount, True)
        elif isinstance(value, str):
            text = read_band(value)
        else:
            raise CellError(f"the cell holds a {type(value).__name__}, not a band", "Write the band as text, e.g. `740+`.")
        low, high = self._fit(text.low), self._fit(text.high)
        label = band_label(low, text.low_inclusive, high, text.high_inclusive, self.type.kind, self.type.unit)
        if low is not None and high is not None and low == high:
            label = label.split("-")[0]  # a single value, as the language labels it
        return ir.Band(low, text.low_inclusive, high, text.high_inclusive, label, span)

    def _fit(self, amount: Amount | None) -> Decimal | None:
        if amount is None:
            return None
        kind = self.type.kind
        wanted = _KINDS_WITH_UNIT.get(kind, "")
        plain_ok = kind in ("integer", "ratio", "money", "months")
        if amount.kind != wanted and not (amount.kind == "" and plain_ok):
            shown = spell(amount.value, amount.kind or "ratio")
            raise CellError(f"`{shown}` is {amount.kind or 'a plain number'}, but `{self.name}` is {self.type.a()}",
                            f"Write the band in {self.type.describe()}, or give the right field with --rows/--columns.")
        if kind == "integer" and amount.value != amount.value.to_integral_value():
            raise CellError(f"`{amount.value}` is not a whole number, and `{self.name}` is {self.type.a()}",
                            "Write whole numbers, e.g. `720-739`.")
        return amount.value

    def source(self, key: Key) -> str:
        kind = self.type.kind
        if key.low is not None and key.high is not None:
            low, high = spell(key.low, kind), spell(key.high, kind)
            if key.low == key.high and key.low_inclusive and key.high_inclusive:
                return low
            if not key.low_inclusive or not key.high_inclusive:
                raise CellError(f"the band `{key.label}` leaves out an edge, which the language cannot write",
                                "Write the band with both edges included, e.g. `720..739`.")
            return f"{low}..{high}"
        if key.low is not None:
            return f"{spell(key.low, kind)}+" if key.low_inclusive else f"> {spell(key.low, kind)}"
        if key.high is not None:
            return f"{'<=' if key.high_inclusive else '<'} {spell(key.high, kind)}"
        raise CellError("the band has no edge", "Write a band with an edge, e.g. `740+`.")

    def check(self, keys: Sequence[Key], diags: Diagnostics) -> None:
        check_bands(list(keys), self.type.kind, self.places, f"`{self.name}`", diags)


def spell(value: Decimal, kind: str) -> str:
    """A number as a language literal of its kind, with the decimals it was written with."""
    plain = f"{value:f}"
    if kind == "money":
        places = decimals(value)
        return f"${value:,.{places}f}"
    if kind == "percent":
        return f"{plain}%"
    if kind == "months":
        return f"{plain} month{'' if value == 1 else 's'}"
    return plain


def axis_kind(name: str, bundle: ir_program.Bundle) -> AxisKind:
    """The axis kind for a `rows` / `columns` name: a field or derived value of the vocabulary or of a program,
    or `months since ...`; AxisError when it is none of them or of a type no axis kind takes."""
    vocabulary = bundle.vocabulary
    field = vocabulary.field(name)
    if field is not None:
        return _for_type(name, field.type, field.places)
    values = [v for v in vocabulary.values if v.id == name]
    values += [v for p in (*bundle.programs, *bundle.history) for v in p.values if v.id == name]
    if values:
        return _for_type(name, values[0].type, values[0].places)
    if _MONTHS_SINCE.fullmatch(name):
        return _for_type(name, ir_types.MONTHS, 0)
    from compiler.diagnostics import did_you_mean

    names = [f.name for f in vocabulary.fields] + [v.id for v in vocabulary.values]
    raise AxisError(f"`{name}` is not a field or value of {vocabulary.path}.{did_you_mean(name, names)}")


def kind_of(axis: ir.Axis) -> AxisKind:
    """The kind of a checked matrix's axis, from the type of what it is of (for writing its keys)."""
    return _for_type(axis.label, axis.expr.type, None)


def _for_type(name: str, t: ir_types.Type, places: int | None) -> AxisKind:
    if t.numeric:
        return NumericBands(name, t, places)
    raise AxisError(f"`{name}` is {t.a()}; a matrix axis in a spreadsheet is a number cut into bands.")
