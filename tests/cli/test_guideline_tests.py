"""Guideline tests (programs/tests/*.yaml): both executors pass them, `glc test` reports failures readably,
malformed files get located plain-English errors, and coverage counts what it says it counts."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from rich.console import Console

from compiler.cli.test import run_test
from compiler.driver import check_paths
from compiler.tools.scenario_run import Runner, compare
from compiler.tools.scenario_values import parse_number
from compiler.tools.scenario_yaml import TestFileError
from compiler.tools.scenarios import program_keys, read_test_files

ROOT = Path(__file__).resolve().parents[2]
TESTS = sorted((ROOT / "programs" / "tests").rglob("*.yaml"))  # programs/tests/history/ holds older versions' tests
BUNDLE = check_paths([ROOT / "programs"]).bundle
assert BUNDLE is not None
PROGRAMS = program_keys(BUNDLE)  # every version: `id` (current) or `id@version`


def glc(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "compiler.cli", *args], cwd=cwd, capture_output=True, text=True)


def glc_test(cwd: Path, *paths: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """`glc test` in-process (what the CLI command calls): exit code, stdout, stderr."""
    monkeypatch.chdir(cwd)
    buf = io.StringIO()
    code = run_test([Path(p) for p in paths] or [Path("programs")], False, False,
                    Console(file=buf, width=250, highlight=False, soft_wrap=True))
    captured = capsys.readouterr()
    return code, buf.getvalue() + captured.out, captured.err


@pytest.mark.parametrize("path", TESTS, ids=lambda p: p.name)
def test_scenarios_pass_in_both_executors(path: Path) -> None:
    """Every scenario, decided by the reference evaluator and by the generated checker, meets its expectations."""
    import generated
    from generated.loan import Loan

    scenarios, errors = read_test_files([path], BUNDLE)
    assert not errors, errors
    runner = Runner(BUNDLE)
    problems = []
    for s in scenarios:
        program = PROGRAMS[s.program]
        reference = runner.run(s)
        produced = generated.check(program.id, Loan.model_validate(s.loan), on=program.effective)  # that version's checker
        for executor, mismatches in (("reference", reference.mismatches), ("generated", compare(s.expect, produced, program))):
            problems += [f"{s.where} {s.name} [{executor}]: {m.what}: expected {m.expected}, got {m.actual}" for m in mismatches]
    assert not problems, "\n".join(problems)


def test_the_seed_scenarios_and_more_are_there() -> None:
    scenarios, errors = read_test_files(TESTS, BUNDLE)
    assert not errors
    assert len(scenarios) >= 54 * 2
    assert {s.program for s in scenarios} == set(PROGRAMS)


def test_glc_test_passes_and_coverage_meets_the_bar() -> None:
    """The acceptance point: every program's rules all decided, >= 90% of its matrix cells reached."""
    out = glc("test", "--coverage", "--format", "json")
    assert out.returncode == 0, out.stdout + out.stderr
    report = json.loads(out.stdout)
    assert report["summary"]["failed"] == 0 and report["summary"]["passed"] >= 500
    per = {p["program"]: p for p in report["coverage"]["programs"]}
    assert set(per) == set(PROGRAMS)
    for pid, p in per.items():
        assert p["rules"]["covered"] == p["rules"]["total"], (pid, p["rules_not_exercised"])
        assert p["cells"]["covered"] * 10 >= p["cells"]["total"] * 9, (pid, p["cells_not_reached"])
    # the programs of the second edition: every rule, outcome and cell (category edges, choice-keyed grid)
    for pid in ("summit_near_prime", "foreign_national_dscr", "crestline_closed_end_second"):
        assert all(per[pid][k]["covered"] == per[pid][k]["total"] for k in ("rules", "outcomes", "cells")), per[pid]


