"""``newsmon sources check``: probe every configured feed now, outside Scrapy and the warehouse.

For each feed: robots.txt (asked first: a disallowed feed is not fetched), HTTP status and where a
permanent redirect moved it, whether it parses, entry count, newest entry date, and whether a sample
of its newest same-site articles extracts. The verdict is one word a person can act on:

    ok           the feed works
    dead         connection failed or the feed answered an HTTP error (404, 403, 5xx, …)
    moved        a permanent redirect (301/308) leads elsewhere: update the URL in the config
    robots       robots.txt disallows the feed for the configured User-Agent (it was not fetched)
    malformed    the body is not a feed/sitemap, is hostile XML, or is larger than max_bytes
    empty        the feed parses but lists no entries
    stale        the newest entry is older than ``stale_days``
    no_articles  none of the sampled articles gave an article body
"""

from __future__ import annotations

import http.client
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

from protego import Protego

from newsmon.core.config import Config, Feed, Source
from newsmon.crawlers.extract.article import Hints, extract_article
from newsmon.crawlers.extract.dates import parse_machine_date, zone_for
from newsmon.crawlers.extract.encoding import decode_html
from newsmon.crawlers.extract.urls import normalize_url, same_site
from newsmon.crawlers.feeds import Entry, FeedError, parse_document

VERDICTS = ("ok", "dead", "moved", "robots", "malformed", "empty", "stale", "no_articles")
PROBLEMS = VERDICTS[1:]
PERMANENT = (301, 308)
CHILD_SITEMAPS = 3  # a sitemap index: how many children to look into


@dataclass
class FeedCheck:
    source: str
    feed_url: str
    kind: str
    status: int | None = None
    final_url: str | None = None
    robots: str = "?"
    entries: int = 0
    newest: datetime | None = None
    articles: str = ""
    verdict: str = "ok"
    detail: str = ""

    def row(self) -> list:
        newest = self.newest.strftime("%Y-%m-%d %H:%M") if self.newest else None
        return [self.source, self.feed_url, self.kind, self.status, self.robots, self.entries, newest,
                self.articles, self.verdict, self.detail]


COLUMNS = ["source", "feed", "kind", "status", "robots", "entries", "newest", "articles", "verdict", "detail"]


class TooLarge(ValueError):
    pass


@dataclass
class Fetched:
    status: int
    url: str  # after redirects
    body: bytes
    content_type: str | None = None
    redirects: list[tuple[int, str]] = field(default_factory=list)  # (status, target) hop by hop


class _Recorder(urllib.request.HTTPRedirectHandler):
    """Follows redirects like urllib does, remembering each hop's status."""

    def __init__(self):
        self.hops: list[tuple[int, str]] = []

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        self.hops.append((code, newurl))
        return super().redirect_request(req, fp, code, msg, headers, newurl)


FETCH_ERRORS = (OSError, ValueError, http.client.HTTPException)  # URLError, timeouts, resets, bad URLs, too large


def fetch(url: str, cfg: Config) -> Fetched:
    """GET with the crawl's User-Agent and timeout; the body is read up to ``max_bytes`` (else
    TooLarge). HTTP errors return their status with an empty body; other failures raise FETCH_ERRORS."""
    recorder = _Recorder()
    opener = urllib.request.build_opener(recorder)
    req = urllib.request.Request(url, headers={"User-Agent": cfg.crawl.user_agent, "Accept-Encoding": "identity"})
    try:
        with opener.open(req, timeout=cfg.crawl.timeout) as resp:
            body = resp.read(cfg.crawl.max_bytes + 1)
            if len(body) > cfg.crawl.max_bytes:
                raise TooLarge(f"body larger than max_bytes ({cfg.crawl.max_bytes})")
            return Fetched(resp.status, resp.geturl(), body, resp.headers.get("Content-Type"), recorder.hops)
    except urllib.error.HTTPError as exc:
        exc.close()
        return Fetched(exc.code, exc.geturl() or url, b"", None, recorder.hops)


class _Robots:
    """robots.txt per host, fetched once per check (4xx: everything allowed, as Scrapy does)."""

    def __init__(self, cfg: Config):
        self.cfg = cfg
        self.cache: dict[str, Protego | str] = {}

    def verdict(self, url: str) -> str:
        parts = urlsplit(url)
        key = f"{parts.scheme}://{parts.netloc}"
        if key not in self.cache:
            try:
                got = fetch(key + "/robots.txt", self.cfg)
            except FETCH_ERRORS:
                self.cache[key] = "unreachable"
            else:
                self.cache[key] = Protego.parse(got.body.decode("utf-8", "replace")) if got.status == 200 else "none"
        rp = self.cache[key]
        if isinstance(rp, str):
            return rp
        return "allowed" if rp.can_fetch(url, self.cfg.crawl.user_agent) else "disallowed"

    def blocks(self, url: str) -> bool:
        return self.cfg.crawl.obey_robots and self.verdict(url) == "disallowed"


def _same_site(url: str, source: Source, feed: Feed) -> bool:
    """The spider's rule: article links on the feed's or the source's site or a listed domain."""
    return (same_site(url, feed.url) or same_site(url, source.url)
            or any(same_site(url, f"http://{h}/") for h in source.domains))


