"""Reading the cells of investor spreadsheets: band labels and matrix cells as people type them in Excel.

Used by `xlsx_import` (through the axis kinds of `xlsx_axes`); returns exact Decimals or raises `CellError`
with what was found and how to write it instead. Nothing is guessed: a bare number in a limit cell has no unit
(`0.8` could be 80% or $0.80) and is refused unless the cell is formatted as a percent or as money; a band
edge must fit the axis's type.

    bands   `740+`, `>= 740`, `740 and above`, `1.25x+`, `740-759`, `740 - 759`, `740..759`, `740 to 759`,
            `$1,000,001 - $1,500,000`, `<= 1MM`, `up to $1,000,000`, `< 0.750`, `under 0.750`, `> $2MM`,
            `over $2,000,000`, a single number (exactly that value); `MM` and `M` are millions, `K` thousands
    cells   `80%`, `80.00%`, `0.8` in a percent-formatted cell, `85% / 80%`, `$1,500,000`, a number in a
            currency-formatted cell, `no limit`; `N/A`, `NA`, `-`, `not eligible` and a blank cell are N/A
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from compiler.spellings import MONEY_SIGN, MONEY_SUFFIXES, PERCENT_SIGN, THOUSANDS

Raw = str | int | float | bool | dt.datetime | dt.date | dt.time | dt.timedelta | None


class CellError(Exception):
    """A cell that cannot be read: what it holds, and how to write it so that it can."""

    def __init__(self, problem: str, fix: str) -> None:
        super().__init__(problem)
        self.problem = problem
        self.fix = fix


@dataclass(frozen=True, slots=True)
class Amount:
    """A band edge or a limit: its exact value and what kind of number the text says it is ("" = plain)."""

    value: Decimal
    kind: str  # "money", "percent", "months" or "" (a plain number)


@dataclass(frozen=True, slots=True)
class BandText:
    """A band as read from a cell; None = unbounded."""

    low: Amount | None
    low_inclusive: bool
    high: Amount | None
    high_inclusive: bool


@dataclass(frozen=True, slots=True)
class LimitText:
    """A matrix cell as read: N/A, no limit, or one value per limit (one, or two for `85% / 80%`)."""

    kind: str  # "na", "no_limit", "values"
    values: tuple[Amount, ...] = ()
    blank: bool = False  # an empty cell, read as N/A


NA_TEXT = frozenset({"N/A", "NA", "-", "--", "N / A", "NOT ELIGIBLE", "INELIGIBLE", "#N/A"})  # compared upper-case
NO_LIMIT_TEXT = frozenset({"NO LIMIT", "NO MAX", "NO MAXIMUM", "UNLIMITED"})
SUFFIXES = {**{k.upper(): Decimal(v) for k, v in MONEY_SUFFIXES.items()}, "MM": Decimal(1_000_000)}

_DASHES = str.maketrans({"\u2013": "-", "\u2014": "-", "\u2012": "-", "\u2212": "-", "\u2011": "-", "\u00a0": " ",
                         "\u2265": ">=", "\u2264": "<="})
_AMOUNT = (r"(?:\$\s*)?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?\s*(?:MM|M|K|%|x|months?|mos?\.?|days?|weeks?)?")
_AMOUNT_RE = re.compile(rf"^{_AMOUNT}$", re.IGNORECASE)
_BETWEEN = re.compile(rf"^(?:from\s+)?({_AMOUNT})\s*(?:\.\.|-|to|through|thru)\s*({_AMOUNT})$", re.IGNORECASE)
_OVER_TO = re.compile(rf"^(?:over|above|more than|greater than)\s+({_AMOUNT})\s+(?:to|-)\s+({_AMOUNT})$", re.IGNORECASE)
_PREFIX = [  # (pattern before the amount, low or high, inclusive)
    (r"(?:>=|=>|at least|min\.?|minimum)", "low", True),
    (r"(?:>|over|above|more than|greater than)", "low", False),
    (r"(?:<=|=<|up to|max\.?|maximum|not over|not more than)", "high", True),
    (r"(?:<|under|below|less than)", "high", False),
]
_SUFFIX = [  # (pattern after the amount, low or high, inclusive)
    (r"(?:\+|and above|and over|and up|or above|or more|or higher|or greater|plus)", "low", True),
    (r"(?:and below|and under|or below|or less|or lower|and less)", "high", True),
]
_PAIR = re.compile(r"^(\d+(?:\.\d+)?\s*%)\s*/\s*(\d+(?:\.\d+)?\s*%)$")


def normalise(text: str) -> str:
    """One spelling of spacing, dashes and signs: en/em dashes and the minus sign are hyphens, `≥` is `>=`, `≤` is
    `<=`, runs of spaces one space."""
    return " ".join(text.translate(_DASHES).split())


def read_amount(text: str) -> Amount:
    """`$1,000,001`, `1MM`, `$1.5M`, `950K`, `80%`, `80.00 %`, `24 months`, `180 days`, `2 weeks`
    (14 days), `740`, `0.750` (trailing zeros kept)."""
    t = normalise(text)
    if not _AMOUNT_RE.match(t):
        raise CellError(f"`{text}` is not a number", "Write a number such as `740`, `$1,000,000`, `80%` or `1MM`.")
    kind = ""
    if t.startswith(MONEY_SIGN):
        kind = "money"
        t = t[1:].strip()
    low = t.lower()
    if low.endswith(("months", "month", "mos.", "mos", "mo.", "mo")):
        kind = "months"
        t = re.sub(r"\s*(months?|mos?\.?)$", "", t, flags=re.IGNORECASE)
    weeks = low.endswith(("weeks", "week"))
    if weeks or low.endswith(("days", "day")):  # a length in days; weeks are 7 days
        kind = "days"
        t = re.sub(r"\s*(days?|weeks?)$", "", t, flags=re.IGNORECASE)
    if t[-1:] in ("x", "X") and t[:-1].strip()[-1:].isdigit():  # a coverage ratio: `1.25x`
        t = t[:-1].strip()
    scale = Decimal(1)
    for suffix in sorted(SUFFIXES, key=len, reverse=True):
        if t.upper().endswith(suffix) and t[: -len(suffix)].strip()[-1:].isdigit():
            scale, t, kind = SUFFIXES[suffix], t[: -len(suffix)].strip(), "money"
            break
    if t.endswith(PERCENT_SIGN):
        if kind:
            raise CellError(f"`{text}` is both {kind} and a percent", "Write either `$1,000,000` or `80%`.")
        kind, t = "percent", t[:-1].strip()
    try:
        value = Decimal(t.replace(THOUSANDS, ""))
    except InvalidOperation:
        raise CellError(f"`{text}` is not a number", "Write a number such as `740` or `$1,000,000`.") from None
    if scale != 1:
        value = value * scale
        value = value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()
    if weeks:
        value = value * 7
    return Amount(value, kind)


def read_band(text: str) -> BandText:
    """A band label in one of the spellings of the module docstring; CellError when it is none of them."""
    t = normalise(text)
    hit = _BETWEEN.match(t)
    if hit:
        return BandText(read_amount(hit[1]), True, read_amount(hit[2]), True)
    if _OVER_TO.match(t):
        raise CellError(f"`{text}` starts above its lower edge and the language has no such band",
                        "Write the band with both edges included, e.g. `$1,000,001..$1,500,000` for whole dollars.")
    for pattern, side, inclusive in _PREFIX:
        hit = re.match(rf"^{pattern}\s*({_AMOUNT})$", t, re.IGNORECASE)
        if hit:
            return _one_sided(read_amount(hit[1]), side, inclusive)
    for pattern, side, inclusive in _SUFFIX:
        hit = re.match(rf"^({_AMOUNT})\s*{pattern}$", t, re.IGNORECASE)
        if hit:
            return _one_sided(read_amount(hit[1]), side, inclusive)
    if _AMOUNT_RE.match(t):
        a = read_amount(t)
        return BandText(a, True, a, True)
    raise CellError(f"`{text}` is not a band",
                    "Write the band as `740+`, `>= 740`, `720-739`, `$1,000,001 - $1,500,000`, `<= 1MM` or `< 0.750`.")


def looks_like_band(value: Raw) -> bool:
    """Whether a cell reads as a band with a range in it (`740+`, `720-739`, `<= 1MM`), not a lone number:
    how the grid's first row label is found."""
    if not isinstance(value, str):
        return False
    try:
        band = read_band(value)
    except CellError:
        return False
    return not (band.low == band.high and band.low is not None)


