#!/usr/bin/env python3
"""Generate tests/newsweb/site/ (HTML, feeds, outlets.toml, _headers.toml, expected.json).

    python3 tests/newsweb/build/build_site.py

The generated files are committed; the server never runs this script.  Article
texts live in content_en.py / content_ru.py, templates and outlet quirks here.
Re-running is deterministic and rewrites site/ completely.
"""
from __future__ import annotations

import html
import json
import re
import shutil
import sys
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from content_en import ARTICLES_EN  # noqa: E402
from content_ru import ARTICLES_RU  # noqa: E402

SITE = HERE.parent / "site"
UTC = timezone.utc

# --------------------------------------------------------------------------- outlets
OUTLETS = [
    dict(name="asiawire", display="Asia Wire", ip="127.0.0.2", country="GB", language="en",
         cms="wordpress", tz="UTC",
         feeds=[dict(name="asiawire", path="/feed/", kind="rss", format="rss")],
         quirks="International wire, WordPress: RSS 2.0 pubDate +0000, /?p=ID shortlinks 301 to permalinks, "
                "AFP seed article verbatim, 2 irrelevant stories, caption/share/related clutter, "
                "one deliberate feed-vs-page date disagreement (Rogun)."),
    dict(name="glr", display="GLR", ip="127.0.0.3", country="KZ", language="en",
         cms="custom-ssr", tz="Asia/Almaty",
         feeds=[dict(name="glr", path="/feed.atom", kind="rss", format="atom")],
         quirks="Regional English outlet that published the GLR rewrite. Atom feed (updated only). Pages: date only "
                "in JSON-LD datePublished (+05:00), no date in URL; heavy in-body clutter (Read also, Telegram CTA, "
                "caption + Photo credit, related list, share buttons), cookie banner, author box. "
                "One feed entry points offsite to asiawire."),
    dict(name="kuryer", display="Курьер Азии", ip="127.0.0.4", country="KG", language="ru",
         cms="bitrix", tz="Asia/Bishkek", html_content_type="text/html",
         feeds=[dict(name="kuryer", path="/rss.xml", kind="rss", format="rss",
                     content_type="application/rss+xml; charset=windows-1251")],
         quirks="Russian, windows-1251 everywhere (feed too). Some pages declare the charset in the HTTP header, "
                "the others only in <meta http-equiv> (header says plain text/html). Dates only as visible text "
                "'21 ноября 2026, 17:45' in Asia/Bishkek (UTC+6); one page shows only the day. Feed items have "
                "no pubDate. Header shows today's weekday/date (no year) as a trap."),
    dict(name="qazaq-times", display="Qazaq Times", ip="127.0.0.5", country="KZ", language="en",
         cms="amp", tz="Asia/Almaty",
         feeds=[dict(name="qazaq-times", path="/sitemap.xml", kind="sitemap", format="sitemap")],
         quirks="Sitemap index -> Google News sitemap (news:publication_date with +05:00) + monthly sitemaps "
                "(2026-11 repeats the news URLs, 2026-10 holds an older near-miss). AMP-like pages with "
                "article:published_time; lead paragraph inside the body."),
    dict(name="silkroad-review", display="Silk Road Review", ip="127.0.0.6", country="UZ", language="en",
         cms="ghost", tz="Asia/Tashkent",
         feeds=[dict(name="silkroad-review", path="/atom.xml", kind="rss", format="atom")],
         quirks="Low-frequency analysis site: Atom with <published>; pages carry the date only in "
                "<time datetime>. Feed still lists a June 2026 piece (Xi's state visit: near-miss)."),
    dict(name="steppe-daily", display="Steppe Daily", ip="127.0.0.7", country="KZ", language="en",
         cms="custom-php", tz="Asia/Almaty",
         feeds=[dict(name="steppe-daily", path="/rss/all.xml", kind="rss", format="rss")],
         quirks="Duplicates: same story with utm_* + #fragment and clean; mobile alias /m/ID with rel=canonical; "
                "/go/ID 301 redirect; an undated explainer (published_at null); robots.txt disallows /sponsored/ "
                "(a feed item points there). Variants: _variants/silent, _variants/redesign."),
    dict(name="dolina", display="Долина", ip="127.0.0.8", country="UZ", language="ru",
         cms="wordpress-ru", tz="Asia/Tashkent",
         feeds=[dict(name="dolina", path="/rss", kind="rss", format="rss")],
         quirks="Russian UTF-8, RSS pubDate +0500, visible '21.11.2026 15:10'; one page served as plain "
                "text/html (charset only in <meta charset>). Cross-language twins of GLR/Silk Road stories."),
    dict(name="oasis-news", display="Oasis News", ip="127.0.0.9", country="TM", language="en",
         cms="custom", tz="Asia/Ashgabat",
         feeds=[dict(name="oasis-news", path="/rss/latest.xml", kind="rss", format="rss"),
                dict(name="oasis-news-partners", path="/rss/partners.xml", kind="rss", format="rss"),
                dict(name="oasis-news-regions", path="/rss/regions.xml", kind="rss", format="rss"),
                dict(name="oasis-news-archive", path="/rss/archive.xml", kind="rss", format="rss")],
         quirks="Broken outlet: latest.xml links a 404, a 30 s slow page, a redirect loop, a 3 MB page, a tag "
                "index (no article), an article answering 429 then 200 and one answering 503 then 200 "
                "(Retry-After: 1). partners.xml has an XXE entity (file:///etc/passwd), regions.xml is "
                "malformed XML, archive.xml answers 500."),
]
OUTLET = {o["name"]: o for o in OUTLETS}

ARTICLES = ARTICLES_EN + ARTICLES_RU
BY_KEY = {a["key"]: a for a in ARTICLES}
for _a in ARTICLES:
    _a.setdefault("language", OUTLET[_a["outlet"]]["language"])
    _a.setdefault("relevant", True)
    _a.setdefault("precision", "minute" if _a["published"] else None)
    _a.setdefault("fault", None)
    _a.setdefault("transient", None)


def by_outlet(name: str) -> list[dict]:
    arts = [a for a in ARTICLES if a["outlet"] == name]
    return sorted(arts, key=lambda a: (utc(a) or datetime.min.replace(tzinfo=UTC)), reverse=True)


# --------------------------------------------------------------------------- helpers
LINK_RE = re.compile(r"\[([^\]]+)\]\(([^)]+)\)")
RU_MONTHS = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
             "сентября", "октября", "ноября", "декабря"]
EN_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December"]


def esc(s: str) -> str:
    return html.escape(s, quote=True)


def inline(par: str) -> str:
    out, pos = [], 0
    for m in LINK_RE.finditer(par):
        out.append(esc(par[pos:m.start()]))
        out.append(f'<a href="{esc(m.group(2))}">{esc(m.group(1))}</a>')
        pos = m.end()
    out.append(esc(par[pos:]))
    return "".join(out)


def plain(par: str) -> str:
    return LINK_RE.sub(r"\1", par)


def blocks(a: dict) -> list[tuple[str, str]]:
    res = []
    for p in a["body"].split("\n\n"):
        p = p.strip()
        if p.startswith("## "):
            res.append(("h2", p[3:]))
        elif p:
            res.append(("p", p))
    return res


def local_dt(a: dict) -> datetime | None:
    if not a["published"]:
        return None
    if a["precision"] == "day":
        return datetime.fromisoformat(a["published"] + "T00:00:00+00:00")
    return datetime.fromisoformat(a["published"])


def utc(a: dict) -> datetime | None:
    d = local_dt(a)
    return d.astimezone(UTC) if d else None


def feed_dt(a: dict) -> datetime | None:
    if a.get("feed_published"):
        return datetime.fromisoformat(a["feed_published"])
    return local_dt(a)


def rfc822(d: datetime) -> str:
    days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    mons = [m[:3] for m in EN_MONTHS]
    off = d.strftime("%z") or "+0000"
    return f"{days[d.weekday()]}, {d.day:02d} {mons[d.month - 1]} {d.year} {d:%H:%M:%S} {off}"


def iso(d: datetime) -> str:
    return d.isoformat()


def ru_date(a: dict) -> str:
    d = local_dt(a)
    s = f"{d.day} {RU_MONTHS[d.month - 1]} {d.year}"
    return s if a["precision"] == "day" else f"{s}, {d:%H:%M}"


def excerpt(a: dict, n: int = 40) -> str:
    text = a.get("lead") or plain(blocks(a)[0][1])
    words = text.split()
    return " ".join(words[:n]) + (" […]" if len(words) > n else "")


def related_of(a: dict, n: int = 3) -> list[dict]:
    return [b for b in by_outlet(a["outlet"]) if b is not a and not b["fault"]][:n]


def read_also_items(a: dict) -> dict[int, tuple[str, str]]:
    """paragraph index -> (headline, href)"""
    res = {}
    for idx, ref in a.get("read_also", []):
        if isinstance(ref, str):
            b = BY_KEY[ref]
            res[idx] = (b["title"], b["path"])
        else:
            res[idx] = ref
    return res


