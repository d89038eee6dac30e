"""Starting the real service for tests: `glc serve --port P` in a subprocess, on a free loopback port, and small
HTTP helpers (standard library only)."""

from __future__ import annotations

import http.client
import json
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

GLC = Path(sys.executable).parent / "glc"
STARTUP_S = 90  # waiting for the server to load the programs, not a performance assertion


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class Server:
    port: int
    process: subprocess.Popen[bytes]
    log: Path

    def request(self, method: str, path: str, body: bytes | None = None,
                headers: dict[str, str] | None = None) -> Answer:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            conn.request(method, path, body=body, headers=headers or {})
            r = conn.getresponse()
            return Answer(r.status, {k.lower(): v for k, v in r.getheaders()}, r.read())
        finally:
            conn.close()

    def get(self, path: str) -> Answer:
        return self.request("GET", path)

    def post(self, path: str, body: bytes, content_type: str = "application/json") -> Answer:
        return self.request("POST", path, body, {"content-type": content_type})

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


@contextmanager
def serving(project: Path, log: Path, *extra: str) -> Iterator[Server]:
    """`glc serve` on a free port in `project`, ready (its /readyz answers 200) when yielded; stopped after."""
    port = free_port()
    with log.open("wb") as err:
        process = subprocess.Popen([str(GLC), "serve", "--port", str(port), *extra], cwd=project,
                                   stdout=subprocess.DEVNULL, stderr=err)
    server = Server(port, process, log)
    try:
        deadline = time.monotonic() + STARTUP_S
        while True:
            if process.poll() is not None:
                raise AssertionError(f"glc serve exited with {process.returncode}:\n{server.log_text()}")
            try:
                if server.get("/readyz").status == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise AssertionError(f"glc serve did not become ready:\n{server.log_text()}")
            time.sleep(0.2)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
