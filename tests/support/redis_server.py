"""The Redis the tests use: ``MOCKLINE_TEST_REDIS_URL``, else a local one, else one of their own.

`.ci/run` starts Debian's ``redis-server`` on 6379. When nothing answers there (a developer's
machine), the session starts a private ``redis-server`` on a free loopback port, without
persistence, and stops it at the end.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager

ENV = "MOCKLINE_TEST_REDIS_URL"
_LOCAL_PORT = 6379


def _answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5) as conn:
            conn.sendall(b"PING\r\n")
            return conn.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def redis_for_tests() -> Iterator[str]:
    """A Redis URL for this test session."""
    if os.environ.get(ENV):
        yield os.environ[ENV]
        return
    if _answers(_LOCAL_PORT):
        yield f"redis://127.0.0.1:{_LOCAL_PORT}/0"
        return
    binary = shutil.which("redis-server")
    if binary is None:
        raise RuntimeError("no Redis answers on 6379 and redis-server is not installed (setup.sh)")
    port = _free_port()
    folder = tempfile.mkdtemp(prefix="mockline-test-redis-")
    args = [binary, "--bind", "127.0.0.1", "--port", str(port), "--save", "", "--dir", folder]
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 10
        while not _answers(port):
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("the test Redis did not start")
            time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=10)
        shutil.rmtree(folder, ignore_errors=True)