class Page:
    """Collects clutter strings while a template is rendered."""

    def __init__(self) -> None:
        self.clutter: list[str] = []

    def c(self, s: str) -> str:
        """register clutter text, return it escaped"""
        if s not in self.clutter:
            self.clutter.append(s)
        return esc(s)


# --------------------------------------------------------------------------- asiawire (WordPress)
def page_asiawire(a: dict, pg: Page) -> str:
    d = local_dt(a)
    rel = related_of(a)
    recent = [b for b in by_outlet("asiawire") if b is not a][:5]
    body = []
    if a.get("lead"):
        body.append(f'<p class="has-medium-font-size"><strong>{esc(a["lead"])}</strong></p>')
    for i, (kind, txt) in enumerate(blocks(a)):
        if kind == "h2":
            body.append(f'<h2 class="wp-block-heading">{inline(txt)}</h2>')
        else:
            body.append(f"<p>{inline(txt)}</p>")
        if i == 0 and a.get("caption"):
            cap, credit = a["caption"]
            body.append(
                f'<figure class="wp-block-image size-large"><img decoding="async" width="1024" height="683" '
                f'src="{{{{base}}}}/wp-content/uploads/2026/11/{a["wp_id"]}-1024x683.jpg" alt="" '
                f'class="wp-image-{a["wp_id"] + 1}"/><figcaption class="wp-element-caption">{pg.c(cap)} '
                f'&#8212; {pg.c(credit)}</figcaption></figure>')
    share = (f'<div class="sharedaddy sd-sharing-enabled"><div class="robots-nocontent sd-block sd-social">'
             f'<h3 class="sd-title">{pg.c("Share this:")}</h3><div class="sd-content"><ul>'
             f'<li class="share-twitter"><a rel="nofollow noopener noreferrer" class="share-twitter sd-button" '
             f'href="{a["path"]}?share=twitter" target="_blank"><span>{pg.c("Share on X (Opens in new window)")}'
             f'</span></a></li><li class="share-facebook"><a rel="nofollow noopener noreferrer" '
             f'class="share-facebook sd-button" href="{a["path"]}?share=facebook" target="_blank"><span>'
             f'{pg.c("Share on Facebook (Opens in new window)")}</span></a></li></ul></div></div></div>')
    related = "".join(
        f'<div class="jp-relatedposts-post"><h4 class="jp-relatedposts-post-title"><a href="{b["path"]}">'
        f'{pg.c(b["title"])}</a></h4><p class="jp-relatedposts-post-context">In &quot;{esc(b["section"])}'
        f'&quot;</p></div>' for b in rel)
    related = (f'<div id="jp-relatedposts" class="jp-relatedposts"><h3 class="jp-relatedposts-headline">'
               f'<em>{pg.c("Related")}</em></h3><div class="jp-relatedposts-items">{related}</div></div>')
    recent_html = "".join(f'<li><a href="{b["path"]}">{pg.c(b["title"])}</a></li>' for b in recent)
    author = a["authors"][0]
    slug = re.sub(r"[^a-z0-9]+", "-", author.lower()).strip("-")
    og_desc = esc(excerpt(a, 30))
    return f"""<!DOCTYPE html>
<html lang="en-US">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="profile" href="https://gmpg.org/xfn/11">
<title>{esc(a["title"])} &#8211; Asia Wire</title>
<meta name="robots" content="max-image-preview:large">
<link rel="alternate" type="application/rss+xml" title="Asia Wire &raquo; Feed" href="{{{{base}}}}/feed/">
<link rel="canonical" href="{{{{base}}}}{a["path"]}">
<link rel="shortlink" href="{{{{base}}}}/?p={a["wp_id"]}">
<meta property="og:type" content="article">
<meta property="og:title" content="{esc(a["title"])}">
<meta property="og:description" content="{og_desc}">
<meta property="og:url" content="{{{{base}}}}{a["path"]}">
<meta property="og:site_name" content="Asia Wire">
<meta property="article:published_time" content="{iso(d)}">
<meta property="article:section" content="{esc(a["section"])}">
<meta name="author" content="{esc(author)}">
<meta name="generator" content="WordPress 6.6.2">
<link rel="stylesheet" id="wp-block-library-css" href="{{{{base}}}}/wp-includes/css/dist/block-library/style.min.css?ver=6.6.2" media="all">
<link rel="stylesheet" id="aw-style-css" href="{{{{base}}}}/wp-content/themes/asiawire/style.css?ver=2.4.1" media="all">
</head>
<body class="post-template-default single single-post postid-{a["wp_id"]} single-format-standard wp-embed-responsive">
<div id="page" class="site">
<a class="skip-link screen-reader-text" href="#primary">Skip to content</a>
<header id="masthead" class="site-header">
<div class="site-branding"><p class="site-title"><a href="/" rel="home">Asia Wire</a></p>
<p class="site-description">{pg.c("News from Asia and beyond, around the clock")}</p></div>
<nav id="site-navigation" class="main-navigation"><button class="menu-toggle" aria-controls="primary-menu" aria-expanded="false">Menu</button>
<ul id="primary-menu" class="menu"><li class="menu-item"><a href="/category/asia-pacific/">Asia-Pacific</a></li><li class="menu-item"><a href="/category/europe/">Europe</a></li><li class="menu-item"><a href="/category/energy/">Energy</a></li><li class="menu-item"><a href="/category/markets/">Markets</a></li><li class="menu-item"><a href="/category/sport/">Sport</a></li></ul></nav>
</header>
<div id="content" class="site-content">
<div id="primary" class="content-area"><main id="main" class="site-main">
<article id="post-{a["wp_id"]}" class="post-{a["wp_id"]} post type-post status-publish format-standard has-post-thumbnail hentry category-{a["section"].lower()}">
<header class="entry-header">
<h1 class="entry-title">{esc(a["title"])}</h1>
<div class="entry-meta"><span class="posted-on">Posted on <a href="{a["path"]}" rel="bookmark"><time class="entry-date published" datetime="{iso(d)}">{EN_MONTHS[d.month - 1]} {d.day}, {d.year}</time></a></span><span class="byline"> by <span class="author vcard"><a class="url fn n" href="/author/{slug}/">{esc(author)}</a></span></span></div>
</header>
<div class="entry-content">
{chr(10).join(body)}
{share}
{related}
</div>
<footer class="entry-footer"><span class="cat-links">Posted in <a href="/category/{a["section"].lower()}/" rel="category tag">{esc(a["section"])}</a></span></footer>
</article>
<div id="comments" class="comments-area"><div id="respond" class="comment-respond"><h3 id="reply-title" class="comment-reply-title">{pg.c("Leave a Reply")}</h3>
<form action="/wp-comments-post.php" method="post" id="commentform" class="comment-form"><p class="comment-notes">{pg.c("Your email address will not be published.")} Required fields are marked *</p>
<p class="comment-form-comment"><label for="comment">Comment</label><textarea id="comment" name="comment" cols="45" rows="8" required></textarea></p>
<p class="form-submit"><input name="submit" type="submit" id="submit" class="submit" value="Post Comment"></p></form></div></div>
</main></div>
<aside id="secondary" class="widget-area">
<section id="recent-posts-2" class="widget widget_recent_entries"><h2 class="widget-title">{pg.c("Recent Posts")}</h2><ul>{recent_html}</ul></section>
<section id="text-3" class="widget widget_text"><h2 class="widget-title">About</h2><div class="textwidget"><p>{pg.c("Asia Wire distributes reporting from international news agencies and its own correspondents in Asia.")}</p></div></section>
</aside>
</div>
<footer id="colophon" class="site-footer"><div class="site-info">&copy; 2026 Asia Wire &middot; <a href="https://wordpress.org/">{pg.c("Proudly powered by WordPress")}</a></div></footer>
</div>
<script src="{{{{base}}}}/wp-includes/js/comment-reply.min.js?ver=6.6.2" id="comment-reply-js" async data-wp-strategy="async"></script>
</body>
</html>
"""


def feed_asiawire() -> str:
    items = []
    arts = by_outlet("asiawire")
    for a in arts:
        items.append(f"""	<item>
		<title>{esc(a["title"])}</title>
		<link>{{{{base}}}}{a["path"]}</link>
		<comments>{{{{base}}}}{a["path"]}#respond</comments>
		<dc:creator><![CDATA[{a["authors"][0]}]]></dc:creator>
		<pubDate>{rfc822(feed_dt(a))}</pubDate>
		<category><![CDATA[{a["section"]}]]></category>
		<guid isPermaLink="false">{{{{base}}}}/?p={a["wp_id"]}</guid>
		<description><![CDATA[{excerpt(a)}]]></description>
		<slash:comments>0</slash:comments>
	</item>""")
    last = max(feed_dt(a) for a in arts)
    return f"""<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"
	xmlns:content="http://purl.org/rss/1.0/modules/content/"
	xmlns:wfw="http://wellformedweb.org/CommentAPI/"
	xmlns:dc="http://purl.org/dc/elements/1.1/"
	xmlns:atom="http://www.w3.org/2005/Atom"
	xmlns:sy="http://purl.org/rss/1.0/modules/syndication/"
	xmlns:slash="http://purl.org/rss/1.0/modules/slash/"
	>

<channel>
	<title>Asia Wire</title>
	<atom:link href="{{{{base}}}}/feed/" rel="self" type="application/rss+xml" />
	<link>{{{{base}}}}</link>
	<description>News from Asia and beyond, around the clock</description>
	<lastBuildDate>{rfc822(last)}</lastBuildDate>
	<language>en-US</language>
	<sy:updatePeriod>hourly</sy:updatePeriod>
	<sy:updateFrequency>1</sy:updateFrequency>
	<generator>https://wordpress.org/?v=6.6.2</generator>
{chr(10).join(items)}
</channel>
</rss>
"""


