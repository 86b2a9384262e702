"""Whole-word term matching for English, Russian and Latin Central Asian spellings.

One matcher serves relevance, alert rules and the entity gazetteer. Cyrillic words are
matched with their case endings: the final vowel/й/ь of each word is dropped and up to
three letters may follow ("Токаев" matches "Токаева", "Рогунская ГЭС" matches
"Рогунской ГЭС"). Latin words allow an English plural/possessive ("summit" → "summits").

Matching is token based (a dictionary lookup per word), so thousands of names cost about
as much as a handful: the gazetteer runs at tens of thousands of words per second.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

_CYR = re.compile(r"[а-я]")
_CYR_ENDING = re.compile(r"(ий|ый|ой|ая|яя|ое|ее|ие|ые|[аеиоуыэюяйь])$")
_APOSTROPHES = str.maketrans({"ʻ": "'", "ʼ": "'", "’": "'", "‘": "'", "`": "'"})
_TOKEN = re.compile(r"[^\s,.;:!?()\[\]{}«»\"“”„/|–—]+")
_EDGE = "'-"
_LATIN_SUFFIXES = ("", "s", "'s", "es", "'")


def fold(text: str) -> str:
    """Lower-case, unify apostrophes and ё, so spellings compare equal."""
    return text.translate(_APOSTROPHES).replace("ё", "е").replace("Ё", "Е").lower()


def _tokens(text: str) -> list[str]:
    return [t.strip(_EDGE) for t in _TOKEN.findall(fold(text)) if t.strip(_EDGE)]


def _key(word: str) -> tuple[str, bool]:
    """(lookup key, is_cyrillic_stem) of one name word."""
    if _CYR.search(word) and len(word) > 4:
        return _CYR_ENDING.sub("", word), True
    return word, bool(_CYR.search(word))


def _word_matches(pattern: tuple[str, bool], word: str) -> bool:
    key, cyr = pattern
    if cyr:
        rest = word[len(key):]
        return word.startswith(key) and len(rest) <= 3 and all("а" <= c <= "я" for c in rest)
    return any(word == key + s for s in _LATIN_SUFFIXES) if key[-1:].isalpha() else word == key


def _lookup_keys(word: str) -> Iterable[str]:
    yield word
    if _CYR.search(word):
        for i in (1, 2, 3):
            if len(word) - i >= 1:
                yield word[:-i]
    else:
        for s in _LATIN_SUFFIXES[1:]:
            if word.endswith(s) and len(word) > len(s):
                yield word[: -len(s)]


class TermMatcher:
    """Find which of many labelled terms occur in a text (whole words, inflection aware)."""

    def __init__(self, terms: Mapping[str, Iterable[str]] | Iterable[str]):
        if not isinstance(terms, Mapping):
            terms = {t: [t] for t in terms}
        # first-word key -> [(label, [word patterns])], longest names first
        self._index: dict[str, list[tuple[str, list[tuple[str, bool]]]]] = {}
        for label, names in terms.items():
            for name in names:
                words = _tokens(name)
                if words:
                    pats = [_key(w) for w in words]
                    self._index.setdefault(pats[0][0], []).append((label, pats))
        for entries in self._index.values():
            entries.sort(key=lambda e: -len(e[1]))

    def _match_at(self, toks: list[str], i: int) -> tuple[str, int] | None:
        best: tuple[str, int] | None = None
        for key in set(_lookup_keys(toks[i])):
            for label, pats in self._index.get(key, ()):
                n = len(pats)
                if i + n <= len(toks) and all(_word_matches(p, toks[i + j]) for j, p in enumerate(pats)):
                    if best is None or n > best[1]:
                        best = (label, n)
                    break  # entries are longest first
        return best

    def counts(self, text: str) -> dict[str, int]:
        toks = _tokens(text)
        out: dict[str, int] = {}
        i = 0
        while i < len(toks):
            m = self._match_at(toks, i)
            if m is None:
                i += 1
                continue
            label, n = m
            out[label] = out.get(label, 0) + 1
            # Names nested in a longer one count too: "National Bank of Kazakhstan" also names Kazakhstan.
            inner = set()
            for j in range(i + 1, i + n):
                sub = self._match_at(toks[: i + n], j)
                if sub and sub[0] != label:
                    inner.add(sub[0])
            for k in inner:
                out[k] = out.get(k, 0) + 1
            i += n
        return out

    def labels(self, text: str) -> set[str]:
        return set(self.counts(text))
