"""The feedback report, history and progress pages in real headless Chromium against a real
server: an interview typed to its end over the API, then its report (chart drawn, quotes
highlighted, PDF downloaded), the history (score, progress charts, delete), the pages with
Chart.js missing (tables instead), and the vendor route that serves Chart.js.

Every page is watched for Content-Security-Policy violations.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.async_api import BrowserContext, Page, expect
from test_security_browser import RECORD_VIOLATIONS, CspWatch

from signaling import pages
from signaling.errors import ApiError

from browser import chromium
from server_process import Server

pytestmark = pytest.mark.browser

SETUP = {
    "role": "backend_engineer",
    "level": "mid",
    "interview_type": "technical",
    "length": {"unit": "questions", "value": 2},
}
# Concrete enough to move the interview on and to be quoted as evidence.
ANSWERS = (
    "In my last role I owned this end to end. I measured the problem first, compared two "
    "designs and their trade-offs, shipped the simpler one behind a feature flag, and the p99 "
    "latency dropped from 800 to 120 milliseconds, which we tracked on a dashboard.",
    "I would start from the requirements and the data, pick the simplest design that meets "
    "them, and measure it in production with alerts on errors and latency.",
)
CHART_MISSING = "Chart.js is not in web_client/static/vendor/: run the npm part of scripts/setup.sh"

# The number of painted pixels of the canvas inside `#{id}`.
PAINTED = """(id) => {
  const canvas = document.querySelector(`#${id} canvas`);
  const data = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
  let painted = 0;
  for (let i = 3; i < data.length; i += 4) if (data[i] > 0) painted += 1;
  return painted;
}"""
# What Chart.js holds for the canvas inside `#{id}`: its labels and each dataset's length.
CHART_DATA = """(id) => {
  const chart = Chart.getChart(document.querySelector(`#${id} canvas`));
  return chart ? {type: chart.config.type, labels: chart.data.labels,
                  lengths: chart.data.datasets.map((d) => d.data.length)} : null;
}"""


@pytest.fixture
async def context(tmp_path: Path) -> AsyncIterator[BrowserContext]:
    async with chromium(tmp_path / "profile", None) as ctx:
        await ctx.add_init_script(RECORD_VIOLATIONS)
        yield ctx


class Guest:
    """A guest whose refresh cookie lives in the browser context, and its access token for
    driving the API directly."""

    def __init__(self, server: Server, token: str) -> None:
        self.server = server
        self.headers = {"Authorization": f"Bearer {token}"}

    async def call(self, method: str, path: str, body: object = None) -> httpx.Response:
        async with httpx.AsyncClient(base_url=self.server.url, timeout=120) as client:
            return await client.request(method, path, json=body, headers=self.headers)

    async def create(self) -> str:
        resp = await self.call("POST", "/api/interviews", SETUP)
        assert resp.status_code == 201, resp.text
        interview_id: str = resp.json()["id"]
        opened = await self.call("POST", f"/api/interviews/{interview_id}/open")
        assert opened.status_code == 200, opened.text
        return interview_id

    async def finish(self) -> str:
        """A typed interview: both answers, then ended (status completed)."""
        interview_id = await self.create()
        for text in ANSWERS:
            resp = await self.call(
                "POST", f"/api/interviews/{interview_id}/messages", {"text": text}
            )
            assert resp.status_code == 200, resp.text
            if resp.json()["finished"]:
                break
        ended = await self.call("POST", f"/api/interviews/{interview_id}/end")
        assert ended.status_code == 200, ended.text
        assert ended.json()["status"] == "completed"
        return interview_id

    async def report(self, interview_id: str) -> dict[str, Any]:
        resp = await self.call("GET", f"/api/interviews/{interview_id}/report")
        assert resp.status_code == 200, resp.text
        body: dict[str, Any] = resp.json()
        return body


async def guest_in(context: BrowserContext, server: Server) -> Guest:
    resp = await context.request.post(f"{server.url}/api/auth/guest")
    assert resp.status == 201, await resp.text()
    return Guest(server, (await resp.json())["access_token"])


async def open_report(page: Page, server: Server, interview_id: str, state: str) -> None:
    await page.goto(f"{server.url}/interviews/{interview_id}/report")
    await page.wait_for_function(
        "(state) => document.getElementById('report').dataset.state === state", arg=state
    )


def vendor_installed() -> bool:
    return (pages.VENDOR_DIR / "chart.umd.js").is_file()


async def assert_evidence_quotes_answers(page: Page, report: dict[str, Any]) -> None:
    answers = {a["question_id"]: a["answer"] for a in report["answers"]}
    marks = await page.eval_on_selector_all(
        "article.answer mark",
        "(marks) => marks.map((m) => ({question: m.closest('article').dataset.questionId, text: m.textContent}))",
    )
    quoted = sum(len(s["evidence"]) for a in report["answers"] for s in a["scores"])
    assert quoted > 0, "the report quotes nothing: no evidence to highlight"
    assert marks, "no evidence is highlighted"
    for mark in marks:
        assert mark["text"] and mark["text"] in answers[mark["question"]], mark


async def test_report_page_shows_the_feedback(
    server: Server, context: BrowserContext, artifacts: Path
) -> None:
    assert vendor_installed(), CHART_MISSING
    guest = await guest_in(context, server)
    interview_id = await guest.finish()
    report = await guest.report(interview_id)
    page = await context.new_page()
    watch = CspWatch(page)
    await open_report(page, server, interview_id, "ready")

    await expect(page.locator("#overall-score")).to_have_text(f"{report['overall']:.1f}")
    await expect(page.locator("#practice-note")).to_contain_text("not a hiring decision")
    for heading in (
        "Scores by dimension",
        "Strengths and weaknesses",
        "Three things to work on",
        "Sample answers",
        "Your answers, scored",
        "Transcript",
    ):
        await expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible()
    await expect(page.locator("#improvement-list > li")).to_have_count(len(report["improvements"]))
    await expect(page.locator("article.answer")).to_have_count(len(report["answers"]))
    await expect(page.locator("article.sample")).to_have_count(len(report["samples"]))
    # Typed answers carry no delivery: the dimension reads "not measured".
    delivery = page.locator("#dimension-list li[data-dimension='delivery']")
    await expect(delivery).to_contain_text("not measured")

    chart = await page.evaluate(CHART_DATA, "dimension-chart")
    assert chart is not None, "the dimension chart was not drawn"
    assert chart["type"] == "bar"
    assert len(chart["labels"]) == len(report["dimensions"]) == 5
    assert chart["lengths"] == [5]
    assert await page.evaluate(PAINTED, "dimension-chart") > 500, "the chart canvas is blank"
    await assert_evidence_quotes_answers(page, report)
    await page.screenshot(path=str(artifacts / "report-page.png"), full_page=True)

    async with page.expect_download() as download_info:  # noqa: SIM117 - both wait on one click
        async with page.expect_response(lambda r: r.url.endswith("/report.pdf")) as response_info:
            await page.get_by_role("link", name="Download PDF").click()
    response = await response_info.value
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    download = await download_info.value
    assert download.suggested_filename.endswith(".pdf")
    assert Path(await download.path()).read_bytes().startswith(b"%PDF")
    await expect(page.locator("#pdf-status")).to_have_text("The PDF has been downloaded.")
    await watch.assert_clean()


async def test_report_of_a_running_interview_says_it_is_not_ready(
    server: Server, context: BrowserContext
) -> None:
    guest = await guest_in(context, server)
    interview_id = await guest.create()
    page = await context.new_page()
    watch = CspWatch(page)
    await open_report(page, server, interview_id, "not-finished")
    await expect(page.locator("#report-notice")).to_contain_text("has not finished")
    await expect(page.locator("#download-pdf")).to_be_hidden()
    await expect(page.locator("#report-body")).to_be_empty()
    link = page.get_by_role("link", name="Open the interview")
    assert await link.get_attribute("href") == f"/interviews/{interview_id}"
    await watch.assert_clean()


async def test_transcript_page_links_to_the_report_once_completed(
    server: Server, context: BrowserContext
) -> None:
    guest = await guest_in(context, server)
    running, finished = await guest.create(), await guest.finish()
    page = await context.new_page()
    watch = CspWatch(page)
    await page.goto(f"{server.url}/interviews/{finished}")
    link = page.get_by_role("link", name="View feedback report")
    await expect(link).to_be_visible()
    assert await link.get_attribute("href") == f"/interviews/{finished}/report"

    await page.goto(f"{server.url}/interviews/{running}")
    await page.wait_for_function("() => document.getElementById('loading') === null")
    await expect(page.locator("#status")).to_have_attribute("data-state", "active")
    await expect(link).to_be_hidden()
    await watch.assert_clean()


async def test_my_interviews_show_the_score_and_link_the_report(
    server: Server, context: BrowserContext
) -> None:
    guest = await guest_in(context, server)
    interview_id = await guest.finish()
    report = await guest.report(interview_id)
    page = await context.new_page()
    watch = CspWatch(page)
    await page.goto(f"{server.url}/")
    item = page.locator(f"#interview-list li[data-id='{interview_id}']")
    await expect(item.locator(".item-report")).to_contain_text(
        f"Score {report['overall']:.1f} / 10"
    )
    link = item.get_by_role("link", name="Feedback report")
    assert await link.get_attribute("href") == f"/interviews/{interview_id}/report"
    await expect(page.get_by_role("link", name="Your history and progress")).to_be_visible()
    await watch.assert_clean()


async def delete_by_keyboard(page: Page, interview_id: str) -> None:
    """Delete, then the confirm step, with the keyboard only: Keep takes the focus first."""
    row = page.locator(f"#past-rows tr[data-id='{interview_id}']")
    await row.get_by_role("button", name="Delete").focus()
    await page.keyboard.press("Enter")
    await expect(row.get_by_role("button", name="Keep")).to_be_focused()
    await page.keyboard.press("Shift+Tab")
    await expect(row.get_by_role("button", name="Delete", exact=True)).to_be_focused()
    await page.keyboard.press("Enter")
    await expect(row).to_have_count(0)


async def test_history_shows_scores_progress_and_deletes(
    server: Server, context: BrowserContext, artifacts: Path
) -> None:
    assert vendor_installed(), CHART_MISSING
    guest = await guest_in(context, server)
    first, second = await guest.finish(), await guest.finish()
    reports = {i: await guest.report(i) for i in (first, second)}
    page = await context.new_page()
    watch = CspWatch(page)
    await page.goto(f"{server.url}/history")
    await page.wait_for_function(
        "() => document.getElementById('history').dataset.state === 'ready'"
    )

    for interview_id, report in reports.items():
        row = page.locator(f"#past-rows tr[data-id='{interview_id}']")
        await expect(row.locator(".score-cell")).to_have_text(f"{report['overall']:.1f} / 10")
        report_link = row.get_by_role("link", name="Feedback report", exact=False)
        assert await report_link.get_attribute("href") == f"/interviews/{interview_id}/report"

    overall = await page.evaluate(CHART_DATA, "overall-chart")
    assert overall is not None and overall["type"] == "line"
    assert len(overall["labels"]) == 2 and overall["lengths"] == [2]
    per_dimension = await page.evaluate(CHART_DATA, "dimensions-chart")
    assert per_dimension is not None and per_dimension["lengths"] == [2] * 5
    weakest = await page.evaluate(CHART_DATA, "weakest-chart")
    assert weakest is not None and weakest["lengths"] == [2]
    await expect(page.locator("#weakest-summary")).to_contain_text("Your weakest area:")
    for chart_id in ("overall-chart", "dimensions-chart", "weakest-chart"):
        assert await page.evaluate(PAINTED, chart_id) > 500, f"{chart_id} is blank"
        # The same data as a table, for screen readers and keyboards.
        await expect(page.locator(f"#{chart_id} table tbody tr")).to_have_count(2)
    await page.screenshot(path=str(artifacts / "history-page.png"), full_page=True)

    await delete_by_keyboard(page, first)
    await expect(page.locator("#past-status")).to_contain_text("Deleted")
    gone = await guest.call("GET", f"/api/interviews/{first}")
    assert gone.status_code == 404, gone.text
    # The progress is drawn again without the deleted interview.
    await page.wait_for_function(
        "() => Chart.getChart(document.querySelector('#overall-chart canvas'))?.data.labels.length === 1"
    )
    await expect(page.locator(f"#past-rows tr[data-id='{second}']")).to_have_count(1)
    await watch.assert_clean()


async def test_pages_show_tables_without_the_chart_library(
    server: Server, context: BrowserContext
) -> None:
    guest = await guest_in(context, server)
    interview_id = await guest.finish()
    await context.route("**/static/vendor/chart.umd.js", lambda route: route.fulfill(status=404))
    page = await context.new_page()
    watch = CspWatch(page)
    await open_report(page, server, interview_id, "ready")
    figure = page.locator("#dimension-chart")
    await expect(figure).to_have_attribute("data-fallback", "table")
    await expect(figure.locator("canvas")).to_have_count(0)
    await expect(figure.locator("table tbody tr")).to_have_count(5)
    await expect(figure.locator("tr", has_text="Delivery")).to_contain_text("not measured")

    await page.goto(f"{server.url}/history")
    await page.wait_for_function(
        "() => document.getElementById('history').dataset.state === 'ready'"
    )
    await expect(page.locator("#overall-chart table tbody tr")).to_have_count(1)
    await expect(page.locator("#progress canvas")).to_have_count(0)
    await watch.assert_clean()


def test_vendor_route_serves_only_installed_libraries(server: Server) -> None:
    assert vendor_installed(), CHART_MISSING
    served = httpx.get(f"{server.url}/static/vendor/chart.umd.js")
    assert served.status_code == 200
    assert served.headers["content-type"].startswith("text/javascript")
    assert "Chart.js" in served.text[:200]
    unknown = httpx.get(f"{server.url}/static/vendor/other.js")
    assert unknown.status_code == 404
    assert unknown.json()["error"]["code"] == "not_found"


async def test_a_missing_library_is_a_404_that_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(pages, "VENDOR_DIR", tmp_path)
    with pytest.raises(ApiError) as raised:
        await pages.vendor_file("chart.umd.js")
    assert raised.value.status == 404
    assert raised.value.code == "vendor_missing"
    assert "scripts/setup.sh" in raised.value.message
