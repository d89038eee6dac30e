"""SQL back end, numbers: exact scaled integers, their bounds and widths, division and rounding, dates counted.

A number with scale `s` is the SQL integer `value * 10**s` (`Sql`); its bound (the largest magnitude it can have,
from the fields' declared ranges) picks the width of its SQL type: 64-bit BIGINT where every step provably fits,
128-bit HUGEINT (DECIMAL(38, 0) on Spark: `spark_tree`) where not. Rounding is the declared one only, in integer
arithmetic with `compiler.runtime.div_round`'s modes. Also the small tree builders every part of the back end
uses (literals, CASE, NULL tests, a query as a FROM source) and `render` for each engine. expr.py compiles IR
expressions with these.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlglot import exp

# Months since an event that never happened: finite, so it stays integer arithmetic, and a BIGINT (comparing it
# with a month count is 64-bit; arithmetic on it is as wide as its bound needs). Larger than any constant a program
# may hold (`const_num` refuses one as large), so every comparison with one is as with infinity.
NEVER = 10**18
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


def bound_add(a: int | None, b: int | None) -> int | None:
    return None if a is None or b is None else a + b


def bound_mul(a: int | None, b: int | None) -> int | None:
    return None if a is None or b is None else a * b


def bound_max(*bs: int | None) -> int | None:
    return None if any(b is None for b in bs) else max(b for b in bs if b is not None)


def from_source(query: exp.Expr, alias: str) -> exp.Expr:
    """`query` as something a FROM clause can take: a table or an aliased subquery as it is, any other query
    wrapped as `(query) AS alias`. Never `((...) AS a) AS b`: DuckDB 2.0.1 and later reject a parenthesised
    table reference that already has an alias wrapped again."""
    if isinstance(query, exp.Table) or (isinstance(query, exp.Subquery) and query.alias):
        return query
    return exp.Subquery(this=query, alias=exp.TableAlias(this=exp.to_identifier(alias)))


def quoted_column(name: str) -> exp.Expr:
    """A column named exactly `name` (quoted: a program's ids are never read as SQL words)."""
    return exp.column(name, quoted=True)


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
    bound = bound_mul(x.bound, factor.bound)
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
    top, bottom = bound_mul(n.bound, up), bound_mul(d.bound, down)
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
    if abs(d) >= NEVER:  # "never" (infinity) must stay larger than every constant it is compared with
        raise SqlError(f"the number {d} is too large for the SQL back end (at most {NEVER - 1})")
    n, s = decimal_literal(d)
    return num_sql(n, s)
