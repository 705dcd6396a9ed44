"""Resume and job questions in an interviewer's words: they name the organisation, project or
technology from the resume, and paraphrase a requirement instead of reading the job out."""

from __future__ import annotations

import random
import re

import pytest

from agent.interviewer.grounded import (
    paraphrase,
    requirement_question,
    role_question,
    role_tool,
    skill_question,
    spoken_skill,
    spoken_title,
)
from agent.interviewer.grounding import Grounding
from agent.interviewer.planner import plan
from agent.interviewer.setup import InterviewSetup, Length
from agent.understanding import JobDescription, build_profile
from agent.understanding.lang import normalise
from agent.understanding.profile import Role

RESUMES = [
    """Priya Raman
Backend Engineer
Experience
Flipkart, Bengaluru
Software Engineer II Jul 2019 - Present
- Owned the search service in Java and Elasticsearch, 40k queries per second.
Projects
Cartographer - a Kafka based change data capture tool
Skills
Java, Elasticsearch, Kafka, Kubernetes
""",
    """Tom Becker
Data Engineer
Experience
Data Engineer at Zalando (Mar 2021 - Present)
- Built Airflow pipelines loading 2 TB a day into Snowflake.
Projects
Tide Watch: forecasting returns with Python and dbt
Skills
Python, Airflow, Snowflake, dbt
""",
]
JD = """Senior Engineer
Requirements:
(1) 5+ years of experience building distributed systems in Go or Java;
(2) Ability to tune queries on large PostgreSQL tables
- Strong communication skills and the ability to mentor engineers
- Experience with Terraform and AWS
"""


def _grounded(resume: str) -> list[str]:
    setup = InterviewSetup(
        role="backend_engineer", level="mid", interview_type="technical", length=Length(value=5)
    )
    grounding = Grounding(profile=build_profile(resume), job=JobDescription.from_text(JD))
    return [q["text"] for q in plan(setup, grounding, 7) if q["source"] != "bank"]


@pytest.mark.parametrize("resume", RESUMES)
def test_at_least_two_questions_name_something_real_from_the_resume(resume: str) -> None:
    profile = build_profile(resume)
    names = {r.organisation for r in profile.roles if r.organisation}
    names |= {p.name.split(":")[0].split(" - ")[0] for p in profile.projects}
    names |= set(profile.skills)
    questions = [q for q in _grounded(resume) if q.startswith(("At ", "Tell me about", "In "))]
    naming = [q for q in questions if any(n and n in q for n in names)]
    assert len(naming) >= 2, questions


def test_job_questions_paraphrase_and_never_read_the_requirement_out() -> None:
    job = JobDescription.from_text(JD)
    rng = random.Random(3)
    for chunk in job.requirements:
        question = requirement_question(chunk.text, rng)
        assert question is not None
        assert not re.search(r"\(\d\)|requirements?:|\d\s*\+?\s*years", question, re.I), question
        assert normalise(chunk.text) not in normalise(question), question
        assert len(question.split()) <= 24


@pytest.mark.parametrize(
    ("requirement", "phrase", "form"),
    [
        ("Ability to tune queries on large PostgreSQL tables", "tune queries on large PostgreSQL tables", "verb"),
        ("3+ years designing REST APIs", "designing REST APIs", "doing"),
        ("Strong communication skills and the ability to mentor engineers", "mentor engineers", "verb"),
        ("Experience with Kafka or other event streaming platforms", "Apache Kafka", "noun"),
    ],
)  # fmt: skip
def test_requirements_become_short_spoken_phrases(requirement: str, phrase: str, form: str) -> None:
    assert paraphrase(requirement) == (phrase, form)


@pytest.mark.parametrize(
    ("title", "said"),
    [
        ("Backend Engineer", "a backend engineer"),
        ("SRE", "an SRE"),
        ("ML Engineer", "an ML engineer"),
        ("UX Designer", "a UX designer"),
        ("Senior Data Analyst II", "a senior data analyst II"),
        ("intern", "an intern"),
    ],
)
def test_a_job_title_is_said_with_its_article_in_lower_case(title: str, said: str) -> None:
    assert spoken_title(title) == said


