"""Near misses: for a loan a program does not accept, the smallest changes that would make it pass.

Consumes an `ir_program.Program`, the vocabulary and a loan (the generated `Loan` model, or a mapping of typed values);
produces an `Explanation`. Nothing here knows any rule: everything is read from the IR and every answer comes
from the reference evaluator (`compiler.evaluate`) deciding a changed copy of the loan.

For each failed finding (a rule, a matrix, a limit):
1. its loan fields: the inputs of its IR nodes (`when`, requirements, matrix axes; for a limit, the value it
   bounds and every matrix and adjustment that sets it), followed through derived values to loan fields;
2. for each known field, the nearest value that makes the finding pass:
   - numbers (money, percent, integer, months) and dates are searched on the field's grid (whole dollars for
     money, the vocabulary's precision otherwise, whole days for dates) within its declared range: first at
     candidate points (every constant and band edge the program compares the field with, each edge plus and
     minus one step, the range's ends, and points scaled away from the current value), nearest first in each
     direction, then by exact bisection between the last failing and the first passing point. How far the
     passing stretch reaches is found the same way ("$1,000,000 or less", or "but not below $150,000").
   - the date the program measures seasoning to is only moved forward: that is waiting;
   - yes/no and one-of fields: every other value.
3. every suggestion is verified: it is a decision of the evaluator on the changed loan, in which the finding
   passes (or no longer applies). Its effects on what the finding depends on (derived values, limits), and
   any rule it would break, are read from that decision. A change that makes some check unknown (a zero that
   divides a ratio, a documentation type whose income is not given) or a derived amount negative is no fix.

A finding that fails because a value it reads cannot be computed (a denominator of zero or less) or is outside
its domain first gets the data to check (`explain_checks`), before any change: that data is most likely wrong.

Then the same search for the whole loan (no failed finding left). When no single change helps, changes of
two or three fields are tried, combining the best single changes for each failed requirement (of one rule)
or each failed finding (of the loan), and kept only when the combined change verifies.

Suggestions are ranked by relative change: |new - now| / |now| for numbers, days / 365 for dates, 1 for a
different category.

This module assembles the answer; the parts: `explain_result` (what is answered, and the ranking),
`explain_outcome` (a changed loan, decided), `explain_grid` (a field's grid points and bisection),
`explain_search` (the search itself) and `explain_words` (wording).
"""

from __future__ import annotations

from typing import Any

from compiler import ir, ir_program
from compiler.evaluate import Env, ev
from compiler.runtime import Decision, ProgramMeta
from compiler.tools.explain_checks import checks
from compiler.tools.explain_outcome import Goal, Outcome, Target, targets
from compiler.tools.explain_result import Check, Explanation, FailedRule, MissingField, NoteLine, Referral, Suggestion, rank
from compiler.tools.explain_search import Explainer
from compiler.tools.explain_words import join_or, lower_first


def explain(program: ir_program.Program, vocabulary: ir_program.Vocabulary, loan: Any, meta: ProgramMeta | None = None) -> Explanation:
    """The decision for a loan and, for each failed finding and for the whole loan, the nearest verified changes."""
    ex = Explainer(program, vocabulary, loan, meta)
    base = ex.base
    decision = base.decision
    missing = _missing(decision, ex)
    referrals = tuple(Referral(f.rule_id, f.title, f.message, f.citation, f.source)
                      for f in decision.findings if f.outcome == "review")
    if decision.status == "eligible":
        return Explanation(decision.program, "eligible", "Already eligible: nothing to change.", (), (), "", (), (), 0,
                           note_lines(program))

    failed: list[FailedRule] = []
    per_finding: list[list[Suggestion]] = []
    read: list[object] = []  # the failed findings' nodes
    for target, pos in targets(program, decision):
        finding = decision.findings[pos]
        if finding.outcome != "fail":
            continue
        nodes = ex.nodes_of(target)
        names = ex.fields_of(nodes)
        read += nodes

        def goal(o: Outcome, t: Target = target) -> bool:
            return o.passes(t)

        singles = ex.singles(names, goal, target)
        note = ""
        only_choices = bool(singles) and all(c.kind == "choice" for s in singles for c in s.changes)
        if not singles or only_choices:
            combined = _rule_combinations(ex, target, goal, [c.field for s in singles for c in s.changes])
            singles = sorted(singles + combined, key=rank)
            if only_choices:
                titles = join_or(lower_first(ex.fields[c.field].title) for s in singles if len(s.changes) == 1
                               for c in s.changes)
                note = f"No single change of an amount, score or date makes this pass; only a change of {titles} does."
            else:
                note = _no_single_note(ex, names, bool(combined))
        failed.append(FailedRule(finding.rule_id, finding.title, finding.message, finding.citation, finding.source,
                                 names, tuple(singles), note, checks(ex, nodes)))
        per_finding.append(singles)

    whole: list[Suggestion] = []
    whole_note = ""
    if failed:
        def no_failures(o: Outcome) -> bool:
            return o.no_failures

        # a single change that makes every failed finding pass makes each pass: it is among each one's fields
        common = [n for n in dict.fromkeys(c.field for s in per_finding[0] for c in s.changes if len(s.changes) == 1)
                  if all(any(s.changes[0].field == n for s in part if len(s.changes) == 1) for part in per_finding[1:])]
        whole = ex.singles(common, no_failures)
        if not whole or all(c.kind == "choice" for s in whole for c in s.changes):
            combined = ex.combine(per_finding, no_failures, [c.field for s in whole for c in s.changes])
            if not whole:
                whole_note = ("No single change makes the loan pass every rule" +
                              ("; these changes together do." if combined else
                               ", and no combination of the changes above does."))
            whole = sorted(whole + combined, key=rank)
    first = checks(ex, read)
    summary = _summary(decision.status, failed, whole, missing, referrals, first)
    return Explanation(decision.program, decision.status, summary, tuple(failed), tuple(whole), whole_note, missing,
                       referrals, ex.evaluations, note_lines(program), first)


