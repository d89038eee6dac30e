"""The scenario desk at `/`: a loan officer enters a loan and sees, for every program, what it decides and why.

The form is generated from the vocabulary of the loaded programs (`loan.fields`: each field's title, unit,
choices with their labels, range, description as help text, grouped by its section); list fields (credit
events, late payments) get a few rows of their record's fields. Submitting is a plain form POST to `/` that the
server answers with the page again, the answers on top: it works without script. No script at all is used.

Values are read exactly as `glc eval` reads a loan file (`compiler.loan_input.validate`: "$1.2M", "80%",
"03/15/2026" are fine); a wrong value is shown beside its field. For each program (the order of `check_all`):
eligible / ineligible / needs info, the max LTV and CLTV with the matrix cell and every reduction or cap that
applied (with citations), the failed rules in plain words, the data to supply and the smallest change that would
make the loan eligible (`glc explain`). Every text on the page is escaped by Jinja's autoescape; the page sends a
strict Content-Security-Policy (`compiler.service.edge`).
"""

from __future__ import annotations

import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import Any

import jinja2
from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from compiler import ir, ir_program, ir_types
from compiler.service.problems import Problem, read_body
from compiler.service.registry import ProgramSet
from compiler.wording import fmt_amount

ROWS = 2  # rows offered for each list field (credit events, late payments)
SHOWN_LIMITS = ("max_ltv", "max_cltv")
STATUS = {"eligible": "Eligible", "ineligible": "Ineligible", "needs_info": "Needs info"}
STATIC = {"desk.css": "text/css; charset=utf-8", "docs.css": "text/css; charset=utf-8",
          "docs.js": "text/javascript; charset=utf-8"}


@dataclass
class Input:
    """One input of the form."""

    name: str  # the form name: `fico`, `credit_events.0.kind`
    title: str
    kind: str  # the vocabulary's type kind
    unit: str
    help: str
    choices: list[tuple[str, str]] = field(default_factory=list)  # (value, label)
    hint: str = ""  # the range, in the field's unit
    value: str = ""
    error: str = ""

    @property
    def id(self) -> str:
        return "f-" + self.name.replace(".", "-")


@dataclass
class ListInput:
    name: str
    title: str
    help: str
    rows: list[list[Input]]


@dataclass
class Section:
    title: str
    inputs: list[Input | ListInput]


def _input(f: ir.Field, name: str) -> Input:
    t = f.type
    choices = list(zip(t.values, t.labels or t.values, strict=False)) if t.kind == "enum" else []
    if t.kind == "yesno":
        choices = [("yes", "Yes"), ("no", "No")]
    hint = f.range.label if f.range is not None else ""
    return Input(name, f.title, t.kind, t.unit, f.description, choices, hint)


def form(vocabulary: ir_program.Vocabulary) -> list[Section]:
    """The form's sections, in the vocabulary's order."""
    sections: dict[str, Section] = {}
    records = {r.name: r for r in vocabulary.records}
    for f in vocabulary.fields:
        sec = sections.setdefault(f.section or "Loan", Section(f.section or "Loan", []))
        if f.type.kind == "list":
            rec = records.get(f.type.record)
            if rec is None:
                continue
            rows = [[_input(sub, f"{f.name}.{i}.{sub.name}") for sub in rec.fields] for i in range(ROWS)]
            sec.inputs.append(ListInput(f.name, f.title, f.description, rows))
        else:
            sec.inputs.append(_input(f, f.name))
    return list(sections.values())


def _each(sections: list[Section]) -> list[Input]:
    out: list[Input] = []
    for s in sections:
        for i in s.inputs:
            out.extend(x for row in i.rows for x in row) if isinstance(i, ListInput) else out.append(i)
    return out


def loan_data(sections: list[Section], pairs: list[tuple[str, str]]) -> dict[str, Any]:
    """The loan of a submitted form (values kept as the officer typed them; `validate` reads them), and the form
    filled in with them."""
    given = {k: v.strip() for k, v in pairs}
    data: dict[str, Any] = {}
    for s in sections:
        for inp in s.inputs:
            if isinstance(inp, ListInput):
                items = []
                for row in inp.rows:
                    item = {}
                    for x in row:
                        x.value = given.get(x.name, "")[:200]
                        if x.value:
                            item[x.name.rsplit(".", 1)[1]] = _value(x)
                    if item:
                        items.append(item)
                if items:
                    data[inp.name] = items
                continue
            inp.value = given.get(inp.name, "")[:200]
            if inp.value:
                data[inp.name] = _value(inp)
    return data


def _value(x: Input) -> Any:
    if x.kind == "yesno":
        return {"yes": True, "no": False}.get(x.value, x.value)
    return x.value


@dataclass
class Row:
    """One program's answer on the page."""

    id: str
    title: str
    version: str
    status: str
    limits: list[dict[str, Any]]
    failed: list[dict[str, str]]
    missing: list[dict[str, str]]
    reviews: list[dict[str, str]]
    change: str = ""
    change_details: list[str] = field(default_factory=list)
    summary: str = ""
    checks: list[str] = field(default_factory=list)  # data to check before any change (a value cannot be computed)


