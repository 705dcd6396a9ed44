"""A turn that tells no event and no doing of the speaker's: asked for a time something
happened, the candidate talks about the subject instead ("mentoring is a two way street,
you learn as much as you teach"; "in tech every decision is temporary, so I'd frame it as an
ongoing evolution"). It has no verb in the past ("was", "told", "fixed"), nothing the speaker
has done ("I've led"), and no doing of their own, even a habit or a plan ("I make a list",
"I'd talk to them first"), which a weak but real answer has. Read from the words alone,
case-blind, so it works on the recogniser's unpunctuated text.
"""

from __future__ import annotations

import re

from .lang import word_set, words

_IRREGULAR_PAST = word_set(
    "was were had did went got made took told said came gave found knew thought felt left ran "
    "wrote built sat met led began became brought kept spent sent saw chose broke lost won "
    "drove taught caught fought bought sold paid held stood understood heard meant shut quit "
    "threw grew fell flew forgot rode rose sang slept spoke stole swam tore woke wore"
)
_NOT_PAST = word_set(
    "need feed speed indeed based red bed shed seed weed embed proceed exceed succeed "
    "breed bleed bred hundred shred sacred naked wicked"
)
"""Words in -ed that are no past tense ("need", "hundred")."""
_HAS_DONE = re.compile(
    r"\b(i've|ive|we've|weve|i have|we have) (been|done|had|led|seen|worked|helped|mentored"
    r"|taught|built|learned|learnt|used|given|made|run|tried|managed)\b"
)
_OWN_DOING = re.compile(
    r"\b(i|i'd|id|i'll|ill|i'm|im|we|we'd|we'll|i would|i will)( \w+){0,2} (try|tries|make|ask"
    r"|talk|listen|go|take|say|use|adapt|help|learn|watch|write|sit|explain|set|find|check|look"
    r"|read|start|keep|put|call|send|give|tell|plan|break|pick|list|split|work|focus|bring|get"
    r"|do|practice|practise|build|move|spend|share|note|pair|meet|email|message|walk|wait|sleep"
    r"|step|reach|google|search|follow|organi[sz]e|prioriti[sz]e|document|review|test|fix"
    r"|debug|handle|deal|push|stay|compromise|show|teach|mentor|support|delegate|trust|own|lead"
    r"|run|change|decide|schedule|block|draw|breathe|rest|reflect|thank|apologi[sz]e|escalate"
    r"|raise|flag|suggest|propose|agree|ping|text|stop|stick|tend)\b"
)


MIN_WORDS = 15
"""A shorter turn has had no room for a story yet: it is too short or vague, not elsewhere."""


def tells_no_story(answer: str) -> bool:
    """Whether ``answer`` tells nothing that happened and nothing the speaker does (see the
    module)."""
    tokens = words(answer)
    if len(tokens) < MIN_WORDS or any(_past(w) for w in tokens):
        return False
    said = " ".join(tokens)
    return _HAS_DONE.search(said) is None and _OWN_DOING.search(said) is None


def _past(word: str) -> bool:
    if word in _IRREGULAR_PAST:
        return True
    return len(word) > 4 and word.endswith("ed") and word not in _NOT_PAST
