"""Diagnostics: problems found in guideline files, collected (never raised) and shown to authors.

Every diagnostic has a stable code, a severity, a span, a plain-English message and a fix (`hint`).
Passes append to a `Diagnostics` collector; the driver sorts and renders them once, at the end.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Literal

from compiler.source import Source, Span, excerpt

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem at one place, with the fix an author can apply."""

    code: str
    severity: Severity
    message: str
    span: Span | None
    hint: str = ""

    def sort_key(self) -> tuple[str, int, int, str, str]:
        if self.span is None:
            return ("", 0, 0, self.code, self.message)
        return (*self.span.sort_key(), self.code, self.message)


class DiagnosticsError(Exception):
    """Raised by the tools that need a whole, valid file to work on (`glc fmt`'s `format_source`) when it has
    errors: the same diagnostics `glc check` reports for it (a syntax error: one, with its code and span)."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = diagnostics
        first = diagnostics[0] if diagnostics else None
        super().__init__(f"{first.span}: {first.message}" if first is not None and first.span else
                         (first.message if first is not None else "the file has errors"))


@dataclass
class Diagnostics:
    """A collector passed through the passes; `error`/`warning` append, nothing raises."""

    items: list[Diagnostic] = field(default_factory=list)

    def error(self, code: str, message: str, span: Span | None, hint: str = "") -> None:
        self.items.append(Diagnostic(code, "error", message, span, hint))

    def warning(self, code: str, message: str, span: Span | None, hint: str = "") -> None:
        self.items.append(Diagnostic(code, "warning", message, span, hint))

    def extend(self, other: Iterable[Diagnostic]) -> None:
        self.items.extend(other)

    @property
    def has_errors(self) -> bool:
        return any(d.severity == "error" for d in self.items)

    def sorted(self) -> list[Diagnostic]:
        """Deduplicated and sorted by file, line, column, code."""
        return sorted(set(self.items), key=Diagnostic.sort_key)

    def __iter__(self) -> Iterator[Diagnostic]:
        return iter(self.sorted())

    def __len__(self) -> int:
        return len(self.items)


def did_you_mean(name: str, candidates: Iterable[str]) -> str:
    """' Did you mean `x`?' for the closest candidate, or ''."""
    close = difflib.get_close_matches(name, sorted(set(candidates)), n=1, cutoff=0.7)
    if not close:
        lowered = {c.lower(): c for c in candidates}
        if name.lower() in lowered:
            close = [lowered[name.lower()]]
    return f" Did you mean `{close[0]}`?" if close else ""


def render_text(diags: Iterable[Diagnostic], sources: Mapping[str, Source]) -> str:
    """Human output: `file:line:col: error[E201]: message`, the line, a caret, the fix."""
    blocks: list[str] = []
    for d in diags:
        where = str(d.span) if d.span else "<input>"
        lines = [f"{where}: {d.severity}[{d.code}]: {d.message}"]
        if d.span is not None:
            src = sources.get(d.span.path)
            if src is not None:
                text, caret = excerpt(src.line(d.span.line), d.span)
                gutter = str(d.span.line)
                pad = " " * len(gutter)
                lines.append(f" {pad} |")
                lines.append(f" {gutter} | {text}")
                lines.append(f" {pad} | {caret}")
        if d.hint:
            lines.append(f"  fix: {d.hint}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + ("\n" if blocks else "")


def summary(diags: list[Diagnostic]) -> str:
    errors = sum(1 for d in diags if d.severity == "error")
    warnings = len(diags) - errors
    return f"{errors} error{'s' if errors != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''}"


def to_json(diags: Iterable[Diagnostic]) -> str:
    """Machine output for editors and CI: one object per diagnostic, 1-based positions."""
    out = []
    for d in diags:
        item: dict[str, object] = {"code": d.code, "severity": d.severity, "message": d.message, "hint": d.hint}
        if d.span is not None:
            item.update(
                file=d.span.path,
                line=d.span.line,
                column=d.span.column,
                end_line=d.span.end_line,
                end_column=d.span.end_column,
            )
        out.append(item)
    return json.dumps(out, indent=2, ensure_ascii=False) + "\n"
