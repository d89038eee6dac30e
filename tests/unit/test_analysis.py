"""The analyses (compiler/analysis/): golden warnings, accepted variants clean, programs clean, and the
region reasoning checked against the reference evaluator on generated loans.

tests/cases/warnings/<code>_*: each triggers exactly the warning its name starts with (golden `.expected`,
re-record with `pytest tests/unit/test_analysis.py --update-golden`). tests/cases/accepted/<same name>: the same
program with `accept warning` lines: no diagnostic at all.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from compiler import ir, ir_program
from compiler.analysis.conditions import Regions
from compiler.analysis.region import Box, Domain, Interval
from compiler.diagnostics import render_text
from compiler.driver import check_paths
from compiler.evaluate import Env, ev, ev_lookup
from tests.loans import loans

ROOT = Path(__file__).resolve().parents[2]
WARNINGS = ROOT / "tests" / "cases" / "warnings"
ACCEPTED = ROOT / "tests" / "cases" / "accepted"
VOCABULARY = Path("programs/loan.fields")


def _cases(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix == ".guideline" or p.is_dir())


@pytest.mark.parametrize("case", _cases(WARNINGS), ids=lambda p: p.name)
def test_warning_case(case: Path, at_root: Path, update_golden: bool) -> None:
    result = check_paths([case.relative_to(ROOT)], vocabulary=VOCABULARY)
    assert result.ok, render_text(result.diagnostics, result.sources)
    code = case.name.split("_")[0].upper()
    assert result.diagnostics and {d.code for d in result.diagnostics} == {code}
    text = render_text(result.diagnostics, result.sources)
    expected = case.with_name(case.name + ".expected")
    if update_golden or not expected.exists():
        expected.write_text(text, encoding="utf-8")
        if not update_golden:
            pytest.fail(f"recorded new golden file {expected.name}; review it and run again")
    assert text == expected.read_text(encoding="utf-8")


@pytest.mark.parametrize("case", [c for c in _cases(WARNINGS) if not c.name.startswith("w708")], ids=lambda p: p.name)
def test_accepted_variant_is_clean(case: Path, at_root: Path) -> None:
    accepted = ACCEPTED / case.name
    assert accepted.exists(), f"add {accepted.relative_to(ROOT)}: the case with `accept warning` lines"
    result = check_paths([accepted.relative_to(ROOT)], vocabulary=VOCABULARY)
    assert not result.diagnostics, render_text(result.diagnostics, result.sources)


def test_every_analysis_warning_has_a_case() -> None:
    from compiler.analysis.codes import ACCEPTABLE, UNUSED_ACCEPT

    covered = {c.name.split("_")[0].upper() for c in _cases(WARNINGS)}
    assert covered == set(ACCEPTABLE) | {UNUSED_ACCEPT}


def test_programs_check_clean(at_root: Path) -> None:
    result = check_paths([Path("programs")])
    assert not result.diagnostics, render_text(result.diagnostics, result.sources)


def test_an_inherited_acceptance_accepts_for_the_variant_too(at_root: Path) -> None:
    """Acme overlays Keystone, whose program-wide `accept warning W703` covers Acme's inherited matrices."""
    result = check_paths([Path("programs/acme_bank_statement.guideline")])
    assert not result.diagnostics, render_text(result.diagnostics, result.sources)


# ------------------------------------------------------------------ intervals at a precision


@pytest.mark.parametrize(("interval", "step", "empty"), [
    (Interval(Decimal(659), True, Decimal(660), False), Decimal(1), False),  # 659
    (Interval(Decimal(659), False, Decimal(660), False), Decimal(1), True),  # nothing between two whole scores
    (Interval(Decimal("659.5"), True, Decimal("659.9"), True), Decimal(1), True),
    (Interval(Decimal("659.5"), True, Decimal("659.9"), True), None, False),
    (Interval(Decimal("0.999"), False, Decimal(1), False), Decimal("0.001"), True),
    (Interval(Decimal("0.999"), True, Decimal(1), False), Decimal("0.001"), False),
    (Interval(Decimal(5), True, Decimal(5), True), None, False),
    (Interval(Decimal(5), True, Decimal(5), False), None, True),
    (Interval(None, True, Decimal(5), True), Decimal(1), False),
])
def test_interval_emptiness_at_the_edges(interval: Interval, step: Decimal | None, empty: bool) -> None:
    assert interval.empty(step) is empty


