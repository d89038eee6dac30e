"""A loan from JSON, for the checkers: read safely, written the way tapes are, problems in a policy writer's words.

Used by `glc eval` and `glc explain`, and meant for anything else that takes a loan as JSON (a service): it never
prints and never exits; it returns values or raises one of two exceptions, each carrying plain sentences.

    read_loan(path or "-")               the JSON object; LoanFileError when the file cannot be a loan at all
                                         (missing, a folder, not UTF-8, empty, not JSON, absurd: nested
                                         thousands deep, a number with thousands of digits, a text of megabytes)
    normalise(data, vocabulary)          the spellings a tape accepts (`compiler.spellings`), turned into the
                                         values the `Loan` model takes: "1,000,000", "$1.2M", "$950K", "80%",
                                         "Primary" or "Primary residence", "Y"/"N", "N/A", 03/15/2026
    validate(data, model, vocabulary)    the `Loan`; LoanProblems (one Problem per bad value) otherwise

Numbers are exact: JSON numbers are read as Decimals (never floats), "$1.2M" is Decimal("1200000"). Nothing is
guessed: "0.8" for a percent stays 0.8 (and then fails or passes as 0.8%), "$" only reads for money, "%" only for
a percent, "K"/"M" only for money, and a choice spelled like two different values is left for the model to reject.
"""

from __future__ import annotations

import codecs
import datetime as dt
import difflib
import json
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import IO, Any

from compiler import ir, ir_program, ir_types
from compiler.spellings import FALSE_TEXT, MONEY_SIGN, MONEY_SUFFIXES, NULL_TEXT, PERCENT_SIGN, THOUSANDS, TRUE_TEXT, US_DATE
from compiler.wording import band_label

MAX_BYTES = 5_000_000  # a loan is a few kilobytes; a file larger than this is not a loan
MAX_TEXT = 10_000  # characters in any one text (value or name)
MAX_DEPTH = 8  # a loan is 3 levels deep (loan, list, item); deeper than this is not a loan gone slightly wrong
MAX_DIGITS = 30  # the widest loan number (1,000,000,000.00) has 12
SHOWN = 40  # characters of a given value quoted back in a message
MAX_PROBLEMS = 20  # problems listed one per line; the rest are counted


class LoanFileError(Exception):
    """The file (or stdin) cannot be used as a loan at all: one sentence, never the file's content in full."""


@dataclass(frozen=True)
class Problem:
    """One bad value: where (JSON path), which field (its title), what was given and what is expected."""

    path: str  # credit_events[0].completed_on
    label: str  # the field's title; "" for a name the vocabulary does not have
    given: str  # what was given, shortened for a message
    expected: str  # "a date like 2026-03-15"; for an unknown name, what it is not ("a loan field")

    def __str__(self) -> str:
        if not self.label:
            return f"{self.path}: not {self.expected}; got {self.given}."
        return f"{self.label} ({self.path}): got {self.given}; expected {self.expected}."


