"""The subject an answer opens on, and whether the question asks about it.

A knowledge answer meant for another question usually says so in its first words: it defines
another term ("CORS, cross-origin resource sharing, is how browsers relax…", "Overfitting is
when…", "So variance measures…") or frames itself by another subject ("For matchmaking I'd
put players into a queue…", "For deployments I'd go with GitOps"). MiniLM puts such an
answer close to the question, since both are about the same field (web security, model
training, game backends), so the topic reading alone keeps it. An answer to the question
opens on the question's own subject ("XSS is when…", "An MVP is…", "For the cache I'd…"),
on an empty one ("The easiest is flexbox", "The main rule is…"), or on none at all.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .embeddings import Embedder
from .field import closest_other_question
from .lang import cached_vectors, content_stems, sentences, word_set, words
from .lang.fillers import SOUND

FAR = 0.3
"""Cosine (MiniLM) of the subject to the asked question under which it is not that question's
subject. On the relevance sets' knowledge answers, the subjects that answers meant for another
question open on sat at -0.04 to 0.28; the asked subject spelled otherwise sits as low ("MVP"
-0.02, asked what a minimum viable product is), which the acronym check catches first."""

ANOTHER = 0.35
"""Cosine of the subject to another interview question (the bank's, `field`) from which it is
that question's subject: "Overfitting" 0.79 to the bank's question on overfitting, "p-value"
0.79. The on-topic answers' subjects that the word, acronym and `FAR` checks leave sat at
most 0.24 from any other question on the relevance sets."""

_LEAD = re.compile(
    rf"^(?:(?:so|sure|okay|ok|well|yeah|yes|right|alright|oh|good question|great question|got it"
    rf"|{SOUND.pattern})\b[\s,.!-]*)+",
    re.IGNORECASE,
)
"""What a sentence may open with before its subject: a discourse word, or a hesitation sound
(`lang.fillers.SOUND`)."""
_NO_SUBJECT = re.compile(
    r"^(?:it|this|that|there|these|those|they|we|i|you|he|she|what|which|here|both|each|every"
    r"|everything|something|nothing|all|any|most|some|many|no|not|if|imagine|say|suppose"
    r"|assuming|assume|maybe|perhaps|check|first|firstly|can|could|my|our|when|once|let's|let"
    r"|given|since|because|as|in|at|on|after|before|then|now)\b",
    re.IGNORECASE,
)
"""Openings that name no subject: a pronoun, a condition, a step or an aside."""
_DEFINES = re.compile(
    r"^(?:an?\s+|the\s+)?(?P<subject>(?:[\w\-'/+.#]+\s+){0,3}[\w\-'/+.#]+)(?:,[^,]{3,60},)?\s+"
    r"(?:is|are|means|measures|refers\s+to|describes)\b",
    re.IGNORECASE,
)
_FRAMES = re.compile(
    r"^(?:for|with|to)\s+(?P<subject>[^,.]{3,50}?)(?:,|\s+(?:i'?d|i\s+would|i'll|i\s+will"
    r"|i\s+usually|i\s+think|you|we'd|we|the)\b)",
    re.IGNORECASE,
)
_EMPTY = word_set(
    """easiest simplest fastest cleanest safest quickest main core rule rules key biggest big
    real short simple basic usual obvious whole overall general reason trick difference today
    days day now element step steps stage phase second"""
)
"""Words that open an answer without naming what it is about ("The easiest today is…")."""


def opening_subject(answer: str) -> str | None:
    """What the first sentence of ``answer`` defines or frames itself by, if it names
    anything: "CORS" in "CORS, cross-origin resource sharing, is how…", "matchmaking" in "For
    matchmaking I'd…"; None for "It is…", "If the table is small…" or "The easiest is…"."""
    said = (_LEAD.sub("", sentence.strip()).strip() for sentence in sentences(answer))
    opening = next((sentence for sentence in said if sentence), "")  # past "Sure." or "Okay."
    if not opening or _NO_SUBJECT.match(opening):
        return None
    found = _DEFINES.match(opening) or _FRAMES.match(opening)
    if found is None:
        return None
    subject = found.group("subject").strip()
    return subject if _named(subject) else None


def names_another_subject(
    answer: str, question: str, reference_points: Sequence[str], embedder: Embedder
) -> str | None:
    """The subject ``answer`` opens on, when it is another question's and not this one's: some
    word of it (stemmed) is neither in the question nor in its reference points ("database
    index", asked about transactions), it is no acronym of their words ("XSS", "MVP",
    "SLOs"), its meaning is `FAR` from the question and `ANOTHER` close to another question
    of the bank. None where the bank's field cannot be read with ``embedder``. Blocking."""
    subject = opening_subject(answer)
    if subject is None:
        return None
    asked = " ".join((question, *reference_points))
    if _named(subject) <= content_stems(asked) or _acronyms(subject) & _initials(asked):
        return None
    vector = embedder.embed([subject])[0]
    if float(vector @ cached_vectors(embedder, [question])[0]) >= FAR:
        return None
    other = closest_other_question(vector, question, embedder)
    return subject if other is not None and other >= ANOTHER else None


def _named(subject: str) -> set[str]:
    """The stems of the words that name something in ``subject`` ("the easiest" names nothing)."""
    return content_stems(" ".join(w for w in words(subject) if w not in _EMPTY))


def _acronyms(text: str) -> set[str]:
    """The words of ``text`` that may be acronyms: two to five letters, a plural "s" off."""
    return {w[:-1] if w.endswith("s") and len(w) > 2 else w for w in words(text) if len(w) <= 5}


def _initials(text: str) -> set[str]:
    """The initials of every run of two to five words of ``text``; "cross" gives "x", as in
    XSS for cross-site scripting."""
    letters = ["x" if w.startswith("cross") else w[0] for w in words(text.replace("-", " "))]
    return {"".join(letters[i : i + n]) for n in range(2, 6) for i in range(len(letters) - n + 1)}
