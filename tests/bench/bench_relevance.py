"""Benchmark: relevance by meaning on the labelled set (prints precision and recall).

``tests/data/relevance/<type>.json`` holds candidate turns labelled ``on`` (about the question,
however weak) or ``off`` (chat, evasion, another subject). Questions alternate between a
calibration split and a held-out split; ``untouched/<type>.json`` is a check set written without
sight of the classifier, never fitted on, printed as its own split; so is ``untouched2/``, a
second check set written the same way on questions no other set asks. Printed per type and split:
- the topic reading alone (`agent.understanding.topic.read_topic`), and
- the live interviewer's decision (`agent.interviewer.analysis.assess`): an ``off`` turn counts
  as redirected when it is treated as off topic, outside, evasive or a request to skip.

    .venv/bin/python tests/bench/bench_relevance.py          # print the tables
    .venv/bin/python tests/bench/bench_relevance.py --fit    # refit the calibration, then print
    .venv/bin/python tests/bench/bench_relevance.py --field  # remake the question field, then print
    .venv/bin/python tests/bench/bench_relevance.py --memory # remake the answer memory and its
                                                             # cuts, and the register, then print
    .venv/bin/python tests/bench/bench_relevance.py --register # refit the answer register
                                                               # and the substance reading
                                                               # on the memory, then print
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
import numpy.typing as npt

sys.path.insert(0, str(Path(__file__).parents[1] / "support"))

from agent.interviewer.analysis import REDIRECTED, assess, decided_by_wording
from agent.interviewer.bank import QUESTION_TYPES, load_bank
from agent.understanding import default_embedder
from agent.understanding.answer_memory import AnswerMemory, build_memory, memory_margin
from agent.understanding.field import FieldQuestion, build_field
from agent.understanding.lang import unit_mean
from agent.understanding.topic import (
    FEATURES,
    answer_pieces,
    embed_pieces,
    read_topic,
    topic_features,
)

from paths import REPO
from relevance_set import (
    CHECK_FOLDERS,
    DEV_FOLDERS,
    LATER_FOLDERS,
    Item,
    load_items,
    register_rows,
    remembered_items,
    substance_rows,
)

CALIBRATION = REPO / "agent" / "understanding" / "data" / "topic_calibration.json"
FIELD = REPO / "agent" / "understanding" / "data" / "question_field.npz"
MEMORY = REPO / "agent" / "understanding" / "data" / "answer_memory.npz"
MEMORY_KEEPS = 0.995
"""The share of the remembered on-topic answers of each family that the memory's cut keeps."""
REGISTER = REPO / "agent" / "understanding" / "data" / "answer_register.json"
REGISTER_KEEPS = 0.99
"""The share of the remembered on-topic answers of each family that the register's cut keeps,
each scored by a model fitted without its question."""
SUBSTANCE = REPO / "agent" / "understanding" / "data" / "answer_substance.json"
REGISTER_L2 = 100.0
REGISTER_FOLDS = 5
Floats = npt.NDArray[np.float64]


def fit(items: list[Item]) -> None:
    """Logistic models per family (knowledge, story) and thresholds per type, fitted on the
    calibration split only, on the turns that reach the topic reading (those the wording
    decides, such as a question put to the interviewer, never do). The untouched check set
    is held out, so ``not i.held_out`` keeps it out of every fit: it must never tune anything.
    The ``extra`` and ``calibration2`` items are not fitted on either (`relevance_set` says
    why)."""
    embedder = default_embedder()
    train = [
        i
        for i in items
        if not i.held_out and not i.later and not decided_by_wording(i.answer, i.context().text)
    ]
    x = np.array([topic_features(i.answer, i.topic_question(), embedder)[0] for i in train])
    y = np.array([i.on for i in train], float)
    data = json.loads(CALIBRATION.read_text())
    data["models"] = {}
    for family in ("knowledge", "story"):
        rows = [n for n, i in enumerate(train) if i.topic_question().family == family]
        mean, scale = x[rows].mean(axis=0), np.maximum(x[rows].std(axis=0), 0.05)
        weights, bias = _logistic((x[rows] - mean) / scale, y[rows])
        # Talk of private life and deflection are never evidence of an answer, whatever a
        # small sample says: their weights may only count against it.
        for name in ("life", "evasion", "private"):
            weights[FEATURES.index(name)] = min(0.0, weights[FEATURES.index(name)])
        data["models"][family] = {
            "mean": _round(mean), "scale": _round(scale), "weights": _round(weights),
            "bias": round(float(bias), 4),
        }  # fmt: skip
    CALIBRATION.write_text(json.dumps(data, indent=1) + "\n")
    from agent.understanding.topic import calibration

    calibration.cache_clear()
    for kind in QUESTION_TYPES:
        mine = [i for i in train if i.kind == kind]
        probs = [read_topic(i.answer, i.topic_question(), embedder).probability for i in mine]
        data["thresholds"][kind] = _threshold(probs, [i.on for i in mine])
    CALIBRATION.write_text(json.dumps(data, indent=1) + "\n")
    calibration.cache_clear()


