"""Matrix axes in spreadsheets: for each kind of axis, how its keys are written as header text, read back from a
header cell, spelled in the language, and checked as `glc check` checks them.

`xlsx_export` and `xlsx_import` handle keys only through an `AxisKind`; `axis_kind` picks one from the type of
what the axis is of: a number cut into bands (`NumericBands`, keys `ir.Band`, `any` for the whole range) or a
choice field, derived category or yes/no (`ChoiceKeys`, keys `ir.Choices`: the choices by their labels as the
documentation shows them, `any`, `any other`; ids or quoted labels read back too). An axis with several keys
(`rows credit_grade, fico`, `columns doc_family / purpose`) has one kind per key (`axis_kinds`, `kinds_of`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from compiler import ir, ir_program, ir_types
from compiler.diagnostics import Diagnostics, did_you_mean
from compiler.lower.bands import check_bands
from compiler.source import Span
from compiler.tools.xlsx_cells import Amount, BandText, CellError, Raw, decimals, number_amount, read_band
from compiler.wording import band_label

Key = ir.Entry  # a band of a numeric key, choices of a choice or yes/no key
ANY, ANY_OTHER, OTHER = "any", "any other", "other"


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
_MONTHS_SINCE = re.compile(r"(months|days) since (latest )?[a-z_][a-z0-9_]*( of \(?[a-z_][a-z0-9_]*(, [a-z_][a-z0-9_]*)*\)?)?")


_KINDS_WITH_UNIT = {"money": "money", "percent": "percent", "months": "months", "days": "days"}


@dataclass(frozen=True)
class NumericBands:
    """An axis of a number (integer, money, percent, ratio, months) cut into bands."""

    name: str
    type: ir_types.Type
    places: int | None  # decimals the value can have (None: any), for the gap check

    def header(self, key: Key) -> str:
        return key.label

    def read(self, value: Raw, number_format: str, span: Span) -> Key:
        if isinstance(value, str) and value.strip().casefold() in (ANY, OTHER, ANY_OTHER):
            return ir.Band(None, True, None, True, ANY, span)  # the whole range, as the language reads it
        if isinstance(value, str) and value.strip().casefold() == ir.NO_SCORE:  # the line of a loan with no score
            return ir.Choices((ir.NO_SCORE,), ir.NO_SCORE, span)
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
        plain_ok = kind in ("integer", "ratio", "money", "months", "days", "quantity")
        if amount.kind != wanted and not (amount.kind == "" and plain_ok):
            shown = spell(amount.value, amount.kind or "ratio")
            raise CellError(f"`{shown}` is {amount.kind or 'a plain number'}, but `{self.name}` is {self.type.a()}",
                            f"Write the band in {self.type.describe()}, or give the right field with --rows/--columns.")
        if kind in ("integer", "days") and amount.value != amount.value.to_integral_value():
            raise CellError(f"`{amount.value}` is not a whole number, and `{self.name}` is {self.type.a()}",
                            "Write whole numbers, e.g. `720-739`.")
        return amount.value

    def source(self, key: Key) -> str:
        if isinstance(key, ir.Choices) and key.values == (ir.NO_SCORE,):
            return ir.NO_SCORE  # `no score` (the compiler checks the field allows it)
        assert isinstance(key, ir.Band)
        kind = self.type.kind
        if key.low is None and key.high is None:
            return ANY
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
        check_bands([k for k in keys if isinstance(k, ir.Band)], self.type.kind, self.places, f"`{self.name}`", diags)


_YES, _NO = frozenset({"yes", "y", "true"}), frozenset({"no", "n", "false"})


@dataclass(frozen=True)
class ChoiceKeys:
    """An axis of a choice field, a derived category or yes/no: each key lists choices (`any`, `any other`)."""

    name: str
    type: ir_types.Type

    def header(self, key: Key) -> str:
        assert isinstance(key, ir.Choices)
        if key.label in (ANY, ANY_OTHER):
            return key.label
        labels = dict(self._pairs())
        return ", ".join(("yes" if v else "no") if isinstance(v, bool) else labels.get(v, v) for v in key.values)

    def read(self, value: Raw, number_format: str, span: Span) -> Key:
        if isinstance(value, bool):
            return self._yes_no(value, span)
        if not isinstance(value, str) or not value.strip():
            shown = "the cell is empty" if value is None or isinstance(value, str) else f"the cell holds `{value}`"
            raise CellError(f"{shown}, not a choice of `{self.name}`", self._fix())
        text = " ".join(value.split())
        folded = text.casefold()
        if folded == ANY:
            every: tuple[str | bool, ...] = tuple(self.type.values) if self.type.kind == "enum" else (True, False)
            return ir.Choices(every, ANY, span)
        if folded in (OTHER, ANY_OTHER):
            return ir.Choices((), ANY_OTHER, span)  # the choices no other line lists: the language resolves them
        if self.type.kind == "yesno":
            if folded in _YES or folded in _NO:
                return self._yes_no(folded in _YES, span)
            raise CellError(f"`{text}` is not yes or no; `{self.name}` is yes/no", "Write `yes`, `no` or `any`.")
        whole = self._choice(text)
        if whole is not None:
            return ir.Choices((whole,), text, span)
        values: list[str | bool] = []
        for part in (p.strip() for p in text.split(",")):
            choice = self._choice(part)
            if choice is None:
                word = part.strip('"')
                names = {**{v: None for v in self.type.values}, **{lb: None for _, lb in self._pairs()}}
                raise CellError(f"`{word}` is not a choice of `{self.name}`",
                                f"{did_you_mean(word, names).strip()} {self._fix()}".lstrip())
            if choice not in values:
                values.append(choice)
        return ir.Choices(tuple(values), text, span)

    def _choice(self, text: str) -> str | None:
        """A choice by its id or its label (quoted or not; case ignored when that is unambiguous)."""
        word = text[1:-1] if len(text) > 1 and text[0] == text[-1] == '"' else text
        pairs = self._pairs()
        for fold in (str, str.casefold):
            found = {v for v, lb in pairs if fold(word) in (fold(v), fold(lb))}
            if len(found) == 1:
                return found.pop()
        return None

    def _pairs(self) -> list[tuple[str, str]]:
        """Each choice with its label (its id when it has none)."""
        labels = self.type.labels
        return [(v, labels[i] if i < len(labels) else v) for i, v in enumerate(self.type.values)]

    def _yes_no(self, value: bool, span: Span) -> Key:
        if self.type.kind != "yesno":
            raise CellError(f"the cell holds `{value}`, not a choice of `{self.name}`", self._fix())
        return ir.Choices((value,), "yes" if value else "no", span)

    def _fix(self) -> str:
        if self.type.kind == "yesno":
            return "Write `yes`, `no` or `any`."
        shown = ", ".join(f"{v} ({lb})" if lb != v else v for v, lb in self._pairs())
        return f"Write choices of `{self.name}` by name or label, separated by commas, `any` or `other`: {shown}."

    def source(self, key: Key) -> str:
        assert isinstance(key, ir.Choices)
        if key.label == ANY:
            return ANY
        if key.label == ANY_OTHER:
            return OTHER
        return ", ".join(("yes" if v else "no") if isinstance(v, bool) else v for v in key.values)

    def check(self, keys: Sequence[Key], diags: Diagnostics) -> None:
        """Nothing to check key by key: lines that overlap are found by `glc check` (E419) once pasted."""


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
    if kind == "days":
        return f"{plain} day{'' if value == 1 else 's'}"
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
        return _for_type(name, ir_types.DAYS if name.startswith("days") else ir_types.MONTHS, 0)
    names = [f.name for f in vocabulary.fields] + [v.id for v in vocabulary.values]
    raise AxisError(f"`{name}` is not a field or value of {vocabulary.path}.{did_you_mean(name, names)}")


def axis_kinds(names: str, bundle: ir_program.Bundle, columns: bool = False) -> list[AxisKind]:
    """One kind per key of a `rows` line (`credit_grade, fico`) or a `columns` line (`doc_family / purpose`)."""
    return [axis_kind(n, bundle) for n in split_keys(names, "/" if columns else ",")]


def split_keys(names: str, sep: str) -> list[str]:
    """The key names of an axis line, split at `sep` outside parentheses (`months since latest x of (a, b)`)."""
    parts, depth, current = [], 0, ""
    for ch in names:
        depth += (ch == "(") - (ch == ")")
        if ch == sep and depth == 0:
            parts.append(current.strip())
            current = ""
        else:
            current += ch
    parts.append(current.strip())
    return [p for p in parts if p]


def kinds_of(axis: ir.Axis) -> list[AxisKind]:
    """The kind of each key of a checked matrix's axis, from the type of what it is of (for writing its keys)."""
    return [_for_type(label, key.type, None) for label, key in zip(axis.labels, axis.keys, strict=True)]


def _for_type(name: str, t: ir_types.Type, places: int | None) -> AxisKind:
    if t.numeric:
        return NumericBands(name, t, places)
    if t.kind in ("enum", "yesno"):
        return ChoiceKeys(name, t)
    raise AxisError(f"`{name}` is {t.a()}; a matrix axis in a spreadsheet is a number cut into bands, a choice or "
                    "yes/no.")
