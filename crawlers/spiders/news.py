"""The one spider: every enabled feed of the configured sources → article pages → items.

Reads RSS/Atom feeds and (news) sitemaps, sitemap indexes and gzipped sitemaps; fetches
feeds with conditional GET; follows entries to article pages (skipping known and offsite
URLs before the request); extracts articles; accounts every fault per feed in
``crawler.stats``. Items go to the ``FEEDS`` exporter (JSON Lines per run); the run's stats
file is written once that exporter has closed, so a stats file means a complete run.

``scrapy crawl news -a config=newsmon.toml -a date=2026-11-22 [-a sources=a,b]`` or
``newsmon crawl`` (which runs this through ``newsmon.crawlers.runner``).
"""

from __future__ import annotations

import json
import logging
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import scrapy
from scrapy import signals
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet.error import ConnectionRefusedError, DNSLookupError, TCPTimedOutError, TimeoutError
from twisted.python.failure import Failure

from newsmon.core.config import Config, Feed, Source, load_config
from newsmon.crawlers.extract.article import Hints, NoArticle, extract_article
from newsmon.crawlers.extract.encoding import decode_html
from newsmon.crawlers.extract.urls import normalize_url, same_site
from newsmon.crawlers.feeds import Entry, FeedError, parse_document
from newsmon.crawlers.items import as_item, stat_prefix
from newsmon.crawlers.settings import settings_from_config
from newsmon.warehouse.state import crawl_state

progress = logging.getLogger("newsmon.progress")

# Counters kept per feed in crawler.stats (under stat_prefix(source, feed)) and written to the stats file.
COUNTERS = ("feed_bytes", "feed_entries", "pages_fetched", "articles", "relevant", "irrelevant", "skipped_known",
            "skipped_offsite", "skipped_limit", "duplicates", "missing_dates", "day_only_dates", "retries")


def classify_failure(failure: Failure) -> str:
    exc = failure.value
    if failure.check(HttpError):
        status = exc.response.status
        return f"http_{status}" if status in (401, 403, 404, 410, 429) else ("http_5xx" if status >= 500 else f"http_{status}")
    if failure.check(TimeoutError, TCPTimedOutError) or "timeout" in type(exc).__name__.lower():
        return "timeout"
    if failure.check(DNSLookupError):
        return "dns"
    if failure.check(ConnectionRefusedError):
        return "connection_refused"
    msg = str(exc).lower()
    if failure.check(IgnoreRequest):
        if "robots.txt" in msg:
            return "robots_disallowed"
        if "redirect" in msg:
            return "redirect_loop"
        return "ignored"
    if "maxsize" in msg or "max size" in msg or "larger than download max" in msg or "cancel" in type(exc).__name__.lower():
        return "too_large"
    return type(exc).__name__.lower()


class FeedReport:
    """One feed of one source in one run: a view over its counters in crawler.stats."""

    def __init__(self, spider: NewsSpider, source: Source, feed: Feed):
        self.spider, self.source, self.feed = spider, source, feed
        self.prefix = stat_prefix(source.name, feed.url)
        self.status: int | None = None
        self.not_modified = False
        self.etag: str | None = None
        self.last_modified: str | None = None
        self.samples: list[dict[str, str]] = []

    @property
    def stats(self):
        return self.spider.crawler.stats

    def inc(self, key: str, n: int = 1) -> None:
        self.stats.inc_value(f"{self.prefix}/{key}", n)

    def get(self, key: str) -> int:
        return self.stats.get_value(f"{self.prefix}/{key}", 0)

    def error(self, kind: str, url: str, message: str) -> None:
        self.inc(f"errors/{kind}")
        if len(self.samples) < 20:
            self.samples.append({"kind": kind, "url": url, "message": message[:300]})

    def to_dict(self) -> dict[str, Any]:
        errors = {k.rsplit("/", 1)[1]: v for k, v in self.stats.get_stats().items()
                  if k.startswith(f"{self.prefix}/errors/")}
        return {"source": self.source.name, "kind": self.feed.kind, "feed_url": self.feed.url,
                "feed_status": self.status, "not_modified": self.not_modified, "etag": self.etag,
                "last_modified": self.last_modified, **{c: self.get(c) for c in COUNTERS},
                "errors": errors, "error_samples": self.samples}


