"""Matrices to and from Excel (`glc export-xlsx`, `glc import-xlsx`; compiler/tools/xlsx_*.py).

- Round trip: every matrix of every program (current and older versions) exported, each sheet imported back, the
  imported lines spliced into a copy of the program in place of the matrix's `rows`, `columns` and table, the copy
  checked, and its checked IR compared with the original's (spans aside).
- Four hand-made investor sheets (tests/cases/xlsx/, written by make_sheets.py; one keyed on choices and
  yes/no, two keys per axis) import to the committed `.guideline` text, which checks; an unreadable cell is named
  (`Matrix A!C7`) with exit 1, an unknown choice with a did-you-mean fix; gaps and overlaps are the check's own
  diagnostics, at the sheet's cells.
- Export: inert text (`=HYPERLINK(...)` in a citation is text, not a formula), the same bytes twice, valid and
  unique sheet names, the cover sheet.
"""

from __future__ import annotations

import dataclasses
import io
import os
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from typer.testing import CliRunner

from compiler import ir, ir_program
from compiler.check_result import CheckResult
from compiler.cli.app import app
from compiler.driver import check_paths
from compiler.source import Span
from compiler.tools.xlsx_axes import axis_kind
from compiler.tools.xlsx_cells import CellError, read_band, read_limit
from compiler.tools.xlsx_export import place, sheet_names, workbook_bytes
from compiler.tools.xlsx_import import SheetError, import_matrix

ROOT = Path(__file__).resolve().parents[2]
CASES = ROOT / "tests" / "cases" / "xlsx"
VOCABULARY = ROOT / "programs" / "loan.fields"


@dataclasses.dataclass
class Ran:
    returncode: int
    stdout: str
    stderr: str


def glc(*args: str, script: bool = False) -> Ran:
    """The command in this process (Typer's runner), or with `script` the real console script in a subprocess."""
    if script:
        done = subprocess.run([sys.executable, "-m", "compiler.cli", *args], cwd=ROOT, capture_output=True, text=True,
                              timeout=300)
        out = Ran(done.returncode, done.stdout, done.stderr)
    else:
        assert Path.cwd() == ROOT
        result = CliRunner().invoke(app, list(args))
        assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
        out = Ran(result.exit_code, result.stdout, result.stderr)
    assert "Traceback" not in out.stderr and "bug in glc" not in out.stderr, out.stderr
    return out


