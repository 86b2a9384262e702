"""Evaluate the dedupe on labelled JSON Lines (``newsmon eval-dedupe``).

Each line: id, event (gold label), source, language, published_at, title, text.
Optional ``near_miss_groups.toml`` beside the files names groups of events that share a
topic but are different happenings; their cross pairs must stay apart.
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass
from datetime import datetime
from itertools import combinations
from pathlib import Path

import numpy as np

from newsmon.dedupe.cluster import cluster_all
from newsmon.dedupe.decide import Doc, Params, pair_score
from newsmon.dedupe.assign import decision_params, make_embedders
from newsmon.dedupe.embedders import embedding_text
from newsmon.dedupe.features import make_doc
from newsmon.dedupe.metrics import bcubed, pair_recall, pair_separation, pairwise
from newsmon.dedupe.signals import extract_signals
from newsmon.crawlers.extract.article import content_hash
from newsmon.core.config import Config



@dataclass
class EvalSet:
    records: list[dict]
    docs: list[Doc]
    gold: dict[int, str]
    near_miss_pairs: list[tuple[int, int]]
    cross_lang_pairs: list[tuple[int, int]]
    seed_pair: tuple[int, int] | None


REQUIRED = ("event", "published_at", "title", "text")


def load_records(paths: list[Path]) -> list[dict]:
    """Labelled records; `language` is detected and `source`/`id` filled in when missing."""
    from newsmon.core.language import detect_language

    recs = []
    for p in paths:
        files = sorted(p.glob("*.jsonl")) if p.is_dir() else [p]
        if not files:
            raise ValueError(f"{p}: no .jsonl files")
        for f in files:
            for n, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1):
                if not line.strip():
                    continue
                try:
                    r = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise ValueError(f"{f}:{n}: not JSON: {exc}") from exc
                missing = [k for k in REQUIRED if not r.get(k)]
                if missing:
                    raise ValueError(f"{f}:{n}: missing {', '.join(missing)}")
                r.setdefault("id", f"{f.stem}:{n}")
                r.setdefault("source", "unknown")
                r["language"] = r.get("language") or detect_language(f"{r['title']}\n{r['text']}")
                recs.append(r)
    return recs


def _groups_files(paths: list[Path]) -> list[dict]:
    out = []
    for p in paths:
        f = (p if p.is_dir() else p.parent) / "near_miss_groups.toml"
        if f.exists():
            out.append(tomllib.loads(f.read_text(encoding="utf-8")))
    return out


def _near_miss_groups(paths: list[Path]) -> list[list[str]]:
    return [g for doc in _groups_files(paths) for g in doc.get("groups", {}).values()]


def _seed_pair(recs: list[dict], paths: list[Path]) -> tuple[int, int] | None:
    """The seed pair (AFP story, its rewrite) named by id in the set's ``[seed_pair]`` table."""
    for doc in _groups_files(paths):
        ids = doc.get("seed_pair", {}).get("ids")
        if ids:
            keys = [next((i for i, r in enumerate(recs) if r.get("id") == x), None) for x in ids]
            if None not in keys:
                return keys[0], keys[1]
    return None


def build_set(paths: list[Path], cfg: Config) -> EvalSet:
    recs = load_records(paths)
    d = cfg.dedupe
    emb = make_embedders(cfg)
    texts = [embedding_text(r["title"], r["text"]) for r in recs]
    mono = emb.mono.encode(texts) if emb.mono else None
    multi = emb.multi.encode(texts) if emb.multi else None
    docs = []
    for i, r in enumerate(recs):
        t = datetime.fromisoformat(r["published_at"].replace("Z", "+00:00")).replace(tzinfo=None)
        docs.append(make_doc(i, r["source"], r.get("language"), t, r["title"], content_hash(r["text"]),
                             extract_signals(r["title"], r["text"]), None if mono is None else mono[i],
                             None if multi is None else multi[i]))
    gold = {i: r["event"] for i, r in enumerate(recs)}
    nm_pairs = []
    for group in _near_miss_groups(paths):
        members = [i for i, r in enumerate(recs) if r["event"] in group]
        nm_pairs += [(a, b) for a, b in combinations(members, 2) if gold[a] != gold[b]]
    xl = [(a, b) for a, b in combinations(range(len(recs)), 2)
          if gold[a] == gold[b] and recs[a].get("language") != recs[b].get("language")]
    return EvalSet(recs, docs, gold, nm_pairs, xl, _seed_pair(recs, paths))


