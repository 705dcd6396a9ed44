"""`RedisLiveFeed`: the `live.LiveFeed` of a fleet, on Redis publish/subscribe.

The call (on a LiveKit worker, or another web server) publishes each event on the channel
``mockline:live:<interview id>``; a web server streaming the interview to a page subscribes
to it. Publishing goes through one owned task so a call never waits on Redis; when Redis is
slow or down, events are dropped, never the call. Errors are logged by type only (the URL may
hold a password, the events hold what the candidate said).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import AsyncIterator
from uuid import UUID

import redis.asyncio as aioredis

from .live import LiveFeed, MemoryLiveFeed, Message, Watch

log = logging.getLogger(__name__)

_OUTBOX = 1024
"""Events waiting to be published before new ones are dropped."""


def channel(interview_id: UUID) -> str:
    return f"mockline:live:{interview_id}"


class RedisLiveFeed:
    def __init__(self, url: str, *, timeout_s: float = 2.0) -> None:
        self._redis = aioredis.from_url(url, socket_connect_timeout=timeout_s)
        self._outbox: asyncio.Queue[tuple[str, str]] = asyncio.Queue(maxsize=_OUTBOX)
        self._publisher: asyncio.Task[None] | None = None
        self.dropped = 0

    def publish(self, interview_id: UUID, message: Message) -> None:
        if self._outbox.full():
            self.dropped += 1
            return
        self._outbox.put_nowait((channel(interview_id), json.dumps(message)))
        if self._publisher is None or self._publisher.done():
            self._publisher = asyncio.create_task(self._publish_all(), name="live-publish")

    async def _publish_all(self) -> None:
        while True:
            name, data = await self._outbox.get()
            try:
                await self._redis.publish(name, data)
            except Exception as exc:  # Redis down: this event is lost, the call goes on
                self.dropped += 1
                log.warning("live event not published: %s", type(exc).__name__)
            finally:
                self._outbox.task_done()

    @contextlib.asynccontextmanager
    async def watch(self, interview_id: UUID) -> AsyncIterator[Watch]:
        watch = Watch()
        pubsub = self._redis.pubsub(ignore_subscribe_messages=True)
        await pubsub.subscribe(channel(interview_id))
        reader = asyncio.create_task(_read(pubsub, watch), name=f"live-watch-{interview_id}")
        try:
            yield watch
        finally:
            reader.cancel()
            await asyncio.gather(reader, return_exceptions=True)
            with contextlib.suppress(Exception):
                await pubsub.unsubscribe()
            await pubsub.aclose()  # type: ignore[no-untyped-call, unused-ignore]

    async def aclose(self) -> None:
        if self._publisher is not None:
            # What is already queued goes out first (a call's last caption, its end).
            if not self._publisher.done():
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._outbox.join(), 1.0)
            self._publisher.cancel()
            await asyncio.gather(self._publisher, return_exceptions=True)
        await self._redis.aclose()


async def _read(pubsub: aioredis.client.PubSub, watch: Watch) -> None:
    while True:
        try:
            item = await pubsub.get_message(timeout=1.0)
        except Exception as exc:
            log.warning("live watch stopped: %s", type(exc).__name__)
            watch.put({"type": "unavailable"})
            return
        if item is None or item.get("type") != "message":
            continue
        try:
            message = json.loads(item["data"])
        except (TypeError, ValueError):
            continue
        if isinstance(message, dict):
            watch.put(message)


def live_feed(redis_url: str | None) -> LiveFeed:
    """The fleet's feed in Redis when one is configured, else this process's memory."""
    return RedisLiveFeed(redis_url) if redis_url else MemoryLiveFeed()
