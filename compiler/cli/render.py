"""Printing for every command: consoles, diagnostics, the checked programs or why there are none, and the exit
code diagnostics mean. Domain code returns results and diagnostics; only `compiler/cli/` prints them."""

from __future__ import annotations

import sys
from typing import IO, TYPE_CHECKING

from rich.console import Console
from rich.text import Text

from compiler.diagnostics import Diagnostic, render_text

if TYPE_CHECKING:
    from compiler import ir_program
    from compiler.project import Project
    from compiler.source import Source

USAGE_CODES = frozenset({"E602", "E603", "E608"})


def console(stream: IO[str] | None = None) -> Console:
    """A console on stdout (or `stream`): no highlighting, lines never broken by rich."""
    return Console(file=stream or sys.stdout, highlight=False, soft_wrap=True)


def err_console() -> Console:
    return console(sys.stderr)


def print_diagnostics(diags: list[Diagnostic], sources: dict[str, Source], out: Console) -> None:
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
        out.print(styled)


def checked_programs(project: Project, err: Console, then: str, cached: bool = False) -> ir_program.Bundle | None:
    """The project's checked programs; None after printing their diagnostics and that they have errors (`then`:
    what to do once they are fixed, e.g. "before screening"; `cached`: through the build cache, `Project.bundle`)."""
    result = project.bundle(cached)
    if result.bundle is None or not result.ok:
        print_diagnostics(result.diagnostics, result.sources, err)
        err.print(Text(f"The programs in {project.programs_folder}/ have errors: fix them (glc check) {then}."))
        return None
    return result.bundle


def exit_code(diags: list[Diagnostic]) -> int:
    """0 clean (warnings allowed), 2 when the command line named nothing usable, 1 for errors in the files."""
    errors = [d for d in diags if d.severity == "error"]
    if not errors:
        return 0
    if all(d.code in USAGE_CODES for d in errors):
        return 2
    return 1
