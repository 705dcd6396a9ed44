"""How an answer was delivered, as the voice pipeline measured it (absent in text mode).

The interviewer reads these to tell a hesitant candidate (long silences, many fillers) from
one who is done; the evaluation reads them to score delivery.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Delivery:
    speech_s: float
    """Seconds of candidate speech in the answer (VAD), pauses excluded."""
    duration_s: float
    """From the first to the last word of the answer, pauses included."""
    time_to_start_s: float | None = None
    """From the end of the interviewer's question to the candidate's first speech."""
    longest_pause_s: float = 0.0
    """Longest silence inside the answer."""
    filler_count: int = 0
    """um, uh, er, hmm, "you know", "like" used as fillers (counted on the transcript)."""
    word_count: int = 0

    @property
    def words_per_minute(self) -> float | None:
        if self.duration_s <= 0 or self.word_count == 0:
            return None
        return self.word_count * 60.0 / self.duration_s


# Filler words as ASR writes them, and phrases that are fillers only when they stand alone
# between punctuation ("like" and "you know" are also ordinary words).
_FILLER_WORDS = re.compile(r"\b(?:u+m+|u+h+|e+r+m*|a+h+|h+m+|mm+)\b", re.IGNORECASE)
_FILLER_PHRASES = frozenset({"like", "you know", "i mean", "sort of", "kind of", "basically", "so"})
_CLAUSES = re.compile(r"[,.;!?]")


def count_fillers(text: str) -> int:
    """How many fillers an utterance holds (um, uh, er, hmm; "like," and "you know," as
    interjections). Deterministic; used for the hesitation signal and delivery scores."""
    words = len(_FILLER_WORDS.findall(text))
    phrases = sum(
        1 for clause in _CLAUSES.split(text.lower()) if " ".join(clause.split()) in _FILLER_PHRASES
    )
    return words + phrases
