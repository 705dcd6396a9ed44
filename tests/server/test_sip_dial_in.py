"""Dial-in by phone end to end: sipp calls a real `mockline serve` with SIP on.

The caller types the PIN as RFC 4733 events and speaks (Piper, 8 kHz µ-law over RTP) into
the interviewer's opening: the answer is stored as a turn, the interviewer stops talking
(barge-in) and its voice came back in the RTP stream before. A stranger floods the call's
media port meanwhile, and the call goes on. The same PIN calls again and the interview goes
on where it was. Three wrong PINs are told goodbye and hung up on.

The calls are what takes time, so they overlap: the wrong-PIN call runs beside the first
call (`wrong_pin_call` starts it in a thread), and one call (`first_call`) serves the
answer, barge-in and flood tests.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from auth_helpers import Account, signup
from checkpoint_state import checkpoint_state
from dial_in_api import create_interview, dial_in, stored_turns
from live_watch import watch_live
from rtp_capture import RtpCapture, capture_rtp
from rtp_flood import FloodResult, flood_rtp
from server_process import free_port
from sip_caller import SippResult, call_scenario, caller_voice, sipp
from sip_fixtures import RTP_PORTS, SipServer

pytestmark = pytest.mark.slow

ANSWER = (
    "I built a payment service in Python with a database and a cache. "
    "I wrote the tests and I reduced the response time by half."
)
# The PIN is typed during the welcome (about 6 s), the interview starts after it and
# "here is your interviewer" (about 8 s in); the candidate starts answering a few seconds
# into the opening, which it interrupts.
ANSWER_AT_S = 16.0
FLOOD_AT_S = 7.0
"""After the caller's media starts: through the connection and the opening, before the answer."""
FLOOD_S = 5.0
FLOOD_RATE = 3000
"""Datagrams a second: 60 times a call's own packet rate."""


async def _state(database_url: str, interview_id: str) -> dict[str, Any]:
    state = await checkpoint_state(database_url, interview_id)
    assert state is not None, "no checkpoint stored"
    return state


def test_dial_in_details(sip_server: SipServer) -> None:
    account = signup(sip_server.url)
    interview_id = create_interview(sip_server.url, account.headers)
    details = dial_in(sip_server.url, account.headers, interview_id)
    assert details["number"] == "+1 555 0100"
    assert details["sip_uri"] == f"sip:+15550100@{sip_server.target}"
    assert len(details["pin"]) == 8 and details["pin"].isdigit()
    assert details["expires_in"] > 0
    again = dial_in(sip_server.url, account.headers, interview_id)
    assert again["pin"] != details["pin"]  # a new PIN replaces the old one
    other = signup(sip_server.url)
    resp = httpx.post(
        f"{sip_server.url}/api/interviews/{interview_id}/dial-in", headers=other.headers
    )
    assert resp.status_code == 404


@dataclass
class FirstCall:
    account: Account
    interview_id: str
    pin: str
    result: SippResult
    rtp: RtpCapture
    flood: FloodResult
    turns: list[dict[str, Any]]
    log_lines_during_flood: int
    live: list[dict[str, Any]]
    """What a tab open on the interview was streamed during the call (`/live`)."""


def _wrong_pins(server: SipServer, tmp: Path) -> tuple[SippResult, Account, str, str]:
    account = signup(server.url)
    interview_id = create_interview(server.url, account.headers)
    pin = dial_in(server.url, account.headers, interview_id)["pin"]
    wrong = [str((int(pin) + n) % 10**8).zfill(8) for n in (1, 2, 3)]
    keys = [(500, "#".join(wrong) + "#")]  # one play: sipp garbles overlapping ones
    result = sipp(
        server.target,
        call_scenario(voice=None, keys=keys, hold_ms=60_000, they_hang_up=True),
        tmp,
        media_port=free_port(),
    )
    return result, account, interview_id, pin


@pytest.fixture(scope="module")
def wrong_pin_call(
    sip_server: SipServer, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Future[tuple[SippResult, Account, str, str]]]:
    """The wrong-PIN call, started now in a thread: it runs beside the first call."""
    with ThreadPoolExecutor(1, thread_name_prefix="wrong-pin-call") as pool:
        yield pool.submit(_wrong_pins, sip_server, tmp_path_factory.mktemp("wrong-pin"))


