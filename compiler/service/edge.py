"""What every request passes through, outermost (a plain ASGI middleware): a request id, the security headers, one
JSON line in the access log, and the last-resort answer to a bug.

The access log (`logging.getLogger("glc.access")`, one JSON object per line: time, request id, client, method,
path, status, bytes sent, milliseconds) is what `glc serve` writes to stderr. The query string is not logged
(it is short and carries nothing private today, but a path is enough to count and trace requests).

An exception no handler answered is a bug in glc: the client gets a 500 problem without a traceback, the log one
line with the exception's type, and the exception goes no further (so the server does not log a traceback
either).
"""

from __future__ import annotations

import itertools
import json
import logging
import time
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from compiler.service.problems import problem_response

access = logging.getLogger("glc.access")
errors = logging.getLogger("glc.service")

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

# The desk's page and the API docs page use only their own script and style files: nothing inline, no other origin.
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cache-control", b"no-store"),
]

_ids = itertools.count(1)


class Edge:
    """The outermost ASGI layer (see the module docstring)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.prefix = f"{int(time.time()):x}"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = f"{self.prefix}-{next(_ids)}"
        started = time.perf_counter()
        state = {"status": 0, "bytes": 0, "started": False}

        async def send_wrapped(message: Message) -> None:
            if message["type"] == "http.response.start":
                state["status"] = message["status"]
                state["started"] = True
                headers = list(message.get("headers", []))
                names = {k.lower() for k, _ in headers}
                headers.extend(h for h in HEADERS if h[0] not in names)
                headers.append((b"x-request-id", request_id.encode()))
                message["headers"] = headers
            elif message["type"] == "http.response.body":
                state["bytes"] = int(state["bytes"]) + len(message.get("body", b""))
            await send(message)

        try:
            await self.app(scope, receive, send_wrapped)
        except Exception as err:  # a bug: answer 500 if nothing was sent yet, log one line, no traceback anywhere
            errors.error(json.dumps({"event": "internal_error", "request_id": request_id,
                                     "error": type(err).__name__}, ensure_ascii=False))
            if not state["started"]:
                body = {"type": "/problems/internal", "title": "Internal error", "status": 500,
                        "detail": "This is a bug in glc, not in the request; please report it with the request that "
                                  f"caused it (request id {request_id}).", "instance": scope.get("path", "")[:200]}
                await problem_response(body, 500)(scope, receive, send_wrapped)
        finally:
            client = scope.get("client")
            access.info(json.dumps({
                "time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                "request_id": request_id,
                "client": client[0] if client else None,
                "method": scope.get("method"),
                "path": scope.get("path", "")[:200],
                "status": state["status"],
                "bytes": state["bytes"],
                "ms": round((time.perf_counter() - started) * 1000, 2),
            }, ensure_ascii=False))
