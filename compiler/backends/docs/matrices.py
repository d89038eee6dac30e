"""A matrix as the site shows it: each cell a shaded span carrying its row and column labels (and, on the changes
page, what it was before), the axes' titles, the limits it gives."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from compiler import ir, ir_program
from compiler.escape import attr, md


def shade(value: Decimal) -> int:
    """The 5-point bucket a max LTV is shaded by (CSS class glc-ltv-<n>)."""
    return int(min(max(value, Decimal(0)), Decimal(100)) // 5 * 5)


def _cell(cell: ir.Cell, gives: tuple[str, ...], row: str, col: str, was: str | None = None) -> str:
    """A matrix cell; `was` (the changes page) marks it changed, with the earlier text on hover."""
    data = f'data-row="{attr(row)}" data-col="{attr(col)}"'
    changed = "" if was is None else " glc-changed"
    if was is not None:
        data += f' title="was {attr(was)}"'
    if not cell.eligible:
        return f'<span class="glc-cell glc-na{changed}" {data}>Not eligible</span>'
    values = dict(cell.limits or ())
    if not values:
        return f'<span class="glc-cell{changed}" {data}>no limit</span>'
    first = values.get(gives[0])
    cls = f" glc-ltv glc-ltv-{shade(first)}" if first is not None and "ltv" in gives[0] else ""
    text = " / ".join(md(cell.text).split(" / ")) if len(set(values.values())) > 1 else md(cell.text)
    value_attr = f' data-value="{first}"' if first is not None else ""
    return f'<span class="glc-cell{cls}{changed}" {data}{value_attr}>{text}</span>'


def matrix_view(m: ir.Matrix, p: ir_program.Program, titles: dict[str, str],
                was: Callable[[int, int], str | None] = lambda _r, _c: None) -> dict[str, object]:
    """What the templates' `matrix` macro shows of a matrix: band labels, cells, axis titles."""
    cols = m.columns.bands if m.columns else ()
    rows = []
    for i, (row_band, cells) in enumerate(zip(m.rows.bands, m.cells, strict=True)):
        labels = [b.label for b in cols] or [""]
        rows.append((row_band.label, [_cell(c, m.gives, row_band.label, lab, was(i, j))
                                      for j, (c, lab) in enumerate(zip(cells, labels, strict=True))]))
    limit_titles = [next((lim.title for lim in p.limits if lim.id == g), g) for g in m.gives]
    return {"m": m, "cols": [b.label for b in cols], "rows": rows, "gives": " / ".join(limit_titles),
            "row_label": titles.get(m.rows.label, m.rows.label),
            "col_label": titles.get(m.columns.label, m.columns.label) if m.columns else ""}
