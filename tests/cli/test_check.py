"""`glc check` from the outside: exit codes, JSON output, bad paths, never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def glc(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "compiler.cli", *args], cwd=cwd, capture_output=True, text=True)


def test_check_programs_is_clean() -> None:
    out = glc("check")
    assert out.returncode == 0, out.stdout + out.stderr
    assert "0 errors" in out.stdout


def test_check_json_of_a_bad_file() -> None:
    out = glc("check", "tests/cases/bad/misspelled_field.guideline", "--vocabulary", "programs/loan.fields", "--format", "json")
    assert out.returncode == 1
    items = json.loads(out.stdout)
    assert items[0]["code"] == "E208"
    assert items[0]["file"] == "tests/cases/bad/misspelled_field.guideline"
    assert (items[0]["line"], items[0]["column"]) == (18, 11)
    assert "fico" in items[0]["message"]


def test_usage_error_exits_2() -> None:
    assert glc("check", "--no-such-option").returncode == 2
    assert glc("no-such-command").returncode == 2


def test_missing_path_and_wrong_kind_of_file(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("hello")
    for target in (str(tmp_path / "missing.guideline"), str(tmp_path / "notes.txt"), str(tmp_path)):
        out = glc("check", target)
        assert out.returncode == 2, target
        assert "Traceback" not in out.stdout + out.stderr
        assert "error[E6" in out.stdout


LOAN = {"application_date": "2026-03-14", "loan_amount": 800000, "purpose": "purchase", "purchase_price": 1000000,
        "appraised_value": 1000000, "occupancy": "primary", "property_type": "sfr", "fico": 705}


def test_eval_text_and_json(tmp_path: Path) -> None:
    loan = tmp_path / "loan.json"
    loan.write_text(json.dumps(LOAN))
    out = glc("eval", "keystone_bank_statement", str(loan))
    assert out.returncode == 0, out.stderr
    assert "Bank Statement Select" in out.stdout and "NEEDS_INFO" in out.stdout
    out = glc("eval", "keystone_bank_statement", str(loan), "--format", "json")
    data = json.loads(out.stdout)
    assert data["status"] == "needs_info"
    assert next(v for v in data["values"] if v["name"] == "ltv")["value"] == "80.00"


def test_eval_all_from_stdin() -> None:
    out = subprocess.run([sys.executable, "-m", "compiler.cli", "eval", "--all", "-", "--format", "json"], cwd=ROOT,
                         input=json.dumps(LOAN), capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert len(json.loads(out.stdout)) >= 7  # every program but the abstract shared rules


def test_eval_malformed_loans(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"fico": 9000, "loan_amount": -5, "occupancy": "castle", "colour": "red"}))
    out = glc("eval", "keystone_bank_statement", str(bad))
    assert out.returncode == 1  # read, and the answer is no: the values are not what the fields take
    for text in ("Credit score (fico): got 9000", "Loan amount (loan_amount): got -5", "Occupancy (occupancy): got",
                 "colour: not a loan field"):
        assert text in out.stderr
    assert "Traceback" not in out.stderr
    bad.write_text('{"fico": ')
    out = glc("eval", "keystone_bank_statement", str(bad))
    assert out.returncode == 2 and "not valid JSON" in out.stderr  # the file cannot be a loan: a usage error
    out = glc("eval", "keystone_bank_statment", str(bad))
    assert out.returncode in (1, 2) and "Traceback" not in out.stderr


def test_lint_and_types_of_the_compiler() -> None:
    ruff = subprocess.run([sys.executable, "-m", "ruff", "check", "compiler", "tests"], cwd=ROOT, capture_output=True, text=True)
    assert ruff.returncode == 0, ruff.stdout
    mypy = subprocess.run([sys.executable, "-m", "mypy", "compiler"], cwd=ROOT, capture_output=True, text=True)
    assert mypy.returncode == 0, mypy.stdout
