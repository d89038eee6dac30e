"""Every benchmark in one command (issue 8): per-loan checking, tape screening, compiler scale; then the summary.

    .venv/bin/pip install -q -e ".[bench]"
    .venv/bin/python benchmarks/all.py            # the full run (about an hour on a 2-core machine)
    .venv/bin/python benchmarks/all.py --quick    # smoke sizes (a few minutes): the same table, smaller work
    .venv/bin/python benchmarks/all.py --render   # only rewrite RESULTS.md / results.json from the parts' files

Runs, each as its own process so that none inherits another's imports or memory (the per-loan ratios against the
tight hand-written function come first in RESULTS.md):

    part 1  benchmarks/run.py            -> PER_LOAN.md, per_loan.json        (generated checker vs peers, per loan)
    part 2  benchmarks/tapes.py          -> TAPES.md, tapes.json              (glc screen vs hand-written SQL, Python;
                                                                           the query alone: query_vs_minimal.py)
    part 3  benchmarks/compiler_scale.py -> compiler_scale_run.md / .json     (glc check / build, cold and incremental)
    part 4  benchmarks/spark_plan.py     -> spark_plan.json (notes: spark.md) (Spark's planning and speed vs DuckDB)
    part 5  benchmarks/spark_ci.py       -> spark_ci.json                     (the CI Spark tests' time)

and writes benchmarks/RESULTS.md and benchmarks/results.json: the machine, the package versions, the command, and
every target of issue 8 with the figure measured against it (each figure is the median of the runs its part
reports; the parts' files hold the tables, the agreement checks, the profiles and the notes on missed targets).
A part that fails is reported as failed; the others still run. Exit status: 0 when every part ran, else 1.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import platform
import subprocess
import sys
import time
from importlib import metadata
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PACKAGES = ("lark", "jinja2", "pydantic", "pydantic-core", "duckdb", "pyarrow", "sqlglot", "pyspark", "zen-engine",
            "rule-engine", "matplotlib")

SPARK_PROGRAMS = ["-p", "keystone_bank_statement", "-p", "foreign_national_dscr", "-p", "crestline_closed_end_second"]
PARTS: dict[str, dict[str, Any]] = {
    "per_loan": {"script": "run.py", "full": [], "quick": ["--quick"], "json": "per_loan.json", "md": "PER_LOAN.md",
                 "title": "Per-loan checking (keystone_bank_statement)"},
    "tapes": {"script": "tapes.py", "full": [], "quick": ["--quick"], "json": "tapes.json", "md": "TAPES.md",
              "title": "Tape screening"},
    "compiler": {"script": "compiler_scale.py", "full": ["--sizes", "programs,100", "--runs", "3"],
                 "quick": ["--sizes", "programs,100", "--runs", "1"], "json": "compiler_scale_run.json",
                 "md": "compiler_scale_run.md", "title": "Compiler scale"},
    "spark": {"script": "spark_plan.py", "full": ["benchmarks/tapes/typed1000000.parquet", *SPARK_PROGRAMS, "--runs", "2"],
              "quick": ["benchmarks/tapes/typed1000000.parquet", "-p", "keystone_bank_statement", "--runs", "1"],
              "json": "spark_plan.json", "md": "spark.md", "title": "Spark against DuckDB (plans, per loan)"},
    "spark_ci": {"script": "spark_ci.py", "full": [], "quick": [], "json": "spark_ci.json", "md": "spark.md",
                 "title": "The CI Spark tests"},
}


def _cpu() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _commit() -> str:
    try:
        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True)
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "compiler", "generated", "benchmarks/*.py"],
                               cwd=ROOT, capture_output=True, text=True).stdout.strip()
        return out.stdout.strip() + (" (with uncommitted changes)" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def machine() -> dict[str, Any]:
    versions = {}
    for name in PACKAGES:
        with contextlib.suppress(metadata.PackageNotFoundError):
            versions[name] = metadata.version(name)
    return {"cpu": _cpu(), "cores": os.cpu_count(), "memory_gib": _memory_gib(), "os": platform.platform(),
            "python": f"{platform.python_implementation()} {platform.python_version()}", "packages": versions,
            "commit": _commit(), "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
            "load_average": [round(x, 2) for x in os.getloadavg()]}


def _memory_gib() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 2**20, 1)
    except OSError:
        pass
    return None


def _load(name: str) -> dict[str, Any] | None:
    try:
        data = json.loads((HERE / name).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


# ------------------------------------------------------------------ the targets, read from each part's JSON

def per_loan_targets(d: dict[str, Any]) -> list[dict[str, Any]]:
    return [{"part": "per_loan", "target": t["target"], "figure": f"{t['ratio']:.2f}x", "goal": t["goal"],
             "met": bool(t["met"])} for t in d.get("targets", [])]


def tape_targets(d: dict[str, Any]) -> list[dict[str, Any]]:
    """tapes.json carries its own `targets` list (figure, goal, met) when benchmarks/tapes.py computed them."""
    return [{"part": "tapes", "target": t["target"], "figure": t["figure"], "goal": t["goal"], "met": bool(t["met"])}
            for t in d.get("targets", [])]


def compiler_targets(d: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    res = d.get("results", {}).get("100", {})
    for scenario, goal, label in (("build cold", 2.0, "glc build of 100 programs, cold"),
                                  ("build no-op", 0.2, "glc build of 100 programs, nothing changed (a new process)"),
                                  ("build 1 changed", 0.3,
                                   "glc build of 100 programs after one program changed (a new process)")):
        fig = res.get(scenario)
        if not fig:
            continue
        wall, cpu = fig["median_s"], fig.get("cpu_median_s")
        out.append({"part": "compiler", "target": f"{label} under {goal:g} s",
                    "figure": f"{wall:.2f} s wall" + (f" ({cpu:.2f} s CPU)" if cpu is not None else ""),
                    "goal": f"< {goal:g} s", "met": wall < goal})
    watched = res.get("watch 1 changed", {}).get("median_s")
    if watched is not None:
        out.append({"part": "compiler", "target": "glc watch: rebuild of 100 programs after one changed under 0.3 s",
                    "figure": f"{watched:.2f} s (the build time glc watch reports)", "goal": "< 0.3 s",
                    "met": watched < 0.3})
    return out


def spark_targets(d: dict[str, Any]) -> list[dict[str, Any]]:
    """Per program of benchmarks/spark_plan.py's run: Spark local within 3x of DuckDB per loan, planning under 3 s."""
    out = []
    rows = next(iter(d.get("programs", {}).values()), {}).get("rows", 0)
    for pid, r in d.get("programs", {}).items():
        ratio, plan_s = r["spark_over_duckdb"], r["plan_seconds"]
        out.append({"part": "spark", "target": f"Spark ({d.get('master', '?')}) within 3x of DuckDB per loan, {pid}, "
                    f"{rows:,} rows", "figure": f"{ratio:.2f}x ({r['spark_us_per_loan']} us/loan against "
                    f"{r['duckdb_us_per_loan']})", "goal": "<= 3x", "met": ratio <= 3})
        out.append({"part": "spark", "target": f"Spark planning under 3 s, {pid}", "figure": f"{plan_s:.2f} s",
                    "goal": "< 3 s", "met": plan_s < 3})
    return out


