"""The search of `glc explain` for one program and one loan: nearest passing values, verified suggestions.

`Explainer` decides changed copies of the loan with the reference evaluator, once each; finds the loan fields a
finding depends on (through derived values); searches each field's nearest passing value (`explain_grid`) or
passing choices; and turns verified changes into `Suggestion`s with their effects, alone or combined.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

from compiler import ir, ir_program
from compiler.evaluate import facts_of, get
from compiler.meta import program_meta
from compiler.runtime import ProgramMeta
from compiler.runtime.values import fmt
from compiler.tools.explain_grid import Line, bisect_first, bisect_last, edges, field_line
from compiler.tools.explain_outcome import Goal, Outcome, Target, sane
from compiler.tools.explain_result import Change, Effect, FieldValue, Suggestion, rank
from compiler.tools.explain_words import a_title, days_text, join_or, lower_first, the_title
from compiler.wording import fmt_amount


class Explainer:
    """The search for one program and one loan: decides changed copies of the loan, once each."""

    def __init__(self, program: ir_program.Program, vocabulary: ir_program.Vocabulary, loan: Any,
                 meta: ProgramMeta | None = None) -> None:
        self.program = program
        self.vocabulary = vocabulary
        self.meta = meta or program_meta(program, vocabulary)
        self.fields = {f.name: f for f in vocabulary.fields}
        self.loan = {f.name: get(loan, f.name) for f in vocabulary.fields}
        self.cache: dict[tuple[tuple[str, Any], ...], Outcome] = {}
        self.evaluations = 0
        self.base = self.run(())
        self._edges = edges(program)
        self._lines: dict[str, Line | None] = {}

    # --- deciding

    def run(self, changes: Iterable[tuple[str, FieldValue]]) -> Outcome:
        key = tuple(sorted(changes, key=lambda c: c[0]))
        got = self.cache.get(key)
        if got is None:
            loan = dict(self.loan)
            loan.update(key)
            got = Outcome(facts_of(self.program, loan), self.program, self.meta)
            if key:
                got.sane = sane(self.program, self.base.facts, got.facts)
            self.cache[key] = got
            self.evaluations += 1
        return got

    def now(self, name: str) -> FieldValue | None:
        v = self.loan.get(name)
        if v is None or isinstance(v, (list, tuple)):
            return None
        if isinstance(v, bool):
            return v
        if isinstance(v, int):
            return Decimal(v)
        if hasattr(v, "value") and isinstance(v.value, str):
            return str(v.value)
        return v  # type: ignore[no-any-return]

    # --- which fields a finding depends on

    def fields_of(self, nodes: Iterable[object]) -> tuple[str, ...]:
        """The loan fields the nodes read, through derived values, in first-use order.

        A `<score>_no_score` field is left out: whether the borrower has a score at all is no change to suggest
        (and the score itself, given, says no)."""
        return tuple(n for n in self.names(nodes)
                     if self.program.value(n) is None and n in self.fields and not self.fields[n].no_score_of)

    def relevant(self, t: Target) -> set[str]:
        """The derived values (and, for a limit, the limit) a finding depends on: the effects worth showing for it."""
        names = {n for n in self.names(self.nodes_of(t)) if self.program.value(n) is not None}
        return names | ({self.program.limits[t.index].id} if t.kind == "limit" else set())

    def names(self, nodes: Iterable[object]) -> list[str]:
        """The fields and derived values the nodes read, through derived values, in first-use order."""
        seen: list[str] = []
        stack = [n for node in nodes for n in ir.reads(node)]
        while stack:
            name = stack.pop(0)
            if name in seen:
                continue
            seen.append(name)
            value = self.program.value(name)
            if value is not None:
                stack.extend(ir.reads(value.body))
        return seen

    def nodes_of(self, t: Target) -> list[object]:
        p = self.program
        if t.kind == "matrix":
            m = p.matrices[t.index]
            return _matrix_nodes(m)
        if t.kind == "eligibility_matrix":
            return [m.when for m in p.matrices if m.when is not None]
        if t.kind == "rule":
            r = p.rules[t.index]
            return ([r.when] if r.when is not None else []) + list(r.requirements)
        lim = p.limits[t.index]
        nodes: list[object] = [ir.ValueRef(lim.on, lim.type, lim.span)]
        for m in p.matrices:
            if lim.id in m.gives:
                nodes.extend(_matrix_nodes(m))
        for r in p.rules:
            if r.when is not None and any(a.limit == lim.id for a in r.adjustments):
                nodes.append(r.when)
            nodes.extend(a.by for a in r.adjustments if a.limit == lim.id and a.by is not None)  # its amount's inputs
        return nodes

    # --- one field

    def line(self, name: str) -> Line | None:
        if name not in self._lines:
            self._lines[name] = field_line(self.fields[name], self.now(name), self._edges.get(name, ()),
                                           name == self.program.seasoning_date)
        return self._lines[name]


    def meets(self, goal: Goal, changes: Iterable[tuple[str, FieldValue]]) -> bool:
        """Whether the changed loan meets the goal, without losing or negating a derived value."""
        got = self.run(changes)
        return got.sane and goal(got)

    def search(self, name: str, goal: Goal) -> Change | None:
        """The nearest value of one field that meets the goal (verified), or None."""
        f = self.fields[name]
        now = self.now(name)
        if now is None:
            return None
        if f.type.kind in ("yesno", "enum"):
            return self._choose(f, now, goal)
        line = self.line(name)
        if line is None:
            return None

        def ok(i: int) -> bool:
            return self.meets(goal, ((name, line.value(i)),))

        found: list[tuple[Fraction, int, int, int]] = []
        for d in (-1, 1):
            side = sorted((p for p in line.points if (p - line.now) * d > 0), key=lambda p: abs(p - line.now))
            failing: Fraction | int = line.now
            for k, p in enumerate(side):
                if ok(p):
                    i = bisect_first(ok, failing, p, d)
                    found.append((abs(Fraction(i) - line.now), -d, i, k))
                    break
                failing = p
        if not found:
            return None
        _dist, minus_d, i, k = min(found)
        d = -minus_d
        side = sorted((p for p in line.points if (p - line.now) * d > 0), key=lambda p: abs(p - line.now))
        far: int | None = None
        last = side[k]
        for q in side[k + 1:]:
            if not ok(q):
                far = bisect_last(ok, last, q)
                break
            last = q
        if far is not None and abs(far - (line.lo if d < 0 else line.hi)) <= 1:
            far = None  # passes to the end of the field's range (but for its very last step)
        return self._change(line, now, i, far, d)

    def _choose(self, f: ir.Field, now: FieldValue, goal: Goal) -> Change | None:
        options: tuple[FieldValue, ...] = (not now,) if isinstance(now, bool) else tuple(v for v in f.type.values if v != now)
        passing = tuple(v for v in options if self.meets(goal, ((f.name, v),)))
        if not passing:
            return None
        return Change(f.name, f.title, "choice", now, passing[0], "other", None, passing, None, None,
                      self._choice_text(f, now, passing))

    # --- wording of a change

    def show(self, name: str, v: FieldValue | None) -> str:
        f = self.fields[name]
        if v is None:
            return "unknown"
        if isinstance(v, bool):
            return "yes" if v else "no"
        if isinstance(v, Decimal):
            return fmt_amount(v, f.type.kind, f.type.unit)
        if isinstance(v, dt.date):
            return v.isoformat()
        if f.type.kind == "enum" and v in f.type.values and f.type.labels:
            return f.type.labels[f.type.values.index(v)]
        return str(v)

    def _change(self, line: Line, now: FieldValue, i: int, far: int | None, d: int) -> Change:
        f = line.field
        name = the_title(f.title)
        after = line.value(i)
        through = line.value(far) if far is not None else None
        if line.kind == "date":
            assert isinstance(now, dt.date) and isinstance(after, dt.date)
            days = (after - now).days
            if f.name == self.program.seasoning_date:
                text = f"Wait until {after.isoformat()}, {days_text(days)} ({name} now {now.isoformat()})"
            else:
                word = "on or after" if d > 0 else "on or before"
                text = f"Move {name} to {after.isoformat()} {word} (now {now.isoformat()})"
            if through is not None:
                text += f", but not {'after' if d > 0 else 'before'} {self.show(f.name, through)}"
            return Change(f.name, f.title, "date", now, after, "up" if d > 0 else "down", through, (), None, days, text)
        assert isinstance(now, Decimal) and isinstance(after, Decimal)
        pct = None if now == 0 else (abs(after - now) / abs(now) * 100).quantize(Decimal("0.01"), ROUND_HALF_UP)
        verb, bound = ("Raise", "or more") if d > 0 else ("Lower", "or less")
        text = f"{verb} {name} to {self.show(f.name, after)} {bound} (now {self.show(f.name, now)})"
        if through is not None:
            text = (f"{verb} {name} to {self.show(f.name, after)} (now {self.show(f.name, now)}), but not "
                    f"{'above' if d > 0 else 'below'} {self.show(f.name, through)}")
        if through == after:  # one value passes (a number in a set: `term in (36 months, 60 months)`)
            text = f"Change {name} to {self.show(f.name, after)} (now {self.show(f.name, now)})"
        return Change(f.name, f.title, "number", now, after, "up" if d > 0 else "down", through, (), pct, None, text)

    def _choice_text(self, f: ir.Field, now: FieldValue, passing: tuple[FieldValue, ...]) -> str:
        if isinstance(now, bool):
            return f"{f.title}: {self.show(f.name, passing[0])} (now {self.show(f.name, now)})"
        others = [v for v in f.type.values if v != now and v not in passing]
        if len(passing) > 6 and len(others) < len(passing):
            return f"{a_title(f.title)} other than {join_or(self.show(f.name, v) for v in [now, *others])} (now {self.show(f.name, now)})"
        return f"{a_title(f.title)} of {join_or(self.show(f.name, v) for v in passing)} (now {self.show(f.name, now)})"

    # --- suggestions

    def suggest(self, changes: tuple[Change, ...], goal: Goal, target: Target | None = None) -> Suggestion | None:
        """The verified suggestion for these changes, or None when the changed loan does not meet the goal.

        Its effects: for a finding (`target`), on what the finding depends on and the finding itself; else all.
        """
        got = self.run((c.field, c.after) for c in changes)
        if not (got.sane and goal(got)):
            return None
        effects = self.effects(got, target)
        before = {f.rule_id for f in self.base.decision.findings if f.outcome == "fail"}
        new = tuple(dict.fromkeys(f.rule_id for f in got.decision.findings if f.outcome == "fail" and f.rule_id not in before))
        change = "; and ".join(c.text if k == 0 else lower_first(c.text) for k, c in enumerate(changes))
        text = change
        if effects:
            text += ": " + "; ".join(e.detail for e in effects)
        if new:
            text += f"; but {join_or(new)} would then fail"
        text += "."
        return Suggestion(changes, effects, new, got.decision.status, change, text)

    def effects(self, got: Outcome, target: Target | None = None) -> tuple[Effect, ...]:
        out: list[Effect] = []
        keep = self.relevant(target) if target is not None else None
        base = {v.name: v for v in self.base.decision.values}
        for v in got.decision.values:
            b = base[v.name]
            if keep is not None and v.name not in keep:
                continue
            if v.value != b.value or (v.value is not None and b.value is not None and str(v.value) != str(b.value)):
                n = self.meta.names[v.name]
                before, after = fmt(b.value, n.kind, n.unit), fmt(v.value, n.kind, n.unit)
                out.append(Effect(v.name, v.title, before, after, f"{v.title} would be {after} (now {before})"))
        limits = {lim.limit: lim for lim in self.base.decision.limits}
        kinds = {lim.id: lim.type for lim in self.program.limits}
        for lim in got.decision.limits:
            was = limits[lim.limit]
            if keep is not None and lim.limit not in keep:
                continue
            if lim.value != was.value:
                t = kinds[lim.limit]
                before, after = fmt(was.value, t.kind, t.unit), fmt(lim.value, t.kind, t.unit)
                detail = f"{lim.title} would be {after} (now {before})"
                if lim.value is not None:
                    detail += f": {lim.description}"
                out.append(Effect(lim.limit, lim.title, before, after, detail))
        if target is not None and target.kind in ("rule", "matrix"):
            finding = got.finding(target)
            if finding is not None and (finding.outcome != "pass" or not out or target.kind == "matrix"):
                said = f": {finding.message.rstrip('.')}" if target.kind == "matrix" else (
                    " would pass" if finding.outcome == "pass" else " would no longer apply")
                out.append(Effect(finding.rule_id, finding.title, "fail", finding.outcome, finding.title + said))
        return tuple(out)

    def singles(self, names: Iterable[str], goal: Goal, target: Target | None = None) -> list[Suggestion]:
        out: list[Suggestion] = []
        for name in names:
            change = self.search(name, goal)
            got = None if change is None else self.suggest((change,), goal, target)
            if got is not None:
                out.append(got)
        return sorted(out, key=rank)

    def combine(self, parts: list[list[Suggestion]], goal: Goal, alone: Iterable[str] = (), target: Target | None = None,
                keep: int = 3) -> list[Suggestion]:
        """Two- or three-field changes: one of the best suggestions of each part, kept when the whole verifies.

        `alone`: fields that fix the goal by themselves; a combination with one of them says nothing new.
        """
        if not parts or any(not p for p in parts):
            return []
        skip = set(alone)
        tops = [p[:3] for p in parts]
        out: list[Suggestion] = []
        seen: set[tuple[tuple[str, Any], ...]] = set()
        for combo in itertools.islice(itertools.product(*tops), 81):
            merged: dict[str, Change] = {}
            clash = False
            for s in combo:
                for c in s.changes:
                    if c.field in merged and merged[c.field].after != c.after:
                        clash = True
                    merged.setdefault(c.field, c)
            if clash or not 2 <= len(merged) <= 3 or skip & set(merged):
                continue
            key = tuple(sorted((c.field, c.after) for c in merged.values()))
            if key in seen:
                continue
            seen.add(key)
            changes = tuple(merged.values())
            if not self.meets(goal, ((c.field, c.after) for c in changes)):
                continue
            got = self.suggest(tuple(self._widen(c, changes, goal) for c in changes), goal, target)
            if got is not None:
                out.append(got)
        sets = [{(c.field, c.after) for c in s.changes} for s in out]
        out = [s for s, mine in zip(out, sets, strict=True) if not any(other < mine for other in sets)]
        return sorted(out, key=rank)[:keep]

    def _widen(self, c: Change, changes: tuple[Change, ...], goal: Goal) -> Change:
        """A choice within a combined change: the values that verify together with the other changes."""
        if c.kind != "choice" or len(c.values) == 1:
            return c
        rest = [(o.field, o.after) for o in changes if o.field != c.field]
        values = tuple(v for v in c.values if v == c.after or self.meets(goal, [*rest, (c.field, v)]))
        return Change(c.field, c.title, c.kind, c.before, c.after, c.direction, None, values, None, None,
                      self._choice_text(self.fields[c.field], c.before, values))



def _matrix_nodes(m: ir.Matrix) -> list[object]:
    nodes: list[object] = [m.when] if m.when is not None else []
    return [*nodes, *m.rows.keys, *(m.columns.keys if m.columns else ())]

