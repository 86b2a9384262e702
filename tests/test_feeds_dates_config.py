"""Feed/sitemap parsing (incl. hostile XML), date parsing, config validation."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest

from newsmon.crawlers.extract.dates import parse_machine_date, parse_visible_date
from newsmon.crawlers.feeds import FeedError, parse_feed, parse_sitemap
from newsmon.core.config import ConfigError, load_config

RSS = b"""<?xml version="1.0" encoding="utf-8"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>
<item><title>A</title><link>https://x.kz/a</link><pubDate>Sat, 21 Nov 2026 07:40:00 +0000</pubDate><dc:creator>Ann Lee</dc:creator></item>
<item><title>B</title><guid>https://x.kz/b</guid></item></channel></rss>"""
ATOM = b"""<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>C</title><link rel="alternate" href="https://x.kz/c"/>
<published>2026-11-21T14:05:00+05:00</published><author><name>Bo</name></author></entry></feed>"""
NEWS_SITEMAP = b"""<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>https://x.kz/d</loc><news:news><news:publication><news:language>ru</news:language></news:publication>
<news:publication_date>2026-11-21T10:00:00+05:00</news:publication_date><news:title>D</news:title></news:news></url></urlset>"""
INDEX = b"""<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>https://x.kz/news.xml</loc></sitemap></sitemapindex>"""
XXE = b"""<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><rss><channel><item><title>&xxe;</title><link>https://x.kz/e</link></item></channel></rss>"""


def test_rss_and_atom_entries():
    entries, repaired = parse_feed(RSS)
    assert not repaired
    assert [(e.url, e.title, e.published, e.authors) for e in entries] == [
        ("https://x.kz/a", "A", "Sat, 21 Nov 2026 07:40:00 +0000", ["Ann Lee"]), ("https://x.kz/b", "B", None, [])]
    (c,), _ = parse_feed(ATOM)
    assert (c.url, c.published, c.authors) == ("https://x.kz/c", "2026-11-21T14:05:00+05:00", ["Bo"])


def test_news_sitemap_and_index():
    entries, children, _ = parse_sitemap(NEWS_SITEMAP)
    assert [(e.url, e.title, e.published, e.language) for e in entries] == [("https://x.kz/d", "D", "2026-11-21T10:00:00+05:00", "ru")]
    assert parse_sitemap(INDEX)[1] == ["https://x.kz/news.xml"]


def test_hostile_and_broken_feeds_are_refused_with_a_kind():
    with pytest.raises(FeedError) as exc:
        parse_feed(XXE)
    assert exc.value.kind == "hostile_feed"
    with pytest.raises(FeedError) as exc:
        parse_feed(b"<html><body>Not found</body></html>")
    assert exc.value.kind == "not_a_feed"
    with pytest.raises(FeedError) as exc:
        parse_feed(b"\x00\x01garbage")
    assert exc.value.kind == "malformed_feed"


def test_truncated_feed_recovers_complete_entries():
    entries, repaired = parse_feed(RSS[: RSS.index(b"<item><title>B")] + b"<item><title>B</tit")
    assert repaired and [e.url for e in entries] == ["https://x.kz/a"]


