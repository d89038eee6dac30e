"""`glc lsp` over stdio, driven by pygls's client as an editor would drive it (tests/lsp/session.py): diagnostics
as `glc check` gives them for an unsaved text, the quick fix a "Did you mean" offers, cleared by the change that
fixes them, positions in UTF-16; the vocabulary's problems published for it; hover on a field, a value, a matrix
cell and a band of a value's table; completion after `require `, after `is`, at the start of a line and after
`extends:`; go to definition of values, vocabulary fields, limits and the base program; the document's outline;
requests the server cannot answer, answered with nothing."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from lsprotocol import types

from tests.lsp.session import GLC, Session

ROOT = Path(__file__).resolve().parents[2]

DEMO = '''# A variant of Shining Star for the language server's tests.

program demo_variant
  title: "Demo variant"
  extends: shining_star_base
  version: "2026.1"
  effective: 2026-01-01

section "Demo rules"

value cushion "Reserve cushion" = required_reserves + 2 months, rounded up to 0 decimals
  cite "Demo guide §1"

value score_cushion "Cushion by score" by fico
  cite "Demo guide §4"
  | FICO     | cushion  |
  | 740+     | 1 months |
  | 620..739 | 2 months |

rule demo_reserves "Reserves with a cushion"
  cite "Demo guide §2"
  when occupancy is investment
  require reserves_months >= cushion

matrix demo_matrix "Second homes by score"
  cite "Demo guide §3, p. 7"
  accept warning W702 because "The demo layers its matrix over the base's"
  when occupancy is second_home
  gives max_ltv
  rows fico
  columns loan_amount
  | FICO     | <= $1,000,000 | $1,000,001..$2,000,000 |
  | 740+     | 80%           | 75%                    |
  | 620..739 | 75%           | N/A                    |
'''
TYPO = DEMO.replace("require reserves_months >=", "require reserve_months >=")


def line_of(text: str, needle: str) -> int:
    """The 0-based line holding `needle`."""
    return next(i for i, line in enumerate(text.split("\n")) if needle in line)


def at(text: str, needle: str, offset: int = 0) -> tuple[int, int]:
    """The 0-based (line, character) of `needle` (plus `offset` characters) in `text`."""
    line = line_of(text, needle)
    return line, text.split("\n")[line].index(needle) + offset


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("lsp")
    (root / "glc.toml").write_text("", encoding="utf-8")
    (root / "programs").mkdir()
    for name in ("loan.fields", "shining_star_base.guideline", "summit_near_prime.guideline"):
        shutil.copy(ROOT / "programs" / name, root / "programs" / name)
    (root / "programs" / "demo_variant.guideline").write_text(DEMO, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def session(project: Path) -> Iterator[Session]:
    s = Session(project)
    try:
        yield s
    finally:
        s.stop()


@pytest.fixture(scope="module")
def demo(session: Session, project: Path) -> str:
    """The demo program open in the editor, its text as on disk."""
    uri = session.open(project / "programs" / "demo_variant.guideline", DEMO)
    assert session.wait_diagnostics(uri, 1) == []
    return uri


def test_a_misspelled_field_in_unsaved_text_is_diagnosed_as_glc_check_does(session: Session, project: Path) -> None:
    # the file on disk is the correct program; the editor's unsaved text has the typo
    path = project / "programs" / "typo.guideline"
    path.write_text(TYPO.replace("demo_variant", "demo_typo"), encoding="utf-8")
    uri = session.open(path, TYPO.replace("demo_variant", "demo_typo"))
    found = session.wait_diagnostics(uri, 1)
    cli = subprocess.run([str(GLC), "check", "--format", "json", "programs/typo.guideline"], cwd=project,
                         capture_output=True, text=True, check=False)
    expected = json.loads(cli.stdout)
    assert cli.returncode == 1 and [d["code"] for d in expected] == ["E208"]
    assert [(d.code, d.message, d.severity, d.source) for d in found] == [
        (e["code"], f"{e['message']}\nfix: {e['hint']}", types.DiagnosticSeverity.Error, "glc") for e in expected]
    e = expected[0]
    assert found[0].range == types.Range(types.Position(e["line"] - 1, e["column"] - 1),
                                         types.Position(e["end_line"] - 1, e["end_column"] - 1))
    assert found[0].range.start == types.Position(*at(TYPO, "reserve_months"))
    assert "Did you mean `reserves_months`?" in found[0].message
    [fix] = session.quick_fixes(uri, found)  # the name the message suggests, as an edit
    assert fix.edit is not None and list(fix.edit.changes[uri]) == [types.TextEdit(found[0].range, "reserves_months")]
    # the change that fixes the typo clears the diagnostic
    version = session.change(uri, DEMO.replace("demo_variant", "demo_typo"))
    assert session.wait_diagnostics(uri, version) == []


def test_unsaved_text_is_preferred_to_disk_for_the_file_itself(session: Session, project: Path) -> None:
    path = project / "programs" / "unsaved.guideline"
    path.write_text(TYPO.replace("demo_variant", "demo_unsaved"), encoding="utf-8")  # disk: the typo
    uri = session.open(path, DEMO.replace("demo_variant", "demo_unsaved"))  # the editor: fixed, not yet saved
    assert session.wait_diagnostics(uri, 1) == []
    version = session.change(uri, DEMO.replace("demo_variant", "demo_unsaved").replace("  rows fico", "  rows fcio"))
    [found] = session.wait_diagnostics(uri, version)
    assert found.code == "E208" and "`fcio`" in found.message
    # positions are in UTF-16 code units, as the client asked (the default): an emoji before the span counts twice
    emoji = DEMO.replace("demo_variant", "demo_unsaved").replace(
        'value cushion "Reserve cushion" = required_reserves', 'value cushion "Reserve 🛟 cushion" = required_reservs')
    version = session.change(uri, emoji)
    [found] = session.wait_diagnostics(uri, version)
    line, start = at(emoji, "required_reservs")
    assert found.range == types.Range(types.Position(line, start + 1), types.Position(line, start + 1 + len("required_reservs")))


def test_hover_on_a_keyed_matrix_line_header_and_cell(session: Session, project: Path) -> None:
    """A matrix keyed on a derived category and a band (rows) and on two choices (columns): each entry of a line
    and each cell answers with the line as written and the keys' titles."""
    path = project / "programs" / "summit_near_prime.guideline"
    text = path.read_text(encoding="utf-8")
    uri = session.open(path, text)
    session.wait_diagnostics(uri, 1)
    row = '| "A"   | 620..679 | 80%'
    for offset in (3, 10):  # the grade, then the score band of the same line
        hover = session.hover(uri, *at(text, row, offset))
        assert hover is not None and isinstance(hover.contents, types.MarkupContent)
        assert "row line A / 620-679 of Credit grade / Credit score" in hover.contents.value, \
            hover.contents.value
    header = "| alt / cash_out |"
    hover = session.hover(uri, *at(text, header, 3))
    assert hover is not None and isinstance(hover.contents, types.MarkupContent)
    assert "column line alt / cash_out" in hover.contents.value, hover.contents.value
    cell = text[text.index(row):].split("\n")[0]
    hover = session.hover(uri, line_of(text, row), text.splitlines()[line_of(text, row)].index(cell) + cell.rindex("N/A") + 1)
    assert hover is not None and isinstance(hover.contents, types.MarkupContent)
    got = hover.contents.value
    assert "alt / cash_out" in got and "not eligible" in got, got


