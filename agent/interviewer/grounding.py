"""What the interview is grounded in besides the bank: the candidate's resume and the job.

`Grounding` carries the parsed `CandidateProfile` and the embedded `JobDescription` into the
planner; the interview state keeps only `GroundingSummary`, a few plain strings. Resume and
job text are data the candidate supplied: they are cleaned to speakable text here and are
never treated as instructions.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypedDict

import numpy as np

from agent.understanding import CandidateProfile, Chunk, JobDescription, default_vocabulary
from agent.understanding.injection import is_injection

from .bank import SPOKEN_FORBIDDEN

# How much of the profile the state keeps: enough to recall, not the whole resume.
MAX_SUMMARY_ITEMS = 12
MAX_SPOKEN_CHARS = 140
# Job chunks a question may target: what the role asks for and what it does.
TARGET_KINDS = frozenset({"required", "preferred", "responsibility"})

_REPLACEMENTS = (("->", " to "), ("&", " and "), ("/", " or "), ("%", " percent"), ("@", " at "))
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Grounding:
    profile: CandidateProfile | None = None
    job: JobDescription | None = None

    @property
    def empty(self) -> bool:
        return self.profile is None and self.job is None


class GroundingSummary(TypedDict):
    headline: str | None
    skills: list[str]
    roles: list[str]
    """ "title at organisation", most recent first as the resume lists them."""
    projects: list[str]
    requirements: list[str]
    """The job's requirement lines, speakable."""
    gaps: list[str]
    """Requirements the profile shows no evidence of."""


def speakable(text: str, limit: int = MAX_SPOKEN_CHARS) -> str:
    """``text`` as one line TTS can read: markup symbols replaced or dropped, cut at a word
    boundary to at most ``limit`` characters, no trailing punctuation."""
    for old, new in _REPLACEMENTS:
        text = text.replace(old, new)
    text = "".join(" " if c in SPOKEN_FORBIDDEN else c for c in text)
    text = _SPACES.sub(" ", text).strip(" .,;:-")
    if len(text) > limit:
        text = text[:limit].rsplit(" ", 1)[0].rstrip(" .,;:-")
    return text


_ASIDE = re.compile(r"\s*[(\[][^)\]]*[)\]]")
_LEGAL_FORM = re.compile(
    r"(?:,?\s+(?:inc|ltd|llc|llp|plc|gmbh|ag|corp|corporation|limited|private limited"
    r"|pvt\.?\s*ltd|pte\.?\s*ltd|s\.?a|b\.?v)\.?)+$",
    re.I,
)


def spoken_organisation(name: str) -> str:
    """An organisation as a person says it: "Danggeun Pay Inc. (KarrotPay)" is "Danggeun
    Pay", "Infosys Ltd." is "Infosys", and "Stripe, Dublin" (a place after it) is "Stripe"."""
    plain = _ASIDE.sub("", name).strip()
    bare = _LEGAL_FORM.sub("", plain).strip(" ,") or plain
    return bare.split(",")[0].strip() or bare


def profile_skills(profile: CandidateProfile) -> set[str]:
    """Every skill the profile names, lower-cased: listed, per role and per project."""
    names = [*profile.skills]
    names += [s for role in profile.roles for s in role.skills]
    names += [s for project in profile.projects for s in project.skills]
    return {n.lower() for n in names}


def unevidenced_requirements(profile: CandidateProfile | None, job: JobDescription) -> list[Chunk]:
    """The job's requirement chunks the profile does not evidence, in the job's order.

    A requirement is evidenced when it names a skill the profile also names. Requirements
    naming no known skill ("strong communication") are never evidenced by a resume list.
    """
    if profile is None:
        return list(job.requirements)
    have = profile_skills(profile)
    vocabulary = default_vocabulary()
    out = []
    for chunk in job.requirements:
        wanted = {s.lower() for s in vocabulary.skills(chunk.text)}
        if not wanted & have:
            out.append(chunk)
    return out


def nearest_chunks(
    job: JobDescription, queries: Sequence[str], k: int = 2
) -> list[list[tuple[Chunk, float]]]:
    """For each query, the ``k`` target chunks nearest in meaning with their cosine, best
    first. One batched embedding call (``JobDescription.retrieve`` embeds one at a time).
    Blocking."""
    allowed = [i for i, c in enumerate(job.chunks) if c.kind in TARGET_KINDS]
    if not allowed or not queries:
        return [[] for _ in queries]
    # The job's own embedder, so query and chunk vectors share one space.
    scores = job.embedder.embed(list(queries)) @ job.vectors[allowed].T
    out = []
    for row in scores:
        order = np.argsort(-row, kind="stable")[:k]
        out.append([(job.chunks[allowed[i]], float(row[i])) for i in order])
    return out


def role_label(title: str | None, organisation: str | None) -> str:
    title_s = speakable(title or "", 60)
    org_s = speakable(spoken_organisation(organisation or ""), 60)
    if title_s and org_s:
        return f"{title_s} at {org_s}"
    return title_s or org_s


def summarize(grounding: Grounding) -> GroundingSummary:
    """The few plain strings the interview state keeps about the resume and the job."""
    profile, job = grounding.profile, grounding.job
    summary: GroundingSummary = {
        "headline": None,
        "skills": [],
        "roles": [],
        "projects": [],
        "requirements": [],
        "gaps": [],
    }
    if profile is not None:
        summary["headline"] = speakable(profile.headline, 80) if profile.headline else None
        summary["skills"] = [speakable(s, 40) for s in profile.skills[:MAX_SUMMARY_ITEMS]]
        labels = (
            role_label(r.title, r.organisation)
            for r in profile.roles
            if not steers(r.title, r.organisation, r.description)
        )
        summary["roles"] = [label for label in labels if label][:MAX_SUMMARY_ITEMS]
        names = (
            speakable(p.name, 60) for p in profile.projects if not steers(p.name, p.description)
        )
        summary["projects"] = [name for name in names if name][:MAX_SUMMARY_ITEMS]
    if job is not None:
        requirements = [c for c in job.requirements if not steers(c.text)]
        summary["requirements"] = [speakable(c.text) for c in requirements][:MAX_SUMMARY_ITEMS]
        gaps = [c for c in unevidenced_requirements(profile, job) if not steers(c.text)]
        summary["gaps"] = [speakable(c.text) for c in gaps][:MAX_SUMMARY_ITEMS]
    return summary


# Labels that only make sense as an attempt to address a language model.
_DIRECTIVE_LABEL = re.compile(r"\b(system|developer)\s+(prompt|message)\b", re.I)


def steers(*texts: str | None) -> bool:
    """Whether resume or job text tries to instruct the interviewer ("ignore previous
    instructions", "SYSTEM PROMPT: ..."): such an entry is never turned into a question."""
    joined = " . ".join(t for t in texts if t)
    return bool(_DIRECTIVE_LABEL.search(joined)) or is_injection(joined)


def empty_summary() -> GroundingSummary:
    return summarize(Grounding())
