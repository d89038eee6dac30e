"""Whether a change of a program tightens or loosens its policy, where that can be decided.

`stricter` compares two conditions (a threshold moved, values taken from or added to a list, through `not`,
`and` and `or`); `requirement_effect` a requirement with its alternatives; `rule_effect` a whole rule added.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from typing import Literal

from compiler import ir

Effect = Literal["tightens", "loosens", ""]


def shape(x: object) -> object:
    """A requirement or expression with its constants blanked: two requirements of one shape differ by thresholds."""
    if isinstance(x, ir.Const):
        return ("const", x.type.kind)
    if isinstance(x, ir.InSet):
        return ("in", shape(x.operand), x.negated)
    if isinstance(x, tuple):
        return tuple(shape(i) for i in x)
    if dataclasses.is_dataclass(x) and not isinstance(x, type):
        return (type(x).__name__, *(shape(getattr(x, f.name)) for f in dataclasses.fields(x) if f.name not in ("span", "type")))
    return x


def stricter(a: ir.Expr, b: ir.Expr) -> Effect | None:
    """Whether condition `b` holds for fewer loans than `a` ('tightens'), more ('loosens'), or it cannot be told ('').

    None when the two are equal.
    """
    if a == b:
        return None
    if isinstance(a, ir.Compare) and isinstance(b, ir.Compare) and a.op == b.op and a.left == b.left \
            and isinstance(a.right, ir.Const) and isinstance(b.right, ir.Const) \
            and isinstance(a.right.value, Decimal) and isinstance(b.right.value, Decimal):
        up = b.right.value > a.right.value
        if a.op in (">=", ">"):
            return "tightens" if up else "loosens"
        if a.op in ("<=", "<"):
            return "loosens" if up else "tightens"
        return ""
    if isinstance(a, ir.InSet) and isinstance(b, ir.InSet) and a.operand == b.operand and a.negated == b.negated:
        fewer = set(b.values) < set(a.values)
        more = set(b.values) > set(a.values)
        if not (fewer or more):
            return ""
        return "tightens" if fewer != a.negated else "loosens"
    if isinstance(a, ir.Not) and isinstance(b, ir.Not):
        inner = stricter(a.operand, b.operand)
        return "loosens" if inner == "tightens" else "tightens" if inner == "loosens" else inner
    if isinstance(a, (ir.And, ir.Or)) and isinstance(b, (ir.And, ir.Or)) and type(a) is type(b) \
            and len(a.operands) == len(b.operands):
        return _combine([stricter(x, y) for x, y in zip(a.operands, b.operands, strict=True)])
    return ""


def _combine(effects: list[Effect | None]) -> Effect | None:
    seen: set[Effect] = {e for e in effects if e is not None}
    if not seen:
        return None
    if len(seen) == 1:
        return seen.pop()
    return ""


def requirement_effect(a: ir.Requirement, b: ir.Requirement) -> Effect:
    """A requirement passes when its test holds or an alternative (test and condition) does."""
    parts = [stricter(a.test, b.test)]
    if len(a.alternatives) == len(b.alternatives):
        for x, y in zip(a.alternatives, b.alternatives, strict=True):
            parts.append(_combine([stricter(x.test, y.test), stricter(x.when, y.when)]))
    elif set(b.alternatives) < set(a.alternatives):
        parts.append("tightens")  # alternatives taken away
    elif set(b.alternatives) > set(a.alternatives):
        parts.append("loosens")  # alternatives added
    else:
        parts.append("")
    return _combine(parts) or ""


def when_effect(a: ir.Expr | None, b: ir.Expr | None) -> Effect:
    # A rule's condition says when it applies; whether applying more often tightens depends on what it does.
    return ""


def rule_effect(r: ir.Rule) -> Effect:
    """What having this rule does compared with not having it."""
    return "tightens" if r.requirements or r.adjustments or r.conditions else ""