def test_hover_a_field_a_value_and_a_matrix_cell(session: Session, demo: str) -> None:
    hover = session.hover(demo, *at(DEMO, "rows fico", 6))
    assert hover is not None and isinstance(hover.contents, types.MarkupContent)
    text = hover.contents.value
    assert "**Credit score** `fico`" in text and "Range: 300-850" in text and "Unit: points" in text
    assert "Representative credit score" in text
    hover = session.hover(demo, *at(DEMO, ">= cushion", 5))
    assert hover is not None and isinstance(hover.contents, types.MarkupContent)
    text = hover.contents.value
    assert "**Reserve cushion** `cushion`" in text and "Rounding: rounded up to 0 decimals" in text
    assert "required_reserves + 2 months" in text and "Citation: Demo guide §1" in text
    hover = session.hover(demo, *at(DEMO, "| 620..739 | 75%", 14))  # the 75% cell of the second row
    assert hover is not None and isinstance(hover.contents, types.MarkupContent)
    text = hover.contents.value
    assert "Credit score 620-739" in text and "Loan amount up to $1,000,000" in text
    assert "max_ltv 75" in text and "Citation: Demo guide §3, p. 7" in text
    hover = session.hover(demo, *at(DEMO, "| 620..739 | 2 months", 4))  # a band of a value's table
    assert hover is not None and isinstance(hover.contents, types.MarkupContent)
    assert "**Cushion by score** `score_cushion`: Credit score 620-739 gives 2 months" in hover.contents.value


