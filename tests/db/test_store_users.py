"""UserStore against a real PostgreSQL: accounts, claiming, settings, deletion, tokens, retention."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from uuid import UUID, uuid4

import asyncpg
import pytest

from agent.store.interviews import InterviewStore
from agent.store.models import Interview, User
from agent.store.users import EmailTakenError, RefreshTokenReusedError, Rotation, UserStore

from store_fixtures import new_guest


def _email() -> str:
    return f"Ada-{uuid4().hex[:10]}@Example.com"


def _token_hash() -> bytes:
    return hashlib.sha256(secrets.token_bytes(32)).digest()


def _in(delta: timedelta) -> datetime:
    return datetime.now(UTC) + delta


async def _new_interview(store: InterviewStore, owner_id: UUID) -> Interview:
    return await store.create_interview(
        owner_id=owner_id, role="backend_engineer", level="mid", interview_type="technical"
    )


async def _count(pool: asyncpg.Pool, table: str, column: str, value: UUID) -> int:
    count: int = await pool.fetchval(f"select count(*) from {table} where {column} = $1", value)
    return count


# -- accounts -------------------------------------------------------------------------------


async def test_create_guest(user_store: UserStore) -> None:
    guest = await user_store.create_user(email=None, password_hash=None, is_guest=True)
    assert guest.is_guest and guest.email is None
    assert guest.display_name is None and guest.claimed_at is None
    assert guest.store_audio is False and guest.transcript_retention_days is None
    assert await user_store.get_user(guest.id) == guest
    assert await user_store.get_user(uuid4()) is None


async def test_create_with_email_keeps_its_spelling(user_store: UserStore) -> None:
    email = _email()
    user = await user_store.create_user(email=email, password_hash="hash-1", is_guest=False)
    assert user.email == email and not user.is_guest and user.claimed_at is None
    assert await user_store.get_user(user.id) == user


@pytest.mark.parametrize("spell", [str, str.lower, str.upper, str.swapcase])
async def test_duplicate_email_in_any_case_is_taken(
    user_store: UserStore, spell: Callable[[str], str]
) -> None:
    email = _email()
    await user_store.create_user(email=email, password_hash="hash-1", is_guest=False)
    with pytest.raises(EmailTakenError):
        await user_store.create_user(email=spell(email), password_hash="hash-2", is_guest=False)


async def test_get_credentials_ignores_case(user_store: UserStore) -> None:
    email = _email()
    user = await user_store.create_user(email=email, password_hash="hash-1", is_guest=False)
    assert await user_store.get_credentials(email.upper()) == (user, "hash-1")
    assert await user_store.get_credentials(email.lower()) == (user, "hash-1")

    await user_store.set_password_hash(user.id, "hash-2")
    assert await user_store.get_credentials(email) == (user, "hash-2")


async def test_get_credentials_none_for_unknown_email_and_passwordless_accounts(
    user_store: UserStore,
) -> None:
    assert await user_store.get_credentials(_email()) is None
    email = _email()
    await user_store.create_user(email=email, password_hash=None, is_guest=True)
    assert await user_store.get_credentials(email) is None


# -- claiming a guest -----------------------------------------------------------------------


async def test_claim_guest_keeps_its_interviews(
    user_store: UserStore, interview_store: InterviewStore
) -> None:
    guest = await new_guest(user_store)
    interview = await _new_interview(interview_store, guest.id)
    email = _email()

    claimed = await user_store.claim_guest(guest.id, email=email, password_hash="hash-1")

    assert claimed is not None
    assert (claimed.id, claimed.email, claimed.is_guest) == (guest.id, email, False)
    assert claimed.claimed_at is not None and claimed.claimed_at >= claimed.created_at
    assert await user_store.get_user(guest.id) == claimed
    assert await user_store.get_credentials(email) == (claimed, "hash-1")
    assert await interview_store.list_for_owner(guest.id) == [interview]


async def test_claim_none_for_a_non_guest_or_unknown_user(user_store: UserStore) -> None:
    user = await user_store.create_user(email=_email(), password_hash="hash-1", is_guest=False)
    assert await user_store.claim_guest(user.id, email=_email(), password_hash="h") is None
    assert await user_store.get_user(user.id) == user
    assert await user_store.claim_guest(uuid4(), email=_email(), password_hash="h") is None

    guest = await new_guest(user_store)
    claimed = await user_store.claim_guest(guest.id, email=_email(), password_hash="hash-1")
    assert claimed is not None
    assert await user_store.claim_guest(guest.id, email=_email(), password_hash="h") is None
    assert await user_store.get_user(guest.id) == claimed


async def test_claim_with_a_taken_email_fails_and_leaves_the_guest(user_store: UserStore) -> None:
    email = _email()
    await user_store.create_user(email=email, password_hash="hash-1", is_guest=False)
    guest = await new_guest(user_store)
    with pytest.raises(EmailTakenError):
        await user_store.claim_guest(guest.id, email=email.upper(), password_hash="hash-2")
    assert await user_store.get_user(guest.id) == guest


# -- settings -------------------------------------------------------------------------------


async def test_update_settings_changes_only_what_is_given(user_store: UserStore) -> None:
    user = await new_guest(user_store)

    audio = await user_store.update_settings(user.id, store_audio=True)
    assert audio is not None
    assert audio.store_audio is True and audio.transcript_retention_days is None

    retained = await user_store.update_settings(user.id, transcript_retention_days=30)
    assert retained is not None
    assert retained.store_audio is True and retained.transcript_retention_days == 30

    assert await user_store.update_settings(user.id) == retained

    cleared = await user_store.update_settings(user.id, store_audio=False, clear_retention=True)
    assert cleared is not None
    assert cleared.store_audio is False and cleared.transcript_retention_days is None
    assert await user_store.get_user(user.id) == cleared

    assert await user_store.update_settings(uuid4(), store_audio=True) is None


@pytest.mark.parametrize("days", [1, 3650])
async def test_retention_bounds_are_accepted(user_store: UserStore, days: int) -> None:
    user = await new_guest(user_store)
    updated = await user_store.update_settings(user.id, transcript_retention_days=days)
    assert updated is not None and updated.transcript_retention_days == days


@pytest.mark.parametrize("days", [0, 4000])
async def test_database_rejects_retention_out_of_range(user_store: UserStore, days: int) -> None:
    user = await new_guest(user_store)
    with pytest.raises(asyncpg.CheckViolationError):
        await user_store.update_settings(user.id, transcript_retention_days=days)
    assert await user_store.get_user(user.id) == user


# -- deletion -------------------------------------------------------------------------------


async def test_delete_user_deletes_everything_they_own(
    user_store: UserStore, interview_store: InterviewStore, store_pool: asyncpg.Pool
) -> None:
    user = await user_store.create_user(email=_email(), password_hash="hash-1", is_guest=False)
    interview = await _new_interview(interview_store, user.id)
    await interview_store.add_turn(interview.id, speaker="candidate", text="x", started_at=0.0)
    await user_store.add_refresh_token(user.id, _token_hash(), _in(timedelta(days=30)))
    other = await new_guest(user_store)
    kept = await _new_interview(interview_store, other.id)

    assert await user_store.delete_user(user.id) is True

    assert await user_store.get_user(user.id) is None
    assert await interview_store.get_interview(interview.id) is None
    assert await _count(store_pool, "turns", "interview_id", interview.id) == 0
    assert await _count(store_pool, "refresh_tokens", "user_id", user.id) == 0
    assert await user_store.delete_user(user.id) is False
    assert await interview_store.get_interview(kept.id) == kept


# -- refresh tokens -------------------------------------------------------------------------


async def test_refresh_token_is_consumed_once_and_rotates_in_its_family(
    user_store: UserStore,
) -> None:
    user = await new_guest(user_store)
    first, second = _token_hash(), _token_hash()
    family = await user_store.add_refresh_token(user.id, first, _in(timedelta(days=30)))
    assert await user_store.consume_refresh_token(first) == Rotation(user.id, family)
    assert await user_store.add_refresh_token(user.id, second, _in(timedelta(days=30)), family) == (
        family
    )
    assert await user_store.consume_refresh_token(second) == Rotation(user.id, family)


async def test_unknown_or_expired_refresh_token_gives_none(user_store: UserStore) -> None:
    user = await new_guest(user_store)
    expired = _token_hash()
    await user_store.add_refresh_token(user.id, expired, _in(-timedelta(minutes=1)))
    assert await user_store.consume_refresh_token(expired) is None
    assert await user_store.consume_refresh_token(_token_hash()) is None


async def test_a_reused_token_revokes_its_whole_family_only(user_store: UserStore) -> None:
    user = await new_guest(user_store)
    stolen, newer, elsewhere = _token_hash(), _token_hash(), _token_hash()
    family = await user_store.add_refresh_token(user.id, stolen, _in(timedelta(days=30)))
    other_family = await user_store.add_refresh_token(user.id, elsewhere, _in(timedelta(days=30)))
    await user_store.consume_refresh_token(stolen)
    await user_store.add_refresh_token(user.id, newer, _in(timedelta(days=30)), family)
    assert set(await user_store.live_refresh_families(user.id)) == {family, other_family}

    with pytest.raises(RefreshTokenReusedError) as reused:
        await user_store.consume_refresh_token(stolen)
    assert (reused.value.user_id, reused.value.family_id) == (user.id, family)
    with pytest.raises(RefreshTokenReusedError):
        await user_store.consume_refresh_token(newer)  # revoked with its family
    assert await user_store.live_refresh_families(user.id) == [other_family]
    assert await user_store.consume_refresh_token(elsewhere) == Rotation(user.id, other_family)


async def test_sign_out_revokes_the_family(user_store: UserStore) -> None:
    user = await new_guest(user_store)
    token = _token_hash()
    family = await user_store.add_refresh_token(user.id, token, _in(timedelta(days=30)))
    assert await user_store.revoke_refresh_family(token) == family
    assert await user_store.revoke_refresh_family(token) == family  # twice is harmless
    assert await user_store.revoke_refresh_family(_token_hash()) is None  # unknown: nothing
    assert await user_store.live_refresh_families(user.id) == []
    with pytest.raises(RefreshTokenReusedError):
        await user_store.consume_refresh_token(token)


# -- retention ------------------------------------------------------------------------------


async def test_purge_deletes_turns_only_past_their_owners_retention(
    user_store: UserStore, interview_store: InterviewStore, store_pool: asyncpg.Pool
) -> None:
    await user_store.purge_expired_transcripts()  # whatever earlier tests left past retention

    async def interview_aged(owner: User, days: int, turns: int) -> Interview:
        interview = await _new_interview(interview_store, owner.id)
        for i in range(turns):
            await interview_store.add_turn(
                interview.id, speaker="candidate", text=f"turn {i}", started_at=float(i)
            )
        await store_pool.execute(
            "update interviews set created_at = now() - make_interval(days => $2) where id = $1",
            interview.id,
            days,
        )
        return interview

    short, lasting, forever = [await new_guest(user_store) for _ in range(3)]
    await user_store.update_settings(short.id, transcript_retention_days=30)
    await user_store.update_settings(lasting.id, transcript_retention_days=365)
    expired = await interview_aged(short, days=31, turns=3)
    recent = await interview_aged(short, days=29, turns=1)
    within_long = await interview_aged(lasting, days=31, turns=1)
    kept_forever = await interview_aged(forever, days=3000, turns=2)

    assert await user_store.purge_expired_transcripts() == 3

    assert await interview_store.list_turns(expired.id) == []
    assert await interview_store.get_interview(expired.id) is not None
    assert len(await interview_store.list_turns(recent.id)) == 1
    assert len(await interview_store.list_turns(within_long.id)) == 1
    assert len(await interview_store.list_turns(kept_forever.id)) == 2
    assert await user_store.purge_expired_transcripts() == 0
