"""`newsmon sources check` against a real HTTP site on 127.0.0.1: one feed per verdict, through the
real CLI; and the default source list (grouped by country, evidence per source, valid URLs and zones)."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.conftest import REPO
from tests.localsite import LocalSite, Page, Redirect, article_html, base_config, rss

NEWSMON = [sys.executable, "-m", "newsmon.cli"]
NOW = datetime.now(UTC).replace(microsecond=0)
RSS = "application/rss+xml; charset=utf-8"
XML = "application/xml"


def _items(prefix: str, age: timedelta, n: int = 2) -> list[tuple[str, str, str]]:
    return [(f"{prefix} story {i}", f"/{prefix}/story-{i}", format_datetime(NOW - age - timedelta(hours=i)))
            for i in range(n)]


def _articles(prefix: str, age: timedelta, n: int = 2) -> dict[str, Page]:
    return {f"/{prefix}/story-{i}": Page(article_html(f"{prefix} story {i}", (NOW - age).isoformat()))
            for i in range(n)}


def _sitemap_gz(locs: list[str]) -> bytes:
    urls = "".join(f"<url><loc>{loc}</loc><lastmod>{(NOW - timedelta(hours=2)).isoformat()}</lastmod></url>"
                   for loc in locs)
    return gzip.compress(f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                         f'{urls}</urlset>'.encode())


def routes() -> dict[str, Page | Redirect]:
    fresh, stale = timedelta(hours=1), timedelta(days=40)
    r: dict[str, Page | Redirect] = {
        "/robots.txt": Page("User-agent: *\nDisallow: /private/\n", "text/plain"),
        "/good/feed.xml": Page(rss(_items("good", fresh)), RSS),
        "/old/feed.xml": Redirect("/new/feed.xml", 301),         # moved for good
        "/new/feed.xml": Page(rss(_items("new", fresh)), RSS),
        "/mirror/feed.xml": Redirect("/good/feed.xml", 302),     # a temporary redirect is not a move
        "/empty/feed.xml": Page(rss([]), RSS),
        "/stale/feed.xml": Page(rss(_items("stale", stale)), RSS),
        "/private/feed.xml": Page(rss(_items("good", fresh)), RSS),
        "/broken/feed.xml": Page("<html><body><h1>Our feeds</h1><p>Subscribe!</p></body></html>", RSS),
        "/noart/feed.xml": Page(rss(_items("missing", fresh)), RSS),  # its articles answer 404
        "/sitemap.xml.gz": Page(gzip.compress(b'<?xml version="1.0"?><sitemapindex '
                                              b'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                                              b'<sitemap><loc>/news-1.xml.gz</loc></sitemap></sitemapindex>'),
                                "application/gzip"),
        "/news-1.xml.gz": Page(_sitemap_gz(["/good/story-0", "/good/story-1"]), "application/gzip"),
    }
    for prefix, age in (("good", fresh), ("new", fresh), ("stale", stale)):
        r.update(_articles(prefix, age))
    return r


# source name -> (feed path, kind, expected verdict)
CASES = {
    "good": ("/good/feed.xml", "rss", "ok"),
    "dead": ("/gone/feed.xml", "rss", "dead"),
    "moved": ("/old/feed.xml", "rss", "moved"),
    "mirrored": ("/mirror/feed.xml", "rss", "ok"),
    "empty": ("/empty/feed.xml", "rss", "empty"),
    "stale": ("/stale/feed.xml", "rss", "stale"),
    "private": ("/private/feed.xml", "rss", "robots"),
    "broken": ("/broken/feed.xml", "rss", "malformed"),
    "noart": ("/noart/feed.xml", "rss", "no_articles"),
    "gz-sitemap": ("/sitemap.xml.gz", "sitemap", "ok"),
}


def write_config(site: LocalSite, workdir: Path) -> Path:
    blocks = []
    for name, (path, kind, _) in CASES.items():
        blocks.append(f'[sources.KZ.{name}]\nurl = "{site.url(path)}"\nkind = "{kind}"\nlanguage = "en"\n'
                      f'timezone = "Asia/Almaty"\nevidence = "fixture"\n')
    blocks.append(f'[sources.regional.switched-off]\nurl = "{site.url("/gone/off.xml")}"\nenabled = false\n')
    path = workdir / "newsmon.toml"
    path.write_text(base_config() + "\n" + "\n".join(blocks), encoding="utf-8")
    return path


def check(workdir: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*NEWSMON, "sources", "check", "--config", str(workdir / "newsmon.toml"), *args],
                          cwd=workdir, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def probed(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("sources-check")
    with LocalSite(routes()) as site:
        write_config(site, workdir)
        proc = check(workdir, "--format", "json")
        yield {"site": site, "dir": workdir, "proc": proc, "rows": {r["source"]: r for r in json.loads(proc.stdout)}}


@pytest.mark.parametrize("name", list(CASES))
def test_each_feed_gets_its_verdict(probed, name):
    row = probed["rows"][name]
    assert row["verdict"] == CASES[name][2], row


def test_exit_status_is_3_when_any_feed_is_not_ok(probed):
    assert probed["proc"].returncode == 3, probed["proc"].stderr
    assert "10 feed(s) probed: 3 ok, 7 not ok" in probed["proc"].stderr


def test_disabled_sources_are_probed_only_when_named(probed):
    assert "switched-off" not in probed["rows"]
    proc = check(probed["dir"], "--source", "switched-off", "--format", "json")
    assert proc.returncode == 3
    assert [r["verdict"] for r in json.loads(proc.stdout)] == ["dead"]


def test_details_say_what_to_do(probed):
    rows = probed["rows"]
    assert rows["dead"]["status"] == 404 and rows["dead"]["detail"] == "HTTP 404"
    assert "/new/feed.xml" in rows["moved"]["detail"] and "update the config" in rows["moved"]["detail"]
    assert "temporary redirect" in rows["mirrored"]["detail"]
    assert rows["stale"]["detail"].startswith("newest entry is 40 days old")
    assert rows["good"]["entries"] == 2 and rows["good"]["articles"] == "2/2" and rows["good"]["robots"] == "allowed"
    assert rows["gz-sitemap"]["entries"] == 2 and rows["gz-sitemap"]["articles"] == "2/2"
    assert rows["noart"]["articles"] == "0/2" and "HTTP 404" in rows["noart"]["detail"]
    assert rows["broken"]["detail"].startswith("not_a_feed")
    assert rows["empty"]["entries"] == 0
    newest = datetime.strptime(rows["good"]["newest"], "%Y-%m-%d %H:%M").replace(tzinfo=UTC)
    assert abs(newest - (NOW - timedelta(hours=1))) < timedelta(minutes=2)


def test_robots_disallowed_feed_is_never_fetched(probed):
    assert probed["rows"]["private"]["status"] is None
    assert probed["site"].hits("/private/feed.xml") == 0


def test_all_ok_exits_0_with_a_table(probed):
    proc = check(probed["dir"], "--source", "good", "--source", "gz-sitemap", "--source", "mirrored")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "feed check" in proc.stdout and "good" in proc.stdout and "3 ok, 0 not ok" in proc.stderr


def test_the_table_fits_80_columns_and_never_cuts_a_url_or_a_detail(probed):
    """Ten columns do not fit a terminal: the short ones in the table, each feed's URL, robots.txt
    answer and detail on a line of its own, whole."""
    proc = check(probed["dir"])
    assert proc.returncode == 3
    lines = proc.stdout.splitlines()
    table = lines[:next(i for i, l in enumerate(lines) if not l.strip() and i > 3)]
    assert all(len(l) <= 80 for l in table), table
    for name, row in probed["rows"].items():
        assert any(l.split() and l.split()[0] == name and row["verdict"] in l.split() for l in table), (name, table)
        assert f"{name}: {row['feed']}  robots: {row['robots'] or '-'}" + (f"  {row['detail']}" if row["detail"] else "") \
            in proc.stdout


def test_stale_days_and_sample_options(probed):
    proc = check(probed["dir"], "--source", "stale", "--stale-days", "60", "--format", "json")
    assert proc.returncode == 0 and json.loads(proc.stdout)[0]["verdict"] == "ok"
    before = probed["site"].hits("/missing/story-0")
    proc = check(probed["dir"], "--source", "noart", "--sample", "0", "--format", "csv")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.splitlines()[0].startswith("source,feed,kind,status")
    assert probed["site"].hits("/missing/story-0") == before  # --sample 0 fetches no article


def test_unknown_source_or_format_exits_2(probed):
    assert check(probed["dir"], "--source", "nope").returncode == 2
    assert check(probed["dir"], "--format", "xml").returncode == 2


# --- The default source list -------------------------------------------------------------------

def test_default_sources_are_grouped_by_country_with_evidence(default_cfg):
    import tomllib

    raw = tomllib.loads((REPO / "newsmon.toml").read_text(encoding="utf-8"))["sources"]
    assert isinstance(raw, dict) and set(raw) <= {"regional", "KZ", "KG", "TJ", "TM", "UZ"}
    assert {"KZ", "KG", "TJ", "UZ", "regional"} <= set(raw)
    zones = {"KZ": "Asia/Almaty", "KG": "Asia/Bishkek", "TJ": "Asia/Dushanbe", "TM": "Asia/Ashgabat",
             "UZ": "Asia/Tashkent"}
    for s in default_cfg.sources:
        assert s.evidence and s.evidence.startswith(("confirmed", "plausible", "ru:", "uz:")), s.name
        if s.country:
            assert s.timezone == zones[s.country], s.name
        for f in s.feeds:
            assert f.language or s.language, (s.name, f.url)
    names = {s.name for s in default_cfg.sources}
    new = {"kursiv", "vlast", "kloop", "cabar-asia", "podrobno-uz", "uzdaily", "spot-uz", "uza", "sputnik-kg",
           "sputnik-tj"}
    assert new <= names
    assert len({(s.name, f.url) for s in default_cfg.sources for f in s.feeds}) >= 24


def test_the_three_contradicted_feeds_are_fixed(default_cfg):
    urls = {s.name: [f.url for f in s.feeds] for s in default_cfg.sources}
    assert urls["eurasianet"] == ["https://eurasianet.org/rss"]
    assert urls["akipress"] == ["https://akipress.com/rss/en.rss"]
    kazinform = default_cfg.source("kazinform")
    assert kazinform.feeds[0].url.startswith("https://qazinform.com/") and not kazinform.enabled
    assert "untested" in kazinform.evidence
    all_urls = [u for us in urls.values() for u in us]
    assert not any("inform.kz" in u or u.endswith("rss.xml") or "news_en.rss" in u for u in all_urls)


def test_sources_with_two_languages_have_two_feeds(default_cfg):
    for name, langs in {"24kg": {"ru", "en"}, "asia-plus": {"ru", "en"}, "spot-uz": {"uz", "ru"}}.items():
        assert {f.language for f in default_cfg.source(name).feeds} == langs, name


def test_kazakhstan_is_utc_plus_5():
    """Kazakhstan moved to one zone, UTC+5, on 1 March 2024; older tzdata says +6 for Almaty."""
    assert ZoneInfo("Asia/Almaty").utcoffset(datetime(2026, 12, 2)) == timedelta(hours=5)
