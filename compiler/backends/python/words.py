"""The wording of a generated checker's full Decision (`words`): what `rt.decide` would interpret from `META` for
every loan, worked out at compile time where it does not depend on the loan.

`words(loan)` computes the loan's facts, then writes straight-line code for
- how messages show each field and derived value the Decision quotes (`show`, runtime facts.py): the formatter is
  chosen by the name's kind at compile time, with a test of the value's class; any other value (and a value
  outside its domain) is shown by `rt.show`, the runtime's own;
- the derived values (`DerivedValue`s with their inputs as shown);
- each rule's finding when it applies and every requirement is met, the common case (`Met: <texts> (<Title
  value, ...>).`, the texts and titles pre-joined), and a one-requirement rule's when it applies and that
  requirement is not met or reads a value outside its domain (`Not met: <text> (<Title value, ...>).`). Any
  other outcome is None: `rt.decide` words it (a rule that does not apply has the same finding for every such
  loan, `META.rules[i].not_applicable`);
and hands them to `rt.decide`, which assembles the rest (matrices, limits, conditions, the order of findings).
tests/differential holds `check` to the reference evaluator, so every text here is the runtime's, byte for byte.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable

from compiler import runtime as rt

# kinds whose shown text never ends in "listed" (`actuals` writes `Title: 3 listed` for a list)
_NEVER_LISTED = frozenset({"money", "percent", "months", "days", "ratio", "quantity", "integer", "yesno", "date"})


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
        self.showers: dict[tuple[str, str, bool], str] = {}  # (kind, unit, is_value) -> its module constant

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

    def shower(self, n: rt.Name) -> str:
        """The module constant holding `rt.shower` of this kind and unit (one per kind, unit and field or value)."""
        key = (n.kind, n.unit, n.is_value)
        if key not in self.showers:
            self.showers[key] = f"_SHOW_{n.kind.upper()}_{len(self.showers)}"
        return self.showers[key]

    def show(self, name: str) -> None:
        n = self.meta.names.get(name)
        slow = f"show({name!r}, f, META)"
        if n is None:
            self.say(f"s[{name!r}] = {slow}")
            return
        fast = f"{self.shower(n)}({f'v[{name!r}]' if n.is_value else f'loan.{name}'}) or {slow}"
        self.say(f"s[{name!r}] = {slow} if {name!r} in inv else {fast}" if name in self.invalid
                 else f"s[{name!r}] = {fast}")

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
            parts += [repr(title + " "), f"s[{name!r}]"] if self.never_listed(name) else [f"q_{name}"]
        return parts

    def never_listed(self, name: str) -> bool:
        n = self.meta.names.get(name)
        return n is not None and n.kind in _NEVER_LISTED

    def quote(self, name: str) -> None:
        """`q_<name>`: how `actuals` quotes a name whose shown text may end in "listed" (`Title: 3 listed`)."""
        n = self.meta.names.get(name)
        title = n.title if n else name
        self.say(f"q_{name} = ({title + ': '!r} if s[{name!r}].endswith('listed') else {title + ' '!r}) + s[{name!r}]")

    def rule(self, i: int, r: rt.RuleMeta) -> None:
        self.say(f"# rule {r.id}: {' '.join(r.title.split())} ({r.where})")
        if not (r.requirements and not r.reviews):  # (as `met` in `write`) nothing to check: `rt.decide` words it
            self.say("w.append(None)")
            return
        self.say(f"a, ok = rules[{i}]")
        guard = "a is True and False not in ok and None not in ok"
        risky = [n for n in r.reads if n in self.invalid]  # a requirement reading an invalid value is not met
        if risky:
            guard += " and not (inv and (" + " or ".join(f"{n!r} in inv" for n in risky) + "))"
        seen = self.seen(r.reads)
        text = _joined([f"_MET[{i}]", repr(" ("), *seen, repr(").")]) if seen else f"_MET[{i}] + '.'"
        self.say(f"if {guard}:")
        self.say(f"r = _RULES[{i}]", 2)
        self.say(f"w.append(rt.Finding(r.id, r.title, 'pass', {text}, r.citation, r.where))", 2)
        if len(r.requirements) == 1:  # its one requirement not met (or reading a value outside its domain)
            unmet = "ok[0] is False" + (" or (inv and (" + " or ".join(f"{n!r} in inv" for n in risky) + "))"
                                        if risky else "")
            text = _joined([f"_UNMET[{i}]", repr(" ("), *seen, repr(").")]) if seen else f"_UNMET[{i}] + '.'"
            self.say(f"elif a is True and ({unmet}):")
            self.say(f"r = _RULES[{i}]", 2)
            self.say(f"m = {text}", 2)  # (the message: short, as the met line fits)
            self.say("w.append(rt.Finding(r.id, r.title, 'fail', m, r.citation, r.where))", 2)
        self.say("else:")
        self.say("w.append(None)", 2)

    def write(self) -> str:
        meta = self.meta
        self.say("f = facts(loan)")
        self.say("s = f.shown")
        self.say("v = f.values")
        if self.invalid:
            self.say("inv = f.invalid")
        self.say("show = rt.show")
        self.say("# how messages show the fields and values quoted below")
        for name in self.quoted():
            self.show(name)
        met = [r for r in meta.rules if r.requirements and not r.reviews]
        for name in dict.fromkeys(n for r in met for n in r.reads):
            if name != meta.seasoning_date and not self.never_listed(name):
                self.quote(name)
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

    def constants(self) -> str:
        """The module constants `words` reads (after `write`)."""
        return "\n".join(f"{name} = rt.shower({kind!r}, {unit!r}, {is_value!r})"
                         for (kind, unit, is_value), name in self.showers.items())


def words(meta: rt.ProgramMeta, invalid: Iterable[str]) -> tuple[str, str]:
    """The body of `words` for a program and the module constants it reads: `meta` its metadata
    (`compiler.meta.program_meta`), `invalid` the values that may be outside their domain."""
    w = Words(meta, invalid)
    return w.write(), w.constants()
