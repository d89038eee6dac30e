"""`glc check`: check guideline files and report every problem with file:line:col and a fix."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.text import Text

from compiler.cli.choices import Format
from compiler.cli.invocation import invocation
from compiler.cli.render import console, exit_code, print_diagnostics
from compiler.diagnostics import summary, to_json


def check(
    paths: Annotated[list[Path] | None, typer.Argument(help="Guideline files or folders (default: programs/).")] = None,
    format: Annotated[Format, typer.Option("--format", "-f", help="text for people, json for editors and CI.")] = Format.text,
    vocabulary: Annotated[Path | None, typer.Option(help="The loan vocabulary (default: loan.fields beside the files).")] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Do not read or write the build cache (.glc-cache/).")] = False,
) -> None:
    """Check guideline files: report every problem with file:line:col and a fix."""
    from compiler.driver import check_paths

    inv = invocation()
    chosen = inv.paths(paths)
    result = check_paths(chosen, vocabulary=inv.arg(vocabulary) if vocabulary else None, cache=inv.build_cache(no_cache))
    if format is Format.json:
        sys.stdout.write(to_json(result.diagnostics))
    else:
        out = console()
        print_diagnostics(result.diagnostics, result.sources, out)
        n = len(result.checked)
        older = sum(1 for p in result.history if p.path in result.asked)
        also = f" (and {older} older version{'s' if older != 1 else ''})" if older else ""
        out.print(Text(f"checked {n} program{'s' if n != 1 else ''}{also}: {summary(result.diagnostics)}"))
    raise typer.Exit(exit_code(result.diagnostics))
