"""Checkers generated from the guideline files in programs/; do not edit.

`Loan` is the loan model every program reads; `PROGRAMS` lists the programs compiled into this package.
"""

from __future__ import annotations

from .loan import Loan

__all__ = ["PROGRAMS", "Loan"]

# program id -> (title, investor, version, effective date, source file)
PROGRAMS: dict[str, tuple[str, str, str, str, str]] = {
    'keystone_bank_statement': ('Bank Statement Select', 'Keystone Non-QM Capital', '2026.1', '2026-01-01', 'programs/keystone_bank_statement.guideline'),
}
