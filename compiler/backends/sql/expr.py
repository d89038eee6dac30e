"""SQL back end, expressions: checked IR expressions compiled into sqlglot expression trees.

Numbers are exact scaled integers: a number with scale `s` is the SQL integer `value * 10**s` (HUGEINT in DuckDB,
128 bits: overflow raises an error, never wraps), and the scale is known statically from the IR, so `+ - *`,
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
from dataclasses import dataclass
from decimal import Decimal

from sqlglot import exp

from compiler import ir, ir_types

NEVER = 10**24  # months since an event that never happened (finite, so it stays integer arithmetic)
INT = exp.DataType.build("INT128")  # HUGEINT in DuckDB


class SqlError(Exception):
    """The IR holds something the SQL back end cannot compile."""


@dataclass(frozen=True, slots=True)
class Sql:
    """A compiled expression: its tree, its kind, and for numbers the scale of the integer it holds."""

    tree: exp.Expr
    kind: str  # num | bool | date | text | list
    scale: int = 0


def from_source(query: exp.Expr, alias: str) -> exp.Expr:
    """`query` as something a FROM clause can take: a table or an aliased subquery as it is, any other query
    wrapped as `(query) AS alias`. Never `((...) AS a) AS b`: DuckDB 2.0.1 and later reject a parenthesised
    table reference that already has an alias wrapped again."""
    if isinstance(query, exp.Table) or (isinstance(query, exp.Subquery) and query.alias):
        return query
    return exp.Subquery(this=query, alias=exp.TableAlias(this=exp.to_identifier(alias)))


def lit(n: int) -> exp.Expr:
    """An integer literal; negative numbers as a negation (sqlglot renders both dialects alike)."""
    return exp.Neg(this=exp.Literal.number(-n)) if n < 0 else exp.Literal.number(n)


def num(n: int) -> exp.Expr:
    return exp.cast(lit(n), INT) if abs(n) > 2**62 else lit(n)


def paren(e: exp.Expr) -> exp.Expr:
    return exp.Paren(this=e)


def case(*whens: tuple[exp.Expr, exp.Expr], default: exp.Expr | None = None) -> exp.Expr:
    """CASE WHEN ... END, each part copied once (sqlglot's `Case.when` copies the whole CASE at every branch)."""
    return exp.Case(ifs=[exp.If(this=cond.copy(), true=then.copy()) for cond, then in whens],
                    default=default.copy() if default is not None else None)


def _any_flag(flags: tuple[str, ...], scope: Scope) -> exp.Expr:
    """Any of the yes/no fields is TRUE (NULL counts as not)."""
    tests = [exp.Coalesce(this=scope.field_column(n), expressions=[exp.Boolean(this=False)]) for n in flags]
    out: exp.Expr = tests[0]
    for more in tests[1:]:
        out = exp.Or(this=out, expression=more)
    return exp.Paren(this=out)


def is_null(e: exp.Expr) -> exp.Expr:
    return exp.Is(this=e, expression=exp.Null())


def not_null(e: exp.Expr) -> exp.Expr:
    return exp.Not(this=is_null(e))


def any_null(*es: exp.Expr) -> exp.Expr:
    cond = is_null(es[0])
    for e in es[1:]:
        cond = exp.Or(this=cond, expression=is_null(e))
    return cond


def rescale(x: Sql, scale: int) -> exp.Expr:
    """The integer of x at a higher (or equal) scale."""
    if scale < x.scale:
        raise SqlError(f"cannot lower scale {x.scale} to {scale} without rounding")
    if scale == x.scale:
        return x.tree
    known = _literal(x.tree)
    if known is not None:  # a constant: scaled here, not in SQL
        return num(known * 10 ** (scale - x.scale))
    return exp.Mul(this=paren(x.tree), expression=num(10 ** (scale - x.scale)))


def _literal(tree: exp.Expr) -> int | None:
    if isinstance(tree, exp.Literal) and tree.is_number:
        return int(tree.this)
    if isinstance(tree, exp.Neg) and isinstance(tree.this, exp.Literal) and tree.this.is_number:
        return -int(tree.this.this)
    return None


def render(tree: exp.Expr, dialect: str) -> str:
    """SQL text for a dialect, from the same tree: DuckDB's as built; Spark's through `spark_tree`."""
    if dialect == "spark":
        tree = spark_tree(tree)
    return tree.sql(dialect=dialect)


SPARK_INT = exp.DataType.build("DECIMAL(38, 0)")


def spark_tree(tree: exp.Expr) -> exp.Expr:
    """The tree with Spark's own constructs where Spark's semantics differ from DuckDB's (tested in
    tests/screen/test_spark.py against the runtime and the reference evaluator):

    - Spark has no 128-bit integer: HUGEINT becomes DECIMAL(38, 0), whose `+ - * %` are exact and raise on
      overflow like HUGEINT (Spark's ANSI mode, which the Spark engine turns on explicitly).
    - Spark's integer division `a DIV b` returns a 64-bit BIGINT and silently wraps a larger quotient even in
      ANSI mode (10**23 DIV 1 is 200376420520689664). It becomes `(a - a % b) / b` on DECIMAL(38, 0): the
      remainder is exact, the division of a multiple of b is exact (DECIMAL(38, 6), so quotients up to 10**32,
      beyond which Spark raises an overflow error instead of answering), and the cast back is exact.
    """
    def node(n: exp.Expr) -> exp.Expr:
        if isinstance(n, exp.DataType) and n == INT:
            return SPARK_INT.copy()
        if isinstance(n, exp.IntDiv):
            a, b = exp.cast(spark_tree(n.this), SPARK_INT), exp.cast(spark_tree(n.expression), SPARK_INT)
            multiple = exp.Sub(this=a, expression=exp.Mod(this=a.copy(), expression=b))
            return exp.cast(exp.Div(this=paren(multiple), expression=b.copy()), SPARK_INT)
        return n

    return tree.transform(node)


def align(*xs: Sql) -> tuple[int, list[exp.Expr]]:
    s = max(x.scale for x in xs)
    return s, [rescale(x, s) for x in xs]


def floor_div(a: exp.Expr, b: exp.Expr) -> exp.Expr:
    """floor(a / b) for b > 0 (SQL integer division truncates toward zero): a // b, or -((b - 1 - a) // b) for a < 0."""
    negative = exp.Sub(this=exp.Sub(this=paren(b), expression=lit(1)), expression=paren(a))
    return case((exp.GTE(this=a, expression=lit(0)), exp.IntDiv(this=paren(a), expression=paren(b))),
                default=exp.Neg(this=paren(exp.IntDiv(this=paren(negative), expression=paren(b)))))


def ceil_div(a: exp.Expr, b: exp.Expr) -> exp.Expr:
    """ceil(a / b) for b > 0."""
    return exp.Neg(this=paren(floor_div(exp.Neg(this=paren(a)), b)))


def round_div(a: exp.Expr, b: exp.Expr, mode: str) -> exp.Expr:
    """a / b rounded to an integer as declared, for b > 0 (a and b integers)."""
    if mode == "down":
        return floor_div(a, b)
    if mode == "up":
        return ceil_div(a, b)
    two_a_b = exp.Add(this=exp.Mul(this=lit(2), expression=paren(a)), expression=paren(b))
    two_b = exp.Mul(this=lit(2), expression=paren(b))
    if mode == "half_up":  # halves away from zero: sign(a) * floor((2|a| + b) / 2b)
        minus_a = exp.Add(this=exp.Mul(this=lit(2), expression=exp.Neg(this=paren(a))), expression=paren(b))
        return case((exp.GTE(this=a, expression=lit(0)), exp.IntDiv(this=paren(two_a_b), expression=paren(two_b))),
                    default=exp.Neg(this=paren(exp.IntDiv(this=paren(minus_a), expression=paren(two_b)))))
    if mode == "half_even":  # floor((2a + b) / 2b), less one at an exact half that lands on an odd number
        q = floor_div(two_a_b, two_b)
        exact_half = exp.EQ(this=exp.Mod(this=paren(two_a_b), expression=paren(two_b)), expression=lit(0))
        odd = exp.NEQ(this=exp.Mod(this=paren(q), expression=lit(2)), expression=lit(0))
        return case((exp.And(this=exact_half, expression=odd), exp.Sub(this=paren(q), expression=lit(1))), default=q)
    raise SqlError(f"unknown rounding mode {mode!r}")


def div_round(n: Sql, d: Sql, places: int, mode: str) -> exp.Expr:
    """n / d exactly, rounded once to `places` decimals: an integer of scale `places`; NULL when d is 0 or unknown.

    n/d * 10**places = N * 10**(sd + places) / (D * 10**sn) for N, D the integers of n, d with scales sn, sd.
    """
    num_ = exp.Mul(this=paren(n.tree), expression=num(10 ** (d.scale + places)))
    den = exp.Mul(this=paren(d.tree), expression=num(10 ** n.scale))
    sign_num = case((exp.LT(this=d.tree, expression=lit(0)), exp.Neg(this=paren(num_))), default=num_)
    abs_den = exp.Abs(this=exp.Nullif(this=den, expression=lit(0)))  # never divide by zero, even in a branch not taken
    return case((any_null(n.tree, d.tree), exp.Null()), (exp.EQ(this=d.tree, expression=lit(0)), exp.Null()),
                default=round_div(sign_num, abs_den, mode))


def round_to(x: Sql, places: int, mode: str) -> exp.Expr:
    if x.scale <= places:
        return rescale(x, places)
    return case((is_null(x.tree), exp.Null()), default=round_div(x.tree, num(10 ** (x.scale - places)), mode))


def months_between(start: exp.Expr, end: exp.Expr) -> exp.Expr:
    """Whole months from start to end, as `runtime.months_between`: the month is complete on the same day or the
    end month's last day."""
    months = exp.Add(
        this=exp.Mul(this=paren(exp.Sub(this=exp.Year(this=end), expression=exp.Year(this=start))), expression=lit(12)),
        expression=paren(exp.Sub(this=exp.Month(this=end), expression=exp.Month(this=start))))
    short = exp.LT(this=exp.Day(this=end), expression=case(
        (exp.LT(this=exp.Day(this=start), expression=exp.Day(this=exp.LastDay(this=end))), exp.Day(this=start)),
        default=exp.Day(this=exp.LastDay(this=end))))
    return exp.Sub(this=paren(months), expression=case((short, lit(1)), default=lit(0)))


def days_between(start: exp.Expr, end: exp.Expr) -> exp.Expr:
    """Calendar days from start to end, as `runtime.days_between` (DuckDB `date_diff('DAY', ...)`, Spark `datediff`)."""
    return exp.DateDiff(this=end, expression=start)


def since(start: exp.Expr, end: exp.Expr, unit: str) -> exp.Expr:
    """`months since` / `days since` from start to end, as the expression's type says."""
    return days_between(start, end) if unit == "days" else months_between(start, end)


def decimal_literal(d: Decimal) -> tuple[int, int]:
    """A finite Decimal as (integer, scale)."""
    sign, digits, expo = d.as_tuple()
    assert isinstance(expo, int)
    n = int("".join(map(str, digits)) or "0") * (-1 if sign else 1)
    if expo >= 0:
        return n * 10**expo, 0
    return n, -expo


def const_num(d: Decimal) -> Sql:
    if d.is_infinite():
        return Sql(num(NEVER if d > 0 else -NEVER), "num", 0)
    n, s = decimal_literal(d)
    return Sql(num(n), "num", s)


KINDS = {"integer": "num", "money": "num", "percent": "num", "ratio": "num", "months": "num", "days": "num",
         "quantity": "num", "date": "date",
         "yesno": "bool", "text": "text", "enum": "text", "list": "list", "history": "list"}


class Scope:
    """Where names come from: loan fields are tape columns (numbers DECIMAL with their declared decimals),
    derived values are columns of earlier layers (scaled integers)."""

    def __init__(self, field_places: dict[str, int], value_scales: dict[str, int], field_table: str | None = None,
                 value_prefix: str = "v_") -> None:
        self.field_places = field_places
        self.value_scales = value_scales
        self.field_table = field_table
        self.value_prefix = value_prefix
        self.count = 0
        self.hoisted: list[tuple[str, exp.Expr]] = []  # columns to compute in layers before the expression

    def hoist(self, x: Sql) -> Sql:
        """x as a column computed in an earlier layer, so that SQL repeating it stays small."""
        if isinstance(x.tree, exp.Column) or x.tree.find(exp.Column) is None:  # a column or a constant: as is
            return x
        self.count += 1
        name = f"h{self.count}"
        self.hoisted.append((name, x.tree))
        return Sql(exp.column(name), x.kind, x.scale)

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
        return Sql(exp.cast(scaled, INT), "num", places)

    def value(self, name: str, t: ir_types.Type) -> Sql:
        col = exp.column(self.value_prefix + name, quoted=True)
        kind = KINDS[t.kind]
        return Sql(col, kind, self.value_scales.get(name, 0) if kind == "num" else 0)


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
            return Sql(exp.Mul(this=paren(a.tree), expression=paren(b.tree)), "num", a.scale + b.scale)
        s, (ta, tb) = align(a, b)
        tree: exp.Expr = exp.Add(this=paren(ta), expression=paren(tb)) if x.op == "+" else exp.Sub(this=paren(ta), expression=paren(tb))
        return Sql(tree, "num", s)
    if isinstance(x, ir.Scale):
        a = compile_expr(x.operand, scope)
        if a.scale - x.power >= 0:
            return Sql(a.tree, "num", a.scale - x.power)
        return Sql(exp.Mul(this=paren(a.tree), expression=num(10 ** (x.power - a.scale))), "num", 0)
    if isinstance(x, ir.Neg):
        a = compile_expr(x.operand, scope)
        return Sql(exp.Neg(this=paren(a.tree)), "num", a.scale)
    if isinstance(x, ir.DivRound):
        n, d = scope.hoist(compile_expr(x.numerator, scope)), scope.hoist(compile_expr(x.denominator, scope))
        return Sql(div_round(n, d, x.rounding.places, x.rounding.mode), "num", x.rounding.places)
    if isinstance(x, ir.Round):
        a = scope.hoist(compile_expr(x.operand, scope))
        return Sql(round_to(a, x.rounding.places, x.rounding.mode), "num", x.rounding.places)
    if isinstance(x, ir.Extremum):
        args = [compile_expr(a, scope) for a in x.args]
        if args[0].kind == "num":
            s, trees = align(*args)
        else:
            s, trees = 0, [a.tree for a in args]
        pick: exp.Expr = exp.Least(this=trees[0], expressions=trees[1:]) if x.kind == "lesser" else \
            exp.Greatest(this=trees[0], expressions=trees[1:])
        return Sql(case((any_null(*trees), exp.Null()), default=pick), args[0].kind, s)
    if isinstance(x, ir.Default):
        a, b = compile_expr(x.operand, scope), compile_expr(x.fallback, scope)
        if a.kind == "num":
            s, (ta, tb) = align(a, b)
            return Sql(exp.Coalesce(this=ta, expressions=[tb]), "num", s)
        return Sql(exp.Coalesce(this=a.tree, expressions=[b.tree]), a.kind)
    if isinstance(x, ir.IfThenElse):
        c, a, b = compile_expr(x.cond, scope), compile_expr(x.then, scope), compile_expr(x.otherwise, scope)
        if a.kind == "num":
            s, (ta, tb) = align(a, b)
        else:
            s, ta, tb = 0, a.tree, b.tree
        return Sql(case((c.tree, ta), (exp.Not(this=paren(c.tree)), tb)), a.kind, s)
    if isinstance(x, ir.MonthsSince):
        d = compile_expr(x.date, scope)
        as_of = scope.field_column(x.as_of)
        return Sql(since(d.tree, as_of, x.type.kind), "num", 0)
    if isinstance(x, ir.MonthsSinceLatest):
        return Sql(_months_since_latest(x, scope), "num", 0)
    if isinstance(x, ir.CountLates):
        return Sql(_count_lates(x, scope), "num", 0)
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
    if x.kinds:
        chosen = exp.ArrayFilter(this=lst, expression=_lambda(
            exp.In(this=_item(x.kind_field), expressions=[exp.Literal.string(k) for k in x.kinds])))
    undated = exp.ArrayFilter(this=chosen, expression=_lambda(is_null(_item(x.date_field))))
    latest = exp.ArrayMax(this=exp.Transform(this=chosen, expression=_lambda(_item(x.date_field))))
    return case((any_null(lst, as_of), exp.Null()),
                (exp.EQ(this=_size(chosen), expression=lit(0)), num(NEVER)),
                (exp.GT(this=_size(undated), expression=lit(0)), exp.Null()),
                default=exp.cast(since(latest, as_of, x.type.kind), INT))


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
                default=exp.cast(_size(counted), INT))


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
    for line, r in zip(lookup.key.lines, results, strict=True):
        value = rescale(r, scale) if r is not None else exp.Null()
        whens.append((in_line(keys, line, flags), value))
    return Sql(case((unknown, exp.Null()), *whens), "num", scale)


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
