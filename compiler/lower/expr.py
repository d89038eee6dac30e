"""Expressions: surface expressions to typed IR expressions, names resolved and units checked.

Used by `lower` for values, conditions, requirements and table axes. Errors are reported to the
collector and the failing sub-expression becomes None, which silently poisons its parents (one
diagnostic per mistake, not a cascade).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import Decimal

from compiler import ir, ir_types
from compiler.diagnostics import Diagnostics, did_you_mean
from compiler.lower.expr_types import BARE, MONEY_LITERAL, _dims, _lit_type, _type_of_dims, finished, same_number_type
from compiler.source import Span
from compiler.syntax import surface as s


@dataclass
class Scope:
    """What names mean inside one program (or the vocabulary)."""

    fields: dict[str, ir.Field]
    records: dict[str, ir.Record]
    limits: dict[str, ir.Limit]
    value_type: Callable[[str, Span], ir_types.Type | None]  # lowers the value on first use
    value_names: Callable[[], list[str]]
    as_of: str
    program: bool = False  # a program's scope (it may declare values of its own), not the vocabulary's
    lists: dict[str, ir.NamedList] = field(default_factory=dict)  # reference lists by name (built-in and declared)
    value_of: Callable[[str], ir.Value | None] = lambda name: None  # a value's lowered definition (`no score`)


_SINCE = {"months": ir_types.MONTHS, "days": ir_types.DAYS}  # `months since` / `days since`

# two example literals per kind of number, for messages
_EXAMPLES = {"months": ("36 months", "60 months"), "days": ("90 days", "180 days"), "quantity": ("10", "20.5"),
             "money": ("$100,000", "$150,000"), "percent": ("75%", "80%"),
             "ratio": ("1.000", "1.250"), "integer": ("2", "4")}


class ExprLowerer:
    """Types one expression at a time against a scope."""

    def __init__(self, scope: Scope, diags: Diagnostics) -> None:
        self.scope = scope
        self.diags = diags

    # ---------------------------------------------------------------- entry points
    def condition(self, e: s.Expr) -> ir.Expr | None:
        """An expression that must be yes/no (when, require, allow)."""
        out = self.expr(e)
        if out is None:
            return None
        if out.type.kind != "yesno":
            self.diags.error(
                "E304",
                f"This must be a yes/no condition, but it is {finished(out.type).describe()}.",
                e.span,
                "Compare it with something, e.g. `fico >= 660` or `occupancy is primary`.",
            )
            return None
        return finish_tree(out)

    def number(self, e: s.Expr, what: str) -> ir.Expr | None:
        """A numeric expression (table axes)."""
        out = self.expr(e)
        if out is None:
            return None
        if not out.type.numeric:
            self.diags.error("E305", f"The {what} must be a number, but it is {out.type.describe()}.", e.span,
                             "Use a numeric field such as fico, loan_amount or dscr.")
            return None
        return finish_tree(out)

    # ---------------------------------------------------------------- dispatch
    def expr(self, e: s.Expr) -> ir.Expr | None:
        method = getattr(self, "lower_" + type(e).__name__, None)
        if method is None:  # a surface node this pass does not know: a compiler bug, fail loudly
            raise NotImplementedError(f"lower_expr: unhandled surface node {type(e).__name__}")
        result: ir.Expr | None = method(e)
        return result

    def lower_Literal(self, e: s.Literal) -> ir.Expr | None:
        if e.kind == "history":
            self.diags.error("E306", f"`{e.text}` is a housing history: use it as `housing_lates at most {e.text}`.",
                             e.span, "Write `<list of late payments> at most NxDDxMM`.")
            return None
        value = e.value
        assert not isinstance(value, s.History)
        if e.kind == "days" and isinstance(value, Decimal) and value != value.to_integral_value():
            self.diags.error("E320", f"`{e.text}` is not a whole number of days.", e.span,
                             "Days are counted whole: write e.g. `180 days`, or `2 weeks` (14 days).")
            return None
        return ir.Const(value, _lit_type(e), e.text, e.span)

    def lower_Name(self, e: s.Name) -> ir.Expr | None:
        name = e.name
        if name in self.scope.fields:
            f = self.scope.fields[name]
            return ir.FieldRef(name, f.type, e.span)
        if name in self.scope.value_names():
            t = self.scope.value_type(name, e.span)
            if t is None:
                return None
            return ir.ValueRef(name, t, e.span)
        if name in self.scope.limits:
            self.diags.error("E205", f"`{name}` is a limit; a limit cannot be used inside a condition.", e.span,
                             f"Compare the value it bounds instead, e.g. `{self.scope.limits[name].on}`.")
            return None
        owners = [f.name for f in self.scope.fields.values() if name in f.type.values]
        if owners:
            self.diags.error("E202", f"`{name}` is a value of `{owners[0]}`, not a field.", e.span,
                             f"Write `{owners[0]} is {name}`.")
            return None
        candidates = list(self.scope.fields) + self.scope.value_names()
        if self.scope.program:
            self.diags.error("E208", f"`{name}` is neither a field of the loan vocabulary nor a value of this program."
                             f"{did_you_mean(name, candidates)}", e.span,
                             f"Check the spelling, or declare it in this program: `value {name} \"Title\" = ...` "
                             "(programs/loan.fields lists the fields and shared values).")
            return None
        self.diags.error("E201", f"Unknown field `{name}`.{did_you_mean(name, candidates)}", e.span,
                         "Programs can use only the fields and values declared in programs/loan.fields.")
        return None

    def lower_Binary(self, e: s.Binary) -> ir.Expr | None:
        if e.op == "/":
            self.diags.error(
                "E307",
                "A division can only stand at the end of a `value`, whose rounding then applies to it.",
                e.span,
                "Declare a value, e.g. `value payment_shock = pitia / current_housing_payment as percent, "
                "rounded up to 2 decimals`, and use its name here; write `a * c / b` rather than `a / b * c`.",
            )
            return None
        left, right = self.expr(e.left), self.expr(e.right)
        if left is None or right is None:
            return None
        op = e.op
        assert op in ("+", "-", "*")
        if not left.type.numeric or not right.type.numeric:
            bad = e.left if not left.type.numeric else e.right
            bad_type = left.type if not left.type.numeric else right.type
            self.diags.error("E308", f"`{op}` needs numbers, but this is {bad_type.describe()}.", bad.span,
                             "Arithmetic works on money, percents, ratios, months and integers.")
            return None
        if op in ("+", "-"):
            left, right = self.adapt_pair(left, right)
            if not same_number_type(left.type, right.type):
                self.diags.error(
                    "E301",
                    f"Cannot {'add' if op == '+' else 'subtract'} {finished(right.type).describe()} "
                    f"{'to' if op == '+' else 'from'} {finished(left.type).describe()}.",
                    e.span,
                    "Both sides must have the same type and unit.",
                )
                return None
            return ir.Arith("+" if op == "+" else "-", left, right, left.type, e.span)
        # multiplication: percents become ratios, units multiply
        left, right = self._as_ratio(left), self._as_ratio(right)
        ld, rd = _dims(finished(left.type)), _dims(finished(right.type))
        if left.type == BARE:
            return ir.Arith("*", left, right, right.type, e.span)
        if right.type == BARE:
            return ir.Arith("*", left, right, left.type, e.span)
        result = _type_of_dims({k: ld.get(k, 0) + rd.get(k, 0) for k in {*ld, *rd}}) if ld is not None and rd is not None else None
        if result is None:
            self.diags.error("E309", f"Multiplying {left.type.describe()} by {right.type.describe()} gives no unit the language knows.",
                             e.span, "Multiply money by a percent or ratio, or a monthly amount by months.")
            return None
        return ir.Arith("*", left, right, result, e.span)

    def _as_ratio(self, x: ir.Expr) -> ir.Expr:
        if x.type.kind == "percent":
            return ir.Scale(x, -2, ir_types.RATIO, x.span)
        return x

    def lower_Neg(self, e: s.Neg) -> ir.Expr | None:
        x = self.expr(e.operand)
        if x is None:
            return None
        if not x.type.numeric:
            self.diags.error("E308", f"`-` needs a number, but this is {x.type.describe()}.", e.span, "Remove the minus sign.")
            return None
        return ir.Neg(x, x.type, e.span)

    def lower_AsPercent(self, e: s.AsPercent) -> ir.Expr | None:
        if isinstance(e.operand, s.Binary) and e.operand.op == "/":
            return self.lower_Binary(e.operand)  # reports E307
        x = self.expr(e.operand)
        if x is None:
            return None
        if finished(x.type).kind != "ratio":
            self.diags.error("E310", f"Only a ratio can be shown `as percent`; this is {finished(x.type).describe()}.",
                             e.span, "Use `as percent` on a division of two amounts of the same unit.")
            return None
        return ir.Scale(x, 2, ir_types.PERCENT, e.span)

    def lower_Default(self, e: s.Default) -> ir.Expr | None:
        x, y = self.expr(e.operand), self.expr(e.fallback)
        if x is None or y is None:
            return None
        x, y = self.adapt_pair(x, y)
        if not self.same_type(x.type, y.type):
            self.diags.error("E301", f"The default {finished(y.type).describe()} does not match {finished(x.type).describe()}.",
                             e.fallback.span, "Give a default of the same type and unit.")
            return None
        return ir.Default(x, y, x.type, e.span)

    def lower_Extremum(self, e: s.Extremum) -> ir.Expr | None:
        args = [self.expr(a) for a in e.args]
        if any(a is None for a in args):
            return None
        typed = [a for a in args if a is not None]
        if len(typed) < 2:
            self.diags.error("E311", f"`{e.kind} of` needs at least two values.", e.span, f"Write `{e.kind} of (a, b)`.")
            return None
        first = next((a for a in typed if a.type not in (BARE, MONEY_LITERAL)), typed[0])
        typed = [self.adapt(a, first.type) for a in typed]
        for a, src in zip(typed, e.args, strict=True):
            if not a.type.numeric or not self.same_type(a.type, first.type):
                self.diags.error("E301", f"`{e.kind} of` compares values of one type; this is {finished(a.type).describe()}, "
                                 f"not {finished(first.type).describe()}.", src.span, "Give values of the same type and unit.")
                return None
        return ir.Extremum(e.kind, tuple(typed), finished(first.type), e.span)

    def lower_IfThenElse(self, e: s.IfThenElse) -> ir.Expr | None:
        cond = self.condition(e.cond)
        a, b = self.expr(e.then), self.expr(e.otherwise)
        if cond is None or a is None or b is None:
            return None
        a, b = self.adapt_pair(a, b)
        if not self.same_type(a.type, b.type):
            self.diags.error("E301", f"The two branches of `if` differ: {finished(a.type).describe()} and {finished(b.type).describe()}.",
                             e.otherwise.span, "Both branches must give the same type and unit.")
            return None
        return ir.IfThenElse(cond, a, b, a.type, e.span)

    # ---------------------------------------------------------------- conditions
    def lower_Compare(self, e: s.Compare) -> ir.Expr | None:
        left, right = self.expr(e.left), (None if self._is_history(e.right) else self.expr(e.right))
        if left is None:
            return None
        if left.type.kind == "list":
            return self._history(e, left)
        if right is None:
            if self._is_history(e.right):
                self.diags.error("E306", "A housing history (NxDDxMM) is compared with a list of late payments.", e.right.span,
                                 "Write `housing_lates at most 0x30x12`.")
            return None
        op = e.op
        if (right.type.kind == "enum" and isinstance(e.left, s.Name)) or left.type.kind == "enum":
            self.diags.error("E312", "Values of a `one of` field are compared with `is` or `in`.", e.span,
                             "Write e.g. `occupancy is primary` or `state in (CA, NV)`.")
            return None
        left, right = self.adapt_pair(left, right)
        if not self._comparable(left, right, e):
            return None
        if op not in ("<", "<=", ">", ">=", "=", "!="):
            raise NotImplementedError(op)
        test = ir.Compare(op, self.finish(left), self.finish(right), e.span)  # type: ignore[arg-type]
        flags = self.no_score_flags(test)
        return replace(test, no_score=tuple(flags)) if flags else test

    # ---------------------------------------------------------------- no score (`allows: no score`)
    def no_score_flags(self, x: ir.Expr, seen: set[str] | None = None) -> list[str]:
        """The `<field>_no_score` fields of the numbers `x` reads with `allows: no score`, directly or through values."""
        seen = set() if seen is None else seen
        out: list[str] = []
        for ref in ir.find_all(x, ir.FieldRef):
            f = self.scope.fields.get(ref.name)
            if f is not None and f.no_score and f.no_score not in out:
                out.append(f.no_score)
        for vref in ir.find_all(x, ir.ValueRef):
            if vref.name not in seen:
                seen.add(vref.name)
                v = self.scope.value_of(vref.name)
                if v is not None:
                    out += [n for n in self.no_score_flags(v.body, seen) if n not in out]  # type: ignore[arg-type]
        return out

    def lower_IsNoScore(self, e: s.IsNoScore) -> ir.Expr | None:
        x = self.expr(e.operand)
        if x is None:
            return None
        f = self.scope.fields.get(x.name) if isinstance(x, ir.FieldRef) else None
        if e.word.name != "score" or f is None or not f.no_score:
            what = f"`{e.operand.name}`" if isinstance(e.operand, s.Name) else "this"
            with_none = [n for n, g in self.scope.fields.items() if g.no_score]
            self.diags.error("E246", f"`is no {e.word.name}` tests a number whose field says `allows: no score`; {what} "
                                     "does not.", e.span,
                             (f"Write e.g. `{with_none[0]} is no score`" if with_none else "Add `allows: no score` to the field in loan.fields")
                             + " (true when the loan says there is no score at all; unknown when the score is not given).")
            return None
        flag: ir.Expr = ir.FieldRef(f.no_score, ir_types.YESNO, e.span)
        return ir.Not(flag, e.span) if e.negated else flag

    def _is_history(self, e: s.Expr) -> bool:
        return isinstance(e, s.Literal) and e.kind == "history"

    def _history(self, e: s.Compare, left: ir.Expr) -> ir.Expr | None:
        if not (isinstance(e.right, s.Literal) and isinstance(e.right.value, s.History)):
            self.diags.error("E313", "A list is compared with a housing history like `0x30x12`.", e.right.span,
                             "Write e.g. `housing_lates at most 1x30x12`.")
            return None
        if e.op != "<=":
            self.diags.error("E313", "A housing history is a maximum: write `at most`.", e.span,
                             f"Write `... at most {e.right.text}`.")
            return None
        if not isinstance(left, ir.FieldRef):
            return None
        record = self.scope.records.get(left.type.record)
        if record is None:
            return None
        dates = [f for f in record.fields if f.type.kind == "date"]
        days = [f for f in record.fields if f.type.kind == "integer" and f.type.unit == "days"]
        if len(dates) != 1 or len(days) != 1:
            self.diags.error("E314", f"`{left.name}` is not a list of late payments (one date and one `days` field).",
                             e.left.span, "Use the list of late housing payments, e.g. `housing_lates`.")
            return None
        h = e.right.value
        count = ir.CountLates(left.name, days[0].name, dates[0].name, h.days, h.months, self.scope.as_of,
                              ir_types.Type("integer", unit="payments"), e.span)
        limit = ir.Const(Decimal(h.count), ir_types.Type("integer", unit="payments"), str(h.count), e.right.span)
        return ir.Compare("<=", count, limit, e.span)

    def _comparable(self, left: ir.Expr, right: ir.Expr, e: s.Compare) -> bool:
        lt, rt = left.type, right.type
        if lt.numeric and rt.numeric:
            if self.same_type(lt, rt):
                return True
            pct = lt.kind == "percent" or rt.kind == "percent"
            bare = BARE in (lt, rt)
            if pct and bare:
                other = e.right if rt == BARE else e.left
                text = other.text if isinstance(other, s.Literal) else "80"
                self.diags.error("E302", f"`{text}` is compared with a percent: write it as a percent.", other.span,
                                 f"Write `{text}%`.")
                return False
            if {lt.kind, rt.kind} == {"months", "days"}:
                days = e.right if rt.kind == "days" else e.left
                self.diags.error("E319", "Months and days cannot be compared: a month is not a fixed number of days.",
                                 days.span, "Compare days with days and months with months; for \"6 months or 180 days\" "
                                 "write `months since purchase_date >= 6 months or days since purchase_date >= 180 days`.")
                return False
            if {lt.kind, rt.kind} == {"ratio", "percent"}:
                other = e.right if rt.kind == "percent" else e.left
                self.diags.error("E303", "A ratio is compared with a percent.", other.span,
                                 "Write ratios as plain numbers (DSCR `1.25`, not `125%`), or compare with a percent value.")
                return False
            self.diags.error(
                "E301",
                f"Cannot compare {self._what(e.left, lt)} with {self._what(e.right, rt)}.",
                e.span,
                "Both sides must have the same type and unit.",
            )
            return False
        if lt.kind == rt.kind and lt.kind in ("date", "yesno"):
            return True
        self.diags.error("E301", f"Cannot compare {self._what(e.left, lt)} with {self._what(e.right, rt)}.", e.span,
                         "Both sides must have the same type and unit.")
        return False

    def _what(self, e: s.Expr, t: ir_types.Type) -> str:
        name = f"`{e.name}` " if isinstance(e, s.Name) else (f"`{e.text}` " if isinstance(e, s.Literal) else "")
        return f"{name}({finished(t).describe()})"

    def lower_IsKnown(self, e: s.IsKnown) -> ir.Expr | None:
        x = self.expr(e.operand)
        if x is None:
            return None
        f = self.scope.fields.get(x.name) if isinstance(x, ir.FieldRef) else None
        return ir.IsKnown(x, e.negated, e.span, no_score=f.no_score if f is not None else "")

    def lower_IsValue(self, e: s.IsValue) -> ir.Expr | None:
        x = self.expr(e.operand)
        if x is None:
            return None
        if isinstance(e.value, s.Literal):
            if x.type.kind != "yesno":
                what = f"`{e.operand.name}`" if isinstance(e.operand, s.Name) else "this"
                self.diags.error("E315", f"`{e.value.text}` is a yes/no answer, but {what} is {finished(x.type).describe()}.",
                                 e.value.span, "Use `is yes` / `is no` only with yes/no fields.")
                return None
            test: ir.Expr = x if e.value.value is True else ir.Not(x, e.span)
            return ir.Not(test, e.span) if e.negated else test
        values = self._enum_values(x, [e.value], e.operand)
        if values is None:
            return None
        return ir.InSet(x, values, e.negated, e.span)

    def lower_InList(self, e: s.InList) -> ir.Expr | None:
        x = self.expr(e.operand)
        if x is None:
            return None
        if finished(x.type).numeric:
            return self._in_numbers(e, x)
        values = self._enum_values(x, list(e.items), e.operand)
        if values is None:
            return None
        return ir.InSet(x, values, e.negated, e.span)

    def _in_numbers(self, e: s.InList, x: ir.Expr) -> ir.Expr | None:
        """`x in (36 months, 60 months)`: x equals one of the numbers (`not in`: none of them), each compared as
        `=` compares, in the same type and unit."""
        tests: list[ir.Expr] = []
        for item in e.items:
            y = self.expr(item)
            if y is None:
                return None
            left, right = self.adapt_pair(x, y)
            if not self._comparable(left, right, s.Compare("=", e.operand, item, item.span)):
                return None
            tests.append(ir.Compare("=", self.finish(left), self.finish(right), item.span))
        either: ir.Expr = tests[0] if len(tests) == 1 else ir.Or(tuple(tests), e.span)
        return ir.Not(either, e.span) if e.negated else either

    def lower_InNamedList(self, e: s.InNamedList) -> ir.Expr | None:
        x = self.expr(e.operand)
        if x is None:
            return None
        named = self.scope.lists.get(e.list_name.name)
        if named is None:
            declared = sorted(n for n, lst in self.scope.lists.items() if not lst.builtin)
            builtins = sorted(n for n, lst in self.scope.lists.items() if lst.builtin)
            self.diags.error("E243", f"There is no reference list `{e.list_name.name}`.{did_you_mean(e.list_name.name, self.scope.lists)}",
                             e.list_name.span,
                             (f"Name a list declared in loan.fields ({', '.join(declared)}) or a built-in list"
                              if declared else "Name a built-in list") + f" ({', '.join(builtins)}), or write the choices "
                             "out: `in (a, b)`. A new list is declared in loan.fields: `list <name> \"<title>\" of countries: CU, IR`.")
            return None
        if x.type.kind != "enum":
            what = e.operand.name if isinstance(e.operand, s.Name) else "this"
            self.diags.error("E316", f"A reference list holds choices of a `one of` field; `{what}` is "
                                     f"{x.type.describe()}.", e.operand.span,
                             "Test a choice field against the list (`residence_state in us_territories`), or compare "
                             "a number with `=`, `in (2, 4)` or a band: `>=`, `<=`, `<`, `>`.")
            return None
        outside = [c for c in named.codes if c not in x.type.values]
        if outside:
            what = f"`{e.operand.name}`" if isinstance(e.operand, s.Name) else "this"
            shown = ", ".join(outside[:5]) + (" and more" if len(outside) > 5 else "")
            self.diags.error("E244", f"The list `{named.name}` holds codes {what} never takes: {shown}.", e.list_name.span,
                             f"Use a list chosen from {what}'s own choices (declare it with `list <name> \"<title>\" of "
                             f"{x.type.enum}: ...`), or a field whose choices are `{named.source}`.")
            return None
        return ir.InSet(x, named.codes, e.negated, e.span, list_name=named.name, list_title=named.title)

    def _enum_values(self, x: ir.Expr, items: list[s.Name | s.Literal], operand: s.Expr) -> tuple[str, ...] | None:
        if x.type.kind != "enum":
            t = finished(x.type)
            if not t.numeric:
                self.diags.error("E316", f"`is`/`in` pick values of a `one of` field, but this is {t.describe()}.",
                                 operand.span, "Compare it with `=` or `!=`, or test a yes/no with `when <name>`.")
                return None
            what = operand.name if isinstance(operand, s.Name) else "x"
            a, b = _EXAMPLES.get(t.kind, ("2", "3"))
            self.diags.error("E316", f"`is` picks a choice of a `one of` field; `{what}` is {t.describe()}, a number.",
                             operand.span,
                             f"Compare a number with `=` (`{what} = {a}`), list the numbers it may be with `in` "
                             f"(`{what} in ({a}, {b})`), or use a band: `>=`, `<=`, `<`, `>`.")
            return None
        out: list[str] = []
        ok = True
        for item in items:
            if not isinstance(item, s.Name) or item.name not in x.type.values:
                text = item.name if isinstance(item, s.Name) else item.text
                self.diags.error("E203", f"`{text}` is not a value of `{x.type.enum}`.{did_you_mean(text, x.type.values)}",
                                 item.span, f"Values of `{x.type.enum}`: " + ", ".join(x.type.values) + ".")
                ok = False
                continue
            if item.name in out:
                self.diags.warning("W102", f"`{item.name}` is listed twice.", item.span, "Remove the repeated value.")
            out.append(item.name)
        return tuple(out) if ok else None

    def lower_BoolOp(self, e: s.BoolOp) -> ir.Expr | None:
        parts = [self.condition(x) for x in e.operands]
        if any(p is None for p in parts):
            return None
        typed = tuple(p for p in parts if p is not None)
        return ir.And(typed, e.span) if e.op == "and" else ir.Or(typed, e.span)

    def lower_Not(self, e: s.Not) -> ir.Expr | None:
        x = self.condition(e.operand)
        return None if x is None else ir.Not(x, e.span)

    def lower_MonthsSince(self, e: s.MonthsSince) -> ir.Expr | None:
        x = self.lower_Name(e.date)
        if x is None:
            return None
        if x.type.kind != "date":
            self.diags.error("E317", f"`{e.unit} since` needs a date, but `{e.date.name}` is {x.type.describe()}.", e.date.span,
                             f"Name a date field, e.g. `{e.unit} since forbearance_end`.")
            return None
        return ir.MonthsSince(x, self.scope.as_of, _SINCE[e.unit], e.span)

    def lower_MonthsSinceLatest(self, e: s.MonthsSinceLatest) -> ir.Expr | None:
        x = self.lower_Name(e.list_name)
        if x is None:
            return None
        if x.type.kind != "list":
            self.diags.error("E318", f"`{e.unit} since latest` needs a list, but `{e.list_name.name}` is {x.type.describe()}.",
                             e.list_name.span, f"Name a list field such as `credit_events`, or write `{e.unit} since <date>`.")
            return None
        record = self.scope.records.get(x.type.record)
        if record is None:
            return None
        dates = [f for f in record.fields if f.type.kind == "date"]
        kinds = [f for f in record.fields if f.type.kind == "enum"]
        if len(dates) != 1 or len(kinds) != 1:
            self.diags.error("E318", f"The items of `{e.list_name.name}` need one date and one kind to count {e.unit} since.",
                             e.list_name.span, "Use a list of dated events such as `credit_events`.")
            return None
        chosen: list[str] = []
        for k in e.kinds:
            if k.name not in kinds[0].type.values:
                self.diags.error("E203", f"`{k.name}` is not a kind of {record.name}.{did_you_mean(k.name, kinds[0].type.values)}",
                                 k.span, "Kinds: " + ", ".join(kinds[0].type.values) + ".")
                return None
            chosen.append(k.name)
        return ir.MonthsSinceLatest(e.list_name.name, kinds[0].name, dates[0].name, tuple(chosen), self.scope.as_of,
                                    _SINCE[e.unit], e.span)

    # ---------------------------------------------------------------- helpers
    def same_type(self, a: ir_types.Type, b: ir_types.Type) -> bool:
        a, b = finished(a), finished(b)
        if a.numeric or b.numeric:
            return same_number_type(a, b)
        return a == b

    def adapt(self, x: ir.Expr, target: ir_types.Type) -> ir.Expr:
        """Give a literal the type of the value it meets (a bare number, a money literal, a length in years met by
        a quantity in years: `59.5 years` is 59.5, not 714 months)."""
        if isinstance(x, ir.Const):
            if (x.type == ir_types.MONTHS and target.kind == "quantity" and target.unit == "years"
                    and x.text.endswith(("year", "years"))):
                return replace(x, value=Decimal(x.text.split()[0].replace(",", "")), type=target)
            if x.type == BARE and target.numeric and target.kind != "percent" and target != BARE:
                return replace(x, type=finished(target))
            if x.type == MONEY_LITERAL and target.kind == "money" and target != MONEY_LITERAL:
                return replace(x, type=target)
        if isinstance(x, ir.Neg) and isinstance(x.operand, ir.Const):
            inner = self.adapt(x.operand, target)
            return replace(x, operand=inner, type=inner.type)
        return x

    def adapt_pair(self, a: ir.Expr, b: ir.Expr) -> tuple[ir.Expr, ir.Expr]:
        return self.adapt(a, b.type), self.adapt(b, a.type)

    def finish(self, x: ir.Expr) -> ir.Expr:
        if isinstance(x, ir.Const) and x.type in (BARE, MONEY_LITERAL):
            return replace(x, type=finished(x.type))
        return x


def finish_tree(x: ir.Expr) -> ir.Expr:
    """Give every literal left untyped its final type (bare number -> ratio, money literal -> USD)."""
    return ir.transform(x, _finish_type)


def _finish_type(x: ir.Expr) -> ir.Expr:
    fin = finished(x.type)
    return x if fin == x.type else replace(x, type=fin)
