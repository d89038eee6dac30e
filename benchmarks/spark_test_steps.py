"""Where tests/screen/test_spark.py's differential test spends its time: its steps, one after another, timed.

    .venv/bin/python benchmarks/spark_test_steps.py   (from the project folder
    prints JSON)
"""
import dataclasses
import json
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path.cwd()))
from compiler.driver import check_paths
from compiler.project import Project
from compiler.screen.engines import connect, plan, run_duckdb, run_rows
from compiler.screen.sample import write_sample
from compiler.screen.spark import run_spark, session

ROOT = Path.cwd()
ROWS = 10000
SCREENED = ["foreign_national_dscr", "crestline_closed_end_second", "keystone_bank_statement"]
t = {}
clock = time.perf_counter()
def lap(name):
    global clock
    now = time.perf_counter()
    t[name] = round(now - clock, 1)
    clock = now
print("load", os.getloadavg())
tmp = Path(tempfile.mkdtemp())
spark = session(tmp / "s", "local[2]")
lap("session")
BUNDLE = check_paths([ROOT / "programs"]).bundle
lap("check programs")
products = [p for p in BUNDLE.programs if not p.abstract]
write_sample(BUNDLE, tmp / "all.parquet", ROWS * len(products) // len(SCREENED), seed=17, broken=0.01)
lap("sample")
con = connect()
tape = tmp / "sample.parquet"
chosen = ", ".join(f"'{pid}'" for pid in SCREENED)
con.execute(f"COPY (SELECT * FROM '{tmp / 'all.parquet'}' WHERE program IN ({chosen})) TO '{tape}' (FORMAT parquet)")
bundle = dataclasses.replace(BUNDLE, programs=tuple(p for p in BUNDLE.programs if p.id in SCREENED))
p = plan(con, bundle, tape, None, None, engine="spark")
lap("duckdb plan")
duck = [r for b in run_duckdb(con, p) for r in b.to_pylist()]
lap("duckdb run")
timings = {}
sp = [r for b in run_spark(con, p, tmp / "run", spark=spark, timings=timings) for r in b.to_pylist()]
lap("spark")
t["spark_detail"] = timings
gen = Project.find(ROOT).import_generated()
for engine in ("python", "reference"):
    _ = [r for b in run_rows(con, p, bundle, engine, gen) for r in b.to_pylist()]
    lap(engine)
print(json.dumps(t), "rows", p.total, "load", os.getloadavg())
spark.stop()
