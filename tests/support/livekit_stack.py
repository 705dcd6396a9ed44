"""A test deployment of LiveKit mode from real processes: LiveKit server, `mockline serve
--livekit` and `mockline worker`s, on loopback ports, with the suite's Postgres and Redis.

The LiveKit server is the Go build of `scripts/setup.sh` (``$(go env GOPATH)/bin/server``);
its configuration is infra/livekit/livekit.yaml with loopback ports, no Redis of its own, the
test keys and the web server's webhook. Tests that need it skip when it was not built.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import redis
import yaml

from paths import REPO
from server_process import Server, free_port, serving

API_KEY = "mockline-test"
API_SECRET = "mockline-test-secret-0123456789abcdef0123456789"
AGENT_NAME = "mockline-interviewer-test"
INFRA_CONFIG = REPO / "infra" / "livekit" / "livekit.yaml"


def _go_binary(name: str) -> Path | None:
    gopath = os.environ.get("GOPATH")
    if not gopath and shutil.which("go"):
        gopath = subprocess.run(
            ["go", "env", "GOPATH"], capture_output=True, text=True, check=False
        ).stdout.strip()
    candidate = Path(gopath or Path.home() / "go") / "bin" / name
    return candidate if candidate.is_file() else None


def livekit_binary() -> Path | None:
    """The LiveKit server built by setup.sh, or None."""
    return _go_binary("server")


def livekit_sip_binary() -> Path | None:
    """LiveKit SIP built by setup.sh, or None."""
    return _go_binary("livekit-sip")


@dataclass
class LiveKit:
    url: str
    http_url: str
    process: subprocess.Popen[bytes]
    log_path: Path

    def log_text(self) -> str:
        return self.log_path.read_text(errors="replace")


@dataclass
class Worker:
    name: str
    process: subprocess.Popen[bytes]
    log_path: Path
    metrics_port: int

    def alive(self) -> bool:
        return self.process.poll() is None

    def log_text(self) -> str:
        return self.log_path.read_text(errors="replace")

    def kill(self) -> None:
        """Like a machine dying: the worker and every job process it started, at once."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)


@dataclass
class LiveKitSip:
    sip_port: int
    rtp_ports: range
    process: subprocess.Popen[bytes]
    log_path: Path

    @property
    def target(self) -> str:
        return f"127.0.0.1:{self.sip_port}"

    def log_text(self) -> str:
        return self.log_path.read_text(errors="replace")


@dataclass
class Deployment:
    livekit: LiveKit
    web: Server
    workers: list[Worker] = field(default_factory=list)
    env: dict[str, str] = field(default_factory=dict)
    sip: LiveKitSip | None = None


def _port_open(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


def livekit_config(
    port: int,
    rtc_tcp: int,
    udp_start: int,
    webhook_url: str,
    redis: dict[str, Any] | None = None,
) -> dict[str, Any]:
    config: dict[str, Any] = yaml.safe_load(INFRA_CONFIG.read_text())
    config["port"] = port
    config["bind_addresses"] = ["127.0.0.1"]
    config["rtc"].update(
        {
            "tcp_port": rtc_tcp,
            "port_range_start": udp_start,
            "port_range_end": udp_start + 60,
            "use_external_ip": False,
            "node_ip": "127.0.0.1",
        }
    )
    config.pop("redis", None)  # one node: LiveKit keeps its rooms in memory…
    if redis is not None:  # …unless LiveKit SIP must reach it (psrpc over Redis)
        config["redis"] = redis
    config["webhook"] = {"api_key": API_KEY, "urls": [webhook_url]}
    config["keys"] = {API_KEY: API_SECRET}
    return config


@contextmanager
def running_livekit(
    tmp: Path, webhook_url: str, redis: dict[str, Any] | None = None
) -> Iterator[LiveKit]:
    binary = livekit_binary()
    assert binary is not None, "LiveKit server not built (scripts/setup.sh)"
    port, rtc_tcp = free_port(), free_port()
    udp_start = 40000 + (os.getpid() % 200) * 100
    path = tmp / "livekit.yaml"
    config = livekit_config(port, rtc_tcp, udp_start, webhook_url, redis)
    path.write_text(yaml.safe_dump(config))
    log_path = tmp / "livekit.log"
    with log_path.open("wb") as log:
        proc = subprocess.Popen([str(binary), "--config", str(path)], stdout=log, stderr=log)
    livekit = LiveKit(f"ws://127.0.0.1:{port}", f"http://127.0.0.1:{port}", proc, log_path)
    try:
        _wait_started(proc, lambda: _port_open(port), "LiveKit", livekit.log_text)
        yield livekit
    finally:
        _stop(proc)


def _wait_started(
    proc: subprocess.Popen[bytes], ready: Callable[[], bool], what: str, log: Callable[[], str]
) -> None:
    deadline = time.monotonic() + 30
    while not ready():
        if proc.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"{what} did not start:\n{log()[-3000:]}")
        time.sleep(0.2)


