"""The bare path of a generated checker (`check_fast`): the program's decision unrolled into straight-line Python.

The generic `verdict` (tests/oracles/verdict.py) is the reference: the facts of a loan, then `place` for each matrix that
applies, `judge` for each rule that may apply, and `conclude` for the limits and the status. Here everything
that is known at compile time is decided at compile time: derived values and loan fields are locals, each bound
where it is first needed (`placed`: inside the innermost block holding every statement that reads it, so a value
only one rule's branch reads is computed only when that branch runs), a list read by `months since the latest`
is scanned once for all its groups of kinds (`_scans`), a matrix's row and column are found by `if` chains over
its band edges and its cell read from a table, each rule's outcome is a few inline tests (Kleene logic written
out, no helper calls), and each limit's arithmetic (the lowest cell, the reductions and caps of the rules that may
apply, stacked or lowest-wins) is written out for that limit alone, in one block. The result is a named-tuple
`rt.Verdict` built by one C call. Every block cites the rule, matrix or limit it comes from (id, source span,
citation). tests/differential/test_fast_path.py holds the result to `rt.Verdict.of(check(loan))`.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Callable
from decimal import Decimal

from compiler import ir, ir_names, ir_program
from compiler.backends.python.domains import any_invalid, invalid_lines, requirement_guard
from compiler.backends.python.expr import _SIMPLE, PyExpr, band_test, literal
from compiler.backends.python.placement import placed
from compiler.evaluate import Env, ev
from compiler.ir_types import Type

_WHEN_TABLE_MAX = 256  # combinations of the matrix conditions' fields listed at most (`_when_table`)


def _comment(text: object) -> str:
    return " ".join(str(text).split())


def band_index(key: str, bands: tuple[ir.Band, ...], integer: bool, const: Callable[[Decimal], str]) -> str:
    """The index of the first band holding `key` (known), -1 when none does: one conditional expression."""
    out = ""
    for i, b in enumerate(bands):
        out += f"{i} if {band_test(key, (b.low, b.low_inclusive, b.high, b.high_inclusive), integer, const)} else "
    return f"({out}-1)"


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


class FastPath:
    """Writes `check_fast` for one program (its body lines, indented four spaces)."""

    def __init__(self, program: ir_program.Program, emitter: PyExpr, decisive: set[str]) -> None:
        self.p = program
        self.e = emitter
        self.decisive = decisive
        self.lines: list[str] = []
        self.value_ids = {v.id for v in program.values}
        # the values that may be invalid (outside their domain, section 3.4) among those the fast path computes
        self.invalid_from = {k: v for k, v in ir_names.invalid_from(program.values).items() if k in decisive}
        self.same = self._same_limits()

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

    def invalid_read(self, x: object) -> tuple[str, ...]:
        """The values `x` reads directly that may be invalid."""
        return tuple(name for name in ir.reads(x) if name in self.invalid_from)

    def temp(self) -> str:
        name = f"_t{self.e._temps}"
        self.e._temps += 1
        return name

    def say(self, text: str, depth: int = 1) -> None:
        self.lines.append("    " * depth + text)

    def emit(self, x: ir.Expr | ir.Lookup) -> str:
        return self.e.emit(x)

    def write(self) -> str:
        self.e.locals_for_values = True
        try:
            self._scans()
            self._values()
            self._matrices()
            self._rules()
            self._deferred()
            self._limits()
        finally:
            self.e.locals_for_values = False
            self.e.latest = {}
            self.e.counted = {}
            self.e.nevers = {}
        return "\n".join(placed(self.lines, {**self.scans, **self.bindings}))

    # ---------------------------------------------------------------- lists: one pass for every `months since latest`

    def _scans(self) -> None:
        """For each list the decision reads `months since the latest ...` of, one pass over its items keeping the
        latest date of each group of kinds (`s_<list>[i]`: rt.NEVER when no item is of those kinds, None when one
        of their dates is unknown), in place of one pass per group (language.md 6.4)."""
        self.scans: dict[str, list[str]] = {}
        p = self.p
        roots: list[object] = [v.body for v in p.values if v.id in self.decisive]
        roots += [*p.matrices, *p.rules]
        nodes = list(dict.fromkeys(n for root in roots for n in ir.find_all(root, ir.MonthsSinceLatest)))
        lists: dict[tuple[str, str, str], list[tuple[str, ...]]] = {}
        for n in nodes:
            kinds = lists.setdefault((n.list_field, n.kind_field, n.date_field), [])
            if n.kinds not in kinds:
                kinds.append(n.kinds)
        for k, ((field, kind, date), groups) in enumerate(lists.items()):
            name = f"s_{field}" if k == 0 else f"s_{field}_{k}"
            for n in nodes:
                if (n.list_field, n.kind_field, n.date_field) == (field, kind, date):
                    self.e.latest[n] = (name, groups.index(n.kinds))
            every = tuple(i for i, g in enumerate(groups) if not g)  # `months since the latest <list>`: any kind
            by_kind: dict[str, tuple[int, ...]] = {}
            for i, g in enumerate(groups):
                for value in g:
                    by_kind[value] = (*by_kind.get(value, ()), i)
            table = self.e.const("dict[Any, tuple[int, ...]](" + literal(  # typed for mypy: kinds may be enums
                {value: tuple(sorted({*i, *every})) for value, i in by_kind.items()}) + ")",
                                 f"GROUPS_{field}" + (f"_{k}" if k else ""))
            item, was, when = f"_item{k}", f"_was{k}", f"_when{k}"
            never = self.e.const("rt.NEVER", "NEVER")  # a module constant: one lookup, not two
            nevers = self.e.const(f"({', '.join(['rt.NEVER'] * len(groups))},)", f"NEVERS_{len(groups)}")
            self.e.nevers[name] = nevers
            self.scans[name] = [
                f"# {field}: the latest {date} of each group of kinds, in one pass ({nevers} until an item of one is seen)",
                f"{name}: Any = None",
                f"if loan.{field} is not None:",
                f"    {name} = {nevers}",
                f"    for {item} in loan.{field}:",
                f"        for _g in {table}.get({item}.{kind}, {every!r}):",
                f"            if {name} is {nevers}:",
                f"                {name} = [{never}] * {len(groups)}",
                f"            {when}, {was} = {item}.{date}, {name}[_g]",
                f"            if {when} is None or {was} is None:",
                f"                {name}[_g] = None",
                f"            elif {was} is {never} or {when} > {was}:",
                f"                {name}[_g] = {when}",
            ]
        counts = list(dict.fromkeys(n for root in roots for n in ir.find_all(root, ir.CountLates)))
        for k, c in enumerate(counts):  # `count lates`: an int, counted in one pass (as rt.count_lates)
            name = f"s_{c.list_field}_late" + (f"_{k}" if k else "")
            self.e.counted[c] = name
            item, days, due = f"_late{k}", f"_days{k}", f"_due{k}"
            self.scans[name] = [
                f"# {c.list_field}: how many are {c.min_days}+ days late within {c.months} months before {c.as_of}",
                f"{name}: int | None = None",
                f"if loan.{c.list_field} is not None and loan.{c.as_of} is not None:",
                f"    {name} = 0",
                f"    for {item} in loan.{c.list_field}:",
                f"        {days}, {due} = {item}.{c.days_field}, {item}.{c.date_field}",
                f"        if {days} is None or {due} is None:",
                f"            {name} = None",
                "            break",
                f"        if {days} >= {c.min_days} and rt.months_between({due}, loan.{c.as_of}) < {c.months}:",
                f"            {name} += 1",
            ]

    # ---------------------------------------------------------------- derived values, as locals

    def _values(self) -> None:
        """Each derived value's lines, to be written where it is first read (`placed`)."""
        self.bindings: dict[str, list[str]] = {}
        for val in self.p.values:
            if val.id not in self.decisive:
                continue
            how = f", {val.rounding.describe()}" if val.rounding else ""
            cite = f"; {_comment(val.citation)}" if val.citation else ""
            flag = [f"i_{val.id} = False  # outside its domain, or reading such a value"] if val.id in self.invalid_from else []
            self.bindings[f"v_{val.id}"] = [
                f"# {_comment(val.title)}{how} ({val.span.where}{cite})", *flag, f"v_{val.id} = {self.emit(val.body)}",
                *invalid_lines(val, f"v_{val.id}", self.invalid_from.get(val.id), self.e.decimal,
                              self.emit, flags=True)]
        self.say("failed: list[str] = []")
        self.say("unresolved: list[str] = []")
        self.say("applies: bool | None")
        self.say("ok: bool | None")

    # ---------------------------------------------------------------- matrices: the oracle's `place`, unrolled

    def _matrices(self) -> None:
        p = self.p
        if not p.matrices:
            return
        for lim in p.limits:
            if any(lim.id in m.gives for m in p.matrices) and lim.id not in self.same:
                self.say(f"base_{lim.id}: Decimal | None = None  # the lowest cell for {lim.id} so far")
                self.say(f"base_{lim.id}_by = ''")
                self.say(f"refused_{lim.id}: str | None = None  # the first matrix refusing the loan (N/A, outside)")
                self.say(f"unread_{lim.id} = False  # a matrix giving it cannot be read (a `when` or key unknown)")
        self.say("covered: bool | None = False  # whether some matrix applies")
        if any(self._deferring(m, n) for m in p.matrices for n in range(len(self._axes(m)))):
            self.say("outside: dict[str, tuple[int, int]] | None = None  # matrix -> (place in `failed`, axis) of a key "
                     "outside its bands")
        table = self._when_table()
        for m in p.matrices:
            cite = f"; {_comment(m.citation)}" if m.citation else ""
            self.say(f"# matrix {m.id}: {_comment(m.title)} ({m.span.where}{cite}); cells in {self._table(m)}")
            applies = self.emit(m.when) if m.when else "True"
            if table and m.when:
                applies = f"applying[{table.index(m.id)}]"
            if applies == "True":
                self.say("covered = True")
                self._place(m, 1)
                continue
            self.say(f"applies = {applies}")
            self.say("if applies is None:")
            self._unread(m, 2)
            self.say("if covered is False:", 2)
            self.say("covered = None", 3)
            self.say("elif applies:")
            self.say("covered = True", 2)
            self._place(m, 2)
        if p.uncovered == "declined":  # `uncovered_loans: rules only`: no matrix applying is no failure
            self.say("if covered is False:")
            self.say('failed.append("eligibility_matrix")', 2)

    def _when_table(self) -> list[str]:
        """When every matrix condition reads only yes/no and enum fields, few enough that each combination of their
        values (unknown included) can be listed: whether each matrix applies, for each combination, worked out now
        by the reference evaluator and read per loan from a dict (`applying`, one lookup in place of a Kleene test
        per matrix). A combination not in the dict (a value outside the field's choices) computes them as written.
        The ids of the matrices in `applying`, in order; none when there is no such table."""
        ms = [m for m in self.p.matrices if m.when is not None]
        if len(ms) < 2:
            return []
        types: dict[str, Type] = {}
        for m in ms:
            fields = {f.name: f.type for f in ir.find_all(m.when, ir.FieldRef)}
            if set(ir.reads(m.when)) - set(fields):  # a derived value, a list, a `no score` flag
                return []
            types.update(fields)
        choices: list[tuple[object, ...]] = []
        for t in types.values():
            if t.kind == "yesno":
                choices.append((True, False, None))
            elif t.kind == "enum" and t.values:
                choices.append((*t.values, None))
            else:
                return []
        if math.prod(len(c) for c in choices) > _WHEN_TABLE_MAX:
            return []
        names = list(types)
        rows = {}
        for combo in itertools.product(*choices):
            env = Env(loan=dict(zip(names, combo, strict=True)), program=self.p)
            rows[combo] = tuple(None if (w := ev(m.when, env)) is None else bool(w) for m in ms)  # type: ignore[arg-type]
        table = self.e.const(literal(rows), "APPLIES")
        key = f"({', '.join(f'loan.{n}' for n in names)}{',' if len(names) == 1 else ''})"
        written = ", ".join(self.emit(m.when) for m in ms if m.when is not None)
        self.say(f"# whether each matrix applies, by {', '.join(names)}: {', '.join(m.id for m in ms)}")
        self.say(f"applying = {table}.get({key}) or ({written},)")
        return [m.id for m in ms]

    def _table(self, m: ir.Matrix) -> str:
        """A module constant: the matrix's cells, row by row, each None (N/A) or its value per limit it gives."""
        rows = tuple(tuple(None if not c.eligible else tuple(c.get(lim) for lim in m.gives) for c in row)
                     for row in m.cells)
        return self.e.const(literal(rows), f"CELLS_{m.id}")

    def _place(self, m: ir.Matrix, depth: int) -> None:
        keys: list[tuple[str, ir.Axis, list[str]]] = []
        for name, axis in zip(("row", "col"), self._axes(m), strict=False):
            names: list[str] = []
            for j, k in enumerate(axis.keys):
                key = self.emit(k)
                if flag := axis.flag(j):  # a `no score` line: a loan that says it has no score falls in it
                    key = f"({ir.NO_SCORE!r} if loan.{flag} is True else {key})"
                if not (_SIMPLE.fullmatch(key)):
                    local = f"{name}_key" if len(axis.keys) == 1 else f"{name}_key{j}"
                    self.say(f"{local} = {key}", depth)
                    key = local
                names.append(key)
            keys.append((name, axis, names))
        # key by key: one outside its domain refuses the loan, one unknown is missing (the row's first); keys in
        # no band or line: fail (and refuse); else the cell
        chain = ["if"]

        def unknown(pending: list[str]) -> None:
            if pending:
                self.say(f"{chain[0]} {' or '.join(f'{k} is None' for k in pending)}:", depth)
                self._unread(m, depth + 1)
                chain[0] = "elif"
                pending.clear()

        for n, (name, axis, names) in enumerate(keys):
            pending: list[str] = []
            for k, key in zip(axis.keys, names, strict=True):
                if invalid := self.invalid_read(k):  # a key outside its domain: not eligible
                    unknown(pending)
                    self.say(f"{chain[0]} {key} is None and {any_invalid(invalid, True)}:", depth)
                    self.say(f"failed.append({m.id!r})", depth + 1)
                    self._refuse(m, depth + 1)
                    chain[0] = "elif"
                pending.append(key)
            unknown(pending)
            if axis.simple:
                integer = axis.expr.type.kind in ("integer", "months", "days")
                index = band_index(names[0], axis.bands, integer, self.e.decimal)
                labels = ", ".join(b.label for b in axis.bands)
            else:
                index = "(" + "".join(f"{i} if {self.e.line_test(axis, line, names)} else "
                                      for i, line in enumerate(axis.lines)) + "-1)"
                labels = f"{len(axis.lines)} lines"
            self.say(f"elif ({name} := {index}) < 0:", depth)
            self.lines[-1] += f"  # {_comment(axis.label)}: {_comment(labels)}"
            self.say(f"failed.append({m.id!r})", depth + 1)
            self._refuse(m, depth + 1)
            if self._deferring(m, n):
                self.say("if outside is None:", depth + 1)
                self.say("outside = {}", depth + 2)
                self.say(f"outside[{m.id!r}] = (len(failed) - 1, {n})", depth + 1)
        cell = f"{self._table(m)}[row][{'col' if m.columns else '0'}]"
        self.say(f"elif (cell := {cell}) is None:", depth)
        self.say(f"failed.append({m.id!r})  # N/A", depth + 1)
        self._refuse(m, depth + 1)
        self.say("else:", depth)
        for i, limit in enumerate(m.gives):
            if limit in self.same:  # tracked as the limit it is the same as
                continue
            self.say(f"if (given := cell[{i}]) is not None and (base_{limit} is None or given < base_{limit}):", depth + 1)
            self.say(f"base_{limit}, base_{limit}_by = given, {m.id!r}", depth + 2)

    def _unread(self, m: ir.Matrix, depth: int) -> None:
        """Matrix m cannot be read (missing): so cannot the limits it gives (language.md 9.5)."""
        self.say(f"unresolved.append({m.id!r})", depth)
        for limit in m.gives:
            if limit not in self.same:
                self.say(f"unread_{limit} = True", depth)

    @staticmethod
    def _axes(m: ir.Matrix) -> list[ir.Axis]:
        return [m.rows] + ([m.columns] if m.columns else [])

    def _deferring(self, m: ir.Matrix, n: int) -> list[tuple[ir.Rule, ir.Requirement]]:
        """The requirements reading what axis `n` of `m` reads (any of its keys): one not met, of a rule that
        applies, is the reason to report for keys outside the bands or in no line (the matrix's finding then points
        to it)."""
        reads = {name for k in self._axes(m)[n].keys for name in ir.reads(k)}
        return [(r, q) for r in self.p.rules for q in r.requirements if reads & set(ir.reads(q))]

    def _deferred(self) -> None:
        """A key outside the bands that a rule which applies already fails on: not the matrix's failure (last
        matrix first, so the places recorded in `failed` stay right)."""
        deferring = [(m, axes) for m in reversed(self.p.matrices)
                     if (axes := [n for n in range(len(self._axes(m))) if self._deferring(m, n)])]
        if len(deferring) > 1:
            self.say("if outside is not None:  # a key outside a matrix's bands")
        for m, axes in deferring:
            if len(deferring) > 1:
                self.say(f"if (out := outside.get({m.id!r})) is not None:  # matrix {m.id}", 2)
            else:
                self.say(f"if outside is not None and (out := outside.get({m.id!r})) is not None:  # matrix {m.id}")
            depth = 3 if len(deferring) > 1 else 2

            def grouped(text: str) -> str:
                bracketed = text.startswith("(") and text.endswith(")") and _balanced(text[1:-1])
                return text if _SIMPLE.fullmatch(text) or bracketed else f"({text})"

            for n in axes:
                tests = [(f"{grouped(self.emit(r.when))} is True and " if r.when else "")
                         + f"{grouped(requirement_guard(self.e.requirement(q), self.invalid_read(q), True))} is False"
                         for r, q in self._deferring(m, n)]
                either = tests[0] if len(tests) == 1 else " or ".join(f"({t})" for t in tests)
                self.say(f"if out[1] == {n} and ({either}):", depth)
                self.say("del failed[out[0]]", depth + 1)

    def _refuse(self, m: ir.Matrix, depth: int) -> None:
        """The loan is in an N/A cell or outside the bands: the limits the matrix gives have no value."""
        for limit in m.gives:
            if limit not in self.same:
                self.say(f"refused_{limit} = refused_{limit} or {m.id!r}", depth)

    # ---------------------------------------------------------------- rules: the oracle's `judge`, inline

    def _rules(self) -> None:
        for r in self.p.rules:
            cite = f"; {_comment(r.citation)}" if r.citation else ""
            self.say(f"# rule {r.id}: {_comment(r.title)} ({r.span.where}{cite})")
            split = self._split(r)
            results = [] if split else [requirement_guard(self.e.requirement(q), self.invalid_read(q), True)
                                        for q in r.requirements]
            applies = self.emit(r.when) if r.when else "True"
            name = f"a_{r.id}" if r.adjustments else "applies"
            if split:  # one simple requirement: its outcome tested on its parts, no three-valued `ok`
                if applies != "True":
                    self.say(f"{name} = {applies}")
                    self.say(f"if {name} is not False:")
                    self.say(f"if {name} is None:  # may apply: missing unless the requirement is met", 2)
                    either = " or ".join(p for p in (*split[:2], _negated(split[2])) if p)
                    self.say(f"if {either}:", 3)
                    self.say(f"unresolved.append({r.id!r})", 4)
                    self._split_outcome(r, split, 2, "elif")
                else:
                    if r.adjustments:
                        self.say(f"{name} = True")
                    self._split_outcome(r, split, 1, "if")
                continue
            ok = kleene_and(results, self.temp) if results else ""
            if len(results) > 1 and not any(q.alternatives or self.invalid_read(q) for q in r.requirements):
                ok = self.e.none_seen(tuple(q.test for q in r.requirements), False, ok) or ok
            if applies == "True":
                if r.adjustments:
                    self.say(f"{name} = True")
                if not results:
                    if r.reviews:
                        self.say(f"unresolved.append({r.id!r})  # referred for review")
                    continue
                self.say(f"ok = {ok}")
                self._outcome(r, "ok", 1)
                continue
            self.say(f"{name} = {applies}")
            if not results:
                self.say(f"if {name} is None{' or ' + name if r.reviews else ''}:")
                self.say(f"unresolved.append({r.id!r})", 2)
                continue
            if r.reviews:  # referred whenever it may apply; failing only when it surely applies
                self.say(f"if {name} is None:")
                self.say(f"unresolved.append({r.id!r})", 2)
                self.say(f"elif {name}:")
                self.say(f"ok = {ok}", 2)
                self._outcome(r, "ok", 2)
                continue
            self.say(f"if {name} is not False:")
            self.say(f"ok = {ok}", 2)
            self.say(f"if {name} is None:  # may apply: missing unless every requirement is met", 2)
            self.say("if ok is not True:", 3)
            self.say(f"unresolved.append({r.id!r})", 4)
            self.say("else:", 2)
            self._outcome(r, "ok", 3)

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
            self.say(f"# limit {lim.id}: {_comment(lim.title)} ({lim.span.where}): the lowest cell, each reduction "
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
                        self.say(f"if {self._on(r, lim, first)}:  # {r.id} ({r.span.where}): reduce by {_comment(a.text)}", 2)
                        self.say(f"if (less := base_{b} - {self._amount(a)}) < low:", 3)
                        self.say(f"low, best_by = less, {r.id!r}", 4)
                        self.say(f"if {self._on(r, lim, first, True)} and less < low_sure:", 3)
                        self.say("low_sure = less", 4)
                    self.say("best, sure = low, low_sure", 2)
            for r, a in caps:
                amount = self._amount(a)
                self.say(f"if {self._on(r, lim, first)}:  # {r.id} ({r.span.where}): cap at {_comment(a.text)}")
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
            var = f"lim_{lim.id}"
            on = f"v_{lim.on}" if lim.on in self.value_ids else f"loan.{lim.on}"
            self.say(f"{var}, {var}_by = best, None if best is None else best_by")
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
            self.say(f"if {on} is None:", 2)
            if lim.on in self.invalid_from:  # outside its domain: fails
                self.say(f"(failed if i_{lim.on} else unresolved).append({lim.id!r})", 3)
            else:
                self.say(f"unresolved.append({lim.id!r})", 3)
            self.say(f"elif {on} > best:", 2)
            self.say(f"(unresolved if sure is None or {on} <= sure else failed).append({lim.id!r})", 3)
            out.append(f"({lim.id!r}, {var}, {var}_by)")
        self.say('status: rt.Status = "ineligible" if failed else "needs_info" if unresolved else "eligible"')
        new, verdict = self.e.const("tuple.__new__", "TUPLE_NEW"), self.e.const("rt.Verdict", "VERDICT")
        self.say(f"return {new}({verdict}, (status, ({', '.join(out)}{',' if len(out) == 1 else ''}), tuple(failed), "
                 "tuple(unresolved)))  # a Verdict from its parts in one C call")

    def _largest_reduction(self, b: str, reduces: list[tuple[ir.Rule, ir.Adjustment]]) -> None:
        """Lowest wins, every amount literal: the largest reduction that may apply (the first in the guide's order
        among equal ones) gives `best`, the largest that surely applies `sure`: tested largest first, known now."""
        order = sorted(((a.amount, -i) for i, (_r, a) in enumerate(reduces) if a.amount is not None and a.amount > 0),
                       reverse=True)  # largest amount first; among equal amounts, the guide's order
        keyword = "if"
        for amount, i in order:
            r, a = reduces[-i]
            self.say(f"{keyword} a_{r.id} is not False:  # {r.id} ({r.span.where}): reduce by {_comment(a.text)}", 2)
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


def _balanced(text: str) -> bool:
    """No bracket in `text` closes one opened before it (so `(text)` is one bracketed expression)."""
    depth = 0
    for ch in text:
        depth += ch in "([{"
        depth -= ch in ")]}"
        if depth < 0:
            return False
    return depth == 0


def fast_path(program: ir_program.Program, emitter: PyExpr, decisive: set[str]) -> str:
    """The body of `check_fast` for a program."""
    return FastPath(program, emitter, decisive).write()
