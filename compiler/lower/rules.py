"""Matrices and rules: surface `matrix` and `rule` declarations to IR, with their tables and clauses checked.

Used by `lower` for each item of a program after inheritance.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TypeVar

from compiler import ir, ir_types
from compiler.diagnostics import Diagnostics, did_you_mean
from compiler.lower.analysis_hints import lower_accepts
from compiler.lower.axes import lower_keys, make_axis, no_score_flags, split_heading
from compiler.lower.expr import ExprLowerer
from compiler.lower.inherit import Item
from compiler.lower.literals import _axis_label, describe_literal_kind, literal_decimal, literal_fits
from compiler.lower.values import ValueTable, infer_places
from compiler.syntax import surface as s

_C = TypeVar("_C", bound="s.Cite | s.When | s.Gives")


# ------------------------------------------------------------------ matrices


def lower_matrix(item: Item, lowerer: ExprLowerer, limits: dict[str, ir.Limit], values: ValueTable,
                 diags: Diagnostics) -> ir.Matrix | None:
    decl = item.decl
    assert isinstance(decl, s.MatrixDecl)
    cite = _one(decl.clauses, s.Cite, "cite", diags)
    when_clause = _one(decl.clauses, s.When, "when", diags)
    gives = _one(decl.clauses, s.Gives, "gives", diags)
    rows_dim = next((c for c in decl.clauses if isinstance(c, s.Dimension) and c.kind == "rows"), None)
    cols_dim = next((c for c in decl.clauses if isinstance(c, s.Dimension) and c.kind == "columns"), None)
    for kind in ("rows", "columns"):
        dims = [c for c in decl.clauses if isinstance(c, s.Dimension) and c.kind == kind]
        if len(dims) > 1:
            diags.error("E230", f"A matrix has one `{kind}` line.", dims[1].span, "Remove the extra line.")
    notes = tuple(c.text for c in decl.clauses if isinstance(c, s.Note))
    if cite is None:
        diags.warning("W101", f"Matrix `{decl.name}` has no citation.", decl.name_span,
                      "Add `cite \"<section, page>\"` naming where the source document states it.")
    when = lowerer.condition(when_clause.cond) if when_clause else None
    if gives is None:
        diags.error("E411", f"Matrix `{decl.name}` does not say which limits it gives.", decl.name_span,
                    "Add `gives max_ltv, max_cltv` (the limits its cells set).")
        return None
    if rows_dim is None:
        diags.error("E412", f"Matrix `{decl.name}` does not say what its rows are.", decl.name_span,
                    "Add `rows fico` (and `columns loan_amount` for a two-way grid).")
        return None
    given: list[ir.Limit] = []
    for n in gives.limits:
        if n.name not in limits:
            diags.error("E207", f"Unknown limit `{n.name}`.{did_you_mean(n.name, limits)}", n.span,
                        "Limits are declared in programs/loan.fields: " + ", ".join(limits) + ".")
            return None
        given.append(limits[n.name])
    places = lambda x: infer_places(x, values.fields, values)  # noqa: E731
    row_exprs = rows_dim.exprs or (rows_dim.expr,)
    col_exprs = (cols_dim.exprs or (cols_dim.expr,)) if cols_dim else ()
    row_keys = lower_keys(row_exprs, lowerer, "rows", diags)
    col_keys = lower_keys(col_exprs, lowerer, "columns", diags) if cols_dim else []
    if row_keys is None or col_keys is None:
        return None
    nr = len(row_keys)
    table = decl.table
    if len(table.rows) < 2:
        diags.error("E407", "A matrix table needs a header line and at least one row.", table.span,
                    "Add the rows, e.g. `| 740+ | 90% | 85% |`.")
        return None
    header = table.rows[0]
    row_label = ", ".join(_axis_label(e) for e in row_exprs)
    col_label = " / ".join(_axis_label(e) for e in col_exprs)
    ok = True
    col_cells: list[list[s.Cell]] = []
    if cols_dim is not None:
        for cell in header.cells[nr:]:
            parts = split_heading(cell, len(col_keys), diags)
            if parts is None:
                ok = False
            else:
                col_cells.append(parts)
        width = len(header.cells) - nr
    else:
        width = 1
        if len(header.cells) != nr + 1:
            diags.error("E404", f"A matrix without columns has {nr + 1} cells per line; the header has {len(header.cells)}.",
                        header.span, "Write `| FICO | max LTV |`, or add `columns <field>` for a two-way grid.")
            ok = False
    row_cells: list[list[s.Cell]] = []
    cells: list[tuple[ir.Cell, ...]] = []
    for row in table.rows[1:]:
        if len(row.cells) != width + nr:
            got = len(row.cells) - nr
            diags.error(
                "E404",
                f"This row has {got} value cell{'s' if got != 1 else ''}; the header has {width}.",
                row.cells[width + nr].span if len(row.cells) > width + nr else row.span,
                "Give one cell per column (write N/A for a combination that is not eligible).",
            )
            ok = False
            continue
        row_cells.append(list(row.cells[:nr]))
        out: list[ir.Cell] = []
        for cell in row.cells[nr:]:
            c = _matrix_cell(cell, given, diags)
            if c is None:
                ok = False
                c = ir.Cell(None, "?", cell.span)
            out.append(c)
        cells.append(tuple(out))
    cols_axis = make_axis(col_keys, col_exprs, col_cells, col_label, cols_dim.span, places, diags,
                          no_score_flags(col_keys, lowerer)) \
        if cols_dim is not None else None
    rows_axis = make_axis(row_keys, row_exprs, row_cells, row_label, rows_dim.span, places, diags,
                          no_score_flags(row_keys, lowerer))
    if not ok or rows_axis is None or (cols_dim is not None and cols_axis is None):
        return None
    return ir.Matrix(decl.name, decl.title or decl.name, item.section, cite.text if cite else None,
                     when, tuple(g.id for g in given), rows_axis, cols_axis, tuple(cells), notes, item.origin,
                     item.overrides, decl.span, lower_accepts(decl.clauses, diags))


def _matrix_cell(cell: s.Cell, given: list[ir.Limit], diags: Diagnostics) -> ir.Cell | None:
    if cell.kind == "na":
        return ir.Cell(None, "N/A", cell.span)
    if cell.kind == "no_limit":
        return ir.Cell((), "no limit", cell.span)
    if cell.kind == "empty":
        diags.error("E405", "This cell is empty.", cell.span,
                    "Write the limit (e.g. `80%`), `N/A` when the combination is not eligible, or `no limit`.")
        return None
    if cell.kind == "pair" and cell.pair is not None:
        pct = [g for g in given if g.type.kind == "percent"]
        if len(pct) != 2 or len(given) != 2:
            diags.error("E409", "A `a% / b%` cell gives two percent limits, but the matrix does not give exactly two.",
                        cell.span, "Write `gives max_ltv, max_cltv` for LTV / CLTV cells.")
            return None
        a, b = cell.pair
        return ir.Cell(((given[0].id, literal_decimal(a)), (given[1].id, literal_decimal(b))),
                       f"{a.text} / {b.text}", cell.span)
    if cell.kind == "value" and cell.value is not None and isinstance(cell.value.value, Decimal):
        lit = cell.value
        matches = [g for g in given if literal_fits(lit, g.type)]
        if len(matches) != len(given):
            wanted = " and ".join(f"{g.id} ({describe_literal_kind(g.type)})" for g in given)
            diags.error("E410", f"`{lit.text}` does not fit the limits this matrix gives: {wanted}.", lit.span,
                        "Write a value of the limit's type, e.g. `80%` for max LTV.")
            return None
        return ir.Cell(tuple((g.id, literal_decimal(lit)) for g in given), lit.text, cell.span)
    diags.error("E410", f"`{cell.text}` is not a limit value.", cell.span, "Write e.g. `80%`, `85% / 80%` or `N/A`.")
    return None


def _one(clauses: tuple[object, ...], kind: type[_C], word: str, diags: Diagnostics) -> _C | None:
    found = [c for c in clauses if isinstance(c, kind)]
    if len(found) > 1:
        second = found[1]
        diags.error("E230", f"`{word}` is given twice.", second.span,
                    "Keep one line (join conditions with `and`)." if word == "when" else "Keep one line.")
    return found[0] if found else None


# ------------------------------------------------------------------ rules


def lower_rule(item: Item, lowerer: ExprLowerer, limits: dict[str, ir.Limit], diags: Diagnostics) -> ir.Rule | None:
    decl = item.decl
    assert isinstance(decl, s.RuleDecl)
    cite = _one(decl.clauses, s.Cite, "cite", diags)
    when_clause = _one(decl.clauses, s.When, "when", diags)
    if cite is None:
        diags.warning("W101", f"Rule `{decl.name}` has no citation.", decl.name_span,
                      "Add `cite \"<section, page>\"` naming where the source document states it.")
    when = lowerer.condition(when_clause.cond) if isinstance(when_clause, s.When) else None
    ok = when_clause is None or when is not None
    requirements: list[ir.Requirement] = []
    adjustments: list[ir.Adjustment] = []
    conditions: list[ir.Condition] = []
    reviews: list[str] = []
    notes: list[str] = []
    for clause in decl.clauses:
        if isinstance(clause, s.Require):
            test = lowerer.condition(clause.test)
            alts: list[ir.Alternative] = []
            for a in clause.allows:
                at, aw = lowerer.condition(a.test), lowerer.condition(a.cond)
                if at is None or aw is None:
                    ok = False
                else:
                    alts.append(ir.Alternative(at, aw, a.span))
            if test is None:
                ok = False
            else:
                requirements.append(ir.Requirement(test, tuple(alts), clause.span))
        elif isinstance(clause, s.Seasoning):
            got = lower_seasoning(clause, lowerer, diags)
            if got is None:
                ok = False
            else:
                requirements.extend(got)
        elif isinstance(clause, s.Adjust):
            for n in clause.limits:
                adj = lower_adjustment(clause, n, limits, lowerer, diags)
                if adj is None:
                    ok = False
                else:
                    adjustments.append(adj)
        elif isinstance(clause, s.ConditionClause):
            conditions.append(ir.Condition(clause.kind, clause.text, clause.span))
        elif isinstance(clause, s.Review):
            reviews.append(clause.text)
        elif isinstance(clause, s.Note):
            notes.append(clause.text)
    if not (requirements or adjustments or conditions or reviews) and ok:
        diags.error("E414", f"Rule `{decl.name}` does nothing.", decl.name_span,
                    "Give it a `require`, `reduce`, `cap`, `condition` or `review` line. To record source text the "
                    "program does not enforce, write a `note` item instead: `note <name> \"<title>\"` with `cite`, "
                    "`status: informational` (or `unusable`, `conflict`) and `text: \"...\"` lines.")
        return None
    if not ok:
        return None
    return ir.Rule(decl.name, decl.title or decl.name, item.section, cite.text if isinstance(cite, s.Cite) else None,
                   when, tuple(requirements), tuple(adjustments), tuple(conditions), tuple(reviews), tuple(notes),
                   item.origin, item.overrides, decl.span, lower_accepts(decl.clauses, diags))


def lower_adjustment(clause: s.Adjust, n: s.Name, limits: dict[str, ir.Limit], lowerer: ExprLowerer,
                     diags: Diagnostics) -> ir.Adjustment | None:
    if n.name not in limits:
        diags.error("E207", f"Unknown limit `{n.name}`.{did_you_mean(n.name, limits)}", n.span,
                    "Limits are declared in programs/loan.fields: " + ", ".join(limits) + ".")
        return None
    limit = limits[n.name]
    if clause.kind == "reduce" and limit.type.kind != "percent":
        diags.error("E415", f"Only percent limits are reduced by points; `{n.name}` is {limit.type.describe()}.", n.span,
                    f"Use `cap {n.name} at <amount>`.")
        return None
    if isinstance(clause.amount, s.Name):
        return _adjustment_by(clause, clause.amount, n.name, limit, lowerer, diags)
    lit = clause.amount
    if clause.kind == "reduce":
        return ir.Adjustment("reduce", n.name, literal_decimal(lit), lit.text, clause.span)
    if not literal_fits(lit, limit.type) or not isinstance(lit.value, Decimal):
        diags.error("E410", f"`{lit.text}` does not fit `{n.name}`, which is {limit.type.a()}.", lit.span,
                    f"Write {describe_literal_kind(limit.type)}.")
        return None
    return ir.Adjustment("cap", n.name, literal_decimal(lit), lit.text, clause.span)


def _adjustment_by(clause: s.Adjust, name: s.Name, limit_id: str, limit: ir.Limit, lowerer: ExprLowerer,
                   diags: Diagnostics) -> ir.Adjustment | None:
    """`cap max_ltv at purpose_cap` / `reduce max_ltv by layered_risk`: the amount is the loan's value (a lookup
    included) or field, of the limit's own type: a percent for a percent limit, money in its unit for money."""
    ref = lowerer.expr(name)
    if ref is None:
        return None
    assert isinstance(ref, (ir.FieldRef, ir.ValueRef))
    if not (ref.type.kind == limit.type.kind and ref.type.unit == limit.type.unit):
        verb = "reduced by" if clause.kind == "reduce" else "capped at"
        diags.error("E424", f"`{limit_id}` is {limit.type.a()} and cannot be {verb} `{name.name}`, which is "
                            f"{ref.type.a()}.", name.span,
                    f"Name a value or field that is {limit.type.a()} (a lookup table of them works too), "
                    f"or write the amount itself: {describe_literal_kind(limit.type)}.")
        return None
    return ir.Adjustment(clause.kind, limit_id, None, name.name, clause.span, ref)


