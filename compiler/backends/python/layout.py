"""Generated Python laid out within WIDTH columns, broken where a reader would break it.

`wrap(source)` returns the same program: the same tokens in the same order (a long string becomes adjacent
strings, a trailing comma may be added to a list of items broken one per line), so the same AST, docstrings
aside, whose long lines are re-wrapped at words. Only lines over WIDTH change:

- a bracket's contents go one item per line (the bracket with the most text is broken first);
- inside brackets, a conditional chain goes one `else` per line, then a long `or` / `and` is continued on the
  next line, then a long string is split into adjacent strings at spaces;
- a trailing comment moves to its own line above; a long comment or docstring line is re-wrapped at words.
"""

from __future__ import annotations

import ast
import re
import textwrap
import tokenize
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from itertools import accumulate

WIDTH = 120
_OPEN = {"(": ")", "[": "]", "{": "}"}
_CLOSE = frozenset(_OPEN.values())
# What can hide a bracket or a line break from a plain scan: strings (triple-quoted first, any prefix) and comments.
_SCAN = re.compile(
    r'''(?P<triple>"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^'\\]|\\.|'(?!''))*\'\'\')'''
    r'''|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|\#[^\n]*|(?P<open>[(\[{])|[)\]}]''',
    re.DOTALL,
)
_SKIP = (tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT, tokenize.COMMENT, tokenize.ENDMARKER)


@dataclass
class _Group:
    """A bracket and what it holds."""

    open: tokenize.TokenInfo
    items: list[_Item]
    close: tokenize.TokenInfo
    text: str | None = field(default=None, compare=False, repr=False)  # `_one(group)`, once worked out


_Item = tokenize.TokenInfo | _Group


def wrap(source: str) -> str:
    """`source` with every line over WIDTH broken (where the rules above can break it).

    Only the long lines are tokenized, each on its own: one pass of `_SCAN` over the source finds which of them lie
    in a triple-quoted string (re-wrapped as prose) and which start inside brackets, so the cost grows with the
    source's length once and with the long lines' only (tokenizing the whole module took most of a build)."""
    lines = source.split("\n")
    long_rows = [row for row, line in enumerate(lines) if len(line) > WIDTH]
    if not long_rows:
        return source
    starts = list(accumulate((len(line) + 1 for line in lines[:-1]), initial=0))  # offset of each row
    depth_at: dict[int, int] = {}  # long row -> brackets open at its start
    triples: list[tuple[int, int]] = []  # offsets of the triple-quoted strings (docstrings): first, last character
    depth, todo = 0, iter(long_rows)
    row = next(todo, None)
    for m in _SCAN.finditer(source):
        while row is not None and starts[row] <= m.start():
            depth_at[row] = depth
            row = next(todo, None)
        if m.lastgroup == "open":
            depth += 1
        elif m.lastgroup == "triple":
            triples.append((m.start(), m.end() - 1))
        elif m.end() - m.start() == 1 and m.group() in _CLOSE:
            depth -= 1
    while row is not None:
        depth_at[row] = depth
        row = next(todo, None)
    in_string: set[int] = set()  # long rows a triple-quoted string covers (in whole or in part)
    for start, end in triples:
        first, last = bisect_right(starts, start) - 1, bisect_right(starts, end) - 1
        in_string.update(long_rows[bisect_left(long_rows, first):bisect_right(long_rows, last)])
    out: list[str] = []
    first = 0
    for row in long_rows:
        out.extend(lines[first:row])
        first = row + 1
        line = lines[row]
        out.extend(_laid(line, row in in_string, depth_at[row] > 0))
    out.extend(lines[first:])
    return "\n".join(out)


# A long line's layout depends on its text and where it stands only, and the modules of one build (and the
# rebuilds of `glc watch`) repeat many such lines: each is laid out once per process (the memo is emptied when it
# grows past `_MEMO_SIZE` lines).
_MEMO_SIZE = 50_000
_memo: dict[tuple[str, bool, bool], tuple[str, ...]] = {}


def _laid(line: str, in_string: bool, inside: bool) -> tuple[str, ...]:
    """One long line as `wrap` lays it out: re-wrapped as prose when a triple-quoted string covers it, else broken
    (`inside`: it starts within brackets)."""
    k = (line, in_string, inside)
    found = _memo.get(k)
    if found is None:
        if len(_memo) >= _MEMO_SIZE:
            _memo.clear()
        found = _memo[k] = tuple(_rewrap(line) if in_string else _break(line, _tokens(line), inside))
    return found


