"""Guideline tests: reading the YAML test files credit-policy staff write beside the programs.

A test file (`programs/tests/*.yaml`) names a program, a base loan, and scenarios: each a loan (changes to
the base) and what the program must decide for it. A table scenario gives many loans at once, one per row of
a pipe table (`rows: |`), for matrices. A program with several versions is tested version by version:
`program: id@version`, or `on: YYYY-MM-DD` for the version in force on a date. The format is documented in
docs/language.md ("Guideline tests").

Exactness: YAML is read as a node tree (`yaml.compose`), never with YAML's own number conversion; every
scalar is converted here from its text, by the type the vocabulary declares for the field (money, percent
and ratios become Decimal, never float). Every problem is a `TestFileError` with file:line:col and, for a
misspelled name, "did you mean".
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

from compiler import ir, ir_program, ir_types
from compiler.source import display_path

STATUSES = ("eligible", "ineligible", "needs_info")
OUTCOMES = ("pass", "fail", "missing", "not_applicable", "review")
EXPECT_KEYS = ("status", "failing", "rules", "binding", "conditions", "values")
FILE_KEYS = ("program", "on", "base", "scenarios")
SCENARIO_KEYS = ("name", "program", "on", "loan", "expect")
TABLE_KEYS = ("name", "program", "on", "loan", "rows")
UNKNOWN_WORDS = ("", "~", "null", "unknown")
NEVER = Decimal("Infinity")
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when installed: same nodes and marks, faster
NUMBER = re.compile(r"-?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?")


class TestFileError(Exception):
    """A problem in a test file, located."""

    __test__ = False  # not a pytest test class

    def __init__(self, where: str, message: str) -> None:
        super().__init__(f"{where}: {message}")
        self.where = where
        self.message = message


@dataclass(frozen=True)
class Expect:
    """What a scenario expects; None (or an absent key) = not checked."""

    status: str | None = None
    failing: frozenset[str] | None = None
    rules: dict[str, str] = field(default_factory=dict)
    limits: dict[str, Decimal | None] = field(default_factory=dict)
    binding: dict[str, str | None] = field(default_factory=dict)
    conditions: frozenset[str] | None = None
    values: dict[str, Decimal | None] = field(default_factory=dict)

    def empty(self) -> bool:
        return (self.status is None and self.failing is None and not self.rules and not self.limits and not self.binding
                and self.conditions is None and not self.values)


@dataclass(frozen=True)
class Scenario:
    """One loan, one program version, what the program must decide.

    `program` is the version's key (`program_keys`): the program id for the current version, `id@version`
    for an older one.
    """

    __test__ = False

    name: str
    program: str
    loan: dict[str, Any]
    expect: Expect
    file: str
    line: int

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}"


# ------------------------------------------------------------------ program versions


def version_key(program: ir_program.Program, current: bool) -> str:
    """How tests and coverage name a version: the id for the current one, `id@version` for an older one."""
    return program.id if current else f"{program.id}@{program.version}"


def program_keys(bundle: ir_program.Bundle) -> dict[str, ir_program.Program]:
    """Every version of every program by its key (`version_key`): current versions first, then older ones."""
    out = {version_key(p, True): p for p in bundle.programs}
    out.update((version_key(p, False), p) for p in bundle.history)
    return out


def versions_text(versions: tuple[ir_program.Program, ...]) -> str:
    """`2025.2 (effective 2025-07-01), 2026.1 (effective 2026-01-01, current)`."""
    return ", ".join(f"{p.version} (effective {p.effective.isoformat()}{', current' if i == len(versions) - 1 else ''})"
                     for i, p in enumerate(versions))


@dataclass(frozen=True)
class ProgramRef:
    """A program named in a test file: `id`, or `id@version` for one of its versions."""

    id: str
    version: str | None


# ------------------------------------------------------------------ locations and names


def _at(path: str, node: yaml.Node) -> str:
    return f"{path}:{node.start_mark.line + 1}:{node.start_mark.column + 1}"


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" Did you mean `{close[0]}`?" if close else ""


def _mapping(path: str, node: yaml.Node, what: str) -> dict[str, tuple[yaml.Node, yaml.Node]]:
    """A mapping node's entries by key (key node, value node); duplicate and non-text keys are errors."""
    if not isinstance(node, yaml.MappingNode):
        raise TestFileError(_at(path, node), f"{what} should be a list of `name: value` lines.")
    out: dict[str, tuple[yaml.Node, yaml.Node]] = {}
    for k, v in node.value:
        if not isinstance(k, yaml.ScalarNode):
            raise TestFileError(_at(path, k), f"A key in {what} should be a plain name.")
        if node.flow_style and re.fullmatch(r"\d+(\.\d+)?", str(k.value)):
            raise TestFileError(_at(path, k), "Inside `{...}` a comma separates fields, so a number like 1,000,000 is cut at "
                                "its commas. Write it without commas (1000000), in quotes (\"1,000,000\"), or put each field "
                                "on its own line.")
        if k.value in out:
            raise TestFileError(_at(path, k), f"`{k.value}` is given twice in {what}.")
        out[k.value] = (k, v)
    return out


