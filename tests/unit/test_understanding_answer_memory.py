"""The answer memory (`agent.understanding.answer_memory`): the shipped vectors are the
calibration material's and the model's; the margin compares an answer with the two nearest
remembered answers to its question against the two nearest of the rest, leaving out the
answer itself and answers to questions asking for the same story; and the shared topic
reading treats an answer that sounds like chat, not like its question's answers, as off."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pytest

from agent.interviewer.bank import load_bank
from agent.understanding import default_embedder, topic
from agent.understanding.answer_memory import (
    AnswerMemory,
    Remembered,
    answer_memory,
    build_memory,
    fingerprint,
    memory_margin,
    read_memory,
)
from agent.understanding.embeddings import Vectors
from agent.understanding.lang import unit_mean
from agent.understanding.made_by import PROBE
from agent.understanding.topic import TopicQuestion, calibration, embed_pieces, read_topic

from relevance_set import load_items, remembered_items

MISTAKE = "Tell me about a time you made a mistake. What happened, and what did you learn?"
WRONG_DECISION = "Tell me about a product decision you made that turned out to be wrong."
DISAGREED = "Describe a situation where you disagreed with a teammate. How did you handle it?"


def test_the_shipped_memory_is_made_from_the_calibration_material_as_it_is() -> None:
    memory = answer_memory()
    assert memory is not None
    remembered = remembered_items(load_items())
    assert memory.fingerprint == fingerprint(remembered), (
        "the relevance set changed: remake the memory with "
        "`.venv/bin/python tests/bench/bench_relevance.py --memory`"
    )
    assert len(memory.vectors) == len(remembered)
    check_sets = {i.answer for i in load_items() if i.held_out}
    assert not check_sets & {r.answer for r in remembered}


def test_the_shipped_vectors_are_the_models() -> None:
    memory = answer_memory()
    assert memory is not None
    remembered = remembered_items(load_items())
    embedder = default_embedder()
    for n in (0, len(remembered) // 2, len(remembered) - 1):
        fresh = unit_mean(embed_pieces(remembered[n].answer, embedder))
        assert float(fresh @ memory.vectors[n]) > 0.99


def _story(text: str) -> TopicQuestion:
    asked = next(q for q in load_bank().questions if q.text == text)
    return TopicQuestion(asked.text, asked.type, asked.reference_points)


OWN = (
    "I pushed a config change on a Friday without testing it on staging and it broke checkout "
    "for an hour. I rolled it back, told my lead straight away, and since then every change "
    "goes through staging with a checklist."
)
CHAT = (
    "Honestly this office is lovely, is that a real plant over there? I got a bit lost finding "
    "the building, the lifts were confusing."
)
PRIVATE = (
    "I forgot my mother's birthday last year, which was a big mistake. I felt terrible, so I "
    "booked a dinner the next weekend and now I keep the family dates in my phone calendar."
)


def test_an_answer_sounds_like_its_questions_answers_and_chat_does_not() -> None:
    embedder = default_embedder()
    margins = {
        name: memory_margin(embed_pieces(said, embedder), MISTAKE, embedder)
        for name, said in (("own", OWN), ("chat", CHAT), ("private", PRIVATE))
    }
    assert all(m is not None for m in margins.values()), margins
    assert margins["own"] > margins["private"] > margins["chat"]  # type: ignore[operator]
    cut = calibration().memory_cut["story"]
    assert margins["own"] > cut > margins["chat"]  # type: ignore[operator]
    reading = read_topic(CHAT, _story(MISTAKE), embedder)
    assert reading.memory_margin is not None and not reading.on_topic
    assert not reading.elsewhere  # chat is not an answer to another question
    assert read_topic(OWN, _story(MISTAKE), embedder).on_topic


@pytest.mark.parametrize(("margin", "kept"), [(0.05, True), (-0.05, False)])
def test_a_plain_answer_far_from_the_wording_is_kept_where_it_sounds_like_its_answers(
    monkeypatch: pytest.MonkeyPatch, margin: float, kept: bool
) -> None:
    """The model puts a short, plain strength far from "greatest strength"; what decides is
    whether it sounds like the answers that question gets (`topic.LIKE_ITS_ANSWERS`)."""
    asked = load_bank().by_id("hr-03")
    question = TopicQuestion(asked.text, asked.type, asked.reference_points)
    answer = "I'm patient, I think. I don't give up on a bug easily."
    monkeypatch.setattr(topic, "memory_margin", lambda pieces, text, embedder: margin)
    reading = read_topic(answer, question, default_embedder())
    assert reading.probability < reading.threshold - calibration().tie_band
    assert reading.on_topic is kept


def test_follow_up_replies_and_unremembered_questions_get_no_reading() -> None:
    embedder = default_embedder()
    asked = _story(MISTAKE)
    follow_up = "What would you do differently now?"
    reply = TopicQuestion(f"{asked.text} {follow_up}", asked.kind, asked.reference_points, follow_up)  # fmt: skip
    assert read_topic("I'd test it on staging first.", reply, embedder).memory_margin is None
    pieces = embed_pieces(OWN, embedder)
    assert memory_margin(pieces, "Tell me about your time at Acme Robotics.", embedder) is None


# -- the margin itself, on a memory of hand-made vectors ---------------------------------


def _axis(n: int, lean: float = 0.0, toward: int = 0) -> Vectors:
    v = np.zeros(384, np.float32)
    v[n] = 1.0
    v[toward] += lean
    return v / np.linalg.norm(v)


class _Table:
    """An embedder that reads each text's vector from a table (the probe on axis 0)."""

    def __init__(self, table: dict[str, Vectors]) -> None:
        self.table = {PROBE: _axis(0), **table}

    def embed(self, texts: Sequence[str]) -> Vectors:
        return np.stack([self.table[t] for t in texts])


