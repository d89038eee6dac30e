"""The comparison page's max-LTV cells, computed from the program's matrices and limit adjustments.

A cell of `docs/compare.md` is what the program's checker gives one synthetic loan (the test oracle
tests/oracles/compare_ltv.py asks the reference evaluator for the whole Decision). Only a few parts of the
program decide it: whether each matrix applies and where the loan falls in its bands (the cell), and whether
each rule that adjusts the max LTV applies.
`LtvPlan` evaluates just those expressions (with the reference evaluator's `ev`, so the arithmetic is the same),
once per loan for those that read a varying field and once per profile for the rest, then combines the limit as
the runtime does: the lowest matrix cell, less each reduction (or all of them, stacked), capped, the lowest
candidate wins. tests/unit/test_compare_ltv.py checks every cell against that oracle.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any, Literal

from compiler import ir, ir_names, ir_program
from compiler.evaluate import Env, ev, ev_lookup

LIMIT = "max_ltv"
NOT_ELIGIBLE = '<span class="glc-cell glc-na">Not eligible</span>'
NO_MATRIX = "—"
NO_LIMIT = "no limit"
UNKNOWN = "unknown"  # a reduction or cap by a value that unknown data decides (language.md 9.5)


def _shade(value: Decimal) -> int:
    """The 5-point bucket a max LTV is shaded by (as `docs.shade`)."""
    return int(min(max(value, Decimal(0)), Decimal(100)) // 5 * 5)


def ltv_cell(value: Decimal) -> str:
    return f'<span class="glc-cell glc-ltv glc-ltv-{_shade(value)}" data-value="{value}">{value}%</span>'


def _bool(v: object) -> bool | None:
    return None if v is None else bool(v)


class LtvPlan:
    """What one program's max LTV depends on, and the cells it gives loans that differ only in `varying` fields."""

    def __init__(self, program: ir_program.Program, varying: Iterable[str]) -> None:
        self.program = program
        values = {v.id: v for v in program.values}
        self.adjusting = [r for r in program.rules if any(a.limit == LIMIT for a in r.adjustments)]
        exprs: list[object] = []
        for m in program.matrices:
            exprs += [m.when, *m.rows.keys] + (list(m.columns.keys) if m.columns else [])
        exprs += [r.when for r in self.adjusting]
        exprs += [a.by for r in self.adjusting for a in r.adjustments if a.limit == LIMIT and a.by is not None]
        needed: set[str] = set()
        todo = [n for x in exprs if x is not None for n in ir.reads(x)]
        while todo:  # the derived values these read, and those they read in turn
            n = todo.pop()
            if n in values and n not in needed:
                needed.add(n)
                todo += ir.reads(values[n].body)
        self.values = [v for v in program.values if v.id in needed]  # dependency order kept
        reads: dict[str, set[str]] = {}
        for v in self.values:  # the fields each value reads, transitively (earlier values first)
            reads[v.id] = {f for n in ir.reads(v.body) for f in reads.get(n, {n})}
        vary = set(varying)

        def varies(x: object) -> bool:
            return x is not None and any(f in vary for n in ir.reads(x) for f in reads.get(n, {n}))

        self._vary_value = {v.id: varies(v.body) for v in self.values}
        self._varies = {id(x): varies(x) for x in exprs if x is not None}  # the expressions `cells` evaluates
        self.limit_declared = any(lim.id == LIMIT for lim in program.limits)
        self.matrix_ids = {m.id for m in program.matrices}

    def _env(self, loan: Mapping[str, Any], fixed: Env | None) -> Env:
        env = Env(loan, self.program)
        for v in self.values:
            if fixed is not None and not self._vary_value[v.id]:
                env.values[v.id] = fixed.values[v.id]
            else:
                env.values[v.id] = ev_lookup(v.body, env) if isinstance(v.body, ir.Lookup) else ev(v.body, env)
        return env

    def cells(self, base: Mapping[str, Any], variations: Iterable[Mapping[str, Any]]) -> list[str]:
        """The cell of `base` updated with each variation (which sets only `varying` fields)."""
        fixed = self._env(base, None)
        memo: dict[int, object] = {}

        def once(x: ir.Expr, env: Env) -> object:
            if self._varies[id(x)]:
                return ev(x, env)
            if id(x) not in memo:
                memo[id(x)] = ev(x, fixed)
            return memo[id(x)]

        return [self._cell(self._env({**base, **change}, fixed), once) for change in variations]

    def _cell(self, env: Env, once: Any) -> str:
        passed, failed = False, False
        any_applies: bool | None = False
        candidates: list[Decimal] = []
        for m in self.program.matrices:
            applies = _bool(once(m.when, env)) if m.when is not None else True
            if applies is True:
                any_applies = True
            elif applies is None and any_applies is False:
                any_applies = None
            if applies is not True:
                continue
            cell = self._place(m, env, once)
            if cell is None:
                continue  # a key unknown: missing, neither pass nor fail
            if isinstance(cell, bool) or not cell.eligible:
                failed = True
                continue
            passed = True
            given = cell.get(LIMIT)
            if given is not None:
                candidates.append(given)
        if self.program.matrices and any_applies is False and "eligibility_matrix" in self.matrix_ids:
            failed = True  # the runtime's "no matrix covers this loan" finding, should a matrix bear its id
        if failed:  # a matrix that applies refuses the loan: its limits have no value (language.md 15.2)
            return NOT_ELIGIBLE
        if not passed:
            return NO_MATRIX
        if not self.limit_declared:
            return NO_LIMIT
        reductions: list[Decimal] = []
        caps: list[Decimal] = []
        unknown = False
        mode = self.program.combine_of(LIMIT)
        for r in self.adjusting:  # adjustments count when the rule applies and, conservatively, when that is unknown
            applies = _bool(once(r.when, env)) if r.when is not None else True
            if applies is False or (mode == "first" and not any(a.limit == LIMIT for a in r.adjustments)):
                continue
            if mode == "first" and applies is None:  # `first applicable`: a rule that may apply comes first
                return UNKNOWN
            for a in r.adjustments:
                if a.limit != LIMIT:
                    continue
                amount = a.amount if a.by is None else once(a.by, env)
                if amount is None:  # language.md 9.5: N/A in its table where the rule applies: not eligible
                    assert a.by is not None
                    if applies is True and not self._unknown_inputs(a.by.name, env):
                        return NOT_ELIGIBLE
                    unknown = True
                    continue
                (reductions if a.kind == "reduce" else caps).append(Decimal(str(amount)))
            if mode == "first":  # only the first rule that applies counts
                break
        if unknown:
            return UNKNOWN
        found: list[Decimal] = []
        if candidates:
            base = min(candidates)
            if mode == "stacked" and reductions:
                found = [base - sum(reductions, Decimal(0))]
            else:
                found = [base] + ([base - amount for amount in reductions] if mode in ("lowest", "first") else [])
        found += caps
        if mode == "caps_first" and found:
            found = [min(found) - sum(reductions, Decimal(0))]
        return ltv_cell(min(found)) if found else NO_LIMIT

    def _unknown_inputs(self, name: str, env: Env) -> bool:
        """Whether a loan field reached through unknown values from `name` is unknown (as the evaluator's
        `unknown_fields`): else a value that is unknown is N/A in its table."""
        value = self.program.value(name)
        if value is None:
            return env.field(name) is None
        if env.values.get(name) is not None:
            return False
        return any(self._unknown_inputs(n, env) for n in ir_names.needs(value.body))

    def _place(self, m: ir.Matrix, env: Env, once: Any) -> ir.Cell | Literal[False] | None:
        """The matrix cell the loan falls in; None when a key is unknown, False when outside the bands."""
        positions = []
        for axis in (m.rows, m.columns) if m.columns else (m.rows,):
            keys = tuple(once(k, env) for k in axis.keys)
            if any(k is None for k in keys):
                return None
            idx = axis.index(keys)
            if idx is None:
                return False
            positions.append(idx)
        return m.cells[positions[0]][positions[1] if len(positions) > 1 else 0]
