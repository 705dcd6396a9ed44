"""Words that sound like one of the interview's own technical terms, written as that term.

Whisper tiny.en has no idea of most tool names. Biased towards them (`vocabulary.hotwords`),
it still writes many as a near-spelling or a made-up word: "post-gore SQL", "Yulumi",
"Playerite", "Onks", "WAM sockets". `snap_to_terms` rewrites such a run of one to three words
as the term when it is close to one of the terms this interview expects (the question's, the
resume's and the job's), by spelling or by a rough sound key, within an edit budget that grows
with the term's length.

It must not turn ordinary speech into a term ("flash" is not Flask, "reddish" is not Redis,
"unicorn" is not Gunicorn): a run is only rewritten when at least one of its words is not a
common English word (`common_words`: the word lists of the sentence encoder and of Whisper),
none of them is a function word, and it is not already a known term itself. Measured by
tests/bench/bench_terms.py (spoken answers in three voices, and prose spoken while the
hotwords sound like its words).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from agent.plugins.whisper_model import packaged_model_path
from agent.understanding.embeddings import model_dir
from agent.understanding.lang import STOPWORDS
from agent.understanding.skills import default_vocabulary

from .spoken_terms import SPOKEN
from .term_runs import Tokens, letters, rewrite_runs

_MIN_LETTERS = 4
"""Shorter terms ("Go", "AWS", "Vue") are too easy to reach from ordinary words."""
_MAX_WIDTH = 3
_MAX_SHARE = 0.3
"""At most this share of the term's letters may differ."""
_SOUNDS: tuple[tuple[str, str], ...] = (
    ("ght", "t"),
    ("sch", "sk"),
    ("ph", "f"),
    ("wr", "r"),
    ("kn", "n"),
    ("ck", "k"),
    ("qu", "kw"),
    ("q", "k"),
    ("x", "ks"),
    ("dg", "j"),
    ("z", "s"),
    ("y", "i"),
)
_SILENT_E = re.compile(r"(?<=[^aeiou])e$")
_SOFT_C = re.compile(r"c(?=[eiy])")
_VOWELS = re.compile(r"[aeiou]+")
_DOUBLE = re.compile(r"(.)\1+")


@dataclass(frozen=True, slots=True)
class _Form:
    name: str
    spelling: str
    sound: str
    spoken: bool = False
    """A way the term is said (`spoken_terms`): matched word for word only."""


def sound_key(spelling: str) -> str:
    """A rough key of how ``spelling`` (from `letters`) sounds: silent, final and doubled
    letters dropped, c/k/q and s/z merged, every vowel run one vowel."""
    key = _SILENT_E.sub("", spelling)
    for written, said in _SOUNDS:
        key = key.replace(written, said)
    key = _SOFT_C.sub("s", key).replace("c", "k")
    key = _VOWELS.sub("a", key)
    return _DOUBLE.sub(r"\1", key)


def edit_distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance of ``a`` and ``b``, or ``limit + 1`` once it is known to exceed
    ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


def spoken_word(token: str) -> str:
    """A transcript token as a word: lower case, no trailing full stop or possessive."""
    word = token.lower().strip(".'-")
    return word.removesuffix("'s")


def _budget(spelling: str) -> int:
    """Edits allowed towards a term of this many letters."""
    size = len(spelling)
    return 1 if size <= 5 else 2 if size <= 8 else 3


