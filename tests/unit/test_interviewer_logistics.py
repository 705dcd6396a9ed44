"""Questions about the interview itself: recognised in many wordings, answered with the
interview's own facts, and followed by the question again without using up its bounds."""

from __future__ import annotations

import re

import pytest

from agent.evaluation.interview import is_command
from agent.interviewer.logistics import Progress, logistics_answer, logistics_question
from agent.interviewer.setup import Length

from opened_interview import move, opened

ASKED = [
    ("Hi! Sure, I'm ready. Actually before we start, how long will this take?", "length"),
    ("How long is this interview going to be?", "length"),
    ("how many questions are left", "length"),
    ("Sorry, how many more questions do we have?", "length"),
    ("Is this the last question?", "length"),
    ("How much time do we have left?", "length"),
    ("Are we almost done?", "length"),
    ("Will I get any feedback at the end?", "feedback"),
    ("How will my answers be scored?", "criteria"),
    ("Are you a real person?", "who_are_you"),
    ("What are you grading me on?", "criteria"),
    ("When do I get my results?", "feedback"),
    ("How am I doing so far?", "feedback"),
    ("Is it okay if I take some notes?", "notes"),
    ("Can I grab a pen and paper?", "notes"),
    ("Do you mind if I think out loud?", "notes"),
    ("Can I ask you a few questions at the end?", "questions_later"),
    ("Will there be time for my questions?", "questions_later"),
    ("Is this call being recorded?", "recording"),
    ("Are you recording this?", "recording"),
    ("Who can see my answers?", "recording"),
    ("Can I use an example from a university project instead of work?", "example_source"),
    ("Does it have to be from work?", "example_source"),
    ("Is it okay if I talk about my internship?", "example_source"),
    ("Can I assume we already have a CDN?", "choice"),
    ("Should I assume the users are all in one region?", "choice"),
    ("So can I use Python for this?", "choice"),
    ("Does it matter which database I pick?", "choice"),
    ("Sorry, just to confirm, are we talking about a mobile app or the website?", "scope"),
    ("Do we know the budget for this?", "scope"),
    ("What's the expected scale, roughly?", "scope"),
    ("Is this for a B2B marketplace or consumers?", "scope"),
    ("How many sellers do we have today?", "scope"),
    ("Would it be a problem if I take notes?", "notes"),
    ("Was that answer correct?", "feedback"),
    ("Sorry, did I get that right?", "feedback"),
    ("Can you give me feedback on that answer?", "feedback"),
    ("What score would you give me for that?", "feedback"),
    ("Sorry, what was your name again?", "name"),
    ("Who am I speaking with?", "name"),
    ("What company is this for, actually?", "company"),
    ("Is this a real job opening?", "company"),
    ("Which company are you with?", "company"),
    ("Can I answer in Hindi?", "language"),
    ("Hello, nice to meet you too!", "pleasantry"),
    ("Thanks for having me.", "pleasantry"),
    ("Good morning!", "pleasantry"),
    ("Hi Alex, how are you?", "how_are_you"),
    ("I'm good, thanks, and you?", "how_are_you"),
    ("Do you speak Spanish?", "language"),
    ("Hello! Yes I'm ready.", "ready"),
    ("Sure, let's go.", "ready"),
    ("Okay, I'm all set.", "ready"),
    ("Are we doing just technical questions today or behavioural ones too?", "format"),
    ("What kind of questions will you ask?", "format"),
    ("Do I need to keep my answers short?", "answer_length"),
    ("How detailed should my answers be?", "answer_length"),
    ("Will I see how I did at the end?", "feedback"),
    ("How many more after this one?", "length"),
    ("Do we know roughly how big the tables are?", "scope"),
    # The scenario's scope, not the interview's recording.
    ("Do we need to keep a recording of every payment event?", "scope"),
    ("Before I start: is it global, and do we need message history forever?", "scope"),
    ("Should I focus on the backend only, or also the mobile clients?", "choice"),
    ("Is it alright if I answer from my internship experience?", "example_source"),
    ("Good afternoon! Thanks for taking the time.", "pleasantry"),
]

NOT_ASKED = [
    # Questions about the subject of the question, with the same words.
    "How long does it take to rebuild an index on a big table?",
    "Should the report be generated nightly or on demand?",
    "Is it better to use a B-tree or a hash index here?",
    "How many replicas would you need for that?",
    "How many engineers do you have on the team?",
    "What kind of questions would the support team get from customers?",
    "How long should the cache keep an entry?",
    # The employer's side, not the scenario's scope.
    "Which frontend stack do you use here, is it React or something else?",
    "By the way, what's the team size here?",
    "How big is the team I'd be joining?",
    "How many people would I be working with directly?",
    # Answers that ask on the way, or mention the words.
    "I'd shard by tenant id, keep a routing table, and move hot tenants to their own shard "
    "once they outgrow it. How many questions are left?",
    "I measured how long the build took before and after caching the dependencies.",
    "We took notes in every retro and recorded the action items in Jira.",
    "I'd give the user feedback on the form as they type.",
    "Nice to meet you. So for the index I would add a B-tree on the email column.",
    "Yes I'm ready. So for SQL versus NoSQL, SQL has schemas and joins.",
    "How are you going to handle retries?",
    "I can use Python for this kind of task, and I did at my internship.",
    "At university we used Python for the data cleaning and R for the models.",
    "Which company would I pick as a reference? Probably Stripe, for its API design.",
    "",
]


