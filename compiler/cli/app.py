"""`glc`: the Typer app, its root options, the commands (one module each) and `main`, the exit-code contract.

Every command but `init` and `diff` works on a project (`compiler.project`): the nearest folder at or above
the working directory with a `glc.toml`, or `--project DIR`; `compiler.cli.invocation` finds it once and each
command passes it down to the domain code it calls.

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
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.text import Text

from compiler.cli import build, check, diff, explain, export_xlsx, import_xlsx, init, package, portfolio, report, sample_tape, screen, serve, watch
from compiler.cli import eval as eval_command
from compiler.cli import fmt as fmt_command
from compiler.cli import lsp as lsp_command
from compiler.cli import test as test_command
from compiler.cli.invocation import start
from compiler.cli.render import console

app = typer.Typer(
    name="glc",
    help="The guideline compiler: check, build and explain non-QM underwriting guidelines.",
    no_args_is_help=True,
    add_completion=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import PackageNotFoundError, version

        try:
            number = version("guideline-compiler")
        except PackageNotFoundError:  # running from a source tree that was never installed
            number = "unknown (not installed)"
        console().print(Text(f"glc {number}"))
        raise typer.Exit(0)


@app.callback()
def _root(
    project: Annotated[Path | None, typer.Option("--project", metavar="DIR", help="The project folder (default: the nearest "
                                                 "folder at or above this one with a glc.toml).")] = None,
    version: Annotated[bool, typer.Option("--version", is_eager=True, callback=_version,
                                          help="Print glc's version and stop.")] = False,
) -> None:
    """The guideline compiler: check, build and explain non-QM underwriting guidelines."""
    start(Path.cwd(), project)


app.command(name="check")(check.check)
app.command(name="build")(build.build)
app.command(name="watch")(watch.watch)
app.command(name="eval")(eval_command.eval_)
app.command(name="test")(test_command.test_)
app.command(name="diff")(diff.diff)
app.command(name="explain")(explain.explain)
app.command(name="screen")(screen.screen)
app.command(name="sample-tape")(sample_tape.sample_tape)
app.command(name="portfolio")(portfolio.portfolio)
app.command(name="report")(report.report)
app.command(name="init")(init.init)
app.command(name="package")(package.package)
app.command(name="serve")(serve.serve)
app.command(name="export-xlsx")(export_xlsx.export_xlsx)
app.command(name="import-xlsx")(import_xlsx.import_xlsx)
app.command(name="lsp")(lsp_command.lsp)
app.command(name="fmt")(fmt_command.fmt)


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
