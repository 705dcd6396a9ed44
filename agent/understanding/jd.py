"""A pasted job description, cut into chunks, embedded, and searchable by meaning.

Chunks follow the text's own structure: every bullet is one chunk (kept whole, however
long), paragraphs are cut into groups of one to three sentences, and a sentence that states
a requirement ("must have", "experience with", "5+ years") is always a chunk of its own.
Each chunk remembers the heading it sat under and what kind of line it is: ``required`` and
``preferred`` (under "Requirements", "Nice to have", or worded like a requirement anywhere),
``responsibility`` (under "What you'll do"), or ``other``.

`JobDescription.from_text` and `retrieve` run the embedding model: blocking CPU work, to be
called off the event loop. The chunking itself (`chunk_job_description`) is pure and fast.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Literal

import numpy as np

from .embeddings import EMBEDDING_DIM, Embedder, Vectors, default_embedder
from .injection import without_instructions
from .sections import is_bullet, strip_bullet
from .skills import default_vocabulary

MAX_JD_CHARS = 20_000
ChunkKind = Literal["required", "preferred", "responsibility", "other"]

_PREFERRED = re.compile(
    r"nice[\s-]to[\s-]have|preferred|bonus|\bplus\b|desirable|good[\s-]to[\s-]have|ideally|"
    r"extra credit|not required|is a plus|would be great",
    re.IGNORECASE,
)
_REQUIRED_SECTION = re.compile(
    r"requirement|qualification|must[\s-]have|what you(?:'ll|\s+will)?\s+(?:need|bring)|"
    r"looking for|you have|who you are|about you|skills|you should have|ideal candidate|"
    r"what we expect|experience|competenc",
    re.IGNORECASE,
)
_RESPONSIBILITY_SECTION = re.compile(
    r"responsibilit|what you(?:'ll|\s+will)?\s+do|the role|your role|day[\s-]to[\s-]day|"
    r"you will|duties|your impact|what you'll work on|in this role",
    re.IGNORECASE,
)
_OTHER_SECTION = re.compile(
    r"about (?:us|the company|the team)|benefits|perks|compensation|salary|why join|"
    r"how to apply|equal opportunity|our stack|tech stack|location|who we are",
    re.IGNORECASE,
)
_REQUIREMENT_LINE = re.compile(
    r"\bmust\b|\brequired\b|\brequirements?\b|\bshould have\b|experience (?:with|in|of|building|"
    r"designing|running|developing|using)|\d{1,2}\+?\s?(?:years|yrs)|proficien|knowledge of|"
    r"familiar(?:ity)? with|understanding of|expertise in|background in|degree in|"
    r"strong [\w\s,/-]{0,40}skills|ability to|hands-on|comfortable with|fluent in|"
    r"track record|nice[\s-]to[\s-]have|\bbonus\b|preferred",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"“(])")
_MAX_GROUP_SENTENCES = 3
_MAX_GROUP_CHARS = 350


class JobDescriptionTooLong(ValueError):
    def __init__(self, length: int) -> None:
        self.message = (
            f"The job description is {length:,} characters long; the limit is "
            f"{MAX_JD_CHARS:,}. Paste the role's description and requirements only."
        )
        super().__init__(self.message)


@dataclass(frozen=True, slots=True)
class Chunk:
    index: int
    text: str
    section: str | None  # the heading it sat under, as written
    kind: ChunkKind

    @property
    def is_requirement(self) -> bool:
        return self.kind in ("required", "preferred")


@dataclass(frozen=True, slots=True, eq=False)
class JobDescription:
    text: str
    chunks: tuple[Chunk, ...]
    vectors: Vectors  # one unit-length row per chunk
    skills: tuple[str, ...]  # vocabulary skills named in the text, most mentioned first
    _embedder: Embedder = field(repr=False)

    @classmethod
    def from_text(cls, text: str, embedder: Embedder | None = None) -> JobDescription:
        """Chunked and embedded; raises `JobDescriptionTooLong` past `MAX_JD_CHARS`. Blocking."""
        if len(text) > MAX_JD_CHARS:
            raise JobDescriptionTooLong(len(text))
        embedder = embedder or default_embedder()
        data = without_instructions(text)  # a line aimed at the interviewer requires nothing
        chunks = tuple(chunk_job_description(data))
        vectors = (
            embedder.embed([c.text for c in chunks])
            if chunks
            else np.zeros((0, EMBEDDING_DIM), dtype=np.float32)
        )
        skills = tuple(default_vocabulary().skills(data))
        return cls(text, chunks, vectors, skills, embedder)

    @property
    def embedder(self) -> Embedder:
        """The model the chunks were embedded with: queries must use the same one."""
        return self._embedder

    @property
    def requirements(self) -> list[Chunk]:
        """The chunks that state what the candidate must (or ideally would) bring."""
        return [c for c in self.chunks if c.is_requirement]

    def retrieve(
        self, query: str, k: int = 3, *, kinds: Collection[ChunkKind] | None = None
    ) -> list[Chunk]:
        """The ``k`` chunks closest in meaning to ``query``, best first. Blocking."""
        return [chunk for chunk, _ in self.retrieve_scored(query, k, kinds=kinds)]

    def retrieve_scored(
        self, query: str, k: int = 3, *, kinds: Collection[ChunkKind] | None = None
    ) -> list[tuple[Chunk, float]]:
        """Like `retrieve`, with each chunk's cosine similarity to the query."""
        allowed = [i for i, c in enumerate(self.chunks) if kinds is None or c.kind in kinds]
        if not allowed or k <= 0 or not query.strip():
            return []
        scores = self.vectors[allowed] @ self._embedder.embed([query])[0]
        order = np.argsort(-scores, kind="stable")[:k]
        return [(self.chunks[allowed[i]], float(scores[i])) for i in order]


