"""The setup form in real headless Chromium: length, persona, resume upload and profile
corrections, the job description, then a typed interview, all stored by a real server.

The resume is a real LaTeX PDF from the shared fixtures; the interview that the page
creates is read back over the API (setup) and from PostgreSQL (the corrected profile).
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest
from playwright.async_api import FilePayload, Page, expect
from test_call_browser import interview, page_token
from test_security_browser import RECORD_VIOLATIONS, CspWatch

import upload_samples as samples
from browser import chromium
from paths import resume_fixture
from server_process import Server

pytestmark = pytest.mark.browser


JOB_DESCRIPTION = """Site Reliability Engineer, Payments

What you'll do
- Run our Kubernetes clusters on AWS and keep the payment APIs fast.

Requirements
- 5+ years of experience with Terraform and infrastructure as code.
- Experience running Kafka in production.
"""
ANSWERS = (
    "I ran Kubernetes clusters on AWS with Terraform, and I cut deploy times by half.",
    "I moved our Kafka consumers to a new cluster without downtime, step by step with canaries.",
)


@pytest.fixture
async def page(tmp_path: Path) -> AsyncIterator[Page]:
    async with chromium(tmp_path / "profile", None) as context:
        await context.add_init_script(RECORD_VIOLATIONS)
        yield await context.new_page()


async def open_setup(page: Page, server: Server) -> CspWatch:
    watch = CspWatch(page)
    await page.goto(f"{server.url}/")
    await page.wait_for_function("() => document.querySelector('#role option') !== null")
    await expect(page.get_by_role("button", name="Start by typing")).to_be_enabled()
    return watch


async def chips(page: Page) -> list[str]:
    texts = await page.locator("#skill-list .chip-text").all_inner_texts()
    return [t.strip() for t in texts]


async def stored_row(server: Server, interview_id: str) -> dict[str, Any]:
    conn = await asyncpg.connect(server.database_url)
    try:
        row = await conn.fetchrow(
            "SELECT profile, job_description FROM interviews WHERE id = $1::uuid", interview_id
        )
    finally:
        await conn.close()
    assert row is not None
    profile = row["profile"]
    return {
        "profile": json.loads(profile) if isinstance(profile, str) else profile,
        "job_description": row["job_description"],
    }


async def answer(page: Page, text: str) -> None:
    """Types `text`, sends it with Enter, and waits for the interviewer's reply to show."""
    before = await page.evaluate("window.mockline.chat.length")
    box = page.get_by_label("Your answer")
    await box.fill(text)
    await box.press("Enter")
    await page.wait_for_function(
        f"""() => window.mockline.chat.length >= {before + 2}
              && window.mockline.chat.at(-1).speaker === 'interviewer'""",
        timeout=60_000,
    )


