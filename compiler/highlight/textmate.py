"""The TextMate grammar for guideline files (VS Code and other editors), made from the grammar's terminals
(`grammar_terms`) like the Pygments lexer, so neither can drift from the language (tests/unit/test_highlight.py
compares the committed file with what this module makes).

Regenerate editors/vscode/syntaxes/guideline.tmLanguage.json after changing grammar/guideline.lark with

    python -m compiler.highlight.textmate
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

from compiler.files import write_text
from compiler.highlight.grammar_terms import grammar_terms
from compiler.highlight.lexer import PUNCTUATION, keyword_regex

OUTPUT = Path("editors/vscode/syntaxes/guideline.tmLanguage.json")
SCOPE = "source.guideline"

# the TextMate scope of each named terminal (the Pygments lexer's KINDS, in TextMate's vocabulary)
SCOPES = {
    "COMMENT": "comment.line.number-sign",
    "STRING": "string.quoted.double",
    "DATE": "constant.other.date",
    "HISTORY": "constant.other.housing-history",
    "PERCENT": "constant.numeric.percent",
    "MONEY": "constant.numeric.money",
    "NUMBER": "constant.numeric",
    "NA": "constant.language.not-available",
    "ROUNDING": "keyword.other.rounding",
    "NOTE_ITEM": "keyword.other.note",
    "NAME": "variable.other",
}
FIRST = ("COMMENT", "STRING")


def _rule(scope: str, match: str) -> dict[str, Any]:
    return {"name": f"{scope}.guideline", "match": match}


def textmate_grammar() -> dict[str, Any]:
    """The grammar as a JSON-ready dictionary: one repository entry per kind of token, in the lexer's order."""
    terms = grammar_terms()
    patterns = dict(terms.patterns)
    repository: dict[str, Any] = {}
    order: list[str] = []

    def add(key: str, rule: dict[str, Any]) -> None:
        repository[key] = rule
        order.append(key)

    for name in FIRST:
        if name in patterns:
            add(name.lower(), _rule(SCOPES[name], patterns[name]))
    rest = [(n, r) for n, r in terms.patterns if n not in FIRST]
    for name, regex in rest:
        if name not in ("NAME", "NUMBER"):
            add(name.lower(), _rule(SCOPES.get(name, "constant.other"), regex))
    add("keyword", _rule("keyword.other", keyword_regex(terms.keywords)))
    add("attribute", {"match": r"([A-Za-z_][A-Za-z0-9_]*)[\t \f]*(:)",
                      "captures": {"1": {"name": "entity.other.attribute-name.guideline"},
                                   "2": {"name": "punctuation.separator.key-value.guideline"}}})
    for name, regex in rest:
        if name in ("NAME", "NUMBER"):
            add(name.lower(), _rule(SCOPES[name], regex))
    operators = [s for s in terms.symbols if s not in PUNCTUATION]
    add("operator", _rule("keyword.operator", "|".join(re.escape(s) for s in operators)))
    add("punctuation", _rule("punctuation.separator", "|".join(re.escape(s) for s in sorted(PUNCTUATION & set(terms.symbols)))))
    return {
        "$schema": "https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json",
        "name": "Guideline",
        "scopeName": SCOPE,
        "fileTypes": ["guideline", "fields", "portfolio"],
        "comment": "Generated from grammar/guideline.lark by `python -m compiler.highlight.textmate`; do not edit.",
        "patterns": [{"include": f"#{key}"} for key in order],
        "repository": repository,
    }


def textmate_json() -> str:
    return json.dumps(textmate_grammar(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    write_text(Path(sys.argv[1]) if len(sys.argv) > 1 else OUTPUT, textmate_json())
