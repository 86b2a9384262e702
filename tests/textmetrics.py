"""Token-level body comparison used by the extraction tests and the extraction benchmark."""

from __future__ import annotations

import html
import re
from collections import Counter

_TOKEN = re.compile(r"\w+", re.UNICODE)


def fold(text: str) -> str:
    return " ".join(html.unescape(text).replace("\u00a0", " ").split()).lower()


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(fold(text))


def token_f1(predicted: str, gold: str) -> float:
    p, g = Counter(tokens(predicted)), Counter(tokens(gold))
    overlap = sum((p & g).values())
    if not overlap:
        return 0.0
    prec, rec = overlap / sum(p.values()), overlap / sum(g.values())
    return 2 * prec * rec / (prec + rec)


def _squash(text: str) -> str:
    return " ".join(html.unescape(text).replace("\u00a0", " ").split())


def leaked(predicted: str, clutter: list[str]) -> list[str]:
    """Clutter strings found in the text (case-sensitive: "Share" is a button, "share" a word)."""
    f = _squash(predicted)
    return [c for c in clutter if _squash(c) and _squash(c) in f]
