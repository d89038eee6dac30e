"""Domains of derived values in generated Python (language.md section 3.4, "Domains").

After a value that may be invalid is computed, a few lines mark it: set to None and recorded in `inv` (value id ->
its value outside its domain, or None when it only reads an invalid value). The generated `values()` (over
`v['<id>']`) and `check_fast` (over locals `v_<id>`) write the same lines; `inv` is the `Facts.invalid` the
runtime's `decide` reads.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from compiler import ir
from compiler.backends.python.expr import band_test


def invalid_lines(val: ir.Value, ref: str, inherited: tuple[str, ...] | None, const: Callable[[Decimal], str]) -> list[str]:
    """The lines marking `val` (read as `ref`) invalid; none when it cannot be (`inherited` is None)."""
    if inherited is None:
        return []
    lines: list[str] = []
    keyword = "if"
    if inherited:
        lines += [f"if {any_invalid(inherited)}:  # it reads a value outside its domain",
                  f"    {ref} = None", f"    inv[{val.id!r}] = None"]
        keyword = "elif"
    if val.domain is not None:
        d = val.domain
        test = band_test(ref, (d.low, d.low_inclusive, d.high, d.high_inclusive),
                         val.type.kind in ("integer", "months", "days"), const)
        lines += [f"{keyword} {ref} is not None and not ({test}):  # outside its domain, {' '.join(d.label.split())}",
                  f"    inv[{val.id!r}] = {ref}", f"    {ref} = None"]
    return lines


def requirement_guard(text: str, names: tuple[str, ...]) -> str:
    """A requirement's result: not met (False) when it reads an invalid value (`names`: those it reads that may be)."""
    if not names:
        return text
    return f"(False if {any_invalid(names)} else {text})"


def any_invalid(names: tuple[str, ...]) -> str:
    """Whether one of the values `names` is recorded in `inv`: `in` for one (no method call), else `isdisjoint`."""
    return f"{names[0]!r} in inv" if len(names) == 1 else f"not inv.keys().isdisjoint({names!r})"
