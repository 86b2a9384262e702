"""What the crawler needs to know before it requests anything (read-only)."""

from __future__ import annotations

from pathlib import Path

import duckdb

from newsmon.warehouse.db import connect


def crawl_state(db: Path | str) -> tuple[set[str], dict[str, tuple[str | None, str | None]]]:
    """(known article URLs incl. aliases, feed_url -> (etag, last_modified))."""
    if not Path(db).exists():
        return set(), {}
    con = connect(db, read_only=True, wait=60)
    try:
        known = {r[0] for r in con.execute("SELECT url FROM article_urls").fetchall()}
        feeds = {r[0]: (r[1], r[2]) for r in con.execute("SELECT feed_url, etag, last_modified FROM feed_state").fetchall()}
    except duckdb.CatalogException:
        return set(), {}
    finally:
        con.close()
    return known, feeds
