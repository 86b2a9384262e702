"""Scale simulation: synthetic articles over 30 days through load → embed → dedupe, one daily run
per day, on one machine.

Articles are copies of the labelled dev set (tests/data/dedupe: 111 articles, 34 events, English
and Russian) with edited titles and texts, spread evenly over ``--days`` days, so that every day
brings new stories, rewrites of recent ones and a warehouse that keeps growing. For each size it
prints the time per stage (summed over the daily runs), the longest write-lock hold of each
stage, the warehouse size and the memory peak (each size runs in its own process), then the
growth between sizes.

``--embedder stub`` replaces the models by a hashing bag-of-words embedder: everything but the
model cost (load, storage, candidate windows, assignment, writes) at sizes the models would take
hours for on 2 cores; the model cost per article is what ``--embedder real`` measures (it does not
depend on the warehouse's size).

Run: .venv/bin/python bench/scale.py [--n 1000 10000] [--days 30] [--embedder real|stub]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

START = datetime(2026, 10, 24)


def synthetic(n: int, days: int) -> list[dict]:
    base = [json.loads(l) for f in sorted((REPO / "tests/data/dedupe").glob("dev_*.jsonl"))
            for l in f.read_text(encoding="utf-8").splitlines()]
    base.sort(key=lambda r: r["published_at"])
    span = timedelta(days=days).total_seconds()
    out = []
    for i in range(n):
        r = dict(base[i % len(base)])
        k = i // len(base)
        r["published_at"] = (START + timedelta(seconds=span * i / n)).strftime("%Y-%m-%dT%H:%M:%SZ")
        r["url"] = f"{r['url']}?copy={k}"
        if k:
            r["title"] = f"{r['title']} ({k})"
            r["text"] = r["text"] + f"\n\nUpdate {k}: the outlet added details on day {k % days}."
        out.append(r)
    return out


class StubEmbedder:
    """Hashing bag of words (384 dims): near-identical texts get near-identical vectors."""

    def __init__(self, name: str):
        self.name = name

    def encode(self, texts):
        import numpy as np

        out = np.zeros((len(texts), 384), dtype=np.float32)
        for i, t in enumerate(texts):
            for w in re.findall(r"\w+", t.lower()):
                out[i, int(hashlib.md5(w.encode()).hexdigest()[:6], 16) % 384] += 1
        return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-12)


def run(n: int, days: int, embedder: str, threads: int) -> dict:
    from newsmon import steps
    from newsmon.core.config import load_config
    from newsmon.dedupe.assign import Embedders, make_embedders
    from newsmon.dedupe.store import embed_new
    from lock_hold import swap_connect
    from newsmon.warehouse import db as dbmod
    from tests.rawfiles import write_run

    cfg = load_config(REPO / "newsmon.toml")
    cfg.dedupe.threads = threads
    if embedder == "stub":
        emb = Embedders(StubEmbedder("stub:mono"), StubEmbedder("stub:multi"))
        emb.mono.languages = tuple(cfg.dedupe.mono_languages)
    else:
        emb = make_embedders(cfg)
        for e in (emb.mono, emb.multi):
            if e is not None:
                e.encode(["warm-up"])  # model load / first-use export: start-up, not per-article cost
    holds: list[float] = []
    real_connect = dbmod.connect

    class Timed:
        def __init__(self, con):
            self._con, self._t = con, time.perf_counter()

        def close(self):
            self._con.close()
            holds.append(time.perf_counter() - self._t)

        def __getattr__(self, name):
            return getattr(self._con, name)

    def timed(path, read_only=False, wait=10.0):
        con = real_connect(path, read_only=read_only, wait=wait)
        return con if read_only else Timed(con)

    recs = synthetic(n, days)
    by_day: dict[str, list[dict]] = {}
    for r in recs:
        by_day.setdefault(r["published_at"][:10], []).append(r)
    stage = {"load": 0.0, "embed": 0.0, "dedupe": 0.0}
    hold = {"load": 0.0, "embed": 0.0, "dedupe": 0.0}  # longest write-lock hold per stage
    events = 0
    with tempfile.TemporaryDirectory() as tmp:
        cfg.storage.db = Path(tmp) / "scale.duckdb"
        cfg.storage.raw_dir = Path(tmp) / "raw"
        restore = swap_connect(timed)
        try:
            for day, day_recs in sorted(by_day.items()):
                write_run(cfg.storage.raw_dir, day, "run-" + day, day_recs)
                t = time.perf_counter()
                steps.load(cfg, day)
                hold["load"] = max([hold["load"], *holds])
                holds.clear()
                t1 = time.perf_counter()
                embed_new(cfg, emb)
                hold["embed"] = max([hold["embed"], *holds])
                holds.clear()
                t2 = time.perf_counter()
                res = steps.dedupe(cfg, day, embedder=emb)
                hold["dedupe"] = max([hold["dedupe"], *holds])
                holds.clear()
                t3 = time.perf_counter()
                stage["load"] += t1 - t
                stage["embed"] += t2 - t1
                stage["dedupe"] += t3 - t2
                events += res.opened
        finally:
            restore()
        con = real_connect(cfg.storage.db)
        con.execute("CHECKPOINT")
        counts = con.execute("SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM events), "
                             "(SELECT count(*) FROM article_embeddings)").fetchall()[0]
        con.close()
        size = cfg.storage.db.stat().st_size
    return {"n": n, "days": len(by_day), "embedder": embedder, **stage, "total": sum(stage.values()),
            "hold": hold, "events": events, "articles": counts[0],
            "vectors": counts[2], "db_mb": size / 1e6,
            "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--days", type=int, default=30)
    ap.add_argument("--embedder", choices=["real", "stub"], default="real")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(run(args.one, args.days, args.embedder, args.threads)))
        return
    print(f"{args.days} days of synthetic articles, daily load → embed → dedupe, embedder: {args.embedder}, "
          f"{args.threads} threads, load average at start {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print(f"{'articles':>8s} {'load s':>8s} {'embed s':>8s} {'dedupe s':>9s} {'total s':>8s} {'art/s':>6s} "
          f"{'lock s load/embed/dedupe':>24s} {'events':>7s} {'db MB':>7s} {'peak MB':>8s}")
    rows = []
    for n in sorted(args.n):
        proc = subprocess.run([sys.executable, __file__, "--one", str(n), "--days", str(args.days),
                               "--embedder", args.embedder, "--threads", str(args.threads)],
                              capture_output=True, text=True, cwd=REPO)
        if proc.returncode != 0:
            sys.exit(f"{n} articles failed:\n{proc.stderr[-3000:]}")
        r = json.loads(proc.stdout.strip().splitlines()[-1])
        rows.append(r)
        print(f"{n:8d} {r['load']:8.1f} {r['embed']:8.1f} {r['dedupe']:9.1f} {r['total']:8.1f} {n / r['total']:6.1f} "
              f"{r['hold']['load']:8.2f}/{r['hold']['embed']:.2f}/{r['hold']['dedupe']:.2f} {r['events']:7d} {r['db_mb']:7.1f} {r['peak_mb']:8.0f}", flush=True)
    for a, b in zip(rows, rows[1:]):
        f = b["n"] / a["n"]
        print(f"growth {a['n']}→{b['n']} (×{f:.0f}): load ×{b['load'] / a['load']:.1f}, embed ×{b['embed'] / a['embed']:.1f}, "
              f"dedupe ×{b['dedupe'] / a['dedupe']:.1f}, total ×{b['total'] / a['total']:.1f}, "
              f"warehouse ×{b['db_mb'] / a['db_mb']:.1f}, memory ×{b['peak_mb'] / a['peak_mb']:.1f} (linear ×{f:.0f})")


if __name__ == "__main__":
    main()
