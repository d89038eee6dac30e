"""Where a screening run's figures come from: the programs and versions in force (and the SHA-256 of
the file each was compiled from), the tape's SHA-256 and row count,
the glc and DuckDB versions and the time of the run. Recorded by `glc screen` in summary.json (`provenance`) when it
runs, so that `glc report DIR` rebuilds the same page later, even after the programs have changed.

The time is the run's, in UTC, to the second: `SOURCE_DATE_EPOCH` (the reproducible-builds convention) or the
caller's `now` fixes it, for outputs that must be byte-identical.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from compiler import ir_program

CHUNK = 1 << 20


def sha256_of(path: Path) -> str:
    """The file's SHA-256, read in 1 MiB chunks (memory stays bounded whatever the tape's size)."""
    h = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(CHUNK):
            h.update(chunk)
    return h.hexdigest()


def run_time(now: dt.datetime | None = None) -> str:
    """The run's time as ISO 8601 UTC (`2026-12-03T08:05:48Z`): `now`, else SOURCE_DATE_EPOCH, else the clock."""
    if now is None:
        epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
        now = (dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch.isdigit() else dt.datetime.now(dt.UTC))
    return now.astimezone(dt.UTC).replace(microsecond=0, tzinfo=None).isoformat() + "Z"


def versions() -> dict[str, str]:
    import duckdb

    from compiler import __version__

    return {"glc": __version__, "duckdb": str(duckdb.__version__)}


def record(programs: Sequence[ir_program.Program], tape: Path, tape_rows: int, now: dt.datetime | None = None) -> dict[str, Any]:
    """summary.json's `provenance` for a run of `programs` over `tape`."""
    return {
        "programs": [{"id": p.id, "title": p.title, "investor": p.investor, "version": p.version,
                      "effective": p.effective.isoformat(), "file": p.path, "file_sha256": p.sha256} for p in programs],
        "tape": str(tape), "tape_sha256": sha256_of(tape), "tape_bytes": tape.stat().st_size, "tape_rows": tape_rows,
        **versions(), "run_at": run_time(now),
    }
