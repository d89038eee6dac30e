"""Table axes: the keys of a matrix's rows or columns or of a lookup, and the lines of their table.

Used by `lower_matrix` (`rules.py`) and `lower_lookup` (`values.py`). A key is a number (its entries are bands),
a choice field or derived category (its entries list choices, by name or by label) or yes/no. A line holds one
entry per key; `any` stands for every value of a key, `other` for every choice no other line of the axis lists
for that key. Lines must not overlap (E402 for the bands of one key, E419 for whole lines); the bands of a
numeric key are checked for gaps within each group of lines that share the other keys' entries.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from itertools import combinations

from compiler import ir, ir_types
from compiler.diagnostics import Diagnostics, did_you_mean
from compiler.lower.bands import _overlaps, check_bands
from compiler.lower.expr import ExprLowerer, finish_tree
from compiler.lower.literals import _axis_label, _band_cell
from compiler.source import Span
from compiler.syntax import surface as s

ANY = "any"
OTHER = "other"


@dataclass(frozen=True, slots=True)
class _Other:
    """`other` before it is resolved to the choices no other line lists."""

    span: Span


def lower_keys(exprs: tuple[s.Expr, ...], lowerer: ExprLowerer, what: str, diags: Diagnostics) -> list[ir.Expr] | None:
    """The keys of one axis: numbers, choices or yes/no (E305 otherwise; E327 for a computed key)."""
    out: list[ir.Expr] = []
    for e in exprs:
        if len(exprs) > 1 and not isinstance(e, (s.Name, s.MonthsSince, s.MonthsSinceLatest)):
            diags.error("E327", "A table key is a field or a value: declare `value <name> = …` and key the table on it.",
                        e.span, "Name a field or a derived value.")
            return None
        x = lowerer.expr(e)
        if x is None:
            return None
        if not (x.type.numeric or x.type.kind in ("enum", "yesno")):
            diags.error("E305", f"A table key is a number, a choice or yes/no; `{_axis_label(e)}` ({what}) is "
                        f"{x.type.a()}.", e.span, "Use a numeric field such as fico, a choice such as purpose, "
                        "or a yes/no field.")
            return None
        out.append(finish_tree(x))
    return out


def _choice_of(word: str, t: ir_types.Type) -> str | None:
    if word in t.values:
        return word
    for value, label in zip(t.values, t.labels, strict=False):
        if label == word:
            return value
    return None


def no_score_flags(keys: list[ir.Expr], lowerer: ExprLowerer) -> list[str]:
    """Per key: the yes/no field (`fico_no_score`) of the one number with `allows: no score` it reads, directly or
    through values; "" for a key reading none (or two: which score would a `no score` line be?)."""
    out: list[str] = []
    for k in keys:
        flags = lowerer.no_score_flags(k) if k.type.numeric else []
        out.append(flags[0] if len(flags) == 1 else "")
    return out


def _no_score_entry(cell: s.Cell, label: str, flag: str, diags: Diagnostics) -> ir.Entry | None:
    """`no score`: the line of a score key for a loan that says it has no score (section 3.7)."""
    word = cell.words[0][0]
    if word != "score":
        diags.error("E434", f"`no {word}` is not a table entry; the line for a loan without a score is `no score`.",
                    cell.span, "Write `no score`, a band such as `660..699`, or `any`.")
        return None
    if not flag:
        diags.error("E434", f"A `no score` line needs a score whose field says `allows: no score`; `{label}` does not.",
                    cell.span, "Write bands only for this key, or give borrowers with no score their own rule with "
                    "`when fico is no score` (a field allows it with `allows: no score` in loan.fields).")
        return None
    return ir.Choices((ir.NO_SCORE,), "no score", cell.span)


def lower_entry(cell: s.Cell, key: ir.Expr, label: str, diags: Diagnostics, flag: str = "") -> ir.Entry | _Other | None:
    """One key cell of a line (or one part of a column heading); `flag`: the key's `<field>_no_score` field."""
    t = key.type
    if cell.kind == "no_word":
        return _no_score_entry(cell, label, flag if t.numeric else "", diags)
    word = cell.words[0][0] if cell.kind == "words" and len(cell.words) == 1 and len(cell.words[0]) == 1 else ""
    if word == ANY and not cell.quoted:
        if t.numeric:
            return ir.Band(None, True, None, True, ANY, cell.span)
        return ir.Choices(tuple(t.values) if t.kind == "enum" else (True, False), ANY, cell.span)
    if word == OTHER and not cell.quoted:
        return _Other(cell.span)
    if t.numeric:
        return _band_cell(cell, t, f"`{label}`", diags)
    if t.kind == "yesno":
        if cell.kind == "value" and cell.value is not None and isinstance(cell.value.value, bool):
            return ir.Choices((cell.value.value,), cell.value.text, cell.span)
        diags.error("E420", f"`{cell.text}` is not yes or no; `{label}` is yes/no.", cell.span,
                    "Write `yes`, `no` or `any`.")
        return None
    if cell.kind != "words":
        diags.error("E420", f"`{cell.text}` is not a choice of `{label}`.", cell.span,
                    f"Write choices of `{label}` ({', '.join(t.values[:6])}{', ...' if len(t.values) > 6 else ''}), "
                    "`any` or `other`.")
        return None
    values: list[str] = []
    for group in cell.words:
        word = " ".join(group)
        if word in (ANY, OTHER) and not cell.quoted:
            diags.error("E422", "`any` and `other` stand for a whole key; they cannot be mixed with choices in one cell.",
                        cell.span, "Write `any`, `other`, or the choices.")
            return None
        choice = _choice_of(word, t)
        if choice is None:
            choices = {**{v: None for v in t.values}, **{lb: None for lb in t.labels}}
            diags.error("E420", f"`{word}` is not a choice of `{label}`.{did_you_mean(word, choices)}", cell.span,
                        f"The choices of `{label}`: {', '.join(t.values[:8])}{', ...' if len(t.values) > 8 else ''}.")
            return None
        if choice not in values:
            values.append(choice)
    return ir.Choices(tuple(values), cell.text, cell.span)


