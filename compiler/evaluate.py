"""The reference evaluator: decides a loan by walking the checked IR. Straightforward, obviously right.

Consumes an `ir_program.Program` and a loan (a mapping or an object with attributes: the generated `Loan`
model works); produces a `runtime.Decision`. It is the correctness net the generated checkers (and later
back ends) are compared against, so it is independent of them where it decides:
- the facts of a loan (every derived value, each `when`, each matrix key, each `require` with its `allow`
  lines) are worked out here, with exact fractions and Kleene logic: its arithmetic is its own;
- the Decision is assembled from them by `compiler.evaluate_decision` (matrix cells, reductions, caps and the
  `adjustments:` combination, limit checks, unknown data, reviews, conditions, every message, the status),
  written from the language reference, not from `compiler.runtime`.
Shared with the runtime: only the result data classes (`Decision`, `Finding`, `Condition`, `DerivedValue`,
`LimitCandidate`, `LimitResult`, `ProgramInfo`). Shared with the generated modules' metadata (both are written
from the IR at compile time): the English wording of conditions and requirements (`compiler.wording.describe`,
`describe_requirement`) and which names a message quotes (`compiler.ir.reads`). Values in messages are
shown by `evaluate_words.say`, not the runtime's `fmt`.

`facts_of` (the same facts in the runtime's `Facts` shape) serves the tools that ask the runtime's `decide`
about changed loans (`glc explain`, scenarios); `evaluate` does not use it.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any

from compiler import ir, ir_names, ir_program
from compiler.evaluate_decision import assemble
from compiler.runtime import Decision, Facts
from compiler.runtime.values import Undefined

Value = Decimal | dt.date | bool | str | list[Any] | None
INFINITE = Decimal("Infinity")


def get(obj: Any, name: str) -> Any:
    if isinstance(obj, Mapping):
        return obj.get(name)
    return getattr(obj, name, None)


def whole_months(start: dt.date, end: dt.date) -> int:
    """Complete months from start to end: the most month anniversaries of start (clamped to month ends) that
    are on or before end. Negative when end is before start (an event after the as-of date is not seasoned)."""
    n = (end.year - start.year) * 12 + (end.month - start.month) + 1
    while _add_months(start, n) > end:
        n -= 1
    return n


def whole_days(start: dt.date, end: dt.date) -> int:
    """Days from start to end on the calendar (2024-02-28 to 2024-03-01 is 2 days: leap day counted). Negative when
    end is before start."""
    return end.toordinal() - start.toordinal()


def _since(start: dt.date, end: dt.date, unit: str) -> int:
    """`months since` / `days since`: whole months or days, as the expression's type says."""
    return whole_days(start, end) if unit == "days" else whole_months(start, end)


def _add_months(start: dt.date, n: int) -> dt.date:
    y, m = divmod(start.month - 1 + n, 12)
    year, month = start.year + y, m + 1
    return dt.date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def round_fraction(q: Fraction, places: int, mode: str) -> Decimal:
    scaled = q * 10**places
    floor = scaled.numerator // scaled.denominator
    frac = scaled - floor
    if frac == 0:
        k = floor
    elif mode == "up":
        k = floor + 1
    elif mode == "down":
        k = floor
    elif frac > Fraction(1, 2):
        k = floor + 1
    elif frac < Fraction(1, 2):
        k = floor
    elif mode == "half_even":
        k = floor if floor % 2 == 0 else floor + 1
    else:  # half_up: away from zero at exactly one half
        k = floor + 1 if scaled > 0 else floor
    return Decimal(k).scaleb(-places)


@dataclass
class Env:
    """One loan being decided: its fields and the values computed so far."""

    loan: Any
    program: ir_program.Program
    values: dict[str, Value] = field(default_factory=dict)
    # values that are invalid (section 3.4, "Domains"): outside their domain (-> what they came to), or reading
    # such a value (-> None); their entry in `values` is None
    invalid: dict[str, Value | Undefined] = field(default_factory=dict)

    def field(self, name: str) -> Value:
        v = get(self.loan, name)
        if isinstance(v, int) and not isinstance(v, bool):
            return Decimal(v)
        if isinstance(v, float):
            return Decimal(str(v))
        if v is not None and hasattr(v, "value") and isinstance(v.value, str):  # an Enum member
            return str(v.value)
        return v  # type: ignore[no-any-return]


