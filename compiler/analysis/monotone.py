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
    """Along each numeric key with a declared direction; for an axis of several keys, within each group of lines
    that share the other keys' entries (`A+` with FICO 720+ against `A+` with FICO 680..719)."""
    axes = [("rows", m.rows, m.columns)] + ([("columns", m.columns, m.rows)] if m.columns is not None else [])
    limits = {lim.id: lim for lim in facts.program.limits}
    for kind, axis, other in axes:
        assert axis is not None
        for k, key in enumerate(axis.keys):
            if not isinstance(key, (ir.FieldRef, ir.ValueRef)):
                continue
            better = facts.domain.better.get(key.name)
            var = facts.domain.var(key.name)
            if not better or var is None or not key.type.numeric:
                continue
            groups: dict[tuple[str, ...], list[int]] = {}
            for i, line in enumerate(axis.lines):
                if isinstance(line[k], ir.Band):  # a `no score` line has no neighbour to compare with
                    groups.setdefault(tuple(e.label for j, e in enumerate(line) if j != k), []).append(i)
            for rest, members in groups.items():
                band = {i: axis.lines[i][k] for i in members}
                order = sorted(members, key=lambda i: _low_key(band[i]))  # type: ignore[arg-type]
                context = ", ".join(f"{lb} {e}" for lb, e in zip(
                    (t for j, t in enumerate(axis.labels) if j != k), rest, strict=True))
                _compare(m, kind, other, var.title, better, order, band, context, limits, facts, emit)


def _compare(m: ir.Matrix, kind: str, other: ir.Axis | None, title_of_key: str, better: str, order: list[int],
             band: dict[int, ir.Entry], context: str, limits: dict[str, ir.Limit], facts: Facts, emit: Emit) -> None:
    width = len(other.lines) if other is not None else 1
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
                places = [p for p in (context, f"{axis_title(other, facts)} {other.line_labels[k]}" if other else "") if p]
                where = f" ({'; '.join(places)})" if places else ""
                emit(Warning_(
                    "W701",
                    f"Matrix `{m.id}`: {title_of_key} {band[good].label} is better than "
                    f"{band[bad].label} but gets {title} {_show(gcell, limit, lim)} against "
                    f"{_show(bcell, limit, lim)}{where}.",
                    gcell.span,
                    f"A {'higher' if better == 'higher' else 'lower'} {title_of_key} normally gets at least the limit "
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
