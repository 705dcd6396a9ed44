"""One language toolkit for the whole of Mockline: how text is cut into words, stemmed,
stripped of stopwords, searched for fillers, and how question-side texts are embedded once.

The live interviewer (`agent.interviewer`), the evaluation (`agent.evaluation`) and the voice
delivery measurement (`agent.voice.delivery`) all read language through this package, so
they agree by construction: a word the interviewer matches is matched the same way by the
report, and a filler the delivery score counts is one the report can quote.

- ``tokens``: `words`, `word_spans`, `sentences`, `normalise`, `word_set`.
- ``stems``: `stem`, `content_stems`.
- ``stopwords``: `STOPWORDS`, `GENERIC`, `content_words`.
- ``fillers``: `find_fillers`, `count_fillers`, `filler_words`, `is_sound`.
- ``vectors``: `cached_vectors` (question side, cached), `embed_each` (answer side),
  `unit_mean` (an answer's pieces taken together).
"""

from .fillers import Filler, count_fillers, filler_words, find_fillers, is_sound
from .stems import content_stems, stem
from .stopwords import GENERIC, STOPWORDS, content_words
from .tokens import WORD, normalise, plain, sentences, word_set, word_spans, words
from .vectors import cached_vectors, embed_each, unit_mean

__all__ = [
    "GENERIC",
    "STOPWORDS",
    "WORD",
    "Filler",
    "cached_vectors",
    "content_stems",
    "content_words",
    "count_fillers",
    "embed_each",
    "filler_words",
    "find_fillers",
    "is_sound",
    "normalise",
    "plain",
    "sentences",
    "stem",
    "unit_mean",
    "word_set",
    "word_spans",
    "words",
]
