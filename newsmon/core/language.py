"""Language detection on the extracted text (not just the configured language).

py3langid knows Kazakh and Uzbek, but it learnt them from Cyrillic Kazakh and Latin/Cyrillic
Uzbek: Kazakh in Latin script (the 2018 acute-accent or the 2021 alphabet) comes out as Crimean
Tatar, Turkmen or Turkish, and a short Cyrillic text can come out as a neighbour (Kyrgyz,
Bashkir, Tatar, Russian). So when the identifier's answer is one of those neighbours, the
letters and function words that only Kazakh or Uzbek use decide (Kazakh's dotless ı only beside a q,
which Turkish never writes, and without Azerbaijani's ə: Turkish news was read as Kazakh). Likewise a short Russian line
answered as Bulgarian, Ukrainian, Belarusian, Macedonian or Serbian without a letter of that language
is Russian.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Answers that may hide Kazakh or Uzbek.
_TURKIC_LATIN = {"tk", "crh", "tr", "az", "uz", "kk", "tt", "ba", "ky", "ug", "gag", "so", "sw", "id", "ms"}
_CYRILLIC_NEIGHBOURS = {"ky", "ba", "tt", "mn", "bg", "ru", "tg", "uk", "mk", "sr", "be", "kk", "uz"}
_ALIASES = {"uzs": "uz"}

_LATIN = re.compile(r"[a-z]", re.I)
_CYRILLIC = re.compile(r"[а-яё]", re.I)
# Matched on lower-cased text without re.I, which would fold ı into i.
# Kazakh Latin: the 2018 acute letters (á ǵ ń ó ú ý ı) and the 2021 letters (ä ñ ū ı ğ ş ö ü). Dotless ı is
# Turkish and Azerbaijani too: it counts only in a text that writes q or a word-final ñ or ū, which
# Turkish never does ("telearnasınıñ"; Spanish ñ is inside a word), and no ə, which Azerbaijani does.
_KK_LATIN_LETTERS = re.compile(r"[áǵńúýäñū]")
_KK_LATIN_ONLY = re.compile(r"ñ\b|ū")
_DOTLESS_I = re.compile(r"ı")
# Kazakh 2021 writes ы as y, a vowel between consonants or after one at a word's end ("Şymkent", "qory");
# Crimean Tatar, Turkish and Uzbek y is a consonant beside a vowel. (Turkmen y is a vowel too, but
# Turkmen writes no q, and this counts only where q is written.)
_KK_Y_VOWEL = re.compile(r"[bcdfghjklmnpqrstvzşğñ]y(?:[bcdfghjklmnpqrstvzşğñ]|\b)")
_KK_LATIN_WORDS = re.compile(
    r"\b(?:jäne|jáne|turaly|týraly|bolyp|dep|qazaqstan\w*|respublikasy\w*|respýblıka\w*|habarlady|"
    r"ūlttyq|ulttyq|boıynsha|boiynşa|jyly|adam|búgin|bügın|kezdest\w*|sheıin|şeiın|deıin|deiın|"
    r"mınıstrlig\w*|minıstrlıg\w*|oblysy\w*|qala\w*|baspasöz|baspasóz|basshysy|basşysy)\b")
# Uzbek Latin: oʻ gʻ (any apostrophe), and its commonest function words.
_UZ_LATIN_LETTERS = re.compile(r"[og][ʻʼ'’‘`]")
_UZ_LATIN_WORDS = re.compile(
    r"\b(?:va|bilan|uchun|haqida|bo[ʻʼ'’‘`]yicha|yil\w*|kuni|shahr\w*|viloyat\w*|tuman\w*|"
    r"o[ʻʼ'’‘`]zbekiston\w*|xabar|qilindi|bo[ʻʼ'’‘`]ldi|etdi|ushbu|mazkur)\b")
_TR_LATIN = re.compile(r"\b(?:ve|bir|için|ile|olarak|türkiye\w*|yüzde|dedi|bu|da|de|göre|kadar|değil|gibi|sonra|"
                       r"ancak|daha|çok|yapılacak|edildi|etti)\b|\w+(?:iyor|ıyor|uyor|üyor)\w*|ç")
_AZ_LATIN = re.compile(r"ə")
# A name-heavy English line ("Tokayev met Mirziyoyev in Astana on Tuesday") can come out as Uzbek.
_EN_WORDS = re.compile(r"\b(?:the|of|in|on|and|to|for|with|at|by|from|said|says|met|is|was|has|will)\b", re.I)
_TK_LATIN = re.compile(r"\b(?:we|bilen|türkmenistan\w*|boýunça|hem)\b|[ňž]")
_LETTER_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")  # a word of letters, hyphenated parts joined
# Cyrillic: letters of Kazakh only (ә ұ і, and ң ғ қ ө ү һ shared with some neighbours),
# of Uzbek (ў, and қ ғ ҳ), of Tajik (ҷ ӣ ӯ) and Kyrgyz (ң ө ү without ә ұ і қ ғ).
_KK_ONLY = re.compile(r"[ұі]", re.I)  # ә is Tatar, Bashkir and Uyghur too
_TT_BA_UG = re.compile(r"[җҡҙҫ]", re.I)  # Tatar and Uyghur җ, Bashkir ҡ ҙ ҫ: never Kazakh
_KK_NOT_I = re.compile(r"[әұңғқөүһ]", re.I)  # Ukrainian and Belarusian write і too, never these
_KK_CYR = re.compile(r"[әұіңғқөүһ]", re.I)
_UZ_ONLY = re.compile(r"[ў]", re.I)
_UZ_CYR = re.compile(r"[ўқғҳ]", re.I)
_TG_ONLY = re.compile(r"[ҷӣӯ]", re.I)
# A short Russian line is often answered as another Slavic language in Cyrillic; without a letter only
# that language writes (Bulgarian ъ as a vowel or ѝ; Ukrainian і ї є ґ; Belarusian і ў; Macedonian
# and Serbian ѓ ќ ѕ љ њ џ ј ђ ћ), it is Russian.
_SLAVIC_OWN = {"bg": re.compile(r"ъ(?![еёюя])|ѝ", re.I), "uk": re.compile(r"[іїєґ]", re.I), "be": re.compile(r"[іў]", re.I),
               "mk": re.compile(r"[ѓќѕљњџј]", re.I), "sr": re.compile(r"[ђћљњџј]", re.I)}


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def _latin_turkic(sample: str) -> str | None:
    """kk or uz for a Latin-script Turkic text, when their marks clearly outweigh the neighbours'."""
    sample = sample.lower()
    kk = len(_KK_LATIN_LETTERS.findall(sample)) + 2 * len(_KK_LATIN_WORDS.findall(sample))
    az = len(_AZ_LATIN.findall(sample))
    if ("q" in sample or _KK_LATIN_ONLY.search(sample)) and not az:
        kk += len(_DOTLESS_I.findall(sample))
    if "q" in sample and not az:
        kk += len(_KK_Y_VOWEL.findall(sample))
    uz = len(_UZ_LATIN_LETTERS.findall(sample)) + 2 * len(_UZ_LATIN_WORDS.findall(sample))
    other = max(len(_TR_LATIN.findall(sample)), len(_TK_LATIN.findall(sample)), 2 * az)
    best, score = max((("kk", kk), ("uz", uz)), key=lambda x: x[1])
    runner = min(kk, uz)
    if score >= 3 and score > 1.5 * runner and score > other:
        return best
    return None


