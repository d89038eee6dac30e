"""Portfolio surveillance (programs/*.portfolio): loading, golden diagnostics of bad files, pool limits computed
exactly in SQL and by the Python reference, stress scenarios applied alike in SQL and Python, status flips equal
between DuckDB and the reference evaluator, and `glc screen --scenario` from the CLI."""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from compiler.diagnostics import render_text
from compiler.driver import check_paths, check_portfolios
from compiler.evaluate import evaluate
from compiler.portfolio.model import Portfolio
from compiler.portfolio.pool import Group, Tally, report, tally_python, tally_sql
from compiler.portfolio.screen import apply
from compiler.portfolio.stress import stress_loan
from compiler.screen.engines import connect, plan, run_duckdb
from compiler.screen.rows import loan_of
from compiler.screen.sample import write_sample

ROOT = Path(__file__).resolve().parents[2]
BAD = ROOT / "tests" / "cases" / "bad_portfolio"
BUNDLE = check_paths([ROOT / "programs"]).bundle
assert BUNDLE is not None
VOCAB = BUNDLE.vocabulary
FIELDS = [f.name for f in VOCAB.fields]


def _load(path: Path) -> tuple[Portfolio | None, str]:
    checked = check_portfolios([path], VOCAB)
    return checked.portfolio, render_text(checked.diagnostics, checked.sources)


PORTFOLIO, _ = _load(ROOT / "programs" / "surveillance.portfolio")
assert PORTFOLIO is not None


def test_the_projects_portfolio_loads_with_citations() -> None:
    assert [lim.id for lim in PORTFOLIO.limits] == ["state_concentration", "doc_type_concentration", "dscr_below_one",
                                                     "layered_risk"]
    assert {s.id for s in PORTFOLIO.scenarios} == {"cost_shock", "rents_down"}
    assert all(x.citation for x in (*PORTFOLIO.limits, *PORTFOLIO.scenarios))
    shock = PORTFOLIO.scenario("cost_shock")
    assert shock is not None and shock.changes[0].text == "increase pitia by 20% of monthly_taxes"
    assert shock.changes[-1].when is not None


@pytest.mark.parametrize("case", sorted(BAD.glob("*.portfolio")), ids=lambda p: p.name)
def test_bad_portfolio(case: Path, at_root: Path, update_golden: bool) -> None:
    p, text = _load(case.relative_to(ROOT))
    assert p is None and "error[" in text
    expected = case.with_name(case.name + ".expected")
    if update_golden or not expected.exists():
        expected.write_text(text, encoding="utf-8")
        if not update_golden:
            pytest.fail(f"recorded new golden file {expected.name}; review it and run again")
    assert text == expected.read_text(encoding="utf-8")


# ------------------------------------------------------------------ exact arithmetic at the edges

def test_stress_rounds_once_half_up_to_the_fields_decimals() -> None:
    shock = PORTFOLIO.scenario("cost_shock")
    assert shock is not None
    loan = {"pitia": Decimal("1000.00"), "monthly_taxes": Decimal("187.50"), "monthly_insurance": Decimal("70.05"),
            "market_rent": Decimal("1500.05"), "lease_rent": None, "doc_type": "dscr", "total_deposits": Decimal("100.00")}
    out = stress_loan(shock, VOCAB, loan)
    # 1000 + 20% x 187.50 = 1037.50; + 30% x 70.05 = 21.015 -> 1058.515 -> 1058.52 (half up)
    assert out["pitia"] == Decimal("1058.52")
    assert out["market_rent"] == Decimal("1350.05")  # 1500.05 - 150.005 = 1350.045 -> 1350.05
    assert out.get("lease_rent") is None
    assert out["total_deposits"] == Decimal("100.00")  # not bank statements: unchanged
    assert stress_loan(shock, VOCAB, {**loan, "doc_type": None}).get("total_deposits") is None  # unknown condition
    assert stress_loan(shock, VOCAB, {**loan, "monthly_taxes": None}).get("pitia") is None  # needs the taxes


