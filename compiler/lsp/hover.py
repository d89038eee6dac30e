"""Hover: what the thing under the cursor is, in Markdown, from the checked IR.

A field: its label, type, unit, range and description (the vocabulary). A value: its label, its definition as
written and in words, its rounding and citation. A matrix cell: the matrix, the row and column band labels, the
cell's limits and the citation. A band of a matrix's rows or columns, a limit, a rule, a matrix, a program, a
choice.
"""

from __future__ import annotations

from compiler import ir, ir_program
from compiler.lsp.documents import Analysis
from compiler.lsp.resolve import Target
from compiler.wording import describe, fmt_amount

MAX_LINES = 12  # of a declaration shown as written


def _code(text: str) -> str:
    return f"```guideline\n{text}\n```"


def _written(a: Analysis, node: ir.Value) -> str | None:
    """A declaration as written in its file (at most MAX_LINES lines)."""
    src = a.result.sources.get(node.span.path)
    if src is None:
        return None
    lines: list[str] = []
    for text in src.text.split("\n")[node.span.line - 1: node.span.end_line]:
        if lines and not (text[:1].isspace() and text.strip()):
            break  # the declaration's lines: the first, then its indented clauses and table
        lines.append(text)
    shown = lines[:MAX_LINES] + (["..."] if len(lines) > MAX_LINES else [])
    return "\n".join(shown) if shown else None


def _titles(a: Analysis) -> dict[str, str]:
    vocab = a.vocabulary
    out = {f.name: f.title for f in vocab.fields} if vocab is not None else {}
    prog = a.program
    out.update({v.id: v.title for v in prog.values} if prog is not None else {})
    return out


def field_text(f: ir.Field) -> str:
    parts = [f"**{f.title}** `{f.name}`: field, {f.type.describe()}"]
    facts = []
    if f.type.unit:
        facts.append(f"Unit: {f.type.unit}")
    if f.range is not None:
        facts.append(f"Range: {f.range.label}")
    if f.places is not None:
        whole = "whole dollars" if f.type.kind == "money" else "whole numbers"
        facts.append(f"Precision: {f.places} decimals" if f.places else f"Precision: {whole}")
    if f.section:
        facts.append(f"Section: {f.section}")
    if facts:
        parts.append(" · ".join(facts))
    if f.description:
        parts.append(f.description)
    if f.type.kind == "enum":
        labels = f.type.labels or ("",) * len(f.type.values)
        parts.append("\n".join(f"- `{v}`" + (f": {label}" if label else "") for v, label in zip(f.type.values, labels, strict=False)))
    return "\n\n".join(parts)


def value_text(a: Analysis, v: ir.Value) -> str:
    where = "the vocabulary" if v.origin == "vocabulary" else f"program `{v.origin}`"
    parts = [f"**{v.title}** `{v.id}`: value, {v.type.describe()} (declared in {where})"]
    written = _written(a, v)
    if written:
        parts.append(_code(written))
    if not isinstance(v.body, ir.Lookup):
        parts.append(f"Definition: {describe(v.body, _titles(a))}")
    else:
        parts.append(f"Definition: looked up by {v.body.key.label} in a table of {len(v.body.key.bands)} bands")
    parts.append(f"Rounding: {v.rounding.describe()}" if v.rounding is not None else "Rounding: none (exact)")
    if v.citation:
        parts.append(f"Citation: {v.citation}")
    return "\n\n".join(parts)


def _axis_name(a: Analysis, axis: ir.Axis) -> str:
    """The axis's key titles (`Credit grade / Documentation type` for two keys)."""
    titles = _titles(a)
    names = [titles.get(k.name, label) if isinstance(k, (ir.FieldRef, ir.ValueRef)) else label
             for k, label in zip(axis.keys, axis.labels, strict=False)]
    return " / ".join(names) if len(names) > 1 else (names[0] if names else axis.label)


def _line_label(axis: ir.Axis, index: int) -> str:
    """A line of an axis as written: a band (`660..699`), choices (`rate_term, cash_out`), one per key."""
    return " / ".join(e.label for e in axis.lines[index])


def cell_text(a: Analysis, m: ir.Matrix, row: int, column: int) -> str:
    cell = m.cell(row, column)
    where = [f"{_axis_name(a, m.rows)} {_line_label(m.rows, row)}"]
    if m.columns is not None:
        where.append(f"{_axis_name(a, m.columns)} {_line_label(m.columns, column)}")
    parts = [f"**{m.title}** `{m.id}`: " + ", ".join(where)]
    if cell.limits is None:
        parts.append(f"`{cell.text}`: not eligible")
    else:
        shown = ", ".join(f"{name} {value}" for name, value in cell.limits) or "no limit"
        parts.append(f"`{cell.text}`: {shown}")
    parts.append(f"Citation: {m.citation}" if m.citation else "Citation: none")
    return "\n\n".join(parts)


def band_text(a: Analysis, m: ir.Matrix, axis: ir.Axis, index: int) -> str:
    which = "row" if axis is m.rows else "column"
    what = "band" if axis.simple else "line"
    return (f"**{m.title}** `{m.id}`: {which} {what} {_line_label(axis, index)} of {_axis_name(a, axis)}"
            + (f"\n\nCitation: {m.citation}" if m.citation else ""))


def hover_text(a: Analysis, t: Target) -> str | None:
    node = t.node
    if t.kind == "cell" and isinstance(node, ir.Matrix):
        return cell_text(a, node, t.row, t.column)
    if t.kind == "band" and isinstance(node, ir.Matrix) and t.axis is not None:
        return band_text(a, node, t.axis, t.row)
    if t.kind == "band" and isinstance(node, ir.Value) and isinstance(node.body, ir.Lookup):
        result = node.body.results[t.row]
        if result is None:
            gives = "N/A (unknown)"
        elif isinstance(result, str):  # a derived category's choice, by its label
            gives = dict(zip(node.type.values, node.type.labels, strict=False)).get(result, result)
        else:
            gives = fmt_amount(result, node.type.kind, node.type.unit)
        key = node.body.key
        line = _line_label(key, t.row)
        return (f"**{node.title}** `{node.id}`: {_axis_name(a, key)} {line} gives {gives}"
                + (f"\n\nCitation: {node.citation}" if node.citation else ""))
    if t.kind == "choice" and isinstance(node, ir.Field):
        labels = dict(zip(node.type.values, node.type.labels, strict=False))
        label = labels.get(t.name)
        return f"`{t.name}`" + (f": {label}" if label else "") + f"\n\nA choice of **{node.title}** `{node.name}`"
    if isinstance(node, ir.Field):
        return field_text(node)
    if isinstance(node, ir.Value):
        return value_text(a, node)
    if isinstance(node, ir.Limit):
        return f"**{node.title}** `{node.id}`: limit on `{node.on}`, {node.type.describe()}"
    if isinstance(node, (ir.Rule, ir.Matrix)):
        kind = "rule" if isinstance(node, ir.Rule) else "matrix"
        text = f"**{node.title}** `{node.id}`: {kind}" + (f" in section {node.section}" if node.section else "")
        return text + (f"\n\nCitation: {node.citation}" if node.citation else "")
    if isinstance(node, ir_program.Program):
        base = f", {node.kind} of `{node.base}`" if node.base else ""
        return (f"**{node.title}** `{node.id}`: program{base}\n\n{node.investor or node.lender or ''} · version {node.version}, "
                f"effective {node.effective.isoformat()}")
    if isinstance(node, ir.Record):
        return f"**{node.title}** `{node.name}`: record of " + ", ".join(f"`{f.name}`" for f in node.fields)
    return None
