"""Numbers with units and scale, normalised across English, Russian, Kazakh and Uzbek.

"3 trillion yen" = "3 трлн иен" = "¥3tn" → "3e12 JPY"; "$19 billion" = "19 млрд долларов" =
"19 mlrd dollar" → "1.9e10 USD"; "16,5%" = "16.5 percent" = "16,5 пайыз" → "16.5 %". Kazakh and
Uzbek case endings after a number or unit are allowed ("2 650-ге", "1200 megavattga",
"20 mlrd dollarga"). Bare numbers are kept only when large or precise enough to identify a story
(not years, not small counts).

Besides, **counted quantities**: a number (digits or a number word: "three", "семь", "тоғыз",
"ikki") next to a word saying what was counted: dead, injured, missing, evacuated, rescued,
houses, consumers cut off, votes, megawatts, hectares; and percentages that are vote shares or turnout. A developing story revises these ("3 dead" → "7
dead" → "12 dead"); two different happenings differ in them too, so the decision reads a changed
count of one kind as a revision only together with other evidence of one happening.
"""

from __future__ import annotations

import re

from newsmon.core.scripts import script_of
from newsmon.core.turkic import KYRGYZ_ENDINGS, TURKIC_ENDINGS

SCALES = {
    "thousand": 1e3, "тыс": 1e3, "тысяч": 1e3, "тысячи": 1e3, "тысяча": 1e3, "k": 1e3,
    "ming": 1e3, "минг": 1e3, "мың": 1e3, "myñ": 1e3, "myń": 1e3, "миң": 1e3, "ҳазор": 1e3, "hazor": 1e3,
    "million": 1e6, "mln": 1e6, "mn": 1e6, "m": 1e6, "млн": 1e6, "миллион": 1e6, "миллиона": 1e6, "миллионов": 1e6,
    "billion": 1e9, "bln": 1e9, "bn": 1e9, "b": 1e9, "млрд": 1e9, "миллиард": 1e9, "миллиарда": 1e9, "миллиардов": 1e9,
    "mlrd": 1e9, "milliard": 1e9,
    "trillion": 1e12, "tn": 1e12, "trln": 1e12, "трлн": 1e12, "триллион": 1e12, "триллиона": 1e12, "триллионов": 1e12,
}
CURRENCIES = {
    "$": "USD", "usd": "USD", "dollar": "USD", "dollars": "USD", "доллар": "USD", "долларов": "USD", "доллара": "USD", "долл": "USD",
    "dollari": "USD", "доллари": "USD", "dollarlik": "USD", "долларлик": "USD",
    "€": "EUR", "eur": "EUR", "euro": "EUR", "euros": "EUR", "евро": "EUR", "yevro": "EUR", "еуро": "EUR", "euro'": "EUR",
    "¥": "JPY", "yen": "JPY", "jpy": "JPY", "иен": "JPY", "иены": "JPY", "иена": "JPY", "йен": "JPY", "iyena": "JPY",
    "tenge": "KZT", "kzt": "KZT", "тенге": "KZT", "₸": "KZT", "теңге": "KZT", "teñge": "KZT", "teńge": "KZT",
    "som": "KGS", "soms": "KGS", "kgs": "KGS", "сом": "KGS", "сомов": "KGS", "сома": "KGS",
    "somoni": "TJS", "tjs": "TJS", "сомони": "TJS", "сомонӣ": "TJS",
    "manat": "TMT", "manats": "TMT", "tmt": "TMT", "манат": "TMT", "манатов": "TMT",
    "sum": "UZS", "soum": "UZS", "sums": "UZS", "uzs": "UZS", "сум": "UZS", "сумов": "UZS", "so'm": "UZS", "сўм": "UZS", "so'mlik": "UZS", "сўмлик": "UZS",
    "rouble": "RUB", "roubles": "RUB", "ruble": "RUB", "rubles": "RUB", "рубль": "RUB", "рублей": "RUB", "рубля": "RUB", "₽": "RUB",
    "rubl": "RUB",
    "yuan": "CNY", "юаней": "CNY", "юань": "CNY", "юаня": "CNY",
}
# The currencies only one country of the region pays in (the manat is Azerbaijan's too).
NATIONAL_CURRENCIES = {"KZT": "KZ", "KGS": "KG", "TJS": "TJ", "UZS": "UZ"}


def currency_countries(numbers: set[str]) -> frozenset[str]:
    """The countries whose national currency amounts (numbers as "1.53 KGS") are in."""
    return frozenset(NATIONAL_CURRENCIES[u] for n in numbers if (u := n.rpartition(" ")[2]) in NATIONAL_CURRENCIES)


