"""Seed scenarios: realistic loans from the seeds' rules, each with its expected decision.

Each scenario starts from a clean, eligible loan for the program and changes a few fields. Every scenario
runs through both executors: the generated checker and the reference evaluator.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal as D
from pathlib import Path
from typing import Any

import pytest

from compiler.driver import check_paths
from compiler.evaluate import evaluate

ROOT = Path(__file__).resolve().parent.parent
BUNDLE = check_paths([ROOT / "programs"]).bundle
assert BUNDLE is not None
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


@dataclass
class Scenario:
    name: str
    program: str
    changes: dict[str, Any]
    status: str
    failing: set[str] = field(default_factory=set)
    max_ltv: str | None = None
    binding: str | None = None
    conditions: set[str] = field(default_factory=set)
    values: dict[str, str] = field(default_factory=dict)
    base: dict[str, Any] = field(default_factory=lambda: OWNER)


def late(months_ago: int, days: int = 30) -> dict[str, Any]:
    return {"due_on": months_before(months_ago), "days_late": days}


def event(kind: str, months_ago: int, day: int | None = None) -> dict[str, Any]:
    return {"kind": kind, "completed_on": months_before(months_ago, day)}


SCENARIOS = [
    # --- seed 002, rule 8: Edge/DSCR, event seasoned < 4 years requires 0x30x12
    Scenario("edge short sale 3 years ago, one 30-day late", "shining_star_edge",
             {"credit_events": [event("ss", 36)], "housing_lates": [late(5)]}, "ineligible", {"event_housing_history"}),
    Scenario("edge short sale 3 years ago, no lates", "shining_star_edge",
             {"credit_events": [event("ss", 36)]}, "eligible", max_ltv="90"),
    Scenario("edge short sale 5 years ago, one late: 0x30x12 not required", "shining_star_edge",
             {"credit_events": [event("ss", 60)], "housing_lates": [late(5)]}, "eligible"),
    Scenario("edge BK7 discharged 47 full months before application, one late", "shining_star_edge",
             {"credit_events": [{"kind": "bk7", "completed_on": "2022-03-15"}], "housing_lates": [late(5)]},
             "ineligible", {"event_housing_history"}),
    Scenario("edge BK7 discharged exactly 48 months before application, one late", "shining_star_edge",
             {"credit_events": [{"kind": "bk7", "completed_on": "2022-03-14"}], "housing_lates": [late(5)]}, "eligible"),
    Scenario("edge late 12 full months ago falls outside the 12-month lookback", "shining_star_edge",
             {"credit_events": [event("fc", 30)], "housing_lates": [late(12)]}, "eligible"),
    Scenario("edge credit events not yet reviewed", "shining_star_edge", {"credit_events": None}, "needs_info"),
    Scenario("dscr program, event < 4 years with a late", "shining_star_dscr",
             {"credit_events": [event("dil", 30)], "housing_lates": [late(3)]}, "ineligible", {"event_housing_history"},
             base=INVESTOR),
    # --- seed 002, rule 9: Advantage 1x30x12 up to 80% LTV
    Scenario("advantage 1x30x12 at 80% LTV", "shining_star_advantage",
             {"credit_events": [event("bk7", 30)], "housing_lates": [late(5)], "loan_amount": 800_000,
              "appraised_value": 1_000_000}, "eligible", max_ltv="80", binding="event_late_ltv_cap"),
    Scenario("advantage 1x30x12 at 85% LTV", "shining_star_advantage",
             {"credit_events": [event("bk7", 30)], "housing_lates": [late(5)], "loan_amount": 850_000,
              "appraised_value": 1_000_000}, "ineligible", {"max_ltv", "max_cltv"}, max_ltv="80", binding="event_late_ltv_cap"),
    Scenario("advantage 2x30x12 after an event", "shining_star_advantage",
             {"credit_events": [event("bk7", 30)], "housing_lates": [late(5), late(8)]}, "ineligible",
             {"event_housing_history"}),
    Scenario("advantage clean history at 85% LTV", "shining_star_advantage",
             {"credit_events": [event("bk7", 30)], "loan_amount": 850_000, "appraised_value": 1_000_000}, "eligible",
             max_ltv="90", binding="owner_occupied"),
    # --- seed 002, rules 10 and 11: Horizon incomplete history, rent-free
    Scenario("horizon rent-free borrower", "shining_star_horizon",
             {"rent_free": True, "housing_history_months": 0, "housing_verification": "none", "fthb": False},
             "eligible", max_ltv="80", binding="rent_free",
             conditions={"Rent-free letter", "10% minimum borrower contribution"}),
    Scenario("horizon rent-free with 5% contribution", "shining_star_horizon",
             {"rent_free": True, "housing_history_months": 0, "borrower_contribution_pct": 5}, "ineligible", {"rent_free"}),
    Scenario("horizon 9 months of history, 10% contribution, 80% LTV", "shining_star_horizon",
             {"housing_history_months": 9, "borrower_contribution_pct": 10, "loan_amount": 800_000,
              "appraised_value": 1_000_000}, "eligible", max_ltv="80", binding="incomplete_history",
             conditions={"10% minimum borrower contribution"}),
    Scenario("horizon 9 months of history at 85% LTV", "shining_star_horizon",
             {"housing_history_months": 9, "loan_amount": 850_000, "appraised_value": 1_000_000}, "ineligible",
             {"max_ltv", "max_cltv"}),
    Scenario("edge 9 months of history: 12 required", "shining_star_edge", {"housing_history_months": 9},
             "ineligible", {"housing_history"}),
    Scenario("edge handwritten receipts are not verification", "shining_star_edge",
             {"housing_verification": "none"}, "ineligible", {"housing_history"}),
    Scenario("edge rent-free missing contribution figure", "shining_star_edge",
             {"rent_free": True, "borrower_contribution_pct": None}, "needs_info"),
    # --- seed 002, rule 12: FTHB payment shock on alternative documentation
    Scenario("fthb bank statement payment shock 250.00%", "shining_star_edge",
             {"fthb": True, "pitia": 5_000, "current_housing_payment": 2_000}, "eligible",
             values={"payment_shock": "250.00"}),
    Scenario("fthb bank statement payment shock 250.01%", "shining_star_edge",
             {"fthb": True, "pitia": D("5000.20"), "current_housing_payment": 2_000}, "ineligible", {"fthb_payment_shock"},
             values={"payment_shock": "250.01"}),
    Scenario("fthb full doc payment shock 300%: rule is for alternative doc", "shining_star_edge",
             {"fthb": True, "doc_type": "full_doc", "monthly_income": 30_000, "pitia": 6_000,
              "current_housing_payment": 2_000}, "eligible"),
    # --- seed 002, rules 13 and 14: forbearance
    Scenario("still in forbearance", "shining_star_edge", {"in_forbearance": True}, "ineligible", {"forbearance"}),
    Scenario("forbearance done, 2 timely payments, rate/term", "shining_star_edge",
             {"forbearance_end": months_before(3), "payments_since_forbearance": 2, "purpose": "rate_term"}, "eligible"),
    Scenario("forbearance done, 1 payment, purchase", "shining_star_edge",
             {"forbearance_end": months_before(2), "payments_since_forbearance": 1}, "ineligible", {"after_forbearance"}),
    Scenario("forbearance done, cash-out: the seed is silent", "shining_star_edge",
             {"forbearance_end": months_before(3), "payments_since_forbearance": 5, "purpose": "cash_out"}, "needs_info"),
    # --- seed 001: DSCR = rent / PITIA, lesser of lease and market rent
    Scenario("dscr lease 3,000, market 2,800, PITIA 2,900: uses 2,800", "shining_star_dscr",
             {"lease_rent": 3_000, "market_rent": 2_800, "pitia": 2_900}, "ineligible", {"min_dscr"},
             values={"dscr": "0.965"}, base=INVESTOR),
    Scenario("dscr lease 3,000, market 2,800, PITIA 2,650", "shining_star_dscr",
             {"lease_rent": 3_000, "market_rent": 2_800, "pitia": 2_650, "liquid_assets": 50_000}, "eligible",
             values={"dscr": "1.056"}, base=INVESTOR),
    Scenario("dscr unleased property uses market rent", "shining_star_dscr",
             {"lease_rent": None, "market_rent": 4_400, "pitia": 4_000}, "eligible", values={"dscr": "1.100"},
             base=INVESTOR),
    Scenario("dscr program refuses a primary residence", "shining_star_dscr", {"occupancy": "primary"}, "ineligible",
             {"investment_only", "eligibility_matrix"}, base=INVESTOR),
    # --- seed 001: bank-statement income
    Scenario("business statements, 50% default expense ratio", "keystone_bank_statement", {}, "eligible",
             values={"qualifying_income": "25000.00", "dti": "30.00"}),
    Scenario("business statements, CPA letter 40%", "keystone_bank_statement", {"cpa_expense_ratio": 40}, "eligible",
             values={"qualifying_income": "30000.00"}),
    Scenario("personal statements, transfers excluded", "keystone_bank_statement",
             {"doc_type": "bank_stmt_personal_24", "total_deposits": 700_000, "excluded_transfers": 100_000}, "eligible",
             values={"qualifying_income": "25000.00"}),
    # --- matrices, band edges and adjustments (domain 2.1, 5)
    Scenario("FICO 705, $1,200,000, primary purchase", "keystone_bank_statement",
             {"fico": 705, "loan_amount": 1_200_000, "purchase_price": 1_600_000, "appraised_value": 1_600_000,
              "liquid_assets": 100_000}, "eligible", max_ltv="80", binding="primary_purchase"),
    Scenario("FICO 679 is in 660-679", "keystone_bank_statement", {"fico": 679}, "ineligible", {"max_ltv", "max_cltv"},
             max_ltv="75"),
    Scenario("FICO 680 is in 680-699", "keystone_bank_statement", {"fico": 680}, "eligible", max_ltv="80"),
    Scenario("loan $1,000,000 is in the first column", "keystone_bank_statement",
             {"loan_amount": 1_000_000, "purchase_price": 1_250_000, "appraised_value": 1_250_000}, "eligible", max_ltv="90"),
    Scenario("loan $1,000,001 is in the second column", "keystone_bank_statement",
             {"loan_amount": 1_000_001, "purchase_price": 1_250_000, "appraised_value": 1_250_000,
              "liquid_assets": 100_000}, "eligible", max_ltv="85"),
    Scenario("N/A cell: FICO 690, $2,500,000", "keystone_bank_statement",
             {"fico": 690, "loan_amount": 2_500_000, "purchase_price": 4_000_000, "appraised_value": 4_000_000,
              "liquid_assets": 200_000}, "ineligible", {"primary_purchase"},
             conditions={"Second full appraisal", "CPA letter or business license confirming ownership"}),
    Scenario("FICO 650: below the minimum and the matrix", "keystone_bank_statement", {"fico": 650}, "ineligible",
             {"min_fico", "primary_purchase"}),
    Scenario("missing FICO", "keystone_bank_statement", {"fico": None}, "needs_info"),
    Scenario("non-warrantable condo and interest-only: lowest wins", "keystone_bank_statement",
             {"fico": 705, "property_type": "condo_non_warrantable", "interest_only": True, "loan_amount": 780_000,
              "appraised_value": 1_000_000}, "eligible", max_ltv="80"),
    Scenario("LTV 67.3333% rounds up to 67.34%", "keystone_bank_statement",
             {"loan_amount": 101_000, "purchase_price": 150_000, "appraised_value": 150_000}, "ineligible",
             {"loan_amount_range"}, values={"ltv": "67.34"}),
    Scenario("DTI 52% allowed at FICO 730, LTV 75%, 12 months reserves", "keystone_bank_statement",
             {"fico": 730, "loan_amount": 750_000, "appraised_value": 1_000_000, "monthly_debts": 7_000,
              "liquid_assets": 72_000}, "eligible", values={"dti": "52.00"}),
    Scenario("DTI 52% at FICO 700 is not", "keystone_bank_statement",
             {"fico": 705, "loan_amount": 750_000, "appraised_value": 1_000_000, "monthly_debts": 7_000,
              "liquid_assets": 72_000}, "ineligible", {"max_dti"}),
    Scenario("foreclosure 35 months ago", "keystone_bank_statement", {"credit_events": [event("fc", 35)]},
             "ineligible", {"credit_event_seasoning"}),
    Scenario("foreclosure 36 months ago", "keystone_bank_statement", {"credit_events": [event("fc", 36)]}, "eligible"),
    Scenario("state NV excluded", "keystone_bank_statement", {"state": "NV"}, "ineligible", {"excluded_states"}),
    Scenario("reserves 5.99 months on a $1,200,000 loan", "keystone_bank_statement",
             {"loan_amount": 1_200_000, "purchase_price": 1_600_000, "appraised_value": 1_600_000,
              "liquid_assets": 35_940}, "ineligible", {"reserves"}, values={"reserves_months": "5.99"}),
    # --- Harbor Point DSCR
    Scenario("harbor DSCR 0.800 at FICO 745", "harbor_dscr",
             {"market_rent": 3_200, "lease_rent": 3_200, "pitia": 4_000, "loan_amount": 560_000}, "eligible",
             max_ltv="75", binding="no_ratio", base=INVESTOR),
    Scenario("harbor first-time investor at 80%", "harbor_dscr",
             {"first_time_investor": True, "loan_amount": 640_000, "liquid_assets": 60_000}, "ineligible",
             {"max_ltv", "max_cltv"}, max_ltv="75", binding="first_time_investor", base=INVESTOR),
    Scenario("harbor short-term rental DSCR 1.100", "harbor_dscr",
             {"short_term_rental": True, "lease_rent": 4_400, "market_rent": 4_400}, "ineligible", {"short_term_rental"},
             base=INVESTOR),
    # --- Acme overlay tightens Keystone
    Scenario("acme: DTI 47% fails the overlay's 45%", "acme_bank_statement", {"monthly_debts": 5_750}, "ineligible",
             {"max_dti"}, values={"dti": "47.00"}),
    Scenario("keystone: the same DTI 47% passes", "keystone_bank_statement", {"monthly_debts": 5_750}, "eligible"),
    Scenario("acme: non-warrantable condo at FICO 670", "acme_bank_statement",
             {"fico": 670, "property_type": "condo_non_warrantable", "loan_amount": 600_000}, "ineligible", {"condo_fico"}),
]


def _decide(s: Scenario) -> list[Any]:
    import generated
    from generated.loan import Loan

    loan = Loan.model_validate({**s.base, **s.changes})
    program = next(p for p in BUNDLE.programs if p.id == s.program)
    return [generated.check(s.program, loan), evaluate(program, BUNDLE.vocabulary, loan)]


def test_at_least_40_scenarios() -> None:
    assert len(SCENARIOS) >= 40


@pytest.mark.parametrize("s", SCENARIOS, ids=lambda s: s.name)
def test_scenario(s: Scenario) -> None:
    for d in _decide(s):
        failing = {f.rule_id for f in d.findings if f.outcome == "fail"}
        detail = "\n".join(f"{f.outcome:8} {f.rule_id}: {f.message}" for f in d.findings if f.outcome != "not_applicable")
        assert d.status == s.status, detail
        assert failing == s.failing, detail
        limit = d.limit("max_ltv")
        if s.max_ltv is not None:
            assert limit is not None and str(limit.value) == s.max_ltv, (limit, detail)
        if s.binding is not None:
            assert limit is not None and limit.binding_rule == s.binding, limit
        if s.conditions:
            assert {c.text for c in d.conditions} == s.conditions
        values = {v.name: v.value for v in d.values}
        for name, expected in s.values.items():
            assert f"{values[name]:f}" == expected, name
