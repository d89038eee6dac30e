"""`glc explain` from the outside: text and JSON, stdin, bad program ids, malformed loans, eligible loans."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from compiler.cli.app import app
from tests.seed_loans import OWNER

ROOT = Path(__file__).resolve().parents[2]
BIG_LOAN = {**OWNER, "fico": 705, "loan_amount": 1_050_000, "purchase_price": 1_250_000, "appraised_value": 1_250_000,
            "liquid_assets": 100_000}


def glc(*args: str, stdin: str | None = None) -> Any:
    result = CliRunner().invoke(app, list(args), input=stdin)
    assert "Traceback" not in result.stdout + result.stderr
    return result


@pytest.fixture
def loan_file(tmp_path: Path, at_root: Path) -> Any:
    def write(data: Any, name: str = "loan.json") -> str:
        path = tmp_path / name
        path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
        return str(path)

    return write


def test_text(loan_file: Any) -> None:
    out = glc("explain", "keystone_bank_statement", loan_file(BIG_LOAN))
    assert out.exit_code == 0, out.stderr
    text = out.stdout
    assert "Bank Statement Select (keystone_bank_statement) v2026.1, effective 2026-01-01: INELIGIBLE" in text
    assert "2 rules failed (max_ltv, max_cltv)" in text
    assert "1. Raise the credit score to 720 or more (now 705)" in text
    assert "2. Lower the loan amount to $1,000,000 or less (now $1,050,000)" in text
    assert "LTV would be 80.00% (now 84.00%)" in text
    assert "Credit score 700-719, Loan amount up to $1,000,000 = 85%" in text
    assert "failed max_ltv Max LTV  [§2.1 Matrix A, p. 4;" in text  # the citation travels with the finding
    assert "the loan would be eligible" in text


def test_json(loan_file: Any) -> None:
    out = glc("explain", "keystone_bank_statement", loan_file(BIG_LOAN), "--format", "json")
    assert out.exit_code == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["status"] == "ineligible"
    assert data["program"]["id"] == "keystone_bank_statement"
    ltv = next(f for f in data["failed"] if f["rule_id"] == "max_ltv")
    assert ltv["citation"] == "§2.1 Matrix A, p. 4"
    first = ltv["suggestions"][0]["changes"][0]
    assert (first["field"], first["before"], first["after"], first["direction"]) == ("fico", "705", "720", "up")
    whole = data["whole_loan"][1]["changes"][0]
    assert (whole["field"], whole["after"], whole["through"]) == ("loan_amount", "1000000", "150000")
    assert data["evaluations"] > 0


def test_needs_info_lists_fields_to_supply(loan_file: Any) -> None:
    out = glc("explain", "keystone_bank_statement", loan_file({**OWNER, "fico": None}))
    assert out.exit_code == 0, out.stderr
    assert "NEEDS_INFO" in out.stdout and "Supply these fields:" in out.stdout
    assert "fico (Credit score): needed by primary_purchase, min_fico" in out.stdout


def test_eligible_loan(loan_file: Any) -> None:
    out = glc("explain", "keystone_bank_statement", loan_file(OWNER))
    assert out.exit_code == 0, out.stderr
    assert "ELIGIBLE" in out.stdout and "Already eligible: nothing to change." in out.stdout
    data = json.loads(glc("explain", "keystone_bank_statement", loan_file(OWNER), "-f", "json").stdout)
    assert data["status"] == "eligible" and data["failed"] == [] and data["whole_loan"] == []


def test_bad_program_id(loan_file: Any) -> None:
    out = glc("explain", "keystone_bank_statment", loan_file(BIG_LOAN))
    assert out.exit_code == 2
    assert "No program `keystone_bank_statment`. Did you mean `keystone_bank_statement`?" in out.stderr


def test_malformed_loans(loan_file: Any) -> None:
    out = glc("explain", "keystone_bank_statement", loan_file('{"fico": '))
    assert out.exit_code == 2 and "not valid JSON" in out.stderr
    out = glc("explain", "keystone_bank_statement", loan_file([1, 2]))
    assert out.exit_code == 2 and "holds a list; a loan is a JSON object" in out.stderr
    out = glc("explain", "keystone_bank_statement", loan_file({"fico": 9000, "occupancy": "castle", "colour": "red"}))
    assert out.exit_code == 1 and "The loan has 3 problems:" in out.stderr
    for start in ("Credit score (fico): got 9000;", "Occupancy (occupancy): got \"castle\";", "colour: not a loan field"):
        assert f"\n  {start}" in out.stderr
    out = glc("explain", "keystone_bank_statement", "no-such-loan.json")
    assert out.exit_code == 2 and "No such loan file: no-such-loan.json." in out.stderr


def test_usage_error() -> None:
    out = CliRunner().invoke(app, ["explain", "keystone_bank_statement"])
    assert out.exit_code == 2


def test_end_to_end_from_stdin() -> None:
    """The installed entry point, the loan on stdin."""
    out = subprocess.run([sys.executable, "-m", "compiler.cli", "explain", "harbor_dscr", "-", "--format", "json"],
                         cwd=ROOT, input=json.dumps({**OWNER, "occupancy": "investment", "doc_type": "dscr",
                                                     "short_term_rental": True, "lease_rent": 4_400, "market_rent": 4_400,
                                                     "pitia": 4_000, "loan_amount": 600_000, "purchase_price": 800_000,
                                                     "appraised_value": 800_000, "liquid_assets": 60_000}),
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    rule = next(f for f in data["failed"] if f["rule_id"] == "short_term_rental")
    assert [s["changes"][0]["after"] for s in rule["suggestions"] if s["changes"][0]["field"] == "pitia"] == ["3826"]


def test_readme_example_is_the_real_output(at_root: Path) -> None:
    import re

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    found = re.search(r"```sh\n\.venv/bin/glc explain (\S+) (\S+)\n```\n\n```text\n(.*?)```", readme, re.S)
    assert found is not None
    program, loan, shown = found.groups()
    out = glc("explain", program, loan)
    assert out.exit_code == 0, out.stderr
    assert out.stdout == shown


def test_broken_programs_and_missing_generated_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    shutil.copytree(ROOT / "programs", tmp_path / "programs")
    loan = tmp_path / "loan.json"
    loan.write_text(json.dumps(BIG_LOAN), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    out = glc("explain", "keystone_bank_statement", str(loan))
    assert out.exit_code == 1 and "generated/ is missing or stale: run `glc build` first." in out.stderr
    path = tmp_path / "programs" / "keystone_bank_statement.guideline"
    path.write_text(path.read_text(encoding="utf-8").replace("require fico >= 660", "require ficco >= 660"), encoding="utf-8")
    out = glc("explain", "keystone_bank_statement", str(loan))
    assert out.exit_code == 1 and "programs/ has errors (or no programs): run `glc check` to see them." in out.stderr


def test_on_date_explains_the_version_in_force(loan_file: Any) -> None:
    """`--on` picks the version in force on that date, as `glc eval --on` does; bad dates are usage errors."""
    path = loan_file(BIG_LOAN)
    old = json.loads(glc("explain", "keystone_bank_statement", path, "--on", "2025-08-01", "--format", "json").stdout)
    new = json.loads(glc("explain", "keystone_bank_statement", path, "--on", "2026-02-01", "--format", "json").stdout)
    assert old["program"]["version"] == "2025.2"
    assert new["program"]["version"] == json.loads(glc("explain", "keystone_bank_statement", path, "-f", "json").stdout)[
        "program"]["version"]
    assert old["program"]["version"] != new["program"]["version"]
    too_early = glc("explain", "keystone_bank_statement", path, "--on", "2020-01-01")
    assert too_early.exit_code == 1 and "no version in force on 2020-01-01" in too_early.stderr
    bad = glc("explain", "keystone_bank_statement", path, "--on", "soon")
    assert bad.exit_code == 2 and "--on takes a date" in bad.stderr
    no_app = glc("explain", "keystone_bank_statement", loan_file({k: v for k, v in BIG_LOAN.items()
                                                                 if k != "application_date"}), "--on", "application")
    assert no_app.exit_code == 1 and "no application_date" in no_app.stderr


def test_a_value_that_cannot_be_computed_says_check_its_denominator_first(loan_file: Any) -> None:
    """PITIA $0: DSCR and reserves divide by it (language.md 3.4 rule 5). The first thing explain says, for the
    loan and for each rule it fails, is to check PITIA, before any trade on other fields."""
    from tests.seed_loans import INVESTOR

    out = glc("explain", "harbor_dscr", loan_file({**INVESTOR, "pitia": 0}))
    assert out.exit_code == 0, out.stderr
    text = out.stdout
    check = "PITIA is $0/month: DSCR and Reserves cannot be computed; check PITIA"
    assert f"Check the data first. {check}." in text.splitlines()[1]
    whole = text.split("To make the loan pass every rule (smallest change first):\n", 1)[1]
    assert whole.startswith(f"  1. {check}\n")
    for rule, value in (("min_dscr", "DSCR"), ("reserves", "Reserves")):
        section = text.split(f"failed {rule} ", 1)[1]
        first = next(line for line in section.splitlines() if line.startswith("  1. "))
        assert first == f"  1. PITIA is $0/month: {value} cannot be computed; check PITIA", rule
    data = json.loads(glc("explain", "harbor_dscr", loan_file({**INVESTOR, "pitia": 0}), "--format", "json").stdout)
    assert [(c["fields"], c["text"]) for c in data["checks"]] == [(["pitia"], check)]


def test_a_value_outside_its_domain_says_check_the_amounts_behind_it(loan_file: Any) -> None:
    """Excluded transfers above total deposits: income is negative, outside its domain; explain says to check the
    amounts it is computed from before suggesting changes."""
    loan = {**OWNER, "doc_type": "bank_stmt_personal_12", "statement_months": 12, "total_deposits": 100_000,
            "excluded_transfers": 150_000}
    data = json.loads(glc("explain", "keystone_bank_statement", loan_file(loan), "--format", "json").stdout)
    assert data["status"] == "ineligible"
    dti = next(f for f in data["failed"] if f["rule_id"] == "max_dti")
    assert dti["checks"][0]["text"] == (
        "Qualifying monthly income is -$4,166.67/month, outside its domain (over $0/month); check Total deposits, "
        "Transfers excluded, Non-recurring deposits excluded and Statement months")  # not the business branch's
    assert "ownership_pct" not in dti["checks"][0]["fields"]
    assert data["checks"] == dti["checks"]


def test_a_divisor_computed_from_several_amounts_names_the_one_of_zero(loan_file: Any) -> None:
    """Property value is the lesser of price and appraised value: with an appraised value of $0, that is the field
    to check, not the purchase price."""
    from tests.seed_loans import INVESTOR

    data = json.loads(glc("explain", "harbor_dscr", loan_file({**INVESTOR, "appraised_value": 0}), "--format", "json").stdout)
    assert data["checks"][0]["text"] == "Property value is $0: LTV and CLTV cannot be computed; check Appraised value"
    assert data["checks"][0]["fields"] == ["appraised_value"]
