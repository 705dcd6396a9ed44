"""Hooks: short phrases from the candidate's own words worth a follow-up question.

A technology, a migration or move, a number with its unit, a named system: found
deterministically in the answer (never stopwords, never words the question itself used),
at most ``MAX_HOOKS``, in the order the candidate said them.
"""

from __future__ import annotations

import re
from typing import Literal

from agent.understanding.lang import STOPWORDS, WORD, word_set, words
from agent.understanding.skills import default_vocabulary

from .intents import lexicon

HookKind = Literal["change", "number", "tech", "name"]
MAX_HOOKS = 3
_MAX_HOOK_WORDS = 6

_CHANGE = re.compile(
    r"\b(migrat\w*|mov(?:ed|ing|e)|switch\w*|port(?:ed|ing)|upgrad\w*|rewr\w*|transition\w*)"
    r"\s+(?:\w+\s+){0,3}?(to|from|off|onto|into)\s+",
    re.IGNORECASE,
)
# Units that size an effect or a system ("40 percent", "3x", "2 million users"), unlike a
# duration in a story ("about twenty minutes").
_SIZES = word_set(
    "percent cent x times k users customers requests queries rps qps gb tb nodes servers "
    "dollars euros orders transactions million thousand ms milliseconds"
)
# After a length of time, words that make it a point in time ("six weeks in, the client...").
_POINT_IN_TIME = re.compile(
    r"[.,]?\s*(?:(?:into|later|ago|earlier|afterwards|after|before)\b|in\b\s*(?:[,.;:]|$"
    r"|(?:i|we|they|he|she|our|my)\b))",
    re.IGNORECASE,
)
_DELAY_BEFORE = re.compile(
    r"\b(slipped|slip|delayed|delay|late|behind|overran|overrun|missed|pushed|postponed)"
    r"( \w+)?( by| of)?( about| around| almost| nearly| over)?\s*$",
    re.IGNORECASE,
)
_DELAY_AFTER = re.compile(r"\s*(late|behind|overdue|of delay|delay)\b", re.IGNORECASE)
_CHANGE_NOUN = {"migrat": "migration", "mov": "move", "switch": "switch", "port": "port",
                "upgrad": "upgrade", "rewr": "rewrite", "transi": "transition"}  # fmt: skip
_AMOUNT_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9.,]*%?")
_MULTIPLIERS = word_set("hundred thousand million billion")
_CAPITALISED = re.compile(r"\b[A-Z][A-Za-z0-9]*\b")
_NAME_RUN = re.compile(r"\b[A-Z][A-Za-z0-9]*(?:'s)?(?: [A-Z][A-Za-z0-9]*(?:'s)?)*\b")
_COMMON_CAPITALS = word_set(
    "I I'm I've I'd I'll So And But Then Also Well Yes No Okay OK Monday Tuesday Wednesday "
    "Thursday Friday Saturday Sunday January February March April May June July August "
    "September October November December English Um Uh Oh Hi Hello Thanks Sure Actually "
    "Basically First Second Finally After Before When While Because Our My We They It This "
    "That There The A An In On At For With If "
    # Generic acronyms: "You mentioned API." asks about nothing in particular.
    "API APIs URL URLs UI UX ID IDs CPU CPUs RAM DB IT HR PM QA PR PRs CSV PDF OK "
    # Keywords of SQL and HTTP, said in capitals but naming nothing of the candidate's.
    "SELECT FROM WHERE GROUP ORDER BY JOIN INSERT UPDATE DELETE PUT GET POST PATCH HEAD NULL "
    "AND OR NOT Let Let's Next Mondays Tuesdays Wednesdays Thursdays Fridays Saturdays Sundays"
)


