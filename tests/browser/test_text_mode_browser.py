"""The typed interview in real headless Chromium against a real server: answering until
the interviewer closes, and switching mid-interview from typing to a voice call and back.

A switch hangs up without ending the interview: the call resumes it with a "welcome back",
and so does the typed chat after the call.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from playwright.async_api import BrowserContext, Page, expect
from test_call_browser import interview, page_token
from test_security_browser import RECORD_VIOLATIONS, CspWatch
from test_setup_browser import answer, open_setup

from browser import chromium
from fake_mic import timeline, write_wav
from server_process import Server

pytestmark = pytest.mark.browser

GOOD_ANSWER = (
    "I designed a REST API in Python with PostgreSQL. I added indexes after measuring slow "
    "queries, wrote integration tests, and the p95 latency dropped from 800 to 120 milliseconds."
)


@pytest.fixture
async def context(tmp_path: Path) -> AsyncIterator[BrowserContext]:
    # A silent microphone: the call hears nothing, so only the interviewer talks.
    silence = write_wav(tmp_path / "silence.wav", timeline([], total_s=30))
    async with chromium(tmp_path / "profile", silence) as ctx:
        await ctx.add_init_script(RECORD_VIOLATIONS)
        yield ctx


async def start_typing(page: Page, server: Server, *, questions: int | None = None) -> CspWatch:
    watch = await open_setup(page, server)
    if questions is not None:
        await page.get_by_label("Number of questions").fill(str(questions))
    await page.get_by_role("button", name="Start by typing").click()
    await page.wait_for_function("() => window.mockline.state === 'in-chat'", timeout=60_000)
    return watch


async def test_typed_interview_runs_to_its_end(server: Server, context: BrowserContext) -> None:
    page = await context.new_page()
    watch = await start_typing(page, server, questions=1)
    await expect(page.locator("#chat-progress")).to_have_text("Question 1 of 1")
    # One main question, at most two follow-ups, then the interviewer closes by itself.
    for _ in range(4):
        await answer(page, GOOD_ANSWER)
        if await page.evaluate("window.mockline.progress.finished"):
            break
    await page.wait_for_function("() => window.mockline.state === 'ended'", timeout=30_000)

    interview_id = await page.evaluate("window.mockline.interviewId")
    await expect(page.locator("#result")).to_be_visible()
    await expect(page.locator("#chat")).to_be_hidden()
    href = await page.get_attribute("#interview-link", "href")
    assert href == f"/interviews/{interview_id}"
    stored = interview(server, interview_id, await page_token(page, server))
    assert stored["status"] == "completed"
    await expect(page.locator("#transcript .turn")).to_have_count(len(stored["turns"]))
    closing = stored["turns"][-1]
    assert closing["speaker"] == "interviewer"
    assert closing["text"] == (await page.evaluate("window.mockline.chat"))[-1]["text"]
    await watch.assert_clean()


async def test_end_interview_while_typing(server: Server, context: BrowserContext) -> None:
    page = await context.new_page()
    await start_typing(page, server)
    await answer(page, GOOD_ANSWER)
    # Shift+Enter is a new line, not a send.
    box = page.get_by_label("Your answer")
    await box.fill("first line")
    await box.press("Shift+Enter")
    await box.type("second line")
    await expect(box).to_have_value("first line\nsecond line")
    assert await page.evaluate("window.mockline.chat.length") == 3

    await page.get_by_role("button", name="End interview").click()
    await page.wait_for_function("() => window.mockline.state === 'ended'", timeout=30_000)
    interview_id = await page.evaluate("window.mockline.interviewId")
    stored = interview(server, interview_id, await page_token(page, server))
    assert stored["status"] == "completed"
    assert [t["speaker"] for t in stored["turns"]] == ["interviewer", "candidate", "interviewer"]


def interviewer_said(messages: list[dict[str, object]]) -> str:
    return " ".join(
        str(m["text"])
        for m in messages
        if m.get("type") == "transcript" and m.get("speaker") == "interviewer" and m.get("final")
    )


@pytest.mark.slow
async def test_switch_from_typing_to_voice_and_back(
    server: Server, context: BrowserContext
) -> None:
    page = await context.new_page()
    watch = await start_typing(page, server)
    await answer(page, GOOD_ANSWER)
    interview_id = await page.evaluate("window.mockline.interviewId")

    # Typing -> voice: a call on the same interview, which the interviewer resumes aloud.
    await page.get_by_role("button", name="Switch to voice").click()
    await page.wait_for_function("() => window.mockline.state === 'in-call'", timeout=30_000)
    assert await page.evaluate("window.mockline.interviewId") == interview_id
    await page.wait_for_function(
        "() => window.mockline.audio.events.some((e) => e.kind === 'start')", timeout=30_000
    )
    await page.wait_for_function(
        """() => window.mockline.messages.some((m) => m.type === 'transcript'
              && m.speaker === 'interviewer' && m.final && /welcome back/i.test(m.text))""",
        timeout=30_000,
    )
    assert await page.evaluate("window.mockline.audio.maxLevel") > 0.05
    spoken = interviewer_said(await page.evaluate("window.mockline.messages"))

    # Voice -> typing: hung up without ending; the chat resumes with the current question.
    await page.get_by_role("button", name="Switch to typing").click()
    await page.wait_for_function("() => window.mockline.state === 'in-chat'", timeout=30_000)
    last = (await page.evaluate("window.mockline.chat"))[-1]
    assert last["speaker"] == "interviewer" and "welcome back" in last["text"].lower()
    # What was said before (typed and spoken) is shown above it.
    earlier = page.locator("#chat-log .chat-message[data-earlier='true']")
    assert await earlier.count() >= 4
    assert GOOD_ANSWER in await page.inner_text("#chat-log")
    token = await page_token(page, server)
    assert interview(server, interview_id, token)["status"] == "active"

    await answer(page, GOOD_ANSWER)
    await page.get_by_role("button", name="End interview").click()
    await page.wait_for_function("() => window.mockline.state === 'ended'", timeout=30_000)
    stored = interview(server, interview_id, token)
    assert stored["status"] == "completed"
    said = " ".join(t["text"] for t in stored["turns"] if t["speaker"] == "interviewer")
    assert spoken.strip() and spoken.split()[0] in said
    assert [t["text"] for t in stored["turns"] if t["speaker"] == "candidate"] == [GOOD_ANSWER] * 2
    await watch.assert_clean()
