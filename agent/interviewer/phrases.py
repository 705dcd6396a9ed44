"""Everything the interviewer says besides the questions themselves, in the persona's tone.

Pure functions from a little context to one or two short, speakable sentences. Variety
comes from a ``variant`` integer chosen by the graph, so a given interview is reproducible.
Acknowledgements reflect the answer lightly (a keyword it used) and never judge it: no
praise, no criticism, in any tone.
"""

from __future__ import annotations

from typing import Literal

from agent.understanding.lang import normalise, words

from .bank import InterviewType, Level, QuestionType
from .hooks import find_hooks
from .intents import SHORT_ANSWER_WORDS, opens_a_story
from .setup import Persona, Tone
from .slots import NOUN_SLOTS, slot_type

_NUMBERS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
_TYPE_PHRASE: dict[InterviewType, str] = {
    "technical": "technical", "behavioral": "behavioral", "hr": "HR",
    "case_study": "case study", "system_design": "system design", "mixed": "mixed",
}  # fmt: skip
ByTone = dict[Tone, tuple[str, ...]]
CloseReason = Literal["completed", "ended_early", "time_up", "no_questions"]

WHAT_NEXT = "Your transcript and feedback report will be ready on the results page shortly."

_ACK_WITH_KEYWORD: ByTone = {
    "friendly": ("Thanks, I noted what you said about {kw}.", "Thank you for sharing "
                 "your example about {kw}.", "Thanks for walking me through {kw}.",
                 "Got it, thanks for bringing up {kw}.", "Thank you, I've made a note about {kw}."),
    "neutral": ("Thanks, I noted what you said about {kw}.", "Got it, you brought up {kw}.",
                "Understood, thanks for mentioning {kw}.",
                "Alright, thank you. I've made a note about {kw}.",
                "Okay, thanks for walking me through {kw}."),
    "strict": ("Noted, you mentioned {kw}.", "Understood, {kw}.", "Okay. I've noted {kw}.",
               "Right, {kw}. Noted."),
}  # fmt: skip
_ACK_PLAIN: ByTone = {
    "friendly": ("Thanks for sharing that.", "Thank you, that helps me follow your thinking.",
                 "Got it, thank you.", "Thanks, I appreciate the detail."),
    "neutral": ("Thanks for that.", "Got it, thank you.", "Okay, understood.",
                "Alright, thanks for sharing.", "Thank you, noted."),
    "strict": ("Noted.", "Understood.", "Okay.", "Right."),
}  # fmt: skip
_ACK_BRIEF: ByTone = {
    "friendly": ("Okay, thanks.", "Alright, thank you."),
    "neutral": ("Okay, thanks.", "Alright.", "Okay, noted."),
    "strict": ("Okay.", "Noted."),
}
_FOLLOW_LEAD: ByTone = {
    "friendly": ("Thanks.", "I'd like to hear a bit more.", "Thank you."),
    "neutral": ("Okay.", "Alright.", "Let me ask about that."),
    "strict": ("",),
}
_TRANSITIONS = ("Next question.", "Here's the next one.", "Let's move on.", "Moving on.")
_NUDGE_TECHNICAL = (
    "Could you go a little deeper? A concrete example from a real project would help.",
    "Can you expand on that a bit? Walk me through an example you've seen or would expect.",
    "Could you make that concrete? Pick one real example and walk me through it.",
    "Can you say more? An example of where you applied this would help.",
)
_NUDGE_CASE = (
    "Could you walk me through your reasoning, step by step?",
    "Can you say more? Start with the first thing you'd look at, and why.",
)
_NUDGE_DESIGN = (
    "Could you go a bit further? Name the main parts and how data flows between them.",
    "Can you say more? Start with the main components and how a request moves through them.",
)
_NUDGE_GO_ON = ("Go on. What happened, and what did you do?", "Okay, go on. What did you do?")
_NUDGE_EXPERIENCE = (
    "Could you give me a concrete example, what you did and how it turned out?",
    "Can you expand on that with a concrete example from your own experience?",
    "Could you pick one specific example and tell me what you did?",
    "Can you tell me about a real example of that, and your part in it?",
)
_NUDGE_VIEW = (
    "Could you say a bit more about that, and why?",
    "Can you expand on that a little? What is it based on?",
    "Could you tell me more, with an example from your own experience?",
)
SAME_QUESTION = "Sure, still on the same question."
"""Before a follow-up said again for a candidate who did not follow it."""
TAKEAWAY = "What did you take away from that?"
GO_AHEAD = "Go ahead, I'm listening."
# Asked to speak louder, or after the line broke up: the volume cannot change, so the
# question is said again with no promise about how.
SAID_AGAIN = "Sure, here it is again."
# Asked to speak more slowly or faster: the voice's speed changes, a step at a time, and says
# so only when it did.
SLOWER = "Sure, I'll slow down. Here it is again."
SLOWEST = "This is as slowly as my voice goes, but here it is again."
FASTER = "Sure, I'll speak a little faster."
FASTEST = "This is as fast as my voice goes."
WHENEVER_READY = "Go ahead whenever you're ready."
GO_ON = "Please go on."
"""A follow-up to a view the candidate backed with something they did themselves."""
_NUDGE_AMOUNT = ("Could you put a rough number or a range on it?",)
_NUDGE_SILENT = (
    "Take your time. Whenever you're ready, a concrete example is a good place to start.",
    "No rush. When you're ready, try starting with a specific example.",
)
_REDIRECT: ByTone = {
    "friendly": ("Thanks for sharing that. Let's bring it back to the question.",
                 "I appreciate that. Let me steer us back to the question."),
    "neutral": ("Okay. Let's come back to the question.", "Thanks. Back to the question."),
    "strict": ("That's outside the question. Let's stay on it.", "Let's stay on the question."),
}  # fmt: skip
# The answer reads as the answer to another question: say so, then ask the one asked.
_ELSEWHERE: ByTone = {
    "friendly": ("That sounds like a good answer to a different question. Here's the one I asked.",
                 "I think that answers another question. Let me give you mine again."),
    "neutral": ("That sounds like the answer to a different question. Here's the one I asked.",
                "That answers another question, I think. Here's mine again."),
    "strict": ("That answers a different question. Here's the one I asked.",
               "That's a different question. Here's mine."),
}  # fmt: skip
_ENCOURAGE: ByTone = {
    "friendly": ("Take your time, there's no rush. Start wherever feels natural.",
                 "No pressure at all. Think it through, and start when you're ready."),
    "neutral": ("Take your time. Start whenever you're ready.",
                "No rush. Think it over and begin when you're ready."),
    "strict": ("Take a moment to collect your thoughts, then begin.",
               "Take a moment. Start when you're ready."),
}  # fmt: skip
_REASSURE: dict[Tone, str] = {
    "friendly": "That's completely normal, most people are. Take a breath, there's no rush.",
    "neutral": "That's normal. Take a breath and start whenever you're ready.",
    "strict": "Take a breath. Start when you're ready.",
}
_OFFER_GUESS: ByTone = {
    "friendly": ("That's completely fine. Would you like to have a go at how you might approach "
                 "it, or shall we move to the next one?",),
    "neutral": ("That's okay. Would you like to take a guess at how you'd approach it, or shall "
                "we move on?",
                "Fair enough. Do you want to reason it through out loud, or should we move on?"),
    "strict": ("Then give me your best guess at how you'd approach it, or say so and we'll move "
               "on.",),
}  # fmt: skip
_ADDITION: ByTone = {
    "friendly": ("Thanks for adding that, it helps.",),
    "neutral": ("Thanks for adding that.", "Good to know, thanks."),
    "strict": ("Noted.",),
}  # fmt: skip
_OFFER_ROUGH: ByTone = {
    "friendly": ("That's completely fine. A rough first thought is welcome too, or we can move "
                 "to the next one.",),
    "neutral": ("That's okay. A rough answer is fine too, or shall we move on?",
                "Fair enough. Would you like to think out loud about it, or should we move on?"),
    "strict": ("Then give me your best rough answer, or say so and we'll move on.",),
}  # fmt: skip
_OFFER_EXAMPLE: ByTone = {
    "friendly": ("That's completely fine, it doesn't have to be from a job. A time from your "
                 "studies, an internship, a team or a project of your own works just as well. "
                 "And if nothing comes to mind, we can move on.",),
    "neutral": ("That's fine. It doesn't have to be from a job: an example from your studies, an "
                "internship or a project of your own is fine too. If nothing comes to mind, we can "
                "move on.",
                "No problem. Think of the closest thing from your studies, an internship or a "
                "project of your own. Or, if nothing fits, we can move on."),
    "strict": ("Then take an example from your studies, an internship or your own projects. If "
               "you have none, say so and we'll move on.",),
}  # fmt: skip
_STEER_BACK: ByTone = {
    "friendly": ("That's a fair thing to wonder, but I'm here as your interviewer today, so "
                 "let's keep our focus on the interview.",),
    "neutral": ("I'm here as your interviewer for this session, so let's stay with the interview.",
                "That's outside what we can cover here. Let's stay with the interview."),
    "strict": ("That's outside this interview. Let's keep to it.",),
}  # fmt: skip
_STAY_IN_ROLE: ByTone = {
    "friendly": ("I'll stay in my role as your interviewer, so let's carry on together.",),
    "neutral": ("I'll keep to my role as your interviewer.", "I'll stay with the interview."),
    "strict": ("I'll keep to the interview.",),
}
_MOVE_ON: ByTone = {
    "friendly": ("No worries, let's leave that one there.",),
    "neutral": ("We'll leave that one there.",),
    "strict": ("We'll leave that one.",),
}
_BACK_TO_QUESTION = ("Now, back to the question.", "Back to the question, then.")
_REPEAT = ("Sure, here it is again.", "Of course.", "No problem, I'll repeat it.")
_SKIP: ByTone = {
    "friendly": ("No problem at all, let's skip that one.", "Sure, we can move on."),
    "neutral": ("No problem, let's skip that one.", "Sure, we can move on.",
                "That's fine, we'll leave that one."),
    "strict": ("Fine, we'll skip it.", "Understood, moving on."),
}  # fmt: skip
# The candidate asked to come back to the question: it is asked again at the end if time
# allows, and said so honestly.
_DEFER: ByTone = {
    "friendly": ("Of course, we'll come back to it at the end if there's time.",
                 "Sure, let's come back to that one later, time allowing."),
    "neutral": ("Sure, we'll come back to it at the end if there's time.",
                "Okay, we'll return to it later if time allows."),
    "strict": ("Fine, we'll return to it at the end if time allows.",),
}  # fmt: skip
# Said before a question put off earlier is asked again.
_COMING_BACK: ByTone = {
    "friendly": ("Now, let's go back to the question you wanted to come back to.",
                 "Let's return to the one we set aside earlier."),
    "neutral": ("Let's go back to the question you wanted to come back to.",
                "Now, back to the question we set aside earlier."),
    "strict": ("Back to the question we set aside.",),
}  # fmt: skip
# Asked to put off a question with none left to ask before it.
_NOTHING_BEFORE: dict[Tone, str] = {
    "friendly": "This is the last one, so let's take it now. Take all the time you need, or "
    "say 'skip' if you'd rather leave it.",
    "neutral": "This is the last one, so let's take it now. Take your time, or say 'skip' to "
    "leave it.",
    "strict": "This is the last one. Take a moment, or say 'skip' to leave it.",
}
# Said when the candidate stays silent after a question: first an offer of time, then a
# check that they are still there with what they can say. Never more than these two.
_SILENCE: dict[Tone, tuple[str, str]] = {
    "friendly": ("Take your time, there's no rush. If you'd like to hear the question again, "
                 "just say 'repeat'.",
                 "Are you still with me? You can answer whenever you're ready, say "
                 "'repeat' to hear the question again, or 'skip' to move on."),
    "neutral": ("Take your time. Say 'repeat' if you'd like the question again.",
                "Are you still there? You can answer, say 'repeat' to hear the question "
                "again, or 'skip' to move on."),
    "strict": ("Take a moment. Say 'repeat' if you need the question again.",
               "Are you still there? Answer, say 'repeat', or say 'skip' to move on."),
}  # fmt: skip
_WELCOME_BACK: dict[Tone, str] = {
    "friendly": "Welcome back! Let's pick up where we left off.",
    "neutral": "Welcome back. Let's continue where we left off.",
    "strict": "Welcome back. Let's continue.",
}
_THANKS: dict[Tone, str] = {
    "friendly": "Thank you so much for your time today, I enjoyed our conversation.",
    "neutral": "Thank you for your time today.",
    "strict": "Thank you for your time.",
}
_GOODBYE: dict[Tone, str] = {
    "friendly": "Goodbye, and good luck!",
    "neutral": "Goodbye, and good luck!",
    "strict": "Goodbye.",
}
_CLOSE_LEAD: dict[CloseReason, str] = {
    "completed": "That was the last question.",
    "ended_early": "No problem, we can stop here.",
    "time_up": "We're at time, so let's stop here.",
    "no_questions": "I'm sorry, I have no questions ready for this setup.",
}


