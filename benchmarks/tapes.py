"""Tape benchmarks (issue 8, part 2; issue 17, item 4): `glc screen` on sample tapes of 100k, 1M and 10M rows.

    .venv/bin/python benchmarks/tapes.py [--rows 100000,1000000,10000000] [--runs 3] [--tapes text,typed] [--quick]
    .venv/bin/python benchmarks/tapes.py --render   # only rewrite TAPES.md / tapes.json (after query_vs_minimal.py)

Tapes are generated once (`glc sample-tape --seed 1`, and `--typed` for the typed tape: the same loans with native
column types, as a clean data-warehouse extract) and cached in benchmarks/tapes/ (gitignored). For each size and tape:
`glc screen TAPE -p keystone_bank_statement` (DuckDB) as a subprocess under /usr/bin/time (wall time, peak RSS;
median of --runs runs); the hand-written DuckDB query (benchmarks/hand_keystone_sql.py) the same way, after its
results are checked against glc's row by row (on any disagreement it is not timed and the mismatches are
reported); the Python engine (generated checkers) on the smallest tape. Reports loans/s, us/loan, peak RSS,
the least-squares slope of time against rows, ratios against the hand-written SQL and against the per-loan times
of the tight hand-written function and check_fast (benchmarks/per_loan.json), and the query-only comparison of
benchmarks/query_vs_minimal.py (run by this script on the typed 1M-row tape when that tape is measured, so both come
from the same run; else its last query_vs_minimal.json is read). Writes benchmarks/TAPES.md and tapes.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
TAPES = ROOT / "benchmarks" / "tapes"
PROGRAM = "keystone_bank_statement"
GLC = str(ROOT / ".venv" / "bin" / "glc")
PY = sys.executable
HAND = "<!-- hand-written below: kept when tapes.py rewrites the table above -->"


def tape(rows: int, kind: str = "text") -> Path:
    path = TAPES / f"{'tape' if kind == 'text' else 'typed'}{rows}.parquet"
    if not path.exists():
        TAPES.mkdir(parents=True, exist_ok=True)
        print(f"generating {path.name} ...", flush=True)
        subprocess.run([GLC, "sample-tape", str(path), "--rows", str(rows), "--seed", "1", *(["--typed"] if kind == "typed" else [])],
                       check=True, cwd=ROOT)
    return path


def timed(cmd: list[str]) -> dict[str, float]:
    """Wall seconds and peak RSS (MiB) of one command, by /usr/bin/time."""
    stats = TAPES / ".time.txt"
    started = time.perf_counter()
    done = subprocess.run(["/usr/bin/time", "-o", str(stats), "-f", "%e %M %U %S", *cmd], cwd=ROOT,
                          capture_output=True, text=True)
    wall = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"failed ({done.returncode}): {' '.join(cmd)}\n{done.stderr[-2000:]}")
    _, rss_kb, user, system = stats.read_text().split()[-4:]
    return {"seconds": wall, "rss_mib": int(rss_kb) / 1024, "cpu_seconds": float(user) + float(system)}


def median_of(runs: list[dict[str, float]]) -> dict[str, Any]:
    return {"seconds": statistics.median(r["seconds"] for r in runs), "min": min(r["seconds"] for r in runs),
            "max": max(r["seconds"] for r in runs), "rss_mib": max(r["rss_mib"] for r in runs),
            "cpu_seconds": statistics.median(r["cpu_seconds"] for r in runs), "runs": len(runs)}


def screen(path: Path, engine: str, out: Path) -> dict[str, float]:
    # like for like with the hand-written query: the results files, not the HTML report (timed apart, in TAPES.md)
    return timed([GLC, "screen", str(path), "-p", PROGRAM, "--engine", engine, "--no-report", "--out", str(out)])


def hand(path: Path, out: Path) -> dict[str, float]:
    return timed([PY, str(ROOT / "benchmarks" / "hand_keystone_sql.py"), str(path), str(out / "results.parquet")])


def mismatches(glc_out: Path, hand_out: Path) -> tuple[int, list[str]]:
    """Rows where the hand-written query and glc disagree (status, limits and binding rules, rule ids);
    compared in DuckDB, row by row on the tape row number."""
    import duckdb

    cols = ["status", "max_ltv", "max_ltv_rule", "max_cltv", "max_cltv_rule", "max_loan_amount", "failing_rules", "missing_rules",
            "review_rules", "conditions", "reason"]
    diff = " OR ".join(f"g.{c} IS DISTINCT FROM h.{c}" for c in cols)
    con = duckdb.connect()
    q = (f"FROM read_parquet('{glc_out / 'results.parquet'}') g FULL JOIN read_parquet('{hand_out / 'results.parquet'}') h "
         f"USING (row) WHERE {diff}")
    n = con.sql(f"SELECT count(*) {q}").fetchall()[0][0]
    examples = [str(r) for r in con.sql(f"SELECT row, {', '.join(f'g.{c}, h.{c}' for c in cols)} {q} ORDER BY row LIMIT 5").fetchall()]
    return int(n), examples


def slope(points: list[tuple[int, float]]) -> dict[str, float] | None:
    """Least squares time = a + b * rows: b in us per row, a in seconds; r^2."""
    if len(points) < 2:
        return None
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    sxx = sum((x - mx) ** 2 for x in xs)
    b = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sxx
    a = my - b * mx
    ss = sum((y - my) ** 2 for y in ys)
    r2 = 1 - sum((y - a - b * x) ** 2 for x, y in zip(xs, ys, strict=True)) / ss if ss else 1.0
    return {"us_per_row": b * 1e6, "intercept_s": a, "r2": r2}


def machine() -> dict[str, Any]:
    import duckdb

    cpu = next((ln.split(":", 1)[1].strip() for ln in Path("/proc/cpuinfo").read_text().splitlines()
                if ln.startswith("model name")), platform.processor())
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    return {"cpu": cpu, "cores": os.cpu_count(), "python": platform.python_version(), "duckdb": duckdb.__version__,
            "os": platform.platform(), "load_average": list(os.getloadavg()), "commit": commit,
            "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())}


PEERS = {"tight": "tight hand-written", "check_fast": "generated check_fast"}  # names in per_loan.json


def peer_us() -> dict[str, float]:
    """Per-loan times of the in-process peers (benchmarks/per_loan.json, from benchmarks/all.py): the tight
    hand-written Decimal function (benchmarks/tight_keystone.py) and the generated check_fast."""
    path = ROOT / "benchmarks" / "per_loan.json"
    if not path.exists():
        return {}
    figures = json.loads(path.read_text()).get("figures", {}).get("all", {})
    return {key: float(figures[name]["us"]) for key, name in PEERS.items() if name in figures}


def measure(n: int, kind: str, k: int, python_rows: int, work: Path) -> dict[str, Any]:
    """glc (DuckDB) on one tape, then the hand-written query, timed only if it agrees with glc on every row."""
    path = tape(n, kind)
    g_out, h_out = work / f"glc{n}{kind}", work / f"hand{n}{kind}"
    g = [screen(path, "duckdb", g_out) for _ in range(k)]
    entry: dict[str, Any] = {"glc_duckdb": median_of(g)}
    summary = json.loads((g_out / "summary.json").read_text())
    entry["glc_duckdb"]["in_process_seconds"] = summary["seconds"]
    entry["statuses"] = summary["by_program"][PROGRAM]
    first = hand(path, h_out)
    bad, examples = mismatches(g_out, h_out)
    entry["hand_sql_mismatches"] = bad
    if bad:
        entry["hand_sql_mismatch_examples"] = examples
        print(f"{n:,} rows, {kind}: hand-written SQL disagrees with glc on {bad:,} rows; not timed. First: {examples[:2]}")
    else:
        entry["hand_sql"] = median_of([first] + [hand(path, h_out) for _ in range(k - 1)])
    if python_rows and n == python_rows:
        p_out = work / f"python{n}"
        entry["glc_python"] = median_of([screen(path, "python", p_out)])
        bad_py, ex_py = mismatches(g_out, p_out)
        entry["python_mismatches"] = bad_py
        if bad_py:
            entry["python_mismatch_examples"] = ex_py
    return entry


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", default="100000,1000000,10000000", help="tape sizes, comma-separated")
    ap.add_argument("--runs", type=int, default=3, help="runs per measurement (1 on tapes over 1M rows)")
    ap.add_argument("--python-rows", type=int, default=100000, help="tape size for the Python engine (0: skip)")
    ap.add_argument("--quick", action="store_true", help="100k rows, one run")
    ap.add_argument("--tapes", default="text,typed", help="which sample tapes: text (tape formats), typed (native types)")
    ap.add_argument("--render", action="store_true",
                    help="measure nothing: rewrite TAPES.md and tapes.json from tapes.json and query_vs_minimal.json")
    args = ap.parse_args()
    if args.render:
        report = json.loads((ROOT / "benchmarks" / "tapes.json").read_text())
        return write(report)
    kinds = [k for k in args.tapes.split(",") if k]
    sizes = [100000] if args.quick else sorted(int(s) for s in args.rows.split(","))
    runs = 1 if args.quick else max(1, args.runs)
    report: dict[str, Any] = {"machine": machine(), "program": PROGRAM, "sizes": {}, "peer_us": peer_us()}
    work = TAPES / "out"
    for n in sizes:
        report["sizes"][str(n)] = {}
        for kind in kinds:
            entry = measure(n, kind, runs if n <= 1_000_000 else 1, args.python_rows if kind == "text" else 0, work)
            report["sizes"][str(n)][kind] = entry
            print(f"{n:,} rows, {kind} tape: {json.dumps(entry)}", flush=True)
    for kind in kinds:
        at = [(int(n), e[kind]) for n, e in report["sizes"].items() if kind in e]
        report[f"slope_glc_duckdb_{kind}"] = slope([(n, e["glc_duckdb"]["seconds"]) for n, e in at])
        report[f"slope_glc_duckdb_cpu_{kind}"] = slope([(n, e["glc_duckdb"]["cpu_seconds"]) for n, e in at])
        report[f"slope_hand_sql_{kind}"] = slope([(n, e["hand_sql"]["seconds"]) for n, e in at if "hand_sql" in e])
    report["machine"]["load_average_end"] = list(os.getloadavg())
    shutil.rmtree(work, ignore_errors=True)
    if not args.quick and "typed" in kinds and 1_000_000 in sizes:  # the query alone, on the same typed tape
        print("the query alone: benchmarks/query_vs_minimal.py on the typed 1,000,000-row tape ...", flush=True)
        subprocess.run([PY, str(ROOT / "benchmarks" / "query_vs_minimal.py"), str(tape(1_000_000, "typed")),
                        "--runs", "3"], check=True)
    return write(report)


def write(report: dict[str, Any]) -> int:
    """TAPES.md and tapes.json from the measured `report` and the last query_vs_minimal.json."""
    minimal = ROOT / "benchmarks" / "query_vs_minimal.json"
    report["query_vs_minimal"] = json.loads(minimal.read_text()) if minimal.exists() else None
    report["targets"] = targets(report)
    (ROOT / "benchmarks" / "tapes.json").write_text(json.dumps(report, indent=2) + "\n")
    md = ROOT / "benchmarks" / "TAPES.md"
    kept = md.read_text().split(HAND, 1)[1] if md.exists() and HAND in md.read_text() else ""
    md.write_text(markdown(report) + ("\n" + HAND + kept if kept else ""))
    print("wrote benchmarks/TAPES.md and benchmarks/tapes.json")
    return 0


def targets(r: dict[str, Any]) -> list[dict[str, Any]]:
    """Issue 17's tape targets (item 4), on the tapes measured (wall time of the whole command)."""
    out: list[dict[str, Any]] = []
    fast = r.get("peer_us", {}).get("check_fast")
    q = r.get("query_vs_minimal")
    if q and not q.get("disagreements"):
        out.append({"target": f"glc's query within 1.2x of the minimal hand-written query ({q['rows']:,} rows, "
                              "benchmarks/query_vs_minimal.py, CPU)", "figure": f"{q['ratio_cpu']:.2f}x (wall {q['ratio_wall']:.2f}x)",
                    "goal": "<= 1.2x", "met": q["ratio_cpu"] <= 1.2})
    for n, by_kind in sorted((int(n), e) for n, e in r["sizes"].items() if int(n) >= 1_000_000):
        for kind, e in by_kind.items():
            g = e["glc_duckdb"]
            if fast and kind == "typed":
                for what, seconds in (("wall", g["seconds"]), ("CPU", g["cpu_seconds"])):
                    times = fast / (seconds / n * 1e6)
                    out.append({"target": f"glc screen at least 5x check_fast's per-loan throughput, {n:,} rows, {kind} tape ({what})",
                                "figure": f"{times:.1f}x ({seconds / n * 1e6:.1f} us/loan against {fast:.1f})", "goal": ">= 5x",
                                "met": times >= 5})
    return out


