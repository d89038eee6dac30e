"""Data to check first: a finding that fails because a derived value cannot be computed (a quotient over a
denominator of zero or less) or is outside its domain (docs/language.md 3.4, "Domains").

No change of the loan's other fields is the fix for such a loan: the data it gives is most likely wrong (a PITIA of
$0/month, excluded deposits above total deposits). `glc explain` says which field to check before it suggests any
change ("PITIA is $0/month: DSCR cannot be computed; check PITIA").
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal

from compiler import ir
from compiler.evaluate import Env, ev
from compiler.ir_types import Type
from compiler.runtime.values import Undefined
from compiler.tools.explain_result import Check
from compiler.tools.explain_search import Explainer
from compiler.wording import fmt_amount


def checks(ex: Explainer, nodes: Iterable[object]) -> tuple[Check, ...]:
    """The data to check for the finding made of `nodes`: one check per root cause (a denominator of zero or less,
    a value outside its domain) among the values it reads, directly or through other values, in first-use order."""
    invalid = ex.base.facts.invalid or {}
    causes: dict[str, tuple[str, list[str], tuple[str, ...]]] = {}  # cause -> (what it makes, values, fields)
    for name in ex.names(nodes):
        why = invalid.get(name)
        value = ex.program.value(name)
        if why is None or value is None:  # valid, or invalid only through a value it reads (itself a cause)
            continue
        if isinstance(why, Undefined):
            subject, amount, fields = _divisor(ex, why, value)
            cause, makes = f"{subject} is {amount}", "cannot be computed"
        else:
            band = value.domain.label if value.domain is not None else ""
            cause, makes = f"{value.title} is {_amount(why, value.type)}, outside its domain ({band})", ""
            fields = _known_amounts(ex, [value.body])
        causes.setdefault(cause, (makes, [], fields))[1].append(value.title)
    out = []
    for cause, (makes, values, fields) in causes.items():
        check = _join_and([ex.fields[f].title for f in fields]) or "the loan's data"
        said = f"{cause}: {_join_and(values)} {makes}" if makes else cause
        out.append(Check(fields, tuple(values), f"{said}; check {check}"))
    return tuple(out)


def _join_and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1] if items else ""


def _divisor(ex: Explainer, why: Undefined, value: ir.Value) -> tuple[str, str, tuple[str, ...]]:
    """What the value divides by, its amount, and the loan fields to check for it."""
    if why.name in ex.fields:
        f = ex.fields[why.name]
        return f.title, fmt_amount(why.value, f.type.kind, f.type.unit), (why.name,)
    divisor = ex.program.value(why.name)
    if divisor is not None:
        body: list[object] = [divisor.body]
        zero_first = not any(isinstance(n, ir.Neg) or (isinstance(n, ir.Arith) and n.op == "-")
                             for name in [divisor.id, *ex.names(body)] if (v := ex.program.value(name)) is not None
                             for n in ir.walk(v.body))
        return divisor.title, _amount(why.value, divisor.type), _known_amounts(ex, body, zero_first)
    quotients: list[object] = [d.denominator for d in ir.find_all(value.body, ir.DivRound)]
    return "The divisor", fmt_amount(why.value, "number", ""), _known_amounts(ex, quotients or [value.body])


def _amount(x: object, t: Type) -> str:
    return fmt_amount(x, t.kind, t.unit) if isinstance(x, Decimal) else str(x)


def _known_amounts(ex: Explainer, nodes: Sequence[object], zero_first: bool = False) -> tuple[str, ...]:
    """The loan's amounts (numbers it gives) that `nodes` read, through derived values, on the branches of an `if`
    the loan takes (an income by personal statements is no business's ownership share): the data behind them.
    `zero_first`: only those of zero or less, when there are such (a divisor of $0 that nothing subtracts from:
    the appraised value of $0 under a purchase price, not the price)."""
    env = Env(ex.base.facts.loan, ex.program, dict(ex.base.facts.values))
    out: dict[str, None] = {}
    stack = list(reversed(nodes))
    while stack:
        node = stack.pop()
        if isinstance(node, ir.IfThenElse):
            taken = ev(node.cond, env)
            branches = [node.then] if taken is True else [node.otherwise] if taken is False else [node.then, node.otherwise]
            stack += reversed([node.cond, *branches])
            continue
        if isinstance(node, ir.ValueRef) and (value := ex.program.value(node.name)) is not None:
            stack.append(value.body)
            continue
        if isinstance(node, ir.FieldRef):
            out.setdefault(node.name, None)
        stack += reversed(list(ir.children(node)))
    amounts = [n for n in out if n in ex.fields and not ex.fields[n].no_score_of
               and ex.fields[n].type.kind not in ("yesno", "enum", "date") and ex.now(n) is not None]
    if not zero_first:
        return tuple(amounts)
    nothing = [n for n in amounts if isinstance(got := ex.now(n), Decimal) and got <= 0]
    return tuple(nothing or amounts)
