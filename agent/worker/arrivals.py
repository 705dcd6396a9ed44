"""Waiting in a room for the participant a job serves (the candidate's browser, a phone
caller): the first one present or joining that ``wanted`` accepts."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from livekit import rtc


async def participant_joins(
    room: rtc.Room, wanted: Callable[[rtc.RemoteParticipant], bool]
) -> rtc.RemoteParticipant:
    joined: asyncio.Future[rtc.RemoteParticipant] = asyncio.get_running_loop().create_future()

    def on_connected(p: rtc.RemoteParticipant) -> None:
        if wanted(p) and not joined.done():
            joined.set_result(p)

    room.on("participant_connected", on_connected)
    try:
        for p in room.remote_participants.values():
            on_connected(p)
        return await joined
    finally:
        room.off("participant_connected", on_connected)
