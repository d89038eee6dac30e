"""What the grammar accepts next at a cursor: the terminals Lark's LALR parser would take after the text before it.

The text before the cursor (less the word being typed) is fed to the interactive parser
(`Lark.parse_interactive`, the same parser and line-continuation postlexer as `compiler.syntax.parse`), and its
`accepts()` names the terminals that may come next. When that text has a syntax error of its own, the current
item alone is fed (from the last line that starts a declaration), under a stand-in first line. The keywords are
the terminals whose pattern is a word (`require`, `is`, `known`); `NAME` means a name may come next. A keyword
that only one other keyword can follow is offered with it (`lesser of`, `one of`, `seasoning of`).
"""

from __future__ import annotations

import re
from functools import cache

from lark import Lark, Token
from lark.exceptions import LarkError
from lark.parsers.lalr_interactive_parser import InteractiveParser

from compiler.syntax.parse import parser

_ITEM = re.compile(r"^(override\s+)?(rule|matrix|value|section|drop|field|record|limit|scenario)\b")
_KEYWORD = re.compile(r"[a-z][a-z_]*")


@cache
def keyword_of() -> dict[str, str]:
    """Terminal name -> its keyword, for the grammar's word terminals."""
    lark: Lark = parser()
    return {t.name: t.pattern.value for t in lark.terminals
            if t.pattern.type == "str" and _KEYWORD.fullmatch(t.pattern.value)}


def _accepts(state: InteractiveParser) -> set[str]:
    accepted: set[str] = state.accepts()  # type: ignore[no-untyped-call]
    return accepted


def _state(text: str) -> InteractiveParser | None:
    try:
        interactive = parser().parse_interactive(text)
        interactive.exhaust_lexer()
        return interactive
    except LarkError:
        return None


def expected(before: str, vocabulary: bool) -> InteractiveParser | None:
    """The parser's state after `before` (the document up to the cursor, the word being typed removed), or None."""
    found = _state(before)
    if found is not None:
        return found
    lines = before.split("\n")
    start = next((i for i in range(len(lines) - 1, -1, -1) if _ITEM.match(lines[i])), None)
    if start is None:
        return None
    head = 'vocabulary "x"\n' if vocabulary else "program x\n"
    return _state(head + "\n".join(lines[start:]))


def terminals(state: InteractiveParser | None) -> set[str]:
    """The terminals that may come next."""
    return _accepts(state) if state is not None else set()


def _phrase(state: InteractiveParser, terminal: str, words: int = 3) -> str:
    """The keyword of `terminal`, followed by the keywords that alone can follow it (`lesser` -> `lesser of`)."""
    table = keyword_of()
    phrase = [table[terminal]]
    try:
        cursor = state.copy(deepcopy_values=False)  # type: ignore[no-untyped-call]
        while len(phrase) < words:
            cursor.feed_token(Token(terminal, table[terminal]))
            nxt = _accepts(cursor)
            if len(nxt) != 1 or next(iter(nxt)) not in table:
                break
            terminal = next(iter(nxt))
            phrase.append(table[terminal])
    except LarkError:
        pass
    return " ".join(phrase)


def keywords(state: InteractiveParser | None) -> list[str]:
    """The keywords that may come next (with the keywords that must follow them), sorted."""
    if state is None:
        return []
    table = keyword_of()
    return sorted({_phrase(state, t) for t in terminals(state) if t in table})
