"""Document symbols (the outline): sections, each holding the matrices, rules, values and notes under it; in the
vocabulary, sections holding fields, records, values, limits and lists. Read from the document's surface AST, so the
outline stays while a later pass finds errors (and shows the last text that parsed while the text does not)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from lsprotocol import types

from compiler.source import Span
from compiler.syntax import surface as s

ToRange = Callable[[Span], types.Range]

_KINDS: dict[type, types.SymbolKind] = {
    s.MatrixDecl: types.SymbolKind.Struct,
    s.RuleDecl: types.SymbolKind.Function,
    s.ValueDecl: types.SymbolKind.Variable,
    s.FieldDecl: types.SymbolKind.Field,
    s.RecordDecl: types.SymbolKind.Class,
    s.LimitDecl: types.SymbolKind.Constant,
    s.ListDecl: types.SymbolKind.Array,
    s.NoteDecl: types.SymbolKind.String,
}
_WHAT = {s.MatrixDecl: "matrix", s.RuleDecl: "rule", s.ValueDecl: "value", s.FieldDecl: "field", s.RecordDecl: "record",
         s.LimitDecl: "limit", s.ListDecl: "list", s.NoteDecl: "note"}


Decl = s.MatrixDecl | s.RuleDecl | s.ValueDecl | s.FieldDecl | s.RecordDecl | s.LimitDecl | s.ListDecl | s.NoteDecl


def _symbol(item: object, to_range: ToRange) -> types.DocumentSymbol | None:
    if not isinstance(item, Decl):
        return None
    kind = _KINDS[type(item)]
    name, title, span = item.name, item.title, item.span
    name_span: Span = getattr(item, "name_span", span)
    children: list[types.DocumentSymbol] | None = None
    if isinstance(item, s.RecordDecl):
        children = [c for c in (_symbol(f, to_range) for f in item.fields) if c is not None]
    return types.DocumentSymbol(name=name, kind=kind, range=to_range(span), selection_range=to_range(name_span),
                                detail=f"{_WHAT[type(item)]}" + (f": {title}" if title else ""), children=children)


def _end(items: Sequence[types.DocumentSymbol], start: types.Range) -> types.Range:
    last = items[-1].range.end if items else start.end
    return types.Range(start.start, last)


def outline(ast: s.File, to_range: ToRange) -> list[types.DocumentSymbol]:
    """The document's symbols, by section."""
    top: list[types.DocumentSymbol] = []
    section: types.DocumentSymbol | None = None
    inside: list[types.DocumentSymbol] = []
    for item in ast.items:
        if isinstance(item, s.Section):
            section = types.DocumentSymbol(name=item.title, kind=types.SymbolKind.Namespace, range=to_range(item.span),
                                           selection_range=to_range(item.span), detail="section", children=[])
            inside = []
            section.children = inside
            top.append(section)
            continue
        symbol = _symbol(item, to_range)
        if symbol is None:
            continue
        if section is None:
            top.append(symbol)
        else:
            inside.append(symbol)
            section.range = _end(inside, section.range)
    return top
