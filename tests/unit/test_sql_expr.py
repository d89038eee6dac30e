"""The SQL expression compiler against the reference evaluator and the runtime, on edge cases, run by DuckDB.

Rounding (every mode, negative numbers, exact halves, division by zero), Kleene logic with NULL, `lesser of`
with an unknown argument, `default`, `is known`, months between dates at month ends, and the list functions
(months since the latest event, counting lates) including empty, unknown and incomplete lists.
"""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal
from typing import Any

import duckdb
import pytest
from sqlglot import exp

from compiler import ir, ir_types
from compiler.backends.sql.expr import Scope, compile_expr
from compiler.backends.sql.layers import Layers
from compiler.backends.sql.numbers import NEVER, SqlError, div_round, render
from compiler.evaluate import Env, ev
from compiler.runtime.values import div_round as runtime_div_round
from compiler.runtime.values import months_between
from compiler.source import Span

SPAN = Span("t", 1, 1, 1, 2)
NUM = ir_types.Type("money")
INTEGER = ir_types.Type("integer")
YESNO = ir_types.YESNO
CON = duckdb.connect()


def _row(row: dict[str, Any], types: dict[str, str]) -> exp.Expr:
    cols = ", ".join(f'CAST(? AS {types[k]}) AS "{k}"' for k in row) or "1 AS dummy"
    return exp.Subquery(this=exp.maybe_parse(f"SELECT {cols}", dialect="duckdb"), alias=exp.TableAlias(this=exp.to_identifier("r")))


def run(trees: list[exp.Expr], row: dict[str, Any] | None = None, types: dict[str, str] | None = None) -> tuple[Any, ...]:
    """Evaluate SQL expressions over one row whose columns are given with their DuckDB types."""
    row = row or {}
    sql = exp.select(*[exp.cast(t, "VARCHAR") for t in trees]).from_(_row(row, types or {}))
    return CON.execute(sql.sql(dialect="duckdb"), list(row.values())).fetchone()  # type: ignore[no-any-return]


def run_ir(xs: list[ir.Expr], row: dict[str, Any], types: dict[str, str]) -> tuple[Any, ...]:
    """Evaluate IR expressions over one row as a program's query does: the parts they hoist (`Scope.hoist`)
    computed in layers below them."""
    scope = Scope({}, {})
    trees = [compile_expr(x, scope).tree for x in xs]
    layers = Layers(_row(row, types))
    for name, tree in scope.take_hoisted():
        layers.add([exp.alias_(tree, name)], hoisted=True)
    final = [exp.alias_(exp.cast(t, "VARCHAR"), f"c{i}") for i, t in enumerate(trees)]
    return CON.execute(layers.select(final, "out").sql(dialect="duckdb"), list(row.values())).fetchone()  # type: ignore[no-any-return]


def as_decimal(text: str | None, scale: int) -> Decimal | None:
    return None if text is None else Decimal(int(text)).scaleb(-scale)


def c(v: Any, t: ir_types.Type = NUM) -> ir.Const:
    return ir.Const(v, t, str(v), SPAN)


VALUES = [Decimal(x) for x in ("7", "-7", "5", "-5", "2.5", "-2.5", "0", "0.125", "-0.125", "1.005", "-1.005", "123456789.12")]
DIVISORS = [Decimal(x) for x in ("2", "-2", "3", "-3", "4", "0.5", "-0.5", "7", "0", "100", "8")]


