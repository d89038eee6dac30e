"""The Decision a check returns: its result types (`Decision`, `Finding`, `LimitResult`, ...) and `status_of`.

Plain frozen data classes, shared by the generated checkers and the reference evaluator (compiler/evaluate.py);
`Decision.to_dict` and `to_json` give them as plain data, exact decimals as strings.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

Outcome = Literal["pass", "fail", "missing", "not_applicable", "review"]
Status = Literal["eligible", "ineligible", "needs_info"]
LimitState = Literal["set", "none", "not_eligible", "unknown"]


@dataclass(frozen=True, slots=True)
class ProgramInfo:
    """Which program and version decided."""

    id: str
    title: str
    investor: str
    lender: str | None
    family: str
    version: str
    effective: str
    source: str
    sha256: str


@dataclass(frozen=True, slots=True)
class Finding:
    """One rule's outcome for one loan."""

    rule_id: str
    title: str
    outcome: Outcome
    message: str
    citation: str
    source: str  # file:line of the rule
    missing: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Condition:
    """A document required or a term imposed by an applicable rule."""

    kind: Literal["document", "term"]
    text: str
    rule_id: str
    citation: str


@dataclass(frozen=True, slots=True)
class DerivedValue:
    """A derived value with the inputs it was computed from."""

    name: str
    title: str
    value: Decimal | bool | str | None  # a number, yes/no, or a choice (a derived category's, as its value)
    inputs: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class LimitCandidate:
    """One candidate for a limit: a matrix cell, a reduction or a cap, and the rule that gives it."""

    rule_id: str
    value: Decimal
    description: str


@dataclass(frozen=True, slots=True)
class LimitResult:
    """The limit available to the loan, the rule that binds it, and the looser candidates."""

    limit: str
    title: str
    value: Decimal | None
    binding_rule: str | None
    description: str
    candidates: tuple[LimitCandidate, ...] = ()
    # set: a value; none: no matrix cell, reduction or cap applies; not_eligible: a matrix giving the limit
    # applies and the loan is in its N/A cell or outside its bands, or a rule that applies caps or reduces it by
    # a value its table says is N/A; unknown: a cap or reduction by a value that unknown data decides, or a matrix
    # giving the limit that cannot be read (its `when` or a key unknown), whatever cap is known
    state: LimitState = "set"


@dataclass(frozen=True, slots=True)
class Decision:
    """What a program decides for one loan."""

    program: ProgramInfo
    status: Status
    findings: tuple[Finding, ...]
    conditions: tuple[Condition, ...]
    values: tuple[DerivedValue, ...]
    limits: tuple[LimitResult, ...]

    @property
    def eligible(self) -> bool:
        return self.status == "eligible"

    def failed(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.outcome == "fail")

    def limit(self, name: str) -> LimitResult | None:
        return next((lim for lim in self.limits if lim.limit == name), None)

    def to_dict(self) -> dict[str, Any]:
        """Plain data; Decimals as strings (exact), dates ISO: what `plain(dataclasses.asdict(self))` gives,
        built directly (asdict copies every field recursively first)."""
        p = self.program
        return {
            "program": {"id": p.id, "title": p.title, "investor": p.investor, "lender": p.lender, "family": p.family,
                        "version": p.version, "effective": p.effective, "source": p.source, "sha256": p.sha256},
            "status": self.status,
            "findings": [{"rule_id": f.rule_id, "title": f.title, "outcome": f.outcome, "message": f.message,
                          "citation": f.citation, "source": f.source, "missing": list(f.missing)}
                         for f in self.findings],
            "conditions": [{"kind": c.kind, "text": c.text, "rule_id": c.rule_id, "citation": c.citation}
                           for c in self.conditions],
            "values": [{"name": v.name, "title": v.title, "value": plain(v.value), "inputs": plain(v.inputs)}
                       for v in self.values],
            "limits": [{"limit": lim.limit, "title": lim.title, "value": plain(lim.value),
                        "binding_rule": lim.binding_rule, "description": lim.description,
                        "candidates": [{"rule_id": c.rule_id, "value": plain(c.value), "description": c.description}
                                       for c in lim.candidates], "state": lim.state} for lim in self.limits],
        }

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)


def plain(x: Any) -> Any:
    """JSON-ready data: Decimals as exact strings (an infinite one, a limit that never binds, as "never"), dates
    ISO, tuples as lists; shared with `glc explain`'s JSON (`compiler.tools.explain_result`)."""
    if x is None or x.__class__ is str:
        return x
    if isinstance(x, Decimal):
        return "never" if x.is_infinite() else f"{x:f}"
    if isinstance(x, dt.date):
        return x.isoformat()
    if isinstance(x, dict):
        return {k: plain(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [plain(v) for v in x]
    return x


def status_of(findings: Iterable[Finding]) -> Status:
    """Any failure: ineligible; else anything missing or referred: needs_info; else eligible."""
    outcomes = {f.outcome for f in findings}
    if "fail" in outcomes:
        return "ineligible"
    if "missing" in outcomes or "review" in outcomes:
        return "needs_info"
    return "eligible"

