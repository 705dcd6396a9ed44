"""The sign-in delay's schedule and whose count an attempt goes to (signaling/auth)."""

from __future__ import annotations

from uuid import uuid4

from signaling.auth.signin_throttle import BACKOFF, FREE_FAILURES, MAX_DELAY_S, SignInAttempt
from signaling.auth.tokens import DeviceGrant


def test_the_delay_doubles_after_the_free_failures_up_to_its_cap() -> None:
    delay_after = BACKOFF.delay_after
    assert [delay_after(n) for n in range(FREE_FAILURES)] == [0.0] * FREE_FAILURES
    assert [delay_after(FREE_FAILURES + n) for n in range(4)] == [1.0, 2.0, 4.0, 8.0]
    assert delay_after(FREE_FAILURES + 40) == delay_after(10_000) == MAX_DELAY_S


def test_only_a_device_token_of_the_same_account_is_trusted() -> None:
    owner, stranger = uuid4(), uuid4()
    mine = DeviceGrant(owner, "device-1")
    account = SignInAttempt.of("Ada@Example.org", owner, None)
    assert not account.trusted_browser
    assert SignInAttempt.of(" ada@example.org ", owner, None) == account, "one key per email"
    trusted = SignInAttempt.of("ada@example.org", owner, mine)
    assert trusted.trusted_browser and trusted.key != account.key
    assert SignInAttempt.of("ada@example.org", stranger, mine) == account, "another account's"
    assert SignInAttempt.of("ada@example.org", None, mine) == account, "an unknown email"
    other_browser = SignInAttempt.of("ada@example.org", owner, DeviceGrant(owner, "device-2"))
    assert other_browser.trusted_browser and other_browser.key != trusted.key
