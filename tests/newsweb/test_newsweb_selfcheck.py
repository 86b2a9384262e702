"""Self-check of the fixture news web: server behaviour and expected.json <-> HTML consistency.

Run:  python3 -m pytest tests/newsweb -q
"""
from __future__ import annotations

import html
import html.parser
import json
import re
import socket
import sys
import threading
import time
import tomllib
import urllib.error
import urllib.request
import urllib.robotparser
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

try:
    from .server import DEFAULT_ROOT, NewsWeb
except ImportError:  # collected without package context (e.g. --import-mode=importlib)
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from tests.newsweb.server import DEFAULT_ROOT, NewsWeb

EXPECTED = json.loads((DEFAULT_ROOT / "expected.json").read_text(encoding="utf-8"))
ARTICLES = [r for r in EXPECTED if r["kind"] == "article"]
FAULTS = [r for r in EXPECTED if r["kind"] == "fault"]
CA_PLACES = ["Kazakh", "Kyrgyz", "Tajik", "Turkmen", "Uzbek", "Central Asia", "Astana", "Almaty", "Bishkek",
             "Tashkent", "Dushanbe", "Ashgabat", "Казах", "Кыргыз", "Таджик", "Туркмен", "Узбек"]

# never use an environment proxy for loopback fixtures
OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))
NO_REDIRECT = urllib.request.build_opener(
    urllib.request.ProxyHandler({}),
    type("NoRedirect", (urllib.request.HTTPRedirectHandler,), {"redirect_request": lambda *a, **k: None})(),
)


def fetch(url: str, headers: dict | None = None, timeout: float = 10, opener=OPENER):
    """-> (status, headers, body bytes); HTTP errors are returned, not raised."""
    req = urllib.request.Request(url, headers=headers or {})
    try:
        with opener.open(req, timeout=timeout) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read()


def charset_of(headers, body: bytes) -> str:
    m = re.search(r"charset=([\w-]+)", headers.get("Content-Type", ""), re.I)
    if m:
        return m.group(1).lower()
    m = re.search(rb"<meta[^>]+charset=[\"']?([\w-]+)", body[:4096], re.I)
    return m.group(1).decode().lower() if m else "utf-8"


