"""Hand-made decision Docs for the pair-decision tests: a text's real signals with a chosen vector."""

from __future__ import annotations

from datetime import datetime

import numpy as np

from newsmon.dedupe.decide import Doc
from newsmon.dedupe.features import make_doc
from newsmon.dedupe.signals import extract_signals


def unit_vector(seed: int, near: np.ndarray | None = None, cos: float = 1.0) -> np.ndarray:
    """A random unit vector, or one at the given cosine to ``near``."""
    v = np.random.default_rng(seed).normal(size=384).astype(np.float32)
    v /= np.linalg.norm(v)
    if near is not None:
        v = v - (v @ near) * near
        v /= np.linalg.norm(v)
        v = cos * near + np.sqrt(1 - cos * cos) * v
    return v.astype(np.float32)


def handmade_doc(key: int, when: datetime, title: str, text: str, vec: np.ndarray, source: str = "outlet",
                 language: str = "ru") -> Doc:
    """The Doc the step would build for this article, with ``vec`` as its multilingual vector."""
    return make_doc(key, source, language, when, title, f"h{key}", extract_signals(title, text, language), None, vec)
