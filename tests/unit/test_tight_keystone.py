"""The hand-written keystone peers (benchmarks/) give the generated `check_fast`'s verdict on generated loans.

benchmarks/run.py times `check_fast` against them, so they must decide alike: status, limits with their binding
rules, failed and unresolved rule ids in order. Loans from benchmarks/loans.py (a quarter of each value at a band
edge), with 0%, 2% and 20% of each field unknown.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks import handwritten_keystone, tight_keystone
from benchmarks.loans import LoanGenerator
from compiler.driver import check_paths
from generated import keystone_bank_statement as ks
from generated.loan import Loan

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def loans() -> list[Loan]:
    bundle = check_paths([ROOT / "programs"]).bundle
    assert bundle is not None
    out: list[Loan] = []
    for seed, unknown in ((20260315, 0.02), (20260316, 0.0), (17, 0.2)):
        out += [Loan.model_validate(d) for d in LoanGenerator(bundle, seed=seed, unknown=unknown).loans(1000)]
    return out


@pytest.mark.parametrize("peer", [tight_keystone, handwritten_keystone], ids=["tight", "typical"])
def test_peer_agrees_with_check_fast(peer, loans: list[Loan]) -> None:
    wrong = []
    for i, loan in enumerate(loans):
        v = ks.check_fast(loan)
        got = peer.check(loan)
        if got != (v.status, v.limits, v.failed, v.unresolved):
            wrong.append(f"loan {i}: {got!r} != {v!r}")
    assert not wrong, f"{len(wrong)} of {len(loans)} disagree, e.g.\n" + "\n".join(wrong[:3])


def test_loans_reach_every_outcome(loans: list[Loan]) -> None:
    """The loans exercise what the peers decide: each status, refused matrices, failed and unresolved limits."""
    verdicts = [ks.check_fast(loan) for loan in loans]
    assert {v.status for v in verdicts} == {"eligible", "ineligible", "needs_info"}
    assert any(v.limits[0][1] is None for v in verdicts) and any(v.limits[0][1] is not None for v in verdicts)
    for rid in ("max_ltv", "max_dti", "credit_event_seasoning", "housing_history_12_months", "eligibility_matrix"):
        assert any(rid in v.failed for v in verdicts), rid
    for rid in ("max_ltv", "max_dti", "primary_purchase", "after_forbearance_cash_out"):
        assert any(rid in v.unresolved for v in verdicts), rid
