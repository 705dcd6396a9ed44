"""An answer to another question is told so before the question is asked again; chat, private
life and questions to the interviewer are brought back to the question without that claim."""

from __future__ import annotations

import pytest

from agent.interviewer.interviewer import Interviewer

ELSEWHERE = ("different question", "another question", "a different question")

# (role, interview type, seed) openings whose first question is a knowledge question.
OPENINGS = [
    ("backend_engineer", "technical", 3),
    ("backend_engineer", "technical", 4),
    ("data_scientist", "technical", 1),
]
OTHER_ANSWERS = [
    "Optimistic locking keeps a version number on the row and the update fails if someone "
    "changed it in between; pessimistic locking takes the lock up front.",
    "A closure is a function that keeps the variables of the scope where it was defined, so a "
    "counter made inside a factory function still sees its own count later.",
    "Blue green is two full environments and you flip traffic at once, which makes rollback "
    "easy; a canary sends a small share of traffic to the new version first.",
]
NOT_ANSWERS = [
    "My cat knocked my coffee over this morning, the whole kitchen smells of it now.",
    "The weather has been awful all week, I had to cycle to the office in the rain.",
]


def _reply(opening: tuple[str, str, int], said: str) -> str:
    role, kind, seed = opening
    interviewer = Interviewer(role, "junior", kind, seed=seed)
    interviewer.reply(None)
    return interviewer.reply(said)


@pytest.mark.parametrize("opening", OPENINGS)
def test_an_answer_to_another_question_is_told_so(opening: tuple[str, str, int]) -> None:
    told = [any(p in _reply(opening, said) for p in ELSEWHERE) for said in OTHER_ANSWERS]
    # The reading does not catch every one (bench_relevance prints how many); most it does.
    assert sum(told) >= 2, told


@pytest.mark.parametrize("opening", OPENINGS)
@pytest.mark.parametrize("said", NOT_ANSWERS)
def test_chat_and_private_life_are_never_called_an_answer_to_another_question(
    opening: tuple[str, str, int], said: str
) -> None:
    reply = _reply(opening, said)
    assert not any(p in reply for p in ELSEWHERE), reply


@pytest.mark.parametrize(
    ("seed", "said"),
    [
        (0, "My greatest strength is that I'm very organised, I keep the release checklist."),
        (1, "I'm leaving because my current company is cutting my team."),
        (2, "In the first three months I'd want to ship one feature end to end."),
    ],
)
def test_the_career_classics_are_told_so_too(seed: int, said: str) -> None:
    """Seeds 0-2 open on balancing studies, getting up to speed and choosing a field."""
    interviewer = Interviewer("backend_engineer", "junior", "hr", seed=seed)
    opening = interviewer.reply(None)
    assert "about yourself" not in opening
    reply = interviewer.reply(said)
    assert any(p in reply for p in ELSEWHERE), (opening, reply)
