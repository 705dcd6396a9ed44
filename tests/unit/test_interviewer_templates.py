"""Every spoken template that takes the candidate's words, filled with hooks found in a range
of real answers: each filler fits its slot type, and the sentence it makes is grammatical
(checked by rules, not by reading)."""

from __future__ import annotations

import re
from itertools import pairwise

import pytest

from agent.interviewer import followups, phrases
from agent.interviewer.grounding import spoken_organisation
from agent.interviewer.hooks import find_hooks, is_practice
from agent.interviewer.relevance import QuestionContext
from agent.interviewer.slots import NOUN_SLOTS, NUMBER_PROBES, SlotType, slot_type
from agent.understanding.lang import words

ANSWERS = [
    "We moved the sessions to Redis and p99 latency dropped by 40 percent.",
    "It took us three weeks to migrate the billing service to Kubernetes.",
    "The new dashboards cost about 600 dollars a month in Grafana Cloud.",
    "Our checkout served 2 million users a day from three regions.",
    "I led five engineers through the rewrite in Go, which gave a 3x speedup.",
    "We switched from Jenkins to GitHub Actions and builds took ten minutes instead of forty.",
    "I noticed the Kafka consumer lag and learned a lot about relationships with the SRE team.",
    "Sana and I rebuilt the Postgres index and cut the report from two hours to 90 seconds.",
    "We spent $12,000 on a Snowflake pilot for the analytics team over two quarters.",
    "An outage in the Payments API hit 8,000 orders before I rolled it back.",
    "I trained a XGBoost model on 4 million rows and the F1 score rose by 12 percent.",
    "My manager Priya asked me to cut the Terraform plan time, it took 25 minutes.",
    "Based on what I've seen for this level, somewhere around 85 to 95 thousand.",
    "I enjoy mentoring and code review more than I expected.",
]
HOOKS: list[str] = sorted({h for a in ANSWERS for h in find_hooks(a, "Tell me about it.")})

# Words spoken as "you..." or with a silent h: the article rule knows them.
_A_BEFORE_VOWEL_OK = {"user", "users", "unique", "unit", "use", "usual", "one", "european"}
_AN_BEFORE_CONSONANT_OK = {"hour", "hours", "honest", "sre", "sla", "f1", "api", "x", "s3"}


def grammar_errors(sentence: str) -> list[str]:
    errors = []
    if "{" in sentence or "}" in sentence:
        errors.append("unfilled slot")
    if not sentence[:1].isupper() or not sentence.rstrip().endswith((".", "?")):
        errors.append("not a sentence")
    tokens = words(sentence)
    for a, b in pairwise(tokens):
        if a == b and a not in ("that",):
            errors.append(f"doubled word {a!r}")
        if a == "a" and b[0] in "aeiou" and b not in _A_BEFORE_VOWEL_OK:
            errors.append(f"'a {b}'")
        if a == "an" and b[0] not in "aeiou" and b not in _AN_BEFORE_CONSONANT_OK:
            errors.append(f"'an {b}'")
    return errors


def _noun_phrase(hook: str) -> bool:
    """A noun phrase: its last word is not a past participle or an adverb, unless a name."""
    last = hook.split()[-1]
    return last[:1].isupper() or not re.search(r"(?:ed|ly)$", last.lower())


def _templates_for(kind: SlotType) -> list[str]:
    if kind == "duration":
        return [*NUMBER_PROBES[kind], *followups._PLANNED_DURATION]
    if kind in NUMBER_PROBES:
        return list(NUMBER_PROBES[kind])
    if kind == "change":
        return list(followups._CHANGE_PROBES)
    if kind == "name":
        return [*followups._NAME, *followups._STORY]
    heads = [
        p.replace("{would}", w) for p in followups._HEAD_PROBES.values() for w in ("would", "did")
    ]
    return [*followups._EXPERIENCE_TECH, *followups._HYPOTHETICAL_TECH, *followups._STORY_TECH,
            *followups._STORY_PRACTICE, *heads]  # fmt: skip


def test_the_answers_give_fillers_of_every_slot_type() -> None:
    kinds = {slot_type(h) for h in HOOKS}
    assert kinds >= {
        "tech", "name", "change", "metric", "duration", "money", "scale", "count", "amount"
    }  # fmt: skip


@pytest.mark.parametrize("hook", HOOKS)
def test_every_probe_for_a_hook_is_grammatical_and_fits_its_slot(hook: str) -> None:
    kind = slot_type(hook)
    spoken = followups._spoken(hook)
    for template in _templates_for(kind):
        sentence = template.format(hook=spoken)
        assert grammar_errors(sentence) == [], (kind, sentence)
        if "ten times bigger" in template:
            assert kind == "scale", sentence
        if "measure" in template:
            assert kind == "metric", sentence
        if "took the longest" in template or "that long" in template:
            assert kind == "duration", sentence
        if "that number" in template:
            assert kind == "amount", sentence
    if kind in NOUN_SLOTS:
        assert _noun_phrase(hook), hook


