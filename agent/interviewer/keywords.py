"""A word from the candidate's answer worth echoing back in a neutral acknowledgement.

Shows the candidate they were heard without judging what they said: a content word they
used, preferring one on the question's topic, never a stopword or a word of the question.
"""

from __future__ import annotations

from agent.understanding.lang import GENERIC, STOPWORDS, word_spans, words


def keyword(answer: str, question: str, reference_points: list[str]) -> str | None:
    """A word from the answer worth echoing back, or None when nothing stands out.

    Prefers words that touch the question's reference points (the topic), then long
    content words the candidate added; never a stopword, never a word of the question.
    """
    asked = set(words(question))
    topic = {w[:5] for point in reference_points for w in words(point) if len(w) >= 4}
    best: tuple[int, str] | None = None
    for match in word_spans(answer):
        token = match.group()
        lower = token.lower()
        if (
            not lower[0].isalpha()
            or len(lower) < 4
            or lower in STOPWORDS
            or lower in GENERIC
            or lower in asked
            or "'" in lower
        ):
            continue
        on_topic = lower[:5] in topic
        if not on_topic and len(lower) < 6:
            continue
        score = (100 if on_topic else 0) + len(lower)
        if best is None or score > best[0]:
            best = (
                score,
                _as_spoken(token, sentence_start=_starts_sentence(answer, match.start())),
            )
    return best[1] if best else None


def _starts_sentence(text: str, pos: int) -> bool:
    before = text[:pos].rstrip()
    return not before or before[-1] in ".?!"


def _as_spoken(token: str, *, sentence_start: bool) -> str:
    # Keep acronyms and names (SQL, DevOps, Redis mid-sentence) as the ASR wrote them; a
    # capital that only marks the start of a sentence is dropped.
    if any(c.isupper() for c in token[1:]) or not sentence_start:
        return token
    return token[0].lower() + token[1:]
