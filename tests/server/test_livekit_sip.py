"""Dial-in in LiveKit mode, from real processes: sipp calls LiveKit SIP, which puts the
caller in a room of its own on LiveKit server, where a `mockline worker` asks for the PIN and
runs the interview it names; `mockline serve --livekit` made the trunk and the dispatch rule.

Covered: the caller's answer is stored and interrupts the interviewer (barge-in), the
interviewer is heard down the line and a tab open on the interview follows the call; three
wrong PINs are told goodbye and hung up on, counted in the fleet's guessing limits (Redis);
calling again with the same PIN resumes the interview; ending the interview ends its PIN.
LiveKit holds one rule for every call, and no PIN.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any
from uuid import UUID

import asyncpg
import httpx
import pytest
import redis.asyncio as aioredis
from livekit import api
from livekit.protocol import sip as lksip

from agent.dial_in.guard_redis import PREFIX as PIN_GUARD_PREFIX

from checkpoint_state import checkpoint_state
from dial_in_api import create_interview, dial_in, stored_turns
from live_watch import watch_live
from livekit_stack import (
    API_KEY,
    API_SECRET,
    Deployment,
    livekit_binary,
    livekit_sip_binary,
    running_deployment,
)
from rtp_capture import capture_rtp
from server_process import free_port
from sip_caller import call_scenario, caller_voice, sipp

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        livekit_binary() is None or livekit_sip_binary() is None,
        reason="LiveKit server or LiveKit SIP not built (setup.sh)",
    ),
]

ANSWER = (
    "I led the move of our billing jobs to a message queue, and I wrote the retry logic "
    "so that a failed invoice is never charged twice."
)
# LiveKit SIP rings for a second and joins the caller's room; the worker joins it and says
# the welcome. The PIN is typed 5 s after the answer (about 3 s of digits), then "here is
# your interviewer" and the opening. The answer comes into the opening.
PIN_AT_MS = 5000
ANSWER_AT_S = 19.0
CALL_S = 42


@pytest.fixture(scope="module")
def deployment(
    tmp_path_factory: pytest.TempPathFactory, database_url: str, redis_url: str
) -> Iterator[Deployment]:
    tmp = tmp_path_factory.mktemp("livekit-sip")
    with running_deployment(tmp, database_url, redis_url, workers=1, sip=True) as found:
        yield found
        assert found.web.alive(), "the web server died"
        assert found.workers[0].alive(), found.workers[0].log_text()[-3000:]


def _guest(deployment: Deployment) -> dict[str, str]:
    resp = httpx.post(f"{deployment.web.url}/api/auth/guest", timeout=10)
    assert resp.status_code == 201, resp.text
    return {"Authorization": f"Bearer {resp.json()['access_token']}"}


async def _asked(database_url: str, interview_id: str) -> list[Any]:
    state = await checkpoint_state(database_url, interview_id)
    asked: list[Any] = state["asked"] if state else []
    return asked


def test_a_phone_call_through_livekit_sip_is_an_interview(
    deployment: Deployment, tmp_path: Path, database_url: str, redis_url: str
) -> None:
    sip = deployment.sip
    assert sip is not None
    auth = _guest(deployment)
    interview_id = create_interview(deployment.web.url, auth)
    details = dial_in(deployment.web.url, auth, interview_id)
    assert details["sip_uri"].endswith(f":{sip.sip_port}"), details
    pin = details["pin"]
    voice = caller_voice(tmp_path / "answer.ulaw", [(ANSWER_AT_S, ANSWER)], total_s=CALL_S)
    media_port = free_port()
    started = time.monotonic()
    with (
        capture_rtp(sip.rtp_ports, media_port) as rtp,
        ThreadPoolExecutor(1, thread_name_prefix="watch") as pool,
    ):
        live = pool.submit(watch_live, deployment.web.url, interview_id, auth, 30)
        result = sipp(
            sip.target,
            call_scenario(voice=voice, keys=[(PIN_AT_MS, pin + "#")], hold_ms=(CALL_S - 2) * 1000),
            tmp_path,
            media_port=media_port,
        )
        assert result.returncode == 0, result.output
        watched = live.result(timeout=60)
    turns = stored_turns(deployment.web.url, auth, interview_id)
    said = " ".join(t["text"] for t in turns if t["speaker"] == "candidate").lower()
    assert "message queue" in said or "retry logic" in said, (said, sip.log_text()[-2000:])
    # The answer came into the opening: the interviewer stopped (barge-in over the phone),
    # and its turn keeps what the caller heard of it.
    opening = turns[0]
    assert opening["speaker"] == "interviewer" and opening["interrupted"], opening
    assert len(opening["heard_text"] or "") < len(opening["text"]), opening
    # The interviewer's voice came down the line (LiveKit SIP's RTP, after the PIN prompt).
    assert rtp.voice_packets(since=started + 8) > 50, len(rtp.from_server)
    # A tab open on the interview followed the call on the worker, through Redis.
    shown = " ".join(
        m["text"]
        for m in watched
        if m["type"] == "transcript" and m["speaker"] == "candidate" and m["final"]
    ).lower()
    assert shown == said, (shown, said)
    assert watched[-1]["type"] == "ended" and watched[-1]["reason"] == "disconnected"

    # Three wrong PINs: told goodbye and hung up on (the server's BYE), nothing more stored,
    # and the fleet's guessing limits counted them.
    guessed_before = asyncio.run(_guesses(redis_url))
    wrongs = [str((int(pin) + n) % 10**8).zfill(8) + "#" for n in (1, 2, 3)]
    keys = [(PIN_AT_MS + 7000 * n, digits) for n, digits in enumerate(wrongs)]
    refused = sipp(
        sip.target,
        call_scenario(voice=None, keys=keys, hold_ms=60_000, they_hang_up=True),
        tmp_path,
        media_port=free_port(),
    )
    assert refused.returncode == 0, refused.output
    assert len(stored_turns(deployment.web.url, auth, interview_id)) == len(turns)
    assert asyncio.run(_guesses(redis_url)) == guessed_before + 3

    # Calling again with the same PIN goes on where the interview was.
    before = asyncio.run(_asked(database_url, interview_id))
    again = sipp(
        sip.target,
        call_scenario(voice=None, keys=[(PIN_AT_MS, pin + "#")], hold_ms=24_000),
        tmp_path,
        media_port=free_port(),
    )
    assert again.returncode == 0, again.output
    resumed = stored_turns(deployment.web.url, auth, interview_id)[len(turns) :]
    assert resumed and resumed[0]["speaker"] == "interviewer", resumed
    assert "welcome to your" not in resumed[0]["text"].lower(), "the interview started over"
    after = asyncio.run(_asked(database_url, interview_id))
    assert after[: len(before)] == before
    log = deployment.web.log_text() + deployment.workers[0].log_text() + sip.log_text()
    assert pin not in log and "message queue" not in log.lower()

    # LiveKit knows no PIN: one rule takes every call. Ending the interview ends its PIN.
    assert asyncio.run(_rules(deployment)) == ["mockline-dial-in"]
    assert asyncio.run(_pins_of(database_url, interview_id)) == 1
    url = f"{deployment.web.url}/api/interviews/{interview_id}/end"
    assert httpx.post(url, headers=auth, timeout=60).status_code == 200
    assert asyncio.run(_pins_of(database_url, interview_id)) == 0


async def _rules(deployment: Deployment) -> list[str]:
    async with api.LiveKitAPI(deployment.livekit.http_url, API_KEY, API_SECRET) as lkapi:
        found = await lkapi.sip.list_dispatch_rule(lksip.ListSIPDispatchRuleRequest())
    return sorted(rule.name for rule in found.items)


async def _pins_of(database_url: str, interview_id: str) -> int:
    conn = await asyncpg.connect(database_url)
    try:
        count = await conn.fetchval(
            "select count(*) from dial_in_pins where interview_id = $1", UUID(interview_id)
        )
    finally:
        await conn.close()
    return int(count)


async def _guesses(redis_url: str) -> int:
    client = aioredis.from_url(redis_url)
    try:
        return int(await client.zcard(PIN_GUARD_PREFIX + "all"))
    finally:
        await client.aclose()
