"""The Decision a check returns: its result types (`Decision`, `Finding`, `LimitResult`, ...) and `status_of`.

Plain frozen data classes, shared by the generated checkers and the reference evaluator (compiler/evaluate.py);
`Decision.to_dict` and `to_json` give them as plain data, exact decimals as strings.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal

from .values import digits

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


def _quick_init(cls: type) -> None:
    """Gives a frozen, slotted data class an `__init__` that sets each field straight into its slot: what the data
    class's own does (`object.__setattr__` per field, looked up through the class each time) at about half the cost,
    with the same parameters and defaults. A Decision's parts are made by the dozen for every loan."""
    fields = dataclasses.fields(cls)
    env: dict[str, Any] = {"_MISSING": dataclasses.MISSING}
    params: list[str] = []
    body: list[str] = []
    for f in fields:
        env[f"_put_{f.name}"] = cls.__dict__[f.name].__set__
        if f.default is not dataclasses.MISSING:
            env[f"_default_{f.name}"] = f.default
            params.append(f"{f.name}=_default_{f.name}")
        elif f.default_factory is not dataclasses.MISSING:
            env[f"_factory_{f.name}"] = f.default_factory
            params.append(f"{f.name}=_MISSING")
            body.append(f"if {f.name} is _MISSING: {f.name} = _factory_{f.name}()")
        else:
            params.append(f.name)
        body.append(f"_put_{f.name}(self, {f.name})")
    exec(f"def __init__(self, {', '.join(params)}):\n" + "".join(f"    {line}\n" for line in body), env)
    init = env["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__annotations__ = {**{f.name: f.type for f in fields}, "return": "None"}
    type.__setattr__(cls, "__init__", init)


for _cls in (Finding, Condition, DerivedValue, LimitCandidate, LimitResult):
    _quick_init(_cls)


_WORDED = ("findings", "conditions", "values", "limits")  # the parts a deferred Decision words on first read


@dataclass(frozen=True)
class Decision:
    """What a program decides for one loan.

    A generated `check` returns it deferred (`Decision.deferred`): the program and the status are decided at once,
    the findings, conditions, values and limits (the wording) are assembled when one of them is first read, then kept.
    Read or compared, a deferred Decision is the same as one built with every part.
    """

    __slots__ = ("_word", "conditions", "findings", "limits", "program", "status", "values")
    program: ProgramInfo
    status: Status
    findings: tuple[Finding, ...]
    conditions: tuple[Condition, ...]
    values: tuple[DerivedValue, ...]
    limits: tuple[LimitResult, ...]

    @classmethod
    def deferred(cls, program: ProgramInfo, status: Status, word: Callable[[], Decision]) -> Decision:
        """A Decision whose wording `word()` assembles on first read (a Decision of the same loan: its findings,
        conditions, values and limits are taken, its program and status are these)."""
        d = object.__new__(cls)
        _set(d, "program", program)
        _set(d, "status", status)
        _set(d, "_word", word)
        return d

    if not TYPE_CHECKING:  # to the type checker every field is always there
        def __getattr__(self, name: str) -> Any:
            """A part of a deferred Decision not read yet (only an unset slot reaches here): word them all."""
            if name not in _WORDED:
                raise AttributeError(name)
            try:
                word = object.__getattribute__(self, "_word")
            except AttributeError:  # another thread has just worded it
                return object.__getattribute__(self, name)
            full = word()
            for part in _WORDED:
                _set(self, part, getattr(full, part))
            with contextlib.suppress(AttributeError):  # (another thread may have worded it too: the same parts)
                object.__delattr__(self, "_word")  # the loan it reads is no longer held
            return getattr(full, name)

    def __getstate__(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in ("program", "status", *_WORDED))

    def __setstate__(self, state: tuple[Any, ...]) -> None:
        for name, value in zip(("program", "status", *_WORDED), state, strict=True):
            _set(self, name, value)

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
                          "citation": f.citation, "source": f.source, "missing": [*f.missing]}
                         for f in self.findings],
            "conditions": [{"kind": c.kind, "text": c.text, "rule_id": c.rule_id, "citation": c.citation}
                           for c in self.conditions],
            "values": [{"name": v.name, "title": v.title, "value": _number(v.value), "inputs": _texts(v.inputs)}
                       for v in self.values],
            "limits": [{"limit": lim.limit, "title": lim.title, "value": plain(lim.value),
                        "binding_rule": lim.binding_rule, "description": lim.description,
                        "candidates": [{"rule_id": c.rule_id, "value": plain(c.value), "description": c.description}
                                       for c in lim.candidates], "state": lim.state} for lim in self.limits],
        }

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)


_set = object.__setattr__  # a frozen Decision's parts, set once
_quick_init(Decision)


def plain(x: Any) -> Any:
    """JSON-ready data: Decimals as exact strings (an infinite one, a limit that never binds, as "never"), dates
    ISO, tuples as lists; shared with `glc explain`'s JSON (`compiler.tools.explain_result`)."""
    if x is None or x.__class__ is str:
        return x
    if isinstance(x, Decimal):
        return "never" if x.is_infinite() else digits(x)
    if isinstance(x, dt.date):
        return x.isoformat()
    if isinstance(x, dict):
        return {k: plain(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [plain(v) for v in x]
    return x


def _number(x: Any) -> Any:
    """`plain` of a derived value, a finite Decimal (the common case) first."""
    return digits(x) if x.__class__ is Decimal and x.is_finite() else plain(x)


def _texts(inputs: dict[str, Any]) -> dict[str, Any]:
    """`plain` of a derived value's inputs: a copy when every one is text already (how a checker shows them)."""
    for x in inputs.values():
        if x.__class__ is not str:
            return {k: x if x.__class__ is str else plain(x) for k, x in inputs.items()}
    return {**inputs}


def status_of(findings: Iterable[Finding]) -> Status:
    """Any failure: ineligible; else anything missing or referred: needs_info; else eligible."""
    outcomes = {f.outcome for f in findings}
    if "fail" in outcomes:
        return "ineligible"
    if "missing" in outcomes or "review" in outcomes:
        return "needs_info"
    return "eligible"

