"""Is an article Central Asia coverage? Evidence from the entity gazetteer and ``[relevance] terms``.

Every name the gazetteer (``gazetteer.toml``) or the config's ``terms`` list knows is found with the
shared :class:`~newsmon.core.terms.TermMatcher` (Russian case endings included). A name is evidence
when its entity belongs to one of the five states (KZ KG TJ TM UZ), is a regional one with no single
country (the Aral Sea, the Caspian, the Middle Corridor, TAPI, …), or is a config term: a term the
gazetteer knows joins that entity ("Tashkent" is the capital), others stand alone ("Central Asia").

The score is in units of "one mention of a country in the body"; an article is relevant when it
reaches ``min_hits`` (2). Each mention is weighted by

* **where** it is: title ``title_weight`` (2), lead ``lead_weight`` (1.5: the body's first
  sentences, about LEAD_WORDS words), the rest 1;
* **what** it names: companies, projects, bodies (parliaments, akimats) and people 1.5 (specific
  names, seldom dropped in passing), a national currency 2 (an amount in tenge places the story in
  Kazakhstan), countries, capitals, cities, regions, rivers, sites and config terms 1;
* **repetition**: one mention per entity per sentence; an entity's second sentence counts half,
  its third a quarter, …: repeating one name is weak evidence, two different names are strong;
* **lists**: a name listed with a foreign one ("Kazakhstan and Chile", «из Армении, Казахстана и
  Беларуси», "Cameco and Kazatomprom") or given as an example of a larger set ("14 routes, including
  Almaty and Tashkent") counts half, and so does every Central Asian name after the strongest in one
  sentence.

So a name once in the body (1) or lead (1.5) is a passing mention; a country or company in the
title, a company in the lead, or two different names make coverage.

Look-alikes. Place names (capitals, cities, regions, rivers, sites) are borrowed by restaurants,
ships, horses, streets and clubs. A place counts nothing in the whole article once one of its
mentions is in quotes (ресторан «Ташкент», эсминец «Ташкент»), next to such a noun ("cafe Khiva",
"FC Astana", "Samarkand, the new restaurant", "Tashkent Street"), in capitals (OSH, the safety
acronym) or placed in a foreign country («Талас в Турции», "the Turkish town of Talas"); a
country's mention counts nothing as a cuisine ("Uzbek cuisine", «узбекская кухня»), and a nation
counts nothing as a people abroad ("Iraqi Turkmen", "ethnic Tajiks", «Туркменский округ» of Stavropol):
once so named, its bare name in the same article is that people too. A sea or range shared with
foreign states (the Caspian, the Pamirs) counts nothing in a sentence that names one of them. And
when the only evidence is one place named by a one-word name that is never used as a place (after
"in", «в», «мэр» …), it is not enough however often it is repeated: "Bukhara won the handicap".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

from newsmon.core.config import Relevance
from newsmon.core.gazetteer import PLACE_TYPES, Gazetteer, gazetteer
from newsmon.core.terms import RU_ADJECTIVE, TermMatcher, fold
from newsmon.core.text import translit
from newsmon.core.turkic import PLACE_ENDINGS, blank_common_words, is_turkic

CENTRAL_ASIA = frozenset({"KZ", "KG", "TJ", "TM", "UZ"})
# Specific names: a company, project, body or person is seldom mentioned in passing.
TYPE_WEIGHTS = {"company": 1.5, "project": 1.5, "org": 1.5, "club": 1.5, "person": 1.5, "currency": 2.0}
DEFAULT_WEIGHT = 1.0  # country, capital, city, region, river, other, config term
# Types whose names restaurants, ships, horses, streets and clubs borrow.
BORROWED = frozenset({"capital", "city", "town", "region", "river", "other"})
_CHECKED = BORROWED | {"country"}  # look-alike uses are looked for on these (a country: "Uzbek cuisine")
REPEAT_DECAY = 0.5  # weight of an entity's n-th sentence: REPEAT_DECAY ** (n - 1)
LIST_FACTOR = 0.5  # weight of the 2nd, 3rd, … Central Asian name within one sentence

# Nouns that make a place name the name of something else ("cafe Khiva", "the destroyer Tashkent",
# "FC Astana", «улица Бухара»). Russian ones are stems (up to 3 more letters).
_CUES_EN = frozenset("""restaurant restaurants cafe café bistro bar pub hotel street avenue lane road fc club
destroyer ship vessel frigate cruiser submarine yacht liner barque horse colt filly mare gelding stallion racehorse
brand chain boutique shop store cinema nightclub teahouse tearoom grill kitchen bakery diner tavern lounge inn motel
eatery brasserie deli canteen""".split())
_CUES_RU = ("ресторан", "кафе", "отел", "гостиниц", "улиц", "проспект", "переул", "бульвар", "эсминец", "эсминц",
            "корабл", "крейсер", "фрегат", "лайнер", "судн", "барк", "теплоход", "клуб", "фк", "жеребец", "жеребц",
            "кобыл", "скакун", "бренд", "магазин", "кинотеатр", "чайхан", "бистро", "кофейн", "пекарн", "столов")
_STREET_RU = ("улиц", "проспект", "переул", "бульвар", "шоссе", "проезд", "тупик", "набережн")
# Facilities named after the place they serve: a quoted name after them is still that place.
_OWN_FACILITY = ("airport", "аэропорт", "aeroport", "әуежай", "vokzal", "вокзал", "station", "станци",
                 # a museum-reserve of the site itself: музей-заповедник «Ичан-Кала», "the Itchan Kala museum-reserve"
                 "музе", "заповедник", "museum", "мұражай", "muzey", "музей", "qoʻriqxona", "qo'riqxona")
_NAMING = frozenset("named called dubbed christened".split())  # "a horse named Bukhara"
# Words after a name that make it a dish or a restaurant, not the place: "Uzbek cuisine", «узбекская кухня».
# … or goods sold under the name far away: "Turkmen rugs" at a London auction, «туркменские ковры».
_FOOD_EN = frozenset("cuisine dish dishes restaurant restaurants cafe café rug rugs carpet carpets kilim kilims".split())
_FOOD_RU = ("кухн", "блюд", "ресторан", "кафе", "плов", "ковер", "ковр")  # compared folded: ё is е
# "Samarkand, the new restaurant", "Aral, Germany's largest filling-station chain": an article or a possessive
_APPOSITION = re.compile(r"\s*,\s+(?:(?i:a|an|the)|[A-Z][\w-]*['’]s)\s+((?:[\w'-]+\s+){0,4}[\w'-]+)")
_WORD = re.compile(r"[\w'-]+")
# Words before a one-word place name that show it is used as the place: "in Bukhara", «в Бишкеке», «мэр Бишкека».
_LOCATIVE = frozenset("""in at from to near into outside across around via through of в во из на под до около у по
через близ возле дар аз""".split())  # Tajik «дар» (in), «аз» (from)
# … and Tajik ones that put the name after them: «шаҳри Хуҷанд», «ноҳияи Рашт», «вилояти Хатлон», «раиси шаҳри Душанбе».
_CIVIC_RU = ("мэр", "жител", "власт", "аким", "хоким", "центр", "окраин", "пригород", "аэропорт", "вокзал", "район",
             "шаҳр", "ноҳия", "вилоят", "раис", "донишгоҳ", "давлати")  # Tajik «Донишгоҳи давлатии Хуҷанд»
# Words right after it that do the same: "the Bishkek city council", "Navoiy erkin iqtisodiy zonasi",
# "Шымкент қаласы", "Samarqand viloyati".
_CIVIC_AFTER = ("city", "mayor", "host", "принима", "council", "municipal", "residents", "authorities", "officials",
                "police", "airport",
                "region", "district", "province", "oblast", "governor", "akimat", "hokimiyat", "khokimiyat",
                "shahr", "viloyat", "tuman", "hokim", "erkin", "aeroport", "облыс", "қала", "аудан", "әкім",
                "oblys", "qala", "audan", "aýdan", "äkım", "äkim", "ákim", "auyl", "aýyl", "ауыл",
                "шаҳар", "вилоят", "туман", "ҳоким", "аэропорт",
                "шаар", "облус", "мэрия", "району", "айыл",  # Kyrgyz: «Ош шаарында», «Нарын облусунда»
                "lake", "köl", "көл", "ko'l", "кўл",  # a lake by its name: "Kölsai kölderı", «Тўдакўл кўли»
                # a reserve, park or canyon by its name: "Sary-Chelek reserve", «Сары-Челек коругунда», "Şaryn şatqaly"
                "reserve", "nature", "canyon", "gorge", "заповедник", "каньон", "ущель", "коруг", "қорығ", "qoryğ", "qorıq",
                "qo'riqxona", "қўриқхона", "шатқал", "şatqal", "шатқол")
_FACILITY = ("zauyt", "зауыт", "zavod", "завод", "kombinat", "комбинат", "universitet", "университет", "äuejai",
             "әуежай", "aeroport", "аэропорт", "stadion", "стадион", "teatr", "театр", "fabrika", "фабрика")
# A capitalised word joined to a name by "and"/"or" (и, va, және…), or by commas on both sides: a list.
_CAP = r"[A-ZÀ-ÞА-ЯЁ][\w'.-]*"
_AND = r"(?:and|or|&|и|или|va|ва|hamda|ҳамда|yoki|ёки|және|jäne|jane|немесе|nemese|мен|бен|пен|men|ben|pen|жана)"  # EN, RU, UZ, KK, KY, TG
_JOINED_BEFORE = re.compile(rf"({_CAP})\s+{_AND}\s+$")
_JOINED_AFTER = re.compile(rf"^(?:'s)?\s+{_AND}\s+(?:the\s+)?({_CAP})")  # "… and the Philippines"
# A range that opens a headline or a clause, one end abroad: "From Lagos to Almaty: …", "…, from Tashkent to
# Tenerife" (a shipping line "from Aktau to Amirabad" is a route, and counts).
_FROM = r"(?:^|[,:;(—–]\s*)(?:[Ff]rom|[Ии]з|[Оо]т)\s+"
_TO = r"\s+(?:to|в|во|до)\s+"
_ROUTE_BEFORE = re.compile(rf"{_FROM}({_CAP}){_TO}$")
_ROUTE_FROM = re.compile(rf"{_FROM}$")
_ROUTE_TO = re.compile(rf"^{_TO}({_CAP})")
# Three or more capitalised items joined by commas and a last "and": one list, whichever item a name is.
_ITEM = rf"{_CAP}(?:\s+{_CAP})?"  # one or two words: «Минеральные Воды», "Abu Dhabi"
_LIST_RUN = re.compile(rf"{_ITEM}(?:,\s+(?:the\s+)?{_ITEM})+,?\s+{_AND}\s+(?:the\s+)?{_CAP}")
_COMMA_BEFORE = re.compile(rf"({_CAP}),\s+$")
_COMMA_AFTER = re.compile(rf"^,\s+({_CAP})")
# A quoted place name in a match report is a club of that place («Ақтөбе» өз алаңында «Жетісуды» ұтты,
# «Алай» разгромил «Нефтчи», "Khatlon beat Istaravshan"): coverage, not a look-alike. Horse racing is
# left out ("Bukhara won the handicap").
_SPORT = re.compile(
    r"\b(?:beat|beats|defeat\w*|thrash\w*|league|goals?|scored|striker|midfielder|fixture|"
    r"обыгра\w*|уступил\w*|разгроми\w*|в матче|со сч[её]том|лиг[аеиу]\w*|чемпионат\w*|"
    r"ұтты|жеңді|есебімен|алаңында|g[ʻʼ'’‘`]?alaba\w*|mag[ʻʼ'’‘`]?lub\w*|hisobida|мағлуб\w*|ҳисоби|"
    r"утту|жеңди|эсеби\w*)\b", re.I)
_SCORE = re.compile(r"(?<![\d:.])\d{1,2}:\d(?![\d:])")  # 3:0, 2:1 (a time has two digits of minutes)
# A club named as where a player came from is a passing mention in a story about another club ("Zenit,
# who bought him from Kairat Almaty", «перешедший летом из «Ордабасы»»): outside the headline it counts half.
_TRANSFER = re.compile(r"\b(?:from|formerly|former|ex|перешедш\w*|перешел|перешёл|выступал\w*|бывш\w*|экс)\b", re.I)
_CLUB_IDS = ("org:fc-", "org:hc-", "org:bc-")
_RACING = re.compile(r"\b(?:jockey|racecourse|handicap|stakes|derby|скачк\w*|жоке\w*|ипподром\w*|скакун\w*)\b", re.I)
_QUOTE_OPEN = "«\"“„'‘"
_BEFORE_QUOTED = re.compile(r"[^\W\d_]*\s+[«\"“„]")  # a town's adjective before a quoted club name
_QUOTE_CLOSE = "»\"”“'’"
_PARAGRAPHS = re.compile(r"\s*\n\s*")
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"»”’)]*\s+(?=[\"«“‘(]*[A-ZА-ЯЁ0-9])")
LEAD_WORDS = 35  # the lead: the first sentences of the body, until about this many words


@dataclass
class Verdict:
    relevant: bool
    hits: dict[str, int]  # Central Asian entity (or config term) -> mentions that counted
    score: float = 0.0
    evidence: dict[str, float] = field(default_factory=dict)  # entity -> its share of the score
    reason: str = ""


def _is_cue(word: str) -> bool:
    w = fold(word)
    return w in _CUES_EN or any(w.startswith(c) and len(w) - len(c) <= 3 for c in _CUES_RU)


def _is_food(word: str) -> bool:
    w = fold(word)
    return w in _FOOD_EN or any(w.startswith(c) and len(w) - len(c) <= 3 for c in _FOOD_RU)


def _quoted(text: str, start: int, end: int) -> bool:
    return start > 0 and end < len(text) and text[start - 1] in _QUOTE_OPEN and text[end] in _QUOTE_CLOSE


def _borrowed_use(text: str, start: int, end: int) -> bool:
    """Is the place name text[start:end] the name of a restaurant, ship, horse, street, club…?"""
    if _quoted(text, start, end):
        # … except an airport or a station named after its own place: аэропорт «Иссык-Куль»; not a station
        # named by the place's adjective, as Moscow's metro names them: станция «Алма-Атинская»
        before = _WORD.findall(text[max(0, start - 30):start - 1])[-1:]
        own = bool(before and fold(before[0]).startswith(_OWN_FACILITY))
        return not own or bool(RU_ADJECTIVE.search(fold(text[start:end])))
    name = text[start:end]
    if sum(c.isalpha() for c in name) >= 2 and name.isupper() and not text.isupper():
        return True  # OSH, ARAL: an acronym or a brand, not the place
    before = _WORD.findall(text[max(0, start - 40):start])[-2:]
    if before and (_is_cue(before[-1]) or (len(before) == 2 and fold(before[1]) in _NAMING and _is_cue(before[0]))):
        return True  # "cafe Khiva", "FC Astana", "a restaurant called Samarkand"
    after = _WORD.findall(text[end:end + 30])[:1]
    if after and fold(after[0]).startswith(_STREET_RU):
        return True  # «Ташкентская улица», «Ферганский проезд»: a street in Moscow
    if after and _is_food(after[0]):
        return True  # "Uzbek cuisine", "Samarkand restaurant", «узбекская кухня»
    if after and (after[0][:1].isupper() or fold(after[0]) == "fc") and _is_cue(after[0]):
        return True  # "Tashkent Street", "Samarkand Hotel", "Astana FC"
    m = _APPOSITION.match(text, end)
    return bool(m and any(_is_cue(w) for w in _WORD.findall(m.group(1))))


# A direction before a region's name: "in southern Xinjiang", «в южном Синьцзяне».
_DIRECTION = (r"central|northern|southern|eastern|western|north|south|east|west|"
              r"центральн\w*|северн\w*|южн\w*|восточн\w*|западн\w*")
# A district in the Russian genitive, between a place and the region it lies in: «Онгудайского района».
_RU_DISTRICT_OF = r"[а-яё-]+(?:ого|его)\s+(?:района|округа|улуса)\s+"
# A place abroad that shares a Central Asian name: "Талас в Турции", "Talas (Turkey)", "the Turkish town
# of Talas", «турецкого города Талас». Between a foreign country and the name only these words.
_ABROAD_AFTER = re.compile(r"^\s*(?:(?:district|province|region|city|town|village|район\w*|город\w*)\s+"
                           r"(?:of\s+[A-Z][\w-]+\s+)?)?"  # "the Talas district of Kayseri in central Turkey"
                           rf"(?:,|\(|(?:в|во|in)\s)\s*(?:(?:{_DIRECTION})\s+)?$"
                           # or a Russian chain of genitives: «Каракол Онгудайского района Республики Алтай»
                           rf"|^\s+{_RU_DISTRICT_OF}$", re.I)
# Or a foreign country in the genitive right before it: Uzbek "Afgʻonistonning Jalolobod shahri", Kazakh
# «Түркияның Талас қаласы», Kyrgyz «Түркиянын Талас шаары».
_GENITIVE = re.compile(r"(?:ning|нинг|ның|нің|дың|дің|тың|тің|нын|нин|дын|дин|тын|тин|нун|нүн|дун|дүн)$", re.I)
_ABROAD_BEFORE = re.compile(r"^\s*(?:city|town|village|district|province|region|resort|port|город\w*|посел\w*|сел\w*|"
                            r"район\w*|провинци\w*|курорт\w*|порт\w*)(?:\s+of)?\s*$", re.I)


# A foreign place that locates the name after it: English "Xinjiang's Aral", Kazakh «Шыңжаңдағы Арал»,
# Uzbek "Shinjondagi Aral" (in-Xinjiang Aral).
_QUALIFIER = re.compile(r"(?:'s|’s|дағы|дегі|тағы|тегі|dağy|degı|tağy|tegı|dagi|даги|тагы|теги|дагы|деги)$", re.I)


# "Talas, Turkey" locates the town only when the country ends the phrase ("Talas, Turkey, on Monday",
# "Talas, Turkey's …"); "Putin lands in Astana, Russia seeks gas deal" starts a new clause.
_LOCATOR_END = re.compile(r"\s*(?:$|[,.;:)\]—–-]|['’]s\b)")


# Or a foreign country's adjective right before it: «в турецком Таласе», "Chinese Khorgos".
_ADJECTIVE = re.compile(r"[кц](?:ий|ого|ому|им|ом|ая|ой|ую|ое|ие|их|ими)$|(?:ish|ese|ian)$")
# Or an apposition that places it: "Aral, a city in southern Xinjiang", "Aral, a city on the Tarim river in
# China's Xinjiang", «Талас, город на юге Турции».
_APPOSED_ABROAD = re.compile(r"^\s*,\s*(?:(?:an?|the)\s+)?(?:[\w-]+\s+){0,2}?(?:city|town|village|district|county|port|oasis|capital|"
                             r"resort|province|region|prefecture|город\w*|посел\w*|сел\w*|район\w*|курорт\w*|порт\w*)\s+"
                             r"(?:[^,.;:!?()]{0,40}?\s)?"  # "on the Tarim river"
                             r"(?:(?:in|of|on|в|во|на)\s+)(?:the\s+)?"
                             rf"(?:(?:far|{_DIRECTION}|юге|севере|востоке|западе|центре|юго-\w+|северо-\w+)\s+)?$", re.I)


def _abroad(text: str, start: int, end: int, foreign: list[tuple[int, int]]) -> bool:
    """Is the place name text[start:end] qualified by a foreign country right after or before it
    (also as a possessive, locative or adjective: "Xinjiang's Aral", «Шыңжаңдағы Арал», «турецком Таласе»,
    in an apposition, or by the Tajik izafet: «Ҳисори Ҳиндустон», India's Hisar)?"""
    return any(_APPOSED_ABROAD.match(text[end:a]) and a - end <= 90
               or 0 < start - b <= 2 and not text[b:start].strip() and _ADJECTIVE.search(fold(text[a:b]))
               or _ABROAD_AFTER.match(text[end:a]) and a - end <= 40 and ("," not in text[end:a] or _LOCATOR_END.match(text, b))
               or _ABROAD_BEFORE.match(text[b:start]) and start - b <= 20
               or 0 <= start - b <= 2 and (_GENITIVE.search(text[a:b]) or _QUALIFIER.search(text[a:b]))
               or 0 < a - end <= 1 and not text[end:a].strip() and text[end - 1:end].lower() == "и"  # Tajik «Ҳисори Ҳиндустон»
               for a, b in foreign)


# A foreign region or town after "in"/«в» qualifies the name before it: "Talas in Kayseri". Not after a
# comma: "in Astana, Moscow watches" and "Almaty, Baku and Tbilisi" are lists, not places abroad.
_ABROAD_IN = re.compile(rf"(?:\bin|\bв|\bво)\s+(?:(?:{_DIRECTION})\s+)?$", re.I)
# … and so does one after a district in the Russian genitive: «Каракол Онгудайского района Республики Алтай».
_DISTRICT_OF = re.compile(rf"{_RU_DISTRICT_OF}$", re.I)
# A foreign country named for its money: "US dollar", «АҚШ доллары», «доллар США», "Russian rouble".
_CURRENCY_NEAR = re.compile(r"dollar|доллар|euro|евро|yevro|rouble|ruble|рубл|rubl|yuan|юан|lira|лир|рупи|rupee", re.I)
_SURNAME_CASE = re.compile(r"[А-ЯЁӘҒҚҢӨҰҮҲІЎ][а-яёәғқңөұүһіў]")
_SENTENCE_OPEN = re.compile(r"(?:^|[.!?:]\s+|[«\"“(—–-]\s*)$")


def _capitalised_inside(sent: str, start: int, end: int) -> bool:
    """Is the Cyrillic word sent[start:end] capitalised inside its sentence (a surname: «тренер Игорь Сомов»)?"""
    return bool(_SURNAME_CASE.match(sent[start:end])) and not _SENTENCE_OPEN.search(sent, 0, start)


# A Russian surname's ending on a nation's name («Рустам Узбеков», «Казакова»): the people's names are lower case.
_RU_SURNAME_END = re.compile(r"(?:ов|ев|ин)(?:а|у|ым|ой|е)?$")
# A name held up as a yardstick for something elsewhere: "to become 'the Kaspi of South Asia'", "the
# Samarkand of Africa" (not "the Samarkand of the Timurids", whose "of" is not followed by a name, nor
# "the Fergana Valley of Uzbekistan", whose name after "of" is Central Asian).
_METAPHOR_BEFORE = re.compile(r"\b(?:the|a|an)\s+[\"'‘“]?$", re.I)
_METAPHOR_AFTER = re.compile(r"[\"'’”]?\s+of\s+(?:the\s+)?[A-Z]")
# The tenge in «теңге ілу» (the horseback game of picking up a coin) is no money.
_COIN_GAME = re.compile(r"\s+(?:ілу|алу|ilu|ilw|alu)\w*", re.I)
# A generic name in the plural is no one body: Uzbek "markaziy banklar(i)", Kazakh «ұлттық банктер».
_PLURAL = re.compile(r"(?:lar|ler|лар|лер|дар|дер|тар|тер)\w{0,4}$", re.I)
_OF_PLACE = re.compile(r"\s+(?:(?:of|from|in|из|в)\s+)?")  # "Kazakhs of Omsk region", «казахи Омской области»
# A country named as where a person comes from, in a story about that person ("a forklift driver from
# Uzbekistan hurt in a Poznań fire", «рабочий из Таджикистана», «уроженец Кыргызстана», "a citizen of
# Kazakhstan"): a migrant's or player's origin, not news from there. Nouns for people, then "from"/«из».
_ORIGIN_BEFORE = re.compile(
    r"(?:\b(?:man|woman|men|women|worker|labou?rer|driver|migrant|student|tourist|passenger|courier|cleaner|janitor|"
    r"clerk|cook|waiter|builder|guard|picker|nurse|climber|teenager|boy|girl|resident|fan|pensioner|mechanic|welder|"
    r"chef|cabbie|porter|loader|operator)s?(?:\s+\w+)?\s+(?:originally\s+)?from|\b(?:citizens?|nationals?|natives?)\s+of|"
    r"\b(?:рабоч|работни|мигрант|водител|мужчин|женщин|студент|турист|пассажир|курьер|дворник|уборщи|строител|"
    r"продав|повар|таксист|подрост|охранник|сварщик|грузчик|механик|пенсионер|парн|парень|девушк|юнош)\w*"
    r"(?:\s+\w+)?\s+(?:родом\s+)?из|\b(?:уроженц|уроженец|уроженк|гражданин|гражданк|выходц|выходец)\w*(?:\s+из)?)\s+$",
    re.I)
_ETHNIC = re.compile(r"(?:\bethnic|этническ\w*|этник\w*|etnik\w*)\s+$", re.I)
# A nation's adjective that names a district abroad: «Туркменский (муниципальный) округ» of Stavropol,
# «Казахский район» of Azerbaijan. The five states name no district after their nations.
_DISTRICT_AFTER = re.compile(r"^\s+(?:муниципальн\w+\s+|автономн\w+\s+)?(?:район\w*|округ\w*|улус\w*|уезд\w*)\b"
                             r"|^\s+(?:autonomous\s+)?(?:district|county|prefecture)\b"
                             r"|^\s+(?:автономиялуу|автономиялы|автоном|avtonom\w*)\s+(?:облус|облыс|район|округ|viloyat|okrug)", re.I)
_STATE_NAME = re.compile(r"stan|стан|iston|истон|ston|стон", re.I)  # Kazakhstan, Oʻzbekiston, Тоҷикистон
# A nation as people in the plural: "Kazakhs", "Turkmens", «казахи», «казахов», «кыргыздары», "qazaqtar". In a
# story set abroad they are a community there ("the Kazakhs of Bayan-Ölgii"), not the country.
_PEOPLE_PLURAL = re.compile(r"(?:[kgzcn]s|ы|и|ов|ам|ами|ах|(?:лар|лер|дар|дер|тар|тер|lar|ler|dar|der|tar|ter)\w{0,4})$")


# A story whose headline and lead are set abroad and that names the region in one later sentence only
# ("…while Kazakh wheat at the Caspian port of Aktau rose one dollar" in a Black Sea market report)
# mentions it in passing: its evidence counts half.
ONE_SENTENCE_ABROAD = 0.5


# A nation's language, which its people abroad speak too ("Kyrgyz language and literature" taught at a school in Van).
_LANGUAGE_AFTER = re.compile(r"\s+(?:language|tili|тили|тілі|tılı|забони|язык\w*)\b", re.I)


def _demonym(name: str) -> bool:
    """A nation's name or adjective ("Turkmen", «туркмены»), not the state's ("Turkmenistan")."""
    return not _STATE_NAME.search(name)


# A nation's adjective before a community's plural ("Kazakh herders", «казахские кочевники»): a people too.
_COMMUNITY_AFTER = re.compile(r"\s+(?:[^\W\d_]+\s+)?(?:herders|nomads|families|communit(?:y|ies)|diaspora|minority|minorities|villagers|"
                              r"settlers|пастух\w*|кочевник\w*|семьи|общин\w*|диаспор\w*|меньшинств\w*|переселенц\w*)\b", re.I)


def _people_plural(name: str, after: str = "") -> bool:
    """A nation named as people in the plural ("Kazakhs", «кыргыздары», or "Kazakh herders" with the text
    after the name), not the state or a bare adjective."""
    return _demonym(name) and (bool(_PEOPLE_PLURAL.search(fold(name))) or bool(_COMMUNITY_AFTER.match(after)))


def _people(text: str, start: int, end: int, foreign: list[tuple[int, int]],
            after: list[tuple[int, int]] = ()) -> bool:
    """Is the nation named text[start:end] a people, not the country: right after a foreign country
    or its adjective ("Iraqi Turkmen", "Afghan Uzbeks", «китайские казахи»), after "ethnic" ("ethnic
    Tajiks", «этнические казахи»), an adjective naming a district (a place abroad), or right before a
    place abroad ("Kazakhs of Omsk region", «казахи Омской области»)?"""
    if not _demonym(text[start:end]):
        return False
    return (any(0 <= start - b <= 2 for _, b in foreign) or bool(_ETHNIC.search(text[max(0, start - 20):start]))
            or bool(_DISTRICT_AFTER.match(text[end:end + 40]))
            or any(a >= end and _OF_PLACE.fullmatch(text[end:a]) for a, _ in after))


# Words that may stand capitalised before a leader's surname without being a given name: titles, and
# the words a sentence may open with ("President Tokayev", «Елбасы Назарбаев», "When Mirziyoyev …").
_TITLES = frozenset("""president presidents ex-president former late then current mr mrs ms dr sir prime minister
premier chairman chairwoman speaker leader elbasy senator general ambassador governor akim hokim deputy first
acting professor judge when after before as but and if while so yet meanwhile today now also later though
although since once only even there here why how what both with without for by at in on to from of
the a an that this these those said says according
президент президента президентом экс-президент бывший первый премьер премьер-министр глава лидер елбасы
лидера министр спикер аким хоким сенатор генерал посол депутат господин г-н когда после как но и а если
пока тогда затем вот даже лишь только сам сама также уже ещё еще при по с со у о об от до для за на в во
президенти президенті prezident prezidenti prezidentı президентӣ раиси раисҷумҳур""".split())
# English words that may open a sentence right before a surname.
_OPENERS = frozenset("""yesterday today tonight tomorrow earlier later meanwhile still instead elsewhere separately
similarly likewise thus hence therefore finally first next last also however indeed moreover furthermore besides
ex-leader ex-premier ex-minister veteran incumbent outgoing new""".split())
# A patronymic between a given name and the surname («Нурсултан Абишевич Назарбаев», "Shavkat Miromonovich").
_PATRONYMIC = re.compile(r"(?:ович|евич|ич|овна|евна|ична|улы|ұлы|қызы|кызы|uly|ulı|qyzy|o'g'li|ugli|ўғли)$")
_PREV_WORD = re.compile(r"([^\W\d_][\w-]*)\s+$")


def _name_key(word: str) -> str:
    """A given name's first letters in one Latin spelling (Қасым, Kassym, Kasym → "kas")."""
    return translit(fold(word).split("-")[0]).replace("q", "k").replace("j", "zh")[:3]


def _namesake(text: str, start: int, given: frozenset[str], taken: list[tuple[int, int]]) -> bool:
    """Is the leader's surname at text[start:] another person's: right after a capitalised given name
    that is none of the leader's own ("Timur Nazarbayev", «Тимур Назарбаев», "Defender Aziz Karimov"),
    not a title, a patronymic, the sentence's first word or another name found in the sentence?"""
    m = _PREV_WORD.search(text, max(0, start - 40), start)
    if not given or m is None:
        return False
    w = m.group(1)
    f = fold(w)
    if not text[:m.start(1)].strip(_QUOTE_OPEN + "([—–- \n") and not (w.isascii() and f not in _OPENERS):
        # A sentence's first word is capitalised whatever it is («Вечером Мирзиёев вылетел», "Meanwhile
        # Tokayev …"); in English only the few words that open a sentence before a name are not given names.
        return False
    return (w[0].isupper() and not w.isupper() and f not in _TITLES and not _PATRONYMIC.search(f)
            and _name_key(w) not in given and not any(a < m.end(1) and m.start(1) < b for a, b in taken))


def _placed(text: str, start: int, end: int, turkic: bool = False) -> bool:
    """Is the place name text[start:end] used as a place: after a locative preposition or a civic noun,
    before a civic noun ("the Bishkek city council"), as an English possessive ("Almaty's metro"), or,
    in Kazakh/Uzbek, with a case ending that puts it in space ("Алматыда", "Toshkentdan", "Astanağa")?"""
    before = [fold(w) for w in _WORD.findall(text[max(0, start - 30):start])[-1:]]
    if before and (before[0] in _LOCATIVE or before[0].startswith(_CIVIC_RU)):
        return True
    word = fold(text[start:end])
    if turkic and word.endswith(PLACE_ENDINGS):
        return True
    after = [fold(w) for w in _WORD.findall(text[end:end + 30])[:1]]
    if after and after[0].startswith(_CIVIC_AFTER):
        return True
    # Kazakh/Uzbek/Kyrgyz name a town's plant or university by the town before it, the facility taking the
    # possessive ending a few words on: "Pavlodar mūnai-himiia zauyty", «Навоий кон-металлургия комбинати».
    if turkic and any(w.startswith(_FACILITY) and w not in _FACILITY for w in map(fold, _WORD.findall(text[end:end + 60])[:3])):
        return True
    return word.endswith("'s")


# Examples picked from a larger set ("14 routes, including Almaty and Tashkent", «в том числе в Ташкент»):
# the names after such a word, within its clause, are items of a list however they are joined.
_EXAMPLES = re.compile(r"\b(?:including|includes?|included|such as|among them|e\.g\.)\s+(?:[^.;:!?]{0,80}?)$|"
                       r"(?:в том числе|включа\w*|например|среди них)\s+(?:[^.;:!?]{0,80}?)$", re.I)


# A country or place held up as a model ("as in Kazakhstan", «по образцу схемы, действующей в Казахстане»,
# "copying a design that halved waiting times at Khorgos"): a comparison, not the story.
_MODEL = re.compile(r"(?:\b(?:as in|like in|as it did in|modell?ed on|following the example of|cop(?:y|ies|ied|ying)|similar to"
                    r"|citing|studied how|learn(?:ed|t|ing)? from|the experience of)"
                    r"|(?:как в|как и в|по образцу|по примеру|вслед за|опыт\w*|изучи\w* как))\b[^.;!?]{0,60}$", re.I)


class _Mention(NamedTuple):
    """One counted mention of a Central Asian entity in one sentence (sentence 0: the title, when there is one)."""
    label: str
    etype: str
    sentence: int
    weight: float
    ambiguous: bool  # a one-word place name not used as a place
    demonym: bool
    listed: bool     # listed with a foreign name, or an example of a larger set


def _listed_with_others(text: str, start: int, end: int, central_spans: list[tuple[int, int]]) -> bool:
    """Is text[start:end] one item of a list whose neighbouring item is not Central Asian, or one of
    the examples of a larger set? ("Kazakhstan and Chile", «Армении, Казахстана и Беларуси", "Cameco
    and Kazatomprom", "14 new routes, including Almaty and Tashkent")."""
    if _EXAMPLES.search(text, max(0, start - 100), start) or _MODEL.search(text, max(0, start - 80), start):
        return True
    def foreign(m: re.Match | None, offset: int) -> bool:
        if not m:
            return False
        a, b = offset + m.start(1), offset + m.end(1)
        return not any(s < b and a < e for s, e in central_spans)

    before, after = text[:start], text[end:]
    if foreign(_JOINED_BEFORE.search(before), 0) or foreign(_JOINED_AFTER.search(after), end):
        return True
    for run in _LIST_RUN.finditer(text):  # «Россия, Белоруссия, Армения, Казахстан и Киргизия»: every item a list's
        if run.start() <= start and end <= run.end():
            items = list(re.finditer(_CAP, run.group()))[1 if run.start() == 0 else 0:]  # not a sentence's opening word
            if any(not any(s < run.start() + x.end() and run.start() + x.start() < e for s, e in central_spans)
                   for x in items):
                return True
    if foreign(_ROUTE_BEFORE.search(before), 0) or _ROUTE_FROM.search(before) and foreign(_ROUTE_TO.search(after), end):
        return True  # one end of a range whose other end is abroad ("From Lagos to Almaty", «Из Ташкента в Анталью»)
    return foreign(_COMMA_BEFORE.search(before), 0) and foreign(_COMMA_AFTER.search(after), end)


def _sentences(title: str, text: str, title_weight: float, lead_weight: float) -> list[tuple[str, float]]:
    """(sentence, position weight): the title, the lead (the body's first sentences, at least one and
    about LEAD_WORDS words, across paragraphs: a one-line standfirst does not make the whole lead), the rest."""
    out = [(title, title_weight)] if title.strip() else []
    words = 0
    for para in _PARAGRAPHS.split(text or ""):
        for sent in _SENTENCE_END.split(para):
            if sent.strip():
                n = len(sent.split())
                out.append((sent, lead_weight if words == 0 or words + n <= LEAD_WORDS else 1.0))
                words += n
    return out


class RelevanceFilter:
    """Scores the Central Asian evidence in an article; relevant when the score reaches ``min_hits``."""

    def __init__(self, cfg: Relevance, gaz: Gazetteer | None = None):
        self.cfg = cfg
        self.gaz = gaz or gazetteer()
        names: dict[str, list[str]] = {}
        if cfg.gazetteer:
            for eid, ent_names in self.gaz.names.items():
                names[eid] = list(ent_names)
        self.kind: dict[str, tuple[str, bool]] = {}  # label -> (type, counts as Central Asian)
        for eid, e in self.gaz.entities.items():
            regional = e.country == "" and e.type not in ("org", "person", "figure")
            self.kind[eid] = (e.type, e.country in CENTRAL_ASIA or regional)
        for term in cfg.terms:
            # A term the gazetteer knows is that entity (and inherits its type); others stand alone.
            label = self.gaz.matcher.match_whole(term) or f"term:{term}"
            names.setdefault(label, []).append(term)
            self.kind.setdefault(label, ("term", True))
            if label in self.gaz.entities:
                self.kind[label] = (self.kind[label][0], True)  # listed in the config: Central Asian
        # The given names of the people the gazetteer knows ("Nursultan Nazarbayev" → "nur"), to tell a namesake.
        self.given: dict[str, frozenset[str]] = {
            eid: frozenset(_name_key(n.split()[0]) for n in ent_names if len(n.split()) > 1)
            for eid, ent_names in self.gaz.names.items() if self.gaz.entities[eid].type == "person"}
        # Towns also by their Russian adjectives («Самаркандского медуниверситета»): not rivers or regions,
        # whose adjectives name places abroad too («Иртышский район» of Omsk).
        towns = [eid for eid, e in self.gaz.entities.items() if e.type in ("city", "capital", "town")]
        self.matcher = TermMatcher(names, self.gaz.cased, self.gaz.never, adjectives=towns)

    def _foreign_side(self, label: str, matches) -> bool:
        """Is ``label`` the foreign one here? A sea, range or river shared with a state is, where the matches
        name that state or a place of it; a town with a namesake abroad, where they name the place that holds
        it ("Kayseri … the Talas district", «Каракол … Республики Алтай»), not merely its state (flights
        "from Novosibirsk … to Karakol")."""
        ent = self.gaz.entities.get(label)
        if ent is None:
            return False
        if ent.namesakes:
            return any(m.label in ent.namesakes for m in matches)
        return bool(ent.shared) and any(m.label in self.gaz.entities and not self.kind[m.label][1]
                                        and self.kind[m.label][0] in PLACE_TYPES
                                        and self.gaz.entities[m.label].country in ent.shared for m in matches)

    def _story_abroad(self, title: str, text: str, turkic: bool) -> tuple[bool, bool, frozenset[str]]:
        """Do the headline and first paragraph name a foreign country (not as its currency: "AQSh dollari",
        «доллар США») or a foreign town («Parijda»), and no Central Asian place? Then a generic name ("the
        central bank", «Марказий банк», "shahar hokimiyati") is that country's body. Second: the same with
        a nation named as a people in the plural («кыргыздары», "Kazakhs") counting as no Central Asian place.
        Third: the foreign states they name. A sea or range shared with one of them is no Central Asian
        place here (the Volga delta's sturgeon swimming down to the Caspian)."""
        head = f"{title}\n{text.split(chr(10), 1)[0]}"
        found = self.matcher.find(blank_common_words(head) if turkic else head, turkic, hyphens=True)
        places = [(m, self.kind[m.label][1]) for m in found if self.kind.get(m.label, ("", True))[0] in PLACE_TYPES]
        states = frozenset(self.gaz.entities[m.label].country for m, central in places
                           if not central and m.label in self.gaz.entities)
        places = [(m, central and not self._foreign_side(m.label, found)) for m, central in places]

        def set_abroad(places) -> bool:
            if any(central for _, central in places):
                return False
            return any(self.kind[m.label][0] != "country" or not _CURRENCY_NEAR.search(head[max(0, m.start - 12):m.end + 14])
                       for m, _ in places)

        peoples = [(m, c) for m, c in places if self.kind[m.label][0] == "country"
                   and _people_plural(head[m.start:m.end], head[m.end:m.end + 30])]
        # one sense per article: a nation named as a people here is that people in every mention of the head
        # ("a Kyrgyz culture festival in Ulupamir … where Kyrgyz who came from Afghanistan's Pamir live")
        people_labels = {m.label for m, _ in peoples}
        return set_abroad(places), set_abroad([x for x in places if x[0].label not in people_labels]), states

    def judge(self, title: str, text: str, language: str | None = None) -> Verdict:
        """language: the article's detected language when known (the extractor's), else judged here."""
        mentions: list[_Mention] = []
        borrowed: set[str] = set()  # places that name a restaurant, ship, club… somewhere in the article
        peoples: set[str] = set()   # nations named as a people abroad somewhere in it ("Iraqi Turkmen")
        namesakes: set[str] = set()  # leaders whose surname another person carries in it ("Timur Nazarbayev")
        # Kazakh/Uzbek: names carry case endings
        turkic = is_turkic(f"{title or ''}\n{text or ''}", [language])
        whole = f"{title or ''}\n{text or ''}"
        sport = (bool(_SCORE.search(whole)) or len({m.lower() for m in _SPORT.findall(whole)}) >= 2) \
            and not _RACING.search(whole)
        # … and whether it is set abroad when a nation named as a people does not count ("Kyrgyz of Ulupamir in Van")
        abroad, people_abroad, head_states = self._story_abroad(title or "", text or "", turkic)
        # … and then a sea or range shared with a foreign state its head names is that state's, in every sentence
        foreign_shore = head_states if abroad or people_abroad else frozenset()
        # A headline set abroad sets its generic bodies there, though the lead names a Central Asian place too
        # ("Yaponiyada chet ellik ishchilar…": Japan's hukumat, whatever Uzbek workers its lead counts).
        bodies_abroad = abroad or bool(title) and self._story_abroad(title, "", turkic)[0]
        sentences = _sentences(title or "", text or "", self.cfg.title_weight, self.cfg.lead_weight)
        for i, (sent, pos_w) in enumerate(sentences):
            every = self.matcher.find(blank_common_words(sent) if turkic else sent, turkic, hyphens=True)
            central = [self.kind.get(m.label, ("term", True))[1] for m in every]
            # A name inside a longer foreign name is that name's, not evidence: «хан Узбек» is a Golden Horde khan.
            # … and so is a town inside a club's name ("Kairat Almaty"): the club's evidence, not the town's.
            outer = [(m.start, m.end) for m, ca in zip(every, central)
                     if not m.nested and (not ca or m.label.startswith(_CLUB_IDS))]
            found = [m for m, ca in zip(every, central)
                     if ca and not (m.nested and any(a <= m.start and m.end <= b for a, b in outer))]
            # Foreign countries, and foreign places' possessives ("Xinjiang's Aral", «Шыңжаңдағы Арал»), qualify a name after them.
            foreign = [(m.start, m.end) for m in every if self.kind.get(m.label, ("", False)) == ("country", False)
                       or not self.kind.get(m.label, ("", True))[1] and self.kind[m.label][0] in PLACE_TYPES
                       and (_QUALIFIER.search(sent[m.start:m.end]) or _ABROAD_IN.search(sent, 0, m.start)
                            or _DISTRICT_OF.search(sent, 0, m.start))]
            spans = [(m.start, m.end) for m in found]
            abroad_places = [(m.start, m.end) for m in every if not self.kind.get(m.label, ("", True))[1]
                             and self.kind[m.label][0] in PLACE_TYPES]
            # … and a shared range or sea on the foreign side named here qualifies too ("Afghan Pamir Kyrgyz")
            foreign_side = {m.label for m in found if self._foreign_side(m.label, every)}
            foreign += [(m.start, m.end) for m in found if m.label in foreign_side]
            for m in found:
                etype = self.kind.get(m.label, ("term", True))[0]
                ent = self.gaz.entities.get(m.label)
                if ent is not None and (m.label in foreign_side or foreign_shore.intersection(ent.shared)):
                    borrowed.add(m.label)  # one sense per article: "Afghanistan's Pamir" … "the Pamir Kyrgyz"
                    continue  # "Iran opens the Caspian's largest sturgeon farm": the foreign shore's story
                if ent is not None and fold(sent[m.start:m.end]).startswith(ent.generic or ("\0",)) \
                        and (bodies_abroad or _PLURAL.search(sent, m.start, m.end)):
                    continue  # «Марказий банк» in a story about Turkey is Turkey's; "markaziy banklar" any country's
                yardstick = _METAPHOR_BEFORE.search(sent, max(0, m.start - 8), m.start) and _METAPHOR_AFTER.match(sent, m.end)
                if yardstick and not any(a == yardstick.end() - 1 for a, _ in spans):
                    borrowed.add(m.label)  # "the Kaspi of South Asia" (not "the Fergana Valley of Uzbekistan"): a yardstick
                    continue
                if etype == "currency" and _capitalised_inside(sent, m.start, m.end):
                    continue  # «тренер Игорь Сомов»: a Cyrillic currency word capitalised inside a sentence is a surname
                if etype == "country" and _capitalised_inside(sent, m.start, m.end) \
                        and _RU_SURNAME_END.search(fold(sent[m.start:m.end])):
                    continue  # «застройщик Рустам Узбеков»: a nation's name capitalised inside a sentence is a surname
                if etype == "currency" and _COIN_GAME.match(sent, m.end):
                    continue  # «теңге ілу»: the horseback game of picking up a coin, played by Kazakhs anywhere
                if sport and etype in BORROWED and (_quoted(sent, m.start, m.end) or _BEFORE_QUOTED.match(sent, m.end)):
                    etype = "club"  # a club of the place, in a match report (also «Алматинский «Кайрат»»)
                elif etype == "person" and m.words == 1 and _namesake(sent, m.start, self.given.get(m.label, frozenset()),
                                                                      [(x.start, x.end) for x in every]):
                    namesakes.add(m.label)  # one sense per article: "Timur Nazarbayev" … "Nazarbayev scored"
                    continue
                elif etype == "country" and not _demonym(sent[m.start:m.end]) \
                        and _ORIGIN_BEFORE.search(sent, max(0, m.start - 60), m.start):
                    continue  # "a driver from Uzbekistan": one person's origin
                elif etype == "country" and (_people(sent, m.start, m.end, foreign, abroad_places)
                                             or people_abroad and (_people_plural(sent[m.start:m.end], sent[m.end:m.end + 30])
                                                                   or _LANGUAGE_AFTER.match(sent, m.end))):
                    peoples.add(m.label)  # one sense per article: "Iraqi Turkmen" … "Turkmen parties"
                    continue
                elif etype in _CHECKED and _borrowed_use(sent, m.start, m.end) \
                        or etype in BORROWED and foreign and _abroad(sent, m.start, m.end, foreign):
                    if etype in BORROWED:  # one sense per article: "FC Astana" … "Astana's coach"
                        borrowed.add(m.label)
                    continue
                w = pos_w * TYPE_WEIGHTS.get(etype, DEFAULT_WEIGHT)
                listed = _listed_with_others(sent, m.start, m.end, spans)
                if listed or i > 0 and m.label.startswith(_CLUB_IDS) and _TRANSFER.search(sent):
                    w *= LIST_FACTOR
                ambiguous = etype in BORROWED and m.words == 1 and not _placed(sent, m.start, m.end, turkic) \
                    and not RU_ADJECTIVE.search(fold(sent[m.start:m.end]))  # «Самаркандского» университета: the town
                mentions.append(_Mention(m.label, etype, i, w, ambiguous,
                                         etype == "country" and _demonym(sent[m.start:m.end]), listed))
        mentions = [m for m in mentions if m.label not in borrowed and m.label not in namesakes
                    and not (m.demonym and m.label in peoples)]
        # One country, named in the headline and in the text only in lists with foreign ones ("Pakistan's cotton
        # lags behind Uzbekistan's" … "as growers in Uzbekistan and China"; "Turkmenistan among abstainers" …
        # "Turkmenistan, Russia and China abstained"): the headline names it as one of those too.
        if (title or "").strip() and mentions and {(m.label, m.etype) for m in mentions} == {(mentions[0].label, "country")} \
                and any(m.sentence > 0 for m in mentions) and all(m.listed for m in mentions if m.sentence > 0):
            mentions = [m._replace(weight=m.weight * LIST_FACTOR) if m.sentence == 0 else m for m in mentions]
        hits: dict[str, int] = {}
        ambiguous_only: dict[str, bool] = {}
        by_sentence: dict[int, dict[str, float]] = {}
        for m in mentions:
            hits[m.label] = hits.get(m.label, 0) + 1
            ambiguous_only[m.label] = ambiguous_only.get(m.label, True) and m.ambiguous
            cur = by_sentence.setdefault(m.sentence, {})
            cur[m.label] = max(cur.get(m.label, 0.0), m.weight)
        per_entity: dict[str, list[float]] = {}
        for labels in by_sentence.values():
            ranked = sorted(labels.items(), key=lambda kv: (-kv[1], kv[0]))
            for rank, (label, w) in enumerate(ranked):
                per_entity.setdefault(label, []).append(w * (1.0 if rank == 0 else LIST_FACTOR))
        evidence = {label: round(sum(w * REPEAT_DECAY ** k for k, w in enumerate(sorted(ws, reverse=True))), 4)
                    for label, ws in per_entity.items()}
        score = sum(evidence.values())
        reason = ""
        if len(evidence) == 1 and ambiguous_only[next(iter(evidence))]:
            reason = "the only evidence is one place, by a one-word name never used as a place"
            score = 0.0
        elif abroad and len(by_sentence) == 1 and sentences[min(by_sentence)][1] == 1.0:
            reason = "a story set abroad that names the region in one later sentence only"
            score *= ONE_SENTENCE_ABROAD
        relevant = score >= self.cfg.min_hits
        if not reason:
            reason = f"score {score:.2f} {'>=' if relevant else '<'} min_hits {self.cfg.min_hits:g}"
        return Verdict(relevant, hits, round(score, 4), evidence, reason)
