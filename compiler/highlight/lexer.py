"""The Pygments lexer for guideline, vocabulary and portfolio files, registered as `guideline` (pyproject's
`pygments.lexers` entry point), so the site's ```guideline code blocks are highlighted (pymdownx.highlight).

Its rules are made from the grammar when this module is imported (`grammar_terms`): the keywords (`rule`,
`require`, `when`, `yes`, ...), the symbols, and the named terminals' own regular expressions (comments, quoted
text, dates, housing histories, percents, money, numbers, `N/A`, `rounded down`), tried in the order of Lark's
priorities, so that a literal is one token here exactly when it is one for the compiler. The keys of
`key: value` lines (`title:`, `effective:`) are attributes.
"""

from __future__ import annotations

import re
from typing import ClassVar

from pygments.lexer import RegexLexer, bygroups  # type: ignore[import-untyped]  # no stubs in the lock
from pygments.token import (  # type: ignore[import-untyped]
    Comment,
    Keyword,
    Literal,
    Name,
    Number,
    Operator,
    Punctuation,
    String,
    Text,
    Whitespace,
    _TokenType,
)

from compiler.highlight.grammar_terms import grammar_terms

# what each named terminal of the grammar is; a terminal added later and not listed here is a plain literal
KINDS: dict[str, _TokenType] = {
    "COMMENT": Comment.Single,
    "STRING": String.Double,
    "DATE": Literal.Date,
    "HISTORY": Number,
    "PERCENT": Number,
    "MONEY": Number,
    "NUMBER": Number,
    "NA": Keyword.Constant,
    "ROUNDING": Keyword,
    "NOTE_ITEM": Keyword,
    "NAME": Name,
}
FIRST = ("COMMENT", "STRING")  # anything may be inside these
PUNCTUATION = frozenset({"(", ")", ",", ":", "|"})
_WORD_START = r"(?<![A-Za-z0-9_])"
_WORD_END = r"(?![A-Za-z0-9_])"


def keyword_regex(keywords: tuple[str, ...]) -> str:
    """One regular expression matching any of the keywords as a whole word."""
    return _WORD_START + "(?:" + "|".join(re.escape(k) for k in keywords) + ")" + _WORD_END


def _rules() -> list[tuple[str, object] | tuple[str, object, str]]:
    terms = grammar_terms()
    patterns = dict(terms.patterns)
    rules: list[tuple[str, object] | tuple[str, object, str]] = [(patterns[n], KINDS[n]) for n in FIRST if n in patterns]
    rest = [(n, r) for n, r in terms.patterns if n not in FIRST]
    rules += [(r, KINDS.get(n, Literal)) for n, r in rest if n not in ("NAME", "NUMBER")]
    rules.append((keyword_regex(terms.keywords), Keyword))
    rules.append((r"([A-Za-z_][A-Za-z0-9_]*)([\t \f]*)(:)", bygroups(Name.Attribute, Whitespace, Punctuation)))
    rules += [(r, KINDS.get(n, Literal)) for n, r in rest if n in ("NAME", "NUMBER")]
    rules += [(re.escape(s), Punctuation if s in PUNCTUATION else Operator) for s in terms.symbols]
    rules += [(r"\s+", Whitespace), (r".", Text)]
    return rules


class GuidelineLexer(RegexLexer):  # type: ignore[misc]  # Pygments is untyped
    """Guideline files (`*.guideline`), the loan vocabulary (`*.fields`) and portfolios (`*.portfolio`)."""

    name = "Guideline"
    aliases: ClassVar[list[str]] = ["guideline", "fields", "portfolio"]
    filenames: ClassVar[list[str]] = ["*.guideline", "*.fields", "*.portfolio"]
    mimetypes: ClassVar[list[str]] = ["text/x-guideline"]
    url = "docs/language.md"
    tokens: ClassVar[dict[str, list[tuple[str, object] | tuple[str, object, str]]]] = {"root": _rules()}
