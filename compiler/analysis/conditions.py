"""Conditions of the IR as regions of loans, approximated from the outside or the inside.

`Regions.over(x)` holds every loan for which `x` is true; `Regions.under(x)` holds only such loans. They
are equal (exact) for conjunctions, disjunctions and negations of comparisons of a field or value with a
constant, `in` sets and yes/no fields. Anything else (`is known`, arithmetic, comparing two values, dates,
lists) is an opaque atom: every loan from the outside, none from the inside. Negations are pushed to the
atoms first, so both approximations stay sound. Loans are taken to have all their data known.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from compiler import ir, ir_types
from compiler.analysis.region import TOP, Box, Domain, Interval, Region, TooBig, meet
from compiler.wording import band_label

Mode = Literal["over", "under"]

_NEGATE = {"<": ">=", "<=": ">", ">": "<=", ">=": "<", "=": "!=", "!=": "="}
_FLIP = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "=": "=", "!=": "!="}


class Regions:
    """Converts conditions of one program to regions over its `Domain`."""

    def __init__(self, domain: Domain) -> None:
        self.domain = domain
        # conversions done, by (id(x), negate, mode): (x, region or None for TooBig); x is kept so its id stays its own
        self._done: dict[tuple[int, bool, Mode], tuple[ir.Expr, Region | None]] = {}

    def _region(self, x: ir.Expr, negate: bool, mode: Mode) -> Region | None:
        """`_convert`, once per condition (the analyses ask about the same conditions many times); None when too big."""
        k = (id(x), negate, mode)
        found = self._done.get(k)
        if found is None or found[0] is not x:
            try:
                region: Region | None = self._convert(x, negate, mode)
            except TooBig:
                region = None
            found = self._done[k] = (x, region)
        return None if found[1] is None else list(found[1])

    def over(self, x: ir.Expr | None) -> Region:
        """Every loan for which `x` holds (and perhaps more). None (no condition) is every loan."""
        if x is None:
            return list(TOP)
        region = self._region(x, False, "over")
        return list(TOP) if region is None else region

    def under(self, x: ir.Expr | None) -> Region:
        """Only loans for which `x` holds (perhaps not all of them)."""
        if x is None:
            return list(TOP)
        region = self._region(x, False, "under")
        return [] if region is None else region

    def over_not(self, x: ir.Expr | None) -> Region:
        if x is None:
            return []
        region = self._region(x, True, "over")
        return list(TOP) if region is None else region

    def under_not(self, x: ir.Expr | None) -> Region:
        if x is None:
            return []
        region = self._region(x, True, "under")
        return [] if region is None else region

    def requirement(self, req: ir.Requirement, mode: Mode) -> Region:
        """Loans meeting the requirement: its test, or an alternative's condition and test."""
        parts = [self.over(req.test) if mode == "over" else self.under(req.test)]
        for alt in req.alternatives:
            both = ir.And((alt.when, alt.test), alt.span)
            parts.append(self.over(both) if mode == "over" else self.under(both))
        return [b for p in parts for b in p]

    def exact(self, x: ir.Expr | None) -> bool:
        """True when `x` converts without an opaque atom."""
        if x is None:
            return True
        return self._atom_ok(x)

    # ------------------------------------------------------------------ conversion

    def _convert(self, x: ir.Expr, negate: bool, mode: Mode) -> Region:
        if isinstance(x, ir.Not):
            return self._convert(x.operand, not negate, mode)
        if isinstance(x, (ir.And, ir.Or)):
            conjunction = isinstance(x, ir.And) != negate
            parts = [self._convert(p, negate, mode) for p in x.operands]
            if conjunction:
                out: Region = list(TOP)
                for p in parts:
                    out = meet(out, p, self.domain)
                    if not out:
                        return []
                return out
            return _simplify([b for p in parts for b in p])
        if isinstance(x, ir.Const) and isinstance(x.value, bool):
            return list(TOP) if x.value != negate else []
        atom = self._atom(x, negate)
        if atom is not None:
            return atom
        return list(TOP) if mode == "over" else []

    def _atom(self, x: ir.Expr, negate: bool) -> Region | None:
        """An exact region for a comparison, `in`, or yes/no field; None when `x` is opaque."""
        if isinstance(x, (ir.FieldRef, ir.ValueRef)) and x.type.kind == "yesno" and self.domain.var(x.name):
            return [Box({x.name: frozenset({not negate})})]
        if isinstance(x, ir.InSet) and isinstance(x.operand, (ir.FieldRef, ir.ValueRef)):
            v = self.domain.var(x.operand.name)
            if v is None or v.values is None:
                return None
            inside = frozenset(x.values) & v.values
            chosen = inside if (x.negated == negate) else v.values - inside
            return [Box({v.name: chosen})] if chosen else []
        if isinstance(x, ir.Compare):
            op: str = x.op
            var, const = x.left, x.right
            if isinstance(var, ir.Const) and not isinstance(const, ir.Const):
                var, const, op = const, var, _FLIP[op]
            if not isinstance(var, (ir.FieldRef, ir.ValueRef)) or not isinstance(const, ir.Const):
                return None
            v = self.domain.var(var.name)
            if v is None:
                return None
            if negate:
                op = _NEGATE[op]
            if v.values is not None:
                if op not in ("=", "!=") or const.value not in v.values:
                    return None
                chosen = frozenset({const.value}) if op == "=" else v.values - {const.value}
                return [Box({v.name: chosen})] if chosen else []
            if not isinstance(const.value, Decimal) or isinstance(const.value, bool) or not var.type.numeric:
                return None
            c = const.value
            if op == "!=":
                return [Box({v.name: Interval(None, True, c, False)}), Box({v.name: Interval(c, False, None, True)})]
            iv = {
                "<": Interval(None, True, c, False),
                "<=": Interval(None, True, c, True),
                ">": Interval(c, False, None, True),
                ">=": Interval(c, True, None, True),
                "=": Interval(c, True, c, True),
            }[op]
            return [Box({v.name: iv})] if self.domain.feasible(v.name, iv) else []
        return None

    def _atom_ok(self, x: ir.Expr) -> bool:
        if isinstance(x, ir.Not):
            return self._atom_ok(x.operand)
        if isinstance(x, (ir.And, ir.Or)):
            return all(self._atom_ok(p) for p in x.operands)
        if isinstance(x, ir.Const) and isinstance(x.value, bool):
            return True
        return self._atom(x, False) is not None


