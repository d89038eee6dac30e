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
from dataclasses import dataclass
from decimal import Decimal

from sqlglot import exp

from compiler import ir, ir_types

NEVER = 10**24  # months since an event that never happened (finite, so it stays integer arithmetic)
INT = exp.DataType.build("INT128")  # HUGEINT in DuckDB
BIGINT = exp.DataType.build("BIGINT")
MAX = {32: 2**31 - 1, 64: 2**63 - 1}  # the largest magnitude of an integer of that width (INT, BIGINT)
DATE_SPAN = 4_000_000  # more than the days (and months) between any two dates of years 1 to 9999


class SqlError(Exception):
    """The IR holds something the SQL back end cannot compile."""


@dataclass(frozen=True, slots=True)
class Sql:
    """A compiled expression: its tree, its kind, and for numbers the scale of the integer it holds."""

    tree: exp.Expr
    kind: str  # num | bool | date | text | list
    scale: int = 0
    bound: int | None = None  # numbers: the largest magnitude the integer can have; None when nothing bounds it
    width: int = 32  # numbers: bits of its SQL integer type at least (32 INT or a literal, 64 BIGINT, 128 HUGEINT)


def width_for(bound: int | None) -> int:
    """The narrowest integer width holding every integer up to `bound` in magnitude (128 when unbounded)."""
    if bound is None:
        return 128
    return next((w for w, top in MAX.items() if bound <= top), 128)


def int_type(width: int) -> exp.DataType:
    """BIGINT for 64 bits (or fewer), HUGEINT for 128."""
    return (BIGINT if width == 64 else INT).copy()


def widen(x: Sql, width: int) -> Sql:
    """x in an integer type at least `width` bits wide (a cast when its own is narrower)."""
    if x.width >= width:
        return x
    return Sql(exp.cast(x.tree, int_type(max(width, 64))), x.kind, x.scale, x.bound, max(width, 64))


def narrow(x: Sql) -> Sql:
    """x as a BIGINT when it is wider than it needs to be (its bound fits 64 bits): later arithmetic stays 64-bit."""
    if x.kind != "num" or x.width <= 64 or width_for(x.bound) > 64:
        return x
    return Sql(exp.cast(x.tree, BIGINT.copy()), x.kind, x.scale, x.bound, 64)


def fitting(bound: int | None, *xs: Sql) -> tuple[int, list[Sql]]:
    """The width an operation on `xs` giving integers up to `bound` needs, and `xs` widened for it (one cast at
    most: the wider operand decides the type of the operation)."""
    need = max(width_for(bound), *(x.width for x in xs))
    if any(x.width >= need for x in xs):
        return need, list(xs)
    return need, [widen(xs[0], need), *xs[1:]]


def _add(a: int | None, b: int | None) -> int | None:
    return None if a is None or b is None else a + b


def _mul(a: int | None, b: int | None) -> int | None:
    return None if a is None or b is None else a * b


def _max(*bs: int | None) -> int | None:
    return None if any(b is None for b in bs) else max(b for b in bs if b is not None)


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


def num_sql(n: int, scale: int = 0) -> Sql:
    """An integer constant with its bound and the width of its literal (or of its cast past 2**62)."""
    return Sql(num(n), "num", scale, abs(n), 128 if abs(n) > 2**62 else width_for(abs(n)))


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
    return rescaled(x, scale).tree


def rescaled(x: Sql, scale: int) -> Sql:
    """x at a higher (or equal) scale, in a type wide enough for it."""
    if scale < x.scale:
        raise SqlError(f"cannot lower scale {x.scale} to {scale} without rounding")
    if scale == x.scale:
        return x
    known = _literal(x.tree)
    if known is not None:  # a constant: scaled here, not in SQL
        return num_sql(known * 10 ** (scale - x.scale), scale)
    factor = num_sql(10 ** (scale - x.scale))
    bound = _mul(x.bound, factor.bound)
    width, (a, f) = fitting(bound, x, factor)
    return Sql(exp.Mul(this=paren(a.tree), expression=f.tree), "num", scale, bound, width)


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
NARROW = "glc_narrow"  # meta key: an integer division of integers no wider than 64 bits


