"""Online assignment of articles to events (pure, in memory; the warehouse step feeds it).

Articles are taken in time order (ties by id). Candidates are the members of events within
the time window; a vectorised text-similarity pass keeps the `top_k` most similar of them
(plus any with the same content hash or title), and only those get the full decision score.
The article joins the event with the best score at or above the threshold, else opens a new
event. Cost per article is bounded by the window, not the history; results are deterministic.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from datetime import timedelta

import numpy as np

from newsmon.dedupe.decide import Doc, Params, PairScore, pair_score, rescale_multi_array


@dataclass
class Assignment:
    key: int
    event: int | None  # None: opens a new event
    score: float | None
    similarity: float | None
    reason: str


class _Vectors:
    """Append-only matrix of unit vectors (zeros where a doc has none)."""

    def __init__(self) -> None:
        self.m = np.zeros((0, 0), dtype=np.float32)
        self.n = 0

    def add(self, v: np.ndarray | None, dim_hint: int) -> None:
        dim = self.m.shape[1] or (len(v) if v is not None else dim_hint)
        if self.n == len(self.m):
            grown = np.zeros((max(64, 2 * len(self.m)), dim), dtype=np.float32)
            if self.n:
                grown[: self.n] = self.m[: self.n]
            self.m = grown
        if v is not None:
            self.m[self.n] = v
        self.n += 1


class Clusterer:
    def __init__(self, params: Params, window_days: float, top_k: int = 64):
        self.p = params
        self.window = timedelta(days=window_days)
        self.top_k = top_k
        self._times: list = []          # sorted (time, key, row)
        self._docs: list[Doc] = []      # by row
        self._row: dict[int, int] = {}  # key -> row
        self._event: list[int] = []     # by row
        self._by_exact: dict[str, list[int]] = {}
        self._mono, self._multi = _Vectors(), _Vectors()

    def add_member(self, doc: Doc, event: int) -> None:
        row = len(self._docs)
        self._docs.append(doc)
        self._row[doc.key] = row
        self._event.append(event)
        bisect.insort(self._times, (doc.time, doc.key, row))
        self._mono.add(doc.mono, 384)
        self._multi.add(doc.multi, 384)
        for k in (doc.content_hash, "t:" + doc.title_key):
            self._by_exact.setdefault(k, []).append(row)

    def doc(self, key: int) -> Doc | None:
        row = self._row.get(key)
        return None if row is None else self._docs[row]

    def _window_rows(self, doc: Doc) -> np.ndarray:
        lo = bisect.bisect_left(self._times, (doc.time - self.window,))
        hi = bisect.bisect_right(self._times, (doc.time + self.window, float("inf")))
        return np.fromiter((r for _, _, r in self._times[lo:hi]), dtype=np.int64)

    def _shortlist(self, doc: Doc, rows: np.ndarray) -> list[int]:
        if len(rows) <= self.top_k:
            return rows.tolist()
        sims = np.zeros(len(rows), dtype=np.float32)
        if doc.multi is not None:
            sims = rescale_multi_array(self._multi.m[rows] @ doc.multi, self.p, same_language=False)
        if doc.mono is not None and doc.language in self.p.mono_languages:
            same = np.fromiter((self._docs[r].language == doc.language for r in rows), dtype=bool, count=len(rows))
            mono = self._mono.m[rows] @ doc.mono
            sims = np.where(same, np.maximum(mono, sims), sims)
        top = rows[np.argsort(-sims, kind="stable")[: self.top_k]].tolist()
        window = set(rows.tolist())
        exact = [r for k in (doc.content_hash, "t:" + doc.title_key) for r in self._by_exact.get(k, []) if r in window]
        return sorted(set(top) | set(exact))

    def decide(self, doc: Doc) -> Assignment:
        best: dict[int, PairScore] = {}
        for row in self._shortlist(doc, self._window_rows(doc)):
            ev = self._event[row]
            ps = pair_score(doc, self._docs[row], self.p)
            if ev not in best or ps.score > best[ev].score:
                best[ev] = ps
        if best:
            ev, ps = max(best.items(), key=lambda kv: (kv[1].score, -kv[0]))
            if ps.score >= self.p.threshold:
                return Assignment(doc.key, ev, ps.score, ps.similarity, ps.reason)
        return Assignment(doc.key, None, None, None, "opened")


def cluster_all(docs: list[Doc], params: Params, window_days: float) -> dict[int, int]:
    """Cluster a labelled set from scratch (evaluation): key -> event number."""
    c = Clusterer(params, window_days)
    out: dict[int, int] = {}
    next_event = 0
    for doc in sorted(docs, key=lambda d: (d.time, d.key)):
        a = c.decide(doc)
        if a.event is None:
            next_event += 1
            ev = next_event
        else:
            ev = a.event
        c.add_member(doc, ev)
        out[doc.key] = ev
    return out
