"""Build decision Docs from article fields, vectors and signals (shared by the step and the evaluation)."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

import numpy as np

from newsmon.core.scripts import script_of
from newsmon.dedupe.decide import LOCAL_OFFSET, Doc
from newsmon.dedupe.places import PLACE_TAG, split_place_tags
from newsmon.dedupe.signals import (ACTION_TAG, AMOUNT_TAG, CAUSE_TAG, MINUTE_TAG, ORG_TAG, OTHER_AMOUNT_TAG, PERSON_TAG, POST_TAG, RISE_TAG, SCORE_TAG, TERM_TAG, LEVEL_TAG, COUNT_TAG, DATE_TAG, LEAD_COUNT_TAG, Signals, stored_actions,
                                    title_key)

PAST_DAYS = 60  # dates mentioned further back are background, not the happening
_SPEC = re.compile(r"^(?:y(?P<y>\d{4}))?m(?P<m>\d{1,2})d(?P<d>\d{1,2})$")


def is_wire(source: str, authors: list[str], wire_sources: list[str]) -> bool:
    """A wire agency's own copy: its source ("afp", "reuters-en") or a byline naming the agency."""
    s = source.lower()
    if any(s == w or s.startswith(w + "-") or s.endswith("-" + w) for w in wire_sources):
        return True
    return any(a.strip().lower() in wire_sources for a in authors)


def resolve_date(spec: str, published: datetime) -> date | None:
    """The calendar day a date mention means, read against the publication time: a weekday is
    the latest such day on or before publication, a day without a year the nearest such day.
    Days after publication (scheduled things: "next meeting on 17 December") give None."""
    today = (published + LOCAL_OFFSET).date()
    if spec.startswith("wd"):
        back = (today.weekday() - int(spec[2:])) % 7
        d = today - timedelta(days=back)
    elif spec.startswith("rel"):
        d = today + timedelta(days=int(spec[3:]))
    else:
        m = _SPEC.match(spec)
        if not m:
            return None
        month, day = int(m["m"]), int(m["d"])
        years = [int(m["y"])] if m["y"] else [today.year - 1, today.year, today.year + 1]
        cands = []
        for y in years:
            try:
                cands.append(date(y, month, day))
            except ValueError:
                pass
        if not cands:
            return None
        d = min(cands, key=lambda c: abs((c - today).days))
    if d > today or (today - d).days > PAST_DAYS:
        return None
    return d


def split_numbers(numbers: set[str], published: datetime):
    """(plain numbers, counted quantities, counted number strings, lead dates, all dates) from the
    tagged number strings of Signals."""
    plain, counted = set(), set()
    quantities: dict[str, set[float]] = {}
    in_lead: dict[str, set[float]] | None = None  # None: stored before the lead was told apart
    lead, every = set(), set()
    for n in numbers:
        if n.startswith((PLACE_TAG, ACTION_TAG, MINUTE_TAG, SCORE_TAG, TERM_TAG, LEVEL_TAG, ORG_TAG, PERSON_TAG, POST_TAG, AMOUNT_TAG, OTHER_AMOUNT_TAG)) or n in (CAUSE_TAG, RISE_TAG):
            continue  # split_place_tags; make_doc
        if n.startswith(LEAD_COUNT_TAG):
            in_lead = {} if in_lead is None else in_lead
            kind, _, value = n[len(LEAD_COUNT_TAG):].partition(" ")
            try:
                in_lead.setdefault(kind, set()).add(float(value))
            except ValueError:
                pass  # the bare tag
            continue
        if n.startswith(COUNT_TAG):
            parts = n[len(COUNT_TAG):].split(" ", 2)
            if len(parts) < 2:
                continue
            try:
                value = float(parts[1])
            except ValueError:
                continue
            quantities.setdefault(parts[0], set()).add(value)
            if len(parts) == 3 and parts[2]:
                counted.add(parts[2])
        elif n.startswith(DATE_TAG):
            where, _, spec = n[len(DATE_TAG):].partition(" ")
            d = resolve_date(spec, published)
            if d is not None:
                every.add(d)
                if where == "lead":
                    lead.add(d)
        else:
            plain.add(n)
    return (plain, {k: frozenset(v) for k, v in quantities.items()}, frozenset(counted),
            frozenset(lead), frozenset(every), None if in_lead is None else {k: frozenset(v) for k, v in in_lead.items()})


def _tagged(numbers: set[str], tag: str) -> list[str]:
    """The values of one tag ("lead:minute 17" → "17")."""
    return [n[len(tag):] for n in numbers if n.startswith(tag)]


def make_doc(key: int, source: str, language: str | None, time: datetime, title: str, content_hash: str,
             signals: Signals, mono: np.ndarray | None, multi: np.ndarray | None) -> Doc:
    plain, quantities, counted, lead, every, in_lead = split_numbers(signals.numbers, time)
    places = split_place_tags(n for n in signals.numbers if n.startswith(PLACE_TAG))
    return Doc(key=key, source=source, language=language, time=time, title_key=title_key(title),
               content_hash=content_hash, entities=signals.entities, numbers=plain,
               mono=mono, multi=multi, quantities=quantities, counted=counted, dates_lead=lead, dates_all=every,
               lead_quantities=in_lead, places=places, explains=CAUSE_TAG in signals.numbers,
               rises=RISE_TAG in signals.numbers,
               minutes=frozenset(int(v) for v in _tagged(signals.numbers, MINUTE_TAG)),
               scores=frozenset(_tagged(signals.numbers, SCORE_TAG)),
               terms=frozenset(_tagged(signals.numbers, TERM_TAG)),
               body_countries=frozenset(_tagged(signals.numbers, ORG_TAG)),
               person_countries=frozenset(_tagged(signals.numbers, PERSON_TAG)),
               posts=frozenset(_tagged(signals.numbers, POST_TAG)),
               levels=frozenset(_tagged(signals.numbers, LEVEL_TAG)),
               lead_sums=frozenset(_tagged(signals.numbers, AMOUNT_TAG)),
               other_sums=frozenset(_tagged(signals.numbers, OTHER_AMOUNT_TAG)),
               actions=stored_actions(signals.numbers),
               script=script_of(title))
