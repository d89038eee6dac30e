"""Tables keyed on choices, yes/no and several keys, and derived categories, in every executor.

A property over random axes (1-3 keys, each a choice, yes/no or integer key; random choice sets, `any` and bands)
and random points: the IR's `Axis.index`, the runtime's `line_index` (what generated `check` uses), the line
tests generated `check_fast` and lookups are written with, and the SQL `CASE` DuckDB runs all pick the same
line (the first holding every key). Then derived categories' first-true-line semantics with unknown conditions
in the evaluator, generated Python and SQL, and the lowering of `other`, labels and the E419/E403 checks.
GLC_KEYED_EXAMPLES sets the number of random axes (default 150, 12 points each).
"""

from __future__ import annotations

import os
import shutil
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlglot import exp

from compiler import ir, ir_types
from compiler.backends.python.expr import PyExpr
from compiler.backends.sql.expr import Scope, compile_expr, in_line
from compiler.backends.sql.numbers import Sql, render
from compiler.driver import check_paths
from compiler.evaluate import Env, ev
from compiler.meta import entry_meta
from compiler.runtime.assemble import line_index
from compiler.source import Span

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = int(os.environ.get("GLC_KEYED_EXAMPLES", "150"))
S = Span("t", 1, 1, 1, 2)
CHOICES = ("a", "b", "c", "d")
ENUM = ir_types.Type("enum", enum="k", values=CHOICES, labels=("A", "B", "C", "D"))
INTEGER = ir_types.Type("integer")
CON = duckdb.connect()


@st.composite
def entries(draw: st.DrawFn, kind: str) -> ir.Entry:
    if kind == "enum":
        values = draw(st.lists(st.sampled_from(CHOICES), min_size=0, max_size=4, unique=True))
        return ir.Choices(tuple(values), ", ".join(values), S)
    if kind == "yesno":
        values = draw(st.lists(st.booleans(), min_size=1, max_size=2, unique=True))
        return ir.Choices(tuple(values), "yes/no", S)
    low = draw(st.none() | st.integers(0, 10).map(Decimal))
    high = draw(st.none() | st.integers(0, 10).map(Decimal))
    return ir.Band(low, draw(st.booleans()), high, draw(st.booleans()), "band", S)


def _type(kind: str) -> ir_types.Type:
    return {"enum": ENUM, "yesno": ir_types.YESNO, "integer": INTEGER}[kind]


@st.composite
def axes(draw: st.DrawFn) -> ir.Axis:
    kinds = draw(st.lists(st.sampled_from(("enum", "yesno", "integer")), min_size=1, max_size=3))
    keys = tuple(ir.FieldRef(f"k{i}", _type(k), S) for i, k in enumerate(kinds))
    lines = draw(st.lists(st.tuples(*(entries(k) for k in kinds)), min_size=1, max_size=6))
    return ir.Axis(keys, tuple(lines), tuple(f"k{i}" for i in range(len(kinds))), "axis", S)


def point(kind: str) -> st.SearchStrategy[Any]:
    if kind == "enum":
        return st.sampled_from(CHOICES)
    if kind == "yesno":
        return st.booleans()
    return st.integers(-1, 11).map(Decimal)


def _python_index(axis: ir.Axis, values: tuple[Any, ...]) -> int:
    emitter = PyExpr()
    names = [f"k{i}" for i in range(len(axis.keys))]
    chain = "(" + "".join(f"{i} if {emitter.line_test(axis, line, names)} else "
                          for i, line in enumerate(axis.lines)) + "-1)"
    scope: dict[str, Any] = {"Decimal": Decimal}
    for name, text in emitter.constants.items():
        scope[name] = eval(text, scope)
    scope.update({n: int(v) if isinstance(v, Decimal) else v for n, v in zip(names, values, strict=True)})
    return int(eval(chain, scope))


def _sql_indexes(axis: ir.Axis, points: list[tuple[Any, ...]]) -> list[int]:
    kinds = {"enum": ("text", "VARCHAR"), "yesno": ("bool", "BOOLEAN"), "integer": ("num", "INTEGER")}
    typed = [kinds[{"enum": "enum", "yesno": "yesno", "integer": "integer"}[k.type.kind]] for k in axis.keys]
    keys = [Sql(exp.column(f"k{i}"), kind, 0) for i, (kind, _t) in enumerate(typed)]
    case = exp.Case(ifs=[exp.If(this=in_line(keys, line), true=exp.Literal.number(i))
                         for i, line in enumerate(axis.lines)], default=exp.Literal.number(-1))
    cols = ", ".join(f"CAST(k{i} AS {t}) AS k{i}" for i, (_k, t) in enumerate(typed))
    rows = ", ".join("(" + ", ".join(_sql_literal(v) for v in p) + ")" for p in points)
    names = ", ".join(f"k{i}" for i in range(len(axis.keys)))
    sql = f"SELECT {render(case, 'duckdb')} FROM (SELECT {cols} FROM (VALUES {rows}) AS t({names}))"
    return [int(r[0]) for r in CON.execute(sql).fetchall()]


