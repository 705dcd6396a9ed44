"""The interviewer brain: a LangGraph graph, its plan, its question bank, and its phrasing.

- `Interviewer` (``interviewer.py``): the facade, one per interview; ``create`` plans from an
  `InterviewSetup` and optional resume profile and job description.
- ``planner.py`` (the plan, difficulty), ``graph.py``/``handlers.py``/``policy.py`` (one run
  per candidate turn), ``state.py`` (JSON state), ``directive.py`` (what a turn does),
  ``prompting.py``/``generative.py`` (a language model phrasing it), ``phrases.py`` (the
  offline wording).

The brain knows nothing of audio or of the voice pipeline: ``agent.voice.interviewer_llm``
adapts it to livekit-agents as the session's LLM.
"""

from .bank import Question, options, select_questions
from .directive import Directive
from .interviewer import Interviewer
from .setup import InterviewSetup, Length, Persona

__all__ = [
    "Directive",
    "InterviewSetup",
    "Interviewer",
    "Length",
    "Persona",
    "Question",
    "options",
    "select_questions",
]
