"""Per-loan benchmarks (issue 8, part 1): write benchmarks/PER_LOAN.md and benchmarks/per_loan.json (on demand, never in
the tests; `benchmarks/all.py` runs this and the other parts and writes the summary, RESULTS.md).

    .venv/bin/pip install -e ".[bench]"
    .venv/bin/python benchmarks/run.py            # 2,000 loans per set, median of 7 runs
    .venv/bin/python benchmarks/run.py --quick    # 300 loans, 3 runs: a smoke run

Per-loan checking of keystone_bank_statement (its full rule set and matrices) by: (a) the hand-written
Decimal functions: the tight bare one, the bar (benchmarks/tight_keystone.py: status, limits, failing rule ids,
written by a careful engineer who knows Python's costs), a typical bare one (benchmarks/handwritten_keystone.py,
the same answer written plainly) and full
(benchmarks/handwritten_keystone_full.py: the same Decision as `check`, findings, messages, limits and
derived values), the generated checker's bare path (`check_fast`) and full path (`check`), each pair compared
like for like (bare with bare, full with full), with and without pydantic validation of a dict,
the reference IR evaluator, GoRules ZEN and rule-engine (benchmarks/peers.py); and `check_all` over every
program. Two loan sets from benchmarks/loans.py (fixed seeds): "all" (2% of each field unknown) and
"complete" (nothing unknown, which the rule engines need). Before anything is timed, every implementation
is checked against the generated checker on every loan of its set; an implementation that disagrees on one
loan is not timed (reported with the count and an example; a benchmark of code that disagrees is void).
First, every implementation against the tight peer in three ways: compute-only (each call's result dropped),
bulk (the list of results built) and the median of single calls (each call timed alone, wall clock, every loan
of every run). Runs are interleaved (run 1 of every implementation, then run 2, ...) so that load on a shared
machine falls on all of them alike; figures are CPU time of this process (time.process_time), the median
of the runs, per loan, over the whole set (bulk: the list of results is built).
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import io
import json
import os
import platform
import pstats
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
HERE = Path(__file__).resolve().parent
PROGRAM = "keystone_bank_statement"


def machine() -> dict[str, Any]:
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    versions = {}
    for pkg in ("pydantic", "pydantic-core", "zen-engine", "rule-engine", "hypothesis"):
        try:
            versions[pkg] = metadata.version(pkg)
        except metadata.PackageNotFoundError:
            versions[pkg] = "not installed"
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    except OSError:
        commit = ""
    return {
        "cpu": cpu, "cores": os.cpu_count(), "python": platform.python_version(),
        "implementation": platform.python_implementation(), "os": platform.platform(), "packages": versions,
        "load_average": list(os.getloadavg()) if hasattr(os, "getloadavg") else None,
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"), "commit": commit,
    }


def agree(name: str, loans: list[Any], mine: Callable[[Any], Any], theirs: Callable[[Any], Any]) -> list[str]:
    """Disagreements of `mine` with `theirs` (the generated checker's answer) over the loans."""
    out = []
    for i, loan in enumerate(loans):
        a, b = mine(loan), theirs(loan)
        if a != b:
            out.append(f"{name}: loan {i}: {a!r} != {b!r}")
    return out


def timed_three(cases: dict[str, tuple[Callable[[Any], Any], list[Any]]], runs: int) -> dict[str, dict[str, float]]:
    """Per-loan microseconds of each case three ways, runs interleaved across cases and ways: compute-only and bulk
    (median CPU time of a run), and single call (median wall time of one call, over every loan of every run)."""
    compute: dict[str, list[float]] = {name: [] for name in cases}
    bulk: dict[str, list[float]] = {name: [] for name in cases}
    single: dict[str, list[int]] = {name: [] for name in cases}
    clock, cpu = time.perf_counter_ns, time.process_time
    for _ in range(runs):
        for name, (fn, loans) in cases.items():
            t0 = cpu()
            for x in loans:
                fn(x)
            compute[name].append((cpu() - t0) / len(loans) * 1e6)
            t0 = cpu()
            results = [fn(x) for x in loans]
            bulk[name].append((cpu() - t0) / len(loans) * 1e6)
            del results
            calls = single[name]
            for x in loans:
                t = clock()
                fn(x)
                calls.append(clock() - t)
    return {name: {"compute": statistics.median(compute[name]), "bulk": statistics.median(bulk[name]),
                   "single": statistics.median(single[name]) / 1e3} for name in cases}


def timed(cases: dict[str, tuple[Callable[[Any], Any], list[Any]]], runs: int) -> dict[str, dict[str, float]]:
    """Median (and spread) of the per-loan CPU microseconds of each case, runs interleaved across cases."""
    samples: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(runs):
        for name, (fn, loans) in cases.items():
            t0 = time.process_time()
            results = [fn(x) for x in loans]
            samples[name].append((time.process_time() - t0) / len(loans) * 1e6)
            del results
    return {name: {"us": statistics.median(s), "min": min(s), "max": max(s)} for name, s in samples.items()}


def profile(fn: Callable[[Any], Any], loans: list[Any], top: int = 12) -> str:
    prof = cProfile.Profile()
    prof.enable()
    for x in loans:
        fn(x)
    prof.disable()
    buf = io.StringIO()
    pstats.Stats(prof, stream=buf).strip_dirs().sort_stats("tottime").print_stats(top)
    lines = [ln for ln in buf.getvalue().splitlines() if ln.strip()]
    start = next(i for i, ln in enumerate(lines) if ln.lstrip().startswith("ncalls"))
    return "\n".join(lines[start:])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="300 loans per set, 3 runs (a smoke run)")
    ap.add_argument("--loans", type=int, help="loans per set (default 2000)")
    ap.add_argument("--runs", type=int, help="timed runs per figure (default 7)")
    ap.add_argument("--out", type=Path, default=HERE, help="folder for PER_LOAN.md and per_loan.json")
    ap.add_argument("--render", action="store_true", help="only rewrite PER_LOAN.md from the folder's per_loan.json")
    args = ap.parse_args(argv)
    if args.render:
        try:
            saved = json.loads((args.out / "per_loan.json").read_text(encoding="utf-8"))
        except (OSError, ValueError) as e:
            print(f"error: cannot read {args.out / 'per_loan.json'}: {e}")
            return 1
        _write(args.out / "PER_LOAN.md", markdown(saved))
        return 0
    n = args.loans or (300 if args.quick else 2000)
    runs = args.runs or (3 if args.quick else 7)

    try:
        import rule_engine  # noqa: F401
        import zen  # noqa: F401
    except ImportError as e:
        print(f"error: {e.name} is not installed; install the benchmark extra: .venv/bin/pip install -e '.[bench]'")
        return 1
    import generated
    from benchmarks import handwritten_keystone as hand
    from benchmarks import handwritten_keystone_full as hand_full
    from benchmarks import peers
    from benchmarks import tight_keystone as tight
    from benchmarks.loans import LoanGenerator
    from compiler.driver import check_paths
    from compiler.evaluate import evaluate
    from generated import _runtime as rt
    from generated.loan import Loan

    info = machine()
    bundle = check_paths([ROOT / "programs"]).bundle
    if bundle is None:
        print("error: programs/ does not check clean; run `glc check`")
        return 1
    program = next(p for p in bundle.programs if p.id == PROGRAM)
    ks = sys.modules[f"generated.{PROGRAM}"] if f"generated.{PROGRAM}" in sys.modules else __import__(
        f"generated.{PROGRAM}", fromlist=["check"])
    expected_graph = json.dumps(peers.zen_graph(), indent=1) + "\n"
    if peers.ZEN_GRAPH.read_text(encoding="utf-8") != expected_graph:
        print(f"error: {peers.ZEN_GRAPH.name} is stale; run: .venv/bin/python benchmarks/peers.py")
        return 1

    dicts = {"all": LoanGenerator(bundle, seed=20260315).loans(n),
             "complete": LoanGenerator(bundle, seed=20260316, unknown=0.0).loans(n)}
    dicts["edge"] = peers.edge_loans(dicts["complete"])  # checked, not timed: invalid values, zero denominators
    models = {k: [Loan.model_validate(d) for d in v] for k, v in dicts.items()}
    incomplete = [m for m in models["complete"] + models["edge"] if peers.context(m) is None]
    if incomplete:
        print(f"error: {len(incomplete)} 'complete' loans have an unknown value the rule engines need")
        return 1
    engine = peers.zen_engine()
    rex = peers.RuleEngineChecker()

    def bare(v: rt.Verdict) -> tuple[Any, ...]:
        return (v.status, v.limits, v.failed, v.unresolved)

    # ---- agreement, before any timing: an implementation that disagrees on one loan of a set is not timed
    print(f"checking agreement on {n} + {n} loans (rule engines: + {len(models['edge'])} edge loans) ...", flush=True)
    checks: dict[str, tuple[Callable[[Any], Any], Callable[[Any], Any], tuple[str, ...]]] = {
        "generated check_fast": (lambda m: ks.check_fast(m), lambda m: rt.Verdict.of(ks.check(m)), ("all", "complete")),
        "tight hand-written": (tight.check, lambda m: bare(ks.check_fast(m)), ("all", "complete")),
        "typical hand-written": (hand.check, lambda m: bare(ks.check_fast(m)), ("all", "complete")),
        "hand-written full": (lambda m: hand_full.check(m).to_dict(), lambda m: ks.check(m).to_dict(), ("all", "complete")),
        "reference evaluator": (lambda m: evaluate(program, bundle.vocabulary, m).to_dict(), lambda m: ks.check(m).to_dict(),
                                ("all", "complete")),
        "GoRules ZEN": (lambda m: peers.zen_check(engine, m), lambda m: peers.expected(ks.check_fast(m)),
                        ("complete", "edge")),
        "rule-engine": (rex.check, lambda m: peers.expected(ks.check_fast(m)), ("complete", "edge")),
    }
    disagree: dict[str, dict[str, Any]] = {}
    for impl, (mine, theirs, sets) in checks.items():
        found: list[str] = []
        for set_name in sets:
            found += agree(f"{impl} [{set_name}]", models[set_name], mine, theirs)
        if found:
            disagree[impl] = {"count": len(found), "example": found[0][:400]}
            print(f"  {impl}: {len(found)} disagreements, not timed; e.g. {found[0][:300]}", flush=True)
    if "generated check_fast" in disagree or "tight hand-written" in disagree:
        print("the generated checker or the tight peer disagrees: nothing timed")
        return 1
    print("timing the implementations that agree on every loan ...", flush=True)

    def agreed(name: str) -> bool:
        return name.removeprefix("validate + ") not in disagree

    modules = [sys.modules[fn.__module__] for fn in generated.PROGRAMS.values()]
    fasts = [m.check_fast for m in modules]

    def fast_all(loan: Any) -> list[rt.Verdict]:
        return [f(loan) for f in fasts]

    def with_dict(fn: Callable[[Any], Any]) -> Callable[[dict[str, Any]], Any]:
        return lambda d: fn(Loan.model_validate(d))

    def worded(m: Any) -> Any:
        """`check` with its wording read: `check` decides the status at once and assembles the findings, conditions,
        values and limits when one is first read (`Decision.deferred`); like for like with the full peers."""
        d = ks.check(m)
        d.limits  # noqa: B018  # reading one part words them all
        return d

    # ---- first: every implementation against the tight peer, compute-only, bulk and single call
    three: dict[str, dict[str, dict[str, float]]] = {}
    for set_name in ("all", "complete"):
        ms = models[set_name]
        against: dict[str, tuple[Callable[[Any], Any], list[Any]]] = {
            "tight hand-written": (tight.check, ms),
            "generated check_fast": (ks.check_fast, ms),
            "typical hand-written": (hand.check, ms),
            "generated check": (ks.check, ms),
            "generated check + to_dict": (lambda m: ks.check(m).to_dict(), ms),
        }
        against = {k: v for k, v in against.items() if agreed(k)}
        print(f"  {set_name}: {len(against)} implementations x 3 ways x {runs} runs against the tight peer", flush=True)
        three[set_name] = timed_three(against, runs)

    figures: dict[str, dict[str, dict[str, float]]] = {}
    for set_name in ("all", "complete"):
        ms, ds = models[set_name], dicts[set_name]
        cases: dict[str, tuple[Callable[[Any], Any], list[Any]]] = {
            "tight hand-written": (tight.check, ms),
            "typical hand-written": (hand.check, ms),
            "generated check_fast": (ks.check_fast, ms),
            "hand-written full": (hand_full.check, ms),
            "generated check": (ks.check, ms),
            "generated check, worded": (worded, ms),
            "reference evaluator": (lambda m: evaluate(program, bundle.vocabulary, m), ms),
            "validate + tight hand-written": (with_dict(tight.check), ds),
            "validate + typical hand-written": (with_dict(hand.check), ds),
            "validate + check_fast": (with_dict(ks.check_fast), ds),
            "validate + hand-written full": (with_dict(hand_full.check), ds),
            "validate + check": (with_dict(ks.check), ds),
            "validate + check, worded": (with_dict(worded), ds),
            "validate only": (Loan.model_validate, ds),
        }
        if set_name == "complete":
            cases["GoRules ZEN"] = (lambda m: peers.zen_check(engine, m), ms)
            cases["rule-engine"] = (rex.check, ms)
        else:
            cases["check_all (every program)"] = (generated.check_all, ms)
            cases["check_fast of every program"] = (fast_all, ms)
        cases = {k: v for k, v in cases.items() if agreed(k)}
        print(f"  {set_name}: {len(cases)} figures x {runs} runs", flush=True)
        figures[set_name] = timed(cases, runs)

    profiles = {
        "generated check_fast": profile(ks.check_fast, models["all"]),
        "generated check": profile(ks.check, models["all"]),
        "generated check + to_dict": profile(lambda m: ks.check(m).to_dict(), models["all"]),
        "tight hand-written": profile(tight.check, models["all"]),
        "typical hand-written": profile(hand.check, models["all"]),
    }
    info["load_average_end"] = list(os.getloadavg()) if hasattr(os, "getloadavg") else None
    result = {"machine": info, "program": PROGRAM, "loans_per_set": n, "runs": runs,
              "rules": len(ks.META.rules), "matrices": len(ks.META.matrices), "programs": len(generated.PROGRAMS),
              "against_tight": three, "disagree": disagree,
              "figures": figures, "targets": targets(figures, three), "profiles": profiles}
    args.out.mkdir(parents=True, exist_ok=True)
    _write(args.out / "per_loan.json", json.dumps(result, indent=2) + "\n")
    _write(args.out / "PER_LOAN.md", markdown(result))
    print((args.out / "PER_LOAN.md").read_text(encoding="utf-8"))
    return 0


