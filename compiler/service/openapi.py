"""The service's OpenAPI 3.1 document: FastAPI's, with the `Loan` schema of the generated model (the body every
decide endpoint takes), `Decision` (`compiler.backends.schema.DecisionModel`) and `Problem` (RFC 9457) as
components, and the problem responses of each operation.
"""

from __future__ import annotations

from typing import Any

from fastapi.openapi.utils import get_openapi
from pydantic import BaseModel, ConfigDict, Field

from compiler.backends.schema import DecisionModel
from compiler.service.problems import PROBLEM_JSON

DESCRIPTION = """Underwriting guidelines compiled by glc, as a service: send a loan as JSON, get the Decision
(status, every rule's finding with its citation, the limits with the matrix cell, reductions and caps that set
them, conditions, derived values), exactly as `glc eval --format json` prints it.

Money, percents and ratios travel as exact decimals: send numbers or strings (`"1,200,000"`, `"$1.2M"`, `"80%"`,
`"Primary"`, `"Y"`, `"03/15/2026"` and `"N/A"` are read as a tape writes them); Decisions give them as strings.
A field left out is unknown: a rule that needs it answers `missing`, and the loan `needs_info`.

Errors are `application/problem+json` (RFC 9457); a loan whose values are wrong gets 422 with `errors`, one per
value (JSON pointer, field, what was given and what is expected)."""

REF = "#/components/schemas/{model}"


class ProblemError(BaseModel):
    """One bad value of a loan."""

    model_config = ConfigDict(extra="forbid")

    pointer: str = Field(description="JSON pointer to the value in the request body (/credit_events/0/completed_on).")
    field: str | None = Field(default=None, description="The field's path, as the loan names it.")
    title: str | None = Field(default=None, description="The field's title; empty for a name the loan does not have.")
    given: str | None = None
    expected: str | None = None
    detail: str


class Problem(BaseModel):
    """RFC 9457 problem details."""

    model_config = ConfigDict(extra="forbid")

    type: str = Field(description="/problems/not-a-loan, invalid-loan, bad-parameter, not-in-force, "
                                  "unknown-program, too-large, not-ready, internal; or about:blank.")
    title: str
    status: int
    detail: str
    instance: str
    errors: list[ProblemError] | None = None


LOAN_BODY: dict[str, Any] = {"requestBody": {
    "required": True,
    "description": "The loan: the generated `Loan` model's fields (every one optional; left out is unknown).",
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Loan"}}},
}}

_WHY = {400: "The body is not a loan, or a parameter is wrong", 404: "No such program",
        413: "The body is too large", 422: "The loan has values its fields do not take, or no version is in force",
        503: "Not ready: no programs loaded"}


def problems(*codes: int) -> dict[int | str, dict[str, Any]]:
    return {code: {"description": _WHY[code],
                   "content": {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/Problem"}}}} for code in codes}


def _ok(description: str, schema: dict[str, Any], *codes: int) -> dict[int | str, dict[str, Any]]:
    return {200: {"description": description, "content": {"application/json": {"schema": schema}}}, **problems(*codes)}


def decision(*codes: int) -> dict[int | str, dict[str, Any]]:
    return _ok("The Decision", {"$ref": "#/components/schemas/Decision"}, *codes)


def decisions(*codes: int) -> dict[int | str, dict[str, Any]]:
    return _ok("Every program's Decision", {"type": "array", "items": {"$ref": "#/components/schemas/Decision"}}, *codes)


def explanation(*codes: int) -> dict[int | str, dict[str, Any]]:
    return _ok("The explanation: status, summary, the failed rules with their smallest changes, the changes that "
               "make the whole loan eligible, the fields to supply", {"type": "object"}, *codes)


def _components(model: Any, name: str, mode: str = "validation") -> dict[str, Any]:
    """The model's schema and its $defs, as components (refs rewritten to #/components/schemas/...)."""
    schema: dict[str, Any] = model.model_json_schema(ref_template=REF, mode=mode)
    defs = schema.pop("$defs", {})
    return {**defs, name: schema}


def document(app: Any, loan: Any) -> dict[str, Any]:
    """The OpenAPI document (built once per set of programs: the Loan schema changes with the vocabulary)."""
    cached = getattr(app.state, "openapi_doc", None)
    if cached is not None and cached[0] is loan:
        return cached[1]  # type: ignore[no-any-return]
    doc = get_openapi(title=app.title, version=app.version, openapi_version=app.openapi_version,
                      description=app.description, routes=app.routes)
    schemas = doc.setdefault("components", {}).setdefault("schemas", {})
    if loan is not None:
        schemas.update(_components(loan, "Loan"))
    else:
        schemas["Loan"] = {"type": "object", "description": "No programs are loaded yet."}
    schemas.update(_components(DecisionModel, "Decision", "serialization"))
    schemas.update(_components(Problem, "Problem"))
    app.state.openapi_doc = (loan, doc)
    return doc