@pytest.mark.parametrize("mode", ["up", "down", "half_up", "half_even"])
def test_div_round_matches_runtime(mode: str) -> None:
    """One expression over a table of (numerator, divisor) pairs, as a tape would have them (DECIMAL(18, 3))."""
    cases = list(itertools.product(VALUES, DIVISORS))
    scope = Scope({"n": 3, "d": 3}, {})
    n, d = scope.field("n", NUM), scope.field("d", NUM)
    trees = [exp.cast(div_round(n, d, p, mode), "VARCHAR") for p in (0, 1, 2)]
    CON.execute("CREATE OR REPLACE TEMP TABLE pairs (i INTEGER, n DECIMAL(18, 3), d DECIMAL(18, 3))")
    CON.executemany("INSERT INTO pairs VALUES (?, ?, ?)", [(i, a, b) for i, (a, b) in enumerate(cases)])
    rows = CON.execute(exp.select(*trees).from_("pairs").order_by("i").sql(dialect="duckdb")).fetchall()
    for (a, b), got in zip(cases, rows, strict=True):
        for p, text in zip((0, 1, 2), got, strict=True):
            assert as_decimal(text, p) == runtime_div_round(a, b, p, mode), (a, b, p, mode)


@pytest.mark.parametrize("mode", ["up", "down", "half_up", "half_even"])
def test_divround_and_round_nodes_match_evaluator(mode: str) -> None:
    rounding = ir_types.Rounding(mode, 2)  # type: ignore[arg-type]
    exprs: list[ir.Expr] = []
    for n, d in itertools.product(VALUES, DIVISORS):
        exprs.append(ir.DivRound(c(n), c(d), rounding, NUM, SPAN))
    for n in VALUES:
        exprs.append(ir.Round(ir.Arith("*", c(n), c(Decimal("0.001")), NUM, SPAN), rounding, NUM, SPAN))
    scope = Scope({}, {})
    compiled = [compile_expr(x, scope) for x in exprs]
    assert not scope.hoisted or all(isinstance(t, exp.Expr) for _n, t in scope.hoisted)
    # hoisted operands of constants stay inline (constants are literals), so the trees evaluate directly
    got = run([s.tree for s in compiled])
    env = Env({}, None)  # type: ignore[arg-type]
    for x, s, text in zip(exprs, compiled, got, strict=True):
        assert as_decimal(text, s.scale) == ev(x, env), x


def test_kleene_logic_and_unknowns() -> None:
    t, f = c(True, YESNO), c(False, YESNO)
    u = ir.FieldRef("u", YESNO, SPAN)  # an unknown yes/no
    n = ir.FieldRef("n", NUM, SPAN)  # an unknown number
    exprs: list[ir.Expr] = []
    for a, b in itertools.product((t, f, u), repeat=2):
        exprs += [ir.And((a, b), SPAN), ir.Or((a, b), SPAN)]
    exprs += [ir.Not(t, SPAN), ir.Not(u, SPAN), ir.IsKnown(u, False, SPAN), ir.IsKnown(u, True, SPAN),
              ir.IsKnown(c(Decimal(1)), False, SPAN),
              ir.Compare("<", n, c(Decimal(5)), SPAN), ir.Compare(">=", c(Decimal("5.00")), c(Decimal(5)), SPAN),
              ir.Compare("=", ir.Extremum("lesser", (c(Decimal(1)), n), NUM, SPAN), c(Decimal(1)), SPAN),
              ir.Compare("=", ir.Default(n, c(Decimal("2.5")), NUM, SPAN), c(Decimal("2.50")), SPAN),
              ir.Compare("=", ir.IfThenElse(u, c(Decimal(1)), c(Decimal(2)), NUM, SPAN), c(Decimal(1)), SPAN),
              ir.Compare("=", ir.IfThenElse(f, c(Decimal(1)), c(Decimal(2)), NUM, SPAN), c(Decimal(2)), SPAN),
              ir.InSet(ir.FieldRef("e", ir_types.Type("enum"), SPAN), ("a", "b"), False, SPAN),
              ir.InSet(ir.FieldRef("e", ir_types.Type("enum"), SPAN), ("a", "b"), True, SPAN)]
    scope = Scope({"n": 2}, {})
    got = run([compile_expr(x, scope).tree for x in exprs], {"u": None, "n": None, "e": None},
              {"u": "BOOLEAN", "n": "DECIMAL(18, 2)", "e": "VARCHAR"})
    env = Env({"u": None, "n": None, "e": None}, None)  # type: ignore[arg-type]
    for x, text in zip(exprs, got, strict=True):
        want = ev(x, env)
        assert (None if text is None else text == "true") == want, x


