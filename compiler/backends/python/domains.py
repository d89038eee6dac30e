"""Domains of derived values in generated Python (language.md section 3.4, "Domains").

After a value that may be invalid is computed, a few lines mark it: set to None and recorded in `inv` (value id ->
its value outside its domain, or None when it only reads an invalid value). The generated `values()` (over
`v['<id>']`) and `check_fast` (over locals `v_<id>`) write the same lines; `inv` is the `Facts.invalid` the
runtime's `decide` reads.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal

from compiler import ir, ir_names
from compiler.backends.python.bands import band_test

_NAME = re.compile(r"loan\.\w+|v\['\w+'\]|v_\w+")  # a field or derived value: cheap to read twice
# one denominator tested inline (`undefined` with `const`): Undefined exactly when it is known and not above zero
_ONE_DIVISOR = re.compile(r"\(None if (\S+) is None or \1 > (\S+) else rt\.divisor\(\1, '\w*'\)\)")


def invalid_lines(val: ir.Value, ref: str, inherited: tuple[str, ...] | None, const: Callable[[Decimal], str],
                  emit: Callable[[ir.Expr], str], flags: bool = False) -> list[str]:
    """The lines marking `val` (read as `ref`) invalid; none when it cannot be (`inherited` is None). With `flags`
    (check_fast), a yes/no local `i_<id>` marks it, in place of an entry in `inv`."""
    if inherited is None:
        return []
    if flags:  # one test: each reason marks it alike
        reasons: list[str] = []
        if inherited:
            reasons.append(any_invalid(inherited, flags))
        why = None if isinstance(val.body, ir.Lookup) else _gated(val.body, emit, const)
        if why is not None and (one := _ONE_DIVISOR.fullmatch(why)):  # rt.divisor gives one exactly then
            reasons.append(f"({one.group(1)} is not None and not ({one.group(1)} > {one.group(2)}))")
        elif why is not None:
            reasons.append(f"{why} is not None")
        if val.domain is not None:
            d = val.domain
            test = band_test(ref, (d.low, d.low_inclusive, d.high, d.high_inclusive),
                             val.type.kind in ("integer", "months", "days"), const)
            reasons.append(f"({ref} is not None and not ({test}))")
        return [f"if {' or '.join(reasons)}:  # it reads an invalid value, divides by zero or less, or is outside its "
                "domain", f"    i_{val.id} = True", f"    {ref} = None"] if reasons else []

    def mark(what: str) -> str:
        return f"    inv[{val.id!r}] = {what}"

    lines: list[str] = []
    keyword = "if"
    if inherited:
        lines += [f"if {any_invalid(inherited, flags)}:  # it reads a value outside its domain",
                  f"    {ref} = None", mark("None")]
        keyword = "elif"
    why = None if isinstance(val.body, ir.Lookup) else undefined(val.body, emit)
    if why is not None:
        lines += [f"{keyword} (_undefined := {why}) is not None:  # it divides by zero or less: undefined",
                  mark("_undefined"), f"    {ref} = None"]
        keyword = "elif"
    if val.domain is not None:
        d = val.domain
        test = band_test(ref, (d.low, d.low_inclusive, d.high, d.high_inclusive),
                         val.type.kind in ("integer", "months", "days"), const)
        lines += [f"{keyword} {ref} is not None and not ({test}):  # outside its domain, {' '.join(d.label.split())}",
                  mark(ref), f"    {ref} = None"]
    return lines


def requirement_guard(text: str, names: tuple[str, ...], flags: bool = False) -> str:
    """A requirement's result: not met (False) when it reads an invalid value (`names`: those it reads that may be)."""
    if not names:
        return text
    return f"(False if {any_invalid(names, flags)} else {text})"