def bank_field_questions() -> list[FieldQuestion]:
    """The question bank as the question field (`agent.understanding.field`) takes it."""
    return [FieldQuestion(q.type, q.text, q.reference_points) for q in load_bank().questions]


def remake_field() -> None:
    """Embeds the bank's questions into ``data/question_field.npz`` (about 15 s)."""
    FIELD.write_bytes(build_field(bank_field_questions(), default_embedder()))
    print(f"wrote {FIELD.relative_to(REPO)} ({FIELD.stat().st_size // 1024} KiB)")


def _logistic(x: Floats, y: Floats, l2: float = 1.0, steps: int = 4000) -> tuple[Floats, float]:
    w, b = np.zeros(x.shape[1]), 0.0
    for _ in range(steps):
        p = 1 / (1 + np.exp(-(x @ w + b)))
        w -= 0.5 * (x.T @ (p - y) / len(y) + l2 * w / len(y))
        b -= 0.5 * float(np.mean(p - y))
    return w, b


def _threshold(probs: list[float], labels: list[bool]) -> float:
    """The cut that keeps the most of the worse-served class (on or off), centred in its gap."""
    best: tuple[float, float] = (-1.0, 0.5)
    for cut in np.linspace(0.05, 0.95, 91):
        on = np.mean([p >= cut for p, lab in zip(probs, labels, strict=True) if lab])
        off = np.mean([p < cut for p, lab in zip(probs, labels, strict=True) if not lab])
        score = min(on, off) + 0.01 * (on + off)
        if score > best[0] + 1e-9:
            best = (score, float(cut))
    return round(best[1], 3)


def _round(values: Floats, digits: int = 4) -> list[float]:
    return [round(float(v), digits) for v in values]


def remake_memory(items: list[Item]) -> None:
    """Embeds the remembered answers (`relevance_set.remembered_items`: the calibration
    material, never a held-out or check set) into ``data/answer_memory.npz`` (about a minute),
    then sets each family's cut where it keeps `MEMORY_KEEPS` of the remembered on-topic
    answers, each read leave-one-out."""
    from agent.understanding import answer_memory as memory_module

    embedder = default_embedder()
    remembered = remembered_items(items)
    pieces = [embed_pieces(r.answer, embedder) for r in remembered]
    vectors = np.stack([unit_mean(p) for p in pieces])
    MEMORY.write_bytes(build_memory(remembered, vectors, embedder))
    memory_module.answer_memory.cache_clear()
    margins: dict[str, list[float]] = {"knowledge": [], "story": []}
    for r, p in zip(remembered, pieces, strict=True):
        margin = memory_margin(p, r.question, embedder)
        if r.on and margin is not None:
            family = "story" if r.kind in ("behavioral", "hr") else "knowledge"
            margins[family].append(margin)
    data = json.loads(CALIBRATION.read_text())
    data["memory_cut"] = {
        family: round(float(np.quantile(values, 1.0 - MEMORY_KEEPS)), 3)
        for family, values in margins.items()
    }
    CALIBRATION.write_text(json.dumps(data, indent=1) + "\n")
    print(f"answer memory: {len(remembered)} answers, cuts {data['memory_cut']}")


def _fit_linear(
    x: Floats, y: Floats, asked: npt.NDArray[np.int_]
) -> tuple[Floats, Floats, Floats, Floats, float]:
    """A logistic model over standardised rows ``x``, fitted with `REGISTER_L2`: each row's
    probability scored out of fold (folds by the question it was asked, so no row is scored by
    a model that saw its question's answers), then the model fitted on every row. Returns the
    scores, the mean, the scale, the weights and the bias."""
    mean, scale = x.mean(axis=0), np.maximum(x.std(axis=0), 0.01)
    scaled = (x - mean) / scale
    fold = asked % REGISTER_FOLDS
    scored = np.zeros(len(y))
    for k in range(REGISTER_FOLDS):
        w, b = _logistic(scaled[fold != k], y[fold != k], REGISTER_L2, steps=2000)
        scored[fold == k] = 1 / (1 + np.exp(-(scaled[fold == k] @ w + b)))
    weights, bias = _logistic(scaled, y, REGISTER_L2, steps=2000)
    return scored, mean, scale, weights, bias


