"""`Keypad`: the digits a caller types, collected into entries: digits up to ``#`` (or the
longest PIN), ``*`` clears. Digits come from wherever the line carries them (RFC 4733 events,
SIP INFO, LiveKit SIP's DTMF messages).
"""

from __future__ import annotations

import asyncio

DIGITS = frozenset("0123456789*#")


class Keypad:
    """Digits in, whole entries out (`entry`)."""

    def __init__(self, max_digits: int) -> None:
        self._max = max_digits
        self._digits: list[str] = []
        self._entries: asyncio.Queue[str] = asyncio.Queue(maxsize=8)

    def press(self, digit: str) -> None:
        if digit not in DIGITS:
            return
        if digit == "*":
            self._digits.clear()
        elif digit == "#":
            self._submit()
        else:
            self._digits.append(digit)
            if len(self._digits) >= self._max:
                self._submit()

    def _submit(self) -> None:
        entry = "".join(self._digits)
        self._digits.clear()
        if entry and not self._entries.full():
            self._entries.put_nowait(entry)

    async def entry(self, timeout_s: float) -> str | None:
        """The next entry, or None when none is finished within ``timeout_s`` (what was
        typed by then counts as the entry, if anything)."""
        try:
            async with asyncio.timeout(timeout_s):
                return await self._entries.get()
        except TimeoutError:
            self._submit()
            return self._entries.get_nowait() if not self._entries.empty() else None