def _stop(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


LIVEKIT_REDIS_DB = 9
"""The suite's Redis database that LiveKit and LiveKit SIP share when SIP runs; emptied first
(LiveKit keeps trunks and dispatch rules there)."""


def livekit_redis(redis_url: str) -> dict[str, Any]:
    """LiveKit's `redis` setting for the suite's Redis, in a database of its own, emptied."""
    parsed = urlparse(redis_url)
    host, port = parsed.hostname or "127.0.0.1", parsed.port or 6379
    redis.Redis(host=host, port=port, db=LIVEKIT_REDIS_DB).flushdb()
    return {"address": f"{host}:{port}", "db": LIVEKIT_REDIS_DB}


@contextmanager
def running_livekit_sip(
    tmp: Path, livekit: LiveKit, redis_config: dict[str, Any]
) -> Iterator[LiveKitSip]:
    binary = livekit_sip_binary()
    assert binary is not None, "LiveKit SIP not built (scripts/setup.sh)"
    sip_port = free_port()
    rtp_first = 33000 + (os.getpid() % 100) * 100
    rtp_ports = range(rtp_first, rtp_first + 100)
    config = {
        "api_key": API_KEY,
        "api_secret": API_SECRET,
        "ws_url": livekit.url,
        "redis": redis_config,
        "sip_port": sip_port,
        "rtp_port": f"{rtp_ports.start}-{rtp_ports.stop - 1}",
        "use_external_ip": False,
        "nat_1_to_1_ip": "127.0.0.1",
        "media_nat_1_to_1_ip": "127.0.0.1",
        "health_port": free_port(),
        "logging": {"level": "info"},
    }
    path = tmp / "livekit-sip.yaml"
    path.write_text(yaml.safe_dump(config))
    log_path = tmp / "livekit-sip.log"
    with log_path.open("wb") as log:
        proc = subprocess.Popen([str(binary), "--config", str(path)], stdout=log, stderr=log)
    sip = LiveKitSip(sip_port, rtp_ports, proc, log_path)
    try:
        listening = lambda: "sip signaling listening" in sip.log_text()  # noqa: E731
        _wait_started(proc, listening, "LiveKit SIP", sip.log_text)
        yield sip
    finally:
        _stop(proc)


def livekit_env(livekit: LiveKit, redis_url: str, data_dir: Path) -> dict[str, str]:
    """What every process of the deployment shares (one data dir: one key ring, one JWT secret)."""
    return {
        "LIVEKIT_URL": livekit.url,
        "LIVEKIT_API_KEY": API_KEY,
        "LIVEKIT_API_SECRET": API_SECRET,
        "MOCKLINE_LIVEKIT_AGENT_NAME": AGENT_NAME,
        "MOCKLINE_REDIS_URL": redis_url,
        "MOCKLINE_DATA_DIR": str(data_dir),
        "MOCKLINE_RATE_LIMIT_MULTIPLIER": "100",
    }


@contextmanager
def running_worker(tmp: Path, name: str, env: dict[str, str], **overrides: str) -> Iterator[Worker]:
    metrics_port = free_port()
    log_path = tmp / f"worker-{name}.log"
    temp_dir = tmp / f"worker-{name}-tmp"  # its own: what it leaves behind can be seen
    temp_dir.mkdir()
    full = dict(os.environ)
    full.update(env)
    full.update(
        {
            "PYTHONUNBUFFERED": "1",
            "MOCKLINE_WORKER_METRICS_PORT": str(metrics_port),
            "MOCKLINE_WORKER_HEALTH_PORT": "0",
            "TMPDIR": str(temp_dir),
        }
    )
    full.update(overrides)
    with log_path.open("wb") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "signaling.cli", "worker", "--host", "127.0.0.1"],
            stdout=log,
            stderr=subprocess.STDOUT,
            env=full,
            start_new_session=True,  # its own process group: `kill` takes its job processes too
        )
    worker = Worker(name, proc, log_path, metrics_port)
    try:
        _wait_registered(worker, timeout=180)
        yield worker
    finally:
        if worker.alive():
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
            else:
                # A worker that stopped on its own takes its metrics folder with it.
                left = sorted(p.name for p in temp_dir.glob("mockline-worker-metrics-*"))
                assert not left, f"worker {name} left {left} behind"


