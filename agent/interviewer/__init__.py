"""The interviewer brain: a LangGraph graph, its question bank, and its livekit LLM adapter.

``InterviewerLLM`` lives in ``agent.interviewer.llm_adapter`` and is not re-exported here,
so reading ``options()`` (the HTTP layer) does not import livekit.
"""

from .bank import Question, options, select_questions
from .interviewer import Interviewer

__all__ = ["Interviewer", "Question", "options", "select_questions"]
