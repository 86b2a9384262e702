"""Turn one decoded HTML page into a clean Article (title, body, date, authors, language)."""

from __future__ import annotations

import copy
import difflib
import re
from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, tzinfo
from typing import Any

import trafilatura
from lxml import etree

from newsmon.core.language import detect_language
from newsmon.core.text import content_hash

from . import dates as d
from .clutter import NEVER_PROSE, class_tokens, is_clutter_line, is_strong_removal, parse_html, strip_clutter
from .metadata import PageMeta, jsonld_authors, jsonld_publisher, read_meta
from .urls import normalize_url, same_site


class NoArticle(ValueError):
    """The page holds no article (an index page, an error page, an empty shell)."""


@dataclass
class Hints:
    """What the feed/sitemap entry said about the page (used when the page itself is silent)."""

    title: str | None = None
    published: str | None = None
    authors: list[str] = field(default_factory=list)
    language: str | None = None
    timezone: str | None = None


@dataclass
class Article:
    url: str
    canonical_url: str
    title: str
    text: str
    published_at: str | None  # UTC ISO 8601 "2026-11-21T09:05:00Z"
    date_precision: str | None  # "minute" | "day" | None
    date_method: str | None
    authors: list[str]
    language: str | None
    content_hash: str
    source: str | None = None
    fetched_at: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


MIN_BODY_CHARS = 250
# A news brief ("An earthquake of magnitude 4.6 struck … No damage was reported.") is shorter: taken
# when the page declares itself an article (JSON-LD article type, og:type article, a published time)
# and the text holds a whole sentence.
MIN_BRIEF_CHARS = 80
_WS = re.compile(r"[ \t\u00a0\u200b]+")
_TOKEN = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"[.!?…][\"'»”“)]*$")
_TITLE_SEP = re.compile(r"\s+[|–—·:\-]\s+")
_DATE_TOKENS = {"date", "time", "published", "pubdate", "posted", "datetime", "meta", "byline", "info",
                "timestamp", "dateline", "article-date", "news-date", "data", "дата"}


def _clean_lines(text: str, title: str | None) -> str:
    out, seen = [], set()
    tkey = (title or "").strip().lower()
    lines = [x for x in (_WS.sub(" ", raw).strip() for raw in text.splitlines()) if x]
    for i, line in enumerate(lines):
        position = "start" if i == 0 else "end" if i >= len(lines) - 2 else "middle"
        if is_clutter_line(line, position) or line.lower() == tkey:
            continue
        if line in seen:  # repeated pull quotes, duplicated leads
            continue
        seen.add(line)
        out.append(line)
    return "\n\n".join(out)


# --- title ---------------------------------------------------------------------------

def _strip_site_suffix(title: str, site_names: set[str]) -> str:
    parts = _TITLE_SEP.split(title)
    if len(parts) > 1:
        last = parts[-1].strip().lower()
        if last in site_names or len(parts[-1]) <= 30 and len(parts[0]) > len(parts[-1]):
            return _TITLE_SEP.split(title, maxsplit=len(parts) - 2)[0].strip() if len(parts) > 2 else parts[0].strip()
    return title.strip()


def pick_title(pm: PageMeta, hints: Hints) -> str:
    site = {s.lower() for s in [pm.meta.get("og:site_name", "")] if s}
    ld = pm.jsonld.get("headline") if isinstance(pm.jsonld.get("headline"), str) else None
    og = pm.meta.get("og:title") or pm.meta.get("twitter:title")
    for cand in (pm.h1,):
        if cand and any(x and cand.lower() in x.lower() for x in (ld, og, pm.title_tag, hints.title)):
            return cand
    for cand in (ld, og and _strip_site_suffix(og, site), pm.h1,
                 pm.title_tag and _strip_site_suffix(pm.title_tag, site), hints.title):
        if cand and cand.strip():
            return " ".join(cand.split())
    return ""


# --- date ----------------------------------------------------------------------------

META_DATE_KEYS = ("article:published_time", "og:article:published_time", "published_time", "pubdate",
                  "publishdate", "publish-date", "publish_date", "date.published", "datepublished",
                  "dc.date.issued", "dcterms.created", "dc.date", "sailthru.date", "parsely-pub-date", "date")


