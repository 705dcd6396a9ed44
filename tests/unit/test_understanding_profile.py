"""`build_profile` on the real LaTeX resumes (re-spaced by intake and raw, words run
together), on a plain-text resume, on the same resume as a DOCX, and the candidate's edits."""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError
from pypdf import PdfReader

from agent.intake import extract_document
from agent.understanding import CandidateProfile, Role, build_profile, merge_corrections

import upload_samples as samples
from paths import resume_fixture

TODAY = date(2025, 6, 1)
D = date


def intake_text(name: str) -> str:
    return extract_document(resume_fixture(name).read_bytes(), name, "application/pdf").text


def raw_text(name: str) -> str:
    """pypdf's plain extraction: the LaTeX word spaces are lost."""
    text = "\n".join(page.extract_text() for page in PdfReader(resume_fixture(name)).pages)
    assert re.search(r"[A-Za-z]{30,}", text), "expected words run together in plain extraction"
    return text


def squash(text: str | None) -> str:
    return re.sub(r"[\W_]+", "", text or "").lower()


def jobs(
    profile: CandidateProfile,
) -> list[tuple[str | None, str | None, date | None, date | None]]:
    return [(r.organisation, r.title, r.start, r.end) for r in profile.roles if r.kind == "job"]


RESUME_JOBS = [
    ("Dunamu Inc.", "DevOps Engineer", D(2023, 9, 1), D(2024, 3, 1)),
    (
        "Danggeun Pay Inc. (KarrotPay)",
        "Founding Member & Site Reliability Engineer & Infrastructure Team Lead",
        D(2021, 3, 1),
        D(2023, 6, 1),
    ),
    ("Danggeun Market Inc.", "Site Reliability Engineer", D(2021, 2, 1), D(2021, 3, 1)),
    ("Kasa", "Founding Member & Director of Infrastructure Division", D(2018, 6, 1), D(2021, 1, 1)),
    ("Omnious. Co., Ltd.", "Software Architect", D(2017, 6, 1), D(2018, 5, 1)),
    ("PLAT Corp.", "Co-founder & Software Engineer", D(2016, 1, 1), D(2017, 6, 1)),
    (
        "R.O.K Cyber Command, MND",
        "Software Engineer & Security Researcher (Compulsory Military Service)",
        D(2014, 8, 1),
        D(2016, 4, 1),
    ),
    ("ShitOne Corp.", "Software Engineer", D(2011, 12, 1), D(2012, 2, 1)),
]
RESUME_SKILLS = {
    "AWS", "Kubernetes", "Terraform", "Docker", "Apache Kafka", "Istio", "Cilium", "Ansible",
    "Packer", "Grafana", "InfluxDB", "Elasticsearch", "Kibana", "Logstash", "Node.js", "Koa",
    "CircleCI", "Argo CD", "Kustomize", "GitOps", "Okta", "LDAP", "Rancher", "AWS Lambda",
    "Amazon EKS", "Microservices", "Infrastructure as Code", "macOS", "tmux", "Vim",
}  # fmt: skip
POSTECH = ("B.S. in Computer Science and Engineering", "POSTECH (Pohang University of Science and Technology)", 2017)  # fmt: skip
NOT_IN_EITHER = {"Scala", "R", "C", "Go", "Java", "Rust", "Swift", "Excel", "Unity", "OAuth"}


def test_latex_resume_via_intake() -> None:
    profile = build_profile(intake_text("awesome-cv-resume.pdf"), today=TODAY)
    assert profile.name == "Byungjin Park"
    assert profile.headline == "DevOps Engineer · Software Architect"
    assert jobs(profile) == RESUME_JOBS
    # Dec 2011-Feb 2012, Aug 2014-Jun 2023 and Sep 2023-Mar 2024
    assert profile.years_experience == 9.8
    assert set(profile.skills) >= RESUME_SKILLS
    assert profile.skills[0] == "AWS"
    assert not NOT_IN_EITHER & set(profile.skills)
    assert "Python" not in profile.skills  # this resume never names Python
    assert [(e.degree, e.institution, e.year) for e in profile.education] == [POSTECH]
    karrot = profile.roles[1]
    assert {"Terraform", "Kubernetes", "Argo CD", "Okta"} <= set(karrot.skills)
    assert "Graviton" in karrot.description


def test_latex_resume_with_words_run_together() -> None:
    spaced = build_profile(intake_text("awesome-cv-resume.pdf"), today=TODAY)
    glued = build_profile(raw_text("awesome-cv-resume.pdf"), today=TODAY)
    assert glued.name == "Byungjin Park"
    assert [(squash(o), squash(t), s, e) for o, t, s, e in jobs(glued)] == [
        (squash(o), squash(t), s, e) for o, t, s, e in RESUME_JOBS
    ]
    assert glued.years_experience == spaced.years_experience
    assert RESUME_SKILLS - {"tmux"} <= set(glued.skills)
    assert not NOT_IN_EITHER & set(glued.skills)
    [education] = glued.education
    assert squash(education.institution) == squash(POSTECH[1])
    assert education.year == 2017


