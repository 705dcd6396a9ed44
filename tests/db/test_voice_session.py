"""Turn-taking of a real call session, driven in-process by a scripted line (seconds, not the
browser's minutes): the session, the interviewer, the recorder and PostgreSQL are real; the
ears and the voice are the scripted ones of tests/support/voice_fakes.py."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass

import asyncpg
import pytest

from agent.interviewer.setup import InterviewSetup, Length
from agent.plugins.livekit_tts import BackendTTS, sentences
from agent.plugins.speech_cache import SpeechCache
from agent.sessions.deps import CallOptions, SessionDeps
from agent.sessions.hub import LinesBusyError, SessionHub
from agent.sessions.loader import create_planned_interview, restore
from agent.store.interviews import InterviewStore
from agent.store.models import Interview, Turn, User
from agent.voice.acknowledge import ACKS
from agent.voice.events import CallEnded, TranscriptUpdated
from agent.voice.speech_ahead import MAX_PLANNED

from voice_fakes import (
    Pause,
    Say,
    ScriptedLine,
    Step,
    ToneBackend,
    Until,
    WhenInterviewerDone,
    WhenInterviewerTalks,
    scripted_models,
)

STRONG = (
    "I would add a composite index on customer id and created at, check the query plan "
    "before and after, and watch write latency, because every index slows inserts a little."
)
TRAILING = "I designed the API with my team and"
REST = "then I added caching, which cut the latency by half."
INTERRUPTION = "Sorry, can I ask what you mean by that exactly?"
BACKCHANNEL = "Mm-hmm, yeah."
REPEAT = "Sorry, could you repeat the question?"
SKIP = "Can we skip this one please?"
SLOWER = "Sorry, could you slow down a little?"
SCRIPT = [STRONG, TRAILING, REST, INTERRUPTION, BACKCHANNEL, REPEAT, SKIP, SLOWER]
NOISE = 9
"""A script index with no line: a cough or a bump, heard as speech and transcribed as nothing."""


@dataclass
class Call:
    interview: Interview
    line: ScriptedLine
    hub: SessionHub

    async def turns(self, pool: asyncpg.Pool) -> list[Turn]:
        return await InterviewStore(pool).list_turns(self.interview.id)


@pytest.fixture
async def hubs(store_pool: asyncpg.Pool) -> AsyncIterator[list[SessionHub]]:
    made: list[SessionHub] = []
    yield made
    for hub in made:
        await hub.aclose()


async def run_call(
    pool: asyncpg.Pool,
    owner: User,
    hubs: list[SessionHub],
    steps: Sequence[Step],
    *,
    silence_prompt_s: float = 0.0,
    questions: int = 2,
    timeout: float = 90.0,
    cache: SpeechCache | None = None,
) -> Call:
    """Plans an interview, calls it over a scripted line and waits for the script to end."""
    setup = InterviewSetup(
        role="backend_engineer",
        level="mid",
        interview_type="technical",
        length=Length(value=questions),
    )
    interview = await create_planned_interview(pool, owner_id=owner.id, setup=setup, seed=3)
    hub = SessionHub(
        SessionDeps(
            pool=pool,
            speech=scripted_models(SCRIPT, cache=cache),
            calls=CallOptions(silence_prompt_s=silence_prompt_s),
        )
    )
    hubs.append(hub)
    line = ScriptedLine(steps)
    await hub.start_call(interview, line)
    await asyncio.wait_for(line.script_done.wait(), timeout)
    return Call(interview, line, hub)


async def test_a_call_answers_and_records_every_turn(
    store_pool: asyncpg.Pool, owner: User, hubs: list[SessionHub]
) -> None:
    call = await run_call(
        store_pool, owner, hubs, [WhenInterviewerDone(), Say(0, 1.0), WhenInterviewerDone()]
    )
    await call.hub.hang_up(call.interview.id)
    turns = await call.turns(store_pool)
    assert [t.speaker for t in turns] == ["interviewer", "candidate", "interviewer"]
    assert turns[1].text == STRONG
    assert turns[1].latency is not None and "eos_to_first_audio_ms" in turns[1].latency
    stored = await InterviewStore(store_pool).get_interview(call.interview.id)
    assert stored is not None and stored.status == "active"  # a hang-up pauses, never ends


async def test_planned_questions_are_spoken_from_audio_made_ahead(
    store_pool: asyncpg.Pool, owner: User, hubs: list[SessionHub]
) -> None:
    cache = SpeechCache("tone", None)
    acks_made = Until(lambda: all(ack in cache for ack in ACKS))
    # A request to repeat: the reply is the question again, so what it says is known ahead
    # whichever way the interviewer decides (the acknowledgement or not, a fast or slow reply).
    call = await run_call(
        store_pool,
        owner,
        hubs,
        [WhenInterviewerDone(), acks_made, Say(5, 1.0), WhenInterviewerDone()],
        cache=cache,
    )
    await call.hub.hang_up(call.interview.id)
    turns = await call.turns(store_pool)
    engine = call.hub.deps.speech.tts if call.hub.deps.speech else None
    assert isinstance(engine, BackendTTS) and isinstance(engine.backend, ToneBackend)
    made = engine.backend.spoken
    # The questions likely next were made ahead (during the call, with nobody waiting for it)...
    after = (await restore(store_pool, call.interview)).interviewer
    asked = [q["text"] for q in after.questions]
    planned = [*asked, *(q["text"] for q in after.snapshot()["plan"] if q["text"] not in asked)]
    assert len(planned) >= 2
    soon = planned[:MAX_PLANNED]
    assert all(sentence in cache for text in soon for sentence in sentences(text))
    # ...and what the interviewer said after the opening came from the cache when it was
    # known: no sentence was made twice, and the repeated question was a hit.
    assert [t.speaker for t in turns] == ["interviewer", "candidate", "interviewer"]
    later = sentences(turns[2].text)
    assert all(made.count(sentence) <= 1 for sentence in later)
    ahead = set(ACKS) | {sentence for text in soon for sentence in sentences(text)}
    known = [sentence for sentence in later if sentence in ahead]
    assert known and set(sentences(asked[0])) <= set(known)
    assert cache.hits >= len(known)


async def test_questions_further_on_are_made_ahead_as_the_interview_moves_on(
    store_pool: asyncpg.Pool, owner: User, hubs: list[SessionHub]
) -> None:
    cache = SpeechCache("tone", None)
    acks_made = Until(lambda: all(ack in cache for ack in ACKS))
    call = await run_call(
        store_pool,
        owner,
        hubs,
        [WhenInterviewerDone(), acks_made, Say(6, 1.0), WhenInterviewerDone(), Pause(4.0)],
        cache=cache,
    )
    await call.hub.hang_up(call.interview.id)
    after = (await restore(store_pool, call.interview)).interviewer
    asked = [q["text"] for q in after.questions]
    unasked = [q["text"] for q in after.snapshot()["plan"] if q["text"] not in asked]
    assert after.question_index == 1, "the skip did not move on"
    # The window of likely questions moved with the interview: the one after the first
    # window (not made at the start) was made after the decision that moved on.
    window = [*asked[1:], *unasked][:MAX_PLANNED]
    assert len(window) == MAX_PLANNED
    assert all(sentence in cache for text in window for sentence in sentences(text))


async def test_asked_to_slow_down_the_call_speaks_slower_from_that_reply_on(
    store_pool: asyncpg.Pool, owner: User, hubs: list[SessionHub]
) -> None:
    call = await run_call(
        store_pool, owner, hubs, [WhenInterviewerDone(), Say(7, 1.0), WhenInterviewerDone()]
    )
    await call.hub.hang_up(call.interview.id)
    turns = await call.turns(store_pool)
    assert [t.speaker for t in turns] == ["interviewer", "candidate", "interviewer"]
    # The acknowledgement said while deciding ("Okay.") is at the speed of before.
    ack, *reply = sentences(turns[2].text)
    assert ack in ACKS and reply[0] == "Sure, I'll slow down."
    engine = call.hub.deps.speech.tts if call.hub.deps.speech else None
    assert isinstance(engine, BackendTTS) and isinstance(engine.backend, ToneBackend)
    made = engine.backend.made
    after = (await restore(store_pool, call.interview)).interviewer
    slower = after.speaking_speed
    assert slower < 1.0  # kept with the interview, for the next call too
    assert all((s, 1.0) in made for s in sentences(turns[0].text))
    assert all((s, slower) in made for s in reply)
    assert ("Sure, I'll slow down.", 1.0) not in made


async def test_speaking_over_the_interviewer_stops_it_and_keeps_what_was_heard(
    store_pool: asyncpg.Pool, owner: User, hubs: list[SessionHub]
) -> None:
    call = await run_call(
        store_pool,
        owner,
        hubs,
        [WhenInterviewerTalks(after=0.5), Say(3, 0.8), WhenInterviewerDone()],
    )
    await call.hub.hang_up(call.interview.id)
    index, said_at, _ = call.line.said[0]
    assert index == 3
    # The opening that was talking when the candidate cut in stopped soon after they did.
    cut = next(seg for seg in call.line.heard.segments if seg[0] < said_at < seg[1] + 0.05)
    assert cut[1] - said_at < 1.0
    turns = await call.turns(store_pool)
    opening = turns[0]
    assert opening.speaker == "interviewer" and opening.interrupted
    assert opening.heard_text is not None and len(opening.heard_text) < len(opening.text)
    assert any(t.speaker == "candidate" and t.text == INTERRUPTION for t in turns)


async def assert_opening_paused_then_resumed(call: Call, pool: asyncpg.Pool) -> None:
    _, said_at, said_end = call.line.said[0]
    segments = call.line.heard.segments
    # It went quiet soon after the sound began...
    cut = next(seg for seg in segments if seg[0] < said_at < seg[1] + 0.05)
    assert cut[1] - said_at < 1.0
    # ...and went on afterwards, in the same turn, which nothing interrupted.
    assert any(seg[0] > said_end for seg in segments)
    turns = await call.turns(pool)
    assert [t.speaker for t in turns] == ["interviewer"]
    assert not turns[0].interrupted


async def test_a_backchannel_over_the_interviewer_does_not_take_the_turn(
    store_pool: asyncpg.Pool, owner: User, hubs: list[SessionHub]
) -> None:
    call = await run_call(
        store_pool,
        owner,
        hubs,
        [WhenInterviewerTalks(after=0.5), Say(4, 0.5), WhenInterviewerDone(quiet=1.5)],
    )
    await call.hub.hang_up(call.interview.id)
    await assert_opening_paused_then_resumed(call, store_pool)


async def test_a_noise_that_pauses_the_interviewer_lets_it_resume(
    store_pool: asyncpg.Pool, owner: User, hubs: list[SessionHub]
) -> None:
    call = await run_call(
        store_pool,
        owner,
        hubs,
        [WhenInterviewerTalks(after=0.5), Say(NOISE, 0.3), WhenInterviewerDone(quiet=1.5)],
    )
    await call.hub.hang_up(call.interview.id)
    await assert_opening_paused_then_resumed(call, store_pool)


async def test_the_same_word_said_to_a_quiet_interviewer_is_an_answer(
    store_pool: asyncpg.Pool, owner: User, hubs: list[SessionHub]
) -> None:
    call = await run_call(
        store_pool, owner, hubs, [WhenInterviewerDone(), Say(4, 0.5), WhenInterviewerDone()]
    )
    await call.hub.hang_up(call.interview.id)
    turns = await call.turns(store_pool)
    assert [t.speaker for t in turns] == ["interviewer", "candidate", "interviewer"]
    assert turns[1].text == BACKCHANNEL


async def test_an_answer_that_trails_off_waits_for_the_rest(
    store_pool: asyncpg.Pool, owner: User, hubs: list[SessionHub]
) -> None:
    call = await run_call(
        store_pool,
        owner,
        hubs,
        [WhenInterviewerDone(), Say(1, 0.8), Pause(1.5), Say(2, 0.8), WhenInterviewerDone()],
    )
    await call.hub.hang_up(call.interview.id)
    candidate = [t.text for t in await call.turns(store_pool) if t.speaker == "candidate"]
    assert candidate == [f"{TRAILING} {REST}"]
    # Nothing was said into the pause: the interviewer's reply came after the rest.
    _, rest_started, rest_ended = call.line.said[1]
    assert not [
        seg
        for seg in call.line.heard.segments
        if seg[0] < rest_started and seg[1] > call.line.said[0][2]
    ]
    assert any(seg[0] > rest_ended for seg in call.line.heard.segments)


async def test_a_long_silence_gets_an_offer_of_time(
    store_pool: asyncpg.Pool, owner: User, hubs: list[SessionHub]
) -> None:
    call = await run_call(
        store_pool,
        owner,
        hubs,
        [WhenInterviewerDone(), Pause(5.0)],
        silence_prompt_s=1.0,
    )
    await call.hub.hang_up(call.interview.id)
    said = [e.text for e in call.line.events if isinstance(e, TranscriptUpdated) and e.final]
    assert any("take your time" in text.lower() for text in said), said
    assert not any(isinstance(e, CallEnded) and e.reason == "completed" for e in call.line.events)


async def test_a_call_past_the_lines_of_the_process_is_refused_as_busy(
    store_pool: asyncpg.Pool, owner: User, hubs: list[SessionHub]
) -> None:
    setup = InterviewSetup(role="backend_engineer", level="mid", interview_type="technical")
    first, second = [
        await create_planned_interview(store_pool, owner_id=owner.id, setup=setup, seed=i)
        for i in (1, 2)
    ]
    hub = SessionHub(
        SessionDeps(
            pool=store_pool,
            speech=scripted_models(SCRIPT),
            calls=CallOptions(silence_prompt_s=0.0, max_calls=1),
        )
    )
    hubs.append(hub)
    await hub.start_call(first, ScriptedLine([WhenInterviewerTalks()]))
    with pytest.raises(LinesBusyError):
        await hub.start_call(second, ScriptedLine([WhenInterviewerTalks()]))
    assert not hub.calling(second.id)
    await hub.hang_up(first.id)
    for _ in range(100):
        if not hub.active_calls:
            break
        await asyncio.sleep(0.05)
    line = ScriptedLine([WhenInterviewerTalks()])
    await hub.start_call(second, line)  # a line is free again
    await asyncio.wait_for(line.script_done.wait(), 20)
    await hub.hang_up(second.id)
