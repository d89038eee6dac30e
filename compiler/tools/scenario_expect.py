"""What a guideline test scenario expects: status, failing rules, outcomes, limits, binding rules, values.

`read_expect` reads an `expect:` mapping; the `read_*` helpers read one expectation, also for the columns of a
table scenario. Every rule, limit and value id is checked against the program (`ExpectNames`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

import yaml

from compiler import ir, ir_program, ir_types
from compiler.tools.scenario_values import parse_typed
from compiler.tools.scenario_yaml import TestFileError, did_you_mean, location, mapping, only_keys, scalar_text

STATUSES = ("eligible", "ineligible", "needs_info")
OUTCOMES = ("pass", "fail", "missing", "not_applicable", "review")
EXPECT_KEYS = ("status", "failing", "rules", "binding", "conditions", "values")
NEVER = Decimal("Infinity")


@dataclass(frozen=True)
class Expect:
    """What a scenario expects; None (or an absent key) = not checked."""

    status: str | None = None
    failing: frozenset[str] | None = None
    rules: dict[str, str] = field(default_factory=dict)
    limits: dict[str, Decimal | str | None] = field(default_factory=dict)  # a value, None (no limit) or UNKNOWN
    binding: dict[str, str | None] = field(default_factory=dict)
    conditions: frozenset[str] | None = None
    values: dict[str, Decimal | bool | str | None] = field(default_factory=dict)

    def empty(self) -> bool:
        return (self.status is None and self.failing is None and not self.rules and not self.limits and not self.binding
                and self.conditions is None and not self.values)


@dataclass
class ExpectNames:
    """The names a scenario of one program may expect things about."""

    program: ir_program.Program
    key: str = ""

    @property
    def label(self) -> str:
        return self.key or self.program.id

    @cached_property
    def limits(self) -> dict[str, ir.Limit]:
        return {lim.id: lim for lim in self.program.limits}

    @cached_property
    def values(self) -> dict[str, ir.Value]:
        return {v.id: v for v in self.program.values}

    @cached_property
    def findings(self) -> list[str]:
        """Ids a finding can have: matrices, rules, limits, and the no-matrix finding."""
        extra = ["eligibility_matrix"] if self.program.matrices else []
        return list(self.program.rule_ids) + [lim.id for lim in self.program.limits] + extra


def read_finding_id(path: str, node: yaml.Node, text: str, names: ExpectNames) -> str:
    if text not in names.findings:
        raise TestFileError(location(path, node), f"`{text}` is not a rule of {names.label}.{did_you_mean(text, names.findings)}")
    return text


def read_id_list(path: str, node: yaml.Node, names: ExpectNames, what: str) -> frozenset[str]:
    """Rule ids: a YAML list, `none`, or comma-separated text."""
    if isinstance(node, yaml.SequenceNode):
        return frozenset(read_finding_id(path, n, scalar_text(path, n, what), names) for n in node.value)
    text = scalar_text(path, node, what)
    if text.lower() in ("none", "[]", ""):
        return frozenset()
    return frozenset(read_finding_id(path, node, part.strip(), names) for part in text.split(",") if part.strip())


UNKNOWN = "unknown"  # a limit expected unknown: data it needs is missing (language.md 9.5)


def read_limit_value(path: str, node: yaml.Node, lim: ir.Limit) -> Decimal | str | None:
    """A limit's expected value: a number, `none` (no limit: none applies, or the loan is not eligible under it) or
    `unknown` (the data that decides it is missing)."""
    if isinstance(node, yaml.ScalarNode) and str(node.value).strip().lower() in ("none", "no limit"):
        return None
    if isinstance(node, yaml.ScalarNode) and str(node.value).strip().lower() == UNKNOWN:
        return UNKNOWN
    v = parse_typed(path, node, lim.type, f"`{lim.id}`")
    if v is None:
        raise TestFileError(location(path, node),
                            f"`{lim.id}`: write a number, `none` when no limit applies, or `unknown`.")
    assert isinstance(v, Decimal)
    return v


def read_derived(path: str, node: yaml.Node, value: ir.Value) -> Decimal | bool | str | None:
    """A number (or `never`), yes/no, or one of a choice value's choices, as the value's type says."""
    if value.type.kind in ir_types.NUMERIC and isinstance(node, yaml.ScalarNode) \
            and str(node.value).strip().lower() == "never":
        return NEVER
    if value.type.kind == "enum":  # a derived category: its choice, by name or by label; `none` when unknown
        labels = dict(zip(value.type.labels, value.type.values, strict=False))
        text = str(node.value).strip() if isinstance(node, yaml.ScalarNode) else ""
        if text.lower() == "none" and "none" not in value.type.values:
            return None
        return labels.get(text) or parse_typed(path, node, value.type, f"value `{value.id}`")
    v = parse_typed(path, node, value.type, f"value `{value.id}`")
    if v is not None and not isinstance(v, (Decimal, bool, str)):
        raise TestFileError(location(path, node), f"value `{value.id}` cannot be checked by a test.")
    return v


def _binding(path: str, node: yaml.Node, names: ExpectNames) -> dict[str, str | None]:
    """`binding: rule` (of max_ltv) or `binding: {limit: rule}`; `none` when no rule binds."""
    def rule(n: yaml.Node) -> str | None:
        text = scalar_text(path, n, "binding")
        return None if text.lower() == "none" else read_finding_id(path, n, text, names)

    if isinstance(node, yaml.ScalarNode):
        if "max_ltv" not in names.limits:
            raise TestFileError(location(path, node), "`binding: <rule>` is for max_ltv; write `binding: {<limit>: <rule>}`.")
        return {"max_ltv": rule(node)}
    out: dict[str, str | None] = {}
    for key, (knode, vnode) in mapping(path, node, "binding").items():
        if key not in names.limits:
            raise TestFileError(location(path, knode), f"`{key}` is not a limit of {names.label}.{did_you_mean(key, names.limits)}")
        out[key] = rule(vnode)
    return out


def read_conditions(path: str, node: yaml.Node) -> frozenset[str]:
    if isinstance(node, yaml.SequenceNode):
        return frozenset(scalar_text(path, n, "a condition") for n in node.value)
    text = scalar_text(path, node, "conditions")
    if text.lower() in ("none", "[]", ""):
        return frozenset()
    return frozenset(part.strip() for part in text.split(";") if part.strip())


def read_expect(path: str, node: yaml.Node, names: ExpectNames) -> Expect:
    entries = mapping(path, node, "expect")
    allowed = list(EXPECT_KEYS) + list(names.limits)
    only_keys(path, entries, allowed, "expect")
    status = failing = conditions = None
    rules: dict[str, str] = {}
    limits: dict[str, Decimal | str | None] = {}
    binding: dict[str, str | None] = {}
    values: dict[str, Decimal | bool | str | None] = {}
    for key, (_k, v) in entries.items():
        if key == "status":
            status = read_status(path, v)
        elif key == "failing":
            failing = read_id_list(path, v, names, "failing")
        elif key == "conditions":
            conditions = read_conditions(path, v)
        elif key == "binding":
            binding = _binding(path, v, names)
        elif key == "rules":
            for rid, (rk, rv) in mapping(path, v, "rules").items():
                rules[read_finding_id(path, rk, rid, names)] = _outcome(path, rv)
        elif key == "values":
            for vid, (vk, vv) in mapping(path, v, "values").items():
                value = names.values.get(vid)
                if value is None:
                    raise TestFileError(location(path, vk), f"`{vid}` is not a derived value of {names.label}."
                                        f"{did_you_mean(vid, names.values)}")
                values[vid] = read_derived(path, vv, value)
        else:
            limits[key] = read_limit_value(path, v, names.limits[key])
    return Expect(status, failing, rules, limits, binding, conditions, values)


def read_status(path: str, node: yaml.Node) -> str:
    text = scalar_text(path, node, "status")
    if text not in STATUSES:
        raise TestFileError(location(path, node), f"status `{text}` is not one of {', '.join(STATUSES)}.{did_you_mean(text, STATUSES)}")
    return text


def _outcome(path: str, node: yaml.Node) -> str:
    text = scalar_text(path, node, "outcome").replace(" ", "_")
    if text not in OUTCOMES:
        raise TestFileError(location(path, node), f"outcome `{text}` is not one of {', '.join(OUTCOMES)}.{did_you_mean(text, OUTCOMES)}")
    return text