def _pick(options: tuple[str, ...], variant: int) -> str:
    return options[variant % len(options)]


def join(*parts: str) -> str:
    return " ".join(p for p in parts if p)


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


_DETERMINERS = frozenset(["a", "an", "the", "this", "that", "our", "your", "my", "one", "some"])


def with_article(noun_phrase: str) -> str:
    """ "fintech startup" -> "a fintech startup"; a name ("Google") or a phrase that has its
    determiner ("the bank") is left as written."""
    text = noun_phrase.strip()
    first = text.split(" ", 1)[0]
    if not text or first.lower() in _DETERMINERS or first[:1].isupper():
        return text
    return f"{'an' if first[0].lower() in 'aeiou' else 'a'} {text}"


def introduction(persona: Persona) -> str:
    """Who is speaking: the persona's name, tone and the company style it interviews for."""
    name = persona.name
    intro = {
        "friendly": f"Hi, I'm {name}, and I'll be your interviewer today. It's nice to meet you.",
        "neutral": f"Hi, I'm {name}, and I'll be your interviewer today.",
        "strict": f"Hello. I'm {name}, and I'll be interviewing you today.",
    }[persona.tone]
    if persona.company_style:
        intro += (
            f" Imagine we're {with_article(persona.company_style)}, and this is the real thing."
        )
    return intro