def test_lesser_and_greater_of_known_values_and_scales() -> None:
    exprs = [ir.Extremum("lesser", (c(Decimal("1.5")), c(Decimal(2)), c(Decimal("0.25"))), NUM, SPAN),
             ir.Extremum("greater", (c(Decimal("1.5")), c(Decimal(-2))), NUM, SPAN),
             ir.Arith("-", c(Decimal("0.1")), c(Decimal(3)), NUM, SPAN),
             ir.Arith("*", c(Decimal("0.1")), c(Decimal("-0.25")), NUM, SPAN),
             ir.Scale(c(Decimal("80.5")), -2, NUM, SPAN), ir.Scale(c(Decimal("0.805")), 2, NUM, SPAN),
             ir.Neg(c(Decimal("3.25")), NUM, SPAN)]
    scope = Scope({}, {})
    compiled = [compile_expr(x, scope) for x in exprs]
    got = run([s.tree for s in compiled])
    env = Env({}, None)  # type: ignore[arg-type]
    for x, s, text in zip(exprs, compiled, got, strict=True):
        assert as_decimal(text, s.scale) == ev(x, env), x


DATES = [dt.date(2024, 1, 31), dt.date(2024, 2, 29), dt.date(2024, 3, 31), dt.date(2025, 2, 28), dt.date(2023, 12, 15),
         dt.date(2026, 3, 15), dt.date(2026, 3, 14), dt.date(2025, 3, 15), dt.date(2025, 3, 16), dt.date(2022, 5, 31)]


def test_months_since_matches_runtime_at_month_ends() -> None:
    as_of = [dt.date(2026, 3, 15), dt.date(2026, 2, 28), dt.date(2024, 2, 29), dt.date(2026, 4, 30)]
    pairs = [(d, a) for d in DATES for a in as_of if d <= a]
    exprs = [ir.MonthsSince(c(d, ir_types.DATE), "as_of", MONTHS, SPAN) for d, _a in pairs]
    for (_d, a), x in zip(pairs, exprs, strict=True):
        got = run([compile_expr(x, Scope({}, {})).tree], {"as_of": a}, {"as_of": "DATE"})[0]
        assert Decimal(int(got)) == Decimal(months_between(_d, a)), (_d, a)  # type: ignore[arg-type]


MONTHS = ir_types.MONTHS
EVENT = "STRUCT(kind VARCHAR, completed_on DATE)[]"
LATE = "STRUCT(due_on DATE, days_late INTEGER)[]"


@pytest.mark.parametrize("events", [
    None, [], [{"kind": "bk7", "completed_on": dt.date(2022, 3, 16)}],
    [{"kind": "fc", "completed_on": dt.date(2022, 3, 15)}, {"kind": "bk7", "completed_on": dt.date(2025, 1, 31)}],
    [{"kind": "bk7", "completed_on": None}], [{"kind": "ss", "completed_on": None}, {"kind": "fc", "completed_on": dt.date(2020, 1, 1)}],
    [{"kind": None, "completed_on": dt.date(2020, 1, 1)}],
])
def test_months_since_latest_matches_evaluator(events: list[dict[str, Any]] | None) -> None:
    exprs = [ir.MonthsSinceLatest("ev", "kind", "completed_on", kinds, "as_of", MONTHS, SPAN) for kinds in ((), ("fc", "bk7"), ("dil",))]
    row = {"ev": events, "as_of": dt.date(2026, 3, 15)}
    got = run_ir(list(exprs), row, {"ev": EVENT, "as_of": "DATE"})
    env = Env(row, None)  # type: ignore[arg-type]
    for x, text in zip(exprs, got, strict=True):
        want = ev(x, env)
        shown = None if text is None else (Decimal("Infinity") if int(text) == NEVER else Decimal(int(text)))
        assert shown == want, (x.kinds, events)


