"""Typed interviews' CPU work runs in worker processes that yield the cores to the server."""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator

import pytest

from agent.interviewer.setup import InterviewSetup
from agent.sessions import thinking


@pytest.fixture
async def pool() -> AsyncIterator[None]:
    yield
    await thinking.aclose_thinking()


async def test_workers_run_at_a_lower_priority_than_the_server(pool: None) -> None:
    loop = asyncio.get_running_loop()
    server = os.nice(0)
    workers = await asyncio.gather(
        *(loop.run_in_executor(thinking._pool(), os.nice, 0) for _ in range(thinking.pool_size()))
    )
    assert all(w == min(19, server + thinking.WORKER_NICE) for w in workers)
    assert os.nice(0) == server  # the server itself keeps its priority


async def test_a_typed_turn_still_comes_back_from_a_worker(pool: None) -> None:
    setup = InterviewSetup.model_validate(
        {"role": "backend_engineer", "level": "junior", "interview_type": "technical"}
    )
    interviewer = await thinking.plan_in_pool(setup, profile=None, job_description=None, seed=3)
    interviewer, opening = await thinking.turn_in_pool(interviewer, None, elapsed_s=None)
    asked = interviewer.current_context()
    assert asked is not None and asked.text in opening
