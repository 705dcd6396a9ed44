"""Questions written from the resume and the job description, in an interviewer's words.

A resume question names what the candidate actually did: the organisation, and a technology
or project from that role ("At Acme Payments you worked with Kafka. What broke most often,
and how did you find out?"). A job question paraphrases one requirement ("In this role you'd
be mentoring engineers. Tell me about a time you did that.") and never reads the job text out:
numbering, headings, years of experience and list punctuation are dropped, and the wording
is rebuilt from the requirement's skills or its verb phrase.
"""

from __future__ import annotations

import random
import re
from collections.abc import Set

from agent.understanding import Project, Role, default_vocabulary

from .grounding import speakable, spoken_organisation
from .phrases import with_article

_ROLE_WITH_SKILL = (
    "At {org} you worked with {skill}. What broke most often, and how did you find out?",
    "At {org} you used {skill}. Tell me about a problem you solved with it, and your own part.",
)
_ROLE_PLAIN = (
    "At {org} you were {title}. What was the hardest problem you owned there, and how did you "
    "solve it?",
    "Tell me about your time at {org}. What are you proudest of from that work, and why?",
)
_ROLE_NO_ORG = ("As {title}, what was the hardest problem you owned, and how did you solve it?",)
_PROJECT = (
    "Tell me about {project}. What did you build yourself, and what would you change today?",
    "In {project} you used {skill}. Why that choice, and what did it cost you?",
)
_SKILL = (
    "Where did you last use {skill} on a real problem, and what went wrong along the way?",
    "Tell me about a time {skill} caused you trouble. How did you work it out?",
)
_SKILL_CONCEPT = (
    "Tell me about a piece of work where {skill} really mattered. What was the hardest part?",
    "Where has {skill} come into your own work, and what did you get wrong at first?",
)
_NEED_VERB = (
    "In this role you'd need to {need}. Tell me about a time you did that.",
    "Here you'd {need} quite often. When have you done that, and how did it go?",
)
_NEED_DOING = (
    "In this role you'd be {need}. Tell me about a time you did that.",
    "Here you'd spend time {need}. When have you done that, and what was hard about it?",
)
_NEED_NOUN = (
    "This role leans on {need}. Tell me about a time that mattered in your own work.",
    "You'd be working with {need} here. Tell me about a time you did that on a real problem.",
)

_NEED_PRACTICE = (
    "This role leans on {need}. Tell me about a time that mattered in your own work.",
    "You'd be doing a fair amount of {need} here. Tell me about a time you did that on a real "
    "problem.",
)

_NUMBERING = re.compile(r"^\s*(?:\(?\d{1,2}[.)]|[-*\u2022\u00b7])\s*|\(\d{1,2}\)\s*")
_HEADING = re.compile(r"^(?:requirements?|qualifications?|responsibilities|must have|"
                      r"nice to have|what you'll do|what you will do|you have)\s*:\s*", re.I)  # fmt: skip
_YEARS = re.compile(
    r"\b\d+\s*\+?\s*(?:years?|yrs)(?:\s+of)?(?:\s+(?:professional|hands-on|relevant))?"
    r"(?:\s+experience)?(?:\s+(?:in|with|of))?\s*",
    re.I,
)
_NOUN_LEADS = re.compile(
    r"^(?:strong|solid|deep|good|excellent|proven|demonstrated|hands-on|practical)?\s*"
    r"(?:experience|proficiency|knowledge|familiarity|understanding|expertise|background|"
    r"track record)\s+(?:with|in|of|building|designing|running|using)?\s*",
    re.I,
)
_VERBS_ING = re.compile(r"^(?:building|designing|running|developing|using|owning|leading)\b", re.I)


def role_question(role: Role, rng: random.Random, *, used: Set[str] = frozenset()) -> str | None:
    """A question on one role, naming a tool of it not in ``used`` (the tools named by the
    interview's other role questions: "At Kasa you worked with AWS" once, not per role)."""
    org = speakable(spoken_organisation(role.organisation or ""), 60)
    title = spoken_title(speakable(role.title or "", 60))
    tool = role_tool(role, used)
    skill = spoken_skill(speakable(tool, 40)) if tool else ""
    if org and skill:
        return _pick(_ROLE_WITH_SKILL, rng).format(org=org, skill=skill)
    if org:
        return _pick(_ROLE_PLAIN, rng).format(org=org, title=title or "part of it")
    if title:
        return _pick(_ROLE_NO_ORG, rng).format(title=title)
    return None


def role_tool(role: Role, used: Set[str] = frozenset()) -> str | None:
    """The tool a question on ``role`` names: its first skill that is no practice or field
    and not in ``used``; None when the question names none (a role without an organisation
    is asked about by its title alone)."""
    if not speakable(spoken_organisation(role.organisation or ""), 60):
        return None
    vocabulary = default_vocabulary()
    return next((s for s in role.skills if not vocabulary.is_concept(s) and s not in used), None)


