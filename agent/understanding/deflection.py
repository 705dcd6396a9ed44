"""Generalities offered as an answer: "that's a classic, every team deals with it, I'm sure
I've done it plenty of times". No answer is in it, only how common the thing is, that it
depends, or that nothing specific comes to mind; MiniLM puts it close to the question because
it names the question's subject, so the topic reading took it for a weak answer.

One such phrase is common in real answers too ("everyone was nervous", "it depends on the
city, so maybe a hundred thousand users"); a turn is a deflection only where it piles them up
(`MIN_MARKERS` kinds) and gives no figure. Read case-blind; no model.
"""

from __future__ import annotations

import re

MIN_MARKERS = 2
"""How many kinds of generality a turn needs to be a deflection."""

_MARKERS = tuple(
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        # How common it is.
        r"\b(?:every|each|any) (?:single )?(?:company|team|job|product|feature|project|engineer|"
        r"manager|product manager|developer|executive|consultant|organi[sz]ation|business|"
        r"data science team|one of us|situation|case|decision|context)\b",
        r"\b(?:is|are) (?:(?:just|so|really|always) )?(?:constant|natural|normal|inevitable|"
        r"everywhere|universal|never easy)\b|\bpart of (?:life|work|the process|growing up)\b",
        r"\b(?:everyone|everybody|anyone|most people|a lot of people|lots of people|all of us)\b",
        r"\b(?:part of|comes with) (?:the|every|any) job\b",
        r"\bhappens (?:all the time|every (?:week|day)|a lot)\b|\ball the time\b",
        r"\bjust how (?:it|things|organi[sz]ations|companies|teams) work\b",
        # That it depends, on too much to say.
        r"\bit (?:all |really |just )?depends\b|\bdepends (?:so much|on so many|on a lot)\b",
        r"\b(?:so|too) many (?:things|factors|ways|angles|moving parts|models|options|variables|"
        r"to (?:name|count|choose))\b|\ba hundred ways\b"
        r"|\ba lot of (?:angles|factors|moving parts)\b",
        r"\b(?:hard|difficult|impossible) to (?:say|pick|choose|name|single out)\b",
        r"\bno (?:one|single) (?:right )?answer\b|\bthere'?s no (?:one|single|right) (?:answer|way)\b",
        r"\bknow it when i see it\b",
        r"\bsuch a personal thing\b"
        r"|\b(?:different|many) people (?:will |would )?see it differently\b",
        r"\bcould mean (?:many|a lot of|different|so many) things\b",
        r"\b(?:open to|up for|learn|try) (?:anything|everything)\b|\bsimple as that\b",
        # That nothing in particular comes to mind.
        r"\bnothing (?:specific |particular |in particular )?(?:comes to mind|stands out|"
        r"springs to mind)\b",
        r"\b(?:all )?(?:kind of |sort of )?blur together\b|\b(?:they'?re|it'?s|are) all "
        r"(?:pretty |basically |kind of )?(?:similar|the same)\b",
        r"\bi'?m sure i'?ve\b|\bi'?ve (?:definitely |certainly )?(?:done|had|seen|sat on) "
        r"(?:it |that |this |those )?(?:loads|tons|plenty|many|lots|so many|a million|countless)\b"
        r"|\bi'?ve (?:definitely |certainly )?been there\b",
        # That it will not come down to one example.
        r"\b(?:rather than|instead of|than) (?:a|any|one) (?:specific |particular |single |"
        r"concrete )?(?:example|case|story|moment|instance|situation)\b",
        r"\b(?:reduce|boil|narrow|pin) it (?:down )?to (?:one|a single|any one)\b"
        r"|\b(?:point to|pick out|single out|come up with) (?:one|a single|any one|a specific|"
        r"a particular) (?:example|case|story|moment|instance)\b",
        r"\bkeep it (?:general|broad|high[- ]level)\b",
        # Praise of the question instead of an answer.
        r"\b(?:a|such a|the|one of those|a really|a very) (?:classic|common|famous|standard|broad|"
        r"important|great|good|tricky|big) (?:one|question|topic|debate|case|ask|thing|problem)\b",
        r"\bgreat question\b",
        r"\b(?:the )?(?:normal|usual) way\b"
        r"|\blike (?:most|all|every) (?:apps|companies|teams|people) do\b",
        r"\bbest practices?\b|\bstandard stuff\b|\bpretty standard\b|\bnothing fancy\b",
    )
)
_FIGURE = re.compile(
    r"\d|\b(?:hundred|thousand|million|billion|percent|dozen|twice|half)\b", re.IGNORECASE
)


def is_deflection(answer: str) -> bool:
    """Whether ``answer`` offers only generalities about the question (see the module)."""
    if _FIGURE.search(answer):
        return False
    return sum(1 for marker in _MARKERS if marker.search(answer)) >= MIN_MARKERS
