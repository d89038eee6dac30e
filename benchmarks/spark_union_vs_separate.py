"""Spark planning the differential test's UNION of three programs against planning the three queries one by one.

    .venv/bin/python benchmarks/spark_union_vs_separate.py separate,union,separate   (one fresh session, in that order)
"""
import dataclasses
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path.cwd()))
from compiler.backends.sql.numbers import render
from compiler.driver import check_paths
from compiler.screen import spark as se
from compiler.screen.engines import connect, plan
from compiler.screen.sample import write_sample

ROOT = Path.cwd()
SCREENED = ["foreign_national_dscr", "crestline_closed_end_second", "keystone_bank_statement"]
tmp = Path(tempfile.mkdtemp())
B = check_paths([ROOT / "programs"]).bundle
write_sample(B, tmp / "all.parquet", 3000, seed=17, broken=0.01)
con = connect()
tape = tmp / "s.parquet"
chosen = ", ".join(f"'{pid}'" for pid in SCREENED)
con.execute(f"COPY (SELECT * FROM '{tmp / 'all.parquet'}' WHERE program IN ({chosen})) TO '{tape}' (FORMAT parquet)")
bundle = dataclasses.replace(B, programs=tuple(p for p in B.programs if p.id in SCREENED))
p = plan(con, bundle, tape, None, None, engine="spark")
se.export_tape(con, tmp / "t.parquet")
spark = se.session(tmp / "s", "local[2]")
spark.read.parquet(str(tmp / "t.parquet")).createOrReplaceTempView("tape")
print("load", os.getloadavg())
order = sys.argv[1].split(",")
for kind in order:
    t0 = time.perf_counter()
    if kind == "separate":
        for tree in p.trees:
            spark.sql(render(tree, "spark"))._jdf.queryExecution().executedPlan()
    else:
        spark.sql(se.spark_sql(p))._jdf.queryExecution().executedPlan()
    print(kind, round(time.perf_counter() - t0, 1), flush=True)
print("load", os.getloadavg())
spark.stop()
