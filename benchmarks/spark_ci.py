"""The CI Spark tests' time (issue 17, item 5: under 60 s): `pytest tests/screen/test_spark.py` as `.ci/run` runs it.

    .venv/bin/python benchmarks/spark_ci.py [--runs 1]

Runs the module in a fresh pytest process (its own JVM, the sizes CI uses: no GLC_SPARK_* set), wall time of the
whole process and the CPU time of it and its children (the JVM included), the slowest tests as pytest reports them
(`--durations`), and the exit status (a failing or skipped run is reported, never timed as a success).
Writes benchmarks/spark_ci.json.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DURATION = re.compile(r"^\s*([\d.]+)s (call|setup|teardown)\s+(\S+)", re.MULTILINE)


def one_run() -> dict[str, Any]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GLC_SPARK")}
    env["CI"] = "1"  # a missing Java or pyspark fails instead of skipping
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with tempfile.TemporaryDirectory() as tmp:
        junit = Path(tmp) / "spark.xml"
        started = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--durations=8",
                               f"--junitxml={junit}", "tests/screen/test_spark.py"],
                              cwd=ROOT, env=env, capture_output=True, text=True)
        wall = time.perf_counter() - started
        counts = tally(junit)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    summary = ", ".join(f"{n} {what}" for what, n in counts.items() if n) or "no test ran"
    return {"exit": done.returncode, "seconds": round(wall, 1), "cpu_seconds": round(cpu, 1), "summary": summary,
            "counts": counts,
            "slowest": [{"seconds": float(s), "phase": ph, "test": t} for s, ph, t in DURATION.findall(done.stdout)]}


def tally(junit: Path) -> dict[str, int]:
    """Passed, failed, errors and skipped from pytest's JUnit XML report (pytest's own console summary is not
    printed at `-qq`, which the project's `addopts = "-q"` plus `-q` make); all zero when there is no report."""
    counts = {"passed": 0, "failed": 0, "errors": 0, "skipped": 0}
    try:
        root = ET.parse(junit).getroot()
    except (OSError, ET.ParseError):
        return counts
    for suite in ([root] if root.tag == "testsuite" else root.iter("testsuite")):
        failed, errors, skipped = (int(suite.get(k, 0)) for k in ("failures", "errors", "skipped"))
        counts["failed"] += failed
        counts["errors"] += errors
        counts["skipped"] += skipped
        counts["passed"] += int(suite.get("tests", 0)) - failed - errors - skipped
    return counts


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=1)
    ap.add_argument("--out", default=str(ROOT / "benchmarks/spark_ci.json"))
    args = ap.parse_args()
    load = [round(x, 2) for x in os.getloadavg()]
    runs = [one_run() for _ in range(args.runs)]
    ok = [r["seconds"] for r in runs if r["exit"] == 0 and r["counts"]["passed"]
          and not (r["counts"]["failed"] or r["counts"]["errors"] or r["counts"]["skipped"])]
    out = {"command": "python benchmarks/spark_ci.py" + (f" --runs {args.runs}" if args.runs != 1 else ""),
           "when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "load_average_start": load,
           "load_average_end": [round(x, 2) for x in os.getloadavg()], "runs": runs,
           "median_seconds": sorted(ok)[len(ok) // 2] if ok else None}
    Path(args.out).write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(out, indent=2))
    return 0 if len(ok) == len(runs) else 1


if __name__ == "__main__":
    sys.exit(main())
