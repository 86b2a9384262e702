"""Shared spider logic: read sources from the config, fetch feeds with conditional GET,
follow entries to article pages (skipping known and offsite URLs before the request),
extract articles, and account every fault per source and kind."""

from __future__ import annotations

import json
import os
import sys
import uuid
from collections import Counter, defaultdict
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import scrapy
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet.error import ConnectionRefusedError, DNSLookupError, TCPTimedOutError, TimeoutError
from twisted.python.failure import Failure

from newsmon.crawlers.extract.article import Hints, NoArticle, extract_article
from newsmon.crawlers.extract.encoding import decode_html
from newsmon.crawlers.extract.urls import normalize_url, same_site
from newsmon.crawlers.feeds import Entry, FeedError
from newsmon.crawlers.items import as_item
from newsmon.core.config import Config, Source, load_config


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


class SourceReport:
    """What happened to one source in one run (written to the run's stats file)."""

    def __init__(self, source: Source):
        self.source = source
        self.data: dict[str, Any] = {
            "source": source.name, "kind": source.kind, "feed_url": source.url, "feed_status": None,
            "feed_bytes": 0, "feed_entries": 0, "not_modified": False, "etag": None, "last_modified": None,
            "pages_fetched": 0, "articles": 0, "relevant": 0, "irrelevant": 0, "skipped_known": 0,
            "skipped_offsite": 0, "skipped_limit": 0, "duplicates": 0, "missing_dates": 0, "day_only_dates": 0,
        }
        self.errors: Counter[str] = Counter()
        self.samples: list[dict[str, str]] = []

    def error(self, kind: str, url: str, message: str) -> None:
        self.errors[kind] += 1
        if len(self.samples) < 20:
            self.samples.append({"kind": kind, "url": url, "message": message[:300]})

    def to_dict(self) -> dict[str, Any]:
        return {**self.data, "errors": dict(self.errors), "error_samples": self.samples}


