"""End to end in real headless Chromium: a voice interview over WebRTC, stored in PostgreSQL.

The candidate is a WAV made with espeak-ng and played through Chromium's fake microphone.
"""

from __future__ import annotations

import asyncio
import re
import time
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.async_api import Page

from browser import chromium
from fake_mic import RATE, speak, timeline, write_wav
from server_process import Server, running_server

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ANSWER = (
    "I built a payment service in Python with Postgres and Redis. "
    "I wrote the tests and I reduced the response time by half."
)
# The interviewer's greeting and first question take about ten seconds to say; the
# candidate answers after it, as a person would.
# After the opening (greeting, persona, how it works, first question: about 25 s of speech).
ANSWER_AT_S = 34.0
# An answer with a thinking pause in mid-sentence: one turn, not two.
TRAILING_PART = "I designed the API with my team and"
REST_PART = "then I added caching, which cut the latency by half."
MID_SENTENCE_PAUSE_S = 2.2
MOVE_ON = "Can we move on to the next question please?"
MOVE_ON_AT_S = 62.0
BARGE_IN = "Sorry to interrupt, can I ask how long this interview takes?"
BARGE_IN_AT_S = 5.0


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower())


def recall(expected: str, heard: str) -> float:
    want, got = words(expected), set(words(heard))
    return sum(1 for w in want if w in got) / len(want)


def interview(server: Server, interview_id: str, token: str) -> dict[str, Any]:
    resp = httpx.get(
        f"{server.url}/api/interviews/{interview_id}", headers={"Authorization": f"Bearer {token}"}
    )
    assert resp.status_code == 200, resp.text
    body: dict[str, Any] = resp.json()
    return body


async def page_token(page: Page, server: Server) -> str:
    """An access token for the page's own (guest) user, through its refresh cookie."""
    resp = await page.context.request.post(f"{server.url}/api/auth/refresh")
    assert resp.ok, await resp.text()
    token = (await resp.json())["access_token"]
    assert isinstance(token, str)
    return token


async def wait_for(predicate: Any, timeout: float, what: str, interval: float = 0.5) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = await predicate()
        if value:
            return value
        await asyncio.sleep(interval)
    raise AssertionError(f"timed out after {timeout:.0f}s waiting for {what}")


async def start_call(page: Page, server: Server) -> tuple[str, str]:
    await page.goto(f"{server.url}/?raw=1")
    await page.wait_for_function("() => document.querySelector('#role option') !== null")
    await page.get_by_role("button", name="Start call").click()
    await page.wait_for_function("() => window.mockline.state === 'in-call'", timeout=30_000)
    interview_id = await page.evaluate("window.mockline.interviewId")
    assert isinstance(interview_id, str)
    return interview_id, await page_token(page, server)


async def test_voice_interview_end_to_end(server: Server, tmp_path: Path, artifacts: Path) -> None:
    wav = write_wav(tmp_path / "candidate.wav", timeline([(ANSWER_AT_S, ANSWER)], total_s=75))
    async with chromium(tmp_path / "profile", wav) as context:
        page = await context.new_page()
        interview_id, token = await start_call(page, server)

        async def candidate_turn() -> dict[str, Any] | None:
            turns = interview(server, interview_id, token)["turns"]
            return next((t for t in turns if t["speaker"] == "candidate"), None)

        await wait_for(candidate_turn, 90, "the candidate's answer to be stored")

        # The interviewer answers: its first reply frame is sent (stored as a latency stage)…
        async def reply_sent() -> dict[str, Any] | None:
            turns = interview(server, interview_id, token)["turns"]
            return next(
                (
                    t
                    for t in turns
                    if t["speaker"] == "candidate"
                    and "eos_to_first_audio_ms" in (t["latency"] or {})
                ),
                None,
            )

        answered = await wait_for(reply_sent, 30, "the interviewer's reply to be sent")
        assert answered["latency"]["eos_to_first_audio_ms"] > 0
        # Every word the candidate said is stored (a pause may split it into two turns).
        said = " ".join(
            t["text"]
            for t in interview(server, interview_id, token)["turns"]
            if t["speaker"] == "candidate"
        )
        # tiny.en mishears espeak's voice a little differently each run: "Postgres and Redis"
        # as "post-curs and reviews", "I built a" as "I will t", "by half" as "I have" (0.70
        # to 0.87 of the words over five runs). What must hold is that no part of the answer
        # was lost: both sentences are there, each mostly heard.
        first, second = ANSWER.split(". ", 1)
        assert recall(ANSWER, said) >= 0.65, said
        assert recall(first, said) >= 0.5 and recall(second, said) >= 0.5, said

        # …and is heard at the page after the candidate stopped talking.
        async def reply_heard() -> bool:
            mic = await page.evaluate("window.mockline.micAudio.events")
            heard = await page.evaluate("window.mockline.audio.events")
            stops = [e["t"] for e in mic if e["kind"] == "stop"]
            return bool(stops) and any(e["kind"] == "start" and e["t"] > stops[-1] for e in heard)

        await wait_for(reply_heard, 30, "the interviewer's reply to be heard")
        level = await page.evaluate("window.mockline.audio.maxLevel")
        assert level > 0.05, f"interviewer audio at the page peaked at {level}"
        captions = await page.inner_text("#captions")
        assert captions.strip(), "no live captions shown"

        await page.get_by_role("button", name="End call").click()
        await page.wait_for_function("() => window.mockline.state === 'ended'", timeout=30_000)
        await page.screenshot(path=str(artifacts / "call-ended.png"), full_page=True)
        assert interview_id in await page.inner_text("#interview-id")
        href = await page.get_attribute("#interview-link", "href")
        assert href is not None and href.endswith(f"/interviews/{interview_id}")

        stored = interview(server, interview_id, token)
        assert stored["status"] == "completed"
        speakers = [t["speaker"] for t in stored["turns"]]
        assert speakers[0] == "interviewer" and "candidate" in speakers

        await page.goto(f"{server.url}{href}")
        await page.wait_for_selector("#transcript .turn[data-speaker='candidate']")
        shown = await page.inner_text("#transcript")
        # The page shows every word that was stored for the candidate (what ASR heard varies
        # from run to run and is checked against the spoken answer above).
        assert recall(said, shown) == 1.0, (said, shown)
    assert server.alive()
    # Transcripts are personal data: the server log carries ids, never what was said.
    log = server.log_text().lower()
    assert "payment service" not in log and "postgres and redis" not in log
    assert said.lower()[:30] not in log


