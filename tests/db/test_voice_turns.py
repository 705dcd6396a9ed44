"""The call's turn recorder on a real PostgreSQL: speech that a hang-up cuts off is still
written, once, before the recorder stops; turns spoken while the database is unreachable
are kept in order and written once it is back."""

from __future__ import annotations

import asyncio
import time
from uuid import UUID

from livekit.agents import llm
from livekit.agents.voice import SpeechHandle

from agent.store.interviews import InterviewStore
from agent.store.models import User
from agent.store.pool import create_pool
from agent.voice.turns import TurnRecorder

from pg_proxy import PgProxy


async def _recorder(store: InterviewStore, owner: User) -> tuple[TurnRecorder, UUID]:
    interview = await store.create_interview(
        owner_id=owner.id, role="backend_engineer", level="mid", interview_type="technical"
    )
    return TurnRecorder(store, interview.id, call_started_at=time.time()), interview.id


async def test_speech_done_just_before_close_is_written(
    interview_store: InterviewStore, owner: User
) -> None:
    recorder, interview_id = await _recorder(interview_store, owner)
    handle = SpeechHandle.create()
    recorder.on_speech_created(handle)
    recorder.on_reply_text("Welcome back. Let's pick up where we left off.")
    handle._mark_done()  # its done callback is only scheduled, not yet run
    await recorder.aclose()
    turns = await interview_store.list_turns(interview_id)
    assert [(t.speaker, t.text) for t in turns] == [
        ("interviewer", "Welcome back. Let's pick up where we left off.")
    ]
    assert not turns[0].interrupted


async def test_speech_still_playing_at_close_is_written_as_interrupted(
    interview_store: InterviewStore, owner: User
) -> None:
    recorder, interview_id = await _recorder(interview_store, owner)
    handle = SpeechHandle.create()
    recorder.on_speech_created(handle)
    recorder.on_reply_text("Tell me about a system you designed.")
    await recorder.aclose()
    handle._mark_done()  # the late callback must not write it a second time
    turns = await interview_store.list_turns(interview_id)
    assert [(t.speaker, t.text, t.interrupted) for t in turns] == [
        ("interviewer", "Tell me about a system you designed.", True)
    ]


async def test_turns_spoken_while_the_database_is_unreachable_are_written_once_it_is_back(
    store_database_url: str, interview_store: InterviewStore, owner: User
) -> None:
    interview = await interview_store.create_interview(
        owner_id=owner.id, role="backend_engineer", level="mid", interview_type="technical"
    )
    proxy = PgProxy(store_database_url)
    await proxy.up()
    pool = await create_pool(proxy.url, min_size=1, max_size=2)
    recorder = TurnRecorder(InterviewStore(pool), interview.id, call_started_at=time.time())
    try:
        await proxy.down()  # the line to the database drops mid-call
        answers = ["First answer, about the cache.", "Second answer, about the queue."]
        for text in answers:
            recorder.on_candidate_message(llm.ChatMessage(role="user", content=[text]))
            recorder.on_first_audio(time.time())
            handle = SpeechHandle.create()
            recorder.on_speech_created(handle)
            recorder.on_reply_text(f"Thanks. A question after: {text}")
            handle._mark_done()
            await asyncio.sleep(0.3)
        assert await interview_store.list_turns(interview.id) == []  # nothing could land yet
        await asyncio.sleep(1.0)
        await proxy.up()  # the database is back
        await asyncio.wait_for(recorder.aclose(), 30)
    finally:
        await pool.close()
        await proxy.down()
    turns = await interview_store.list_turns(interview.id)
    assert [(t.speaker, t.text) for t in turns] == [
        ("candidate", answers[0]),
        ("interviewer", f"Thanks. A question after: {answers[0]}"),
        ("candidate", answers[1]),
        ("interviewer", f"Thanks. A question after: {answers[1]}"),
    ]
    assert all(t.latency and "eos_to_first_audio_ms" in t.latency for t in turns[::2])


async def test_a_reply_opened_with_an_ack_records_when_its_substantive_words_went_out(
    interview_store: InterviewStore, owner: User
) -> None:
    recorder, interview_id = await _recorder(interview_store, owner)
    first = llm.ChatMessage(role="user", content=["I moved the writes to a queue."])
    first.metrics["stopped_speaking_at"] = time.time() - 0.5
    recorder.on_candidate_message(first)
    recorder.opened_with_ack()
    sent = time.time()
    recorder.on_first_audio(sent)
    recorder.on_substantive_audio(sent + 0.4)
    second = llm.ChatMessage(role="user", content=["Postgres, mostly."])
    second.metrics["stopped_speaking_at"] = time.time() - 0.5
    recorder.on_candidate_message(second)
    recorder.on_first_audio(time.time())  # no acknowledgement: the words come first
    recorder.on_substantive_audio(time.time() + 5)  # no reply awaits one: ignored
    await recorder.aclose()
    turns = await interview_store.list_turns(interview_id)
    acked, direct = (t.latency for t in turns)
    assert acked is not None and direct is not None
    assert abs(acked["eos_to_substantive_audio_ms"] - acked["eos_to_first_audio_ms"] - 400) < 1
    assert direct["eos_to_substantive_audio_ms"] == direct["eos_to_first_audio_ms"]
