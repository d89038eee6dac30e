"""Spark's plan and speed for glc's screening queries against DuckDB's (issue 17, item 5).

    .venv/bin/python benchmarks/spark_plan.py [TAPE] [-p PROGRAM ...] [--master local[*]] [--runs 1]

For each program (default keystone_bank_statement): the query's shape as glc builds it (layers: nested SELECTs
from the tape to the result; widest layer: most columns one SELECT computes; SQL characters for Spark), then on
one SparkSession (the engine's settings, `compiler.screen.spark.session`): planning (analysis, optimisation,
physical plan, the same steps as `spark_job.screen`), the analysed and optimised plans' depth (nodes on the
longest path), and the run (every result row read, screened and written to Spark's `noop` sink; the first run
includes compiling the generated code) per loan; then DuckDB's run of the same query (glc's `run_duckdb`, the
rows streamed to Arrow) per loan, and the ratio. Spark's code generator logs (whole-stage code generation given up
for a plan: "too long generated codes", "Code grows beyond 64 KB", "failed to compile") are captured in a log
file and counted. The typed tape of benchmarks/tapes.py (`glc sample-tape --typed --seed 1`) by default.
Writes benchmarks/spark_plan.json.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlglot import exp  # noqa: E402


def shape(tree: exp.Expr) -> dict[str, int]:
    """Nested SELECTs on the longest path from the result to the tape, and the most columns one SELECT computes."""
    def depth(node: exp.Expr) -> int:
        inner = [depth(s) for s in node.find_all(exp.Select) if s is not node and s.parent_select is node]
        return 1 + max(inner, default=0)

    return {"layers": depth(tree), "widest_layer": max(len(s.expressions) for s in tree.find_all(exp.Select))}


def plan_depth(plan: Any) -> int:
    """Nodes on the longest path of a Catalyst plan (Java object)."""
    children = plan.children()
    return 1 + max((plan_depth(children.apply(i)) for i in range(children.size())), default=0)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("tape", nargs="?", default=str(ROOT / "benchmarks/tapes/typed1000000.parquet"))
    ap.add_argument("-p", "--program", action="append")
    ap.add_argument("--master", default="local[*]")
    ap.add_argument("--runs", type=int, default=1)
    ap.add_argument("--out", default=str(ROOT / "benchmarks/spark_plan.json"))
    args = ap.parse_args()

    from compiler.backends.sql.numbers import render
    from compiler.driver import check_paths
    from compiler.screen import spark as spark_engine
    from compiler.screen.engines import connect, plan, run_duckdb
    from compiler.screen.spark_job import SETTINGS

    bundle = check_paths([ROOT / "programs"]).bundle
    assert bundle is not None
    programs = args.program or ["keystone_bank_statement"]
    work = Path(tempfile.mkdtemp(prefix="glc-spark-plan-"))
    log = work / "codegen.log"
    load_start = os.getloadavg()
    started = time.perf_counter()
    spark = spark_engine.session(work, args.master, "glc spark_plan", codegen_log=log)
    startup = time.perf_counter() - started
    for key, value in SETTINGS.items():
        spark.conf.set(key, value)
    con = connect()
    out: dict[str, Any] = {"command": "python benchmarks/spark_plan.py " + " ".join(sys.argv[1:]),
                           "when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
                           "tape": os.path.relpath(args.tape, ROOT), "master": args.master, "startup_seconds": round(startup, 1),
                           "load_average_start": [round(x, 2) for x in load_start], "programs": {}}
    for pid in programs:
        p = plan(con, bundle, Path(args.tape), [pid], None, engine="spark")
        spark_engine.export_tape(con, work / f"{pid}.parquet")
        spark.read.parquet(str(work / f"{pid}.parquet")).createOrReplaceTempView("tape")
        tree = p.trees[0]
        sql = render(tree, "spark")
        rows = p.total
        r: dict[str, Any] = {"rows": rows, **shape(tree), "spark_sql_chars": len(sql)}
        before = len(spark_engine.codegen_given_up(log))
        t0 = time.perf_counter()
        frame = spark.sql(sql)
        analysed = frame._jdf.queryExecution().analyzed()
        t1 = time.perf_counter()
        optimised = frame._jdf.queryExecution().optimizedPlan()
        t2 = time.perf_counter()
        frame._jdf.queryExecution().executedPlan()
        t3 = time.perf_counter()
        r |= {"analyse_seconds": round(t1 - t0, 2), "optimise_seconds": round(t2 - t1, 2), "physical_seconds": round(t3 - t2, 2),
              "plan_seconds": round(t3 - t0, 2), "analysed_depth": plan_depth(analysed), "optimised_depth": plan_depth(optimised)}
        runs = []
        for _ in range(args.runs):
            t = time.perf_counter()
            frame.write.format("noop").mode("overwrite").save()
            runs.append(time.perf_counter() - t)
        r["spark_run_seconds"] = [round(x, 1) for x in runs]
        r["spark_us_per_loan"] = round(min(runs) / rows * 1e6, 1)
        r["codegen_given_up"] = len(spark_engine.codegen_given_up(log)) - before
        duck = []
        for _ in range(max(args.runs, 1)):
            t = time.perf_counter()
            n = sum(b.num_rows for b in run_duckdb(con, p))
            duck.append(time.perf_counter() - t)
        assert n == rows
        r["duckdb_run_seconds"] = [round(x, 2) for x in duck]
        r["duckdb_us_per_loan"] = round(min(duck) / rows * 1e6, 2)
        r["spark_over_duckdb"] = round(r["spark_us_per_loan"] / r["duckdb_us_per_loan"], 2)
        out["programs"][pid] = r
        print(json.dumps({pid: r}), flush=True)
    out["load_average_end"] = [round(x, 2) for x in os.getloadavg()]
    spark.stop()
    Path(args.out).write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
