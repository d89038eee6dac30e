"""`compiler.tools.explain`: the nearest verified changes for realistic near misses of the seed programs."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal as D
from pathlib import Path
from typing import Any

import pytest

from compiler.driver import check_paths
from compiler.evaluate import evaluate
from compiler.tools.explain import explain
from compiler.tools.explain_result import Explanation, FailedRule, Suggestion
from tests.seed_loans import INVESTOR, OWNER, event, late

ROOT = Path(__file__).resolve().parents[2]
BUNDLE = check_paths([ROOT / "programs"]).bundle
assert BUNDLE is not None
PROGRAMS = {p.id: p for p in BUNDLE.programs}


def run(program: str, base: dict[str, Any], **changes: Any) -> Explanation:
    from generated.loan import Loan

    return explain(PROGRAMS[program], BUNDLE.vocabulary, Loan.model_validate({**base, **changes}))


def failed(e: Explanation, rule_id: str) -> FailedRule:
    return next(f for f in e.failed if f.rule_id == rule_id)


def single(suggestions: tuple[Suggestion, ...], field: str) -> Suggestion:
    """The one-field suggestion that changes `field`."""
    return next(s for s in suggestions if len(s.changes) == 1 and s.changes[0].field == field)


def moves(suggestions: tuple[Suggestion, ...]) -> dict[str, Any]:
    """One-field suggestions as {field: new value}."""
    return {s.changes[0].field: s.changes[0].after for s in suggestions if len(s.changes) == 1}


# FICO 705, $1,050,000 on a $1,250,000 purchase: LTV 84%, the 700-719 x $1,000,001-$1,500,000 cell allows 80%.
BIG_LOAN = {"fico": 705, "loan_amount": 1_050_000, "purchase_price": 1_250_000, "appraised_value": 1_250_000,
            "liquid_assets": 100_000}


def test_max_ltv_loan_amount_and_credit_score() -> None:
    e = run("keystone_bank_statement", OWNER, **BIG_LOAN)
    assert e.status == "ineligible"
    assert {f.rule_id for f in e.failed} == {"max_ltv", "max_cltv"}
    ltv = failed(e, "max_ltv")
    assert ltv.citation == "§2.1 Matrix A, p. 4"
    assert moves(ltv.suggestions) == {"fico": 720, "loan_amount": 1_000_000}
    amount = single(ltv.suggestions, "loan_amount")
    change = amount.changes[0]
    assert (change.before, change.after, change.direction, change.through) == (D(1_050_000), D(1_000_000), "down", None)
    assert change.change_pct == D("4.76")
    assert change.text == "Lower the loan amount to $1,000,000 or less (now $1,050,000)"
    effects = {x.name: x for x in amount.effects}
    assert effects["ltv"].after == "80.00%" and effects["ltv"].before == "84.00%"
    assert effects["max_ltv"].after == "85%"
    assert "Credit score 700-719, Loan amount up to $1,000,000 = 85%" in effects["max_ltv"].detail
    fico = single(ltv.suggestions, "fico")
    assert fico.changes[0].text == "Raise the credit score to 720 or more (now 705)"
    assert "Credit score 720-739, Loan amount $1,000,001-$1,500,000 = 85%" in fico.text
    assert ltv.suggestions[0] is fico  # 2.13% beats 4.76%
    # the whole loan: the same two, and the loan amount only down to the program's minimum loan
    whole = moves(e.whole_loan)
    assert whole == {"fico": 720, "loan_amount": 1_000_000}
    assert single(e.whole_loan, "loan_amount").changes[0].through == D(150_000)
    assert all(s.status == "eligible" for s in e.whole_loan)


def test_max_dti_every_way_to_meet_it() -> None:
    e = run("keystone_bank_statement", OWNER, fico=705, loan_amount=750_000, appraised_value=1_000_000,
            monthly_debts=7_000, liquid_assets=72_000)
    dti = failed(e, "max_dti")
    got = moves(dti.suggestions)
    assert got["monthly_debts"] == D(6_500)  # DTI 50.00%
    assert got["pitia"] == D(5_500)
    assert got["fico"] == 720  # the 55% alternative: FICO 720+, LTV 80%-, 12 months reserves, not FTHB
    assert got["total_deposits"] == D(1_248_000)
    assert dti.suggestions[0].changes[0].field == "fico"
    debts = single(dti.suggestions, "monthly_debts")
    assert [x.after for x in debts.effects if x.name == "dti"] == ["50.00%"]


def test_reserves_months_needed() -> None:
    e = run("keystone_bank_statement", OWNER, loan_amount=1_200_000, purchase_price=1_600_000,
            appraised_value=1_600_000, liquid_assets=35_940)
    reserves = failed(e, "reserves")
    assert moves(reserves.suggestions) == {"liquid_assets": D(36_000), "pitia": D(5_990), "loan_amount": D(1_000_000)}
    assets = single(reserves.suggestions, "liquid_assets")
    assert [(x.name, x.before, x.after) for x in assets.effects] == [("reserves_months", "5.99 months", "6.00 months")]


def test_credit_event_seasoning_gives_a_date() -> None:
    e = run("keystone_bank_statement", OWNER, credit_events=[event("fc", 35)])
    seasoning = failed(e, "credit_event_seasoning")
    wait = single(seasoning.suggestions, "application_date").changes[0]
    assert (wait.before, wait.after, wait.days) == (dt.date(2026, 3, 14), dt.date(2026, 4, 14), 31)
    assert wait.text.startswith("Wait until 2026-04-14, 31 days")
    assert e.whole_loan[0].status == "eligible"


def test_late_payment_ages_out_of_the_lookback() -> None:
    e = run("shining_star_edge", OWNER, credit_events=[event("ss", 36)], housing_lates=[late(5)])
    wait = single(failed(e, "event_housing_history").suggestions, "application_date").changes[0]
    assert wait.after == dt.date(2026, 10, 14)  # the late of 2025-10-14 is then 12 months old


def test_dscr_needed_and_the_pitia_that_gives_it() -> None:
    e = run("harbor_dscr", INVESTOR, short_term_rental=True, lease_rent=4_400, market_rent=4_400)
    rule = failed(e, "short_term_rental")
    pitia = single(rule.suggestions, "pitia")
    assert pitia.changes[0].after == D(3_826)  # 4,400 / 3,826 = 1.1500 -> 1.150; 3,827 gives 1.149
    assert [(x.name, x.after) for x in pitia.effects] == [("dscr", "1.150")]
    assert single(rule.suggestions, "short_term_rental").changes[0].after is False


def test_dscr_below_the_matrix_needs_rent_or_score() -> None:
    e = run("harbor_dscr", INVESTOR, fico=700, lease_rent=2_800, market_rent=2_800, pitia=4_000, liquid_assets=100_000)
    dscr = failed(e, "min_dscr")
    got = moves(dscr.suggestions)
    assert got["fico"] == 720 and got["pitia"] == D(3_733)  # 2,800 / 3,733 = 0.7500
    assert "market_rent" not in got and "lease_rent" not in got  # DSCR uses the lesser rent: one alone does not help
    # the whole loan: DSCR 1.000 moves the loan into the purchase matrix
    assert single(e.whole_loan, "pitia").changes[0].after == D(2_800)


def test_hard_exclusion_says_only_a_different_category_helps() -> None:
    e = run("keystone_bank_statement", OWNER, property_type="condotel")
    rule = failed(e, "property_types")
    assert "only a change of property type" in rule.note
    change = rule.suggestions[0].changes[0]
    assert change.kind == "choice"
    assert change.values == ("sfr", "pud", "townhome", "condo_warrantable", "condo_non_warrantable", "two_to_four_unit")


def test_two_independent_reasons_need_two_changes() -> None:
    e = run("shining_star_edge", OWNER, housing_history_months=9, housing_verification="none")
    rule = failed(e, "housing_history")
    pair = next(s for s in rule.suggestions if len(s.changes) == 2)
    assert [(c.field, c.after) for c in pair.changes] == [("housing_history_months", D(12)), ("housing_verification", "vom")]
    assert pair.changes[1].values == ("vom", "vor", "bank_records")


def test_whole_loan_needs_two_fields() -> None:
    e = run("keystone_bank_statement", OWNER, state="NV", **BIG_LOAN)
    assert "No single change" in e.whole_loan_note
    first = e.whole_loan[0]
    assert [c.field for c in first.changes] == ["state", "fico"]
    assert first.status == "eligible"
    assert all(len(s.changes) == 2 for s in e.whole_loan)  # no three-field superset of a two-field change


def test_missing_data_lists_fields_to_supply() -> None:
    e = run("keystone_bank_statement", OWNER, fico=None, pitia=None)
    assert e.status == "needs_info"
    supply = {m.field: m.rules for m in e.missing}
    assert supply["fico"] == ("primary_purchase", "min_fico", "max_dti", "max_ltv", "max_cltv")  # the matrix decides them
    assert "reserves" in supply["pitia"]
    assert "Supply: Credit score, PITIA." in e.summary


def test_eligible_loan() -> None:
    e = run("keystone_bank_statement", OWNER)
    assert e.status == "eligible" and e.failed == () and e.summary.startswith("Already eligible")


def test_json_is_exact() -> None:
    e = run("keystone_bank_statement", OWNER, **BIG_LOAN)
    data = json.loads(e.to_json())
    change = next(s for s in failed(e, "max_ltv").suggestions if s.changes[0].field == "loan_amount").changes[0]
    assert change.after == D(1_000_000)
    ltv = next(f for f in data["failed"] if f["rule_id"] == "max_ltv")
    got = next(s["changes"][0] for s in ltv["suggestions"] if s["changes"][0]["field"] == "loan_amount")
    assert got["after"] == "1000000" and got["before"] == "1050000" and got["change_pct"] == "4.76"


@pytest.mark.parametrize("program", sorted(PROGRAMS))
def test_every_suggestion_verifies(program: str) -> None:
    """Re-decide each suggested loan: the named rule passes, and whole-loan changes leave no failure."""
    from generated.loan import Loan

    base = INVESTOR if "dscr" in program else OWNER
    data = {**base, **BIG_LOAN, "state": "NV", "credit_events": [event("fc", 20)], "housing_lates": [late(2)]}
    e = explain(PROGRAMS[program], BUNDLE.vocabulary, Loan.model_validate(data))
    assert e.status == "ineligible"
    for f in e.failed:
        for s in f.suggestions:
            d = evaluate(PROGRAMS[program], BUNDLE.vocabulary, Loan.model_validate(apply(data, s)))
            assert all(x.outcome in ("pass", "not_applicable") for x in d.findings if x.rule_id == f.rule_id), s.text
    for s in e.whole_loan:
        d = evaluate(PROGRAMS[program], BUNDLE.vocabulary, Loan.model_validate(apply(data, s)))
        assert d.status == s.status and not d.failed(), s.text


def apply(loan: dict[str, Any], s: Suggestion) -> dict[str, Any]:
    """The loan (JSON-like) with the suggestion's changes, as a loan officer would type them."""
    out = dict(loan)
    for c in s.changes:
        v = c.after
        out[c.field] = v.isoformat() if isinstance(v, dt.date) else (int(v) if isinstance(v, D) and v == int(v) else v)
    return out


