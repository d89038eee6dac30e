"""SQL back end, expressions: checked IR expressions compiled into sqlglot expression trees.

Numbers are exact scaled integers: a number with scale `s` is the SQL integer `value * 10**s`, and the scale is known
statically from the IR. Each number also carries the largest magnitude it can have (`Sql.bound`, from the fields'
declared ranges, which the tape enforces: a cell outside its field's range is unknown) and the width of its SQL type
(`Sql.width`): 64-bit BIGINT where the bound proves every step fits, 128-bit HUGEINT (DECIMAL(38, 0) on Spark) where
it does not or nothing bounds it. Both overflow with an error, never wrap. So `+ - *`,
comparisons and `Scale` are integer operations with no rounding at all, and the only rounding is the declared one
(`DivRound`, `Round`), done in integer arithmetic with the same modes as `compiler.runtime.div_round`:
up = toward +infinity, down = toward -infinity, half_up = halves away from zero, half_even = halves to even.
SQL NULL is "unknown": SQL's AND/OR/NOT are Kleene's; comparisons and arithmetic with NULL are NULL;
`lesser of` is guarded explicitly (LEAST skips NULLs in DuckDB and Spark); `is known` is IS NOT NULL.
"Never" (months since an event that did not happen) is the integer NEVER, larger than any real month count.
An IR node this visitor does not know raises `SqlError`, never silently produces SQL.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlglot import exp

from compiler import ir, ir_types
from compiler.backends.sql.numbers import (
    BIGINT,
    DATE_SPAN,
    NEVER,
    Sql,
    SqlError,
    align,
    aligned,
    any_null,
    bound_add,
    bound_max,
    bound_mul,
    case,
    const_num,
    div_round_sql,
    fitting,
    int_type,
    is_null,
    lit,
    months_between,
    narrow,
    not_null,
    num,
    paren,
    rescale,
    rescaled,
    round_to_sql,
    since,
    width_for,
)


def _any_flag(flags: tuple[str, ...], scope: Scope) -> exp.Expr:
    """Any of the yes/no fields is TRUE (NULL counts as not)."""
    tests = [exp.Coalesce(this=scope.field_column(n), expressions=[exp.Boolean(this=False)]) for n in flags]
    out: exp.Expr = tests[0]
    for more in tests[1:]:
        out = exp.Or(this=out, expression=more)
    return exp.Paren(this=out)


KINDS = {"integer": "num", "money": "num", "percent": "num", "ratio": "num", "months": "num", "days": "num",
         "quantity": "num", "date": "date",
         "yesno": "bool", "text": "text", "enum": "text", "list": "list", "history": "list"}


class Scope:
    """Where names come from: loan fields are tape columns (numbers DECIMAL with their declared decimals),
    derived values are columns of earlier layers (scaled integers). `field_bounds`: the largest magnitude of each
    numeric field the source guarantees (its declared range, which the tape enforces); a field without one is
    unbounded (128-bit arithmetic). `value_bounds`: each derived value's bound and width, as computed."""

    def __init__(self, field_places: dict[str, int], value_scales: dict[str, int], field_table: str | None = None,
                 value_prefix: str = "v_", field_bounds: dict[str, Decimal] | None = None) -> None:
        self.field_places = field_places
        self.value_scales = value_scales
        self.field_table = field_table
        self.value_prefix = value_prefix
        self.field_bounds = field_bounds or {}
        self.value_bounds: dict[str, tuple[int | None, int]] = {}
        self.count = 0
        self.hoisted: list[tuple[str, exp.Expr]] = []  # columns to compute in layers before the expression

    def hoist(self, x: Sql) -> Sql:
        """x as a column computed in an earlier layer, so that SQL repeating it stays small."""
        if isinstance(x.tree, exp.Column) or x.tree.find(exp.Column) is None:  # a column or a constant: as is
            return x
        self.count += 1
        name = f"h{self.count}"
        x = narrow(x)
        self.hoisted.append((name, x.tree))
        return Sql(exp.column(name), x.kind, x.scale, x.bound, x.width)

    def take_hoisted(self) -> list[tuple[str, exp.Expr]]:
        out, self.hoisted = self.hoisted, []
        return out

    def field_column(self, name: str) -> exp.Expr:
        return exp.column(name, table=self.field_table, quoted=True)

    def field(self, name: str, t: ir_types.Type) -> Sql:
        col = self.field_column(name)
        kind = KINDS[t.kind]
        if kind != "num":
            return Sql(col, kind)
        places = self.field_places.get(name, 0)
        scaled = exp.Mul(this=col, expression=lit(10**places)) if places else col
        top = self.field_bounds.get(name)
        if top is not None and top >= NEVER:  # "never" must stay larger than every value it is compared with
            raise SqlError(f"field {name}: a range up to {top} is too large for the SQL back end (at most {NEVER - 1})")
        bound = None if top is None else int((top * 10**places).to_integral_value(rounding="ROUND_CEILING"))
        width = max(width_for(bound), 64)  # a tape column as BIGINT at least
        return Sql(exp.cast(scaled, int_type(width)), "num", places, bound, width)

    def value(self, name: str, t: ir_types.Type) -> Sql:
        col = exp.column(self.value_prefix + name, quoted=True)
        kind = KINDS[t.kind]
        if kind != "num":
            return Sql(col, kind)
        bound, width = self.value_bounds.get(name, (None, 128))
        return Sql(col, kind, self.value_scales.get(name, 0), bound, width)


