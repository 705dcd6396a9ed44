"""Fails tests on asyncio tasks nobody owned: "Task exception was never retrieved" and
"Task was destroyed but it is pending".

asyncio reports both through the loop's exception handler, which logs them on the
``asyncio`` logger when the task object is garbage-collected. Two places see them:

- in this process (`tests/db`, `tests/server`): a handler on that logger during each test,
  with a garbage collection at its end so the report lands in the test that leaked;
- in a server subprocess: its log. The session `server`'s new log lines are checked after
  each test that uses it, and `server_process.serving` checks a server's whole log when it
  stops (`assert_no_task_leaks`).

Loaded as a plugin from ``tests/conftest.py``.
"""

from __future__ import annotations

import gc
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

LEAK_SIGNS = ("Task exception was never retrieved", "Task was destroyed but it is pending")
WATCHED = ("db", "server")
"""Test folders (under tests/) whose tests run calls, sessions and servers."""


def task_leaks(log_text: str) -> list[str]:
    """The lines of ``log_text`` that report an unowned task, each with the line after it
    (which names the task)."""
    lines = log_text.splitlines()
    return [
        "\n".join(lines[i : i + 2])
        for i, line in enumerate(lines)
        if any(s in line for s in LEAK_SIGNS)
    ]


def assert_no_task_leaks(log_text: str, where: str) -> None:
    leaks = task_leaks(log_text)
    assert not leaks, f"unowned asyncio tasks in {where}:\n" + "\n".join(leaks[:10])


class _LeakRecords(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.found: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if message.startswith(LEAK_SIGNS):
            self.found.append(message[:600])


def _watched(path: Path) -> bool:
    return path.parent.name in WATCHED and path.parent.parent.name == "tests"


@pytest.fixture(autouse=True)
def no_unowned_tasks(request: pytest.FixtureRequest) -> Iterator[None]:
    if not _watched(Path(str(request.path))):
        yield
        return
    server = request.getfixturevalue("server") if "server" in request.fixturenames else None
    offset = len(server.log_text()) if server is not None else 0
    records = _LeakRecords()
    asyncio_log = logging.getLogger("asyncio")
    asyncio_log.addHandler(records)
    try:
        yield
        gc.collect()
    finally:
        asyncio_log.removeHandler(records)
    assert not records.found, "unowned asyncio tasks in this process:\n" + "\n".join(
        records.found[:10]
    )
    if server is not None:
        assert_no_task_leaks(server.log_text()[offset:], "the server's log")
