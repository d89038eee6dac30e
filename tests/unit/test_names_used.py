"""`names.statement_names`: the `ast.Name` identifiers of each top-level statement, parsed a function at a time
and kept per function text, always the answer of one whole-module parse."""

from __future__ import annotations

import ast

import pytest

from compiler.backends.python import names
from compiler.backends.python.names import statement_names


def _whole(text: str) -> list[tuple[int | None, frozenset[str]]]:
    return [(n.lineno if isinstance(n, ast.FunctionDef) else None, frozenset(names.names(n))) for n in ast.parse(text).body]


MODULE = '''"""A module."""

import datetime as dt
from decimal import Decimal

_X = 1


def f(a: Decimal) -> int:
    return a.Decimal + _D0  # comment with _D1


def g():
    """def h() inside a docstring
def h():
    pass
"""
    return [_D2 for _D2 in dt.x] + k(_D3=1)
'''


def test_each_statement_names_as_a_whole_module_parse_gives_them(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(names, "_memo", {})
    assert statement_names(MODULE) == _whole(MODULE)
    found = dict(statement_names(MODULE))
    assert found[9] == {"Decimal", "int", "a", "_D0"} and found[13] == {"_D2", "dt", "k"}  # annotations count; attributes,
    # keywords, comments and strings do not


def test_a_cut_inside_a_string_falls_back_to_the_whole_module(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(names, "_memo", {})
    text = 'def f():\n    return """\ndef g():\n    return _D0\n"""\n'
    assert statement_names(text) == _whole(text) == [(1, frozenset())]
    assert not names._memo  # nothing kept from a failed cut


def test_unchanged_functions_are_not_parsed_again(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(names, "_memo", {})
    parsed: list[str] = []
    real = names._parsed

    def counted(text: str) -> list[tuple[int | None, frozenset[str]]]:
        parsed.append(text)
        return real(text)

    monkeypatch.setattr(names, "_parsed", counted)
    module = "import x\n\n\ndef f():\n    return _D0\n\n\ndef g():\n    return _D1\n"
    assert statement_names(module) == _whole(module)
    assert len(parsed) == 3  # the head and two functions
    changed = module.replace("_D0", "_D9")
    assert statement_names(changed) == _whole(changed)
    assert len(parsed) == 4 and "_D9" in parsed[-1]  # f again, not the head or g


def test_a_module_that_does_not_parse_raises_as_a_whole_parse_would() -> None:
    with pytest.raises(SyntaxError):
        statement_names("x = (\ndef f():\n    pass\n")
