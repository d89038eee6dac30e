"""Named reference lists (issue 16): the built-in lists' data against the standards, and `in <list>` decided by
all four executors (tests/oracles/four_engines.py: reference evaluator, generated check and check_fast, DuckDB),
which must agree, with the loan given as JSON codes, as labels, and on a tape.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from compiler import ir, ir_program
from compiler.driver import check_paths
from compiler.loan_input import normalise
from compiler.reference import builtin_lists
from compiler.runtime import Decision
from tests.oracles.four_engines import decide

ROOT = Path(__file__).resolve().parents[2]

PROGRAM = """\
program listed
  title: "Listed"
  investor: "Test"
  family: "Test"
  version: "1"
  effective: 2026-01-01
  source: "Test guide"
  seasoning_date: application_date

rule sanctioned "No borrowers from sanctioned countries"
  cite "§1"
  require citizenship_country not in ofac_countries

rule territories "No properties outside the states and DC"
  cite "§2"
  require residence_state not in us_territories
  allow residence_state is PR when occupancy is primary

matrix grid "Max LTV"
  cite "§3"
  gives max_ltv
  rows citizenship_country
  | Citizenship            | Max LTV |
  | US                     | 80%     |
  | CA, MX                 | 75%     |
"""

LOAN: dict[str, Any] = {
    "application_date": "2026-03-14", "occupancy": "primary", "purpose": "purchase", "property_type": "sfr",
    "loan_amount": 500_000, "purchase_price": 1_000_000, "appraised_value": 1_000_000,
    "citizenship_country": "US", "residence_state": "TX",
}

_BUNDLES: dict[str, ir_program.Bundle] = {}


def _bundle(tmp: Path) -> ir_program.Bundle:
    if not _BUNDLES:
        folder = tmp / "programs"
        folder.mkdir()
        shutil.copy(ROOT / "programs" / "loan.fields", folder / "loan.fields")
        (folder / "listed.guideline").write_text(PROGRAM, encoding="utf-8")
        result = check_paths([folder])
        assert result.bundle is not None, [d.message for d in result.diagnostics]
        _BUNDLES["listed"] = result.bundle
    return _BUNDLES["listed"]


def _decide(tmp: Path, **loan: Any) -> Decision:
    return decide(_bundle(tmp), "listed", LOAN | loan, tmp)


def _outcome(d: Decision, rule: str) -> str:
    return next(f.outcome for f in d.findings if f.rule_id == rule)


# ------------------------------------------------------------------ the data


def test_countries_are_the_249_of_iso_3166_1() -> None:
    countries = builtin_lists()["countries"]
    assert len(countries.codes) == 249 == len(set(countries.codes))
    assert all(len(c) == 2 and c.isupper() for c in countries.codes)
    named = dict(zip(countries.codes, countries.labels, strict=True))
    assert named["US"] == "United States"
    assert named["CA"] == "Canada"
    assert named["KP"] == "Korea, Democratic People's Republic of"
    assert named["CI"] == "Côte d'Ivoire"
    assert "iso-codes" in countries.source


def test_us_lists_are_iso_3166_2_us() -> None:
    lists = builtin_lists()
    assert len(lists["us_states"].codes) == 50
    assert "DC" not in lists["us_states"].codes and "CA" in lists["us_states"].codes
    assert len(lists["us_states_and_dc"].codes) == 51
    assert lists["us_territories"].codes == ("AS", "GU", "MP", "PR", "UM", "VI")
    assert len(lists["us_jurisdictions"].codes) == 57
    assert dict(zip(lists["us_jurisdictions"].codes, lists["us_jurisdictions"].labels, strict=True))["PR"] == "Puerto Rico"


def test_a_field_typed_by_a_list_takes_its_codes_and_names(tmp_path: Path) -> None:
    vocab = _bundle(tmp_path).vocabulary
    f = vocab.field("citizenship_country")
    assert f is not None and len(f.type.values) == 249 and f.type.labels[f.type.values.index("MX")] == "Mexico"
    ofac = next(x for x in vocab.lists if x.name == "ofac_countries")
    assert ofac.source == "countries" and "IR" in ofac.codes and ofac.labels[ofac.codes.index("IR")] == "Iran, Islamic Republic of"


def test_in_a_list_lowers_to_a_membership_naming_the_list(tmp_path: Path) -> None:
    p = next(p for p in _bundle(tmp_path).programs if p.id == "listed")
    rule = next(r for r in p.rules if r.id == "sanctioned")
    test = rule.requirements[0].test
    assert isinstance(test, ir.InSet) and test.negated and test.list_name == "ofac_countries"
    assert set(test.values) == {"CU", "IR", "KP", "SY"}


# ------------------------------------------------------------------ decisions, four executors


@pytest.mark.parametrize(("country", "outcome"), [("US", "pass"), ("IR", "fail"), ("KP", "fail"), ("CA", "pass")])
def test_not_in_a_declared_list(tmp_path: Path, country: str, outcome: str) -> None:
    assert _outcome(_decide(tmp_path, citizenship_country=country), "sanctioned") == outcome


@pytest.mark.parametrize(("given", "code"), [("Syrian Arab Republic", "SY"), ("korea, republic of", "KR"), ("ca", "CA")])
def test_a_label_is_read_as_its_code(tmp_path: Path, given: str, code: str) -> None:
    loan = normalise(LOAN | {"citizenship_country": given}, _bundle(tmp_path).vocabulary)
    assert loan["citizenship_country"] == code
    assert _outcome(decide(_bundle(tmp_path), "listed", loan, tmp_path), "sanctioned") == ("fail" if code == "SY" else "pass")


def test_an_unknown_country_needs_data(tmp_path: Path) -> None:
    d = _decide(tmp_path, citizenship_country=None)
    assert _outcome(d, "sanctioned") == "missing" and d.status == "needs_info"


@pytest.mark.parametrize(("state", "occupancy", "outcome"),
                         [("TX", "primary", "pass"), ("DC", "investment", "pass"), ("GU", "primary", "fail"),
                          ("PR", "primary", "pass"), ("PR", "investment", "fail"), ("VI", "second_home", "fail")])
def test_not_in_a_built_in_list(tmp_path: Path, state: str, occupancy: str, outcome: str) -> None:
    assert _outcome(_decide(tmp_path, residence_state=state, occupancy=occupancy), "territories") == outcome


@pytest.mark.parametrize(("country", "ltv", "status"), [("US", "80", "eligible"), ("MX", "75", "eligible"),
                                                         ("FR", None, "ineligible")])
def test_a_list_typed_field_keys_a_matrix(tmp_path: Path, country: str, ltv: str | None, status: str) -> None:
    d = _decide(tmp_path, citizenship_country=country, loan_amount=500_000)
    limit = d.limit("max_ltv")
    assert (str(limit.value) if limit is not None and limit.value is not None else None) == ltv
    if status == "eligible":
        assert d.status == "eligible"
    else:
        assert d.status != "eligible"


def test_a_tape_reads_names_and_codes(tmp_path: Path) -> None:
    """Tape cells may give a list-typed field's code or its name, any case (DuckDB reads the tape)."""
    from compiler.screen.engines import connect, plan, run_duckdb

    bundle = _bundle(tmp_path)
    tape = tmp_path / "tape.csv"
    rows = [("L1", "Iran, Islamic Republic of", "TX"), ("L2", "canada", "puerto rico"), ("L3", "US", "GU")]
    header = ["loan_id", *LOAN, "citizenship_country", "residence_state"]
    lines = [",".join(header)] + [",".join([lid, *(str(v) for k, v in LOAN.items() if k not in ("citizenship_country", "residence_state")),
                                            f'"{c}"', f'"{s}"']) for lid, c, s in rows]
    header = [h for h in header if h not in ("citizenship_country", "residence_state")] + ["citizenship_country", "residence_state"]
    tape.write_text("\n".join([",".join(header), *lines[1:]]) + "\n", encoding="utf-8")
    con = connect()
    p = plan(con, bundle, tape, ["listed"], None)
    got = {r["loan_id"]: r for batch in run_duckdb(con, p) for r in batch.to_pylist()}
    assert got["L1"]["status"] == "ineligible" and "sanctioned" in str(got["L1"])
    assert got["L2"]["status"] == "eligible"  # Canada, Puerto Rico as a primary residence
    assert got["L3"]["status"] == "ineligible"  # Guam


@pytest.mark.parametrize(("before", "where"), [("  require citizenship_country not in ", "reference"),
                                               ("  type: one of ", "reference"),
                                               ('list sanctioned "Sanctioned" of ', "reference"),
                                               ("  require state in (", "choices")])
def test_completion_offers_reference_lists_after_in(before: str, where: str) -> None:
    from compiler.lsp.completion import context

    assert context(before)[0] == where
