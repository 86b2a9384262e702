"""``newsmon extract``: the spiders' extraction on local files or URLs, one record per input.

One bad input never stops the batch: an empty file, a corrupt ``.gz``, a page over the size cap,
an unreachable URL each give an error record (``input``, ``source``, ``error``, ``message``) and the
rest go on. Inputs: paths, ``file://`` URLs, ``http(s)://`` URLs; each is read up to ``max_bytes``
(``[crawl].max_bytes``, as in the crawler), gzipped files inflate up to the same cap.
"""

from __future__ import annotations

import urllib.request
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from newsmon.core.config import Crawl

USER_AGENT = "newsmon-extract/0.1"


class TooLarge(ValueError):
    pass


class EmptyInput(ValueError):
    pass


def limit_from_config(config: Path | str | None) -> int:
    """``[crawl].max_bytes`` of the config if one is found, else the built-in default."""
    from newsmon.core.config import ConfigError, load_config, resolve_path

    try:
        if config or resolve_path(None).is_file():
            return load_config(config).crawl.max_bytes
    except ConfigError:
        if config:
            raise
    return Crawl().max_bytes


def _read_capped(fh, max_bytes: int, what: str) -> bytes:
    body = fh.read(max_bytes + 1)
    if len(body) > max_bytes:
        raise TooLarge(f"{what} is larger than max_bytes={max_bytes}")
    return body


def _local_path(source: str) -> Path:
    if source.lower().startswith("file:"):
        parts = urlsplit(source)
        if parts.netloc not in ("", "localhost"):
            raise ValueError(f"file:// URL on another host: {parts.netloc}")
        return Path(url2pathname(unquote(parts.path)))
    return Path(source)


def _read(source: str, max_bytes: int, timeout: float = 20.0) -> tuple[bytes, str | None, str]:
    if source.lower().startswith(("http://", "https://")):
        req = urllib.request.Request(source, headers={"User-Agent": USER_AGENT})
        with urllib.request.urlopen(req, timeout=timeout) as resp:  # noqa: S310 - user-given URL
            length = resp.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise TooLarge(f"{source} is {length} bytes, larger than max_bytes={max_bytes}")
            return _read_capped(resp, max_bytes, source), resp.headers.get("Content-Type"), resp.geturl()
    path = _local_path(source)
    if path.is_dir():
        raise IsADirectoryError(f"{path} is a directory")
    with path.open("rb") as fh:
        return _read_capped(fh, max_bytes, str(path)), None, path.resolve().as_uri()


def _host(url: str) -> str:
    return (urlsplit(url).hostname or "").lower().removeprefix("www.")


@lru_cache(maxsize=4)
def _source_hosts(config: str | None) -> dict[str, str]:
    """host -> configured source name (empty when there is no readable config)."""
    from newsmon.core.config import load_config

    try:
        cfg = load_config(config)
    except Exception:  # noqa: BLE001 - no or another config: the host names the source
        return {}
    out: dict[str, str] = {}
    for s in cfg.sources:
        for h in [*(_host(f.url) for f in getattr(s, "feeds", [])), _host(s.url), *(d.lower().removeprefix("www.") for d in s.domains)]:
            out.setdefault(h, s.name)
    return out


def _source_name(page_url: str | None, config: Path | str | None) -> str | None:
    """The configured source whose site the page is on, else the page's host (None for a local file)."""
    if not page_url or page_url.startswith("file:"):
        return None
    host = _host(page_url)
    return _source_hosts(str(config) if config else None).get(host) or host or None


def extract_one(source: str, url: str | None = None, tz: str | None = None, max_bytes: int | None = None,
                config: Path | str | None = None) -> dict[str, Any]:
    from newsmon.crawlers.extract.article import Hints, NoArticle, extract_article
    from newsmon.crawlers.extract.encoding import decode_html

    limit = max_bytes or Crawl().max_bytes
    page_url = url
    try:
        body, ctype, fetched_url = _read(source, limit)
        page_url = url or fetched_url
        if not body.strip():
            raise EmptyInput(f"{source} is empty")
        html, encoding = decode_html(body, ctype, max_bytes=limit)
        if not html.strip():
            raise EmptyInput(f"{source} holds only whitespace")
        art = extract_article(html, page_url, hints=Hints(timezone=tz))
    except NoArticle as exc:
        return {"input": source, "source": _source_name(page_url, config), "error": "no_article", "message": str(exc)}
    except TooLarge as exc:
        return {"input": source, "source": _source_name(page_url, config), "error": "too_large", "message": str(exc)}
    except EmptyInput as exc:
        return {"input": source, "source": None, "error": "empty", "message": str(exc)}
    except Exception as exc:  # noqa: BLE001 - any broken input (corrupt gzip, lxml 'Document is empty', …) is one record
        message = " ".join(str(exc).split()) or type(exc).__name__
        kind = "too_large" if "maxsize" in type(exc).__name__.lower() else type(exc).__name__
        return {"input": source, "source": _source_name(page_url, config), "error": kind, "message": message}
    rec = {**art.to_dict(), "input": source, "source": _source_name(page_url, config), "encoding": encoding}
    rec.pop("fetched_at", None)
    return rec


def extract_many(sources: list[str], url: str | None = None, tz: str | None = None, max_bytes: int | None = None,
                 config: Path | str | None = None) -> Iterator[dict[str, Any]]:
    for s in sources:
        yield extract_one(s, url=url if len(sources) == 1 else None, tz=tz, max_bytes=max_bytes, config=config)
