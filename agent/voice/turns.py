"""Writes every turn of a call to the store as it happens, with per-stage latencies.

Session callbacks are synchronous; writes are queued in order to one owned writer task so
turn numbers follow the conversation and a slow database never blocks the audio path.
While the database is unreachable the call goes on talking: the writer keeps the turns in
order and retries with backoff, for up to `OUTAGE_BUFFER_S`, and writes them when the
database is back. A turn whose write may have landed before the connection dropped is looked
up before it is written again, so none is stored twice.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from uuid import UUID

from livekit.agents import llm
from livekit.agents.voice import SpeechHandle

from .. import metrics
from ..store.availability import is_unavailable
from ..store.interviews import InterviewStore
from ..store.models import Turn

log = logging.getLogger(__name__)

OUTAGE_BUFFER_S = 300.0
"""How long turns wait for an unreachable database before they are given up (and logged)."""
_RETRY_FIRST_S = 0.5
_RETRY_MAX_S = 5.0

Job = Callable[[bool], Awaitable[None]]
"""A write; its argument says whether it is a retry (an earlier attempt may have landed)."""


def _ms(seconds: float) -> float:
    return round(seconds * 1000.0, 1)


class TurnRecorder:
    """Turns candidate messages and interviewer speech handles into stored turns."""

    def __init__(
        self, store: InterviewStore, interview_id: UUID, *, call_started_at: float
    ) -> None:
        self._store = store
        self._interview_id = interview_id
        self._t0 = call_started_at
        self._jobs: asyncio.Queue[Job | None] = asyncio.Queue()
        self._writer = asyncio.create_task(self._run(), name=f"turns-{interview_id}")
        # Latency of the candidate turn awaiting the interviewer's answer.
        self._pending_eos: float | None = None
        self._pending_latency: dict[str, float] = {}
        self._pending_turn: asyncio.Future[int | None] | None = None
        self._reply_text = ""
        self._acked = False
        """The pending reply opened with an acknowledgement: its substantive words come later."""
        self._answered: tuple[dict[str, float], float, asyncio.Future[int | None]] | None = None
        """The latest answered turn's latency, end of speech and stored id, while its reply's
        substantive words are awaited (`on_substantive_audio`)."""
        # Speech not yet recorded, with the time it started: a hang-up can end the session
        # before a handle's done callback runs, and the turn must still be written.
        self._speaking: dict[SpeechHandle, float] = {}

    # -- candidate ---------------------------------------------------------------------------
    def on_candidate_message(
        self, message: llm.ChatMessage, *, asr_tail_s: float | None = None
    ) -> None:
        """A candidate turn; ``asr_tail_s``: what transcribing its end cost after the VAD
        declared it (a streaming recogniser's last piece)."""
        text = (message.text_content or "").strip()
        if not text:
            return
        metrics = message.metrics
        stopped = metrics.get("stopped_speaking_at", message.created_at)
        started = metrics.get("started_speaking_at", stopped)
        latency: dict[str, float] = {}
        if "transcription_delay" in metrics:
            latency["eos_to_transcript_ms"] = _ms(metrics["transcription_delay"])
        if "end_of_turn_delay" in metrics:
            latency["eos_to_turn_end_ms"] = _ms(metrics["end_of_turn_delay"])
        if asr_tail_s is not None:
            latency["asr_tail_ms"] = _ms(asr_tail_s)
        # Wall-clock anchors (epoch s), so a benchmark can line the server's stages up with
        # what a client on the same machine saw and heard.
        latency["eos_at"] = round(stopped, 3)
        self._pending_eos = stopped
        self._pending_latency = latency
        turn_id: asyncio.Future[int | None] = asyncio.get_running_loop().create_future()
        self._pending_turn = turn_id
        began = max(started - self._t0, 0.0)

        async def write(retry: bool) -> None:
            found = await self._written("candidate", text, began) if retry else None
            turn = found or await self._store.add_turn(
                self._interview_id,
                speaker="candidate",
                text=text,
                started_at=began,
                ended_at=max(stopped - self._t0, 0.0),
                latency=latency or None,
            )
            turn_id.set_result(turn.id)

        self._jobs.put_nowait(write)

    # -- interviewer -------------------------------------------------------------------------
    def on_reply_text(self, text: str) -> None:
        """The interviewer's full reply, as generated (before any interruption)."""
        self._reply_text = text
        if self._pending_eos is not None and "eos_to_first_text_ms" not in self._pending_latency:
            self._pending_latency["eos_to_first_text_ms"] = _ms(time.time() - self._pending_eos)

    def opened_with_ack(self) -> None:
        """The reply now being made opens with an acknowledgement (`acknowledge.py`)."""
        self._acked = True

    def on_first_audio(self, sent_at: float) -> None:
        """The first frame of an interviewer segment left for the transport."""
        acked, self._acked = self._acked, False
        if self._pending_eos is None or self._pending_turn is None:
            return
        latency = dict(self._pending_latency)
        latency["eos_to_first_audio_ms"] = _ms(sent_at - self._pending_eos)
        latency["first_audio_at"] = round(sent_at, 3)
        answered = (latency, self._pending_eos, self._pending_turn)
        self._pending_eos = None
        self._pending_turn = None
        self._answered = answered if acked else None
        if not acked:
            latency["eos_to_substantive_audio_ms"] = latency["eos_to_first_audio_ms"]
        metrics.observe_turn(latency)
        self._write_latency(answered[2], latency)

    def on_substantive_audio(self, sent_at: float) -> None:
        """The first frame after the reply's opening acknowledgement left for the transport."""
        if self._answered is None:
            return
        latency, eos, turn_future = self._answered
        self._answered = None
        latency = {**latency, "eos_to_substantive_audio_ms": _ms(sent_at - eos)}
        metrics.observe_stage("eos_to_substantive_audio", sent_at - eos)
        self._write_latency(turn_future, latency)

    def _write_latency(
        self, turn_future: asyncio.Future[int | None], latency: dict[str, float]
    ) -> None:
        async def write(_retry: bool) -> None:
            # Jobs run in order: the turn's own write has run (or been given up) by now.
            if turn_future.done() and (turn_id := turn_future.result()) is not None:
                await self._store.update_turn(turn_id, latency=latency)

        self._jobs.put_nowait(write)

    def on_speech_created(self, handle: SpeechHandle) -> None:
        self._speaking[handle] = time.time()
        handle.add_done_callback(self._on_speech_done)

    def _on_speech_done(self, handle: SpeechHandle) -> None:
        started = self._speaking.pop(handle, None)
        if started is None:  # already recorded when the call closed
            return
        heard = " ".join(
            (item.text_content or "")
            for item in handle.chat_items
            if isinstance(item, llm.ChatMessage) and item.role == "assistant"
        ).strip()
        full = self._reply_text.strip() or heard
        self._reply_text = ""
        if not full:
            return
        interrupted = handle.interrupted or not handle.done()
        ended = time.time()

        began = max(started - self._t0, 0.0)

        async def write(retry: bool) -> None:
            if retry and await self._written("interviewer", full, began) is not None:
                return
            await self._store.add_turn(
                self._interview_id,
                speaker="interviewer",
                text=full,
                started_at=began,
                ended_at=max(ended - self._t0, 0.0),
                interrupted=interrupted,
                heard_text=heard if interrupted else None,
            )

        self._jobs.put_nowait(write)

    def in_order(self, job: Callable[[], Awaitable[None]]) -> None:
        """Runs ``job`` on the writer after everything queued so far (e.g. a checkpoint save
        that must follow the turns it covers)."""

        async def run(_retry: bool) -> None:
            await job()

        self._jobs.put_nowait(run)

    async def _written(self, speaker: str, text: str, started_at: float) -> Turn | None:
        """The turn, if an attempt that seemed to fail had in fact stored it."""
        for turn in reversed(await self._store.list_turns(self._interview_id)):
            if (
                turn.speaker == speaker
                and turn.text == text
                and abs(turn.started_at - started_at) < 1e-3
            ):
                return turn
        return None

    # -- lifecycle ---------------------------------------------------------------------------
    async def _run(self) -> None:
        while (job := await self._jobs.get()) is not None:
            await self._attempt(job)

    async def _attempt(self, job: Job) -> None:
        """Runs one write; while the database is unreachable, retries it (in order: nothing
        queued behind it runs first) until it lands or `OUTAGE_BUFFER_S` has passed."""
        loop = asyncio.get_running_loop()
        give_up_at = loop.time() + OUTAGE_BUFFER_S
        delay = _RETRY_FIRST_S
        retry = False
        while True:
            try:
                await job(retry)
                if retry:
                    log.info("database back: turns of interview %s written", self._interview_id)
                return
            except Exception as exc:  # a failed write must not end the call; the id says which
                if not is_unavailable(exc) or loop.time() > give_up_at:
                    metrics.error("turn_write_failed")
                    log.error(
                        "turn write failed for interview %s (%s)",
                        self._interview_id,
                        type(exc).__name__,
                    )
                    return
                if not retry:
                    log.warning(
                        "database unreachable: turns of interview %s are kept until it is back",
                        self._interview_id,
                    )
                retry = True
                await asyncio.sleep(delay)
                delay = min(_RETRY_MAX_S, delay * 2)

    async def aclose(self) -> None:
        """Records speech still open, writes everything queued, then stops."""
        for handle in list(self._speaking):
            self._on_speech_done(handle)
        self._jobs.put_nowait(None)
        await self._writer
