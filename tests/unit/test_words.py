"""A generated checker's `words` (compiler/backends/python/words.py: the shown values, derived values and common
rule findings written out per program) gives the Decision `rt.decide` interprets from `META` alone, byte for byte.

Every program, on generated loans (a quarter of each value at a band edge; 0%, 2% and 20% of each field unknown) and
on loans with values outside their domain or zero denominators (benchmarks/peers.py `EDGES`).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

import generated
from benchmarks.loans import LoanGenerator
from benchmarks.peers import EDGES
from compiler.driver import check_paths
from generated import _runtime as rt
from generated.loan import Loan

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def loans() -> list[Loan]:
    bundle = check_paths([ROOT / "programs"]).bundle
    assert bundle is not None
    dicts: list[dict[str, Any]] = []
    for seed, unknown in ((20260315, 0.02), (20260316, 0.0), (17, 0.2)):
        dicts += LoanGenerator(bundle, seed=seed, unknown=unknown).loans(150)
    dicts += [{**d, **change} for change in EDGES for d in dicts[150:180]]
    return [Loan.model_validate(d) for d in dicts]


@pytest.mark.parametrize("program", sorted(generated.PROGRAMS))
def test_words_is_the_interpreted_decision(program: str, loans: list[Loan]) -> None:
    module = sys.modules[generated.PROGRAMS[program].__module__]
    wrong = []
    for i, loan in enumerate(loans):
        mine = module.words(loan)
        theirs = rt.decide(module.META, module.facts(loan))
        if mine != theirs or mine.to_json() != theirs.to_json() or repr(mine) != repr(theirs):
            wrong.append(f"loan {i}: {mine.to_json()}\n!=\n{theirs.to_json()}")
    assert not wrong, f"{len(wrong)} of {len(loans)}; first:\n{wrong[0]}"


def test_words_writes_every_met_rule_itself(loans: list[Loan], monkeypatch: pytest.MonkeyPatch) -> None:
    """`words` hands `rt.decide` every derived value and, for each rule, its finding exactly when the rule applies
    and every requirement is met (nothing read outside its domain), or when it applies and its one requirement is
    not met (or reads a value outside its domain); None (`rt.decide` words it) otherwise."""
    from generated import keystone_bank_statement as ks

    handed: list[tuple[Any, ...]] = []
    decide = rt.decide

    def spy(meta: Any, facts: Any, *worded: Any) -> Any:
        handed.append((facts, *worded))
        return decide(meta, facts, *worded)

    monkeypatch.setattr(rt, "decide", spy)
    for loan in loans:
        ks.words(loan)
    met = unmet_count = 0
    for facts, derived, worded in handed:
        assert len(derived) == len(ks.META.values) and len(worded) == len(ks.META.rules)
        for r, (applies, results), finding in zip(ks.META.rules, facts.rules, worded, strict=True):
            outside = any(n in facts.invalid for n in r.reads)
            expect = (applies is True and r.requirements and not r.reviews and False not in results
                      and None not in results and not outside)
            # a rule with one requirement, applying: also when that requirement is not met (or reads a value
            # outside its domain)
            unmet = (applies is True and len(r.requirements) == 1 and not r.reviews
                     and (results[0] is False or outside))
            assert (finding is not None) == bool(expect or unmet), (r.id, applies, results, finding)
            assert finding is None or finding.outcome == ("pass" if expect else "fail"), (r.id, finding)
            met += bool(expect)
            unmet_count += bool(unmet)
    assert met > len(loans)  # more than one rule met per loan, on average
    assert unmet_count > len(loans) / 4  # a one-requirement rule not met, for many loans
