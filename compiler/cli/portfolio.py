"""`glc portfolio`: check portfolio files (pool limits, stress scenarios) and list what they declare.

Exit 0 when every file checks clean, 1 when one has an error (each with file:line:col and a fix), 2 usage error.
"""

from __future__ import annotations

import sys
from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text


def run_portfolio(paths: list[Path], console: Console) -> int:
    from compiler.cli.main import exit_code, print_diagnostics
    from compiler.diagnostics import Diagnostics, summary
    from compiler.driver import check_paths
    from compiler.portfolio.load import SUFFIX, find_portfolios, load_portfolio
    from compiler.project import current
    from compiler.source import Source

    err = Console(file=sys.stderr, highlight=False, soft_wrap=True)
    files: list[Path] = []
    project = current()
    for p in paths or [project.programs]:
        if p.is_dir():
            files += find_portfolios(p)
        elif p.suffix != SUFFIX:
            err.print(Text(f"{p} is not a portfolio file (expected *{SUFFIX})."))
            return 2
        else:
            files.append(p)
    if not files:
        err.print(Text(f"No portfolio files (*{SUFFIX}) in {', '.join(map(str, paths or [project.programs]))}."))
        return 2
    result = check_paths([project.programs])
    if result.bundle is None or not result.ok:
        print_diagnostics(result.diagnostics, result.sources, err)
        err.print(Text(f"The programs in {project.programs_folder}/ have errors: fix them (glc check) first."))
        return 1
    diags = Diagnostics()
    sources: dict[str, Source] = {}
    portfolio = load_portfolio(files, result.bundle.vocabulary, diags, sources)
    print_diagnostics(diags.sorted(), sources, console)
    if portfolio is None:
        console.print(Text(f"checked {len(files)} portfolio file{'s' if len(files) != 1 else ''}: {summary(diags.sorted())}"))
        return exit_code(diags.sorted())
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
    console.print(Text(f"checked {len(files)} portfolio file{'s' if len(files) != 1 else ''}: {summary(diags.sorted())}"))
    return 0
