"""A tab open on the interview follows the candidate's phone call: real headless Chromium on
the interview page, a real sipp caller dialling the number and PIN the page showed, into a
real `mockline serve` with SIP on. The page shows the call's state and both sides' words as
they are said, and says how to go on when the line drops."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

import pytest
from playwright.async_api import expect
from test_report_browser import guest_in

from browser import chromium
from server_process import free_port
from sip_caller import call_scenario, caller_voice, sipp
from sip_fixtures import SipServer

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CALL_S = 30
ANSWER = (
    "Last year I moved our payment service to a queue, so a slow bank no longer blocked "
    "checkout, and failed payments dropped to almost none."
)
ANSWER_AT_S = 16.0
"""Into the interviewer's opening: the PIN goes in during the welcome, about 8 s long."""


async def test_the_interview_page_shows_a_phone_call_live(
    sip_server: SipServer, tmp_path: Path, artifacts: Path
) -> None:
    async with chromium(tmp_path / "profile", None) as context:
        guest = await guest_in(context, sip_server)
        setup = {"role": "backend_engineer", "level": "mid", "interview_type": "technical"}
        created = await guest.call("POST", "/api/interviews", setup)
        assert created.status_code == 201, created.text
        interview_id = created.json()["id"]
        page = await context.new_page()
        await page.goto(f"{sip_server.url}/interviews/{interview_id}")
        await page.get_by_role("button", name="Call in by phone").click()
        details = page.locator("#dial-in-details")
        await expect(details).to_contain_text("PIN")
        found = re.search(r"PIN (\d+)", await details.inner_text())
        assert found is not None
        status = page.locator("#phone-call-status")
        await expect(status).to_contain_text("Waiting for your call")

        voice = caller_voice(tmp_path / "answer.ulaw", [(ANSWER_AT_S, ANSWER)], total_s=CALL_S)
        scenario = call_scenario(
            voice=voice, keys=[(1000, found.group(1) + "#")], hold_ms=(CALL_S - 2) * 1000
        )
        call = asyncio.create_task(
            asyncio.to_thread(sipp, sip_server.target, scenario, tmp_path, media_port=free_port())
        )
        captions = page.locator("#phone-captions")
        interviewer = captions.locator(".caption[data-speaker='interviewer']")
        await expect(interviewer.first).to_be_visible(timeout=30_000)
        await expect(status).to_have_text("On the phone.")
        candidate = captions.locator(".caption[data-speaker='candidate']")
        await expect(candidate.first).to_be_visible(timeout=40_000)
        await expect(captions).to_contain_text("payment service", timeout=20_000)
        await page.screenshot(path=str(artifacts / "phone-call-live.png"), full_page=True)
        result = await call
        assert result.returncode == 0, result.output
        # The line dropped (the caller hung up); the interview waits for the next call.
        await expect(status).to_contain_text("Call again with the same PIN", timeout=20_000)
        # …and the transcript below shows what was stored of the call.
        transcript = page.locator("#transcript")
        await expect(transcript.locator(".turn[data-speaker='candidate']").first).to_be_visible()
        await expect(transcript).to_contain_text("payment service")
        assert (await guest.call("GET", f"/api/interviews/{interview_id}")).json()[
            "status"
        ] == "active"
