"""Which career question does an answer open as the answer to? For HR questions.

HR questions are a small set of classics (where do you see yourself, why are you leaving,
your greatest strength, your first three months...), and a candidate who answers one of them
when asked another opens with its signature: "My greatest strength is...", "I'm leaving
because...", "In the first three months I'd...". MiniLM reads such an answer as close to any
career question, so the topic reading kept it. Here the question's wording gives the classics
it asks, the start of the answer (its first sentence) gives the classic it answers, and an
answer that opens as the answer to a classic unrelated to the asked one is about another
question. Incidental mentions later in an answer ("...which is why this role caught my
eye") do not count, and a classic only counts against questions it does not go with (a
strength is how teammates would describe you; why you leave is part of your career story).
"""

from __future__ import annotations

import re

from .lang import words

_I = r"(?:i|i'?m|i am|i'?d|i would|i'?ve)"
# A classic's signature at the start of an answer (first-person, as the answer to it opens).
_ANSWER_OPENS: dict[str, re.Pattern[str]] = {
    name: re.compile(pattern, re.IGNORECASE)
    for name, pattern in {
        "future": r"\bsee myself\b|\byears from now\b|\bmy (?:long[- ]term|career) goal\b"
        r"|\b(?:in|within) (?:two|three|four|five|ten|\d+|a few|the next (?:few|two|three|five)) "
        r"years(?:'? time)?,? (?:i'?d|i'?ll|i will|i would|i want|i hope|i see|i plan)\b"
        r"|\b(?:like|love|want|hope|plan) to (?:be|become) (?:a|an) [\w ]{3,30}? (?:in|by|within) "
        r"(?:two|three|four|five|ten|\d+|a few) years\b|\blong[- ]term,? " + _I + r"\b",
        "leaving": r"\b" + _I + r" (?:leaving|looking to leave|want(?:ing)? to leave|moving on|"
        r"looking for a (?:change|new job)) because\b|\breason " + _I + r" (?:leaving|looking)\b"
        r"|\bwhy i (?:left|quit|want to leave)\b|\bmy (?:current |last )?(?:company|employer) "
        r"is (?:cutting|closing|shrinking|shutting|downsizing)\b",
        "strength": r"\bmy (?:greatest|biggest|main|key|best|top) strengths?\b"
        r"|\bmy strengths? (?:is|are|would be)\b",
        "weakness": r"\bmy (?:greatest |biggest |main |one )?weakness(?:es)?\b",
        "motivation": r"\bwhat (?:motivates|drives|gets|keeps) me\b|\b" + _I + r" motivated by\b",
        "origin": r"\bi (?:first )?(?:got|became|was) (?:interested|into|hooked|drawn)\b"
        r"|\bi chose (?:computer science|engineering|economics|statistics|maths?|physics|"
        r"this field|my (?:degree|major|field))\b|\bwhat drew me\b|\bi (?:moved|switched|"
        r"went|transitioned) (?:in)?to (?:product|data|engineering|software|management)\b"
        r"|\bi started (?:coding|programming)\b",
        "first_months": r"\b(?:in|during|within|over) (?:the|my) first (?:few |two |three |six )?"
        r"(?:days|weeks|months|month|week|30 days|60 days|90 days|thirty days|ninety days)\b"
        r"|\bby (?:month|week) (?:two|three|six|\d+)\b",
        "leadership": r"\bmy (?:leadership|management|managing) style\b|\bthe (?:hardest|best) "
        r"part of (?:leading|managing|being a (?:lead|manager))\b",
        "career_path": r"\bindividual contributor\b|\bic track\b|\bstaff engineer\b"
        r"|\bstay(?:ing)? hands[- ]on\b|\b(?:move|moving|go|going) (?:further )?into "
        r"management\b|\bmanagement track\b",
        "salary": r"\bsalary\b|\bcompensation\b|\bctc\b|\blakhs?\b|\blpa\b|\bper annum\b"
        r"|\b\d+k (?:a|per) year\b|\b\d+(?:[.,]\d+)? ?(?:k|thousand|lakhs?|lpa|grand)\b"
        r"|\b(?:euros?|dollars?|pounds|rupees|inr|usd|eur|gbp)\b",
        "internship": r"\b" + _I + r" hoping to learn\b|\b(?:during|from|in) (?:the|this) "
        r"internship,? " + _I + r" (?:want|hope|hoping|would like)\b",
        "manager": r"\bin a manager\b|\bmy (?:ideal|best|dream) manager\b",
        "described": r"\b(?:my )?(?:teammates|classmates|colleagues|friends|team) would "
        r"(?:say|describe|call)\b",
        "about_you": r"\ba (?:little |quick )?(?:bit )?about (?:me|myself)\b|\bmy name is\b"
        r"|\bmy background is\b|\b(?:i'?m|i am) (?:a|an) [\w ]{2,40}? with (?:about |over |nearly "
        r"|almost |around |roughly )?(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten"
        r"|fifteen|twenty) years\b|\bi have (?:about |over |nearly |almost |around |roughly )?"
        r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten|fifteen|twenty) years of "
        r"(?:experience|professional experience|industry experience)\b",
        "why_company": r"\bwhat (?:really |mostly )?(?:attracts|draws|drew|excites|attracted) me "
        r"(?:to|about) (?:your|this|the) (?:company|role|team|product|mission|position)\b"
        r"|\bwhy i (?:applied|want to (?:work|join))\b|\bi (?:really )?(?:want|would love|'?d love"
        r"|would like|'?d like) to (?:work|join) (?:here|your (?:company|team)|this (?:company|team))\b",
    }.items()
}
# The classics whose opening no story from work or study begins with: a story question
# answered with one of them was heard as another question ("a bit about me: I'm a backend
# developer with six years..."). A figure, an origin or the first weeks may open a story.
_NEVER_A_STORY = frozenset(
    {"strength", "weakness", "motivation", "future", "leaving", "about_you", "why_company"}
)
# The classics whose opening no answer to a technical, design or case question begins with;
# "in five years I'd expect the market to double" opens a case answer, so the future counts
# there only as the speaker's own ("in five years I'd like to be leading a product area").
_NEVER_KNOWLEDGE = frozenset({"strength", "weakness", "leaving", "about_you", "why_company"})
_OWN_FUTURE = re.compile(
    r"\bsee myself\b|\bmy (?:long[- ]term|career) goal\b|\b(?:in|within) (?:two|three|four|"
    r"five|ten|\d+|a few|the next (?:few|two|three|five)) years(?:'? time)?,? "
    + _I
    + r" (?:like|love|want|hope|plan|see myself) to (?:be|become|lead|grow|move|have|manage|"
    r"own|run)\b",
    re.IGNORECASE,
)
# The classics a question asks, from its wording.
_QUESTION_ASKS: dict[str, re.Pattern[str]] = {
    name: re.compile(pattern, re.IGNORECASE)
    for name, pattern in {
        "future": r"\bsee yourself\b|\b(?:in|within) (?:two|three|four|five|ten|\d+|a few) "
        r"(?:to (?:three|five|ten) )?years\b|\bcareer goals?\b|\blong[- ]term\b",
        "leaving": r"\bleav(?:e|ing) (?:your|the) (?:current|last|previous)\b|\bwhy (?:did|are|do) "
        r"you (?:want to )?leav",
        "strength": r"\bstrengths?\b|\bhire you\b",
        "weakness": r"\bweakness|\bworking to improve\b|\barea you'?re\b",
        "motivation": r"\bmotivat|\bdrives you\b|\binterested in this role\b|\benjoy\b",
        "origin": r"\bdrew you\b|\bgot you (?:into|interested)\b|\bwhy did you choose\b"
        r"|\binterested in working\b|\byour field\b",
        "first_months": r"\bfirst (?:few |three |six )?(?:days|weeks|months)\b|\bfirst 90\b"
        r"|\bbefore making any big changes\b|\bup to speed\b|\bnew team\b",
        "leadership": r"\bleadership\b|\bleading people\b|\bas a lead\b|\bmanagement\b",
        "career_path": r"\bhands on\b|\bmanagement\b|\bcareer path\b",
        "salary": r"\bsalary\b|\bcompensation\b|\bjob offers?\b|\bpay\b",
        "internship": r"\binternship\b",
        "manager": r"\bin a manager\b",
        "described": r"\bdescribe you\b",
        "career_story": r"\bcareer so far\b|\byour (?:main )?moves\b",
        "about_you": r"\babout yourself\b",
        "why_company": r"\bwhy (?:do you want to|would you like to|did you apply to) (?:work|join)\b"
        r"|\bwhy (?:this|our) (?:company|team|role|position)\b|\bwhy us\b",
        # Classics with no signature opening of their own: any other classic's is off them.
        "learning": r"\bskills up to date\b|\bkeep (?:learning|up)\b|\blearn\b",
        "remote": r"\bremote\b|\btime zones?\b",
        "environment": r"\bwork environment\b|\bbest work\b",
        "stress": r"\bstress\b|\bpressure\b",
        "culture": r"\bculture\b",
        "balance": r"\bbalance\b|\bcommitments\b",
        "feedback": r"\bfeedback\b",
        "reflection": r"\bchanged your mind\b|\badvice\b",
        "inclusion": r"\bdiverse\b|\binclusive\b",
        "others": r"\bhelp (?:people|others)\b|\bpeople around you\b",
        "accomplishment": r"\baccomplishment\b|\bproud\b",
        "studies": r"\bclass\b|\bcourse\b|\bfield of study\b",
    }.items()
}
# Classics that answer each other's questions, in either direction.
_GO_TOGETHER = (
    {"strength", "described", "weakness", "accomplishment", "stress"},
    {"leaving", "career_story", "salary", "motivation"},
    {"future", "career_path", "leadership", "internship"},
    {"motivation", "origin", "studies", "reflection", "career_story"},
    {"first_months", "internship", "learning"},
    {"manager", "leadership", "feedback", "weakness"},
    {"environment", "manager", "culture", "motivation"},
    {"environment", "remote"},
    {"culture", "leadership", "others", "inclusion"},
    {"balance", "stress", "internship"},
    {"learning", "internship", "studies", "origin"},
    {"about_you", "career_story", "origin", "studies"},
    {"why_company", "motivation", "environment", "culture", "future", "origin"},
)
OPENING_WORDS = 20
"""How far into the answer its signature must start: an answer opens with it."""