UNITS = {
    "%": "%", "percent": "%", "per cent": "%", "процент": "%", "процента": "%", "процентов": "%", "п.п.": "pp",
    "foiz": "%", "фоиз": "%", "пайыз": "%", "paiyz": "%", "paıyz": "%",
    "percentage point": "pp", "percentage points": "pp", "базисных пункт": "bp", "basis points": "bp", "bps": "bp",
    "tonnes": "t", "tons": "t", "тонн": "t", "тонны": "t", "т": "t", "tonna": "t", "тонна": "t",
    "mw": "MW", "мвт": "MW", "megawatts": "MW", "megawatt": "MW", "мегаватт": "MW", "mvt": "MW", "megavatt": "MW",
    "gw": "GW", "гвт": "GW", "gigawatts": "GW", "гигаватт": "GW", "gvt": "GW", "gigavatt": "GW",
    "kwh": "kWh", "квт·ч": "kWh", "кВт·ч": "kWh", "bcm": "bcm", "billion cubic metres": "bcm", "млрд кубометров": "bcm",
    "km": "km", "км": "km", "kilometres": "km", "kilometers": "km", "kilometre": "km", "kilometer": "km", "километров": "km", "kilometr": "km", "километр": "km",
    "magnitude": "mag", "магнитуд": "mag", "магнитуда": "mag", "magnituda": "mag", "баллов": "pts", "points": "pts",
    "barrels": "bbl", "баррелей": "bbl", "people": "ppl", "persons": "ppl", "человек": "ppl", "человека": "ppl",
    "kishi": "ppl", "киши": "ppl", "nafar": "ppl", "нафар": "ppl", "adam": "ppl", "адам": "ppl", "odam": "ppl", "одам": "ppl",
    "houses": "homes", "homes": "homes", "домов": "homes", "дома": "homes", "жилых домов": "homes",
    "үй": "homes", "üi": "homes", "uy": "homes", "уй": "homes", "xonadon": "homes", "хонадон": "homes",
    "wagons": "wagons", "вагонов": "wagons", "containers": "teu", "контейнеров": "teu", "teu": "teu", "дфэ": "teu",
    "vagon": "wagons", "вагон": "wagons",
    "agreements": "deals", "соглашений": "deals", "documents": "deals", "документов": "deals",
    "hectares": "ha", "hectare": "ha", "ha": "ha", "гектаров": "ha", "гектара": "ha", "гектар": "ha", "га": "ha",
    "gektar": "ha", "гектарға": "ha", "гектарда": "ha",
    # an area in square kilometres (a slick, a burnt or flooded area): read as hectares for the area count
    "sq km": "km2", "km2": "km2", "km²": "km2", "square kilometres": "km2", "square kilometers": "km2",
    "кв. км": "km2", "кв км": "km2", "км²": "km2", "квадратных километров": "km2", "квадратных километра": "km2",
    "шаршы шақырым": "km2", "şarşy şaqyrym": "km2", "шаршы километр": "km2", "şarşy kilometr": "km2",
    "kvadrat kilometr": "km2", "квадрат километр": "km2", "чарчы километр": "km2",
}
# Kyrgyz case endings too: "68 пайызын", "40 млрд сомдон".
_ENDING = r"(?:-?(?:" + "|".join(map(re.escape, sorted(TURKIC_ENDINGS + KYRGYZ_ENDINGS, key=len, reverse=True))) + r")){0,2}"
_NUM = r"(?P<num>\d{1,3}(?:[ \u00a0\u202f,]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)"
# A scale word of three letters or more may carry its case endings glued on ("80 мыңнан", "3 myñnan").
_GLUED = r"(?<=[^\W\d_]{3})(?=" + _ENDING.replace("{0,2}", "{1,2}") + r"(?![\w]))"
_SCALE = (r"(?:\s*(?P<scale>" + "|".join(sorted(map(re.escape, SCALES), key=len, reverse=True)) + r")(?:\b\.?|" + _GLUED
          + r")" + _ENDING + r")?")
_UNIT_WORDS = sorted(map(re.escape, list(CURRENCIES) + list(UNITS)), key=len, reverse=True)
# "1,200 km" and the compound adjective "a 1,200-kilometre border", "two 1,200-megawatt units"
_UNIT = r"(?:(?:\s*|-)(?P<unit>" + "|".join(_UNIT_WORDS) + r")" + _ENDING + r")?"
_PREFIX = r"(?P<pre>[$€¥₸₽])?\s?"
_RX = re.compile(_PREFIX + _NUM + _SCALE + _UNIT + r"(?![\w])", re.I)
_YEARISH = re.compile(r"^(19|20)\d{2}$")
_YEAR_WORDS = ("year", "жыл", "jyl", "jıl", "yil", "йил", "год", "сол")
# Months (en, ru, kk, uz); before a year also prepositions of time.
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
           "январ", "феврал", "март", "апрел", "мая", "май", "мае", "июн", "июл", "август", "сентябр", "октябр", "ноябр",
           "декабр", "қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым", "шілде", "тамыз", "қыркүйек",
           "қазан", "қараша", "желтоқсан", "yanvar", "fevral", "aprel", "iyun", "iyul", "avgust", "sentabr",
           "oktabr", "noyabr", "dekabr")
_BEFORE_YEAR = _MONTHS + ("since", "until")


_YEAR_RANGE_AFTER = re.compile(r"\s*[–—-]\s*(?:19|20)\d{2}(?!\d)")
_YEAR_RANGE_BEFORE = re.compile(r"(?<!\d)(?:19|20)\d{2}\s*[–—-]\s*$")
# An age is never a count: "a 7-year-old boy", «7-летний», «7 ёшли бола», «7 жасар», «7 жаштагы», «7-сола»
# (matched on folded text: ё is е).
_AGE_AFTER = re.compile(r"[\s-]*(?:year-old|years? old|летн|ешл|ешда|yoshl|yoshda|жасар|jasar|жастағ|jastağ|жашар"
                        r"|жаштаг|сола)")
