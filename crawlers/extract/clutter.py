"""In-body clutter: what plain trafilatura leaves in, removed from the DOM and from text lines.

Layers: DOM nodes whose role is clutter (captions, share bars, related lists, author boxes, ads,
CTAs) — unless they hold the page's running text, which careless class names often wrap; promo
and navigation paragraphs judged by wording and structure (promo.py); then line patterns for what
hides in plain text. strip_clutter reports what it removed and why, so that the extractor can
weigh a paragraph trafilatura kept against the reason it was removed (article.merge_trafilatura).
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

from lxml import etree
from lxml import html as lxml_html

from .promo import promo_kind, signals_of
from .promo_model import second_opinion
from .urls import same_site

# Tags that never hold article prose.
DROP_TAGS = ["script", "style", "noscript", "iframe", "form", "button", "svg", "figcaption",
             "nav", "aside", "footer", "select", "template", "amp-ad", "amp-social-share"]

# class/id fragments (matched as whole tokens split on -_ and spaces) marking clutter blocks.
CLUTTER_TOKENS = {
    "share", "sharing", "social", "related", "relatedposts", "readalso", "read-also", "also", "more",
    "caption", "credit", "credits", "copyright", "advert", "advertisement", "ad", "ads", "adv", "banner",
    "promo", "sponsor", "sponsored", "cookie", "cookies", "consent", "gdpr", "subscribe", "subscription",
    "newsletter", "signup", "comments", "comment", "disqus", "author-box", "authorbox", "bio", "tags", "tag",
    "breadcrumb", "breadcrumbs", "sidebar", "widget", "popular", "mostread", "most-read", "trending",
    "telegram", "follow", "recommend", "recommended", "teaser", "inline-related", "error-report", "typo",
    "paywall", "donate", "rating", "print", "pagination", "meta-share", "toolbar", "nav", "menu", "footer",
    "photo", "gallery", "header", "masthead", "logo", "slogan", "rates", "weather", "today", "views", "latest",
    "counter", "socials", "upd", "updated", "update-note", "subscribe-box", "push", "banner-top",
}
# Tokens that name a role rather than a look: a node removed for one of these is clutter for sure.
# The rest ("more", "teaser", "header", "photo", "widget", "latest", …) also name layouts that hold
# article text, so their removal is weak evidence against a paragraph.
STRONG_TOKENS = {
    "share", "sharing", "social", "socials", "related", "relatedposts", "readalso", "read-also", "caption",
    "credit", "credits", "copyright", "advert", "advertisement", "ad", "ads", "adv", "banner", "promo", "sponsor",
    "sponsored", "cookie", "cookies", "consent", "gdpr", "subscribe", "subscription", "subscribe-box",
    "newsletter", "signup", "comments", "comment", "disqus", "author-box", "authorbox", "bio", "breadcrumb",
    "breadcrumbs", "sidebar", "popular", "mostread", "most-read", "trending", "telegram", "follow", "recommend",
    "recommended", "inline-related", "error-report", "donate", "rating", "print", "pagination", "meta-share",
    "toolbar", "nav", "menu", "footer", "gallery", "logo",
}
_STRONG_TAGS = {"figcaption", "nav", "footer", "form", "aside", "button", "select", "amp-ad", "amp-social-share"}
# Tokens that look like clutter but name the article itself.
KEEP_TOKENS = {"article", "content", "body", "text", "story", "entry", "post", "main", "news"}

_SPLIT = re.compile(r"[\s_\-]+")

LINE_PATTERNS = [
    r"^(read|see) (also|more)\b", r"^related( stories| news| articles)?\s*:", r"^more on this\b", r"^also read\b",
    r"^читайте (также|еще|ещё|нас)\b", r"^смотрите также\b", r"^по теме\s*:", r"^ранее\s*:?\s*$",
    r"\bfollow us (on|in)\b", r"\bsubscribe to (our|us)\b", r"\bjoin (us|our channel) on\b",
    r"^подписывайтесь\b", r"\bподписывайтесь на (наш|нас)\b", r"\bнаш (telegram|телеграм)[- ]канал",
    r"^(photo|фото|image|picture|изображение|illustration|иллюстрация)\s*(:|©|by\b|—|-)",
    r"^(photo|фото)\s*$", r"^(©|\(c\)|copyright\b)", r"все права защищены", r"all rights reserved",
    r"^(advertisement|реклама|sponsored|partner content|на правах рекламы)\s*$",
    r"^share( this)?( article| story)?\s*:?\s*$", r"^поделиться\s*:?\s*$",
    r"ctrl\s*\+\s*enter", r"\bsign up for (our|the)\b.*newsletter", r"^subscribe\b", r"newsletter\b.*\bsign up",
    r"^(tags?|теги|метки)\s*:", r"^(source|источник)\s*:\s*\S+\.\w{2,}\s*$",
    r"^if you (find|notice|spot) (an )?(error|typo|mistake)", r"^если вы (нашли|заметили) ошибку",
    r"^(click|нажмите) (here|здесь)\b", r"\bcookies?\b.*\b(accept|agree|consent|use)\b",
    r"\b(мы )?использу\w+ (файлы )?cookie", r"^(comments?|комментари\w*)\s*(\(\d+\))?\s*:?\s*$",
    r"^(loading|загрузка)\.*$",
    # WordPress.com's like widget, in its languages ("%d bloggers like this:", "Like Loading...")
    r"^%d (bloggers|bloggern|блогер\w*|blogueurs|blogueros)\b", r"^(like|gefällt mir|нравится|j'aime|me gusta)\s*:?\s*$",
    r"^(like|gefällt mir|нравится|j'aime|me gusta) (loading|wird geladen|загрузка|chargement|cargando)\b",
    # (an edit stamp of only a date and time is promo.UPDATE_STAMP; this one lets a byline sit before the time)
    r"^(last )?(updated|update)\b.{0,40}\d{1,2}[:.]\d{2}\s*([ap]\.?m\.?)?\s*([a-z]{2,5}|[+-]\d{2}:?\d{2})?\s*\)?\s*$",
    r"^(whatsapp|facebook|twitter|x|telegram|vk|ok|email)(\s*[|/·]\s*\w+)*\s*$",
]
# Anchored patterns are tried at the start of the line only; the rest anywhere in it.
_LINE_START_RX = re.compile("|".join(f"(?:{p[1:]})" for p in LINE_PATTERNS if p.startswith("^")), re.I)
_LINE_ANY_RX = re.compile("|".join(f"(?:{p})" for p in LINE_PATTERNS if not p.startswith("^")), re.I)


def is_clutter_line(line: str, position: str | None = None) -> bool:
    """A text line that is clutter by its wording alone (fixed patterns, then the promo class).

    position ("start"/"middle"/"end" of the body) lets the promo rules weigh where the line sits."""
    s = line.strip()
    return bool(s) and (_LINE_START_RX.match(s) is not None or _LINE_ANY_RX.search(s) is not None
                        or promo_kind(s, position=position) is not None)


_LIVE = {"live", "liveblog", "livematch", "minute", "commentary"}  # (tokens: "live-blog" splits into live, blog)


def class_tokens(el, attrs: tuple[str, ...] = ("class", "id", "role")) -> set[str]:
    """Lower-cased tokens of an element's class/id-like attributes ("article__date" → article, date)."""
    raw = " ".join(el.get(a, "") for a in attrs).lower()
    toks = {t for t in _SPLIT.split(raw) if t}
    if toks & _LIVE:  # a live blog's or match's "comment" is the reporter's running commentary, not readers'
        toks -= {"comment", "comments"}
    return toks


