"""Tape text that is hostile to the files glc writes: spreadsheet formulas in loan ids and other text cells
(OWASP CSV injection) are neutralised in results.csv, kept exactly in results.parquet and escaped in the report."""

from __future__ import annotations

import csv
import html
import json
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from compiler.driver import check_paths
from compiler.screen.safe_csv import neutralise, neutralise_batch
from compiler.screen.sample import write_sample

ROOT = Path(__file__).resolve().parents[2]
BUNDLE = check_paths([ROOT / "programs"]).bundle
assert BUNDLE is not None
HOSTILE = ['=HYPERLINK("http://x","y")', "+cmd|' /C calc'!A0", "@SUM(1+1)", "-2+3", "\t=1", "\r=1"]


def glc(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "compiler.cli", *args], cwd=ROOT, capture_output=True, text=True)


def live_formula(cell: str) -> bool:
    """What a spreadsheet would run: a cell starting with = + - @ tab or CR that is not a plain number."""
    return cell[:1] in ("=", "+", "-", "@", "\t", "\r") and re.fullmatch(r"[+-]?[0-9]+(\.[0-9]+)?", cell) is None


def test_one_cell() -> None:
    for text in HOSTILE:
        assert neutralise(text) == "'" + text
    for text in ("-5", "+1.25", "0.5", "A-1", "", "'=x"):
        assert neutralise(text) == text


def test_batch_changes_text_only_never_numbers() -> None:
    batch = pa.record_batch({"id": pa.array([*HOSTILE, "-5", "L1", None]),
                             "amount": pa.array([Decimal("-5.25")] * 9, pa.decimal128(18, 2)),
                             "n": pa.array([-5] * 9, pa.int64())})
    out = neutralise_batch(batch)
    assert out.schema == batch.schema
    assert out.column("id").to_pylist() == ["'" + h for h in HOSTILE] + ["-5", "L1", None]
    assert out.column("amount") == batch.column("amount") and out.column("n") == batch.column("n")


