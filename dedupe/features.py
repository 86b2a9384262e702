"""Build decision Docs from article fields, vectors and signals (shared by the step and the evaluation)."""

from __future__ import annotations

from datetime import datetime

import numpy as np

from newsmon.dedupe.decide import Doc
from newsmon.dedupe.signals import Signals, title_key


def is_wire(source: str, authors: list[str], wire_sources: list[str]) -> bool:
    """A wire agency's own copy: its source ("afp", "reuters-en") or a byline naming the agency."""
    s = source.lower()
    if any(s == w or s.startswith(w + "-") or s.endswith("-" + w) for w in wire_sources):
        return True
    return any(a.strip().lower() in wire_sources for a in authors)


def make_doc(key: int, source: str, language: str | None, time: datetime, title: str, content_hash: str,
             signals: Signals, mono: np.ndarray | None, multi: np.ndarray | None) -> Doc:
    return Doc(key=key, source=source, language=language, time=time, title_key=title_key(title),
               content_hash=content_hash, entities=signals.entities, numbers=signals.numbers,
               mono=mono, multi=multi)
