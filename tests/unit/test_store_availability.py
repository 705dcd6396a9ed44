"""Which errors mean "the database cannot be reached": real driver errors, not look-alikes."""

from __future__ import annotations

import asyncio
from pathlib import Path

import asyncpg
import pytest

from agent.store.availability import DatabaseProbe, is_unavailable


async def _refused(tmp_path: Path) -> OSError:
    """The error asyncpg raises for a server whose socket is not there."""
    try:
        await asyncpg.connect(f"postgresql://postgres@/postgres?host={tmp_path}", timeout=2)
    except OSError as exc:
        return exc
    raise AssertionError("connected to nothing")


async def test_a_connection_failure_inside_asyncpg_is_an_outage(tmp_path: Path) -> None:
    assert is_unavailable(await _refused(tmp_path))


async def test_the_same_error_elsewhere_is_not(tmp_path: Path) -> None:
    try:
        (tmp_path / "missing").read_text()
    except OSError as exc:
        assert not is_unavailable(exc)
    try:
        async with asyncio.timeout(0.01):
            await asyncio.sleep(1)
    except TimeoutError as exc:
        assert not is_unavailable(exc)


async def test_wrapped_outages_are_found(tmp_path: Path) -> None:
    refused = await _refused(tmp_path)
    try:
        raise RuntimeError("restore failed") from refused
    except RuntimeError as wrapped:
        assert is_unavailable(wrapped)
    assert is_unavailable(ExceptionGroup("several", [ValueError("x"), refused]))
    try:
        try:
            raise refused
        except OSError:
            raise KeyError("a bug in an except block") from None
    except KeyError as unrelated:
        assert not is_unavailable(unrelated)


@pytest.mark.parametrize(
    ("error", "outage"),
    [
        (asyncpg.CannotConnectNowError("the database system is starting up"), True),
        (asyncpg.AdminShutdownError("terminating connection due to administrator command"), True),
        (asyncpg.ConnectionDoesNotExistError("connection was closed in the middle"), True),
        (asyncpg.TooManyConnectionsError("sorry, too many clients already"), True),
        (asyncpg.InterfaceError("connection is closed"), True),
        (
            asyncpg.InterfaceError("cannot perform operation: another operation is in progress"),
            False,
        ),
        (asyncpg.QueryCanceledError("canceling statement due to statement timeout"), False),
        (asyncpg.UniqueViolationError("duplicate key value"), False),
        (ValueError("not a database error"), False),
    ],
)
def test_server_errors(error: Exception, outage: bool) -> None:
    assert is_unavailable(error) is outage


async def test_probe_names_the_error_type_only(tmp_path: Path) -> None:
    secret_url = f"postgresql://postgres:hunter2@/postgres?host={tmp_path}"
    problem = await DatabaseProbe(secret_url, timeout_s=1).check()
    assert problem is not None and "hunter2" not in problem and str(tmp_path) not in problem


async def test_probe_answers_from_cache_then_probes_again(tmp_path: Path) -> None:
    url = f"postgresql://postgres@/postgres?host={tmp_path}"
    cached, fresh = DatabaseProbe(url, cache_s=60), DatabaseProbe(url, cache_s=0)
    assert await cached.check() == await fresh.check() == "FileNotFoundError"

    async def hang_up(_: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        writer.close()

    # Something now listens where the server's socket would be, and hangs up at once.
    listener = await asyncio.start_unix_server(hang_up, path=str(tmp_path / ".s.PGSQL.5432"))
    async with listener:
        assert await cached.check() == "FileNotFoundError"
        changed = await fresh.check()
    assert changed is not None and changed != "FileNotFoundError"