def opening(
    persona: Persona,
    role_label: str,
    level: Level,
    interview_type: InterviewType,
    n_questions: int,
    minutes: int | None = None,
) -> str:
    welcome = (
        f"Welcome to your {_TYPE_PHRASE[interview_type]} mock interview for the "
        f"{role_phrase(role_label, level)} role."
    )
    if n_questions == 0:
        return join(introduction(persona), welcome)
    if minutes is not None:
        about = f"for about {spoken_number(minutes)} minutes"
    else:
        about = (
            "one question" if n_questions == 1 else f"about {spoken_number(n_questions)} questions"
        )
    plan = (
        f"I'll ask you {about}, one at a time, and you can interrupt me anytime, or ask me "
        "to repeat or skip a question."
    )
    if minutes is not None:
        plan = (
            f"We'll talk {about}, one question at a time. You can interrupt me anytime, or "
            "ask me to repeat or skip a question."
        )
    return join(introduction(persona), welcome, plan)


def transition(index: int, total: int | None, variant: int) -> str:
    """Said before main question ``index``; ``total`` is None when the count is open."""
    if index == 0:
        return "Let's begin."
    if total is not None and index == total - 1:
        return "Here's the last question."
    return _pick(_TRANSITIONS, variant)


def acknowledgement(
    tone: Tone,
    answer: str,
    question: str,
    reference_points: list[str],
    variant: int,
    *,
    then: str = "",
) -> str:
    """A neutral acknowledgement of ``answer``, saying back one noun phrase of the candidate's
    own unless ``then`` (what is said next, a follow-up) says it already."""
    if len(words(answer)) < SHORT_ANSWER_WORDS:
        return _pick(_ACK_BRIEF[tone], variant)
    # Only a noun phrase of the candidate's own (a technology, a name) is said back.
    kw = next((h for h in find_hooks(answer, question) if slot_type(h) in NOUN_SLOTS), None)
    if kw is None or f" {normalise(kw)} " in f" {normalise(then)} ":
        return _pick(_ACK_PLAIN[tone], variant)
    return _pick(_ACK_WITH_KEYWORD[tone], variant).format(kw=kw)


