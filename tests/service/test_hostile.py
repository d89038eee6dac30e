"""Bodies no one should send, and requests that go wrong: every one gets a 4xx problem (RFC 9457, its own status in
the body, short, the content not echoed back), never a 5xx, never a traceback in the answer or the log, and the
server keeps answering correctly afterwards. The loans are the command line's hostile set (tests/cases/hostile/
loans/) plus the ones too large to keep (nesting 100,000 deep, bodies over the size limit, with and without a
Content-Length)."""

from __future__ import annotations

import contextlib
import json
import socket
from pathlib import Path

from compiler.service.problems import MAX_BODY
from tests.service.server import Answer, Server

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = ROOT / "tests" / "cases" / "hostile" / "loans"
ENDPOINTS = ("/v1/programs/keystone_bank_statement/check", "/v1/check", "/v1/programs/keystone_bank_statement/explain")


def assert_problem(got: Answer, status: int | None = None, what: str = "") -> dict[str, object]:
    assert 400 <= got.status < 500, (what, got.status, got.body[:300])
    if status is not None:
        assert got.status == status, (what, got.status, got.body[:300])
    assert got.headers["content-type"] == "application/problem+json", what
    body = json.loads(got.body)
    assert body["status"] == got.status and body["title"] and body["detail"] and body["type"], what
    text = got.body.decode()
    assert "Traceback" not in text and "bug in glc" not in text, what
    assert "xxxxxxxxxx" not in text and "AAAAAAAAAA" not in text and "99999999" not in text, what
    return body


def hostile_bodies() -> list[tuple[str, bytes]]:
    bodies = [(p.name, p.read_bytes()) for p in sorted(HOSTILE.glob("*.json"))]
    bodies += [
        ("nested arrays 100,000 deep", b'{"credit_events": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"),
        ("nested objects 100,000 deep", b'{"a": ' * 100_000 + b"1" + b"}" * 100_000),
        ("a text over the size limit", b'{"loan_id": "' + b"x" * (MAX_BODY + 10) + b'"}'),
        ("a number of 5,000 digits in a list", b'{"credit_events": [{"kind": ' + b"9" * 5000 + b"}]}"),
        ("NUL bytes", b'{"loan_id": "\x00\x00"}\x00'),
        ("a list of 20,000 bad items", b'{"credit_events": [' + b",".join([b'{"kind": "zz"}'] * 20_000) + b"]}"),
        ("a list of 100,000 items", b'{"credit_events": [' + b",".join([b'{"kind": "zz"}'] * 100_000) + b"]}"),
    ]
    return bodies


def test_hostile_bodies_get_problems_and_the_server_keeps_serving(server: Server) -> None:
    bodies = hostile_bodies()
    assert len(bodies) >= 17
    for name, body in bodies:
        for path in ENDPOINTS:
            assert_problem(server.post(path, body), what=f"{name} -> {path}")
    big = server.post("/v1/check", b'{"loan_id": "' + b"x" * (MAX_BODY + 10) + b'"}')
    assert_problem(big, 413)
    invalid = assert_problem(server.post("/v1/check", b'{"fico": "abc", "credit_events": [{"completed_on": "soon"}]}'), 422)
    assert [e["pointer"] for e in invalid["errors"]] == ["/fico", "/credit_events/0/completed_on"]  # type: ignore[index]
    assert_problem(server.post("/v1/check", b"[1]"), 400)
    _still_serving(server)


def _raw(server: Server, head: bytes, body: bytes) -> bytes:
    """Send a request by hand (headers and the first part of a body), read what the server answers."""
    with socket.create_connection(("127.0.0.1", server.port), timeout=30) as s:
        s.sendall(head)
        with contextlib.suppress(OSError):  # the server answered and closed before taking it all: that is the point
            s.sendall(body)
        chunks = []
        while True:
            try:
                data = s.recv(65536)
            except OSError:
                break
            if not data:
                break
            chunks.append(data)
    return b"".join(chunks)


def test_an_oversized_body_is_refused_before_it_is_read(server: Server) -> None:
    # 50 MB announced, 64 KB sent: the answer comes at once, from the Content-Length
    head = (b"POST /v1/check HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 50000000\r\n"
            b"Connection: close\r\n\r\n")
    answer = _raw(server, head, b'{"loan_id": "' + b"x" * 65536)
    assert answer.startswith(b"HTTP/1.1 413"), answer[:200]
    assert b"application/problem+json" in answer
    # chunked, no length: refused once the limit is passed, not after reading everything
    head = b"POST /v1/check HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
    chunk = b"x" * 65536
    body = (b"%x\r\n" % len(chunk) + chunk + b"\r\n") * (MAX_BODY // len(chunk) + 2) + b"0\r\n\r\n"
    answer = _raw(server, head, body)
    assert answer.startswith(b"HTTP/1.1 413"), answer[:200]
    _still_serving(server)


def test_bad_requests_get_problems(server: Server) -> None:
    loan = (ROOT / "examples" / "near_miss_loan.json").read_bytes()
    assert_problem(server.post("/v1/programs/%3Cscript%3Ealert(1)%3C%2Fscript%3E/check", loan), 404)
    assert_problem(server.post("/v1/programs/keystone_bank_statment/explain", loan), 404)
    assert_problem(server.post("/v1/check?on=yesterday", loan), 400)
    long_on = server.post("/v1/check?on=" + "9" * 5000, loan)
    assert long_on.status == 400 and len(long_on.body) < 600 and "9" * 50 not in long_on.body.decode()
    assert_problem(server.post("/v1/check?on=application", b'{"fico": 700}'), 422)
    assert_problem(server.post("/v1/programs/keystone_bank_statement/check?on=2020-01-01", loan), 422)
    assert_problem(server.get("/v1/nothing-here"), 404)
    assert_problem(server.get("/v1/check"), 405)
    assert_problem(server.get("/schema/../../etc/passwd"), 404)
    assert_problem(server.get("/static/../app.py"), 404)
    _still_serving(server)


def _still_serving(server: Server) -> None:
    assert server.get("/healthz").status == 200
    got = server.post("/v1/programs/keystone_bank_statement/check", (ROOT / "examples" / "near_miss_loan.json").read_bytes())
    assert got.status == 200 and json.loads(got.body)["status"] == "ineligible"
    assert "Traceback" not in server.log_text()


def test_every_problem_type_resolves_to_a_page_saying_what_to_do(server: Server) -> None:
    """RFC 9457: a problem's `type` is a URI reference; each of ours answers GET with a page for people."""
    from compiler.service.problems import TYPES

    seen = {assert_problem(server.post("/v1/check", b"[1]"))["type"],
            assert_problem(server.post("/v1/check", b'{"fico": "abc"}'))["type"],
            assert_problem(server.post("/v1/programs/no_such_program/check", b"{}"))["type"]}
    assert seen == {"/problems/not-a-loan", "/problems/invalid-loan", "/problems/unknown-program"}
    for kind in TYPES:
        got = server.get(f"/problems/{kind}")
        assert got.status == 200 and got.headers["content-type"].startswith("text/html"), kind
        page = got.body.decode()
        assert f"/problems/{kind}" in page and str(TYPES[kind][0]) in page and "<script" not in page
    assert_problem(server.get("/problems/<script>alert(1)</script>"), 404)
