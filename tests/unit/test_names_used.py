"""`names.statement_names`: which wanted names each top-level statement uses as `ast.Name`s, found a function at a
time (from its bytecode where that tells) and kept per function text, always the answer of one whole-module parse."""

from __future__ import annotations

import ast

import pytest

from compiler.backends.python import names
from compiler.backends.python.names import statement_names


def _whole(text: str, wanted: frozenset[str]) -> list[tuple[int | None, frozenset[str]]]:
    return [(n.lineno if isinstance(n, ast.FunctionDef) else None, frozenset(names.names(n)) & wanted)
            for n in ast.parse(text).body]


EVERY = frozenset({"Decimal", "dt", "int", "a", "k", "x", "_X", "_D0", "_D1", "_D2", "_D3", "_D9", "f", "g", "h"})


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
    assert statement_names(MODULE, EVERY) == _whole(MODULE, EVERY)
    found = dict(statement_names(MODULE, EVERY))
    assert found[9] == {"Decimal", "int", "a", "_D0"} and found[13] == {"_D2", "dt", "k"}  # annotations count; attributes,
    # keywords, comments and strings do not


def test_a_cut_inside_a_string_falls_back_to_the_whole_module(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(names, "_memo", {})
    text = 'def f():\n    return """\ndef g():\n    return _D0\n"""\n'
    assert statement_names(text, EVERY) == _whole(text, EVERY) == [(1, frozenset())]
    assert not names._memo  # nothing kept from a failed cut


def test_unchanged_functions_are_not_parsed_again(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(names, "_memo", {})
    parsed: list[str] = []
    real = names._looked_at

    def counted(text: str) -> object:
        parsed.append(text)
        return real(text)

    monkeypatch.setattr(names, "_looked_at", counted)
    module = "import x\n\n\ndef f():\n    return _D0\n\n\ndef g():\n    return _D1\n"
    assert statement_names(module, EVERY) == _whole(module, EVERY)
    assert len(parsed) == 3  # the head and two functions
    changed = module.replace("_D0", "_D9")
    assert statement_names(changed, EVERY) == _whole(changed, EVERY)
    assert len(parsed) == 4 and "_D9" in parsed[-1]  # f again, not the head or g


def test_a_module_that_does_not_parse_raises_as_a_whole_parse_would() -> None:
    with pytest.raises(SyntaxError):
        statement_names("x = (\ndef f():\n    pass\n", EVERY)


# Functions whose bytecode alone would mislead: a wanted name only in a string, a comment, a keyword argument, an
# attribute, a parameter, a local, a local annotation, dead code, a nested class's method, the function's own name,
# an import, a `global` line; spelled with a character Python normalises; used in a default or an annotation.
TRICKY = [
    "def f():\n    return 'Decimal _D0'  # dt\n",
    "def f():\n    return g(_D0=1, dt=2)\n",
    "def f(x):\n    return x.Decimal + x._D0\n",
    "def f(_D0, *dt, **Decimal):\n    return 1\n",
    "def f():\n    _D0 = 1\n    return _D0\n",
    "def f():\n    v: Decimal = 1\n    return v\n",
    "def f():\n    if False:\n        return _D0\n    return 1\n",
    "def f():\n    class C:\n        def _D0(self):\n            return dt\n    return C\n",
    "def _D0():\n    return _D0()\n",
    "def _D1():\n    return 1\n",
    "def f():\n    import datetime as dt\n    return dt\n",
    "def f():\n    global _D0\n    return 1\n",
    "def f():\n    global _D0\n    _D0 = 2\n",
    "def f():\n    return \uff24ecimal\n",  # a full-width D: the name Decimal
    "def f(x=_D0, y: Decimal = dt.date) -> _D1:\n    return [_D2 for _D3 in x]\n",
    "def f():\n    return lambda dt: dt + _D0\n",
    "def f():\n    try:\n        pass\n    except E as _D0:\n        pass\n",
    "def f():\n    return (_D0 := 1)\n",
    "def f():\n    del _D0\n",
    "def f():\n    \"\"\"Decimal\n_D0 at column 0 in a docstring\"\"\"\n    return Decimal\n",
    "def f():\n    v: Decimal | None = None\n    w: list[dt.date] = []\n    return v, w\n",
    "def f():\n    v: 'Decimal' = 1\n    w: g(_D0=1) = 2\n    x: h(a=_D1) == 3\n    return v\n",
    "def f():\n    \"\"\"Notes:\n    v: Decimal in a docstring\"\"\"\n    return 1\n",
    "def f():\n    d = {\n        k: Decimal,\n        j: lambda _D0: 1,\n    }\n    return d\n",
    "def f():\n    v: int = g(Decimal=1)  # w: _D0\n    return v\n",
]


@pytest.mark.parametrize("module", TRICKY)
def test_what_the_bytecode_cannot_tell_is_parsed(module: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(names, "_memo", {})
    wanted = frozenset({"Decimal", "dt", "_D0", "_D1", "_D2", "_D3", "x", "v", "f", "E"})
    text = f"import x\n\n\n{module}\n\ndef g():\n    return _D1 + Decimal\n"
    assert statement_names(text, wanted) == _whole(text, wanted)
    assert statement_names(text, wanted) == _whole(text, wanted)  # and again, from what was kept


@pytest.mark.parametrize("body", ["    best: Decimal | None = None\n    return dt.date(2020, 1, 1)\n",
                                  "    return loan.x >= _D0 and dt.date(2020, 1, 1) or Decimal(1)  # §2.1 × 3\n"])
def test_a_plain_function_is_read_from_its_bytecode(body: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(names, "_memo", {})
    parsed: list[str] = []
    real = names._parsed

    def counted(text: str) -> list[tuple[int | None, frozenset[str]]]:
        parsed.append(text)
        return real(text)

    monkeypatch.setattr(names, "_parsed", counted)
    text = "def f(loan):\n" + body
    wanted = frozenset({"_D0", "dt", "Decimal", "_D9"})
    assert statement_names(text, wanted) == _whole(text, wanted)
    assert parsed == []  # a local annotation included: never compiled, read from the text
