"""A limit that cannot be read is unknown, never "No limit applies" (issue 16, decisions that never mislead;
docs/language.md 9.5): a matrix giving the limit that applies or may apply and cannot be read (its `when` or a key
unknown) leaves the limit `unknown` (value null, its finding `missing`, naming the matrix and what it needs),
whatever cap is known (the cell could be lower); a matrix refusing the loan, or a rule that surely applies
capping it by a value N/A in its table, still decides (not eligible). The matrix's own finding names every unknown
key. Under `first applicable` a rule whose adjustment an earlier rule pre-empted says so. Decided by all four
executors (tests/oracles/four_engines.py: the reference evaluator, the generated `check`, `check_fast`, SQL on
DuckDB), which must agree.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from compiler import ir_program
from compiler.driver import check_paths
from compiler.runtime import Decision, Finding
from tests.oracles.four_engines import decide

ROOT = Path(__file__).resolve().parents[2]
NEAR_MISS: dict[str, Any] = json.loads((ROOT / "examples" / "near_miss_loan.json").read_text(encoding="utf-8"))

PROGRAM = """\
program capped
  title: "A cap and a matrix"
  investor: "Test"
  family: "Test"
  version: "1"
  effective: 2026-01-01
  source: "Test guide"
  adjustments: lowest wins

value purpose_cap "Maximum LTV by purpose" by purpose
  cite "§4"
  | Purpose   | Max LTV |
  | purchase  | 70%     |
  | rate_term | 65%     |
  | cash_out  | N/A     |

matrix grid "Grid"
  cite "§1"
  when occupancy is primary
  gives max_ltv, max_cltv
  rows fico
  columns loan_amount
  | FICO     | <= $1,000,000 | $1,000,001..$2,000,000 |
  | 740+     | 85%           | 80%                    |
  | 660..739 | 75%           | N/A                    |

rule rural "Rural"
  cite "§2"
  when rural
  cap max_ltv, max_cltv at 80%

rule condo "Non-warrantable condo"
  cite "§3"
  when property_type is condo_non_warrantable
  cap max_ltv at purpose_cap
