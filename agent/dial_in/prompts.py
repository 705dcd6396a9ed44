"""What the line says before the interview: the welcome, the PIN prompts, the goodbyes.

Rendered with the interviewer's own TTS, once each (in the background from start-up, or on
first use), and kept at 16 kHz; a `PromptPlayer` resamples each to its leg's rate (8 kHz
G.711, 48 kHz Opus) and plays one after another on the leg's media clock.
"""

from __future__ import annotations

import asyncio
from collections import deque
from enum import StrEnum
from typing import Any

import numpy as np
from livekit.agents import tts as lk_tts

from agent.plugins.audio import resample
from agent.voice.transport import Pcm16

PROMPT_RATE = 16_000


class Prompt(StrEnum):
    WELCOME = (
        "Welcome to Mockline. Please type the PIN shown on your interview page, "
        "then press the pound key."
    )
    RETRY = "Sorry, that PIN did not work. Please type it again, then press the pound key."
    CONNECTING = "Thank you. Here is your interviewer."
    WRONG_GOODBYE = (
        "Sorry, that PIN did not work either. Please check the PIN on your interview page "
        "and call again. Goodbye."
    )
    TOO_MANY = "There have been too many attempts. Please try again later. Goodbye."
    BUSY = "This interview is already on a call. Please hang up the other call first. Goodbye."
    UNAVAILABLE = "Sorry, the interview could not be started. Please try again later. Goodbye."


async def _render(voice: lk_tts.TTS[Any], text: str) -> Pcm16:
    pieces: list[Pcm16] = []
    rate = voice.sample_rate
    async with voice.synthesize(text) as stream:
        async for event in stream:
            frame = event.frame
            pcm = np.frombuffer(frame.data, dtype=np.int16).reshape(-1, frame.num_channels)
            pieces.append(pcm[:, 0].copy())
            rate = frame.sample_rate
    audio = np.concatenate(pieces) if pieces else np.zeros(0, dtype=np.int16)
    return _resampled(audio, rate, PROMPT_RATE)


def _resampled(audio: Pcm16, rate: int, to: int) -> Pcm16:
    if rate == to:
        return audio
    out = resample(audio.astype(np.float32) / 32768.0, rate, to)
    return (np.clip(out, -1.0, 1.0) * 32767.0).astype(np.int16)


class PromptSet:
    """Each prompt rendered once, on first use (`warm` renders them all ahead of calls)."""

    def __init__(self, voice: lk_tts.TTS[Any] | None, audio: dict[Prompt, Pcm16] | None = None):
        self._voice = voice
        self._audio: dict[Prompt, Pcm16] = dict(audio or {})
        self._lock = asyncio.Lock()

    async def get(self, prompt: Prompt) -> Pcm16:
        async with self._lock:
            audio = self._audio.get(prompt)
            if audio is None:
                if self._voice is None:
                    raise KeyError(prompt)
                audio = self._audio[prompt] = await _render(self._voice, prompt.value)
            return audio

    async def warm(self) -> None:
        for prompt in Prompt:
            await self.get(prompt)


class PromptPlayer:
    """A `media.Source` at ``rate``: queued prompts, then silence. `idle` is set when
    nothing is left."""

    def __init__(self, rate: int) -> None:
        self._rate = rate
        self._queue: deque[Pcm16] = deque()
        self._at = 0
        self.idle = asyncio.Event()
        self.idle.set()

    def play(self, pcm: Pcm16) -> None:
        """Queue ``pcm`` (at `PROMPT_RATE`, as `PromptSet` keeps it)."""
        self._queue.append(_resampled(pcm, PROMPT_RATE, self._rate))
        self.idle.clear()

    async def finish(self) -> None:
        await self.idle.wait()

    def __call__(self, n: int) -> Pcm16 | None:
        if not self._queue:
            return None
        current = self._queue[0]
        piece = current[self._at : self._at + n]
        self._at += n
        if self._at >= len(current):
            self._queue.popleft()
            self._at = 0
            if not self._queue:
                self.idle.set()
        if len(piece) < n:
            piece = np.concatenate([piece, np.zeros(n - len(piece), dtype=np.int16)])
        return piece
