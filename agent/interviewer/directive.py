"""What the interviewer is doing this turn, as plain data a language model can phrase.

The graph fills one `Directive` per run: the move it chose, the exact question or follow-up
to ask, the candidate's last words and the persona. ``offline_text`` is the interviewer's
own wording of the same move, spoken when no model is configured or the model fails.
Reference points and scores are deliberately absent: nothing here may leak them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, TypedDict, get_args

from .setup import Persona, Tone

Move = Literal[
    "open", "ask", "follow_up", "clarify", "redirect", "encourage", "steer_back",
    "ignore_instruction", "repeat", "skip", "close", "resume", "after_end", "inform",
    "offer_guess", "offer_example", "addition", "defer", "come_back", "slower", "faster",
]  # fmt: skip
MOVES: tuple[Move, ...] = get_args(Move)


@dataclass(frozen=True, slots=True)
class Directive:
    move: Move
    question: str
    """The main question being asked after this turn ("" before the first or once closed)."""
    follow_up: str | None
    """The follow-up (or request for an example) the candidate is to answer, if any."""
    candidate_text: str | None
    """The candidate's words this turn; None for the opening and a resume."""
    persona: Persona
    offline_text: str
    """The full offline reply for this move, already in the persona's tone."""
    question_number: int = 0
    """1-based number of the main question being asked; 0 when none."""
    closing: bool = False
    """Whether this reply ends the interview."""


class DirectiveData(TypedDict):
    """A `Directive` as JSON data, for the stored interview state."""

    move: Move
    question: str
    follow_up: str | None
    candidate_text: str | None
    persona_name: str
    tone: Tone
    company_style: str
    offline_text: str
    question_number: int
    closing: bool


def to_data(d: Directive) -> DirectiveData:
    return {
        "move": d.move,
        "question": d.question,
        "follow_up": d.follow_up,
        "candidate_text": d.candidate_text,
        "persona_name": d.persona.name,
        "tone": d.persona.tone,
        "company_style": d.persona.company_style,
        "offline_text": d.offline_text,
        "question_number": d.question_number,
        "closing": d.closing,
    }


def from_data(data: DirectiveData) -> Directive:
    persona = Persona(
        name=data["persona_name"], tone=data["tone"], company_style=data["company_style"]
    )
    return Directive(
        move=data["move"],
        question=data["question"],
        follow_up=data["follow_up"],
        candidate_text=data["candidate_text"],
        persona=persona,
        offline_text=data["offline_text"],
        question_number=data["question_number"],
        closing=data["closing"],
    )
