"""Guesses, for the recogniser to weigh against its own words, that a run of words was one of
the interview's technical terms.

`near_terms` rewrites a run as a term only when its spelling says so and its words are not
common English, so that "flash" never becomes Flask. Many misheard terms come out as common
words, though: Svelte as "smelt", Elixir as "a mixer", Pydantic as "Python tick". Spelling
alone cannot tell those from speech. The audio can: `term_guesses` proposes each run that
sounds roughly like an expected term (within 40 % of the term's sound key; within one letter
if it begins with another sound and all its words are common English), and the decoder keeps
a guess only when Whisper finds the audio about as likely with the term as with its own words
(`WhisperDecoder`, ``guesses``). A guess costs one pass of the small decoder over the
utterance's text (about 25 ms on two cores), so they are few and nearest first.
"""

from __future__ import annotations

from dataclasses import dataclass

from agent.understanding.lang import STOPWORDS

from .near_terms import edit_distance, is_common, known_spellings, sound_key, spoken_word
from .term_runs import TOKEN, letters, run_end

MAX_GUESSES = 4
_MIN_LETTERS = 4
"""Shorter terms ("Go", "AWS", "Vue") are reached from too many words."""
_MAX_WIDTH = 3
_SHARE = 0.4
"""At most this share of the term's sound key may differ from the run's."""


@dataclass(frozen=True, slots=True)
class _Run:
    """Words ``first`` to ``last`` of a transcript, as a term is compared with them."""

    first: int
    last: int
    said: str
    """The run's letters."""
    sound: str
    plain: bool
    """All its words are common English."""


def term_guesses(text: str, hotwords: str) -> list[str]:
    """``text`` with one run of up to three words written as one of ``hotwords`` (as
    `vocabulary.hotwords` gives them), for each run near enough to a term that is not in
    ``text`` yet: at most `MAX_GUESSES`, nearest first."""
    heard = letters(text)
    terms = [t.strip() for t in hotwords.split(",") if t.strip()]
    wanted = [t for t in terms if len(letters(t)) >= _MIN_LETTERS and letters(t) not in heard]
    if not wanted:
        return []
    tokens = list(TOKEN.finditer(text))
    found: list[tuple[float, str]] = []
    runs = _runs([spoken_word(t.group()) for t in tokens])
    for term in wanted:
        spelling = letters(term)
        sound = sound_key(spelling)
        budget = max(1, int(_SHARE * len(sound)))
        for run in runs:
            limit = 1 if run.plain and run.sound[:1] != sound[:1] else budget
            apart = min(
                edit_distance(run.sound, sound, limit), edit_distance(run.said, spelling, limit)
            )
            if apart <= limit:
                end = run_end(tokens[run.last])
                guess = text[: tokens[run.first].start()] + term + text[end:]
                found.append((apart / len(sound), guess))
    found.sort(key=lambda pair: pair[0])
    return list(dict.fromkeys(guess for _, guess in found))[:MAX_GUESSES]


def _runs(words: list[str]) -> list[_Run]:
    """Every run of up to `_MAX_WIDTH` words that could be a misheard term: not only
    stopwords, and not a term itself ("React" was heard, not misheard)."""
    known = known_spellings()
    runs: list[_Run] = []
    for first in range(len(words)):
        for last in range(first, min(len(words), first + _MAX_WIDTH)):
            run = words[first : last + 1]
            said = letters("".join(run))
            if not said or all(w in STOPWORDS for w in run) or said in known:
                continue
            plain = all(is_common(w) for w in run)
            runs.append(_Run(first, last, said, sound_key(said), plain))
    return runs
