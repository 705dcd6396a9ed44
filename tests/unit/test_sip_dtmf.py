"""Keypad digits from SIP INFO bodies, and `Keypad` turning digits into PIN entries."""

from __future__ import annotations

import pytest

from agent.dial_in.keypad import Keypad
from signaling.sip.dtmf import digit_of_info


@pytest.mark.parametrize(
    ("content_type", "body", "digit"),
    [
        ("application/dtmf-relay", "Signal=5\r\nDuration=160\r\n", "5"),
        ("application/dtmf-relay", "Signal= #\r\nDuration=100", "#"),
        ("Application/DTMF-Relay; charset=x", "signal=*\r\n", "*"),
        ("application/dtmf-relay", "Duration=160\r\nSignal=0\r\n", "0"),
        ("application/dtmf-relay", "Signal=10\r\nDuration=160", "*"),  # event codes
        ("application/dtmf-relay", "Signal=11\r\nDuration=160", "#"),
        ("application/dtmf", "7", "7"),
        ("application/dtmf", " 11\r\n", "#"),
        ("application/dtmf", "10", "*"),
    ],
)
def test_info_bodies_give_their_digit(content_type: str, body: str, digit: str) -> None:
    assert digit_of_info(content_type, body) == digit


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("application/dtmf-relay", "Duration=160\r\n"),  # no signal
        ("application/dtmf-relay", "Signal=A\r\n"),  # A-D: not on a phone's keypad here
        ("application/dtmf-relay", "Signal=12\r\n"),
        ("application/dtmf-relay", "Signal=55\r\n"),
        ("application/dtmf-relay", "X" * 600 + "\r\nSignal=5\r\n"),  # beyond what is read
        ("application/dtmf", "123"),
        ("application/dtmf", ""),
        ("text/plain", "Signal=5"),
        (None, "5"),
        ("application/sdp", "v=0"),
    ],
)
def test_info_without_a_digit_gives_none(content_type: str | None, body: str) -> None:
    assert digit_of_info(content_type, body) is None


async def test_pound_ends_an_entry_and_star_starts_over() -> None:
    pad = Keypad(max_digits=8)
    for digit in "12*3456#":
        pad.press(digit)
    assert await pad.entry(1.0) == "3456"


async def test_an_entry_ends_itself_at_the_longest_pin() -> None:
    pad = Keypad(max_digits=4)
    for digit in "123456#":
        pad.press(digit)
    assert await pad.entry(1.0) == "1234"
    assert await pad.entry(1.0) == "56"


async def test_waiting_too_long_takes_what_was_typed() -> None:
    pad = Keypad(max_digits=8)
    pad.press("4")
    pad.press("2")
    assert await pad.entry(0.05) == "42"
    assert await pad.entry(0.05) is None  # nothing typed: no entry


async def test_empty_entries_and_unknown_keys_are_ignored() -> None:
    pad = Keypad(max_digits=8)
    for digit in "##A?9#":
        pad.press(digit)
    assert await pad.entry(1.0) == "9"


async def test_a_flood_of_entries_is_bounded() -> None:
    pad = Keypad(max_digits=8)
    for _ in range(100):
        pad.press("1")
        pad.press("#")
    entries = [await pad.entry(0.01) for _ in range(10)]
    assert entries[:8] == ["1"] * 8 and entries[8:] == [None, None]
