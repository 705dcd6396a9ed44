"""Benchmark: a server through database outages (prints numbers, asserts nothing).

1. A server on a PostgreSQL of its own (``DATABASE_URL``). PostgreSQL is stopped (fast
   shutdown): how long until ``/readyz`` says so, how fast requests are answered 503 during
   the outage, and how long from PostgreSQL's restart to ``/readyz`` 200 and to the next
   accepted typed message.
2. ``mockline serve`` without ``DATABASE_URL``. Its postmaster is SIGKILLed: how long until
   the supervisor has a new one running, ``/readyz`` is 200, and a typed message is accepted.

    .venv/bin/python tests/bench/bench_outage.py [--requests 50]
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import signal
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).parents[1] / "support"))

from agent.store.embedded import EmbeddedPostgres

from auth_helpers import signup
from outage_helpers import ANSWER, TypedInterview, kill_postmaster, postmaster_pid
from server_process import Server, running_server


def _until(condition: Callable[[], bool], timeout: float = 120) -> float:
    """Seconds until ``condition()`` is true (polled every 20 ms)."""
    started = time.perf_counter()
    while not condition():
        if time.perf_counter() - started > timeout:
            raise TimeoutError("condition never met")
        time.sleep(0.02)
    return time.perf_counter() - started


def _readyz(server: Server) -> int:
    try:
        return httpx.get(f"{server.url}/readyz", timeout=5).status_code
    except httpx.HTTPError:
        return 0


def _ms(values: list[float]) -> str:
    ordered = sorted(values)
    p95 = ordered[max(0, round(0.95 * len(ordered)) - 1)]
    return f"p50 {statistics.median(ordered) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms"


def _timed_requests(
    server: Server, headers: dict[str, str], count: int
) -> tuple[list[float], set[int]]:
    latencies, statuses = [], set()
    with httpx.Client(base_url=server.url, headers=headers, timeout=30) as client:
        for _ in range(count):
            started = time.perf_counter()
            statuses.add(client.get("/api/interviews").status_code)
            latencies.append(time.perf_counter() - started)
    return latencies, statuses


def _first_accepted(interview: TypedInterview, text: str) -> float:
    started = time.perf_counter()
    interview.send_until_accepted(text, attempts=200)
    return time.perf_counter() - started


def bench_stopped_database(requests: int, folder: Path) -> None:
    pg = asyncio.run(EmbeddedPostgres.start(folder / "pgdata"))
    try:
        with running_server(folder, pg.dsn) as server:
            account = signup(server.url)
            interview = TypedInterview(server, account)
            interview.create_and_open()
            interview.send(ANSWER.format(n=1))
            healthy, _ = _timed_requests(server, account.headers, requests)
            kill_postmaster(folder / "pgdata", signal.SIGINT)
            noticed = _until(lambda: _readyz(server) == 503)
            latencies, statuses = _timed_requests(server, account.headers, requests)
            restart_started = time.perf_counter()
            asyncio.run(pg.restart())
            restarted = time.perf_counter() - restart_started
            ready = _until(lambda: _readyz(server) == 200)
            accepted = _first_accepted(interview, ANSWER.format(n=2))
        print(f"stopped database: /readyz 503 after {noticed:.2f} s")
        print(f"  GET /api/interviews x{requests}, healthy: {_ms(healthy)}")
        print(f"  the same during the outage: statuses {sorted(statuses)}, {_ms(latencies)}")
        print(
            f"  PostgreSQL restart {restarted:.2f} s, then /readyz 200 after {ready:.2f} s, "
            f"next message accepted after {accepted:.2f} s more"
        )
    finally:
        asyncio.run(pg.aclose())


def bench_killed_postmaster(folder: Path) -> None:
    with running_server(folder, None) as server:
        pgdata = server.data_dir / "postgres"
        interview = TypedInterview(server, signup(server.url))
        interview.create_and_open()
        interview.send(ANSWER.format(n=1))
        killed_at = time.perf_counter()
        old = kill_postmaster(pgdata)
        _until(lambda: _new_pid(pgdata, old))
        new_pid = time.perf_counter() - killed_at
        _until(lambda: _readyz(server) == 200)
        ready = time.perf_counter() - killed_at
        interview.send_until_accepted(ANSWER.format(n=2), attempts=200)
        accepted = time.perf_counter() - killed_at
    print(
        f"killed postmaster, seconds after the kill: new postmaster {new_pid:.2f}, "
        f"/readyz 200 {ready:.2f}, next message accepted {accepted:.2f}"
    )


def _new_pid(pgdata: Path, old: int) -> bool:
    try:
        return postmaster_pid(pgdata) != old
    except (OSError, ValueError, IndexError):
        return False


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=50)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="mockline-bench-outage-"))
    try:
        (folder / "stopped").mkdir()
        (folder / "killed").mkdir()
        bench_stopped_database(args.requests, folder / "stopped")
        bench_killed_postmaster(folder / "killed")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
