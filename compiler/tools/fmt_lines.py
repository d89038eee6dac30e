"""Formatting, step 1: a file's tokens grouped into the lines `glc fmt` writes, comments and blank lines included.

Consumes the text and the LALR parser (`compiler.syntax.parse.parser`); produces `Lines`: for each physical line
that holds code, its significant tokens, its trailing comment, the full-line comments and blank lines above it,
and whether it starts a statement (a line that continues the one above, by `LineContinuation`'s rules, does
not). The parse tree holds no comments (the grammar ignores them), so they are read from the lexer's own token
stream, run with nothing ignored: a `COMMENT` token after code on its line, and inside each `_NL` token (a line
break with the blank and comment-only lines after it).
"""

from __future__ import annotations

from collections.abc import Iterator
from copy import copy
from dataclasses import dataclass, field
from functools import cache

from lark import Lark, Token
from lark.lexer import BasicLexer, LexerThread

from compiler.syntax.parse import LineContinuation

NEWLINE = "_NL"
COMMENT = "COMMENT"


@dataclass
class Line:
    """One physical line of code: its tokens, the comment after them, the comment lines (text) and blank lines
    (None) above it, and whether it starts a statement."""

    tokens: list[Token]
    starts_statement: bool
    above: list[str | None]
    comment: str | None = None


@dataclass
class Lines:
    """A file's lines of code, and the comment and blank lines after the last one."""

    lines: list[Line] = field(default_factory=list)
    trailing: list[str | None] = field(default_factory=list)


@cache
def _lexer(lark: Lark) -> BasicLexer:
    """The parser's own lexer, ignoring nothing: whitespace and comments come out as tokens."""
    conf = copy(lark.lexer_conf)
    conf.ignore = ()
    conf.strict = False  # the parser's own build has checked the terminals for collisions
    return BasicLexer(conf)


def all_tokens(lark: Lark, text: str) -> Iterator[Token]:
    """Every token of `text`, whitespace and comments included, before the line-continuation postlexer."""
    stream: Iterator[Token] = LexerThread.from_text(_lexer(lark), text).lex(None)  # type: ignore[no-untyped-call]
    return stream


def _blank(tok: Token) -> bool:
    return tok.type not in (NEWLINE, COMMENT) and not str(tok).strip()


def read_lines(lark: Lark, text: str) -> Lines:
    """`text` (which the parser accepts, ending with a newline) as lines of code with their comments."""
    tokens = [t for t in all_tokens(lark, text) if not _blank(t)]
    code = [t for t in tokens if t.type != COMMENT]
    ends = {id(t) for t in LineContinuation().process(iter(code)) if t.type == NEWLINE}
    out = Lines()
    above: list[str | None] = []
    current: Line | None = None
    starts = True
    for tok in tokens:
        if tok.type == NEWLINE:
            if current is not None:
                starts = id(tok) in ends
            # the break itself, then each blank or comment-only line; the last piece is the next line's indent
            for piece in str(tok).replace("\r", "").split("\n")[1:-1]:
                above.append(piece.strip() or None)
            current = None
        elif tok.type == COMMENT:
            if current is None:
                above.append(str(tok).strip())
            else:
                current.comment = str(tok).rstrip()
        else:
            if current is None:
                current = Line([], starts, above)
                above = []
                out.lines.append(current)
            current.tokens.append(tok)
    out.trailing = above
    return out
