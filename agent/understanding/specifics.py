"""How specific an answer is: concrete actions, the candidate's own part, numbers, results, a
real situation, named things; and how much of it only echoes the question's own words.

Shared by the live interviewer (a vague answer gets a probe for what is missing) and the
evaluator (specificity weighs more than vocabulary overlap; padding with the question's words
costs points), so a probe and a score always point at the same gap. Cue phrases only: every
part found comes with the words that showed it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from .lang import content_words, stem, words
from .skills import default_vocabulary

Part = Literal["situation", "own_part", "actions", "numbers", "result"]
PARTS: tuple[Part, ...] = ("situation", "own_part", "actions", "numbers", "result")

_I = re.IGNORECASE
ACTION_VERBS = (
    r"decided|built|wrote|set up|created|organi[sz]ed|proposed|scheduled|reached out|talked|"
    r"spoke|asked|met|called|started|led|designed|implemented|added|fixed|rolled (?:it )?back|"
    r"reviewed|analy[sz]ed|investigated|prioriti[sz]ed|broke|split|paired|documented|suggested|"
    r"explained|listened|gathered|ran|tested|migrated|automated|refactored|introduced|took|"
    r"focused|sat down|booked|drafted|presented|negotiated|escalated|apologi[sz]ed|shadowed|"
    r"measured|checked|traced|pulled|compared|mapped|offered|agreed|told|informed|emailed|"
    r"messaged|set|blocked|cut|moved|replaced|rewrote|wrote up|shared|showed|walked|taught|"
    r"practi[cs]ed|studied|read|watched|built up|volunteered|coordinated|delegated|planned|"
    r"restored|patched|dug|interviewed|surveyed|prototyped|shipped|launched|deployed|chose|"
    r"picked|switched|removed|dropped|tuned|profiled|debugged|found|noticed|turned|kept|"
    r"reproduced|replayed|bisected|raised|lowered|sized|counted|listed|tagged|trained|cached|"
    r"got|brought|put|gave|helped|handled|convinced|persuaded|mediated|pushed|insisted|"
    r"stepped in|took over|made|wrote down|rebuilt|redesigned|stayed|volunteered|refused"
)
_NUMBER_WORD = (
    r"two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|"
    r"fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|dozen|half|double|"
    r"triple|a third|a quarter"
)
NUMBER = re.compile(
    rf"(?<![\w.])\d[\d,.]*\s*(?:%|x\b|k\b|ms\b|s\b|gb\b|mb\b|tb\b)?|\b(?:{_NUMBER_WORD})\b"
    r"(?:\s+(?:percent|times|seconds|minutes|hours|days|weeks|months|users|requests|engineers|"
    r"people|milliseconds|rows|servers|teams))?|\b(?:percent|per second|per day|per minute)\b",
    _I,
)
# Past tenses after "I" that are states or wishes, not something done ("I wanted", "I liked").
_STATES = (
    r"wanted|needed|liked|loved|hated|preferred|used|seemed|hoped|wished|feared|worried|"
    r"believed|assumed|expected|supposed|enjoyed|appreciated|realized|realised|noticed|learned|"
    r"learnt|guessed|remembered|struggled|panicked|stressed|worked"
)
OWN_ACTION = re.compile(
    rf"\b(?:I|so I|then I|first I|I then|I also|I've|I had)\s+(?:then\s+|also\s+|first\s+|"
    rf"personally\s+|myself\s+)?(?:{ACTION_VERBS})\b|\bwhat I did was\b|\bmy (?:part|job|role|"
    r"task) was\b|\bI was (?:responsible|in charge|the one)\b|\bI owned\b"
    # Any other regular past tense the candidate did ("I handed", "I disagreed").
    rf"|\bI\s+(?:then\s+|also\s+|first\s+|personally\s+|just\s+)?(?!(?:{_STATES})\b)[a-z]+[a-df-z]ed\b",
    re.IGNORECASE,
)
TEAM_ACTION = re.compile(
    rf"\b(?:we|the team|they)\s+(?:then\s+|also\s+|first\s+)?(?:{ACTION_VERBS})\b", _I
)
SITUATION = re.compile(
    r"\b(?:when I was|while I was|at my (?:last|previous|current|first|old|former) "
    r"(?:job|company|role|team|internship|employer)|in my (?:last|previous|current|first|old|former)"
    r" (?:job|role|team|company|internship|position|project)|last (?:year|month|quarter|summer|"
    r"spring|autumn|fall|winter|semester|week|time)|(?:a few|two|three|several) (?:years|months|"
    r"weeks|days) ago|(?:in|during) (?:20\d\d|19\d\d|my (?:internship|final year|second year|"
    r"degree|studies|first job|first week))|on (?:my|our|the|a) (?:\w+ )?(?:project|team|"
    r"service|app|migration|launch|release)|there was a time|one time|during (?:the|an|our|a|my) "
    r"\w+|(?:we|I) had to|(?:we were|I was) (?:asked|told) to|"
    r"on (?:monday|tuesday|wednesday|thursday|friday|black friday)|we had (?:a|an) )"
    r"|\b(?:in|during|back in|since|until|by|early|late|mid|last) (?:january|february|march"
    r"|april|may|june|july|august|september|october|november|december)\b"
    # Someone in the story doing something, once: "our reconciliation was broken", "a
    # teammate wanted...", "two leads kept fighting".
    r"|\b(?:our|my) (?:\w+ ){0,3}(?:(?:was|were|had been) (?:broken|failing|down|late|stuck"
    r"|blocked|behind|cancelled|canceled|over budget)|kept|broke|failed|went down|crashed"
    r"|stopped)\b"
    r"|\b(?:a|one|my|our) (?:\w+ )?(?:teammate|colleague|coworker|co-worker|manager|lead"
    r"|client|customer|stakeholder|professor|classmate|director|boss) (?:\w+ )?(?:wanted|asked"
    r"|told|said|kept|insisted|pushed|complained|disagreed|proposed|suggested|decided|refused)\b"
    r"|\b(?:two|three|both|the two) (?:\w+ )?(?:leads|engineers|people|teammates|colleagues"
    r"|designers|managers|developers|analysts|teams) (?:kept|were|had|disagreed|argued|fought"
    r"|wanted)\b",
    _I,
)
RESULT = re.compile(
    r"\b(?:as a result|in the end|eventually|ultimately|the (?:result|outcome|impact) was|"
    r"this (?:led|resulted)|which (?:led|resulted|reduced|increased|cut|saved|improved|meant)|"
    r"(?:we|I|it|they|the team) (?:shipped|launched|delivered|hit|met|reduced|cut|saved|improved|"
    r"increased|finished|released|recovered|resolved|passed|won|doubled|halved|held|accepted)|"
    r"it (?:worked|paid off|held)|(?:reduced|increased|cut|improved|saved|dropped|grew|went "
    r"(?:down|up)|fell|rose|went from)\b.{0,40}\b(?:by|from|to)\b|\d+ ?(?:%|percent)|on time|"
    r"got promoted|was adopted|thanked me|went fine|went well|no downtime)",
    _I,
)
# Talk about how one usually is, rather than what happened once.
GENERIC_TALK = re.compile(
    r"\b(?:I (?:always|usually|generally|normally|typically|tend to|try to|like to|believe|"
    r"think it'?s)|in general|generally speaking|it'?s (?:really |very |so )?important|"
    r"it depends|things like that|and so on|stuff like that|at the end of the day|"
    r"I'?m (?:the kind of|a) (?:person|team player))\b",
    _I,
)


@dataclass(frozen=True, slots=True)
class Specifics:
    found: tuple[Part, ...]
    """The specific parts the answer has, in `PARTS` order."""
    named: int
    """Technologies and proper names it mentions."""
    generic_talk: int
    """Phrases of how one usually is ("I always try to", "it's important")."""
    echo: float
    """0..1: the share of its content words that are the question's own."""
    content: int
    """Content words in the answer."""

    @property
    def missing(self) -> tuple[Part, ...]:
        return tuple(p for p in PARTS if p not in self.found)

    @property
    def score(self) -> float:
        """0..1: how specific the answer is; padding with the question's words lowers it."""
        # Named things add to a story or an explanation, not to a bare list of terms.
        value = len(self.found) / len(PARTS) + (0.1 * min(self.named, 2) if self.found else 0.0)
        value -= 0.08 * min(self.generic_talk, 3)
        value -= 0.5 * max(0.0, self.echo - 0.35)
        return round(min(max(value, 0.0), 1.0), 3)


