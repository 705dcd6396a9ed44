"""The ASR engine's queue: a transcription someone now awaits (a turn just ended) runs before
other calls' interim ones that were queued earlier; one whose caller went away never runs."""

from __future__ import annotations

import asyncio
import threading
from typing import cast

import numpy as np
import pytest
from faster_whisper import WhisperModel

from agent.plugins import asr_engine
from agent.plugins.asr_engine import AsrEngine, AsrSizing
from agent.plugins.whisper_decoder import Decoded


class _Decoder:
    """Records the order of decodes; the one for ``hold`` waits until released."""

    def __init__(self, _model: object) -> None:
        self.order: list[str] = []
        self.release = threading.Event()
        self.started = threading.Event()

    def decode(
        self, audio: np.ndarray, *, context: str = "", hotwords: str = "", guesses: object = None
    ) -> Decoded:
        if context == "hold":
            self.started.set()
            self.release.wait(10)
        self.order.append(context)
        return Decoded(context, 1.0, 1.0)


@pytest.fixture
def engine(monkeypatch: pytest.MonkeyPatch) -> AsrEngine:
    monkeypatch.setattr(asr_engine, "WhisperDecoder", _Decoder)
    return AsrEngine(cast(WhisperModel, None), AsrSizing(workers=1, threads=1))


def _decoder(engine: AsrEngine) -> _Decoder:
    return cast(_Decoder, engine._decoder)


AUDIO = np.zeros(1600, np.float32)


async def _hold(engine: AsrEngine) -> asyncio.Task[asr_engine.Timed]:
    """A decode that keeps the engine's one thread busy until the decoder is released."""
    busy = asyncio.create_task(engine.decode(AUDIO, context="hold"))
    await asyncio.to_thread(_decoder(engine).started.wait, 10)
    return busy


def test_an_urgent_transcription_goes_before_earlier_interim_ones(engine: AsrEngine) -> None:
    decoder = _decoder(engine)
    audio = AUDIO

    async def run() -> list[str]:
        busy = await _hold(engine)
        ended = {"b": False}
        interim_b = asyncio.create_task(engine.decode(audio, context="other call interim"))
        interim_c = asyncio.create_task(engine.decode(audio, context="another interim"))
        final_a = asyncio.create_task(
            engine.decode(audio, context="final", urgent=lambda: ended["b"])
        )
        await asyncio.sleep(0.05)
        ended["b"] = True  # the VAD ended that utterance while it waited
        decoder.release.set()
        results = await asyncio.gather(busy, interim_b, interim_c, final_a)
        assert [r.decoded.text for r in results] == [
            "hold", "other call interim", "another interim", "final"
        ]  # fmt: skip
        return decoder.order

    try:
        order = asyncio.run(run())
    finally:
        engine.close()
    assert order == ["hold", "final", "other call interim", "another interim"]


def test_a_transcription_nobody_awaits_any_more_is_not_run(engine: AsrEngine) -> None:
    decoder = _decoder(engine)
    audio = AUDIO

    async def run() -> list[str]:
        busy = await _hold(engine)
        gone = asyncio.create_task(engine.decode(audio, context="call that ended"))
        kept = asyncio.create_task(engine.decode(audio, context="live call"))
        await asyncio.sleep(0.05)
        gone.cancel()
        # Its cancellation reaches the engine's queue on the loop's next turn: wait for it
        # before the engine thread is freed to take the next job.
        await asyncio.gather(gone, return_exceptions=True)
        decoder.release.set()
        await asyncio.gather(busy, kept)
        await asyncio.sleep(0.05)
        return decoder.order

    try:
        order = asyncio.run(run())
    finally:
        engine.close()
    assert order == ["hold", "live call"]
    assert engine.queue_depth == 0