# Nor is a number that labels a place or a thing: "at kilometre 112", "school No. 5", «№ 3», «номер 7».
_LABEL_BEFORE = re.compile(r"(?:\b(?:kilomet(?:re|er)|km|no\.?|number|номер|nomer|километре|километр)\s*|№\s*)$")


def _is_year_word(word: str) -> bool:
    return word == "г" or word.startswith(_YEAR_WORDS)


_APOSTROPHES = str.maketrans({"ʻ": "'", "ʼ": "'", "’": "'", "‘": "'", "`": "'"})


def _to_float(raw: str, decimal_comma: bool = False) -> float | None:
    """decimal_comma: the text writes decimals with a comma (Cyrillic texts), so "5,875" is 5.875."""
    s = raw.replace("\u00a0", " ").replace("\u202f", " ")
    if decimal_comma and re.fullmatch(r"\d{1,3},\d{3}", s):
        s = s.replace(",", ".")
    elif re.fullmatch(r"\d{1,3}(?:[ ,]\d{3})+(?:\.\d+)?", s):  # 1,200,000 / 1 200 000
        s = s.replace(",", "").replace(" ", "")
    elif re.fullmatch(r"\d{1,3}(?: \d{3})+(?:,\d+)?", s):  # Russian 1 200,5
        s = s.replace(" ", "").replace(",", ".")
    else:
        s = s.replace(",", ".")
    try:
        return float(s)
    except ValueError:
        return None


def _fmt(v: float) -> str:
    return f"{v:.4g}"


# An English "som" is Kyrgyz or Uzbek money (outlets write both so): Uzbek when the text names
# Uzbekistan and not Kyrgyzstan.
_UZBEK = re.compile(r"uzbek|o'zbek", re.I)
_KYRGYZ = re.compile(r"kyrgyz|kirgiz|qirg'iz", re.I)


def _mentions(text: str):
    """(start, end, value, unit, keep) for every number with digits; keep: identifying by itself."""
    decimal_comma = script_of(text) == "cyrl"
    uzbek_som = bool(_UZBEK.search(text)) and not _KYRGYZ.search(text)
    for m in _RX.finditer(text):
        value = _to_float(m["num"], decimal_comma)
        if value is None:
            continue
        scale_word = (m["scale"] or "").lower()
        unit_word = (m["unit"] or "").lower()
        pre = m["pre"]
        # single-letter scales (m, b, k) only right after a currency sign: "$19b"
        if scale_word in ("m", "b", "k") and not pre:
            scale_word = ""
        scale = SCALES.get(scale_word, 1.0)
        unit = CURRENCIES.get(pre or "", "") or CURRENCIES.get(unit_word, "") or UNITS.get(unit_word, "")
        if unit == "KGS" and unit_word in ("som", "soms") and uzbek_som:
            unit = "UZS"
        if unit_word == "т" and not scale_word:
            unit = ""  # a lone Cyrillic "т" is too ambiguous
        v = round(value * scale, 6)  # 2,9 тыс. is 2900, not 2900.0000000000005
        if unit == "bp":  # 50 basis points = 0.5 percentage points
            v, unit = v / 100, "pp"
        keep = True
        if not unit:
            if scale == 1.0 and (_YEARISH.match(m["num"]) or v < 1000):
                keep = False  # years and small counts identify nothing
            unit = "n"
        yield (m.start("pre") if pre else m.start("num")), m.end(), v, unit, keep


# An earthquake's magnitude is written before the number as often as after it ("magnitude 5.1",
# "магнитудой 5,1", "M5.6"; "5,6 магнитудали" has the unit after).
_MAGNITUDE = re.compile(r"(?:\bmagnitude(?:\s+of)?|\bмагнитуд\w*|\bmagnitud\w*|(?<![\w.])(?-i:M)|"
                        r"\bбузургии(?:\s+заминларза)?)\s*(?P<num>\d(?:[.,]\d)?)(?![\d.,]?\d)"
                        r"|(?<![\d.,])(?P<num2>\d[.,]\d)\s*-?(?:магнитудал\w*|magnitudal\w*)", re.I)


# "1 сом 62 тыйын" is 1.62 сом, as Russian texts write it ("1,62 сома").
_SUBUNIT = re.compile(r"\b(\d+)\s+(сом|som|теңге|тенге|tenge|teñge|so'm|сўм|сум)\w*\s+(\d{1,2})\s*"
                      r"(тыйын|тийин|тиын|тиин|tiyin|tiyn|tıyn)\w*", re.I)


# A road's kilometre mark names a place, in every language alike: "at kilometre 112", "km 112", "the 112th
# kilometre", «на 112-м километре», «дар километри 112-уми», «112-шақырымда», "112-kilometrda" (a distance,
# "112 km" or «112 километров», has no ordinal and stays a distance).
_KM_WORD = r"(?:kilomet(?:re|er)|kilometr|километр|шақырым|şaqyrym)"
_KM_MARK = re.compile(r"(?<![\w.,-])(?:" + _KM_WORD + r"\w*|km)\s+(?P<a>\d{1,4})(?![\d.,]?\d)"
                      r"|(?<![\d.,])(?P<b>\d{1,4})(?:th|st|nd|rd|-(?:м|й|го|ом|ші|шы|chi|inchi|нчи|ый|ой))\s*" + _KM_WORD
                      + r"|(?<![\d.,])(?P<c>\d{1,4})-" + _KM_WORD + r"(?:да|де|та|те|da|de|ta|te)\b", re.I)


