"""Screening engines: every row of a tape decided under one or more programs, streamed in batches.

- `duckdb` (default): the SQL back end's query (`BACKENDS["sql"]`, `compiler.backends.sql.program`) run by embedded
  DuckDB.
- `python`: the project's generated checkers (the python back end's package), row by row: the reference
  implementation for developers.
- `reference`: the reference evaluator of the IR (`compiler.evaluate`), row by row: the slowest, the correctness net.
- `spark`: the same queries rendered for Spark SQL, run by pyspark (`compiler.screen.spark`).
All three read the tape through the same SQL (`compiler.screen.tape`), so they see the same loans and the same
unreadable rows, and produce the same result columns (`compiler.screen.rows`). Memory stays bounded: DuckDB
streams the tape, results come back in Arrow record batches and are written batch by batch.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

from sqlglot import exp

from compiler import ir_program
from compiler.backends import BACKENDS
from compiler.portfolio.model import Portfolio
from compiler.portfolio.pool import pool_columns
from compiler.screen.duck import connect as connect  # the connection every engine uses (re-exported)
from compiler.screen.rows import columns, decision_row, invalid_row, loan_of
from compiler.screen.tape import PROGRAM, Mapping, Tape, TapeError, open_tape, scale_warnings

if TYPE_CHECKING:
    from compiler.build.cache import Cache

ENGINES = ("duckdb", "python", "reference", "spark")
BATCH = 50_000


@dataclass
class Plan:
    """What a screen does: the tape, the programs (per_row: each row's own `program` column), one query each."""

    tape: Tape
    programs: list[ir_program.Program]
    per_row: bool
    limit_ids: list[str]
    queries: list[str]
    total: int
    schema: Any
    trees: list[exp.Expr] = field(default_factory=list)  # the queries as sqlglot trees (other dialects render them)
    carried: list[str] = field(default_factory=list)  # columns after the results: the pool limits' (`pool_columns`)


def plan(con: Any, bundle: ir_program.Bundle, tape_path: Path, program_ids: Sequence[str] | None, mapping: Mapping | None,
         stream: bool = False, pool: Portfolio | None = None, cache: Cache | None = None, engine: str = "duckdb") -> Plan:
    """Open the tape (every column problem in one error, before any work), read it into `tape` (typed, one row
    per tape row, in tape order) and build one screening query per program. `tape` is a table, read once; with
    `stream` and one program it is a view, so the query reads the tape file as it runs (no copy of the tape:
    for a caller that reads `tape` about once and never rewrites it, i.e. no stress scenario). With a view and
    `pool` (a portfolio with pool limits), the query also carries what the pool limits read (`Plan.carried`),
    so that one pass over the tape file screens the loans and measures the pool (`run_duckdb`'s `pooled`).
    `cache`: the build cache, for the result schema (`result_schema`). `engine`: "spark" writes small columns out
    where that saves a layer (Spark's analyser pays per layer; DuckDB's query is left as deep as its steps)."""
    by_id = {p.id: p for p in bundle.programs}
    per_row = program_ids is None
    if per_row:  # a row naming shared rules (`abstract: yes`) names no program: invalid, as an unknown one
        by_id = {i: p for i, p in by_id.items() if not p.abstract}
    tape = open_tape(con, tape_path, bundle.vocabulary, mapping, set(by_id) if per_row else None)
    if per_row and PROGRAM not in tape.used:
        raise TapeError(f"{tape_path}: the tape has no `program` column; give --program PROGRAM (repeatable) or --all.")
    programs = list(by_id.values()) if per_row else [by_id[p] for p in program_ids or ()]
    kind = "VIEW" if stream and not per_row and len(programs) == 1 else "TABLE"
    reader = tape.relation.sql(dialect="duckdb")
    con.execute(f"CREATE OR REPLACE {kind} tape AS " + reader)
    tape.warnings = scale_warnings(con, tape, bundle.vocabulary)
    limit_ids = [lim.id for lim in bundle.vocabulary.limits]
    sql = BACKENDS["sql"].module()
    queries: list[exp.Expr] = []
    carried: list[str] = []
    for p in programs:
        source: exp.Select = exp.select(exp.Star()).from_("tape")
        if per_row:
            source = source.where(exp.EQ(this=exp.column("_program"), expression=exp.Literal.string(p.id)))
        if kind == "VIEW" and pool is not None and pool.limits:
            source, kept = pool_columns(sql.from_source(source, "tape_rows"), pool, bundle.vocabulary)
            carried = kept if not set(kept) & set(columns(limit_ids)) else []
            source = source if carried else exp.select(exp.Star()).from_("tape")
        queries.append(sql.program_query(p, bundle.vocabulary, sql.from_source(source, "tape_rows"), limit_ids, carried,
                                         small=sql.SMALL if engine == "spark" else 0))
    if per_row:  # rows naming no known program: invalid, with the reason the tape reader gave
        cols = columns(limit_ids)
        fixed = {"row": exp.column("_row"), "loan_id": exp.column("loan_id", quoted=True), "program": exp.column("_program"),
                 "status": exp.Literal.string("invalid"), "reason": exp.column("_reason")}
        known = exp.In(this=exp.column("_program"), expressions=[exp.Literal.string(p.id) for p in programs])
        queries.append(exp.select(*[exp.alias_(fixed.get(c, exp.Null()), c) for c in cols]).from_("tape").where(
            exp.Not(this=exp.Paren(this=exp.Coalesce(this=known, expressions=[exp.Boolean(this=False)])))))
    sqls = [q.sql(dialect="duckdb") for q in queries]
    n = con.execute("SELECT count(*) FROM tape").fetchall()[0][0]
    schema = result_schema(con, reader, sqls, limit_ids, cache)
    return Plan(tape, programs, per_row, limit_ids, sqls, int(n) * (1 if per_row else len(programs)), schema, queries,
                carried)


def result_schema(con: Any, reader: str, sqls: list[str], limit_ids: list[str], cache: Cache | None) -> Any:
    """The Arrow schema of the results (`unified_schema` of the queries'), asked of DuckDB by planning each query
    with `LIMIT 0` (a third of a second for a large program) unless the build cache holds it for these very SQL
    texts (the tape reader's and the queries', whose result types they fix) and DuckDB and Arrow releases."""
    import duckdb
    import pyarrow as pa

    key = hashlib.sha256("\0".join(["screen result schema", duckdb.__version__, pa.__version__, reader, *sqls,
                                     *limit_ids]).encode()).hexdigest()
    found = cache.get(key) if cache is not None else None
    if isinstance(found, pa.Schema):
        return found
    results = ", ".join(f'"{c}"' for c in columns(limit_ids))
    schema = unified_schema([con.sql(f"SELECT {results} FROM ({q}) AS r LIMIT 0").to_arrow_table().schema for q in sqls])
    if cache is not None:
        cache.put(key, schema)
    return schema


def unified_schema(schemas: list[Any]) -> Any:
    """One result schema for every program: decimals widened to the largest scale, NULL columns typed."""
    import pyarrow as pa

    fields = []
    for i, f in enumerate(schemas[0]):
        types = [s.field(i).type for s in schemas]
        decimals = [t for t in types if pa.types.is_decimal(t)]
        if decimals:
            t = pa.decimal128(38, max(d.scale for d in decimals))
        else:
            t = next((t for t in types if not pa.types.is_null(t)), pa.string())
        fields.append(pa.field(f.name, t))
    return pa.schema(fields)


def run_duckdb(con: Any, p: Plan, pooled: str | None = None) -> Iterator[Any]:
    """The result batches of the queries, each query's in tape order; the readable rows' `Plan.carried` columns go
    into table `pooled`. (`ORDER BY`: DuckDB streams the row groups of a Parquet tape in the order its threads
    finish them, so without it the order of results.csv would change from run to run; the sort costs about
    nothing against the query.)"""
    cur = con.cursor() if p.carried and pooled else None  # `con` streams the results
    kept = f"SELECT {', '.join(f'{chr(34)}{c}{chr(34)}' for c in p.carried)} FROM _carried WHERE reason IS NULL"
    try:
        for q in p.queries:
            reader = con.sql(f'SELECT * FROM ({q}) AS r ORDER BY "row"').to_arrow_reader(BATCH)
            if cur is not None:
                cur.register("_carried", reader.schema.empty_table())
                cur.execute(f"CREATE OR REPLACE TABLE {pooled} AS {kept}")  # a cursor's TEMP table is its own
                cur.unregister("_carried")
            for batch in reader:
                if cur is not None:
                    cur.register("_carried", batch)
                    cur.execute(f"INSERT INTO {pooled} {kept}")
                    cur.unregister("_carried")
                if p.carried:
                    batch = batch.select(p.schema.names)
                yield batch.cast(p.schema) if batch.schema != p.schema else batch
    finally:
        if cur is not None:
            cur.close()


def run_rows(con: Any, p: Plan, bundle: ir_program.Bundle, engine: str, gen: ModuleType | None) -> Iterator[Any]:
    """The Python engines: normalised rows from DuckDB in batches, each decided in Python (`gen`: the project's
    generated package, whose `Loan` model reads each row; None when the project has none)."""
    import pyarrow as pa
    from pydantic import ValidationError

    schema = p.schema
    if gen is None:
        raise TapeError("No generated/ package here: run `glc build` in the project folder (the python engine uses it).")
    fields = [f.name for f in bundle.vocabulary.fields]
    by_id = {prog.id: prog for prog in p.programs}
    decide: Callable[[ir_program.Program, Any], Any]
    if engine == "python":
        def decide(prog: ir_program.Program, loan: Any) -> Any:
            return gen.PROGRAMS[prog.id](loan)
    else:
        from compiler.evaluate import evaluate

        def decide(prog: ir_program.Program, loan: Any) -> Any:
            return evaluate(prog, bundle.vocabulary, loan)

    reader = con.sql("SELECT * FROM tape ORDER BY _row").to_arrow_reader(BATCH // 10)
    for batch in reader:
        out: list[dict[str, Any]] = []
        for row in batch.to_pylist():
            n, loan_id, reason = row["_row"], row.get("loan_id"), row["_reason"]
            if p.per_row:
                progs = [by_id[row["_program"]]] if row["_program"] in by_id else []
                if not progs:
                    out.append(invalid_row(n, loan_id, row["_program"], reason or "", p.limit_ids))
                    continue
            else:
                progs = p.programs
            loan = None
            if reason is None:
                try:
                    loan = gen.Loan.model_validate(loan_of(row, fields))
                except ValidationError as err:
                    reason = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in err.errors())
            for prog in progs:
                if loan is None:
                    out.append(invalid_row(n, loan_id, prog.id, reason or "", p.limit_ids))
                else:
                    out.append(decision_row(n, loan_id, prog.id, decide(prog, loan), p.limit_ids))
        yield pa.RecordBatch.from_pylist(out, schema=schema)
