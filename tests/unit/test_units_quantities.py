"""Time in days and weeks, quantities with a unit, counts, decimal years and `in` over numbers (issue 16, time and
quantity), decided by all four executors (tests/oracles/four_engines.py: the reference evaluator, the generated
`check`, `check_fast` and the SQL screen on DuckDB), which must agree, at the edges: 179/180 days, a leap day,
month ends, 20.5 vs 20.51 acres, 10 vs 11 properties, 59.49 vs 59.5 years, a prepayment term in and out of a set.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import random
import shutil
from pathlib import Path
from typing import Any

import pytest

from compiler import ir_program
from compiler.driver import check_paths
from compiler.evaluate import evaluate
from compiler.runtime import Decision
from compiler.screen.engines import connect, plan, run_duckdb
from compiler.screen.rows import comparable, decision_row
from tests.oracles.four_engines import decide, generated_module

ROOT = Path(__file__).resolve().parents[2]

PROGRAM = """\
program units_demo
  title: "Units demo"
  investor: "Test"
  family: "Test"
  version: "1"
  effective: 2026-01-01
  source: "Test guide"
  seasoning_date: application_date

value seasoning_ltv "Max LTV by seasoning" by days_since_purchase
  cite "§2"
  | "Days since purchase" | Max LTV |
  | 0 days..179 days      | 70%     |
  | 180 days+             | 75%     |

rule cash_out_seasoning "Cash-out seasoning"
  cite "§1: seasoned 6 months or 180 days"
  when purpose is cash_out
  require months since purchase_date at least 6 months or days since purchase_date at least 180 days

rule after_bankruptcy "After a bankruptcy"
  cite "§3: more than 2 weeks after a discharge"
  require days since latest credit_events of bk7 more than 2 weeks

rule acreage "Acreage"
  cite "§4"
  require acreage at most 20.5

rule financed "Financed properties"
  cite "§5"
  require financed_properties at most 10

rule retirement "Retirement assets"
  cite "§6"
  when occupancy is investment
  require borrower_age at least 59.5 years

rule prepay "Prepayment penalty"
  cite "§7"
  when prepayment_penalty_months > 0
  require prepayment_penalty_months in (36 months, 60 months)

rule no_short_prepay "No 12-month prepayment penalty"
  cite "§7"
  require prepayment_penalty_months not in (12 months)

rule seasoned_ltv "Seasoned LTV"
  cite "§2"
  require ltv <= seasoning_ltv
