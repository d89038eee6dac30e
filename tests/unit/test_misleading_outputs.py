"""Issue 16's four misleading outputs, each reproduced exactly and decided by all four executors (reference
evaluator, generated `check`, `check_fast`, SQL on DuckDB), which must agree (tests/oracles/four_engines.py).

1. An N/A matrix cell plus a cap: max LTV is none (not the cap), and the max-LTV check does not pass.
2. A derived yes/no value shows its value (not null), and `glc test` can check it.
3. A field under a `default` is not reported missing: its fallback is.
4. A negative qualifying income never passes a DTI maximum (domains: tests below `test_negative_income`).
"""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from compiler import ir_program
from compiler.driver import check_paths
from tests.oracles.four_engines import decide

ROOT = Path(__file__).resolve().parents[2]
BUNDLE = check_paths([ROOT / "programs"]).bundle
assert BUNDLE is not None

BASE: dict[str, Any] = {
    "application_date": "2026-03-14", "occupancy": "investment", "purpose": "purchase", "property_type": "sfr",
    "units": 1, "state": "CA", "fico": 740, "loan_amount": 500_000, "purchase_price": 1_000_000,
    "appraised_value": 1_000_000, "subordinate_liens": 0, "pitia": 4_000, "market_rent": 5_000,
    "lease_rent": 5_000, "liquid_assets": 100_000, "first_time_investor": False, "rural": False,
    "declining_market": False, "short_term_rental": False, "interest_only": False, "credit_events": [],
    "housing_lates": [], "housing_history_months": 24, "citizenship": "us_citizen", "fthb": False,
    "in_forbearance": False, "doc_type": "dscr",
}


def bundle_with(tmp: Path, name: str, text: str) -> ir_program.Bundle:
    """programs/loan.fields and one program of the test's own."""
    folder = tmp / "programs"
    folder.mkdir()
    shutil.copy(ROOT / "programs" / "loan.fields", folder / "loan.fields")
    (folder / f"{name}.guideline").write_text(text, encoding="utf-8")
    result = check_paths([folder])
    assert result.bundle is not None, [d.message for d in result.diagnostics]
    return result.bundle


def test_na_cell_with_a_cap_leaves_no_max_ltv(tmp_path: Path) -> None:
    """harbor_dscr: FICO 665, $1,600,000 is an N/A cell of the purchase matrix; a non-warrantable condo is capped at
    70%. The loan is ineligible under the matrix, and max LTV is none, not the cap."""
    loan = BASE | {"fico": 665, "loan_amount": 1_600_000, "purchase_price": 3_000_000, "appraised_value": 3_000_000,
                   "property_type": "condo_non_warrantable"}
    d = decide(BUNDLE, "harbor_dscr", loan, tmp_path)
    assert d.status == "ineligible"
    outcomes = {f.rule_id: f for f in d.findings}
    assert outcomes["purchase"].outcome == "fail"
    assert "N/A" in outcomes["purchase"].message
    for lid in ("max_ltv", "max_cltv"):
        lim = d.limit(lid)
        assert lim is not None and lim.value is None and lim.binding_rule is None and lim.state == "not_eligible"
        assert lim.description.startswith("not eligible under Purchase, DSCR 1.000+:"), lim.description
        assert outcomes[lid].outcome == "not_applicable"
        assert outcomes[lid].message.startswith("No limit: not eligible under"), outcomes[lid].message
    # the cap still binds the limit the matrix does not give
    assert d.limit("max_loan_amount") is not None


def test_key_outside_the_bands_with_a_cap_leaves_no_max_ltv(tmp_path: Path) -> None:
    loan = BASE | {"fico": 740, "loan_amount": 3_500_000, "purchase_price": 7_000_000, "appraised_value": 7_000_000,
                   "property_type": "condo_non_warrantable"}
    d = decide(BUNDLE, "harbor_dscr", loan, tmp_path)
    lim = d.limit("max_ltv")
    assert lim is not None and lim.value is None and lim.state == "not_eligible"
    assert "outside the matrix bands" in lim.description


def test_a_cell_with_a_cap_is_unchanged(tmp_path: Path) -> None:
    loan = BASE | {"property_type": "condo_non_warrantable"}
    d = decide(BUNDLE, "harbor_dscr", loan, tmp_path)
    lim = d.limit("max_ltv")
    assert lim is not None and lim.value == Decimal(70) and lim.binding_rule == "non_warrantable_condo"
    assert lim.state == "set"


