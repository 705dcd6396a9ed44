"""`StreamingWhisperSTT`: hears the answer while it is spoken, so only its last words are
left to transcribe when the candidate stops.

Whisper is not a streaming model, but speech has pauses. The stream runs a VAD over the
candidate's audio and, each time they pause inside an utterance (`PAUSE_S` of silence), it
transcribes the utterance so far in the background and reports it as an interim transcript.
When the VAD ends the utterance (a longer silence), the decode started at that pause has
usually finished, so the final transcript is ready at once; otherwise the utterance is
decoded once more. Whisper hears a sentence's first words far better with the words after
them in view ("I built a payment" alone came out "I will tap a mint"), so each decode spans
the whole utterance, up to `SPAN_MAX_S`: past that, the text so far is kept and later
decodes start at the last pause, with it as context.

One stream per call; the model (`AsrEngine`) and the VAD model are the process's. Once the VAD
ends the utterance, its decode is urgent: the engine runs it before other calls' interim ones.
``hotwords`` (the current question's and the interview's technical terms) bias decoding.
``overlapping`` says whether the utterance began while the interviewer talked: such sound
must then sound like speech to Whisper (`Decoded.unsure_speech`), else it brings no words,
so a cough or a knock over the interviewer does not become "Okay." or "You" and stop it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Never

import numpy as np
from livekit import rtc
from livekit.agents import stt, utils, vad
from livekit.agents.types import (
    DEFAULT_API_CONNECT_OPTIONS,
    NOT_GIVEN,
    APIConnectOptions,
    NotGivenOr,
)
from livekit.agents.utils import AudioBuffer

from .asr_engine import AsrEngine, Timed, Urgent
from .audio import WHISPER_RATE, frames_to_whisper_input, resample
from .whisper_decoder import Guesses
from .whisper_stt import LANGUAGE, final_event

log = logging.getLogger(__name__)

PAUSE_S = 0.08
"""Silence inside an utterance after which the piece before it is transcribed: three of the
VAD's 32 ms windows. Any pause may be the answer's end, so the decode that will be final
starts here rather than at the VAD's end of speech (0.3 s): measured in the browser loop, the
ASR tail after the end of speech went from 120 ms (at 0.18 s) to about 35 ms p50, for about
one more decode per answer (a decode at a pause that turns out to be inside the answer only
gives an interim transcript). Two windows (0.06 s) cut the tail further but cost word recall
(0.91 against 0.93 over 16 answers, tests/bench/bench_tail.py): the final decode then held
too little of the last word's fading sound."""
MIN_PIECE_S = 0.6
"""Less new speech than this since the last decode waits for more before decoding again."""
SPAN_MAX_S = 12.0
"""The longest stretch decoded at once; a longer utterance is decoded on from its last
pause (the encoder's cost grows with the window)."""
_PIECE_PAD_S = 0.12
"""Silence kept after a piece, so its last word is whole."""
_PREFIX_S = 0.3
"""Audio kept before the VAD's start of speech, so the first word is whole."""
_KEEP_IDLE_S = 2.0
"""Audio kept while nobody speaks, for the prefix of the next utterance."""
VAD_RATE = 16_000
"""The rate of a VAD event's ``samples_index`` (Silero counts its 16 kHz inference input)."""

Hotwords = Callable[[], str]
"""The words the next utterance is likely to contain, asked for at each piece."""
Normalise = Callable[[str], str]
"""Rewrites a transcript (split technical terms joined, say)."""


@dataclass(slots=True)
class StreamTimings:
    """What the last utterance cost, for the turn's latency record."""

    pieces: int = 0
    tail_s: float = 0.0
    """From the VAD's end of speech to the final transcript."""
    decode_s: list[float] = field(default_factory=list)


