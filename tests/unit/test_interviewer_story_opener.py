"""A story told in pieces is heard out: a first reply that only sets the scene of a story from
work or studies gets "go on", not "back to the question", and a story whose pieces together
told everything is not asked for "one real example" again."""

from __future__ import annotations

import pytest

from agent.interviewer.intents import opens_a_story
from agent.interviewer.interviewer import Interviewer
from agent.interviewer.setup import InterviewSetup, Length

from opened_interview import move

OPENERS = [
    "Sure. So there was this one time in my internship where the requirements kept changing "
    "every week.",
    "Okay, so at my last job we had a designer who wanted everything pixel perfect.",
    "Um, I remember when our team lead left in the middle of a big release.",
    "So a couple of months ago at my part time job the schedule changed every week.",
    "There was a project in my final year where the client changed their mind a lot.",
]
NOT_OPENERS = [
    "Last summer I adopted a puppy and we spent most weekends at the beach surfing.",
    "I think working styles matter a lot and you have to adapt to people.",
]
TOLD = "At my last job I led the migration to Kafka and cut latency by 40 percent."
"""Past setting the scene: it says what the candidate did."""


def _behavioral(tone: str = "neutral") -> Interviewer:
    """Its first question: "Describe a time you worked with someone whose working style was
    very different from yours."."""
    setup = InterviewSetup.model_validate(
        {"role": "backend_engineer", "level": "junior", "interview_type": "behavioral",
         "length": Length(value=3), "persona": {"tone": tone}}
    )  # fmt: skip
    iv = Interviewer.create(setup, seed=8)
    iv.reply(None)
    assert "working style" in iv.questions[0]["text"]
    return iv


@pytest.mark.parametrize("text", OPENERS)
def test_setting_the_scene_is_read_as_the_start_of_a_story(text: str) -> None:
    assert opens_a_story(text)


@pytest.mark.parametrize("text", NOT_OPENERS)
def test_other_turns_are_not(text: str) -> None:
    assert not opens_a_story(text)


@pytest.mark.parametrize("text", OPENERS)
def test_the_start_of_a_story_is_heard_out(text: str) -> None:
    iv = _behavioral()
    reply = iv.reply(text)
    assert move(iv) == "follow_up" and iv.question_index == 0
    assert "question" not in reply  # not "back to the question"


def test_a_scene_with_nothing_said_yet_of_the_question_gets_go_on() -> None:
    iv = _behavioral()
    assert "go on" in iv.reply(OPENERS[0]).lower()


def test_a_story_from_private_life_is_still_steered_back() -> None:
    iv = _behavioral()
    iv.reply(NOT_OPENERS[0])
    assert move(iv) == "redirect"


def test_a_story_past_its_scene_is_not_asked_to_go_on() -> None:
    assert opens_a_story(TOLD)  # the wording opens a story, but it has told what was done
    iv = _behavioral()
    assert "go on" not in iv.reply(TOLD).lower()


@pytest.mark.parametrize("tone", ["neutral", "strict"])
def test_a_story_told_in_pieces_is_not_asked_for_an_example_again(tone: str) -> None:
    iv = _behavioral(tone)
    replies = [
        iv.reply(turn)
        for turn in (
            OPENERS[0],
            "The PM would change the scope on Monday and expect the same deadline.",
            "I set up a short call every Monday to agree on what's in and out, and wrote it "
            "down in the ticket.",
            "After that we stopped missing the sprint goals, we hit four out of the next five.",
        )
    ]
    assert not any("real example" in r or "one specific" in r for r in replies)
    assert iv.question_index == 1