def brief_acknowledgement(tone: Tone, variant: int) -> str:
    return _pick(_ACK_BRIEF[tone], variant)


def follow_up_lead(tone: Tone, variant: int) -> str:
    return _pick(_FOLLOW_LEAD[tone], variant)


def nudge(
    question_type: QuestionType, answer: str, variant: int, said: set[str], *, amount: bool = False
) -> str:
    """A request for a concrete example (for an HR question about the candidate's views, for
    more and why; for one that asks for an ``amount``, a number); one not in ``said`` (already
    spoken) while any is."""
    options: tuple[str, ...]
    if not words(answer):
        options = _NUDGE_SILENT
    elif question_type == "case_study":
        options = _NUDGE_CASE  # a scenario to reason through has no "real example" to pick
    elif question_type == "system_design":
        options = _NUDGE_DESIGN
    elif question_type == "technical":
        options = _NUDGE_TECHNICAL
    elif opens_a_story(answer):
        options = _NUDGE_GO_ON  # a story that has only begun
    elif question_type == "hr":
        options = _NUDGE_AMOUNT if amount else _NUDGE_VIEW
    else:
        options = _NUDGE_EXPERIENCE
    fresh = tuple(o for o in options if not any(o in text for text in said)) or options
    return _pick(fresh, variant)