class StreamingWhisperSTT(stt.STT[Never]):
    """Per call: the shared engine and VAD model, and this interview's hotwords."""

    def __init__(
        self,
        engine: AsrEngine,
        vad_model: vad.VAD,
        *,
        hotwords: Hotwords | None = None,
        normalise: Normalise | None = None,
        overlapping: Callable[[], bool] | None = None,
        guesses: Guesses | None = None,
    ) -> None:
        super().__init__(capabilities=stt.STTCapabilities(streaming=True, interim_results=True))
        self._engine = engine
        self._vad = vad_model
        self._hotwords = hotwords or (lambda: "")
        self._guesses = guesses
        self.overlapping: Callable[[], bool] = overlapping or (lambda: False)
        self.normalise: Normalise = normalise or (lambda text: text)
        self.timings = StreamTimings()

    @property
    def model(self) -> str:
        return "whisper-streaming"

    @property
    def provider(self) -> str:
        return "faster-whisper"

    async def _recognize_impl(
        self,
        buffer: AudioBuffer,
        *,
        language: NotGivenOr[str] = NOT_GIVEN,
        conn_options: APIConnectOptions = DEFAULT_API_CONNECT_OPTIONS,
    ) -> stt.SpeechEvent:
        frames = buffer if isinstance(buffer, list) else [buffer]
        timed = await self._engine.decode(
            frames_to_whisper_input(frames), hotwords=self._hotwords(), guesses=self._guesses
        )
        text = self.normalise(timed.decoded.text)
        return final_event(text, timed.decoded.confidence, 0.0)

    def stream(
        self,
        *,
        language: NotGivenOr[str] = NOT_GIVEN,
        conn_options: APIConnectOptions = DEFAULT_API_CONNECT_OPTIONS,
    ) -> stt.RecognizeStream:
        return _PieceStream(self, conn_options)

    async def decode(self, audio: np.ndarray, context: str, urgent: Urgent) -> Timed:
        return await self._engine.decode(
            audio, context=context, hotwords=self._hotwords(), guesses=self._guesses, urgent=urgent
        )

    def vad_stream(self) -> vad.VADStream:
        return self._vad.stream()


class _Audio:
    """The candidate's audio at its own rate, addressed by absolute sample number; a VAD
    event is placed on it by its ``samples_index`` (the VAD lags the audio pushed)."""

    def __init__(self) -> None:
        self.rate = 0
        self._start = 0
        self._chunks: list[np.ndarray] = []
        self.end = 0
        self.vad_origin = 0
        """Where the VAD's sample count started (the last flush)."""

    def push(self, frame: rtc.AudioFrame) -> None:
        pcm = np.frombuffer(frame.data, dtype=np.int16)
        if frame.num_channels > 1:
            pcm = pcm.reshape(-1, frame.num_channels).mean(axis=1).astype(np.int16)
        self.rate = frame.sample_rate
        self._chunks.append(pcm)
        self.end += len(pcm)

    def at(self, event: vad.VADEvent, seconds_before: float) -> int:
        """The sample ``seconds_before`` the point the VAD had reached at ``event``."""
        rate = self.rate or VAD_RATE
        reached = self.vad_origin + int(event.samples_index * rate / VAD_RATE)
        return min(self.end, max(self._start, reached - int(seconds_before * rate)))

    def slice(self, start: int, stop: int) -> np.ndarray:
        whole = np.concatenate(self._chunks) if self._chunks else np.zeros(0, np.int16)
        self._chunks = [whole]
        lo, hi = max(0, start - self._start), max(0, min(stop, self.end) - self._start)
        pcm = whole[lo:hi].astype(np.float32) / 32768.0
        return resample(pcm, self.rate, WHISPER_RATE)

    def forget_before(self, sample: int) -> None:
        if sample <= self._start or not self._chunks:
            return
        whole = np.concatenate(self._chunks)
        cut = min(len(whole), sample - self._start)
        self._chunks = [whole[cut:]]
        self._start += cut


