"""`glc`: the command line. Thin: parse arguments, call the driver, print.

Every command but `init` and `diff` works on a project (`compiler.project`): the nearest folder at or above
the working directory with a `glc.toml`, or `--project DIR`. Paths on the command line are read relative to
the folder glc was started in; the command then runs in the project's folder, so every path it writes into
generated code, pages and messages is relative to the project, wherever glc was started.

Exit codes, the same for every command (the README's table):
    0    success (warnings allowed)
    1    the input was read and the answer is no: errors in a guideline, a failed guideline test, stale
         generated output under `build --check`, changes under `diff --exit-code`, a tape or loan that
         cannot be screened as a whole
    2    usage: a wrong option or argument, no project, a missing or unreadable input, an output that cannot
         be written (read-only folder, disk full, permissions)
    3    an internal error: a bug in glc
    130  interrupted (Ctrl-C)
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from enum import StrEnum
from pathlib import Path
from typing import IO, Annotated, NoReturn

import typer
from rich.console import Console
from rich.text import Text

from compiler.build.cache import Cache
from compiler.cli.choices import DiffFormat, Engine
from compiler.diagnostics import Diagnostic, render_text, summary, to_json
from compiler.project import Project, ProjectError
from compiler.source import Source

app = typer.Typer(
    name="glc",
    help="The guideline compiler: check, build and explain non-QM underwriting guidelines.",
    no_args_is_help=True,
    add_completion=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
)


class Format(StrEnum):
    text = "text"
    json = "json"


class Invocation:
    """Where glc was started, and the project it works on (found when a command first needs it)."""

    def __init__(self, here: Path, explicit: Path | None) -> None:
        self.here = here
        self.explicit = explicit
        self._project: Project | None = None

    def arg(self, path: Path | str) -> Path:
        """A path from the command line (relative to where glc was started) as the command sees it, having moved
        into the project's folder: relative to the project where it was relative (`-` is stdin, kept as is)."""
        p = Path(path)
        if str(path) == "-" or p.is_absolute() or self._project is None:
            return p
        return Path(os.path.relpath(self.here / p, self._project.root))

    def project(self) -> Project:
        """The project; the command then runs in its folder. Outside any project: a one-line usage error."""
        if self._project is None:
            try:
                self._project = Project.find(self.here, self.explicit)
            except ProjectError as err:
                _console(sys.stderr).print(Text(str(err)))
                raise typer.Exit(2) from None
            os.chdir(self._project.root)
        return self._project


_current: list[Invocation] = []  # the running command's invocation (set by the root callback)


def _invocation() -> Invocation:
    if not _current:
        _current.append(Invocation(Path.cwd(), None))
    return _current[-1]


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import PackageNotFoundError, version

        try:
            number = version("guideline-compiler")
        except PackageNotFoundError:  # running from a source tree that was never installed
            number = "unknown (not installed)"
        _console().print(Text(f"glc {number}"))
        raise typer.Exit(0)


@app.callback()
def _root(
    project: Annotated[Path | None, typer.Option("--project", metavar="DIR", help="The project folder (default: the nearest "
                                                 "folder at or above this one with a glc.toml).")] = None,
    version: Annotated[bool, typer.Option("--version", is_eager=True, callback=_version,
                                          help="Print glc's version and stop.")] = False,
) -> None:
    """The guideline compiler: check, build and explain non-QM underwriting guidelines."""
    _current[:] = [Invocation(Path.cwd(), project)]


def _input(path: Path, what: str, folder: bool = False) -> Path:
    """An input path that must exist and be readable (a file, or a folder when `folder`): else a one-line usage
    error, exit 2, whichever command it is."""
    problem = None
    if str(path) == "-":
        return path
    if not path.exists():
        problem = f"No such {what}: {path}."
    elif folder and not path.is_dir():
        problem = f"{path} is a file; give the {what}."
    elif not folder and path.is_dir():
        problem = f"{path} is a folder; give the {what}."
    elif not os.access(path, os.R_OK):
        problem = f"Cannot read {path}: permission denied."
    if problem:
        _console(sys.stderr).print(Text(problem))
        raise typer.Exit(2)
    return path


