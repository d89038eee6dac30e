"""The types of expressions before and after lowering: literal types that adapt to what they meet, and the
dimensions of a product or quotient (money / money is a ratio, money per month x months is money)."""

from __future__ import annotations

from compiler import ir_types
from compiler.syntax import surface as s

# Literal types before they meet the value they are compared with: a bare number adapts to any
# number but a percent; a money literal adapts to any money unit (USD or USD per month).
BARE = ir_types.Type("ratio", unit="(number)")
MONEY_LITERAL = ir_types.Type("money", unit="(money)")
HISTORY = ir_types.Type("history")


def _lit_type(lit: s.Literal) -> ir_types.Type:
    return {
        "number": BARE,
        "money": MONEY_LITERAL,
        "percent": ir_types.PERCENT,
        "months": ir_types.MONTHS,
        "days": ir_types.DAYS,
        "date": ir_types.DATE,
        "history": HISTORY,
        "yes": ir_types.YESNO,
        "no": ir_types.YESNO,
    }[lit.kind]


def finished(t: ir_types.Type) -> ir_types.Type:
    """A literal's type once nothing adapted it: a bare number is a ratio, a money literal is USD."""
    if t is BARE or t == BARE:
        return ir_types.RATIO
    if t == MONEY_LITERAL:
        return ir_types.Type("money", unit="USD")
    return t


def same_number_type(a: ir_types.Type, b: ir_types.Type) -> bool:
    return a.kind == b.kind and a.unit == b.unit


# Units as dimensions, for * and /.
def _dims(t: ir_types.Type) -> dict[str, int] | None:
    if t.kind in ("ratio", "percent"):
        return {}
    if t.kind == "months":
        return {"month": 1}
    if t.kind == "days":
        return {"day": 1}
    if t.kind == "money":
        unit = t.unit or "USD"
        if unit.endswith(" per month"):
            return {unit[: -len(" per month")]: 1, "month": -1}
        return {unit: 1}
    if t.kind == "integer":
        return {t.unit or "count": 1}
    return None


def _type_of_dims(dims: dict[str, int]) -> ir_types.Type | None:
    dims = {k: v for k, v in dims.items() if v}
    if not dims:
        return ir_types.RATIO
    if dims == {"month": 1}:
        return ir_types.MONTHS
    if dims == {"day": 1}:
        return ir_types.DAYS
    money = [k for k in dims if k not in ("month", "day", "count")]
    if len(money) == 1 and dims[money[0]] == 1:
        unit = money[0]
        if dims.get("month", 0) == 0:
            return ir_types.Type("money", unit=unit) if unit == "USD" else ir_types.Type("integer", unit=unit)
        if dims.get("month") == -1 and unit == "USD":
            return ir_types.Type("money", unit="USD per month")
    return None
