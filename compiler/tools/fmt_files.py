"""`glc fmt` over files: which files a command names, each one's canonical text, and writing the changed ones.

Consumes paths (files or folders, searched recursively for `*.guideline`, `*.fields` and `*.portfolio`);
produces a `FormatRun`: per file, its text before and after (`compiler.tools.fmt.format_source`), or the
diagnostics that stopped it (unreadable, or a syntax error). `write` replaces the changed files, each atomically
(`compiler.files.write_text`), and only once every file has been formatted. Nothing here prints.
"""

from __future__ import annotations

import difflib
import stat
from dataclasses import dataclass, field
from pathlib import Path

from compiler.diagnostics import Diagnostic, Diagnostics, DiagnosticsError
from compiler.files import Batch
from compiler.source import Source, display_path
from compiler.syntax.reading import PORTFOLIO_SUFFIX, PROGRAM_SUFFIX, VOCABULARY_SUFFIX, read_source
from compiler.tools.fmt import format_source

SUFFIXES = (PROGRAM_SUFFIX, VOCABULARY_SUFFIX, PORTFOLIO_SUFFIX)


@dataclass(frozen=True)
class Formatted:
    """One file: as it is and as `glc fmt` writes it."""

    path: Path
    shown: str
    before: str
    after: str

    @property
    def changed(self) -> bool:
        return self.before != self.after

    def diff(self) -> str:
        """A unified diff from the file as it is to the file formatted."""
        return "".join(difflib.unified_diff(self.before.splitlines(keepends=True), self.after.splitlines(keepends=True),
                                            f"{self.shown} (now)", f"{self.shown} (formatted)"))


@dataclass
class FormatRun:
    """Every file named: formatted, or the diagnostics that stopped it."""

    files: list[Formatted] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    sources: dict[str, Source] = field(default_factory=dict)

    @property
    def changed(self) -> list[Formatted]:
        return [f for f in self.files if f.changed]


def find_files(paths: list[Path], diags: Diagnostics) -> list[Path]:
    """The guideline, vocabulary and portfolio files named, folders searched recursively."""
    found: list[Path] = []
    for p in paths:
        if p.is_dir():
            inside = sorted(q for q in p.rglob("*") if q.suffix in SUFFIXES and q.is_file())
            if not inside:
                diags.error("E608", f"{display_path(p)} holds no guideline files (*.guideline, *.fields, *.portfolio).",
                            None, "Point `glc fmt` at the programs folder.")
            found.extend(inside)
        elif not p.exists():
            diags.error("E602", f"No such file or folder: {display_path(p)}.", None, "Check the path.")
        elif p.suffix not in SUFFIXES:
            diags.error("E603", f"{display_path(p)} is not a guideline file (*.guideline, *.fields, *.portfolio).",
                        None, "Name guideline files `<program>.guideline`.")
        else:
            found.append(p)
    seen: set[Path] = set()
    once: list[Path] = []
    for p in found:  # a file named twice, or also through a symbolic link, once
        if p.resolve() not in seen:
            seen.add(p.resolve())
            once.append(p)
    return once


def format_paths(paths: list[Path], cache_file: Path | None = None) -> FormatRun:
    """Format (in memory) every file named; see the module. `cache_file`: the parser's, as `glc check` keeps it."""
    diags = Diagnostics()
    run = FormatRun()
    for path in find_files(paths, diags):
        src = read_source(path, diags)
        if src is None or any(d.code == "E605" and d.span and d.span.path == src.path for d in diags.items):
            continue
        run.sources[src.path] = src
        try:
            after = format_source(src.text, src.path, cache_file=cache_file)
        except DiagnosticsError as err:
            diags.extend(err.diagnostics)
            continue
        # the file as it is on disk, not as read (line endings and a byte-order mark are changes too)
        before = path.read_bytes().decode("utf-8", errors="replace")
        run.files.append(Formatted(path, src.path, before, after))
    run.diagnostics = diags.sorted()
    return run


def write(run: FormatRun) -> list[Formatted]:
    """Replace every changed file with its formatted text: all staged first, then renamed into place. A symbolic
    link stays a link (its target is rewritten); a file keeps its permissions."""
    changed = run.changed
    with Batch() as batch:
        for f in changed:
            target = f.path.resolve()
            batch.add(target, f.after, stat.S_IMODE(target.stat().st_mode))
        batch.commit()
    return changed
