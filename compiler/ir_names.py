"""Compile-time facts about names in the checked IR, beside `ir.reads`: what a value cannot do without
(`needs`, for the fields a Decision asks for) and which derived values may be invalid (`invalid_from`, for
domains: language.md section 3.4). Shared by the runtime metadata, the back ends and the reference evaluator,
as `ir.reads` is.
"""

from __future__ import annotations

from collections.abc import Iterable

from compiler.ir import Default, DivRound, IsKnown, Value, children, reads
from compiler.ir_walk import walk


def needs(node: object) -> tuple[str, ...]:
    """The names of `reads(node)` that `node` cannot do without: what the operand of a `default` (whose fallback
    stands in) or of an `is known` (never unknown itself) reads is left out, unless read elsewhere too."""
    used: set[str] = set()
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, IsKnown):
            continue
        for name in getattr(type(current), "READS", ()):
            used.add(getattr(current, name))
        stack.extend((current.fallback,) if isinstance(current, Default) else children(current))
    return tuple(name for name in reads(node) if name in used)


def invalid_from(values: Iterable[Value]) -> dict[str, tuple[str, ...]]:
    """The values that may be invalid (language.md section 3.4, "Domains"), each with the values it reads that may
    be: a value is invalid when it is outside its `domain:`, or when it reads (directly) a value that is invalid.
    A value that divides is invalid when it divides by zero or less (`divides`). Values come in declaration order
    (a value reads only values declared before it)."""
    out: dict[str, tuple[str, ...]] = {}
    for v in values:
        inherited = tuple(name for name in reads(v.body) if name in out)
        if inherited or v.domain is not None or divides(v.body):
            out[v.id] = inherited
    return out


def divides(node: object) -> bool:
    """Whether `node` holds a division (a quotient over a non-positive denominator is undefined, language.md 3.4)."""
    return any(isinstance(n, DivRound) for n in walk(node))