"""

LOAN: dict[str, Any] = {
    "application_date": "2026-03-14", "occupancy": "primary", "purpose": "cash_out", "property_type": "sfr",
    "loan_amount": 500_000, "appraised_value": 1_000_000, "purchase_date": "2025-09-15",
    "credit_events": [], "acreage": "20.5", "financed_properties": 10, "borrower_age": "45",
    "prepayment_penalty_months": 36,
}

_BUNDLES: dict[str, ir_program.Bundle] = {}


def _bundle(tmp: Path) -> ir_program.Bundle:
    if not _BUNDLES:
        folder = tmp / "programs"
        folder.mkdir()
        shutil.copy(ROOT / "programs" / "loan.fields", folder / "loan.fields")
        (folder / "units_demo.guideline").write_text(PROGRAM, encoding="utf-8")
        result = check_paths([folder])
        assert result.bundle is not None, [d.message for d in result.diagnostics]
        assert not [d for d in result.diagnostics if d.severity == "error"]
        _BUNDLES["units_demo"] = result.bundle
    return _BUNDLES["units_demo"]


def _decide(tmp: Path, **loan: Any) -> Decision:
    return decide(_bundle(tmp), "units_demo", LOAN | loan, tmp)


def _value(d: Decision, name: str) -> Any:
    return next(v.value for v in d.values if v.name == name)


def _outcome(d: Decision, rule: str) -> str:
    return next(f.outcome for f in d.findings if f.rule_id == rule)


def test_the_base_loan_is_eligible(tmp_path: Path) -> None:
    d = _decide(tmp_path)
    assert d.status == "eligible", [(f.rule_id, f.outcome, f.message) for f in d.findings]


@pytest.mark.parametrize(("purchased", "applied", "outcome"), [
    ("2025-09-15", "2026-03-14", "pass"),  # 180 days (5 whole months): the days carry it
    ("2025-09-16", "2026-03-14", "fail"),  # 179 days, 5 months
    ("2023-09-03", "2024-03-01", "pass"),  # 180 days across 2024-02-29: the leap day counts
    ("2023-09-04", "2024-03-01", "fail"),  # 179 days across the leap day, 5 months
    ("2025-08-31", "2026-02-27", "pass"),  # 180 days from a month end, 5 months
    ("2025-09-01", "2026-02-27", "fail"),  # 179 days, 5 months
    ("2025-08-31", "2026-02-28", "pass"),  # 6 whole months (a month ends on February's last day), 181 days
    ("2026-03-14", "2026-03-14", "fail"),  # 0 days
])
def test_seasoned_6_months_or_180_days(tmp_path: Path, purchased: str, applied: str, outcome: str) -> None:
    d = _decide(tmp_path, purchase_date=purchased, application_date=applied)
    assert _outcome(d, "cash_out_seasoning") == outcome


def test_a_purchase_after_the_application_is_not_seasoned(tmp_path: Path) -> None:
    d = _decide(tmp_path, purchase_date="2026-03-20")  # -6 days: never at least 180
    assert _outcome(d, "cash_out_seasoning") == "fail"
    assert _value(d, "days_since_purchase") == -6


def test_the_band_of_days_edges(tmp_path: Path) -> None:
    d179 = _decide(tmp_path, purchase_date="2025-09-16", purpose="rate_term", loan_amount=700_000)
    d180 = _decide(tmp_path, purchase_date="2025-09-15", purpose="rate_term", loan_amount=700_000)
    assert _value(d179, "seasoning_ltv") == 70 and _outcome(d179, "seasoned_ltv") == "pass"
    assert _value(d180, "seasoning_ltv") == 75
    d = _decide(tmp_path, purchase_date="2025-09-16", purpose="rate_term", loan_amount=710_000)
    assert _outcome(d, "seasoned_ltv") == "fail"


def test_an_unknown_purchase_date_is_missing_never_passes(tmp_path: Path) -> None:
    d = _decide(tmp_path, purchase_date=None)
    assert _outcome(d, "cash_out_seasoning") == "missing"
    assert d.status == "needs_info"


@pytest.mark.parametrize(("discharged", "outcome"), [
    ("2026-02-28", "fail"),  # 14 days: not more than 2 weeks
    ("2026-02-27", "pass"),  # 15 days
])
def test_days_since_latest_in_weeks(tmp_path: Path, discharged: str, outcome: str) -> None:
    events = [{"kind": "bk7", "completed_on": discharged}, {"kind": "fc", "completed_on": "2026-03-10"}]
    d = _decide(tmp_path, credit_events=events)
    assert _outcome(d, "after_bankruptcy") == outcome


def test_no_matching_event_is_never(tmp_path: Path) -> None:
    d = _decide(tmp_path, credit_events=[{"kind": "fc", "completed_on": "2026-03-10"}])
    assert _outcome(d, "after_bankruptcy") == "pass"


@pytest.mark.parametrize(("acres", "outcome"), [("20.5", "pass"), ("20.49", "pass"), ("20.51", "fail"),
                                                ("0", "pass"), (None, "missing")])
def test_acreage_exactly(tmp_path: Path, acres: str | None, outcome: str) -> None:
    assert _outcome(_decide(tmp_path, acreage=acres), "acreage") == outcome


@pytest.mark.parametrize(("count", "outcome"), [(10, "pass"), (11, "fail"), (0, "pass")])
def test_financed_properties_count(tmp_path: Path, count: int, outcome: str) -> None:
    assert _outcome(_decide(tmp_path, financed_properties=count), "financed") == outcome


@pytest.mark.parametrize(("age", "outcome"), [("59.5", "pass"), ("59.49", "fail"), ("72.25", "pass")])
def test_decimal_years(tmp_path: Path, age: str, outcome: str) -> None:
    assert _outcome(_decide(tmp_path, occupancy="investment", borrower_age=age), "retirement") == outcome


@pytest.mark.parametrize(("term", "prepay", "short"), [(36, "pass", "pass"), (60, "pass", "pass"),
                                                       (48, "fail", "pass"), (12, "fail", "fail"),
                                                       (0, "not_applicable", "pass")])
def test_in_over_numbers_with_units(tmp_path: Path, term: int, prepay: str, short: str) -> None:
    d = _decide(tmp_path, prepayment_penalty_months=term)
    assert (_outcome(d, "prepay"), _outcome(d, "no_short_prepay")) == (prepay, short)


def test_an_unknown_term_in_a_set_is_missing(tmp_path: Path) -> None:
    d = _decide(tmp_path, prepayment_penalty_months=None)
    assert _outcome(d, "prepay") == "missing" and _outcome(d, "no_short_prepay") == "missing"


# ------------------------------------------------------------------ drawn loans, all four executors

DIFF_EXAMPLES = int(os.environ.get("GLC_DIFF_EXAMPLES", "400"))
AS_OF = dt.date(2024, 3, 1)  # a leap year: 2024-02-29 lies inside every look-back below


def _drawn(n: int, seed: int = 16) -> list[dict[str, Any]]:
    """Loans around every edge of the program: purchase dates 0-366 days back (179/180/181, month ends, the leap
    day), discharges around 2 weeks, acreage around 20.5, counts around 10, ages around 59.5, prepayment terms in
    and out of the set; each field sometimes unknown."""
    rng = random.Random(seed)

    def maybe(v: Any) -> Any:
        return None if rng.random() < 0.08 else v

    def days_back(choices: list[int]) -> str:
        return (AS_OF - dt.timedelta(days=rng.choice(choices))).isoformat()

    out = []
    for _ in range(n):
        events = [{"kind": rng.choice(["bk7", "fc", "bk13"]), "completed_on": days_back([0, 13, 14, 15, 16, 400])}
                  for _ in range(rng.choice([0, 0, 1, 2]))]
        out.append({
            "application_date": AS_OF.isoformat(),
            "occupancy": rng.choice(["primary", "investment"]), "purpose": rng.choice(["cash_out", "rate_term"]),
            "property_type": "sfr", "appraised_value": 1_000_000,
            "loan_amount": maybe(rng.choice([690_000, 700_000, 701_000, 749_000, 750_000, 751_000, 500_000])),
            "purchase_date": maybe(days_back([0, 1, 150, 178, 179, 180, 181, 182, 184, 185, 211, 212, 213, 366, -3])),
            "credit_events": maybe(events),
            "acreage": maybe(rng.choice(["0", "20.49", "20.5", "20.51", "100.25", "7"])),
            "financed_properties": maybe(rng.choice([0, 9, 10, 11])),
            "borrower_age": maybe(rng.choice(["59.49", "59.5", "59.51", "18", "80"])),
            "prepayment_penalty_months": maybe(rng.choice([0, 12, 24, 36, 48, 60])),
        })
    return out


def test_four_executors_agree_on_drawn_loans(tmp_path: Path) -> None:
    """Every drawn loan decided by the reference evaluator, the generated `check` and `check_fast` (in Python) and
    by the SQL query on DuckDB (one tape of all of them): 0 disagreements."""
    import generated
    from generated import _runtime as rt
    from generated.loan import Loan

    assert generated is not None
    bundle = _bundle(tmp_path)
    program = next(p for p in bundle.programs if p.id == "units_demo")
    module = generated_module(program, bundle.vocabulary)
    loans = _drawn(DIFF_EXAMPLES)
    expected = []
    for loan in loans:
        model = Loan.model_validate(loan)
        want = evaluate(program, bundle.vocabulary, model)
        full = module.check(model)
        assert full.to_dict() == want.to_dict(), loan
        assert module.check_fast(model) == rt.Verdict.of(full), loan
        expected.append(want)
    tape = tmp_path / "drawn.csv"
    with tape.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["loan_id", *loans[0]])
        for i, loan in enumerate(loans):
            w.writerow([f"L{i}", *["" if v is None else json.dumps(v) if isinstance(v, list) else v
                                   for v in loan.values()]])
    con = connect()
    p = plan(con, bundle, tape, ["units_demo"], None)
    rows = [r for batch in run_duckdb(con, p) for r in batch.to_pylist()]
    assert len(rows) == len(loans)
    for i, (row, want) in enumerate(zip(rows, expected, strict=True)):
        assert comparable(row, p.limit_ids) == comparable(
            decision_row(row["row"], f"L{i}", "units_demo", want, p.limit_ids), p.limit_ids), loans[i]
    statuses = {d.status for d in expected}
    assert statuses == {"eligible", "ineligible", "needs_info"}, statuses  # the draw reaches every outcome


def test_in_reads_as_a_set_in_messages(tmp_path: Path) -> None:
    d = _decide(tmp_path, prepayment_penalty_months=48)
    message = next(f.message for f in d.findings if f.rule_id == "prepay")
    assert message.startswith("Not met: Prepayment penalty term is 36 months or 60 months"), message
    message = next(f.message for f in _decide(tmp_path, prepayment_penalty_months=12).findings
                   if f.rule_id == "no_short_prepay")
    assert message.startswith("Not met: Prepayment penalty term is not 12 months"), message


def test_values_read_in_their_units(tmp_path: Path) -> None:
    d = _decide(tmp_path, acreage="20.51", occupancy="investment", borrower_age="59.49")
    messages = {f.rule_id: f.message for f in d.findings}
    assert "(Acreage 20.51 acres)" in messages["acreage"]
    assert "(Borrower age 59.49 years)" in messages["retirement"]
    assert "at least 59.5 years" in messages["retirement"]


def test_a_count_without_a_range_is_never_negative(tmp_path: Path) -> None:
    (tmp_path / "loan.fields").write_text(
        'vocabulary "Counts"\n\nfield financed_properties "Financed properties"\n  type: count\n  unit: properties\n'
        '  description: "Financed properties."\n', encoding="utf-8")
    result = check_paths([tmp_path / "loan.fields"])
    assert result.bundle is not None and not [x for x in result.diagnostics if x.severity == "error"]
    field = result.bundle.vocabulary.field("financed_properties")
    assert field is not None and field.type.kind == "integer" and field.type.unit == "properties"
    assert field.range is not None and (field.range.low, field.range.low_inclusive, field.range.high) == (0, True, None)


def test_a_spreadsheet_cell_reads_days_and_weeks() -> None:
    from compiler.tools.xlsx_cells import read_amount, read_band

    assert read_amount("180 days") == read_amount("180 Days") and read_amount("180 days").kind == "days"
    assert read_amount("2 weeks").value == 14 and read_amount("1 week").kind == "days"
    band = read_band("0 days - 179 days")
    assert band.low is not None and band.high is not None and (band.low.value, band.high.value) == (0, 179)
