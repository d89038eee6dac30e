"""The main correctness net: the generated checkers and the reference evaluator decide the same.

Hypothesis draws loans around every band edge of every program (each edge and the edge plus or minus
the field's smallest step, LTV placed on its edges, event dates around seasoning thresholds), at random,
and with unknown fields. Each loan is decided by every program twice, by the generated `check` and by
`compiler.evaluate.evaluate`, and the two Decisions must be equal: status, every finding (outcome and
message), conditions, every derived value and every limit. GLC_DIFF_EXAMPLES sets the number of loans
(default and CI: 10,000, each checked against every program: 80,000 Decisions compared whole; the tape
differential in tests/screen/test_screen.py adds 100,000 sample-tape loans compared on status, limits and rule ids).
"""

from __future__ import annotations

import os
from pathlib import Path

from hypothesis import HealthCheck, given, settings

from compiler import ir_program
from compiler.driver import check_paths
from compiler.evaluate import evaluate
from tests.loans import loans

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = int(os.environ.get("GLC_DIFF_EXAMPLES", "10000"))
RESULT = check_paths([ROOT / "programs"])
assert RESULT.bundle is not None, "programs/ must check clean"
BUNDLE = RESULT.bundle
COUNTS: dict[str, int] = {}


@settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(loans(BUNDLE))
def test_generated_agrees_with_evaluator(data: dict[str, object]) -> None:
    import generated
    from generated.loan import Loan

    loan = Loan.model_validate(data)
    for program in BUNDLE.programs:
        expected = evaluate(program, BUNDLE.vocabulary, loan).to_dict()
        actual = generated.PROGRAMS[program.id](loan).to_dict()
        assert actual == expected, program.id
        COUNTS[program.id] = COUNTS.get(program.id, 0) + 1


def test_every_program_is_compared() -> None:
    import generated

    assert sorted(generated.PROGRAMS) == sorted(p.id for p in BUNDLE.programs)


HISTORY_EXAMPLES = max(EXAMPLES // 20, 50)
# loans drawn around the band edges of the older versions themselves
HISTORY_BUNDLE = ir_program.Bundle(BUNDLE.vocabulary, BUNDLE.history) if BUNDLE.history else BUNDLE


@settings(max_examples=HISTORY_EXAMPLES, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(loans(HISTORY_BUNDLE))
def test_older_versions_agree_with_evaluator(data: dict[str, object]) -> None:
    """Older versions (programs/history/) through both executors: the checker `check(id, loan, on=effective)` picks."""
    import generated
    from generated.loan import Loan

    loan = Loan.model_validate(data)
    for program in BUNDLE.history:
        expected = evaluate(program, BUNDLE.vocabulary, loan).to_dict()
        actual = generated.check(program.id, loan, on=program.effective).to_dict()
        assert actual["program"]["version"] == program.version
        assert actual == expected, (program.id, program.version)


def test_every_version_has_a_checker() -> None:
    import generated

    assert {(pid, v) for pid, vs in generated.VERSIONS.items() for _, v, _ in vs} == {
        (p.id, p.version) for p in (*BUNDLE.programs, *BUNDLE.history)}


def test_the_loans_divide_by_zero_and_less_in_every_program() -> None:
    """The strategy draws zero and negative denominators (PITIA $0, appraised value $0, excluded deposits above
    total deposits: language.md 3.4 rule 5), so every program decides loans some value of which cannot be computed:
    every test drawing `loans` compares the executors on them."""
    from hypothesis import HealthCheck, given, settings

    from compiler.evaluate import values_of
    from compiler.runtime.values import Undefined
    from generated.loan import Loan

    undefined: dict[str, set[str]] = {p.id: set() for p in BUNDLE.programs}
    negative: list[bool] = []

    @settings(max_examples=100, deadline=None, derandomize=True, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(loans(BUNDLE))
    def draw(data: dict[str, object]) -> None:
        loan = Loan.model_validate(data)
        for program in BUNDLE.programs:
            env = values_of(program, loan)
            undefined[program.id] |= {name for name, why in env.invalid.items() if isinstance(why, Undefined)}
            negative.append(any(isinstance(why, Undefined) and why.value < 0 for why in env.invalid.values())
                            or any(env.invalid.get(v.id) is not None and not isinstance(env.invalid[v.id], Undefined)
                                   for v in program.values))

    draw()
    from tests.loans import _denominator_tweaks

    assert {("zero", "pitia", ""), ("zero", "appraised_value", ""), ("zero", "current_housing_payment", ""),
            ("exceed", "total_deposits", "excluded_transfers")} <= set(_denominator_tweaks(BUNDLE))
    assert all(undefined.values()), [pid for pid, names in undefined.items() if not names]
    assert {"dscr", "reserves_months", "ltv", "cltv", "payment_shock"} <= undefined["keystone_bank_statement"]
    assert any(negative)  # an amount of zero or less: income from excluded deposits above the total