def _flood_when_media_runs(rtp: RtpCapture) -> FloodResult:
    first = rtp.wait_for_caller(timeout_s=60)
    while rtp.server_port is None:
        time.sleep(0.05)
    time.sleep(max(0.0, first + FLOOD_AT_S - time.monotonic()))
    return flood_rtp("127.0.0.1", rtp.server_port, duration_s=FLOOD_S, rate=FLOOD_RATE, seed=14)


@pytest.fixture(scope="module")
def first_call(
    sip_server: SipServer,
    tmp_path_factory: pytest.TempPathFactory,
    wrong_pin_call: Future[tuple[SippResult, Account, str, str]],
) -> FirstCall:
    """The PIN, the answer spoken into the opening, a flood on the media port meanwhile."""
    tmp = tmp_path_factory.mktemp("first-call")
    account = signup(sip_server.url)
    interview_id = create_interview(sip_server.url, account.headers)
    pin = dial_in(sip_server.url, account.headers, interview_id)["pin"]
    voice = caller_voice(tmp / "answer.ulaw", [(ANSWER_AT_S, ANSWER)], total_s=36)
    media_port = free_port()
    log_before = len(sip_server.log_text().splitlines())
    with (
        capture_rtp(RTP_PORTS, media_port) as rtp,
        ThreadPoolExecutor(2, thread_name_prefix="beside-the-call") as pool,
    ):
        live = pool.submit(watch_live, sip_server.url, interview_id, account.headers, 120)
        flood = pool.submit(_flood_when_media_runs, rtp)
        result = sipp(
            sip_server.target,
            call_scenario(voice=voice, keys=[(1000, pin + "#")], hold_ms=34_000),
            tmp,
            media_port=media_port,
        )
        flooded = flood.result(timeout=60)
        watched = live.result(timeout=60)
    log_lines = sip_server.log_text().splitlines()[log_before:]
    return FirstCall(
        account,
        interview_id,
        pin,
        result,
        rtp,
        flooded,
        stored_turns(sip_server.url, account.headers, interview_id),
        len(log_lines),
        watched,
    )


def test_phone_answer_is_stored_and_the_interviewer_is_heard(first_call: FirstCall) -> None:
    assert first_call.result.returncode == 0, first_call.result.output
    turns = first_call.turns
    said = " ".join(t["text"] for t in turns if t["speaker"] == "candidate").lower()
    assert "payment service" in said and "response time" in said, said
    assert turns[0]["speaker"] == "interviewer"
    # The interviewer spoke back down the line: loud PCMU packets from the server's RTP port
    # (comfort noise between its words is far quieter).
    rtp = first_call.rtp
    assert rtp.voice_packets() > 50, f"{len(rtp.from_server)} packets, too few loud ones"


def test_phone_barge_in_stops_the_interviewer(first_call: FirstCall) -> None:
    """The answer starts while the interviewer is talking: its voice stops on the line and
    its turn is stored as interrupted, with what the caller heard of it."""
    rtp = first_call.rtp
    spoken = rtp.caller_speech()
    assert spoken is not None, "sipp sent no speech"
    start, end = spoken
    assert rtp.loud_share(start - 2.0, start) > 0.3, "the interviewer was not talking yet"
    # Silent for the end of the answer (the first second of a talk-spurt cannot be
    # interrupted on a phone line, and a pause waits for words before it counts).
    assert rtp.loud_share(end - 3.0, end) < 0.1, rtp.loud_share(end - 3.0, end)
    opening = first_call.turns[0]
    assert opening["speaker"] == "interviewer" and opening["interrupted"], opening
    heard = opening["heard_text"] or ""
    assert len(heard) < len(opening["text"]), opening


def test_rtp_flood_leaves_the_call_alone(first_call: FirstCall, sip_server: SipServer) -> None:
    """Garbage, oversized and well-formed RTP/RTCP from a stranger at 60x a call's packet
    rate: the leg never turns to the stranger, the log does not fill, and the call goes on
    (the answer after it is stored, test above; the interviewer still talks after it)."""
    flood, rtp = first_call.flood, first_call.rtp
    assert flood.sent >= FLOOD_S * FLOOD_RATE * 0.8, flood
    assert flood.echoed == 0, "the server sent media to the flooder"
    assert rtp.voice_packets(since=flood.ended) > 25, "no interviewer voice after the flood"
    assert first_call.log_lines_during_flood < 100, first_call.log_lines_during_flood
    assert sip_server.alive()
    assert httpx.get(f"{sip_server.url}/healthz", timeout=10).status_code == 200


