"""Load benchmark of LiveKit mode (not part of the test run): how many calls a fleet of 1 or 2
workers holds with a p95 response latency of at most 2 s, and the memory each call costs.

A real deployment (LiveKit server, `mockline serve --livekit`, N `mockline worker`s, Postgres,
Redis) is started per worker count. At each load level, that many simulated candidates
(livekit Python rtc clients, not browsers) join their own interview's room at once, wait for
the opening, then answer with espeak-ng WAV answers, each once the interviewer asked its
question and listens (its "state" messages).
Response latency: end of the candidate's speech -> first loud interviewer audio received by
the candidate (network, jitter buffer and decoding included). Memory per call: the mean PSS
of the job processes holding a call (each call is one job process with its own models).

Run (minutes; everything niced):
    nice -n 19 .venv/bin/python tests/bench/bench_livekit.py --workers 1 2 --levels 1 2 3
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1] / "support"))

import httpx
import numpy as np
import psutil

from call_analysis import line, parse_latency, stage_breakdown
from fake_mic import speak
from livekit_candidate import Candidate
from livekit_stack import Deployment, livekit_binary, running_deployment
from pg_admin import postgres_for_tests
from redis_server import redis_for_tests
from server_process import fresh_database

ANSWERS = [
    "I designed the order service and moved it to a queue, which cut failures a lot.",
    "We used Postgres for the main data and Redis as a cache in front of it.",
    "I would start by measuring where the time goes, then fix the slowest query first.",
]
P95_LIMIT_S = 2.0


@dataclass
class Level:
    calls: int
    held: int
    latencies: list[float]
    pss_mb: list[float]
    interviews: list[tuple[str, str]] = field(default_factory=list)
    """(interview id, its owner's access token) of each call."""
    stages: dict[str, list[float]] = field(default_factory=dict)
    """The server's per-stage breakdown of every candidate turn (ms)."""

    @property
    def p95(self) -> float:
        if len(self.latencies) < 2:
            return self.latencies[0] if self.latencies else float("inf")
        return statistics.quantiles(self.latencies, n=20, method="inclusive")[18]


def job_pss_mb(deployment: Deployment) -> list[float]:
    """PSS of every job process of every worker (idle prewarmed ones included)."""
    out = []
    for worker in deployment.workers:
        try:
            children = psutil.Process(worker.process.pid).children(recursive=True)
        except psutil.NoSuchProcess:
            continue
        for child in children:
            try:
                if "python" in child.name() and child.memory_full_info().pss > 0:
                    out.append(child.memory_full_info().pss / 2**20)
            except (psutil.NoSuchProcess, psutil.AccessDenied):
                pass
    return out


async def one_call(deployment: Deployment, pcm: list[np.ndarray], answers: int, out: Level) -> None:
    web = deployment.web.url
    async with httpx.AsyncClient(base_url=web, timeout=120) as http:
        token = (await http.post("/api/auth/guest")).json()["access_token"]
        auth = {"Authorization": f"Bearer {token}"}
        body = {"role": "backend_engineer", "level": "junior", "interview_type": "technical"}
        interview_id = (await http.post("/api/interviews", json=body, headers=auth)).json()["id"]
        grant = (await http.post(f"/api/interviews/{interview_id}/call-token", headers=auth)).json()
    out.interviews.append((interview_id, token))
    candidate = Candidate()
    try:
        await candidate.join(grant["livekit_url"], grant["token"])
        await candidate.open_microphone()
        spoke = 0.0
        for n in range(answers):
            await candidate.wait_for_question(since=spoke)
            await asyncio.sleep(0.5)
            ended = spoke = await candidate.say(pcm[n % len(pcm)])
            deadline = time.monotonic() + 30
            while candidate.replies_after(ended) is None and time.monotonic() < deadline:
                await asyncio.sleep(0.1)
            latency = candidate.replies_after(ended)
            if latency is None:
                return  # not held: no reply in 30 s
            out.latencies.append(latency)
        out.held += 1
    finally:
        await candidate.leave()


async def run_level(
    deployment: Deployment, calls: int, answers: int, pcm: list[np.ndarray]
) -> Level:
    level = Level(calls, 0, [], [])

    async def sample_memory() -> None:
        while True:
            await asyncio.sleep(5)
            level.pss_mb = max(level.pss_mb, job_pss_mb(deployment), key=len)

    sampler = asyncio.create_task(sample_memory())
    try:
        await asyncio.gather(*(one_call(deployment, pcm, answers, level) for _ in range(calls)))
    finally:
        sampler.cancel()
    await asyncio.sleep(5)  # jobs end after their calls
    level.stages = await server_stages(deployment, level.interviews)
    return level


async def server_stages(
    deployment: Deployment, interviews: list[tuple[str, str]]
) -> dict[str, list[float]]:
    """Where each answer's time went on the worker, from the latencies stored with its turn."""
    rows = []
    async with httpx.AsyncClient(base_url=deployment.web.url, timeout=30) as http:
        for interview_id, token in interviews:
            auth = {"Authorization": f"Bearer {token}"}
            found = (await http.get(f"/api/interviews/{interview_id}", headers=auth)).json()
            for turn in found.get("turns", []):
                raw = turn.get("latency")
                if turn["speaker"] == "candidate" and raw:
                    rows.append(parse_latency(raw) if isinstance(raw, str) else raw)
    return stage_breakdown(rows)


def report(workers: int, levels: list[Level]) -> None:
    print(f"\n== {workers} worker(s) ==")
    print("calls  held  answers  p50 (s)  p95 (s)  job PSS MB (mean of processes)")
    for lv in levels:
        p50 = statistics.median(lv.latencies) if lv.latencies else float("nan")
        pss = statistics.mean(lv.pss_mb) if lv.pss_mb else float("nan")
        print(
            f"{lv.calls:5d}  {lv.held:4d}  {len(lv.latencies):7d}  {p50:7.2f}  {lv.p95:7.2f}  {pss:8.0f}"
        )
    for lv in levels:
        print(f"  {lv.calls} call(s), per-stage breakdown on the worker (per candidate turn):")
        for name, values in lv.stages.items():
            print("    " + line(name, values))
    ok = [lv.calls for lv in levels if lv.held == lv.calls and lv.p95 <= P95_LIMIT_S]
    print(
        f"calls held with p95 <= {P95_LIMIT_S:.0f} s on {workers} worker(s): {max(ok, default=0)}"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--levels", type=int, nargs="+", default=[1, 2, 3])
    parser.add_argument("--answers", type=int, default=2)
    parser.add_argument("--max-calls-per-worker", type=int, default=4)
    args = parser.parse_args()
    if livekit_binary() is None:
        raise SystemExit("LiveKit server not built: run scripts/setup.sh")
    pcm = [speak(text) for text in ANSWERS]
    with postgres_for_tests(), redis_for_tests() as redis_url:
        for workers in args.workers:
            levels: list[Level] = []
            with (
                tempfile.TemporaryDirectory() as tmp,
                fresh_database() as database_url,
                running_deployment(
                    Path(tmp),
                    database_url,
                    redis_url,
                    workers=workers,
                    MOCKLINE_WORKER_MAX_CALLS=str(args.max_calls_per_worker),
                    MOCKLINE_WORKER_IDLE_PROCESSES=str(args.max_calls_per_worker),
                ) as deployment,
            ):
                for calls in args.levels:
                    level = asyncio.run(run_level(deployment, calls, args.answers, pcm))
                    levels.append(level)
                    print(
                        f"{workers} worker(s), {calls} call(s): held {level.held}, "
                        f"p95 {level.p95:.2f} s",
                        flush=True,
                    )
                    if level.held < calls:
                        break  # calls dropped: more would only drop more
            report(workers, levels)


if __name__ == "__main__":
    main()
