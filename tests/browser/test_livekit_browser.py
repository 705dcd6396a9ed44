"""End to end in real headless Chromium, through LiveKit: the page joins the interview's room
with livekit-client and a fake microphone; calls run on `mockline worker`s (one call each).

1. The interview is heard, answered, shown in captions, ended with End call and stored.
2. The worker holding a call is killed (with its job processes) after an answer was
   acknowledged: LiveKit's webhook makes the web tier dispatch the other worker, which resumes
   the interview at the same question; the page stays in the call; no acknowledged turn is lost.
3. Every worker left is busy: the page says so and waits, then the interviewer comes.
"""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.async_api import Page

from browser import chromium
from fake_mic import timeline, write_wav
from livekit_candidate import Candidate
from livekit_stack import Deployment, livekit_binary, metric_value, running_deployment

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(livekit_binary() is None, reason="LiveKit server not built (setup.sh)"),
]

ANSWER = (
    "I built a payment service in Python with Postgres. "
    "I wrote the tests and I reduced the response time by half."
)
ANSWER_AT_S = 34.0  # after the opening (about 25 s of speech)
WAV_S = 240.0  # Chromium loops the file: longer than a test, so the answer is said once


@pytest.fixture(scope="module")
def deployment(
    tmp_path_factory: pytest.TempPathFactory, database_url: str, redis_url: str
) -> Iterator[Deployment]:
    tmp = tmp_path_factory.mktemp("livekit-browser")
    with running_deployment(
        tmp, database_url, redis_url, workers=2, MOCKLINE_WORKER_MAX_CALLS="1"
    ) as found:
        yield found
        assert found.web.alive(), "the web server died"


