"""The feedback API in process, over HTTP: the report as JSON and PDF, who may read it, when
it exists, what deleting an interview does to it, and progress across interviews.

The app is `signaling.app.create_app` on the session database, with the reports router
included when the app does not include it yet. No route here needs speech models, so the
runtime is marked ready without loading them.
"""

from __future__ import annotations

import io
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, cast

import asyncpg
import httpx
import pytest
from pydantic import SecretStr
from pypdf import PdfReader

from agent.plugins import SpeechModels
from agent.sessions.report_docs import AnswerDoc, ReportDoc, ScoreDoc, SpanDoc, StoredReport
from agent.settings import Settings
from agent.store.db import Database
from agent.store.models import Turn
from signaling import report_pdf
from signaling.app import create_app
from signaling.routes import reports
from signaling.runtime import Runtime

from report_helpers import ANSWERS

SETUP = {
    "role": "backend_engineer",
    "level": "mid",
    "interview_type": "technical",
    "length": {"unit": "questions", "value": 2},
}
Client = httpx.AsyncClient


@pytest.fixture
async def api(
    store_pool: asyncpg.Pool,
    store_database_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> AsyncIterator[Client]:
    monkeypatch.setenv("MOCKLINE_RATE_LIMITS_ENABLED", "false")
    for name in ("PROVIDER", "API_KEY", "BASE_URL", "MODEL"):
        monkeypatch.delenv(f"MOCKLINE_LLM_{name}", raising=False)
    settings = Settings(data_dir=tmp_path, jwt_secret=SecretStr("test-secret-" * 4))
    runtime = Runtime(settings)
    runtime.db = Database(store_pool, store_database_url)
    runtime.speech = cast(SpeechModels, object())
    app = create_app(runtime)
    if not any(getattr(r, "path", None) == "/api/me/progress" for r in app.routes):
        app.include_router(reports.router)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(
        transport=transport, base_url="http://test", timeout=120
    ) as client:
        yield client


async def account(api: Client) -> dict[str, str]:
    email = f"user-{uuid.uuid4().hex[:10]}@example.org"
    resp = await api.post(
        "/api/auth/signup", json={"email": email, "password": "correct horse battery"}
    )
    assert resp.status_code == 201, resp.text
    return {"Authorization": f"Bearer {resp.json()['access_token']}"}


async def started(api: Client, user: dict[str, str]) -> str:
    created = await api.post("/api/interviews", json=SETUP, headers=user)
    assert created.status_code == 201, created.text
    interview_id: str = created.json()["id"]
    opened = await api.post(f"/api/interviews/{interview_id}/open", headers=user)
    assert opened.status_code == 200, opened.text
    return interview_id


async def finished(api: Client, user: dict[str, str]) -> str:
    interview_id = await started(api, user)
    for text in ["can you repeat the question", *ANSWERS * 4, "end the interview"]:
        resp = await api.post(
            f"/api/interviews/{interview_id}/messages", json={"text": text}, headers=user
        )
        assert resp.status_code == 200, resp.text
        if resp.json()["finished"]:
            return interview_id
    raise AssertionError("the interview did not finish")


def error_code(resp: httpx.Response, status: int) -> str:
    assert resp.status_code == status, resp.text
    code: str = resp.json()["error"]["code"]
    return code


async def test_the_report_of_a_finished_interview(api: Client) -> None:
    user = await account(api)
    interview_id = await finished(api, user)
    resp = await api.get(f"/api/interviews/{interview_id}/report", headers=user)
    assert resp.status_code == 200, resp.text
    body: dict[str, Any] = resp.json()
    assert body["interview_id"] == interview_id and body["scorer"] == "offline"
    assert body["recommendation"] in ("strong_no", "no", "lean", "yes", "strong_yes")
    assert 0 <= body["overall"] <= 10 and body["verdict"]
    dims = {d["dimension"]: d["score"] for d in body["dimensions"]}
    assert list(dims) == ["relevance", "structure", "depth", "clarity", "delivery"]
    assert dims["delivery"] is None  # typed answers: not measured
    assert len(body["improvements"]) == 3 and body["samples"]
    for finding in body["strengths"] + body["weaknesses"]:
        assert {"dimension", "score", "summary", "question_id", "evidence"} <= set(finding)
    answers = body["answers"]
    assert answers and ANSWERS[0] in answers[0]["answer"]
    for answer in answers:
        assert {"question_id", "question", "answer", "overall", "scores", "flags"} <= set(answer)
        for score in answer["scores"]:
            for span in score["evidence"]:
                assert answer["answer"][span["start"] : span["end"]] == span["text"]
    transcript = body["transcript"]
    assert [t["seq"] for t in transcript] == sorted(t["seq"] for t in transcript)
    assert {"interviewer", "candidate"} == {t["speaker"] for t in transcript}
    assert any(t["text"] == ANSWERS[0] for t in transcript)
    again = await api.get(f"/api/interviews/{interview_id}/report", headers=user)
    assert again.json()["generated_at"] == body["generated_at"]


async def test_no_report_before_the_end_nor_for_anyone_else(api: Client) -> None:
    user, intruder = await account(api), await account(api)
    running = await started(api, user)
    for suffix in ("report", "report.pdf"):
        resp = await api.get(f"/api/interviews/{running}/{suffix}", headers=user)
        assert error_code(resp, 409) == "interview_not_finished"
        other = await api.get(f"/api/interviews/{running}/{suffix}", headers=intruder)
        assert error_code(other, 404) == "not_found"
        for unknown in (str(uuid.uuid4()), "not-an-id"):
            resp = await api.get(f"/api/interviews/{unknown}/{suffix}", headers=user)
            assert error_code(resp, 404) == "not_found"
        assert error_code(await api.get(f"/api/interviews/{running}/{suffix}"), 401)


async def test_the_report_as_pdf(api: Client) -> None:
    user = await account(api)
    interview_id = await finished(api, user)
    resp = await api.get(f"/api/interviews/{interview_id}/report.pdf", headers=user)
    assert resp.status_code == 200, resp.text
    assert resp.headers["content-type"] == "application/pdf"
    assert "attachment" in resp.headers["content-disposition"]
    assert resp.content.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(resp.content))
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
    for section in (
        "Interview report",
        "Overall",
        "Scores by dimension",
        "Strengths",
        "Weaknesses",
        "Three improvements",
        "Sample answers",
        "Answer by answer",
        "Transcript",
        "marked in bold blue",
    ):
        assert section in text, section
    assert "p99 latency dropped from 800 to 120" in text
    report = (await api.get(f"/api/interviews/{interview_id}/report", headers=user)).json()
    assert report["improvements"][0][:40] in text
    streams = b"".join(page.get_contents().get_data() for page in reader.pages)  # type: ignore[union-attr]
    assert b"0.0784 0.3529 0.7843 rg" in streams  # evidence marked in the transcript


