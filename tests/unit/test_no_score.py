""""No credit score" as data (issue 16): a number whose field says `allows: no score` may be given as "none",
which is not unknown. Decided by all four executors (tests/oracles/four_engines.py: the reference evaluator, the
generated check and check_fast, and DuckDB reading the loan from a tape), which must agree.

- a missing score still needs data; a declared no-score borrower meets rules written for them (`fico is no
  score`), and every comparison reading the score (directly or through a value) is not met, never unknown;
- `fico is known` is true for a no-score borrower.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from compiler import ir, ir_program
from compiler.driver import check_paths
from compiler.runtime import Decision
from tests.oracles.four_engines import decide

ROOT = Path(__file__).resolve().parents[2]

PROGRAM = """\
program scoreless
  title: "Scoreless"
  investor: "Test"
  family: "Test"
  version: "1"
  effective: 2026-01-01
  source: "Test guide"

value score_margin "Points above 660" = fico - 660

rule min_fico "Minimum credit score"
  cite "§1"
  when fico is not no score
  require fico at least 660

rule no_score_borrowers "Borrowers without a score"
  cite "§2"
  when fico is no score
  require citizenship is foreign_national or citizenship is itin

rule margin "Margin"
  cite "§3"
  when occupancy is investment
  require score_margin > 20 or loan_amount at most $500,000

rule score_pulled "Credit pulled"
  cite "§4"
  require fico is known
"""

LOAN: dict[str, Any] = {
    "application_date": "2026-03-14", "occupancy": "primary", "purpose": "purchase", "property_type": "sfr",
    "loan_amount": 400_000, "purchase_price": 1_000_000, "appraised_value": 1_000_000, "citizenship": "foreign_national",
}

_BUNDLES: dict[str, ir_program.Bundle] = {}


def _bundle(tmp: Path) -> ir_program.Bundle:
    if not _BUNDLES:
        folder = tmp / "programs"
        folder.mkdir()
        shutil.copy(ROOT / "programs" / "loan.fields", folder / "loan.fields")
        (folder / "scoreless.guideline").write_text(PROGRAM, encoding="utf-8")
        result = check_paths([folder])
        assert result.bundle is not None, [d.message for d in result.diagnostics]
        _BUNDLES["scoreless"] = result.bundle
    return _BUNDLES["scoreless"]


def _decide(tmp: Path, **loan: Any) -> Decision:
    return decide(_bundle(tmp), "scoreless", LOAN | loan, tmp)


def _outcome(d: Decision, rule: str) -> str:
    return next(f.outcome for f in d.findings if f.rule_id == rule)


def test_the_vocabulary_brings_the_yes_no_field(tmp_path: Path) -> None:
    vocab = _bundle(tmp_path).vocabulary
    fico, flag = vocab.field("fico"), vocab.field("fico_no_score")
    assert fico is not None and fico.no_score == "fico_no_score"
    assert flag is not None and flag.type.kind == "yesno" and flag.no_score_of == "fico" and flag.title == "No credit score"


def test_comparisons_name_the_no_score_field(tmp_path: Path) -> None:
    p = _bundle(tmp_path).programs[0]
    margin = next(r for r in p.rules if r.id == "margin")
    compares = ir.find_all(margin.requirements[0].test, ir.Compare)
    assert [c.no_score for c in compares] == [("fico_no_score",), ()]  # through the value; the amount reads no score


@pytest.mark.parametrize("spelling", ["none", "NONE", "No score", "no credit score"])
def test_a_no_score_borrower_meets_rules_written_for_them(tmp_path: Path, spelling: str) -> None:
    d = _decide(tmp_path, fico=spelling)
    assert _outcome(d, "min_fico") == "not_applicable"
    assert _outcome(d, "no_score_borrowers") == "pass"
    assert _outcome(d, "score_pulled") == "pass"
    assert d.status == "eligible"


def test_a_no_score_borrower_does_not_meet_a_comparison(tmp_path: Path) -> None:
    d = _decide(tmp_path, fico="none", occupancy="investment", loan_amount=600_000)
    assert _outcome(d, "margin") == "fail" and d.status == "ineligible"  # not met, never unknown
    assert _outcome(_decide(tmp_path, fico="none", occupancy="investment", loan_amount=500_000), "margin") == "pass"


def test_a_no_score_borrower_outside_the_rules_for_them_fails(tmp_path: Path) -> None:
    d = _decide(tmp_path, fico="none", citizenship="us_citizen")
    assert _outcome(d, "no_score_borrowers") == "fail" and d.status == "ineligible"


def test_a_missing_score_still_needs_data(tmp_path: Path) -> None:
    d = _decide(tmp_path, fico=None)
    assert _outcome(d, "min_fico") == "missing" and _outcome(d, "score_pulled") == "fail"
    assert d.status != "eligible"
    d = _decide(tmp_path, fico=None, occupancy="investment", loan_amount=600_000)
    assert _outcome(d, "margin") == "missing"


@pytest.mark.parametrize(("fico", "outcome"), [(659, "fail"), (660, "pass"), (680, "pass")])
def test_a_score_decides_as_before(tmp_path: Path, fico: int, outcome: str) -> None:
    d = _decide(tmp_path, fico=fico)
    assert _outcome(d, "min_fico") == outcome and _outcome(d, "no_score_borrowers") == "not_applicable"


@pytest.mark.parametrize(("fico", "outcome"), [(680, "fail"), (681, "pass")])
def test_through_a_value_at_the_edge(tmp_path: Path, fico: int, outcome: str) -> None:
    assert _outcome(_decide(tmp_path, fico=fico, occupancy="investment", loan_amount=600_000), "margin") == outcome


def test_the_loan_model_reads_none() -> None:
    from generated.loan import Loan

    loan = Loan.model_validate({"fico": "No score"})
    assert loan.fico is None and loan.fico_no_score is True
    assert Loan.model_validate({"fico": 700}).fico_no_score is False
    assert Loan.model_validate({}).fico_no_score is None