def redirect(tone: Tone, variant: int, *, elsewhere: bool = False) -> str:
    """Back to the question; ``elsewhere``: after what reads as the answer to another one."""
    return _pick((_ELSEWHERE if elsewhere else _REDIRECT)[tone], variant)


def encourage(tone: Tone, variant: int) -> str:
    return _pick(_ENCOURAGE[tone], variant)


def steer_back(tone: Tone, variant: int) -> str:
    return _pick(_STEER_BACK[tone], variant)


def reassure(tone: Tone) -> str:
    return _REASSURE[tone]


def offer_guess(tone: Tone, variant: int, *, opinion: bool = False) -> str:
    """A guess at the approach, or moving on; for a question about the candidate's own views
    ("what are your salary expectations?"), a rough answer instead of an approach."""
    return _pick((_OFFER_ROUGH if opinion else _OFFER_GUESS)[tone], variant)


def addition(tone: Tone, variant: int) -> str:
    return _pick(_ADDITION[tone], variant)


def offer_example(tone: Tone, variant: int) -> str:
    return _pick(_OFFER_EXAMPLE[tone], variant)


def back_to_question(variant: int) -> str:
    return _pick(_BACK_TO_QUESTION, variant)


def stay_in_role(tone: Tone, variant: int) -> str:
    return join(_pick(_STAY_IN_ROLE[tone], variant), "Here's the question again.")


def move_on(tone: Tone, variant: int) -> str:
    return _pick(_MOVE_ON[tone], variant)


def repeat(variant: int) -> str:
    return _pick(_REPEAT, variant)


def skip(tone: Tone, variant: int) -> str:
    return _pick(_SKIP[tone], variant)


def defer(tone: Tone, variant: int) -> str:
    return _pick(_DEFER[tone], variant)


def coming_back(tone: Tone, variant: int) -> str:
    return _pick(_COMING_BACK[tone], variant)


def nothing_before(tone: Tone) -> str:
    return _NOTHING_BEFORE[tone]


def silence_prompt(tone: Tone, count: int) -> str:
    """The ``count``-th (0 or 1) prompt after a silence; later silences get the second."""
    return _SILENCE[tone][min(count, 1)]


def welcome_back(tone: Tone) -> str:
    return _WELCOME_BACK[tone]


def closing(tone: Tone, reason: CloseReason) -> str:
    """Thanks, what happens next (the report on the results page), goodbye."""
    return join(_CLOSE_LEAD[reason], _THANKS[tone], WHAT_NEXT, _GOODBYE[tone])


def after_end() -> str:
    return "Our interview has ended. Your transcript and feedback are on the results page. Goodbye!"