def _paths(paths: list[Path] | None) -> list[Path]:
    """Guideline files or folders from the command line, or the project's programs folder."""
    inv = _invocation()
    project = inv.project()
    return [inv.arg(p) for p in paths] if paths else [project.programs]


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

    chosen = _paths(paths)
    result = check_paths(chosen, vocabulary=_invocation().arg(vocabulary) if vocabulary else None, cache=build_cache(no_cache))
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
    from compiler.build.build import build as run_build
    from compiler.build.build import check_fresh

    chosen = _paths(paths)
    root = _invocation().project().root
    vocab = _invocation().arg(vocabulary) if vocabulary else None
    console = _console()
    cache = build_cache(no_cache)
    result = check_fresh(chosen, root, vocab, cache) if check_only else run_build(chosen, root, vocab, cache)
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
    n = result.programs
    console.print(Text(f"built {n} program{'s' if n != 1 else ''}: {changed} file{'s' if changed != 1 else ''} changed"))
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
    from compiler.cli.eval import run_eval

    if all_programs and loan_file is not None:
        _console(sys.stderr).print(Text(f"--all decides the loan under every program: give --all or the program "
                                        f"`{program}`, not both."))
        raise typer.Exit(2)
    if all_programs and loan_file is None:
        program, loan_file = None, program
    if loan_file is None or (program is None and not all_programs):
        _console(sys.stderr).print(Text("usage: glc eval PROGRAM LOAN.json   or   glc eval --all LOAN.json"))
        raise typer.Exit(2)
    inv = _invocation()
    inv.project()
    loan = _input(inv.arg(loan_file), "loan file")
    raise typer.Exit(run_eval(program, str(loan), all_programs, format is Format.json, _console(), on))


@app.command(name="test")
def test_(
    paths: Annotated[list[Path] | None, typer.Argument(help="Test files (*.yaml) or folders (default: programs/).")] = None,
    coverage: Annotated[bool, typer.Option("--coverage", help="Also report rules, outcomes and matrix cells no scenario reached.")] = False,
    format: Annotated[Format, typer.Option("--format", "-f", help="text for people, json for machines.")] = Format.text,
) -> None:
    """Run the guideline tests (programs/tests/*.yaml) with the reference evaluator."""
    from compiler.cli.test import run_test

    raise typer.Exit(run_test(_paths(paths), coverage, format is Format.json, _console()))


@app.command()
def diff(
    old: Annotated[str, typer.Argument(metavar="OLD", help="The older guideline file (or, with --from, the program file).")],
    new: Annotated[str | None, typer.Argument(metavar="NEW", help="The newer guideline file.")] = None,
    rev_from: Annotated[str | None, typer.Option("--from", help="Read OLD at this git revision.")] = None,
    rev_to: Annotated[str | None, typer.Option("--to", help="Read the new side at this git revision (default: the file now).")] = None,
    format: Annotated[DiffFormat, typer.Option("--format", "-f", help="text, json or markdown.")] = DiffFormat.text,
    exit_code: Annotated[bool, typer.Option("--exit-code", help="Exit 1 when there are changes (like git diff).")] = False,
    allow_different: Annotated[bool, typer.Option("--allow-different", help="Compare two different programs (different "
                                                  "program ids); without it that is a usage error.")] = False,
) -> None:
    """List every change between two versions of a program: cells, rules, values, citations."""
    from compiler.cli.diff import run_diff

    inv = _invocation()
    old_path = _input(inv.arg(old), "guideline file") if rev_from is None or rev_to is None else inv.arg(old)
    new_path = _input(inv.arg(new), "guideline file") if new is not None else None
    raise typer.Exit(run_diff(str(old_path), str(new_path) if new_path is not None else None, rev_from, rev_to,
                              format.value, exit_code, _console(), allow_different=allow_different))


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
    from compiler.cli.explain import run_explain

    inv = _invocation()
    inv.project()
    loan = _input(inv.arg(loan_file), "loan file")
    raise typer.Exit(run_explain(program, str(loan), format is Format.json, _console(), on))


