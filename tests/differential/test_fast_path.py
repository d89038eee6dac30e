"""The fast path (`check_fast`, a Verdict without messages) decides exactly what the full `check` decides.

On the differential test's loans (every band edge of every program, at random, with unknown fields): for
every program, the status, each limit's value and binding rule, the failed rule ids and the rule ids that
need data or a review, in order. GLC_FAST_EXAMPLES sets the number of loans (default 500, each decided
by every program both ways).
"""

from __future__ import annotations

import datetime as dt
import os
from decimal import Decimal
from pathlib import Path

from hypothesis import HealthCheck, given, settings

from compiler.driver import check_paths
from tests.loans import loans

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = int(os.environ.get("GLC_FAST_EXAMPLES", "500"))
RESULT = check_paths([ROOT / "programs"])
assert RESULT.bundle is not None, "programs/ must check clean"
BUNDLE = RESULT.bundle


def _modules() -> list[object]:
    import sys

    import generated

    return [sys.modules[fn.__module__] for fn in generated.PROGRAMS.values()]


@settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(loans(BUNDLE))
def test_fast_path_agrees_with_check(data: dict[str, object]) -> None:
    from generated import _runtime as rt
    from generated._runtime.decision import status_of
    from generated.loan import Loan

    loan = Loan.model_validate(data)
    for module in _modules():
        full = module.check(loan)  # type: ignore[attr-defined]
        fast = module.check_fast(loan)  # type: ignore[attr-defined]
        assert fast == rt.Verdict.of(full), full.program.id
        assert fast.eligible == full.eligible
        # `check` takes its status from `check_fast`: the findings its wording assembles must give that status too
        assert status_of(full.findings) == full.status, full.program.id


