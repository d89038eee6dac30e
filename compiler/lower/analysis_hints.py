"""Declarations the analyses read: `better: higher|lower` on fields and values, `accept warning` lines.

Used by `lower` (vocabulary fields), `lower_values` (values) and `lower_rules` / `lower` (matrices, rules,
programs). Problems are reported as errors: an acceptance must name a real analysis warning and say why.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from compiler import ir
from compiler.analysis.codes import ACCEPTABLE
from compiler.diagnostics import Diagnostics, did_you_mean
from compiler.syntax import surface as s

DIRECTIONS = ("higher", "lower")


def lower_better(name: s.Name | None, owner: str, diags: Diagnostics) -> Literal["higher", "lower", ""]:
    """`better: higher` / `better: lower`, or "" when not declared (or misspelled: reported)."""
    if name is None:
        return ""
    if name.name == "higher":
        return "higher"
    if name.name == "lower":
        return "lower"
    diags.error("E227", f"`better:` is `higher` or `lower`, not `{name.name}`.{did_you_mean(name.name, DIRECTIONS)}",
                name.span, f"Write `better: higher` when a higher {owner} is better for the loan (a credit score), "
                           "`better: lower` when a lower one is (LTV, DTI, loan amount).")
    return ""


def lower_accepts(clauses: Iterable[object], diags: Diagnostics) -> tuple[ir.Accepted, ...]:
    """The `accept warning` lines among `clauses`, checked: known codes, a stated reason."""
    out: list[ir.Accepted] = []
    for clause in clauses:
        if not isinstance(clause, s.Accept):
            continue
        codes: list[str] = []
        for code in clause.codes:
            if code.name in ACCEPTABLE:
                codes.append(code.name)
                continue
            known = ", ".join(f"{c} ({what})" for c, what in ACCEPTABLE.items())
            diags.error("E418", f"`{code.name}` is not a warning that can be accepted.{did_you_mean(code.name, ACCEPTABLE)}",
                        code.span, f"Name one of the analysis warnings: {known}.")
        reason = (clause.reason or "").strip()
        if not reason:
            diags.error("E417", "An accepted warning needs the reason it stands.", clause.span,
                        'Add `because "..."`, e.g. `because "As published in the investor matrix; confirmed 2026-01-10"`.')
            continue
        if codes:
            out.append(ir.Accepted(tuple(codes), reason, clause.span))
    return tuple(out)