def _date_text(el) -> str | None:
    """The text of an element that looks dated (a date-like class, id or itemprop, or <time>)."""
    if not isinstance(el.tag, str) or not (class_tokens(el, ("class", "id", "itemprop")) & _DATE_TOKENS or el.tag == "time"):
        return None
    txt = " ".join(el.text_content().split())
    return txt if 6 <= len(txt) <= 200 else None


def _date_elements_text(root) -> list[str]:
    return [t for el in root.iter() if (t := _date_text(el))]


def _byline_texts(root) -> list[str]:
    """Dated elements between the headline (the first <h1>) and the story's first long paragraph:
    the byline line, wherever the CMS puts it; never a sidebar's or a related list's dates."""
    texts, seen_h1 = [], False
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        if el.tag == "h1":
            seen_h1 = True
            continue
        if not seen_h1:
            continue
        if len(" ".join((el.text or "").split())) >= 100:
            break  # the story has begun
        if t := _date_text(el):
            texts.append(t)
    return texts


def find_date(pm: PageMeta, clean_root, page_html: str, url: str, hints: Hints, zone: tzinfo,
              root=None) -> d.FoundDate | None:
    """The publication date: machine-readable first (JSON-LD, meta, <time>), then the feed's, then a
    dated element of the cleaned page, then the byline the de-cluttering removed (a CMS's "admin |
    5-12-2026, 10:15 | views: 1 204" line between headline and story, read from ``root``, the page
    before cleaning), then the page's text, the URL, and htmldate last."""
    cands: list[d.FoundDate | None] = []
    if isinstance(pm.jsonld.get("datePublished"), str):
        cands.append(d.parse_machine_date(pm.jsonld["datePublished"], zone, "jsonld"))
    for key in META_DATE_KEYS:
        if key in pm.meta:
            cands.append(d.parse_machine_date(pm.meta[key], zone, "meta"))
            break
    for value, ctx in pm.time_tags:
        if not any(w in ctx for w in ("modif", "updat", "edited")):
            cands.append(d.parse_machine_date(value, zone, "time-tag"))
            break
    if hints.published:
        feed_date = d.parse_machine_date(hints.published, zone, "feed") or d.parse_visible_date(hints.published, zone)
        if feed_date is not None:
            cands.append(d.FoundDate(feed_date.value, feed_date.precision, "feed"))
    visible = [f for txt in _date_elements_text(clean_root)
               if not any(w in txt.lower() for w in ("updated", "обновлено", "изменено", "дополнен"))
               for f in [d.parse_visible_date(txt, zone)] if f]
    if root is not None and not any(f.precision == d.MINUTE for f in visible):
        visible += [f for txt in _byline_texts(root) for f in [d.parse_visible_date(txt, zone)] if f]
    if not any(f.precision == d.MINUTE for f in visible):
        page_text = " ".join(clean_root.text_content().split())
        visible += [f for f in [d.parse_visible_date(page_text, zone)] if f]
    visible.sort(key=lambda f: f.precision != d.MINUTE)  # keep order, minute-precise first
    cands.extend(visible[:1])
    cands.append(d.date_from_url(url))
    found = [c for c in cands if c is not None]
    if not found:
        return _htmldate(page_html, url)
    first = found[0]
    if first.precision == d.DAY:
        # Keep the day from the best source, take the minute from another that agrees on it.
        for c in found[1:]:
            if c.precision == d.MINUTE and abs((c.value - first.value).total_seconds()) <= 36 * 3600:
                return c
    return first


def _htmldate(page_html: str, url: str) -> d.FoundDate | None:
    try:
        from htmldate import find_date as hd_find

        day = hd_find(page_html, url=url, original_date=True, extensive_search=False, outputformat="%Y-%m-%d")
    except Exception:  # htmldate raises on odd markup; a missing date is recorded instead
        return None
    if not day:
        return None
    return d.FoundDate(datetime.strptime(day, "%Y-%m-%d").replace(tzinfo=UTC), d.DAY, "htmldate")