def test_unleased_property_gets_the_market_rent_that_gives_the_dscr() -> None:
    e = run("harbor_dscr", INVESTOR, short_term_rental=True, lease_rent=None, market_rent=4_400)
    rent = single(failed(e, "short_term_rental").suggestions, "market_rent")
    assert rent.changes[0].after == D(4_600)  # 4,600 / 4,000 = 1.150
    assert rent.changes[0].text == "Raise the market rent (1007) to $4,600/month or more (now $4,400/month)"


def test_a_change_that_makes_a_check_unknown_is_no_fix() -> None:
    e = run("keystone_bank_statement", OWNER, **BIG_LOAN)
    fields = {c.field for f in e.failed for s in f.suggestions for c in s.changes}
    assert "appraised_value" not in fields and "purchase_price" not in fields  # $0 would make LTV unknown
    assert e.evaluations < 400


def test_an_or_reading_a_value_that_cannot_be_computed_is_fixed_only_through_that_value() -> None:
    """`dscr >= 0.750 or fico >= 720` with PITIA $0: DSCR cannot be computed, so the rule fails whatever the score
    (a requirement reading such a value is not met); raising the score is no fix (found by the explain property
    test: "Raise the credit score to 746" was offered and left the rule failing)."""
    e = run("harbor_dscr", INVESTOR, fico=745, pitia=0)
    f = failed(e, "min_dscr")
    assert "DSCR cannot be computed" in f.message and f.checks
    assert {c.field for s in f.suggestions for c in s.changes} == {"pitia"}
    assert single(f.suggestions, "pitia").changes[0].after == D(1)


