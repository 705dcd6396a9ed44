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
from agent.understanding.skills import SkillVocabulary, default_vocabulary

from .near_terms import snap_to_terms

MAX_HOTWORDS = 16
_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9+#.'-]*")
_LETTERS = re.compile(r"[^a-z0-9+#]")
_MIN_JOINED = 5  # shorter runs ("a b c") are too easy to join by accident


@lru_cache(maxsize=1)
def _vocabulary() -> SkillVocabulary:
    return default_vocabulary()


@lru_cache(maxsize=1)
def _spellings() -> dict[str, str]:
    """Every pattern of every skill, letters only, to the skill's name."""
    found: dict[str, str] = {}
    for entry in _vocabulary().entries:
        for text in (entry.name, *entry.patterns):
            key = _LETTERS.sub("", text.lower())
            if len(key) >= _MIN_JOINED:
                found.setdefault(key, entry.name)
    return found


def hotwords(interviewer: Interviewer) -> str:
    """The terms this interview is likely to hear next, most likely first."""
    vocabulary = _vocabulary()
    terms: list[str] = []
    questions = interviewer.questions
    index = interviewer.question_index
    if 0 <= index < len(questions):
        terms += vocabulary.skills(questions[index]["text"])
    grounding = interviewer.grounding
    terms += grounding["skills"]
    for requirement in grounding["requirements"]:
        terms += vocabulary.skills(requirement)
    unique = list(dict.fromkeys(t for t in terms if t))
    return ", ".join(unique[:MAX_HOTWORDS])


def join_split_terms(text: str) -> str:
    """``text`` with split or spelled-out technical terms written as the term."""
    spellings = _spellings()
    tokens = list(_TOKEN.finditer(text))
    out: list[str] = []
    cursor = 0
    i = 0
    while i < len(tokens):
        joined = _longest_term(tokens, i, spellings)
        if joined is None:
            i += 1
            continue
        name, last = joined
        out.append(text[cursor : tokens[i].start()])
        out.append(name)
        end = tokens[last]
        cursor = end.start() + len(end.group().rstrip(".'-"))  # the sentence's full stop stays
        i = last + 1
    out.append(text[cursor:])
    return "".join(out)


def _longest_term(
    tokens: list[re.Match[str]], i: int, spellings: dict[str, str]
) -> tuple[str, int] | None:
    for width in (3, 2):
        last = i + width - 1
        if last >= len(tokens):
            continue
        key = "".join(_LETTERS.sub("", t.group().lower()) for t in tokens[i : last + 1])
        if key in spellings:
            return spellings[key], last
    single = tokens[i].group()
    key = _LETTERS.sub("", single.lower())
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