def targets(fig: dict[str, dict[str, dict[str, float]]], three: dict[str, dict[str, dict[str, float]]]) -> list[dict[str, Any]]:
    """The issue's targets, each with the measured ratio (same set, same interleaved runs); a row whose implementation
    was not timed (it disagreed) is left out."""
    def ratio3(set_name: str, name: str, way: str) -> float | None:
        t = three.get(set_name, {})
        return None if name not in t else t[name][way] / t["tight hand-written"][way]

    def ratio(set_name: str, a: str, b: str) -> float | None:
        f = fig[set_name]
        return None if a not in f or b not in f else f[a]["us"] / f[b]["us"]

    rows = []
    for set_name, label in (("all", "all loans"), ("complete", "complete loans")):
        for way, how in (("compute", "compute-only"), ("bulk", "bulk")):
            rows.append((f"bare: check_fast within 1.2x of the tight hand-written function, {how} [{label}]",
                         ratio3(set_name, "generated check_fast", way), "<=", 1.2))
    rows += [
        ("full: check within 3x of the tight hand-written bare function, bulk [all loans]",
         ratio3("all", "generated check", "bulk"), "<=", 3),
        ("full: check(...).to_dict() within 6x of the tight hand-written bare function, bulk [all loans]",
         ratio3("all", "generated check + to_dict", "bulk"), "<=", 6),
        ("bare with validation: validate + check_fast within 1.2x of validate + tight hand-written [all loans]",
         ratio("all", "validate + check_fast", "validate + tight hand-written"), "<=", 1.2),
        ("full: check within 1.2x of the hand-written function returning the same Decision [all loans]",
         ratio("all", "generated check, worded", "hand-written full"), "<=", 1.2),
        ("full with validation: validate + check within 1.2x of validate + hand-written full [all loans]",
         ratio("all", "validate + check, worded", "validate + hand-written full"), "<=", 1.2),
        ("ZEN / check_fast, at least 10x [complete loans]", ratio("complete", "GoRules ZEN", "generated check_fast"), ">=", 10),
        ("rule-engine / check_fast, at least 10x [complete loans]",
         ratio("complete", "rule-engine", "generated check_fast"), ">=", 10),
        ("reference evaluator / check_fast, at least 10x [all loans]",
         ratio("all", "reference evaluator", "generated check_fast"), ">=", 10),
        ("reference evaluator / check (both build the full Decision), at least 10x [all loans]",
         ratio("all", "reference evaluator", "generated check, worded"), ">=", 10),
    ]
    return [{"target": t, "ratio": round(r, 2), "goal": f"{op} {g}", "met": r <= g if op == "<=" else r >= g}
            for t, r, op, g in rows if r is not None]


