"""Per-article caches in DuckDB: embeddings (per model) and signals. Nothing is embedded twice.

Vectors move in bulk (Arrow tables in and out of DuckDB), never row by row. ``embed_new`` does
the slow part of a dedupe run — embedding and entity extraction — from a read-only snapshot,
without holding the write lock, and stores the results in short write transactions; the dedupe
step that follows then finds every vector cached.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np

from newsmon.core.embedders import Embedder, Embedders, embedding_text, make_embedders
from newsmon.dedupe.signals import Signals, extract_signals
from newsmon.warehouse.db import connect, transaction

log = logging.getLogger("newsmon.dedupe")


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def wanted_languages(embedder: Embedder) -> tuple[str, ...] | None:
    """Languages whose articles need this embedder's vector (None: all). A main model used only
    within ``mono_languages`` (MiniLM: English) is not run on the other languages' articles:
    the decision never reads those vectors."""
    langs = getattr(embedder, "languages", None)
    return tuple(langs) if langs else None


def _want(con, article_ids: list[int]) -> None:
    import pyarrow as pa

    con.execute("CREATE OR REPLACE TEMP TABLE _want (article_id BIGINT)")
    con.register("_want_ids", pa.table({"article_id": pa.array(article_ids, pa.int64())}))
    try:
        con.execute("INSERT INTO _want SELECT article_id FROM _want_ids")
    finally:
        con.unregister("_want_ids")


def write_vectors(con, model: str, article_ids, vectors: np.ndarray, embedded_at: datetime | None = None) -> int:
    """Store vectors in one bulk insert (an Arrow table, no per-row statements). The caller
    holds the transaction. Returns the rows offered (already stored ones are kept)."""
    import pyarrow as pa

    vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    if not len(vectors):
        return 0
    table = pa.table({"article_id": pa.array(np.asarray(article_ids, dtype=np.int64)),
                      "vector": pa.FixedSizeListArray.from_arrays(pa.array(vectors.ravel()), vectors.shape[1])})
    con.register("_vectors_in", table)
    try:
        con.execute("""INSERT INTO article_embeddings (article_id, model, vector, embedded_at)
                       SELECT article_id, ?, vector::FLOAT[], ? FROM _vectors_in ON CONFLICT DO NOTHING""",
                    [model, embedded_at or _now()])
    finally:
        con.unregister("_vectors_in")
    return len(vectors)


def read_vectors(con, model: str, article_ids: list[int] | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(ids, matrix) of the stored vectors of ``model`` (for ``article_ids`` if given), in bulk."""
    if article_ids is not None:
        _want(con, article_ids)
        sql = """SELECT e.article_id, e.vector FROM article_embeddings e JOIN _want USING (article_id)
                 WHERE e.model = ? ORDER BY e.article_id"""
    else:
        sql = "SELECT article_id, vector FROM article_embeddings WHERE model = ? ORDER BY article_id"
    tbl = con.sql(sql, params=[model]).to_arrow_table()
    ids = tbl.column("article_id").to_numpy()
    if not len(ids):
        return ids.astype(np.int64), np.zeros((0, 384), dtype=np.float32)
    col = tbl.column("vector").combine_chunks()
    flat = col.flatten().to_numpy(zero_copy_only=False).astype(np.float32, copy=False)
    return ids.astype(np.int64), flat.reshape(len(ids), -1)


def ensure_embeddings(con, embedder: Embedder, article_ids: list[int], batch: int = 512) -> dict[int, np.ndarray]:
    """Vectors of ``embedder`` for the articles, computing and storing the missing ones.

    After ``embed_new`` nothing is missing and this is one bulk read."""
    if not article_ids:
        return {}
    ids, mat = read_vectors(con, embedder.name, article_ids)
    out = dict(zip(ids.tolist(), mat))
    langs = wanted_languages(embedder)
    lang_sql = "AND list_contains(?, a.language)" if langs else ""
    missing = con.execute(f"""SELECT a.article_id, a.title, a.text, a.language FROM articles a JOIN _want USING (article_id)
                              WHERE a.article_id NOT IN (SELECT article_id FROM article_embeddings WHERE model = ?)
                              {lang_sql} ORDER BY a.article_id""",
                          [embedder.name] + ([list(langs)] if langs else [])).fetchall()
    if missing:
        log.info("embedding %d articles with %s", len(missing), embedder.name)
    for start in range(0, len(missing), batch):
        chunk = missing[start:start + batch]
        vecs = embedder.encode([embedding_text(t, x, language=lang) for _, t, x, lang in chunk])
        with transaction(con):
            write_vectors(con, embedder.name, [r[0] for r in chunk], vecs)
        out.update({aid: vec for (aid, *_), vec in zip(chunk, vecs)})
    return out