class _Text(html.parser.HTMLParser):
    BLOCK = {"p", "div", "h1", "h2", "h3", "h4", "li", "figcaption", "figure", "section", "br", "article"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        if tag in self.BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1
        if tag in self.BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def page_text(markup: str) -> str:
    p = _Text()
    p.feed(markup)
    return re.sub(r"\s+", " ", "".join(p.parts))


def norm(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


@pytest.fixture(scope="module")
def web():
    with NewsWeb(delay_scale=0.05) as w:
        yield w


# ----------------------------------------------------------------------------- expected.json sanity
def test_expected_json_shape():
    assert 25 <= len(ARTICLES) <= 35
    assert len({(r["outlet"], r["canonical_path"]) for r in ARTICLES}) == len(ARTICLES)
    keys = {"outlet", "path", "canonical_path", "title", "published_at", "date_precision", "authors",
            "language", "relevant", "body", "clutter", "event", "fault"}
    for r in ARTICLES:
        assert keys <= set(r), r["path"]
        assert r["fault"] is None and r["language"] in ("en", "ru")
        assert r["date_precision"] in ("minute", "day", None)
        if r["published_at"] is not None:
            assert re.fullmatch(r"2026-\d\d-\d\dT\d\d:\d\d:00Z", r["published_at"])
            if r["date_precision"] == "day":
                assert r["published_at"].endswith("T00:00:00Z")
        n = len(r["body"].split())
        assert 200 <= n <= 600, (r["path"], n)
        assert "lorem" not in r["body"].lower()
        for c in r["clutter"]:
            assert c not in r["body"], (r["path"], c)
        if not r["relevant"]:
            assert not [p for p in CA_PLACES if p in r["body"]], r["path"]
    faults = {r["fault"] for r in FAULTS}
    assert faults == {"http_404", "http_500", "timeout", "redirect_loop", "too_large", "no_article",
                      "malformed_feed", "xxe_feed", "robots_disallowed"}
    events = {}
    for r in ARTICLES:
        events.setdefault(r["event"], []).append(r["outlet"])
    assert len(events["japan-ca-summit-2026"]) >= 4
    assert sum(1 for r in ARTICLES if not r["relevant"]) >= 2
    assert [r for r in EXPECTED if r.get("offsite")]


# ----------------------------------------------------------------------------- serving
def test_feeds(web):
    for name, o in web.outlets.items():
        for f in o.feeds:
            st, h, body = fetch(web.url(name, f["path"]))
            if f["path"] == "/rss/archive.xml":
                assert st == 500
                continue
            assert st == 200, (name, f["path"])
            assert b"{{base" not in body
            assert web.base(name).encode() in body
            ctype = h["Content-Type"]
            assert ctype.startswith({"rss": "application/rss+xml", "atom": "application/atom+xml",
                                     "sitemap": "application/xml"}[f.get("format", f["kind"])]), ctype
            assert h["ETag"] and h["Last-Modified"]
            if f["path"] == "/rss/regions.xml":
                with pytest.raises(ET.ParseError):
                    ET.fromstring(body)
            elif f["path"] == "/rss/partners.xml":
                assert b'<!ENTITY xxe SYSTEM "file:///etc/passwd">' in body and b"root:x:0:0" not in body
            else:
                ET.fromstring(body)  # well-formed (encoding from the XML declaration)


def test_sitemap_index_and_offsite_link(web):
    _, _, idx = fetch(web.url("qazaq-times", "/sitemap.xml"))
    locs = re.findall(rb"<loc>([^<]+)</loc>", idx)
    assert len(locs) == 3
    for loc in locs:
        st, _, body = fetch(loc.decode())
        assert st == 200 and b"<urlset" in body
    _, _, atom = fetch(web.url("glr", "/feed.atom"))
    assert web.base("asiawire").encode() in atom


def _get_with_retry(url: str):
    st, h, body = fetch(url)
    if st in (429, 503):
        assert h["Retry-After"] == "1"
        st, h, body = fetch(url)
    return st, h, body


def test_every_expected_article(web):
    for r in ARTICLES:
        st, h, raw = _get_with_retry(web.url(r["outlet"], r["path"]))
        assert st == 200, (r["outlet"], r["path"], st)
        cs = charset_of(h, raw)
        assert cs == r["charset"], (r["path"], cs)
        markup = raw.decode(cs)
        assert "{{base" not in markup
        assert f'rel="canonical" href="{web.url(r["outlet"], r["canonical_path"])}"' in markup
        text = page_text(markup)
        assert norm(r["title"]) in text, r["path"]
        for para in r["body"].split("\n\n"):
            assert norm(para) in text, (r["path"], para[:60])
        for c in r["clutter"]:
            assert norm(c) in text, (r["path"], c)
        for a in r.get("aliases", []):
            st, _, body = _get_with_retry(web.url(r["outlet"], a))  # follows redirects
            assert st == 200 and body.decode(cs) == markup, a
        if r["canonical_path"] != r["path"]:
            st, _, _ = fetch(web.url(r["outlet"], r["canonical_path"]))
            assert st == 200


def test_faults(web):
    by = {r["fault"]: r for r in FAULTS}
    st, _, body = fetch(web.url("oasis-news", by["http_404"]["path"]))
    assert st == 404 and b"Page not found" in body
    st, _, _ = fetch(web.url("oasis-news", by["http_500"]["path"]))
    assert st == 500
    t0 = time.monotonic()
    with pytest.raises((TimeoutError, socket.timeout, urllib.error.URLError)):
        fetch(web.url("oasis-news", by["timeout"]["path"]), timeout=0.5)
    assert time.monotonic() - t0 < 1.4
    st, h, _ = fetch(web.url("oasis-news", "/loop/a"), opener=NO_REDIRECT)
    assert st == 302 and h["Location"] == web.url("oasis-news", "/loop/b")
    st, h, _ = fetch(web.url("oasis-news", "/loop/b"), opener=NO_REDIRECT)
    assert st == 302 and h["Location"] == web.url("oasis-news", "/loop/a")
    st, _, _ = fetch(web.url("oasis-news", "/loop/a"))
    assert st in (301, 302)  # urllib gives up on the loop
    st, h, body = fetch(web.url("oasis-news", by["too_large"]["path"]))
    assert st == 200 and int(h["Content-Length"]) == len(body) == 3 * 1024 * 1024
    st, _, body = fetch(web.url("oasis-news", by["no_article"]["path"]))
    assert st == 200 and b"<article" not in body and b"Tag: Energy" in body
    rb = by["robots_disallowed"]
    rp = urllib.robotparser.RobotFileParser()
    _, _, robots = fetch(web.url(rb["outlet"], "/robots.txt"))
    rp.parse(robots.decode().splitlines())
    assert not rp.can_fetch("newsmon", web.url(rb["outlet"], rb["path"]))
    assert rp.can_fetch("newsmon", web.url(rb["outlet"], ARTICLES[0]["path"]))


def test_conditional_get(web):
    url = web.url("asiawire", "/feed/")
    st, h, body = fetch(url)
    etag, lm = h["ETag"], h["Last-Modified"]
    assert st == 200 and etag.startswith('"') and lm.endswith("GMT")
    st, h2, body2 = fetch(url, {"If-None-Match": etag})
    assert st == 304 and body2 == b"" and h2["ETag"] == etag
    st, _, body3 = fetch(url, {"If-Modified-Since": lm})
    assert st == 304 and body3 == b""
    st, _, body4 = fetch(url, {"If-None-Match": '"nope"'})
    assert st == 200 and body4 == body
    st, _, _ = fetch(url, {"If-Modified-Since": "Sat, 21 Nov 2026 00:00:00 GMT"})
    assert st == 200


def test_retry_after_then_ok(web):
    web.clear()
    for r in ARTICLES:
        if not r.get("transient"):
            continue
        code = int(r["transient"].split("_")[1])
        url = web.url(r["outlet"], r["path"])
        st, h, _ = fetch(url)
        assert st == code and h["Retry-After"] == "1"
        st, _, _ = fetch(url)
        assert st == 200
    assert {r["status"] for r in web.hits("oasis-news")} == {429, 503, 200}


def test_switch_overlay(web):
    art = next(r for r in ARTICLES if r["outlet"] == "steppe-daily" and r["published_at"])
    url = web.url("steppe-daily", art["path"])
    feed = web.url("steppe-daily", "/rss/all.xml")
    _, h0, normal = fetch(url)
    _, _, feed0 = fetch(feed)
    assert b"datePublished" in normal
    try:
        web.switch("steppe-daily", "redesign")
        _, h1, red = fetch(url)
        assert b"c-rte" in red and b"datePublished" not in red and b"<h1" not in red
        assert h1["ETag"] != h0["ETag"] and h1["Last-Modified"] != h0["Last-Modified"]
        st, _, feed_r = fetch(feed)  # not in the overlay: falls through to the normal file
        assert st == 200 and feed_r == feed0
        web.switch("steppe-daily", "silent")
        _, _, feed1 = fetch(feed)
        assert feed1 != feed0
        items = lambda b: re.findall(rb"<item>.*?</item>", b, re.S)  # noqa: E731
        assert items(feed1) == items(feed0)
        with pytest.raises(ValueError):
            web.switch("steppe-daily", "nope")
    finally:
        web.switch("steppe-daily", None)
    _, _, back = fetch(url)
    assert back == normal


def test_windows_1251(web):
    seen = set()
    for r in ARTICLES:
        if r["outlet"] != "kuryer":
            continue
        _, h, raw = fetch(web.url("kuryer", r["path"]))
        ctype = h["Content-Type"]
        seen.add(ctype)
        assert b'<meta http-equiv="Content-Type" content="text/html; charset=windows-1251"' in raw
        with pytest.raises(UnicodeDecodeError):
            raw.decode("utf-8")
        assert norm(r["title"]) in html.unescape(raw.decode(charset_of(h, raw)))
    assert seen == {"text/html; charset=windows-1251", "text/html"}
    _, h, raw = fetch(web.url("kuryer", "/rss.xml"))
    assert "windows-1251" in h["Content-Type"]
    assert ET.fromstring(raw).find("channel/title").text == "Курьер Азии — Новости"
    # dolina: plain text/html header, charset only in <meta charset>
    r = next(r for r in ARTICLES if r["outlet"] == "dolina" and r["path"].startswith("/society/"))
    _, h, raw = fetch(web.url("dolina", r["path"]))
    assert h["Content-Type"] == "text/html" and b'<meta charset="utf-8">' in raw


def test_sources_toml(web):
    cfg = tomllib.loads(web.sources_toml())
    assert len(cfg["sources"]) == sum(len(o.feeds) for o in web.outlets.values())
    for s in cfg["sources"]:
        assert set(s) == {"name", "url", "kind", "country", "language", "timezone"}
        assert s["kind"] in ("rss", "sitemap")
    only = tomllib.loads(web.sources_toml(only=["kuryer", "oasis-news-archive"]))["sources"]
    assert [s["name"] for s in only] == ["kuryer", "oasis-news-archive"]
    assert only[0]["timezone"] == "Asia/Bishkek"
    plain = tomllib.loads(web.sources_toml(timezone=False))["sources"]
    assert set(plain[0]) == {"name", "url", "kind", "country", "language"}
    ips = {o.ip for o in web.outlets.values()}
    assert len(ips) == len(web.outlets) and "127.0.0.1" not in ips


def test_request_log(web):
    web.clear()
    fetch(web.url("glr", "/feed.atom"), {"User-Agent": "newsmon-test"})
    fetch(web.url("glr", "/nope"))
    log = web.hits("glr")
    assert [(e["method"], e["path"], e["status"]) for e in log] == [("GET", "/feed.atom", 200),
                                                                    ("GET", "/nope", 404)]
    assert log[0]["headers"]["User-Agent"] == "newsmon-test" and log[0]["time"] > 0
    assert set(log[0]) >= {"outlet", "method", "path", "status", "headers", "time"}


def test_expected_urls(web):
    recs = web.expected()
    off = next(r for r in recs if r["kind"] == "offsite_link")
    assert off["url"].startswith(web.base("asiawire"))
    assert all(r["url"].startswith("http://127.0.0.") for r in recs)


def test_shutdown_interrupts_slow_request():
    w = NewsWeb(delay_scale=1.0).start()
    url = w.url("oasis-news", "/news/2026/11/21/cotton-harvest-report")
    errors = []
    t = threading.Thread(target=lambda: errors.append(_swallow(url)), daemon=True)
    t.start()
    time.sleep(0.3)
    assert w.hits("oasis-news")[0]["status"] is None  # still sleeping
    t0 = time.monotonic()
    w.stop()
    assert time.monotonic() - t0 < 3
    t.join(5)
    assert not t.is_alive()


def _swallow(url: str):
    try:
        return fetch(url, timeout=20)
    except Exception as exc:  # connection dropped at shutdown
        return exc
