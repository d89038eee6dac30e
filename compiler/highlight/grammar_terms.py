"""The grammar's terminals as highlighters need them: its keywords, its symbols and the patterns of its named
terminals, read from the packaged grammar (`compiler.grammar`, grammar/guideline.lark) when first asked for.

Consumes the grammar text through Lark's grammar loader (no parser is built: a tenth of the time); produces
`Terms`. A keyword is a string terminal made of letters (`rule`, `require`, `yes`); a symbol a string terminal
of other characters (`>=`, `..`, `|`); a named terminal (`NUMBER`, `MONEY`, `STRING`, `ROUNDING`, ...) keeps its
regular expression, so the highlighters read literals exactly as the compiler does.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from lark.load_grammar import load_grammar

from compiler.syntax.parse import GRAMMAR


@dataclass(frozen=True)
class Terms:
    """The grammar's terminals for highlighting, each list longest first (so alternatives match greedily)."""

    keywords: tuple[str, ...]
    symbols: tuple[str, ...]
    patterns: tuple[tuple[str, str], ...]  # the named terminals' (name, regular expression), by Lark's priority


@cache
def grammar_terms() -> Terms:
    """The terminals of the packaged grammar; see the module."""
    grammar, _ = load_grammar(GRAMMAR.read_text(encoding="utf-8"), "guideline.lark", None, False)  # type: ignore[no-untyped-call]
    terminals, _, _ = grammar.compile(["start"], set())
    keywords: set[str] = set()
    symbols: set[str] = set()
    named: list[tuple[int, str, str]] = []
    for term in terminals:
        value = term.pattern.value
        if term.pattern.type == "str" and value.replace("_", "").isalpha():
            keywords.add(value)
        elif term.pattern.type == "str" and not any(c.isalnum() for c in value):
            symbols.add(value)
        elif not term.name.startswith("_"):  # not the line breaks or the ignored spaces
            named.append((-term.priority, term.name, term.pattern.to_regexp()))
    patterns = tuple((name, regex) for _, name, regex in sorted(named, key=lambda n: n[0]))
    return Terms(_longest_first(keywords), _longest_first(symbols), patterns)


def _longest_first(words: set[str]) -> tuple[str, ...]:
    return tuple(sorted(words, key=lambda w: (-len(w), w)))