class NewsSpider(scrapy.Spider):
    kind = ""  # set by subclasses: "rss" | "sitemap"

    def __init__(self, config: str | None = None, date: str | None = None, run_id: str | None = None,
                 sources: str | None = None, db: str | None = None, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.cfg: Config = load_config(config, db=db)
        self.logical_date = date or datetime.now(UTC).date().isoformat()
        self.run_id = run_id or datetime.now(UTC).strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6]
        wanted = set(sources.split(",")) if sources else None
        self.sources = [s for s in self.cfg.sources if s.kind == self.kind and s.enabled
                        and (wanted is None or s.name in wanted)]
        self.reports = {s.name: SourceReport(s) for s in self.sources}
        self.article_budget: Counter[str] = Counter()
        self.pages_done = 0
        self.requested: set[str] = set()  # article URLs asked for in this run (own filter, see _follow)
        out_dir = Path(self.cfg.storage.raw_dir) / f"date={self.logical_date}"
        self.items_path = out_dir / f"{self.run_id}.{self.name}.jsonl"
        self.stats_path = out_dir / f"{self.run_id}.{self.name}.stats.json"
        self.started_at = datetime.now(UTC).isoformat()

    @classmethod
    def update_settings(cls, settings):
        super().update_settings(settings)
        from newsmon.crawlers.runner import settings_from_config

        cfg = load_config(os.environ.get("NEWSMON_CONFIG") or None)
        for key, value in settings_from_config(cfg).items():
            if settings.getpriority(key) is None or settings.getpriority(key) <= 20:  # project-level or lower
                settings.set(key, value, priority="spider")

    # --- start: feeds with conditional GET --------------------------------------------

    async def start(self):
        from newsmon.warehouse.state import crawl_state

        self.known_urls, feed_state = crawl_state(self.cfg.storage.db)
        for s in self.sources:
            headers = {}
            etag, last_modified = feed_state.get(s.url, (None, None))
            if etag:
                headers["If-None-Match"] = etag
            if last_modified:
                headers["If-Modified-Since"] = last_modified
            yield scrapy.Request(s.url, callback=self.parse_feed, errback=self.on_error, headers=headers,
                                 dont_filter=True, meta={"source": s.name, "feed": True, "handle_httpstatus_list": [304]})

    def parse_entries(self, response: Response, report: SourceReport):
        """Subclasses: return (entries, child feed URLs to fetch)."""
        raise NotImplementedError

    def parse_feed(self, response: Response):
        report = self.reports[response.meta["source"]]
        is_child = response.meta.get("child", False)
        if not is_child:
            report.data["feed_status"] = response.status
            report.data["etag"] = (response.headers.get("ETag") or b"").decode("latin-1") or None
            report.data["last_modified"] = (response.headers.get("Last-Modified") or b"").decode("latin-1") or None
        if response.status == 304:
            report.data["not_modified"] = True  # unchanged since last run: nothing parsed
            return
        report.data["feed_bytes"] += len(response.body)
        try:
            entries, children = self.parse_entries(response, report)
        except FeedError as exc:
            report.error(exc.kind, response.url, str(exc))
            return
        report.data["feed_entries"] += len(entries)
        print(f"  {report.source.name}: {len(entries)} entries in {response.url}", file=sys.stderr, flush=True)
        for child in children:
            url = normalize_url(child, base=response.url)
            if same_site(url, report.source.url):
                yield scrapy.Request(url, callback=self.parse_feed, errback=self.on_error,
                                     meta={"source": report.source.name, "feed": True, "child": True})
        for entry in entries:
            yield from self._follow(entry, response, report)

    def _follow(self, entry: Entry, response: Response, report: SourceReport):
        url = normalize_url(entry.url, base=response.url)
        if not url.startswith(("http://", "https://")):
            report.error("bad_link", entry.url, "entry link is not http(s)")
            return
        if not (same_site(url, report.source.url) or any(same_site(url, f"http://{h}/") for h in report.source.domains)):
            report.data["skipped_offsite"] += 1
            return
        if url in self.known_urls:
            report.data["skipped_known"] += 1
            return
        if url in self.requested:  # listed twice (two feeds, utm variants): fetch once
            report.data["duplicates"] += 1
            return
        if self.article_budget[report.source.name] >= self.cfg.crawl.max_articles_per_source:
            report.data["skipped_limit"] += 1
            return
        self.article_budget[report.source.name] += 1
        self.requested.add(url)
        hints = Hints(title=entry.title, published=entry.published, authors=entry.authors,
                      language=entry.language or report.source.language, timezone=report.source.timezone)
        # dont_filter: Scrapy's dupefilter would silently swallow a redirect loop (a -> b -> a);
        # with it the loop runs into REDIRECT_MAX_TIMES and is reported as redirect_loop.
        yield scrapy.Request(url, callback=self.parse_article, errback=self.on_error, dont_filter=True,
                             meta={"source": report.source.name, "hints": hints, "feed_url": response.url})

    # --- articles ------------------------------------------------------------------------

    def parse_article(self, response: Response):
        report = self.reports[response.meta["source"]]
        report.data["pages_fetched"] += 1
        self.pages_done += 1
        if self.pages_done % 25 == 0:
            print(f"  … {self.pages_done} article pages fetched", file=sys.stderr, flush=True)
        if not hasattr(response, "text") and b"<" not in response.body[:2048]:
            report.error("not_html", response.url, f"content type {response.headers.get('Content-Type')!r}")
            return
        ctype = (response.headers.get("Content-Type") or b"").decode("latin-1") or None
        try:
            html, encoding = decode_html(response.body, ctype)
        except (UnicodeDecodeError, LookupError, OSError) as exc:
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
            report.data["missing_dates"] += 1
        if art.date_precision == "day":
            report.data["day_only_dates"] += 1
        item = art.to_dict()
        item.update(source=src.name, country=src.country, fetched_at=datetime.now(UTC).isoformat(timespec="seconds"),
                    feed_url=response.meta.get("feed_url"), http_status=response.status, encoding=encoding,
                    run_id=self.run_id, logical_date=self.logical_date)
        # The request URL may differ from the canonical one: remember both as known.
        item["aliases"] = sorted({normalize_url(response.request.url), normalize_url(response.url), art.canonical_url})
        yield as_item(item)

    def on_error(self, failure: Failure):
        request = failure.request
        source = request.meta.get("source")
        kind = classify_failure(failure)
        if request.meta.get("feed"):
            kind = "feed_" + kind
            if not request.meta.get("child") and failure.check(HttpError):
                self.reports[source].data["feed_status"] = failure.value.response.status
        if source in self.reports:
            self.reports[source].error(kind, request.url, str(failure.value))

    def closed(self, reason: str) -> None:
        self.stats_path.parent.mkdir(parents=True, exist_ok=True)
        doc = {
            "run_id": self.run_id, "spider": self.name, "logical_date": self.logical_date,
            "started_at": self.started_at, "finished_at": datetime.now(UTC).isoformat(), "finish_reason": reason,
            "items_file": self.items_path.name, "sources": [r.to_dict() for r in self.reports.values()],
        }
        tmp = self.stats_path.with_suffix(".tmp")
        tmp.write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
        tmp.replace(self.stats_path)
