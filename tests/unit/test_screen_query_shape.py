"""The screening query's shape for speed (issue 17, item 4), without changing an answer:
- glc's DuckDB connections turn off the optimiser that inlined the query's layers under a GROUP BY (planning
  `SELECT status, count(*) FROM (<query>) GROUP BY status` took 18 s for 10 rows);
- streaming the tape (a view over the reader, one program) decides every row exactly as reading it into a table;
- outcomes are integers in the query, yet the result columns still say statuses and rule ids.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from compiler.driver import check_paths
from compiler.screen.duck import SLOW_OPTIMIZERS
from compiler.screen.engines import connect, plan, run_duckdb
from compiler.screen.sample import write_sample

ROOT = Path(__file__).resolve().parents[2]
BUNDLE = check_paths([ROOT / "programs"]).bundle
assert BUNDLE is not None
PROGRAM = "keystone_bank_statement"


@pytest.fixture(scope="module")
def tape(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("shape") / "typed.parquet"
    write_sample(BUNDLE, path, 400, seed=5, broken=0.05, typed=True)
    return path


def _rows(tape: Path, stream: bool) -> list[dict[str, object]]:
    con = connect()
    p = plan(con, BUNDLE, tape, [PROGRAM], None, stream=stream)
    kind = con.execute("SELECT table_type FROM information_schema.tables WHERE table_name = 'tape'").fetchall()[0][0]
    assert kind == ("VIEW" if stream else "BASE TABLE")
    return [r for b in run_duckdb(con, p) for r in b.to_pylist()]


def test_streaming_decides_as_the_table(tape: Path) -> None:
    table, streamed = _rows(tape, stream=False), _rows(tape, stream=True)
    assert len(table) == 400
    assert streamed == table
    assert {r["status"] for r in table} <= {"eligible", "ineligible", "needs_info", "invalid"}
    assert any(r["failing_rules"] for r in table) and all(r["failing_rules"] == "" for r in table if r["status"] == "eligible")


def test_aggregating_the_query_plans_fast(tape: Path) -> None:
    con = connect()
    disabled = con.execute("SELECT current_setting('disabled_optimizers')").fetchall()[0][0]
    assert all(name in disabled for name in SLOW_OPTIMIZERS)
    p = plan(con, BUNDLE, tape, [PROGRAM], None)
    started = time.perf_counter()
    counts = dict(con.sql(f"SELECT status, count(*) FROM ({p.queries[0]}) AS q GROUP BY status").fetchall())
    assert time.perf_counter() - started < 10  # 18 s for 10 rows with the optimiser on, well under 1 s off
    assert sum(counts.values()) == 400
    listed = dict(con.sql(f"SELECT status, count(*) FROM ({p.queries[0]}) AS q GROUP BY ALL").fetchall())
    assert listed == counts
