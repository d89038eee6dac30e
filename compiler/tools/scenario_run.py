"""Running guideline tests: decide each scenario's loan and compare the Decision with what it expects.

The reference evaluator (`compiler/evaluate.py`) is the ground truth `glc test` uses: it needs only the
checked IR, so tests run on the guidelines as written, whether or not `generated/` is built. The pytest suite
runs the same scenarios through the generated checkers too (`compare` takes any Decision).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from compiler import ir_program
from compiler.evaluate import facts_of
from compiler.meta import program_meta
from compiler.runtime import Decision, Facts, ProgramMeta, decide
from compiler.runtime.values import fmt
from compiler.tools.scenario_expect import NEVER, UNKNOWN, Expect
from compiler.tools.scenarios import Scenario, program_keys


@dataclass(frozen=True)
class Mismatch:
    """One expectation the decision does not meet."""

    what: str
    expected: str
    actual: str


@dataclass(frozen=True)
class Outcome:
    """A scenario's result: the decision, the facts it was decided from, and the mismatches (none = passed)."""

    scenario: Scenario
    decision: Decision
    facts: Facts
    mismatches: tuple[Mismatch, ...]

    @property
    def passed(self) -> bool:
        return not self.mismatches


def _show(v: Decimal | bool | str | None, kind: str = "", unit: str = "") -> str:
    if v is None:
        return "none"
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, str):
        return v
    if v == NEVER:
        return "never"
    return fmt(v, kind, unit)


def _ids(ids: frozenset[str] | set[str]) -> str:
    return ", ".join(sorted(ids)) or "none"


def compare(expect: Expect, decision: Decision, program: ir_program.Program) -> list[Mismatch]:
    """Every expectation the decision does not meet, as expected-vs-actual text."""
    out: list[Mismatch] = []
    if expect.status is not None and decision.status != expect.status:
        out.append(Mismatch("status", expect.status, decision.status))
    if expect.failing is not None:
        failing = {f.rule_id for f in decision.findings if f.outcome == "fail"}
        if failing != expect.failing:
            out.append(Mismatch("failing rules", _ids(expect.failing), _ids(failing)))
    outcomes = {f.rule_id: f.outcome for f in decision.findings}
    for rid, want in expect.rules.items():
        got = outcomes.get(rid, "(no finding)")
        if got != want:
            out.append(Mismatch(f"rule {rid}", want, got))
    limit_types = {lim.id: lim.type for lim in program.limits}
    for lid, want_value in expect.limits.items():
        lim = decision.limit(lid)
        unknown = lim is not None and lim.state == "unknown"
        got_value = UNKNOWN if unknown else lim.value if lim is not None else None
        if got_value != want_value:
            t = limit_types[lid]
            out.append(Mismatch(lid, _show(want_value, t.kind, t.unit), _show(got_value, t.kind, t.unit)
                                + (f" ({lim.description})" if lim is not None and (lim.value is not None or unknown)
                                   else "")))
    for lid, want_rule in expect.binding.items():
        lim = decision.limit(lid)
        got_rule = lim.binding_rule if lim is not None else None
        if got_rule != want_rule:
            out.append(Mismatch(f"binding rule of {lid}", want_rule or "none",
                                (got_rule or "none") + (f" ({lim.description})" if lim is not None and got_rule else "")))
    if expect.conditions is not None:
        got_conditions = {c.text for c in decision.conditions}
        if got_conditions != expect.conditions:
            out.append(Mismatch("conditions", "; ".join(sorted(expect.conditions)) or "none",
                                "; ".join(sorted(got_conditions)) or "none"))
    values = {v.name: v.value for v in decision.values}
    for vid, want_v in expect.values.items():
        got_v = values.get(vid)
        value = program.value(vid)
        kind, unit = (value.type.kind, value.type.unit) if value is not None else ("", "")
        if got_v != want_v:
            out.append(Mismatch(f"value {vid}", _show(want_v, kind, unit), _show(got_v, kind, unit)))
    return out


class Runner:
    """Decides scenarios with the reference evaluator (program metadata built once per program version)."""

    def __init__(self, bundle: ir_program.Bundle) -> None:
        self.bundle = bundle
        self.programs = program_keys(bundle)  # every version, by the key a scenario names it with
        self._meta: dict[tuple[str, str], ProgramMeta] = {}

    def decide(self, program: ir_program.Program, loan: Any) -> tuple[Decision, Facts]:
        key = (program.id, program.version)
        meta = self._meta.get(key)
        if meta is None:
            meta = self._meta[key] = program_meta(program, self.bundle.vocabulary)
        facts = facts_of(program, loan)
        return decide(meta, facts), facts

    def run(self, scenario: Scenario) -> Outcome:
        program = self.programs[scenario.program]
        decision, facts = self.decide(program, scenario.loan)
        return Outcome(scenario, decision, facts, tuple(compare(scenario.expect, decision, program)))