def baseline_clusters(es: EvalSet, threshold: float) -> dict[int, int]:
    """Greedy single-link on MiniLM cosine alone (the naive approach the notes warn about)."""
    pred: dict[int, int] = {}
    order = sorted(es.docs, key=lambda x: (x.time, x.key))
    for i, doc in enumerate(order):
        best, best_sim = None, threshold
        for other in order[:i]:
            s = float(doc.mono @ other.mono)
            if s >= best_sim:
                best, best_sim = pred[other.key], s
        pred[doc.key] = best if best is not None else doc.key
    return pred


def score_lines(name: str, es: EvalSet, pred: dict[int, int]) -> list[str]:
    pp, pr, pf = pairwise(es.gold, pred)
    bp, br, bf = bcubed(es.gold, pred)
    merged_nm = sum(pred[a] == pred[b] for a, b in es.near_miss_pairs)
    return [f"{name}",
            f"  pairwise   P={pp:.3f} R={pr:.3f} F1={pf:.3f}",
            f"  B-cubed    P={bp:.3f} R={br:.3f} F1={bf:.3f}",
            f"  cross-language pair recall {pair_recall(es.cross_lang_pairs, pred):.3f} ({len(es.cross_lang_pairs)} pairs)",
            f"  near-miss pairs kept apart {pair_separation(es.near_miss_pairs, pred):.3f} "
            f"({merged_nm} of {len(es.near_miss_pairs)} merged)",
            f"  events predicted {len(set(pred.values()))} (gold {len(set(es.gold.values()))})"]


def seed_margin_lines(es: EvalSet, p: Params) -> list[str]:
    if not es.seed_pair:
        return ["seed pair: not found in the set"]
    if any(d.mono is None for d in es.docs):
        return ["seed pair margin: needs the sentence-transformers backend"]
    a, b = es.seed_pair
    mono = np.stack([d.mono for d in es.docs])
    sims = mono @ mono.T
    seed = float(sims[a, b])
    worst = max((float(sims[i, j]), i, j) for i, j in combinations(range(len(es.docs)), 2) if es.gold[i] != es.gold[j])
    seed_score = pair_score(es.docs[a], es.docs[b], p).score
    worst_score = max(pair_score(es.docs[i], es.docs[j], p).score
                      for i, j in combinations(range(len(es.docs)), 2) if es.gold[i] != es.gold[j])
    return [f"seed pair MiniLM cosine {seed:.3f}; highest non-duplicate pair cosine {worst[0]:.3f} "
            f"({es.records[worst[1]]['id']} ~ {es.records[worst[2]]['id']}): margin {seed - worst[0]:+.3f}",
            f"seed pair decision score {seed_score:.3f}; highest non-duplicate pair score {worst_score:.3f}: "
            f"margin {seed_score - worst_score:+.3f} (threshold {p.threshold})"]


def evaluate_files(paths: list[Path], cfg: Config, baseline: bool = True) -> str:
    es = build_set(paths, cfg)
    langs = sorted({r.get("language") for r in es.records})
    lines = [f"{len(es.records)} articles, {len(set(es.gold.values()))} events, languages {langs}, "
             f"{len(es.cross_lang_pairs)} cross-language pairs, {len(es.near_miss_pairs)} near-miss pairs", ""]
    params = decision_params(cfg)
    pred = cluster_all(es.docs, params, cfg.dedupe.window_days)
    lines += score_lines("newsmon (embeddings + entities + numbers + time)", es, pred)
    if baseline and all(d.mono is not None for d in es.docs):
        best = max(((bcubed(es.gold, baseline_clusters(es, t))[2], t) for t in np.arange(0.5, 0.951, 0.05)))
        lines += [""] + score_lines(f"baseline: MiniLM cosine threshold only (best threshold {best[1]:.2f})",
                                    es, baseline_clusters(es, best[1]))
    lines += [""] + seed_margin_lines(es, params)
    return "\n".join(lines)