def _signal_rows(aid: int, s: Signals) -> list[tuple]:
    rows = [(aid, "entity", e, c) for e, c in s.entities.items()] + [(aid, "number", n, 1) for n in s.numbers]
    return rows or [(aid, "none", "", 0)]


def write_signals(con, signals: dict[int, Signals]) -> None:
    """Store entities and numbers in one bulk insert; the caller holds the transaction."""
    import pyarrow as pa

    rows = [r for aid, s in signals.items() for r in _signal_rows(aid, s)]
    if not rows:
        return
    aid, kind, value, count = zip(*rows)
    con.register("_signals_in", pa.table({"article_id": pa.array(aid, pa.int64()), "kind": pa.array(kind, pa.string()),
                                          "value": pa.array(value, pa.string()), "count": pa.array(count, pa.int32())}))
    try:
        con.execute("""INSERT INTO article_entities (article_id, kind, value, count)
                       SELECT article_id, kind, value, count FROM _signals_in ON CONFLICT DO NOTHING""")
    finally:
        con.unregister("_signals_in")


def ensure_signals(con, article_ids: list[int]) -> dict[int, Signals]:
    """Entities and numbers per article (stored in article_entities; 'none' marks an article without any)."""
    if not article_ids:
        return {}
    _want(con, article_ids)
    out: dict[int, Signals] = {}
    rows = con.execute("""SELECT ae.article_id, ae.kind, ae.value, ae.count FROM article_entities ae
                          JOIN _want USING (article_id)""").fetchall()
    for aid, kind, value, count in rows:
        s = out.setdefault(aid, Signals())
        if kind == "entity":
            s.entities[value] = count
        elif kind == "number":
            s.numbers.add(value)
    missing = con.execute("""SELECT a.article_id, a.title, a.text, a.language FROM articles a JOIN _want USING (article_id)
                             WHERE a.article_id NOT IN (SELECT article_id FROM article_entities)""").fetchall()
    if missing:
        new = {aid: extract_signals(title, text, lang) for aid, title, text, lang in missing}
        with transaction(con):
            write_signals(con, new)
        out.update(new)
    for aid in article_ids:
        out.setdefault(aid, Signals())
    return out


# --------------------------------------------------------------------------------------------
# Embedding outside the write lock


@dataclass
class EmbedStats:
    articles: int = 0                                      # articles the next dedupe run will read
    embedded: dict[str, int] = field(default_factory=dict)  # model -> vectors computed
    signals: int = 0                                       # articles whose entities were extracted
    read_seconds: float = 0.0
    embed_seconds: float = 0.0
    write_seconds: float = 0.0                             # time holding the write lock, in all
    longest_write: float = 0.0                             # the longest single hold

    @property
    def seconds(self) -> float:
        return self.read_seconds + self.embed_seconds + self.write_seconds

    def describe(self) -> str:
        models = ", ".join(f"{n} {m}" for m, n in self.embedded.items()) or "none"
        return (f"embedded {models}; signals of {self.signals} articles; read {self.read_seconds:.1f}s, "
                f"embed {self.embed_seconds:.1f}s, write {self.write_seconds:.2f}s (longest lock {self.longest_write:.2f}s)")


_PENDING = """
WITH new AS (SELECT article_id, coalesce(published_at, fetched_at) AS t FROM articles
             WHERE relevant AND article_id NOT IN (SELECT article_id FROM event_articles)),
     span AS (SELECT min(t) - to_microseconds(?) AS lo, max(t) + to_microseconds(?) AS hi FROM new),
     needed AS (SELECT article_id FROM new
                UNION
                SELECT a.article_id FROM articles a JOIN event_articles USING (article_id), span
                WHERE coalesce(a.published_at, a.fetched_at) BETWEEN span.lo AND span.hi)
SELECT a.article_id, a.language, a.title, a.text,
       list(e.model) FILTER (WHERE e.model IS NOT NULL) AS have,
       a.article_id IN (SELECT article_id FROM article_entities) AS has_signals
FROM needed JOIN articles a USING (article_id)
LEFT JOIN article_embeddings e ON e.article_id = a.article_id AND list_contains(?, e.model)
GROUP BY ALL ORDER BY a.article_id
"""


