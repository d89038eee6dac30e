"""The loan facts a screening report charts and stratifies, kept beside the results as `loans.parquet`: one row
per tape row (`row`, `readable`, the tape fields of `FIELDS`, the derived values of `VALUES`, `zip` and `coupon`
when the vocabulary has such a field, each pool limit's group as `pool_<limit id>` when the loan counts toward
it, and with a stress scenario `dscr_stressed`). Taken from the typed tape table in SQL (DuckDB: the derived values as the SQL back end
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

FIELDS = ("loan_id", "state", "fico", "loan_amount", "doc_type", "property_type", "occupancy", "purpose")  # tape fields
VALUES = ("ltv", "cltv", "dti", "dscr")  # derived values the report reads (NULL when the vocabulary lacks one)
NULL_TYPES = {"fico": "INTEGER", "loan_amount": "DECIMAL(18, 2)", "coupon": "DECIMAL(18, 4)"}  # of a field not declared
OPTIONAL = {"zip": ("zip", "zip_code", "postal_code"), "coupon": ("note_rate", "interest_rate", "coupon")}  # first found
BASE = "_report_loans"


def _facts_sql(vocabulary: ir_program.Vocabulary, table: str) -> str:
    """SELECT of the report's loan facts over the typed tape `table` (derived values as exact DECIMALs)."""
    scope = Scope(field_places(vocabulary), {})
    layers = value_columns(exp.to_table(table), vocabulary, scope)
    names = {f.name for f in vocabulary.fields}
    values = {v.id for v in vocabulary.values}
    cols = ['_row AS "row"', '_reason IS NULL AS readable']
    kinds = {f.name: f.type.kind for f in vocabulary.fields}
    wanted = [(f, f) for f in FIELDS] + [(col, next((n for n in among if n in names), None)) for col, among in OPTIONAL.items()]
    for col, f in wanted:
        if f is None or f not in names:
            cols.append(f'CAST(NULL AS {NULL_TYPES.get(col, "VARCHAR")}) AS "{col}"')
        elif kinds.get(f) in ("text", "enum") or col == "zip":
            cols.append(f'CAST("{f}" AS VARCHAR) AS "{col}"')
        else:
            cols.append(f'"{f}" AS "{col}"')
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
    """Write `loans.parquet` (atomically) from the snapshot; with `stressed`, add `dscr_stressed` from `table`; each
    pool limit's group from the pool's membership table when the screen measured pool limits."""
    from compiler.portfolio.pool import MEMBERS

    select, joins = ["b.*"], []
    if stressed:
        con.execute(f"CREATE OR REPLACE TABLE _report_stressed AS SELECT \"row\", dscr FROM ({_facts_sql(vocabulary, table)})")
        select.append("s.dscr AS dscr_stressed")
        joins.append('LEFT JOIN _report_stressed AS s ON s."row" = b."row"')
    if con.execute(f"SELECT count(*) FROM duckdb_tables() WHERE table_name = '{MEMBERS}'").fetchone()[0]:
        select.append("COLUMNS(m.* EXCLUDE (_row))")
        joins.append(f'LEFT JOIN {MEMBERS} AS m ON m._row = b."row"')
    query = f'SELECT {", ".join(select)} FROM {BASE} AS b {" ".join(joins)} ORDER BY b."row"'
    tmp = path.with_name(f".{path.name}.tmp{os.getpid()}")
    try:
        con.execute(f"COPY ({query}) TO '{_quote(tmp)}' (FORMAT parquet, COMPRESSION zstd)")
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()
        con.execute(f"DROP TABLE IF EXISTS {BASE}")
        con.execute("DROP TABLE IF EXISTS _report_stressed")
        con.execute(f"DROP TABLE IF EXISTS {MEMBERS}")


def _quote(path: Path) -> str:
    return str(path).replace("'", "''")
