"""A candidate's call without a browser: an aiortc peer that speaks looped audio to a real
server's offer route and listens to the interviewer.

`CandidatePeer.connect()` posts the offer with a call token and waits for the connection;
its microphone plays ``pcm`` (48 kHz mono s16) on a real-time 20 ms clock, over and over,
and what the server sends is read and counted (`frames_heard`). `aclose()` hangs up.
"""

from __future__ import annotations

import asyncio
import fractions
import time

import av
import httpx
import numpy as np
from aiortc import MediaStreamTrack, RTCConfiguration, RTCPeerConnection, RTCSessionDescription

from signaling.webrtc.ice import include_loopback_candidates

RATE = 48_000
FRAME = 960  # 20 ms


class LoopedMicrophone(MediaStreamTrack):
    kind = "audio"

    def __init__(self, pcm: np.ndarray) -> None:
        super().__init__()
        self._pcm = pcm.astype(np.int16)
        self._pos = 0
        self._started: float | None = None
        self._sent = 0

    async def recv(self) -> av.AudioFrame:
        if self._started is None:
            self._started = time.monotonic()
        else:
            self._sent += FRAME
            wait = self._started + self._sent / RATE - time.monotonic()
            if wait > 0:
                await asyncio.sleep(wait)
        idx = (self._pos + np.arange(FRAME)) % len(self._pcm)
        self._pos = (self._pos + FRAME) % len(self._pcm)
        frame = av.AudioFrame.from_ndarray(
            self._pcm[idx].reshape(1, -1), format="s16", layout="mono"
        )
        frame.sample_rate = RATE
        frame.pts = self._sent
        frame.time_base = fractions.Fraction(1, RATE)
        return frame


class CandidatePeer:
    def __init__(self, base_url: str, interview_id: str, call_token: str, pcm: np.ndarray) -> None:
        include_loopback_candidates()
        self._url = f"{base_url}/api/interviews/{interview_id}/offer"
        self._token = call_token
        self._pc = RTCPeerConnection(RTCConfiguration(iceServers=[]))
        self._pc.addTrack(LoopedMicrophone(pcm))
        self._pc.createDataChannel("events")
        self._pc.on("track", self._on_track)
        self._connected = asyncio.Event()
        self._pc.on("connectionstatechange", self._on_state)
        self._listeners: set[asyncio.Task[None]] = set()
        self.frames_heard = 0

    async def connect(self, timeout_s: float = 30.0) -> None:
        await self._pc.setLocalDescription(await self._pc.createOffer())
        async with httpx.AsyncClient(timeout=60) as client:
            resp = await client.post(
                self._url,
                json={"sdp": self._pc.localDescription.sdp, "type": "offer", "token": self._token},
            )
        resp.raise_for_status()
        await self._pc.setRemoteDescription(RTCSessionDescription(resp.json()["sdp"], "answer"))
        async with asyncio.timeout(timeout_s):
            await self._connected.wait()

    async def aclose(self) -> None:
        await self._pc.close()
        for task in self._listeners:
            task.cancel()
        await asyncio.gather(*self._listeners, return_exceptions=True)

    def _on_state(self) -> None:
        if self._pc.connectionState == "connected":
            self._connected.set()

    def _on_track(self, track: MediaStreamTrack) -> None:
        task = asyncio.create_task(self._listen(track), name="candidate-listen")
        self._listeners.add(task)

    async def _listen(self, track: MediaStreamTrack) -> None:
        while True:
            try:
                await track.recv()
            except Exception:  # the track ended with the call
                return
            self.frames_heard += 1
