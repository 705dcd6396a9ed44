"""A candidate who says they do not know is offered a guess or a way on, not told to take
their time; asked for the question in simpler words or for a hint, the interviewer rephrases
it; "okay" on its own gets time; "that's all I have" moves on."""

from __future__ import annotations

import pytest

from agent.evaluation.interview import is_command
from agent.interviewer.intents import admits_not_knowing, command, is_confused, says_nothing_more

from opened_interview import move, opened

NOT_KNOWING = [
    "Honestly I have no idea. I never did that.",
    "I've never used that, sorry.",
    "I don't know this one.",
    "No clue, to be honest.",
    "I haven't worked with that before.",
    "Nothing comes to mind.",
]
THINKING = [
    "Let me think for a second.",
    "Um, give me a moment.",
    "I don't know where to start, hold on.",
    "That's a tough one, let me see.",
]
SIMPLER = [
    "Could you say that again in simpler words?",
    "Can you put it another way?",
    "Could you explain that in plain English?",
    "Can you repeat it more simply?",
]


@pytest.mark.parametrize("text", NOT_KNOWING)
def test_saying_so_is_read_as_not_knowing(text: str) -> None:
    assert admits_not_knowing(text)


@pytest.mark.parametrize("text", THINKING)
def test_asking_for_time_is_not(text: str) -> None:
    assert not admits_not_knowing(text)


@pytest.mark.parametrize("text", SIMPLER)
def test_a_request_for_simpler_words_is_a_request_to_rephrase(text: str) -> None:
    assert command(text) is None and is_confused(text)


@pytest.mark.parametrize(
    "text",
    [
        "Can we come back to this one later? I need to think about it.",
        "Could we revisit that at the end, please?",
    ],
)
def test_putting_the_question_off_moves_on(text: str) -> None:
    assert command(text) == "skip"
    assert command("I had to come back to it later that week and fix the index.") is None


def test_a_plain_request_to_repeat_stays_one() -> None:
    assert command("Could you say that again?") == "repeat"
    assert not is_confused("We did it differently and used simpler tools.")


@pytest.mark.parametrize("text", NOT_KNOWING)
def test_not_knowing_gets_a_guess_offered_then_moves_on(text: str) -> None:
    iv = opened()
    reply = iv.reply(text)
    assert move(iv) == "offer_guess" and iv.question_index == 0
    assert "move on" in reply or "next one" in reply
    iv.reply("No, I really don't know.")
    assert iv.question_index == 1


def test_thinking_gets_time_and_a_guess_after_time_is_still_offered() -> None:
    iv = opened()
    iv.reply("Let me think for a second.")
    assert move(iv) == "encourage"
    iv.reply("No, sorry, I have no idea.")
    assert move(iv) == "offer_guess" and iv.question_index == 0


@pytest.mark.parametrize("text", ["Can you give me a hint?", "Any pointers?", "A hint please."])
def test_a_hint_is_asked_for_as_help_with_the_question(text: str) -> None:
    iv = opened()
    iv.reply(text)
    assert move(iv) == "clarify" and iv.question_index == 0


@pytest.mark.parametrize("text", ["Okay.", "Alright, got it.", "Sure.", "Mm-hmm. Okay."])
def test_taking_the_question_in_is_given_time_not_a_request_for_more(text: str) -> None:
    iv = opened()
    iv.reply(text)
    assert move(iv) == "encourage" and iv.question_index == 0


@pytest.mark.parametrize(
    "text",
    [
        "I would look at the slow query log first. That's all I have.",
        "Maybe an index? I can't think of anything else.",
        "Caching, I guess. Nothing more to add.",
    ],
)
def test_that_is_all_i_have_moves_on_and_the_words_still_count(text: str) -> None:
    iv = opened()
    iv.reply(text)
    assert iv.question_index == 1 and move(iv) == "ask"
    assert not is_command(text)


@pytest.mark.parametrize("text", ["I'm done, thanks.", "Done.", "Okay, I'm finished."])
def test_saying_done_ends_the_question(text: str) -> None:
    assert says_nothing_more(text)
    assert not says_nothing_more("We were done with the migration by Friday.")


def test_a_full_answer_ending_so_is_taken_as_an_answer() -> None:
    text = (
        "I'd turn on the slow query log, take the worst query, run explain analyze, add a "
        "composite index on the filter columns and compare the timings before and after. "
        "That's all I have."
    )
    assert not says_nothing_more(text)


def test_simpler_words_get_the_question_rephrased() -> None:
    iv = opened()
    question = iv.questions[0]["text"]
    reply = iv.reply("Could you say that again in simpler words?")
    assert move(iv) == "clarify" and reply != question


@pytest.mark.parametrize(
    "text",
    [
        "I'm not really sure, I'd probably just add more servers.",
        "No idea, maybe shard it by user id and add replicas.",
        "I don't know, I guess I'd restart the service and check the logs.",
    ],
)
def test_a_hedged_answer_is_an_answer_to_probe_not_a_pause(text: str) -> None:
    iv = opened()
    iv.reply(text)
    assert move(iv) not in ("encourage", "offer_guess")


@pytest.mark.parametrize("text", ["Um, I dont know, honestly.", "I'm not sure."])
def test_a_hedge_with_nothing_else_is_still_a_pause(text: str) -> None:
    iv = opened()
    iv.reply(text)
    assert move(iv) in ("encourage", "offer_guess")


@pytest.mark.parametrize(
    "text",
    ["Honestly I'm pretty nervous, sorry.", "Sorry, I feel a bit anxious.", "I'm so nervous."],
)
def test_a_nervous_candidate_is_reassured(text: str) -> None:
    iv = opened()
    reply = iv.reply(text)
    assert move(iv) == "encourage" and "breath" in reply and iv.question_index == 0


@pytest.mark.parametrize(
    "text",
    [
        "Hi! Nice to meet you too. I'm a bit nervous, this is my first interview.",
        "Sorry, I'm really nervous right now, give me a second.",
        "Hello, I'm feeling quite anxious today, sorry.",
    ],
)
def test_saying_they_are_nervous_about_this_interview_gets_time(text: str) -> None:
    iv = opened()
    iv.reply(text)
    assert move(iv) == "encourage" and iv.question_index == 0


def test_nerves_inside_an_answer_are_part_of_the_answer() -> None:
    iv = opened()
    iv.reply(
        "I feel nervous touching production, so I'd copy the slow query to staging, run "
        "explain analyze there and test the new index before rolling it out."
    )
    assert move(iv) not in ("encourage", "redirect")