def spoken_title(title: str) -> str:
    """A job title as said in a sentence, with its article: "Backend Engineer" -> "a backend
    engineer", "SRE" -> "an SRE", "Senior Data Analyst II" -> "a senior data analyst II"."""
    kept = [w if _ACRONYM.fullmatch(w) else w.lower() for w in title.split()]
    if not kept:
        return ""
    first = kept[0]
    if _ACRONYM.fullmatch(first):
        article = "an" if first[0] in _VOWEL_SOUND_LETTERS else "a"
        return f"{article} {' '.join(kept)}"
    return with_article(" ".join(kept))


def spoken_skill(name: str) -> str:
    """A skill's canonical name as said mid-sentence: a practice or a field ("Statistics",
    "Machine Learning") and a common noun written in sentence case ("Message queues") are
    lower-cased, all but their acronyms ("DevOps", "generative AI"); a name ("Apache Kafka",
    "Burp Suite") and a single word ("Kubernetes") stay as written."""
    if default_vocabulary().is_concept(name):
        return re.sub(r"\b[A-Z][a-z]+\b", lambda m: m.group().lower(), name)
    parts = name.split()
    first, rest = parts[0] if parts else "", parts[1:]
    common = (
        bool(rest)
        and first[:1].isupper()
        and first[1:].islower()
        and all(w.islower() for w in rest)
    )
    return first.lower() + name[len(first) :] if common else name


_ACRONYM = re.compile(r"[A-Z][A-Z0-9/&+-]*[A-Z0-9]|[IVX]+|[A-Z]")
"""A word said letter by letter or as a numeral ("SRE", "QA", "II"): kept as written."""
_VOWEL_SOUND_LETTERS = frozenset("AEFHILMNORSX")
"""Letters whose spoken name starts with a vowel sound: "an SRE", "an ML engineer"."""


def project_question(project: Project, rng: random.Random) -> str | None:
    name = speakable(project.name, 60)
    if not name:
        return None
    subject = name if name[:1].isupper() else f"the {name} project"
    skill = next((speakable(s, 40) for s in project.skills), "")
    templates = _PROJECT if skill else _PROJECT[:1]
    return _pick(templates, rng).format(project=subject, skill=skill)


def skill_question(skill: str, rng: random.Random) -> str:
    """A question on one listed skill: a tool is asked where it caused trouble, a practice or
    a field ("statistics", "DevOps") where it mattered."""
    templates = _SKILL_CONCEPT if default_vocabulary().is_concept(skill) else _SKILL
    return _pick(templates, rng).format(skill=spoken_skill(speakable(skill, 40)))


def requirement_question(requirement: str, rng: random.Random) -> str | None:
    """A spoken question that paraphrases one job requirement; None when nothing speakable
    is left of it."""
    need, form = paraphrase(requirement)
    if not need:
        return None
    templates = {
        "verb": _NEED_VERB, "doing": _NEED_DOING, "noun": _NEED_NOUN, "practice": _NEED_PRACTICE
    }[form]  # fmt: skip
    return _pick(templates, rng).format(need=need)


def paraphrase(requirement: str) -> tuple[str, str]:
    """(the requirement as a short phrase, its form: "verb" to follow "you'd need to",
    "doing" to follow "you'd be", "practice" for a field or practice ("incident response"),
    or "noun")."""
    text = _HEADING.sub("", _NUMBERING.sub("", requirement.strip()))
    text = re.split(r"[;.]\s|\s\(\d", text)[0]
    text = _YEARS.sub("", text).strip(" ,.;:")
    ability = re.search(r"\b(?:ability|able|willingness) to\s+(.+)$", text, re.I)
    if ability:
        return _short(ability.group(1)), "verb"
    rest = _NOUN_LEADS.sub("", text)
    if _VERBS_ING.match(rest):
        return _short(rest), "doing"
    vocabulary = default_vocabulary()
    skills = vocabulary.skills(text)
    if skills:
        form = "practice" if vocabulary.is_concept(skills[0]) else "noun"
        return " and ".join(spoken_skill(s) for s in skills[:2]), form
    skilled = re.match(
        r"^(?:strong|excellent|good|solid)\s+([\w\s-]{3,30}?)\s+skills\b", text, re.I
    )
    if skilled:
        return f"{skilled.group(1).lower()} skills", "noun"
    return _short(rest), "noun"


def _short(text: str, limit: int = 9) -> str:
    kept = speakable(text).split()[:limit]
    while kept and kept[-1].lower() in ("and", "or", "with", "of", "in", "to", "the", "a", "for"):
        kept.pop()
    if not kept:
        return ""
    first = kept[0] if kept[0].isupper() or kept[0][1:].lower() != kept[0][1:] else kept[0].lower()
    return " ".join([first, *kept[1:]])


def _pick(options: tuple[str, ...], rng: random.Random) -> str:
    return options[rng.randrange(len(options))]
