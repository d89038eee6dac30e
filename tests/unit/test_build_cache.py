"""The build cache (`.glc-cache/`, compiler/build/cache.py): an incremental build writes exactly what a cold build
writes; a changed base rebuilds what is built on it; corrupt or foreign entries are ignored; `--check` never lies."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from compiler.build.build import build, check_fresh
from compiler.build.cache import MAGIC, Cache, compiler_hash, default_folder, key
from compiler.project import Project

ROOT = Path(__file__).resolve().parents[2]
# a base with an older version and an overlay on it: versions, inheritance and every back end, kept small
FILES = ("loan.fields", "keystone_bank_statement.guideline", "acme_bank_statement.guideline",
         "history/keystone_bank_statement@2025.2.guideline")
BASE = "programs/keystone_bank_statement.guideline"
OVERLAY_MODULE = "generated/acme_bank_statement.py"


def project(folder: Path) -> Path:
    for name in FILES:
        target = folder / "programs" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ROOT / "programs" / name, target)
    return folder


def tree(folder: Path) -> dict[str, bytes]:
    """Every file a build wrote, by relative path."""
    out = {}
    for p in sorted(folder.rglob("*")):
        rel = p.relative_to(folder).as_posix()
        if p.is_file() and (rel.startswith(("generated/", "docs/")) or rel == "mkdocs.yml"):
            out[rel] = p.read_bytes()
    return out


def run_build(folder: Path, cache: Cache | None, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Build in `folder` (paths as authors see them are relative to it); returns the diagnostics as text."""
    monkeypatch.chdir(folder)
    result = build(Project(folder.resolve()), [Path("programs")], cache=cache)
    assert result.check.ok, result.check.diagnostics
    return [f"{d.span}: {d.code} {d.message}" for d in result.check.diagnostics]


def tighten_base(folder: Path) -> None:
    """A change to the base that its overlay inherits (the declining-market reduction)."""
    path = folder / BASE
    text = path.read_text(encoding="utf-8")
    old = "when declining_market\n  reduce max_ltv, max_cltv by 5%"
    assert old in text
    path.write_text(text.replace(old, "when declining_market\n  reduce max_ltv, max_cltv by 10%"), encoding="utf-8")


def test_incremental_build_is_byte_identical_to_a_cold_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    a = project(tmp_path / "a")
    run_build(a, Cache(default_folder(a)), monkeypatch)
    overlay_before = (a / OVERLAY_MODULE).read_bytes()
    tighten_base(a)
    cache = Cache(default_folder(a))
    warm = run_build(a, cache, monkeypatch)
    assert cache.hits > 0, "the incremental build read nothing from the cache"
    assert cache.misses > 0, "the changed base was not rebuilt"
    assert (a / OVERLAY_MODULE).read_bytes() != overlay_before, "the overlay on the changed base was not rebuilt"
    assert b"Declining market" in (a / OVERLAY_MODULE).read_bytes()

    b = project(tmp_path / "b")
    tighten_base(b)
    cold = run_build(b, None, monkeypatch)
    assert not default_folder(b).exists(), "a build without a cache wrote one"
    assert tree(a) == tree(b)
    assert warm == cold

    # nothing changed: everything from the cache, the same files
    again = Cache(default_folder(a))
    run_build(a, again, monkeypatch)
    assert again.misses == 0 and again.hits > 0
    assert tree(a) == tree(b)