def compile_expr(x: ir.Expr, scope: Scope) -> Sql:
    """The SQL of one IR expression."""
    if isinstance(x, ir.Const):
        v = x.value
        if isinstance(v, bool):
            return Sql(exp.Boolean(this=v), "bool")
        if isinstance(v, Decimal):
            return const_num(v)
        if isinstance(v, dt.date):
            return Sql(exp.cast(exp.Literal.string(v.isoformat()), exp.DataType.build("DATE")), "date")
        return Sql(exp.Literal.string(str(v)), "text")
    if isinstance(x, ir.FieldRef):
        return scope.field(x.name, x.type)
    if isinstance(x, ir.ValueRef):
        return scope.value(x.name, x.type)
    if isinstance(x, ir.Arith):
        a, b = compile_expr(x.left, scope), compile_expr(x.right, scope)
        if x.op == "*":
            bound = bound_mul(a.bound, b.bound)
            width, (a, b) = fitting(bound, a, b)
            return Sql(exp.Mul(this=paren(a.tree), expression=paren(b.tree)), "num", a.scale + b.scale, bound, width)
        s, (a, b) = aligned(a, b)
        bound = bound_add(a.bound, b.bound)
        width, (a, b) = fitting(bound, a, b)
        ta, tb = paren(a.tree), paren(b.tree)
        tree: exp.Expr = exp.Add(this=ta, expression=tb) if x.op == "+" else exp.Sub(this=ta, expression=tb)
        return Sql(tree, "num", s, bound, width)
    if isinstance(x, ir.Scale):
        a = compile_expr(x.operand, scope)
        if a.scale - x.power >= 0:
            return Sql(a.tree, "num", a.scale - x.power, a.bound, a.width)
        scaled = rescaled(Sql(a.tree, "num", 0, a.bound, a.width), x.power - a.scale)  # the integer times 10**k
        return Sql(scaled.tree, "num", 0, scaled.bound, scaled.width)
    if isinstance(x, ir.Neg):
        a = compile_expr(x.operand, scope)
        return Sql(exp.Neg(this=paren(a.tree)), "num", a.scale, a.bound, a.width)
    if isinstance(x, ir.DivRound):
        n, d = scope.hoist(compile_expr(x.numerator, scope)), scope.hoist(compile_expr(x.denominator, scope))
        return div_round_sql(n, d, x.rounding.places, x.rounding.mode)
    if isinstance(x, ir.Round):
        a = scope.hoist(compile_expr(x.operand, scope))
        return round_to_sql(a, x.rounding.places, x.rounding.mode)
    if isinstance(x, ir.Extremum):
        args = [compile_expr(a, scope) for a in x.args]
        if args[0].kind == "num":
            s, args = aligned(*args)
        else:
            s = 0
        trees = [a.tree for a in args]
        pick: exp.Expr = exp.Least(this=trees[0], expressions=trees[1:]) if x.kind == "lesser" else \
            exp.Greatest(this=trees[0], expressions=trees[1:])
        return Sql(case((any_null(*trees), exp.Null()), default=pick), args[0].kind, s, *_either(*args))
    if isinstance(x, ir.Default):
        a, b = compile_expr(x.operand, scope), compile_expr(x.fallback, scope)
        if a.kind == "num":
            s, (a, b) = aligned(a, b)
            return Sql(exp.Coalesce(this=a.tree, expressions=[b.tree]), "num", s, *_either(a, b))
        return Sql(exp.Coalesce(this=a.tree, expressions=[b.tree]), a.kind)
    if isinstance(x, ir.IfThenElse):
        c, a, b = compile_expr(x.cond, scope), compile_expr(x.then, scope), compile_expr(x.otherwise, scope)
        if a.kind == "num":
            s, (a, b) = aligned(a, b)
        else:
            s = 0
        return Sql(case((c.tree, a.tree), (exp.Not(this=paren(c.tree)), b.tree)), a.kind, s, *_either(a, b))
    if isinstance(x, ir.MonthsSince):
        d = compile_expr(x.date, scope)
        as_of = scope.field_column(x.as_of)
        return Sql(since(d.tree, as_of, x.type.kind), "num", 0, DATE_SPAN, 32)
    if isinstance(x, ir.MonthsSinceLatest):
        return Sql(_months_since_latest(x, scope), "num", 0, NEVER, 64)
    if isinstance(x, ir.CountLates):
        return Sql(_count_lates(x, scope), "num", 0, 2**31 - 1, 64)
    if isinstance(x, ir.Compare):
        a, b = compile_expr(x.left, scope), compile_expr(x.right, scope)
        if a.kind == "num":
            _s, (ta, tb) = align(a, b)
        else:
            ta, tb = a.tree, b.tree
        ops = {"<": exp.LT, "<=": exp.LTE, ">": exp.GT, ">=": exp.GTE, "=": exp.EQ, "!=": exp.NEQ}
        test: exp.Expr = ops[x.op](this=ta, expression=tb)
        if x.no_score:  # the loan has no such number at all (`fico_no_score` TRUE): not met
            test = exp.Case().when(_any_flag(x.no_score, scope), exp.Boolean(this=False)).else_(test)
        return Sql(test, "bool")
    if isinstance(x, ir.IsKnown):
        a = compile_expr(x.operand, scope)
        known: exp.Expr = not_null(a.tree)
        if x.no_score:  # a loan that says it has no score knows it
            known = exp.Paren(this=exp.Or(this=known, expression=_any_flag((x.no_score,), scope)))
        return Sql(exp.Not(this=known) if x.negated else known, "bool")
    if isinstance(x, ir.InSet):
        a = compile_expr(x.operand, scope)
        inside = exp.In(this=a.tree, expressions=[exp.Literal.string(v) for v in x.values])
        return Sql(exp.Not(this=paren(inside)) if x.negated else inside, "bool")
    if isinstance(x, (ir.And, ir.Or)):
        parts = [paren(compile_expr(p, scope).tree) for p in x.operands]
        joined = parts[0]
        for p in parts[1:]:
            joined = exp.And(this=joined, expression=p) if isinstance(x, ir.And) else exp.Or(this=joined, expression=p)
        return Sql(joined, "bool")
    if isinstance(x, ir.Not):
        return Sql(exp.Not(this=paren(compile_expr(x.operand, scope).tree)), "bool")
    if isinstance(x, ir.Category):
        return compile_category(x, scope)
    raise SqlError(f"SQL back end: unhandled IR node {type(x).__name__}")