@pytest.mark.parametrize(("text", "topic"), ASKED)
def test_questions_about_the_interview_are_recognised(text: str, topic: str) -> None:
    assert logistics_question(text) == topic


@pytest.mark.parametrize("text", NOT_ASKED)
def test_answers_and_questions_about_the_subject_are_not(text: str) -> None:
    assert logistics_question(text) is None


@pytest.mark.parametrize(
    ("progress", "expected"),
    [
        (Progress(0, 6, None), r"\bsix questions in all\b.*\bfirst\b"),
        (Progress(2, 5, None), r"\bfive questions\b.*\bthird\b.*\btwo more questions\b"),
        (Progress(3, 5, None), r"\bone more question\b"),
        (Progress(4, 5, None), r"^This is the last question\.$"),
        (Progress(1, None, 12.4), r"\babout 12 minutes left\b"),
        (Progress(1, None, 0.3), r"\babout one minute left\b"),
    ],
)
def test_the_length_is_told_from_where_the_interview_stands(
    progress: Progress, expected: str
) -> None:
    assert re.search(expected, logistics_answer("length", progress))


def test_the_interviewer_answers_and_asks_the_question_again_without_moving_on() -> None:
    iv = opened()
    question = iv.questions[0]["text"]
    turns = [
        "How many questions are there?",
        "Can I take notes?",
        "Will I get feedback?",
        "Is this being recorded?",
    ]
    replies = [iv.reply(t) for t in turns]
    assert move(iv) == "inform" and iv.question_index == 0
    assert all(r.endswith(question) for r in replies)
    assert re.search(r"\bfour questions in all\b", replies[0])
    assert "notes are fine" in replies[1]
    assert "report" in replies[2] and "transcript" in replies[3]
    # Four of them used none of the question's detours: a turn off the subject is still
    # steered back to it, not taken as the last straw that moves on.
    iv.reply("Last summer I adopted a puppy and we spent most weekends at the beach surfing.")
    assert move(iv) == "redirect" and iv.question_index == 0


@pytest.mark.parametrize(
    ("turn", "said"),
    [
        ("Can I use an example from my internship?", "internship"),
        ("Can I answer in Tamil?", "in English"),
        ("What's your name, by the way?", "I'm Alex."),
        ("Hello, nice to meet you too!", "Likewise"),
        ("Hi, how are you?", "I'm well"),
        ("Which company is this for?", "practice interview"),
    ],
)
def test_how_to_answer_gets_a_plain_answer_and_the_question_again(turn: str, said: str) -> None:
    iv = opened()
    reply = iv.reply(turn)
    assert said.lower() in reply.lower()
    assert reply.endswith(iv.questions[0]["text"]) and move(iv) == "inform"


@pytest.mark.parametrize(
    ("turn", "said"),
    [
        ("Can I assume the service already has a cache?", "your call"),
        ("Can I ask a few clarifying questions first?", "of course"),
        ("How many queries per second does it serve?", "assumption"),
        ("I'd start with requirements. How big is the table, and what's the read to write "
         "ratio?", "assumption"),
        ("Is stale data okay here?", "assumption"),
        ("Am I on the right track?", "report at the end"),
        ("Should I go deeper into the indexing part?", "as fully as you need"),
        ("Shall I keep going?", "please go on"),
    ],
)  # fmt: skip
def test_a_question_asked_while_working_it_out_is_answered_without_the_question_again(
    turn: str, said: str
) -> None:
    iv = opened()
    reply = iv.reply(turn)
    assert said.lower() in reply.lower() and move(iv) == "inform"
    assert iv.questions[0]["text"] not in reply and iv.question_index == 0


def test_a_time_boxed_interview_tells_the_minutes() -> None:
    iv = opened(Length(value=20, unit="minutes"))
    reply = iv.reply("How long will this take?")
    assert re.search(r"\babout 20 minutes left\b", reply)


def test_such_questions_are_not_part_of_the_scored_answer() -> None:
    assert is_command("How many questions are left?")
    assert not is_command("I'd measure how long each step takes, then cache the slowest one.")


@pytest.mark.parametrize("turn", ["Hello! Yes I'm ready.", "Hi Alex, how are you?", "Thanks!"])
def test_after_a_greeting_the_question_simply_follows(turn: str) -> None:
    iv = opened()
    question = iv.questions[0]["text"]
    reply = iv.reply(turn)
    assert move(iv) == "inform" and reply.endswith(question)
    assert "back to" not in reply.lower()


@pytest.mark.parametrize(
    ("interview_type", "said"),
    [("technical", "technical"), ("behavioral", "things you've done"), ("hr", "motivation"),
     ("mixed", "mixed"), ("case_study", "case"), ("system_design", "design")],
)  # fmt: skip
def test_the_kind_of_questions_is_told_from_the_setup(interview_type: str, said: str) -> None:
    answer = logistics_answer("format", Progress(0, 4, None), interview_type=interview_type)
    assert said in answer


@pytest.mark.parametrize(
    "turn", ["Okay. Thank you so much for your time!", "Great, thanks for having me.", "Oh, hi!"]
)
def test_a_thank_you_or_greeting_after_an_okay_is_a_pleasantry(turn: str) -> None:
    iv = opened()
    reply = iv.reply(turn)
    assert move(iv) == "inform" and reply.endswith(iv.questions[0]["text"])
    assert "back to the question" not in reply.lower()


def test_okay_on_its_own_is_still_taking_the_question_in() -> None:
    iv = opened()
    iv.reply("Okay.")
    assert move(iv) == "encourage"
