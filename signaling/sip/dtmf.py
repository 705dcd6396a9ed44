"""Keypad digits from both places a trunk may put them: RFC 4733 telephone-events in the
RTP stream (`media.RtpLeg.on_digit`) and SIP INFO bodies (``application/dtmf-relay``,
``application/dtmf``), the fallback for trunks that strip events from the media.

`Keypad` collects them into entries: digits up to ``#`` (or the longest PIN), ``*`` clears.
A digit sent both ways arrives twice; a trunk sends one or the other.
"""

from __future__ import annotations

import asyncio
import re

DIGITS = frozenset("0123456789*#")
_SIGNAL = re.compile(r"^\s*signal\s*=\s*(\S+)", re.IGNORECASE | re.MULTILINE)
_EVENT_CODES = {"10": "*", "11": "#"}
"""RFC 4733 event numbers for * and #: some gateways put them in INFO bodies (Asterisk
reads them so too)."""


def digit_of_info(content_type: str | None, body: str) -> str | None:
    """The digit a SIP INFO carries, or None when it carries none."""
    kind = (content_type or "").split(";")[0].strip().lower()
    if kind == "application/dtmf-relay":
        match = _SIGNAL.search(body[:512])
        digit = match.group(1) if match else None
    elif kind == "application/dtmf":
        digit = body[:16].strip()
    else:
        return None
    if digit is None:
        return None
    digit = _EVENT_CODES.get(digit, digit)
    return digit if digit in DIGITS else None


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
