"""The checker service: the FastAPI application `glc serve` runs (`create_app`).

    GET  /v1/programs                      every program: id, title, investor, family, version, effective, kind
    GET  /v1/programs/{id}[?on=DATE]       its matrices, rules with citations and limits (the generated metadata)
    POST /v1/programs/{id}/check[?on=]     a loan (JSON) -> the Decision, byte for byte `glc eval --format json`
    POST /v1/check[?on=]                   every program, eligible first, by max LTV: `glc eval --all --format json`
    POST /v1/programs/{id}/explain[?on=]   the near misses: `glc explain --format json`
    GET  /openapi.json, /docs              the OpenAPI 3.1 document (Loan and Decision schemas) and a page for it
    GET  /schema/loan.schema.json, /schema/decision.schema.json   the JSON Schemas `glc build` writes
    GET  /healthz, /readyz                 alive; ready (programs loaded)
    GET, POST /                            the scenario desk (`compiler.service.desk`)

FastAPI (on uvicorn) rather than bare Starlette: the OpenAPI 3.1 document and its JSON Schemas come from the
pydantic models (the generated `Loan`, `DecisionModel`), the same models that validate. The loan is still read
by `compiler.loan_input` from the raw body (the tape spellings `glc eval` accepts, exact Decimals, the absurd
inputs refused with a sentence), so the answers are the command line's. Checking is CPU work: it runs in the
thread pool, on the `ProgramSet` the request started with (`compiler.service.registry`).
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from compiler.project import Project
from compiler.service import answer, openapi
from compiler.service.edge import Edge
from compiler.service.problems import MAX_BODY, TYPES, Problem, read_body, type_page
from compiler.service.registry import ProgramSet, Registry

JSON = "application/json"
ON = "The version in force on this date (YYYY-MM-DD), or `application` for the loan's application date; default: current."


def create_app(project: Project, *, watch: bool = True, interval: float = 1.0, max_body: int = MAX_BODY,
               registry: Registry | None = None) -> Any:
    """The ASGI application over the project's generated checkers, wrapped in `Edge` (access log, headers, the
    last-resort 500). `watch` reloads the programs when generated/ changes."""
    reg = registry or Registry(project, interval)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        if reg.current is None:
            await run_in_threadpool(reg.load)
        if watch:
            reg.watch()
        yield
        reg.stop()

    app = FastAPI(title="Guideline checkers", version="1", lifespan=lifespan, docs_url=None, redoc_url=None,
                  description=openapi.DESCRIPTION)
    app.state.registry = reg

    def programs() -> ProgramSet:
        ps = reg.current
        if ps is None:
            raise Problem(503, "not-ready", "Not ready", reg.problem or "The programs are still loading.")
        return ps

    async def answer_with(request: Request, work: Callable[[ProgramSet, bytes], str]) -> Response:
        ps = programs()  # the set this request uses to its end, whatever a reload does meanwhile
        body = await read_body(request, max_body)
        text = await run_in_threadpool(work, ps, body)
        return Response(text, media_type=JSON)

    @app.get("/healthz", tags=["service"], summary="Alive")
    def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/readyz", tags=["service"], summary="Ready: the programs are loaded",
             responses=openapi.problems(503))
    def readyz() -> dict[str, Any]:
        ps = programs()
        return {"status": "ready", "programs": len(ps.ids), "reloads": reg.reloads, "problem": reg.problem}

    @app.get("/v1/programs", tags=["programs"], summary="Every program")
    def list_programs() -> JSONResponse:
        ps = programs()
        return JSONResponse([answer.program_summary(ps, p) for p in ps.ids])

    @app.get("/v1/programs/{program_id}", tags=["programs"], summary="A program's matrices, rules and limits",
             responses=openapi.problems(400, 404, 422))
    def get_program(program_id: str, on: str | None = None) -> JSONResponse:
        return JSONResponse(answer.program_detail(programs(), program_id, on))

    @app.post("/v1/programs/{program_id}/check", tags=["decide"], summary="Decide a loan under one program",
              description="The Decision, exactly as `glc eval PROGRAM LOAN.json --format json` prints it. " + ON,
              openapi_extra=openapi.LOAN_BODY, responses=openapi.decision(400, 404, 413, 422))
    async def check(program_id: str, request: Request, on: str | None = None) -> Response:
        return await answer_with(request, lambda ps, body: answer.check(ps, program_id, body, on))

    @app.post("/v1/check", tags=["decide"], summary="Decide a loan under every program",
              description="Every program's Decision, eligible first, then by max LTV: `glc eval --all --format json`. "
                          + ON, openapi_extra=openapi.LOAN_BODY, responses=openapi.decisions(400, 413, 422))
    async def check_all(request: Request, on: str | None = None) -> Response:
        return await answer_with(request, lambda ps, body: answer.check_all(ps, body, on))

    @app.post("/v1/programs/{program_id}/explain", tags=["decide"], summary="Near misses: the smallest changes",
              description="For each failed rule and for the whole loan, the smallest verified changes that make it "
                          "pass: `glc explain PROGRAM LOAN.json --format json`. " + ON,
              openapi_extra=openapi.LOAN_BODY, responses=openapi.explanation(400, 404, 413, 422))
    async def explain(program_id: str, request: Request, on: str | None = None) -> Response:
        return await answer_with(request, lambda ps, body: answer.explain(ps, program_id, body, on))

    @app.get("/schema/{name}", tags=["service"], summary="The JSON Schemas glc build writes",
             responses=openapi.problems(404))
    def schema(name: str) -> Response:
        if name not in ("loan.schema.json", "decision.schema.json"):
            raise Problem(404, "about:blank", "Not Found", "The schemas are loan.schema.json and decision.schema.json.")
        path = project.generated / "schema" / name
        try:
            return Response(path.read_bytes(), media_type="application/schema+json")
        except OSError:
            raise Problem(404, "about:blank", "Not Found", f"generated/schema/{name} is missing: run `glc build`.") from None

    @app.get("/problems/{kind}", tags=["service"], summary="What a problem type means and what to do",
             response_class=HTMLResponse, responses=openapi.problems(404))
    def problem_type(kind: str) -> Response:
        page = type_page(kind)
        if page is None:
            raise Problem(404, "about:blank", "Not Found", f"No problem type `{kind[:60]}`; the types are "
                          + ", ".join(TYPES) + ".")
        return HTMLResponse(page)

    @app.exception_handler(Problem)
    async def on_problem(request: Request, exc: Problem) -> Response:
        return exc.response(request.url.path)

    @app.exception_handler(StarletteHTTPException)
    async def on_http(request: Request, exc: StarletteHTTPException) -> Response:
        detail = exc.detail if isinstance(exc.detail, str) else "The request cannot be answered."
        return Problem(exc.status_code, "about:blank", _reason(exc.status_code), detail).response(
            request.url.path, dict(exc.headers or {}))

    @app.exception_handler(RequestValidationError)
    async def on_invalid(request: Request, exc: RequestValidationError) -> Response:
        errors = [{"pointer": "/" + "/".join(str(x) for x in e.get("loc", ())), "detail": str(e.get("msg", ""))[:200]}
                  for e in exc.errors()[:20]]
        return Problem(400, "bad-parameter", "Bad request", "A parameter of the request is not valid.", errors).response(
            request.url.path)

    @app.exception_handler(Exception)
    async def on_bug(request: Request, exc: Exception) -> Response:  # Starlette re-raises it; `Edge` logs one line
        return Problem(500, "internal", "Internal error", "This is a bug in glc, not in the request; please report "
                       "it with the request that caused it.").response(request.url.path)

    def custom_openapi() -> dict[str, Any]:
        ps = reg.current
        return openapi.document(app, ps.gen.Loan if ps is not None else None)

    app.openapi = custom_openapi  # type: ignore[method-assign]

    from compiler.service import desk, docs_page

    desk.add_routes(app, programs, max_body)
    docs_page.add_routes(app)
    return Edge(app)


def _reason(status: int) -> str:
    from http import HTTPStatus

    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"


def openapi_json(app: Any) -> str:
    """The OpenAPI document of an application `create_app` made (for tests and tools)."""
    inner: Any = app.app if isinstance(app, Edge) else app
    return json.dumps(inner.openapi(), indent=2)