class _PieceStream(stt.RecognizeStream):
    def __init__(self, owner: StreamingWhisperSTT, conn_options: APIConnectOptions) -> None:
        super().__init__(stt=owner, conn_options=conn_options)
        self._owner = owner
        self._audio = _Audio()
        self._speaking = False
        self._start = 0
        self._done_upto = 0
        """Audio up to here is in the text or being decoded by ``_piece``."""
        self._kept: list[str] = []
        """The text of the utterance before ``_span_from`` (a long one only)."""
        self._span_from = 0
        self._span_text = ""
        """The latest decode of the audio from ``_span_from`` on."""
        self._piece: asyncio.Task[None] | None = None
        self._ended = False
        """The VAD ended the utterance: its decode is awaited now, ahead of others' interim ones."""

    async def _run(self) -> None:
        vad_stream = self._owner.vad_stream()
        forward = asyncio.create_task(self._forward(vad_stream), name="stt-forward")
        try:
            async for event in vad_stream:
                await self._on_vad(event)
        finally:
            await utils.aio.cancel_and_wait(forward)
            if self._piece is not None:
                await utils.aio.cancel_and_wait(self._piece)
            await vad_stream.aclose()

    async def _forward(self, vad_stream: vad.VADStream) -> None:
        async for item in self._input_ch:
            if isinstance(item, rtc.AudioFrame):
                self._audio.push(item)
                vad_stream.push_frame(item)
            else:
                self._audio.vad_origin = self._audio.end
                vad_stream.flush()
        vad_stream.end_input()

    async def _on_vad(self, event: vad.VADEvent) -> None:
        if event.type == vad.VADEventType.START_OF_SPEECH:
            self._begin(event)
        elif event.type == vad.VADEventType.INFERENCE_DONE:
            self._maybe_cut(event)
        elif event.type == vad.VADEventType.END_OF_SPEECH and self._speaking:
            await self._finish(event)

    def _begin(self, event: vad.VADEvent) -> None:
        self._speaking = True
        self._ended = False
        self._start = self._audio.at(event, event.speech_duration + _PREFIX_S)
        self._done_upto = self._start
        self._kept = []
        self._span_from = self._start
        self._span_text = ""
        self._owner.timings = StreamTimings()
        self._event_ch.send_nowait(stt.SpeechEvent(type=stt.SpeechEventType.START_OF_SPEECH))

    def _maybe_cut(self, event: vad.VADEvent) -> None:
        if not self._speaking:
            self._audio.forget_before(self._audio.at(event, _KEEP_IDLE_S))
            return
        if event.raw_accumulated_silence < PAUSE_S or self._piece is not None:
            return
        cut = self._audio.at(event, max(0.0, event.raw_accumulated_silence - _PIECE_PAD_S))
        rate = max(1, self._audio.rate)
        if (cut - self._done_upto) / rate < MIN_PIECE_S:
            return
        if (cut - self._span_from) / rate > SPAN_MAX_S and self._span_text:
            self._kept.append(self._span_text)  # a long answer: go on from the last pause
            self._span_text = ""
            self._span_from = self._done_upto
        self._piece = asyncio.create_task(self._decode_span(cut), name="stt-piece")
        self._done_upto = cut

    async def _decode_span(self, stop: int) -> None:
        start = self._span_from
        try:
            timed = await self._owner.decode(
                self._audio.slice(start, stop), " ".join(self._kept), lambda: self._ended
            )
        except Exception:  # a decode lost is a few words lost, never the call
            log.exception("transcribing a piece of speech failed")
            self._piece = None
            return
        if timed.decoded.unsure_speech and self._owner.overlapping():
            self._piece = None  # not speech over the interviewer: no words, so it resumes
            return
        if start == self._span_from and timed.decoded.text:
            self._span_text = timed.decoded.text
            self._owner.timings.decode_s.append(timed.ran_s)
            self._owner.timings.pieces += 1
            self._event_ch.send_nowait(self._transcript(stt.SpeechEventType.INTERIM_TRANSCRIPT))
        self._piece = None

    @property
    def _words(self) -> list[str]:
        return [*self._kept, self._span_text] if self._span_text else list(self._kept)

    async def _finish(self, event: vad.VADEvent) -> None:
        self._ended = True
        ended_at = time.time() - event.silence_duration - event.inference_duration
        self._event_ch.send_nowait(
            stt.SpeechEvent(type=stt.SpeechEventType.END_OF_SPEECH, speech_end_time=ended_at)
        )
        stop = self._audio.at(event, max(0.0, event.silence_duration - _PIECE_PAD_S))
        if self._piece is not None:
            with contextlib.suppress(asyncio.CancelledError):
                await self._piece
        if (stop - self._done_upto) / max(1, self._audio.rate) >= 0.15:
            await self._decode_span(stop)
        self._speaking = False
        self._owner.timings.tail_s = max(0.0, time.time() - (ended_at + event.silence_duration))
        if self._words:
            final = self._transcript(stt.SpeechEventType.FINAL_TRANSCRIPT, ended_at)
            self._event_ch.send_nowait(final)
        self._audio.forget_before(stop)

    def _transcript(
        self, kind: stt.SpeechEventType, speech_end_time: float | None = None
    ) -> stt.SpeechEvent:
        text = self._owner.normalise(" ".join(self._words))
        return stt.SpeechEvent(
            type=kind,
            alternatives=[stt.SpeechData(language=LANGUAGE, text=text)],
            speech_end_time=speech_end_time,
        )
