"""Compiler scale: `glc check` and `glc build` time for programs/ and for generated corpora, cold and incremental.

    .venv/bin/python benchmarks/compiler_scale.py                      # programs/, 100 and 1,000 programs
    .venv/bin/python benchmarks/compiler_scale.py --sizes programs,100 --runs 5
    .venv/bin/python benchmarks/compiler_scale.py --compiler /tmp/old  # the compiler of another source tree
                                                                       # (e.g. `git archive REV compiler grammar`)

Each corpus is copied (programs/) or generated (`gen_programs.py`) into a scratch folder, and there:

    check cold      `glc check programs` with no build cache
    build cold      `glc build` with no build cache and no generated files
    build no-op     `glc build` again, nothing changed
    build 1 changed `glc build` after one program changed (a base with a variant and an overlay on it: its
                    max DTI moves by one point, alternately up and down)
    check 1 changed `glc check programs` after one more such change
    watch 1 changed `glc watch programs` (resident, started once per corpus after the runs above): the build time
                    it reports for each such change, one per run (saving to rebuilt adds one poll, 0.1 s here);
                    "-" for a compiler without `glc watch`

Every figure is the median wall time of `--runs` runs of the command as a subprocess (fresh Python each time,
as a user runs it: the compiler's bytecode is compiled once first, `compileall`, as Python does on a user's first
run; with PYTHONDONTWRITEBYTECODE set, as on the shared machine, every run would compile every module again).
The same scenarios also run in-process, split by pass (read+parse+AST, inheritance and lowering, analyses, Python
back end, docs back end, writing). Results go to benchmarks/compiler_scale_run.md and
benchmarks/compiler_scale_run.json (--out, --name); benchmarks/COMPILER_SCALE.md holds the figures recorded, with
the profile and notes. Targets (issue 8): build of 100 programs < 2 s, rebuild after one
change < 0.3 s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from gen_programs import generate  # noqa: E402

SCENARIOS = ("check cold", "build cold", "build no-op", "build 1 changed", "check 1 changed")
TARGETS = {("100", "build cold"): 2.0, ("100", "build 1 changed"): 0.3, ("100", "watch 1 changed"): 0.3}
PASSES = ("read+parse+AST", "inherit+lower", "analyses", "python back end", "docs back end", "write+rest")


def prepare(corpus: str, folder: Path) -> Path:
    """A scratch project folder holding programs/ for the corpus; returns the program to change."""
    programs = folder / "programs"
    if corpus == "programs":
        shutil.copytree(ROOT / "programs", programs, ignore=shutil.ignore_patterns("tests"))
        return programs / "keystone_bank_statement.guideline"
    generate(int(corpus), programs)
    return programs / "gen_0007.guideline"  # gen_0008 extends it, gen_0009 overlays it


def change(path: Path, run: int) -> None:
    """Move the program's max DTI by one point (up on even runs, down on odd ones)."""
    text = path.read_text(encoding="utf-8")
    new, n = re.subn(r"(require dti <= )(\d+)%", lambda m: f"{m[1]}{int(m[2]) + (1 if run % 2 == 0 else -1)}%", text, count=1)
    assert n == 1, path
    path.write_text(new, encoding="utf-8")


def clean(folder: Path) -> None:
    for name in (".glc-cache", "generated", "docs", "mkdocs.yml"):
        p = folder / name
        if p.is_dir():
            shutil.rmtree(p)
        elif p.exists():
            p.unlink()


def command(compiler: Path | None, *args: str) -> tuple[list[str], dict[str, str]]:
    env = dict(os.environ)
    if compiler is not None:
        env["PYTHONPATH"] = str(compiler)
    return [sys.executable, "-m", "compiler.cli", *args], env