async def test_deleting_an_interview_deletes_its_report(
    api: Client, store_pool: asyncpg.Pool
) -> None:
    user = await account(api)
    interview_id = await finished(api, user)
    assert (
        await api.get(f"/api/interviews/{interview_id}/report", headers=user)
    ).status_code == 200
    assert (await api.delete(f"/api/interviews/{interview_id}", headers=user)).status_code == 204
    resp = await api.get(f"/api/interviews/{interview_id}/report", headers=user)
    assert error_code(resp, 404) == "not_found"
    for table in ("interview_reports", "answer_evaluations"):
        left = await store_pool.fetchval(
            f"select count(*) from {table} where interview_id = $1", uuid.UUID(interview_id)
        )
        assert left == 0


async def test_progress_over_interviews(api: Client) -> None:
    user = await account(api)
    empty = await api.get("/api/me/progress", headers=user)
    assert empty.status_code == 200 and empty.json() == {"points": [], "weakest": None}
    first, second = await finished(api, user), await finished(api, user)
    overall = {}
    for interview_id in (second, first):  # reports made in the other order
        resp = await api.get(f"/api/interviews/{interview_id}/report", headers=user)
        overall[interview_id] = resp.json()["overall"]
    await started(api, user)  # no report: not a point
    body = (await api.get("/api/me/progress", headers=user)).json()
    points = body["points"]
    assert [p["interview_id"] for p in points] == [first, second]
    assert [p["overall"] for p in points] == [overall[first], overall[second]]
    assert points[0]["role"] == "backend_engineer" and points[0]["interview_type"] == "technical"
    assert set(points[0]["dimensions"]) == {
        "relevance",
        "structure",
        "depth",
        "clarity",
        "delivery",
    }
    assert points[0]["dimensions"]["delivery"] is None
    weakest = body["weakest"]
    name = weakest["dimension"]
    assert weakest["scores"] == [p["dimensions"][name] for p in points]
    measured = {
        d: sum(p["dimensions"][d] for p in points) / 2
        for d in points[0]["dimensions"]
        if points[0]["dimensions"][d] is not None
    }
    assert measured[name] == min(measured.values())
    other = await account(api)
    assert (await api.get("/api/me/progress", headers=other)).json()["points"] == []


def _stored(answer: str) -> StoredReport:
    span = SpanDoc(start=0, end=answer.index(" ", 10), text=answer[: answer.index(" ", 10)])
    score = ScoreDoc(
        dimension="relevance",
        label="Relevance",
        score=4.5,
        rationale="Thin.",
        evidence=[span],
        gaps=[],
    )
    return StoredReport(
        interview_id=uuid.uuid4(),
        generated_at=datetime.now(UTC),
        scorer="llm",
        report=ReportDoc(
            overall=4.5,
            recommendation="no",
            verdict="Not yet.",
            dimensions=[],
            strengths=[],
            weaknesses=[],
            improvements=["One.", "Two.", "Three."],
            samples=[],
        ),
        answers=[
            AnswerDoc(
                question_id="be-04",
                position=0,
                question="What is an index?",
                answer=answer,
                overall=4.5,
                scores=[score],
                flags=[],
                covered_points=[],
                missed_points=[0],
                scorer="llm",
            )
        ],
    )


@pytest.mark.parametrize("fonts", ["system", "core"])
def test_any_script_renders(fonts: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    if fonts == "core":
        monkeypatch.setattr(report_pdf, "FONT_DIR", tmp_path)  # no fonts there
    answer = "Naïve “caching” cut latency — 数据库 took 5 ms 🚀 " + "very " * 300 + "long."
    now = datetime.now(UTC)
    turns = [
        Turn(
            id=1, interview_id=uuid.uuid4(), seq=1, speaker="candidate", text=answer,
            heard_text=None, interrupted=False, started_at=0.0, ended_at=None, latency=None,
            created_at=now,
        )
    ]  # fmt: skip
    pdf = report_pdf.render_report_pdf(_stored(answer), turns, title="Mid backend engineer")
    text = " ".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "cut latency" in text and "Transcript" in text


def test_evidence_marks_merge_and_follow_the_text() -> None:
    text = "We cut p99 latency from 800 ms to 120 ms, then p99 latency held."
    marks = report_pdf.evidence_marks(text, ["p99 latency", "latency from 800", "ms", "absent"])
    assert [text[a:b] for a, b in marks] == ["p99 latency from 800", "p99 latency"]