def _family_cuts(
    scored: Floats, on: npt.NDArray[np.bool_], story: npt.NDArray[np.bool_]
) -> dict[str, float]:
    """Per question family, the score that keeps `REGISTER_KEEPS` of the on-topic rows."""
    return {
        family: round(float(np.quantile(scored[on & (story == is_story)], 1 - REGISTER_KEEPS)), 4)
        for family, is_story in (("knowledge", False), ("story", True))
    }


def _write_linear(
    path: Path, about: str, fingerprint: str, cut: dict[str, float],
    model: tuple[Floats, Floats, Floats, float],
) -> None:  # fmt: skip
    """Writes a model as `agent.understanding.answer_register.read_register` reads it."""
    from agent.understanding.made_by import PROBE

    mean, scale, weights, bias = model
    data = {
        "_about": about, "memory": fingerprint, "cut": cut, "bias": round(float(bias), 5),
        "mean": _round(mean, 5),
        "scale": _round(scale, 5), "weights": _round(weights, 5),
        "probe": _round(default_embedder().embed([PROBE])[0].astype(np.float64), 5),
    }  # fmt: skip
    path.write_text(json.dumps(data, indent=None) + "\n")


def _is_story(memory: AnswerMemory, asked: npt.NDArray[np.int_]) -> npt.NDArray[np.bool_]:
    return np.array([memory.kinds[a] in ("behavioral", "hr") for a in asked])


def _memory() -> AnswerMemory:
    from agent.understanding.answer_memory import answer_memory

    memory = answer_memory()
    assert memory is not None, "no answer memory: run --memory first"
    return memory


def fit_register(items: list[Item]) -> None:
    """Fits the answer register (`agent.understanding.answer_register`) on the answer
    memory's turns that say how an answer sounds (`relevance_set.register_rows`: not a
    fluent answer meant for another question), labelled on or off topic, and sets each
    family's cut where it keeps `REGISTER_KEEPS` of the on-topic answers, scored out of fold."""
    from agent.understanding import answer_register as register_module

    memory = _memory()
    rows = register_rows(items)
    assert len(rows) == len(memory.on), "the memory is not the relevance set's: run --memory"
    x, y = memory.vectors[rows].astype(np.float64), memory.on[rows].astype(np.float64)
    asked = memory.asked[rows]
    scored, mean, scale, weights, bias = _fit_linear(x, y, asked)
    cut = _family_cuts(scored, y == 1, _is_story(memory, asked))
    about = (
        "Does a turn sound like an answer at all (agent/understanding/answer_register.py):"
        " a logistic model over the turn's MiniLM embedding, fitted on the answer memory by"
        f" tests/bench/bench_relevance.py --register (L2 {REGISTER_L2}); per family, the cut keeps"
        f" {REGISTER_KEEPS:.0%} of the remembered on-topic answers scored out of fold."
    )
    _write_linear(REGISTER, about, memory.fingerprint, cut, (mean, scale, weights, bias))
    register_module.answer_register.cache_clear()
    print(f"answer register: {len(y)} turns, cuts {cut}")


