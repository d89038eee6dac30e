"""`compiler.tools.fmt`: formatting never changes the checked IR, is idempotent and canonical, over every guideline,
vocabulary and portfolio file of the repository; and the layout rules one by one.

Most of the repository's files are formatted already, so each is first *messed up* (`mess`: indentation,
spaces between tokens and at line ends, doubled blank lines, `-` for a band's `..`, other spellings of a band's
money bounds, `n/a`), which changes nothing the language gives meaning to, then formatted. The files are copied
twice into a temporary folder, as they are and messed-then-formatted, so that both copies are checked under the
same paths; the checked IR (the bundle, inheritance and history included; the portfolio) of each must be equal,
file hashes aside. Files that do not check (tests/cases/bad/) must give the same diagnostics; files that do not
parse are left alone. Canonical: a messed-up file formats to what the file itself formats to.
"""

from __future__ import annotations

import dataclasses
import difflib
import os
import random
import re
import shutil
from copy import copy
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lark.lexer import BasicLexer, LexerThread

from compiler.diagnostics import DiagnosticsError
from compiler.driver import check_paths, check_portfolios
from compiler.ir_program import Bundle
from compiler.syntax.literals import parse_decimal
from compiler.syntax.parse import parser
from compiler.tools.fmt import format_source

ROOT = Path(__file__).resolve().parents[2]
FOLDERS = ("programs", "tests/cases", "compiler/starter")
SUFFIXES = (".guideline", ".fields", ".portfolio")
VOCABULARY = Path("programs/loan.fields")


def _files() -> list[Path]:
    return sorted(p.relative_to(ROOT) for folder in FOLDERS for p in (ROOT / folder).rglob("*")
                  if p.suffix in SUFFIXES and p.is_file())


def _formats(path: Path) -> str | None:
    try:
        return format_source((ROOT / path).read_text(encoding="utf-8"), path.as_posix())
    except (DiagnosticsError, UnicodeDecodeError):
        return None


FILES = _files()
FORMATTED = {p: _formats(p) for p in FILES}
PARSED = [p for p in FILES if FORMATTED[p] is not None]


@cache
def _lexer() -> BasicLexer:
    conf = copy(parser().lexer_conf)
    conf.ignore = ()
    return BasicLexer(conf)


def mess(text: str, rnd: random.Random) -> str:
    """`text` (which parses) with its layout and meaningless spellings changed at random; see the module."""
    tokens = list(LexerThread.from_text(_lexer(), text if text.endswith("\n") else text + "\n").lex(None))
    code = [i for i, t in enumerate(tokens) if t.type not in ("_NL", "COMMENT") and t.value.strip()]
    band_edge = {code[k + d] for k, i in enumerate(code) if tokens[i].value == ".." for d in (-1, 1)}
    out: list[str] = []
    for i, tok in enumerate(tokens):
        value = tok.value
        if tok.type == "_NL":
            pieces = value.split("\n")
            lines = []
            for piece in pieces[1:-1]:
                lines.append(" " * rnd.randint(0, 5) + piece.strip())
                if not piece.strip() and rnd.random() < 0.5:
                    lines.append(" " * rnd.randint(0, 3))
            value = "\n".join([" " * rnd.randint(0, 2), *lines, "\t" * rnd.randint(0, 1) + " " * rnd.randint(0, 7)])
        elif not value.strip():
            value = rnd.choice([" ", "  ", "\t", "   "])
        elif value == ".." and rnd.random() < 0.5:
            value = "-"
        elif tok.type == "NA":
            value = rnd.choice(["N/A", "n/a"])
        elif tok.type == "MONEY" and i in band_edge:
            amount = parse_decimal(value)
            if amount == int(amount):
                whole = int(amount)
                forms = [f"${whole}", f"${whole:,}"] + ([f"{whole // 1000}K"] if whole % 1000 == 0 else []) \
                    + ([f"{Decimal(whole) / 1_000_000}M"] if whole % 100_000 == 0 else [])
                value = rnd.choice(forms)
        if out and tok.type not in ("_NL",) and value.strip() and tokens[i - 1].value.strip() and rnd.random() < 0.3 \
                and tokens[i - 1].type != "_NL":
            out.append(" ")
        out.append(value)
    return "".join(out)


