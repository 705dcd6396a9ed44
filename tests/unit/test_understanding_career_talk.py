"""Answers to another classic career question (`agent.understanding.career_talk`): an answer that
opens as the answer to an unrelated classic is about that one; openings that go with the asked
question, incidental mentions later on, and questions that invite anything are left alone."""

from __future__ import annotations

import pytest

from agent.interviewer.bank import load_bank
from agent.understanding import default_embedder
from agent.understanding.career_talk import (
    answers_asked,
    answers_instead,
    asked_classics,
    knowledge_answers_instead,
    story_answers_instead,
)
from agent.understanding.topic import TopicQuestion, read_topic

FUTURE = "Where do you see yourself in three to five years?"
LEAVING = "Why are you looking to leave your current position?"
STRENGTH = "What would you say is your greatest strength?"
SKILLS = "How do you keep your skills up to date?"
MANAGER = "What are you looking for in a manager?"
REMOTE = "How do you work well with a team that is mostly remote or spread across time zones?"


@pytest.mark.parametrize(
    ("question", "answer", "instead"),
    [
        (FUTURE, "I'm leaving because my company is shrinking the team and nothing new gets built.", "leaving"),
        (FUTURE, "Honestly, my biggest weakness is saying yes to everything, so I'm learning to push back.", "weakness"),
        (LEAVING, "In the first ninety days I would meet everyone and ship one small fix.", "first_months"),
        (LEAVING, "So my greatest strength would be staying calm when production is on fire.", "strength"),
        (SKILLS, "My main strength is keeping a release organised, I'm the checklist person.", "strength"),
        (SKILLS, "Five years from now I'd like to lead a platform team.", "future"),
        (MANAGER, "Salary wise I'm expecting around twelve lakhs, negotiable.", "salary"),
        (REMOTE, "I'd like to become a tech lead in three years and then manage a small team.", "future"),
        (REMOTE, "What motivates me is seeing real users use what I built.", "motivation"),
        (STRENGTH, "I got interested in computers when my uncle gave me his old laptop.", "origin"),
    ],
)  # fmt: skip
def test_an_answer_opening_as_another_classic_is_about_that_one(
    question: str, answer: str, instead: str
) -> None:
    assert answers_instead(answer, question) == instead


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        # Its own classic, or one that goes with it.
        (FUTURE, "In five years I'd like to be a senior engineer who owns a whole area."),
        (FUTURE, "I want to stay hands on, maybe as a staff engineer, not a manager."),
        (STRENGTH, "My teammates would say I'm the calm one during incidents."),
        (LEAVING, "My current company is cutting the team, so I'm looking for somewhere that builds."),
        (LEAVING, "Salary is part of it, honestly, but mostly I stopped learning."),
        # An incidental mention after the opening.
        (LEAVING, "I've learned a lot in three years, but the product is frozen now, and that is "
                  "why I'm looking. In five years I'd like to have built something new."),
        # A duration is not a plan.
        (LEAVING, "I've been there for three years and the product is in maintenance now."),
        # A question that invites anything.
        ("Tell me a little about yourself.", "My greatest strength is debugging, and I've done backend for four years."),
        # Not a classic career question at all.
        ("How would you design a rate limiter?", "I'm leaving because of the commute."),
    ],
)  # fmt: skip
def test_openings_that_go_with_the_question_are_left_alone(question: str, answer: str) -> None:
    assert answers_instead(answer, question) is None


def test_every_hr_question_in_the_bank_but_the_open_ones_asks_a_classic() -> None:
    """The classics are read from the wording, so the bank's HR questions show how far that
    reaches; those that ask none are simply never judged this way."""
    hr = [q.text for q in load_bank().questions if q.type == "hr"]
    asking = [text for text in hr if asked_classics(text)]
    assert len(asking) >= len(hr) * 3 // 4, [t for t in hr if t not in asking]


