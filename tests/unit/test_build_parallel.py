"""A cold build's work across worker processes (compiler/build/parallel.py) and the no-op build answered before the
CLI loads (compiler/cli/quick.py): the same results as without them, in the same order."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import pytest

from compiler.build import parallel
from compiler.build.build import build
from compiler.build.cache import Cache, default_folder
from compiler.cli.quick import answer
from compiler.project import Project
from tests.unit.test_build_cache import project, tree

linux = pytest.mark.skipif(sys.platform != "linux", reason="the pool forks only on Linux")
ROOT = Path(__file__).resolve().parents[2]
CHILD = "GLC_TEST_ONE_THREAD"


def ran_alone(request: pytest.FixtureRequest) -> bool:
    """The pool forks only in a process with one thread (`parallel.pool_size`). When earlier tests of this session
    left threads running (Spark's gateway, the service's servers), run this test in a fresh pytest process and
    say so (True: its result is that process's); else False, and the test runs here."""
    if threading.active_count() == 1 or os.environ.get(CHILD):
        return False
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-o", "addopts=",
                           request.node.nodeid], cwd=ROOT, env={**os.environ, CHILD: "1"}, capture_output=True,
                          text=True, timeout=600)
    assert done.returncode == 0, f"in a fresh process:\n{done.stdout[-4000:]}{done.stderr[-2000:]}"
    return True


def _square_and_pid(i: int) -> tuple[int, int]:
    return i * i, os.getpid()


