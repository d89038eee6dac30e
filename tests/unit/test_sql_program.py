"""Every SQL text glc emits parses and runs on the installed DuckDB, and none has the shape DuckDB 2.0.1 rejects.

The SQL is not copied here: it is collected as the product runs it, through the one DuckDB connection every step
uses (`compiler.screen.duck.listen`): `glc sample-tape` (CSV and typed Parquet), `glc screen` on both tapes
in per-row and named-program modes, with every stress scenario of the portfolio (pool limits before and after,
the stress, base statuses and flips), the report (its loan facts and every aggregate), `glc report`, the python
engine, `--emit-sql` for Spark, and the hostile-text program's screening query. Each ran on this DuckDB (a
refusal raises `SqlError`, and the run must succeed); each is parsed again by DuckDB's own parser and by sqlglot,
and no tree holds a parenthesised aliased subquery wrapped again (`FROM ((SELECT ...) AS a) AS b`). The Spark
rendering is parsed by sqlglot's Spark parser and checked the same way.
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path
from typing import Any

import duckdb
import pytest
import sqlglot
from rich.console import Console
from sqlglot import exp

from compiler.cli.report import run_report
from compiler.cli.screen import run_screen
from compiler.driver import check_paths
from compiler.project import Project
from compiler.screen import duck
from compiler.screen.engines import connect, plan, run_duckdb
from compiler.screen.sample import write_sample

ROOT = Path(__file__).resolve().parents[2]
PROJECT = Project.find(ROOT)
BUNDLE = check_paths([ROOT / "programs"]).bundle
assert BUNDLE is not None
ROWS = 300


def wrapped_aliased_subqueries(tree: exp.Expr) -> list[str]:
    """Every `((query) AS a) AS b`: a Subquery whose `this` is a Subquery that carries an alias."""
    return [s.sql()[:120] for s in tree.find_all(exp.Subquery) if isinstance(s.this, exp.Subquery) and s.this.alias]


def trees(sql: str, dialect: str) -> list[exp.Expr]:
    return [t for t in sqlglot.parse(sql, read=dialect) if t is not None]


def test_the_shape_check_finds_the_shape_duckdb_rejects() -> None:
    bad = "SELECT * FROM ((SELECT 1 AS x) AS t) AS l1"
    assert wrapped_aliased_subqueries(trees(bad, "duckdb")[0])
    assert not wrapped_aliased_subqueries(trees("SELECT * FROM (SELECT 1 AS x) AS t", "duckdb")[0])


@pytest.fixture(scope="module")
def emitted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    """SQL text -> the steps that ran it (each step ran on the installed DuckDB without a refusal)."""
    work = tmp_path_factory.mktemp("sql")
    seen: dict[str, list[str]] = {}
    step = ["?"]

    def record(sql: str) -> None:
        seen.setdefault(sql, []).append(step[0])

    quiet = Console(file=io.StringIO(), width=200)
    with duck.listen(record), pytest.MonkeyPatch.context() as mp:
        mp.chdir(ROOT)
        step[0] = "sample-tape csv"
        write_sample(BUNDLE, work / "tape.csv", ROWS, seed=3, broken=0.05)
        step[0] = "sample-tape typed parquet"
        write_sample(BUNDLE, work / "typed.parquet", ROWS, seed=3, broken=0.05, typed=True)
        # both tapes, both modes, every scenario at least once (about 6 s a run, mostly DuckDB planning the queries)
        scenarios = [s.id for s in _portfolio_scenarios()]
        assert len(scenarios) >= 2
        runs = [("tape.csv", False, None), ("tape.csv", True, scenarios[0]), ("typed.parquet", False, scenarios[1]),
                ("typed.parquet", True, None), *[("tape.csv", True, s) for s in scenarios[2:]]]
        for i, (tape, every, scenario) in enumerate(runs):
            step[0] = f"screen {tape} {'--all' if every else 'per row'} scenario={scenario}"
            out = work / f"out{i}"
            assert run_screen(PROJECT, str(work / tape), [], every, "duckdb", str(out), None, quiet, progress=False,
                              scenario=scenario) == 0, step[0]
            assert (out / "report.html").is_file() and (out / "results.csv").is_file()
        step[0] = "glc report"
        assert run_report(PROJECT, str(work / "out1"), quiet) == 0
        step[0] = "screen --engine python"
        assert run_screen(PROJECT, str(work / "tape.csv"), ["harbor_dscr"], False, "python", str(work / "py"), None, quiet,
                          progress=False, report=False) == 0
        for tape, every in (("typed.parquet", True), ("tape.csv", False)):
            step[0] = f"screen {tape} --engine spark --emit-sql"
            assert run_screen(PROJECT, str(work / tape), [], every, "spark", str(work / "sp"), None, quiet,
                              progress=False, emit_sql=str(work / f"job-{tape}")) == 0
            assert (work / f"job-{tape}" / "screen.sql").is_file()
        # the hostile-text program (quotes, braces, script tags in every string) planned and run on a tape
        step[0] = "hostile program"
        programs = work / "hostile"
        programs.mkdir()
        shutil.copy(ROOT / "programs" / "loan.fields", programs / "loan.fields")
        shutil.copy(ROOT / "tests" / "cases" / "hostile" / "hostile.guideline", programs / "hostile.guideline")
        hostile = check_paths([programs]).bundle
        assert hostile is not None
        con = connect()
        p = plan(con, hostile, work / "tape.csv", ["hostile_text"], None)
        assert sum(b.num_rows for b in run_duckdb(con, p)) == ROWS
    SPARK_JOBS[:] = sorted(work.glob("job-*"))
    return seen


SPARK_JOBS: list[Path] = []


def _portfolio_scenarios() -> list[Any]:
    from compiler.driver import check_portfolios, find_portfolios

    checked = check_portfolios(find_portfolios(PROJECT.programs), BUNDLE.vocabulary)
    assert checked.portfolio is not None and checked.ok
    return list(checked.portfolio.scenarios)


def test_every_kind_of_sql_was_collected(emitted: dict[str, list[str]]) -> None:
    """The collection is not vacuous: each part of glc that writes SQL contributed some."""
    text = "\n".join(emitted).lower()
    for marker, what in [("read_csv(", "the CSV tape reader"), ("read_parquet(", "the Parquet tape reader / report"),
                         ("CREATE OR REPLACE TABLE tape AS", "the typed tape"), ("tape_rows", "per-row program queries"),
                         ("_pool0", "pool limits"), ("_stressed", "a stress scenario"), ("_base", "base statuses"),
                         ("_report_loans", "the report's loan facts"), ("QUALIFY", "the report's rule ranking"),
                         ("COPY (SELECT * FROM tape ORDER BY _row)", "the Spark tape export"),
                         ("hash(", "the sample tape")]:
        assert marker.lower() in text, f"no SQL from {what}"
    steps = {s for v in emitted.values() for s in v}
    assert any(s.startswith("screen typed.parquet per row scenario=") for s in steps)
    assert len(emitted) > 100, len(emitted)


def test_every_emitted_sql_parses_on_duckdb_and_has_no_rewrapped_alias(emitted: dict[str, list[str]]) -> None:
    parser = duckdb.connect()
    bad: list[str] = []
    for sql, steps in emitted.items():
        statements = parser.extract_statements(sql)  # DuckDB's own parser, again, apart from the run
        assert statements, sql[:200]
        try:
            parsed = trees(sql, "duckdb")
        except sqlglot.errors.ParseError as e:  # sqlglot cannot read it: DuckDB ran it; say which
            pytest.fail(f"sqlglot cannot parse SQL from {steps[0]}: {e}\n{sql[:300]}")
        for t in parsed:
            bad += [f"{steps[0]}: {shape}" for shape in wrapped_aliased_subqueries(t)]
    assert not bad, bad[:5]


def test_spark_rendering_parses_with_sqlglots_spark_parser(emitted: dict[str, list[str]]) -> None:
    """`--emit-sql`'s Spark SQL (rendered from the same trees DuckDB ran), per-row and named-program modes."""
    assert len(SPARK_JOBS) == 2
    for job in SPARK_JOBS:
        text = (job / "screen.sql").read_text(encoding="utf-8")
        parsed = trees(text, "spark")
        assert len(parsed) == 1 and not wrapped_aliased_subqueries(parsed[0])
        per_row = text.count("_program = '")  # each program's rows of the tape, in per-row mode only
        assert "UNION ALL" in text and (per_row == 0 if "typed" in job.name else per_row == len([p for p in BUNDLE.programs if not p.abstract]))


