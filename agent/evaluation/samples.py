"""Sample answers for the weakest questions, built offline from the question's reference points.

A sample shows the shape of a strong answer, not the candidate's words: a STAR skeleton for
behavioral questions (bracketed parts for the candidate's own story), signposted points for
technical ones, requirements-to-trade-offs for system design, clarify-analyse-recommend for
case studies, and answer-example-link for HR. It is always labelled as a sample.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .models import QuestionForScoring

SAMPLE_LABEL = "Sample answer: an illustration built from the points a strong answer covers"
_RESULT = re.compile(r"\b(?:result|outcome|impact|adopted|growth|progress)\b", re.I)
_REFLECT = re.compile(
    r"\b(?:learn\w*|lessons?|differently|next time|repeat|afterwards|later)\b", re.I
)
_TRADEOFF = re.compile(r"\b(?:trade-offs?|costs?|slows?|versus|risk|complexity|lock in)\b", re.I)
_META = re.compile(r"^(?:mentions|covers|shows|describes|explains|names)\s+", re.I)
_PERSON = {
    "they": "I", "their": "my", "them": "me", "themselves": "myself", "they're": "I'm",
    "theirs": "mine", "own": "own",
}  # fmt: skip
_ORDINALS = ("First", "Second", "Third", "Fourth", "Fifth")
_STEPS = ("First", "Then", "Next", "After that", "Finally")


@dataclass(frozen=True, slots=True)
class SampleAnswer:
    question_id: str
    question: str
    label: str
    text: str


def sample_answer(question: QuestionForScoring) -> SampleAnswer:
    points = [_first_person(p) for p in question.reference_points]
    builders = {
        "behavioral": _behavioral,
        "technical": _technical,
        "system_design": _system_design,
        "case_study": _case_study,
        "hr": _hr,
    }
    text = builders[question.type](points)
    return SampleAnswer(question.id, question.text, SAMPLE_LABEL, text)


def _first_person(point: str) -> str:
    point = _META.sub("", point.strip())
    return " ".join(_PERSON.get(w, w) for w in point.split())


def _behavioral(points: list[str]) -> str:
    situation, rest = points[0], points[1:]
    results = [p for p in rest if _RESULT.search(p) or _REFLECT.search(p)]
    actions = [p for p in rest if p not in results]
    steps = (
        " ".join(f"{_STEPS[i]} I [what you did] (cover: {p})." for i, p in enumerate(actions))
        if actions
        else "First I [what you did], then I [the next step you took]."
    )
    result = "As a result, [a measurable outcome: time saved, errors cut, people helped]."
    if results:
        result += f" (Cover: {'; '.join(results)}.)"
    return "\n".join(
        (
            "Situation: At [your company or project], [one or two sentences of context: who, "
            f"when, what was at stake]. (Cover: {situation}.)",
            "Task: My job was to [what you personally had to achieve, and by when].",
            f"Action: {steps}",
            f"Result: {result}",
            "Say 'I' for what you did, keep it to about two minutes, and end on the result.",
        )
    )


def _technical(points: list[str]) -> str:
    head, rest = points[0], points[1:]
    lines = [f"In short: {head}."]
    lines += [f"{_ORDINALS[i]}, {p}." for i, p in enumerate(rest)]
    if not any(_TRADEOFF.search(p) for p in points):
        lines.append("The trade-off I would name is [what this costs: speed, memory, complexity].")
    lines.append(
        "For example, in [a system you worked on] this mattered because [one concrete number "
        "or incident]. So my rule of thumb is [one sentence that sums it up]."
    )
    return " ".join(lines)


def _system_design(points: list[str]) -> str:
    lines = [
        "First I'd clarify requirements and scale: [how many users, requests per second, data "
        "size, read or write heavy, latency and availability targets].",
        "Then the high level design, step by step:",
    ]
    lines += [f"{_ORDINALS[i]}, {p}." for i, p in enumerate(points)]
    lines.append(
        "For each choice I'd say why, and what it costs. Finally I'd sum up the design and name "
        "the first bottleneck I expect as traffic grows, and how I'd handle it."
    )
    return " ".join(lines)


def _case_study(points: list[str]) -> str:
    steps = "; ".join(f"{_ORDINALS[i].lower()}, {p}" for i, p in enumerate(points))
    return (
        "I'd start by clarifying the goal and how we will measure success. Then I'd work "
        f"through it step by step: {steps}. At each step I'd say what I expect to find and why, "
        "with rough numbers, and I'd close with a recommendation, the main risk, and the next "
        "steps with owners."
    )


def _hr(points: list[str]) -> str:
    return (
        f"[Answer directly in one sentence, showing {points[0]}.] For example, [one specific "
        "situation from your experience, with a number or an outcome]. [Make sure the answer "
        f"covers: {'; '.join(points[1:])}.] [Close by linking it to this role and what you "
        "would bring to the team.]"
    )
