"""Program metadata: what the runtime's `decide` needs to turn a loan's facts into a Decision.

Consumes an `ir_program.Program` and the vocabulary; produces a `runtime.ProgramMeta` (titles, rule texts in the
shared English wording, matrix bands and cells, limits). The reference evaluator uses it directly; the
Python back end writes it into each generated module as literals.
"""

from __future__ import annotations

from decimal import Decimal

from compiler import ir, ir_names, ir_program
from compiler import runtime as rt
from compiler.wording import describe, describe_requirement


def titles(program: ir_program.Program, vocabulary: ir_program.Vocabulary) -> dict[str, str]:
    t = {f.name: f.title for f in vocabulary.fields}
    t.update({v.id: v.title for v in program.values})
    return t


def program_info(p: ir_program.Program) -> rt.ProgramInfo:
    return rt.ProgramInfo(p.id, p.title, p.investor, p.lender, p.family, p.version, p.effective.isoformat(),
                          p.source_document, p.sha256)


def program_meta(program: ir_program.Program, vocabulary: ir_program.Vocabulary) -> rt.ProgramMeta:
    t = titles(program, vocabulary)
    names: dict[str, rt.Name] = {}
    for f in vocabulary.fields:
        names[f.name] = rt.Name(f.title, f.type.kind, f.type.unit, False)
    for v in program.values:
        names[v.id] = rt.Name(v.title, v.type.kind, v.type.unit, True, ir.reads(v.body), v.places, ir_names.needs(v.body),
                               v.domain.label if v.domain is not None else "")

    def rule(r: ir.Rule) -> rt.RuleMeta:
        adjustments = tuple(
            (a.kind, a.limit, a.by.name if a.by is not None else a.amount or Decimal(0),
             f"{'reduce' if a.kind == 'reduce' else 'cap'} {_limit_title(program, a.limit)} "
             f"{'by' if a.kind == 'reduce' else 'at'} {a.text}")
            for a in r.adjustments
        )
        return rt.RuleMeta(
            r.id, r.title, r.citation or "", r.span.where,
            describe(r.when, t) if r.when is not None else "",
            ir.reads(r.when) if r.when is not None else (),
            tuple(rt.RequirementMeta(describe_requirement(q, t), ir.reads(q)) for q in r.requirements),
            adjustments,
            tuple((c.kind, c.text) for c in r.conditions),
            r.reviews,
        )

    def axis(a: ir.Axis) -> rt.AxisMeta:
        if a.simple:
            return rt.AxisMeta(t.get(a.label, a.label), ir.reads(a.expr),
                               tuple((b.low, b.low_inclusive, b.high, b.high_inclusive, b.label) for b in a.bands))
        inputs = tuple(dict.fromkeys(n for k in a.keys for n in ir.reads(k)))
        return rt.AxisMeta(a.label, inputs, (), tuple((t.get(lb, lb), ir.reads(k)) for lb, k in zip(a.labels, a.keys, strict=True)),
                           tuple(tuple(entry_meta(e) for e in line) for line in a.lines))

    def matrix(m: ir.Matrix) -> rt.MatrixMeta:
        axes = (axis(m.rows),) + ((axis(m.columns),) if m.columns else ())
        cells = tuple(tuple((c.limits, c.text) for c in row) for row in m.cells)
        return rt.MatrixMeta(m.id, m.title, m.citation or "", m.span.where,
                             describe(m.when, t) if m.when is not None else "",
                             ir.reads(m.when) if m.when is not None else (), axes, cells, m.gives)

    selectors: list[str] = []
    for m in program.matrices:
        for n in ir.reads(m.when) if m.when is not None else ():
            if n not in selectors:
                selectors.append(n)
    limits = tuple(
        rt.LimitMeta(lim.id, lim.title, lim.on, lim.type.kind, lim.type.unit, lim.span.where) for lim in program.limits
    )
    return rt.ProgramMeta(
        program_info(program), program.combine, names, tuple(v.id for v in program.values),
        tuple(matrix(m) for m in program.matrices), tuple(rule(r) for r in program.rules), limits,
        tuple(selectors), program.seasoning_date, tuple(program.limit_combine), program.uncovered,
    )


def entry_meta(e: ir.Entry) -> tuple[object, ...]:
    """A table entry as the runtime holds it: `(low, low_inclusive, high, high_inclusive, label)` or `(values, label)`."""
    if isinstance(e, ir.Band):
        return (e.low, e.low_inclusive, e.high, e.high_inclusive, e.label)
    return (e.values, e.label)


def _limit_title(program: ir_program.Program, limit: str) -> str:
    return next((lim.title for lim in program.limits if lim.id == limit), limit)