async def test_resume_profile_job_description_and_typed_start(
    server: Server, page: Page, artifacts: Path
) -> None:
    watch = await open_setup(page, server)
    # Length in minutes, and an interviewer persona.
    await page.get_by_text("Minutes", exact=True).click()
    await expect(page.get_by_label("Number of minutes")).to_have_value("20")
    await page.get_by_label("Number of minutes").fill("10")
    await page.locator("#persona-name").fill("Priya")
    await page.get_by_label("Tone").select_option("strict")
    await page.get_by_label("Company style").fill("a large bank")

    # The resume is read; its profile shows for correction.
    await page.set_input_files("#resume-file", str(resume_fixture("awesome-cv-resume.pdf")))
    await expect(page.locator("#profile")).to_be_visible(timeout=60_000)
    await expect(page.locator("#resume-status")).to_contain_text("is read")
    assert {"AWS", "Kubernetes", "Terraform"} <= set(await chips(page))
    await expect(page.locator("#profile-name")).to_have_value("Byungjin Park")
    await expect(page.locator("#role-1-org")).to_have_value("Dunamu Inc.")

    await page.get_by_role("button", name="Remove AWS", exact=True).click()
    await expect(page.locator("#skill-status")).to_have_text("Removed AWS.")
    box = page.get_by_label("Add a skill")
    await box.fill("Python, Go")
    await box.press("Enter")  # adds; never submits the form
    assert await page.evaluate("window.mockline.state") == "idle"
    skills = await chips(page)
    assert "AWS" not in skills and skills[-2:] == ["Python", "Go"]
    await page.locator("#role-1-title").fill("Senior DevOps Engineer")
    await page.locator("#profile-years").fill("9")

    await page.get_by_label("Paste the job ad").fill(JOB_DESCRIPTION)
    await expect(page.locator("#job-description-count")).to_have_text(
        f"{len(JOB_DESCRIPTION):,} / 20,000 characters"
    )
    await page.screenshot(path=str(artifacts / "setup-with-profile.png"), full_page=True)

    await page.get_by_role("button", name="Start by typing").click()
    await page.wait_for_function("() => window.mockline.state === 'in-chat'", timeout=60_000)
    chat = await page.evaluate("window.mockline.chat")
    assert [m["speaker"] for m in chat] == ["interviewer"] and chat[0]["text"].strip()
    await expect(page.get_by_label("Your answer")).to_be_focused()
    for text in ANSWERS:
        await answer(page, text)
    await expect(page.locator("#chat-log .chat-message")).to_have_count(5)
    await page.screenshot(path=str(artifacts / "typed-interview.png"), full_page=True)

    interview_id = await page.evaluate("window.mockline.interviewId")
    stored = interview(server, interview_id, await page_token(page, server))
    assert stored["status"] == "active"
    assert stored["setup"]["length"] == {"unit": "minutes", "value": 10}
    assert stored["setup"]["persona"] == {
        "name": "Priya",
        "tone": "strict",
        "company_style": "a large bank",
    }
    assert stored["has_profile"] and stored["has_job_description"]
    said = [t["text"] for t in stored["turns"] if t["speaker"] == "candidate"]
    assert said == list(ANSWERS)
    row = await stored_row(server, interview_id)
    profile = row["profile"]
    assert "AWS" not in profile["skills"] and {"Python", "Go", "Kubernetes"} <= set(
        profile["skills"]
    )
    assert profile["roles"][0]["title"] == "Senior DevOps Engineer"
    assert profile["roles"][0]["organisation"] == "Dunamu Inc."
    assert profile["roles"][0]["start"] == "2023-09-01"  # untouched fields go back as they came
    assert profile["years_experience"] == 9
    assert row["job_description"] == JOB_DESCRIPTION.strip()
    await watch.assert_clean()
    # Resumes and answers are personal data: never in the server log.
    log = server.log_text()
    assert "Byungjin" not in log and ANSWERS[0][:40] not in log


async def test_a_bad_file_shows_the_servers_message(server: Server, page: Page) -> None:
    junk = samples.random_bytes()  # named .pdf, but not a PDF nor any kind we read
    async with httpx.AsyncClient() as client:
        guest = await client.post(f"{server.url}/api/auth/guest")
        token = guest.json()["access_token"]
        resp = await client.post(
            f"{server.url}/api/resumes",
            files={"file": ("resume.pdf", junk, "application/pdf")},
            headers={"Authorization": f"Bearer {token}"},
        )
    assert resp.status_code == 400, resp.text
    message = resp.json()["error"]["message"]

    watch = await open_setup(page, server)
    upload = FilePayload(name="resume.pdf", mimeType="application/pdf", buffer=junk)
    await page.set_input_files("#resume-file", files=[upload])
    error = page.locator("#resume-error")
    await expect(error).to_have_text(message, timeout=30_000)
    await expect(error).to_have_attribute("role", "alert")
    await expect(page.locator("#resume-file")).to_have_attribute("aria-invalid", "true")
    await expect(page.locator("#profile")).to_be_hidden()
    # The form stays usable without a resume.
    await expect(page.get_by_role("button", name="Start by typing")).to_be_enabled()
    await watch.assert_clean()


async def test_problems_are_named_beside_their_fields(server: Server, page: Page) -> None:
    await open_setup(page, server)
    await page.get_by_text("Minutes", exact=True).click()
    await page.get_by_label("Number of minutes").fill("200")
    await page.locator("#persona-name").fill("Robo<script>")
    await page.get_by_label("Paste the job ad").fill("x" * 20_001)
    await expect(page.locator("#job-description-count")).to_have_attribute("data-over", "true")

    await page.get_by_role("button", name="Start by typing").click()
    await expect(page.locator("#length-value-error")).to_have_text(
        "Choose a whole number of minutes from 5 to 90."
    )
    await expect(page.locator("#persona-name-error")).to_contain_text("letters, spaces")
    await expect(page.locator("#job-description-error")).to_contain_text("1 character too long")
    # The first field with a problem takes the focus.
    assert await page.evaluate("document.activeElement.id") == "length-value"
    assert await page.evaluate("window.mockline.state") == "idle"
    assert await page.evaluate("window.mockline.interviewId") is None

    # Switching back to questions restores that unit's own value and limits.
    await page.get_by_text("Questions", exact=True).click()
    await expect(page.get_by_label("Number of questions")).to_have_value("5")
    await expect(page.locator("#length-value-error")).to_be_hidden()
