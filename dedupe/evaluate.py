"""Evaluate the dedupe on labelled JSON Lines (``newsmon eval-dedupe``).

Each line: id, event (gold label), source, language, published_at, title, text; optional
``script`` (latn/cyrl) and ``role`` (original/rewrite/translation/update/follow-up/near-miss).

Two layouts of a labelled folder:

- **splits**: ``<split>.jsonl`` with ``<split>_groups.toml`` beside it (``dev``, ``test``). Every
  split is scored on its own. Its groups file has ``[near_miss]`` groups of events that must stay
  apart, ``[follow_ups]`` pairs (earlier event, later event: one storyline, two events),
  ``[developing]`` events (figures revised over days: one event) and ``[big]`` events.
- **one set**: any other ``*.jsonl`` files, scored together, with an optional
  ``near_miss_groups.toml`` (``[groups]`` of near-miss events, ``[seed_pair]`` ids).

Besides pairwise and B-cubed figures the report gives the classes: developing stories kept whole
(updates joined), follow-ups and near-misses kept apart, the big events, recall per language
(and script), and how well the multilingual vector alone links each language to the others.
"""

from __future__ import annotations

import json
import tomllib
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from itertools import combinations
from pathlib import Path

import numpy as np

from newsmon.dedupe.cluster import cluster_all
from newsmon.dedupe.decide import Doc, Params, pair_score
from newsmon.dedupe.assign import Embedders, decision_params, make_embedders
from newsmon.core.embedders import embedding_text
from newsmon.dedupe.features import make_doc
from newsmon.dedupe.metrics import bcubed, pair_recall, pair_separation, pairwise
from newsmon.dedupe.signals import extract_signals
from newsmon.core.text import content_hash
from newsmon.core.config import Config


@dataclass
class Groups:
    near_miss: list[list[str]] = field(default_factory=list)
    follow_ups: list[tuple[str, str]] = field(default_factory=list)
    developing: list[str] = field(default_factory=list)
    big: list[str] = field(default_factory=list)
    seed_ids: list[str] = field(default_factory=list)

    def merge(self, other: Groups) -> None:
        self.near_miss += other.near_miss
        self.follow_ups += other.follow_ups
        self.developing += other.developing
        self.big += other.big
        self.seed_ids = self.seed_ids or other.seed_ids


@dataclass
class SetSpec:
    name: str
    files: list[Path]
    groups: Groups


@dataclass
class EvalSet:
    records: list[dict]
    docs: list[Doc]
    gold: dict[int, str]
    near_miss_pairs: list[tuple[int, int]]
    cross_lang_pairs: list[tuple[int, int]]
    seed_pair: tuple[int, int] | None
    groups: Groups = field(default_factory=Groups)
    name: str = ""


REQUIRED = ("event", "published_at", "title", "text")


def read_groups(f: Path) -> Groups:
    """Either groups format: ``<split>_groups.toml`` or the older ``near_miss_groups.toml``."""
    if not f.exists():
        return Groups()
    d = tomllib.loads(f.read_text(encoding="utf-8"))
    g = Groups()
    for key in ("near_miss", "groups"):
        g.near_miss += [list(v) for v in d.get(key, {}).values()]
    for name, pair in d.get("follow_ups", {}).items():
        if len(pair) != 2:
            raise ValueError(f"{f}: follow_ups.{name} must name two events (earlier, later)")
        g.follow_ups.append((pair[0], pair[1]))
    g.developing = list(d.get("developing", {}).get("events", []))
    g.big = list(d.get("big", {}).get("events", []))
    g.seed_ids = list(d.get("seed_pair", {}).get("ids", []))
    return g


