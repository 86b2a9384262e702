"""Whole-word term matching for English, Russian and Latin Central Asian spellings.

One matcher serves relevance, alert rules and the entity gazetteer. Cyrillic words are
matched with their case endings: the final vowel/й/ь of each word is dropped and up to
three letters may follow ("Токаев" matches "Токаева", "Рогунская ГЭС" matches
"Рогунской ГЭС"). Latin words allow an English plural/possessive ("summit" → "summits").
In Kazakh or Uzbek text (``turkic=True``) a word may also carry up to two case, plural or
possessive endings ("sammitida" → "sammit", "Тоқаевтың" → "Тоқаев"; core/turkic.py).

Matching is token based (a dictionary lookup per word), so thousands of names cost about
as much as a handful: the gazetteer runs at tens of thousands of words per second.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import NamedTuple

from newsmon.core.turkic import cut_endings

_CYR = re.compile(r"[а-я]")
_CYR_ENDING = re.compile(r"(ий|ый|ой|ая|яя|ое|ее|ие|ые|[аеиоуыэюяйь])$")
_APOSTROPHES = str.maketrans({"ʻ": "'", "ʼ": "'", "’": "'", "‘": "'", "`": "'"})
_TOKEN = re.compile(r"[^\s,.;:!?()\[\]{}«»\"“”„/|–—]+")
_EDGE = "'-"
_LATIN_SUFFIXES = ("", "s", "'s", "es", "'")
# Turkish and Azerbaijani write a name's case ending after an apostrophe: "Bişkek'te", "Kırgızistan'ın".
_APOSTROPHE_SUFFIX = re.compile(r"'[a-zçğıöşüəâîû]{1,5}$")


def fold(text: str) -> str:
    """Lower-case, unify apostrophes and ё, so spellings compare equal."""
    return text.translate(_APOSTROPHES).replace("ё", "е").replace("Ё", "Е").lower()


def _tokens(text: str) -> list[str]:
    return [t.strip(_EDGE) for t in _TOKEN.findall(fold(text)) if t.strip(_EDGE)]


def _token_spans(text: str) -> list[tuple[str, int, int]]:
    """The tokens of ``_tokens(text)`` with their (start, end) offsets in the unfolded ``text``."""
    folded = fold(text)
    whole = len(folded) == len(text)  # folding kept every offset (unless a letter lower-cases to two)
    out = []
    for m in _TOKEN.finditer(folded if whole else text):
        t = m.group() if whole else fold(m.group())
        s = t.strip(_EDGE)
        if s:  # the edge characters fold one to one, so the offsets carry over
            out.append((s, m.start() + len(t) - len(t.lstrip(_EDGE)), m.end() - len(t) + len(t.rstrip(_EDGE))))
    return out


class Match(NamedTuple):
    """One name found in a text: its label, character span, length in words, and whether it sits
    inside a longer name ("Kazakhstan" in "National Bank of Kazakhstan")."""
    label: str
    start: int
    end: int
    words: int
    nested: bool


def _key(word: str, min_len: int = 5) -> tuple[str, bool]:
    """(lookup key, is_cyrillic_stem) of one name word. Words shorter than ``min_len`` keep their
    ending: a short first word would match too much alone; after the first word of a name a
    four-letter word declines too ("Аральское море" → "Аральского моря")."""
    if _CYR.search(word) and len(word) >= min_len:
        return _CYR_ENDING.sub("", word), True
    return word, bool(_CYR.search(word))


def _word_matches(pattern: tuple[str, bool], word: str) -> bool:
    key, cyr = pattern
    if cyr:
        rest = word[len(key):]
        return word.startswith(key) and len(rest) <= 3 and all("а" <= c <= "я" for c in rest)
    if not key[-1:].isalpha():
        return word == key
    return any(word == key + s for s in _LATIN_SUFFIXES) or word.startswith(key) and bool(_APOSTROPHE_SUFFIX.fullmatch(word[len(key):]))


# A Russian adjective made from a town's name: «Самаркандского», «Карагандинская», «Ошский», «Марыйская» (Мары).
RU_ADJECTIVE = re.compile(r"(?:ин|ен|й)?ск(?:ий|ого|ому|им|ом|ая|ой|ую|ое|ие|их|ими)$")


def _adjective_matches(pattern: tuple[str, bool], word: str) -> bool:
    key, cyr = pattern
    return cyr and word.startswith(key) and bool(RU_ADJECTIVE.fullmatch(word[len(key):]))


def _lookup_keys(word: str) -> Iterable[str]:
    yield word
    if _CYR.search(word):
        for i in (1, 2, 3):
            if len(word) - i >= 1:
                yield word[:-i]
        adj = RU_ADJECTIVE.search(word)
        if adj and adj.start() >= 2:
            yield word[:adj.start()]
    else:
        for s in _LATIN_SUFFIXES[1:]:
            if word.endswith(s) and len(word) > len(s):
                yield word[: -len(s)]
        suffix = _APOSTROPHE_SUFFIX.search(word)
        if suffix and suffix.start() >= 2:
            yield word[:suffix.start()]


class TermMatcher:
    """Find which of many labelled terms occur in a text (whole words, inflection aware)."""

    def __init__(self, terms: Mapping[str, Iterable[str]] | Iterable[str], cased: Iterable[str] = (),
                 never: Mapping[str, Iterable[str]] | None = None, adjectives: Iterable[str] = ()):
        """``cased``: labels whose names count only when written with a capital (proper nouns that are
        also common words somewhere: the town Issiq and Uzbek "issiq", hot). ``never``: per label, words
        its names would reach by their endings that are other words (Uzbek «душанба», Monday, is not
        «Душанбе», even at the start of a sentence). ``adjectives``: labels whose one-word Russian names
        also match as adjectives, capitalised («Самаркандского» медуниверситета, «Ошский» рынок)."""
        if not isinstance(terms, Mapping):
            terms = {t: [t] for t in terms}
        self._cased = frozenset(cased)
        self._adjectives = frozenset(adjectives)  # labels whose one-word names also match as Russian adjectives
        self._never = {label: frozenset(fold(w) for w in words) for label, words in (never or {}).items()}
        # first-word key -> [(label, [word patterns])], longest names first
        self._index: dict[str, list[tuple[str, list[tuple[str, bool]]]]] = {}
        self._words: dict[str, set[tuple[str, bool]]] = {}  # key -> patterns of every name word
        for label, names in terms.items():
            for name in names:
                words = _tokens(name)
                if words:
                    pats = [_key(w, 5 if j == 0 else 4) for j, w in enumerate(words)]
                    self._index.setdefault(pats[0][0], []).append((label, pats))
                    for p in pats:
                        self._words.setdefault(p[0], set()).add(p)
        self._prefixes = {k[:3] for k in self._words}
        for entries in self._index.values():
            entries.sort(key=lambda e: -len(e[1]))

    def _match_at(self, toks: list[str], i: int) -> tuple[str, int] | None:
        """The longest name starting at token i. Ties go to the name whose first word matched more
        of the token (``Туркменгаз`` is the company, not ``туркмен…`` + 3 letters), then to the
        name listed first: the result never depends on set or hash order (PYTHONHASHSEED)."""
        keys = [k for k in _lookup_keys(toks[i]) if k in self._index]
        if not keys:  # most words start no name
            return None
        best: tuple[str, int] | None = None
        # Longest lookup key first (the whole word, then shorter stems); dict.fromkeys keeps order.
        for key in sorted(dict.fromkeys(keys), key=len, reverse=True):
            for label, pats in self._index.get(key, ()):
                n = len(pats)
                if i + n <= len(toks) and (all(_word_matches(p, toks[i + j]) for j, p in enumerate(pats))
                                           or n == 1 and label in self._adjectives and _adjective_matches(pats[0], toks[i])):
                    if best is None or n > best[1]:
                        best = (label, n)
                    break  # entries are longest first
        return best

    def match_whole(self, text: str) -> str | None:
        """The label of the one name that spans all of ``text`` (``Kyrgyzstan``), else None."""
        toks = _tokens(text)
        m = self._match_at(toks, 0) if toks else None
        return m[0] if m and m[1] == len(toks) else None

    def _is_name_word(self, word: str) -> bool:
        return any(_word_matches(p, word) for k in _lookup_keys(word) for p in self._words.get(k, ()))

    def _turkic_word(self, word: str) -> str:
        """``word``, or the name word it is with Kazakh/Uzbek endings cut off."""
        if word[:3] not in self._prefixes or self._is_name_word(word):
            return word
        return cut_endings(word, self._is_name_word) or word

    def find(self, text: str, turkic: bool = False, hyphens: bool = False) -> list[Match]:
        """Every name in ``text``, left to right; names nested in a longer one are listed after it.
        ``turkic``: the text is Kazakh or Uzbek, so words may carry case endings. ``hyphens``: also the
        names in a hyphenated compound no name matches whole ("Russia-Kazakhstan summit")."""
        spans = _token_spans(text)
        toks = [self._turkic_word(t) if turkic else t for t, _, _ in spans]
        out: list[Match] = []
        i = 0
        while i < len(toks):
            m = self._match_at(toks, i)
            if m is None:
                if hyphens:
                    out.extend(self._hyphen_parts(text, spans[i], turkic))
                i += 1
                continue
            label, n = m
            if self._rejected(label, text, spans[i][1], toks[i]) or (
                    n == 1 and label in self._adjectives and not text[spans[i][1]].isupper()
                    and not self._is_name_word(toks[i])):
                # an adjective counts only capitalised, as a proper name's first word («Самаркандский
                # медуниверситет»); «астанинский «Барыс»» describes a club, «ташкентский плов» a dish
                i += 1
                continue
            out.append(Match(label, spans[i][1], spans[i + n - 1][2], n, False))
            # Names nested in a longer one count too: "National Bank of Kazakhstan" also names Kazakhstan.
            inner: dict[str, Match] = {}  # ordered: the output never depends on hash order
            for j in range(i + 1, i + n):
                sub = self._match_at(toks[: i + n], j)
                if sub and sub[0] != label and sub[0] not in inner and not self._rejected(sub[0], text, spans[j][1], toks[j]):
                    inner[sub[0]] = Match(sub[0], spans[j][1], spans[j + sub[1] - 1][2], sub[1], True)
            out.extend(inner.values())
            i += n
        return out

    def _hyphen_parts(self, text: str, span: tuple[str, int, int], turkic: bool) -> list[Match]:
        """A hyphenated compound no name matches whole ("Russia-Kazakhstan summit", "Kyrgyz-Tajik border"):
        its capitalised parts, each matched as a one-word name."""
        token, start, _ = span
        if "-" not in token:
            return []
        out, pos = [], start
        for part in token.split("-"):
            if len(part) >= 3 and part.isalpha() and text[pos:pos + 1].isupper():
                word = self._turkic_word(part) if turkic else part
                m = self._match_at([word], 0)
                if m is not None and m[1] == 1 and not self._rejected(m[0], text, pos, word):
                    out.append(Match(m[0], pos, pos + len(part), 1, False))
            pos += len(part) + 1
        return out

    def _rejected(self, label: str, text: str, start: int, token: str) -> bool:
        """A name of a ``cased`` label written in lower case, or a ``never`` word: another word, not the name."""
        return label in self._cased and not text[start].isupper() or token in self._never.get(label, ())

    def counts(self, text: str, turkic: bool = False) -> dict[str, int]:
        out: dict[str, int] = {}
        for m in self.find(text, turkic):
            out[m.label] = out.get(m.label, 0) + 1
        return out

    def labels(self, text: str, turkic: bool = False) -> set[str]:
        return set(self.counts(text, turkic))
