"""Benchmark loans: a fixed-seed generator of realistic loans, a quarter of each numeric field at a band edge.

Built from the vocabulary and the programs' own band edges (the same edges the test suite's strategies use):
for every numeric field, a quarter of the loans take a band edge of some program (the edge itself or one step
either side), the rest a realistic value; the loan amount is then set so that a quarter of the loans land
on an LTV band edge. Each optional field is unknown in 2% of loans, so the needs-info paths are timed too.
Deterministic: the same seed gives the same loans on every machine.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from typing import Any

from compiler import ir, ir_program
from tests.loans import AS_OF, _edges

# Realistic ranges (low, high) where the vocabulary's declared range is far wider than real loans.
REALISTIC: dict[str, tuple[int, int]] = {
    "loan_amount": (120_000, 3_200_000),
    "cash_out_amount": (0, 500_000),
    "prepayment_penalty_months": (0, 60),
    "subordinate_liens": (0, 300_000),
    "fico": (640, 820),
    "financed_properties": (0, 12),
    "housing_history_months": (10, 120),
    "current_housing_payment": (1_000, 15_000),
    "payments_since_forbearance": (0, 24),
    "monthly_income": (5_000, 80_000),
    "total_deposits": (100_000, 2_500_000),
    "excluded_transfers": (0, 20_000),
    "excluded_nonrecurring": (0, 20_000),
    "statement_months": (12, 24),
    "cpa_expense_ratio": (10, 70),
    "ownership_pct": (20, 100),
    "monthly_debts": (0, 3_000),
    "pitia": (2_000, 20_000),
    "lease_rent": (1_500, 20_000),
    "market_rent": (1_500, 20_000),
    "liquid_assets": (0, 400_000),
    "borrower_contribution_pct": (0, 30),
    "units": (1, 4),
}
# Share of loans with each yes/no field true.
YES = {"interest_only": 0.2, "rural": 0.1, "declining_market": 0.1, "short_term_rental": 0.05, "fthb": 0.15,
       "first_time_investor": 0.1, "rent_free": 0.08, "in_forbearance": 0.03}
# Enum values drawn more often (the rest evenly).
FAVOURED = {
    "occupancy": ["primary", "primary", "primary", "second_home", "investment"],
    "property_type": ["sfr", "sfr", "sfr", "pud", "condo_warrantable", "condo_non_warrantable", "townhome", "two_to_four_unit"],
    "doc_type": ["bank_stmt_personal_12", "bank_stmt_personal_24", "bank_stmt_business_12", "bank_stmt_business_24"],
    "housing_verification": ["vom", "vor", "bank_records"],
}
UNKNOWN = 0.02
EDGE = 0.25


def _months_before(months: int, days: int) -> dt.date:
    y, m = divmod(AS_OF.month - 1 - months, 12)
    return dt.date(AS_OF.year + y, m + 1, min(AS_OF.day, 28)) + dt.timedelta(days=days)


class LoanGenerator:
    """`LoanGenerator(bundle, seed).loans(n)`: n loan dicts the generated `Loan` model accepts."""

    def __init__(self, bundle: ir_program.Bundle, seed: int = 20260315, unknown: float = UNKNOWN) -> None:
        self.rng = random.Random(seed)
        self.unknown = unknown  # share of each optional field left unknown
        self.vocab = bundle.vocabulary
        self.edges = {k: sorted(v) for k, v in _edges(bundle).items()}
        self.records = {r.name: r for r in self.vocab.records}

    def _number(self, f: ir.Field) -> Any:
        rng = self.rng
        places = f.places if f.places is not None else (0 if f.type.kind in ("integer", "months") else 2)
        step = Decimal(1).scaleb(-places)
        low = f.range.low if f.range and f.range.low is not None else Decimal(0)
        high = f.range.high if f.range and f.range.high is not None else Decimal(10_000_000)
        edges = [e for e in self.edges.get(f.name, []) if low <= e <= high]
        if edges and rng.random() < EDGE:
            x = rng.choice(edges) + rng.choice((-step, Decimal(0), step))
            x = min(max(x, low), high)
        else:
            lo, hi = REALISTIC.get(f.name, (int(low), int(min(high, Decimal(1_000_000)))))
            x = Decimal(rng.randint(lo * 10**places, hi * 10**places)).scaleb(-places)
        x = x.quantize(step)
        return int(x) if f.type.kind in ("integer", "months") else x

    def _value(self, f: ir.Field) -> Any:
        rng, t = self.rng, f.type
        if t.kind == "text":
            return f"L-{rng.randint(1, 10**6)}"
        if t.kind == "date":
            if f.name == "application_date":
                return AS_OF
            return _months_before(rng.choice([0, 1, 3, 6, 11, 12, 13, 24]), rng.randint(-3, 3))
        if t.kind == "yesno":
            return rng.random() < YES.get(f.name, 0.1)
        if t.kind == "enum":
            return rng.choice(FAVOURED.get(f.name) or list(t.values)) if rng.random() < 0.9 else rng.choice(t.values)
        if t.kind == "list":
            record = self.records[t.record]
            return [self._item(record) for _ in range(rng.choice((0, 0, 0, 0, 0, 0, 1, 1, 2)))]
        return self._number(f)

    def _item(self, record: ir.Record) -> dict[str, Any]:
        item: dict[str, Any] = {}
        for f in record.fields:
            if f.type.kind == "date":  # around the seasoning and look-back thresholds
                item[f.name] = _months_before(self.rng.choice([1, 6, 11, 12, 13, 23, 24, 25, 35, 36, 37, 48, 84]),
                                              self.rng.randint(-2, 2))
            elif f.type.kind == "enum":
                item[f.name] = self.rng.choice(f.type.values)
            else:
                item[f.name] = self.rng.choice((30, 60, 90, 120))
        return item

    def loan(self) -> dict[str, Any]:
        rng = self.rng
        loan: dict[str, Any] = {}
        for f in self.vocab.fields:
            unknown = f.name != "application_date" and rng.random() < self.unknown
            loan[f.name] = None if unknown else self._value(f)
        if loan.get("forbearance_end") is not None and rng.random() < 0.9:
            loan["forbearance_end"] = None  # most borrowers were never in forbearance
        if loan.get("credit_events") and rng.random() < 0.5:
            loan["credit_events"] = []
        amount = loan.get("loan_amount")
        if amount is not None and loan.get("appraised_value") is not None:
            ltv_edges = self.edges.get("ltv") or [Decimal(80)]
            ltv = rng.choice(ltv_edges) if rng.random() < EDGE else Decimal(rng.randint(4000, 8500)) / 100
            value = (Decimal(amount) * 100 / ltv).quantize(Decimal(1))
            loan["appraised_value"] = value + rng.choice((-1, 0, 0, 1))
            if loan.get("purchase_price") is not None:
                loan["purchase_price"] = value if rng.random() < 0.7 else value + rng.randint(-20_000, 20_000)
        self._consistent(loan)
        if loan.get("liquid_assets") is not None and loan.get("pitia") is not None and rng.random() < EDGE:
            months = rng.choice(self.edges.get("reserves_months") or [Decimal(6)])
            loan["liquid_assets"] = (loan["pitia"] * months).quantize(Decimal("0.01")) + rng.choice((Decimal("-0.01"), 0, 0))
        return loan

    def _consistent(self, loan: dict[str, Any]) -> None:
        """Payment, income, reserves and liens in proportion to the loan amount (as on real applications)."""
        rng = self.rng
        amount = loan.get("loan_amount")
        if amount is None:
            return
        if loan.get("subordinate_liens") is not None and rng.random() < 0.8:
            loan["subordinate_liens"] = Decimal(0)
        if loan.get("pitia") is None:
            return
        pitia = (Decimal(amount) * Decimal(rng.randint(55, 95)) / 10_000).quantize(Decimal("0.01"))
        loan["pitia"] = pitia
        if loan.get("current_housing_payment") is not None:
            loan["current_housing_payment"] = (pitia * Decimal(rng.randint(40, 130)) / 100).quantize(Decimal("0.01"))
        if loan.get("liquid_assets") is not None:
            loan["liquid_assets"] = (pitia * Decimal(rng.randint(200, 3000)) / 100).quantize(Decimal("0.01"))
        debts = loan.get("monthly_debts") or Decimal(0)
        income = (pitia + debts) * 100 / Decimal(rng.randint(20, 58))  # DTI 20%..58%
        months = loan.get("statement_months") or 12
        share = Decimal(1)
        if str(loan.get("doc_type", "")).startswith("bank_stmt_business") and loan.get("ownership_pct") is not None:
            share = (100 - (loan.get("cpa_expense_ratio") or Decimal(50))) * loan["ownership_pct"] / 10_000
        if loan.get("total_deposits") is not None and share > 0:
            extra = (loan.get("excluded_transfers") or 0) + (loan.get("excluded_nonrecurring") or 0)
            loan["total_deposits"] = (income * months / share + extra).quantize(Decimal("0.01"))
        if loan.get("monthly_income") is not None:
            loan["monthly_income"] = income.quantize(Decimal("0.01"))

    def loans(self, n: int) -> list[dict[str, Any]]:
        return [self.loan() for _ in range(n)]