class LoanProblems(Exception):
    """The loan was read but some values are not what its fields take."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} problem{'s' if len(problems) != 1 else ''}")
        self.problems = problems

    def lines(self, most: int = MAX_PROBLEMS) -> list[str]:
        """One line per problem (the first `most`), then how many more there are."""
        shown = [str(p) for p in self.problems[:most]]
        if len(self.problems) > most:
            shown.append(f"... and {len(self.problems) - most:,} more")
        return shown


# ------------------------------------------------------------------ reading the file


def read_loan(loan_file: str, stdin: IO[bytes] | None = None) -> dict[str, Any]:
    """The JSON object in `loan_file` (`-`: stdin), checked to be loan-shaped in size and nesting."""
    shown = "stdin" if loan_file == "-" else loan_file
    if loan_file == "-":
        stream = stdin if stdin is not None else sys.stdin.buffer
        data = stream.read(MAX_BYTES + 1)
    else:
        try:
            with Path(loan_file).open("rb") as f:
                data = f.read(MAX_BYTES + 1)
        except FileNotFoundError:
            raise LoanFileError(f"No such file: {shown}.") from None
        except IsADirectoryError:
            raise LoanFileError(f"{shown} is a folder; give the loan's .json file.") from None
        except PermissionError:
            raise LoanFileError(f"Cannot read {shown}: permission denied.") from None
        except OSError as err:
            raise LoanFileError(f"Cannot read {shown}: {err.strerror or type(err).__name__}.") from None
    return parse_loan(data, shown)


def parse_loan(data: bytes, shown: str = "the loan") -> dict[str, Any]:
    """The JSON object in `data`; LoanFileError naming the first reason it cannot be a loan."""
    if len(data) > MAX_BYTES:
        raise LoanFileError(f"{shown} is over {MAX_BYTES:,} bytes; a loan is a JSON object of a few kilobytes.")
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        before = data[: err.start].decode("utf-8", errors="replace")
        line, col = before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1
        raise LoanFileError(f"{shown} is not UTF-8 text: byte 0x{data[err.start]:02X} at line {line}, column {col} "
                            "cannot be read; save the loan as UTF-8.") from None
    if not text.strip():
        raise LoanFileError(f'{shown} is empty; a loan is a JSON object of field names and values, such as {{"fico": 700}}.')
    try:
        value = json.loads(text, parse_int=_int, parse_float=_decimal, parse_constant=_constant)
    except _BadNumber as err:
        raise LoanFileError(f"{shown}: {err}.") from None
    except RecursionError:
        raise LoanFileError(f"{shown} is nested too deeply to be a loan (a loan is an object of fields; only list "
                            "items are objects inside it).") from None
    except json.JSONDecodeError as err:
        raise LoanFileError(f"{shown}:{err.lineno}:{err.colno}: not valid JSON: {err.msg}.") from None
    except ValueError as err:  # anything else the decoder refuses
        raise LoanFileError(f"{shown} cannot be read as JSON: {_short(str(err), 120)}.") from None
    if not isinstance(value, dict):
        raise LoanFileError(f"{shown} holds {_kind(value)}; a loan is a JSON object of field names and values, "
                            'such as {"fico": 700}.')
    _check_shape(value, shown)
    return value


class _BadNumber(ValueError):
    pass


def _int(text: str) -> int:
    digits = len(text.lstrip("+-"))
    if digits > MAX_DIGITS:
        raise _BadNumber(f"a number with {digits:,} digits is far too long for a loan value")
    return int(text)


def _decimal(text: str) -> Decimal:
    digits = sum(ch.isdigit() for ch in text.split("e")[0].split("E")[0])
    if digits > MAX_DIGITS:
        raise _BadNumber(f"a number with {digits:,} digits is far too long for a loan value")
    number = Decimal(text)
    if abs(number.adjusted()) > MAX_DIGITS:
        raise _BadNumber(f"the number {_short(text, 20)} is far outside any loan value")
    return number


def _constant(text: str) -> Any:
    raise _BadNumber(f"{text} is not a number a loan can hold")


def _check_shape(value: dict[str, Any], shown: str) -> None:
    """No text longer than MAX_TEXT and no nesting deeper than MAX_DEPTH (iteratively: no recursion limit)."""
    stack: list[tuple[Any, tuple[str | int, ...]]] = [(value, ())]
    while stack:
        node, loc = stack.pop()
        if len(loc) > MAX_DEPTH:
            raise LoanFileError(f"{shown}: {json_path(loc[:MAX_DEPTH])}... is nested more than {MAX_DEPTH} levels deep; "
                                "a loan is an object of fields, and only list items are objects inside it.")
        if isinstance(node, str) and len(node) > MAX_TEXT:
            raise LoanFileError(f"{shown}: {json_path(loc) or 'the loan'} is a text of {len(node):,} characters; "
                                f"a loan's values are at most {MAX_TEXT:,}.")
        if isinstance(node, dict):
            for key, item in node.items():
                if len(key) > MAX_TEXT:
                    raise LoanFileError(f"{shown}: a field name of {len(key):,} characters; field names are short, "
                                        'such as "fico".')
                stack.append((item, (*loc, key)))
        elif isinstance(node, list):
            stack.extend((item, (*loc, i)) for i, item in enumerate(node))


def json_path(loc: Sequence[str | int]) -> str:
    """`credit_events[0].completed_on`; names that are not plain words are quoted (and shortened)."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", part) and len(part) <= SHOWN:
            out += f".{part}" if out else part
        else:
            out += f"[{json.dumps(_short(part, SHOWN), ensure_ascii=False)}]"
    return out