def _only(path: str, entries: dict[str, tuple[yaml.Node, yaml.Node]], allowed: Iterable[str], what: str) -> None:
    allowed = list(allowed)
    for key, (knode, _v) in entries.items():
        if key not in allowed:
            raise TestFileError(_at(path, knode), f"Unknown key `{key}` in {what}.{did_you_mean(key, allowed)}"
                                f" Allowed: {', '.join(allowed)}.")


def _text(path: str, node: yaml.Node, what: str) -> str:
    if not isinstance(node, yaml.ScalarNode):
        raise TestFileError(_at(path, node), f"{what} should be a single value, not a list or a mapping.")
    return str(node.value).strip()


def _is_unknown(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and not node.style and str(node.value).strip().lower() in UNKNOWN_WORDS


# ------------------------------------------------------------------ values by type


def parse_number(text: str, kind: str) -> Decimal:
    """An exact number as people write it: `1,000,000`, `$1,000,000`, `80%`, `12 months`, `0.965`."""
    t = text.strip()
    if kind == "money":
        t = t.replace("$", "", 1) if t.startswith(("$", "-$")) else t
        for tail in ("/month", "/mo"):
            t = t.removesuffix(tail)
    elif kind == "percent":
        t = t.removesuffix("%").strip()
    elif kind == "months":
        t = re.sub(r"\s*months?$", "", t)
    if not NUMBER.fullmatch(t):
        example = {"money": "1,250,000 or $1,250,000", "percent": "80% or 80", "months": "12 or 12 months",
                   "integer": "745", "ratio": "1.250"}.get(kind, "12.5")
        raise ValueError(f"`{text}` is not a number (write it like {example})")
    try:
        return Decimal(t.replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the pattern admits only valid numbers
        raise ValueError(f"`{text}` is not a number") from None


def parse_typed(path: str, node: yaml.Node, typ: ir_types.Type, what: str) -> Any:
    """A scalar converted by its declared type; None for unknown."""
    if _is_unknown(node):
        return None
    text = _text(path, node, what)
    where = _at(path, node)
    if typ.kind in ir_types.NUMERIC:
        try:
            value = parse_number(text, typ.kind)
        except ValueError as err:
            raise TestFileError(where, f"{what}: {err}.") from None
        return value
    if typ.kind == "yesno":
        low = text.lower()
        if low in ("yes", "true"):
            return True
        if low in ("no", "false"):
            return False
        raise TestFileError(where, f"{what}: `{text}` is not yes or no.")
    if typ.kind == "date":
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            raise TestFileError(where, f"{what}: `{text}` is not a date (write it like 2026-03-14).") from None
    if typ.kind == "enum":
        if text not in typ.values:
            raise TestFileError(where, f"{what}: `{text}` is not one of its values.{did_you_mean(text, typ.values)}"
                                f" Values: {', '.join(typ.values)}.")
        return text
    return text


def _decimals(v: Decimal) -> int:
    """Decimals a number needs (trailing zeros not counted), exactly, whatever its size."""
    _sign, digits, exponent = v.as_tuple()
    assert isinstance(exponent, int)
    trailing = len(digits) - len("".join(map(str, digits)).rstrip("0"))
    return max(0, -(exponent + trailing))


# ------------------------------------------------------------------ loans


class LoanReader:
    """Loan fields in a test file, validated against the vocabulary (names, types, ranges, decimals)."""

    def __init__(self, vocabulary: ir_program.Vocabulary) -> None:
        self.vocabulary = vocabulary
        self.fields = {f.name: f for f in vocabulary.fields}
        self.records = {r.name: r for r in vocabulary.records}

    def field(self, path: str, name: str, knode: yaml.Node) -> ir.Field:
        f = self.fields.get(name)
        if f is None:
            raise TestFileError(_at(path, knode), f"Unknown loan field `{name}`.{did_you_mean(name, self.fields)}"
                                " Loan fields are those of programs/loan.fields.")
        return f

    def value(self, path: str, f: ir.Field, node: yaml.Node) -> Any:
        if f.type.kind == "list":
            return self._list(path, f, node)
        v = parse_typed(path, node, f.type, f"`{f.name}`")
        if isinstance(v, Decimal):
            self._check_number(path, f, v, node)
            if f.type.kind in ("integer", "months"):
                return int(v)
        return v

    def _check_number(self, path: str, f: ir.Field, v: Decimal, node: yaml.Node) -> None:
        where = _at(path, node)
        if f.type.kind in ("integer", "months") and v != v.to_integral_value():
            raise TestFileError(where, f"`{f.name}` is a whole number; `{node.value}` is not.")
        if f.range is not None and not f.range.contains(v):
            raise TestFileError(where, f"`{f.name}` {node.value} is outside its range {f.range.label}.")
        if f.places is not None and _decimals(v) > f.places:
            raise TestFileError(where, f"`{f.name}` has at most {f.places} decimals; `{node.value}` has more.")

    def _list(self, path: str, f: ir.Field, node: yaml.Node) -> list[dict[str, Any]] | None:
        if _is_unknown(node):
            return None
        if not isinstance(node, yaml.SequenceNode):
            raise TestFileError(_at(path, node), f"`{f.name}` is a list: write `[]` for none, or one `- ...` item per line.")
        record = self.records[f.type.record]
        rfields = {rf.name: rf for rf in record.fields}
        items: list[dict[str, Any]] = []
        for item in node.value:
            entries = _mapping(path, item, f"an item of `{f.name}`")
            out: dict[str, Any] = {}
            for key, (knode, vnode) in entries.items():
                rf = rfields.get(key)
                if rf is None:
                    raise TestFileError(_at(path, knode), f"Unknown field `{key}` in an item of `{f.name}`."
                                        f"{did_you_mean(key, rfields)} Fields: {', '.join(rfields)}.")
                out[key] = self.value(path, rf, vnode)
            items.append(out)
        return items

    def read(self, path: str, node: yaml.Node, what: str) -> dict[str, Any]:
        if _is_unknown(node):
            return {}
        loan: dict[str, Any] = {}
        for key, (knode, vnode) in _mapping(path, node, what).items():
            loan[key] = self.value(path, self.field(path, key, knode), vnode)
        return loan


# ------------------------------------------------------------------ expectations


@dataclass
class _Names:
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


def _finding_id(path: str, node: yaml.Node, text: str, names: _Names) -> str:
    if text not in names.findings:
        raise TestFileError(_at(path, node), f"`{text}` is not a rule of {names.label}.{did_you_mean(text, names.findings)}")
    return text


def _id_list(path: str, node: yaml.Node, names: _Names, what: str) -> frozenset[str]:
    """Rule ids: a YAML list, `none`, or comma-separated text."""
    if isinstance(node, yaml.SequenceNode):
        return frozenset(_finding_id(path, n, _text(path, n, what), names) for n in node.value)
    text = _text(path, node, what)
    if text.lower() in ("none", "[]", ""):
        return frozenset()
    return frozenset(_finding_id(path, node, part.strip(), names) for part in text.split(",") if part.strip())


def _limit_value(path: str, node: yaml.Node, lim: ir.Limit) -> Decimal | None:
    if isinstance(node, yaml.ScalarNode) and str(node.value).strip().lower() in ("none", "no limit"):
        return None
    v = parse_typed(path, node, lim.type, f"`{lim.id}`")
    if v is None:
        raise TestFileError(_at(path, node), f"`{lim.id}`: write a number, or `none` when no limit applies.")
    assert isinstance(v, Decimal)
    return v


def _derived(path: str, node: yaml.Node, value: ir.Value) -> Decimal | None:
    if isinstance(node, yaml.ScalarNode) and str(node.value).strip().lower() == "never":
        return NEVER
    v = parse_typed(path, node, value.type, f"value `{value.id}`")
    if v is not None and not isinstance(v, Decimal):
        raise TestFileError(_at(path, node), f"value `{value.id}` is not a number.")
    return v


def _binding(path: str, node: yaml.Node, names: _Names) -> dict[str, str | None]:
    """`binding: rule` (of max_ltv) or `binding: {limit: rule}`; `none` when no rule binds."""
    def rule(n: yaml.Node) -> str | None:
        text = _text(path, n, "binding")
        return None if text.lower() == "none" else _finding_id(path, n, text, names)

    if isinstance(node, yaml.ScalarNode):
        if "max_ltv" not in names.limits:
            raise TestFileError(_at(path, node), "`binding: <rule>` is for max_ltv; write `binding: {<limit>: <rule>}`.")
        return {"max_ltv": rule(node)}
    out: dict[str, str | None] = {}
    for key, (knode, vnode) in _mapping(path, node, "binding").items():
        if key not in names.limits:
            raise TestFileError(_at(path, knode), f"`{key}` is not a limit of {names.label}.{did_you_mean(key, names.limits)}")
        out[key] = rule(vnode)
    return out


def _conditions(path: str, node: yaml.Node) -> frozenset[str]:
    if isinstance(node, yaml.SequenceNode):
        return frozenset(_text(path, n, "a condition") for n in node.value)
    text = _text(path, node, "conditions")
    if text.lower() in ("none", "[]", ""):
        return frozenset()
    return frozenset(part.strip() for part in text.split(";") if part.strip())


def read_expect(path: str, node: yaml.Node, names: _Names) -> Expect:
    entries = _mapping(path, node, "expect")
    allowed = list(EXPECT_KEYS) + list(names.limits)
    _only(path, entries, allowed, "expect")
    status = failing = conditions = None
    rules: dict[str, str] = {}
    limits: dict[str, Decimal | None] = {}
    binding: dict[str, str | None] = {}
    values: dict[str, Decimal | None] = {}
    for key, (_k, v) in entries.items():
        if key == "status":
            status = _status(path, v)
        elif key == "failing":
            failing = _id_list(path, v, names, "failing")
        elif key == "conditions":
            conditions = _conditions(path, v)
        elif key == "binding":
            binding = _binding(path, v, names)
        elif key == "rules":
            for rid, (rk, rv) in _mapping(path, v, "rules").items():
                rules[_finding_id(path, rk, rid, names)] = _outcome(path, rv)
        elif key == "values":
            for vid, (vk, vv) in _mapping(path, v, "values").items():
                value = names.values.get(vid)
                if value is None:
                    raise TestFileError(_at(path, vk), f"`{vid}` is not a derived value of {names.label}."
                                        f"{did_you_mean(vid, names.values)}")
                values[vid] = _derived(path, vv, value)
        else:
            limits[key] = _limit_value(path, v, names.limits[key])
    return Expect(status, failing, rules, limits, binding, conditions, values)


def _status(path: str, node: yaml.Node) -> str:
    text = _text(path, node, "status")
    if text not in STATUSES:
        raise TestFileError(_at(path, node), f"status `{text}` is not one of {', '.join(STATUSES)}.{did_you_mean(text, STATUSES)}")
    return text


def _outcome(path: str, node: yaml.Node) -> str:
    text = _text(path, node, "outcome").replace(" ", "_")
    if text not in OUTCOMES:
        raise TestFileError(_at(path, node), f"outcome `{text}` is not one of {', '.join(OUTCOMES)}.{did_you_mean(text, OUTCOMES)}")
    return text


# ------------------------------------------------------------------ files


class TestFileReader:
    """Reads test files against one checked bundle."""

    __test__ = False

    def __init__(self, bundle: ir_program.Bundle) -> None:
        self.bundle = bundle
        self.programs = program_keys(bundle)
        self.ids = sorted({p.id for p in bundle.programs})
        self.loans = LoanReader(bundle.vocabulary)

    def read(self, file: Path) -> list[Scenario]:
        path = display_path(file)
        try:
            text = file.read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            raise TestFileError(path, "no such file.") from None
        except (OSError, UnicodeDecodeError) as err:
            raise TestFileError(path, f"cannot be read: {err}.") from None
        try:
            root = yaml.compose(text, Loader=LOADER)
        except yaml.MarkedYAMLError as err:
            mark = err.problem_mark or err.context_mark
            where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else path
            raise TestFileError(where, f"not valid YAML: {err.problem or err.context}.") from None
        except yaml.YAMLError as err:
            raise TestFileError(path, f"not valid YAML: {err}.") from None
        if root is None:
            raise TestFileError(f"{path}:1:1", "the file is empty; it needs `scenarios:`.")
        entries = _mapping(path, root, "a test file")
        _only(path, entries, FILE_KEYS, "a test file")
        default = self._refs(path, entries["program"][1]) if "program" in entries else None
        on = self._on(path, entries["on"][1]) if "on" in entries else None
        if default is not None:
            self._resolve(default, on)  # a wrong version or date is reported where the file says it
        base = self.loans.read(path, entries["base"][1], "base") if "base" in entries else {}
        if "scenarios" not in entries:
            raise TestFileError(_at(path, root), "the file has no `scenarios:`.")
        snode = entries["scenarios"][1]
        if not isinstance(snode, yaml.SequenceNode) or not snode.value:
            raise TestFileError(_at(path, snode), "`scenarios:` should be a list of scenarios, each starting with `- name:`.")
        out: list[Scenario] = []
        names_seen: dict[str, int] = {}
        for item in snode.value:
            for sc in self._item(path, text, item, default, on, base):
                if sc.name in names_seen:
                    raise TestFileError(f"{sc.where}:1", f"a second scenario named `{sc.name}` (the first is on line {names_seen[sc.name]}).")
                names_seen[sc.name] = sc.line
                out.append(sc)
        return out

    def _refs(self, path: str, node: yaml.Node) -> list[ProgramRef]:
        """The programs a `program:` names: `id` or `id@version`, one or a list; unknown ids and versions are errors."""
        nodes = node.value if isinstance(node, yaml.SequenceNode) else [node]
        out = []
        for n in nodes:
            text = _text(path, n, "program")
            pid, at, version = (part.strip() for part in text.partition("@"))
            if pid not in self.ids:
                raise TestFileError(_at(path, n), f"No program `{pid}`.{did_you_mean(pid, self.ids)}"
                                    f" Programs: {', '.join(self.ids)}.")
            versions = self.bundle.versions(pid)
            if at and version not in [p.version for p in versions]:
                known = [p.version for p in versions]
                raise TestFileError(_at(path, n), f"`{pid}` has no version `{version}`.{did_you_mean(version, known)}"
                                    f" Its versions: {versions_text(versions)}.")
            out.append(ProgramRef(pid, version if at else None))
        if not out:
            raise TestFileError(_at(path, node), "`program:` names no program.")
        return out

    def _on(self, path: str, node: yaml.Node) -> tuple[dt.date, str]:
        text = _text(path, node, "on")
        try:
            return dt.date.fromisoformat(text), _at(path, node)
        except ValueError:
            raise TestFileError(_at(path, node), f"on: `{text}` is not a date (write it like 2025-09-01): the scenarios "
                                "run under the version of the program in force on that date.") from None

    def _resolve(self, refs: list[ProgramRef], on: tuple[dt.date, str] | None) -> list[str]:
        """The version keys the refs name: the version written, else the one in force `on` the date, else the current one."""
        keys = []
        for ref in refs:
            versions = self.bundle.versions(ref.id)
            chosen = versions[-1]
            if ref.version is not None:
                chosen = next(p for p in versions if p.version == ref.version)
            if on is not None:
                day, where = on
                in_force = [p for p in versions if p.effective <= day]
                if not in_force:
                    first = versions[0]
                    raise TestFileError(where, f"No version of `{ref.id}` is in force on {day.isoformat()}: its first version, "
                                        f"{first.version}, takes effect on {first.effective.isoformat()}. "
                                        f"Its versions: {versions_text(versions)}.")
                if ref.version is not None and in_force[-1] is not chosen:
                    raise TestFileError(where, f"`{ref.id}@{ref.version}` is not the version in force on {day.isoformat()} "
                                        f"(that is {in_force[-1].version}); give either `@version` or `on:`, not both.")
                chosen = in_force[-1]
            keys.append(version_key(chosen, chosen is versions[-1]))
        return keys

    def _item(self, path: str, text: str, node: yaml.Node, default: list[ProgramRef] | None,
              file_on: tuple[dt.date, str] | None, base: dict[str, Any]) -> list[Scenario]:
        entries = _mapping(path, node, "a scenario")
        is_table = "rows" in entries
        _only(path, entries, TABLE_KEYS if is_table else SCENARIO_KEYS, "a table" if is_table else "a scenario")
        if "name" not in entries:
            raise TestFileError(_at(path, node), "a scenario needs a `name:`.")
        name = _text(path, entries["name"][1], "name")
        refs = self._refs(path, entries["program"][1]) if "program" in entries else default
        if refs is None:
            raise TestFileError(_at(path, node), f"scenario `{name}` names no program: add `program:` to it or to the file.")
        on = self._on(path, entries["on"][1]) if "on" in entries else file_on
        programs = self._resolve(refs, on)
        loan = {**base, **(self.loans.read(path, entries["loan"][1], "loan") if "loan" in entries else {})}
        line = node.start_mark.line + 1
        out: list[Scenario] = []
        for pid in programs:
            names = _Names(self.programs[pid], pid)
            shown = name if len(programs) == 1 else f"{name} [{pid}]"
            if is_table:
                out.extend(self._table(path, text, entries["rows"][1], shown, pid, loan, names))
                continue
            if "expect" not in entries:
                raise TestFileError(_at(path, node), f"scenario `{name}` has no `expect:`; say what the program must decide.")
            expect = read_expect(path, entries["expect"][1], names)
            if expect.empty():
                raise TestFileError(_at(path, entries["expect"][1]), f"scenario `{name}` expects nothing.")
            out.append(Scenario(shown, pid, loan, expect, path, line))
        return out

    def _table(self, path: str, text: str, node: yaml.Node, name: str, pid: str, loan: dict[str, Any],
               names: _Names) -> list[Scenario]:
        if not isinstance(node, yaml.ScalarNode) or node.style != "|":
            raise TestFileError(_at(path, node), "write a table's rows as a block: `rows: |`, then one `| a | b |` line per row.")
        source_lines = text.splitlines()
        first = node.start_mark.line + 1  # 0-based index of the block's first line
        lines = [(first + i, ln) for i, ln in enumerate(node.value.splitlines())
                 if ln.strip() and not re.fullmatch(r"[\s|:\-+]*", ln)]
        if len(lines) < 2:
            raise TestFileError(_at(path, node), "a table needs a header line and at least one row.")
        cols = self._columns(path, source_lines, *lines[0], names)
        out: list[Scenario] = []
        for index, ln in lines[1:]:
            cells = _cells(path, index, ln, source_lines)
            if len(cells) != len(cols):
                raise TestFileError(f"{path}:{index + 1}:1", f"this row has {len(cells)} cells; the header has {len(cols)}.")
            row_loan = dict(loan)
            expect: dict[str, Any] = {"rules": {}, "limits": {}, "binding": {}, "values": {}}
            shown: list[str] = []
            for (col, kind), (cell, col_no) in zip(cols, cells, strict=True):
                if cell == "-":
                    continue
                cnode = _cell_node(cell, index, col_no)
                if kind == "field":
                    f = self.loans.fields[col]
                    row_loan[col] = self.loans.value(path, f, cnode)
                    shown.append(f"{col} {cell}")
                elif kind == "status":
                    expect["status"] = _status(path, cnode)
                elif kind == "failing":
                    expect["failing"] = _id_list(path, cnode, names, "failing")
                elif kind == "conditions":
                    expect["conditions"] = _conditions(path, cnode)
                elif kind == "binding":
                    expect["binding"]["max_ltv"] = None if cell.lower() == "none" else _finding_id(path, cnode, cell, names)
                elif kind == "limit":
                    expect["limits"][col] = _limit_value(path, cnode, names.limits[col])
                else:
                    expect["values"][col] = _derived(path, cnode, names.values[col])
            exp = Expect(expect.get("status"), expect.get("failing"), {}, expect["limits"], expect["binding"],
                         expect.get("conditions"), expect["values"])
            if exp.empty():
                raise TestFileError(f"{path}:{index + 1}:1", "this row expects nothing.")
            out.append(Scenario(f"{name}: {', '.join(shown) or f'line {index + 1}'}", pid, row_loan, exp, path, index + 1))
        return out

    def _columns(self, path: str, source_lines: list[str], index: int, header: str, names: _Names) -> list[tuple[str, str]]:
        cols: list[tuple[str, str]] = []
        expect_cols = ("status", "failing", "binding", "conditions")
        for cell, col_no in _cells(path, index, header, source_lines):
            if cell in self.loans.fields:
                if self.loans.fields[cell].type.kind == "list":
                    raise TestFileError(f"{path}:{index + 1}:{col_no}", f"`{cell}` is a list; give it in `loan:`, not in a table column.")
                cols.append((cell, "field"))
            elif cell in expect_cols:
                cols.append((cell, cell))
            elif cell in names.limits:
                cols.append((cell, "limit"))
            elif cell in names.values:
                cols.append((cell, "value"))
            else:
                known = [*self.loans.fields, *expect_cols, *names.limits, *names.values]
                raise TestFileError(f"{path}:{index + 1}:{col_no}", f"Unknown column `{cell}`.{did_you_mean(cell, known)}"
                                    " A column is a loan field, a limit, a derived value, status, failing, binding or conditions.")
        return cols


def _cells(path: str, index: int, line: str, source_lines: list[str]) -> list[tuple[str, int]]:
    """The cells of a `| a | b |` line with their 1-based columns in the file's line."""
    source = source_lines[index] if index < len(source_lines) else line
    shift = max(source.find(line), 0)
    stripped = line.rstrip()
    if not stripped.lstrip().startswith("|") or not stripped.endswith("|"):
        raise TestFileError(f"{path}:{index + 1}:1", "a table line starts and ends with `|`.")
    out: list[tuple[str, int]] = []
    start = stripped.index("|") + 1
    while start < len(stripped):
        end = stripped.index("|", start)
        raw = stripped[start:end]
        out.append((raw.strip(), shift + start + (len(raw) - len(raw.lstrip())) + 1))
        start = end + 1
    return out


def _cell_node(cell: str, index: int, col_no: int) -> yaml.ScalarNode:
    """A table cell as a plain scalar node, so cells and YAML values convert alike (and errors point at the cell)."""
    mark = yaml.Mark("", 0, index, col_no - 1, "", 0)
    return yaml.ScalarNode("tag:yaml.org,2002:str", cell, mark, mark, style=None)


def read_test_files(files: list[Path], bundle: ir_program.Bundle) -> tuple[list[Scenario], list[TestFileError]]:
    """Every scenario of the files; one error per malformed file (its first problem)."""
    reader = TestFileReader(bundle)
    scenarios: list[Scenario] = []
    errors: list[TestFileError] = []
    for f in files:
        try:
            scenarios.extend(reader.read(f))
        except TestFileError as err:
            errors.append(err)
    return scenarios, errors