def _one_sided(a: Amount, side: str, inclusive: bool) -> BandText:
    return BandText(a, inclusive, None, False) if side == "low" else BandText(None, False, a, inclusive)


def read_limit(value: Raw, number_format: str) -> LimitText:
    """A matrix cell: text as typed, or a number whose unit its number format gives (percent or currency)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return LimitText("na", blank=True)
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise CellError(f"the cell holds {type(value).__name__} `{value}`, not a limit",
                        "Write the limit as `80%`, `$1,500,000`, `N/A` or `no limit`.")
    if isinstance(value, (int, float)):
        return LimitText("values", (number_amount(value, number_format),))
    t = normalise(value)
    if t.upper() in NA_TEXT:
        return LimitText("na")
    if t.upper() in NO_LIMIT_TEXT:
        return LimitText("no_limit")
    pair = _PAIR.match(t)
    if pair:
        return LimitText("values", (read_amount(pair[1]), read_amount(pair[2])))
    try:
        amount = read_amount(t)
    except CellError:
        raise CellError(f"`{value}` is not a limit",
                        "Write the limit as `80%`, `85% / 80%`, `$1,500,000`, `N/A` or `no limit`.") from None
    if not amount.kind:
        raise _no_unit(t)
    return LimitText("values", (amount,))


def number_amount(value: int | float, number_format: str) -> Amount:
    """A number cell: its exact value (12 significant digits, what a spreadsheet float carries), in percent points
    when the cell is formatted as a percent (0.8 shown as 80%), money when formatted as a currency."""
    exact = Decimal(format(value, ".12g")) if isinstance(value, float) else Decimal(value)
    fmt = _format_section(number_format)
    if "%" in fmt:
        points = (exact * 100).normalize()
        places = format_places(number_format)
        if decimals(points) < places:
            points = points.quantize(Decimal(1).scaleb(-places))
        elif points == points.to_integral_value():
            points = points.quantize(Decimal(1))
        if points > 100:
            raise CellError(f"the cell holds {value} formatted as a percent, which shows {points}%",
                            f"Write `{exact}%`, or enter {exact / 100} in the percent-formatted cell.")
        return Amount(points, "percent")
    if "$" in fmt or "[$" in fmt:
        places = format_places(number_format)
        shown = exact.quantize(Decimal(1).scaleb(-places)) if places and exact != exact.to_integral_value() else exact
        return Amount(shown.quantize(Decimal(1)) if shown == shown.to_integral_value() else shown, "money")
    raise _no_unit(f"{value:g}" if isinstance(value, float) else str(value))


def decimals(value: Decimal) -> int:
    """How many decimals a Decimal is written with (`80.00` 2, `80` 0)."""
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def _no_unit(text: str) -> CellError:
    return CellError(f"`{text}` has no unit: it could be a percent or an amount",
                     "Type the limit with its unit (`80%`, `$1,500,000`), or format the cell as a percent (0.8 then "
                     "reads as 80%) or as currency.")


def format_places(number_format: str) -> int:
    """Decimals an Excel number format shows: `0.00%` 2, `0%` 0, `"$"#,##0` 0."""
    fmt = _format_section(number_format)
    hit = re.search(r"\.(0+)", fmt)
    return len(hit[1]) if hit else 0


def _format_section(number_format: str) -> str:
    """The positive section of a number format, without quoted text other than a currency sign."""
    first = (number_format or "General").split(";")[0]
    return re.sub(r'"([^"]*)"', lambda m: "$" if "$" in m[1] else "", first)
