"""The alert step as an outbox. DuckDB's write lock is held only for short transactions, never
while a message is on its way:

1. **Record what is due** (one short write transaction, then the connection is closed): new
   (rule, event, channel) alerts are queued, growth of alerted events is recorded, deliveries that
   an earlier run left unfinished are marked ``unknown``, and the due alerts are read.
2. **Deliver** each due alert. Right before a send, a short transaction claims it
   (``status = 'sending'``, one more attempt); right after, another records the outcome
   (``sent`` / ``failed`` with the reason / ``unknown``). The lock is free while the message travels:
   readers and other steps are never kept waiting by a slow receiver.
3. Any exception in one delivery marks that alert failed with its reason and the step moves on.

Guarantees, per (rule, event, channel):

- **Never twice by newsmon's own doing**: the key is unique; a ``sent`` alert is never sent again.
- **At most once** (default, ``[channels] delivery = "at-most-once"``): a delivery interrupted
  mid-send (the process killed, the answer never came) is recorded ``unknown`` and not re-sent —
  it may or may not have arrived. Definite failures (refused, unreachable, HTTP error, missing
  secret) are ``failed`` and retried by the next runs until ``max_attempts``.
- **At least once** (``delivery = "at-least-once"``): ``unknown`` deliveries are re-sent with the
  same idempotency key — the ``Idempotency-Key`` header of a JSON webhook, the ``Message-ID`` of an
  e-mail, the ``idempotency_key`` field of the file channel — so the receiver can drop the copy.
  Channels that cannot carry a key (Telegram, Slack, Discord, Matrix, ntfy) stay at most once.
"""

from __future__ import annotations

import json
import os
import re
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from newsmon.alerts.channels import (Channel, ChannelNotReady, DeliveryError, DeliveryUnknown, idempotency_key,
                                     make_channel)
from newsmon.alerts.rules import EventView, RuleMatcher
from newsmon.warehouse.queries import followed_storyline
from newsmon.core.config import Config
from newsmon.warehouse.db import DatabaseBusy, transaction

_CLAIM = re.compile(r"^delivering since (\S+) by (\S+?):(\d+)$")


@dataclass
class AlertResult:
    created: int = 0
    sent: int = 0
    failed: int = 0
    unknown: int = 0
    growth_recorded: int = 0
    errors: list[str] = field(default_factory=list)

    def describe(self) -> str:
        s = (f"{self.created} alerts created, {self.sent} delivered, {self.failed} failed (will retry), "
             f"{self.unknown} unknown (not re-sent), {self.growth_recorded} events grew")
        return s + ("" if not self.errors else " — " + "; ".join(self.errors[:3]))


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _me() -> tuple[str, int]:
    return socket.gethostname(), os.getpid()


def event_payload(con, rule: str, event_id: int) -> dict[str, Any]:
    from newsmon.warehouse.queries import event_articles_for_payload, event_for_payload

    ev = event_for_payload(con, event_id)
    arts = event_articles_for_payload(con, event_id)
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
    from newsmon.warehouse.queries import events_for_rules

    return [EventView(r[0], r[1], r[2], list(r[3]), tuple(r[4] or ())) for r in events_for_rules(con, logical_date)]


def create_alerts(con, cfg: Config, logical_date: str, result: AlertResult) -> None:
    """Queue alerts for new matching events and record growth (inside the caller's transaction)."""
    events = _events_of_date(con, logical_date)
    now = _now()
    for rule in cfg.alerts:
        matcher = RuleMatcher(rule)
        for ev in events:
            storyline = None
            if not matcher.matches(ev):
                storyline = followed_storyline(con, rule.name, ev.event_id) if rule.follow_storylines else None
                if storyline is None:
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
            body = event_payload(con, rule.name, ev.event_id)
            if storyline is not None:
                body["development_of_storyline"] = storyline  # matched through the storyline it continues
            payload = json.dumps(body, ensure_ascii=False)
            for ch in rule.channels:
                result.created += _queue(con, rule.name, ev.event_id, ch, payload, logical_date, now)


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


def _alive(host: str, pid: int) -> bool:
    if host != socket.gethostname():
        return True  # cannot tell: the age decides
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a killed child not yet reaped by its parent is a zombie: as good as dead
        with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
            return fh.read().rsplit(")", 1)[-1].split()[0] != "Z"
    except OSError:
        return True


def recover_interrupted(con, cfg: Config, result: AlertResult) -> None:
    """Deliveries left in 'sending' by a process that is gone: their outcome is unknown."""
    now = _now()
    for alert_id, channel, note in con.execute(
            "SELECT alert_id, channel, last_error FROM alerts WHERE status = 'sending' ORDER BY alert_id").fetchall():
        m = _CLAIM.match(note or "")
        started = datetime.fromisoformat(m.group(1)) if m else None
        stale = started is None or now - started > timedelta(seconds=cfg.channels.stale_after)
        if m and not stale and _alive(m.group(2), int(m.group(3))):
            continue  # another run is delivering it right now
        since = m.group(1) if m else "?"
        con.execute("UPDATE alerts SET status = 'unknown', last_error = ? WHERE alert_id = ? AND status = 'sending'",
                    [f"interrupted during delivery (started {since} UTC): may or may not have arrived; not re-sent",
                     alert_id])
        result.unknown += 1
        result.errors.append(f"{channel}: alert {alert_id} interrupted during delivery (unknown)")


@dataclass
class Due:
    alert_id: int
    rule: str
    event_id: int
    channel: str
    payload: str
    attempts: int
    created_at: Any


