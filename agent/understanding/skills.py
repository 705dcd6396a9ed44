"""The curated skills vocabulary (``data/skills.json``) and where its skills occur in a text.

Each entry has a canonical ``name``, a ``category`` and ``match`` patterns. A pattern written
in lower case matches in any case; one with a capital letter matches only as written, which
is how skills that are also English words ("React", "Express", "Spring") or names ("Julia")
avoid matching prose. Entries flagged ``context`` (Go, R, C, ...) count only in a list or
next to a cue word ("in R", "Go services"), never alone in a sentence.

Text from multi-column LaTeX PDFs can come with words run together
("ExperiencewithPythonandDocker"). Inside such glued tokens the patterns are also searched
without word boundaries, but only those that are safe there: lower-case patterns of at least
five letters that are not part of a common English word (``glued`` "any", checked against an
English word list by the tests), and patterns written with capitals, which must then be
followed by a capital, a non-letter, or a short function word ("ScalaonLift" is Scala,
"Scalability" is not). Overlapping matches resolve to the longest ("PostgreSQL", not "SQL").
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Literal

from .lang import word_set

GluedMode = Literal["any", "cased", "off"]

_TOKEN = re.compile(r"\S+")
_GLUED_SIGN = re.compile(r"[A-Za-z]{12}|[a-z][A-Z]")
_MIN_GLUED_LOWER = 5
_MIN_GLUED_CASED = 3
_LIST_SEPARATORS = frozenset(",;/|()[]:•·")
_CUES_BEFORE = word_set("in using with and or of like including language languages programming")
_CUES_AFTER = word_set(
    "programming language lang code developer developers development engineer scripts "
    "services service backend microservices"
)
_NOT_A_LANGUAGE_BEFORE = word_set("grade vitamin plan type class section part appendix")
# What may follow a capitalised skill inside glued text: the start of the next word.
_GLUED_FOLLOWERS = word_set(
    "and or on in into at as to for from with of by via the is was were based using "
    "cluster server service app application code framework stack module project developer "
    "development engineer"
)
_YEAR_AFTER = re.compile(r"\s+(?:19|20)\d{2}\b")
# Addresses name files and hosts, not skills: "why-not.html", "posquit0@gmail.com".
_ADDRESS_SIGN = re.compile(r"://|^www\.|@|\w\.(?:com|org|net|io|dev|html?|pdf)\b")
# Characters either side of a match that the context rules look at.
_WINDOW = 40


@dataclass(frozen=True, slots=True)
class SkillEntry:
    name: str
    category: str
    patterns: tuple[str, ...]
    context: bool = False
    glued: GluedMode = "any"
    implies: tuple[str, ...] = ()
    concept: bool = False
    """A practice or a field ("Incident response", "Statistics"), not a tool one works with."""


@dataclass(frozen=True, slots=True)
class SkillMention:
    name: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class _Pattern:
    entry: SkillEntry
    text: str

    @property
    def cased(self) -> bool:
        return self.text != self.text.lower()

    @property
    def acronym(self) -> bool:
        return self.text == self.text.upper()

    @property
    def needs_context(self) -> bool:
        return self.entry.context and self.cased


class SkillVocabulary:
    """The vocabulary, compiled once; `find` and `skills` are pure and thread-safe."""

    def __init__(self, entries: list[SkillEntry]) -> None:
        self.entries = tuple(entries)
        self._by_name = {entry.name: entry for entry in entries}
        self._canonical: dict[str, str] = {}
        for entry in entries:
            for text in (entry.name, *entry.patterns):
                self._canonical.setdefault(_key(text, cased=False), entry.name)
        patterns = [_Pattern(e, p) for e in entries for p in e.patterns]
        glued = [p for e in entries for p in _glued_patterns(e)]
        self._spaced_any = _Matcher(patterns, glued=False, cased=False)
        self._spaced_cased = _Matcher(patterns, glued=False, cased=True)
        self._glued_any = _Matcher(glued, glued=True, cased=False)
        self._glued_cased = _Matcher(glued, glued=True, cased=True)

    def canonical(self, skill: str) -> str:
        """The vocabulary's name for ``skill`` as someone typed it ("k8s" -> "Kubernetes");
        ``skill`` itself when the vocabulary does not know it."""
        return self._canonical.get(_key(skill, cased=False), skill.strip())

    def category(self, name: str) -> str | None:
        entry = self._by_name.get(name)
        return entry.category if entry else None

    def is_concept(self, name: str) -> bool:
        """Whether ``name`` is a practice or a field, not a tool ("Statistics", "DevOps")."""
        entry = self._by_name.get(name)
        return entry is not None and entry.concept

    def find(self, text: str) -> list[SkillMention]:
        """Every mention of a vocabulary skill, longest match first, in text order."""
        tokens = [(t.start(), t.group()) for t in _TOKEN.finditer(text)]
        addresses = [(at, token) for at, token in tokens if _ADDRESS_SIGN.search(token)]
        for at, token in reversed(addresses):  # blanked in place: positions stay valid
            text = text[:at] + " " * len(token) + text[at + len(token) :]
        candidates = self._spaced_any.scan(text, 0, text) + self._spaced_cased.scan(text, 0, text)
        for at, token in tokens:
            if _GLUED_SIGN.search(token) and not _ADDRESS_SIGN.search(token):
                for matcher in (self._glued_any, self._glued_cased):
                    candidates += matcher.scan(token, at, text)
        mentions = _longest_first(candidates, len(text))
        implied = [
            SkillMention(name, m.start, m.end)
            for m in mentions
            for name in self._by_name[m.name].implies
        ]
        return sorted(mentions + implied, key=lambda m: (m.start, m.name))

    def skills(self, text: str) -> list[str]:
        """Canonical names of the skills in ``text``, most mentioned first."""
        mentions = self.find(text)
        counts = Counter(m.name for m in mentions)
        first: dict[str, int] = {}
        for m in mentions:
            first.setdefault(m.name, m.start)
        return sorted(counts, key=lambda name: (-counts[name], first[name]))


class _Matcher:
    """All patterns of one kind in one regex, factored as a trie so that each position of
    the text costs a few steps (not one per pattern), longest alternative first."""

    def __init__(self, patterns: list[_Pattern], *, glued: bool, cased: bool) -> None:
        self._glued = glued
        self._cased = cased
        self._by_key: dict[str, _Pattern] = {}
        for pattern in sorted(patterns, key=lambda p: -len(p.text)):
            if pattern.cased == cased:
                self._by_key.setdefault(_key(pattern.text, cased), pattern)
        alternatives = _trie_regex([p.text for p in self._by_key.values()]) or "(?!)"
        flags = 0 if cased else re.IGNORECASE
        if glued:
            self._regex = re.compile(f"(?:{alternatives})", flags)
        else:
            self._regex = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", flags)

    def scan(self, chunk: str, offset: int, text: str) -> list[SkillMention]:
        found: list[SkillMention] = []
        for match in self._regex.finditer(chunk):
            pattern = self._by_key.get(_key(match.group(), self._cased))
            if pattern is None:
                continue
            start, end = offset + match.start(), offset + match.end()
            if self._accepts(pattern, text, start, end):
                found.append(SkillMention(pattern.entry.name, start, end))
        return found

    def _accepts(self, pattern: _Pattern, text: str, start: int, end: int) -> bool:
        if pattern.cased and not pattern.acronym and _YEAR_AFTER.match(text, end):
            return False  # "Spring 2019" is a semester
        if self._glued and pattern.cased:
            if pattern.acronym and _in_capitals(text, start, end):
                return False  # no word boundaries to trust in "UNLESSOTHERWISE"
            if not pattern.acronym and not _glued_end_ok(text, end):
                return False
        if pattern.needs_context:
            return _in_context(text, start, end, letter=len(pattern.text) == 1, glued=self._glued)
        return True


def _glued_patterns(entry: SkillEntry) -> list[_Pattern]:
    if entry.glued == "off":
        return []
    found: dict[str, _Pattern] = {}
    for text in entry.patterns:
        squashed = re.sub(r"\s+", "", text)
        cased = squashed != squashed.lower()
        if (cased and len(squashed) >= _MIN_GLUED_CASED) or (
            not cased
            and entry.glued == "any"
            and len(re.sub(r"[^a-z0-9]", "", squashed)) >= _MIN_GLUED_LOWER
        ):
            found.setdefault(squashed, _Pattern(entry, squashed))
    return list(found.values())


def _key(text: str, cased: bool) -> str:
    squashed = re.sub(r"[\s\-\u00ad]+", "", text)
    return squashed if cased else squashed.lower()


_Trie = dict[str, "_Trie"]
_END = ""  # the key that marks a complete pattern in the trie


def _trie_regex(patterns: list[str]) -> str:
    trie: _Trie = {}
    for pattern in patterns:
        node = trie
        for ch in pattern:
            node = node.setdefault(ch, {})
        node[_END] = {}
    return _emit(trie)


def _emit(node: _Trie) -> str:
    branches = [_char(ch) + _emit(child) for ch, child in sorted(node.items()) if ch != _END]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    # A pattern ending here that others extend: try the longer ones first (greedy).
    return f"(?:{body})?" if _END in node else body


def _char(ch: str) -> str:
    if ch == " ":
        return r"[\s\-\u00ad]*"
    if ch == "-":
        return r"[\s\-\u00ad]?"
    return re.escape(ch)


def _glued_end_ok(text: str, end: int) -> bool:
    if end >= len(text) or not text[end].islower():
        return True
    rest = text[end : end + 16]
    return any(rest.startswith(word) for word in _GLUED_FOLLOWERS)


def _in_capitals(text: str, start: int, end: int) -> bool:
    """Whether the letters around [start, end) are all capitals (a heading, a shout)."""
    left = re.search(r"[A-Za-z]*$", text[max(0, start - _WINDOW) : start])
    right = re.match(r"[A-Za-z]*", text[end : end + _WINDOW])
    around = (left.group() if left else "") + (right.group() if right else "")
    return not any(ch.islower() for ch in around)


def _in_context(text: str, start: int, end: int, *, letter: bool, glued: bool) -> bool:
    """Whether a name like Go, R or C stands in a list or beside a cue word; single letters
    also must not be initials, grades or enumerations ("John R. Smith", "R&D", "(c)")."""
    before = text[max(0, start - _WINDOW) : start].rstrip(" \t")
    after = text[end : end + _WINDOW].lstrip(" \t")
    prev = before[-1] if before else "\n"
    nxt = after[0] if after else "\n"
    if nxt == "-" or (letter and (nxt in ".&'\u2019+#" or prev in ".&-")):
        return False
    if letter and prev == "(" and nxt == ")":
        return False  # "(c)", an enumeration or a copyright sign
    prev_word = re.search(r"[A-Za-z]+$", before)
    if letter and prev_word and prev_word.group().lower() in _NOT_A_LANGUAGE_BEFORE:
        return False
    if prev in _LIST_SEPARATORS or nxt in _LIST_SEPARATORS:
        return True
    if glued:
        return False
    next_word = re.match(r"[A-Za-z]+", after)
    return bool(
        (prev_word and prev_word.group().lower() in _CUES_BEFORE)
        or (next_word and next_word.group().lower() in _CUES_AFTER)
    )


def _longest_first(candidates: list[SkillMention], length: int) -> list[SkillMention]:
    taken = bytearray(length)
    kept: list[SkillMention] = []
    for m in sorted(candidates, key=lambda m: (m.start - m.end, m.start, m.name)):
        if any(taken[m.start : m.end]):
            continue
        taken[m.start : m.end] = b"\x01" * (m.end - m.start)
        kept.append(m)
    return kept


def parse_entries(raw: object) -> list[SkillEntry]:
    """Entries from the JSON form; raises ValueError on a malformed vocabulary."""
    if not isinstance(raw, list):
        raise ValueError("skills vocabulary must be a JSON list")
    entries = []
    for item in raw:
        if not isinstance(item, dict) or not isinstance(item.get("name"), str):
            raise ValueError(f"bad skills entry: {item!r}")
        name: str = item["name"]
        glued = item.get("glued", "any")
        if glued not in ("any", "cased", "off"):
            raise ValueError(f"bad glued mode for {name}: {glued!r}")
        entries.append(
            SkillEntry(
                name=name,
                category=str(item.get("category", "other")),
                patterns=tuple(str(p) for p in item.get("match", [name.lower()])),
                context=bool(item.get("context", False)),
                glued=glued,
                implies=tuple(str(i) for i in item.get("implies", [])),
                concept=bool(item.get("concept", False)),
            )
        )
    names = {e.name for e in entries}
    for entry in entries:
        missing = set(entry.implies) - names
        if missing:
            raise ValueError(f"{entry.name} implies unknown skills {sorted(missing)}")
    return entries


@cache
def default_vocabulary() -> SkillVocabulary:
    """The shipped vocabulary, compiled once per process."""
    data = resources.files("agent.understanding").joinpath("data/skills.json").read_text()
    return SkillVocabulary(parse_entries(json.loads(data)))