def answers(ps: ProgramSet, loan: Any, day: Any) -> list[Row]:
    """What every program decides (the order of `check_all`), with the smallest change from `explain`."""
    from compiler.service.answer import explain_loan

    limits = {lim.id: lim for lim in ps.bundle.vocabulary.limits}
    rows = []
    for d in ps.gen.check_all(loan, on=day):
        meta = ps.meta(d.program.id, day)
        cites = {m.id: m.citation for m in meta.matrices} | {r.id: r.citation for r in meta.rules}
        matrices = {m.id for m in meta.matrices}
        shown = []
        for lim in d.limits:
            if lim.limit not in SHOWN_LIMITS:
                continue
            kind = limits[lim.limit].type if lim.limit in limits else None

            def fmt(v: Decimal, k: ir_types.Type | None = kind) -> str:
                return fmt_amount(v, k.kind, k.unit) if k is not None else str(v)

            shown.append({
                "id": lim.limit, "title": lim.title, "value": fmt(lim.value) if lim.value is not None and lim.value.is_finite()
                else "unknown" if lim.state == "unknown" else "none",
                "binding": lim.binding_rule, "description": lim.description,
                "steps": [{"what": "matrix cell" if c.rule_id in matrices else "reduction or cap", "rule": c.rule_id,
                           "value": fmt(c.value) if c.value.is_finite() else "none", "text": c.description,
                           "citation": cites.get(c.rule_id, "")} for c in lim.candidates],
            })
        row = Row(d.program.id, d.program.title, d.program.version, d.status, shown,
                  [{"rule": f.rule_id, "title": f.title, "message": f.message, "citation": f.citation}
                   for f in d.findings if f.outcome == "fail"],
                  [{"rule": f.rule_id, "title": f.title, "message": f.message, "citation": f.citation}
                   for f in d.findings if f.outcome == "missing"],
                  [{"rule": f.rule_id, "title": f.title, "message": f.message, "citation": f.citation}
                   for f in d.findings if f.outcome == "review"])
        if d.status == "ineligible":
            try:
                e = explain_loan(ps, d.program.id, loan, day)
            except Problem:
                e = None
            if e is not None:
                row.summary = e.summary
                row.checks = [c.text for c in e.checks]
                if e.whole_loan:
                    best = e.whole_loan[0]
                    row.change = best.change
                    row.change_details = [x.detail for x in best.effects]
        rows.append(row)
    return rows


@cache
def _templates() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.PackageLoader("compiler.service", "templates"), autoescape=True,
                              undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)


@cache
def static_file(name: str) -> bytes:
    return (resources.files("compiler.service") / "static" / name).read_bytes()


def render(ps: ProgramSet, pairs: list[tuple[str, str]] | None, problem: str = "") -> tuple[str, int]:
    """The page, and its HTTP status: 200, or 422 when the loan's values are wrong (shown beside their fields)."""
    sections = form(ps.bundle.vocabulary)
    rows: list[Row] | None = None
    on = ""
    if pairs is not None and not problem:
        data = loan_data(sections, pairs)
        on = dict(pairs).get("on", "").strip()[:40]
        rows, problem = _decide(ps, sections, data, on)
    elif pairs is not None:
        loan_data(sections, pairs)
    page = _templates().get_template("desk.html.j2").render(
        sections=sections, rows=rows, problem=problem, on=on, programs=len(ps.ids), submitted=pairs is not None,
        labels=STATUS)
    return page, 422 if problem else 200


def _decide(ps: ProgramSet, sections: list[Section], data: dict[str, Any], on: str) -> tuple[list[Row] | None, str]:
    from compiler.loan_input import LoanProblems, validate
    from compiler.service.answer import check_on, day_of

    try:
        loan = validate(data, ps.gen.Loan, ps.bundle.vocabulary)
    except LoanProblems as exc:
        by_name = {x.name: x for x in _each(sections)}
        for p in exc.problems:
            name = p.path.replace("[", ".").replace("]", "")
            if name in by_name:
                by_name[name].error = str(p)
        n = len(exc.problems)
        return None, f"The loan has {n:,} problem{'s' if n != 1 else ''}: see the fields marked below."
    try:
        check_on(on or None)
        day = day_of(on or None, loan)
    except Problem as p:
        return None, p.detail
    rows = answers(ps, loan, day)
    if not rows:
        return None, f"No program has a version in force on {day}."
    return rows, ""


def add_routes(app: FastAPI, programs: Callable[[], ProgramSet], max_body: int) -> None:
    @app.get("/", include_in_schema=False)
    async def desk() -> HTMLResponse:
        page, status = await run_in_threadpool(render, programs(), None)
        return HTMLResponse(page, status_code=status)

    @app.post("/", include_in_schema=False)
    async def desk_post(request: Request) -> HTMLResponse:
        ps = programs()
        body = await read_body(request, max_body)
        try:
            pairs = urllib.parse.parse_qsl(body.decode("utf-8"), keep_blank_values=True, strict_parsing=False,
                                           max_num_fields=1000, errors="strict")
        except (UnicodeDecodeError, ValueError):
            page, _ = await run_in_threadpool(render, ps, [], "The form could not be read; send it again.")
            return HTMLResponse(page, status_code=400)
        page, status = await run_in_threadpool(render, ps, pairs)
        return HTMLResponse(page, status_code=status)

    @app.get("/static/{name}", include_in_schema=False)
    def static(name: str) -> Response:
        if name not in STATIC:
            raise Problem(404, "about:blank", "Not Found", "No such file.")
        return Response(static_file(name), media_type=STATIC[name], headers={"cache-control": "max-age=3600"})
