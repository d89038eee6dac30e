"""Top-10 concentrations of a run's readable loans: the largest loans, the states (and zip codes when the tape has
them) and the investor programs with the largest balance, each with its share of the pool's balance. Aggregated in
DuckDB over `loans.parquet` and `results.parquet`; sums exact."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

from compiler import ir_program
from compiler.evaluate import round_fraction

TOP = 10


@dataclass
class Concentration:
    key: str
    label: str
    loans: int
    balance: Decimal
    share_pct: Decimal | None
    detail: dict[str, Any]


@dataclass
class Concentrations:
    pool_balance: Decimal
    pool_loans: int
    largest: list[Concentration]
    by: dict[str, list[Concentration]]  # "state", "zip" (when present), "program"
    by_titles: dict[str, str]


def _pct(part: Decimal, whole: Decimal) -> Decimal | None:
    return round_fraction(Fraction(part) * 100 / Fraction(whole), 2, "half_up") if whole else None


def concentrations(con: Any, loans: str, results: str, bundle: ir_program.Bundle | None) -> Concentrations:
    pool_loans, pool = con.execute(f"SELECT count(*), coalesce(sum(loan_amount), 0) FROM {loans} WHERE readable").fetchone()
    pool = Decimal(pool)
    largest = [Concentration(str(r[0]), "" if r[1] is None else str(r[1]), 1, Decimal(r[3]), _pct(Decimal(r[3]), pool),
                             {"row": int(r[0]), "state": r[2], "fico": r[4], "ltv": r[5]})
               for r in con.execute(f'SELECT "row", loan_id, state, loan_amount, fico, ltv FROM {loans} '
                                    f'WHERE readable AND loan_amount IS NOT NULL ORDER BY loan_amount DESC, "row" LIMIT {TOP}').fetchall()]
    cols = {r[0] for r in con.execute(f"DESCRIBE SELECT * FROM {loans}").fetchall()}
    by: dict[str, list[Concentration]] = {}
    titles = {"state": "State", "zip": "Zip code", "program": "Investor program"}
    for col in ("state", "zip"):
        if col not in cols:
            continue
        rows = con.execute(f'SELECT {col}, count(*), coalesce(sum(loan_amount), 0) AS b FROM {loans} '
                           f'WHERE readable AND {col} IS NOT NULL GROUP BY ALL ORDER BY b DESC, {col} LIMIT {TOP}').fetchall()
        if rows:
            by[col] = [Concentration(str(k), str(k), int(n), Decimal(b), _pct(Decimal(b), pool), {}) for k, n, b in rows]
    programs = {p.id: p for p in bundle.programs} if bundle else {}
    rows = con.execute(
        f"SELECT r.program, count(*), coalesce(sum(l.loan_amount), 0), count(*) FILTER (WHERE r.status = 'eligible'), "
        f"coalesce(sum(l.loan_amount) FILTER (WHERE r.status = 'eligible'), 0) AS eb "
        f'FROM {results} AS r JOIN {loans} AS l ON l."row" = r."row" WHERE l.readable AND r.program IS NOT NULL '
        f"GROUP BY ALL ORDER BY eb DESC, r.program LIMIT {TOP}").fetchall()
    out = []
    for prog, n, b, en, eb in rows:
        p = programs.get(prog)
        label = f"{p.investor}: {p.title}" if p else str(prog)
        out.append(Concentration(str(prog), label, int(n), Decimal(b), _pct(Decimal(b), pool),
                                 {"eligible": int(en), "eligible_balance": Decimal(eb), "eligible_pct": _pct(Decimal(eb), pool)}))
    if out:
        by["program"] = out
    return Concentrations(pool, int(pool_loans), largest, by, titles)
