"""Golden diagnostics: every file (or folder) in tests/cases/bad/ against its `.expected` file.

Re-record with `pytest tests/golden/test_diagnostics.py --update-golden` and review the change with `git diff`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from compiler.diagnostics import render_text
from compiler.driver import check_paths

ROOT = Path(__file__).resolve().parents[2]
BAD = ROOT / "tests" / "cases" / "bad"
VOCABULARY = Path("programs/loan.fields")


def _cases() -> list[Path]:
    return sorted(p for p in BAD.iterdir() if p.suffix in (".guideline", ".fields") or p.is_dir())


def run_case(case: Path) -> tuple[str, bool]:
    rel = case.relative_to(ROOT)
    vocabulary = None if case.suffix == ".fields" else VOCABULARY
    result = check_paths([rel], vocabulary=vocabulary)
    return render_text(result.diagnostics, result.sources), result.ok


@pytest.mark.parametrize("case", _cases(), ids=lambda p: p.name)
def test_bad_case(case: Path, at_root: Path, update_golden: bool) -> None:
    text, ok = run_case(case)
    assert not ok, f"{case.name} should have errors"
    expected = case.with_name(case.name + ".expected")
    if update_golden or not expected.exists():
        expected.write_text(text, encoding="utf-8")
        if not update_golden:
            pytest.fail(f"recorded new golden file {expected.name}; review it and run again")
    assert text == expected.read_text(encoding="utf-8")


def test_at_least_25_cases() -> None:
    assert len(_cases()) >= 25