@pytest.mark.parametrize(("amount", "unknown", "status"), [
    ("40", "0", "within"),  # exactly at the limit
    ("40.0001", "0", "breach"),
    ("39.99", "0.01", "within"),
    ("39.99", "0.02", "unknown"),
])
def test_limit_status_at_the_edge(amount: str, unknown: str, status: str) -> None:
    lim = PORTFOLIO.limits[0]  # at most 40%
    t = Tally({"CA": Group(Decimal(amount), Decimal(unknown), Decimal(amount) + Decimal(unknown), 1),
               "TX": Group(Decimal(0), Decimal(0), Decimal(100) - Decimal(amount) - Decimal(unknown), 1)})
    assert report(lim, t)["status"] == status


# ------------------------------------------------------------------ SQL against the Python reference

@pytest.fixture(scope="module")
def tape(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("tape") / "sample.parquet"
    write_sample(BUNDLE, path, 2000, seed=7, broken=0.01)
    return path


def _readable(con: Any) -> dict[int, dict[str, Any]]:
    cur = con.execute("SELECT * FROM tape WHERE _reason IS NULL ORDER BY _row")
    names = [d[0] for d in cur.description]
    return {r[names.index("_row")]: loan_of(dict(zip(names, r, strict=True)), FIELDS) for r in cur.fetchall()}


PROGRAMS = ["harbor_dscr", "keystone_bank_statement"]  # a DSCR and a bank-statement program


def test_pool_limits_stress_and_flips_match_the_reference(tape: Path) -> None:
    con = connect()
    p = plan(con, BUNDLE, tape, PROGRAMS, None)
    loans = _readable(con)
    before = {(r["row"], r["program"]): r["status"] for b in run_duckdb(con, p) for r in b.to_pylist()}
    base = tally_sql(con, PORTFOLIO, VOCAB)
    assert base == tally_python(loans.values(), PORTFOLIO, VOCAB)
    assert any(g.amount for t in base.values() for g in t.groups.values())
    shock = PORTFOLIO.scenario("cost_shock")
    assert shock is not None
    stressed_ref = {n: stress_loan(shock, VOCAB, loan) for n, loan in loans.items()}
    apply(con, shock, VOCAB)
    stressed_sql = _readable(con)
    assert stressed_sql == stressed_ref  # every field of every readable loan, exactly
    assert sum(stressed_sql[n].get("pitia") != loans[n].get("pitia") for n in loans) > 1000
    assert tally_sql(con, PORTFOLIO, VOCAB) == tally_python(stressed_ref.values(), PORTFOLIO, VOCAB)

    # status flips: DuckDB on the stressed table against the reference evaluator on Python-stressed loans
    after = {(r["row"], r["program"]): r["status"] for b in run_duckdb(con, p) for r in b.to_pylist()}
    by_id = {prog.id: prog for prog in BUNDLE.programs}
    flips = 0
    for n, loan in loans.items():
        for pid in PROGRAMS:
            want_before = evaluate(by_id[pid], VOCAB, loan).status
            want_after = evaluate(by_id[pid], VOCAB, stressed_ref[n]).status
            assert (before[(n, pid)], after[(n, pid)]) == (want_before, want_after), (n, pid)
            flips += want_before != want_after
    assert flips > 20


def test_the_pool_table_keeps_only_what_the_tallies_read(tape: Path) -> None:
    """The pool's table holds each loan's row, the measured and grouping columns and each limit's condition, not
    every cell and value of every loan (which made the pool cost as much as reading the tape)."""
    import sqlglot

    from compiler.screen import duck

    con = connect()
    plan(con, BUNDLE, tape, ["harbor_dscr"], None)
    seen: list[str] = []
    with duck.listen(seen.append):
        tally_sql(con, PORTFOLIO, VOCAB)
    made = [q for q in seen if q.startswith("CREATE OR REPLACE TEMP TABLE _pool AS ")]
    assert len(made) == 1
    outer = sqlglot.parse_one(made[0].removeprefix("CREATE OR REPLACE TEMP TABLE _pool AS "), read="duckdb")
    wanted = list(dict.fromkeys(["_row", *[n for lim in PORTFOLIO.limits for n in (lim.measure, lim.by) if n]]))
    assert [e.alias_or_name for e in outer.expressions] == [*wanted, *[f"_pool{i}" for i in range(len(PORTFOLIO.limits))]]


def test_screen_measures_the_pool_limits_in_the_pass_that_screens_the_streamed_tape(tape: Path, tmp_path: Path) -> None:
    """Without a report, `glc screen` of one program streams the tape file into the query (a view, no typed copy),
    and the same pass carries what the pool limits read: no second reading of the tape for them. The pool limits
    are those measured over the typed table (two programs: the tape is kept as a table and measured by `tally_sql`)."""
    import io

    from rich.console import Console

    from compiler.cli.screen import run_screen
    from compiler.project import Project
    from compiler.screen import duck

    assert PORTFOLIO.limits

    def screen(programs: list[str], out: str) -> tuple[list[str], dict[str, Any]]:
        seen: list[str] = []
        with duck.listen(seen.append):
            code = run_screen(Project.find(ROOT), str(tape), programs, False, "duckdb", str(tmp_path / out), None,
                              Console(file=io.StringIO()), progress=False, report=False)
        assert code == 0
        return seen, json.loads((tmp_path / out / "summary.json").read_text())

    seen, streamed = screen(["harbor_dscr"], "one")
    made = [q.split(" AS ", 1)[0] for q in seen if q.startswith("CREATE OR REPLACE") and " tape AS " in q]
    assert made == ["CREATE OR REPLACE VIEW tape"]
    reads = [q for q in seen if "FROM tape" in q and not q.endswith("LIMIT 0") and "count(*)" not in q.lower()
             and "bool_or" not in q.lower()]
    assert len(reads) == 1 and "_pool0" in reads[0]  # the screening query, which carries the pool's columns
    assert not any("TEMP TABLE _pool AS" in q for q in seen)  # `tally_sql` (a reading of the tape) not run
    seen, kept = screen(["harbor_dscr", "keystone_bank_statement"], "two")
    assert [q.split(" AS ", 1)[0] for q in seen if q.startswith("CREATE OR REPLACE") and " tape AS " in q] == \
        ["CREATE OR REPLACE TABLE tape"]
    assert any("TEMP TABLE _pool AS" in q for q in seen)
    assert streamed["pool_limits"] == kept["pool_limits"]
    assert any(g["loans"] for lim in streamed["pool_limits"] for g in lim["groups"])


# ------------------------------------------------------------------ CLI

def glc(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "compiler.cli", *args], cwd=ROOT, capture_output=True, text=True)