def extract_numbers(text: str) -> set[str]:
    """Normalised "value unit" strings for the identifying numbers in a text."""
    text = _SUBUNIT.sub(lambda m: f"{m[1]}.{int(m[3]):02d} {m[2]}", text.translate(_APOSTROPHES))
    out = {f"{_fmt(v)} {unit}" for _, _, v, unit, keep in _mentions(text) if keep}
    for m in _MAGNITUDE.finditer(text):
        out.add(f"{_fmt(float((m['num'] or m['num2']).replace(',', '.')))} mag")
    out |= {f"{int(m['a'] or m['b'] or m['c'])} km-mark" for m in _KM_MARK.finditer(text)}
    return out


# ----------------------------------------------------------------------------- counted quantities

WORD_NUMBERS: dict[str, int] = {}
_TURKIC_NUMBER_WORDS: set[str] = set()  # the ones that take case endings ("тоғызға", "ikkita")
# Each row: the value, its English, Russian and Tajik words, and its Kazakh, Uzbek and Kyrgyz words.
for _value, _words, _turkic in [
    (1, "one один одна одного", "бір bır bir бир"),
    (2, "two два две двое двух двоих ду", "екі ekı ikki икки эки"),
    (3, "three три трое трёх трех троих се", "үш üş uch уч үч"),
    (4, "four четыре четверо четырёх четырех четверых чор", "төрт tört to'rt тўрт"),
    (5, "five пять пятеро пяти панҷ", "бес bes besh беш"),
    (6, "six шесть шестеро шести шаш", "алты alty olti олти"),
    (7, "seven семь семеро семи ҳафт", "жеті jetı yetti етти жети"),
    (8, "eight восемь восьми ҳашт", "сегіз segız sakkiz саккиз сегиз"),
    (9, "nine девять девяти нӯҳ", "тоғыз toğyz to'qqiz тўққиз тогуз"),
    (10, "ten десять десяти даҳ", "он o'n ўн"),
    (11, "eleven одиннадцать одиннадцати", ""),
    (12, "twelve двенадцать двенадцати", ""),
    (13, "thirteen тринадцать тринадцати", ""),
    (14, "fourteen четырнадцать четырнадцати", ""),
    (15, "fifteen пятнадцать пятнадцати", ""),
    (20, "twenty двадцать двадцати", "жиырма jiyrma yigirma йигирма"),
    (30, "thirty тридцать тридцати", "отыз otyz o'ttiz ўттиз"),
    (40, "forty сорок сорока", "қырық qyryq qirq қирқ"),
    (50, "fifty пятьдесят пятидесяти", "елу elu ellik эллик"),
]:
    for _w in (_words + " " + _turkic).split():
        WORD_NUMBERS[_w] = _value
    _TURKIC_NUMBER_WORDS.update(_turkic.split())
_TURKIC_NUMBER_RX = re.compile(
    "(?P<w>" + "|".join(map(re.escape, sorted(_TURKIC_NUMBER_WORDS, key=len, reverse=True))) + ")(?:-?(?:"
    + "|".join(map(re.escape, TURKIC_ENDINGS + ["ta", "та"])) + "))$")
# "он"/"on" (ten) and "one"/"bir" are also common words: taken only right before a counted noun.
_WEAK_WORDS = {"он", "one", "бир", "bir", "бір", "bır", "один", "одна", "одного", "o'n", "ўн"}