@app.command()
def screen(
    tape: Annotated[str, typer.Argument(metavar="TAPE", help="The loan tape: .csv or .parquet.")],
    program: Annotated[list[str] | None, typer.Option("--program", "-p", help="Program id (repeatable).")] = None,
    all_programs: Annotated[bool, typer.Option("--all", help="Screen every loan under every program.")] = False,
    engine: Annotated[Engine, typer.Option(help="duckdb (default), python (generated checkers), reference, or spark.")] = Engine.duckdb,
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
    from compiler.cli.screen import run_screen

    inv = _invocation()
    inv.project()
    tape_path = _input(inv.arg(tape), "tape")
    mapping_path = _input(inv.arg(mapping), "mapping file") if mapping else None
    raise typer.Exit(run_screen(str(tape_path), program or [], all_programs, engine.value, str(inv.arg(out)),
                                str(mapping_path) if mapping_path else None, _console(), scenario=scenario, master=master,
                                emit_sql=str(inv.arg(emit_sql)) if emit_sql else None, report=report))


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
    from compiler.cli.screen import run_sample_tape

    inv = _invocation()
    inv.project()
    raise typer.Exit(run_sample_tape(str(inv.arg(out)), rows, seed, broken, _console(), typed=typed))


@app.command()
def portfolio(
    paths: Annotated[list[Path] | None, typer.Argument(help="Portfolio files or folders (default: programs/).")] = None,
) -> None:
    """Check portfolio files (pool limits, stress scenarios) and list what they declare."""
    from compiler.cli.portfolio import run_portfolio

    raise typer.Exit(run_portfolio(_paths(paths), _console()))


@app.command()
def report(
    folder: Annotated[str, typer.Argument(help="The --out folder of a `glc screen` run.")] = "screen-out",
) -> None:
    """Rebuild a screening run's report.html (one self-contained page) from its output folder."""
    from compiler.screen.report.render import run_report

    inv = _invocation()
    inv.project()
    raise typer.Exit(run_report(str(_input(inv.arg(folder), "screening output folder", folder=True)), _console()))


@app.command()
def init(
    folder: Annotated[Path, typer.Argument(metavar="DIR", help="The folder for the new project (made if missing).")],
) -> None:
    """Start a new project: glc.toml, the loan vocabulary, an example program with its tests, an example loan."""
    from compiler.project import init_project

    dest = _invocation().arg(folder)
    try:
        written = init_project(dest)
    except ProjectError as err:
        _console(sys.stderr).print(Text(str(err)))
        raise typer.Exit(2) from None
    console = _console()
    for rel in written:
        console.print(Text(f"  wrote {folder / rel}"))
    console.print(Text(f"started a project in {folder}; next: cd {folder} && glc check && glc build && glc test"))


@app.command()
def package(
    name: Annotated[str, typer.Option("--name", metavar="NAME", help="The package's import name (`import NAME`).")],
    version: Annotated[str, typer.Option("--version", metavar="V", help="Its PEP 440 version.")] = "0.1.0",
    out: Annotated[Path, typer.Option("--out", metavar="DIR", help="Folder for the wheel (made if missing).")] = Path("dist"),
    generated: Annotated[Path | None, typer.Option("--generated", metavar="DIR", help="The generated checkers to package "
                                                   "(default: the project's generated/, checked to be fresh).")] = None,
) -> None:
    """Write a wheel of the generated checkers (standard library + pydantic) that installs as `import NAME`."""
    from compiler.build.wheel import PackageError, build_checker_wheel

    inv = _invocation()
    if generated is None:  # the project's own: it must be what the programs build
        from compiler.build.build import check_fresh

        project = inv.project()
        fresh = check_fresh([project.programs], project.root, cache=build_cache(False))
        if not fresh.check.ok or fresh.stale:
            _console(sys.stderr).print(Text("generated/ is stale or the programs have errors: run `glc build` first."))
            raise typer.Exit(1)
    source = inv.arg(generated) if generated is not None else inv.project().generated
    out = inv.arg(out)
    try:
        wheel = build_checker_wheel(source, name, version, out)
    except PackageError as err:
        _console(sys.stderr).print(Text(f"glc package: {err}"))
        raise typer.Exit(2) from None
    except OSError as err:  # the destination cannot be written: read-only, full, no permission
        _console(sys.stderr).print(Text(f"glc package: cannot write the wheel into {out}: {err.strerror or err}"))
        raise typer.Exit(2) from None
    _console().print(Text(f"wrote {wheel}: pip install it, then `import {name}`"))


def build_cache(no_cache: bool) -> Cache | None:
    """The project's build cache (`.glc-cache/`, see compiler/build/cache.py), unless turned off."""
    return None if no_cache else Cache(_invocation().project().cache)


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
    """Console-script entry point: the exit-code contract (module docstring), and never a Python traceback."""
    signal.signal(signal.SIGINT, _interrupt)
    try:
        app()
    except SystemExit as done:
        if _interrupted:  # typer turns Ctrl-C into an exit of its own, without a word
            _stop_interrupted()
        raise done from None
    except KeyboardInterrupt:
        _stop_interrupted()
    except BaseException as err:  # every way out of glc goes through the contract
        if _interrupted or _is_interrupt(err):  # an interrupt that a library turned into its own error
            _stop_interrupted()
        if isinstance(err, BrokenPipeError):  # `glc ... | head`: the reader left; stop quietly
            with contextlib.suppress(OSError, ValueError):
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise SystemExit(2) from None
        why = environment_fault(err)
        if why is not None:
            _quiet_write(f"glc: {why}\n")
            raise SystemExit(2) from None
        _quiet_write(
            f"glc: internal error ({type(err).__name__}: {_short(str(err))}).\n"
            "This is a bug in glc, not in your guideline; please report it with the file that caused it.\n"
        )
        raise SystemExit(3) from None


_interrupted = False


def _interrupt(signum: int, frame: object) -> None:
    global _interrupted
    _interrupted = True
    raise KeyboardInterrupt


def _stop_interrupted() -> NoReturn:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C while stopping changes nothing
    _quiet_write("glc: interrupted; nothing half-written was left behind.\n")
    with contextlib.suppress(OSError, ValueError):
        sys.stdout.flush()
    # every `finally` on the way here has run (temporary files removed); leave now, so that no thread of DuckDB
    # or Arrow still running, and no interpreter shutdown step, can turn the exit into a signal death
    os._exit(130)


def _is_interrupt(err: BaseException) -> bool:
    """DuckDB and pyarrow turn a Ctrl-C inside them into exceptions of their own."""
    return "Interrupt" in type(err).__name__ or "KeyboardInterrupt" in str(err)[:200]


def environment_fault(err: BaseException) -> str | None:
    """A plain sentence when `err` comes from the surroundings (disk, permissions, memory), else None."""
    from compiler.files import describe_os_error

    if isinstance(err, OSError):
        return describe_os_error(err)
    if isinstance(err, MemoryError):
        return "ran out of memory; screen a smaller tape, or on a machine with more memory."
    module = type(err).__module__.split(".")[0]
    if module in ("duckdb", "_duckdb") and type(err).__name__ in ("IOException", "OutOfMemoryException", "PermissionException"):
        return f"the database engine could not read or write a file: {_short(str(err).splitlines()[0] if str(err) else '')}"
    return None


def _short(text: str, limit: int = 300) -> str:
    return text if len(text) <= limit else text[:limit] + f"... ({len(text):,} characters)"


def _quiet_write(text: str) -> None:
    try:
        sys.stderr.write(text)
        sys.stderr.flush()
    except (OSError, ValueError):
        pass


if __name__ == "__main__":
    main()