def test_unknown_scenario_is_a_usage_error_with_a_suggestion(tape: Path) -> None:
    r = glc("screen", "--no-report", str(tape), "--program", "harbor_dscr", "--scenario", "cost_shok")
    assert r.returncode == 2
    assert "No scenario `cost_shok`. Did you mean `cost_shock`?" in r.stderr and "Traceback" not in r.stderr


def test_screen_with_a_scenario_reports_flips_and_pool_limits(tmp_path: Path) -> None:
    write_sample(BUNDLE, tmp_path / "t.csv", 300, seed=5, broken=0.02)
    r = glc("screen", "--no-report", str(tmp_path / "t.csv"), "--program", "harbor_dscr", "--scenario", "cost_shock",
            "--out", str(tmp_path / "out"))
    assert r.returncode == 0, r.stderr
    summary = json.loads((tmp_path / "out" / "summary.json").read_text())
    assert summary["scenario"]["id"] == "cost_shock" and summary["scenario"]["source"].endswith("surveillance.portfolio:39")
    assert [lim["id"] for lim in summary["pool_limits"]] == [lim.id for lim in PORTFOLIO.limits]
    assert len(summary["pool_limits_base"]) == len(PORTFOLIO.limits)
    assert all(lim["status"] in ("within", "breach", "unknown") for lim in summary["pool_limits"])
    import pyarrow.parquet as pq

    res = pq.read_table(tmp_path / "out" / "results.parquet").to_pylist()
    assert {"base_status", "flipped"} <= set(res[0])
    flipped = [x for x in res if x["flipped"]]
    assert all(x["status"] != x["base_status"] for x in flipped)
    assert summary["scenario"]["flipped"] == len(flipped)


def test_glc_portfolio_checks_the_projects_file_and_reports_errors() -> None:
    ok = glc("portfolio")
    assert ok.returncode == 0 and "cost_shock" in ok.stdout and "0 errors" in ok.stdout
    bad = glc("portfolio", "tests/cases/bad_portfolio/unknown_field.portfolio")
    assert bad.returncode == 1 and "Did you mean `state`?" in bad.stdout
    usage = glc("portfolio", "programs/harbor_dscr.guideline")
    assert usage.returncode == 2 and "not a portfolio file" in usage.stderr