# --------------------------------------------------------------------------- glr
def page_glr(a: dict, pg: Page) -> str:
    ra = read_also_items(a)
    most_read = [b for b in by_outlet("glr") if b is not a]
    body = []
    bl = blocks(a)
    for i, (kind, txt) in enumerate(bl):
        body.append(f'<p class="story__p">{inline(txt)}</p>')
        if i == 0:
            if a.get("caption"):
                cap, credit = a["caption"]
                body.append(f'<figure class="story__figure"><img src="{{{{base}}}}/static/img/{a["key"]}.webp" '
                            f'alt="" loading="lazy"><figcaption class="story__caption">{pg.c(cap)} '
                            f'<span class="story__credit">{pg.c(credit)}</span></figcaption></figure>')
        if i in ra:
            t, href = ra[i]
            body.append(f'<p class="story__readalso"><strong>{pg.c("Read also:")}</strong> '
                        f'<a href="{esc(href)}">{pg.c(t)}</a></p>')
        if i == len(bl) - 2:
            body.append(f'<p class="story__cta">{pg.c("Follow us on Telegram for the latest news from Central Asia")}'
                        f' &#8594; <a href="https://t.me/glr_news">t.me/glr_news</a></p>')
    rel = "".join(f'<li><a href="{b["path"]}">{pg.c(b["title"])}</a></li>' for b in related_of(a, 3))
    body.append(f'<div class="story__related"><h4>{pg.c("Related stories")}</h4><ul>{rel}</ul></div>')
    share = (f'<div class="share"><a class="share__fb" href="#">{pg.c("Share on Facebook")}</a>'
             f'<a class="share__x" href="#">{pg.c("Share on X")}</a>'
             f'<a class="share__wa" href="#">{pg.c("Share on WhatsApp")}</a>'
             f'<button class="share__copy">{pg.c("Copy link")}</button></div>')
    author = a["authors"][0]
    bios = {"Aziz Rakhimov": "Aziz Rakhimov is GLR's economics correspondent, covering trade and investment across "
                             "Central Asia from Almaty.",
            "Aigerim Tulegenova": "Aigerim Tulegenova covers regional politics, borders and energy for GLR."}
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": a["title"],
          "datePublished": a["published"],
          "author": [{"@type": "Person", "name": n} for n in a["authors"]],
          "publisher": {"@type": "Organization", "name": "GLR",
                        "logo": {"@type": "ImageObject", "url": "{{base}}/static/logo.png"}},
          "mainEntityOfPage": "{{base}}" + a["path"], "articleSection": a["section"], "inLanguage": "en"}
    mr = "".join(f'<li><a href="{b["path"]}">{pg.c(b["title"])}</a></li>' for b in most_read)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>{esc(a["title"])} | GLR</title>
<meta name="description" content="{esc(excerpt(a, 28))}">
<link rel="canonical" href="{{{{base}}}}{a["path"]}">
<link rel="alternate" type="application/atom+xml" href="{{{{base}}}}/feed.atom" title="GLR">
<meta property="og:title" content="{esc(a["title"])}"><meta property="og:type" content="article">
<script type="application/ld+json">{json.dumps(ld, ensure_ascii=False)}</script>
<link rel="stylesheet" href="{{{{base}}}}/_next/static/css/4f1e0a.css">
</head><body>
<div id="__next">
<div class="cookie-consent" role="dialog" aria-live="polite"><p>{pg.c("We use cookies to improve your experience on GLR. By continuing to browse the site you agree to our use of cookies.")}</p><button>{pg.c("Accept all")}</button><button>{pg.c("Manage preferences")}</button></div>
<header class="glr-header"><a class="glr-logo" href="/en/">GLR</a><nav class="glr-nav"><a href="/en/region">Region</a><a href="/en/economy">Economy</a><a href="/en/business">Business</a><a href="/en/energy">Energy</a><a href="/en/opinion">Opinion</a><a href="/ru/">Русский</a></nav><form class="glr-search" action="/en/search"><input name="q" placeholder="Search GLR"></form></header>
<main class="glr-main"><div class="glr-grid">
<article class="story">
<div class="story__kicker"><a href="/en/{a["section"].lower()}">{esc(a["section"])}</a></div>
<h1 class="story__headline">{esc(a["title"])}</h1>
{share}
<div class="story__body">
{chr(10).join(body)}
</div>
{share.replace('class="share"', 'class="share share--bottom"')}
<div class="author-box"><img class="author-box__img" src="{{{{base}}}}/static/authors/{a["authors"][0].split()[0].lower()}.jpg" alt=""><div><p class="author-box__name">{esc(author)}</p><p class="author-box__bio">{pg.c(bios[author])}</p></div></div>
</article>
<aside class="glr-sidebar"><h3>{pg.c("Most read")}</h3><ol>{mr}</ol><div class="glr-newsletter">{pg.c("Get the GLR morning briefing in your inbox")}</div></aside>
</div></main>
<footer class="glr-footer"><p>{pg.c("© 2026 GLR Media. All rights reserved.")}</p><a href="/en/about">About us</a> <a href="/en/advertise">Advertise</a> <a href="/en/privacy">Privacy policy</a></footer>
</div>
<script src="{{{{base}}}}/_next/static/chunks/main-9c2d.js" defer></script>
</body></html>
"""


OFFSITE_KEY = "aw-japan-summit"


def feed_glr() -> str:
    arts = by_outlet("glr")
    entries = []
    for a in arts:
        slug = a["path"].rsplit("/", 1)[-1]
        entries.append(f"""  <entry>
    <title>{esc(a["title"])}</title>
    <link rel="alternate" type="text/html" href="{{{{base}}}}{a["path"]}"/>
    <id>tag:glr.news,2026:{slug}</id>
    <updated>{a["published"]}</updated>
    <author><name>{esc(a["authors"][0])}</name></author>
    <category term="{esc(a["section"])}"/>
    <summary type="text">{esc(excerpt(a))}</summary>
  </entry>""")
    off = BY_KEY[OFFSITE_KEY]
    entries.insert(1, f"""  <entry>
    <title>Via AFP: {esc(off["title"])}</title>
    <link rel="alternate" type="text/html" href="{{{{base:asiawire}}}}{off["path"]}"/>
    <id>tag:glr.news,2026:partner-afp-japan-central-asia</id>
    <updated>2026-11-21T18:05:00+05:00</updated>
    <author><name>AFP</name></author>
    <summary type="text">Partner content from Asia Wire.</summary>
  </entry>""")
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
  <title>GLR — Central Asia news in English</title>
  <subtitle>Politics, economy and energy in Central Asia</subtitle>
  <link rel="alternate" type="text/html" href="{{{{base}}}}/en/"/>
  <link rel="self" type="application/atom+xml" href="{{{{base}}}}/feed.atom"/>
  <id>tag:glr.news,2026:/en/feed</id>
  <updated>{max(a["published"] for a in arts)}</updated>
  <generator>glr-cms</generator>
{chr(10).join(entries)}
</feed>
"""


# --------------------------------------------------------------------------- kuryer (cp1251)
def page_kuryer(a: dict, pg: Page) -> str:
    ra = read_also_items(a)
    latest = [b for b in by_outlet("kuryer") if b is not a]
    # An unmarked promo paragraph at the top, worded unlike any line the clutter rules were written from.
    body = [f'<p>&#128242; {pg.c("«Курьер Азии» теперь в MAX и Дзене — читайте нас там, где вам удобно:")} '
            f'<a href="https://max.ru/kuryer">max.ru/kuryer</a></p>']
    for i, (kind, txt) in enumerate(blocks(a)):
        body.append(f"<p>{inline(txt)}</p>")
        if i == 1 and a.get("caption"):
            cap, credit = a["caption"]
            body.append(f'<div class="detail-photo"><img src="/upload/iblock/{a["path"][-11:-5]}.jpg" alt="" />'
                        f'<div class="photo-sign">{pg.c(cap)}. {pg.c(credit)}</div></div>')
        if i in ra:
            t, href = ra[i]
            body.append(f'<p class="also"><b>{pg.c("Читайте также:")}</b> <a href="{esc(href)}">{pg.c(t)}</a></p>')
    body.append(f'<p class="tg"><b>{pg.c("Подписывайтесь на наш Telegram-канал")}</b> '
                f'{pg.c("— там мы первыми публикуем главные новости Кыргызстана.")}</p>')
    lat = "".join(f'<li><a href="{b["path"]}">{pg.c(b["title"])}</a></li>' for b in latest)
    ctype = "text/html; charset=windows-1251"
    return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="ru" lang="ru">
