"""One candidate's interview: a synchronous facade over the compiled interview graph.

The graph is compiled once per process and holds no state; each ``Interviewer`` keeps its
own ``InterviewState`` and passes it in whole on every turn, so no checkpointer is needed
on the hot path of a live call.
"""

from __future__ import annotations

import copy
import random
from functools import lru_cache
from typing import cast

from langgraph.graph.state import CompiledStateGraph

from .bank import select_questions, validate_choice
from .graph import AskedQuestion, InterviewState, Turn, build_graph, initial_state


@lru_cache(maxsize=1)
def _graph() -> CompiledStateGraph[InterviewState, None, InterviewState, InterviewState]:
    return build_graph()


class Interviewer:
    """Asks ``max_questions`` questions from the bank, one per turn, in spoken form.

    ``reply(None)`` opens the interview; every later call passes the candidate's words and
    returns what the interviewer says next. Raises ``ValueError`` for an unknown role,
    level or interview type.
    """

    def __init__(
        self,
        role: str,
        level: str,
        interview_type: str,
        max_questions: int = 5,
        seed: int | None = None,
    ) -> None:
        lv, it = validate_choice(role, level, interview_type)
        if max_questions < 1:
            raise ValueError("max_questions must be at least 1")
        if seed is None:
            seed = random.SystemRandom().randrange(2**31)
        questions = select_questions(role, lv, it, max_questions, seed)
        _graph()  # compile once, here rather than on the first (latency-sensitive) reply
        self._state: InterviewState = initial_state(role, lv, it, questions, variety=seed)

    def reply(self, candidate_text: str | None) -> str:
        """The interviewer's next utterance. ``None`` opens the interview (greeting and
        first question); once the interview is over, every reply is a short goodbye."""
        if candidate_text is None and self._state["phase"] != "greeting":
            candidate_text = ""  # silence mid-interview: treated as an empty answer
        out = _graph().invoke({**self._state, "candidate_text": candidate_text})
        self._state = cast(InterviewState, out)
        return self._state["last_reply"]

    @property
    def finished(self) -> bool:
        return self._state["phase"] == "done"

    @property
    def question_index(self) -> int:
        """0-based index of the question being asked; once finished, how many were moved past."""
        return self._state["index"]

    @property
    def questions(self) -> list[AskedQuestion]:
        return list(self._state["questions"])

    @property
    def turns(self) -> list[Turn]:
        return list(self._state["turns"])

    def snapshot(self) -> InterviewState:
        """A copy of the full graph state, to inspect, persist or ``restore`` later."""
        return copy.deepcopy(self._state)

    def restore(self, snapshot: InterviewState) -> None:
        """Rewinds to a ``snapshot`` (used to discard a reply that was never delivered)."""
        self._state = copy.deepcopy(snapshot)
