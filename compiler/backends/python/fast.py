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

Where the known values decide it, the plain way is taken first: the one matrix that applies, read from a dict on
its conditions' fields, is placed alone (every matrix as written only when one is unknown); a band chain leaves out
the edges earlier bands imply (bands.py); a rule tests that it is surely met, then that every input is known (it
fails), before any three-valued logic (fast_rules.py, met.py); a division skips the quotient-size check the
declared ranges make needless (bounds.py); CLTV is LTV when the other liens are zero (quotients.py); a key outside a
matrix's bands reads the failures already recorded; a limit's arithmetic runs only when no matrix refused it.
tests/unit/test_fast_shortcuts.py holds each shortcut to the long way.
"""

from __future__ import annotations

import itertools
import math

from compiler import ir, ir_names, ir_program
from compiler.backends.python.bounds import Bounds
from compiler.backends.python.domains import any_invalid, invalid_lines, requirement_guard
from compiler.backends.python.expr import _SIMPLE, PyExpr, literal
from compiler.backends.python.fast_limits import LimitBlocks, comment
from compiler.backends.python.fast_rules import RuleBlocks
from compiler.backends.python.placement import placed
from compiler.backends.python.quotients import same_quotient
from compiler.evaluate import Env, ev
from compiler.ir_types import Type

_WHEN_TABLE_MAX = 256  # combinations of the matrix conditions' fields listed at most (`_when_table`)


def band_index(tests: list[str]) -> str:
    """The index of the first band whose test holds, -1 when none does: one conditional expression."""
    out = ""
    for i, test in enumerate(tests):
        if test == "True":  # every key left is in it
            return f"({out}{i})"
        out += f"{i} if {test} else "
    return f"({out}-1)"


class FastPath(LimitBlocks, RuleBlocks):
    """Writes `check_fast` for one program (its body lines, indented four spaces)."""

    def __init__(self, program: ir_program.Program, emitter: PyExpr, decisive: set[str]) -> None:
        self.p = program
        self.e = emitter
        self.decisive = decisive
        self.lines: list[str] = []
        self.shift = 0
        self.value_ids = {v.id for v in program.values}
        # the values that may be invalid (outside their domain, section 3.4) among those the fast path computes
        self.invalid_from = {k: v for k, v in ir_names.invalid_from(program.values).items() if k in decisive}
        self.same = self._same_limits()

    def invalid_read(self, x: object) -> tuple[str, ...]:
        """The values `x` reads directly that may be invalid."""
        return tuple(name for name in ir.reads(x) if name in self.invalid_from)

    def temp(self) -> str:
        name = f"_t{self.e._temps}"
        self.e._temps += 1
        return name

    def say(self, text: str, depth: int = 1) -> None:
        self.lines.append("    " * (depth + self.shift) + text)

    def emit(self, x: ir.Expr | ir.Lookup) -> str:
        return self.e.emit(x)

    def write(self) -> str:
        self.e.locals_for_values = True
        self.e.bounds = Bounds(self.e.fields, {v.id: v for v in self.p.values})
        try:
            self._scans()
            self._values()
            self._matrices()
            self._rules()
            self._deferred()
            self._limits()
        finally:
            self.e.locals_for_values = False
            self.e.bounds = None
            self.e.latest = {}
            self.e.counted = {}
            self.e.nevers = {}
        for local in ("applies", "ok"):  # declared only when a rule sets it
            if not any(line.lstrip().startswith(f"{local} = ") for line in self.lines):
                self.lines.remove(f"    {local}: bool | None")
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
                f"        if {days} >= {c.min_days} and {self.e.between('months')}({due}, loan.{c.as_of}) < {c.months}:",
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
            cite = f"; {comment(val.citation)}" if val.citation else ""
            flag = [f"i_{val.id} = False  # outside its domain, or reading such a value"] if val.id in self.invalid_from else []
            body = self.emit(val.body)
            if same := same_quotient(val, self.p.values, self.decisive, self.emit):  # CLTV: LTV, no other liens
                body = f"({same[0]} if {same[0]} is not None and {same[1]} else {body})"
            self.bindings[f"v_{val.id}"] = [
                f"# {comment(val.title)}{how} ({val.span.where}{cite})", *flag, f"v_{val.id} = {body}",
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
        depth = 1
        if table is not None:
            _ids, key, applying, which = table
            if which is not None:  # the one matrix that applies, run alone; the general path when not known
                alone = set(which[1].values())
                keyword = "if"
                fields = key.strip("(),").replace("loan.", "")
                self.say(f"# the one matrix that applies, by {fields} (-1: none); not listed (unknown, more than one "
                         "may apply): each matrix as written below")
                self.say(f"which = {which[0]}.get({key}, -2)")
                for i, m in enumerate(p.matrices):
                    if i in alone:
                        self.say(f"{keyword} which == {i}:  # matrix {m.id} alone")
                        self.say("covered = True", 2)
                        self._place(m, 2, alone=True)
                        keyword = "elif"
                self.say(f"{keyword} which == -2:")
                depth = 2
            self.say(f"applying = {applying}", depth)
        for m in p.matrices:
            cite = f"; {comment(m.citation)}" if m.citation else ""
            self.say(f"# matrix {m.id}: {comment(m.title)} ({m.span.where}{cite}); cells in {self._table(m)}", depth)
            applies = self.emit(m.when) if m.when else "True"
            if table is not None and m.when:
                applies = f"applying[{table[0].index(m.id)}]"
            if applies == "True":
                self.say("covered = True", depth)
                self._place(m, depth)
                continue
            self.say(f"applies = {applies}", depth)
            self.say("if applies is None:", depth)
            self._unread(m, depth + 1)
            self.say("if covered is False:", depth + 1)
            self.say("covered = None", depth + 2)
            self.say("elif applies:", depth)
            self.say("covered = True", depth + 1)
            self._place(m, depth + 1)
        if p.uncovered == "declined":  # `uncovered_loans: rules only`: no matrix applying is no failure
            self.say("if covered is False:")
            self.say('failed.append("eligibility_matrix")', 2)

    def _when_table(self) -> tuple[list[str], str, str, tuple[str, dict[object, int]] | None] | None:
        """When every matrix condition reads only yes/no and enum fields, few enough that each combination of their
        values (unknown included) can be listed: whether each matrix applies, for each combination, worked out now
        by the reference evaluator and read per loan from a dict (`applying`, one lookup in place of a Kleene test
        per matrix). A combination not in the dict (a value outside the field's choices) computes them as written.
        When every matrix has a condition, a second dict gives, for each combination where each is known and at
        most one applies, that one's place (-1 for none): that matrix alone is placed, nothing else tested.
        (the ids of the matrices in `applying`, in order; the key; `applying`'s expression; (the second dict's
        name, its entries) or None); None when there is no such table."""
        ms = [m for m in self.p.matrices if m.when is not None]
        if len(ms) < 2:
            return None
        types: dict[str, Type] = {}
        for m in ms:
            fields = {f.name: f.type for f in ir.find_all(m.when, ir.FieldRef)}
            if set(ir.reads(m.when)) - set(fields):  # a derived value, a list, a `no score` flag
                return None
            types.update(fields)
        choices: list[tuple[object, ...]] = []
        for t in types.values():
            if t.kind == "yesno":
                choices.append((True, False, None))
            elif t.kind == "enum" and t.values:
                choices.append((*t.values, None))
            else:
                return None
        if math.prod(len(c) for c in choices) > _WHEN_TABLE_MAX:
            return None
        names = list(types)
        rows: dict[object, tuple[bool | None, ...]] = {}
        for combo in itertools.product(*choices):
            env = Env(loan=dict(zip(names, combo, strict=True)), program=self.p)
            rows[combo] = tuple(None if (w := ev(m.when, env)) is None else bool(w) for m in ms)  # type: ignore[arg-type]
        table = self.e.const(literal(rows), "APPLIES")
        key = f"({', '.join(f'loan.{n}' for n in names)}{',' if len(names) == 1 else ''})"
        written = ", ".join(self.emit(m.when) for m in ms if m.when is not None)
        which = None
        if len(ms) == len(self.p.matrices):
            one = {combo: (row.index(True) if True in row else -1) for combo, row in rows.items()
                   if None not in row and row.count(True) <= 1}
            which = (self.e.const(f"dict[Any, int]({literal(one)})", "WHICH"), one)  # typed: keys are enums
        return [m.id for m in ms], key, f"{table}.get({key}) or ({written},)", which

    def _table(self, m: ir.Matrix) -> str:
        """A module constant: the matrix's cells, row by row, each None (N/A) or its value per limit it gives."""
        rows = tuple(tuple(None if not c.eligible else tuple(c.get(lim) for lim in m.gives) for c in row)
                     for row in m.cells)
        return self.e.const(literal(rows), f"CELLS_{m.id}")

    def _place(self, m: ir.Matrix, depth: int, alone: bool = False) -> None:
        """Find m's row and column and read its cell: the lowest so far of each limit it gives (`alone`: the only
        matrix that applies, so the first)."""
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
                index = band_index(self.e.band_chain(axis.expr, names[0], axis.bands))
                labels = ", ".join(b.label for b in axis.bands)
            else:
                index = "(" + "".join(f"{i} if {self.e.line_test(axis, line, names)} else "
                                      for i, line in enumerate(axis.lines)) + "-1)"
                labels = f"{len(axis.lines)} lines"
            self.say(f"elif ({name} := {index}) < 0:", depth)
            self.lines[-1] += f"  # {comment(axis.label)}: {comment(labels)}"
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
            if alone:  # no cell before it (a None cell leaves the base None; its `_by` is then never read)
                self.say(f"base_{limit}, base_{limit}_by = cell[{i}], {m.id!r}", depth + 1)
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
        tests = {m.id: [(n, self._deferred_test(m, n)) for n in axes] for m, axes in deferring}
        if len(deferring) > 1 and len({repr(t) for t in tests.values()}) == 1:  # alike for every matrix: one loop
            self.say("if outside is not None:  # a key outside a matrix's bands (the last matrix's first)")
            self.say("for out in reversed(outside.values()):", 2)
            for n, either in next(iter(tests.values())):
                self.say(f"if out[1] == {n} and ({either}):", 3)
                self.say("del failed[out[0]]", 4)
            return
        if len(deferring) > 1:
            self.say("if outside is not None:  # a key outside a matrix's bands")
        for m, _axes in deferring:
            if len(deferring) > 1:
                self.say(f"if (out := outside.get({m.id!r})) is not None:  # matrix {m.id}", 2)
            else:
                self.say(f"if outside is not None and (out := outside.get({m.id!r})) is not None:  # matrix {m.id}")
            depth = 3 if len(deferring) > 1 else 2
            for n, either in tests[m.id]:
                self.say(f"if out[1] == {n} and ({either}):", depth)
                self.say("del failed[out[0]]", depth + 1)

    def _deferred_test(self, m: ir.Matrix, n: int) -> str:
        """Whether a rule that applies fails on what axis `n` of `m` reads (a requirement reading it not met)."""

        def grouped(text: str) -> str:
            bracketed = text.startswith("(") and text.endswith(")") and _balanced(text[1:-1])
            return text if _SIMPLE.fullmatch(text) or bracketed else f"({text})"

        # a rule with that one requirement has failed exactly when it surely applies and the requirement is not
        # met: its outcome, recorded above (ids are unique in a program, E507), is read back
        tests = [f"{r.id!r} in failed" if len(r.requirements) == 1 else
                 (f"{grouped(self.emit(r.when))} is True and " if r.when else "")
                 + f"{grouped(requirement_guard(self.e.requirement(q), self.invalid_read(q), True))} is False"
                 for r, q in self._deferring(m, n)]
        return tests[0] if len(tests) == 1 else " or ".join(f"({t})" for t in tests)

    def _refuse(self, m: ir.Matrix, depth: int) -> None:
        """The loan is in an N/A cell or outside the bands: the limits the matrix gives have no value."""
        for limit in m.gives:
            if limit not in self.same:
                self.say(f"refused_{limit} = refused_{limit} or {m.id!r}", depth)

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
