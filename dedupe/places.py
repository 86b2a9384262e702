"""Where a happening took place: the localities an article names, by level, in any script.

Same-kind incidents in one region and week (two mudflows in neighbouring districts, two steppe
fires, two camp poisonings) share topic, region, week and often figures; what tells them apart is
the district, town or village. A place is read

- next to a locality word: "Naurzum district", "village of Akay", «в Кармакшинском районе»,
  «в селе Аккум», "Qarmaqşy audanyndağy", "Chust tumanida", "ноҳияи Рашт";
- or as a gazetteer place (``towns.toml`` and ``gazetteer.toml``): those are matched against but
  never decide, since a capital or a dateline ("ALMATY, April 6 (Reuters)") says where the
  reporter sat, not where the thing happened;
- but a city or town of the gazetteer in the *headline* ("В Караколе отравились…"; "near X" excluded)
  counts as a settlement when telling two places apart, never as a shared one. A capital counts only
  where the headline writes it as a place — after "in"/"of"/«в», or with a case ending («в Бишкеке»,
  «Электроснабжение Бишкека», "Toshkentda"), not opening the headline, since "Astana signs…" names
  the government — and only against another headline's town: a power cut across Bishkek and a
  substation fire in Osh are two; "officials in Bishkek discuss" a camp poisoning in a village is the
  capital's word on it.

Towns and regions in two countries are two places too, unless either text names the other's country.

Spellings differ by language and script (Наурзумском, Naurzum, Nauryzym), so a place is kept as a
consonant skeleton of its Latin transliteration ("nrzm"); two places match when one skeleton
starts the other (Кармакшинский "krmksn" ~ Qarmaqşy "krmks"), gazetteer places also by id.
Matching is generous on purpose: a false match only withholds the "places apart" evidence.

Only the headline and lead are read (a flood's article often recalls another flood's village in
its background). Tags travel with the other signals (``Signals.numbers``): "place:district nrzm",
"place:named id:town:uz-chust-1514192".
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from newsmon.core.gazetteer import PLACE_TYPES, gazetteer
from newsmon.core.terms import fold
from newsmon.core.text import translit

PLACE_TAG = "place:"
DECIDING = ("district", "settlement")  # the levels that tell two happenings apart (regions are too coarse)
GAZETTEER_LEVEL = "named"  # a gazetteer place: matched against, never deciding (datelines, capitals)
TITLED_LEVEL = "titled"  # a gazetteer city or town in the headline: a settlement, but only to tell places apart
CAPITAL_LEVEL = "capital"  # a capital the headline writes as a place: so too, but only against another headline town

# After translit: one letter for sounds the region's alphabets and English spell differently
# (Жалагаш, Jalağaş, Zhalagash; Kazakh ш where others write ч: Шолпан-Ата, Cholpon-Ata).
_FOLDS = (("dzh", "j"), ("zh", "j"), ("dj", "j"), ("sh", "s"), ("ch", "s"), ("ts", "s"), ("c", "s"), ("gh", "g"))
_VOWELS = set("aeiouy")


def skeleton(word: str) -> str:
    """Consonant skeleton of a place name in any script: its first letter, then its consonants,
    doubles collapsed ("Наурзумском" → "nrzm" once the adjective ending is off; "Nauryzym" → "nrzm")."""
    w = translit(word)
    for a, b in _FOLDS:
        w = w.replace(a, b)
    w = "".join(ch for ch in unicodedata.normalize("NFKD", w) if ch.isascii() and ch.isalpha())
    if not w:
        return ""
    out = w[0]
    for ch in w[1:]:
        if ch not in _VOWELS and ch != out[-1]:
            out += ch
    return out


def skeletons_match(a: str, b: str) -> bool:
    if a == b:
        return True
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    # A two-letter skeleton is too short to start others, but the Russian adjective of a name ending
    # in a vowel adds "-ин-": Кува "kv", «Кувинском районе» "kvn".
    return len(short) >= 3 and long_.startswith(short) or len(short) == 2 and long_ == short + "n"


# Russian adjectives of places ("Кармакшинском районе", "Кызылординской области") lose the ending.
_RU_ADJ = re.compile(r"(?:ск|цк)(?:ий|ого|ому|им|ом|ая|ой|ую|ое|ие|их|ими)$", re.I)
_NAME = r"(?<![\w'’ʻʼ`-])(?P<name>[A-ZА-ЯЁӘҒҚҢӨҰҮҺІЎҲӢӮҶ][\w'’ʻʼ`]*(?:-[\w'’ʻʼ`]+)*)"  # one word, hyphens kept

# Locality words after the name ("Naurzum district", «Наурзумском районе», "Qarmaqşy audany").
_AFTER = {
    "region": r"regions?|oblasts?|provinces?|viloyat\w*|вилоят\w*|област\w*|облыс\w*|oblys\w*|облус\w*",
    "district": r"districts?|raion|rayon|район\w*|аудан\w*|audan\w*|tuman\w*|туман\w*|району\w*|этрап\w*|etrap\w*|etrab\w*",
    "settlement": r"villages?|towns?|city|settlements?|pass|ауыл\w*|auyl\w*|айыл\w*|кент\w*|kent\w*|qalas\w*|қалас\w*|"
                  r"shahr\w*|qishlog\w*|перевал\w*|ашуу\w*|dovon\w*|довон\w*|tunnel|gorge|ущель\w*|капчыгай\w*|шатқал\w*|darasi\w*",
}
# Locality words before the name ("village of Akay", «в селе Аккум», «ноҳияи Рашт»).
_BEFORE = {
    "region": r"region of|province of|вилояти",
    "district": r"district of|ноҳияи|nohiyai",
    "settlement": r"village of|town of|city of|settlement of|село|селе|села|селу|(?:посел|посёл)(?:ок|ке|ка|ку|ком|ки|ках|ков)|аул|ауле|аула|"
                  r"город|города|городе|городу|городом|деҳаи|шаҳри|шаҳраки|перевал\w*|pass of|ағбаи|aghbai|дараи|darai",
}
_STOP = {"the", "this", "that", "its", "their", "a", "an", "same", "one", "each", "every", "neighbouring",
         "neighboring", "our", "his", "her", "which", "what", "other", "another", "central", "northern", "southern",
         "eastern", "western", "этом", "том", "соседнем", "соседней", "этой", "ближайшем", "всем", "данном"}
# Two names before a plural locality word: «Жети-Өгүз жана Ак-Суу райондорунда», "Qarğaly jäne Qobda
# audandaryndağy", "Chust and Pop districts".
_SECOND = r"(?:,?\s+(?:and|и|жана|және|jäne|jáne|va|ва|hamda|ҳамда)\s+" + _NAME.replace("?P<name>", "?P<name2>") + ")?"
_PATTERNS = ([(level, re.compile(_NAME + _SECOND + r"\s+(?i:" + rx + r")(?![\w])")) for level, rx in _AFTER.items()]
             + [(level, re.compile(r"(?<![\w])(?i:" + rx + r")\s+" + _NAME)) for level, rx in _BEFORE.items()])


_OF_REGION = re.compile(r"(?i:\w+ of)\s")            # an English "<locality word> of <Name>"
_NAME_BEFORE = re.compile(r"[A-ZА-ЯЁ][\w'’ʻ-]*\s+$")   # … right after a name: "<Name> district of …"
_EN_PLURAL = re.compile(r"(?i:districts|villages|towns|settlements|regions|oblasts|provinces)$")  # after one name

Places = dict[str, tuple[frozenset[str], ...]]  # level -> places, each as its match keys


@dataclass(frozen=True)
class Place:
    level: str
    key: str  # a skeleton, or "id:<gazetteer id>"


def _clean(name: str) -> str:
    """The place word, or "" for a determiner or a country's name ("the district", "a Kazakh town")."""
    label = gazetteer().matcher.match_whole(name)
    if name.lower() in _STOP or (label and gazetteer().entities[label].type == "country"):
        return ""
    return _RU_ADJ.sub("", name) if re.search(r"[а-яё]", name, re.I) else name