<head>
<meta http-equiv="Content-Type" content="{ctype}" />
<title>{esc(a["title"])} - Курьер Азии</title>
<meta name="keywords" content="новости, Кыргызстан, Бишкек, Центральная Азия" />
<meta name="description" content="{esc(excerpt(a, 25))}" />
<link rel="canonical" href="{{{{base}}}}{a["path"]}" />
<link href="/bitrix/templates/kuryer/styles.css?1700000000" type="text/css" rel="stylesheet" />
</head>
<body>
<div class="top-line"><span class="today">{pg.c("Понедельник, 23 ноября")}</span> <span class="rates">{pg.c("USD 87,45")} | EUR 92,10 | RUB 0,98</span> <span class="weather">Бишкек +3°</span></div>
<div id="header"><a href="/" class="logo">Курьер Азии</a><div class="slogan">{pg.c("Новости Кыргызстана и Центральной Азии")}</div></div>
<ul id="topmenu"><li><a href="/news/">Новости</a></li><li><a href="/politics/">Политика</a></li><li><a href="/economy/">Экономика</a></li><li><a href="/society/">Общество</a></li><li><a href="/world/">В мире</a></li></ul>
<table class="layout" width="100%" cellpadding="0" cellspacing="0"><tr>
<td class="main-col" valign="top">
<div class="news-detail">
<div class="breadcrumbs"><a href="/">Главная</a> / <a href="/news/">Новости</a> / {esc(a["section"])}</div>
<h1 class="news-title">{esc(a["title"])}</h1>
<div class="news-date">{ru_date(a)}</div>
<div class="detail-text">
{chr(10).join(body)}
</div>
<div class="news-author">Автор: {esc(a["authors"][0])}</div>
<div class="error-notice">{pg.c("Нашли ошибку? Выделите её и нажмите Ctrl+Enter")}</div>
<div class="views">Просмотров: 1 245</div>
</div>
</td>
<td class="right-col" valign="top" width="300">
<div class="block-title">{pg.c("Последние новости")}</div>
<ul class="latest">{lat}</ul>
</td></tr></table>
<div id="footer">{pg.c("© 2008–2026 «Курьер Азии». При использовании материалов ссылка на сайт обязательна.")} 18+</div>
</body>
</html>
"""


def feed_kuryer() -> str:
    items = []
    for a in by_outlet("kuryer"):
        items.append(f"""<item>
<title>{esc(a["title"])}</title>
<link>{{{{base}}}}{a["path"]}</link>
<description>{esc(excerpt(a, 30))}</description>
<category>{esc(a["section"])}</category>
<guid>{{{{base}}}}{a["path"]}</guid>
</item>""")
    return f"""<?xml version="1.0" encoding="windows-1251"?>
<rss version="2.0">
<channel>
<title>Курьер Азии — Новости</title>
<link>{{{{base}}}}/</link>
<description>Новости Кыргызстана и Центральной Азии</description>
<language>ru</language>
<lastBuildDate>Sat, 21 Nov 2026 17:50:00 +0600</lastBuildDate>
{chr(10).join(items)}
</channel>
</rss>
"""


# --------------------------------------------------------------------------- qazaq-times (AMP)
def page_qazaq(a: dict, pg: Page) -> str:
    d = local_dt(a)
    body = []
    if a.get("lead"):
        body.append(f'<p class="qt-lead">{esc(a["lead"])}</p>')
    if a.get("caption"):
        cap, credit = a["caption"]
        body.append(f'<amp-img src="{{{{base}}}}/media/{a["key"]}.jpg" width="1200" height="675" layout="responsive" '
                    f'alt=""></amp-img><p class="qt-caption">{pg.c(cap)} <span>{pg.c(credit)}</span></p>')
    also = [b for b in by_outlet("qazaq-times") if b is not a and utc(b) < utc(a)][:1]
    bl = blocks(a)
    for i, (kind, txt) in enumerate(bl):
        body.append(f"<p>{inline(txt)}</p>")
        if i == 2 and also:
            body.append(f'<div class="qt-also"><span>{pg.c("Also read")}</span> '
                        f'<a href="{also[0]["path"]}">{pg.c(also[0]["title"])}</a></div>')
    # An unmarked promo paragraph closing every article (plain <p>, no class to go by).
    body.append(f'<p><em>{pg.c("Never miss a Qazaq Times scoop: our WhatsApp channel sends the day’s top stories straight to your phone —")} '
                f'<a href="https://whatsapp.com/channel/qazaqtimes">{pg.c("join here")}</a>.</em></p>')
    top = [b for b in by_outlet("qazaq-times") if b is not a][:3]
    toph = "".join(f'<li><a href="{b["path"]}">{pg.c(b["title"])}</a></li>' for b in top)
    return f"""<!doctype html>
