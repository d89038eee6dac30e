"""Spans (1-based lines and columns, in characters, end exclusive) to LSP ranges (0-based, in the client's code
units: UTF-16 unless the client chose otherwise) and cursor positions back to lines and columns."""

from __future__ import annotations

from collections.abc import Sequence

from lsprotocol import types
from pygls.workspace.position_codec import PositionCodec, ServerTextPosition, ServerTextRange

from compiler.source import Span


def to_range(span: Span, lines: Sequence[str], codec: PositionCodec) -> types.Range:
    """A span as an LSP range over the lines of its file."""
    start = ServerTextPosition(span.line - 1, max(span.column - 1, 0))
    end = ServerTextPosition(span.end_line - 1, max(span.end_column - 1, 0))
    return codec.range_to_client_units(lines, ServerTextRange(start, end))


def from_position(position: types.Position, lines: Sequence[str], codec: PositionCodec) -> tuple[int, int]:
    """A cursor position as (line, column), 1-based, in characters."""
    at = codec.position_from_client_units(lines, types.Position(position.line, position.character))
    return at.line + 1, at.character + 1


def contains(span: Span, line: int, column: int) -> bool:
    """Whether the cursor at (line, column) is on the span (its end included: a cursor just after a word is on it)."""
    return (span.line, span.column) <= (line, column) <= (span.end_line, span.end_column)


def size(span: Span) -> tuple[int, int]:
    """How large a span is, to choose the innermost of nested spans."""
    return span.end_line - span.line, (span.end_column - span.column) if span.end_line == span.line else 10**6


def lines_of(text: str) -> list[str]:
    return text.split("\n")