# ------------------------------------------------------------------ spellings


def normalise(data: dict[str, Any], vocabulary: ir_program.Vocabulary) -> dict[str, Any]:
    """The loan with every value written the way a tape may write it turned into the model's own value. Names the
    vocabulary does not have, and values that cannot be read unambiguously, are left as they are (for `validate`)."""
    records = {r.name: r for r in vocabulary.records}
    return _object(data, {f.name: f for f in vocabulary.fields}, records)


def _object(data: dict[str, Any], fields: dict[str, ir.Field], records: dict[str, ir.Record]) -> dict[str, Any]:
    return {key: _value(value, fields[key], records) if key in fields else value for key, value in data.items()}


def _value(value: Any, f: ir.Field, records: dict[str, ir.Record]) -> Any:
    kind = f.type.kind
    if isinstance(value, str):
        return _text(value, f)
    if kind == "list" and isinstance(value, list) and f.type.record in records:
        sub = {g.name: g for g in records[f.type.record].fields}
        return [_object(item, sub, records) if isinstance(item, dict) else item for item in value]
    return value


def _text(value: str, f: ir.Field) -> Any:
    t = f.type
    if t.kind == "text":
        return value
    s = value.strip()
    if s.upper() in NULL_TEXT:
        return None
    if t.numeric:
        n = read_number(s, t.kind)
        if n is None:
            return value
        if t.kind in ("integer", "months", "days"):
            return int(n) if n == n.to_integral_value() else value
        return n
    if t.kind == "yesno":
        low = s.lower()
        return True if low in TRUE_TEXT else False if low in FALSE_TEXT else value
    if t.kind == "enum":
        return read_choice(s, t) or value
    if t.kind == "date":
        if re.fullmatch(r"\d{1,2}/\d{1,2}/\d{4}", s):
            try:
                return dt.datetime.strptime(s, US_DATE).date()
            except ValueError:
                return value
        return s
    return value


_NUMBER = re.compile(rf"([+-]?)({re.escape(MONEY_SIGN)}?)\s*(\d{{1,3}}(?:{THOUSANDS}\d{{3}})+|\d+)(\.\d+)?\s*([A-Za-z{PERCENT_SIGN}]?)")


def read_number(text: str, kind: str) -> Decimal | None:
    """`1,000,000`, `$1,200,000.50`, `$1.2M`, `$950K` (money), `80%` / `80.00 %` (percent), `-5`: the exact
    Decimal, or None when the text is not one of these (a comma not between groups of three digits, `$` for a
    non-money field, `%` for a non-percent one, an exponent, a second number)."""
    m = _NUMBER.fullmatch(text.strip())
    if m is None:
        return None
    sign, dollar, whole, fraction, suffix = m.groups()
    if dollar and kind != "money":
        return None
    if suffix == PERCENT_SIGN and kind != "percent":
        return None
    scale = 1
    if suffix and suffix != PERCENT_SIGN:
        if kind != "money" or suffix.lower() not in MONEY_SUFFIXES:
            return None
        scale = MONEY_SUFFIXES[suffix.lower()]
    digits = whole.replace(THOUSANDS, "") + (fraction or "")
    if len(digits) > MAX_DIGITS:
        return None
    try:
        number = Decimal(sign + digits)
    except InvalidOperation:  # pragma: no cover - the pattern admits only digits
        return None
    if scale != 1:
        number *= scale
        if number == number.to_integral_value():
            number = number.quantize(Decimal(1))
    return number


