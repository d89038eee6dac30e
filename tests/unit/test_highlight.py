"""Highlighting: the Pygments lexer (`guideline`) and the TextMate grammar are made from the grammar and cannot
drift from it; the lexer splits every file of the repository into the tokens the compiler's own lexer reads."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from pygments.lexers import get_lexer_by_name, get_lexer_for_filename
from pygments.token import Comment, Error, Keyword, Name, Number, String, Whitespace

from compiler.highlight.lexer import GuidelineLexer
from compiler.highlight.textmate import OUTPUT, textmate_json
from compiler.syntax.parse import parser

ROOT = Path(__file__).resolve().parents[2]
GRAMMAR = ROOT / "grammar" / "guideline.lark"
TEXTMATE = ROOT / OUTPUT
FILES = sorted(p for folder in ("programs", "tests/cases/accepted", "tests/cases/warnings") for p in (ROOT / folder).rglob("*")
               if p.suffix in (".guideline", ".fields", ".portfolio"))


def grammar_keywords() -> set[str]:
    """Read here without Lark: every quoted word of the grammar's rules and terminals (comments left out)."""
    text = "\n".join(line.split("//")[0] for line in GRAMMAR.read_text(encoding="utf-8").splitlines())
    return set(re.findall(r'"([A-Za-z_]+)"', text))


def test_the_grammar_has_keywords() -> None:
    assert {"rule", "matrix", "require", "allow", "when", "yes", "no", "override"} <= grammar_keywords()


def test_pygments_keywords_are_the_grammars() -> None:
    lexer = GuidelineLexer()
    for word in sorted(grammar_keywords()):
        [(kind, text), *_] = list(lexer.get_tokens(word))
        assert (kind, text) == (Keyword, word), word
    assert next(iter(lexer.get_tokens("ficco"))) == (Name, "ficco")


def test_textmate_keywords_are_the_grammars() -> None:
    grammar = json.loads(TEXTMATE.read_text(encoding="utf-8"))
    match = grammar["repository"]["keyword"]["match"]
    alternatives = re.search(r"\(\?:(.*?)\)", match)
    assert alternatives is not None
    assert set(alternatives.group(1).split("|")) == grammar_keywords()


def test_the_textmate_file_is_what_the_grammar_makes() -> None:
    assert TEXTMATE.read_text(encoding="utf-8") == textmate_json(), (
        f"{OUTPUT} is stale: regenerate it with `python -m compiler.highlight.textmate`")


def test_registered_as_guideline() -> None:
    """The entry point in pyproject.toml (pygments.lexers), which pymdownx.highlight looks up for ```guideline."""
    assert isinstance(get_lexer_by_name("guideline"), GuidelineLexer)
    assert isinstance(get_lexer_for_filename("keystone_bank_statement.guideline"), GuidelineLexer)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_tokens_are_the_compilers(path: Path) -> None:
    """Literals, keywords and names come out of the lexer as the compiler reads them: the same texts in the same
    order (comments and line breaks aside), none an error."""
    text = path.read_text(encoding="utf-8")
    tokens = list(GuidelineLexer().get_tokens(text))
    assert not [t for t in tokens if t[0] is Error]
    ours = [value for kind, value in tokens if value.strip() and kind not in Comment and kind is not Whitespace]
    compilers = [str(t) for t in parser().lex(text) if t.type != "_NL"]
    assert ours == compilers


def test_token_kinds() -> None:
    line = 'require fico >= 660 and dti <= 45.5% and loan_amount < $1,000,000 when application_date >= 2026-01-01  # x\n'
    kinds = {value: kind for kind, value in GuidelineLexer().get_tokens(line) if value.strip()}
    assert kinds["require"] is Keyword and kinds["and"] is Keyword and kinds["fico"] is Name
    assert kinds["660"] in Number and kinds["45.5%"] in Number and kinds["$1,000,000"] in Number
    assert kinds["# x"] in Comment
    assert list(GuidelineLexer().get_tokens('cite "§4.1, p. 8"'))[2] == (String.Double, '"§4.1, p. 8"')