async def test_interview_closes_itself_after_the_last_question(
    tmp_path: Path, database_url: str
) -> None:
    # The answer (paused in mid-sentence) may earn one follow-up; the candidate then asks to
    # move on, and with no question left the interviewer closes.
    rest_at = ANSWER_AT_S + len(speak(TRAILING_PART)) / RATE + MID_SENTENCE_PAUSE_S
    parts = [(ANSWER_AT_S, TRAILING_PART), (rest_at, REST_PART), (MOVE_ON_AT_S, MOVE_ON)]
    wav = write_wav(tmp_path / "one.wav", timeline(parts, total_s=110))
    with running_server(tmp_path, database_url, MOCKLINE_MAX_QUESTIONS="1") as server:
        async with chromium(tmp_path / "profile", wav) as context:
            page = await context.new_page()
            interview_id, token = await start_call(page, server)
            # No End call: after one answer the interviewer closes and hangs up itself.
            await page.wait_for_function("() => window.mockline.state === 'ended'", timeout=120_000)
            messages = await page.evaluate("window.mockline.messages")
            assert any(m["type"] == "ended" for m in messages)
        stored = interview(server, interview_id, token)
        assert stored["status"] == "completed"
        speakers = [t["speaker"] for t in stored["turns"]]
        assert speakers[0] == "interviewer" and speakers[-1] == "interviewer", speakers
        assert "candidate" in speakers
        # The pause after "and" did not end the answer: both halves are in its first turn.
        answer = next(t["text"] for t in stored["turns"] if t["speaker"] == "candidate")
        assert recall(TRAILING_PART, answer) >= 0.5 and recall(REST_PART, answer) >= 0.5, answer
        closing = stored["turns"][-1]
        assert not closing["interrupted"] and "thank" in closing["text"].lower(), closing


async def test_barge_in_stops_the_interviewer(server: Server, tmp_path: Path) -> None:
    wav = write_wav(tmp_path / "barge.wav", timeline([(BARGE_IN_AT_S, BARGE_IN)], total_s=40))
    async with chromium(tmp_path / "profile", wav) as context:
        page = await context.new_page()
        interview_id, token = await start_call(page, server)

        async def interrupted_turn() -> dict[str, Any] | None:
            turns = interview(server, interview_id, token)["turns"]
            return next(
                (t for t in turns if t["speaker"] == "interviewer" and t["interrupted"]), None
            )

        turn = await wait_for(interrupted_turn, 60, "an interrupted interviewer turn")
        assert turn["heard_text"] is not None
        assert len(turn["heard_text"]) < len(turn["text"]), turn
        assert turn["text"].startswith(turn["heard_text"].rstrip(" .,")[:10])

        # At the page, the interviewer's audio stopped while the candidate was talking.
        events = await page.evaluate("window.mockline.audio.events")
        assert any(e["kind"] == "stop" for e in events)
        await page.get_by_role("button", name="End call").click()
        await page.wait_for_function("() => window.mockline.state === 'ended'", timeout=30_000)
    assert interview(server, interview_id, token)["status"] == "completed"


async def test_a_silent_candidate_is_offered_time_twice_then_left_to_think(
    tmp_path: Path, database_url: str
) -> None:
    wav = write_wav(tmp_path / "silent.wav", timeline([], total_s=90))
    env = {"MOCKLINE_SILENCE_PROMPT_S": "3"}
    with running_server(tmp_path, database_url, **env) as server:
        async with chromium(tmp_path / "profile", wav) as context:
            page = await context.new_page()
            interview_id, token = await start_call(page, server)

            async def prompts() -> list[str]:
                messages = await page.evaluate("window.mockline.messages")
                return [
                    m["text"]
                    for m in messages
                    if m["type"] == "transcript"
                    and m["speaker"] == "interviewer"
                    and m["final"]
                    and re.search(r"take your time|are you still", m["text"], re.IGNORECASE)
                ]

            said = await wait_for(lambda: _at_least(prompts, 2), 90, "two silence prompts")
            assert "take your time" in said[0].lower() and "are you still" in said[1].lower()
            await asyncio.sleep(10)  # three more silences' worth: no third prompt
            assert len(await prompts()) == 2
            await page.get_by_role("button", name="End call").click()
            await page.wait_for_function("() => window.mockline.state === 'ended'", timeout=30_000)
        stored = interview(server, interview_id, token)
    interviewer_turns = [t["text"] for t in stored["turns"] if t["speaker"] == "interviewer"]
    assert len(interviewer_turns) == 3, interviewer_turns  # the opening and the two prompts
    assert not any(t["speaker"] == "candidate" for t in stored["turns"])


async def _at_least(get: Any, n: int) -> list[str] | None:
    found: list[str] = await get()
    return found if len(found) >= n else None
