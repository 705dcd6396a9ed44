"""The end-of-turn judgement: finished answers end the turn soon, trailing ones wait."""

from __future__ import annotations

import pytest
from livekit.agents import llm

from agent.voice.turn_end import THRESHOLD, AnswerEndDetector, end_probability


@pytest.mark.parametrize(
    "text",
    [
        "I built a payment service in Python with Postgres and Redis.",
        "I reduced the p95 latency from 800 to 120 milliseconds",
        "Could you repeat the question?",
        "Skip.",
        "I don't know.",
        "No.",
        "I think so.",
        "Yes, I do.",
        "I did that",
        "It was the team I worked with.",
        "That's the project I'm most proud of.",
        "It took a while",
        "",
    ],
)
def test_finished_answers_end_the_turn(text: str) -> None:
    assert end_probability(text) >= THRESHOLD


@pytest.mark.parametrize(
    "text",
    [
        "I designed the API with my team and.",  # Whisper ends a cut-off sentence with "."
        "First I measured the slow queries, and then I added an index on the...",
        "I wrote the integration test, so...",
        "I reduced the response time by.",
        "We chose Kafka because",
        "Um, let me think.",
        "Give me a second",
        "The main trade-off was, um",
        "I think it's",
    ],
)
def test_trailing_answers_wait_for_more(text: str) -> None:
    assert end_probability(text) < THRESHOLD


async def test_the_detector_reads_the_candidates_latest_words() -> None:
    detector = AnswerEndDetector()
    ctx = llm.ChatContext()
    ctx.add_message(role="assistant", content="Tell me about a system you designed.")
    ctx.add_message(role="user", content="I designed a billing system and")
    assert await detector.unlikely_threshold("en") == THRESHOLD
    assert await detector.supports_language("en")
    assert await detector.predict_end_of_turn(ctx) < THRESHOLD
    ctx.add_message(role="user", content="it handled a million invoices a day.")
    assert await detector.predict_end_of_turn(ctx) >= THRESHOLD
    assert await detector.predict_end_of_turn(llm.ChatContext()) >= THRESHOLD
