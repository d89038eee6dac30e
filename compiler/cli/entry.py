"""The `glc` command's entry point. Ctrl-C is glc's from the first instant: importing the commands (Typer, Rich,
DuckDB, sqlglot) takes a noticeable moment, and an interrupt then must exit 130 in one line like any other
(`compiler.cli.app`, the exit-code contract), never with a traceback from the middle of an import."""

from __future__ import annotations

import contextlib
import os
import signal


def _interrupted_while_starting(signum: int, frame: object) -> None:
    with contextlib.suppress(OSError):
        os.write(2, b"glc: interrupted; nothing half-written was left behind.\n")
    os._exit(130)  # nothing has been opened yet, so nothing can be left half-written


def main() -> None:
    signal.signal(signal.SIGINT, _interrupted_while_starting)
    import sys

    from compiler.cli.quick import answer

    if answer(sys.argv[1:]):  # a no-op build, answered without loading the CLI framework
        return
    from compiler.cli.app import main as run  # installs glc's own handler first thing

    run()
