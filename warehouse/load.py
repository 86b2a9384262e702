"""Load a logical date's crawl output (raw JSON Lines + run stats) into DuckDB.

Each finished spider run (its stats file exists) is loaded in ONE transaction together with
its bookkeeping. A run is known by the sha256 of its files' *content*, not their path: a run
whose stats file was loaded before is skipped — also after the raw directory moved or was copied
elsewhere — so loading twice adds nothing, and a crash mid-load leaves the database as it was.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb

from newsmon.core.config import Config
from newsmon.warehouse.db import transaction

REQUIRED = ("canonical_url", "url", "source", "title", "text", "content_hash", "fetched_at", "run_id")


@dataclass
class LoadResult:
    files_loaded: int = 0
    files_skipped: int = 0
    articles_new: int = 0
    articles_irrelevant: int = 0
    articles_existing: int = 0
    bad_lines: int = 0
    per_source: dict[str, dict[str, Any]] = field(default_factory=dict)


def utc_naive(value: str | None) -> datetime | None:
    if not value:
        return None
    dt = datetime.fromisoformat(value.replace("Z", "+00:00"))
    if dt.tzinfo is not None:
        dt = dt.astimezone(UTC).replace(tzinfo=None)
    return dt


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def sync_sources(con: duckdb.DuckDBPyConnection, cfg: Config) -> None:
    now = datetime.now(UTC).replace(tzinfo=None)
    for s in cfg.sources:
        con.execute(
            """INSERT INTO sources (name, url, kind, country, language, timezone, updated_at, feeds)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?)
               ON CONFLICT (name) DO UPDATE SET url = excluded.url, kind = excluded.kind, country = excluded.country,
               language = excluded.language, timezone = excluded.timezone, updated_at = excluded.updated_at,
               feeds = excluded.feeds""",
            [s.name, s.url, s.feeds[0].kind, s.country, s.language, s.timezone, now,
             json.dumps([f.model_dump() for f in s.feeds])])


_ARTICLE_COLS = ("article_id", "canonical_url", "url", "source", "title", "text", "published_at", "date_precision",
                 "date_method", "authors", "language", "country", "relevant", "relevance_hits", "content_hash",
                 "encoding", "feed_url", "fetched_at", "run_id", "logical_date", "loaded_at")


def _insert_articles(con, recs: list[dict[str, Any]], logical_date: str, now: datetime) -> list[bool]:
    """Store a run's records in bulk (Arrow tables, no per-row statements). Per record: whether it
    was new. A canonical URL already stored — or earlier in ``recs`` — is not new; its URLs become
    aliases of the stored article. New ids follow the records' order (deterministic)."""
    import pyarrow as pa

    urls = pa.table({"u": pa.array(list(dict.fromkeys(r["canonical_url"] for r in recs)), pa.string())})
    con.register("_urls_in", urls)
    try:
        known = dict(con.execute("SELECT canonical_url, article_id FROM articles JOIN _urls_in ON canonical_url = u")
                     .fetchall())
    finally:
        con.unregister("_urls_in")
    fresh, seen = [], set()  # the first record of each new URL, in the records' order
    for r in recs:
        if r["canonical_url"] not in known and r["canonical_url"] not in seen:
            seen.add(r["canonical_url"])
            fresh.append(r)
    if fresh:
        ids = [r[0] for r in con.execute("SELECT nextval('article_id_seq') FROM range(?) ORDER BY 1",
                                         [len(fresh)]).fetchall()]
        known.update(zip((r["canonical_url"] for r in fresh), ids))
        cols = {
            "article_id": pa.array(ids, pa.int64()),
            **{k: pa.array([r[k] for r in fresh], pa.string())
               for k in ("canonical_url", "url", "source", "title", "text", "content_hash", "run_id")},
            **{k: pa.array([r.get(k) for r in fresh], pa.string())
               for k in ("date_precision", "date_method", "language", "country", "encoding", "feed_url")},
            "published_at": pa.array([utc_naive(r.get("published_at")) for r in fresh], pa.timestamp("us")),
            "fetched_at": pa.array([utc_naive(r["fetched_at"]) for r in fresh], pa.timestamp("us")),
            "authors": pa.array([list(r.get("authors") or []) for r in fresh], pa.list_(pa.string())),
            "relevant": pa.array([bool(r.get("relevant", True)) for r in fresh], pa.bool_()),
            "relevance_hits": pa.array([json.dumps(r.get("relevance_hits") or {}) for r in fresh], pa.string()),
            "logical_date": pa.array([r.get("logical_date") or logical_date for r in fresh], pa.string()),
        }
        con.register("_articles_in", pa.table(cols))
        try:
            con.execute(f"""INSERT INTO articles ({", ".join(_ARTICLE_COLS)})
                            SELECT {", ".join(_ARTICLE_COLS[:-1])}, ? FROM _articles_in ORDER BY article_id""", [now])
        finally:
            con.unregister("_articles_in")
    aliases: dict[str, int] = {}
    for r in recs:
        for alias in sorted(set(r.get("aliases") or []) | {r["canonical_url"], r["url"]}):
            aliases.setdefault(alias, known[r["canonical_url"]])
    con.register("_aliases_in", pa.table({"url": pa.array(list(aliases), pa.string()),
                                          "article_id": pa.array(list(aliases.values()), pa.int64())}))
    try:
        con.execute("INSERT INTO article_urls SELECT url, article_id FROM _aliases_in ON CONFLICT DO NOTHING")
    finally:
        con.unregister("_aliases_in")
    first = {r["canonical_url"]: i for i, r in reversed(list(enumerate(recs)))}
    new_urls = {r["canonical_url"] for r in fresh}
    return [r["canonical_url"] in new_urls and first[r["canonical_url"]] == i for i, r in enumerate(recs)]


