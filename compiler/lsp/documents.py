"""The open documents and the latest check of each, run in the document's project as `glc check PATH` runs there.

A program that extends a base or uses the project's vocabulary is checked in its project (`compiler.project`:
the nearest folder with a glc.toml, or a programs/loan.fields, at or above the file), through the driver's one
check (`driver.check_paths`), with the text of every open document read in preference to the file on disk. The
check runs in the project's folder, so paths in messages and spans are the ones `glc check` shows.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from compiler import ir_program
from compiler.check_result import CheckResult
from compiler.diagnostics import Diagnostic
from compiler.driver import check_paths
from compiler.project import Project, ProjectError
from compiler.syntax import surface as s


@dataclass(frozen=True)
class Analysis:
    """One check of one document: the text it was made from, where it ran, what the front end found."""

    path: Path  # the document's file, absolute
    root: Path  # the folder the check ran in (the project's, else the file's own)
    text: str
    result: CheckResult
    inputs: dict[Path, str] = field(default_factory=dict, repr=False)  # the open documents' texts it read

    @property
    def shown(self) -> str:
        """The document's path as the check's spans and messages show it."""
        return Path(os.path.relpath(self.path, self.root)).as_posix()

    def absolute(self, shown: str) -> Path:
        """The file a span's path names."""
        return (self.root / shown).resolve()

    @property
    def ast(self) -> s.File | None:
        return self.result.surface.get(self.shown)

    @property
    def program(self) -> ir_program.Program | None:
        """The document's program (checked as far as it could be), if it is one."""
        return next((p for p in (*self.result.programs.values(), *self.result.history) if p.path == self.shown), None)

    @property
    def vocabulary(self) -> ir_program.Vocabulary | None:
        return self.result.vocabulary

    def programs(self) -> Iterator[ir_program.Program]:
        """Every program the check lowered (the document's and those it builds on)."""
        yield from self.result.programs.values()
        yield from self.result.history

    def diagnostics(self) -> list[Diagnostic]:
        """What `glc check` reports for this file: its own diagnostics, and those that point at no file."""
        return [d for d in self.result.diagnostics if d.span is None or d.span.path == self.shown]

    def elsewhere(self) -> dict[Path, list[Diagnostic]]:
        """What `glc check` of this file reports in other files (the vocabulary's problems), by file."""
        out: dict[Path, list[Diagnostic]] = {}
        for d in self.result.diagnostics:
            if d.span is not None and d.span.path != self.shown:
                out.setdefault(self.absolute(d.span.path), []).append(d)
        return out


def project_root(path: Path) -> Path:
    """The folder a file is checked in: its project's, else its own."""
    try:
        return Project.find(path.parent).root
    except ProjectError:
        return path.parent.resolve()


@dataclass
class Documents:
    """The open documents (path -> text) and the latest analysis of each (computed when first asked for)."""

    texts: dict[Path, str] = field(default_factory=dict)
    _analyses: dict[Path, Analysis] = field(default_factory=dict)
    _last_ast: dict[Path, s.File] = field(default_factory=dict)

    def open(self, path: Path, text: str) -> None:
        self.texts[path.resolve()] = text

    def close(self, path: Path) -> None:
        self.texts.pop(path.resolve(), None)
        self._analyses.pop(path.resolve(), None)
        self._last_ast.pop(path.resolve(), None)

    def forget(self) -> None:
        """Drop every analysis (the next request checks again, reading the files on disk anew)."""
        self._analyses.clear()

    def analysis(self, path: Path) -> Analysis:
        """The check of the document's current text, run again only when an open document's text changed."""
        path = path.resolve()
        inputs = dict(self.texts)
        text = inputs.get(path)
        if text is None:
            text = path.read_text(encoding="utf-8")
        done = self._analyses.get(path)
        if done is not None and done.text == text and done.inputs == inputs:
            return done
        root = project_root(path)
        os.chdir(root)  # as `glc check` runs in the project's folder: the paths it shows are relative to it
        result = check_paths([Path(os.path.relpath(path, root))], texts=inputs)
        done = Analysis(path, root, text, result, inputs)
        self._analyses[path] = done
        if done.ast is not None:
            self._last_ast[path] = done.ast
        return done

    def last_ast(self, path: Path) -> s.File | None:
        """The document's surface AST: of its current text, else of the last text that parsed."""
        return self._last_ast.get(path.resolve())

    def related(self, path: Path) -> list[Path]:
        """The other open documents of the same project (a change to one may change what the others find)."""
        root = project_root(path)
        return [p for p in self.texts if p != path.resolve() and project_root(p) == root]
