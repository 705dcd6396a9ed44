"""ResumeStore against a real PostgreSQL: owner scoping, metadata vs content, cascade."""

from __future__ import annotations

import hashlib
import uuid

import asyncpg
import pytest

from agent.store.models import User
from agent.store.resumes import ResumeStore, ResumeWithText
from agent.store.users import UserStore

from store_fixtures import new_guest

PDF_BYTES = b"%PDF-1.7 pretend"
TEXT = "Ada Lovelace\n" + "Analytical engines. " * 40


@pytest.fixture
def resumes(store_pool: asyncpg.Pool) -> ResumeStore:
    return ResumeStore(store_pool)


async def add(resumes: ResumeStore, owner: User, name: str = "cv.pdf") -> ResumeWithText:
    return await resumes.add(
        owner_id=owner.id,
        filename=name,
        content_type="application/pdf",
        kind="pdf",
        data=PDF_BYTES,
        text=TEXT,
        pages=2,
    )


async def test_add_then_read_back(resumes: ResumeStore, owner: User) -> None:
    added = await add(resumes, owner)
    assert (added.filename, added.kind, added.pages) == ("cv.pdf", "pdf", 2)
    assert added.size_bytes == len(PDF_BYTES)
    assert added.sha256 == hashlib.sha256(PDF_BYTES).digest()
    assert added.text_preview == TEXT[:300]

    got = await resumes.get_owned(added.id, owner.id)
    assert got == added
    file = await resumes.get_file_owned(added.id, owner.id)
    assert file is not None and file.data == PDF_BYTES


async def test_list_is_metadata_newest_first(resumes: ResumeStore, owner: User) -> None:
    first = await add(resumes, owner, "one.pdf")
    second = await add(resumes, owner, "two.pdf")
    listed = await resumes.list_for_owner(owner.id)
    assert [r.id for r in listed] == [second.id, first.id]
    assert not hasattr(listed[0], "text") and not hasattr(listed[0], "data")

    content = await resumes.list_with_content_for_owner(owner.id)
    assert [r.id for r in content] == [first.id, second.id]
    assert all(r.text == TEXT and r.data == PDF_BYTES for r in content)


async def test_another_owner_sees_nothing(
    resumes: ResumeStore, owner: User, user_store: UserStore
) -> None:
    added = await add(resumes, owner)
    stranger = await new_guest(user_store)
    assert await resumes.get_owned(added.id, stranger.id) is None
    assert await resumes.get_file_owned(added.id, stranger.id) is None
    assert await resumes.list_for_owner(stranger.id) == []
    assert await resumes.list_with_content_for_owner(stranger.id) == []
    assert not await resumes.delete_owned(added.id, stranger.id)
    assert await resumes.get_owned(added.id, owner.id) is not None


async def test_delete(resumes: ResumeStore, owner: User) -> None:
    added = await add(resumes, owner)
    assert await resumes.delete_owned(added.id, owner.id)
    assert not await resumes.delete_owned(added.id, owner.id)
    assert await resumes.get_owned(added.id, owner.id) is None
    assert not await resumes.delete_owned(uuid.uuid4(), owner.id)


async def test_deleting_the_user_deletes_their_resumes(
    resumes: ResumeStore, store_pool: asyncpg.Pool, user_store: UserStore
) -> None:
    owner = await new_guest(user_store)
    added = await add(resumes, owner)
    assert await user_store.delete_user(owner.id)
    assert await store_pool.fetchval("select count(*) from resumes where id = $1", added.id) == 0


async def test_filename_length_is_bounded(resumes: ResumeStore, owner: User) -> None:
    with pytest.raises(asyncpg.CheckViolationError):
        await add(resumes, owner, "x" * 201)
