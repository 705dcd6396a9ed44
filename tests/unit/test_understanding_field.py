"""The question field (`agent.understanding.field`): the shipped vectors are the bank's and the
model's, an answer meant for another question fits others better than the asked one, and the
shared topic reading then treats it as about something else."""

from __future__ import annotations

import pytest
from embedder_fakes import OneDirection

from agent.interviewer.bank import load_bank
from agent.understanding import default_embedder
from agent.understanding.field import (
    FIELD_TYPES,
    FieldQuestion,
    closest_other_question,
    field_rank,
    fingerprint,
    question_field,
)
from agent.understanding.topic import TopicQuestion, calibration, read_topic

from evaluation_samples import evaluated, value


def _bank() -> list[FieldQuestion]:
    return [FieldQuestion(q.type, q.text, q.reference_points) for q in load_bank().questions]


def test_the_shipped_field_is_made_from_the_bank_as_it_is() -> None:
    field = question_field()
    assert field is not None
    assert field.fingerprint == fingerprint(_bank()), (
        "the question bank changed: remake the field with "
        "`.venv/bin/python tests/bench/bench_relevance.py --field`"
    )
    for kind in FIELD_TYPES:
        mine = [q for q in _bank() if q.kind == kind and q.points]
        assert field.kinds[kind].texts == tuple(q.text for q in mine)
        assert len(field.kinds[kind].points) == sum(len(q.points) for q in mine)


def test_the_shipped_vectors_are_the_models() -> None:
    field = question_field()
    assert field is not None
    embedder = default_embedder()
    for kind in FIELD_TYPES:
        rows = field.kinds[kind]
        for n in (0, len(rows.texts) // 2, len(rows.texts) - 1):
            fresh = embedder.embed([rows.texts[n]])[0]
            assert float(fresh @ rows.questions[n]) > 0.999


QUESTION = {
    "technical": "What is a database index, and what are the trade-offs of adding one?",
    "system_design": (
        "How would you design a URL shortening service that has to handle millions of requests "
        "a day?"
    ),
    "case_study": (
        "Roughly how many people in a large city might use a dog walking app? Talk me through "
        "your estimate."
    ),
}
# Per type: an answer to the asked question, then fluent answers meant for other questions.
ANSWERS = {
    "technical": (
        "It's a sorted structure, usually a B-tree, on some columns, so a lookup doesn't scan "
        "the whole table. Reads get faster but every insert and update has to maintain it, and "
        "it takes disk space.",
        "Optimistic locking keeps a version number on the row and the update fails if someone "
        "changed it in between; pessimistic locking takes the lock up front, which is safer "
        "under heavy contention but blocks other writers.",
        "A closure is a function that keeps the variables of the scope where it was defined, "
        "so a counter made inside a factory function still sees its own count later.",
    ),
    "system_design": (
        "I'd generate a short code per long URL, base62 of a counter or a hash, store code to "
        "URL in a key value store, and redirect with a 301 from a cache since reads dominate.",
        "For a chat app I'd keep websocket connections on gateway servers, put messages on a "
        "queue partitioned by conversation, and store history in a wide column store.",
        "I'd start from the user's feed: fan out posts on write to followers' timelines in a "
        "cache, except for celebrities, whose posts are merged in when the feed is read.",
    ),
    "case_study": (
        "Say ten million people, about four million households, maybe one in six has a dog, "
        "and of those owners who work long hours perhaps ten percent would pay for walks, so "
        "somewhere around sixty thousand users.",
        "I'd look at the funnel first: did sign-ups drop or did activation drop, then split by "
        "platform and country to see whether a release or a market caused it.",
        "For pricing the subscription I'd compare competitors, survey willingness to pay, and "
        "test two price points on new users for a month before deciding.",
    ),
}


def _question(kind: str) -> TopicQuestion:
    bank = load_bank()
    asked = next(q for q in bank.questions if q.text == QUESTION[kind])
    return TopicQuestion(asked.text, kind, asked.reference_points)


@pytest.mark.parametrize("kind", FIELD_TYPES)
def test_an_answer_to_another_question_fits_others_better(kind: str) -> None:
    answer, *others = ANSWERS[kind]
    embedder = default_embedder()
    asked = _question(kind)
    mine = read_topic(answer, asked, embedder)
    assert mine.field_rank is not None and mine.field_rank < calibration().field_cut[kind]
    assert mine.on_topic
    readings = [read_topic(other, asked, embedder) for other in others]
    for reading in readings:
        assert reading.field_rank is not None and reading.field_rank > mine.field_rank
    # Not every such answer is caught (the benchmark prints how many are): one per type is.
    assert any(not reading.on_topic for reading in readings), readings


@pytest.mark.parametrize("kind", FIELD_TYPES)
def test_fitting_many_other_questions_better_is_off_topic_unless_the_model_is_sure(
    kind: str,
) -> None:
    embedder = default_embedder()
    asked = _question(kind)
    cal = calibration()
    for answer in [a for answers in ANSWERS.values() for a in answers]:
        reading = read_topic(answer, asked, embedder)
        assert reading.field_rank is not None
        if reading.field_rank >= cal.field_cut[kind] and reading.probability < cal.field_guard:
            assert not reading.on_topic, reading


def test_story_questions_and_follow_up_replies_get_no_field_reading() -> None:
    embedder = default_embedder()
    story = next(q for q in load_bank().questions if q.type == "behavioral")
    said = "I split the work with my teammate and we shipped it on time."
    asked = TopicQuestion(story.text, story.type, story.reference_points)
    assert read_topic(said, asked, embedder).field_rank is None
    knowledge = _question("technical")
    follow_up = "How would you find which indexes are never used?"
    reply = TopicQuestion(f"{knowledge.text} {follow_up}", "technical", knowledge.reference_points, follow_up)  # fmt: skip
    assert read_topic("I'd check the index usage statistics.", reply, embedder).field_rank is None


def test_another_model_gets_no_field_reading_rather_than_a_wrong_one() -> None:
    model = OneDirection()
    pieces = model.embed(["anything"])
    points = ("a point",)
    assert field_rank(pieces, "technical", QUESTION["technical"], points, model) is None


def test_the_closest_other_question_is_never_the_asked_one() -> None:
    embedder = default_embedder()
    asked = load_bank().by_id("ds-01").text  # overfitting
    vector = embedder.embed([asked])[0]
    other = closest_other_question(vector, asked, embedder)
    assert other is not None and other < 0.99  # the asked question itself would give 1.0
    unasked = closest_other_question(vector, "a question the bank does not ask", embedder)
    assert unasked is not None and unasked > 0.99
    model = OneDirection()
    assert closest_other_question(model.embed(["overfitting"])[0], asked, model) is None


def test_the_report_says_an_answer_to_another_question_is_one() -> None:
    """The evaluator shares the reading: its relevance rationale names the case."""
    asked = _question("technical")
    question_id = next(q.id for q in load_bank().questions if q.text == asked.text)
    answer, *others = ANSWERS["technical"]
    theirs = [evaluated(question_id, other) for other in others]
    said = [s.rationale for e in theirs for s in e.scores if s.dimension == "relevance"]
    assert any("different question" in r for r in said), said
    mine = evaluated(question_id, answer)
    assert value(mine, "relevance") > max(value(e, "relevance") for e in theirs)
    mine_said = next(s.rationale for s in mine.scores if s.dimension == "relevance")
    assert "different question" not in mine_said
