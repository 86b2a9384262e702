"""In-body clutter: what plain trafilatura leaves in, removed from the DOM and from text lines.

Two layers: DOM nodes whose role is clutter (captions, share bars, related lists, author
boxes, ads, CTAs), then line patterns in English and Russian for what hides in plain <p>.
"""

from __future__ import annotations

import re

from lxml import html as lxml_html

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
    r"^(loading|загрузка)\.*$", r"^(материал|статья|новость|текст) (дополнен|обновл)\w*", r"^(updated|update)\b.{0,40}\d{1,2}:\d{2}", r"^(whatsapp|facebook|twitter|x|telegram|vk|ok|email)(\s*[|/·]\s*\w+)*\s*$",
]
_LINE_RX = re.compile("|".join(f"(?:{p})" for p in LINE_PATTERNS), re.I)


def is_clutter_line(line: str) -> bool:
    s = line.strip()
    return bool(s) and bool(_LINE_RX.search(s))


def class_tokens(el, attrs: tuple[str, ...] = ("class", "id", "role")) -> set[str]:
    """Lower-cased tokens of an element's class/id-like attributes ("article__date" → article, date)."""
    raw = " ".join(el.get(a, "") for a in attrs).lower()
    return {t for t in _SPLIT.split(raw) if t}


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
    linked = " ".join(" ".join(a.text_content().split()) for a in el.iter("a"))
    return len(linked) >= 0.9 * len(text)


def strip_clutter(root) -> None:
    """Remove clutter nodes in place (root is an lxml.html element)."""
    for el in list(root.iter(*DROP_TAGS)):
        if el.getparent() is not None and el.tag != "html":
            el.drop_tree()
    for el in list(root.iter()):
        if not isinstance(el.tag, str) or el.tag in ("html", "body", "head") or el.getparent() is None:
            continue
        if el.tag == "figure" or el.get("itemprop") == "caption" or _is_clutter_node(el) or _is_caption_paragraph(el) \
                or _is_link_only(el):
            el.drop_tree()


def parse_html(text: str):
    return lxml_html.document_fromstring(text)
