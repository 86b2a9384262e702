"""``newsmon extract``: the spiders' extraction on local files or URLs, one record per source."""

from __future__ import annotations

import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from newsmon.crawlers.extract.article import Hints, NoArticle, extract_article
from newsmon.crawlers.extract.encoding import decode_html

USER_AGENT = "newsmon-extract/0.1"


def _read(source: str, timeout: float = 20.0) -> tuple[bytes, str | None, str]:
    if source.startswith(("http://", "https://")):
        req = urllib.request.Request(source, headers={"User-Agent": USER_AGENT})
        with urllib.request.urlopen(req, timeout=timeout) as resp:  # noqa: S310 - user-given URL
            return resp.read(), resp.headers.get("Content-Type"), resp.geturl()
    path = Path(source)
    return path.read_bytes(), None, path.resolve().as_uri()


def extract_one(source: str, url: str | None = None, tz: str | None = None) -> dict[str, Any]:
    try:
        body, ctype, fetched_url = _read(source)
        html, encoding = decode_html(body, ctype)
        art = extract_article(html, url or fetched_url, hints=Hints(timezone=tz))
    except NoArticle as exc:
        return {"source": source, "error": "no_article", "message": str(exc)}
    except (OSError, ValueError, UnicodeDecodeError, LookupError) as exc:
        return {"source": source, "error": type(exc).__name__, "message": str(exc)}
    rec = {"source": source, **art.to_dict(), "encoding": encoding}
    rec.pop("fetched_at", None)
    return rec


def extract_many(sources: list[str], url: str | None = None, tz: str | None = None) -> Iterator[dict[str, Any]]:
    for s in sources:
        yield extract_one(s, url=url if len(sources) == 1 else None, tz=tz)
