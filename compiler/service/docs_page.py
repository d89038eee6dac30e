"""`/docs`: the API's interactive page, written from the OpenAPI document, served from the package (the usual
Swagger UI comes from a CDN, which the machines this runs on cannot reach, and would need a looser CSP).

Each operation is listed with its method, path, summary, description, parameters and responses; an operation
that takes a loan has a text box and a Send button (`static/docs.js`, a few lines of `fetch`) that show the answer.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.responses import HTMLResponse

EXAMPLE = '{\n  "application_date": "2026-03-14", "fico": 705, "loan_amount": 1050000,\n  "purchase_price": 1250000, ' \
          '"appraised_value": 1250000,\n  "occupancy": "primary", "purpose": "purchase", "property_type": "sfr"\n}'


def operations(doc: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for path, item in doc.get("paths", {}).items():
        for method, op in item.items():
            out.append({"method": method.upper(), "path": path, "summary": op.get("summary", ""),
                        "description": op.get("description", ""), "id": op.get("operationId", f"{method}{path}"),
                        "parameters": [{"name": p["name"], "in": p["in"], "required": p.get("required", False)}
                                       for p in op.get("parameters", [])],
                        "responses": sorted(op.get("responses", {})), "body": "requestBody" in op})
    return out


def add_routes(app: FastAPI) -> None:
    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        from compiler.service.desk import _templates

        doc = app.openapi()
        return HTMLResponse(_templates().get_template("docs.html.j2").render(
            title=doc["info"]["title"], description=doc["info"].get("description", ""), ops=operations(doc),
            example=EXAMPLE))