def spark_tree(tree: exp.Expr) -> exp.Expr:
    """The tree with Spark's own constructs where Spark's semantics differ from DuckDB's (tested in
    tests/screen/test_spark.py against the runtime and the reference evaluator):

    - Spark has no 128-bit integer: HUGEINT becomes DECIMAL(38, 0), whose `+ - * %` are exact and raise on
      overflow like HUGEINT (Spark's ANSI mode, which the Spark engine turns on explicitly).
    - Spark's integer division `a DIV b` returns a 64-bit BIGINT and silently wraps a larger quotient even in
      ANSI mode (10**23 DIV 1 is 200376420520689664). A division of 128-bit integers becomes `(a - a % b) / b`
      on DECIMAL(38, 0): the remainder is exact, the division of a multiple of b is exact (DECIMAL(38, 6), so
      quotients up to 10**32, beyond which Spark raises an overflow error instead of answering), and the cast back
      is exact. A division of 64-bit integers (marked `NARROW`) stays `DIV`: its quotient is never larger than
      its dividend.
    """
    def node(n: exp.Expr) -> exp.Expr:
        if isinstance(n, exp.DataType) and n == INT:
            return SPARK_INT.copy()
        if isinstance(n, exp.IntDiv) and not n.meta.get(NARROW):  # a 64-bit DIV cannot wrap: kept
            a, b = exp.cast(spark_tree(n.this), SPARK_INT), exp.cast(spark_tree(n.expression), SPARK_INT)
            multiple = exp.Sub(this=a, expression=exp.Mod(this=a.copy(), expression=b))
            return exp.cast(exp.Div(this=paren(multiple), expression=b.copy()), SPARK_INT)
        return n

    return tree.transform(node)


def align(*xs: Sql) -> tuple[int, list[exp.Expr]]:
    s = max(x.scale for x in xs)
    return s, [rescale(x, s) for x in xs]


def aligned(*xs: Sql) -> tuple[int, list[Sql]]:
    s = max(x.scale for x in xs)
    return s, [rescaled(x, s) for x in xs]


def _intdiv(a: exp.Expr, b: exp.Expr, narrow_: bool) -> exp.Expr:
    """a // b (SQL integer division, toward zero); `narrow_`: both no wider than 64 bits (`spark_tree` keeps it)."""
    out = exp.IntDiv(this=paren(a), expression=paren(b))
    if narrow_:
        out.meta[NARROW] = True
    return out


def floor_div(a: exp.Expr, b: exp.Expr, narrow_: bool = False) -> exp.Expr:
    """floor(a / b) for b > 0 (SQL integer division truncates toward zero): a // b, or -((b - 1 - a) // b) for a < 0."""
    negative = exp.Sub(this=exp.Sub(this=paren(b), expression=lit(1)), expression=paren(a))
    return case((exp.GTE(this=a, expression=lit(0)), _intdiv(a, b, narrow_)),
                default=exp.Neg(this=paren(_intdiv(negative, b, narrow_))))


def ceil_div(a: exp.Expr, b: exp.Expr, narrow_: bool = False) -> exp.Expr:
    """ceil(a / b) for b > 0."""
    return exp.Neg(this=paren(floor_div(exp.Neg(this=paren(a)), b, narrow_)))