def test_completion_after_require_offers_fields_and_values(session: Session, demo: str) -> None:
    line, _ = at(DEMO, "require reserves_months")
    labels = session.complete(demo, line, len("  require "))
    assert {"fico", "occupancy", "loan_amount"} <= set(labels)  # fields
    assert {"cushion", "required_reserves", "ltv", "reserves_months"} <= set(labels)  # values, own, inherited, shared
    assert {"not", "if", "lesser of", "months since"} <= set(labels) and "rule" not in labels  # keywords the grammar takes there


def test_completion_of_choices_and_of_keywords_in_context(session: Session, demo: str) -> None:
    line, start = at(DEMO, "investment")
    labels = session.complete(demo, line, start)
    assert {"primary", "second_home", "investment"} <= set(labels) and "known" in labels and "fico" not in labels
    blank = DEMO.replace("  require reserves_months >= cushion", "  require reserves_months >= cushion\n  ")
    version = session.change(demo, blank)
    labels = session.complete(demo, line_of(blank, "require reserves_months") + 1, 2)
    assert {"require", "when", "cite", "reduce", "cap", "rule", "matrix"} <= set(labels) and "fico" not in labels
    line, start = at(DEMO, "extends: ", len("extends: "))
    assert "shining_star_base" in session.complete(demo, line, start)
    assert session.complete(demo, *at(DEMO, 'cite "Demo guide §2"', len('cite "Demo '))) == []  # inside a string
    session.change(demo, DEMO)
    assert version > 1


def test_go_to_definition_of_values_fields_limits_and_the_base(session: Session, demo: str, project: Path) -> None:
    here = session.definition(demo, *at(DEMO, ">= cushion", 4))
    assert here.uri == demo and here.range.start.line == line_of(DEMO, "value cushion")
    base = project / "programs" / "shining_star_base.guideline"
    base_text = base.read_text(encoding="utf-8")
    there = session.definition(demo, *at(DEMO, "required_reserves + 2", 3))
    assert there.uri == Session.uri(base) and there.range.start.line == line_of(base_text, "value required_reserves")
    fields = (project / "programs" / "loan.fields").read_text(encoding="utf-8")
    field = session.definition(demo, *at(DEMO, "rows fico", 6))
    assert field.uri.endswith("/programs/loan.fields") and field.range.start.line == line_of(fields, "field fico ")
    value = session.definition(demo, *at(DEMO, "reserves_months", 2))
    assert value.range.start.line == line_of(fields, "value reserves_months")
    limit = session.definition(demo, *at(DEMO, "gives max_ltv", 8))
    assert limit.uri == field.uri and limit.range.start.line == line_of(fields, "limit max_ltv ")
    program = session.definition(demo, *at(DEMO, "shining_star_base", 2))
    assert program.uri == Session.uri(base) and program.range.start.line == line_of(base_text, "program shining_star_base")


def test_document_symbols_are_sections_holding_values_rules_and_matrices(session: Session, demo: str) -> None:
    [section] = session.symbols(demo)
    assert section.name == "Demo rules" and section.kind == types.SymbolKind.Namespace
    assert section.children is not None
    assert [(c.name, c.kind) for c in section.children] == [
        ("cushion", types.SymbolKind.Variable), ("score_cushion", types.SymbolKind.Variable),
        ("demo_reserves", types.SymbolKind.Function),
        ("demo_matrix", types.SymbolKind.Struct)]
    assert section.range.start.line == line_of(DEMO, "section") and section.range.end == section.children[-1].range.end
    assert section.children[-1].range.end.line > line_of(DEMO, "| 620..739")  # the matrix's table is in it


