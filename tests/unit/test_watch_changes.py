"""`compiler.build.watch`: what `glc watch` sees change (the subprocess test is tests/cli/test_watch.py)."""

from __future__ import annotations

from pathlib import Path

from compiler.build.watch import changed, changes, snapshot


def test_edits_additions_and_removals_are_changes(tmp_path: Path) -> None:
    (tmp_path / "a.guideline").write_text("a", encoding="utf-8")
    (tmp_path / "b.guideline").write_text("b", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not a source", encoding="utf-8")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "c.guideline").write_text("c", encoding="utf-8")
    before = snapshot([tmp_path])
    assert sorted(p.name for p in before) == ["a.guideline", "b.guideline"]
    (tmp_path / "a.guideline").write_text("a2", encoding="utf-8")
    (tmp_path / "b.guideline").unlink()
    (tmp_path / "loan.fields").write_text("f", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("still not a source", encoding="utf-8")
    assert [p.name for p in changed(before, snapshot([tmp_path]))] == ["a.guideline", "b.guideline", "loan.fields"]


def test_a_save_during_the_first_build_is_a_change(tmp_path: Path) -> None:
    """`since` is taken before the build; a file saved after it, before the first poll, is still seen."""
    program = tmp_path / "p.guideline"
    program.write_text("one", encoding="utf-8")
    since = snapshot([tmp_path])
    program.write_text("two!", encoding="utf-8")  # saved while the first build ran
    polls: list[float] = []
    found = next(changes([tmp_path], interval=0.2, sleep=polls.append, since=since))
    assert found == [program]
    assert polls == [0.2, 0.05]  # one poll, then one look to see the writing has settled


def test_nothing_changed_keeps_polling(tmp_path: Path) -> None:
    (tmp_path / "p.guideline").write_text("one", encoding="utf-8")
    polls: list[float] = []

    def sleep(seconds: float) -> None:
        polls.append(seconds)
        if len(polls) == 3:
            (tmp_path / "p.guideline").write_text("three", encoding="utf-8")

    assert next(changes([tmp_path], interval=0.1, sleep=sleep)) == [tmp_path / "p.guideline"]
    assert polls == [0.1, 0.1, 0.1, 0.025]
