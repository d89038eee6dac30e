"""`glc`: the command line. Thin: parse arguments, call the driver, print.

Exit codes: 0 success (warnings allowed), 1 errors in the input, 2 usage errors.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import IO, Annotated

import typer
from rich.console import Console
from rich.text import Text

from compiler.cache import Cache, default_folder
from compiler.diagnostics import Diagnostic, render_text, summary, to_json
from compiler.source import Source

app = typer.Typer(
    name="glc",
    help="The guideline compiler: check, build and explain non-QM underwriting guidelines.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


class Format(StrEnum):
    text = "text"
    json = "json"


DEFAULT_PATHS = [Path("programs")]


@app.callback()
def _root() -> None:
    """The guideline compiler: check, build and explain non-QM underwriting guidelines."""


def _console(stream: IO[str] | None = None) -> Console:
    return Console(file=stream or sys.stdout, highlight=False, soft_wrap=True)


def print_diagnostics(diags: list[Diagnostic], sources: dict[str, Source], console: Console) -> None:
    """Human diagnostics, coloured when the terminal allows it."""
    text = render_text(diags, sources)
    for line in text.splitlines():
        styled = Text(line)
        if ": error[" in line:
            styled.stylize("bold red", 0, len(line))
        elif ": warning[" in line:
            styled.stylize("bold yellow", 0, len(line))
        elif line.startswith("  fix:"):
            styled.stylize("green", 0, 6)
        console.print(styled)


@app.command()
def check(
    paths: Annotated[list[Path] | None, typer.Argument(help="Guideline files or folders (default: programs/).")] = None,
    format: Annotated[Format, typer.Option("--format", "-f", help="text for people, json for editors and CI.")] = Format.text,
    vocabulary: Annotated[Path | None, typer.Option(help="The loan vocabulary (default: loan.fields beside the files).")] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Do not read or write the build cache (.glc-cache/).")] = False,
) -> None:
    """Check guideline files: report every problem with file:line:col and a fix."""
    from compiler.driver import check_paths

    result = check_paths(paths or DEFAULT_PATHS, vocabulary=vocabulary, cache=build_cache(no_cache))
    if format is Format.json:
        sys.stdout.write(to_json(result.diagnostics))
    else:
        console = _console()
        print_diagnostics(result.diagnostics, result.sources, console)
        n = len(result.checked)
        older = sum(1 for p in result.history if p.path in result.asked)
        also = f" (and {older} older version{'s' if older != 1 else ''})" if older else ""
        console.print(Text(f"checked {n} program{'s' if n != 1 else ''}{also}: {summary(result.diagnostics)}"))
    raise typer.Exit(exit_code(result.diagnostics))


@app.command()
def build(
    paths: Annotated[list[Path] | None, typer.Argument(help="Guideline files or folders (default: programs/).")] = None,
    check_only: Annotated[bool, typer.Option("--check", help="Write nothing; exit 1 if generated/ is stale.")] = False,
    vocabulary: Annotated[Path | None, typer.Option(help="The loan vocabulary (default: loan.fields beside the files).")] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Do not read or write the build cache (.glc-cache/).")] = False,
) -> None:
    """Compile the guidelines into generated/ (written atomically; a failed build writes nothing)."""
    from compiler.build import build as run_build
    from compiler.build import check_fresh

    root = Path.cwd()
    console = _console()
    cache = build_cache(no_cache)
    result = (check_fresh(paths or DEFAULT_PATHS, root, vocabulary, cache) if check_only
              else run_build(paths or DEFAULT_PATHS, root, vocabulary, cache))
    diags = result.check.diagnostics
    if diags:
        print_diagnostics(diags, result.check.sources, console)
    if not result.check.ok:
        console.print(Text(f"build failed, nothing written: {summary(diags)}"))
        raise typer.Exit(exit_code(diags))
    if check_only:
        if result.stale:
            console.print(Text("generated output is stale; run `glc build`:"))
            for rel in result.stale:
                console.print(Text(f"  {rel}"))
            raise typer.Exit(1)
        console.print(Text("generated output is up to date"))
        return
    changed = len(result.written) + len(result.removed)
    console.print(Text(f"built {result.programs} programs: {changed} file{'s' if changed != 1 else ''} changed"))
    for rel in result.written:
        console.print(Text(f"  wrote {rel}"))
    for rel in result.removed:
        console.print(Text(f"  removed {rel}"))


@app.command(name="eval")
def eval_(
    program: Annotated[str | None, typer.Argument(help="Program id (omit with --all).")] = None,
    loan_file: Annotated[str | None, typer.Argument(metavar="LOAN.json", help="The loan as JSON; `-` reads stdin.")] = None,
    all_programs: Annotated[bool, typer.Option("--all", help="Decide the loan under every program.")] = False,
    format: Annotated[Format, typer.Option("--format", "-f", help="text for people, json for machines.")] = Format.text,
    on: Annotated[str | None, typer.Option("--on", help="Use the version in force on this date (YYYY-MM-DD, or "
                                           "`application` for the loan's application date); default: the current one.")] = None,
) -> None:
    """Decide one loan with the generated checkers: status, findings, limits, conditions, values."""
    from compiler.evaluate_cli import run_eval

    if all_programs and loan_file is None:
        program, loan_file = None, program
    if loan_file is None or (program is None and not all_programs):
        _console(sys.stderr).print(Text("usage: glc eval PROGRAM LOAN.json   or   glc eval --all LOAN.json"))
        raise typer.Exit(2)
    raise typer.Exit(run_eval(program, loan_file, all_programs, format is Format.json, _console(), on))


@app.command(name="test")
def test_(
    paths: Annotated[list[Path] | None, typer.Argument(help="Test files (*.yaml) or folders (default: programs/).")] = None,
    coverage: Annotated[bool, typer.Option("--coverage", help="Also report rules, outcomes and matrix cells no scenario reached.")] = False,
    format: Annotated[Format, typer.Option("--format", "-f", help="text for people, json for machines.")] = Format.text,
) -> None:
    """Run the guideline tests (programs/tests/*.yaml) with the reference evaluator."""
    from compiler.scenario_cli import run_test

    raise typer.Exit(run_test(paths or DEFAULT_PATHS, coverage, format is Format.json, _console()))


@app.command()
def diff(
    old: Annotated[str, typer.Argument(metavar="OLD", help="The older guideline file (or, with --from, the program file).")],
    new: Annotated[str | None, typer.Argument(metavar="NEW", help="The newer guideline file.")] = None,
    rev_from: Annotated[str | None, typer.Option("--from", help="Read OLD at this git revision.")] = None,
    rev_to: Annotated[str | None, typer.Option("--to", help="Read the new side at this git revision (default: the file now).")] = None,
    format: Annotated[str, typer.Option("--format", "-f", help="text, json or markdown.")] = "text",
    exit_code: Annotated[bool, typer.Option("--exit-code", help="Exit 1 when there are changes (like git diff).")] = False,
) -> None:
    """List every change between two versions of a program: cells, rules, values, citations."""
    from compiler.diff_cli import run_diff

    if format not in ("text", "json", "markdown"):
        _console(sys.stderr).print(Text(f"--format is text, json or markdown, not `{format}`."))
        raise typer.Exit(2)
    raise typer.Exit(run_diff(old, new, rev_from, rev_to, format, exit_code, _console()))


@app.command()
def explain(
    program: Annotated[str, typer.Argument(help="Program id.")],
    loan_file: Annotated[str, typer.Argument(metavar="LOAN.json", help="The loan as JSON; `-` reads stdin.")],
    format: Annotated[Format, typer.Option("--format", "-f", help="text for people, json for machines.")] = Format.text,
    on: Annotated[str | None, typer.Option(
        "--on", metavar="DATE|application",
        help="Explain against the version in force on DATE (YYYY-MM-DD) or on the loan's application date.")] = None,
) -> None:
    """Near misses: the smallest changes that would make a failed rule, and the whole loan, pass."""
    from compiler.explain_cli import run_explain

    raise typer.Exit(run_explain(program, loan_file, format is Format.json, _console(), on))


@app.command()
def screen(
    tape: Annotated[str, typer.Argument(metavar="TAPE", help="The loan tape: .csv or .parquet.")],
    program: Annotated[list[str] | None, typer.Option("--program", "-p", help="Program id (repeatable).")] = None,
    all_programs: Annotated[bool, typer.Option("--all", help="Screen every loan under every program.")] = False,
    engine: Annotated[str, typer.Option(help="duckdb (default), python (generated checkers), reference, or spark.")] = "duckdb",
    out: Annotated[str, typer.Option(help="Folder for results.parquet, results.csv, summary.json.")] = "screen-out",
    mapping: Annotated[str | None, typer.Option(help="TOML file mapping the tape's columns and formats.")] = None,
    scenario: Annotated[str | None, typer.Option(help="Stress scenario of programs/*.portfolio to apply.")] = None,
    master: Annotated[str | None, typer.Option(help="spark engine: the Spark master URL (default local[*]).")] = None,
    emit_sql: Annotated[str | None, typer.Option(help="spark engine: write the Spark SQL and the checked tape into this "
                                                      "folder for spark-submit, and stop.")] = None,
    report: Annotated[bool, typer.Option("--report/--no-report",
                                         help="Write report.html (and loans.parquet, the facts it charts).")] = True,
) -> None:
    """Screen a loan tape: every row under the programs (or each row's own `program` column)."""
    from compiler.screen_cli import run_screen

    raise typer.Exit(run_screen(tape, program or [], all_programs, engine, out, mapping, _console(), scenario=scenario,
                                master=master, emit_sql=emit_sql, report=report))


@app.command(name="sample-tape")
def sample_tape(
    out: Annotated[str, typer.Argument(metavar="OUT", help="The tape to write: .csv or .parquet.")],
    rows: Annotated[int, typer.Option(help="Number of loans.")] = 1000,
    seed: Annotated[int, typer.Option(help="Random seed (same seed, same tape).")] = 1,
    broken: Annotated[float, typer.Option(help="Fraction of rows with an unreadable cell.")] = 0.01,
    typed: Annotated[bool, typer.Option("--typed", help="Native column types (DECIMAL, BIGINT, DATE, BOOLEAN), no tape "
                                        "formats: a clean data-warehouse extract of the same loans.")] = False,
) -> None:
    """Write a deterministic synthetic loan tape (band edges, tape formats, some broken rows)."""
    from compiler.screen_cli import run_sample_tape

    raise typer.Exit(run_sample_tape(out, rows, seed, broken, _console(), typed=typed))


@app.command()
def portfolio(
    paths: Annotated[list[Path] | None, typer.Argument(help="Portfolio files or folders (default: programs/).")] = None,
) -> None:
    """Check portfolio files (pool limits, stress scenarios) and list what they declare."""
    from compiler.portfolio_cli import run_portfolio

    raise typer.Exit(run_portfolio(paths or [], _console()))


@app.command()
def report(
    folder: Annotated[str, typer.Argument(help="The --out folder of a `glc screen` run.")] = "screen-out",
) -> None:
    """Rebuild a screening run's report.html (one self-contained page) from its output folder."""
    from compiler.screen.report import run_report

    raise typer.Exit(run_report(folder, _console()))


@app.command()
def package(
    name: Annotated[str, typer.Option("--name", metavar="NAME", help="The package's import name (`import NAME`).")],
    version: Annotated[str, typer.Option("--version", metavar="V", help="Its PEP 440 version.")] = "0.1.0",
    out: Annotated[Path, typer.Option("--out", metavar="DIR", help="Folder for the wheel (made if missing).")] = Path("dist"),
    generated: Annotated[Path, typer.Option("--generated", metavar="DIR", help="The generated checkers to package.")] = Path("generated"),
) -> None:
    """Write a wheel of the generated checkers (standard library + pydantic) that installs as `import NAME`."""
    from compiler.package_wheel import PackageError, build_checker_wheel

    try:
        wheel = build_checker_wheel(generated, name, version, out)
    except PackageError as err:
        _console(sys.stderr).print(Text(f"glc package: {err}"))
        raise typer.Exit(2) from None
    except OSError as err:  # the destination cannot be written: read-only, full, no permission
        _console(sys.stderr).print(Text(f"glc package: cannot write the wheel into {out}: {err.strerror or err}"))
        raise typer.Exit(2) from None
    _console().print(Text(f"wrote {wheel}: pip install it, then `import {name}`"))


def build_cache(no_cache: bool) -> Cache | None:
    """The build cache of the working directory (`.glc-cache/`, see compiler/cache.py), unless turned off."""
    return None if no_cache else Cache(default_folder(Path.cwd()))


USAGE_CODES = frozenset({"E602", "E603", "E608"})


def exit_code(diags: list[Diagnostic]) -> int:
    """0 clean (warnings allowed), 2 when the command line named nothing usable, 1 for errors in the files."""
    errors = [d for d in diags if d.severity == "error"]
    if not errors:
        return 0
    if all(d.code in USAGE_CODES for d in errors):
        return 2
    return 1


def main() -> None:
    """Console-script entry point; never lets a Python traceback reach the user."""
    try:
        app()
    except SystemExit:
        raise
    except KeyboardInterrupt:
        sys.stderr.write("interrupted\n")
        raise SystemExit(130) from None
    except Exception as err:  # a compiler bug: say so plainly, keep the details for the report
        sys.stderr.write(
            f"glc: internal error ({type(err).__name__}: {err}).\n"
            "This is a bug in glc, not in your guideline; please report it with the file that caused it.\n"
        )
        raise SystemExit(3) from None


if __name__ == "__main__":
    main()