@pytest.fixture(autouse=True)
def _in_the_repository(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # the in-process commands move into the project's folder, as glc does


@pytest.fixture(scope="module")
def bundle() -> ir_program.Bundle:
    checked = check_paths([ROOT / "programs"])
    assert checked.bundle is not None and checked.ok
    return checked.bundle


def _comparable(p: ir_program.Program) -> ir_program.Program:
    # the copy lives elsewhere and its text differs
    return dataclasses.replace(p, path="", sha256="", matrices=tuple(_unlabelled(m) for m in p.matrices))


def _unlabelled(m: ir.Matrix) -> ir.Matrix:
    """The matrix with its listed choices' author spellings set aside: a sheet shows choices by their labels and
    the import writes them by id (`"A+"` comes back as `a_plus`), the same choices. `any` and `any other` stay."""
    def axis(a: ir.Axis) -> ir.Axis:
        lines = tuple(tuple(dataclasses.replace(e, label="") if isinstance(e, ir.Choices) and e.label not in
                            ("any", "any other") else e for e in line) for line in a.lines)
        return dataclasses.replace(a, lines=lines)

    return dataclasses.replace(m, rows=axis(m.rows), columns=axis(m.columns) if m.columns else None)


def _splice(text: str, spans: list[tuple[int, int, int | None]], imported: list[str]) -> str:
    """`text` with each matrix's `rows` / `columns` lines and table (lines `start`..`end` of the matrix) replaced."""
    lines = text.splitlines(keepends=True)
    for (start, end, _), new in sorted(zip(spans, imported, strict=True), key=lambda x: -x[0][0]):
        block = range(start - 1, min(end, len(lines)))
        drop = [i for i in block if lines[i].lstrip().startswith(("|", "rows ", "columns "))]
        assert drop, f"no table found at line {start}"
        lines[drop[0]:drop[-1] + 1] = [new]
    return "".join(lines)


def _round_trip(bundle: ir_program.Bundle, shown: str, copy: Path, recheck: Callable[[], CheckResult],
                tmp_path: Path) -> int:
    """Export each program's matrices, import every sheet, splice the declared ones into the copy of the program's
    file (`shown`: the folder the programs' paths start with, `copy`: where it was copied), check the copy
    (`recheck`) and compare every program's checked IR with the original's. Returns the number of splices."""
    programs = [*bundle.programs, *bundle.history]
    books = {}
    for i, p in enumerate(programs):  # a workbook each: an import reads a whole workbook
        books[p.id, p.version] = tmp_path / f"{i}.xlsx"
        books[p.id, p.version].write_bytes(workbook_bytes([p], bundle))
    by_file: dict[str, list[tuple[tuple[int, int, int | None], str]]] = {}
    texts: dict[object, set[str]] = {}  # a matrix (spans aside) -> what its sheets import to, wherever inherited
    placed = [pl for p in programs for pl in place([p])]
    assert len(placed) == sum(len(p.matrices) for p in programs)
    for pl in placed:
        got = import_matrix(books[pl.program.id, pl.program.version], pl.sheet, bundle)
        assert not got.diagnostics and not got.notes, (pl.sheet, got.diagnostics, got.notes)
        m = pl.matrix
        if m.origin == pl.program.id:  # declared in this program's file: splice it there
            by_file.setdefault(pl.program.path, []).append(((m.span.line, m.span.end_line, None), got.text))
        texts.setdefault(m, set()).add(got.text)
    assert all(len(t) == 1 for t in texts.values())
    for path, items in by_file.items():
        target = copy / Path(path).relative_to(shown)
        before = target.read_text(encoding="utf-8")
        after = _splice(before, [s for s, _ in items], [t for _, t in items])
        target.write_text(after, encoding="utf-8")
    again = recheck()
    assert again.bundle is not None and again.ok, [str(d.message) for d in again.diagnostics][:5]
    old = {(p.id, p.version): p for p in programs}
    new = {(p.id, p.version): p for p in (*again.bundle.programs, *again.bundle.history)}
    assert old.keys() == new.keys()
    for key, p in old.items():
        q = new[key]
        for a, b in zip(p.matrices, q.matrices, strict=True):
            assert _unlabelled(a) == _unlabelled(b), (key, a.id)
        assert _comparable(p) == _comparable(q), key
    return sum(len(v) for v in by_file.values())


def test_round_trip_of_every_matrix_of_every_program(bundle: ir_program.Bundle, tmp_path: Path) -> None:
    copy = tmp_path / "programs"
    shutil.copytree(ROOT / "programs", copy)
    programs = (*bundle.programs, *bundle.history)
    assert sum(len(p.matrices) for p in programs) >= 28
    spliced = _round_trip(bundle, "programs", copy, lambda: check_paths([copy]), tmp_path)
    assert spliced == sum(1 for p in programs for m in p.matrices if m.origin == p.id) >= 16  # 11 + 5 in history/


def test_round_trip_of_rows_only_money_and_no_limit_matrices(tmp_path: Path) -> None:
    """The imported sheets' programs: a matrix with rows only, money cells, `no limit`, `80.00%` kept as written."""
    files = sorted(CASES.glob("*.guideline"))
    checked = check_paths(files, vocabulary=VOCABULARY)
    assert checked.bundle is not None and checked.ok
    copy = tmp_path / "cases"
    copy.mkdir()
    for f in files:
        shutil.copy(f, copy)
    redo = lambda: check_paths(sorted(copy.glob("*.guideline")), vocabulary=VOCABULARY)  # noqa: E731
    assert _round_trip(checked.bundle, "tests/cases/xlsx", copy, redo, tmp_path) == 4


@pytest.mark.parametrize(("name", "sheet", "options"), [
    ("matrix_a", "Matrix A", ["--rows", "fico", "--columns", "loan_amount"]),
    ("dscr_tiers", "DSCR Tiers", ["--rows", "dscr"]),
    ("loan_size", "Max Loan Amount", ["--rows", "fico", "--columns", "ltv"]),
    ("by_occupancy", "By Occupancy", ["--rows", "occupancy, fico", "--columns", "purpose / short_term_rental"]),
])
def test_hand_made_sheets_import_to_the_expected_text(name: str, sheet: str, options: list[str]) -> None:
    out = glc("import-xlsx", f"tests/cases/xlsx/{name}.xlsx", "--sheet", sheet, *options)
    assert out.returncode == 0, out.stderr
    expected = (CASES / f"{name}.guideline").read_text(encoding="utf-8")
    head, sep, tail = expected.partition("\n  rows ")
    assert sep and head.rstrip().splitlines()[-1].startswith("  gives ")
    assert out.stdout == sep.lstrip("\n") + tail
    if name == "matrix_a":
        assert "Matrix A!D9 is blank: read as N/A" in out.stderr
    checked = check_paths([CASES / f"{name}.guideline"], vocabulary=VOCABULARY)
    assert checked.ok, [d.message for d in checked.diagnostics]


def test_an_unknown_choice_is_named_with_a_did_you_mean_fix() -> None:
    out = glc("import-xlsx", "tests/cases/xlsx/by_occupancy.xlsx", "--sheet", "Typo", "--rows", "occupancy, fico")
    assert out.returncode == 1 and out.stdout == ""
    assert "Typo!A3: `Investmnt` is not a choice of `occupancy`." in out.stderr
    assert "Did you mean `investment`?" in out.stderr


@pytest.mark.parametrize(("field", "text", "source", "header"), [
    ("occupancy", "Investment Property", "investment", "Investment property"),
    ("occupancy", '"Second home", primary', "second_home, primary", "Second home, Primary residence"),
    ("occupancy", "Any", "any", "any"),
    ("occupancy", "any other", "other", "any other"),
    ("short_term_rental", "Y", "yes", "yes"),
    ("short_term_rental", False, "no", "no"),
    ("fico", "any", "any", "any"),
])
def test_choice_and_any_keys_read_and_write(bundle: ir_program.Bundle, field: str, text: object, source: str,
                                            header: str) -> None:
    kind = axis_kind(field, bundle)
    key = kind.read(text, "General", Span("x", 1, 1, 1, 2))  # type: ignore[arg-type]
    assert kind.source(key) == source
    if not isinstance(key, ir.Band) or header != "any":
        assert kind.header(key) == header


def test_an_unreadable_cell_is_named_with_a_fix() -> None:
    out = glc("import-xlsx", "tests/cases/xlsx/unreadable.xlsx", "--sheet", "Matrix A", "--rows", "fico",
              "--columns", "loan_amount", script=True)
    assert out.returncode == 1 and out.stdout == ""
    lines = out.stderr.splitlines()
    assert lines[0] == "Matrix A!C7: `0.8` has no unit: it could be a percent or an amount."
    assert lines[1].startswith("  fix: ") and "percent" in lines[1]
    assert lines[2].startswith("Matrix A!D8: `7O%` is not a limit")
    assert "2 problems in tests/cases/xlsx/unreadable.xlsx; nothing was imported." in out.stderr


def test_gaps_and_overlaps_are_the_checks_own_diagnostics(bundle: ir_program.Bundle, tmp_path: Path) -> None:
    got = import_matrix(CASES / "unreadable.xlsx", "Gaps", bundle, rows="fico")
    assert [(d.code, d.message.split(":")[0]) for d in got.diagnostics] == [("E403", "Gaps!A3"), ("E402", "Gaps!A4")]
    program = tmp_path / "gaps.guideline"
    program.write_text('program gaps\n  title: "Gaps"\n  investor: "X"\n  family: "X"\n  version: "1"\n'
                       '  effective: 2026-01-01\n  source: "X"\n\nmatrix m "M"\n  cite "p. 1"\n  gives max_ltv\n'
                       + got.text, encoding="utf-8")
    checked = check_paths([program], vocabulary=VOCABULARY)
    assert sorted((d.code, d.hint) for d in checked.diagnostics if d.severity == "error") == \
        sorted((d.code, d.hint) for d in got.diagnostics)
    out = glc("import-xlsx", "tests/cases/xlsx/unreadable.xlsx", "--sheet", "gaps", "--rows", "fico")
    assert out.returncode == 1 and out.stdout == got.text
    assert "unreadable.xlsx:3:1: error[E403]: Gaps!A3: Gap between the `fico` bands `700-715` and `720-739`" in out.stderr


def test_usage_errors_exit_2() -> None:
    out = glc("import-xlsx", "tests/cases/xlsx/matrix_a.xlsx", "--sheet", "Matrix A", "--rows", "fico")
    assert out.returncode == 2 and "--columns FIELD" in out.stderr and "Matrix A!B5:E5" in out.stderr
    out = glc("import-xlsx", "tests/cases/xlsx/matrix_a.xlsx", "--sheet", "Matrix A", "--rows", "ficco", "--columns",
              "loan_amount")
    assert out.returncode == 2 and "Did you mean `fico`?" in out.stderr
    out = glc("import-xlsx", "tests/cases/xlsx/make_sheets.py", "--sheet", "x")
    assert out.returncode == 2 and "not an Excel workbook" in out.stderr
    out = glc("import-xlsx", "tests/cases/xlsx/matrix_a.xlsx", "--sheet", "Matrix B")
    assert out.returncode == 2 and "its sheets are: Matrix A" in out.stderr


def test_two_columns_of_limits_without_column_bands_are_refused(bundle: ir_program.Bundle, tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    for row in (["FICO", "Max LTV", "Max CLTV"], ["740+", "80%", "75%"], ["700-739", "75%", "70%"]):
        ws.append(row)
    wb.save(tmp_path / "two.xlsx")
    with pytest.raises(SheetError) as err:
        import_matrix(tmp_path / "two.xlsx", "sheet", bundle, rows="fico")
    assert [p.cell for p in err.value.problems] == ["Sheet!C1"]


def test_a_typo_in_a_label_and_a_formula_never_calculated_are_named(bundle: ir_program.Bundle, tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "M"
    for row in (["FICO", "<= $1,000,000", "$1,000,001 - $2,000,000"], ["740+", "80%", "75%"], ["7OO-739", "75%", "70%"],
                ["660-699", "=B2-0.05", "N/A"], [], ["* footnote"]):
        ws.append(row)
    ws.merge_cells("A6:C6")
    wb.save(tmp_path / "typo.xlsx")
    with pytest.raises(SheetError) as err:
        import_matrix(tmp_path / "typo.xlsx", "M", bundle, rows="fico", columns="loan_amount")
    assert [(p.cell, p.problem) for p in err.value.problems] == [
        ("M!A3", "`7OO-739` is not a band"), ("M!B4", "the cell holds a formula whose value was never calculated and saved")]


def test_hostile_text_stays_text_on_export(tmp_path: Path) -> None:
    hostile = '=HYPERLINK(""http://evil.example"",""click"")'
    program = tmp_path / "hostile.guideline"
    program.write_text(
        'program hostile\n  title: "+cmd|calc"\n  investor: "@SUM(1)"\n  family: "X"\n  version: "1"\n'
        '  effective: 2026-01-01\n  source: "-2+3"\n\n'
        f'matrix m "=1+1"\n  cite "{hostile.replace(chr(34) * 2, chr(92) + chr(34))}"\n  note "=cmd"\n  gives max_ltv\n'
        '  rows fico\n  | FICO | Max LTV |\n  | 700+ | 80% |\n  | < 700 | N/A |\n', encoding="utf-8")
    checked = check_paths([program], vocabulary=VOCABULARY)
    assert checked.bundle is not None, [d.message for d in checked.diagnostics]
    data = workbook_bytes(checked.bundle.programs, checked.bundle)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        xml = "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.startswith("xl/worksheets/"))
    assert "<f>" not in xml and "<f " not in xml  # no formula anywhere
    wb = load_workbook(io.BytesIO(data))
    texts = {c.value: c for ws in wb for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    for text in ('=HYPERLINK("http://evil.example","click")', "=1+1", "=cmd", "+cmd|calc", "@SUM(1)", "-2+3"):
        assert text in texts, text
        assert texts[text].data_type == "s" and texts[text].quotePrefix, text


def test_export_command_is_deterministic_and_lists_every_sheet(tmp_path: Path) -> None:
    a, b = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    for out, script in ((a, True), (b, False)):
        done = glc("export-xlsx", str(out), "keystone_bank_statement", "keystone_bank_statement@2025.2", "harbor_dscr",
                   script=script)
        assert done.returncode == 0, done.stderr
        assert done.stdout.startswith(f"wrote {out}: 14 matrices of 3 programs")
    assert a.read_bytes() == b.read_bytes()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    wb = load_workbook(a)
    assert wb.sheetnames[:3] == ["Cover", "primary_purchase", "primary_rate_term"]
    assert "primary_purchase (2)" in wb.sheetnames
    cover = [[c.value for c in row] for row in wb["Cover"].iter_rows()]
    listed = {row[0] for row in cover if row and row[0] in wb.sheetnames}
    assert listed == set(wb.sheetnames) - {"Cover"}
    assert cover[3][:5] \
        == ["keystone_bank_statement", "Bank Statement Select", "Keystone Non-QM Capital", "2026.1", "2026-01-01"]
    sheet = [[c.value for c in row] for row in wb["purchase"].iter_rows(max_row=8)]
    assert sheet[3][:2] == ["Citation", "§3.1 Matrix A, p. 5"]
    assert sheet[4][1] == "Applies when Loan purpose is purchase and DSCR at least 1"
    assert wb["purchase"]["B13"].value == 0.8 and wb["purchase"]["B13"].number_format == "0%"
    assert glc("export-xlsx", str(tmp_path / "c.xlsx"), "keystone").returncode == 2
    assert glc("export-xlsx", str(tmp_path / "c.csv")).returncode == 2
    os.chmod(tmp_path, 0o500)
    try:
        denied = glc("export-xlsx", str(tmp_path / "c.xlsx"), "harbor_dscr")
    finally:
        os.chmod(tmp_path, 0o700)
    if os.geteuid() != 0:  # root writes anyway
        assert denied.returncode == 2 and "permission denied" in denied.stderr


def test_sheet_names_are_valid_unique_and_stable() -> None:
    long = "a_very_long_matrix_identifier_beyond_excel_limits"
    names = sheet_names(["investment", "Investment", long, long, "bad[name]:*?/\\", "history", "cover"])
    assert names == ["investment", "Investment (2)", long[:31], long[:27] + " (2)", "bad_name______", "history (2)",
                     "cover (2)"]
    assert all(len(n) <= 31 for n in names)


AT_LEAST_740, ABOVE = ("740", True), None
BANDS = [
    (">= 740", AT_LEAST_740, ABOVE), ("\u2265 740", AT_LEAST_740, ABOVE), ("740+", AT_LEAST_740, ABOVE),
    ("740 and above", AT_LEAST_740, ABOVE),
    ("740-759", ("740", True), ("759", True)), ("740 - 759", ("740", True), ("759", True)),
    ("740\u2013759", ("740", True), ("759", True)), ("740 to 759", ("740", True), ("759", True)),
    ("$1,000,001 - $1,500,000", ("1000001", True), ("1500000", True)), ("<= 1MM", None, ("1000000", True)),
    ("\u2264 $1MM", None, ("1000000", True)), ("up to $1,000,000", None, ("1000000", True)),
    ("< 0.750", None, ("0.750", False)), ("under 0.750", None, ("0.750", False)), ("> $2.5M", ("2500000", False), None),
    ("60.01%-80%", ("60.01", True), ("80", True)), ("720", ("720", True), ("720", True)),
    ("1.25x+", ("1.25", True), None), ("12 months - 23 months", ("12", True), ("23", True)),
]


@pytest.mark.parametrize(("text", "low", "high"), BANDS)
def test_band_spellings(text: str, low: tuple[str, bool] | None, high: tuple[str, bool] | None) -> None:
    band = read_band(text)
    assert (None if band.low is None else (str(band.low.value), band.low_inclusive)) == low
    assert (None if band.high is None else (str(band.high.value), band.high_inclusive)) == high


@pytest.mark.parametrize(("value", "fmt", "kind", "shown"), [
    ("80.00%", "General", "values", ["80.00"]), (0.8, "0%", "values", ["80"]), (0.825, "0.00%", "values", ["82.50"]),
    ("N/A", "General", "na", []), ("NA", "General", "na", []), ("-", "General", "na", []), (None, "General", "na", []),
    ("  ", "General", "na", []), ("85% / 80%", "General", "values", ["85", "80"]), ("No Limit", "General", "no_limit", []),
    ("$1,500,000", "General", "values", ["1500000"]), (2000000, '"$"#,##0', "values", ["2000000"]),
    ("$1.5MM", "General", "values", ["1500000"]),
])
def test_limit_spellings(value: object, fmt: str, kind: str, shown: list[str]) -> None:
    got = read_limit(value, fmt)  # type: ignore[arg-type]
    assert got.kind == kind and [str(a.value) for a in got.values] == shown


@pytest.mark.parametrize(("value", "fmt"), [(0.8, "General"), (80, "General"), ("80", "General"), ("7O%", "General"),
                                            (80, "0%"), (True, "General")])
def test_unreadable_limits_are_refused_not_guessed(value: object, fmt: str) -> None:
    with pytest.raises(CellError):
        read_limit(value, fmt)  # type: ignore[arg-type]


def test_a_keyed_matrix_has_a_column_per_row_key_and_a_header_row_per_column_key(bundle: ir_program.Bundle) -> None:
    summit = next(p for p in bundle.programs if p.id == "summit_near_prime")
    ws = load_workbook(io.BytesIO(workbook_bytes([summit], bundle)))["near_prime"]
    top = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "Credit grade")
    assert ws.cell(top, 2).value == "Credit score"
    assert ws.cell(top, 3).value == "Documentation family / Loan purpose"
    assert [ws.cell(top + 1, c).value for c in (3, 5)] == ["Full documentation", "Alternative documentation"]
    assert {str(r) for r in ws.merged_cells.ranges} >= {f"C{top + 1}:D{top + 1}", f"E{top + 1}:F{top + 1}"}
    assert [ws.cell(top + 2, c).value for c in range(3, 7)] == ["Purchase, Rate/term refinance", "Cash-out refinance"] * 2
    assert [ws.cell(top + 3, c).value for c in (1, 2, 3)] == ["A+", "720+", 0.9]
    assert [ws.cell(ws.max_row, c).value for c in (1, 2, 3)] == ["any other", "any", "N/A"]


def test_keyed_sheet_typos_in_the_first_line_and_a_heading_and_a_gap_within_a_group(tmp_path: Path) -> None:
    keyed = ["--rows", "occupancy, fico", "--columns", "purpose / short_term_rental"]
    wb = load_workbook(CASES / "by_occupancy.xlsx")
    wb["By Occupancy"]["A7"], wb["By Occupancy"]["D5"] = "Primary, 2nd home", "cashout"
    wb.save(tmp_path / "typos.xlsx")
    out = glc("import-xlsx", str(tmp_path / "typos.xlsx"), "--sheet", "By Occupancy", *keyed)
    assert out.returncode == 1 and out.stdout == ""
    assert "By Occupancy!D5: `cashout` is not a choice of `purpose`.\n  fix: Did you mean `cash_out`?" in out.stderr
    assert "By Occupancy!A7: `2nd home` is not a choice of `occupancy`.\n  fix: Did you mean `Second home`?" in out.stderr
    wb = load_workbook(CASES / "by_occupancy.xlsx")
    wb["By Occupancy"]["B8"] = "620-690"  # a gap among primary/second home's bands; investment's stay whole
    wb.save(tmp_path / "gap.xlsx")
    out = glc("import-xlsx", str(tmp_path / "gap.xlsx"), "--sheet", "By Occupancy", *keyed)
    assert out.returncode == 1 and "620..690" in out.stdout
    assert out.stderr.count("error[E403]") == 1 and "a value of 691 falls in no band" in out.stderr
