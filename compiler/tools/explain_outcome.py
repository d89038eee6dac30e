"""One changed loan, decided: its facts, its Decision (when first asked for) and each finding's outcome.

A finding is named by its `Target` (a matrix, the eligibility-matrix check, a rule or a limit, by position),
so the search can ask any changed loan whether that finding passes; `sane` tells a change that fixes a finding
from one that only makes a check unknown or a derived amount negative.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from compiler import ir_program
from compiler.evaluate import get
from compiler.runtime import Decision, Facts, Finding, ProgramMeta, decide


@dataclass(frozen=True, slots=True)
class Target:
    """A finding of the decision: a matrix, the eligibility-matrix check, a rule or a limit (by position)."""

    kind: Literal["matrix", "eligibility_matrix", "rule", "limit"]
    index: int


class Outcome:
    """One decided loan: the facts of the changed loan and (computed when first asked for) its Decision."""

    __slots__ = ("_decision", "_meta", "_offset", "facts", "program", "sane")

    def __init__(self, facts: Facts, program: ir_program.Program, meta: ProgramMeta) -> None:
        self.facts = facts
        self.program = program
        self._meta = meta
        self._decision: Decision | None = None
        self._offset = (0, 0)
        self.sane = True  # no check made unknown, no derived value turned negative by the change

    @property
    def decision(self) -> Decision:
        if self._decision is None:
            d = self._decision = decide(self._meta, self.facts)
            p = self.program
            self._offset = (len(p.matrices), len(d.findings) - len(p.matrices) - len(p.rules) - len(p.limits))
        return self._decision

    def outcome(self, t: Target) -> str | None:
        """The target's outcome; None when the decision has no such finding (the eligibility-matrix check passed)."""
        findings = self.decision.findings
        n_matrices, extra = self._offset
        if t.kind == "matrix":
            return findings[t.index].outcome
        if t.kind == "eligibility_matrix":
            return findings[n_matrices].outcome if extra else None
        if t.kind == "rule":
            return findings[n_matrices + extra + t.index].outcome
        return findings[n_matrices + extra + len(self.facts.rules) + t.index].outcome

    def finding(self, t: Target) -> Finding | None:
        findings = self.decision.findings
        n_matrices, extra = self._offset
        if t.kind == "matrix":
            return findings[t.index]
        if t.kind == "rule":
            return findings[n_matrices + extra + t.index]
        return None

    def passes(self, t: Target) -> bool:
        """The finding passes or does not apply (for a rule, read from the facts as `runtime.decide` does)."""
        if t.kind == "rule":
            applies, results = self.facts.rules[t.index]
            rule = self.program.rules[t.index]
            if applies is False:
                return True
            if rule.reviews or any(r is not True for r in results):
                return False
            invalid = self.facts.invalid  # a requirement reading a value outside its domain is not met (decide)
            if invalid and any(n in invalid for q in self._meta.rules[t.index].requirements for n in q.inputs):
                return False
            return applies is True or bool(rule.requirements)
        return self.outcome(t) in (None, "pass", "not_applicable")

    def requirement_holds(self, rule_index: int, requirement: int) -> bool:
        applies, results = self.facts.rules[rule_index]
        return applies is False or results[requirement] is True

    @property
    def no_failures(self) -> bool:
        return not any(f.outcome == "fail" for f in self.decision.findings)


Goal = Callable[[Outcome], bool]


def targets(program: ir_program.Program, decision: Decision) -> list[tuple[Target, int]]:
    """Each finding's target, with the finding's position."""
    out: list[tuple[Target, int]] = []
    n_m = len(program.matrices)
    extra = len(decision.findings) - n_m - len(program.rules) - len(program.limits)
    for i in range(n_m):
        out.append((Target("matrix", i), i))
    if extra:
        out.append((Target("eligibility_matrix", 0), n_m))
    for i in range(len(program.rules)):
        out.append((Target("rule", i), n_m + extra + i))
    for i in range(len(program.limits)):
        out.append((Target("limit", i), n_m + extra + len(program.rules) + i))
    return out


def sane(program: ir_program.Program, before: Facts, after: Facts) -> bool:
    """A change is no fix when it makes a check that could be made unknown, or turns a derived value negative.

    Unknown: whether a rule or matrix applies, a requirement's result (of a rule that may apply), a matrix key
    (of a matrix that may apply), or the value a limit bounds; e.g. a zero value dividing a ratio.
    """
    for (a0, r0), (a1, r1) in zip(before.rules, after.rules, strict=True):
        if a1 is None and a0 is not None:
            return False
        if a1 is not False and any(x is None and not (y is None and a0 is not False) for x, y in zip(r1, r0, strict=True)):
            return False
    for (a0, k0), (a1, k1) in zip(before.matrices, after.matrices, strict=True):
        if a1 is None and a0 is not None:
            return False
        if a1 is not False and any(x is None and not (y is None and a0 is not False) for x, y in zip(k1, k0, strict=True)):
            return False
    for lim in program.limits:
        if before.values.get(lim.on, get(before.loan, lim.on)) is not None and \
                after.values.get(lim.on, get(after.loan, lim.on)) is None:
            return False
    for name, b in before.values.items():
        a = after.values.get(name)
        if isinstance(b, Decimal) and isinstance(a, Decimal) and b >= 0 > a:
            return False
    return True
