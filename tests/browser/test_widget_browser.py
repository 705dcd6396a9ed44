"""The widget on a college portal, in real headless Chromium against a real server.

The portal is another origin (`portal_site`) whose own backend mints embed tokens with the
organisation's server key. On it the widget runs a typed interview to its report and a voice
call (fake microphone) that reaches the in-call state with the interviewer's audio arriving;
its events reach the host page. A hostile stylesheet does not get in, and the widget's styles
do not get out. A site that is not allowed starts nothing, by script or by iframe.
Screenshots go to tests/artifacts/ (widget-inline*.png, widget-floating.png, org.png).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.async_api import BrowserContext, Frame, Page, expect

from auth_helpers import Account
from browser import chromium
from fake_mic import timeline, write_wav
from org_helpers import ANSWER, add_set, create_org, make_admin
from portal_site import PortalConfig, portal_site
from server_process import Server, free_port

pytestmark = pytest.mark.browser

WIDGET = "mockline-interview"


@pytest.fixture(scope="module")
def sites(server: Server) -> Iterator[dict[str, Any]]:
    portal_port, evil_port = free_port(), free_port()
    org = create_org(server, f"http://127.0.0.1:{portal_port}", name="Riverside College")
    admin = make_admin(server, org)
    practice = add_set(server, org, admin, name="Backend placement drill")
    config = PortalConfig(server.url, org.id, org.server_key, practice["id"], "21CS042", "Asha Rao")
    # The other site somehow holds a valid token (the same backend): only its origin differs.
    evil = PortalConfig(server.url, org.id, org.server_key, practice["id"], "intruder", "Eve")
    with portal_site(config, portal_port) as portal, portal_site(evil, evil_port) as other:
        yield {"portal": portal, "evil": other, "org": org, "admin": admin}


@pytest.fixture
async def context(tmp_path: Path) -> Any:
    silence = write_wav(tmp_path / "silence.wav", timeline([], total_s=60))
    async with chromium(tmp_path / "profile", silence) as ctx:
        yield ctx


async def events(page: Page) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = await page.evaluate("window.hostEvents")
    return found


async def wait_event(page: Page, kind: str, count: int = 1, timeout: float = 60) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        matching = [e for e in await events(page) if e["type"] == kind]
        if len(matching) >= count:
            return matching[count - 1]
        await asyncio.sleep(0.3)
    raise AssertionError(f"no {kind} event: {await events(page)}")


async def check_styles_stay_apart(page: Page) -> None:
    accept = page.get_by_role("button", name="I understand, continue")
    await expect(accept).to_be_visible()
    inside = await accept.evaluate(
        "b => { const s = getComputedStyle(b); return [s.color, s.backgroundColor, s.fontFamily,"
        " s.letterSpacing, s.borderStyle]; }"
    )
    assert inside[0] == "rgb(255, 255, 255)" and inside[1] == "rgb(59, 79, 168)", inside
    assert "serif" not in inside[2].split(",")[0] and inside[3] == "normal", inside
    assert inside[4] == "solid", inside
    await expect(page.locator(WIDGET).get_by_text("will see the scores")).to_be_visible()
    # Nothing of the widget's styles reaches the host page.
    host = await page.evaluate(
        "() => { const b = getComputedStyle(document.querySelector('.host-button'));"
        " return [b.backgroundColor, b.borderStyle, b.padding, document.styleSheets.length,"
        " document.adoptedStyleSheets.length]; }"
    )
    assert host == ["rgb(255, 0, 255)", "dashed", "3px", 2, 0], host


async def typed_interview(page: Page, artifacts: Path) -> str:
    await page.get_by_role("button", name="Start by typing").click()
    started = await wait_event(page, "mockline:started")
    assert started["detail"]["mode"] == "text"
    log = page.locator(WIDGET).get_by_role("log")
    await expect(log.locator(".caption[data-speaker='interviewer']")).to_have_count(
        1, timeout=60_000
    )
    await page.get_by_label("Your answer").fill(ANSWER)
    await page.get_by_role("button", name="Send").click()
    await expect(log.locator(".caption[data-speaker='interviewer']")).to_have_count(
        2, timeout=60_000
    )
    if await page.locator(WIDGET).get_attribute("data-state") == "in-chat":
        await page.get_by_role("button", name="End interview").click()
    ready = await wait_event(page, "mockline:report-ready", timeout=120)
    interview_id: str = started["detail"]["interview_id"]
    assert ready["detail"]["interview_id"] == interview_id
    assert (await wait_event(page, "mockline:ended"))["detail"]["interview_id"] == interview_id
    await expect(page.get_by_role("button", name="Download the full report (PDF)")).to_be_visible()
    await page.locator(WIDGET).screenshot(path=str(artifacts / "widget-inline-report.png"))
    return interview_id


async def voice_call(page: Page) -> None:
    await page.get_by_role("button", name="Practise again").click()
    await page.get_by_role("button", name="Start call").click()
    await expect(page.locator(WIDGET)).to_have_attribute("data-state", "in-call", timeout=60_000)
    started = await wait_event(page, "mockline:started", count=2)
    assert started["detail"]["mode"] == "voice"
    deadline = time.monotonic() + 60
    stats: dict[str, Any] = {}
    while time.monotonic() < deadline:
        stats = await page.locator(WIDGET).evaluate("el => el.callStats()")
        if stats["bytesReceived"] > 0 and stats["interviewerPeak"] > 0.02:
            break
        await asyncio.sleep(0.5)
    assert stats["connected"] and stats["interviewerPeak"] > 0.02, stats
    await page.get_by_role("button", name="End call").click()
    ended = await wait_event(page, "mockline:ended", count=2)
    assert ended["detail"]["interview_id"] == started["detail"]["interview_id"]


async def test_widget_on_the_portal(
    sites: dict[str, Any], context: BrowserContext, artifacts: Path, server: Server
) -> None:
    page = await context.new_page()
    await page.set_viewport_size({"width": 900, "height": 900})
    await page.goto(sites["portal"] + "/")
    await check_styles_stay_apart(page)
    first = await page.evaluate(
        "performance.getEntriesByName('mockline:first-render')[0]?.startTime ?? null"
    )
    print(f"widget first render at {first} ms after navigation start")
    await page.get_by_role("button", name="I understand, continue").click()
    await expect(page.get_by_role("button", name="Start call")).to_be_visible()
    await page.locator(WIDGET).screenshot(path=str(artifacts / "widget-inline.png"))
    await typed_interview(page, artifacts)
    await voice_call(page)

    floating = await context.new_page()
    await floating.set_viewport_size({"width": 900, "height": 800})
    await floating.goto(sites["portal"] + "/floating")
    launcher = floating.get_by_role("button", name="Open interview practice")
    await launcher.click()
    await expect(floating.get_by_role("button", name="Start call")).to_be_focused()
    await floating.screenshot(path=str(artifacts / "widget-floating.png"))
    await floating.keyboard.press("Escape")
    await expect(launcher).to_be_focused()
    # Opened again once everything has loaded: focus goes to the call, not the close button.
    await launcher.click()
    await expect(floating.get_by_role("button", name="Start call")).to_be_focused()
    await floating.keyboard.press("Escape")
    await expect(launcher).to_be_focused()

    framed = await context.new_page()
    await framed.goto(sites["portal"] + "/iframe")
    frame = framed.frame_locator("#mockline")
    await expect(frame.get_by_role("button", name="Start call")).to_be_visible(timeout=30_000)
    assert "#token=" not in (framed.frames[1].url or "")


async def test_a_site_that_is_not_allowed_starts_nothing(
    sites: dict[str, Any], context: BrowserContext, server: Server
) -> None:
    admin: Account = sites["admin"]
    cohort_url = f"{server.url}/api/orgs/{sites['org'].id}/cohort"
    before = httpx.get(cohort_url, headers=admin.headers).json()
    page = await context.new_page()
    await page.goto(sites["evil"] + "/")
    await wait_event(page, "mockline:error", timeout=30)
    assert not await page.get_by_role("button", name="Start call").count()
    assert not await page.get_by_role("button", name="I understand, continue").count()

    await page.goto(sites["evil"] + "/iframe")
    await page.wait_for_timeout(3000)
    child: Frame = page.frames[1]
    assert not child.url.startswith(server.url), child.url
    assert not await page.frame_locator("#mockline").get_by_role("button").count()
    after = httpx.get(cohort_url, headers=admin.headers).json()
    assert completed_interviews(after) == completed_interviews(before)
    assert all(
        s["external_id"] != "intruder" or s["interviews_completed"] == 0 for s in after["students"]
    )


def completed_interviews(cohort: dict[str, Any]) -> int:
    return sum(int(s["interviews_completed"]) for s in cohort["students"])


async def test_placement_cell_page(
    sites: dict[str, Any], context: BrowserContext, artifacts: Path, server: Server
) -> None:
    admin: Account = sites["admin"]
    signin = await context.request.post(
        f"{server.url}/api/auth/signin", data={"email": admin.email, "password": admin.password}
    )
    assert signin.ok, await signin.text()
    page = await context.new_page()
    await page.set_viewport_size({"width": 1200, "height": 900})
    await page.goto(f"{server.url}/org")
    await expect(page.locator("main")).to_have_attribute("data-state", "ready", timeout=30_000)
    row = page.locator("#cohort-rows tr", has_text="Asha Rao")
    await expect(row).to_be_visible()
    await expect(page.locator("#set-list")).to_contain_text("Backend placement drill")
    await row.get_by_role("button").click()
    await page.get_by_role("button", name="Open report").first.click()
    await expect(page.locator("#student-report article")).to_be_visible(timeout=60_000)
    # The page's audit log shows the opening at once, not after a reload.
    await expect(page.locator("#audit-list li").first).to_contain_text("opened a report")
    await page.screenshot(path=str(artifacts / "org.png"), full_page=True)
    audit = httpx.get(f"{server.url}/api/orgs/{sites['org'].id}/audit", headers=admin.headers)
    assert audit.json()[0]["action"] == "view_report"