def test_hostile_loan_ids_through_glc_screen(tmp_path: Path) -> None:
    sample = tmp_path / "sample.csv"
    write_sample(BUNDLE, sample, 400, seed=9, broken=0.0)
    with sample.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    header = list(rows[0])
    for i, r in enumerate(rows):
        r["loan_id"] = HOSTILE[i % len(HOSTILE)]
    rows[1]["program"] = "=evil()"  # an unknown program: invalid, its text in the program and reason columns
    rows[2]["fico"] = '@x<script>alert(1)</script>'  # unreadable: its text in the reason
    tape = tmp_path / "tape.csv"
    with tape.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, header)
        w.writeheader()
        w.writerows(rows)
    out = tmp_path / "out"
    run = glc("screen", str(tape), "--scenario", "cost_shock", "--out", str(out))
    assert run.returncode == 0, run.stderr

    # results.parquet: the exact ids and text
    exact = pq.read_table(out / "results.parquet").to_pylist()
    assert {r["loan_id"] for r in exact} == set(HOSTILE)
    assert {r["program"] for r in exact if r["row"] == 2} == {"=evil()"}

    # results.csv: no live formula in any cell, the hostile text kept after a quote, numbers as numbers
    with (out / "results.csv").open(encoding="utf-8", newline="") as f:
        cells = list(csv.reader(f))
    header_row, body = cells[0], cells[1:]
    assert len(body) == len(exact)
    live = [c for row in body for c in row if live_formula(c)]
    assert not live, live[:5]
    col = {name: i for i, name in enumerate(header_row)}
    by_row = {int(r[col["row"]]): r for r in body}
    for n, r in by_row.items():
        assert r[col["loan_id"]] == "'" + HOSTILE[(n - 1) % len(HOSTILE)]
    assert by_row[2][col["program"]] == "'=evil()" and by_row[2][col["status"]] == "invalid"
    assert '"@x<script>' in by_row[3][col["reason"]]  # mid-cell: not a formula, kept as it is
    text = (out / "results.csv").read_text(encoding="utf-8")
    assert "\n\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"," in text or ",\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"," in text
    readable = [r for r in by_row.values() if r[col["max_ltv"]]]
    assert readable and all(re.fullmatch(r"[0-9]+(\.[0-9]+)?", r[col["max_ltv"]]) for r in readable)

    # report.html: the flipped loans' ids and the reasons, escaped
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["scenario"]["flipped"] > 0
    page = (out / "report.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in page and html.escape("<script>alert(1)</script>") in page
    assert html.escape('=HYPERLINK("http://x","y")') in page or "=HYPERLINK(&#34;http://x&#34;,&#34;y&#34;)" in page
    assert 'HYPERLINK("http' not in page

    # report-loans/: the loans behind each exception group and breach, formula-safe like results.csv
    files = sorted((out / "report-loans").glob("*.csv"))
    assert any(f.name.startswith("exception-") for f in files) and any(f.name.startswith("breach-") for f in files)
    for f in files:
        assert f'href="report-loans/{f.name}"' in page
        with f.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
        assert rows and not [c for r in rows for c in r.values() if live_formula(c)], f.name
        assert {r["loan_id"] for r in rows} <= {"'" + h for h in HOSTILE}, f.name
    # the largest loans' ids (every id of this tape is hostile) are shown as text, escaped
    from markupsafe import escape

    top = page[page.index('<table class="top-loans">'):]
    top = top[:top.index("</table>")]
    ids = {escape(r["loan_id"]).replace("\r", "\n") for r in pq.read_table(out / "loans.parquet").to_pylist()}  # read_text: \r is \n
    cells = re.findall(r'<td class="id">(.*?)</td>', top, re.S)
    assert len(cells) == 10 and set(cells) <= ids and "<script" not in top


# ------------------------------------------------------------------ percent scale

FRACTIONS = """loan_id,program,doc_type,ownership_pct
F1,keystone_bank_statement,bank_stmt_business_12,0.5
F2,keystone_bank_statement,bank_stmt_business_12,1.0
F3,keystone_bank_statement,bank_stmt_business_12,0.25
F4,keystone_bank_statement,bank_stmt_business_12,0.2499
F5,keystone_bank_statement,bank_stmt_business_12,0
F6,keystone_bank_statement,bank_stmt_business_12,
"""


def _screen_fractions(tmp_path: Path, mapping: str | None) -> tuple[subprocess.CompletedProcess[str], Path]:
    tape = tmp_path / "tape.csv"
    tape.write_text(FRACTIONS, encoding="utf-8")
    out = tmp_path / ("mapped" if mapping else "plain")
    args = ["screen", str(tape), "--out", str(out)]
    if mapping is not None:
        (tmp_path / "map.toml").write_text(mapping, encoding="utf-8")
        args += ["--mapping", str(tmp_path / "map.toml")]
    return glc(*args), out


def _ownership_fails(out: Path) -> dict[str, bool]:
    rows = pq.read_table(out / "results.parquet").to_pylist()
    return {r["loan_id"]: "business_ownership" in (r["failing_rules"] or "").split(";") for r in rows}


def test_a_tape_of_fractions_warns_in_summary_report_and_cli(tmp_path: Path) -> None:
    run, out = _screen_fractions(tmp_path, None)
    assert run.returncode == 0, run.stderr
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert len(summary["warnings"]) == 1
    warning = summary["warnings"][0]
    assert '"ownership_pct"' in warning and "Ownership share" in warning and '[percent] ownership_pct = "fraction"' in warning
    assert "Warning:" in run.stderr and "[percent] ownership_pct" in run.stderr
    page = (out / "report.html").read_text(encoding="utf-8")
    assert html.escape(warning, quote=False).replace('"', "&#34;") in page
    # what the warning is about: read as points, 0.5 is 0.5% and fails the 25% ownership rule (0.2499 has more
    # decimals than the field's two: unreadable, the row invalid)
    assert _ownership_fails(out) == {"F1": True, "F2": True, "F3": True, "F4": False, "F5": True, "F6": False}


def test_the_mapping_says_fractions_and_the_loans_are_read_right(tmp_path: Path) -> None:
    run, out = _screen_fractions(tmp_path, '[percent]\nownership_pct = "fraction"\n')
    assert run.returncode == 0, run.stderr
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["warnings"] == [] and "Warning" not in run.stderr
    assert "Warning:" not in (out / "report.html").read_text(encoding="utf-8")
    # 0.5 is 50% and 0.25 exactly 25%: both pass the 25% rule; 0.2499 (24.99%) and 0 fail
    assert _ownership_fails(out) == {"F1": False, "F2": False, "F3": False, "F4": True, "F5": True, "F6": False}


def test_saying_points_silences_the_warning_and_reads_as_before(tmp_path: Path) -> None:
    run, out = _screen_fractions(tmp_path, '[percent]\nownership_pct = "points"\n')
    assert run.returncode == 0, run.stderr
    assert json.loads((out / "summary.json").read_text(encoding="utf-8"))["warnings"] == []
    assert _ownership_fails(out)["F1"] is True


def test_fraction_values_exactly_csv_and_typed_parquet(tmp_path: Path) -> None:
    from compiler.screen.engines import connect, plan
    from compiler.screen.tape import Mapping

    cells = ["0.5", "1.0", "0.125", "0.0001", "12.5%", "0.00001", "1.5", "", "$0.3"]
    want = [Decimal("50.00"), Decimal("100.00"), Decimal("12.50"), Decimal("0.01"), Decimal("12.50"), None, None, None,
            Decimal("30.00")]
    (tmp_path / "t.csv").write_text("loan_id,ownership_pct\n" + "".join(f"L{i},{c}\n" for i, c in enumerate(cells)),
                                    encoding="utf-8")
    typed = pa.table({"loan_id": ["A", "B", "C"], "ownership_pct": pa.array([Decimal("0.5000"), Decimal("0.0125"), None],
                                                                            pa.decimal128(5, 4))})
    pq.write_table(typed, tmp_path / "t.parquet")
    for tape, expected, reasons in (("t.csv", want, {5: "cannot read", 6: "outside"}), ("t.parquet", [Decimal(50), Decimal("1.25"), None], {})):
        for scale in ("fraction", None):
            con = connect()
            p = plan(con, BUNDLE, tmp_path / tape, ["keystone_bank_statement"],
                     Mapping(percent={"ownership_pct": scale}) if scale else None)
            got = con.execute("SELECT ownership_pct, _reason FROM tape ORDER BY _row").fetchall()
            if scale:
                assert [g[0] for g in got] == expected, tape
                assert {i: r for i, (_, r) in enumerate(got) if r} .keys() == reasons.keys()
                for i, word in reasons.items():
                    assert word in got[i][1]
                assert p.tape.warnings == []
            else:  # points: 1.5 is outside [0, 1] on the CSV (and 12.5% is written in points): no warning there
                assert bool(p.tape.warnings) is (tape == "t.parquet"), p.tape.warnings


def test_percent_mapping_is_checked(tmp_path: Path) -> None:
    import pytest

    from compiler.screen.tape import TapeError, read_mapping

    (tmp_path / "m.toml").write_text('[percent]\nfico = "fraction"\nownership_pct = "ratio"\nownershp_pct = "points"\n',
                                     encoding="utf-8")
    with pytest.raises(TapeError) as e:
        read_mapping(tmp_path / "m.toml", BUNDLE.vocabulary)
    text = str(e.value)
    assert "[percent] fico: not a percent field" in text and "'ratio'" in text and "did you mean `ownership_pct`" in text