# --- authors -------------------------------------------------------------------------

_BYLINE = re.compile(r"^\s*(?:by|written by|автор(?:ы)?\s*:?|текст\s*:|author\s*:|posted by)\s+(.+)$", re.I)
_SPLIT_NAMES = re.compile(r"\s*(?:,|;|&|\b(?:and|und|og|et|y|va|и|та|және|мен)\b)\s*")
# Around a name in a byline or a JSON-LD author: "Von Seb Dumitru", "Elena Oberholzer (obe)",
# "Sarah LazareTwitter" (a profile link's text run into the name).
_NAME_PREFIX = re.compile(r"^(by|von|par|por|di|door|av|от|автор(ы)?|autor(in)?|auteur|autore|author|written by|text|текст|muallif)\b\s*:?\s+", re.I)
_NAME_SUFFIX = re.compile(r"\s*\([\w.]{1,6}\)$|(?<=[a-zа-яё])(Twitter|Facebook|Instagram|LinkedIn|Email|Telegram)$")
_NOT_NAME = re.compile(r"\d|@|https?:|\b(min read|мин|read|updated|published|staff|редакция|admin|добавил)\b", re.I)
_NAME = re.compile(r"^[A-ZА-ЯЁ][\w'’.-]+(?:\s+[A-ZА-ЯЁ][\w'’.-]+){0,3}$")
_CALENDAR = re.compile(r"^(mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|"
                       r"пн|вт|ср|чт|пт|сб|вс|понедельник|вторник|среда|четверг|пятница|суббота|воскресенье|"
                       r"today|yesterday|сегодня|вчера)\w*\.?$", re.I)
# News agencies often credited in a byline in lower case or as an acronym ("…, dpa", "AFP/Reuters").
_AGENCIES = {"dpa", "afp", "ap", "reuters", "apa", "sda", "ansa", "efe", "epd", "kna", "anp", "tass", "ria", "interfax",
             "xinhua", "kyodo", "yonhap", "anadolu", "bloomberg", "belga", "ctk", "pap", "mti", "upi"}
_BYLINE_CLASSES = ("author", "byline", "submitted", "field--name-uid", "writer", "avtor")


def _names(part: str) -> list[str]:
    # A byline running into the date ("Nodira Yusupova Nov 19, 2026"): cut at the first digit/month.
    part = re.split(r"\s+(?=(?:\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*\.?\s*\d)", part, maxsplit=1, flags=re.I)[0]
    m = _BYLINE.match(part)
    if m:
        part = m.group(1)
    names = [n.strip(" .,") for n in _SPLIT_NAMES.split(part) if n.strip(" .,")]
    return [n for n in names if 2 <= len(n) <= 60 and not _NOT_NAME.search(n) and _NAME.match(n) and not _CALENDAR.match(n)]


def _split_names(s: str) -> list[str]:
    """People named in a byline; the first separator-delimited part that holds names wins."""
    for part in re.split(r"\s*[|/•·]\s*|\s+[-–—]\s+", s.strip()):
        names = _names(part)
        if names:
            return names
    return []


def _byline_elements(root):
    cond = " or ".join(f'contains(@class,"{c}")' for c in _BYLINE_CLASSES)
    yield from root.xpath(f'//*[@rel="author" or @itemprop="author" or {cond}]')
    # Text bylines anywhere: "Текст: Дильноза Каримова", "Written by Rustam Karimov".
    for el in root.iter("p", "div", "span", "em", "strong"):
        txt = " ".join(el.text_content().split())
        if len(txt) <= 80 and _BYLINE.match(txt) and not len(el):
            yield el