def _either(*xs: Sql) -> tuple[int | None, int]:
    """Bound and width of a value that is one of `xs` (CASE, COALESCE, LEAST: the widest type of the branches)."""
    return bound_max(*(x.bound for x in xs)), max(x.width for x in xs)


def _item(field: str) -> exp.Expr:
    return exp.Dot(this=exp.column("item"), expression=exp.to_identifier(field, quoted=True))


def _lambda(body: exp.Expr) -> exp.Lambda:
    return exp.Lambda(this=body, expressions=[exp.to_identifier("item")])


def _size(lst: exp.Expr) -> exp.Expr:
    return exp.ArraySize(this=lst)


def _months_since_latest(x: ir.MonthsSinceLatest, scope: Scope) -> exp.Expr:
    lst = scope.field_column(x.list_field)
    as_of = scope.field_column(x.as_of)
    chosen: exp.Expr = lst
    if x.kinds:  # the items of those kinds, filtered once (a column: read three times below)
        chosen = scope.hoist(Sql(exp.ArrayFilter(this=lst, expression=_lambda(
            exp.In(this=_item(x.kind_field), expressions=[exp.Literal.string(k) for k in x.kinds]))), "list")).tree
    undated = exp.ArrayFilter(this=chosen, expression=_lambda(is_null(_item(x.date_field))))
    # the latest date, found once (a column: the month count reads it four times)
    latest = scope.hoist(Sql(exp.ArrayMax(this=exp.Transform(this=chosen, expression=_lambda(_item(x.date_field)))),
                             "date")).tree
    return case((any_null(lst, as_of), exp.Null()),
                (exp.EQ(this=_size(chosen), expression=lit(0)), num(NEVER)),
                (exp.GT(this=_size(undated), expression=lit(0)), exp.Null()),
                default=exp.cast(since(latest, as_of, x.type.kind), BIGINT))


