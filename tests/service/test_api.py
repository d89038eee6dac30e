"""The checker service's JSON API against the command line: every guideline-test scenario's loan checked over
HTTP gives the bytes `glc eval --format json` prints (the same `compiler.answers` function, and `glc eval` itself
for a few loans), `/v1/check` gives `glc eval --all`, `/explain` gives `glc explain`; the programs' listing and
details; the OpenAPI document validates; the published Decision schema fits every decision; parallel requests
give the serial answers; the access log is JSON lines."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from compiler.answers import decision_json, decisions_json
from compiler.loan_input import parse_loan, validate
from compiler.project import Project
from compiler.tools.scenarios import program_keys, read_test_files
from tests.seed_loans import INVESTOR, OWNER
from tests.service.server import GLC, Server, free_port

ROOT = Path(__file__).resolve().parents[2]
NEAR_MISS = ROOT / "examples" / "near_miss_loan.json"


def to_json(loan: dict[str, Any]) -> bytes:
    def default(x: Any) -> str:
        if isinstance(x, Decimal):
            return f"{x:f}"
        if isinstance(x, dt.date):
            return x.isoformat()
        raise TypeError(type(x).__name__)

    return json.dumps(loan, default=default).encode()


@cache
def project() -> tuple[Any, Any]:
    p = Project.find(ROOT)
    gen = p.import_generated()
    result = p.bundle()
    assert gen is not None and result.bundle is not None
    return gen, result.bundle


def scenario_requests() -> list[tuple[str, str, bytes]]:
    """(scenario, path with ?on= for an older version, body) for every scenario of programs/tests/."""
    _, bundle = project()
    scenarios, errors = read_test_files(sorted((ROOT / "programs" / "tests").rglob("*.yaml")), bundle)
    assert not errors
    keys = program_keys(bundle)
    out = []
    for s in scenarios:
        program = keys[s.program]
        on = "" if "@" not in s.program else f"?on={program.effective.isoformat()}"
        out.append((f"{s.where} {s.name}", f"/v1/programs/{program.id}/check{on}", to_json(s.loan)))
    return out


def expected(path: str, body: bytes) -> str:
    """What `glc eval` prints for this request: the CLI's own function, in process."""
    gen, bundle = project()
    loan = validate(parse_loan(body), gen.Loan, bundle.vocabulary)
    on = dt.date.fromisoformat(path.split("?on=")[1]) if "?on=" in path else None
    if path.startswith("/v1/check"):
        return decisions_json(gen.check_all(loan, on=on))
    program = path.split("/")[3]
    return decision_json(gen.check(program, loan, on=on))


def test_every_scenario_loan_checks_as_glc_eval(server: Server) -> None:
    requests = scenario_requests()
    assert len(requests) > 150
    for name, path, body in requests:
        got = server.post(path, body)
        assert got.status == 200, (name, got.body[:500])
        assert got.headers["content-type"] == "application/json"
        assert got.body.decode() == expected(path, body), name


