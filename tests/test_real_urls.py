"""Real-world URLs and compressed bodies.

A crawl through the real CLI of a site on 127.0.0.1 whose news sitemap is a gzipped sitemap index
(``sitemap.xml.gz`` → ``news-1.xml.gz``) listing articles under Cyrillic paths — spelled as IRIs, as
percent-encoded URIs and with utm tags —: each article is fetched once, stored once under its
percent-encoded canonical URL, and never requested again by the next run. A gzip bomb is refused.
Plus unit tests of ``normalize_url`` and of the bounded gunzip in ``decode_html``.
"""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote
from xml.sax.saxutils import escape

import pytest

from tests.localsite import LocalSite, Page, article_html, base_config

NEWSMON = [sys.executable, "-m", "newsmon.cli"]
DATE = "2026-12-01"
MAX_BYTES = 200_000
GZ = "application/x-gzip"

# Article paths as the site's CMS writes them (raw Cyrillic).
WATER = "/новости/водные-переговоры-в-ташкенте"
GROWTH = "/экономика/рост-ввп-казахстана"
LATIN = "/en/news/kazakhstan-budget"


def enc(path: str, lower: bool = False) -> str:
    """Percent-encoded spelling of a path (upper-case hex as Scrapy sends it, or lower-case)."""
    q = quote(path, safe="/")
    return q.lower() if lower else q


def bomb(size: int) -> bytes:
    """A well-formed sitemap that inflates to ``size`` bytes from a few kilobytes."""
    body = b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">' + b" " * size + b"</urlset>"
    return gzip.compress(body, compresslevel=9)


def news_sitemap(base: str, locs: list[str]) -> bytes:
    urls = "".join(
        f"<url><loc>{escape(base + loc)}</loc><news:news><news:publication><news:name>Fixture</news:name>"
        f"<news:language>ru</news:language></news:publication><news:publication_date>2026-12-01T09:00:00+05:00"
        f"</news:publication_date><news:title>t</news:title></news:news></url>" for loc in locs)
    return gzip.compress(('<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
                          f'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{urls}</urlset>').encode("utf-8"))


def build_site() -> LocalSite:
    site = LocalSite({"/robots.txt": Page("User-agent: *\nAllow: /\n", "text/plain")}).start()
    b = site.base
    index = ('<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
             f"<sitemap><loc>{b}/news-1.xml.gz</loc></sitemap><sitemap><loc>{b}/news-2.xml.gz</loc></sitemap>"
             "</sitemapindex>")
    site.routes.update({
        "/sitemap.xml.gz": Page(gzip.compress(index.encode()), GZ),
        "/news-1.xml.gz": Page(news_sitemap(b, [
            WATER,                                                       # IRI, raw Cyrillic
            enc(GROWTH),                                                 # percent-encoded URI
            WATER + "?utm_source=telegram&utm_medium=social",            # utm-tagged duplicate
            enc(GROWTH, lower=True) + "?utm_campaign=x#comments",        # same article, lower-case hex
            LATIN,
        ]), GZ),
        "/news-2.xml.gz": Page(bomb(MAX_BYTES * 20), GZ),               # child sitemap bomb
        "/bomb.xml.gz": Page(bomb(MAX_BYTES * 20), GZ),                 # a feed that is a bomb
        # The pages' canonical links: raw IRI, lower-case percent-encoding, plain Latin.
        WATER: Page(article_html("Водные переговоры в Ташкенте", "2026-12-01T09:00:00+05:00", canonical=WATER, lang="ru")),
        GROWTH: Page(article_html("Рост ВВП Казахстана", "2026-12-01T10:00:00+05:00",
                                  canonical=b + enc(GROWTH, lower=True), lang="ru")),
        LATIN: Page(article_html("Kazakhstan budget", "2026-12-01T11:00:00+05:00", canonical=LATIN)),
    })
    assert len(site.routes["/bomb.xml.gz"].raw()) < MAX_BYTES // 10
    return site


