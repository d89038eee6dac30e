"""The screening report's surveillance sections: stratification tables, top-10 concentrations, exceptions (loans
failing exactly one rule), the comparison with an earlier run (`--compare-to`), provenance, and the CSV files of
the loans behind each breach and exception group (report-loans/).

Checked against figures computed here, independently, in plain Python from the run's results.csv, loans.parquet and
summary.json; the weighted averages also by a property test over random loan facts (hypothesis, 25 examples of up
to 40 loans); the page at 1280 and 390 px in headless Chromium (no horizontal page scroll; wide tables scroll inside
their own box with the first column in view), with screenshots in test-artifacts/screenshots/.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import shutil
from collections import Counter, defaultdict
from decimal import Decimal
from fractions import Fraction
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.console import Console

from compiler.cli.report import run_report
from compiler.cli.screen import run_screen
from compiler.screen.engines import connect
from compiler.screen.report.strata import stratify
from tests.screen.conftest import BUNDLE, PROGRAMS, PROJECT, ROOT, RUN_AT

FICO = (620, 640, 660, 680, 700, 720, 740, 760, 780)  # [a, b) bands, as the report prints them
WA = {"fico": 0, "ltv": 2, "cltv": 2, "dti": 2, "dscr": 3, "coupon": 3}  # measure: decimals shown


class Tables(HTMLParser):
    """Every table row of the page with a data-* attribute: the row's attributes and its cells' attributes and text."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[tuple[dict[str, str], list[tuple[dict[str, str], list[tuple[dict[str, str], str]]]]]] = []
        self.links: list[str] = []
        self.cell: tuple[dict[str, str], list[str]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "table":
            self.tables.append((a, []))
        elif tag == "tr" and self.tables:
            self.tables[-1][1].append((a, []))
        elif tag in ("td", "th") and self.tables and self.tables[-1][1]:
            self.cell = (a, [])
            self.tables[-1][1][-1][1].append((a, ""))
        elif tag == "a" and "csv" in a.get("class", ""):
            self.links.append(a["href"])

    def handle_data(self, data: str) -> None:
        if self.tables and self.tables[-1][1] and self.tables[-1][1][-1][1]:
            attrs, text = self.tables[-1][1][-1][1][-1]
            self.tables[-1][1][-1][1][-1] = (attrs, text + data)

    def table(self, cls: str, **attrs: str) -> list[tuple[dict[str, str], list[tuple[dict[str, str], str]]]]:
        """The rows of every table of class `cls` (with the attributes `attrs`), cell text with spaces normalised."""
        found = [(ra, [(ca, " ".join(text.split())) for ca, text in cells]) for a, rows in self.tables
                 if cls in a.get("class", "").split() and all(a.get(k) == v for k, v in attrs.items()) for ra, cells in rows]
        assert found, f"no table {cls} {attrs}"
        return found


def page(folder: Path) -> Tables:
    t = Tables()
    t.feed((folder / "report.html").read_text(encoding="utf-8"))
    return t


def readable_loans(folder: Path) -> list[dict[str, Any]]:
    return [r for r in pq.read_table(folder / "loans.parquet").to_pylist() if r["readable"]]


def results_csv(folder: Path) -> list[dict[str, str]]:
    with (folder / "results.csv").open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def half_up(q: Fraction, decimals: int) -> Decimal:
    scaled = q * 10**decimals
    n = (scaled.numerator * 2 + scaled.denominator) // (2 * scaled.denominator)  # floor(x + 1/2), x >= 0
    return Decimal(n).scaleb(-decimals)


def plain_wa(loans: list[dict[str, Any]], measure: str) -> Decimal | None:
    """sum(value x loan amount) / sum(loan amount) over the loans with both, exactly, rounded half up."""
    both = [(Fraction(r[measure]), Fraction(r["loan_amount"])) for r in loans
            if r.get(measure) is not None and r["loan_amount"] is not None]
    weight = sum((b for _, b in both), Fraction(0))
    return half_up(sum((v * b for v, b in both), Fraction(0)) / weight, WA[measure]) if weight else None


def fico_band(fico: int | None) -> str:
    if fico is None:
        return "(unknown)"
    return str(sum(1 for e in FICO if fico >= e))


# ------------------------------------------------------------------ stratification


def test_fico_stratification_sums_to_the_readable_loans_and_balance(run: Path) -> None:
    loans = readable_loans(run)
    rows = page(run).table("strata", **{"data-stratum": "fico"})
    body = [(a, cells) for a, cells in rows if a.get("data-key") not in (None, "total")]
    total = next(cells for a, cells in rows if a.get("data-key") == "total")
    counts = sum(int(c[0]["data-loans"]) for _, cells in body for c in cells if "data-loans" in c[0])
    balance = sum(Decimal(c[0]["data-balance"]) for _, cells in body for c in cells if "data-balance" in c[0])
    assert counts == len(loans) == int(next(c[0]["data-loans"] for c in total if "data-loans" in c[0]))
    assert balance == sum(r["loan_amount"] for r in loans if r["loan_amount"] is not None)
    # each band's count and its weighted averages, as the page shows them, against plain Python
    by_band: defaultdict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in loans:
        by_band[fico_band(None if r["fico"] is None else int(r["fico"]))].append(r)
    assert {a["data-key"] for a, _ in body} == set(by_band)
    for a, cells in body:
        group = by_band[a["data-key"]]
        assert int(next(c[0]["data-loans"] for c in cells if "data-loans" in c[0])) == len(group)
        for attrs, text in cells:
            if "data-wa" in attrs:
                want = plain_wa(group, attrs["data-wa"])
                assert text == ("—" if want is None else f"{want:,}"), (a["data-key"], attrs["data-wa"])


def test_every_dimension_is_stratified_with_its_labels(run: Path) -> None:
    html = (run / "report.html").read_text(encoding="utf-8")
    t = page(run)
    for dim in ("fico", "ltv", "loan_size", "state", "doc_type", "property_type", "occupancy", "purpose"):
        rows = t.table("strata", **{"data-stratum": dim})
        assert sum(1 for a, _ in rows if a.get("data-key") == "total") == 1, dim
    assert "12 months business bank statements" in html and "Primary residence" in html  # labels, not codes
    assert 'data-key="bank_stmt_business_12"' in html


# ------------------------------------------------------------------ exceptions


def test_an_exception_groups_csv_has_exactly_the_loans_the_table_counts(run: Path) -> None:
    single: defaultdict[tuple[str, str], set[int]] = defaultdict(set)
    for r in results_csv(run):
        failing = [x for x in r["failing_rules"].split(";") if x]
        if len(failing) == 1:
            single[(r["program"], failing[0])].add(int(r["row"]))
    rows = page(run).table("exceptions")
    shown = {(a["data-program"], a["data-rule"]): int(next(c[0]["data-loans"] for c in cells if "data-loans" in c[0]))
             for a, cells in rows if "data-rule" in a}
    assert shown == {k: len(v) for k, v in single.items()}
    explained = pq.read_table(run / "exceptions.parquet").to_pylist()
    assert explained and any(e["change"] for e in explained)
    by_group = Counter((e["program"], e["rule"]) for e in explained)
    assert all(n <= 5 for n in by_group.values())
    for (prog, rule), loans in single.items():
        path = run / "report-loans" / f"exception-{re.sub('[^A-Za-z0-9]+', '-', prog)}-{re.sub('[^A-Za-z0-9]+', '-', rule)}.csv"
        assert f'href="report-loans/{path.name}"' in (run / "report.html").read_text(encoding="utf-8")
        got = read_csv(path)
        assert {int(r["row"]) for r in got} == loans and len(got) == shown[(prog, rule)]
        assert all(r["program"] == prog and r["failing_rules"] == rule for r in got)
        near = {e["row"]: e["change"] for e in explained if (e["program"], e["rule"]) == (prog, rule)}
        assert {int(r["row"]): r["nearest_change"] for r in got if r["nearest_change"]} == {k: v for k, v in near.items() if v}


def test_every_breach_links_the_csv_of_the_loans_that_count_toward_it(run: Path) -> None:
    summary = json.loads((run / "summary.json").read_text(encoding="utf-8"))
    html = (run / "report.html").read_text(encoding="utf-8")
    breaches = [(lim, g) for lim in summary["pool_limits"] for g in lim["groups"] if g["status"] == "breach"]
    assert breaches
    for lim, g in breaches:
        files = sorted((run / "report-loans").glob(f"breach-{lim['id'].replace('_', '-')}-*.csv"))
        hit = [f for f in files if read_csv(f) and {r["group"] for r in read_csv(f)} == {g["group"] or "(whole pool)"}]
        assert len(hit) == 1, (lim["id"], g["group"])
        got = read_csv(hit[0])
        assert f'href="report-loans/{hit[0].name}"' in html
        assert len(got) <= g["loans"]  # the loans the `when` condition holds for
        assert sum(Decimal(r["loan_amount"]) for r in got) == Decimal(g["amount"]), (lim["id"], g["group"])


# ------------------------------------------------------------------ comparison and provenance


def test_compare_to_an_earlier_run_shows_the_flips_and_the_limits_moving(run: Path, tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """The earlier run: this one without the stress (status = base_status, the pool before the stress). The flips
    against it are then exactly the stress's flips."""
    now, earlier = tmp_path / "now", tmp_path / "earlier"
    shutil.copytree(run, now)
    earlier.mkdir()
    table = pq.read_table(run / "results.parquet")
    table = table.set_column(table.schema.get_field_index("status"), "status", table.column("base_status"))
    pq.write_table(table, earlier / "results.parquet")
    summary = json.loads((run / "summary.json").read_text(encoding="utf-8"))
    summary["pool_limits"] = summary["pool_limits_base"]
    (earlier / "summary.json").write_text(json.dumps(summary), encoding="utf-8")
    monkeypatch.chdir(ROOT)
    assert run_report(PROJECT, str(now), Console(file=io.StringIO()), str(earlier)) == 0
    t = page(now)
    flips = {a["data-program"]: cells for a, cells in t.table("compare-flips") if "data-program" in a}
    scenario = json.loads((run / "summary.json").read_text(encoding="utf-8"))["scenario"]["flips"]
    assert set(flips) == set(scenario)
    for prog, cells in flips.items():
        assert cells[-1][1] == f"{sum(scenario[prog].values()):,}"
    flipped = read_csv(now / "report-loans" / "flips.csv")
    assert len(flipped) == sum(r["flipped"] == "true" for r in results_csv(run))
    moved = [cells for a, cells in t.table("compare-limits") if "data-limit" in a]
    assert moved and any(cells[4][1] not in ("0", "0.0000", "—") for cells in moved)
    # the page remembers nothing of the comparison unless asked: summary.json's compare_to is the screen's
    assert run_report(PROJECT, str(now), Console(file=io.StringIO())) == 0
    assert 'id="compare"' not in (now / "report.html").read_text(encoding="utf-8")


def test_compare_to_through_glc_screen(run: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(ROOT)
    tape = run.parent / "tape.parquet"

    def go(out: Path, compare_to: str) -> int:
        return run_screen(PROJECT, str(tape), PROGRAMS, False, "duckdb", str(out), None, Console(file=io.StringIO()),
                          progress=False, compare_to=compare_to, now=RUN_AT)

    assert go(tmp_path / "x", str(tmp_path)) == 1  # not a run
    assert go(run, str(run)) == 2  # the folder this run would overwrite
    err = capsys.readouterr().err
    assert "has no summary.json" in err and "names the --out folder" in err and "Traceback" not in err
    out = tmp_path / "again"
    assert go(out, str(run)) == 0  # the same tape without the stress: the stress's flips, reversed
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["compare_to"] == str(run.resolve())
    html = (out / "report.html").read_text(encoding="utf-8")
    assert 'id="compare"' in html and "Status flips: " in html
    assert run_report(PROJECT, str(out), Console(file=io.StringIO())) == 0  # rebuilt with the recorded comparison
    assert (out / "report.html").read_text(encoding="utf-8") == html


def test_provenance_block(run: Path) -> None:
    summary = json.loads((run / "summary.json").read_text(encoding="utf-8"))
    pv = summary["provenance"]
    tape = run.parent / "tape.parquet"
    assert pv["tape_sha256"] == hashlib.sha256(tape.read_bytes()).hexdigest()
    assert pv["tape_rows"] == pq.read_metadata(tape).num_rows and pv["run_at"] == "2026-12-01T09:30:00Z"
    by_id = {p.id: p for p in BUNDLE.programs}
    assert [(p["id"], p["version"]) for p in pv["programs"]] == [(p, by_id[p].version) for p in PROGRAMS]
    html = (run / "report.html").read_text(encoding="utf-8")
    assert pv["tape_sha256"] in html and "2026-12-01T09:30:00Z" in html and f">{pv['glc']} (DuckDB" in html
    rows = {a["data-program"]: cells for a, cells in page(run).table("programs-in-force") if "data-program" in a}
    assert {p: cells[3][1] for p, cells in rows.items()} == {p: by_id[p].version for p in PROGRAMS}


def test_amounts_in_millions_with_the_exact_sum_on_hover(run: Path) -> None:
    html = (run / "report.html").read_text(encoding="utf-8")
    pairs = re.findall(r'<span class="amount-m" title="(-?\$[0-9,]+\.[0-9]{2})">(-?\$[0-9,]+\.[0-9]{2}M)</span>', html)
    assert len(pairs) > 50
    for exact, shown in pairs:
        value = Decimal(exact.replace("$", "").replace(",", ""))
        assert shown == f"${(value / 1_000_000).quantize(Decimal('0.01'), rounding='ROUND_HALF_UP'):,}M"


# ------------------------------------------------------------------ property: weighted averages


STATES = ["CA", "TX", "NY", None]
DECIMALS = {"ltv": 2, "cltv": 2, "dti": 2, "dscr": 3, "coupon": 3}


@st.composite
def loan_facts(draw: st.DrawFn) -> list[dict[str, Any]]:
    n = draw(st.integers(1, 40))
    out = []
    for i in range(n):
        def maybe(strategy: st.SearchStrategy[Any]) -> Any:
            return draw(st.one_of(st.none(), strategy))

        row = {"row": i + 1, "readable": draw(st.booleans()) or draw(st.booleans()), "loan_id": f"L{i}",
               "state": draw(st.sampled_from(STATES)), "fico": maybe(st.integers(300, 850)),
               "loan_amount": maybe(st.integers(0, 4_000_000).map(Decimal)),
               "doc_type": draw(st.sampled_from(["full_doc", "dscr", None])), "property_type": "sfr",
               "occupancy": draw(st.sampled_from(["primary", "investment"])), "purpose": "purchase", "zip": None}
        for m, d in DECIMALS.items():
            row[m] = maybe(st.integers(0, 200 * 10**d).map(lambda x, d=d: Decimal(x).scaleb(-d)))
        out.append(row)
    return out


_CON: list[Any] = []


def _con() -> Any:
    """One DuckDB connection for every example (opening one is the slow part)."""
    if not _CON:
        _CON.append(connect())
    return _CON[0]


def _write_loans(path: Path, loans: list[dict[str, Any]]) -> None:
    types = {"row": pa.int64(), "readable": pa.bool_(), "loan_id": pa.string(), "state": pa.string(), "fico": pa.int32(),
             "loan_amount": pa.decimal128(18, 0), "doc_type": pa.string(), "property_type": pa.string(),
             "occupancy": pa.string(), "purpose": pa.string(), "zip": pa.string(),
             **{m: pa.decimal128(38, d) for m, d in DECIMALS.items()}}
    pq.write_table(pa.table({k: pa.array([r[k] for r in loans], t) for k, t in types.items()}), path)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(loans=loan_facts())
def test_weighted_averages_equal_a_plain_python_computation(loans: list[dict[str, Any]], tmp_path: Path) -> None:
    path = tmp_path / "loans.parquet"
    _write_loans(path, loans)
    con = _con()
    con.execute(f"CREATE OR REPLACE TABLE facts AS SELECT * FROM read_parquet('{path}')")
    strata = {s.id: s for s in stratify(con, "facts", BUNDLE.vocabulary)}
    readable = [r for r in loans if r["readable"]]
    groups = {"state": lambda r: r["state"] or "(unknown)", "doc_type": lambda r: r["doc_type"] or "(unknown)",
              "fico": lambda r: fico_band(r["fico"])}
    for dim, key in groups.items():
        want: defaultdict[str, list[dict[str, Any]]] = defaultdict(list)
        for r in readable:
            want[key(r)].append(r)
        table = strata[dim]
        assert {row.key for row in table.rows} == set(want), dim
        for row in [*table.rows, table.total]:
            group = readable if row.key == "total" else want[row.key]
            assert row.sums.loans == len(group)
            assert row.sums.balance == sum((r["loan_amount"] for r in group if r["loan_amount"] is not None), Decimal(0))
            for m, _, _ in table.measures:
                assert row.wa[m] == plain_wa(group, m), (dim, row.key, m)
                assert row.sums.excluded[m] == sum(1 for r in group if r[m] is None or r["loan_amount"] is None)
    assert {m for m, _, _ in strata["fico"].measures} == set(WA) - (set() if any(r["coupon"] is not None for r in readable)
                                                                    else {"coupon"})


# ------------------------------------------------------------------ in a browser


@pytest.mark.parametrize("width", [1280, 390])
def test_report_fits_the_window_and_wide_tables_keep_their_first_column(run: Path, width: int) -> None:
    from tests.docs_site.test_browser import CHROMIUM, CHROMIUM_ARGS, SCREENSHOTS, _unavailable

    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("Playwright for Python is not installed (pip install -e '.[dev]')")
    if not CHROMIUM.is_file():
        _unavailable(f"Chromium is not installed at {CHROMIUM}")
    url = (run / "report.html").as_uri()
    requests: list[str] = []
    errors: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme="light")
            p = context.new_page()
            p.on("request", lambda r: requests.append(r.url) if r.url != url else None)
            p.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            p.goto(url)
            p.wait_for_load_state("load")
            fits = p.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
            # every wide table scrolls inside its own box; scrolled to its end, its first column is still in view
            boxes = p.evaluate("""() => [...document.querySelectorAll('.wide')].map((box, i) => {
                const before = box.querySelector('tbody td').getBoundingClientRect().left;
                box.scrollLeft = box.scrollWidth;
                const cell = box.querySelector('tbody td').getBoundingClientRect();
                const r = box.getBoundingClientRect();
                return {i, table: box.querySelector('table').className, scrolls: box.scrollWidth > box.clientWidth,
                        moved: box.scrollLeft, left: cell.left, boxLeft: r.left, before,
                        visible: cell.left >= r.left - 1 && cell.right <= r.right + 1};
            })""")
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            p.evaluate("() => document.querySelectorAll('.wide').forEach(b => { b.scrollLeft = 0; })")
            p.screenshot(path=str(SCREENSHOTS / f"screen-report-{width}.png"), full_page=True)
            p.locator("#strata").screenshot(path=str(SCREENSHOTS / f"screen-report-strata-{width}.png"))
            context.close()
        finally:
            browser.close()
    assert not requests and not errors, (requests, errors)
    assert fits[0] <= fits[1], fits  # no horizontal page scroll
    assert boxes and all(b["visible"] for b in boxes), [b for b in boxes if not b["visible"]]
    scrolling = [b for b in boxes if b["scrolls"]]
    if width == 390:  # on a phone the stratification tables are wider than the screen, and scroll inside
        assert any(b["table"] == "strata" for b in scrolling) and all(b["moved"] > 0 for b in scrolling)
    else:
        assert not any(b["table"] == "strata" for b in scrolling)