# What was counted: stems matched at the start of a word (folded: lower case, ё→е, ' apostrophes).
KINDS: dict[str, tuple[str, ...]] = {
    "dead": ("killed", "killing", "kills", "dead", "died", "death", "deaths", "toll", "bodies", "fatalit", "lives",
             "погиб", "жертв", "умер", "скончал", "тела", "погибш", "летальн",
             "қаза", "опат", "мерт", "qaza", "opat", "mert", "каза бол", "каза тап", "мерт бол",
             "halok", "ҳалок", "vafot", "вафот", "nobud", "нобуд", "qurbon", "қурбон", "o'ldi", "o'lim", "ўлди",
             "кушта", "фавт", "жон бохт",
             # found dead, carcasses (a die-off): Kazakh «өлі», «өлексе», Kyrgyz «өлүк», Uzbek "o'lik"
             "өлі", "өлексе", "öli", "ölekse", "өлүк", "o'lik", "ўлик", "carcass"),
    "injured": ("injur", "hurt", "wounded", "hospitali", "casualt",
                "пострадав", "пострадал", "ранен", "ранены", "травм", "госпитализ", "ушиб",
                "жарақат", "jaraqat", "jarahat", "зардап", "zardap", "жаракат",
                "jarohat", "жароҳат", "yarador", "ярадор", "shikast", "шикаст", "tan jarohat",
                "in hospital", "в больниц", "shifoxona", "шифохона", "аурухана", "aurūhana", "jabrlan", "жабрлан",
                "захмӣ", "захми", "маҷрӯҳ"),
    # taken ill, infected, poisoned: an outbreak's count rises day by day
    "sick": ("infected", "infection", "sickened", "fell ill", "poison", "cases", "patients",
             "заболе", "заразил", "инфицир", "инфекци", "отравил", "отравлен", "пациент",
             "ауырып", "уланған", "уланып", "ulanğan", "ulanyp", "zaharlan", "заҳарлан", "kasallan", "касаллан",
             "bemor", "бемор", "ооруп", "ууланган", "заҳролуд", "infeksiy", "инфекция"),
    "missing": ("missing", "trapped", "unaccounted", "пропавш", "пропал", "без вести", "связи", "неизвестн",
                "хабарсыз", "habarsyz", "белгісіз", "belgısız", "bedarak", "бедарак", "daraksiz"),
    "evacuated": ("evacuat", "evacuees", "displaced", "relocated", "from their homes", "from homes", "кӯчонида",
                  "эвакуир", "эвакуац", "отселен", "вывез", "көшіріл", "көшірілген", "köşırıl", "evakuac",
                  "evakuatsi", "эвакуацияла", "ko'chiril", "кўчирил"),
    "rescued": ("rescued", "saved", "спасен", "спасли", "спасён", "құтқар", "qūtqar", "qutqar", "қутқар"),
    "houses": ("houses", "homes", "buildings", "dachas", "dwellings", "apartment block", "blocks of flats",
               "дом", "дач", "здани", "хона", "жилых", "үй", "üi", "uy", "уй", "xonadon", "хонадон", "саяжай"),
    "consumers": ("consumers", "customers", "households", "subscribers", "потребител", "абонент",
                  "тұтынушы", "tūtynuşy", "iste'molchi", "истеъмолчи", "abonent"),
    "votes": ("votes", "voted", "voting", "of the vote", "голос", "проголосова", "дауыс", "dauys", "ovoz", "овоз"),
    "turnout": ("turnout", "явка", "явки", "явку", "faollig", "фаоллиг", "келу", "kelu", "qatysu", "қатысу",
                "катыш", "ishtirok", "иштирок"),  # Kyrgyz «шайлоого катышуу», Uzbek/Tajik participation
    # stranded at a border or a blocked road, cancelled or delayed: revised as a disruption goes on
    "vehicles": ("trucks", "lorries", "vehicles", "cars", "фур", "грузовик", "автомобил", "машин", "автобус",
                 "mashina", "avtomobil", "көлік", "kölık", "kolik"),
    "flights": ("flights", "рейс", "reys", "reis", "рейсов"),
    "passengers": ("passengers", "travellers", "travelers", "пассажир", "yo'lovchi", "йўловчи", "жолаушы", "jolauşy"),
    "livestock": ("livestock", "sheep", "cattle", "head of", "голов", "скот", "овец", "bas mal", "бас мал",
                  "qoramol", "қорамол", "chorva", "чорва", "qo'y", "қўй"),
    "schools": ("schools", "kindergartens", "школ", "детск сад", "детсад", "мектеп", "mektep", "maktab", "мактаб",
                "bog'cha", "боғча"),
    # people affected (left without water, power, heat…): weak, any other kind near the number wins
    "residents": ("residents", "people were left", "people left", "жител", "тұрғын", "turğyn", "tūrğyn", "turgyn",
                  "aholi", "аҳоли", "istiqomatchi"),
    # amounts spilled or leaked (with tonnes) and queues (with kilometres): only next to these words
    "spilled": ("spill", "spilt", "leak", "разл", "утечк", "вылил", "вытек", "ағып", "төгіл", "to'kil", "oqib"),
    "queue": ("queue", "tailback", "очеред", "пробк", "затор", "кезек", "kezek", "navbat", "навбат"),
}
_WEAK_KINDS = {"residents"}
# Units a counted kind may carry besides heads: tonnes only when spilled, kilometres only of a queue.
_UNIT_KINDS = {"t": {"spilled"}, "km": {"queue"}}
_UNIT_ONLY = set().union(*_UNIT_KINDS.values())  # kinds a bare number never has
# A percentage next to "votes" is a vote share (revised as the count goes on), next to "turnout" the turnout.
_SHARE_KINDS = {"votes": "share", "turnout": "turnout"}
# … and a percentage of the voters is the turnout, whatever verb follows («сайлаушылардың 44,8 пайызы дауыс
# берген», «проголосовали 44,8% избирателей», "44.8% of voters cast ballots").
_VOTERS = ("voters", "electorate", "избирател", "сайлаушы", "sailauşy", "saılaýshy", "сайловчи", "saylovchi",
           "шайлоочу", "интихобкунанда")
# A turnout word this far before the percentage, within its clause («Явка на … к 14:00 составила 24,7%»).
_TURNOUT_WORDS = 14
_KIND_STEMS = sorted(((s, k) for k, stems in KINDS.items() for s in stems), key=lambda x: -len(x[0]))
_WORD = re.compile(r"[\w'%$€¥₸₽]+(?:[.,]\d+)?", re.U)
_CLAUSE_END = re.compile(r"[.!?;,:()«»\"—–]\s|\n|[(«»\"—–]")
_AFTER_WORDS, _BEFORE_WORDS = 4, 8
_COUNT_PHRASE_WORDS = 14  # how far back a count noun ("number", «число», "sany") may stand, its kind beside it
_CLOCK = re.compile(r"(?<!\d)\d{1,2}:\d{2}(?!\d)")


