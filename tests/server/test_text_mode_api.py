"""Text mode and interview setup over the real server: creating a grounded interview, the
resume profile, opening, typed messages, their errors, serialisation, and LLM phrasing."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import httpx
import pytest
from aiortc import RTCConfiguration, RTCPeerConnection

from auth_helpers import Account, signup
from fake_openai_server import FakeOpenAI, Json, Stream
from server_process import Server

SETUP = {"role": "backend_engineer", "level": "mid", "interview_type": "technical"}
CV = (
    b"Jane Doe\nBackend engineer\n\nExperience\nSenior Backend Engineer, Acme Corp\n"
    b"Jan 2019 - Present\n- Built a Kafka event pipeline in Python and PostgreSQL\n\n"
    b"Skills\nPython, PostgreSQL, Kafka, Docker\n"
)
JD = (
    "Backend engineer\n\nRequirements\n- 3+ years of experience with Python\n"
    "- Experience running PostgreSQL in production\n- Familiarity with Kafka\n"
)
ANSWER = (
    "In my last role I owned this end to end. I measured the problem first, compared two "
    "designs and their trade-offs, shipped the simpler one behind a feature flag, and the "
    "p99 latency dropped from 800 to 120 milliseconds, which we tracked on a dashboard."
)


@pytest.fixture(scope="module")
def account(server: Server) -> Account:
    return signup(server.url)


def _error(resp: httpx.Response, status: int, code: str) -> str:
    assert resp.status_code == status, resp.text
    assert resp.json()["error"]["code"] == code
    message: str = resp.json()["error"]["message"]
    assert message
    return message


def _create(server: Server, account: Account, **extra: Any) -> dict[str, Any]:
    resp = httpx.post(
        f"{server.url}/api/interviews", json={**SETUP, **extra}, headers=account.headers, timeout=60
    )
    assert resp.status_code == 201, resp.text
    body: dict[str, Any] = resp.json()
    return body


def _post(
    server: Server, account: Account, interview_id: str, what: str, **body: Any
) -> httpx.Response:
    return httpx.post(
        f"{server.url}/api/interviews/{interview_id}/{what}",
        json=body or None,
        headers=account.headers,
        timeout=60,
    )


def _upload(server: Server, account: Account) -> str:
    resp = httpx.post(
        f"{server.url}/api/resumes",
        files={"file": ("cv.txt", CV, "text/plain")},
        headers=account.headers,
    )
    assert resp.status_code == 201, resp.text
    return str(resp.json()["id"])


def _turns(server: Server, account: Account, interview_id: str) -> list[dict[str, Any]]:
    got = httpx.get(f"{server.url}/api/interviews/{interview_id}", headers=account.headers)
    assert got.status_code == 200, got.text
    turns: list[dict[str, Any]] = got.json()["turns"]
    return turns


def test_old_clients_get_the_default_setup(server: Server, account: Account) -> None:
    body = _create(server, account)
    assert body["status"] == "created" and body["turns"] == []
    assert body["setup"]["length"] == {"unit": "questions", "value": 5}
    assert body["setup"]["persona"]["tone"] == "neutral"
    assert body["has_profile"] is False and body["has_job_description"] is False
    listed = httpx.get(f"{server.url}/api/interviews", headers=account.headers).json()
    assert [i["setup"] for i in listed if i["id"] == body["id"]] == [body["setup"]]


def test_setup_with_length_persona_resume_and_job(server: Server, account: Account) -> None:
    resume_id = _upload(server, account)
    body = _create(
        server,
        account,
        length={"unit": "minutes", "value": 15},
        persona={"name": "Sam", "tone": "friendly", "company_style": "a fast-moving startup"},
        resume_id=resume_id,
        job_description=JD,
    )
    assert body["setup"]["length"] == {"unit": "minutes", "value": 15}
    assert body["setup"]["persona"]["name"] == "Sam"
    assert body["has_profile"] is True and body["has_job_description"] is True


def test_resume_profile_endpoint(server: Server, account: Account) -> None:
    resume_id = _upload(server, account)
    resp = httpx.get(f"{server.url}/api/resumes/{resume_id}/profile", headers=account.headers)
    assert resp.status_code == 200, resp.text
    profile = resp.json()
    assert {"Python", "Apache Kafka", "PostgreSQL"} <= set(profile["skills"])
    assert profile["name"] == "Jane Doe"
    # The candidate corrects it and sends it back with a new interview.
    corrected = {**profile, "skills": [*profile["skills"], "Rust"]}
    created = _create(server, account, profile=corrected)
    assert created["has_profile"] is True
    intruder = signup(server.url)
    other = httpx.get(f"{server.url}/api/resumes/{resume_id}/profile", headers=intruder.headers)
    _error(other, 404, "not_found")


def test_bad_setups_are_refused_clearly(server: Server, account: Account) -> None:
    url, h = f"{server.url}/api/interviews", account.headers
    _error(httpx.post(url, json={**SETUP, "level": "emperor"}, headers=h), 400, "invalid_setup")
    _error(
        httpx.post(url, json={**SETUP, "length": {"unit": "questions", "value": 99}}, headers=h),
        400,
        "invalid_request",
    )
    _error(
        httpx.post(url, json={**SETUP, "persona": {"tone": "sarcastic"}}, headers=h),
        400,
        "invalid_request",
    )
    message = _error(
        httpx.post(url, json={**SETUP, "job_description": "x" * 20_001}, headers=h),
        413,
        "too_large",
    )
    assert "20,000" in message
    bad_profile = {"years_experience": -3}
    _error(
        httpx.post(url, json={**SETUP, "profile": bad_profile}, headers=h), 400, "invalid_request"
    )
    intruder = signup(server.url)
    their_resume = _upload(server, intruder)
    _error(httpx.post(url, json={**SETUP, "resume_id": their_resume}, headers=h), 404, "not_found")


def test_open_then_messages_to_the_end(server: Server, account: Account) -> None:
    interview_id = _create(server, account, length={"unit": "questions", "value": 2})["id"]
    _error(_post(server, account, interview_id, "messages", text="hello"), 409, "not_started")
    opened = _post(server, account, interview_id, "open")
    assert opened.status_code == 200, opened.text
    first = opened.json()
    assert first["reply"] and first["finished"] is False
    assert (first["question_index"], first["question_count"]) == (0, 2)
    got = httpx.get(f"{server.url}/api/interviews/{interview_id}", headers=account.headers).json()
    assert got["status"] == "active" and got["started_at"] is not None
    _error(_post(server, account, interview_id, "messages", text="   "), 400, "invalid_request")
    _error(
        _post(server, account, interview_id, "messages", text="x" * 4001), 400, "invalid_request"
    )
    reply = first
    for _ in range(12):
        resp = _post(server, account, interview_id, "messages", text=ANSWER)
        assert resp.status_code == 200, resp.text
        reply = resp.json()
        if reply["finished"]:
            break
    assert reply["finished"] is True
    got = httpx.get(f"{server.url}/api/interviews/{interview_id}", headers=account.headers).json()
    assert got["status"] == "completed"
    speakers = [t["speaker"] for t in got["turns"]]
    assert speakers[0] == "interviewer"
    assert speakers[1:] == ["candidate", "interviewer"] * ((len(speakers) - 1) // 2)
    assert all(t["started_at"] >= 0 for t in got["turns"])
    assert got["turns"][-1]["text"] == reply["reply"]
    _error(_post(server, account, interview_id, "messages", text=ANSWER), 409, "interview_finished")
    _error(_post(server, account, interview_id, "open"), 409, "interview_finished")


def test_end_then_no_more_messages(server: Server, account: Account) -> None:
    interview_id = _create(server, account)["id"]
    assert _post(server, account, interview_id, "open").status_code == 200
    ended = _post(server, account, interview_id, "end")
    assert ended.status_code == 200 and ended.json()["status"] == "completed"
    _error(_post(server, account, interview_id, "messages", text=ANSWER), 409, "interview_finished")


async def test_concurrent_messages_each_get_one_reply(server: Server, account: Account) -> None:
    interview_id = _create(server, account, length={"unit": "questions", "value": 10})["id"]
    async with httpx.AsyncClient(
        base_url=server.url, headers=account.headers, timeout=60
    ) as client:
        assert (await client.post(f"/api/interviews/{interview_id}/open")).status_code == 200
        texts = [f"{ANSWER} (message {n})" for n in range(4)]
        replies = await asyncio.gather(
            *(
                client.post(f"/api/interviews/{interview_id}/messages", json={"text": t})
                for t in texts
            )
        )
    assert [r.status_code for r in replies] == [200] * 4, [r.text for r in replies]
    turns = _turns(server, account, interview_id)
    assert [t["speaker"] for t in turns] == ["interviewer"] + ["candidate", "interviewer"] * 4
    said = [t["text"] for t in turns]
    assert sorted(said[1::2]) == sorted(texts)
    for text, reply in zip(texts, replies, strict=True):
        assert said[said.index(text) + 1] == reply.json()["reply"]


def test_a_running_call_blocks_text_mode(server: Server, account: Account) -> None:
    interview_id = _create(server, account)["id"]
    token = httpx.post(
        f"{server.url}/api/interviews/{interview_id}/call-token", headers=account.headers
    ).json()["token"]

    async def during_call() -> tuple[httpx.Response, httpx.Response]:
        pc = RTCPeerConnection(RTCConfiguration(iceServers=[]))
        pc.addTransceiver("audio", direction="sendrecv")
        pc.createDataChannel("events")
        await pc.setLocalDescription(await pc.createOffer())
        try:
            async with httpx.AsyncClient(base_url=server.url, timeout=60) as client:
                answer = await client.post(
                    f"/api/interviews/{interview_id}/offer",
                    json={"sdp": pc.localDescription.sdp, "type": "offer", "token": token},
                )
                assert answer.status_code == 200, answer.text
                opened = await client.post(
                    f"/api/interviews/{interview_id}/open", headers=account.headers
                )
                sent = await client.post(
                    f"/api/interviews/{interview_id}/messages",
                    json={"text": ANSWER},
                    headers=account.headers,
                )
                await client.post(f"/api/interviews/{interview_id}/end", headers=account.headers)
                return opened, sent
        finally:
            await pc.close()

    opened, sent = asyncio.run(during_call())
    _error(opened, 409, "call_active")
    _error(sent, 409, "call_active")


async def test_replies_are_phrased_by_the_users_model(server: Server) -> None:
    account = signup(server.url)
    phrased = "Hi, I'm Alex. Tell me about a system you built recently."
    async with FakeOpenAI() as fake:
        fake.queue(Stream(["Hi, I'm Alex. ", "Tell me about a system you built recently."]))
        async with httpx.AsyncClient(
            base_url=server.url, headers=account.headers, timeout=60
        ) as client:
            key = await client.put(
                "/api/me/keys/openai_compatible",
                json={"api_key": "sk-test-key-0000", "base_url": fake.base_url, "model": "fake"},
            )
            assert key.status_code == 200, key.text
            created = await client.post("/api/interviews", json=SETUP)
            interview_id = created.json()["id"]
            opened = await client.post(f"/api/interviews/{interview_id}/open")
            assert opened.status_code == 200, opened.text
            assert opened.json()["reply"] == phrased
            got = await client.get(f"/api/interviews/{interview_id}")
        assert len(fake.requests) == 1
    assert [t["text"] for t in got.json()["turns"]] == [phrased]


async def test_the_users_model_reads_the_answer_and_the_offline_rules_stand_in(
    server: Server,
) -> None:
    """With a key, each message is read by the model first (structured output): its probe
    becomes the follow-up the reply is phrased from. When the reading is unusable, the
    offline rules decide and the interview goes on."""
    account = signup(server.url)
    probe = "Which table was it, and how did you measure the speed-up?"
    answer = "We added an index once and the queries got faster, it went well."
    reading = {"kind": "vague", "missing": ["numbers"], "follow_up": probe}
    async with FakeOpenAI() as fake:
        fake.queue(
            Stream(["Hi, let's start. ", "Tell me about a system you built."]),
            Json(json.dumps(reading)),
            Stream(["Thanks. ", probe]),
            Json("not json at all"),
            Json("still not json"),
            Stream(["Okay."]),
        )
        async with httpx.AsyncClient(
            base_url=server.url, headers=account.headers, timeout=60
        ) as client:
            key = await client.put(
                "/api/me/keys/openai_compatible",
                json={"api_key": "sk-test-key-0000", "base_url": fake.base_url, "model": "fake"},
            )
            assert key.status_code == 200, key.text
            interview_id = (await client.post("/api/interviews", json=SETUP)).json()["id"]
            assert (await client.post(f"/api/interviews/{interview_id}/open")).status_code == 200
            first = await client.post(
                f"/api/interviews/{interview_id}/messages", json={"text": answer}
            )
            assert first.status_code == 200, first.text
            assert first.json()["reply"] == f"Thanks. {probe}"
            second = await client.post(
                f"/api/interviews/{interview_id}/messages", json={"text": answer}
            )
            assert second.status_code == 200, second.text
        read = json.dumps(fake.requests[1].body)
        assert "candidate_answer" in read and answer in read
        # The model's probe is what the interviewer asked it to phrase.
        assert probe in json.dumps(fake.requests[2].body)
    assert second.json()["reply"] and not second.json()["finished"]
