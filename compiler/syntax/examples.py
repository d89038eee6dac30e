"""Syntax errors labelled by example (Lark's `match_examples`), never Lark's raw "Expected one of" list.

Each label is a stable code, a plain-English message and a fix, with short broken snippets that produce
the parser state it names. A syntax error matching none of them gets a message built from what the
parser expected, translated into words.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from functools import cache

from lark import Token, Tree
from lark.exceptions import UnexpectedCharacters, UnexpectedEOF, UnexpectedInput, UnexpectedToken

_PROGRAM = "program p\n"
_RULE = _PROGRAM + "rule r\n  cite \"x\"\n"
_PORTFOLIO = "portfolio \"p\"\n"
_LIMIT = _PORTFOLIO + "limit l \"L\"\n  cite \"x\"\n"
_SCENARIO = _PORTFOLIO + "scenario s \"S\"\n  cite \"x\"\n"

# code -> (message, fix, examples)
LABELS: dict[str, tuple[str, str, list[str]]] = {
    "E101": (
        "A comparison is missing its right-hand side.",
        "Finish the comparison, e.g. `fico >= 660`.",
        [_RULE + "  require fico >=\n", _RULE + "  when ltv <\n", _RULE + "  require dti at most\n"],
    ),
    "E102": (
        "Two values follow each other with no operator between them.",
        "Put a comparison (`>=`, `<=`, `is`, `in`) or `and`/`or` between them.",
        [_RULE + "  require fico 660\n", _RULE + "  when occupancy primary\n", _RULE + "  require ltv 80% x\n"],
    ),
    "E103": (
        "A parenthesis is not closed.",
        "Add the missing `)`.",
        [_RULE + "  require state in (CA, NV\n", _RULE + "  require (fico >= 660\n"],
    ),
    "E104": (
        "A table row must start and end with `|`.",
        "Write the row as `| 740+ | 90% | 85% |`.",
        [_PROGRAM + "matrix m\n  rows fico\n| a | b\n", _PROGRAM + "matrix m\n  rows fico\n| a | b |\n| c | d\n"],
    ),
    "E105": (
        "A rule needs at least one clause under its name.",
        "Add clauses such as `cite \"...\"`, `when ...` and `require ...` on the lines after `rule`.",
        [_PROGRAM + "rule r\nrule s\n  cite \"x\"\n", _PROGRAM + "rule r\n"],
    ),
    "E106": (
        "A matrix needs its settings (`gives`, `rows`) and then its table.",
        "Write `gives max_ltv`, `rows fico`, optionally `columns loan_amount`, then the `| ... |` table lines.",
        [_PROGRAM + "matrix m\n", _PROGRAM + "matrix m\n  rows fico\n", _PROGRAM + "matrix m\n  cite \"x\"\nrule r\n"],
    ),
    "E107": (
        "A header line must read `key: value`.",
        "Write e.g. `investor: \"Keystone Capital\"` or `effective: 2026-01-01`.",
        [_PROGRAM + "investor \"x\"\n", _PROGRAM + "version 2026\n", _PROGRAM + "investor:\n"],
    ),
    "E108": (
        "A file must start with `program <name>` (a guideline) or `vocabulary \"<title>\"` (the loan fields).",
        "Begin the file with `program my_program` on its first line.",
        ["hello\n", "rule r\n", "\"x\"\n", "field f\n", "section \"s\"\n"],
    ),
    "E109": (
        "A field property line is not understood.",
        "Field properties are `type:`, `unit:`, `range:`, `precision:` and `description:`.",
        ["vocabulary \"v\"\nfield f\n  kind: integer\n", "vocabulary \"v\"\nfield f\n  type integer\n"],
    ),
    "E110": (
        "This is not a type the language knows.",
        "Use integer, count, money, percent, ratio, quantity, months, days, date, yes/no, text, `one of a, b, c` or "
        "`list of <record>`.",
        ["vocabulary \"v\"\nfield f\n  type: number\n", "vocabulary \"v\"\nfield f\n  type: 5\n"],
    ),
    "E111": (
        "A band is not written the way the language reads bands.",
        "Write bands as `660..679`, `740+`, `<= $1,000,000` or `$1,000,001..$1,500,000`.",
        [_PROGRAM + "matrix m\n  rows fico\n| x | 1.. |\n", "vocabulary \"v\"\nfield f\n  range: 1..\n"],
    ),
    "E112": (
        "A rule clause is not understood.",
        "Clauses are `cite`, `note`, `when`, `require`, `allow`, `reduce`, `cap`, `condition` and `review`.",
        [_RULE + "  requires fico >= 660\n", _RULE + "  if fico >= 660\n", _RULE + "  must fico\n"],
    ),
    "E113": (
        "A rounding is written `, rounded up to 2 decimals` (or rounded, rounded down, truncated).",
        "Finish the rounding, e.g. `, rounded up to 2 decimals`.",
        [_PROGRAM + "value v = a / b, rounded up\n", _PROGRAM + "value v = a / b, rounded to 2\n"],
    ),
    "E114": (
        "A `value` is written `value name \"Title\" = expression` or `value name \"Title\" by <key>` with a table.",
        "Add `=` and the expression after the value's name.",
        [_PROGRAM + "value v a + b\n", _PROGRAM + "value v\n"],
    ),
    "E115": (
        "An `if` needs both `then` and `else`.",
        "Write `if <condition> then <value> else <value>`.",
        [_PROGRAM + "value v = if a then b\n", _PROGRAM + "value v = if a b else c\n"],
    ),
    "E116": (
        "A string is not closed.",
        "Close the text with a `\"` on the same line.",
        [_PROGRAM + "title: \"abc\n"],
    ),
    "E121": (
        "A pool limit line is not understood.",
        "A limit has `cite \"...\"`, optionally `note \"...\"` and `when <condition>`, then "
        "`share of loan_amount` (optionally `by state`) and `at most 40%`.",
        [_LIMIT + clause for clause in ("  cap 40%\n", "  share loan_amount\n", "  maximum 40%\n",
                                        "  share of loan_amount per state\n", "  share loan_amount by state\n")]
        + [_LIMIT.replace(' "L"', "") + "  share loan_amount\n", _LIMIT + "  share of loan_amount\n  cap 40%\n",
           _LIMIT + "  share of loan_amount by state\n  below 40%\n", _LIMIT + "  at most 40%\n  cap 40%\n"],
    ),
    "E122": (
        "A stress scenario line is not understood.",
        "Write each change as `increase pitia by 20% of monthly_taxes`, `decrease market_rent by 10%` or "
        "`decrease total_deposits by 15% when doc_type in (...)`.",
        [_SCENARIO + change for change in ("  raise pitia by 20%\n", "  increase pitia 20%\n",
                                           "  increase pitia to 20%\n", "  decrease by 10%\n",
                                           "  increase pitia by 20% monthly_taxes\n")]
        + [_SCENARIO + "  increase pitia by 20%\n  raise pitia by 20%\n"],
    ),
}


@cache
def _matcher() -> dict[str, list[str]]:
    return {code: examples for code, (_, _, examples) in LABELS.items()}


# Plain-English names for the terminals the parser may say it expected.
_TERMINAL_WORDS: dict[str, str] = {
    "NAME": "a name",
    "STRING": "a quoted text",
    "NUMBER": "a number",
    "MONEY": "an amount of money",
    "PERCENT": "a percent",
    "DATE": "a date (YYYY-MM-DD)",
    "HISTORY": "a housing history like 0x30x12",
    "PIPE": "`|`",
    "_NL": "the end of the line",
    "$END": "the end of the file",
    "COLON": "`:`",
    "EQUAL": "`=`",
    "LPAR": "`(`",
    "RPAR": "`)`",
    "COMMA": "`,`",
}


_SYMBOLS = {"PLUS": "+", "MINUS": "-", "STAR": "*", "SLASH": "/", "LESSTHAN": "<", "MORETHAN": ">", "DOT": ".",
            "__ANON_0": "..", "NA": "N/A", "YES": "yes", "NO": "no", "OVERRIDE": "override", "ROUNDING": "rounded ..."}


def _describe(expected: set[str]) -> str:
    words: list[str] = []
    for name in sorted(expected):
        if name in _TERMINAL_WORDS:
            words.append(_TERMINAL_WORDS[name])
        elif name in _SYMBOLS:
            words.append(f"`{_SYMBOLS[name]}`")
        elif name.isupper() and name.replace("_", "").isalpha() and len(name) > 1 and not name.startswith("_"):
            words.append(f"`{name.lower()}`")
    words = sorted(set(words))
    if not words:
        return "something else"
    if len(words) > 6:
        return ", ".join(words[:6]) + " or another clause"
    return ", ".join(words[:-1]) + (" or " if len(words) > 1 else "") + words[-1]


def error_position(err: UnexpectedInput) -> int:
    """Offset in the text where a syntax error was found (past the end when Lark does not say)."""
    if isinstance(err, UnexpectedToken) and isinstance(err.token.start_pos, int):
        return err.token.start_pos
    pos = getattr(err, "pos_in_stream", None)
    return pos if isinstance(pos, int) else 10**9


def unclosed_paren(text: str, end: int) -> int | None:
    """Offset of the last `(` before `end` that is never closed (strings and comments skipped)."""
    stack: list[int] = []
    i, n = 0, min(end, len(text))
    while i < n:
        ch = text[i]
        if ch == '"':
            j = text.find('"', i + 1)
            while j != -1 and text[j - 1] == "\\":
                j = text.find('"', j + 1)
            i = n if j == -1 else j + 1
            continue
        if ch == "#":
            j = text.find("\n", i)
            i = n if j == -1 else j
            continue
        if ch == "(":
            stack.append(i)
        elif ch == ")" and stack:
            stack.pop()
        i += 1
    return stack[-1] if stack else None


def _match_examples(err: UnexpectedToken | UnexpectedEOF, parse_fn: Callable[[str], Tree[Token]]) -> str | None:
    """Lark's `UnexpectedInput.match_examples(use_accepts=True)`, without its debug log line that raises
    TypeError (formats the parser state with %d) whenever an example stops in an equal state with different
    accepts: the label of the example whose error is in the same parser state with the same accepted tokens,
    preferring the same token, then the same token type, then the first such example."""
    candidate: str | None = None
    strong = False
    accepts = getattr(err, "accepts", None)
    for label, examples in _matcher().items():
        for malformed in examples:
            try:
                parse_fn(malformed)
            except UnexpectedInput as ut:
                if ut.state != err.state:
                    continue
                if isinstance(err, UnexpectedToken) and isinstance(ut, UnexpectedToken) and ut.accepts != accepts:
                    continue
                if isinstance(ut, (UnexpectedToken, UnexpectedEOF)):
                    if ut.token == err.token:
                        return label
                    if ut.token.type == err.token.type and not strong:
                        candidate, strong = label, True
                if candidate is None:
                    candidate = label
    return candidate


_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_NAMED = {"rule", "matrix", "value", "field", "limit", "record", "program", "section", "scenario"}
_TIME_UNITS = ("months", "month", "years", "year", "days", "day", "weeks", "week")


def _known_mistake(err: UnexpectedToken, text: str) -> tuple[str, str, str] | None:
    """Mistakes that have a message of their own: a reserved word as a name (E123), `-` in a table heading
    (E124), an unknown unit of time after a number (E125), another word after a number (E126)."""
    tok = err.token
    pos = tok.start_pos if isinstance(tok.start_pos, int) else -1
    if pos < 0:
        return None
    line_start = text.rfind("\n", 0, pos) + 1
    line = text[line_start:text.find("\n", pos) if "\n" in text[pos:] else len(text)]
    before = text[line_start:pos]
    word = str(tok)
    expected = {str(x) for x in (getattr(err, "accepts", None) or err.expected)}
    if tok.type != "NAME" and _WORD.fullmatch(word) and "NAME" in expected:
        first = before.split()[0] if before.split() else ""
        what = f"name a {first}" if first in _NAMED and len(before.split()) == 1 else "be used as a name"
        return ("E123", f"`{word}` is a word of the language and cannot {what}.",
                f"Choose another name, e.g. `{word}_limit`; the words of the language are listed in docs/language.md "
                "section 14.")
    if word == "-" and line.lstrip().startswith("|"):
        cell_start = before.rfind("|") + 1
        cell_end = line.find("|", pos - line_start)
        heading = " ".join(line[cell_start:cell_end if cell_end >= 0 else len(line)].split())
        return ("E124", "A table heading is plain words; `-` cannot appear in it.",
                f"Put the heading in double quotes: `| \"{heading}\" |`.")
    if tok.type == "NAME" and re.search(r"\d\s+$", before):
        if _time_like(word):
            return ("E125", f"`{word}` is not a unit of time.",
                    "Durations are written in days, weeks, months or years, e.g. `180 days`, `2 weeks`, `6 months` or "
                    "`2 years`.")
        return ("E126", f"`{word}` after a number is not a unit the language writes.",
                "A number in a unit such as acres is written plain, its unit is the field's (`acreage at most "
                "20.5`); money is written `$1,000`, percents `80%`, lengths of time `180 days` or `6 months`.")
    return None


def _time_like(word: str) -> bool:
    low = word.lower()
    return low.startswith(("day", "week", "mon", "year", "yr")) or bool(
        difflib.get_close_matches(low, _TIME_UNITS, n=1, cutoff=0.75))


def label_syntax_error(err: UnexpectedInput, text: str, parse_fn: Callable[[str], Tree[Token]]) -> tuple[str, str, str]:
    """(code, message, fix) for a Lark syntax error; `parse_fn` parses with the parser that raised `err`."""
    if isinstance(err, UnexpectedCharacters):
        pos = err.pos_in_stream if isinstance(err.pos_in_stream, int) else -1
        char = text[pos] if 0 <= pos < len(text) else ""
        if char == '"':
            code = "E116"
            return code, LABELS[code][0], LABELS[code][1]
        if char and not char.isprintable():
            return "E118", f"The character U+{ord(char):04X} cannot appear in a guideline file.", "Delete it."
        return (
            "E117",
            f"The character `{char}` is not part of the guideline language here.",
            "Check for a stray character; text goes inside double quotes.",
        )
    if isinstance(err, UnexpectedToken) and (known := _known_mistake(err, text)) is not None:
        return known
    if isinstance(err, (UnexpectedToken, UnexpectedEOF)):
        try:
            # the examples must run through the parser that raised `err`: states are numbered per parser
            label = _match_examples(err, parse_fn)
        except Exception:  # a broken example must never become the author's traceback
            label = None
        if isinstance(label, str) and label in LABELS:
            return label, LABELS[label][0], LABELS[label][1]
        accepts = getattr(err, "accepts", None) or err.expected
        expected = {str(x) for x in accepts}
        at_end = isinstance(err, UnexpectedEOF) or (isinstance(err, UnexpectedToken) and err.token.type in ("_NL", "$END"))
        if "RPAR" in expected and unclosed_paren(text, error_position(err)) is not None:
            return "E103", LABELS["E103"][0], LABELS["E103"][1]
        if "OTHERWISE" in expected and "WHEN" not in expected:
            return "E329", "A category ends with `otherwise <choice>`: what is a loan for which no line holds?", \
                "Add the last line, e.g. `otherwise c` (one of the category's choices)."
        if "PIPE" in expected and at_end:
            return "E104", LABELS["E104"][0], LABELS["E104"][1]
        if at_end and expected & {"NAME", "NUMBER", "MONEY", "PERCENT"}:
            return "E101", "The line ends before it is complete: a value is missing.", \
                "Finish the line, e.g. `require fico >= 660`, or join it with the next line."
        found = ""
        if isinstance(err, UnexpectedToken):
            tok = err.token
            found = "end of the line" if tok.type == "_NL" else ("end of the file" if tok.type == "$END" else f"`{tok}`")
        return (
            "E100",
            f"Unexpected {found or 'input'} here: expected {_describe(expected)}.",
            "Compare the line with the examples in docs/language.md.",
        )
    return "E100", "The file could not be read as a guideline.", "Compare it with docs/language.md."
