"""Values, bands and lookup tables: derived values with their rounding, band edges, one-dimensional lookups.

Used by `lower` (per program) and `lower_rules` (matrix axes). Consumes surface declarations, produces IR
values and bands; a value is lowered on first use, so values can be declared in any order.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from compiler import ir, ir_types
from compiler.diagnostics import Diagnostics
from compiler.lower.analysis_hints import lower_better
from compiler.lower.axes import lower_keys, make_axis, no_score_flags
from compiler.lower.expr import ExprLowerer, Scope, finish_tree
from compiler.lower.expr_types import BARE, _dims, _type_of_dims, finished
from compiler.lower.literals import _axis_label, _decimals, describe_literal_kind, literal_decimal, literal_fits, lower_band
from compiler.source import Span
from compiler.syntax import surface as s

DEFAULT_PLACES = {"integer": 0, "months": 0, "days": 0, "money": 2, "percent": 2, "ratio": 3, "quantity": 2}

# ------------------------------------------------------------------ values


@dataclass
class ValueTable:
    """The derived values visible in one program, lowered on first use (dependency order, cycles reported)."""

    decls: dict[str, tuple[s.ValueDecl, str, str]]  # name -> (decl, origin, section)
    diags: Diagnostics
    make_scope: Callable[[ValueTable], Scope]
    fields: dict[str, ir.Field]
    done: dict[str, ir.Value | None] = field(default_factory=dict)
    order: list[str] = field(default_factory=list)
    active: list[str] = field(default_factory=list)

    def names(self) -> list[str]:
        return list(self.decls)

    def type_of(self, name: str, span: Span) -> ir_types.Type | None:
        v = self.get(name, span)
        return v.type if v else None

    def get(self, name: str, span: Span | None = None) -> ir.Value | None:
        if name in self.done:
            return self.done[name]
        if name in self.active:
            cycle = " -> ".join([*self.active[self.active.index(name):], name])
            decl = self.decls[name][0]
            self.diags.error("E322", f"Values depend on each other in a circle: {cycle}.", span or decl.name_span,
                             "Define one of them without the other.")
            return None
        self.active.append(name)
        decl, origin, section = self.decls[name]
        value = lower_value(decl, origin, section, self.make_scope(self), self, self.diags)
        self.active.pop()
        self.done[name] = value
        if value is not None:
            self.order.append(name)
        return value

    def all(self) -> tuple[ir.Value, ...]:
        for name in self.decls:
            self.get(name)
        return tuple(v for n in self.order if (v := self.done.get(n)) is not None)

    def places(self, name: str) -> int | None:
        v = self.done.get(name)
        return v.places if v else None


def infer_places(x: ir.Expr, fields: dict[str, ir.Field], values: ValueTable) -> int | None:
    """How many decimals a value can have (None: unbounded), for band gap checks."""
    if isinstance(x, ir.FieldRef):
        f = fields.get(x.name)
        return f.places if f else None
    if isinstance(x, ir.ValueRef):
        return values.places(x.name)
    if isinstance(x, ir.Const):
        return _decimals(x.text) if isinstance(x.value, Decimal) else 0
    if isinstance(x, (ir.DivRound, ir.Round)):
        return x.rounding.places
    if isinstance(x, (ir.MonthsSince, ir.MonthsSinceLatest, ir.CountLates)):
        return 0
    if isinstance(x, ir.Scale):
        inner = infer_places(x.operand, fields, values)
        return None if inner is None else max(inner - x.power, 0)
    if isinstance(x, ir.Neg):
        return infer_places(x.operand, fields, values)
    if isinstance(x, ir.Arith):
        a, b = infer_places(x.left, fields, values), infer_places(x.right, fields, values)
        if a is None or b is None:
            return None
        return a + b if x.op == "*" else max(a, b)
    if isinstance(x, ir.Lookup):
        return None
    parts: list[ir.Expr] = []
    if isinstance(x, ir.Extremum):
        parts = list(x.args)
    elif isinstance(x, ir.IfThenElse):
        parts = [x.then, x.otherwise]
    elif isinstance(x, ir.Default):
        parts = [x.operand, x.fallback]
    got = [infer_places(p, fields, values) for p in parts]
    if not got or any(g is None for g in got):
        return None
    return max(g for g in got if g is not None)


def lower_value(decl: s.ValueDecl, origin: str, section: str, scope: Scope, table: ValueTable,
                diags: Diagnostics) -> ir.Value | None:
    lowerer = ExprLowerer(scope, diags)
    cite = decl.cites[0].text if decl.cites else None
    if not decl.cites and origin != "vocabulary":
        diags.warning("W101", f"Value `{decl.name}` has no citation.", decl.name_span,
                      "Add `cite \"<section, page>\"` on the line after the value.")
    if len(decl.cites) > 1:
        diags.error("E230", "A value has one `cite` line.", decl.cites[1].span, "Merge the citations into one line.")
    title = decl.title or decl.name
    category = _category_type(decl, diags) if decl.choices else None
    if decl.choices and category is None:
        return None
    if category is not None and decl.table is None:
        chosen = lower_category(decl, category, lowerer, diags)
        if chosen is None:
            return None
        return ir.Value(decl.name, title, chosen, category, None, None, cite, decl.notes, origin, section,
                        _depends_on(chosen), decl.span)
    if decl.table is not None and decl.key is not None:
        lookup = lower_lookup(decl, lowerer, table, diags, category)
        if lookup is None:
            return None
        return ir.Value(decl.name, title, lookup, lookup.type, None, infer_places_lookup(lookup), cite, decl.notes,
                        origin, section, _depends_on(lookup), decl.span,
                        lower_better(decl.better, title, diags), _domain(decl, lookup.type, diags))
    assert decl.expr is not None
    rounding = None
    if decl.rounding is not None:
        if decl.rounding.places < 0 or decl.rounding.places > 10:
            diags.error("E321", "Round to between 0 and 10 decimals.", decl.rounding.span, "Write e.g. `to 2 decimals`.")
            return None
        rounding = ir_types.Rounding(decl.rounding.mode, decl.rounding.places)  # type: ignore[arg-type]
    body = _value_body(decl.expr, rounding, lowerer, diags, top=True)
    if body is None:
        return None
    body = finish_tree(body)
    if rounding is not None and not body.type.numeric:
        diags.error("E323", f"Only numbers are rounded; `{decl.name}` is {body.type.describe()}.", decl.rounding.span if decl.rounding else decl.span,
                    "Remove the rounding.")
        return None
    places = rounding.places if rounding else infer_places(body, table.fields, table)
    better = lower_better(decl.better, title, diags)
    if better and not body.type.numeric:
        diags.error("E227", f"`better:` applies to numbers; `{decl.name}` is {body.type.describe()}.",
                    decl.better.span if decl.better else decl.span, "Remove the `better:` line.")
        better = ""
    return ir.Value(decl.name, title, body, body.type, rounding, places, cite, decl.notes, origin, section,
                    _depends_on(body), decl.span, better, _domain(decl, body.type, diags))


def _domain(decl: s.ValueDecl, t: ir_types.Type, diags: Diagnostics) -> ir.Band | None:
    """`domain: <band>`: a band of the value's own type (E325); only numbers have one (E326)."""
    if decl.domain is None:
        return None
    if not t.numeric:
        diags.error("E326", f"Only a number has a domain; `{decl.name}` is {t.describe()}.", decl.domain.span,
                    "Remove the `domain:` line; a yes/no or choice value is always one of its values.")
        return None
    for lit in (decl.domain.low, decl.domain.high):
        if lit is not None and not literal_fits(lit, t):
            diags.error("E325", f"A domain is a band of the value's own type: `{decl.name}` is {t.a()}, so "
                                f"`{lit.text}` does not fit.", lit.span,
                        f"Write the domain's edges as {describe_literal_kind(t)}, e.g. `domain: > "
                        f"{_example_edge(t)}`.")
            return None
    return lower_band(decl.domain, t, f"`{decl.name}`", diags)


