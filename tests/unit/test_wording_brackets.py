"""A sum divided or multiplied keeps its parentheses where the pages, `glc diff` and `glc explain` show a value's
definition: `(loan_amount + subordinate_liens) / property_value` never reads as `a + b / c`."""

from __future__ import annotations

from pathlib import Path

from compiler.driver import check_paths
from compiler.wording import describe

ROOT = Path(__file__).resolve().parents[2]


def test_sums_under_a_division_keep_their_parentheses() -> None:
    bundle = check_paths([ROOT / "programs"]).bundle
    assert bundle is not None
    titles = {**{f.name: f.title for f in bundle.vocabulary.fields}, **{v.id: v.title for v in bundle.vocabulary.values}}
    cltv = next(v for v in bundle.vocabulary.values if v.id == "cltv")
    assert describe(cltv.body, titles) == ("(Senior liens + Loan amount + Subordinate liens) as percent / Property value, "
                                           "rounded up to 2 decimals")
    program = next(p for p in bundle.programs if p.id == "foreign_national_dscr")
    reserves = next(v for v in program.values if v.id == "reserves_months")
    titles |= {v.id: v.title for v in program.values}
    assert describe(reserves.body, titles) == ("(Assets after closing + Retirement assets counted) / PITIA, "
                                               "rounded down to 2 decimals")
    ltv = next(v for v in bundle.vocabulary.values if v.id == "ltv")
    assert describe(ltv.body, titles) == "Loan amount as percent / Property value, rounded up to 2 decimals"
