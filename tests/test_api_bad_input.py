"""Bad input over the HTTP API gets a clear 4xx JSON error and the server keeps serving."""

from __future__ import annotations

import asyncio
import uuid

import httpx
import pytest
from aiortc import RTCConfiguration, RTCPeerConnection
from server_process import Server

SETUP = {"role": "backend_engineer", "level": "junior", "interview_type": "technical"}


def _error(resp: httpx.Response, status: int, code: str) -> None:
    assert resp.status_code == status, resp.text
    body = resp.json()
    assert body["error"]["code"] == code
    assert body["error"]["message"]


def _create(server: Server) -> str:
    resp = httpx.post(f"{server.url}/api/interviews", json=SETUP)
    assert resp.status_code == 201, resp.text
    return str(resp.json()["id"])


async def _client_offer() -> tuple[RTCPeerConnection, str]:
    pc = RTCPeerConnection(RTCConfiguration(iceServers=[]))
    pc.addTransceiver("audio", direction="sendrecv")
    pc.createDataChannel("events")
    await pc.setLocalDescription(await pc.createOffer())
    return pc, pc.localDescription.sdp


def test_unknown_interview_is_404(server: Server) -> None:
    missing = uuid.uuid4()
    _error(httpx.get(f"{server.url}/api/interviews/{missing}"), 404, "not_found")
    _error(httpx.get(f"{server.url}/api/interviews/not-a-uuid"), 404, "not_found")
    offer = {"sdp": "v=0\r\n", "type": "offer"}
    _error(httpx.post(f"{server.url}/api/interviews/{missing}/offer", json=offer), 404, "not_found")
    _error(httpx.post(f"{server.url}/api/interviews/{missing}/end"), 404, "not_found")


def test_created_interview_reads_back(server: Server) -> None:
    interview_id = _create(server)
    body = httpx.get(f"{server.url}/api/interviews/{interview_id}").json()
    assert body["status"] == "created"
    assert body["role"] == "backend_engineer"
    assert body["turns"] == []


def test_invalid_setup_is_400(server: Server) -> None:
    bad = dict(SETUP, role="astronaut")
    _error(httpx.post(f"{server.url}/api/interviews", json=bad), 400, "invalid_setup")
    _error(httpx.post(f"{server.url}/api/interviews", json={"role": "x"}), 400, "invalid_request")
    resp = httpx.post(
        f"{server.url}/api/interviews", content=b"{not json", headers={"content-type": "application/json"}
    )
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
def test_malformed_sdp_is_400(server: Server, sdp: str) -> None:
    interview_id = _create(server)
    resp = httpx.post(f"{server.url}/api/interviews/{interview_id}/offer", json={"sdp": sdp, "type": "offer"})
    _error(resp, 400, "invalid_sdp")
    # The interview is untouched and can still take a real call later.
    assert httpx.get(f"{server.url}/api/interviews/{interview_id}").json()["status"] == "created"
    assert httpx.get(f"{server.url}/healthz").status_code == 200


def test_wrong_offer_type_and_oversized_body(server: Server) -> None:
    interview_id = _create(server)
    url = f"{server.url}/api/interviews/{interview_id}/offer"
    _error(httpx.post(url, json={"sdp": "v=0", "type": "answer"}), 400, "invalid_request")
    _error(httpx.post(url, json={"sdp": "v" * 400_000, "type": "offer"}), 413, "too_large")


def test_offer_for_finished_interview_is_409(server: Server) -> None:
    interview_id = _create(server)
    ended = httpx.post(f"{server.url}/api/interviews/{interview_id}/end")
    assert ended.status_code == 200 and ended.json()["status"] == "completed"

    async def offer() -> httpx.Response:
        pc, sdp = await _client_offer()
        try:
            async with httpx.AsyncClient() as client:
                return await client.post(
                    f"{server.url}/api/interviews/{interview_id}/offer", json={"sdp": sdp, "type": "offer"}
                )
        finally:
            await pc.close()

    _error(asyncio.run(offer()), 409, "interview_finished")


def test_second_concurrent_call_is_409(server: Server) -> None:
    interview_id = _create(server)
    url = f"{server.url}/api/interviews/{interview_id}/offer"

    async def two_calls() -> tuple[httpx.Response, httpx.Response]:
        first_pc, first_sdp = await _client_offer()
        second_pc, second_sdp = await _client_offer()
        try:
            async with httpx.AsyncClient(timeout=30) as client:
                first = await client.post(url, json={"sdp": first_sdp, "type": "offer"})
                second = await client.post(url, json={"sdp": second_sdp, "type": "offer"})
                await client.post(f"{server.url}/api/interviews/{interview_id}/end")
                return first, second
        finally:
            await first_pc.close()
            await second_pc.close()

    first, second = asyncio.run(two_calls())
    assert first.status_code == 200, first.text
    assert first.json()["type"] == "answer"
    _error(second, 409, "call_active")
    assert httpx.get(f"{server.url}/healthz").status_code == 200
