"""Where the tests find things: the repository, its artifacts folder, the shared fixtures."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "tests" / "artifacts"
# The shared fixtures sit beside the repository (locally and in CI's clone).
RESUME_FIXTURES = Path(
    os.environ.get("MOCKLINE_RESUME_FIXTURES", str(REPO.parent / "shared" / "fixtures" / "resumes"))
)


def resume_fixture(name: str) -> Path:
    """The path of a shared resume fixture; skips the test where the fixtures are absent."""
    path = RESUME_FIXTURES / name
    if not path.exists():
        pytest.skip(f"resume fixture {path} is not available here")
    return path