<html ⚡ lang="en">
<head>
<meta charset="utf-8">
<title>{esc(a["title"])} - Qazaq Times</title>
<link rel="canonical" href="{{{{base}}}}{a["path"]}">
<meta name="viewport" content="width=device-width,minimum-scale=1,initial-scale=1">
<meta property="og:title" content="{esc(a["title"])}">
<meta property="og:type" content="article">
<meta property="article:published_time" content="{iso(d)}">
<meta property="article:section" content="{esc(a["section"])}">
<meta name="author" content="{esc(", ".join(a["authors"]))}">
<script async src="https://cdn.ampproject.org/v0.js"></script>
<script async custom-element="amp-sidebar" src="https://cdn.ampproject.org/v0/amp-sidebar-0.1.js"></script>
<style amp-boilerplate>body{{-webkit-animation:-amp-start 8s steps(1,end) 0s 1 normal both}}</style>
<style amp-custom>.qt-title{{font:700 28px/1.2 Georgia,serif}}.qt-lead{{font-weight:600}}.qt-caption{{font-size:12px;color:#666}}</style>
</head>
<body>
<amp-sidebar id="menu" layout="nodisplay" side="left"><ul class="qt-menu"><li><a href="/news/politics">Politics</a></li><li><a href="/news/economy">Economy</a></li><li><a href="/news/society">Society</a></li><li><a href="/news/world">World</a></li></ul></amp-sidebar>
<header class="qt-header"><button on="tap:menu.toggle" class="qt-burger">&#9776;</button><a class="qt-logo" href="/">Qazaq Times</a></header>
<main class="qt-main">
<article class="qt-article">
<div class="qt-rubric">{esc(a["section"])}</div>
<h1 class="qt-title">{esc(a["title"])}</h1>
<div class="qt-byline">By <span class="qt-author">{esc(", ".join(a["authors"]))}</span></div>
<div class="qt-article__text">
{chr(10).join(body)}
</div>
<div class="qt-newsletter">{pg.c("Subscribe to our newsletter: the day's main news from Kazakhstan in your inbox every morning")}</div>
</article>
<section class="qt-top"><h2>{pg.c("Top stories")}</h2><ul>{toph}</ul></section>
</main>
<footer class="qt-footer">{pg.c("© Qazaq Times, 2026. All rights reserved. Use of materials is allowed only with a hyperlink to the source.")}</footer>
</body>
</html>
"""


def qazaq_sitemaps() -> dict[str, str]:
    arts = by_outlet("qazaq-times")
    nov = [a for a in arts if a["published"].startswith("2026-11")]
    octo = [a for a in arts if a["published"].startswith("2026-10")]
    news = "\n".join(f"""  <url>
    <loc>{{{{base}}}}{a["path"]}</loc>
    <news:news>
      <news:publication><news:name>Qazaq Times</news:name><news:language>en</news:language></news:publication>
      <news:publication_date>{a["published"]}</news:publication_date>
      <news:title>{esc(a["title"])}</news:title>
    </news:news>
  </url>""" for a in nov)

    def monthly(lst):
        return "\n".join(f"""  <url><loc>{{{{base}}}}{a["path"]}</loc><lastmod>{a["published"]}</lastmod><changefreq>monthly</changefreq></url>"""
                         for a in lst)
    hdr = '<?xml version="1.0" encoding="UTF-8"?>\n'
    return {
        "sitemap.xml": hdr + f"""<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>{{{{base}}}}/sitemaps/news.xml</loc><lastmod>{nov[0]["published"]}</lastmod></sitemap>
  <sitemap><loc>{{{{base}}}}/sitemaps/2026-11.xml</loc><lastmod>{nov[0]["published"]}</lastmod></sitemap>
  <sitemap><loc>{{{{base}}}}/sitemaps/2026-10.xml</loc><lastmod>2026-10-31T23:50:00+05:00</lastmod></sitemap>
</sitemapindex>
""",
        "sitemaps/news.xml": hdr + f"""<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
{news}
</urlset>
""",
        "sitemaps/2026-11.xml": hdr + f"""<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
{monthly(nov)}
</urlset>
""",
        "sitemaps/2026-10.xml": hdr + f"""<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
{monthly(octo)}
</urlset>
""",
    }


# --------------------------------------------------------------------------- silkroad-review (Ghost)
def page_silkroad(a: dict, pg: Page) -> str:
    d = local_dt(a)
    author = a["authors"][0]
    slug = author.split()[0].lower()
    words = len(a["body"].split())
    paras = "\n".join(f"<p>{inline(t)}</p>" if k == "p" else f"<h2>{inline(t)}</h2>" for k, t in blocks(a))
    more = [b for b in by_outlet("silkroad-review") if b is not a][:2]
    cards = "".join(f'<article class="gh-card"><a class="gh-card-link" href="{b["path"]}"><h3 class="gh-card-title">'
                    f'{pg.c(b["title"])}</h3></a></article>' for b in more)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<title>{esc(a["title"])}</title>
<meta name="HandheldFriendly" content="True">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="canonical" href="{{{{base}}}}{a["path"]}">
<meta name="referrer" content="no-referrer-when-downgrade">
<meta property="og:site_name" content="Silk Road Review">
<meta property="og:type" content="article">
<meta property="og:title" content="{esc(a["title"])}">
<meta name="generator" content="Ghost 5.96">
<link rel="alternate" type="application/atom+xml" title="Silk Road Review" href="{{{{base}}}}/atom.xml">
</head>
<body class="post-template tag-{a["section"].lower()}">
<div class="gh-viewport">
<header id="gh-head" class="gh-head outer"><div class="gh-head-inner inner"><div class="gh-head-brand"><a class="gh-head-logo" href="/">Silk Road Review</a></div>
<nav class="gh-head-menu"><ul class="nav"><li class="nav-news"><a href="/news/">News</a></li><li class="nav-analysis"><a href="/analysis/">Analysis</a></li><li class="nav-podcast"><a href="/podcast/">Podcast</a></li><li class="nav-about"><a href="/about/">About</a></li></ul></nav>
<div class="gh-head-actions"><a class="gh-head-button" href="#/portal/signup">{pg.c("Subscribe")}</a></div></div></header>
<main id="site-main" class="site-main">
<article class="article post tag-{a["section"].lower()}">
<header class="article-header gh-canvas">
<div class="article-tag post-card-tags"><span class="post-card-primary-tag"><a href="/tag/{a["section"].lower()}/">{esc(a["section"])}</a></span></div>
<h1 class="article-title">{esc(a["title"])}</h1>
<div class="article-byline"><div class="article-byline-content"><div class="article-byline-meta"><h4 class="author-name"><a href="/author/{slug}/" rel="author">{esc(author)}</a></h4>
<div class="byline-meta-content"><time class="byline-meta-date" datetime="{iso(d)}">{EN_MONTHS[d.month - 1][:3]} {d.day}, {d.year}</time><span class="byline-reading-time"><span class="bull">&bull;</span> {max(1, words // 200)} min read</span></div></div></div></div>
</header>
<section class="gh-content gh-canvas">
{paras}
</section>
<section class="footer-cta outer"><div class="inner"><h2 class="footer-cta-title">{pg.c("Sign up for the Silk Road Review weekly briefing")}</h2><a class="footer-cta-button" href="#/portal">{pg.c("Enter your email")}</a></div></section>
</article>
</main>
<aside class="read-more-wrap outer"><div class="read-more inner"><h2>{pg.c("Read more")}</h2>{cards}</div></aside>
<footer class="site-footer outer"><div class="inner"><section class="copyright"><a href="/">Silk Road Review</a> &copy; 2026</section><div class="gh-powered-by"><a href="https://ghost.org/">{pg.c("Powered by Ghost")}</a></div></div></footer>
</div>
</body>
</html>
"""


def feed_silkroad() -> str:
    arts = by_outlet("silkroad-review")
    entries = "\n".join(f"""  <entry>
    <title type="html">{esc(a["title"])}</title>
    <link href="{{{{base}}}}{a["path"]}" rel="alternate" type="text/html"/>
    <id>{{{{base}}}}{a["path"]}</id>
    <published>{a["published"]}</published>
    <updated>{a["published"]}</updated>
    <author><name>{esc(a["authors"][0])}</name></author>
    <summary type="html">{esc(excerpt(a))}</summary>
  </entry>""" for a in arts)
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Silk Road Review</title>
  <link href="{{{{base}}}}/atom.xml" rel="self" type="application/atom+xml"/>
  <link href="{{{{base}}}}/" rel="alternate" type="text/html"/>
  <updated>{arts[0]["published"]}</updated>
  <id>{{{{base}}}}/</id>
  <generator uri="https://ghost.org" version="5.96">Ghost</generator>
{entries}
</feed>
"""


# --------------------------------------------------------------------------- steppe-daily
def sd_sidebar(a: dict, pg: Page) -> str:
    most = [b for b in by_outlet("steppe-daily") if b is not a and not b["fault"]][:3]
    return "".join(f'<li><a href="{b["path"]}">{pg.c(b["title"])}</a></li>' for b in most)


def page_steppe(a: dict, pg: Page) -> str:
    d = local_dt(a)
    bl = blocks(a)
    body = []
    for i, (kind, txt) in enumerate(bl):
        body.append(f"<h3>{inline(txt)}</h3>" if kind == "h2" else f"<p>{inline(txt)}</p>")
        if i == 1:
            body.append(f'<div class="sd-ad" data-slot="inread"><span class="sd-ad__label">{pg.c("Advertisement")}</span></div>')
        if i == 3 and a["key"] != "sd-sponsored":
            other = [b for b in by_outlet("steppe-daily") if b is not a and not b["fault"]][-1]
            body.append(f'<p class="sd-readmore">{pg.c("Read more:")} <a href="{other["path"]}">{pg.c(other["title"])}</a></p>')
    date_html = ""
    if d:
        date_html = (f'<span class="sd-date">{d:%d.%m.%Y, %H:%M}</span>'
                     f'<meta itemprop="datePublished" content="{iso(d)}">')
    author_html = "".join(f'<span class="sd-author" itemprop="author">{esc(n)}</span>' for n in a["authors"])
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{esc(a["title"])} — Steppe Daily</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="canonical" href="{{{{base}}}}{a["path"]}">
<link rel="alternate" media="only screen and (max-width: 640px)" href="{{{{base}}}}/m/{a["sd_id"]}">
<link rel="stylesheet" href="/assets/css/sd.min.css?v=311">
</head>
<body class="sd sd-article">
<div class="sd-topbar"><span class="sd-weather">{pg.c("Almaty −4°C")}</span><span class="sd-rates">USD 512.40 · EUR 541.10 · RUB 6.38</span></div>
<header class="sd-header"><a class="sd-logo" href="/">Steppe Daily</a>
<nav class="sd-nav"><a href="/news/politics/">Politics</a><a href="/news/economy/">Economy</a><a href="/news/energy/">Energy</a><a href="/news/almaty/">Almaty</a><a href="/explainers/">Explainers</a></nav></header>
<div class="sd-wrap">
<div class="sd-content" itemscope itemtype="https://schema.org/NewsArticle">
<div class="sd-rubric">{esc(a["section"])}</div>
<h1 class="sd-headline" itemprop="headline">{esc(a["title"])}</h1>
<div class="sd-meta">{date_html}{author_html}</div>
<div class="sd-text" itemprop="articleBody">
{chr(10).join(body)}
</div>
<div class="sd-share">{pg.c("Share:")} <a href="#">Facebook</a> <a href="#">Telegram</a> <a href="#">WhatsApp</a></div>
</div>
<aside class="sd-sidebar"><h3>{pg.c("Most read")}</h3><ul>{sd_sidebar(a, pg)}</ul></aside>
</div>
<footer class="sd-footer">{pg.c("© 2014–2026 Steppe Daily. Full or partial reproduction of materials requires a hyperlink to steppe-daily.")}</footer>
</body>
</html>
"""


def page_steppe_mobile(a: dict, pg: Page) -> str:
    d = local_dt(a)
    paras = "\n".join(f"<p>{inline(t)}</p>" for k, t in blocks(a))
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(a["title"])} — Steppe Daily (mobile)</title>
<link rel="canonical" href="{{{{base}}}}{a["path"]}">
</head>
<body class="m">
<div class="m-bar"><a class="m-logo" href="/m/">Steppe Daily</a> <a class="m-full" href="{a["path"]}">{pg.c("Full version")}</a></div>
<div class="m-article" itemscope itemtype="https://schema.org/NewsArticle">
<h1 itemprop="headline">{esc(a["title"])}</h1>
<div class="m-meta"><span class="m-date">{d:%d.%m.%Y, %H:%M}</span><meta itemprop="datePublished" content="{iso(d)}"> <span itemprop="author">{esc(a["authors"][0])}</span></div>
<div class="m-body" itemprop="articleBody">
{paras}
</div>
</div>
<div class="m-more"><h3>{pg.c("Most read")}</h3><ul>{sd_sidebar(a, pg)}</ul></div>
<div class="m-foot">{pg.c("© 2014–2026 Steppe Daily")}</div>
</body>
</html>
"""


def page_steppe_redesign(a: dict) -> str:
    """_variants/redesign: new template, body as <br>-separated text in divs, no date metadata."""
    txt = "<br><br>\n".join(inline(t) for k, t in blocks(a))
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Steppe Daily | {esc(a["title"])}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<script>window.__SD_STATE__={{"route":"article","id":{a["sd_id"]}}};</script>
</head>
<body>
<div id="app" class="v2">
<div class="v2-nav"><div class="v2-nav__logo">STEPPE/DAILY</div><div class="v2-nav__links"><span>Politics</span><span>Economy</span><span>Energy</span><span>Almaty</span></div></div>
<div class="v2-hero"><div class="v2-hero__title" role="heading" aria-level="1">{esc(a["title"])}</div><div class="v2-hero__by">{esc(", ".join(a["authors"]))}</div></div>
<div class="v2-grid"><div class="v2-col v2-col--main"><div class="c-rte"><div class="c-rte__txt">
{txt}
</div></div></div>
<div class="v2-col v2-col--side"><div class="v2-widget">Trending now</div></div></div>
<div class="v2-footer">Steppe Daily 2026</div>
</div>
</body>
</html>
"""


def feed_steppe(build_date: str) -> str:
    arts = {a["key"]: a for a in by_outlet("steppe-daily")}

    def item(a, link, guid):
        d = local_dt(a)
        pub = f"\n      <pubDate>{rfc822(d)}</pubDate>" if d else ""
        return f"""    <item>
      <title>{esc(a["title"])}</title>
      <link>{esc(link)}</link>
      <guid isPermaLink="false">{guid}</guid>{pub}
      <category>{esc(a["section"])}</category>
      <description>{esc(excerpt(a, 30))}</description>
    </item>"""
    m, c, n, s, w = (arts["sd-almaty-metro"], arts["sd-china-ca-astana"], arts["sd-npp"],
                     arts["sd-sponsored"], arts["sd-winter-explainer"])
    items = [
        item(m, "{{base}}" + m["path"] + m["tracking_alias"] + "#comments", "sd-4471-top"),
        item(m, "{{base}}" + m["path"], "sd-4471"),
        item(n, "{{base}}" + n["redirect_alias"], "sd-4470"),
        item(s, "{{base}}" + s["path"], "sd-4469"),
        item(c, "{{base}}" + c["mobile_alias"], "sd-4468"),
        item(w, "{{base}}" + w["path"], "sd-4402"),
    ]
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
  <channel>
    <title>Steppe Daily — all news</title>
    <link>{{{{base}}}}/</link>
    <description>News from Kazakhstan and the steppe</description>
    <language>en</language>
    <lastBuildDate>{build_date}</lastBuildDate>
    <ttl>15</ttl>
{chr(10).join(items)}
  </channel>
</rss>
"""


# --------------------------------------------------------------------------- dolina
def page_dolina(a: dict, pg: Page) -> str:
    d = local_dt(a)
    ra = read_also_items(a)
    body = []
    for i, (kind, txt) in enumerate(blocks(a)):
        body.append(f"<p>{inline(txt)}</p>")
        if i == 0 and a.get("caption"):
            cap, credit = a["caption"]
            body.append(f'<figure class="wp-caption"><img src="/wp-content/uploads/2026/11/{a["key"]}.jpg" alt="">'
                        f'<figcaption>{pg.c(cap)}. {pg.c(credit)}</figcaption></figure>')
        if i in ra:
            t, href = ra[i]
            body.append(f'<p><strong>{pg.c("Читайте также:")}</strong> <a href="{esc(href)}">{pg.c(t)}</a></p>')
    body.append(f'<p class="tg-link"><a href="https://t.me/dolina_news">{pg.c("Подписывайтесь на «Долину» в Telegram")}</a></p>')
    side = [b for b in by_outlet("dolina") if b is not a]
    sideh = "".join(f'<li><span class="t">{local_dt(b):%H:%M}</span> <a href="{b["path"]}">{pg.c(b["title"])}</a></li>'
                    for b in side)
    return f"""<!DOCTYPE html>
<html lang="ru">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(a["title"])} | Долина</title>
<link rel="canonical" href="{{{{base}}}}{a["path"]}">
<meta property="og:title" content="{esc(a["title"])}">
<meta property="og:locale" content="ru_RU">
</head>
<body class="single">
<header class="header"><div class="header__logo"><a href="/">Долина</a></div>
<nav class="header__nav"><a href="/politics/">Политика</a><a href="/economy/">Экономика</a><a href="/society/">Общество</a><a href="/world/">Мир</a><a href="/sport/">Спорт</a></nav>
<div class="header__lang"><a href="/uz/">O‘zbekcha</a> | <span>Русский</span></div></header>
<main class="container"><div class="row"><div class="col-main">
<article class="post">
<div class="post-cat">{esc(a["section"])}</div>
<h1 class="post-title">{esc(a["title"])}</h1>
<div class="post-info"><span class="post-date">{d:%d.%m.%Y %H:%M}</span> <span class="post-views">&#128065; 3 412</span></div>
<div class="post-content">
{chr(10).join(body)}
</div>
<div class="post-author">Текст: {esc(a["authors"][0])}</div>
</article></div>
<aside class="col-side"><h3 class="side-title">{pg.c("Лента новостей")}</h3><ul class="feed-list">{sideh}</ul></aside>
</div></main>
<footer class="footer">{pg.c("© 2026 «Долина». Все права защищены.")} 16+</footer>
</body>
</html>
"""


def feed_dolina() -> str:
    items = "\n".join(f"""	<item>
		<title>{esc(a["title"])}</title>
		<link>{{{{base}}}}{a["path"]}</link>
		<pubDate>{rfc822(local_dt(a))}</pubDate>
		<category><![CDATA[{a["section"]}]]></category>
		<guid isPermaLink="true">{{{{base}}}}{a["path"]}</guid>
		<description><![CDATA[{excerpt(a, 30)}]]></description>
	</item>""" for a in by_outlet("dolina"))
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
	<title>Долина — новости Узбекистана</title>
	<atom:link href="{{{{base}}}}/rss" rel="self" type="application/rss+xml" />
	<link>{{{{base}}}}/</link>
	<description>Новости Узбекистана и Центральной Азии</description>
	<language>ru-RU</language>
	<lastBuildDate>Sun, 22 Nov 2026 17:35:00 +0500</lastBuildDate>
{items}
</channel>
</rss>
"""