def _is_clutter_node(el) -> bool:
    toks = class_tokens(el)
    if not toks or toks & KEEP_TOKENS and not toks & {"related", "share", "caption", "comments", "tags", "promo"}:
        return False
    joined = " ".join(sorted(toks))
    return bool(toks & CLUTTER_TOKENS) or "read-also" in joined


def _is_caption_paragraph(el) -> bool:
    """<p><em>caption</em></p> right after an image: a photo caption without caption markup."""
    if el.tag != "p" or len(el) != 1 or (el.text or "").strip() or (el[0].tail or "").strip():
        return False
    if el[0].tag not in ("em", "i", "small") or len(el[0].text_content()) > 300:
        return False
    prev = el.getprevious()
    return prev is not None and (prev.tag in ("img", "figure", "picture") or prev.find(".//img") is not None)


def _is_link_only(el) -> bool:
    """A paragraph or list item that is nothing but a link: another story's headline."""
    if el.tag not in ("p", "li"):
        return False
    text = " ".join(el.text_content().split())
    if len(text) < 15:
        return False
    linked = " ".join(" ".join(a.text_content().split()) for a in el.iter("a") if a.get("href"))  # not <a name>
    return len(linked) >= 0.9 * len(text)


NEVER_PROSE = {"script", "style", "noscript", "template", "svg", "iframe", "select", "button", "head", "title"}
_INLINE = {"a", "em", "strong", "b", "i", "u", "span", "small", "sup", "sub", "br", "mark", "abbr", "cite", "q",
           "code", "time", "font", "s", "del", "ins", "wbr", "img", "label"}
