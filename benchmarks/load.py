"""A bounded load test of the checker service on loopback: requests per second and p50/p99 latency for `check`
(one program) and `check` of all programs (`/v1/check`).

Starts `glc serve` on a free loopback port in this project (or uses `--url` of a running one), then, for each
endpoint, runs `--threads` clients (standard-library threads and `http.client`, one kept-alive connection each)
until `--requests` requests are done or `--seconds` have passed, whichever comes first. Every answer is checked
(status 200 and the same bytes as the first one), so a fast wrong answer cannot count. Nothing here is a test:
run it on demand and note the machine's load (`uptime`) with the figures.

    .venv/bin/python benchmarks/load.py                          # 2,000 requests or 30 s per endpoint, 8 threads
    .venv/bin/python benchmarks/load.py --requests 500 --seconds 10 --threads 4
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LOAN = (ROOT / "examples" / "near_miss_loan.json").read_bytes()
ENDPOINTS = {"check (keystone_bank_statement)": "/v1/programs/keystone_bank_statement/check",
             "check all programs (/v1/check)": "/v1/check"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server() -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    glc = Path(sys.executable).parent / "glc"
    proc = subprocess.Popen([str(glc), "serve", "--port", str(port)], cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"glc serve exited with {proc.returncode}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/readyz")
            if conn.getresponse().status == 200:
                return proc, url
        except OSError:
            time.sleep(0.2)
    proc.terminate()
    raise SystemExit("glc serve did not become ready")


def run(url: str, path: str, requests: int, seconds: float, threads: int) -> dict[str, float]:
    parsed = urllib.parse.urlsplit(url)
    host, port = parsed.hostname or "127.0.0.1", parsed.port or 80
    first = _one(http.client.HTTPConnection(host, port, timeout=60), path)  # warm-up, and the answer to compare with
    latencies: list[float] = []
    lock = threading.Lock()
    counter = {"left": requests, "wrong": 0}
    stop_at = time.perf_counter() + seconds

    def client() -> None:
        conn = http.client.HTTPConnection(host, port, timeout=60)
        mine: list[float] = []
        while time.perf_counter() < stop_at:
            with lock:
                if counter["left"] <= 0:
                    break
                counter["left"] -= 1
            t = time.perf_counter()
            body = _one(conn, path)
            mine.append(time.perf_counter() - t)
            if body != first:
                with lock:
                    counter["wrong"] += 1
        conn.close()
        with lock:
            latencies.extend(mine)

    started = time.perf_counter()
    workers = [threading.Thread(target=client) for _ in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    elapsed = time.perf_counter() - started
    if counter["wrong"]:
        raise SystemExit(f"{path}: {counter['wrong']} answers differed from the first")
    latencies.sort()
    q = statistics.quantiles(latencies, n=100, method="inclusive")
    return {"requests": len(latencies), "seconds": round(elapsed, 2), "rps": round(len(latencies) / elapsed, 1),
            "p50_ms": round(q[49] * 1000, 2), "p99_ms": round(q[98] * 1000, 2), "bytes": len(first)}


def _one(conn: http.client.HTTPConnection, path: str) -> bytes:
    conn.request("POST", path, body=LOAN, headers={"content-type": "application/json"})
    r = conn.getresponse()
    body = r.read()
    if r.status != 200:
        raise SystemExit(f"{path}: HTTP {r.status}: {body[:200]!r}")
    return body


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--requests", type=int, default=2000, help="requests per endpoint (at most)")
    ap.add_argument("--seconds", type=float, default=30.0, help="seconds per endpoint (at most)")
    ap.add_argument("--threads", type=int, default=8, help="concurrent clients")
    ap.add_argument("--url", help="a running service (default: start `glc serve` here on a free port)")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args()
    proc = None
    url = args.url
    if url is None:
        proc, url = start_server()
    try:
        results = {name: run(url, path, args.requests, args.seconds, args.threads) for name, path in ENDPOINTS.items()}
    finally:
        if proc is not None:
            proc.terminate()
            proc.wait(timeout=20)
    load = os.getloadavg()
    context = {"machine": f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}",
               "load_average_1_5_15": [round(x, 2) for x in load], "threads": args.threads,
               "loan": "examples/near_miss_loan.json"}
    if args.json:
        print(json.dumps({"context": context, "results": results}, indent=2))
        return
    print(f"{context['machine']}; load average {context['load_average_1_5_15']}; {args.threads} client threads; "
          f"loan {context['loan']}")
    print(f"{'endpoint':<34} {'requests':>9} {'seconds':>8} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8}")
    for name, r in results.items():
        print(f"{name:<34} {r['requests']:>9,} {r['seconds']:>8} {r['rps']:>8} {r['p50_ms']:>8} {r['p99_ms']:>8}")


if __name__ == "__main__":
    main()
