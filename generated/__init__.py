"""Checkers generated from the guideline files in programs/; do not edit.

    from generated import Loan, check, check_all
    decision = check("acme_bank_statement", Loan(fico=700, loan_amount=1_200_000))
    for d in check_all(loan): print(d.program.id, d.status, d.limit("max_ltv"))
    older = check("acme_bank_statement", loan, on=datetime.date(2025, 9, 1))  # the version in force that day

The package imports only the standard library and pydantic: copying this folder into a project is enough.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

from . import (
    acme_bank_statement,
    crestline_closed_end_second,
    foreign_national_dscr,
    harbor_dscr,
    keystone_bank_statement,
    keystone_bank_statement__v2025_2,
    shining_star_advantage,
    shining_star_base,
    shining_star_dscr,
    shining_star_edge,
    shining_star_horizon,
    summit_near_prime,
)
from ._runtime import Decision
from .loan import Loan

__all__ = ["ABSTRACT", "PROGRAMS", "VERSIONS", "Decision", "Loan", "NotInForce", "check", "check_all", "checker"]

Checker = Callable[[Loan], Decision]

# program id -> the checker of its current version (the latest effective date)
PROGRAMS: dict[str, Checker] = {
    'acme_bank_statement': acme_bank_statement.check,
    'crestline_closed_end_second': crestline_closed_end_second.check,
    'foreign_national_dscr': foreign_national_dscr.check,
    'harbor_dscr': harbor_dscr.check,
    'keystone_bank_statement': keystone_bank_statement.check,
    'shining_star_advantage': shining_star_advantage.check,
    'shining_star_base': shining_star_base.check,
    'shining_star_dscr': shining_star_dscr.check,
    'shining_star_edge': shining_star_edge.check,
    'shining_star_horizon': shining_star_horizon.check,
    'summit_near_prime': summit_near_prime.check,
}

# programs declared `abstract: yes`: shared rules other programs extend; `check` decides under them, `check_all` skips
# them
ABSTRACT: frozenset[str] = frozenset(('shining_star_base',))

# program id -> every version, oldest first: (effective date, version, checker)
VERSIONS: dict[str, tuple[tuple[dt.date, str, Checker], ...]] = {
    'acme_bank_statement': (
        (dt.date(2026, 2, 15), '2026.1', acme_bank_statement.check),
    ),
    'crestline_closed_end_second': (
        (dt.date(2026, 4, 1), '2026.1', crestline_closed_end_second.check),
    ),
    'foreign_national_dscr': (
        (dt.date(2026, 2, 15), '2026.1', foreign_national_dscr.check),
    ),
    'harbor_dscr': (
        (dt.date(2026, 2, 1), '2026.2', harbor_dscr.check),
    ),
    'keystone_bank_statement': (
        (dt.date(2025, 7, 1), '2025.2', keystone_bank_statement__v2025_2.check),
        (dt.date(2026, 1, 1), '2026.1', keystone_bank_statement.check),
    ),
    'shining_star_advantage': (
        (dt.date(2026, 1, 1), '2026.1', shining_star_advantage.check),
    ),
    'shining_star_base': (
        (dt.date(2026, 1, 1), '2026.1', shining_star_base.check),
    ),
    'shining_star_dscr': (
        (dt.date(2026, 1, 1), '2026.1', shining_star_dscr.check),
    ),
    'shining_star_edge': (
        (dt.date(2026, 1, 1), '2026.1', shining_star_edge.check),
    ),
    'shining_star_horizon': (
        (dt.date(2026, 1, 1), '2026.1', shining_star_horizon.check),
    ),
    'summit_near_prime': (
        (dt.date(2026, 3, 1), '2026.1', summit_near_prime.check),
    ),
}


class NotInForce(LookupError):
    """No version of the program is in force on the date asked for (it is before the first version)."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "no version in force"


def checker(program: str, on: dt.date | None = None) -> Checker:
    """The checker of the version in force on `on`: the one whose effective date is the latest on or before it.

    `on=None` gives the current version. KeyError for an unknown program id; NotInForce for a date before
    the program's first version.
    """
    if on is None:
        return PROGRAMS[program]
    day = on.date() if isinstance(on, dt.datetime) else on
    versions = VERSIONS[program]
    found: Checker | None = None
    for effective, _version, check_version in versions:
        if effective <= day:
            found = check_version
    if found is None:
        effective, version, _ = versions[0]
        raise NotInForce(f"{program} has no version in force on {day.isoformat()}: its first version, {version}, "
                         f"takes effect on {effective.isoformat()}.")
    return found


def check(program: str, loan: Loan, on: dt.date | None = None) -> Decision:
    """Decide a loan under one program: the version in force on `on` (default: the current version)."""
    return checker(program, on)(loan)


def check_all(loan: Loan, on: dt.date | None = None) -> list[Decision]:
    """Every program's decision (the version in force on `on`; programs not yet in force on that date and abstract
    programs, shared rules no loan is offered under, are left out): eligible first, then by the max LTV each
    allows (highest first), then by id."""
    decisions = []
    for program in PROGRAMS:
        if program in ABSTRACT:
            continue
        try:
            decisions.append(checker(program, on)(loan))
        except NotInForce:
            continue

    def key(d: Decision) -> tuple[int, Decimal, str]:
        limit = d.limit("max_ltv")
        best = limit.value if limit is not None and limit.value is not None else Decimal(-1)
        return (0 if d.eligible else 1, -best, d.program.id)

    return sorted(decisions, key=key)