# --------------------------------------------------------------------------- oasis-news (broken)
OASIS_FAULTS = [
    dict(key="on-404", path="/news/2026/11/19/withdrawn-tender-results", fault="http_404",
         title="Tender results for Ashgabat ring road withdrawn", published="2026-11-19T12:00:00+05:00"),
    dict(key="on-slow", path="/news/2026/11/21/cotton-harvest-report", fault="timeout",
         title="Cotton harvest report delayed", published="2026-11-21T08:00:00+05:00"),
    dict(key="on-loop", path="/loop/a", fault="redirect_loop",
         title="Caspian shipping update", published="2026-11-20T16:00:00+05:00"),
    dict(key="on-big", path="/news/2026/11/20/state-budget-2027-full-text", fault="too_large",
         title="Full text: State budget for 2027", published="2026-11-20T18:00:00+05:00"),
    dict(key="on-tag", path="/tag/energy/", fault="no_article",
         title="Energy", published="2026-11-21T10:00:00+05:00"),
]


def page_oasis(a: dict, pg: Page) -> str:
    d = local_dt(a)
    paras = "\n".join(f"<p>{inline(t)}</p>" for k, t in blocks(a))
    return f"""<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>{esc(a["title"])} :: Oasis News</title>
<meta property="article:published_time" content="{iso(d)}">
<meta name="author" content="{esc(a["authors"][0])}">
<link rel="canonical" href="{{{{base}}}}{a["path"]}">
</head>
<body>
<div id="wrapper">
<div id="top"><a href="/">Oasis News</a> — {pg.c("Turkmenistan and the Caspian, in English")}</div>
<div id="menu"><a href="/news/">News</a> | <a href="/tag/energy/">Energy</a> | <a href="/tag/transport/">Transport</a> | <a href="/contacts/">Contacts</a></div>
<div id="story">
<h1>{esc(a["title"])}</h1>
<p class="info">{d.day} {EN_MONTHS[d.month - 1]} {d.year}, {d:%H:%M} &middot; {esc(a["authors"][0])}</p>
<div id="storytext">
{paras}
</div>
</div>
<div id="bottom">{pg.c("© Oasis News 2026. Materials may be reproduced with attribution.")}</div>
</div>
</body>
</html>
"""


