"""The dedupe step over the warehouse: assign every unassigned relevant article to an event.

Idempotent (assigned articles are never revisited) and deterministic (time order, id ties).
Embeddings and signals are cached first in their own transactions; the assignment and the
event rows are written in one transaction.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta


from newsmon.dedupe.cluster import Clusterer
from newsmon.dedupe.decide import Doc, Params, text_similarity
from newsmon.core.embedders import Embedders, make_embedders
from newsmon.dedupe.features import is_wire, make_doc
from newsmon.dedupe.signals import gazetteer
from newsmon.dedupe.store import ensure_embeddings, ensure_signals
from newsmon.core.config import Config
from newsmon.warehouse.db import transaction

log = logging.getLogger("newsmon.dedupe")
_ARTICLE_COLS = "a.article_id, a.source, a.language, coalesce(a.published_at, a.fetched_at) AS t, a.title, a.content_hash"


@dataclass
class DedupeResult:
    articles: int = 0
    joined: int = 0
    opened: int = 0
    events_touched: set[int] = field(default_factory=set)
    embed_seconds: float = 0.0
    assign_seconds: float = 0.0
    vectors_loaded: int = 0  # vectors embedded by fanned-out workers and loaded before clustering

    def describe(self) -> str:
        return (f"{self.articles} articles assigned: {self.joined} joined existing events, "
                f"{self.opened} opened new events ({len(self.events_touched)} events updated; "
                f"embed {self.embed_seconds:.1f}s, assign+write {self.assign_seconds:.1f}s)")


def decision_params(cfg: Config) -> Params:
    return Params(threshold=cfg.dedupe.threshold, mono_languages=tuple(cfg.dedupe.mono_languages))


def _name_canonicals(con, clusterer: Clusterer, event_ids: list[int]) -> None:
    """Tell the clusterer each loaded event's stored canonical article (it checks a candidate against it)."""
    for i in range(0, len(event_ids), 1000):
        chunk = event_ids[i:i + 1000]
        marks = ", ".join("?" * len(chunk))
        for ev, canon in con.execute(f"SELECT event_id, canonical_article_id FROM events WHERE event_id IN ({marks})",
                                     chunk).fetchall():
            clusterer.set_canonical(ev, canon)


def _docs(con, rows, emb: Embedders) -> list[Doc]:
    ids = [r[0] for r in rows]
    mono = ensure_embeddings(con, emb.mono, ids) if emb.mono else {}
    multi = ensure_embeddings(con, emb.multi, ids) if emb.multi else {}
    sig = ensure_signals(con, ids)
    return [make_doc(aid, src, lang, t, title, h, sig[aid], mono.get(aid), multi.get(aid))
            for aid, src, lang, t, title, h in rows]


def run_dedupe(con, cfg: Config, logical_date: str, embedder: Embedders | None = None) -> DedupeResult:
    result = DedupeResult()
    new_rows = con.execute(f"""SELECT {_ARTICLE_COLS} FROM articles a
                               WHERE a.relevant AND a.article_id NOT IN (SELECT article_id FROM event_articles)
                               ORDER BY t, a.article_id""").fetchall()
    if not new_rows:
        return result
    window = timedelta(days=cfg.dedupe.window_days)
    lo, hi = new_rows[0][3] - window, new_rows[-1][3] + window
    member_rows = con.execute(f"""SELECT {_ARTICLE_COLS}, ea.event_id FROM articles a JOIN event_articles ea USING (article_id)
                                  WHERE coalesce(a.published_at, a.fetched_at) BETWEEN ? AND ?
                                  ORDER BY t, a.article_id""", [lo, hi]).fetchall()
    log.info("dedupe: %d new articles, %d candidate members in the window", len(new_rows), len(member_rows))
    emb = embedder or make_embedders(cfg)
    wire = cfg.dedupe.wire_sources
    t0 = time.perf_counter()
    clusterer = Clusterer(decision_params(cfg), cfg.dedupe.window_days, wire_sources=tuple(wire))
    for doc, row in zip(_docs(con, [r[:6] for r in member_rows], emb), member_rows):
        clusterer.add_member(doc, row[6])
    _name_canonicals(con, clusterer, sorted({r[6] for r in member_rows}))
    new_docs = _docs(con, new_rows, emb)
    t1 = time.perf_counter()
    result.embed_seconds = t1 - t0
    now = datetime.now(UTC).replace(tzinfo=None)
    with transaction(con):
        for doc in new_docs:
            a = clusterer.decide(doc)
            if a.event is None:
                event_id = con.execute(
                    """INSERT INTO events (canonical_article_id, title, first_seen, last_seen, member_count, outlet_count,
                         languages, countries, created_date, updated_at)
                       SELECT article_id, title, ?, ?, 1, 1, [], [], ?, ? FROM articles WHERE article_id = ?
                       RETURNING event_id""", [doc.time, doc.time, logical_date, now, doc.key]).fetchone()[0]
                result.opened += 1
            else:
                event_id = a.event
                result.joined += 1
            con.execute("INSERT INTO event_articles VALUES (?, ?, NULL, ?, ?, ?, ?)",
                        [doc.key, event_id, a.score, a.reason, logical_date, now])
            clusterer.add_member(doc, event_id)
            result.events_touched.add(event_id)
            result.articles += 1
        refresh_events(con, sorted(result.events_touched), clusterer, wire)
    result.assign_seconds = time.perf_counter() - t1
    return result


def refresh_events(con, event_ids: list[int], clusterer: Clusterer, wire: list[str]) -> None:
    """Recompute canonical article, title, span, counts, languages, countries and member similarities."""
    g = gazetteer()
    now = datetime.now(UTC).replace(tzinfo=None)
    for ev in event_ids:
        members = con.execute("""SELECT a.article_id, a.source, a.language, coalesce(a.published_at, a.fetched_at) t, a.title,
                                        a.authors
                                 FROM event_articles ea JOIN articles a USING (article_id)
                                 WHERE ea.event_id = ? ORDER BY t, a.article_id""", [ev]).fetchall()
        # Canonical: the earliest wire/original report if there is one, else the earliest report.
        wires = [m for m in members if is_wire(m[1], m[5], wire)]
        canon = (wires or members)[0]
        ents = con.execute("""SELECT ae.article_id, ae.value FROM article_entities ae JOIN event_articles ea USING (article_id)
                              WHERE ea.event_id = ? AND ae.kind = 'entity'""", [ev]).fetchall()
        per_country: dict[str, set[int]] = {}
        for aid, value in ents:
            for c in g.countries([value]):
                per_country.setdefault(c, set()).add(aid)
        need = max(1, (len(members) + 1) // 2)
        countries = sorted(c for c, arts in per_country.items() if len(arts) >= need)
        languages = sorted({m[2] for m in members if m[2]})
        con.execute("""UPDATE events SET canonical_article_id = ?, title = ?, first_seen = ?, last_seen = ?,
                         member_count = ?, outlet_count = ?, languages = ?, countries = ?, updated_at = ?
                       WHERE event_id = ?""",
                    [canon[0], canon[4], members[0][3], max(m[3] for m in members), len(members),
                     len({m[1] for m in members}), languages, countries, now, ev])
        cdoc = clusterer.doc(canon[0])
        for m in members:
            doc = clusterer.doc(m[0])
            sim = None
            if m[0] != canon[0] and doc is not None and cdoc is not None:
                sim = round(text_similarity(doc, cdoc, clusterer.p), 4)
            con.execute("UPDATE event_articles SET similarity = ? WHERE article_id = ?", [sim, m[0]])