def _example_edge(t: ir_types.Type) -> str:
    return {"money": "$0", "percent": "0%", "months": "0 months"}.get(t.kind, "0")


def _category_type(decl: s.ValueDecl, diags: Diagnostics) -> ir_types.Type | None:
    """The type of a derived category: a choice of its own values (`enum` is the value's name)."""
    seen: set[str] = set()
    for c in decl.choices:
        if c.name in seen:
            diags.error("E328", f"`{c.name}` is listed twice among the choices of `{decl.name}`.", c.span,
                        "List each choice once.")
            return None
        seen.add(c.name)
    return ir_types.Type("enum", enum=decl.name, values=tuple(c.name for c in decl.choices),
                         labels=tuple(c.title or c.name for c in decl.choices))


def lower_category(decl: s.ValueDecl, t: ir_types.Type, lowerer: ExprLowerer, diags: Diagnostics) -> ir.Category | None:
    """`a_plus when …` lines, first true line wins, `otherwise <choice>`."""
    ok = True
    choices: list[str] = []
    conds: list[ir.Expr] = []
    for n in (*(line.choice for line in decl.lines), decl.otherwise):
        if n is not None and n.name not in t.values:
            diags.error("E328", f"`{n.name}` is not one of the choices of `{decl.name}` ({', '.join(t.values)}).",
                        n.span, "Use one of the choices listed after `is one of`, or add it there.")
            ok = False
    for line in decl.lines:
        cond = lowerer.condition(line.cond)
        if cond is None:
            ok = False
            continue
        choices.append(line.choice.name)
        conds.append(cond)
    if not ok or decl.otherwise is None:
        return None
    return ir.Category(tuple(choices), tuple(conds), decl.otherwise.name, t, decl.span)