def round_div(a: exp.Expr, b: exp.Expr, mode: str, narrow_: bool = False) -> exp.Expr:
    """a / b rounded to an integer as declared, for b > 0 (a and b integers). Every step stays within
    2 * (|a| + b) + 1 in magnitude (`division_bound`)."""
    if mode == "down":
        return floor_div(a, b, narrow_)
    if mode == "up":
        return ceil_div(a, b, narrow_)
    two_a_b = exp.Add(this=exp.Mul(this=lit(2), expression=paren(a)), expression=paren(b))
    two_b = exp.Mul(this=lit(2), expression=paren(b))
    if mode == "half_up":  # halves away from zero: sign(a) * floor((2|a| + b) / 2b)
        minus_a = exp.Add(this=exp.Mul(this=lit(2), expression=exp.Neg(this=paren(a))), expression=paren(b))
        return case((exp.GTE(this=a, expression=lit(0)), _intdiv(two_a_b, two_b, narrow_)),
                    default=exp.Neg(this=paren(_intdiv(minus_a, two_b, narrow_))))
    if mode == "half_even":  # floor((2a + b) / 2b), less one at an exact half that lands on an odd number
        q = floor_div(two_a_b, two_b, narrow_)
        exact_half = exp.EQ(this=exp.Mod(this=paren(two_a_b), expression=paren(two_b)), expression=lit(0))
        odd = exp.NEQ(this=exp.Mod(this=paren(q), expression=lit(2)), expression=lit(0))
        return case((exp.And(this=exact_half, expression=odd), exp.Sub(this=paren(q), expression=lit(1))), default=q)
    raise SqlError(f"unknown rounding mode {mode!r}")


def division_bound(a: int | None, b: int | None) -> int | None:
    """The largest magnitude a step of `round_div` reaches for |a| <= a and 0 < b <= b."""
    return None if a is None or b is None else 2 * (a + b) + 1


def div_round(n: Sql, d: Sql, places: int, mode: str) -> exp.Expr:
    return div_round_sql(n, d, places, mode).tree


def div_round_sql(n: Sql, d: Sql, places: int, mode: str) -> Sql:
    """n / d exactly, rounded once to `places` decimals: an integer of scale `places`; NULL when d is 0 or unknown.

    n/d * 10**places = N * 10**(sd + places) / (D * 10**sn) for N, D the integers of n, d with scales sn, sd,
    less the powers of ten both sides have (the same quotient, smaller integers). Its magnitude is at most
    |N| * 10**(sd + places - sn) + 1 (|D| is at least 1).
    """
    common = min(d.scale + places, n.scale)
    up, down = 10 ** (d.scale + places - common), 10 ** (n.scale - common)
    top, bottom = _mul(n.bound, up), _mul(d.bound, down)
    width = max(width_for(division_bound(top, bottom)), n.width, d.width)
    n, d = widen(n, width), widen(d, width)
    num_ = exp.Mul(this=paren(n.tree), expression=num(up)) if up > 1 else n.tree
    den = exp.Mul(this=paren(d.tree), expression=num(down)) if down > 1 else d.tree
    sign_num = case((exp.LT(this=d.tree, expression=lit(0)), exp.Neg(this=paren(num_))), default=num_)
    abs_den = exp.Abs(this=exp.Nullif(this=den, expression=lit(0)))  # never divide by zero, even in a branch not taken
    tree = case((any_null(n.tree, d.tree), exp.Null()), (exp.EQ(this=d.tree, expression=lit(0)), exp.Null()),
                default=round_div(sign_num, abs_den, mode, width <= 64))
    bound = None if top is None else top // down + 1
    return Sql(tree, "num", places, bound, width)


def round_to(x: Sql, places: int, mode: str) -> exp.Expr:
    return round_to_sql(x, places, mode).tree


def round_to_sql(x: Sql, places: int, mode: str) -> Sql:
    if x.scale <= places:
        return rescaled(x, places)
    step = 10 ** (x.scale - places)
    width = max(width_for(division_bound(x.bound, step)), x.width)
    x = widen(x, width)
    tree = case((is_null(x.tree), exp.Null()), default=round_div(x.tree, num(step), mode, width <= 64))
    return Sql(tree, "num", places, None if x.bound is None else x.bound // step + 1, width)


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
        return num_sql(NEVER if d > 0 else -NEVER)
    n, s = decimal_literal(d)
    return num_sql(n, s)


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
            bound = _mul(a.bound, b.bound)
            width, (a, b) = fitting(bound, a, b)
            return Sql(exp.Mul(this=paren(a.tree), expression=paren(b.tree)), "num", a.scale + b.scale, bound, width)
        s, (a, b) = aligned(a, b)
        bound = _add(a.bound, b.bound)
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
        return Sql(_months_since_latest(x, scope), "num", 0, NEVER, 128)
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
    return _max(*(x.bound for x in xs)), max(x.width for x in xs)


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