def _resolve_other(lines: list[list[ir.Entry | _Other]], keys: list[ir.Expr]) -> list[tuple[ir.Entry, ...]]:
    """`other` becomes the choices of its key that no other line of the axis lists (in declaration order)."""
    out: list[tuple[ir.Entry, ...]] = []
    for line in lines:
        entries: list[ir.Entry] = []
        for k, e in enumerate(line):
            if isinstance(e, _Other):
                listed = {v for other in lines for x in (other[k],)
                          if isinstance(x, ir.Choices) and x.label != ANY for v in x.values}
                t = keys[k].type
                every: tuple[str | bool, ...] = tuple(t.values) if t.kind == "enum" else (True, False)
                if t.numeric:
                    entries.append(ir.Band(None, True, None, True, ANY, e.span))
                else:
                    entries.append(ir.Choices(tuple(v for v in every if v not in listed), "any other", e.span))
            else:
                entries.append(e)
        out.append(tuple(entries))
    return out


def _meet(a: ir.Entry, b: ir.Entry) -> bool:
    if isinstance(a, ir.Choices) and isinstance(b, ir.Choices):
        return bool(set(a.values) & set(b.values))
    if isinstance(a, ir.Band) and isinstance(b, ir.Band):
        first, second = sorted((a, b), key=lambda x: (x.low is not None, x.low or Decimal(0), not x.low_inclusive))
        return _overlaps(first, second)
    return False


