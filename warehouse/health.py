"""Per-source health from ``source_runs``: failures in a row, silence, and redesign symptoms."""

from __future__ import annotations

import json
from dataclasses import dataclass

from newsmon.core.config import Config


@dataclass
class SourceHealth:
    """Health of one feed of one source (a source with an English and a Russian feed has two)."""

    source: str
    kind: str
    feed_url: str = ""
    last_run: str | None = None
    feed_status: int | None = None
    entries: int | None = None
    new: int | None = None
    last_success: str | None = None
    last_new_article: str | None = None
    failures_in_a_row: int = 0
    errors: str = ""
    reason: str = ""

    def row(self) -> list:
        return [self.source, self.kind, self.feed_url, self.last_run, self.feed_status, self.entries, self.new, self.last_success,
                self.last_new_article, self.failures_in_a_row, self.errors, self.reason or "ok"]


def source_health(con, cfg: Config) -> list[SourceHealth]:
    out = []
    for s, f in ((s, f) for s in cfg.sources for f in s.feeds):
        h = SourceHealth(s.name, f.kind, f.url)
        out.append(h)
        if con is None:
            continue
        runs = con.execute(
            """SELECT logical_date, finished_at, ok, feed_status, feed_entries, articles_new + articles_irrelevant,
                      pages_fetched, missing_dates, empty_bodies, errors, not_modified
               FROM source_runs WHERE source = ? AND feed_url = ?
               ORDER BY logical_date DESC, finished_at DESC NULLS LAST LIMIT 30""", [s.name, f.url]).fetchall()
        if not runs:
            continue
        last = runs[0]
        h.last_run, h.feed_status, h.entries, h.new = str(last[1])[:16], last[3], last[4], last[5]
        h.errors = ", ".join(f"{k}={v}" for k, v in sorted(json.loads(last[9]).items()))
        for r in runs:
            if r[2]:
                break
            h.failures_in_a_row += 1
        ok_runs = [r for r in runs if r[2]]
        h.last_success = str(ok_runs[0][1])[:16] if ok_runs else None
        newest = con.execute("""SELECT max(finished_at) FROM source_runs
                                WHERE source = ? AND feed_url = ? AND articles_new > 0""", [s.name, f.url]).fetchone()[0]
        h.last_new_article = str(newest)[:16] if newest else None
        h.reason = _diagnose(cfg, runs, h)
    return out


def _diagnose(cfg: Config, runs, h: SourceHealth) -> str:
    if h.failures_in_a_row >= cfg.health.failures_in_a_row:
        return f"failed {h.failures_in_a_row} runs in a row"
    last = runs[0]
    pages, missing, empty = last[6] or 0, last[7] or 0, last[8] or 0
    # Redesign: pages still fetched but extraction finds no bodies, or no dates, where it used to.
    if pages >= 2 and (empty + missing) >= 0.8 * pages:
        earlier = [r for r in runs[1:] if (r[6] or 0) >= 2]
        if any(((r[7] or 0) + (r[8] or 0)) < 0.5 * r[6] for r in earlier):  # it used to work
            what = "empty bodies" if empty >= missing else "no dates"
            return f"extraction returns {what} on {max(empty, missing)}/{pages} pages (layout change?)"
    # Silence: it used to yield new articles, and none for `silent_days` logical days since.
    latest = max(r[0] for r in runs)
    with_new = [r[0] for r in runs if (r[5] or 0) > 0]
    if with_new and (latest - max(with_new)).days >= cfg.health.silent_days:
        return f"no new articles since {max(with_new)} ({(latest - max(with_new)).days} days)"
    return ""


def unhealthy_sources(con, cfg: Config) -> list[SourceHealth]:
    return [h for h in source_health(con, cfg) if h.reason]
