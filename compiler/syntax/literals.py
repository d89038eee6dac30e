"""Literal text of the language turned into exact values: numbers as guidelines write them, quoted strings.

`$1.5M` -> Decimal('1500000'), `80%` -> Decimal('80') (percent as written); a number longer than any a guideline
states raises `TooManyDigits`.
"""

from __future__ import annotations

from decimal import Decimal

MAX_INTEGER_DIGITS = 15  # $999 trillion: more than any amount, score or ratio a guideline states
MAX_DECIMALS = 10


class TooManyDigits(ValueError):
    """A number longer than any a guideline states: it could not be computed with exactly."""


def parse_decimal(text: str) -> Decimal:
    """`1,500,000`, `$1.5M`, `250K`, `80%` -> exact Decimal (percent as written: 80)."""
    t = text.strip().lstrip("$").rstrip("%").replace(",", "")
    whole, _, frac = t.rstrip("MK").partition(".")
    if len(whole.lstrip("0")) > MAX_INTEGER_DIGITS or len(frac) > MAX_DECIMALS:
        raise TooManyDigits(text)
    scale = Decimal(1)
    if t.endswith("M"):
        scale, t = Decimal(1_000_000), t[:-1]
    elif t.endswith("K"):
        scale, t = Decimal(1_000), t[:-1]
    value = Decimal(t) * scale
    return Decimal(int(value)) if value == value.to_integral_value() else value


def unquote(text: str) -> str:
    """The text of a STRING token: quotes removed, `\\"` and `\\\\` unescaped."""
    body = text[1:-1]
    out: list[str] = []
    i = 0
    while i < len(body):
        ch = body[i]
        if ch == "\\" and i + 1 < len(body):
            nxt = body[i + 1]
            out.append({"n": "\n", "t": "\t"}.get(nxt, nxt))
            i += 2
            continue
        out.append(ch)
        i += 1
    return "".join(out)
