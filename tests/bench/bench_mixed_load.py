"""Benchmark: one server under mixed load (prints numbers, asserts nothing).

``--typed`` typed interviews (default 20) each send ``--messages`` answers (default 8), all
at once, while ``--calls`` live calls (default 2: aiortc candidates speaking looped espeak
answers, `call_peer`) run on the same server. Printed:

- event-loop lag p50/p99 over the load, from the server's own ``/metrics`` histogram
  (``mockline_event_loop_lag_seconds``, interpolated inside buckets as Prometheus does),
  and its worst sample; the goal is p99 <= 50 ms;
- typed reply latency p50/p95 (``POST .../messages`` round trip);
- ``/healthz`` latency p50/p99/max, polled every 100 ms during the load;
- for the calls: candidate turns recorded and the interviewer's audio frames heard.

    .venv/bin/python tests/bench/bench_mixed_load.py [--typed 20] [--messages 8] [--calls 2]
"""

from __future__ import annotations

import argparse
import asyncio
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx
import numpy as np

sys.path.insert(0, str(Path(__file__).parents[1] / "support"))

from auth_helpers import Account, signup
from call_peer import CandidatePeer
from fake_mic import RATE, speak
from pg_admin import postgres_for_tests
from server_process import Server, fresh_database, running_server

SETUP = {
    "role": "backend_engineer",
    "level": "mid",
    "interview_type": "technical",
    "length": {"unit": "questions", "value": 10},
}
ANSWERS = [
    "In my last role I owned the ingestion service. I measured the slow path first, compared "
    "two designs, shipped the simpler one behind a flag, and p99 latency fell from 800 to 120 ms.",
    "We used PostgreSQL for the orders and Redis as a cache in front of it; the hard part was "
    "invalidation, so we keyed the cache by version and let stale entries expire.",
    "I would start by reproducing the bug with a failing test, then bisect the recent changes, "
    "and only then read the code around the commit that broke it.",
    "Our team split a monolith into three services. I wrote the migration plan, ran both paths "
    "side by side for two weeks and compared their outputs before switching over.",
    "When two engineers disagreed about the queue, I asked each to write down the failure they "
    "feared most, and we load tested both designs against those cases.",
    "I like simple designs that the whole team can read. I review for clarity first, then for "
    "performance, and I keep functions small so tests stay cheap.",
    "The outage taught me to add timeouts everywhere. We had a call without one, and a slow "
    "dependency held every worker thread until the service fell over.",
    "For a search feature I built the index with PostgreSQL full text search, measured recall "
    "on real queries, and tuned the ranking with the product manager.",
]
CALL_ANSWERS = ANSWERS[:3]


def _quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered)) - 1))]


def _histogram(text: str, name: str) -> dict[float, float]:
    """Cumulative bucket counts of the web process's histogram ``name`` in an exposition."""
    out: dict[float, float] = {}
    for line in text.splitlines():
        if line.startswith(f"{name}_bucket{{") and 'process="web"' in line:
            found = re.search(r'le="([^"]+)"', line)
            if found:
                le = found.group(1)
                out[float("inf") if le == "+Inf" else float(le)] = float(line.split()[-1])
    return out


def _histogram_quantile(before: dict[float, float], after: dict[float, float], q: float) -> float:
    bounds = sorted(after)
    counts = [after[b] - before.get(b, 0.0) for b in bounds]
    total = counts[-1]
    if total <= 0:
        return float("nan")
    rank, lower, below = q * total, 0.0, 0.0
    for bound, cumulative in zip(bounds, counts, strict=True):
        if cumulative >= rank:
            if bound == float("inf"):
                return lower
            inside = cumulative - below
            return lower + (bound - lower) * ((rank - below) / inside if inside else 1.0)
        lower, below = bound, cumulative
    return lower


async def _typed(client: httpx.AsyncClient, account: Account, messages: int) -> list[float]:
    made = await client.post("/api/interviews", json=SETUP, headers=account.headers)
    made.raise_for_status()
    iid = made.json()["id"]
    (await client.post(f"/api/interviews/{iid}/open", headers=account.headers)).raise_for_status()
    latencies = []
    for i in range(messages):
        started = time.perf_counter()
        resp = await client.post(
            f"/api/interviews/{iid}/messages",
            json={"text": ANSWERS[i % len(ANSWERS)]},
            headers=account.headers,
        )
        latencies.append(time.perf_counter() - started)
        resp.raise_for_status()
        if resp.json()["finished"]:
            break
    return latencies


