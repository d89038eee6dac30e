"""A quotient over a zero or negative denominator is undefined (issue 16, domains; docs/language.md 3.4 and 6.8):
the value is invalid, the same state as outside its domain, never unknown (the loan officer gave the data), and a
rule reading it is not met. Decided by all four executors (tests/oracles/four_engines.py), which must agree.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from compiler import ir_program
from compiler.driver import check_paths
from compiler.runtime import Decision, Finding
from tests.oracles.four_engines import decide

ROOT = Path(__file__).resolve().parents[2]

PROGRAM = """\
program quotients
  title: "Quotients"
  investor: "Test"
  family: "Test"
  version: "1"
  effective: 2026-01-01
  source: "Test guide"
  uncovered_loans: rules only

value net_rent "Net rent" = market_rent - pitia

value coverage "Coverage" = lease_rent / pitia, rounded down to 2 decimals

value margin "Margin" = if interest_only then lease_rent / net_rent else market_rent / lease_rent, rounded down to 2 decimals

rule min_coverage "Minimum coverage"
  cite "§1"
  require coverage >= 1.00

rule min_margin "Minimum margin"
  cite "§2"
  require margin >= 0.50
"""

LOAN: dict[str, Any] = {
    "application_date": "2026-03-14", "occupancy": "investment", "purpose": "purchase", "property_type": "sfr",
    "fico": 740, "loan_amount": 500_000, "purchase_price": 1_000_000, "appraised_value": 1_000_000,
    "pitia": 4_000, "market_rent": 5_000, "lease_rent": 5_000, "interest_only": False,
}

_BUNDLE: dict[str, ir_program.Bundle] = {}


def _decide(tmp: Path, **loan: Any) -> Decision:
    if "b" not in _BUNDLE:
        folder = tmp / "programs_quotients"
        folder.mkdir()
        shutil.copy(ROOT / "programs" / "loan.fields", folder / "loan.fields")
        (folder / "quotients.guideline").write_text(PROGRAM, encoding="utf-8")
        result = check_paths([folder])
        assert result.bundle is not None, [d.message for d in result.diagnostics]
        _BUNDLE["b"] = result.bundle
    return decide(_BUNDLE["b"], "quotients", {k: v for k, v in (LOAN | loan).items() if v is not None}, tmp)


def _value(d: Decision, name: str) -> Any:
    return next(v.value for v in d.values if v.name == name)


def _finding(d: Decision, rule_id: str) -> Finding:
    return next(f for f in d.findings if f.rule_id == rule_id)


def test_a_positive_denominator_divides(tmp_path: Path) -> None:
    d = _decide(tmp_path)
    assert d.status == "eligible", [f for f in d.findings if f.outcome != "pass"]
    assert _value(d, "coverage") == 1.25


def test_a_zero_denominator_fails_never_asks_for_data(tmp_path: Path) -> None:
    d = _decide(tmp_path, pitia=0)
    f = _finding(d, "min_coverage")
    assert f.outcome == "fail" and f.missing == (), f
    assert f.message == "Not met: Coverage at least 1 (Coverage cannot be computed: PITIA is $0/month).", f.message
    assert d.status == "ineligible"
    assert _value(d, "coverage") is None


def test_a_negative_computed_denominator_in_the_branch_taken(tmp_path: Path) -> None:
    d = _decide(tmp_path, interest_only=True, pitia=6_000)  # net rent -$1,000: the margin is undefined
    f = _finding(d, "min_margin")
    assert f.outcome == "fail", f
    assert "Margin cannot be computed: Net rent is -$1,000" in f.message, f.message
    d = _decide(tmp_path, interest_only=False, pitia=4_900, lease_rent=4_900)  # the branch not taken is not read
    assert _finding(d, "min_margin").outcome == "pass"
    d = _decide(tmp_path, interest_only=None, pitia=6_000)  # which branch is unknown: unknown, not invalid
    assert _finding(d, "min_margin").outcome == "missing"


def test_an_unknown_denominator_is_still_missing_data(tmp_path: Path) -> None:
    d = _decide(tmp_path, pitia=None)
    f = _finding(d, "min_coverage")
    assert f.outcome == "missing" and f.missing == ("pitia",), f
    assert d.status == "needs_info"


def test_harbor_dscr_with_no_payment(tmp_path: Path) -> None:
    """The reported case: a DSCR loan whose PITIA is $0 asked for data the officer had given; it is now not eligible
    (DSCR and reserves cannot be computed), and the message says why."""
    bundle = check_paths([ROOT / "programs"]).bundle
    assert bundle is not None
    loan = LOAN | {"units": 1, "state": "CA", "subordinate_liens": 0, "pitia": 0, "liquid_assets": 100_000,
                   "first_time_investor": False, "rural": False, "declining_market": False, "short_term_rental": False,
                   "credit_events": [], "housing_lates": [], "housing_history_months": 24, "citizenship": "us_citizen",
                   "fthb": False, "in_forbearance": False, "doc_type": "dscr"}
    d = decide(bundle, "harbor_dscr", loan, tmp_path)
    assert d.status == "ineligible", [f for f in d.findings if f.outcome != "pass"]
    assert not any("pitia" in f.missing for f in d.findings), [f for f in d.findings if f.missing]
    assert any("DSCR cannot be computed: PITIA is $0/month" in f.message for f in d.findings if f.outcome == "fail")
