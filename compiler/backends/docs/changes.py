"""A program's changes page: every version, what changed from each to the next (`compiler.tools.diff`), with
"tightens" and "loosens" coloured, and each changed matrix shown as it now stands with its changed cells marked
(the earlier value on hover)."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from decimal import Decimal

from compiler import ir, ir_program
from compiler.backends.docs.links import choices
from compiler.backends.docs.matrices import matrix_view
from compiler.meta import titles as titles_of
from compiler.tools.diff_bands import cell_at, limit_in, refine, show_limit


def effect_span(effect: str) -> str:
    return f'<span class="glc-effect glc-{effect}">{effect}</span>'


def _step(expr: ir.Expr, program: ir_program.Program, vocabulary: ir_program.Vocabulary) -> Decimal:
    """The grid an axis's values lie on (as `compiler.tools.diff`): the field's or value's decimals."""
    places = None
    if isinstance(expr, ir.FieldRef):
        f = vocabulary.field(expr.name)
        places = f.places if f is not None else None
    elif isinstance(expr, ir.ValueRef):
        v = program.value(expr.name)
        places = v.places if v is not None else None
    if places is None:
        places = 0 if expr.type.kind in ("integer", "months", "days") else 2
    return Decimal(1).scaleb(-places)


def changed_cells(old: ir.Matrix, new: ir.Matrix, program: ir_program.Program, vocabulary: ir_program.Vocabulary
                  ) -> dict[tuple[int, int], str]:
    """The cells of `new` (row, column) where some loan gets another limit than under `old`, each with what the
    old matrix said there. Empty when the axes themselves changed (the diff says so in words)."""
    if old.rows.expr != new.rows.expr or (old.columns is None) != (new.columns is None) or (
            old.columns is not None and new.columns is not None and old.columns.expr != new.columns.expr):
        return {}
    kinds = (new.rows.expr.type.kind, new.rows.expr.type.unit)
    rows = refine(old.rows.bands, new.rows.bands, _step(new.rows.expr, program, vocabulary), kinds)
    cols: list[object] = [None]
    if old.columns is not None and new.columns is not None:
        ckinds = (new.columns.expr.type.kind, new.columns.expr.type.unit)
        cols = list(refine(old.columns.bands, new.columns.bands, _step(new.columns.expr, program, vocabulary), ckinds))
    limits = {lim.id: lim for lim in program.limits}
    out: dict[tuple[int, int], str] = {}
    for r in rows:
        i = next((n for n, b in enumerate(new.rows.bands) if b.contains(r.point)), None)
        for c in cols:
            j = 0 if c is None or new.columns is None else next(
                (n for n, b in enumerate(new.columns.bands) if b.contains(c.point)), None)  # type: ignore[attr-defined]
            if i is None or j is None or (i, j) in out:
                continue
            was, now = cell_at(old, r, c), cell_at(new, r, c)  # type: ignore[arg-type]
            before = [limit_in(was, g) for g in new.gives]
            if before != [limit_in(now, g) for g in new.gives]:
                out[(i, j)] = " / ".join(dict.fromkeys(show_limit(v, limits.get(g)) for v, g in zip(before, new.gives, strict=True)))
    return out


def changes_page(p: ir_program.Program, bundle: ir_program.Bundle, render: Callable[..., str]) -> str:
    """The page's Markdown; `render` renders the template (`site.environment`)."""
    from compiler.tools.diff import diff_programs
    from compiler.tools.diff_render import render_markdown

    versions = bundle.versions(p.id)
    named = choices(bundle.vocabulary)
    diffs = []
    for a, b in itertools.pairwise(versions):
        olds = {m.id: m for m in a.matrices}
        news = {m.id: m for m in b.matrices}
        titles = titles_of(b, bundle.vocabulary)

        def after(item: str, a: ir_program.Program = a, b: ir_program.Program = b, olds: dict[str, ir.Matrix] = olds,
                  news: dict[str, ir.Matrix] = news, titles: dict[str, str] = titles) -> str:
            if item not in olds or item not in news:
                return ""
            marked = changed_cells(olds[item], news[item], b, bundle.vocabulary)
            if not marked:
                return ""
            view = matrix_view(news[item], b, titles, lambda i, j: marked.get((i, j)))
            return render("matrix_table.md.j2", x=view, version=b.version)

        diffs.append(render_markdown(diff_programs(a, b, bundle.vocabulary, bundle.vocabulary, named), heading_level=2,
                                     effect_text=effect_span, after=after))
    return render("changes.md.j2", p=p, versions=versions, diffs=list(reversed(diffs)))
