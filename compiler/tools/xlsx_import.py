"""`glc import-xlsx`: a matrix sheet (an investor's, or one `glc export-xlsx` wrote) as the language's `rows`,
`columns` and table lines, ready to paste into a `matrix` declaration under its `gives` line.

The grid is found, not configured: its first row label is the first cell that reads as a band (`740+`, `720-739`,
`<= 1MM`) with another band under it; the header is the row above (merged cells count for every cell they
cover), the rows go down to the first blank label, and the columns right to the first blank header. What the rows
and columns are of comes from `--rows` / `--columns`, or from the `Rows` / `Columns` lines `glc export-xlsx`
writes above the grid. Cells are read by `xlsx_cells`, header keys by the axis's kind (`xlsx_axes`); every cell
that cannot be read is reported by name (`Matrix A!C7`) with how to write it, and nothing is printed then. Gaps
and overlaps of the bands are found by the same check `glc check` runs (`compiler.lower.bands`), reported as its
diagnostics at the sheet's cells.

A matrix keyed on choices or yes/no, or with several keys per axis (`--rows "credit_grade, fico"`, `--columns
"doc_family / purpose"`), is read by `import_keyed`: one leading column per row key (the first line is the first
row whose leading cells read as the keys, with another under it or limits beside it), one header row per column
key right above it; choices by id or label, written back by id, column headings as `a / b`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from compiler import ir_program
from compiler.diagnostics import Diagnostic, Diagnostics
from compiler.source import Span
from compiler.tools.xlsx_axes import COLUMNS_LABEL, ROWS_LABEL, AxisError, AxisKind, ChoiceKeys, Key, axis_kind, axis_kinds, spell
from compiler.tools.xlsx_cells import CellError, LimitText, looks_like_band, read_band, read_limit
from compiler.tools.xlsx_sheet import Sheet, read_sheet


@dataclass(frozen=True, slots=True)
class Problem:
    """A cell that cannot be read: `Matrix A!C7`, what is wrong, how to write it."""

    cell: str
    problem: str
    fix: str
    at: tuple[int, int] = field(default=(0, 0), compare=False)  # (row, column), for sheet order


class SheetError(Exception):
    """Cells of the sheet cannot be read (every one of them, in sheet order)."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} cell(s) cannot be read")
        self.problems = sorted(problems, key=lambda p: p.at)


@dataclass(frozen=True)
class Imported:
    """The matrix in the language, the band checks' diagnostics, and notes (blank cells read as N/A)."""

    text: str
    diagnostics: list[Diagnostic]
    notes: list[str]
    sheet: str


