"""The interviewer brain: a LangGraph graph, its plan, its question bank, and its phrasing.

- `Interviewer` (``interviewer.py``): the facade, one per interview; ``create`` plans from an
  `InterviewSetup` and optional resume profile and job description.
- ``planner.py`` (the plan, difficulty), ``graph.py``/``handlers.py``/``policy.py`` (one run
  per candidate turn), ``state.py`` (JSON state), ``directive.py`` (what a turn does),
  ``prompting.py``/``generative.py`` (a language model phrasing it), ``phrases.py`` (the
  offline wording).

``InterviewerLLM`` lives in ``agent.interviewer.llm_adapter`` and is not re-exported here,
so reading ``options()`` (the HTTP layer) does not import livekit.
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
