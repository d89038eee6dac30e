"""`glc sample-tape OUT`: write a deterministic synthetic loan tape (`compiler.screen.sample`) for the project's
programs: band edges, tape formats, some broken rows; `--typed` for a clean data-warehouse extract."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.text import Text

from compiler.cli.invocation import invocation
from compiler.cli.render import checked_programs, err_console
from compiler.cli.render import console as stdout_console
from compiler.project import Project


def sample_tape(
    out: Annotated[str, typer.Argument(metavar="OUT", help="The tape to write: .csv or .parquet.")],
    rows: Annotated[int, typer.Option(help="Number of loans.")] = 1000,
    seed: Annotated[int, typer.Option(help="Random seed (same seed, same tape).")] = 1,
    broken: Annotated[float, typer.Option(help="Fraction of rows with an unreadable cell.")] = 0.01,
    typed: Annotated[bool, typer.Option("--typed", help="Native column types (DECIMAL, BIGINT, DATE, BOOLEAN), no tape "
                                        "formats: a clean data-warehouse extract of the same loans.")] = False,
) -> None:
    """Write a deterministic synthetic loan tape (band edges, tape formats, some broken rows)."""
    inv = invocation()
    project = inv.project()
    raise typer.Exit(run_sample_tape(project, str(inv.arg(out)), rows, seed, broken, stdout_console(), typed=typed))


def run_sample_tape(project: Project, out: str, rows: int, seed: int, broken: float, console: Console,
                    typed: bool = False) -> int:
    from compiler.screen.sample import write_sample

    err = err_console()
    path = Path(out)
    if rows < 1:
        err.print(Text("--rows must be at least 1."))
        return 2
    if not 0 <= broken <= 1:
        err.print(Text("--broken is a fraction between 0 and 1 (0.05 for 5% broken rows)."))
        return 2
    if not path.name.lower().endswith((".csv", ".parquet")):
        err.print(Text(f"{out}: write the tape to a .csv or .parquet file."))
        return 2
    if not path.parent.is_dir():
        err.print(Text(f"No folder {path.parent} to write {path.name} into."))
        return 1
    bundle = checked_programs(project, err, "before screening")
    if bundle is None:
        return 1
    started = time.perf_counter()
    n = write_sample(bundle, path, rows, seed, broken, typed)
    console.print(Text(f"wrote {n:,} rows to {path} in {time.perf_counter() - started:.1f} s (seed {seed}"
                       + (", typed)" if typed else ")")))
    return 0