def discover(paths: list[Path]) -> list[SetSpec]:
    """The sets to score: every split (``<split>.jsonl`` + ``<split>_groups.toml``) on its own,
    all other files together as one set."""
    splits: list[SetSpec] = []
    rest: list[Path] = []
    rest_groups = Groups()
    seen_dirs: set[Path] = set()
    for p in paths:
        files = sorted(p.glob("*.jsonl")) if p.is_dir() else [p]
        if not files:
            raise ValueError(f"{p}: no .jsonl files")
        for f in files:
            gf = f.with_name(f"{f.stem}_groups.toml")
            if gf.exists():
                splits.append(SetSpec(f"{f.parent.name}/{f.stem}", [f], read_groups(gf)))
            else:
                rest.append(f)
                if f.parent not in seen_dirs:
                    seen_dirs.add(f.parent)
                    rest_groups.merge(read_groups(f.parent / "near_miss_groups.toml"))
    out = []
    if rest:
        out.append(SetSpec(", ".join(sorted({str(f.parent.name) for f in rest})), rest, rest_groups))
    return out + splits


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


def _seed_pair(recs: list[dict], ids: list[str]) -> tuple[int, int] | None:
    """The seed pair (AFP story, its rewrite) named by id in the set's ``[seed_pair]`` table."""
    if len(ids) >= 2:
        keys = [next((i for i, r in enumerate(recs) if r.get("id") == x), None) for x in ids[:2]]
        if None not in keys:
            return keys[0], keys[1]
    return None


def build_set(paths: list[Path], cfg: Config, groups: Groups | None = None, emb: Embedders | None = None,
              name: str = "") -> EvalSet:
    recs = load_records(paths)
    if groups is None:
        groups = Groups()
        for spec in discover(paths):
            groups.merge(spec.groups)
    emb = emb or make_embedders(cfg)
    texts = [embedding_text(r["title"], r["text"], language=r.get("language")) for r in recs]
    mono = emb.mono.encode(texts) if emb.mono else None
    multi = emb.multi.encode(texts) if emb.multi else None
    docs = []
    for i, r in enumerate(recs):
        t = datetime.fromisoformat(r["published_at"].replace("Z", "+00:00")).replace(tzinfo=None)
        docs.append(make_doc(i, r["source"], r.get("language"), t, r["title"], content_hash(r["text"]),
                             extract_signals(r["title"], r["text"], r.get("language")), None if mono is None else mono[i],
                             None if multi is None else multi[i]))
    gold = {i: r["event"] for i, r in enumerate(recs)}
    # Groups naming events of files not scored here (one file of a multi-file set) are cut to the events present.
    known = set(gold.values())
    groups = Groups([[e for e in g if e in known] for g in groups.near_miss],
                    [(a, b) for a, b in groups.follow_ups if a in known and b in known],
                    [e for e in groups.developing if e in known], [e for e in groups.big if e in known], groups.seed_ids)
    nm_pairs = []
    for group in groups.near_miss:
        members = [i for i, r in enumerate(recs) if r["event"] in group]
        nm_pairs += [(a, b) for a, b in combinations(members, 2) if gold[a] != gold[b]]
    xl = [(a, b) for a, b in combinations(range(len(recs)), 2)
          if gold[a] == gold[b] and recs[a].get("language") != recs[b].get("language")]
    return EvalSet(recs, docs, gold, nm_pairs, xl, _seed_pair(recs, groups.seed_ids), groups, name)


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


def language_label(r: dict) -> str:
    """Language, with the script where the set gives one for a language written in two (kk-latn)."""
    lang, script = r.get("language") or "?", r.get("script")
    return f"{lang}-{script}" if script and lang not in ("en", "ru") else lang


def _members(es: EvalSet) -> dict[str, list[int]]:
    out: dict[str, list[int]] = defaultdict(list)
    for k, label in es.gold.items():
        out[label].append(k)
    return out


def _event_pairs_apart(es: EvalSet, pairs: list[tuple[str, str]], pred: dict[int, int]) -> tuple[int, int]:
    """(event pairs with no article shared between their predicted clusters, article pairs merged)."""
    members = _members(es)
    apart = merged = 0
    for a, b in pairs:
        m = sum(pred[x] == pred[y] for x in members[a] for y in members[b])
        apart += m == 0
        merged += m
    return apart, merged