def _glc(*args: str) -> str:
    out = subprocess.run([str(GLC), *args], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    return out.stdout


def test_check_check_all_and_explain_are_the_command_lines_bytes(server: Server, tmp_path: Path) -> None:
    (tmp_path / "owner.json").write_bytes(to_json(OWNER))
    runs = [
        ("/v1/check", NEAR_MISS, ["eval", "--all", "--format", "json"]),
        ("/v1/programs/keystone_bank_statement/check?on=2025-09-01", tmp_path / "owner.json",
         ["eval", "keystone_bank_statement", "--format", "json", "--on", "2025-09-01"]),
        ("/v1/programs/keystone_bank_statement/explain", NEAR_MISS, ["explain", "keystone_bank_statement", "--format", "json"]),
    ]
    with ThreadPoolExecutor(max_workers=3) as pool:
        printed = list(pool.map(lambda r: _glc(*r[2], str(r[1])), runs))
    for (path, loan, _), cli in zip(runs, printed, strict=True):
        got = server.post(path, loan.read_bytes())
        assert got.status == 200, got.body[:500]
        assert got.body.decode() == cli, path


def test_programs_listing_and_details(server: Server) -> None:
    gen, _ = project()
    listing = server.get("/v1/programs").json()
    assert [p["id"] for p in listing] == list(gen.PROGRAMS)
    keystone = next(p for p in listing if p["id"] == "keystone_bank_statement")
    assert keystone["investor"] == "Keystone Non-QM Capital" and keystone["kind"] == "program"
    assert keystone["abstract"] is False
    assert [v["version"] for v in keystone["versions"]] == ["2025.2", "2026.1"]
    acme = next(p for p in listing if p["id"] == "acme_bank_statement")
    assert acme["kind"] == "overlay" and acme["base"] == "keystone_bank_statement"
    detail = server.get("/v1/programs/keystone_bank_statement").json()
    assert detail["matrices"][0]["citation"] == "§2.1 Matrix A, p. 4"
    assert detail["matrices"][0]["cells"][0][0]["limits"] == {"max_ltv": "90", "max_cltv": "90"}
    assert all(r["citation"] for r in detail["rules"])
    assert {lim["id"] for lim in detail["limits"]} == {"max_ltv", "max_cltv", "max_loan_amount", "max_hcltv"}
    older = server.get("/v1/programs/keystone_bank_statement?on=2025-09-01").json()
    assert older["version"] == "2025.2"
    missing = server.get("/v1/programs/keystone_bank_statment")
    assert missing.status == 404 and missing.headers["content-type"] == "application/problem+json"
    assert "Did you mean `keystone_bank_statement`?" in missing.json()["detail"]


def test_health_readiness_and_headers(server: Server) -> None:
    assert server.get("/healthz").json() == {"status": "ok"}
    ready = server.get("/readyz")
    assert ready.status == 200 and ready.json()["programs"] == len(project()[0].PROGRAMS)
    page = server.get("/")
    assert page.status == 200 and "default-src 'none'" in page.headers["content-security-policy"]
    assert page.headers["x-content-type-options"] == "nosniff"


def test_openapi_document_validates_and_publishes_the_schemas(server: Server) -> None:
    from openapi_spec_validator import validate

    doc = server.get("/openapi.json").json()
    validate(doc)
    assert doc["openapi"].startswith("3.1")
    schemas = doc["components"]["schemas"]
    assert {"Loan", "Decision", "Problem"} <= set(schemas)
    assert "fico" in schemas["Loan"]["properties"]
    check = doc["paths"]["/v1/programs/{program_id}/check"]["post"]
    assert check["requestBody"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Loan"}
    assert "application/problem+json" in check["responses"]["422"]["content"]
    assert server.get("/docs").status == 200
    on_disk = json.loads((ROOT / "generated" / "schema" / "loan.schema.json").read_text(encoding="utf-8"))
    assert server.get("/schema/loan.schema.json").json() == on_disk
    assert set(on_disk["properties"]) == set(schemas["Loan"]["properties"])


def test_published_decision_schema_fits_every_decision() -> None:
    import jsonschema

    schema = json.loads((ROOT / "generated" / "schema" / "decision.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    loan_schema = jsonschema.Draft202012Validator(
        json.loads((ROOT / "generated" / "schema" / "loan.schema.json").read_text(encoding="utf-8")))
    n = 0
    for _, path, body in scenario_requests()[::12]:
        for d in json.loads(expected(path.replace(path.split("?")[0], "/v1/check"), body)):
            validator.validate(d)
            n += 1
    assert n > 80
    loan_schema.validate(OWNER)
    loan_schema.validate(INVESTOR)
    assert not loan_schema.is_valid({**OWNER, "occupancy": "castle"})
    bad = json.loads(decision_json(project()[0].check("keystone_bank_statement", project()[0].Loan())))
    bad["status"] = "maybe"
    assert not validator.is_valid(bad)


def test_parallel_requests_answer_as_serial_ones(server: Server) -> None:
    requests = scenario_requests()[::4] + [("all", "/v1/check", NEAR_MISS.read_bytes())] * 8
    requests += [("explain", "/v1/programs/keystone_bank_statement/explain", NEAR_MISS.read_bytes())] * 4
    serial = [server.post(path, body).body for _, path, body in requests]
    with ThreadPoolExecutor(max_workers=12) as pool:
        parallel = list(pool.map(lambda r: server.post(r[1], r[2]).body, requests * 2))
    assert parallel == serial * 2


def test_a_port_in_use_or_a_stale_generated_is_said_in_one_line(server: Server, tmp_path: Path) -> None:
    out = subprocess.run([str(GLC), "serve", "--port", str(server.port)], cwd=ROOT, capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 2 and out.stderr.strip() == (
        f"Cannot listen on 127.0.0.1:{server.port}: the port is in use; give another with --port.")
    project = tmp_path / "proj"
    project.mkdir()
    (project / "glc.toml").write_text("", encoding="utf-8")
    shutil.copytree(ROOT / "programs", project / "programs")
    out = subprocess.run([str(GLC), "serve", "--port", str(free_port())], cwd=project, capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 1 and out.stderr.strip() == "generated/ is missing or stale: run `glc build` first."


def test_access_log_is_json_lines(server: Server) -> None:
    server.get("/healthz?probe=1")
    lines = [json.loads(line) for line in server.log_text().splitlines() if line.strip()]
    access = [x for x in lines if "request_id" in x and "status" in x]
    assert any(x["path"] == "/healthz" and x["status"] == 200 and x["method"] == "GET" for x in access)
    assert all(isinstance(x["ms"], (int, float)) for x in access)


if __name__ == "__main__":
    sys.exit(pytest.main([__file__]))
