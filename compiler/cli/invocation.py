"""Where glc was started and the project it works on: found once, when a command first needs it, and passed down.

Paths on the command line are read relative to the folder glc was started in; the command then runs in the
project's folder, so every path it writes into generated code, pages and messages is relative to the project.
"""

from __future__ import annotations

import os
from pathlib import Path

import typer
from rich.text import Text

from compiler.build.cache import Cache
from compiler.cli.render import err_console
from compiler.project import Project, ProjectError


class Invocation:
    """Where glc was started, and the project it works on (found when a command first needs it)."""

    def __init__(self, here: Path, explicit: Path | None) -> None:
        self.here = here
        self.explicit = explicit
        self._project: Project | None = None

    def arg(self, path: Path | str) -> Path:
        """A path from the command line (relative to where glc was started) as the command sees it, having moved
        into the project's folder: relative to the project where it was relative (`-` is stdin, kept as is)."""
        p = Path(path)
        if str(path) == "-" or p.is_absolute() or self._project is None:
            return p
        return Path(os.path.relpath(self.here / p, self._project.root))

    def project(self) -> Project:
        """The project; the command then runs in its folder. Outside any project: a one-line usage error."""
        if self._project is None:
            try:
                self._project = Project.find(self.here, self.explicit)
            except ProjectError as err:
                err_console().print(Text(str(err)))
                raise typer.Exit(2) from None
            os.chdir(self._project.root)
        return self._project

    def paths(self, paths: list[Path] | None) -> list[Path]:
        """Guideline files or folders from the command line, or the project's programs folder."""
        project = self.project()
        return [self.arg(p) for p in paths] if paths else [project.programs]

    def build_cache(self, no_cache: bool) -> Cache | None:
        """The project's build cache (`.glc-cache/`, see compiler/build/cache.py), unless turned off."""
        return None if no_cache else self.project().build_cache()


_current: list[Invocation] = []  # the running command's invocation (set by the root callback)


def start(here: Path, explicit: Path | None) -> None:
    """The root callback: a new command starts here."""
    _current[:] = [Invocation(here, explicit)]


def invocation() -> Invocation:
    if not _current:
        _current.append(Invocation(Path.cwd(), None))
    return _current[-1]


def input_path(path: Path, what: str, folder: bool = False) -> Path:
    """An input path that must exist and be readable (a file, or a folder when `folder`): else a one-line usage
    error, exit 2, whichever command it is."""
    problem = None
    if str(path) == "-":
        return path
    if not path.exists():
        problem = f"No such {what}: {path}."
    elif folder and not path.is_dir():
        problem = f"{path} is a file; give the {what}."
    elif not folder and path.is_dir():
        problem = f"{path} is a folder; give the {what}."
    elif not os.access(path, os.R_OK):
        problem = f"Cannot read {path}: permission denied."
    if problem:
        err_console().print(Text(problem))
        raise typer.Exit(2)
    return path