def make_axis(keys: list[ir.Expr], key_exprs: tuple[s.Expr, ...], cells: list[list[s.Cell]], label: str, span: Span,
              places: Callable[[ir.Expr], int | None], diags: Diagnostics, flags: list[str] | None = None
              ) -> ir.Axis | None:
    """The axis of `keys` with one line per element of `cells` (one cell per key), checked. `flags`: per key, the
    `<field>_no_score` field of a score with `allows: no score` (`no_score_flags`), for `no score` lines."""
    labels = tuple(_axis_label(e) for e in key_exprs)
    flags = flags or [""] * len(keys)
    raw: list[list[ir.Entry | _Other]] = []
    ok = True
    for line in cells:
        entries: list[ir.Entry | _Other] = []
        for key, lab, cell, flag in zip(keys, labels, line, flags, strict=True):
            e = lower_entry(cell, key, lab, diags, flag)
            if e is None:
                ok = False
            else:
                entries.append(e)
        if len(entries) == len(keys):
            raw.append(entries)
    if not ok:
        return None
    lines = _resolve_other(raw, keys)
    said = [flag if any(isinstance(e := line[k], ir.Choices) and ir.NO_SCORE in e.values for line in lines) else ""
            for k, flag in enumerate(flags)]
    axis = ir.Axis(tuple(keys), tuple(lines), labels, label, span, tuple(said) if any(said) else ())
    check_axis(axis, places, diags)
    return axis


def check_axis(axis: ir.Axis, places: Callable[[ir.Expr], int | None], diags: Diagnostics) -> None:
    """Bands per key (gaps and overlaps within groups of lines sharing the other keys' entries); whole lines
    that overlap (E419)."""
    grouped: set[tuple[int, int]] = set()
    for k, key in enumerate(axis.keys):
        if not key.type.numeric:
            continue
        groups: dict[tuple[object, ...], list[int]] = {}
        for i, line in enumerate(axis.lines):
            groups.setdefault(tuple(_entry_key(e) for j, e in enumerate(line) if j != k), []).append(i)
        for members in groups.values():
            bands = [axis.lines[i][k] for i in members]
            what = f"`{axis.labels[k]}`"
            check_bands([b for b in bands if isinstance(b, ir.Band)], key.type.kind,
                        places(key), what, diags)
            grouped.update(combinations(members, 2))
    for i, j in combinations(range(len(axis.lines)), 2):
        if (i, j) in grouped:
            continue
        a, b = axis.lines[i], axis.lines[j]
        if all(_meet(x, y) for x, y in zip(a, b, strict=True)):
            held = ", ".join(f"{lab} {_entry_text(x, y)}" for lab, x, y in zip(axis.labels, a, b, strict=True))
            diags.error("E419", f"Lines {a[0].span.line} and {b[0].span.line} of the table both hold {held}: a loan "
                        "must fall in one line.", b[0].span,
                        "Make the lines disjoint: list each choice on one line, or split the bands.")


def _entry_key(e: ir.Entry) -> object:
    if isinstance(e, ir.Choices):
        return ("c", frozenset(e.values))
    return ("b", e.low, e.low_inclusive, e.high, e.high_inclusive)


def _entry_text(a: ir.Entry, b: ir.Entry) -> str:
    if isinstance(a, ir.Choices) and isinstance(b, ir.Choices):
        common = [v for v in a.values if v in b.values]
        return ", ".join(("yes" if v else "no") if isinstance(v, bool) else v for v in common)
    return b.label if isinstance(b, ir.Band) and b.label != ANY else a.label


def split_heading(cell: s.Cell, n: int, diags: Diagnostics) -> list[s.Cell] | None:
    """The parts of a column heading of `n` keys (`full_doc / purchase`)."""
    if n == 1:
        return [cell]
    parts = list(cell.parts) if cell.kind in ("tuple", "pair") else [cell]
    if len(parts) != n:
        diags.error("E423", f"A column heading has {n} parts (one per key, `a / b`); this one has {len(parts)}.",
                    cell.span, "Write one entry per column key, separated by `/`.")
        return None
    return parts
