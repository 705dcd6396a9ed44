"""STAR detection: which of situation, task, action and result a story states, and where.

Behavioral answers are expected to tell one real story: the situation (when, where, what was
at stake), the task (what the candidate had to do), the actions they took themselves ("I",
not only "we"), and the result. A reflection ("I learned", "next time") is a bonus. Detection
is by cue phrases, so every part found comes with the words that showed it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from .text import Segment, find_cues

StarPart = Literal["situation", "task", "action", "result"]
STAR_PARTS: tuple[StarPart, ...] = ("situation", "task", "action", "result")

_I = re.IGNORECASE
_ACTION_VERBS = (
    r"decided|built|wrote|set up|created|organi[sz]ed|proposed|scheduled|reached out|talked|"
    r"spoke|asked|met|called|started|led|designed|implemented|added|fixed|rolled (?:it )?back|"
    r"reviewed|analy[sz]ed|investigated|prioriti[sz]ed|broke|split|paired|documented|suggested|"
    r"explained|listened|gathered|ran|tested|migrated|automated|refactored|introduced|took|"
    r"focused|sat down|booked|drafted|presented|negotiated|escalated|apologi[sz]ed|shadowed|"
    r"measured|checked|traced|pulled|compared|mapped|offered|agreed|told|informed|emailed|"
    r"messaged|set|blocked|cut|moved|replaced|rewrote|wrote up|shared|showed|walked|taught|"
    r"practi[cs]ed|studied|read|watched|built up|volunteered|coordinated|delegated|planned|"
    r"restored|patched|dug|interviewed|surveyed|prototyped|shipped|launched|deployed|created"
)
SITUATION = re.compile(
    r"\b(?:when I was|while I was|at my (?:last|previous|current|first|old|former) "
    r"(?:job|company|role|team|internship|employer|workplace)|in my (?:last|previous|current|first|"
    r"old|former) (?:job|role|team|company|internship|position|project)|last (?:year|month|quarter|"
    r"summer|spring|autumn|fall|winter|semester)|(?:a few|two|three|several) (?:years|months|weeks) "
    r"ago|(?:in|during) (?:20\d\d|19\d\d|my (?:internship|final year|second year|third year|degree|"
    r"studies|master's|first year|first job))|at (?:a|an|our) (?:startup|company|agency|bank|"
    r"retailer|hospital|fintech|consultancy)|there was a time|one time|a time when|"
    r"I was (?:working|a|an|the) |I worked (?:as|at|on)|(?:our|my) team (?:was|had)|"
    r"the (?:project|team|company|situation|context|client|customer) (?:was|had)|we had (?:a|an))",
    _I,
)
TASK = re.compile(
    r"\b(?:my (?:role|job|task|responsibility|goal|part|assignment) was|I was (?:responsible|asked|"
    r"tasked|in charge|supposed|assigned|expected|hired)|I (?:had|needed|was meant) to|"
    r"we (?:had|needed) to|the (?:goal|task|challenge|problem|objective|deadline|ask) was|"
    r"it was (?:my|on me)|I owned|(?:my|the) (?:manager|lead|client|boss) asked me|"
    r"I had (?:two|three|four|a few|several) (?:deadlines|tasks|projects))",
    _I,
)
ACTION_I = re.compile(
    rf"\b(?:I|so I|then I|first I|I then|I also)\s+(?:then\s+|also\s+|first\s+)?"
    rf"(?:{_ACTION_VERBS})\b|\bwhat I did was\b",
    _I,
)
ACTION_WE = re.compile(rf"\bwe\s+(?:then\s+|also\s+|first\s+)?(?:{_ACTION_VERBS})\b", _I)
RESULT = re.compile(
    r"\b(?:as a result|in the end|eventually|ultimately|the (?:result|outcome|impact) was|"
    r"this (?:led|resulted)|which (?:led|resulted|reduced|increased|cut|saved|improved|meant)|"
    r"(?:we|I|it|they|the team) (?:shipped|launched|delivered|hit|met|reduced|cut|saved|improved|"
    r"increased|finished|released|recovered|resolved|passed|won|doubled|halved)|it (?:worked|paid "
    r"off)|(?:reduced|increased|cut|improved|saved|dropped|grew|went (?:down|up)|fell|rose)\b.{0,40}"
    r"\b(?:by|from|to) (?:about |roughly |around )?(?:\d|two|three|four|five|six|seven|eight|"
    r"nine|ten|twenty|thirty|forty|fifty|half|a third|a quarter)|\d+ ?(?:%|percent)|on time|got promoted|was "
    r"adopted|got (?:good|positive) feedback|thanked me)",
    _I,
)
REFLECTION = re.compile(
    r"\b(?:I (?:learned|learnt|realised|realized)|(?:the |a |my )?lessons?\b|taught me|since then|"
    r"now I (?:always|make sure|try)|next time|I would (?:do|have done)|in hindsight|looking back|"
    r"I'd do (?:it )?differently|going forward|from then on|ever since)",
    _I,
)


@dataclass(frozen=True, slots=True)
class Cue:
    segment: Segment
    start: int
    """Offsets of the cue words inside ``segment.text``."""
    end: int


@dataclass(frozen=True, slots=True)
class Star:
    situation: Cue | None
    task: Cue | None
    action: Cue | None
    result: Cue | None
    reflection: Cue | None
    actions_i: int
    """Sentences where the candidate says what they themselves did."""
    actions_we: int

    def part(self, name: StarPart) -> Cue | None:
        cue: Cue | None = getattr(self, name)
        return cue

    @property
    def found(self) -> tuple[StarPart, ...]:
        return tuple(p for p in STAR_PARTS if self.part(p) is not None)

    @property
    def missing(self) -> tuple[StarPart, ...]:
        return tuple(p for p in STAR_PARTS if self.part(p) is None)

    @property
    def in_order(self) -> bool:
        """Situation/task before the actions, and the actions before the result."""
        starts = [c.segment.start for p in STAR_PARTS if (c := self.part(p)) is not None]
        return starts == sorted(starts)


def detect_star(segments: Sequence[Segment]) -> Star:
    actions_i = find_cues(segments, ACTION_I)
    actions_we = find_cues(segments, ACTION_WE)
    action = _first(actions_i) or _first(actions_we)
    return Star(
        situation=_first(find_cues(segments, SITUATION)),
        task=_first(find_cues(segments, TASK)),
        action=action,
        result=_last(find_cues(segments, RESULT)),
        reflection=_first(find_cues(segments, REFLECTION)),
        actions_i=len(actions_i),
        actions_we=len(actions_we),
    )


def _first(found: list[tuple[Segment, re.Match[str]]]) -> Cue | None:
    return Cue(found[0][0], found[0][1].start(), found[0][1].end()) if found else None


def _last(found: list[tuple[Segment, re.Match[str]]]) -> Cue | None:
    return Cue(found[-1][0], found[-1][1].start(), found[-1][1].end()) if found else None
