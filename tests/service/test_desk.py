"""The scenario desk: generated from the vocabulary, answered by a plain form POST (no script needed), every text
escaped, wrong values shown beside their fields; in headless Chromium (Playwright, Debian's chromium, scripts
off), a keystone loan typed into the form by keyboard reads the same status and max LTV as the check endpoint, at
desktop and at phone width (390 px, nothing wider than the screen), with screenshots in
test-artifacts/screenshots/."""

from __future__ import annotations

import html
import json
import os
import re
import urllib.parse
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import markupsafe
import pytest

from compiler.project import Project
from compiler.wording import fmt_amount
from tests.service.server import Server

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
TIMEOUT_MS = 20_000  # a wait for the page under a loaded machine, not a performance assertion

# a keystone loan as a loan officer types it (tape spellings welcome)
TYPED = {"Application date": "2026-03-14", "Loan amount": "$1,050,000", "Purchase price": "1,250,000",
         "Appraised value": "1250000", "Credit score": "705", "PITIA": "6000", "Assets after closing": "100000",
         "Statement months": "24", "Total deposits": "1200000", "Ownership share": "100%", "Other monthly debts": "1500"}
CHOSEN = {"Loan purpose": "purchase", "Occupancy": "primary", "Property type": "sfr", "Interest-only": "no",
          "Documentation type": "bank_stmt_business_24", "Citizenship": "us_citizen"}
AS_JSON = {"application_date": "2026-03-14", "loan_amount": "$1,050,000", "purchase_price": "1,250,000",
           "appraised_value": "1250000", "fico": "705", "pitia": "6000", "liquid_assets": "100000",
           "statement_months": "24", "total_deposits": "1200000", "ownership_pct": "100%", "monthly_debts": "1500",
           "purpose": "purchase", "occupancy": "primary", "property_type": "sfr", "interest_only": False,
           "doc_type": "bank_stmt_business_24", "citizenship": "us_citizen"}


def _form(data: dict[str, Any]) -> bytes:
    return urllib.parse.urlencode({k: ("yes" if v is True else "no" if v is False else v) for k, v in data.items()}).encode()


def _program_block(page: str, program: str) -> str:
    m = re.search(rf'<li class="program [^"]*" data-program="{program}"[^>]*>(.*?)</li>\s*(?=<li class="program|</ol>)', page, re.S)
    assert m is not None, page[:2000]
    return m.group(1)


def test_the_form_is_generated_from_the_vocabulary(server: Server) -> None:
    page = server.get("/").body.decode()
    bundle = Project.find(ROOT).bundle().bundle
    assert bundle is not None
    for f in bundle.vocabulary.fields:
        assert html.escape(f.title, quote=False) in page, f.name
        if f.type.kind == "enum":
            for label in f.type.labels:
                assert f">{markupsafe.escape(label)}</option>" in page, (f.name, label)  # as Jinja escapes it
    assert 'id="f-credit_events-0-kind"' in page and 'name="credit_events.1.completed_on"' in page
    assert html.escape("Number of dwelling units in the subject property.", quote=False) in page
    assert "<script" not in page  # the desk needs no script


def test_a_posted_form_answers_as_the_check_endpoint(server: Server) -> None:
    page = server.post("/", _form(AS_JSON), "application/x-www-form-urlencoded").body.decode()
    decisions = json.loads(server.post("/v1/check", json.dumps(AS_JSON).encode()).body)
    assert [d["program"]["id"] for d in decisions] == re.findall(r'data-program="([^"]+)"', page)
    for d in decisions:
        block = _program_block(page, d["program"]["id"])
        assert f'data-status="{d["status"]}"' in block
        ltv = next(lim for lim in d["limits"] if lim["limit"] == "max_ltv")
        if ltv["value"] is not None:
            assert f'<span class="limit-value">{ltv["value"]}%</span>' in block
            for c in ltv["candidates"]:
                assert html.escape(c["description"], quote=False) in block
        for f in d["findings"]:
            if f["outcome"] == "fail":
                assert html.escape(f["message"], quote=False) in block
    keystone = _program_block(page, "keystone_bank_statement")
    assert "Smallest change that makes it eligible:" in keystone and "§2.1 Matrix A, p. 4" in keystone


