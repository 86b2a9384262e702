"""Decode HTML bytes: HTTP header, BOM, <meta charset>, then detection (Cyrillic-aware)."""

from __future__ import annotations

from charset_normalizer import from_bytes
from newsmon.core.config import Crawl
from scrapy.utils.gz import gunzip
from w3lib.encoding import html_to_unicode

DEFAULT_MAX_BYTES = Crawl().max_bytes  # the one default, from the config model


def _detect(body: bytes) -> str | None:
    try:
        body.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    best = from_bytes(body[:200_000], cp_isolation=["cp1251", "koi8_r", "utf_8", "cp1252", "iso8859_5", "mac_cyrillic"]).best()
    return best.encoding if best else None


def decode_html(body: bytes, content_type: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[str, str]:
    """Return (text, encoding). Declared charsets win; undeclared bytes are detected.
    Gzipped bodies inflate up to ``max_bytes`` (else ValueError: no gzip bomb gets past the cap)."""
    if body[:2] == b"\x1f\x8b":
        body = gunzip(body, max_size=max_bytes)
    encoding, text = html_to_unicode(content_type, body, auto_detect_fun=_detect)
    return text, encoding