def find_places(text: str, turkic: bool = False) -> set[Place]:
    """Places the text names next to a locality word (by level), and gazetteer places (level "named")."""
    out: set[Place] = set()
    for level, rx in _PATTERNS:
        for m in rx.finditer(text):
            if _OF_REGION.match(m.group(0)) and _NAME_BEFORE.search(text, 0, m.start()):
                continue  # "Kyzylzhar district of North Kazakhstan region": the district is Kyzylzhar
            if not m.groupdict().get("name2") and _EN_PLURAL.search(m.group(0)):
                continue  # "Bukhara districts": districts of Bukhara (region), none of them named Bukhara
            for name in (m["name"], m.groupdict().get("name2")):
                sk = skeleton(_clean(name)) if name else ""
                if len(sk) >= 2:
                    out.add(Place(level, sk))
    g = gazetteer()
    for m in g.matches(text, turkic):
        e = g.entities.get(m.label)
        if e is not None and e.type in PLACE_TYPES and e.type != "country":
            out.add(Place(GAZETTEER_LEVEL, "id:" + m.label))
    return out


# "near Karakol", «под Алматы», "Qarağandy mañynda", «Қарақол жанында»: the happening is outside the town named.
_NEAR = re.compile(r"(?i:near|outside|off|close to|под|возле|близ|около|вблизи|недалеко от|рядом с|наздики|наздикии)\s+$")
_NEAR_AFTER = re.compile(r"\w*\s+(?i:маңында|mañynda|жанында|janynda|yaqinida|яқинида|atrofida|атрофида|наздик)")


