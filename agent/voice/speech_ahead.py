"""What a call will probably say, so its audio can be made before it is needed.

Offline, some of the interviewer's words are known ahead: the acknowledgements and the
questions likely next. Pre-synthesized while nobody waits for speech (`BackendTTS.
presynthesize` yields to live synthesis), each is played from the speech cache as soon as
it is said. Every other sentence is cached the first time it is said (the persona's
transitions and redirects recur), per voice and on disk.
"""

from __future__ import annotations

from ..interviewer import Interviewer
from .acknowledge import ACKS

# Questions made ahead per call at most (a plan holds a few more than it asks).
MAX_PLANNED = 4


def known_sentences(interviewer: Interviewer) -> list[str]:
    """The texts to pre-synthesize for a call: the acknowledgements said while a reply is
    decided, then the question being asked and the next candidates (an adaptive interview
    picks its next question among the plan's). Short on purpose: on two cores a burst of
    synthesis at the start of a call starves the call's own listening."""
    asked = [q["text"] for q in interviewer.questions]
    at = interviewer.question_index
    unasked = [q["text"] for q in interviewer.snapshot()["plan"] if q["text"] not in asked]
    upcoming = [*asked[at:], *unasked][:MAX_PLANNED]
    return [*ACKS, *upcoming]
