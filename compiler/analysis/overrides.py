"""W707: an `override` whose rule or matrix decides exactly what the base program's does.

Compared on what the checker uses (conditions, requirements, adjustments, conditions imposed, reviews;
a matrix's condition, limits, bands and cells), not on titles, citations, notes or source positions.
"""

from __future__ import annotations

from compiler import ir, ir_program
from compiler.analysis.facts import Emit, Warning_
from compiler.source import Span


def check_overrides(program: ir_program.Program, programs: dict[str, ir_program.Program], emit: Emit) -> None:
    base = programs.get(program.base) if program.base else None
    if base is None:
        return
    for rule in program.rules:
        if rule.overrides and rule.origin == program.id:
            old = next((x for x in base.rules if x.id == rule.id), None)
            if old is not None and _rule_key(old) == _rule_key(rule):
                emit(_warning("rule", rule.id, base.id, rule.span, rule.accepted))
    for m in program.matrices:
        if m.overrides and m.origin == program.id:
            old_m = next((x for x in base.matrices if x.id == m.id), None)
            if old_m is not None and _matrix_key(old_m) == _matrix_key(m):
                emit(_warning("matrix", m.id, base.id, m.span, m.accepted))


def _warning(kind: str, name: str, base: str, span: Span, accepted: tuple[ir.Accepted, ...]) -> Warning_:
    return Warning_(
        "W707",
        f"`override {kind} {name}` decides exactly what the {kind} of `{base}` does: the override changes nothing.",
        span,
        f"Remove the override (the {kind} is inherited as it is), or write the change it was meant to make.",
        (accepted,),
    )


def _rule_key(r: ir.Rule) -> object:
    return (r.when, r.requirements, r.adjustments, r.conditions, r.reviews)


def _axis_key(a: ir.Axis | None) -> object:
    if a is None:
        return None
    return (a.keys, tuple(tuple((e.low, e.low_inclusive, e.high, e.high_inclusive) if isinstance(e, ir.Band)
                                else frozenset(e.values) for e in line) for line in a.lines))


def _matrix_key(m: ir.Matrix) -> object:
    return (m.when, m.gives, _axis_key(m.rows), _axis_key(m.columns),
            tuple(tuple(c.limits for c in row) for row in m.cells))
