"""`Decision.to_dict` (built field by field, for speed) gives exactly what `plain(dataclasses.asdict(d))` gives.

On the differential test's loans, for every program; GLC_DICT_EXAMPLES sets the number of loans (default 200).
"""

from __future__ import annotations

import dataclasses
import json
import os
from pathlib import Path

from hypothesis import HealthCheck, given, settings

from compiler.driver import check_paths
from tests.loans import loans

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = int(os.environ.get("GLC_DICT_EXAMPLES", "200"))
RESULT = check_paths([ROOT / "programs"])
assert RESULT.bundle is not None, "programs/ must check clean"
BUNDLE = RESULT.bundle


@settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(loans(BUNDLE))
def test_to_dict_is_asdict(data: dict[str, object]) -> None:
    import generated
    from generated._runtime import decision
    from generated.loan import Loan

    loan = Loan.model_validate(data)
    for check in generated.PROGRAMS.values():
        d = check(loan)
        expected = decision.plain(dataclasses.asdict(d))
        assert d.to_dict() == expected
        assert json.dumps(d.to_dict()) == json.dumps(expected)  # same keys in the same order
