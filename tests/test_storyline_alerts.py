"""Alerts that follow storylines: a new event of a storyline whose earlier event matched a rule
fires for that rule (once), even when its own words do not match; other events stay quiet."""

from __future__ import annotations

import json
from datetime import datetime

from newsmon.alerts.dispatch import AlertResult, create_alerts
from newsmon.core.config import AlertRule
from newsmon.warehouse.db import connect, transaction

NOW = datetime(2026, 11, 25, 12, 0)


def _event(con, eid: int, title: str, text: str, day: str) -> None:
    con.execute("""INSERT INTO articles (article_id, canonical_url, url, source, title, text, authors, relevant,
                     content_hash, fetched_at, run_id, logical_date, loaded_at, published_at, language)
                   VALUES (?, ?, ?, 'wire', ?, ?, [], true, ?, ?, 'r', ?, ?, ?, 'en')""",
                [eid, f"https://a.example/{eid}", f"https://a.example/{eid}", title, text, str(eid), NOW, day, NOW, NOW])
    con.execute("""INSERT INTO events (event_id, canonical_article_id, title, first_seen, last_seen, member_count,
                     outlet_count, languages, countries, created_date, updated_at)
                   VALUES (?, ?, ?, ?, ?, 1, 1, ['en'], ['UZ'], ?, ?)""", [eid, eid, title, NOW, NOW, day, NOW])
    con.execute("INSERT INTO event_articles VALUES (?, ?, NULL, NULL, 'opened', ?, ?)", [eid, eid, day, NOW])


def _link(con, eid: int, storyline: int, day: str) -> None:
    con.execute("INSERT INTO storyline_events VALUES (?, ?, NULL, NULL, 'test', ?, ?)", [eid, storyline, day, NOW])


def test_a_followed_storyline_fires_for_its_new_development(tmp_path, default_cfg):
    cfg = default_cfg.model_copy(deep=True)
    cfg.alerts = [AlertRule(name="summit", any=["summit"], channels=["log"], follow_storylines=True),
                  AlertRule(name="summit-strict", any=["summit"], channels=["log"])]
    con = connect(tmp_path / "w.duckdb")
    with transaction(con):
        _event(con, 1, "Leaders meet at Tashkent summit", "The summit opened in Tashkent.", "2026-11-20")
        _link(con, 1, 100, "2026-11-20")
    with transaction(con):
        create_alerts(con, cfg, "2026-11-20", AlertResult())
    with transaction(con):  # five days later: deals signed "after the meeting" — no rule word
        _event(con, 2, "Uzbekistan signs 14 deals with Japanese firms", "Contracts worth $1.2bn were signed.", "2026-11-25")
        _link(con, 2, 100, "2026-11-25")
        _event(con, 3, "Tashkent metro fares rise", "Fares rise in December.", "2026-11-25")  # no storyline
        _link(con, 3, 101, "2026-11-25")
    result = AlertResult()
    with transaction(con):
        create_alerts(con, cfg, "2026-11-25", result)
    rows = con.execute("SELECT rule, event_id, payload FROM alerts WHERE logical_date = '2026-11-25'").fetchall()
    assert [(r[0], r[1]) for r in rows] == [("summit", 2)]
    assert json.loads(rows[0][2])["development_of_storyline"] == 100
    with transaction(con):  # a re-run fires nothing new
        again = AlertResult()
        create_alerts(con, cfg, "2026-11-25", again)
    assert again.created == 0
    con.close()