def _fold(text: str) -> str:
    return text.translate(_APOSTROPHES).replace("ё", "е").replace("Ё", "Е").lower()


_KIND_OF_STEM = dict(_KIND_STEMS)
_KIND_RX = re.compile("|".join(re.escape(s) for s, _ in _KIND_STEMS))


# Words that begin with a kind's stem and are something else: Kazakh «қаза»/"qaza" (death) begins «Қазақстан».
_NOT_KIND = ("қазақ", "qazaq")


def _kind_of(word: str) -> str | None:
    m = _KIND_RX.match(word)
    return _KIND_OF_STEM[m.group()] if m and not word.startswith(_NOT_KIND) else None


def _words_with_spans(text: str) -> list[tuple[str, int, int]]:
    return [(m.group(), m.start(), m.end()) for m in _WORD.finditer(text)]


# "the number of X – 12": a dash after "number" says "is", it ends no clause («число погибших — 12»,
# "abonentter sany – 9,8 myñ", «қаза тапқандар саны – 9», "halok bo'lganlar soni — 5").
_COUNT_NOUNS = {"число", "количество", "саны", "sany", "soni", "сони", "шумораи", "number", "toll", "count"}
_DASH_ONLY = re.compile(r"\s*[—–-]\s*")
_COLON_ONLY = re.compile(r"\s*:\s*")


def _kind_near(words: list[tuple[str, int, int]], i: int, j: int, text: str, end: int = 0) -> str | None:
    """The counted kind for the number spanning words i..j-1: the nearest kind word after it
    ("12 dead", "19 others remained trapped"), else before it ("эвакуированы 300 человек",
    "death toll rose to 12"). The search stops at a clause end or another number. A weak kind
    ("residents") is taken only when no other kind is near: "1,200 residents were evacuated" counts evacuees."""
    def blocked(a: int, b: int) -> bool:
        return bool(_CLAUSE_END.search(text, a, b))

    def kinds():  # kind words in search order: after the number, then before it
        for k in range(j, min(len(words), j + _AFTER_WORDS)):
            # (from the number's own end: the period of "2,9 тыс." ends no clause)
            if blocked(max(words[k - 1][2], end), words[k][1]) or _is_number(words[k][0]):
                break
            # multi-word stems ("from their homes", "без вести") are matched on the text that follows
            yield _kind_of(text[words[k][1]:words[k][1] + 20])
        seen = 0
        for k in range(i - 1, -1, -1):
            gap = (words[k][2], words[k + 1][1])
            # «Число погибших — 12»; a headline's colon after a count phrase: «…число заболевших корью в Оше: 52»,
            # "Death toll: 12"
            is_count = k + 1 == i and (
                _DASH_ONLY.fullmatch(text, *gap) is not None and any(words[m][0] in _COUNT_NOUNS for m in (k, k - 1) if m >= 0)
                or _COLON_ONLY.fullmatch(text, *gap) is not None
                and any(words[m][0] in _COUNT_NOUNS for m in range(max(0, k - _BEFORE_WORDS), k + 1)))
            if blocked(*gap) and not is_count:
                break
            if _is_number(words[k][0]):
                if not _clock(words, k, text):
                    break
                continue  # a time of day: neither a count nor a word of the window
            seen += 1
            if seen > _COUNT_PHRASE_WORDS:
                break
            if seen <= _BEFORE_WORDS:
                yield _kind_of(words[k][0])
            if words[k][0] in _COUNT_NOUNS:
                # a count phrase further back names its kind beside its noun: "Dead seal count … doubles to
                # 310", "the number of dead Caspian seals found on … coast has risen to 310"
                for m in (k + 1, k + 2, k + 3, k - 1, k - 2):
                    if 0 <= m < i and not blocked(*sorted((words[m][1], words[k][2]))):
                        yield _kind_of(words[m][0])

    weak = None
    for kind in kinds():
        if kind in _WEAK_KINDS:
            weak = weak or kind
        elif kind:
            return kind
    return weak


# Words that make a percentage of the voters a vote share, not a turnout ("71% of voters in favour").
_SIDE = re.compile(r"\b(?:in favou?r|against|backed|support\w*|approved|voted for|за|против|поддерж\w*|одобр\w*)\b"
                   r"|қолда|qo'llab|қўллаб|yoqla|ёқла|колдо|жақта|jaqta", re.I)


def _of_voters(words: list[tuple[str, int, int]], i: int, j: int, text: str) -> bool:
    """Is the percentage at words i..j-1 the turnout: a share of the voters (a voters' word right before or
    after it) in a clause that takes no side ("71% of voters in favour" is a vote share)?"""
    after_of = j + 1 < len(words) and words[j][0] in ("of", "из")  # "44.8% of voters"
    near = [words[k] for k in (i - 1, j, j + 1 if after_of else j) if 0 <= k < len(words)]
    if not any(w.startswith(_VOTERS) and not w.startswith("избирательн")  # «избирательных участков»: polling stations
               and not _CLAUSE_END.search(text, min(s, words[i][1]), max(e, words[j - 1][2]))
               for w, s, e in near):
        return False
    starts = [m.end() for m in _CLAUSE_END.finditer(text, 0, words[i][1])]
    end = _CLAUSE_END.search(text, words[j - 1][2])
    return not _SIDE.search(text, starts[-1] if starts else 0, end.start() if end else len(text))


