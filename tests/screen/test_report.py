"""The screening report (`report.html`, written by every `glc screen` and rebuilt by `glc report DIR`).

A small sample tape is screened once (two programs, the cost_shock scenario, in-process); the page's numbers are
checked against counts computed here, independently, from results.csv (and loans.parquet for amounts, summed
in Python with Decimal); the page is byte-identical when rebuilt; tape text that is HTML (`<script>` as a loan
id, a state, a program) comes out escaped; and headless Chromium (Playwright, as tests/docs_site/test_browser.py)
renders the tables and charts without a console error or a single network request, and saves a screenshot to
test-artifacts/screenshots/screen-report.png.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter, defaultdict
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from rich.console import Console

from compiler.cli.report import run_report
from compiler.screen.report.charts import shares
from compiler.screen.report.render import millions, money
from tests.screen.conftest import BUNDLE, HOSTILE, PROGRAMS, PROJECT, ROOT


class Cells(HTMLParser):
    """The report's tables as the page gives them: data-* attributes to their cell text."""

    def __init__(self) -> None:
        super().__init__()
        self.table = ""
        self.row: dict[str, str] = {}
        self.key: str | None = None
        self.decisions: dict[str, dict[str, str]] = {}
        self.rules: dict[str, dict[str, int]] = defaultdict(dict)
        self.limits: list[tuple[str, str]] = []
        self.cells: list[str] = []
        self.svgs = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "table":
            self.table = a.get("class") or ""
            self.program = a.get("data-program") or ""
        elif tag == "svg":
            self.svgs += 1
        elif tag == "tr":
            self.row, self.cells = dict(a.items()), []  # type: ignore[arg-type]
        elif tag in ("td", "th"):
            self.cells.append("")
        elif tag == "span" and ("data-status" in a or "data-amount" in a):
            self.key = f"n:{a['data-status']}" if "data-status" in a else f"$:{a['data-amount']}"
            if "data-amount" in a:  # the exact sum, on hover
                self.decisions.setdefault(self.row.get("data-program") or "", {})[f"exact:{a['data-amount']}"] = a.get("title") or ""

    def handle_data(self, data: str) -> None:
        if self.key:
            prog = self.row.get("data-program") or ""
            self.decisions.setdefault(prog, {})[self.key] = data
        if self.cells:
            self.cells[-1] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "span":
            self.key = None
        if tag == "tr" and self.table == "rules" and "data-rule" in self.row:
            self.rules[self.program][self.row["data-rule"]] = int(self.cells[3].replace(",", ""))
        if tag == "tr" and self.table == "limits" and "data-limit" in self.row:
            self.limits.append((self.row["data-limit"], self.row["data-status"]))


def parse(html: str) -> Cells:
    p = Cells()
    p.feed(html)
    return p


def read_csv(out: Path) -> list[dict[str, str]]:
    with (out / "results.csv").open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_report_counts_and_amounts_match_results_csv(run: Path) -> None:
    rows = read_csv(run)
    amounts = {r["row"]: r["loan_amount"] for r in pq.read_table(run / "loans.parquet").to_pylist()}
    counts: Counter[tuple[str, str]] = Counter()
    sums: defaultdict[tuple[str, str], Decimal] = defaultdict(Decimal)
    for r in rows:
        counts[(r["program"], r["status"])] += 1
        amount = amounts[int(r["row"])]
        if amount is not None:
            sums[(r["program"], r["status"])] += amount
    page = parse((run / "report.html").read_text(encoding="utf-8"))
    assert set(page.decisions) == set(PROGRAMS)
    for prog in PROGRAMS:
        for status in ("eligible", "needs_info", "ineligible", "invalid"):
            assert page.decisions[prog][f"n:{status}"] == f"{counts[(prog, status)]:,}", (prog, status)
            assert page.decisions[prog][f"$:{status}"] == millions(sums[(prog, status)]), (prog, status)
            assert page.decisions[prog][f"exact:{status}"] == money(sums[(prog, status)]), (prog, status)
        assert page.decisions[prog]["n:all"] == f"{sum(n for (p, _), n in counts.items() if p == prog):,}"
    assert {s for (_, s) in counts} == {"eligible", "needs_info", "ineligible", "invalid"}  # the tape exercises every status


