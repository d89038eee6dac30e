"""The documentation site in a real browser (headless Debian Chromium driven by Playwright): a matrix cell
read through the table's own headers equals the checker's limit, the comparison page's tabs choose the loan
profile, search leads to a program's page, the dark palette and the print layout work, and full-page
screenshots land in test-artifacts/screenshots/ for people to look at.

Outside CI a machine without Chromium (or Playwright) skips these tests with the reason; in CI (CI set)
the same absence fails them: `.ci/run` installs Debian's `chromium` package when it is missing.
"""

from __future__ import annotations

import functools
import http.server
import itertools
import os
import re
import struct
import threading
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
VIEWPORT = {"width": 1280, "height": 900}
TIMEOUT_MS = 10_000  # a wait for the page, not a performance assertion: a local static site answers at once


def _unavailable(reason: str) -> None:
    """Skip on a developer's machine; fail in CI, where a browser that is not there is a broken setup."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI is set, so this fails instead of skipping; .ci/run installs chromium)")
    pytest.skip(f"{reason}; install it with `apt-get install -y --no-install-recommends chromium` (CI does)")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("Playwright for Python is not installed (pip install -e '.[dev]')")
    if not CHROMIUM.is_file():
        _unavailable(f"Chromium is not installed at {CHROMIUM}")
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def site_url(built_site: Path) -> Iterator[str]:
    """The built site served on a free localhost port by a thread of this process."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(built_site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport=VIEWPORT, color_scheme="light")
    p = context.new_page()
    p.set_default_timeout(TIMEOUT_MS)
    yield p
    context.close()


def _text(s: str) -> str:
    return " ".join(s.split())


def _cell(table: Any, row_label: str, col_label: str) -> Any:
    """The body cell of `table` in the row whose first cell reads `row_label` and the column whose header reads
    `col_label`, found through the headers the reader sees."""
    headers = [_text(t) for t in table.locator("thead th").all_inner_texts()]
    assert col_label in headers, headers
    rows = [r for r in table.locator("tbody tr").all() if _text(r.locator("td").first.inner_text()) == row_label]
    assert len(rows) == 1, f"rows labelled {row_label!r}: {len(rows)}"
    return rows[0].locator("td").nth(headers.index(col_label))


def test_matrix_cell_shows_the_checkers_max_ltv(page: Any, site_url: str) -> None:
    import generated
    from generated.loan import Loan

    page.goto(f"{site_url}/programs/keystone_bank_statement/")
    table = page.locator("xpath=//h3[starts-with(normalize-space(), 'Primary residence, purchase')]/following::table[1]")
    cell = _cell(table, "700-719", "up to $1,000,000")
    shown = _text(cell.inner_text())
    # Loans at the cell's edges: FICO 700 and 719, a loan of exactly $1,000,000 (and one well inside).
    for fico, amount in ((700, 1_000_000), (719, 1_000_000), (705, 800_000)):
        loan = Loan(fico=fico, loan_amount=amount, appraised_value=2_000_000, purchase_price=2_000_000, occupancy="primary",
                    purpose="purchase", property_type="sfr", interest_only=False, rural=False, declining_market=False,
                    rent_free=False)
        limit = generated.check("keystone_bank_statement", loan).limit("max_ltv")
        assert limit is not None and limit.value is not None
        assert shown == f"{limit.value}%", (fico, amount)
    assert cell.locator(".glc-ltv").is_visible()
    _full_page_screenshot(page, "program-keystone_bank_statement")


def test_comparison_tabs_choose_the_loan_profile(page: Any, site_url: str) -> None:
    import generated
    from compiler.backends.docs.site import BASE_LOAN, DOC_TYPE
    from generated.loan import Loan

    page.goto(f"{site_url}/compare/")
    for label in ("Investment property", "Rate/term refinance", "$1,250,000"):
        page.locator(".tabbed-labels > label:visible", has_text=re.compile(rf"^\s*{re.escape(label)}\s*$")).click()
    tables = page.locator(".tabbed-set table:visible")
    assert tables.count() == 1
    caption = page.locator(".tabbed-set p:visible", has_text="loan.")
    assert _text(caption.inner_text()).startswith("Investment property, rate/term refinance, $1,250,000 loan.")
    columns = _band_columns()
    headers = [_text(t) for t in tables.first.locator("thead th").all_inner_texts()]
    assert headers == ["Program", *(label for label, _low, _high in columns)]  # the programs' own bands
    shown = {_text(t) for t in tables.first.locator("tbody tr td:first-child").all_inner_texts()}
    assert "Shining Star Non-QM (shared rules)" not in shown and "Harbor Point DSCR" in shown
    for label, low, high in columns:  # each band's figure holds at both of its ends
        cell = _text(_cell(tables.first, "Harbor Point DSCR", label).inner_text())
        for fico in (low, high if high is not None else 850):
            loan = Loan(**{**BASE_LOAN, **DOC_TYPE["investment"], "occupancy": "investment", "purpose": "rate_term",
                           "loan_amount": Decimal(1_250_000), "appraised_value": Decimal(2_500_000), "fico": fico})
            d = generated.check("harbor_dscr", loan)
            limit = d.limit("max_ltv")
            want = f"{limit.value}%" if limit is not None and limit.value is not None else "Not eligible"
            assert cell == want, (label, fico)
    _full_page_screenshot(page, "compare")


