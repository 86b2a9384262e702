"""Parse RSS 2.0 / RSS 1.0 / Atom feeds and (news) sitemaps into entries, safely.

The XML parser never resolves entities or touches the network; a document that declares
entities (the XXE / billion-laughs shape) is refused outright.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import unescape
from html.entities import name2codepoint
from urllib.parse import urljoin

from lxml import etree
from scrapy.utils.gz import gunzip


class FeedError(ValueError):
    def __init__(self, kind: str, message: str):
        super().__init__(message)
        self.kind = kind  # "malformed_feed" | "hostile_feed" | "not_a_feed"


@dataclass
class Entry:
    url: str
    title: str | None = None
    published: str | None = None
    authors: list[str] = field(default_factory=list)
    language: str | None = None


_ENTITY_DECL = re.compile(rb"<!ENTITY", re.I)
# HTML's named entities (&nbsp; &laquo; &mdash;), which XML does not define but Russian-language
# feeds print anyway: written as numeric references before parsing, so no title keeps "&laquo;".
_NAMED_ENTITY = re.compile(rb"&([A-Za-z][A-Za-z0-9]{1,31});")
_XML_ENTITIES = {b"amp", b"lt", b"gt", b"quot", b"apos"}


def _numeric_entities(body: bytes) -> bytes:
    def sub(m: re.Match[bytes]) -> bytes:
        name = m.group(1)
        cp = None if name in _XML_ENTITIES else name2codepoint.get(name.decode("ascii"))
        return b"&#%d;" % cp if cp else m.group(0)
    return _NAMED_ENTITY.sub(sub, body)


def _parse_xml(body: bytes):
    head = body[:20000]
    if _ENTITY_DECL.search(head):
        raise FeedError("hostile_feed", "feed declares XML entities (possible XXE); refused")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=True, huge_tree=False,
                             load_dtd=False, remove_comments=True)
    try:
        root = etree.fromstring(_numeric_entities(body.lstrip()), parser=parser)
    except etree.XMLSyntaxError as exc:
        raise FeedError("malformed_feed", f"feed is not XML: {exc}") from exc
    if root is None:
        raise FeedError("malformed_feed", "feed is empty or not XML")
    return root, len(parser.error_log) > 0


def _local(tag) -> str:
    return etree.QName(tag).localname.lower() if isinstance(tag, str) else ""


def _child(el, *names: str):
    for c in el:
        if _local(c.tag) in names:
            return c
    return None


def _text(el, *names: str) -> str | None:
    c = _child(el, *names)
    if c is None:
        return None
    t = "".join(c.itertext()).strip()
    return t or None


def _prose(el, *names: str) -> str | None:
    """A title or a name: entities a CDATA section kept escaped ("&laquo;") are read (never for URLs:
    "?a=1&copy=2" is a query, not "©")."""
    t = _text(el, *names)
    return unescape(t) if t and "&" in t else t


def parse_feed(body: bytes) -> tuple[list[Entry], bool]:
    """Entries of an RSS or Atom feed, and whether the XML needed repairs."""
    root, repaired = _parse_xml(body)
    kind = _local(root.tag)
    entries: list[Entry] = []
    if kind in ("rss", "rdf"):
        items = [el for el in root.iter() if _local(el.tag) == "item"]
        for it in items:
            link = _text(it, "link")
            guid = _child(it, "guid")
            if not link and guid is not None and (guid.get("isPermaLink", "true") != "false"):
                link = (guid.text or "").strip()
            if not link:
                continue
            authors = [a for a in (_prose(it, "creator"), _prose(it, "author")) if a]
            entries.append(Entry(url=link, title=_prose(it, "title"),
                                 published=_text(it, "pubdate", "date", "published"), authors=authors))
    elif kind == "feed":
        for it in root:
            if _local(it.tag) != "entry":
                continue
            link = None
            for l in it:
                if _local(l.tag) == "link" and l.get("rel", "alternate") == "alternate" and l.get("href"):
                    link = l.get("href").strip()
                    if l.base:  # xml:base ("https://x.kz/news/" + "c.html")
                        link = urljoin(l.base, link)
                    break
            if not link:
                continue
            authors = [n for a in it if _local(a.tag) == "author" for n in [_prose(a, "name")] if n]
            entries.append(Entry(url=link, title=_prose(it, "title"),
                                 published=_text(it, "published", "issued", "updated"), authors=authors))
    else:
        raise FeedError("not_a_feed", f"expected RSS or Atom, got <{kind}>")
    if repaired and not entries:
        raise FeedError("malformed_feed", "feed XML is broken and no entries could be recovered")
    return entries, repaired


def parse_sitemap(body: bytes) -> tuple[list[Entry], list[str], bool]:
    """(article entries, child sitemap URLs, repaired) of a sitemap, news sitemap or sitemap index."""
    root, repaired = _parse_xml(body)
    kind = _local(root.tag)
    entries, children = [], []
    if kind == "sitemapindex":
        children = [t for sm in root if _local(sm.tag) == "sitemap" for t in [_text(sm, "loc")] if t]
    elif kind == "urlset":
        for u in root:
            if _local(u.tag) != "url":
                continue
            loc = _text(u, "loc")
            if not loc:
                continue
            news = _child(u, "news")
            title = published = lang = None
            if news is not None:
                title = _prose(news, "title")
                published = _text(news, "publication_date")
                pub = _child(news, "publication")
                lang = _text(pub, "language") if pub is not None else None
            entries.append(Entry(url=loc, title=title, published=published or _text(u, "lastmod"), language=lang))
    else:
        raise FeedError("not_a_feed", f"expected a sitemap, got <{kind}>")
    if repaired and not entries and not children:
        raise FeedError("malformed_feed", "sitemap XML is broken and nothing could be recovered")
    return entries, children, repaired


def parse_document(body: bytes, kind: str, max_bytes: int) -> tuple[list[Entry], list[str], bool]:
    """(entries, child sitemaps, repaired) of a feed (``rss``: RSS/Atom) or a sitemap (``sitemap``:
    urlset, news sitemap or index). Gzipped bodies (``sitemap.xml.gz``) are inflated up to ``max_bytes``."""
    if body[:2] == b"\x1f\x8b":
        try:
            body = gunzip(body, max_size=max_bytes)
        except ValueError as exc:  # scrapy's max-size error is a ValueError
            raise FeedError("feed_too_large", f"gzipped feed inflates past {max_bytes} bytes") from exc
        except (OSError, EOFError) as exc:
            raise FeedError("malformed_feed", f"broken gzip: {exc}") from exc
    if kind == "sitemap":
        return parse_sitemap(body)
    entries, repaired = parse_feed(body)
    return entries, [], repaired