def test_the_topic_reading_treats_it_as_about_something_else_for_main_answers_only() -> None:
    embedder = default_embedder()
    answer = "I'm leaving because my current company is cutting my team."
    hr = TopicQuestion(FUTURE, "hr")
    reading = read_topic(answer, hr, embedder)
    assert reading.answers_instead == "leaving" and not reading.on_topic
    follow_up = "And what would you need to learn to get there?"
    reply = TopicQuestion(f"{FUTURE} {follow_up}", "hr", follow_up=follow_up)
    assert read_topic(answer, reply, embedder).answers_instead is None
    # A story question answered as a career classic is about that classic too.
    story = TopicQuestion(CHANGE, "behavioral")
    about_me = "A bit about me: I'm a data analyst with four years of experience in retail."
    reading = read_topic(about_me, story, embedder)
    assert reading.answers_instead == "about_you" and not reading.on_topic


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        ("What are your salary expectations?", "Around 60 thousand euros, based on similar roles."),
        ("What are your salary expectations?", "Something like 18 lakhs, but I'm flexible."),
        (FUTURE, "In five years I'd like to lead a small platform team."),
    ],
)
def test_an_answer_opening_as_the_asked_classic_answers_it(question: str, answer: str) -> None:
    assert answers_asked(answer, question)
    assert answers_instead(answer, question) is None


def test_an_answer_to_the_asked_classic_is_on_topic_however_far_minilm_puts_it() -> None:
    answer = "Based on what I saw for similar roles in Berlin, around 60 thousand euro, I think."
    question = TopicQuestion("What are your salary expectations?", "hr")
    assert read_topic(answer, question, default_embedder()).on_topic
    aside = "My sister earns around 60 thousand euro in Berlin, which sounds nice, right?"
    assert not read_topic(aside, question, default_embedder()).on_topic


CHANGE = "Tell me about a time you led a team through a big change, such as a reorganisation."
INFLUENCE = "Tell me about a time you influenced a decision without having authority."
FEEDBACK = "Tell me about a time you received difficult feedback from your manager."


@pytest.mark.parametrize(
    ("question", "answer", "instead"),
    [
        (CHANGE, "Sure, a bit about me: I'm a backend developer with about six years of "
                 "experience, first at a logistics startup, then at a bank.", "about_you"),
        (CHANGE, "I have nearly ten years of experience in data, mostly retail.", "about_you"),
        (INFLUENCE, "What really attracts me to your company is the mission, I use the app daily.",
         "why_company"),
        (INFLUENCE, "My greatest strength is that I stay calm when things break.", "strength"),
    ],
)  # fmt: skip
def test_a_story_question_answered_as_a_career_classic_is_about_that_one(
    question: str, answer: str, instead: str
) -> None:
    assert story_answers_instead(answer, question) == instead


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        # A story that opens with its setting, a figure or the first weeks.
        (CHANGE, "When I joined the bank as a junior with two years behind me, the teams merged."),
        (CHANGE, "In the first three months after the merger I met every engineer one to one."),
        # A classic that goes with the asked one: feedback goes with weaknesses.
        (FEEDBACK, "My biggest weakness used to be long pull requests, and my manager said so."),
    ],
)  # fmt: skip
def test_stories_and_classics_that_go_with_the_question_are_left_alone(
    question: str, answer: str
) -> None:
    assert story_answers_instead(answer, question) is None


INDEX = "What is a database index, and what are the trade-offs of adding one?"
MARKET = (
    "How many electric scooters are sold in a large European city each year? Walk me through it."
)


@pytest.mark.parametrize(
    ("question", "answer", "instead"),
    [
        (INDEX, "My biggest weakness is that I sometimes take on too much at once.", "weakness"),
        (MARKET, "In five years I'd like to be leading a product area end to end.", "future"),
        (INDEX, "well i really want to work here because i've used your product since university",
         "why_company"),
    ],
)  # fmt: skip
def test_a_knowledge_question_answered_as_a_career_classic_is_about_that_one(
    question: str, answer: str, instead: str
) -> None:
    assert knowledge_answers_instead(answer, question) == instead


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        # A case's own future, and a strength or a motivation of the thing asked about.
        (MARKET, "In five years I'd expect the market to double as the rental schemes grow."),
        (INDEX, "Its main strength is fast reads; the cost is slower writes and more storage."),
        (INDEX, "I'm a backend developer, so I add one when a query scans too many rows."),
    ],
)  # fmt: skip
def test_knowledge_answers_that_mention_a_classic_are_left_alone(
    question: str, answer: str
) -> None:
    assert knowledge_answers_instead(answer, question) is None
