"""Work across programs in worker processes: what the build cache does not hold, computed on every core.

`memo_each(memo, kind, jobs)` is `[memo(kind, program, compute) for program, compute in jobs]` (`memo_jobs`: each
job of its own kind), the same values in the same order, except that the computations the memo cannot answer from
the build cache are first run in a pool of forked worker processes when there are at least `MIN_JOBS` of them and
more than one core (a cold build of many programs; one changed program is computed here, in this process). A forked worker starts with everything this
process has imported and built (the checked IR, the compiled templates), so only the results travel back, pickled.

`GLC_WORKERS` sets the number of workers (1: no pool). Workers ignore Ctrl-C: this process gets it, stops the
pool and exits as it always does (exit 130, one line). An error in a worker is raised here, as if computed here.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from functools import partial
from typing import TYPE_CHECKING, TypeVar, cast

if TYPE_CHECKING:
    from compiler import ir_program
    from compiler.build.cache import Memo

T = TypeVar("T")

# Below this many computations a pool does not pay: starting it (forking, each worker loading the templates, the
# results pickled back) costs about what one program's modules do (~0.1 s of CPU), and with few jobs the slowest one
# decides the wall time anyway. (One changed program, its variants and overlays: computed here.) Lighter computations
# (a file's parse, a program's documentation parts) need several per program: `memo_jobs` and `run` take `per_program`.
MIN_JOBS = 6

_jobs: Sequence[Callable[[], object]] = ()  # the computations of the running pool, inherited by its forked workers


class _Missing(Exception):
    """Raised by a probe in place of computing: the memo does not hold the value."""


def _probe() -> object:
    raise _Missing


def workers() -> int:
    """The worker processes a pool may use: `GLC_WORKERS`, else the cores this process may run on."""
    wanted = os.environ.get("GLC_WORKERS", "")
    if wanted.strip().isdigit():
        return max(1, int(wanted))
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def memo_each(memo: Memo, kind: str, jobs: Sequence[tuple[ir_program.Program, Callable[[], T]]]) -> list[T]:
    """`memo(kind, program, compute)` of every job, in order; the ones the memo does not hold computed in a pool
    when that pays (module docstring)."""
    return memo_jobs(memo, [(kind, program, compute) for program, compute in jobs])


def memo_jobs(memo: Memo, jobs: Sequence[tuple[str, ir_program.Program, Callable[[], T]]], per_program: int = 1) -> list[T]:
    """`memo(kind, program, compute)` of every job (each of its own kind), in order; what the memo does not hold
    computed in one pool when that pays (`per_program`: jobs that weigh what one program's modules do)."""
    found: dict[int, T] = {}
    missing: list[int] = []
    for i, (kind, program, _compute) in enumerate(jobs):
        try:
            found[i] = memo(kind, program, cast("Callable[[], T]", _probe))
        except _Missing:
            missing.append(i)
    computed = dict(zip(missing, run([jobs[i][2] for i in missing], per_program), strict=True))
    for i in missing:
        found[i] = memo(jobs[i][0], jobs[i][1], partial(computed.__getitem__, i))  # stored in the cache
    return [found[i] for i in range(len(jobs))]


def pool_size(count: int, per_program: int = 1) -> int:
    """The workers `run` would start for `count` computations (below 2: none, all computed here)."""
    if count < MIN_JOBS * per_program or "fork" not in multiprocessing.get_all_start_methods() \
            or sys.platform != "linux" or threading.active_count() > 1:
        # fork only where it is safe: on Linux (macOS: system frameworks are not fork-safe), and in a process with one
        # thread (a lock another thread holds would stay held in the workers: the service checks in its threads)
        return 1
    return min(workers(), count)


def run(computes: Sequence[Callable[[], T]], per_program: int = 1) -> list[T]:
    """`[c() for c in computes]`, in worker processes when there are enough of them (`MIN_JOBS` programs' worth, at
    `per_program` computations a program) and cores."""
    n = pool_size(len(computes), per_program)
    if n < 2:
        return [c() for c in computes]
    global _jobs
    _jobs = computes
    pool = multiprocessing.get_context("fork").Pool(n, initializer=_worker_start)
    try:
        out = cast("list[T]", pool.map(_run_one, range(len(computes)), chunksize=1))
        pool.close()
    except BaseException:
        pool.terminate()  # Ctrl-C or an error: the workers stop now, their queued work dropped
        raise
    finally:
        pool.join()
        _jobs = ()
    return out


def _worker_start() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle


def _run_one(i: int) -> object:
    return _jobs[i]()