def _tokens(line: str) -> list[tokenize.TokenInfo]:
    """The tokens of one line read alone (a bracket it leaves open ends the reading, after its last token)."""
    found: list[tokenize.TokenInfo] = []
    try:
        for tok in tokenize.generate_tokens(iter([line + "\n"]).__next__):
            found.append(tok)
    except (tokenize.TokenError, StopIteration):
        pass
    return found


def _rewrap(line: str, prefix: str = "") -> list[str]:
    """A line of prose (a docstring's, or a comment's after `prefix`) re-wrapped at words, indented as it was."""
    indent = " " * (len(line) - len(line.lstrip()))
    return textwrap.wrap(line.strip(), WIDTH, initial_indent=indent + prefix, subsequent_indent=indent + prefix,
                         break_long_words=False, break_on_hyphens=False) or [line]


def _break(line: str, row: list[tokenize.TokenInfo], inside: bool) -> list[str]:
    indent = len(line) - len(line.lstrip())
    comments = [t for t in row if t.type == tokenize.COMMENT]
    code = [t for t in row if t.type not in _SKIP]
    above = _rewrap(" " * indent + comments[0].string[1:].strip(), "# ") if comments else []
    if not code:
        return above
    items = _tree(code)
    if items is None:  # a bracket opened or closed on another line: the line as it is, its comment above
        return [*above, " " * indent + _text(code)]
    return [*above, *_lay(items, indent, inside)]


def _tree(tokens: list[tokenize.TokenInfo]) -> list[_Item] | None:
    """The tokens with each bracket pair made a group; None when a bracket is not closed on the line."""
    stack: list[tuple[tokenize.TokenInfo | None, list[_Item]]] = [(None, [])]
    for tok in tokens:
        if tok.type == tokenize.OP and tok.string in _OPEN:
            stack.append((tok, []))
        elif tok.type == tokenize.OP and tok.string in _OPEN.values():
            opener, items = stack.pop()
            if opener is None or not stack:
                return None
            stack[-1][1].append(_Group(opener, items, tok))
        else:
            stack[-1][1].append(tok)
    return stack[0][1] if len(stack) == 1 else None


def _flat(items: list[_Item]) -> list[tokenize.TokenInfo]:
    out: list[tokenize.TokenInfo] = []
    for it in items:
        if isinstance(it, _Group):
            out.append(it.open)
            out.extend(_flat(it.items))
            out.append(it.close)
        else:
            out.append(it)
    return out


def _text(tokens: list[tokenize.TokenInfo]) -> str:
    """The tokens on one line, spaced as they were (tokens from different lines: one space, none at brackets)."""
    parts: list[str] = []
    prev: tokenize.TokenInfo | None = None
    for tok in tokens:
        if prev is not None:
            if prev.end[0] == tok.start[0]:
                parts.append(" " * (tok.start[1] - prev.end[1]))
            elif prev.string not in _OPEN and tok.string not in (")", "]", "}", ","):
                parts.append(" ")
        parts.append(tok.string)
        prev = tok
    return "".join(parts)


def _gap(prev: tokenize.TokenInfo, tok: tokenize.TokenInfo) -> str:
    """What `_text` puts between two adjacent tokens."""
    if prev.end[0] == tok.start[0]:
        return " " * (tok.start[1] - prev.end[1])
    return " " if prev.string not in _OPEN and tok.string not in (")", "]", "}", ",") else ""


def _one(item: _Item) -> str:
    """`_text(_flat([item]))`, a group's worked out once (breaking a line asks for it at every level)."""
    if not isinstance(item, _Group):
        return item.string
    if item.text is None:
        if item.items:
            first, last = item.items[0], item.items[-1]
            inner = (_gap(item.open, first.open if isinstance(first, _Group) else first) + _joined(item.items)
                     + _gap(last.close if isinstance(last, _Group) else last, item.close))
        else:
            inner = _gap(item.open, item.close)
        item.text = item.open.string + inner + item.close.string
    return item.text


def _joined(items: list[_Item]) -> str:
    """`_text(_flat(items))`, from the groups' texts."""
    parts: list[str] = []
    prev: tokenize.TokenInfo | None = None
    for it in items:
        if isinstance(it, _Group):
            if prev is not None:
                parts.append(_gap(prev, it.open))
            parts.append(_one(it))
            prev = it.close
        else:
            if prev is not None:
                parts.append(_gap(prev, it))
            parts.append(it.string)
            prev = it
    return "".join(parts)