def pending(con, embedders: list[Embedder], window_days: float) -> tuple[int, dict[str, list[tuple]], list[tuple]]:
    """From a read snapshot: (articles the next dedupe reads, model -> (id, text) still to embed,
    (id, title, text, language) still without signals) — the new articles and the members of their window."""
    micros = int(timedelta(days=window_days).total_seconds() * 1e6)
    rows = con.execute(_PENDING, [micros, micros, [e.name for e in embedders]]).fetchall()
    todo: dict[str, list[tuple]] = {e.name: [] for e in embedders}
    sig = []
    for aid, lang, title, text, have, has_signals in rows:
        have = set(have or ())
        for e in embedders:
            langs = wanted_languages(e)
            if e.name not in have and (langs is None or lang in langs):
                todo[e.name].append((aid, embedding_text(title, text, language=lang)))
        if not has_signals:
            sig.append((aid, title, text, lang))
    return len(rows), todo, sig


def embed_new(cfg, embedders, chunk: int = 512, wait: float = 120.0) -> EmbedStats:
    """Compute every vector and signal the next dedupe run needs (``embedders``: a list, or the
    (mono, multi) pair of ``assign.make_embedders``), holding no lock while computing.

    1. a read-only connection lists what is missing and reads the texts, then closes;
    2. the models embed ``chunk`` texts at a time (entity extraction alongside);
    3. each chunk is stored by a short write transaction on a connection opened for it alone
       (waiting up to ``wait`` s if another step writes), so readers are refused only for that long.
    A crash loses at most the chunk in flight; a re-run continues where it stopped.
    """

    if isinstance(embedders, Embedders):
        embedders = embedders.all()
    window_days = cfg.dedupe.window_days
    stats = EmbedStats()
    db = Path(cfg.storage.db)
    if not db.exists():
        return stats
    t0 = time.perf_counter()
    con = connect(db, read_only=True, wait=wait)
    try:
        stats.articles, todo, sig = pending(con, embedders, window_days)
    finally:
        con.close()
    stats.read_seconds = time.perf_counter() - t0

    def store(model: str | None, ids, vecs, signals: dict[int, Signals]) -> None:
        t = time.perf_counter()
        w = connect(db, wait=wait)
        try:
            with transaction(w):
                if model is not None:
                    write_vectors(w, model, ids, vecs)
                if signals:
                    write_signals(w, signals)
        finally:
            w.close()
        held = time.perf_counter() - t
        stats.write_seconds += held
        stats.longest_write = max(stats.longest_write, held)

    sig_left = list(sig)
    for e in embedders:
        items = todo[e.name]
        if items:
            log.info("embedding %d articles with %s (no lock held)", len(items), e.name)
        for start in range(0, len(items), chunk):
            part = items[start:start + chunk]
            t = time.perf_counter()
            vecs = e.encode([text for _, text in part])
            # Signals ride along with the first model's chunks: one write per chunk for both.
            signals = {aid: extract_signals(title, text, lang) for aid, title, text, lang in sig_left[:len(part)]}
            del sig_left[:len(part)]
            stats.embed_seconds += time.perf_counter() - t
            store(e.name, [aid for aid, _ in part], vecs, signals)
            stats.embedded[e.name] = stats.embedded.get(e.name, 0) + len(part)
            stats.signals += len(signals)
    for start in range(0, len(sig_left), chunk):
        part = sig_left[start:start + chunk]
        t = time.perf_counter()
        signals = {aid: extract_signals(title, text, lang) for aid, title, text, lang in part}
        stats.embed_seconds += time.perf_counter() - t
        store(None, [], None, signals)
        stats.signals += len(signals)
    return stats


# --------------------------------------------------------------------------------------------
# The whole step without holding the lock for long: snapshot -> compute -> one short write

SYNCED = ("events", "event_articles", "article_embeddings", "article_entities")


class _Stale(Exception):
    """The warehouse's events changed between the snapshot and the write."""


