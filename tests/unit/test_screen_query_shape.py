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


def test_the_result_schema_comes_from_the_build_cache_when_the_same_queries_were_planned_before(tape: Path,
                                                                                                 tmp_path: Path) -> None:
    """Planning a large query just for its result types (`LIMIT 0`) costs a third of a second: a second screen with
    the same SQL reads the schema from the build cache instead, and it is the same schema."""
    from compiler.build.cache import Cache
    from compiler.screen import duck

    cache = Cache(tmp_path / "cache")
    schemas = []
    for _ in range(2):
        seen: list[str] = []
        with duck.listen(seen.append):
            p = plan(connect(), BUNDLE, tape, [PROGRAM], None, stream=True, cache=cache)
        schemas.append((p.schema, sum(q.endswith("LIMIT 0") and "FROM (SELECT" in q for q in seen)))
    assert schemas[0][1] == 1 and schemas[1][1] == 0  # planned the first time only
    assert schemas[0][0] == schemas[1][0] == plan(connect(), BUNDLE, tape, [PROGRAM], None, stream=True).schema


def test_results_come_in_tape_order_whatever_order_duckdb_reads_the_row_groups_in(tmp_path: Path) -> None:
    """DuckDB streams a Parquet tape's row groups in the order its threads finish them: the results are sorted back
    into tape order, so results.csv is the same file run after run (a tape of 40 row groups, read by 2 threads)."""
    import pyarrow.parquet as pq

    source = tmp_path / "one.parquet"
    write_sample(BUNDLE, source, 4000, seed=11, broken=0.02, typed=True)
    tape = tmp_path / "groups.parquet"
    pq.write_table(pq.read_table(source), tape, row_group_size=100)
    for _ in range(3):
        con = connect(threads=2)
        p = plan(con, BUNDLE, tape, [PROGRAM], None, stream=True)
        rows = [r for b in run_duckdb(con, p) for r in b.column("row").to_pylist()]
        assert rows == list(range(1, 4001))
