"""Benchmark of the live call, measured at the page (not part of the test run).

Drives real headless Chromium against a real `mockline serve` for 10+ candidate turns and
prints p50/p95 of:
- response latency: end of candidate speech -> first interviewer audio heard at the page;
- barge-in time: candidate speech onset while the interviewer talks -> its audio stops.

Both edges are read from the page's own level meters (microphone and remote audio) on one
clock, so network, jitter buffer and decoding are included.

Run: .venv/bin/python tests/bench/bench_call.py [--turns 12]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parents[1] / "support"))

import asyncpg
import numpy as np

from browser import chromium
from fake_mic import RATE, speak, write_wav
from pg_admin import postgres_for_tests
from server_process import fresh_database, running_server

ANSWERS = [
    "I designed the order service and moved it to a queue, which cut failures a lot.",
    "We used Postgres for the main data and Redis as a cache in front of it.",
    "I would start by measuring where the time goes, then fix the slowest query first.",
    "My last project was a small search feature that I built and tested end to end.",
    "I talked to the product manager, agreed on a smaller scope and shipped on time.",
    "I prefer simple designs that the whole team can read and change safely.",
]
GREETING_S = 24.0  # the greeting plus first question, spoken before the first answer
WAIT_GAP_S = 16.0  # after an answer: long enough for the interviewer's whole reply
BARGE_GAP_S = 3.5  # after an answer: the candidate cuts into the reply


def build_candidate(turns: int) -> tuple[np.ndarray, float]:
    pcm_parts: list[np.ndarray] = [np.zeros(int(GREETING_S * RATE), dtype=np.int16)]
    for i in range(turns):
        pcm_parts.append(speak(ANSWERS[i % len(ANSWERS)]))
        gap = BARGE_GAP_S if i % 4 == 2 else WAIT_GAP_S
        pcm_parts.append(np.zeros(int(gap * RATE), dtype=np.int16))
    pcm = np.concatenate(pcm_parts)
    return pcm, len(pcm) / RATE


def merge(events: list[dict[str, Any]], min_gap_ms: float) -> list[tuple[float, float]]:
    """Speech segments from start/stop edges, joining pauses shorter than `min_gap_ms`."""
    segments: list[list[float]] = []
    start: float | None = None
    for ev in events:
        if ev["kind"] == "start" and start is None:
            start = ev["t"]
        elif ev["kind"] == "stop" and start is not None:
            if segments and start - segments[-1][1] < min_gap_ms:
                segments[-1][1] = ev["t"]
            else:
                segments.append([start, ev["t"]])
            start = None
    return [(a, b) for a, b in segments]


def analyse(
    mic: list[dict[str, Any]], remote: list[dict[str, Any]]
) -> tuple[list[float], list[float]]:
    said = merge(mic, 600)
    heard = merge(remote, 450)
    latencies: list[float] = []
    barge_ins: list[float] = []
    for i, (s_start, s_end) in enumerate(said):
        talking = [h for h in heard if h[0] < s_start < h[1]]
        if talking:
            barge_ins.append(talking[0][1] - s_start)
            continue
        next_said = said[i + 1][0] if i + 1 < len(said) else float("inf")
        replies = [h[0] for h in heard if s_end < h[0] < next_said]
        if replies:
            latencies.append(replies[0] - s_end)
    return latencies, barge_ins


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def report(name: str, values: list[float]) -> None:
    if not values:
        print(f"{name}: no samples")
        return
    print(
        f"{name}: n={len(values)} p50={pct(values, 0.5):.0f} ms p95={pct(values, 0.95):.0f} ms "
        f"min={min(values):.0f} max={max(values):.0f} mean={statistics.mean(values):.0f}"
    )
    print("  samples in call order (ms): " + ", ".join(f"{v:.0f}" for v in values))


async def drive(
    server_url: str, wav: Path, profile: Path, total_s: float
) -> tuple[list[Any], list[Any]]:
    async with chromium(profile, wav) as context:
        page = await context.new_page()
        await page.goto(f"{server_url}/?raw=1")
        await page.wait_for_function("() => document.querySelector('#role option') !== null")
        await page.get_by_role("button", name="Start call").click()
        await page.wait_for_function("() => window.mockline.state === 'in-call'", timeout=30_000)
        print(f"call running for {total_s:.0f} s of candidate audio…", flush=True)
        await asyncio.sleep(total_s - 1.0)
        mic = await page.evaluate("window.mockline.micAudio.events")
        remote = await page.evaluate("window.mockline.audio.events")
        await page.get_by_role("button", name="End call").click()
        await page.wait_for_function("() => window.mockline.state === 'ended'", timeout=30_000)
    return mic, remote


def run(turns: int) -> None:
    pcm, total_s = build_candidate(turns)
    with (
        tempfile.TemporaryDirectory() as tmp_dir,
        postgres_for_tests(),
        fresh_database() as db,
    ):
        tmp = Path(tmp_dir)
        wav = write_wav(tmp / "candidate.wav", pcm)
        env = {"MOCKLINE_MAX_QUESTIONS": str(turns + 4)}
        with running_server(tmp, db, **env) as server:
            mic, remote = asyncio.run(drive(server.url, wav, tmp / "profile", total_s))
        stages = asyncio.run(server_stages(db))
    latencies, barge_ins = analyse(mic, remote)
    report("end of speech -> first interviewer audio at the page", latencies)
    report("barge-in: candidate onset -> interviewer audio stops", barge_ins)
    for name, values in stages.items():
        report(f"server: {name}", values)


async def server_stages(database_url: str) -> dict[str, list[float]]:
    """Per-stage latencies the server stored on each candidate turn (see agent/voice/turns.py)."""
    conn = await asyncpg.connect(database_url)
    try:
        rows = await conn.fetch(
            "select latency::text from turns where speaker = 'candidate' and latency is not null "
            "order by id"
        )
    finally:
        await conn.close()
    stages: dict[str, list[float]] = {}
    for row in rows:
        for key, value in json.loads(row[0]).items():
            stages.setdefault(key, []).append(float(value))
    return stages


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--turns", type=int, default=12)
    args = parser.parse_args()
    run(max(args.turns, 10))


if __name__ == "__main__":
    main()
