# Copied from compiler/runtime/facts.py by glc build; do not edit.
"""A loan's `Facts` (its fields, derived values, and what each rule and matrix found) and how messages show them:
`show` a value, `actuals` the values a message quotes, `missing` the loan fields to supply. Read by `decide`
(assemble.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

from .meta import ProgramMeta
from .values import NUMBER_TEXT, Undefined, _plain, dollars, fmt, money_suffix


class Facts:
    """The facts of one loan: its fields (`loan`), its derived values (`values`), rule and matrix results."""

    __slots__ = ("invalid", "loan", "matrices", "rules", "said", "shown", "values")

    def __init__(self, loan: Any, values: dict[str, Any]) -> None:
        self.loan = loan
        self.values = values
        self.matrices: list[tuple[bool | None, tuple[Any, ...]]] = []
        self.rules: list[tuple[bool | None, tuple[bool | None, ...]]] = []
        self.shown: dict[str, str] = {}  # name -> how messages show its value (filled by `show`)
        self.said: dict[tuple[str, ...], str] = {}  # names -> their `actuals` text
        # values outside their domain (-> that value) or reading one (-> None); None in `values`
        self.invalid: dict[str, Any] = {}

    def get(self, name: str, meta: ProgramMeta) -> Any:
        n = meta.names.get(name)
        if n is not None and n.is_value:
            return self.values.get(name)
        if isinstance(self.loan, dict):
            return self.loan.get(name)
        return getattr(self.loan, name, None)


def show(name: str, facts: Facts, meta: ProgramMeta) -> str:
    """A field's or value's value as messages show it (worked out once per loan)."""
    text = facts.shown.get(name)
    if text is None:
        text = facts.shown[name] = show_uncached(name, facts, meta)
    return text


def show_uncached(name: str, facts: Facts, meta: ProgramMeta) -> str:
    n = meta.names.get(name)
    if facts.invalid and name in facts.invalid:
        outside = facts.invalid[name]
        if outside is None:
            return "invalid (it reads a value outside its domain)"
        if isinstance(outside, Undefined):
            return undefined_text(outside, meta)
        return f"{fmt(outside, n.kind, n.unit) if n else fmt(outside)}, outside its domain ({n.domain if n else ''})"
    if n is not None and n.is_value:
        v = facts.values.get(name)
    elif isinstance(facts.loan, dict):
        v = facts.loan.get(name)
    else:
        try:
            v = getattr(facts.loan, name)
        except AttributeError:
            v = None
    if v is None:
        return "unknown"
    cls = v.__class__
    if cls is list or cls is tuple:
        return f"{len(v)} listed"
    if n is None:
        return fmt(v)
    if cls is int:
        return str(v) if n.kind == "integer" else fmt(Decimal(v), n.kind, n.unit)
    if isinstance(v, (list, tuple)):
        return f"{len(v)} listed"
    return fmt(Decimal(v) if isinstance(v, int) and not isinstance(v, bool) else v, n.kind, n.unit)


def shower(kind: str, unit: str, is_value: bool) -> Callable[[Any], str | None]:
    """`show` of a field's or derived value's value, for the class that value has (a loan field's as the Loan
    declares it, a derived value's Decimal), the formatter chosen once (a generated checker's `words` binds one per
    kind and unit at import): "unknown" for None, None for a value of any other class (then `show` it). Not for a
    value outside its domain (`facts.invalid`)."""
    numbers = ("money", "percent", "months", "days", "ratio", "quantity", "integer")
    text = NUMBER_TEXT.get(kind, _plain)
    if kind == "money":  # (the commonest) the unit's suffix found once: `_money` for a sum not below zero
        suffix = money_suffix(unit)

        def money(x: Any) -> str | None:
            if x is None:
                return "unknown"
            if x.__class__ is not Decimal:
                return None
            if x.is_infinite():
                return "never"
            return text(x, unit) if x < 0 else dollars(x) + suffix
        return money
    if kind in numbers and (is_value or kind not in ("integer", "months", "days")):
        def number(x: Any) -> str | None:
            if x is None:
                return "unknown"
            if x.__class__ is not Decimal:
                return None
            return "never" if x.is_infinite() else text(x, unit)
        return number
    if kind == "integer":  # a loan's whole number
        return lambda x: "unknown" if x is None else str(x) if x.__class__ is int else None
    if kind in ("months", "days"):  # a loan's whole months or days
        return lambda x: "unknown" if x is None else text(Decimal(x), unit) if x.__class__ is int else None
    if kind == "yesno":
        return lambda x: "unknown" if x is None else ("yes" if x else "no") if x.__class__ is bool else None
    if kind in ("enum", "text"):
        return lambda x: "unknown" if x is None else str(x) if isinstance(x, str) else None
    if kind == "date":
        return lambda x: "unknown" if x is None else x.isoformat() if x.__class__ is dt.date else None
    if kind == "list":
        return lambda x: "unknown" if x is None else f"{len(x)} listed" if x.__class__ is tuple else None
    return lambda x: "unknown" if x is None else None


def undefined_text(u: Undefined, meta: ProgramMeta) -> str:
    """`cannot be computed: PITIA is $0` (a quotient over a non-positive denominator, language.md 3.4)."""
    d = meta.names.get(u.name)
    if d is None:
        return f"cannot be computed: it divides by {fmt(u.value)}"
    return f"cannot be computed: {d.title} is {fmt(u.value, d.kind, d.unit)}"


def actuals(names: Iterable[str], facts: Facts, meta: ProgramMeta) -> str:
    """`Title value, Title value` for the names a message quotes (worked out once per loan and names)."""
    key = tuple(names)
    text = facts.said.get(key)
    if text is None:
        text = facts.said[key] = _actuals(key, facts, meta)
    return text


def _actuals(names: tuple[str, ...], facts: Facts, meta: ProgramMeta) -> str:
    parts = []
    shown = facts.shown
    for name in names:
        if name == meta.seasoning_date:
            continue
        n = meta.names.get(name)
        title = n.title if n else name
        text = shown.get(name)
        if text is None:
            text = shown[name] = show_uncached(name, facts, meta)
        parts.append(f"{title}: {text}" if text.endswith("listed") else f"{title} {text}")
    return ", ".join(parts)


def missing(names: Iterable[str], facts: Facts, meta: ProgramMeta) -> tuple[str, ...]:
    """The loan fields, reached through unknown values, that are unknown."""
    out: list[str] = []
    seen: set[str] = set()
    stack = list(names)[::-1]
    known, values, loan = meta.names, facts.values, facts.loan
    by_key = isinstance(loan, dict)
    while stack:
        name = stack.pop()
        if name in seen:
            continue
        seen.add(name)
        n = known.get(name)
        if n is not None and n.is_value:
            if values.get(name) is None:
                stack.extend(reversed(n.needs))
        elif (loan.get(name) if by_key else getattr(loan, name, None)) is None:  # (`Facts.get` of a field)
            out.append(name)
    return tuple(out)


def merge(lists: Iterable[tuple[str, ...]]) -> list[str]:
    out: list[str] = []
    for names in lists:
        for n in names:
            if n not in out:
                out.append(n)
    return out
