"""glc's screening query for keystone_bank_statement against a minimal hand-written DuckDB query (issue 17, item 4).

    .venv/bin/python benchmarks/query_vs_minimal.py [TAPE] [--runs 5]

One process, one DuckDB connection (glc's: `compiler.screen.engines.connect`), the tape read once into the typed
table `tape` (`engines.plan`, as `glc screen` does). Both queries (glc's `program_query`, and
benchmarks/minimal_keystone_sql.py) are first checked to agree on every row and column; only then each is timed,
alternating, `--runs` times: the rows streamed to Arrow batches as `glc screen` reads them (`run_duckdb`). CPU
seconds are the process's (DuckDB's threads included), wall seconds by the clock; medians, and the ratio glc over
minimal. Also times each query wrapped in `GROUP BY status` (the aggregation slowdown of issue 17). Writes
benchmarks/query_vs_minimal.json.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
PROGRAM = "keystone_bank_statement"
COLUMNS = ["status", "max_ltv", "max_ltv_rule", "max_cltv", "max_cltv_rule", "max_loan_amount", "max_loan_amount_rule",
           "failing_rules", "missing_rules", "review_rules", "conditions", "reason", "loan_id", "program"]


def cpu() -> float:
    t = os.times()
    return t.user + t.system


def drain(con: Any, sql: str) -> int:
    return sum(b.num_rows for b in con.sql(sql).to_arrow_reader(50_000))


def timed(con: Any, sql: str) -> dict[str, float]:
    c, w = cpu(), time.perf_counter()
    drain(con, sql)
    return {"cpu": cpu() - c, "wall": time.perf_counter() - w}


def disagreements(con: Any, glc: str, minimal: str) -> tuple[int, list[Any]]:
    diff = " OR ".join(f"g.{c} IS DISTINCT FROM h.{c}" for c in COLUMNS)
    q = f"FROM ({glc}) AS g FULL JOIN ({minimal}) AS h USING (row) WHERE {diff}"
    n = con.sql(f"SELECT count(*) {q}").fetchall()[0][0]
    return int(n), con.sql(f"SELECT row, {', '.join(f'g.{c}, h.{c}' for c in COLUMNS)} {q} ORDER BY row LIMIT 3").fetchall()


def main() -> int:
    import duckdb
    import minimal_keystone_sql as minimal

    from compiler.driver import check_paths
    from compiler.screen.engines import connect, plan

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("tape", nargs="?", default=str(ROOT / "benchmarks" / "tapes" / "typed1000000.parquet"))
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--aggregate-runs", type=int, default=1)
    args = ap.parse_args()
    bundle = check_paths([ROOT / "programs"]).bundle
    assert bundle is not None
    con = connect()
    for stmt in minimal.MACROS.split(";"):
        if stmt.strip():
            con.execute(stmt)
    p = plan(con, bundle, Path(args.tape), [PROGRAM], None)
    glc, hand = p.queries[0], minimal.query()
    rows = int(con.sql("SELECT count(*) FROM tape").fetchall()[0][0])
    bad, examples = disagreements(con, glc, hand)
    tape = Path(args.tape).resolve()
    report: dict[str, Any] = {"tape": str(tape.relative_to(ROOT)) if ROOT in tape.parents else str(tape), "rows": rows,
                              "duckdb": duckdb.__version__, "disagreements": bad,
                              "load_average_start": list(os.getloadavg())}
    if bad:
        report["examples"] = [str(e) for e in examples]
        print(json.dumps(report, indent=2))
        return 1
    runs: dict[str, list[dict[str, float]]] = {"glc": [], "minimal": []}
    for _ in range(args.runs):
        for name, sql in (("glc", glc), ("minimal", hand)):
            runs[name].append(timed(con, sql))
    for name in runs:
        report[name] = {k: statistics.median(r[k] for r in runs[name]) for k in ("cpu", "wall")}
        report[name]["us_per_loan_cpu"] = report[name]["cpu"] / rows * 1e6
    report["ratio_cpu"] = report["glc"]["cpu"] / report["minimal"]["cpu"]
    report["ratio_wall"] = report["glc"]["wall"] / report["minimal"]["wall"]
    agg: dict[str, list[dict[str, float]]] = {"glc": [], "minimal": []}
    for _ in range(args.aggregate_runs):
        for name, sql in (("glc", glc), ("minimal", hand)):
            agg[name].append(timed(con, f"SELECT status, count(*) AS n FROM ({sql}) AS q GROUP BY status"))
    report["group_by_status"] = {name: {k: statistics.median(r[k] for r in agg[name]) for k in ("cpu", "wall")} for name in agg}
    report["load_average_end"] = list(os.getloadavg())
    report["runs"] = args.runs
    (ROOT / "benchmarks" / "query_vs_minimal.json").write_text(json.dumps(report, indent=2) + "\n")
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