@pytest.fixture(scope="module")
def copies(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The repository's guideline files as they are (`before/`) and formatted (`after/`)."""
    base = tmp_path_factory.mktemp("fmt")
    for name in ("before", "after"):
        for path in FILES:
            dest = base / name / path
            dest.parent.mkdir(parents=True, exist_ok=True)
            if name == "after" and FORMATTED[path] is not None:
                messed = mess((ROOT / path).read_text(encoding="utf-8"), random.Random(str(path)))
                dest.write_text(format_source(messed, path.as_posix()), encoding="utf-8")
            else:
                shutil.copyfile(ROOT / path, dest)
    return base / "before", base / "after"


def _units() -> list[Path]:
    """What `glc check` is run on: the programs folder, the starter's, and each case (file or folder)."""
    units = [Path("programs"), Path("compiler/starter/programs")]
    for kind in ("accepted", "warnings", "hostile", "bad"):
        units += sorted(p.relative_to(ROOT) for p in (ROOT / "tests" / "cases" / kind).iterdir()
                        if p.suffix in (".guideline", ".fields") or p.is_dir())
    return units


def _comparable(bundle: Bundle) -> Bundle:
    """The bundle without the files' hashes (formatting changes the bytes, which is what they hash)."""
    vocabulary = dataclasses.replace(bundle.vocabulary, sha256="")
    return dataclasses.replace(bundle, vocabulary=vocabulary,
                               programs=tuple(dataclasses.replace(p, sha256="") for p in bundle.programs),
                               history=tuple(dataclasses.replace(p, sha256="") for p in bundle.history))


def _check(folder: Path, unit: Path) -> tuple[Bundle | None, list[tuple[str, str, str]]]:
    here = Path.cwd()
    os.chdir(folder)
    try:
        vocabulary = None if unit.suffix == ".fields" or unit.parts[0] in ("programs", "compiler") else VOCABULARY
        result = check_paths([unit], vocabulary=vocabulary)
    finally:
        os.chdir(here)
    # a message may name a line ("(line 12)"): formatting moves lines
    said = [(d.code, d.severity, re.sub(r"line \d+", "line N", d.message)) for d in result.diagnostics]
    return (_comparable(result.bundle) if result.bundle is not None else None), said


@pytest.mark.parametrize("unit", _units(), ids=lambda p: p.as_posix())
def test_formatting_keeps_the_checked_ir(unit: Path, copies: tuple[Path, Path]) -> None:
    before, after = copies
    ir_before, said_before = _check(before, unit)
    ir_after, said_after = _check(after, unit)
    assert said_after == said_before
    assert ir_after == ir_before


def test_formatting_keeps_the_checked_portfolio(copies: tuple[Path, Path]) -> None:
    results = []
    for folder in copies:
        bundle, _ = _check(folder, Path("programs"))
        assert bundle is not None
        checked = check_portfolios(sorted((folder / "programs").glob("*.portfolio")), bundle.vocabulary)
        assert checked.portfolio is not None
        results.append(dataclasses.replace(checked.portfolio, paths=()))
    assert results[0] == results[1]


def test_every_file_that_parses_is_covered() -> None:
    assert len(PARSED) >= 60 and any(p.suffix == ".portfolio" for p in PARSED)
    assert Path("programs/keystone_bank_statement.guideline") in PARSED


@pytest.mark.parametrize("path", PARSED, ids=lambda p: p.as_posix())
def test_idempotent(path: Path) -> None:
    once = FORMATTED[path]
    assert once is not None
    assert format_source(once, path.as_posix()) == once


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(PARSED), st.randoms(use_true_random=False))
def test_canonical_whatever_the_layout(path: Path, rnd: random.Random) -> None:
    """A file with its layout and meaningless spellings messed up formats to the same text as the file (40 files
    drawn from the repository's, each messed up at random), and that text formats to itself."""
    messed = mess((ROOT / path).read_text(encoding="utf-8"), rnd)
    once = format_source(messed, path.as_posix())
    assert once == FORMATTED[path]
    assert format_source(once, path.as_posix()) == once


# ---------------------------------------------------------------- the layout, rule by rule