@lru_cache(maxsize=1)
def known_spellings() -> frozenset[str]:
    """Every skill's name and pattern, spelled: a run that already is a term stays."""
    return frozenset(
        letters(text)
        for entry in default_vocabulary().entries
        for text in (entry.name, *entry.patterns)
    )


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Lower-case whole words of two word lists that ship with the models: the sentence
    encoder's (BERT's, about 22,000) and the words Whisper writes as one token (about 24,000,
    many of them programming words: "exec", "schema"). A tool name Whisper mishears comes
    out as a made-up word in several tokens ("Yulumi", "Onks"), on neither list."""
    bert = (model_dir() / "vocab.txt").read_text(encoding="utf-8").split()
    tokenizer = json.loads((packaged_model_path() / "tokenizer.json").read_text(encoding="utf-8"))
    whisper = [token[1:] for token in tokenizer["model"]["vocab"] if token.startswith("\u0120")]
    return frozenset(w.lower() for w in (*bert, *whisper) if w.isalpha())


def is_common(word: str) -> bool:
    """``word`` (lower case), or it without an ending ("notebooks", "retried"), is common."""
    common = common_words()
    if word in common:
        return True
    if "-" in word:
        return all(is_common(part) for part in word.split("-") if part)
    endings = ("s", "es", "ed", "d", "ing", "ly")
    return any(
        word.endswith(end) and len(word) - len(end) >= 3 and word[: -len(end)] in common
        for end in endings
    )


@lru_cache(maxsize=64)
def forms_of(terms: tuple[str, ...]) -> tuple[_Form, ...]:
    """The spellings a run is compared with: each term's name and its vocabulary patterns."""
    by_name = {entry.name: entry for entry in default_vocabulary().entries}
    forms: dict[str, _Form] = {}
    for term in terms:
        for said in SPOKEN.get(term, ()):
            spelling = letters(said)
            forms.setdefault(spelling, _Form(term, spelling, sound_key(spelling), spoken=True))
        entry = by_name.get(term)
        for text in (term, *(entry.patterns if entry else ())):
            spelling = letters(text)
            if len(spelling) >= _MIN_LETTERS:
                forms.setdefault(spelling, _Form(term, spelling, sound_key(spelling)))
    return tuple(forms.values())


def snap_to_terms(text: str, terms: Sequence[str]) -> str:
    """``text`` with each run of words that sounds like one of ``terms`` written as it."""
    forms = forms_of(tuple(terms))
    if not forms:
        return text
    return rewrite_runs(text, lambda tokens, i: _closest(tokens, i, forms))


def _closest(tokens: Tokens, i: int, forms: Iterable[_Form]) -> tuple[str, int] | None:
    """The term the widest run starting at ``tokens[i]`` is nearest to, and the run's last
    token."""
    for last in range(min(len(tokens), i + _MAX_WIDTH) - 1, i - 1, -1):
        words = [spoken_word(t.group()) for t in tokens[i : last + 1]]
        spelling = letters("".join(words))
        spoken = [form.name for form in forms if form.spoken and form.spelling == spelling]
        if spoken:
            return spoken[0], last
        if any(w in STOPWORDS for w in words) or all(is_common(w) for w in words):
            continue
        if len(spelling) < _MIN_LETTERS or spelling in known_spellings():
            continue
        sound = sound_key(spelling)
        best: tuple[float, str] | None = None
        for form in forms:
            if form.spoken:
                continue
            score = _nearness(spelling, sound, form)
            if score is not None and (best is None or score < best[0]):
                best = (score, form.name)
        if best is not None:
            return best[1], last
    return None


def _nearness(spelling: str, sound: str, form: _Form) -> float | None:
    """The share of ``form`` that differs from the run, by spelling or by sound, or None
    when the run is too far from it. A run that begins with another sound must match
    all but one letter ("Yulumi" for Pulumi). The sound key is coarse already, so by sound
    only an exact match counts ("Playerite" for Playwright)."""
    budget = min(_budget(form.spelling), int(_MAX_SHARE * len(form.spelling)))
    spelled = edit_distance(spelling, form.spelling, budget)
    same_onset = sound[:1] == form.sound[:1]
    shares: list[float] = []
    if spelled <= budget and (same_onset or spelled <= 1):
        shares.append(spelled / len(form.spelling))
    if len(form.sound) >= _MIN_LETTERS and sound == form.sound:
        shares.append(0.0)
    return min(shares) if shares else None
