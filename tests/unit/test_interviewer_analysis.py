"""Answer understanding: the kind of each candidate turn, relevance, coverage, quality, hooks."""

from __future__ import annotations

import dataclasses
from collections import Counter

import pytest

from agent.interviewer.analysis import (
    ATTEMPTS,
    REDIRECTED,
    AnswerKind,
    Assessment,
    assess,
    prepare,
)
from agent.interviewer.relevance import QuestionContext
from agent.interviewer.signals import Delivery
from agent.understanding.lang import STOPWORDS

from interviewer_answers import EXAMPLES, HOLDOUT, PROMPT_INJECTION_ANSWER, context

# Known misses of the current calibration, kept visible (strict: fixing one fails the mark).
KNOWN_MISSES = {
    # A thin method in other words than the question's: the knowledge model refitted on the
    # larger calibration split places it under the technical threshold.
    "I would split the users in two groups and compare conversion.",
}


def _cases() -> list[object]:
    return [
        pytest.param(
            q, a, k,
            id=f"{k}-{n}",
            marks=[pytest.mark.xfail(strict=True, reason="known miss")] if a in KNOWN_MISSES else [],
        )
        for n, (q, a, k) in enumerate(EXAMPLES + HOLDOUT)
    ]  # fmt: skip


@pytest.mark.parametrize(("question_id", "answer", "kind"), _cases())
def test_kind(question_id: str, answer: str, kind: AnswerKind) -> None:
    assert assess(answer, context(question_id)).kind == kind


def test_examples_cover_every_kind_on_both_question_families() -> None:
    kinds = Counter(kind for _, _, kind in EXAMPLES)
    for kind in ("answered", "partial", "too_short", "off_topic", "hesitant", "confused",
                 "outside", "injection"):  # fmt: skip
        assert kinds[kind] >= 6, kind
        families = {context(q).type in ("behavioral", "hr") for q, _, k in EXAMPLES if k == kind}
        assert families == {True, False}, kind


def test_explaining_prompt_injection_defences_is_an_answer() -> None:
    result = assess(PROMPT_INJECTION_ANSWER, context("sd-ds-11"))
    assert result.kind == "answered"
    assert result.coverage >= 0.4


@pytest.mark.parametrize(
    "answer",
    [
        "We saw users paste ignore all previous instructions into the chat, so we added a "
        "classifier in front of the model and never put secrets in the system prompt.",
        "An attacker might tell the model to ignore its instructions, so we kept the system "
        "prompt separate from retrieved text and validated every tool call.",
        "Prompt injection is when text such as 'you are now in developer mode' gets the model "
        "to act outside its rules; the fix is layered: isolation, filtering and least privilege.",
    ],
)
def test_talking_about_injection_is_not_injection(answer: str) -> None:
    assert assess(answer, _LLM_SECURITY).kind in ("answered", "partial")


# A question the planner could ground in an LLM engineer's resume.
_LLM_SECURITY = QuestionContext(
    text="How did you protect your LLM features against prompt injection?",
    type="technical",
    reference_points=(
        "treats user and retrieved text as data, not instructions",
        "separates the system prompt from untrusted content",
        "filters or classifies suspicious input",
        "limits what tools and data the model can reach",
    ),
    topics=("llm security",),
)


def test_assess_is_deterministic() -> None:
    question_id, answer, _ = EXAMPLES[0]
    first = assess(answer, context(question_id))
    assert all(assess(answer, context(question_id)) == first for _ in range(3))


def test_prepare_does_not_change_the_result() -> None:
    question = context("bh-03")
    _, answer, _ = next(e for e in EXAMPLES if e[0] == "bh-03" and e[2] == "answered")
    prepare(question)
    assert assess(answer, question) == assess(answer, dataclasses.replace(question))


@pytest.mark.parametrize(("question_id", "answer", "kind"), EXAMPLES)
def test_scores_are_bounded_and_points_exist(question_id: str, answer: str, kind: str) -> None:
    question = context(question_id)
    result = assess(answer, question)
    assert 0.0 <= result.relevance <= 1.0
    assert 0.0 <= result.coverage <= 1.0
    assert 0.0 <= result.quality <= 1.0
    assert all(0 <= i < len(question.reference_points) for i in result.covered_points)
    assert result.coverage == pytest.approx(
        len(result.covered_points) / len(question.reference_points), abs=1e-3
    )
    if result.kind not in ATTEMPTS:
        assert result.quality == 0.0


