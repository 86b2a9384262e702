"""Online assignment of articles to events (pure, in memory; the warehouse step feeds it).

Articles are taken in time order (ties by id), each compared with the members of events
that have a member within the time window; it joins the event with the best score at or
above the threshold, else opens a new event. Deterministic for the same input.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from datetime import timedelta

from dedupe.decide import Doc, Params, PairScore, pair_score


@dataclass
class Assignment:
    key: int
    event: int | None  # None: opens a new event
    score: float | None
    similarity: float | None
    reason: str


class Clusterer:
    def __init__(self, params: Params, window_days: float):
        self.p = params
        self.window = timedelta(days=window_days)
        self._times: list = []        # sorted (time, key)
        self._docs: dict[int, Doc] = {}
        self._event_of: dict[int, int] = {}

    def add_member(self, doc: Doc, event: int) -> None:
        bisect.insort(self._times, (doc.time, doc.key))
        self._docs[doc.key] = doc
        self._event_of[doc.key] = event

    def doc(self, key: int) -> Doc | None:
        return self._docs.get(key)

    def candidates(self, doc: Doc) -> list[Doc]:
        lo = bisect.bisect_left(self._times, (doc.time - self.window, -1))
        hi = bisect.bisect_right(self._times, (doc.time + self.window, float("inf")))
        return [self._docs[k] for _, k in self._times[lo:hi]]

    def decide(self, doc: Doc) -> Assignment:
        best: dict[int, PairScore] = {}
        for other in self.candidates(doc):
            ev = self._event_of[other.key]
            ps = pair_score(doc, other, self.p)
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
