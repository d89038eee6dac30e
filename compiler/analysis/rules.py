"""W705 and W706 for rules: conditions that never hold, requirements that cannot be met together.

W705 (from the outside): a rule whose `when` no loan meeting the program's other requirements meets, or
that no eligibility matrix covers. W706: two requirements (or one, with its alternatives) no loan can meet
at once, while some loan (from the inside) is subject to both; or a conditional requirement that leaves
no band of a matrix that applies to the same loans.
"""

from __future__ import annotations

from compiler import ir
from compiler.analysis.conditions import describe_box, mentions
from compiler.analysis.facts import Emit, Facts, Req, Warning_, axis_boxes, axis_title
from compiler.analysis.reach import because, culprit
from compiler.analysis.region import TooBig, search
from compiler.wording import describe, describe_requirement


def check_rule_applies(rule: ir.Rule, facts: Facts, emit: Emit) -> None:
    if rule.when is None:
        return
    r = facts.regions
    when = r.over(rule.when)
    ctx = facts.context_over(exclude=(rule.id,))
    cov = facts.coverage_over()
    text = describe(rule.when, facts.titles())
    try:
        if search([when], facts.domain) is None:
            why = "the condition contradicts itself"
        elif search([when, *ctx], facts.domain) is None:
            why = because(culprit([when], facts, exclude=(rule.id,)), facts)
        elif cov is not None and search([when, *ctx, cov], facts.domain) is None:
            covered = "; ".join(f"`{m.id}`: {describe(m.when, facts.titles()) if m.when is not None else 'every loan'}"
                                for m in facts.program.matrices)
            why = f"no eligibility matrix applies to such loans ({covered})"
        else:
            return
    except TooBig:
        return
    emit(Warning_(
        "W705",
        f"Rule `{rule.id}` never applies: no loan the program allows meets its condition ({text}): {why}.",
        rule.when.span,
        "Correct the condition or remove the rule (`drop rule` in a variant). If the guide states it anyway, add "
        "`accept warning W705 because \"...\"` to the rule.",
        (rule.accepted,),
    ))


def check_contradictions(facts: Facts, emit: Emit) -> None:
    r = facts.regions
    reqs = facts.reqs
    for i, b in enumerate(reqs):
        for a in reqs[: i + 1]:
            whens = [r.over(a.rule.when), r.over(b.rule.when)]
            ta, tb = r.requirement(a.req, "over"), r.requirement(b.req, "over")
            try:
                if search([*whens, ta, tb], facts.domain) is not None:
                    continue
                # two requirements contradict each other only when each on its own can be met where both apply
                # (otherwise one simply declines the loans the other's condition picks out, as intended)
                if a is not b and (search([*whens, ta], facts.domain) is None or search([*whens, tb], facts.domain) is None):
                    continue
                example = _together(a, b, facts)
            except TooBig:
                continue
            if example is None:
                continue
            t = facts.titles()
            applies = f" ({'it applies' if a is b else 'both apply'} to loans with {example})" if example != "any loan" else ""
            if a is b:
                msg = f"No loan can meet this requirement of rule `{b.rule.id}`: {describe_requirement(b.req, t)}{applies}."
            else:
                msg = (f"No loan can meet both {describe_requirement(a.req, t)} (rule `{a.rule.id}`, line "
                       f"{a.req.span.line}) and {describe_requirement(b.req, t)} (rule `{b.rule.id}`){applies}.")
            emit(Warning_(
                "W706", msg, b.req.span,
                "Every loan these apply to is declined: check both against the guide. If they are as published, add "
                "`accept warning W706 because \"...\"` to either rule.",
                (a.rule.accepted, b.rule.accepted),
            ))
            break


def _together(a: Req, b: Req, facts: Facts) -> str | None:
    """Some loan both requirements apply to (from the inside), described; None when there is none."""
    r = facts.regions
    names = mentions(a.rule.when) | mentions(b.rule.when)
    found = search([r.under(a.rule.when), r.under(b.rule.when),
                    *facts.context_under(names, exclude=(a.rule.id, b.rule.id))], facts.domain)
    if found is None:
        return None
    return describe_box(found.restrict(names), facts.domain)


def check_rule_vs_matrices(rule: ir.Rule, facts: Facts, emit: Emit) -> None:
    """A conditional requirement that leaves no band of a matrix applying to the same loans."""
    if rule.when is None or not rule.requirements:
        return
    r = facts.regions
    for m in facts.program.matrices:
        for axis, bands in axis_boxes(m, facts.domain):
            base = [r.over(rule.when), r.over(m.when)]
            try:
                if search([*base, bands], facts.domain) is None:
                    continue
                # the bands, not the matrix's condition, exclude what the requirement asks for
                hit = next((q for q in rule.requirements
                            if search([*base, r.requirement(q, "over")], facts.domain) is not None
                            and search([*base, bands, r.requirement(q, "over")], facts.domain) is None), None)
                if hit is None:
                    continue
                names = mentions(rule.when) | mentions(m.when)
                found = search([r.under(rule.when), r.under(m.when),
                                *facts.context_under(names, exclude=(rule.id,))], facts.domain)
            except TooBig:
                continue
            if found is None:
                continue
            labels = "; ".join(axis.line_labels) if len(axis.keys) > 1 else ", ".join(axis.line_labels)
            emit(Warning_(
                "W706",
                f"Rule `{rule.id}` requires {describe_requirement(hit, facts.titles())}, but matrix `{m.id}` "
                f"({axis_title(axis, facts)} bands {labels}) has no band such a loan can fall in: every loan both apply to "
                f"({describe_box(found.restrict(names), facts.domain)}) is declined.",
                hit.span,
                "Check the requirement and the matrix against the guide. If both are as published, add "
                "`accept warning W706 because \"...\"` to the rule.",
                (rule.accepted, m.accepted),
            ))
            return


__all__ = ["because", "culprit"]
