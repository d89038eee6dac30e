"""W704, and W705/W706 for matrices: matrices and bands no eligible loan can reach.

From the outside: every eligible loan meets every requirement (`not when or require`). A matrix whose
`when` no such loan meets never applies (W705); a row or column band no such loan the matrix applies to
can fall in is dead (W704); when no band of an axis can be reached, every loan the matrix applies to is
declined, so the matrix and the rules contradict each other (W706).
"""

from __future__ import annotations

from compiler import ir
from compiler.analysis.facts import Emit, Facts, Req, Warning_, axis_boxes, axis_title
from compiler.analysis.region import Box, Region, TooBig, search
from compiler.source import Span
from compiler.wording import describe, describe_requirement


def culprit(start: list[Region], facts: Facts, exclude: tuple[str, ...] = ()) -> Req | None:
    """A single requirement that, on its own, excludes `start` (None when `start` is empty by itself)."""
    try:
        if search(start, facts.domain) is None:
            return None
    except TooBig:
        return None
    for q in facts.reqs:
        if q.rule.id in exclude:
            continue
        try:
            if search([*start, q.over], facts.domain) is None:
                return q
        except TooBig:
            continue
    return None


def because(q: Req | None, facts: Facts, start: list[Region] | None = None) -> str:
    if q is None:
        try:
            if start is not None and search(start, facts.domain) is None:
                return "the condition can never hold (the values it asks for are outside the fields' ranges)"
        except TooBig:
            pass
        return "the program's requirements together exclude it"
    cond = f" when {describe(q.rule.when, facts.titles())}" if q.rule.when is not None else ""
    return f"rule `{q.rule.id}` requires {describe_requirement(q.req, facts.titles())}{cond}"


def check_matrix_reach(m: ir.Matrix, facts: Facts, emit: Emit) -> None:
    r = facts.regions
    ctx = facts.context_over()
    when = r.over(m.when)
    try:
        if search([when, *ctx], facts.domain) is None:
            emit(Warning_(
                "W705",
                f"Matrix `{m.id}` never applies: no loan the program's rules allow meets its condition "
                f"({describe(m.when, facts.titles()) if m.when is not None else 'every loan'}): "
                f"{because(culprit([when], facts), facts, [when])}.",
                m.when.span if m.when is not None else m.span,
                "Remove the matrix (`drop matrix` in a variant) or correct its `when`; if it stays for reference, add "
                "`accept warning W705 because \"...\"` to the matrix.",
                (m.accepted,),
            ))
            return
    except TooBig:
        return
    for axis, boxes in axis_boxes(m, facts.domain):
        dead: list[tuple[str, Span, Box]] = []
        for line, label, box in zip(axis.lines, axis.line_labels, boxes, strict=True):
            try:
                if search([when, [box], *ctx], facts.domain) is None:
                    dead.append((label, line[0].span, box))
            except TooBig:
                continue
        if not dead:
            continue
        what = axis_title(axis, facts)
        if len(dead) == len(axis.lines):
            labels = "; ".join(axis.line_labels) if len(axis.keys) > 1 else ", ".join(axis.line_labels)
            emit(Warning_(
                "W706",
                f"No loan matrix `{m.id}` applies to can be eligible: its {what} bands ({labels}) and the program's "
                f"rules exclude each other ({because(culprit([when, [b for _, _, b in dead]], facts), facts)}).",
                axis.span,
                "Check the matrix's bands and the requirement against the guide: one of them is wrong. If both are as "
                "published, add `accept warning W706 because \"...\"` to the matrix.",
                (m.accepted,),
            ))
            continue
        for label, span, box in dead:
            q = culprit([when, [box]], facts)
            emit(Warning_(
                "W704",
                f"No eligible loan reaches the {what} {'band' if axis.simple else 'line'} `{label}` of matrix `{m.id}`: "
                f"{because(q, facts)}.",
                span,
                "Check the band and the requirement against the guide (a typo in either?). If the matrix is as "
                "published, add `accept warning W704 because \"...\"` to the matrix.",
                (m.accepted,) + ((q.rule.accepted,) if q is not None else ()),
            ))
