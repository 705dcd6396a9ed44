"""LiveKit mode from real processes: a LiveKit server, `mockline serve --livekit`, two
`mockline worker`s (one call each, so a full worker must refuse more), the suite's Postgres
and Redis. Candidates are livekit Python rtc clients speaking espeak-ng answers.

Covered: a call dispatched to a worker, heard, answered, stored and ended from the page's
side; two interviews at once on the two workers, and a third that waits until one is free;
text mode refused while the call runs on a worker; and bad input: forged and expired LiveKit tokens, another user's interview, the
WebRTC offer in LiveKit mode, a forged webhook, dispatches naming no or an unknown interview.
"""

from __future__ import annotations

import asyncio
import datetime
import json
import re
import time
from collections.abc import Iterator
from typing import Any
from uuid import uuid4

import httpx
import pytest
from livekit import api, rtc

from fake_mic import speak
from live_watch import watch_live
from livekit_candidate import Candidate
from livekit_stack import (
    AGENT_NAME,
    API_KEY,
    API_SECRET,
    Deployment,
    livekit_binary,
    metric_value,
    running_deployment,
)

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(livekit_binary() is None, reason="LiveKit server not built (setup.sh)"),
]

STATUS_INTERVAL_S = 2.5
"""How often a livekit-agents worker reports its load to LiveKit."""
ANSWER = "I built a payment service in Python and I wrote the tests for it myself."


@pytest.fixture(scope="module")
def deployment(
    tmp_path_factory: pytest.TempPathFactory, database_url: str, redis_url: str
) -> Iterator[Deployment]:
    tmp = tmp_path_factory.mktemp("livekit")
    with running_deployment(
        tmp, database_url, redis_url, workers=2, MOCKLINE_WORKER_MAX_CALLS="1"
    ) as found:
        yield found
        assert found.web.alive(), "the web server died"
        for worker in found.workers:
            assert worker.alive(), f"worker {worker.name} died:\n{worker.log_text()[-3000:]}"


def recall(expected: str, heard: str) -> float:
    """The share of the expected words that were heard (tiny.en mishears a few)."""
    want, got = re.findall(r"[a-z']+", expected.lower()), set(re.findall(r"[a-z']+", heard.lower()))
    return sum(1 for w in want if w in got) / len(want)


def guest(deployment: Deployment) -> dict[str, str]:
    resp = httpx.post(f"{deployment.web.url}/api/auth/guest", timeout=10)
    assert resp.status_code == 201, resp.text
    return {"Authorization": f"Bearer {resp.json()['access_token']}"}


def new_interview(deployment: Deployment, auth: dict[str, str]) -> str:
    body = {"role": "backend_engineer", "level": "junior", "interview_type": "technical"}
    resp = httpx.post(f"{deployment.web.url}/api/interviews", json=body, headers=auth, timeout=60)
    assert resp.status_code == 201, resp.text
    interview_id: str = resp.json()["id"]
    return interview_id


def call_token(deployment: Deployment, auth: dict[str, str], interview_id: str) -> httpx.Response:
    url = f"{deployment.web.url}/api/interviews/{interview_id}/call-token"
    return httpx.post(url, headers=auth, timeout=10)


def stored(deployment: Deployment, auth: dict[str, str], interview_id: str) -> dict[str, Any]:
    resp = httpx.get(f"{deployment.web.url}/api/interviews/{interview_id}", headers=auth)
    assert resp.status_code == 200, resp.text
    body: dict[str, Any] = resp.json()
    return body


async def joined(deployment: Deployment, auth: dict[str, str], interview_id: str) -> Candidate:
    resp = call_token(deployment, auth, interview_id)
    assert resp.status_code == 200, resp.text
    grant = resp.json()
    assert grant["livekit_url"] == deployment.livekit.url and grant["room"].endswith(interview_id)
    candidate = Candidate()
    await candidate.join(grant["livekit_url"], grant["token"])
    await candidate.open_microphone()
    return candidate


async def wait_for(predicate: Any, timeout: float, what: str) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if asyncio.iscoroutine(value):
            value = await value
        if value:
            return value
        await asyncio.sleep(0.25)
    raise AssertionError(f"timed out after {timeout:.0f}s waiting for {what}")


def worker_metric(deployment: Deployment, name: str) -> list[float]:
    out = []
    for worker in deployment.workers:
        text = httpx.get(f"http://127.0.0.1:{worker.metrics_port}/metrics", timeout=5).text
        out.append(metric_value(text, name))
    return out


def idle(deployment: Deployment) -> bool:
    """No call and no job left on any worker (a job ends after its call, its report and
    deleting its room)."""
    return worker_metric(deployment, "mockline_active_calls") == [0.0, 0.0] and worker_metric(
        deployment, "mockline_worker_load"
    ) == [0.0, 0.0]


