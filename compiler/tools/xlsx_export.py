"""`glc export-xlsx`: programs' matrices as an Excel workbook, one sheet per matrix, for reconciling with an
investor's published grids.

Each sheet has the matrix's title, program, citation, conditions (in the documentation's wording), the limits it
gives and what its rows and columns are of above the grid, then the grid: the column field's title merged over
the column keys, the row field's title beside them, the keys as the documentation labels them (`740+`,
`up to $1,000,000`, `A+, A`, `any other`; `xlsx_axes`); an axis with several keys has one leading column per
row key and one header row per column key, limits as numbers in percent or currency formats showing the decimals the
program writes, `N/A` cells as text. A cover sheet lists the programs (version, effective date, source) and which
sheet holds which matrix. Sheet names are the matrix ids, made valid (31 characters, none of `[]:*?/\\`) and
unique (` (2)`, ` (3)` in export order).

Every text from a guideline file is written as text, never as a formula (`=HYPERLINK(...)` stays those
characters), and the bytes are the same for the same programs: fixed workbook times, fixed zip entry times.
`xlsx_import` reads these sheets back.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from compiler import ir, ir_program
from compiler.meta import titles as titles_of
from compiler.tools.xlsx_axes import COLUMNS_LABEL, ROWS_LABEL, AxisError, kinds_of
from compiler.tools.xlsx_cells import decimals
from compiler.wording import describe

COVER = "Cover"
SHEET_NAME_MAX = 31
_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_RESERVED = frozenset({COVER.casefold(), "history"})  # Excel keeps `History` for itself
FIXED_TIME = dt.datetime(2000, 1, 1)  # workbook created/modified, and every zip entry's time
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

_BOLD = Font(bold=True)
_TITLE = Font(bold=True, size=14)
_NA_FILL = PatternFill("solid", fgColor="DDDDDD")
_HEAD_FILL = PatternFill("solid", fgColor="DCE6F1")
_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)


@dataclass(frozen=True)
class Placed:
    """A matrix of a program and the sheet it is on."""

    sheet: str
    program: ir_program.Program
    matrix: ir.Matrix


def sheet_names(ids: Sequence[str]) -> list[str]:
    """Valid, unique (ignoring case, as Excel compares them) sheet names for matrix ids, in order."""
    taken = set(_RESERVED)
    out: list[str] = []
    for raw in ids:
        base = _FORBIDDEN.sub("_", raw).strip("'").strip() or "matrix"
        name, n = base[:SHEET_NAME_MAX], 1
        while name.casefold() in taken:
            n += 1
            suffix = f" ({n})"
            name = base[: SHEET_NAME_MAX - len(suffix)] + suffix
        taken.add(name.casefold())
        out.append(name)
    return out


def place(programs: Sequence[ir_program.Program]) -> list[Placed]:
    pairs = [(p, m) for p in programs for m in p.matrices]
    return [Placed(name, p, m) for name, (p, m) in zip(sheet_names([m.id for _, m in pairs]), pairs, strict=True)]


def workbook_bytes(programs: Sequence[ir_program.Program], bundle: ir_program.Bundle) -> bytes:
    """The workbook of every matrix of `programs` (inherited ones included), as the bytes of an .xlsx file.
    AxisError when a matrix has an axis of a kind `xlsx_axes` does not have."""
    wb = Workbook()
    cover = wb.active
    assert isinstance(cover, Worksheet)
    cover.title = COVER
    placed = place(programs)
    _cover(cover, programs, placed)
    for pl in placed:
        _matrix_sheet(wb.create_sheet(pl.sheet), pl, bundle)
    return _deterministic(wb)


def _cover(ws: Worksheet, programs: Sequence[ir_program.Program], placed: list[Placed]) -> None:
    _text(ws, 1, 1, "Eligibility matrices exported by glc").font = _TITLE
    _row(ws, 3, ["Program", "Title", "Investor", "Version", "Effective", "Source document"], head=True)
    r = 4
    for p in programs:
        _row(ws, r, [p.id, p.title, p.investor, p.version, p.effective.isoformat(), p.source_document])
        r += 1
    r += 1
    _row(ws, r, ["Sheet", "Program", "Version", "Matrix", "Title", "Citation"], head=True)
    for pl in placed:
        r += 1
        m = pl.matrix
        _row(ws, r, [pl.sheet, pl.program.id, pl.program.version, m.id, m.title, m.citation or ""])
    for col, width in zip("ABCDEF", (28, 34, 30, 10, 12, 60), strict=True):
        ws.column_dimensions[col].width = width


def _matrix_sheet(ws: Worksheet, pl: Placed, bundle: ir_program.Bundle) -> None:
    p, m = pl.program, pl.matrix
    titles = titles_of(p, bundle.vocabulary)
    limit_titles = [next((lim.title for lim in p.limits if lim.id == g), g) for g in m.gives]
    _text(ws, 1, 1, m.title).font = _TITLE
    lines: list[tuple[str, str, str]] = [
        ("Program", f"{p.title} ({p.id}) v{p.version}, effective {p.effective.isoformat()}", ""),
        ("Matrix", m.id, ""),
        ("Citation", m.citation or "(none)", ""),
        ("Conditions", f"Applies when {describe(m.when, titles)}" if m.when is not None else "Applies to every loan", ""),
        ("Gives", " / ".join(limit_titles), ", ".join(m.gives)),
        (ROWS_LABEL, m.rows.label, titles.get(m.rows.label, "")),
    ]
    if m.columns is not None:
        lines.append((COLUMNS_LABEL, m.columns.label, titles.get(m.columns.label, "")))
    lines += [("Notes", note, "") for note in m.notes]
    for i, (label, value, extra) in enumerate(lines, start=2):
        _text(ws, i, 1, label).font = _BOLD
        _text(ws, i, 2, value)
        if extra:
            _text(ws, i, 3, extra)
    top = len(lines) + 3
    try:
        row_kinds, col_kinds = kinds_of(m.rows), kinds_of(m.columns) if m.columns else []
    except AxisError as err:
        raise AxisError(f"matrix `{m.id}` of `{p.id}`: {err}") from None
    nr, nc = len(row_kinds), len(col_kinds)
    width = len(m.cells[0]) if m.cells else 1
    for k, label in enumerate(m.rows.labels):  # one leading column per row key, its title over it
        _head(ws, top, 1 + k, titles.get(label, label))
        if nc:
            ws.merge_cells(start_row=top, start_column=1 + k, end_row=top + nc, end_column=1 + k)
    if m.columns is not None:
        _head(ws, top, nr + 1, " / ".join(titles.get(label, label) for label in m.columns.labels))
        if width > 1:
            ws.merge_cells(start_row=top, start_column=nr + 1, end_row=top, end_column=nr + width)
        heads = [[kind.header(e) for kind, e in zip(col_kinds, line, strict=True)] for line in m.columns.lines]
        for j, parts in enumerate(heads):  # one header row per column key
            for k, text in enumerate(parts):
                _head(ws, top + 1 + k, nr + 1 + j, text)
        for k in range(nc - 1):  # an outer key's heading merged over the columns it spans (`Full documentation`)
            j = 0
            while j < len(heads):
                end = j
                while end + 1 < len(heads) and heads[end + 1][:k + 1] == heads[j][:k + 1]:
                    end += 1
                if end > j:
                    ws.merge_cells(start_row=top + 1 + k, start_column=nr + 1 + j, end_row=top + 1 + k,
                                   end_column=nr + 1 + end)
                j = end + 1
        first = top + 1 + nc
    else:
        _head(ws, top, nr + 1, " / ".join(limit_titles))
        first = top + 1
    kinds = {lim.id: lim.type.kind for lim in (*p.limits, *bundle.vocabulary.limits)}
    for i, (line, cells) in enumerate(zip(m.rows.lines, m.cells, strict=True)):
        for k, (kind, entry) in enumerate(zip(row_kinds, line, strict=True)):
            _head(ws, first + i, 1 + k, kind.header(entry))
        for j, cell in enumerate(cells):
            _limit(ws, first + i, nr + 1 + j, cell, [kinds.get(g, "") for g in m.gives])
    for k in range(nr):
        ws.column_dimensions[get_column_letter(1 + k)].width = 18
    for j in range(width):
        ws.column_dimensions[get_column_letter(nr + 1 + j)].width = 24 if j else 40
    ws.freeze_panes = ws.cell(first, nr + 1)


def _limit(ws: Worksheet, r: int, c: int, cell: ir.Cell, kinds: list[str]) -> None:
    """A cell: its limit as a number in a percent or currency format when it gives one value, else its text."""
    values = {v for _, v in cell.limits or ()}
    target = ws.cell(r, c)
    if cell.limits and len(values) == 1 and " / " not in cell.text and len(set(kinds)) == 1 and kinds[0] in ("percent", "money"):
        value = next(iter(values))
        written = re.search(r"\.(\d+)", cell.text)  # the decimals the program writes (`70.00%`), shown as written
        places = len(written[1]) if written else decimals(value)
        zeros = "." + "0" * places if places else ""
        if kinds[0] == "percent":
            target.value = value / Decimal(100)
            target.number_format = f"0{zeros}%"
        else:
            target.value = value
            target.number_format = f'"$"#,##0{zeros}'
    else:
        _text(ws, r, c, cell.text)
        if not cell.eligible:
            target.fill = _NA_FILL
    target.alignment = _CENTER


def _head(ws: Worksheet, r: int, c: int, text: str) -> None:
    cell = _text(ws, r, c, text)
    cell.font = _BOLD
    cell.fill = _HEAD_FILL
    cell.alignment = _CENTER


def _row(ws: Worksheet, r: int, values: list[str], head: bool = False) -> None:
    for c, v in enumerate(values, start=1):
        cell = _text(ws, r, c, v)
        if head:
            cell.font = _BOLD
            cell.fill = _HEAD_FILL


def _text(ws: Worksheet, r: int, c: int, text: str) -> Any:
    """A text cell, inert: never a formula, whatever it starts with (shown with Excel's text prefix)."""
    cell = ws.cell(r, c)
    cell.value = ILLEGAL_CHARACTERS_RE.sub("", text)
    cell.data_type = "s"  # openpyxl reads a leading `=` as a formula; this text is text
    if text.startswith(_FORMULA_START):
        cell.quotePrefix = True
    return cell


def _deterministic(wb: Workbook) -> bytes:
    """The workbook's bytes with fixed document times and zip entry times (openpyxl stamps both with now)."""
    wb.properties.creator = "glc"
    wb.properties.created = FIXED_TIME
    wb.properties.modified = FIXED_TIME
    wb.properties.lastModifiedBy = "glc"
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(wb, archive).write_data()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw.getvalue())) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()
