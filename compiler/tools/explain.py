"""Near misses: for a loan a program does not accept, the smallest changes that would make it pass.

Consumes an `ir.Program`, the vocabulary and a loan (the generated `Loan` model, or a mapping of typed values);
produces an `Explanation`. Nothing here knows any rule: everything is read from the IR and every answer comes
from the reference evaluator (`compiler.evaluate`) deciding a changed copy of the loan.

For each failed finding (a rule, a matrix, a limit):
1. its loan fields: the inputs of its IR nodes (`when`, requirements, matrix axes; for a limit, the value it
   bounds and every matrix and adjustment that sets it), followed through derived values to loan fields;
2. for each known field, the nearest value that makes the finding pass:
   - numbers (money, percent, integer, months) and dates are searched on the field's grid (whole dollars for
     money, the vocabulary's precision otherwise, whole days for dates) within its declared range: first at
     candidate points (every constant and band edge the program compares the field with, each edge plus and
     minus one step, the range's ends, and points scaled away from the current value), nearest first in each
     direction, then by exact bisection between the last failing and the first passing point. How far the
     passing stretch reaches is found the same way ("$1,000,000 or less", or "but not below $150,000").
   - the date the program measures seasoning to is only moved forward: that is waiting;
   - yes/no and one-of fields: every other value.
3. every suggestion is verified: it is a decision of the evaluator on the changed loan, in which the finding
   passes (or no longer applies). Its effects on what the finding depends on (derived values, limits), and
   any rule it would break, are read from that decision. A change that makes some check unknown (a zero that
   divides a ratio, a documentation type whose income is not given) or a derived amount negative is no fix.

Then the same search for the whole loan (no failed finding left). When no single change helps, changes of
two or three fields are tried, combining the best single changes for each failed requirement (of one rule)
or each failed finding (of the loan), and kept only when the combined change verifies.

Suggestions are ranked by relative change: |new - now| / |now| for numbers, days / 365 for dates, 1 for a
different category.
"""

from __future__ import annotations

import calendar
import datetime as dt
import itertools
import json
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any, Literal

from compiler import ir
from compiler.evaluate import Env, ev, facts_of, get
from compiler.meta import program_meta
from compiler.runtime import Decision, Facts, Finding, ProgramInfo, ProgramMeta, decide
from compiler.runtime.values import fmt
from compiler.wording import fmt_amount

FieldValue = Decimal | dt.date | bool | str
DATE_SPAN_DAYS = 3653  # dates are searched within ten years of the loan's
_SCALE_DOWN = tuple(Decimal(x) for x in ("0.005", "0.01", "0.02", "0.05", "0.1", "0.2", "0.35", "0.5", "0.75", "0.9"))
_SCALE_UP = (*_SCALE_DOWN, Decimal(1), Decimal(2), Decimal(4), Decimal(9), Decimal(99))
_MONTHS = (1, 2, 3, 4, 6, 9, 12, 18, 24, 36, 48, 60, 84, 120)
FAR = Fraction(10**6)  # rank of a change from zero (no relative size)


# ------------------------------------------------------------------ the answer


@dataclass(frozen=True, slots=True)
class Change:
    """One field changed: from `before` to `after` (the nearest passing value)."""

    field: str
    title: str
    kind: Literal["number", "date", "choice"]
    before: FieldValue
    after: FieldValue
    direction: Literal["up", "down", "other"]
    through: FieldValue | None  # how far the passing stretch reaches beyond `after`; None = to the field's limit
    values: tuple[FieldValue, ...]  # choice: every value that passes
    change_pct: Decimal | None  # numbers: |after - before| / |before| in percent, 2 decimals
    days: int | None  # dates: days from before to after
    text: str


@dataclass(frozen=True, slots=True)
class Effect:
    """A derived value or limit that the change moves."""

    name: str
    title: str
    before: str
    after: str
    detail: str


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A verified change of one (or two or three) fields and what the changed loan's decision says."""

    changes: tuple[Change, ...]
    effects: tuple[Effect, ...]
    new_failures: tuple[str, ...]  # rules that pass now and would fail after the change
    status: str  # the changed loan's status
    change: str  # the changes in words
    text: str  # the changes and their effects in words


