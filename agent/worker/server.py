"""The worker process: registers with LiveKit as an explicit-dispatch agent, reports its load,
serves Prometheus `/metrics`, and stops cleanly.

Load is calls over capacity (``MOCKLINE_WORKER_MAX_CALLS``): with the threshold at 1.0 a worker
holding that many calls reports itself full and LiveKit offers it nothing more, and spreads
calls over the workers with room (it weights its choice by load). Each call runs in its own
job process (livekit-agents' process pool), prewarmed with the speech models.

Call `configure_metrics_dir` before anything imports ``prometheus_client`` (the CLI does), so
that the job processes' series are added up at this process's `/metrics`.
"""

from __future__ import annotations

import asyncio
import logging
import os
import re
import signal
import tempfile
from pathlib import Path

from agent.settings import Settings

log = logging.getLogger(__name__)

_LIVE_GAUGE_FILE = re.compile(r"^gauge_live\w*_(\d+)\.db$")
_SWEEP_S = 5.0


def configure_metrics_dir() -> Path:
    """A fresh multiprocess metrics folder for this worker and its job processes."""
    folder = Path(tempfile.mkdtemp(prefix="mockline-worker-metrics-"))
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = str(folder)
    return folder


def missing_settings(settings: Settings) -> list[str]:
    """What a worker cannot run without, by the variable that sets it."""
    missing = []
    if not settings.livekit_configured:
        missing.append("LIVEKIT_URL, LIVEKIT_API_KEY and LIVEKIT_API_SECRET")
    if not settings.database_url:
        missing.append("DATABASE_URL")
    if not settings.redis_url:
        missing.append("MOCKLINE_REDIS_URL")
    return missing


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _drop_dead_processes(folder: Path) -> None:
    from prometheus_client import multiprocess

    for path in folder.iterdir():
        match = _LIVE_GAUGE_FILE.match(path.name)
        if match and not _pid_alive(int(match.group(1))):
            multiprocess.mark_process_dead(int(match.group(1)), str(folder))  # type: ignore[no-untyped-call]


async def _sweep_dead_processes(folder: Path) -> None:
    """A job process that died leaves its live gauges (active calls) behind: drop them."""
    while True:
        await asyncio.sleep(_SWEEP_S)
        await asyncio.to_thread(_drop_dead_processes, folder)


async def serve(settings: Settings, metrics_dir: Path) -> None:
    # Imported here: livekit-agents imports prometheus_client, after the metrics folder is set.
    from livekit.agents import AgentServer

    from agent import metrics

    from .job import JobGate, entrypoint, prewarm

    max_calls = settings.worker_max_calls

    def load(server: AgentServer) -> float:
        value = min(1.0, len(server.active_jobs) / max_calls)
        metrics.WORKER_LOAD.labels(agent=settings.livekit_agent_name).set(value)
        return value

    assert settings.livekit_api_secret is not None
    server = AgentServer(
        ws_url=settings.livekit_url,
        api_key=settings.livekit_api_key,
        api_secret=settings.livekit_api_secret.get_secret_value(),
        load_fnc=load,
        load_threshold=1.0,
        num_idle_processes=min(settings.worker_idle_processes, max_calls),
        initialize_process_timeout=120.0,
        shutdown_process_timeout=15.0,
        host=settings.host,
        port=settings.worker_health_port,
        prometheus_port=settings.worker_metrics_port or None,
        prometheus_multiproc_dir=str(metrics_dir),
        log_level="INFO",
    )
    gate = JobGate(settings)
    server.rtc_session(
        entrypoint, agent_name=settings.livekit_agent_name, on_request=gate.on_request
    )
    server.setup_fnc = prewarm

    loop = asyncio.get_running_loop()
    stopping = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stopping.set)
    sweeper = asyncio.create_task(_sweep_dead_processes(metrics_dir), name="metrics-sweep")
    running = asyncio.create_task(server.run(devmode=False), name="agent-server")
    stop = asyncio.create_task(stopping.wait(), name="stop-signal")
    try:
        await asyncio.wait({running, stop}, return_when=asyncio.FIRST_COMPLETED)
        if running.done():
            running.result()  # a worker that could not register says why
    finally:
        log.info("worker stopping")
        await server.aclose()
        for task in (sweeper, stop, running):
            task.cancel()
        await asyncio.gather(sweeper, stop, running, return_exceptions=True)
        await gate.aclose()