def read_specifics(answer: str, question: str) -> Specifics:
    """Which specific parts ``answer`` has, and how much it echoes ``question``."""
    found: list[Part] = []
    if SITUATION.search(answer):
        found.append("situation")
    if OWN_ACTION.search(answer):
        found.append("own_part")
    if OWN_ACTION.search(answer) or TEAM_ACTION.search(answer):
        found.append("actions")
    if NUMBER.search(answer):
        found.append("numbers")
    if RESULT.search(answer):
        found.append("result")
    content = content_words(words(answer))
    asked = {stem(w) for w in content_words(words(question))}
    echoed = sum(1 for w in content if stem(w) in asked)
    return Specifics(
        found=tuple(p for p in PARTS if p in found),
        named=len(default_vocabulary().skills(answer)) + len(_names(answer)),
        generic_talk=len(GENERIC_TALK.findall(answer)),
        echo=round(echoed / len(content), 3) if content else 0.0,
        content=len(content),
    )


_NAME = re.compile(r"(?<=[a-z,;] )[A-Z][a-zA-Z0-9]+(?: [A-Z][a-zA-Z0-9]+)*")


def _names(answer: str) -> list[str]:
    """Capitalised words inside a sentence: names of people, products, places."""
    return [m.group() for m in _NAME.finditer(answer) if m.group() not in ("I", "I'm", "I'd")]
