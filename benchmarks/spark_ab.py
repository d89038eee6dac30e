"""Two (or more) variants of Spark screening queries, or of Spark settings, timed against each other in one
SparkSession, interleaved, so that a shared machine's load falls on every variant alike (issue 17, item 5).

    .venv/bin/python benchmarks/spark_ab.py TAPE -v NAME=FOLDER[,key=value...] -v ... [-p PROGRAM ...] [--runs 3]

A variant is a folder of Spark SQL files, `<program>.sql` (each program's screening query as `glc screen --engine
spark` renders it for the tape's columns, e.g. written by one version of the compiler and then another), and
Spark settings applied on top of the engine's (`spark_job.SETTINGS`; e.g. spark.sql.codegen.wholeStage=true).
For each program and run, each variant in turn: planning (`spark.sql`, then the physical plan: analysis,
optimisation, planning) and the run (every result row to Spark's `noop` sink; the first run compiles the
generated code). Reports per variant the medians of planning and the best run per loan, and the ratio to the
first variant; the code generator's complaints (code past the JVM's 64 KB method limit) are counted per variant.
Also checks that every variant gives the same rows (a checksum over all result columns). Prints JSON lines.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def variant(text: str) -> tuple[str, Path, dict[str, str]]:
    name, _, rest = text.partition("=")
    folder, *confs = rest.split(",")
    return name, Path(folder), dict(c.split("=", 1) for c in confs)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("tape")
    ap.add_argument("-v", "--variant", action="append", required=True, type=variant)
    ap.add_argument("-p", "--program", action="append")
    ap.add_argument("--master", default="local[*]")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()

    from compiler.driver import check_paths
    from compiler.screen import spark as spark_engine
    from compiler.screen.engines import connect, plan
    from compiler.screen.spark_job import SETTINGS

    bundle = check_paths([ROOT / "programs"]).bundle
    assert bundle is not None
    work = Path(tempfile.mkdtemp(prefix="glc-spark-ab-"))
    log = work / "codegen.log"
    print(json.dumps({"load_average_start": os.getloadavg()}), flush=True)
    spark = spark_engine.session(work, args.master, "glc spark_ab", codegen_log=log)
    con = connect()
    for pid in args.program or ["keystone_bank_statement"]:
        p = plan(con, bundle, Path(args.tape), [pid], None, engine="spark")
        spark_engine.export_tape(con, work / f"{pid}.parquet")
        spark.read.parquet(str(work / f"{pid}.parquet")).createOrReplaceTempView("tape")
        times: dict[str, dict[str, list[float]]] = {name: {"plan": [], "run": []} for name, _f, _c in args.variant}
        given_up = {name: 0 for name, _f, _c in args.variant}
        sums: dict[str, Any] = {}
        for _ in range(args.runs):
            for name, folder, confs in args.variant:
                for key, value in {**SETTINGS, **confs}.items():
                    spark.conf.set(key, value)
                sql = (folder / f"{pid}.sql").read_text(encoding="utf-8")
                before = len(spark_engine.codegen_given_up(log))
                t0 = time.perf_counter()
                frame = spark.sql(sql)
                frame._jdf.queryExecution().executedPlan()
                t1 = time.perf_counter()
                frame.write.format("noop").mode("overwrite").save()
                t2 = time.perf_counter()
                times[name]["plan"].append(t1 - t0)
                times[name]["run"].append(t2 - t1)
                given_up[name] += len(spark_engine.codegen_given_up(log)) - before
                if name not in sums:
                    cols = ", ".join(f"`{c}`" for c in frame.columns)
                    sums[name] = spark.sql(f"SELECT sum(hash({cols})), count(*) FROM ({sql})").collect()[0][:]
        first = args.variant[0][0]
        best = {name: min(t["run"]) / p.total * 1e6 for name, t in times.items()}
        out = {pid: {name: {"plan_seconds_median": round(statistics.median(t["plan"]), 2),
                            "plan_seconds": [round(x, 2) for x in t["plan"]],
                            "run_seconds": [round(x, 2) for x in t["run"]],
                            "us_per_loan_best": round(best[name], 1),
                            "over_" + first: round(best[name] / best[first], 3),
                            "codegen_given_up": given_up[name], "checksum": list(sums[name])}
                     for name, t in times.items()}}
        out[pid]["same_rows"] = len({tuple(s) for s in sums.values()}) == 1  # type: ignore[assignment]
        print(json.dumps(out), flush=True)
    print(json.dumps({"load_average_end": os.getloadavg(), "rows": p.total}), flush=True)
    spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
