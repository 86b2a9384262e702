"""Versioned, re-runnable schema migrations. Append new steps; never edit applied ones.
All timestamps are UTC (TIMESTAMP without time zone)."""

from __future__ import annotations

import duckdb

MIGRATIONS: list[tuple[int, str, str]] = [
    (1, "crawl tables", """
    CREATE TABLE sources (
        name VARCHAR PRIMARY KEY, url VARCHAR NOT NULL, kind VARCHAR NOT NULL,
        country VARCHAR, language VARCHAR, timezone VARCHAR, updated_at TIMESTAMP NOT NULL);
    CREATE SEQUENCE article_id_seq START 1;
    CREATE TABLE articles (
        article_id BIGINT PRIMARY KEY DEFAULT nextval('article_id_seq'),
        canonical_url VARCHAR NOT NULL UNIQUE,
        url VARCHAR NOT NULL,
        source VARCHAR NOT NULL,
        title VARCHAR NOT NULL,
        text VARCHAR NOT NULL,
        published_at TIMESTAMP,          -- UTC; NULL when no date was found
        date_precision VARCHAR,          -- 'minute' | 'day' (day: time of day unknown, 00:00 stored)
        date_method VARCHAR,             -- jsonld | meta | time-tag | feed | visible-text | url | htmldate
        authors VARCHAR[] NOT NULL,
        language VARCHAR,
        country VARCHAR,                 -- the source's country
        relevant BOOLEAN NOT NULL,
        relevance_hits JSON,
        content_hash VARCHAR NOT NULL,
        encoding VARCHAR,
        feed_url VARCHAR,
        fetched_at TIMESTAMP NOT NULL,
        run_id VARCHAR NOT NULL,
        logical_date DATE NOT NULL,
        loaded_at TIMESTAMP NOT NULL);
    CREATE INDEX articles_published ON articles(published_at);
    CREATE INDEX articles_hash ON articles(content_hash);
    CREATE TABLE article_urls (url VARCHAR PRIMARY KEY, article_id BIGINT NOT NULL);
    CREATE TABLE crawl_runs (
        run_id VARCHAR PRIMARY KEY, logical_date DATE NOT NULL,
        started_at TIMESTAMP, finished_at TIMESTAMP,
        pages_fetched INTEGER NOT NULL, articles_stored INTEGER NOT NULL,
        articles_irrelevant INTEGER NOT NULL, duplicates INTEGER NOT NULL,
        errors JSON NOT NULL, loaded_at TIMESTAMP NOT NULL);
    CREATE TABLE source_runs (
        run_id VARCHAR NOT NULL, source VARCHAR NOT NULL, logical_date DATE NOT NULL,
        feed_url VARCHAR, feed_status INTEGER, feed_bytes BIGINT, feed_entries INTEGER,
        not_modified BOOLEAN, pages_fetched INTEGER, articles_new INTEGER, articles_irrelevant INTEGER,
        skipped_known INTEGER, skipped_offsite INTEGER, duplicates INTEGER, missing_dates INTEGER,
        day_only_dates INTEGER, empty_bodies INTEGER, errors JSON NOT NULL, error_samples JSON,
        ok BOOLEAN NOT NULL, finished_at TIMESTAMP,
        PRIMARY KEY (run_id, source));
    CREATE TABLE feed_state (
        feed_url VARCHAR PRIMARY KEY, etag VARCHAR, last_modified VARCHAR, updated_at TIMESTAMP);
    CREATE TABLE loaded_files (
        path VARCHAR PRIMARY KEY, sha256 VARCHAR NOT NULL, rows INTEGER NOT NULL, loaded_at TIMESTAMP NOT NULL);
    """),
    (2, "dedupe tables", """
    CREATE TABLE article_embeddings (
        article_id BIGINT NOT NULL, model VARCHAR NOT NULL, vector FLOAT[] NOT NULL,
        embedded_at TIMESTAMP NOT NULL, PRIMARY KEY (article_id, model));
    CREATE TABLE article_entities (
        article_id BIGINT NOT NULL, kind VARCHAR NOT NULL,   -- entity | number | date
        value VARCHAR NOT NULL, count INTEGER NOT NULL,
        PRIMARY KEY (article_id, kind, value));
    CREATE SEQUENCE event_id_seq START 1;
    CREATE TABLE events (
        event_id BIGINT PRIMARY KEY DEFAULT nextval('event_id_seq'),
        canonical_article_id BIGINT NOT NULL,
        title VARCHAR NOT NULL,
        first_seen TIMESTAMP NOT NULL, last_seen TIMESTAMP NOT NULL,
        member_count INTEGER NOT NULL, outlet_count INTEGER NOT NULL,
        languages VARCHAR[] NOT NULL, countries VARCHAR[] NOT NULL,
        created_date DATE NOT NULL, updated_at TIMESTAMP NOT NULL);
    CREATE TABLE event_articles (
        article_id BIGINT PRIMARY KEY, event_id BIGINT NOT NULL,
        similarity DOUBLE,        -- cosine to the event's canonical article (NULL for the canonical itself)
        score DOUBLE,             -- decision score that made it join
        reason VARCHAR NOT NULL,  -- opened | exact-hash | same-title | matched
        logical_date DATE NOT NULL, assigned_at TIMESTAMP NOT NULL);
    CREATE INDEX event_articles_event ON event_articles(event_id);
    """),
    (3, "alerts", """
    CREATE SEQUENCE alert_id_seq START 1;
    CREATE TABLE alerts (
        alert_id BIGINT PRIMARY KEY DEFAULT nextval('alert_id_seq'),
        rule VARCHAR NOT NULL, event_id BIGINT NOT NULL, channel VARCHAR NOT NULL,
        status VARCHAR NOT NULL,  -- pending | sent | failed
        attempts INTEGER NOT NULL, last_error VARCHAR, payload JSON NOT NULL,
        logical_date DATE NOT NULL, created_at TIMESTAMP NOT NULL, sent_at TIMESTAMP,
        UNIQUE (rule, event_id, channel));
    CREATE TABLE event_growth (
        rule VARCHAR NOT NULL, event_id BIGINT NOT NULL, logical_date DATE NOT NULL,
        member_count INTEGER NOT NULL, outlet_count INTEGER NOT NULL, recorded_at TIMESTAMP NOT NULL,
        PRIMARY KEY (rule, event_id, logical_date));
    """),
    (4, "per-feed source runs, Scrapy's own stats, feeds per source", """
    CREATE TABLE source_runs_v4 (
        run_id VARCHAR NOT NULL, source VARCHAR NOT NULL, logical_date DATE NOT NULL,
        feed_url VARCHAR NOT NULL, feed_status INTEGER, feed_bytes BIGINT, feed_entries INTEGER,
        not_modified BOOLEAN, pages_fetched INTEGER, articles_new INTEGER, articles_irrelevant INTEGER,
        skipped_known INTEGER, skipped_offsite INTEGER, duplicates INTEGER, missing_dates INTEGER,
        day_only_dates INTEGER, empty_bodies INTEGER, errors JSON NOT NULL, error_samples JSON,
        ok BOOLEAN NOT NULL, finished_at TIMESTAMP, retries INTEGER,
        PRIMARY KEY (run_id, source, feed_url));
    INSERT INTO source_runs_v4 SELECT run_id, source, logical_date, coalesce(feed_url, ''), feed_status, feed_bytes,
        feed_entries, not_modified, pages_fetched, articles_new, articles_irrelevant, skipped_known, skipped_offsite,
        duplicates, missing_dates, day_only_dates, empty_bodies, errors, error_samples, ok, finished_at, NULL
        FROM source_runs;
    DROP TABLE source_runs;
    ALTER TABLE source_runs_v4 RENAME TO source_runs;
    ALTER TABLE crawl_runs ADD COLUMN scrapy_stats JSON;
    ALTER TABLE sources ADD COLUMN feeds JSON;
    """),
    (5, "storylines and digest deliveries", """
    CREATE SEQUENCE storyline_id_seq START 1;
    CREATE TABLE storylines (
        storyline_id BIGINT PRIMARY KEY DEFAULT nextval('storyline_id_seq'),
        title VARCHAR NOT NULL,            -- the title of its first event
        first_event_id BIGINT NOT NULL,
        first_seen TIMESTAMP NOT NULL, last_seen TIMESTAMP NOT NULL,
        event_count INTEGER NOT NULL,
        created_date DATE NOT NULL, updated_at TIMESTAMP NOT NULL);
    CREATE TABLE storyline_events (
        event_id BIGINT PRIMARY KEY, storyline_id BIGINT NOT NULL,
        linked_to BIGINT,         -- the earlier event it linked to best (NULL for the event that opened it)
        score DOUBLE,             -- link score to that event
        reason VARCHAR NOT NULL,  -- 'opened', or the signals of the link
        logical_date DATE NOT NULL, linked_at TIMESTAMP NOT NULL);
    CREATE INDEX storyline_events_storyline ON storyline_events(storyline_id);
    CREATE TABLE digest_deliveries (
        logical_date DATE NOT NULL, channel VARCHAR NOT NULL,
        status VARCHAR NOT NULL,  -- sent | failed
        attempts INTEGER NOT NULL, last_error VARCHAR, events INTEGER NOT NULL,
        sent_at TIMESTAMP, updated_at TIMESTAMP NOT NULL,
        PRIMARY KEY (logical_date, channel));
    """),
]


def migrate(con: duckdb.DuckDBPyConnection) -> int:
    """Apply pending migrations, each in its own transaction. Returns the schema version."""
    con.execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR, applied_at TIMESTAMP)")
    done = {r[0] for r in con.execute("SELECT version FROM schema_migrations").fetchall()}
    for version, name, sql in MIGRATIONS:
        if version in done:
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(sql)
            con.execute("INSERT INTO schema_migrations VALUES (?, ?, now()::TIMESTAMP)", [version, name])
        except BaseException:
            con.execute("ROLLBACK")
            raise
        con.execute("COMMIT")
    return max([v for v, _, _ in MIGRATIONS])
