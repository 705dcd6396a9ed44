"""Fuzzing ``POST /api/interviews/{id}/offer`` over a real server with a valid call token.

1,000 mutations of a browser's offer (`sdp_mutations`): every answer is a clear 400 (or 200
when the offer is still usable, 503 `lines_busy` when it is but every line is taken, 413
when the body is over the cap), never a 500; the server
stays up, logs no traceback, and a real aiortc peer still connects afterwards. A 200 starts
a call: the interview is then deleted (which hangs the call up) and the fuzzing goes on
with a fresh one.
"""

from __future__ import annotations

import asyncio
import collections

import httpx
import pytest
from aiortc import RTCConfiguration, RTCPeerConnection, RTCSessionDescription

from signaling.webrtc.ice import include_loopback_candidates

from auth_helpers import Account, signup
from sdp_mutations import offer_mutations
from server_process import Server

MUTATIONS = 1000
SEED = 11
SETUP = {"role": "backend_engineer", "level": "junior", "interview_type": "technical"}
ALLOWED = {200, 400, 413, 503}
"""503 only as `lines_busy`: a usable offer while the server carries all the calls it can."""


class _Target:
    """The interview the offers go to, and its call token. A used interview is deleted in
    the background (deleting hangs its call up, which takes a while), at most a few at once."""

    def __init__(self, client: httpx.AsyncClient, account: Account) -> None:
        self._client = client
        self._account = account
        self._deleting: set[asyncio.Task[None]] = set()
        self._slots = asyncio.Semaphore(4)
        self.id = ""
        self.token = ""

    async def fresh(self) -> None:
        """A new interview and call token; the old interview (and any call it has) goes."""
        if self.id:
            await self._slots.acquire()
            task = asyncio.create_task(self._delete(self.id), name=f"delete-{self.id}")
            self._deleting.add(task)
            task.add_done_callback(self._deleting.discard)
        made = await self._client.post("/api/interviews", json=SETUP, headers=self._account.headers)
        assert made.status_code == 201, made.text
        self.id = made.json()["id"]
        for _ in range(60):  # every line may be held by calls that are still hanging up
            granted = await self._client.post(
                f"/api/interviews/{self.id}/call-token", headers=self._account.headers
            )
            if granted.status_code != 503:
                break
            await asyncio.sleep(1.0)
        assert granted.status_code == 200, granted.text
        self.token = granted.json()["token"]

    async def aclose(self) -> None:
        if self.id:
            await self._slots.acquire()
            await self._delete(self.id)
        await asyncio.gather(*self._deleting)

    async def _delete(self, interview_id: str) -> None:
        try:
            gone = await self._client.delete(
                f"/api/interviews/{interview_id}", headers=self._account.headers
            )
            assert gone.status_code == 204, gone.text
        finally:
            self._slots.release()


async def _fuzz(server: Server, account: Account) -> collections.Counter[tuple[str, int]]:
    seen: collections.Counter[tuple[str, int]] = collections.Counter()
    async with httpx.AsyncClient(base_url=server.url, timeout=60) as client:
        target = _Target(client, account)
        await target.fresh()
        try:
            for mutation in offer_mutations(SEED, lambda: target.token, MUTATIONS):
                resp = await client.post(
                    f"/api/interviews/{target.id}/offer",
                    content=mutation.body,
                    headers={"content-type": "application/json"},
                )
                seen[(mutation.label, resp.status_code)] += 1
                assert resp.status_code in ALLOWED, (
                    f"{mutation.label}: {resp.status_code} {resp.text}"
                )
                if resp.status_code == 200:
                    assert resp.json()["type"] == "answer"
                    await target.fresh()
                else:
                    error = resp.json()["error"]
                    assert error["code"] in {
                        "invalid_sdp",
                        "invalid_request",
                        "too_large",
                        "lines_busy",
                    }, error
                    assert error["message"]
        finally:
            await target.aclose()
    return seen


async def _real_call_connects(server: Server, account: Account) -> None:
    include_loopback_candidates()
    async with httpx.AsyncClient(base_url=server.url, timeout=60) as client:
        target = _Target(client, account)
        await target.fresh()
        pc = RTCPeerConnection(RTCConfiguration(iceServers=[]))
        connected = asyncio.Event()

        @pc.on("connectionstatechange")
        def _state() -> None:
            if pc.connectionState == "connected":
                connected.set()

        try:
            pc.addTransceiver("audio", direction="sendrecv")
            pc.createDataChannel("events")
            await pc.setLocalDescription(await pc.createOffer())
            for _ in range(60):  # the fuzzing's calls may still be hanging up: lines busy
                resp = await client.post(
                    f"/api/interviews/{target.id}/offer",
                    json={"sdp": pc.localDescription.sdp, "type": "offer", "token": target.token},
                )
                if resp.status_code != 503:
                    break
                await asyncio.sleep(1.0)
            assert resp.status_code == 200, resp.text
            await pc.setRemoteDescription(RTCSessionDescription(resp.json()["sdp"], "answer"))
            async with asyncio.timeout(30):
                await connected.wait()
        finally:
            await pc.close()
            await target.aclose()


@pytest.fixture(scope="module")
def account(server: Server) -> Account:
    return signup(server.url)


def test_mutated_offers_are_400_never_500(server: Server, account: Account) -> None:
    log_start = len(server.log_text())
    seen = asyncio.run(_fuzz(server, account))
    print("offer fuzz:", sorted(seen.items()))
    assert sum(seen.values()) == MUTATIONS
    statuses = collections.Counter(status for _, status in seen.elements())
    assert statuses[400] > MUTATIONS // 4, statuses  # the fuzzing reached the SDP parser
    assert server.alive()
    assert httpx.get(f"{server.url}/healthz").status_code == 200
    asyncio.run(_real_call_connects(server, account))
    log = server.log_text()[log_start:]
    for sign in ("Traceback", "internal_error", "never retrieved", "destroyed but it is pending"):
        assert sign not in log, f"{sign!r} in the server log"