@pytest.mark.parametrize("hook", HOOKS)
def test_acknowledgements_only_echo_noun_phrases_and_stay_grammatical(hook: str) -> None:
    for tone, options in phrases._ACK_WITH_KEYWORD.items():
        for template in options:
            if slot_type(hook) in NOUN_SLOTS:
                assert grammar_errors(template.format(kw=hook)) == [], (tone, template, hook)


@pytest.mark.parametrize("answer", ANSWERS)
def test_an_acknowledgement_never_echoes_a_verb_or_an_abstract_word(answer: str) -> None:
    for tone in phrases._ACK_WITH_KEYWORD:
        for variant in range(5):
            said = phrases.acknowledgement(tone, answer, "Tell me about it.", [], variant)
            assert grammar_errors(said) == [], said
            for bad in ("noticed", "learned", "relationships"):
                assert bad not in said, said


@pytest.mark.parametrize(
    ("hook", "kind"),
    [("three weeks", "duration"), ("600 dollars", "money"), ("a 40 percent drop", "metric"),
     ("2 million users", "scale"), ("five engineers", "count"), ("3x", "metric"),
     ("95 thousand", "amount"), ("six weeks", "duration")],
)  # fmt: skip
def test_numbers_are_typed_by_their_unit(hook: str, kind: SlotType) -> None:
    assert slot_type(hook) == kind


@pytest.mark.parametrize(
    ("style", "spoken"),
    [("fintech startup", "a fintech startup"), ("enterprise bank", "an enterprise bank"),
     ("the BBC", "the BBC"), ("Google", "Google")],
)  # fmt: skip
def test_the_company_style_gets_its_article(style: str, spoken: str) -> None:
    assert phrases.with_article(style) == spoken


@pytest.mark.parametrize(
    ("answer", "hook"),
    [
        ("I would put a load balancer in front of the app servers.", "the load balancer"),
        ("Jobs went through a message queue with retries.", "the message queue"),
        ("We added observability before the launch.", "observability"),
        ("I added caching in front of the catalogue.", "caching"),
        ("We split the monolith into microservices.", "microservices"),
        ("we deployed it on kubernetes", "Kubernetes"),
        ("The CDN took most of the traffic.", "CDN"),
    ],
)
def test_a_thing_in_plain_words_is_said_back_with_its_article(answer: str, hook: str) -> None:
    """Said back as "You mentioned the load balancer.", never without its article; a practice
    stays a practice ("observability"), a product keeps its name ("Kubernetes")."""
    assert hook in find_hooks(answer, "How would you design it?")


def test_an_acknowledgement_leaves_the_hook_to_the_follow_up_that_says_it() -> None:
    answer = "At my internship I built the reporting API in Django and cut the load time by half."
    question = "Tell me about a project you are proud of."
    alone = phrases.acknowledgement("neutral", answer, question, [], 0)
    assert "Django" in alone
    follow_up = "You mentioned Django. What was the hardest part of working with it?"
    before = phrases.acknowledgement("neutral", answer, question, [], 0, then=follow_up)
    assert "Django" not in before and before.endswith(".")


def test_a_generic_acronym_is_no_hook_and_a_latency_is_one() -> None:
    hooks = find_hooks(
        "Our checkout API got slow: p95 went from 300 milliseconds to two seconds.",
        "Tell me how you would find and fix a slow database query in production.",
    )
    assert "API" not in hooks and any("300 milliseconds" in h for h in hooks)


@pytest.mark.parametrize(
    ("answer", "hook"),
    [
        (
            "Review time went from three days to the same day.",
            "going from three days to the same day",
        ),
        (
            "We cut costs from 600 dollars to 200 dollars a month.",
            "going from 600 dollars to 200 dollars",
        ),
        (
            "Errors dropped from 4% to under 1% after the release.",
            "going from 4 percent to under 1 percent",
        ),
        (
            "The build went from about 40 minutes down to 5 minutes.",
            "going from about 40 minutes to 5 minutes",
        ),
    ],
)
def test_a_change_from_one_amount_to_another_is_said_back_whole_as_a_result(
    answer: str, hook: str
) -> None:
    """Not "You mentioned three days. What would have made it faster?" about the time before
    the candidate's own fix: the change is the result, asked how it was measured."""
    hooks = find_hooks(answer, "Tell me about something you improved.")
    assert hooks[0] == hook and slot_type(hook) == "metric"
    before = hook.removeprefix("going from ").split(" to ")[0]
    assert before not in hooks


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ("Danggeun Pay Inc. (KarrotPay)", "Danggeun Pay"),
        ("Infosys Ltd.", "Infosys"),
        ("Tata Consultancy Services Pvt. Ltd.", "Tata Consultancy Services"),
        ("Acme, Inc.", "Acme"),
        ("Stripe (contract)", "Stripe"),
        ("Google", "Google"),
        ("Bank of America Corporation", "Bank of America"),
        ("Stripe, Dublin", "Stripe"),
        ("Flipkart, Bengaluru, India", "Flipkart"),
    ],
)
def test_an_organisation_is_said_as_a_person_says_it(written: str, said: str) -> None:
    assert spoken_organisation(written) == said


