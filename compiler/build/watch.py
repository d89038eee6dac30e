"""What `glc watch` waits for: a change to the sources of a build, found by polling their modification times.

`changes` yields the paths that changed (added, edited, removed), once their writing has settled (an editor may
write a file in several steps). Polling needs no library and behaves the same on every filesystem; the folders
are small (a few hundred files), so a poll every 0.3 s costs well under a millisecond of CPU per file.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path

# The files a build reads: guidelines, the vocabulary, portfolios.
SUFFIXES = frozenset({".guideline", ".fields", ".portfolio"})

Snapshot = dict[Path, tuple[int, int]]  # path -> (modification time in ns, size)


def snapshot(paths: list[Path], vocabulary: Path | None = None) -> Snapshot:
    """Every source file under `paths` (files named directly, and those in folders) with its mtime and size."""
    found: Snapshot = {}
    files: list[Path] = [] if vocabulary is None else [vocabulary]
    for p in paths:
        if p.is_dir():
            files.extend(f for f in p.rglob("*") if f.suffix in SUFFIXES and not any(
                part.startswith(".") for part in f.relative_to(p).parts))
        else:
            files.append(p)
    for f in files:
        try:
            st = f.stat()
        except OSError:
            continue  # gone between listing and looking: a removal, seen as one
        found[f] = (st.st_mtime_ns, st.st_size)
    return found


def changed(before: Snapshot, after: Snapshot) -> list[Path]:
    """The paths added, removed or modified between two snapshots, sorted."""
    return sorted(p for p in before.keys() | after.keys() if before.get(p) != after.get(p))


def changes(paths: list[Path], vocabulary: Path | None = None, interval: float = 0.3,
            sleep: Callable[[float], None] = time.sleep, since: Snapshot | None = None) -> Iterator[list[Path]]:
    """Each change to the sources, as the paths that changed, once a poll `interval / 4` later sees them settled.
    `since`: the snapshot to compare with first (taken before the build the caller ran, so that a file saved during
    that build is a change); default: the files as they are now."""
    before = snapshot(paths, vocabulary) if since is None else since
    while True:
        sleep(interval)
        now = snapshot(paths, vocabulary)
        if now == before:
            continue
        while True:  # settle: an editor may still be writing
            sleep(interval / 4)
            later = snapshot(paths, vocabulary)
            if later == now:
                break
            now = later
        found = changed(before, now)
        before = now
        yield found
