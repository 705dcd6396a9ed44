"""What a candidate says about the call itself is answered as a person on a call would: the
question again after "where was I?" or "you're breaking up" (with no promise to speak louder),
"yes, I can hear you", time to start again; none of it is scored as part of an answer."""

from __future__ import annotations

import json

import pytest

from agent.evaluation.interview import answers_of, is_command
from agent.interviewer.intents import about_the_voice

from opened_interview import ANSWER, move, opened
from paths import REPO

CLASSES = json.loads((REPO / "tests" / "data" / "turns" / "fresh5.json").read_text())["classes"]
LOUDER = [t for t in CLASSES["asks for a slower or louder voice"]["turns"] if "speak up" in t]
VOICE = LOUDER + CLASSES["did not hear the interviewer"]["turns"]
HEARD = CLASSES["checks they are heard"]["turns"]


@pytest.mark.parametrize("text", VOICE)
def test_asked_about_the_voice_the_question_is_said_again_with_no_promise(text: str) -> None:
    iv = opened()
    reply = iv.reply(text)
    assert about_the_voice(text) and move(iv) == "repeat"
    assert reply.endswith(iv.questions[0]["text"])
    assert "of course" not in reply.lower() and "slow" not in reply.split(".")[0].lower()


def test_a_plain_request_to_repeat_is_not_about_the_voice() -> None:
    assert not about_the_voice("Could you repeat the question?")
    assert not about_the_voice("I learned to speak up earlier in meetings.")


@pytest.mark.parametrize("text", HEARD)
def test_a_check_that_they_are_heard_is_answered_then_the_question(text: str) -> None:
    iv = opened()
    reply = iv.reply(text)
    assert move(iv) == "inform" and reply.startswith("Yes, I can hear you.")
    assert reply.endswith(iv.questions[0]["text"]) and "back to the question" not in reply


def test_mid_answer_a_check_that_they_are_heard_lets_them_go_on() -> None:
    iv = opened()
    iv.reply("I'd start with the slow query log and find the worst query.")
    iv.reply("Sorry, can you hear me now?")
    assert move(iv) == "inform"
    assert iv.last_directive.offline_text == "Yes, I can hear you. Go ahead, I'm listening."


def test_talk_about_the_call_is_not_scored_as_an_answer() -> None:
    iv = opened()
    for turn in ("Can you hear me alright?", "Could you slow down a little?", ANSWER):
        iv.reply(turn)
    first = answers_of(iv.snapshot())[0]
    assert first.text.strip() == ANSWER
    assert all(is_command(t) for t in HEARD + VOICE)


@pytest.mark.parametrize("text", ["Hello?", "Hi? Hello?", "hello??"])
def test_hello_as_a_question_asks_whether_anyone_is_there(text: str) -> None:
    iv = opened()
    assert iv.reply(text).startswith("Yes, I can hear you.") and move(iv) == "inform"


@pytest.mark.parametrize(
    "text", ["Sorry, I think I was on mute.", "Oops, I was muted. Did you hear any of that?"]
)
def test_being_muted_is_answered_truthfully(text: str) -> None:
    iv = opened()
    reply = iv.reply(text)
    assert move(iv) == "inform" and "nothing came through" in reply
    assert reply.endswith(iv.questions[0]["text"])


def test_a_greeting_and_an_answer_about_muting_are_neither() -> None:
    iv = opened()
    assert iv.reply("Hello!").startswith("Likewise")
    iv = opened()
    iv.reply("In my last job I was muted in standups a lot, so I wrote things in the chat.")
    assert move(iv) != "inform"
