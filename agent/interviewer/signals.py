"""How an answer was delivered, as the voice pipeline measured it (absent in text mode).

The interviewer reads these to tell a hesitant candidate (long silences, many fillers) from
one who is done; the evaluation reads them to score delivery.
"""

from __future__ import annotations

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
    """Fillers in the transcript, counted by `agent.understanding.lang.count_fillers`."""
    word_count: int = 0

    @property
    def words_per_minute(self) -> float | None:
        if self.duration_s <= 0 or self.word_count == 0:
            return None
        return self.word_count * 60.0 / self.duration_s
