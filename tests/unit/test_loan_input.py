"""Loan JSON as people write it (`compiler/loan_input.py`): tape spellings read exactly, nothing ambiguous guessed,
problems in a policy writer's words (golden), absurd files a plain usage error from `glc eval` and `glc explain`."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from compiler import ir_program
from compiler.driver import check_paths
from compiler.loan_input import LoanFileError, LoanProblems, normalise, parse_loan, read_number, validate
from compiler.screen import tape
from compiler.spellings import FALSE_TEXT, NULL_TEXT, TRUE_TEXT

ROOT = Path(__file__).resolve().parents[2]
CASES = ROOT / "tests" / "cases" / "loan_input"
HOSTILE = ROOT / "tests" / "cases" / "hostile" / "loans"


def glc(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    out = subprocess.run([sys.executable, "-m", "compiler.cli", *args], cwd=ROOT, input=stdin, capture_output=True)
    return subprocess.CompletedProcess(out.args, out.returncode, out.stdout.decode("utf-8", "replace"),
                                       out.stderr.decode("utf-8", "replace"))


@pytest.fixture(scope="module")
def vocabulary() -> ir_program.Vocabulary:
    bundle = check_paths([ROOT / "programs"]).bundle
    assert bundle is not None
    return bundle.vocabulary


def test_tape_and_json_share_one_vocabulary_of_spellings() -> None:
    assert (tape.NULL_TEXT, tape.TRUE_TEXT, tape.FALSE_TEXT) == (NULL_TEXT, TRUE_TEXT, FALSE_TEXT)


@pytest.mark.parametrize(("text", "kind", "number"), [
    ("1,000,000", "money", Decimal("1000000")),
    ("$1.2M", "money", Decimal("1200000")),
    ("$950K", "money", Decimal("950000")),
    ("$1,234.56", "money", Decimal("1234.56")),
    ("-$1,000", "money", Decimal("-1000")),
    ("80%", "percent", Decimal("80")),
    ("80.00 %", "percent", Decimal("80.00")),
    ("0.8", "percent", Decimal("0.8")),  # a fraction is not guessed to mean 80%
    ("705", "integer", Decimal("705")),
])
def test_numbers_read_exactly(text: str, kind: str, number: Decimal) -> None:
    got = read_number(text, kind)
    assert type(got) is Decimal and got == number and str(got) == str(number)


@pytest.mark.parametrize(("text", "kind"), [
    ("1,00", "money"), ("1,0000", "money"), ("12,34.5", "money"),  # commas only between groups of three
    ("$80", "percent"), ("80%", "money"), ("$1.2M", "integer"), ("12M", "percent"),  # signs only where they fit
    ("1.2B", "money"), ("1e6", "money"), ("$1.2 million", "money"), ("80%%", "percent"), ("", "money"),
])
def test_ambiguous_or_foreign_numbers_are_not_read(text: str, kind: str) -> None:
    assert read_number(text, kind) is None


def test_normalise_reads_tape_spellings(vocabulary: ir_program.Vocabulary) -> None:
    got = normalise({"occupancy": "Primary", "purpose": "CASH-OUT REFINANCE", "property_type": "single-family residence",
                     "rural": "Y", "fthb": "n", "fico": "N/A", "loan_amount": "$1.2M", "ownership_pct": "80%",
                     "cpa_expense_ratio": "0.8", "application_date": "3/14/2026", "loan_id": "N/A", "colour": "red",
                     "credit_events": [{"kind": "Chapter 7 bankruptcy", "completed_on": "06/30/2019"}, "x"]}, vocabulary)
    assert got == {"occupancy": "primary", "purpose": "cash_out", "property_type": "sfr", "rural": True, "fthb": False,
                   "fico": None, "loan_amount": Decimal("1200000"), "ownership_pct": Decimal("80"),
                   "cpa_expense_ratio": Decimal("0.8"), "application_date": dt.date(2026, 3, 14),
                   "loan_id": "N/A",  # text is text: only fields of other types have "unknown" spellings
                   "colour": "red", "credit_events": [{"kind": "bk7", "completed_on": dt.date(2019, 6, 30)}, "x"]}


def test_json_numbers_are_decimals_never_floats() -> None:
    data = parse_loan(b'{"ownership_pct": 33.33, "fico": 705, "cpa_expense_ratio": 0.1}')
    assert data == {"ownership_pct": Decimal("33.33"), "fico": 705, "cpa_expense_ratio": Decimal("0.1")}
    assert type(data["ownership_pct"]) is Decimal


def test_a_loan_in_tape_spellings_is_the_same_loan(vocabulary: ir_program.Vocabulary) -> None:
    sys.path.insert(0, str(ROOT))
    try:
        from generated import Loan
    finally:
        sys.path.remove(str(ROOT))
    spelled = validate(json.loads((CASES / "spellings.json").read_text(encoding="utf-8")), Loan, vocabulary)
    canonical = validate(json.loads((CASES / "spellings_canonical.json").read_text(encoding="utf-8")), Loan, vocabulary)
    assert spelled == canonical
    assert spelled.loan_amount == Decimal("1050000") and spelled.total_deposits == Decimal("1200000")
    with pytest.raises(LoanProblems) as caught:
        validate({"ownership_pct": "0.8%", "cpa_expense_ratio": "80 percent"}, Loan, vocabulary)
    assert [p.path for p in caught.value.problems] == ["cpa_expense_ratio"]  # 0.8% is 0.8 percent, nothing odd


def test_eval_of_tape_spellings_decides_like_the_canonical_loan() -> None:
    spelled = glc("eval", "keystone_bank_statement", str(CASES / "spellings.json"), "-f", "json")
    canonical = glc("eval", "keystone_bank_statement", str(CASES / "spellings_canonical.json"), "-f", "json")
    assert spelled.returncode == 0, spelled.stderr
    assert json.loads(spelled.stdout) == json.loads(canonical.stdout)


@pytest.mark.parametrize("command", ["eval", "explain"])
def test_problems_in_a_policy_writers_words(command: str, update_golden: bool) -> None:
    """Golden: one line per bad value with the field's title, its JSON path, what was given and what is expected."""
    out = glc(command, "keystone_bank_statement", str(CASES / "problems.json"))
    assert out.returncode == 1
    expected = CASES / "problems.expected"
    if update_golden:
        expected.write_text(out.stderr, encoding="utf-8")
    assert out.stderr == expected.read_text(encoding="utf-8")
    for pydantic_words in ("Input should", "Datetimes provided", "valid decimal", "extra_forbidden", "type="):
        assert pydantic_words not in out.stderr
    assert out.stdout == ""


