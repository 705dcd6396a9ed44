"""Scripted speech models and a scripted line, to drive a real call session in-process.

In the manner of livekit-agents' own test fakes: the session, its turn-taking, the
interviewer, the recorder and PostgreSQL are all real; only what hears and speaks is
scripted, so barge-in, silence prompts and trailing answers are tested in seconds instead of
a browser's minutes.

- `EnergyVAD`: speech is any 20 ms frame louder than a threshold; deterministic.
- `ScriptedSTT`: a candidate utterance is a constant-amplitude tone whose level names its
  line in the script (`utterance`), so the transcript is exact and the audio path is real.
- `ToneBackend`: the interviewer's voice is a tone lasting a fixed time per character, behind
  the real `BackendTTS` adapter.
- `ScriptedLine`: a `Transport` whose microphone plays a list of steps in real time and
  whose speaker pulls the call on a 20 ms clock, recording when the interviewer was audible.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import ClassVar, Never

import numpy as np
from livekit import rtc
from livekit.agents import stt, utils, vad
from livekit.agents.language import LanguageCode
from livekit.agents.types import (
    DEFAULT_API_CONNECT_OPTIONS,
    NOT_GIVEN,
    APIConnectOptions,
    NotGivenOr,
)
from livekit.agents.utils import AudioBuffer

from agent.plugins.livekit_tts import BackendTTS
from agent.plugins.speech_cache import SpeechCache
from agent.plugins.speech_models import SpeechModels
from agent.plugins.tts_backend import Pcm16, TtsBackend
from agent.voice.events import CallEvent
from agent.voice.transport import CallLine, Transport

RATE = 16_000
FRAME = RATE // 50  # 20 ms
_MARK_BASE = 3000
_MARK_STEP = 200
_VOICED = 500  # mean absolute level above which a frame is speech


def utterance(index: int, seconds: float) -> Pcm16:
    """Line ``index`` of the script as audio: a tone at the level that names it."""
    n = int(seconds * RATE)
    level = _MARK_BASE + _MARK_STEP * index
    tone = np.sin(2 * np.pi * 220.0 * np.arange(n) / RATE)
    return (np.sign(tone) * level).astype(np.int16)


def _line_of(pcm: Pcm16) -> int:
    level = float(np.percentile(np.abs(pcm.astype(np.int32)), 90))
    return round((level - _MARK_BASE) / _MARK_STEP)


# -- VAD --------------------------------------------------------------------------------------
class EnergyVAD(vad.VAD):
    def __init__(self, *, min_speech_s: float = 0.06, min_silence_s: float = 0.25) -> None:
        super().__init__(capabilities=vad.VADCapabilities(update_interval=0.02))
        self.min_speech_s = min_speech_s
        self.min_silence_s = min_silence_s

    @property
    def model(self) -> str:
        return "energy"

    @property
    def provider(self) -> str:
        return "tests"

    def stream(self) -> vad.VADStream:
        return _EnergyVADStream(self)


@dataclass(slots=True)
class _VadState:
    speaking: bool = False
    speech_run: float = 0.0
    silence_run: float = 0.0
    speech_s: float = 0.0
    samples: int = 0
    frames: list[rtc.AudioFrame] = field(default_factory=list)


class _EnergyVADStream(vad.VADStream):
    def __init__(self, owner: EnergyVAD) -> None:
        super().__init__(owner)
        self._owner = owner

    async def _main_task(self) -> None:
        state = _VadState()
        async for item in self._input_ch:
            if not isinstance(item, rtc.AudioFrame):
                state = _VadState()  # a flush
                continue
            self._step(state, item)

    def _step(self, state: _VadState, frame: rtc.AudioFrame) -> None:
        pcm = np.frombuffer(frame.data, dtype=np.int16)
        voiced = float(np.abs(pcm.astype(np.int32)).mean()) > _VOICED
        duration = frame.samples_per_channel / frame.sample_rate
        state.samples += frame.samples_per_channel
        if voiced:
            state.speech_run += duration
            state.silence_run = 0.0
        else:
            state.silence_run += duration
            state.speech_run = 0.0
        if voiced or state.speaking:
            state.frames.append(frame)
            state.speech_s += duration if voiced else 0.0
        elif state.frames:
            state.frames = []
            state.speech_s = 0.0
        self._send(vad.VADEventType.INFERENCE_DONE, state, [frame], 1.0 if voiced else 0.0)
        if voiced and not state.speaking and state.speech_run >= self._owner.min_speech_s:
            state.speaking = True
            self._send(vad.VADEventType.START_OF_SPEECH, state, list(state.frames))
        elif state.speaking and state.silence_run >= self._owner.min_silence_s:
            state.speaking = False
            self._send(vad.VADEventType.END_OF_SPEECH, state, list(state.frames))
            state.frames = []
            state.speech_s = 0.0

    def _send(
        self,
        kind: vad.VADEventType,
        state: _VadState,
        frames: list[rtc.AudioFrame],
        probability: float = 0.0,
    ) -> None:
        self._event_ch.send_nowait(
            vad.VADEvent(
                type=kind,
                samples_index=state.samples,
                timestamp=time.time(),
                speech_duration=state.speech_s,
                silence_duration=state.silence_run,
                frames=frames,
                probability=probability,
                speaking=state.speaking,
                raw_accumulated_silence=state.silence_run,
                raw_accumulated_speech=state.speech_run,
            )
        )


# -- STT --------------------------------------------------------------------------------------
class ScriptedSTT(stt.STT[Never]):
    """Transcribes an utterance as the script line its level names ("" for anything else)."""

    def __init__(self, script: Sequence[str]) -> None:
        super().__init__(capabilities=stt.STTCapabilities(streaming=False, interim_results=False))
        self.script = list(script)
        self.heard: list[int] = []

    async def _recognize_impl(
        self,
        buffer: AudioBuffer,
        *,
        language: NotGivenOr[str] = NOT_GIVEN,
        conn_options: APIConnectOptions = DEFAULT_API_CONNECT_OPTIONS,
    ) -> stt.SpeechEvent:
        frame = utils.merge_frames(buffer)
        index = _line_of(np.frombuffer(frame.data, dtype=np.int16))
        self.heard.append(index)
        text = self.script[index] if 0 <= index < len(self.script) else ""
        return stt.SpeechEvent(
            type=stt.SpeechEventType.FINAL_TRANSCRIPT,
            alternatives=[stt.SpeechData(language=LanguageCode("en"), text=text)],
        )


# -- TTS --------------------------------------------------------------------------------------
class ToneBackend(TtsBackend):
    """Speaks ``seconds_per_char`` of tone per character of text, in 100 ms chunks."""

    name = "tone"
    sample_rate = RATE

    def __init__(self, seconds_per_char: float = 0.01) -> None:
        self.seconds_per_char = seconds_per_char
        self.spoken: list[str] = []
        self.made: list[tuple[str, float]] = []
        """Each text made, with the speed it was made at (slower is longer)."""

    def synthesize(self, text: str, speed: float = 1.0) -> Iterator[Pcm16]:
        self.spoken.append(text)
        self.made.append((text, speed))
        total = int(len(text) * self.seconds_per_char * RATE / speed)
        chunk = RATE // 10
        for start in range(0, total, chunk):
            n = min(chunk, total - start)
            yield (np.sin(2 * np.pi * 330.0 * np.arange(n) / RATE) * 8000).astype(np.int16)


def scripted_models(
    script: Sequence[str], *, seconds_per_char: float = 0.01, cache: SpeechCache | None = None
) -> SpeechModels:
    return SpeechModels(
        stt=ScriptedSTT(script),
        tts=BackendTTS(ToneBackend(seconds_per_char), cache=cache),
        vad=EnergyVAD(),
    )


# -- the line ---------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Say:
    """The candidate says script line ``index`` for ``seconds``."""

    index: int
    seconds: float = 0.6


@dataclass(frozen=True, slots=True)
class Pause:
    seconds: float


@dataclass(frozen=True, slots=True)
class WhenInterviewerTalks:
    """Wait until the interviewer has been audible for ``after`` seconds in a new segment."""

    after: float = 0.3


@dataclass(frozen=True, slots=True)
class WhenInterviewerDone:
    """Wait until the interviewer has been silent for ``quiet`` seconds after speaking."""

    quiet: float = 0.4


@dataclass(frozen=True, slots=True)
class Until:
    """Wait (an open, quiet microphone) until ``check()`` is true."""

    check: Callable[[], bool]


Step = Say | Pause | WhenInterviewerTalks | WhenInterviewerDone | Until


@dataclass(slots=True)
class Heard:
    """When the interviewer was audible at the line, on the monotonic clock."""

    segments: list[list[float]] = field(default_factory=list)

    def audible(self, now: float) -> None:
        if self.segments and now - self.segments[-1][1] <= 0.05:
            self.segments[-1][1] = now
        else:
            self.segments.append([now, now])


class ScriptedLine(Transport):
    kind: ClassVar[str] = "scripted"
    output_rate = RATE

    def __init__(self, steps: Sequence[Step], *, hang_up_after: bool = False) -> None:
        self.steps = list(steps)
        self.hang_up_after = hang_up_after
        self.events: list[CallEvent] = []
        self.heard = Heard()
        self.said: list[tuple[int, float, float]] = []
        """(line, start, end) of each utterance, on the monotonic clock."""
        self.script_done = asyncio.Event()
        self._gone = asyncio.Event()
        self._closed = False

    async def run(self, line: CallLine) -> None:
        speaker = asyncio.create_task(self._speaker(line), name="scripted-speaker")
        mic = asyncio.create_task(self._microphone(line), name="scripted-mic")
        try:
            await self._gone.wait()
        finally:
            for task in (speaker, mic):
                task.cancel()
            await asyncio.gather(speaker, mic, return_exceptions=True)

    def send(self, event: CallEvent) -> None:
        self.events.append(event)

    async def aclose(self) -> None:
        self._closed = True
        self._gone.set()

    def hang_up(self) -> None:
        self._gone.set()

    async def _ticks(self) -> None:
        await asyncio.sleep(FRAME / RATE)

    async def _speaker(self, line: CallLine) -> None:
        while True:
            pcm = line.pull_audio(FRAME)
            if pcm is not None and np.abs(pcm.astype(np.int32)).max() > 1000:
                self.heard.audible(time.monotonic())
            await self._ticks()

    async def _microphone(self, line: CallLine) -> None:
        silence = np.zeros(FRAME, dtype=np.int16)
        for step in self.steps:
            if isinstance(step, Say):
                audio = utterance(step.index, step.seconds)
                start = time.monotonic()
                for offset in range(0, len(audio), FRAME):
                    line.push_audio(audio[offset : offset + FRAME], RATE)
                    await self._ticks()
                self.said.append((step.index, start, time.monotonic()))
                continue
            began = time.monotonic()
            while not self._step_done(step, began):
                line.push_audio(silence, RATE)
                await self._ticks()
        self.script_done.set()
        if self.hang_up_after:
            self.hang_up()
        while True:  # an open microphone in a quiet room
            line.push_audio(silence, RATE)
            await self._ticks()

    def _step_done(self, step: Step, began: float) -> bool:
        now = time.monotonic()
        if isinstance(step, Pause):
            return now - began >= step.seconds
        if isinstance(step, Until):
            return step.check()
        segments = self.heard.segments
        if not segments:
            return False
        start, end = segments[-1]
        if isinstance(step, WhenInterviewerTalks):
            return now - end < 0.05 and end - start >= step.after
        assert isinstance(step, WhenInterviewerDone)
        # A segment heard since this step began (the reply to what was just said), then quiet.
        return end >= began and now - end >= step.quiet
