"""W709 and W710: a cap or a reduction that can never change the limit it names (docs/language.md 13.1).

Not for an `abstract` program (its rules are judged in the programs that extend it). Exact over the matrices
and the vocabulary's ranges. An amount read for the loan is judged by the bounds it is known to keep (`_bounds`):
a lookup value's lines (N/A aside), a value's `domain:`, a field's `range:`; one with no known bound is not
judged:

    W709  a cap at or above every value the limit can take: every matrix cell giving the limit (when every matrix
          of the program gives it, so a loan the program accepts always has a cell at or below the cap), or the
          top of the range of the field the limit bounds (no loan's value can exceed the cap);
    W710  a reduction that can never lower the limit: no matrix gives the limit (under `lowest wins` or `stacked`
          a reduction is taken from a matrix value only), or, under `lowest wins`, the rule's own cap on the
          limit is at or below every matrix value less the reduction.
"""

from __future__ import annotations

from decimal import Decimal

from compiler import ir
from compiler.analysis.facts import Emit, Facts, Warning_
from compiler.wording import fmt_amount


def _cells(facts: Facts, limit: str) -> list[Decimal] | None:
    """Every value the program's matrices give the limit; None when a loan the program accepts may get no matrix
    value for it (no matrix at all, loans no matrix covers not declined, a matrix that does not give it, or a
    `no limit` cell)."""
    matrices = facts.program.matrices
    if not matrices or facts.program.uncovered != "declined" or any(limit not in m.gives for m in matrices):
        return None
    out: list[Decimal] = []
    for m in matrices:
        for row in m.cells:
            for cell in row:
                if not cell.eligible:
                    continue
                v = cell.get(limit)
                if v is None:
                    return None
                out.append(v)
    return out


def check_limit_adjustments(rule: ir.Rule, facts: Facts, emit: Emit) -> None:
    if facts.program.abstract:  # shared rules: judged in the programs built on them, beside their matrices
        return
    limits = {lim.id: lim for lim in facts.program.limits}
    for a in rule.adjustments:
        lim = limits.get(a.limit)
        if lim is None:
            continue
        if a.kind == "cap":
            _cap(rule, a, lim, facts, emit)
        else:
            _reduce(rule, a, lim, facts, emit)


def _later(rule: ir.Rule, lim: ir.Limit, facts: Facts) -> bool:
    """Whether a rule after `rule` in the program reduces or caps the limit."""
    rules = facts.program.rules
    at = next((i for i, r in enumerate(rules) if r.id == rule.id), len(rules))
    return any(a.limit == lim.id for r in rules[at + 1:] for a in r.adjustments)


def _shown(x: Decimal, lim: ir.Limit) -> str:
    return fmt_amount(x, lim.type.kind, lim.type.unit)


def _bounds(a: ir.Adjustment, lim: ir.Limit, facts: Facts) -> tuple[Decimal | None, Decimal | None, str]:
    """The lowest and highest an adjustment's amount can be (None: not known), and how that is known: a literal is
    itself; a lookup value's lines (N/A aside); a value's `domain:`; a field's `range:`."""
    if a.amount is not None:
        return a.amount, a.amount, ""
    if a.by is None:
        return None, None, ""
    value = facts.program.value(a.by.name)
    if value is not None and isinstance(value.body, ir.Lookup):
        lines = [r for r in value.body.results if isinstance(r, Decimal)]
        if not lines:
            return None, None, ""
        low, high = min(lines), max(lines)
        return low, high, (f"every line of {value.title} is {_shown(low, lim)}" if low == high else
                           f"the lines of {value.title} go from {_shown(low, lim)} to {_shown(high, lim)}")
    if value is not None:
        band = value.domain
        return (band.low, band.high, f"{value.title} is {' '.join(band.label.split())} (its domain)") \
            if band is not None else (None, None, "")
    f = facts.vocabulary.field(a.by.name)
    if f is None or f.range is None:
        return None, None, ""
    return f.range.low, f.range.high, f"{f.title} is {' '.join(f.range.label.split())} (its range)"


def _cap(rule: ir.Rule, a: ir.Adjustment, lim: ir.Limit, facts: Facts, emit: Emit) -> None:
    if facts.program.combine_of(lim.id) == "first" and _later(rule, lim, facts):
        return  # under `first applicable` a cap that never lowers the cell still stops the rules after it
    low, _high, how = _bounds(a, lim, facts)
    if low is None:
        return
    cells = _cells(facts, lim.id)
    f = facts.vocabulary.field(lim.on)
    top = f.range.high if f is not None and f.range is not None else None
    if cells and max(cells) <= low:
        why = f"every matrix value of {lim.title} is at or below it (the highest is {_shown(max(cells), lim)})"
    elif top is not None and top <= low:
        why = f"{f.title if f else lim.on} is at most {_shown(top, lim)} for every loan"
    else:
        return
    if how:
        why += f", and {how}"

    emit(Warning_(
        "W709",
        f"The cap of {lim.title} at {a.text} in rule `{rule.id}` can never bind: {why}.",
        a.span,
        "Check the amount against the guide (a typo, or a cap meant for another limit). If the guide states it "
        "anyway, add `accept warning W709 because \"...\"` to the rule.",
        (rule.accepted,),
    ))


def _reduce(rule: ir.Rule, a: ir.Adjustment, lim: ir.Limit, facts: Facts, emit: Emit) -> None:
    mode = facts.program.combine_of(lim.id)
    if mode == "caps_first":
        return  # every reduction comes off the limit
    given = any(lim.id in m.gives for m in facts.program.matrices)
    # the rule's own caps, each at its highest (a cap by a value at the most it can be)
    caps = [high for c in rule.adjustments if c.kind == "cap" and c.limit == lim.id
            and (high := _bounds(c, lim, facts)[1]) is not None]
    cells = [v for m in facts.program.matrices if lim.id in m.gives
             for row in m.cells for cell in row if (v := cell.get(lim.id)) is not None]
    _low, most, how = _bounds(a, lim, facts)
    if not given:
        why = f"no matrix gives {lim.title}, and a reduction is taken from a matrix value only"
    elif most is not None and most <= 0:
        why = f"it is never more than {_shown(most, lim)}" + (f" ({how})" if how else "")
    elif mode in ("lowest", "first") and most is not None and caps and cells and min(cells) - most >= min(caps):
        why = (f"the rule's own cap at {_shown(min(caps), lim)} is at or below every matrix value less "
               f"{a.text} (the lowest is {_shown(min(cells) - most, lim)}{'; ' + how if how else ''}), and the "
               "lowest wins")
    else:
        return
    emit(Warning_(
        "W710",
        f"The reduction of {lim.title} by {a.text} in rule `{rule.id}` can never lower it: {why}.",
        a.span,
        f"If the guide takes the reduction off the limit whatever sets it (a cap included), add `limit {lim.id}: reductions last` under "
        "the program's header lines. If the guide states it anyway, add `accept warning W710 because \"...\"` to "
        "the rule.",
        (rule.accepted,),
    ))
