"""What the interviewer asks next about an answer: hooks, follow-up probes and rephrasings.

``find_hooks`` picks short phrases from the candidate's own words (a technology, a migration,
a number with its unit); ``follow_up`` turns one into a spoken probe, or falls back to the job
description and then to the bank's own follow-ups; ``rephrase`` says a question more simply,
with options of what to talk about. Everything here is spoken: one or two plain sentences,
nothing from ``SPOKEN_FORBIDDEN``, never a reference point, never one already asked.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from agent.understanding.lang import STOPWORDS, WORD, normalise, sentences, words
from agent.understanding.skills import default_vocabulary

from .bank import SPOKEN_FORBIDDEN, QuestionType
from .hooks import MAX_HOOKS as MAX_HOOKS
from .hooks import HookKind as HookKind
from .hooks import find_hooks as find_hooks
from .hooks import is_practice, skip_space
from .intents import lexicon
from .slots import NUMBER_PROBES, slot_type

if TYPE_CHECKING:  # analysis imports this module's neighbours
    from .analysis import Assessment
    from .relevance import QuestionContext

# Probes -----------------------------------------------------------------------------------

_EXPERIENCE_TECH = (
    "You mentioned {hook}. Why did you choose it over the alternatives?",
    "You mentioned {hook}. What went wrong with it at some point, and how did you find out?",
    "You mentioned {hook}. What was your own part in getting it working?",
    "You mentioned {hook}. What would you do differently with it today?",
)
_HYPOTHETICAL_TECH = (
    "You mentioned {hook}. Why would you pick it over the alternatives?",
    "You mentioned {hook}. What could go wrong with it, and how would you notice?",
    "You mentioned {hook}. What trade-offs come with it?",
    "You mentioned {hook}. How would it behave if the load grew ten times?",
)
_STORY_TECH = (
    "You mentioned {hook}. What did you do with it yourself?",
    "You mentioned {hook}. What was the hardest part of working with it?",
    "You mentioned {hook}. What problem did it solve for you there?",
)
_STORY_PRACTICE = (
    "You mentioned {hook}. What does that look like for you in practice?",
    "You mentioned {hook}. When did it make a real difference?",
)
_STORY = (
    "You mentioned {hook}. What was your own part in that?",
    "You mentioned {hook}. How did it turn out in the end?",
    "You mentioned {hook}. What would you do differently next time?",
    "You mentioned {hook}. How did the people around you react?",
)
_PLANNED_DURATION = (
    "You mentioned {hook}. Why that long?",
    "You mentioned {hook}. What would you check at the end of that time?",
)
_NAME = (
    "You mentioned {hook}. Could you go a bit deeper on that?",
    "You mentioned {hook}. Why does that matter here?",
)
_CHANGE_PROBES = (
    "You mentioned {hook}. What was the riskiest part of it?",
    "You mentioned {hook}. How did you plan it so nothing broke along the way?",
    "You mentioned {hook}. What would you do differently if you did it again?",
)
# A probe for what a technology is, by the last word of the hook ("the Redis cache").
_HEAD_PROBES = {
    "cache": "You mentioned {hook}. How {would} you keep it consistent with the data underneath?",
    "queue": "You mentioned {hook}. What happens when the consumers fall behind?",
    "database": "You mentioned {hook}. How {would} you handle it as the data keeps growing?",
    "migration": "You mentioned {hook}. How {would} you roll it back if something went wrong?",
    "model": "You mentioned {hook}. How {would} you know it still works well a month later?",
    "dashboard": "You mentioned {hook}. Who looks at it, and what do they decide from it?",
}
_GENERIC: dict[QuestionType, str] = {
    "technical": "Could you go one level deeper, with a concrete example of how that works?",
    "system_design": "Which part of that design would break first as traffic grows, and why?",
    "case_study": "What would be the very first thing you would do, and why that first?",
    "behavioral": "Could you walk me through one specific moment, what you did and what happened?",
    "hr": "Could you give me one concrete example of that?",
}
_JD_LEADS = (
    "The role calls for {need}. How would that apply here?",
    "This job needs {need}. How does your own experience connect to that?",
    "The job description mentions {need}. Where would that come in here?",
)
_PAST = re.compile(
    r"\b(i've|i have|we've|we have|i had|we had|i was|we were|it was|it took|spent|took|ago"
    r"|used|worked|been|lasted|last (year|month|week|summer|semester))\b",
    re.IGNORECASE,
)
_WOULD = re.compile(
    r"\b(i'd|i would|we'd|we would|i could|we could|you could|you'd|you would|i might"
    r"|we might|one could|i'll|i will|we'll|we will|i'm going to|you can)\b",
    re.IGNORECASE,
)
_HYPOTHETICAL = re.compile(r"\b(would|could|should) you\b|\bhow do you\b|\bwhat do you\b")


def follow_up(
    answer: str,
    assessment: Assessment,
    question: QuestionContext,
    *,
    asked: Sequence[str],
    variant: int,
    generic: str | None = None,
) -> str | None:
    """A spoken probe grounded in the candidate's hooks, then the JD snippets, then the bank's
    follow-ups (a thin answer gets the bank's first, which deepen the question itself); never
    one in ``asked`` (compared normalised) and never a reference point. None when the turn is
    not an answer, or nothing is left worth asking. ``generic``: the last resort instead of
    the type's own ("could you give me an example?"), for an answer that already has one;
    ``""`` for none."""
    if assessment.kind not in ("answered", "partial", "too_short"):
        return None
    asked_norm = {normalise(a) for a in asked}
    asked_text = " ".join(asked_norm)
    hooks = _hook_probes(assessment.hooks, question, answer, variant, asked_text)
    jd = _jd_probes(question, answer, variant, asked_text)
    bank = list(question.follow_ups)
    last = _GENERIC[question.type] if generic is None else generic
    if assessment.kind == "answered":
        candidates = [*hooks, *jd, *bank]
    elif assessment.kind == "partial":
        candidates = [*hooks, *bank, *jd, last]
    else:
        candidates = [last, *hooks, *bank]
    for text in candidates:
        if not text or normalise(text) in asked_norm or not _speakable(text):
            continue
        if leaks(text, question, answer):
            continue
        return text
    return None


def _hook_probes(
    hooks: tuple[str, ...], question: QuestionContext, answer: str, variant: int, asked_text: str
) -> list[str]:
    """Every probe for every hook not yet probed, the variant's template first for each."""
    out: list[str] = []
    for index, hook in enumerate(hooks):
        spoken = _spoken(hook)
        if (
            f"mentioned {normalise(spoken)}" in asked_text
            or f"at {normalise(spoken)}" in asked_text
        ):
            continue  # this hook has had its probe already
        templates = _templates(hook, question, answer)
        for step in range(len(templates)):
            out.append(templates[(variant + index + step) % len(templates)].format(hook=spoken))
    return out


def _templates(hook: str, question: QuestionContext, answer: str) -> tuple[str, ...]:
    kind = slot_type(hook)
    if kind == "duration" and _HYPOTHETICAL.search(question.text.lower()):
        # A length in a plan; time that went by ("I've used your app for two years") is
        # neither a plan nor the story the question asks for.
        return () if _went_by(hook, answer) else _PLANNED_DURATION
    if kind in NUMBER_PROBES:
        return NUMBER_PROBES[kind]
    if kind == "change":
        return _CHANGE_PROBES
    story = question.type in ("behavioral", "hr")
    if kind == "name":
        return _STORY if story else _NAME
    if story:
        # A practice ("mentoring") is not a tool to work with.
        return _STORY_PRACTICE if is_practice(hook) else _STORY_TECH
    if is_practice(hook):
        return _NAME  # "deep learning" is no tool that was got working
    # A tool the candidate says they would use has no history to ask about.
    hypothetical = bool(_HYPOTHETICAL.search(question.text.lower())) or _would(hook, answer)
    base = _HYPOTHETICAL_TECH if hypothetical else _EXPERIENCE_TECH
    last = (words(hook) or [""])[-1]
    special = next((p for head, p in _HEAD_PROBES.items() if last.startswith(head)), None)
    if special is None:
        return base
    return (special.replace("{would}", "would" if hypothetical else "did"), *base)


def _went_by(hook: str, answer: str) -> bool:
    """Whether the sentence of ``answer`` that says ``hook`` tells of the past."""
    return _PAST.search(_sentence_of(hook, answer)) is not None


def _would(hook: str, answer: str) -> bool:
    """Whether ``answer`` says ``hook`` as what would be done, not as what was done."""
    said = _sentence_of(hook, answer)
    return _WOULD.search(said) is not None and _PAST.search(said) is None


def _sentence_of(hook: str, answer: str) -> str:
    return next((s for s in sentences(answer) if hook.lower() in s.lower()), "")


def _jd_probes(question: QuestionContext, answer: str, variant: int, asked_text: str) -> list[str]:
    """One probe per JD snippet not yet probed, those sharing most words with the answer
    first."""
    said = (set(words(answer)) | set(words(question.text))) - STOPWORDS
    ranked = sorted(question.jd_snippets, key=lambda s: -len(set(words(s)) & said))
    out: list[str] = []
    for index, snippet in enumerate(ranked):
        need = _requirement(snippet)
        if need and normalise(need) not in asked_text:
            out.append(_JD_LEADS[(variant + index) % len(_JD_LEADS)].format(need=need))
    return out


def _requirement(snippet: str) -> str | None:
    """A job description line as a short spoken phrase: "experience with Kafka", else its
    first words ("strong communication with stakeholders")."""
    spans: list[str] = []
    for mention in default_vocabulary().find(snippet):
        after = WORD.match(snippet, skip_space(snippet, mention.end))
        head = after.group().rstrip(".,;") if after else ""
        surface = _spoken(snippet[mention.start : mention.end])
        if head.lower() in lexicon().hook_heads:
            surface = f"{surface} {head}"
        if surface.lower() not in (s.lower() for s in spans):
            spans.append(surface)
    if spans:
        return "experience with " + " and ".join(spans[:2])
    cleaned = _spoken(re.sub(r"[+•·()]", " ", snippet))
    kept = cleaned.rstrip(".;:").split()[:12]
    if len(kept) < 2:
        return None
    first = kept[0] if kept[0].isupper() else kept[0].lower()
    return " ".join([first, *kept[1:]])


def _spoken(text: str) -> str:
    return " ".join("".join(" " if c in SPOKEN_FORBIDDEN else c for c in text).split())


def _speakable(text: str) -> bool:
    return not SPOKEN_FORBIDDEN.intersection(text) and "->" not in text


def leaks(text: str, question: QuestionContext, answer: str) -> bool:
    """Whether ``text`` gives away a reference point: the point itself, or four words in a row
    from it that neither the question nor the candidate said."""
    spoken = f" {normalise(text)} "
    known = f" {normalise(question.text)} {normalise(answer)} "
    for point in question.reference_points:
        point_words = normalise(point).split()
        if f" {' '.join(point_words)} " in spoken:
            return True
        for i in range(len(point_words) - 3):
            gram = f" {' '.join(point_words[i : i + 4])} "
            if gram in spoken and gram not in known:
                return True
    return False


# Rephrasing -------------------------------------------------------------------------------

_OPTIONS: dict[QuestionType, tuple[str, str]] = {
    "behavioral": (
        "a project at work, at university, or one of your own",
        "something from a job, a class project, or a team you were part of",
    ),
    "hr": (
        "your experience so far, what you enjoy, or what you are looking for next",
        "something from your work, your studies, or your own projects",
    ),
    "technical": (
        "the basic idea, how you would use it in practice, or an example from your own work",
        "what it is for, the main steps, or a problem you solved with it",
    ),
    "system_design": (
        "the main parts and how they talk to each other, where the data lives, or what "
        "happens when many people use it",
        "who uses it and what they need, the main building blocks, or how it would grow",
    ),
    "case_study": (
        "the questions you would ask first, the information you would look at, or your very "
        "first step",
        "what you would want to understand first, who you would talk to, or what you would try",
    ),
}
_LEADS: dict[QuestionType, tuple[str, str]] = {
    "behavioral": ("I'm looking for one real example from your own experience.",
                   "Just tell me about one real situation you were in."),
    "hr": ("There is no single right answer here, I'd just like to hear your view.",
           "I'm simply interested in your own perspective."),
    "technical": ("I'd like to hear how you understand it, in your own words.",
                  "Just explain it the way you would to a colleague."),
    "system_design": ("A high level sketch is fine, no need for every detail.",
                      "Think of it as explaining the overall shape to a teammate."),
    "case_study": ("There is no single right answer, I'm interested in how you would think it "
                   "through.", "Just walk me through how you would approach it."),
}  # fmt: skip
_SAFE_OPTIONS = "something from your work, your studies, or a project of your own"
_LEAD_INS = re.compile(
    r"^(walk me through|tell me (a little |a bit |more )?about|talk me through|describe|explain|can you tell me"
    r"|could you tell me|can you describe|could you describe|give me an example of)\s+",
    re.IGNORECASE,
)
_SECOND_PART = re.compile(r",? (and|or) (how|what|why|which|when|where|who)\b.*$|, (and|or) .*$")


def rephrase(question: QuestionContext, variant: int) -> str:
    """The question said more simply, with options of what the candidate could talk about;
    built from the question's type, topics and wording, never from its reference points."""
    lead = _LEADS[question.type][variant % 2]
    topics = [_spoken(t) for t in question.topics if not _names_a_point(t, question)][:2]
    about = f" It's about {' and '.join(topics)}." if topics and variant % 2 == 0 else ""
    text = f"Let me put it another way.{about} {_simpler(question)} {lead}"
    choices = _OPTIONS[question.type]
    for options in (choices[variant % 2], choices[(variant + 1) % 2], _SAFE_OPTIONS):
        said = f"{text} You could talk about {options}."
        if not leaks(said, question, ""):
            return said
    return text


def _names_a_point(topic: str, question: QuestionContext) -> bool:
    """A topic tag that is a reference point, or a phrase of one ("self awareness")."""
    tag = normalise(topic)
    points = [normalise(p) for p in question.reference_points]
    return tag in points or (" " in tag and any(f" {tag} " in f" {p} " for p in points))


def _simpler(question: QuestionContext) -> str:
    """The question's first sentence: a lead-in ("tell me about") becomes "I am asking about",
    a second part ("and how would you keep it consistent") is dropped, and a case's scenario
    gets a plain ask."""
    first = re.split(r"(?<=[.?!])\s+", _spoken(question.text))[0]
    body = _LEAD_INS.sub("", first)
    if body != first:
        return f"In short, I am asking about {body.rstrip('.?!')}."
    if first.endswith("?"):
        return _SECOND_PART.sub("", first.rstrip("?")) + "?"
    if question.type == "case_study":
        return f"{first} What would you do first?"
    return first
