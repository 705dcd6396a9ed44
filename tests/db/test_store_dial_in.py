"""`DialInStore` against a real PostgreSQL: PINs kept only as keyed hashes, bound to one
interview, expiring, pushed forward by each call, and gone when the interview ends."""

from __future__ import annotations

import hashlib
import hmac
from datetime import UTC, datetime, timedelta

import asyncpg
import pytest

from agent.store.dial_in import PIN_DIGITS, DialInStore
from agent.store.interviews import InterviewStore
from agent.store.models import Interview, InterviewStatus, User

PEPPER = b"p" * 32


@pytest.fixture
def pins(store_pool: asyncpg.Pool) -> DialInStore:
    return DialInStore(store_pool, PEPPER)


async def _interview(store: InterviewStore, owner: User) -> Interview:
    return await store.create_interview(
        owner_id=owner.id, role="backend_engineer", level="mid", interview_type="technical"
    )


async def _row(pool: asyncpg.Pool, interview: Interview) -> asyncpg.Record | None:
    return await pool.fetchrow(
        "select pin_hash, expires_at, used_at from dial_in_pins where interview_id = $1",
        interview.id,
    )


async def test_a_pin_is_stored_only_as_its_keyed_hash(
    pins: DialInStore, interview_store: InterviewStore, owner: User, store_pool: asyncpg.Pool
) -> None:
    interview = await _interview(interview_store, owner)
    pin = await pins.issue(interview.id, ttl_s=600)
    assert len(pin) == PIN_DIGITS and pin.isdigit()
    row = await _row(store_pool, interview)
    assert row is not None
    assert row["pin_hash"] == hmac.new(PEPPER, pin.encode(), hashlib.sha256).digest()
    assert row["pin_hash"] != hashlib.sha256(pin.encode()).digest()  # keyed, not a bare hash
    assert pin.encode() not in row["pin_hash"]
    assert row["used_at"] is None
    # Another server secret cannot redeem it (the pepper is part of the key).
    assert await DialInStore(store_pool, b"q" * 32).redeem(pin, 60) is None
    assert await pins.redeem(pin, 60) == interview.id


async def test_a_new_pin_replaces_the_old_one(
    pins: DialInStore, interview_store: InterviewStore, owner: User
) -> None:
    interview = await _interview(interview_store, owner)
    old = await pins.issue(interview.id, ttl_s=600)
    new = await pins.issue(interview.id, ttl_s=600)
    assert await pins.redeem(old, 60) is None or old == new
    assert await pins.redeem(new, 60) == interview.id


async def test_an_expired_pin_is_refused_and_purged(
    pins: DialInStore, interview_store: InterviewStore, owner: User, store_pool: asyncpg.Pool
) -> None:
    interview = await _interview(interview_store, owner)
    pin = await pins.issue(interview.id, ttl_s=0)
    assert await pins.redeem(pin, 3600) is None
    assert await pins.purge_expired() >= 1
    assert await _row(store_pool, interview) is None


async def test_each_call_pushes_the_expiry_forward(
    pins: DialInStore, interview_store: InterviewStore, owner: User, store_pool: asyncpg.Pool
) -> None:
    interview = await _interview(interview_store, owner)
    pin = await pins.issue(interview.id, ttl_s=60)
    assert await pins.redeem(pin, 3600) == interview.id
    row = await _row(store_pool, interview)
    assert row is not None and row["used_at"] is not None
    assert row["expires_at"] > datetime.now(UTC) + timedelta(minutes=55)
    # A shorter resume window never shortens it.
    assert await pins.redeem(pin, 1) == interview.id
    again = await _row(store_pool, interview)
    assert again is not None and again["expires_at"] == row["expires_at"]


@pytest.mark.parametrize("end", ["completed", "failed", "deleted"])
async def test_a_pin_dies_with_its_interview(
    pins: DialInStore,
    interview_store: InterviewStore,
    owner: User,
    store_pool: asyncpg.Pool,
    end: str,
) -> None:
    interview = await _interview(interview_store, owner)
    pin = await pins.issue(interview.id, ttl_s=600)
    assert await pins.redeem(pin, 600) == interview.id  # used once: the call was made
    await interview_store.move_status(interview.id, "active", allowed_from=["created"])
    if end == "deleted":
        assert await interview_store.delete_owned(interview.id, owner.id)
    else:
        status: InterviewStatus = "completed" if end == "completed" else "failed"
        await interview_store.move_status(interview.id, status, allowed_from=["active"])
    assert await pins.redeem(pin, 600) is None
    assert await _row(store_pool, interview) is None, "the finished interview kept its PIN"


@pytest.mark.parametrize("typed", ["", "1234567", "123456789", "12a45678", "1234 678", "########"])
async def test_what_is_not_a_pin_is_refused(pins: DialInStore, typed: str) -> None:
    assert await pins.redeem(typed, 60) is None


async def test_pins_of_two_interviews_do_not_cross(
    pins: DialInStore, interview_store: InterviewStore, owner: User
) -> None:
    first = await _interview(interview_store, owner)
    second = await _interview(interview_store, owner)
    pin_a = await pins.issue(first.id, ttl_s=600)
    pin_b = await pins.issue(second.id, ttl_s=600)
    assert await pins.redeem(pin_a, 60) == first.id
    assert await pins.redeem(pin_b, 60) == second.id
    await pins.forget(first.id)
    assert await pins.redeem(pin_a, 60) is None
    assert await pins.redeem(pin_b, 60) == second.id