_COMMENT_TOKENS = {"comment", "comments", "disqus"}
PROSE_MIN = 80  # a run of text this long is running text, not a teaser line or a button


def _own_text_len(el) -> int:
    """Length of the text an element shows itself: its text, inline children, tails (not nested blocks)."""
    parts = [el.text or ""]
    for ch in el:
        if isinstance(ch.tag, str) and ch.tag in _INLINE:
            parts.append(ch.text_content())
        parts.append(ch.tail or "")
    return len(" ".join(" ".join(parts).split()))


class _Prose:
    """Running text per element (blocks of PROSE_MIN characters or more), measured once on the page."""

    def __init__(self, root):
        self.weight = {}
        for el in root.iter():
            if isinstance(el.tag, str) and el.tag not in _INLINE and el.tag not in NEVER_PROSE:
                n = _own_text_len(el)
                if n >= PROSE_MIN:
                    self.weight[el] = n  # the dict holds the proxy, so identity stays stable
        self.total = sum(self.weight.values())
        # Running text outside comment threads (a long discussion must not outweigh the article).
        self.story = sum(n for el, n in self.weight.items()
                         if not any(class_tokens(a) & _COMMENT_TOKENS for a in (el, *el.iterancestors())))

    def of(self, nodes) -> int:
        return sum(self.weight.get(x, 0) for el in _outermost(nodes) for x in el.iter())


def _outermost(nodes: list) -> list:
    ids = {id(n) for n in nodes}
    return [n for n in nodes if not any(id(a) in ids for a in n.iterancestors())]


def _links_away(el, page_url: str | None) -> bool:
    """Every link of el leaves the page's site (a source, an embed), none is another story of its own."""
    if not page_url:
        return False
    hrefs = [a.get("href") or "" for a in el.iter("a") if a.get("href")]
    return bool(hrefs) and all(h.startswith(("http://", "https://", "//"))
                               and not same_site(urljoin(page_url, h), page_url) for h in hrefs)


def _in_running_text(el) -> bool:
    """An inline element (a linked name, an emphasised phrase) inside a paragraph that says more than
    it: part of a sentence, whatever its class ("auto-tag_taylor-swift" on a link to a topic page)."""
    if el.tag not in _INLINE:
        return False
    block = next((a for a in el.iterancestors() if a.tag not in _INLINE), None)
    if block is None or block.tag not in ("p", "li", "blockquote", "dd", "td"):
        return False
    own = len(" ".join(el.text_content().split()))
    return _own_text_len(block) - own >= max(40, own)


def _clutter_reason(el, page_url: str | None = None) -> str | None:
    if el.tag == "figure" and (el.find(".//table") is None or el.find(".//img") is not None) \
            or el.get("itemprop") == "caption":
        return "figure"  # (a figure that holds a table and no image is the story's table)
    if _in_running_text(el):
        return None
    if _is_clutter_node(el):
        return "class"
    if _is_caption_paragraph(el):
        return "caption"
    if _is_link_only(el):
        return "link-away" if _links_away(el, page_url) else "link-only"
    return None


_NEVER_ARTICLE = _COMMENT_TOKENS | {"related", "relatedposts", "recommend", "recommended", "readalso", "mostread"}


def is_strong_removal(el, reason: str) -> bool:
    """Whether a node strip_clutter removed was clutter by role (caption, share bar, related list…)."""
    if reason in ("figure", "caption", "link-only") or reason.startswith("promo:"):
        return True  # link-only: a line that is one link to the same site, another story's headline
    if reason == "link-away":  # a line that is one link off the site: a source, a subtitle, an embed
        return False
    if reason.startswith("tag:"):
        return reason[4:] in _STRONG_TAGS
    return bool(class_tokens(el) & STRONG_TOKENS) or "read-also" in " ".join(sorted(class_tokens(el)))


_TABLE_PARTS = ("table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption", "colgroup", "col")


def _is_layout_table(table, page_chars: int) -> bool:
    """A table that lays the page out (nested tables, long text cells, most of the page) holds no data."""
    if table.find(".//table") is not None:
        return True
    text = len(" ".join(table.text_content().split()))
    if page_chars and text >= 0.5 * page_chars and text >= 1000:
        return True
    return any(len(" ".join(td.text_content().split())) > 400 for td in table.iter("td", "th"))


