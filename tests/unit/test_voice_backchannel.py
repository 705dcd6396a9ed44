"""Backchannels are listening sounds, only while the interviewer talks."""

from __future__ import annotations

import pytest

from agent.voice.backchannel import OverlapFilter, is_backchannel, takes_the_turn


@pytest.mark.parametrize(
    "text",
    ["Mm-hmm.", "Mhm.", "Uh-huh.", "Yeah.", "Yeah, yeah.", "Okay.", "OK", "Right.", "Right, I see.",
     "Sure.", "Got it.", "Hmm.", "Oh, okay.", "Yep, makes sense.", "Exactly."],
)  # fmt: skip
def test_listening_sounds_are_backchannels(text: str) -> None:
    assert is_backchannel(text)


@pytest.mark.parametrize(
    "text",
    ["Wait, can I say something?", "Sorry, what do you mean?", "No.", "Yeah, but I used Redis.",
     "Okay so the index was on the user id.", "Hold on.", "Stop.", "Could you repeat that?", "",
     "Yeah yeah okay right sure."],
)  # fmt: skip
def test_words_that_take_the_turn_are_not(text: str) -> None:
    assert not is_backchannel(text)


def test_the_filter_drops_backchannels_only_during_overlap() -> None:
    overlapping = [True]
    hook = OverlapFilter(lambda t: t.strip(), lambda: overlapping[0])
    assert hook(" Mm-hmm. ") == ""
    assert hook("Wait, one question.") == "Wait, one question."
    overlapping[0] = False
    assert hook("Yeah.") == "Yeah."


@pytest.mark.parametrize(
    "text",
    # Whisper's words for hums and listening sounds it has no spelling for, and fragments.
    ["and mamam", "And I'm them.", "and then", "And I'm done", "I'm finished.", "Mamm.", "I'm um.", "The", "So,", "Uh, and",
     "Mm, mm-hmm, yeah.", "Yeah yeah.", "You.", "Thank you.", "Oh, nice one.", "", "...",
     "Hmm, interesting.", "Mm. Right."],
)  # fmt: skip
def test_short_words_with_no_cue_do_not_take_the_turn(text: str) -> None:
    assert not takes_the_turn(text)


@pytest.mark.parametrize(
    "text",
    ["Wait.", "Hold on.", "Stop.", "No.", "Sorry?", "What?", "Can I ask?", "Sorry, one thing",
     "Could you repeat", "I don't understand.", "That's wrong.", "Actually, Redis.", "Hey.",
     "Pardon?", "Skip this one.", "Say that again", "Redis, right?", "Hmm, what do you mean",
     "I used Redis there.", "So the index was on the user id.", "Yeah, but I used Redis.",
     "Wait, can I say something?", "I\u2019m not sure."],
)  # fmt: skip
def test_a_cue_or_four_words_take_the_turn(text: str) -> None:
    assert takes_the_turn(text)


def test_over_the_interviewer_a_garbled_hum_is_dropped_and_a_cue_is_kept() -> None:
    hook = OverlapFilter(lambda t: t.strip(), lambda: True)
    assert hook("and mamam") == ""
    assert hook("And I'm them.") == ""
    assert hook("Hold on.") == "Hold on."
    assert hook("I used Redis there.") == "I used Redis there."
    quiet = OverlapFilter(lambda t: t.strip(), lambda: False)
    assert quiet("and then") == "and then"  # an answer when the interviewer is quiet