def _memory(rows: list[tuple[Remembered, Vectors]], embedder: _Table) -> AnswerMemory:
    packed = build_memory([r for r, _ in rows], np.stack([v for _, v in rows]), embedder)
    return read_memory(packed)


def _row(question: str, answer: str, on: bool, vector: Vectors) -> tuple[Remembered, Vectors]:
    return Remembered(question, "behavioral", answer, on), vector


@pytest.fixture
def table() -> _Table:
    return _Table({})


def test_the_margin_is_the_two_nearest_own_answers_less_the_two_nearest_others(
    table: _Table,
) -> None:
    answer = _axis(1)
    rows = [
        _row(MISTAKE, "own a", True, _axis(1, 0.5, 2)),  # cos 0.894
        _row(MISTAKE, "own b", True, _axis(1, 1.0, 3)),  # cos 0.707
        _row(MISTAKE, "own far", True, _axis(4)),  # cos 0
        _row(DISAGREED, "rival", True, _axis(1, 2.0, 5)),  # cos 0.447
        _row(MISTAKE, "chat", False, _axis(1, 3.0, 6)),  # cos 0.316
        _row(DISAGREED, "rival far", True, _axis(7)),
        # Another question asking for a mistake story: on topic for either, so neither side.
        _row(WRONG_DECISION, "same story", True, _axis(1, 0.1, 8)),
    ]
    memory = _memory(rows, table)
    margin = memory_margin(answer[None, :], MISTAKE, table, memory)
    expected = (0.894 + 0.707) / 2 - (0.447 + 0.316) / 2
    assert margin == pytest.approx(expected, abs=2e-3)


def test_the_answer_itself_is_not_its_own_neighbour_and_too_few_answers_give_none(
    table: _Table,
) -> None:
    rows = [
        _row(MISTAKE, "own a", True, _axis(1)),
        _row(MISTAKE, "own b", True, _axis(1, 1.0, 3)),
        _row(MISTAKE, "own c", True, _axis(1, 1.0, 4)),
        _row(DISAGREED, "rival", True, _axis(1, 1.0, 5)),
    ]
    memory = _memory(rows, table)
    # Read as "own a" itself: its own row (cosine 1) is left out, so own is b and c.
    margin = memory_margin(_axis(1)[None, :], MISTAKE, table, memory)
    assert margin == pytest.approx(0.0, abs=2e-3)
    few = _memory(rows[2:], table)  # one answer to it
    assert memory_margin(_axis(1)[None, :], MISTAKE, table, few) is None


class _OtherModel:
    def embed(self, texts: Sequence[str]) -> Vectors:
        return np.stack([_axis(9) for _ in texts])


def test_another_model_gets_no_reading_rather_than_a_wrong_one() -> None:
    assert memory_margin(_axis(1)[None, :], MISTAKE, _OtherModel()) is None