def find_hooks(answer: str, question_text: str) -> tuple[str, ...]:
    """Up to three short phrases in the candidate's own words worth a follow-up, the most
    probe-worthy first: changes they made, numbers with units, technologies, names."""
    asked = set(words(question_text))
    found: list[tuple[int, int, str]] = []  # (priority, position, phrase)
    for position, phrase in _changes(answer):
        found.append((0, position, phrase))
    results = _results(answer)
    for start, _, phrase in results:
        found.append((1, start, phrase))
    for position, phrase, impact in _numbers(answer):
        if any(start <= position < end for start, end, _ in results):
            continue  # one side of a change already said back whole
        found.append((1 if impact else 5, position, phrase))
    for position, phrase in _technologies(answer):
        found.append((2 if phrase.startswith("the ") else 3, position, phrase))
    for position, phrase in _names(answer):
        found.append((4, position, phrase))
    hooks: list[str] = []
    for _, _, phrase in sorted(found):
        own = set(words(phrase)) - {"a", "the"}
        longest = _MAX_HOOK_WORDS + (2 if phrase.startswith(RESULT_LEAD) else 0)
        if len(phrase.split()) > longest or own - STOPWORDS <= asked:
            continue  # too long to say back, or only echoes the question
        if any(own <= set(words(h)) or set(words(h)) - {"a", "the"} <= own for h in hooks):
            continue  # the same thing as a hook already taken
        hooks.append(phrase)
        if len(hooks) == MAX_HOOKS:
            break
    return tuple(hooks)


def hook_kind(hook: str) -> HookKind:
    lower = hook.lower()
    if any(f"the {noun} " in lower + " " for noun in _CHANGE_NOUN.values()):
        return "change"
    first = next((w for w in words(hook) if w != "a"), "")
    if first.rstrip("%kx").isdigit() or first in lexicon().spelled_numbers:
        return "number"
    if default_vocabulary().find(hook) or set(words(hook)) & lexicon().hook_heads:
        return "tech"
    return "name"


def _changes(answer: str) -> list[tuple[int, str]]:
    vocabulary = default_vocabulary()
    out: list[tuple[int, str]] = []
    for match in _CHANGE.finditer(answer):
        rest = answer[match.end() :]
        mention = next(iter(vocabulary.find(rest[:40])), None)
        target = rest[mention.start : mention.end] if mention and mention.start <= 4 else None
        if target is None:
            name = _CAPITALISED.match(rest)
            target = name.group() if name and name.group() not in _COMMON_CAPITALS else None
        if target is None:
            continue
        verb = match.group(1).lower()
        noun = next((n for stem, n in _CHANGE_NOUN.items() if verb.startswith(stem)), "move")
        out.append((match.start(), f"the {noun} {match.group(2).lower()} {target}"))
    return out


def _numbers(answer: str) -> list[tuple[int, str, bool]]:
    """Amounts with a unit ("40 percent", "3x", "2 million users", "five minutes"), with the
    effect noun after them when there is one ("a 40 percent drop"); flagged when they size
    an effect or a system rather than time a story."""
    lex = lexicon()
    tokens = [(m.start(), m.group().rstrip(".,")) for m in _AMOUNT_TOKEN.finditer(answer)]
    lowered = [t.lower() for _, t in tokens] + [""]
    out: list[tuple[int, str, bool]] = []
    i = 0
    while i < len(tokens):
        if not _is_amount(lowered[i]):
            i += 1
            continue
        j = i + 1
        while lowered[j] in _MULTIPLIERS:
            j += 1
        unit = lowered[j] in lex.units
        end = j + 1 if unit else j
        multiple = lowered[i][0].isdigit() and lowered[i].endswith(("%", "x", "k"))  # not "six"
        sized = j > i + 1 or multiple or lowered[j] in _SIZES
        after = tokens[end - 1][0] + len(tokens[end - 1][1]) if end > i else len(answer)
        if unit and not sized and _POINT_IN_TIME.match(answer, after):
            i = end  # "six weeks in", "two years ago": when something happened, not how long
            continue
        if (
            unit
            and not sized
            and (_DELAY_BEFORE.search(answer[: tokens[i][0]]) or _DELAY_AFTER.match(answer, after))
        ):
            i = end  # "slipped by two weeks", "a month late": a delay, not time spent on work
            continue
        if lowered[i] == "half" or (unit and _adjectival(lowered[i], lowered[j])):
            i = end  # "the half year", "two week sprints": no amount said back
            continue
        if unit or sized:
            noun = lowered[end] in lex.impact_nouns
            first = i
            while lowered[i] in _MULTIPLIERS and first > 0 and lowered[first - 1] in _QUANTIFIERS:
                first -= 1  # "a few hundred requests", not "hundred requests"
            phrase = " ".join(t for _, t in tokens[first : end + 1 if noun else end])
            phrase = phrase.replace("%", " percent")
            if lowered[first] in lex.spelled_numbers or lowered[first] in _QUANTIFIERS:
                phrase = phrase[0].lower() + phrase[1:]  # "Ninety percent" opened a sentence
            out.append((tokens[i][0], f"a {phrase}" if noun else phrase, sized or noun))
        i = end
    return out