def test_months_since_latest_filters_and_finds_the_latest_once() -> None:
    """The items of the kinds and their latest date are columns computed once (each filter and lambda is
    interpreted per row on Spark), read by the size tests and the four parts of the month count."""
    scope = Scope({}, {})
    tree = compile_expr(ir.MonthsSinceLatest("ev", "kind", "completed_on", ("fc", "bk7"), "as_of", MONTHS, SPAN), scope).tree
    hoisted = scope.take_hoisted()
    assert len(hoisted) == 2 and hoisted[0][1].find(exp.ArrayFilter) and hoisted[1][1].find(exp.ArrayMax)
    assert len(list(tree.find_all(exp.ArrayMax))) == 0 and len(list(tree.find_all(exp.ArrayFilter))) == 1  # undated


def test_never_is_a_bigint_and_larger_than_any_constant() -> None:
    """Months since an event that never happened: a BIGINT (64-bit comparisons on Spark, not DECIMAL(38, 0)),
    larger than every constant a program may compare it with; a constant as large is refused, not compared wrongly."""
    latest = ir.MonthsSinceLatest("ev", "kind", "completed_on", ("bk7",), "as_of", MONTHS, SPAN)
    sql = compile_expr(latest, Scope({}, {}))
    assert sql.width == 64 and NEVER < 2**62
    assert "INT128" not in render(sql.tree, "duckdb") and "DECIMAL" not in render(sql.tree, "spark")
    biggest = Decimal(NEVER - 1)
    test = ir.Compare(">=", latest, c(biggest, MONTHS), ir_types.YESNO, SPAN)
    got = run_ir([test], {"ev": [], "as_of": dt.date(2026, 3, 15)}, {"ev": EVENT, "as_of": "DATE"})
    assert got == ("true",)  # never >= the largest constant allowed, as infinity is
    with pytest.raises(SqlError, match="too large"):
        compile_expr(ir.Compare(">=", latest, c(Decimal(NEVER), MONTHS), ir_types.YESNO, SPAN), Scope({}, {}))
    with pytest.raises(SqlError, match="too large"):
        Scope({"n": 0}, {}, field_bounds={"n": Decimal(NEVER)}).field("n", NUM)


@pytest.mark.parametrize("lates", [
    None, [], [{"due_on": dt.date(2025, 3, 16), "days_late": 30}], [{"due_on": dt.date(2025, 3, 15), "days_late": 30}],
    [{"due_on": dt.date(2025, 12, 1), "days_late": 59}, {"due_on": dt.date(2026, 1, 1), "days_late": 60}],
    [{"due_on": None, "days_late": 30}], [{"due_on": dt.date(2026, 1, 1), "days_late": None}],
])
def test_count_lates_matches_evaluator(lates: list[dict[str, Any]] | None) -> None:
    exprs = [ir.CountLates("hl", "days_late", "due_on", days, months, "as_of", INTEGER, SPAN) for days, months in ((30, 12), (60, 24))]
    row = {"hl": lates, "as_of": dt.date(2026, 3, 15)}
    got = run([compile_expr(x, Scope({}, {})).tree for x in exprs], row, {"hl": LATE, "as_of": "DATE"})
    env = Env(row, None)  # type: ignore[arg-type]
    for x, text in zip(exprs, got, strict=True):
        assert (None if text is None else Decimal(int(text))) == ev(x, env), lates


def test_unknown_node_fails_loudly() -> None:
    with pytest.raises(SqlError):
        compile_expr(object(), Scope({}, {}))  # type: ignore[arg-type]


def test_same_tree_renders_for_spark() -> None:
    x = ir.DivRound(ir.FieldRef("loan_amount", NUM, SPAN), ir.FieldRef("appraised_value", NUM, SPAN), ir_types.Rounding("up", 2), NUM, SPAN)
    scope = Scope({"loan_amount": 0, "appraised_value": 2}, {})
    tree = compile_expr(x, scope).tree
    trees = [t for _n, t in scope.hoisted] + [tree]  # the operands are computed in an earlier layer
    spark, duck = " ".join(render(t, "spark") for t in trees), " ".join(render(t, "duckdb") for t in trees)
    assert "DECIMAL(38, 0)" in spark and "INT128" not in spark
    assert " DIV " not in spark and " % " in spark  # Spark's DIV is 64-bit and wraps: exact decimal division instead
    assert "//" in duck and "INT128" in duck


