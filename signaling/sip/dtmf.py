"""Keypad digits from both places a trunk may put them: RFC 4733 telephone-events in the
RTP stream (`media.RtpLeg.on_digit`) and SIP INFO bodies (``application/dtmf-relay``,
``application/dtmf``), the fallback for trunks that strip events from the media.

`agent.dial_in.keypad.Keypad` collects them into entries. A digit sent both ways arrives
twice; a trunk sends one or the other.
"""

from __future__ import annotations

import re

from agent.dial_in.keypad import DIGITS

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