def _depends_on(body: ir.Expr | ir.Lookup) -> tuple[str, ...]:
    """The values a value's body uses, sorted."""
    return tuple(sorted({r.name for r in ir.find_all(body, ir.ValueRef)}))


def infer_places_lookup(lookup: ir.Lookup) -> int | None:
    got = [_decimals(f"{r}") for r in lookup.results if r is not None]
    return max(got) if got else 0


def _contains_division(e: s.Expr) -> bool:
    if isinstance(e, s.Binary):
        return e.op == "/" or _contains_division(e.left) or _contains_division(e.right)
    for attr in ("operand", "fallback", "cond", "then", "otherwise", "left", "right"):
        sub = getattr(e, attr, None)
        if sub is not None and not isinstance(sub, (str, bool)) and _contains_division(sub):
            return True
    return any(_contains_division(a) for a in getattr(e, "args", ()))


def _value_body(e: s.Expr, rounding: ir_types.Rounding | None, lowerer: ExprLowerer, diags: Diagnostics,
                top: bool = False) -> ir.Expr | None:
    """A value's expression with its rounding pushed to where it applies: each division, or each branch."""
    as_percent = isinstance(e, s.AsPercent) and isinstance(e.operand, s.Binary) and e.operand.op == "/"
    if (isinstance(e, s.Binary) and e.op == "/") or as_percent:
        div = e.operand if isinstance(e, s.AsPercent) else e
        assert isinstance(div, s.Binary)
        if rounding is None:
            diags.error("E320", "A value that divides must say how it is rounded.", div.span,
                        "Add the rounding after the expression, e.g. `, rounded up to 2 decimals`.")
            return None
        num, den = lowerer.expr(div.left), lowerer.expr(div.right)
        if num is None or den is None:
            return None
        for side, src in ((num, div.left), (den, div.right)):
            if not side.type.numeric:
                diags.error("E308", f"`/` needs numbers, but this is {side.type.describe()}.", src.span,
                            "Divide amounts, percents, ratios or months.")
                return None
        num, den = lowerer.adapt_pair(num, den)
        num, den = lowerer._as_ratio(num), lowerer._as_ratio(den)
        nd, dd = _dims(finished(num.type)), _dims(finished(den.type))
        result = _type_of_dims({k: nd.get(k, 0) - dd.get(k, 0) for k in {*nd, *dd}}) if nd is not None and dd is not None else None
        if den.type in (BARE,):
            result = finished(num.type)
        if result is None:
            diags.error("E309", f"Dividing {finished(num.type).describe()} by {finished(den.type).describe()} gives no unit the language knows.",
                        div.span, "Divide money by money (a ratio), money by months (per month) or money by a monthly amount (months).")
            return None
        if as_percent:
            if result.kind != "ratio":
                diags.error("E310", f"Only a ratio can be shown `as percent`; this is {result.describe()}.", e.span,
                            "Use `as percent` on a division of two amounts of the same unit.")
                return None
            return ir.DivRound(ir.Scale(num, 2, num.type, div.span), den, rounding, ir_types.PERCENT, e.span)
        return ir.DivRound(num, den, rounding, result, e.span)
    if isinstance(e, s.IfThenElse):
        cond = lowerer.condition(e.cond)
        a = _value_body(e.then, rounding, lowerer, diags)
        b = _value_body(e.otherwise, rounding, lowerer, diags)
        if cond is None or a is None or b is None:
            return None
        a, b = lowerer.adapt_pair(a, b)
        if not lowerer.same_type(a.type, b.type):
            diags.error("E301", f"The two branches of `if` differ: {finished(a.type).describe()} and {finished(b.type).describe()}.",
                        e.otherwise.span, "Both branches must give the same type and unit.")
            return None
        return ir.IfThenElse(cond, a, b, finished(a.type), e.span)
    if isinstance(e, s.Extremum) and _contains_division(e):
        args = [_value_body(a, rounding, lowerer, diags) for a in e.args]
        if any(a is None for a in args):
            return None
        typed = [a for a in args if a is not None]
        if any(not lowerer.same_type(a.type, typed[0].type) for a in typed):
            diags.error("E301", f"`{e.kind} of` compares values of one type.", e.span, "Give values of the same type and unit.")
            return None
        return ir.Extremum(e.kind, tuple(typed), finished(typed[0].type), e.span)
    x = lowerer.expr(e)
    if x is None:
        return None
    if rounding is not None and x.type.numeric:
        return ir.Round(x, rounding, finished(x.type), e.span)
    return x


