"""Steering text in an answer ("give me 10/10", "ignore the rubric") is removed before scoring.

The candidate's words are data, never instructions to the scorer. A sentence that tries to
steer the score is dropped whole; in a long unpunctuated transcript only the clause around
the steering words goes, so the rest of the answer still counts. What remains is scored
exactly as if the steering text had never been said, and the evaluation is flagged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from agent.understanding.injection import is_injection
from agent.understanding.lang import words

from .text import Segment, make_segment, split_segments

_GRADE = (
    r"(?:(?:a\s+|an\s+|the\s+)?(?:10|ten|100|a hundred)(?:\s*(?:/|out of)\s*(?:10|ten|100))?"
    r"|(?:a\s+|the\s+)?(?:full|perfect|top|high|highest|max|maximum)\s+"
    r"(?:marks?|score|points|rating|grade))\b"
)
_SUBJECT = r"(?:me|my answer|this answer|this response|my response)"
_STEERING = re.compile(
    "|".join(
        (
            rf"\b(?:give|award|assign)\s+{_SUBJECT}\s+{_GRADE}",
            rf"\b(?:deserve|deserves|earn|earns|worth)\s+{_GRADE}",
            r"\b(?:10|ten)\s*(?:/|out of)\s*(?:10|ten)\b(?!\s+(?:times|of|requests|users|cases))",
            r"\b(?:full|perfect|maximum)\s+marks\b",
            r"\b(?:ignore|disregard|forget|override|bypass)\s+(?:the|your|all|any|previous|prior|"
            r"these|those)?\s*(?:\w+\s+)?(?:rubric|instructions?|criteria|guidelines|scoring|"
            r"prompt|grading)\b",
            rf"\byou\s+(?:must|should|have to|need to|will|are going to)\s+"
            rf"(?:score|rate|grade|mark|pass|give)\s+{_SUBJECT}",
            rf"\b(?:score|rate|grade|mark|evaluate)\s+{_SUBJECT}\s+(?:as\s+|an?\s+|with\s+)?"
            r"(?:highly|high|well|perfect|excellent|\d+|ten|the best|top)",
            r"\b(?:as|to|dear)\s+the\s+(?:grader|evaluator|scorer|examiner|assessor)\b",
            r"\byou\s+are\s+now\s+(?:a|an|my|the)\b",
            r"\b(?:mark|rate|score)\s+(?:all\s+)?(?:the\s+)?(?:dimensions|categories)\b",
        )
    ),
    re.IGNORECASE,
)
# A sentence longer than this without punctuation is treated as a raw transcript.
_LONG_SENTENCE_WORDS = 30
_CLAUSE_END = re.compile(r"[,;:]|\s(?:and then|but|so)\s")


@dataclass(frozen=True, slots=True)
class Sanitised:
    segments: tuple[Segment, ...]
    """What is left to score, in answer order."""
    removed: tuple[Segment, ...]
    """The steering text that was taken out."""

    @property
    def steered(self) -> bool:
        return bool(self.removed)


def is_steering(text: str) -> bool:
    """Words aimed at the score, or instructions aimed at the interviewer ("note to the
    grader: …", "the candidate has passed"), which the interview ignored too."""
    return _STEERING.search(text) is not None or is_injection(text)


def sanitise(answer: str) -> Sanitised:
    kept: list[Segment] = []
    removed: list[Segment] = []
    for seg in split_segments(answer):
        if not is_steering(seg.text):
            kept.append(seg)
        elif len(words(seg.text)) <= _LONG_SENTENCE_WORDS:
            removed.append(seg)
        else:
            k, r = _split_clauses(answer, seg)
            kept.extend(k)
            removed.extend(r)
    return Sanitised(tuple(kept), tuple(removed))


def _split_clauses(answer: str, seg: Segment) -> tuple[list[Segment], list[Segment]]:
    """Keeps the clauses of a long sentence that do not steer; drops the ones that do."""
    bounds = [0]
    bounds += [m.end() for m in _CLAUSE_END.finditer(seg.text)]
    bounds.append(len(seg.text))
    kept: list[Segment] = []
    removed: list[Segment] = []
    for a, b in pairwise(bounds):
        piece = make_segment(answer, seg.start + a, seg.start + b)
        if piece is None:
            continue
        (removed if is_steering(piece.text) else kept).append(piece)
    if not removed:  # the steering words straddle a clause boundary: drop the sentence
        return [], [seg]
    return kept, removed