def unwrap_layout_tables(root) -> int:
    """Turn layout tables into plain divs, so that a table-aware extractor keeps only data tables."""
    page_chars = len(" ".join(root.text_content().split()))
    n = 0
    for table in list(root.iter("table")):
        if table.getparent() is None or table.tag != "table" or not _is_layout_table(table, page_chars):
            continue
        for el in [table, *table.iter(*_TABLE_PARTS)]:
            el.tag = "div"
        n += 1
    return n


_PROMO_BLOCKS = ("p", "div", "li", "blockquote", "h5", "h6")
_BLOCK_CHILDREN = {"p", "div", "ul", "ol", "table", "h1", "h2", "h3", "h4", "section", "article", "blockquote",
                   "figure", "li"}


def _body_position(el) -> str:
    """start / middle / end of the running text around el (prose <p>s of the nearest ancestor with three)."""
    anc = el.getparent()
    while anc is not None:
        prose = [p for p in anc.iter("p") if p is not el and len(" ".join(p.text_content().split())) >= PROSE_MIN]
        if len(prose) >= 3:
            break
        anc = anc.getparent()
    if anc is None:
        return "middle"
    order = {id(x): i for i, x in enumerate(anc.iter())}
    mine = order.get(id(el), 0)
    before = any(order[id(p)] < mine for p in prose)
    after = any(order[id(p)] > mine for p in prose)
    return "middle" if before and after else "start" if after else "end"


def promo_blocks(root, going: frozenset[int] = frozenset()) -> list[tuple[object, str]]:
    """Paragraph-level promo/navigation blocks (see promo.py), judged with their links, wrapper and
    position, then by the promo model (promo_model.py) — except inside ``going`` (ids of elements
    already flagged as clutter: what they hold needs no second opinion)."""
    judged = []
    for el in root.iter(*_PROMO_BLOCKS):
        if el.tag in ("div", "li") and any(isinstance(k.tag, str) and k.tag in _BLOCK_CHILDREN for k in el):
            continue
        text = " ".join(el.text_content().split())
        if not text or len(text) > 400:
            continue
        sig = signals_of(el)
        kind = promo_kind(text, sig)
        if kind is None and promo_kind(text, sig, "end"):  # a prompt only at the edge of the body
            kind = promo_kind(text, sig, _body_position(el))
        judged.append((el, text, kind))
    # What the rules keep, a learned head judges too (promo_model.py): new wordings of the same class.
    # A tag of "" keeps a paragraph from the head (second_opinion shows it only <p>s).
    kinds = second_opinion([("" if _kept_from_head(el, text, kind, going) else el.tag, text, kind)
                            for el, text, kind in judged])
    return [(el, f"promo:{kind}") for (el, _, _), kind in zip(judged, kinds) if kind]


def _kept_from_head(el, text: str, kind: str | None, going: frozenset[int]) -> bool:
    """A short <p> the rules kept that the head is not shown: one inside an element already going (it
    needs no second opinion), or an item of the article's own numbered list ("2. Highlights: …"
    between "1." and "3."; a how-to about social media reads like the prompts the head learnt). The
    ancestors are looked at only for such a <p>."""
    if kind or el.tag != "p":
        return False
    return any(id(a) in going for a in el.iterancestors()) or _numbered_item(el, text)


_NUMBERED = re.compile(r"^(\d{1,2})[.)]\s")


def _numbered_item(el, text: str) -> bool:
    """A paragraph numbered "N." or "N)" whose nearest sibling with text, before or after it, is one of
    its kind numbered N-1 or N+1: one item of a list."""
    m = _NUMBERED.match(text)
    if not m:
        return False
    for step in ("getprevious", "getnext"):
        sib = getattr(el, step)()
        while sib is not None and (not isinstance(sib.tag, str) or not sib.text_content().strip()):
            sib = getattr(sib, step)()
        other = _NUMBERED.match(" ".join(sib.text_content().split())) if sib is not None and sib.tag == el.tag else None
        if other and abs(int(other.group(1)) - int(m.group(1))) == 1:
            return True
    return False


_SUBHEADS = ("h2", "h3", "h4", "h5", "h6")


