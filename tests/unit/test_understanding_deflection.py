"""Generalities offered as an answer (`agent.understanding.deflection`): a turn that piles up
how common the thing is, that it depends, or that nothing comes to mind is evasive; one such
phrase inside a real answer, or generalities with a figure, are not."""

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
]


@pytest.mark.parametrize("answer", DEFLECTIONS)
def test_piled_up_generalities_are_a_deflection(answer: str) -> None:
    assert is_deflection(answer)
    assert is_evasive(answer)


@pytest.mark.parametrize("answer", ANSWERS)
def test_a_generality_inside_an_answer_is_not(answer: str) -> None:
    assert not is_deflection(answer)


def test_the_topic_reading_takes_it_as_off_topic_however_close_it_sounds() -> None:
    question = TopicQuestion("How would you add caching to a slow product API?", "technical")
    reading = read_topic(DEFLECTIONS[1], question, default_embedder())
    assert reading.evasive and not reading.on_topic
