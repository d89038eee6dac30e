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

ROOT = Path(__file__).resolve().parent.parent
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
