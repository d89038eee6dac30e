"""The limits of `check_fast` (compiler/backends/python/fast.py): the oracle's `conclude`, written out per limit.

Each limit's block: the lowest cell of the matrices giving it (`base_<limit>`), each reduction and cap of a rule that
may apply (stacked, lowest wins, reductions last or first applicable), `best` (what may apply) and `sure` (what surely
applies), then the limit's state: refused by a matrix, unknown (an amount or a matrix not read), failed or
unresolved against the loan's value. A limit worked out exactly as an earlier one shares its arithmetic.
"""

from __future__ import annotations

from decimal import Decimal

from compiler import ir, ir_names, ir_program
from compiler.backends.python.expr import PyExpr, literal


def comment(text: object) -> str:
    return " ".join(str(text).split())


class LimitBlocks:
    """The limit blocks of `FastPath` (which sets these attributes and writes the rest)."""

    p: ir_program.Program
    e: PyExpr
    value_ids: set[str]
    invalid_from: dict[str, tuple[str, ...]]
    same: dict[str, str]
    shift: int  # added to every line's depth (a limit's arithmetic inside its `else:`)

    def say(self, text: str, depth: int = 1) -> None:
        raise NotImplementedError

    def _same_limits(self) -> dict[str, str]:
        """Limits worked out exactly as an earlier one (the same cell in every matrix giving them, the same literal
        reductions and caps of the same rules, combined alike: max LTV and max CLTV, often) -> that limit: the
        lowest cell, the refusals and the adjusted value are tracked once, for it."""
        p = self.p
        first: dict[object, str] = {}
        same: dict[str, str] = {}
        for lim in p.limits:
            adjs = tuple((r.id, a.kind, a.amount) for r in p.rules for a in r.adjustments if a.limit == lim.id)
            gives = tuple((m.id, tuple(tuple(c.get(lim.id) if c.eligible else "N/A" for c in row) for row in m.cells))
                          for m in p.matrices if lim.id in m.gives)
            mode = p.combine_of(lim.id)
            if not gives or any(a is None for _r, _k, a in adjs) or mode == "first":
                continue
            same[lim.id] = first.setdefault(repr((gives, adjs, mode)), lim.id)
        return {k: v for k, v in same.items() if k != v}

    # ---------------------------------------------------------------- limits: the oracle's `conclude`, per limit

    def _limits(self) -> None:
        p = self.p
        out = []
        if p.limits:
            self.say("best: Decimal | None")
            self.say("sure: Decimal | None")
        held = ""  # the limit whose arithmetic `best`, `sure` and `best_by` hold
        for lim in p.limits:
            base = any(lim.id in m.gives for m in p.matrices)
            b = self.same.get(lim.id, lim.id)  # whose lowest cell, refusals and unread matrices these are
            adjs = [(r, a) for r in p.rules for a in r.adjustments if a.limit == lim.id]
            reduces = [(r, a) for r, a in adjs if a.kind == "reduce"]
            caps = [(r, a) for r, a in adjs if a.kind != "reduce"]
            mode = p.combine_of(lim.id)
            stacked = mode == "stacked"
            how = {"stacked": "stacked", "lowest": "lowest wins", "caps_first": "reductions last",
                   "first": "first applicable"}[mode]
            self.say(f"# limit {lim.id}: {comment(lim.title)} ({lim.span.where}): the lowest cell, each reduction "
                     f"({how}) and cap that may apply; `sure`: only those that surely apply")
            if not base and not caps:
                out.append(f"({lim.id!r}, None, None)")
                continue
            by_value = [(r, a) for r, a in adjs if a.by is not None]
            first = mode == "first" and bool(adjs)
            if first:  # `first applicable`: only the first rule that applies counts; one before it that may: unknown
                self._first(lim, list(dict.fromkeys(r.id for r, _a in adjs)))
            if by_value or first:
                self._unresolved(lim, by_value, first)
            var = f"lim_{lim.id}"
            early = base and not (by_value or first)  # refused or unread first: its arithmetic only when neither
            if early:
                self.say(f"if refused_{b} is not None:  # a matrix refusing the loan leaves no limit, whatever the caps")
                self.say(f"{var}, {var}_by = None, None", 2)
                self.say(f"elif unread_{b}:  # a matrix giving it not read: no limit, missing")
                self.say(f"{var}, {var}_by = None, None", 2)
                self.say(f"unresolved.append({lim.id!r})", 2)
                self.say("else:")
                self.shift += 1
            if lim.id in self.same and held == b:
                self.say(f"# the same cells, reductions and caps as {b}: `best` and `sure` as there")
                reduces = caps = []
            elif base:
                self.say(f"best = sure = base_{b}")
                self.say(f"best_by = base_{b}_by")
            else:
                self.say("best = sure = None")
                self.say("best_by = ''")
            held = b
            if base and reduces and mode != "caps_first":
                self.say(f"if base_{b} is not None:")
                if stacked:
                    total = " + ".join(f"({self._amount(a)} if a_{r.id} is not False else 0)" for r, a in reduces)
                    sure_total = " + ".join(f"({self._amount(a)} if a_{r.id} is True else 0)" for r, a in reduces)
                    self.say(f"best = base_{b} - ({total})", 2)
                    self.say(f"sure = base_{b} - ({sure_total})", 2)
                elif not first and all(a.amount is not None for _r, a in reduces):
                    self._largest_reduction(b, reduces)
                else:
                    self.say(f"low = low_sure = base_{b}", 2)
                    for r, a in reduces:
                        self.say(f"if {self._on(r, lim, first)}:  # {r.id} ({r.span.where}): reduce by {comment(a.text)}", 2)
                        self.say(f"if (less := base_{b} - {self._amount(a)}) < low:", 3)
                        self.say(f"low, best_by = less, {r.id!r}", 4)
                        self.say(f"if {self._on(r, lim, first, True)} and less < low_sure:", 3)
                        self.say("low_sure = less", 4)
                    self.say("best, sure = low, low_sure", 2)
            for r, a in caps:
                amount = self._amount(a)
                self.say(f"if {self._on(r, lim, first)}:  # {r.id} ({r.span.where}): cap at {comment(a.text)}")
                self.say(f"if best is None or best > {amount}:", 2)
                self.say(f"best, best_by = {amount}, {r.id!r}", 3)
                self.say(f"if {self._on(r, lim, first, True)} and (sure is None or sure > {amount}):", 2)
                self.say(f"sure = {amount}", 3)
            if reduces and mode == "caps_first":  # every reduction off the lowest of the cell and the caps
                total = " + ".join(f"({self._amount(a)} if a_{r.id} is not False else 0)" for r, a in reduces)
                sure_total = " + ".join(f"({self._amount(a)} if a_{r.id} is True else 0)" for r, a in reduces)
                self.say("if best is not None:")
                self.say(f"best = best - ({total})", 2)
                self.say("if sure is not None:")
                self.say(f"sure = sure - ({sure_total})", 2)
            on = f"v_{lim.on}" if lim.on in self.value_ids else f"loan.{lim.on}"
            self.say(f"{var}, {var}_by = best, None if best is None else best_by")
            if early:
                self.say("if best is not None:")
                self._against(lim, on)
                self.shift -= 1
                out.append(f"({lim.id!r}, {var}, {var}_by)")
                continue
            if base:  # a matrix refusing the loan leaves no limit, whatever the caps
                self.say(f"if refused_{b} is not None:")
                self.say(f"{var}, {var}_by = None, None", 2)
            # an amount not known, or a matrix giving it not read: no limit; N/A where the rule surely applies
            # fails, else missing
            if by_value or first:
                unread = f" or unread_{b}" if base else ""
                self.say(f"{'elif' if base else 'if'} gone_{lim.id} is not None{unread}:")
                self.say(f"{var}, {var}_by = None, None", 2)
                self.say(f"(failed if gone_{lim.id} else unresolved).append({lim.id!r})", 2)
            elif base:
                self.say(f"elif unread_{b}:")
                self.say(f"{var}, {var}_by = None, None", 2)
                self.say(f"unresolved.append({lim.id!r})", 2)
            self.say(f"{'elif' if base or by_value or first else 'if'} best is not None:")
            self._against(lim, on)
            out.append(f"({lim.id!r}, {var}, {var}_by)")
        self.say('status: rt.Status = "ineligible" if failed else "needs_info" if unresolved else "eligible"')
        new, verdict = self.e.const("tuple.__new__", "TUPLE_NEW"), self.e.const("rt.Verdict", "VERDICT")
        self.say(f"return {new}({verdict}, (status, ({', '.join(out)}{',' if len(out) == 1 else ''}), tuple(failed), "
                 "tuple(unresolved)))  # a Verdict from its parts in one C call")

    def _against(self, lim: ir.Limit, on: str) -> None:
        """The loan's value against `best` (what may apply) and `sure` (what surely applies), under `if best is not
        None:`: over `sure` fails, between the two needs data; unknown is missing (outside its domain: fails)."""
        self.say(f"if {on} is None:", 2)
        if lim.on in self.invalid_from:  # outside its domain: fails
            self.say(f"(failed if i_{lim.on} else unresolved).append({lim.id!r})", 3)
        else:
            self.say(f"unresolved.append({lim.id!r})", 3)
        self.say(f"elif {on} > best:", 2)
        self.say(f"(unresolved if sure is None or {on} <= sure else failed).append({lim.id!r})", 3)

    def _largest_reduction(self, b: str, reduces: list[tuple[ir.Rule, ir.Adjustment]]) -> None:
        """Lowest wins, every amount literal: the largest reduction that may apply (the first in the guide's order
        among equal ones) gives `best`, the largest that surely applies `sure`: tested largest first, known now."""
        order = sorted(((a.amount, -i) for i, (_r, a) in enumerate(reduces) if a.amount is not None and a.amount > 0),
                       reverse=True)  # largest amount first; among equal amounts, the guide's order
        keyword = "if"
        for amount, i in order:
            r, a = reduces[-i]
            self.say(f"{keyword} a_{r.id} is not False:  # {r.id} ({r.span.where}): reduce by {comment(a.text)}", 2)
            self.say(f"best, best_by = base_{b} - {self.e.decimal(amount)}, {r.id!r}", 3)
            keyword = "elif"
        keyword = "if"
        for amount in sorted({amount for amount, _i in order}, reverse=True):  # rules reducing alike: one test
            surely = " or ".join(f"a_{reduces[-i][0].id} is True" for same, i in order if same == amount)
            self.say(f"{keyword} {surely}:", 2)
            self.say(f"sure = base_{b} - {self.e.decimal(amount)}", 3)
            keyword = "elif"

    def _amount(self, a: ir.Adjustment) -> str:
        if a.by is not None:  # read for the loan; when unknown, `gone_<limit>` discards what it gave
            return f"({self._ref(a.by.name)} or {self.e.const(literal(Decimal(0)), 'D0')})"  # a Decimal, for mypy
        assert a.amount is not None
        return self.e.const(literal(a.amount), "D" + str(a.amount).replace("-", "m"))

    def _ref(self, name: str) -> str:
        return f"v_{name}" if name in self.value_ids else f"loan.{name}"

    def _on(self, r: ir.Rule, lim: ir.Limit, first: bool, surely: bool = False) -> str:
        """Whether rule r's adjustment of the limit counts: the rule (surely) applies, or under `first applicable`
        it is the first that applies."""
        if first:
            return f"first_{lim.id} == {r.id!r}"
        return f"a_{r.id} is True" if surely else f"a_{r.id} is not False"

    def _first(self, lim: ir.Limit, rules: list[str]) -> None:
        """`first_<limit>`: the first rule adjusting the limit that applies ('' for none), None when one before it
        may apply (language.md 9.5, `first applicable`)."""
        self.say(f"first_{lim.id}: str | None = ''  # first applicable")
        for i, rid in enumerate(rules):
            self.say(f"{'if' if i == 0 else 'elif'} a_{rid} is not False:")
            self.say(f"first_{lim.id} = {rid!r} if a_{rid} else None", 2)

    def _unresolved(self, lim: ir.Limit, by_value: list[tuple[ir.Rule, ir.Adjustment]], first: bool = False) -> None:
        """`gone_<limit>`: True when a rule that surely applies reduces or caps by a value its table says is N/A
        (or outside its domain), else False when one that (may) apply does so by a value not known, else None.
        Under `first applicable`, only the first rule's amounts count, and a rule before it that may apply is False."""
        self.say(f"gone_{lim.id}: bool | None = None  # an amount not known (language.md 9.5)")
        if first:
            self.say(f"if first_{lim.id} is None:  # a rule that may apply comes first: the limit is unknown")
            self.say(f"gone_{lim.id} = False", 2)
        for r, a in by_value:
            assert a.by is not None
            name = a.by.name
            bad = f" or i_{name}" if name in self.invalid_from else ""
            self.say(f"if {self._on(r, lim, first)} and ({self._ref(name)} is None{bad}):  # {r.id}: {a.kind} by {name}")
            self.say(f"if {self._on(r, lim, first, True)} and (i_{name} or not {self._reach(name)}):" if bad else
                     f"if {self._on(r, lim, first, True)} and not {self._reach(name)}:", 2)
            self.say(f"gone_{lim.id} = True", 3)
            self.say(f"elif gone_{lim.id} is None:", 2)
            self.say(f"gone_{lim.id} = False", 3)

    def _reach(self, name: str) -> str:
        """Whether a loan field reached through unknown values from `name` is unknown (`runtime.missing` is not
        empty): a field unknown, or a value unknown that needs one."""
        if name not in self.value_ids:
            return f"(loan.{name} is None)"
        value = next(v for v in self.p.values if v.id == name)
        inner = [self._reach(n) for n in ir_names.needs(value.body)]
        if not inner:
            return "False"
        either = inner[0] if len(inner) == 1 else f"({' or '.join(inner)})"  # each is parenthesized already
        return f"(v_{name} is None and {either})"
