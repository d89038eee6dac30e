"""How numbers, bands and types read in English: one wording shared by messages, generated code and docs."""

from __future__ import annotations

from decimal import Decimal


def fmt_amount(value: Decimal, kind: str, unit: str = "") -> str:
    """`$1,500,000`, `$2,650.00/month`, `80%`, `82.50%`, `1.25`, `24 months`, `660`."""
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