def read_choice(text: str, t: ir_types.Type) -> str | None:
    """The value of a one-of field written as its value or its label, in any case; None when none matches or the
    spelling matches two different values."""
    low = text.strip().lower()
    found = {v for i, v in enumerate(t.values)
             if low == v.lower() or (i < len(t.labels) and t.labels[i] and low == t.labels[i].lower())}
    return found.pop() if len(found) == 1 else None


# ------------------------------------------------------------------ validation, in a policy writer's words


def validate(data: dict[str, Any], model: Any, vocabulary: ir_program.Vocabulary) -> Any:
    """The loan as `model` (the generated pydantic `Loan`), its spellings normalised first; LoanProblems when
    some value is still not what its field takes."""
    from pydantic import ValidationError

    try:
        return model.model_validate(normalise(data, vocabulary))
    except ValidationError as exc:
        raise LoanProblems(describe_errors(exc.errors(include_url=False), data, vocabulary)) from None


def describe_errors(errors: Sequence[Any], given: dict[str, Any], vocabulary: ir_program.Vocabulary) -> list[Problem]:
    """pydantic's errors as Problems: the field's title and JSON path, what was written (before normalising), and
    what the field takes. One Problem per path."""
    records = {r.name: r for r in vocabulary.records}
    problems: dict[str, Problem] = {}
    order = {key: n for n, key in enumerate(given)}  # as the loan lists them
    errors = sorted(errors, key=lambda e: (order.get(e["loc"][0], len(order)) if e["loc"] else -1,
                                           [(0, p, "") if isinstance(p, int) else (1, 0, p) for p in e["loc"][1:]]))
    for e in errors:
        loc = tuple(e["loc"])
        path = json_path(loc)
        if path not in problems:
            problems[path] = _problem(loc, e["type"], _at(given, loc, e.get("input")), vocabulary, records)
    return list(problems.values())


def _problem(loc: tuple[str | int, ...], kind: str, raw: Any, vocabulary: ir_program.Vocabulary,
             records: dict[str, ir.Record]) -> Problem:
    path = json_path(loc)
    fields = {f.name: f for f in vocabulary.fields}
    owner = "a loan field"
    f: ir.Field | None = None
    item_of: ir.Field | None = None  # the list field when the path ends at one of its items
    for part in loc:
        if isinstance(part, int):
            if f is not None and f.type.kind == "list":
                item_of, fields = f, {g.name: g for g in records[f.type.record].fields}
                owner = f"a field of a {records[f.type.record].title.lower()}"
            continue
        item_of = None
        f = fields.get(part)
        if f is None:
            hint = difflib.get_close_matches(part, list(fields), n=1, cutoff=0.7)
            return Problem(path, "", _show(raw), owner + (f" (did you mean `{hint[0]}`?)" if hint else ""))
    if f is None:
        return Problem(path or "(loan)", "Loan", _show(raw), 'a JSON object of fields, such as {"fico": 700}')
    if item_of is not None and item_of.type.record in records:
        record = records[item_of.type.record]
        return Problem(path, f"{item_of.title}, item {loc[-1]}", _show(raw),
                       f"a {record.title.lower()}, as an object such as {_example(record)}")
    return Problem(path, f.title, _show(raw), expected(f, records))


