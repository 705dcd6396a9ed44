"""Benchmark: are technical terms heard? (not part of the test run)

Spoken technical answers in three voices (piper "joe", espeak-ng US and UK) are transcribed by
the call's recogniser (tiny.en, short encoder window): plain, and as a call does it, with the
interview's hotwords (a resume's skill list: the answer's terms among distractors, shuffled)
and split terms joined (`join_split_terms`). Prints, per voice and overall, the share of
technical terms found and the overall word recall.

Run: .venv/bin/python tests/bench/bench_terms.py
"""

from __future__ import annotations

import random
import re
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1] / "support"))

import numpy as np

from agent.plugins.asr_engine import AsrEngine
from agent.plugins.audio import resample as resample_float
from agent.plugins.piper_backend import PiperBackend
from agent.settings import Settings
from agent.voice.vocabulary import join_split_terms

from speech_helpers import render, word_recall

# (answer, the terms in it as the skills vocabulary names them)
ANSWERS: list[tuple[str, list[str]]] = [
    ("We kept orders in PostgreSQL and used Redis as a cache.", ["PostgreSQL", "Redis"]),
    ("The services ran on Kubernetes and we built images with Docker.", ["Kubernetes", "Docker"]),
    ("Events went through Kafka and a consumer wrote them to MongoDB.", ["Apache Kafka", "MongoDB"]),
    ("Search used Elasticsearch behind a GraphQL gateway.", ["Elasticsearch", "GraphQL"]),
    ("I wrote the infrastructure in Terraform and the frontend in TypeScript.", ["Terraform", "TypeScript"]),
    ("The services talked over gRPC and jobs went through RabbitMQ.", ["gRPC", "RabbitMQ"]),
    ("Nginx sat in front of a Django application.", ["Nginx", "Django"]),
    ("We scheduled the pipelines with Airflow and stored results in Snowflake.", ["Apache Airflow", "Snowflake"]),
    ("The dashboard was a React app backed by FastAPI.", ["React", "FastAPI"]),
    ("Prometheus scraped the metrics and Grafana showed them.", ["Prometheus", "Grafana"]),
    ("Jenkins ran the tests on every merge.", ["Jenkins"]),
    ("We moved the session store from Cassandra to DynamoDB.", ["Cassandra", "DynamoDB"]),
    ("The API was a Flask service with Celery workers.", ["Flask", "Celery"]),
    ("We split the monolith into microservices one team at a time.", ["Microservices"]),
    ("Spark jobs crunched the logs every night.", ["Apache Spark"]),
    ("Most of the backend was Node.js on AWS.", ["Node.js", "AWS"]),
]  # fmt: skip
DISTRACTORS = ["Java", "Python", "SQL", "Git", "Linux", "Scala", "Ruby", "Vue.js", "Azure",
               "MySQL", "Redux", "Ansible"]  # fmt: skip
VOICES = ("piper", "espeak-us", "espeak-uk")


def _letters(text: str) -> str:
    return re.sub(r"[^a-z0-9+#]", "", text.lower())


def term_found(term: str, transcript: str) -> bool:
    """The term, or its short form ("Kafka" for "Apache Kafka"), in the transcript."""
    heard = _letters(transcript)
    forms = {term, term.removeprefix("Apache ")}
    return any(_letters(form) in heard for form in forms)


def espeak(text: str, voice: str) -> np.ndarray:
    wav = subprocess.run(
        ["espeak-ng", "-v", voice, "-s", "160", "--stdout", text], check=True, capture_output=True
    ).stdout
    raw = subprocess.run(
        ["sox", "-t", "wav", "-", "-r", "16000", "-c", "1", "-b", "16", "-t", "raw", "-"],
        input=wav,
        check=True,
        capture_output=True,
    ).stdout
    return np.frombuffer(raw, dtype=np.int16).astype(np.float32) / 32768.0


def speech(voice: str, text: str, piper: PiperBackend) -> np.ndarray:
    if voice == "piper":
        audio = render(piper, text).astype(np.float32) / 32768.0
        return resample_float(audio, piper.sample_rate, 16000)
    return espeak(text, "en-us" if voice == "espeak-us" else "en-gb")


def hotwords_for(terms: list[str], rng: random.Random) -> str:
    """A resume's skill list holding the answer's terms among others, as a call would pass."""
    skills = terms + rng.sample(DISTRACTORS, 6)
    rng.shuffle(skills)
    return ", ".join(skills)


def main() -> None:
    engine = AsrEngine.load(Settings())
    piper = PiperBackend()
    rng = random.Random(7)
    rows: dict[tuple[str, str], list[tuple[int, int, float]]] = {}
    for voice in VOICES:
        for text, terms in ANSWERS:
            audio = speech(voice, text, piper)
            for condition in ("plain", "call"):
                if condition == "plain":
                    heard = engine.decode_now(audio).text
                else:
                    decoded = engine.decode_now(audio, hotwords=hotwords_for(terms, rng))
                    heard = join_split_terms(decoded.text)
                found = sum(term_found(t, heard) for t in terms)
                rows.setdefault((voice, condition), []).append(
                    (found, len(terms), word_recall(text, heard))
                )
    print(f"{'voice':<10} {'decoding':<8} {'term recall':>12} {'word recall':>12}")
    for condition in ("plain", "call"):
        total = [0, 0]
        recalls: list[float] = []
        for voice in VOICES:
            got = rows[(voice, condition)]
            found, asked = sum(r[0] for r in got), sum(r[1] for r in got)
            total[0] += found
            total[1] += asked
            recall = sum(r[2] for r in got) / len(got)
            recalls.append(recall)
            print(
                f"{voice:<10} {condition:<8} {found:>5}/{asked:<3} {found / asked:5.0%} {recall:11.0%}"
            )
        share = total[0] / total[1]
        mean = sum(recalls) / len(recalls)
        print(f"{'all':<10} {condition:<8} {total[0]:>5}/{total[1]:<3} {share:5.0%} {mean:11.0%}")


if __name__ == "__main__":
    main()
