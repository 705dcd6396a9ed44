"""Follow-up probes and rephrasings: grounded, speakable, never repeated, never a leak."""

from __future__ import annotations

import dataclasses

import pytest

from agent.interviewer.analysis import AnswerKind, Assessment, assess
from agent.interviewer.bank import SPOKEN_FORBIDDEN, load_bank
from agent.interviewer.followups import find_hooks, follow_up, rephrase
from agent.interviewer.relevance import QuestionContext
from agent.interviewer.slots import slot_type
from agent.understanding.lang import words

from interviewer_answers import EXAMPLES, context

_JD = ("5+ years of experience with Apache Kafka and event-driven systems.",)


def _assessment(kind: AnswerKind, hooks: tuple[str, ...] = ()) -> Assessment:
    return Assessment(kind, 0.8, 0.4, (0, 1), 0.5, hooks)


def _norm(text: str) -> str:
    return " ".join(words(text))


def _leaks(text: str, question: QuestionContext, answer: str = "") -> list[str]:
    """Reference points given away: the whole point, or four words of it in a row that
    neither the question nor the answer said."""
    spoken = f" {_norm(text)} "
    known = f" {_norm(question.text)} {_norm(answer)} "
    found = []
    for point in question.reference_points:
        tokens = _norm(point).split()
        grams = [" ".join(tokens[i : i + 4]) for i in range(max(len(tokens) - 3, 1))]
        found += [g for g in grams if f" {g} " in spoken and f" {g} " not in known]
    return found


def _spoken_ok(text: str) -> bool:
    return not SPOKEN_FORBIDDEN.intersection(text) and "->" not in text and text.endswith("?")


def test_probe_starts_from_the_candidates_own_words() -> None:
    question = context("be-10")
    answer = "We put a Redis cache in front of Postgres and expired keys after a minute."
    result = assess(answer, question)
    assert result.hooks[0] == "the Redis cache"
    probe = follow_up(answer, result, question, asked=[], variant=0)
    assert probe == (
        "You mentioned the Redis cache. How would you keep it consistent with the data underneath?"
    )


def test_probe_template_follows_the_question_type() -> None:
    story = follow_up("", _assessment("answered", ("Kafka",)), context("bh-02"), asked=[],
                      variant=0)  # fmt: skip
    design = follow_up("", _assessment("answered", ("Kafka",)), context("be-10"), asked=[],
                       variant=0)  # fmt: skip
    impact = follow_up("", _assessment("answered", ("a 40 percent drop",)), context("be-10"),
                       asked=[], variant=0)  # fmt: skip
    assert story == "You mentioned Kafka. What did you do with it yourself?"
    assert design == "You mentioned Kafka. Why would you pick it over the alternatives?"
    assert impact == "You mentioned a 40 percent drop. How did you measure that?"


def test_without_hooks_the_job_description_grounds_the_probe() -> None:
    question = context("be-14", jd=_JD)
    probe = follow_up("I'd retry.", _assessment("answered"), question, asked=[], variant=0)
    assert probe is not None
    assert "Kafka" in probe and "event-driven systems" in probe


def test_a_thin_answer_gets_the_banks_follow_up_before_the_job_description() -> None:
    question = context("be-14", jd=_JD)
    probe = follow_up("I'd retry.", _assessment("partial"), question, asked=[], variant=0)
    assert probe == question.follow_ups[0]


def test_a_too_short_answer_is_asked_for_something_concrete() -> None:
    probe = follow_up("Caching.", _assessment("too_short"), context("be-10"), asked=[],
                      variant=0)  # fmt: skip
    assert probe is not None and "concrete example" in probe


@pytest.mark.parametrize(
    "kind", ["off_topic", "hesitant", "confused", "outside", "injection", "repeat", "skip", "end"]
)
def test_no_probe_for_turns_that_are_not_answers(kind: AnswerKind) -> None:
    question = context("be-10", jd=_JD)
    assert follow_up("x", _assessment(kind, ("Redis",)), question, asked=[], variant=0) is None


@pytest.mark.parametrize(
    ("question_id", "answer", "kind"),
    [e for e in EXAMPLES if e[2] in ("answered", "partial", "too_short")],
)
def test_probes_never_repeat_and_run_out(question_id: str, answer: str, kind: str) -> None:
    question = context(question_id, jd=_JD)
    result = assess(answer, question)
    asked: list[str] = [" Why does the ORDER of the instructions matter for build speed "]
    for variant in range(20):
        probe = follow_up(answer, result, question, asked=asked, variant=variant)
        if probe is None:
            break
        assert _norm(probe) not in {_norm(a) for a in asked}
        assert _spoken_ok(probe), probe
        assert not _leaks(probe, question, answer)
        asked.append(probe)
    else:
        pytest.fail("follow-ups never ran out")


