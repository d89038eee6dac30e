"""`glc report DIR`: rebuild a screening run's report.html (`compiler.screen.report.render`) from its folder.

Exit 0 done, 1 a folder that is not a screen's output (or programs with errors), 3 the report's own SQL refused.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.text import Text

from compiler.cli.invocation import input_path, invocation
from compiler.cli.render import checked_programs, err_console
from compiler.cli.render import console as stdout_console
from compiler.project import Project


def report(
    folder: Annotated[str, typer.Argument(help="The --out folder of a `glc screen` run.")] = "screen-out",
    compare_to: Annotated[str | None, typer.Option("--compare-to", metavar="DIR",
                                                   help="An earlier run's folder to compare with (default: the one "
                                                        "the screen was compared with, if any).")] = None,
) -> None:
    """Rebuild a screening run's report.html (one self-contained page) from its output folder."""
    inv = invocation()
    project = inv.project()
    earlier = input_path(inv.arg(compare_to), "earlier screening folder", folder=True) if compare_to else None
    raise typer.Exit(run_report(project, str(input_path(inv.arg(folder), "screening output folder", folder=True)),
                                stdout_console(), str(earlier) if earlier else None))


def run_report(project: Project, folder: str, console: Console, compare_to: str | None = None) -> int:
    """Rebuild `folder`/report.html (and its report-loans/); the exit code. Without `compare_to`, the earlier run
    the screen recorded in summary.json (`compare_to`), if any."""
    from compiler.screen.duck import SqlError
    from compiler.screen.report.data import ReportError, load_summary
    from compiler.screen.report.render import build_report
    from compiler.screen.tape import tape_fault

    err = err_console()
    path = Path(folder)
    try:
        summary = load_summary(path)
        if compare_to is not None:
            load_summary(Path(compare_to))
    except ReportError as e:
        err.print(Text(str(e)))
        return 1
    bundle = checked_programs(project, err, "before screening")  # rule titles, citations and wording come from the programs
    if bundle is None:
        return 1
    try:
        earlier = compare_to or summary.get("compare_to")
        out = build_report(path, bundle, compare_to=Path(earlier) if earlier else None)
    except ReportError as e:
        err.print(Text(str(e)))
        return 1
    except SqlError as e:  # the report's own SQL refused: a bug in glc, not a damaged folder
        err.print(Text(f"glc: internal error: {e}"))
        return 3
    except Exception as e:  # a damaged Parquet file: say which folder, not a traceback
        if not tape_fault(e):
            raise
        err.print(Text(f"Cannot read the results in {path}: {str(e).splitlines()[0]}"))
        return 1
    console.print(Text(f"wrote {out}"))
    return 0