def find_authors(pm: PageMeta, root, hints: Hints) -> list[str]:
    names = jsonld_authors(pm.jsonld) if pm.jsonld else []
    if not names:
        meta_author = pm.meta.get("author") or pm.meta.get("article:author") or pm.meta.get("sailthru.author")
        if meta_author and not meta_author.startswith("http"):
            names = _split_names(meta_author)
    if not names:
        for el in _byline_elements(root):
            txt = " ".join(el.text_content().split())
            cand = _split_names(txt) if len(txt) <= 120 else []
            if cand:
                names = cand
                break
    if not names and hints.authors:
        names = [n for a in hints.authors for n in _split_names(a)]
    seen: list[str] = []
    for n in (part for name in names for part in _clean_name(name)):
        if n and n not in seen:
            seen.append(n)
    # The publisher's own name is no author beside the people it names; alone, it is the byline.
    site = {x.lower() for x in (pm.meta.get("og:site_name"), jsonld_publisher(pm.jsonld)) if x}
    people = [n for n in seen if n.lower() not in site]
    return people or seen


def _clean_name(name: str) -> list[str]:
    """One author field as people: prefixes and profile-link residue off, and a field that names
    several people ("Felix Schröder und Jörg Soldwisch, dpa") split when two or more are names."""
    n = _NAME_SUFFIX.sub("", _NAME_PREFIX.sub("", " ".join(name.split()))).strip(" ,;")
    people = _names(n)
    if len(people) < 2:
        return [n]
    # A news agency credited beside the people keeps its place ("…, dpa"): it tells a wire copy.
    parts = [a.strip(" .") for a in _SPLIT_NAMES.split(n)]
    return people + [a for a in parts if a.lower() in _AGENCIES and a not in people]


# --- body ----------------------------------------------------------------------------

_BODY_HINTS = ('[@itemprop="articleBody"]', '[contains(@class,"article-body")]', '[contains(@class,"article__body")]',
               '[contains(@class,"entry-content")]', '[contains(@class,"post-content")]', '[contains(@class,"article__text")]',
               '[contains(@class,"article-text")]', '[contains(@class,"news-text")]', '[contains(@class,"story-body")]',
               '[contains(@class,"detail-text")]', '[contains(@class,"content-text")]', '[contains(@class,"text-content")]')


_BLOCKS = ("p", "h2", "h3", "h4", "li", "blockquote", "pre")  # pre: code and preformatted text


def _paragraphs(el) -> list[str]:
    """Block-level paragraphs of a container; <br><br>-separated text when it has no blocks."""
    blocks = [b for b in el.iter(*_BLOCKS) if not any(a.tag in _BLOCKS for a in b.iterancestors() if a is not el)]
    if blocks:
        return [t for t in (" ".join(b.text_content().split()) for b in blocks) if t]
    el = copy.deepcopy(el)
    for br in el.iter("br"):
        br.tail = "\n" + (br.tail or "")
    return [" ".join(x.split()) for x in el.text_content().split("\n") if x.strip()]


def _container_text(root) -> str:
    """Paragraphs of the page's article-body container, when the markup names one."""
    for hint in _BODY_HINTS:
        for el in root.xpath(f"//*{hint}"):
            text = "\n".join(_paragraphs(el))
            if len(text) >= MIN_BODY_CHARS:
                return text
    return ""


def _trafilatura(cleaned_html: str, url: str, recall: bool, tables: bool = False) -> str:
    return trafilatura.extract(cleaned_html, url=url, include_comments=False, include_tables=tables, include_images=False,
                               include_links=False, deduplicate=False, favor_recall=recall) or ""


def _jsonld_body(pm: PageMeta, title: str) -> str:
    ld_body = pm.jsonld.get("articleBody") if isinstance(pm.jsonld.get("articleBody"), str) else ""
    if ld_body and "<" in ld_body and ">" in ld_body:
        ld_body = "\n".join(_paragraphs(parse_html(ld_body))) or ld_body
    return _clean_lines(ld_body, title) if ld_body else ""


def _fold(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split()).lower()


_LIST_MARK = re.compile(r"^[-•*–]\s+")


def _fold_para(text: str) -> str:
    """A paragraph folded for comparison across runs: one run prints list items as "- item", another bare."""
    return _LIST_MARK.sub("", _fold(text))


def _paras(text: str) -> list[str]:
    return [p for p in text.split("\n\n") if p.strip()]