def spark_ci_targets(d: dict[str, Any]) -> list[dict[str, Any]]:
    seconds = d.get("median_seconds")
    figure = f"{seconds:.0f} s wall" if seconds is not None else "failed: " + "; ".join(
        r.get("summary", "") for r in d.get("runs", []))
    return [{"part": "spark", "target": "the CI Spark tests (tests/screen/test_spark.py) under 60 s", "figure": figure,
             "goal": "< 60 s", "met": seconds is not None and seconds < 60}]


READERS = {"per_loan": per_loan_targets, "tapes": tape_targets, "compiler": compiler_targets, "spark": spark_targets,
           "spark_ci": spark_ci_targets}


def part_load(data: dict[str, Any]) -> str:
    """The 1-minute load average when a part's figures were measured (start -> end), as its JSON records it."""
    m = {**(data.get("machine") or data.get("meta") or {}), **data}
    start = m.get("load_average") or m.get("load_average_start") or (str(m["load"]).split() if m.get("load") else None)
    end = m.get("load_average_end")
    if not start:
        return "?"
    return f"{float(start[0]):.1f}" + (f" -> {float(end[0]):.1f}" if end else "")


def summarise(command: str, info: dict[str, Any], ran: dict[str, dict[str, Any]]) -> dict[str, Any]:
    targets: list[dict[str, Any]] = []
    parts: dict[str, Any] = {}
    earlier = (_load("results.json") or {}).get("parts", {})  # a part not run now keeps how it last ran, if by us
    for name, part in PARTS.items():
        data = _load(part["json"])
        status = ran.get(name, {"status": "not run (figures from the part's last run)"})
        if name in ran:
            status = {**status, "ran": status["status"], "run_by": command}
        if data is None:
            status = {"status": f"no results yet ({part['json']} missing)"}
        else:
            meta = data.get("machine") or data.get("meta") or {}
            measured = meta.get("date") or meta.get("when") or data.get("when") or "?"
            before = earlier.get(name, {})
            if name not in ran and before.get("run_by") and before.get("measured") == measured:
                was = before.get("ran", before["status"])
                status = {"status": f"{was} by `{before['run_by']}`", "ran": was, "run_by": before["run_by"]}
            status = {**status, "measured": measured, "load": part_load(data),
                      "command": meta.get("command") or data.get("command") or f"python benchmarks/{part['script']}"}
        parts[name] = {"title": part["title"], "details": part["md"], "data": part["json"], **status}
        if data is not None:
            targets += READERS[name](data)
    per_loan = _load(PARTS["per_loan"]["json"]) or {}
    return {"command": command, "machine": info, "parts": parts, "against_tight": per_loan.get("against_tight", {}),
            "targets": targets}