def _whole(es: EvalSet, label: str, pred: dict[int, int]) -> bool:
    """All the event's articles in one predicted cluster, and nothing else in it."""
    ks = _members(es)[label]
    clusters = {pred[k] for k in ks}
    return len(clusters) == 1 and sum(v == pred[ks[0]] for v in pred.values()) == len(ks)


def class_lines(es: EvalSet, pred: dict[int, int]) -> list[str]:
    g, members, out = es.groups, _members(es), []
    if g.developing:
        whole = [e for e in g.developing if len({pred[k] for k in members[e]}) == 1]
        updates = [k for e in g.developing for k in members[e] if es.records[k].get("role") == "update"]
        joined = 0
        for k in updates:
            e = es.gold[k]
            lead = next((m for m in members[e] if es.records[m].get("role") == "original"), min(members[e]))
            joined += pred[k] == pred[lead]
        pairs = [(a, b) for e in g.developing for a, b in combinations(members[e], 2)]
        split = [e for e in g.developing if e not in whole]
        out.append(f"  developing stories whole {len(whole)} of {len(g.developing)}; updates joined to their lead "
                   f"{joined} of {len(updates)}; pair recall {pair_recall(pairs, pred):.3f}"
                   + (f"  split: {', '.join(split)}" if split else ""))
    if g.follow_ups:
        apart, merged = _event_pairs_apart(es, g.follow_ups, pred)
        bad = [f"{a}~{b}" for a, b in g.follow_ups if _event_pairs_apart(es, [(a, b)], pred)[1]]
        out.append(f"  follow-up pairs kept apart {apart} of {len(g.follow_ups)} ({merged} article pairs merged)"
                   + (f"  merged: {', '.join(bad)}" if bad else ""))
    if g.near_miss:
        ev_pairs = [(a, b) for grp in g.near_miss for a, b in combinations(grp, 2)]
        apart, merged = _event_pairs_apart(es, ev_pairs, pred)
        bad = [f"{a}~{b}" for a, b in ev_pairs if _event_pairs_apart(es, [(a, b)], pred)[1]]
        out.append(f"  near-miss event pairs kept apart {apart} of {len(ev_pairs)} ({merged} article pairs merged)"
                   + (f"  merged: {', '.join(bad)}" if bad else ""))
    if g.big:
        pairs = [(a, b) for e in g.big for a, b in combinations(members[e], 2)]
        whole = sum(_whole(es, e, pred) for e in g.big)
        sizes = ", ".join(f"{e} {len(members[e])} articles in {len({pred[k] for k in members[e]})} cluster(s)" for e in g.big)
        out.append(f"  big events whole {whole} of {len(g.big)}; pair recall {pair_recall(pairs, pred):.3f} ({sizes})")
    return out


def language_lines(es: EvalSet, pred: dict[int, int]) -> list[str]:
    """Per language: recall of its same-event pairs with other languages and within its own, and
    B-cubed recall of its articles."""
    labels = [language_label(r) for r in es.records]
    members = _members(es)
    out = ["  per-language recall (pairs with other languages | within the language | B-cubed recall of its articles)"]
    for lab in sorted(set(labels), key=lambda x: (-labels.count(x), x)):
        mine = [k for k in es.gold if labels[k] == lab]
        cross = [(k, m) for k in mine for m in members[es.gold[k]] if labels[m] != lab]
        within = [(k, m) for k, m in combinations(mine, 2) if es.gold[k] == es.gold[m]]
        brec = sum(sum(pred[m] == pred[k] for m in members[es.gold[k]]) / len(members[es.gold[k]]) for k in mine) / len(mine)
        out.append(f"    {lab:8} {len(mine):3} articles: {pair_recall(cross, pred):.3f} ({len(cross)} pairs)"
                   f" | {pair_recall(within, pred):.3f} ({len(within)} pairs) | {brec:.3f}")
    return out


