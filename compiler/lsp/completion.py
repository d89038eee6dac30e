"""Completion: the names and keywords that may come next at the cursor.

The grammar says what may come next (`expected`): its keywords are offered as they are, and where a name may
come, the words before the cursor on its line say which names: programs after `extends:`, limits after `gives`,
`reduce` or `cap`, a choice field's choices after `is` or `in (`, list fields after `months since latest` (or
`days since latest`), reference lists (built-in and the vocabulary's `list` items) after `in `, `one of ` and a
list's `of `, fields and values in an expression (after `require `, `when `, `rows `, ...), none where a new
name is declared.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from lsprotocol import types

from compiler import ir
from compiler.lower.lists import builtin
from compiler.lsp.documents import Analysis
from compiler.lsp.expected import expected, keywords, terminals
from compiler.lsp.hover import field_text, value_text
from compiler.lsp.resolve import names
from compiler.syntax.reading import VOCABULARY_SUFFIX

_PARTIAL = re.compile(r"[A-Za-z_][A-Za-z0-9_]*$")
_CONTEXTS: list[tuple[str, re.Pattern[str]]] = [
    ("programs", re.compile(r"^\s*(extends|overlays)\s*:\s*$")),
    ("dates", re.compile(r"^\s*seasoning_date\s*:\s*$|\b(months|days)\s+since\s+$")),
    ("better", re.compile(r"^\s*better\s*:\s*$")),
    ("limits", re.compile(r"\b(gives|reduce|cap)\s+(\w+\s*,\s*)*$")),
    ("lists", re.compile(r"\b((months|days)\s+since\s+latest|seasoning\s+of)\s+$")),
    ("reference", re.compile(r"\bin\s+$|\bone\s+of\s+$|^\s*list\s+\w+(\s+\"[^\"]*\")?\s+of\s+$")),
    ("choices", re.compile(r"\b(?P<subject>[A-Za-z_]\w*)\s+(is(\s+not)?|(not\s+)?in\s*\((\s*\w+\s*,)*)\s*$")),
    ("new", re.compile(r"^\s*(override\s+)?(rule|matrix|value|field|record|limit|scenario|program|drop\s+\w+)\s+$")),
    ("new", re.compile(r"^\s*(unit\s*:|[a-z_]+\s*:\s*\S)")),  # a unit's name, a header line's value: free text
    ("new", re.compile(r"^\s*\|")),  # a table's cells: bands, numbers, words
]


def context(line_before: str) -> tuple[str, str]:
    """Which names may come after the words before the cursor on its line: (context, the choice field's name)."""
    for name, pattern in _CONTEXTS:
        m = pattern.search(line_before)
        if m is not None:
            return name, m.groupdict().get("subject") or ""
    return "expression", ""


def _item(label: str, kind: types.CompletionItemKind, detail: str, doc: str = "") -> types.CompletionItem:
    return types.CompletionItem(label=label, kind=kind, detail=detail,
                                documentation=types.MarkupContent(types.MarkupKind.Markdown, doc) if doc else None)


def _fields(a: Analysis, keep: Iterable[str] | None = None) -> list[types.CompletionItem]:
    vocab = a.vocabulary
    kinds = set(keep) if keep is not None else None
    return [_item(f.name, types.CompletionItemKind.Field, f"{f.title}: {f.type.describe()}", field_text(f))
            for f in (vocab.fields if vocab is not None else ()) if kinds is None or f.type.kind in kinds]


def _values(a: Analysis) -> list[types.CompletionItem]:
    found = [t.node for t in names(a).values() if t.kind == "value" and isinstance(t.node, ir.Value)]
    return [_item(v.id, types.CompletionItemKind.Variable, f"{v.title}: {v.type.describe()}", value_text(a, v)) for v in found]


def _choices(a: Analysis, subject: str) -> list[types.CompletionItem]:
    target = names(a).get(subject)
    t = target.node.type if target is not None and isinstance(target.node, (ir.Field, ir.Value)) else None
    if t is None or t.kind != "enum":
        return []
    labels = t.labels or ("",) * len(t.values)
    return [_item(v, types.CompletionItemKind.EnumMember, label or v) for v, label in zip(t.values, labels, strict=False)]


def _reference_lists(a: Analysis) -> list[types.CompletionItem]:
    own = a.vocabulary.lists if a.vocabulary is not None else ()
    return [_item(x.name, types.CompletionItemKind.Enum, f"{x.title}: {len(x.codes)} codes",
                  ", ".join(f"`{c}` {label}" for c, label in list(zip(x.codes, x.labels, strict=True))[:8])
                  + (", ..." if len(x.codes) > 8 else ""))
            for x in (*builtin().values(), *own)]


def _names(a: Analysis, where: str, subject: str) -> list[types.CompletionItem]:
    known = names(a)
    if where == "programs":
        return [_item(t.name, types.CompletionItemKind.Module, getattr(t.node, "title", "")) for t in known.values() if t.kind == "program"]
    if where == "limits":
        return [_item(t.name, types.CompletionItemKind.Property, getattr(t.node, "title", "")) for t in known.values() if t.kind == "limit"]
    if where == "dates":
        return _fields(a, ["date"])
    if where == "lists":
        return _fields(a, ["list"])
    if where == "reference":
        return _reference_lists(a)
    if where == "better":
        return [_item(w, types.CompletionItemKind.EnumMember, "which way is better for the loan") for w in ("higher", "lower")]
    if where == "choices":
        return _choices(a, subject)
    if where == "new":
        return []
    return _fields(a) + _values(a)


def in_text(line_before: str) -> bool:
    """Whether the cursor is inside a string or a comment: what is typed there is the author's own words."""
    quoted = False
    for i, ch in enumerate(line_before):
        if ch == '"' and (not quoted or line_before[i - 1] != "\\"):
            quoted = not quoted
        elif ch == "#" and not quoted:
            return True
    return quoted


def complete(a: Analysis, text: str, line: int, column: int) -> list[types.CompletionItem]:
    """The completions at (line, column) of the document's `text` (1-based); none inside strings and comments."""
    lines = text.split("\n")
    if not 1 <= line <= len(lines):
        return []
    line_before = lines[line - 1][: column - 1]
    if in_text(line_before):
        return []
    partial = _PARTIAL.search(line_before)  # the word being typed: the client filters by it
    cut = line_before[: partial.start()] if partial is not None else line_before
    before = "\n".join([*lines[: line - 1], cut])
    state = expected(before, vocabulary=a.path.suffix == VOCABULARY_SUFFIX)
    nxt = terminals(state)
    items = [_item(k, types.CompletionItemKind.Keyword, "keyword") for k in keywords(state)]
    if "NAME" in nxt or not nxt:
        where, subject = context(cut)
        items = _names(a, where, subject) + items
    unique: dict[str, types.CompletionItem] = {}
    for item in items:
        unique.setdefault(item.label, item)
    return list(unique.values())