def test_a_wrong_expectation_fails_with_a_readable_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copytree(ROOT / "programs", tmp_path / "programs")
    f = tmp_path / "programs" / "tests" / "keystone_bank_statement.yaml"
    text = f.read_text(encoding="utf-8")
    old = "    expect:\n      status: eligible\n      max_ltv: 80%\n      binding: primary_purchase\n"
    assert text.count(old) == 1
    line = text[: text.index(old)].rsplit("  - name:", 1)[0].count("\n") + 1
    text = text.replace(old, old.replace("80%", "85%").replace("status: eligible", "status: ineligible"))
    nv = "expect: {status: ineligible, failing: [excluded_states]}"
    assert text.count(nv) == 1
    f.write_text(text.replace(nv, nv.replace("excluded_states", "min_fico")), encoding="utf-8")
    code, stdout, stderr = glc_test(tmp_path, monkeypatch=monkeypatch, capsys=capsys)
    assert code == 1, stdout + stderr
    assert f"FAIL programs/tests/keystone_bank_statement.yaml:{line}: FICO 705, $1,200,000, primary purchase" in stdout
    assert "status: expected ineligible, got eligible" in stdout
    assert ("max_ltv: expected 85%, got 80% (Primary residence, purchase: Credit score 700-719, Loan amount $1,000,001-$1,500,000"
            " = 80%)") in stdout
    assert "the decision (eligible): no rule failed" in stdout
    assert "state NV excluded (keystone_bank_statement)" in stdout
    assert "failing rules: expected min_fico, got excluded_states" in stdout
    finding = next(ln for ln in stdout.splitlines() if "fail    excluded_states: Not met:" in ln)
    assert "(State NV). [§7.3, p. 14] (programs/keystone_bank_statement.guideline:" in finding
    assert "2 failed" in stdout and "Traceback" not in stdout + stderr


def test_usage_errors_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, err = glc_test(ROOT, "no/such/folder", monkeypatch=monkeypatch, capsys=capsys)
    assert code == 2 and "No such file or folder: no/such/folder." in err
    (tmp_path / "loan.fields").write_text((ROOT / "programs" / "loan.fields").read_text())
    code, _out, err = glc_test(tmp_path, str(tmp_path), monkeypatch=monkeypatch, capsys=capsys)
    assert code == 2 and "No test files" in err