def markdown(r: dict[str, Any]) -> str:
    m = r["machine"]
    pk = ", ".join(f"{k} {v}" for k, v in m["packages"].items())
    out = [
        "# Per-loan benchmarks",
        "",
        f"Written by `.venv/bin/python benchmarks/run.py` on {m['date']} (commit {m['commit']}).",
        "",
        f"Machine: {m['cpu']}, {m['cores']} cores, {m['os']}; {m['implementation']} {m['python']}; {pk}.",
        f"Load average at start {m['load_average']}, at end {m.get('load_average_end')}: "
        + ("the machine was shared and busy, so absolute figures are inflated and noisy; the ratios, measured side by "
           "side in the same interleaved runs, are the figures to read."
           if m["load_average"] and m["load_average"][0] > (m["cores"] or 1) else "a quiet machine."),
        "",
        f"Program {r['program']} ({r['matrices']} matrices, {r['rules']} rules), {r['loans_per_set']} loans per set, "
        f"median of {r['runs']} interleaved runs, CPU time per loan (bulk: all results kept). Every implementation agreed "
        "with the generated checker on every loan of its set before it was timed (one that did not is listed, untimed).",
        "",
    ]
    out += ["## Against the tight hand-written function (the bar)", "",
            "Each implementation's time over `benchmarks/tight_keystone.py`'s, three ways: compute-only (CPU, each "
            "result dropped), bulk (CPU, the list of results built), single call (median wall time of one call over "
            "every loan of every run). us/loan in brackets.", "",
            "| set | implementation | compute-only | bulk | single call |", "|---|---|---:|---:|---:|"]
    for set_name, t in r.get("against_tight", {}).items():
        ref = t["tight hand-written"]
        for name, f in t.items():
            cells = [f"{f[w] / ref[w]:.2f}x ({f[w]:.1f})" for w in ("compute", "bulk", "single")]
            out.append(f"| {set_name} | {name} | " + " | ".join(cells) + " |")
    for name, d in r.get("disagree", {}).items():
        out += ["", f"Not timed: {name} disagrees with the generated checker on {d['count']} loans, e.g. `{d['example']}`."]
    out.append("")
    for set_name, title in (("all", "All loans (2% of each field unknown: the needs-info paths too)"),
                            ("complete", "Complete loans (nothing unknown; the rule engines need this)")):
        fig = r["figures"][set_name]
        out += [f"## {title}", "", "| implementation | us/loan (median) | min..max | loans/s | vs its hand-written peer |",
                "|---|---:|---:|---:|---:|"]
        for name, f in fig.items():
            ref = _peer(name, fig)
            ratio = "" if ref is None else f"{f['us'] / fig[ref]['us']:.2f}x ({ref})"
            out.append(f"| {name} | {f['us']:.1f} | {f['min']:.1f}..{f['max']:.1f} | {1e6 / f['us']:,.0f} | {ratio} |")
        out.append("")
    out += ["Like for like: the bare path (`check_fast`: status, limits, failing rule ids) against the bare hand-written "
            "function; the full path (`check`: the whole Decision, every finding with its message, derived values, limit "
            "candidates) and the reference evaluator against the hand-written function that returns the same Decision "
            "(verified equal via `to_dict` on every loan); `validate + ...` rows against `validate + ` the same peer; the "
            "rule engines (bare answers) against the bare hand-written function. `check_all` runs every program's full "
            f"`check` ({r['programs']} programs) and sorts the Decisions; `check_fast of every program` runs each program's "
            "bare path.", "", "## Targets", "", "| target | measured | goal | met |", "|---|---:|---:|---|"]
    for t in r["targets"]:
        out.append(f"| {t['target']} | {t['ratio']:.2f}x | {t['goal']}x | {'yes' if t['met'] else '**no**'} |")
    missed = [t for t in r["targets"] if not t["met"]]
    if missed:
        out += ["", "## Targets missed: by how much, where the time goes, what would close it", ""]
        said: set[str] = set()
        for t in missed:
            goal = float(t["goal"].split()[1])
            if t["goal"].startswith("<="):
                by = f"{t['ratio'] / goal - 1:.0%} over the allowed ratio" if t["ratio"] < 2 * goal else \
                    f"{t['ratio'] / goal:.1f} times the allowed ratio"
            else:
                by = f"{1 - t['ratio'] / goal:.0%} short of the required speed-up"
            why = _why(t["target"])
            kind = why[:40]
            out.append(f"- {t['target']}: {t['ratio']:.2f}x against {t['goal']}x: {by}. "
                       + (why if kind not in said else "(As above.)"))
            said.add(kind)
    out += ["", "## Where the time goes (cProfile, all loans, top functions by own time)", ""]
    for name, text in r["profiles"].items():
        out += [f"### {name}", "", "```text", text, "```", ""]
    return "\n".join(out)


