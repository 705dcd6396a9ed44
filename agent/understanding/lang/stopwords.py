"""The stopwords: words that carry no content of their own, and the one list of them.

`STOPWORDS` are function words, pronouns, auxiliaries, contractions and discourse words
("yeah", "okay", "basically"): never evidence that an answer is about something, never worth
saying back to a candidate. `GENERIC` are content words so common in any answer ("work",
"team", "approach", "important") that they tell nothing about which question it answers.
Both are lower case, as `tokens.words` gives them.
"""

from __future__ import annotations

from collections.abc import Iterable

from .fillers import is_sound
from .tokens import word_set

STOPWORDS = word_set(
    """a an the and or but nor if then so because as of at by for with about against between
    into onto through during before after above below to from up down in out on off over under
    again further once here there when where why how all any both each few more most other some
    such no not only own same than too very can will just should now i me my mine myself we our
    ours ourselves us you your yours yourself yourselves he him his she her hers it its itself
    they them their theirs themselves what which who whom whose this that these those am is are
    was were be been being have has had having do does did done doing would could might must
    shall may i'm i've i'd i'll we're we've we'd we'll you're you've you'd you'll it's that's
    there's what's let's don't didn't doesn't isn't wasn't aren't weren't can't couldn't won't
    wouldn't shouldn't haven't hasn't hadn't also really quite pretty lot lots thing things
    stuff something anything everything nothing yes yeah yep no nope okay ok sure right well
    maybe probably actually basically literally honestly sorry oh huh kind sort get gets got
    getting go goes going gonna want wanna think know mean say said guess like just one ones
    way ways much many even still though although without within via per etc while until
    among whether either else ever every always another anyway around back cause enough
    especially however likely mostly never obviously often otherwise perhaps rather seems since
    someone sometimes together usually whatever thank thanks"""
)
# Words in nearly every answer: on their own they say nothing about the question answered.
GENERIC = word_set(
    """use uses used using make makes made work worked working works thing way approach answer
    question example time times people team something good better best different important
    case need needs help helps tell talk describe explain lot part point bit kind sort stuff
    instance situation specific particular certain various whole idea bunch first great known
    little looking making saying take trying years"""
)


def content_words(tokens: Iterable[str]) -> list[str]:
    """The words (from `tokens.words`) that carry content: no stopwords, no hesitation
    sounds, no single letters."""
    return [t for t in tokens if len(t) > 1 and t not in STOPWORDS and not is_sound(t)]