def _count_lates(x: ir.CountLates, scope: Scope) -> exp.Expr:
    lst = scope.field_column(x.list_field)
    as_of = scope.field_column(x.as_of)
    days, when = _item(x.days_field), _item(x.date_field)
    incomplete = exp.ArrayFilter(this=lst, expression=_lambda(exp.Or(this=is_null(days), expression=is_null(when))))
    counted = exp.ArrayFilter(this=lst, expression=_lambda(exp.And(
        this=exp.GTE(this=days, expression=lit(x.min_days)),
        expression=exp.LT(this=paren(months_between(when, as_of)), expression=lit(x.months)))))
    return case((any_null(lst, as_of), exp.Null()),
                (exp.GT(this=_size(incomplete), expression=lit(0)), exp.Null()),
                default=exp.cast(_size(counted), BIGINT))


def compile_lookup(lookup: ir.Lookup, scope: Scope) -> Sql:
    """A value read from a table: the result of the line holding the keys; NULL when a key is NULL, in no line,
    or on an N/A line. A category lookup's results are text."""
    keys = [compile_expr(k, scope) for k in lookup.key.keys]
    flags = no_score_flags(lookup.key, scope)
    unknown = key_unknown([k.tree for k in keys], flags)
    if lookup.type.kind == "enum":
        texts = [exp.Literal.string(r) if isinstance(r, str) else exp.Null() for r in lookup.results]
        chosen = [(in_line(keys, line, flags), t) for line, t in zip(lookup.key.lines, texts, strict=True)]
        return Sql(case((unknown, exp.Null()), *chosen), "text")
    results = [const_num(r) if isinstance(r, Decimal) else None for r in lookup.results]
    scale = max([r.scale for r in results if r is not None], default=0)
    whens: list[tuple[exp.Expr, exp.Expr]] = []
    known = [rescaled(r, scale) for r in results if r is not None]
    for line, r in zip(lookup.key.lines, results, strict=True):
        value = rescale(r, scale) if r is not None else exp.Null()
        whens.append((in_line(keys, line, flags), value))
    bound, width = _either(*known) if known else (0, 32)
    return Sql(case((unknown, exp.Null()), *whens), "num", scale, bound, width)


