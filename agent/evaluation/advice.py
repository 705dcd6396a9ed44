"""The three most useful improvements: specific, tied to the weakest dimensions, the answers
that showed the problem, and the reference points that were missed.

Each piece of advice names the question it comes from and what exactly was missing (a STAR
part, a number, the points a strong answer covers, the measured filler rate), so the
candidate knows what to change, not just which score was low.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from agent.interviewer.bank import QuestionType

from .models import DIMENSIONS, AnswerEvaluation, Dimension, QuestionForScoring

COUNT = 3
_QUESTION_CHARS = 70
_SHAPE: dict[QuestionType, str] = {
    "technical": "open with a one sentence answer, give your reasons, name a trade-off, and "
    "close with a rule of thumb",
    "system_design": "start from requirements and scale, then components, data model, and "
    "how it scales and fails",
    "case_study": "clarify the goal and check the data, break the problem into segments or "
    "hypotheses, then end with a recommendation and next steps",
    "hr": "answer directly, back it with one concrete example, and link it to this role",
    "behavioral": "tell one real story as Situation, Task, Action, Result",
}


def improvements(
    evaluations: Sequence[AnswerEvaluation],
    by_id: dict[str, QuestionForScoring],
    means: Sequence[tuple[Dimension, float | None]],
) -> tuple[str, ...]:
    """Exactly three distinct pieces of advice, the weakest dimension's first, spread over
    different questions where the interview allows."""
    order = sorted(
        (d for d, m in means if m is not None),
        key=lambda d: (dict(means)[d] or 0.0, DIMENSIONS.index(d)),
    )
    per_dimension = [list(_advice_for(d, evaluations, by_id)) for d in order]
    chosen: list[_Advice] = []
    for allow_repeat in (False, True):
        for depth in range(max((len(a) for a in per_dimension), default=0)):
            for advice in per_dimension:  # round robin: one per weak dimension before seconds
                if depth >= len(advice) or advice[depth] in chosen:
                    continue
                if allow_repeat or advice[depth][0] not in {q for q, _ in chosen}:
                    chosen.append(advice[depth])
    texts = [text for _, text in chosen]
    texts += [a for a in _fallbacks(evaluations, by_id) if a not in texts]
    return tuple(texts[:COUNT])


_Advice = tuple[str | None, str]
"""(the question it is about, or None for the whole interview; the advice)."""

_DEPTH_TIPS = {
    "no concrete example": "add one real example from your own work",
    "no numbers": "put a number on it: scale, latency, a percentage, time saved",
    "no trade-offs": "say what you traded off and which alternative you rejected",
    "no reasons": "say why you chose each step (because..., so that...)",
    "vague filler": "replace 'and stuff' or 'etc.' with the specific thing you mean",
}
_CLARITY_TIPS = {
    "too short": "give a complete answer of a few focused sentences, not a one-liner",
    "too long": "cut it to your three strongest points and stop",
    "run-on": "use short sentences, one idea each",
    "hedging": "drop hedges such as 'I guess' and 'not sure'; say what you would do",
    "repetition": "make each point once",
    "rambling": "leave out the parts that do not answer the question",
}


def _advice_for(
    dimension: Dimension,
    evaluations: Sequence[AnswerEvaluation],
    by_id: dict[str, QuestionForScoring],
) -> Iterator[_Advice]:
    ranked = sorted(
        (e for e in evaluations if e.question_id in by_id and e.score(dimension).gaps),
        key=lambda e: e.score(dimension).score or 0.0,
    )
    if dimension == "delivery":
        if ranked:
            yield None, _delivery(ranked)
        return
    for evaluation in ranked[:3]:
        question = by_id[evaluation.question_id]
        if dimension == "relevance":
            text = _relevance(evaluation, question)
        else:
            text = _specific(dimension, evaluation, question)
        if text:
            yield question.id, text


def _relevance(evaluation: AnswerEvaluation, question: QuestionForScoring) -> str:
    missed = [question.reference_points[i] for i in evaluation.missed_points[:3]]
    if not missed:
        return ""
    listed = "; ".join(missed)
    return (
        f'On "{_short(question.text)}" you missed what a strong answer covers: {listed}. '
        "Name each of these explicitly, with one sentence of why it matters."
    )


def _specific(
    dimension: Dimension, evaluation: AnswerEvaluation, question: QuestionForScoring
) -> str:
    score = evaluation.score(dimension)
    gaps = "; ".join(score.gaps[:3])
    where = f'On "{_short(question.text)}" ({score.score}/10 for {dimension})'
    if dimension == "structure":
        return f"{where}: {gaps}. Next time, {_SHAPE[question.type]}."
    tips = _DEPTH_TIPS if dimension == "depth" else _CLARITY_TIPS
    chosen = [tip for key, tip in tips.items() if any(g.startswith(key) for g in score.gaps)]
    todo = "; ".join(chosen[:3]) or "tighten it around the question"
    return f"{where}: {gaps}. Next time, {todo}."


def _delivery(ranked: Sequence[AnswerEvaluation]) -> str:
    gaps: list[str] = []
    for evaluation in ranked:
        gaps += [g for g in evaluation.score("delivery").gaps if g not in gaps]
    worst = ranked[0].score("delivery")
    tips = {
        "filler words": "replace fillers with a short silent pause",
        "speaking too fast": "slow down to about 140 words a minute",
        "speaking too slowly": "keep a steadier pace of about 130 to 160 words a minute",
        "slow to start answering": "start within a few seconds, even with 'let me outline my "
        "approach'",
        "long pauses": "signpost your next point instead of pausing in silence",
    }
    advice = "; ".join(tips[g] for g in gaps if g in tips)
    return f"Delivery ({worst.score}/10 at worst; {worst.rationale}): {advice}."


def _fallbacks(
    evaluations: Sequence[AnswerEvaluation], by_id: dict[str, QuestionForScoring]
) -> Iterator[str]:
    """Stretch advice when fewer than three real gaps were found (or nothing was answered)."""
    ranked = sorted((e for e in evaluations if e.question_id in by_id), key=lambda e: e.overall)
    for evaluation in ranked:
        question = by_id[evaluation.question_id]
        yield (
            f'On "{_short(question.text)}" ({evaluation.overall}/10), the strongest answers '
            f"{_SHAPE[question.type]}; rehearse it aloud once in that shape."
        )
    if not evaluations:
        yield "Answer every question: a skipped or empty answer scores zero on every dimension."
    yield "Prepare three stories from your own work, each with a number and a lesson learned."
    yield "Before each answer, take a breath and state your structure in one sentence."


def _short(text: str) -> str:
    if len(text) <= _QUESTION_CHARS:
        return text
    cut = text[:_QUESTION_CHARS].rsplit(" ", 1)[0]
    return cut + "..."