def test_requests_it_cannot_answer_get_empty_results_and_the_server_goes_on(session: Session, demo: str, project: Path) -> None:
    assert session.hover(demo, 500, 3) is None
    assert session.hover(demo, line_of(DEMO, "section"), 0) is None
    broken = DEMO.replace("  when occupancy is investment", "  when occupancy is (")
    version = session.change(demo, broken)
    [found] = session.wait_diagnostics(demo, version)
    assert found.code.startswith("E1") if isinstance(found.code, str) else False
    assert [s.name for s in session.symbols(demo)] == ["Demo rules"]  # the outline of the last text that parsed
    assert "fico" in session.complete(demo, *at(broken, "require reserves_months", len("require ")))
    version = session.change(demo, DEMO)
    assert session.wait_diagnostics(demo, version) == []
    missing = Session.uri(project / "programs" / "never_written.guideline")
    assert session.hover(missing, 0, 0) is None  # the handler fails (no such file): logged, answered with nothing
    assert any("hover failed" in m for m in session.logs)
    outside = project.parent / f"{project.name}-alone.guideline"
    uri = session.open(outside, "program alone\n")
    assert [d.code for d in session.wait_diagnostics(uri, 1)] == ["E601"]


def test_problems_in_the_vocabulary_are_published_for_it_as_glc_check_reports_them(
        session: Session, tmp_path_factory: pytest.TempPathFactory) -> None:
    root = tmp_path_factory.mktemp("broken-vocabulary")
    (root / "glc.toml").write_text("", encoding="utf-8")
    (root / "programs").mkdir()
    fields = (ROOT / "programs" / "loan.fields").read_text(encoding="utf-8")
    (root / "programs" / "loan.fields").write_text(fields.replace('limit max_ltv "Max LTV" on ltv', 'limit max_ltv "Max LTV" on ltvv'),
                                                   encoding="utf-8")
    for name in ("shining_star_base.guideline", "demo_variant.guideline"):
        text = DEMO if name.startswith("demo") else (ROOT / "programs" / name).read_text(encoding="utf-8")
        (root / "programs" / name).write_text(text, encoding="utf-8")
    cli = subprocess.run([str(GLC), "check", "--format", "json", "programs/demo_variant.guideline"], cwd=root,
                         capture_output=True, text=True, check=False)
    expected = [(e["code"], e["line"] - 1) for e in json.loads(cli.stdout) if e.get("file") == "programs/loan.fields"]
    assert expected and expected[0][0] == "E201"
    vocabulary = Session.uri(root / "programs" / "loan.fields")
    session.open(root / "programs" / "demo_variant.guideline", DEMO)
    with session.changed:
        assert session.changed.wait_for(lambda: vocabulary in session.published, 60)
    assert [(d.code, d.range.start.line) for d in session.published[vocabulary][-1].diagnostics] == expected


def test_formatting_lays_the_document_out_as_glc_fmt_does(session: Session, project: Path) -> None:
    from compiler.tools.fmt import format_source

    messy = DEMO.replace("  | FICO     | cushion  |", "  |FICO|cushion|").replace("rule demo_reserves", "rule   demo_reserves")
    messy = messy.replace("program demo_variant", "program messy_demo")
    uri = session.open(project / "programs" / "messy.guideline", messy)
    edits = session.format(uri)
    assert edits is not None and len(edits) == 1
    assert edits[0].range.start == types.Position(line=0, character=0)
    assert edits[0].new_text == format_source(messy) != messy
    assert "  | FICO     | cushion  |" in edits[0].new_text and "\nrule demo_reserves" in edits[0].new_text
    session.change(uri, edits[0].new_text)
    assert not session.format(uri)  # already laid out: nothing to change
    session.change(uri, "program broken\n  title: (\n")
    assert session.format(uri) is None  # a syntax error: nothing to lay out, and the server goes on