def _copy(src, dst, table: str, sql: str, params: list | None = None) -> int:
    tbl = src.sql(sql, params=params or []).to_arrow_table()
    if tbl.num_rows:
        dst.register("_copy_in", tbl)
        try:
            dst.execute(f"INSERT INTO {table} BY NAME SELECT * FROM _copy_in")
        finally:
            dst.unregister("_copy_in")
    return tbl.num_rows


def _counts(con) -> dict[str, int]:
    names = [r[0] for r in con.execute("SELECT table_name FROM duckdb_tables() WHERE NOT temporary").fetchall()]
    return {n: con.execute(f'SELECT count(*) FROM "{n}"').fetchall()[0][0] for n in names}


def snapshot(ro, window_days: float, models: list[str]):
    """An in-memory copy of what a dedupe run reads: the unassigned relevant articles, every event
    with a member in their window (all its members: the event row is recomputed from them), their
    vectors of ``models`` and their signals. Returns (connection, marker of the events' state)."""
    import duckdb

    from newsmon.warehouse.migrations import migrate

    mem = duckdb.connect(":memory:")
    migrate(mem)
    micros = int(timedelta(days=window_days).total_seconds() * 1e6)
    ids = ro.sql(f"""
        WITH new AS (SELECT article_id, coalesce(published_at, fetched_at) AS t FROM articles
                     WHERE relevant AND article_id NOT IN (SELECT article_id FROM event_articles)),
             span AS (SELECT min(t) - to_microseconds({micros}) AS lo, max(t) + to_microseconds({micros}) AS hi FROM new),
             evs AS (SELECT DISTINCT ea.event_id FROM event_articles ea JOIN articles a USING (article_id), span
                     WHERE coalesce(a.published_at, a.fetched_at) BETWEEN span.lo AND span.hi)
        SELECT article_id FROM new
        UNION SELECT ea.article_id FROM event_articles ea JOIN evs USING (event_id)""").to_arrow_table()
    mem.register("_ids", ids)
    ro.register("_ids", ids)
    try:
        _copy(ro, mem, "articles", "SELECT a.* FROM articles a JOIN _ids USING (article_id)")
        _copy(ro, mem, "event_articles", "SELECT ea.* FROM event_articles ea JOIN _ids USING (article_id)")
        _copy(ro, mem, "events", "SELECT * FROM events WHERE event_id IN (SELECT event_id FROM event_articles "
                                 "JOIN _ids USING (article_id))")
        _copy(ro, mem, "article_embeddings", "SELECT e.* FROM article_embeddings e JOIN _ids USING (article_id) "
                                             "WHERE list_contains(?, e.model)", [models])
        _copy(ro, mem, "article_entities", "SELECT e.* FROM article_entities e JOIN _ids USING (article_id)")
    finally:
        ro.unregister("_ids")
        mem.unregister("_ids")
    marker = ro.execute("SELECT (SELECT coalesce(max(event_id), 0) FROM events), "
                        "(SELECT count(*) FROM event_articles)").fetchall()[0]
    if marker[0]:  # the copy's new event ids continue the warehouse's (remapped on write all the same)
        mem.execute("SELECT max(nextval('event_id_seq')) FROM range(?)", [marker[0]]).fetchall()
    return mem, marker