def interview(deployment: Deployment, interview_id: str, token: str) -> dict[str, Any]:
    resp = httpx.get(
        f"{deployment.web.url}/api/interviews/{interview_id}",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert resp.status_code == 200, resp.text
    body: dict[str, Any] = resp.json()
    return body


async def wait_for(predicate: Any, timeout: float, what: str, interval: float = 0.5) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = await predicate()
        if value:
            return value
        await asyncio.sleep(interval)
    raise AssertionError(f"timed out after {timeout:.0f}s waiting for {what}")


async def start_call(page: Page, deployment: Deployment) -> tuple[str, str]:
    await page.goto(f"{deployment.web.url}/?raw=1")
    await page.wait_for_function("() => document.querySelector('#role option') !== null")
    await page.get_by_role("button", name="Start call").click()
    await page.wait_for_function("() => window.mockline.state === 'in-call'", timeout=60_000)
    interview_id = await page.evaluate("window.mockline.interviewId")
    resp = await page.context.request.post(f"{deployment.web.url}/api/auth/refresh")
    token = (await resp.json())["access_token"]
    assert isinstance(interview_id, str) and isinstance(token, str)
    return interview_id, token


def active_calls(deployment: Deployment) -> list[float]:
    out = []
    for worker in deployment.workers:
        if not worker.alive():
            out.append(0.0)
            continue
        text = httpx.get(f"http://127.0.0.1:{worker.metrics_port}/metrics", timeout=5).text
        out.append(metric_value(text, "mockline_active_calls"))
    return out


def words(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9']+", text.lower()))


async def test_an_interview_through_livekit_is_heard_answered_and_stored(
    deployment: Deployment, tmp_path: Path
) -> None:
    wav = write_wav(tmp_path / "answer.wav", timeline([(ANSWER_AT_S, ANSWER)], total_s=WAV_S))
    async with chromium(tmp_path / "profile", wav) as context:
        page = await context.new_page()
        interview_id, token = await start_call(page, deployment)
        assert await page.evaluate("typeof window.LivekitClient === 'object'")

        async def answer_replied_to() -> str | None:
            """The candidate's words up to the latest turn the interviewer replied to, once
            they hold the answer. A pause after its first sentence may end the turn there and
            the rest continue it (`agent/voice/continuation.py`): two stored turns, one answer."""
            turns = interview(deployment, interview_id, token)["turns"]
            said: list[str] = []
            for t in turns:
                if t["speaker"] != "candidate":
                    continue
                said.append(t["text"])
                replied = "eos_to_first_audio_ms" in (t["latency"] or {})
                if replied and len(words(ANSWER) & words(" ".join(said))) >= 8:
                    return " ".join(said)
            return None

        await wait_for(answer_replied_to, 120, "the answer to be stored and replied to")

        async def reply_heard() -> bool:
            mic = await page.evaluate("window.mockline.micAudio.events")
            heard = await page.evaluate("window.mockline.audio.events")
            stops = [e["t"] for e in mic if e["kind"] == "stop"]
            return bool(stops) and any(e["kind"] == "start" and e["t"] > stops[-1] for e in heard)

        await wait_for(reply_heard, 30, "the reply to be heard at the page")
        assert await page.evaluate("window.mockline.audio.maxLevel") > 0.05
        assert (await page.inner_text("#captions")).strip(), "no live captions"

        await page.get_by_role("button", name="End call").click()
        await page.wait_for_function("() => window.mockline.state === 'ended'", timeout=30_000)
    stored = interview(deployment, interview_id, token)
    assert stored["status"] == "completed"
    assert stored["turns"][0]["speaker"] == "interviewer"
    log = deployment.web.log_text().lower() + "".join(w.log_text() for w in deployment.workers)
    assert "payment service" not in log.lower()  # ids in logs, never what was said


async def test_a_killed_worker_is_replaced_and_the_interview_resumes(
    deployment: Deployment, tmp_path: Path
) -> None:
    wav = write_wav(tmp_path / "answer.wav", timeline([(ANSWER_AT_S, ANSWER)], total_s=WAV_S))
    async with chromium(tmp_path / "profile", wav) as context:
        page = await context.new_page()
        interview_id, token = await start_call(page, deployment)

        async def acknowledged() -> list[dict[str, Any]] | None:
            turns: list[dict[str, Any]] = interview(deployment, interview_id, token)["turns"]
            seen = [t["speaker"] for t in turns]
            if (
                "candidate" in seen
                and seen[-1] == "interviewer"
                and seen.index("candidate") < len(seen) - 1
            ):
                return turns
            return None

        before = await wait_for(acknowledged, 150, "an answer acknowledged with the next question")
        question = before[-1]["text"]
        asked = [s for s in re.split(r"(?<=[?.!])\s+", question) if s.endswith("?")]
        assert asked, question
        holder = [n for n, v in enumerate(active_calls(deployment)) if v == 1.0]
        assert len(holder) == 1, active_calls(deployment)
        killed_at = time.monotonic()
        deployment.workers[holder[0]].kill()

        async def welcomed_back() -> bool:
            messages = await page.evaluate("window.mockline.messages")
            return any(
                m["type"] == "transcript"
                and m["speaker"] == "interviewer"
                and "welcome back" in m["text"].lower()
                for m in messages
            )

        await wait_for(welcomed_back, 90, "the replacement interviewer", interval=0.2)
        gap_s = time.monotonic() - killed_at
        print(f"\nworker killed -> replacement interviewer speaking: {gap_s:.1f} s")
        assert await page.evaluate("window.mockline.state") == "in-call"
        other = 1 - holder[0]
        assert active_calls(deployment)[other] == 1.0

        async def resumed_turn() -> dict[str, Any] | None:
            turns = interview(deployment, interview_id, token)["turns"]
            return next(
                (t for t in turns[len(before) :] if "welcome back" in t["text"].lower()), None
            )

        resumed = await wait_for(resumed_turn, 60, "the resumed question to be stored")
        assert words(asked[-1]) <= words(resumed["text"]), (asked[-1], resumed["text"])
        await page.get_by_role("button", name="End call").click()
        await page.wait_for_function("() => window.mockline.state === 'ended'", timeout=30_000)
    after = interview(deployment, interview_id, token)
    assert after["status"] == "completed"
    # Every acknowledged turn stored before the kill is still there, in order.
    kept = [(t["speaker"], t["text"]) for t in after["turns"][: len(before)]]
    assert kept == [(t["speaker"], t["text"]) for t in before]


async def occupant(deployment: Deployment) -> Candidate:
    """A candidate outside the browser (a livekit rtc client) holding one worker's call."""
    url = deployment.web.url
    resp = httpx.post(f"{url}/api/auth/guest", timeout=10)
    auth = {"Authorization": f"Bearer {resp.json()['access_token']}"}
    body = {"role": "backend_engineer", "level": "junior", "interview_type": "technical"}
    resp = httpx.post(f"{url}/api/interviews", json=body, headers=auth, timeout=60)
    assert resp.status_code == 201, resp.text
    grant = httpx.post(f"{url}/api/interviews/{resp.json()['id']}/call-token", headers=auth)
    assert grant.status_code == 200, grant.text
    candidate = Candidate()
    await candidate.join(grant.json()["livekit_url"], grant.json()["token"])
    await candidate.open_microphone()
    return candidate


async def test_the_page_waits_while_every_interviewer_is_busy(
    deployment: Deployment, tmp_path: Path
) -> None:
    """Every alive worker holds a call: the page says the interviewers are busy and keeps
    waiting past its 20 s connect timeout instead of reporting a failed connection; the
    interviewer comes as soon as a worker is free."""

    async def no_calls() -> bool:
        return sum(active_calls(deployment)) == 0

    await wait_for(no_calls, 60, "no call on any worker")
    occupants = []
    try:
        for _ in [w for w in deployment.workers if w.alive()]:
            held = await occupant(deployment)
            occupants.append(held)

            async def opened(held: Candidate = held) -> bool:
                return bool(held.interviewer_said())

            await wait_for(opened, 120, "an occupant's interviewer")
        wav = write_wav(tmp_path / "silence.wav", timeline([], total_s=WAV_S))
        async with chromium(tmp_path / "profile", wav) as context:
            page = await context.new_page()
            await page.goto(f"{deployment.web.url}/?raw=1")
            await page.wait_for_function("() => document.querySelector('#role option') !== null")
            await page.get_by_role("button", name="Start call").click()
            waiting = (
                "() => document.querySelector('#connection-state').dataset.state === 'waiting'"
            )
            await page.wait_for_function(waiting, timeout=60_000)
            assert "busy" in (await page.inner_text("#speaking-status")).lower()
            await asyncio.sleep(25)  # past the page's connect timeout
            assert await page.evaluate(waiting)
            assert not await page.locator("[role=alert]:visible").count()
            await occupants[0].leave()
            await page.wait_for_function(
                "() => window.mockline.state === 'in-call'", timeout=120_000
            )

            async def heard() -> bool:
                events = await page.evaluate("window.mockline.audio.events")
                return any(e["kind"] == "start" for e in events)

            await wait_for(heard, 60, "the interviewer's opening at the page")
            await page.get_by_role("button", name="End call").click()
            await page.wait_for_function("() => window.mockline.state === 'ended'", timeout=30_000)
    finally:
        for held in occupants:
            await held.leave()
