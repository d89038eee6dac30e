"""Per-loan check time of one generated checker, and of the reference evaluator (run on demand).

    .venv/bin/python benchmarks/per_loan.py [program_id] [loans]

Loans come from the test suite's band-edge strategy (fixed seed). Prints the median of 5 runs of the
bulk loop (microseconds per loan), with and without pydantic validation of a dict.
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

    import generated
    from compiler.driver import check_paths
    from compiler.evaluate import evaluate
    from generated.loan import Loan
    from tests.loans import loans

    program = sys.argv[1] if len(sys.argv) > 1 else "keystone_bank_statement"
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
    bundle = check_paths([ROOT / "programs"]).bundle
    assert bundle is not None
    samples: list[dict[str, object]] = []

    @settings(max_examples=n, deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck))
    @given(loans(bundle))
    def collect(data: dict[str, object]) -> None:
        samples.append(data)

    collect()
    models = [Loan.model_validate(d) for d in samples]
    checker = generated.PROGRAMS[program]
    ir_program = next(p for p in bundle.programs if p.id == program)

    def timed(fn: object) -> float:
        runs = []
        for _ in range(5):
            t0 = time.perf_counter()
            fn()  # type: ignore[operator]
            runs.append((time.perf_counter() - t0) / len(samples) * 1e6)
        return statistics.median(runs)

    gen = timed(lambda: [checker(m) for m in models])
    full = timed(lambda: [checker(Loan.model_validate(d)) for d in samples])
    ref = timed(lambda: [evaluate(ir_program, bundle.vocabulary, m) for m in models])
    print(f"program {program}, {len(samples)} loans, median of 5 runs")
    print(f"  generated check(Loan)            {gen:8.1f} us/loan")
    print(f"  validate dict + generated check  {full:8.1f} us/loan")
    print(f"  reference evaluator              {ref:8.1f} us/loan")


if __name__ == "__main__":
    main()