def no_score_flags(axis: ir.Axis, scope: Scope) -> list[exp.Expr | None]:
    """Per key: TRUE when the loan says it has no score, for a score key with a `no score` line; None otherwise."""
    return [exp.Coalesce(this=compile_expr(ir.FieldRef(axis.flag(i), ir_types.YESNO, axis.span), scope).tree,
                         expressions=[exp.Boolean(this=False)]) if axis.flag(i) else None
            for i in range(len(axis.keys))]


def key_unknown(keys: list[exp.Expr], flags: list[exp.Expr | None]) -> exp.Expr:
    """Some key unknown: NULL, and (a score key with a `no score` line) the loan does not say it has no score."""
    tests = [is_null(k) if f is None else exp.And(this=is_null(k), expression=exp.Not(this=paren(f)))
             for k, f in zip(keys, flags, strict=True)]
    return _or_all(tests)


def _or_all(tests: list[exp.Expr]) -> exp.Expr:
    tree = tests[0]
    for c in tests[1:]:
        tree = exp.Or(this=paren(tree), expression=paren(c))
    return tree


def compile_category(x: ir.Category, scope: Scope) -> Sql:
    """`CASE WHEN c1 IS NULL THEN NULL WHEN c1 THEN 'a' … ELSE 'otherwise' END`: an unknown condition before the
    first true one makes the category unknown (a bare `WHEN c1` would skip it as false)."""
    whens: list[tuple[exp.Expr, exp.Expr]] = []
    for choice, cond in zip(x.choices, x.conds, strict=True):
        c = scope.hoist(compile_expr(cond, scope))
        whens += [(is_null(c.tree), exp.Null()), (c.tree, exp.Literal.string(choice))]
    return Sql(case(*whens, default=exp.Literal.string(x.otherwise)), "text")


def in_line(keys: list[Sql], line: tuple[ir.Entry, ...], flags: list[exp.Expr | None] | None = None) -> exp.Expr:
    """Known keys inside every entry of a table line; `flags` (`no_score_flags`): a `no score` entry holds a loan
    that says it has no score, and no band does."""
    conds: list[exp.Expr] = []
    for n, (key, entry) in enumerate(zip(keys, line, strict=True)):
        flag = flags[n] if flags else None
        if flag is not None and isinstance(entry, ir.Choices):
            c = flag if ir.NO_SCORE in entry.values else exp.Boolean(this=False)
        elif flag is not None:
            c = exp.And(this=exp.Not(this=paren(flag)), expression=paren(in_entry(key, entry)))
        else:
            c = in_entry(key, entry)
        if not (isinstance(c, exp.Boolean) and c.this is True):
            conds.append(c)
    if not conds:
        return exp.Boolean(this=True)
    tree = conds[0]
    for c in conds[1:]:
        tree = exp.And(this=paren(tree), expression=paren(c))
    return tree


def in_entry(key: Sql, entry: ir.Entry) -> exp.Expr:
    """A known key inside a band (numbers) or among the choices of an entry (text, yes/no)."""
    if isinstance(entry, ir.Band):
        return in_band(key, entry)
    if key.kind == "bool":
        if set(entry.values) == {True, False}:
            return exp.Boolean(this=True)
        if not entry.values:
            return exp.Boolean(this=False)
        return exp.EQ(this=key.tree, expression=exp.Boolean(this=bool(entry.values[0])))
    if not entry.values:
        return exp.Boolean(this=False)
    return exp.In(this=key.tree, expressions=[exp.Literal.string(str(v)) for v in entry.values])


def in_band(key: Sql, band: ir.Band) -> exp.Expr:
    """key inside the band (key known)."""
    conds: list[exp.Expr] = []
    if band.low is not None:
        low = const_num(band.low)
        _s, (k, lo) = align(key, low)
        conds.append((exp.GTE if band.low_inclusive else exp.GT)(this=k, expression=lo))
    if band.high is not None:
        high = const_num(band.high)
        _s, (k, hi) = align(key, high)
        conds.append((exp.LTE if band.high_inclusive else exp.LT)(this=k, expression=hi))
    if not conds:
        return exp.Boolean(this=True)
    tree = conds[0]
    for c in conds[1:]:
        tree = exp.And(this=tree, expression=c)
    return tree