def note_lines(program: ir_program.Program) -> tuple[NoteLine, ...]:
    """The program's notes, as explain lists them after its answer."""
    return tuple(NoteLine(n.id, n.title, n.status, n.text, n.citation or "") for n in program.notes)


def _rule_combinations(ex: Explainer, target: Target, goal: Goal, alone: list[str]) -> list[Suggestion]:
    """A rule failing for two or three reasons: combine the nearest changes for each reason.

    The reasons are its failed requirements or, when one requirement (without alternatives) fails, the
    failed parts of its `and`.
    """
    if target.kind != "rule":
        return []
    rule = ex.program.rules[target.index]
    _applies, results = ex.base.facts.rules[target.index]
    failing = [i for i, ok in enumerate(results) if ok is False]
    reasons: list[tuple[object, Goal]] = []
    for i in failing:
        def holds(o: Outcome, q: int = i) -> bool:
            return o.requirement_holds(target.index, q)

        reasons.append((rule.requirements[i], holds))
    if len(failing) == 1 and isinstance(rule.requirements[failing[0]].test, ir.And) \
            and not rule.requirements[failing[0]].alternatives:
        test = rule.requirements[failing[0]].test
        assert isinstance(test, ir.And)
        reasons = [(part, _true(ex.program, part)) for part in test.operands if not _true(ex.program, part)(ex.base)]
    if not 2 <= len(reasons) <= 3:
        return []
    when: list[object] = [rule.when] if rule.when is not None else []
    parts = [ex.singles(ex.fields_of([*when, node]), holds) for node, holds in reasons]
    return ex.combine(parts, goal, alone, target)


def _true(program: ir_program.Program, x: ir.Expr) -> Goal:
    """A goal: the expression is true for the changed loan."""
    def holds(o: Outcome) -> bool:
        return ev(x, Env(o.facts.loan, program, dict(o.facts.values))) is True

    return holds


def _no_single_note(ex: Explainer, names: tuple[str, ...], combined: bool) -> str:
    searchable = [n for n in names if ex.now(n) is not None and (ex.line(n) is not None or
                                                                 ex.fields[n].type.kind in ("yesno", "enum"))]
    if not searchable:
        shown = join_or(lower_first(ex.fields[n].title) for n in names) or "nothing the loan gives"
        return f"No single change helps: this depends on {shown}, which no single value of the loan can change."
    tried = join_or(lower_first(ex.fields[n].title) for n in searchable)
    if combined:
        return f"No single change of {tried} makes this pass; it fails for more than one reason. These changes together do."
    return f"No single change of {tried} makes this pass, and no change of two fields was found that does."


def _missing(decision: Decision, ex: Explainer) -> tuple[MissingField, ...]:
    need: dict[str, list[str]] = {}
    for f in decision.findings:
        for name in f.missing:
            rules = need.setdefault(name, [])
            if f.rule_id not in rules:
                rules.append(f.rule_id)
    return tuple(MissingField(n, ex.fields[n].title if n in ex.fields else n, tuple(r)) for n, r in need.items())


def _summary(status: str, failed: list[FailedRule], whole: list[Suggestion], missing: tuple[MissingField, ...],
             referrals: tuple[Referral, ...], first: tuple[Check, ...] = ()) -> str:
    parts: list[str] = []
    if failed:
        n = len(failed)
        parts.append(f"{n} rule{'s' if n != 1 else ''} failed ({', '.join(f.rule_id for f in failed)}).")
        if first:  # wrong data, most likely: no trade on other fields is the fix
            parts.append("Check the data first. " + " ".join(f"{c.text}." for c in first))
        if whole:
            result = "eligible" if whole[0].status == "eligible" else "pass every rule"
            parts.append(f"Smallest change that makes the loan {result}: {whole[0].change}.")
        else:
            parts.append("No change of one, two or three fields was found that makes the loan pass every rule.")
    if missing:
        parts.append("Supply: " + ", ".join(m.title for m in missing) + ".")
    if referrals:
        parts.append("Referred to the investor: " + ", ".join(r.title for r in referrals) + ".")
    return " ".join(parts)

