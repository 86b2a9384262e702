"""Language-independent signals of one article: gazetteer entities, numbers, normalised title."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from newsmon.core.gazetteer import gazetteer
from newsmon.core.terms import fold
from newsmon.dedupe.numbers import extract_numbers

@dataclass
class Signals:
    entities: dict[str, int] = field(default_factory=dict)
    numbers: set[str] = field(default_factory=set)


def title_key(title: str) -> str:
    return " ".join(re.findall(r"\w+", fold(title)))


def extract_signals(title: str, text: str) -> Signals:
    body = f"{title}\n{text}"
    return Signals(entities=gazetteer().find(body), numbers=extract_numbers(body))


def entity_overlap(a: dict[str, int], b: dict[str, int]) -> float:
    """Weighted Dice overlap of two entity sets (1 = the same entities, 0 = none shared)."""
    if not a or not b:
        return 0.0
    g = gazetteer()
    shared = sum(g.weight(e) for e in a.keys() & b.keys())
    total = sum(g.weight(e) for e in a) + sum(g.weight(e) for e in b)
    return 2 * shared / total if total else 0.0
