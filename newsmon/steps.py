"""The pipeline's steps as plain functions: the CLI and the Airflow DAG both call these.

Each takes a Config and a logical date (YYYY-MM-DD) and is idempotent for that date.
Heavy imports (Scrapy, torch) stay inside the functions.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from newsmon.core.config import Config


class StepError(RuntimeError):
    pass


@dataclass
class CrawlResult:
    run_id: str
    logical_date: str
    stats_files: list[str] = field(default_factory=list)
    per_source: dict[str, dict[str, Any]] = field(default_factory=dict)
    returncode: int = 0


def parse_date(value: str | date | None) -> str:
    if value is None:
        return datetime.now(UTC).date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    # Strictly YYYY-MM-DD: date.fromisoformat alone also takes 2026-W47, 20261121, 2026-326.
    import re

    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise ValueError(value)
        return date.fromisoformat(value).isoformat()
    except ValueError as exc:
        raise StepError(f"--date must be a calendar date YYYY-MM-DD, got {value[:40]!r}") from exc


def crawl(cfg: Config, logical_date: str, sources: list[str] | None = None, log_level: str = "WARNING") -> CrawlResult:
    """Run the spiders in a subprocess; output lands in raw_dir/date=<logical_date>/."""
    run_id = datetime.now(UTC).strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6]
    cmd = [sys.executable, "-m", "newsmon.crawlers.runner", "--date", logical_date, "--run-id", run_id,
           "--db", str(cfg.storage.db), "--log-level", log_level]
    if cfg.path:
        cmd += ["--config", str(Path(cfg.path).resolve())]
    if sources:
        unknown = set(sources) - {s.name for s in cfg.sources}
        if unknown:
            raise StepError(f"unknown source(s): {', '.join(sorted(unknown))}")
        cmd += ["--sources", ",".join(sources)]
    env = dict(os.environ, NEWSMON_RAW_DIR=str(Path(cfg.storage.raw_dir).resolve()))
    proc = subprocess.run(cmd, env=env, cwd=str(Path.cwd()))
    result = CrawlResult(run_id=run_id, logical_date=logical_date, returncode=proc.returncode)
    day_dir = Path(cfg.storage.raw_dir) / f"date={logical_date}"
    for stats_path in sorted(day_dir.glob(f"{run_id}.*.stats.json")):
        result.stats_files.append(str(stats_path))
        for s in json.loads(stats_path.read_text(encoding="utf-8"))["sources"]:  # one per feed
            ps = result.per_source.setdefault(s["source"], {"fetched": 0, "new": 0, "irrelevant": 0, "skipped": 0,
                                                            "not_modified": True, "errors": {}})
            ps["fetched"] += s["pages_fetched"]
            ps["new"] += s["relevant"]
            ps["irrelevant"] += s["irrelevant"]
            ps["skipped"] += s["skipped_known"] + s["duplicates"]
            ps["not_modified"] = ps["not_modified"] and s["not_modified"]
            for k, v in s["errors"].items():
                ps["errors"][k] = ps["errors"].get(k, 0) + v
    if proc.returncode != 0 and not result.stats_files:
        raise StepError(f"crawler exited with status {proc.returncode} and wrote no output")
    return result


def _write(cfg: Config, step, *args, **kwargs):
    """Run a writing step on one read-write connection (DuckDB: one writer at a time)."""
    from newsmon.warehouse.db import connect

    con = connect(cfg.storage.db)
    try:
        return step(con, cfg, *args, **kwargs)
    finally:
        con.close()


def load(cfg: Config, logical_date: str):
    from newsmon.warehouse.load import load_date

    return _write(cfg, load_date, logical_date)


def _embedders(cfg: Config) -> list:
    from newsmon.core.embedders import make_embedders

    return make_embedders(cfg).all()  # cheap: models load on first encode


def plan_embedding(cfg: Config, logical_date: str, batch_size: int = 256) -> list[str]:
    """Fan-out, part 1 (beside the DuckDB file, read-only): texts still to embed, as Parquet batches."""
    from newsmon.dedupe.batches import export_batches
    from newsmon.warehouse.db import connect

    con = connect(cfg.storage.db, read_only=True)
    try:
        return export_batches(con, cfg, logical_date, _embedders(cfg), batch_size)
    finally:
        con.close()


def embed_batch(cfg: Config, texts_path: str) -> str:
    """Fan-out, part 2 (any worker that sees raw_dir): one batch's vectors, as Parquet."""
    from newsmon.dedupe.batches import embed_batch as embed

    return embed(texts_path, _embedders(cfg))


def dedupe(cfg: Config, logical_date: str, embedder=None):
    """Load vectors embedded by fanned-out workers (if any), then cluster; missing vectors are embedded here."""
    from newsmon.dedupe.assign import run_dedupe
    from newsmon.dedupe.batches import embed_dir, load_vectors
    from newsmon.dedupe.store import dedupe_outside_lock

    vector_files = sorted(str(p) for p in embed_dir(cfg, logical_date).glob("vectors-*.parquet"))
    loaded = _write(cfg, lambda con, _cfg: load_vectors(con, vector_files)) if vector_files else 0

    # Embedding and deciding work on read snapshots; the write lock is held only to store (issue 15).
    result = dedupe_outside_lock(cfg, logical_date, run_dedupe, embedder)
    result.vectors_loaded = loaded
    return result


def storylines(cfg: Config, logical_date: str):
    """Link the new events into storylines (events keep their identity)."""
    from newsmon.dedupe.storylines import run_storylines

    return _write(cfg, run_storylines, logical_date)


def digest(cfg: Config, logical_date: str, send: bool = True) -> dict[str, Any]:
    """The date's digest; with ``send``, delivered once per date and channel."""
    from newsmon.web.digest import run_digest

    return run_digest(cfg, logical_date, send=send)


def alert(cfg: Config, logical_date: str):
    from newsmon.alerts.dispatch import run_alerts

    # An outbox: opens short write transactions itself and delivers with the write lock released.
    return run_alerts(cfg, logical_date)