def test_a_practice_in_a_story_is_not_a_tool_worked_with() -> None:
    question = QuestionContext("How do you think about staying hands on?", "hr", ())
    for hook in ("mentoring", "code review"):
        for template in followups._templates(hook, question, f"I believe in {hook}."):
            assert "working with it" not in template and "do with it" not in template
    said = "We put the Redis cache in front."
    assert followups._templates("the Redis cache", question, said) == followups._STORY_TECH


def test_a_length_of_time_in_a_plan_is_not_asked_what_took_the_longest() -> None:
    plan = QuestionContext("How would you grow the supply side?", "case_study", ())
    story = QuestionContext("Tell me about a time you missed a deadline.", "behavioral", ())
    planned = "I'd run a pilot for three months in one city."
    assert followups._templates("three months", plan, planned) == followups._PLANNED_DURATION
    went = "We slipped by three months."
    assert followups._templates("three months", story, went) == NUMBER_PROBES["duration"]


@pytest.mark.parametrize(
    "answer",
    [
        "I've used your app for two years and I like how fast it is.",
        "I spent two weeks on the onboarding flow last summer.",
        "It took three months to get the first sellers, back at my last job.",
    ],
)
def test_a_length_of_time_that_went_by_is_not_asked_about_as_a_plan(answer: str) -> None:
    plan = QuestionContext("If you joined us, what would you want to achieve first?", "hr", ())
    hook = next(h for h in ("two years", "two weeks", "three months") if h in answer)
    assert followups._templates(hook, plan, answer) == ()


@pytest.mark.parametrize(
    ("answer", "hook"),
    [("I wrote the tests with pytest.", "pytest"), ("We cleaned it with pandas.", "pandas"),
     ("We put a load balancer in front.", "the load balancer")],
)  # fmt: skip
def test_a_product_named_in_lower_case_gets_no_article(answer: str, hook: str) -> None:
    assert find_hooks(answer, "Tell me about it.")[0] == hook
    assert not is_practice("pytest") and is_practice("mentoring")


@pytest.mark.parametrize(
    ("answer", "hooks"),
    [
        ("Millions a day is only a few hundred requests a second.", ("a few hundred requests",)),
        ("Ninety percent of the traffic was reads.", ("ninety percent",)),
        ("Public speaking. I get nervous presenting.", ("public speaking",)),
        ("We moved to two week sprints.", ()),
        ("I'd start from the goals for the half year.", ()),
        ("PUT and DELETE should be safe to retry.", ()),
        ("Three clients were launching before Black Friday.", ()),
        ("We automated renewal with Let's Encrypt.", ()),
        ("At Acme Payments I led the team.", ("Acme Payments",)),
    ],
)
def test_hooks_are_said_as_a_person_says_them_mid_sentence(
    answer: str, hooks: tuple[str, ...]
) -> None:
    assert find_hooks(answer, "Tell me about it.") == hooks


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ("I'd put Redis in front of the database with a short TTL.", "_HYPOTHETICAL_TECH"),
        ("You could use Redis for that, with a short TTL.", "_HYPOTHETICAL_TECH"),
        ("We put Redis in front of the database last year.", "_EXPERIENCE_TECH"),
        ("I'd say we used Redis for that at my last job.", "_EXPERIENCE_TECH"),
    ],
)
def test_a_tool_said_as_a_plan_is_not_asked_about_its_history(answer: str, expected: str) -> None:
    question = QuestionContext("What is a database index?", "technical", ())
    assert followups._templates("Redis", question, answer) == getattr(followups, expected)


@pytest.mark.parametrize("hook", ["deep learning", "statistics", "DevOps", "caching"])
def test_a_practice_in_a_technical_answer_is_not_asked_how_it_was_got_working(hook: str) -> None:
    question = QuestionContext("What is a p value?", "technical", ())
    for template in followups._templates(hook, question, f"We talked about {hook}."):
        assert "getting it working" not in template and "went wrong with it" not in template