def test_report_rules_flips_reasons_and_limits_match(run: Path) -> None:
    rows = read_csv(run)
    html = (run / "report.html").read_text(encoding="utf-8")
    page = parse(html)
    failing: dict[str, Counter[str]] = defaultdict(Counter)
    for r in rows:
        for rule in filter(None, r["failing_rules"].split(";")):
            failing[r["program"]][rule] += 1
    for prog in PROGRAMS:
        shown = page.rules[prog]
        assert shown, prog
        top = sorted(failing[prog].items(), key=lambda kv: (-kv[1], kv[0]))[:len(shown)]
        assert shown == dict(top), prog
    # every failing rule shown carries the guideline citation from the IR
    by_id = {p.id: p for p in BUNDLE.programs}
    for prog in PROGRAMS:
        for rule in page.rules[prog]:
            r = next((x for x in by_id[prog].rules if x.id == rule), None)
            if r is not None and r.citation:
                assert _esc(r.citation) in html, (prog, rule)
    flipped = sum(1 for r in rows if r["flipped"] == "true")
    assert flipped and f"under the stress: {flipped:,}" in html
    invalid_rows = {r["row"] for r in rows if r["status"] == "invalid"}
    assert f"{len(invalid_rows):,} tape rows could not be read" in html
    summary = json.loads((run / "summary.json").read_text(encoding="utf-8"))
    assert {lid for lid, _ in page.limits} == {lim["id"] for lim in summary["pool_limits"]}
    for lim in summary["pool_limits"]:
        for g in lim["groups"]:
            if g["status"] != "within":  # breaches and unknowns are always listed, flagged
                assert (lim["id"], g["status"]) in page.limits
    assert page.svgs >= 4  # FICO x LTV, state and doc type shares, DSCR before and after


def _esc(text: str) -> str:
    from markupsafe import escape

    return str(escape(text))


