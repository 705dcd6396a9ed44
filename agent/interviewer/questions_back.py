"""Questions put back to the interviewer's side instead of an answer: about the interviewer,
the mock company, its team, its ways, the role or the interview ("how big is the team?",
"do you use Airflow here?"), or the interviewer's own view or answer on the subject ("what
would you have done?", "how do you guys handle it?"). A request to clarify the question
(`intents.is_confused`) and a question about how to answer ("should I assume...?") are
neither. Read from the words, case-blind, also without question marks.
"""

from __future__ import annotations

import re

from agent.understanding.lang import content_words, sentences, words
from agent.understanding.specifics import NUMBER

from .intents import ABOUT_THE_EMPLOYER, OUTSIDE_MAX_WORDS, is_confused, only_questions

# A question put to the interviewer's side: the mock company, its team, the role or the
# interview itself ("how are teams organised at your company?", "is this the last question?").
# A case or design question's client is "you" too ("do you have data on visits?"), so "you"
# counts only with a word about the job; asking how to read the question is `intents.is_confused`.
_THE_PLACE = re.compile(
    r"\b(this|the) (role|job|position|interview)\b|\bthis (company|team|process)\b"
    r"|\b(the|this) (last|next|final) (question|round|one)\b|\bhow many (more )?questions\b"
    r"|\b(at|in|on|for) your (company|team|org\w*|side)\b|\byourself\b|\byou personally\b"
    r"|\b(work|working|people|everyone|engineers|staff) here\b|\bhere at\b"
    r"|\b(i'd|i would|i'll|i will|would i|will i|do i|should i) (be |get to |have to )?(doing|working"
    r"|building|joining|reporting|work on|use|join|report)\b.*\b(here|there|in this role|in the role"
    r"|day to day|on the job)\b"
    r"|\b(i'd|i would|i'll|i will) be (doing|working|building|joining|reporting)\b"
    r"|\bthe (team|company|office)\b|\b(vacation|holidays|pto|core hours|working hours|salary"
    r"|perks|benefits|equity|relocation|visa sponsorship)\b|\b(vacation|leave|remote|hybrid"
    r"|parental|sick) policy\b"
)
_THEIR_SIDE = re.compile(r"\b(you|your|you guys|here)\b")
_JOB_WORDS = re.compile(
    r"\b(teams?|company|companies|office|managers?|management|culture|hours|budget|learning"
    r"|reviewers?|onboarding|remote|start date|offer|round|tips|colleagues|tech stack|size"
    r"|promotions?|career|mentors?|mentoring|interviewers?|hiring|headcount|stack|tools|tooling"
    r"|on call|rotation|dashboards?|ops|processes|salary|benefits)\b"
)
# "Can I assume...", "should I talk about...", "do you want me to...": about the answer.
_ABOUT_MY_ANSWER = re.compile(
    r"\b(should|can|could|may|shall) i (assume|use|talk|focus|pick|choose|answer|describe|start"
    r"|take|give|mention|say|go)\b|\b(want|like|need) me to\b|\bdo i (need|have) to\b"
)
_TO_THE_INTERVIEWER_MAX_WORDS = 45
ASKS_BACK_MAX_WORDS = 70
"""The longest turn of questions back (`asks_back`) read as such."""
# "Do you use Airflow here?": the company's own ways.
_YOUR_PLACE = re.compile(r"\b(you|your|you guys)\b.*\bhere\b")
# "How do things work here?": the company, whoever does it.
_HERE = re.compile(r"\bhere\b(?! (is|are|was)\b)(?!'s)")
# Saying one is curious, as a lead-in to a question: no statement of the candidate's own.
_CURIOUS = re.compile(
    r"\b(i'm|im|i am) (always |just |really |genuinely |kind of |a bit |so )?(curious|wondering"
    r"|interested)\b|\b(i'd|id|i would) (really )?(love|like) to (hear|know)\b"
    r"|\bi (always |just )?wonder\b|\bbefore i (get into|answer|start|go into|dive into|jump in"
    r"|jump into)( (that|it|this))?\b|\b(can|could|may) i ask\b"
)
# Spoken fillers and set phrases with an "I" or a "we" that state nothing of the speaker's.
_FILLERS = re.compile(
    r"\bi mean\b|\bif i (can|may|could) ask\b|\b(are|were) we talking( about)?\b|\byou know\b"
)
_FIRST_PERSON = re.compile(r"\b(i|i'm|im|i've|ive|i'd|id|i'll|ill|my|mine|we|we're|we've|our)\b")
# A question's word order near the start: a question word and then its verb ("what cloud are
# you on"), or a verb before its subject ("do you guys", "is there").
# "What you want is a queue" and "how it works is" are statements: the verb must come first.
_OPENS_A_QUESTION = re.compile(
    r"\b(what|how|which|why|where|who|when)\b( \w+)? (is|are|was|were|do|does|did|would"
    r"|could|should|can|will|have|has)\b|\b(what's|whats|how's|hows|where's|who's)\b"
)
_VERB_FIRST = re.compile(
    r"^((so|and|oh|ooh|ah|ha|hmm|um|uh|okay|ok|well|wow|right|fair|nice|good|great|fun|one"
    r"|question|that's|thats|a|actually|honestly|also|but) )*(do|does|did|have|has|would|could"
    r"|can|is|are|was|were) (you|your|the|they|people|there|that|it|this|anyone|someone|one)\b"
)
# A question's opening anywhere in an unmarked transcript: a question word and its verb, or
# a verb before its subject.
_OPENING = re.compile(
    rf"{_OPENS_A_QUESTION.pattern}|\b(what|which) (kind|sort|type) of\b"
    r"|\b(do|does|did|have|has|would|could|can|is|are|was|were)"
    r" (you|your|the|they|people|there|that|it|this|anyone|someone)\b"
)
_LEAD_MAX_WORDS = 12
"""The most words a remark before an unmarked turn's questions may have ("oh numbers people
didn't trust, that's a good one")."""
# The interviewer's own company or team, also where a case has a client of its own.
_THEIR_PLACE = re.compile(
    r"\bthis (role|job|position|company|team)\b|\b(at|in|on|for) (your|this) (company|team"
    r"|org\w*)\b|\b(people|everyone|engineers|staff|analysts|developers) here\b|\bhere at\b"
    r"|\byourself\b|\b(what|how|which|who)( \w+){0,2} (do|does|did) your (company|team|org\w*)\b"
)
_QUESTION_OPENS_WITHIN = 7
"""Words from the start of an unmarked turn (past a lead-in) its question must open within."""
# The interviewer's own view, practice or answer on the question's subject: "what would you
# have done?", "how do you guys handle it?", "in your opinion?", "can you just tell me the
# answer?". A case's client is "you" too, so a plain present ("how do you price it?") is no
# such question unless it asks them personally.
_THEIR_VIEW = re.compile(
    r"\b(what|how|which|where|when|why|who)\b( \w+){0,4} (would|should|could|did|have) you"
    r"( guys| personally| yourself| all)?( have)? (do|done|did|handle|handled|approach|approached"
    r"|pick|picked|choose|chosen|chose|go|gone|use|used|recommend|suggest|prefer|say|said|answer"
    r"|deal|dealt|start|structure|think|consider|look|expect|want|need|decide|build|design|solve"
    r"|explain|describe|put|call|rate|rank|measure|estimate|fix|troubleshoot|debug|tackle|price"
    r"|come up with|set|make|check|watch|worry|prioriti[sz]e)\b"
    r"|\b(what|how|which)\b( \w+){0,4} do(es)? you( guys| all)? (personally |yourself |usually"
    r" |normally |typically )?(think|recommend|suggest|prefer|advise|like|look for|ask|want to hear"
    r"|expect|do)\b"
    r"|\b(what|how|which)\b( \w+){0,4} do you (guys|all|personally|yourself) \w+"
    r"|\b(do|did|have|would|could) you (guys )?(ever |personally |yourself |also |usually |still )"
    r"?(think|agree|prefer|recommend|suggest|like|enjoy|teach|find|get stuck|struggle|had to)\b"
    r"|\b(have|did) you (ever|personally|yourself)\b|\b(what|how) about you\b|\byou guys\b"
    r"|\bhave you (ever |personally |yourself )?(worked|been) (on|at|with|in)\b|\byourself\b"
    r"|\bin your (own )?(opinion|view|experience|mind|eyes)\b"
    r"|\b(what's|whats|what is|what are) your (own )?(take|view|views|opinion|approach|answer"
    r"|experience|favou?rite|preference|thoughts|go to|advice|way)\b"
    r"|\b(tell|show|give|walk) me (the (right |correct |best |real )?answer|how (you|it works"
    r"|to do it|you'd|you would))\b"
    r"|\b(what's|whats|what is) the (right|correct|best|expected|ideal|real) (answer|way|approach"
    r"|solution|pick|choice)\b"
    r"|\b(what|which|how)\b( \w+){0,3} you (personally )?(think|believe|reckon|find|feel)\b"
    r"|\b(has|did|does) (that|this|it|something like that) (ever )?happen(ed)? to you\b"
    r"|\b(what|who|how) (drew|got|brought|made|led) you\b"
    r"|\bwhat makes you ask\b|\bwhy (do|did|would) you (ask|want to know|care)\b"
    r"|\bwhy (does|would) (that|it|this) matter\b"
)
# Questions about the employer or the job's terms, where how things are "here" is part of the
# answer ("what are your salary expectations?", "what are you looking for in your next role?").
# A team or a company named in a case ("your team's website goes down") is not the employer.
_ABOUT_THE_JOB = re.compile(
    rf"{ABOUT_THE_EMPLOYER.pattern}|\b(?:salary|pay|compensation|expectations|offer|notice"
    r"|start date|when (?:can|could) you start|relocat\w*|remote|hybrid|perks"
    r"|(?:next|new|current|ideal|dream|last|previous|future) (?:role|job|position|team|company"
    r"|employer|manager))\b",
    re.IGNORECASE,
)
# A question asked as a statement to the listener: "I'd love to hear how your team handled
# it", "I'm curious whether people here came from engineering". Not "I'd want to know what
# the team is proud of": a plan for a first month says so too.
_INDIRECT_QUESTION = re.compile(
    r"^\W*((so|and|oh|also|but|um|uh|honestly|actually|just|i mean|first|really) )*"
    r"((i'd|id|i would|i'm|im|i am) (also |really |just |genuinely |kind of |a bit |be )*"
    r"(love to know|love to hear|like to hear|curious|wondering|interested to hear)"
    r"|i (also |just )?wonder)"
    r"( about)? (what|which|how|whether|if|who|where|why|when)\b"
)


