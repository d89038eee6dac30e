"""A matrix keyed on choices and several keys refuses a loan as a numeric one does (issue 16 stage 0 with the
keyed tables of stage 2), decided by all four executors (tests/oracles/four_engines.py), which must agree.

Key by key: a key outside its domain fails the matrix and refuses its limits; a key unknown is missing; keys in
no line fail and refuse the limits (caps do not stand in); keys in no line that an applying rule already fails on
(a requirement reading one of the axis's keys) leave the matrix `not_applicable`, pointing to the rule.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from compiler import ir_program
from compiler.driver import check_paths
from compiler.runtime import Decision
from tests.oracles.four_engines import decide

ROOT = Path(__file__).resolve().parents[2]

PROGRAM = """\
program keyed_refusal
  title: "Keyed refusal"
  investor: "Test"
  family: "Test"
  version: "1"
  effective: 2026-01-01
  source: "Test guide"
  seasoning_date: application_date

value equity "Equity" = appraised_value - loan_amount
  domain: > $0

matrix grid "Grid"
  cite "§1"
  gives max_ltv
  rows occupancy, equity
  columns purpose
  | Occupancy  | Equity      | purchase | rate_term, cash_out |
  | primary    | >= $200,000 | 80%      | 75%                 |
  | primary    | < $200,000  | 75%      | N/A                 |
  | investment | any         | 70%      | 65%                 |

rule second_homes "Second homes"
  cite "§2"
  when purpose is cash_out
  require occupancy is not second_home

rule condo "Condo"
  cite "§3"
  when property_type is condo_warrantable
  cap max_ltv at 60%
"""

LOAN: dict[str, Any] = {
    "application_date": "2026-03-14", "occupancy": "primary", "purpose": "purchase", "property_type": "sfr",
    "loan_amount": 500_000, "purchase_price": 1_000_000, "appraised_value": 1_000_000,
}


_BUNDLES: dict[str, ir_program.Bundle] = {}


def _bundle(tmp: Path) -> ir_program.Bundle:
    """The program, compiled once: the generated modules are cached by program text, so its source path stays."""
    if not _BUNDLES:
        folder = tmp / "programs"
        folder.mkdir()
        shutil.copy(ROOT / "programs" / "loan.fields", folder / "loan.fields")
        (folder / "keyed_refusal.guideline").write_text(PROGRAM, encoding="utf-8")
        result = check_paths([folder])
        assert result.bundle is not None, [d.message for d in result.diagnostics]
        _BUNDLES["keyed_refusal"] = result.bundle
    return _BUNDLES["keyed_refusal"]


def _decide(tmp: Path, **loan: Any) -> Decision:
    return decide(_bundle(tmp), "keyed_refusal", LOAN | loan, tmp)


def _grid(d: Decision) -> tuple[str, str]:
    f = next(f for f in d.findings if f.rule_id == "grid")
    return f.outcome, f.message


def _refused(d: Decision) -> str:
    lim = d.limit("max_ltv")
    assert lim is not None and lim.value is None and lim.binding_rule is None and lim.state == "not_eligible", lim
    return lim.description


def test_a_line_gives_the_limit(tmp_path: Path) -> None:
    d = _decide(tmp_path, property_type="condo_warrantable")
    assert _grid(d) == ("pass", "Occupancy primary, Equity $200,000+, Loan purpose purchase: 80%.")
    lim = d.limit("max_ltv")
    assert lim is not None and lim.value == 60 and lim.binding_rule == "condo"


def test_keys_in_no_line_refuse_the_limits_whatever_the_caps(tmp_path: Path) -> None:
    d = _decide(tmp_path, occupancy="second_home", property_type="condo_warrantable")
    outcome, message = _grid(d)
    assert outcome == "fail" and message.endswith("is in no line of the matrix."), message
    assert d.status == "ineligible"
    assert _refused(d).startswith("not eligible under Grid:")


def test_an_na_cell_refuses_the_limits(tmp_path: Path) -> None:
    d = _decide(tmp_path, purpose="cash_out", loan_amount=900_000, property_type="condo_warrantable")
    assert _grid(d)[0] == "fail" and "N/A" in _grid(d)[1]
    assert _refused(d).endswith("is N/A")


def test_a_key_outside_its_domain_refuses_the_limits(tmp_path: Path) -> None:
    d = _decide(tmp_path, loan_amount=1_200_000, property_type="condo_warrantable")
    outcome, message = _grid(d)
    assert outcome == "fail" and message.startswith("Not eligible: Equity") and "outside its domain" in message
    _refused(d)


def test_a_key_unknown_is_missing_key_by_key(tmp_path: Path) -> None:
    d = _decide(tmp_path, occupancy=None)
    assert _grid(d)[0] == "missing"
    assert next(f for f in d.findings if f.rule_id == "grid").missing == ("occupancy",)
    # the first key unknown decides before the second one's domain
    assert _grid(_decide(tmp_path, occupancy=None, loan_amount=1_200_000))[0] == "missing"
    # the first key known, the second outside its domain: not eligible
    assert _grid(_decide(tmp_path, occupancy="investment", loan_amount=1_200_000))[0] == "fail"


def test_keys_in_no_line_that_a_failing_rule_reads_are_reported_once(tmp_path: Path) -> None:
    d = _decide(tmp_path, occupancy="second_home", purpose="cash_out")
    outcome, message = _grid(d)
    assert outcome == "not_applicable" and message.endswith("; see Second homes (second_homes)."), message
    assert [f.rule_id for f in d.findings if f.outcome == "fail"] == ["second_homes"]
    _refused(d)
