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
from generated._runtime import decision
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


def test_check_words_the_decision_on_first_read(monkeypatch: object) -> None:
    """`check` decides the status at once and assembles the wording (`decide`) once, when a part is first read; the
    deferred Decision is then the same as the one `decide` builds, compared, serialised, pickled or copied."""
    import copy
    import pickle

    import pytest

    import generated._runtime as rt
    from generated import keystone_bank_statement as ks
    from generated.loan import Loan

    assert isinstance(monkeypatch, pytest.MonkeyPatch)
    calls: list[object] = []
    decide = rt.decide

    def counted(meta: object, facts: object, *worded: object) -> object:
        calls.append(facts)
        return decide(meta, facts, *worded)  # type: ignore[arg-type]

    monkeypatch.setattr(rt, "decide", counted)
    loan = Loan(application_date="2026-03-14", fico=705, loan_amount=1_200_000, purchase_price=1_600_000,
                appraised_value=1_600_000, occupancy="primary", purpose="purchase", property_type="sfr")
    d = ks.check(loan)
    assert d.status == "needs_info" and d.program == ks.META.info and not calls  # nothing worded yet
    full = decide(ks.META, ks.facts(loan))
    assert d.limit("max_ltv") == full.limit("max_ltv") and len(calls) == 1
    assert d.findings == full.findings and d.values == full.values and len(calls) == 1  # worded once
    assert d == full and repr(d) == repr(full)
    assert type(d).__getattr__(d, "limits") == full.limits  # a second wording (another thread's) finds it done
    assert d.to_json() == full.to_json()
    assert pickle.loads(pickle.dumps(ks.check(loan))) == full
    assert copy.copy(ks.check(loan)) == full and copy.deepcopy(ks.check(loan)) == full
    assert decision.plain(dataclasses.asdict(ks.check(loan))) == full.to_dict()
    with pytest.raises(dataclasses.FrozenInstanceError):
        d.status = "eligible"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        d.nothing  # type: ignore[attr-defined]  # noqa: B018