"""

LOAN: dict[str, Any] = {
    "application_date": "2026-03-14", "occupancy": "primary", "purpose": "purchase", "property_type": "sfr",
    "fico": 750, "loan_amount": 600_000, "purchase_price": 1_000_000, "appraised_value": 1_000_000,
    "rural": False, "subordinate_liens": 0,
}

_BUNDLES: dict[str, ir_program.Bundle] = {}


def _bundle(tmp: Path, name: str, text: str | None) -> ir_program.Bundle:
    if name not in _BUNDLES:
        if text is None:
            result = check_paths([ROOT / "programs"])
        else:
            folder = tmp / f"programs_{name}"
            folder.mkdir()
            shutil.copy(ROOT / "programs" / "loan.fields", folder / "loan.fields")
            (folder / f"{name}.guideline").write_text(text, encoding="utf-8")
            result = check_paths([folder])
        assert result.bundle is not None, [d.message for d in result.diagnostics]
        _BUNDLES[name] = result.bundle
    return _BUNDLES[name]


def _capped(tmp: Path, **loan: Any) -> Decision:
    loan = {k: v for k, v in (LOAN | loan).items() if v is not None}
    return decide(_bundle(tmp, "capped", PROGRAM), "capped", loan, tmp)


def _program(tmp: Path, program_id: str, loan: dict[str, Any]) -> Decision:
    return decide(_bundle(tmp, "programs", None), program_id, {k: v for k, v in loan.items() if v is not None}, tmp)


def _finding(d: Decision, rule_id: str) -> Finding:
    return next(f for f in d.findings if f.rule_id == rule_id)


def _unknown(d: Decision, limit: str, message: str, missing: tuple[str, ...]) -> None:
    lim = d.limit(limit)
    assert lim is not None and lim.state == "unknown" and lim.value is None and lim.binding_rule is None, lim
    f = _finding(d, limit)
    assert (f.outcome, f.message, f.missing) == ("missing", message, missing), f
    assert d.status == "needs_info"


# ---------------------------------------------------------------- keystone, the loan without a credit score

def test_keystone_without_fico_cannot_tell_the_maximum(tmp_path: Path) -> None:
    loan = {k: v for k, v in NEAR_MISS.items() if k not in ("fico", "loan_id")}
    d = _program(tmp_path, "keystone_bank_statement", loan)
    for limit in ("max_ltv", "max_cltv"):
        _unknown(d, limit, "Cannot tell the maximum: Primary residence, purchase needs Credit score.", ("fico",))
        assert _finding(d, limit).citation == "§2.1 Matrix A, p. 4"
    m = _finding(d, "primary_purchase")
    assert (m.outcome, m.message, m.missing) == ("missing", "Cannot tell which line applies: Credit score unknown.",
                                                 ("fico",)), m
    lim = d.limit("max_loan_amount")  # no matrix gives it: no limit, as before
    assert lim is not None and lim.state == "none"
    assert _finding(d, "max_loan_amount").message == "No limit applies to this loan."


def test_keystone_two_unknown_keys_are_both_named(tmp_path: Path) -> None:
    loan = {k: v for k, v in NEAR_MISS.items() if k not in ("fico", "loan_amount", "loan_id")}
    d = _program(tmp_path, "keystone_bank_statement", loan)
    m = _finding(d, "primary_purchase")
    assert m.message == "Cannot tell which line applies: Credit score and Loan amount unknown.", m.message
    assert m.missing == ("fico", "loan_amount"), m.missing
    _unknown(d, "max_ltv", "Cannot tell the maximum: Primary residence, purchase needs Credit score and Loan amount.",
             ("fico", "loan_amount"))


def test_keystone_unknown_occupancy_no_matrix_can_be_read(tmp_path: Path) -> None:
    loan = {k: v for k, v in NEAR_MISS.items() if k not in ("occupancy", "loan_id")}
    d = _program(tmp_path, "keystone_bank_statement", loan)
    _unknown(d, "max_ltv", "Cannot tell the maximum: Primary residence, purchase needs Occupancy.", ("occupancy",))


def test_keystone_rural_cap_does_not_decide_while_the_matrix_is_unknown(tmp_path: Path) -> None:
    loan = {k: v for k, v in NEAR_MISS.items() if k not in ("fico", "loan_id")} | {"rural": True}
    d = _program(tmp_path, "keystone_bank_statement", loan)
    _unknown(d, "max_ltv", "Cannot tell the maximum: Primary residence, purchase needs Credit score.", ("fico",))


# ---------------------------------------------------------------- a program with a cap and a matrix

def test_a_known_cap_does_not_decide_an_unknown_matrix(tmp_path: Path) -> None:
    d = _capped(tmp_path)
    lim = d.limit("max_ltv")
    assert lim is not None and lim.value == 85 and lim.state == "set", lim  # all known: the cell
    d = _capped(tmp_path, rural=True, fico=None)
    _unknown(d, "max_ltv", "Cannot tell the maximum: Grid needs Credit score.", ("fico",))
    _unknown(d, "max_cltv", "Cannot tell the maximum: Grid needs Credit score.", ("fico",))


def test_a_matrix_that_may_apply_leaves_the_limit_unknown(tmp_path: Path) -> None:
    d = _capped(tmp_path, occupancy=None, rural=True)
    _unknown(d, "max_ltv", "Cannot tell the maximum: Grid needs Occupancy.", ("occupancy",))
    d = _capped(tmp_path, occupancy="investment", rural=True)  # the matrix surely does not apply: the cap stands
    lim = d.limit("max_ltv")
    assert lim is not None and lim.value == 80 and lim.binding_rule == "rural", lim


def test_a_second_key_outside_its_bands_after_an_unknown_one_is_not_named(tmp_path: Path) -> None:
    d = _capped(tmp_path, fico=None, loan_amount=2_500_000, purchase_price=3_000_000, appraised_value=3_000_000)
    m = _finding(d, "grid")
    assert (m.outcome, m.message) == ("missing", "Cannot tell which line applies: Credit score unknown."), m
    _unknown(d, "max_ltv", "Cannot tell the maximum: Grid needs Credit score.", ("fico",))


def test_refusals_and_not_eligible_amounts_still_decide(tmp_path: Path) -> None:
    # a rule that surely applies caps by a value N/A for the loan: not eligible, whatever the matrix
    d = _capped(tmp_path, fico=None, property_type="condo_non_warrantable", purpose="cash_out")
    lim = d.limit("max_ltv")
    assert lim is not None and lim.state == "not_eligible", lim
    assert _finding(d, "max_ltv").outcome == "fail" and d.status == "ineligible"
    # the matrix refuses the loan (N/A cell): not eligible
    d = _capped(tmp_path, fico=700, loan_amount=1_500_000, purchase_price=2_000_000, appraised_value=2_000_000)
    lim = d.limit("max_ltv")
    assert lim is not None and lim.state == "not_eligible", lim


def test_the_cap_by_a_value_unknown_and_the_matrix_unknown(tmp_path: Path) -> None:
    d = _capped(tmp_path, fico=None, property_type="condo_non_warrantable", purpose=None)  # the matrix is named first
    _unknown(d, "max_ltv", "Cannot tell the maximum: Grid needs Credit score.", ("fico",))


# ---------------------------------------------------------------- foreign_national_dscr, crestline (several-key axes)

FN_BASE: dict[str, Any] = {
    "application_date": "2026-03-14", "occupancy": "investment", "purpose": "purchase", "property_type": "sfr",
    "loan_amount": 520_000, "purchase_price": 800_000, "appraised_value": 800_000, "subordinate_liens": 0,
    "lease_rent": 5_000, "market_rent": 5_000, "pitia": 4_000, "fico": 740, "citizenship": "foreign_national",
}


def test_foreign_national_unknown_score_and_rent(tmp_path: Path) -> None:
    d = _program(tmp_path, "foreign_national_dscr", FN_BASE | {"fico": None})
    m = _finding(d, "scored")
    assert m.outcome == "missing" and m.message == "Cannot tell which line applies: Credit score unknown.", m
    _unknown(d, "max_ltv", "Cannot tell the maximum: Max LTV / CLTV by US credit score needs Credit score.",
             m.missing)
    d = _program(tmp_path, "foreign_national_dscr", FN_BASE | {"fico": None, "lease_rent": None, "market_rent": None})
    m = _finding(d, "scored")
    assert m.message == "Cannot tell which line applies: Credit score and DSCR tier unknown.", m.message
    _unknown(d, "max_cltv", "Cannot tell the maximum: Max LTV / CLTV by US credit score needs Credit score and DSCR "
             "tier.", m.missing)
    assert "fico" in m.missing and "market_rent" in m.missing, m.missing


CRESTLINE_BASE: dict[str, Any] = {
    "application_date": "2026-03-14", "occupancy": "primary", "purpose": "cash_out", "property_type": "sfr",
    "lien_position": "second", "loan_amount": 100_000, "appraised_value": 1_000_000, "senior_lien_balance": 500_000,
    "subordinate_liens": 0, "fico": 745, "doc_type": "full_doc",
}


def test_crestline_unknown_occupancy_under_first_applicable(tmp_path: Path) -> None:
    d = _program(tmp_path, "crestline_closed_end_second", CRESTLINE_BASE | {"occupancy": None,
                                                                            "property_type": "condo_warrantable"})
    m = _finding(d, "ces")
    assert m.outcome == "missing" and m.message == "Cannot tell which line applies: Occupancy unknown.", m
    _unknown(d, "max_cltv", "Cannot tell the maximum: Max CLTV / HCLTV needs Occupancy.", ("occupancy",))
    lim = d.limit("max_hcltv")
    assert lim is not None and lim.state == "unknown", lim


def test_crestline_a_rule_pre_empted_under_first_applicable_says_so(tmp_path: Path) -> None:
    d = _program(tmp_path, "crestline_closed_end_second", CRESTLINE_BASE | {"property_type": "condo_warrantable",
                                                                            "doc_type": "bank_stmt_personal_12"})
    f = _finding(d, "doc_reduction")
    assert f.outcome == "pass", f
    assert f.message == ("Not applied: Documentation type is not full_doc because Condominiums (condo_cap) set Max "
                         "CLTV and Max HCLTV first."), f.message
    assert _finding(d, "condo_cap").message.startswith("Applies: cap Max CLTV at 80%"), _finding(d, "condo_cap")
    lim = d.limit("max_cltv")
    assert lim is not None and (lim.value, lim.binding_rule) == (80, "condo_cap"), lim  # not 90 less 5


# ---------------------------------------------------------------- `glc test`: `max_ltv: unknown`

SCENARIOS = """\
program: capped
base:
  application_date: 2026-03-14
  occupancy: primary
  purpose: purchase
  property_type: sfr
  fico: 750
  loan_amount: 600,000
  purchase_price: 1,000,000
  appraised_value: 1,000,000
  rural: no
  subordinate_liens: 0