MESSY_PROGRAM = """

# leading comment
program   example_layout
title:"Example"
      investor: "Example Investor"
 family: "Examples"
  version: "1.0"
  effective: 2026-01-01
  source: "Example Investor Underwriting Guide v1.0"



matrix  investment "Investment"
cite "§2.3"   # where
    when occupancy is investment
  gives max_ltv,max_cltv
  rows fico
  columns loan_amount
  |FICO|<= 1M|$1000001 - 1.5M|
  | 740 +|80%/75%|n/a|
  # a comment row
  |660-739|75%| N/A |

rule property_types "Property types"
  cite "§7.2"
  require property_type in (sfr, pud,
      condo_warrantable)
  require property_type in (
  sfr, pud
  )
  require fico >= 720
  and ltv <= 70%
        allow dti<=55% when fico>=720   and not(fthb)
rule seasoned "Seasoning"
  cite "§4.3"
  require seasoning of credit_events
    | event | minimum |
    | fc,ss | 36 months |

value x "X" = (loan_amount-1)*2 ,  rounded   half  up to 2 decimals
 note "n"
# trailing comment
"""

FORMATTED_PROGRAM = """# leading comment
program example_layout
  title: "Example"
  investor: "Example Investor"
  family: "Examples"
  version: "1.0"
  effective: 2026-01-01
  source: "Example Investor Underwriting Guide v1.0"

matrix investment "Investment"
  cite "§2.3"  # where
  when occupancy is investment
  gives max_ltv, max_cltv
  rows fico
  columns loan_amount
  | FICO     | <= $1,000,000 | $1,000,001..$1,500,000 |
  | 740+     | 80% / 75%     | N/A                    |
  # a comment row
  | 660..739 | 75%           | N/A                    |

rule property_types "Property types"
  cite "§7.2"
  require property_type in (sfr, pud,
                            condo_warrantable)
  require property_type in (
    sfr, pud
  )
  require fico >= 720
    and ltv <= 70%
  allow dti <= 55% when fico >= 720 and not (fthb)
rule seasoned "Seasoning"
  cite "§4.3"
  require seasoning of credit_events
  | event  | minimum   |
  | fc, ss | 36 months |

value x "X" = (loan_amount - 1) * 2, rounded half up to 2 decimals
  note "n"
# trailing comment
"""

MESSY_VOCABULARY = """vocabulary "V"
record late "Late"
field due_on "Due"
type: date
    field days_late "Days"
  type :integer
  range: 30-999
  end
field amount "Amount"
  type: money
  precision: whole   dollars
  range: 0..100000000
  better: lower
field flag "Flag"
  type: yes / no
field kind "Kind"
  type: one of a "A",b "B"
value total "Total" =
  amount *  2 /
  amount
"""

FORMATTED_VOCABULARY = """vocabulary "V"
record late "Late"
  field due_on "Due"
    type: date
  field days_late "Days"
    type: integer
    range: 30..999
end
field amount "Amount"
  type: money
  precision: whole dollars
  range: 0..100,000,000
  better: lower
field flag "Flag"
  type: yes/no
field kind "Kind"
  type: one of a "A", b "B"
value total "Total" =
    amount * 2 /
    amount
"""


def test_layout_of_a_program() -> None:
    """Header one step in, items at the margin, clauses one step in, `allow` and a seasoning table at their
    `require`'s depth; spacing; aligned columns; band and N/A spelling; comments and blank lines; continued lines
    (after `(`, hanging, and one step in)."""
    assert format_source(MESSY_PROGRAM) == FORMATTED_PROGRAM


def test_layout_of_a_vocabulary() -> None:
    """Records' fields one step in and their properties two, `end` at the margin; `yes/no`; numbers in a band
    grouped; a declaration's continued lines two steps in (one step in is where its clauses go)."""
    assert format_source(MESSY_VOCABULARY) == FORMATTED_VOCABULARY


@pytest.mark.parametrize(("band", "canonical"), [
    ("660-679", "660..679"), ("660 .. 679", "660..679"), ("740 +", "740+"), (">=700", ">= 700"),
    ("<=1M", "<= $1,000,000"), ("$1000001-1.5M", "$1,000,001..$1,500,000"), ("250K..$2,650.50", "$250,000..$2,650.50"),
    ("1.000..1.249", "1.000..1.249"), ("10000..99999", "10,000..99,999"), ("1,000..9,999", "1000..9999"),
    ("60.01%-80%", "60.01%..80%"), ("12 months-2 years", "12 months..2 years"),
])
def test_band_spelling(band: str, canonical: str) -> None:
    text = f"vocabulary \"V\"\nfield x \"X\"\n  type: money\n  range: {band}\n"
    assert format_source(text).splitlines()[3] == f"  range: {canonical}"


def test_literals_outside_bands_stay_as_written() -> None:
    """Their text is in the checked IR (findings quote it): `1.5M` stays `1.5M`, `1.50` stays `1.50`."""
    text = "program p\n  title: \"P\"\nrule r \"R\"\n  cap max_loan_amount at  1.5M\n  require dscr >= 1.50\n"
    assert format_source(text).splitlines()[3:] == ["  cap max_loan_amount at 1.5M", "  require dscr >= 1.50"]


