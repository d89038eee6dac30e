"""What is at a cursor position: the IR node there (every IR node carries its span), else the name under it.

`target_at` walks the checked IR of the document (its program, or the vocabulary of a .fields file) for the
innermost node whose span holds the position: a field or value reference, a matrix cell, a band of a matrix's
rows or columns or of a value's table, a choice in `is`/`in (...)`. Where no node answers (a name in a header line, `gives`, a
declaration's own name, or a text that no longer checks), the name under the cursor is looked up among the
names the check knows (`names`): fields, values, limits, rules, matrices, programs, records.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from compiler import ir
from compiler.ir_types import Type
from compiler.lsp.documents import Analysis
from compiler.lsp.positions import contains, size
from compiler.source import Span

Kind = Literal["field", "value", "limit", "rule", "matrix", "program", "record", "choice", "cell", "band"]
WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


@dataclass(frozen=True)
class Target:
    """Something the cursor is on, with the IR object that says what it is and where it is defined."""

    kind: Kind
    name: str
    node: object  # ir.Field, ir.Value, ir.Limit, ir.Rule, ir.Matrix, ir_program.Program, ir.Record, ir.Field (choice), ir.Matrix
    span: Span | None  # where it is defined
    row: int = -1  # a cell's row and column (-1: none); a band's index in its axis
    column: int = -1
    axis: ir.Axis | None = None  # a band's axis


def names(a: Analysis) -> dict[str, Target]:
    """Every name the check knows, to what it names (the document's program's own items over the rest)."""
    out: dict[str, Target] = {}
    for prog in a.programs():
        out.setdefault(prog.id, Target("program", prog.id, prog, prog.span))
    vocab = a.vocabulary
    if vocab is not None:
        for r in vocab.records:
            out[r.name] = Target("record", r.name, r, r.span)
            for f in r.fields:
                out.setdefault(f.name, Target("field", f.name, f, f.span))
        for f in vocab.fields:
            out[f.name] = Target("field", f.name, f, f.span)
        for v in vocab.values:
            out[v.id] = Target("value", v.id, v, v.span)
        for lim in vocab.limits:
            out[lim.id] = Target("limit", lim.id, lim, lim.span)
    own = a.program
    if own is not None:
        for v in own.values:
            out[v.id] = Target("value", v.id, v, v.span)
        for lim in own.limits:
            out.setdefault(lim.id, Target("limit", lim.id, lim, lim.span))
        for m in own.matrices:
            out[m.id] = Target("matrix", m.id, m, m.span)
        for rule in own.rules:
            out[rule.id] = Target("rule", rule.id, rule, rule.span)
    return out


def word_at(line_text: str, column: int) -> str | None:
    """The name the 1-based column is on (or just after)."""
    for m in WORD.finditer(line_text):
        if m.start() + 1 <= column <= m.end() + 1:
            return m.group()
    return None


Item = ir.Value | ir.Matrix | ir.Rule | ir.Limit | ir.Field


def _items(a: Analysis) -> Iterator[Item]:
    """The IR declarations written in the document."""
    prog = a.program
    if prog is not None:
        items: tuple[Item, ...] = (*prog.values, *prog.matrices, *prog.rules)
        yield from (x for x in items if x.span.path == a.shown)
    vocab = a.vocabulary
    if vocab is not None and vocab.path == a.shown:
        yield from vocab.values
        yield from vocab.limits
        yield from vocab.fields


def _fields(a: Analysis) -> dict[str, ir.Field]:
    vocab = a.vocabulary
    return {f.name: f for f in vocab.fields} if vocab is not None else {}


def _choice_field(a: Analysis, t: Type) -> ir.Field | None:
    return _fields(a).get(t.enum)


def node_target(a: Analysis, line: int, column: int, word: str | None) -> Target | None:
    """The innermost IR node of the document at the position, as a target (None where none answers)."""
    best: tuple[tuple[int, int], Target] | None = None

    def offer(span: Span, target: Target | None) -> None:
        nonlocal best
        if target is not None and span.path == a.shown and contains(span, line, column) and (best is None or size(span) <= best[0]):
            best = (size(span), target)

    known = names(a)
    for item in _items(a):
        if isinstance(item, ir.Matrix):
            for axis in (item.rows, item.columns):  # each entry of a line: a band, or choices of a keyed axis
                for i, line_entries in enumerate(axis.lines if axis is not None else ()):
                    for entry in line_entries:
                        offer(entry.span, Target("band", item.id, item, item.span, row=i, axis=axis))
            for r, cells in enumerate(item.cells):
                for c, cell in enumerate(cells):
                    offer(cell.span, Target("cell", item.id, item, item.span, row=r, column=c))
        if isinstance(item, ir.Value) and isinstance(item.body, ir.Lookup):  # a value's table: a band and its result
            for i, line_entries in enumerate(item.body.key.lines):
                for entry in line_entries:
                    offer(entry.span, Target("band", item.id, item, item.span, row=i, axis=item.body.key))
        for node in ir.walk(item):
            if isinstance(node, (ir.FieldRef, ir.ValueRef)):
                offer(node.span, known.get(node.name))
            elif isinstance(node, ir.InSet) and word in node.values:
                field = _choice_field(a, node.operand.type)
                offer(node.span, Target("choice", word, field, field.span) if field is not None else None)
    return best[1] if best is not None else None


def target_at(a: Analysis, text: str, line: int, column: int) -> Target | None:
    """What is at (line, column) of the document's current `text` (1-based)."""
    lines = text.split("\n")
    word = word_at(lines[line - 1], column) if 1 <= line <= len(lines) else None
    if a.text == text:  # the spans of the IR are those of this text
        found = node_target(a, line, column, word)
        if found is not None:
            return found
    if word is None:
        return None
    known = names(a).get(word)
    if known is not None:
        return known
    choice = next((f for f in _fields(a).values() if f.type.kind == "enum" and word in f.type.values), None)
    return Target("choice", word, choice, choice.span) if choice is not None else None