def import_matrix(path: Path, sheet_name: str, bundle: ir_program.Bundle, rows: str | None = None,
                  columns: str | None = None, shown: str | None = None) -> Imported:
    """Read the matrix of one sheet. Raises WorkbookError (not a workbook, no such sheet), AxisError (what the
    axes are of is unknown or unsupported) and SheetError (cells that cannot be read)."""
    sheet = read_sheet(path, sheet_name)
    where = shown or path.as_posix()
    said = _said_above(sheet, sheet.max_row + 1)
    rows_said, columns_said = rows or said.get(ROWS_LABEL.casefold()), columns or said.get(COLUMNS_LABEL.casefold())
    if rows_said is not None:
        row_kinds = axis_kinds(rows_said, bundle)
        col_kinds = axis_kinds(columns_said, bundle, columns=True) if columns_said else []
        if len(row_kinds) > 1 or len(col_kinds) > 1 or any(isinstance(k, ChoiceKeys) for k in (*row_kinds, *col_kinds)):
            return import_keyed(sheet, where, rows_said, columns_said, row_kinds, col_kinds)
    top, label_col = _first_row_label(sheet)
    header = top - 1
    said = _said_above(sheet, header)
    rows = rows or said.get(ROWS_LABEL.casefold())
    columns = columns or said.get(COLUMNS_LABEL.casefold())
    problems: list[Problem] = []
    data_rows = _data_rows(sheet, top, label_col)
    grid_cols = _grid_columns(sheet, header, label_col)
    if not grid_cols:
        raise SheetError([Problem(sheet.ref(header, label_col + 1), "there is no header above the matrix's cells",
                                  "Put the column bands (or a label such as `Max LTV`) in the row above the first band.")])
    if rows is None:
        raise AxisError(f"Say what the row bands ({_span_ref(sheet, top, label_col, data_rows[-1], label_col)}) are of "
                        "with --rows FIELD, e.g. --rows fico; rows keyed on choices or several keys (one leading "
                        "column each) are named in order, e.g. --rows 'occupancy, fico'.")
    if columns is None and any(looks_like_band(sheet.value(header, c)) for c in grid_cols):
        raise AxisError(f"The header ({_span_ref(sheet, header, grid_cols[0], header, grid_cols[-1])}) holds column "
                        "bands: say what they are of with --columns FIELD, e.g. --columns loan_amount.")
    if columns is None and len(grid_cols) > 1:
        raise SheetError([Problem(sheet.ref(header, grid_cols[1]), f"`{sheet.value(header, grid_cols[1])}` is a second "
                                  "column of limits, and a matrix with rows only has one (with no --columns)",
                                  "Give both limits in one cell (`85% / 80%` for LTV / CLTV) or import each column as "
                                  "its own matrix; for column bands, give --columns FIELD.")])
    row_kind = axis_kind(rows, bundle)
    col_kind = axis_kind(columns, bundle) if columns else None

    def key(kind: AxisKind, r: int, c: int) -> Key | None:
        cell = sheet.at(r, c)
        try:
            got = kind.read(cell.value, cell.number_format, Span(where, r, c, r, c + 1))
            kind.source(got)  # a key the language cannot write is a problem of this cell
            return got
        except CellError as err:
            problems.append(Problem(sheet.ref(r, c), err.problem, err.fix, (r, c)))
            return None

    row_keys = [key(row_kind, r, label_col) for r in data_rows]
    col_keys = [key(col_kind, header, c) for c in grid_cols] if col_kind else []
    notes: list[str] = []
    cells = [[_cell(sheet, r, c, problems, notes) for c in grid_cols] for r in data_rows]
    if problems:
        raise SheetError(problems)
    rk = [k for k in row_keys if k is not None]
    ck = [k for k in col_keys if k is not None]
    diagnostics = _checked(row_kind, rk, sheet) + (_checked(col_kind, ck, sheet) if col_kind else [])
    lines = [f"  rows {rows}"] + ([f"  columns {columns}"] if columns else [])
    corner = _label(sheet.value(header, label_col), rows)
    head = [corner, *(col_kind.source(k) for k in ck)] if col_kind else \
        [corner, _label(sheet.value(header, grid_cols[0]), "Limit")]
    table = [head] + [[row_kind.source(k), *row] for k, row in zip(rk, cells, strict=True)]
    return Imported("\n".join(lines + _aligned(table)) + "\n", diagnostics, notes, sheet.name)


def import_keyed(sheet: Sheet, where: str, rows: str, columns: str | None, row_kinds: list[AxisKind],
                 col_kinds: list[AxisKind]) -> Imported:
    """A matrix keyed on choices, yes/no or several keys: one leading column per row key, one header row per
    column key (the layout `glc export-xlsx` writes); the column headings become `a / b` in the language."""
    nr, nc = len(row_kinds), len(col_kinds)
    problems: list[Problem] = []

    def key(kind: AxisKind, r: int, c: int, quiet: bool = False) -> Key | None:
        cell = sheet.at(r, c)
        try:
            got = kind.read(cell.value, cell.number_format, Span(where, r, c, r, c + 1))
            kind.source(got)  # a key the language cannot write is a problem of this cell
            return got
        except CellError as err:
            if not quiet:
                problems.append(Problem(sheet.ref(r, c), err.problem, err.fix, (r, c)))
            return None

    def reads(r: int, c: int) -> bool:
        return all(key(k, r, c + i, quiet=True) is not None for i, k in enumerate(row_kinds))

    top, label_col = _first_keyed_row(sheet, nr, reads)
    header = top - 1
    data_rows = []
    for r in range(top, sheet.max_row + 1):
        if not sheet.filled(r, label_col) or not (reads(r, label_col) or any(
                _is_limit(sheet, r, c) for c in range(label_col + nr, sheet.max_column + 1))):
            break
        data_rows.append(r)
    grid_cols = _grid_columns(sheet, header, label_col + nr - 1)
    if not grid_cols:
        raise SheetError([Problem(sheet.ref(header, label_col + nr), "there is no header above the matrix's cells",
                                  "Put the column keys (or a label such as `Max LTV`) in the row above the first row.")])
    if not col_kinds and len(grid_cols) > 1:
        raise SheetError([Problem(sheet.ref(header, grid_cols[1]), f"`{sheet.value(header, grid_cols[1])}` is a second "
                                  "column of limits, and a matrix with rows only has one (with no --columns)",
                                  "Give both limits in one cell (`85% / 80%`) or give --columns FIELD.")])
    row_lines = [[key(k, r, label_col + i) for i, k in enumerate(row_kinds)] for r in data_rows]
    col_lines = [[key(k, header - nc + 1 + i, c) for i, k in enumerate(col_kinds)] for c in grid_cols] if nc else []
    notes: list[str] = []
    cells = [[_cell(sheet, r, c, problems, notes) for c in grid_cols] for r in data_rows]
    if problems:
        raise SheetError(problems)
    rl = [[k for k in line if k is not None] for line in row_lines]
    cl = [[k for k in line if k is not None] for line in col_lines]
    diagnostics = _checked_lines(row_kinds, rl, sheet) + _checked_lines(col_kinds, cl, sheet)
    lines = [f"  rows {rows}"] + ([f"  columns {columns}"] if columns else [])
    corner = [_label(sheet.value(header, label_col + i), k.name) for i, k in enumerate(row_kinds)]
    head = [*corner, *(" / ".join(k.source(e) for k, e in zip(col_kinds, line, strict=True)) for line in cl)] \
        if nc else [*corner, _label(sheet.value(header, grid_cols[0]), "Limit")]
    table = [head] + [[*(k.source(e) for k, e in zip(row_kinds, line, strict=True)), *row]
                      for line, row in zip(rl, cells, strict=True)]
    return Imported("\n".join(lines + _aligned(table)) + "\n", diagnostics, notes, sheet.name)


