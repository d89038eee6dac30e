"""`cap ... at` and `reduce ... by` a value, a lookup or a field (issue 16, limits; docs/language.md 9.5), decided
by all four executors (tests/oracles/four_engines.py), which must agree.

A known amount caps or reduces as a literal does; an amount that unknown data decides leaves the limit unknown
(its finding `missing`, naming what to supply), never uncapped; a table that says N/A for the loan (a rule that
surely applies) makes the loan not eligible under the limit; a rule that may apply with an amount not known leaves
the limit unknown.
"""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path
from typing import Any

from compiler import ir_program
from compiler.driver import check_paths
from compiler.runtime import Decision, Finding
from tests.oracles.four_engines import decide

ROOT = Path(__file__).resolve().parents[2]

PROGRAM = """\
program limit_values
  title: "Limits from values"
  investor: "Test"
  family: "Test"
  version: "1"
  effective: 2026-01-01
  source: "Test guide"
  adjustments: {combine}

value purpose_cap "Maximum LTV by purpose" by purpose
  cite "§2"
  | Purpose   | Max LTV |
  | purchase  | 85%     |
  | rate_term | 80%     |
  | cash_out  | N/A     |

value layered_risk "Layered-risk reduction" by property_type
  cite "§3"
  | Property              | Reduction |
  | condo_non_warrantable | 10%       |
  | sfr, pud, townhome    | 0%        |

value equity "Equity" = appraised_value - loan_amount
  domain: > $0

value equity_cap "Loan amount cap from equity" = equity * 4
  cite "§5"

matrix grid "Grid"
  cite "§1"
  gives max_ltv
  rows fico
  | FICO     | Max LTV |
  | 740+     | 90%     |
  | 700..739 | 80%     |
  | 660..699 | 75%     |

rule purpose_limit "Maximum LTV by purpose"
  cite "§2"
  cap max_ltv at purpose_cap

rule layered "Layered risk"
  cite "§3"
  when property_type in (condo_non_warrantable, sfr)
  reduce max_ltv by layered_risk

rule price_cap "Purchase price"
  cite "§4"
  when purpose is purchase
  cap max_loan_amount at purchase_price

rule equity_limit "Equity"
  cite "§5"
  when occupancy is investment
  cap max_loan_amount at equity_cap
"""

LOAN: dict[str, Any] = {
    "application_date": "2026-03-14", "occupancy": "primary", "purpose": "purchase", "property_type": "sfr",
    "fico": 750, "loan_amount": 700_000, "purchase_price": 1_000_000, "appraised_value": 1_000_000,
}

_BUNDLES: dict[str, ir_program.Bundle] = {}


def _bundle(tmp: Path, combine: str) -> ir_program.Bundle:
    if combine not in _BUNDLES:
        folder = tmp / f"programs_{combine.replace(' ', '_')}"
        folder.mkdir()
        shutil.copy(ROOT / "programs" / "loan.fields", folder / "loan.fields")
        (folder / "limit_values.guideline").write_text(PROGRAM.format(combine=combine), encoding="utf-8")
        result = check_paths([folder])
        assert result.bundle is not None, [d.message for d in result.diagnostics]
        _BUNDLES[combine] = result.bundle
    return _BUNDLES[combine]


def _decide(tmp: Path, combine: str = "lowest wins", **loan: Any) -> Decision:
    return decide(_bundle(tmp, combine), "limit_values", {k: v for k, v in (LOAN | loan).items() if v is not None}, tmp)


def _finding(d: Decision, rule_id: str) -> Finding:
    return next(f for f in d.findings if f.rule_id == rule_id)


def test_a_value_caps_as_a_literal_does(tmp_path: Path) -> None:
    d = _decide(tmp_path)
    lim = d.limit("max_ltv")
    assert lim is not None and lim.value == 85 and lim.binding_rule == "purpose_limit", lim
    assert d.status == "eligible"
    d = _decide(tmp_path, purpose="rate_term")
    lim = d.limit("max_ltv")
    assert lim is not None and lim.value == 80 and lim.state == "set"


