"""Source files and spans: where every node and every diagnostic points."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Source:
    """One guideline file as text, with the path shown to authors (relative where possible)."""

    path: str
    text: str

    def line(self, number: int) -> str:
        """The text of line `number` (1-based), without its line ending."""
        lines = self.text.splitlines()
        if 1 <= number <= len(lines):
            return lines[number - 1]
        return ""


@dataclass(frozen=True, slots=True)
class Span:
    """A region of a source file: 1-based lines and columns, end column exclusive."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"

    @property
    def where(self) -> str:
        """`file:line`, the form used in generated code and findings."""
        return f"{self.path}:{self.line}"

    def sort_key(self) -> tuple[str, int, int]:
        return (self.path, self.line, self.column)


def display_path(path: Path) -> str:
    """A path as authors see it: relative to the working directory when inside it, POSIX separators."""
    try:
        rel = path.resolve().relative_to(_cwd())
        return rel.as_posix()
    except ValueError:
        return path.as_posix()


_CWD: tuple[str, Path] | None = None  # the working directory as the OS names it, and resolved


def _cwd() -> Path:
    """The working directory, resolved (once per directory: every file a run reads is shown by `display_path`)."""
    global _CWD
    here = os.getcwd()
    if _CWD is None or _CWD[0] != here:
        _CWD = (here, Path(here).resolve())
    return _CWD[1]


def point(path: str, line: int, column: int, width: int = 1) -> Span:
    """A span of `width` characters on one line."""
    return Span(path, line, column, line, column + max(width, 1))


EXCERPT_WIDTH = 200  # longer lines are shown as a window around the span, never in full


def excerpt(source_line: str, span: Span) -> tuple[str, str]:
    """The source line (tabs expanded to one space) and a caret underline under the span; a line longer than
    EXCERPT_WIDTH is cut to a window around the span's start, with `...` where text is left out."""
    text = source_line.replace("\t", " ")
    start = max(span.column - 1, 0)
    if span.end_line == span.line:
        width = max(span.end_column - span.column, 1)
    else:
        width = max(len(text) - start, 1)
    width = min(width, max(len(text) - start, 1))
    if len(text) > EXCERPT_WIDTH:
        left = max(0, start - 60)
        right = min(len(text), left + EXCERPT_WIDTH)
        head = "..." if left > 0 else ""
        tail = "..." if right < len(text) else ""
        width = min(width, right - start)
        text = head + text[left:right] + tail
        start = start - left + len(head)
    return text, " " * start + "^" * max(width, 1)
