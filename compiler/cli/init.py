"""`glc init DIR`: start a new project (`compiler.project.init_project`)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.text import Text

from compiler.cli.invocation import invocation
from compiler.cli.render import console, err_console
from compiler.project import ProjectError


def init(
    folder: Annotated[Path, typer.Argument(metavar="DIR", help="The folder for the new project (made if missing).")],
) -> None:
    """Start a new project: glc.toml, the loan vocabulary, an example program with its tests, an example loan."""
    from compiler.project import init_project

    dest = invocation().arg(folder)
    try:
        written = init_project(dest)
    except ProjectError as err:
        err_console().print(Text(str(err)))
        raise typer.Exit(2) from None
    out = console()
    for rel in written:
        out.print(Text(f"  wrote {folder / rel}"))
    out.print(Text(f"started a project in {folder}; next: cd {folder} && glc check && glc build && glc test"))
