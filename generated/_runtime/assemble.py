# Copied from compiler/runtime/assemble.py by glc build; do not edit.
"""Deciding from facts: `decide`, which assembles the Decision from a loan's `Facts` (facts.py: the facts and how
messages show them; the program metadata types it reads are in meta.py).

A checker (generated or the reference evaluator) computes the facts of a loan (derived values, whether each rule
applies, each requirement's result, each matrix's keys); `decide` assembles the Decision: matrix cells,
reductions and caps, limit checks, unknown data, conditions, every message and the status.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_FLOOR, Decimal
from typing import Any

from .decision import (
    Condition,
    Decision,
    DerivedValue,
    Finding,
    LimitCandidate,
    LimitResult,
    Outcome,
    status_of,
)
from .facts import Facts, actuals, merge, missing, show, show_uncached
from .meta import AxisMeta, LimitMeta, MatrixMeta, Name, ProgramMeta, RequirementMeta, RuleMeta
from .values import _STEPS, fmt, join_and

# what `_certain` works a limit out from: every limit's candidates, reductions and caps, and the rules whose
# adjustments apply only if unknown data says so
Adjusted = tuple[dict[str, list[tuple[str, Decimal, str]]], dict[str, list[tuple[str, Decimal | str]]],
                 dict[str, list[tuple[str, Decimal | str]]], set[str]]

__all__ = ["AxisMeta", "Facts", "LimitMeta", "MatrixMeta", "Name", "ProgramMeta", "RequirementMeta", "RuleMeta",
           "decide", "derived_value", "line_index"]


def decide(meta: ProgramMeta, facts: Facts, derived: tuple[DerivedValue, ...] | None = None,
           worded: list[Finding | None] | None = None) -> Decision:
    """The Decision, from the facts of one loan. A generated checker words some parts itself, straight-line
    (compiler/backends/python/words.py): `derived`, the derived values, and `worded`, each rule's finding or None
    where this is to word it (a rule that does not apply always is); the rest is assembled here."""
    if derived is None:
        shown = facts.shown
        values = facts.values
        derived_list = []
        for name in meta.values:
            n = meta.names[name]
            inputs = {}
            for d in n.depends_on:
                text = shown.get(d)
                if text is None:
                    text = shown[d] = show_uncached(d, facts, meta)
                inputs[d] = text
            derived_list.append(DerivedValue(name, n.title, derived_value(values.get(name), n.places), inputs))
        derived = tuple(derived_list)
    findings: list[Finding] = []
    conditions: list[Condition] = []
    limit_ids = [lim.id for lim in meta.limits]
    candidates: dict[str, list[tuple[str, Decimal, str]]] = {lid: [] for lid in limit_ids}
    reductions: dict[str, list[tuple[str, Decimal | str]]] = {lid: [] for lid in limit_ids}
    caps: dict[str, list[tuple[str, Decimal | str]]] = {lid: [] for lid in limit_ids}
    uncertain: set[str] = set()  # rules whose adjustments apply only if unknown data says so

    blocked: dict[str, tuple[MatrixMeta, str]] = {}  # limit -> first matrix refusing the loan (N/A, outside bands)
    outside: dict[str, tuple[AxisMeta, str]] = {}  # matrix -> the axis whose key is outside its bands, and why
    # limit -> the first matrix giving it that cannot be read, what it needs (titles) and the fields to supply
    unread: dict[str, tuple[MatrixMeta, tuple[str, ...], tuple[str, ...]]] = {}
    any_applies: bool | None = False
    for m, (applies, keys) in zip(meta.matrices, facts.matrices, strict=True):
        findings.append(_matrix(m, applies, keys, facts, meta, candidates, blocked, outside))
        if findings[-1].outcome == "missing":  # cannot be read: the limits it gives cannot be told
            labels = _unknown_keys(m, keys, facts, meta)[1] if applies else [
                meta.names[n].title if n in meta.names else n
                for n in m.when_inputs if show(n, facts, meta) == "unknown"]
            for limit in m.gives:
                unread.setdefault(limit, (m, tuple(labels), findings[-1].missing))
        if applies is True:
            any_applies = True
        elif applies is None and any_applies is False:
            any_applies = None
    if meta.matrices and any_applies is False and meta.uncovered == "declined":
        findings.append(Finding("eligibility_matrix", "Eligibility matrix", "fail",
                                "No eligibility matrix of this program covers this loan ("
                                + actuals(meta.selector_inputs, facts, meta) + ").", "", meta.matrices[0].where))
    setters: dict[str, RuleMeta] = {}  # `first applicable` limit -> the first rule that applies and adjusts it
    for i, (r, (applies, results)) in enumerate(zip(meta.rules, facts.rules, strict=True)):
        if applies is False:  # no adjustment, no condition: the finding of every loan it does not apply to
            findings.append(r.not_applicable)
            continue
        # adjustments apply when the rule applies and, conservatively, when that is unknown
        for kind, limit, amount, _text in r.adjustments:
            (reductions if kind == "reduce" else caps)[limit].append((r.id, amount))
        if applies is True and r.conditions:
            conditions.extend(r.imposed)
        finding = worded[i] if worded is not None else None
        findings.append(finding if finding is not None else _rule(r, applies, results, facts, meta, setters))
        if applies is True and r.adjustments:  # (after its own finding: `setters` are the rules before it)
            for _k, limit, _a, _t in r.adjustments:
                if meta.combine_of(limit) == "first":
                    setters.setdefault(limit, r)
        if applies is None and r.adjustments:
            uncertain.add(r.id)
    _defer_outside(findings, outside, facts, meta)
    gone: dict[str, tuple[RuleMeta, str, str] | None] = {}  # a reduction or cap by an amount not known
    limit_results: list[LimitResult] = []
    untold: set[str] = set()  # limits a matrix that cannot be read leaves unknown
    for lim in meta.limits:
        if lim.id in blocked:
            limit_results.append(_not_eligible(lim, *blocked[lim.id]))
            continue
        unresolved = gone[lim.id] = _unresolved(lim.id, facts, meta) if lim.id in meta.open_limits else None
        if lim.id in unread and (unresolved is None or unresolved[2] != "not_eligible"):
            limit_results.append(_unread_limit(lim, *unread[lim.id][:2]))
            untold.add(lim.id)
            continue
        if unresolved is not None:
            limit_results.append(_unknown(lim, unresolved, facts, meta))
            continue
        limit_results.append(_limit(lim, candidates, *_adjusting(lim.id, reductions, caps, facts, meta),
                                    meta.combine_of(lim.id)))
    limits = tuple(limit_results)
    for lim, result in zip(meta.limits, limits, strict=True):
        unresolved = gone.get(lim.id)
        if lim.id in blocked:
            findings.append(Finding(lim.id, lim.title, "not_applicable", f"No limit: {result.description}.",
                                    blocked[lim.id][0].citation, lim.where))
        elif lim.id in untold:
            findings.append(Finding(lim.id, lim.title, "missing", f"Cannot tell the maximum: {result.description}.",
                                    unread[lim.id][0].citation, lim.where, unread[lim.id][2]))
        elif unresolved is not None:
            findings.append(_unknown_check(lim, result, unresolved, facts, meta))
        else:
            findings.append(_limit_check(lim, result, (candidates, reductions, caps, uncertain), facts, meta))
    return Decision(meta.info, status_of(findings), tuple(findings), tuple(conditions), derived, limits)


def derived_value(v: Any, places: int | None) -> Decimal | bool | str | None:
    """A derived value as the Decision shows it: yes/no and choices as they are (a category's choice as plain
    text), a number with exactly its declared decimals (never rounding: only trailing zeros change)."""
    if v.__class__ is Decimal and places is not None and 0 <= places < 10:  # the common case first
        if v.is_infinite():
            return v
        exact = v.quantize(_STEPS[places], rounding=ROUND_FLOOR)
        return exact if exact == v else v
    if v is None or v.__class__ is bool:
        return v
    if isinstance(v, str):
        return str(v)
    if isinstance(v, int):
        v = Decimal(v)
    if not isinstance(v, Decimal):
        return None
    if places is None or v.is_infinite():
        return v
    step = _STEPS[places] if 0 <= places < 10 else Decimal(1).scaleb(-places)
    exact = v.quantize(step, rounding=ROUND_FLOOR)
    return exact if exact == v else v


def _matrix(m: MatrixMeta, applies: bool | None, keys: tuple[Any, ...], facts: Facts, meta: ProgramMeta,
            candidates: dict[str, list[tuple[str, Decimal, str]]],
            blocked: dict[str, tuple[MatrixMeta, str]], outside: dict[str, tuple[AxisMeta, str]]) -> Finding:
    if applies is False:
        return m.not_applicable
    if applies is None:
        return Finding(m.id, m.title, "missing",
                       f"Cannot tell whether it applies: {actuals(m.when_inputs, facts, meta)}.", m.citation, m.where,
                       missing(m.when_inputs, facts, meta))
    positions: list[int] = []
    words: list[str] = []
    for axis, key in zip(m.axes, keys, strict=True):
        if axis.keys:
            got = _line(m, axis, key, facts, meta, blocked, outside)
            if got is None:
                return _unread(m, keys, facts, meta)
            if isinstance(got, Finding):
                return got
            positions.append(got[0])
            words.append(got[1])
            continue
        if key is None and facts.invalid and any(name in facts.invalid for name in axis.inputs):
            why = f"{actuals(axis.inputs, facts, meta)}"
            _block(m, why, blocked)
            return Finding(m.id, m.title, "fail", f"Not eligible: {why}.", m.citation, m.where)
        if key is None:
            return _unread(m, keys, facts, meta)
        idx = _band(key, axis.bands)
        if idx is None:
            bands = ", ".join(b[4] for b in axis.bands)
            why = f"{actuals(axis.inputs, facts, meta) or axis.label} is outside the matrix bands ({bands})"
            _block(m, why, blocked)
            outside[m.id] = (axis, why)
            return Finding(m.id, m.title, "fail", f"{why}.", m.citation, m.where)
        positions.append(idx)
        words.append(f"{axis.label} {axis.bands[idx][4]}")
    limits, text = m.cells[positions[0]][positions[1] if len(positions) > 1 else 0]
    place = ", ".join(words)
    if limits is None:
        _block(m, f"{place} is N/A", blocked)
        return Finding(m.id, m.title, "fail", f"Not eligible: {place} is N/A.", m.citation, m.where)
    for limit, value in limits:
        candidates[limit].append((m.id, value, f"{m.title}: {place} = {text}"))
    return Finding(m.id, m.title, "pass", f"{place}: {text}.", m.citation, m.where)


def _unread(m: MatrixMeta, keys: tuple[Any, ...], facts: Facts, meta: ProgramMeta) -> Finding:
    """A matrix that applies with a key unknown: missing, naming every unknown key in axis order."""
    names, labels = _unknown_keys(m, keys, facts, meta)
    return Finding(m.id, m.title, "missing", f"Cannot tell which line applies: {join_and(labels)} unknown.",
                   m.citation, m.where, missing(names, facts, meta))


def _unknown_keys(m: MatrixMeta, keys: tuple[Any, ...], facts: Facts, meta: ProgramMeta) -> tuple[list[str], list[str]]:
    """What the unknown keys of a matrix read that is unknown, and their titles, in axis order (a key outside its
    domain is not unknown; the keys before the first unknown one are known and in a line, or it would not be read)."""
    names: list[str] = []
    labels: list[str] = []
    for axis, key in zip(m.axes, keys, strict=True):
        if not axis.keys:  # one numeric key
            pairs: Iterable[tuple[Any, tuple[str, ...], str]] = [(key, axis.inputs, axis.label)]
        else:
            values = (key,) if len(axis.keys) == 1 else tuple(key)
            pairs = zip(values, [i for _l, i in axis.keys], [lb for lb, _i in axis.keys], strict=True)
        for v, inputs, label in pairs:
            if v is not None or (facts.invalid and any(name in facts.invalid for name in inputs)):
                continue
            unknown = [name for name in inputs if show(name, facts, meta) == "unknown"] or list(inputs)
            names += [name for name in unknown if name not in names]
            said = [meta.names[name].title if name in meta.names else name for name in unknown] or [label]
            labels += [t for t in said if t not in labels]
    return names, labels


def _defer_outside(findings: list[Finding], outside: dict[str, tuple[AxisMeta, str]], facts: Facts,
                   meta: ProgramMeta) -> None:
    """A matrix key outside the bands that a rule which applies already fails on (a requirement reading the same
    input is not met): the rule's failure is the reason to report, the matrix's finding points to it."""
    if not outside:
        return
    for i, f in enumerate(findings):
        if f.rule_id not in outside:
            continue
        axis, why = outside[f.rule_id]
        for r, (applies, results) in zip(meta.rules, facts.rules, strict=True):
            if applies is True and any(
                    (ok is False or any(n in facts.invalid for n in q.inputs)) and set(q.inputs) & set(axis.inputs)
                    for q, ok in zip(r.requirements, results, strict=True)):
                findings[i] = Finding(f.rule_id, f.title, "not_applicable", f"{why}; see {r.title} ({r.id}).",
                                      f.citation, f.source)
                break


def _block(m: MatrixMeta, why: str, blocked: dict[str, tuple[MatrixMeta, str]]) -> None:
    """A matrix that applies refuses the loan: the limits it gives have no value (caps and reductions included)."""
    for limit in m.gives:
        blocked.setdefault(limit, (m, why))


def _unresolved(lid: str, facts: Facts, meta: ProgramMeta) -> tuple[RuleMeta, str, str] | None:
    """A reduction or cap of the limit by a value or field not known for this loan (language.md 9.5): the rule, the
    name and what it makes the limit. A rule that surely applies whose table says N/A for the loan (or whose value
    is outside its domain) makes the loan not eligible under the limit; an amount that unknown data decides, or a
    rule that may not apply, leaves the limit unknown. None when every amount is known. Under `first applicable`
    only the first rule that (may) adjust the limit counts: one that only may apply leaves it unknown (`when`)."""
    first: tuple[RuleMeta, str, str] | None = None
    only_first = meta.combine_of(lid) == "first"
    for r, (applies, _results) in zip(meta.rules, facts.rules, strict=True):
        if applies is False:
            continue
        if only_first and any(limit == lid for _k, limit, _a, _t in r.adjustments):
            if applies is None:
                return r, "", "when"
            only_first = False  # this rule's amounts, and no later rule's
            for _kind, limit, amount, _text in r.adjustments:
                if limit != lid or not isinstance(amount, str) or (amount not in facts.invalid
                                                                   and facts.get(amount, meta) is not None):
                    continue
                if amount in facts.invalid or not missing((amount,), facts, meta):
                    return r, amount, "not_eligible"
                first = first or (r, amount, "unknown")
            return first
        for _kind, limit, amount, _text in r.adjustments:
            if limit != lid or not isinstance(amount, str) or (amount not in facts.invalid
                                                               and facts.get(amount, meta) is not None):
                continue
            if applies is True and (amount in facts.invalid or not missing((amount,), facts, meta)):
                return r, amount, "not_eligible"
            first = first or (r, amount, "unknown")
    return first


def _unknown(lim: LimitMeta, gone: tuple[RuleMeta, str, str], facts: Facts, meta: ProgramMeta) -> LimitResult:
    r, name, state = gone
    if state == "when":  # `first applicable`: a rule before any that applies may apply
        said = f"{r.title} may apply first ({actuals(r.when_inputs, facts, meta)})"
        return LimitResult(lim.id, lim.title, None, None, f"{said} ({r.id})", (), "unknown")
    title = meta.names[name].title if name in meta.names else name
    if state == "unknown":
        said = f"{title} is unknown"
    elif name in facts.invalid:
        said = f"not eligible: {actuals((name,), facts, meta)}"
    else:
        said = f"not eligible: {title} is N/A for this loan"
    return LimitResult(lim.id, lim.title, None, None, f"{said} ({r.id})", (), state)  # type: ignore[arg-type]


def _unknown_check(lim: LimitMeta, result: LimitResult, gone: tuple[RuleMeta, str, str], facts: Facts,
                   meta: ProgramMeta) -> Finding:
    r, name, state = gone
    if state == "not_eligible":
        return Finding(lim.id, lim.title, "fail", f"No limit: {result.description}.", r.citation, lim.where)
    return Finding(lim.id, lim.title, "missing", f"Cannot tell the maximum: {result.description}.", r.citation,
                   lim.where, missing(r.when_inputs if state == "when" else (name,), facts, meta))


def _known(adjustments: dict[str, list[tuple[str, Decimal | str]]], lid: str, facts: Facts,
           meta: ProgramMeta, first: str | None = None) -> dict[str, list[tuple[str, Decimal]]]:
    """The amounts for limit `lid` (the only key of the result), a value or field named read for this loan (each
    known: `_unresolved` found none that is not); under `first applicable`, only those of rule `first`."""
    return {lid: [(rid, a if isinstance(a, Decimal) else Decimal(facts.get(a, meta))) for rid, a in adjustments[lid]
                  if first is None or rid == first]}


def _adjusting(lid: str, reductions: dict[str, list[tuple[str, Decimal | str]]],
               caps: dict[str, list[tuple[str, Decimal | str]]], facts: Facts, meta: ProgramMeta
               ) -> tuple[dict[str, list[tuple[str, Decimal]]], dict[str, list[tuple[str, Decimal]]]]:
    """The reductions and caps of limit `lid` that count for this loan, by `_known` (amounts as read, only the
    first rule's under `first applicable`); a limit no rule adjusts by a value or field and that is not `first
    applicable` (not in `open_limits`) counts every amount as written: the adjustments as they are."""
    if lid not in meta.open_limits:
        return reductions, caps  # type: ignore[return-value]  # (every amount a Decimal: `open_limits`)
    first = _first(lid, facts, meta)
    return _known(reductions, lid, facts, meta, first), _known(caps, lid, facts, meta, first)


def _first(lid: str, facts: Facts, meta: ProgramMeta) -> str | None:
    """Under `first applicable` (language.md 9.5): the first rule, in program order, that applies and reduces or
    caps limit `lid` ("" when none does; `_unresolved` has found none before it that may apply). None otherwise."""
    if meta.combine_of(lid) != "first":
        return None
    for r, (applies, _results) in zip(meta.rules, facts.rules, strict=True):
        if applies is True and any(limit == lid for _k, limit, _a, _t in r.adjustments):
            return r.id
    return ""


def _unread_limit(lim: LimitMeta, m: MatrixMeta, titles: tuple[str, ...]) -> LimitResult:
    """A limit a matrix that cannot be read for the loan gives (its `when` or a key unknown): unknown, whatever
    cap or other matrix is known (the matrix could give less: language.md 9.5); `titles` what it needs."""
    said = f"{m.title} needs {join_and(titles)}" if titles else f"{m.title} cannot be read"
    return LimitResult(lim.id, lim.title, None, None, said, (), "unknown")


def _not_eligible(lim: LimitMeta, m: MatrixMeta, why: str) -> LimitResult:
    return LimitResult(lim.id, lim.title, None, None, f"not eligible under {m.title}: {why}", (), "not_eligible")


def _rule(r: RuleMeta, applies: bool | None, results: tuple[bool | None, ...], facts: Facts, meta: ProgramMeta,
          setters: dict[str, RuleMeta]) -> Finding:
    """A rule's finding (`setters`: under `first applicable`, limit -> the first earlier rule that applies and
    adjusts it)."""
    if applies is False:
        return r.not_applicable
    if applies is True and not r.requirements and not r.reviews and not setters:  # what it does, worked out once
        return r.applied
    if facts.invalid:  # a requirement reading an invalid value (outside its domain) is not met
        results = tuple(False if any(name in facts.invalid for name in req.inputs) else ok
                        for req, ok in zip(r.requirements, results, strict=True))
    if applies is True and False not in results and None not in results and not r.reviews and r.requirements:
        return _met(r, facts, meta)  # the common case, in short
    failed = [req for req, ok in zip(r.requirements, results, strict=True) if ok is False]
    unknown = [req for req, ok in zip(r.requirements, results, strict=True) if ok is None]
    if failed and applies is True:
        return _req_finding(r, "fail", failed, facts, meta, "Not met")
    if applies is None and (failed or unknown or r.reviews or not r.requirements):
        return Finding(r.id, r.title, "missing",
                       f"Cannot tell whether it applies ({r.when_text}): {actuals(r.when_inputs, facts, meta)}.",
                       r.citation, r.where, missing(r.when_inputs, facts, meta))
    if unknown:
        return _req_finding(r, "missing", unknown, facts, meta, "Cannot check")
    if r.reviews:
        return r.referred
    if r.requirements:
        return _met(r, facts, meta)
    return Finding(r.id, r.title, "pass", _applied(r, setters, meta), r.citation, r.where)


def _applied(r: RuleMeta, setters: dict[str, RuleMeta], meta: ProgramMeta) -> str:
    """What a rule that applies, with nothing to check, does: its reductions, caps and conditions; under `first
    applicable` (language.md 9.5) its adjustments of a limit an earlier rule that applies set (`setters`, limit ->
    that rule) are not applied."""
    skipped = [(limit, text) for _k, limit, _a, text in r.adjustments if limit in setters]
    if not skipped:
        return r.applied.message
    parts = [text for _k, limit, _a, text in r.adjustments if limit not in setters]
    parts += [f"{kind}: {text}" for kind, text in r.conditions]
    by: dict[str, list[str]] = {}
    for limit, _text in skipped:
        who = setters[limit]
        title = next((lim.title for lim in meta.limits if lim.id == limit), limit)
        titles = by.setdefault(f"{who.title} ({who.id})", [])
        titles += [title] if title not in titles else []
    because = join_and(f"{who} set {join_and(titles)} first" for who, titles in by.items())
    if not parts:
        return f"Not applied: {r.when_text or '; '.join(t for _l, t in skipped)} because {because}."
    return f"Applies: {'; '.join(parts)}; not applied: {'; '.join(t for _l, t in skipped)} because {because}."


def _met(r: RuleMeta, facts: Facts, meta: ProgramMeta) -> Finding:
    """Every requirement met: `_req_finding` of them all, from what the rule works out once (`RuleMeta.met`)."""
    seen = actuals(r.reads, facts, meta)
    return Finding(r.id, r.title, "pass", f"Met: {r.met} ({seen})." if seen else f"Met: {r.met}.", r.citation,
                   r.where)


def _req_finding(r: RuleMeta, outcome: Outcome, reqs: list[RequirementMeta], facts: Facts, meta: ProgramMeta,
                 verb: str) -> Finding:
    names = merge(req.inputs for req in reqs)
    seen = actuals(names, facts, meta)
    text = "; ".join(req.text for req in reqs)
    gone = missing(names, facts, meta) if outcome == "missing" else ()
    message = f"{verb}: {text}" + (f" ({seen})." if seen else ".")
    return Finding(r.id, r.title, outcome, message, r.citation, r.where, gone)


def _limit(lim: LimitMeta, candidates: dict[str, list[tuple[str, Decimal, str]]],
           reductions: dict[str, list[tuple[str, Decimal]]], caps: dict[str, list[tuple[str, Decimal]]],
           combine: str) -> LimitResult:
    cells = candidates[lim.id]
    if not reductions[lim.id] and not caps[lim.id]:  # (the common case, in short) the lowest cell or none
        if not cells:
            return LimitResult(lim.id, lim.title, None, None, "no limit applies", (), "none")
        rid, value, said = cells[0] if len(cells) == 1 else min(cells, key=_value)
        return LimitResult(lim.id, lim.title, value, rid, said, (LimitCandidate(rid, value, said),))
    base = min(cells, key=_value) if cells else None
    cands: list[LimitCandidate] = []
    if base is not None:
        cands.append(LimitCandidate(base[0], base[1], base[2]))
        if combine == "stacked" and reductions[lim.id]:
            total = sum((amount for _rid, amount in reductions[lim.id]), Decimal(0))
            rules = ", ".join(rid for rid, _ in reductions[lim.id])
            cands = [LimitCandidate(base[0], base[1] - total, f"{base[2]}, less {fmt(total, lim.kind)} ({rules})")]
        elif combine in ("lowest", "first"):  # `first applicable`: only the first rule's, as `lowest wins`
            for rid, amount in reductions[lim.id]:
                cands.append(LimitCandidate(rid, base[1] - amount, f"{base[2]} less {fmt(amount, lim.kind)} ({rid})"))
    for rid, amount in caps[lim.id]:
        cands.append(LimitCandidate(rid, amount, f"capped at {fmt(amount, lim.kind, lim.unit)} ({rid})"))
    if combine == "caps_first" and reductions[lim.id]:  # `reductions last`: each candidate less every reduction
        total = sum((amount for _rid, amount in reductions[lim.id]), Decimal(0))
        rules = ", ".join(rid for rid, _ in reductions[lim.id])
        cands = [LimitCandidate(c.rule_id, c.value - total, f"{c.description}, less {fmt(total, lim.kind)} ({rules})")
                 for c in cands]
    if not cands:
        return LimitResult(lim.id, lim.title, None, None, "no limit applies", (), "none")
    best = min(cands, key=lambda c: c.value)
    return LimitResult(lim.id, lim.title, best.value, best.rule_id, best.description, tuple(cands))


def _value(candidate: tuple[str, Decimal, str]) -> Decimal:
    return candidate[1]


def _without(adjustments: dict[str, list[tuple[str, Decimal]]], lid: str,
             rules: set[str]) -> dict[str, list[tuple[str, Decimal]]]:
    """The adjustments of limit `lid` (the only key of the result) but those of `rules`."""
    return {lid: [a for a in adjustments[lid] if a[0] not in rules]}


def _certain(lim: LimitMeta, adjusted: Adjusted, facts: Facts, meta: ProgramMeta) -> LimitResult:
    """The limit without the adjustments of rules that may not apply (`adjusted`: the candidates, reductions and
    caps of every limit, and those rules)."""
    candidates, reductions, caps, uncertain = adjusted
    known_reductions, known_caps = _adjusting(lim.id, reductions, caps, facts, meta)
    return _limit(lim, candidates, _without(known_reductions, lim.id, uncertain),
                  _without(known_caps, lim.id, uncertain), meta.combine_of(lim.id))


def _limit_check(lim: LimitMeta, result: LimitResult, adjusted: Adjusted, facts: Facts,
                 meta: ProgramMeta) -> Finding:
    """Pass within the limit; fail above it; missing when only an adjustment that may not apply makes it fail
    (`adjusted`: what `_certain` works that limit out from)."""
    cite = meta.citations.get(result.binding_rule or "", "")
    if result.value is None:
        return Finding(lim.id, lim.title, "not_applicable", "No limit applies to this loan.", cite, lim.where)
    actual = facts.get(lim.on, meta)
    on_title = meta.names[lim.on].title if lim.on in meta.names else lim.on
    maximum = fmt(result.value, lim.kind, lim.unit)
    if actual is None and lim.on in facts.invalid:
        return Finding(lim.id, lim.title, "fail",
                       f"{on_title} {show(lim.on, facts, meta)}; the maximum is {maximum}.", cite, lim.where)
    if actual is None:
        return Finding(lim.id, lim.title, "missing", f"{on_title} is unknown; the maximum is {maximum}.", cite,
                       lim.where, missing((lim.on,), facts, meta))
    shown = f"{on_title} {fmt(actual if actual.__class__ is Decimal else Decimal(actual), lim.kind, lim.unit)}"
    # (with no adjustment that may not apply, the certain limit is this one)
    certain = _certain(lim, adjusted, facts, meta) if actual > result.value and adjusted[3] else result
    if actual > result.value and (certain.value is None or actual <= certain.value):
        rule = next((r for r in meta.rules if r.id == result.binding_rule), None)
        inputs = rule.when_inputs if rule is not None else ()
        return Finding(lim.id, lim.title, "missing",
                       f"{shown} exceeds {maximum} only if {result.binding_rule} applies, which depends on unknown "
                       f"data ({result.description}).", cite, lim.where, missing(inputs, facts, meta))
    if actual <= result.value:
        return Finding(lim.id, lim.title, "pass", f"{shown} is within the maximum {maximum} ({result.description}).",
                       cite, lim.where)
    return Finding(lim.id, lim.title, "fail", f"{shown} exceeds the maximum {maximum} ({result.description}).", cite,
                   lim.where)


def _line(m: MatrixMeta, axis: AxisMeta, key: Any, facts: Facts, meta: ProgramMeta,
          blocked: dict[str, tuple[MatrixMeta, str]], outside: dict[str, tuple[AxisMeta, str]]
          ) -> tuple[int, str] | Finding | None:
    """The line of a choice-keyed or several-key axis holding the loan's keys, and how the place reads. Key by
    key: one outside its domain refuses the loan, one unknown is missing (None: `_unread` says which); keys in no
    line refuse the loan."""
    values = (key,) if len(axis.keys) == 1 else tuple(key)
    for (_label, inputs), v in zip(axis.keys, values, strict=True):
        if v is None and facts.invalid and any(name in facts.invalid for name in inputs):
            why = actuals(inputs, facts, meta)
            _block(m, why, blocked)
            return Finding(m.id, m.title, "fail", f"Not eligible: {why}.", m.citation, m.where)
        if v is None:
            return None
    idx = line_index(axis.lines, values)
    if idx is None:
        why = f"{actuals(merge(i for _, i in axis.keys), facts, meta) or axis.label} is in no line of the matrix"
        _block(m, why, blocked)
        outside[m.id] = (axis, why)
        return Finding(m.id, m.title, "fail", f"{why}.", m.citation, m.where)
    words = ", ".join(f"{label} {e[4] if len(e) == 5 else _key_text(v)}"
                      for (label, _), e, v in zip(axis.keys, axis.lines[idx], values, strict=True))
    return idx, words


def line_index(lines: tuple[tuple[tuple[Any, ...], ...], ...], values: tuple[Any, ...]) -> int | None:
    """The first line whose every entry holds its key: a band `(low, low_inc, high, high_inc, label)` holds a
    number in it, a `(values, label)` entry a choice (text) or yes/no it lists. None when no line does."""
    for i, line in enumerate(lines):
        for e, v in zip(line, values, strict=True):
            if len(e) == 5:  # a band never holds `no score` (text) nor yes/no
                if isinstance(v, (bool, str)) or not _in_band(v, (e[0], e[1], e[2], e[3])):
                    break
            elif not (isinstance(v, (str, bool)) and v in e[0]):
                break
        else:
            return i
    return None


def _key_text(v: Any) -> str:
    if isinstance(v, bool):
        return "yes" if v else "no"
    return str(v)


def _band(x: Any, bands: tuple[tuple[Any, bool, Any, bool, str], ...]) -> int | None:
    """The first of the bands `(low, low_inc, high, high_inc, label)` holding the number x (`_in_band`, without
    a tuple per band); None when none does."""
    for i, (low, low_inc, high, high_inc, _label) in enumerate(bands):
        if low is not None and (x < low if low_inc else x <= low):
            continue
        if high is not None and (x > high if high_inc else x >= high):
            continue
        return i
    return None


def _in_band(x: Any, band: tuple[Any, bool, Any, bool]) -> bool:
    low, low_inc, high, high_inc = band
    if low is not None and (x < low if low_inc else x <= low):
        return False
    return not (high is not None and (x > high if high_inc else x >= high))

