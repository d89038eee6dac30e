"""`glc sample-tape`: a deterministic synthetic loan tape for demos, tests and benchmarks.

Rows are drawn by one DuckDB query, every draw `hash(row, draw, seed)` (same seed, same tape, byte for byte), with plausible joint
distributions (value -> loan amount through a target LTV, PITIA from the loan amount, income from a target DTI,
credit events seasoned around the programs' thresholds), every band edge the programs use (each edge and one
step either side: FICO, loan amount, LTV, DTI, DSCR, reserves, ...), unknown cells, tape-style formats
("$1,200,000", "80.00%", "Y"/"N", enum labels) and, at the rate asked, broken rows (unreadable cells).
Every cell is written as text (CSV, or Parquet of strings), as tapes arrive; a `program` column assigns each row
a program. With `typed`, the same loans (same seed: same values, same unknown cells) as a clean data-warehouse
extract: native types (DECIMAL with the field's decimals, BIGINT, DATE, BOOLEAN; text for one-of values and JSON
for lists), no tape formats, unknown cells NULL, and broken rows only as values outside a field's range.
Written in chunks (bounded memory) and atomically.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

from compiler import ir, ir_program

CHUNK = 50_000
APP_START = dt.date(2026, 1, 2)


def band_edges(bundle: ir_program.Bundle) -> dict[str, list[Decimal]]:
    """Band edges per field or value name across all programs: matrix axes, lookup keys, compared constants."""
    out: dict[str, set[Decimal]] = {}

    def add(expr: ir.Expr, values: list[Decimal | None]) -> None:
        if isinstance(expr, (ir.FieldRef, ir.ValueRef)):
            out.setdefault(expr.name, set()).update(v for v in values if v is not None)

    def compares(x: ir.Expr) -> Iterator[ir.Compare]:
        """The comparisons a condition is made of with `and`, `or` and `not` (not those inside other operators)."""
        for n in ir.walk(x, prune=lambda n: not isinstance(n, (ir.And, ir.Or, ir.Not))):
            if isinstance(n, ir.Compare):
                yield n

    for p in bundle.programs:
        axes = [a for m in p.matrices for a in (m.rows, m.columns) if a is not None]
        axes += [v.body.key for v in p.values if isinstance(v.body, ir.Lookup)]
        for axis in axes:
            for key, bands in axis.key_bands():
                add(key, [e for b in bands for e in (b.low, b.high)])
        for r in p.rules:
            exprs = [r.when] if r.when is not None else []
            for q in r.requirements:
                exprs += [q.test] + [e for a in q.alternatives for e in (a.test, a.when)]
            for e in exprs:
                for c in compares(e):
                    if isinstance(c.right, ir.Const) and isinstance(c.right.value, Decimal):
                        add(c.left, [c.right.value])
    return {k: sorted(v) for k, v in out.items()}


def _lit(v: Any) -> str:
    if isinstance(v, str):
        return "'" + v.replace("'", "''") + "'"
    return str(v)


def _list(values: list[Any]) -> str:
    return "[" + ", ".join(_lit(v) for v in values) + "]"


class Generator:
    """The tape as one DuckDB query over `range(rows)`: every draw is `hash(row, draw, seed)` (a pure function of
    the row number, so the tape is the same whatever the thread count or chunking), vectorised and streamed."""

    def __init__(self, bundle: ir_program.Bundle, seed: int, broken: float, typed: bool = False) -> None:
        self.typed = typed
        self.seed = int(seed) % (1 << 62)
        self.vocab = bundle.vocabulary
        self.programs = [p.id for p in bundle.programs if not p.abstract]  # products only, not shared rules
        self.edges = band_edges(bundle)
        self.broken = broken
        self.fields = [f.name for f in self.vocab.fields]
        self.kinds = {f.name: f.type.kind for f in self.vocab.fields}
        self.states = list(self.vocab.field("state").type.values)  # type: ignore[union-attr]
        self.labels = {f.name: dict(zip(f.type.values, f.type.labels, strict=False)) for f in self.vocab.fields
                       if f.type.kind == "enum"}
        self.draw = 0
        self.other: set[str] = set()  # fields drawn by `other_columns`: their cells draw nothing more
        self.no_score = {f.name: f.no_score for f in self.vocab.fields if f.no_score}

    def u(self) -> str:
        """A fresh uniform draw in [0, 1) for this row."""
        self.draw += 1
        return f"((hash(n, {self.draw}, {self.seed}) >> 11)::DOUBLE / 9007199254740992.0)"

    def pick(self, values: list[Any], weights: list[int] | None = None) -> str:
        if weights is None:
            return f"{_list(values)}[1 + floor({self.u()} * {len(values)})::BIGINT]"
        total, acc, arms, u = sum(weights), 0, [], self.u()
        for v, w in zip(values[:-1], weights[:-1], strict=True):
            acc += w
            arms.append(f"WHEN {u} < {acc / total!r} THEN {_lit(v)}")
        return f"(CASE {' '.join(arms)} ELSE {_lit(values[-1])} END)"

    def gauss(self) -> str:
        return f"(sqrt(-2 * ln(1 - {self.u()})) * cos(2 * pi() * {self.u()}))"

    def edge(self, name: str, step: str, default: list[Decimal], cast: str) -> str:
        edges = [str(e) for e in self.edges.get(name) or default]
        return f"({_list(edges)}[1 + floor({self.u()} * {len(edges)})::BIGINT]::{cast} + {self.pick([-1, 0, 0, 1])} * {step})"

    def months_before(self, months: str, days: str = "0") -> str:
        return (f"(make_date(year(app), month(app), least(day(app), 28)) - to_months({months}))::DATE - ({days})::INTEGER")

    def values_sql(self, rows: int) -> str:
        """One row of typed values per loan (the joint distributions), in row order."""
        u, pick = self.u, self.pick
        money = "DECIMAL(18,2)"
        events_kinds = list(self.vocab.records[0].fields[0].type.values)
        docs = list(self.labels["doc_type"])
        bank_docs = [d for d in docs if d.startswith("bank_stmt")]
        flags = [("rural", 0.05), ("declining_market", 0.07), ("short_term_rental", 0.05), ("fthb", 0.2),
                 ("first_time_investor", 0.1), ("rent_free", 0.04), ("in_forbearance", 0.02)]
        def item(values: list[int], k: int) -> str:  # a draw per list element i
            return f"{_list(values)}[1 + (hash(n, i, {k}, {self.seed}) % {len(values)})::BIGINT]"

        completed = self.months_before(item([11, 12, 23, 24, 35, 36, 47, 48, 49, 84], 7002), item([0, 0, 1, -1], 7003))
        events = (f"CASE WHEN {u()} < 0.05 THEN NULL WHEN {u()} < 0.8 THEN '[]' ELSE '[' || array_to_string(list_transform("
                  f"range({pick([1, 1, 2])}), lambda i: '{{\"kind\": \"' || {_list(events_kinds)}"
                  f"[1 + (hash(n, i, 7001, {self.seed}) % {len(events_kinds)})::BIGINT] || '\", \"completed_on\": \"' || "
                  f"strftime({completed}, '%Y-%m-%d') || '\"}}'), ', ') || ']' END")
        due = self.months_before(item([1, 6, 11, 12, 13, 23, 24, 25], 7004))
        lates = (f"CASE WHEN {u()} < 0.05 THEN NULL WHEN {u()} < 0.85 THEN '[]' ELSE '[' || array_to_string(list_transform("
                 f"range({pick([1, 1, 2, 3])}), lambda i: '{{\"due_on\": \"' || strftime({due}, '%Y-%m-%d') "
                 f"|| '\", \"days_late\": ' || {item([30, 59, 60, 89, 90, 120], 7005)} || '}}'), ', ') || ']' END")
        cols = [
            "'L' || lpad(n::VARCHAR, 8, '0') AS loan_id",
            f"{pick(self.programs)} AS program",
            f"DATE '{APP_START.isoformat()}' + floor({u()} * 300)::INTEGER AS app",
            "app AS application_date",
            f"app + 20 + floor({u()} * 40)::INTEGER AS note_date",
            "program LIKE '%dscr%' AS dscr",  # property cash-flow programs: investment loans documented by rent
            f"CASE WHEN dscr THEN 'investment' ELSE {pick(['primary', 'second_home', 'investment'], [70, 10, 20])} END AS occupancy",
            f"{pick(['purchase', 'rate_term', 'cash_out'], [50, 20, 30])} AS purpose",
            f"least(850, greatest(300, CASE WHEN {u()} < 0.3 THEN {self.edge('fico', '1', [Decimal(660)], 'INTEGER')} "
            f"ELSE (725 + 45 * {self.gauss()})::INTEGER END)) AS fico",
            f"least(9000000, greatest(60000, floor(exp(13.3 + 0.5 * {self.gauss()}))::BIGINT)) AS value0",
            f"{u()} < 0.25 AS on_amount_edge",  # loan amount on a matrix column edge
            f"greatest(1, {self.edge('loan_amount', '1', [Decimal(1_000_000)], 'BIGINT')}) AS edge_amount",
            f"{pick([60, 65, 70, 75, 80, 85, 90])}::BIGINT AS edge_ltv",
            f"CASE WHEN {u()} < 0.4 THEN {self.edge('ltv', '0.01', [Decimal(80)], 'DECIMAL(8,2)')} "
            f"ELSE (40 + floor({u()} * 46))::DECIMAL(8,2) END AS ltv",
            "CASE WHEN on_amount_edge THEN (edge_amount * 100 + edge_ltv - 1) // edge_ltv ELSE value0 END AS appraised_value",
            f"CASE WHEN on_amount_edge THEN edge_amount "
            f"ELSE greatest(1, round(value0 * ltv / 100)::BIGINT + {pick([-1, 0, 0, 1])}) "
            f"// CASE WHEN program LIKE '%second%' THEN 4 ELSE 1 END END AS loan_amount",  # a second: a quarter
            f"CASE WHEN purpose <> 'purchase' THEN NULL WHEN {u()} < 0.3 THEN appraised_value + floor({u()} * 3)::BIGINT * 5000 "
            f"ELSE appraised_value END AS purchase_price",
            f"{pick([0] * 9 + [10_000, 25_000, 50_000])}::BIGINT AS subordinate_liens",
            f"CASE WHEN purpose = 'cash_out' THEN 10000 + floor({u()} * 490000)::BIGINT ELSE 0 END AS cash_out_amount",
            f"{u()} < 0.15 AS interest_only",
            f"CASE WHEN occupancy = 'investment' THEN {pick([0, 12, 24, 36, 60])} ELSE 0 END AS prepayment_penalty_months",
            f"{pick(list(self.labels['property_type']), [50, 15, 6, 10, 5, 2, 6, 1, 1, 1, 2, 1])} AS property_type",
            f"CASE property_type WHEN 'two_to_four_unit' THEN 2 + floor({u()} * 3)::INTEGER "
            f"WHEN 'five_to_ten_unit' THEN 5 + floor({u()} * 6)::INTEGER ELSE 1 END AS units",
            f"{pick(self.states)} AS state",
            *[f"{u()} < {p} AS {flag}" for flag, p in flags],
            f"{pick(list(self.labels['citizenship']), [75, 12, 5, 4, 4])} AS citizenship",
            f"CASE WHEN occupancy = 'investment' THEN 1 + floor({u()} * 12)::INTEGER ELSE 1 + floor({u()} * 3)::INTEGER END AS financed_properties",
            f"{events} AS credit_events",
            f"{pick([0, 6, 11, 12, 13] + [24, 36, 60, 120] * 4)} AS housing_history_months",
            f"{lates} AS housing_lates",
            f"{pick(list(self.labels['housing_verification']), [40, 30, 15, 10, 5])} AS housing_verification",
            f"(loan_amount * 0.0075)::{money} AS pitia",
            f"(pitia * 0.18)::{money} AS monthly_taxes",  # the tax and insurance parts of PITIA, for stress scenarios
            f"(pitia * 0.07)::{money} AS monthly_insurance",
            f"(pitia * (0.4 + 0.9 * {u()})::DECIMAL(8,4))::{money} AS current_housing_payment",
            f"CASE WHEN {u()} < 0.05 THEN {self.months_before(pick([6, 11, 12, 13, 24]))} END AS forbearance_end",
            f"CASE WHEN forbearance_end IS NOT NULL THEN {pick([0, 3, 6, 12])} END AS payments_since_forbearance",
            f"CASE WHEN dscr THEN 'dscr' WHEN program LIKE '%bank_statement%' AND {u()} < 0.9 THEN {pick(bank_docs)} "
            f"ELSE {pick(docs)} END AS doc_type",
            f"CASE WHEN {u()} < 0.3 THEN {self.edge('dti', '0.01', [Decimal(50)], 'DECIMAL(8,2)')} "
            f"ELSE (15 + floor({u()} * 35))::DECIMAL(8,2) END AS dti",
            f"(pitia * (0.6 * {u()})::DECIMAL(8,4))::{money} AS monthly_debts",
            f"((pitia + monthly_debts) * 100 / greatest(dti, 1))::{money} AS monthly_income",
            f"{pick([12, 24])} AS statement_months",
            f"(monthly_income * statement_months * (1 + 1.2 * {u()})::DECIMAL(8,4))::{money} AS total_deposits",
            f"floor({u()} * 20000)::BIGINT AS excluded_transfers",
            f"floor({u()} * 10000)::BIGINT AS excluded_nonrecurring",
            f"CASE WHEN {u()} < 0.5 THEN 10 + floor({u()} * 50)::INTEGER END AS cpa_expense_ratio",
            f"{pick([25, 50, 51, 100, 100, 100])} AS ownership_pct",
            f"(pitia * CASE WHEN {u()} < 0.4 THEN {self.edge('dscr', '0.001', [Decimal(1)], 'DECIMAL(8,3)')} "
            f"ELSE (0.6 + {u()})::DECIMAL(8,3) END)::{money} AS rent",
            f"CASE WHEN occupancy = 'investment' OR {u()} < 0.1 THEN rent END AS market_rent",
            f"CASE WHEN market_rent IS NOT NULL AND {u()} < 0.5 THEN (rent * {pick(['0.9', '1', '1.1'])}::DECIMAL(4,2))::{money} END AS lease_rent",
            f"CASE WHEN {u()} < 0.4 THEN {self.edge('reserves_months', '0.01', [Decimal(6)], 'DECIMAL(8,2)')} "
            f"ELSE floor({u()} * 40)::DECIMAL(8,2) END AS reserves",
            f"(pitia * reserves)::{money} AS liquid_assets",
            f"{pick([0, 5, 10, 20, 25])} AS borrower_contribution_pct",
            # drawn last, so that the draws above stay those of tapes generated before these fields existed
            f"CASE WHEN purpose <> 'purchase' THEN app - {pick([30, 90, 179, 180, 181, 365, 730])}::INTEGER END AS purchase_date",
            f"{pick(['0.25', '0.5', '1', '2.5', '5', '10', '20.49', '20.5', '20.51', '40'])}::DECIMAL(18,2) AS acreage",
            f"CASE WHEN {u()} < 0.2 THEN {pick(['59.49', '59.5', '59.51'])}::DECIMAL(18,2) "
            f"ELSE (25 + floor({u()} * 5000) / 100)::DECIMAL(18,2) END AS borrower_age",
            # second liens: the closed-end-second programs' loans sit behind a first (the loan's CLTV drawn as above)
            "CASE WHEN program LIKE '%second%' THEN 'second' ELSE 'first' END AS lien_position",
            f"CASE WHEN lien_position = 'second' THEN greatest(0, (appraised_value * {pick(['0.6', '0.75', '0.85', '0.9'])}"
            f"::DECIMAL(4,2))::BIGINT - loan_amount) END AS senior_lien_balance",
            f"{u()} < 0.03 AS senior_lien_negative_amortization",
            f"{u()} < 0.03 AS senior_lien_balloon",
            f"CASE WHEN {u()} < 0.1 THEN {pick([25_000, 50_000, 100_000])} ELSE 0 END AS heloc_line_amount",
            "CASE WHEN heloc_line_amount > 0 THEN least(subordinate_liens, heloc_line_amount) ELSE 0 END AS heloc_drawn_balance",
        ]
        return f"SELECT n, {', '.join(cols + self.other_columns(cols))} FROM range(1, {int(rows) + 1}) AS t(n)"

    def other_columns(self, cols: list[str]) -> list[str]:
        """The fields the joint distributions above do not draw: a choice or yes/no each by its own hash (so adding
        a field changes no other column's draws), anything else unknown. A number's `_no_score` field is yes for
        2% of the loans (the number's cell then says NONE)."""
        drawn = {c.rsplit(" AS ", 1)[-1].strip() for c in cols}
        out: list[str] = []
        for k, f in enumerate(self.vocab.fields):
            if f.name in drawn or f.name == "loan_id":
                continue
            self.other.add(f.name)
            h = f"hash(n, {8100 + k}, {self.seed})"
            if f.type.kind == "enum":
                out.append(f"{_list(list(f.type.values))}[1 + ({h} % {len(f.type.values)})::BIGINT] AS {f.name}")
            elif f.type.kind == "yesno":
                out.append(f"({h} % 100) < {2 if f.no_score_of else 5} AS {f.name}")
            else:
                out.append(f"NULL::{self.native(f.name)} AS {f.name}")
        return out

    def text(self, name: str) -> str:
        """A cell as a tape has it, sometimes in a tape's own formats; 3% unknown ('' or NA)."""
        u, col = self.u, f'v."{name}"'
        kind = self.kinds.get(name, "text")
        if name in self.other:  # no draws of its own: every later column keeps its draws
            plain = f"CASE WHEN {col} THEN 'Y' ELSE 'N' END" if kind == "yesno" else f"{col}::VARCHAR"
            return f"CASE WHEN {col} IS NULL THEN {f'NULL::{self.native(name)}' if self.typed else _lit('')} ELSE " \
                   f"{f'{col}::{self.native(name)}' if self.typed else plain} END"
        if kind == "yesno":
            pairs = [("Y", "N"), ("yes", "no"), ("TRUE", "FALSE")]
            w = u()
            cell = "CASE " + " ".join(f"WHEN {w} < {(i + 1) / 3!r} THEN CASE WHEN {col} THEN '{a}' ELSE '{b}' END"
                                      for i, (a, b) in enumerate(pairs[:-1])) + f" ELSE CASE WHEN {col} THEN 'TRUE' ELSE 'FALSE' END END"
        elif kind == "date":
            cell = f"CASE WHEN {u()} < 0.8 THEN strftime({col}, '%Y-%m-%d') ELSE strftime({col}, '%m/%d/%Y') END"
        elif kind == "money":
            cell = (f"CASE WHEN {u()} >= 0.3 THEN {col}::VARCHAR WHEN {col}::DECIMAL(18,2) <> round({col}) OR {u()} < 0.5 "
                    f"THEN '$' || format('{{:,.2f}}', {col}::DECIMAL(18,2)) ELSE '$' || format('{{:,.0f}}', {col}::DECIMAL(18,2)) END")
        elif kind == "percent":
            cell = f"CASE WHEN {u()} < 0.3 THEN format('{{:.2f}}%', {col}::DECIMAL(18,2)) ELSE {col}::VARCHAR END"
        elif kind == "enum" and name in self.labels:
            labels = {k: v for k, v in self.labels[name].items() if v}
            mapping = " ".join(f"WHEN {_lit(k)} THEN {_lit(v)}" for k, v in labels.items())
            cell = f"CASE WHEN {u()} < 0.2 THEN CASE {col} {mapping} ELSE {col} END ELSE {col} END"
        else:
            cell = f"{col}::VARCHAR"
        if self.typed:  # the same draws as the text tape (same loans, same unknown cells), the value in its own type
            cell = f"{col}::{self.native(name)}"
        if name in self.no_score:  # the loan has none: the cell says so (a typed tape leaves it empty)
            cell = f"CASE WHEN v.\"{self.no_score[name]}\" THEN {f'NULL::{self.native(name)}' if self.typed else _lit('NONE')} ELSE {cell} END"
        if name in ("loan_id", "application_date"):
            return f"{cell}"
        unknown, blank = u(), self.pick(['', '', 'NA'])  # drawn in this order whether typed or not
        return f"CASE WHEN {col} IS NULL OR {unknown} < 0.03 THEN {f'NULL::{self.native(name)}' if self.typed else blank} ELSE {cell} END"

    def native(self, name: str) -> str:
        """A field's type on a typed tape."""
        f = self.vocab.field(name)
        if f is None or not (f.type.numeric or f.type.kind in ("date", "yesno")):
            return "VARCHAR"
        if f.type.numeric:
            return f"DECIMAL(18, {f.places})" if f.places else "BIGINT"
        return "DATE" if f.type.kind == "date" else "BOOLEAN"

    def broken_sql(self, cell: str, name: str, chosen: str) -> str:
        bad = BREAKAGE.get(name)
        if self.typed:  # a typed column holds only its type: broken means outside the field's range
            if bad and self.broken > 0:
                self.pick(bad)  # the text tape's draw, so that every later draw is the same
            values = TYPED_BREAKAGE.get(name)
            if not values or self.broken <= 0:
                return cell
            which = f"{_list(values)}[1 + (hash(n, {_lit(name)}, 9001, {self.seed}) % {len(values)})::BIGINT]"
            return f"CASE WHEN {chosen} = {_lit(name)} THEN ({which})::{self.native(name)} ELSE {cell} END"
        if not bad or self.broken <= 0:
            return cell
        return f"CASE WHEN {chosen} = {_lit(name)} THEN {self.pick(bad)} ELSE {cell} END"

    def query(self, rows: int) -> tuple[list[str], str]:
        header = ["loan_id", "program", *[n for n in self.fields if n != "loan_id"]]
        values = self.values_sql(rows)
        chosen = f"CASE WHEN {self.u()} < {float(self.broken)!r} THEN {self.pick(list(TYPED_BREAKAGE if self.typed else BREAKAGE))} END"
        cells = [f"{self.broken_sql(self.text(h) if h != 'program' else 'v.program', h, 'b')} AS \"{h}\"" for h in header]
        return header, f"SELECT {', '.join(cells)} FROM (SELECT *, {chosen} AS b FROM ({values}) AS w) AS v"


BREAKAGE: dict[str, list[str]] = {
    "fico": ["abc", "9999", "7 20"], "loan_amount": ["1.2M", "-5", "800000.50"],
    "application_date": ["2026-02-30", "yesterday", "13/45/2026"], "occupancy": ["owner?"],
    "credit_events": ["[{bad json", '[{"kind": "xx"}]'], "appraised_value": ["$1.2.3"], "interest_only": ["maybe"],
    "pitia": ["n/a dollars"], "ownership_pct": ["150%"],
}

TYPED_BREAKAGE: dict[str, list[int]] = {"fico": [9999, 250], "loan_amount": [-5, 0], "ownership_pct": [150], "units": [40]}


def write_sample(bundle: ir_program.Bundle, out: Path, rows: int, seed: int, broken: float, typed: bool = False) -> int:
    """Write the tape (CSV or Parquet by the file's suffix) atomically, in chunks of CHUNK rows (bounded memory);
    returns the number of rows written. `typed`: native column types, no tape formats (see the module's text)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    gen = Generator(bundle, seed, broken, typed)
    header, sql = gen.query(rows)
    schema = pa.schema([(h, pa.string()) for h in header])
    tmp = out.with_name(f".{out.name}.tmp{os.getpid()}")
    parquet = out.suffix.lower() in (".parquet", ".pq")
    from compiler.screen import safe_csv
    from compiler.screen.duck import connect

    con = connect()
    written = 0
    if typed:
        schema = con.sql(f"SELECT * FROM ({sql}) AS s LIMIT 0").to_arrow_table().schema
    try:
        writer: Any = pq.ParquetWriter(tmp, schema, compression="zstd") if parquet else \
            safe_csv.Writer(tmp, schema)  # every CSV glc writes goes through safe_csv (no cell a spreadsheet runs)
        pending: list[Any] = []
        size = 0

        def flush(table: Any) -> None:
            if parquet:
                writer.write_table(table.cast(schema), row_group_size=CHUNK)
            else:
                writer.write_table(table.cast(schema))

        for batch in con.sql(sql).to_arrow_reader(CHUNK):  # re-chunked: row groups never depend on DuckDB's batching
            pending.append(batch)
            size += batch.num_rows
            while size >= CHUNK:
                table = pa.Table.from_batches(pending)
                flush(table.slice(0, CHUNK))
                rest = table.slice(CHUNK)
                pending, size = rest.to_batches(), rest.num_rows
                written += CHUNK
        if size:
            flush(pa.Table.from_batches(pending))
            written += size
        writer.close()
        os.replace(tmp, out)
    finally:
        con.close()
        if tmp.exists():
            tmp.unlink()
    return written