def _wait_registered(worker: Worker, timeout: float) -> None:
    """Registered with LiveKit, with a prewarmed job process waiting."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not worker.alive():
            raise RuntimeError(f"worker {worker.name} exited:\n{worker.log_text()[-4000:]}")
        text = worker.log_text()
        if "registered worker" in text and "process initialized" in text:
            return
        time.sleep(0.5)
    raise RuntimeError(
        f"worker {worker.name} not ready in {timeout}s:\n{worker.log_text()[-4000:]}"
    )


def metric_value(text: str, name: str) -> float:
    """The sum of a series' samples in a Prometheus exposition (0 when absent)."""
    total = 0.0
    for line in text.splitlines():
        if line.startswith(name) and not line.startswith("#"):
            head, _, value = line.rpartition(" ")
            if head == name or head.startswith(name + "{"):
                total += float(value)
    return total


@contextmanager
def running_deployment(
    tmp: Path,
    database_url: str,
    redis_url: str,
    *,
    workers: int = 2,
    sip: bool = False,
    **worker_env: str,
) -> Iterator[Deployment]:
    """LiveKit, the web server and ``workers`` workers; with ``sip``, LiveKit SIP in front of
    LiveKit and the web server's dial-in pointed at it."""
    web_port = free_port()
    webhook = f"http://127.0.0.1:{web_port}/api/livekit/webhook"
    with ExitStack() as stack:
        shared_redis = livekit_redis(redis_url) if sip else None
        livekit = stack.enter_context(running_livekit(tmp, webhook, shared_redis))
        env = livekit_env(livekit, redis_url, tmp / "data")
        phone = None
        web_env = dict(env)
        if shared_redis is not None:
            phone = stack.enter_context(running_livekit_sip(tmp, livekit, shared_redis))
            web_env |= {
                "MOCKLINE_SIP_PORT": str(phone.sip_port),
                "MOCKLINE_SIP_NUMBER": "+1 555 0199",
            }
        web = stack.enter_context(
            serving(tmp, database_url, web_env, port=web_port, args=("--livekit",))
        )
        deployment = Deployment(livekit, web, env=env, sip=phone)
        worker_env = {"DATABASE_URL": database_url, **worker_env}
        for n in range(workers):
            deployment.workers.append(
                stack.enter_context(running_worker(tmp, f"w{n}", {**env, **worker_env}))
            )
        yield deployment
