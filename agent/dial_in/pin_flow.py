"""The call before the interview: a welcome, the PIN on the keypad, three tries.

`admit` returns the interview the PIN admits, or None after the caller was told why not
(too many recent wrong PINs, or three wrong entries on this call); the caller hanging up
cancels it. A PIN is never logged. The line is anything with a `PinLine`'s parts: an
embedded SIP call, or a LiveKit phone room.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Protocol, TypeVar
from uuid import UUID

from .guard import Guard
from .keypad import Keypad
from .prompts import Prompt, PromptPlayer, PromptSet

ATTEMPTS = 3
ENTRY_TIMEOUT_S = 25.0
"""From the start of a prompt until an entry must be finished (the prompt takes ~6 s)."""

Redeem = Callable[[str], Awaitable[UUID | None]]
T = TypeVar("T")


class PinLine(Protocol):
    @property
    def caller(self) -> str:
        """Who is calling, for the guard's limits (never logged)."""

    @property
    def keypad(self) -> Keypad: ...

    @property
    def prompts(self) -> PromptPlayer:
        """What the line says, on the line's own media clock."""

    @property
    def gone(self) -> asyncio.Event:
        """Set when the caller has hung up."""


async def while_connected(line: PinLine, work: Awaitable[T]) -> T | None:
    """``work``'s result (or its exception), or None when the caller hangs up first
    (``work`` cancelled)."""
    task = asyncio.ensure_future(work)
    gone = asyncio.ensure_future(line.gone.wait())
    try:
        await asyncio.wait({task, gone}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for pending in (task, gone):
            pending.cancel()
        await asyncio.gather(task, gone, return_exceptions=True)
    if task.cancelled():
        return None
    return task.result()


async def say(call: PinLine, prompts: PromptSet, prompt: Prompt) -> None:
    call.prompts.play(await prompts.get(prompt))
    await call.prompts.finish()


async def admit(call: PinLine, prompts: PromptSet, guard: Guard, redeem: Redeem) -> UUID | None:
    if not await guard.allows(call.caller):
        await say(call, prompts, Prompt.TOO_MANY)
        return None
    call.prompts.play(await prompts.get(Prompt.WELCOME))
    for attempt in range(ATTEMPTS):
        entry = await call.keypad.entry(ENTRY_TIMEOUT_S)
        interview_id = await redeem(entry) if entry else None
        if interview_id is not None:
            await call.prompts.finish()
            await say(call, prompts, Prompt.CONNECTING)
            return interview_id
        if entry:
            await guard.failed(call.caller)
        await call.prompts.finish()
        if attempt + 1 < ATTEMPTS:
            call.prompts.play(await prompts.get(Prompt.RETRY))
    await say(call, prompts, Prompt.WRONG_GOODBYE)
    return None
