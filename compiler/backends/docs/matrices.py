"""A matrix as the site shows it: each cell a shaded span carrying its row and column labels (and, on the changes
page, what it was before), the axes' titles, the limits it gives."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from compiler import ir, ir_program, ir_types
from compiler.escape import attr, md


def entry_text(e: ir.Entry, t: ir_types.Type) -> str:
    """A table entry as the docs show it: a band, `any`, `any other`, or its choices by their labels."""
    if isinstance(e, ir.Band) or e.label in ("any", "any other"):
        return e.label
    labels = dict(zip(t.values, t.labels, strict=False))
    return ", ".join(("yes" if v else "no") if isinstance(v, bool) else labels.get(v, v) for v in e.values)


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
    """What the templates' `matrix` macro shows of a matrix: one leading column per row key, a column heading per
    column line (several keys joined by ` / `), cells, axis titles. Choices show by their labels."""
    cols = [" / ".join(entry_text(e, k.type) for e, k in zip(line, m.columns.keys, strict=True))
            for line in m.columns.lines] if m.columns else []
    rows = []
    for i, (line, cells) in enumerate(zip(m.rows.lines, m.cells, strict=True)):
        keys = [entry_text(e, k.type) for e, k in zip(line, m.rows.keys, strict=True)]
        row = ", ".join(keys)
        rows.append((keys, [_cell(c, m.gives, row, lab, was(i, j))
                            for j, (c, lab) in enumerate(zip(cells, cols or [""], strict=True))]))
    limit_titles = [next((lim.title for lim in p.limits if lim.id == g), g) for g in m.gives]
    return {"m": m, "cols": cols, "rows": rows, "gives": " / ".join(limit_titles),
            "row_labels": [titles.get(lb, lb) for lb in m.rows.labels],
            "col_label": " / ".join(titles.get(lb, lb) for lb in m.columns.labels) if m.columns else ""}
