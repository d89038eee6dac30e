"""`glc watch`: build, then stay running and rebuild whenever a guideline file is saved (`compiler.build.watch`).

One process for the whole session: the compiler, the parser and the templates are loaded once, and the build
cache is held in memory too (`Cache(keep=True)`), so a rebuild after one program changed redoes only that
program and the programs built on it. A failed build writes nothing and the watch goes on. Ctrl-C stops it
between or during builds (a build's files are moved into place together, so none is left half-written).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Annotated

import typer
from rich.text import Text

from compiler.cli.invocation import invocation
from compiler.cli.render import console, print_diagnostics
from compiler.diagnostics import summary


def watch(
    paths: Annotated[list[Path] | None, typer.Argument(help="Guideline files or folders (default: programs/).")] = None,
    vocabulary: Annotated[Path | None, typer.Option(help="The loan vocabulary (default: loan.fields beside the files).")] = None,
    interval: Annotated[float, typer.Option(help="Seconds between looks at the files.", min=0.05, max=10)] = 0.3,
) -> None:
    """Build, then rebuild on every save of a guideline file until stopped with Ctrl-C."""
    from compiler.build.build import build as run_build
    from compiler.build.cache import Cache
    from compiler.build.watch import changes, snapshot
    from compiler.cli.build import print_built

    inv = invocation()
    chosen = inv.paths(paths)
    project = inv.project()
    vocab = inv.arg(vocabulary) if vocabulary else None
    out = console()
    cache = Cache(project.cache, keep=True)

    def once() -> None:
        started = time.perf_counter()
        result = run_build(project, chosen, vocab, cache)
        took = f" in {time.perf_counter() - started:.2f} s"
        cache.forget_unused()
        diags = result.check.diagnostics
        if diags:
            print_diagnostics(diags, result.check.sources, out)
        if not result.check.ok:
            out.print(Text(f"build failed{took}, nothing written: {summary(diags)}"))
        else:
            print_built(result, out, took)
        sys.stdout.flush()  # each report as it happens, also into a pipe

    root = project.root
    first = snapshot(chosen, vocab)  # before the build: a file saved while it runs is a change
    once()
    out.print(Text(f"watching {', '.join(_shown(p, root) for p in chosen)} (Ctrl-C stops)"))
    sys.stdout.flush()
    for found in changes(chosen, vocab, interval, since=first):  # until Ctrl-C: exit 130, as every command
        out.print(Text(f"changed: {', '.join(_shown(p, root) for p in found)}"))
        once()


def _shown(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)