def _turnout_before(words: list[tuple[str, int, int]], i: int, text: str) -> bool:
    """Does a turnout word stand before the percentage at word i, in the same clause, within _TURNOUT_WORDS?"""
    for k in range(i - 1, max(-1, i - 1 - _TURNOUT_WORDS), -1):
        if _CLAUSE_END.search(text, words[k][2], words[k + 1][1]):
            return False
        if _kind_of(words[k][0]) == "turnout":
            return True
    return False


def _is_number(word: str) -> bool:
    return word[:1].isdigit()


def _clock(words: list[tuple[str, int, int]], k: int, text: str) -> bool:
    """Is word k part of a time of day ("к 18:00 явка составила 31,8%"): no count, so it blocks nothing."""
    return bool(_CLOCK.match(text, max(0, words[k][1] - 3)) or _CLOCK.match(text, words[k][1]))


_INCIDENT_AREA = re.compile(r"slick|spill|fire|burn|blaze|flood|пятн|разлив|пожар|возгоран|выгор|паводк|наводнен|затоп|подтоп"
                            r"|өрт|дақ|дағ|dağ|daq|су тасқ|su tasq|yong.in|ёнғин|toshqin|тошқин|сел\b|сель", re.I)


def extract_quantities(text: str) -> set[tuple[str, float, str]]:
    """(kind, value, number string) of every counted quantity; the number string is the one
    ``extract_numbers`` gives for that number (so the decision can tell counts from other figures)."""
    folded = _fold(text)
    words = _words_with_spans(folded)
    starts = {s: n for n, (_, s, _) in enumerate(words)}
    out: set[tuple[str, float, str]] = set()
    taken: set[int] = set()
    for start, end, v, unit, keep in _mentions(folded):
        if unit not in ("n", "ppl", "homes", "MW", "GW", "%", "ha", "km2", *_UNIT_KINDS):
            continue
        if folded[end:end + 1] == ":" or folded[max(0, start - 1):start] == ":":
            continue  # a clock time (03:40)
        i = starts.get(start)
        if i is None:
            i = next((n for n, (_, s, e) in enumerate(words) if s <= start < e), None)
        if i is None:
            continue
        j = i + 1
        while j < len(words) and words[j][1] < end:
            j += 1
        taken.update(range(i, j))
        if unit == "n" and _YEARISH.match(_fmt(v)) and (j < len(words) and _is_year_word(words[j][0])
                                                         or i > 0 and words[i - 1][0].startswith(_BEFORE_YEAR)
                                                         or _YEAR_RANGE_AFTER.match(folded, end)
                                                         or _YEAR_RANGE_BEFORE.search(folded, 0, start)):
            continue  # "2023 жылы", "in June 2023 killed 14", "2028–2030 жылдарға": a year, never a count
        if _AGE_AFTER.match(folded, end) or _LABEL_BEFORE.search(folded, max(0, start - 16), start):
            continue
        if unit == "n" and 1 <= v <= 31 and (j < len(words) and words[j][0].startswith(_MONTHS) and words[j][0] != "may"
                                             or i > 0 and words[i - 1][0].startswith(_MONTHS)):
            continue  # "21 ноября … погибли 12", "on November 21, 12 died": a day ("21 may have died" is a count)
        if unit in ("MW", "GW"):  # a revised outage, or a plant's capacity: still an identifying number
            out.add(("power", v * (1000 if unit == "GW" else 1), ""))
            continue
        if unit == "ha":  # burnt, flooded or sown: a fire or flood revises it day by day
            out.add(("area", v, f"{_fmt(v)} ha" if keep else ""))
            continue
        if unit == "km2":  # square kilometres: a slick's, a fire's or a flood's area only (a licence block's identifies it)
            if _INCIDENT_AREA.search(folded, max(0, start - 80), min(len(folded), end + 80)):
                out.add(("area", v * 100, f"{_fmt(v)} km2" if keep else ""))
            continue
        kind = "houses" if unit == "homes" else _kind_near(words, i, j, folded, end)
        if unit in _UNIT_KINDS:
            if kind in _UNIT_KINDS[unit]:
                out.add((kind, v, f"{_fmt(v)} {unit}"))
            continue
        if kind in _UNIT_ONLY:
            kind = None  # a bare number is not an amount spilled or a queue's length
        if unit == "%":
            kind = "turnout" if _of_voters(words, i, j, folded) else _SHARE_KINDS.get(kind or "")
            if kind is None and _turnout_before(words, i, folded):
                kind = "turnout"
        elif kind == "turnout" or v != int(v):
            kind = None  # heads and houses are counted in whole numbers
        if kind:
            out.add((kind, v, f"{_fmt(v)} {unit}" if keep else ""))
    for n, (w, _, _) in enumerate(words):
        if n in taken:
            continue
        base = w
        value = WORD_NUMBERS.get(base)
        if value is None:  # a Kazakh/Uzbek ending on a number word: "тоғызға", "ikkita"
            m = _TURKIC_NUMBER_RX.match(w)
            if m:
                base = m["w"]
                value = WORD_NUMBERS[base]
        if value is None:
            continue
        scale = _scale_word(words[n + 1][0]) if n + 1 < len(words) else None
        if scale:  # "two thousand", «двух тысяч», «екі мыңнан»
            kind = _kind_near(words, n, n + 2, folded)
            if kind and kind not in _UNIT_ONLY:
                out.add((kind, float(value) * scale, ""))
            continue
        if base in _WEAK_WORDS:
            kind = _kind_of(words[n + 1][0]) if n + 1 < len(words) else None
            if kind is None and n + 2 < len(words) and _kind_of(words[n + 2][0]):
                kind = _kind_of(words[n + 2][0])
        else:
            kind = _kind_near(words, n, n + 1, folded)
        if kind and kind not in _UNIT_ONLY:
            out.add((kind, float(value), ""))
    return out