def _sql_literal(v: Any) -> str:
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, str):
        return f"'{v}'"
    return str(v)


@settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.data())
def test_every_executor_picks_the_same_line(data: st.DataObject) -> None:
    axis = data.draw(axes())
    pts = [data.draw(st.tuples(*(point(k.type.kind) for k in axis.keys))) for _ in range(12)]
    meta_lines = tuple(tuple(entry_meta(e) for e in line) for line in axis.lines)
    sql = _sql_indexes(axis, pts)
    for p, from_sql in zip(pts, sql, strict=True):
        want = axis.index(p)
        expected = -1 if want is None else want
        got = line_index(meta_lines, p)
        assert (-1 if got is None else got) == expected, (axis, p)
        assert _python_index(axis, p) == expected, (axis, p)
        assert from_sql == expected, (axis, p)


# ------------------------------------------------------------------ derived categories


def _category(conds: list[ir.Expr]) -> ir.Category:
    t = ir_types.Type("enum", enum="grade", values=("a", "b", "c"), labels=("A", "B", "C"))
    return ir.Category(("a", "b")[: len(conds)], tuple(conds), "c", t, S)


def _flag(name: str) -> ir.Expr:
    return ir.FieldRef(name, ir_types.YESNO, S)


CASES = [  # (x, y) -> category of `a when x; b when y; otherwise c`
    ((True, None), "a"),  # decided by the first line: the second's unknown does not matter
    ((False, True), "b"),
    ((False, False), "c"),
    ((None, True), None),  # unknown before the first true line: it could have held
    ((False, None), None),
    ((None, False), None),
]


@pytest.mark.parametrize(("flags", "want"), CASES)
def test_category_first_true_line_unknown_never_skipped(flags: tuple[bool | None, bool | None], want: str | None) -> None:
    cat = _category([_flag("x"), _flag("y")])
    loan = {"x": flags[0], "y": flags[1]}
    assert ev(cat, Env(loan, None)) == want  # type: ignore[arg-type]
    emitter = PyExpr()
    scope: dict[str, Any] = {"loan": type("L", (), loan)()}
    assert eval(emitter.emit(cat), scope) == want
    hoisted = Scope({}, {})
    got = compile_expr(cat, hoisted)
    columns = ", ".join(f"CAST({_sql_literal(v) if v is not None else 'NULL'} AS BOOLEAN) AS {n}" for n, v in loan.items())
    layers = f"SELECT {columns}"
    for name, h in hoisted.take_hoisted():
        layers = f"SELECT *, {render(h, 'duckdb')} AS {name} FROM ({layers})"
    row = CON.execute(f"SELECT {render(got.tree, 'duckdb')} FROM ({layers})").fetchone()
    assert row is not None and row[0] == want


# ------------------------------------------------------------------ lowering


PROGRAM = """program keyed
  title: "Keyed"
  investor: "Test"
  family: "Test"
  version: "1"
  effective: 2026-01-01
  source: "Test guide"

matrix grid "Grid"
  cite "§1"
  gives max_ltv
  rows occupancy, fico
  columns purpose / interest_only
  | Occupancy             | FICO | purchase / no | rate_term, cash_out / any | purchase / yes |
  | "Primary residence"   | 700+ | 80%           | 75%                       | 70%            |
  | "Primary residence"   | < 700 | 70%          | 65%                       | N/A            |
  | other                 | any  | 60%           | N/A                       | N/A            |
"""


def test_other_any_and_labels_lower_to_explicit_entries(tmp_path: Path) -> None:
    shutil.copy(ROOT / "programs" / "loan.fields", tmp_path / "loan.fields")
    (tmp_path / "keyed.guideline").write_text(PROGRAM, encoding="utf-8")
    result = check_paths([tmp_path])
    assert result.bundle is not None, [d.message for d in result.diagnostics]
    m = result.bundle.programs[0].matrices[0]
    assert m.rows.lines[0][0] == ir.Choices(("primary",), "Primary residence", S)
    other = m.rows.lines[2]
    assert other[0] == ir.Choices(("second_home", "investment"), "any other", S)
    assert other[1] == ir.Band(None, True, None, True, "any", S)
    assert m.columns is not None and m.columns.lines[1][1] == ir.Choices((True, False), "any", S)
    assert m.rows.index(("investment", Decimal(640))) == 2
    assert m.rows.index(("primary", Decimal(700))) == 0
    assert m.columns.index(("cash_out", True)) == 1
    assert m.columns.index(("cash_out", "x")) is None


def test_gaps_are_checked_within_lines_sharing_the_other_keys(tmp_path: Path) -> None:
    shutil.copy(ROOT / "programs" / "loan.fields", tmp_path / "loan.fields")
    text = PROGRAM.replace('| "Primary residence"   | < 700 |', '| "Primary residence"   | < 690 |')
    (tmp_path / "keyed.guideline").write_text(text, encoding="utf-8")
    codes = [d.code for d in check_paths([tmp_path]).diagnostics]
    assert codes == ["E403"]