def _first_keyed_row(sheet: Sheet, nr: int, reads: Callable[[int, int], bool]) -> tuple[int, int]:
    """(row, column) of the first line of a keyed grid: its keys read, with another line under it or limits
    beside it."""
    for r in range(2, sheet.max_row + 1):
        for c in range(1, sheet.max_column + 1):
            if sheet.filled(r, c) and reads(r, c) and (reads(r + 1, c) or any(
                    _is_limit(sheet, r, x) for x in range(c + nr, sheet.max_column + 1))):
                while r > 2 and sheet.filled(r - 1, c) and any(  # a first line with a misspelt key is a line
                        _is_limit(sheet, r - 1, x) for x in range(c + nr, sheet.max_column + 1)):
                    r -= 1
                return r, c
    raise SheetError([Problem(sheet.name, "no matrix was found: no row whose leading cells read as the row keys "
                              "has another under it or limits beside it",
                              "Check the sheet's name and --rows (one leading column per row key).")])


def _checked_lines(kinds: list[AxisKind], lines: list[list[Key]], sheet: Sheet) -> list[Diagnostic]:
    """Each key's checks within each group of lines that share the other keys' entries, as `glc check` groups."""
    out: list[Diagnostic] = []
    for k, kind in enumerate(kinds):
        groups: dict[tuple[str, ...], list[Key]] = {}
        for line in lines:
            others = tuple(kinds[j].source(e) for j, e in enumerate(line) if j != k)
            groups.setdefault(others, []).append(line[k])
        for keys in groups.values():
            out += _checked(kind, keys, sheet)
    return out


def _first_row_label(sheet: Sheet) -> tuple[int, int]:
    """(row, column) of the first row label: a band with another band under it or limits beside it (a header's
    bands have neither), and the rows above it that also read as bands (a lone `780` on top)."""
    for r in range(2, sheet.max_row):
        for c in range(1, sheet.max_column + 1):
            if looks_like_band(sheet.value(r, c)) and (looks_like_band(sheet.value(r + 1, c)) or any(
                    _is_limit(sheet, r, x) for x in range(c + 1, sheet.max_column + 1))):
                while r > 2 and _reads_as_band(sheet, r - 1, c):
                    r -= 1
                return r, c
    raise SheetError([Problem(sheet.name, "no matrix was found: no band label (such as `740+` or `720-739`) has "
                              "another under it or limits beside it, under a header row",
                              "Check the sheet's name; the row labels must be bands like `740+`, `720-739`, `<= 1MM`, "
                              "or, for rows keyed on choices or several keys, give --rows (e.g. 'credit_grade, fico').")])


def _reads_as_band(sheet: Sheet, r: int, c: int) -> bool:
    v = sheet.value(r, c)
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return True
    if not isinstance(v, str) or not v.strip():
        return False
    try:
        read_band(v)
    except CellError:
        return False
    return True


def _data_rows(sheet: Sheet, top: int, col: int) -> list[int]:
    """The rows of the grid: down to the first blank label, or to a line of text that holds no limits (a footnote).
    A label that is no band on a row with limits is a row of the grid (reading its band names the cell)."""
    out: list[int] = []
    for r in range(top, sheet.max_row + 1):
        if not sheet.filled(r, col):
            break
        if not _reads_as_band(sheet, r, col) and not any(_is_limit(sheet, r, c) for c in range(col + 1, sheet.max_column + 1)):
            break
        out.append(r)
    return out


