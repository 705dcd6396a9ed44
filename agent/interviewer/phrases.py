"""Everything the interviewer says besides the questions themselves.

Pure functions from a little context to one or two short, speakable sentences. Variety
comes from a ``variant`` integer chosen by the graph, so a given interview is reproducible.
Acknowledgements reflect the answer lightly (a keyword it used) and never judge it.
"""

from __future__ import annotations

import re
from typing import Literal

from .bank import InterviewType, Level, QuestionType
from .intents import SHORT_ANSWER_WORDS, words

_NUMBERS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")

_TYPE_PHRASE: dict[InterviewType, str] = {
    "technical": "technical",
    "behavioral": "behavioral",
    "hr": "HR",
    "case_study": "case study",
    "system_design": "system design",
    "mixed": "mixed",
}

CLOSING_WORDS = (
    "Thank you for your time today. Your transcript is ready on the interview page. "
    "Goodbye, and good luck!"
)

_ACK_WITH_KEYWORD = (
    "Thanks, I noted what you said about {kw}.",
    "Got it, you brought up {kw}.",
    "Understood, thanks for mentioning {kw}.",
    "Alright, thank you. I've made a note about {kw}.",
    "Okay, thanks for walking me through {kw}.",
)
_ACK_PLAIN = (
    "Thanks for that.",
    "Got it, thank you.",
    "Okay, understood.",
    "Alright, thanks for sharing.",
    "Thank you, noted.",
)
_ACK_BRIEF = ("Okay, thanks.", "Alright.", "Okay, noted.")
_TRANSITIONS = ("Next question.", "Here's the next one.", "Let's move on.", "Moving on.")
_NUDGE_TECHNICAL = (
    "Could you go a little deeper? A concrete example from a real project would help.",
    "Can you expand on that a bit? Walk me through an example you've seen or would expect.",
)
_NUDGE_EXPERIENCE = (
    "Could you give me a concrete example, what you did and how it turned out?",
    "Can you expand on that with a concrete example from your own experience?",
)
_NUDGE_SILENT = (
    "Take your time. Whenever you're ready, a concrete example is a good place to start.",
    "No rush. When you're ready, try starting with a specific example.",
)
_REPEAT = ("Sure, here it is again.", "Of course.", "No problem, I'll repeat it.")
_SKIP = (
    "No problem, let's skip that one.",
    "Sure, we can move on.",
    "That's fine, we'll leave that one.",
)

# Words too common to be worth echoing back to the candidate.
_STOPWORD_TEXT = """
    about above actually after again against also although always among another anything
    anyway around back basically because been before being below between both bunch cause
    could different doing done down during each either else enough especially even ever
    every everything example first from further getting going gonna good great guess have
    having here hmm however idea important instance just kind know known like likely little
    looking lots made make making maybe mean mostly much must need never obviously often
    okay only other otherwise over part particular people perhaps point pretty probably
    quite rather really right said same saying seems should since situation some someone
    something sometimes sort specific stuff such sure take than thank thanks that that's
    their them then there these they thing things think this those though through time times
    together trying under until usually very wanna want well were what whatever when where
    whether which while whole will with within without would yeah years your yours yourself
    answer question approach basically different certain various better best
"""
_STOPWORDS = frozenset(_STOPWORD_TEXT.split())


def spoken_number(n: int) -> str:
    return _NUMBERS[n] if 0 <= n < len(_NUMBERS) else str(n)


def role_phrase(role_label: str, level: Level) -> str:
    """'junior backend engineer', 'mid-level DevOps engineer', 'data analyst intern'."""
    first, _, rest = role_label.partition(" ")
    # Keep acronym-like words such as DevOps capitalised; lower-case plain ones.
    first = first if any(c.isupper() for c in first[1:]) else first.lower()
    role = f"{first} {rest}".strip()
    if level == "intern":
        return f"{role} intern"
    return f"{'mid-level' if level == 'mid' else level} {role}"


def opening(role_label: str, level: Level, interview_type: InterviewType, n_questions: int) -> str:
    welcome = (
        f"Hi, and welcome to your {_TYPE_PHRASE[interview_type]} mock interview for the "
        f"{role_phrase(role_label, level)} role."
    )
    if n_questions == 0:
        return f"{welcome} I'm sorry, I have no questions ready for this setup."
    about = "one question" if n_questions == 1 else f"about {spoken_number(n_questions)} questions"
    return (
        f"{welcome} I'll ask you {about}, one at a time, and you can interrupt me anytime, "
        "or ask me to repeat or skip a question."
    )


def transition(index: int, total: int, variant: int) -> str:
    if index == 0:
        return "Let's begin."
    if index == total - 1:
        return "Here's the last question."
    return _TRANSITIONS[variant % len(_TRANSITIONS)]


def acknowledgement(answer: str, question: str, reference_points: list[str], variant: int) -> str:
    if len(words(answer)) < SHORT_ANSWER_WORDS:
        return _ACK_BRIEF[variant % len(_ACK_BRIEF)]
    kw = keyword(answer, question, reference_points)
    if kw is None:
        return _ACK_PLAIN[variant % len(_ACK_PLAIN)]
    return _ACK_WITH_KEYWORD[variant % len(_ACK_WITH_KEYWORD)].format(kw=kw)


def nudge(question_type: QuestionType, answer: str, variant: int) -> str:
    if not words(answer):
        options = _NUDGE_SILENT
    elif question_type in ("technical", "case_study", "system_design"):
        options = _NUDGE_TECHNICAL
    else:
        options = _NUDGE_EXPERIENCE
    return options[variant % len(options)]


def repeat(variant: int) -> str:
    return _REPEAT[variant % len(_REPEAT)]


def skip(variant: int) -> str:
    return _SKIP[variant % len(_SKIP)]


def closing(reason: Literal["completed", "ended_early", "no_questions"]) -> str:
    lead = {
        "completed": "That was the last question. ",
        "ended_early": "No problem, we can stop here. ",
        "no_questions": "",
    }[reason]
    return f"{lead}{CLOSING_WORDS}"


def after_end() -> str:
    return "Our interview has ended. Your transcript is ready on the interview page. Goodbye!"


_TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9'+.-]*[A-Za-z0-9+]|[A-Za-z]")


def keyword(answer: str, question: str, reference_points: list[str]) -> str | None:
    """A word from the answer worth echoing back, or None when nothing stands out.

    Prefers words that touch the question's reference points (the topic), then long
    content words the candidate added; never a stopword, never a word of the question.
    """
    asked = set(words(question))
    topic = {w[:5] for point in reference_points for w in words(point) if len(w) >= 4}
    best: tuple[int, str] | None = None
    for match in _TOKEN.finditer(answer):
        token = match.group().rstrip(".")
        lower = token.lower()
        if len(lower) < 4 or lower in _STOPWORDS or lower in asked or "'" in lower:
            continue
        on_topic = lower[:5] in topic
        if not on_topic and len(lower) < 6:
            continue
        score = (100 if on_topic else 0) + len(lower)
        if best is None or score > best[0]:
            best = (
                score,
                _as_spoken(token, sentence_start=_starts_sentence(answer, match.start())),
            )
    return best[1] if best else None


def _starts_sentence(text: str, pos: int) -> bool:
    before = text[:pos].rstrip()
    return not before or before[-1] in ".?!"


def _as_spoken(token: str, *, sentence_start: bool) -> str:
    # Keep acronyms and names (SQL, DevOps, Redis mid-sentence) as the ASR wrote them; a
    # capital that only marks the start of a sentence is dropped.
    if any(c.isupper() for c in token[1:]) or not sentence_start:
        return token
    return token[0].lower() + token[1:]