@dataclass
class Evidence:
    """What de-cluttering removed: (folded text, why) per node, scripts left out; why is "" for weak
    evidence, "link" for a line that is one link to the same site (another story), "role" otherwise."""

    removed: list[tuple[str, str]] = field(default_factory=list)
    headings: set[str] = field(default_factory=set)  # folded h2–h6 of the de-cluttered page, not links
    description: str = ""  # the page's own summary (meta/og description, JSON-LD description)
    declared: str = ""  # folded JSON-LD articleBody: the text the publisher says is the story
    standfirst: str = ""  # the description as the de-cluttered page prints it (see _printed)

    @classmethod
    def collect(cls, removed, clean_root=None, pm: PageMeta | None = None) -> "Evidence":
        out, weak = [], []
        for el, reason in removed:
            if el.tag in NEVER_PROSE:
                continue
            text = _fold(el.text_content())
            strong = is_strong_removal(el, reason)
            weak += [] if strong else [el]
            if len(text) >= 3:
                out.append((text, "" if not strong else "link" if reason == "link-only" else "role"))
        heads = set()
        for h in clean_root.iter("h2", "h3", "h4", "h5", "h6") if clean_root is not None else ():
            text = _fold(h.text_content())
            linked = sum(len(_fold(a.text_content())) for a in h.iter("a"))
            if 0 < len(text) <= 200 and linked < 0.5 * len(text):
                heads.add(text)
        desc = declared = ""
        if pm is not None:
            ld = pm.jsonld.get("description")
            meta = pm.meta.get("og:description") or pm.meta.get("description") or ""
            desc = _fold(ld if isinstance(ld, str) else meta)
            body = pm.jsonld.get("articleBody")
            declared = _fold(body) if isinstance(body, str) else ""
        roots = ([clean_root] if clean_root is not None else []) + weak
        return cls(out, heads, desc, declared, _printed(roots, desc))

    def clutter(self, para: str, body_len: int, lead: bool = False) -> bool:
        """The paragraph sat in a node removed for its role, and that node was small next to the body,
        unless the page vouches for it (see vouched) and it was no link to another story."""
        f = _fold(para)
        why = {w for text, w in self.removed if w and f in text and len(text) <= max(600, 0.5 * body_len)}
        return "link" in why or bool(why) and not self.vouched(para, lead)

    def vouched(self, para: str, lead: bool) -> bool:
        """The page itself says the paragraph is the story: its JSON-LD articleBody holds it, or, as
        a lead, it restates the page's description (a standfirst in a byline box)."""
        f = _fold(para)
        if len(f) >= 10 and f in self.declared:
            return True
        return lead and len(f) >= 20 and _coverage(f, self.description) >= 0.9 \
            and _coverage(self.description, f) >= 0.9


def _printed(roots: list, desc: str) -> str:
    """The block that prints the page's description: the standfirst, which trafilatura often leaves
    out. One of the two says ≥ 90 % of the other's words and the other ≥ 45 % of its (descriptions
    shorten the standfirst or run on past it); the closest match wins, then the shortest. roots are
    the de-cluttered page and the nodes removed on weak evidence ("teaser", "header", "intro")."""
    if len(desc) < 40:
        return ""
    best, best_score = "", 0.0
    for el in (x for root in roots for x in root.iter()):
        if not isinstance(el.tag, str) or el.tag in NEVER_PROSE:
            continue
        raw = el.text_content()
        if len(raw) < 40 or len(raw) > 4 * len(desc) + 200:
            continue
        text = " ".join(raw.split())
        a, b = _coverage(desc, text), _coverage(text, desc)
        score = min(a, b)
        if max(a, b) >= 0.9 and score >= 0.45 and len(text) <= 2 * len(desc) + 40 \
                and (score > best_score or score == best_score and len(text) < len(best)):
            best, best_score = text, score
    return best