def test_many_problems_are_counted_not_all_listed(tmp_path: Path) -> None:
    loan = tmp_path / "many.json"
    loan.write_text(json.dumps({"credit_events": [{"kind": "zz"}] * 5000}), encoding="utf-8")
    out = glc("eval", "keystone_bank_statement", str(loan))
    assert out.returncode == 1
    lines = out.stderr.splitlines()
    assert lines[0] == "The loan has 5,000 problems:" and lines[-1] == "  ... and 4,980 more" and len(lines) == 22


# ------------------------------------------------------------------ absurd files: exit 2, one plain line

def _generated_hostile(folder: Path) -> list[Path]:
    deep = folder / "nested_100000.json"
    deep.write_text('{"credit_events": ' + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")
    deep_objects = folder / "nested_objects_100000.json"
    deep_objects.write_text('{"a": ' * 100_000 + "1" + "}" * 100_000, encoding="utf-8")
    big = folder / "text_50mb.json"
    with big.open("w", encoding="utf-8") as f:
        f.write('{"loan_id": "')
        f.write("x" * 50_000_000)
        f.write('"}')
    folder_named_json = folder / "a_folder.json"
    folder_named_json.mkdir()
    return [deep, deep_objects, big, folder_named_json, folder / "missing.json"]


def test_hostile_loan_files(tmp_path: Path) -> None:
    from concurrent.futures import ThreadPoolExecutor

    files = sorted(HOSTILE.glob("*.json")) + _generated_hostile(tmp_path)
    assert len(files) >= 15
    runs = [(command, path) for path in files for command in ("eval", "explain")]
    with ThreadPoolExecutor(max_workers=6) as pool:
        outs = list(pool.map(lambda run: glc(run[0], "keystone_bank_statement", str(run[1])), runs))
    for (command, path), out in zip(runs, outs, strict=True):
        said = out.stderr
        assert out.returncode == 2, (command, path.name, said)
        assert "bug in glc" not in said and "Traceback" not in said, (command, path.name, said)
        assert len(said.splitlines()) == 1 and len(said) < 400, (command, path.name, said[:500])
        assert "xxxxxxxxxx" not in said and "AAAAAAAAAA" not in said and "99999999" not in said
        assert out.stdout == ""


def test_hostile_loan_on_stdin() -> None:
    for data in (b"", b"[1]", b"\xff", b'{"fico": ' + b"7" * 5000 + b"}", b"[" * 100_000):
        out = glc("eval", "keystone_bank_statement", "-", stdin=data)
        assert out.returncode == 2 and "bug in glc" not in out.stderr and len(out.stderr) < 400, out.stderr


@pytest.mark.parametrize(("data", "words"), [
    (b"", "is empty"),
    (b"[]", "holds a list"),
    (b"\xef\xbb\xbf\xff", "byte 0xFF at line 1, column 1"),
    (b'{"a": 1e400}', "far outside any loan value"),
    (b'{"a": Infinity}', "Infinity is not a number"),
    (b'{"a": ' + b"1" * 31 + b"}", "31 digits"),
    (b'{"a": ' + b'{"b": ' * 10 + b"1" + b"}" * 10 + b"}", "nested more than 8 levels"),
])
def test_parse_loan_says_why(data: bytes, words: str) -> None:
    with pytest.raises(LoanFileError, match=words.replace("(", r"\(")):
        parse_loan(data, "loan.json")
