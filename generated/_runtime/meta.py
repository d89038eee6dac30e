# Copied from compiler/runtime/meta.py by glc build; do not edit.
"""The program metadata types: how a program's fields, values, rules, matrices and limits are worded and combined,
emitted as literals into every generated `<program>_meta.py` and read by `decide` (assemble.py)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from .decision import Condition, Finding, ProgramInfo

_set = object.__setattr__  # a frozen metadata object's wording worked out once, when it is made


@dataclass(frozen=True, slots=True)
class Name:
    """How a field or value is shown in messages."""

    title: str
    kind: str
    unit: str
    is_value: bool
    depends_on: tuple[str, ...] = ()
    places: int | None = None  # decimals a derived value is shown with
    needs: tuple[str, ...] = ()  # what it cannot do without: `depends_on` less what a `default` or `is known` reads
    domain: str = ""  # a derived value's `domain:` band, as messages show it


@dataclass(frozen=True, slots=True)
class RequirementMeta:
    text: str
    inputs: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class RuleMeta:
    id: str
    title: str
    citation: str
    where: str
    when_text: str
    when_inputs: tuple[str, ...]
    requirements: tuple[RequirementMeta, ...]
    # (reduce|cap, limit, amount, text); the amount a Decimal, or the name of the value or field that gives it
    adjustments: tuple[tuple[str, str, Decimal | str, str], ...]
    conditions: tuple[tuple[str, str], ...]  # (document|term, text)
    reviews: tuple[str, ...]
    # Worked out once, not per loan: every requirement's inputs (each once, in order), their texts joined, the
    # conditions it imposes when it applies, and the findings that are the same for every loan they are for: of a
    # loan the rule does not apply to, of one it applies to with nothing to check (what it does: every reduction,
    # cap and condition; `first applicable` may leave some out, then `decide` words it) and of one it refers.
    reads: tuple[str, ...] = field(init=False, repr=False, compare=False)
    met: str = field(init=False, repr=False, compare=False)
    imposed: tuple[Condition, ...] = field(init=False, repr=False, compare=False)
    not_applicable: Finding = field(init=False, repr=False, compare=False)
    applied: Finding = field(init=False, repr=False, compare=False)
    referred: Finding = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        _set(self, "reads", tuple(dict.fromkeys(n for q in self.requirements for n in q.inputs)))
        _set(self, "met", "; ".join(q.text for q in self.requirements))
        _set(self, "imposed", tuple(Condition(kind, text, self.id, self.citation)  # type: ignore[arg-type]
                                    for kind, text in self.conditions))
        _set(self, "not_applicable", Finding(self.id, self.title, "not_applicable", f"Applies when {self.when_text}.",
                                             self.citation, self.where))
        does = [text for _k, _l, _a, text in self.adjustments] + [f"{kind}: {text}" for kind, text in self.conditions]
        _set(self, "applied", Finding(self.id, self.title, "pass", "Applies: " + "; ".join(does) + ".", self.citation,
                                      self.where))
        _set(self, "referred", Finding(self.id, self.title, "review", " ".join(self.reviews), self.citation,
                                       self.where))


@dataclass(frozen=True, slots=True)
class AxisMeta:
    """A matrix axis: one numeric key's `bands`, or (choices, yes/no, several keys) `keys` (title, inputs) and
    `lines`, one entry per key: a band `(low, low_inclusive, high, high_inclusive, label)` or `(values, label)`."""

    label: str
    inputs: tuple[str, ...]
    bands: tuple[tuple[Decimal | None, bool, Decimal | None, bool, str], ...]
    keys: tuple[tuple[str, tuple[str, ...]], ...] = ()
    lines: tuple[tuple[tuple[Any, ...], ...], ...] = ()


@dataclass(frozen=True, slots=True)
class MatrixMeta:
    id: str
    title: str
    citation: str
    where: str
    when_text: str
    when_inputs: tuple[str, ...]
    axes: tuple[AxisMeta, ...]
    cells: tuple[tuple[tuple[tuple[tuple[str, Decimal], ...] | None, str], ...], ...]
    gives: tuple[str, ...] = ()  # the limits its cells give
    # the finding of a loan the matrix does not apply to (the same for every such loan), worked out once
    not_applicable: Finding = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        _set(self, "not_applicable", Finding(self.id, self.title, "not_applicable", f"Applies when {self.when_text}.",
                                             self.citation, self.where))


@dataclass(frozen=True, slots=True)
class LimitMeta:
    id: str
    title: str
    on: str
    kind: str
    unit: str
    where: str


@dataclass(frozen=True, slots=True)
class ProgramMeta:
    info: ProgramInfo
    combine: str  # lowest | stacked | caps_first: how reductions and caps combine, unless `combine_by` says

    names: dict[str, Name]
    values: tuple[str, ...]
    matrices: tuple[MatrixMeta, ...]
    rules: tuple[RuleMeta, ...]
    limits: tuple[LimitMeta, ...]
    selector_inputs: tuple[str, ...]
    seasoning_date: str
    combine_by: tuple[tuple[str, str], ...] = ()  # (limit, mode) of its `limit` line, in place of `combine`
    uncovered: str = "declined"  # declined | rules_only: a loan no matrix applies to (`uncovered_loans:`)
    # Worked out once, not per loan: each limit's mode where `combine_by` gives one, each matrix's and rule's
    # citation by id, and the limits whose amounts a rule reads from a value or field or that combine `first
    # applicable` (the only ones an unknown amount or rule can leave unresolved).
    combines: dict[str, str] = field(init=False, repr=False, compare=False)
    citations: dict[str, str] = field(init=False, repr=False, compare=False)
    open_limits: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        combines: dict[str, str] = {}
        for lid, mode in self.combine_by:
            combines.setdefault(lid, mode)
        _set(self, "combines", combines)
        citations = {m.id: m.citation for m in self.matrices}
        citations.update((r.id, r.citation) for r in self.rules)
        _set(self, "citations", citations)
        _set(self, "open_limits", frozenset(
            [limit for r in self.rules for _k, limit, amount, _t in r.adjustments if isinstance(amount, str)]
            + [lim.id for lim in self.limits if self.combine_of(lim.id) == "first"]))

    def combine_of(self, limit: str) -> str:
        return self.combines.get(limit, self.combine)


def stated(x: Any) -> list[tuple[str, Any]]:
    """A metadata object's fields as it is made from them (`(name, value)`, in order): what a `_meta.py` literal
    writes and the service shows, not the wording worked out from them when it is made (`init=False`)."""
    return [(f.name, getattr(x, f.name)) for f in dataclasses.fields(x) if f.init]