@settings(max_examples=max(EXAMPLES // 5, 20), deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(loans(BUNDLE))
def test_stacked_adjustments_agree(data: dict[str, object]) -> None:
    """No program stacks its reductions yet: the same rules with `adjustments: stacked` decide alike both ways."""
    import dataclasses

    from generated import _runtime as rt
    from generated import keystone_bank_statement as ks
    from generated.loan import Loan
    from tests.oracles.verdict import verdict

    meta = dataclasses.replace(ks.META, combine="stacked")
    facts = ks.facts(Loan.model_validate(data))
    assert verdict(meta, facts) == rt.Verdict.of(rt.decide(meta, facts))
    assert verdict(ks.META, facts) == rt.Verdict.of(rt.decide(ks.META, facts))


def test_verdict_reads_like_the_decision() -> None:
    from generated import keystone_bank_statement as ks
    from generated.loan import Loan

    loan = Loan(application_date="2026-03-14", fico=705, loan_amount=1_200_000, purchase_price=1_600_000,
                appraised_value=1_600_000, occupancy="primary", purpose="purchase", property_type="sfr")
    v = ks.check_fast(loan)
    d = ks.check(loan)
    assert v.status == d.status == "needs_info"  # unknown data never passes
    assert v.limit("max_ltv") == Decimal(75) == d.limit("max_ltv").value  # type: ignore[union-attr]
    assert dict((lid, rule) for lid, _v, rule in v.limits)["max_ltv"] == "interest_only"  # 80 less 5 while unknown
    assert "declining_market" in v.unresolved and not v.failed  # may apply: unknown
    low = ks.check_fast(loan.model_copy(update={"fico": 650}))
    # FICO 650 is below the matrix's bands and the minimum: reported once, by min_fico (the matrix points to it)
    assert low.status == "ineligible" and "min_fico" in low.failed and "primary_purchase" not in low.failed


def test_every_program_has_a_fast_path() -> None:
    for module in _modules():
        assert callable(getattr(module, "check_fast", None)), module


def _stacked_module() -> object:
    """keystone_bank_statement compiled with `adjustments: stacked` (no program stacks yet) and shapes no program
    has yet: a matrix without `when`, a matrix row key that is an expression, rules referred for review with and
    without `when` and requirements. The generated modules (the checker and its `_meta`) join the generated package."""
    import dataclasses
    import sys
    import types

    from compiler import ir
    from compiler.backends.python.modules import generate_program

    ks = next(p for p in BUNDLE.programs if p.id == "keystone_bank_statement")
    m = ks.matrices[4]
    key = m.rows.expr
    shifted = ir.Arith("+", key, ir.Const(Decimal(0), key.type, "0", key.span), key.type, key.span)
    matrices = (*ks.matrices[:4], dataclasses.replace(m, when=None, rows=dataclasses.replace(m.rows, keys=(shifted,))))
    refer = ("Refer to the investor.",)
    rules = tuple(
        dataclasses.replace(r, reviews=refer) if r.id in ("interest_only", "min_fico")
        else dataclasses.replace(r, when=None) if r.id == "after_forbearance_cash_out" else r
        for r in ks.rules)
    program = dataclasses.replace(ks, combine="stacked", matrices=matrices, rules=rules)
    files = generate_program(program, BUNDLE.vocabulary, "_stacked_keystone")
    for name in ("_stacked_keystone_meta", "_stacked_keystone"):  # the metadata first: the checker imports it
        module = types.ModuleType(f"generated.{name}")
        module.__package__ = "generated"
        sys.modules[module.__name__] = module
        exec(compile(files[f"{name}.py"], f"<stacked keystone: {name}>", "exec"), module.__dict__)
    return module


STACKED: list[object] = []


@settings(max_examples=max(EXAMPLES // 5, 20), deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(loans(BUNDLE))
def test_generated_stacked_fast_path_agrees(data: dict[str, object]) -> None:
    """The generated `check_fast` of a stacked program decides what its full `check` decides."""
    from generated import _runtime as rt
    from generated._runtime.decision import status_of
    from generated.loan import Loan

    if not STACKED:
        STACKED.append(_stacked_module())
    module = STACKED[0]
    loan = Loan.model_validate(data)
    assert module.META.combine == "stacked"  # type: ignore[attr-defined]
    full = module.check(loan)  # type: ignore[attr-defined]
    assert module.check_fast(loan) == rt.Verdict.of(full)  # type: ignore[attr-defined]
    assert status_of(full.findings) == full.status


def _unequal_reductions_module() -> object:
    """keystone_bank_statement (lowest wins) with reductions of unequal amounts, two of them equal (interest-only
    and declining market by 10, the condo by 5): the largest that may apply wins, the first in the guide's order
    among equal ones (check_fast tests them largest first, fast_limits.py `_largest_reduction`); and max CLTV's cells
    made unlike max LTV's in one matrix, so it is worked out apart from it."""
    import dataclasses
    import sys
    import types

    from compiler import ir
    from compiler.backends.python.modules import generate_program

    ks = next(p for p in BUNDLE.programs if p.id == "keystone_bank_statement")
    assert ks.combine == "lowest"
    ten = {"interest_only", "declining_market"}
    rules = tuple(dataclasses.replace(r, adjustments=tuple(
        dataclasses.replace(a, amount=Decimal(10), text="10%") if r.id in ten and a.kind == "reduce" else a
        for a in r.adjustments)) for r in ks.rules)
    m = ks.matrices[0]
    cells = tuple(tuple(c if not c.eligible else dataclasses.replace(
        c, limits=tuple((lim, v - 1 if lim == "max_cltv" else v) for lim, v in c.limits or ())) for c in row)
        for row in m.cells)
    matrices = (dataclasses.replace(m, cells=cells), *ks.matrices[1:])
    program = dataclasses.replace(ks, rules=rules, matrices=matrices)
    assert any(a.amount == 10 for r in program.rules for a in r.adjustments if isinstance(a, ir.Adjustment))
    files = generate_program(program, BUNDLE.vocabulary, "_unequal_keystone")
    assert "the same cells, reductions and caps as max_ltv" not in files["_unequal_keystone.py"]
    for name in ("_unequal_keystone_meta", "_unequal_keystone"):  # the metadata first: the checker imports it
        module = types.ModuleType(f"generated.{name}")
        module.__package__ = "generated"
        sys.modules[module.__name__] = module
        exec(compile(files[f"{name}.py"], f"<unequal keystone: {name}>", "exec"), module.__dict__)
    return module


UNEQUAL: list[object] = []


@settings(max_examples=max(EXAMPLES // 5, 20), deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(loans(BUNDLE))
def test_unequal_reductions_fast_path_agrees(data: dict[str, object]) -> None:
    """Lowest wins over reductions of unequal amounts: `check_fast` decides what the full `check` decides."""
    from generated import _runtime as rt
    from generated.loan import Loan

    if not UNEQUAL:
        UNEQUAL.append(_unequal_reductions_module())
    module = UNEQUAL[0]
    loan = Loan.model_validate(data)
    assert module.check_fast(loan) == rt.Verdict.of(module.check(loan))  # type: ignore[attr-defined]


def test_unequal_reductions_take_the_largest_that_applies() -> None:
    """A primary purchase at 740+ and up to $1M (cell 90; max CLTV 89 in this variant): interest-only (10, before
    declining market in the guide) wins over the condo's 5; with only the condo, 5 (then its cap)."""
    from generated.loan import Loan

    if not UNEQUAL:
        UNEQUAL.append(_unequal_reductions_module())
    module = UNEQUAL[0]
    base = dict(occupancy="primary", purpose="purchase", fico=760, loan_amount=500000, interest_only=True,
                declining_market=True, property_type="condo_non_warrantable", rural=False, rent_free=False)
    limits = {lim: (value, by) for lim, value, by in module.check_fast(Loan(**base)).limits}  # type: ignore[attr-defined]
    assert limits["max_ltv"] == (Decimal(80), "interest_only")  # 90 - 10 = 80: the condo's cap (80) is not lower
    alone = {**base, "property_type": "sfr"}
    limits = {lim: (value, by) for lim, value, by in module.check_fast(Loan(**alone)).limits}  # type: ignore[attr-defined]
    assert limits["max_ltv"] == (Decimal(80), "interest_only") and limits["max_cltv"] == (Decimal(79), "interest_only")
    condo = {**base, "interest_only": False, "declining_market": False}
    limits = {lim: (value, by) for lim, value, by in module.check_fast(Loan(**condo)).limits}  # type: ignore[attr-defined]
    assert limits["max_ltv"] == (Decimal(80), "non_warrantable_condo")  # 90 - 5 = 85, capped at 80


def test_no_credit_event_is_decided_at_once_only_with_the_application_date() -> None:
    """With no credit event at all, keystone's seasoning rule is met at once (every group's "never" answer; the
    scan is still its shared `never` tuple), but only when the application date is known: unknown without it."""
    import generated.keystone_bank_statement as ks
    from generated import _runtime as rt
    from generated.loan import Loan

    source = Path(ks.__file__).read_text(encoding="utf-8")
    assert "True if s_credit_events is _NEVERS_5 and f_application_date is not None" in source
    for as_of, missing in ((dt.date(2026, 1, 15), False), (None, True)):
        loan = Loan(credit_events=[], application_date=as_of)
        fast = ks.check_fast(loan)
        assert ("credit_event_seasoning" in fast.unresolved) is missing
        assert "credit_event_seasoning" not in fast.failed
        assert fast == rt.Verdict.of(ks.check(loan))
    late = Loan(credit_events=[{"kind": "fc", "completed_on": dt.date(2025, 6, 1)}], application_date=dt.date(2026, 1, 15))
    assert "credit_event_seasoning" in ks.check_fast(late).failed  # an item seen: the groups are worked out