def ev(x: ir.Expr, env: Env) -> Value:
    """Evaluate an expression; None is unknown."""
    if isinstance(x, ir.Const):
        return x.value
    if isinstance(x, ir.FieldRef):
        return env.field(x.name)
    if isinstance(x, ir.ValueRef):
        return env.values.get(x.name)
    if isinstance(x, ir.Arith):
        a, b = ev(x.left, env), ev(x.right, env)
        if a is None or b is None:
            return None
        assert isinstance(a, Decimal) and isinstance(b, Decimal)
        fa, fb = Fraction(a), Fraction(b)
        r = fa + fb if x.op == "+" else fa - fb if x.op == "-" else fa * fb
        return Decimal(r.numerator) / Decimal(r.denominator) if r.denominator != 1 else Decimal(r.numerator)
    if isinstance(x, ir.Scale):
        a = ev(x.operand, env)
        return None if a is None else Decimal(a).scaleb(x.power)  # type: ignore[arg-type]
    if isinstance(x, ir.Neg):
        a = ev(x.operand, env)
        return None if a is None else -Decimal(a)  # type: ignore[arg-type]
    if isinstance(x, ir.DivRound):
        n, d = ev(x.numerator, env), ev(x.denominator, env)
        if n is None or d is None or d == 0:
            return None
        assert isinstance(n, Decimal) and isinstance(d, Decimal)
        return round_fraction(Fraction(n) / Fraction(d), x.rounding.places, x.rounding.mode)
    if isinstance(x, ir.Round):
        a = ev(x.operand, env)
        return None if a is None else round_fraction(Fraction(a), x.rounding.places, x.rounding.mode)  # type: ignore[arg-type]
    if isinstance(x, ir.Extremum):
        args = [ev(a, env) for a in x.args]
        if any(a is None for a in args):
            return None
        return min(args) if x.kind == "lesser" else max(args)  # type: ignore[type-var]
    if isinstance(x, ir.Default):
        a = ev(x.operand, env)
        return ev(x.fallback, env) if a is None else a
    if isinstance(x, ir.IfThenElse):
        c = ev(x.cond, env)
        if c is None:
            return None
        return ev(x.then, env) if c else ev(x.otherwise, env)
    if isinstance(x, ir.MonthsSince):
        d, as_of = ev(x.date, env), env.field(x.as_of)
        if d is None or as_of is None:
            return None
        assert isinstance(d, dt.date) and isinstance(as_of, dt.date)
        return Decimal(_since(d, as_of, x.type.kind))
    if isinstance(x, ir.MonthsSinceLatest):
        items, as_of = env.field(x.list_field), env.field(x.as_of)
        if items is None or as_of is None:
            return None
        assert isinstance(items, (list, tuple)) and isinstance(as_of, dt.date)
        dates = [get(i, x.date_field) for i in items if not x.kinds or _enum_text(get(i, x.kind_field)) in x.kinds]
        if not dates:
            return INFINITE
        if any(d is None for d in dates):
            return None
        return Decimal(_since(max(dates), as_of, x.type.kind))
    if isinstance(x, ir.CountLates):
        items, as_of = env.field(x.list_field), env.field(x.as_of)
        if items is None or as_of is None:
            return None
        assert isinstance(items, (list, tuple)) and isinstance(as_of, dt.date)
        count = 0
        for i in items:
            days, when = get(i, x.days_field), get(i, x.date_field)
            if days is None or when is None:
                return None
            if days >= x.min_days and whole_months(when, as_of) < x.months:
                count += 1
        return Decimal(count)
    if isinstance(x, ir.Compare):
        if any(env.field(n) is True for n in x.no_score):  # the loan has no such number at all: not met
            return False
        a, b = ev(x.left, env), ev(x.right, env)
        if a is None or b is None:
            return None
        return _compare(x.op, a, b)
    if isinstance(x, ir.IsKnown):
        known = ev(x.operand, env) is not None or (bool(x.no_score) and env.field(x.no_score) is True)
        return not known if x.negated else known
    if isinstance(x, ir.InSet):
        a = ev(x.operand, env)
        if a is None:
            return None
        inside = a in x.values
        return not inside if x.negated else inside
    if isinstance(x, ir.And):
        parts = [ev(p, env) for p in x.operands]
        if any(p is False for p in parts):
            return False
        return None if any(p is None for p in parts) else True
    if isinstance(x, ir.Or):
        parts = [ev(p, env) for p in x.operands]
        if any(p is True for p in parts):
            return True
        return None if any(p is None for p in parts) else False
    if isinstance(x, ir.Not):
        a = ev(x.operand, env)
        return None if a is None else not a
    if isinstance(x, ir.Category):
        for choice, cond in zip(x.choices, x.conds, strict=True):
            c = ev(cond, env)
            if c is None:
                return None  # it could have held: the category cannot be told
            if c:
                return choice
        return x.otherwise
    raise NotImplementedError(f"evaluate: unhandled IR node {type(x).__name__}")


def _enum_text(v: Any) -> Any:
    return v.value if hasattr(v, "value") and isinstance(v.value, str) else v


def _compare(op: str, a: Any, b: Any) -> bool:
    if op == "<":
        return bool(a < b)
    if op == "<=":
        return bool(a <= b)
    if op == ">":
        return bool(a > b)
    if op == ">=":
        return bool(a >= b)
    if op == "=":
        return bool(a == b)
    return bool(a != b)


