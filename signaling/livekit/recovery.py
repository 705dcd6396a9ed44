"""Noticing a dead worker within seconds: its calls' presence leases expire in Redis.

A call's presence (`agent.sessions.presence.CallPresence`) is renewed every few seconds by
the job that runs it; a killed worker stops renewing and Redis expires the key. LiveKit
itself notices the dead interviewer only when its media times out (about 20 s), so the web
tier listens for Redis's expiry events (keyspace notifications, ``notify-keyspace-events
Ex``, switched on here when Redis allows it) and recovers the call at once: the stale
interviewer is removed from the room and another worker is dispatched
(`calls.LiveKitCalls.recover`), unless its job takes the presence back within a short grace
(a stalled process, not a dead one). A released lease is deleted, not expired, so a call that
ended normally is never "recovered". Every web server hears the event; one acts.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from uuid import UUID

import redis.asyncio as aioredis
from redis.exceptions import RedisError

from agent.sessions.presence import CallPresence
from agent.store.interviews import InterviewStore

from .calls import LiveKitCalls

log = logging.getLogger(__name__)

_PREFIX = "mockline:call:"
_RETRY_S = 5.0


async def _enable_expiry_events(client: aioredis.Redis) -> None:
    try:
        current = (await client.config_get("notify-keyspace-events")).get(
            "notify-keyspace-events", ""
        )
        wanted = "".join(sorted(set(str(current)) | {"E", "x"}))
        if set(wanted) != set(str(current)):
            await client.config_set("notify-keyspace-events", wanted)
    except RedisError as exc:  # a managed Redis may forbid CONFIG: then it must be set there
        log.warning(
            "cannot enable Redis expiry events (%s): set notify-keyspace-events Ex, or dead "
            "workers are noticed only when LiveKit drops them",
            type(exc).__name__,
        )


def _interview_of(key: str) -> UUID | None:
    if not key.startswith(_PREFIX):
        return None
    try:
        return UUID(key.removeprefix(_PREFIX))
    except ValueError:
        return None


async def watch_expired_calls(
    redis_url: str,
    calls: LiveKitCalls,
    store: Callable[[], InterviewStore],
    presence: CallPresence,
) -> None:
    """Runs until cancelled; reconnects after Redis errors. Each recovery runs as its own
    task (it waits out a grace period first), owned here and cancelled with the watch."""
    recoveries: set[asyncio.Task[None]] = set()
    try:
        while True:
            client = aioredis.from_url(redis_url, decode_responses=True)
            try:
                await _enable_expiry_events(client)
                async with client.pubsub() as pubsub:
                    await pubsub.psubscribe("__keyevent@*__:expired")
                    async for message in pubsub.listen():
                        if message.get("type") != "pmessage":
                            continue
                        interview_id = _interview_of(str(message.get("data", "")))
                        if interview_id is not None:
                            task = asyncio.create_task(
                                _recover(calls, interview_id, store(), presence),
                                name=f"recover-{interview_id}",
                            )
                            recoveries.add(task)
                            task.add_done_callback(recoveries.discard)
            except (RedisError, OSError) as exc:
                log.warning("watching expired calls failed (%s); retrying", type(exc).__name__)
            finally:
                await client.aclose()
            await asyncio.sleep(_RETRY_S)
    finally:
        for task in list(recoveries):
            task.cancel()
        await asyncio.gather(*recoveries, return_exceptions=True)


async def _recover(
    calls: LiveKitCalls, interview_id: UUID, store: InterviewStore, presence: CallPresence
) -> None:
    try:
        await calls.recover(interview_id, store, presence)
    except Exception as exc:  # one call's recovery must not stop the watch
        log.warning("recovering interview %s failed (%s)", interview_id, type(exc).__name__)