def due_alerts(con, cfg: Config) -> list[Due]:
    statuses = ["pending", "failed"] + (["unknown"] if cfg.channels.delivery == "at-least-once" else [])
    rows = con.execute(f"""SELECT alert_id, rule, event_id, channel, payload, attempts, created_at FROM alerts
                           WHERE status IN ({', '.join('?' * len(statuses))}) AND attempts < ? ORDER BY alert_id""",
                       [*statuses, cfg.channels.max_attempts]).fetchall()
    return [Due(*r) for r in rows]


Connect = Callable[[], Any]


class _Recorder:
    """Short write transactions on a connection opened for each and closed right after."""

    def __init__(self, connect: Connect, result: AlertResult):
        self.connect = connect
        self.result = result

    def run(self, fn, wait_busy: bool = False):
        attempts = 6 if wait_busy else 1
        for i in range(attempts):
            try:
                con = self.connect()
            except DatabaseBusy:
                if i == attempts - 1:
                    raise
                continue
            try:
                with transaction(con):
                    return fn(con)
            finally:
                con.close()
        return None


def _claim(con, due: Due, statuses: tuple[str, ...]) -> bool:
    host, pid = _me()
    row = con.execute(f"""UPDATE alerts SET status = 'sending', attempts = attempts + 1, last_error = ?
                          WHERE alert_id = ? AND status IN ({', '.join('?' * len(statuses))}) RETURNING attempts""",
                      [f"delivering since {_now().isoformat(timespec='seconds')} by {host}:{pid}", due.alert_id,
                       *statuses]).fetchone()
    return row is not None


def _finish(con, alert_id: int, status: str, error: str | None, extra_attempts: int) -> None:
    con.execute("""UPDATE alerts SET status = ?, last_error = ?, attempts = attempts + ?,
                                     sent_at = CASE WHEN ? = 'sent' THEN ? ELSE sent_at END
                   WHERE alert_id = ?""", [status, error, extra_attempts, status, _now(), alert_id])


def deliver(cfg: Config, connect: Connect, due: list[Due], result: AlertResult) -> None:
    """Send each due alert outside the write lock; claim and record in short transactions."""
    rec = _Recorder(connect, result)
    statuses = ("pending", "failed", "unknown") if cfg.channels.delivery == "at-least-once" else ("pending", "failed")
    channels: dict[str, Channel | Exception] = {}
    not_ready: list[tuple[int, str]] = []
    for d in due:
        ch = channels.get(d.channel)
        if ch is None:
            try:
                ch = make_channel(d.channel, cfg.channels)
                prepare = getattr(ch, "prepare", None)
                if prepare:
                    prepare()
            except Exception as exc:  # noqa: BLE001 - any problem with one channel is that channel's failure
                ch = exc
            channels[d.channel] = ch
        if isinstance(ch, Exception):
            # Found before any I/O: nothing was sent, no attempt is used up, the alert waits for the fix.
            not_ready.append((d.alert_id, _reason(ch)))
            result.failed += 1
            result.errors.append(f"{d.channel}: {_reason(ch)}")
            continue
        try:
            claimed = rec.run(lambda con: _claim(con, d, statuses), wait_busy=True)
        except DatabaseBusy as exc:
            result.errors.append(f"database busy, {len(due)} alert(s) left for the next run: {exc}")
            break
        if not claimed:
            continue  # another run took it
        status, error, extra = _send(cfg, ch, d)
        try:
            rec.run(lambda con: _finish(con, d.alert_id, status, error, extra), wait_busy=True)
        except DatabaseBusy:
            # The outcome cannot be written: the alert stays 'sending' and becomes 'unknown' next run.
            status, error = "unknown", f"delivered as {status} but the outcome could not be recorded (database busy)"
        if status == "sent":
            result.sent += 1
        elif status == "unknown":
            result.unknown += 1
            result.errors.append(f"{d.channel}: {error}")
        else:
            result.failed += 1
            result.errors.append(f"{d.channel}: {error}")
    if not_ready:
        rec.run(lambda con: [con.execute("UPDATE alerts SET status = 'failed', last_error = ? WHERE alert_id = ? "
                                         "AND status IN ('pending', 'failed')", [err, aid]) for aid, err in not_ready],
                wait_busy=True)


def _reason(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if isinstance(exc, DeliveryError) else f"{type(exc).__name__}: {text}"


def _send(cfg: Config, channel: Channel, d: Due) -> tuple[str, str | None, int]:
    """(status, error, attempts beyond the claimed one). Never raises."""
    key = idempotency_key(d.alert_id, d.rule, d.event_id, d.channel, d.created_at)
    error = None
    tries = 0
    try:
        payload = json.loads(d.payload)
    except (TypeError, ValueError) as exc:
        return "failed", f"stored payload is not JSON: {exc}", 0
    for delay in [0.0, *cfg.channels.retry_delays]:
        if delay:
            time.sleep(delay)
        tries += 1
        try:
            channel.send(payload, key)
            return "sent", None, tries - 1
        except DeliveryUnknown as exc:
            return "unknown", _reason(exc), tries - 1  # never retried blindly
        except ChannelNotReady as exc:
            return "failed", _reason(exc), tries - 1
        except Exception as exc:  # noqa: BLE001 - one bad alert never blocks the others
            error = _reason(exc)
    return "failed", error, tries - 1


def run_alerts(cfg: Config, logical_date: str, connect: Connect | None = None) -> AlertResult:
    """The alert step. ``connect`` opens a read-write connection (default: the configured warehouse)."""
    if connect is None:
        from newsmon.warehouse.db import connect as db_connect

        def connect():
            return db_connect(cfg.storage.db)

    result = AlertResult()

    def record_due(con):
        recover_interrupted(con, cfg, result)
        create_alerts(con, cfg, logical_date, result)
        notify_health(con, cfg, logical_date, result)
        return due_alerts(con, cfg)

    due = _Recorder(connect, result).run(record_due)
    deliver(cfg, connect, due, result)
    return result