def _simplify(region: Region) -> Region:
    if len(region) > 4 * 512:
        raise TooBig
    return region


def mentions(x: object) -> set[str]:
    """The fields and values an expression (or requirement, or rule part) names (not the list or the seasoning
    date a `months since` reads, as `ir.reads` does: these are no dimension of a condition's region)."""
    return {n.name for n in ir.find_all(x, ir.FieldRef, ir.ValueRef)}


def describe_box(box: Box, domain: Domain, names: list[str] | None = None) -> str:
    """`occupancy second_home, purpose cash_out` (only `names`, in their order, when given)."""
    parts: list[str] = []
    for name in names if names is not None else sorted(box.items):
        c = box.items.get(name)
        v = domain.var(name)
        if c is None or v is None:
            continue
        if isinstance(c, Interval):
            full = c.meet(v.range) if v.range is not None else c
            parts.append(f"{v.title} {band_label(full.low, full.low_inclusive, full.high, full.high_inclusive, v.type.kind, v.type.unit)}")
        else:
            if v.values is not None and c == v.values:
                continue
            shown = [("yes" if val else "no") if isinstance(val, bool) else str(val) for val in _ordered(c, v.type)]
            parts.append(f"{v.title} {' or '.join(shown)}")
    return ", ".join(parts) if parts else "any loan"


def _ordered(values: frozenset[object], t: ir_types.Type) -> list[object]:
    if t.kind == "enum":
        return [v for v in t.values if v in values]
    return sorted(values, key=str)
