"""The grammar passes Lark's strict checks: no two terminals can match the same text, no shift/reduce conflict.

`glc` builds its parser without `strict` (the check costs about 40% of building it, on every cold start), so this
test is where a grammar change that makes two terminals collide is caught.
"""

from __future__ import annotations

import pytest
from lark import Lark
from lark.exceptions import GrammarError, LexError

from compiler.syntax.parse import GRAMMAR, OPTIONS, LineContinuation, parser


def test_the_grammar_builds_with_strict_checks() -> None:
    strict = Lark(GRAMMAR.read_text(encoding="utf-8"), strict=True, postlex=LineContinuation(), **OPTIONS)  # type: ignore[arg-type]
    assert strict.terminals  # built: no collision, no conflict


def test_strict_catches_colliding_terminals() -> None:
    """The check the test relies on: a terminal whose pattern overlaps NAME's (both match `ab`) is refused."""
    text = GRAMMAR.read_text(encoding="utf-8").replace("start: _NL? (", "start: _NL? (COLLIDES | ", 1) + \
        '\nCOLLIDES: /a[a-z]+b/\n'
    with pytest.raises((GrammarError, LexError)):
        Lark(text, strict=True, postlex=LineContinuation(), **OPTIONS)  # type: ignore[arg-type]


def test_the_parser_glc_uses_has_the_same_terminals() -> None:
    strict = Lark(GRAMMAR.read_text(encoding="utf-8"), strict=True, postlex=LineContinuation(), **OPTIONS)  # type: ignore[arg-type]
    assert sorted(t.name for t in parser().terminals) == sorted(t.name for t in strict.terminals)
