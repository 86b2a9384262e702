"""Whole-word term matching for English, Russian and Latin Central Asian spellings.

One matcher serves relevance, alert rules and the entity gazetteer. Cyrillic words are
matched with their case endings: the final vowel/й/ь of each word is dropped and up to
three letters may follow ("Токаев" matches "Токаева", "Рогунская ГЭС" matches
"Рогунской ГЭС"). Latin words allow an English plural/possessive ("summit" → "summits").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

_CYR = re.compile(r"[а-яё]", re.I)
_CYR_ENDING = re.compile(r"(ий|ый|ой|ая|яя|ое|ее|ие|ые|[аеёиоуыэюяйь])$", re.I)
_APOSTROPHES = str.maketrans({"ʻ": "'", "ʼ": "'", "’": "'", "‘": "'", "`": "'"})


def fold(text: str) -> str:
    """Lower-case, unify apostrophes and ё, so spellings compare equal."""
    return text.translate(_APOSTROPHES).replace("ё", "е").replace("Ё", "Е").lower()


def _word_pattern(word: str) -> str:
    if _CYR.search(word):
        stem = _CYR_ENDING.sub("", word) if len(word) > 4 else word
        return re.escape(stem) + r"[а-я]{0,3}"
    if word[-1:].isalpha():
        return re.escape(word) + r"(?:'?s|es)?"
    return re.escape(word)


def term_pattern(term: str) -> str:
    words = fold(term).split()
    return r"\s+".join(_word_pattern(w) for w in words)


class TermMatcher:
    """Find which of many labelled terms occur in a text (whole words, inflection aware)."""

    def __init__(self, terms: Mapping[str, Iterable[str]] | Iterable[str]):
        if not isinstance(terms, Mapping):
            terms = {t: [t] for t in terms}
        self._label_of: dict[str, str] = {}
        parts = []
        for i, (label, names) in enumerate(terms.items()):
            for j, name in enumerate(names):
                if not name.strip():
                    continue
                group = f"g{i}_{j}"
                self._label_of[group] = label
                parts.append(f"(?P<{group}>{term_pattern(name)})")
        # Longer alternatives first so "Central Bank of Uzbekistan" beats "Uzbekistan".
        parts.sort(key=len, reverse=True)
        body = "|".join(parts) or r"(?!x)x"
        self._re = re.compile(rf"(?<![\w'])(?:{body})(?![\w])", re.IGNORECASE)

    def counts(self, text: str) -> dict[str, int]:
        out: dict[str, int] = {}
        self._count(fold(text), out)
        return out

    def _count(self, folded: str, out: dict[str, int]) -> None:
        for m in self._re.finditer(folded):
            label = self._label_of[m.lastgroup]  # type: ignore[index]
            out[label] = out.get(label, 0) + 1
            # Names nested in a longer one count too: "National Bank of Kazakhstan" also names Kazakhstan.
            words = m.group(0).split(None, 1)
            if len(words) == 2:
                inner: dict[str, int] = {}
                self._count(words[1], inner)
                for k in inner:
                    if k != label:
                        out[k] = out.get(k, 0) + 1

    def labels(self, text: str) -> set[str]:
        return set(self.counts(text))
