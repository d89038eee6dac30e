"""Versions side by side and `glc diff`: the bundle's history, check(on=date) at the boundaries, the diff of
the two Keystone versions against a hand-written list of every change, identical programs, git revisions."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from compiler.driver import check_paths
from compiler.tools.diff import diff_programs

ROOT = Path(__file__).resolve().parents[2]
OLD = "programs/history/keystone_bank_statement@2025.2.guideline"
NEW = "programs/keystone_bank_statement.guideline"
GOLDEN = ROOT / "tests" / "cases" / "diff" / "keystone_2025.2_to_2026.1.diff.txt"

# Written by hand from the edits that make 2025.2 out of 2026.1 (see the two files), old -> new.
EXPECTED = [
    "Version: 2025.2 -> 2026.1",
    "Effective: 2025-07-01 -> 2026-01-01",
    "Source document: Keystone Non-QM Capital, Bank Statement Select Underwriting Guide v2025.2 -> "
    "Keystone Non-QM Capital, Bank Statement Select Underwriting Guide v2026.1",
    # purchase: FICO 700-719 up to $1M was 80%
    'Matrix "Primary residence, purchase" (primary_purchase): Max LTV, Credit score 700-719, Loan amount up to $1,000,000: 80% -> 85% (loosens)',
    'Matrix "Primary residence, purchase" (primary_purchase): Max CLTV, Credit score 700-719, Loan amount up to $1,000,000: 80% -> 85% (loosens)',
    # rate/term: one column $1,500,001-$3,000,000 split into two; each region that changed
    *(f'Matrix "Primary residence, rate/term refinance" (primary_rate_term): {lim}, Credit score {row}, Loan amount {col}: {a} -> {b} ({e})'
      for lim in ("Max LTV", "Max CLTV")
      for row, col, a, b, e in (
          ("680-699", "$1,500,001-$2,000,000", "N/A", "65%", "loosens"),
          ("700-719", "$1,500,001-$2,000,000", "65%", "70%", "loosens"),
          ("700-719", "$2,000,001-$3,000,000", "65%", "60%", "tightens"),
          ("720-739", "$1,500,001-$2,000,000", "70%", "75%", "loosens"),
          ("720-739", "$2,000,001-$3,000,000", "70%", "65%", "tightens"),
          ("740+", "$1,500,001-$2,000,000", "70%", "75%", "loosens"),
      )),
    # cash-out: FICO 700-719 up to $1M was 80%
    'Matrix "Primary residence, cash-out refinance" (primary_cash_out): '
    'Max LTV, Credit score 700-719, Loan amount up to $1,000,000: 80% -> 75% (tightens)',
    'Matrix "Primary residence, cash-out refinance" (primary_cash_out): '
    'Max CLTV, Credit score 700-719, Loan amount up to $1,000,000: 80% -> 75% (tightens)',
    # investment: no 660-679 row before
    'Matrix "Investment property, all purposes" (investment): '
    'Max LTV, Credit score 660-679, Loan amount up to $1,000,000: not covered -> 65% (loosens)',
    'Matrix "Investment property, all purposes" (investment): '
    'Max CLTV, Credit score 660-679, Loan amount up to $1,000,000: not covered -> 65% (loosens)',
    # reserves: 6 months went up to $2,500,000
    'Value "Required reserves" (required_reserves): Required reserves for Loan amount $2,000,001-$2,500,000: 6 months -> 12 months (tightens)',
    'Rule "Declining market" (declining_market): Max LTV reduction: 10% -> 5% (loosens)',
    'Rule "Declining market" (declining_market): Max CLTV reduction: 10% -> 5% (loosens)',
    'Rule "Rural property" (rural): Citation: §3.4, p. 6 -> §3.4, p. 7',
    'Rule "Maximum DTI" (max_dti): Requirement: DTI at most 50%; or DTI at most 55% when Credit score at least 700 and LTV at most 80% '
    "and Reserves at least 12 months and not First-time home buyer -> DTI at most 50%; or DTI at most 55% when Credit score at least 720 "
    "and LTV at most 80% and Reserves at least 12 months and not First-time home buyer (tightens)",
    'Rule "First-time home buyer payment shock" (fthb_payment_shock): '
    'Rule: added: when First-time home buyer; require Payment shock at most 250% (tightens)',
    'Rule "Business ownership" (business_ownership): '
    'Condition: added: document required: CPA letter or business license confirming ownership (tightens)',
    'Rule "Business ownership" (business_ownership): Condition: removed: document required: CPA letter confirming ownership (loosens)',
    'Rule "Loan amount" (loan_amount_range): Requirement: Loan amount at least $100,000 and Loan amount at most $3,000,000 -> '
    "Loan amount at least $150,000 and Loan amount at most $3,000,000 (tightens)",
    'Rule "State restrictions" (excluded_states): Requirement: State is not ND or SD -> State is not ND, SD or NV (tightens)',
    'Rule "Maximum cash-out" (max_cash_out): Rule: removed: when Loan purpose is cash_out; require Cash-out amount at most $500,000 (loosens)',
]


def glc(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "compiler.cli", *args], cwd=cwd, capture_output=True, text=True)


@pytest.fixture(scope="module")
def keystone() -> tuple[object, object]:
    old, new = check_paths([ROOT / OLD]), check_paths([ROOT / NEW])
    assert old.bundle is not None and new.bundle is not None
    return (old.checked[0], old.bundle.vocabulary), (new.checked[0], new.bundle.vocabulary)


# ------------------------------------------------------------------ the bundle


def test_bundle_keeps_one_program_per_id_and_the_rest_in_history() -> None:
    result = check_paths([ROOT / "programs"])
    assert result.bundle is not None
    ids = [p.id for p in result.bundle.programs]
    assert len(ids) == len(set(ids))
    current = next(p for p in result.bundle.programs if p.id == "keystone_bank_statement")
    assert (current.version, current.effective) == ("2026.1", dt.date(2026, 1, 1))
    assert [(p.id, p.version) for p in result.bundle.history] == [("keystone_bank_statement", "2025.2")]
    assert [p.version for p in result.bundle.versions("keystone_bank_statement")] == ["2025.2", "2026.1"]
    # the overlay builds on the current Keystone: it has the 2026.1 rule the old version lacks
    acme = next(p for p in result.bundle.programs if p.id == "acme_bank_statement")
    assert "fthb_payment_shock" in acme.rule_ids


# ------------------------------------------------------------------ check(on=date)


def _loan() -> object:
    from generated import Loan

    return Loan(application_date="2026-03-14", fico=705, loan_amount=900_000, purchase_price=1_600_000,
                appraised_value=1_600_000, occupancy="primary", purpose="purchase", property_type="sfr")


@pytest.mark.parametrize(("on", "version", "max_ltv"), [
    (None, "2026.1", "75"),                  # 85 from the matrix, less 5 while interest_only is unknown
    (dt.date(2026, 1, 1), "2026.1", "75"),   # the new version's effective date
    (dt.date(2025, 12, 31), "2025.2", "70"),  # the day before: the old version (80 in its matrix)
    (dt.date(2025, 7, 1), "2025.2", "70"),   # the old version's own effective date
    (dt.datetime(2026, 1, 1, 0, 0), "2026.1", "75"),
])
def test_check_picks_the_version_in_force(on: dt.date | None, version: str, max_ltv: str) -> None:
    from generated import check

    d = check("keystone_bank_statement", _loan(), on=on)  # type: ignore[arg-type]
    assert d.program.version == version
    limit = d.limit("max_ltv")
    assert limit is not None and str(limit.value) == max_ltv


def test_a_date_before_the_first_version_is_a_clear_error() -> None:
    from generated import NotInForce, check, check_all

    with pytest.raises(NotInForce) as err:
        check("keystone_bank_statement", _loan(), on=dt.date(2025, 6, 30))  # type: ignore[arg-type]
    assert str(err.value) == ("keystone_bank_statement has no version in force on 2025-06-30: its first version, 2025.2, "
                              "takes effect on 2025-07-01.")
    with pytest.raises(KeyError):
        check("no_such_program", _loan(), on=dt.date(2026, 1, 1))  # type: ignore[arg-type]
    assert check_all(_loan(), on=dt.date(2025, 6, 30)) == []  # type: ignore[arg-type]
    assert [(d.program.id, d.program.version) for d in check_all(_loan(), on=dt.date(2025, 8, 1))] == [  # type: ignore[arg-type]
        ("keystone_bank_statement", "2025.2")]


def test_eval_on_a_date(tmp_path: Path) -> None:
    loan = tmp_path / "loan.json"
    loan.write_text(json.dumps({"application_date": "2025-09-14", "fico": 705, "loan_amount": 900000,
                                "occupancy": "primary", "purpose": "purchase"}))
    out = glc("eval", "keystone_bank_statement", str(loan), "--on", "application", "--format", "json")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["program"]["version"] == "2025.2"
    out = glc("eval", "keystone_bank_statement", str(loan), "--on", "2025-06-30")
    assert out.returncode == 1 and "no version in force on 2025-06-30" in out.stderr
    out = glc("eval", "keystone_bank_statement", str(loan), "--on", "June")
    assert out.returncode == 2 and "--on takes a date" in out.stderr


# ------------------------------------------------------------------ glc diff


def test_diff_of_the_two_keystone_versions_lists_every_change(keystone: tuple) -> None:  # type: ignore[type-arg]
    (old, ov), (new, nv) = keystone
    d = diff_programs(old, new, ov, nv)
    assert sorted(c.sentence() for c in d.changes) == sorted(EXPECTED)
    assert d.counts() == {"changes": len(EXPECTED), "tightens": 12, "loosens": 16}


def test_diff_text_matches_the_reviewed_golden_file() -> None:
    out = glc("diff", OLD, NEW)
    assert out.returncode == 0, out.stderr
    assert out.stdout == GOLDEN.read_text(encoding="utf-8")
    assert glc("diff", OLD, NEW, "--exit-code").returncode == 1


def test_diff_json_and_markdown() -> None:
    out = glc("diff", OLD, NEW, "--format", "json")
    data = json.loads(out.stdout)
    assert data["program"] == "keystone_bank_statement"
    assert (data["old"]["version"], data["new"]["version"]) == ("2025.2", "2026.1")
    assert sorted(i["text"] for i in data["items"]) == sorted(EXPECTED)
    cell = next(i for i in data["items"] if i["item"] == "primary_cash_out")
    assert (cell["old"], cell["new"], cell["effect"], cell["citation"]) == ("80%", "75%", "tightens", "§2.1 Matrix C, p. 5")
    md = glc("diff", OLD, NEW, "--format", "markdown").stdout
    assert "### Rule &quot;Maximum cash\\-out&quot; \\(max\\_cash\\_out\\)" in md
    assert "- Max LTV, Credit score 700\\-719, Loan amount up to $1,000,000: 80% → 75% **tightens**" in md
    assert glc("diff", OLD, NEW, "--format", "yaml").returncode == 2


def test_diff_of_identical_programs_is_empty(keystone: tuple) -> None:  # type: ignore[type-arg]
    _, (new, nv) = keystone
    assert diff_programs(new, new, nv, nv).changes == ()
    out = glc("diff", NEW, NEW, "--exit-code")
    assert out.returncode == 0 and "No changes." in out.stdout


def test_diff_errors_are_plain(tmp_path: Path) -> None:
    out = glc("diff", str(tmp_path / "missing.guideline"), NEW)
    assert out.returncode == 2 and "No such guideline file" in out.stderr and "Traceback" not in out.stderr
    out = glc("diff", NEW)
    assert out.returncode == 2 and "usage:" in out.stderr


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args], cwd=repo, check=True,
                   capture_output=True)


def test_diff_between_git_revisions(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / "programs").mkdir(parents=True)
    shutil.copy(ROOT / "programs" / "loan.fields", repo / "programs" / "loan.fields")
    target = repo / "programs" / "keystone_bank_statement.guideline"
    shutil.copy(ROOT / OLD, target)
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    _git(repo, "commit", "-qm", "2025.2")
    shutil.copy(ROOT / NEW, target)
    _git(repo, "commit", "-qam", "2026.1")
    out = glc("diff", "programs/keystone_bank_statement.guideline", "--from", "HEAD~1", "--to", "HEAD", "--format", "json",
              cwd=repo)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert sorted(i["text"] for i in data["items"]) == sorted(EXPECTED)
    assert data["old"]["path"] == "programs/keystone_bank_statement.guideline at HEAD~1"
    # without --to: the file as it is now
    out = glc("diff", "programs/keystone_bank_statement.guideline", "--from", "HEAD", cwd=repo)
    assert out.returncode == 0 and "No changes." in out.stdout
    out = glc("diff", "programs/keystone_bank_statement.guideline", "--from", "no-such-rev", cwd=repo)
    assert out.returncode == 2 and "Unknown git revision `no-such-rev`." in out.stderr
    (repo / "programs" / "new.guideline").write_text((ROOT / NEW).read_text())
    out = glc("diff", "programs/new.guideline", "--from", "HEAD", cwd=repo)
    assert out.returncode == 2 and "programs/new.guideline does not exist at revision HEAD." in out.stderr
    plain = tmp_path / "plain"
    plain.mkdir()
    shutil.copy(ROOT / NEW, plain / "k.guideline")
    out = glc("diff", "k.guideline", "--from", "HEAD", cwd=plain)
    assert out.returncode == 2 and "not inside a git repository" in out.stderr


def test_readme_versions_example_runs() -> None:
    import re

    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = next(b for b in re.findall(r"```python\n(.*?)```", text, re.S) if "NotInForce" in b)
    out = subprocess.run([sys.executable, "-c", block], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[:3] == ["2026.1", "2025.2", "2025.2"]
    assert lines[3].startswith("keystone_bank_statement has no version in force on 2025-06-30")


def test_hostile_text_in_an_older_version_renders_escaped_and_compiles(tmp_path: Path) -> None:
    import html
    import re

    from tests.docs_site.test_docs_site import HOSTILE, mkdocs_build

    (tmp_path / "programs" / "history").mkdir(parents=True)
    shutil.copy(ROOT / "programs" / "loan.fields", tmp_path / "programs")
    shutil.copy(HOSTILE, tmp_path / "programs" / "hostile.guideline")
    old = HOSTILE.read_text(encoding="utf-8")
    old = old.replace('version: "1\\n2"', 'version: "0 <script>alert(2)</script>"').replace("2026-01-01", "2025-01-01")
    old = old.replace("| 660+ | 80% |", "| 660+ | 75% |").replace(
        'condition document "Letter', 'condition document "<script>alert(3)</script> Old letter')
    (tmp_path / "programs" / "history" / "hostile@0.guideline").write_text(old, encoding="utf-8")
    (tmp_path / "docs").mkdir()
    shutil.copy(ROOT / "docs" / "language.md", tmp_path / "docs")
    shutil.copytree(ROOT / "docs" / "stylesheets", tmp_path / "docs" / "stylesheets")
    build = subprocess.run([sys.executable, "-m", "compiler.cli", "build"], cwd=tmp_path, capture_output=True, text=True)
    assert build.returncode == 0, build.stdout + build.stderr
    assert (tmp_path / "generated" / "hostile_text__v0__script_alert_2___script_.py").is_file()
    imported = subprocess.run([sys.executable, "-c", "import generated; print(sorted(v for _, v, _ in generated.VERSIONS['hostile_text']))"],
                              cwd=tmp_path, capture_output=True, text=True)
    assert imported.stdout.strip() == "['0 <script>alert(2)</script>', '1\\n2']", imported.stderr
    out = mkdocs_build(tmp_path, tmp_path / "site")
    assert out.returncode == 0, out.stdout + out.stderr
    page = (tmp_path / "site" / "programs" / "hostile_text-changes" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert(2)</script>" not in page and "<script>alert(3)</script>" not in page
    text = html.unescape(re.sub(r"<[^>]+>", "", page))
    assert "0 <script>alert(2)</script>" in text
    assert "Condition: removed: document required: <script>alert(3)</script> Old letter" in text
    assert "80%" in text and "75%" in text


def _band(low: str | None, high: str | None, low_inc: bool = True, high_inc: bool = True) -> object:
    from decimal import Decimal

    from compiler import ir
    from compiler.source import point

    return ir.Band(Decimal(low) if low else None, low_inc, Decimal(high) if high else None, high_inc, "", point("x", 1, 1))


def test_common_refinement_of_bands_at_the_edges() -> None:
    from decimal import Decimal

    from compiler.tools.diff_bands import refine

    old = (_band(None, "1000000"), _band("1000001", "2500000"), _band("2500001", None))
    new = (_band(None, "1000000"), _band("1000001", "2000000"), _band("2000001", None))
    pieces = refine(old, new, Decimal(1), ("money", "USD"))  # type: ignore[arg-type]
    assert [p.label for p in pieces] == ["up to $1,000,000", "$1,000,001-$2,000,000", "$2,000,001-$2,500,000", "$2,500,001+"]
    assert [p.point for p in pieces] == [Decimal(1000000), Decimal(1000001), Decimal(2000001), Decimal(2500001)]
    # exclusive edges (`under 80%` / `80%+`) against inclusive ones on a 0.01 grid
    old = (_band(None, "80", high_inc=False), _band("80", None))
    new = (_band(None, "75"), _band("75", None, low_inc=False))
    pieces = refine(old, new, Decimal("0.01"), ("percent", ""))  # type: ignore[arg-type]
    assert [p.label for p in pieces] == ["up to 75%", "75.01%-79.99%", "80%+"]
    # a region only one side covers is kept; one neither covers is not
    pieces = refine((_band("680", "699"),), (_band("660", "679"), _band("680", "699")), Decimal(1), ("integer", ""))  # type: ignore[arg-type]
    assert [p.label for p in pieces] == ["660-679", "680-699"]


def test_a_rewritten_requirement_is_one_change_and_dropping_an_alternative_tightens() -> None:
    a, b = check_paths([ROOT / NEW]), check_paths([ROOT / "programs" / "acme_bank_statement.guideline"])
    assert a.bundle is not None and b.bundle is not None
    d = diff_programs(a.checked[0], b.checked[0], a.bundle.vocabulary, b.bundle.vocabulary)
    dti = [c for c in d.changes if c.item == "max_dti" and c.what == "Requirement"]
    assert [(c.new, c.effect) for c in dti] == [("DTI at most 45%", "tightens")]


def _program(pid: str, version: str, effective: str, body: str, head: str = 'investor: "Test"') -> str:
    return (f'program {pid}\n  title: "T"\n  {head}\n  family: "Test"\n  version: "{version}"\n  effective: {effective}\n'
            f'  source: "Guide {version}"\n\n{body}\n')


GRID = 'matrix grid "Grid"\n  cite "§1"\n  gives max_ltv\n  rows fico\n  | FICO | max |\n  | 660+ | {}% |\n'


def test_an_older_overlay_builds_on_the_base_in_force_on_its_date(tmp_path: Path) -> None:
    (tmp_path / "history").mkdir()
    shutil.copy(ROOT / "programs" / "loan.fields", tmp_path)
    (tmp_path / "base.guideline").write_text(_program("vbase", "2", "2026-01-01", GRID.format(80)))
    (tmp_path / "history" / "base@1.guideline").write_text(_program("vbase", "1", "2025-01-01", GRID.format(70)))
    overlay = 'rule min_fico "Minimum credit score"\n  cite "Bulletin"\n  require fico >= {}\n'
    head = 'overlays: vbase\n  lender: "L"'
    (tmp_path / "overlay.guideline").write_text(_program("vover", "B", "2026-02-01", overlay.format(680), head))
    (tmp_path / "history" / "overlay@A.guideline").write_text(_program("vover", "A", "2025-06-01", overlay.format(700), head))
    result = check_paths([tmp_path])
    assert result.ok and result.bundle is not None, [d.message for d in result.diagnostics]
    def max_ltv(p: object) -> str:
        return str(p.matrices[0].cells[0][0].limits)  # type: ignore[attr-defined]
    versions = {(p.id, p.version): p for p in (*result.bundle.programs, *result.bundle.history)}
    assert "70" in max_ltv(versions[("vover", "A")]) and "80" in max_ltv(versions[("vover", "B")])
    assert [p.version for p in result.bundle.versions("vover")] == ["A", "B"]


def test_a_variant_older_than_its_bases_current_version_is_warned(tmp_path: Path) -> None:
    shutil.copy(ROOT / "programs" / "loan.fields", tmp_path)
    (tmp_path / "history").mkdir()
    (tmp_path / "base.guideline").write_text(_program("vbase", "2", "2026-07-01", GRID.format(80)))
    (tmp_path / "history" / "base@1.guideline").write_text(_program("vbase", "1", "2025-01-01", GRID.format(70)))
    head = 'overlays: vbase\n  lender: "L"'
    (tmp_path / "overlay.guideline").write_text(
        _program("vover", "B", "2026-02-01", 'rule r "R"\n  cite "Bulletin"\n  require fico >= 680\n', head))
    result = check_paths([tmp_path])
    assert result.ok and result.bundle is not None
    [warning] = [d for d in result.diagnostics if d.code == "W516"]
    assert warning.message == ('`vover` version "B" takes effect on 2026-02-01 and builds on "1" of `vbase`, the version in force '
                               'then; `vbase` "2" takes effect later, on 2026-07-01.')
    over = next(p for p in result.bundle.programs if p.id == "vover")
    assert "70" in str(over.matrices[0].cells[0][0].limits)
    # the overlay file checked on its own (as `glc diff` does) builds on the same base version
    alone = check_paths([tmp_path / "overlay.guideline"])
    assert alone.programs["vover"].matrices == over.matrices