def lower_seasoning(clause: s.Seasoning, lowerer: ExprLowerer, diags: Diagnostics) -> list[ir.Requirement] | None:
    rows = clause.table.rows
    if len(rows) < 2:
        diags.error("E407", "A seasoning table needs a header line and at least one event line.", clause.table.span,
                    "Add lines like `| fc | 36 months |`.")
        return None
    out: list[ir.Requirement] = []
    ok = True
    for row in rows[1:]:
        if len(row.cells) != 2 or row.cells[0].kind != "words":
            diags.error("E404", "A seasoning line has 2 cells: the event kinds and the minimum months.", row.span,
                        "Write `| fc, ss | 24 months |`.")
            ok = False
            continue
        kinds_cell, months_cell = row.cells
        kinds = tuple(s.Name(" ".join(g), kinds_cell.span) for g in kinds_cell.words)
        since = lowerer.expr(s.MonthsSinceLatest(clause.list_name, kinds, kinds_cell.span))
        if since is None:
            ok = False
            continue
        lit = months_cell.value
        if months_cell.kind != "value" or lit is None or lit.kind not in ("months", "number") or not isinstance(lit.value, Decimal):
            diags.error("E416", "The minimum seasoning is a number of months.", months_cell.span,
                        "Write e.g. `24 months` or `4 years`.")
            ok = False
            continue
        minimum = ir.Const(lit.value, ir_types.MONTHS, lit.text, lit.span)
        out.append(ir.Requirement(ir.Compare(">=", since, minimum, row.span), (), row.span))
    return out if ok else None

