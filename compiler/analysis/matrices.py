"""W702 and W703: how the eligibility matrices of a program share out the loans.

W702: two matrices giving the same limit apply to the same loan. The checker then takes the lower of the
two limits (and an N/A in either makes the loan ineligible), which is rarely what a guide means.
W703: loans the program's rules allow that no matrix applies to: they are declined with "No eligibility
matrix covers this loan" although no rule says so.

Both claim that some loan exists, so both reason from the inside: the matrices' `when` conditions and the
requirements reading the same fields, exactly; a condition the reasoning cannot represent gives no warning.
"""

from __future__ import annotations

from compiler import ir, ir_program
from compiler.analysis.conditions import describe_box, mentions
from compiler.analysis.facts import Emit, Facts, Warning_
from compiler.analysis.region import Region, TooBig, search
from compiler.source import Span

MAX_EXAMPLES = 3


def check_overlaps(facts: Facts, emit: Emit) -> None:
    matrices = facts.program.matrices
    r = facts.regions
    for j, b in enumerate(matrices):
        for a in matrices[:j]:
            shared = [lim for lim in b.gives if lim in a.gives]
            if not shared or not (r.exact(a.when) and r.exact(b.when)):
                continue
            names = mentions(a.when) | mentions(b.when)
            try:
                found = search([r.under(a.when), r.under(b.when), *facts.context_under(names)], facts.domain)
            except TooBig:
                continue
            if found is None:
                continue
            example = describe_box(found, facts.domain, _ordered_names(facts, [a, b]))
            emit(Warning_(
                "W702",
                f"Matrices `{a.id}` (line {a.span.line}) and `{b.id}` both apply to some loans ({example}) and both "
                f"give {', '.join(shared)}: the lower limit wins, and an N/A in either declines the loan.",
                _when_span(b),
                "Make their `when` conditions exclusive (e.g. add `and purpose is not cash_out`), or if the guide "
                "really layers them, add `accept warning W702 because \"...\"` to either matrix.",
                (a.accepted, b.accepted),
            ))


def check_coverage(facts: Facts, emit: Emit) -> None:
    matrices = facts.program.matrices
    if not matrices or facts.program.uncovered != "declined":  # `uncovered_loans: rules only` states it
        return
    r = facts.regions
    if not all(r.exact(m.when) for m in matrices):
        return
    names = set().union(*(mentions(m.when) for m in matrices))
    if not names:
        return
    constraints: list[Region] = [r.under_not(m.when) for m in matrices]
    constraints += facts.context_under(names)
    order = _ordered_names(facts, list(matrices))
    examples: list[str] = []
    try:
        while len(examples) < MAX_EXAMPLES:
            found = search(constraints, facts.domain)
            if found is None:
                break
            shown = found.restrict(names)
            examples.append(describe_box(shown, facts.domain, order))
            constraints.append(shown.complement(facts.domain))
    except TooBig:
        pass
    if not examples:
        return
    more = " and possibly others" if len(examples) == MAX_EXAMPLES else ""
    emit(Warning_(
        "W703",
        f"No eligibility matrix of `{facts.program.id}` applies to loans with {'; '.join(examples)}{more}, "
        "yet no rule excludes them: the checker declines them with \"No eligibility matrix covers this loan\".",
        program_span(facts.program),
        "If the guide does not offer these loans, say so with a rule (e.g. `require not (occupancy is second_home "
        "and purpose is cash_out)`) citing the guide; otherwise add the missing matrix. To keep it as it is, add "
        "`accept warning W703 because \"...\"` after the program's header lines.",
        (facts.program.accepted,),
    ))


def _ordered_names(facts: Facts, matrices: list[ir.Matrix]) -> list[str]:
    seen: dict[str, None] = {}
    for m in matrices:
        for n in ir.find_all(m.when, ir.FieldRef, ir.ValueRef):
            seen.setdefault(n.name, None)
    return list(seen)


def _when_span(m: ir.Matrix) -> Span:
    return m.when.span if m.when is not None else m.span


def program_span(p: ir_program.Program) -> Span:
    """The `program <name>` line."""
    s = p.span
    return Span(s.path, s.line, s.column, s.line, s.column + len("program ") + len(p.id))