def _cyrillic_turkic(sample: str, letters: int) -> str | None:
    if _TG_ONLY.search(sample) or _TT_BA_UG.search(sample):
        return None
    kk_only, kk = len(_KK_ONLY.findall(sample)), len(_KK_CYR.findall(sample))
    uz_only, uz = len(_UZ_ONLY.findall(sample)), len(_UZ_CYR.findall(sample))
    # A Russian text quoting one Kazakh name has a letter or two (a gallery «Арт-Кеңістік»: three, in one word);
    # Kazakh prose has several per sentence, in several words.
    if kk_only >= 2 and kk >= max(3, 0.02 * letters) and kk > uz and _KK_NOT_I.search(sample) \
            and len({w.lower() for w in _LETTER_WORD.findall(sample) if _KK_CYR.search(w)}) >= 2:
        return "kk"
    if uz_only >= 2 and uz >= max(3, 0.02 * letters) and uz_only > kk_only:
        return "uz"
    return None


def detect_language(text: str, fallback: str | None = None) -> str | None:
    sample = text[:3000]
    if len(sample.strip()) < 20:
        return (fallback or "").split("-")[0].lower() or None
    lang, prob = _identifier().classify(sample)
    lang = _ALIASES.get(lang, lang)
    latin, cyrillic = len(_LATIN.findall(sample)), len(_CYRILLIC.findall(sample))
    if latin > cyrillic and lang in _TURKIC_LATIN:
        marked = _latin_turkic(sample)
        if marked:
            return marked
        if lang in ("kk", "uz") and len(_EN_WORDS.findall(sample)) >= 2:
            lang = "en"  # the identifier's Kazakh or Uzbek, with no Kazakh or Uzbek mark but English words
        elif lang in ("kk", "uz") and prob >= 0.5:
            return lang
    elif cyrillic > latin and lang in _CYRILLIC_NEIGHBOURS:
        lang = _cyrillic_turkic(sample, cyrillic) or lang
        if lang in ("kk", "uz"):
            return lang
        if lang in _SLAVIC_OWN and not _SLAVIC_OWN[lang].search(sample):
            return "ru"
    if prob < 0.5 and fallback:
        return fallback.split("-")[0].lower()
    return lang


# A search query is often a word or two, too short for the identifier: the letters only Kazakh or Uzbek
# write decide (Kazakh Latin ñ ū ı ǵ ń ý or its own name for the country, not its function words: "Adam
# Smith" is English; Uzbek oʻ gʻ; Cyrillic Uzbek ў; Cyrillic Kazakh ұ і with another Kazakh letter).
_KK_QUERY_LATIN = re.compile(r"[ñūıǵńý]|\bqazaq")


def query_language(text: str) -> str | None:
    """The language of a search query: detect_language's answer, or for a short query ("Toqaevtyñ
    sapary", "Oʻzbekiston", «Ўзбекистон») kk/uz by their letters, else None."""
    if len(text.strip()) >= 20:
        return detect_language(text)
    low = text.lower()
    if len(_LATIN.findall(low)) > len(_CYRILLIC.findall(low)):
        if _KK_QUERY_LATIN.search(low):
            return "kk"
        return "uz" if _UZ_LATIN_LETTERS.search(low) else None
    if _UZ_ONLY.search(low):
        return "uz"
    return "kk" if _KK_ONLY.search(low) and _KK_NOT_I.search(low) and not _TG_ONLY.search(low) else None
