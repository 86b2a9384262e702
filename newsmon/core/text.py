"""Text helpers every layer agrees on."""

from __future__ import annotations

import hashlib


def content_hash(text: str) -> str:
    """sha256 of the text with case and whitespace folded: the exact-duplicate key of an article body."""
    norm = " ".join(text.lower().split())
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()


# Names in Russian, Kazakh, Kyrgyz, Uzbek and Tajik Cyrillic and in the Latin alphabets of the region, one Latin spelling.
_TRANSLIT = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюяқғүұөһңўәіҳӣӯҷ",
                     ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r",
                      "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya", "k", "g",
                      "u", "u", "o", "h", "n", "u", "a", "i", "h", "i", "u", "zh"]))
_LATIN_FOLD = str.maketrans({"q": "k", "x": "h", "j": "zh", "w": "v", "'": None, "’": None, "ʻ": None, "ʼ": None,
                             "-": None, "é": "e", "ü": "u", "ö": "o", "ç": "ch", "ş": "sh", "ğ": "g", "ı": "i",
                             "ä": "a", "ň": "n", "ž": "zh", "ý": "y", "ñ": "n", "ū": "u"})


def translit(word: str) -> str:
    """One Latin spelling for Cyrillic and Latin names: Шахтинск/Shakhtinsk → shakhtinsk, Qarmet/Кармет → karmet."""
    w = "".join(_TRANSLIT.get(c, c) for c in word.lower())
    return w.translate(_LATIN_FOLD).replace("kh", "h")
