"""A finished interview, evaluated: its answers read from the interviewer's state, scored
offline (and by the LLM judge when a client is given), and the report built over them.

The answer to a main question is everything the candidate said while it was current (the
answer itself and the answers to its follow-ups), one turn per line, without pure commands
("repeat the question", "skip", "end the interview") or bare requests to clarify. Every main
question asked is evaluated, so a skipped or unanswered one scores zero: a weak interview
gets a weak report. Delivery is the sum of the turns' measurements where the voice pipeline
recorded them (a ``delivery`` entry on the turn); typed answers have none.

Only `evaluate_interview` with a client talks to anything; the rest is pure and blocking
(the offline scorer embeds sentences): async code runs it through `evaluate_interview`,
which moves it to a worker thread.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from agent.interviewer.bank import QuestionType
from agent.interviewer.intents import COMMAND_MAX_WORDS, command, is_confused
from agent.interviewer.logistics import logistics_question
from agent.interviewer.signals import Delivery
from agent.llm import LlmClient
from agent.understanding.embeddings import Embedder
from agent.understanding.lang import words

from .judge import judge_answer
from .models import AnswerEvaluation, QuestionForScoring
from .report import Report, build_report
from .scorer import evaluate_answer

Scorer = Literal["offline", "llm"]
# Answers judged at once: a report is a handful of answers, a provider's rate limit is not.
JUDGE_CONCURRENCY = 3


class UnreadableStateError(ValueError):
    """The stored state is not an interviewer state this code can read (no plan or turns)."""


class _View(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class _Question(_View):
    id: str
    type: QuestionType
    text: str
    reference_points: list[str]
    topics: list[str] = []
    jd_snippets: list[str] = []


class _Turn(_View):
    speaker: Literal["interviewer", "candidate"]
    text: str
    question_id: str | None = None
    delivery: Delivery | None = None  # validated into the interviewer's own type


class _State(_View):
    """The parts of `agent.interviewer.state.InterviewState` that feedback reads."""

    plan: list[_Question]
    asked: list[str]
    deferred: list[str] = []
    """Questions put off to come back to; one still waiting is out of ``asked``."""
    turns: list[_Turn]


@dataclass(frozen=True, slots=True)
class InterviewAnswer:
    question: QuestionForScoring
    position: int
    """The order the question was asked in, from 0."""
    text: str
    """The candidate's turns on the question, one per line; empty when nothing was said."""
    delivery: Delivery | None


@dataclass(frozen=True, slots=True)
class InterviewEvaluation:
    answers: tuple[InterviewAnswer, ...]
    evaluations: tuple[AnswerEvaluation, ...]
    """One per answer, in the same order."""
    judged: tuple[bool, ...]
    """Per answer: whether the LLM judge's scores stand (else the offline scorer's)."""
    report: Report

    @property
    def scorer(self) -> Scorer:
        """``llm`` when the judge scored at least one answer."""
        return "llm" if any(self.judged) else "offline"


def answers_of(state: Mapping[str, object]) -> tuple[InterviewAnswer, ...]:
    """Each main question asked, in order, with the candidate's answer to it."""
    try:
        view = _State.model_validate(state)
    except ValidationError:
        # The error would quote the state, and with it the transcript.
        raise UnreadableStateError("not an interviewer state") from None
    plan = {q.id: q for q in view.plan}
    # A question put off and never asked again was asked once: it is reported unanswered.
    asked = [qid for qid in dict.fromkeys([*view.asked, *view.deferred]) if qid in plan]
    out: list[InterviewAnswer] = []
    for position, qid in enumerate(asked):
        turns = [
            t
            for t in view.turns
            if t.speaker == "candidate" and t.question_id == qid and not is_command(t.text)
        ]
        text = "\n".join(t.text.strip() for t in turns if t.text.strip())
        question = _for_scoring(plan[qid])
        out.append(
            InterviewAnswer(question, position, text, _delivery([t.delivery for t in turns]))
        )
    return tuple(out)


def is_command(text: str) -> bool:
    """A turn that only steers the conversation ("repeat that", "skip", "what do you mean?",
    "how many questions are left?")."""
    if command(text) is not None or logistics_question(text) is not None:
        return True
    return len(words(text)) <= COMMAND_MAX_WORDS and is_confused(text)


def evaluate_offline(
    state: Mapping[str, object], *, embedder: Embedder | None = None
) -> InterviewEvaluation:
    """The interview scored by the offline scorer alone. Blocking."""
    answers = answers_of(state)
    evaluations = _score_offline(answers, embedder)
    return _evaluation(answers, evaluations, (False,) * len(answers))


async def evaluate_interview(
    state: Mapping[str, object],
    client: LlmClient | None = None,
    *,
    embedder: Embedder | None = None,
) -> InterviewEvaluation:
    """The interview scored offline and, with ``client``, by the judge where it succeeds.

    Raises `UnreadableStateError` for a state that is not an interviewer's.
    """
    answers = answers_of(state)
    offline = await asyncio.to_thread(_score_offline, answers, embedder)
    if client is None:
        judged: Sequence[AnswerEvaluation | None] = [None] * len(answers)
    else:
        judged = await _judge_all(client, answers, offline)
    evaluations = tuple(j or o for j, o in zip(judged, offline, strict=True))
    flags = tuple(j is not None for j in judged)
    return await asyncio.to_thread(_evaluation, answers, evaluations, flags)


def _score_offline(
    answers: Sequence[InterviewAnswer], embedder: Embedder | None
) -> tuple[AnswerEvaluation, ...]:
    return tuple(
        evaluate_answer(a.question, a.text, a.delivery, embedder=embedder) for a in answers
    )


async def _judge_all(
    client: LlmClient,
    answers: Sequence[InterviewAnswer],
    offline: Sequence[AnswerEvaluation],
) -> list[AnswerEvaluation | None]:
    gate = asyncio.Semaphore(JUDGE_CONCURRENCY)

    async def one(answer: InterviewAnswer, evaluation: AnswerEvaluation) -> AnswerEvaluation | None:
        async with gate:
            return await judge_answer(client, answer.question, answer.text, evaluation)

    async with asyncio.TaskGroup() as group:
        tasks = [
            group.create_task(one(a, e), name=f"judge-{a.question.id}")
            for a, e in zip(answers, offline, strict=True)
        ]
    return [task.result() for task in tasks]


def _evaluation(
    answers: tuple[InterviewAnswer, ...],
    evaluations: tuple[AnswerEvaluation, ...],
    judged: tuple[bool, ...],
) -> InterviewEvaluation:
    report = build_report(evaluations, [a.question for a in answers])
    return InterviewEvaluation(answers, evaluations, judged, report)


def _for_scoring(q: _Question) -> QuestionForScoring:
    return QuestionForScoring(
        id=q.id,
        text=q.text,
        type=q.type,
        reference_points=tuple(q.reference_points),
        topics=tuple(q.topics),
        jd_snippets=tuple(q.jd_snippets),
    )


def _delivery(measured: Sequence[Delivery | None]) -> Delivery | None:
    """One answer's delivery over its turns: times and counts add up, the longest pause is
    the longest of any turn, and the time to start is the first turn's."""
    found = [d for d in measured if d is not None]
    if not found:
        return None
    return Delivery(
        speech_s=sum(d.speech_s for d in found),
        duration_s=sum(d.duration_s for d in found),
        time_to_start_s=found[0].time_to_start_s,
        longest_pause_s=max(d.longest_pause_s for d in found),
        filler_count=sum(d.filler_count for d in found),
        word_count=sum(d.word_count for d in found),
    )
