"""The Verdict (`decide` without the wording) from the facts of one loan, by a generic walk of the metadata.

Generated `check_fast` is this unrolled per program (compiler/backends/python/fast.py: `place`, `judge` and
`conclude` written out with the program's bands, rules and limits known at compile time). It follows
`runtime.decide` step for step but builds no message, no finding and no derived-value record. It used to
live in the runtime (and so in every `generated/_runtime/`); only tests/differential/test_fast_path.py uses it.

It builds the `Verdict` of `generated._runtime` (the class the generated checkers return), so its results
compare equal to theirs.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from generated._runtime import AxisMeta, Facts, MatrixMeta, ProgramMeta, Status, Verdict
from generated._runtime.assemble import line_index


def _band_index(key: Any, bands: tuple[tuple[Decimal | None, bool, Decimal | None, bool, str], ...]) -> int | None:
    if type(key) is int:
        key = Decimal(key)  # Decimal against Decimal compares faster than int against Decimal
    for i, (low, low_inc, high, high_inc, _label) in enumerate(bands):
        if low is not None and (key < low if low_inc else key <= low):
            continue
        if high is not None and (key > high if high_inc else key >= high):
            continue
        return i
    return None


def _values(axis: AxisMeta, key: Any) -> tuple[Any, ...]:
    """The key values of one axis: one numeric key, or those of a choice-keyed or several-key axis."""
    return ((key,) if len(axis.keys) == 1 else tuple(key)) if axis.keys else (key,)


def _inputs(axis: AxisMeta) -> tuple[tuple[str, ...], ...]:
    """What each key of `axis` reads (as `_values` orders them)."""
    return tuple(inputs for _label, inputs in axis.keys) if axis.keys else (axis.inputs,)


def verdict(meta: ProgramMeta, facts: Facts) -> Verdict:
    """The Verdict, from the facts of one loan: `decide` without the wording. Generated `check_fast` is this
    unrolled per program (compiler/backends/python/fast.py: `place`, `judge` and `conclude` written out with
    the program's bands, rules and limits known at compile time)."""
    failed: list[str] = []
    unresolved: list[str] = []
    cells: list[tuple[str, str, Decimal]] = []
    refused: dict[str, str] = {}  # limit -> the first matrix refusing the loan (N/A cell, outside its bands)
    outside: list[tuple[int, MatrixMeta]] = []  # (place in `failed`, matrix) of a refusal, to defer if a rule fails
    adjusted: list[tuple[str, tuple[tuple[str, str, Decimal], ...], bool]] = []
    covered: bool | None = False
    unread: set[str] = set()  # limits a matrix that cannot be read gives
    for m, (applies, keys) in zip(meta.matrices, facts.matrices, strict=True):
        if applies is None:
            unresolved.append(m.id)
            covered = None if covered is False else covered
        elif applies:
            covered = True
            place(m, keys, failed, unresolved, cells, refused, facts.invalid)
            if failed and failed[-1] == m.id and m.id in refused.values():
                outside.append((len(failed) - 1, m))
        if unresolved and unresolved[-1] == m.id:  # not read: the limits it gives are unknown
            unread.update(m.gives)
    if meta.matrices and covered is False:
        failed.append("eligibility_matrix")
    for r, (applies, results) in zip(meta.rules, facts.rules, strict=True):
        if applies is False:
            continue
        if facts.invalid:  # a requirement reading a value outside its domain is not met
            results = tuple(False if any(n in facts.invalid for n in q.inputs) else ok
                            for q, ok in zip(r.requirements, results, strict=True))
        if r.adjustments:
            adjusted.append((r.id, tuple((kind, limit, amount) for kind, limit, amount, _t in r.adjustments), applies is True))
        judge(r.id, applies, results, bool(r.reviews), failed, unresolved)
    for at, m in reversed(outside):  # a key outside the bands an applying rule fails on: the rule's failure
        keys = facts.matrices[meta.matrices.index(m)][1]
        axis = None
        for a, k in zip(m.axes, keys, strict=True):
            values = _values(a, k)
            known = all(v is not None for v in values)
            if not known or (line_index(a.lines, values) if a.keys else _band_index(k, a.bands)) is None:
                axis = a if known else None
                break
        if axis is not None and any(
                applies is True and any((ok is False or any(n in facts.invalid for n in q.inputs))
                                        and set(q.inputs) & set(axis.inputs)
                                        for q, ok in zip(r.requirements, results, strict=True))
                for r, (applies, results) in zip(meta.rules, facts.rules, strict=True)):
            del failed[at]
    return conclude(meta, facts.loan, facts.values, failed, unresolved, cells, adjusted, refused, facts.invalid,
                    unread)


def place(m: MatrixMeta, keys: tuple[Any, ...], failed: list[str], unresolved: list[str],
          cells: list[tuple[str, str, Decimal]], refused: dict[str, str], invalid: dict[str, Any]) -> None:
    """A matrix that applies: its cell's limits into `cells`; missing when a key is unknown; fail outside or N/A."""
    row = col = 0
    for n, (axis, key) in enumerate(zip(m.axes, keys, strict=True)):
        values = _values(axis, key)
        for v, inputs in zip(values, _inputs(axis), strict=True):
            if v is None and any(name in invalid for name in inputs):  # a key outside its domain
                failed.append(m.id)
                for limit in m.gives:
                    refused.setdefault(limit, m.id)
                return
            if v is None:
                unresolved.append(m.id)
                return
        idx = line_index(axis.lines, values) if axis.keys else _band_index(key, axis.bands)
        if idx is None:
            failed.append(m.id)
            for limit in m.gives:
                refused.setdefault(limit, m.id)
            return
        if n:
            col = idx
        else:
            row = idx
    cell = m.cells[row][col][0]
    if cell is None:
        failed.append(m.id)
        for limit in m.gives:
            refused.setdefault(limit, m.id)
    else:
        cells.extend((m.id, limit, given) for limit, given in cell)


def judge(rule_id: str, applies: bool | None, results: tuple[bool | None, ...], reviews: bool, failed: list[str],
          unresolved: list[str]) -> None:
    """A rule that applies or may apply (`_rule`'s outcome): fail, missing/review, or pass (nothing recorded)."""
    if applies is None:
        if False in results or None in results or reviews or not results:
            unresolved.append(rule_id)
    elif False in results:
        failed.append(rule_id)
    elif None in results or reviews:
        unresolved.append(rule_id)


def conclude(meta: ProgramMeta, loan: Any, values: dict[str, Any], failed: list[str], unresolved: list[str],
             cells: list[tuple[str, str, Decimal]], adjusted: list[tuple[str, tuple[tuple[str, str, Decimal], ...], bool]],
             refused: dict[str, str] | None = None, invalid: dict[str, Any] | None = None,
             unread: set[str] | None = None) -> Verdict:
    """Each limit (cells, reductions, caps) and its check, then the status."""
    limits: list[tuple[str, Decimal | None, str | None]] = []
    stacked = meta.combine == "stacked"
    for lim in meta.limits:
        lid = lim.id
        if refused and lid in refused:  # no value: not eligible under that matrix, whatever the caps
            limits.append((lid, None, None))
            continue
        if unread and lid in unread:  # a matrix giving it not read: unknown, whatever the caps
            limits.append((lid, None, None))
            unresolved.append(lid)
            continue
        base: tuple[str, Decimal] | None = None
        for mid, limit, given in cells:
            if limit == lid and (base is None or given < base[1]):
                base = (mid, given)
        # the limit with every adjustment that may apply (best), and with only those that surely apply (sure)
        best = sure = base
        total = sure_total = Decimal(0)
        caps: list[tuple[str, Decimal, bool]] = []
        for rid, adjs, certain in adjusted:
            for kind, limit, amount in adjs:
                if limit != lid:
                    continue
                if kind != "reduce":
                    caps.append((rid, amount, certain))
                elif base is None:
                    continue
                elif stacked:
                    total += amount
                    sure_total += amount if certain else 0
                else:
                    if best is None or base[1] - amount < best[1]:
                        best = (rid, base[1] - amount)
                    if certain and (sure is None or base[1] - amount < sure[1]):
                        sure = (rid, base[1] - amount)
        if stacked and base is not None:
            best, sure = (base[0], base[1] - total), (base[0], base[1] - sure_total)
        for rid, amount, certain in caps:
            if best is None or amount < best[1]:
                best = (rid, amount)
            if certain and (sure is None or amount < sure[1]):
                sure = (rid, amount)
        if best is None:
            limits.append((lid, None, None))
            continue
        value = best[1]
        limits.append((lid, value, best[0]))
        n = meta.names.get(lim.on)
        if n is not None and n.is_value:
            actual = values.get(lim.on)
        else:
            actual = loan.get(lim.on) if isinstance(loan, dict) else getattr(loan, lim.on, None)
        if actual is None:
            (failed if invalid and lim.on in invalid else unresolved).append(lid)
        elif actual > value:
            (unresolved if sure is None or actual <= sure[1] else failed).append(lid)
    status: Status = "ineligible" if failed else "needs_info" if unresolved else "eligible"
    return Verdict(status, tuple(limits), tuple(failed), tuple(unresolved))