def test_corrupt_and_foreign_entries_are_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    a = project(tmp_path / "a")
    run_build(a, Cache(default_folder(a)), monkeypatch)
    built = tree(a)
    entries = sorted(default_folder(a).rglob("*.pickle"))
    assert len(entries) > 10
    for i, entry in enumerate(entries):
        data = entry.read_bytes()
        if i % 4 == 0:
            entry.write_bytes(data[: len(data) // 2])  # truncated
        elif i % 4 == 1:
            entry.write_bytes(data[:-1] + bytes([data[-1] ^ 0xFF]))  # payload no longer matches its checksum
        elif i % 4 == 2:
            entry.write_bytes(data.replace(compiler_hash().encode(), b"0" * 64, 1))  # another compiler's entry
        else:
            entry.write_bytes(b"")
    cache = Cache(default_folder(a))
    run_build(a, cache, monkeypatch)
    assert cache.hits == 0
    assert tree(a) == built
    monkeypatch.chdir(a)
    assert check_fresh(Project(a.resolve()), [Path("programs")], cache=Cache(default_folder(a))).stale == []


def test_check_does_not_trust_the_cache_over_the_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    a = project(tmp_path / "a")
    run_build(a, Cache(default_folder(a)), monkeypatch)
    monkeypatch.chdir(a)
    (a / OVERLAY_MODULE).write_text("# edited by hand\n", encoding="utf-8")
    assert check_fresh(Project(a.resolve()), [Path("programs")], cache=Cache(default_folder(a))).stale == [OVERLAY_MODULE]
    run_build(a, Cache(default_folder(a)), monkeypatch)
    tighten_base(a)
    stale = check_fresh(Project(a.resolve()), [Path("programs")], cache=Cache(default_folder(a))).stale
    assert "generated/keystone_bank_statement.py" in stale and OVERLAY_MODULE in stale


def test_cache_entries_round_trip_and_keys_do_not_collide(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "c")
    k = key("parse", "programs/x.guideline", "text")
    assert cache.get(k) is None
    cache.put(k, {"a": (1, "b")})
    assert cache.get(k) == {"a": (1, "b")}
    assert (tmp_path / "c" / ".gitignore").read_text(encoding="utf-8") == "*\n"
    assert not [p for p in (tmp_path / "c").rglob(".tmp-*")], "a temporary file was left behind"
    entry = next((tmp_path / "c").rglob(f"{k}.pickle"))
    assert entry.read_bytes().startswith(MAGIC)
    other = key("parse", "programs/x.guideline", "text2")
    assert cache.get(other) is None
    assert key("ab", "c") != key("a", "bc")
    assert cache.memo(k, lambda: "computed") == {"a": (1, "b")}
    assert cache.hits == 1
    # an entry copied under another key is not that key's entry
    (tmp_path / "c" / other[:2]).mkdir(exist_ok=True)
    shutil.copyfile(entry, tmp_path / "c" / other[:2] / f"{other}.pickle")
    assert cache.get(other) is None


def test_unwritable_cache_folder_is_a_cache_that_misses(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    cache = Cache(blocker / "cache")
    assert cache.memo(key("x"), lambda: 42) == 42
    assert cache.get(key("x")) is None


def test_cli_no_cache_writes_no_cache(tmp_path: Path) -> None:
    a = project(tmp_path / "a")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "compiler.cli", "check", "--no-cache"], cwd=a, env=env,
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert not default_folder(a).exists()
    done = subprocess.run([sys.executable, "-m", "compiler.cli", "check"], cwd=a, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert any(default_folder(a).rglob("*.pickle"))


def test_diagnostics_are_the_same_through_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every golden bad case (syntax errors labelled by example among them) says the same, cache cold or warm."""
    from compiler.diagnostics import render_text
    from compiler.driver import check_paths

    monkeypatch.chdir(ROOT)
    cases = sorted(p for p in (ROOT / "tests" / "cases" / "bad").glob("*.guideline"))
    assert len(cases) > 20
    from compiler.syntax.parse import parser

    for round_ in ("cold", "warm", "parser from its cache"):
        if round_ == "parser from its cache":  # parse entries gone; the Lark tables loaded from the user's cache
            for entry in (tmp_path / "cache").rglob("*.pickle"):
                entry.unlink()
            parser.cache_clear()
        cache = Cache(tmp_path / "cache")
        for case in cases:
            rel = case.relative_to(ROOT)
            expected = (case.parent / (case.name + ".expected")).read_text(encoding="utf-8")
            result = check_paths([rel], vocabulary=Path("programs/loan.fields"), cache=cache)
            assert render_text(result.diagnostics, result.sources) == expected, (round_, case.name)
        assert (cache.misses == 0) == (round_ == "warm"), (round_, cache.misses)


def test_rebuild_after_one_change_equals_a_cold_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Generated programs (a base with a variant and an overlay on it) and a program with a warning: after one base
    changes, a rebuild through the cache writes exactly what a cold build without one writes, rewrites only what
    changed, and still reports the warning of the program it loaded from the cache."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from gen_programs import generate
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    warned = ROOT / "tests" / "cases" / "warnings" / "w702_matrices_overlap.guideline"

    def make(folder: Path) -> Path:
        generate(10, folder / "programs")
        shutil.copyfile(warned, folder / "programs" / warned.name)
        return folder

    def edit(folder: Path) -> None:
        path = folder / "programs" / "gen_0007.guideline"  # gen_0008 extends it, gen_0009 overlays it
        text = path.read_text(encoding="utf-8")
        new = re.sub(r"(require dti <= )(\d+)%", lambda m: f"{m[1]}{int(m[2]) + 1}%", text, count=1)
        assert new != text
        path.write_text(new, encoding="utf-8")

    a = make(tmp_path / "a")
    first = run_build(a, Cache(default_folder(a)), monkeypatch)
    assert any("W702" in d for d in first)
    edit(a)
    monkeypatch.chdir(a)
    cache = Cache(default_folder(a))
    result = build(Project(a.resolve()), [Path("programs")], cache=cache)
    warm = [f"{d.span}: {d.code} {d.message}" for d in result.check.diagnostics]
    assert cache.hits > 0 and cache.misses > 0
    rewritten = set(result.written)
    assert {"generated/gen_7.py", "docs/programs/gen_7.md", "docs/compare.md"} <= rewritten
    assert not rewritten & {"generated/gen_1.py", "docs/programs/gen_1.md", "generated/loan.py"}, rewritten

    b = make(tmp_path / "b")
    edit(b)
    cold = run_build(b, None, monkeypatch)
    assert tree(a) == tree(b)
    assert warm == cold and any("W702" in d for d in warm)


def test_unchanged_build_answers_from_its_manifest(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing changed: the build reads one manifest entry (no parse, no IR), reports the same warnings and
    writes nothing; a generated file edited, deleted or added by hand, or a new base candidate, is noticed."""
    a = project(tmp_path / "a")
    shutil.copyfile(ROOT / "tests" / "cases" / "warnings" / "w702_matrices_overlap.guideline",
                    a / "programs" / "w702.guideline")
    first = run_build(a, Cache(default_folder(a)), monkeypatch)
    assert any("W702" in d for d in first)
    before = tree(a)

    def again(check: bool = False) -> tuple[list[str], Cache, object]:
        cache = Cache(default_folder(a))
        result = (check_fresh if check else build)(Project(a.resolve()), [Path("programs")], cache=cache)
        assert result.check.ok
        return [f"{d.span}: {d.code} {d.message}" for d in result.check.diagnostics], cache, result

    diags, cache, result = again()
    assert diags == first and result.written == [] and result.removed == []  # type: ignore[attr-defined]
    assert result.from_manifest == 3 and cache.hits == 1 and cache.misses == 0  # type: ignore[attr-defined]
    assert tree(a) == before

    module = a / OVERLAY_MODULE
    module.write_text(module.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    _diags, _cache, result = again(check=True)
    assert result.stale == [OVERLAY_MODULE] and result.from_manifest is None  # type: ignore[attr-defined]
    _diags, _cache, result = again()
    assert result.written == [OVERLAY_MODULE]  # type: ignore[attr-defined]
    (a / "docs" / "compare.md").unlink()
    extra = a / "generated" / "gone.py"
    extra.write_text("# Generated by glc build; do not edit.\n", encoding="utf-8")
    _diags, _cache, result = again()
    assert result.written == ["docs/compare.md"] and result.removed == ["generated/gone.py"]  # type: ignore[attr-defined]
    assert tree(a) == before

    # a new file among those the front end would search for bases: not answered from the manifest
    (a / "note.guideline").write_text("program note\n", encoding="utf-8")
    _diags, cache, result = again()
    assert result.from_manifest is None and cache.hits > 0  # type: ignore[attr-defined]
