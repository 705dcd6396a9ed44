"""Probes for a vague answer: one question for the specific thing it lacks, in the persona's tone.

A vague answer talks about how one usually is, or pads with the question's own words, and
leaves out a real situation, the candidate's own part, the result or the numbers
(`agent.understanding.specifics`). The probe asks for the first of those that is missing, in
the order an interviewer would: for a story the situation first, for a knowledge question how
it works in practice. A strict interviewer cuts a long padded answer short and asks for
numbers; a friendly one asks gently.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from agent.understanding.lang import words
from agent.understanding.specifics import Part

from .bank import QuestionType
from .setup import Tone

# Words after which a strict interviewer cuts a vague answer short.
PADDING_WORDS = 40
_ORDER: dict[str, tuple[Part, ...]] = {
    "story": ("situation", "own_part", "result", "numbers", "actions"),
    "knowledge": ("actions", "numbers", "situation", "result", "own_part"),
}
_PROBES: dict[Tone, dict[Part, tuple[str, ...]]] = {
    "friendly": {
        "situation": ("Could you pick one specific time this happened, and tell me where you "
                      "were and what was at stake?",
                      "Could you walk me through one real occasion, from the beginning?"),
        "own_part": ("What did you do yourself there, step by step?",
                     "Which part of that was yours?"),
        "result": ("How did it turn out in the end?", "What changed because of it?"),
        "numbers": ("Could you put a number on it, how big, how long or how much better?",
                    "Do you remember roughly how much it changed?"),
        "actions": ("Could you make it concrete, how would it work step by step in a real "
                    "case?",),
    },
    "neutral": {
        "situation": ("Which specific situation are you thinking of? Tell me when it was and "
                      "what was at stake.", "Can you give me one concrete occasion when that "
                      "happened?"),
        "own_part": ("What was your own part in it, as opposed to the team's?",
                     "What did you personally do?"),
        "result": ("What was the result?", "How did it end?"),
        "numbers": ("What numbers can you put on it?", "How big was the effect, roughly?"),
        "actions": ("How would that work concretely, step by step?",
                    "Can you take me through a concrete case?"),
    },
    "strict": {
        "situation": ("Give me one real example: when, where, and what was at stake.",
                      "Name one real occasion. When was it?"),
        "own_part": ("What exactly did you do yourself?", "Your part, specifically?"),
        "result": ("What was the result, in numbers?", "What was the outcome?"),
        "numbers": ("I need numbers. How much, how many, how fast?",
                    "Put a number on it."),
        "actions": ("Be specific. What exactly happens, step by step, and what would you "
                    "measure?", "Concretely: what are the steps?"),
    },
}  # fmt: skip
# A question about the candidate's views ("what motivates you?") asks for no situation: a
# vague answer to it is asked for an example of it instead.
_OPINION_SITUATION: dict[Tone, tuple[str, ...]] = {
    "friendly": ("Could you give me an example from your own experience that shows it?",),
    "neutral": ("Can you give me a concrete example of that from your own experience?",
                "What's one real example of that from your own experience?"),
    "strict": ("Give me one real example of that.",),
}  # fmt: skip
# A question about the candidate's plans ("what would you want to achieve in your first three
# months?"): a vague answer is asked to make the plan concrete, not for a past example.
_PLAN_SITUATION: dict[Tone, tuple[str, ...]] = {
    "friendly": ("What would that look like in practice? Could you name one concrete thing "
                 "you'd do?",),
    "neutral": ("What would that look like concretely? Name one thing you'd actually do.",
                "Can you make that concrete: what's one goal you'd set yourself?"),
    "strict": ("Be concrete: name one thing you would do, and how you would know it worked.",),
}  # fmt: skip
_ABOUT_PLANS = re.compile(
    r"\b(if you (joined|were to join|got|get|start)|see yourself|years? from now|hope to|hoping to"
    r"|(want|like|plan|expect) to (achieve|accomplish|learn|do|be doing|have done)"
    r"|(first|next) (few |two |three |six |\w+ )?(days|weeks|months|years?)"
    r"|make (it|this|the \w+) (feel like )?a success|would make you feel)\b",
    re.I,
)
# A question that asks for an amount ("what are your salary expectations?"): numbers first.
_ASKS_AMOUNT = re.compile(r"\b(salary|how much|how many|range|pay|compensation)\b", re.I)
_LEADS: dict[Tone, tuple[str, ...]] = {
    "friendly": ("Thanks, that gives me the general picture.", "Thank you."),
    "neutral": ("Okay.", "Alright."),
    "strict": ("That's general.",),
}


def specifics_probe(
    tone: Tone,
    qtype: QuestionType,
    missing: Sequence[Part],
    asked: Sequence[str],
    question: str = "",
) -> str | None:
    """The probe for the first missing specific that has not been asked in this interview
    (a strict tone, or a ``question`` asking for an amount, asks for numbers first); None
    when every fitting probe was asked. An HR question about the candidate's views asks for
    an example rather than "which situation"."""
    family = "story" if qtype in ("behavioral", "hr") else "knowledge"
    order = _ORDER[family]
    if asks_amount(question):
        order, missing = ("numbers", *order), ["numbers", *missing]
    elif tone == "strict" and "numbers" in missing and "situation" not in missing:
        order = ("numbers", *order)
    wanted = [p for p in order if p in missing] or [order[0]]
    said = set(asked)
    for part in wanted:
        options = _PROBES[tone][part]
        if part == "situation" and qtype == "hr":
            plans = _ABOUT_PLANS.search(question)
            options = _PLAN_SITUATION[tone] if plans else _OPINION_SITUATION[tone]
        fresh = [text for text in options if text not in said]
        if fresh:
            return fresh[0]
    return None


def part_asked(follow_up: str) -> Part | None:
    """The specific a probe of this module asks for, when ``follow_up`` is one of them."""
    for tone in _PROBES:
        for part, texts in _PROBES[tone].items():
            if follow_up in texts:
                return part
        if follow_up in _OPINION_SITUATION[tone] or follow_up in _PLAN_SITUATION[tone]:
            return "situation"
    return None


def asks_amount(question: str) -> bool:
    """Whether the question asks for an amount ("what are your salary expectations?")."""
    return _ASKS_AMOUNT.search(question) is not None


def padding_lead(tone: Tone, answer: str, variant: int) -> str:
    """What comes before the probe: a strict interviewer interrupts a long vague answer."""
    if tone == "strict" and len(words(answer)) >= PADDING_WORDS:
        return "Let me stop you there."
    options = _LEADS[tone]
    return options[variant % len(options)]
