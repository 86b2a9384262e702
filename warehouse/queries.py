"""Read queries the CLI and the alert step need, in one place (no SQL in cli.py).

Each returns plain rows; callers format them. Lists stay lists here (the CLI joins them for tables
and CSV, JSON keeps them as arrays).
"""

from __future__ import annotations

from typing import Any

import duckdb

ALERT_STATUSES = ("pending", "sending", "sent", "failed", "unknown")


def _columns(cur: duckdb.DuckDBPyConnection) -> list[str]:
    return [c[0] for c in cur.description]


def events_of_date(con: duckdb.DuckDBPyConnection, logical_date: str) -> tuple[list[str], list[tuple]]:
    """Events first seen (or created) on a date, biggest first: outlets, languages, countries."""
    cur = con.execute("""
        SELECT e.event_id, e.title, e.member_count AS articles, e.outlet_count AS outlets,
               list_sort(list_distinct(list(a.source))) AS sources, e.languages, e.countries,
               strftime(e.first_seen, '%Y-%m-%d %H:%M') AS first_seen
        FROM events e JOIN event_articles ea USING (event_id) JOIN articles a USING (article_id)
        WHERE CAST(e.first_seen AS DATE) = ? OR e.created_date = ?
        GROUP BY ALL ORDER BY outlets DESC, articles DESC, e.event_id""", [logical_date, logical_date])
    return _columns(cur), cur.fetchall()


def alerts_list(con: duckdb.DuckDBPyConnection, logical_date: str | None = None,
                status: str | None = None) -> tuple[list[str], list[tuple]]:
    """Alerts with their delivery status per channel, optionally for one logical date and/or status."""
    where, params = [], []
    if logical_date:
        where.append("a.logical_date = CAST(? AS DATE)")
        params.append(logical_date)
    if status:
        where.append("a.status = ?")
        params.append(status)
    cur = con.execute(f"""SELECT a.alert_id, a.rule, a.event_id, e.title, a.channel, a.status, a.attempts,
                                 a.last_error, a.logical_date, a.created_at, a.sent_at
                          FROM alerts a LEFT JOIN events e USING (event_id)
                          {'WHERE ' + ' AND '.join(where) if where else ''}
                          ORDER BY a.alert_id""", params)
    return _columns(cur), cur.fetchall()


def events_for_rules(con: duckdb.DuckDBPyConnection, logical_date: str) -> list[tuple]:
    """(event_id, title, canonical body + every member's title, countries, languages) of events touched on a date."""
    return con.execute("""
        SELECT e.event_id, e.title, any_value(c.text) || chr(10) || string_agg(a.title, chr(10) ORDER BY a.article_id),
               e.countries, e.languages
        FROM events e
        JOIN articles c ON c.article_id = e.canonical_article_id
        JOIN event_articles ea ON ea.event_id = e.event_id
        JOIN articles a ON a.article_id = ea.article_id
        WHERE e.event_id IN (SELECT event_id FROM event_articles WHERE logical_date = ?)
        GROUP BY e.event_id, e.title, e.countries, e.languages ORDER BY e.event_id""", [logical_date]).fetchall()


def followed_storyline(con: duckdb.DuckDBPyConnection, rule: str, event_id: int) -> int | None:
    """The storyline of ``event_id`` when another event of it was already alerted for ``rule``."""
    row = con.execute("""SELECT se.storyline_id FROM storyline_events se
                         WHERE se.event_id = ? AND EXISTS (
                           SELECT 1 FROM storyline_events se2 JOIN alerts al ON al.event_id = se2.event_id
                           WHERE se2.storyline_id = se.storyline_id AND se2.event_id <> se.event_id AND al.rule = ?)""",
                      [event_id, rule]).fetchone()
    return row[0] if row else None


def event_for_payload(con: duckdb.DuckDBPyConnection, event_id: int) -> tuple[Any, ...]:
    return con.execute("""SELECT e.title, e.first_seen, e.member_count, e.outlet_count, e.languages, e.countries, a.canonical_url
                          FROM events e JOIN articles a ON a.article_id = e.canonical_article_id WHERE e.event_id = ?""",
                       [event_id]).fetchone()


def event_articles_for_payload(con: duckdb.DuckDBPyConnection, event_id: int) -> list[tuple]:
    """(source, title, stored canonical URL, language) of an event's members, oldest first."""
    return con.execute("""SELECT a.source, a.title, a.canonical_url, a.language FROM event_articles ea JOIN articles a USING (article_id)
                          WHERE ea.event_id = ? ORDER BY coalesce(a.published_at, a.fetched_at), a.article_id""",
                       [event_id]).fetchall()