async def test_a_call_runs_on_a_worker_and_is_stored(deployment: Deployment) -> None:
    auth = guest(deployment)
    interview_id = new_interview(deployment, auth)
    # A tab open on the interview follows the call the worker runs (through Redis).
    watched = asyncio.create_task(
        asyncio.to_thread(watch_live, deployment.web.url, interview_id, auth, 30)
    )
    candidate = await joined(deployment, auth, interview_id)
    try:
        await wait_for(candidate.interviewer_said, 60, "the interviewer's opening")
        assert candidate.agents_seen, "no interviewer joined"
        await candidate.wait_quiet()
        assert stored(deployment, auth, interview_id)["status"] == "active"
        assert worker_metric(deployment, "mockline_active_calls").count(1.0) == 1

        # Text mode is refused while the call runs on a worker (presence in Redis).
        url = f"{deployment.web.url}/api/interviews/{interview_id}/open"
        refused = httpx.post(url, headers=auth, timeout=10)
        assert refused.status_code == 409 and refused.json()["error"]["code"] == "call_active"
        again = call_token(deployment, auth, interview_id)
        assert again.status_code == 409 and again.json()["error"]["code"] == "call_active"

        ended_speaking = await candidate.say(speak(ANSWER))

        def answered() -> bool:
            turns = stored(deployment, auth, interview_id)["turns"]
            return any(
                t["speaker"] == "candidate" and "eos_to_first_audio_ms" in (t["latency"] or {})
                for t in turns
            )

        await wait_for(answered, 60, "the answer to be stored with its reply's latency")
        reply = await wait_for(lambda: candidate.replies_after(ended_speaking), 30, "a reply")
        assert 0 < reply < 15
        await candidate.send_end()
        await wait_for(lambda: any(m["type"] == "ended" for m in candidate.messages), 30, "the end")
    finally:
        await candidate.leave()
    interview = stored(deployment, auth, interview_id)
    assert interview["status"] == "completed"
    said = " ".join(t["text"] for t in interview["turns"] if t["speaker"] == "candidate")
    assert recall(ANSWER, said) >= 0.6, said
    live = await asyncio.wait_for(watched, 30)
    assert live[0]["type"] == "watching"
    shown = " ".join(
        m["text"] for m in live if m["type"] == "transcript" and m["speaker"] == "candidate"
    )
    assert recall(said, shown) == 1.0, (said, shown)
    assert any(m["type"] == "transcript" and m["speaker"] == "interviewer" for m in live)
    assert live[-1]["type"] == "ended" and live[-1]["reason"] == "candidate_ended", live[-1]
    latencies = [t["latency"] or {} for t in interview["turns"] if t["speaker"] == "candidate"]
    assert any(lat.get("eos_to_first_audio_ms", 0) > 0 for lat in latencies)
    histogram = worker_metric(deployment, "mockline_turn_latency_seconds_count")
    assert sum(histogram) >= 1
    # The report is made once, by the worker, while the fleet waits for it.
    resp = httpx.get(
        f"{deployment.web.url}/api/interviews/{interview_id}/report", headers=auth, timeout=120
    )
    assert resp.status_code == 200, resp.text
    await wait_for(lambda: idle(deployment), 60, "the worker to be free again")


async def test_calls_spread_over_the_workers_and_a_third_waits_for_a_free_one(
    deployment: Deployment,
) -> None:
    """Two calls land on the two workers. A third finds both full: LiveKit drops its job, the
    web tier dispatches it again (`signaling.livekit.waiting`), and its interviewer comes as
    soon as one of the two calls ends."""
    await wait_for(lambda: idle(deployment), 60, "free workers")
    calls = []
    for _ in range(3):
        auth = guest(deployment)
        interview_id = new_interview(deployment, auth)
        calls.append((auth, interview_id, await joined(deployment, auth, interview_id)))
    candidates = [candidate for _, _, candidate in calls]
    try:
        await wait_for(
            lambda: sum(1 for c in candidates if c.interviewer_said()) >= 2, 150, "two openings"
        )
        busy = [c for c in candidates if c.interviewer_said()]
        waiting = next(c for c in candidates if not c.interviewer_said())
        assert worker_metric(deployment, "mockline_active_calls") == [1.0, 1.0]
        assert worker_metric(deployment, "mockline_worker_load") == [1.0, 1.0]
        await asyncio.sleep(6)  # longer than the web tier's first retries: still no one free
        assert not waiting.agents_seen and not waiting.interviewer_said()
        # The web tier marked the room, so that the page says "busy", not "failed".
        assert json.loads(waiting.room.metadata or "{}").get("interviewer") == "busy"
        await busy[0].leave()
        await wait_for(waiting.interviewer_said, 150, "an interviewer for the one who waited")
        assert len(set(waiting.agents_seen)) == 1
        assert worker_metric(deployment, "mockline_active_calls") == [1.0, 1.0]
    finally:
        for candidate in candidates:
            await candidate.leave()
    for auth, interview_id, _ in calls:
        # Hanging up leaves the interview to be resumed, not ended.
        assert stored(deployment, auth, interview_id)["status"] == "active"
    await wait_for(lambda: idle(deployment), 60, "both workers free again")