def test_latex_cv_via_intake() -> None:
    profile = build_profile(intake_text("awesome-cv-cv.pdf"), today=TODAY)
    assert profile.name == "Claud D. Park"
    current = profile.roles[0]
    assert (current.organisation, current.start, current.current) == (
        "Danggeun Pay Inc. (KarrotPay)",
        D(2021, 3, 1),
        True,
    )
    assert current.years(TODAY) == 4.3
    kinds = {(r.organisation, r.kind) for r in profile.roles}
    assert ("NEXON", "internship") in kinds
    assert ("SAMSUNG Electronics", "freelance") in kinds
    assert ("WiseGuys (Hacking & Security research group)", "activity") in kinds
    assert any(
        r.kind == "research" and "Machine Learning Lab" in (r.organisation or "")
        for r in profile.roles
    )
    samsung = [(r.start, r.end) for r in profile.roles if r.organisation == "SAMSUNG Electronics"]
    assert samsung == [(D(2013, 9, 1), D(2013, 9, 1)), (D(2011, 3, 1), D(2011, 10, 1))]
    assert len([r for r in profile.roles if r.kind == "job"]) == 7
    assert profile.years_experience == 12.4  # jobs, research, freelance; internships excluded
    cv_skills = {"Python", "Java", "OCaml", "LaTeX", "Django", "React", "Redux", "Sass", "LESS",
                 "Jenkins", "Vagrant", "Hugo", "Scala", "Android", "Metasploit", "Tizen"}  # fmt: skip
    assert cv_skills | (RESUME_SKILLS - {"Istio", "Cilium", "macOS", "tmux", "Vim"}) <= set(
        profile.skills
    )
    assert not {"R", "C", "Go", "Rust"} & set(profile.skills)
    assert [(e.degree, e.institution, e.year) for e in profile.education] == [POSTECH]


def test_latex_cv_with_words_run_together() -> None:
    spaced = build_profile(intake_text("awesome-cv-cv.pdf"), today=TODAY)
    glued = build_profile(raw_text("awesome-cv-cv.pdf"), today=TODAY)

    def shape(p: CandidateProfile) -> list[tuple[str, date | None, date | None, str]]:
        return [(r.kind, r.start, r.end, squash(r.organisation)[:6]) for r in p.roles]

    assert shape(glued) == shape(spaced)
    assert glued.years_experience == spaced.years_experience
    assert len(set(spaced.skills) - set(glued.skills)) <= 5
    assert "Scala" in glued.skills  # "inScalaonLift", while "scalability" gives nothing


PLAIN_RESUME = """\
JANE DOE
Senior Backend Engineer
jane.doe@example.com | +1 555 0100 | github.com/janedoe

SUMMARY
Backend engineer with 8 years of experience building Python and Go services on AWS.

EXPERIENCE
Senior Backend Engineer, Stripe — Jan 2019 \u2013 Present
- Led the migration of the payments ledger from MySQL to PostgreSQL; cut p99 latency by 40%.
- Built event pipelines with Kafka and Go; mentored four engineers.

Software Engineer at Shopify (Jun 2016 - Dec 2018)
- Wrote Ruby on Rails services and React dashboards; introduced k8s and Terraform.

Acme Analytics, Toronto, ON
Data Engineering Intern
May 2015 \u2013 Aug 2015
- Wrote ETL jobs in Python with pandas and Airflow.

PROJECTS
Mockline — a voice mock-interview agent (Python, WebRTC, LangGraph)
- Streams ASR and TTS over aiortc; grounded questions with sentence embeddings.
Chess engine | C++ | 2020
- Bitboard move generation and alpha-beta search.

EDUCATION
University of Waterloo — B.Sc. Computer Science, 2016
Coursework: Distributed systems, Databases

SKILLS
Languages: Python, Go, Java, SQL, R
Tools: Docker, Kubernetes, Terraform, Git, postgres, Redis
"""


def check_plain_profile(profile: CandidateProfile) -> None:
    assert profile.name == "Jane Doe"
    assert profile.headline == "Senior Backend Engineer"
    assert [(r.title, r.organisation, r.start, r.end, r.current, r.kind) for r in profile.roles] == [
        ("Senior Backend Engineer", "Stripe", D(2019, 1, 1), None, True, "job"),
        ("Software Engineer", "Shopify", D(2016, 6, 1), D(2018, 12, 1), False, "job"),
        ("Data Engineering Intern", "Acme Analytics", D(2015, 5, 1), D(2015, 8, 1), False, "internship"),
    ]  # fmt: skip
    assert profile.years_experience == 9.1  # 78 + 31 months; the internship is not counted
    assert {"Python", "Go", "PostgreSQL", "MySQL", "Kubernetes", "Terraform", "Apache Kafka",
            "Ruby on Rails", "React", "pandas", "Apache Airflow", "C++", "Java", "SQL", "R",
            "Docker", "Git", "Redis", "AWS", "WebRTC", "LangGraph"} <= set(profile.skills)  # fmt: skip
    assert "Stripe" not in profile.skills  # an employer, not a skill
    assert {"PostgreSQL", "Apache Kafka", "Go"} <= set(profile.roles[0].skills)
    assert [(p.name, p.skills) for p in profile.projects] == [
        ("Mockline", ["Python", "WebRTC", "LangGraph"]),
        ("Chess engine", ["C++"]),
    ]
    assert [(e.degree, e.institution, e.year) for e in profile.education] == [
        ("B.Sc. Computer Science", "University of Waterloo", 2016)
    ]


