"""A `no score` line in a matrix or lookup keyed on a score whose field says `allows: no score` (issue 16;
language.md 3.7, 8.1): a loan that says it has no score falls in that line, a missing score still needs data, and
no band holds a loan without a score. Decided by all four executors (tests/oracles/four_engines.py), which must
agree; lowering refuses the line on a key that does not allow it (E434)."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from compiler import ir, ir_program
from compiler.driver import check_paths
from compiler.runtime import Decision
from tests.oracles.four_engines import decide

ROOT = Path(__file__).resolve().parents[2]

HEADER = """\
program {id}
  title: "No score lines"
  investor: "Test"
  family: "Test"
  version: "1"
  effective: 2026-01-01
  source: "Test guide"
"""

PROGRAM = HEADER.format(id="no_score_lines") + """
matrix fn "Foreign national max LTV"
  cite "§3.1"
  gives max_ltv, max_cltv
  rows fico
  columns purpose
  | FICO     | purchase | rate_term, cash_out |
  | 700+     | 75%      | 70%                 |
  | 660..699 | 70%      | N/A                 |
  | no score | 65%      | 60%                 |

value max_dti "Maximum DTI" by occupancy, fico
  cite "§3.2"
  | Occupancy | FICO     | Max DTI |
  | any       | 680+     | 50%     |
  | any       | < 680    | 45%     |
  | any       | no score | 43%     |

rule dti "DTI"
  cite "§3.2"
  require dti at most max_dti
"""

LOAN: dict[str, Any] = {
    "application_date": "2026-03-14", "occupancy": "investment", "purpose": "purchase", "property_type": "sfr",
    "loan_amount": 600_000, "purchase_price": 1_000_000, "appraised_value": 1_000_000, "subordinate_liens": 0,
    "monthly_income": 20_000, "monthly_debts": 1_000, "pitia": 7_000, "doc_type": "full_doc",
}

_BUNDLES: dict[str, ir_program.Bundle] = {}


def _bundle(tmp: Path) -> ir_program.Bundle:
    if not _BUNDLES:
        folder = tmp / "programs"
        folder.mkdir()
        shutil.copy(ROOT / "programs" / "loan.fields", folder / "loan.fields")
        (folder / "no_score_lines.guideline").write_text(PROGRAM, encoding="utf-8")
        result = check_paths([folder])
        assert result.bundle is not None, [d.message for d in result.diagnostics]
        _BUNDLES["b"] = result.bundle
    return _BUNDLES["b"]


def _decide(tmp: Path, **loan: Any) -> Decision:
    return decide(_bundle(tmp), "no_score_lines", LOAN | loan, tmp)


def _value(d: Decision, name: str) -> Any:
    return next(v.value for v in d.values if v.name == name)


def _finding(d: Decision, rule: str) -> Any:
    return next(f for f in d.findings if f.rule_id == rule)


@pytest.mark.parametrize(("purpose", "ltv"), [("purchase", 65), ("cash_out", 60)])
def test_a_loan_without_a_score_falls_in_the_no_score_line(tmp_path: Path, purpose: str, ltv: int) -> None:
    d = _decide(tmp_path, fico="none", purpose=purpose, cash_out_amount=10_000)
    assert d.limit("max_ltv").value == Decimal(ltv)
    f = _finding(d, "fn")
    assert f.outcome != "missing" and "no score" in f.message, f.message
    assert _value(d, "max_dti") == Decimal(43)


@pytest.mark.parametrize(("fico", "ltv", "dti"), [(700, 75, 50), (699, 70, 50), (680, 70, 50), (679, 70, 45),
                                                 (660, 70, 45)])
def test_a_score_reads_its_band_as_before(tmp_path: Path, fico: int, ltv: int, dti: int) -> None:
    d = _decide(tmp_path, fico=fico)
    assert d.limit("max_ltv").value == Decimal(ltv) and _value(d, "max_dti") == Decimal(dti)


def test_a_score_below_the_bands_is_not_the_no_score_line(tmp_path: Path) -> None:
    d = _decide(tmp_path, fico=659)
    assert _finding(d, "fn").outcome == "fail" and d.status == "ineligible"


def test_an_na_cell_in_another_column_still_refuses(tmp_path: Path) -> None:
    d = _decide(tmp_path, fico=680, purpose="rate_term")
    assert _finding(d, "fn").outcome == "fail" and d.limit("max_ltv").value is None


def test_a_missing_score_still_needs_data(tmp_path: Path) -> None:
    d = _decide(tmp_path)
    assert _finding(d, "fn").outcome == "missing" and d.status == "needs_info"
    assert _finding(d, "dti").outcome == "missing"


def test_the_axis_records_the_no_score_field(tmp_path: Path) -> None:
    program = next(p for p in _bundle(tmp_path).programs if p.id == "no_score_lines")
    m = program.matrices[0]
    assert m.rows.no_score == ("fico_no_score",) and m.columns is not None and m.columns.no_score == ()
    assert ir.NO_SCORE in m.rows.lines[2][0].values  # type: ignore[union-attr]


@pytest.mark.parametrize(("rows", "line", "message"), [
    ("dscr", "| no score | 70% |", "needs a score whose field says `allows: no score`; `dscr` does not"),
    ("fico", "| no fico  | 70% |", "`no fico` is not a table entry"),
    ("purpose", "| no score | 70% |", "needs a score whose field says `allows: no score`; `purpose` does not"),
])
def test_a_no_score_line_where_none_is_allowed_is_refused(tmp_path: Path, rows: str, line: str, message: str) -> None:
    folder = tmp_path / "programs"
    folder.mkdir()
    shutil.copy(ROOT / "programs" / "loan.fields", folder / "loan.fields")
    first = {"dscr": "| 1.000+   | 75% |", "fico": "| 700+     | 75% |", "purpose": "| purchase | 75% |"}[rows]
    text = HEADER.format(id="bad") + f"""
matrix m "M"
  cite "§1"
  gives max_ltv
  rows {rows}
  | Key      | Max |
  {first}
  {line}
"""
    (folder / "bad.guideline").write_text(text, encoding="utf-8")
    errors = [d for d in check_paths([folder]).diagnostics if d.severity == "error"]
    assert [d.code for d in errors] == ["E434"] and message in errors[0].message, [d.message for d in errors]
