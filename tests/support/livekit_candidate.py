"""A simulated candidate in a LiveKit room: a livekit Python rtc client, not a browser.

It joins with the token the call-token route gave, publishes a microphone track fed from a
PCM timeline in real time (speech where the script says, silence elsewhere), records when
the interviewer's audio is loud, and keeps the call's data messages. Used by the LiveKit
tests that need no page and by tests/bench/bench_livekit.py.
"""

from __future__ import annotations

import asyncio
import json
import time
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from livekit import rtc

RATE = 48_000
FRAME = RATE // 50  # 20 ms
TOPIC = "mockline.events"
LOUD = 500.0
"""RMS (int16) above which a 20 ms frame of the interviewer counts as speech."""


@dataclass
class Candidate:
    room: rtc.Room = field(default_factory=rtc.Room)
    messages: list[dict[str, Any]] = field(default_factory=list)
    loud_at: list[float] = field(default_factory=list)
    """Monotonic times of loud interviewer frames."""
    agents_seen: list[str] = field(default_factory=list)
    _tasks: set[asyncio.Task[None]] = field(default_factory=set)
    speech_ends: list[float] = field(default_factory=list)
    """Monotonic times at which each thing said ended."""
    _speech: asyncio.Queue[tuple[np.ndarray, asyncio.Future[float]]] = field(
        default_factory=asyncio.Queue
    )

    async def join(self, url: str, token: str) -> None:
        self.room.on("track_subscribed", self._on_track)
        self.room.on("data_received", self._on_data)
        self.room.on("participant_connected", self._on_participant)
        await self.room.connect(url, token, rtc.RoomOptions(auto_subscribe=True))
        for participant in self.room.remote_participants.values():
            self._on_participant(participant)

    def _on_participant(self, participant: rtc.RemoteParticipant) -> None:
        if participant.kind == rtc.ParticipantKind.PARTICIPANT_KIND_AGENT:
            self.agents_seen.append(participant.identity)

    def _on_track(
        self, track: rtc.Track, _pub: rtc.RemoteTrackPublication, _p: rtc.RemoteParticipant
    ) -> None:
        if isinstance(track, rtc.RemoteAudioTrack):
            self._own(self._listen(track))

    def _on_data(self, packet: rtc.DataPacket) -> None:
        if packet.topic == TOPIC:
            message = json.loads(packet.data)
            message["t"] = time.monotonic()
            self.messages.append(message)

    async def _listen(self, track: rtc.RemoteAudioTrack) -> None:
        stream = rtc.AudioStream(track, sample_rate=RATE, num_channels=1, frame_size_ms=20)
        async for event in stream:
            pcm = np.frombuffer(event.frame.data, dtype=np.int16).astype(np.float32)
            if pcm.size and float(np.sqrt(np.mean(pcm * pcm))) > LOUD:
                self.loud_at.append(time.monotonic())

    async def open_microphone(self) -> None:
        """Publishes the microphone: silence until `say` gives it speech."""
        source = rtc.AudioSource(RATE, 1, queue_size_ms=100)
        track = rtc.LocalAudioTrack.create_audio_track("microphone", source)
        options = rtc.TrackPublishOptions(source=rtc.TrackSource.SOURCE_MICROPHONE)
        await self.room.local_participant.publish_track(track, options)
        self._own(self._microphone(source))

    async def say(self, pcm: np.ndarray) -> float:
        """Speaks ``pcm`` (48 kHz int16) in real time; returns when it has, with the moment
        (monotonic) the speech ended."""
        done: asyncio.Future[float] = asyncio.get_running_loop().create_future()
        self._speech.put_nowait((pcm, done))
        ended = await done
        self.speech_ends.append(ended)
        return ended

    async def _microphone(self, source: rtc.AudioSource) -> None:
        silence = np.zeros(FRAME, dtype=np.int16)
        start = time.monotonic()
        n = 0
        pending: tuple[np.ndarray, asyncio.Future[float]] | None = None
        offset = 0
        while True:
            n += 1
            delay = start + n * 0.02 - time.monotonic()
            if delay > 0:
                await asyncio.sleep(delay)
            if pending is None and not self._speech.empty():
                pending, offset = self._speech.get_nowait(), 0
            chunk = silence
            if pending is not None:
                pcm, done = pending
                chunk = pcm[offset : offset + FRAME]
                offset += FRAME
                if len(chunk) < FRAME:
                    chunk = np.concatenate([chunk, silence[: FRAME - len(chunk)]])
                if offset >= len(pcm):
                    done.set_result(time.monotonic() + 0.02)
                    pending = None
            await source.capture_frame(rtc.AudioFrame(chunk.tobytes(), RATE, 1, FRAME))

    def replies_after(self, moment: float) -> float | None:
        """Seconds from ``moment`` to the interviewer's first loud frame after it."""
        later = [t for t in self.loud_at if t > moment]
        return later[0] - moment if later else None

    def interviewer_said(self) -> list[str]:
        return [
            m["text"]
            for m in self.messages
            if m.get("type") == "transcript" and m.get("speaker") == "interviewer" and m["final"]
        ]

    async def wait_for_question(self, since: float, timeout: float = 180.0) -> None:
        """Until the interviewer, after ``since`` (monotonic), finished saying something that
        asks a question and went back to listening: the candidate's turn."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            asked = [
                m["t"]
                for m in self.messages
                if m["t"] > since
                and m.get("type") == "transcript"
                and m.get("speaker") == "interviewer"
                and m.get("final")
                and "?" in m.get("text", "")
            ]
            if asked and any(
                m["t"] >= asked[-1] and m.get("type") == "state" and m.get("agent") == "listening"
                for m in self.messages
            ):
                return
            await asyncio.sleep(0.1)
        raise TimeoutError("the interviewer asked nothing")

    async def wait_quiet(self, quiet_s: float = 1.5, timeout: float = 90.0) -> None:
        """Until the interviewer has been quiet for ``quiet_s`` after speaking at all."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            now = time.monotonic()
            if self.loud_at and now - self.loud_at[-1] > quiet_s:
                return
            await asyncio.sleep(0.1)
        raise TimeoutError("the interviewer never went quiet")

    async def send_end(self) -> None:
        payload = json.dumps({"type": "end"})
        await self.room.local_participant.publish_data(payload, reliable=True, topic=TOPIC)

    def _own(self, coro: Any) -> None:
        task = asyncio.create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def leave(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        await self.room.disconnect()
