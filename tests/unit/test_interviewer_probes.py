"""Vague answers get one probe for the specifics they lack, in the persona's tone; a strict
interviewer cuts a padded answer short and asks for numbers."""

from __future__ import annotations

import pytest

from agent.interviewer.analysis import assess
from agent.interviewer.probes import padding_lead, specifics_probe

from interviewer_answers import context

VAGUE_STORY = (
    "I think disagreements are a normal part of working in a team. I always try to listen to "
    "the other person, stay calm and find a compromise that works for everyone, because good "
    "communication is really important and at the end of the day we all want the same thing."
)


def test_generic_talk_about_a_story_question_is_vague_and_names_what_is_missing() -> None:
    found = assess(VAGUE_STORY, context("bh-03"))
    assert found.kind == "vague"
    assert "situation" in found.missing and "own_part" in found.missing


@pytest.mark.parametrize("tone", ["friendly", "neutral", "strict"])
def test_the_probe_asks_for_the_missing_situation_without_repeating_itself(tone: str) -> None:
    first = specifics_probe(tone, "behavioral", ("situation", "own_part"), asked=())  # type: ignore[arg-type]
    assert first is not None
    second = specifics_probe(tone, "behavioral", ("situation", "own_part"), asked=(first,))  # type: ignore[arg-type]
    assert second is not None and second != first


def test_a_strict_interviewer_interrupts_padding_and_a_friendly_one_does_not() -> None:
    padded = VAGUE_STORY + " " + VAGUE_STORY
    assert padding_lead("strict", padded, 0) == "Let me stop you there."
    assert "stop" not in padding_lead("friendly", padded, 0)
    assert padding_lead("strict", "I always listen.", 0) != "Let me stop you there."


def test_a_strict_interviewer_asks_for_numbers_first_once_the_story_is_real() -> None:
    text = specifics_probe("strict", "behavioral", ("numbers", "result"), asked=())
    assert text is not None and "number" in text.lower()
    gentle = specifics_probe("friendly", "behavioral", ("numbers", "result"), asked=())
    assert gentle is not None and gentle != text
