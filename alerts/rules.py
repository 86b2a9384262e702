"""Does an event match an alert rule? Terms in English/Russian/Latin (Kazakh/Uzbek endings included), any/all, optional countries."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from newsmon.core.config import AlertRule
from newsmon.core.terms import TermMatcher
from newsmon.core.turkic import is_turkic


@dataclass
class EventView:
    event_id: int
    title: str
    text: str            # canonical article body + every member's title
    countries: list[str]
    languages: tuple[str, ...] = ()  # of its members

    @cached_property
    def hay(self) -> str:
        return f"{self.title}\n{self.text}"

    @cached_property
    def turkic(self) -> bool:
        """Kazakh/Uzbek members or text: words carry case endings ("sammitida" is the summit).
        Judged once per event, not once per rule."""
        return is_turkic(self.hay, self.languages)


class RuleMatcher:
    def __init__(self, rule: AlertRule):
        self.rule = rule
        self._any = TermMatcher(rule.any) if rule.any else None
        self._all = [TermMatcher([t]) for t in rule.all]
        self._countries = {c.upper() for c in rule.countries}

    def matches(self, ev: EventView) -> bool:
        if self._any is not None and not self._any.labels(ev.hay, ev.turkic):
            return False
        if any(not m.labels(ev.hay, ev.turkic) for m in self._all):
            return False
        if self._countries and not (self._countries & {c.upper() for c in ev.countries}):
            return False
        return True
