"""Embedding fanned out over workers: the warehouse exports texts in batches (Parquet), any
worker embeds a batch into a vectors file (Parquet), the single writer loads the vectors.

The files live under ``raw_dir/date=D/embed/``; every stage is idempotent (a batch whose
vectors file exists is not embedded again; loading skips vectors already stored), so an
Airflow retry of any one batch is safe. ``dedupe`` then finds every vector cached.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from newsmon.core.config import Config
from newsmon.core.embedders import Embedder
from newsmon.dedupe.store import pending
from newsmon.warehouse.db import transaction


def embed_dir(cfg: Config, logical_date: str) -> Path:
    return Path(cfg.storage.raw_dir) / f"date={logical_date}" / "embed"


def _pyarrow():
    import pyarrow as pa
    import pyarrow.compute  # noqa: F401  (pa.compute)
    import pyarrow.parquet as pq

    return pa, pq


def export_batches(con, cfg: Config, logical_date: str, embedders: list[Embedder], batch_size: int = 256) -> list[str]:
    """What the next dedupe run still has to embed (``store.pending``: the new articles and the
    members of their window, per model, only in the languages each model serves), as Parquet
    batches of (article_id, model, text)."""
    pa, pq = _pyarrow()
    _, todo, _ = pending(con, embedders, cfg.dedupe.window_days)
    rows = sorted((aid, model, text) for model, items in todo.items() for aid, text in items)
    out = embed_dir(cfg, logical_date)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for start in range(0, len(rows), batch_size):
        chunk = rows[start:start + batch_size]
        path = out / f"texts-{chunk[0][0]:010d}-{chunk[-1][0]:010d}-{len(chunk)}.parquet"  # by content: stable re-runs
        if not path.exists():
            table = pa.table({"article_id": pa.array([r[0] for r in chunk], pa.int64()),
                              "model": [r[1] for r in chunk], "text": [r[2] for r in chunk]})
            tmp = path.with_suffix(".tmp")
            pq.write_table(table, tmp)
            tmp.replace(path)
        paths.append(str(path))
    return paths


def embed_batch(texts_path: str, embedders: list[Embedder]) -> str:
    """Vectors of one texts batch, each row by the model it names, written beside it (skipped when already there)."""
    pa, pq = _pyarrow()
    src = Path(texts_path)
    dst = src.with_name(src.name.replace("texts-", "vectors-"))
    if dst.exists():
        return str(dst)
    table = pq.read_table(src)
    by_name = {e.name: e for e in embedders}
    parts = []
    for model in sorted(set(table.column("model").to_pylist())):
        if model not in by_name:
            raise ValueError(f"{src.name}: batch names model {model!r}, not configured here ({', '.join(by_name)})")
        rows = table.filter(pa.compute.equal(table.column("model"), model))
        vecs = np.asarray(by_name[model].encode(rows.column("text").to_pylist()), dtype=np.float32)
        parts.append(pa.table({"article_id": rows.column("article_id"), "model": rows.column("model"),
                               "vector": pa.FixedSizeListArray.from_arrays(pa.array(vecs.ravel()), vecs.shape[1]).cast(
                                   pa.list_(pa.float32()))}))
    tmp = dst.with_suffix(".tmp")
    pq.write_table(pa.concat_tables(parts), tmp)
    tmp.replace(dst)
    return str(dst)


def load_vectors(con, paths: list[str]) -> int:
    """Bulk-load vectors files into article_embeddings in one short transaction; returns rows added."""
    if not paths:
        return 0
    now = datetime.now(UTC).replace(tzinfo=None)
    with transaction(con):
        before = con.execute("SELECT count(*) FROM article_embeddings").fetchone()[0]
        con.execute("""INSERT INTO article_embeddings (article_id, model, vector, embedded_at)
                       SELECT article_id, model, vector, ? FROM read_parquet(?)
                       ON CONFLICT DO NOTHING""", [now, paths])
        return con.execute("SELECT count(*) FROM article_embeddings").fetchone()[0] - before
