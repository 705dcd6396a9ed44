"""One candidate's interview: a synchronous facade over the compiled interview graph.

The graph is compiled once per process and holds no state; each ``Interviewer`` keeps its
own ``InterviewState`` (plain JSON data) and passes it in whole on every turn, so no
checkpointer is needed on the hot path of a live call. The state can be stored anywhere
(``snapshot()``) and picked up again after a restart (``from_snapshot``).

Blocking: a reply assesses the answer with a sentence-embedding model. Call it through
``asyncio.to_thread`` from async code.
"""

from __future__ import annotations

import copy
import random
from functools import lru_cache
from typing import TYPE_CHECKING, cast

from agent.understanding import CandidateProfile, JobDescription

if TYPE_CHECKING:  # the model reading imports the provider layer; a plain reply needs none
    from .model_reading import ModelReading

from . import analysis, phrases, planner
from .bank import select_questions, validate_choice
from .directive import Directive, from_data
from .graph import Graph, build_graph
from .grounding import Grounding, GroundingSummary, empty_summary, summarize
from .pace import pace_of, speed
from .planner import PlannedQuestion
from .policy import MAX_FOLLOW_UPS, current, question_total
from .relevance import QuestionContext
from .setup import InterviewSetup, Length
from .signals import Delivery
from .state import (
    InterviewState,
    Policy,
    ReadingData,
    Turn,
    check_version,
    delivery_data,
    initial_state,
    setup_of,
)


@lru_cache(maxsize=1)
def _graph() -> Graph:
    return build_graph()


def _seed(seed: int | None) -> int:
    return random.SystemRandom().randrange(2**31) if seed is None else seed


