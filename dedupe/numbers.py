"""Numbers with units and scale, normalised across English and Russian.

"3 trillion yen" = "3 трлн иен" = "¥3tn" → "3e12 JPY"; "$19 billion" = "19 млрд долларов" → "1.9e10 USD";
"16,5%" = "16.5 percent" → "16.5 %". Bare numbers are kept only when large or precise enough to
identify a story (not years, not small counts).
"""

from __future__ import annotations

import re

SCALES = {
    "thousand": 1e3, "тыс": 1e3, "тысяч": 1e3, "тысячи": 1e3, "тысяча": 1e3, "k": 1e3,
    "million": 1e6, "mln": 1e6, "mn": 1e6, "m": 1e6, "млн": 1e6, "миллион": 1e6, "миллиона": 1e6, "миллионов": 1e6,
    "billion": 1e9, "bln": 1e9, "bn": 1e9, "b": 1e9, "млрд": 1e9, "миллиард": 1e9, "миллиарда": 1e9, "миллиардов": 1e9,
    "trillion": 1e12, "tn": 1e12, "trln": 1e12, "трлн": 1e12, "триллион": 1e12, "триллиона": 1e12, "триллионов": 1e12,
}
CURRENCIES = {
    "$": "USD", "usd": "USD", "dollar": "USD", "dollars": "USD", "доллар": "USD", "долларов": "USD", "доллара": "USD", "долл": "USD",
    "€": "EUR", "eur": "EUR", "euro": "EUR", "euros": "EUR", "евро": "EUR",
    "¥": "JPY", "yen": "JPY", "jpy": "JPY", "иен": "JPY", "иены": "JPY", "иена": "JPY", "йен": "JPY",
    "tenge": "KZT", "kzt": "KZT", "тенге": "KZT", "₸": "KZT",
    "som": "KGS", "soms": "KGS", "kgs": "KGS", "сом": "KGS", "сомов": "KGS", "сома": "KGS",
    "somoni": "TJS", "tjs": "TJS", "сомони": "TJS",
    "manat": "TMT", "manats": "TMT", "tmt": "TMT", "манат": "TMT", "манатов": "TMT",
    "sum": "UZS", "soum": "UZS", "sums": "UZS", "uzs": "UZS", "сум": "UZS", "сумов": "UZS", "so'm": "UZS",
    "rouble": "RUB", "roubles": "RUB", "ruble": "RUB", "rubles": "RUB", "рубль": "RUB", "рублей": "RUB", "рубля": "RUB", "₽": "RUB",
    "yuan": "CNY", "юаней": "CNY", "юань": "CNY", "юаня": "CNY",
}
UNITS = {
    "%": "%", "percent": "%", "per cent": "%", "процент": "%", "процента": "%", "процентов": "%", "п.п.": "pp",
    "percentage point": "pp", "percentage points": "pp", "базисных пункт": "bp", "basis points": "bp", "bps": "bp",
    "tonnes": "t", "tons": "t", "тонн": "t", "тонны": "t", "т": "t",
    "mw": "MW", "мвт": "MW", "megawatts": "MW", "мегаватт": "MW", "gw": "GW", "гвт": "GW", "gigawatts": "GW", "гигаватт": "GW",
    "kwh": "kWh", "квт·ч": "kWh", "кВт·ч": "kWh", "bcm": "bcm", "billion cubic metres": "bcm", "млрд кубометров": "bcm",
    "km": "km", "км": "km", "kilometres": "km", "kilometers": "km", "километров": "km",
    "magnitude": "mag", "магнитуд": "mag", "баллов": "pts", "points": "pts",
    "barrels": "bbl", "баррелей": "bbl", "people": "ppl", "persons": "ppl", "человек": "ppl", "человека": "ppl",
    "houses": "homes", "homes": "homes", "домов": "homes", "дома": "homes", "жилых домов": "homes",
    "wagons": "wagons", "вагонов": "wagons", "containers": "teu", "контейнеров": "teu", "teu": "teu", "дфэ": "teu",
    "agreements": "deals", "соглашений": "deals", "documents": "deals", "документов": "deals",
}
_NUM = r"(?P<num>\d{1,3}(?:[ \u00a0\u202f,]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)"
_SCALE = r"(?:\s*(?P<scale>" + "|".join(sorted(map(re.escape, SCALES), key=len, reverse=True)) + r")\b\.?)?"
_UNIT_WORDS = sorted(map(re.escape, list(CURRENCIES) + list(UNITS)), key=len, reverse=True)
_UNIT = r"(?:\s*(?P<unit>" + "|".join(_UNIT_WORDS) + r"))?"
_PREFIX = r"(?P<pre>[$€¥₸₽])?\s?"
_RX = re.compile(_PREFIX + _NUM + _SCALE + _UNIT + r"(?![\w])", re.I)
_YEARISH = re.compile(r"^(19|20)\d{2}$")


def _to_float(raw: str) -> float | None:
    s = raw.replace("\u00a0", " ").replace("\u202f", " ")
    if re.fullmatch(r"\d{1,3}(?:[ ,]\d{3})+(?:\.\d+)?", s):  # 1,200,000 / 1 200 000
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


def extract_numbers(text: str) -> set[str]:
    """Normalised "value unit" strings for the identifying numbers in a text."""
    out: set[str] = set()
    for m in _RX.finditer(text):
        value = _to_float(m["num"])
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
        if unit_word == "т" and not scale_word:
            unit = ""  # a lone Cyrillic "т" is too ambiguous
        v = value * scale
        if not unit:
            if scale == 1.0 and (_YEARISH.match(m["num"]) or v < 1000):
                continue  # years and small counts identify nothing
            unit = "n"
        out.add(f"{_fmt(v)} {unit}")
    return out


def number_relation(a: set[str], b: set[str]) -> tuple[float, bool, bool]:
    """(agreement, conflict, disjoint) for two articles' identifying numbers.

    Agreement: Dice overlap, so a follow-up that repeats the original's two figures among
    its own six new ones agrees only partly. Conflict: both state quantities in one unit but
    share none of them (16.5 % vs 16 %). Disjoint: both carry several numbers, none shared.
    """
    if not a or not b:
        return 0.0, False, False
    shared = a & b
    agree = 2 * len(shared) / (len(a) + len(b))
    units_a = {x.split(" ", 1)[1] for x in a} - {"n"}
    units_b = {x.split(" ", 1)[1] for x in b} - {"n"}
    conflict = False
    for u in units_a & units_b:
        va = {x for x in a if x.endswith(" " + u)}
        vb = {x for x in b if x.endswith(" " + u)}
        if not (va & vb):
            conflict = True
    disjoint = not shared and len(a) >= 2 and len(b) >= 2
    return agree, conflict, disjoint