def _is_limit(sheet: Sheet, r: int, c: int) -> bool:
    cell = sheet.at(r, c)
    if cell.value is None or cell.value == sheet.value(r, c - 1):  # a merged footnote repeats its text
        return False
    try:
        return not read_limit(cell.value, cell.number_format).blank
    except CellError:
        return False


def _grid_columns(sheet: Sheet, header: int, label_col: int) -> list[int]:
    out = []
    c = label_col + 1
    while c <= sheet.max_column and sheet.filled(header, c):
        out.append(c)
        c += 1
    return out


def _said_above(sheet: Sheet, header: int) -> dict[str, str]:
    """`Rows` / `Columns` lines above the grid (a label cell, the name in the next cell), by label folded."""
    said: dict[str, str] = {}
    wanted = {ROWS_LABEL.casefold(), COLUMNS_LABEL.casefold()}
    for (r, c), cell in sorted(sheet.cells.items()):
        if r < header and isinstance(cell.value, str) and cell.value.strip().casefold() in wanted:
            name = sheet.value(r, c + 1)
            if isinstance(name, str) and name.strip():
                said.setdefault(cell.value.strip().casefold(), name.strip())
    return said


def _cell(sheet: Sheet, r: int, c: int, problems: list[Problem], notes: list[str]) -> str:
    cell = sheet.at(r, c)
    if cell.formula:
        problems.append(Problem(sheet.ref(r, c), "the cell holds a formula whose value was never calculated and saved",
                                "Open the file in Excel or LibreOffice and save it (the values are then stored), "
                                "or type the value.", (r, c)))
        return ""
    try:
        limit = read_limit(cell.value, cell.number_format)
    except CellError as err:
        problems.append(Problem(sheet.ref(r, c), err.problem, err.fix, (r, c)))
        return ""
    if limit.blank:
        notes.append(f"{sheet.ref(r, c)} is blank: read as N/A (not eligible).")
    return _limit_source(limit)


def _limit_source(limit: LimitText) -> str:
    if limit.kind == "na":
        return "N/A"
    if limit.kind == "no_limit":
        return "no limit"
    return " / ".join(spell(a.value, a.kind) for a in limit.values)


_LINE = re.compile(r"`([^`]*)` \(line \d+\)")


def _checked(kind: AxisKind, keys: list[Key], sheet: Sheet) -> list[Diagnostic]:
    """The axis's checks, each diagnostic naming its cells (`Matrix A!A7`) instead of lines of a file."""
    found = Diagnostics()
    kind.check(keys, found)
    by_label = {}
    for k in reversed(keys):
        by_label[kind.header(k)] = k
    out = []
    for d in found.sorted():
        def cell_of(m: re.Match[str]) -> str:
            k = by_label.get(m[1])
            return f"`{m[1]}` ({sheet.ref(k.span.line, k.span.column)})" if k is not None else m[0]

        message = _LINE.sub(cell_of, d.message)
        if d.span is not None:
            message = f"{sheet.ref(d.span.line, d.span.column)}: {message}"
        out.append(Diagnostic(d.code, d.severity, message, d.span, d.hint))
    return out


def _span_ref(sheet: Sheet, r1: int, c1: int, r2: int, c2: int) -> str:
    start = sheet.ref(r1, c1)
    end = sheet.ref(r2, c2).split("!")[1]
    return start if start.endswith("!" + end) else f"{start}:{end}"


_WORDS = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?: [A-Za-z_][A-Za-z0-9_]*)*")


def _label(value: object, fallback: str) -> str:
    """A header label as the language takes it: plain words, or a quoted string when it has punctuation or words
    of the language (`"FICO / Loan Amount"`)."""
    text = " ".join(str(value).split()) if value is not None else ""
    if not text:
        return fallback if _WORDS.fullmatch(fallback) and not set(fallback.split()) & _keywords() else f'"{fallback}"'
    if _WORDS.fullmatch(text) and not set(text.split()) & _keywords():
        return text
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


@cache
def _keywords() -> frozenset[str]:
    from compiler.syntax.parse import parser

    return frozenset(t.pattern.value for t in parser().terminals
                     if t.pattern.type == "str" and str(t.pattern.value).isalpha())


def _aligned(table: list[list[str]]) -> list[str]:
    widths = [max(len(row[i]) for row in table) for i in range(len(table[0]))]
    return ["  | " + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + " |" for row in table]
