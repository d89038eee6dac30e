"""`glc fmt`'s formatter: one canonical layout for guideline, vocabulary and portfolio files.

`format_source(text, path)` returns the file in its canonical layout, or raises `DiagnosticsError` with the
syntax error `glc check` reports for it. It is driven by the grammar, not written per construct: the lexer's
tokens (comments and blank lines included, `fmt_lines`), the parse tree (indentation by nesting and which table
a row belongs to, `fmt_tree`) and a few spelling and spacing rules keyed on the grammar's rules and tokens
(`fmt_spelling`). So:

- each statement on its own line, indented two spaces per level of nesting; a statement continued onto more
  lines keeps the author's line breaks: inside parentheses its lines line up after the `(` (or, when the `(`
  ends a line, one step in, with the `)` back under the line that opened it), elsewhere one step in (two under
  a declaration, whose clauses are one step in);
- one space between tokens (none inside parentheses, before `,` and `:`, around a band's `..`);
- a table's cells aligned into columns: `| cell | cell |`, each column as wide as its widest cell;
- comments kept, full-line ones indented like the line below them, trailing ones two spaces after the code;
  blank lines kept where the author put them, at most one in a row, none at the start or end of the file;
- band and number spelling normalised only where it carries no meaning (`fmt_spelling`).

Formatting is idempotent and never changes the checked IR (tests/unit/test_fmt.py checks both over every file
of the repository).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from lark import Lark, Token, Tree

from compiler.diagnostics import DiagnosticsError
from compiler.source import Source
from compiler.syntax.parse import parse, parser
from compiler.tools.fmt_lines import Line, read_lines
from compiler.tools.fmt_spelling import space, spell
from compiler.tools.fmt_tree import PIPE, TreeFacts

STEP = "  "
COMMENT_GAP = "  "


def format_source(text: str, path: str = "<text>", *, cache_file: Path | None = None) -> str:
    """`text` in the canonical layout. Raises `DiagnosticsError` (the diagnostic `glc check` gives) when it does
    not parse. `cache_file`: where the parser is kept between runs (`compiler.syntax.parse.parser`)."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not text.endswith("\n"):
        text += "\n"
    tree, diagnostics = parse(Source(path, text), cache_file)
    if tree is None:
        raise DiagnosticsError(diagnostics)
    return _Writer(parser(cache_file), text, tree).write()


@dataclass
class _Paren:
    """An open `(`: where its contents line up, and the indent of the line that opened it."""

    column: int
    hanging: bool
    indent: int


class _Writer:
    """Lays out one parsed file, line by line (`write`)."""

    def __init__(self, lark: Lark, text: str, tree: Tree[Token]) -> None:
        self.lines = read_lines(lark, text)
        self.facts = TreeFacts(tree, [t for line in self.lines.lines for t in line.tokens])
        self.bands = frozenset(str(r.alias or r.origin.name) for r in lark.rules if r.origin.name == "band")
        self.out: list[str] = []
        self.depth = 0  # of the statement being written
        self.continued = 0  # the indent of its continued lines outside parentheses
        self.parens: list[_Paren] = []  # its open parentheses

    def write(self) -> str:
        widths = self._table_widths()
        for line in self.lines.lines:
            indent = self._indent(line)
            self.facts.record_depth(line.tokens, self.depth)
            self._above(line.above, indent)
            first = line.tokens[0]
            if first.type == PIPE:
                body = self._row(line, widths.get(self.facts.table_of(first), []))
            else:
                body, columns = self._join(line.tokens)
                self._track_parens(line.tokens, columns, indent)
            comment = f"{COMMENT_GAP}{line.comment}" if line.comment else ""
            self.out.append(" " * indent + body + comment)
        self._above(self.lines.trailing, 0)
        while self.out and not self.out[-1]:
            self.out.pop()
        return "\n".join(self.out) + "\n"

    def _indent(self, line: Line) -> int:
        """Where `line` starts: by nesting for a statement; for a continued line, after the open `(` (or one step
        in from the line that opened it, when the `(` ended that line), else `continued`."""
        first = line.tokens[0]
        if line.starts_statement:
            self.depth = self.facts.statement_depth(first)
            self.parens = []
            node = self.facts.outermost.get(_pos(first))
            # one step in, or two under a declaration (one step in is where its clauses go)
            self.continued = len(STEP) * (self.depth + (2 if node is not None and self.facts.declares(node) else 1))
            return len(STEP) * self.depth
        if not self.parens:
            return self.continued
        top = self.parens[-1]
        if first.type == "RPAR":
            return top.indent
        return top.indent + len(STEP) if top.hanging else top.column

    def _track_parens(self, tokens: list[Token], columns: list[int], indent: int) -> None:
        for tok, column in zip(tokens, columns, strict=True):
            if tok.type == "LPAR":
                self.parens.append(_Paren(indent + column + 1, tok is tokens[-1], indent))
            elif tok.type == "RPAR" and self.parens:
                self.parens.pop()

    def _above(self, items: list[str | None], indent: int) -> None:
        for item in items:
            if item is None:
                if self.out and self.out[-1]:
                    self.out.append("")
            else:
                self.out.append(" " * indent + item)

    def _spelled(self, tokens: list[Token]) -> list[tuple[Token, str, str]]:
        out = []
        for tok in tokens:
            context = self.facts.context(tok)
            out.append((tok, context, spell(tok, context, self.bands)))
        return out

    def _join(self, tokens: list[Token]) -> tuple[str, list[int]]:
        """The tokens of one line with canonical spacing, and the column of each."""
        text, columns = "", []
        previous: tuple[Token, str, str] | None = None
        for tok, context, spelled in self._spelled(tokens):
            if previous is not None:
                text += space(_as(previous[0], previous[2]), previous[1], _as(tok, spelled), context, self.bands)
            columns.append(len(text))
            text += spelled
            previous = (tok, context, spelled)
        return text, columns

    def _cells(self, line: Line) -> list[str]:
        """The cells of a `| ... |` line, each as canonically spaced text."""
        cells: list[str] = []
        current: list[Token] | None = None
        for tok in line.tokens:
            if tok.type == PIPE:
                if current is not None:
                    cells.append(self._join(current)[0])
                current = []
            elif current is not None:
                current.append(tok)
        if current:  # a row without its closing `|` does not parse; kept whole just in case
            cells.append(self._join(current)[0])
        return cells

    def _table_widths(self) -> dict[int, list[int]]:
        widths: dict[int, list[int]] = {}
        for line in self.lines.lines:
            if line.tokens[0].type != PIPE:
                continue
            table = widths.setdefault(self.facts.table_of(line.tokens[0]), [])
            for i, cell in enumerate(self._cells(line)):
                if i < len(table):
                    table[i] = max(table[i], len(cell))
                else:
                    table.append(len(cell))
        return widths

    def _row(self, line: Line, widths: list[int]) -> str:
        cells = self._cells(line)
        padded = [cell.ljust(widths[i]) if i < len(widths) else cell for i, cell in enumerate(cells)]
        return "| " + " | ".join(padded) + " |" if padded else "|"


def _as(tok: Token, text: str) -> Token:
    """`tok` spelled as `text` (the spacing rules look at the spelling: a band's `-` is now `..`)."""
    return Token(tok.type, text, tok.start_pos, tok.line, tok.column)


def _pos(tok: Token) -> int:
    pos = tok.start_pos
    assert isinstance(pos, int)
    return pos
