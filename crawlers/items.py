"""The item a spider yields: one extracted article plus crawl context."""

from __future__ import annotations

from typing import Any, TypedDict


class ArticleItem(TypedDict, total=False):
    url: str
    canonical_url: str
    title: str
    text: str
    published_at: str | None
    date_precision: str | None
    date_method: str | None
    authors: list[str]
    language: str | None
    content_hash: str
    source: str
    feed: str           # the configured feed that listed it (health is kept per feed)
    country: str | None
    fetched_at: str
    feed_url: str
    http_status: int
    encoding: str
    relevant: bool
    relevance_hits: dict[str, int]
    run_id: str
    logical_date: str
    aliases: list[str]  # every URL this article was reached under (checked before requests next time)


def as_item(d: dict[str, Any]) -> ArticleItem:
    return ArticleItem(**d)  # type: ignore[typeddict-item]


def stat_prefix(source: str, feed_url: str) -> str:
    """crawler.stats key prefix of one feed of one source (pipelines and spider share it)."""
    return f"newsmon/{source}/{feed_url}"
