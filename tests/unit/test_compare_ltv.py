"""The comparison page's max-LTV cells (`compare_ltv.LtvPlan`, computed from matrices and adjustments) are what the
reference evaluator gives each loan (`tests/oracles/compare_ltv.max_ltv_at`), for every program and version in programs/, both ways
of combining adjustments, and credit scores at and around the band edges (and missing)."""

from __future__ import annotations

import dataclasses
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from compiler import ir, ir_program
from compiler.backends.docs import site as docs
from compiler.backends.docs.compare_ltv import LtvPlan
from compiler.driver import check_paths
from tests.oracles.compare_ltv import ltv_row_evaluated, max_ltv_at

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def bundle() -> ir_program.Bundle:
    result = check_paths([ROOT / "programs"])
    assert result.bundle is not None
    return result.bundle


def _edges(p: ir_program.Program) -> list[object]:
    """A missing credit score, and each credit-score band edge of the program's matrices and its neighbours."""
    edges: set[Decimal] = set()
    for m in p.matrices:
        for axis in (m.rows, m.columns) if m.columns else (m.rows,):
            if isinstance(axis.expr, ir.FieldRef) and axis.expr.name == "fico":
                for b in axis.bands:
                    edges |= {e + d for e in (b.low, b.high) if e is not None for d in (-1, 0, 1)}
    return [None, *sorted(int(e) for e in edges)]


def _check(p: ir_program.Program, v: ir_program.Vocabulary, scores: list[object], every: int = 1) -> None:
    plan = LtvPlan(p, ("fico",))
    for *labels, loan in docs._profiles(v)[::every]:
        got = plan.cells(loan, [{"fico": s} for s in scores])
        want = [max_ltv_at(p, v, {**loan, "fico": s}) for s in scores]
        assert got == want, (p.id, p.version, p.combine, labels)


def test_page_rows_equal_the_evaluators(bundle: ir_program.Bundle) -> None:
    """Every cell of the page, for every program and every older version."""
    scores = tuple(low for low, _ in docs.fico_columns(docs.offered(bundle)))
    assert scores
    for p in (*bundle.programs, *bundle.history):
        assert docs.ltv_row(p, bundle.vocabulary, scores) == ltv_row_evaluated(p, bundle.vocabulary, scores), (p.id, p.version)


def _columns(bundle: ir_program.Bundle) -> list[object]:
    """The first and last score of every column of the comparison page."""
    return [s for low, high in docs.fico_columns(docs.offered(bundle)) for s in (low, high) if s is not None]


def test_band_edges_and_missing_scores(bundle: ir_program.Bundle) -> None:
    for p in bundle.programs:
        _check(p, bundle.vocabulary, _edges(p), every=3)


def test_stacked_adjustments(bundle: ir_program.Bundle) -> None:
    """The programs with max-LTV adjustments, their adjustments stacked instead of the lowest winning."""
    adjusted = [p for p in bundle.programs if any(a.limit == "max_ltv" for r in p.rules for a in r.adjustments)]
    assert adjusted
    for p in adjusted:
        _check(dataclasses.replace(p, combine="stacked" if p.combine != "stacked" else "lowest"), bundle.vocabulary,
               _columns(bundle), every=3)


def test_first_applicable_adjustments(bundle: ir_program.Bundle) -> None:
    """The programs with max-LTV adjustments, their max LTV taking only the first rule that applies."""
    adjusted = [p for p in bundle.programs if any(a.limit == "max_ltv" for r in p.rules for a in r.adjustments)]
    for p in adjusted:
        _check(dataclasses.replace(p, limit_combine=(("max_ltv", "first"),)), bundle.vocabulary, _columns(bundle),
               every=3)


def test_generated_variants_and_overlays(tmp_path: Path) -> None:
    """Variants and overlays of the benchmark generator (own matrices, overrides, adjustments)."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from gen_programs import generate
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    generate(10, tmp_path)
    result = check_paths([tmp_path])
    assert result.bundle is not None
    kinds = {p.kind for p in result.bundle.programs}
    assert kinds == {"program", "variant", "overlay"}
    for p in result.bundle.programs:
        if p.kind != "program":
            _check(p, result.bundle.vocabulary, _columns(result.bundle), every=2)


def test_adjustments_that_may_apply_and_outside_the_bands(bundle: ir_program.Bundle) -> None:
    """A loan with nothing known but occupancy and purpose: keys and adjustments of unknown application."""
    v = bundle.vocabulary
    for p in bundle.programs:
        plan = LtvPlan(p, ("fico", "loan_amount"))
        for occupancy in v.field("occupancy").type.values:  # type: ignore[union-attr]
            for purpose in v.field("purpose").type.values:  # type: ignore[union-attr]
                base = {"occupancy": occupancy, "purpose": purpose}
                changes = [{"fico": f, "loan_amount": a} for f in (None, 300, 700, 900)
                           for a in (None, Decimal(1), Decimal(10_000_000))]
                assert plan.cells(base, changes) == [max_ltv_at(p, v, {**base, **c}) for c in changes], p.id
