"""Latency of `glc lsp` as an editor sees it (run on demand): a real server over stdio, driven by pygls's client.

    .venv/bin/python benchmarks/lsp_latency.py [edits]

Opens programs/keystone_bank_statement.guideline (the largest program) unsaved, then times, over `edits` rounds
(default 20): a change until its diagnostics arrive (this includes the server's DEBOUNCE wait, printed apart),
a hover on a matrix cell, a completion after `require `, a go to definition of a vocabulary value. Each change
alternates a misspelled field and the original text, so every round is a full check. Prints median and maximum
wall times in milliseconds, and the server's CPU time per round (from /proc, on Linux), which a busy machine does
not inflate as it does wall times.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU time of a process so far (Linux), or None."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main() -> None:
    from compiler.lsp.server import DEBOUNCE
    from tests.lsp.session import Session

    n = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    path = ROOT / "programs" / "keystone_bank_statement.guideline"
    text = path.read_text(encoding="utf-8")
    typo = text.replace("rows fico", "rows fcio", 1)
    lines = text.split("\n")
    cell = next(i for i, line in enumerate(lines) if line.startswith("  | 740+"))
    require = next(i for i, line in enumerate(lines) if line.startswith("  require "))
    ltv = next(i for i, line in enumerate(lines) if " ltv " in line and not line.startswith("#"))
    session = Session(ROOT)
    times: dict[str, list[float]] = {"change -> diagnostics": [], "hover (matrix cell)": [], "completion (require)": [],
                                     "definition (ltv)": []}
    try:
        start = time.perf_counter()
        uri = session.open(path, text)
        session.wait_diagnostics(uri, 1)
        first = time.perf_counter() - start
        server = session.client._server
        pid = server.pid if server is not None else 0
        cpu_before = cpu_seconds(pid)
        for i in range(n):
            start = time.perf_counter()
            version = session.change(uri, typo if i % 2 == 0 else text)
            session.wait_diagnostics(uri, version)
            times["change -> diagnostics"].append(time.perf_counter() - start)
            start = time.perf_counter()
            session.hover(uri, cell, 16)
            times["hover (matrix cell)"].append(time.perf_counter() - start)
            start = time.perf_counter()
            session.complete(uri, require, len("  require "))
            times["completion (require)"].append(time.perf_counter() - start)
            start = time.perf_counter()
            session.definition(uri, ltv, lines[ltv].index(" ltv ") + 2)
            times["definition (ltv)"].append(time.perf_counter() - start)
        cpu_after = cpu_seconds(pid)
    finally:
        session.stop()
    print(f"open -> first diagnostics: {first * 1000:.0f} ms (server start-up, grammar, first check)")
    print(f"{n} rounds; the change includes the server's {DEBOUNCE * 1000:.0f} ms debounce")
    for name, values in times.items():
        print(f"{name:24} median {statistics.median(values) * 1000:6.0f} ms   max {max(values) * 1000:6.0f} ms")
    if cpu_before is not None and cpu_after is not None:
        print(f"server CPU per round (check, hover, completion, definition): {(cpu_after - cpu_before) / n * 1000:.0f} ms")


if __name__ == "__main__":
    main()
