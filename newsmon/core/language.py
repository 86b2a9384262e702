"""Language detection on the extracted text (not just the configured language)."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import _load_identifier

    return _load_identifier(norm_probs=True)


def detect_language(text: str, fallback: str | None = None) -> str | None:
    sample = text[:3000]
    if len(sample.strip()) < 20:
        return (fallback or "").split("-")[0].lower() or None
    lang, prob = _identifier().classify(sample)
    if prob < 0.5 and fallback:
        return fallback.split("-")[0].lower()
    return lang