async def _poll_healthz(client: httpx.AsyncClient, stop: asyncio.Event) -> list[float]:
    latencies = []
    while not stop.is_set():
        started = time.perf_counter()
        (await client.get("/healthz")).raise_for_status()
        latencies.append(time.perf_counter() - started)
        await asyncio.sleep(0.1)
    return latencies


def _call_audio() -> np.ndarray:
    parts = [np.zeros(int(8.0 * RATE), dtype=np.int16)]  # the greeting, heard out
    for text in CALL_ANSWERS:
        parts += [speak(text), np.zeros(int(6.0 * RATE), dtype=np.int16)]
    return np.concatenate(parts)


async def _start_call(server: Server, account: Account, pcm: np.ndarray) -> CandidatePeer:
    async with httpx.AsyncClient(base_url=server.url, timeout=60) as client:
        made = await client.post("/api/interviews", json=SETUP, headers=account.headers)
        made.raise_for_status()
        iid = made.json()["id"]
        token = await client.post(f"/api/interviews/{iid}/call-token", headers=account.headers)
        token.raise_for_status()
    peer = CandidatePeer(server.url, iid, token.json()["token"], pcm)
    await peer.connect()
    return peer


async def _run(server: Server, typed: int, messages: int, calls: int) -> None:
    accounts = [signup(server.url) for _ in range(typed + calls)]
    pcm = _call_audio() if calls else np.zeros(1, dtype=np.int16)
    peers = [await _start_call(server, a, pcm) for a in accounts[typed:]]
    limits = httpx.Limits(max_connections=typed + 5)
    async with httpx.AsyncClient(base_url=server.url, timeout=120, limits=limits) as client:
        before = _histogram((await client.get("/metrics")).text, "mockline_event_loop_lag_seconds")
        stop = asyncio.Event()
        health = asyncio.create_task(_poll_healthz(client, stop), name="healthz-poll")
        started = time.perf_counter()
        results = await asyncio.gather(*(_typed(client, a, messages) for a in accounts[:typed]))
        elapsed = time.perf_counter() - started
        stop.set()
        healthz = await health
        metrics = (await client.get("/metrics")).text
    for peer in peers:
        await peer.aclose()
    after = _histogram(metrics, "mockline_event_loop_lag_seconds")
    replies = [x for r in results for x in r]
    # Buckets are cumulative: the worst sample lies under the smallest bound holding them all.
    grew = {b: after[b] - before.get(b, 0) for b in after}
    total = max(grew.values(), default=0)
    worst = min((b for b, n in grew.items() if n == total), default=0.0)
    print(f"{typed} typed interviews x {messages} messages, {calls} live calls: {elapsed:.1f} s")
    if after:
        print(
            f"event-loop lag: p50 {_histogram_quantile(before, after, 0.5) * 1000:.1f} ms, "
            f"p99 {_histogram_quantile(before, after, 0.99) * 1000:.1f} ms "
            f"(worst sample in the bucket <= {worst * 1000:.0f} ms; goal p99 <= 50 ms)"
        )
    else:
        print("event-loop lag: not exported by this server")
    print(
        f"typed replies ({len(replies)}): p50 {statistics.median(replies) * 1000:.0f} ms, "
        f"p95 {_quantile(replies, 0.95) * 1000:.0f} ms"
    )
    print(
        f"/healthz ({len(healthz)}): p50 {statistics.median(healthz) * 1000:.1f} ms, "
        f"p99 {_quantile(healthz, 0.99) * 1000:.1f} ms, max {max(healthz) * 1000:.1f} ms"
    )
    for i, peer in enumerate(peers):
        print(f"call {i + 1}: interviewer audio frames heard {peer.frames_heard}")
    turns = [line for line in metrics.splitlines() if "turn_latency_seconds_count" in line]
    print("call turns:", "; ".join(turns) or "none recorded")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--typed", type=int, default=20)
    parser.add_argument("--messages", type=int, default=8)
    parser.add_argument("--calls", type=int, default=2)
    args = parser.parse_args()
    with (
        postgres_for_tests(),
        fresh_database() as database_url,
        tempfile.TemporaryDirectory(prefix="mockline-bench-mixed-") as tmp,
        running_server(Path(tmp), database_url, MOCKLINE_RATE_LIMIT_MULTIPLIER="100") as server,
    ):
        asyncio.run(_run(server, args.typed, args.messages, args.calls))


if __name__ == "__main__":
    main()