scenarios:
  - name: no credit score, rural
    loan: {fico: unknown, rural: yes}
    expect: {status: needs_info, max_ltv: unknown, rules: {max_ltv: missing}}
  - name: an unknown limit is not `none`
    loan: {fico: unknown}
    expect: {max_ltv: none}
"""


def test_guideline_tests_expect_an_unknown_limit(tmp_path: Path) -> None:
    from compiler.tools.scenario_run import Runner
    from compiler.tools.scenarios import read_test_files

    bundle = _bundle(tmp_path, "capped", PROGRAM)
    path = tmp_path / "capped.yaml"
    path.write_text(SCENARIOS, encoding="utf-8")
    scenarios, errors = read_test_files([path], bundle)
    assert not errors and len(scenarios) == 2, errors
    runner = Runner(bundle)
    first, second = (runner.run(s) for s in scenarios)
    assert first.passed, first.mismatches
    assert [(m.what, m.expected, m.actual) for m in second.mismatches] == [
        ("max_ltv", "none", "unknown (Grid needs Credit score)")], second.mismatches


@pytest.mark.parametrize("text", ["unknown", "Unknown"])
def test_the_expectation_reads_unknown(text: str, tmp_path: Path) -> None:
    import yaml

    from compiler.tools.scenario_expect import UNKNOWN, read_limit_value

    bundle = _bundle(tmp_path, "capped", PROGRAM)
    lim = bundle.programs[0].limits[0]
    node = yaml.compose(text)
    assert node is not None
    assert read_limit_value("t.yaml", node, lim) == UNKNOWN


# ---------------------------------------------------------------- the example of docs/language.md 9.5, as it says

def _doc_example(name: str = "example_unknown_matrix") -> str:
    import re

    text = (ROOT / "docs" / "language.md").read_text(encoding="utf-8")
    block = next(m.group(1) for m in re.finditer(r"^```guideline\n(.*?)^```", text, re.S | re.M)
                 if m.group(1).startswith(f"program {name}\n"))
    return block


def test_the_language_reference_example_decides_as_it_says(tmp_path: Path) -> None:
    bundle = _bundle(tmp_path, "example_unknown_matrix", _doc_example())
    base = LOAN | {"rural": True}

    def run(**loan: Any) -> Decision:
        return decide(bundle, "example_unknown_matrix", {k: v for k, v in (base | loan).items() if v is not None},
                      tmp_path)

    d = run()
    lim = d.limit("max_ltv")
    assert lim is not None and (lim.value, lim.binding_rule) == (80, "rural"), lim
    d = run(fico=None)
    assert _finding(d, "primary").message == "Cannot tell which line applies: Credit score unknown."
    _unknown(d, "max_ltv", "Cannot tell the maximum: Primary residence needs Credit score.", ("fico",))
    d = run(occupancy=None)
    assert _finding(d, "primary").message == "Cannot tell whether it applies: Occupancy unknown."
    _unknown(d, "max_ltv", "Cannot tell the maximum: Primary residence needs Occupancy.", ("occupancy",))
    d = run(fico=700, loan_amount=1_500_000, purchase_price=2_000_000, appraised_value=2_000_000)
    lim = d.limit("max_ltv")
    assert lim is not None and lim.state == "not_eligible", lim
    f = _finding(d, "max_ltv")
    assert f.outcome == "not_applicable" and f.message.startswith("No limit: not eligible under Primary residence: "), f


def test_the_language_reference_first_applicable_example_says_what_was_not_applied(tmp_path: Path) -> None:
    bundle = _bundle(tmp_path, "example_first_applicable", _doc_example("example_first_applicable"))
    loan = LOAN | {"rural": True, "interest_only": True, "property_type": "condo_non_warrantable"}
    d = decide(bundle, "example_first_applicable", loan, tmp_path)
    assert _finding(d, "condo").message == ("Not applied: Property type is condo_non_warrantable because Rural "
                                            "property (rural) set Max LTV first.")
    assert _finding(d, "interest_only").message == ("Applies: reduce Max CLTV by 5%; not applied: reduce Max LTV by 5% "
                                                    "because Rural property (rural) set Max LTV first.")
    assert _finding(d, "rural").message == "Applies: cap Max LTV at 70%; cap Max CLTV at 70%."