def test_report_is_deterministic_and_rebuilt_by_glc_report(run: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = (run / "report.html").read_bytes()
    monkeypatch.chdir(ROOT)
    assert run_report(PROJECT, str(run), Console(file=io.StringIO())) == 0
    assert (run / "report.html").read_bytes() == first
    assert not re.search(rb'(src|href|action)\s*=\s*"(https?:|//)|url\((?!#)|@import|<image', first)  # nothing to fetch, no bitmaps
    assert not re.search(rb"<(script|link|img|iframe)\b", first)


def test_report_of_a_run_without_scenario_or_portfolio(run: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A plain run (no scenario, no portfolio file, no loans.parquet as before the report existed) still reports."""
    import shutil

    plain = tmp_path / "plain"
    shutil.copytree(run, plain)
    summary = json.loads((plain / "summary.json").read_text(encoding="utf-8"))
    for key in ("scenario", "pool_limits_base", "pool_limits", "portfolio"):
        summary.pop(key)
    (plain / "summary.json").write_text(json.dumps(summary), encoding="utf-8")
    table = pq.read_table(plain / "results.parquet")
    pq.write_table(table.drop_columns(["base_status", "flipped"]), plain / "results.parquet")
    loans = pq.read_table(plain / "loans.parquet")
    pq.write_table(loans.drop_columns(["dscr_stressed"]), plain / "loans.parquet")
    monkeypatch.chdir(ROOT)
    assert run_report(PROJECT, str(plain), Console(file=io.StringIO())) == 0
    html = (plain / "report.html").read_text(encoding="utf-8")
    assert "flipped" not in html and "No pool limits" in html and 'data-chart="dscr"' in html
    (plain / "loans.parquet").unlink()
    assert run_report(PROJECT, str(plain), Console(file=io.StringIO())) == 0
    html = (plain / "report.html").read_text(encoding="utf-8")
    assert "has no loans.parquet" in html and 'data-chart="fico-ltv"' not in html
    assert parse(html).decisions.keys() == set(PROGRAMS)


def test_glc_report_on_a_folder_that_is_not_a_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_report(PROJECT, str(tmp_path / "nope"), Console(file=io.StringIO())) == 1
    assert run_report(PROJECT, str(tmp_path), Console(file=io.StringIO())) == 1
    (tmp_path / "summary.json").write_text("{not json")
    (tmp_path / "results.parquet").write_bytes(b"")
    assert run_report(PROJECT, str(tmp_path), Console(file=io.StringIO())) == 1
    err = capsys.readouterr().err
    assert "No folder" in err and "has no summary.json" in err and "not valid JSON" in err and "Traceback" not in err


def test_hostile_tape_text_is_escaped(run: Path) -> None:
    html = (run / "report.html").read_text(encoding="utf-8")
    assert "<script" not in html.lower()
    # shown, escaped: loan ids in the flipped loans' table, the state cells in the invalid rows' reasons
    assert html.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 2
    assert re.search(r'<td class="id">&lt;script&gt;alert\(1\)&lt;/script&gt;\d+</td>', html)
    assert re.search(r"<td>State[^<]*&lt;script&gt;alert\(1\)&lt;/script&gt;", html)
    # the surveillance sections: the largest loans' ids (a third of this tape's are HTML), escaped
    loans = [r for r in pq.read_table(run / "loans.parquet").to_pylist() if r["readable"] and r["loan_amount"] is not None]
    largest = sorted(loans, key=lambda r: (-r["loan_amount"], r["row"]))[:10]
    top = html[html.index('<table class="top-loans">'):]
    top = top[:top.index("</table>")]
    assert re.findall(r'<td class="id">(.*?)</td>', top) == [_esc(r["loan_id"]) for r in largest]
    assert any(HOSTILE in r["loan_id"] for r in largest)
    # a chart with a hostile group label escapes it too
    svg = shares("t", "t", [(HOSTILE, 50.0, True), ("CA", 10.0, False)], 40.0, None)
    assert "<script" not in svg.lower() and "&lt;script&gt;" in svg


def test_report_in_headless_chromium(run: Path) -> None:
    from tests.docs_site.test_browser import CHROMIUM, CHROMIUM_ARGS, SCREENSHOTS, VIEWPORT, _unavailable

    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("Playwright for Python is not installed (pip install -e '.[dev]')")
    if not CHROMIUM.is_file():
        _unavailable(f"Chromium is not installed at {CHROMIUM}")
    page_url = (run / "report.html").as_uri()
    errors: list[str] = []
    requests: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport=VIEWPORT, color_scheme="light")
            page = context.new_page()
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.on("request", lambda r: requests.append(r.url) if r.url != page_url else None)
            page.goto(page_url)
            page.wait_for_load_state("load")
            info: dict[str, Any] = page.evaluate("""() => ({
                tables: document.querySelectorAll('table').length,
                decisionRows: document.querySelectorAll('table.decisions tbody tr').length,
                charts: [...document.querySelectorAll('svg.chart')].map(s => {
                    const r = s.getBoundingClientRect();
                    return {name: s.dataset.chart, w: r.width, h: r.height, marks: s.querySelectorAll('path, use, rect').length};
                }),
                overflow: document.documentElement.scrollWidth > document.documentElement.clientWidth,
            })""")
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SCREENSHOTS / "screen-report.png"), full_page=True)
            page.emulate_media(media="print")
            printed = page.pdf(format="A4")
            context.close()
        finally:
            browser.close()
    assert not errors, errors
    assert not requests, requests
    assert info["decisionRows"] == len(PROGRAMS)
    assert info["tables"] >= 6
    names = {c["name"] for c in info["charts"]}
    assert {"fico-ltv", "dscr", "limit-state_concentration"} <= names, names
    for c in info["charts"]:
        assert c["w"] > 200 and c["h"] > 100 and c["marks"] > 10, c
    assert not info["overflow"]  # nothing wider than the window
    assert printed.startswith(b"%PDF") and len(printed) > 10_000


def test_bands_at_their_edges(tmp_path: Path) -> None:
    """FICO bands are [a, b), LTV bands (a, b], DSCR bins [a, a + 0.10), compared exactly in SQL."""
    from compiler.screen.engines import connect
    from compiler.screen.report.data import gather

    cases = [  # fico, ltv, dscr -> fico band, ltv band, dscr bin label
        (619, "60.00", "0.499", "< 620", "≤ 60%", "< 0.50"),
        (620, "60.01", "0.500", "620–639", "60.01–65%", "0.50–0.60"),
        (779, "80.00", "0.999", "760–779", "75.01–80%", "0.90–1.00"),
        (780, "80.01", "1.000", "780+", "80.01–85%", "1.00–1.10"),
        (700, "90.00", "1.999", "700–719", "85.01–90%", "1.90–2.00"),
        (700, "90.01", "2.000", "700–719", "> 90%", "≥ 2.00"),
    ]
    n = len(cases)
    loans = pa.table({
        "row": pa.array(range(1, n + 1), pa.int64()), "readable": [True] * n, "loan_id": [f"L{i}" for i in range(n)],
        "state": ["CA"] * n, "fico": pa.array([c[0] for c in cases], pa.int32()),
        "loan_amount": pa.array([Decimal("100000.00")] * n, pa.decimal128(18, 2)),
        "ltv": pa.array([Decimal(c[1]) for c in cases], pa.decimal128(38, 2)),
        "dscr": pa.array([Decimal(c[2]) for c in cases], pa.decimal128(38, 3))})
    pq.write_table(loans, tmp_path / "loans.parquet")
    results = pa.table({"row": pa.array(range(1, n + 1), pa.int64()), "loan_id": [f"L{i}" for i in range(n)],
                        "program": ["p"] * n, "status": ["eligible"] * n, "failing_rules": [""] * n,
                        "reason": pa.array([None] * n, pa.string())})
    pq.write_table(results, tmp_path / "results.parquet")
    (tmp_path / "summary.json").write_text(json.dumps({"tape": "t", "engine": "duckdb", "programs": ["p"], "rows": n,
                                                       "by_program": {"p": {"eligible": n}}}))
    data = gather(connect(), tmp_path, None)
    assert data.grid is not None and data.dscr is not None
    got = {(data.grid.fico_labels[i], data.grid.ltv_labels[j])
           for i, row in enumerate(data.grid.loans) for j, k in enumerate(row) if k}
    assert got == {(c[3], c[4]) for c in cases}
    assert {data.dscr.labels[i] for i, k in enumerate(data.dscr.base) if k} == {c[5] for c in cases}
    assert data.dscr.below_one_base == 3
    assert data.programs[0].cells["eligible"].amount == Decimal("600000.00")