def _load_run(con, cfg: Config, stats_path: Path, result: LoadResult) -> None:
    stats = json.loads(stats_path.read_text(encoding="utf-8"))
    items_path = stats_path.parent / stats["items_file"]
    logical_date = stats["logical_date"]
    now = datetime.now(UTC).replace(tzinfo=None)
    first_feed = {}  # items written without their feed are counted on the source's first feed
    for s in reversed(stats["sources"]):
        first_feed[s["source"]] = s.get("feed_url") or ""
    new_by_source: dict[tuple[str, str], int] = {}  # per (source, feed)
    irrelevant_by_source: dict[tuple[str, str], int] = {}
    bad = lines = 0
    with transaction(con):
        sync_sources(con, cfg)
        recs = []
        if items_path.exists():
            for line in items_path.read_text(encoding="utf-8").splitlines():
                if not line.strip():
                    continue
                lines += 1
                try:
                    rec = json.loads(line)
                    missing = [k for k in REQUIRED if not rec.get(k)]
                    if missing:
                        raise ValueError(f"missing {', '.join(missing)}")
                except (json.JSONDecodeError, ValueError):
                    bad += 1  # stays in the raw file; counted in the run's errors
                    continue
                recs.append(rec)
        for rec, new in zip(recs, _insert_articles(con, recs, logical_date, now) if recs else []):
            if new:
                key = (rec["source"], rec.get("feed") or first_feed.get(rec["source"], ""))
                if rec.get("relevant", True):
                    new_by_source[key] = new_by_source.get(key, 0) + 1
                else:
                    irrelevant_by_source[key] = irrelevant_by_source.get(key, 0) + 1
            else:
                result.articles_existing += 1
        run_errors: dict[str, int] = {"bad_line": bad} if bad else {}
        pages = dups = 0
        for s in stats["sources"]:
            name, fkey = s["source"], (s["source"], s.get("feed_url") or "")
            errors = s.get("errors") or {}
            for k, v in errors.items():
                run_errors[k] = run_errors.get(k, 0) + v
            pages += s.get("pages_fetched", 0)
            dups += s.get("duplicates", 0)
            feed_ok = s.get("feed_status") in (200, 304) and not any(k.startswith("feed_") and k != "malformed_feed_recovered" for k in errors)
            feed_ok = feed_ok and not any(k in errors for k in ("malformed_feed", "hostile_feed", "not_a_feed"))
            empty = errors.get("no_article", 0)
            con.execute(
                """INSERT INTO source_runs (run_id, source, logical_date, feed_url, feed_status, feed_bytes,
                       feed_entries, not_modified, pages_fetched, articles_new, articles_irrelevant, skipped_known,
                       skipped_offsite, duplicates, missing_dates, day_only_dates, empty_bodies, errors, error_samples,
                       ok, finished_at, retries)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                [stats["run_id"], name, logical_date, s.get("feed_url") or "", s.get("feed_status"), s.get("feed_bytes"),
                 s.get("feed_entries"), s.get("not_modified"), s.get("pages_fetched"), new_by_source.get(fkey, 0),
                 irrelevant_by_source.get(fkey, 0), s.get("skipped_known"), s.get("skipped_offsite"),
                 s.get("duplicates"), s.get("missing_dates"), s.get("day_only_dates"), empty,
                 json.dumps(errors), json.dumps(s.get("error_samples") or []), feed_ok, utc_naive(stats.get("finished_at")), s.get("retries")])
            # Remember validators only for a feed that parsed: a broken one is fetched in full again.
            if feed_ok and s.get("feed_status") == 200 and (s.get("etag") or s.get("last_modified")):
                con.execute("""INSERT INTO feed_state VALUES (?, ?, ?, ?) ON CONFLICT (feed_url) DO UPDATE SET
                               etag = excluded.etag, last_modified = excluded.last_modified, updated_at = excluded.updated_at""",
                            [s["feed_url"], s.get("etag"), s.get("last_modified"), now])
            ps = result.per_source.setdefault(name, {"fetched": 0, "new": 0, "irrelevant": 0, "skipped": 0, "errors": {}})
            ps["fetched"] += s.get("pages_fetched", 0)
            ps["new"] += new_by_source.get(fkey, 0)
            ps["irrelevant"] += irrelevant_by_source.get(fkey, 0)
            ps["skipped"] += s.get("skipped_known", 0) + s.get("duplicates", 0)
            for k, v in errors.items():
                ps["errors"][k] = ps["errors"].get(k, 0) + v
        n_new, n_irr = sum(new_by_source.values()), sum(irrelevant_by_source.values())
        con.execute(
            """INSERT INTO crawl_runs (run_id, logical_date, started_at, finished_at, pages_fetched, articles_stored,
                   articles_irrelevant, duplicates, errors, loaded_at, scrapy_stats)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
               ON CONFLICT (run_id) DO UPDATE SET
                 started_at = least(crawl_runs.started_at, excluded.started_at),
                 finished_at = greatest(crawl_runs.finished_at, excluded.finished_at),
                 pages_fetched = crawl_runs.pages_fetched + excluded.pages_fetched,
                 articles_stored = crawl_runs.articles_stored + excluded.articles_stored,
                 articles_irrelevant = crawl_runs.articles_irrelevant + excluded.articles_irrelevant,
                 duplicates = crawl_runs.duplicates + excluded.duplicates,
                 errors = json_merge_patch(crawl_runs.errors, excluded.errors),
                 loaded_at = excluded.loaded_at""",
            [stats["run_id"], logical_date, utc_naive(stats.get("started_at")), utc_naive(stats.get("finished_at")),
             pages, n_new, n_irr, dups, json.dumps(run_errors), now, json.dumps(stats.get("scrapy_stats") or {})])
        for path, rows in ((stats_path, len(stats["sources"])), (items_path, lines)):
            if path.exists():
                con.execute("""INSERT INTO loaded_files VALUES (?, ?, ?, ?) ON CONFLICT (path) DO UPDATE SET
                               sha256 = excluded.sha256, rows = excluded.rows, loaded_at = excluded.loaded_at""",
                            [str(path.resolve()), _sha256(path), rows, now])
    result.files_loaded += 1
    result.articles_new += n_new
    result.articles_irrelevant += n_irr
    result.bad_lines += bad


def load_date(con: duckdb.DuckDBPyConnection, cfg: Config, logical_date: str) -> LoadResult:
    """Load every finished, not yet loaded crawl run of ``logical_date``."""
    result = LoadResult()
    day_dir = Path(cfg.storage.raw_dir) / f"date={logical_date}"
    if not day_dir.is_dir():
        return result
    loaded = {r[0] for r in con.execute("SELECT sha256 FROM loaded_files").fetchall()}
    for stats_path in sorted(day_dir.glob("*.stats.json")):
        if _sha256(stats_path) in loaded:  # by content: a moved raw directory loads nothing twice
            result.files_skipped += 1
            continue
        _load_run(con, cfg, stats_path, result)
    return result
