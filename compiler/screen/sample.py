"""`glc sample-tape`: a deterministic synthetic loan tape for demos, tests and benchmarks.

Rows are drawn with `random.Random(seed)` (same seed, same tape, byte for byte), with plausible joint
distributions (value -> loan amount through a target LTV, PITIA from the loan amount, income from a target DTI,
credit events seasoned around the programs' thresholds), every band edge the programs use (each edge and one
step either side: FICO, loan amount, LTV, DTI, DSCR, reserves, ...), unknown cells, tape-style formats
("$1,200,000", "80.00%", "Y"/"N", enum labels) and, at the rate asked, broken rows (unreadable cells).
Every cell is written as text (CSV, or Parquet of strings), as tapes arrive; a `program` column assigns each row
a program. Written in chunks (bounded memory) and atomically.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
from collections.abc import Iterator
from decimal import ROUND_CEILING, Decimal
from pathlib import Path
from typing import Any

from compiler import ir

CHUNK = 50_000
APP_START = dt.date(2026, 1, 2)


def band_edges(bundle: ir.Bundle) -> dict[str, list[Decimal]]:
    """Band edges per field or value name across all programs: matrix axes, lookup keys, compared constants."""
    out: dict[str, set[Decimal]] = {}

    def add(expr: ir.Expr, values: list[Decimal | None]) -> None:
        if isinstance(expr, (ir.FieldRef, ir.ValueRef)):
            out.setdefault(expr.name, set()).update(v for v in values if v is not None)

    def compares(x: ir.Expr) -> Iterator[ir.Compare]:
        if isinstance(x, ir.Compare):
            yield x
        elif isinstance(x, (ir.And, ir.Or)):
            for p in x.operands:
                yield from compares(p)
        elif isinstance(x, ir.Not):
            yield from compares(x.operand)

    for p in bundle.programs:
        for m in p.matrices:
            for axis in [m.rows] + ([m.columns] if m.columns else []):
                add(axis.expr, [e for b in axis.bands for e in (b.low, b.high)])
        for v in p.values:
            if isinstance(v.body, ir.Lookup):
                add(v.body.key.expr, [e for b in v.body.key.bands for e in (b.low, b.high)])
        for r in p.rules:
            exprs = [r.when] if r.when is not None else []
            for q in r.requirements:
                exprs += [q.test] + [e for a in q.alternatives for e in (a.test, a.when)]
            for e in exprs:
                for c in compares(e):
                    if isinstance(c.right, ir.Const) and isinstance(c.right.value, Decimal):
                        add(c.left, [c.right.value])
    return {k: sorted(v) for k, v in out.items()}


def _months_before(d: dt.date, months: int, days: int = 0) -> dt.date:
    y, m = divmod(d.month - 1 - months, 12)
    base = dt.date(d.year + y, m + 1, min(d.day, 28))
    return base - dt.timedelta(days=days)


class Generator:
    def __init__(self, bundle: ir.Bundle, seed: int, broken: float) -> None:
        self.rnd = random.Random(seed)
        self.vocab = bundle.vocabulary
        self.programs = [p.id for p in bundle.programs]
        self.edges = band_edges(bundle)
        self.broken = broken
        self.fields = [f.name for f in self.vocab.fields]
        self.kinds = {f.name: f.type.kind for f in self.vocab.fields}
        self.states = self.vocab.field("state").type.values  # type: ignore[union-attr]
        self.labels = {f.name: dict(zip(f.type.values, f.type.labels, strict=False)) for f in self.vocab.fields
                       if f.type.kind == "enum"}

    def edge(self, name: str, step: Decimal, default: list[Decimal]) -> Decimal:
        e = self.rnd.choice(self.edges.get(name) or default)
        return e + self.rnd.choice((-step, Decimal(0), Decimal(0), step))

    def row(self, n: int) -> dict[str, Any]:
        r = self.rnd
        loan: dict[str, Any] = {"loan_id": f"L{n:08d}", "program": r.choice(self.programs)}
        app = APP_START + dt.timedelta(days=r.randrange(0, 300))
        loan["application_date"] = app
        loan["note_date"] = app + dt.timedelta(days=r.randrange(20, 60))
        program = loan["program"]
        dscr = "dscr" in program  # property cash-flow programs: investment loans documented by rent
        occupancy = "investment" if dscr else r.choices(("primary", "second_home", "investment"), (70, 10, 20))[0]
        purpose = r.choices(("purchase", "rate_term", "cash_out"), (50, 20, 30))[0]
        loan.update(occupancy=occupancy, purpose=purpose)
        fico = self.edge("fico", Decimal(1), [Decimal(660)]) if r.random() < 0.3 else Decimal(max(300, min(850, int(r.gauss(725, 45)))))
        loan["fico"] = min(Decimal(850), max(Decimal(300), fico))
        value = Decimal(int(r.lognormvariate(13.3, 0.5))).quantize(Decimal(1))
        value = max(Decimal(60_000), min(value, Decimal(9_000_000)))
        if r.random() < 0.25:  # loan amount on a matrix column edge
            amount = max(Decimal(1), self.edge("loan_amount", Decimal(1), [Decimal(1_000_000)]))
            ltv = Decimal(r.choice([60, 65, 70, 75, 80, 85, 90]))
            value = (amount * 100 / ltv).quantize(Decimal(1), rounding=ROUND_CEILING)
        else:
            ltv = self.edge("ltv", Decimal("0.01"), [Decimal(80)]) if r.random() < 0.4 else Decimal(r.randrange(40, 86))
            amount = max(Decimal(1), (value * ltv / 100).quantize(Decimal(1)) + r.choice((-1, 0, 0, 1)))
        loan["loan_amount"] = amount
        loan["appraised_value"] = value
        loan["purchase_price"] = value + (Decimal(r.randrange(0, 3)) * 5000 if r.random() < 0.3 else 0) if purpose == "purchase" else None
        loan["subordinate_liens"] = Decimal(r.choice((0,) * 9 + (10_000, 25_000, 50_000)))
        loan["cash_out_amount"] = Decimal(r.randrange(10_000, 500_000)) if purpose == "cash_out" else Decimal(0)
        loan["interest_only"] = r.random() < 0.15
        loan["prepayment_penalty_months"] = r.choice((0, 12, 24, 36, 60)) if occupancy == "investment" else 0
        loan["property_type"] = r.choices(list(self.labels["property_type"]), (50, 15, 6, 10, 5, 2, 6, 1, 1, 1, 2, 1))[0]
        loan["units"] = {"two_to_four_unit": r.randint(2, 4), "five_to_ten_unit": r.randint(5, 10)}.get(loan["property_type"], 1)
        loan["state"] = r.choice(self.states)
        for flag, p in (("rural", 0.05), ("declining_market", 0.07), ("short_term_rental", 0.05), ("fthb", 0.2),
                        ("first_time_investor", 0.1), ("rent_free", 0.04), ("in_forbearance", 0.02)):
            loan[flag] = r.random() < p
        loan["citizenship"] = r.choices(list(self.labels["citizenship"]), (75, 12, 5, 4, 4))[0]
        loan["financed_properties"] = r.randint(1, 3) if occupancy != "investment" else r.randint(1, 12)
        loan["credit_events"] = self.events(app)
        loan["housing_history_months"] = r.choice((0, 6, 11, 12, 13) + (24, 36, 60, 120) * 4)
        loan["housing_lates"] = self.lates(app)
        loan["housing_verification"] = r.choices(list(self.labels["housing_verification"]), (40, 30, 15, 10, 5))[0]
        pitia = (amount * Decimal("0.0075")).quantize(Decimal("0.01"))
        loan["pitia"] = pitia
        loan["monthly_taxes"] = (pitia * Decimal("0.18")).quantize(Decimal("0.01"))  # parts of PITIA, for stress scenarios
        loan["monthly_insurance"] = (pitia * Decimal("0.07")).quantize(Decimal("0.01"))
        loan["current_housing_payment"] = (pitia * Decimal(r.uniform(0.4, 1.3))).quantize(Decimal("0.01"))
        loan["forbearance_end"] = _months_before(app, r.choice((6, 11, 12, 13, 24))) if r.random() < 0.05 else None
        loan["payments_since_forbearance"] = r.choice((0, 3, 6, 12)) if loan["forbearance_end"] else None
        docs = list(self.labels["doc_type"])
        loan["doc_type"] = "dscr" if dscr else r.choice([d for d in docs if d.startswith("bank_stmt")]) \
            if "bank_statement" in program and r.random() < 0.9 else r.choice(docs)
        dti = self.edge("dti", Decimal("0.01"), [Decimal(50)]) if r.random() < 0.3 else Decimal(r.randrange(15, 50))
        debts = (pitia * Decimal(r.uniform(0, 0.6))).quantize(Decimal("0.01"))
        income = ((pitia + debts) * 100 / max(dti, Decimal(1))).quantize(Decimal("0.01"))
        months = r.choice((12, 24))
        loan.update(monthly_income=income, monthly_debts=debts, statement_months=months,
                    total_deposits=(income * months * Decimal(r.uniform(1.0, 2.2))).quantize(Decimal("0.01")),
                    excluded_transfers=Decimal(r.randrange(0, 20_000)), excluded_nonrecurring=Decimal(r.randrange(0, 10_000)),
                    cpa_expense_ratio=Decimal(r.randrange(10, 60)) if r.random() < 0.5 else None,
                    ownership_pct=Decimal(r.choice((25, 50, 51, 100, 100, 100))))
        rent = (pitia * (self.edge("dscr", Decimal("0.001"), [Decimal(1)]) if r.random() < 0.4 else Decimal(r.uniform(0.6, 1.6)))) \
            .quantize(Decimal("0.01"))
        loan["market_rent"] = rent if occupancy == "investment" or r.random() < 0.1 else None
        leased = loan["market_rent"] and r.random() < 0.5
        loan["lease_rent"] = (rent * Decimal(r.choice(("0.9", "1", "1.1")))).quantize(Decimal("0.01")) if leased else None
        reserves = self.edge("reserves_months", Decimal("0.01"), [Decimal(6)]) if r.random() < 0.4 else Decimal(r.randrange(0, 40))
        loan["liquid_assets"] = (pitia * reserves).quantize(Decimal("0.01"))
        loan["borrower_contribution_pct"] = Decimal(r.choice((0, 5, 10, 20, 25)))
        for name in self.fields:
            if name not in ("loan_id", "application_date") and r.random() < 0.03:
                loan[name] = None  # unknown
        return loan

    def events(self, app: dt.date) -> list[dict[str, str]] | None:
        r = self.rnd
        if r.random() < 0.05:
            return None
        if r.random() < 0.8:
            return []
        kinds = self.vocab.records[0].fields[0].type.values
        return [{"kind": r.choice(kinds), "completed_on": _months_before(app, r.choice((11, 12, 23, 24, 35, 36, 47, 48, 49, 84)),
                                                                         r.choice((0, 0, 1, -1))).isoformat()}
                for _ in range(r.choice((1, 1, 2)))]

    def lates(self, app: dt.date) -> list[dict[str, Any]] | None:
        r = self.rnd
        if r.random() < 0.05:
            return None
        if r.random() < 0.85:
            return []
        return [{"due_on": _months_before(app, r.choice((1, 6, 11, 12, 13, 23, 24, 25))).isoformat(),
                 "days_late": r.choice((30, 59, 60, 89, 90, 120))} for _ in range(r.choice((1, 1, 2, 3)))]

    def text(self, name: str, value: Any) -> str:
        """A cell as a tape has it, sometimes in a tape's own formats."""
        r = self.rnd
        if value is None:
            return r.choice(("", "", "NA"))
        kind = self.kinds.get(name, "text")
        if isinstance(value, bool):
            pair = r.choice((("Y", "N"), ("yes", "no"), ("TRUE", "FALSE")))
            return pair[0] if value else pair[1]
        if isinstance(value, list):
            return json.dumps(value)
        if isinstance(value, dt.date):
            return value.isoformat() if r.random() < 0.8 else value.strftime("%m/%d/%Y")
        if isinstance(value, Decimal):
            if kind == "money" and r.random() < 0.3:
                return f"${value:,.2f}" if value != value.to_integral_value() or r.random() < 0.5 else f"${value:,.0f}"
            if kind == "percent" and r.random() < 0.3:
                return f"{value:.2f}%"
            return f"{value:f}"
        if kind == "enum" and r.random() < 0.2 and self.labels[name].get(str(value)):
            return self.labels[name][str(value)]
        return str(value)

    def breakage(self, cells: dict[str, str]) -> None:
        r = self.rnd
        name = r.choice(("fico", "loan_amount", "application_date", "occupancy", "credit_events", "appraised_value",
                         "interest_only", "pitia", "ownership_pct"))
        cells[name] = {"fico": r.choice(("abc", "9999", "7 20")), "loan_amount": r.choice(("1.2M", "-5", "800000.50")),
                       "application_date": r.choice(("2026-02-30", "yesterday", "13/45/2026")),
                       "occupancy": "owner?", "credit_events": r.choice(("[{bad json", '[{"kind": "xx"}]')),
                       "appraised_value": "$1.2.3", "interest_only": "maybe", "pitia": "n/a dollars",
                       "ownership_pct": "150%"}[name]

    def rows(self, count: int) -> Iterator[dict[str, str]]:
        header = ["loan_id", "program", *[n for n in self.fields if n != "loan_id"]]
        for n in range(1, count + 1):
            loan = self.row(n)
            cells = {name: self.text(name, loan.get(name)) if name not in ("loan_id", "program") else str(loan[name])
                     for name in header}
            if self.rnd.random() < self.broken:
                self.breakage(cells)
            yield cells


def write_sample(bundle: ir.Bundle, out: Path, rows: int, seed: int, broken: float) -> int:
    """Write the tape (CSV or Parquet by the file's suffix) atomically; returns the number of rows written."""
    import pyarrow as pa
    import pyarrow.csv as pacsv
    import pyarrow.parquet as pq

    gen = Generator(bundle, seed, broken)
    header = ["loan_id", "program", *[n for n in gen.fields if n != "loan_id"]]
    schema = pa.schema([(h, pa.string()) for h in header])
    tmp = out.with_name(f".{out.name}.tmp{os.getpid()}")
    parquet = out.suffix.lower() in (".parquet", ".pq")
    writer: Any = pq.ParquetWriter(tmp, schema, compression="zstd") if parquet else \
        pacsv.CSVWriter(tmp, schema, write_options=pacsv.WriteOptions(quoting_style="needed"))
    written = 0
    try:
        it = gen.rows(rows)
        while written < rows:
            chunk = [next(it) for _ in range(min(CHUNK, rows - written))]
            writer.write_batch(pa.RecordBatch.from_pylist(chunk, schema=schema))
            written += len(chunk)
        writer.close()
        os.replace(tmp, out)
    finally:
        if tmp.exists():
            tmp.unlink()
    return written
