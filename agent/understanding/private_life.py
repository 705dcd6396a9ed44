"""Talk of private life: family, home, hobbies, the weekend; and whether a story is only that.

`PRIVATE` marks an aside from private life ("my brother", "last night", "our kitchen"); the
topic reading weighs it unless the same turn talks about work (`AT_WORK`) or the question asks
for private life itself ("an accomplishment outside of work": `private_aside`). (Read against the
broad `_WORK` instead, it cost as many off-topic turns caught as it saved answers kept.)

A story question ("tell me about a time you led a team through a big change") can be
answered with a story from private life told in the question's words: "the biggest change I
led was moving my family across the country". MiniLM puts it close to the question, and the
shared words make it look on topic. A person hears at once that it is about home, not work.
`private_story` says so where the answer talks of private life and nothing in it, apart from
the question's own words, places it at work, school or any other job (`_WORK`, kept broad);
questions that invite private life ("a skill you taught yourself outside of work", "tell me
about yourself") are never read this way. Read case-blind; no model.
"""

from __future__ import annotations

import re

_RELATION = (
    r"(?:(?:little|big|older|younger|elder|baby|twin|best|two|three|new|old|local) )?"
    r"(?:brothers?|sisters?|siblings?|partner|wife|husband|fianc[eé]e?|girlfriend|boyfriend|"
    r"dad|mum|mom|mother|father|parents|kids?|children|sons?|daughters?|family|dogs?|cats?|"
    r"kitten|puppy|pets?|neighbou?rs?|flatmates?|roommates?|housemates?|friends?|grandm\w+|"
    r"grandp\w+|grandkids|grandchildren|uncles?|aunts?|aunties|cousins?|nephews?|nieces?|in-laws|"
    r"gym|holiday|vacation|weekend|phone|car|bike|house|flat|apartment|kitchen|bathroom|garage|"
    r"balcony|desk|room|garden|allotment|hobby|hobbies|wedding|birthday|landlord|landlady|"
    r"plumber|doctor|dentist|book club|running club|choir|church|mosque|temple)"
)
PRIVATE = re.compile(
    rf"\b(?:my|our) {_RELATION}\b"
    r"|\b(?:last night|this morning|(?:on|at|over) (?:the|my|this|last) weekend|"
    r"reminds me|speaking of which|by the way|funny story|off topic|in my free time|at home|"
    r"on holiday|(?:a|my|the) (?:holiday|vacation|trip) to|road trip)\b"
    r"|\b(?:pizza|dinner|breakfast|recipe|cooking|baking|movies?|films?|tv shows?|netflix|"
    r"binge\w*|concerts?|video games?|pottery|yoga|guitar|piano|knitting|gardening|hiking|"
    r"marathon|football|cricket|tennis|golf|chess|sailing|skateboard\w*|surfing|fishing|camping|"
    r"renovat\w+|groceries|laundry|pub quiz|festival|climbing|bouldering|lego|poker|board games?"
    r"|podcasts?|sitcom|anime|manga|tv series|boxsets?|crosswords?|sudoku|jigsaw)\b",
    re.IGNORECASE,
)
AT_WORK = re.compile(
    r"\b(?:at work|(?:my|our) (?:team|manager|lead|job|role|company|clients?|customers?|"
    r"project|internship|service|product|users|app|database|system|code))\b",
    re.IGNORECASE,
)
_WORK = re.compile(
    r"\b(?:work\w*|jobs?|office|compan(?:y|ies)|firm|employer|team\w*|colleagues?|co-?workers?|"
    r"manager|boss|lead|supervisor|clients?|customers?|stakeholders?|projects?|internships?|"
    r"interns?|role|position|shifts?|sprints?|releases?|deploy\w*|code|coding|product|users?|"
    r"startup|agency|hospital|school|universit(?:y|ies)|uni|campus|societ(?:y|ies)|committee|"
    r"college|class|course|professor|"
    r"lecturer|students?|thesis|store|warehouse|career|business|department|meetings?|"
    r"engineer\w*|developer|software|data|analyst|designer|hired|hiring|interview\w*|salary|"
    r"recruiter|degree|study|studied|studying|volunteer\w*|ngo|charity|apis?|servers?|"
    r"backend|frontend|database|python|java|cloud|apps?|website|hotel|restaurant|shop|cafe|"
    r"guests?|patients?|module|lectures?|seminar|lab)\b",
    re.IGNORECASE,
)
_WATCHED = re.compile(
    r"\b(?:documentar(?:y|ies)|on (?:the )?tv|at the tv|tv (?:series|show|channel)|episodes?|"
    r"live ?stream\w*|watch(?:ed|ing)? (?:it|them) live|"
    r"contestants?|stadium|premier league|champions league|world cup|olympics|grand prix|"
    r"(?:rocket|space) launch|(?:my|our|the) (?:football|cricket|rugby|basketball|baseball|"
    r"hockey) (?:club|team|side)|fans)\b",
    re.IGNORECASE,
)
"""What a spectator tells of: a show, a match, a launch watched from the sofa or the stands.
Read only by `private_story`, beside `PRIVATE`: a story of watching others is no story of
one's own work either. Learning from videos is no spectating: "I watch YouTube and try it"
answers how one learns."""
_SPORT = re.compile(
    r"\b(?:football|soccer|cricket|rugby|basketball|baseball|hockey|league|stadium|fans|squad|"
    r"players|striker|goalkeeper|referee|premier|unbeaten|relegat\w+)\b",
    re.IGNORECASE,
)
_SPORT_ROLES = frozenset({"manager", "team", "teams", "lead", "coach", "captain"})
"""Words of work that a story of sport uses in its own sense: a club's manager, a team."""
# Questions that ask for something from private life itself: an aside from home is what
# they want, not a drift away from the question.
_ASKS_FOR_IT = re.compile(
    r"\boutside (?:of )?(?:work|class|school|your job)\b|\bpersonal (?:project|life)\b"
    r"|\b(?:free|spare) time\b|\bhobb(?:y|ies)\b"
    r"|\bwithout (?:your|a|any) (?:\w+ )?background\b|\bnon-?technical (?:friend|person)\b",
    re.IGNORECASE,
)
# Questions that invite it, where a story from home is no drift either: also "yourself"
# ("tell me about yourself") and anything "personal" or "outside".
_INVITES = re.compile(
    rf"{_ASKS_FOR_IT.pattern}|\boutside\b|\byourself\b|\bpersonal\b|\bnon-?technical\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"[a-z']+", re.IGNORECASE)


def private_aside(answer: str, question: str) -> bool:
    """Whether ``answer`` has an aside from private life (`PRIVATE`) and no talk of work
    (`AT_WORK`), where ``question`` does not ask for private life itself ("an accomplishment
    outside of work", "a skill you taught yourself outside of class")."""
    return (
        PRIVATE.search(answer) is not None
        and AT_WORK.search(answer) is None
        and _ASKS_FOR_IT.search(question) is None
    )


def private_story(answer: str, question: str) -> bool:
    """Whether ``answer`` is only about private life or about what its speaker watched (see
    the module)."""
    if _INVITES.search(question):
        return False
    watched = _WATCHED.search(answer) is not None
    if not watched and not PRIVATE.search(answer):
        return False
    asked = {w.lower() for w in _WORD.findall(question)}
    if watched and _SPORT.search(answer):
        asked |= _SPORT_ROLES  # the club's manager, watched from the stands
    return all(m.group(0).lower() in asked for m in _WORK.finditer(answer))