# A capital written as a place: after a preposition of place ("Large parts of Bishkek", «в Астане»).
_PLACE_BEFORE = re.compile(r"(?:\b(?i:in|of|across|throughout)|(?<!\w)(?i:в|во|по))\s+$")


def _capital_as_place(title: str, start: int, end: int, label: str) -> bool:
    """Does the headline name the capital as the place where something happened, not as its government
    (opening the headline: "Astana signs…", «Ташкент предложил…»)?"""
    if start == 0:
        return False
    if _PLACE_BEFORE.search(title, 0, start):
        return True
    surface = re.sub(r"['’]s$", "", fold(title[start:end]))  # "Tashkent's": the government's, as often as not
    return surface not in {fold(n) for n in gazetteer().names.get(label, [])}  # a case ending


def titled_places(title: str, turkic: bool = False) -> set[Place]:
    """Cities and towns of the gazetteer that the headline names (capitals written as places), "near X" excluded."""
    g = gazetteer()
    out = set()
    for m in g.matches(title, turkic):
        e = g.entities.get(m.label)
        if e is None or _NEAR.search(title[:m.start]) or _NEAR_AFTER.match(title, m.end):
            continue
        if e.type in ("city", "town"):
            out.add(Place(TITLED_LEVEL, "id:" + m.label))
        elif e.type == "capital" and _capital_as_place(title, m.start, m.end, m.label):
            out.add(Place(CAPITAL_LEVEL, "id:" + m.label))
    return out


def place_tags(title: str, text: str, lead_end: int, turkic: bool = False) -> set[str]:
    """Tagged places of the headline and lead: "place:<level> <key>". The body is not read: an
    article about one flood often recalls another's village in its background paragraphs.
    ``turkic``: Kazakh/Uzbek/Kyrgyz text, whose names carry case endings."""
    places = find_places(f"{title}\n{text}"[:lead_end], turkic) | titled_places(title, turkic)
    return {f"{PLACE_TAG}{p.level} {p.key}" for p in places}