def expected(f: ir.Field, records: dict[str, ir.Record] | None = None) -> str:
    """What a field takes, in words: 'a date like 2026-03-15', 'one of: Primary residence (primary), ...'."""
    t = f.type
    band = f.range
    if t.kind == "money":
        what = "an amount in whole dollars" if f.places == 0 else "an amount in dollars"
        cents = "" if f.places == 0 else f", at most {f.places} decimals"
        where = f" ({_band(band, 'money', t.unit)}{cents})" if band else ""
        if t.unit.endswith("per month"):
            return f'{what} per month{where}, such as 2500 or "$2,500"'
        return f'{what}{where}, such as 1200000, "$1,200,000" or "$1.2M"'
    if t.kind == "percent":
        where = f" ({_band(band, 'percent')})" if band else ""
        return f'a percent{where}, such as 80 or "80%" for 80%'
    if t.kind in ("integer", "months", "days"):
        unit = f" of {t.kind}" if t.kind in ("months", "days") else ""
        return f"a whole number{unit}" + (f" ({_band(band, 'integer')})" if band else "")
    if t.kind == "quantity":
        places = f", at most {f.places} decimals" if f.places is not None else ""
        where = f" ({_band(band, 'quantity', t.unit)}{places})" if band else ""
        return f"a number of {t.unit}{where}, such as 20.5"
    if t.kind == "ratio":
        return "a number, such as 1.25" + (f" ({_band(band, 'ratio')})" if band else "")
    if t.kind == "date":
        return "a date like 2026-03-15"
    if t.kind == "yesno":
        return 'yes or no: true, false, "Y" or "N"'
    if t.kind == "enum":
        return "one of: " + _choices(t)
    if t.kind == "list" and records and t.record in records:
        record = records[t.record]
        return f"a list of {record.title.lower()}s, such as [{_example(record)}], or [] for none"
    return 'text, such as "L-1042"'


def _band(band: ir.Band, kind: str, unit: str = "") -> str:
    return band_label(band.low, band.low_inclusive, band.high, band.high_inclusive, kind, unit)


def _choices(t: ir_types.Type, most: int = 12) -> str:
    shown = []
    for i, v in enumerate(t.values[:most]):
        label = t.labels[i] if i < len(t.labels) else ""
        shown.append(f"{label} ({v})" if label and label != v else v)
    more = len(t.values) - most
    return ", ".join(shown) + (f", and {more} more" if more > 0 else "")


def _example(record: ir.Record) -> str:
    parts = []
    for g in record.fields:
        if g.type.kind == "enum" and g.type.values:
            sample: Any = g.type.values[0]
        elif g.type.kind == "date":
            sample = "2024-01-15"
        elif g.type.numeric:
            sample = g.range.low if g.range and g.range.low is not None else 1
            sample = int(sample) if sample == int(sample) else str(sample)
        else:
            sample = "..."
        parts.append(f"{json.dumps(g.name)}: {json.dumps(sample)}")
    return "{" + ", ".join(parts) + "}"


def _at(data: Any, loc: tuple[str | int, ...], fallback: Any) -> Any:
    """The value at `loc` as the loan wrote it (before normalising), else pydantic's input."""
    node = data
    for part in loc:
        found = (part in node) if isinstance(node, dict) else (
            isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node))
        if not found:
            return fallback
        node = node[part]
    return node


def _show(value: Any) -> str:
    """A given value for a message: JSON-like, at most about SHOWN characters."""
    if isinstance(value, str):
        if len(value) <= SHOWN:
            return json.dumps(value, ensure_ascii=False)
        return json.dumps(value[:SHOWN], ensure_ascii=False)[:-1] + f'..." ({len(value):,} characters)'
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return _short(f"{value:f}" if abs(value.adjusted()) <= MAX_DIGITS else str(value), SHOWN)
    if isinstance(value, int):
        return _short(str(value), SHOWN)
    if isinstance(value, list):
        return f"a list of {len(value):,} item{'s' if len(value) != 1 else ''}"
    if isinstance(value, dict):
        return "an object"
    return _short(str(value), SHOWN)


def _kind(value: Any) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "a text"
    if isinstance(value, bool):
        return "true or false"
    if value is None:
        return "null"
    return "a number"


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit] + f"... ({len(text):,} characters)"
