"""`glc check` from the outside: exit codes, JSON output, bad paths, never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def glc(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "compiler.cli", *args], cwd=cwd, capture_output=True, text=True)


def test_check_programs_is_clean() -> None:
    out = glc("check")
    assert out.returncode == 0, out.stdout + out.stderr
    assert "0 errors" in out.stdout


def test_check_json_of_a_bad_file() -> None:
    out = glc("check", "tests/cases/bad/misspelled_field.guideline", "--vocabulary", "programs/loan.fields", "--format", "json")
    assert out.returncode == 1
    items = json.loads(out.stdout)
    assert items[0]["code"] == "E201"
    assert items[0]["file"] == "tests/cases/bad/misspelled_field.guideline"
    assert (items[0]["line"], items[0]["column"]) == (18, 11)
    assert "fico" in items[0]["message"]


def test_usage_error_exits_2() -> None:
    assert glc("check", "--no-such-option").returncode == 2
    assert glc("no-such-command").returncode == 2


def test_missing_path_and_wrong_kind_of_file(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("hello")
    for target in (str(tmp_path / "missing.guideline"), str(tmp_path / "notes.txt"), str(tmp_path)):
        out = glc("check", target)
        assert out.returncode == 2, target
        assert "Traceback" not in out.stdout + out.stderr
        assert "error[E6" in out.stdout
