"""Kazakh and Uzbek endings, for every matcher that looks for names, terms and numbers.

Kazakh and Uzbek glue case, plural and possessive endings to a word ("Тоқаевтың",
"Toshkentda", "sammitida", "2 650-ге"). Russian-style matching (a few Cyrillic letters after a
stem) misses them: the endings carry Kazakh letters, and Latin words get no Cyrillic rule at all.
This module is the one list of those endings and the one way to cut them back.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from newsmon.core.language import detect_language

# Endings that may follow a number or unit word ("2 650-ге", "dollarga", "foiziga", "мыңнан");
# numbers.py allows at most two, with an optional hyphen.
TURKIC_ENDINGS = sorted({
    "ga", "ge", "ka", "ke", "qa", "ğa", "ǵa", "da", "de", "ta", "te", "dan", "den", "tan", "ten", "nan", "nen",
    "ning", "nıñ", "nyñ", "dyñ", "dıñ", "tyñ", "tıñ", "nyń", "niń", "ni", "ny", "nı", "dy", "dı", "ty", "tı", "i", "ı",
    "y", "si", "sı", "sy", "dagi", "dağy", "degı", "tağy", "tegı", "daǵy", "degi", "gacha", "cha", "lar", "ler",
    "dar", "der", "tar", "ter", "dır", "dyr", "a", "e", "men", "ben", "pen",
    "ға", "ге", "қа", "ке", "га", "ка", "да", "де", "та", "те", "дан", "ден", "тан", "тен", "нан", "нен",
    "нинг", "ның", "нің", "дың", "дің", "тың", "тің", "ни", "ны", "ні", "ды", "ді", "ты", "ті", "и", "ы", "і",
    "си", "сы", "сі", "даги", "дағы", "дегі", "тағы", "тегі", "гача", "лар", "лер", "дар", "дер", "тар", "тер",
    "а", "е", "мен", "бен", "пен",  # Kazakh "with": «60 пайызымен», «5 млрд теңгемен»
}, key=len, reverse=True)

# Kyrgyz case endings follow vowel harmony in o/ö/u/ü too ("Жапаровдун", "Нарын облусунун", "Бишкекке",
# "Ат-Башыдагы", "40 млрд сомдон").
KYRGYZ_ENDINGS = ["ын", "ин", "ун", "үн", "нын", "нин", "нун", "нүн", "дын", "дин", "дун", "дүн", "тын", "тин", "тун",
                  "түн", "дон", "дөн", "тон", "төн", "го", "гө", "ко", "кө", "до", "дө", "то", "тө", "ну", "нү", "ду",
                  "дү"]

# Endings that may follow a name or term: the above plus locatives, adjectival -lik/-лық,
# dative/locative after a vowel (-ga, -na, -nda), "with" (-men/-бен/-bilan), the question particle;
# and the Kyrgyz ones.
NAME_ENDINGS = sorted(set(TURKIC_ENDINGS) | set(KYRGYZ_ENDINGS) | {
    "дагы", "деги", "догу", "дөгү", "тагы", "теги", "тогу", "төгү",
    "dagi", "dağy", "degı", "dağı", "ning", "niki", "dagilar", "lik", "liq", "lıq", "lyq", "лық", "лік", "лик",
    "nda", "nde", "ndağy", "ndegı", "нда", "нде", "ндағы", "ндегі", "ga", "gа", "ға", "ге", "na", "ne", "на", "не",
    "mı", "my", "мы", "мі", "men", "ben", "pen", "мен", "бен", "пен", "bilan", "билан",
}, key=len, reverse=True)

# Case endings that put a name in space: locative "in" (Алматыда, Toshkentda, Шымкенттегі),
# ablative "from" (Almatydan), dative "to" (Astanağa, Samarqandga). A name carrying one is a place.
# A tuple, for str.endswith.
PLACE_ENDINGS = tuple(sorted({
    "da", "de", "ta", "te", "nda", "nde", "dan", "den", "tan", "ten", "nan", "nen", "ndan", "nden",
    "ga", "ge", "ka", "ke", "qa", "ğa", "ǵa", "na", "ne", "dagi", "dağy", "daǵy", "degı", "degi", "tağy", "tegı",
    "да", "де", "та", "те", "нда", "нде", "дан", "ден", "тан", "тен", "нан", "нен", "ндан", "нден",
    "ға", "ге", "қа", "ке", "га", "ка", "на", "не", "даги", "дағы", "дегі", "тағы", "тегі", "ндағы", "ндегі",
    # Kyrgyz: «Кара-Балтадагы», «Токмоктогу», «Ошто», «Нарындан», «Таласка»
    "дагы", "деги", "догу", "дөгү", "тагы", "теги", "тогу", "төгү", "ндагы", "ндеги", "ндогу", "ндөгү",
    "до", "дө", "то", "тө", "дон", "дөн", "тон", "төн", "го", "гө", "ко", "кө",
}, key=len, reverse=True))

# Kazakh and Uzbek common words that are also gazetteer names or their stems: "qatar" (a row; "sonymen
# qatar" = at the same time), "qarshi" (against), "тенг" (equal; the stem of "тенге"), "hukumat"
# (government), "jamoat" (the public: "jamoat joylari" = public places; a Tajik jamoat is a
# municipality), "арал"/"orol" (an island: «Канар аралдары»; the Aral Sea is «Арал теңізі», "Orol dengizi").
# In lower case they are the words, not the places or bodies (those are capitalised). Kyrgyz writes
# the row "катар"; "дубал" (a wall) reads as Dubai with its endings cut. "Ақша" (money), capitalised
# or not, reads as АҚШ (the USA) plus an ending, so it is blanked in either case. In lower case Kazakh
# «астана»/"astana" is any capital ("Moñğoliianyñ astanasy Ūlan-Bator"); the city is written capitalised.
# Kyrgyz «карышкыр» (a wolf) reads as Karshi with its endings cut.
_COMMON_WORDS = re.compile(r"(?<![\w'ʻʼ])(?:qatar\w*|қатар\w*|катар\w*|qarshi|қарши|тенг|teng|hukumat\w*|ҳукумат\w*|"
                           r"jamoat\w*|жамоат\w*|арал\w*|aral\w*|орол\w*|orol\w*|дубал\w*|[аА]қша\w*|[aA]qşa\w*|астана\w*|astana\w*|"
                           r"карышкыр\w*|қасқыр\w*|"
                           r"[aA]qsha\w*)(?![\w'ʻʼ])")


def blank_common_words(text: str) -> str:
    """Kazakh/Uzbek ``text`` with those common words blanked out (same length: offsets still hold)."""
    return _COMMON_WORDS.sub(lambda m: " " * len(m.group()), text)


# Letters only Kazakh or Uzbek use (Cyrillic ә ғ қ ң ө ұ ү һ і ў ҳ; Latin oʻ gʻ, and the Kazakh
# Latin ä ñ ū ğ ş ı á ǵ ń ú ý): a text with several of them may be Kazakh or Uzbek.
_TURKIC_MARK = re.compile(r"[әғқңөұүһіўҳñūğşıäáǵńúý]|[og][ʻʼ'’‘`]", re.I)


def cut_endings(word: str, known: Callable[[str], bool], min_stem: int = 3) -> str | None:
    """``word`` cut back to a stem that ``known`` accepts, when what is cut off is one or two
    name endings (longest ending first); None when no such stem exists."""
    for e1 in NAME_ENDINGS:
        if not word.endswith(e1) or len(word) - len(e1) < min_stem:
            continue
        rest = word[: -len(e1)].rstrip("-'")
        if known(rest):
            return rest
        for e2 in NAME_ENDINGS:
            if rest.endswith(e2) and len(rest) - len(e2) >= min_stem:
                stem = rest[: -len(e2)].rstrip("-'")
                if known(stem):
                    return stem
    return None


def looks_turkic(text: str) -> bool:
    """Kazakh, Uzbek (either script) or Kyrgyz, judged cheaply by their letters, then by the language identifier."""
    if len(_TURKIC_MARK.findall(text[:3000])) < 3:
        return False
    return detect_language(text) in ("kk", "uz", "ky")


def is_turkic(text: str, languages: Iterable[str | None] = ()) -> bool:
    """Is this Kazakh/Uzbek/Kyrgyz text (names carry case endings)? The one place that decides it, for
    relevance (one article) and alert rules (an event's members): a known kk/uz/ky language says yes,
    languages all known and none of them kk/uz say no, otherwise the text is judged."""
    langs = list(languages)
    if any(lang in ("kk", "uz", "ky") for lang in langs):
        return True
    if langs and all(langs):
        return False
    return looks_turkic(text)
