"""Source health: a fixture outlet goes silent, then changes layout; `sources --unhealthy` names it."""

from __future__ import annotations

import json

import duckdb

from tests.newsweb import NewsWeb
from tests.test_crawl_e2e import cli, crawl_config


def unhealthy(workdir) -> dict[str, str]:
    proc = cli(workdir, "sources", "--unhealthy", "--format", "json", check=False)
    assert proc.returncode in (0, 3), proc.stderr
    return {r["source"]: r["health"] for r in json.loads(proc.stdout)}


def test_silent_then_redesigned_source_is_flagged(tmp_path):
    with NewsWeb() as web:
        crawl_config(web, tmp_path)
        cli(tmp_path, "run", "--date", "2026-11-22", "--source", "steppe-daily")
        assert unhealthy(tmp_path) == {}
        web.switch("steppe-daily", "silent")
        for day in ("2026-11-23", "2026-11-24"):
            cli(tmp_path, "run", "--date", day, "--source", "steppe-daily", check=False)
        assert "steppe-daily" not in unhealthy(tmp_path)  # two quiet days are not yet silence
        cli(tmp_path, "run", "--date", "2026-11-25", "--source", "steppe-daily", check=False)
        flagged = unhealthy(tmp_path)
        assert flagged["steppe-daily"].startswith("no new articles since 2026-11-22")
        # The outlet publishes again, in a new template the extractor has never seen: simulate new
        # stories by forgetting its URLs, then serve the redesigned pages.
        con = duckdb.connect(str(tmp_path / "data" / "newsmon.duckdb"))
        con.execute("DELETE FROM article_urls WHERE url LIKE ?", [web.base("steppe-daily") + "%"])
        con.close()
        web.switch("steppe-daily", "redesign")
        cli(tmp_path, "run", "--date", "2026-11-26", "--source", "steppe-daily", check=False)
        flagged = unhealthy(tmp_path)
        assert "layout change" in flagged["steppe-daily"], flagged
        summary = cli(tmp_path, "run", "--date", "2026-11-26", "--source", "steppe-daily", "--skip-crawl", check=False)
        assert "unhealthy sources" in summary.stderr and "steppe-daily" in summary.stderr


def test_failing_feed_is_flagged_after_three_runs_and_notified_once(tmp_path):
    with NewsWeb() as web:
        cfg = crawl_config(web, tmp_path)
        text = cfg.read_text(encoding="utf-8")
        cfg.write_text(text.replace("notify = false", "notify = true").replace('channels = ["log"]', 'channels = ["file"]'),
                       encoding="utf-8")
        for day in ("2026-11-20", "2026-11-21", "2026-11-22"):
            cli(tmp_path, "crawl", "--date", day, "--source", "oasis-news-archive", check=False)
            cli(tmp_path, "load", "--date", day)
        assert unhealthy(tmp_path) == {"oasis-news-archive": "failed 3 runs in a row"}
    cli(tmp_path, "alert", "--date", "2026-11-22")
    cli(tmp_path, "alert", "--date", "2026-11-22")
    notices = [json.loads(l) for l in (tmp_path / "data" / "alerts.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [n["title"] for n in notices] == ["Source oasis-news-archive needs attention: failed 3 runs in a row"]
