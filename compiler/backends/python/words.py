"""The wording of a generated checker's full Decision (`words`): what `rt.decide` would interpret from `META` for
every loan, worked out at compile time where it does not depend on the loan.

`words(loan)` computes the loan's facts, then writes straight-line code for
- how messages show each field and derived value the Decision quotes (`show`, runtime facts.py): the formatter is
  chosen by the name's kind at compile time, with a test of the value's class; any other value (and a value
  outside its domain) is shown by `rt.show`, the runtime's own;
- the derived values (`DerivedValue`s with their inputs as shown);
- each rule's finding in the common cases: a loan the rule does not apply to (the same finding for every such
  loan, `META.rules[i].not_applicable`), and every requirement met (`Met: <texts> (<Title value, ...>).`, the
  texts and titles pre-joined). Any other outcome is None: `rt.decide` words it;
and hands them to `rt.decide`, which assembles the rest (matrices, limits, conditions, the order of findings).
tests/differential holds `check` to the reference evaluator, so every text here is the runtime's, byte for byte.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable

from compiler import runtime as rt

_NUMBERS = frozenset({"money", "percent", "months", "days", "ratio", "quantity"})
# kinds whose shown text never ends in "listed" (`actuals` writes `Title: 3 listed` for a list)
_NEVER_LISTED = _NUMBERS | {"integer", "yesno", "date"}


def _fast(kind: str, unit: str, is_value: bool) -> str | None:
    """How `show` writes a known value `x` of this kind, for the class it has (a loan field's as the Loan declares
    it, a derived value's Decimal), None when there is no fast way; `{slow}` stands for the runtime's own `show`,
    for a value of any other class."""
    k = f"{kind!r}, {unit!r}"
    if kind in _NUMBERS or kind == "integer":
        if is_value:
            return f"fmt(x, {k}) if x.__class__ is Decimal else {{slow}}"
        if kind == "integer":
            return "str(x) if x.__class__ is int else {slow}"
        if kind in ("months", "days"):  # a loan's whole months or days
            return f"fmt(Decimal(x), {k}) if x.__class__ is int else {{slow}}"
        return f"fmt(x, {k}) if x.__class__ is Decimal else {{slow}}"
    if kind == "yesno":
        return "('yes' if x else 'no') if x.__class__ is bool else {slow}"
    if kind in ("enum", "text"):
        return "str(x) if isinstance(x, str) else {slow}"
    if kind == "list":
        return "f'{{len(x)}} listed' if x.__class__ is tuple else {slow}"
    return None


def _joined(parts: list[str]) -> str:
    """`a + b + ...` of expressions, adjacent string constants joined into one."""
    out: list[str] = []
    for part in parts:
        if out and part[0] in "'\"" and out[-1][0] in "'\"":
            out[-1] = repr(ast.literal_eval(out[-1]) + ast.literal_eval(part))
        else:
            out.append(part)
    return " + ".join(out)


class Words:
    """Writes `words` for one program (its body lines, indented four spaces)."""

    def __init__(self, meta: rt.ProgramMeta, invalid: Iterable[str]) -> None:
        self.meta = meta
        self.invalid = set(invalid)  # the values that may be outside their domain (or read one)
        self.lines: list[str] = []

    def say(self, text: str, depth: int = 1) -> None:
        self.lines.append("    " * depth + text)

    def quoted(self) -> list[str]:
        """The names whose shown text this code reads: the derived values' inputs and the rules' requirements'."""
        names: dict[str, None] = {}
        for v in self.meta.values:
            names.update(dict.fromkeys(self.meta.names[v].depends_on))
        for r in self.meta.rules:
            names.update(dict.fromkeys(r.reads))
        return list(names)

    def show(self, name: str) -> None:
        n = self.meta.names.get(name)
        slow = f"show({name!r}, f, META)"
        fast = _fast(n.kind, n.unit, n.is_value) if n is not None else None
        if fast is None:
            self.say(f"s[{name!r}] = {slow}")
            return
        read = f"v[{name!r}]" if n is not None and n.is_value else f"loan.{name}"
        text = "'unknown' if x is None else " + fast.format(slow=slow)
        if name in self.invalid:
            self.say(f"if {name!r} in inv:")
            self.say(f"s[{name!r}] = {slow}", 2)
            self.say("else:")
            self.say(f"x = {read}", 2)
            self.say(f"s[{name!r}] = {text}", 2)
        else:
            self.say(f"x = {read}")
            self.say(f"s[{name!r}] = {text}")

    def seen(self, names: Iterable[str]) -> list[str]:
        """`actuals` of the names, as parts to join: constants (`repr`) and the shown texts in `s`."""
        parts: list[str] = []
        for name in names:
            if name == self.meta.seasoning_date:
                continue
            n = self.meta.names.get(name)
            title = n.title if n else name
            if parts:
                parts.append(repr(", "))
            if n is not None and n.kind in _NEVER_LISTED:
                parts += [repr(title + " "), f"s[{name!r}]"]
            else:
                parts.append(f"({title + ': '!r} + s[{name!r}] if s[{name!r}].endswith('listed') "
                             f"else {title + ' '!r} + s[{name!r}])")
        return parts

    def rule(self, i: int, r: rt.RuleMeta) -> None:
        self.say(f"# rule {r.id}: {' '.join(r.title.split())} ({r.where})")
        self.say(f"a, ok = rules[{i}]")
        self.say("if a is False:")
        self.say(f"w.append(_RULES[{i}].not_applicable)", 2)
        if r.requirements and not r.reviews:
            guard = "a is True and False not in ok and None not in ok"
            risky = [n for n in r.reads if n in self.invalid]  # a requirement reading an invalid value is not met
            if risky:
                guard += " and not (inv and (" + " or ".join(f"{n!r} in inv" for n in risky) + "))"
            seen = self.seen(r.reads)
            text = _joined([repr(f"Met: {r.met} ("), *seen, repr(").")]) if seen else repr(f"Met: {r.met}.")
            self.say(f"elif {guard}:")
            self.say(f"w.append(rt.Finding({r.id!r}, {r.title!r}, 'pass', {text}, {r.citation!r}, {r.where!r}))", 2)
        self.say("else:")
        self.say("w.append(None)", 2)

    def write(self) -> str:
        meta = self.meta
        self.say("f = facts(loan)")
        self.say("s = f.shown")
        self.say("v = f.values")
        if self.invalid:
            self.say("inv = f.invalid")
        self.say("fmt = rt.fmt")
        self.say("show = rt.show")
        self.say("x: Any")
        self.say("# how messages show the fields and values quoted below")
        for name in self.quoted():
            self.show(name)
        self.say("derived = (")
        for name in meta.values:
            n = meta.names[name]
            inputs = ", ".join(f"{d!r}: s[{d!r}]" for d in n.depends_on)
            self.say(f"rt.DerivedValue({name!r}, {n.title!r}, rt.derived_value(v[{name!r}], {n.places!r}), "
                     f"{{{inputs}}}),", 2)
        self.say(")")
        self.say("rules = f.rules")
        self.say("w: list[rt.Finding | None] = []")
        for i, r in enumerate(meta.rules):
            self.rule(i, r)
        self.say("return rt.decide(META, f, derived, w)")
        return "\n".join(self.lines)


def words(meta: rt.ProgramMeta, invalid: Iterable[str]) -> str:
    """The body of `words` for a program: `meta` its metadata (`compiler.meta.program_meta`), `invalid` the values
    that may be outside their domain."""
    return Words(meta, invalid).write()
