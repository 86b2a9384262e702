"""The daily digest: one self-contained HTML page (inline CSS and SVG, no external assets) plus a
plain-text part, for a date's events grouped by country and ordered by coverage.

``run_digest(cfg, logical_date, send)`` is what the DAG task and ``newsmon digest`` call. With
``send`` the digest goes out once per date and channel: every delivery is recorded in
``digest_deliveries`` and a re-run sends nothing new (failed deliveries are retried). Delivery goes
through the alert channels (``newsmon.web.delivery``); tests hand in their own ``deliver(channel,
message)`` callable.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from newsmon.core.config import Config
from newsmon.web import chart, data
from newsmon.web.db import Updating, has_table, read_only
from newsmon.web.render import render

log = logging.getLogger("newsmon.digest")
TEXT_WIDTH = 78


@dataclass
class Digest:
    day: date
    groups: list[data.CountryGroup]
    chart_svg: str
    series: list[data.Series]
    axis: list[date]
    generated_at: datetime
    subject: str = ""
    html: str = ""
    text: str = ""

    @property
    def events(self) -> list[data.EventCard]:
        return [e for g in self.groups for e in g.events]

    def summary(self) -> dict[str, Any]:
        ev = self.events
        return {"date": self.day.isoformat(), "events": len(ev), "new_events": sum(e.is_new for e in ev),
                "articles": sum(e.members - e.members_before for e in ev),
                "countries": [g.code or "other" for g in self.groups],
                "top": [e.title for e in ev[:3]]}


@dataclass
class DigestMessage:
    """What a channel gets: a subject, a plain-text body, the HTML page and a small summary."""
    day: str
    subject: str
    text: str
    html: str
    summary: dict[str, Any] = field(default_factory=dict)


Deliver = Callable[[str, DigestMessage], None]


def build_digest(con, cfg: Config | None, day: date, chart_days: int = 14) -> Digest:
    cards = data.day_events(con, cfg, day)
    groups = data.group_by_country(cards)
    axis, series = data.coverage(con, day, days=chart_days)
    svg = chart.coverage_svg(axis, [(s.label, s.counts) for s in series]) if series else ""
    d = Digest(day, groups, svg, series, axis, datetime.now(UTC).replace(tzinfo=None))
    n = len(cards)
    d.subject = (f"newsmon digest {day.isoformat()}: {n} event{'s' if n != 1 else ''}"
                 + (f" — {cards[0].title}" if cards else " — nothing new"))[:200]
    d.html = render("digest.html", digest=d, web=False)
    d.text = plain_text(d)
    return d


def _wrap(text: str, indent: str = "  ") -> list[str]:
    import textwrap

    return textwrap.wrap(text, TEXT_WIDTH, initial_indent=indent, subsequent_indent=indent) or [indent.rstrip()]


def plain_text(d: Digest) -> str:
    lines = [f"newsmon daily digest — {d.day:%A %d %B %Y} (UTC)", ""]
    if not d.groups:
        lines += ["Nothing new: no event had coverage on this day.", ""]
    for g in d.groups:
        lines += [f"== {g.name} ({len(g.events)} event{'s' if len(g.events) != 1 else ''}) ==", ""]
        for e in g.events:
            lines += _wrap(e.title, "* ")
            lines += _wrap(e.lead)
            first = f"first seen {e.first_seen:%d %b %H:%M} UTC" + (f" / {e.first_seen_local}" if e.first_seen_local else "")
            lines.append(f"  {first}")
            lines.append(f"  {e.members} article(s) from {e.outlets} outlet(s) in {', '.join(e.languages) or '-'}; {e.growth}")
            if e.rules:
                lines.append(f"  alert rules: {', '.join(e.rules)}")
            if e.storyline_id:
                lines.append(f"  storyline: {e.storyline_title} (event {e.storyline_position} of {e.storyline_events})")
            for a in e.articles:
                lines.append(f"  - [{a.language or '?'}] {a.source}: {a.title}")
                lines.append(f"    {a.url}")
            lines.append("")
    if d.series:
        lines.append(f"Coverage, last {len(d.axis)} days (articles per day, {d.axis[0]:%d %b} to {d.axis[-1]:%d %b}):")
        for s in d.series:
            lines.append(f"  {' '.join(f'{c:2d}' for c in s.counts)}  {s.label[:60]}")
        lines.append("")
    lines.append(f"Generated {d.generated_at:%Y-%m-%d %H:%M} UTC by newsmon.")
    return "\n".join(lines) + "\n"


def digest_channels(cfg: Config) -> list[str]:
    """The alert channels: every channel any alert rule uses, in order of first use."""
    out: list[str] = []
    for rule in cfg.alerts:
        for ch in rule.channels:
            if ch not in out:
                out.append(ch)
    return out


def _deliver_once(con, cfg: Config, d: Digest, deliver: Deliver, channels: list[str]) -> dict[str, Any]:
    """Send through each channel unless this date was already sent there; record every attempt."""
    events = [{"title": e.title, "canonical_url": e.canonical_url, "group": data.country_name(e.group),
               "outlets": e.outlets, "articles": e.members} for e in d.events]
    msg = DigestMessage(d.day.isoformat(), d.subject, d.text, d.html, {**d.summary(), "event_list": events})
    max_attempts = getattr(cfg.channels, "max_attempts", 5)
    sent, skipped, failed = [], [], {}
    for ch in channels:
        row = con.execute("SELECT status, attempts FROM digest_deliveries WHERE logical_date = ? AND channel = ?",
                          [d.day, ch]).fetchone()
        if row and (row[0] == "sent" or row[1] >= max_attempts):
            skipped.append(ch)
            continue
        attempts = (row[1] if row else 0) + 1
        now = datetime.now(UTC).replace(tzinfo=None)
        try:
            deliver(ch, msg)
        except Exception as exc:  # noqa: BLE001 - any channel failure is recorded and retried next run
            failed[ch] = str(exc)[:500]
            status, err, sent_at = "failed", str(exc)[:500], None
        else:
            sent.append(ch)
            status, err, sent_at = "sent", None, now
        con.execute("""INSERT INTO digest_deliveries VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                       ON CONFLICT DO UPDATE SET status = excluded.status, attempts = excluded.attempts,
                         last_error = excluded.last_error, events = excluded.events, sent_at = excluded.sent_at,
                         updated_at = excluded.updated_at""",
                    [d.day, ch, status, attempts, err, len(d.events), sent_at, now])
    return {"sent": sent, "already_sent": skipped, "failed": failed}


def run_digest(cfg: Config, logical_date: str | date, send: bool = False, deliver: Deliver | None = None,
               out: Path | str | None = None, wait: float = 30.0) -> dict[str, Any]:
    """Build the digest of a date (and with ``send``, deliver it once per date and channel).
    Returns a small JSON-able summary. ``deliver`` defaults to the alert channels."""
    day = logical_date if isinstance(logical_date, date) else data.parse_day(str(logical_date))
    if send and deliver is None:
        from newsmon.web.delivery import deliverer

        deliver = deliverer(cfg)
    if send:
        from newsmon.warehouse.db import connect

        con = connect(cfg.storage.db, wait=wait)  # read-write: it records the deliveries
        try:
            d = build_digest(con, cfg, day)
            result = _deliver_once(con, cfg, d, deliver, digest_channels(cfg))
        finally:
            con.close()
    else:
        try:
            with read_only(cfg.storage.db, wait=wait) as con:
                d = build_digest(con, cfg, day)
        except Updating:
            raise
        result = {}
    summary = d.summary()
    summary.update(result)
    if out:  # FILE.html and its plain-text part FILE.txt (a .txt FILE: the plain text only)
        p = Path(out)
        p.parent.mkdir(parents=True, exist_ok=True)
        if p.suffix != ".txt":
            p.write_text(d.html, encoding="utf-8")
            summary["out"] = str(p)
        p.with_suffix(".txt").write_text(d.text, encoding="utf-8")
        summary["out_text"] = str(p.with_suffix(".txt"))
        summary.setdefault("out", summary["out_text"])
    return summary


def delivered(con, day: date) -> list[tuple[str, str, int]]:
    """(channel, status, attempts) of a date's digest deliveries."""
    if not has_table(con, "digest_deliveries"):
        return []
    return con.execute("SELECT channel, status, attempts FROM digest_deliveries WHERE logical_date = ? ORDER BY channel",
                       [day]).fetchall()


def previous_day(day: date) -> date:
    return day - timedelta(days=1)
