"""`limit max_ltv: first applicable` (issue 16, limits; docs/language.md 9.5): the adjustments are taken in program
order and the first rule whose `when` holds sets the limit from the matrix cell (its cap, or the cell less its
reduction); later rules are ignored; with none, the cell stands. A rule before it whose `when` is unknown leaves the
limit unknown (needs data), never skipped. Decided by all four executors (tests/oracles/four_engines.py).
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
program first_hit
  title: "First applicable"
  investor: "Test"
  family: "Test"
  version: "1"
  effective: 2026-01-01
  source: "Test guide"
  adjustments: lowest wins
  limit max_ltv: first applicable

value purpose_cap "Maximum LTV by purpose" by purpose
  cite "§4"
  | Purpose   | Max LTV |
  | purchase  | 70%     |
  | rate_term | 65%     |
  | cash_out  | N/A     |

matrix grid "Grid"
  cite "§1"
  gives max_ltv, max_cltv
  rows fico
  | FICO     | Max LTV |
  | 740+     | 85%     |
  | 660..739 | 75%     |

rule rural "Rural"
  cite "§2"
  when rural
  cap max_ltv, max_cltv at 80%

rule interest_only "Interest only"
  cite "§3"
  when interest_only
  reduce max_ltv, max_cltv by 10%

rule condo "Non-warrantable condo"
  cite "§4"
  when property_type is condo_non_warrantable
  cap max_ltv at purpose_cap
"""

LOAN: dict[str, Any] = {
    "application_date": "2026-03-14", "occupancy": "primary", "purpose": "purchase", "property_type": "sfr",
    "fico": 750, "loan_amount": 600_000, "purchase_price": 1_000_000, "appraised_value": 1_000_000,
    "rural": False, "interest_only": False, "subordinate_liens": 0,
}

_BUNDLE: dict[str, ir_program.Bundle] = {}


def _decide(tmp: Path, **loan: Any) -> Decision:
    if "b" not in _BUNDLE:
        folder = tmp / "programs_first"
        folder.mkdir()
        shutil.copy(ROOT / "programs" / "loan.fields", folder / "loan.fields")
        (folder / "first_hit.guideline").write_text(PROGRAM, encoding="utf-8")
        result = check_paths([folder])
        assert result.bundle is not None, [d.message for d in result.diagnostics]
        _BUNDLE["b"] = result.bundle
    return decide(_BUNDLE["b"], "first_hit", {k: v for k, v in (LOAN | loan).items() if v is not None}, tmp)


def _finding(d: Decision, rule_id: str) -> Finding:
    return next(f for f in d.findings if f.rule_id == rule_id)


def test_none_applicable_the_cell_stands(tmp_path: Path) -> None:
    d = _decide(tmp_path)
    lim = d.limit("max_ltv")
    assert lim is not None and lim.value == 85 and lim.binding_rule == "grid", lim
    assert d.status == "eligible"


def test_the_first_rule_that_applies_sets_the_limit_later_ones_are_ignored(tmp_path: Path) -> None:
    d = _decide(tmp_path, rural=True, interest_only=True)  # rural first: cap 80, the reduction ignored
    ltv, cltv = d.limit("max_ltv"), d.limit("max_cltv")
    assert ltv is not None and ltv.value == 80 and ltv.binding_rule == "rural", ltv
    assert cltv is not None and cltv.value == 75 and cltv.binding_rule == "interest_only", cltv  # lowest wins
    d = _decide(tmp_path, interest_only=True, property_type="condo_non_warrantable")  # the cell less 10, not 70
    ltv = d.limit("max_ltv")
    assert ltv is not None and ltv.value == 75 and ltv.binding_rule == "interest_only", ltv
    assert ltv.description == "Grid: Credit score 740+ = 85% less 10% (interest_only)", ltv.description
    d = _decide(tmp_path, rural=True, fico=700)  # a cap above the cell leaves the cell
    ltv = d.limit("max_ltv")
    assert ltv is not None and ltv.value == 75 and ltv.binding_rule == "grid", ltv


def test_an_unknown_when_before_the_first_applicable_leaves_the_limit_unknown(tmp_path: Path) -> None:
    d = _decide(tmp_path, rural=None, interest_only=True)
    lim = d.limit("max_ltv")
    assert lim is not None and lim.value is None and lim.state == "unknown", lim
    f = _finding(d, "max_ltv")
    assert f.outcome == "missing" and f.missing == ("rural",), f
    assert f.message == "Cannot tell the maximum: Rural may apply first (Rural property unknown) (rural).", f.message
    assert d.status == "needs_info"
    d = _decide(tmp_path, rural=True, interest_only=None)  # an unknown rule after the first applicable: ignored
    lim = d.limit("max_ltv")
    assert lim is not None and lim.value == 80 and lim.binding_rule == "rural", lim


def test_the_first_rules_amount_from_a_table(tmp_path: Path) -> None:
    d = _decide(tmp_path, property_type="condo_non_warrantable", purpose="rate_term")
    lim = d.limit("max_ltv")
    assert lim is not None and lim.value == 65 and lim.binding_rule == "condo", lim
    d = _decide(tmp_path, property_type="condo_non_warrantable", purpose="cash_out")
    lim = d.limit("max_ltv")
    assert lim is not None and lim.state == "not_eligible", lim
    assert _finding(d, "max_ltv").outcome == "fail" and d.status == "ineligible"
    d = _decide(tmp_path, property_type="condo_non_warrantable", purpose="cash_out", rural=True)  # not read
    lim = d.limit("max_ltv")
    assert lim is not None and lim.value == 80 and lim.binding_rule == "rural", lim


def test_limit_check_against_the_first_applicable(tmp_path: Path) -> None:
    d = _decide(tmp_path, rural=True, interest_only=True, loan_amount=790_000)
    assert _finding(d, "max_ltv").outcome == "pass"
    assert _finding(d, "max_cltv").outcome == "fail" and d.status == "ineligible"
    d = _decide(tmp_path, rural=True, loan_amount=810_000)
    assert _finding(d, "max_ltv").outcome == "fail"


def test_docs_diff_and_the_header_value(tmp_path: Path) -> None:
    from compiler.backends.docs.site import program_page
    from compiler.tools.diff import diff_programs

    _decide(tmp_path)
    bundle = _BUNDLE["b"]
    page = program_page(bundle.programs[0], bundle)
    assert "For **Max LTV** (`limit max_ltv: first applicable`), the first rule, in the order written" in page
    folder = tmp_path / "old"
    folder.mkdir()
    shutil.copy(ROOT / "programs" / "loan.fields", folder / "loan.fields")
    (folder / "first_hit.guideline").write_text(PROGRAM.replace("first applicable", "stacked"), encoding="utf-8")
    old = check_paths([folder]).bundle
    assert old is not None
    d = diff_programs(old.programs[0], bundle.programs[0], old.vocabulary, bundle.vocabulary)
    assert [(c.what, c.old, c.new) for c in d.changes] == [("Max LTV adjustments combine", "stacked",
                                                            "first applicable")]
