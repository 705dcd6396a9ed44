"""Job descriptions: chunks and their kinds, requirements, and retrieval by meaning."""

from __future__ import annotations

import pytest

from agent.understanding import MAX_JD_CHARS, JobDescription, JobDescriptionTooLong
from agent.understanding.jd import chunk_job_description

JD = """\
Senior Backend Engineer — Payments Platform

About us
Acme Pay moves money for two million small businesses across Europe. We are a remote-first \
team of 80 engineers. We ship every day.

What you'll do
- Design, build and operate the services that move money: ledgers, payouts and reconciliation.
- Own reliability: on-call, incident reviews, and the SLOs of your services.
- Mentor engineers and review their designs.

Requirements
- 5+ years of experience building backend services in Python or Go.
- Strong SQL skills and experience with PostgreSQL: schema design, query tuning,
  migrations and replication.
- Experience with Kubernetes and Terraform in production on AWS.
- You communicate clearly in writing and explain trade-offs to non-engineers.

Nice to have
- Kafka or another event streaming platform.
- Experience in fintech, payments or accounting systems.

Benefits
Competitive salary, stock options, 30 days of holiday. A home-office budget.
"""
SQL_REQUIREMENT = (
    "Strong SQL skills and experience with PostgreSQL: schema design, query tuning, "
    "migrations and replication."
)


@pytest.fixture(scope="module")
def jd() -> JobDescription:
    return JobDescription.from_text(JD)


def test_requirements_are_the_bullets_under_requirement_headings(jd: JobDescription) -> None:
    assert [(c.kind, c.text) for c in jd.requirements] == [
        ("required", "5+ years of experience building backend services in Python or Go."),
        ("required", SQL_REQUIREMENT),  # a wrapped bullet stays one chunk
        ("required", "Experience with Kubernetes and Terraform in production on AWS."),
        ("required", "You communicate clearly in writing and explain trade-offs to non-engineers."),
        ("preferred", "Kafka or another event streaming platform."),
        ("preferred", "Experience in fintech, payments or accounting systems."),
    ]
    assert {c.section for c in jd.requirements} == {"Requirements", "Nice to have"}


def test_other_chunks_keep_their_section_and_kind(jd: JobDescription) -> None:
    kinds = {c.text[:20]: (c.section, c.kind) for c in jd.chunks}
    assert kinds["Own reliability: on-"] == ("What you'll do", "responsibility")
    assert kinds["Acme Pay moves money"] == ("About us", "other")
    assert kinds["Competitive salary, "] == ("Benefits", "other")
    assert [c.index for c in jd.chunks] == list(range(len(jd.chunks)))
    assert jd.vectors.shape == (len(jd.chunks), 384)


def test_skills_named_in_the_job(jd: JobDescription) -> None:
    assert {"Python", "Go", "SQL", "PostgreSQL", "Kubernetes", "Terraform", "AWS",
            "Apache Kafka"} <= set(jd.skills)  # fmt: skip


@pytest.mark.parametrize(
    ("query", "best"),
    [
        ("databases", SQL_REQUIREMENT),
        ("Tell me about a time you designed a database schema.", SQL_REQUIREMENT),
        ("How do you handle production incidents?", "Own reliability"),
        ("What message queues have you used?", "Kafka or another event streaming"),
        ("container orchestration", "Experience with Kubernetes"),
        ("How many years have you worked on backend systems?", "5+ years of experience"),
    ],
)
def test_retrieval_puts_the_relevant_chunk_first(jd: JobDescription, query: str, best: str) -> None:
    assert jd.retrieve(query, k=3)[0].text.startswith(best)


def test_retrieval_scores_are_ordered_and_filterable(jd: JobDescription) -> None:
    scored = jd.retrieve_scored("databases", k=len(jd.chunks))
    scores = [score for _, score in scored]
    assert scores == sorted(scores, reverse=True)
    assert len(scored) == len(jd.chunks)
    only = jd.retrieve("databases", k=5, kinds={"preferred"})
    assert {c.kind for c in only} == {"preferred"}
    assert jd.retrieve("   ", k=3) == []
    assert jd.retrieve("databases", k=0) == []


def test_requirement_sentences_in_prose_are_their_own_chunks() -> None:
    chunks = chunk_job_description(
        "We are hiring a data engineer. The team is small and kind. "
        "You must have 3+ years of Spark. We offer a lot of freedom. Bonus: dbt experience."
    )
    assert [(c.kind, c.text) for c in chunks] == [
        ("other", "We are hiring a data engineer. The team is small and kind."),
        ("required", "You must have 3+ years of Spark."),
        ("other", "We offer a lot of freedom."),
        ("preferred", "Bonus: dbt experience."),
    ]


def test_inline_headings_and_capitals() -> None:
    chunks = chunk_job_description(
        "QUALIFICATIONS\n* Knowledge of Linux networking\nRequirements: fluent English\n"
        "Preferred qualifications:\n1. Go\n"
    )
    assert [(c.section, c.kind, c.text) for c in chunks] == [
        ("QUALIFICATIONS", "required", "Knowledge of Linux networking"),
        ("Requirements", "required", "fluent English"),
        ("Preferred qualifications", "preferred", "Go"),
    ]


def test_too_long_and_empty() -> None:
    with pytest.raises(JobDescriptionTooLong) as info:
        JobDescription.from_text("x" * (MAX_JD_CHARS + 1))
    assert "20,000" in info.value.message
    empty = JobDescription.from_text("  \n\n ")
    assert (empty.chunks, empty.requirements, empty.retrieve("anything")) == ((), [], [])
    assert empty.vectors.shape == (0, 384)


@pytest.mark.parametrize(
    "text",
    ["1" * MAX_JD_CHARS, "- " * (MAX_JD_CHARS // 2), "a" + " " * (MAX_JD_CHARS - 2) + "b"],
    ids=["digits", "dashes", "spaces"],
)
def test_hostile_text_is_chunked(text: str) -> None:
    assert all(chunk.text.strip() for chunk in chunk_job_description(text))
