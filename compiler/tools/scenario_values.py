"""Values in guideline test files by the vocabulary's types: numbers as people write them, typed scalars, loans.

Every scalar is converted from its text by the type the vocabulary declares for the field (money, percent and
ratios become Decimal, never float); a loan's fields are checked against the vocabulary (names, types,
ranges, decimals).
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from typing import Any

import yaml

from compiler import ir, ir_program, ir_types
from compiler.spellings import NO_SCORE_TEXT
from compiler.tools.scenario_yaml import TestFileError, did_you_mean, is_unknown, location, mapping, scalar_text

NUMBER = re.compile(r"-?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?")
NO_SCORE = object()  # `fico: none` (or `no score`) on a field that `allows: no score`, until `LoanReader.finish`


def parse_number(text: str, kind: str) -> Decimal:
    """An exact number as people write it: `1,000,000`, `$1,000,000`, `80%`, `12 months`, `180 days`, `0.965`."""
    t = text.strip()
    if kind == "money":
        t = t.replace("$", "", 1) if t.startswith(("$", "-$")) else t
        for tail in ("/month", "/mo"):
            t = t.removesuffix(tail)
    elif kind == "percent":
        t = t.removesuffix("%").strip()
    elif kind == "months":
        t = re.sub(r"\s*months?$", "", t)
    elif kind == "days":
        t = re.sub(r"\s*days?$", "", t)
    if not NUMBER.fullmatch(t):
        example = {"money": "1,250,000 or $1,250,000", "percent": "80% or 80", "months": "12 or 12 months",
                   "days": "180 or 180 days", "integer": "745", "ratio": "1.250"}.get(kind, "12.5")
        raise ValueError(f"`{text}` is not a number (write it like {example})")
    try:
        return Decimal(t.replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the pattern admits only valid numbers
        raise ValueError(f"`{text}` is not a number") from None


def parse_typed(path: str, node: yaml.Node, typ: ir_types.Type, what: str) -> Any:
    """A scalar converted by its declared type; None for unknown."""
    if is_unknown(node):
        return None
    text = scalar_text(path, node, what)
    where = location(path, node)
    if typ.kind in ir_types.NUMERIC:
        try:
            value = parse_number(text, typ.kind)
        except ValueError as err:
            raise TestFileError(where, f"{what}: {err}.") from None
        return value
    if typ.kind == "yesno":
        low = text.lower()
        if low in ("yes", "true"):
            return True
        if low in ("no", "false"):
            return False
        raise TestFileError(where, f"{what}: `{text}` is not yes or no.")
    if typ.kind == "date":
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            raise TestFileError(where, f"{what}: `{text}` is not a date (write it like 2026-03-14).") from None
    if typ.kind == "enum":
        if text not in typ.values:
            raise TestFileError(where, f"{what}: `{text}` is not one of its values.{did_you_mean(text, typ.values)}"
                                f" Values: {', '.join(typ.values)}.")
        return text
    return text


def decimals(v: Decimal) -> int:
    """Decimals a number needs (trailing zeros not counted), exactly, whatever its size."""
    _sign, digits, exponent = v.as_tuple()
    assert isinstance(exponent, int)
    trailing = len(digits) - len("".join(map(str, digits)).rstrip("0"))
    return max(0, -(exponent + trailing))


# ------------------------------------------------------------------ loans


class LoanReader:
    """Loan fields in a test file, validated against the vocabulary (names, types, ranges, decimals)."""

    def __init__(self, vocabulary: ir_program.Vocabulary) -> None:
        self.vocabulary = vocabulary
        self.fields = {f.name: f for f in vocabulary.fields}
        self.records = {r.name: r for r in vocabulary.records}

    def field(self, path: str, name: str, knode: yaml.Node) -> ir.Field:
        f = self.fields.get(name)
        if f is None:
            raise TestFileError(location(path, knode), f"Unknown loan field `{name}`.{did_you_mean(name, self.fields)}"
                                " Loan fields are those of programs/loan.fields.")
        return f

    def value(self, path: str, f: ir.Field, node: yaml.Node) -> Any:
        if f.type.kind == "list":
            return self._list(path, f, node)
        if f.no_score and isinstance(node, yaml.ScalarNode) and str(node.value).strip().lower() in NO_SCORE_TEXT:
            return NO_SCORE
        v = parse_typed(path, node, f.type, f"`{f.name}`")
        if isinstance(v, Decimal):
            self._check_number(path, f, v, node)
            if f.type.kind in ("integer", "months", "days"):
                return int(v)
        return v

    def _check_number(self, path: str, f: ir.Field, v: Decimal, node: yaml.Node) -> None:
        where = location(path, node)
        if f.type.kind in ("integer", "months", "days") and v != v.to_integral_value():
            raise TestFileError(where, f"`{f.name}` is a whole number; `{node.value}` is not.")
        if f.range is not None and not f.range.contains(v):
            raise TestFileError(where, f"`{f.name}` {node.value} is outside its range {f.range.label}.")
        if f.places is not None and decimals(v) > f.places:
            raise TestFileError(where, f"`{f.name}` has at most {f.places} decimals; `{node.value}` has more.")

    def _list(self, path: str, f: ir.Field, node: yaml.Node) -> list[dict[str, Any]] | None:
        if is_unknown(node):
            return None
        if not isinstance(node, yaml.SequenceNode):
            raise TestFileError(location(path, node), f"`{f.name}` is a list: write `[]` for none, or one `- ...` item per line.")
        record = self.records[f.type.record]
        rfields = {rf.name: rf for rf in record.fields}
        items: list[dict[str, Any]] = []
        for item in node.value:
            entries = mapping(path, item, f"an item of `{f.name}`")
            out: dict[str, Any] = {}
            for key, (knode, vnode) in entries.items():
                rf = rfields.get(key)
                if rf is None:
                    raise TestFileError(location(path, knode), f"Unknown field `{key}` in an item of `{f.name}`."
                                        f"{did_you_mean(key, rfields)} Fields: {', '.join(rfields)}.")
                out[key] = self.value(path, rf, vnode)
            items.append(out)
        return items

    def finish(self, loan: dict[str, Any]) -> dict[str, Any]:
        """The loan a scenario decides, as the generated `Loan` reads the same fields (language.md 3.7): a number
        written `none` is no score at all (`<field>_no_score` yes); a number given makes `<field>_no_score` no."""
        out = dict(loan)
        for f in self.fields.values():
            if f.no_score and f.name in out:
                if out[f.name] is NO_SCORE:
                    out[f.name], out[f.no_score] = None, True
                elif out[f.name] is not None:
                    out[f.no_score] = False
        return out

    def read(self, path: str, node: yaml.Node, what: str) -> dict[str, Any]:
        if is_unknown(node):
            return {}
        loan: dict[str, Any] = {}
        for key, (knode, vnode) in mapping(path, node, what).items():
            loan[key] = self.value(path, self.field(path, key, knode), vnode)
        return loan

