"""Slot types: what kind of thing a phrase from the candidate's answer is, so that each
spoken template gets a filler it fits.

A number is not just a number: a metric ("a 40 percent drop", "3x") is asked how it was
measured, a duration ("three weeks") what took the longest, an amount of money ("600
dollars") what it paid for, a scale ("2 million users") what broke first as it grew, a
headcount ("five engineers") how the work was split; a bare amount ("95 thousand") what it
is based on. Technologies and names are noun phrases
and may stand where a noun phrase goes ("You mentioned Redis."); nothing else the candidate
said is echoed into a template.
"""

from __future__ import annotations

import re
from typing import Literal

from agent.understanding.lang import word_set, words

from .hooks import RESULT_LEAD, hook_kind

SlotType = Literal[
    "tech", "name", "change", "metric", "duration", "money", "scale", "count", "amount"
]
NOUN_SLOTS: frozenset[SlotType] = frozenset({"tech", "name"})

_DURATION = word_set(
    "second seconds minute minutes hour hours day days week weeks month months year years "
    "quarter quarters sprint sprints"
)
_MONEY = word_set("dollar dollars euro euros pound pounds usd eur budget k$")
_METRIC = word_set(
    "percent x times ms millisecond milliseconds drop reduction decrease increase improvement "
    "speedup cut gain growth boost jump rise fall decline saving savings uplift lift"
)
_NUMBER_WORDS = word_set(
    "a an one two three four five six seven eight nine ten eleven twelve fifteen twenty thirty "
    "forty fifty sixty seventy eighty ninety hundred thousand million billion and to"
)
_COUNT = word_set("engineer engineers people developers designers teams members interns")


def slot_type(hook: str) -> SlotType:
    """The slot a hook (from `hooks.find_hooks`) may fill."""
    if hook.startswith(RESULT_LEAD):
        return "metric"
    kind = hook_kind(hook)
    if kind != "number":
        return kind
    said = set(words(hook.replace("$", " dollars ")))
    if said & _METRIC or any(re.fullmatch(r"[\d.,]+(?:x|%)", w) for w in said):
        return "metric"
    if said & _MONEY or "$" in hook:
        return "money"
    if said & _DURATION:
        return "duration"
    if said & _COUNT:
        return "count"
    if all(_is_number_word(w) for w in said):
        return "amount"  # "95 thousand": a salary, a budget or users, unsaid
    return "scale"


def _is_number_word(word: str) -> bool:
    return word.replace(".", "").replace(",", "").rstrip("k").isdigit() or word in _NUMBER_WORDS


# Probes per slot type; ``{hook}`` is the candidate's phrase, said back.
NUMBER_PROBES: dict[SlotType, tuple[str, ...]] = {
    "metric": (
        "You mentioned {hook}. How did you measure that?",
        "You mentioned {hook}. What made the biggest difference there?",
        "You mentioned {hook}. How sure are you that it came from your change?",
    ),
    "duration": (
        "You mentioned {hook}. What took the longest in that time?",
        "You mentioned {hook}. What would have made it faster?",
    ),
    "money": (
        "You mentioned {hook}. What did that money go on, and who decided?",
        "You mentioned {hook}. How did you make sure it was worth it?",
    ),
    "scale": (
        "You mentioned {hook}. What broke first as it grew?",
        "You mentioned {hook}. What would change if that were ten times bigger?",
    ),
    "amount": (
        "You mentioned {hook}. How did you arrive at that number?",
        "You mentioned {hook}. How sure are you of that number?",
    ),
    "count": (
        "You mentioned {hook}. How did you split the work between them?",
        "You mentioned {hook}. How did you keep everyone moving in the same direction?",
    ),
}
