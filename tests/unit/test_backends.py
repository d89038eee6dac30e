"""`compiler.backends.BACKENDS`: the one list of back ends, each a function from the checked IR to files."""

from __future__ import annotations

from pathlib import Path

from compiler.backends import BACKENDS, Place
from compiler.driver import check_paths

ROOT = Path(__file__).resolve().parents[2]
BUNDLE = check_paths([ROOT / "programs"]).bundle
assert BUNDLE is not None


def test_the_registry_lists_every_back_end_and_what_glc_build_writes() -> None:
    assert list(BACKENDS) == ["python", "docs", "sql", "schema"]
    assert [b.name for b in BACKENDS.values() if b.built] == ["python", "docs", "schema"]
    assert BACKENDS["python"].place is Place.package and BACKENDS["docs"].place is Place.project
    assert BACKENDS["schema"].place is Place.package


def test_each_back_end_turns_the_bundle_into_files() -> None:
    assert BUNDLE is not None
    python = BACKENDS["python"](BUNDLE)
    assert {"__init__.py", "loan.py", "_runtime/__init__.py", "keystone_bank_statement_meta.py"} <= set(python)
    assert "docs/index.md" in BACKENDS["docs"](BUNDLE)
    sql = BACKENDS["sql"](BUNDLE)
    assert sorted(sql) == sorted(f"{p.id}.sql" for p in BUNDLE.programs)
    assert all("tape_rows" in text for text in sql.values())
    schema = BACKENDS["schema"](BUNDLE)
    assert sorted(schema) == ["schema/decision.schema.json", "schema/loan.schema.json"]
    assert schema == BACKENDS["schema"](BUNDLE)  # deterministic bytes


def test_the_loan_schema_is_the_generated_models() -> None:
    """`schema/loan.schema.json` is what the generated `Loan` model (the committed generated/loan.py) says."""
    import json

    from compiler.project import Project

    gen = Project.find(ROOT).import_generated()
    assert gen is not None and BUNDLE is not None
    schema = json.loads(BACKENDS["schema"](BUNDLE)["schema/loan.schema.json"])
    assert schema == json.loads(json.dumps(gen.Loan.model_json_schema()))
    assert schema["properties"]["fico"]["title"] == "Credit score" and schema["additionalProperties"] is False


def test_the_sql_files_are_the_queries_glc_screen_runs(tmp_path: Path) -> None:
    """`glc screen --all` runs exactly these queries over its typed tape table, and DuckDB accepts each."""
    from compiler.screen.engines import connect, plan
    from compiler.screen.sample import write_sample

    assert BUNDLE is not None
    tape = tmp_path / "tape.csv"
    write_sample(BUNDLE, tape, 20, 1, 0.0, False)
    con = connect()
    ids = [p.id for p in BUNDLE.programs]
    screened = plan(con, BUNDLE, tape, ids, None)
    sql = BACKENDS["sql"](BUNDLE)
    assert [sql[f"{i}.sql"].rstrip("\n") for i in ids] == screened.queries
    assert all(len(con.sql(sql[f"{i}.sql"]).fetchall()) == 20 for i in ids)
