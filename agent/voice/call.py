"""One interview call: a livekit-agents `AgentSession` bridged to a transport's audio.

The call is the `CallLine` a transport (`transport.py`) talks to: candidate PCM goes in
through `push_audio`, interviewer PCM comes out through `pull_audio` on the transport's
media clock, and `CallEvent`s go to the transport's control channel. The session owner
(`agent.sessions.session`) builds it, attaches the transport and decides what the end
means for the interview (``on_end``); the call itself writes no status.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Literal
from uuid import UUID

from livekit.agents import llm
from livekit.agents import stt as lk_stt
from livekit.agents.voice import Agent, AgentSession
from livekit.agents.voice.events import (
    AgentStateChangedEvent,
    ConversationItemAddedEvent,
    SpeechCreatedEvent,
    UserInputTranscribedEvent,
    UserStateChangedEvent,
)
from livekit.agents.voice.transcription import TranscriptSynchronizer

from ..interviewer import Interviewer
from ..interviewer.pace import pace_of, speed
from ..interviewer.signals import Delivery
from ..interviewer.state import InterviewState
from ..plugins import SpeechModels
from ..plugins.livekit_tts import BackendTTS, CallVoice, sentence_stream, sentences
from ..plugins.streaming_stt import StreamingWhisperSTT
from ..store.interviews import InterviewStore
from .audio_input import FrameQueueInput
from .backchannel import OverlapFilter
from .brain import CallBrain
from .captions import CaptionOutput
from .delivery import DeliveryTracker
from .events import CallEnded, CallEvent, StateChanged, TranscriptUpdated
from .interviewer_llm import InterviewerLLM
from .playout import OUTPUT_SAMPLE_RATE, PlayoutSink
from .speech_ahead import known_sentences
from .term_guesses import term_guesses
from .transport import Pcm16
from .turn_end import AnswerEndDetector
from .turns import TurnRecorder
from .vocabulary import hear_terms, hotwords

log = logging.getLogger(__name__)

EndReason = Literal["completed", "candidate_ended", "disconnected", "shutdown", "failed"]
"""Why a call ended: the interviewer closed the interview, the candidate ended it, the line
dropped, the server is stopping, or the call broke."""


@dataclass(frozen=True, slots=True)
class CallSetup:
    interview_id: UUID
    role: str
    level: str
    interview_type: str
    max_questions: int = 5
    started_at: float | None = None
    """When the interview first started (epoch seconds): the clock of its turns and of its
    time budget across calls. None: it starts with this call."""
    silence_prompt_s: float | None = 15.0
    """Seconds of silence from both sides after which the interviewer offers time (twice at
    most per question); None: never."""


# Endpointing: a finished-sounding answer is taken 0.1 s after the candidate stops (plus the
# VAD's silence and the last piece's transcription); one that trails off ("…and", "let me
# think") waits 3.5 s for them to go on.
# Barge-in: 0.12 s of candidate speech over the interviewer *pauses* it (it stops at once); a
# transcript then makes it a real interruption, while a cough (no words) or a backchannel
# ("mm-hmm", dropped by `OverlapFilter`) brings none, and the interviewer resumes where it
# paused 0.8 s after the sound ends.
_TURN_HANDLING: dict[str, object] = {
    "turn_detection": AnswerEndDetector(),
    "endpointing": {"min_delay": 0.1, "max_delay": 3.5},
    "interruption": {
        "enabled": True,
        "mode": "vad",
        "min_duration": 0.12,
        "min_words": 0,
        "resume_false_interruption": True,
        "false_interruption_timeout": 0.8,
    },
    "preemptive_generation": {"enabled": False},
}


class InterviewCall:
    """Owns the session, its recorder and its end; `aclose()` releases everything once."""

    def __init__(
        self,
        setup: CallSetup,
        speech: SpeechModels,
        store: InterviewStore,
        emit: Callable[[CallEvent], None],
        brain: CallBrain | None = None,
        *,
        output_rate: int = OUTPUT_SAMPLE_RATE,
        echo_guard_s: float | None = None,
        on_end: Callable[[EndReason], Awaitable[None]] | None = None,
    ) -> None:
        self.setup = setup
        self.audio_input = FrameQueueInput()
        self.playout = PlayoutSink(sample_rate=output_rate)
        self._speech = speech
        self._store = store
        self._emit = emit
        self._t0 = setup.started_at if setup.started_at is not None else time.time()
        self._brain = brain or CallBrain(
            Interviewer(
                setup.role, setup.level, setup.interview_type, max_questions=setup.max_questions
            )
        )
        self._delivery = DeliveryTracker()
        # This call's voice: the process's, at the speed the candidate asked for.
        shared = speech.tts
        self._voice: CallVoice | None = (
            CallVoice(shared, self._brain.interviewer.speaking_speed)
            if isinstance(shared, BackendTTS)
            else None
        )
        # The time budget runs on interview time: where the saved state left it, then this
        # call's wall time (time away between calls is not counted in full).
        joined = time.time()
        resumed_at = self._brain.elapsed_at(joined)
        self._llm = InterviewerLLM(
            self._brain.interviewer,
            client=self._brain.client,
            resume=self._brain.resuming,
            delivery_for=self._delivery_of,
            elapsed=lambda: resumed_at + time.time() - joined,
            acknowledge=True,
            ready_to_play=self._ready_to_play,
        )
        self._recorder = TurnRecorder(store, setup.interview_id, call_started_at=self._t0)
        self._session: AgentSession[None] | None = None
        self._stt: lk_stt.STT[Any] | None = None
        self._sync: TranscriptSynchronizer | None = None
        self._agent_state = "initializing"
        self._user_state = "listening"
        self._ending: asyncio.Task[None] | None = None
        self._ahead: asyncio.Task[int] | None = None
        """Pre-synthesis of what the interviewer will probably say (`speech_ahead`)."""
        self._started = False
        self._silence_prompts = 0  # said since the candidate last spoke
        self._overlap = False
        """The candidate's current utterance began while the interviewer was talking."""
        self._hotwords_for: tuple[tuple[int, int], str] = ((-1, -1), "")
        self.ended = asyncio.Event()
        self._echo_guard_s = echo_guard_s
        self._on_end = on_end
        """Awaited once when a started call ends, before the candidate is told it ended."""

    async def start(self) -> None:
        self._stt = self._speech.stt_for_call(
            self._hotwords,
            OverlapFilter(self._heard, lambda: self._overlap),
            overlapping=lambda: self._overlap,
            guesses=term_guesses,
        )
        session: AgentSession[None] = AgentSession(
            stt=self._stt,
            tts=sentence_stream(self._voice or self._speech.tts),
            vad=self._speech.vad,
            llm=self._llm,
            turn_handling=_TURN_HANDLING,  # type: ignore[arg-type]
            user_away_timeout=self.setup.silence_prompt_s,
            aec_warmup_duration=self._echo_guard_s,
        )
        sync = TranscriptSynchronizer(
            next_in_chain_audio=self.playout, next_in_chain_text=CaptionOutput(self._emit)
        )
        session.input.audio = self.audio_input
        session.output.audio = sync.audio_output
        session.output.transcription = sync.text_output
        self._sync = sync  # its segment tasks are ours to close (`_end`)
        self.playout.on_first_audio = self._recorder.on_first_audio
        self._llm.on_reply = self._recorder.on_reply_text
        self._llm.on_state = self._on_state
        self._llm.on_ack = self._on_ack
        session.on("conversation_item_added", self._on_item_added)
        session.on("speech_created", self._on_speech_created)
        session.on("user_input_transcribed", self._on_transcribed)
        session.on("agent_state_changed", self._on_agent_state)
        session.on("user_state_changed", self._on_user_state)
        self._session = session
        self._started = True
        await session.start(Agent(instructions="Mock interviewer"), record=False)
        session.generate_reply()
        self._speak_ahead()
        log.info("call started for interview %s", self.setup.interview_id)

    def _speak_ahead(self) -> None:
        """Makes the audio of what will probably be said next (`speech_ahead`): at the start,
        and again after each decision, as the interview moves on to later questions (the
        sentences made already are skipped). One run at a time."""
        if self._ahead is not None and not self._ahead.done():
            return
        voice = self._voice
        if voice is not None and voice.cache is not None:
            texts = known_sentences(self._brain.interviewer)
            self._ahead = asyncio.create_task(
                voice.presynthesize(texts), name=f"speak-ahead-{self.setup.interview_id}"
            )
            self._ahead.add_done_callback(_log_ahead_failure)

    def _ready_to_play(self, text: str) -> bool:
        """Whether ``text``'s first sentence is in the speech cache (plays at once)."""
        cache = self._voice.cache if self._voice is not None else None
        if cache is None:
            return False
        first = next(iter(sentences(text)), None)
        return first is not None and first in cache

    def _on_ack(self, ack: str) -> None:
        """The reply opens with ``ack``: its substantive words go out once ``ack`` has played
        (timed for the turn's latency record)."""
        self._recorder.opened_with_ack()
        seconds = self._voice.played_seconds(ack) if self._voice is not None else None
        if seconds is not None:
            self.playout.notify_at(seconds, self._recorder.on_substantive_audio)

    def _heard(self, text: str) -> str:
        """A transcript with the interview's technical terms written as such (`hear_terms`)."""
        return hear_terms(text, self._hotwords())

    def _hotwords(self) -> str:
        interviewer = self._brain.interviewer
        key = (interviewer.question_index, len(interviewer.turns))
        if self._hotwords_for[0] != key:
            self._hotwords_for = (key, hotwords(interviewer))
        return self._hotwords_for[1]

    # -- the line a transport talks to ------------------------------------------------------
    def push_audio(self, pcm: Pcm16, sample_rate: int) -> None:
        self.audio_input.push_pcm(pcm, sample_rate)

    def pull_audio(self, n_samples: int) -> Pcm16 | None:
        return self.playout.pull(n_samples)

    def end_interview(self) -> None:
        self.end_soon("candidate_ended")

    # -- session events (synchronous callbacks) ---------------------------------------------
    def _on_item_added(self, ev: ConversationItemAddedEvent) -> None:
        item = ev.item
        if isinstance(item, llm.ChatMessage) and item.role == "user":
            self._silence_prompts = 0
            heard = self._stt
            tail = heard.timings.tail_s if isinstance(heard, StreamingWhisperSTT) else None
            self._recorder.on_candidate_message(item, asr_tail_s=tail)

    def _on_speech_created(self, ev: SpeechCreatedEvent) -> None:
        self._recorder.on_speech_created(ev.speech_handle)
        ev.speech_handle.add_done_callback(lambda _h: self._after_speech())

    def _after_speech(self) -> None:
        if self._llm.finished and self._ending is None:
            self.end_soon("completed")

    def _on_transcribed(self, ev: UserInputTranscribedEvent) -> None:
        if ev.transcript.strip():
            self._emit(TranscriptUpdated("candidate", ev.transcript.strip(), ev.is_final))

    def _on_state(self, state: InterviewState) -> None:
        if self._voice is not None:  # the reply decided with it is spoken at its speed
            self._voice.speed = speed(pace_of(state))
        interview_id = self.setup.interview_id
        self._recorder.in_order(lambda: self._brain.save(interview_id, state))
        if self._ending is None:
            self._speak_ahead()  # read here, under the decision's lock, on the loop

    def _delivery_of(self, message: llm.ChatMessage) -> Delivery:
        stopped = message.metrics.get("stopped_speaking_at", message.created_at)
        started = message.metrics.get("started_speaking_at", stopped)
        return self._delivery.measure(message.text_content or "", started, stopped)

    def _on_agent_state(self, ev: AgentStateChangedEvent) -> None:
        self._delivery.on_agent_state(ev.new_state, ev.created_at)
        self._agent_state = ev.new_state
        self._emit(StateChanged(self._agent_state, self._user_state))

    def _on_user_state(self, ev: UserStateChangedEvent) -> None:
        if ev.new_state == "speaking":
            self._overlap = self._agent_state == "speaking"
        self._delivery.on_user_state(ev.new_state, ev.created_at)
        self._user_state = ev.new_state
        if ev.new_state == "away":
            self._prompt_after_silence()
        self._emit(StateChanged(self._agent_state, self._user_state))

    def _prompt_after_silence(self) -> None:
        """Both sides went quiet (livekit's "away"): offer time, then check in, then wait."""
        session = self._session
        if session is None or self._ending is not None or self._agent_state != "listening":
            return
        text = self._brain.interviewer.silence_prompt(self._silence_prompts)
        if text is None:
            return
        self._silence_prompts += 1
        session.reset_away_timer()  # "listening" again, so a further silence is noticed
        self._delivery.on_prompt()
        session.say(text, allow_interruptions=True)

    # -- ending -------------------------------------------------------------------------------
    def end_soon(self, reason: EndReason) -> asyncio.Task[None]:
        """Starts ending the call (idempotent); the returned task completes when it has ended."""
        if self._ending is None:
            self._ending = asyncio.create_task(
                self._end(reason), name=f"end-call-{self.setup.interview_id}"
            )
        return self._ending

    async def _end(self, reason: EndReason) -> None:
        try:
            if self._ahead is not None:
                self._ahead.cancel()
                await asyncio.gather(self._ahead, return_exceptions=True)
            self.audio_input.end_input()
            if self._session is not None:
                await self._session.aclose()
            if self._sync is not None:
                await self._sync.aclose()
            await self._recorder.aclose()
            await self._llm.aclose()
            await self._brain.aclose()
            if self._started and self._on_end is not None:
                await self._on_end(reason)
        except Exception:
            log.exception("ending call for interview %s failed", self.setup.interview_id)
        finally:
            if self._started:
                self._emit(CallEnded(str(self.setup.interview_id), reason))
            self.ended.set()
            log.info("call ended for interview %s (%s)", self.setup.interview_id, reason)

    async def aclose(self, reason: EndReason = "shutdown") -> None:
        await self.end_soon(reason)


def _log_ahead_failure(task: asyncio.Task[int]) -> None:
    """A failed pre-synthesis costs only speed: those sentences are made when said."""
    if not task.cancelled() and (exc := task.exception()) is not None:
        log.warning("pre-synthesis failed (%s)", type(exc).__name__)