def markdown(r: dict[str, Any]) -> str:
    m = r["machine"]
    pk = ", ".join(f"{k} {v}" for k, v in m["packages"].items())
    met = sum(t["met"] for t in r["targets"])
    lines = [
        "# Benchmark results (issue 8)",
        "",
        f"Written by `{r['command']}` on {m['date']} (commit {m['commit']}). Each part's own file has its tables, "
        "the agreement checks made before anything is timed, profiles, and where a target is missed, by how much, "
        "where the time goes and what would close it.",
        "",
        f"Machine: {m['cpu']}, {m['cores']} cores, {m['memory_gib']} GiB, {m['os']}; {m['python']}; {pk}. "
        + (f"Load average at the start of this command: {m['load_average']}, at its end: {m['load_average_end']}; "
           "each part's own, when its figures were measured, is in the table (1-minute load average, start -> end; "
           "on 2 cores a quiet machine stays under about 1.5: the parts run one at a time and DuckDB and Spark use "
           "both cores)."),
        "",
        "| part | this run | figures measured | load average | details |",
        "|---|---|---|---|---|",
    ]
    for p in r["parts"].values():
        lines.append(f"| {p['title']} | {p['status']} | {p.get('measured', '')} | {p.get('load', '')} | "
                     f"[{p['details']}]({p['details']}) |")
    tight = r.get("against_tight") or {}
    if tight:
        lines += ["", "## Per loan, against the tight hand-written function (benchmarks/tight_keystone.py, the bar)", "",
                  "Time over the tight function's, measured in the same interleaved runs after each implementation "
                  "agreed with it on every loan: compute-only (CPU, results dropped), bulk (CPU, results kept), "
                  "single call (median wall time of one call). See PER_LOAN.md.", "",
                  "| loans | implementation | compute-only | bulk | single call |", "|---|---|---:|---:|---:|"]
        for set_name, t in tight.items():
            ref = t.get("tight hand-written")
            for name, f in t.items():
                if ref and name != "tight hand-written":
                    lines.append(f"| {set_name} | {name} | " + " | ".join(
                        f"{f[w] / ref[w]:.2f}x" for w in ("compute", "bulk", "single")) + " |")
    lines += ["", f"## Targets: {met} of {len(r['targets'])} met", "",
              "| part | target | measured | goal | met |", "|---|---|---:|---|---|"]
    for t in r["targets"]:
        lines.append(f"| {t['part']} | {t['target']} | {t['figure']} | {t['goal']} | {'yes' if t['met'] else '**no**'} |")
    return "\n".join(lines) + "\n"


def _write(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="smoke sizes for every part")
    ap.add_argument("--only", help=f"comma-separated parts to run ({', '.join(PARTS)}); the others' last figures are kept")
    ap.add_argument("--render", action="store_true", help="run nothing: rewrite RESULTS.md from the parts' files")
    args = ap.parse_args(argv)
    chosen = list(PARTS) if not args.only else [p.strip() for p in args.only.split(",") if p.strip()]
    unknown = [p for p in chosen if p not in PARTS]
    if unknown:
        ap.error(f"unknown part(s) {', '.join(unknown)}: choose from {', '.join(PARTS)}")
    info = machine()
    ran: dict[str, dict[str, Any]] = {}
    if not args.render:
        for name in chosen:
            part = PARTS[name]
            cmd = [sys.executable, str(HERE / part["script"]), *part["quick" if args.quick else "full"]]
            print(f"== {part['title']}: {' '.join(cmd[1:])}", flush=True)
            started = time.perf_counter()
            rc = subprocess.run(cmd, cwd=ROOT).returncode
            seconds = round(time.perf_counter() - started, 1)
            ran[name] = {"status": f"ran ({seconds:,.0f} s)" if rc == 0 else f"**failed** (exit {rc})",
                         "exit": rc, "seconds": seconds}
    info["load_average_end"] = [round(x, 2) for x in os.getloadavg()]
    command = "python benchmarks/all.py" + (" " + " ".join(sys.argv[1:]) if sys.argv[1:] else "")
    result = summarise(command, info, ran)
    _write(HERE / "results.json", json.dumps(result, indent=2) + "\n")
    _write(HERE / "RESULTS.md", markdown(result))
    print((HERE / "RESULTS.md").read_text(encoding="utf-8"))
    return 0 if all(p["exit"] == 0 for p in ran.values()) else 1


if __name__ == "__main__":
    raise SystemExit(main())
