"""The rules of `check_fast` (compiler/backends/python/fast.py): the oracle's `judge`, inline, per rule.

Whether a rule applies is tested on its condition's parts when it is simple (no three-valued local); a rule with one
simple requirement is tested on its parts too. Otherwise a plain test that every requirement is surely met comes
first (nothing to record), then, when every input is known, the rule fails at once; only when one is unknown is its
three-valued outcome worked out (Kleene logic written out).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from compiler import ir, ir_program
from compiler.backends.python.domains import any_invalid, requirement_guard
from compiler.backends.python.expr import _SIMPLE, PyExpr
from compiler.backends.python.fast_limits import comment
from compiler.backends.python.met import bracket, requirement_known, requirement_met


def kleene_and(texts: list[str], temp: Callable[[], str]) -> str:
    """Kleene `and` of boolean expressions, inline (as PyExpr._kleene): False first, then unknown, else True."""
    if len(texts) == 1:
        return texts[0]
    names: list[str] = []
    tests: list[str] = []
    for text in texts:
        if _SIMPLE.fullmatch(text):
            names.append(text)
            tests.append(f"{text} is False")
        else:
            t = temp()
            names.append(t)
            tests.append(f"({t} := {text}) is False")
    unknown = " or ".join(f"{n} is None" for n in names)
    return f"(False if {' or '.join(tests)} else None if {unknown} else True)"


@dataclass(frozen=True)
class _When:
    """Tests of whether a rule applies: it may (`may`), it may but need not (`none`; "" never), the same inside
    `if <may>:` (`inner_none`), and, when it is not unknown, that it does (`surely`)."""

    may: str
    none: str
    inner_none: str
    surely: str


class RuleBlocks:
    """The rule blocks of `FastPath` (which sets these attributes and writes the rest)."""

    p: ir_program.Program
    e: PyExpr

    def say(self, text: str, depth: int = 1) -> None:
        raise NotImplementedError

    def emit(self, x: ir.Expr | ir.Lookup) -> str:
        raise NotImplementedError

    def temp(self) -> str:
        raise NotImplementedError

    def invalid_read(self, x: object) -> tuple[str, ...]:
        raise NotImplementedError

    def _rules(self) -> None:
        for r in self.p.rules:
            cite = f"; {comment(r.citation)}" if r.citation else ""
            self.say(f"# rule {r.id}: {comment(r.title)} ({r.span.where}{cite})")
            split = self._split(r)
            results = [] if split else [requirement_guard(self.e.requirement(q), self.invalid_read(q), True)
                                        for q in r.requirements]
            applies = self.emit(r.when) if r.when else "True"
            name = f"a_{r.id}" if r.adjustments else "applies"
            if applies != "True":
                when = self._when(r, name, applies)
            if split:  # one simple requirement: its outcome tested on its parts, no three-valued `ok`
                if applies != "True":
                    self.say(f"if {when.may}:")
                    first = "if"
                    if when.inner_none:
                        self.say(f"if {when.inner_none}:  # may apply: missing unless the requirement is met", 2)
                        either = " or ".join(p for p in (*split[:2], _negated(split[2])) if p)
                        self.say(f"if {either}:", 3)
                        self.say(f"unresolved.append({r.id!r})", 4)
                        first = "elif"
                    self._split_outcome(r, split, 2, first)
                else:
                    if r.adjustments:
                        self.say(f"{name} = True")
                    self._split_outcome(r, split, 1, "if")
                continue
            ok = kleene_and(results, self.temp) if results else ""
            if len(results) > 1 and not any(q.alternatives or self.invalid_read(q) for q in r.requirements):
                ok = self.e.none_seen(tuple(q.test for q in r.requirements), False, ok) or ok
            met = None if r.reviews or not results else self._met(r)
            if applies == "True":
                if r.adjustments:
                    self.say(f"{name} = True")
                if not results:
                    if r.reviews:
                        self.say(f"unresolved.append({r.id!r})  # referred for review")
                    continue
                depth = 1
                if met is not None:
                    if (inner := self._not_met(r, met, "", 1)) is None:
                        continue
                    depth = inner
                self.say(f"ok = {ok}", depth)
                self._outcome(r, "ok", depth)
                continue
            if not results:  # missing when it may apply (referred when it applies too)
                test = f"{when.may}" if r.reviews else when.none
                if test:
                    self.say(f"if {test}:")
                    self.say(f"unresolved.append({r.id!r})", 2)
                continue
            if r.reviews:  # referred whenever it may apply; failing only when it surely applies
                keyword = "if"
                if when.none:
                    self.say(f"if {when.none}:")
                    self.say(f"unresolved.append({r.id!r})", 2)
                    keyword = "elif"
                self.say(f"{keyword} {when.surely}:")
                self.say(f"ok = {ok}", 2)
                self._outcome(r, "ok", 2)
                continue
            self.say(f"if {when.may}:")
            d = 2
            if met is not None:  # (inside: what only this rule reads is computed only when it may apply)
                if (inner := self._not_met(r, met, when.inner_none, 2)) is None:
                    continue
                d = inner
            self.say(f"ok = {ok}", d)
            if when.inner_none:
                self.say(f"if {when.inner_none}:  # may apply: missing unless every requirement is met", d)
                self.say("if ok is not True:", d + 1)
                self.say(f"unresolved.append({r.id!r})", d + 2)
                self.say("else:", d)
                self._outcome(r, "ok", d + 1)
            else:
                self._outcome(r, "ok", d)

    def _when(self, r: ir.Rule, name: str, applies: str) -> _When:
        """The tests of whether rule r applies. A rule no limit adjustment reads (no `a_<id>` local), its
        condition simple enough (PyExpr.parts): tested on its parts, no three-valued local; else `name` holds it."""
        parts = None if r.adjustments or r.when is None else self.e.parts(r.when)
        if parts is None:
            self.say(f"{name} = {applies}")
            return _When(f"{name} is not False", f"{name} is None", f"{name} is None", name)
        false, unknown, test = parts
        may = f"({unknown}) or ({test})" if unknown else test
        none = unknown
        surely = test
        if false:
            may, surely = f"not ({false}) and ({may})", f"not ({false}) and ({test})"
            none = f"not ({false}) and ({unknown})" if unknown else ""
        return _When(may, none, unknown, surely)

    def _met(self, r: ir.Rule) -> str | None:
        """A plain yes/no test that holds only when every requirement of r is surely met (met.met_when), a value
        outside its domain read by one never; None when one has no such test."""
        each: list[str] = []
        for q in r.requirements:
            met = requirement_met(self.e, q)
            if met is None:
                return None
            if invalid := self.invalid_read(q):
                met = f"not {any_invalid(invalid, True)} and {bracket(met)}"
            each.append(met)
        both = " and ".join(bracket(m) for m in each) if len(each) > 1 else each[0]
        if len(each) > 1 and not any(q.alternatives or self.invalid_read(q) for q in r.requirements):
            seen = self.e.nothing_seen(tuple(q.test for q in r.requirements), False)
            if seen is not None and seen[1]:  # no item of the scan's kinds: surely met
                both = f"({seen[0]}) or {bracket(both)}"
        return both

    def _not_met(self, r: ir.Rule, met: str, none: str, depth: int) -> int | None:
        """`if <surely met>: pass`; else, when every input the requirements read is known (or one reads a value
        outside its domain), they are not met: the rule fails (is missing when it only may apply: `none`, the test
        of that, "" when it surely applies) with no three-valued logic. The depth of the lines for the other case
        (an `else:` opened); None when there is none (nothing the requirements read can be unknown)."""
        self.say(f"if {bracket(met)}:  # surely met: nothing to record", depth)
        self.say("pass", depth + 1)
        conds: list[str] = []
        for q in r.requirements:
            each = requirement_known(self.e, q)
            if each is None:
                self.say("else:  # not surely met: its three-valued outcome", depth)
                return depth + 1
            conds += [c for c in each if c not in conds]
        known = " and ".join(bracket(c) for c in conds) if conds else "True"
        invalid = tuple(dict.fromkeys(n for q in r.requirements for n in self.invalid_read(q)))
        if invalid:
            known = f"{any_invalid(invalid, True)} or {bracket(known)}" if conds else "True"
        if known == "True":  # nothing can be unknown: not surely met is not met
            self.say("else:", depth)
            self._failed(r, none, depth + 1)
            return None
        self.say(f"elif {bracket(known)}:  # every input known: not met", depth)
        self._failed(r, none, depth + 1)
        self.say("else:  # one is unknown: the three-valued outcome", depth)
        return depth + 1

    def _failed(self, r: ir.Rule, none: str, depth: int) -> None:
        if none:
            self.say(f"if {none}:  # may apply: missing", depth)
            self.say(f"unresolved.append({r.id!r})", depth + 1)
            self.say("else:", depth)
            self.say(f"failed.append({r.id!r})", depth + 1)
        else:
            self.say(f"failed.append({r.id!r})", depth)

    def _split(self, r: ir.Rule) -> tuple[str, str, str] | None:
        """A rule with one requirement, no alternative and no referral, simple enough to be tested on its parts
        (PyExpr.parts), reading a value outside its domain as not met: (not met when, unknown when, the test)."""
        if r.reviews or len(r.requirements) != 1 or r.requirements[0].alternatives:
            return None
        q = r.requirements[0]
        parts = self.e.parts(q.test)
        if parts is None:
            return None
        invalid = self.invalid_read(q)
        false = " or ".join(p for p in (any_invalid(invalid, True) if invalid else "", parts[0]) if p)
        return false, parts[1], parts[2]

    def _split_outcome(self, r: ir.Rule, split: tuple[str, str, str], depth: int, first: str) -> None:
        """A rule that applies (when `first` is "elif": when the `if` before it does not hold), on its parts: fails
        when not met, missing when unknown."""
        false, unknown, test = split
        for cond, where in ((false, "failed"), (unknown, "unresolved"), (_negated(test), "failed")):
            if cond:
                self.say(f"{first} {cond}:", depth)
                self.say(f"{where}.append({r.id!r})", depth + 1)
                first = "elif"

    def _outcome(self, r: ir.Rule, ok: str, depth: int) -> None:
        """A rule that applies: fail when a requirement fails, missing when one is unknown or it is referred."""
        self.say(f"if {ok} is False:", depth)
        self.say(f"failed.append({r.id!r})", depth + 1)
        if r.reviews:
            self.say("else:  # referred for review", depth)
        else:
            self.say(f"elif {ok} is None:", depth)
        self.say(f"unresolved.append({r.id!r})", depth + 1)


_NOT = re.compile(r"not (\w+(?:\.\w+)?)")
_IN = re.compile(r"(\w+(?:\.\w+)?) (not in|in) (\{[^{}]*\})")
_EQ = re.compile(r"(\w+(?:\.\w+)?) (==|!=) (\w+(?:\.\w+)?)")


def _negated(test: str) -> str:
    """`not (test)`, without a double negative: `not x` -> `x`, `x not in {...}` <-> `x in {...}`, `==` <-> `!=`."""
    if m := _NOT.fullmatch(test):
        return m.group(1)
    if m := _IN.fullmatch(test):
        return f"{m.group(1)} {'in' if m.group(2) == 'not in' else 'not in'} {m.group(3)}"
    if m := _EQ.fullmatch(test):
        return f"{m.group(1)} {'!=' if m.group(2) == '==' else '=='} {m.group(3)}"
    return f"not ({test})"
