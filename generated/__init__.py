"""Checkers generated from the guideline files in programs/; do not edit.

    from generated import Loan, check, check_all
    decision = check("acme_bank_statement", Loan(fico=700, loan_amount=1_200_000))
    for d in check_all(loan): print(d.program.id, d.status, d.limit("max_ltv"))

The package imports only the standard library and pydantic: copying this folder into a project is enough.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from . import _runtime as rt
from . import (
    acme_bank_statement,
    harbor_dscr,
    keystone_bank_statement,
    shining_star_advantage,
    shining_star_base,
    shining_star_dscr,
    shining_star_edge,
    shining_star_horizon,
)
from .loan import Loan

__all__ = ["PROGRAMS", "Loan", "check", "check_all"]

# program id -> its checker
PROGRAMS: dict[str, Callable[[Loan], rt.Decision]] = {
    'acme_bank_statement': acme_bank_statement.check,
    'harbor_dscr': harbor_dscr.check,
    'keystone_bank_statement': keystone_bank_statement.check,
    'shining_star_advantage': shining_star_advantage.check,
    'shining_star_base': shining_star_base.check,
    'shining_star_dscr': shining_star_dscr.check,
    'shining_star_edge': shining_star_edge.check,
    'shining_star_horizon': shining_star_horizon.check,
}


def check(program: str, loan: Loan) -> rt.Decision:
    """Decide a loan under one program (KeyError for an unknown program id)."""
    return PROGRAMS[program](loan)


def check_all(loan: Loan) -> list[rt.Decision]:
    """Every program's decision: eligible first, then by the max LTV each allows (highest first), then by id."""
    decisions = [checker(loan) for checker in PROGRAMS.values()]

    def key(d: rt.Decision) -> tuple[int, Decimal, str]:
        limit = d.limit("max_ltv")
        best = limit.value if limit is not None and limit.value is not None else Decimal(-1)
        return (0 if d.eligible else 1, -best, d.program.id)

    return sorted(decisions, key=key)
