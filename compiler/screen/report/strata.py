"""Stratification tables, as a securitisation's pool report gives them: the readable loans of a run by FICO band, LTV
band, loan size, state, documentation type, property type, occupancy and purpose, each row with its loans, balance
(the loan amount), share of the pool's balance and balance-weighted averages of FICO, LTV, CLTV, DTI, DSCR (and the
coupon when the tape has one).

Aggregated in DuckDB over `loans.parquet` (`compiler.screen.report.loans`): exact DECIMAL sums of balance and of
value x balance; only the sums come back, and each weighted average is their exact quotient, rounded half up once
(`round_fraction`). A loan without the value (or without a balance) is left out of that average and counted.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any

from compiler import ir_program
from compiler.evaluate import round_fraction
from compiler.screen.report.bands import FICO_EDGES, LTV_EDGES, SIZE_EDGES, band_case, fico_labels, ltv_labels, size_labels

UNKNOWN = "(unknown)"
# measure column, heading, decimals shown
MEASURES = (("fico", "WA FICO", 0), ("ltv", "WA LTV", 2), ("cltv", "WA CLTV", 2), ("dti", "WA DTI", 2),
            ("dscr", "WA DSCR", 3), ("coupon", "WA coupon", 3))
AMOUNT = 'CAST(loan_amount AS DECIMAL(18, 2))'


@dataclass
class Sums:
    """What SQL returns for one row of a table: counts and exact sums."""

    loans: int = 0
    balance: Decimal = Decimal(0)
    without_balance: int = 0
    weighted: dict[str, Decimal] = field(default_factory=dict)  # measure: sum(value x balance) over loans with both
    weights: dict[str, Decimal] = field(default_factory=dict)  # measure: sum(balance) over loans with both
    excluded: dict[str, int] = field(default_factory=dict)  # measure: loans without the value or the balance

    def add(self, other: Sums) -> None:
        self.loans += other.loans
        self.balance += other.balance
        self.without_balance += other.without_balance
        for d, o in ((self.weighted, other.weighted), (self.weights, other.weights)):
            for k, v in o.items():
                d[k] = d.get(k, Decimal(0)) + v
        for k, n in other.excluded.items():
            self.excluded[k] = self.excluded.get(k, 0) + n


@dataclass
class StratRow:
    key: str  # the band index or the group's value, for links and tests
    label: str
    sums: Sums
    share_pct: Decimal | None  # of the pool's balance, 2 decimals
    wa: dict[str, Decimal | None]


@dataclass
class Stratum:
    id: str
    title: str
    rows: list[StratRow]
    total: StratRow
    measures: list[tuple[str, str, int]]  # the measures shown (those some loan of the pool has)


def weighted_average(weighted: Decimal, weights: Decimal, decimals: int) -> Decimal | None:
    """sum(value x balance) / sum(balance), exactly, rounded half up once to `decimals`."""
    if not weights:
        return None
    return round_fraction(Fraction(weighted) / Fraction(weights), decimals, "half_up")


def _pct(part: Decimal, whole: Decimal) -> Decimal | None:
    return round_fraction(Fraction(part) * 100 / Fraction(whole), 2, "half_up") if whole else None


def _select(key: str, measures: Sequence[str]) -> str:
    cols = [f"{key} AS k", "count(*)", f"coalesce(sum({AMOUNT}), 0)", "count(*) - count(loan_amount)"]
    for m in measures:
        value = f"CAST({m} AS DECIMAL(20, 6))"
        both = f"{m} IS NOT NULL AND loan_amount IS NOT NULL"
        cols += [f"coalesce(sum({value} * {AMOUNT}) FILTER (WHERE {both}), 0)",
                 f"coalesce(sum({AMOUNT}) FILTER (WHERE {both}), 0)", f"count(*) FILTER (WHERE NOT ({both}))"]
    return ", ".join(cols)


def _sums(con: Any, loans: str, key: str, measures: Sequence[str]) -> dict[Any, Sums]:
    out: dict[Any, Sums] = {}
    for row in con.execute(f"SELECT {_select(key, measures)} FROM {loans} WHERE readable GROUP BY ALL").fetchall():
        s = Sums(int(row[1]), Decimal(row[2]), int(row[3]))
        for i, m in enumerate(measures):
            w, b, x = row[4 + 3 * i: 7 + 3 * i]
            s.weighted[m], s.weights[m], s.excluded[m] = Decimal(w), Decimal(b), int(x)
        out[row[0]] = s
    return out


def _row(key: str, label: str, s: Sums, pool: Decimal, measures: Sequence[tuple[str, str, int]]) -> StratRow:
    return StratRow(key, label, s, _pct(s.balance, pool),
                    {m: weighted_average(s.weighted.get(m, Decimal(0)), s.weights.get(m, Decimal(0)), d) for m, _, d in measures})


def dimensions(vocabulary: ir_program.Vocabulary | None) -> list[tuple[str, str, str, list[str] | dict[str, str]]]:
    """(id, title, SQL key, band labels (a list: the key is the band index) or value labels (a dict))."""
    labels: dict[str, dict[str, str]] = {}
    titles: dict[str, str] = {}
    for f in vocabulary.fields if vocabulary else ():
        titles[f.name] = f.title
        if f.type.kind == "enum":
            named = dict(zip(f.type.values, f.type.labels, strict=False))
            labels[f.name] = {v: named.get(v) or v for v in f.type.values}
    out: list[tuple[str, str, str, list[str] | dict[str, str]]] = [
        ("fico", "Credit score (FICO)", band_case("fico", FICO_EDGES, upper_inclusive=False), fico_labels()),
        ("ltv", "LTV", band_case("ltv", LTV_EDGES, upper_inclusive=True), ltv_labels()),
        ("loan_size", "Loan size", band_case("loan_amount", SIZE_EDGES, upper_inclusive=True), size_labels()),
    ]
    for name, default in (("state", "State"), ("doc_type", "Documentation type"), ("property_type", "Property type"),
                          ("occupancy", "Occupancy"), ("purpose", "Purpose")):
        out.append((name, titles.get(name, default), name, labels.get(name, {})))
    return out


def present_measures(con: Any, loans: str) -> list[tuple[str, str, int]]:
    """The measures some readable loan has (a tape without a coupon gets no coupon column)."""
    cols = {r[0] for r in con.execute(f"DESCRIBE SELECT * FROM {loans}").fetchall()}
    have = [m for m in MEASURES if m[0] in cols]
    if not have:
        return []
    counts = con.execute(f"SELECT {', '.join(f'count({m[0]})' for m in have)} FROM {loans} WHERE readable").fetchone()
    return [m for m, n in zip(have, counts, strict=True) if n or m[0] != "coupon"]


def stratify(con: Any, loans: str, vocabulary: ir_program.Vocabulary | None) -> list[Stratum]:
    """Every stratification table of the readable loans in the relation `loans`."""
    measures = present_measures(con, loans)
    names = [m[0] for m in measures]
    cols = {r[0] for r in con.execute(f"DESCRIBE SELECT * FROM {loans}").fetchall()}
    out = []
    for dim, title, key, labels in dimensions(vocabulary):
        if dim not in cols and dim != "loan_size":
            continue
        by = _sums(con, loans, key, names)
        total = Sums(weighted=dict.fromkeys(names, Decimal(0)), weights=dict.fromkeys(names, Decimal(0)),
                     excluded=dict.fromkeys(names, 0))
        for s in by.values():
            total.add(s)
        pool = total.balance
        rows: list[StratRow] = []
        if isinstance(labels, list):  # bands, in order
            rows = [_row(str(i), lab, by[i], pool, measures) for i, lab in enumerate(labels) if i in by]
        else:  # values, largest balance first
            known = sorted((k for k in by if k is not None), key=lambda k: (-by[k].balance, -by[k].loans, str(k)))
            rows = [_row(str(k), labels.get(str(k), str(k)), by[k], pool, measures) for k in known]
        if None in by:
            rows.append(_row(UNKNOWN, UNKNOWN, by[None], pool, measures))
        out.append(Stratum(dim, title, rows, _row("total", "All readable loans", total, pool, measures), measures))
    return out
