"""Page metadata: JSON-LD (schema.org NewsArticle), OpenGraph/meta tags, <time>, canonical link."""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from typing import Any

ARTICLE_TYPES = {"newsarticle", "article", "reportagenewsarticle", "blogposting", "analysisnewsarticle",
                 "opinionnewsarticle", "backgroundnewsarticle", "webpage", "liveblogposting"}


@dataclass
class PageMeta:
    jsonld: dict[str, Any] = field(default_factory=dict)
    meta: dict[str, str] = field(default_factory=dict)  # lower-cased name/property -> content (first wins)
    canonical: str | None = None
    html_lang: str | None = None
    h1: str | None = None
    title_tag: str | None = None
    time_tags: list[tuple[str, str]] = field(default_factory=list)  # (datetime attr, context class/itemprop)

    def declares_article(self) -> bool:
        """The page says it is an article: a JSON-LD article type (not a bare WebPage), og:type
        article or an article:published_time."""
        return bool(self.jsonld and _types(self.jsonld) & (ARTICLE_TYPES - {"webpage"})) or \
            self.meta.get("og:type", "").lower() == "article" or "article:published_time" in self.meta


def _walk_jsonld(node: Any):
    if isinstance(node, list):
        for x in node:
            yield from _walk_jsonld(x)
    elif isinstance(node, dict):
        yield node
        for key in ("@graph", "mainEntity", "mainEntityOfPage"):
            if isinstance(node.get(key), (dict, list)):
                yield from _walk_jsonld(node[key])


def _types(node: dict) -> set[str]:
    t = node.get("@type", [])
    return {x.lower() for x in (t if isinstance(t, list) else [t]) if isinstance(x, str)}


def _load_jsonld(raw: str) -> Any:
    raw = raw.strip().removeprefix("<!--").removesuffix("-->").strip()
    try:
        return json.loads(raw)
    except json.JSONDecodeError:
        # Common breakage: raw newlines/tabs inside strings.
        try:
            return json.loads(re.sub(r"[\r\n\t]+", " ", raw))
        except json.JSONDecodeError:
            return None


_ENTITY = re.compile(r"&(?:#\d{2,6}|#x[0-9a-fA-F]{2,6}|[a-zA-Z]{2,8});")


def unescape(value: Any) -> Any:
    """Strings with character references left in them (WordPress writes "&#8217;" and "&quot;" into
    JSON-LD, some CMSs escape meta content twice) as text; lists and objects walked through."""
    if isinstance(value, str):
        return html.unescape(value) if _ENTITY.search(value) else value
    if isinstance(value, list):
        return [unescape(x) for x in value]
    if isinstance(value, dict):
        return {k: unescape(v) for k, v in value.items()}
    return value


def read_meta(root) -> PageMeta:
    pm = PageMeta()
    best: tuple[int, dict] | None = None
    for script in root.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json":
            continue
        data = _load_jsonld(script.text or "")
        for node in _walk_jsonld(data):
            types = _types(node)
            if types & ARTICLE_TYPES:
                rank = 0 if types - {"webpage"} else 1
                if best is None or rank < best[0]:
                    best = (rank, node)
    if best:
        pm.jsonld = unescape(best[1])
    for m in root.iter("meta"):
        key = (m.get("property") or m.get("name") or m.get("itemprop") or "").strip().lower()
        val = unescape((m.get("content") or "").strip())
        if key and val and key not in pm.meta:
            pm.meta[key] = val
    for link in root.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split() and link.get("href"):
            pm.canonical = link.get("href").strip()
            break
    html_el = root if root.tag == "html" else root.getroottree().getroot()
    pm.html_lang = (html_el.get("lang") or html_el.get("xml:lang") or "").split("-")[0].lower() or None
    h1s = [" ".join(h.text_content().split()) for h in root.iter("h1")]
    pm.h1 = next((h for h in h1s if len(h) > 8), h1s[0] if h1s else None)
    t = root.find(".//title")
    pm.title_tag = " ".join(t.text_content().split()) if t is not None else None
    for el in root.iter("time"):
        dt = el.get("datetime")
        if dt:
            ctx = " ".join(filter(None, [el.get("itemprop"), el.get("class"), el.get("pubdate") is not None and "pubdate" or None,
                                         el.getparent().get("class") if el.getparent() is not None else None]))
            pm.time_tags.append((dt, ctx.lower()))
    for el in root.xpath('//*[@itemprop="datePublished"][not(self::meta)]'):
        val = el.get("datetime") or el.get("content")
        if val:
            pm.time_tags.insert(0, (val, "itemprop datepublished"))
    return pm


def jsonld_authors(node: dict) -> list[str]:
    raw = node.get("author") or node.get("creator") or []
    out = []
    # Organisations count too: an agency ("Deutsche Presse-Agentur", "AFP") is what tells a wire copy;
    # the publisher naming itself is dropped where people are named (find_authors).
    for a in raw if isinstance(raw, list) else [raw]:
        if isinstance(a, dict):
            name = a.get("name")
        else:
            name = a
        if isinstance(name, str) and name.strip():
            out.append(name.strip())
    return out


def jsonld_publisher(node: dict | None) -> str:
    """The name a JSON-LD node gives its publisher ("" when none)."""
    pub = (node or {}).get("publisher")
    pub = pub[0] if isinstance(pub, list) and pub else pub
    name = pub.get("name") if isinstance(pub, dict) else pub
    return name.strip() if isinstance(name, str) else ""