@pytest.mark.parametrize("text,zone,iso,precision", [
    ("21 ноября 2026, 14:05", "Asia/Almaty", "2026-11-21T09:05:00Z", "minute"),
    ("Опубликовано 21.11.2026 в 17:45", "Asia/Bishkek", "2026-11-21T11:45:00Z", "minute"),
    ("Nov 21, 2026 2:05 PM", "Asia/Tashkent", "2026-11-21T09:05:00Z", "minute"),
    ("21 November 2026", "Asia/Almaty", "2026-11-21T00:00:00Z", "day"),
    ("2 мая 2026 г.", "Europe/Moscow", "2026-05-02T00:00:00Z", "day"),
    ("November 21, 2026 at 2:05 pm", "Asia/Almaty", "2026-11-21T09:05:00Z", "minute"),
    ("21 Nov 2026, 14:05 GMT+3", "Asia/Almaty", "2026-11-21T11:05:00Z", "minute"),   # the page's own offset wins
    ("21-noyabr 2026 yil, 14:05", "Asia/Tashkent", "2026-11-21T09:05:00Z", "minute"),  # Uzbek Latin
    ("21 қараша 2026 ж. 14:05", "Asia/Almaty", "2026-11-21T09:05:00Z", "minute"),       # Kazakh
    ("Обновлено 2026-11-21 14:05", "Asia/Bishkek", "2026-11-21T08:05:00Z", "minute"),
    ("2026 жылғы 5 желтоқсан, 14:30", "Asia/Almaty", "2026-12-05T09:30:00Z", "minute"),  # Kazakh, year first
    ("2026-yil 5-dekabr, soat 14:30", "Asia/Tashkent", "2026-12-05T09:30:00Z", "minute"),  # Uzbek, year first
    ("5-dekabr, 2026-yil 14:30", "Asia/Tashkent", "2026-12-05T09:30:00Z", "minute"),       # hyphenated year word
    ("2026-жылдын 5-декабры саат 14:30", "Asia/Bishkek", "2026-12-05T08:30:00Z", "minute"),  # Kyrgyz
    ("5-декабрь, 2026-жыл 14:30", "Asia/Bishkek", "2026-12-05T08:30:00Z", "minute"),
    ("5 декабри соли 2026, 14:30", "Asia/Dushanbe", "2026-12-05T09:30:00Z", "minute"),     # Tajik
    ("Top 10 2026 films", "Asia/Almaty", None, None),
    ("Сегодня, 14:05 | 3 комментария", "Asia/Almaty", None, None),                      # no absolute date: none
])
def test_visible_dates_keep_the_minute_and_convert_to_utc(text, zone, iso, precision):
    found = parse_visible_date(text, ZoneInfo(zone))
    assert (found.iso() if found else None, found.precision if found else None) == (iso, precision)


def test_machine_dates():
    z = ZoneInfo("UTC")
    assert parse_machine_date("2026-11-21T14:05:00+05:00", z, "jsonld").iso() == "2026-11-21T09:05:00Z"
    assert parse_machine_date("Sat, 21 Nov 2026 07:40:00 +0000", z, "feed").iso() == "2026-11-21T07:40:00Z"
    assert parse_machine_date("2026-11-21", z, "meta").precision == "day"
    assert parse_machine_date("not a date", z, "meta") is None


def test_invalid_config_gives_readable_error(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('[relevance]\nterms=["Kazakhstan"]\n[[sources]]\nname="x y"\nurl="ftp://a"\nkind="atom"\n')
    with pytest.raises(ConfigError) as exc:
        load_config(bad)
    msg = str(exc.value)
    assert "sources.0.name" in msg and "sources.0.feeds.0.url" in msg and "sources.0.feeds.0.kind" in msg
    with pytest.raises(ConfigError, match="not found"):
        load_config(tmp_path / "missing.toml")
    (tmp_path / "broken.toml").write_text("[storage\n")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_config(tmp_path / "broken.toml")


def test_default_config_is_valid(default_cfg):
    assert len(default_cfg.sources) >= 9 and any(a.name == "summit" for a in default_cfg.alerts)


def test_html_entities_and_xml_base_in_feeds():
    """Russian-language feeds print HTML's named entities (&laquo; &nbsp;), which XML does not define,
    in titles and in CDATA; Atom may give links relative to xml:base. Titles read as text, links
    resolved, a query's "&copy=2" left alone, and the document counts as sound (not repaired)."""
    rss = ('<?xml version="1.0"?><rss version="2.0"><channel>'
           '<item><title>Tokayev&nbsp;visits &laquo;Astana&raquo; &amp; more</title><link>https://x.kz/e?a=1&amp;copy=2</link></item>'
           '<item><title><![CDATA[Саммит &laquo;ЦА&raquo;: AT&T]]></title><link>https://x.kz/f</link></item>'
           '</channel></rss>').encode()
    entries, repaired = parse_feed(rss)
    assert not repaired
    assert [(e.url, e.title) for e in entries] == [("https://x.kz/e?a=1&copy=2", "Tokayev\xa0visits «Astana» & more"),
                                                   ("https://x.kz/f", "Саммит «ЦА»: AT&T")]
    atom = (b'<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://x.kz/news/"><entry><title>C</title>'
            b'<link href="c.html"/></entry></feed>')
    assert [e.url for e in parse_feed(atom)[0]] == ["https://x.kz/news/c.html"]
