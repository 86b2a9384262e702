"""Text helpers every layer agrees on."""

from __future__ import annotations

import hashlib


def content_hash(text: str) -> str:
    """sha256 of the text with case and whitespace folded: the exact-duplicate key of an article body."""
    norm = " ".join(text.lower().split())
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()