def asked_classics(question: str) -> frozenset[str]:
    """The classic career questions that ``question`` asks (empty for anything else)."""
    return frozenset(name for name, pattern in _QUESTION_ASKS.items() if pattern.search(question))


def answers_asked(answer: str, question: str) -> bool:
    """Whether ``answer`` opens as the answer to a classic that ``question`` asks ("around
    sixty thousand euros", asked for salary expectations)."""
    return bool(_opens(answer) & asked_classics(question))


def _opens(answer: str) -> set[str]:
    """The classics whose signature the start of ``answer`` has."""
    opening = " ".join(words(answer)[:OPENING_WORDS])
    return {name for name, pattern in _ANSWER_OPENS.items() if pattern.search(opening)}


def answers_instead(answer: str, question: str) -> str | None:
    """The classic career question that ``answer`` opens as the answer to, where the asked
    ``question`` asks other classics, none that goes with it; else None."""
    asked = asked_classics(question)
    if not asked or "about_you" in asked:
        return None
    found = _opens(answer)
    opens = [name for name in _ANSWER_OPENS if name in found]
    if not opens or any(_together(name, asked) for name in opens):
        return None
    return opens[0]


def story_answers_instead(answer: str, question: str) -> str | None:
    """The classic career question that ``answer`` opens as the answer to, given to a
    story ``question`` (`_NEVER_A_STORY`), where it asks no classic that goes with it;
    else None."""
    return _first_unrelated(_opens(answer) & _NEVER_A_STORY, question)


def knowledge_answers_instead(answer: str, question: str) -> str | None:
    """The classic career question that ``answer`` opens as the answer to, given to a
    technical, design or case ``question`` (`_NEVER_KNOWLEDGE`, and the speaker's own future),
    where it asks no classic that goes with it; else None."""
    found = _opens(answer) & _NEVER_KNOWLEDGE
    if _OWN_FUTURE.search(" ".join(words(answer)[:OPENING_WORDS])):
        found.add("future")
    return _first_unrelated(found, question)


def _first_unrelated(found: set[str], question: str) -> str | None:
    """Of the classics ``found`` at the start of an answer, in `_ANSWER_OPENS` order, the
    first that ``question`` asks nothing going with; else None."""
    asked = asked_classics(question)
    return next((n for n in _ANSWER_OPENS if n in found and not _together(n, asked)), None)


def _together(name: str, asked: frozenset[str]) -> bool:
    return name in asked or any(name in group and group & asked for group in _GO_TOGETHER)
