"""`glc screen`: the DuckDB engine, the generated checkers and the reference evaluator agree loan for loan.

A deterministic sample tape (`glc sample-tape`: every band edge, tape formats, unknown cells, broken rows) is
screened three ways, each row under the program the tape assigns it; status, every limit and its binding rule,
failing / missing / review rule ids and conditions must be equal for every row. GLC_SCREEN_ROWS sets the
number of rows (default and CI: 100,000). The reference evaluator and the generated checkers (about 1-2 ms a
loan on CI's machine) run in two worker processes side by side while DuckDB runs in this one.
Also: broken rows come out `invalid` with reasons and the row count is kept; a mapping file reads a tape's own
column names and formats; a mapping naming a missing column is one clear error; CLI errors without tracebacks.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import multiprocessing
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from compiler.driver import check_paths
from compiler.evaluate import evaluate
from compiler.project import Project
from compiler.screen.engines import connect, plan, run_duckdb, run_rows
from compiler.screen.rows import comparable, decision_row
from compiler.screen.sample import write_sample
from compiler.screen.tape import TapeError, read_mapping

ROOT = Path(__file__).resolve().parents[2]
PROJECT = Project.find(ROOT)
ROWS = int(os.environ.get("GLC_SCREEN_ROWS", "100000"))
BUNDLE = check_paths([ROOT / "programs"]).bundle
assert BUNDLE is not None


def glc(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "compiler.cli", *args], cwd=ROOT, capture_output=True, text=True)


def results(engine: str, tape: Path, programs: list[str] | None = None) -> dict[tuple[int, str], tuple[Any, ...]]:
    con = connect()
    p = plan(con, BUNDLE, tape, programs, None)
    batches = run_duckdb(con, p) if engine == "duckdb" else run_rows(con, p, BUNDLE, engine, PROJECT.import_generated())
    out: dict[tuple[int, str], tuple[Any, ...]] = {}
    for batch in batches:
        for r in batch.to_pylist():
            key = (r["row"], r["program"])
            assert key not in out, f"{engine}: row {key} twice"
            out[key] = comparable(r, p.limit_ids)
    return out


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("tape") / "sample.parquet"
    write_sample(BUNDLE, path, ROWS, seed=7, broken=0.01)
    return path


def test_engines_agree_on_every_loan(sample: Path) -> None:
    # The two Python engines are CPU-bound: each runs in its own process (fork: they inherit BUNDLE).
    with multiprocessing.get_context("fork").Pool(2) as pool:
        pending = {engine: pool.apply_async(results, (engine, sample)) for engine in ("reference", "python")}
        got = {"duckdb": results("duckdb", sample)}
        got.update({engine: job.get() for engine, job in pending.items()})
    reference = got.pop("reference")
    assert len(reference) == ROWS
    statuses = {v[0] for v in reference.values()}
    assert statuses == {"eligible", "needs_info", "ineligible", "invalid"}, statuses
    for engine, rows in got.items():
        assert rows.keys() == reference.keys()
        wrong = [(k, reference[k], rows[k]) for k in reference if rows[k] != reference[k]]
        assert not wrong, f"{engine}: {len(wrong)} disagreements, first {wrong[:3]}"


def test_sample_tape_is_deterministic(tmp_path: Path) -> None:
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    write_sample(BUNDLE, a, 300, seed=3, broken=0.05)
    write_sample(BUNDLE, b, 300, seed=3, broken=0.05)
    assert a.read_bytes() == b.read_bytes()


def test_sample_tape_rows_depend_only_on_row_number_and_cover_band_edges(tmp_path: Path) -> None:
    small, large = tmp_path / "small.csv", tmp_path / "large.csv"
    write_sample(BUNDLE, small, 300, seed=4, broken=0.0)
    write_sample(BUNDLE, large, 3000, seed=4, broken=0.0)
    head = list(csv.DictReader(small.open(encoding="utf-8")))
    rows = list(csv.DictReader(large.open(encoding="utf-8")))
    assert rows[:300] == head  # a longer tape extends a shorter one: each draw is hash(row, draw, seed)
    assert [r["loan_id"] for r in rows] == [f"L{n:08d}" for n in range(1, 3001)]
    fico = {r["fico"] for r in rows}
    assert {"659", "660", "661", "739", "740"} <= fico  # band edges and one step either side
    amounts = {r["loan_amount"].replace("$", "").replace(",", "") for r in rows}
    assert {"1000000", "1000001", "3000000"} <= amounts
    assert any(r["credit_events"].startswith('[{"kind": ') for r in rows)
    assert any(r["housing_lates"].startswith('[{"due_on": ') for r in rows)
    assert any(r["pitia"] == "NA" for r in rows) and any(r["pitia"] == "" for r in rows)
    assert len({r["program"] for r in rows}) == len([p for p in BUNDLE.programs if not p.abstract])  # shared rules are not a product


def test_broken_rows_are_invalid_with_reasons_and_counted(tmp_path: Path) -> None:
    tape = tmp_path / "messy.csv"
    write_sample(BUNDLE, tape, 2000, seed=11, broken=0.05)
    out = glc("screen", "--no-report", str(tape), "--program", "keystone_bank_statement", "--out", str(tmp_path / "out"))
    assert out.returncode == 0, out.stderr
    assert "Traceback" not in out.stderr
    rows = list(csv.DictReader((tmp_path / "out" / "results.csv").open(encoding="utf-8")))
    assert len(rows) == 2000
    assert sorted(int(r["row"]) for r in rows) == list(range(1, 2001))
    invalid = [r for r in rows if r["status"] == "invalid"]
    assert 60 <= len(invalid) <= 140, len(invalid)  # about 5%
    assert all(r["reason"] for r in invalid)
    assert not any(r["reason"] for r in rows if r["status"] != "invalid")
    assert pq.read_table(tmp_path / "out" / "results.parquet").num_rows == 2000
    summary = json.loads((tmp_path / "out" / "summary.json").read_text())
    assert summary["by_program"]["keystone_bank_statement"]["invalid"] == len(invalid)


MESSY = '''Loan #,FICO Score,Loan Amt,Appraisal,Price,Occ,Purpose,Prop,App Date,IO,DTI,Events,Rural,Declining
A1,740,"$800,000","$1,000,000.00","1,000,000",Owner Occupied,Purchase,SFR,03/15/2026,N,,[],N,No
A2,7x0,"$800,000","$1,000,000.00","1,000,000",Owner Occupied,Purchase,SFR,03/15/2026,Y,,[],N,No
A3,700,"$800,000.50",1000000,1000000,Vacation,Purchase,SFR,2026-03-15,maybe,,"[{""kind"": ""bk7"", ""completed_on"": ""2020-01-01""}]",N,No
'''

MAPPING = '''[columns]
loan_id = "Loan #"
fico = "FICO Score"
loan_amount = "Loan Amt"
appraised_value = "Appraisal"
purchase_price = "Price"
occupancy = "Occ"
purpose = "Purpose"
property_type = "Prop"
application_date = "App Date"
interest_only = "IO"
credit_events = "Events"
rural = "Rural"
declining_market = "Declining"

[dates]
application_date = "%m/%d/%Y"

[values.occupancy]
"Owner Occupied" = "primary"
"2nd Home" = "second_home"

[values.property_type]
"SFR" = "sfr"
'''


def test_mapping_file_reads_a_tapes_own_columns_and_formats(tmp_path: Path) -> None:
    (tmp_path / "tape.csv").write_text(MESSY, encoding="utf-8")
    (tmp_path / "map.toml").write_text(MAPPING, encoding="utf-8")
    out = glc("screen", "--no-report", str(tmp_path / "tape.csv"), "--mapping", str(tmp_path / "map.toml"), "-p", "keystone_bank_statement",
              "--out", str(tmp_path / "out"))
    assert out.returncode == 0, out.stderr
    rows = {r["loan_id"]: r for r in csv.DictReader((tmp_path / "out" / "results.csv").open(encoding="utf-8"))}
    loan = {"loan_id": "A1", "fico": 740, "loan_amount": Decimal(800000), "appraised_value": Decimal(1000000),
            "purchase_price": Decimal(1000000), "occupancy": "primary", "purpose": "purchase", "property_type": "sfr",
            "application_date": dt.date(2026, 3, 15), "interest_only": False, "credit_events": [], "rural": False,
            "declining_market": False}
    program = next(p for p in BUNDLE.programs if p.id == "keystone_bank_statement")
    want = decision_row(1, "A1", program.id, evaluate(program, BUNDLE.vocabulary, loan), ["max_ltv", "max_cltv"])
    got = rows["A1"]
    assert (got["status"], Decimal(got["max_ltv"]), got["max_ltv_rule"], got["failing_rules"], got["missing_rules"]) == \
        (want["status"], want["max_ltv"], want["max_ltv_rule"], want["failing_rules"], want["missing_rules"])
    assert rows["A2"]["status"] == "invalid" and 'Credit score ("FICO Score"): cannot read "7x0"' in rows["A2"]["reason"]
    reason = rows["A3"]["reason"]
    assert "Loan amount" in reason and "Occupancy" in reason and "Application date" in reason and "Interest-only" in reason


def test_mapping_naming_a_missing_column_is_one_clear_error(tmp_path: Path) -> None:
    (tmp_path / "tape.csv").write_text(MESSY, encoding="utf-8")
    (tmp_path / "map.toml").write_text(MAPPING.replace('"FICO Score"', '"FICO"').replace('"Loan Amt"', '"Amount"'), encoding="utf-8")
    out = glc("screen", "--no-report", str(tmp_path / "tape.csv"), "--mapping", str(tmp_path / "map.toml"), "--all", "--out", str(tmp_path / "o"))
    assert out.returncode == 1
    assert "Traceback" not in out.stderr
    assert 'fico -> "FICO"' in out.stderr and 'loan_amount -> "Amount"' in out.stderr and "FICO Score" in out.stderr
    assert not (tmp_path / "o").exists()


def test_bad_mapping_file() -> None:
    bad = ROOT / "tests" / "cases"
    with pytest.raises(TapeError, match="No such mapping file"):
        read_mapping(bad / "nope.toml", BUNDLE.vocabulary)


@pytest.mark.parametrize(("args", "code", "message"), [
    (["screen", "no/such/tape.csv", "--all"], 2, "No such tape"),
    (["screen", "programs", "--all"], 2, "is a folder"),
    (["screen", str(ROOT / "programs" / "loan.fields"), "--all"], 1, "a .csv or .parquet"),
    (["screen", "x.csv", "--program", "keystone_bank_statment"], 2, "Did you mean `keystone_bank_statement`"),
    (["screen", "x.csv", "--engine", "oracle", "--all"], 2, "'oracle' is not one of"),
    (["screen", "x.csv", "--master", "local[2]", "--all"], 2, "add --engine spark"),
    (["screen", "x.csv", "--all", "--program", "harbor_dscr"], 2, "not both"),
    (["sample-tape", "x.json"], 2, ".csv or .parquet"),
    (["sample-tape", "x.csv", "--broken", "2"], 2, "between 0 and 1"),
])
def test_cli_errors_are_plain(args: list[str], code: int, message: str, tmp_path: Path) -> None:
    (tmp_path / "x.csv").write_text("loan_id,fico\nA,700\n", encoding="utf-8")  # a tape that exists: options are checked
    (tmp_path / "programs").mkdir()
    out = subprocess.run([sys.executable, "-m", "compiler.cli", "--project", str(ROOT), *args], cwd=tmp_path,
                         capture_output=True, text=True)
    assert out.returncode == code, out.stdout + out.stderr
    assert message in out.stderr
    assert "Traceback" not in out.stderr


def test_ragged_csv_line_is_one_clear_error(tmp_path: Path) -> None:
    (tmp_path / "t.csv").write_text("loan_id,fico,program\nA,700,harbor_dscr\nB,710\nC,720,harbor_dscr,extra\n", encoding="utf-8")
    out = glc("screen", "--no-report", str(tmp_path / "t.csv"), "--out", str(tmp_path / "o"))
    assert out.returncode == 1 and "Line: 3" in out.stderr and "Traceback" not in out.stderr


def test_tape_without_program_column_needs_program(tmp_path: Path) -> None:
    (tmp_path / "t.csv").write_text("loan_id,fico\nA,700\n", encoding="utf-8")
    out = glc("screen", "--no-report", str(tmp_path / "t.csv"), "--out", str(tmp_path / "o"))
    assert out.returncode == 1 and "--program" in out.stderr


def test_a_row_naming_shared_rules_is_invalid_and_provenance_lists_products_only(tmp_path: Path) -> None:
    abstract = [p.id for p in BUNDLE.programs if p.abstract]
    assert abstract, "the repository has shared rules (`abstract: yes`)"
    (tmp_path / "t.csv").write_text(f"loan_id,program,fico\nA,{abstract[0]},700\nB,keystone_bank_statement,700\n",
                                    encoding="utf-8")
    out = glc("screen", "--no-report", str(tmp_path / "t.csv"), "--out", str(tmp_path / "o"))
    assert out.returncode == 0, out.stderr
    rows = {r["loan_id"]: r for r in csv.DictReader((tmp_path / "o" / "results.csv").open(encoding="utf-8"))}
    assert rows["A"]["status"] == "invalid" and abstract[0] in rows["A"]["reason"], rows["A"]
    assert rows["B"]["status"] != "invalid"
    listed = {p["id"] for p in json.loads((tmp_path / "o" / "summary.json").read_text())["provenance"]["programs"]}
    assert "keystone_bank_statement" in listed and not listed & set(abstract)


def test_python_engine_from_the_cli(tmp_path: Path) -> None:
    write_sample(BUNDLE, tmp_path / "t.csv", 200, seed=5, broken=0.05)
    for engine in ("duckdb", "python"):
        # the report (on by default) once; --no-report then leaves no report of an earlier run behind
        flags = ["--no-report"] if engine == "python" else []
        out = glc("screen", *flags, str(tmp_path / "t.csv"), "--engine", engine, "--out", str(tmp_path / engine))
        assert out.returncode == 0, out.stderr
    assert (tmp_path / "duckdb" / "report.html").is_file() and not (tmp_path / "python" / "report.html").exists()
    out = glc("screen", "--no-report", str(tmp_path / "t.csv"), "--out", str(tmp_path / "duckdb"))
    assert out.returncode == 0 and "no report" in out.stdout
    assert not (tmp_path / "duckdb" / "report.html").exists() and not (tmp_path / "duckdb" / "loans.parquet").exists()
    a = sorted(csv.DictReader((tmp_path / "duckdb" / "results.csv").open(encoding="utf-8")), key=lambda r: int(r["row"]))
    b = sorted(csv.DictReader((tmp_path / "python" / "results.csv").open(encoding="utf-8")), key=lambda r: int(r["row"]))
    assert len(a) == len(b) == 200
    assert [(r["status"], r["failing_rules"], r["max_ltv_rule"]) for r in a] == [(r["status"], r["failing_rules"], r["max_ltv_rule"]) for r in b]


def test_readme_mapping_example_is_valid(tmp_path: Path) -> None:
    import re

    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```toml\n(\[columns\].*?)```", text, re.S)
    assert block is not None
    (tmp_path / "map.toml").write_text(block.group(1), encoding="utf-8")
    m = read_mapping(tmp_path / "map.toml", BUNDLE.vocabulary)
    assert m.columns["fico"] == "FICO Score" and m.values["occupancy"]["Owner Occupied"] == "primary"