def body_candidates(page_html: str, clean_root, pm: PageMeta, url: str, title: str) -> dict[str, str]:
    """Every body newsmon can build for the page, by origin (empty strings included)."""
    cleaned_html = etree.tostring(clean_root, encoding="unicode", method="html")
    traf = _clean_lines(_trafilatura(cleaned_html, url, recall=False, tables=True), title)
    if len(traf) < MIN_BODY_CHARS:
        traf = max(traf, _clean_lines(_trafilatura(cleaned_html, url, recall=True), title), key=len)
    raw = _clean_lines(_trafilatura(page_html, url, recall=False), title)
    if len(raw) < MIN_BODY_CHARS:  # (a page laid out in tables: the text is in them)
        raw = max(raw, _clean_lines(_trafilatura(page_html, url, recall=True), title),
                  _clean_lines(_trafilatura(page_html, url, recall=False, tables=True), title), key=len)
    return {"container": _clean_lines(_container_text(clean_root), title), "traf_clean": traf, "traf_raw": raw,
            "jsonld": _jsonld_body(pm, title)}


def merge_trafilatura(raw: str, clean: str, ev: Evidence) -> str:
    """trafilatura on the page and on the de-cluttered page, paragraph by paragraph.

    Paragraphs both runs keep stay. One only the raw run kept stays unless de-cluttering removed it
    for its role (a caption, a share bar, a related list) from a node small next to the body; one
    only the de-cluttered run found (text the page's chrome hid from trafilatura) is added.
    """
    R, C = _paras(raw), _paras(clean)
    if not R or not C:
        return raw or clean
    fr, fc = [_fold_para(p) for p in R], [_fold_para(p) for p in C]
    clean_all, raw_all = "\n".join(fc), "\n".join(fr)
    out: list[str] = []
    sm = difflib.SequenceMatcher(a=fr, b=fc, autojunk=False)
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            out += R[i1:i2]
            continue
        for k in range(i1, i2):
            if fr[k] in clean_all or not ev.clutter(R[k], len(raw), lead=k < 3):
                out.append(R[k])
        for k in range(j1, j2):
            if fc[k] not in raw_all:
                out.append(C[k])
    return "\n\n".join(out)


def _coverage(part: str, whole: str) -> float:
    """Share of part's word tokens (with multiplicity) that whole also has."""
    a, b = Counter(_TOKEN.findall(_fold(part))), Counter(_TOKEN.findall(_fold(whole)))
    n = sum(a.values())
    return sum((a & b).values()) / n if n else 0.0


def _filter_by(body: str, declared: str, ev: Evidence) -> str:
    """body's paragraphs that the declared body (JSON-LD articleBody, named container) also holds.

    Kept besides: the page's subheadings (declared bodies often leave them out) and a standfirst
    printed above the declared body: a lead that restates the page's description, or one of the
    first two paragraphs, ahead of any the declared body holds, written as sentences.
    """
    fd = _fold(declared)
    out: list[str] = []
    for i, p in enumerate(_paras(body)):
        f = _fold(p)
        held = f in fd or _coverage(p, declared) >= 0.8
        if held or f in ev.headings \
                or i < 2 and ev.description and len(f) >= 40 and (f in ev.description or ev.description in f) \
                or i < 2 and not out and len(f) >= 100 and _SENTENCE_END.search(f):
            out.append(p)
    return "\n\n".join(out)


def choose_body(c: dict[str, str], ev: Evidence) -> tuple[str, str]:
    """The body, and how it was chosen, from the candidates of body_candidates.

    trafilatura's two runs are merged (merge_trafilatura). A body the publisher declares (JSON-LD
    articleBody, a named body container) that says nothing the merged text does not (≥ 97 % of its
    words are in it) and keeps most of it (≥ 85 %) is the same story without the chrome: the merged
    paragraphs it lacks go. A declared body twice as long that holds the merged text (trafilatura kept
    a teaser or one section of it) replaces it. When trafilatura finds no body, the longest declared
    body stands in; the result is empty only when every candidate is.
    """
    merged = merge_trafilatura(c["traf_raw"], c["traf_clean"], ev)
    declared = [(name, c[name]) for name in ("jsonld", "container") if c[name]]
    if len(merged) < MIN_BODY_CHARS:
        name, best = max([("trafilatura", merged), *declared], key=lambda x: len(x[1]))
        return name, best
    for name, body in declared:
        if len(body) >= 2 * len(merged) and _coverage(merged, body) >= 0.8 or len(body) >= 5 * len(merged):
            return name, body  # trafilatura kept a fragment (a teaser, one section, a bio) of the declared story
        if _coverage(body, merged) >= 0.97 and _coverage(merged, body) >= 0.85:
            return f"trafilatura∩{name}", _filter_by(merged, body, ev)
    return "trafilatura", merged


