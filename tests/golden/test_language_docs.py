"""Every example in docs/language.md checks clean: ```guideline blocks against the shared vocabulary,
```fields blocks alone as a vocabulary."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from compiler.diagnostics import render_text
from compiler.driver import check_paths

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "language.md"
BLOCK = re.compile(r"^```(guideline|fields)\n(.*?)^```", re.S | re.M)


def _examples() -> list[tuple[int, str, str]]:
    text = DOC.read_text(encoding="utf-8")
    return [(text[: m.start()].count("\n") + 1, m.group(1), m.group(2)) for m in BLOCK.finditer(text)]


def test_the_reference_has_examples() -> None:
    assert len(_examples()) >= 20


@pytest.mark.parametrize(("line", "kind", "body"), _examples(), ids=lambda v: str(v) if isinstance(v, int) else "")
def test_example_checks_clean(line: int, kind: str, body: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    if kind == "fields":
        (tmp_path / "example.fields").write_text(body, encoding="utf-8")
    else:
        shutil.copy(ROOT / "programs" / "loan.fields", tmp_path / "loan.fields")
        (tmp_path / "example.guideline").write_text(body, encoding="utf-8")
    result = check_paths([tmp_path])
    errors = [d for d in result.diagnostics if d.severity == "error"]
    assert not errors, f"docs/language.md line {line}:\n" + render_text(errors, result.sources)


PORTFOLIO_BLOCK = re.compile(r"^```portfolio\n(.*?)^```", re.S | re.M)


def test_portfolio_examples_check_clean(tmp_path: Path) -> None:
    from compiler.driver import check_portfolios

    text = DOC.read_text(encoding="utf-8")
    blocks = list(PORTFOLIO_BLOCK.finditer(text))
    assert blocks
    bundle = check_paths([ROOT / "programs"]).bundle
    assert bundle is not None
    for m in blocks:
        path = tmp_path / "example.portfolio"
        path.write_text(m.group(1), encoding="utf-8")
        checked = check_portfolios([path], bundle.vocabulary)
        assert checked.portfolio is not None, (
            f"docs/language.md line {text[: m.start()].count(chr(10)) + 1}:\n" + render_text(checked.diagnostics, checked.sources))