_RESULT = re.compile(
    r"\bfrom\s+(?P<before>(?:about |around |roughly |over |under |nearly |almost )?"
    r"[A-Za-z0-9][\w.%$-]*(?:\s+[\w%$-]+){0,2}?)\s+(?:down |up |back )?to\s+"
    r"(?P<after>(?:about |around |roughly |under |over |less than |just |the )?"
    r"[A-Za-z0-9][\w.%$-]*(?:\s+(?!and\b|but\b|so\b|which\b|in\b|after\b|within\b|over\b"
    r"|for\b|because\b|by\b|with\b|on\b)[\w%$-]+){0,2})",
    re.IGNORECASE,
)
_DANGLING = word_set("a an the per of each every at")
RESULT_LEAD = "going from "
"""How a change from one amount to another is said back ("going from three days to the same
day"): its slot is a measured effect (`slots.slot_type`)."""


def _results(answer: str) -> list[tuple[int, int, str]]:
    """Changes from one amount to another ("from 300 ms to 40 ms", "from three days to the
    same day"), as (start, end, phrase); the before side must hold an amount."""
    out: list[tuple[int, int, str]] = []
    for match in _RESULT.finditer(answer):
        before, after = match.group("before"), match.group("after")
        if not any(_is_amount(t.lower()) for t in before.split()):
            continue
        kept = after.rstrip(".,;:!?").split()
        while len(kept) > 1 and kept[-1].lower() in _DANGLING:
            kept.pop()
        after = " ".join(kept)
        phrase = f"{RESULT_LEAD}{before} to {after}".replace("%", " percent")
        out.append((match.start(), match.end(), phrase))
    return out


_QUANTIFIERS = word_set("a few several one")
_SINGULAR_UNITS = word_set("second minute hour day week month year quarter sprint")


def _adjectival(amount: str, unit: str) -> bool:
    """A singular unit after more than one ("two week sprints"): the amount describes a noun."""
    return unit in _SINGULAR_UNITS and amount not in ("a", "an", "one", "1")


def _is_amount(token: str) -> bool:
    if token in lexicon().spelled_numbers:
        return True
    digits = token.rstrip("%kx").replace(".", "").replace(",", "")
    return digits.isdigit() and not re.fullmatch(r"(19|20)\d\d", token)  # not a year