def test_a_hook_is_probed_once() -> None:
    question = context("be-10")
    first = follow_up("", _assessment("answered", ("Redis",)), question, asked=[], variant=0)
    assert first is not None
    second = follow_up("", _assessment("answered", ("Redis",)), question, asked=[first],
                       variant=1)  # fmt: skip
    assert second is None or "Redis" not in second


def test_no_probe_leaks_a_reference_point_across_the_bank() -> None:
    answer = (
        "At my last job we migrated the API to Kubernetes, put a Redis cache in front of "
        "Postgres and cut latency by 30 percent."
    )
    hooks = find_hooks(answer, "")
    assert len(hooks) == 3
    for q in load_bank().questions:
        question = context(q.id, jd=_JD)
        for kind in ("answered", "partial", "too_short"):
            asked: list[str] = []
            for variant in range(6):
                probe = follow_up(answer, _assessment(kind, hooks), question, asked=asked,
                                  variant=variant)  # fmt: skip
                if probe is None:
                    break
                assert not _leaks(probe, question, answer), (q.id, probe)
                assert _spoken_ok(probe), probe
                asked.append(probe)


def test_a_probe_that_would_reveal_a_point_is_skipped() -> None:
    question = QuestionContext(
        text="How would you scale a read-heavy service?",
        type="technical",
        reference_points=("experience with Apache Kafka and event-driven systems",),
    )
    probe = follow_up("", _assessment("answered"), question, asked=[], variant=0)
    assert probe is None or "Kafka" not in probe
    with_jd = dataclasses.replace(question, jd_snippets=_JD)
    assert follow_up("", _assessment("answered"), with_jd, asked=[], variant=0) is None


@pytest.mark.parametrize("variant", [0, 1, 2])
def test_rephrase_leaks_nothing_across_the_bank(variant: int) -> None:
    for q in load_bank().questions:
        question = context(q.id)
        text = rephrase(question, variant)
        assert not _leaks(text, question), (q.id, text)
        assert not SPOKEN_FORBIDDEN.intersection(text), text
        assert "You could talk about" in text
        assert _norm(text) != _norm(question.text)


def test_rephrase_is_simpler_and_offers_options() -> None:
    assert rephrase(context("bh-01"), 0) == (
        "Let me put it another way. It's about learning and adaptability. In short, I am asking "
        "about a time you had to learn something new quickly. I'm looking for one real example "
        "from your own experience. You could talk about a project at work, at university, or "
        "one of your own."
    )
    caching = rephrase(context("be-10"), 1)
    assert "How would you design a caching layer for a read-heavy service?" in caching
    assert "keep it consistent" not in caching
    scenario = rephrase(context("pm-07"), 1)
    assert "What would you do first?" in scenario


def test_rephrase_varies_with_the_variant() -> None:
    question = context("sd-be-08")
    assert rephrase(question, 0) != rephrase(question, 1)
    assert rephrase(question, 0) == rephrase(question, 2)


def test_a_practice_named_by_a_verb_is_said_back_as_the_practice() -> None:
    hooks = find_hooks("I mentored two junior engineers and one was promoted.", "Tell me more")
    assert "mentoring" in hooks and "mentored" not in hooks
    assert "caching" in find_hooks("We were caching the hot reads in Redis.", "Tell me more")


@pytest.mark.parametrize(
    "answer",
    [
        "About six weeks in, the client changed the scope.",
        "Two years ago we had a similar outage.",
        "Three days later we found the real cause.",
        "Six weeks in we had to switch vendors.",
    ],
)
def test_a_point_in_time_is_not_a_duration_to_probe(answer: str) -> None:
    assert not any(slot_type(h) == "duration" for h in find_hooks(answer, "Tell me about a time"))


def test_a_spelled_number_ending_in_x_is_not_a_multiple() -> None:
    assert (
        slot_type(find_hooks("It took six weeks in total.", "Tell me about a time")[0])
        == "duration"
    )
    assert (
        slot_type(find_hooks("Latency fell 3x after that.", "Tell me about a time")[0]) == "metric"
    )


@pytest.mark.parametrize(
    "answer",
    [
        "One of the projects slipped by two weeks.",
        "The launch was three days late.",
        "We were delayed by about a month.",
    ],
)
def test_a_delay_is_not_a_duration_to_ask_what_took_the_longest(answer: str) -> None:
    assert not any(slot_type(h) == "duration" for h in find_hooks(answer, "Tell me about a time"))
    assert (
        slot_type(find_hooks("We spent two weeks on it.", "Tell me about a time")[0]) == "duration"
    )