def ev_lookup(lookup: ir.Lookup, env: Env) -> Value:
    """The result of the line holding every key; unknown when a key is unknown, no line holds them, or N/A."""
    keys = key_values(lookup.key, env)
    if any(k is None for k in keys):
        return None
    line = lookup.key.index(keys)
    return None if line is None else lookup.results[line]


def key_values(axis: ir.Axis, env: Env) -> tuple[Any, ...]:
    """Each key's value; `ir.NO_SCORE` for a score key with a `no score` line when the loan says it has none."""
    return tuple(ir.NO_SCORE if axis.flag(i) and env.field(axis.flag(i)) is True else ev(k, env)
                 for i, k in enumerate(axis.keys))


def axis_keys(axis: ir.Axis, env: Env) -> Any:
    """A matrix axis's key values: the value of a one-key axis, a tuple for several keys."""
    values = key_values(axis, env)
    return values[0] if len(values) == 1 else values


# ------------------------------------------------------------------ deciding


def facts_of(program: ir_program.Program, loan: Any) -> Facts:
    """Walk the IR: every derived value, whether each rule and matrix applies, each requirement's result."""
    env = values_of(program, loan)
    facts = Facts(loan, env.values)
    facts.invalid = dict(env.invalid)
    for m in program.matrices:
        applies = ev(m.when, env) if m.when is not None else True
        axes = [m.rows] + ([m.columns] if m.columns else [])
        facts.matrices.append((_bool(applies), tuple(axis_keys(a, env) for a in axes)))
    for r in program.rules:
        applies = ev(r.when, env) if r.when is not None else True
        facts.rules.append((_bool(applies), tuple(_requirement(q, env) for q in r.requirements)))
    return facts


def _bool(v: Value) -> bool | None:
    return None if v is None else bool(v)


def _requirement(q: ir.Requirement, env: Env) -> bool | None:
    """The test, or any alternative whose condition and test both hold (Kleene logic)."""
    ok = _bool(ev(q.test, env))
    for alt in q.alternatives:
        w, t = _bool(ev(alt.when, env)), _bool(ev(alt.test, env))
        alt_ok = False if (w is False or t is False) else (True if (w is True and t is True) else None)
        ok = True if (ok is True or alt_ok is True) else (None if (ok is None or alt_ok is None) else False)
    return ok


class _Reading:
    """One loan, its derived values computed: what `evaluate_decision.assemble` asks of it."""

    def __init__(self, env: Env) -> None:
        self.env = env

    def field(self, name: str) -> Any:
        return self.env.field(name)

    def value(self, name: str) -> Any:
        return self.env.values.get(name)

    def truth(self, x: ir.Expr) -> bool | None:
        return _bool(ev(x, self.env))

    def number(self, x: ir.Expr) -> Any:
        return ev(x, self.env)

    def met(self, q: ir.Requirement) -> bool | None:
        return _requirement(q, self.env)

    def invalid(self) -> dict[str, Any]:
        return self.env.invalid


def undefined(x: object, env: Env) -> Undefined | None:
    """Why the value `x` computes is undefined: the first division it takes whose denominator is known and zero or
    negative (language.md 3.4, "Domains"); None when there is none. A branch not taken is not read."""
    if isinstance(x, ir.DivRound):
        d = ev(x.denominator, env)
        if d is not None and d <= 0:  # type: ignore[operator]
            name = x.denominator.name if isinstance(x.denominator, (ir.FieldRef, ir.ValueRef)) else ""
            return Undefined(name, Decimal(d))  # type: ignore[arg-type]
        return undefined(x.numerator, env) or undefined(x.denominator, env)
    if isinstance(x, ir.IfThenElse):
        c = ev(x.cond, env)
        return undefined(x.then, env) if c is True else undefined(x.otherwise, env) if c is False else None
    if isinstance(x, ir.Default):
        return undefined(x.operand, env) or (undefined(x.fallback, env) if ev(x.operand, env) is None else None)
    if not ir_names.divides(x):
        return None
    for child in ir.children(x):
        if (why := undefined(child, env)) is not None:
            return why
    return None


def values_of(program: ir_program.Program, loan: Any) -> Env:
    """The loan with every derived value of the program computed, in dependency order."""
    env = Env(loan, program)
    for value in program.values:
        got = ev_lookup(value.body, env) if isinstance(value.body, ir.Lookup) else ev(value.body, env)
        if any(name in env.invalid for name in ir.reads(value.body)):  # computed from an invalid value
            env.invalid[value.id], got = None, None
        elif (why := undefined(value.body, env)) is not None:  # divides by zero or less: undefined
            env.invalid[value.id], got = why, None
        elif value.domain is not None and got is not None:
            assert isinstance(got, Decimal)
            if not value.domain.contains(got):
                env.invalid[value.id], got = got, None
        env.values[value.id] = got
    return env


def evaluate(program: ir_program.Program, vocabulary: ir_program.Vocabulary, loan: Any) -> Decision:
    """Decide one loan under one program."""
    return assemble(program, vocabulary, _Reading(values_of(program, loan)))
