"""Formatting, step 3: how each token is spelled and how much space goes between two tokens.

Consumes a token with the grammar rule it belongs to (`fmt_tree.TreeFacts.context`); produces its text.
Spelling is normalised only where the author's choice carries no meaning, that is where the checked IR keeps
the value and not the text (docs/language.md, sections 4 and 5):

- a band's bounds (the IR keeps a band's edges and writes its label from them): `660-679` -> `660..679`,
  money as `$` and grouped digits (`1.5M`, `$1500000` -> `$1,500,000`), whole numbers of five digits or more
  grouped by thousands and shorter ones not (`10000` -> `10,000`, `1,000` -> `1000`); the digits after a
  decimal point stay as written (`1.000..1.249` says the precision);
- `n/a` -> `N/A` (an N/A cell is `N/A` in the IR whichever way it is written);
- runs of spaces inside one token (`rounded  half  up`) -> one space.

Everywhere else a literal stays as written: the IR keeps its text (`cap max_loan_amount at 1.5M` says `1.5M` in
findings). Spacing: one space between tokens, none inside parentheses, before `,` and `:`, around `..`, after a
unary `-`, before a band's `+` (`740+`) and around `/` in `yes/no`.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from lark import Token

from compiler.syntax.literals import TooManyDigits, parse_decimal

NA = "NA"
STRING = "STRING"
_SPACES = re.compile(r"\s+")
_NO_SPACE_BEFORE = frozenset({"COMMA", "RPAR", "COLON"})
_NO_SPACE_AFTER = frozenset({"LPAR"})


def spell(tok: Token, context: str, bands: Collection[str]) -> str:
    """The canonical text of a token that belongs to the grammar rule `context`; `bands`: the band rules."""
    text = str(tok)
    if tok.type == STRING:
        return text
    if tok.type == NA:
        return "N/A"
    if context in bands:
        if text == "-":
            return ".."
        if tok.type == "MONEY":
            return _money(text)
        if tok.type == "NUMBER":
            return _number(text)
    return _SPACES.sub(" ", text)


def _money(text: str) -> str:
    try:
        value = parse_decimal(text)
    except (TooManyDigits, ArithmeticError, ValueError):
        return text
    if value == value.to_integral_value():
        return f"${int(value):,}"
    if text.rstrip().endswith(("M", "K")):
        return text
    whole, _, fraction = text.lstrip("$").replace(",", "").partition(".")
    return f"${int(whole):,}.{fraction}"


def _number(text: str) -> str:
    whole, dot, fraction = text.replace(",", "").partition(".")
    if not whole.isdigit():
        return text
    grouped = f"{int(whole):,}" if len(whole.lstrip("0") or "0") >= 5 else str(int(whole))
    return grouped + dot + fraction


def space(before: Token, before_context: str, after: Token, after_context: str, bands: Collection[str]) -> str:
    """The space between two tokens on one line, as spelled (`spell`)."""
    a, b = str(before), str(after)
    if after.type in _NO_SPACE_BEFORE or before.type in _NO_SPACE_AFTER:
        return ""
    if ".." in (a, b):
        return ""
    if b == "+" and after_context in bands:
        return ""
    if a == "-" and before_context == "neg":
        return ""
    if "/" in (a, b) and before_context == after_context == "t_yesno":
        return ""
    return " "

