"""Lark parse tree to surface AST (`surface.py`), with a source span on every node.

Consumes the tree from `parse`; produces a `surface.File`. Here: files, headers and declarations; spans,
literals and expressions are `build_expr`, which turns literal text into exact values (`$1.5M` ->
Decimal('1500000'), `4 years` -> 48 months); nothing else is decided.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from lark import Token, Tree, v_args
from lark.exceptions import GrammarError, VisitError
from lark.tree import Meta

from compiler.diagnostics import Diagnostics
from compiler.source import Span
from compiler.syntax import surface as s
from compiler.syntax.build_expr import ExpressionBuilder
from compiler.syntax.literals import unquote


class _Domain:
    """A `domain:` clause while a value declaration is built."""

    def __init__(self, band: s.Band) -> None:
        self.band = band


def build_ast(tree: Tree[Token], path: str, diags: Diagnostics) -> s.File | None:
    """The surface AST of one parsed file (None only if the tree is not a file)."""
    result = AstBuilder(path, diags).transform(tree)
    if isinstance(result, (s.Vocabulary, s.ProgramDecl)):
        return result
    return None


_ROUNDING = {
    "rounded up": "up",
    "rounded down": "down",
    "truncated": "down",
    "rounded": "half_up",
    "rounded half up": "half_up",
    "rounded half even": "half_even",
}


_NO_METHOD = object()


@v_args(meta=True)
class AstBuilder(ExpressionBuilder):
    """Files, headers, vocabulary declarations, values, rules, matrices and tables (spans, literals and
    expressions: `ExpressionBuilder`)."""

    def _call_userfunc(self, tree: Tree[Token], new_children: list[Any] | None = None) -> Any:
        """Lark's own, with each method looked up once per builder: `v_args` wraps a method anew on every lookup
        (a `functools.update_wrapper` per tree node, a tenth of building the AST of a large file)."""
        children = new_children if new_children is not None else tree.children
        found = self.__dict__.setdefault("_methods", {})
        f = found.get(tree.data)
        if f is None:
            f = found[tree.data] = getattr(self, tree.data, _NO_METHOD)
        if f is _NO_METHOD:
            return self.__default__(tree.data, children, tree.meta)  # type: ignore[no-untyped-call]
        try:
            wrapper = getattr(f, "visit_wrapper", None)
            return wrapper(f, tree.data, children, tree.meta) if wrapper is not None else f(children)
        except GrammarError:
            raise
        except Exception as e:
            raise VisitError(tree.data, tree, e) from e  # type: ignore[no-untyped-call]

    # ---------------------------------------------------------------- files
    def start(self, meta: Meta, children: list[Any]) -> Any:
        return children[-1]

    def vocabulary(self, meta: Meta, children: list[Any]) -> s.Vocabulary:
        title = unquote(children[0])
        return s.Vocabulary(title, tuple(children[1:]), self.span(meta, children))

    def program(self, meta: Meta, children: list[Any]) -> s.ProgramDecl:
        name_tok = children[0]
        header = tuple(c for c in children[1:] if isinstance(c, s.HeaderLine))
        accepts = tuple(c for c in children[1:] if isinstance(c, s.Accept))
        items = tuple(c for c in children[1:] if not isinstance(c, (s.HeaderLine, s.Accept)))
        return s.ProgramDecl(str(name_tok), header, items, self.span(meta, children), self.tok(name_tok), accepts)

    def header_line(self, meta: Meta, children: list[Any]) -> s.HeaderLine:
        key, (value, value_span) = children
        return s.HeaderLine(str(key), value, self.span(meta, children), self.tok(key), value_span)

    def limit_line(self, meta: Meta, children: list[Any]) -> s.HeaderLine:
        """`limit max_ltv: reductions last`: how one limit's adjustments combine (key `limit max_ltv`)."""
        name, (value, value_span) = children
        return s.HeaderLine(f"limit {name}", value, self.span(meta, children), self.tok(name), value_span)

    def header_value(self, meta: Meta, children: list[Token]) -> tuple[str | dt.date, Span]:
        first, last = self.tok(children[0]), self.tok(children[-1])
        span = Span(self.path, first.line, first.column, last.end_line, last.end_column)
        if len(children) == 1:
            tok = children[0]
            if tok.type == "STRING":
                return unquote(tok), span
            if tok.type == "DATE":  # checked by `lower`, which knows which header key it is
                try:
                    return dt.date.fromisoformat(str(tok)), span
                except ValueError:
                    return str(tok), span
        return " ".join(unquote(t) if t.type == "STRING" else str(t) for t in children), span

    def words(self, meta: Meta, children: list[Any]) -> tuple[tuple[tuple[str, ...], ...], Span]:
        return tuple(children), self.span(meta, children)

    def word_group(self, meta: Meta, children: list[Any]) -> tuple[str, ...]:
        return tuple(str(c) for c in children)

    def section(self, meta: Meta, children: list[Any]) -> s.Section:
        return s.Section(unquote(children[0]), self.span(meta, children))

    # ---------------------------------------------------------------- vocabulary
    def field_decl(self, meta: Meta, children: list[Any]) -> s.FieldDecl:
        name = children[0]
        rest = children[1:]
        title = None
        if rest and isinstance(rest[0], Token) and rest[0].type == "STRING":
            title = unquote(rest[0])
            rest = rest[1:]
        props: dict[str, Any] = {}
        duplicates: list[Span] = []
        for kind, value, sp in rest:
            if kind in props:
                duplicates.append(sp)
            props[kind] = value
        return s.FieldDecl(
            name=str(name),
            title=title,
            type=props.get("type"),
            unit=props.get("unit"),
            range=props.get("range"),
            places=props.get("precision"),
            description=props.get("description"),
            span=self.tok(name),
            duplicate_props=tuple(duplicates),
            better=props.get("better"),
            allows=props.get("allows"),
        )

    def prop_type(self, meta: Meta, children: list[Any]) -> tuple[str, Any, Span]:
        return ("type", children[0], self.span(meta, children))

    def prop_unit(self, meta: Meta, children: list[Any]) -> tuple[str, Any, Span]:
        return ("unit", children[0], self.span(meta, children))

    def prop_range(self, meta: Meta, children: list[Any]) -> tuple[str, Any, Span]:
        return ("range", children[0], self.span(meta, children))

    def prop_precision(self, meta: Meta, children: list[Any]) -> tuple[str, Any, Span]:
        return ("precision", children[0], self.span(meta, children))

    def prop_description(self, meta: Meta, children: list[Any]) -> tuple[str, Any, Span]:
        return ("description", unquote(children[0]), self.span(meta, children))

    def prop_better(self, meta: Meta, children: list[Any]) -> tuple[str, Any, Span]:
        return ("better", s.Name(str(children[0]), self.tok(children[0])), self.span(meta, children))

    def prop_allows(self, meta: Meta, children: list[Any]) -> tuple[str, Any, Span]:
        word = children[-1]
        return ("allows", s.Name(str(word), self.tok(word)), self.span(meta, children))

    def better(self, meta: Meta, children: list[Any]) -> s.Name:
        return s.Name(str(children[0]), self.tok(children[0]))

    def _type(self, kind: str, meta: Meta, children: list[Any]) -> s.TypeSpec:
        return s.TypeSpec(kind, self.span(meta, children))

    def t_integer(self, meta: Meta, children: list[Any]) -> s.TypeSpec:
        return self._type("integer", meta, children)

    def t_money(self, meta: Meta, children: list[Any]) -> s.TypeSpec:
        return self._type("money", meta, children)

    def t_percent(self, meta: Meta, children: list[Any]) -> s.TypeSpec:
        return self._type("percent", meta, children)

    def t_ratio(self, meta: Meta, children: list[Any]) -> s.TypeSpec:
        return self._type("ratio", meta, children)

    def t_months(self, meta: Meta, children: list[Any]) -> s.TypeSpec:
        return self._type("months", meta, children)

    def t_days(self, meta: Meta, children: list[Any]) -> s.TypeSpec:
        return self._type("days", meta, children)

    def t_count(self, meta: Meta, children: list[Any]) -> s.TypeSpec:
        return self._type("count", meta, children)

    def t_quantity(self, meta: Meta, children: list[Any]) -> s.TypeSpec:
        return self._type("quantity", meta, children)

    def t_date(self, meta: Meta, children: list[Any]) -> s.TypeSpec:
        return self._type("date", meta, children)

    def t_yesno(self, meta: Meta, children: list[Any]) -> s.TypeSpec:
        return self._type("yesno", meta, children)

    def t_text(self, meta: Meta, children: list[Any]) -> s.TypeSpec:
        return self._type("text", meta, children)

    def t_enum(self, meta: Meta, children: list[Any]) -> s.TypeSpec:
        return s.TypeSpec("enum", self.span(meta, children), values=tuple(children))

    def t_list(self, meta: Meta, children: list[Any]) -> s.TypeSpec:
        return s.TypeSpec("list", self.span(meta, children), record=s.Name(str(children[0]), self.tok(children[0])))

    def enum_value(self, meta: Meta, children: list[Any]) -> s.EnumValue:
        title = unquote(children[1]) if len(children) > 1 and children[1] is not None else None
        return s.EnumValue(str(children[0]), title, self.tok(children[0]))

    def unit(self, meta: Meta, children: list[Any]) -> s.Unit:
        per = str(children[1]) if len(children) > 1 and children[1] is not None else None
        return s.Unit(str(children[0]), per, self.span(meta, children))

    def per_unit(self, meta: Meta, children: list[Any]) -> str:
        return str(children[0])

    def unit_name(self, meta: Meta, children: list[Any]) -> str:
        return str(children[0])

    def places(self, meta: Meta, children: list[Any]) -> int:
        text = str(children[0]).replace(",", "")
        return int(text) if text.isdigit() else -1

    def whole(self, meta: Meta, children: list[Any]) -> int:
        return 0

    def record_decl(self, meta: Meta, children: list[Any]) -> s.RecordDecl:
        name = children[0]
        rest = children[1:]
        title = None
        if rest and isinstance(rest[0], Token):
            title = unquote(rest[0])
            rest = rest[1:]
        return s.RecordDecl(str(name), title, tuple(rest), self.tok(name))

    def limit_decl(self, meta: Meta, children: list[Any]) -> s.LimitDecl:
        name = children[0]
        title = unquote(children[1]) if len(children) == 3 else None
        on = children[-1]
        return s.LimitDecl(str(name), title, s.Name(str(on), self.tok(on)), self.tok(name))

    def list_decl(self, meta: Meta, children: list[Any]) -> s.ListDecl:
        name, rest = children[0], list(children[1:])
        title = unquote(rest.pop(0)) if rest and rest[0].type == "STRING" else None
        source, members = rest[0], rest[1:]
        return s.ListDecl(str(name), title, s.Name(str(source), self.tok(source)),
                          tuple(s.Name(str(m), self.tok(m)) for m in members), self.span(meta, children), self.tok(name))

    # ---------------------------------------------------------------- values
    def _value_head(self, children: list[Any]) -> tuple[bool, Token, str | None, list[Any]]:
        rest = list(children)
        override = False
        if rest and isinstance(rest[0], Token) and rest[0].type == "OVERRIDE":
            override = True
            rest = rest[1:]
        name = rest[0]
        rest = rest[1:]
        title = None
        if rest and isinstance(rest[0], Token) and rest[0].type == "STRING":
            title = unquote(rest[0])
            rest = rest[1:]
        return override, name, title, rest

    def value_decl(self, meta: Meta, children: list[Any]) -> s.ValueDecl:
        override, name, title, rest = self._value_head(children)
        expr = rest[0]
        rounding = next((c for c in rest[1:] if isinstance(c, s.Rounding)), None)
        cites = tuple(c for c in rest if isinstance(c, s.Cite))
        notes = tuple(c.text for c in rest if isinstance(c, s.Note))
        better = next((c for c in rest[1:] if isinstance(c, s.Name)), None)
        domains = [c for c in rest[1:] if isinstance(c, _Domain)]
        return s.ValueDecl(
            str(name), title, override, expr, rounding, None, None, cites, notes, self.span(meta, children), self.tok(name),
            better, domain=domains[0].band if domains else None,
        )

    def domain(self, meta: Meta, children: list[Any]) -> _Domain:
        return _Domain(children[0])

    def lookup_decl(self, meta: Meta, children: list[Any]) -> s.ValueDecl:
        override, name, title, rest = self._value_head(children)
        table = rest[-1]
        keys, clauses = self._keys_then_clauses(name, rest[:-1])
        cites = tuple(c for c in clauses if isinstance(c, s.Cite))
        notes = tuple(c.text for c in clauses if isinstance(c, s.Note))
        better = next((c for c in clauses if isinstance(c, s.Name)), None)
        domains = [c for c in clauses if isinstance(c, _Domain)]
        return s.ValueDecl(
            str(name), title, override, None, None, keys[0], table, cites, notes, self.span(meta, children), self.tok(name),
            better, keys, domain=domains[0].band if domains else None,
        )

    def _keys_then_clauses(self, name: Token, rest: list[Any]) -> tuple[tuple[Any, ...], list[Any]]:
        """A lookup's keys (on the line of its name) and the clauses after them (`better:` is a Name too)."""
        line = self.tok(name).line
        n = 0
        while n < len(rest) and not isinstance(rest[n], (s.Cite, s.Note, _Domain)) and rest[n].span.line == line:
            n += 1
        n = max(n, 1)
        return tuple(rest[:n]), rest[n:]

    def category_decl(self, meta: Meta, children: list[Any]) -> s.ValueDecl:
        override, name, title, rest = self._value_head(children)
        choices = tuple(c for c in rest if isinstance(c, s.EnumValue))
        lines = tuple(c for c in rest if isinstance(c, s.CategoryLine))
        clauses = [c for c in rest if isinstance(c, (s.Cite, s.Note, s.Name))]
        other = rest[-1]
        cites = tuple(c for c in clauses if isinstance(c, s.Cite))
        notes = tuple(c.text for c in clauses if isinstance(c, s.Note))
        better = next((c for c in clauses if isinstance(c, s.Name)), None)
        return s.ValueDecl(
            str(name), title, override, None, None, None, None, cites, notes, self.span(meta, children), self.tok(name),
            better, (), choices, lines, s.Name(str(other), self.tok(other)),
        )

    def category_lookup(self, meta: Meta, children: list[Any]) -> s.ValueDecl:
        override, name, title, rest = self._value_head(children)
        choices = tuple(c for c in rest if isinstance(c, s.EnumValue))
        rest = [c for c in rest if not isinstance(c, s.EnumValue)]
        table = rest[-1]
        keys, clauses = self._keys_then_clauses(name, rest[:-1])
        cites = tuple(c for c in clauses if isinstance(c, s.Cite))
        notes = tuple(c.text for c in clauses if isinstance(c, s.Note))
        better = next((c for c in clauses if isinstance(c, s.Name)), None)
        return s.ValueDecl(
            str(name), title, override, None, None, keys[0], table, cites, notes, self.span(meta, children), self.tok(name),
            better, keys, choices,
        )

    def category_line(self, meta: Meta, children: list[Any]) -> s.CategoryLine:
        return s.CategoryLine(s.Name(str(children[0]), self.tok(children[0])), children[1], self.span(meta, children))

    def rounding(self, meta: Meta, children: list[Any]) -> s.Rounding:
        mode_tok, places_tok = children
        words = " ".join(str(mode_tok).split())
        places_text = str(places_tok).replace(",", "")
        places = int(places_text) if places_text.isdigit() else -1
        return s.Rounding(_ROUNDING.get(words, "half_up"), places, self.span(meta, children))

    # ---------------------------------------------------------------- rules
    def _item_head(self, children: list[Any]) -> tuple[bool, Token, str | None, list[Any]]:
        return self._value_head(children)

    def rule(self, meta: Meta, children: list[Any]) -> s.RuleDecl:
        override, name, title, rest = self._item_head(children)
        return s.RuleDecl(str(name), title, override, tuple(rest), self.span(meta, children), self.tok(name))

    def matrix(self, meta: Meta, children: list[Any]) -> s.MatrixDecl:
        override, name, title, rest = self._item_head(children)
        table = rest[-1]
        return s.MatrixDecl(
            str(name), title, override, tuple(rest[:-1]), table, self.span(meta, children), self.tok(name)
        )

    def drop(self, meta: Meta, children: list[Any]) -> s.Drop:
        kind, name, reason = children
        return s.Drop(str(kind), str(name), unquote(reason), self.span(meta, children))

    def note_item(self, meta: Meta, children: list[Any]) -> s.NoteDecl:
        rest = [c for c in children if not (isinstance(c, Token) and c.type == "NOTE_ITEM")]
        override, name, title, clauses = self._item_head(rest)
        return s.NoteDecl(str(name), title, override, tuple(c for c in clauses if isinstance(c, s.Cite)),
                          tuple(c for c in clauses if isinstance(c, s.NoteProp)), self.span(meta, children), self.tok(name))

    def note_prop(self, meta: Meta, children: list[Any]) -> s.NoteProp:
        key, value = children
        quoted = value.type == "STRING"
        return s.NoteProp(str(key), unquote(value) if quoted else str(value), quoted, self.span(meta, children),
                          self.tok(key), self.tok(value))

    def note_key(self, meta: Meta, children: list[Any]) -> Token:
        return children[0]  # type: ignore[no-any-return]

    def drop_kind(self, meta: Meta, children: list[Any]) -> str:
        return str(children[0])

    def cite(self, meta: Meta, children: list[Any]) -> s.Cite:
        return s.Cite(unquote(children[0]), self.span(meta, children))

    def note(self, meta: Meta, children: list[Any]) -> s.Note:
        return s.Note(unquote(children[0]), self.span(meta, children))

    def when(self, meta: Meta, children: list[Any]) -> s.When:
        return s.When(children[0], self.span(meta, children))

    def require(self, meta: Meta, children: list[Any]) -> s.Require:
        return s.Require(children[0], tuple(children[1:]), self.span(meta, children))

    def allow(self, meta: Meta, children: list[Any]) -> s.Allow:
        return s.Allow(children[0], children[1], self.span(meta, children))

    def seasoning(self, meta: Meta, children: list[Any]) -> s.Seasoning:
        name, table = children
        return s.Seasoning(s.Name(str(name), self.tok(name)), table, self.span(meta, children))

    def reduce(self, meta: Meta, children: list[Any]) -> s.Adjust:
        names, amount = children
        lit = amount if isinstance(amount, s.Name) else self._literal("percent", amount)
        return s.Adjust("reduce", names, lit, self.span(meta, children))

    def cap(self, meta: Meta, children: list[Any]) -> s.Adjust:
        names, amount = children
        return s.Adjust("cap", names, amount, self.span(meta, children))

    def condition(self, meta: Meta, children: list[Any]) -> s.ConditionClause:
        kind, text = children
        return s.ConditionClause(kind, unquote(text), self.span(meta, children))

    def condition_kind(self, meta: Meta, children: list[Any]) -> str:
        return str(children[0])

    def review(self, meta: Meta, children: list[Any]) -> s.Review:
        return s.Review(unquote(children[0]), self.span(meta, children))

    def accept(self, meta: Meta, children: list[Any]) -> s.Accept:
        reason = unquote(children[1]) if len(children) > 1 and children[1] is not None else None
        return s.Accept(children[0], reason, self.span(meta, children))

    def gives(self, meta: Meta, children: list[Any]) -> s.Gives:
        return s.Gives(children[0], self.span(meta, children))

    def rows(self, meta: Meta, children: list[Any]) -> s.Dimension:
        return s.Dimension("rows", children[0], self.span(meta, children), tuple(children))

    def columns(self, meta: Meta, children: list[Any]) -> s.Dimension:
        return s.Dimension("columns", children[0], self.span(meta, children), tuple(children))

    def amount_ref(self, meta: Meta, children: list[Any]) -> s.Name:
        return s.Name(str(children[0]), self.tok(children[0]))

    def name_list(self, meta: Meta, children: list[Any]) -> tuple[s.Name, ...]:
        return tuple(s.Name(str(c), self.tok(c)) for c in children)

    # ---------------------------------------------------------------- tables
    def table(self, meta: Meta, children: list[Any]) -> s.Table:
        return s.Table(tuple(children), self.span(meta, children))

    def table_row(self, meta: Meta, children: list[Any]) -> s.Row:
        cells: list[s.Cell] = []
        last_pipe: Token | None = None
        for child in children:
            if isinstance(child, Token) and child.type == "PIPE":
                last_pipe = child
                continue
            if isinstance(child, s.Cell):
                if child.kind == "empty" and last_pipe is not None:
                    sp = self.tok(last_pipe)
                    child = s.Cell("empty", Span(self.path, sp.line, sp.end_column, sp.line, sp.end_column + 1))
                cells.append(child)
            elif isinstance(child, s.Band):
                cells.append(s.Cell("band", child.span, band=child))
            elif isinstance(child, s.Literal):
                cells.append(s.Cell("value", child.span, value=child))
            elif isinstance(child, tuple) and len(child) == 2 and isinstance(child[1], Span):
                cells.append(s.Cell("words", child[1], words=child[0]))
        return s.Row(tuple(cells), self.span(meta, children))

    def label(self, meta: Meta, children: list[Any]) -> s.Cell:
        sp = self.tok(children[0])
        return s.Cell("words", sp, words=((unquote(children[0]),),), quoted=True)

    def empty_cell(self, meta: Meta, children: list[Any]) -> s.Cell:
        return s.Cell("empty", self.span(meta, children))

    def not_available(self, meta: Meta, children: list[Any]) -> s.Cell:
        return s.Cell("na", self.span(meta, children))

    def no_limit(self, meta: Meta, children: list[Any]) -> s.Cell:
        return s.Cell("no_limit", self.span(meta, children))

    def no_word(self, meta: Meta, children: list[Any]) -> s.Cell:
        """`no score`: the line of a score key for a loan without one (the word is checked when lowered)."""
        return s.Cell("no_word", self.span(meta, children), words=((str(children[1]),),))

    def slashed(self, meta: Meta, children: list[Any]) -> s.Cell:
        """`85% / 80%` (kind pair: two limits) or `a / b`, a heading or key cell of several keys (kind tuple)."""
        parts = tuple(self._cell_of(c) for c in children)
        span = self.span(meta, children)
        if len(parts) == 2 and all(p.kind == "value" and p.value is not None and p.value.kind == "percent" for p in parts):
            a, b = (p.value for p in parts)
            assert a is not None and b is not None
            return s.Cell("pair", span, pair=(a, b), parts=parts)
        return s.Cell("tuple", span, parts=parts)

    def _cell_of(self, child: Any) -> s.Cell:
        if isinstance(child, s.Cell):
            return child
        if isinstance(child, s.Band):
            return s.Cell("band", child.span, band=child)
        if isinstance(child, s.Literal):
            return s.Cell("value", child.span, value=child)
        words, span = child
        return s.Cell("words", span, words=words)
