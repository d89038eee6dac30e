"""How the runtime writes numbers (compiler/runtime/values.py): `digits` takes a shortcut through `str(d)` where
that is the same; it must write exactly what `f"{d:f}"` writes, for every Decimal: exponents either way, zeros
with a sign or many decimals, very small and very large, not finite (and so must `fmt` and `plain`, which use it)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from compiler.runtime.decision import plain
from compiler.runtime.values import digits, fmt

# A Decimal of any shape: an integer coefficient scaled by any exponent (str writes an exponent when it is above
# zero or the number is below 1E-6), with the signs and zeros str and the format may write differently.
DECIMALS = st.builds(lambda coefficient, exponent, negative: Decimal((int(negative), tuple(int(c) for c in str(
    coefficient)), exponent)), st.integers(0, 10**30), st.integers(-12, 6), st.booleans())

EDGES = ["0", "-0", "0.00", "-0.00", "0E+2", "0E-9", "1", "999", "1000", "1234.5", "1234.50", "1234.56", "1234.565",
         "1234.555", "0.005", "0.015", "0.5", "0.05", "1E+3", "1.5E+3", "1.2E-7", "0.000001", "0.0000001",
         "123456789012345678901234567890.12", "1000000.00", "100.000", "7.10"]


@pytest.mark.parametrize("text", EDGES)
def test_edges(text: str) -> None:
    d = Decimal(text)
    assert digits(d) == f"{d:f}"
    assert fmt(d, "percent") == f"{d:f}%"
    assert fmt(d, "months") == f"{d:f} month{'' if d == 1 else 's'}"


@settings(max_examples=3000, deadline=None)
@given(DECIMALS)
def test_any_decimal(d: Decimal) -> None:
    assert digits(d) == f"{d:f}"
    assert fmt(d, "percent") == f"{d:f}%"
    assert plain(d) == f"{d:f}"


def test_not_finite() -> None:
    for text in ("Infinity", "-Infinity", "NaN"):
        d = Decimal(text)
        assert digits(d) == f"{d:f}"
    assert plain(Decimal("Infinity")) == "never"