def test_a_tab_open_on_the_interview_shows_the_phone_call_live(first_call: FirstCall) -> None:
    """The page the PIN came from follows the phone call: what either side says, as it is
    said, and the call's end; what it shows is what was stored."""
    live = first_call.live
    assert live[0] == {"type": "watching", "calling": False}, live[:2]
    captions = [m for m in live if m["type"] == "transcript"]
    assert captions and captions[0]["speaker"] == "interviewer", captions[:1]
    final = [m for m in captions if m["final"]]
    heard = " ".join(m["text"] for m in final if m["speaker"] == "candidate").lower()
    assert "payment service" in heard and "response time" in heard, heard
    stored = " ".join(t["text"] for t in first_call.turns if t["speaker"] == "candidate")
    assert heard == stored.lower(), (heard, stored)
    assert any(m["type"] == "state" for m in live)
    assert live[-1] == {
        "type": "ended",
        "interview_id": first_call.interview_id,
        "reason": "disconnected",
    }


def test_live_stream_is_the_owners_alone(sip_server: SipServer) -> None:
    account = signup(sip_server.url)
    interview_id = create_interview(sip_server.url, account.headers)
    url = f"{sip_server.url}/api/interviews/{interview_id}/live"
    assert httpx.get(url, timeout=10).status_code == 401
    stranger = signup(sip_server.url)
    assert httpx.get(url, headers=stranger.headers, timeout=10).status_code == 404
    unknown = f"{sip_server.url}/api/interviews/not-an-id/live"
    assert httpx.get(unknown, headers=account.headers, timeout=10).status_code == 404
    # A few tabs may watch at once; more are refused while they are open.
    with ExitStack() as tabs:
        readers = []  # held open: a dropped line iterator closes its stream
        for _ in range(3):
            tab = tabs.enter_context(httpx.stream("GET", url, headers=account.headers))
            assert tab.status_code == 200
            readers.append(tab.iter_lines())
            assert next(readers[-1]) == 'data: {"type": "watching", "calling": false}'
        resp = httpx.get(url, headers=account.headers, timeout=10)
        assert resp.status_code == 429, resp.text
    ended = httpx.post(
        f"{sip_server.url}/api/interviews/{interview_id}/end", headers=account.headers
    )
    assert ended.status_code == 200, ended.text
    resp = httpx.get(url, headers=account.headers, timeout=10)
    assert resp.status_code == 409 and resp.json()["error"]["code"] == "interview_finished", (
        resp.text
    )


def test_calling_again_resumes(
    first_call: FirstCall, sip_server: SipServer, tmp_path: Path
) -> None:
    account, interview_id, pin = first_call.account, first_call.interview_id, first_call.pin
    before = asyncio.run(_state(sip_server.database_url, interview_id))
    # Hang up and call again with the same PIN: the same interview, where it was.
    again = sipp(
        sip_server.target,
        call_scenario(voice=None, keys=[(1000, pin + "#")], hold_ms=14_000),
        tmp_path,
        media_port=free_port(),
    )
    assert again.returncode == 0, again.output
    after = asyncio.run(_state(sip_server.database_url, interview_id))
    assert after["asked"][: len(before["asked"])] == before["asked"]
    assert after["index"] >= before["index"]
    resumed = stored_turns(sip_server.url, account.headers, interview_id)[len(first_call.turns) :]
    assert resumed and resumed[0]["speaker"] == "interviewer", resumed
    assert "welcome to your" not in resumed[0]["text"].lower(), "the interview started over"
    status = httpx.get(
        f"{sip_server.url}/api/interviews/{interview_id}", headers=account.headers
    ).json()["status"]
    assert status == "active"
    log = sip_server.log_text()
    assert pin not in log and "payment service" not in log.lower()


def test_three_wrong_pins_are_hung_up_on(
    sip_server: SipServer, wrong_pin_call: Future[tuple[SippResult, Account, str, str]]
) -> None:
    result, account, interview_id, pin = wrong_pin_call.result(timeout=120)
    assert result.returncode == 0, result.output  # the server said goodbye and sent BYE
    assert stored_turns(sip_server.url, account.headers, interview_id) == []
    # The right PIN still works for its owner afterwards (the guesser's caller id is limited,
    # not the interview).
    details = dial_in(sip_server.url, account.headers, interview_id)
    assert details["pin"] != pin