@lru_cache(maxsize=4096)
def place_keys(key: str) -> frozenset[str]:
    """What a place can be matched by: a skeleton, or a gazetteer id with its names' skeletons."""
    if not key.startswith("id:"):
        return frozenset({key})
    eid = key[3:]
    names = gazetteer().names.get(eid, [])
    return frozenset({key} | {s for n in names if len(s := skeleton(n)) >= 2})


def places_match(a: frozenset[str], b: frozenset[str]) -> bool:
    """Do two places (their match keys) name one locality?"""
    if a & b:
        return True
    return any(skeletons_match(x, y) for x in a if not x.startswith("id:") for y in b if not y.startswith("id:"))


def split_place_tags(tags) -> Places:
    """Places by level from tagged strings, each place as its match keys."""
    out: dict[str, set[frozenset[str]]] = {}
    for tag in tags:
        level, _, key = tag[len(PLACE_TAG):].partition(" ")
        out.setdefault(level, set()).add(place_keys(key))
    return {k: tuple(sorted(v, key=sorted)) for k, v in out.items()}


def _named_below_region(places: Places) -> tuple[frozenset[str], ...]:
    """Every place named, regions excluded: a district is not its namesake region (Костанайский
    район is one district of Костанайская область, whose other districts flood separately)."""
    return tuple(x for level, v in places.items() if level != "region"
                 for x in v if not any(k.startswith("id:region:") for k in x))


_COUNTRY_PLACE_TYPES = frozenset({"city", "town", "region"})  # not capitals (datelines) or waters (they cross borders)


def place_countries(p: Places) -> frozenset[str]:
    """Countries of the cities, towns and regions a headline and lead name."""
    ids = [k[3:] for v in p.values() for x in v for k in x if k.startswith("id:")]
    return frozenset(gazetteer().countries(ids, _COUNTRY_PLACE_TYPES))


def countries_apart(placed_a: frozenset[str], named_a: frozenset[str], placed_b: frozenset[str],
                    named_b: frozenset[str]) -> bool:
    """Towns and regions in two countries (``placed_*``, from ``place_countries``), and neither text
    names the other's country (``named_*``: anywhere in it): two places. An Uzbek aid story naming
    Yangikurgan and "neighbouring Kyrgyzstan" stays with the Kyrgyz quake."""
    return bool(placed_a and placed_b and not (placed_a | named_a) & (placed_b | named_b))


def places_apart(a: Places, b: Places) -> bool:
    """Both headlines-and-leads name districts or settlements by a locality word (settlements also by
    a headline town), and at no such level they both name do they share one, nor does either name a
    place below region level that the other's lead names at any level: two localities, so (most
    likely) two happenings."""
    headlines = (a.get(TITLED_LEVEL) or a.get(CAPITAL_LEVEL)) and (b.get(TITLED_LEVEL) or b.get(CAPITAL_LEVEL))

    def deciding(p: Places, level: str) -> tuple[frozenset[str], ...]:
        if level != "settlement":
            return p.get(level, ())
        return p.get(level, ()) + p.get(TITLED_LEVEL, ()) + (p.get(CAPITAL_LEVEL, ()) if headlines else ())

    levels = [lv for lv in DECIDING if deciding(a, lv) and deciding(b, lv)]
    if not levels:
        return False
    named_a, named_b = _named_below_region(a), _named_below_region(b)
    return not any(places_match(x, y) for lv in levels for x in deciding(a, lv) for y in named_b) \
        and not any(places_match(x, y) for lv in levels for x in deciding(b, lv) for y in named_a)


def places_shared(a: Places, b: Places) -> bool:
    """Both headlines-and-leads name one district or settlement by a locality word."""
    return any(places_match(x, y) for lv in DECIDING for x in a.get(lv, ()) for y in b.get(lv, ()))
