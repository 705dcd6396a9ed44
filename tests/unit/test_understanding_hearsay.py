"""Stories the speaker only heard of or watched (`agent.understanding.hearsay`): told from the
news, an article, a video or a show, with nothing the speaker did in them, they are no answer
to a story question, however many work words they carry; a story of the speaker's own that
mentions where they read something, and learning from what one reads, are answers."""

from __future__ import annotations

import pytest

from agent.understanding import default_embedder
from agent.understanding.hearsay import hearsay
from agent.understanding.topic import TopicQuestion, read_topic

HEARSAY = [
    "I saw this documentary about a shipping company whose whole booking system went down for "
    "a week, the managers were running the port from whiteboards and the customers were furious.",
    "there's a streamer i watch who lost his whole server during a charity event and his "
    "moderators had to rebuild the chat bots live it was honestly amazing",
    "I've been following the story of that airline whose crew scheduling software crashed over "
    "Christmas. Thousands of flights were cancelled and the CEO had to apologise on TV.",
    "I read this long article about a hospital that moved all its records to a new vendor, and "
    "the nurses hated it at first, but the data quality really improved after a year.",
    "Have you seen that story in the news about the bank whose app showed everyone the wrong "
    "balance? Their engineering team was up all night and I think it was a config file.",
    "so i rewatched that series about the chef who takes over his brother's restaurant and the "
    "whole kitchen team fights him at first and then they become this amazing crew",
    # The news, a talk or a post, opened as a question to the listener or as "there was...".
    "load balancing, did you hear what happened to that ticket site when the concert went on "
    "sale? The queue page crashed twice and fans were refreshing for hours.",
    "Onboarding, there was this great keynote at a product conference where a founder showed "
    "how they cut their sign up flow from nine screens to two, the room was clapping.",
    "i was just reading about a city that put its parking permits online and the site went "
    "down on day one because everyone renewed at midnight, total chaos",
    "I went to a meetup where a speaker from a food delivery company told how their surge "
    "pricing went wild during a snowstorm, people paid forty euros for a pizza.",
    "Schema changes, you heard about that payments company whose migration locked the main "
    "table for an hour on a Friday? It was in the tech press all weekend.",
]
NOT_HEARSAY = [
    # Learning from reading is a way of learning.
    "I just read the official docs and build something small, that usually works for me.",
    # A story of the speaker's own that starts from an article.
    "I read an article about retry storms, and the next week I rewrote our client so it backs "
    "off with jitter, which stopped the outages we had every Monday.",
    # The news in passing, inside a real answer.
    "When that big cloud outage was all over the news, I was on call, so I moved our two "
    "critical services to the second region and kept the status page updated.",
    # Seen at work, not heard of.
    "I saw this thing happen on my team once: two seniors argued about the schema for a week "
    "until our manager made them write both options down.",
    # A write-up of the team's own.
    "After the incident we did a write-up about the outage, and I added the alert that would "
    "have caught it an hour earlier.",
    # Going somewhere, then a doing of the speaker's own.
    "I read an article about retry storms, so I went and rewrote our client to back off with "
    "jitter.",
    "I went to a conference talk on canary releases, and the week after I set them up for our "
    "public API.",
    # Reading about a technique, then doing it.
    "I was reading about feature flags last year, and then I added them to our checkout so we "
    "could turn the new payment page off without a deploy.",
    # No source named: private life or work is for other readings to judge.
    "My manager asked me to take over the billing service when our lead left, so I spent two "
    "weeks pairing with her before she went.",
]


@pytest.mark.parametrize("answer", HEARSAY)
def test_a_story_heard_of_or_watched_is_hearsay(answer: str) -> None:
    assert hearsay(answer)


@pytest.mark.parametrize("answer", NOT_HEARSAY)
def test_the_speakers_own_doing_is_not(answer: str) -> None:
    assert not hearsay(answer)


def test_a_story_question_answered_with_hearsay_is_steered_back_not_probed() -> None:
    question = TopicQuestion(
        "Tell me about a time something went badly wrong in production and how you handled it.",
        "behavioral",
    )
    reading = read_topic(HEARSAY[2], question, default_embedder())
    assert not reading.on_topic and reading.private


def test_on_a_knowledge_question_only_hearsay_that_covers_nothing_is_off_topic() -> None:
    """A design answer may relay what an article said; where it covers a reference point it
    is left to the other readings. News that covers none is no answer."""
    question = TopicQuestion("How would you design the storage for a chat app?", "system_design")
    relayed = (
        "I read an article about how a big chat company stores messages: they partition by "
        "channel and bucket by time, so the latest messages of a channel sit together on disk."
    )
    news = (
        "I saw this story in the news about a chat app that lost a week of messages when a "
        "data centre flooded, the founders were on every channel apologising to their users."
    )
    assert hearsay(relayed) and hearsay(news)
    embedder = default_embedder()
    assert not read_topic(relayed, question, embedder, covers=0.4).private
    reading = read_topic(news, question, embedder, covers=0.0)
    assert reading.private and not reading.on_topic
    # The question's words said back as an opening may cover one point of five: still news.
    echoed = "Chat storage, did you see " + news.removeprefix("I saw ")
    assert hearsay(echoed)
    reading = read_topic(echoed, question, embedder, covers=0.2)
    assert reading.private and not reading.on_topic