def _heads_prose(el, removing: set[int]) -> bool:
    """A subheading flagged for its class (an anchor id "nav_…", a "paywall" wrapper) that opens a
    paragraph of running text staying on the page: the story's own subheading, not a block's title."""
    if el.tag not in _SUBHEADS or class_tokens(el) & _NEVER_ARTICLE:
        return False
    for nxt in el.xpath("following::*[position() <= 8]"):  # document order, into wrappers
        if not isinstance(nxt.tag, str) or nxt.tag in _INLINE or not _own_text_len(nxt):
            continue  # wrappers, anchors, images: look on to the first element with text
        return nxt.tag == "p" and _own_text_len(nxt) >= PROSE_MIN \
            and not any(id(a) in removing for a in (nxt, *nxt.iterancestors()))
    return False


def strip_clutter(root, page_url: str | None = None) -> list[tuple[object, str]]:
    """Remove clutter nodes in place (root is an lxml.html element); return the (node, reason) removed.

    Nodes whose class says clutter but which hold the page's running text are the article under a
    careless class name ("widget-area", "post … enable-pin-share", "paywall" on every paragraph,
    "typo-bodytext", an <aside> layout). Such a node (or group of like nodes) stays when it holds
    half the story text, or more than everything that would be left without it.

    page_url tells links to the page's own site (another story) from links off it (a source).
    """
    unwrap_layout_tables(root)
    prose = _Prose(root)
    removed: list[tuple[object, str]] = []
    # A slideshow or listicle tells its story in the slides' captions: when they hold half the page's
    # running text, they are the story.
    captions = list(root.iter("figcaption"))
    story_in_captions = prose.story >= 400 and prose.of(captions) >= 0.5 * prose.story
    for el in list(root.iter(*DROP_TAGS)):
        if el.getparent() is None or el.tag == "html" or el.tag == "figcaption" and story_in_captions:
            continue
        if el.tag not in NEVER_PROSE and prose.story >= 400 and not class_tokens(el) & _NEVER_ARTICLE \
                and prose.of([el]) >= 0.5 * prose.story:
            continue
        removed.append((el, f"tag:{el.tag}"))
        el.drop_tree()
    prose = _Prose(root)
    flagged = [(el, r) for el in root.iter() if isinstance(el.tag, str) and el.tag not in ("html", "body", "head")
               for r in [_clutter_reason(el, page_url)] if r and not (r == "figure" and story_in_captions)]
    seen = {id(el) for el, _ in flagged}
    flagged += [(el, r) for el, r in promo_blocks(root, frozenset(seen)) if id(el) not in seen]
    keep: set[int] = set()
    if prose.story >= 400:
        groups: dict[tuple, list] = {}
        for el, reason in flagged:
            toks = class_tokens(el)
            if reason == "class" and not toks & _NEVER_ARTICLE:
                groups.setdefault((el.tag, frozenset(toks & CLUTTER_TOKENS)), []).append(el)
        left = prose.story - prose.of([el for el, _ in flagged])
        best = max(groups.values(), key=prose.of, default=[])
        size = prose.of(best) if best else 0
        if size >= 0.5 * prose.story or size >= 400 and size > left:
            keep = {id(el) for el in best}
            # … and the same careless class inside it ("gallery--wrapper" > "gallery--paragraph-section")
            kind = frozenset(class_tokens(best[0]) & CLUTTER_TOKENS)
            keep |= {id(el) for el, reason in flagged if reason == "class" and class_tokens(el) & CLUTTER_TOKENS <= kind
                     and any(id(a) in keep for a in el.iterancestors())}
        # Every wrapper on the way to the story text stays too ("…-sidebar" layout > "…post-share…").
        keep |= {id(el) for el, r in flagged if not r.startswith("promo:") and not class_tokens(el) & _NEVER_ARTICLE
                 and prose.of([el]) >= 0.5 * prose.story}
    removing = {id(el) for el, _ in flagged} - keep
    for el, reason in flagged:
        if id(el) in keep or el.getparent() is None or reason == "class" and _heads_prose(el, removing):
            continue
        removed.append((el, reason))
        el.drop_tree()
    return removed


# lxml refuses a str that carries an XML declaration (XHTML pages, "<?xml … encoding=…?>"); the text is
# decoded already, so the declaration says nothing any more.
_XML_DECLARATION = re.compile(r"^[\s\ufeff]*<\?xml[^>]*\?>", re.I)


def parse_html(text: str):
    """The document tree of decoded HTML: an XHTML page's XML declaration is dropped first, and a page
    with no element at all (whitespace, a comment) is an empty document, not an error."""
    text = _XML_DECLARATION.sub("", text, count=1)
    try:
        return lxml_html.document_fromstring(text)
    except etree.ParserError:  # "Document is empty"
        return lxml_html.document_fromstring("<html><body></body></html>")
