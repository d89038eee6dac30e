"""IR expressions to Python source for the generated checkers: one `visit_<Node>` per IR class.

Every operation is written inline or through the runtime's unknown-aware helpers (`rt.div_up`, `rt.isin`, ...), so
the generated code reads like the guideline and treats unknown data exactly as the reference evaluator.
An IR node without a visitor is a compiler bug and fails loudly.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import operator
import re
from decimal import Decimal

from compiler import ir
from compiler import runtime as rt
from compiler.backends.python.bands import band_test, implied_edges
from compiler.backends.python.bounds import Bounds, step
from compiler.runtime.meta import stated
from compiler.runtime.values import NEVER

_QUANTIZE_FITS = Decimal("1E18")  # a value below this, to at most 9 places, has fewer digits than any context's 28
_OPERATOR = {"<": "<", "<=": "<=", ">": ">", ">=": ">=", "=": "==", "!=": "!="}
# Operands cheap and safe to read twice: a loan field, a derived value, a hoisted constant (never unknown).
_SIMPLE = re.compile(r"loan\.\w+|v\['\w+'\]|[vs]_\w+|_\w+|\d+")
_CONSTANT = re.compile(r"_\w+|\d+")
_PLAIN = re.compile(r"(?:loan\.\w+|v\['\w+'\]|v_\w+) is None(?: or (?:loan\.\w+|v\['\w+'\]|v_\w+) is None)*|")  # no walrus


def _unknown_test(*operands: str) -> str:
    """`a is None or b is None` over the operands that may be unknown."""
    return " or ".join(f"{o} is None" for o in operands if not _CONSTANT.fullmatch(o))


def literal(value: object, indent: int = 0, raw: dict[str, str] | None = None) -> str:
    """A Python literal for constants and runtime metadata (dataclasses become `rt.Class(field=...)`).

    `raw` gives source text to use as is for some fields of a top-level dataclass.
    """
    pad = "    " * indent
    inner = "    " * (indent + 1)
    if value is None or isinstance(value, (bool, int)):
        return repr(value)
    if isinstance(value, Decimal):
        return f'Decimal("{value}")'
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, dt.date):
        return f"dt.date({value.year}, {value.month}, {value.day})"
    if isinstance(value, tuple):
        if not value:
            return "()"
        parts = [literal(v, indent + 1) for v in value]
        one_line = "(" + ", ".join(parts) + ("," if len(parts) == 1 else "") + ")"
        if len(one_line) + len(pad) <= 110 and "\n" not in one_line:
            return one_line
        return "(\n" + "".join(f"{inner}{p},\n" for p in parts) + f"{pad})"
    if isinstance(value, dict):
        if not value:
            return "{}"
        items = [f"{inner}{literal(k)}: {literal(v, indent + 1)},\n" for k, v in value.items()]
        return "{\n" + "".join(items) + f"{pad}}}"
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        name = type(value).__name__
        assert hasattr(rt, name), name
        fields = stated(value)
        parts = [f"{k}={(raw or {}).get(k) or literal(v, indent + 1)}" for k, v in fields]
        one_line = f"rt.{name}(" + ", ".join(parts) + ")"
        if len(one_line) + len(pad) <= 110 and "\n" not in one_line:
            return one_line
        return f"rt.{name}(\n" + "".join(f"{inner}{p},\n" for p in parts) + f"{pad})"
    raise TypeError(f"literal: cannot emit {type(value).__name__}")


class PyExpr:
    """Emits one IR expression as a Python expression over `loan` (fields) and `v` (derived values).

    Constants Python cannot build at compile time (Decimals, matrix cells) are hoisted into module-level names
    (`constants`, in first-use order; the module writes each above the first function using it), so a check
    builds none of them per loan. Value sets and tuples of kinds are written inline: Python builds them once.
    """

    def __init__(self) -> None:
        self.constants: dict[str, str] = {}  # name -> Python literal
        self._names: dict[str, str] = {}  # literal -> name
        self._temps = 0  # walrus temporaries (_t0, _t1, ...) for conditions read twice
        self.locals_for_values = False  # derived values as locals `v_<id>` (the fast path), else `v['<id>']`
        # the fast path's `months since latest`: (the local holding its list's scan, the index of its kinds in it)
        self.latest: dict[ir.MonthsSinceLatest, tuple[str, int]] = {}
        self.nevers: dict[str, str] = {}  # each such scan -> the shared tuple it is while no item of its kinds is seen
        # the fast path's `count lates`: the local holding the count (an int) from its one pass over the list
        self.counted: dict[ir.CountLates, str] = {}
        # the vocabulary's fields: their grids (`precision: whole dollars`, cents: the Loan model enforces them) let
        # `band chains` leave out the edges earlier bands imply; with their ranges, `bounds` (set by the fast path)
        # shows which divisions need no check of the quotient's size
        self.fields: dict[str, ir.Field] = {}
        self.bounds: Bounds | None = None

    def step(self, key: ir.Expr) -> Decimal | None:
        """The grid a key's values lie on: 1 for whole numbers, the field's declared precision, else None."""
        if key.type.kind in ("integer", "months", "days"):
            return Decimal(1)
        f = self.fields.get(key.name) if isinstance(key, ir.FieldRef) else None
        return None if f is None else step(f)

    def band_chain(self, key: ir.Expr, name: str, bands: tuple[ir.Band, ...]) -> list[str]:
        """The test of each band for an `if` chain over a known key `name` (each band tested only when the key is in
        none before it): the edges earlier bands imply left out (`implied_edges`)."""
        integer = key.type.kind in ("integer", "months", "days")
        edges = implied_edges([(b.low, b.low_inclusive, b.high, b.high_inclusive) for b in bands], self.step(key))
        return [band_test(name, e, integer, self.decimal) for e in edges]

    def const(self, text: str, hint: str) -> str:
        """The module-level name holding a constant's literal (one name per distinct literal)."""
        if text not in self._names:
            name = "_" + re.sub(r"\W", "_", hint) if hint else f"_C{len(self.constants)}"
            base, n = name, 2
            while name in self.constants:
                name, n = f"{base}_{n}", n + 1
            self._names[text] = name
            self.constants[name] = text
        return self._names[text]

    def decimal(self, value: Decimal) -> str:
        """The module-level name of a Decimal constant."""
        return self.const(literal(value), "D" + str(value).replace("-", "m"))

    def emit(self, x: ir.Expr | ir.Lookup) -> str:
        method = getattr(self, "visit_" + type(x).__name__, None)
        if method is None:
            raise NotImplementedError(f"python back end: unhandled IR node {type(x).__name__}")
        text: str = method(x)
        return text

    def visit_Const(self, x: ir.Const) -> str:
        if isinstance(x.value, Decimal):
            return self.const(literal(x.value), "D" + str(x.value).replace("-", "m"))
        return literal(x.value)

    def visit_FieldRef(self, x: ir.FieldRef) -> str:
        return f"loan.{x.name}"

    def visit_ValueRef(self, x: ir.ValueRef) -> str:
        return f"v_{x.name}" if self.locals_for_values else f"v[{x.name!r}]"

    def visit_Arith(self, x: ir.Arith) -> str:
        left, right = self.emit(x.left), self.emit(x.right)
        if _SIMPLE.fullmatch(left) and _SIMPLE.fullmatch(right):
            unknown = _unknown_test(left, right)
            test = f"{left} {x.op} {right}"
            return f"(None if {unknown} else {test})" if unknown else f"({test})"
        (ln, lf), (rn, rf) = self._hoisted(left), self._hoisted(right)  # inline, each operand computed once
        unknown = " or ".join(f"{first} is None" for first in (lf, rf) if not _CONSTANT.fullmatch(first))
        return f"(None if {unknown} else {ln} {x.op} {rn})"

    def visit_Scale(self, x: ir.Scale) -> str:
        operand = self.emit(x.operand)
        if _CONSTANT.fullmatch(operand):
            return f"rt.scale({operand}, {x.power})"
        # a multiplication by the Decimal 1E<power>: the same Decimal as `Decimal(x).scaleb(power)` (coefficient kept,
        # exponent moved), for an int or a Decimal operand, at a fifth of the cost
        name, first = self._hoisted(operand)
        power = self.const(f'Decimal("1E{x.power:+d}")', f"E{x.power}".replace("-", "m"))
        return f"(None if {first} is None else {name} * {power})"

    def visit_Neg(self, x: ir.Neg) -> str:
        return f"rt.neg({self.emit(x.operand)})"

    def visit_DivRound(self, x: ir.DivRound) -> str:
        r = x.rounding
        n, d = self.emit(x.numerator), self.emit(x.denominator)
        if r.mode in ("up", "down") and 0 <= r.places < 10:  # the directed modes through bound context methods
            step = self.const(literal(Decimal(1).scaleb(-r.places)), f"STEP{r.places}")
            if self.locals_for_values and _SIMPLE.fullmatch(d) and not _CONSTANT.fullmatch(d):
                fits = self.bounds is not None and self.bounds.quotient_fits(x)
                return self._div_inline(n, d, step, r.mode, fits)
            return f"rt.div_{r.mode}({n}, {d}, {step})"
        return f"rt.div_round({n}, {d}, {r.places}, {r.mode!r})"

    def _div_inline(self, n: str, d: str, step: str, mode: str, fits: bool = False) -> str:
        """`rt.div_<mode>(n, d, step)` written out (the fast path: no call): the 60-digit directed quotient rounded
        to the step in the same direction, no negative zero; the runtime's exact path past 50 digits, unless the
        declared ranges show the quotient never has that many (`fits`)."""
        name, first = self._hoisted(n)
        unknown = f"{first} is None or " if not _CONSTANT.fullmatch(n) else ""
        divide = self.const(f"rt.{mode}_divide", f"{mode.upper()}_DIVIDE")
        quantize = self.const(f"rt.{mode}_quantize", f"{mode.upper()}_QUANTIZE")
        if fits:
            return (f"(None if {unknown}{d} is None or not {d} "
                    f"else (_r if (_r := {quantize}({divide}({name}, {d}), {step})) else _r.copy_abs()))")
        return (f"(None if {unknown}{d} is None or not {d} "
                f"else (_r if (_r := {quantize}(_q, {step})) else _r.copy_abs()) "
                f"if (_q := {divide}({name}, {d})).adjusted() < 50 else rt.div_{mode}({name}, {d}, {step}))")

    def visit_Round(self, x: ir.Round) -> str:
        r = x.rounding
        operand = self.emit(x.operand)
        if (r.mode in ("up", "down") and 0 <= r.places < 10 and self.bounds is not None and _SIMPLE.fullmatch(operand)
                and (top := self.bounds.magnitude(x.operand)) is not None and top < _QUANTIZE_FITS):
            # the fast path: the bound context method, no call of rt.quantize (the same Decimal: far fewer digits
            # than either context's precision, so neither rounds the result again)
            step = self.const(literal(Decimal(1).scaleb(-r.places)), f"STEP{r.places}")
            quantize = self.const(f"rt.{r.mode}_quantize", f"{r.mode.upper()}_QUANTIZE")
            return f"(None if {operand} is None else {quantize}({operand}, {step}))"
        return f"rt.quantize({operand}, {r.places}, {r.mode!r})"

    def visit_Extremum(self, x: ir.Extremum) -> str:
        fn = "rt.lesser" if x.kind == "lesser" else "rt.greater"
        args = [self.emit(a) for a in x.args]
        if len(args) != 2:
            return f"{fn}({', '.join(args)})"
        # of two, inline: unknown when either is; the first when they are equal (as min and max)
        (an, af), (bn, bf) = self._hoisted(args[0]), self._hoisted(args[1])
        op = "<=" if x.kind == "lesser" else ">="
        return f"(None if {af} is None or {bf} is None else {an} if {an} {op} {bn} else {bn})"

    def visit_Default(self, x: ir.Default) -> str:
        operand, fallback = self.emit(x.operand), self.emit(x.fallback)
        name, first = self._hoisted(operand)
        return f"({fallback} if {first} is None else {name})"

    def visit_IfThenElse(self, x: ir.IfThenElse) -> str:
        """`if c then a else b`: unknown when c is; only the branch taken is computed. On the fast path a condition
        simple enough to be tested on its parts (`parts`) is, without holding its three-valued result."""
        if self.locals_for_values and (parts := self.parts(x.cond)) is not None:
            false, unknown, test = parts
            otherwise = self.emit(x.otherwise)
            if not false or _SIMPLE.fullmatch(otherwise):  # `otherwise` written twice only when it is a name
                out = f"{self.emit(x.then)} if {test} else {otherwise}"
                if unknown:
                    out = f"None if {unknown} else {out}"
                if false:
                    out = f"{otherwise} if {false} else {out}"
                return f"({out})"
        cond = self.emit(x.cond)
        if not _SIMPLE.fullmatch(cond):
            temp = f"_t{self._temps}"
            self._temps += 1
            cond, first = temp, f"({temp} := {cond})"
        else:
            first = cond
        return f"(None if {first} is None else {self.emit(x.then)} if {cond} else {self.emit(x.otherwise)})"

    def visit_MonthsSince(self, x: ir.MonthsSince) -> str:
        if x.type.kind == "days":
            return f"rt.days_since({self.emit(x.date)}, loan.{x.as_of})"
        return f"rt.months_since({self.emit(x.date)}, loan.{x.as_of})"

    def visit_MonthsSinceLatest(self, x: ir.MonthsSinceLatest) -> str:
        if (scan := self.latest.get(x)) is not None:  # the fast path's one pass over the list (fast.py, `_scans`)
            name, group = scan
            d = f"_t{self._temps}"
            self._temps += 1
            since = "rt.days_since" if x.type.kind == "days" else "rt.months_since"
            return (f"(None if {name} is None or loan.{x.as_of} is None or ({d} := {name}[{group}]) is None "
                    f"else {d} if {d} is {self.const('rt.NEVER', 'NEVER')} else {since}({d}, loan.{x.as_of}))")
        days = ", 'days'" if x.type.kind == "days" else ""
        return (f"rt.months_since_latest(loan.{x.list_field}, {x.kind_field!r}, {x.date_field!r}, "
                f"{literal(x.kinds)}, loan.{x.as_of}{days})")

    def visit_CountLates(self, x: ir.CountLates) -> str:
        if (name := self.counted.get(x)) is not None:  # the fast path's pass over the list (fast.py, `_scans`)
            return name
        return (f"rt.count_lates(loan.{x.list_field}, {x.days_field!r}, {x.date_field!r}, {x.min_days}, {x.months}, "
                f"loan.{x.as_of})")

    # Comparisons, set tests and negations of simple operands are written inline (no call per test);
    # they mean exactly what the runtime helpers mean: unknown in, unknown out.

    def visit_Compare(self, x: ir.Compare) -> str:
        test = self._compare(x)
        if x.no_score:  # the loan has no such number at all (`fico_no_score` yes): not met
            return f"(False if {' or '.join(f'loan.{n}' for n in x.no_score)} else {test})"
        return test

    def _compare(self, x: ir.Compare) -> str:
        if isinstance(x.left, ir.MonthsSinceLatest) and x.left in self.latest and isinstance(x.right, ir.Const):
            return self._since_latest(x.left, x.op, x.right.value)  # type: ignore[arg-type]
        unknown, test = self._compare_parts(x)
        return f"(None if {unknown} else {test})" if unknown else f"({test})"

    def _compare_parts(self, x: ir.Compare) -> tuple[str, str]:
        """(unknown when, the test when known) of a comparison; "" for never unknown."""
        left, right = self._operand(x.left, x.right), self._operand(x.right, x.left)
        if not (_SIMPLE.fullmatch(left) and _SIMPLE.fullmatch(right)):  # each operand computed once, in a temporary
            (ln, lf), (rn, rf) = self._hoisted(left), self._hoisted(right)
            unknown = " or ".join(f"{first} is None" for first in (lf, rf) if not _CONSTANT.fullmatch(first))
            return unknown, f"{ln} {_OPERATOR[x.op]} {rn}"
        return _unknown_test(left, right), f"{left} {_OPERATOR[x.op]} {right}"

    def parts(self, x: ir.Expr) -> tuple[str, str, str] | None:
        """A yes/no expression as (not met when, unknown when, the test): its three-valued result is `False if
        <first> else None if <second> else <test>`, <test> a plain bool read only after both (either may be ""
        for never); None when it is not that simple. The fast path tests a rule's outcome on these directly."""
        if isinstance(x, ir.Compare):
            if isinstance(x.left, ir.MonthsSinceLatest) and x.left in self.latest:
                return None
            unknown, test = self._compare_parts(x)
            return " or ".join(f"loan.{n}" for n in x.no_score), unknown, test
        if isinstance(x, ir.InSet):
            operand = self.emit(x.operand)
            if not _SIMPLE.fullmatch(operand):
                return None
            values = "{" + ", ".join(repr(v) for v in x.values) + "}"
            return "", f"{operand} is None", f"{operand} {'not in' if x.negated else 'in'} {values}"
        if isinstance(x, ir.IsKnown) and not x.no_score and _SIMPLE.fullmatch(operand := self.emit(x.operand)):
            return "", "", f"{operand} is {'' if x.negated else 'not '}None"
        if isinstance(x, ir.And) and (known := self._known_first(x.operands)) is not None:
            return known
        if isinstance(x, ir.And):  # tests of the same operands (`amount >= 150000 and amount <= 3000000`)
            each = [self.parts(o) for o in x.operands]
            if all(e is not None and not e[0] and e[1] == each[0][1] and _PLAIN.fullmatch(e[1]) for e in each):  # type: ignore[index]
                return "", each[0][1], " and ".join(f"({e[2]})" for e in each)  # type: ignore[index]
            return None
        negated = isinstance(x, ir.Not)
        y = x.operand if isinstance(x, ir.Not) else x
        if isinstance(y, (ir.FieldRef, ir.ValueRef)) and y.type.kind == "yesno":
            operand = self.emit(y)
            return "", f"{operand} is None", f"not {operand}" if negated else operand
        return None

    def _known_first(self, operands: tuple[ir.Expr, ...]) -> tuple[str, str, str] | None:
        """`parts` of `x is known and <tests of x>` (`lien_position is known and lien_position is second`): not met
        when a name tested known is unknown, else the tests, each unknown only when one of those names is."""
        names: list[str] = []
        for o in operands:
            if not (isinstance(o, ir.IsKnown) and not o.no_score and not o.negated):
                break
            if not _SIMPLE.fullmatch(name := self.emit(o.operand)) or _CONSTANT.fullmatch(name):
                return None
            names.append(name)
        rest = operands[len(names):]
        if not names or not rest:
            return None
        tests: list[str] = []
        for o in rest:
            each = self.parts(o)
            if each is None or each[0] or not _PLAIN.fullmatch(each[1]):
                return None
            if not set(re.findall(r"(\S+) is None", each[1])) <= set(names):
                return None
            tests.append(each[2] if len(rest) == 1 else f"({each[2]})")
        return " or ".join(f"{n} is None" for n in names), "", " and ".join(tests)

    def between(self, kind: str) -> str:
        """`rt.months_between` (or `days_between` for days) bound to a module constant: one lookup per call."""
        ref = "rt.days_between" if kind == "days" else "rt.months_between"  # (written out: tests/unit/test_runtime_all.py)
        return self.const(ref, ref[3:].upper())

    def _since_latest(self, x: ir.MonthsSinceLatest, op: str, bound: Decimal) -> str:
        """`months since the latest ... <op> <constant>` on the fast path's scan: the answer for "never" (no such
        item) decided now, else the whole months (or days) as an int against an int bound when it is whole (the
        same test as the Decimal count against the Decimal bound, without building either)."""
        name, group = self.latest[x]
        d = f"_t{self._temps}"
        self._temps += 1
        never = {"<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge, "=": operator.eq,
                 "!=": operator.ne}[op](NEVER, bound)
        since = self.between(x.type.kind)
        edge = str(int(bound)) if bound == bound.to_integral_value() else self.decimal(bound)
        return (f"(None if {name} is None or loan.{x.as_of} is None or ({d} := {name}[{group}]) is None "
                f"else {never} if {d} is {self.const('rt.NEVER', 'NEVER')} else {since}({d}, loan.{x.as_of}) "
                f"{_OPERATOR[op]} {edge})")

    def _operand(self, x: ir.Expr, other: ir.Expr) -> str:
        """A comparison operand; a whole-number constant compared with an integer field (or the fast path's count
        of late payments, an int) is an int literal (int against int compares faster than against a Decimal, and
        means the same)."""
        whole = ((isinstance(other, ir.FieldRef) and other.type.kind in ("integer", "months", "days"))
                 or (isinstance(other, ir.CountLates) and other in self.counted))
        if isinstance(x, ir.Const) and isinstance(x.value, Decimal) and x.value == x.value.to_integral_value() and whole:
            return str(int(x.value))
        return self.emit(x)

    def visit_IsKnown(self, x: ir.IsKnown) -> str:
        operand = self.emit(x.operand)
        if x.no_score:  # a loan that says it has no score knows it
            known = f"({operand} is not None or loan.{x.no_score} is True)"
            return f"(not {known})" if x.negated else known
        if _SIMPLE.fullmatch(operand):
            return f"({operand} is {'' if x.negated else 'not '}None)"
        return f"{'not ' if x.negated else ''}rt.known({operand})"

    def visit_InSet(self, x: ir.InSet) -> str:
        """`x in {...}` inline: a set display of constants is built once, by the Python compiler."""
        values = "{" + ", ".join(repr(v) for v in x.values) + "}"
        operand = self.emit(x.operand)
        if _SIMPLE.fullmatch(operand):
            return f"(None if {operand} is None else {operand} {'not in' if x.negated else 'in'} {values})"
        hint = "_".join(str(v) for v in x.values).upper()  # the module constant `_PURCHASE_RATE_TERM`
        test = f"rt.isin({operand}, {self.const('frozenset(' + values + ')', hint if len(hint) <= 30 else '')})"
        return f"rt.not3({test})" if x.negated else test

    def _kleene(self, operands: tuple[ir.Expr, ...], decisive: bool) -> str:
        """Kleene and (decisive False) / or (decisive True) inline: operands after a decisive one are not computed.
        On the fast path, leading operands never unknown (`x is known`) are plain tests: `forbearance_end is known
        and purpose is purchase` is `False if forbearance_end is None else <the rest>`."""
        if self.locals_for_values:
            lead: list[str] = []
            for o in operands[:-1]:
                if (parts := self.parts(o)) is None or parts[0] or parts[1]:
                    break
                lead.append(parts[2])
            if lead:
                rest = self._kleene(operands[len(lead):], decisive)
                if decisive:
                    return f"(True if {' or '.join(lead)} else {rest})"
                if len(lead) == 1 and lead[0].endswith(" is not None"):  # `x is known`: False when x is None
                    return f"(False if {lead[0][:-len(' is not None')]} is None else {rest})"
                return f"(False if not ({' and '.join(lead)}) else {rest})"
        text = self.kleene([self.emit(p) for p in operands], decisive)
        return self.none_seen(operands, decisive, text) or text

    def none_seen(self, operands: tuple[ir.Expr, ...], decisive: bool, text: str) -> str | None:
        """On the fast path, operands that all compare `months since the latest ...` of one list's scan with a
        constant: when the list holds no item of any of its groups' kinds (the scan is still the shared `never`
        tuple) and the date counted to is known, each is its answer for "never", and so is the whole: decided now."""
        seen = self.nothing_seen(operands, decisive)
        return None if seen is None else f"({seen[1]} if {seen[0]} else {text})"

    def nothing_seen(self, operands: tuple[ir.Expr, ...], decisive: bool) -> tuple[str, bool] | None:
        """(when no item of the scan's kinds is seen, the answer then) for `none_seen`; None when it does not apply."""
        tests: list[tuple[ir.MonthsSinceLatest, str, Decimal]] = []
        for o in operands:
            if not (isinstance(o, ir.Compare) and isinstance(o.left, ir.MonthsSinceLatest) and o.left in self.latest
                    and isinstance(o.right, ir.Const) and isinstance(o.right.value, Decimal) and not o.no_score):
                return None
            tests.append((o.left, o.op, o.right.value))
        scans = {self.latest[n][0] for n, _op, _bound in tests}
        as_of = {n.as_of for n, _op, _bound in tests}
        if len(scans) != 1 or len(as_of) != 1 or (name := scans.pop()) not in self.nevers:
            return None
        ops = {"<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge, "=": operator.eq,
               "!=": operator.ne}
        answers = [ops[op](NEVER, bound) for _n, op, bound in tests]
        value = any(answers) if decisive else all(answers)
        return f"{name} is {self.nevers[name]} and loan.{as_of.pop()} is not None", value

    def kleene(self, texts: list[str], decisive: bool) -> str:
        """Kleene and (decisive False) / or (decisive True) of emitted operands, inline (no vararg call): the
        decisive value as soon as one operand has it, operands after it not computed; else unknown when one is."""
        if len(texts) == 1:
            return texts[0]
        temps: list[str] = []
        tests: list[str] = []
        for text in texts:
            if _SIMPLE.fullmatch(text):
                temps.append(text)
                tests.append(f"{text} is {decisive}")
            else:
                temp = f"_t{self._temps}"
                self._temps += 1
                temps.append(temp)
                tests.append(f"({temp} := {text}) is {decisive}")
        unknown = " or ".join(f"{t} is None" for t in temps)
        return f"({decisive} if {' or '.join(tests)} else None if {unknown} else {not decisive})"

    def visit_And(self, x: ir.And) -> str:
        return self._kleene(x.operands, False)

    def visit_Or(self, x: ir.Or) -> str:
        return self._kleene(x.operands, True)

    def visit_Not(self, x: ir.Not) -> str:
        operand = self.emit(x.operand)
        name, first = self._hoisted(operand)  # inline: unknown stays unknown
        return f"(None if {first} is None else not {name})"

    def _hoisted(self, text: str) -> tuple[str, str]:
        """(name, first use) of a value read more than once: itself when simple, else a walrus temporary."""
        if _SIMPLE.fullmatch(text):
            return text, text
        temp = f"_t{self._temps}"
        self._temps += 1
        return temp, f"({temp} := {text})"

    def visit_Lookup(self, x: ir.Lookup) -> str:
        """The result of the first line holding the keys, as one conditional expression (lines known at compile
        time); unknown when a key is unknown or in no line."""
        names: list[str] = []
        firsts: list[str] = []
        for i in range(len(x.key.keys)):
            name, first = self._hoisted(self.key(x.key, i))
            names.append(name)
            firsts.append(first)
        pairs = list(zip(x.key.lines, x.results, strict=True))
        if x.key.simple and not x.key.flag(0):  # bands of one key: an `if` chain without the edges it implies
            tests = self.band_chain(x.key.expr, names[0], x.key.bands)
        else:
            tests = [self.line_test(x.key, line, names) for line, _r in pairs]
        while pairs and pairs[-1][1] is None:  # trailing N/A lines give None as falling through does
            pairs.pop()
        chain, last = "", "None"
        for (_line, r), test in zip(pairs, tests, strict=False):
            if test == "True":  # every key left is in it
                last = self._result(r)
                break
            chain += f"{self._result(r)} if {test} else "
        unknown = " or ".join(f"{f} is None" for f in firsts)
        return f"(None if {unknown} else {chain}{last})"

    def _result(self, r: Decimal | str | None) -> str:
        if r is None:
            return "None"
        return repr(r) if isinstance(r, str) else self.decimal(r)

    def line_test(self, axis: ir.Axis, line: tuple[ir.Entry, ...], names: list[str]) -> str:
        """Whether known keys `names` fall in `line` of `axis` (one test per key, `and`-ed)."""
        tests: list[str] = []
        for i, (key, entry, name) in enumerate(zip(axis.keys, line, names, strict=True)):
            if isinstance(entry, ir.Choices):
                if len(entry.values) == (2 if key.type.kind == "yesno" else len(key.type.values)):
                    continue  # every value
                tests.append(f"{name} in {{{', '.join(repr(v) for v in entry.values)}}}" if entry.values else "False")
            else:
                integer = key.type.kind in ("integer", "months", "days")
                test = band_test(name, (entry.low, entry.low_inclusive, entry.high, entry.high_inclusive), integer,
                                 self.decimal)
                if axis.flag(i):  # `no score` (the key's only text) is in no band; `isinstance` lets mypy see a number
                    test = f"not isinstance({name}, str)" + ("" if test == "True" else f" and {test}")
                if test != "True":
                    tests.append(test)
        return " and ".join(tests) if tests else "True"

    def key(self, axis: ir.Axis, i: int) -> str:
        """Key `i` of `axis`; `'no score'` for a score key with a `no score` line when the loan says it has none."""
        text = self.emit(axis.keys[i])
        flag = axis.flag(i)
        return f"({ir.NO_SCORE!r} if loan.{flag} is True else {text})" if flag else text

    def axis_keys(self, axis: ir.Axis) -> str:
        """A matrix axis's keys as `check` hands them to the runtime: the key of a one-key axis, else a tuple."""
        if len(axis.keys) == 1:
            return self.key(axis, 0)
        return "(" + ", ".join(self.key(axis, i) for i in range(len(axis.keys))) + ")"

    def visit_Category(self, x: ir.Category) -> str:
        """The choice of the first line whose condition holds (unknown when a condition before it is unknown),
        else `otherwise`; each condition computed only when the lines before it are false."""
        out = repr(x.otherwise)
        for choice, cond in reversed(tuple(zip(x.choices, x.conds, strict=True))):
            name, first = self._hoisted(self.emit(cond))
            out = f"(None if {first} is None else {choice!r} if {name} else {out})"
        return out

    def requirement(self, q: ir.Requirement) -> str:
        """The test, or any alternative whose condition and test both hold (Kleene logic)."""
        test = self.emit(q.test)
        if not q.alternatives:
            return test
        alts = [self.kleene([self.emit(a.when), self.emit(a.test)], False) for a in q.alternatives]
        return self.kleene([test, *alts], True)