async def test_forged_and_expired_tokens_are_refused(deployment: Deployment) -> None:
    auth = guest(deployment)
    interview_id = new_interview(deployment, auth)
    grant = call_token(deployment, auth, interview_id).json()
    claims = api.TokenVerifier(API_KEY, API_SECRET).verify(grant["token"])
    assert claims.identity.startswith("candidate-") and claims.video is not None
    assert claims.video.room == grant["room"] and claims.video.can_publish_sources == ["microphone"]
    assert claims.video.room_admin is None and claims.video.room_create is None
    forged = (
        api.AccessToken(API_KEY, "not-the-secret-" + "x" * 32)
        .with_identity(claims.identity)
        .with_grants(api.VideoGrants(room_join=True, room=grant["room"]))
        .to_jwt()
    )
    expired = (
        api.AccessToken(API_KEY, API_SECRET)
        .with_identity(claims.identity)
        .with_ttl(datetime.timedelta(seconds=-120))
        .with_grants(api.VideoGrants(room_join=True, room=grant["room"]))
        .to_jwt()
    )
    for bad in (forged, expired):
        room = rtc.Room()
        with pytest.raises(rtc.ConnectError):
            await room.connect(deployment.livekit.url, bad)
    assert deployment.web.alive() and all(w.alive() for w in deployment.workers)


async def test_another_users_interview_is_not_found(deployment: Deployment) -> None:
    owner, other = guest(deployment), guest(deployment)
    interview_id = new_interview(deployment, owner)
    resp = call_token(deployment, other, interview_id)
    assert resp.status_code == 404 and resp.json()["error"]["code"] == "not_found"
    # Nor is the WebRTC offer a way in: in LiveKit mode the web tier carries no media.
    offer = httpx.post(
        f"{deployment.web.url}/api/interviews/{interview_id}/offer",
        json={"sdp": "v=0", "type": "offer", "token": "x"},
    )
    assert offer.status_code == 409 and offer.json()["error"]["code"] == "livekit_calls"


async def test_a_forged_webhook_changes_nothing(deployment: Deployment) -> None:
    url = f"{deployment.web.url}/api/livekit/webhook"
    body = '{"event": "participant_left", "room": {"name": "mockline-interview-x"}}'
    forged = api.AccessToken(API_KEY, "wrong-secret-" + "y" * 32).to_jwt()
    for headers in ({}, {"Authorization": forged}):
        resp = httpx.post(url, content=body, headers=headers)
        assert resp.status_code == 401 and resp.json()["error"]["code"] == "invalid_webhook"


async def test_dispatches_for_no_or_an_unknown_interview_are_refused(
    deployment: Deployment,
) -> None:
    await wait_for(lambda: idle(deployment), 60, "free workers")
    # These dispatches come from no web tier, so nothing dispatches them again: wait until
    # LiveKit too sees the workers free (they report their load every 2.5 s).
    await asyncio.sleep(STATUS_INTERVAL_S + 0.5)
    before = sum(worker_metric(deployment, 'mockline_errors_total{kind="dispatch_refused"}'))
    lkapi = api.LiveKitAPI(deployment.livekit.http_url, API_KEY, API_SECRET)
    unknown = uuid4()
    try:
        for room, metadata in (
            (f"mockline-interview-{unknown}", f'{{"interview_id": "{unknown}"}}'),
            (f"mockline-interview-{unknown}", "not json"),
            ("some-other-room", f'{{"interview_id": "{unknown}"}}'),
        ):
            await lkapi.room.create_room(api.CreateRoomRequest(name=room, empty_timeout=30))
            await lkapi.agent_dispatch.create_dispatch(
                api.CreateAgentDispatchRequest(agent_name=AGENT_NAME, room=room, metadata=metadata)
            )

        async def refused() -> bool:
            now = worker_metric(deployment, 'mockline_errors_total{kind="dispatch_refused"}')
            return sum(now) - before >= 3

        await wait_for(refused, 30, "three refusals")
        rooms = await lkapi.room.list_participants(
            api.ListParticipantsRequest(room=f"mockline-interview-{unknown}")
        )
        assert not rooms.participants  # no interviewer joined the unknown interview's room
    finally:
        await lkapi.aclose()
    logs = "".join(w.log_text() for w in deployment.workers)
    assert "no such interview" in logs and "names no interview" in logs
    assert all(w.alive() for w in deployment.workers)
