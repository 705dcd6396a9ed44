"""Generalities offered as an answer: "that's a classic, every team deals with it, I'm sure
I've done it plenty of times". No answer is in it, only how common the thing is, that it
depends, or that nothing specific comes to mind; MiniLM puts it close to the question because
it names the question's subject, so the topic reading took it for a weak answer.

One such phrase is common in real answers too ("everyone was nervous", "it depends on the
city, so maybe a hundred thousand users"); a turn is a deflection only where it piles them up
(`MIN_MARKERS` kinds), gives no figure and is short (`MAX_WORDS`; a longer one needs more).
Musing counts too: admiring the subject ("such a fascinating area"), inviting agreement
("isn't it?"), a saying or a philosophy, declining to say anything concrete "in the abstract"
or "on the spot"; and so does a self-portrait or a creed in place of an event ("I'm the kind
of person who owns it right away", "communication is key", "I'm a quick learner, that's just
how I work"). So does deferring the answer: to the docs, to the team's conventions or the tool
it already has, or until more is known ("I'd want a lot more detail first and go from there");
praising how important or popular the subject is; only qualities or a manner in place of a
design ("robust and scalable", "I'd approach it methodically"); declining to pick one; a
saying. A figure said back from the question is no figure of the speaker's own. Read
case-blind; no model.
"""

from __future__ import annotations

import re

from .lang import words

