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

The parts: `scenario_yaml` (YAML nodes, located errors), `scenario_values` (typed values and loans),
`scenario_expect` (what a scenario expects); this module reads whole files into `Scenario`s.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from compiler import ir_program
from compiler.source import display_path
from compiler.tools.scenario_expect import (
    Expect,
    ExpectNames,
    read_conditions,
    read_derived,
    read_expect,
    read_finding_id,
    read_id_list,
    read_limit_value,
    read_status,
)
from compiler.tools.scenario_values import LoanReader
from compiler.tools.scenario_yaml import LOADER, TestFileError, did_you_mean, location, mapping, only_keys, scalar_text

FILE_KEYS = ("program", "on", "base", "scenarios")
SCENARIO_KEYS = ("name", "program", "on", "loan", "expect")
TABLE_KEYS = ("name", "program", "on", "loan", "rows")


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
        entries = mapping(path, root, "a test file")
        only_keys(path, entries, FILE_KEYS, "a test file")
        default = self._refs(path, entries["program"][1]) if "program" in entries else None
        on = self._on(path, entries["on"][1]) if "on" in entries else None
        if default is not None:
            self._resolve(default, on)  # a wrong version or date is reported where the file says it
        base = self.loans.read(path, entries["base"][1], "base") if "base" in entries else {}
        if "scenarios" not in entries:
            raise TestFileError(location(path, root), "the file has no `scenarios:`.")
        snode = entries["scenarios"][1]
        if not isinstance(snode, yaml.SequenceNode) or not snode.value:
            raise TestFileError(location(path, snode), "`scenarios:` should be a list of scenarios, each starting with `- name:`.")
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
            text = scalar_text(path, n, "program")
            pid, at, version = (part.strip() for part in text.partition("@"))
            if pid not in self.ids:
                raise TestFileError(location(path, n), f"No program `{pid}`.{did_you_mean(pid, self.ids)}"
                                    f" Programs: {', '.join(self.ids)}.")
            versions = self.bundle.versions(pid)
            if at and version not in [p.version for p in versions]:
                known = [p.version for p in versions]
                raise TestFileError(location(path, n), f"`{pid}` has no version `{version}`.{did_you_mean(version, known)}"
                                    f" Its versions: {versions_text(versions)}.")
            out.append(ProgramRef(pid, version if at else None))
        if not out:
            raise TestFileError(location(path, node), "`program:` names no program.")
        return out

    def _on(self, path: str, node: yaml.Node) -> tuple[dt.date, str]:
        text = scalar_text(path, node, "on")
        try:
            return dt.date.fromisoformat(text), location(path, node)
        except ValueError:
            raise TestFileError(location(path, node), f"on: `{text}` is not a date (write it like 2025-09-01): the scenarios "
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
        entries = mapping(path, node, "a scenario")
        is_table = "rows" in entries
        only_keys(path, entries, TABLE_KEYS if is_table else SCENARIO_KEYS, "a table" if is_table else "a scenario")
        if "name" not in entries:
            raise TestFileError(location(path, node), "a scenario needs a `name:`.")
        name = scalar_text(path, entries["name"][1], "name")
        refs = self._refs(path, entries["program"][1]) if "program" in entries else default
        if refs is None:
            raise TestFileError(location(path, node), f"scenario `{name}` names no program: add `program:` to it or to the file.")
        on = self._on(path, entries["on"][1]) if "on" in entries else file_on
        programs = self._resolve(refs, on)
        loan = {**base, **(self.loans.read(path, entries["loan"][1], "loan") if "loan" in entries else {})}
        line = node.start_mark.line + 1
        out: list[Scenario] = []
        for pid in programs:
            names = ExpectNames(self.programs[pid], pid)
            shown = name if len(programs) == 1 else f"{name} [{pid}]"
            if is_table:
                out.extend(self._table(path, text, entries["rows"][1], shown, pid, loan, names))
                continue
            if "expect" not in entries:
                raise TestFileError(location(path, node), f"scenario `{name}` has no `expect:`; say what the program must decide.")
            expect = read_expect(path, entries["expect"][1], names)
            if expect.empty():
                raise TestFileError(location(path, entries["expect"][1]), f"scenario `{name}` expects nothing.")
            out.append(Scenario(shown, pid, self.loans.finish(loan), expect, path, line))
        return out

    def _table(self, path: str, text: str, node: yaml.Node, name: str, pid: str, loan: dict[str, Any],
               names: ExpectNames) -> list[Scenario]:
        if not isinstance(node, yaml.ScalarNode) or node.style != "|":
            raise TestFileError(location(path, node), "write a table's rows as a block: `rows: |`, then one `| a | b |` line per row.")
        source_lines = text.splitlines()
        first = node.start_mark.line + 1  # 0-based index of the block's first line
        lines = [(first + i, ln) for i, ln in enumerate(node.value.splitlines())
                 if ln.strip() and not re.fullmatch(r"[\s|:\-+]*", ln)]
        if len(lines) < 2:
            raise TestFileError(location(path, node), "a table needs a header line and at least one row.")
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
                    expect["status"] = read_status(path, cnode)
                elif kind == "failing":
                    expect["failing"] = read_id_list(path, cnode, names, "failing")
                elif kind == "conditions":
                    expect["conditions"] = read_conditions(path, cnode)
                elif kind == "binding":
                    expect["binding"]["max_ltv"] = None if cell.lower() == "none" else read_finding_id(path, cnode, cell, names)
                elif kind == "limit":
                    expect["limits"][col] = read_limit_value(path, cnode, names.limits[col])
                else:
                    expect["values"][col] = read_derived(path, cnode, names.values[col])
            exp = Expect(expect.get("status"), expect.get("failing"), {}, expect["limits"], expect["binding"],
                         expect.get("conditions"), expect["values"])
            if exp.empty():
                raise TestFileError(f"{path}:{index + 1}:1", "this row expects nothing.")
            out.append(Scenario(f"{name}: {', '.join(shown) or f'line {index + 1}'}", pid, self.loans.finish(row_loan), exp,
                                path, index + 1))
        return out

    def _columns(self, path: str, source_lines: list[str], index: int, header: str, names: ExpectNames) -> list[tuple[str, str]]:
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