def _peer(name: str, fig: dict[str, dict[str, float]]) -> str | None:
    """The hand-written row a figure is compared with: bare with bare, full with full, validated with validated."""
    if name in ("validate only",) or name.startswith(("check_all", "check_fast of")):
        return None
    full = name.endswith(("check", "full", "evaluator", "worded"))
    ref = ("validate + " if name.startswith("validate + ") else "") + ("hand-written full" if full else "tight hand-written")
    return ref if ref in fig else None


def _why(target: str) -> str:
    """Where the time goes for a missed target, and what would close the gap (see the profiles below)."""
    if target.startswith("bare"):
        return ("`check_fast` binds each derived value and loan field as a local where first needed (a field read "
                "once is read in place), divides inline through the bound context methods, reads whether each matrix "
                "applies from one dict lookup on the fields its conditions read, tests a rule with one simple "
                "requirement on its parts (no three-valued `ok`), shares the arithmetic of limits worked out alike "
                "(max LTV and max CLTV), applies the largest literal reduction first, counts late payments and the "
                "months since each group's latest event in one pass into ints, marks invalid values with local flags "
                "and builds its `Verdict` by one C call. What is left against the tight function "
                "(benchmarks/tight_keystone.py): three-valued (Kleene) tests where the tight function folds known "
                "cases (credit event seasoning tests all five groups; property value, senior liens and the DTI "
                "alternative keep their unknown tests), the per-matrix `applies` tests and refusal bookkeeping of "
                "matrices that cannot apply, and CLTV divided again where the tight function reuses LTV when there "
                "are no other liens. Closing it: a matrix dispatch that runs only the matrix that applies, and "
                "statement-level (not expression-level) code for derived values with branches.")
    if target.startswith("full") and "tight" in target:
        return ("`check` decides the status by `check_fast` and words the Decision when a part is first read "
                "(`Decision.deferred`); `to_dict` reads every part, so it pays for the whole wording. The generated "
                "`words` (compiler/backends/python/words.py) computes the loan's facts again, shows every quoted field "
                "and value with a formatter chosen by its kind (`rt.shower`), writes the derived values and each "
                "rule's finding in the common cases (not applicable, every requirement met, a one-requirement rule "
                "not met: texts pre-joined); "
                "`rt.decide` still assembles the matrices, the limits (candidates, reductions, caps, their findings), "
                "the rules' other outcomes and the status from `META`; then about 30 `Finding`s and 14 derived values "
                "are walked into plain data. What would close it: generate the matrices' and limits' wording too "
                "and serialise from that record without building the `Finding` objects first (reusing what "
                "`check_fast` computed is not cheap: its locals are not the facts, and handing them over costs it "
                "about as much as computing the facts again).")
    if target.startswith("full"):
        return ("Both build about 30 findings with their messages, every derived value with its inputs as underwriters "
                "read them and every limit's candidates; the generated path writes the shown values, derived values "
                "and common rule findings per program (`words`) and leaves matrices, limits and the rarer outcomes "
                "to `rt.decide` over the program's metadata. What would close it: generate those too.")
    if target.startswith("reference evaluator / check "):
        return ("The reference evaluator (compiler/evaluate_decision.py) builds the same Decision by walking the "
                "program; `check` builds it through the generated `words` and `rt.decide`, and the ratio grows as "
                "that wording gets cheaper (the to_dict row above says what is left of it); against the bare path "
                "it is met (row above).")
    if target.startswith("rule-engine") or target.startswith("ZEN"):
        return ("The peer's time is dominated by its own rule evaluation; the ratio moves with machine load (both "
                "are measured in the same interleaved runs).")
    return ""


def _write(path: Path, text: str) -> None:
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


if __name__ == "__main__":
    sys.exit(main())
