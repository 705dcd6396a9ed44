"""Bad input over the HTTP API gets a clear 4xx JSON error and the server keeps serving."""

from __future__ import annotations

import asyncio
import uuid

import httpx
import pytest
from aiortc import RTCConfiguration, RTCPeerConnection

from auth_helpers import Account, signup
from server_process import Server

SETUP = {"role": "backend_engineer", "level": "junior", "interview_type": "technical"}


def _error(resp: httpx.Response, status: int, code: str) -> None:
    assert resp.status_code == status, resp.text
    body = resp.json()
    assert body["error"]["code"] == code
    assert body["error"]["message"]


@pytest.fixture(scope="module")
def account(server: Server) -> Account:
    return signup(server.url)


def _create(server: Server, account: Account) -> str:
    # The server's first interview builds its plan with cold models: seconds, not the 5 s
    # default (the test passed only when an earlier module had warmed the server).
    resp = httpx.post(
        f"{server.url}/api/interviews", json=SETUP, headers=account.headers, timeout=60
    )
    assert resp.status_code == 201, resp.text
    return str(resp.json()["id"])


def _call_token(server: Server, account: Account, interview_id: str) -> str:
    resp = httpx.post(
        f"{server.url}/api/interviews/{interview_id}/call-token", headers=account.headers
    )
    assert resp.status_code == 200, resp.text
    return str(resp.json()["token"])


async def _client_offer() -> tuple[RTCPeerConnection, str]:
    pc = RTCPeerConnection(RTCConfiguration(iceServers=[]))
    pc.addTransceiver("audio", direction="sendrecv")
    pc.createDataChannel("events")
    await pc.setLocalDescription(await pc.createOffer())
    return pc, pc.localDescription.sdp


def test_unknown_interview_is_404(server: Server, account: Account) -> None:
    missing = uuid.uuid4()
    h = account.headers
    _error(httpx.get(f"{server.url}/api/interviews/{missing}", headers=h), 404, "not_found")
    _error(httpx.get(f"{server.url}/api/interviews/not-a-uuid", headers=h), 404, "not_found")
    _error(httpx.post(f"{server.url}/api/interviews/{missing}/end", headers=h), 404, "not_found")
    _error(
        httpx.post(f"{server.url}/api/interviews/{missing}/call-token", headers=h), 404, "not_found"
    )
    # A valid call token for one interview opens no other.
    real = _create(server, account)
    offer = {"sdp": "v=0\r\n", "type": "offer", "token": _call_token(server, account, real)}
    _error(httpx.post(f"{server.url}/api/interviews/{missing}/offer", json=offer), 404, "not_found")


def test_offer_needs_a_valid_call_token(server: Server, account: Account) -> None:
    interview_id = _create(server, account)
    url = f"{server.url}/api/interviews/{interview_id}/offer"
    offer = {"sdp": "v=0\r\n", "type": "offer", "token": "forged.token.value"}
    _error(httpx.post(url, json=offer), 401, "invalid_call_token")
    # An access token is not a call token.
    _error(httpx.post(url, json=dict(offer, token=account.access_token)), 401, "invalid_call_token")


def test_created_interview_reads_back(server: Server, account: Account) -> None:
    interview_id = _create(server, account)
    body = httpx.get(f"{server.url}/api/interviews/{interview_id}", headers=account.headers).json()
    assert body["status"] == "created"
    assert body["role"] == "backend_engineer"
    assert body["turns"] == []


def test_invalid_setup_is_400(server: Server, account: Account) -> None:
    url, h = f"{server.url}/api/interviews", account.headers
    _error(httpx.post(url, json=dict(SETUP, role="astronaut"), headers=h), 400, "invalid_setup")
    _error(httpx.post(url, json={"role": "x"}, headers=h), 400, "invalid_request")
    resp = httpx.post(url, content=b"{not json", headers={**h, "content-type": "application/json"})
    _error(resp, 400, "invalid_request")


@pytest.mark.parametrize(
    "sdp",
    [
        "garbage",
        "v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n",
        "v=0\r\n" + "a=candidate:" * 2000,
        "\x00\x01\x02" * 100,
    ],
)
def test_malformed_sdp_is_400(server: Server, account: Account, sdp: str) -> None:
    interview_id = _create(server, account)
    token = _call_token(server, account, interview_id)
    resp = httpx.post(
        f"{server.url}/api/interviews/{interview_id}/offer",
        json={"sdp": sdp, "type": "offer", "token": token},
    )
    _error(resp, 400, "invalid_sdp")
    # The interview is untouched and can still take a real call later.
    got = httpx.get(f"{server.url}/api/interviews/{interview_id}", headers=account.headers)
    assert got.json()["status"] == "created"
    assert httpx.get(f"{server.url}/healthz").status_code == 200


def test_wrong_offer_type_and_oversized_body(server: Server, account: Account) -> None:
    interview_id = _create(server, account)
    token = _call_token(server, account, interview_id)
    url = f"{server.url}/api/interviews/{interview_id}/offer"
    _error(
        httpx.post(url, json={"sdp": "v=0", "type": "answer", "token": token}),
        400,
        "invalid_request",
    )
    big = {"sdp": "v" * 400_000, "type": "offer", "token": token}
    _error(httpx.post(url, json=big), 413, "too_large")


def test_offer_for_finished_interview_is_409(server: Server, account: Account) -> None:
    interview_id = _create(server, account)
    token = _call_token(server, account, interview_id)
    ended = httpx.post(f"{server.url}/api/interviews/{interview_id}/end", headers=account.headers)
    assert ended.status_code == 200 and ended.json()["status"] == "completed"
    _error(
        httpx.post(
            f"{server.url}/api/interviews/{interview_id}/call-token", headers=account.headers
        ),
        409,
        "interview_finished",
    )

    async def offer() -> httpx.Response:
        pc, sdp = await _client_offer()
        try:
            async with httpx.AsyncClient() as client:
                return await client.post(
                    f"{server.url}/api/interviews/{interview_id}/offer",
                    json={"sdp": sdp, "type": "offer", "token": token},
                )
        finally:
            await pc.close()

    _error(asyncio.run(offer()), 409, "interview_finished")


def test_second_concurrent_call_is_409(server: Server, account: Account) -> None:
    interview_id = _create(server, account)
    token = _call_token(server, account, interview_id)
    url = f"{server.url}/api/interviews/{interview_id}/offer"

    async def two_calls() -> tuple[httpx.Response, httpx.Response]:
        first_pc, first_sdp = await _client_offer()
        second_pc, second_sdp = await _client_offer()
        try:
            async with httpx.AsyncClient(timeout=30) as client:
                first = await client.post(
                    url, json={"sdp": first_sdp, "type": "offer", "token": token}
                )
                second = await client.post(
                    url, json={"sdp": second_sdp, "type": "offer", "token": token}
                )
                await client.post(
                    f"{server.url}/api/interviews/{interview_id}/end", headers=account.headers
                )
                return first, second
        finally:
            await first_pc.close()
            await second_pc.close()

    first, second = asyncio.run(two_calls())
    assert first.status_code == 200, first.text
    assert first.json()["type"] == "answer"
    _error(second, 409, "call_active")
    assert httpx.get(f"{server.url}/healthz").status_code == 200
