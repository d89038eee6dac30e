"""What a screening report shows, aggregated in SQL (DuckDB) from a run's output folder: `summary.json`,
`results.parquet` (one row per tape row and program) and `loans.parquet` (the loan facts, see
`compiler.screen.report.loans`). Only aggregates come back into Python (a few hundred values whatever the tape's
size); money sums are exact DECIMALs.

Bands (FICO x LTV, DSCR) are the report's own display bands, compared exactly in SQL; a loan counts as eligible
in the FICO x LTV grid when at least one program it was screened under finds it eligible.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from compiler import ir_program
from compiler.backends.sql.program import SEP
from compiler.screen.report.bands import FICO_EDGES, LTV_EDGES, band_case, fico_labels, ltv_labels

STATUSES = ("eligible", "needs_info", "ineligible", "invalid")
DSCR_LOW, DSCR_HIGH, DSCR_STEP = Decimal("0.50"), Decimal("2.00"), Decimal("0.10")
TOP_RULES = 10
TOP_REASONS = 10
FLIP_ROWS = 25


class ReportError(Exception):
    """An output folder the report cannot be built from (said in plain English)."""


@dataclass
class StatusCell:
    loans: int = 0
    amount: Decimal = Decimal(0)
    without_amount: int = 0


@dataclass
class ProgramRow:
    id: str
    title: str
    cells: dict[str, StatusCell]
    total: StatusCell


@dataclass
class RuleRow:
    id: str
    title: str
    citation: str
    text: str
    loans: int
    share: Decimal  # percent of the program's screened loans


@dataclass
class Grid:
    fico_labels: list[str]
    ltv_labels: list[str]
    loans: list[list[int]]  # [fico band][ltv band]
    eligible: list[list[int]]
    unknown: int  # readable loans with FICO or LTV unknown
    programs: str


@dataclass
class Histogram:
    labels: list[str]
    base: list[int]
    stressed: list[int] | None
    known_base: int
    known_stressed: int | None
    below_one_base: int
    below_one_stressed: int | None


@dataclass
class ReportData:
    summary: dict[str, Any]
    tape_rows: int
    readable_rows: int
    programs: list[ProgramRow]
    rules: dict[str, list[RuleRow]]
    reasons: list[tuple[str, int]]
    invalid_rows: int
    grid: Grid | None
    dscr: Histogram | None
    flips: list[dict[str, Any]]
    flipped: int
    has_loans: bool
    notes: list[str] = field(default_factory=list)


def _q(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def load_summary(folder: Path) -> dict[str, Any]:
    path = folder / "summary.json"
    if not folder.is_dir():
        raise ReportError(f"No folder {folder}: give the --out folder of a `glc screen` run.")
    if not path.is_file():
        raise ReportError(f"{folder} has no summary.json: give the --out folder of a `glc screen` run.")
    if not (folder / "results.parquet").is_file():
        raise ReportError(f"{folder} has no results.parquet: run `glc screen` again into this folder.")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as e:
        raise ReportError(f"{path} is not valid JSON ({e}); run `glc screen` again into this folder.") from None
    if not isinstance(data, dict) or "by_program" not in data:
        raise ReportError(f"{path} is not a `glc screen` summary (no by_program).")
    return data


def gather(con: Any, folder: Path, bundle: ir_program.Bundle | None) -> ReportData:
    """Everything the report shows, from the output folder `folder`."""
    summary = load_summary(folder)
    results = f"read_parquet({_q(folder / 'results.parquet')})"
    loans_path = folder / "loans.parquet"
    has_loans = loans_path.is_file()
    loans = f"read_parquet({_q(loans_path)})" if has_loans else None
    cols = {r[0] for r in con.execute(f"DESCRIBE SELECT * FROM {results}").fetchall()}
    programs_by_id = {p.id: p for p in bundle.programs} if bundle else {}
    notes: list[str] = []
    if not has_loans:
        notes.append("This folder has no loans.parquet (written by `glc screen` since the report exists): "
                     "loan amounts, the FICO x LTV grid and the DSCR chart are left out. Run the screen again to get them.")

    tape_rows = int(con.execute(f'SELECT count(DISTINCT "row") FROM {results}').fetchone()[0])
    readable = int(con.execute(f"SELECT count(*) FROM {loans} WHERE readable").fetchone()[0]) if loans else 0

    # eligible / needs info / ineligible / invalid by program: counts and loan-amount sums
    if loans:
        rows = con.execute(f'SELECT r.program, r.status, count(*), sum(l.loan_amount), count(*) - count(l.loan_amount) '
                           f'FROM {results} AS r LEFT JOIN {loans} AS l ON l."row" = r."row" GROUP BY ALL').fetchall()
    else:
        rows = con.execute(f"SELECT program, status, count(*), NULL, count(*) FROM {results} GROUP BY ALL").fetchall()
    table: dict[str, dict[str, StatusCell]] = {}
    for prog, status, n, amount, without in rows:
        cell = table.setdefault(prog or "", {s: StatusCell() for s in STATUSES}).setdefault(status, StatusCell())
        cell.loans, cell.amount, cell.without_amount = int(n), Decimal(amount or 0), int(without)
    program_rows = []
    for prog in sorted(table):
        cells = table[prog]
        total = StatusCell(sum(c.loans for c in cells.values()), sum((c.amount for c in cells.values()), Decimal(0)),
                           sum(c.without_amount for c in cells.values()))
        p = programs_by_id.get(prog)
        program_rows.append(ProgramRow(prog, p.title if p else "", cells, total))

    # top failing rules per program, with the IR's citation and wording
    rules: dict[str, list[RuleRow]] = {}
    ranked = con.execute(
        f"SELECT program, rule, count(*) AS n FROM (SELECT program, unnest(string_split(failing_rules, '{SEP}')) AS rule "
        f"FROM {results} WHERE failing_rules IS NOT NULL AND failing_rules <> '') GROUP BY program, rule "
        f"QUALIFY row_number() OVER (PARTITION BY program ORDER BY n DESC, rule) <= {TOP_RULES} ORDER BY program, n DESC, rule"
    ).fetchall()
    for prog, rule, n in ranked:
        screened = table.get(prog or "", {})
        total_loans = sum(c.loans for c in screened.values()) or 1
        title, citation, text = rule_text(programs_by_id.get(prog), rule, bundle)
        share = (Decimal(int(n)) * 100 / total_loans).quantize(Decimal("0.1"))
        rules.setdefault(prog or "", []).append(RuleRow(rule, title, citation, text, int(n), share))

    # invalid rows: the reasons the tape reader gave (each tape row once, whatever the number of programs)
    reasons = [(str(r), int(n)) for r, n in con.execute(
        f"SELECT reason, count(DISTINCT \"row\") AS n FROM {results} WHERE status = 'invalid' GROUP BY ALL "
        f"ORDER BY n DESC, reason LIMIT {TOP_REASONS}").fetchall()]
    invalid_rows = int(con.execute(f"SELECT count(DISTINCT \"row\") FROM {results} WHERE status = 'invalid'").fetchone()[0])

    flipped = int(con.execute(f"SELECT count(*) FROM {results} WHERE flipped").fetchone()[0]) if "flipped" in cols else 0
    flips: list[dict[str, Any]] = []
    if flipped:
        dscr = (", l.dscr, l.dscr_stressed" if loans and "dscr_stressed" in _columns(con, loans) else ", NULL, NULL")
        join = f'LEFT JOIN {loans} AS l ON l."row" = r."row"' if loans else ""
        for row in con.execute(f'SELECT r."row", r.loan_id, r.program, r.base_status, r.status, r.failing_rules{dscr} '
                               f'FROM {results} AS r {join} WHERE r.flipped ORDER BY r."row", r.program LIMIT {FLIP_ROWS}').fetchall():
            flips.append(dict(zip(("row", "loan_id", "program", "base_status", "status", "failing_rules", "dscr", "dscr_stressed"),
                                  row, strict=True)))

    grid = _grid(con, results, loans, summary) if loans else None
    hist = _dscr(con, loans) if loans else None
    return ReportData(summary, tape_rows, readable, program_rows, rules, reasons, invalid_rows, grid, hist, flips, flipped,
                      has_loans, notes)


def _columns(con: Any, relation: str) -> set[str]:
    return {r[0] for r in con.execute(f"DESCRIBE SELECT * FROM {relation}").fetchall()}


def rule_text(program: ir_program.Program | None, rule_id: str, bundle: ir_program.Bundle | None) -> tuple[str, str, str]:
    """(title, citation, plain-English text) of a rule or matrix of `program`, as the documentation words it."""
    if program is None or bundle is None:
        return "", "", ""
    from compiler.meta import titles as titles_of
    from compiler.wording import describe, describe_requirement

    titles = titles_of(program, bundle.vocabulary)
    for r in program.rules:
        if r.id == rule_id:
            parts = [describe_requirement(q, titles) for q in r.requirements]
            text = "; ".join(parts)
            if r.when is not None:
                text = f"{text} (when {describe(r.when, titles)})" if text else f"Applies when {describe(r.when, titles)}"
            return r.title, r.citation or "", text
    for lim in program.limits:  # the loan's value above the limit its matrices and adjustments give
        if lim.id == rule_id:
            return (lim.title, "", f"{titles.get(lim.on, lim.on)} at most the {lim.title} that the eligibility matrices and "
                    f"adjustments give the loan (its binding rule: results column {lim.id}_rule)")
    for m in program.matrices:
        if m.id == rule_id:
            return m.title, m.citation or "", "Eligibility matrix: the loan falls outside every cell that gives a limit."
    return "", "", ""


def _grid(con: Any, results: str, loans: str, summary: dict[str, Any]) -> Grid:
    f_case = band_case("l.fico", FICO_EDGES, upper_inclusive=False)
    l_case = band_case("l.ltv", LTV_EDGES, upper_inclusive=True)
    rows = con.execute(
        f'WITH best AS (SELECT "row", bool_or(status = \'eligible\') AS eligible FROM {results} GROUP BY "row") '
        f"SELECT {f_case} AS f, {l_case} AS v, count(*), count(*) FILTER (WHERE b.eligible) "
        f'FROM {loans} AS l JOIN best AS b ON b."row" = l."row" WHERE l.readable GROUP BY ALL').fetchall()
    nf, nl = len(FICO_EDGES) + 1, len(LTV_EDGES) + 1
    counts = [[0] * nl for _ in range(nf)]
    eligible = [[0] * nl for _ in range(nf)]
    unknown = 0
    for f, v, n, e in rows:
        if f is None or v is None:
            unknown += int(n)
            continue
        counts[int(f)][int(v)] += int(n)
        eligible[int(f)][int(v)] += int(e)
    progs = summary.get("programs")
    which = ("each loan's own program" if progs == "per row" else
             f"program {progs[0]}" if isinstance(progs, list) and len(progs) == 1 else "at least one of the programs screened")
    return Grid(fico_labels(), ltv_labels(), counts, eligible, unknown, which)


def dscr_labels() -> list[str]:
    out = [f"< {DSCR_LOW}"]
    x = DSCR_LOW
    while x < DSCR_HIGH:
        out.append(f"{x}–{x + DSCR_STEP}")
        x += DSCR_STEP
    return [*out, f"≥ {DSCR_HIGH}"]


def _dscr(con: Any, loans: str) -> Histogram:
    labels = dscr_labels()
    has_stress = "dscr_stressed" in _columns(con, loans)

    def count(col: str) -> tuple[list[int], int, int]:
        case = (f"CASE WHEN {col} < {DSCR_LOW} THEN 0 WHEN {col} >= {DSCR_HIGH} THEN {len(labels) - 1} "
                f"ELSE CAST(floor(({col} - {DSCR_LOW}) * {int(1 / DSCR_STEP)}) AS INTEGER) + 1 END")  # exact: DECIMAL times an integer
        out = [0] * len(labels)
        for b, n in con.execute(f"SELECT {case} AS b, count(*) FROM {loans} WHERE readable AND {col} IS NOT NULL GROUP BY ALL").fetchall():
            out[int(b)] += int(n)
        below = int(con.execute(f"SELECT count(*) FROM {loans} WHERE readable AND {col} < 1").fetchone()[0])
        return out, sum(out), below

    base, known, below = count("dscr")
    if has_stress:
        stressed, known_s, below_s = count("dscr_stressed")
        return Histogram(labels, base, stressed, known, known_s, below, below_s)
    return Histogram(labels, base, None, known, None, below, None)
