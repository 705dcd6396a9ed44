"""A candidate whose life has not had the question's situation yet ("I've never had a
manager", "I'm still a student") is told that an example from their studies, an internship
or a project of their own will do, and saying it again moves on; an HR question about their
views is probed for an example or an amount, never for "which situation"."""

from __future__ import annotations

import pytest

from agent.interviewer.bank import load_bank
from agent.interviewer.intents import lacks_experience
from agent.interviewer.interviewer import Interviewer
from agent.interviewer.phrases import nudge
from agent.interviewer.probes import asks_amount, specifics_probe
from agent.interviewer.setup import InterviewSetup, Length

from opened_interview import NOT_AN_ANSWER, move, opened

NO_EXPERIENCE = [
    "I've never been in that situation honestly.",
    "I don't have work experience yet, I'm still a student.",
    "I've never had a manager, this would be my first job.",
    "Nothing like that has happened to me so far.",
    "I can't think of a time like that.",
    "I'm a fresher, I haven't really worked on a real project yet.",
    "I haven't had a job yet so I don't really have an example like that.",
    "Honestly, that has never happened to me.",
    "Honestly I don't really have a good example for this one.",
    "I don't have a specific example of that, sorry.",
]
ANSWERS = [
    "I had never led a team before, but when our lead left I ran the standups for two months "
    "and we shipped the billing rewrite on time.",
    "I haven't had a harder week than that one: the import job failed every night, so I wrote a "
    "checker that compared row counts and we caught the bad file on day three.",
    "As a student I changed our thesis plan after the first review: I cut the survey, ran "
    "interviews instead, and we finished two weeks early.",
]


def _interview(interview_type: str, seed: int = 11) -> Interviewer:
    setup = InterviewSetup.model_validate(
        {"role": "data_analyst", "level": "junior", "interview_type": interview_type,
         "length": Length(value=3)}
    )  # fmt: skip
    iv = Interviewer.create(setup, seed=seed)
    iv.reply(None)
    return iv


@pytest.mark.parametrize("text", NO_EXPERIENCE)
def test_saying_it_never_happened_is_read_as_such(text: str) -> None:
    assert lacks_experience(text)


@pytest.mark.parametrize("text", NO_EXPERIENCE)
def test_a_story_question_offers_an_example_from_elsewhere(text: str) -> None:
    iv = _interview("behavioral")
    reply = iv.reply(text)
    assert move(iv) == "offer_example"
    assert "studies" in reply and "internship" in reply and "move on" in reply


def test_saying_it_again_after_the_offer_moves_on() -> None:
    iv = _interview("behavioral")
    first = iv.questions[0]["text"]
    iv.reply("I've never been in that situation.")
    reply = iv.reply("No, really, nothing like that has happened to me.")
    assert move(iv) == "ask"
    assert iv.questions[-1]["text"] != first and iv.questions[-1]["text"] in reply


@pytest.mark.parametrize("text", ANSWERS)
def test_a_story_that_starts_by_saying_never_is_an_answer(text: str) -> None:
    iv = _interview("behavioral")
    iv.reply(text)
    assert move(iv) not in NOT_AN_ANSWER


def test_an_hr_question_offers_an_example_or_a_rough_answer() -> None:
    iv = _interview("hr")
    iv.reply("I haven't had a job yet, I'm still in college.")
    assert move(iv) == "offer_example"
    iv = _interview("hr")
    reply = iv.reply("I don't know, I haven't really thought about it.")
    assert move(iv) == "offer_guess"
    assert "approach" not in reply  # a view is not approached: a rough answer is asked for


def test_a_knowledge_question_still_offers_a_guess() -> None:
    iv = opened()
    iv.reply("I'm a student, I've never had a job where I did that.")
    assert move(iv) == "offer_guess"


@pytest.mark.parametrize("tone", ["friendly", "neutral", "strict"])
def test_a_vague_view_is_asked_for_an_example_not_a_situation(tone: str) -> None:
    text = specifics_probe(tone, "hr", ("situation", "own_part"), asked=())  # type: ignore[arg-type]
    assert text is not None and "example" in text and "situation" not in text
    story = specifics_probe(tone, "behavioral", ("situation",), asked=())  # type: ignore[arg-type]
    assert story is not None and story != text


@pytest.mark.parametrize("tone", ["friendly", "neutral", "strict"])
@pytest.mark.parametrize(
    "question",
    [
        "If you joined us, what would you want to achieve in your first three months?",
        "Where do you see yourself in three to five years?",
        "What are you hoping to learn during this internship?",
    ],
)
def test_a_vague_plan_is_asked_to_be_made_concrete_not_for_a_past_example(
    tone: str, question: str
) -> None:
    text = specifics_probe(tone, "hr", ("situation",), asked=(), question=question)  # type: ignore[arg-type]
    assert text is not None and "concrete" in text
    assert "experience" not in text and "example" not in text


# Two vague answers on each question the seeds below open with: they give no example, yet are
# about the question (a platitude about anything would be steered back instead).
VAGUE = {
    "Why should we hire you over other candidates with a similar background?": (
        "I like working with people who care about quality and I always try to do my best.",
        "Mostly the people, and I like it when things are fast and simple.",
    ),
    "What is an area you're actively working to improve?": (
        "Probably speaking up more, I try to do my best with that in meetings.",
        "Mostly in team meetings, when I have an idea I sometimes just stay quiet.",
    ),
}


@pytest.mark.parametrize("seed", [5, 10])
def test_an_answer_not_an_example_is_not_asked_for_an_example_twice(seed: int) -> None:
    iv = _interview("hr", seed=seed)
    first, second = VAGUE[iv.last_directive.question]
    iv.reply(first)
    assert "example" in iv.last_directive.offline_text  # asked once
    iv.reply(second)
    assert "example" not in iv.last_directive.offline_text


@pytest.mark.parametrize("tone", ["friendly", "neutral", "strict"])
def test_a_question_for_an_amount_is_asked_for_numbers(tone: str) -> None:
    question = "What are your salary expectations?"
    assert asks_amount(question) and not asks_amount("What motivates you in your work?")
    text = specifics_probe(tone, "hr", ("situation", "result"), asked=(), question=question)  # type: ignore[arg-type]
    assert text is not None and "situation" not in text and "example" not in text
    short = nudge("hr", "Something fair.", 0, set(), amount=True)
    assert "number" in short or "range" in short


def test_a_short_view_is_asked_for_more_not_for_what_they_did() -> None:
    for pick in range(3):
        text = nudge("hr", "Mostly the people.", pick, set())
        assert "what you did" not in text and "turned out" not in text


def test_no_early_career_question_presumes_a_current_job() -> None:
    early = [q for q in load_bank().questions if {"intern", "junior"} & set(q.levels)]
    presumes = [q.text for q in early if "current position" in q.text or "current job" in q.text]
    assert early and not presumes


def test_a_short_answer_to_a_scenario_is_asked_for_reasoning_not_a_real_example() -> None:
    for pick in range(2):
        case = nudge("case_study", "Just add features.", pick, set())
        design = nudge("system_design", "A database.", pick, set())
        assert "real example" not in case
        assert "reasoning" in case or "first thing" in case
        assert "components" in design or "main parts" in design