def multilingual_link_lines(es: EvalSet) -> list[str]:
    """How far the multilingual vector alone links each language's articles to their event's
    versions in the other languages: for every article, is its most similar other-language
    article (by e5 cosine) from the same event, and the mean same-event vs best other-event cosine."""
    if any(d.multi is None for d in es.docs):
        return []
    labels = [language_label(r) for r in es.records]
    m = np.stack([d.multi for d in es.docs])
    sims = m @ m.T
    out = ["  multilingual vector alone: nearest other-language article from the same event "
           "| mean cosine same event vs nearest other event"]
    for lab in sorted(set(labels), key=lambda x: (-labels.count(x), x)):
        hits = n = 0
        same, other = [], []
        for k in (k for k in es.gold if labels[k] == lab):
            cand = [j for j in es.gold if labels[j] != lab and j != k]
            if not any(es.gold[j] == es.gold[k] for j in cand):
                continue
            n += 1
            best = max(cand, key=lambda j: sims[k, j])
            hits += es.gold[best] == es.gold[k]
            same += [sims[k, j] for j in cand if es.gold[j] == es.gold[k]]
            diff = [sims[k, j] for j in cand if es.gold[j] != es.gold[k]]
            if diff:
                other.append(max(diff))
        if n:
            out.append(f"    {lab:8} {hits} of {n} ({hits / n:.3f}) | {np.mean(same):.3f} vs {np.mean(other) if other else float('nan'):.3f}")
    return out


def seed_margin_lines(es: EvalSet, p: Params) -> list[str]:
    if not es.seed_pair:
        return []
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


def predict(es: EvalSet, cfg: Config) -> dict[int, int]:
    """The production decision (the warehouse step's Clusterer) over the whole set."""
    return cluster_all(es.docs, decision_params(cfg), cfg.dedupe.window_days, tuple(cfg.dedupe.wire_sources))


def report_set(es: EvalSet, cfg: Config, baseline: bool = True) -> list[str]:
    langs = sorted({language_label(r) for r in es.records})
    lines = [f"== {es.name}: {len(es.records)} articles, {len(set(es.gold.values()))} events, languages {langs}, "
             f"{len(es.cross_lang_pairs)} cross-language pairs, {len(es.near_miss_pairs)} near-miss pairs", ""]
    params = decision_params(cfg)
    pred = predict(es, cfg)
    lines += score_lines("newsmon (embeddings + entities + numbers + dates + time)", es, pred)
    lines += class_lines(es, pred) + language_lines(es, pred) + multilingual_link_lines(es)
    if baseline and all(d.mono is not None for d in es.docs):
        best = max(((bcubed(es.gold, baseline_clusters(es, t))[2], t) for t in np.arange(0.5, 0.951, 0.05)))
        lines += [""] + score_lines(f"baseline: MiniLM cosine threshold only (best threshold {best[1]:.2f})",
                                    es, baseline_clusters(es, best[1]))
    seed = seed_margin_lines(es, params)
    return lines + ([""] + seed if seed else [])


def evaluate_files(paths: list[Path], cfg: Config, baseline: bool = True, splits: list[str] | None = None) -> str:
    """Score every set found under ``paths`` (each split separately); ``splits`` keeps only those
    split names (e.g. ``["dev"]`` while tuning)."""
    specs = discover(paths)
    if splits is not None:
        specs = [s for s in specs if s.name.rsplit("/", 1)[-1] in splits]
        if not specs:
            raise ValueError(f"no split named {', '.join(splits)} under {', '.join(map(str, paths))}")
    emb = make_embedders(cfg)
    out: list[str] = []
    for spec in specs:
        es = build_set(spec.files, cfg, spec.groups, emb, spec.name)
        out += ([""] if out else []) + report_set(es, cfg, baseline)
    return "\n".join(out)
