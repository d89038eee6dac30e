"""Surely met: plain yes/no tests `check_fast` decides a rule's outcome with before any three-valued logic.

`met_when(e, x)` holds only when x's three-valued result is True (for the simple tests it is written for, exactly
then); `known_when(e, x)` lists tests that together hold only when every input x reads is known, when x's result
is then `met_when` itself. A rule tests the first, then the second (not met: it fails), and works its three-valued
outcome out only when an input is unknown (compiler/backends/python/fast_rules.py).
"""

from __future__ import annotations

import operator
from decimal import Decimal

from compiler import ir
from compiler.backends.python.expr import _OPERATOR, _SIMPLE, PyExpr
from compiler.runtime.values import NEVER


def _top_level(text: str, sep: str) -> list[str]:
    """`text` split at each `sep` outside brackets."""
    parts: list[str] = []
    depth = start = i = 0
    while i < len(text):
        ch = text[i]
        depth += ch in "([{"
        depth -= ch in ")]}"
        if depth == 0 and text.startswith(sep, i):
            parts.append(text[start:i])
            i += len(sep)
            start = i
            continue
        i += 1
    return [*parts, text[start:]]


def bracket(text: str) -> str:
    """`text` as one operand of `and`/`or`: as it is when it is a name or already one bracketed expression."""
    if _SIMPLE.fullmatch(text):
        return text
    if text.startswith("(") and text.endswith(")"):
        depth = 0
        for i, ch in enumerate(text):
            depth += ch in "([{"
            depth -= ch in ")]}"
            if depth == 0 and i < len(text) - 1:
                break
        else:
            return text
    return f"({text})"


def negation(text: str) -> str:
    """`not text`, without brackets around a name."""
    return f"not {bracket(text)}"


def known(unknown: str) -> str:
    """The negation of an unknown test `a is None or b is None` (each operand perhaps a walrus): `a is not None and
    b is not None`; `not (...)` when it is not of that form."""
    each = _top_level(unknown, " or ")
    if all(e.endswith(" is None") for e in each):
        return " and ".join(f"{e[:-len(' is None')]} is not None" for e in each)
    return f"not ({unknown})"



def met_when(e: PyExpr, x: ir.Expr) -> str | None:
    """A plain yes/no expression (never unknown, no call but those the expression itself makes) that holds only
    when x's three-valued result is True (for the simple tests it writes, exactly then): a rule tests it first,
    and works out its three-valued outcome only when it does not hold. None when there is no such cheap test."""
    if isinstance(x, ir.Or):  # any operand surely true
        parts = [m for o in x.operands if (m := met_when(e, o)) is not None]
        return " or ".join(bracket(m) for m in parts) if parts else None
    if isinstance(x, ir.And):  # every operand surely true
        each = [met_when(e, o) for o in x.operands]
        if any(m is None for m in each):
            return None
        both = " and ".join(bracket(m) for m in each)  # type: ignore[arg-type]
        seen = e.nothing_seen(x.operands, False)
        return f"({seen[0]}) or {bracket(both)}" if seen is not None and seen[1] else both
    if (isinstance(x, ir.Compare) and isinstance(x.left, ir.MonthsSinceLatest) and x.left in e.latest
            and isinstance(x.right, ir.Const) and isinstance(x.right.value, Decimal) and not x.no_score):
        name, group = e.latest[x.left]
        d = f"_t{e._temps}"
        e._temps += 1
        bound = x.right.value
        never = {"<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge, "=": operator.eq,
                 "!=": operator.ne}[x.op](NEVER, bound)
        since = e.between(x.left.type.kind)
        edge = str(int(bound)) if bound == bound.to_integral_value() else e.decimal(bound)
        as_of = f"loan.{x.left.as_of}"
        test = f"{since}({d}, {as_of}) {_OPERATOR[x.op]} {edge}"
        nv = e.const("rt.NEVER", "NEVER")
        scan = (f"(({d} := {name}[{group}]) is {nv} or ({d} is not None and {test}))" if never
                else f"({d} := {name}[{group}]) is not None and {d} is not {nv} and {test}")
        return f"{name} is not None and {as_of} is not None and {scan}"
    split = e.parts(x)
    if split is None:
        return None
    false, unknown, test = split
    return " and ".join([*([negation(false)] if false else []), *([known(unknown)] if unknown else []), test])

def known_when(e: PyExpr, x: ir.Expr) -> list[str] | None:
    """Plain yes/no tests that together hold only when every test x is made of is known (or surely not met on
    its own `not met when` part): then x's three-valued result is `met_when(x)`, a plain bool. None when some
    part of x has no such test."""
    if isinstance(x, (ir.And, ir.Or)):
        out: list[str] = []
        for o in x.operands:
            each = known_when(e, o)
            if each is None:
                return None
            out += [c for c in each if c not in out]
        return out
    split = None if isinstance(x, ir.Compare) and x.left in e.latest else e.parts(x)
    if split is None:
        return None
    false, unknown, _test = split
    if not unknown:
        return []
    return [f"{bracket(false)} or ({known(unknown)})" if false else known(unknown)]

def requirement_known(e: PyExpr, q: ir.Requirement) -> list[str] | None:
    """`known_when` of a requirement: of its test and every alternative's condition and test."""
    out: list[str] = []
    for x in (q.test, *(e for a in q.alternatives for e in (a.when, a.test))):
        each = known_when(e, x)
        if each is None:
            return None
        out += [c for c in each if c not in out]
    return out

def requirement_met(e: PyExpr, q: ir.Requirement) -> str | None:
    """`met_when` of a requirement: its test, or an alternative's condition and test, surely true."""
    ways = [met_when(e, q.test)]
    for a in q.alternatives:
        when, test = met_when(e, a.when), met_when(e, a.test)
        ways.append(None if when is None or test is None else f"{bracket(when)} and {bracket(test)}")
    known = [w for w in ways if w is not None]
    return " or ".join(bracket(w) for w in known) if known else None