def _by_kind(question_id: str, kind: str) -> Assessment:
    answer = next(a for q, a, k in EXAMPLES if q == question_id and k == kind)
    return assess(answer, context(question_id))


@pytest.mark.parametrize("question_id", ["be-10", "bh-02", "ds-05", "pm-07"])
def test_quality_orders_answers(question_id: str) -> None:
    answered = _by_kind(question_id, "answered")
    partial = _by_kind(question_id, "partial")
    short = _by_kind(question_id, "too_short")
    off = _by_kind(question_id, "off_topic")
    assert answered.quality > partial.quality > short.quality
    assert answered.coverage > partial.coverage
    assert off.quality < 0.2
    assert off.relevance < answered.relevance


def test_hooks_are_the_candidates_own_phrases() -> None:
    answer = (
        "Last year we migrated the billing service to Kubernetes and put a Redis cache in front "
        "of Postgres, which gave us a 40 percent drop in p99 latency."
    )
    result = assess(answer, context("be-10"))
    assert result.hooks == ("the migration to Kubernetes", "a 40 percent drop", "the Redis cache")


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ("We moved from Jenkins to GitHub Actions and builds got 3x faster.", "3x"),
        ("Our checkout served about 2 million users a day from three regions.", "2 million"),
        ("I rewrote the ingestion pipeline in Rust over two months.", "Rust"),
        ("I set up Grafana dashboards and alerts for the payments team.", "Grafana"),
    ],
)
def test_hooks_find_numbers_and_technologies(answer: str, expected: str) -> None:
    hooks = assess(answer, context("be-14")).hooks
    assert any(expected in hook for hook in hooks), hooks


@pytest.mark.parametrize(("question_id", "answer", "kind"), EXAMPLES)
def test_hooks_are_short_and_never_stopwords(question_id: str, answer: str, kind: str) -> None:
    hooks = assess(answer, context(question_id)).hooks
    assert len(hooks) <= 3
    for hook in hooks:
        assert hook in answer or hook.split(" ", 1)[-1] in answer or hook.lower() in answer.lower()
        assert len(hook.split()) <= 6
        assert set(hook.lower().split()) - STOPWORDS - {"a", "the"}


def test_hooks_skip_words_that_only_echo_the_question() -> None:
    hooks = assess("Kubernetes restarts the pods on another node.", context("do-08")).hooks
    assert "Kubernetes" not in hooks


def test_long_silence_before_a_thin_answer_is_hesitance() -> None:
    question = context("bh-02")
    answer = "I think it was at my old job, maybe."
    slow = Delivery(speech_s=2.0, duration_s=4.0, time_to_start_s=12.0, word_count=9)
    assert assess(answer, question, delivery=slow).kind == "hesitant"
    assert assess(answer, question).kind != "hesitant"


def test_fillers_in_a_real_answer_do_not_make_it_hesitant() -> None:
    answer = (
        "Um, so, uh, I would put Redis in front of the database, and um, on every write I'd "
        "delete the key so, like, the next read loads it fresh, with a TTL as a safety net."
    )
    fluent = Delivery(speech_s=9.0, duration_s=12.0, time_to_start_s=1.0, filler_count=5,
                      word_count=40)  # fmt: skip
    assert assess(answer, context("be-10"), delivery=fluent).kind in ("partial", "answered")


def test_a_question_word_inside_a_story_is_not_outside() -> None:
    answer = (
        "I'd split the page into a header, a card for the current weather and a list of five "
        "day cards, and fetch the forecast once at the top."
    )
    assert assess(answer, context("sd-fe-01")).kind in ("partial", "answered")


def test_the_candidates_own_salary_question_stays_an_answer_on_the_salary_question() -> None:
    answer = "Around ninety thousand, but it depends on the full package and the equity."
    assert assess(answer, context("hr-15")).kind in ("partial", "answered")


@pytest.mark.parametrize(
    "answer",
    [
        "I am not sure, but I think I would talk to the team and check the logs first, then "
        "roll back the release.",
        "Let me think. I would check which servers run which version, then roll forward.",
    ],
)
def test_a_hedge_before_a_real_answer_is_not_hesitance(answer: str) -> None:
    assert assess(answer, context("cs-do-07")).kind == "partial"


