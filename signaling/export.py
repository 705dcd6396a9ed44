"""Everything a user owns, gathered for "export my data" (JSON plus original files)."""

from __future__ import annotations

from typing import Any

from agent.sessions.reports import get_report
from agent.store.llm_keys import KeyStore
from agent.store.models import User
from agent.store.resumes import ResumeStore

from .runtime import Runtime


async def build_export(
    runtime: Runtime, user: User
) -> tuple[dict[str, Any], list[tuple[str, bytes]]]:
    interviews = []
    for interview in await runtime.store.list_for_owner(user.id):
        turns = await runtime.store.list_turns(interview.id)
        grounding = await runtime.store.get_grounding(interview.id)
        report = await get_report(runtime.db_pool, interview.id)
        interviews.append(
            {
                **interview.model_dump(),
                "profile": grounding.profile if grounding else None,
                "job_description": grounding.job_description if grounding else None,
                "turns": [t.model_dump(exclude={"interview_id"}) for t in turns],
                "report": report.model_dump(mode="json") if report else None,
            }
        )
    resumes = await ResumeStore(runtime.db_pool).list_with_content_for_owner(user.id)
    keys = await KeyStore(runtime.db_pool, runtime.key_ring).list_for_user(user.id)
    data: dict[str, Any] = {
        "account": user.model_dump(),
        "interviews": interviews,
        # Only masked hints: the keys themselves never leave the server, not even to their owner.
        "llm_keys": [k.model_dump() for k in keys],
        "resumes": [r.model_dump(exclude={"data"}) for r in resumes],
    }
    # Stored filenames are sanitised at upload, so they are safe as archive entry names.
    files = [(f"resumes/{r.id}-{r.filename}", r.data) for r in resumes]
    return data, files
