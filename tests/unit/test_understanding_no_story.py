"""`no_story.tells_no_story`: talk about the subject instead of a time it happened, against
weak but real answers (a habit, a plan, a short event), also as the recogniser writes them."""

from __future__ import annotations

import pytest

from agent.understanding.no_story import tells_no_story


@pytest.mark.parametrize(
    "text",
    [
        "Conflict is just part of working with other humans, and healthy teams always grow through it.",
        "Feedback is a gift, that's how I see it, and every piece of it shapes you a little.",
        "Deadlines are a constant in this industry so singling out one would miss the point.",
        "leadership is really about vision and a vision belongs to the whole group not to one person",
        "Every mistake is a lesson. Growth comes from them, which is why I don't dwell on any.",
        "Honestly the best engineers are the ones who stay humble, that's what it's all about.",
    ],
)
def test_talk_about_the_subject_tells_no_story(text: str) -> None:
    assert tells_no_story(text)


@pytest.mark.parametrize(
    "text",
    [
        # An event, however short or weak.
        "My lead said my pull requests were too big, so I split them up.",
        "there was this outage in my internship and i just restarted the box",
        "We shipped late once, it was fine in the end.",
        # Something the speaker has done.
        "I've mentored a couple of interns, mostly on git and testing.",
        # A habit or a plan of their own: a weak answer, still an answer.
        "I make a list and do the most urgent thing first.",
        "I'd talk to both of them privately and find a middle ground.",
        "i usually ask a colleague when im stuck for more than an hour",
    ],
)
def test_events_and_the_speakers_own_doing_are_a_story(text: str) -> None:
    assert not tells_no_story(text)


def test_words_in_ed_that_are_no_past_do_not_make_a_story() -> None:
    assert tells_no_story(
        "Speed is what matters here, and a hundred small wins always beat one big one."
    )
    assert not tells_no_story(
        "Speed mattered there, and a hundred small wins always beat one big one."
    )


def test_a_short_turn_has_had_no_room_for_a_story() -> None:
    assert not tells_no_story("Conflict is healthy, honestly.")