def to_the_interviewer(text: str, question: str = "") -> bool:
    """A turn that is only questions put to the interviewer's side: about the interviewer,
    the company, its team, its tools, the role or the interview ("what's the management style
    like in your team?", "do you use Airflow here? and who owns the dashboards?"), not about
    how to answer. Whatever words it shares with the question, it is not an answer. Besides
    its questions it may say next to nothing ("I mostly used Snowflake before") and no figure:
    an answer that ends by asking ("...does that make sense to you?") is still an answer. How
    things are "here" is their side too, unless ``question`` is about the employer or the job's terms
    ("why here?", "what are your salary expectations?")."""
    text = _closed(text)
    tokens = words(text)
    marked = "?" in text
    if not tokens or len(tokens) > _TO_THE_INTERVIEWER_MAX_WORDS:
        return False
    here = not _ABOUT_THE_JOB.search(question)
    if not marked:
        return _unmarked_questions_back(tokens, here=here)
    if NUMBER.search(_own_sentences(text)):
        return False  # a figure answers by itself: "around seventy thousand. how do raises work?"
    questions = only_questions(text)
    return bool(questions) and _their_side(questions, here=here)


def asks_back(text: str, question: str = "") -> bool:
    """A turn that puts a question to the interviewer's side, whatever else it says ("that's
    such a big topic. What's your take on it? How does your team do it?"). Whether the rest
    is an answer of the candidate's own is the caller's to weigh. A transcript without marks
    is read whole after a short remark, where it says nothing of the speaker's own ("oh
    that's a good one has that ever happened to you here")."""
    text = _closed(text)
    tokens = words(text)
    if len(tokens) > ASKS_BACK_MAX_WORDS:
        return False
    here = not _ABOUT_THE_JOB.search(question)
    # A request to clarify is about the question; words the question used ("salary", asked
    # for salary expectations) say nothing of whom a question is put to.
    asked = set(content_words(words(question)))
    if not _has_marks(text):
        split = _unmarked_split(tokens)
        if split is None:
            return False
        rest = " ".join(w for w in split[1].split() if w not in asked)
        return _asks_whole(rest, here=here)
    if "?" not in text:
        return False
    questions = [
        " ".join(w for w in words(s) if w not in asked)
        for s in sentences(text)
        if s.rstrip().endswith("?") and not is_confused(s)
    ]
    return _their_side(questions, here=here)


