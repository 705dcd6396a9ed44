"""Stories meant for another question (`agent.understanding.story_themes`): a story that opens
with another kind of event and never touches the one the behavioural question asks about is
about that other event; stories that touch the asked event in any words, vague answers with
no event, and turns too short to tell are left alone. The topic reading keeps a plain work
story that touches the asked event, however far MiniLM puts it."""

from __future__ import annotations

import pytest

from agent.interviewer.bank import load_bank
from agent.understanding import default_embedder
from agent.understanding.story_themes import asked_themes, tells_instead, touches_asked
from agent.understanding.topic import TopicQuestion, read_topic

FEEDBACK = "Tell me about a time you received difficult feedback. How did you respond?"
DEADLINES = (
    "Describe a time you had several deadlines at once. How did you decide what to do first?"
)
OUTAGE = "Tell me about a time you dealt with a bug or an outage in production. What did you do?"
MENTORING = "Tell me about a time you mentored or helped a less experienced colleague grow."
CONFLICT = "Describe a situation where you disagreed with a teammate. How did you handle it?"
LEARNING = "Tell me about a time you had to learn something new quickly. How did you approach it?"


@pytest.mark.parametrize(
    ("question", "answer", "instead"),
    [
        (FEEDBACK, "I organized a coding workshop for first-year students at our college, booked "
                   "the lab, wrote the exercises and got two seniors to help me run it.", "organizing"),
        (DEADLINES, "I mentored a new analyst for her first three months, we met every Tuesday and "
                    "I gave her small reports to own until she was confident with our tables.", "mentoring"),
        (OUTAGE, "My manager and I disagreed about moving to microservices, so I wrote down the costs "
                 "of both options and we agreed to split out only the billing part.", "disagreement"),
        (MENTORING, "Our payments service crashed during the festival sale, I rolled back the "
                    "release and we added a load test to the pipeline afterwards.", "outage"),
        (CONFLICT, "I taught myself Kotlin over one summer with an online course and rebuilt my "
                   "college timetable app in it, which about two hundred students used.", "learning"),
    ],
)  # fmt: skip
def test_a_story_that_opens_with_another_event_and_never_touches_the_asked_one(
    question: str, answer: str, instead: str
) -> None:
    assert tells_instead(answer, question) == instead


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        # The asked event, in the candidate's own words.
        (FEEDBACK, "After my first demo my lead said the slides were unreadable and that I had "
                   "rushed the numbers, so I rebuilt them and asked her to check the next ones."),
        (DEADLINES, "The release and my exams landed in the same week, so I did the release fixes "
                    "first because three people were waiting on them."),
        # Another event first, then the asked one.
        (OUTAGE, "I was mentoring an intern that month when our checkout went down on a Friday, "
                 "and we found the bad config together and rolled it back within the hour."),
        (CONFLICT, "During the migration to Postgres, my teammate wanted to copy the schema as it "
                   "was and I didn't agree, so we tried both on one table and compared."),
        # No event at all: vague, to be probed, not redirected.
        (MENTORING, "I think it is important to be patient with people and to always be there "
                    "when they need something from you, that is what I try to do every day."),
        # Too short to tell.
        (LEARNING, "I organized a meetup once."),
        # Not a story question.
        ("How would you design a rate limiter?", "I organized a hackathon for sixty students at "
                                                  "my university with three sponsors and a venue."),
    ],
)  # fmt: skip
def test_stories_about_the_asked_event_or_none_are_left_alone(question: str, answer: str) -> None:
    assert tells_instead(answer, question) is None


def test_most_behavioural_questions_in_the_bank_ask_a_theme() -> None:
    """The themes are read from the wording, so the bank shows how far that reaches; a
    question that asks none is simply never judged this way."""
    stories = [q.text for q in load_bank().questions if q.type == "behavioral"]
    asking = [text for text in stories if asked_themes(text)]
    assert len(asking) >= len(stories) * 9 // 10, [t for t in stories if t not in asking]


def test_touching_the_asked_event_needs_its_words_not_the_question_type() -> None:
    assert touches_asked("My reviewer pointed out that my tests mocked everything.", FEEDBACK)
    assert not touches_asked("We booked the venue and found three sponsors.", FEEDBACK)


def test_the_topic_reading_calls_it_the_answer_to_another_question() -> None:
    embedder = default_embedder()
    answer = (
        "I organized a coding workshop for first-year students at our college, booked the lab, "
        "wrote the exercises and got two seniors to help me run it."
    )
    reading = read_topic(answer, TopicQuestion(FEEDBACK, "behavioral"), embedder)
    assert reading.answers_instead == "organizing" and reading.elsewhere
    assert not reading.on_topic
    follow_up = "What did you change afterwards?"
    reply = TopicQuestion(f"{FEEDBACK} {follow_up}", "behavioral", follow_up=follow_up)
    assert read_topic(answer, reply, embedder).answers_instead is None


@pytest.mark.parametrize(
    ("question", "answer"),
    [
        (FEEDBACK, "My lead told me my pull requests were too big. Now I split them up."),
        (MENTORING, "I paired with our intern every morning until she could ship alone."),
    ],
)
def test_a_plain_work_story_that_touches_the_asked_event_is_on_topic(
    question: str, answer: str
) -> None:
    reading = read_topic(answer, TopicQuestion(question, "behavioral"), default_embedder())
    assert reading.on_topic, reading.probability


def test_private_life_in_the_questions_words_is_not_rescued() -> None:
    answer = "My neighbour told me my dog barks all night. I told him to buy earplugs."
    reading = read_topic(answer, TopicQuestion(FEEDBACK, "behavioral"), default_embedder())
    assert not reading.on_topic
