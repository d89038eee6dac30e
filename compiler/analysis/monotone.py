"""W701: a matrix that gives a better borrower a lower limit than its worse neighbour.

Which way is better is declared per field or value in the vocabulary (`better: higher` on FICO and DSCR,
`better: lower` on loan amount, LTV, DTI). Along such an axis, each cell must give at least what the
neighbouring worse band gives, for every limit the matrix gives (N/A is below any limit, `no limit`
above all). Axes without a declared direction are not compared.
"""

from __future__ import annotations

from decimal import Decimal
from itertools import pairwise

from compiler import ir
from compiler.analysis.facts import Emit, Facts, Warning_, axis_title
from compiler.wording import fmt_amount

_INF = Decimal("Infinity")


def check_monotone(m: ir.Matrix, facts: Facts, emit: Emit) -> None:
    axes = [("rows", m.rows, m.columns)] + ([("columns", m.columns, m.rows)] if m.columns is not None else [])
    limits = {lim.id: lim for lim in facts.program.limits}
    for kind, axis, other in axes:
        assert axis is not None
        if not isinstance(axis.expr, (ir.FieldRef, ir.ValueRef)):
            continue
        better = facts.domain.better.get(axis.expr.name)
        var = facts.domain.var(axis.expr.name)
        if not better or var is None:
            continue
        order = sorted(range(len(axis.bands)), key=lambda i: _low_key(axis.bands[i]))
        width = len(other.bands) if other is not None else 1
        for lo, hi in pairwise(order):
            good, bad = (hi, lo) if better == "higher" else (lo, hi)
            for k in range(width):
                gcell = _cell(m, kind, good, k)
                bcell = _cell(m, kind, bad, k)
                for limit in m.gives:
                    g, b = _level(gcell, limit), _level(bcell, limit)
                    if g >= b:
                        continue
                    lim = limits.get(limit)
                    title = lim.title if lim else limit
                    where = f" ({axis_title(other, facts)} {other.bands[k].label})" if other is not None else ""
                    emit(Warning_(
                        "W701",
                        f"Matrix `{m.id}`: {var.title} {axis.bands[good].label} is better than "
                        f"{axis.bands[bad].label} but gets {title} {_show(gcell, limit, lim)} against "
                        f"{_show(bcell, limit, lim)}{where}.",
                        gcell.span,
                        f"A {'higher' if better == 'higher' else 'lower'} {var.title} normally gets at least the limit "
                        f"of its neighbour: check this cell against the investor's matrix. If the published matrix "
                        f"is really like this, add `accept warning W701 because \"...\"` to the matrix.",
                        (m.accepted,),
                    ))
                    break


def _cell(m: ir.Matrix, kind: str, i: int, k: int) -> ir.Cell:
    return m.cell(i, k) if kind == "rows" else m.cell(k, i)


def _level(cell: ir.Cell, limit: str) -> Decimal:
    if cell.limits is None:
        return -_INF
    return dict(cell.limits).get(limit, _INF)


def _show(cell: ir.Cell, limit: str, lim: ir.Limit | None) -> str:
    if cell.limits is None:
        return "N/A"
    value = dict(cell.limits).get(limit)
    if value is None:
        return "no limit"
    return fmt_amount(value, lim.type.kind, lim.type.unit) if lim else str(value)


def _low_key(b: ir.Band) -> tuple[int, Decimal, int]:
    if b.low is None:
        return (0, Decimal(0), 0)
    return (1, b.low, 0 if b.low_inclusive else 1)
