"""Dial-in by phone end to end: sipp calls a real `mockline serve` with SIP on.

The caller types the PIN as RFC 4733 events and speaks (Piper, 8 kHz µ-law over RTP); the
answer is stored as a turn and the interviewer's voice comes back in the RTP stream. The
same PIN calls again and the interview goes on where it was. Three wrong PINs are told
goodbye and hung up on.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest

from auth_helpers import Account, signup
from server_process import free_port
from sip_caller import call_scenario, caller_voice, capture_rtp, sipp
from sip_fixtures import RTP_PORTS, SipServer

pytestmark = pytest.mark.slow

ANSWER = (
    "I built a payment service in Python with a database and a cache. "
    "I wrote the tests and I reduced the response time by half."
)
# The PIN is typed during the welcome (about 6 s), the interview starts after it and
# "here is your interviewer"; the candidate starts answering a few seconds into the opening.
ANSWER_AT_S = 16.0


def _interview(server: SipServer, account: Account) -> str:
    created = httpx.post(
        f"{server.url}/api/interviews",
        json={"role": "backend_engineer", "level": "mid", "interview_type": "technical"},
        headers=account.headers,
        timeout=60,
    )
    assert created.status_code == 201, created.text
    interview_id: str = created.json()["id"]
    return interview_id


def _dial_in(server: SipServer, account: Account, interview_id: str) -> dict[str, Any]:
    resp = httpx.post(
        f"{server.url}/api/interviews/{interview_id}/dial-in", headers=account.headers, timeout=30
    )
    assert resp.status_code == 200, resp.text
    body: dict[str, Any] = resp.json()
    return body


def _turns(server: SipServer, account: Account, interview_id: str) -> list[dict[str, Any]]:
    resp = httpx.get(f"{server.url}/api/interviews/{interview_id}", headers=account.headers)
    assert resp.status_code == 200, resp.text
    turns: list[dict[str, Any]] = resp.json()["turns"]
    return turns


async def _state(database_url: str, interview_id: str) -> dict[str, Any]:
    conn = await asyncpg.connect(database_url)
    try:
        raw = await conn.fetchval(
            "select state::text from interview_checkpoints where interview_id = $1::uuid",
            interview_id,
        )
    finally:
        await conn.close()
    state: dict[str, Any] = json.loads(raw)
    return state


def test_dial_in_details(sip_server: SipServer) -> None:
    account = signup(sip_server.url)
    interview_id = _interview(sip_server, account)
    details = _dial_in(sip_server, account, interview_id)
    assert details["number"] == "+1 555 0100"
    assert details["sip_uri"] == f"sip:+15550100@{sip_server.target}"
    assert len(details["pin"]) == 8 and details["pin"].isdigit()
    assert details["expires_in"] > 0
    again = _dial_in(sip_server, account, interview_id)
    assert again["pin"] != details["pin"]  # a new PIN replaces the old one
    other = signup(sip_server.url)
    resp = httpx.post(
        f"{sip_server.url}/api/interviews/{interview_id}/dial-in", headers=other.headers
    )
    assert resp.status_code == 404


def test_phone_interview_and_calling_again_resumes(sip_server: SipServer, tmp_path: Path) -> None:
    account = signup(sip_server.url)
    interview_id = _interview(sip_server, account)
    pin = _dial_in(sip_server, account, interview_id)["pin"]
    voice = caller_voice(tmp_path / "answer.ulaw", [(ANSWER_AT_S, ANSWER)], total_s=30)
    media_port = free_port()
    with capture_rtp(RTP_PORTS, media_port) as rtp:
        first = sipp(
            sip_server.target,
            call_scenario(voice=voice, keys=[(1000, pin + "#")], hold_ms=36_000),
            tmp_path,
            media_port=media_port,
        )
    assert first.returncode == 0, first.output
    turns = _turns(sip_server, account, interview_id)
    said = " ".join(t["text"] for t in turns if t["speaker"] == "candidate").lower()
    assert "payment service" in said and "response time" in said, said
    assert turns[0]["speaker"] == "interviewer"
    # The interviewer spoke back down the line: loud PCMU packets from the server's RTP port
    # (comfort noise between its words is far quieter).
    assert rtp.voice_packets() > 100, f"{len(rtp.payloads)} packets, too few loud ones"
    before = asyncio.run(_state(sip_server.database_url, interview_id))

    # Hang up and call again with the same PIN: the same interview, where it was.
    again = sipp(
        sip_server.target,
        call_scenario(voice=None, keys=[(1000, pin + "#")], hold_ms=18_000),
        tmp_path,
        media_port=free_port(),
    )
    assert again.returncode == 0, again.output
    after = asyncio.run(_state(sip_server.database_url, interview_id))
    assert after["asked"][: len(before["asked"])] == before["asked"]
    assert after["index"] >= before["index"]
    resumed = _turns(sip_server, account, interview_id)[len(turns) :]
    assert resumed and resumed[0]["speaker"] == "interviewer", resumed
    assert "welcome to your" not in resumed[0]["text"].lower(), "the interview started over"
    status = httpx.get(
        f"{sip_server.url}/api/interviews/{interview_id}", headers=account.headers
    ).json()["status"]
    assert status == "active"
    log = sip_server.log_text()
    assert pin not in log and "payment service" not in log.lower()


def test_three_wrong_pins_are_hung_up_on(sip_server: SipServer, tmp_path: Path) -> None:
    account = signup(sip_server.url)
    interview_id = _interview(sip_server, account)
    pin = _dial_in(sip_server, account, interview_id)["pin"]
    wrong = [str((int(pin) + n) % 10**8).zfill(8) for n in (1, 2, 3)]
    keys = [(500, "#".join(wrong) + "#")]  # one play: sipp garbles overlapping ones
    result = sipp(
        sip_server.target,
        call_scenario(voice=None, keys=keys, hold_ms=60_000, they_hang_up=True),
        tmp_path,
        media_port=free_port(),
    )
    assert result.returncode == 0, result.output  # the server said goodbye and sent BYE
    assert _turns(sip_server, account, interview_id) == []
    # The right PIN still works for its owner afterwards (the guesser's caller id is limited,
    # not the interview).
    details = _dial_in(sip_server, account, interview_id)
    assert details["pin"] != pin