def besides_questions(text: str) -> str:
    """What ``text`` says besides its questions (those asked as statements too): the
    sentences of the candidate's own; in a transcript without marks that asks (see
    `asks_back`), the remark before its questions."""
    text = _closed(text)
    if not _has_marks(text):
        split = _unmarked_split(words(text))
        return text if split is None else split[0]
    return _own_sentences(text)


def _own_sentences(closed: str) -> str:
    """The sentences of a `_closed` text that ask nothing."""
    return " ".join(s.strip() for s in sentences(closed) if not s.rstrip().endswith("?"))


def _unmarked_split(tokens: list[str]) -> tuple[str, str] | None:
    """A transcript without marks that states nothing of the speaker's own (no "I", "my" or
    "we" besides fillers and saying they are curious), cut where its first question opens
    after a short remark: (remark, questions)."""
    said = _said(tokens)
    if _FIRST_PERSON.search(said):
        return None
    opening = _OPENING.search(said)
    if opening is None or len(said[: opening.start()].split()) > _LEAD_MAX_WORDS:
        return None
    return said[: opening.start()].strip(), said[opening.start() :]


def _asks_whole(said: str, *, here: bool) -> bool:
    """Unmarked questions, read whole, put to the interviewer's side. Longer, a question
    about the setup ("is there a team that owns the pipeline") may be the client's side of
    a design or a case; their own view, their own place or their ways "here" are not."""
    if len(said.split()) <= OUTSIDE_MAX_WORDS:
        return _their_side([said], here=here)
    return bool(
        _THEIR_VIEW.search(said) or _THEIR_PLACE.search(said) or (here and _HERE.search(said))
    )


