"""Every loan of a program's guideline tests decided by all four executors, which must agree: the reference
evaluator, the generated `check`, `check_fast` and the SQL screen on DuckDB (one tape for all the loans).

The guideline tests put loans at every band and category edge of the program (179/180 days, 20.49/20.5 acres, no
score / unknown score / a score, an OFAC country or not, a first or second lien, a HELOC drawn above its line), so
the executors are compared exactly where they could differ. Programs listed here use the constructs and the
vocabulary of the language's second edition (issue 16): `crestline_closed_end_second` the second-lien fields.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from compiler.driver import check_paths
from compiler.evaluate import evaluate
from compiler.screen.engines import connect, plan, run_duckdb
from compiler.screen.rows import comparable, decision_row
from compiler.tools.scenarios import read_test_files
from tests.oracles.four_engines import generated_module

ROOT = Path(__file__).resolve().parents[2]
PROGRAMS = ["foreign_national_dscr", "crestline_closed_end_second"]


@pytest.mark.parametrize("program_id", PROGRAMS)
def test_every_scenario_loan_is_decided_alike_by_the_four_executors(program_id: str, tmp_path: Path) -> None:
    from generated import _runtime as rt
    from generated.loan import Loan

    bundle = check_paths([ROOT / "programs"]).bundle
    assert bundle is not None
    program = next(p for p in bundle.programs if p.id == program_id)
    scenarios, errors = read_test_files([ROOT / "programs" / "tests" / f"{program_id}.yaml"], bundle)
    assert not errors and len(scenarios) >= 80
    module = generated_module(program, bundle.vocabulary)
    problems, loans, expected = [], [], []
    for s in scenarios:
        model = Loan.model_validate(s.loan)
        decision = evaluate(program, bundle.vocabulary, model)
        full = module.check(model)
        if full.to_dict() != decision.to_dict():
            problems.append(f"generated check: {s.name}")
        if module.check_fast(model) != rt.Verdict.of(full):
            problems.append(f"check_fast: {s.name}")
        loans.append(model.model_dump(mode="json", exclude_none=True))
        expected.append(decision)
    statuses = {d.status for d in expected}
    assert {"eligible", "ineligible", "needs_info"} <= statuses, statuses  # the loans reach every decision

    tape = tmp_path / "scenarios.csv"
    names = [f.name for f in bundle.vocabulary.fields if f.name != "loan_id" and any(f.name in ln for ln in loans)]
    with tape.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["loan_id", *names])
        for i, loan in enumerate(loans):
            w.writerow([f"L{i}", *[json.dumps(loan[n]) if isinstance(loan.get(n), list) else loan.get(n, "") for n in names]])
    con = connect()
    p = plan(con, bundle, tape, [program_id], None)
    rows = [r for batch in run_duckdb(con, p) for r in batch.to_pylist()]
    assert len(rows) == len(loans)
    for r in rows:
        i = int(r["loan_id"][1:])
        want = comparable(decision_row(r["row"], r["loan_id"], program_id, expected[i], p.limit_ids), p.limit_ids)
        if r["status"] == "invalid" or comparable(r, p.limit_ids) != want:
            problems.append(f"SQL (DuckDB): {scenarios[i].name}: {r['status']} vs {expected[i].status}")
    assert not problems, "\n".join(problems)
