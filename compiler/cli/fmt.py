"""`glc fmt`: rewrite guideline files in the canonical layout (`compiler.tools.fmt`); `--check` lists those that
would change."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.text import Text

from compiler.cli.invocation import invocation
from compiler.cli.render import console, err_console, exit_code, print_diagnostics


def fmt(
    paths: Annotated[list[Path] | None, typer.Argument(help="Guideline, vocabulary or portfolio files, or folders "
                                                             "(default: programs/); `-` formats stdin to stdout.")] = None,
    check_only: Annotated[bool, typer.Option("--check", help="Write nothing; exit 1 and list the files that would "
                                                             "change.")] = False,
    diff: Annotated[bool, typer.Option("--diff", help="Write nothing; print what would change as a unified diff "
                                                      "(exit 1 when something would).")] = False,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Do not read or write the build cache (.glc-cache/).")] = False,
) -> None:
    """Format guideline files in place: one canonical layout (indentation, spacing, aligned tables), comments kept."""
    from compiler.tools.fmt_files import format_paths, write

    if paths and [str(p) for p in paths] == ["-"]:
        _stdin_to_stdout()
    inv = invocation()
    chosen = inv.paths(paths)
    del no_cache  # formatting reads no build cache; the parser is kept in the user's cache folder
    run = format_paths(chosen)
    out = console()
    if run.diagnostics:
        print_diagnostics(run.diagnostics, run.sources, err_console())
    changed = run.changed
    if diff:
        for f in changed:
            sys.stdout.write(f.diff())
    elif check_only:
        if changed:
            out.print(Text(f"{len(changed)} file{'s' if len(changed) != 1 else ''} would be reformatted; run `glc fmt`:"))
            for f in changed:
                out.print(Text(f"  {f.shown}"))
        else:
            out.print(Text(f"{len(run.files)} file{'s' if len(run.files) != 1 else ''} already formatted"))
    else:
        write(run)
        for f in changed:
            out.print(Text(f"formatted {f.shown}"))
        left = len(run.files) - len(changed)
        out.print(Text(f"{len(changed)} file{'s' if len(changed) != 1 else ''} reformatted, {left} unchanged"))
    code = exit_code(run.diagnostics)
    if code == 0 and (check_only or diff) and changed:
        code = 1
    raise typer.Exit(code)


def _stdin_to_stdout() -> NoReturn:
    """`glc fmt -`: for editors that pipe the buffer through a command (no project needed)."""
    from compiler.diagnostics import DiagnosticsError
    from compiler.source import Source
    from compiler.tools.fmt import format_source

    text = sys.stdin.read()
    try:
        sys.stdout.write(format_source(text, "<stdin>"))
    except DiagnosticsError as err:
        print_diagnostics(err.diagnostics, {"<stdin>": Source("<stdin>", text)}, err_console())
        raise typer.Exit(1) from None
    raise typer.Exit(0)