def test_a_lookup_reduces_the_matrix_cell(tmp_path: Path) -> None:
    d = _decide(tmp_path, property_type="condo_non_warrantable")
    lim = d.limit("max_ltv")
    assert lim is not None and lim.value == 80 and lim.binding_rule == "layered", lim
    d = _decide(tmp_path, "stacked", property_type="condo_non_warrantable", fico=710)
    lim = d.limit("max_ltv")
    assert lim is not None and lim.value == 70 and lim.binding_rule == "grid", lim


def test_an_unknown_cap_leaves_the_limit_unknown_never_uncapped(tmp_path: Path) -> None:
    d = _decide(tmp_path, purpose=None)
    lim = d.limit("max_ltv")
    assert lim is not None and lim.value is None and lim.state == "unknown", lim
    f = _finding(d, "max_ltv")
    assert f.outcome == "missing" and f.missing == ("purpose",), f
    assert d.status == "needs_info"


def test_an_na_cap_makes_the_loan_not_eligible(tmp_path: Path) -> None:
    d = _decide(tmp_path, purpose="cash_out")
    lim = d.limit("max_ltv")
    assert lim is not None and lim.value is None and lim.state == "not_eligible", lim
    f = _finding(d, "max_ltv")
    assert f.outcome == "fail" and f.message == "No limit: not eligible: Maximum LTV by purpose is N/A for this loan (purpose_limit).", f.message
    assert d.status == "ineligible"


def test_an_na_amount_of_a_rule_that_may_apply_is_unknown(tmp_path: Path) -> None:
    d = _decide(tmp_path, property_type=None, purpose="rate_term")
    lim = d.limit("max_ltv")
    assert lim is not None and lim.value is None and lim.state == "unknown", lim
    assert _finding(d, "max_ltv").outcome == "missing"
    d = _decide(tmp_path, property_type="condotel")  # the rule does not apply: its table is not read
    lim = d.limit("max_ltv")
    assert lim is not None and lim.value == 85


def test_a_field_caps_a_money_limit(tmp_path: Path) -> None:
    d = _decide(tmp_path)
    lim = d.limit("max_loan_amount")
    assert lim is not None and lim.value == 1_000_000 and lim.binding_rule == "price_cap"
    d = _decide(tmp_path, purchase_price=None)
    assert _finding(d, "max_loan_amount").outcome == "missing"
    assert _finding(d, "max_loan_amount").missing == ("purchase_price",)


def test_a_value_outside_its_domain_makes_the_loan_not_eligible(tmp_path: Path) -> None:
    d = _decide(tmp_path, occupancy="investment", purpose="rate_term", loan_amount=300_000)
    lim = d.limit("max_loan_amount")
    assert lim is not None and lim.value == Decimal(2_800_000), lim
    d = _decide(tmp_path, occupancy="investment", purpose="rate_term", loan_amount=1_100_000)
    lim = d.limit("max_loan_amount")
    assert lim is not None and lim.state == "not_eligible", lim
    assert _finding(d, "max_loan_amount").outcome == "fail"
    d = _decide(tmp_path, occupancy="investment", purpose="rate_term", appraised_value=None)
    assert _finding(d, "max_loan_amount").outcome == "missing"


SURPRISE = """\
program reduce_after_cap
  title: "Reduce after cap"
  investor: "Test"
  family: "Test"
  version: "1"
  effective: 2026-01-01
  source: "Test guide"
  adjustments: lowest wins
  limit max_ltv: reductions last

matrix grid "Grid"
  cite "§1"
  gives max_ltv, max_cltv
  rows fico
  | FICO     | Max LTV |
  | 740+     | 80%     |
  | 660..739 | 70%     |

rule rural "Rural"
  cite "§2"
  when rural
  cap max_ltv, max_cltv at 75%

rule interest_only "Interest only"
  cite "§3"
  when interest_only
  reduce max_ltv, max_cltv by 5%
"""


