"""Does an event match an alert rule? Terms in English/Russian/Latin (Kazakh/Uzbek endings included), any/all, optional countries."""

from __future__ import annotations

from dataclasses import dataclass

from newsmon.core.config import AlertRule
from newsmon.core.terms import TermMatcher
from newsmon.core.turkic import looks_turkic


@dataclass
class EventView:
    event_id: int
    title: str
    text: str            # canonical article body + every member's title
    countries: list[str]
    languages: tuple[str, ...] = ()  # of its members


class RuleMatcher:
    def __init__(self, rule: AlertRule):
        self.rule = rule
        self._any = TermMatcher(rule.any) if rule.any else None
        self._all = [TermMatcher([t]) for t in rule.all]
        self._countries = {c.upper() for c in rule.countries}

    def matches(self, ev: EventView) -> bool:
        hay = f"{ev.title}\n{ev.text}"
        # Kazakh/Uzbek members or text: words carry case endings ("sammitida" is the summit)
        turkic = bool({"kk", "uz"} & set(ev.languages)) or looks_turkic(hay)
        if self._any is not None and not self._any.labels(hay, turkic):
            return False
        if any(not m.labels(hay, turkic) for m in self._all):
            return False
        if self._countries and not (self._countries & {c.upper() for c in ev.countries}):
            return False
        return True
