"""A worksheet as a grid of cells for the importer: values with their number formats, merged cells filled in,
formulas Excel never calculated told apart from blank cells, and cells named as Excel names them (`Matrix A!C7`).

Used by `xlsx_import`; opens the file with openpyxl (values as last calculated, and a second time for formulas).
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from compiler.tools.xlsx_cells import Raw


class WorkbookError(Exception):
    """The file is not a workbook openpyxl can read, or has no such sheet (a usage error, not a bad cell)."""


@dataclass(frozen=True, slots=True)
class Cell:
    value: Raw
    number_format: str
    formula: bool = False  # a formula with no calculated value saved in the file


@dataclass
class Sheet:
    """One worksheet's cells by (row, column), 1-based; a merged range's value in every cell of the range."""

    name: str
    cells: dict[tuple[int, int], Cell] = field(default_factory=dict)
    max_row: int = 0
    max_column: int = 0

    def at(self, row: int, column: int) -> Cell:
        return self.cells.get((row, column), Cell(None, "General"))

    def value(self, row: int, column: int) -> Raw:
        return self.at(row, column).value

    def filled(self, row: int, column: int) -> bool:
        v = self.value(row, column)
        return v is not None and not (isinstance(v, str) and not v.strip())

    def ref(self, row: int, column: int) -> str:
        """`Matrix A!C7`."""
        return f"{self.name}!{get_column_letter(column)}{row}"


_NOT_A_WORKBOOK = (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, TypeError, ParseError, IndexError,
                   EOFError, zipfile.LargeZipFile)


def read_sheet(path: Path, name: str) -> Sheet:
    """The sheet called `name` (exactly, else ignoring case); WorkbookError when the file is no workbook or has no
    such sheet (the message lists the sheets it has)."""
    values = _open(path, data_only=True)
    chosen = _pick(values.sheetnames, name, path)
    ws = values[chosen]
    formulas = _formulas(path, chosen)
    sheet = Sheet(chosen, max_row=ws.max_row, max_column=ws.max_column)
    for row in ws.iter_rows():
        for c in row:
            uncalculated = c.value is None and (c.row, c.column) in formulas
            if c.value is None and not uncalculated and c.number_format == "General":
                continue
            sheet.cells[(c.row, c.column)] = Cell(_plain(c.value), c.number_format or "General", uncalculated)
    for merged in ws.merged_cells.ranges:
        top = sheet.at(merged.min_row, merged.min_col)
        for r in range(merged.min_row, merged.max_row + 1):
            for col in range(merged.min_col, merged.max_col + 1):
                sheet.cells[(r, col)] = top
    return sheet


def sheet_names(path: Path) -> list[str]:
    return list(_open(path, data_only=True).sheetnames)


def _formulas(path: Path, name: str) -> set[tuple[int, int]]:
    """The cells of one sheet that hold formulas (read lazily: only that sheet is parsed)."""
    wb = _open(path, data_only=False, read_only=True)
    try:
        return {(c.row, c.column) for row in wb[name].iter_rows() for c in row
                if getattr(c, "data_type", None) == "f"}
    finally:
        wb.close()


def _open(path: Path, data_only: bool, read_only: bool = False) -> Any:
    try:
        return load_workbook(path, data_only=data_only, read_only=read_only)
    except _NOT_A_WORKBOOK as err:
        why = str(err).splitlines()[0].rstrip(".") if str(err) else type(err).__name__
        raise WorkbookError(f"{path} is not an Excel workbook (.xlsx) that can be read ({why}).") from None


def _pick(names: list[str], wanted: str, path: Path) -> str:
    if wanted in names:
        return wanted
    folded = [n for n in names if n.casefold() == wanted.casefold()]
    if len(folded) == 1:
        return folded[0]
    raise WorkbookError(f"{path} has no sheet `{wanted}`; its sheets are: {', '.join(names)}.")


def _plain(value: object) -> Raw:
    """A cell value as the readers take it (openpyxl's rich values and errors as their text)."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    import datetime as dt

    if isinstance(value, (dt.datetime, dt.date, dt.time, dt.timedelta)):
        return value
    return str(value)