def test_duckdb_refusing_glcs_sql_is_an_internal_error_not_a_bad_tape(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    con = connect()
    with pytest.raises(duck.SqlError, match="refused SQL that glc generated"):
        con.execute("SELECT FROM WHERE (")
    with pytest.raises(duck.SqlError, match="not a problem with your tape"):
        con.sql("SELECT no_such_column FROM (SELECT 1 AS x) AS t")
    # through `glc screen`: a program query DuckDB refuses (the SQL back end `BACKENDS["sql"]` the engines use)
    from compiler.backends import BACKENDS

    monkeypatch.chdir(ROOT)
    monkeypatch.setattr(BACKENDS["sql"].module(), "program_query", lambda *a, **k: exp.select(exp.column("no_such_column")).from_("tape"))
    write_sample(BUNDLE, tmp_path / "tape.csv", 20, seed=4, broken=0)
    code = run_screen(PROJECT, str(tmp_path / "tape.csv"), [], True, "duckdb", str(tmp_path / "o"), None,
                      Console(file=io.StringIO()), progress=False)
    err = capsys.readouterr().err
    assert code == 3, err
    assert "internal error" in err and "bug in glc" in err and "Cannot read the tape" not in err
    # a tape's own fault is still the tape's
    (tmp_path / "t.csv").write_text("loan_id,fico,program\nA,700,harbor_dscr\nB,710\n", encoding="utf-8")
    monkeypatch.undo()
    monkeypatch.chdir(ROOT)
    code = run_screen(PROJECT, str(tmp_path / "t.csv"), [], False, "duckdb", str(tmp_path / "o2"), None,
                      Console(file=io.StringIO()), progress=False)
    err = capsys.readouterr().err
    assert code == 1 and "Cannot read the tape" in err and "internal error" not in err