def markdown(r: dict[str, Any]) -> str:
    m = r["machine"]
    peers = r.get("peer_us", {})
    lines = [
        "# Tape benchmarks: `glc screen` on sample tapes",
        "",
        "Generated by `.venv/bin/python benchmarks/tapes.py` (do not edit the table by hand). Program "
        f"`{r['program']}`, every row of the tape screened under it; tapes from `glc sample-tape --seed 1`: "
        "*text* (Parquet, every cell text, 3% unknown cells, tape formats such as \"$1,200,000\", \"80.00%\", \"Y\") and "
        "*typed* (`--typed`: the same loans, native Parquet types DECIMAL/BIGINT/DATE/BOOLEAN, no tape formats, "
        "broken rows only as out-of-range values). Times are wall-clock seconds of the whole "
        "command (process start, reading and typing the tape, screening, writing results.parquet and results.csv), "
        "peak RSS by /usr/bin/time; medians of the runs shown.",
        "",
        f"Machine: {m['cpu']}, {m['cores']} cores, Python {m['python']}, DuckDB {m['duckdb']}, commit {m['commit']}, "
        f"{m['date']}; load average {m['load_average'][0]:.1f} at the start and {m['load_average_end'][0]:.1f} at the end "
        "(the machine is shared with other jobs: figures are pessimistic and noisy).",
        "",
        "| rows | tape | engine | seconds (median) | CPU s | runs | loans/s | us/loan | peak RSS MiB | vs hand SQL (wall; CPU) "
        "| vs tight function (wall; CPU) | vs check_fast (wall; CPU) |",
        "|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for n, kind, e in ((n, k, e) for n, ks in r["sizes"].items() for k, e in ks.items()):
        rows = int(n)
        hs, hc = e.get("hand_sql", {}).get("seconds"), e.get("hand_sql", {}).get("cpu_seconds")
        for name, key in (("glc DuckDB", "glc_duckdb"), ("hand-written SQL", "hand_sql"), ("glc Python", "glc_python")):
            if key not in e:
                continue
            f = e[key]
            us = f["seconds"] / rows * 1e6
            vs_hand = f"{f['seconds'] / hs:.2f}x; {f['cpu_seconds'] / hc:.2f}x" if hs and hc and key != "hand_sql" else ""
            vs = [f"{peers[k] / us:.2f}x; {peers[k] / (f['cpu_seconds'] / rows * 1e6):.2f}x" if k in peers else ""
                  for k in ("tight", "check_fast")]
            lines.append(f"| {rows:,} | {kind} | {name} | {f['seconds']:.1f} | {f['cpu_seconds']:.1f} | {f['runs']} "
                         f"| {rows / f['seconds']:,.0f} | {us:.1f} | {f['rss_mib']:.0f} | {vs_hand} | {' | '.join(vs)} |")
    lines += ["", "Agreement (checked before timing, row by row: status, max LTV/CLTV/loan amount and binding rules, "
              "failing, missing and review rule ids, conditions, reason):", ""]
    for n, kind, e in ((n, k, e) for n, ks in r["sizes"].items() for k, e in ks.items()):
        lines.append(f"- {int(n):,} rows, {kind} tape: hand-written SQL vs glc: {e['hand_sql_mismatches']:,} rows differ"
                     + (f" (not timed; first: {e['hand_sql_mismatch_examples'][:2]})" if e["hand_sql_mismatches"] else "")
                     + (f"; Python engine vs glc DuckDB: {e['python_mismatches']:,} rows differ" if "python_mismatches" in e else "")
                     + f". Statuses: {e['statuses']}.")
    lines += ["", "Time against rows (least squares over the sizes, time = intercept + slope x rows):", ""]
    for label, key in [(f"{what}, {kind} tape", f"{key}_{kind}") for kind in ("text", "typed")
                       for what, key in (("glc DuckDB, wall", "slope_glc_duckdb"), ("glc DuckDB, CPU", "slope_glc_duckdb_cpu"),
                                         ("hand-written SQL, wall", "slope_hand_sql"))]:
        s = r.get(key)
        if s:
            lines.append(f"- {label}: {s['us_per_row']:.2f} us per row, intercept {s['intercept_s']:.2f} s, r^2 {s['r2']:.4f}"
                         + (" (two sizes: r^2 is 1 by construction)" if len(r["sizes"]) == 2 else ""))
    if peers:
        lines += ["", "The in-process peers (benchmarks/per_loan.json, benchmarks/all.py; one thread, loans already in memory): "
                  + ", ".join(f"{PEERS[k]} {v:.1f} us per loan" for k, v in peers.items())
                  + ". `vs tight function` and `vs check_fast` are their per-loan times over ours (wall, and CPU seconds of "
                  "the whole command), i.e. our throughput as a multiple of theirs."]
    q = r.get("query_vs_minimal")
    if q:
        lines += ["", "The query alone (`.venv/bin/python benchmarks/query_vs_minimal.py`, one process, the typed tape read once, "
                  f"both queries streamed to Arrow batches, alternating, median of {q.get('runs')}): {q['rows']:,} rows, "
                  f"{q['disagreements']} rows differ; glc {q['glc']['cpu']:.2f} CPU s / {q['glc']['wall']:.2f} s wall, minimal "
                  f"hand-written (benchmarks/minimal_keystone_sql.py) {q['minimal']['cpu']:.2f} / {q['minimal']['wall']:.2f}: "
                  f"**{q['ratio_cpu']:.2f}x CPU, {q['ratio_wall']:.2f}x wall**. Wrapped in `GROUP BY status`: glc "
                  f"{q['group_by_status']['glc']['cpu']:.2f} CPU s, minimal {q['group_by_status']['minimal']['cpu']:.2f}. "
                  f"Load average {q['load_average_start'][0]:.1f} at its start."]
    lines += ["", "Targets (issue 17, item 4):", ""]
    lines += [f"- {t['target']}: {t['figure']} (goal {t['goal']}): {'met' if t['met'] else '**not met**'}" for t in r.get("targets", [])]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
