"""`glc test`: run the guideline tests (programs/tests/*.yaml) with the reference evaluator; `--coverage`.

Exit codes: 0 every scenario passed; 1 a scenario failed, a test file is malformed or a program has errors;
2 a usage error (a path that does not exist, or no test files found).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.text import Text

from compiler.cli.choices import Format
from compiler.cli.invocation import invocation
from compiler.cli.render import console as stdout_console
from compiler.cli.render import err_console, print_diagnostics
from compiler.source import display_path
from compiler.syntax.reading import PROGRAM_SUFFIX, VOCABULARY_NAME, VOCABULARY_SUFFIX

if TYPE_CHECKING:
    from compiler.tools.scenario_run import Outcome
    from compiler.tools.scenario_yaml import TestFileError

TEST_SUFFIXES = (".yaml", ".yml")
SHOWN_OUTCOMES = ("fail", "missing", "review")


def test_(
    paths: Annotated[list[Path] | None, typer.Argument(help="Test files (*.yaml) or folders (default: programs/).")] = None,
    coverage: Annotated[bool, typer.Option("--coverage", help="Also report rules, outcomes and matrix cells no scenario reached.")] = False,
    format: Annotated[Format, typer.Option("--format", "-f", help="text for people, json for machines.")] = Format.text,
) -> None:
    """Run the guideline tests (programs/tests/*.yaml) with the reference evaluator."""
    raise typer.Exit(run_test(invocation().paths(paths), coverage, format is Format.json, stdout_console()))


def find_inputs(paths: list[Path]) -> tuple[list[Path], list[Path], list[str], bool]:
    """(guideline files and folders to compile, test files, usage problems, whether the programs were inferred).

    Test files given alone are run against the programs folder they sit in (or beside, or above: the tests of
    older versions may sit in programs/tests/history/).
    """
    guidelines: list[Path] = []
    tests: list[Path] = []
    problems: list[str] = []
    for p in paths:
        if p.is_dir():
            if any(q.suffix in (PROGRAM_SUFFIX, VOCABULARY_SUFFIX) for q in p.rglob("*")):
                guidelines.append(p)
            tests.extend(sorted(q for q in p.rglob("*") if q.suffix in TEST_SUFFIXES and q.is_file()))
        elif not p.exists():
            problems.append(f"No such file or folder: {display_path(p)}.")
        elif p.suffix in TEST_SUFFIXES:
            tests.append(p)
        elif p.suffix in (PROGRAM_SUFFIX, VOCABULARY_SUFFIX):
            guidelines.append(p)
        else:
            problems.append(f"{display_path(p)} is neither a test file (*.yaml) nor a guideline file (*.guideline).")
    inferred = not guidelines
    if inferred:  # test files alone: compile the programs folder they sit in (or beside)
        for t in tests:
            folder = next((d for d in (t.parent, *t.parents[:3]) if (d / VOCABULARY_NAME).is_file()), None)
            if folder is not None and folder not in guidelines:
                guidelines.append(folder)
    return guidelines, list(dict.fromkeys(tests)), problems, inferred


def run_test(paths: list[Path], with_coverage: bool, as_json: bool, console: Console) -> int:
    from compiler.driver import check_paths
    from compiler.tools.coverage import coverage
    from compiler.tools.scenario_run import Runner
    from compiler.tools.scenarios import program_keys, read_test_files

    err = err_console()
    guidelines, test_files, problems, inferred = find_inputs(paths)
    if problems:
        for p in problems:
            err.print(Text(p))
        return 2
    if not test_files:
        err.print(Text(f"No test files (*.yaml) in {', '.join(display_path(p) for p in paths)}; "
                       "guideline tests go in programs/tests/."))
        return 2
    if not guidelines:
        err.print(Text("No programs found for the test files: keep them in programs/tests/, beside programs/loan.fields."))
        return 2
    result = check_paths(guidelines)
    if not result.ok or result.bundle is None:
        print_diagnostics(result.errors, result.sources, err)
        err.print(Text("The programs have errors; fix them (see `glc check`) before running their tests."))
        return 1
    scenarios, errors = read_test_files(test_files, result.bundle)
    runner = Runner(result.bundle)
    outcomes = [runner.run(s) for s in scenarios]
    # coverage of the program versions asked about; for test files alone, of the versions their scenarios test
    tested = {s.program for s in scenarios}
    programs = {k: p for k, p in program_keys(result.bundle).items()
                if (k in tested if inferred else p.path in result.asked)}
    cov = coverage(programs, outcomes) if with_coverage else None
    failed = [o for o in outcomes if not o.passed]
    if as_json:
        sys.stdout.write(json.dumps(_json(test_files, outcomes, errors, cov), indent=2, ensure_ascii=False) + "\n")
    else:
        _print(test_files, outcomes, errors, console)
        if cov is not None:
            print_coverage(cov, console)
    return 1 if failed or errors else 0


def _json(files: list[Path], outcomes: list[Outcome], errors: list[TestFileError], cov: dict[str, Any] | None) -> dict[str, Any]:
    out: dict[str, Any] = {
        "files": [display_path(f) for f in files],
        "errors": [{"where": e.where, "message": e.message} for e in errors],
        "scenarios": [
            {
                "name": o.scenario.name, "program": o.scenario.program, "where": o.scenario.where, "passed": o.passed,
                "status": o.decision.status,
                "mismatches": [{"expectation": m.what, "expected": m.expected, "actual": m.actual} for m in o.mismatches],
                "findings": [] if o.passed else [_finding(f) for f in o.decision.findings if f.outcome in SHOWN_OUTCOMES],
            }
            for o in outcomes
        ],
        "summary": {"scenarios": len(outcomes), "passed": sum(o.passed for o in outcomes),
                    "failed": sum(not o.passed for o in outcomes), "malformed_files": len(errors)},
    }
    if cov is not None:
        out["coverage"] = cov
    return out


def _finding(f: Any) -> dict[str, Any]:
    return {"rule": f.rule_id, "outcome": f.outcome, "message": f.message, "citation": f.citation, "source": f.source}


def _print(files: list[Path], outcomes: list[Outcome], errors: list[TestFileError], console: Console) -> None:
    for e in errors:
        console.print(Text(f"{e.where}: error: {e.message}", style="bold red"))
    by_file: dict[str, list[Outcome]] = {}
    for o in outcomes:
        by_file.setdefault(o.scenario.file, []).append(o)
    for f in files:
        shown = display_path(f)
        mine = by_file.get(shown, [])
        if not mine:
            continue
        bad = [o for o in mine if not o.passed]
        line = Text(f"{shown}: {len(mine) - len(bad)}/{len(mine)} passed")
        line.stylize("green" if not bad else "bold red")
        console.print(line)
        for o in bad:
            _print_failure(o, console)
    n_failed = sum(not o.passed for o in outcomes)
    summary = f"{len(outcomes)} scenario{'s' if len(outcomes) != 1 else ''}: {len(outcomes) - n_failed} passed, {n_failed} failed"
    if errors:
        summary += f"; {len(errors)} malformed test file{'s' if len(errors) != 1 else ''}"
    console.print(Text(summary, style="bold green" if not n_failed and not errors else "bold red"))


def _print_failure(o: Outcome, console: Console) -> None:
    s = o.scenario
    program = "" if f"[{s.program}]" in s.name else f" ({s.program})"
    console.print(Text(f"  FAIL {s.where}: {s.name}{program}", style="bold red"))
    for m in o.mismatches:
        console.print(Text(f"    {m.what}: expected {m.expected}, got {m.actual}"))
    findings = [f for f in o.decision.findings if f.outcome in SHOWN_OUTCOMES]
    console.print(Text(f"    the decision ({o.decision.status}):" if findings else
                       f"    the decision ({o.decision.status}): no rule failed, lacks data or refers the loan."))
    for f in findings:
        cite = f" [{f.citation}]" if f.citation else ""
        console.print(Text(f"      {f.outcome:7} {f.rule_id}: {f.message}{cite} ({f.source})"))


def print_coverage(cov: dict[str, Any], console: Console) -> None:
    console.print(Text("coverage (rules decided; rule outcomes produced; matrix cells reached):", style="bold"))
    width = max([len(p["program"]) for p in cov["programs"]] + [7])

    def row(name: str, c: dict[str, Any]) -> str:
        parts = [f"{c[k]['covered']:>3}/{c[k]['total']:<3} {c[k]['percent']:>5}%" for k in ("rules", "outcomes", "cells")]
        return f"  {name:<{width}}  rules {parts[0]}  outcomes {parts[1]}  cells {parts[2]}"

    for p in cov["programs"]:
        console.print(Text(row(p["program"], p)))
    console.print(Text(row("overall", cov["overall"]), style="bold"))
    for p in cov["programs"]:
        if not (p["rules_not_exercised"] or p["outcomes_not_produced"] or p["cells_not_reached"]):
            continue
        console.print(Text(f"{p['program']}:"))
        if p["rules_not_exercised"]:
            console.print(Text(f"  rules never decided: {', '.join(p['rules_not_exercised'])}"))
        if p["outcomes_not_produced"]:
            shown = ", ".join(f"{o['rule']} {o['outcome']}" for o in p["outcomes_not_produced"])
            console.print(Text(f"  outcomes never produced: {shown}"))
        for c in p["cells_not_reached"]:
            console.print(Text(f"  cell never reached: {c['matrix']}: {c['label']} ({c['cell']})"))
