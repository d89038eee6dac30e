"""A build's outputs compared with the files on disk (`build._same`) and their digests (`manifest._sha`): a file
this process found holding a text is not read again while its size and time stay as they were."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from compiler.build import build, manifest


def test_a_settled_file_found_the_same_is_not_read_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(build, "_SEEN", {})
    f = tmp_path / "out.py"
    f.write_text("x = 1\n", encoding="utf-8")
    old = time.time_ns() - 10 * manifest.RACY_NS
    os.utime(f, ns=(old, old))  # settled: written well before it was read
    assert build._same(f, "x = 1\n")
    reads: list[Path] = []
    real = Path.read_text

    def counted(self: Path, *args: object, **kwargs: object) -> str:
        reads.append(self)
        return real(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "read_text", counted)
    assert build._same(f, "x = 1\n") and not build._same(f, "x = 2\n")
    assert reads == []
    f.write_text("x = 2\n", encoding="utf-8")  # changed on disk: a new modification time, read again
    assert build._same(f, "x = 2\n") and reads == [f]
    assert not build._same(tmp_path / "missing.py", "x = 2\n")


def test_a_file_modified_just_before_it_was_read_is_read_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(build, "_SEEN", {})
    f = tmp_path / "out.py"
    f.write_text("x = 1\n", encoding="utf-8")  # just now: a later write could keep its time
    assert build._same(f, "x = 1\n")
    reads: list[Path] = []
    real = Path.read_text

    def counted(self: Path, *args: object, **kwargs: object) -> str:
        reads.append(self)
        return real(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "read_text", counted)
    assert build._same(f, "x = 1\n") and reads == [f]


def test_a_texts_digest_is_kept_with_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(manifest, "_SHAS", {})
    text = "y = 2\n" * 1000
    first = manifest._sha(text)
    assert manifest._SHAS[id(text)] == (text, first)
    assert manifest._sha(text) == first == manifest._sha("".join(["y = 2\n"] * 1000))  # an equal text: the same digest


def test_paths_are_shown_relative_to_the_working_directory_of_the_moment(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from compiler.source import display_path

    (tmp_path / "a" / "b").mkdir(parents=True)
    target = tmp_path / "a" / "b" / "x.guideline"
    monkeypatch.chdir(tmp_path)
    assert display_path(target) == "a/b/x.guideline"
    monkeypatch.chdir(tmp_path / "a")  # the resolved working directory is kept per directory, not once
    assert display_path(target) == "b/x.guideline"
    monkeypatch.chdir(tmp_path / "a" / "b")
    assert display_path(Path("x.guideline")) == "x.guideline"
    assert display_path(tmp_path / "elsewhere.guideline") == (tmp_path / "elsewhere.guideline").as_posix()
