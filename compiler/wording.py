"""How numbers, bands and types read in English: one wording shared by messages, generated code and docs."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

Choices = Mapping[str, Mapping[str, str]]  # {enum field (or `<list>.<kind field>`): {value: label}}


def fmt_amount(value: Decimal, kind: str, unit: str = "") -> str:
    """`$1,500,000`, `$2,650.00/month`, `80%`, `82.50%`, `1.25`, `24 months`, `180 days`,
    `20.5 acres`, `660`."""
    if kind == "money":
        whole = value == value.to_integral_value()
        text = f"${value:,.0f}" if whole else f"${value:,.2f}"
        if value < 0:
            text = "-" + text.replace("-", "")
        return text + ("/month" if unit.endswith("per month") else "")
    if kind == "percent":
        return f"{_plain(value)}%"
    if kind == "months":
        return f"{_plain(value)} month{'' if value == 1 else 's'}"
    if kind == "days":
        return f"{_plain(value)} day{'' if value == 1 else 's'}"
    if kind == "quantity":
        return f"{Decimal(_plain(value)):,f} {unit}"
    return _plain(value)


def _plain(value: Decimal) -> str:
    """A Decimal without exponent or needless trailing zeros beyond what it carries."""
    if value == value.to_integral_value():
        return f"{value.quantize(Decimal(1)):f}"
    return f"{value:f}"


def band_label(low: Decimal | None, low_inclusive: bool, high: Decimal | None, high_inclusive: bool,
               kind: str, unit: str = "") -> str:
    """`660-679`, `740+`, `up to $1,000,000`, `$1,000,001-$1,500,000`, `over $2,000,000`, `under 0.75`."""
    def f(v: Decimal) -> str:
        return fmt_amount(v, kind, unit)

    if low is not None and high is not None:
        text = f"{f(low)}-{f(high)}"
        if not low_inclusive:
            text = f"over {f(low)} to {f(high)}"
        if not high_inclusive:
            text += " (excl.)"
        return text
    if low is not None:
        return f"{f(low)}+" if low_inclusive else f"over {f(low)}"
    if high is not None:
        return f"up to {f(high)}" if high_inclusive else f"under {f(high)}"
    return "any"


# ------------------------------------------------------------------ expressions in English
# One wording for the checkers' messages and the documentation pages.

_OPS = {">=": "at least", "<=": "at most", ">": "more than", "<": "less than", "=": "equal to", "!=": "not equal to"}


def _either(shown: list[str]) -> str:
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " or " + shown[-1]


def _one_of(x: object) -> tuple[object, list[object]] | None:
    """(operand, constants) when an `or` is `operand = c1 or operand = c2 ...` (what `operand in (c1, c2)` lowers to)."""
    from compiler import ir

    assert isinstance(x, ir.Or)
    parts = x.operands
    if not all(isinstance(p, ir.Compare) and p.op == "=" and isinstance(p.right, ir.Const) for p in parts):
        return None
    first = parts[0]
    assert isinstance(first, ir.Compare)
    if any(p.left != first.left for p in parts if isinstance(p, ir.Compare)):
        return None
    return first.left, [p.right for p in parts if isinstance(p, ir.Compare)]


def describe(x: object, titles: dict[str, str] | None = None, choices: Choices | None = None) -> str:
    """An IR expression in plain English: `DTI at most 50%`, `occupancy is primary or second_home`.

    `choices` (the documentation's) names enum values by their labels: {field: {value: label}}, a list's
    kinds under `<list field>.<kind field>`; without it values are shown as written (the checkers' messages)."""
    from compiler import ir

    t = titles or {}
    by_field = choices or {}

    def d(e: object) -> str:
        return describe(e, t, choices)

    if isinstance(x, ir.Const):
        if isinstance(x.value, Decimal):
            return fmt_amount(x.value, x.type.kind, x.type.unit)
        if isinstance(x.value, bool):
            return "yes" if x.value else "no"
        return str(x.value)
    if isinstance(x, (ir.FieldRef, ir.ValueRef)):
        return t.get(x.name, x.name)
    if isinstance(x, ir.Compare):
        if isinstance(x.left, ir.CountLates) and x.op == "<=" and isinstance(x.right, ir.Const):
            c = x.left
            return (f"housing history {x.right.text}x{c.min_days}x{c.months} (at most {x.right.text} payment"
                    f"{'' if x.right.text == '1' else 's'} {c.min_days}+ days late in the last {c.months} months)")
        return f"{d(x.left)} {_OPS[x.op]} {d(x.right)}"
    if isinstance(x, ir.InSet) and x.list_name:
        return f"{d(x.operand)} is {'not ' if x.negated else ''}in {x.list_title} ({x.list_name})"
    if isinstance(x, ir.InSet):
        named = by_field.get(x.operand.name, {}) if isinstance(x.operand, ir.FieldRef) else {}
        vals = [named.get(v, v) for v in x.values]
        shown = vals[0] if len(vals) == 1 else ", ".join(vals[:-1]) + " or " + vals[-1]
        return f"{d(x.operand)} is {'not ' if x.negated else ''}{shown}"
    if isinstance(x, ir.IsKnown):
        return f"{d(x.operand)} is {'unknown' if x.negated else 'known'}"
    if isinstance(x, ir.And):
        return " and ".join(_paren(p, t, choices) for p in x.operands)
    if isinstance(x, ir.Or):
        if (listed := _one_of(x)) is not None:  # `x in (36 months, 60 months)`
            return f"{d(listed[0])} is {_either([d(v) for v in listed[1]])}"
        return " or ".join(_paren(p, t, choices) for p in x.operands)
    if isinstance(x, ir.Not):
        inner = x.operand
        if isinstance(inner, ir.Or) and (listed := _one_of(inner)) is not None:  # `x not in (...)`
            return f"{d(listed[0])} is not {_either([d(v) for v in listed[1]])}"
        if isinstance(inner, ir.Compare) and inner.op == "=":  # `x not in (12 months)`
            return f"{d(inner.left)} is not {d(inner.right)}"
        if isinstance(inner, (ir.FieldRef, ir.ValueRef)):
            return f"not {d(inner)}"
        return f"not ({d(inner)})"
    if isinstance(x, ir.Arith):
        right_too = x.op in ("*", "/", "-")  # a - (b + c) keeps its parentheses; (a + b) + c needs none
        return f"{_sum(x.left, t, choices, x.op in ('*', '/'))} {x.op} {_sum(x.right, t, choices, right_too)}"
    if isinstance(x, ir.Scale):
        return d(x.operand) if x.power == -2 else f"{_sum(x.operand, t, choices, True)} as percent"
    if isinstance(x, ir.Neg):
        return f"-{d(x.operand)}"
    if isinstance(x, ir.DivRound):
        return f"{_sum(x.numerator, t, choices, True)} / {_sum(x.denominator, t, choices, True)}, {x.rounding.describe()}"
    if isinstance(x, ir.Round):
        return f"{d(x.operand)}, {x.rounding.describe()}"
    if isinstance(x, ir.Extremum):
        return f"{x.kind} of ({', '.join(d(a) for a in x.args)})"
    if isinstance(x, ir.Default):
        return f"{d(x.operand)} (default {d(x.fallback)})"
    if isinstance(x, ir.IfThenElse):
        return f"if {d(x.cond)} then {d(x.then)} else {d(x.otherwise)}"
    if isinstance(x, ir.MonthsSince):
        return f"{x.type.kind} since {d(x.date)}"
    if isinstance(x, ir.MonthsSinceLatest):
        named = by_field.get(f"{x.list_field}.{x.kind_field}", {})
        kinds = f" ({', '.join(named.get(k, k) for k in x.kinds)})" if x.kinds else ""
        return f"{x.type.kind} since the latest {t.get(x.list_field, x.list_field)}{kinds}"
    if isinstance(x, ir.CountLates):
        return f"payments {x.min_days}+ days late in the last {x.months} months"
    if isinstance(x, ir.Category):
        label = dict(zip(x.type.values, x.type.labels, strict=False))
        lines = "; ".join(f"{label.get(c, c)} when {d(w)}" for c, w in zip(x.choices, x.conds, strict=True))
        return f"{lines}; otherwise {label.get(x.otherwise, x.otherwise)}"
    raise NotImplementedError(f"describe: unhandled IR node {type(x).__name__}")


def _sum(x: object, titles: dict[str, str], choices: Choices | None, bracket: bool) -> str:
    """An operand of `*`, `/`, `as percent` or the right of `-`: a sum or difference in parentheses, so that
    `(a + b) / c` never reads as `a + b / c`."""
    from compiler import ir

    text = describe(x, titles, choices)
    return f"({text})" if bracket and isinstance(x, ir.Arith) and x.op in ("+", "-") else text


def _paren(x: object, titles: dict[str, str], choices: Choices | None = None) -> str:
    from compiler import ir

    text = describe(x, titles, choices)
    return f"({text})" if isinstance(x, (ir.And, ir.Or)) else text


def describe_requirement(req: object, titles: dict[str, str] | None = None, choices: Choices | None = None) -> str:
    """`DTI at most 50%; or DTI at most 55% when FICO at least 720 and LTV at most 80%`."""
    from compiler import ir

    assert isinstance(req, ir.Requirement)
    text = describe(req.test, titles, choices)
    for alt in req.alternatives:
        text += f"; or {describe(alt.test, titles, choices)} when {describe(alt.when, titles, choices)}"
    return text