def run_glc(folder: Path, compiler: Path | None, *args: str) -> tuple[float, float]:
    """Wall and CPU (user + system) seconds of one `glc` run."""
    cmd, env = command(compiler, *args)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    done = subprocess.run(cmd, cwd=folder, env=env, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed in {folder} ({done.returncode}):\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
    return elapsed, cpu


def watch_rebuilds(folder: Path, compiler: Path | None, target: Path, runs: int) -> list[float] | None:
    """`glc watch` started once in the folder; after each of `runs` changes, the rebuild time it reports (seconds).
    None when the compiler has no `watch` command."""
    import signal

    cmd, env = command(compiler, "watch", "programs", "--interval", "0.1")
    proc = subprocess.Popen(cmd, cwd=folder, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    assert proc.stdout is not None
    seen: list[float] = []
    try:
        def until(prefix: str) -> str | None:
            for line in proc.stdout:  # type: ignore[union-attr]
                if line.startswith((prefix, "build failed")):
                    return line
            return None
        if until("watching") is None:
            return None
        for run in range(runs):
            change(target, 2 * run)
            line = until("built ")
            found = re.search(r" in ([0-9.]+) s", line or "")
            if found is None:
                raise SystemExit(f"glc watch did not rebuild in {folder}: {line!r}")
            seen.append(float(found[1]))
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    return seen


def run_passes(folder: Path, compiler: Path | None, mode: str) -> dict[str, float]:
    """One in-process build (`mode` build) or check, in a fresh interpreter, split by pass."""
    env = dict(os.environ)
    if compiler is not None:
        env["PYTHONPATH"] = str(compiler)
    done = subprocess.run([sys.executable, __file__, "--passes-of", mode], cwd=folder, env=env, capture_output=True, text=True,
                          check=False)
    if done.returncode != 0:
        raise SystemExit(f"in-process {mode} failed in {folder}:\n{done.stderr[-3000:]}")
    return {k: float(v) for k, v in json.loads(done.stdout.splitlines()[-1]).items()}


def passes_main(mode: str) -> None:
    """In a project folder: time one build/check in this process, by pass; print JSON."""
    import compiler.build.build as build_mod
    import compiler.driver as driver

    spent = dict.fromkeys(PASSES, 0.0)

    def timed(owner: object, name: str, label: str) -> None:
        fn = getattr(owner, name)

        def wrapper(*a: object, **k: object) -> object:
            t0 = time.perf_counter()
            try:
                return fn(*a, **k)
            finally:
                spent[label] += time.perf_counter() - t0
        setattr(owner, name, wrapper)

    timed(driver._Loader, "load", "read+parse+AST")
    if hasattr(driver._Loader, "prefetch"):  # files parsed ahead, in the pool
        timed(driver._Loader, "prefetch", "read+parse+AST")
    timed(driver, "inherit", "inherit+lower")
    timed(driver, "lower_vocabulary", "inherit+lower")
    lower_name = "_lower" if hasattr(driver, "_lower") else "lower_program"
    timed(driver, lower_name, "inherit+lower")
    timed(driver, "analyse", "analyses")
    import compiler.backends.docs.site as docs_backend
    import compiler.backends.python.modules as python_backend

    timed(python_backend, "generate", "python back end")  # the modules' attribute: build.py may import them late
    timed(docs_backend, "generate", "docs back end")
    import inspect

    cache = None
    if "cache" in inspect.signature(build_mod.build).parameters:
        from compiler.build.cache import Cache, default_folder
        cache = Cache(default_folder(Path.cwd()))
    kwargs = {"cache": cache} if cache is not None else {}
    t0 = time.perf_counter()
    if mode == "build":
        if "project" in inspect.signature(build_mod.build).parameters:  # glc passes the Project down
            from compiler.project import Project

            result = build_mod.build(Project(Path.cwd().resolve()), [Path("programs")], **kwargs)  # type: ignore[arg-type]
        else:
            result = build_mod.build([Path("programs")], Path.cwd(), **kwargs)  # type: ignore[arg-type]
        ok = result.check.ok
    else:
        ok = driver.check_paths([Path("programs")], **kwargs).ok  # type: ignore[arg-type]
    total = time.perf_counter() - t0
    assert ok
    spent["write+rest"] = total - sum(v for k, v in spent.items() if k != "write+rest")
    spent["total"] = total
    print(json.dumps(spent))


def measure(corpus: str, runs: int, compiler: Path | None, passes: bool, log: bool = True) -> dict[str, dict[str, object]]:
    out: dict[str, dict[str, object]] = {}
    wall: dict[str, list[float]] = {s: [] for s in SCENARIOS}
    cpu: dict[str, list[float]] = {s: [] for s in SCENARIOS}
    split: dict[str, list[dict[str, float]]] = {s: [] for s in SCENARIOS}
    with tempfile.TemporaryDirectory(prefix="glc-scale-") as tmp:
        folder = Path(tmp)
        target = prepare(corpus, folder)
        for run in range(runs):
            for in_process in (False, True) if passes else (False,):
                clean(folder)
                steps = [("check cold", "check", None), ("build cold", "build", None), ("build no-op", "build", None),
                         ("build 1 changed", "build", 0), ("check 1 changed", "check", 1)]
                for scenario, mode, bump in steps:
                    if bump is not None:
                        change(target, 2 * run + bump)
                    if in_process:
                        split[scenario].append(run_passes(folder, compiler, mode))
                    else:
                        args = ("check", "programs") if mode == "check" else ("build", "programs")
                        w, c = run_glc(folder, compiler, *args)
                        wall[scenario].append(w)
                        cpu[scenario].append(c)
                    if scenario == "check cold":
                        shutil.rmtree(folder / ".glc-cache", ignore_errors=True)
            if log:
                print(f"  {corpus} run {run + 1}/{runs}: " + ", ".join(f"{s} {wall[s][-1]:.2f}s" for s in SCENARIOS), flush=True)
        watched = watch_rebuilds(folder, compiler, target, max(runs, 3))
        if log and watched:
            print(f"  {corpus} glc watch rebuilds: " + ", ".join(f"{x:.2f}s" for x in watched), flush=True)
    files = len(list((ROOT / "programs").glob("*.guideline"))) if corpus == "programs" else int(corpus)
    for s in SCENARIOS:
        out[s] = {"median_s": statistics.median(wall[s]), "runs_s": wall[s],
                  "cpu_median_s": statistics.median(cpu[s]), "cpu_runs_s": cpu[s],
                  "passes_s": {k: statistics.median(r[k] for r in split[s]) for k in (*PASSES, "total")} if passes else None,
                  "programs": files}
    out["watch 1 changed"] = {"median_s": statistics.median(watched) if watched else None, "runs_s": watched or [],
                              "programs": files}
    return out


def markdown(results: dict[str, dict[str, dict[str, object]]], meta: dict[str, object]) -> str:
    lines = ["# Compiler scale", "",
             "Written by `benchmarks/compiler_scale.py` (see its docstring for the scenarios); do not edit by hand.", "",
             f"- command: `{meta['command']}`", f"- when: {meta['when']}; runs per figure: {meta['runs']} (median)",
             f"- machine: {meta['cpus']} cores, load average {meta['load']} at the start (shared: figures are inflated)",
             f"- compiler: {meta['compiler']} (its bytecode compiled first)", "",
             "## `glc` as a subprocess: median wall time (CPU time), seconds", "",
             "Targets are judged on wall time; CPU time (user + system of the process) is less inflated by the other",
             "jobs on a shared machine.", "",
             "| corpus | " + " | ".join(SCENARIOS) + " | watch 1 changed |", "|---|" + "---:|" * (len(SCENARIOS) + 1)]
    for corpus, by in results.items():
        cells = []
        for s in SCENARIOS:
            v = float(by[s]["median_s"])  # type: ignore[arg-type]
            c = float(by[s]["cpu_median_s"])  # type: ignore[arg-type]
            t = TARGETS.get((corpus, s))
            cells.append(f"{v:.2f} ({c:.2f})" + (f" (target {t}: {'met' if v <= t else f'missed by {v - t:.2f}'})" if t else ""))
        w = by.get("watch 1 changed", {}).get("median_s")
        t = TARGETS.get((corpus, "watch 1 changed"))
        cells.append("-" if w is None else f"{w:.2f} (in process)" + (
            f" (target {t}: {'met' if w <= t else f'missed by {w - t:.2f}'})" if t else ""))
        lines.append(f"| {corpus} | " + " | ".join(cells) + " |")
    lines += ["", "## In-process, by pass (median, seconds)", "",
              "| corpus | scenario | " + " | ".join(PASSES) + " | total |", "|---|---|" + "---:|" * (len(PASSES) + 1)]
    for corpus, by in results.items():
        for s in SCENARIOS:
            p = by[s]["passes_s"]
            if not isinstance(p, dict):
                continue
            lines.append(f"| {corpus} | {s} | " + " | ".join(f"{p[k]:.3f}" for k in (*PASSES, "total")) + " |")
    return "\n".join(lines) + "\n"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="programs,100,1000", help="comma-separated: `programs` and/or program counts")
    ap.add_argument("--runs", type=int, default=3,
                    help="runs per figure (median); corpora of 1,000 programs or more run once, without the by-pass split")
    ap.add_argument("--compiler", type=Path, help="source tree whose compiler/ to run (default: this one)")
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks", help="folder of the result files")
    ap.add_argument("--name", default="compiler_scale_run", help="base name of the result files (.md and .json)")
    ap.add_argument("--passes-of", choices=("build", "check"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.passes_of:
        passes_main(args.passes_of)
        return 0
    sizes = [s.strip() for s in args.sizes.split(",") if s.strip()]
    if not sizes or any(s != "programs" and not (s.isdigit() and int(s) > 0) for s in sizes) or args.runs < 1:
        ap.error("--sizes is `programs` and/or positive program counts; --runs at least 1")
    tree = args.compiler.resolve() if args.compiler else ROOT
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(tree / "compiler")], check=False, capture_output=True)
    results = {}
    for corpus in sizes:
        big = corpus.isdigit() and int(corpus) >= 1000
        runs = 1 if big else args.runs
        print(f"{corpus}: {runs} run(s)", flush=True)
        results[corpus] = measure(corpus, runs, args.compiler.resolve() if args.compiler else None, passes=not big)
    meta = {"command": "python benchmarks/compiler_scale.py " + " ".join(sys.argv[1:]),
            "when": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"), "runs": args.runs,
            "cpus": os.cpu_count(), "load": " ".join(f"{x:.1f}" for x in os.getloadavg()),
            "compiler": str(args.compiler) if args.compiler else "this tree"}
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / f"{args.name}.md").write_text(markdown(results, meta), encoding="utf-8")
    (args.out / f"{args.name}.json").write_text(json.dumps({"meta": meta, "results": results}, indent=2) + "\n",
                                                        encoding="utf-8")
    print(f"wrote {args.out / (args.name + '.md')}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