def _technologies(answer: str) -> list[tuple[int, str]]:
    lex = lexicon()
    out: list[tuple[int, str]] = []
    seen: set[tuple[int, int]] = set()
    for mention in default_vocabulary().find(answer):
        if (mention.start, mention.end) in seen:
            continue  # an implied skill shares the span of the one that implies it
        seen.add((mention.start, mention.end))
        surface = answer[mention.start : mention.end]
        if surface.lower().endswith(("ed", "ing")) and " " not in mention.name:
            # A practice named by a verb ("mentored", "caching") is said back as the practice
            # in lower case ("mentoring"), so "You mentioned mentoring" reads as a sentence.
            surface = mention.name.lower() if mention.name.istitle() else mention.name
        elif surface.islower() and mention.name.lower() == surface and " " not in surface:
            # "python" as ASR wrote it, said back as "Python"; a concept stays in lower case
            surface = surface if _is_concept(mention.name) else mention.name
        if surface[1:2].islower() and " " in surface and _is_concept(mention.name):
            surface = surface[0].lower() + surface[1:]  # "Public speaking." said mid-sentence
        after = WORD.match(answer, skip_space(answer, mention.end))
        head = after.group().rstrip(".,").lower() if after else ""
        if head in lex.hook_heads and head not in words(surface):
            out.append((mention.start, f"the {surface} {head}"))
        elif surface == mention.name:
            out.append((mention.start, surface))  # a name, however it is cased: "pytest"
        else:
            out.append((mention.start, _with_article(surface)))
    return out


_MASS_ENDINGS = ("ing", "s", "tion", "sion", "ity", "ment", "ness", "ance", "ence", "ics", "ism",
                 "ure", "ogy", "ware", "data")  # fmt: skip


def is_practice(hook: str) -> bool:
    """A practice or idea said back without an article ("mentoring", "observability"), not a
    thing ("the load balancer") or a product, however it is cased ("pytest")."""
    vocabulary = default_vocabulary()
    mentions = vocabulary.find(hook)
    return (
        not hook.startswith("the ")
        and bool(mentions)
        and all(vocabulary.is_concept(m.name) for m in mentions)
    )


def _is_concept(name: str) -> bool:
    """A practice or idea written as a word ("Observability", "Load balancing"), not a
    product's name nor an acronym ("ETL", "DevOps")."""
    plain = not any(c.isupper() for c in name[1:])
    return plain and default_vocabulary().is_concept(name)


def _with_article(surface: str) -> str:
    """A thing named in plain lower-case words ("load balancer", "message queue") is said
    back as "the load balancer"; names ("Redis"), plurals and mass nouns ("caching",
    "observability", "microservices") are said back as they are."""
    if not surface.islower() or not surface[:1].isalpha() or surface.endswith(_MASS_ENDINGS):
        return surface
    return f"the {surface}"


def _names(answer: str) -> list[tuple[int, str]]:
    """Names in capitals: a run of capitalised words is one name ("Acme Payments"); a run
    with a common word in it ("Black Friday", "Let's Encrypt") or glued to a dot ("Next.js",
    found as a technology if at all) is none."""
    out: list[tuple[int, str]] = []
    for match in _NAME_RUN.finditer(answer):
        parts = match.group().split()
        if re.match(r"\.[A-Za-z]", answer[match.end() :]) or set(parts) & _IN_NAMES:
            continue
        start = match.start()
        while parts and _plain(parts[0]):  # "At Acme Payments I ..." -> "Acme Payments"
            start += len(parts.pop(0)) + 1
        while parts and _plain(parts[-1]):
            parts.pop()
        if not parts or any(_plain(p) for p in parts):
            continue
        before = answer[:start].rstrip()
        starts_sentence = not before or before[-1] in ".?!:"
        token = parts[0]
        if len(parts) == 1 and (
            len(token) < 2 or (starts_sentence and token.isalpha() and token[1:].islower())
        ):
            continue
        out.append((start, " ".join(parts)))
    return out


_IN_NAMES = word_set(
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday Let's Christmas Easter New Year"
)
"""Common words that make a run of capitals a phrase, not a name ("Black Friday")."""


def _plain(word: str) -> bool:
    return word in _COMMON_CAPITALS or word.lower() in STOPWORDS


def skip_space(text: str, at: int) -> int:
    while at < len(text) and text[at] == " ":
        at += 1
    return at
