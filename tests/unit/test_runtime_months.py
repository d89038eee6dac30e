"""Month counting: the reference evaluator's anniversary count and the runtime's arithmetic agree on every pair
of dates, including an event after the as-of date (negative: not seasoned) and month ends."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from compiler.evaluate import whole_months
from compiler.runtime.values import months_between

DATES = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2040, 12, 31))
MONTH_ENDS = st.sampled_from([dt.date(2024, 1, 31), dt.date(2024, 2, 29), dt.date(2025, 2, 28), dt.date(2026, 3, 31),
                              dt.date(2026, 4, 30), dt.date(2026, 3, 14), dt.date(2026, 3, 15)])


@settings(max_examples=3000, deadline=None, derandomize=True, database=None)
@given(DATES | MONTH_ENDS, DATES | MONTH_ENDS)
def test_evaluator_and_runtime_count_months_alike(start: dt.date, end: dt.date) -> None:
    assert whole_months(start, end) == months_between(start, end)


def test_known_counts() -> None:
    assert whole_months(dt.date(2022, 3, 15), dt.date(2026, 3, 14)) == 47  # seed: BK7 47 months, not 48
    assert whole_months(dt.date(2022, 3, 15), dt.date(2026, 3, 15)) == 48
    assert whole_months(dt.date(2026, 1, 31), dt.date(2026, 2, 28)) == 1  # a month ends on the last day
    assert whole_months(dt.date(2026, 3, 20), dt.date(2026, 3, 15)) == -1  # an event after the as-of date
    assert whole_months(dt.date(2026, 3, 15), dt.date(2026, 3, 15)) == 0
