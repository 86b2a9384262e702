"""End to end over the fixture news web: crawl → load → dedupe → alert with the real CLI,
then check DuckDB field by field against tests/newsweb/site/expected.json."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.newsweb import NewsWeb
from tests.textmetrics import leaked, token_f1

DATE = "2026-11-22"
NEWSMON = [sys.executable, "-m", "newsmon.cli"]


def crawl_config(web: NewsWeb, workdir: Path, extra: str = "") -> Path:
    base = (REPO / "newsmon.toml").read_text(encoding="utf-8").split("# --- Sources")[0]
    base = (base.replace("download_delay = 1.0", "download_delay = 0")
                .replace("timeout = 20 ", "timeout = 4 ")
                .replace("retry_times = 3 ", "retry_times = 1 ")
                .replace("retry_backoff = 1.0", "retry_backoff = 0.2"))
    path = workdir / "newsmon.toml"
    path.write_text(base + extra + "\n" + web.sources_toml(), encoding="utf-8")
    return path


def cli(workdir: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    proc = subprocess.run([*NEWSMON, *args], cwd=workdir, capture_output=True, text=True, timeout=600)
    if check and proc.returncode != 0:
        raise AssertionError(f"newsmon {' '.join(args)} exited {proc.returncode}\n{proc.stdout}\n{proc.stderr}")
    return proc


def sql(workdir: Path, query: str) -> list[dict]:
    return json.loads(cli(workdir, "sql", query, "--format", "json").stdout)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    workdir = tmp_path_factory.mktemp("newsmon-e2e")
    with NewsWeb() as web:
        crawl_config(web, workdir)
        first = cli(workdir, "run", "--date", DATE)
        requests_after_first = len(web.requests)
        second = cli(workdir, "run", "--date", DATE)
        yield {"web": web, "dir": workdir, "first": first, "second": second,
               "second_requests": web.requests[requests_after_first:], "expected": web.expected()}


def _stored(site) -> dict[str, dict]:
    rows = sql(site["dir"], "SELECT * FROM articles")
    return {r["canonical_url"]: r for r in rows}


def _articles(site):
    return [e for e in site["expected"] if e.get("kind") == "article" and not e.get("fault") and not e.get("offsite")]


def test_every_article_is_stored_once_under_its_canonical_url(site):
    stored = _stored(site)
    want = {e["canonical_url"] for e in _articles(site)}
    assert want <= set(stored), sorted(want - set(stored))
    assert set(stored) == want, sorted(set(stored) - want)  # nothing else: no tag pages, no utm duplicates


@pytest.mark.parametrize("field", ["title", "published_at", "date_precision", "authors", "language", "relevant"])
def test_fields_match_the_page_exactly(site, field):
    stored = _stored(site)
    wrong = []
    for e in _articles(site):
        got = stored[e["canonical_url"]][field]
        want = e[field]
        if field == "published_at" and want is not None:
            want = want.replace("T", " ").removesuffix("Z")
        if got != want:
            wrong.append((e["outlet"], e["canonical_path"], got, want))
    assert not wrong, "\n".join(map(str, wrong))


def test_bodies_are_clean(site):
    stored = _stored(site)
    problems = []
    for e in _articles(site):
        text = stored[e["canonical_url"]]["text"]
        f1 = token_f1(text, e["body"])
        leaks = leaked(text, e.get("clutter", []))
        if f1 < 0.97 or leaks:
            problems.append((e["outlet"], e["canonical_path"], round(f1, 3), leaks))
    assert not problems, "\n".join(map(str, problems))


def test_faults_are_recorded_per_source_and_kind(site):
    rows = sql(site["dir"], "SELECT source, errors FROM source_runs WHERE run_id = (SELECT min(run_id) FROM crawl_runs)")
    errors = {r["source"]: json.loads(r["errors"]) for r in rows}
    oasis = errors["oasis-news"]
    for kind in ("http_404", "timeout", "redirect_loop", "too_large", "no_article"):
        assert oasis.get(kind) == 1, (kind, oasis)
    assert errors["oasis-news-archive"] == {"feed_http_5xx": 1}
    assert "hostile_feed" in errors["oasis-news-partners"]
    assert errors["steppe-daily"].get("robots_disallowed") == 1
    assert "root:" not in json.dumps(sql(site["dir"], "SELECT title, text FROM articles"))  # XXE never resolved


def test_second_run_fetches_nothing_stored_and_adds_nothing(site):
    article_paths = {e["path"] for e in _articles(site)} | {e["canonical_path"] for e in _articles(site)}
    refetched = [r for r in site["second_requests"] if r["path"] in article_paths]
    assert not refetched
    feeds = [r for r in site["second_requests"] if r["path"] == "/feed/" and r["outlet"] == "asiawire"]
    assert feeds and feeds[0]["status"] == 304 and "If-None-Match" in feeds[0]["headers"]
    counts = sql(site["dir"], "SELECT (SELECT count(*) FROM articles) a, (SELECT count(*) FROM events) e, (SELECT count(*) FROM alerts) al")[0]
    assert counts["a"] == len(_articles(site))
    runs = sql(site["dir"], "SELECT run_id, articles_stored FROM crawl_runs ORDER BY run_id")
    assert len(runs) == 2 and runs[1]["articles_stored"] == 0


def test_irrelevant_stories_are_counted_not_covered(site):
    rows = sql(site["dir"], "SELECT title FROM articles WHERE NOT relevant")
    assert sorted(r["title"] for r in rows) == sorted(e["title"] for e in _articles(site) if not e["relevant"])
    assert not sql(site["dir"], "SELECT * FROM event_articles JOIN articles USING (article_id) WHERE NOT relevant")


def test_seed_pair_and_its_russian_versions_are_one_event_with_afp_canonical(site):
    rows = sql(site["dir"], """
        SELECT e.event_id, ca.source AS canonical_source, list_sort(list(a.source)) AS sources, e.languages
        FROM events e JOIN articles ca ON ca.article_id = e.canonical_article_id
        JOIN event_articles ea ON ea.event_id = e.event_id JOIN articles a ON a.article_id = ea.article_id
        WHERE e.event_id IN (SELECT ea2.event_id FROM event_articles ea2 JOIN articles a2 USING (article_id)
                             WHERE a2.title = 'Japan sets five-year $19 billion business push into Central Asia')
        GROUP BY ALL""")
    assert len(rows) == 1
    want = sorted(e["outlet"] for e in _articles(site) if e["event"] == "japan-ca-summit-2026")
    assert rows[0]["sources"] == want and rows[0]["canonical_source"] == "asiawire" and rows[0]["languages"] == ["en", "ru"]


def test_events_match_the_labels(site):
    """Every labelled happening is one event and no two happenings share one (held-out data)."""
    stored = _stored(site)
    members = sql(site["dir"], "SELECT a.canonical_url, ea.event_id FROM event_articles ea JOIN articles a USING (article_id)")
    event_of = {m["canonical_url"]: m["event_id"] for m in members}
    gold = {e["canonical_url"]: e["event"] for e in _articles(site) if e["relevant"]}
    assert set(gold) == set(event_of)
    by_gold: dict[str, set] = {}
    for url, label in gold.items():
        by_gold.setdefault(label, set()).add(event_of[url])
    split = {k: v for k, v in by_gold.items() if len(v) > 1}
    merged = {}
    for url, ev in event_of.items():
        merged.setdefault(ev, set()).add(gold[url])
    merged = {k: v for k, v in merged.items() if len(v) > 1}
    assert not split and not merged, (split, merged)


def test_one_summit_alert_per_event_not_per_rewrite(site):
    alerts = sql(site["dir"], "SELECT rule, event_id, channel, status FROM alerts ORDER BY event_id, channel")
    summit_events = {a["event_id"] for a in alerts if a["rule"] == "summit"}
    assert all(a["status"] == "sent" for a in alerts)
    assert len(alerts) == 2 * len(summit_events)  # log + file, once each
    lines = [json.loads(l) for l in (site["dir"] / "data" / "alerts.jsonl").read_text(encoding="utf-8").splitlines()]
    japan = [l for l in lines if l["title"] == "Japan sets five-year $19 billion business push into Central Asia"]
    assert len(japan) == 1 and len(japan[0]["articles"]) == 5
    assert "ALERT" not in site["second"].stdout


def test_run_summary_names_sources_and_errors(site):
    out = site["first"].stderr + site["first"].stdout
    for name in ("asiawire", "oasis-news", "redirect_loop"):
        assert name in out


def test_retry_after_is_honoured(site):
    web = site["web"]
    for e in site["expected"]:
        if e.get("outlet") != "oasis-news" or e.get("kind") != "article" or e.get("fault"):
            continue
        hits = [r for r in web.requests if r["outlet"] == "oasis-news" and r["path"] == e["path"]]
        if len(hits) >= 2 and hits[0]["status"] in (429, 503):
            assert hits[1]["status"] == 200 and hits[1]["time"] - hits[0]["time"] >= 0.9
            break
    else:
        pytest.fail("no 429/503 page with Retry-After was fetched twice")


def test_events_command_lists_outlets_and_languages(site):
    rows = json.loads(cli(site["dir"], "events", "--date", "2026-11-21", "--format", "json").stdout)
    japan = next(r for r in rows if r["title"].startswith("Japan sets five-year"))
    assert japan["outlets"] == 5 and japan["languages"] == ["en", "ru"] and "KZ" in japan["countries"]
