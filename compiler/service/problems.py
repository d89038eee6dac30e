"""Errors as RFC 9457 problem details (`application/problem+json`), and the request body read with a size limit.

Every error the service gives is a `Problem`: a status, a short title, a detail sentence for people and, for a
loan whose values are wrong, `errors`, one entry per value (JSON pointer, field, its title, what was given and
what is expected: the lines `glc eval` prints). Bad input is always a 4xx; a 5xx means a bug in glc, says so,
and carries no traceback (the log gets one line naming the exception's type).

Problem types (relative URIs, resolved against the service; each one answers `GET` with a page saying what it
means and what to do: `TYPES`, served by `type_page`):

    /problems/not-a-loan      400  the body cannot be a loan at all (not JSON, not an object, nested too deeply,
                                   a number of thousands of digits, not UTF-8, empty)
    /problems/invalid-loan    422  the loan was read, but some values are not what their fields take (`errors`)
    /problems/bad-parameter   400  a query parameter is wrong (`on` not a date)
    /problems/not-in-force    422  the program has no version in force on the date asked for
    /problems/unknown-program 404  no program with that id
    /problems/too-large       413  the body is larger than the limit (refused before it is read)
    /problems/not-ready       503  no programs loaded (generated/ missing or stale): run `glc build`
    /problems/internal        500  a bug in glc
"""

from __future__ import annotations

import json
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

PROBLEM_JSON = "application/problem+json"
MAX_BODY = 1_000_000  # bytes; a loan is a few kilobytes

# kind -> (status, title, what it means and what to do): the pages `/problems/<kind>` serve
TYPES: dict[str, tuple[int, str, str]] = {
    "not-a-loan": (400, "The body is not a loan",
                   "The request body could not be read as a loan at all: it is not JSON, not a JSON object, nested "
                   "too deeply, empty, not UTF-8, or holds a number of thousands of digits. Send one loan as a JSON "
                   "object, as `generated/schema/loan.schema.json` describes."),
    "invalid-loan": (422, "The loan has values its fields do not take",
                     "The loan was read, but some values are not what their fields take. `errors` lists each one: "
                     "its JSON pointer, the field and its title, what was given and what is expected. Correct those "
                     "values and send the loan again."),
    "bad-parameter": (400, "Bad request", "A query parameter is wrong, e.g. `on` is not a date (YYYY-MM-DD) or "
                      "`application`. `errors` names the parameter."),
    "not-in-force": (422, "No version in force", "The program has no version in force on the date asked for "
                     "(`on`, or the loan's application date). `GET /v1/programs/{id}` lists its versions."),
    "unknown-program": (404, "No such program", "No program has that id. `GET /v1/programs` lists them."),
    "too-large": (413, "Request body too large", f"The body is over the service's limit ({MAX_BODY:,} bytes by "
                  "default); a loan is a JSON object of a few kilobytes."),
    "not-ready": (503, "Not ready", "No programs are loaded: `generated/` is missing or older than the programs. "
                  "Run `glc build` where the service runs; `GET /readyz` says when it is ready."),
    "internal": (500, "Internal error", "A bug in glc, not in the request. Report it with the request that caused "
                 "it; the service's log has one line naming the error."),
}


def type_page(kind: str) -> str | None:
    """The HTML page of a problem type, or None when there is no such type."""
    import html

    found = TYPES.get(kind)
    if found is None:
        return None
    status, title, text = found
    e = html.escape
    return (f'<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>{e(title)}</title>'
            f'<meta name="viewport" content="width=device-width, initial-scale=1"></head>\n<body>'
            f"<h1>{e(title)}</h1>\n<p>HTTP status {status}. Problem type <code>/problems/{e(kind)}</code> "
            f"(RFC 9457 problem details, <code>{PROBLEM_JSON}</code>).</p>\n<p>{e(text)}</p>\n</body></html>\n")


class Problem(Exception):
    """An error answer: an RFC 9457 problem."""

    def __init__(self, status: int, kind: str, title: str, detail: str, errors: list[dict[str, str]] | None = None) -> None:
        super().__init__(detail)
        self.status = status
        self.kind = kind
        self.title = title
        self.detail = detail
        self.errors = errors

    def body(self, instance: str) -> dict[str, Any]:
        data: dict[str, Any] = {"type": f"/problems/{self.kind}" if self.kind != "about:blank" else "about:blank",
                                "title": self.title, "status": self.status, "detail": self.detail,
                                "instance": instance[:200]}
        if self.errors is not None:
            data["errors"] = self.errors
        return data

    def response(self, instance: str, headers: dict[str, str] | None = None) -> Response:
        return problem_response(self.body(instance), self.status, headers)


def problem_response(body: dict[str, Any], status: int, headers: dict[str, str] | None = None) -> Response:
    text = json.dumps(body, indent=2, ensure_ascii=False) + "\n"
    return Response(text, status_code=status, media_type=PROBLEM_JSON, headers=headers)


def too_large(limit: int) -> Problem:
    return Problem(413, "too-large", "Request body too large",
                   f"The body is over {limit:,} bytes; a loan is a JSON object of a few kilobytes.")


async def read_body(request: Request, limit: int = MAX_BODY) -> bytes:
    """The request body, refused (413) as soon as it is known to be over `limit` bytes: from its Content-Length
    before reading anything, else while it streams in (a chunked body), never reading more than limit + one chunk."""
    declared = request.headers.get("content-length")
    if declared is not None:
        if not declared.isdigit():
            raise Problem(400, "about:blank", "Bad Content-Length", "The Content-Length header is not a number.")
        if int(declared) > limit:
            raise too_large(limit)
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise too_large(limit)
        chunks.append(chunk)
    return b"".join(chunks)


def loan_problems(problems: list[Any]) -> Problem:
    """The 422 for a loan whose values are wrong: `compiler.loan_input.Problem`s, one entry each."""
    errors = [{"pointer": _pointer(p.path), "field": p.path, "title": p.label, "given": p.given, "expected": p.expected,
               "detail": str(p)} for p in problems[:100]]
    n = len(problems)
    more = f" (the first {len(errors)} are listed)" if n > len(errors) else ""
    return Problem(422, "invalid-loan", "The loan has values its fields do not take",
                   f"The loan has {n:,} problem{'s' if n != 1 else ''}{more}.", errors)


def _pointer(path: str) -> str:
    """`credit_events[0].completed_on` as a JSON pointer: `/credit_events/0/completed_on`."""
    parts: list[str] = []
    for piece in path.replace("]", "").split("."):
        parts.extend(x for x in piece.split("[") if x != "")
    return "/" + "/".join(p.replace("~", "~0").replace("/", "~1") for p in parts)