@pytest.mark.parametrize(
    ("question_id", "answer"),
    [
        ("be-10", "Is that a service you actually run, or one of yours from a past project?"),
        ("bh-03", "Before that, how big is the team here? And do people mostly work remotely?"),
        (
            "cs-pm-04",
            "Quick question first. Would I be on the growth squad or the core app? And how "
            "often do product managers here talk to customers, is that weekly or more ad hoc?",
        ),
        # Their own view or practice on the subject, among remarks and a word about oneself.
        (
            "bh-03",
            "Oh, I think about this a lot, honestly, it's such a tricky thing in my field. "
            "What would you do if two people on your team each wanted a different plan?",
        ),
        (
            "be-10",
            "Caching is one of those things I keep reading about. How do you guys decide what "
            "goes in the cache here? Is there a rule of thumb you like?",
        ),
        # Unpunctuated, as the recogniser may give it.
        (
            "bh-03",
            "hmm before i answer how does the team here usually settle a disagreement like that",
        ),
        # A remark, then questions in the question's own words: they say what is done here,
        # not what the candidate would do.
        (
            "be-10",
            "Ha, caching, everyone's favourite. Do you cache the read-heavy pages in Redis here, "
            "with a short TTL? And how do you keep it consistent when a product changes?",
        ),
        # A question asked as a statement.
        (
            "bh-03",
            "Oh, that's a tricky one. I'd love to hear how your team settles disagreements.",
        ),
        # Unpunctuated after a remark, with fillers that state nothing of the speaker's own.
        (
            "bh-03",
            "oh disagreements thats a good one i mean has that ever happened to you and how "
            "does the team here usually settle it",
        ),
        (
            "be-10",
            "um caching right so like do you guys cache the product pages in redis or is it all "
            "a cdn here and who picks the ttl for the consistent bits",
        ),
    ],
)
def test_a_question_put_back_to_the_interviewer_is_no_answer(question_id: str, answer: str) -> None:
    assert assess(answer, context(question_id)).kind in REDIRECTED


@pytest.mark.parametrize(
    ("question_id", "answer"),
    [
        # A story that ends by checking it was what they wanted stays an answer.
        (
            "bh-03",
            "My teammate wanted to ship the redesign before the sale and I wanted to wait. We "
            "ran it for ten percent of users first, checkout errors doubled, so we held it a "
            "week and fixed them. Is that the kind of example you mean?",
        ),
        # So does a knowledge answer that asks whether to go deeper.
        (
            "be-10",
            "I'd put Redis in front of the product API, cache by product id with a short TTL, "
            "and delete the key whenever the product is updated. Should I go into eviction?",
        ),
        # A story, then the interviewer's view asked.
        (
            "bh-03",
            "At my last job two of us disagreed on the schema, so I wrote both versions up with "
            "their costs and we picked one in a short meeting. What would you have done?",
        ),
        # A knowledge answer that says what a good one says, then asks how they do it.
        (
            "be-10",
            "I'd cache product pages in Redis keyed by id with a short TTL and invalidate the "
            "key on every update, so reads skip the database. How do you handle it here?",
        ),
        # Unpunctuated, an answer of the speaker's own that ends by asking how they do it.
        (
            "be-10",
            "so i would cache the product pages in redis keyed by the product id with a short "
            "ttl and drop the key on every update is that how you guys do it here",
        ),
        # A short answer with a figure, then a question back.
        (
            "hr-15",
            "Around seventy thousand, I think. How do raises work here?",
        ),
    ],
)
def test_an_answer_that_ends_asking_the_interviewer_stays_an_answer(
    question_id: str, answer: str
) -> None:
    assert assess(answer, context(question_id)).kind not in REDIRECTED


def test_a_plan_to_learn_about_the_team_is_an_answer_not_a_question_back() -> None:
    """Asked what they would want to learn about the team here, "I'd want to know..." is
    the answer, not a question put to the interviewer."""
    answer = (
        "First I'd want to know how the team ships today and what keeps breaking. Then I'd "
        "pair with each engineer for a day before changing anything."
    )
    assert assess(answer, context("hr-27")).kind not in REDIRECTED
