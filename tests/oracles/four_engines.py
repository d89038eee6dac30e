"""One loan decided by all four executors of a program, which must agree: the reference evaluator, the generated
`check` (the runtime's `decide`), the generated `check_fast`, and the SQL query on DuckDB.

For regression tests of decisions: `decide(bundle, program_id, loan, tmp)` returns the evaluator's Decision after
checking that the generated `check` gives the same Decision (to_dict), `check_fast` the same Verdict, and the SQL
row the same status, limits, binding rules, rule ids and conditions. The program is compiled from the bundle
(so a test's own program works), its generated modules executed in memory.
"""

from __future__ import annotations

import csv
import json
import sys
import types
from pathlib import Path
from typing import Any

from compiler import ir_program
from compiler.backends.python.modules import generate_program
from compiler.evaluate import evaluate
from compiler.runtime import Decision
from compiler.screen.engines import connect, plan, run_duckdb
from compiler.screen.rows import comparable, decision_row

_MODULES: dict[tuple[str, str], types.ModuleType] = {}


def generated_module(program: ir_program.Program, vocabulary: ir_program.Vocabulary) -> types.ModuleType:
    """The program's generated checker, executed as a module of the generated package (once per program text)."""
    key = (program.id, program.sha256)
    if key not in _MODULES:
        name = f"_four_{program.id}_{len(_MODULES)}"
        files = generate_program(program, vocabulary, name)
        module = types.ModuleType("")
        for part in (f"{name}_meta", name):  # the metadata first: the checker imports it
            module = types.ModuleType(f"generated.{part}")
            module.__package__ = "generated"
            sys.modules[module.__name__] = module
            exec(compile(files[f"{part}.py"], f"<{part}>", "exec"), module.__dict__)
        _MODULES[key] = module
    return _MODULES[key]


def _tape(loan: dict[str, Any], path: Path) -> Path:
    """A one-row CSV tape of the loan (lists as JSON)."""
    loan = {k: v for k, v in loan.items() if k != "loan_id"}
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["loan_id", *loan])
        w.writerow(["L1", *[json.dumps(v) if isinstance(v, list) else v for v in loan.values()]])
    return path


def decide(bundle: ir_program.Bundle, program_id: str, loan: dict[str, Any], tmp: Path) -> Decision:
    """The Decision every executor agrees on (an AssertionError names the one that does not)."""
    import generated
    from generated import _runtime as rt
    from generated.loan import Loan

    assert generated is not None
    program = next(p for p in bundle.programs if p.id == program_id)
    model = Loan.model_validate(loan)
    expected = evaluate(program, bundle.vocabulary, model)
    module = generated_module(program, bundle.vocabulary)
    full = module.check(model)
    assert full.to_dict() == expected.to_dict(), "generated check disagrees with the reference evaluator"
    assert module.check_fast(model) == rt.Verdict.of(full), "check_fast disagrees with check"
    con = connect()
    p = plan(con, bundle, _tape(loan, tmp / "one_loan.csv"), [program_id], None)
    rows = [r for batch in run_duckdb(con, p) for r in batch.to_pylist()]
    assert len(rows) == 1 and rows[0]["status"] != "invalid", rows
    want = comparable(decision_row(rows[0]["row"], "L1", program_id, expected, p.limit_ids), p.limit_ids)
    assert comparable(rows[0], p.limit_ids) == want, "SQL (DuckDB) disagrees with the reference evaluator"
    return expected