def test_one_requirement_failing_both_halves_of_an_and(tmp_path: Path) -> None:
    """`require A and B` with A and B both false: no single change helps; the pairs are offered."""
    from generated.loan import Loan

    (tmp_path / "loan.fields").write_text((ROOT / "programs" / "loan.fields").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "strong.guideline").write_text(
        'program strong\n  title: "Strong"\n  investor: "Test"\n  family: "Test"\n  version: "1"\n'
        '  effective: 2026-01-01\n  source: "test"\n  seasoning_date: application_date\n\n'
        'rule strong_borrower "Strong borrower"\n  cite "§1"\n  require fico >= 720 and reserves_months >= 12 months\n',
        encoding="utf-8")
    bundle = check_paths([tmp_path]).bundle
    assert bundle is not None
    e = explain(bundle.programs[0], bundle.vocabulary, Loan.model_validate({**OWNER, "fico": 700, "liquid_assets": 30_000}))
    rule = failed(e, "strong_borrower")
    assert "No single change" in rule.note and "more than one reason" in rule.note
    pairs = {tuple((c.field, c.after) for c in s.changes) for s in rule.suggestions}
    assert pairs == {(("fico", 720), ("pitia", D(2_500))), (("fico", 720), ("liquid_assets", D(72_000)))}