CLEAN = """\
program clean_history_check
  title: "Clean history"
  investor: "Test"
  family: "Test"
  version: "1"
  effective: 2026-01-01
  source: "Test guide"
  seasoning_date: application_date

value clean_history "Clean housing history" = housing_lates at most 0x30x12

rule history "Housing history"
  cite "§1"
  require clean_history
"""


def test_derived_yes_no_value_is_shown(tmp_path: Path) -> None:
    bundle = bundle_with(tmp_path, "clean_history_check", CLEAN)
    d = decide(bundle, "clean_history_check", BASE, tmp_path)
    value = next(v for v in d.values if v.name == "clean_history")
    assert value.value is True
    assert next(v for v in d.to_dict()["values"] if v["name"] == "clean_history")["value"] is True
    late = BASE | {"housing_lates": [{"days_late": 30, "due_on": "2025-12-01"}]}
    assert next(v for v in decide(bundle, "clean_history_check", late, tmp_path).values
                if v.name == "clean_history").value is False


def test_glc_test_checks_a_derived_yes_no_value(tmp_path: Path) -> None:
    import yaml

    from compiler.tools.scenario_expect import read_derived
    from compiler.tools.scenario_yaml import TestFileError

    bundle = bundle_with(tmp_path, "clean_history_check", CLEAN)
    value = bundle.programs[0].value("clean_history")
    assert value is not None
    assert read_derived("t.yaml", yaml.compose("yes"), value) is True
    assert read_derived("t.yaml", yaml.compose("no"), value) is False
    with pytest.raises(TestFileError, match="is not yes or no"):
        read_derived("t.yaml", yaml.compose("maybe"), value)


def test_a_field_under_a_default_is_not_reported_missing(tmp_path: Path) -> None:
    """dscr = lesser of (lease_rent default market_rent, market_rent) / pitia: with only pitia, market_rent is
    what to supply; with market_rent alone the loan is eligible."""
    loan = {k: v for k, v in BASE.items() if k not in ("lease_rent", "market_rent")}
    d = decide(BUNDLE, "harbor_dscr", loan, tmp_path)
    asked = {name for f in d.findings for name in f.missing}
    assert "market_rent" in asked and "lease_rent" not in asked
    d = decide(BUNDLE, "harbor_dscr", loan | {"market_rent": 5_000}, tmp_path)
    assert d.status == "eligible", [f for f in d.findings if f.outcome != "pass"]


def test_negative_income_never_passes_a_dti_maximum(tmp_path: Path) -> None:
    """keystone_bank_statement: excluded deposits above total deposits leave a negative qualifying income; the
    DTI computed from it (-359.99% in the issue) used to pass the DTI maximum. `domain: > $0` on the income makes
    it invalid: the DTI rule is not met, and the loan is ineligible."""
    import json

    loan = json.loads((ROOT / "examples" / "near_miss_loan.json").read_text()) | {
        "loan_amount": 900_000, "excluded_transfers": 1_300_000}
    d = decide(BUNDLE, "keystone_bank_statement", loan, tmp_path)
    assert d.status == "ineligible"
    income = next(v for v in d.values if v.name == "qualifying_income")
    dti = next(v for v in d.values if v.name == "dti")
    assert income.value is None and dti.value is None
    failed = {f.rule_id: f.message for f in d.findings if f.outcome == "fail"}
    assert "max_dti" in failed, d.findings
    assert "DTI invalid (it reads a value outside its domain)" in failed["max_dti"]
    assert dti.inputs["qualifying_income"] == "-$2,083.34/month, outside its domain (over $0/month)", dti.inputs
    # a positive income is unchanged: eligible
    assert decide(BUNDLE, "keystone_bank_statement", loan | {"excluded_transfers": 0}, tmp_path).status == "eligible"


def test_out_of_band_loan_amount_is_reported_once(tmp_path: Path) -> None:
    """keystone_bank_statement: $3,500,000 is outside the matrix's loan-amount bands and above the program's
    maximum; the loan-amount rule fails, and the matrix points to it instead of failing a second time."""
    import json

    loan = json.loads((ROOT / "examples" / "near_miss_loan.json").read_text()) | {
        "loan_amount": 3_500_000, "purchase_price": 5_000_000, "appraised_value": 5_000_000}
    d = decide(BUNDLE, "keystone_bank_statement", loan, tmp_path)
    assert d.status == "ineligible"
    findings = {f.rule_id: f for f in d.findings}
    assert findings["loan_amount_range"].outcome == "fail"
    matrix = findings["primary_purchase"]
    assert matrix.outcome == "not_applicable"
    assert matrix.message.endswith("; see Loan amount (loan_amount_range)."), matrix.message
    lim = d.limit("max_ltv")
    assert lim is not None and lim.value is None and lim.state == "not_eligible"