def fit_substance(items: list[Item]) -> None:
    """Fits the substance reading (`agent.understanding.substance`) on the clauses of the
    answer memory's turns that say what substance sounds like (`relevance_set.substance_rows`:
    on-topic answers against polite evasions), each clause labelled as its turn, and sets each
    family's cut where it keeps `REGISTER_KEEPS` of the on-topic answers, their clauses scored
    out of fold and averaged per turn. Embeds every clause (minutes)."""
    from agent.understanding import substance as substance_module

    memory = _memory()
    rows = substance_rows(items)
    remembered = remembered_items(items)
    assert len(rows) == len(remembered) == len(memory.on), "run --memory first"
    clauses: list[str] = []
    owner: list[int] = []
    for n in np.flatnonzero(rows):
        for piece in answer_pieces(remembered[n].answer):
            clauses.append(piece)
            owner.append(int(n))
    of = np.array(owner)
    x = default_embedder().embed(clauses).astype(np.float64)
    y = memory.on[of].astype(np.float64)
    scored, mean, scale, weights, bias = _fit_linear(x, y, memory.asked[of])
    turns = np.unique(of)
    per_turn = np.array([scored[of == n].mean() for n in turns])
    cut = _family_cuts(per_turn, memory.on[turns], _is_story(memory, memory.asked[turns]))
    about = (
        "Does a turn say anything about the subject (agent/understanding/substance.py):"
        " a logistic model over each clause's MiniLM embedding, fitted on the clauses of the"
        " answer memory's on-topic answers and polite evasions by"
        f" tests/bench/bench_relevance.py --register (L2 {REGISTER_L2}); per family, the cut on"
        f" the mean over a turn's clauses keeps {REGISTER_KEEPS:.0%} of the remembered on-topic"
        " answers scored out of fold."
    )
    _write_linear(SUBSTANCE, about, memory.fingerprint, cut, (mean, scale, weights, bias))
    substance_module.substance_model.cache_clear()
    print(f"substance: {len(turns)} turns, {len(of)} clauses, cuts {cut}")


def report(items: list[Item]) -> None:
    embedder = default_embedder()
    print(f"features: {', '.join(FEATURES)}")
    header = (
        f"{'type':14s} {'split':9s} {'n':>4s}  {'':22s}{'on kept':>10s} {'off redirected':>15s}"
    )
    header += f" {'precision':>10s}"
    print(header)
    totals: dict[str, tuple[list[Item], list[bool]]] = {}
    for kind in QUESTION_TYPES:
        for split in SPLITS:
            mine = [i for i in items if i.kind == kind and _split(i) == split]
            topic = [read_topic(i.answer, i.topic_question(), embedder).on_topic for i in mine]
            live = [assess(i.answer, i.context()).kind not in REDIRECTED for i in mine]
            for name, kept in (("topic reading", topic), ("live interviewer", live)):
                print(_row(kind, split, name, mine, kept))
            total = totals.setdefault(split, ([], []))
            total[0].extend(mine)
            total[1].extend(live)
    for split, (mine, live) in totals.items():
        print(_row("all types", split, "live interviewer", mine, live))
    print("off-topic turns redirected by the live interviewer, per class (where a set names them):")
    for split, (mine, live) in totals.items():
        classes = sorted({i.off_class for i in mine if i.off_class})
        cells = []
        for name in classes:
            got = [not k for i, k in zip(mine, live, strict=True) if i.off_class == name]
            cells.append(f"{name} {sum(got)}/{len(got)}")
        if cells:
            print(f"  {split:11s} " + ", ".join(cells))


SPLITS = (
    "calib", *("calib" + folder.removeprefix("calibration") for folder in LATER_FOLDERS),
    "held-out", "fresh", "extra", *DEV_FOLDERS, *CHECK_FOLDERS,
)  # fmt: skip


def _split(item: Item) -> str:
    if item.untouched or item.folder in DEV_FOLDERS:
        return item.folder
    if item.folder.startswith("calibration"):
        return "calib" + item.folder.removeprefix("calibration")
    if item.extra:
        return "extra"
    return "fresh" if item.fresh else "held-out" if item.held_out else "calib"


def _row(kind: str, split: str, name: str, items: list[Item], kept: list[bool]) -> str:
    on = [k for i, k in zip(items, kept, strict=True) if i.on]
    off = [not k for i, k in zip(items, kept, strict=True) if not i.on]
    true_on = sum(on)
    precision = true_on / max(1, true_on + (len(off) - sum(off)))
    return (
        f"{kind:14s} {split:9s} {len(items):4d}  {name:22s}{sum(on):4d}/{len(on):<3d}"
        f"{100 * sum(on) / max(1, len(on)):4.0f}%  {sum(off):4d}/{len(off):<3d}"
        f"{100 * sum(off) / max(1, len(off)):4.0f}%  {100 * precision:8.0f}%"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--fit", action="store_true", help="refit the calibration first")
    parser.add_argument("--field", action="store_true", help="remake the question field first")
    parser.add_argument("--memory", action="store_true", help="remake the answer memory first")
    parser.add_argument("--register", action="store_true", help="refit the answer register first")
    args = parser.parse_args()
    if args.field:
        remake_field()
    items = load_items()
    if args.memory:
        remake_memory(items)
    if args.memory or args.register:
        fit_register(items)
        fit_substance(items)
    if args.fit:
        fit(items)
    report(items)


if __name__ == "__main__":
    main()