def cli(workdir: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    proc = subprocess.run([*NEWSMON, *args], cwd=workdir, capture_output=True, text=True, timeout=600)
    if check and proc.returncode != 0:
        raise AssertionError(f"newsmon {' '.join(args)} exited {proc.returncode}\n{proc.stdout}\n{proc.stderr}")
    return proc


def sql(workdir: Path, query: str) -> list[dict]:
    return json.loads(cli(workdir, "sql", query, "--format", "json").stdout)


@pytest.fixture(scope="module")
def crawled(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("real-urls")
    site = build_site()
    try:
        config = base_config().replace("max_bytes = 3000000", f"max_bytes = {MAX_BYTES}")
        assert f"max_bytes = {MAX_BYTES}" in config
        config += (f'\n[sources.KZ.cyrillic-news]\nurl = "{site.url("/sitemap.xml.gz")}"\nkind = "sitemap"\n'
                   f'language = "ru"\ntimezone = "Asia/Almaty"\n'
                   f'\n[sources.KZ.bomb-news]\nurl = "{site.url("/bomb.xml.gz")}"\nkind = "sitemap"\n')
        (workdir / "newsmon.toml").write_text(config, encoding="utf-8")
        first_crawl = cli(workdir, "crawl", "--date", DATE)
        cli(workdir, "load", "--date", DATE)
        first = list(site.requests)
        second_crawl = cli(workdir, "crawl", "--date", DATE, check=False)
        cli(workdir, "load", "--date", DATE)
        yield {"site": site, "dir": workdir, "first": first, "second": site.requests[len(first):],
               "first_crawl": first_crawl, "second_crawl": second_crawl}
    finally:
        site.stop()


def _article_hits(requests, path: str) -> list[str]:
    return [raw for _, raw, decoded in requests if decoded == path]


def test_articles_are_stored_once_under_percent_encoded_canonical_urls(crawled):
    base = crawled["site"].base
    rows = sql(crawled["dir"], "SELECT canonical_url, url, title FROM articles ORDER BY canonical_url")
    assert sorted(r["canonical_url"] for r in rows) == sorted(base + enc(p) for p in (WATER, GROWTH, LATIN))
    assert all(r["canonical_url"].isascii() and r["url"].isascii() for r in rows)
    titles = {r["title"] for r in rows}
    assert titles == {"Водные переговоры в Ташкенте", "Рост ВВП Казахстана", "Kazakhstan budget"}


def test_each_article_is_requested_once_percent_encoded(crawled):
    for path in (WATER, GROWTH, LATIN):
        hits = _article_hits(crawled["first"], path)
        assert hits == [enc(path)], (path, hits)  # once, as the upper-case percent-encoded URI


def test_second_run_requests_no_article_again(crawled):
    again = [raw for _, raw, decoded in crawled["second"] if decoded in (WATER, GROWTH, LATIN)]
    assert again == []
    assert any(decoded == "/news-1.xml.gz" for _, _, decoded in crawled["second"])  # the sitemap was read again
    assert sql(crawled["dir"], "SELECT count(*) AS n FROM articles")[0]["n"] == 3
    skipped = sql(crawled["dir"], """SELECT sum(skipped_known) AS n FROM source_runs
                                     WHERE run_id = (SELECT max(run_id) FROM crawl_runs)""")[0]["n"]
    assert skipped >= 3


def test_aliases_cover_every_spelling(crawled):
    base = crawled["site"].base
    urls = {r["url"] for r in sql(crawled["dir"], "SELECT url FROM article_urls")}
    assert {base + enc(WATER), base + enc(GROWTH), base + LATIN} <= urls
    assert not any(not u.isascii() or "utm_" in u for u in urls)


def test_gzip_bombs_are_refused_as_too_large_and_the_run_goes_on(crawled):
    rows = sql(crawled["dir"], """SELECT source, feed_url, errors FROM source_runs
                                  WHERE run_id = (SELECT min(run_id) FROM crawl_runs) ORDER BY source""")
    errors = {r["source"]: json.loads(r["errors"]) for r in rows}
    assert errors["bomb-news"] == {"feed_too_large": 1}
    assert errors["cyrillic-news"] == {"feed_too_large": 1}  # news-2.xml.gz; news-1.xml.gz was read
    assert crawled["first_crawl"].returncode == 0


# --- normalize_url ---------------------------------------------------------------------------

from newsmon.crawlers.extract.urls import normalize_url  # noqa: E402

IRI = "https://tengrinews.kz/новости/водные-переговоры/"
URI = "https://tengrinews.kz/%D0%BD%D0%BE%D0%B2%D0%BE%D1%81%D1%82%D0%B8/" \
      "%D0%B2%D0%BE%D0%B4%D0%BD%D1%8B%D0%B5-%D0%BF%D0%B5%D1%80%D0%B5%D0%B3%D0%BE%D0%B2%D0%BE%D1%80%D1%8B/"


def test_iri_and_percent_encoded_spellings_agree():
    assert normalize_url(IRI) == normalize_url(URI) == normalize_url(URI.lower().replace("https://", "HTTPS://")) == URI
    assert normalize_url("https://пример.рф/путь") == "https://xn--e1afmkfd.xn--p1ai/%D0%BF%D1%83%D1%82%D1%8C"
    assert normalize_url("/новости/x", base="https://kun.uz/ru/") == "https://kun.uz/%D0%BD%D0%BE%D0%B2%D0%BE%D1%81%D1%82%D0%B8/x"


def test_normalize_equals_what_scrapy_requests():
    from scrapy import Request

    for url in (IRI, URI, "https://kun.uz/news/2026/12/01/статья", "https://24.kg/english/123_kyrgyzstan/"):
        assert normalize_url(url) == Request(url).url


@pytest.mark.parametrize("url", [
    IRI, URI, "https://Example.COM:443/a/b?z=1&a=2#frag", "http://example.com:8080/путь?q=слово&utm_source=x",
    "https://example.com/a%2Fb?q=a+b", "https://example.com", "https://example.com/?ref=x&fbclid=1&id=5"])
def test_normalize_is_idempotent(url):
    once = normalize_url(url)
    assert normalize_url(once) == once and once.isascii()


def test_tracking_parameters_fragments_and_default_ports_are_dropped():
    n = normalize_url
    assert n("https://astanatimes.com/2026/12/x/?utm_source=tg&utm_medium=social&utm_campaign=c") == \
        "https://astanatimes.com/2026/12/x/"
    assert n("https://example.com/a?fbclid=1&gclid=2&yclid=3&id=5&mc_cid=9#top") == "https://example.com/a?id=5"
    assert n("http://example.com:80/a") == "http://example.com/a"
    assert n("https://example.com:443/a") == "https://example.com/a"
    assert n("https://example.com:8443/a") == "https://example.com:8443/a"
    assert n("http://example.com:443/a") == "http://example.com:443/a"  # not the default port for http
    assert n("https://EXAMPLE.com/A?b=2&a=1") == "https://example.com/A?a=1&b=2"
    assert n("https://example.com") == "https://example.com/"


# --- bounded gunzip ----------------------------------------------------------------------------

def test_decode_html_refuses_a_gzip_bomb_beyond_max_bytes():
    from newsmon.crawlers.extract.encoding import decode_html

    page = "<html><body><p>Астана</p></body></html>".encode() + b" " * 5_000_000
    packed = gzip.compress(page, compresslevel=9)
    assert len(packed) < 20_000
    with pytest.raises(ValueError):
        decode_html(packed, "text/html; charset=utf-8", max_bytes=1_000_000)
    text, encoding = decode_html(packed, "text/html; charset=utf-8", max_bytes=6_000_000)
    assert "Астана" in text and encoding == "utf-8"


def test_parse_document_inflates_gzipped_sitemaps_within_max_bytes():
    from newsmon.crawlers.feeds import FeedError, parse_document

    entries, _, _ = parse_document(news_sitemap("https://kun.uz", ["/статья"]), "sitemap", 100_000)
    assert [e.url for e in entries] == ["https://kun.uz/статья"] and entries[0].language == "ru"
    with pytest.raises(FeedError) as exc:
        parse_document(bomb(2_000_000), "sitemap", 100_000)
    assert exc.value.kind == "feed_too_large"
