"""`glc portfolio`: check portfolio files (pool limits, stress scenarios) and list what they declare.

Exit 0 when every file checks clean, 1 when one has an error (each with file:line:col and a fix), 2 usage error.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from compiler.cli.invocation import invocation
from compiler.cli.render import checked_programs, err_console, exit_code, print_diagnostics
from compiler.cli.render import console as stdout_console
from compiler.project import Project


def portfolio(
    paths: Annotated[list[Path] | None, typer.Argument(help="Portfolio files or folders (default: programs/).")] = None,
) -> None:
    """Check portfolio files (pool limits, stress scenarios) and list what they declare."""
    inv = invocation()
    raise typer.Exit(run_portfolio(inv.project(), inv.paths(paths), stdout_console()))


def run_portfolio(project: Project, paths: list[Path], console: Console) -> int:
    from compiler.diagnostics import summary
    from compiler.driver import PORTFOLIO_SUFFIX, check_portfolios, find_portfolios

    err = err_console()
    files: list[Path] = []
    for p in paths or [project.programs]:
        if p.is_dir():
            files += find_portfolios(p)
        elif p.suffix != PORTFOLIO_SUFFIX:
            err.print(Text(f"{p} is not a portfolio file (expected *{PORTFOLIO_SUFFIX})."))
            return 2
        else:
            files.append(p)
    if not files:
        err.print(Text(f"No portfolio files (*{PORTFOLIO_SUFFIX}) in {', '.join(map(str, paths or [project.programs]))}."))
        return 2
    bundle = checked_programs(project, err, "first")
    if bundle is None:
        return 1
    checked = check_portfolios(files, bundle.vocabulary)
    print_diagnostics(checked.diagnostics, checked.sources, console)
    portfolio = checked.portfolio
    if portfolio is None:
        console.print(Text(f"checked {len(files)} portfolio file{'s' if len(files) != 1 else ''}: {summary(checked.diagnostics)}"))
        return exit_code(checked.diagnostics)
    table = Table(show_header=True, header_style="bold", title=portfolio.title)
    for col in ("name", "kind", "what", "source"):
        table.add_column(col)
    for lim in portfolio.limits:
        what = f"share of {lim.measure}" + (f" by {lim.by}" if lim.by else "") + (" when ..." if lim.when else "") \
            + f" at most {lim.at_most}%"
        table.add_row(lim.id, "limit", what, lim.span.where)
    for sc in portfolio.scenarios:
        table.add_row(sc.id, "scenario", f"{sc.title} ({len(sc.changes)} changes)", sc.span.where)
    console.print(table)
    console.print(Text(f"checked {len(files)} portfolio file{'s' if len(files) != 1 else ''}: {summary(checked.diagnostics)}"))
    return 0