def _closed(text: str) -> str:
    """``text`` with each question asked as a statement ("I'd love to hear what happened in
    your last outage.") closed by a question mark, where the turn has any marks at all."""
    if not _has_marks(text):
        return text
    return " ".join(
        f"{s.strip().rstrip('.!')}?" if _asked_as_statement(s) else s.strip()
        for s in sentences(text)
    )


def _has_marks(text: str) -> bool:
    """Whether ``text`` has sentence marks: a transcript without any cannot be cut."""
    return any(mark in text for mark in ".!?")


def _asked_as_statement(sentence: str) -> bool:
    return not sentence.rstrip().endswith("?") and bool(
        _INDIRECT_QUESTION.search(" ".join(words(sentence)))
    )


def _their_side(questions: list[str], *, here: bool = False) -> bool:
    """Normalised questions, one of which is put to the interviewer's side, none about how
    to answer. ``here``: a question about how things are "here" counts, whoever it asks
    about."""
    if any(_ABOUT_MY_ANSWER.search(q) for q in questions):
        return False
    return any(
        _THE_PLACE.search(q)
        or (_THEIR_SIDE.search(q) and _JOB_WORDS.search(q))
        or _YOUR_PLACE.search(q)
        or _THEIR_VIEW.search(q)
        or (here and _HERE.search(q))
        for q in questions
    )


def _opens_a_question(start: str) -> bool:
    return bool(_OPENS_A_QUESTION.search(start) or _VERB_FIRST.match(start))


def _unmarked_questions_back(tokens: list[str], *, here: bool) -> bool:
    """A transcript without question marks that asks the interviewer's side something and
    says nothing of the candidate's own: no "I", "my" or "we" besides fillers and saying
    they are curious ("before I get into that, what's a project you're proud of here, I'd
    love to hear"). Its sentences cannot be told apart, so it is read whole."""
    said = _said(tokens)
    if _FIRST_PERSON.search(said) or not _opens_a_question(
        " ".join(said.split()[:_QUESTION_OPENS_WITHIN])
    ):
        return False
    return _asks_whole(said, here=here)


def _said(tokens: list[str]) -> str:
    """An unmarked transcript's words without fillers ("i mean") and lead-ins saying the
    speaker is curious ("can i ask", "i'd love to know")."""
    return " ".join(_FILLERS.sub(" ", _CURIOUS.sub(" ", " ".join(tokens))).split())
