"""`glc fmt`: programs/ is kept formatted (this is CI's `glc fmt --check programs`); `--check` and `--diff` write
nothing and exit 1 listing what would change; `glc fmt` rewrites in place (through symbolic links, keeping
permissions); a file with a syntax error is reported (exit 1) and left alone; a missing path is a usage error;
`glc fmt -` formats stdin to stdout."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from compiler.cli.app import app

ROOT = Path(__file__).resolve().parents[2]
MESSY = """program messy
  title: "Messy"
matrix m "M"
    cite "§1"
    gives max_ltv
    rows fico
    |FICO|Max LTV|
    |740+|80%|
    |660-739   |75%|
"""
FORMATTED = """program messy
  title: "Messy"
matrix m "M"
  cite "§1"
  gives max_ltv
  rows fico
  | FICO     | Max LTV |
  | 740+     | 80%     |
  | 660..739 | 75%     |
"""


def glc(*args: str, stdin: str | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args), input=stdin)
    return result.exit_code, result.output


def test_programs_are_formatted(monkeypatch: pytest.MonkeyPatch) -> None:
    """CI: `glc fmt --check programs` (run `glc fmt` to fix what it lists)."""
    monkeypatch.chdir(ROOT)
    code, out = glc("fmt", "--check", "programs")
    assert code == 0, out
    assert "already formatted" in out


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "glc.toml").write_text('[project]\nprograms = "programs"\n', encoding="utf-8")
    (tmp_path / "programs").mkdir()
    (tmp_path / "programs" / "messy.guideline").write_text(MESSY, encoding="utf-8")
    (tmp_path / "programs" / "tidy.guideline").write_text(FORMATTED.replace("messy", "tidy"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_check_lists_what_would_change_and_writes_nothing(project: Path) -> None:
    code, out = glc("fmt", "--check")
    assert code == 1
    assert "programs/messy.guideline" in out and "tidy" not in out
    assert (project / "programs" / "messy.guideline").read_text(encoding="utf-8") == MESSY


def test_diff_shows_the_change_and_writes_nothing(project: Path) -> None:
    code, out = glc("fmt", "--diff", "programs/messy.guideline")
    assert code == 1
    assert "-    |660-739   |75%|\n" in out and "+  | 660..739 | 75%     |\n" in out
    assert (project / "programs" / "messy.guideline").read_text(encoding="utf-8") == MESSY


def test_fmt_rewrites_in_place_then_check_passes(project: Path) -> None:
    messy = project / "programs" / "messy.guideline"
    os.chmod(messy, 0o640)
    link = project / "linked.guideline"
    link.symlink_to(messy)
    code, out = glc("fmt", "linked.guideline", "programs")
    assert code == 0, out
    assert "1 file reformatted, 1 unchanged" in out
    assert messy.read_text(encoding="utf-8") == FORMATTED
    assert link.is_symlink() and stat.S_IMODE(messy.stat().st_mode) == 0o640
    assert not list((project / "programs").glob(".*.tmp"))
    assert glc("fmt", "--check")[0] == 0


def test_a_syntax_error_is_reported_and_the_file_left_alone(project: Path) -> None:
    broken = project / "programs" / "broken.guideline"
    broken.write_text("program broken\n  title: \"B\"\nrule r \"R\"\n  require fico >= (660\n", encoding="utf-8")
    code, out = glc("fmt")
    assert code == 1
    assert "programs/broken.guideline:4:" in out and "error[E103]" in out
    assert broken.read_text(encoding="utf-8").endswith("(660\n")
    assert (project / "programs" / "messy.guideline").read_text(encoding="utf-8") == FORMATTED


def test_a_missing_path_is_a_usage_error(project: Path) -> None:
    code, out = glc("fmt", "--check", "nowhere.guideline")
    assert code == 2
    assert "No such file or folder: nowhere.guideline" in out


def test_stdin_to_stdout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`glc fmt -` (an editor piping its buffer), outside any project."""
    monkeypatch.chdir(tmp_path)
    assert glc("fmt", "-", stdin=MESSY) == (0, FORMATTED)
    code, out = glc("fmt", "-", stdin="program p\n  title: (\n")
    assert code == 1 and "<stdin>:" in out and "error[E1" in out
