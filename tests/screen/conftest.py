"""The screening report's tests share one run: a small sample tape, some of whose loan ids and states are HTML
(`<script>`), screened once per test session under two programs with the cost_shock scenario, in-process."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from rich.console import Console

from compiler.cli.screen import run_screen
from compiler.driver import check_paths
from compiler.project import Project
from compiler.screen.sample import write_sample

ROOT = Path(__file__).resolve().parents[2]
PROJECT = Project.find(ROOT)
BUNDLE = check_paths([ROOT / "programs"]).bundle
assert BUNDLE is not None
PROGRAMS = ["keystone_bank_statement", "harbor_dscr"]
HOSTILE = "<script>alert(1)</script>"
RUN_AT = dt.datetime(2026, 12, 1, 9, 30, tzinfo=dt.UTC)  # the run's recorded time, injected


def screen(tape: Path, out: Path, *args: str, programs: list[str] | None = None, scenario: str | None = "cost_shock") -> str:
    buf = io.StringIO()
    code = run_screen(PROJECT, str(tape), programs if programs is not None else PROGRAMS, False, "duckdb", str(out), None,
                      Console(file=buf, width=200), progress=False, scenario=scenario, now=RUN_AT)
    assert code == 0, buf.getvalue()
    return buf.getvalue()


@pytest.fixture(scope="session")
def run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A sample tape, some of whose loan ids and states are HTML (`<script>`), screened once."""
    folder = tmp_path_factory.mktemp("report")
    sample = folder / "sample.parquet"
    write_sample(BUNDLE, sample, 400, seed=11, broken=0.05)
    tape = pq.read_table(sample)
    ids = [f"{HOSTILE}{i}" if i % 3 == 0 else x for i, x in enumerate(tape.column("loan_id").to_pylist())]
    states = [HOSTILE if i % 50 == 7 else x for i, x in enumerate(tape.column("state").to_pylist())]
    for name, values in (("loan_id", ids), ("state", states)):
        tape = tape.set_column(tape.schema.get_field_index(name), name, pa.array(values, pa.string()))
    pq.write_table(tape, folder / "tape.parquet")
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(ROOT)  # glc screen reads programs/ from the working folder
        screen(folder / "tape.parquet", folder / "out")
    return folder / "out"
