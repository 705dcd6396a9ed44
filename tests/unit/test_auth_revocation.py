"""The access-token deny-list: entries last until their time, and an unreachable Redis
leaves this server refusing what it revoked itself (with a warning), never erroring."""

from __future__ import annotations

import logging
import socket
import time

import pytest

from signaling.auth.revocation import MemoryRevocations, RedisRevocations


async def test_memory_entries_expire_at_their_time() -> None:
    now = [1000.0]
    revoked = MemoryRevocations(clock=lambda: now[0])
    await revoked.revoke("jti:a", until=1010.0)
    assert await revoked.any_revoked(["sid:x", "jti:a"])
    assert not await revoked.any_revoked(["jti:b"])
    now[0] = 1010.5
    assert not await revoked.any_revoked(["jti:a"])


async def test_memory_list_prunes_expired_entries() -> None:
    now = [0.0]
    revoked = MemoryRevocations(clock=lambda: now[0], max_entries=10)
    for n in range(9):
        await revoked.revoke(f"jti:{n}", until=5.0)
    now[0] = 6.0
    await revoked.revoke("jti:last", until=100.0)  # the tenth entry prunes the nine
    assert await revoked.any_revoked(["jti:last"])
    assert len(revoked._until) == 1


async def test_unreachable_redis_falls_back_to_this_servers_list(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        dead = f"redis://:hunter2@127.0.0.1:{s.getsockname()[1]}/0"
    revoked = RedisRevocations(dead, timeout_s=0.2)
    try:
        with caplog.at_level(logging.WARNING):
            await revoked.revoke("jti:mine", until=time.time() + 60)
            assert await revoked.any_revoked(["jti:mine"])
            assert not await revoked.any_revoked(["jti:someone-elses"])
    finally:
        await revoked.aclose()
    assert "token deny-list: Redis unreachable" in caplog.text
    assert "hunter2" not in caplog.text
