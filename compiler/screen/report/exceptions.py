"""The exceptions an exception desk looks at: loans that fail exactly one rule of a program, grouped by program and
rule, with the rule's citation and wording, the loans' balance and, where `glc explain`'s search can say it, the
distance to passing (the nearest single change that makes the rule pass).

`explain_sample` runs while `glc screen` still has the typed tape (the loans as decided, stressed under a
scenario): for the first `PER_GROUP` loans of each group in tape order (at most `TOTAL` in all, every group's
first loan before any group's second, so that a 10M-row tape costs seconds, not hours: about 40 ms of CPU a loan)
it asks the explain search (`compiler.tools.explain_search`, every answer verified by the reference evaluator) for
that one rule's nearest change, and writes them to `exceptions.parquet` beside the results. The report
(`groups`) reads them back, so `glc report DIR` needs no tape.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

from compiler import ir_program
from compiler.backends.sql.program import SEP
from compiler.evaluate import round_fraction
from compiler.screen.report.data import rule_text

PER_GROUP = 5
TOTAL = 100
FILE = "exceptions.parquet"


def single_failure(prefix: str = "") -> str:
    """The SQL condition of a result row failing exactly one rule (`prefix`: the results' table alias and a dot)."""
    col = f"{prefix}failing_rules"
    return f"{col} IS NOT NULL AND {col} <> '' AND strpos({col}, '{SEP}') = 0"


@dataclass
class Explained:
    row: int
    loan_id: str | None
    change: str  # the nearest change, in words ("" when the search found none)
    change_pct: Decimal | None  # its relative size (percent; 100 for a change of category)


@dataclass
class ExceptionGroup:
    program: str
    rule: str
    title: str
    citation: str
    text: str
    loans: int
    balance: Decimal
    explained: list[Explained] = field(default_factory=list)
    file: str = ""  # the CSV of its loans, relative to the report

    @property
    def nearest(self) -> Explained | None:
        found = [e for e in self.explained if e.change]
        return min(found, key=lambda e: (e.change_pct if e.change_pct is not None else Decimal(10**9), e.row)) if found else None


def groups(con: Any, results: str, loans: str | None, folder: Path, bundle: ir_program.Bundle | None) -> list[ExceptionGroup]:
    """Every (program, rule) with loans failing only that rule, most loans first."""
    amount = "coalesce(sum(l.loan_amount), 0)" if loans else "0"
    join = f'LEFT JOIN {loans} AS l ON l."row" = r."row"' if loans else ""
    rows = con.execute(f"SELECT r.program, r.failing_rules, count(*) AS n, {amount} FROM {results} AS r {join} "
                       f"WHERE {single_failure('r.')} GROUP BY ALL ORDER BY n DESC, r.program, r.failing_rules").fetchall()
    programs = {p.id: p for p in bundle.programs} if bundle else {}
    explained: dict[tuple[str, str], list[Explained]] = {}
    if (folder / FILE).is_file():
        path = "'" + str(folder / FILE).replace("'", "''") + "'"
        for prog, rule, row, loan_id, change, pct in con.execute(
                f'SELECT program, rule, "row", loan_id, change, change_pct FROM read_parquet({path}) ORDER BY "row"').fetchall():
            explained.setdefault((prog, rule), []).append(Explained(int(row), loan_id, change or "", pct))
    out = []
    for prog, rule, n, balance in rows:
        title, citation, text = rule_text(programs.get(prog), rule, bundle)
        out.append(ExceptionGroup(prog or "", rule, title, citation, text, int(n), Decimal(balance),
                                  explained.get((prog, rule), [])))
    return out


def explain_sample(con: Any, bundle: ir_program.Bundle, results_path: Path, out: Path, table: str = "tape") -> int:
    """Write `out` (exceptions.parquet, atomically): the nearest change for a sample of each group's loans.
    Returns the number of loans explained."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from compiler.meta import program_meta
    from compiler.screen.rows import loan_of
    from compiler.tools.explain_outcome import Outcome, Target, targets
    from compiler.tools.explain_result import change_size
    from compiler.tools.explain_search import Explainer

    results = "read_parquet('" + str(results_path).replace("'", "''") + "')"
    picked = con.execute(  # each group's first loan, then each group's second, ...: every group gets some
        f'SELECT "row", loan_id, program, failing_rules FROM (SELECT *, row_number() OVER (PARTITION BY program, '
        f'failing_rules ORDER BY "row") AS k FROM {results} WHERE {single_failure()}) WHERE k <= {PER_GROUP} '
        f'ORDER BY k, "row", program LIMIT {TOTAL}').fetchall()
    rows: dict[int, dict[str, Any]] = {}
    if picked:
        wanted = ", ".join(str(int(r[0])) for r in picked)
        cur = con.cursor()
        for r in cur.sql(f"SELECT * FROM {table} WHERE _row IN ({wanted})").to_arrow_table().to_pylist():
            rows[int(r["_row"])] = r
        cur.close()
    by_id = {p.id: p for p in bundle.programs}
    fields = [f.name for f in bundle.vocabulary.fields]
    metas: dict[str, Any] = {}
    record: dict[str, list[Any]] = {k: [] for k in ("row", "loan_id", "program", "rule", "change", "change_pct")}
    for n, loan_id, prog_id, rule in picked:
        program = by_id.get(prog_id)
        tape_row = rows.get(int(n))
        if program is None or tape_row is None:
            continue
        meta = metas.setdefault(prog_id, program_meta(program, bundle.vocabulary))
        ex = Explainer(program, bundle.vocabulary, loan_of(tape_row, fields), meta)
        decision = ex.base.decision
        target = next((t for t, pos in targets(program, decision)
                       if decision.findings[pos].rule_id == rule and decision.findings[pos].outcome == "fail"), None)
        change, pct = "", None
        if target is not None:
            def passes(o: Outcome, t: Target = target) -> bool:
                return o.passes(t)

            best = ex.singles(ex.fields_of(ex.nodes_of(target)), passes, target)
            if best:
                change = best[0].change
                pct = round_fraction(sum((change_size(c) for c in best[0].changes), Fraction(0)) * 100, 2, "half_up")
        for k, v in (("row", int(n)), ("loan_id", loan_id), ("program", prog_id), ("rule", rule), ("change", change),
                     ("change_pct", pct)):
            record[k].append(v)
    schema = pa.schema([("row", pa.int64()), ("loan_id", pa.string()), ("program", pa.string()), ("rule", pa.string()),
                        ("change", pa.string()), ("change_pct", pa.decimal128(38, 2))])
    tmp = out.with_name(f".{out.name}.tmp{os.getpid()}")
    try:
        pq.write_table(pa.table(record, schema=schema), tmp)
        os.replace(tmp, out)
    finally:
        if tmp.exists():
            tmp.unlink()
    return len(record["row"])