def _surprise(tmp: Path, **loan: Any) -> Decision:
    if "surprise" not in _BUNDLES:
        folder = tmp / "programs_surprise"
        folder.mkdir()
        shutil.copy(ROOT / "programs" / "loan.fields", folder / "loan.fields")
        (folder / "reduce_after_cap.guideline").write_text(SURPRISE, encoding="utf-8")
        result = check_paths([folder])
        assert result.bundle is not None, [d.message for d in result.diagnostics]
        _BUNDLES["surprise"] = result.bundle
    base = LOAN | {"rural": True, "interest_only": True, "loan_amount": 690_000, "subordinate_liens": 0}
    return decide(_BUNDLES["surprise"], "reduce_after_cap", {k: v for k, v in (base | loan).items() if v is not None},
                  tmp)


def test_reduce_after_cap_under_reductions_last(tmp_path: Path) -> None:
    """The reported surprise: cap 75% then reduce 5 gives 70% where the limit says `reductions last`, and
    75% under `lowest wins` (the program's default, kept for max CLTV)."""
    d = _surprise(tmp_path)
    ltv, cltv = d.limit("max_ltv"), d.limit("max_cltv")
    assert ltv is not None and ltv.value == 70 and ltv.binding_rule == "rural", ltv
    assert ltv.description == "capped at 75% (rural), less 5% (interest_only)", ltv.description
    assert cltv is not None and cltv.value == 75 and cltv.binding_rule == "interest_only", cltv
    assert d.status == "eligible"  # LTV 69%
    d = _surprise(tmp_path, loan_amount=720_000)
    assert _finding(d, "max_ltv").outcome == "fail" and _finding(d, "max_cltv").outcome == "pass"


def test_reductions_last_with_rules_that_may_apply(tmp_path: Path) -> None:
    d = _surprise(tmp_path, rural=False, fico=700)
    ltv = d.limit("max_ltv")
    assert ltv is not None and ltv.value == 65 and ltv.binding_rule == "grid", ltv
    d = _surprise(tmp_path, interest_only=None)  # 69% is within 70% either way
    assert _finding(d, "max_ltv").outcome == "pass"
    d = _surprise(tmp_path, interest_only=None, loan_amount=720_000)  # 72%: over only if interest-only
    assert _finding(d, "max_ltv").outcome == "missing", _finding(d, "max_ltv")
    d = _surprise(tmp_path, rural=None, interest_only=False, loan_amount=780_000)  # 78%: over only if rural
    assert _finding(d, "max_ltv").outcome == "missing"


def test_reductions_last_by_a_value(tmp_path: Path) -> None:
    d = _decide(tmp_path, "reductions last", property_type="condo_non_warrantable", fico=710)
    lim = d.limit("max_ltv")
    assert lim is not None and lim.value == 70 and lim.binding_rule == "grid", lim
    d = _decide(tmp_path, "reductions last", property_type="condo_non_warrantable", purpose="rate_term")
    lim = d.limit("max_ltv")
    assert lim is not None and lim.value == 70 and lim.binding_rule == "purpose_limit", lim


COVERAGE = """\
program flat_slice
  title: "A matrix and a flat limit"
  investor: "Test"
  family: "Test"
  version: "1"
  effective: 2026-01-01
  source: "Test guide"
  uncovered_loans: {uncovered}

matrix full_doc "Full documentation"
  cite "§2"
  when doc_type is full_doc
  gives max_ltv, max_cltv
  rows fico
  | FICO     | Max LTV |
  | 700+     | 80%     |
  | 660..699 | 75%     |

rule asset_depletion "Asset depletion: max LTV/CLTV 70%"
  cite "§5"
  when doc_type is asset_depletion
  cap max_ltv, max_cltv at 70%

rule documentation "Documentation types"
  cite "§1"
  require doc_type in (full_doc, asset_depletion, wvoe)
"""


