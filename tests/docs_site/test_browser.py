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
    loan = Loan(**{**BASE_LOAN, **DOC_TYPE["investment"], "occupancy": "investment", "purpose": "rate_term",
                   "loan_amount": Decimal(1_250_000), "appraised_value": Decimal(2_500_000), "fico": 720})
    limit = generated.check("harbor_dscr", loan).limit("max_ltv")
    assert limit is not None and limit.value is not None
    assert _text(_cell(tables.first, "Harbor Point DSCR", "720").inner_text()) == f"{limit.value}%"
    _full_page_screenshot(page, "compare")


@pytest.mark.parametrize(("query", "program", "heading"), [
    ("Harbor", "harbor_dscr", "Harbor Point DSCR"),                     # a program's title
    ("Keystone Non-QM Capital", "keystone_bank_statement", "Bank Statement Select"),  # an investor
    ("payment shock", "keystone_bank_statement", "Bank Statement Select"),  # a rule's text
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
