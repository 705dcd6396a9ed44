"""Our pages work in real headless Chromium under the strict Content-Security-Policy.

A violation shows up both as a `securitypolicyviolation` event and as a console error;
both are collected, and each page must also have run its script and applied its styles.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from playwright.async_api import ConsoleMessage, Page

from auth_helpers import guest
from browser import chromium
from server_process import Server

pytestmark = pytest.mark.browser

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`);
});
"""


class CspWatch:
    def __init__(self, page: Page) -> None:
        self.page = page
        self.console: list[str] = []
        page.on("console", self._on_console)

    def _on_console(self, message: ConsoleMessage) -> None:
        text = message.text
        if "Content Security Policy" in text or "Content-Security-Policy" in text:
            self.console.append(f"{message.location}: {text}")

    async def assert_clean(self) -> None:
        events = await self.page.evaluate("window.__cspViolations")
        assert events == [], f"CSP violations on {self.page.url}: {events}"
        assert self.console == [], f"CSP console errors on {self.page.url}: {self.console}"


@pytest.fixture
async def page(tmp_path: Path) -> AsyncIterator[Page]:
    async with chromium(tmp_path / "profile", None) as context:
        await context.add_init_script(RECORD_VIOLATIONS)
        yield await context.new_page()


async def assert_styled(page: Page) -> None:
    rules = await page.evaluate(
        "[...document.styleSheets].reduce((n, sheet) => n + sheet.cssRules.length, 0)"
    )
    assert rules > 0, "style.css did not apply"


async def test_candidate_page_runs_under_the_csp(server: Server, page: Page) -> None:
    watch = CspWatch(page)
    await page.goto(f"{server.url}/")
    await page.wait_for_function("() => document.querySelector('#role option') !== null")
    await page.wait_for_load_state("load")
    await assert_styled(page)
    await watch.assert_clean()


async def test_transcript_page_runs_under_the_csp(server: Server, page: Page) -> None:
    account = guest(server.url)
    body = {"role": "backend_engineer", "level": "junior", "interview_type": "technical"}
    async with httpx.AsyncClient() as client:
        resp = await client.post(f"{server.url}/api/interviews", json=body, headers=account.headers)
    assert resp.status_code == 201, resp.text
    watch = CspWatch(page)
    await page.goto(f"{server.url}/interviews/{resp.json()['id']}")
    # The page's script removes the loading line once it has an answer, whatever it was.
    await page.wait_for_function("() => document.getElementById('loading') === null")
    await page.wait_for_load_state("load")
    await assert_styled(page)
    await watch.assert_clean()


async def test_the_watch_sees_what_the_csp_blocks(server: Server, page: Page) -> None:
    await page.goto(f"{server.url}/")
    await page.evaluate(
        """() => {
          const box = document.createElement("div");
          box.innerHTML = '<p style="color: red">x</p><img src="https://example.com/x.png">';
          document.body.append(box);
        }"""
    )
    await page.wait_for_function("() => window.__cspViolations.length >= 2")
    blocked = " ".join(await page.evaluate("window.__cspViolations"))
    assert "style-src" in blocked and "img-src" in blocked


@pytest.mark.slow
async def test_a_call_runs_under_the_csp(server: Server, page: Page) -> None:
    """Microphone, WebRTC audio and the data channel, then the transcript page."""
    watch = CspWatch(page)
    await page.goto(f"{server.url}/?raw=1")
    await page.wait_for_function("() => document.querySelector('#role option') !== null")
    await page.get_by_role("button", name="Start call").click()
    await page.wait_for_function("() => window.mockline.state === 'in-call'", timeout=30_000)
    await page.wait_for_function("() => window.mockline.audio.events.length > 0", timeout=30_000)
    await page.get_by_role("button", name="End call").click()
    await page.wait_for_function("() => window.mockline.state === 'ended'", timeout=30_000)
    await watch.assert_clean()

    href = await page.get_attribute("#interview-link", "href")
    assert href is not None
    await page.goto(f"{server.url}{href}")
    await page.wait_for_function("() => document.getElementById('loading') === null")
    await watch.assert_clean()