def test_a_value_that_cannot_be_computed_is_told_to_check_its_data_first(server: Server) -> None:
    """PITIA $0: the desk says to check PITIA (language.md 3.4 rule 5), above any change it suggests."""
    page = server.post("/", _form({**AS_JSON, "pitia": "0"}), "application/x-www-form-urlencoded").body.decode()
    keystone = _program_block(page, "keystone_bank_statement")
    check = "<strong>Check the data first:</strong> PITIA is $0/month: "
    assert check in keystone and "cannot be computed; check PITIA" in keystone


def test_user_text_is_escaped_and_wrong_values_are_shown_beside_their_fields(server: Server) -> None:
    hostile = '"><script>alert(1)</script>'
    answer = server.post("/", _form({**AS_JSON, "loan_id": hostile, "fico": "<b>700</b>", "occupancy": hostile}),
                         "application/x-www-form-urlencoded")
    assert answer.status == 422
    page = answer.body.decode()
    assert "<script>alert" not in page and "<b>700" not in page
    assert html.escape(hostile) in page or "&#34;&gt;&lt;script&gt;" in page
    assert 'aria-invalid="true"' in page and 'id="f-fico-error"' in page and 'id="f-occupancy-error"' in page
    bad = server.post("/", b"fico=%ff%fe", "application/x-www-form-urlencoded")
    assert bad.status == 400 and "could not be read" in bad.body.decode()
    raw = server.post("/", b"fico=\xff\xfe", "application/x-www-form-urlencoded")
    assert raw.status == 400 and "could not be read" in raw.body.decode()


# ------------------------------------------------------------------ in Chromium


def _unavailable(reason: str) -> None:
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


def _label(title: str) -> re.Pattern[str]:
    """A field's label: its title, then its unit in brackets when it has one ("Credit score (points)")."""
    return re.compile(rf"^{re.escape(title)}( \(.*\))?$")


@pytest.mark.parametrize(("width", "height"), [(1280, 900), (390, 844)])
def test_a_loan_officer_types_a_keystone_loan_and_reads_the_checkers_answer(
        server: Server, browser: Any, width: int, height: int) -> None:
    expected = json.loads(server.post("/v1/programs/keystone_bank_statement/check", json.dumps(AS_JSON).encode()).body)
    ltv = next(lim for lim in expected["limits"] if lim["limit"] == "max_ltv")
    context = browser.new_context(viewport={"width": width, "height": height}, java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    try:
        page.goto(f"http://127.0.0.1:{server.port}/")
        for label, value in TYPED.items():
            page.get_by_label(_label(label)).fill(value)
        for label, value in CHOSEN.items():
            page.get_by_label(_label(label)).select_option(value)
        page.get_by_role("button", name="Check every program").focus()
        with page.expect_navigation():
            page.keyboard.press("Enter")  # the keyboard submits the form; no script runs
        block = page.locator('[data-program="keystone_bank_statement"]')
        assert block.locator(".status").get_attribute("data-status") == expected["status"]
        shown = block.locator('[data-limit-id="max_ltv"] .limit-value').inner_text()
        assert shown == fmt_amount(Decimal(ltv["value"]), "percent")
        assert page.evaluate("document.documentElement.scrollWidth") <= width  # nothing wider than the screen
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"desk-{width}.png"), full_page=True)
    finally:
        context.close()


def test_the_api_page_sends_a_loan_and_shows_the_answer(server: Server, browser: Any) -> None:
    """`/docs` (the OpenAPI operations, with its own small script under the strict CSP): Send on the check
    operation shows the Decision."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    try:
        page.goto(f"http://127.0.0.1:{server.port}/docs")
        op = page.locator("form.try[data-path='/v1/programs/{program_id}/check']")
        op.get_by_role("button", name="Send").click()
        answer = op.locator(".answer")
        answer.filter(has_text="200").wait_for()
        assert '"program"' in answer.inner_text() and '"status"' in answer.inner_text()
        assert not errors, errors  # nothing refused by the Content-Security-Policy
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "api-docs-1280.png"))
    finally:
        context.close()
