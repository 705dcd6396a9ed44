"""The call's turn recorder on a real PostgreSQL: speech that a hang-up cuts off is still
written, once, before the recorder stops."""

from __future__ import annotations

import time
from uuid import UUID

from livekit.agents.voice import SpeechHandle

from agent.store.interviews import InterviewStore
from agent.store.models import User
from agent.voice.turns import TurnRecorder


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