def oasis_static() -> dict[str, str]:
    arts = by_outlet("oasis-news")
    teasers = "\n".join(f'<li><a href="{a["path"]}">{esc(a["title"])}</a><p>{esc(excerpt(a, 25))}</p></li>' for a in arts)
    tag = f"""<html>
<head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><title>Energy :: Oasis News</title>
<link rel="canonical" href="{{{{base}}}}/tag/energy/"></head>
<body><div id="wrapper"><div id="top"><a href="/">Oasis News</a> — Turkmenistan and the Caspian, in English</div>
<div id="menu"><a href="/news/">News</a> | <a href="/tag/energy/">Energy</a> | <a href="/tag/transport/">Transport</a> | <a href="/contacts/">Contacts</a></div>
<div id="tagpage"><h1>Tag: Energy</h1>
<ul class="teasers">
{teasers}
<li><a href="/news/2026/11/17/gas-exports">Gas exports to China steady in October</a><p>Deliveries through the Central Asia–China pipeline were unchanged from September.</p></li>
<li><a href="/news/2026/11/12/solar-mary">Solar plant planned near Mary</a><p>The plant would be the country's first utility-scale solar project.</p></li>
</ul>
<div class="pager"><span>1</span> <a href="/tag/energy/page/2/">2</a> <a href="/tag/energy/page/3/">3</a> <a href="/tag/energy/page/2/">Next &raquo;</a></div>
</div><div id="bottom">© Oasis News 2026. Materials may be reproduced with attribution.</div></div></body></html>
"""
    e404 = """<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><title>Page not found :: Oasis News</title></head>
<body><div id="wrapper"><div id="top"><a href="/">Oasis News</a></div><h1>404 — Page not found</h1>
<p>The page you are looking for has been removed or never existed. <a href="/">Back to the front page</a>.</p></div></body></html>
"""
    e500 = """<html>
<head><title>500 Internal Server Error</title></head>
<body>
<center><h1>500 Internal Server Error</h1></center>
<hr><center>nginx/1.18.0</center>
</body>
</html>
"""
    slow = """<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><title>Cotton harvest report delayed :: Oasis News</title>
<meta property="article:published_time" content="2026-11-21T08:00:00+05:00"></head>
<body><div id="wrapper"><div id="story"><h1>Cotton harvest report delayed</h1><p class="info">21 November 2026, 08:00</p>
<div id="storytext"><p>This page answers only after a long delay. A crawler whose download timeout is shorter than the delay must give up on it; the text below exists so that a crawler without a timeout would wrongly store it.</p>
<p>Turkmenistan's Ministry of Agriculture postponed publication of the cotton harvest report until next week, officials said, without giving a reason. Farmers in the Dashoguz and Lebap regions said picking had been slowed by early frosts.</p></div></div></div></body></html>
"""
    return {"tag/energy/index.html": tag, "_errors/404.html": e404, "_errors/500.html": e500,
            "news/2026/11/21/cotton-harvest-report.html": slow}


def oasis_feeds() -> dict[str, str]:
    arts = by_outlet("oasis-news")
    ferry, gal = BY_KEY["on-ferry"], BY_KEY["on-galkynysh"]

    def item(title, path, d, desc=""):
        return f"""  <item>
    <title>{title}</title>
    <link>{{{{base}}}}{path}</link>
    <guid>{{{{base}}}}{path}</guid>
    <pubDate>{rfc822(d)}</pubDate>
    <description>{desc}</description>
  </item>"""
    items = [item(esc(a["title"]), a["path"], local_dt(a), esc(excerpt(a, 25))) for a in arts]
    for f in OASIS_FAULTS:
        items.append(item(esc(f["title"]), f["path"], datetime.fromisoformat(f["published"])))
    head = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
<channel>
  <title>Oasis News{sub}</title>
  <link>{{{{base}}}}/</link>
  <description>Turkmenistan and the Caspian, in English</description>
  <lastBuildDate>Sat, 21 Nov 2026 12:00:00 +0500</lastBuildDate>
"""
    latest = head.format(sub="") + "\n".join(items) + "\n</channel>\n</rss>\n"
    xxe = ("""<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE rss [
  <!ENTITY xxe SYSTEM "file:///etc/passwd">
]>
<rss version="2.0">
<channel>
  <title>Oasis News — partner digest &xxe;</title>
  <link>{{base}}/</link>
  <description>&xxe;</description>