def undefined(x: object, emit: Callable[[ir.Expr], str], const: Callable[[Decimal], str] | None = None) -> str | None:
    """Python giving `rt.Undefined` for the first division `x` takes whose denominator is known and zero or negative
    (language.md 3.4), else None (as the reference evaluator's `undefined`); None when `x` does not divide.
    With `const` (the module constant of a Decimal: check_fast), a denominator read as a name is tested inline
    against a zero of its own type, `rt.divisor` called only when it is zero or less."""
    if not ir_names.divides(x):
        return None
    if isinstance(x, ir.DivRound):
        name = x.denominator.name if isinstance(x.denominator, (ir.FieldRef, ir.ValueRef)) else ""
        d = emit(x.denominator)
        if const is not None and _NAME.fullmatch(d):
            integer = x.denominator.type.kind in ("integer", "months", "days")
            zero = "0" if integer else const(Decimal(0))
            parts = [f"(None if {d} is None or {d} > {zero} else rt.divisor({d}, {name!r}))"]
        else:
            parts = [f"rt.divisor({d}, {name!r})"]
        parts += [p for p in (undefined(x.numerator, emit, const), undefined(x.denominator, emit, const))
                  if p is not None]
        return parts[0] if len(parts) == 1 else f"({' or '.join(parts)})"
    if isinstance(x, ir.IfThenElse):
        a, b = undefined(x.then, emit, const), undefined(x.otherwise, emit, const)
        c = _bracketed(emit(x.cond))
        if b is None:
            return f"({a} if {c} is True else None)"
        if a is None:
            return f"({b} if {c} is False else None)"
        # read once: `_cond` is tested again before `b` is computed, so a nested `if` reusing the name is harmless
        return f"({a} if (_cond := {c}) is True else {b} if _cond is False else None)"
    if isinstance(x, ir.Default):
        first, other = undefined(x.operand, emit, const), undefined(x.fallback, emit, const)
        fallback = f"({other} if {_bracketed(emit(x.operand))} is None else None)" if other is not None else None
        parts = [p for p in (first, fallback) if p is not None]
        return parts[0] if len(parts) == 1 else f"({' or '.join(parts)})"
    parts = [p for child in ir.children(x) if (p := undefined(child, emit, const)) is not None]
    return parts[0] if len(parts) == 1 else f"({' or '.join(parts)})"


def _gated(x: object, emit: Callable[[ir.Expr], str], const: Callable[[Decimal], str]) -> str | None:
    """`undefined(x)` for check_fast: each denominator read as a name tested inline; and when all of x's divisions
    share that one denominator, the branches taken worked out again only when it is zero or less (nothing else
    makes x undefined)."""
    divisions = list(ir.find_all(x, ir.DivRound))
    texts = {emit(n.denominator) for n in divisions}
    if isinstance(x, ir.DivRound) or len(texts) != 1 or not _NAME.fullmatch(d := next(iter(texts))):
        return undefined(x, emit, const)
    why = undefined(x, emit)
    if why is None:
        return None
    integer = divisions[0].denominator.type.kind in ("integer", "months", "days")
    zero = "0" if integer else const(Decimal(0))
    return f"(None if {d} is None or {d} > {zero} else {why})"


def _bracketed(text: str) -> str:
    """`text` as one bracketed expression: as it is when it already is one, else in brackets."""
    if text.startswith("(") and text.endswith(")"):
        depth = 0
        for i, ch in enumerate(text):
            depth += ch == "("
            depth -= ch == ")"
            if depth == 0 and i < len(text) - 1:
                break
        else:
            return text
    return f"({text})"


def any_invalid(names: tuple[str, ...], flags: bool = False) -> str:
    """Whether one of the values `names` is recorded in `inv` (a truth test): `in` for one (no method call), else
    `isdisjoint`, after the cheap test that `inv` is not empty (as it is for most loans). With `flags` (check_fast):
    whether one of their `i_<id>` locals is set."""
    if flags:
        return f"i_{names[0]}" if len(names) == 1 else "(" + " or ".join(f"i_{n}" for n in names) + ")"
    return f"{names[0]!r} in inv" if len(names) == 1 else f"(inv and not inv.keys().isdisjoint({names!r}))"