# ------------------------------------------------------------------ soundness against the evaluator

_BUNDLE = check_paths([ROOT / "programs"]).bundle
assert _BUNDLE is not None


def _conditions(program: ir_program.Program) -> list[ir.Expr]:
    out: list[ir.Expr] = []
    for m in program.matrices:
        if m.when is not None:
            out.append(m.when)
    for r in program.rules:
        if r.when is not None:
            out.append(r.when)
        for q in r.requirements:
            out.append(q.test)
            out += [a.when for a in q.alternatives]
    return out


def _point(env: Env, domain: Domain) -> Box:
    """The loan as a box: every known field and value at its exact value (those off their precision left out)."""
    items: dict[str, Any] = {}
    for name, var in domain.vars.items():
        v = env.values[name] if name in env.values else env.field(name)
        if v is None:
            continue
        if var.values is not None:
            items[name] = frozenset({v})
        elif isinstance(v, Decimal) and v.is_finite() and (var.step is None or (v / var.step) == (v / var.step).to_integral_value()):
            iv = Interval(v, True, v, True)
            if domain.feasible(name, iv):
                items[name] = iv
    return Box(items)


def _as_the_model_reads_it(loan: dict[str, Any], vocabulary: ir_program.Vocabulary) -> dict[str, Any]:
    """A drawn loan's scores as the Loan model reads them (docs/language.md 3.7): "none" is no score (the number
    unknown, its yes/no field yes); a score given wins over the yes/no field."""
    out = dict(loan)
    for f in vocabulary.fields:
        if f.no_score and f.name in out:
            if isinstance(out[f.name], str):
                out[f.name], out[f.no_score] = None, True
            elif out[f.name] is not None:
                out[f.no_score] = False
    return out


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_regions_agree_with_the_evaluator(data: st.DataObject) -> None:
    """over(x) holds every loan for which x is true; under(x) only loans for which it is (all data known)."""
    assert _BUNDLE is not None
    loan = _as_the_model_reads_it(data.draw(loans(_BUNDLE)), _BUNDLE.vocabulary)
    for program in _BUNDLE.programs:
        env = Env(loan, program)
        for value in program.values:
            env.values[value.id] = ev_lookup(value.body, env) if isinstance(value.body, ir.Lookup) else ev(value.body, env)
        domain = Domain(program, _BUNDLE.vocabulary)
        regions = Regions(domain)
        point = _point(env, domain)
        for x in _conditions(program):
            truth = ev(x, env)
            inside_over = any(point.meet(b, domain) is not None for b in regions.over(x))
            if truth is True:
                assert inside_over, f"{program.id}: over-approximation misses a loan where it holds: {x}"
            under = regions.under(x)
            read = {n for n in _names(x)}
            if truth is False and read <= set(point.items):
                assert not any(point.meet(b, domain) is not None for b in under), \
                    f"{program.id}: under-approximation holds a loan where it does not hold: {x}"


def _names(x: object) -> set[str]:
    from compiler.analysis.conditions import mentions

    return mentions(x)


def test_search_over_thousands_of_constraints() -> None:
    """A question of 5,000 constraints (a program with thousands of rules) is answered, not a RecursionError."""
    from compiler.analysis.region import search

    assert _BUNDLE is not None
    domain = Domain(_BUNDLE.programs[0], _BUNDLE.vocabulary)
    floors = [[Box({"fico": Interval(Decimal(600 + i % 100))})] for i in range(5000)]
    found = search(floors, domain, budget=100_000)
    assert found is not None and found.items["fico"] == Interval(Decimal(699))
    assert search([*floors, [Box({"fico": Interval(None, True, Decimal(650))})]], domain, budget=100_000) is None