def _band_columns() -> list[tuple[str, int, int | None]]:
    """The credit-score bands of every offered program's matrices, split at each other's edges (worked out here
    from the matrices' bands, independently of the site's code)."""
    from compiler.driver import check_paths

    bundle = check_paths([ROOT / "programs"]).bundle
    assert bundle is not None
    edges: set[int] = set()
    for p in bundle.programs:
        if p.abstract:
            continue
        for m in p.matrices:
            for axis in (m.rows, m.columns) if m.columns else (m.rows,):
                if getattr(axis.expr, "name", None) == "fico":
                    for b in axis.bands:
                        assert b.low_inclusive and (b.high is None or b.high_inclusive)  # as written: 700-719, 740+
                        edges |= {int(b.low)} if b.low is not None else set()
                        edges |= {int(b.high) + 1} if b.high is not None else set()
    ordered = sorted(edges)
    out: list[tuple[str, int, int | None]] = [(f"{a}-{b - 1}", a, b - 1) for a, b in itertools.pairwise(ordered)]
    return [*out, (f"{ordered[-1]}+", ordered[-1], None)]


@pytest.mark.parametrize(("query", "program", "heading"), [
    ("Harbor", "harbor_dscr", "Harbor Point DSCR"),                     # a program's title
    ("Keystone Non-QM Capital", "keystone_bank_statement", "Bank Statement Select"),  # an investor
    ("payment shock", "keystone_bank_statement", "Bank Statement Select"),  # a rule's text
    ("debt service coverage", "harbor_dscr", "Harbor Point DSCR"),      # DSCR spelled out
])
def test_search_leads_to_the_program(page: Any, site_url: str, query: str, program: str, heading: str) -> None:
    page.goto(f"{site_url}/")
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator("input.md-search__input").press_sequentially(query)  # keystrokes: the search reacts to keys
    result = page.locator(f".md-search-result__item a[href*='programs/{program}/']").first
    result.wait_for(state="visible")
    result.click()
    page.wait_for_url(re.compile(rf"/programs/{program}/"))
    assert _text(page.locator("article h1").inner_text()) == heading


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR", f"{path} is not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def _full_page_screenshot(page: Any, name: str) -> None:
    """A full-page PNG in test-artifacts/screenshots/, checked to be a real image of the whole page."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    shot = SCREENSHOTS / f"{name}.png"
    shot.unlink(missing_ok=True)
    page.screenshot(path=str(shot), full_page=True, animations="disabled")
    width, height = _png_size(shot)
    assert width == page.viewport_size["width"] and height > page.viewport_size["height"], (width, height)


def test_dark_palette(browser: Any, site_url: str) -> None:
    """A reader whose system prefers dark gets the slate palette (screenshot kept); the header toggle switches to light."""
    context = browser.new_context(viewport=VIEWPORT, color_scheme="dark")
    try:
        page = context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        page.goto(f"{site_url}/programs/keystone_bank_statement/")
        assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"
        page.locator("h2", has_text="Eligibility matrices").evaluate("e => e.scrollIntoView()")
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        shot = SCREENSHOTS / "program-keystone_bank_statement-dark.png"
        page.screenshot(path=str(shot), animations="disabled")
        assert _png_size(shot) == (VIEWPORT["width"], VIEWPORT["height"])
        page.locator(".md-header label[title='Light mode']:visible").click()  # the palette toggle switches back
        page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'default'")
    finally:
        context.close()


@pytest.mark.parametrize("path", ["programs/keystone_bank_statement/", "compare/", "vocabulary/"])
def test_print_layout_hides_navigation_and_keeps_tables_whole(browser: Any, site_url: str, path: str) -> None:
    """At the printable width of A4 or Letter paper (718 CSS px inside the browser's default margins): no
    header, search, sidebars or footer, and no table wider than the page or clipped by a scroll box."""
    context = browser.new_context(viewport={"width": 718, "height": 1000})
    try:
        page = context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        page.emulate_media(media="print")
        page.goto(f"{site_url}/{path}")
        for chrome in (".md-header", ".md-search", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer"):
            assert not page.locator(chrome).first.is_visible(), chrome
        tables = page.evaluate("""() => [...document.querySelectorAll('article table')].map(t => ({
            head: t.querySelector('th') ? t.querySelector('th').innerText : '?',
            shown: t.getClientRects().length > 0,
            clipped: t.getBoundingClientRect().right > document.documentElement.clientWidth + 1
                     || t.getBoundingClientRect().left < -1 || t.scrollWidth > t.clientWidth + 1}))""")
        assert len(tables) >= 3 and all(t["shown"] for t in tables)  # compare: every tab's table prints
        assert [t["head"] for t in tables if t["clipped"]] == []
        if path.startswith("programs/"):
            _full_page_screenshot(page, "program-keystone_bank_statement-print")
    finally:
        context.close()


PAGES = ["programs/keystone_bank_statement/", "programs/shining_star_edge/", "compare/", "vocabulary/",
         "programs/keystone_bank_statement-changes/"]


@pytest.mark.parametrize("width", [1280, 390])
def test_pages_never_scroll_sideways(browser: Any, site_url: str, width: int) -> None:
    """At a desktop and a phone width no page scrolls sideways: a wide table scrolls inside itself, and with it
    scrolled to its far right its first column (the row labels) is still in view."""
    context = browser.new_context(viewport={"width": width, "height": 844}, color_scheme="light")
    try:
        page = context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        for path in PAGES:
            page.goto(f"{site_url}/{path}")
            sizes = page.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
            assert sizes[0] <= sizes[1], (path, width, sizes)
            hidden = page.evaluate("""() => [...document.querySelectorAll('article table')]
                .filter(t => t.getClientRects().length && t.scrollWidth > t.clientWidth + 1).map(t => {
                  t.scrollLeft = t.scrollWidth;
                  const box = t.getBoundingClientRect();
                  const first = t.querySelector('tbody tr td:first-child').getBoundingClientRect();
                  return first.left >= box.left - 1 && first.right <= box.right + 1 ? null : t.innerText.slice(0, 40);
                }).filter(x => x !== null)""")
            assert hidden == [], (path, width)
            if width == 390 and path in ("programs/keystone_bank_statement/", "compare/"):
                page.evaluate("() => document.querySelectorAll('article table').forEach(t => t.scrollLeft = 0)")
                name = "compare" if path == "compare/" else "program-keystone_bank_statement"
                _full_page_screenshot(page, f"{name}-390")
        if width == 390:  # a wide matrix scrolled right: its row labels stay (what a reader on a phone sees)
            page.goto(f"{site_url}/programs/keystone_bank_statement/")
            table = page.locator("xpath=//h3[starts-with(normalize-space(), 'Primary residence, purchase')]/following::table[1]")
            table.scroll_into_view_if_needed()
            table.evaluate("t => t.scrollLeft = t.scrollWidth")
            assert table.evaluate("t => t.scrollLeft") > 0
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SCREENSHOTS / "program-keystone_bank_statement-390-scrolled.png"), animations="disabled")
    finally:
        context.close()


def test_a_rules_field_link_lands_on_the_fields_definition(page: Any, site_url: str) -> None:
    page.goto(f"{site_url}/programs/shining_star_edge/")
    rule = page.locator("xpath=//h3[@id='rule-min_fico']/following-sibling::ul[1]")
    rule.get_by_role("link", name="Credit score").click()
    page.wait_for_url(re.compile(r"/vocabulary/#field-fico$"))
    row = page.locator("xpath=//span[@id='field-fico']/ancestor::tr[1]")
    assert row.is_visible()
    assert page.evaluate("() => { const r = document.getElementById('field-fico').getBoundingClientRect();"
                         " return r.top >= 0 && r.bottom <= window.innerHeight; }")
    text = _text(row.inner_text())
    assert text.startswith("Credit score fico") and "Also called FICO" in text, text  # the parentheses are CSS


def test_searching_fico_reaches_a_rule_written_credit_score(page: Any, site_url: str) -> None:
    page.goto(f"{site_url}/")
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator("input.md-search__input").press_sequentially("fico")
    link = "a[href*='#rule-min_fico']"
    result = page.locator(f".md-search-result__item:has({link})").first
    result.wait_for(state="visible")
    more = result.locator("details.md-search-result__more summary")  # a page's other sections start folded
    if more.count() and not result.locator(link).first.is_visible():
        more.first.click()
    result.locator(link).first.click()
    page.wait_for_url(re.compile(r"#rule-min_fico$"))
    heading = page.locator("h3#rule-min_fico")
    assert _text(heading.inner_text()).startswith("Minimum credit score")
    rule = page.locator("xpath=//h3[@id='rule-min_fico']/following-sibling::ul[1]")
    assert "Credit score" in rule.inner_text() and "fico" not in rule.inner_text().replace("FICO", "")


def test_changes_page_colours_effects_and_marks_changed_cells(page: Any, site_url: str) -> None:
    page.goto(f"{site_url}/programs/keystone_bank_statement-changes/")
    colour = "e => getComputedStyle(e).backgroundColor"
    tightens = page.locator("article li .glc-tightens").first.evaluate(colour)
    loosens = page.locator("article li .glc-loosens").first.evaluate(colour)
    assert tightens != loosens and "rgba(0, 0, 0, 0)" not in (tightens, loosens)
    changed = page.locator("article table .glc-changed")
    assert changed.count() >= 3
    first = changed.first
    assert first.evaluate("e => getComputedStyle(e).outlineStyle") == "solid"
    assert (first.get_attribute("title") or "").startswith("was ")
    first.scroll_into_view_if_needed()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "changes-keystone_bank_statement.png"), animations="disabled")