@dataclass(frozen=True, slots=True)
class FailedRule:
    """A failed finding, the loan fields it depends on, and the changes that make it pass."""

    rule_id: str
    title: str
    message: str
    citation: str
    source: str
    fields: tuple[str, ...]
    suggestions: tuple[Suggestion, ...]
    note: str


@dataclass(frozen=True, slots=True)
class MissingField:
    """A loan field to supply, and the rules that need it."""

    field: str
    title: str
    rules: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Referral:
    """A finding that sends the loan to a person: no change of the loan settles it."""

    rule_id: str
    title: str
    message: str
    citation: str
    source: str


@dataclass(frozen=True, slots=True)
class Explanation:
    """What the program decides and, when it does not accept the loan, what would change that."""

    program: ProgramInfo
    status: str
    summary: str
    failed: tuple[FailedRule, ...]
    whole_loan: tuple[Suggestion, ...]
    whole_loan_note: str
    missing: tuple[MissingField, ...]
    referrals: tuple[Referral, ...]
    evaluations: int  # changed loans decided by the search

    def to_dict(self) -> dict[str, Any]:
        """Plain data; Decimals as exact strings, dates ISO."""
        return _plain(asdict(self))  # type: ignore[no-any-return]

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False)


def _plain(x: Any) -> Any:
    if isinstance(x, Decimal):
        return "never" if x.is_infinite() else f"{x:f}"
    if isinstance(x, dt.date):
        return x.isoformat()
    if isinstance(x, dict):
        return {k: _plain(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [_plain(v) for v in x]
    return x


# ------------------------------------------------------------------ targets and outcomes


@dataclass(frozen=True, slots=True)
class Target:
    """A finding of the decision: a matrix, the eligibility-matrix check, a rule or a limit (by position)."""

    kind: Literal["matrix", "eligibility_matrix", "rule", "limit"]
    index: int


class Outcome:
    """One decided loan: the facts of the changed loan and (computed when first asked for) its Decision."""

    __slots__ = ("_decision", "_meta", "_offset", "facts", "program", "sane")

    def __init__(self, facts: Facts, program: ir.Program, meta: ProgramMeta) -> None:
        self.facts = facts
        self.program = program
        self._meta = meta
        self._decision: Decision | None = None
        self._offset = (0, 0)
        self.sane = True  # no check made unknown, no derived value turned negative by the change

    @property
    def decision(self) -> Decision:
        if self._decision is None:
            d = self._decision = decide(self._meta, self.facts)
            p = self.program
            self._offset = (len(p.matrices), len(d.findings) - len(p.matrices) - len(p.rules) - len(p.limits))
        return self._decision

    def outcome(self, t: Target) -> str | None:
        """The target's outcome; None when the decision has no such finding (the eligibility-matrix check passed)."""
        findings = self.decision.findings
        n_matrices, extra = self._offset
        if t.kind == "matrix":
            return findings[t.index].outcome
        if t.kind == "eligibility_matrix":
            return findings[n_matrices].outcome if extra else None
        if t.kind == "rule":
            return findings[n_matrices + extra + t.index].outcome
        return findings[n_matrices + extra + len(self.facts.rules) + t.index].outcome

    def finding(self, t: Target) -> Finding | None:
        findings = self.decision.findings
        n_matrices, extra = self._offset
        if t.kind == "matrix":
            return findings[t.index]
        if t.kind == "rule":
            return findings[n_matrices + extra + t.index]
        return None

    def passes(self, t: Target) -> bool:
        """The finding passes or does not apply (for a rule, read from the facts as `runtime.decide` does)."""
        if t.kind == "rule":
            applies, results = self.facts.rules[t.index]
            rule = self.program.rules[t.index]
            if applies is False:
                return True
            if rule.reviews or any(r is not True for r in results):
                return False
            return applies is True or bool(rule.requirements)
        return self.outcome(t) in (None, "pass", "not_applicable")

    def requirement_holds(self, rule_index: int, requirement: int) -> bool:
        applies, results = self.facts.rules[rule_index]
        return applies is False or results[requirement] is True

    @property
    def no_failures(self) -> bool:
        return not any(f.outcome == "fail" for f in self.decision.findings)


Goal = Callable[[Outcome], bool]


def _targets(program: ir.Program, decision: Decision) -> list[tuple[Target, int]]:
    """Each finding's target, with the finding's position."""
    out: list[tuple[Target, int]] = []
    n_m = len(program.matrices)
    extra = len(decision.findings) - n_m - len(program.rules) - len(program.limits)
    for i in range(n_m):
        out.append((Target("matrix", i), i))
    if extra:
        out.append((Target("eligibility_matrix", 0), n_m))
    for i in range(len(program.rules)):
        out.append((Target("rule", i), n_m + extra + i))
    for i in range(len(program.limits)):
        out.append((Target("limit", i), n_m + extra + len(program.rules) + i))
    return out


# ------------------------------------------------------------------ the search


@dataclass(frozen=True, slots=True)
class _Line:
    """A numeric or date field as a line of grid points: point i is `i * step` (numbers) or ordinal day i."""

    field: ir.Field
    kind: Literal["number", "date"]
    step: Decimal
    now: Fraction  # the current value's position (may fall between grid points)
    lo: int
    hi: int
    points: tuple[int, ...]  # candidate points, excluding the current value

    def value(self, i: int) -> FieldValue:
        if self.kind == "date":
            return dt.date.fromordinal(i)
        v = Decimal(i) * self.step
        return v.quantize(self.step) if self.step < 1 else Decimal(i * int(self.step))


class Explainer:
    """The search for one program and one loan: decides changed copies of the loan, once each."""

    def __init__(self, program: ir.Program, vocabulary: ir.Vocabulary, loan: Any,
                 meta: ProgramMeta | None = None) -> None:
        self.program = program
        self.vocabulary = vocabulary
        self.meta = meta or program_meta(program, vocabulary)
        self.fields = {f.name: f for f in vocabulary.fields}
        self.loan = {f.name: get(loan, f.name) for f in vocabulary.fields}
        self.cache: dict[tuple[tuple[str, Any], ...], Outcome] = {}
        self.evaluations = 0
        self.base = self.run(())
        self._edges = _edges(program)
        self._lines: dict[str, _Line | None] = {}

    # --- deciding

    def run(self, changes: Iterable[tuple[str, FieldValue]]) -> Outcome:
        key = tuple(sorted(changes, key=lambda c: c[0]))
        got = self.cache.get(key)
        if got is None:
            loan = dict(self.loan)
            loan.update(key)
            got = Outcome(facts_of(self.program, loan), self.program, self.meta)
            if key:
                got.sane = _sane(self.program, self.base.facts, got.facts)
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
        """The loan fields the nodes read, through derived values, in first-use order."""
        return tuple(n for n in self._names(nodes) if self.program.value(n) is None and n in self.fields)

    def relevant(self, t: Target) -> set[str]:
        """The derived values (and, for a limit, the limit) a finding depends on: the effects worth showing for it."""
        names = {n for n in self._names(self.nodes_of(t)) if self.program.value(n) is not None}
        return names | ({self.program.limits[t.index].id} if t.kind == "limit" else set())

    def _names(self, nodes: Iterable[object]) -> list[str]:
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
        return nodes

    # --- one field

    def line(self, name: str) -> _Line | None:
        if name not in self._lines:
            self._lines[name] = self._make_line(name)
        return self._lines[name]

    def _make_line(self, name: str) -> _Line | None:
        f = self.fields[name]
        now = self.now(name)
        if f.type.kind == "date" and isinstance(now, dt.date):
            o = now.toordinal()
            forward_only = name == self.program.seasoning_date
            lo = o if forward_only else max(1, o - DATE_SPAN_DAYS)
            hi = min(dt.date.max.toordinal(), o + DATE_SPAN_DAYS)
            days = {_add_months(now, k).toordinal() for k in _MONTHS}
            if not forward_only:
                days |= {_add_months(now, -k).toordinal() for k in _MONTHS}
            days |= {o + 1, lo, hi} | ({o - 1} if not forward_only else set())
            return _Line(f, "date", Decimal(1), Fraction(o), lo, hi, _clip(days, lo, hi, o))
        if not f.type.numeric or not isinstance(now, Decimal) or now.is_infinite():
            return None
        step = Decimal(1) if f.type.kind == "money" else Decimal(1).scaleb(-(f.places or 0))
        low = f.range.low if f.range is not None and f.range.low is not None else Decimal(0)
        high = f.range.high if f.range is not None and f.range.high is not None else max(now * 100, Decimal(10**9))
        lo = int((low / step).to_integral_value(ROUND_CEILING))
        hi = int((high / step).to_integral_value(ROUND_FLOOR))
        pos = Fraction(now) / Fraction(step)
        pts: set[int] = {lo, hi}
        for e in self._edges.get(name, ()):
            for v in (e - step, e, e + step):
                q = Fraction(v) / Fraction(step)
                pts |= {q.numerator // q.denominator, -((-q.numerator) // q.denominator)}
        if now != 0:
            for r in _SCALE_DOWN:
                pts.add(int((now * (1 - r) / step).to_integral_value(ROUND_FLOOR)))
            for r in _SCALE_UP:
                pts.add(int((now * (1 + r) / step).to_integral_value(ROUND_CEILING)))
        else:
            pts |= {int(m * 10**k) for k in range(12) for m in (1, 2, 5)}
        return _Line(f, "number", step, pos, lo, hi, _clip(pts, lo, hi, pos))

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
                    i = _bisect_first(ok, failing, p, d)
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
                far = _bisect_last(ok, last, q)
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

    def _change(self, line: _Line, now: FieldValue, i: int, far: int | None, d: int) -> Change:
        f = line.field
        name = _the(f.title)
        after = line.value(i)
        through = line.value(far) if far is not None else None
        if line.kind == "date":
            assert isinstance(now, dt.date) and isinstance(after, dt.date)
            days = (after - now).days
            if f.name == self.program.seasoning_date:
                text = f"Wait until {after.isoformat()}, {_days(days)} ({name} now {now.isoformat()})"
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
        return Change(f.name, f.title, "number", now, after, "up" if d > 0 else "down", through, (), pct, None, text)

    def _choice_text(self, f: ir.Field, now: FieldValue, passing: tuple[FieldValue, ...]) -> str:
        if isinstance(now, bool):
            return f"{f.title}: {self.show(f.name, passing[0])} (now {self.show(f.name, now)})"
        others = [v for v in f.type.values if v != now and v not in passing]
        if len(passing) > 6 and len(others) < len(passing):
            return f"{_a(f.title)} other than {_join(self.show(f.name, v) for v in [now, *others])} (now {self.show(f.name, now)})"
        return f"{_a(f.title)} of {_join(self.show(f.name, v) for v in passing)} (now {self.show(f.name, now)})"

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
        change = "; and ".join(c.text if k == 0 else _lower_first(c.text) for k, c in enumerate(changes))
        text = change
        if effects:
            text += ": " + "; ".join(e.detail for e in effects)
        if new:
            text += f"; but {_join(new)} would then fail"
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
        return sorted(out, key=_rank)

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
        return sorted(out, key=_rank)[:keep]

    def _widen(self, c: Change, changes: tuple[Change, ...], goal: Goal) -> Change:
        """A choice within a combined change: the values that verify together with the other changes."""
        if c.kind != "choice" or len(c.values) == 1:
            return c
        rest = [(o.field, o.after) for o in changes if o.field != c.field]
        values = tuple(v for v in c.values if v == c.after or self.meets(goal, [*rest, (c.field, v)]))
        return Change(c.field, c.title, c.kind, c.before, c.after, c.direction, None, values, None, None,
                      self._choice_text(self.fields[c.field], c.before, values))


def _sane(program: ir.Program, before: Facts, after: Facts) -> bool:
    """A change is no fix when it makes a check that could be made unknown, or turns a derived value negative.

    Unknown: whether a rule or matrix applies, a requirement's result (of a rule that may apply), a matrix key
    (of a matrix that may apply), or the value a limit bounds; e.g. a zero value dividing a ratio.
    """
    for (a0, r0), (a1, r1) in zip(before.rules, after.rules, strict=True):
        if a1 is None and a0 is not None:
            return False
        if a1 is not False and any(x is None and not (y is None and a0 is not False) for x, y in zip(r1, r0, strict=True)):
            return False
    for (a0, k0), (a1, k1) in zip(before.matrices, after.matrices, strict=True):
        if a1 is None and a0 is not None:
            return False
        if a1 is not False and any(x is None and not (y is None and a0 is not False) for x, y in zip(k1, k0, strict=True)):
            return False
    for lim in program.limits:
        if before.values.get(lim.on, get(before.loan, lim.on)) is not None and \
                after.values.get(lim.on, get(after.loan, lim.on)) is None:
            return False
    for name, b in before.values.items():
        a = after.values.get(name)
        if isinstance(b, Decimal) and isinstance(a, Decimal) and b >= 0 > a:
            return False
    return True


def _matrix_nodes(m: ir.Matrix) -> list[object]:
    nodes: list[object] = [m.when] if m.when is not None else []
    return [*nodes, m.rows.expr, *([m.columns.expr] if m.columns else [])]


def _edges(program: ir.Program) -> dict[str, set[Decimal]]:
    """Constants and band edges the program compares each loan field with directly."""
    out: dict[str, set[Decimal]] = {}

    def add(x: object, values: Iterable[Decimal | None]) -> None:
        if isinstance(x, ir.FieldRef):
            out.setdefault(x.name, set()).update(v for v in values if v is not None and v.is_finite())

    def axis(a: ir.Axis) -> None:
        add(a.expr, (e for b in a.bands for e in (b.low, b.high)))

    def walk(x: object) -> None:
        for c in ir.find_all(x, ir.Compare):
            for side, other in ((c.left, c.right), (c.right, c.left)):
                if isinstance(other, ir.Const) and isinstance(other.value, Decimal):
                    add(side, (other.value,))

    for m in program.matrices:
        axis(m.rows)
        if m.columns is not None:
            axis(m.columns)
        walk(m.when)
    for v in program.values:
        if isinstance(v.body, ir.Lookup):
            axis(v.body.key)
        else:
            walk(v.body)
    for r in program.rules:
        walk(r.when)
        for q in r.requirements:
            walk(q)
    return out


def _clip(points: set[int], lo: int, hi: int, now: Fraction | int) -> tuple[int, ...]:
    return tuple(sorted(p for p in points if lo <= p <= hi and p != now))


def _bisect_first(ok: Callable[[int], bool], failing: Fraction | int, passing: int, d: int) -> int:
    """The grid point nearest `failing` (toward `passing`) that passes, assuming one change between them."""
    f = Fraction(failing)
    first = (f.numerator // f.denominator + 1) if d > 0 else -((-f.numerator) // f.denominator) - 1
    if first == passing or ok(first):
        return first
    lo, hi = first, passing
    while abs(hi - lo) > 1:
        mid = (lo + hi) // 2
        if ok(mid):
            hi = mid
        else:
            lo = mid
    return hi


def _bisect_last(ok: Callable[[int], bool], passing: int, failing: int) -> int:
    """The last passing grid point from `passing` toward `failing`."""
    lo, hi = passing, failing
    while abs(hi - lo) > 1:
        mid = (lo + hi) // 2
        if ok(mid):
            lo = mid
        else:
            hi = mid
    return lo


def _add_months(d: dt.date, k: int) -> dt.date:
    y, m = divmod(d.month - 1 + k, 12)
    year = min(max(d.year + y, 1), 9999)
    return dt.date(year, m + 1, min(d.day, calendar.monthrange(year, m + 1)[1]))


def _the(title: str) -> str:
    """`the credit score`, `the PITIA`: a field's title inside a sentence."""
    return "the " + _lower_first(title)


def _a(title: str) -> str:
    """`A property type`, `A state`."""
    word = _lower_first(title)
    return ("An " if word[:1] in "aeiou" else "A ") + word


def _lower_first(text: str) -> str:
    """Lower-case the first letter unless the first word is an acronym (PITIA, LTV, DSCR)."""
    return text[:1].lower() + text[1:] if len(text) > 1 and not text[1].isupper() else text


def _days(n: int) -> str:
    return f"{n} day{'' if n == 1 else 's'}"


def _size(c: Change) -> Fraction:
    if c.kind == "choice":
        return Fraction(1)
    if c.kind == "date":
        return Fraction(c.days or 0, 365)
    assert isinstance(c.before, Decimal) and isinstance(c.after, Decimal)
    if c.before == 0:
        return FAR
    return abs(Fraction(c.after) - Fraction(c.before)) / abs(Fraction(c.before))


def _rank(s: Suggestion) -> tuple[Fraction, int, int, tuple[str, ...]]:
    return (sum((_size(c) for c in s.changes), Fraction(0)), len(s.new_failures), len(s.changes),
            tuple(c.field for c in s.changes))


# ------------------------------------------------------------------ explaining a decision


def explain(program: ir.Program, vocabulary: ir.Vocabulary, loan: Any, meta: ProgramMeta | None = None) -> Explanation:
    """The decision for a loan and, for each failed finding and for the whole loan, the nearest verified changes."""
    ex = Explainer(program, vocabulary, loan, meta)
    base = ex.base
    decision = base.decision
    missing = _missing(decision, ex)
    referrals = tuple(Referral(f.rule_id, f.title, f.message, f.citation, f.source)
                      for f in decision.findings if f.outcome == "review")
    if decision.status == "eligible":
        return Explanation(decision.program, "eligible", "Already eligible: nothing to change.", (), (), "", (), (), 0)

    failed: list[FailedRule] = []
    per_finding: list[list[Suggestion]] = []
    for target, pos in _targets(program, decision):
        finding = decision.findings[pos]
        if finding.outcome != "fail":
            continue
        names = ex.fields_of(ex.nodes_of(target))

        def goal(o: Outcome, t: Target = target) -> bool:
            return o.passes(t)

        singles = ex.singles(names, goal, target)
        note = ""
        only_choices = bool(singles) and all(c.kind == "choice" for s in singles for c in s.changes)
        if not singles or only_choices:
            combined = _rule_combinations(ex, target, goal, [c.field for s in singles for c in s.changes])
            singles = sorted(singles + combined, key=_rank)
            if only_choices:
                titles = _join(_lower_first(ex.fields[c.field].title) for s in singles if len(s.changes) == 1
                               for c in s.changes)
                note = f"No single change of an amount, score or date makes this pass; only a change of {titles} does."
            else:
                note = _no_single_note(ex, names, bool(combined))
        failed.append(FailedRule(finding.rule_id, finding.title, finding.message, finding.citation, finding.source,
                                 names, tuple(singles), note))
        per_finding.append(singles)

    whole: list[Suggestion] = []
    whole_note = ""
    if failed:
        def no_failures(o: Outcome) -> bool:
            return o.no_failures

        # a single change that makes every failed finding pass makes each pass: it is among each one's fields
        common = [n for n in dict.fromkeys(c.field for s in per_finding[0] for c in s.changes if len(s.changes) == 1)
                  if all(any(s.changes[0].field == n for s in part if len(s.changes) == 1) for part in per_finding[1:])]
        whole = ex.singles(common, no_failures)
        if not whole or all(c.kind == "choice" for s in whole for c in s.changes):
            combined = ex.combine(per_finding, no_failures, [c.field for s in whole for c in s.changes])
            if not whole:
                whole_note = ("No single change makes the loan pass every rule" +
                              ("; these changes together do." if combined else
                               ", and no combination of the changes above does."))
            whole = sorted(whole + combined, key=_rank)
    summary = _summary(decision.status, failed, whole, missing, referrals)
    return Explanation(decision.program, decision.status, summary, tuple(failed), tuple(whole), whole_note, missing,
                       referrals, ex.evaluations)


def _rule_combinations(ex: Explainer, target: Target, goal: Goal, alone: list[str]) -> list[Suggestion]:
    """A rule failing for two or three reasons: combine the nearest changes for each reason.

    The reasons are its failed requirements or, when one requirement (without alternatives) fails, the
    failed parts of its `and`.
    """
    if target.kind != "rule":
        return []
    rule = ex.program.rules[target.index]
    _applies, results = ex.base.facts.rules[target.index]
    failing = [i for i, ok in enumerate(results) if ok is False]
    reasons: list[tuple[object, Goal]] = []
    for i in failing:
        def holds(o: Outcome, q: int = i) -> bool:
            return o.requirement_holds(target.index, q)

        reasons.append((rule.requirements[i], holds))
    if len(failing) == 1 and isinstance(rule.requirements[failing[0]].test, ir.And) \
            and not rule.requirements[failing[0]].alternatives:
        test = rule.requirements[failing[0]].test
        assert isinstance(test, ir.And)
        reasons = [(part, _true(ex.program, part)) for part in test.operands if not _true(ex.program, part)(ex.base)]
    if not 2 <= len(reasons) <= 3:
        return []
    when: list[object] = [rule.when] if rule.when is not None else []
    parts = [ex.singles(ex.fields_of([*when, node]), holds) for node, holds in reasons]
    return ex.combine(parts, goal, alone, target)


def _true(program: ir.Program, x: ir.Expr) -> Goal:
    """A goal: the expression is true for the changed loan."""
    def holds(o: Outcome) -> bool:
        return ev(x, Env(o.facts.loan, program, dict(o.facts.values))) is True

    return holds


def _no_single_note(ex: Explainer, names: tuple[str, ...], combined: bool) -> str:
    searchable = [n for n in names if ex.now(n) is not None and (ex.line(n) is not None or
                                                                 ex.fields[n].type.kind in ("yesno", "enum"))]
    if not searchable:
        shown = _join(_lower_first(ex.fields[n].title) for n in names) or "nothing the loan gives"
        return f"No single change helps: this depends on {shown}, which no single value of the loan can change."
    tried = _join(_lower_first(ex.fields[n].title) for n in searchable)
    if combined:
        return f"No single change of {tried} makes this pass; it fails for more than one reason. These changes together do."
    return f"No single change of {tried} makes this pass, and no change of two fields was found that does."


def _missing(decision: Decision, ex: Explainer) -> tuple[MissingField, ...]:
    need: dict[str, list[str]] = {}
    for f in decision.findings:
        for name in f.missing:
            rules = need.setdefault(name, [])
            if f.rule_id not in rules:
                rules.append(f.rule_id)
    return tuple(MissingField(n, ex.fields[n].title if n in ex.fields else n, tuple(r)) for n, r in need.items())


def _summary(status: str, failed: list[FailedRule], whole: list[Suggestion], missing: tuple[MissingField, ...],
             referrals: tuple[Referral, ...]) -> str:
    parts: list[str] = []
    if failed:
        n = len(failed)
        parts.append(f"{n} rule{'s' if n != 1 else ''} failed ({', '.join(f.rule_id for f in failed)}).")
        if whole:
            result = "eligible" if whole[0].status == "eligible" else "pass every rule"
            parts.append(f"Smallest change that makes the loan {result}: {whole[0].change}.")
        else:
            parts.append("No change of one, two or three fields was found that makes the loan pass every rule.")
    if missing:
        parts.append("Supply: " + ", ".join(m.title for m in missing) + ".")
    if referrals:
        parts.append("Referred to the investor: " + ", ".join(r.title for r in referrals) + ".")
    return " ".join(parts)


def _join(items: Iterable[str]) -> str:
    xs = list(dict.fromkeys(items))
    if len(xs) <= 1:
        return "".join(xs)
    return ", ".join(xs[:-1]) + " or " + xs[-1]

