"""Kazakh and Uzbek in the script the multilingual model reads best.

Both languages are written in two scripts, and multilingual-e5 learnt each mostly from one: Kazakh from
Cyrillic (the 2021 Latin alphabet is rare on the web) and Uzbek from Latin. Measured on the dedupe dev
splits (nearest other-language article from the same event, e5 vector alone): Kazakh Latin 14 of 48
as written, 44 of 48 in Cyrillic; Uzbek Cyrillic 22 of 35 as written, 30 of 35 in Latin (Uzbek Latin
itself is best left as it is: 40 of 54, 33 in Cyrillic; bench/scripts.py prints these). So before embedding, Kazakh Latin is spelt in
Cyrillic and Uzbek Cyrillic in Latin; the stored text is never changed.
"""

from __future__ import annotations

import re

_CYRILLIC = re.compile(r"[а-яёәғқңөұүһіўҳ]", re.I)
_LATIN = re.compile(r"[a-z]", re.I)

# Kazakh 2021 Latin → Cyrillic: digraphs first (ia я, iu ю, ts ц, ch ч, şş щ), then letters; ı is і,
# i is и/й, y is ы, u у, ū ұ, ü ү, h х.
_KK_DIGRAPHS = (("şş", "щ"), ("ia", "я"), ("iu", "ю"), ("io", "ё"), ("ts", "ц"), ("ch", "ч"))
_KK_LETTERS = str.maketrans({
    "a": "а", "ä": "ә", "b": "б", "c": "ц", "d": "д", "e": "е", "f": "ф", "g": "г", "ğ": "ғ", "h": "х",
    "ı": "і", "i": "и", "j": "ж", "k": "к", "l": "л", "m": "м", "n": "н", "ñ": "ң", "o": "о", "ö": "ө",
    "p": "п", "q": "қ", "r": "р", "s": "с", "ş": "ш", "ç": "ч", "t": "т", "u": "у", "ū": "ұ", "ü": "ү",
    "v": "в", "w": "у", "x": "кс", "y": "ы", "z": "з"})
_LATIN_WORD = re.compile(r"[A-Za-zÄäĞğÑñÖöŪūÜüŞşÇçİı]+")

# Uzbek Cyrillic → Latin (the official correspondence; е is "ye" at the start of a word).
_UZ_LETTERS = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "j", "з": "z", "и": "i",
    "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ф": "f", "х": "x", "ц": "ts", "ч": "ch", "ш": "sh", "ъ": "ʼ", "ь": "", "э": "e", "ю": "yu",
    "я": "ya", "ў": "oʻ", "қ": "q", "ғ": "gʻ", "ҳ": "h"}
_CYRILLIC_WORD = re.compile(r"[Ѐ-ӿ]+")


# The one script each language's vectors are made from (for_the_model): two Kazakh articles are compared
# as one language whatever script they were written in.
MODEL_SCRIPT = {"kk": "cyrl", "uz": "latn"}


def script_of(text: str) -> str:
    """"cyrl" or "latn", whichever letters are more."""
    return "cyrl" if len(_CYRILLIC.findall(text)) > len(_LATIN.findall(text)) else "latn"


def _recase(word: str, out: str) -> str:
    if len(word) > 1 and word.isupper():
        return out.upper()
    return out[:1].upper() + out[1:] if word[:1].isupper() else out


def kazakh_latin_to_cyrillic(text: str) -> str:
    def word(m: re.Match) -> str:
        w = m.group(0)
        low = w.replace("I", "ı").replace("İ", "i").lower()  # Kazakh I is the dotless ı (і)
        for a, b in _KK_DIGRAPHS:
            low = low.replace(a, b)
        return _recase(w, low.translate(_KK_LETTERS))
    return _LATIN_WORD.sub(word, text)


def uzbek_cyrillic_to_latin(text: str) -> str:
    def word(m: re.Match) -> str:
        w = m.group(0)
        low = w.lower()
        out = ("ye" + low[1:] if low.startswith("е") else low)
        return _recase(w, "".join(_UZ_LETTERS.get(c, c) for c in out))
    return _CYRILLIC_WORD.sub(word, text)


def for_the_model(text: str, language: str | None) -> str:
    """``text`` in the script multilingual-e5 reads best for its language (module docstring)."""
    if language == "kk" and script_of(text) == "latn":
        return kazakh_latin_to_cyrillic(text)
    if language == "uz" and script_of(text) == "cyrl":
        return uzbek_cyrillic_to_latin(text)
    return text