def with_standfirst(body: str, ev: Evidence, title: str) -> str:
    """The body led by the page's printed standfirst, unless it only restates the title or a
    paragraph of the body already says it."""
    lead = ev.standfirst
    if not lead or not body or _fold(lead) in _fold(body) or _coverage(lead, title) >= 0.9 \
            or any(_coverage(lead, p) >= 0.9 for p in _paras(body)):
        return body
    return f"{lead}\n\n{body}"


def extract_body(page_html: str, clean_root, pm: PageMeta, url: str, title: str, ev: Evidence) -> str:
    """Best body among the candidates (see choose_body), led by the page's standfirst."""
    return with_standfirst(choose_body(body_candidates(page_html, clean_root, pm, url, title), ev)[1], ev, title)


_INDEX_TITLE = re.compile(r"^(tag|tags|category|archive|topic|search|рубрика|тег|метка|архив|поиск|все новости)\b\s*[:|»]", re.I)


def _looks_like_listing(root, pm: PageMeta, title: str, text: str) -> str | None:
    """Index/tag pages: teaser lists of links to other stories, no article metadata."""
    if pm.jsonld.get("@type") or (pm.meta.get("og:type") or "").lower() == "article":
        return None
    if _INDEX_TITLE.match(title):
        return f"index page ({title!r})"
    anchors = {" ".join(a.text_content().split()).lower() for a in root.iter("a")}
    anchors = {a for a in anchors if len(a) >= 20}
    lines = [l.lower() for l in text.split("\n\n") if l.strip()]
    linked = sum(any(l.startswith(a) for a in anchors) for l in lines)
    if linked >= 3 and linked >= 0.3 * len(lines):
        return f"listing page ({linked} of {len(lines)} paragraphs are links to other stories)"
    return None


def min_body_chars(pm: PageMeta, text: str) -> int:
    """The shortest body stored: a brief's on a page that says it is an article, else MIN_BODY_CHARS."""
    brief = pm.declares_article() and re.search(r"\w{3}[.!?…]", text) is not None
    return MIN_BRIEF_CHARS if brief else MIN_BODY_CHARS


def extract_article(page_html: str, url: str, hints: Hints | None = None, source: str | None = None) -> Article:
    """Extract an article from decoded HTML. Raises NoArticle when the page carries none."""
    hints = hints or Hints()
    root = parse_html(page_html)
    pm = read_meta(root)
    clean_root = copy.deepcopy(root)
    ev = Evidence.collect(strip_clutter(clean_root, url), clean_root, pm)
    canonical = url
    if pm.canonical:
        cand = normalize_url(pm.canonical, base=url)
        if same_site(cand, url):
            canonical = cand
    canonical = normalize_url(canonical)
    title = pick_title(pm, hints)
    text = extract_body(page_html, clean_root, pm, url, title, ev)
    if len(text) < min_body_chars(pm, text) or not title:
        raise NoArticle(f"no article body found ({len(text)} chars of text)")
    listing = _looks_like_listing(clean_root, pm, title, text)
    if listing:
        raise NoArticle(listing)
    zone = d.zone_for(url, hints.timezone)
    found = find_date(pm, clean_root, page_html, url, hints, zone, root)
    authors = find_authors(pm, root, hints)
    declared = pm.html_lang or (pm.jsonld.get("inLanguage") if isinstance(pm.jsonld.get("inLanguage"), str) else None)
    language = detect_language(f"{title}\n{text}", fallback=declared or hints.language)
    return Article(
        url=normalize_url(url), canonical_url=canonical, title=title, text=text,
        published_at=found.iso() if found else None,
        date_precision=found.precision if found else None,
        date_method=found.method if found else None,
        authors=authors, language=language, content_hash=content_hash(text), source=source,
    )
