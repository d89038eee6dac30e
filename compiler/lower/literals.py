"""Band and literal cells: whether a literal fits a type, band edges as IR bands, a table key's label.

Used by value, lookup, matrix and axis lowering (`values.py`, `axes.py`, `rules.py`) and field ranges.
"""

from __future__ import annotations

from decimal import Decimal

from compiler import ir, ir_types
from compiler.diagnostics import Diagnostics
from compiler.syntax import surface as s
from compiler.wording import band_label


def literal_fits(lit: s.Literal, t: ir_types.Type) -> bool:
    """Can this literal stand for a value of type t?"""
    if t.kind == "percent":
        return lit.kind == "percent"
    if t.kind == "money":
        return lit.kind in ("money", "number")
    if t.kind == "months":
        return lit.kind in ("months", "number")
    if t.kind == "days":
        return lit.kind == "number" or (lit.kind == "days" and whole(lit))
    if t.kind == "quantity":
        return lit.kind == "number" or (lit.kind == "months" and in_years(lit, t) is not None)
    if t.kind in ("integer", "ratio"):
        return lit.kind == "number"
    return False


def whole(lit: s.Literal) -> bool:
    return isinstance(lit.value, Decimal) and lit.value == lit.value.to_integral_value()


def in_years(lit: s.Literal, t: ir_types.Type) -> Decimal | None:
    """A length written in years (`59.5 years`, held as 714 months) met by a quantity in years: its number of
    years, as written; None for anything else."""
    if t.kind != "quantity" or t.unit != "years" or lit.kind != "months" or not lit.text.endswith(("year", "years")):
        return None
    return Decimal(lit.text.split()[0].replace(",", ""))


def literal_value(lit: s.Literal, t: ir_types.Type) -> Decimal:
    """The literal's number in the unit of t (the years of `59.5 years` for an age in years)."""
    years = in_years(lit, t)
    return years if years is not None else literal_decimal(lit)


def describe_literal_kind(t: ir_types.Type) -> str:
    return {
        "percent": "a percent like `80%`",
        "money": "an amount like `$1,000,000`",
        "months": "months like `24 months`",
        "days": "whole days like `180 days` or `2 weeks`",
        "quantity": f"a plain number like `20.5`{' or `59.5 years`' if t.unit == 'years' else ''}",
        "integer": "a whole number like `660`",
        "ratio": "a plain number like `1.25`",
    }.get(t.kind, t.describe())


def lower_band(band: s.Band, t: ir_types.Type, what: str, diags: Diagnostics) -> ir.Band | None:
    ok = True
    for lit in (band.low, band.high):
        if lit is not None and not literal_fits(lit, t):
            diags.error(
                "E406",
                f"`{lit.text}` does not fit {what}, which is {t.a()}.",
                lit.span,
                f"Write the band edges as {describe_literal_kind(t)}.",
            )
            ok = False
    if not ok:
        return None
    low = literal_value(band.low, t) if band.low else None
    high = literal_value(band.high, t) if band.high else None
    assert low is None or isinstance(low, Decimal)
    assert high is None or isinstance(high, Decimal)
    label = band_label(low, band.low_inclusive, high, band.high_inclusive, t.kind, t.unit)
    return ir.Band(low, band.low_inclusive, high, band.high_inclusive, label, band.span)


def literal_decimal(lit: s.Literal) -> Decimal:
    assert isinstance(lit.value, Decimal)
    return lit.value


def _decimals(text: str) -> int:
    t = text.rstrip("%").replace(",", "").split()[0].lstrip("$")
    if t[-1:] in ("M", "K"):
        return 0
    return len(t.split(".")[1]) if "." in t else 0



def _axis_label(e: s.Expr) -> str:
    if isinstance(e, s.Name):
        return e.name
    if isinstance(e, s.MonthsSinceLatest):
        kinds = ", ".join(k.name for k in e.kinds)
        return f"{e.unit} since latest {e.list_name.name}" + (f" of ({kinds})" if kinds else "")
    if isinstance(e, s.MonthsSince):
        return f"{e.unit} since {e.date.name}"
    return "value"


def _band_cell(cell: s.Cell, t: ir_types.Type, what: str, diags: Diagnostics) -> ir.Band | None:
    if cell.kind == "band" and cell.band is not None:
        return lower_band(cell.band, t, what, diags)
    if cell.kind == "value" and cell.value is not None and isinstance(cell.value.value, Decimal):
        # a single number as a band: exactly that value
        lit = cell.value
        if not literal_fits(lit, t):
            diags.error("E406", f"`{lit.text}` does not fit {what}, which is {t.a()}.", lit.span,
                        f"Write the band as {describe_literal_kind(t)}.")
            return None
        v = literal_value(lit, t)
        return ir.Band(v, True, v, True, band_label(v, True, v, True, t.kind, t.unit).split("-")[0], cell.span)
    diags.error("E408", f"Expected a band of {what} here, like `660..679`, `740+` or `<= $1,000,000`.", cell.span,
                "Write the band in the first cell of the line.")
    return None

