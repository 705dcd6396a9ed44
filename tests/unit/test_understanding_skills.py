"""The skills vocabulary: aliases, short names, words run together, and what must not match."""

from __future__ import annotations

import json
import re
from importlib import resources

import pytest

from agent.understanding.embeddings import model_dir
from agent.understanding.skills import SkillVocabulary, default_vocabulary, parse_entries


@pytest.fixture(scope="module")
def vocab() -> SkillVocabulary:
    return default_vocabulary()


def test_vocabulary_is_a_few_hundred_well_formed_entries(vocab: SkillVocabulary) -> None:
    names = [entry.name for entry in vocab.entries]
    assert len(names) >= 300
    assert len(set(names)) == len(names)
    assert all(entry.patterns for entry in vocab.entries)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("JS and TS", {"JavaScript", "TypeScript"}),
        ("postgres, postgresql, psql", {"PostgreSQL"}),
        ("k8s, K8S and kubernetes", {"Kubernetes"}),
        ("node.js / nodejs", {"Node.js"}),
        ("golang", {"Go"}),
        ("C++ and C# on .NET", {"C++", "C#", ".NET"}),
        ("CI/CD with GitHub Actions", {"CI/CD", "GitHub Actions", "GitHub"}),
        ("Spring Boot services", {"Spring Boot", "Spring"}),
        ("deployed on Amazon EKS", {"Amazon EKS", "AWS", "Kubernetes"}),
        ("machine-learning and Machine Learning", {"Machine Learning"}),
    ],
)
def test_aliases_map_to_one_name(vocab: SkillVocabulary, text: str, expected: set[str]) -> None:
    assert set(vocab.skills(text)) == expected


def test_longest_match_wins(vocab: SkillVocabulary) -> None:
    assert vocab.skills("JavaScript") == ["JavaScript"]  # not Java too
    assert vocab.skills("PostgreSQL and MySQL") == ["PostgreSQL", "MySQL"]  # not SQL
    assert vocab.skills("React Native") == ["React Native"]


def test_words_run_together_still_give_their_skills(vocab: SkillVocabulary) -> None:
    assert vocab.skills("ExperiencewithPythonandDocker") == ["Python", "Docker"]
    assert set(vocab.skills("implementedinScalaonLiftandReactandRedux")) == {
        "Scala",
        "React",
        "Redux",
    }
    assert set(vocab.skills("usingAWSVPCLatticeandPostgreSQLwithNoSQLstores")) == {
        "AWS",
        "Amazon VPC",
        "PostgreSQL",
        "NoSQL",
    }
    assert "Kubernetes" in vocab.skills("KubernetesclusterweremanagedonaGitOpsbasis")


@pytest.mark.parametrize(
    "text",
    [
        "Languages: Python, Go, R, C",
        "Built services in Go",
        "statistics in R",
        "Python/Go/C",
    ],
)
def test_short_language_names_count_in_a_list_or_with_a_cue(
    vocab: SkillVocabulary, text: str
) -> None:
    found = set(vocab.skills(text))
    assert found & {"Go", "R", "C"}


@pytest.mark.parametrize(
    "text",
    [
        "Led R&D for the platform team.",
        "John R. Smith",
        "Plan C was to go to market early; Go-to-market strategy.",
        "Copyright (C) 2007 Free Software Foundation",
        "ByungjinPark · Résumé 1",
        "Grade C in chemistry",
        "We value scalability, trust and frustration tolerance; Scalability matters.",
        "an excellent communicator who redistributed workloads",
        "Head Chef at Le Bistro",
        "I love Julia Roberts films",
        "Spring 2019 semester",
        "ASAP UNLESSOTHERWISESTATED",
        "see https://example.com/why-not.html or mail me@python.org",
        "to authorize the lab testing and expand as needed",
        "other languages and for transactions",
    ],
)
def test_no_false_positives(vocab: SkillVocabulary, text: str) -> None:
    assert vocab.skills(text) == []


def test_glued_lowercase_patterns_are_not_inside_common_english_words(
    vocab: SkillVocabulary,
) -> None:
    # Inside words run together a lower-case pattern matches anywhere, so none may be part
    # of an ordinary word ("tizen" in "citizen"); BERT's vocabulary is the word list.
    vocab_words = (model_dir() / "vocab.txt").read_text().split()
    english = [w for w in vocab_words if re.fullmatch(r"[a-z]{4,}", w)]
    offenders = []
    for entry in vocab.entries:
        if entry.glued != "any":
            continue
        for pattern in entry.patterns:
            squashed = re.sub(r"\s+", "", pattern)
            if squashed != squashed.lower() or len(re.sub(r"[^a-z0-9]", "", squashed)) < 5:
                continue
            inflected = re.compile(re.escape(squashed) + r"(?:s|es|ed|d|ing|ized|ised|er|ers)?")
            offenders += [
                (entry.name, w) for w in english if squashed in w and not inflected.fullmatch(w)
            ]
    assert offenders == []


def test_canonical_names_for_typed_skills(vocab: SkillVocabulary) -> None:
    assert vocab.canonical("postgres") == "PostgreSQL"
    assert vocab.canonical(" K8s ") == "Kubernetes"
    assert vocab.canonical("react") == "React"
    assert vocab.canonical("Underwater basket weaving") == "Underwater basket weaving"
    assert vocab.category("PostgreSQL") == "database"


def test_mentions_have_positions(vocab: SkillVocabulary) -> None:
    text = "Python, then more Python and Docker"
    mentions = [m for m in vocab.find(text) if m.name == "Python"]
    assert [text[m.start : m.end] for m in mentions] == ["Python", "Python"]
    assert vocab.skills(text) == ["Python", "Docker"]  # most mentioned first


def test_malformed_vocabulary_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown"):
        parse_entries([{"name": "A", "implies": ["B"]}])
    with pytest.raises(ValueError, match="glued"):
        parse_entries([{"name": "A", "glued": "sometimes"}])
    shipped = resources.files("agent.understanding").joinpath("data/skills.json").read_text()
    assert len(parse_entries(json.loads(shipped))) == len(default_vocabulary().entries)
