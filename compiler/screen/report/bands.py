"""The report's display bands (FICO, LTV, loan size), compared exactly in SQL: a band's index for a value, and its label."""

from __future__ import annotations

import itertools

FICO_EDGES = (620, 640, 660, 680, 700, 720, 740, 760, 780)  # band i: edges[i-1] <= fico < edges[i]
LTV_EDGES = (60, 65, 70, 75, 80, 85, 90)  # band i: edges[i-1] < ltv <= edges[i] (percent)
SIZE_EDGES = (250_000, 500_000, 750_000, 1_000_000, 1_500_000, 2_000_000, 3_000_000)  # edges[i-1] < amount <= edges[i]


def band_case(expr: str, edges: tuple[int, ...], upper_inclusive: bool) -> str:
    """The 0-based band index of `expr` (NULL when unknown), compared exactly."""
    op = "<=" if upper_inclusive else "<"
    whens = " ".join(f"WHEN {expr} {op} {e} THEN {i}" for i, e in enumerate(edges))
    return f"CASE WHEN {expr} IS NULL THEN NULL {whens} ELSE {len(edges)} END"


def fico_labels() -> list[str]:
    e = FICO_EDGES
    return [f"< {e[0]}", *[f"{a}–{b - 1}" for a, b in itertools.pairwise(e)], f"{e[-1]}+"]


def ltv_labels() -> list[str]:
    e = LTV_EDGES
    return [f"≤ {e[0]}%", *[f"{a}.01–{b}%" for a, b in itertools.pairwise(e)], f"> {e[-1]}%"]

def size_labels() -> list[str]:
    def m(n: int) -> str:
        return f"${n / 1_000_000:g}M" if n >= 1_000_000 else f"${n // 1000}K"

    e = SIZE_EDGES
    return [f"≤ {m(e[0])}", *[f"{m(a)}–{m(b)}" for a, b in itertools.pairwise(e)], f"> {m(e[-1])}"]