def test_programs_with_errors_are_reported_not_tested(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copytree(ROOT / "programs", tmp_path / "programs")
    harbor = tmp_path / "programs" / "harbor_dscr.guideline"
    harbor.write_text(harbor.read_text().replace("require fico >= 660", "require ficco >= 660"))
    code, _out, err = glc_test(tmp_path, monkeypatch=monkeypatch, capsys=capsys)
    assert code == 1
    assert "`ficco` is neither a field of the loan vocabulary nor a value of this program. Did you mean `fico`?" in err
    assert "fix them (see `glc check`)" in err


# ------------------------------------------------------------------ malformed files

BASE = "program: keystone_bank_statement\nbase:\n  fico: 745\nscenarios:\n"


@pytest.mark.parametrize(("body", "where", "message"), [
    (BASE + "  - name: x\n    loan: {ficco: 700}\n    expect: {status: eligible}\n", ":6:12", "Unknown loan field `ficco`. Did you mean `fico`?"),
    (BASE + "  - name: x\n    expect: {status: eligible, failing: [min_ficco]}\n", ":6:42",
     "`min_ficco` is not a rule of keystone_bank_statement. Did you mean `min_fico`?"),
    (BASE + "  - name: x\n    expect: {status: elegible}\n", ":6:22", "Did you mean `eligible`?"),
    (BASE + "  - name: x\n    expect: {max_lvt: 80%}\n", ":6:14", "Unknown key `max_lvt` in expect. Did you mean `max_ltv`?"),
    (BASE + "  - name: x\n    loan: {loan_amount: 1,000,000}\n    expect: {status: eligible}\n", ":6:27",
     "a number like 1,000,000 is cut at its commas"),
    (BASE + "  - name: x\n    loan:\n      fico: seven\n    expect: {status: eligible}\n", ":7:13", "`fico`: `seven` is not a number"),
    (BASE + "  - name: x\n    loan:\n      loan_amount: 100.50\n    expect: {status: eligible}\n", ":7:20", "at most 0 decimals"),
    (BASE + "  - name: x\n    loan:\n      fico: 900\n    expect: {status: eligible}\n", ":7:13", "outside its range"),
    (BASE + "  - name: x\n    loan: {fico: 700\n", ":7:1", "not valid YAML"),
    (BASE + "  - name: x\n    loan: {fico: 700}\n", ":5:5", "has no `expect:`"),
    (BASE + "  - name: t\n    rows: |\n      | fico | max_lvt |\n      | 700  | 80%     |\n", ":7:16",
     "Unknown column `max_lvt`. Did you mean `max_ltv`?"),
    (BASE + "  - name: t\n    rows: |\n      | fico | max_ltv |\n      | 700  |\n", ":8:1", "this row has 1 cells; the header has 2"),
    (BASE + "  - name: t\n    rows: |\n      | fico | status   |\n      | 7OO  | eligible |\n", ":8:9", "`7OO` is not a number"),
    ("program: keystone_bank_stmt\nscenarios: []\n", ":1:10", "Did you mean `keystone_bank_statement`?"),
    ("", ":1:1", "the file is empty"),
    ("program: keystone_bank_statement@2025.3\nscenarios: []\n", ":1:10",
     "`keystone_bank_statement` has no version `2025.3`. Did you mean `2025.2`? Its versions: 2025.2 (effective 2025-07-01), "
     "2026.1 (effective 2026-01-01, current)."),
    ("program: keystone_bank_stmt@2025.2\nscenarios: []\n", ":1:10", "No program `keystone_bank_stmt`. Did you mean"),
    ("program: keystone_bank_statement\non: 2025-06-30\nscenarios: []\n", ":2:5",
     "No version of `keystone_bank_statement` is in force on 2025-06-30: its first version, 2025.2, takes effect on 2025-07-01."),
    ("program: keystone_bank_statement\non: 2025-13-01\nscenarios: []\n", ":2:5", "on: `2025-13-01` is not a date"),
    ("program: keystone_bank_statement@2025.2\non: 2026-01-01\nscenarios: []\n", ":2:5",
     "`keystone_bank_statement@2025.2` is not the version in force on 2026-01-01 (that is 2026.1); give either"),
    (BASE + "  - name: x\n    on: 2024-01-01\n    expect: {status: eligible}\n", ":6:9",
     "No version of `keystone_bank_statement` is in force on 2024-01-01"),
    ("program: keystone_bank_statement@2025.2\nscenarios:\n  - name: x\n    expect: {failing: [fthb_payment_shock]}\n", ":4:24",
     "`fthb_payment_shock` is not a rule of keystone_bank_statement@2025.2."),
])
def test_malformed_files_get_located_errors(tmp_path: Path, body: str, where: str, message: str) -> None:
    f = tmp_path / "t.yaml"
    f.write_text(body, encoding="utf-8")
    scenarios, errors = read_test_files([f], BUNDLE)
    assert len(errors) == 1, scenarios
    err = errors[0]
    assert isinstance(err, TestFileError)
    assert err.where.endswith("t.yaml" + where), err
    assert message in err.message, err


def test_numbers_are_exact() -> None:
    assert parse_number("0.965", "ratio") == Decimal("0.965")
    assert parse_number("$1,000,000.10", "money") == Decimal("1000000.10")
    assert parse_number("67.34%", "percent") == Decimal("67.34")
    assert parse_number("12 months", "months") == Decimal(12)
    for bad in ("1e3", "1,00", "0x10", "inf", "1.2.3"):
        with pytest.raises(ValueError):
            parse_number(bad, "ratio")


def test_a_malformed_file_fails_the_run_with_its_location(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copytree(ROOT / "programs", tmp_path / "programs", ignore=shutil.ignore_patterns("tests"))
    (tmp_path / "programs" / "tests").mkdir()
    (tmp_path / "programs" / "tests" / "bad.yaml").write_text(BASE + "  - name: x\n    loan: {ficco: 700}\n    expect: {status: eligible}\n")
    code, stdout, _err = glc_test(tmp_path, monkeypatch=monkeypatch, capsys=capsys)
    assert code == 1
    assert "programs/tests/bad.yaml:6:12: error: Unknown loan field `ficco`. Did you mean `fico`?" in stdout
    assert "0 scenarios: 0 passed, 0 failed; 1 malformed test file" in stdout


# ------------------------------------------------------------------ coverage on a program whose answer is known

TINY = """program tiny
  title: "Tiny"
  investor: "Test"
  family: "Test"
  version: "1"
  effective: 2026-01-01
  source: "Test"

matrix grid "Grid"
  cite "p. 1"
  when occupancy is primary
  gives max_ltv
  rows fico
  columns loan_amount
  | FICO     | <= $1,000,000 | $1,000,001..$2,000,000 |
  | 700+     | 80%           | 75%                    |
  | 600..699 | 70%           | N/A                    |

rule min_fico "Minimum score"
  cite "p. 2"
  require fico >= 600

rule condo "Condo cap"
  cite "p. 3"
  when property_type is condo_warrantable
  cap max_ltv at 60%
"""


def test_coverage_counts_on_a_small_program(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "loan.fields").write_text((ROOT / "programs" / "loan.fields").read_text())
    (tmp_path / "tiny.guideline").write_text(TINY)
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "tiny.yaml").write_text("""program: tiny
base:
  occupancy: primary
  property_type: sfr
  purpose: rate_term
  appraised_value: 2000000
  loan_amount: 500000
scenarios:
  - name: cells
    rows: |
      | fico | loan_amount | status     | max_ltv |
      | 720  | 500,000     | eligible   | 80%     |
      | 650  | 1,500,000   | ineligible | none    |
      | 720  | 1,500,000   | eligible   | 75%     |
  - name: missing score
    loan: {fico: unknown}
    expect: {status: needs_info, failing: none}
""")
    monkeypatch.chdir(tmp_path)
    code = run_test([Path(".")], True, True, Console(file=io.StringIO()))
    report = json.loads(capsys.readouterr().out)
    assert code == 0, report
    assert report["summary"] == {"scenarios": 4, "passed": 4, "failed": 0, "malformed_files": 0}
    assert [p["program"] for p in report["coverage"]["programs"]] == ["tiny"]
    tiny = report["coverage"]["programs"][0]
    # rules: grid (pass and fail seen), min_fico (pass; fail never), condo (never applies) -> 2 of 3
    assert tiny["rules"] == {"covered": 2, "total": 3, "percent": "66.6"}
    assert tiny["rules_not_exercised"] == ["condo"]
    # outcomes: grid pass/fail/n.a. (n.a. never) + min_fico pass/fail (fail never) + condo pass/n.a. (n.a. every time)
    assert tiny["outcomes"] == {"covered": 4, "total": 7, "percent": "57.1"}
    assert tiny["outcomes_not_produced"] == [{"rule": "grid", "outcome": "not_applicable"},
                                             {"rule": "min_fico", "outcome": "fail"}, {"rule": "condo", "outcome": "pass"}]
    # cells: 3 of 4 (the unknown-score loan lands nowhere); the N/A cell counts when reached
    assert tiny["cells"] == {"covered": 3, "total": 4, "percent": "75.0"}
    assert [c["label"] for c in tiny["cells_not_reached"]] == ["fico 600-699 x loan_amount up to $1,000,000"]
    assert report["coverage"]["overall"]["cells"] == tiny["cells"]


def test_the_documented_example_passes(tmp_path: Path) -> None:
    """The test file in docs/language.md ("Guideline tests") is valid and every scenario in it passes."""
    import re

    text = (ROOT / "docs" / "language.md").read_text(encoding="utf-8")
    blocks = re.findall(r"^```yaml\n(.*?)^```", text, re.S | re.M)
    assert len(blocks) == 2  # 15.1 a test file; 15.5 testing older versions
    runner = Runner(BUNDLE)
    for block, count, programs in ((blocks[0], 6, {"keystone_bank_statement"}),
                                   (blocks[1], 2, {"keystone_bank_statement@2025.2", "keystone_bank_statement"})):
        f = tmp_path / "example.yaml"
        f.write_text(block, encoding="utf-8")
        scenarios, errors = read_test_files([f], BUNDLE)
        assert not errors, errors
        assert len(scenarios) == count and {s.program for s in scenarios} == programs
        failures = [(o.scenario.name, o.mismatches) for o in map(runner.run, scenarios) if not o.passed]
        assert not failures, failures


def test_tables_program_lists_and_dashes(tmp_path: Path) -> None:
    f = tmp_path / "t.yaml"
    f.write_text("""program: [keystone_bank_statement, acme_bank_statement]
base:
  fico: 745
  loan_amount: 800,000
scenarios:
  - name: grid
    loan: {occupancy: primary}
    rows: |
      | fico | loan_amount | status   | max_ltv |
      |------|-------------|----------|---------|
      | -    | 1,000,001   | -        | 85%     |
      | 700  | -           | ineligible | -     |
""", encoding="utf-8")
    scenarios, errors = read_test_files([f], BUNDLE)
    assert not errors
    assert [(s.name, s.program, s.line) for s in scenarios] == [
        ("grid [keystone_bank_statement]: loan_amount 1,000,001", "keystone_bank_statement", 11),
        ("grid [keystone_bank_statement]: fico 700", "keystone_bank_statement", 12),
        ("grid [acme_bank_statement]: loan_amount 1,000,001", "acme_bank_statement", 11),
        ("grid [acme_bank_statement]: fico 700", "acme_bank_statement", 12),
    ]
    first, second = scenarios[0], scenarios[1]
    assert first.loan == {"fico": 745, "fico_no_score": False, "loan_amount": Decimal(1000001), "occupancy": "primary"}
    assert first.expect.status is None and first.expect.limits == {"max_ltv": Decimal(85)}
    assert second.loan["loan_amount"] == Decimal(800000) and second.expect.limits == {}


def test_no_score_is_read_as_a_loan_file_reads_it(tmp_path: Path) -> None:
    """`fico: none` is no score at all; a score given makes `fico_no_score` no; unknown leaves both unknown
    (language.md 3.7), after the base and the scenario are merged, as the generated `Loan` reads the merged loan."""
    f = tmp_path / "t.yaml"
    f.write_text("""program: foreign_national_dscr
base:
  fico: 745
scenarios:
  - {name: a score, expect: {status: eligible}}
  - {name: none, loan: {fico: none}, expect: {status: eligible}}
  - {name: No score, loan: {fico: No score}, expect: {status: eligible}}
  - {name: unknown, loan: {fico: unknown}, expect: {status: eligible}}
  - {name: flag, loan: {fico: unknown, fico_no_score: yes}, expect: {status: eligible}}
  - {name: a score beats the flag, loan: {fico_no_score: yes}, expect: {status: eligible}}
  - name: table
    rows: |
      | fico | status   |
      | none | eligible |
      | 700  | eligible |
""", encoding="utf-8")
    scenarios, errors = read_test_files([f], BUNDLE)
    assert not errors
    assert [(s.loan.get("fico"), s.loan.get("fico_no_score")) for s in scenarios] == [
        (745, False), (None, True), (None, True), (None, None), (None, True), (745, False), (None, True), (700, False)]
    from generated.loan import Loan
    for s in scenarios:  # the generated checker's reading of the same loan
        model = Loan.model_validate(s.loan)
        assert (model.fico, model.fico_no_score) == (s.loan.get("fico"), s.loan.get("fico_no_score")), s.name


def test_mangled_files_never_raise_anything_but_a_located_error(tmp_path: Path) -> None:
    """200 seeded mutations of real test files (characters dropped, duplicated or replaced, lines swapped):
    each reads cleanly or gives one TestFileError with file:line; never another exception.
    A longer run: GLC_MANGLED_FILES=5000 pytest tests/cli/test_guideline_tests.py -k mangled"""
    import random

    originals = [(ROOT / "programs" / "tests" / name).read_text(encoding="utf-8") for name in ("shining_star_edge.yaml", "harbor_dscr.yaml")]
    rng = random.Random(6)
    f = tmp_path / "t.yaml"
    noise = ["", "{", "}", "[", "]", ":", "-", " ", "\t", "\n", "|", ",", "'", '"', "&a", "*a", "!!int ", "9" * 40, "%", "?"]
    errors = 0
    n = int(os.environ.get("GLC_MANGLED_FILES", "200"))
    for _ in range(n):
        text = rng.choice(originals)
        for _ in range(rng.randint(1, 3)):
            i = rng.randrange(len(text))
            kind = rng.random()
            if kind < 0.6:
                text = text[:i] + rng.choice(noise) + text[i + 1:]
            elif kind < 0.8:
                text = text[:i] + text[i] + text[i:]
            else:
                lines = text.splitlines(keepends=True)
                a, b = rng.randrange(len(lines)), rng.randrange(len(lines))
                lines[a], lines[b] = lines[b], lines[a]
                text = "".join(lines)
        f.write_text(text, encoding="utf-8")
        _scenarios, errs = read_test_files([f], BUNDLE)
        for e in errs:
            assert e.where.startswith(str(f)) and e.message, e
        errors += len(errs)
    assert errors > n // 3  # most mutations break the file


# ------------------------------------------------------------------ versions: id@version, on: date, coverage per version

VERSIONED = """program: keystone_bank_statement
on: 2025-09-01
base:
  fico: 705
scenarios:
  - name: file date
    expect: {status: eligible}
  - name: written version
    program: keystone_bank_statement@2026.1
    on: 2026-01-01
    expect: {status: eligible}
  - name: scenario date
    on: 2026-06-30
    expect: {status: eligible}
  - name: both
    program: [keystone_bank_statement, acme_bank_statement]
    on: 2026-03-01
    rows: |
      | fico | status   |
      | 700  | eligible |
"""


def test_scenarios_target_a_version_by_id_at_version_or_by_date(tmp_path: Path) -> None:
    f = tmp_path / "t.yaml"
    f.write_text(VERSIONED, encoding="utf-8")
    scenarios, errors = read_test_files([f], BUNDLE)
    assert not errors, errors
    assert [(s.name, s.program) for s in scenarios] == [
        ("file date", "keystone_bank_statement@2025.2"),  # 2025-09-01: 2025.2 (effective 2025-07-01) is in force
        ("written version", "keystone_bank_statement"),  # the current version is named by its id, however written
        ("scenario date", "keystone_bank_statement"),  # a scenario's `on:` replaces the file's
        ("both [keystone_bank_statement]: fico 700", "keystone_bank_statement"),
        ("both [acme_bank_statement]: fico 700", "acme_bank_statement"),
    ]
    old, new = PROGRAMS["keystone_bank_statement@2025.2"], PROGRAMS["keystone_bank_statement"]
    assert (old.version, new.version) == ("2025.2", "2026.1") and old is not new
    assert Runner(BUNDLE).programs["keystone_bank_statement@2025.2"] is old
    # a date applies to every program named: Acme's overlay (first effective 2026-02-15) was not in force in 2025
    f.write_text(VERSIONED.replace("on: 2026-03-01", "on: 2025-07-01"), encoding="utf-8")
    _scenarios, errors = read_test_files([f], BUNDLE)
    assert len(errors) == 1 and "No version of `acme_bank_statement` is in force on 2025-07-01" in errors[0].message


def test_the_same_loan_decides_differently_under_each_version() -> None:
    """The older version's test file runs loans under both versions; the runner uses each version's own rules."""
    scenarios, errors = read_test_files([ROOT / "programs" / "tests" / "history" / "keystone_bank_statement@2025.2.yaml"], BUNDLE)
    assert not errors
    by_name = {s.name: s for s in scenarios}
    runner = Runner(BUNDLE)
    old = runner.run(by_name["2026.1 differs: DTI 52% at FICO 705 is allowed (55% from FICO 700)"])
    new = runner.run(by_name["2026.1 differs: the same DTI 52% at FICO 705 under the version in force in 2026 (55% from FICO 720)"])
    assert old.scenario.loan == new.scenario.loan
    assert (old.scenario.program, new.scenario.program) == ("keystone_bank_statement@2025.2", "keystone_bank_statement")
    assert (old.decision.status, new.decision.status) == ("eligible", "ineligible") and old.passed and new.passed
    assert len({s.program for s in scenarios}) == 2 and sum(s.program == "keystone_bank_statement@2025.2" for s in scenarios) >= 100


def test_coverage_is_reported_per_version(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """An older version's test file given alone: its folder (programs/tests/history/) is two levels below the
    programs; coverage lists each version its scenarios ran under, separately, in JSON and in text."""
    monkeypatch.chdir(ROOT)
    history = "programs/tests/history/keystone_bank_statement@2025.2.yaml"
    code = run_test([Path(history)], True, True, Console(file=io.StringIO()))
    report = json.loads(capsys.readouterr().out)
    assert code == 0, report["summary"]
    per = {p["program"]: p for p in report["coverage"]["programs"]}
    assert list(per) == ["keystone_bank_statement@2025.2", "keystone_bank_statement"]  # oldest first
    old = per["keystone_bank_statement@2025.2"]
    assert (old["id"], old["version"], old["effective"]) == ("keystone_bank_statement", "2025.2", "2025-07-01")
    assert old["rules"]["covered"] == old["rules"]["total"] == 25  # max_cash_out is there, fthb_payment_shock is not
    assert old["cells"] == {"covered": 82, "total": 82, "percent": "100.0"}
    # the current version is counted only from the few scenarios that ran under it
    assert per["keystone_bank_statement"]["scenarios"] == 5 and per["keystone_bank_statement"]["cells"]["total"] == 90
    buf = io.StringIO()
    code = run_test([Path(history)], True, False, Console(file=buf, width=250, highlight=False, soft_wrap=True))
    text = buf.getvalue()
    assert code == 0
    assert "  keystone_bank_statement@2025.2  rules  25/25  100.0%  outcomes  61/61  100.0%  cells  82/82  100.0%" in text
    assert "\nkeystone_bank_statement:\n  rules never decided:" in text  # what the current version's few scenarios miss


def test_a_version_without_tests_shows_in_coverage(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    """Run on the programs folder, coverage lists every version of the programs there, tested or not."""
    shutil.copytree(ROOT / "programs", tmp_path / "programs", ignore=shutil.ignore_patterns("history"))
    (tmp_path / "programs" / "history").mkdir()
    shutil.copy(ROOT / "programs" / "history" / "keystone_bank_statement@2025.2.guideline", tmp_path / "programs" / "history")
    monkeypatch.chdir(tmp_path)
    code = run_test([Path("programs/tests/keystone_bank_statement.yaml"), Path("programs")], True, True, Console(file=io.StringIO()))
    report = json.loads(capsys.readouterr().out)
    assert code == 0
    per = {p["program"]: p for p in report["coverage"]["programs"]}
    assert per["keystone_bank_statement@2025.2"]["scenarios"] == 0
    assert per["keystone_bank_statement@2025.2"]["rules"] == {"covered": 0, "total": 25, "percent": "0.0"}
    assert per["keystone_bank_statement"]["rules"]["percent"] == "100.0"
