"""Clean seed loans that tests start from (a loan each scenario changes a few fields of).

OWNER is a clean owner-occupied bank-statement loan, eligible under Keystone and every Shining Star program
but DSCR; INVESTOR a clean DSCR investment loan. The policy scenarios themselves live in programs/tests/.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

APP = dt.date(2026, 3, 14)


def months_before(months: int, day: int | None = None) -> str:
    y, m = divmod(APP.month - 1 - months, 12)
    return dt.date(APP.year + y, m + 1, day or APP.day).isoformat()


# A clean owner-occupied bank-statement loan: eligible under Keystone and every Shining Star program but DSCR.
OWNER: dict[str, Any] = {
    "loan_id": "L-1", "application_date": APP.isoformat(), "loan_amount": 800_000, "purpose": "purchase",
    "purchase_price": 1_000_000, "appraised_value": 1_010_000, "subordinate_liens": 0, "occupancy": "primary",
    "property_type": "sfr", "units": 1, "state": "CA", "rural": False, "declining_market": False,
    "short_term_rental": False, "interest_only": False, "fico": 745, "citizenship": "us_citizen", "fthb": False,
    "first_time_investor": False, "credit_events": [], "housing_history_months": 24, "housing_lates": [],
    "housing_verification": "vor", "rent_free": False, "current_housing_payment": 4_000, "in_forbearance": False,
    "doc_type": "bank_stmt_business_24", "total_deposits": 1_200_000, "excluded_transfers": 0,
    "excluded_nonrecurring": 0, "statement_months": 24, "ownership_pct": 100, "monthly_debts": 1_500,
    "pitia": 6_000, "liquid_assets": 80_000, "borrower_contribution_pct": 20,
}
# A clean DSCR investment loan.
INVESTOR: dict[str, Any] = {
    **OWNER, "occupancy": "investment", "doc_type": "dscr", "loan_amount": 600_000, "purchase_price": 800_000,
    "appraised_value": 800_000, "lease_rent": 5_000, "market_rent": 4_800, "pitia": 4_000, "liquid_assets": 60_000,
    "monthly_debts": None, "total_deposits": None, "statement_months": None, "ownership_pct": None,
}


def late(months_ago: int, days: int = 30) -> dict[str, Any]:
    return {"due_on": months_before(months_ago), "days_late": days}


def event(kind: str, months_ago: int, day: int | None = None) -> dict[str, Any]:
    return {"kind": kind, "completed_on": months_before(months_ago, day)}
