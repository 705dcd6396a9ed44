"""Asked to speak more slowly or faster, the interviewer's voice changes speed a step at a
time and says so; at the slowest or fastest step it stays and says that instead. The step is
kept in the interview's state (a call resumed later keeps it), and none of it is an answer."""

from __future__ import annotations

import json

import pytest

from agent.evaluation.interview import answers_of, is_command
from agent.interviewer.intents import pace_asked
from agent.interviewer.interviewer import Interviewer
from agent.interviewer.pace import FASTEST, SLOWEST, speed
from agent.interviewer.state import check_version

from opened_interview import ANSWER, move, opened
from paths import REPO

_TURNS = REPO / "tests" / "data" / "turns"
_FRESH5 = json.loads((_TURNS / "fresh5.json").read_text())["classes"]
_FRESH8 = json.loads((_TURNS / "fresh8.json").read_text())["classes"]
SLOWER = [
    *(t for t in _FRESH5["asks for a slower or louder voice"]["turns"] if "speak up" not in t),
    *_FRESH8["asks the voice to go slower"]["turns"],
]
FASTER = _FRESH8["asks the voice to go faster"]["turns"]
NEITHER = [
    *_FRESH8["answers about slow or fast things"]["turns"],
    *_FRESH8["asks for a louder voice or lost the line"]["turns"],
    "Could you repeat the question?",
    "I talk too fast when I'm nervous, so I practise out loud.",
    "Our pipeline was slow, so we cached the dependencies and builds went faster.",
    "Could you slow down a service on purpose? Yes, we injected latency to test timeouts.",
    "Can you slow down the writes? I'd batch them and add a queue in front.",
]


@pytest.mark.parametrize("text", SLOWER)
def test_asked_to_slow_down_the_voice_slows_and_the_question_is_said_again(text: str) -> None:
    iv = opened()
    before = iv.speaking_speed
    reply = iv.reply(text)
    assert pace_asked(text) == "slower" and move(iv) == "slower"
    assert reply.startswith("Sure, I'll slow down.") and reply.endswith(iv.questions[0]["text"])
    assert iv.speaking_speed < before == 1.0


@pytest.mark.parametrize("text", FASTER)
def test_asked_to_speed_up_the_voice_speeds_up_and_the_floor_goes_back(text: str) -> None:
    iv = opened()
    reply = iv.reply(text)
    assert pace_asked(text) == "faster" and move(iv) == "faster"
    assert reply == "Sure, I'll speak a little faster. Go ahead whenever you're ready."
    assert iv.speaking_speed > 1.0


@pytest.mark.parametrize("text", NEITHER)
def test_answers_and_other_requests_leave_the_speed_alone(text: str) -> None:
    iv = opened()
    iv.reply(text)
    assert pace_asked(text) is None and move(iv) not in ("slower", "faster")
    assert iv.speaking_speed == 1.0


def test_the_slowest_step_is_kept_and_said_truthfully() -> None:
    iv = opened()
    speeds = []
    for _ in range(-SLOWEST + 1):
        reply = iv.reply("Could you slow down a little?")
        speeds.append(iv.speaking_speed)
    assert speeds == sorted(speeds, reverse=True) and speeds[-1] == speeds[-2] == speed(SLOWEST)
    assert reply.startswith("This is as slowly as my voice goes, but here it is again.")
    assert "slow down" not in reply


def test_the_fastest_step_is_kept_and_said_truthfully() -> None:
    iv = opened()
    for _ in range(FASTEST + 1):
        reply = iv.reply("You can talk a bit faster.")
    assert iv.speaking_speed == speed(FASTEST)
    assert reply.startswith("This is as fast as my voice goes.")


def test_slower_then_faster_comes_back_to_the_voices_own_speed() -> None:
    iv = opened()
    iv.reply("Can you slow down please?")
    iv.reply("Actually you can speak a bit faster.")
    assert iv.speaking_speed == 1.0


def test_mid_answer_a_request_to_speed_up_lets_them_go_on() -> None:
    iv = opened()
    iv.reply("I'd start with the slow query log and find the worst query.")
    iv.reply("By the way, you can speak faster.")
    assert iv.last_directive.offline_text == "Sure, I'll speak a little faster. Please go on."


def test_a_request_about_the_voice_is_not_a_start_of_the_answer() -> None:
    iv = opened()
    iv.reply("Could you slow down?")
    iv.reply("You can go a bit faster now.")
    assert iv.last_directive.offline_text.endswith("Go ahead whenever you're ready.")


def test_the_speed_is_kept_across_a_saved_and_resumed_interview() -> None:
    iv = opened()
    iv.reply("Could you slow down a little?")
    saved = json.loads(json.dumps(iv.snapshot()))
    resumed = Interviewer.from_snapshot(check_version(saved))
    assert resumed.speaking_speed == iv.speaking_speed < 1.0
    # A state saved before the speed was kept loads at the voice's own speed.
    del saved["pace"]
    assert Interviewer.from_snapshot(check_version(saved)).speaking_speed == 1.0


def test_speed_requests_are_not_scored_as_answers() -> None:
    iv = opened()
    iv.reply("Could you slow down a little?")
    iv.reply(ANSWER)
    assert all(is_command(t) for t in SLOWER + FASTER)
    answers = answers_of(iv.snapshot())
    assert answers and "slow down" not in answers[0].text.lower()
    assert ANSWER in answers[0].text
