"""Interviewer audio out of the session, pulled in real time by a transport's media clock.

The session pushes synthesized audio faster than real time; the transport (an aiortc track,
an RTP socket) calls `pull()` once per packet interval. What has been pulled is what the
candidate could hear, so the playback position reported to livekit on an interruption (and
with it the `heard_text` of the turn) counts only pulled audio.

Paused (the candidate started talking over the interviewer), the sink releases nothing but
keeps its place: livekit resumes it if what was heard was a cough or an "mm-hmm", and
clears it if it was a real interruption.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable

import numpy as np
from livekit import rtc
from livekit.agents.voice import io

OUTPUT_SAMPLE_RATE = 48_000


class PlayoutSink(io.AudioOutput):
    """Buffers one speech segment at a time and releases it at the transport's pace."""

    def __init__(self, *, sample_rate: int = OUTPUT_SAMPLE_RATE) -> None:
        # Declaring the rate makes livekit resample TTS audio before `capture_frame`.
        super().__init__(
            label="playout",
            capabilities=io.AudioOutputCapabilities(pause=True),
            next_in_chain=None,
            sample_rate=sample_rate,
        )
        self._rate = sample_rate
        self._chunks: deque[np.ndarray] = deque()
        self._active = False  # a segment has audio that is not yet reported finished
        self._flushed = False
        self._pulled_samples = 0
        self._started = False
        self._paused = False
        self.on_first_audio: Callable[[float], None] | None = None
        self._mark: tuple[float, Callable[[float], None]] | None = None

    async def capture_frame(self, frame: rtc.AudioFrame) -> None:
        await super().capture_frame(frame)
        pcm = np.frombuffer(frame.data, dtype=np.int16)
        if frame.num_channels > 1:
            pcm = pcm.reshape(-1, frame.num_channels).mean(axis=1).astype(np.int16)
        self._chunks.append(pcm)
        self._active = True

    def flush(self) -> None:
        super().flush()
        if not self._active:
            return
        self._flushed = True
        if not self._chunks:
            self._finish(interrupted=False)

    def clear_buffer(self) -> None:
        if not self._active:
            return
        self._chunks.clear()
        self._finish(interrupted=True)

    def pause(self) -> None:
        super().pause()
        self._paused = True

    def resume(self) -> None:
        super().resume()
        self._paused = False

    def notify_at(self, seconds: float, callback: Callable[[float], None]) -> None:
        """Calls ``callback(now)`` when the audio after ``seconds`` into the next (or current)
        segment starts to go out, e.g. the reply after its acknowledgement; a segment that
        ends before that point drops it."""
        self._mark = (seconds, callback)

    @property
    def speaking(self) -> bool:
        return self._active and not self._paused

    def pull(self, n_samples: int) -> np.ndarray | None:
        """Up to `n_samples` of the current segment (zero-padded), or None when silent."""
        if not self._chunks or self._paused:
            return None
        out = np.zeros(n_samples, dtype=np.int16)
        filled = 0
        while filled < n_samples and self._chunks:
            head = self._chunks[0]
            take = min(n_samples - filled, len(head))
            out[filled : filled + take] = head[:take]
            filled += take
            if take == len(head):
                self._chunks.popleft()
            else:
                self._chunks[0] = head[take:]
        before = self._pulled_samples
        self._pulled_samples += filled
        if not self._started:
            self._started = True
            now = time.time()
            self.on_playback_started(created_at=now)
            if self.on_first_audio is not None:
                self.on_first_audio(now)
        if self._mark is not None and self._pulled_samples > self._mark[0] * self._rate >= before:
            callback = self._mark[1]
            self._mark = None
            callback(time.time())
        if self._flushed and not self._chunks:
            self._finish(interrupted=False)
        return out

    def _finish(self, *, interrupted: bool) -> None:
        position = self._pulled_samples / self._rate
        self._active = False
        self._paused = False
        self._flushed = False
        self._started = False
        self._pulled_samples = 0
        self._mark = None
        self.on_playback_finished(playback_position=position, interrupted=interrupted)
