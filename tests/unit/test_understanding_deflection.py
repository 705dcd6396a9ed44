"""Generalities offered as an answer (`agent.understanding.deflection`): a turn that piles up
how common the thing is, that it depends, that nothing comes to mind, or musing about the
subject, deferring the answer to the docs, the team or later, is evasive; one such phrase
inside a real answer, generalities with a figure of the speaker's own, and a long turn that
goes on to answer are not."""

from __future__ import annotations

import pytest

from agent.understanding import default_embedder
from agent.understanding.deflection import is_deflection
from agent.understanding.topic import TopicQuestion, is_evasive, read_topic

DEFLECTIONS = [
    "Oh, that's a classic one, honestly every team runs into it sooner or later, it's just part "
    "of the job.",
    "Caching, sure, I've done that loads of times, they all kind of blur together now.",
    "Well, it really depends, there are so many factors and every company does it differently.",
    "Conflicts, yeah, like everybody I've been there, nothing specific stands out though.",
    "I'd just do it the normal way, follow best practices, nothing fancy.",
    # Declining to come down to one example.
    "Setbacks are inevitable in any job, so I'd rather talk about my mindset than one example.",
    "Honestly there's no single right answer, so I'll keep it general if that's alright.",
    "Pressure is constant in this industry, it's hard to point to one moment in particular.",
    # Musing about the subject instead of answering.
    "Rate limiting is such an underrated topic, isn't it? Honestly I'd want to understand the "
    "whole picture before saying anything concrete.",
    "Onboarding new people is really a journey, and my philosophy is to let it unfold "
    "naturally for each person rather than giving one recipe for everyone.",
    "Pricing, wow, that fascinates me, it's a real art more than a science, and every market "
    "is unique in its own way, so I'd hate to guess on the spot.",
    "feedback is highly situational you know so it's hard to say anything useful in the abstract",
    # A self-portrait or a creed instead of an event.
    "Deadlines are part of the job. I'm the type of person who stays calm, and I'd like to think "
    "my team sees me as the steady one when things get tight.",
    "honestly i'm a big believer in ownership and in general i just step in wherever there's a "
    "gap, communication is key",
    # Longer, so it needs more of them.
    "Mentoring is something I really care about, and I think it is so important for any team. "
    "I'm the kind of colleague who always makes time for newer people, and in general I try to "
    "lead by example, share what I know openly and stay patient. I'd like to think people feel "
    "comfortable coming to me with questions whenever they are stuck on something.",
    # Deferring the answer: to the docs, to the team's habits or tools, or until more is known.
    "Webhooks are super popular now, so honestly I'd just read the official docs for whatever "
    "provider we pick and follow their recommended setup.",
    "Retries and backoff are absolutely fundamental, and what the codebase's conventions say "
    "would decide it, whatever library the team already uses.",
    "Schema migrations are one of the core things in backend work, so I'd want a lot more "
    "context on the system before committing to anything and go from there.",
    "Search relevance has no perfect solution, and the honest answer is I'd go with whatever "
    "the team already uses.",
    "My first month really depends on the team, but I'm easy to work with and I'd hit the "
    "ground running.",
    # Only qualities, or a manner, in place of a design.
    "For a notification service I'd make sure it's reliable and scalable and that we approach "
    "it methodically, the way I approach any design.",
    # A self-portrait in place of what the candidate would do.
    "New codebases don't scare me, I'm a really quick learner and a people person, that's just "
    "how I work.",
    # Declining to pick one, or a saying in place of an answer.
    "Singling out one mentor would be unfair, they all shaped me in their way, as they say it "
    "takes a village.",
]
ANSWERS = [
    # One generality inside a real answer.
    "Everyone was nervous after the outage, so I wrote a runbook and we ran a drill every month.",
    "It depends on the read pattern: for hot keys I'd cache in Redis with a short expiry.",
    # Generalities with a figure: a rough estimate is an answer.
    "It depends on the city, but a lot of people have dogs, so maybe a hundred thousand users.",
    "Every team is different, but I'd aim for 80 percent test coverage on the payment code.",
    # Weak, but an answer.
    "I usually just talk to them and we sort it out.",
    "Saying no is never easy, so I explain why and offer a smaller version instead.",
    "I don't have one big example, but at my internship I asked my lead whenever I was stuck.",
    # Judging the subject important, and common sayings, are part of real answers.
    "I think disagreements are a normal part of working in a team. I always try to listen, "
    "stay calm and find a compromise, because communication is really important and at the "
    "end of the day we all want the same thing.",
    # One musing phrase inside an answer, or musing beside a figure.
    "Rate limiting is such an important topic. I'd put a token bucket per API key in Redis and "
    "return a 429 with a retry header when it runs out.",
    "My philosophy is simple: I write the test first, then the code, and I ask for a review "
    "before anything merges.",
    "Pricing is a real art, isn't it? I'd still start from what the three competitors charge "
    "and test two price points with new sign-ups.",
    # Checking an assumption is no musing, whatever else sounds general.
    "I'll assume everyone sees the same feed for a city, is that right? Then I'd precompute "
    "it every minute, keep it in Redis and let the clients poll with an etag.",
    # A self-portrait beside the event it describes.
    "I'm the kind of person who asks early. When I joined the data team I didn't understand "
    "our billing tables, so I booked a call with the finance analyst and wrote up what I "
    "learned for the next intern.",
    "In general I keep reviews small. On the checkout rewrite I split my change into slices "
    "behind a flag, so each review took my lead minutes instead of an afternoon.",
    # Musing that runs on into an answer is long enough to hold one.
    "Honestly, leading through change is such an interesting thing, isn't it, because people "
    "react so differently. When our team moved from the monolith to services, I held weekly "
    "sessions where anyone could bring a worry, paired the most anxious engineers with the "
    "ones who had done it before, and we wrote down every open question until it was "
    "answered, which kept the move calm and on schedule.",
    # Pointing at the docs, the team's habits, or the subject's importance, beside the answer.
    "Indexes are really important here: I'd add a composite index on customer id and created "
    "at, check the query plan, and read the docs on how our engine locks during the build.",
    "I'd follow the team's conventions for naming, but the key part is a dead letter queue so "
    "a poison message stops retrying and someone gets paged.",
    "Before choosing an approach I'd ask how stale the data may be; if a minute is fine, a "
    "read-through cache with a sixty second expiry and delete-on-write keeps it consistent.",
    "I'd keep it simple and reliable: one queue per tenant, workers that pull with a lease, "
    "and a heartbeat so a crashed worker's jobs go back on the queue.",
]


@pytest.mark.parametrize("answer", DEFLECTIONS)
def test_piled_up_generalities_are_a_deflection(answer: str) -> None:
    assert is_deflection(answer)
    assert is_evasive(answer)


@pytest.mark.parametrize("answer", ANSWERS)
def test_a_generality_inside_an_answer_is_not(answer: str) -> None:
    assert not is_deflection(answer)


def test_a_figure_said_back_from_the_question_is_none_of_the_speakers_own() -> None:
    asked = "Sign-ups fell by ten percent last week. How would you find out why?"
    said_back = (
        "A ten percent drop is really significant, so I'd want a lot more context before "
        "saying anything and go from there."
    )
    assert is_deflection(said_back, asked) and is_evasive(said_back, asked)
    own = said_back.replace("go from there", "look at the last two releases first")
    assert not is_deflection(own, asked)


def test_the_topic_reading_takes_it_as_off_topic_however_close_it_sounds() -> None:
    question = TopicQuestion("How would you add caching to a slow product API?", "technical")
    reading = read_topic(DEFLECTIONS[1], question, default_embedder())
    assert reading.evasive and not reading.on_topic