# A scale word after a number word ("two thousand", «двух тысяч», «екі мыңнан», "ikki ming"), case endings too.
_TURKIC_SCALES = ("мың", "myñ", "ming", "минг", "миң", "ҳазор", "hazor")


def _scale_word(word: str) -> float | None:
    if word in SCALES and len(word) > 3:  # not "m", "bn", "тыс" (abbreviations follow digits)
        return SCALES[word]
    return 1e3 if word.startswith(_TURKIC_SCALES) else None


# People and houses counted: figures a developing story revises even where no kind was read.
_HEADCOUNT = (" ppl", " homes")


def _comparable(va: set[str], vb: set[str], factor: float = 10.0) -> bool:
    """Do two sets of "value unit" strings hold values of one magnitude (within ``factor``)? "$5bn" of
    trade and "$1.2m" of losses are two different amounts, not two versions of one. (Percentages are
    not asked: 7 % and 71 % are two shares on one scale.)"""
    xs = [abs(float(x.split(" ", 1)[0])) for x in va]
    ys = [abs(float(y.split(" ", 1)[0])) for y in vb]
    return any(min(x, y) > 0 and max(x, y) / min(x, y) <= factor or x == y == 0 for x in xs for y in ys)


# A quake's magnitude is revised within hours and differs by agency (5.1 by one survey, 5.4 by
# another): two values are one quake's as often as two quakes'. So do its depth and distances (10 km
# by China's network, 12 km by Tajikistan's institute): between two quake reports kilometres raise none.
_NEVER_CONFLICT = {"mag"}
_QUAKE_UNITS = {"km"}


def number_relation(a: set[str], b: set[str], counted: set[str] = frozenset()) -> tuple[float, bool, bool]:
    """(agreement, conflict, disjoint) for two articles' identifying numbers.

    Agreement: Dice overlap, so a follow-up that repeats the original's two figures among
    its own six new ones agrees only partly. Conflict: both state quantities in one unit, of one
    magnitude, but share none of them (16.5 % vs 16 %; not $5bn of trade vs $1.2m of losses).
    Disjoint: both carry several numbers, none shared.
    Numbers in ``counted`` (counts of dead, evacuated, houses…, which a developing story
    revises) and all head and house counts take part in the agreement but raise no conflict
    and no disjointness; magnitudes raise no conflict, nor kilometres between two quake reports.
    """
    if not a or not b:
        return 0.0, False, False
    shared = a & b
    agree = 2 * len(shared) / (len(a) + len(b))
    fa = {x for x in a - counted if not x.endswith(_HEADCOUNT)}
    fb = {x for x in b - counted if not x.endswith(_HEADCOUNT)}
    units_a = {x.split(" ", 1)[1] for x in fa} - {"n"}
    units_b = {x.split(" ", 1)[1] for x in fb} - {"n"}
    conflict = False
    never = _NEVER_CONFLICT | (_QUAKE_UNITS if "mag" in units_a and "mag" in units_b else set())
    for u in (units_a & units_b) - never:
        va = {x for x in fa if x.endswith(" " + u)}
        vb = {x for x in fb if x.endswith(" " + u)}
        if not (va & vb) and (u in ("%", "pp") or _comparable(va, vb)):  # shares are one scale
            conflict = True
    disjoint = not shared and len(fa) >= 2 and len(fb) >= 2
    return agree, conflict, disjoint


def quantity_relation(earlier: dict[str, frozenset[float]], later: dict[str, frozenset[float]]) -> tuple[int, int]:
    """(kinds counted alike, kinds counted differently) between two articles' counted quantities:
    "7 dead" and "семеро погибших" count alike; "7 dead" and "12 dead" differently (a revision,
    or another happening). A later article that recaps the earlier one's newest figure and gives
    another ("first 1,500 hectares, then 6,800, now 8,500") counts both alike and differently; one
    that only names an older figure in passing (another fire's 9,000 hectares) counts alike. A later
    count of half the earlier one or less is no revision (a camp's 37 poisoned after a city's 173 sick;
    a 500 MW solar auction two days after a 1 GW wind auction, dedupe_blind26/dev)."""
    alike = differ = 0
    for kind in earlier.keys() & later.keys():
        a, b = earlier[kind], later[kind]
        if a & b:
            alike += 1
        if max(b) <= max(a) / 2:
            continue  # a count fallen to a fraction is another happening's, not a correction
        if not a & b or max(a) in b and max(b) != max(a):
            differ += 1
    return alike, differ