class NewsSpider(scrapy.Spider):
    name = "news"

    def __init__(self, cfg: Config, date: str | None = None, run_id: str | None = None,
                 sources: str | None = None, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.cfg = cfg
        self.logical_date = date or datetime.now(UTC).date().isoformat()
        self.run_id = run_id or datetime.now(UTC).strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6]
        wanted = set(sources.split(",")) if sources else None
        self.sources = [s for s in cfg.sources if s.enabled and (wanted is None or s.name in wanted)]
        self.reports = {(s.name, f.url): FeedReport(self, s, f) for s in self.sources for f in s.feeds}
        self.budget: dict[str, int] = {}
        self.requested: set[str] = set()  # article URLs asked for in this run (own filter, see _follow)
        self.known_urls: set[str] = set()
        self.started_at = datetime.now(UTC).isoformat()
        out_dir = Path(cfg.storage.raw_dir) / f"date={self.logical_date}"
        self.items_path = out_dir / f"{self.run_id}.{self.name}.jsonl"
        self.stats_path = out_dir / f"{self.run_id}.{self.name}.stats.json"

    @classmethod
    def from_crawler(cls, crawler, *args, config: str | None = None, db: str | None = None, **kwargs):
        """``-a config=…`` (else NEWSMON_CONFIG, else ./newsmon.toml) is read once, here; its crawl
        settings and the run's JSON Lines output are applied before Scrapy freezes the settings."""
        cfg = load_config(config, db=db)
        spider = super().from_crawler(crawler, cfg, *args, **kwargs)
        for key, value in settings_from_config(cfg).items():
            if crawler.settings.getpriority(key) is None or crawler.settings.getpriority(key) < 40:  # below cmdline
                crawler.settings.set(key, value, priority="spider")
        spider.items_path.parent.mkdir(parents=True, exist_ok=True)
        crawler.settings.set("FEEDS", {str(spider.items_path): {
            "format": "jsonlines", "encoding": "utf-8", "store_empty": True, "overwrite": False}}, priority="spider")
        crawler.signals.connect(spider.write_stats, signal=signals.feed_exporter_closed)
        return spider

    def report(self, meta: dict) -> FeedReport:
        return self.reports[(meta["source"], meta["feed"])]

    # --- feeds with conditional GET ---------------------------------------------------

    async def start(self):
        self.known_urls, feed_state = crawl_state(self.cfg.storage.db)
        for (source, feed_url), report in self.reports.items():
            headers = {}
            etag, last_modified = feed_state.get(feed_url, (None, None))
            if etag:
                headers["If-None-Match"] = etag
            if last_modified:
                headers["If-Modified-Since"] = last_modified
            yield scrapy.Request(feed_url, callback=self.parse_feed, errback=self.on_error, headers=headers,
                                 dont_filter=True, meta={"source": source, "feed": feed_url, "is_feed": True,
                                                         "handle_httpstatus_list": [304]})

    def parse_feed(self, response: Response):
        report = self.report(response.meta)
        report.inc("retries", response.meta.get("retry_times", 0))
        if not response.meta.get("child"):
            report.status = response.status
            report.etag = (response.headers.get("ETag") or b"").decode("latin-1") or None
            report.last_modified = (response.headers.get("Last-Modified") or b"").decode("latin-1") or None
        if response.status == 304:
            report.not_modified = True  # unchanged since last run: nothing parsed
            return
        report.inc("feed_bytes", len(response.body))
        try:
            entries, children, repaired = parse_document(response.body, report.feed.kind, self.cfg.crawl.max_bytes)
        except FeedError as exc:
            report.error(exc.kind, response.url, str(exc))
            return
        if repaired:
            report.error("malformed_feed_recovered", response.url, "feed XML was broken; entries recovered")
        report.inc("feed_entries", len(entries))
        progress.info("  %s: %d entries in %s", report.source.name, len(entries), response.url)
        for child in children:
            url = normalize_url(child, base=response.url)
            if same_site(url, report.feed.url):
                yield scrapy.Request(url, callback=self.parse_feed, errback=self.on_error,
                                     meta={**_meta(report), "is_feed": True, "child": True})
        for entry in entries:
            yield from self._follow(entry, response, report)

    def _follow(self, entry: Entry, response: Response, report: FeedReport):
        src = report.source
        try:
            url = normalize_url(entry.url, base=response.url)
        except ValueError as exc:  # e.g. a port out of range: this entry only
            report.error("bad_link", entry.url, f"unusable link: {exc}")
            return
        if not url.startswith(("http://", "https://")):
            report.error("bad_link", entry.url, "entry link is not http(s)")
            return
        if not (same_site(url, report.feed.url) or same_site(url, src.url)
                or any(same_site(url, f"http://{h}/") for h in src.domains)):
            report.inc("skipped_offsite")
            return
        if url in self.known_urls:
            report.inc("skipped_known")
            return
        if url in self.requested:  # listed twice (two feeds, utm variants): fetch once
            report.inc("duplicates")
            return
        if self.budget.get(src.name, 0) >= self.cfg.crawl.max_articles_per_source:
            report.inc("skipped_limit")
            return
        self.budget[src.name] = self.budget.get(src.name, 0) + 1
        self.requested.add(url)
        hints = Hints(title=entry.title, published=entry.published, authors=entry.authors,
                      language=entry.language or report.feed.language or src.language, timezone=src.timezone)
        # dont_filter: Scrapy's dupefilter would silently swallow a redirect loop (a -> b -> a);
        # with it the loop runs into REDIRECT_MAX_TIMES and is reported as redirect_loop.
        yield scrapy.Request(url, callback=self.parse_article, errback=self.on_error, dont_filter=True,
                             meta={**_meta(report), "hints": hints, "feed_url": response.url})

    # --- articles ------------------------------------------------------------------------

    def parse_article(self, response: Response):
        report = self.report(response.meta)
        report.inc("pages_fetched")
        report.inc("retries", response.meta.get("retry_times", 0))
        self.crawler.stats.inc_value("newsmon/pages_fetched")
        done = self.crawler.stats.get_value("newsmon/pages_fetched")
        if done % 25 == 0:
            progress.info("  … %d article pages fetched", done)
        ctype = (response.headers.get("Content-Type") or b"").decode("latin-1") or None
        if b"<" not in response.body[:4096] and response.body[:2] != b"\x1f\x8b":
            report.error("not_html", response.url, f"content type {ctype!r}")
            return
        try:
            html, encoding = decode_html(response.body, ctype, max_bytes=self.cfg.crawl.max_bytes)
        except (UnicodeDecodeError, LookupError, OSError, ValueError) as exc:
            report.error("decode_error", response.url, str(exc))
            return
        src = report.source
        try:
            art = extract_article(html, response.url, hints=response.meta["hints"], source=src.name)
        except NoArticle as exc:
            report.error("no_article", response.url, str(exc))
            return
        except Exception as exc:  # a page that breaks the extractor must not end the run
            report.error("extract_error", response.url, f"{type(exc).__name__}: {exc}")
            return
        # Health: count pages whose own markup gave no date, even when the feed entry dates them;
        # a sudden rise means the site's templates changed.
        if art.date_method in (None, "feed", "url", "htmldate"):
            report.inc("missing_dates")
        if art.date_precision == "day":
            report.inc("day_only_dates")
        item = art.to_dict()
        item.update(source=src.name, country=src.country, fetched_at=datetime.now(UTC).isoformat(timespec="seconds"),
                    feed=report.feed.url, feed_url=response.meta.get("feed_url"), http_status=response.status,
                    encoding=encoding, run_id=self.run_id, logical_date=self.logical_date)
        # The request URL may differ from the canonical one: remember both as known.
        item["aliases"] = sorted({normalize_url(response.request.url), normalize_url(response.url), art.canonical_url})
        yield as_item(item)

    def on_error(self, failure: Failure):
        meta = failure.request.meta
        if (meta.get("source"), meta.get("feed")) not in self.reports:
            return
        report = self.report(meta)
        report.inc("retries", meta.get("retry_times", 0))
        kind = classify_failure(failure)
        if meta.get("is_feed"):
            kind = "feed_" + kind
            if not meta.get("child") and failure.check(HttpError):
                report.status = failure.value.response.status
        report.error(kind, failure.request.url, str(failure.value))

    def write_stats(self) -> None:
        """After the FEEDS exporter closed: the run's stats file (its presence marks a complete run)."""
        scrapy_stats = {k: v for k, v in self.crawler.stats.get_stats().items()
                        if not k.startswith("newsmon/") and isinstance(v, (int, float))}
        doc = {
            "run_id": self.run_id, "spider": self.name, "logical_date": self.logical_date,
            "started_at": self.started_at, "finished_at": datetime.now(UTC).isoformat(),
            "finish_reason": self.crawler.stats.get_value("finish_reason", "finished"),
            "items_file": self.items_path.name, "sources": [r.to_dict() for r in self.reports.values()],
            "scrapy_stats": scrapy_stats,
        }
        self.stats_path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.stats_path.with_suffix(".tmp")
        tmp.write_text(json.dumps(doc, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
        tmp.replace(self.stats_path)


def _meta(report: FeedReport) -> dict[str, str]:
    return {"source": report.source.name, "feed": report.feed.url}
