"""`DeliveryTracker`: how each candidate answer was delivered, from the session's own events.

The VAD's speaking/listening transitions give the candidate's speech intervals; the agent's
state transitions give the moment the interviewer stopped talking. When a candidate turn is
committed, the intervals inside it become a `Delivery`: speech time, pauses, time to start,
fillers and words. Everything is timestamps the session already reports, so measuring costs
nothing on the audio path.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from itertools import pairwise

from ..interviewer.signals import Delivery
from ..understanding.lang import count_fillers

# A long interview has a few hundred speech segments; older ones are never asked about.
_MAX_INTERVALS = 512
# VAD segments are reported slightly after the words they hold; this much slack keeps the
# first and last segment of a turn inside it.
_SLACK_S = 0.6


@dataclass(frozen=True, slots=True)
class _Interval:
    start: float
    end: float


class DeliveryTracker:
    """Fed by session events (wall-clock seconds), asked once per committed candidate turn."""

    def __init__(self) -> None:
        self._intervals: deque[_Interval] = deque(maxlen=_MAX_INTERVALS)
        self._speaking_since: float | None = None
        self._agent_stopped_at: float | None = None
        self._agent_speaking = False
        self._keep_stop = False

    def on_user_state(self, state: str, at: float) -> None:
        if state == "speaking":
            if self._speaking_since is None:
                self._speaking_since = at
        elif self._speaking_since is not None:
            self._intervals.append(_Interval(self._speaking_since, max(at, self._speaking_since)))
            self._speaking_since = None

    def on_agent_state(self, state: str, at: float) -> None:
        if state == "speaking":
            self._agent_speaking = True
        elif self._agent_speaking:
            self._agent_speaking = False
            if self._keep_stop:
                self._keep_stop = False
            else:
                self._agent_stopped_at = at

    def on_prompt(self) -> None:
        """The interviewer's next speech only prompts a silent candidate: the time to start
        still counts from the end of the question before it."""
        self._keep_stop = True

    def measure(self, text: str, started: float, stopped: float) -> Delivery:
        """The delivery of the turn the candidate spoke from ``started`` to ``stopped``."""
        inside = [
            iv
            for iv in self._intervals
            if iv.end >= started - _SLACK_S and iv.start <= stopped + _SLACK_S
        ]
        if self._speaking_since is not None and self._speaking_since <= stopped + _SLACK_S:
            inside.append(_Interval(self._speaking_since, stopped))
        first = min((iv.start for iv in inside), default=started)
        last = max((iv.end for iv in inside), default=stopped)
        speech = sum(iv.end - iv.start for iv in inside) if inside else max(stopped - started, 0.0)
        gaps = [b.start - a.end for a, b in pairwise(inside)]
        to_start = (
            round(max(first - self._agent_stopped_at, 0.0), 2)
            if self._agent_stopped_at is not None and self._agent_stopped_at <= first
            else None
        )
        return Delivery(
            speech_s=round(speech, 2),
            duration_s=round(max(last - first, speech), 2),
            time_to_start_s=to_start,
            longest_pause_s=round(max(gaps, default=0.0), 2),
            filler_count=count_fillers(text),
            word_count=len(text.split()),
        )
