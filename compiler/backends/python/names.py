"""The names a generated module's top-level statements use (`ast.Name` identifiers), found a function at a time.

`statement_names(text)` is, for every top-level statement of the module in order, the line of its `def` (None
for a statement that is not a function definition) and the identifiers of the `ast.Name` nodes under it. The
module is cut before each line starting `def ` and each piece is parsed alone, the answer kept per piece's text
for the rest of the process: a rebuild after one change (`glc watch`) parses only the functions whose text changed.
A cut inside a string, brackets or a continued line leaves the piece before it unfinished, so that piece does not
parse; then the module is parsed whole, so the answer is always the one whole-module parse would give.
"""

from __future__ import annotations

import ast
import re

_CUT = re.compile(r"^(?=def )", re.MULTILINE)
Statements = list[tuple[int | None, frozenset[str]]]

# piece text -> its statements (lines counted from the piece's first); emptied when it grows past _MEMO_SIZE
_MEMO_SIZE = 20_000
_memo: dict[str, Statements] = {}


def statement_names(text: str) -> Statements:
    """(line of the `def` or None, the `ast.Name` identifiers under it) of each top-level statement of `text`."""
    out: Statements = []
    line = 0  # lines before the piece
    for piece in _CUT.split(text):
        if not piece:  # before a module's first line, when it is a `def`
            continue
        found = _memo.get(piece)
        if found is None:
            try:
                found = _parsed(piece)
            except SyntaxError:  # cut where no statement starts (or the module does not parse): the whole module
                return _parsed(text)
            if len(_memo) >= _MEMO_SIZE:
                _memo.clear()
            _memo[piece] = found
        out.extend((None if at is None else at + line, names) for at, names in found)
        line += piece.count("\n")
    return out


def _parsed(text: str) -> Statements:
    return [(node.lineno if isinstance(node, ast.FunctionDef) else None, frozenset(names(node)))
            for node in ast.parse(text).body]


def names(node: ast.AST) -> set[str]:
    """The identifiers of the `ast.Name` nodes under `node` (`ast.walk`'s, at a third of its cost: no generator per
    node, and a name's children are not looked for)."""
    found: set[str] = set()
    stack = [node]
    while stack:
        n = stack.pop()
        if type(n) is ast.Name:
            found.add(n.id)
            continue
        for f in n._fields:
            v = getattr(n, f, None)
            if type(v) is list:
                stack.extend(x for x in v if isinstance(x, ast.AST))
            elif isinstance(v, ast.AST):
                stack.append(v)
    return found
