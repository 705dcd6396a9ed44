"""The cue phrases the scorers look for, in one place: examples, numbers, trade-offs, reasoning,
signposting and hedges (fillers are the language toolkit's, `agent.understanding.lang`).

Each is a compiled pattern matched against one sentence at a time. They are deliberately
plain English so that a score can be explained by pointing at the words that matched.
"""

from __future__ import annotations

import re

_I = re.IGNORECASE

EXAMPLE = re.compile(
    r"\b(?:for example|for instance|e\.g\.|as an example|to give an example|such as|"
    r"in my (?:last|previous|current|old|first) (?:job|role|team|company|project|internship)|"
    r"at my (?:last|previous|current|old|first) (?:job|role|team|company|internship)|"
    r"on (?:one|a|our) (?:project|team)|in one case|one time|we had (?:a|an) |I once|"
    r"last (?:year|month|quarter)|a real case|in practice|in production)\b",
    _I,
)
_NUMBER_WORD = (
    r"two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|"
    r"fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|dozen|half|double|triple"
)
NUMBER = re.compile(
    rf"(?<![\w.])\d[\d,.]*\s*(?:%|x\b|k\b|ms\b|s\b|gb\b|mb\b|tb\b)?|\b(?:{_NUMBER_WORD})\b"
    r"(?:\s+(?:percent|times|seconds|minutes|hours|days|weeks|months|users|requests|engineers|"
    r"people|milliseconds|rows|servers|teams))?|\b(?:percent|per second|per day|per minute)\b",
    _I,
)
TRADEOFF = re.compile(
    r"\b(?:trade[- ]?offs?|downsides?|drawbacks?|at the cost of|the cost is|costs? (?:more|extra)|"
    r"on the other hand|however|versus|vs\.?|instead of|rather than|depends on|it depends|"
    r"pros and cons|whereas|in exchange|the risk (?:is|was)|the catch|the price (?:is|was)|"
    r"but (?:it|that|this|the|you|we)|slower|more expensive|more complex|less consistent|"
    r"eventual(?:ly)? consisten|compromise|balance)\b",
    _I,
)
REASONING = re.compile(
    r"\b(?:because|so that|which means|that means|that's why|this is why|the reason|"
    r"in order to|otherwise|since (?:the|it|we|that)|due to|as a consequence|therefore|"
    r"so (?:they|we|I|it|he|she|you) (?:could|can|would)|to (?:save|avoid|make sure|reduce|"
    r"prevent|protect|keep))\b",
    _I,
)
SIGNPOST = re.compile(
    r"^(?:first(?:ly)?|second(?:ly)?|third(?:ly)?|then|next|after that|finally|lastly|also|"
    r"another|on top of that|to start|to begin|in addition|beyond that)\b"
    r"|\b(?:first|second|third|the next step|the last step|step one|two things|three things|"
    r"a few things|main (?:reasons|parts|steps|options))\b",
    _I,
)
SUMMARY = re.compile(
    r"\b(?:so overall|overall|in short|in summary|to sum up|to summari[sz]e|in the end|"
    r"my recommendation|I would recommend|I'd recommend|the bottom line|all in all|"
    r"that's how I|so in practice|my rule of thumb|so my answer)\b",
    _I,
)
VAGUE = re.compile(
    r"\b(?:stuff|things like that|and so on|etc\.?|and everything|whatever|something like that|"
    r"some things|various things|a lot of things|all that)\b",
    _I,
)
HEDGE = re.compile(
    r"\b(?:I guess|I'm not (?:really |totally |entirely )?sure|I am not sure|I don't (?:really )?know|"
    r"I think maybe|maybe I|probably I|I can't remember|I don't remember|not sure|"
    r"I have no idea|no idea|kind of|sort of|I suppose)\b",
    _I,
)
FIRST_PERSON_EXPERIENCE = re.compile(
    r"\b(?:I|we) (?:have |had )?(?:built|used|ran|run|added|designed|implemented|shipped|migrated|"
    r"fixed|debugged|tuned|profiled|measured|deployed|wrote|set up|introduced|moved|replaced|"
    r"saw|found|noticed|learned|handled|managed|led|owned|chose|picked)\b",
    _I,
)
COMMUNICATION = re.compile(
    r"\b(?:I|we) (?:told|informed|explained|emailed|messaged|called|updated|wrote to|briefed|"
    r"let (?:\w+ ){1,4}know|kept (?:\w+ ){1,4}(?:informed|updated|in the loop)|talked to|spoke "
    r"(?:to|with)|met with|sat down with|presented)\b",
    _I,
)
ROLE_LINK = re.compile(
    r"\b(?:this role|this position|this job|this team|your team|your company|this company|"
    r"here at|the role|you're building|you are building|your product|your mission|"
    r"(?:why|what) I want (?:this|to join)|join (?:you|your|this))\b",
    _I,
)
OWNERSHIP = re.compile(
    r"\b(?:(?:it was|that was) my (?:mistake|fault|call|responsibility)|my (?:mistake|fault)|"
    r"I (?:owned|own|take|took) (?:it|responsibility|ownership|the blame)|I (?:admitted|"
    r"said so|was wrong|should have|messed up|made a mistake)|it was on me)\b",
    _I,
)
