"""`driver.check_paths(..., texts=...)`: texts held elsewhere than on disk (the language server's unsaved documents)
are read in place of the files, wherever the run reads them: the file asked about (which need not exist), and a
base it extends; the result is what the same texts on disk give."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from compiler.driver import check_paths

ROOT = Path(__file__).resolve().parents[2]
VARIANT = (ROOT / "programs" / "shining_star_edge.guideline").read_text(encoding="utf-8")


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "programs").mkdir()
    for name in ("loan.fields", "shining_star_base.guideline"):
        shutil.copy(ROOT / "programs" / name, tmp_path / "programs" / name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def codes(paths: list[Path], texts: dict[Path, str] | None = None) -> list[tuple[str, str, int]]:
    result = check_paths(paths, texts=texts)
    return [(d.code, d.span.path if d.span else "", d.span.line if d.span else 0) for d in result.diagnostics]


def test_a_text_not_on_disk_is_checked_as_the_same_text_on_disk(project: Path) -> None:
    typo = VARIANT.replace("require housing_lates", "require housing_late")
    held = Path("programs/edge.guideline")
    from_texts = codes([held], {held.resolve(): typo})
    held.write_text(typo, encoding="utf-8")
    assert from_texts == codes([held]) and [c for c, _, _ in from_texts] == ["E208"]


def test_a_base_is_read_from_the_texts_in_place_of_its_file(project: Path) -> None:
    held = Path("programs/edge.guideline")
    held.write_text(VARIANT, encoding="utf-8")
    assert codes([held]) == []
    base = Path("programs/shining_star_base.guideline").resolve()
    renamed = base.read_text(encoding="utf-8").replace("program shining_star_base", "program shining_star_core")
    broken = codes([held], {base: renamed})  # the base, as the editor holds it, no longer has that name
    assert broken and all(path == "programs/edge.guideline" for _, path, _ in broken)
    assert codes([held]) == []  # the file on disk is unchanged
