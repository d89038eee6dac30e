"""`glc build`: compile the guidelines into the project (`compiler.build.build`); `--check` reports stale files."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.text import Text

from compiler.cli.invocation import invocation
from compiler.cli.render import console, exit_code, print_diagnostics
from compiler.diagnostics import summary

if TYPE_CHECKING:
    from rich.console import Console

    from compiler.build.build import BuildResult


def build(
    paths: Annotated[list[Path] | None, typer.Argument(help="Guideline files or folders (default: programs/).")] = None,
    check_only: Annotated[bool, typer.Option("--check", help="Write nothing; exit 1 if generated/ is stale.")] = False,
    vocabulary: Annotated[Path | None, typer.Option(help="The loan vocabulary (default: loan.fields beside the files).")] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Do not read or write the build cache (.glc-cache/).")] = False,
) -> None:
    """Compile the guidelines into generated/ (written atomically; a failed build writes nothing)."""
    from compiler.build.build import build as run_build
    from compiler.build.build import check_fresh

    inv = invocation()
    chosen = inv.paths(paths)
    project = inv.project()
    vocab = inv.arg(vocabulary) if vocabulary else None
    out = console()
    cache = inv.build_cache(no_cache)
    result = check_fresh(project, chosen, vocab, cache) if check_only else run_build(project, chosen, vocab, cache)
    diags = result.check.diagnostics
    if diags:
        print_diagnostics(diags, result.check.sources, out)
    if not result.check.ok:
        out.print(Text(f"build failed, nothing written: {summary(diags)}"))
        raise typer.Exit(exit_code(diags))
    if check_only:
        if result.stale:
            out.print(Text("generated output is stale; run `glc build`:"))
            for rel in result.stale:
                out.print(Text(f"  {rel}"))
            raise typer.Exit(1)
        out.print(Text("generated output is up to date"))
        return
    print_built(result, out)


def print_built(result: BuildResult, out: Console, took: str = "") -> None:
    """`built N programs: M files changed` (`took`: after the count, e.g. ` in 0.12 s`), then each file."""
    changed = len(result.written) + len(result.removed)
    n = result.programs
    out.print(Text(f"built {n} program{'s' if n != 1 else ''}{took}: {changed} file{'s' if changed != 1 else ''} changed"))
    for rel in result.written:
        out.print(Text(f"  wrote {rel}"))
    for rel in result.removed:
        out.print(Text(f"  removed {rel}"))
