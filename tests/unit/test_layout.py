"""The layout of generated Python: long lines broken readably, the program unchanged."""

from __future__ import annotations

import ast
import tokenize

import pytest

from compiler.backends.python.layout import WIDTH, wrap


def _same_program(before: str, after: str) -> None:
    assert ast.dump(ast.parse(before)) == ast.dump(ast.parse(after))
    assert all(len(line) <= WIDTH for line in after.splitlines()), after


def test_a_short_module_is_unchanged() -> None:
    text = "x = f(1, 2)  # short\n"
    assert wrap(text) is text


def test_a_call_breaks_one_argument_per_line_and_a_conditional_one_else_per_line() -> None:
    cond = "(None if a is None else " + " else ".join(f"{i} if a <= {i * 1000} " for i in range(9)) + " else -1)"
    text = f"def f(a):\n    return g({cond}, {'b' * 60}, 'mode')  # why\n"
    out = wrap(text)
    _same_program(text, out)
    lines = out.splitlines()
    assert lines[1] == "    # why" and lines[2] == "    return g("
    assert any(line.strip().startswith("else 3 if a <= 3000") for line in lines)
    assert lines[-1] == "    )"


def test_a_long_string_becomes_adjacent_strings_with_the_same_value() -> None:
    words = " ".join(f"word{i}" for i in range(60))
    text = f"X = f(\n    text={words!r},\n)\n"
    out = wrap(text)
    _same_program(text, out)
    assert out.count("'word") > 1


def test_a_long_docstring_line_and_comment_are_rewrapped_at_words() -> None:
    prose = " ".join(["lorem ipsum"] * 20)
    text = f'"""{prose}."""\n\n# {prose}\nx = 1\n'
    out = wrap(text)
    assert ast.parse(out).body[1:] and all(len(line) <= WIDTH for line in out.splitlines())
    assert " ".join(out.split('"""')[1].split()) == prose + "."


def test_a_long_line_is_laid_out_once_per_process_and_the_same_each_time(monkeypatch: pytest.MonkeyPatch) -> None:
    from compiler.backends.python import layout

    calls: list[str] = []
    real = layout._break

    def counted(line: str, row: list[tokenize.TokenInfo], inside: bool) -> list[str]:
        calls.append(line)
        return real(line, row, inside)

    monkeypatch.setattr(layout, "_break", counted)
    monkeypatch.setattr(layout, "_memo", {})
    args = ", ".join(f"argument_{i}" for i in range(20))
    text = f"def f():\n    return g({args})\n\n\ndef h():\n    return g({args})\n"
    out = wrap(text)
    _same_program(text, out)
    assert len(calls) == 1  # the two identical lines: broken once
    assert wrap(text) == out and len(calls) == 1
    inside = f"x = [\n    g({args}),\n]\n"  # the same text inside brackets is its own entry
    _same_program(inside, wrap(inside))
    assert len(calls) == 2
