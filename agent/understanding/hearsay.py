"""A story the speaker only heard of or watched: the news, an article, a video, a show, a
podcast. Asked for a time they did something, the candidate tells what somebody else did:
"I saw this documentary about an airline whose crew scheduling fell over at Christmas",
"there's a streamer I watch who lost his server mid-event", "I've been following the whole
drama about the referees' reviews". It may be
full of work words (a team, data, customers, a launch), so MiniLM and the work cues put it
close to a story from work; a person hears at once that nobody in it is the speaker.

A turn is hearsay where it names where it was heard or seen (`_HEARD`: a story, an article,
a video, a show, the news, a YouTuber, "I've been following", a keynote or a meetup, "did
you see…", "there was this story…") and whatever the speaker says of themselves is only
hearing, watching, liking or thinking about it (`_ONLOOKING`): no "I fixed", no "we
shipped". "I read the docs and built something small" names no story heard of;
"I read an article on it, then I rewrote our retry logic" has a doing of the speaker's own;
"I saw this thing happen on my team" was seen at work (`private_life.AT_WORK`).
Read case-blind; no model.
"""

from __future__ import annotations

import re

from .lang import word_set
from .private_life import AT_WORK

_HEARD = re.compile(
    r"\b(?:saw|seen|read|watched|found|came across|stumbled on|stumbled upon) (?:this|that|a|an)"
    r" (?:\w+ )?(?:thing|story|video|clip|post|thread|article|piece|interview|documentary|movie"
    r"|film|show|series|episode|talk|ted talk)\b"
    r"|\b(?:i'?ve|i have) been following\b|\b(?:i|we) (?:rewatched|re-watched|binged"
    r"|binge-watched)\b|\bwatched (?:this|that|a|the) (?:movie|film|show|series|documentary)\b"
    r"|\b(?:in|on|all over) the (?:news|papers|tech news|headlines)\b|\byoutubers?\b"
    r"|\bstreamers?\b|\bdocumentar\w+|\bpodcasts?\b|\bheadlines?\b"
    r"|\b(?:a|this|that|the) (?:news )?article\b|\bwrite-?up (?:about|on)\b"
    r"|\bdid you (?:see|hear|read|follow|watch|catch)\b|\byou (?:heard|saw) (?:about|that)\b"
    r"|\b(?:there was|there's|theres|there is) (?:this|that|a|an) (?:[\w'-]+ ){0,3}?(?:story|post"
    r"|thread|talk|keynote|essay|investigation|debate|scene|episode|interview)\b"
    r"|\b(?:a|the|that|this) (?:keynote|conference talk|meetup|blog post|viral \w+|newsletter"
    r"|investigation)\b|\bi went to (?:a|this|that) (?:meetup|conference|talk)\b"
    r"|\b(?:i'?ve been|i was|i've just been|i was just) reading (?:about|how|that)\b"
    r"|\bi read (?:that|how|about) \w+|\b(?:business|tech|retail) (?:news|press)\b"
    r"|\bthe news that\b|\bnews (?:about|lately|recently)\b"
    r"|\b(?:that|this|the) famous (?:[\w-]+ ){0,2}?(?:company|startup|brand|essay|story|case"
    r"|post|talk)\b",
    re.IGNORECASE,
)
# The speaker as subject, up to two words before the verb: "i", "we", "i've", "i'd", ...
_SPEAKER = re.compile(
    r"\b(?:i|we|i've|ive|we've|i'd|id|we'd|i'm|im|we're|i'll|we'll)\s+((?:[\w']+\s+){0,2}?)([\w']+)",
    re.IGNORECASE,
)
_ONLOOKING = word_set(
    "read saw seen watched rewatched watch rewatch heard hear listen listened listening follow "
    "followed following came stumbled tuned tune love loved like liked think thought guess mean "
    "know knew find found feel felt wonder wondered believe bet remember wish hope binge binged "
    "stayed was am were been just really also actually literally honestly still always never "
    "only kind sort probably definitely totally absolutely so can't cant couldn't could would "
    "must don't didn't the a an"
)
"""What the speaker may say of themselves in a story heard of: hearing, watching, liking or
thinking about it, and the little words around that."""
_TO_LISTEN = re.compile(r"\s+to (?:a|an|the|this|that) (?:[\w-]+ )?(?:meetup|conference|talk)\b")
"""After "I went": going to hear a talk ("I went to a meetup where…") is only listening."""


def hearsay(answer: str) -> bool:
    """Whether ``answer`` tells only of something heard of or watched (see the module)."""
    if _HEARD.search(answer) is None or AT_WORK.search(answer) is not None:
        return False
    text = answer.lower()
    for said in _SPEAKER.finditer(text):
        between, verb = said.group(1).split(), said.group(2)
        listening = verb == "went" and _TO_LISTEN.match(text, said.end()) is not None
        if not (verb in _ONLOOKING or listening) or any(w not in _ONLOOKING for w in between):
            return False
    return True
