"""Builds the resume corpus: each person below, written in one of several common layouts, saved
as its plain-text source, a DOCX (python-docx) or PDF (fpdf2) rendering, and its expected profile.

    .venv/bin/python tests/data/resumes/make_corpus.py     # rewrites the files beside it

The people are invented; the layouts are the common ones: LaTeX one-column (organisation and
city on one line, title and dates on the next), "Title at Organisation (dates)", pipes,
Europass (dates first), dates on the left, and Google Docs exports with seasons.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from docx import Document
from fpdf import FPDF

HERE = Path(__file__).parent
# (organisation, city, title, dates as written, start, end): months as YYYY-MM, "" for now;
# several summers give their starts and ends comma-separated.
Role = tuple[str, str, str, str, str, str]


def _roles_latex(roles: list[Role]) -> list[str]:
    return [
        f"{o}, {c}\n{t} {d}\n- Delivered work on the team's main systems."
        for o, c, t, d, *_ in roles
    ]


def _roles_at(roles: list[Role]) -> list[str]:
    return [f"{t} at {o} ({d})\n- Owned features end to end." for o, c, t, d, *_ in roles]


def _roles_pipes(roles: list[Role]) -> list[str]:
    return [f"{t} | {o} | {d}\n- Shipped improvements every sprint." for o, c, t, d, *_ in roles]


def _roles_europass(roles: list[Role]) -> list[str]:
    return [
        f"{d}\n{t}\n{o}, {c}\n- Main activities and responsibilities." for o, c, t, d, *_ in roles
    ]


def _roles_comma(roles: list[Role]) -> list[str]:
    return [f"{t}, {o}, {d}\n- Worked with the product team." for o, c, t, d, *_ in roles]


LAYOUTS: dict[str, Callable[[list[Role]], list[str]]] = {
    "latex": _roles_latex, "at": _roles_at, "pipes": _roles_pipes, "europass": _roles_europass,
    "comma": _roles_comma,
}  # fmt: skip

PEOPLE = [
    (
        "Aisha Okafor",
        "latex",
        "pdf",
        [
            ("Flipkart", "Bengaluru", "Software Engineer", "Jul 2019 - Present", "2019-07", ""),
            (
                "Zoho Corporation",
                "Chennai",
                "Software Engineering Intern",
                "Summers 2017 and 2018",
                "2017-06,2018-06",
                "2017-08,2018-08",
            ),
        ],
        ("B.Tech in Computer Science", "Indian Institute of Technology Madras", "2019"),
        ["Python", "Java", "Elasticsearch", "Kafka"],
    ),
    (
        "Lukas Schneider",
        "europass",
        "docx",
        [
            ("Siemens AG", "Munich", "Data Engineer", "03/2020 - 06/2023", "2020-03", "2023-06"),
            ("Allianz SE", "Munich", "Working Student", "10/2018 - 02/2020", "2018-10", "2020-02"),
        ],
        ("Master of Science in Informatics", "Technical University of Munich", "2020"),
        ["Python", "Airflow", "Spark", "SQL"],
    ),
    (
        "Maria Garcia",
        "at",
        "pdf",
        [
            ("Stripe", "Dublin", "Backend Engineer", "Jan 2021 - Present", "2021-01", ""),
            (
                "Accenture",
                "Madrid",
                "Software Developer",
                "Sep 2017 - Dec 2020",
                "2017-09",
                "2020-12",
            ),
        ],
        ("Bachelor of Engineering", "Universidad Politecnica de Madrid", "2017"),
        ["Go", "PostgreSQL", "Kubernetes", "Terraform"],
    ),
    (
        "Chen Wei",
        "pipes",
        "docx",
        [
            (
                "Shopify",
                "Toronto",
                "Senior Frontend Developer",
                "Apr 2020 - Present",
                "2020-04",
                "",
            ),
            (
                "Hootsuite",
                "Vancouver",
                "Frontend Developer",
                "Jun 2016 - Mar 2020",
                "2016-06",
                "2020-03",
            ),
        ],
        ("BSc Computer Science", "University of British Columbia", "2016"),
        ["TypeScript", "React", "GraphQL", "Jest"],
    ),
    (
        "Olivia Brown",
        "comma",
        "pdf",
        [
            ("Deloitte", "London", "Data Analyst", "Feb 2022 - Present", "2022-02", ""),
            ("NHS Digital", "Leeds", "Analyst Intern", "Summer 2021", "2021-06", "2021-08"),
        ],
        ("BSc Mathematics", "University of Leeds", "2021"),
        ["SQL", "Tableau", "Python", "Excel"],
    ),
    (
        "Rahul Mehta",
        "latex",
        "docx",
        [
            (
                "Razorpay",
                "Bengaluru",
                "Site Reliability Engineer",
                "Aug 2020 - Present",
                "2020-08",
                "",
            ),
            ("Infosys", "Pune", "Systems Engineer", "Jul 2018 - Jul 2020", "2018-07", "2020-07"),
        ],
        ("Bachelor of Technology", "National Institute of Technology Trichy", "2018"),
        ["Kubernetes", "Prometheus", "Terraform", "AWS"],
    ),
    (
        "Sophie Martin",
        "europass",
        "pdf",
        [
            ("Criteo", "Paris", "Machine Learning Engineer", "01/2021 - Present", "2021-01", ""),
            ("INRIA", "Grenoble", "Research Intern", "04/2020 - 09/2020", "2020-04", "2020-09"),
        ],
        ("Master in Data Science", "Ecole Polytechnique", "2020"),
        ["Python", "PyTorch", "Spark", "Docker"],
    ),
    (
        "James Wilson",
        "at",
        "docx",
        [
            (
                "Amazon Web Services",
                "Seattle",
                "Solutions Architect",
                "May 2018 - Present",
                "2018-05",
                "",
            ),
            ("Boeing", "Seattle", "Software Engineer", "Jun 2014 - Apr 2018", "2014-06", "2018-04"),
        ],
        ("BS Computer Engineering", "University of Washington", "2014"),
        ["AWS", "Python", "Terraform", "Java"],
    ),
    (
        "Fatima Al-Sayed",
        "pipes",
        "pdf",
        [
            ("Careem", "Dubai", "Product Manager", "Mar 2019 - Present", "2019-03", ""),
            (
                "Emirates NBD",
                "Dubai",
                "Business Analyst",
                "Sep 2016 - Feb 2019",
                "2016-09",
                "2019-02",
            ),
        ],
        ("MBA", "INSEAD", "2016"),
        ["SQL", "Jira", "Figma", "Amplitude"],
    ),
    (
        "Daniel Kim",
        "comma",
        "docx",
        [
            ("Coupang", "Seoul", "Backend Engineer", "Mar 2021 - Present", "2021-03", ""),
            (
                "Naver",
                "Seongnam",
                "Software Engineering Intern",
                "Summer 2019, Summer 2020",
                "2019-06,2020-06",
                "2019-08,2020-08",
            ),
        ],
        ("BS Computer Science", "Korea Advanced Institute of Science and Technology", "2021"),
        ["Java", "Spring", "MySQL", "Redis"],
    ),
    (
        "Emma Johansson",
        "latex",
        "pdf",
        [
            ("Spotify", "Stockholm", "Data Scientist", "Oct 2019 - Present", "2019-10", ""),
            (
                "Klarna",
                "Stockholm",
                "Junior Data Scientist",
                "Jan 2018 - Sep 2019",
                "2018-01",
                "2019-09",
            ),
        ],
        ("MSc Statistics", "Stockholm University", "2017"),
        ["Python", "SQL", "R", "Airflow"],
    ),
    (
        "Carlos Silva",
        "europass",
        "docx",
        [
            ("Nubank", "Sao Paulo", "DevOps Engineer", "02/2020 - Present", "2020-02", ""),
            (
                "Itau Unibanco",
                "Sao Paulo",
                "Infrastructure Analyst",
                "03/2017 - 01/2020",
                "2017-03",
                "2020-01",
            ),
        ],
        ("Bachelor in Information Systems", "Universidade de Sao Paulo", "2016"),
        ["Kubernetes", "Docker", "Jenkins", "GCP"],
    ),
    (
        "Hannah Lee",
        "at",
        "pdf",
        [
            ("Airbnb", "San Francisco", "Software Engineer", "Aug 2020 - Present", "2020-08", ""),
            (
                "Google",
                "Mountain View",
                "Software Engineering Intern",
                "Summers 2018 and 2019",
                "2018-06,2019-06",
                "2018-08,2019-08",
            ),
        ],
        ("BS Computer Science", "Stanford University", "2020"),
        ["Java", "Kotlin", "Android", "GraphQL"],
    ),
    (
        "Tomasz Nowak",
        "pipes",
        "docx",
        [
            ("Allegro", "Warsaw", "QA Engineer", "Jun 2019 - Present", "2019-06", ""),
            ("Comarch", "Krakow", "Software Tester", "Sep 2016 - May 2019", "2016-09", "2019-05"),
        ],
        ("Master of Engineering", "AGH University of Science and Technology", "2016"),
        ["Selenium", "Python", "Cypress", "Jenkins"],
    ),
    (
        "Grace Mensah",
        "comma",
        "pdf",
        [
            ("Andela", "Lagos", "Full Stack Developer", "Jan 2020 - Present", "2020-01", ""),
            ("Paystack", "Lagos", "Frontend Engineer", "Mar 2018 - Dec 2019", "2018-03", "2019-12"),
        ],
        ("BSc Computer Science", "University of Lagos", "2017"),
        ["JavaScript", "Node.js", "React", "MongoDB"],
    ),
]


def resume_text(person: tuple) -> str:  # type: ignore[type-arg]
    name, layout, _, roles, (degree, school, year), skills = person
    lines = [name, roles[0][2], f"{name.split()[0].lower()}@example.com", "", "Experience"]
    lines += LAYOUTS[layout](roles)
    lines += ["", "Education", f"{degree}, {school}, {year}", "", "Skills", ", ".join(skills)]
    return "\n".join(lines) + "\n"


def expected(person: tuple) -> dict[str, object]:  # type: ignore[type-arg]
    name, _, _, roles, (_, school, _), skills = person
    return {
        "name": name,
        "roles": [
            {"organisation": o, "title": t, "start": a, "end": b or None}
            for o, _, t, _, s, e in roles
            for a, b in zip(
                s.split(","), e.split(",") if e else [""] * len(s.split(",")), strict=True
            )
        ],
        "institutions": [school],
        "skills": skills,
    }


def write_pdf(text: str, path: Path) -> None:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    for line in text.splitlines():
        pdf.set_x(pdf.l_margin)
        pdf.multi_cell(pdf.epw, 5, line.encode("latin-1", "replace").decode("latin-1") or " ")
    pdf.output(str(path))


def write_docx(text: str, path: Path) -> None:
    document = Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    document.save(str(path))


def main() -> None:
    for n, person in enumerate(PEOPLE, start=1):
        stem = f"{n:02d}-{person[1]}"
        text = resume_text(person)
        (HERE / f"{stem}.txt").write_text(text)
        (HERE / f"{stem}.expected.json").write_text(json.dumps(expected(person), indent=1) + "\n")
        if person[2] == "pdf":
            write_pdf(text, HERE / f"{stem}.pdf")
        else:
            write_docx(text, HERE / f"{stem}.docx")


if __name__ == "__main__":
    main()