def _apply(w, mem, marker, before: dict[str, int]) -> dict[int, int]:
    """Write what the run computed in ``mem`` into the warehouse ``w`` (caller holds the
    transaction). Returns the map of the copy's new event ids to the warehouse's."""
    import pyarrow as pa

    now = w.execute("SELECT (SELECT coalesce(max(event_id), 0) FROM events), (SELECT count(*) FROM event_articles)").fetchall()[0]
    if tuple(now) != tuple(marker):
        raise _Stale(f"events changed since the snapshot ({marker} -> {now})")
    snap_max = marker[0]
    new_events = [r[0] for r in mem.execute("SELECT event_id FROM events WHERE event_id > ? ORDER BY event_id",
                                            [snap_max]).fetchall()]
    real = [r[0] for r in w.execute("SELECT nextval('event_id_seq') FROM range(?) ORDER BY 1",
                                    [len(new_events)]).fetchall()] if new_events else []
    remap = dict(zip(new_events, real))
    mem.register("_remap", pa.table({"old": pa.array(list(remap), pa.int64()), "new": pa.array(real, pa.int64())}))
    try:
        cols = [r[0] for r in mem.execute("SELECT column_name FROM duckdb_columns() WHERE table_name = 'events' "
                                          "ORDER BY column_index").fetchall()]
        others = [c for c in cols if c != "event_id"]
        ev = mem.sql("SELECT coalesce(r.new, e.event_id) AS event_id, e.* EXCLUDE (event_id) FROM events e "
                     "LEFT JOIN _remap r ON r.old = e.event_id").to_arrow_table()
        ea = mem.sql("SELECT ea.* EXCLUDE (event_id), coalesce(r.new, ea.event_id) AS event_id FROM event_articles ea "
                     "LEFT JOIN _remap r ON r.old = ea.event_id").to_arrow_table()
    finally:
        mem.unregister("_remap")
    w.register("_ev", ev)
    w.register("_ea", ea)
    try:
        w.execute("INSERT INTO events BY NAME SELECT * FROM _ev WHERE event_id NOT IN (SELECT event_id FROM events)")
        sets = ", ".join(f'"{c}" = m."{c}"' for c in others)
        w.execute(f"""UPDATE events SET {sets} FROM _ev m WHERE events.event_id = m.event_id
                      AND m.event_id <= ? AND m.updated_at IS DISTINCT FROM events.updated_at""", [snap_max])
        w.execute("INSERT INTO event_articles BY NAME SELECT * FROM _ea "
                  "WHERE article_id NOT IN (SELECT article_id FROM event_articles)")
        w.execute("""UPDATE event_articles SET similarity = m.similarity FROM _ea m
                     WHERE event_articles.article_id = m.article_id
                       AND m.similarity IS DISTINCT FROM event_articles.similarity""")
    finally:
        w.unregister("_ev")
        w.unregister("_ea")
    for table in ("article_embeddings", "article_entities"):  # computed during the run (none after embed_new)
        if _counts_one(mem, table) > before.get(table, 0):
            tbl = mem.sql(f"SELECT * FROM {table}").to_arrow_table()
            w.register("_rows", tbl)
            try:
                w.execute(f"INSERT INTO {table} BY NAME SELECT * FROM _rows ON CONFLICT DO NOTHING")
            finally:
                w.unregister("_rows")
    return remap


def _counts_one(con, table: str) -> int:
    return con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0]


def dedupe_outside_lock(cfg, logical_date: str, run, embedder=None, wait: float = 120.0):
    """The dedupe step holding the write lock for a moment instead of minutes.

    1. ``embed_new``: vectors and signals computed from a read snapshot, stored in short writes;
    2. a read-only connection copies what the run reads into memory (``snapshot``) and closes;
    3. ``run`` (``assign.run_dedupe``, unchanged) decides and writes on that in-memory copy;
    4. one write transaction adds the new events and memberships and updates the touched
       events — unless another dedupe changed the events meanwhile: then ``run`` runs again on
       the warehouse itself, the safe way.
    ``run`` writing any table other than ``SYNCED`` also sends it down the safe way.
    """

    emb = embedder or make_embedders(cfg)
    pre = embed_new(cfg, emb, wait=wait)
    models = [e.name for e in emb.all()]
    t = time.perf_counter()
    ro = connect(cfg.storage.db, read_only=True, wait=wait)
    try:
        mem, marker = snapshot(ro, cfg.dedupe.window_days, models)
    finally:
        ro.close()
    read_s = time.perf_counter() - t
    try:
        before = _counts(mem)
        result = run(mem, cfg, logical_date, embedder=emb)
        changed = {n for n, c in _counts(mem).items() if c != before.get(n)} - set(SYNCED)
        w = connect(cfg.storage.db, wait=wait)
        try:
            if changed:
                log.warning("dedupe wrote %s, which the snapshot write-back does not copy: re-running under the lock",
                            ", ".join(sorted(changed)))
                result = run(w, cfg, logical_date, embedder=emb)
            else:
                try:
                    with transaction(w):
                        remap = _apply(w, mem, marker, before)
                    result.events_touched = {remap.get(e, e) for e in result.events_touched}
                except _Stale as exc:
                    log.warning("%s: re-running the assignment under the lock", exc)
                    result = run(w, cfg, logical_date, embedder=emb)
        finally:
            w.close()
    finally:
        mem.close()
    result.embed_seconds += pre.seconds + read_s
    return result
