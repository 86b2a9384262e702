"""Write crawler-shaped raw output (JSON Lines + stats) for loader/dedupe tests."""

from __future__ import annotations

import json
from pathlib import Path

from newsmon.core.text import content_hash


def write_run(raw_dir: Path, logical_date: str, run_id: str, records: list[dict], spider: str = "feeds") -> Path:
    day = raw_dir / f"date={logical_date}"
    day.mkdir(parents=True, exist_ok=True)
    items = day / f"{run_id}.{spider}.jsonl"
    sources = {}
    with items.open("w", encoding="utf-8") as fh:
        for r in records:
            item = {"url": r["url"], "canonical_url": r["url"], "title": r["title"], "text": r["text"],
                    "published_at": r["published_at"], "date_precision": "minute", "date_method": "jsonld",
                    "authors": [], "language": r.get("language"), "content_hash": content_hash(r["text"]),
                    "source": r["source"], "fetched_at": r["published_at"], "relevant": r.get("relevant", True),
                    "run_id": run_id, "logical_date": logical_date}
            fh.write(json.dumps(item, ensure_ascii=False) + "\n")
            s = sources.setdefault(r["source"], {"source": r["source"], "kind": "rss", "feed_url": f"http://{r['source']}/feed",
                                                 "feed_status": 200, "pages_fetched": 0, "errors": {}})
            s["pages_fetched"] += 1
    stats = day / f"{run_id}.{spider}.stats.json"
    stats.write_text(json.dumps({"run_id": run_id, "spider": spider, "logical_date": logical_date,
                                 "started_at": "2026-11-22T00:00:00+00:00", "finished_at": "2026-11-22T00:10:00+00:00",
                                 "items_file": items.name, "sources": list(sources.values())}))
    return stats
