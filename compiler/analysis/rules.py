"""W705 and W706 for rules: conditions that never hold, requirements that cannot be met together.

W705 (from the outside): a rule whose `when` no loan meeting the program's other requirements meets, or
that no eligibility matrix covers. W706: two requirements (or one, with its alternatives) no loan can meet
at once, while some loan (from the inside) is subject to both; or a conditional requirement that leaves
no band of a matrix that applies to the same loans.
"""

from __future__ import annotations

from compiler import ir
from compiler.analysis.conditions import describe_box, mentions
from compiler.analysis.facts import Emit, Facts, Req, Warning_, axis_title
from compiler.analysis.reach import because, culprit
from compiler.analysis.region import Region, TooBig, search
from compiler.wording import describe, describe_requirement


def check_rule_applies(rule: ir.Rule, facts: Facts, emit: Emit) -> None:
    if rule.when is None:
        return
    r = facts.regions
    when = r.over(rule.when)
    # rules with the same condition against the same constraints get the same answers: asked once
    key = ("applies", rule.when, facts.excluded_groups((rule.id,)))
    if key not in facts.searched:
        facts.searched[key] = _never_applies(when, facts.context_over(exclude=(rule.id,)), facts)
    found = facts.searched[key]
    if found is None:
        return
    text = describe(rule.when, facts.titles())
    if found == "itself":
        why = "the condition contradicts itself"
    elif found == "rules":
        why = because(culprit([when], facts, exclude=(rule.id,)), facts)
    else:
        covered = "; ".join(f"`{m.id}`: {describe(m.when, facts.titles()) if m.when is not None else 'every loan'}"
                            for m in facts.program.matrices)
        why = f"no eligibility matrix applies to such loans ({covered})"
    emit(Warning_(
        "W705",
        f"Rule `{rule.id}` never applies: no loan the program allows meets its condition ({text}): {why}.",
        rule.when.span,
        "Correct the condition or remove the rule (`drop rule` in a variant). If the guide states it anyway, add "
        "`accept warning W705 because \"...\"` to the rule.",
        (rule.accepted,),
    ))


def _never_applies(when: Region, ctx: list[Region], facts: Facts) -> str | None:
    """Why no loan the program allows meets `when`: "itself", "rules", "matrices"; None when some loan does (or
    the question is too big to answer)."""
    cov = facts.coverage_over()
    try:
        if search([when], facts.domain) is None:
            return "itself"
        if search([when, *ctx], facts.domain) is None:
            return "rules"
        if cov is not None and search([when, *ctx, cov], facts.domain) is None:
            return "matrices"
    except TooBig:
        return None
    return None


def check_contradictions(facts: Facts, emit: Emit) -> None:
    """Each requirement against the requirements before it (and itself), the first contradiction reported.

    Only requirements sharing a variable can contradict each other (constraints on disjoint variables are met
    together when each is met on its own), and requirements saying the same thing (a group, see `Facts`) give the
    same answers: each pair of groups sharing a variable is asked once, so the work grows with the pairs that
    share a variable among different constraints, not with the square of the number of rules."""
    reqs = facts.reqs
    by_var: dict[str, list[int]] = {}
    for k, g in enumerate(facts.groups):
        for name in reqs[g[0]].reads:
            by_var.setdefault(name, []).append(k)
    clashing: dict[int, list[int]] = {}  # group -> the groups (itself included) it may contradict

    def clashes(kb: int) -> list[int]:
        if kb not in clashing:
            near = sorted({k for name in reqs[facts.groups[kb][0]].reads for k in by_var.get(name, ())} | {kb})
            clashing[kb] = [ka for ka in near if _clash(reqs[facts.groups[ka][0]], reqs[facts.groups[kb][0]], ka == kb, facts)]
        return clashing[kb]

    for i, b in enumerate(reqs):
        kb = facts.group_of[i]
        others = [k for k in clashes(kb) if k != kb]
        candidates = sorted(j for k in others for j in facts.groups[k] if j < i)
        if kb in clashing[kb]:
            candidates.append(i)  # a requirement no loan can meet on its own: last, as the pair (b, b)
        for j in candidates:
            a = reqs[j]
            try:
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


def _excluded_by_bands(q: ir.Requirement, base: list[Region], bands: Region, where: tuple[object, ...],
                       facts: Facts) -> bool:
    """Some loan `base` allows meets `q`, but none in the bands (asked once per requirement and place)."""
    key = ("band", q, *where)
    if key not in facts.searched:
        t = facts.regions.requirement(q, "over")
        facts.searched[key] = (search([*base, t], facts.domain) is not None
                               and search([*base, bands, t], facts.domain) is None)
    return bool(facts.searched[key])


def _clash(a: Req, b: Req, same: bool, facts: Facts) -> bool:
    """No loan both apply to meets both requirements (`same`: one requirement with itself), while each alone can be
    met where both apply (otherwise one simply declines the loans the other's condition picks out, as intended)."""
    r = facts.regions
    whens = [r.over(a.rule.when), r.over(b.rule.when)]
    ta, tb = r.requirement(a.req, "over"), r.requirement(b.req, "over")
    try:
        if search([*whens, ta, tb], facts.domain) is not None:
            return False
        return same or (search([*whens, ta], facts.domain) is not None and search([*whens, tb], facts.domain) is not None)
    except TooBig:
        return False


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
        for n, (axis, bands) in enumerate(facts.matrix_boxes(m)):
            base = [r.over(rule.when), r.over(m.when)]
            try:
                key = ("bands", rule.when, m.id, n)  # asked once for rules with the same condition
                if key not in facts.searched:
                    facts.searched[key] = search([*base, bands], facts.domain) is not None
                if not facts.searched[key]:
                    continue
                # the bands, not the matrix's condition, exclude what the requirement asks for
                hit = next((q for q in rule.requirements if _excluded_by_bands(q, base, bands, (rule.when, m.id, n), facts)),
                           None)
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
