"""Online assignment of articles to events (pure, in memory; the warehouse step feeds it).

Articles are taken in time order (ties by id). Candidates are the members of events within
the time window; a vectorised text-similarity pass keeps the `top_k` most similar of them
(plus any with the same content hash or title), and only those get the full decision score.

An article joins an event only when it agrees with the event as a whole, not just with its
closest member (which lets an event drift: A~B, B~C, C~D, until D has nothing to do with A):

1. its best pair score with a member reaches the threshold, and
2. it is compatible with the event's canonical article — or, when the canonical refuses, with the
   event's first report, if the two leads name one district or village (a wire canonical in English
   is a weak judge of a Tajik or Kyrgyz update: "the president visited Khovaling" is compared with the
   Khovaling report that opened the event), and
3. it is compatible with at least ``support_share`` of the event's members in the window;
   or, instead of 2 and 3, the event is big (``quorum_members`` in the window) and ``quorum_share``
   of them agree: a summit's canonical leads with one deal, its members with a dozen others.

Compatible: a pair score of at least ``support_threshold`` *and* alike texts (a text similarity
above zero): shared names with unrelated texts (the same city, the same agency) are a drift. When the
best pair is an update (a count revised), the other members are scored as of an update too
(``of_update``): a developing story outlasts the update window of its first report.

Among the events that pass, the best-scoring one wins; otherwise the article opens a new event.
The reason (the signals of the winning pair and the support, or why the nearest event refused
it) goes to ``Assignment.reason`` and so to ``event_articles.reason``. Cost per article is
bounded by the window and ``max_support``, not the history; results are deterministic.

The canonical article is the event's first member, or its earliest wire copy once one joins
(the rule ``refresh_events`` applies in the warehouse); the warehouse step names the stored
canonical of events it loads. When the canonical lies outside the article's window (an event
running longer than the window), the event's earliest member inside the window stands in, so
the warehouse step, which loads only the window, decides as the evaluation does.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from datetime import timedelta

import numpy as np

from newsmon.dedupe.decide import Doc, Params, PairScore, pair_score, rescale_multi_array
from newsmon.dedupe.places import places_shared


@dataclass
class Assignment:
    key: int
    event: int | None  # None: opens a new event
    score: float | None
    similarity: float | None
    reason: str


@dataclass
class Support:
    """How an article stands with a whole event."""
    best: PairScore
    best_key: int
    canonical: float      # score with the event's canonical article
    canonical_agrees: bool  # compatible with it (Clusterer._agrees)
    agreeing: int         # members (in the window) it is compatible with
    members: int          # members compared
    opener_agrees: bool = False  # the canonical refuses, but the event's first report, of the same place, agrees

    def passes(self, p: Params) -> bool:
        if not (self.canonical_agrees or self.opener_agrees):
            return 0 < p.quorum_members <= self.members and self.agreeing >= p.quorum_share * self.members
        return self.agreeing >= p.support_share * self.members

    def describe(self) -> str:
        no = "" if self.canonical_agrees else " (incompatible; the first report, of the same place, agrees)" if self.opener_agrees else " (incompatible)"
        return (f"best {self.best.score:.2f} with article {self.best_key}, canonical {self.canonical:.2f}{no}, "
                f"{self.agreeing} of {self.members} members agree")


def top_k_stable(values: np.ndarray, k: int) -> np.ndarray:
    """Indices of the ``k`` largest values, ties to the lower index: the set the first ``k`` of a
    stable descending sort gives, in linear time (all values above the k-th largest, then the
    earliest of those equal to it). ``k`` <= len(values)."""
    kth = np.partition(values, len(values) - k)[len(values) - k]
    above = np.flatnonzero(values > kth)
    tied = np.flatnonzero(values == kth)[: k - len(above)]
    return np.concatenate([above, tied])


class _Rows:
    """Append-only array with one row per added doc, doubled as it fills: unit vectors (zeros where a
    doc has none; the width is the first vector's) or, with ``width=0``, one integer code each."""

    def __init__(self, width: int | None = None, dtype=np.float32) -> None:
        self.width, self.dtype = width, dtype
        self.m = np.zeros((0,) if width == 0 else (0, 0), dtype=dtype)
        self.n = 0

    def add(self, v, dim_hint: int = 384) -> None:
        if self.n == len(self.m):
            if self.width == 0:
                shape: tuple[int, ...] = (max(64, 2 * len(self.m)),)
            else:
                dim = self.m.shape[1] or (len(v) if v is not None else dim_hint)
                shape = (max(64, 2 * len(self.m)), dim)
            grown = np.zeros(shape, dtype=self.dtype)
            if self.n:
                grown[: self.n] = self.m[: self.n]
            self.m = grown
        if v is not None:
            self.m[self.n] = v
        self.n += 1


class Clusterer:
    def __init__(self, params: Params, window_days: float, top_k: int = 64, wire_sources: tuple[str, ...] = ()):
        self.p = params
        self.window = timedelta(days=window_days)
        self.top_k = top_k
        self.wire = tuple(w.lower() for w in wire_sources)
        self._times: list = []          # sorted (time, key, row)
        self._docs: list[Doc] = []      # by row
        self._row: dict[int, int] = {}  # key -> row
        self._event: list[int] = []     # by row
        self._members: dict[int, list[int]] = {}  # event -> rows, in the order added
        self._canon: dict[int, int] = {}          # event -> row of its canonical article
        self._by_exact: dict[str, list[int]] = {}
        self._mono, self._multi = _Rows(), _Rows()
        self._time_rows: list[int] = []  # the rows of ``_times``, in the same order
        self._langs: dict[str | None, int] = {}
        self._lang = _Rows(width=0, dtype=np.int32)  # by row: language code (for the same-language test)

    def _is_wire(self, doc: Doc) -> bool:
        s = doc.source.lower()
        return any(s == w or s.startswith(w + "-") or s.endswith("-" + w) for w in self.wire)

    def add_member(self, doc: Doc, event: int) -> None:
        row = len(self._docs)
        self._docs.append(doc)
        self._row[doc.key] = row
        self._event.append(event)
        self._members.setdefault(event, []).append(row)
        canon = self._canon.get(event)
        if canon is None or (self._is_wire(doc) and not self._is_wire(self._docs[canon])):
            self._canon[event] = row  # members come in time order: the first wire copy is the earliest
        at = bisect.bisect_right(self._times, (doc.time, doc.key, row))
        self._times.insert(at, (doc.time, doc.key, row))
        self._time_rows.insert(at, row)
        self._lang.add(self._langs.setdefault(doc.language, len(self._langs)))
        self._mono.add(doc.mono)
        self._multi.add(doc.multi)
        for k in (doc.content_hash, "t:" + doc.title_key):
            self._by_exact.setdefault(k, []).append(row)

    def set_canonical(self, event: int, key: int) -> None:
        """Name an event's canonical article (the warehouse's choice), when it is loaded."""
        row = self._row.get(key)
        if row is not None and self._event[row] == event:
            self._canon[event] = row

    def doc(self, key: int) -> Doc | None:
        row = self._row.get(key)
        return None if row is None else self._docs[row]

    def _window_rows(self, doc: Doc) -> np.ndarray:
        lo = bisect.bisect_left(self._times, (doc.time - self.window,))
        hi = bisect.bisect_right(self._times, (doc.time + self.window, float("inf")))
        return np.array(self._time_rows[lo:hi], dtype=np.int64)

    def _in_window(self, doc: Doc):
        """Is a row within the window of ``doc``? (the same rows ``_window_rows`` lists)"""
        lo, hi = doc.time - self.window, doc.time + self.window
        return lambda r: lo <= self._docs[r].time <= hi

    @staticmethod
    def _cosines(vectors: _Rows, rows: np.ndarray, v: np.ndarray) -> np.ndarray:
        """``vectors[rows] @ v`` without copying the rows out: one product over the span they lie in
        (rows come in time order, which is nearly the order they were added)."""
        lo, hi = int(rows.min()), int(rows.max()) + 1
        return (vectors.m[lo:hi] @ v)[rows - lo]

    def _shortlist(self, doc: Doc, rows: np.ndarray, in_window) -> list[int]:
        """The ``top_k`` rows most similar to ``doc`` (ties: the earlier in time order), plus any with
        its content hash or title. Vectorised: the cost per article is a few passes over the window."""
        if len(rows) <= self.top_k:
            return rows.tolist()
        sims = np.zeros(len(rows), dtype=np.float32)
        if doc.multi is not None:
            sims = rescale_multi_array(self._cosines(self._multi, rows, doc.multi), self.p, same_language=False)
        if doc.mono is not None and doc.language in self.p.mono_languages:
            same = self._lang.m[rows] == self._langs.get(doc.language, -1)
            mono = self._cosines(self._mono, rows, doc.mono)
            sims = np.where(same, np.maximum(mono, sims), sims)
        top = rows[top_k_stable(sims, self.top_k)].tolist()
        exact = [r for k in (doc.content_hash, "t:" + doc.title_key) for r in self._by_exact.get(k, []) if in_window(r)]
        return sorted(set(top) | set(exact))

    def support(self, doc: Doc, event: int, best: PairScore, best_row: int, in_window) -> Support:
        """Scores of ``doc`` with the event's canonical article and its members in the window (at most
        ``max_support`` of them: the canonical, the best match and the latest others)."""
        canon = self._canon[event]
        if not in_window(canon):  # a long-running event: its earliest member in the window stands in
            canon = next(r for r in self._members[event] if in_window(r))
        rows = [r for r in self._members[event] if in_window(r) and r not in (canon, best_row)]
        rows = [canon] + ([best_row] if best_row != canon else []) + rows[-max(0, self.p.max_support - 2):]
        scores = {best_row: best}
        for r in rows:
            if r not in scores:
                scores[r] = pair_score(doc, self._docs[r], self.p, of_update=best.update)
        agreeing = sum(self._agrees(scores[r]) for r in rows)
        opener_agrees = False
        first = self._members[event][0]
        if not self._agrees(scores[canon]) and first != canon and in_window(first) \
                and places_shared(doc.places, self._docs[first].places):
            if first not in scores:
                scores[first] = pair_score(doc, self._docs[first], self.p, of_update=best.update)
            opener_agrees = self._agrees(scores[first])
        return Support(best, self._docs[best_row].key, scores[canon].score, self._agrees(scores[canon]), agreeing,
                       len(rows), opener_agrees)

    def _agrees(self, ps: PairScore) -> bool:
        """Compatible with a member: the pair score reaches support_threshold, and the texts themselves
        are alike (shared names alone, with unrelated texts, are a drift, not agreement)."""
        return ps.score >= self.p.support_threshold and ps.similarity > 0

    def decide(self, doc: Doc) -> Assignment:
        rows = self._window_rows(doc)
        in_window = self._in_window(doc)
        best: dict[int, tuple[PairScore, int]] = {}
        for row in self._shortlist(doc, rows, in_window):
            ev = self._event[row]
            ps = pair_score(doc, self._docs[row], self.p)
            if ev not in best or ps.score > best[ev][0].score:
                best[ev] = (ps, row)
        refused: list[str] = []
        for ev, (ps, row) in sorted(best.items(), key=lambda kv: (-kv[1][0].score, kv[0])):
            if ps.score < self.p.threshold:
                break
            if ps.reason in ("exact-hash", "same-title"):  # the same article again
                return Assignment(doc.key, ev, ps.score, ps.similarity, ps.reason)
            sup = self.support(doc, ev, ps, row, in_window)
            if sup.passes(self.p):
                return Assignment(doc.key, ev, ps.score, ps.similarity, f"{ps.reason}: {sup.describe()}")
            refused.append(f"event {ev} refused ({sup.describe()})")
        return Assignment(doc.key, None, None, None, "opened" + (": " + "; ".join(refused[:2]) if refused else ""))


def cluster_all(docs: list[Doc], params: Params, window_days: float,
                wire_sources: tuple[str, ...] = ()) -> dict[int, int]:
    """Cluster a labelled set from scratch (evaluation): key -> event number."""
    c = Clusterer(params, window_days, wire_sources=wire_sources)
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
