"""Writes the hand-made investor sheets `tests/xlsx/test_xlsx.py` imports: what real investor matrices hold
(merged header cells, `>= 740`, `740-759`, `740 - 759`, `$1,000,001 - $1,500,000`, `<= 1MM`, `N/A`, `NA`, `-`,
blank cells, `80.00%`, 0.8 in a percent-formatted cell, footnotes under the grid), a matrix keyed on choices and
yes/no with two keys per axis, and broken ones.

    .venv/bin/python tests/cases/xlsx/make_sheets.py     # rewrites the .xlsx files beside it (same bytes each time)

The .xlsx files are committed; the expected imports are the `.guideline` files of the same names.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

from openpyxl import Workbook
from openpyxl.writer.excel import ExcelWriter

HERE = Path(__file__).resolve().parent
PCT, PCT2, USD = "0%", "0.00%", '"$"#,##0'


def matrix_a(wb: Workbook) -> None:
    """FICO x loan amount, as a bank-statement investor publishes it."""
    ws = wb.active
    ws.title = "Matrix A"
    ws["A1"] = "MATRIX A \u2013 PRIMARY RESIDENCE, PURCHASE"
    ws.merge_cells("A1:E1")
    ws["A2"] = "Effective for locks on or after 01/01/2026"
    ws["A4"] = "FICO"
    ws.merge_cells("A4:A5")
    ws["B4"] = "Loan Amount"
    ws.merge_cells("B4:E4")
    for col, text in zip("BCDE", ["<= 1MM", "$1,000,001 - $1,500,000", "$1,500,001-$2,000,000",
                                  "$2,000,001 \u2013 $3,000,000"], strict=True):
        ws[f"{col}5"] = text
    rows = [
        (">= 740", ["80.00%", (0.8, PCT), (0.75, PCT2), "N/A"]),
        ("720-739", [(0.8, PCT), (0.75, PCT), (0.7, PCT), "NA"]),
        ("700 - 719", [(0.75, PCT), (0.7, PCT), "65%", "-"]),
        ("680-699", [(0.7, PCT), (0.65, PCT), None, "N/A"]),
    ]
    _rows(ws, 6, rows)
    ws["A11"] = "* Interest-only: reduce the max LTV by 5%. Max cash-out $500,000."
    ws.merge_cells("A11:E11")


def dscr_tiers(wb: Workbook) -> None:
    """Max LTV by DSCR only (one column of cells), headers merged over two rows."""
    ws = wb.active
    ws.title = "DSCR Tiers"
    ws["A1"] = "DSCR Program \u2013 LTV by Debt Service Coverage"
    ws["A3"] = "DSCR"
    ws.merge_cells("A3:A4")
    ws["B3"] = "Max LTV"
    ws.merge_cells("B3:B4")
    _rows(ws, 5, [
        ("1.250 and above", ["80%"]),
        ("1.000 - 1.249", [(0.75, PCT)]),
        ("0.750-0.999", [(0.7, PCT2)]),
        ("< 0.750", ["N/A"]),
    ])
    ws["A10"] = "Minimum DSCR 0.75; short-term rentals use 80% of gross rents."


def loan_size(wb: Workbook) -> None:
    """Max loan amount by FICO x LTV: money cells, `No Limit`, LTV percent bands, the corner left blank."""
    ws = wb.active
    ws.title = "Max Loan Amount"
    ws["A1"] = "Maximum Loan Amount"
    ws["B3"] = "LTV / CLTV"
    ws.merge_cells("B3:D3")
    for col, text in zip("BCD", ["<= 70%", "70.01% - 75%", "75.01%-80%"], strict=True):
        ws[f"{col}4"] = text
    _rows(ws, 5, [
        ("760+", ["No Limit", (2500000, USD), "$2MM"]),
        ("740 to 759", [(3000000, USD), "$2,000,000", "$1.5MM"]),
        ("700\u2013739", ["$2,000,000", "$1,500,000", "N/A"]),
        ("660 - 699", ["$1,000,000", "N/A", "N/A"]),
    ])


def by_occupancy(wb: Workbook) -> None:
    """Keyed on choices and yes/no, two keys per axis: occupancy and FICO down the side (one column each),
    purpose over short-term rental across the top (one header row each); choices by label in any case, by id,
    quoted, `Any`, `Y`/`N`. A second sheet has a misspelt choice."""
    ws = wb.active
    ws.title = "By Occupancy"
    ws["A1"] = "MAX LTV BY OCCUPANCY AND PURPOSE"
    ws["A4"], ws["B4"], ws["C4"] = "Occupancy", "FICO", "Purpose / Short-term rental"
    ws.merge_cells("A4:A6")
    ws.merge_cells("B4:B6")
    ws.merge_cells("C4:E4")
    for col, purpose, rental in zip("CDE", ["Purchase, Rate/Term Refinance", "cash_out", "Any"], ["No", "N", "Yes"],
                                    strict=True):
        ws[f"{col}5"], ws[f"{col}6"] = purpose, rental
    rows = [
        ("Primary Residence, Second Home", ">= 700", ["85%", (0.8, PCT), "N/A"]),
        ("Primary Residence, Second Home", "620-699", [(0.8, PCT), "70%", "-"]),
        ('"Investment property"', "700+", ["75%", "70%", (0.7, PCT)]),
        ("investment", "620 - 699", ["70%", "N/A", None]),
    ]
    for i, (occupancy, fico, cells) in enumerate(rows):
        ws.cell(7 + i, 1, occupancy)
        for j, cell in enumerate([fico, *cells]):
            target = ws.cell(7 + i, 2 + j)
            if isinstance(cell, tuple):
                target.value, target.number_format = cell
            else:
                target.value = cell
    ws["A12"] = "* Short-term rentals: investment properties only."
    typo = wb.create_sheet("Typo")
    typo["A1"], typo["B1"], typo["C1"] = "Occupancy", "FICO", "Max LTV"
    typo["A2"], typo["B2"], typo["C2"] = "Primary Residence", "700+", "80%"
    typo["A3"], typo["B3"], typo["C3"] = "Investmnt", "700+", "70%"


def unreadable(wb: Workbook) -> None:
    """A bare 0.8 with no percent format (C7: 80%, 0.8% or $0.80?), a typed `7O%` (D8), and a gap in the rows."""
    ws = wb.active
    ws.title = "Matrix A"
    ws["A5"] = "FICO"
    for col, text in zip("BCD", ["<= $1,000,000", "$1,000,001 - $1,500,000", "$1,500,001 - $2,000,000"], strict=True):
        ws[f"{col}5"] = text
    _rows(ws, 6, [
        ("740+", [(0.8, PCT), (0.75, PCT), (0.7, PCT)]),
        ("720-739", [(0.75, PCT), 0.8, (0.65, PCT)]),
        ("700-719", [(0.7, PCT), (0.65, PCT), "7O%"]),
    ])
    gaps = wb.create_sheet("Gaps")
    gaps["A1"] = "FICO"
    gaps["B1"] = "Max LTV"
    _rows(gaps, 2, [("740+", ["80%"]), ("720-739", ["75%"]), ("700-715", ["70%"]), ("680-700", ["65%"])])


def _rows(ws: object, first: int, rows: list[tuple[str, list[object]]]) -> None:
    for i, (label, cells) in enumerate(rows):
        ws.cell(first + i, 1, label)  # type: ignore[attr-defined]
        for j, cell in enumerate(cells):
            target = ws.cell(first + i, 2 + j)  # type: ignore[attr-defined]
            if isinstance(cell, tuple):
                target.value, target.number_format = cell
            else:
                target.value = cell


def save(make: object, name: str) -> None:
    wb = Workbook()
    make(wb)  # type: ignore[operator]
    wb.properties.created = wb.properties.modified = dt.datetime(2000, 1, 1)
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(wb, archive).write_data()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw.getvalue())) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0)), src.read(info.filename),
                         compress_type=zipfile.ZIP_DEFLATED)
    (HERE / name).write_bytes(out.getvalue())


if __name__ == "__main__":
    save(matrix_a, "matrix_a.xlsx")
    save(dscr_tiers, "dscr_tiers.xlsx")
    save(loan_size, "loan_size.xlsx")
    save(unreadable, "unreadable.xlsx")
    save(by_occupancy, "by_occupancy.xlsx")
