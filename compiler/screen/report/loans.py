"""The loan facts a screening report charts, kept beside the results as `loans.parquet`: one row per tape row
(`row`, `readable`, `loan_id`, `state`, `fico`, `loan_amount`, `ltv`, `dscr`, and with a stress scenario
`dscr_stressed`). Taken from the typed tape table in SQL (DuckDB: the derived values as the SQL back end
computes them, exact DECIMALs), never as Python objects, so a 10M-row tape stays within bounded memory.

`snapshot` runs before a scenario rewrites the tape table; `write` after the screen (adding the stressed DSCR).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sqlglot import exp

from compiler import ir_program
from compiler.backends.sql.expr import Scope
from compiler.backends.sql.program import field_places
from compiler.portfolio.values import value_columns

FIELDS = ("loan_id", "state", "fico", "loan_amount")  # tape fields the report reads (NULL when the vocabulary lacks one)
VALUES = ("ltv", "dscr")  # derived values the report reads
BASE = "_report_loans"


def _facts_sql(vocabulary: ir_program.Vocabulary, table: str) -> str:
    """SELECT of the report's loan facts over the typed tape `table` (derived values as exact DECIMALs)."""
    scope = Scope(field_places(vocabulary), {})
    layers = value_columns(exp.to_table(table), vocabulary, scope)
    names = {f.name for f in vocabulary.fields}
    values = {v.id for v in vocabulary.values}
    cols = ['_row AS "row"', '_reason IS NULL AS readable']
    for f in FIELDS:
        if f not in names:
            cols.append(f'NULL AS "{f}"')
        elif f in ("loan_id", "state"):
            cols.append(f'CAST("{f}" AS VARCHAR) AS "{f}"')
        else:
            cols.append(f'"{f}"')
    for v in VALUES:
        scale = scope.value_scales.get(v)
        if v not in values or scale is None:
            cols.append(f'CAST(NULL AS DECIMAL(38, 4)) AS "{v}"')
        elif scale == 0:
            cols.append(f'CAST("{scope.value_prefix}{v}" AS DECIMAL(38, 0)) AS "{v}"')
        else:  # a scaled integer: times 10^-scale, exactly (DECIMAL multiplication)
            cols.append(f'CAST("{scope.value_prefix}{v}" AS DECIMAL(38, 0)) * CAST(\'{_unit(scale)}\' AS DECIMAL(38, {scale})) AS "{v}"')
    return f"SELECT {', '.join(cols)} FROM ({layers.query.sql(dialect='duckdb')}) AS facts"


def _unit(scale: int) -> str:
    return "0." + "0" * (scale - 1) + "1"


def snapshot(con: Any, vocabulary: ir_program.Vocabulary, table: str = "tape") -> None:
    """The loan facts as the tape has them now (before any stress): table `_report_loans`."""
    con.execute(f"CREATE OR REPLACE TABLE {BASE} AS {_facts_sql(vocabulary, table)}")


def write(con: Any, vocabulary: ir_program.Vocabulary, path: Path, stressed: bool, table: str = "tape") -> None:
    """Write `loans.parquet` (atomically) from the snapshot; with `stressed`, add `dscr_stressed` from `table`."""
    if stressed:
        con.execute(f"CREATE OR REPLACE TABLE _report_stressed AS SELECT \"row\", dscr FROM ({_facts_sql(vocabulary, table)})")
        query = (f'SELECT b.*, s.dscr AS dscr_stressed FROM {BASE} AS b LEFT JOIN _report_stressed AS s ON s."row" = b."row" '
                 'ORDER BY b."row"')
    else:
        query = f'SELECT * FROM {BASE} ORDER BY "row"'
    tmp = path.with_name(f".{path.name}.tmp{os.getpid()}")
    try:
        con.execute(f"COPY ({query}) TO '{_quote(tmp)}' (FORMAT parquet, COMPRESSION zstd)")
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()
        con.execute(f"DROP TABLE IF EXISTS {BASE}")
        con.execute("DROP TABLE IF EXISTS _report_stressed")


def _quote(path: Path) -> str:
    return str(path).replace("'", "''")