@pytest.mark.parametrize(
    ("name", "said"),
    [
        ("Incident response", "incident response"),
        ("Message queues", "message queues"),
        ("Single sign-on", "single sign-on"),
        ("Apache Kafka", "Apache Kafka"),
        ("Burp Suite", "Burp Suite"),
        ("Kubernetes", "Kubernetes"),
        ("CI/CD", "CI/CD"),
        ("Statistics", "statistics"),
        ("Machine Learning", "machine learning"),
        ("Generative AI", "generative AI"),
        ("DevOps", "DevOps"),
    ],
)
def test_a_common_noun_skill_is_lower_case_mid_sentence_and_a_name_is_not(
    name: str, said: str
) -> None:
    assert spoken_skill(name) == said


def test_a_role_question_says_the_title_with_an_article() -> None:
    profile = build_profile(
        "Jane Doe\nEXPERIENCE\nBackend Engineer\nStripe, Dublin Jan 2020 - Present\n"
        "- Owned the payouts service.\n"
    )
    said = [role_question(profile.roles[0], random.Random(seed)) or "" for seed in range(4)]
    assert "At Stripe you were a backend engineer." in " ".join(said)
    assert not any(re.search(r"you were [A-Z]|Dublin", text) for text in said), said


@pytest.mark.parametrize("seed", range(4))
def test_a_practice_or_field_is_not_asked_about_like_a_tool(seed: int) -> None:
    for field in ("Statistics", "DevOps", "Machine Learning", "Incident response"):
        text = skill_question(field, random.Random(seed))
        assert "caused you trouble" not in text and "went wrong" not in text, text
    assert "Kafka" in skill_question("Apache Kafka", random.Random(seed))
    profile = build_profile(
        "Jane Doe\nEXPERIENCE\nSite Reliability Engineer\nRazorpay Jan 2020 - Present\n"
        "- Site reliability engineering and DevOps for the payments stack on Kubernetes.\n"
    )
    said = role_question(profile.roles[0], random.Random(seed)) or ""
    assert "worked with DevOps" not in said and "with site reliability" not in said.lower()


@pytest.mark.parametrize("seed", range(4))
def test_a_practice_required_by_the_job_is_not_worked_with(seed: int) -> None:
    text = requirement_question(
        "- Comfortable on call, with incident response experience", random.Random(seed)
    )
    assert text is not None and "incident response" in text and "working with" not in text


def test_each_tool_of_the_resume_is_asked_about_once() -> None:
    resume = (
        "Sam Roe\nEXPERIENCE\nDevOps Engineer\nDunamu Jan 2022 - Present\n"
        "- Ran AWS accounts and DNS for the exchange.\n"
        "Site Reliability Engineer\nKasa Jan 2019 - Dec 2021\n- Moved services to AWS and Terraform.\n"
        "SKILLS\nAWS, Terraform, Kubernetes, DNS\n"
    )
    setup = InterviewSetup(
        role="devops_engineer", level="senior", interview_type="technical", length=Length(value=5)
    )
    texts = [q["text"] for q in plan(setup, Grounding(profile=build_profile(resume)), 3)]
    grounded = [t for t in texts if t.startswith(("At ", "Tell me about a time", "Where"))]
    for tool in ("AWS", "Terraform", "DNS", "Kubernetes"):
        assert sum(f" {tool} " in f" {t} ".replace(".", " ") for t in grounded) <= 1, grounded
    assert sum(t.startswith("At ") for t in grounded) == 2, grounded


def test_a_tool_of_a_role_asked_about_by_its_title_alone_is_still_asked_about() -> None:
    # No organisation: the role question names its title, not its tool, so the tool stays free
    # for a question of its own.
    role = Role(title="Data Engineer", skills=["Apache Airflow"])
    assert role_tool(role) is None
    text = role_question(role, random.Random(1))
    assert text is not None and "data engineer" in text and "Airflow" not in text
    assert role_tool(Role(title="Data Engineer", organisation="Zepto", skills=["Apache Airflow"]))
