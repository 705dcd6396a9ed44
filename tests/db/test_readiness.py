"""Readiness in process: `/readyz` over the app on the session database, and why it says no.

No check here needs speech models, so the runtime is marked as having loaded them. The
event loop is really blocked (a sleep on the loop thread) to see readiness call the
process overloaded, and a probe really fails against a socket where no server listens.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import cast

import asyncpg
import httpx
import pytest
from pydantic import SecretStr

from agent.plugins import SpeechModels
from agent.settings import Settings
from agent.store.availability import DatabaseProbe
from agent.store.db import Database
from signaling.app import create_app
from signaling.loop_lag import LoopLagMonitor
from signaling.runtime import Runtime


@pytest.fixture
async def runtime(
    store_pool: asyncpg.Pool, store_database_url: str, tmp_path: Path
) -> AsyncIterator[Runtime]:
    settings = Settings(data_dir=tmp_path, jwt_secret=SecretStr("test-secret-" * 4))
    runtime = Runtime(settings)
    runtime.db = Database(store_pool, store_database_url)
    runtime.speech = cast(SpeechModels, object())
    # Lenient, so a busy test machine's own scheduling noise never reads as overload.
    runtime.loop_lag = LoopLagMonitor(interval_s=0.02, window_s=1.0, overload_s=5.0)
    runtime.loop_lag.start()
    try:
        yield runtime
    finally:
        await runtime.loop_lag.aclose()


async def _readyz(runtime: Runtime) -> httpx.Response:
    transport = httpx.ASGITransport(app=create_app(runtime))
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        return await client.get("/readyz")


async def test_ready_when_everything_answers(runtime: Runtime) -> None:
    await asyncio.sleep(0.1)  # a few lag samples
    resp = await _readyz(runtime)
    assert resp.status_code == 200, resp.text
    assert resp.json()["status"] == "ready"
    assert resp.json()["checks"]["database"] == "ok"


async def test_a_blocked_event_loop_is_overloaded_until_it_catches_up(runtime: Runtime) -> None:
    await runtime.loop_lag.aclose()
    runtime.loop_lag = LoopLagMonitor(interval_s=0.02, window_s=1.0, overload_s=0.5)
    runtime.loop_lag.start()
    await asyncio.sleep(0.1)
    time.sleep(1.5)  # holds the loop, as CPU work on it would
    await asyncio.sleep(0.05)
    resp = await _readyz(runtime)
    assert resp.status_code == 503
    assert resp.json()["reason"] == "overloaded"
    assert int(resp.headers["Retry-After"]) >= 1
    # Once the stall has left the window, ready again (polled: a loaded machine may lag).
    async with asyncio.timeout(30):
        while (await _readyz(runtime)).status_code != 200:
            await asyncio.sleep(0.2)


async def test_an_unreachable_database_is_not_ready(runtime: Runtime, tmp_path: Path) -> None:
    assert runtime.db is not None
    runtime.db.probe = DatabaseProbe(f"postgresql://postgres@/postgres?host={tmp_path}")
    resp = await _readyz(runtime)
    assert resp.status_code == 503
    body = resp.json()
    assert body["reason"] == "database_unavailable" and body["checks"]["database"] == "unavailable"
    assert "FileNotFoundError" in body["message"] and str(tmp_path) not in body["message"]


async def test_starting_reports_its_phase(runtime: Runtime) -> None:
    runtime.speech = None
    runtime.phase = "loading speech models (VAD, ASR, TTS)…"
    resp = await _readyz(runtime)
    assert resp.status_code == 503
    assert resp.json()["reason"] == "starting"
    assert resp.json()["message"] == runtime.phase
    assert resp.json()["checks"]["models"] == "loading"


async def test_liveness_answers_while_starting_and_fails_only_when_start_up_did(
    runtime: Runtime,
) -> None:
    runtime.speech = None
    transport = httpx.ASGITransport(app=create_app(runtime))
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        assert (await client.get("/healthz")).json() == {"status": "ok"}
        runtime.error = "RuntimeError: no speech models"
        failed = await client.get("/healthz")
        ready = await client.get("/readyz")
    assert failed.status_code == 503 and failed.json()["status"] == "failed"
    assert ready.status_code == 503 and ready.json()["reason"] == "startup_failed"
    assert "Retry-After" not in ready.headers


async def _metrics(runtime: Runtime, *names: str) -> tuple[float, ...]:
    """The values of ``names`` from one scrape of ``/metrics``, so they are read at one moment
    (the 20 ms sampler can add an observation between two scrapes)."""
    transport = httpx.ASGITransport(app=create_app(runtime))
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        text = (await client.get("/metrics")).text
    found = {
        line.split()[0]: float(line.split()[-1])
        for line in text.splitlines()
        if line and not line.startswith("#")
    }
    missing = [name for name in names if name not in found]
    assert not missing, f"{missing} not in /metrics"
    return tuple(found[name] for name in names)


async def test_loop_lag_is_exported_on_metrics(runtime: Runtime) -> None:
    stalled = 'mockline_event_loop_lag_seconds_bucket{le="0.5",process="web"}'
    count = 'mockline_event_loop_lag_seconds_count{process="web"}'
    await asyncio.sleep(0.1)
    before_count, before_fast = await _metrics(runtime, count, stalled)
    time.sleep(0.8)  # holds the loop for one wake-up of the sleeper
    await asyncio.sleep(0.1)
    after_count, after_fast = await _metrics(runtime, count, stalled)
    assert after_count > before_count
    # The stall is one observation over 0.5 s: counted in total, not in the fast buckets.
    assert after_count - before_count > after_fast - before_fast
    worst = 'mockline_event_loop_lag_worst_seconds{process="web"}'
    assert (await _metrics(runtime, worst))[0] >= 0.5