def test_line_endings_and_byte_order_mark() -> None:
    assert format_source("\ufeffvocabulary \"V\"\r\nfield x \"X\"\r\n  type: date") == \
        "vocabulary \"V\"\nfield x \"X\"\n  type: date\n"


def test_a_syntax_error_raises_the_diagnostic_glc_check_gives() -> None:
    path = ROOT / "tests" / "cases" / "bad" / "unclosed_parenthesis.guideline"
    with pytest.raises(DiagnosticsError) as raised:
        format_source(path.read_text(encoding="utf-8"), "unclosed_parenthesis.guideline")
    [diagnostic] = raised.value.diagnostics
    assert (diagnostic.code, diagnostic.severity) == ("E103", "error")
    assert diagnostic.span is not None and (diagnostic.span.path, diagnostic.span.line) == ("unclosed_parenthesis.guideline", 18)


def test_the_references_examples_are_laid_out_as_glc_fmt_lays_them_out() -> None:
    """docs/language.md shows the layout `glc fmt` writes (its convention: two spaces under program, rule, matrix,
    field; tables aligned)."""
    text = (ROOT / "docs" / "language.md").read_text(encoding="utf-8")
    blocks = [(text[: m.start()].count("\n") + 2, m.group(2))
              for m in re.finditer(r"^```(guideline|fields|portfolio)\n(.*?)^```", text, re.S | re.M)]
    assert len(blocks) >= 25
    for line, block in blocks:
        formatted = format_source(block)
        assert formatted == block, f"docs/language.md, the example at line {line}, as `glc fmt -` writes it:\n" + "".join(
            difflib.unified_diff(block.splitlines(keepends=True), formatted.splitlines(keepends=True)))


NEW_CONSTRUCT = """
// a construct the formatter has never seen: a program item with clauses, sub-statements and a table
category: "category" NAME STRING? _NL category_clause+ table?
?category_clause: cite | note | member
member: "member" NAME "when" expr _NL otherwise*
otherwise: "otherwise" expr _NL
"""


def test_a_construct_added_to_the_grammar_is_laid_out_without_new_code(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import compiler.syntax.parse as parse_module

    grammar = parse_module.GRAMMAR.read_text(encoding="utf-8").replace("?program_item: section", "?program_item: category\n             | section")
    (tmp_path / "guideline.lark").write_text(grammar + NEW_CONSTRUCT, encoding="utf-8")
    monkeypatch.setattr(parse_module, "GRAMMAR", tmp_path / "guideline.lark")
    parse_module.parser.cache_clear()
    try:
        formatted = format_source('program p\n  title:  "P"\ncategory   size "Size"\ncite "§1"\n'
                                  "        member jumbo when loan_amount>$1,000,000 and\n      fico >= 700\n"
                                  "        otherwise fico>=720\n  member small when (loan_amount<= 100K)\n"
                                  "  | Size|Max LTV|\n  |jumbo|80%|\n   | small | 75% |\n")
    finally:
        parse_module.parser.cache_clear()
    assert formatted == ('program p\n  title: "P"\ncategory size "Size"\n  cite "§1"\n'
                         "  member jumbo when loan_amount > $1,000,000 and\n      fico >= 700\n"
                         "    otherwise fico >= 720\n  member small when (loan_amount <= 100K)\n"
                         "  | Size  | Max LTV |\n  | jumbo | 80%     |\n  | small | 75%     |\n")


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(PARSED), st.integers(min_value=0), st.integers(min_value=0, max_value=40),
       st.sampled_from(["", "(", ")", "|", "\n", "#", '"', "..", "-", " and", "\r", "\t", "\ufeff"]))
def test_text_being_typed_formats_or_raises_the_syntax_error(path: Path, at: int, cut: int, insert: str) -> None:
    """What an editor sends while the author types (a file cut short, a character inserted): formatted, or the
    syntax error as `DiagnosticsError`; never another exception (the language server formats on request)."""
    text = (ROOT / path).read_text(encoding="utf-8")
    at %= len(text) + 1
    edited = text[:at] + insert + text[at + cut:]
    try:
        once = format_source(edited)
    except DiagnosticsError as err:
        assert err.diagnostics and err.diagnostics[0].severity == "error"
        return
    assert format_source(once) == once