MIN_MARKERS = 2
"""How many kinds of generality a turn needs to be a deflection."""
MAX_WORDS = 60
"""The longest turn read as a deflection on `MIN_MARKERS`: a longer one has room for an
answer."""
LONG_MAX_WORDS, LONG_MIN_MARKERS = 80, 3
"""A longer turn, up to ``LONG_MAX_WORDS``, is a deflection where it piles up this many kinds
of generality: a polite evasion is often a minute of creed and self-portrait."""

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
        r"\bit (?:all |really |just )?depends\b|\bdepends (?:so much|on so many|on a lot)\b"
        r"|\b(?:really|all|always|just) depends on\b",
        r"\b(?:so|too) many (?:things|factors|ways|angles|moving parts|models|options|variables|"
        r"to (?:name|count|choose))\b|\ba hundred ways\b"
        r"|\ba lot of (?:angles|factors|moving parts)\b",
        r"\b(?:hard|difficult|impossible) to (?:say|pick|choose|name|single out)\b",
        r"\bno (?:one|single) (?:right )?answer\b|\bthere'?s no (?:one|single|right) (?:answer|way)\b"
        r"|\bno (?:one|single|perfect|magic) (?:right |correct |best )?(?:way|method|design|system|"
        r"number|solution|recipe)\b|\bone[- ]size[- ]fits[- ]all\b|\bthe honest answer is\b",
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
        r"a particular) (?:example|case|story|moment|instance)\b"
        r"|\bsingl(?:e|ing) (?:\w+ )?out\b|\b(?:pick|name|naming|picking) just one\b"
        r"|\bnot one particular\b|\bnever really one\b|\bto a single\b",
        r"\bkeep it (?:general|broad|high[- ]level)\b",
        # Praise of the question instead of an answer.
        r"\b(?:a|such a|the|one of those|a really|a very) (?:classic|common|famous|standard|broad|"
        r"important|great|good|tricky|big) (?:one|question|topic|debate|case|ask|thing|problem)\b",
        r"\bgreat question\b",
        r"\b(?:the )?(?:normal|usual) way\b"
        r"|\blike (?:most|all|every) (?:apps|companies|teams|people) do\b",
        r"\bbest practices?\b|\bstandard stuff\b|\bpretty standard\b|\bnothing fancy\b",
        # Musing about the subject: admiring it, inviting agreement, a saying or a philosophy,
        # and declining to say anything concrete about it.
        r"\b(?:such|so|really|truly|genuinely|incredibly|endlessly) (?:a |an )?(?:fascinating|"
        r"interesting|rich|deep|elegant|beautiful|wonderful|complex|nuanced|exciting|timeless|"
        r"underrated)\b",
        r"\bfascinat(?:es|ed|ing) me\b|\bi love (?:this|that|the) (?:question|topic|idea|area)\b"
        r"|\b(?:i'?m|i am) (?:really |so )?glad you asked\b"
        r"|\b(?:i'?m|i am) (?:genuinely |really |truly )?passionate about\b",
        # ("is that right?" checks an assumption: no musing.)
        r"\b(?:isn'?t it|aren'?t they|aren'?t we|don'?t you think"
        r"|(?<!is that )(?<!is this )(?<!am i )(?<!that )(?<!it )right)\s*\?",
        r"\bthe only constant\b|\bjourney\b|\bmindset\b"
        r"|\bphilosophy\b|\bno silver bullet\b|\b(?:a|an) (?:real )?art\b"
        r"|\bspeaks for itself\b|\bholistic\b",
        r"\b(?:before|without) (?:saying|committing to|proposing|recommending|going into) "
        r"(?:anything|something)\b|\bin the abstract\b|\bon the spot\b"
        r"|\brather than (?:propose|proposing|commit|committing|narrow|narrowing|give|giving)\b",
        r"\bevery (?:\w+ )?(?:is|are) (?:unique|different)\b"
        r"|\b(?:highly|very|totally|entirely) (?:dependent|contextual|situational)\b"
        r"|\b(?:it'?s|is|are|very|all|so) (?:relative|subjective)\b",
        # A self-portrait or a creed in place of an event: "I'm the kind of person who owns
        # it", "I'd like to think I handle it well", "communication is key", "in general I".
        r"\b(?:i'?m|i am) (?:the|a|that) (?:kind|type|sort) of (?:\w+ )?(?:person|people|leader"
        r"|engineer|manager|developer|colleague|teammate|candidate|guy|girl|analyst|pm|one)\b",
        r"\bi'?d like to think\b|\b(?:i'?m|i am) (?:a )?(?:big|firm|huge|strong|true) believer\b",
        r"\b(?:is|are) (?:(?:really|always|just|absolutely) )?(?:the )?key\b|\bthe key is\b",
        r"\bin general,? i\b|\bgenerally,? i (?:always|try|just)\b",
        r"\b(?:i'?m|i am) (?:a |an )?(?:really |very |pretty |super )?(?:quick|fast|natural|hard|"
        r"strong) (?:learner|worker|problem solver|team player|bridge builder)\b|\bpeople person\b"
        r"|\bmy (?:core )?(?:strengths|values)\b|\bmy work ethic\b"
        r"|\bi'?ve always been (?:someone|the one|a person) who\b"
        r"|\bhit the ground running\b|\broll up my sleeves\b|\beasy to work with\b",
        # A creed's closing formula.
        r"\b(?:that'?s|this is) (?:just |really )?(?:how i (?:see it|work|roll|deal)|my (?:view|"
        r"approach))\b|\bwhat i stand for\b",
        # Deferring the answer: to the docs, the team's conventions or its tools, or until
        # more is known.
        r"\b(?:check|read|consult|follow|go to|dive into|keep) (?:the |our |their |its )?(?:official )?"
        r"(?:docs|documentation|mdn|manual)\b(?! (?:on|about|to see)\b)"
        r"|\bwhat the (?:docs|documentation) (?:says?|recommends?)\b",
        r"\b(?:the|our|whatever the|what the) (?:team'?s|teams|company'?s|codebase'?s) (?:\w+ ){0,2}"
        r"(?:conventions|guidelines|style guide|linting rules|workflow|process|standards)\b"
        r"|\b(?:established|existing|standard|recommended) (?:patterns|process|practices|setup)\b"
        r"|\bwhatever (?:\w+ ){0,3}(?:the (?:team|company)|we'?re|they) (?:already )?"
        r"(?:uses?|using|has|have|prefers?)\b",
        r"\b(?:want|need) (?:a lot |much |a bit )?more (?:detail|details|data|information|context)\b"
        r"|\bbefore (?:saying|deciding|choosing|committing|answering|i committed|i could)\b"
        r"|\b(?:choose|decide) accordingly\b|\bgo from there\b|\bstart there\b"
        r"|\bwhat (?:makes the most sense|fits best)\b|\bwould be premature\b"
        r"|\blook at the (?:specific |particular )?(?:case|situation|context)\b",
        # Only qualities, or a manner, in place of a design or a step.
        r"\b(?:robust|flexible|scalable|secure|clean|maintainable|reusable|fast|smooth|fair|reliable)"
        r",? and (?:robust|flexible|scalable|secure|clean|maintainable|reusable|fast|smooth|fair|"
        r"reliable|easy to \w+)\b",
        r"\bapproach it (?:\w+ )?(?:systematically|thoughtfully|methodically|carefully|"
        r"pragmatically|with (?:a|an) \w+ (?:spirit|mind))\b|\bthe way i approach any\b"
        r"|\btrust the process\b",
        # A saying or a metaphor in place of an answer.
        r"\b(?:as the saying goes|like they say|as they say|they say|\w+ said that)\b"
        r"|\btwo sides of (?:one|the same) coin\b|\bworks in progress\b",
    )
)
_OPENING_MARKERS = tuple(
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        # Praising how important, common or central the subject is.
        r"\b(?:so|super|really|very|incredibly|hugely|absolutely|such an?) (?:important|popular|"
        r"powerful|fundamental|valuable|essential|crucial)\b",
        r"\bone of the (?:most \w+|core|first|key) (?:\w+ )?(?:things|parts|ideas|areas|fields|"
        r"topics|features|tools|skills|patterns|concepts)\b"
        r"|\bthe heart of\b|\blifeblood\b|\bis everything\b|\beverywhere (?:now|nowadays)\b"
        r"|\bused everywhere\b",
    )
)
"""Kinds of generality that count only in the opening (`OPENING_WORDS`): praise of the
subject said first stands in for an answer; the same words later give a reason inside one
("...find a compromise, because communication is really important")."""
OPENING_WORDS = 20
"""How many words open a turn, for `_OPENING_MARKERS`."""
_FIGURE = re.compile(
    r"\d|\b(?:hundred|thousand|million|billion|percent|dozen|twice|half|two|three|four|five|six"
    r"|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty)\b",
    re.IGNORECASE,
)
"""A figure, in digits or words ("one" is not: "no one", "any one moment")."""


def is_deflection(answer: str, asked: str = "") -> bool:
    """Whether ``answer`` offers only generalities about the question ``asked`` (see the
    module); a figure said back from the question ("a twenty percent rise is concerning") is
    none of the speaker's own."""
    said = words(answer)
    if len(said) > LONG_MAX_WORDS or _figures(answer) - _figures(asked):
        return False
    needed = MIN_MARKERS if len(said) <= MAX_WORDS else LONG_MIN_MARKERS
    opening = " ".join(said[:OPENING_WORDS])
    found = sum(1 for marker in _MARKERS if marker.search(answer))
    return found + sum(1 for marker in _OPENING_MARKERS if marker.search(opening)) >= needed


def _figures(text: str) -> set[str]:
    return {figure.group().lower() for figure in _FIGURE.finditer(text)}