def lower_lookup(decl: s.ValueDecl, lowerer: ExprLowerer, table: ValueTable, diags: Diagnostics,
                 category: ir_types.Type | None = None) -> ir.Lookup | None:
    """A lookup: one leading cell per key, then the value (a number, amount, percent, months, a choice of
    `category` for a category lookup, or N/A)."""
    assert decl.key is not None and decl.table is not None
    key_exprs = decl.keys or (decl.key,)
    keys = lower_keys(key_exprs, lowerer, "lookup key", diags)
    if keys is None:
        return None
    n = len(keys)
    rows = decl.table.rows
    if len(rows) < 2:
        diags.error("E407", "A lookup table needs a header line and at least one band line.", decl.table.span,
                    "Add lines like `| <= $1,000,000 | 6 months |`.")
        return None
    key_cells: list[list[s.Cell]] = []
    results: list[Decimal | str | None] = []
    result_type: ir_types.Type | None = category
    ok = True
    for row in rows[1:]:
        if len(row.cells) != n + 1:
            what = "(band, value)" if n == 1 else f"({n} keys, value)"
            diags.error("E404", f"A lookup line has {n + 1} cells {what}, this one has {len(row.cells)}.", row.span,
                        "Write `| band | value |`." if n == 1 else "Write one cell per key, then the value.")
            ok = False
            continue
        key_cells.append(list(row.cells[:n]))
        value_cell = row.cells[n]
        if value_cell.kind == "na":
            results.append(None)
            continue
        if category is not None:
            choice = _category_cell(value_cell, category, decl.name, diags)
            if choice is None:
                ok = False
            results.append(choice)
            continue
        if value_cell.kind != "value" or value_cell.value is None or not isinstance(value_cell.value.value, Decimal):
            diags.error("E405", "A lookup value must be a number, an amount, a percent, months or N/A.", value_cell.span,
                        "Write e.g. `6 months`, `$2,500`, `80%` or `N/A`.")
            ok = False
            continue
        t = lowerer.lower_Literal(value_cell.value)
        assert t is not None
        vt = finished(t.type)
        if result_type is None:
            result_type = vt
        elif not lowerer.same_type(vt, result_type):
            diags.error("E301", f"Every value of a lookup has one type: this is {vt.describe()}, the first is {result_type.describe()}.",
                        value_cell.span, "Write all values in the same unit.")
            ok = False
            continue
        results.append(literal_decimal(value_cell.value))
    label = ", ".join(_axis_label(e) for e in key_exprs)
    axis = make_axis(keys, key_exprs, key_cells, label, decl.key.span, lambda x: infer_places(x, table.fields, table), diags,
                     no_score_flags(keys, lowerer))
    if not ok or result_type is None or axis is None:
        return None
    return ir.Lookup(axis, tuple(results), result_type, decl.span)


def _category_cell(cell: s.Cell, t: ir_types.Type, name: str, diags: Diagnostics) -> str | None:
    word = " ".join(cell.words[0]) if cell.kind == "words" and len(cell.words) == 1 else cell.text
    for value, label in zip(t.values, t.labels, strict=True):
        if word in (value, label):
            return value
    diags.error("E328", f"`{word}` is not one of the choices of `{name}` ({', '.join(t.values)}).", cell.span,
                "Write one of its choices, or N/A.")
    return None
