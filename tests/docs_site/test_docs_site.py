"""The documentation site: generated pages build with `mkdocs build --strict`, show what the checkers
enforce, and render text from guideline files literally (escaped)."""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = ROOT / "tests" / "cases" / "hostile" / "hostile.guideline"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def mkdocs_build(project: Path, site: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)], cwd=project,
                          capture_output=True, text=True, env=ENV)


def test_site_builds_strict(built_site: Path) -> None:
    page = (built_site / "programs" / "keystone_bank_statement" / "index.html").read_text(encoding="utf-8")
    assert "Bank Statement Select" in page


def test_matrix_cell_equals_the_checkers_max_ltv(built_site: Path) -> None:
    import generated
    from generated.loan import Loan

    page = (built_site / "programs" / "keystone_bank_statement" / "index.html").read_text(encoding="utf-8")
    cell = re.search(r'data-row="700-719" data-col="up to \$1,000,000" data-value="(\d+)">(\d+)%<', page)
    assert cell is not None
    loan = Loan(fico=705, loan_amount=800_000, appraised_value=1_000_000, purchase_price=1_000_000,
                occupancy="primary", purpose="purchase", property_type="sfr", interest_only=False, rural=False,
                declining_market=False, rent_free=False)
    limit = generated.check("keystone_bank_statement", loan).limit("max_ltv")
    assert limit is not None and str(limit.value) == cell.group(1) == cell.group(2)


def test_hostile_text_renders_escaped(tmp_path: Path) -> None:
    (tmp_path / "programs").mkdir()
    shutil.copy(ROOT / "programs" / "loan.fields", tmp_path / "programs")
    shutil.copy(HOSTILE, tmp_path / "programs" / "hostile.guideline")
    (tmp_path / "docs").mkdir()
    shutil.copy(ROOT / "docs" / "language.md", tmp_path / "docs")
    shutil.copytree(ROOT / "docs" / "stylesheets", tmp_path / "docs" / "stylesheets")
    build = subprocess.run([sys.executable, "-m", "compiler.cli", "build"], cwd=tmp_path, capture_output=True, text=True)
    assert build.returncode == 0, build.stdout + build.stderr
    out = mkdocs_build(tmp_path, tmp_path / "site")
    assert out.returncode == 0, out.stdout + out.stderr
    page = (tmp_path / "site" / "programs" / "hostile_text" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in page and "<script>alert('x')</script>" not in page
    assert "<b>bold</b>" not in page
    text = html.unescape(re.sub(r"<[^>]+>", "", page))
    assert 'Evil """ title {{ 7*7 }} </script><script>alert(1)</script> \\ back' in text
    assert "Grid \"\"\" <script>alert('x')</script>" in text
    assert "Inv'estor \" '''  __import__('os').system('touch /tmp/glc-pwned') | * _ `code`" in text
    assert "<b>bold</b> {% raw %}" in text
    assert "Note # not a comment   second line (§1" in text  # the matrix's note, under its table


def test_every_program_page_has_a_runnable_checker_example(capsys: pytest.CaptureFixture[str]) -> None:
    """The copyable example at the foot of each program page runs as printed and calls that program's checker."""
    pages = sorted(p for p in (ROOT / "docs" / "programs").glob("*.md") if not p.stem.endswith("-changes"))
    assert pages
    for page in pages:
        text = page.read_text(encoding="utf-8")
        example = re.search(r"## Using the checker\n.*?```python\n(.*?)```", text, re.S)
        assert example is not None, page
        assert f'check("{page.stem}", loan)' in example.group(1)
        exec(compile(example.group(1), str(page), "exec"), {})
        status = capsys.readouterr().out.splitlines()[0]
        assert status in {"eligible", "ineligible", "needs_info"}, (page, status)
