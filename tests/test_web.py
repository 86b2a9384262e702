"""The read-only web view over HTTP: every page, bad inputs, escaping, security headers, search in
both languages (HTML and JSON), and answering while a pipeline step holds the write lock."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest
from starlette.testclient import TestClient

from tests.synthetic_warehouse import fake_query_embedder, make_small

EMBED = fake_query_embedder({"summit": "summit", "саммит": "summit", "метро": "metro", "metro": "metro"})


@pytest.fixture()
def site(tmp_path):
    from newsmon.web.app import create_app

    cfg, filled = make_small(tmp_path)
    return TestClient(create_app(cfg, EMBED, db_wait=0.3)), filled, cfg


def test_today_is_the_digest_with_a_date_picker(site):
    client, filled, _ = site
    r = client.get("/?date=2026-11-21")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert '<input type="date" name="date" value="2026-11-21"' in r.text
    assert f'href="/event/{filled.events["summit"]}"' in r.text and "Japan and Central Asia hold first summit in Tokyo" in r.text
    assert "Япония и страны Центральной Азии провели первый саммит в Токио" in r.text
    assert "<svg" in r.text and '/?date=2026-11-20' in r.text and '/?date=2026-11-22' in r.text
    assert "Storyline:" in r.text and f'href="/storyline/{filled.storylines["summit"]}"' in r.text
    empty = client.get("/?date=2026-01-01")
    assert empty.status_code == 200 and "Nothing new" in empty.text and "latest day with coverage" in empty.text
    assert client.get("/").status_code == 200  # today, UTC


def test_event_page_shows_members_side_by_side_with_why_they_joined(site):
    client, filled, _ = site
    r = client.get(f"/event/{filled.events['summit']}")
    assert r.status_code == 200
    assert r.text.count('class="member') == 4
    for source in ("wire-en", "steppe", "kuryer", "dolina"):
        assert f"<b>{source}</b>" in r.text
    assert "Canonical article" in r.text and "opened the event" in r.text
    assert "matched on text similarity" in r.text and "similarity to the canonical <span class=\"score\">0.910" in r.text
    assert "shared with the canonical: Takaichi, Tokyo" in r.text
    assert "Canonical text" in r.text and "Coverage of this event" in r.text
    assert "Part of storyline" in r.text


def test_search_finds_events_across_languages(site):
    client, filled, _ = site
    ru = client.get("/search", params={"q": "саммит в Токио"})
    assert ru.status_code == 200 and f'href="/event/{filled.events["summit"]}"' in ru.text
    j = client.get("/search.json", params={"q": "Tokyo summit"}).json()
    assert j["events"][0]["event_id"] == filled.events["summit"] and j["count"] >= 1
    assert j["events"][0]["semantic"] > 0.9 and "meaning" in j["mode"]
    assert j["events"][0]["url"] == f"/event/{filled.events['summit']}"
    kw = client.get("/search.json", params={"q": "электробусов"}).json()  # keyword only: Russian title word
    assert [e["event_id"] for e in kw["events"]] == [filled.events["ebus"]]
    assert client.get("/search").status_code == 200  # empty form
    assert client.get("/search.json", params={"q": ""}).json()["count"] == 0


def test_search_without_a_query_embedder_uses_keywords_and_names(tmp_path):
    from newsmon.web.app import create_app

    cfg, filled = make_small(tmp_path)
    client = TestClient(create_app(cfg, None))
    j = client.get("/search.json", params={"q": "Токио"}).json()  # gazetteer: Токио = Tokyo
    assert filled.events["summit"] in [e["event_id"] for e in j["events"]] and "only" in j["mode"]


def test_sources_storylines_and_digest_pages(site):
    client, filled, _ = site
    src = client.get("/sources")
    assert src.status_code == 200 and "wire-en" in src.text and "feed_http_5xx=1" in src.text and "last run failed" in src.text
    sl = client.get("/storylines")
    assert sl.status_code == 200 and f'/storyline/{filled.storylines["summit"]}' in sl.text
    one = client.get(f"/storyline/{filled.storylines['summit']}")
    assert one.status_code == 200 and "Japanese firms sign deals" in one.text and "shared: Tokyo" in one.text
    dg = client.get("/digest?date=2026-11-21")
    assert dg.status_code == 200 and dg.text.startswith("<!DOCTYPE html>") and "newsmon daily digest" in dg.text
    assert client.get("/healthz").json()["ok"] is True


@pytest.mark.parametrize("url,status", [
    ("/?date=2026-13-01", 400), ("/?date=yesterday", 400), ("/?date=1999-01-01", 400), ("/?date=2026-11-21%00", 400),
    ("/digest?date='; DROP TABLE events;--", 400),
    ("/event/abc", 404), ("/event/-1", 404), ("/event/99999999999999999999999", 404), ("/event/424242", 404),
    ("/storyline/x", 404), ("/storyline/424242", 404), ("/nope", 404), ("/event/1/../../etc/passwd", 404),
    ("/search?q=" + "x" * 201, 400), ("/search?q=a&limit=0", 400), ("/search?q=a&limit=abc", 400),
])
def test_bad_inputs_get_a_clear_page_never_a_stack_trace(site, url, status):
    client, _, _ = site
    r = client.get(url)
    assert r.status_code == status
    assert "Traceback" not in r.text and "duckdb" not in r.text.lower()
    assert "newsmon" in r.text


def test_bad_json_inputs_answer_json(site):
    client, _, _ = site
    r = client.get("/search.json", params={"q": "x" * 300})
    assert r.status_code == 400 and "too long" in r.json()["error"]
    assert client.get("/search.json", params={"q": "a", "limit": "1000"}).status_code == 400


def test_read_only_methods_and_security_headers(site):
    client, _, _ = site
    assert client.post("/search", data={"q": "x"}).status_code == 405
    r = client.get("/?date=2026-11-21")
    assert "default-src 'none'" in r.headers["content-security-policy"]
    assert r.headers["x-content-type-options"] == "nosniff" and r.headers["x-frame-options"] == "DENY"
    assert client.get("/nope").headers["referrer-policy"] == "no-referrer"


def test_output_is_escaped(tmp_path):
    from newsmon.web.app import create_app

    cfg, filled = make_small(tmp_path, hostile=True)
    client = TestClient(create_app(cfg, EMBED))
    for url in ("/?date=2026-11-21", f"/event/{filled.events['metro']}", "/search?q=metro"):
        r = client.get(url)
        assert r.status_code == 200
        assert '<script>alert("x")</script>' not in r.text and "&lt;script&gt;" in r.text, url
        assert "javascript:" not in r.text
    q = client.get("/search", params={"q": '"><script>alert(1)</script>'})
    assert q.status_code == 200 and "<script>alert(1)</script>" not in q.text


def test_missing_warehouse_says_so(tmp_path):
    from newsmon.core.config import load_config
    from newsmon.web.app import create_app
    from tests.synthetic_warehouse import config_text

    (tmp_path / "newsmon.toml").write_text(config_text(tmp_path / "none.duckdb"), encoding="utf-8")
    client = TestClient(create_app(load_config(tmp_path / "newsmon.toml"), None))
    r = client.get("/")
    assert r.status_code == 503 and "No warehouse yet" in r.text and "Traceback" not in r.text


def test_keeps_answering_while_a_pipeline_step_writes(tmp_path):
    """Another process holds DuckDB's write lock: pages already seen are served from the last
    snapshot with an 'updating' banner, new ones say 'updating' (503); afterwards, fresh pages."""
    from newsmon.web.app import create_app

    cfg, filled = make_small(tmp_path)
    client = TestClient(create_app(cfg, EMBED, db_wait=0.3))
    assert client.get("/?date=2026-11-21").status_code == 200
    writer = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import duckdb, sys, time
        con = duckdb.connect({str(cfg.storage.db)!r})
        con.execute("UPDATE events SET title = 'Renamed by the writer' WHERE event_id = {filled.events['metro']}")
        print("locked", flush=True)
        sys.stdin.readline()
        con.close()
    """)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout.readline().strip() == "locked"
        stale = client.get("/?date=2026-11-21")
        assert stale.status_code == 200 and "The pipeline is updating the warehouse" in stale.text
        busy = client.get(f"/event/{filled.events['summit']}")
        assert busy.status_code == 503 and "Updating" in busy.text and busy.headers["retry-after"] == "5"
        assert client.get("/search.json?q=summit").status_code == 503
    finally:
        writer.stdin.write("\n")
        writer.stdin.flush()
        writer.wait(timeout=30)
    fresh = client.get("/?date=2026-11-21")
    assert fresh.status_code == 200 and "updating" not in fresh.text.lower() and "Renamed by the writer" in fresh.text


def test_serve_binds_localhost_by_default():
    import inspect

    from newsmon import cli
    from newsmon.web.app import serve

    assert inspect.signature(serve).parameters["host"].default == "127.0.0.1"
    assert "127.0.0.1" in str(inspect.signature(cli.serve).parameters["host"].default)
