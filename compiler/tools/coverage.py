"""Coverage of guideline tests: which rules, rule outcomes and matrix cells the scenarios exercised.

Per program version (the current one named by its id, an older one `id@version`), counted only from the
scenarios of that version (an overlay or variant is covered by its own
scenarios, inherited rules included):

* rules: every matrix and rule of the program. A rule is covered when some scenario decides it: its finding
  is pass or fail (review for a rule that refers the loan). Not applicable or missing data does not count.
* outcomes: the outcomes a rule can produce, each counted separately: pass and fail for a rule with
  requirements (review instead of pass for a rule that refers the loan), pass ("applies") for a rule that
  only adjusts limits or adds conditions, pass and fail for a matrix (fail: an N/A cell or a loan outside
  its bands), and not_applicable as well for every rule or matrix with a `when`.
* cells: every cell of every matrix (row band x column band), N/A cells included. A scenario lands in a
  cell when the matrix applies to its loan and the loan's keys fall in the cell's bands: taken from the
  evaluator's facts (`facts_of`) and the IR's bands, not from messages.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from compiler import ir, ir_program
from compiler.tools.scenario_run import Outcome


@dataclass
class Seen:
    """What the scenarios of one program produced."""

    outcomes: set[tuple[str, str]] = field(default_factory=set)  # (rule id, outcome)
    cells: set[tuple[str, int, int]] = field(default_factory=set)  # (matrix id, row, column)
    scenarios: int = 0


def possible_outcomes(item: ir.Rule | ir.Matrix) -> tuple[str, ...]:
    """The outcomes coverage asks of a rule or matrix (see the module docstring)."""
    if isinstance(item, ir.Matrix):
        out = ["pass", "fail"]
    elif item.requirements:
        out = ["review" if item.reviews else "pass", "fail"]
    else:
        out = ["review" if item.reviews else "pass"]
    if item.when is not None:
        out.append("not_applicable")
    return tuple(out)


def _band(axis: ir.Axis, key: Any) -> int | None:
    """The line of `axis` the key (a tuple for several keys) falls in; None when unknown or in none."""
    keys = tuple(key) if len(axis.keys) > 1 and isinstance(key, tuple) else (key,)
    if any(k is None for k in keys) or len(keys) != len(axis.keys):
        return None
    if axis.simple and not isinstance(keys[0], Decimal):
        return None
    return axis.index(tuple(str(k) if isinstance(k, str) else k for k in keys))


def landed(program: ir_program.Program, outcome: Outcome) -> list[tuple[str, int, int]]:
    """The matrix cells a scenario's loan falls in."""
    out = []
    for m, (applies, keys) in zip(program.matrices, outcome.facts.matrices, strict=True):
        if applies is not True:
            continue
        row = _band(m.rows, keys[0])
        col = _band(m.columns, keys[1]) if m.columns is not None else 0
        if row is not None and col is not None:
            out.append((m.id, row, col))
    return out


def collect(programs: dict[str, ir_program.Program], outcomes: list[Outcome]) -> dict[str, Seen]:
    seen: dict[str, Seen] = defaultdict(Seen)
    for o in outcomes:
        s = seen[o.scenario.program]
        s.scenarios += 1
        s.outcomes.update((f.rule_id, f.outcome) for f in o.decision.findings)
        s.cells.update(landed(programs[o.scenario.program], o))
    return seen


def _pct(covered: int, total: int) -> str:
    """Percent with one decimal, rounded down (89.99% never shows as 90.0%); 100.0 when there is nothing to cover."""
    if total == 0:
        return "100.0"
    tenths = covered * 1000 // total
    return f"{tenths // 10}.{tenths % 10}"


def _count(covered: int, total: int) -> dict[str, Any]:
    return {"covered": covered, "total": total, "percent": _pct(covered, total)}


def cell_label(m: ir.Matrix, row: int, col: int) -> str:
    text = f"{m.rows.label} {m.rows.line_labels[row]}"
    if m.columns is not None:
        text += f" x {m.columns.label} {m.columns.line_labels[col]}"
    return text


def program_coverage(key: str, program: ir_program.Program, seen: Seen) -> dict[str, Any]:
    items: list[ir.Rule | ir.Matrix] = [*program.matrices, *program.rules]
    decided = {rid for rid, out in seen.outcomes if out in ("pass", "fail", "review")}
    rules_missed = [i.id for i in items if i.id not in decided]
    wanted = [(i.id, o) for i in items for o in possible_outcomes(i)]
    outcomes_missed = [{"rule": rid, "outcome": o} for rid, o in wanted if (rid, o) not in seen.outcomes]
    cells = [(m, r, c) for m in program.matrices for r in range(len(m.cells)) for c in range(len(m.cells[r]))]
    cells_missed = [{"matrix": m.id, "row": m.rows.line_labels[r],
                     "column": m.columns.line_labels[c] if m.columns is not None else None,
                     "cell": m.cells[r][c].text, "label": cell_label(m, r, c)}
                    for m, r, c in cells if (m.id, r, c) not in seen.cells]
    return {
        "program": key,
        "id": program.id,
        "version": program.version,
        "effective": program.effective.isoformat(),
        "scenarios": seen.scenarios,
        "rules": _count(len(items) - len(rules_missed), len(items)),
        "outcomes": _count(len(wanted) - len(outcomes_missed), len(wanted)),
        "cells": _count(len(cells) - len(cells_missed), len(cells)),
        "rules_not_exercised": rules_missed,
        "outcomes_not_produced": outcomes_missed,
        "cells_not_reached": cells_missed,
    }


def coverage(programs: dict[str, ir_program.Program], outcomes: list[Outcome]) -> dict[str, Any]:
    """Coverage per program version (`programs` by the key scenarios name them with: `scenarios.program_keys`)
    and overall, as plain data (what `glc test --coverage --format json` prints). Versions of one program are
    listed together, oldest first."""
    seen = collect(programs, [o for o in outcomes if o.scenario.program in programs])
    order = sorted(programs, key=lambda k: (programs[k].id, programs[k].effective))
    per = [program_coverage(k, programs[k], seen[k]) for k in order]
    total: dict[str, Any] = {}
    for key in ("rules", "outcomes", "cells"):
        c = sum(p[key]["covered"] for p in per)
        t = sum(p[key]["total"] for p in per)
        total[key] = _count(c, t)
    return {"programs": per, "overall": total}