""" + item("Partner digest: " + esc(ferry["title"]) + " &xxe;", ferry["path"], local_dt(ferry), "&xxe;")
           + "\n</channel>\n</rss>\n")
    malformed = (head.format(sub=" — regions") + f"""  <item>
    <title>Regions & provinces: {esc(gal["title"])}</title>
    <link>{{{{base}}}}{gal["path"]}</link>
    <pubDate>{rfc822(local_dt(gal))}</pubDate>
    <description><p>Turkmengaz signs contract for <b>Galkynysh</description>
  </item>
  <item>
    <title>Dashoguz region prepares for win""")
    archive = head.format(sub=" — archive") + "\n".join(items[:2]) + "\n</channel>\n</rss>\n"
    return {"rss/latest.xml": latest, "rss/partners.xml": xxe, "rss/regions.xml": malformed,
            "rss/archive.xml": archive}


# --------------------------------------------------------------------------- toml writer
def tval(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return repr(v)
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)
    if isinstance(v, list):
        return "[" + ", ".join(tval(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{ " + ", ".join(f"{json.dumps(k)} = {tval(x)}" for k, x in v.items()) + " }"
    raise TypeError(v)


def headers_toml(rules: dict[str, dict], comment: str) -> str:
    out = [f"# {line}" for line in comment.splitlines()] + [""]
    for key, rule in rules.items():
        out.append(f"[{json.dumps(key)}]")
        for k, v in rule.items():
            out.append(f"{k} = {tval(v)}")
        out.append("")
    return "\n".join(out)


def outlets_toml() -> str:
    out = ["# Outlets of the fixture news web, read by tests/newsweb/server.py.",
           "# Generated by tests/newsweb/build/build_site.py; edit there.", ""]
    for o in OUTLETS:
        out.append("[[outlet]]")
        for k in ("name", "display", "ip", "country", "language", "cms", "tz", "html_content_type"):
            if k in o:
                out.append(f"{k} = {tval(o[k])}")
        out.append("feeds = [")
        for f in o["feeds"]:
            out.append(f"  {tval(f)},")
        out.append("]")
        out.append(f"quirks = {tval(o['quirks'])}")
        out.append("")
    return "\n".join(out)


# --------------------------------------------------------------------------- main
RENDER = {"asiawire": page_asiawire, "glr": page_glr, "kuryer": page_kuryer, "qazaq-times": page_qazaq,
          "silkroad-review": page_silkroad, "steppe-daily": page_steppe, "dolina": page_dolina,
          "oasis-news": page_oasis}


def file_for(path: str) -> str:
    """URL path -> file path relative to the outlet dir (mirrors the server's lookup)."""
    p = path.split("?")[0].lstrip("/")
    if p == "" or p.endswith("/"):
        return p + "index.html"
    if "." in p.rsplit("/", 1)[-1]:
        return p
    return p + ".html"


def body_text(a: dict) -> str:
    parts = []
    if a.get("lead"):
        parts.append(a["lead"])
    parts += [plain(t) for k, t in blocks(a)]
    return "\n\n".join(parts)


def write(outlet: str, rel: str, text: str, encoding: str = "utf-8") -> None:
    p = SITE / outlet / rel
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_bytes(text.encode(encoding))


def main() -> None:
    if SITE.exists():
        shutil.rmtree(SITE)
    SITE.mkdir(parents=True)
    (SITE / "outlets.toml").write_text(outlets_toml(), encoding="utf-8")
    expected: list[dict] = []
    feeds_of = {}
    headers: dict[str, dict[str, dict]] = {o["name"]: {} for o in OUTLETS}

    for a in ARTICLES:
        o = a["outlet"]
        pg = Page()
        enc = "windows-1251" if o == "kuryer" else "utf-8"
        write(o, file_for(a["path"]), RENDER[o](a, pg), enc)
        body = body_text(a)
        words = len(body.split())
        assert 200 <= words <= 600 or a["fault"], (a["key"], words)
        if a.get("mobile_alias"):  # the feed links the mobile page: its clutter is what the crawler sees
            pg = Page()
            write(o, file_for(a["mobile_alias"]), page_steppe_mobile(a, pg))
        if o == "kuryer" and a.get("charset_in_header"):
            headers[o][a["path"]] = {"headers": {"Content-Type": "text/html; charset=windows-1251"}}
        if a.get("no_charset_header"):
            headers[o][a["path"]] = {"headers": {"Content-Type": "text/html"}}
        if a.get("wp_id"):
            headers[o][f"/?p={a['wp_id']}"] = {"status": 301, "redirect": a["path"]}
        if a.get("redirect_alias"):
            headers[o][a["redirect_alias"]] = {"status": 301, "redirect": a["path"]}
        if a["transient"]:
            code = int(a["transient"].split("_")[1])
            headers[o][a["path"]] = {"fail_first": {"status": code, "count": 1, "retry_after": "1"}}
        for c in pg.clutter:
            assert c not in body, (a["key"], c)
        aliases = []
        if a.get("mobile_alias"):
            pass  # the alias is the fetched path itself, see below
        if a.get("tracking_alias"):
            aliases.append(a["path"] + a["tracking_alias"])
        if a.get("redirect_alias"):
            aliases.append(a["redirect_alias"])
        if a.get("wp_id"):
            aliases.append(f"/?p={a['wp_id']}")
        u = utc(a)
        rec = dict(
            kind="fault" if a["fault"] else "article",
            outlet=o,
            path=a.get("mobile_alias") or a["path"],
            canonical_path=a["path"],
            aliases=aliases,
            feed=OUTLET[o]["feeds"][0]["name"],
            title=a["title"],
            published_at=u.strftime("%Y-%m-%dT%H:%M:%SZ") if u else None,
            date_precision=a["precision"],
            authors=a["authors"],
            language=a["language"],
            relevant=a["relevant"],
            body=body,
            clutter=pg.clutter,
            event=a["event"],
            fault=a["fault"],
            offsite=False,
            transient=a["transient"],
            charset=enc,
        )
        if a.get("feed_published"):
            fp = datetime.fromisoformat(a["feed_published"]).astimezone(UTC)
            rec["feed_published_at"] = fp.strftime("%Y-%m-%dT%H:%M:%SZ")
            rec["note"] = ("Deliberate disagreement: the feed pubDate is the later update time; "
                           "the page's article:published_time wins.")
        if a.get("mobile_alias"):
            rec["note"] = "The feed links the mobile page; its <link rel=canonical> points to canonical_path."
        if a["published"] is None:
            rec["note"] = "Neither the page nor the feed item carries any date."
        if a["precision"] == "day":
            rec["note"] = "The page shows only the day (no time); the feed has no pubDate."
        if a["transient"]:
            rec["note"] = (f"First request answers {a['transient'][5:]} with Retry-After: 1, later ones 200; "
                           "a crawler must retry and store it.")
        if a["fault"] == "robots_disallowed":
            rec["note"] = "robots.txt disallows /sponsored/: must not be fetched or stored."
        expected.append(rec)

    # feeds & static extras
    write("asiawire", "feed/index.xml", feed_asiawire())
    write("asiawire", "robots.txt", "User-agent: *\nDisallow: /wp-admin/\nAllow: /wp-admin/admin-ajax.php\n\n"
                                    "Sitemap: {{base}}/wp-sitemap.xml\n")
    write("glr", "feed.atom", feed_glr())
    write("glr", "robots.txt", "User-agent: *\nDisallow: /en/search\nDisallow: /_next/data/\n")
    write("kuryer", "rss.xml", feed_kuryer(), "windows-1251")
    headers["kuryer"]["/robots.txt"] = {"headers": {"Content-Type": "text/plain"}}
    write("kuryer", "robots.txt", "User-agent: *\nDisallow: /bitrix/\nDisallow: /search/\nDisallow: /auth/\n\n"
                                  "User-agent: Yandex\nDisallow: /bitrix/\nClean-param: utm_source&utm_medium&utm_campaign\n")
    for rel, txt in qazaq_sitemaps().items():
        write("qazaq-times", rel, txt)
    write("qazaq-times", "robots.txt", "User-agent: *\nAllow: /\n\nSitemap: {{base}}/sitemap.xml\n")
    write("silkroad-review", "atom.xml", feed_silkroad())
    write("silkroad-review", "robots.txt", "User-agent: *\nSitemap: {{base}}/sitemap.xml\nDisallow: /ghost/\n"
                                           "Disallow: /p/\nDisallow: /email/\n")
    write("steppe-daily", "rss/all.xml", feed_steppe("Sat, 21 Nov 2026 11:05:00 +0500"))
    write("steppe-daily", "robots.txt", "User-agent: *\nDisallow: /sponsored/\nDisallow: /search\n"
                                        "Disallow: /*?print=1\n")
    write("dolina", "rss", feed_dolina())
    write("dolina", "robots.txt", "User-agent: *\nDisallow: /wp-admin/\nAllow: /wp-admin/admin-ajax.php\n")
    for rel, txt in {**oasis_static(), **oasis_feeds()}.items():
        write("oasis-news", rel, txt)

    # oasis-news behaviours
    h = headers["oasis-news"]
    h["/rss/archive.xml"] = {"status": 500, "headers": {"Content-Type": "text/html", "Server": "nginx/1.18.0"}}
    h["/news/2026/11/21/cotton-harvest-report"] = {"delay": 30.0}
    h["/loop/a"] = {"status": 302, "redirect": "/loop/b"}
    h["/loop/b"] = {"status": 302, "redirect": "/loop/a"}
    h["/news/2026/11/20/state-budget-2027-full-text"] = {"generate": "oversized", "size": 3 * 1024 * 1024}
    h["/news/2026/11/19/withdrawn-tender-results"] = {"status": 404}
    for f in OASIS_FAULTS:
        expected.append(dict(kind="fault", outlet="oasis-news", path=f["path"], canonical_path=f["path"],
                             feed="oasis-news", title=f["title"], fault=f["fault"],
                             note={"http_404": "Feed item points to a page that answers 404.",
                                   "timeout": "Answers only after delay 30 s x delay_scale (interruptible).",
                                   "redirect_loop": "/loop/a -> 302 /loop/b -> 302 /loop/a ...",
                                   "too_large": "Generated 3 MiB HTML (Content-Length sent).",
                                   "no_article": "Tag index page: teasers only, no article."}[f["fault"]]))
    for name, path, fault, note in [
        ("oasis-news-partners", "/rss/partners.xml", "xxe_feed",
         "DOCTYPE declares <!ENTITY xxe SYSTEM 'file:///etc/passwd'>; a safe parser must not resolve it. "
         "Its one item links an article that latest.xml also lists."),
        ("oasis-news-regions", "/rss/regions.xml", "malformed_feed",
         "Unescaped &, unclosed tags, truncated. Its only complete link is an article latest.xml also lists."),
        ("oasis-news-archive", "/rss/archive.xml", "http_500", "Feed URL answers 500 every time."),
    ]:
        rec = dict(kind="fault", outlet="oasis-news", path=path, canonical_path=path, feed=name, title=None,
                   fault=fault, note=note)
        if fault == "xxe_feed":
            rec["must_not_contain"] = ["root:x:0:0", "/bin/bash", "/usr/sbin/nologin"]
        expected.append(rec)
    off = BY_KEY[OFFSITE_KEY]
    expected.append(dict(kind="offsite_link", outlet="glr", path=off["path"], canonical_path=off["path"],
                         feed="glr", target_outlet="asiawire", title=off["title"], fault=None, offsite=True,
                         note="glr's Atom feed links this asiawire article ({{base:asiawire}}). With offsite "
                              "filtering it must not be fetched as glr; the article is stored once, under "
                              "asiawire, which lists it in its own feed."))

    for o, rules in headers.items():
        if rules:
            write(o, "_headers.toml", headers_toml(
                rules, f"Per-path overrides for {o}. Keys: exact path (with ?query if any) or fnmatch pattern.\n"
                       "Fields: status, headers, delay (s, x delay_scale), redirect, fail_first, generate, size,"
                       " last_modified."))

    # steppe-daily variants
    write("steppe-daily", "_variants/silent/rss/all.xml", feed_steppe("Mon, 23 Nov 2026 06:00:00 +0500"))
    variant_expect = []
    for a in by_outlet("steppe-daily"):
        if a["fault"]:
            continue
        write("steppe-daily", "_variants/redesign/" + file_for(a["path"]), page_steppe_redesign(a))
        variant_expect.append(dict(outlet="steppe-daily", variant="redesign", path=a["path"], title=a["title"],
                                   published_at=None, authors=a["authors"], body=body_text(a)))
    ma = BY_KEY["sd-china-ca-astana"]
    write("steppe-daily", "_variants/redesign/" + file_for(ma["mobile_alias"]), page_steppe_redesign(ma))

    order = {o["name"]: i for i, o in enumerate(OUTLETS)}
    expected.sort(key=lambda r: (order[r["outlet"]], r["kind"] != "article", r["path"]))
    (SITE / "expected.json").write_text(json.dumps(expected, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    (SITE / "expected_variants.json").write_text(
        json.dumps(dict(silent=dict(outlet="steppe-daily", path="/rss/all.xml",
                                    note="Same six items as the normal feed, only lastBuildDate changes: "
                                         "no new entries."),
                        redesign=variant_expect), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    n_art = sum(1 for r in expected if r["kind"] == "article")
    print(f"wrote {SITE}: {n_art} articles, {len(expected) - n_art} other records")


if __name__ == "__main__":
    main()
