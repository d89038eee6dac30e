"""The loans behind the report's figures, as CSV files in `report-loans/` beside report.html: one per pool-limit
breach (the loans that count toward the breaching group), one per exception group (the loans failing only that
rule, with the nearest change where the explain search gave one) and, with a comparison, one of the flipped results.

Written with the formula-safe CSV writer (`compiler.screen.safe_csv`), streamed from DuckDB in batches. The folder
is written whole under a temporary name and swapped in for the old one, so the report never links to a half-written
file or to a file of an earlier run. File names are built from ids and a group's position, never from tape text.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from typing import Any

from compiler.portfolio.pool import WHOLE_POOL
from compiler.screen.report.exceptions import FILE as EXPLAINED
from compiler.screen.report.exceptions import ExceptionGroup, single_failure

FOLDER = "report-loans"
BATCH = 50_000
FACTS = ("state", "fico", "loan_amount", "ltv", "cltv", "dti", "dscr", "doc_type", "property_type", "occupancy", "purpose")


def _q(path: Path) -> str:
    return "read_parquet('" + str(path).replace("'", "''") + "')"


def _lit(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def slug(text: str) -> str:
    """A file-name part of `text`: letters, digits and dashes only, at most 40 characters."""
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-")[:40].strip("-") or "group"


def _write(con: Any, query: str, path: Path) -> None:
    from compiler.screen import safe_csv

    reader = con.sql(query).to_arrow_reader(BATCH)
    with safe_csv.Writer(path, reader.schema) as w:
        for batch in reader:
            w.write_batch(batch)


def _facts(loans_cols: set[str]) -> str:
    return ", ".join(f"l.{c}" for c in FACTS if c in loans_cols)


def write_all(con: Any, folder: Path, exceptions: list[ExceptionGroup], limits: list[dict[str, Any]],
              flips_query: str | None) -> tuple[dict[tuple[str, str], str], str | None]:
    """Write report-loans/ in `folder`; set each exception group's `file`. Returns the breach files by (limit id,
    group) and the flips file, as paths relative to the folder."""
    results, loans = _q(folder / "results.parquet"), folder / "loans.parquet"
    has_loans = loans.is_file()
    cols = {r[0] for r in con.execute(f"DESCRIBE SELECT * FROM {_q(loans)}").fetchall()} if has_loans else set()
    final = folder / FOLDER
    stage = folder / f".{FOLDER}.tmp{os.getpid()}"
    shutil.rmtree(stage, ignore_errors=True)
    stage.mkdir()
    breaches: dict[tuple[str, str], str] = {}
    flips_file = None
    try:
        facts = _facts(cols)
        join = f'LEFT JOIN {_q(loans)} AS l ON l."row" = r."row"' if has_loans else ""
        explained = folder / EXPLAINED
        near = (f'LEFT JOIN {_q(explained)} AS x ON x."row" = r."row" AND x.program = r.program',
                "x.change AS nearest_change, x.change_pct AS nearest_change_pct") if explained.is_file() else ("", "")
        if exceptions:  # the loans failing one rule, once (a fraction of the results), then one file per group
            select = ", ".join(filter(None, ['r."row"', "r.loan_id", "r.program", "r.status", "r.failing_rules",
                                             "r.missing_rules", facts if has_loans else "", near[1]]))
            con.execute(f"CREATE OR REPLACE TEMP TABLE _exceptions AS SELECT {select} FROM {results} AS r {join} {near[0]} "
                        f"WHERE {single_failure('r.')}")
        for g in exceptions:
            name = f"exception-{slug(g.program)}-{slug(g.rule)}.csv"
            _write(con, f"SELECT * FROM _exceptions WHERE program = {_lit(g.program)} AND failing_rules = {_lit(g.rule)} "
                        'ORDER BY "row"', stage / name)
            g.file = f"{FOLDER}/{name}"
        con.execute("DROP TABLE IF EXISTS _exceptions")
        for lim in limits:
            column = f"pool_{lim['id']}"
            if column not in cols:
                continue
            for i, grp in enumerate(lim["groups"]):
                if grp["status"] != "breach":
                    continue
                key = WHOLE_POOL if grp["group"] is None else str(grp["group"])
                name = f"breach-{slug(lim['id'])}-{i + 1}-{slug(key)}.csv"
                _write(con, f'SELECT l."row", l.loan_id, {facts}, l."{column}" AS "group" FROM {_q(loans)} AS l '
                            f'WHERE l.readable AND l."{column}" = {_lit(key)} ORDER BY l."row"', stage / name)
                breaches[(lim["id"], key)] = f"{FOLDER}/{name}"
        if flips_query:
            _write(con, flips_query, stage / "flips.csv")
            flips_file = f"{FOLDER}/flips.csv"
        old = folder / f".{FOLDER}.old{os.getpid()}"
        if final.exists():
            os.replace(final, old)
        os.replace(stage, final)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    return breaches, flips_file
