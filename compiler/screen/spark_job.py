"""Screening on Spark, the job itself: standalone (Python's standard library and pyspark, nothing of glc), so the
same code runs inside `glc screen --engine spark` and under `spark-submit` on a cluster:

    glc screen tape.csv --engine spark --emit-sql job/     # job/screen.sql and job/tape.parquet (the tape read and checked)
    spark-submit --master spark://host:7077 compiler/screen/spark_job.py job/screen.sql job/tape.parquet results/

`screen.sql` is one Spark SQL query: every program's decision for every row of the view `tape`, in the order of the
results (program by program, tape row by tape row). The job reads the tape, runs the query with ANSI arithmetic
(an overflow is an error, never a wrapped or NULL number) and writes the results as Parquet files into a new folder
(part-00000... in result order). Exit 0 done, 1 failure, 2 usage error.

Run as a script (`main`), it prints: it is the program spark-submit starts, with no command line of glc around it,
so it reports to its own stdout and stderr. It is the one module outside `compiler/cli/` allowed to
(`tests/unit/test_imports.py`); `screen`, which `glc screen --engine spark` calls, prints nothing.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

# Settings the query relies on (set on the session, whatever the cluster's defaults).
SETTINGS = {
    "spark.sql.ansi.enabled": "true",  # DECIMAL overflow raises instead of giving NULL; the SQL's arithmetic is exact or fails
    "spark.sql.session.timeZone": "UTC",  # dates only, but no local-time surprises
    # Speed, not exactness: whole-stage code generation off. With the shallow queries (each layer its own compiled
    # projection, carrying few columns), each program runs faster without it, and Spark never meets the JVM's 64 KB
    # method limit (keystone's and foreign_national_dscr's fused code passed it: "Code grows beyond 64 KB", a failed
    # compile on every run, then the fallback). 200,000-row typed tape, local[2], steady run, us a loan, off / on
    # (benchmarks/spark.md): keystone 116 / 174, foreign_national_dscr 67 / 120, crestline 46 / 61 (its code fits).
    # Again with 64-bit arithmetic (benchmarks/spark_ab.py, interleaved in one session): off / on keystone 31 / 50
    # (its fused code still past 64 KB), foreign_national_dscr 34 / 70, crestline 34 / 88.
    "spark.sql.codegen.wholeStage": "false",
    # The analyzer's fixed-point iterations ("Max iterations (100) reached"): once needed when each derived value
    # had its own nested SELECT; the layers now number the longest chain of dependencies (17 at most here).
    "spark.sql.analyzer.maxIterations": "1000",
}
USAGE = "usage: spark-submit spark_job.py SCREEN_SQL TAPE_PARQUET OUT_FOLDER"


def screen(spark: Any, sql: str, tape: str, out: str) -> dict[str, float]:
    """Run the screening query on the Parquet tape; write the results as Parquet into the new folder `out`.
    Returns the seconds spent planning (analysis, optimisation, physical plan: a fixed cost, whatever the tape's
    size) and running (reading, screening, writing: grows with the rows; includes compiling the generated code)."""
    for key, value in SETTINGS.items():
        spark.conf.set(key, value)
    started = time.perf_counter()
    spark.read.parquet(tape).createOrReplaceTempView("tape")
    frame = spark.sql(sql)
    frame._jdf.queryExecution().executedPlan()  # plan now, so that planning is timed apart from running
    planned = time.perf_counter()
    frame.write.mode("errorifexists").parquet(out)
    return {"plan_seconds": round(planned - started, 3), "run_seconds": round(time.perf_counter() - planned, 3)}


def main(argv: list[str]) -> int:
    if len(argv) != 3 or argv[0] in ("-h", "--help"):
        print(USAGE, file=sys.stderr)
        return 2
    sql_path, tape, out = argv
    try:
        sql = Path(sql_path).read_text(encoding="utf-8")
    except OSError as err:
        print(f"Cannot read the query {sql_path}: {err.strerror}.", file=sys.stderr)
        return 1
    from pyspark.errors import PySparkException
    from pyspark.sql import SparkSession

    spark = SparkSession.builder.appName("glc screen").getOrCreate()
    spark.sparkContext.setLogLevel("WARN")
    started = time.perf_counter()
    try:
        screen(spark, sql, tape, out)
    except PySparkException as err:
        print(f"Spark could not screen {tape}: {str(err).strip().splitlines()[0]}", file=sys.stderr)
        return 1
    finally:
        seconds = time.perf_counter() - started
        spark.stop()
    print(f"screened {tape} in {seconds:.1f} s: results in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
