"""Text to Lark parse tree: the grammar loaded once, line continuations, syntax errors as diagnostics.

Consumes a `Source`; produces a `lark.Tree` or a list of diagnostics (never raises on bad input).
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from importlib import resources
from pathlib import Path

from lark import Lark, Token, Tree
from lark.exceptions import UnexpectedEOF, UnexpectedInput, UnexpectedToken

from compiler.diagnostics import Diagnostic
from compiler.source import Source, Span, point
from compiler.syntax.examples import error_position, label_syntax_error, unclosed_paren

# grammar/guideline.lark, shipped as the package data `compiler.grammar` (setup.py maps the folder into the package).
GRAMMAR = resources.files("compiler.grammar").joinpath("guideline.lark")

# A line continues onto the next when it ends with one of these tokens ...
_CONTINUE_AFTER = frozenset(
    {"EQUAL", "AND", "OR", "THEN", "ELSE", "STAR", "SLASH", "COMMA", "LPAR", "NOT", "IF", "WHEN"}
)
# ... or when the next line starts with one of these.
_CONTINUE_BEFORE = frozenset({"AND", "OR", "THEN", "ELSE", "RPAR"})


class LineContinuation:
    """Postlexer: drops a newline inside parentheses, after an operator, or before `and`/`or`/`then`/`else`."""

    always_accept = ("_NL",)

    def process(self, stream: Iterator[Token]) -> Iterator[Token]:
        depth = 0
        pending: Token | None = None
        previous = ""
        for tok in stream:
            if tok.type == "_NL":
                if depth > 0 or previous in _CONTINUE_AFTER:
                    continue
                if pending is None:
                    pending = tok
                continue
            if pending is not None:
                if tok.type not in _CONTINUE_BEFORE:
                    yield pending
                pending = None
            if tok.type == "LPAR":
                depth += 1
            elif tok.type == "RPAR":
                depth = max(depth - 1, 0)
            previous = tok.type
            yield tok
        if pending is not None:
            yield pending


# How the parser is built. `strict` (Lark's check that no two terminals can match the same text) is not among
# them: it costs about 40% of building the parser, so it runs in the tests (tests/unit/test_grammar.py builds the
# grammar with these options and strict=True), not on every cold start.
OPTIONS: dict[str, object] = {"parser": "lalr", "lexer": "basic", "propagate_positions": True, "maybe_placeholders": True}


def user_cache_file() -> Path | None:
    """Where the built parser is kept between runs of any project: `$GLC_CACHE_HOME` (empty: nowhere), else
    `$XDG_CACHE_HOME/glc`, else `~/.cache/glc`; one file per grammar and Lark version (Lark checks it too, and
    rebuilds the parser when the file is stale or unreadable). None when the folder cannot be made."""
    import hashlib

    from lark import __version__ as lark_version

    from compiler.files import user_cache_home

    folder = user_cache_home()
    if folder is None:
        return None
    digest = hashlib.sha256((GRAMMAR.read_text(encoding="utf-8") + lark_version).encode()).hexdigest()[:16]
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return folder / f"lark-parser-{digest}.pickle"


@cache
def parser(cache_file: Path | None = None) -> Lark:
    """The LALR parser, built once per process and kept between runs: in `cache_file` when given, else in the
    user's cache folder (`user_cache_file`). Lark keys the file by the grammar, the options and its own version,
    and rebuilds the parser when the file is stale or unusable."""
    if cache_file is None:
        cache_file = user_cache_file()
    return Lark(
        GRAMMAR.read_text(encoding="utf-8"),
        strict=False,
        postlex=LineContinuation(),
        cache=str(cache_file) if cache_file is not None else False,
        **OPTIONS,
    )


def parse(source: Source, cache_file: Path | None = None) -> tuple[Tree[Token] | None, list[Diagnostic]]:
    """Parse one file. On a syntax error: no tree and one labelled diagnostic. `cache_file`: see `parser`."""
    text = source.text
    if not text.endswith("\n"):
        text += "\n"
    lark = parser(cache_file)
    try:
        return lark.parse(text), []
    except UnexpectedInput as err:
        return None, [syntax_diagnostic(source, err, lark)]


def syntax_diagnostic(source: Source, err: UnexpectedInput, lark: Lark | None = None) -> Diagnostic:
    """Turn a Lark error into an author-facing diagnostic, labelled by example (with `lark`, the parser that
    raised it: the examples must run through the same one)."""
    code, message, hint = label_syntax_error(err, source.text, (lark if lark is not None else parser()).parse)
    line = getattr(err, "line", None)
    column = getattr(err, "column", None)
    width = 1
    if isinstance(err, UnexpectedToken) and isinstance(err.token, Token):
        tok = err.token
        if tok.type == "_NL" or tok.type == "$END":
            # Point at the end of the line that was cut short, not at the next line.
            line, column = _end_of_previous_content(source.text, tok)
        else:
            width = len(str(tok))
    if isinstance(err, UnexpectedEOF) or not isinstance(line, int) or line < 1:
        line, column = _end_of_text(source.text)
    if code == "E103":
        at = unclosed_paren(source.text + "\n", error_position(err))
        if at is not None:
            before = source.text[:at]
            line, column, width = before.count("\n") + 1, at - (before.rfind("\n") + 1) + 1, 1
    assert isinstance(line, int) and isinstance(column, int)
    span: Span = point(source.path, line, max(column, 1), width)
    return Diagnostic(code, "error", message, span, hint)


def _end_of_text(text: str) -> tuple[int, int]:
    lines = text.rstrip("\n").splitlines() or [""]
    return len(lines), len(lines[-1]) + 1


def _end_of_previous_content(text: str, tok: Token) -> tuple[int, int]:
    """Where a newline token starts: the end of the last line that had content."""
    pos = tok.start_pos if isinstance(tok.start_pos, int) else len(text)
    before = text[:pos]
    # strip a trailing comment on that line
    lines = before.splitlines() or [""]
    last = lines[-1]
    if "#" in last and '"' not in last:
        last = last[: last.index("#")]
    return len(lines), len(last.rstrip()) + 1
