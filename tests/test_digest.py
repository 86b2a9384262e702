"""The daily digest: content, grouping, growth, chart, plain text, escaping, empty days, and
delivery once per date and channel (re-runs send nothing new; failures are retried)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from datetime import date

import pytest

from tests.synthetic_warehouse import make_small

DAY = date(2026, 11, 21)


@pytest.fixture()
def small(tmp_path):
    return make_small(tmp_path)


def _digest(cfg, day=DAY):
    from newsmon.web.db import read_only
    from newsmon.web.digest import build_digest

    with read_only(cfg.storage.db) as con:
        return build_digest(con, cfg, day)


def test_events_grouped_by_country_and_ordered_by_coverage(small):
    cfg, filled = small
    d = _digest(cfg)
    names = [g.name for g in d.groups]
    assert names[0] == "Central Asia (several countries)"  # the summit: 4 outlets, regional
    assert set(names) == {"Central Asia (several countries)", "Kazakhstan", "Tajikistan", "Uzbekistan", "Kyrgyzstan"}
    summit = d.groups[0].events[0]
    assert summit.event_id == filled.events["summit"] and summit.outlets == 4 and summit.members == 4
    assert summit.languages == ["en", "ru"] and summit.rules == ["summit"]
    # One member was published the day before: growth since then, not "new".
    assert summit.members_before == 1 and not summit.is_new and summit.growth == "+3 articles, +3 outlets since the previous day"
    assert summit.storyline_id == filled.storylines["summit"] and summit.storyline_events == 2
    metro = next(e for g in d.groups for e in g.events if e.event_id == filled.events["metro"])
    assert metro.is_new and metro.group == "KZ"
    assert "Almaty (UTC+5)" in metro.first_seen_local


def test_html_is_self_contained_with_inline_svg_chart_and_every_member_link(small):
    cfg, filled = small
    d = _digest(cfg)
    html = d.html
    assert "<svg" in html and "articles per day" in html
    assert "<script" not in html and "<link" not in html and not re.search(r'src="http', html)
    assert "@import" not in html and not re.search(r"url\((?!#)", html)  # no external CSS, fonts or images
    for e in d.events:
        for a in e.articles:
            assert f'href="{a.url}"' in html
    assert "Japan and Central Asia hold first summit in Tokyo" in html
    assert "Япония и страны Центральной Азии провели первый саммит в Токио" in html
    assert "alert: summit" in html and "UTC" in html


def test_plain_text_part(small):
    cfg, _ = small
    text = _digest(cfg).text
    assert text.startswith("newsmon daily digest — Saturday 21 November 2026")
    assert "== Central Asia (several countries) (1 event) ==" in text
    assert "* Japan and Central Asia hold first summit in Tokyo" in text
    assert "https://kuryer.example/summit/" in text and "alert rules: summit" in text
    assert "Coverage, last 14 days" in text
    assert all(len(line) <= 200 for line in text.splitlines())


def test_empty_day_is_a_short_nothing_new_digest(small):
    cfg, _ = small
    d = _digest(cfg, date(2026, 1, 1))
    assert not d.events and "Nothing new" in d.html and "Nothing new" in d.text and "nothing new" in d.subject


def test_crawled_markup_is_escaped_and_bad_urls_are_not_links(tmp_path):
    cfg, _ = make_small(tmp_path, hostile=True)
    html = _digest(cfg).html
    assert '<script>alert("x")</script>' not in html
    assert "&lt;script&gt;" in html and "$5 billion" in html
    assert "javascript:" not in html


def test_chart_draws_labels_literally():
    from newsmon.web.chart import coverage_svg

    svg = coverage_svg([date(2026, 11, d) for d in range(1, 4)], [("Rates $19 billion and $2 <b>x</b> --> end", [1, 2, 3])])
    assert svg.startswith("<svg") and "$19 billion and $2" in svg
    assert "<b>" not in svg and "-->" not in svg.replace("<!--", "")
    assert coverage_svg([], []) == ""


def test_run_digest_sends_once_per_date_and_channel(small):
    from newsmon.warehouse.db import connect
    from newsmon.web.digest import run_digest

    cfg, _ = small
    got = []
    first = run_digest(cfg, "2026-11-21", send=True, deliver=lambda ch, msg: got.append((ch, msg)))
    assert first["sent"] == ["log", "file"] and first["events"] == 5
    ch, msg = got[0]
    assert msg.day == "2026-11-21" and msg.subject.startswith("newsmon digest 2026-11-21: 5 events")
    assert "<svg" in msg.html and "Japan and Central Asia" in msg.text
    again = run_digest(cfg, "2026-11-21", send=True, deliver=lambda ch, msg: got.append((ch, msg)))
    assert again["sent"] == [] and again["already_sent"] == ["log", "file"] and len(got) == 2
    con = connect(cfg.storage.db, read_only=True)
    rows = con.execute("SELECT logical_date, channel, status, attempts FROM digest_deliveries ORDER BY channel").fetchall()
    con.close()
    assert rows == [(DAY, "file", "sent", 1), (DAY, "log", "sent", 1)]


def test_failed_delivery_is_recorded_and_retried_next_run(small):
    from newsmon.warehouse.db import connect
    from newsmon.web.digest import run_digest

    cfg, _ = small

    def flaky(ch, msg):
        if ch == "file":
            raise OSError("disk full")

    res = run_digest(cfg, "2026-11-21", send=True, deliver=flaky)
    assert res["sent"] == ["log"] and "disk full" in res["failed"]["file"]
    res = run_digest(cfg, "2026-11-21", send=True, deliver=lambda ch, msg: None)
    assert res["sent"] == ["file"] and res["already_sent"] == ["log"]
    con = connect(cfg.storage.db, read_only=True)
    assert con.execute("SELECT status, attempts FROM digest_deliveries WHERE channel = 'file'").fetchone() == ("sent", 2)
    con.close()


def test_cli_digest_writes_html_and_text_and_sends_once(tmp_path):
    cfg, _ = make_small(tmp_path, channels='["file"]')
    cmd = [sys.executable, "-m", "newsmon.cli", "digest", "--config", str(tmp_path / "newsmon.toml"), "--date", "2026-11-21",
           "--out", str(tmp_path / "d.html"), "--send", "--text"]
    first = subprocess.run(cmd, capture_output=True, text=True, cwd=tmp_path, timeout=300)
    assert first.returncode == 0, first.stderr
    assert (tmp_path / "d.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert "Japan and Central Asia hold first summit" in (tmp_path / "d.txt").read_text(encoding="utf-8")
    assert "newsmon daily digest" in first.stdout and "sent: file" in first.stderr
    second = subprocess.run(cmd, capture_output=True, text=True, cwd=tmp_path, timeout=300)
    assert second.returncode == 0 and "already sent before: file" in second.stderr
    records = [json.loads(l) for l in (tmp_path / "alerts.jsonl").read_text(encoding="utf-8").splitlines()]
    digests = [r for r in records if r.get("kind") == "digest"]
    assert len(digests) == 1 and digests[0]["date"] == "2026-11-21"
    empty = subprocess.run([*cmd[:7], "2026-01-01", "--out", str(tmp_path / "e.html")], capture_output=True, text=True,
                           cwd=tmp_path, timeout=300)
    assert empty.returncode == 0 and "0 events" in empty.stderr


def test_run_digest_is_what_the_dag_task_calls(small):
    """run_digest(cfg, date, send=True): the alert channels by default; a JSON-able summary."""
    from newsmon.web.digest import run_digest

    cfg, _ = small
    cfg.alerts[0].channels = ["file"]
    res = run_digest(cfg, "2026-11-21", send=True)
    json.dumps(res)
    assert res["sent"] == ["file"] and res["events"] == 5
    assert run_digest(cfg, "2026-11-21", send=True)["sent"] == []
    record = json.loads(cfg.channels.file.path.read_text(encoding="utf-8").splitlines()[0])
    assert record["kind"] == "digest" and "Japan and Central Asia" in record["digest_text"]
    assert record["idempotency_key"] == "newsmon-digest-2026-11-21-file"
