"""`note` items (issue 16): source text a program records with its citation and status and does not enforce.
Documentation only: all four executors (tests/oracles/four_engines.py) decide a loan as if the note were not
there; the program's page shows it; `glc diff` reports notes added, removed and changed; `glc explain` lists
them; variants inherit them and may drop them.
"""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path
from typing import Any

from compiler import ir_program
from compiler.backends.docs.site import program_page
from compiler.driver import check_paths
from compiler.tools.diff import diff_programs
from compiler.tools.explain import note_lines
from tests.oracles.four_engines import decide

ROOT = Path(__file__).resolve().parents[2]

HEADER = """\
  title: "Noted"
  investor: "Test"
  family: "Test"
  version: "1"
  effective: 2026-01-01
  source: "Test guide"
"""

PROGRAM = "program noted\n" + HEADER + """
rule min_fico "Minimum credit score"
  cite "§1"
  require fico at least 660

note foreign_ids "Acceptable identification"
  cite "§2.3, p. 4"
  status: informational
  text: "A valid passport with a US visa is acceptable identification."

note reserves_conflict "Reserves for cash-out"
  cite "§5.1, p. 9"
  status: conflict
  text: "Page 9 asks 6 months; page 12 asks 3 months."
"""

VARIANT = "program noted_variant\n" + HEADER.replace('"Noted"', '"Noted variant"') + """  extends: noted

drop note reserves_conflict because "Settled by the investor: 6 months."
"""

LOAN: dict[str, Any] = {"application_date": "2026-03-14", "fico": 700}


def _bundle(tmp: Path) -> ir_program.Bundle:
    folder = tmp / "programs"
    folder.mkdir(exist_ok=True)
    shutil.copy(ROOT / "programs" / "loan.fields", folder / "loan.fields")
    (folder / "noted.guideline").write_text(PROGRAM, encoding="utf-8")
    (folder / "noted_variant.guideline").write_text(VARIANT, encoding="utf-8")
    result = check_paths([folder])
    assert result.bundle is not None, [d.message for d in result.diagnostics]
    return result.bundle


def _program(bundle: ir_program.Bundle, pid: str) -> ir_program.Program:
    return next(p for p in bundle.programs if p.id == pid)


def test_notes_are_lowered_with_citation_and_status(tmp_path: Path) -> None:
    p = _program(_bundle(tmp_path), "noted")
    assert [(n.id, n.status, n.citation) for n in p.notes] == [
        ("foreign_ids", "informational", "§2.3, p. 4"), ("reserves_conflict", "conflict", "§5.1, p. 9")]
    assert [r.id for r in p.rules] == ["min_fico"]


def test_a_note_never_changes_a_decision(tmp_path: Path) -> None:
    bundle = _bundle(tmp_path)
    for fico, status in ((700, "eligible"), (600, "ineligible"), (None, "needs_info")):
        d = decide(bundle, "noted", LOAN | {"fico": fico}, tmp_path)  # all four executors agree
        assert d.status == status
        assert "min_fico" in {f.rule_id for f in d.findings}
        assert not {"foreign_ids", "reserves_conflict"} & {f.rule_id for f in d.findings}


def test_the_page_shows_each_note_with_its_status_and_citation(tmp_path: Path) -> None:
    bundle = _bundle(tmp_path)
    page = program_page(_program(bundle, "noted"), bundle)
    assert "### Acceptable identification { #note-foreign_ids }" in page
    assert '!!! info "Recorded, not enforced: informational"' in page
    assert '!!! danger "Recorded, not enforced: the source contradicts itself"' in page
    assert "*§2.3, p. 4* (note `foreign_ids`, status informational; the checker does not read it)" in page


def test_variants_inherit_notes_and_drop_them(tmp_path: Path) -> None:
    variant = _program(_bundle(tmp_path), "noted_variant")
    assert [n.id for n in variant.notes] == ["foreign_ids"]
    assert [(d.kind, d.id) for d in variant.dropped] == [("note", "reserves_conflict")]


def test_diff_reports_notes_added_removed_and_changed(tmp_path: Path) -> None:
    bundle = _bundle(tmp_path)
    old = _program(bundle, "noted")
    changed = dataclasses.replace(old.notes[0], status="unusable", text="Garbled in the source.")
    new = dataclasses.replace(old, notes=(changed,))
    lines = [c.sentence() for c in diff_programs(old, new, bundle.vocabulary, bundle.vocabulary).changes]
    assert 'Note "Acceptable identification" (foreign_ids): Status: informational -> unusable' in lines
    assert any(line.startswith('Note "Reserves for cash-out" (reserves_conflict): Note: removed: conflict:') for line in lines)
    back = [c for c in diff_programs(new, old, bundle.vocabulary, bundle.vocabulary).changes if c.action == "added"]
    assert [c.item for c in back] == ["note:reserves_conflict"] and all(c.effect == "" for c in back)


def test_explain_lists_the_notes(tmp_path: Path) -> None:
    lines = note_lines(_program(_bundle(tmp_path), "noted"))
    assert [(n.note_id, n.status, n.citation) for n in lines] == [
        ("foreign_ids", "informational", "§2.3, p. 4"), ("reserves_conflict", "conflict", "§5.1, p. 9")]
