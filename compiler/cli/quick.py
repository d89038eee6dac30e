"""A no-op `glc build` answered before the command-line framework is imported.

Typer, Rich and the pydantic that Typer loads take most of the time of a build with nothing to do. A plain
`glc build [--check] [PATH...]` (no other option) whose inputs and outputs are exactly as the last build left them
(its manifest: `compiler.build.manifest`) and which has no error is answered here with what the command prints:
its warnings (rendered as the command renders them) and its last line. Anything else (another command, an option,
a change, any problem at all) is left to the full command, which then runs exactly as if this module did not
exist.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from compiler.build.build import BuildResult


def answer(argv: list[str]) -> bool:
    """Whether the command line was a no-op build, answered (its line printed); False: run the full command."""
    if not argv or argv[0] != "build" or argv.count("--check") > 1:
        return False
    check = "--check" in argv
    named = [a for a in argv[1:] if a != "--check"]
    if any(a.startswith("-") for a in named):
        return False
    here = Path.cwd()
    try:
        same = _noop(here, named)
    except Exception:  # whatever it is, the full command meets it again and reports it
        same = None
    if same is None:
        os.chdir(here)
        return False
    try:
        _say(same, check)
    except BrokenPipeError:  # `glc build | head`: as the full command, stop quietly (exit 2)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise SystemExit(2) from None
    return True


def _say(same: BuildResult, check: bool) -> None:
    """What `compiler.cli.build` prints for a build (or `--check`) with nothing to do."""
    diags = same.check.diagnostics
    n = same.programs
    line = "generated output is up to date" if check else f"built {n} program{'s' if n != 1 else ''}: 0 files changed"
    if diags:
        from rich.text import Text

        from compiler.cli.render import console, print_diagnostics

        out = console()
        print_diagnostics(diags, same.check.sources, out)
        out.print(Text(line))
    else:
        sys.stdout.write(line + "\n")
    sys.stdout.flush()


def _noop(here: Path, named: list[str]) -> BuildResult | None:
    from compiler.build.build import unchanged
    from compiler.project import Project, ProjectError

    try:
        project = Project.find(here)
    except ProjectError:
        return None
    os.chdir(project.root)  # as `compiler.cli.invocation` does: paths relative to the project
    paths = [Path(p) if Path(p).is_absolute() else Path(os.path.relpath(here / p, project.root)) for p in named]
    same = unchanged(project, paths or [project.programs], None, project.build_cache())
    if same is None or not same.check.ok:
        return None
    return same
