"""The outermost layer (`compiler.service.edge.Edge`): a bug anywhere below answers 500 as a problem without a
traceback, is logged as one JSON line naming only the exception's type, and goes no further (so the server logs
no traceback either); every answer carries the security headers and a request id."""

from __future__ import annotations

import asyncio
import json
import logging
from typing import Any

import pytest

from compiler.service.edge import CSP, Edge


def _call(app: Any, path: str = "/boom") -> tuple[list[dict[str, Any]], bytes]:
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {"type": "http", "method": "GET", "path": path, "headers": [], "client": ("127.0.0.1", 1)}
    asyncio.run(app(scope, receive, send))
    return sent, b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")


def test_a_bug_is_a_500_problem_and_one_log_line(caplog: pytest.LogCaptureFixture) -> None:
    async def broken(scope: Any, receive: Any, send: Any) -> None:
        raise ZeroDivisionError("secret detail /home/x")

    with caplog.at_level(logging.INFO, logger="glc"):
        sent, body = _call(Edge(broken))
    start = sent[0]
    assert start["status"] == 500
    headers = dict(start["headers"])
    assert headers[b"content-type"] == b"application/problem+json"
    assert headers[b"content-security-policy"] == CSP.encode() and headers[b"x-request-id"]
    problem = json.loads(body)
    assert problem["status"] == 500 and problem["type"] == "/problems/internal"
    assert "secret detail" not in body.decode() and "Traceback" not in body.decode()
    lines = [r.getMessage() for r in caplog.records]
    error = json.loads(next(line for line in lines if "internal_error" in line))
    assert error["error"] == "ZeroDivisionError" and all("Traceback" not in line and "secret" not in line for line in lines)
    access = json.loads(next(line for line in lines if '"status"' in line))
    assert access["status"] == 500 and access["path"] == "/boom"
    assert all(r.exc_info is None for r in caplog.records)


def test_a_bug_after_the_answer_started_is_only_logged(caplog: pytest.LogCaptureFixture) -> None:
    async def half(scope: Any, receive: Any, send: Any) -> None:
        await send({"type": "http.response.start", "status": 200, "headers": []})
        raise RuntimeError("late")

    with caplog.at_level(logging.INFO, logger="glc"):
        sent, _ = _call(Edge(half))
    assert [m["status"] for m in sent if m["type"] == "http.response.start"] == [200]
    assert any("internal_error" in r.getMessage() for r in caplog.records)