def _split(items: list[_Item], word: str, after: bool) -> list[list[_Item]]:
    """The items split at each top-level token `word` (kept at the end of a part if `after`, else at the start)."""
    parts: list[list[_Item]] = [[]]
    for it in items:
        if isinstance(it, tokenize.TokenInfo) and it.string == word and it.type in (tokenize.OP, tokenize.NAME):
            if after:
                parts[-1].append(it)
                parts.append([])
            else:
                parts.append([it])
        else:
            parts[-1].append(it)
    return [p for p in parts if p]


def _lay(items: list[_Item], indent: int, inside: bool, reserve: int = 0) -> list[str]:
    """The items as lines starting at `indent`, each within WIDTH (less `reserve` on the last) where possible;
    `inside`: within brackets, where a line may break anywhere."""
    text = _joined(items)
    if indent + len(text) + reserve <= WIDTH:
        return [" " * indent + text]
    if inside:
        for word in ("else", "or", "and"):
            parts = _split(items, word, after=False)
            if len(parts) > 1:
                step = 0 if word == "else" else 4
                out = _lay(parts[0], indent, True)
                for n, part in enumerate(parts[1:], 2):
                    out += _lay(part, indent + step, True, reserve if n == len(parts) else 0)
                return out
    groups = [i for i, it in enumerate(items) if isinstance(it, _Group) and it.items]
    if groups:
        at = max(groups, key=lambda i: (len(_one(items[i])), -i))  # the most text; the first of equals
        group = items[at]
        assert isinstance(group, _Group)
        head = " " * indent + _text([*_flat(items[:at]), group.open])
        tail = " " * indent + _text([group.close, *_flat(items[at + 1:])])
        return [head, *_contents(group.items, indent + 4), tail]
    if inside:
        return _split_string(items, indent, text, reserve)
    return [" " * indent + text]


def _contents(items: list[_Item], indent: int) -> list[str]:
    """What a broken bracket holds: on one line when it fits, else one item per line (with a trailing comma) when it
    is a list of items."""
    text = _joined(items)
    if indent + len(text) <= WIDTH:
        return [" " * indent + text]
    parts = _split(items, ",", after=True)
    if len(parts) == 1 and not (isinstance(parts[0][-1], tokenize.TokenInfo) and parts[0][-1].string == ","):
        return _lay(items, indent, True)
    out: list[str] = []
    for n, part in enumerate(parts):
        last = n == len(parts) - 1
        ends_with_comma = isinstance(part[-1], tokenize.TokenInfo) and part[-1].string == ","
        lines = _lay(part, indent, True, 0 if ends_with_comma else 1)
        if last and not ends_with_comma:
            lines[-1] += ","
        out += lines
    return out


def _split_string(items: list[_Item], indent: int, text: str, reserve: int) -> list[str]:
    """The longest plain string of the items as adjacent strings, broken at spaces (the same value)."""
    strings = [(len(it.string), i) for i, it in enumerate(items)
               if isinstance(it, tokenize.TokenInfo) and it.type == tokenize.STRING and it.string[0] in "'\""
               and not it.string.startswith(('"""', "'''"))]
    if not strings:
        return [" " * indent + text]
    _size, i = max(strings)
    tok = items[i]
    assert isinstance(tok, tokenize.TokenInfo)
    value = ast.literal_eval(tok.string)
    before = _text([*_flat(items[:i]), tok])[: -len(tok.string)]
    after = _text([tok, *_flat(items[i + 1:])])[len(tok.string):]
    spare = len(after) + reserve  # kept free on every line (what follows the string is short: `,` or `)`)
    chunks: list[str] = []
    for word in value.split(" "):
        room = WIDTH - indent - (len(before) if len(chunks) <= 1 else 4) - spare
        if chunks and len(repr(chunks[-1] + " " + word)) <= room:
            chunks[-1] += " " + word
        else:
            if chunks:
                chunks[-1] += " "
            chunks.append(word)
    lines = [repr(c) for c in chunks]
    out = [" " * indent + before + lines[0]]
    out += [" " * (indent + 4) + c for c in lines[1:]]
    out[-1] += after
    return out
