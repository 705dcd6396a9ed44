"""An interview survives a server restart: the new process resumes it from its checkpoint.

Two real `mockline serve` processes, one after the other, on one private database and one
data directory (so the signing secret, and the candidate's access token, carry over).
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from auth_helpers import Account, signup
from checkpoint_state import checkpoint_state
from server_process import Server, fresh_database, running_server

QUESTIONS = 4
# An answer on the question's own subject, so the interviewer takes it as an answer.
ANSWER = (
    "On {question} In a real project I owned this myself: I measured first, compared two "
    "designs and their trade-offs, shipped the simpler one behind a flag, and the error "
    "rate fell from two percent to under a tenth of a percent within a month."
)
# A main question gets at most a few follow-ups before the interviewer moves on.
MAX_MESSAGES_PER_QUESTION = 5


@pytest.fixture(scope="module")
def database_url_of_our_own(postgres_admin_dsn: str) -> Iterator[str]:
    with fresh_database() as url:
        yield url


async def _state(database_url: str, interview_id: str) -> dict[str, Any]:
    state = await checkpoint_state(database_url, interview_id)
    assert state is not None, "no checkpoint stored"
    return state


def _current_question(state: dict[str, Any]) -> str:
    by_id = {q["id"]: q["text"] for q in state["plan"]}
    return str(by_id[state["asked"][-1]])


def _send(
    server: Server, account: Account, interview_id: str, what: str, **body: Any
) -> dict[str, Any]:
    resp = httpx.post(
        f"{server.url}/api/interviews/{interview_id}/{what}",
        json=body or None,
        headers=account.headers,
        timeout=60,
    )
    assert resp.status_code == 200, resp.text
    reply: dict[str, Any] = resp.json()
    return reply


def _answer_current_question(server: Server, account: Account, interview_id: str) -> dict[str, Any]:
    """Answers until the interviewer moves past the current main question (or finishes)."""
    state = asyncio.run(_state(server.database_url, interview_id))
    start = state["index"]
    answer = ANSWER.format(question=_current_question(state).lower())
    for _ in range(MAX_MESSAGES_PER_QUESTION):
        reply = _send(server, account, interview_id, "messages", text=answer)
        if reply["finished"] or reply["question_index"] > start:
            return reply
    raise AssertionError("the interviewer never moved to the next question")


def test_interview_resumes_after_a_restart(tmp_path: Path, database_url_of_our_own: str) -> None:
    url = database_url_of_our_own
    with running_server(tmp_path, url) as first:
        account = signup(first.url)
        created = httpx.post(
            f"{first.url}/api/interviews",
            json={
                "role": "backend_engineer",
                "level": "mid",
                "interview_type": "technical",
                "length": {"unit": "questions", "value": QUESTIONS},
            },
            headers=account.headers,
            timeout=60,
        )
        assert created.status_code == 201, created.text
        interview_id = created.json()["id"]
        _send(first, account, interview_id, "open")
        for _ in range(2):
            assert not _answer_current_question(first, account, interview_id)["finished"]
        before = asyncio.run(_state(url, interview_id))
    assert before["index"] == 2
    current = _current_question(before)

    with running_server(tmp_path, url) as second:
        welcome = _send(second, account, interview_id, "open")
        assert current in welcome["reply"]
        assert welcome["question_index"] == 2 and not welcome["finished"]
        reply = welcome
        for _ in range(QUESTIONS):
            reply = _answer_current_question(second, account, interview_id)
            if reply["finished"]:
                break
        assert reply["finished"]
        got = httpx.get(f"{second.url}/api/interviews/{interview_id}", headers=account.headers)
        assert second.alive()
    interview = got.json()
    assert interview["status"] == "completed"
    after = asyncio.run(_state(url, interview_id))
    # The restarted server went on with the same plan: nothing asked again, nothing replanned.
    assert len(set(after["asked"])) == len(after["asked"]) == QUESTIONS, (
        "a question was asked twice"
    )
    assert after["asked"][:3] == before["asked"]
    texts = {q["id"]: q["text"] for q in after["plan"]}
    interviewer_said = [t["text"] for t in interview["turns"] if t["speaker"] == "interviewer"]
    assert welcome["reply"] in interviewer_said
    first_said = {
        question_id: next(
            n for n, said in enumerate(interviewer_said) if texts[question_id] in said
        )
        for question_id in after["asked"]
    }
    assert sorted(first_said, key=first_said.__getitem__) == after["asked"]
    # The welcome back repeated the open question instead of moving on or starting over.
    welcome_at = interviewer_said.index(welcome["reply"])
    assert first_said[before["asked"][-1]] < welcome_at < first_said[after["asked"][3]]
