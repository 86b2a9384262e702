"""Per-article caches in DuckDB: embeddings (per model) and signals. Nothing is embedded twice."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

import numpy as np

from newsmon.dedupe.embedders import Embedder, embedding_text
from newsmon.dedupe.signals import Signals, extract_signals

log = logging.getLogger("newsmon.dedupe")


def ensure_embeddings(con, embedder: Embedder, article_ids: list[int], batch: int = 256) -> dict[int, np.ndarray]:
    """Vectors of ``embedder`` for the articles, computing and storing the missing ones."""
    if not article_ids:
        return {}
    con.execute("CREATE OR REPLACE TEMP TABLE _want (article_id BIGINT)")
    con.executemany("INSERT INTO _want VALUES (?)", [[i] for i in article_ids])
    have = dict(con.execute("""SELECT e.article_id, e.vector FROM article_embeddings e JOIN _want USING (article_id)
                               WHERE e.model = ?""", [embedder.name]).fetchall())
    out = {k: np.asarray(v, dtype=np.float32) for k, v in have.items()}
    missing = con.execute("""SELECT a.article_id, a.title, a.text FROM articles a JOIN _want USING (article_id)
                             WHERE a.article_id NOT IN (SELECT article_id FROM article_embeddings WHERE model = ?)
                             ORDER BY a.article_id""", [embedder.name]).fetchall()
    now = datetime.now(UTC).replace(tzinfo=None)
    if missing:
        log.info("embedding %d articles with %s", len(missing), embedder.name)
    for start in range(0, len(missing), batch):
        chunk = missing[start:start + batch]
        vecs = embedder.encode([embedding_text(t, x) for _, t, x in chunk])
        con.execute("BEGIN TRANSACTION")
        con.executemany("INSERT INTO article_embeddings VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                        [[aid, embedder.name, vec.tolist(), now] for (aid, _, _), vec in zip(chunk, vecs)])
        con.execute("COMMIT")
        out.update({aid: vec for (aid, _, _), vec in zip(chunk, vecs)})
    return out


def ensure_signals(con, article_ids: list[int]) -> dict[int, Signals]:
    """Entities and numbers per article (stored in article_entities; 'none' marks an article without any)."""
    if not article_ids:
        return {}
    con.execute("CREATE OR REPLACE TEMP TABLE _want (article_id BIGINT)")
    con.executemany("INSERT INTO _want VALUES (?)", [[i] for i in article_ids])
    out: dict[int, Signals] = {}
    rows = con.execute("""SELECT ae.article_id, ae.kind, ae.value, ae.count FROM article_entities ae
                          JOIN _want USING (article_id)""").fetchall()
    for aid, kind, value, count in rows:
        s = out.setdefault(aid, Signals())
        if kind == "entity":
            s.entities[value] = count
        elif kind == "number":
            s.numbers.add(value)
    missing = con.execute("""SELECT a.article_id, a.title, a.text FROM articles a JOIN _want USING (article_id)
                             WHERE a.article_id NOT IN (SELECT article_id FROM article_entities)""").fetchall()
    if missing:
        con.execute("BEGIN TRANSACTION")
        for aid, title, text in missing:
            s = extract_signals(title, text)
            out[aid] = s
            rows = [[aid, "entity", e, c] for e, c in s.entities.items()] + [[aid, "number", n, 1] for n in s.numbers]
            rows = rows or [[aid, "none", "", 0]]
            con.executemany("INSERT INTO article_entities VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING", rows)
        con.execute("COMMIT")
    for aid in article_ids:
        out.setdefault(aid, Signals())
    return out