def _coverage(tmp: Path, uncovered: str, **loan: Any) -> Decision:
    key = f"coverage {uncovered}"
    if key not in _BUNDLES:
        folder = tmp / f"programs_{uncovered.replace(' ', '_')}"
        folder.mkdir()
        shutil.copy(ROOT / "programs" / "loan.fields", folder / "loan.fields")
        (folder / "flat_slice.guideline").write_text(COVERAGE.format(uncovered=uncovered), encoding="utf-8")
        result = check_paths([folder])
        assert result.bundle is not None, [d.message for d in result.diagnostics]
        _BUNDLES[key] = result.bundle
    base = LOAN | {"doc_type": "asset_depletion", "subordinate_liens": 0}
    return decide(_BUNDLES[key], "flat_slice", {k: v for k, v in (base | loan).items() if v is not None}, tmp)


def test_uncovered_loans_declined_by_default(tmp_path: Path) -> None:
    d = _coverage(tmp_path, "declined", loan_amount=650_000)
    assert d.status == "ineligible" and _finding(d, "eligibility_matrix").outcome == "fail"


def test_uncovered_loans_rules_only_take_the_flat_cap(tmp_path: Path) -> None:
    d = _coverage(tmp_path, "rules only", loan_amount=650_000)
    assert d.status == "eligible", [f for f in d.findings if f.outcome != "pass"]
    assert not any(f.rule_id == "eligibility_matrix" for f in d.findings)
    lim = d.limit("max_ltv")
    assert lim is not None and lim.value == 70 and lim.binding_rule == "asset_depletion"
    d = _coverage(tmp_path, "rules only", loan_amount=720_000)
    assert d.status == "ineligible" and _finding(d, "max_ltv").outcome == "fail"
    d = _coverage(tmp_path, "rules only", doc_type="wvoe", loan_amount=950_000)  # no matrix, no cap: not limited
    lim = d.limit("max_ltv")
    assert lim is not None and lim.state == "none" and d.status == "eligible"
    d = _coverage(tmp_path, "rules only", doc_type="full_doc", fico=680, loan_amount=760_000)
    assert _finding(d, "max_ltv").outcome == "fail"  # the matrix still limits the loans it covers
    d = _coverage(tmp_path, "rules only", doc_type=None)
    assert d.status == "needs_info"


def test_diff_names_amounts_and_combinations(tmp_path: Path) -> None:
    from compiler.tools.diff import diff_programs

    old = _bundle(tmp_path, "lowest wins")
    new = _bundle(tmp_path, "reductions last")
    d = diff_programs(old.programs[0], new.programs[0], old.vocabulary, new.vocabulary)
    assert [(c.what, c.old, c.new) for c in d.changes] == [("Adjustments combine", "lowest wins", "reductions last")]
    text = PROGRAM.format(combine="lowest wins").replace("cap max_ltv at purpose_cap", "cap max_ltv at 80%")
    folder = tmp_path / "changed"
    folder.mkdir()
    shutil.copy(ROOT / "programs" / "loan.fields", folder / "loan.fields")
    (folder / "limit_values.guideline").write_text(
        text.replace("  adjustments: lowest wins\n", "  adjustments: lowest wins\n  limit max_ltv: stacked\n"),
        encoding="utf-8")
    changed = check_paths([folder]).bundle
    assert changed is not None
    d = diff_programs(old.programs[0], changed.programs[0], old.vocabulary, changed.vocabulary)
    assert [(c.what, c.old, c.new) for c in d.changes] == [
        ("Max LTV adjustments combine", "lowest wins", "stacked"),
        ("Max LTV cap", "Maximum LTV by purpose", "80%"),
    ]


def test_the_docs_page_states_each_limits_combination(tmp_path: Path) -> None:
    from compiler.backends.docs.site import program_page

    _surprise(tmp_path)
    bundle = _BUNDLES["surprise"]
    page = program_page(bundle.programs[0], bundle)
    assert "For **Max LTV** (`limit max_ltv: reductions last`), the lowest of the matrix value and the caps" in page
    assert "Loans no matrix covers are not eligible (`uncovered_loans: declined`)." in page
    page = program_page(_bundle(tmp_path, "lowest wins").programs[0], _bundle(tmp_path, "lowest wins"))
    assert "**Caps** Max LTV at [Maximum LTV by purpose](#value-purpose_cap)" in page
