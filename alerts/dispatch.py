"""The alert step: create one alert per (rule, new matching event, channel), then deliver
everything pending, including failures from earlier runs.

Idempotent: the (rule, event_id, channel) key is unique, so a re-run or a cleared Airflow
task finds nothing new to create; a 'sent' alert is never sent again.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from newsmon.alerts.channels import DeliveryError, make_channel
from newsmon.alerts.rules import EventView, RuleMatcher
from newsmon.core.config import Config
from newsmon.warehouse.db import transaction


@dataclass
class AlertResult:
    created: int = 0
    sent: int = 0
    failed: int = 0
    growth_recorded: int = 0
    errors: list[str] = field(default_factory=list)

    def describe(self) -> str:
        s = f"{self.created} alerts created, {self.sent} delivered, {self.failed} failed (will retry), {self.growth_recorded} events grew"
        return s + ("" if not self.errors else " — " + "; ".join(self.errors[:3]))


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def event_payload(con, rule: str, event_id: int) -> dict[str, Any]:
    ev = con.execute("""SELECT e.title, e.first_seen, e.member_count, e.outlet_count, e.languages, e.countries, a.canonical_url
                        FROM events e JOIN articles a ON a.article_id = e.canonical_article_id WHERE e.event_id = ?""",
                     [event_id]).fetchone()
    arts = con.execute("""SELECT a.source, a.title, a.canonical_url, a.language FROM event_articles ea JOIN articles a USING (article_id)
                          WHERE ea.event_id = ? ORDER BY coalesce(a.published_at, a.fetched_at), a.article_id""", [event_id]).fetchall()
    return {"rule": rule, "event_id": event_id, "title": ev[0], "first_seen": ev[1].strftime("%Y-%m-%d %H:%M"),
            "member_count": ev[2], "outlet_count": ev[3], "languages": list(ev[4]), "countries": list(ev[5]),
            "canonical_url": ev[6], "outlets": sorted({a[0] for a in arts}),
            "articles": [{"source": s, "title": t, "url": u, "language": l} for s, t, u, l in arts]}


def _queue(con, rule: str, event_id: int, channel: str, payload: str, logical_date: str, now: datetime) -> bool:
    """Queue one pending alert; False when (rule, event, channel) was queued before."""
    row = con.execute("""INSERT INTO alerts (rule, event_id, channel, status, attempts, payload, logical_date, created_at)
                         VALUES (?, ?, ?, 'pending', 0, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING alert_id""",
                      [rule, event_id, channel, payload, logical_date, now]).fetchone()
    return row is not None


def _events_of_date(con, logical_date: str) -> list[EventView]:
    rows = con.execute("""
        SELECT e.event_id, e.title, any_value(c.text) || chr(10) || string_agg(a.title, chr(10) ORDER BY a.article_id), e.countries
        FROM events e
        JOIN articles c ON c.article_id = e.canonical_article_id
        JOIN event_articles ea ON ea.event_id = e.event_id
        JOIN articles a ON a.article_id = ea.article_id
        WHERE e.event_id IN (SELECT event_id FROM event_articles WHERE logical_date = ?)
        GROUP BY e.event_id, e.title, e.countries ORDER BY e.event_id""", [logical_date]).fetchall()
    return [EventView(r[0], r[1], r[2], list(r[3])) for r in rows]


def create_alerts(con, cfg: Config, logical_date: str, result: AlertResult) -> None:
    events = _events_of_date(con, logical_date)
    now = _now()
    with transaction(con):
        for rule in cfg.alerts:
            matcher = RuleMatcher(rule)
            for ev in events:
                if not matcher.matches(ev):
                    continue
                already = con.execute("SELECT count(*) FROM alerts WHERE rule = ? AND event_id = ?", [rule.name, ev.event_id]).fetchone()[0]
                if already:
                    # Later rewrites joined an alerted event: record the growth for digests, alert nobody.
                    n = con.execute("SELECT member_count, outlet_count FROM events WHERE event_id = ?", [ev.event_id]).fetchone()
                    last = con.execute("""SELECT coalesce((SELECT member_count FROM event_growth WHERE rule = ? AND event_id = ?
                                                           ORDER BY logical_date DESC LIMIT 1),
                                                          (SELECT max(CAST(payload->>'member_count' AS INTEGER)) FROM alerts
                                                           WHERE rule = ? AND event_id = ?))""",
                                       [rule.name, ev.event_id, rule.name, ev.event_id]).fetchone()[0]
                    if last is not None and n[0] <= last:
                        continue
                    con.execute("""INSERT INTO event_growth VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET
                                   member_count = excluded.member_count, outlet_count = excluded.outlet_count""",
                                [rule.name, ev.event_id, logical_date, n[0], n[1], now])
                    result.growth_recorded += 1
                    continue
                payload = json.dumps(event_payload(con, rule.name, ev.event_id), ensure_ascii=False)
                for ch in rule.channels:
                    result.created += _queue(con, rule.name, ev.event_id, ch, payload, logical_date, now)


def deliver_pending(con, cfg: Config, result: AlertResult) -> None:
    pending = con.execute("""SELECT alert_id, channel, payload, attempts FROM alerts
                             WHERE status <> 'sent' AND attempts < ? ORDER BY alert_id""",
                          [cfg.channels.max_attempts]).fetchall()
    for alert_id, channel_name, payload, attempts in pending:
        channel = make_channel(channel_name, cfg.channels)
        error = None
        for delay in [0.0, *cfg.channels.retry_delays]:
            if delay:
                time.sleep(delay)
            attempts += 1
            try:
                channel.send(json.loads(payload))
                error = None
                break
            except DeliveryError as exc:
                error = str(exc)
        if error is None:
            con.execute("UPDATE alerts SET status = 'sent', attempts = ?, last_error = NULL, sent_at = ? WHERE alert_id = ?",
                        [attempts, _now(), alert_id])
            result.sent += 1
        else:
            con.execute("UPDATE alerts SET status = 'failed', attempts = ?, last_error = ? WHERE alert_id = ?",
                        [attempts, error, alert_id])
            result.failed += 1
            result.errors.append(f"{channel_name}: {error}")


def notify_health(con, cfg: Config, logical_date: str, result: AlertResult) -> None:
    """Optional 'source health' notices through the same channels (once per source and date)."""
    if not cfg.health.notify:
        return
    from newsmon.warehouse.health import unhealthy_sources

    now = _now()
    for h in unhealthy_sources(con, cfg):
        payload = {"rule": "source-health", "event_id": 0, "title": f"Source {h.source} needs attention: {h.reason}",
                   "first_seen": logical_date + " 00:00", "member_count": 0, "outlet_count": 1, "languages": [],
                   "countries": [], "canonical_url": cfg.source(h.source).url, "outlets": [h.source], "articles": []}
        for ch in cfg.health.channels:
            result.created += _queue(con, f"source-health:{h.source}:{logical_date}", 0, ch, json.dumps(payload),
                                     logical_date, now)


def run_alerts(con, cfg: Config, logical_date: str) -> AlertResult:
    result = AlertResult()
    create_alerts(con, cfg, logical_date, result)
    notify_health(con, cfg, logical_date, result)
    deliver_pending(con, cfg, result)
    return result
