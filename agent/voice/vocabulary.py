"""The interview's own words, for the ear: what to bias recognition towards, and how to put
back together a technical term the recogniser split or spelled out.

Whisper tiny.en hears "PostgreSQL" as "POSTGR-ESQL" or "Post Gres", and "Kubernetes" as
"Kuber netes"; the evaluator then misses the very terms it scores. Two class fixes, both
driven by the skills vocabulary (`agent.understanding.skills`) and the interview itself:

- `hotwords`: the current question's technical terms, the candidate's resume skills and the
  job's, handed to the decoder as a prompt;
- `join_split_terms`: any run of up to three words whose letters, run together, spell a known
  term ("post gres", "kuber-netes", "re dis") becomes that term's name.
"""

from __future__ import annotations

import re
from functools import lru_cache

from agent.interviewer import Interviewer
from agent.understanding.skills import default_vocabulary

from .near_terms import snap_to_terms
from .term_runs import letters, rewrite_runs

MAX_HOTWORDS = 16
_MIN_JOINED = 5  # shorter runs ("a b c") are too easy to join by accident


@lru_cache(maxsize=1)
def _spellings() -> dict[str, str]:
    """Every pattern of every skill, letters only, to the skill's name."""
    found: dict[str, str] = {}
    for entry in default_vocabulary().entries:
        for text in (entry.name, *entry.patterns):
            key = letters(text)
            if len(key) >= _MIN_JOINED:
                found.setdefault(key, entry.name)
    return found


def hotwords(interviewer: Interviewer) -> str:
    """The terms this interview is likely to hear next, most likely first."""
    skills = default_vocabulary()
    terms: list[str] = []
    questions = interviewer.questions
    index = interviewer.question_index
    if 0 <= index < len(questions):
        terms += skills.skills(questions[index]["text"])
    grounding = interviewer.grounding
    terms += grounding["skills"]
    for requirement in grounding["requirements"]:
        terms += skills.skills(requirement)
    unique = list(dict.fromkeys(t for t in terms if t))
    return ", ".join(unique[:MAX_HOTWORDS])


def join_split_terms(text: str) -> str:
    """``text`` with split or spelled-out technical terms written as the term."""
    spellings = _spellings()
    return rewrite_runs(text, lambda tokens, i: _longest_term(tokens, i, spellings))


def _longest_term(
    tokens: list[re.Match[str]], i: int, spellings: dict[str, str]
) -> tuple[str, int] | None:
    for width in (3, 2):
        last = i + width - 1
        if last >= len(tokens):
            continue
        key = "".join(letters(t.group()) for t in tokens[i : last + 1])
        if key in spellings:
            return spellings[key], last
    single = tokens[i].group()
    key = letters(single)
    if "-" in single and key in spellings:
        return spellings[key], i
    return None


def hear_terms(text: str, hotwords: str) -> str:
    """``text`` as the call keeps it: split terms joined, and words that sound like one of
    the ``hotwords`` (as `hotwords` gives them) written as it (`near_terms`)."""
    terms = [term.strip() for term in hotwords.split(",") if term.strip()]
    return snap_to_terms(join_split_terms(text), terms)


def warm_hearing() -> None:
    """Loads what `hear_terms` reads (the skills vocabulary and two word lists, about 0.1 s)
    before the first call, so the first transcript does not hold the calls' event loop.
    Blocking."""
    hear_terms("we ran kuber netes and Yulumi", "Kubernetes, Pulumi")