BOUNDED = {"n": Decimal(100_000_000), "d": Decimal(100_000_000)}  # $1..$100,000,000-like declared ranges
EXTREMES = [Decimal(x) for x in ("100000000", "-100000000", "99999999.99", "0.01", "-0.01", "1", "0", "33333333.33")]


def test_bounded_fields_compute_in_64_bits_and_stay_exact_at_their_extremes() -> None:
    """Fields with declared ranges (the tape enforces them): BIGINT arithmetic where every step fits 64 bits, a
    128-bit step only where a product can pass 2**63, and every result exact at the ranges' ends (an overflow
    would raise)."""
    n, d = ir.FieldRef("n", NUM, SPAN), ir.FieldRef("d", NUM, SPAN)
    rounding = ir_types.Rounding("half_even", 4)
    fits: list[ir.Expr] = [ir.DivRound(n, d, rounding, NUM, SPAN), ir.DivRound(ir.Arith("+", n, d, NUM, SPAN), n, rounding, NUM, SPAN),
            ir.Round(ir.Arith("*", n, c(Decimal("0.125")), NUM, SPAN), ir_types.Rounding("up", 0), NUM, SPAN),
            ir.Scale(ir.Arith("-", n, d, NUM, SPAN), 2, NUM, SPAN)]
    wide: list[ir.Expr] = [ir.Arith("*", ir.Arith("*", n, d, NUM, SPAN), n, NUM, SPAN),  # up to 10**30: past 64 bits
            ir.DivRound(ir.Arith("*", n, n, NUM, SPAN), d, rounding, NUM, SPAN)]
    scope = Scope({"n": 2, "d": 2}, {}, field_bounds=BOUNDED)
    compiled = [compile_expr(x, scope) for x in fits + wide]
    assert scope.hoisted  # operands of divisions as columns: evaluated inline here
    inline = {name: tree for name, tree in scope.hoisted}

    def expand(tree: exp.Expr) -> exp.Expr:
        return tree.transform(lambda t: expand(inline[t.name]) if isinstance(t, exp.Column) and t.name in inline else t)

    trees = [expand(s.tree) for s in compiled]
    for s, tree in zip(compiled[:len(fits)], trees, strict=False):
        assert s.width == 64 and "INT128" not in tree.sql(dialect="duckdb"), tree.sql(dialect="duckdb")
        assert "DECIMAL(38, 0)" not in render(tree, "spark") and ("DIV" in render(tree, "spark")) == ("//" in tree.sql("duckdb"))
    assert all(s.width == 128 for s in compiled[len(fits):])
    for a, b in itertools.product(EXTREMES, repeat=2):
        got = run(trees, {"n": a, "d": b}, {"n": "DECIMAL(18, 2)", "d": "DECIMAL(18, 2)"})
        env = Env({"n": a, "d": b}, None)  # type: ignore[arg-type]
        for x, s, text in zip(fits + wide, compiled, got, strict=True):
            want = ev(x, env)
            assert as_decimal(text, s.scale) == (None if not isinstance(want, Decimal) else want), (x, a, b)


def test_unbounded_fields_keep_128_bit_arithmetic() -> None:
    """Without a declared range nothing proves a product fits 64 bits: HUGEINT (DECIMAL(38, 0) on Spark)."""
    n = ir.FieldRef("n", NUM, SPAN)
    s = compile_expr(ir.Arith("*", n, n, NUM, SPAN), Scope({"n": 2}, {}))
    assert s.width == 128 and s.bound is None and "INT128" in s.tree.sql(dialect="duckdb")
    assert "DECIMAL(38, 0)" in render(s.tree, "spark")
