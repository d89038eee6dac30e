"""Time of `glc explain`'s search (compiler.tools.explain.explain) on near-miss loans (run on demand).

    .venv/bin/python benchmarks/explain.py [loans]

Loans are the ineligible guideline-test scenarios (programs/tests/*.yaml) and the unit tests' near misses, then the
property test's near misses (clean seed loans with one to four fields from the band-edge strategy, fixed
seed) for every program; only ineligible ones count. Prints, per program and overall,
the median / 90th percentile / maximum time per explanation (CPU time of this process, which a busy machine
does not inflate, and wall time) and the number of changed loans each search decided.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    from hypothesis import HealthCheck, given, settings

    from tests.differential.test_explain_property import near_misses

    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    samples: list[tuple[str, dict[str, object]]] = []

    @settings(max_examples=n, deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck))
    @given(near_misses())
    def collect(case: tuple[str, dict[str, object]]) -> None:
        samples.append(case)

    collect()
    from compiler.tools.scenarios import read_test_files
    from tests.seed_loans import OWNER, event
    from tests.unit.test_explain import BIG_LOAN, BUNDLE

    seeds, _errors = read_test_files(sorted((ROOT / "programs" / "tests").glob("*.yaml")), BUNDLE)
    scenarios = [(sc.program, sc.loan) for sc in seeds if sc.expect.status == "ineligible"] + [
        ("keystone_bank_statement", {**OWNER, **BIG_LOAN}),
        ("keystone_bank_statement", {**OWNER, **BIG_LOAN, "state": "NV"}),
        ("keystone_bank_statement", {**OWNER, "fico": 705, "loan_amount": 750_000, "appraised_value": 1_000_000,
                                     "monthly_debts": 7_000, "liquid_assets": 72_000}),
        ("shining_star_edge", {**OWNER, "housing_history_months": 9, "housing_verification": "none"}),
        ("keystone_bank_statement", {**OWNER, "credit_events": [event("fc", 35)]}),
    ]
    print("seed scenarios and unit-test near misses:")
    report([(f"scenarios: {p}", d) for p, d in scenarios])
    print()
    print("property-test near misses:")
    report(samples)


def report(samples: list[tuple[str, dict[str, object]]]) -> None:
    from compiler.tools.explain import explain
    from generated.loan import Loan
    from tests.unit.test_explain import BUNDLE, PROGRAMS

    rows: dict[str, list[tuple[float, float, int]]] = {}
    for program_id, data in samples:
        loan = Loan.model_validate(data)
        c0, w0 = time.process_time(), time.perf_counter()
        e = explain(PROGRAMS[program_id.removeprefix("scenarios: ")], BUNDLE.vocabulary, loan)
        cpu, wall = time.process_time() - c0, time.perf_counter() - w0
        if e.status == "ineligible":
            rows.setdefault(program_id, []).append((cpu * 1000, wall * 1000, e.evaluations))
    rows["all programs"] = [r for rs in rows.values() for r in rs]
    print(f"{len(samples)} loans, {len(rows['all programs'])} ineligible explained")
    print(f"{'program':38} {'loans':>5}  {'cpu ms: median':>14} {'p90':>6} {'max':>6}  {'wall ms: median':>15} {'max':>6}"
          f"  {'decided: median':>15} {'max':>5}")
    for program_id, rs in sorted(rows.items(), key=lambda kv: (kv[0] == "all programs", kv[0])):
        cpu = sorted(r[0] for r in rs)
        wall = sorted(r[1] for r in rs)
        evals = sorted(r[2] for r in rs)
        p90 = cpu[min(len(cpu) - 1, int(len(cpu) * 0.9))]
        print(f"{program_id:38} {len(rs):5}  {statistics.median(cpu):14.0f} {p90:6.0f} {cpu[-1]:6.0f}  "
              f"{statistics.median(wall):15.0f} {wall[-1]:6.0f}  {statistics.median(evals):15.0f} {evals[-1]:5}")


if __name__ == "__main__":
    main()