def chunk_job_description(text: str) -> list[Chunk]:
    """The text's chunks in order, each with its heading and kind (no embedding)."""
    builder = _ChunkBuilder()
    for raw in text.splitlines():
        line = " ".join(raw.split())
        if not line:
            builder.flush()
            continue
        heading, rest = _heading(line)
        if heading is not None:
            builder.start_section(heading)
            if rest:  # "Requirements: fluent English" reads as one item of the list
                builder.bullet = [rest]
            continue
        if is_bullet(line):
            builder.flush()
            builder.bullet = [strip_bullet(line)]
        elif builder.bullet is not None and line[0].islower():
            builder.bullet.append(line)  # a bullet wrapped onto the next line
        else:
            builder.flush_bullet()
            builder.paragraph.append(line)
    builder.flush()
    return builder.chunks


@dataclass(slots=True)
class _ChunkBuilder:
    chunks: list[Chunk] = field(default_factory=list)
    section: str | None = None
    section_kind: ChunkKind = "other"
    paragraph: list[str] = field(default_factory=list)
    bullet: list[str] | None = None

    def start_section(self, heading: str) -> None:
        self.flush()
        self.section = heading
        self.section_kind = _section_kind(heading)

    def flush(self) -> None:
        self.flush_bullet()
        if self.paragraph:
            for group in _sentence_groups(" ".join(self.paragraph)):
                self._add(group, bullet=False)
            self.paragraph = []

    def flush_bullet(self) -> None:
        if self.bullet:
            self._add(" ".join(self.bullet), bullet=True)
        self.bullet = None

    def _add(self, text: str, *, bullet: bool) -> None:
        text = " ".join(text.split())
        if not text:
            return
        kind = _line_kind(text, self.section_kind, bullet=bullet)
        self.chunks.append(Chunk(len(self.chunks), text, self.section, kind))


def _heading(line: str) -> tuple[str | None, str]:
    """(heading, rest of the line) when the line is or starts with a heading."""
    inline = re.match(r"^([A-Za-z][\w '\u2019&/()-]{2,40}):\s+(\S.*)$", line)
    if inline and _is_known_heading(inline.group(1)):
        return inline.group(1).strip(), inline.group(2)
    if is_bullet(line) or len(line) > 70 or len(line.split()) > 8:
        return None, line
    bare = line.rstrip(":").strip()
    if line.endswith(":") or (_is_known_heading(bare) and not bare.endswith(".")):
        return bare, ""
    if line.isupper() and len(line.split()) <= 6:
        return bare, ""
    return None, line


def _is_known_heading(text: str) -> bool:
    return (
        any(
            pattern.search(text)
            for pattern in (_PREFERRED, _REQUIRED_SECTION, _RESPONSIBILITY_SECTION, _OTHER_SECTION)
        )
        and len(text.split()) <= 7
    )


def _section_kind(heading: str) -> ChunkKind:
    if _PREFERRED.search(heading):
        return "preferred"
    if _OTHER_SECTION.search(heading):
        return "other"
    if _RESPONSIBILITY_SECTION.search(heading):
        return "responsibility"
    if _REQUIRED_SECTION.search(heading):
        return "required"
    return "other"


def _line_kind(text: str, section_kind: ChunkKind, *, bullet: bool) -> ChunkKind:
    worded = bool(_REQUIREMENT_LINE.search(text))
    preferred = bool(_PREFERRED.search(text))
    if section_kind in ("required", "preferred") and (bullet or worded):
        return "preferred" if preferred or section_kind == "preferred" else "required"
    if section_kind == "responsibility":
        return "responsibility"
    if worded and section_kind == "other":
        return "preferred" if preferred else "required"
    return "other"


def _sentence_groups(paragraph: str) -> list[str]:
    """Sentences grouped by up to three (or ~350 characters); a requirement sentence alone."""
    groups: list[str] = []
    current: list[str] = []
    for sentence in (s.strip() for s in _SENTENCE_END.split(paragraph)):
        if not sentence:
            continue
        if _REQUIREMENT_LINE.search(sentence):
            if current:
                groups.append(" ".join(current))
                current = []
            groups.append(sentence)
            continue
        if current and (
            len(current) >= _MAX_GROUP_SENTENCES
            or sum(map(len, current)) + len(sentence) > _MAX_GROUP_CHARS
        ):
            groups.append(" ".join(current))
            current = []
        current.append(sentence)
    if current:
        groups.append(" ".join(current))
    return groups