class Interviewer:
    """Asks the planned questions one per turn, in spoken form, with follow-ups.

    ``reply(None)`` opens the interview; every later call passes the candidate's words and
    returns what the interviewer says next. The constructor makes a bank-only interview of
    ``max_questions`` questions asked in a fixed order; ``create`` plans one from an
    ``InterviewSetup``, grounded in a resume profile and a job description, and adapts the
    difficulty as it goes. Raises ``ValueError`` for an unknown role, level or type.
    """

    def __init__(
        self,
        role: str,
        level: str,
        interview_type: str,
        max_questions: int = 5,
        seed: int | None = None,
    ) -> None:
        lv, it = validate_choice(role, level, interview_type)
        if max_questions < 1:
            raise ValueError("max_questions must be at least 1")
        seed = _seed(seed)
        setup = InterviewSetup(
            role=role, level=lv, interview_type=it, length=Length(value=max_questions)
        )
        questions = select_questions(role, lv, it, max_questions, seed)
        policy: Policy = {"adaptive": False, "max_follow_ups": MAX_FOLLOW_UPS}
        self._reading: ReadingData | None = None
        self._state: InterviewState = initial_state(
            setup,
            [planner.from_bank(q, lv) for q in questions],
            grounding=empty_summary(),
            policy=policy,
            difficulty=planner.default_difficulty(lv),
            variety=seed,
        )
        _graph()  # compile once, here rather than on the first (latency-sensitive) reply

    @classmethod
    def create(
        cls,
        setup: InterviewSetup,
        *,
        profile: CandidateProfile | None = None,
        job: JobDescription | None = None,
        seed: int | None = None,
    ) -> Interviewer:
        """A planned, adaptive interview. Blocking: embeds the plan against ``job``."""
        seed = _seed(seed)
        grounding = Grounding(profile=profile, job=job)
        policy: Policy = {"adaptive": True, "max_follow_ups": MAX_FOLLOW_UPS}
        state = initial_state(
            setup,
            planner.plan(setup, grounding, seed),
            grounding=summarize(grounding),
            policy=policy,
            difficulty=planner.default_difficulty(setup.level),
            variety=seed,
        )
        return cls._with_state(state)

    @classmethod
    def from_snapshot(cls, state: InterviewState) -> Interviewer:
        """The interview as ``snapshot()`` left it (also after a JSON round trip).
        Raises ``ValueError`` for a state of another schema version."""
        checked = check_version(copy.deepcopy(state))
        setup_of(checked)  # validates the stored setup
        return cls._with_state(checked)

    @classmethod
    def _with_state(cls, state: InterviewState) -> Interviewer:
        interviewer = cls.__new__(cls)
        interviewer._state = state
        interviewer._reading = None
        _graph()
        return interviewer

    def prepare(self) -> None:
        """Embeds the question side of the whole plan (each question, its reference points and
        a pending follow-up) into the shared cache, so that a reply embeds only the answer.
        Blocking, once per process and text: a restored plan costs cache look-ups only. Not
        called by the constructors: an adaptive plan holds three questions per one asked, and
        embedding each text alone costs seconds on two cores (see bench_interviewer)."""
        for q in self._state["plan"]:
            analysis.prepare(planner.context(q))
        self.prepare_current()

    def prepare_current(self) -> None:
        """Embeds the question side of what the candidate is answering now (the question or
        its pending follow-up), so the reply to it embeds only the answer: about 0.15 s less
        on two cores for each question's first answer. Blocking; cache look-ups once done."""
        if (now := self.current_context()) is not None:
            analysis.prepare(now)

    def reply(
        self,
        candidate_text: str | None,
        *,
        delivery: Delivery | None = None,
        elapsed_s: float | None = None,
        reading: ModelReading | None = None,
    ) -> str:
        """The interviewer's next utterance. ``None`` opens the interview (greeting and first
        question); once the interview is over, every reply is a short goodbye. ``elapsed_s``
        (seconds since the interview started) drives a time-boxed interview. ``reading``: a
        language model's reading of the answer (`model_reading.read_with_model`), which
        refines the offline one; None leaves the offline rules to decide."""
        if candidate_text is None and self._state["phase"] != "greeting":
            candidate_text = ""  # silence mid-interview: treated as an empty answer
        self._reading = None if reading is None else cast(ReadingData, reading.model_dump())
        try:
            return self._run(candidate_text, delivery=delivery, elapsed_s=elapsed_s, resuming=False)
        finally:
            self._reading = None

    def current_context(self) -> QuestionContext | None:
        """What the candidate is answering now (the main question and any pending follow-up),
        as answer analysis sees it; None when no question is waiting."""
        q = current(self._state)
        if q is None or self._state["phase"] != "asking":
            return None
        pending = self._state["pending"]
        return planner.context(q, f"{q['text']} {pending}" if pending else None, pending)

    def resume(self, *, elapsed_s: float | None = None) -> str:
        """A "welcome back" and the current question (or follow-up) again, after a dropped
        call or a reload; the opening if the interview never started; once over, goodbye.
        ``elapsed_s`` starts a timed interview's clock when this is its opening."""
        if self._state["phase"] == "greeting":
            return self.reply(None, elapsed_s=elapsed_s)
        return self._run(None, delivery=None, elapsed_s=None, resuming=True)

    def silence_prompt(self, count: int) -> str | None:
        """What to say after the candidate stayed silent for the ``count``-th time (0-based)
        since their last answer: None when nothing should be said (more than two prompts, or
        no question is waiting). The interview itself does not move."""
        if count > 1 or self._state["phase"] != "asking":
            return None
        return phrases.silence_prompt(self.setup.persona.tone, count)

    def _run(
        self,
        text: str | None,
        *,
        delivery: Delivery | None,
        elapsed_s: float | None,
        resuming: bool,
    ) -> str:
        state: InterviewState = {
            **self._state,
            "candidate_text": text,
            "resuming": resuming,
            "delivery": delivery_data(delivery),
            "reading": self._reading,
        }
        if elapsed_s is not None:
            state["elapsed_s"] = elapsed_s
        out = cast(InterviewState, _graph().invoke(state))
        self._state = {**out, "resuming": False}
        return self._state["last_reply"]

    @property
    def setup(self) -> InterviewSetup:
        return setup_of(self._state)

    @property
    def grounding(self) -> GroundingSummary:
        return copy.deepcopy(self._state["grounding"])

    @property
    def last_directive(self) -> Directive:
        """What the latest reply did, for a language model to phrase. Raises
        ``RuntimeError`` before the first reply."""
        data = self._state["directive"]
        if data is None:
            raise RuntimeError("the interviewer has not replied yet")
        return from_data(data)

    @property
    def elapsed_s(self) -> float | None:
        """Interview seconds as of the latest reply (None before the opening)."""
        return self._state["elapsed_s"]

    @property
    def finished(self) -> bool:
        return self._state["phase"] == "done"

    @property
    def speaking_speed(self) -> float:
        """How fast the voice speaks now, as a factor of its own speed (the candidate may
        have asked for slower or faster: `pace`)."""
        return speed(pace_of(self._state))

    @property
    def question_index(self) -> int:
        """0-based index of the main question being asked; once finished, how many were
        moved past (an interview ended early stays on the question it ended on)."""
        return self._state["index"]

    @property
    def question_count(self) -> int:
        """How many main questions the interview plans to ask (a time-boxed one: about)."""
        return question_total(self._state) or self.setup.length.main_questions

    @property
    def questions(self) -> list[PlannedQuestion]:
        """The main questions asked so far, in order; for a fixed-order interview (the
        constructor's) also those still to come."""
        by_id = {q["id"]: q for q in self._state["plan"]}
        asked = [copy.deepcopy(by_id[i]) for i in self._state["asked"]]
        if self._state["policy"]["adaptive"]:
            return asked
        rest = [q for q in self._state["plan"] if q["id"] not in self._state["asked"]]
        return asked + copy.deepcopy(rest)

    @property
    def turns(self) -> list[Turn]:
        return list(self._state["turns"])

    def snapshot(self) -> InterviewState:
        """A copy of the full graph state, to inspect, persist or ``restore`` later."""
        return copy.deepcopy(self._state)

    def restore(self, snapshot: InterviewState) -> None:
        """Rewinds to a ``snapshot`` (used to discard a reply that was never delivered)."""
        self._state = copy.deepcopy(snapshot)
