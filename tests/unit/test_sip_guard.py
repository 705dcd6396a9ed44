"""`PinGuard`: wrong PINs counted per caller and server-wide, in a sliding window."""

from __future__ import annotations

import pytest

from signaling.sip import guard
from signaling.sip.guard import PinGuard


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    now = [1000.0]
    monkeypatch.setattr("signaling.sip.guard.time.monotonic", lambda: now[0])
    return now


def test_a_caller_is_refused_after_its_wrong_pins(clock: list[float]) -> None:
    pins = PinGuard(per_caller=6, server_wide=60)
    for _ in range(5):
        pins.failed("1.2.3.4|+1555")
    assert pins.allows("1.2.3.4|+1555")
    pins.failed("1.2.3.4|+1555")
    assert not pins.allows("1.2.3.4|+1555")
    assert pins.allows("1.2.3.4|+1666"), "another caller is not limited"


def test_the_window_slides(clock: list[float]) -> None:
    pins = PinGuard(window_s=900, per_caller=2, server_wide=60)
    pins.failed("a")
    clock[0] += 600
    pins.failed("a")
    assert not pins.allows("a")
    clock[0] += 301  # the first one is out of the window
    assert pins.allows("a")
    clock[0] += 600
    assert pins.allows("a")


def test_the_server_wide_limit_stops_a_guesser_who_changes_caller_id(clock: list[float]) -> None:
    pins = PinGuard(per_caller=6, server_wide=10)
    for n in range(10):
        assert pins.allows(f"caller-{n}")
        pins.failed(f"caller-{n}")
    assert not pins.allows("caller-new")
    clock[0] += pins.window_s + 1
    assert pins.allows("caller-new")


def test_callers_kept_are_bounded(clock: list[float], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(guard, "_MAX_CALLERS", 100)
    pins = PinGuard(per_caller=1, server_wide=10**6)
    pins.failed("first")
    for n in range(200):
        pins.failed(f"caller-{n}")
    assert len(pins._callers) == 100
    assert pins.allows("first"), "the oldest caller was evicted"
    assert not pins.allows("caller-199")