def _err(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"[:160]


def check_feed(cfg: Config, source: Source, feed: Feed, sample: int = 2, stale_days: float = 3.0,
               now: datetime | None = None, robots: _Robots | None = None) -> FeedCheck:
    c = FeedCheck(source.name, feed.url, feed.kind)
    robots = robots or _Robots(cfg)
    c.robots = robots.verdict(feed.url)
    if c.robots == "disallowed" and cfg.crawl.obey_robots:  # never fetch what robots.txt forbids
        c.verdict, c.detail = "robots", "robots.txt disallows the feed for the configured User-Agent (not fetched)"
        return c
    try:
        got = fetch(feed.url, cfg)
    except TooLarge as exc:
        c.verdict, c.detail = "malformed", str(exc)
        return c
    except FETCH_ERRORS as exc:
        c.verdict, c.detail = "dead", _err(exc)
        return c
    c.status, c.final_url = got.status, got.url
    if got.status != 200:
        c.verdict, c.detail = "dead", f"HTTP {got.status}" + (f" at {got.url}" if got.redirects else "")
        return c
    moved = (any(code in PERMANENT for code, _ in got.redirects)
             and normalize_url(got.url) != normalize_url(feed.url))
    notes = []
    if got.redirects and not moved:
        notes.append(f"temporary redirect to {got.url}")
    try:
        entries, children, repaired = parse_document(got.body, feed.kind, cfg.crawl.max_bytes)
    except FeedError as exc:
        where = f" (after a redirect to {got.url})" if got.redirects else ""
        c.verdict, c.detail = "malformed", f"{exc.kind}: {exc}"[:160] + where
        return c
    if repaired:
        notes.append("XML needed repairs")
    for child in children[:CHILD_SITEMAPS]:  # a sitemap index: look one level down, same site only
        try:
            child_url = normalize_url(child, base=got.url)
            if not same_site(child_url, feed.url) or robots.blocks(child_url):
                continue
            sub = fetch(child_url, cfg)
            if sub.status == 200:
                entries += parse_document(sub.body, "sitemap", cfg.crawl.max_bytes)[0]
        except (*FETCH_ERRORS, FeedError) as exc:
            notes.append(f"child sitemap {child[:80]}: {_err(exc)}")
    c.entries = len(entries)
    if not entries:
        c.verdict, c.detail = "empty", "; ".join(["the feed lists no entries", *notes])
        return c
    zone = zone_for(feed.url, source.timezone)
    dated: list[tuple[datetime, Entry]] = []
    for e in entries:
        d = parse_machine_date(e.published, zone, "feed") if e.published else None
        if d:
            dated.append((d.value, e))
    c.newest = max(d for d, _ in dated) if dated else None
    if not dated:
        notes.append("entries carry no dates")

    # Sample the newest same-site articles the spider would fetch.
    dated_ids = {id(e) for _, e in dated}
    ordered = [e for _, e in sorted(dated, key=lambda de: de[0], reverse=True)] + \
              [e for e in entries if id(e) not in dated_ids]
    ok = tried = 0
    failures = []
    for e in ordered:
        if tried >= sample:
            break
        try:
            url = normalize_url(e.url, base=got.url)
        except ValueError:
            continue
        if not url.startswith(("http://", "https://")) or not _same_site(url, source, feed):
            continue
        tried += 1
        if robots.blocks(url):
            failures.append("article disallowed by robots.txt")
            continue
        try:
            page = fetch(url, cfg)
            if page.status != 200:
                failures.append(f"article HTTP {page.status}")
                continue
            html, _ = decode_html(page.body, page.content_type, max_bytes=cfg.crawl.max_bytes)
            extract_article(html, page.url, hints=Hints(title=e.title, published=e.published,
                                                        language=e.language or feed.language or source.language,
                                                        timezone=source.timezone), source=source.name)
            ok += 1
        except Exception as exc:  # noqa: BLE001 - any page that fails to fetch or extract counts as not extracted
            failures.append(_err(exc))
    c.articles = f"{ok}/{tried}" if tried else "-"
    now = now or datetime.now(UTC)
    if moved:
        c.verdict = "moved"
        notes.insert(0, f"permanently redirected to {got.url}: update the config")
    elif tried and not ok:
        c.verdict = "no_articles"
        notes.insert(0, f"no sampled article extracted ({failures[0]})" if failures else "no sampled article extracted")
    elif c.newest and now - c.newest > timedelta(days=stale_days):
        c.verdict = "stale"
        notes.insert(0, f"newest entry is {(now - c.newest).days} days old (limit {stale_days:g})")
    elif not tried:
        notes.append("no same-site article to sample" if sample else "articles not sampled (--sample 0)")
    c.detail = "; ".join(notes)
    return c


def check_sources(cfg: Config, names: list[str] | None = None, sample: int = 2, stale_days: float = 3.0,
                  workers: int = 8, now: datetime | None = None) -> list[FeedCheck]:
    """Probe the feeds of every enabled source (or of the named ones, enabled or not), in config order.
    Unknown names raise KeyError."""
    if names:
        unknown = sorted(set(names) - {s.name for s in cfg.sources})
        if unknown:
            raise KeyError(", ".join(unknown))
    feeds = [(s, f) for s in cfg.sources if (s.name in names if names else s.enabled) for f in s.feeds]
    robots = _Robots(cfg)  # shared: one robots.txt request per host
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        return list(pool.map(lambda sf: check_feed(cfg, *sf, sample=sample, stale_days=stale_days, now=now,
                                                   robots=robots), feeds))
