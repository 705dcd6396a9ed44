"""Backchannels are listening sounds, only while the interviewer talks."""

from __future__ import annotations

import pytest

from agent.voice.backchannel import OverlapFilter, is_backchannel


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
