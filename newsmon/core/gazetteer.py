"""The entity gazetteer: named things that recur in Central Asia news (places, people,
companies, projects) with their EN/RU/Kazakh/Uzbek spellings. Shared by relevance, dedupe and alerts.

Two files: ``gazetteer.toml`` is kept by hand; ``towns.toml`` is generated from GeoNames by
``tools/build_towns.py`` (district towns and small regional centres, spellings safe to match).
A name of the hand-kept file wins over a town's."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from newsmon.core.terms import Match, TermMatcher, fold
from newsmon.core.turkic import blank_common_words

GAZETTEER = Path(__file__).with_name("gazetteer.toml")
TOWNS = Path(__file__).with_name("towns.toml")

# How much sharing an entity of each type says about two articles being one story.
TYPE_WEIGHTS = {"country": 0.25, "capital": 0.5, "city": 0.8, "town": 0.8, "region": 0.8, "river": 0.8, "person": 1.0,
                "figure": 1.0, "org": 0.8, "company": 1.0, "project": 1.2, "other": 0.6}


PLACE_TYPES = {"country", "capital", "city", "town", "region", "river"}


@dataclass(frozen=True)
class Entity:
    id: str
    type: str
    country: str
    shared: tuple[str, ...] = ()  # a regional entity's foreign neighbours (the Caspian's Russia, Iran, Azerbaijan)
    generic: tuple[str, ...] = ()  # names any country's body has ("Markaziy bank": a central bank), lower case
    namesakes: tuple[str, ...] = ()  # foreign places with a namesake of it (Talas: Kayseri, which has a Talas district)


class Gazetteer:
    def __init__(self, paths: tuple[Path, ...] = (GAZETTEER, TOWNS)):
        rows = [e for path in paths for e in tomllib.loads(path.read_text(encoding="utf-8"))["entity"]]
        self.entities = {e["id"]: Entity(e["id"], e.get("type", "other"), e.get("country", ""), tuple(e.get("shared", ())),
                                 tuple(fold(n) for n in e.get("generic", ())), tuple(e.get("namesakes", ())))
                         for e in rows}
        self.names: dict[str, list[str]] = {e["id"]: list(e["names"]) for e in rows}
        # Towns come from GeoNames, not by hand: their names count only capitalised (see TermMatcher),
        # as do hand-kept names marked ``cased`` (Душанбе, and Tajik/Uzbek «душанбе/душанба», Monday).
        self.cased = frozenset(e["id"] for e in rows if e.get("type") == "town" or e.get("cased"))
        self.never = {e["id"]: e["never"] for e in rows if e.get("never")}
        self.matcher = TermMatcher(self.names, self.cased, self.never)

    def matches(self, text: str, turkic: bool = False) -> list[Match]:
        """Names in ``text``; in Kazakh/Uzbek/Kyrgyz (``turkic``) with their case endings cut off and
        the languages' common words that look like names blanked out (offsets still hold)."""
        return self.matcher.find(blank_common_words(text), turkic=True) if turkic else self.matcher.find(text)

    def find(self, text: str, turkic: bool = False) -> dict[str, int]:
        out: dict[str, int] = {}
        for m in self.matches(text, turkic):
            out[m.label] = out.get(m.label, 0) + 1
        return out

    def weight(self, entity_id: str) -> float:
        e = self.entities.get(entity_id)
        return TYPE_WEIGHTS.get(e.type, 0.6) if e else 0.6

    def country_code(self, value: str) -> str | None:
        """ISO code of a country given as a code (``KG``) or a whole name in any listed spelling
        (``Kyrgyzstan``, ``Киргизия``); None when the gazetteer knows no such country."""
        value = value.strip()
        codes = {e.country for e in self.entities.values() if e.type in PLACE_TYPES and len(e.country) == 2}
        if len(value) == 2 and value.isascii() and value.isalpha():
            return value.upper() if value.upper() in codes else None
        label = self.matcher.match_whole(value)
        e = self.entities.get(label) if label else None
        return e.country if e and e.type == "country" and len(e.country) == 2 else None

    def countries(self, ids, types: frozenset[str] | set[str] = PLACE_TYPES) -> list[str]:
        """Countries named outright or through their places (Almaty → KZ), or through any entity of
        ``types`` that belongs to one country; people do not count."""
        out = set()
        for i in ids:
            e = self.entities.get(i)
            if e and e.type in types and len(e.country) == 2:
                out.add(e.country)
        return sorted(out)


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    return Gazetteer()
