"""What the grammar accepts next at a cursor: the terminals Lark's LALR parser would take after the text before it.

The text before the cursor (less the word being typed) is fed to the interactive parser
(`Lark.parse_interactive`, the same parser and line-continuation postlexer as `compiler.syntax.parse`), and its
`accepts()` names the terminals that may come next. When that text has a syntax error of its own, the current
item alone is fed (from the last line that starts a declaration), under a stand-in first line. The keywords are
the terminals whose pattern is a word (`require`, `is`, `known`); `NAME` means a name may come next.
"""

from __future__ import annotations

import re
from functools import cache

from lark import Lark
from lark.exceptions import LarkError

from compiler.syntax.parse import parser

_ITEM = re.compile(r"^(override\s+)?(rule|matrix|value|section|drop|field|record|limit|scenario)\b")
_KEYWORD = re.compile(r"[a-z][a-z_]*")


@cache
def keyword_of() -> dict[str, str]:
    """Terminal name -> its keyword, for the grammar's word terminals."""
    lark: Lark = parser()
    return {t.name: t.pattern.value for t in lark.terminals
            if t.pattern.type == "str" and _KEYWORD.fullmatch(t.pattern.value)}


def _accepts(text: str) -> set[str] | None:
    try:
        interactive = parser().parse_interactive(text)
        interactive.exhaust_lexer()
        accepted: set[str] = interactive.accepts()  # type: ignore[no-untyped-call]
        return accepted
    except LarkError:
        return None


def expected(before: str, vocabulary: bool) -> set[str]:
    """The terminals that may follow `before` (the document up to the cursor, the word being typed removed)."""
    found = _accepts(before)
    if found is not None:
        return found
    lines = before.split("\n")
    start = next((i for i in range(len(lines) - 1, -1, -1) if _ITEM.match(lines[i])), None)
    if start is None:
        return set()
    head = 'vocabulary "x"\n' if vocabulary else "program x\n"
    return _accepts(head + "\n".join(lines[start:])) or set()


def keywords(terminals: set[str]) -> list[str]:
    """The keywords among the terminals, sorted."""
    table = keyword_of()
    return sorted({table[t] for t in terminals if t in table})
