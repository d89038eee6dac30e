"""Lark parse tree to surface AST, the shared part: spans, literals, bands and expressions.

`ExpressionBuilder` gives every node its source span and turns literal text into exact values (`4 years` -> 48
months); the declarations of guideline files (`build_ast`) and portfolio files (`portfolio.load`) build on it.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any
from typing import Literal as Lit

from lark import Token, Transformer, v_args
from lark.tree import Meta

from compiler.diagnostics import Diagnostics
from compiler.source import Span
from compiler.syntax import surface as s
from compiler.syntax.literals import MAX_DECIMALS, MAX_INTEGER_DIGITS, TooManyDigits, parse_decimal

_COMP_WORDS = {"at most": "<=", "at least": ">=", "more than": ">", "less than": "<"}


@v_args(meta=True)
class ExpressionBuilder(Transformer[Token, Any]):
    """Spans, literals, bands and expressions; a subclass adds the rules of the declarations around them."""

    def __init__(self, path: str, diags: Diagnostics) -> None:
        super().__init__(visit_tokens=False)
        self.path = path
        self.diags = diags

    # ---------------------------------------------------------------- spans
    def span(self, meta: Meta, children: list[Any] | None = None) -> Span:
        if not getattr(meta, "empty", True):
            return Span(self.path, meta.line, meta.column, meta.end_line, meta.end_column)
        for child in children or []:
            sp = self._child_span(child)
            if sp is not None:
                return sp
        return Span(self.path, 1, 1, 1, 2)

    def tok(self, token: Token) -> Span:
        line = token.line or 1
        column = token.column or 1
        return Span(self.path, line, column, token.end_line or line, token.end_column or column + len(token))

    def _child_span(self, child: Any) -> Span | None:
        if isinstance(child, Token):
            return self.tok(child)
        sp = getattr(child, "span", None)
        return sp if isinstance(sp, Span) else None

    # ---------------------------------------------------------------- bands
    def _bound(self, value: Any) -> s.Literal:
        if isinstance(value, s.Literal):
            return value
        tok: Token = value
        kind: s.LiteralKind = "money" if tok.type == "MONEY" else ("percent" if tok.type == "PERCENT" else "number")
        return self._literal(kind, tok)

    def band_between(self, meta: Meta, children: list[Any]) -> s.Band:
        lo, hi = (self._bound(c) for c in children)
        return s.Band(lo, True, hi, True, self.span(meta, children))

    def band_at_least(self, meta: Meta, children: list[Any]) -> s.Band:
        return s.Band(self._bound(children[0]), True, None, False, self.span(meta, children))

    def band_above(self, meta: Meta, children: list[Any]) -> s.Band:
        return s.Band(self._bound(children[0]), False, None, False, self.span(meta, children))

    def band_at_most(self, meta: Meta, children: list[Any]) -> s.Band:
        return s.Band(None, False, self._bound(children[0]), True, self.span(meta, children))

    def band_below(self, meta: Meta, children: list[Any]) -> s.Band:
        return s.Band(None, False, self._bound(children[0]), False, self.span(meta, children))

    # ---------------------------------------------------------------- literals
    def _literal(self, kind: s.LiteralKind, tok: Token) -> s.Literal:
        sp = self.tok(tok)
        text = str(tok)
        try:
            return s.Literal(kind, parse_decimal(text), text, sp)
        except TooManyDigits:
            shown = text if len(text) <= 40 else f"{text[:20]}...{text[-8:]}"
            self.diags.error("E119", f"`{shown}` has {len(text):,} characters: longer than any number a guideline states.",
                             sp, f"Numbers have at most {MAX_INTEGER_DIGITS} digits before the decimal point and "
                             f"{MAX_DECIMALS} after it.")
            return s.Literal(kind, Decimal(0), text, sp)
        except (InvalidOperation, ValueError):
            self.diags.error("E119", f"`{text}` is not a number the language can read.", sp, "Write e.g. 660, $1,500,000 or 80%.")
            return s.Literal(kind, Decimal(0), text, sp)

    def _date(self, tok: Token) -> dt.date | None:
        try:
            return dt.date.fromisoformat(str(tok))
        except ValueError:
            self.diags.error(
                "E120", f"`{tok}` is not a real calendar date.", self.tok(tok), "Write dates as YYYY-MM-DD, e.g. 2026-01-01."
            )
            return None

    def number(self, meta: Meta, children: list[Any]) -> s.Literal:
        return self._literal("number", children[0])

    def money(self, meta: Meta, children: list[Any]) -> s.Literal:
        return self._literal("money", children[0])

    def percent(self, meta: Meta, children: list[Any]) -> s.Literal:
        return self._literal("percent", children[0])

    def duration(self, meta: Meta, children: list[Any]) -> s.Literal:
        """A length of time in its unit of count: years are months (x 12), weeks are days (x 7)."""
        num, unit = children
        lit = self._literal("months", num)
        value = lit.value
        assert isinstance(value, Decimal)
        if unit.startswith("year"):
            value = value * 12
        if unit.startswith("week"):
            value = value * 7
        kind: s.LiteralKind = "days" if unit.startswith(("day", "week")) else "months"
        return s.Literal(kind, value, f"{num} {unit}", self.span(meta, children))

    def duration_unit(self, meta: Meta, children: list[Any]) -> str:
        return str(children[0])

    def date(self, meta: Meta, children: list[Any]) -> s.Literal:
        tok = children[0]
        value = self._date(tok) or dt.date(1970, 1, 1)
        return s.Literal("date", value, str(tok), self.tok(tok))

    def history(self, meta: Meta, children: list[Any]) -> s.Literal:
        tok = children[0]
        count, days, months = (int(p) for p in str(tok).split("x"))
        return s.Literal("history", s.History(count, days, months), str(tok), self.tok(tok))

    def yes(self, meta: Meta, children: list[Any]) -> s.Literal:
        return s.Literal("yes", True, "yes", self.span(meta, children))

    def no(self, meta: Meta, children: list[Any]) -> s.Literal:
        return s.Literal("no", False, "no", self.span(meta, children))

    # ---------------------------------------------------------------- expressions
    def ref(self, meta: Meta, children: list[Any]) -> s.Name:
        return s.Name(str(children[0]), self.tok(children[0]))

    def _name_or_literal(self, item: Any) -> s.Name | s.Literal:
        if isinstance(item, Token):
            if item.type == "YES":
                return s.Literal("yes", True, "yes", self.tok(item))
            if item.type == "NO":
                return s.Literal("no", False, "no", self.tok(item))
            return s.Name(str(item), self.tok(item))
        assert isinstance(item, (s.Name, s.Literal))
        return item

    def _arith(self, op: str, meta: Meta, children: list[Any]) -> s.Binary:
        return s.Binary(op, children[0], children[1], self.span(meta, children))

    def add(self, meta: Meta, children: list[Any]) -> s.Binary:
        return self._arith("+", meta, children)

    def sub(self, meta: Meta, children: list[Any]) -> s.Binary:
        return self._arith("-", meta, children)

    def mul(self, meta: Meta, children: list[Any]) -> s.Binary:
        return self._arith("*", meta, children)

    def div(self, meta: Meta, children: list[Any]) -> s.Binary:
        return self._arith("/", meta, children)

    def neg(self, meta: Meta, children: list[Any]) -> s.Neg:
        return s.Neg(children[0], self.span(meta, children))

    def as_percent(self, meta: Meta, children: list[Any]) -> s.AsPercent:
        return s.AsPercent(children[0], self.span(meta, children))

    def default(self, meta: Meta, children: list[Any]) -> s.Default:
        return s.Default(children[0], children[1], self.span(meta, children))

    def compare(self, meta: Meta, children: list[Any]) -> s.Compare:
        left, op, right = children
        return s.Compare(op, left, right, self.span(meta, children))

    def comp_op(self, meta: Meta, children: list[Any]) -> str:
        words = " ".join(str(c) for c in children)
        return _COMP_WORDS.get(words, words)

    def is_known(self, meta: Meta, children: list[Any]) -> s.IsKnown:
        return s.IsKnown(children[0], False, self.span(meta, children))

    def is_unknown(self, meta: Meta, children: list[Any]) -> s.IsKnown:
        return s.IsKnown(children[0], True, self.span(meta, children))

    def is_value(self, meta: Meta, children: list[Any]) -> s.IsValue:
        return s.IsValue(children[0], self._name_or_literal(children[1]), False, self.span(meta, children))

    def is_not_value(self, meta: Meta, children: list[Any]) -> s.IsValue:
        return s.IsValue(children[0], self._name_or_literal(children[1]), True, self.span(meta, children))

    def value_list(self, meta: Meta, children: list[Any]) -> tuple[s.Name | s.Literal, ...]:
        return tuple(self._name_or_literal(c) for c in children)

    def in_list(self, meta: Meta, children: list[Any]) -> s.InList:
        return s.InList(children[0], children[1], False, self.span(meta, children))

    def not_in_list(self, meta: Meta, children: list[Any]) -> s.InList:
        return s.InList(children[0], children[1], True, self.span(meta, children))

    def is_no_score(self, meta: Meta, children: list[Any]) -> s.IsNoScore:
        word = children[-1]
        return s.IsNoScore(children[0], s.Name(str(word), self.tok(word)), False, self.span(meta, children))

    def is_not_no_score(self, meta: Meta, children: list[Any]) -> s.IsNoScore:
        word = children[-1]
        return s.IsNoScore(children[0], s.Name(str(word), self.tok(word)), True, self.span(meta, children))

    def in_named_list(self, meta: Meta, children: list[Any]) -> s.InNamedList:
        return s.InNamedList(children[0], s.Name(str(children[1]), self.tok(children[1])), False, self.span(meta, children))

    def not_in_named_list(self, meta: Meta, children: list[Any]) -> s.InNamedList:
        return s.InNamedList(children[0], s.Name(str(children[1]), self.tok(children[1])), True, self.span(meta, children))

    def and_(self, meta: Meta, children: list[Any]) -> s.BoolOp:
        return s.BoolOp("and", tuple(children), self.span(meta, children))

    def or_(self, meta: Meta, children: list[Any]) -> s.BoolOp:
        return s.BoolOp("or", tuple(children), self.span(meta, children))

    def not_(self, meta: Meta, children: list[Any]) -> s.Not:
        return s.Not(children[0], self.span(meta, children))

    def expr_list(self, meta: Meta, children: list[Any]) -> tuple[Any, ...]:
        return tuple(children)

    def lesser_of(self, meta: Meta, children: list[Any]) -> s.Extremum:
        return s.Extremum("lesser", children[0], self.span(meta, children))

    def greater_of(self, meta: Meta, children: list[Any]) -> s.Extremum:
        return s.Extremum("greater", children[0], self.span(meta, children))

    def months_since(self, meta: Meta, children: list[Any]) -> s.MonthsSince:
        return s.MonthsSince(s.Name(str(children[0]), self.tok(children[0])), self.span(meta, children))

    def months_since_latest(self, meta: Meta, children: list[Any],
                            unit: Lit["months", "days"] = "months") -> s.MonthsSinceLatest:
        name = children[0]
        kinds = children[1] if len(children) > 1 and children[1] is not None else ()
        return s.MonthsSinceLatest(s.Name(str(name), self.tok(name)), kinds, self.span(meta, children), unit)

    def days_since(self, meta: Meta, children: list[Any]) -> s.MonthsSince:
        return s.MonthsSince(s.Name(str(children[0]), self.tok(children[0])), self.span(meta, children), "days")

    def days_since_latest(self, meta: Meta, children: list[Any]) -> s.MonthsSinceLatest:
        return self.months_since_latest(meta, children, "days")

    def event_kinds(self, meta: Meta, children: list[Any]) -> tuple[s.Name, ...]:
        if len(children) == 1 and isinstance(children[0], Token):
            return (s.Name(str(children[0]), self.tok(children[0])),)
        result = children[0]
        assert isinstance(result, tuple)
        return result

    def if_then_else(self, meta: Meta, children: list[Any]) -> s.IfThenElse:
        return s.IfThenElse(children[0], children[1], children[2], self.span(meta, children))