def test_plain_text_resume() -> None:
    check_plain_profile(build_profile(PLAIN_RESUME, today=TODAY))


def test_docx_resume() -> None:
    paragraphs = [line for line in PLAIN_RESUME.splitlines() if line.strip()]
    document = extract_document(samples.docx_bytes(paragraphs), "resume.docx", None)
    assert document.kind == "docx"
    check_plain_profile(build_profile(document.text, today=TODAY))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Name: Ada Lovelace\nEngineer", "Ada Lovelace"),
        ("ByungjinPark\nDevOpsEngineer", "Byungjin Park"),
        ("Curriculum Vitae\nAda Lovelace", "Ada Lovelace"),
        ("Senior Software Engineer\nAda Lovelace", None),
        ("Experience\nAcme", None),
        ("jane@example.com", None),
    ],
)
def test_name_only_when_confident(text: str, expected: str | None) -> None:
    assert build_profile(text, today=TODAY).name == expected


def test_merge_corrections_replaces_fields_and_recomputes_years() -> None:
    profile = build_profile(PLAIN_RESUME, today=TODAY)
    corrected = merge_corrections(
        profile,
        {
            "name": "Jane Q. Doe",
            "skills": ["postgres", "k8s", "PostgreSQL", "Underwater basket weaving"],
            "roles": [Role(title="Engineer", start=D(2020, 1, 1), end=D(2020, 12, 1)).model_dump()],
        },
        today=TODAY,
    )
    assert corrected.name == "Jane Q. Doe"
    assert corrected.skills == ["PostgreSQL", "Kubernetes", "Underwater basket weaving"]
    assert corrected.years_experience == 1.0
    assert corrected.education == profile.education  # untouched fields stay
    kept = merge_corrections(profile, {"roles": [], "years_experience": 12}, today=TODAY)
    assert kept.years_experience == 12


def test_merge_corrections_validates() -> None:
    profile = build_profile(PLAIN_RESUME, today=TODAY)
    with pytest.raises(ValidationError):
        merge_corrections(profile, {"favourite_colour": "blue"})
    with pytest.raises(ValidationError):
        merge_corrections(profile, {"years_experience": -3})
    with pytest.raises(ValidationError):
        merge_corrections(profile, {"skills": ["x"] * 400})


def test_profile_round_trips_as_json() -> None:
    profile = build_profile(PLAIN_RESUME, today=TODAY)
    assert CandidateProfile.model_validate_json(profile.model_dump_json()) == profile


def test_text_without_structure_still_gives_skills() -> None:
    profile = build_profile("I mostly write Python and deploy with Docker on AWS.", today=TODAY)
    assert profile.skills == ["Python", "Docker", "AWS"]
    assert (profile.name, profile.roles, profile.years_experience) == (None, [], None)


N = 100_000  # intake's MAX_TEXT_CHARS


@pytest.mark.parametrize(
    "text",
    [
        "1" * N,
        "a." * (N // 2),
        "aB" * (N // 2),
        "@a" * (N // 2),
        "(" * (N // 2) + ")" * (N // 2),
        "x" + " " * N + "x",
        "Skills: " + "Python, " * (N // 8),
        "Experience\n" + "Engineer Jan 2019 - Present\n" * (N // 28),
        "Education\n" + "B.S. University of X 1901\n" * (N // 26),
        "Experience\nEngineer 1900 - 2099\nEngineer Jan 1950 - Present\nEngineer 2090 - 2095\n",
        "see https://" + "a" * N,
    ],
    ids=lambda text: repr(text[:16]),
)
def test_hostile_text_gives_a_valid_profile(text: str) -> None:
    # Each of these once took seconds to minutes (regex backtracking) or failed validation.
    profile = build_profile(text, today=TODAY)
    assert CandidateProfile.model_validate(profile.model_dump()) == profile
    assert profile.years_experience is None or profile.years_experience <= 80


RESUME_PIECES = [
    *"aAbBcCgGoOrRsS019 ,.-|\u2022()&:/@\n\t\u00ad\u2013",
    *("Python", "Jan 2019", "Present", "Experience", "Education", "Engineer", "Inc."),
    *("B.S.", "University", "Seoul, S.Korea"),
]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(RESUME_PIECES), max_size=300).map("".join))
def test_any_text_gives_a_valid_profile(text: str) -> None:
    profile = build_profile(text, today=TODAY)
    assert CandidateProfile.model_validate(profile.model_dump()) == profile
