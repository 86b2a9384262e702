"""Is an article Central Asia coverage? Gazetteer terms from ``[relevance]`` in the config."""

from __future__ import annotations

from dataclasses import dataclass

from newsmon.core.config import Relevance
from newsmon.core.terms import TermMatcher


@dataclass
class Verdict:
    relevant: bool
    hits: dict[str, int]


class RelevanceFilter:
    """Relevant when the title names a term, or the body does at least ``min_hits`` times."""

    def __init__(self, cfg: Relevance):
        self.cfg = cfg
        self.matcher = TermMatcher(cfg.terms)

    def judge(self, title: str, text: str) -> Verdict:
        in_title = self.matcher.counts(title or "")
        in_body = self.matcher.counts(text or "")
        hits = {k: in_title.get(k, 0) + in_body.get(k, 0) for k in set(in_title) | set(in_body)}
        relevant = bool(in_title) or sum(in_body.values()) >= self.cfg.min_hits
        return Verdict(relevant, hits)