@linux
def test_the_pool_computes_in_workers_in_order(monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> None:
    if ran_alone(request):
        return
    monkeypatch.setenv("GLC_WORKERS", "2")
    out = parallel.run([partial(_square_and_pid, i) for i in range(parallel.MIN_JOBS + 2)])
    assert [v for v, _ in out] == [i * i for i in range(parallel.MIN_JOBS + 2)]
    assert os.getpid() not in {pid for _, pid in out}, "computed in this process, not in workers"


def test_few_jobs_or_one_worker_compute_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GLC_WORKERS", "2")
    assert {pid for pid in parallel.run([os.getpid] * (parallel.MIN_JOBS - 1))} == {os.getpid()}
    monkeypatch.setenv("GLC_WORKERS", "1")
    assert {pid for pid in parallel.run([os.getpid] * (parallel.MIN_JOBS + 2))} == {os.getpid()}


@linux
def test_an_error_in_a_worker_is_raised_here(monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> None:
    if ran_alone(request):
        return
    monkeypatch.setenv("GLC_WORKERS", "2")

    def bad() -> int:
        raise ValueError("two generated modules would be generated/x.py")

    jobs: list[Callable[[], int]] = [lambda: 1] * parallel.MIN_JOBS + [bad]
    with pytest.raises(ValueError, match="two generated modules"):
        parallel.run(jobs)


def test_memo_each_computes_only_what_the_memo_lacks_and_stores_it() -> None:
    store: dict[tuple[str, Any], object] = {("python", "a"): "held a"}
    computed: list[str] = []

    def memo(kind: str, program: Any, compute: Callable[[], object]) -> object:
        if (kind, program) not in store:
            store[(kind, program)] = compute()
        return store[(kind, program)]

    def job(name: str) -> Callable[[], str]:
        def compute() -> str:
            computed.append(name)
            return f"made {name}"
        return compute

    fake: Any = memo  # programs stand in as names: the memo only tells them apart
    got = parallel.memo_each(fake, "python", [(p, job(p)) for p in ("a", "b", "c")])  # type: ignore[misc]
    assert got == ["held a", "made b", "made c"]
    assert computed == ["b", "c"]
    assert store[("python", "c")] == "made c"


@linux
def test_a_build_in_workers_writes_what_a_build_here_writes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                            request: pytest.FixtureRequest) -> None:
    if ran_alone(request):
        return
    monkeypatch.setattr(parallel, "MIN_JOBS", 2)  # the small project's three modules go to the pool
    trees = []
    for workers in ("2", "1"):
        folder = project(tmp_path / workers)
        monkeypatch.setenv("GLC_WORKERS", workers)
        monkeypatch.chdir(folder)
        result = build(Project(folder.resolve()), [Path("programs")], cache=Cache(default_folder(folder)))
        assert result.check.ok
        trees.append(tree(folder))
    assert trees[0] == trees[1]


def test_a_noop_build_is_answered_before_the_cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    folder = project(tmp_path / "p")
    monkeypatch.chdir(folder)
    assert not answer(["build"]), "answered with nothing built yet"
    build(Project(folder.resolve()), [folder.resolve() / "programs"], cache=Cache(default_folder(folder)))
    capsys.readouterr()
    assert answer(["build"])
    assert answer(["build", "--check"])
    assert capsys.readouterr().out == "built 2 programs: 0 files changed\ngenerated output is up to date\n"
    assert not answer(["build", "--no-cache"]) and not answer(["check"])

    # a generated file changed on disk (its modification time with it): the full command runs
    module = folder / "generated" / "acme_bank_statement.py"
    text = module.read_text(encoding="utf-8")
    module.write_text(text.replace("do not edit", "do not EDIT", 1), encoding="utf-8")
    assert not answer(["build"])
    assert Path.cwd() == folder, "the full command must start where glc was started"


def test_memo_jobs_keeps_each_jobs_kind() -> None:
    store: dict[tuple[str, Any], object] = {("page", "a"): "held page a"}

    def memo(kind: str, program: Any, compute: Callable[[], object]) -> object:
        if (kind, program) not in store:
            store[(kind, program)] = compute()
        return store[(kind, program)]

    fake: Any = memo
    jobs: Any = [(kind, p, partial(str.format, "made {} {}", kind, p)) for p in ("a", "b") for kind in ("page", "row")]
    got = parallel.memo_jobs(fake, jobs)
    assert got == ["held page a", "made row a", "made page b", "made row b"]
    assert store[("row", "a")] == "made row a"


def test_the_sites_per_program_parts_are_computed_together(monkeypatch: pytest.MonkeyPatch) -> None:
    from compiler.backends.docs import site
    from compiler.driver import check_paths

    root = Path(__file__).resolve().parent.parent.parent
    bundle = check_paths([root / "programs"]).bundle
    assert bundle is not None
    batches: list[int] = []
    real = parallel.run

    def counted(computes: Any, per_program: int = 1) -> Any:
        batches.append(len(computes))
        return real(computes, per_program)

    monkeypatch.setattr(parallel, "run", counted)
    monkeypatch.setenv("GLC_WORKERS", "1")
    files = site.generate(bundle)
    # pages and changes pages of every program, the comparison rows of those offered: one batch, none computed after
    assert batches == [2 * len(bundle.programs) + 2 * len(site.offered(bundle))]
    assert files["docs/compare.md"] == site.compare_page(bundle)


def test_a_process_with_other_threads_computes_here(monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    monkeypatch.setenv("GLC_WORKERS", "2")
    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        assert {pid for pid in parallel.run([os.getpid] * (parallel.MIN_JOBS + 2))} == {os.getpid()}
    finally:
        release.set()
        other.join()


@linux
def test_files_the_cache_lacks_are_parsed_in_workers_with_the_same_result(monkeypatch: pytest.MonkeyPatch,
                                                                          request: pytest.FixtureRequest) -> None:
    if ran_alone(request):
        return
    from compiler.driver import check_paths

    root = Path(__file__).resolve().parent.parent.parent
    monkeypatch.setattr(parallel, "MIN_JOBS", 1)  # programs/'s 13 files go to the pool
    batches: list[int] = []
    real = parallel.run

    def counted(computes: Any, per_program: int = 1) -> Any:
        batches.append(len(computes))
        return real(computes, per_program)

    monkeypatch.setattr(parallel, "run", counted)
    results, seen = [], []
    for workers in ("2", "1"):
        monkeypatch.setenv("GLC_WORKERS", workers)
        batches.clear()
        results.append(check_paths([root / "programs"]))
        seen.append(list(batches))
    there, here = results
    assert seen[0][0] == len(here.sources)  # in workers, the first batch: every file read, parsed ahead
    assert len(here.programs) + len(here.history) in seen[1] and len(here.sources) not in seen[1]  # one worker: the
    # files are parsed as they are loaded, not ahead (the analyses' batch computed here)
    assert there.surface == here.surface and there.diagnostics == here.diagnostics
    assert there.bundle == here.bundle


def test_lighter_computations_need_more_of_them_for_a_pool(monkeypatch: pytest.MonkeyPatch,
                                                           request: pytest.FixtureRequest) -> None:
    if ran_alone(request):
        return
    monkeypatch.setenv("GLC_WORKERS", "2")
    few = [os.getpid] * (parallel.MIN_JOBS * 4 - 1)  # a changed program's docs parts and its variants': here
    assert {pid for pid in parallel.run(few, per_program=4)} == {os.getpid()}
    if sys.platform == "linux":
        assert os.getpid() not in set(parallel.run([*few, os.getpid], per_program=4))


@linux
def test_what_workers_parsed_is_kept_in_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                  request: pytest.FixtureRequest) -> None:
    if ran_alone(request):
        return
    from compiler.driver import check_paths

    root = Path(__file__).resolve().parent.parent.parent
    monkeypatch.setattr(parallel, "MIN_JOBS", 1)
    monkeypatch.setenv("GLC_WORKERS", "2")
    first = Cache(tmp_path / "cache")
    made = check_paths([root / "programs"], cache=first)
    assert first.misses > 0 and first.hits == 0
    again = Cache(tmp_path / "cache")
    found = check_paths([root / "programs"], cache=again)
    assert again.misses == 0 and again.hits == first.misses  # every entry made (parses included) found again
    assert found.surface == made.surface and found.diagnostics == made.diagnostics
