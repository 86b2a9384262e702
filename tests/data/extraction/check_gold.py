#!/usr/bin/env python3
"""Consistency checks for the extraction gold set (stdlib only).

For every <id>.json / <id>.html(.gz) pair in this directory:

* the JSON has the expected fields, types and value sets;
* the page bytes decode with the declared `encoding`; windows-1251 / koi8-r
  pages must NOT decode as UTF-8; the charset declaration in the markup matches
  `charset_declaration` (and is really absent for "none");
* every paragraph of `text` occurs in the page's visible text (tags stripped,
  entities unescaped, whitespace incl. NBSP folded to one space), in order;
* every `clutter` string occurs in the visible text and none of them occurs in
  `text`; the headline occurs in the visible text; og:title matches `og_title`;
* `published_at` agrees with the source named in `date_source` (JSON-LD,
  article:published_time, <time datetime>, the visible `date_text` interpreted
  in `tz`, or the URL path), no higher-priority source exists on the page, and
  every other machine-readable publish date present agrees with it;
* JSON-LD articleBody (when flagged) equals the text modulo whitespace;
* body length is 150-700 words.

Usage: python3 tests/data/extraction/check_gold.py [-v]
Exit status is non-zero if any check fails.
"""
import datetime as dt
import gzip
import json
import re
import sys
from html.parser import HTMLParser
from pathlib import Path
from zoneinfo import ZoneInfo

HERE = Path(__file__).resolve().parent
UTC = dt.timezone.utc

ENCODINGS = {"utf-8": "utf-8", "windows-1251": "cp1251", "koi8-r": "koi8_r"}
DECLS = {"meta-charset", "http-equiv", "none"}
DATE_SOURCES = ["jsonld", "opengraph", "time-tag", "visible-text", "url", "none"]  # priority order
PRECISIONS = {"minute", "day", None}
ARTICLE_TYPES = {"NewsArticle", "Article", "BlogPosting", "LiveBlogPosting", "ReportageNewsArticle",
                 "AnalysisNewsArticle", "WebPage"}
REQUIRED = {"url": str, "layout": str, "encoding": str, "charset_declaration": str, "language": str,
            "title": str, "text": str, "date_source": str, "authors": list, "clutter": list}

INLINE = {"a", "abbr", "b", "bdi", "bdo", "big", "cite", "code", "data", "dfn", "em", "font", "i", "kbd",
          "label", "mark", "nobr", "q", "s", "samp", "small", "span", "strike", "strong", "sub", "sup",
          "time", "tt", "u", "var", "wbr", "img"}
SKIP = {"script", "style", "template", "noscript", "title"}

RU_MONTHS = {m: i + 1 for i, m in enumerate(
    ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября",
     "ноября", "декабря"])}
EN_MONTHS = {m: i + 1 for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"])}


# --------------------------------------------------------------------- visible text
class _Visible(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out, self.skip = [], 0
        self.times, self.metas = [], []

    def handle_starttag(self, tag, attrs):
        d = dict(attrs)
        if tag == "time" and d.get("datetime"):
            self.times.append(d["datetime"])
        if tag == "meta":
            self.metas.append(d)
        if tag in SKIP:
            self.skip += 1
        elif tag not in INLINE:
            self.out.append("\n")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag in SKIP:
            self.skip -= 1

    def handle_endtag(self, tag):
        if tag in SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag not in INLINE:
            self.out.append("\n")

    def handle_data(self, data):
        if not self.skip:
            self.out.append(data)


def fold(s):
    return re.sub(r"\s+", " ", s).strip()  # \s covers NBSP and other Unicode spaces


def parse_page(html):
    p = _Visible()
    p.feed(html)
    p.close()
    return fold("".join(p.out)), p.times, p.metas


# --------------------------------------------------------------------- dates
def parse_iso(s):
    s = s.strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", s):
        return dt.datetime.fromisoformat(s), "day"
    d = dt.datetime.fromisoformat(s.replace("Z", "+00:00"))
    if d.tzinfo is None:
        raise ValueError("naive datetime %r" % s)
    return d.astimezone(UTC), "minute"


def iso_matches(value, gold, precision):
    d, prec = parse_iso(value)
    if prec == "day":
        return precision == "day" and d.strftime("%Y-%m-%dT00:00:00Z") == gold
    return d.strftime("%Y-%m-%dT%H:%M:00Z") == gold if precision == "minute" else True


def parse_visible_date(s):
    """-> (y, m, d, H, M) with H/M None when the string has no time."""
    m = re.search(r"(\d{1,2})\.(\d{2})\.(\d{4})(?:\s*[,-]?\s*(\d{1,2}):(\d{2}))?", s)
    if m:
        g = m.groups()
        return int(g[2]), int(g[1]), int(g[0]), g[3] and int(g[3]), g[4] and int(g[4])
    m = re.search(r"(\d{1,2})\s+([а-яё]+)\s+(\d{4})(?:\s*г\.)?(?:,?\s*(\d{1,2}):(\d{2}))?", s, re.I)
    if m and m.group(2).lower() in RU_MONTHS:
        g = m.groups()
        return int(g[2]), RU_MONTHS[g[1].lower()], int(g[0]), g[3] and int(g[3]), g[4] and int(g[4])
    m = re.search(r"([A-Za-z]{3,9})\.?\s+(\d{1,2}),\s+(\d{4})(?:\s*[|,]?\s*(\d{1,2}):(\d{2})\s*([AaPp][Mm])?)?", s)
    if m and m.group(1)[:3].lower() in EN_MONTHS:
        g = m.groups()
        h = g[3] and int(g[3])
        if h is not None and g[5]:
            h = h % 12 + (12 if g[5].lower() == "pm" else 0)
        return int(g[2]), EN_MONTHS[g[0][:3].lower()], int(g[1]), h, g[4] and int(g[4])
    m = re.search(r"(\d{1,2})\s+([A-Za-z]{3,9})\s+(\d{4})(?:,\s*(\d{1,2}):(\d{2}))?", s)
    if m and m.group(2)[:3].lower() in EN_MONTHS:
        g = m.groups()
        return int(g[2]), EN_MONTHS[g[1][:3].lower()], int(g[0]), g[3] and int(g[3]), g[4] and int(g[4])
    raise ValueError("unparseable visible date %r" % s)


def jsonld_nodes(html):
    nodes = []
    for block in re.findall(r'<script[^>]+type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S | re.I):
        data = json.loads(block)
        for top in (data if isinstance(data, list) else [data]):
            nodes.extend(top.get("@graph", [top]))
    return nodes


def jsonld_published(nodes):
    out = []
    for n in nodes:
        types = n.get("@type")
        types = set(types) if isinstance(types, list) else {types}
        if types & ARTICLE_TYPES and "datePublished" in n:
            out.append(n["datePublished"])
    return out


def og_published(metas):
    return [m.get("content", "") for m in metas if m.get("property") == "article:published_time"]


# --------------------------------------------------------------------- checks
def load_bytes(path):
    raw = path.read_bytes()
    if path.name.endswith(".gz"):
        if raw[:2] != b"\x1f\x8b":
            raise ValueError("not gzip data")
        raw = gzip.decompress(raw)
    return raw


def declared_charset(raw):
    head = raw[:4096].decode("ascii", "replace")
    m = re.search(r'<meta\s+charset=["\']?([\w-]+)', head, re.I)
    if m:
        return "meta-charset", m.group(1).lower()
    m = re.search(r'<meta\s+http-equiv=["\']?content-type["\']?\s+content=["\'][^"\']*charset=([\w-]+)', head, re.I)
    if m:
        return "http-equiv", m.group(1).lower()
    return "none", None


def check_pair(jpath, verbose=False):
    errs = []
    E = errs.append
    try:
        g = json.loads(jpath.read_text(encoding="utf-8"))
    except Exception as exc:  # noqa
        return ["invalid JSON: %s" % exc], None

    for k, t in REQUIRED.items():
        if not isinstance(g.get(k), t):
            E("field %r missing or not %s" % (k, t.__name__))
    if errs:
        return errs, g
    stem = jpath.name[:-5]
    cands = [HERE / (stem + ".html"), HERE / (stem + ".html.gz")]
    pages = [c for c in cands if c.exists()]
    if len(pages) != 1:
        return ["expected exactly one of %s" % [c.name for c in cands]], g
    page = pages[0]
    if g.get("file", page.name) != page.name:
        E("file field %r != %s" % (g.get("file"), page.name))

    # ---- schema values
    if g["encoding"] not in ENCODINGS:
        E("bad encoding %r" % g["encoding"])
        return errs, g
    if g["charset_declaration"] not in DECLS:
        E("bad charset_declaration")
    if g["language"] not in ("en", "ru"):
        E("bad language")
    if g["date_source"] not in DATE_SOURCES:
        E("bad date_source")
    if g.get("date_precision") not in PRECISIONS:
        E("bad date_precision")
    if not all(isinstance(a, str) and a.strip() for a in g["authors"]):
        E("authors must be non-empty strings")
    if not all(isinstance(c, str) and c.strip() for c in g["clutter"]):
        E("clutter must be non-empty strings")
    if not g["url"].startswith(("http://", "https://")):
        E("url must be absolute")

    # ---- bytes & encoding
    try:
        raw = load_bytes(page)
    except Exception as exc:  # noqa
        return errs + ["cannot read page: %s" % exc], g
    codec = ENCODINGS[g["encoding"]]
    try:
        html = raw.decode(codec)
    except UnicodeDecodeError as exc:
        return errs + ["does not decode as %s: %s" % (g["encoding"], exc)], g
    if codec != "utf-8":
        try:
            raw.decode("utf-8")
            E("%s page unexpectedly decodes as UTF-8" % g["encoding"])
        except UnicodeDecodeError:
            pass
    if raw.startswith(b"\xef\xbb\xbf"):
        E("page has a BOM")
    kind, label = declared_charset(raw)
    if kind != g["charset_declaration"]:
        E("charset declaration in markup is %r, JSON says %r" % (kind, g["charset_declaration"]))
    if label and ENCODINGS.get(label, label) != codec and not (label == "cp1251" and codec == "cp1251"):
        E("declared charset %r != encoding %r" % (label, g["encoding"]))
    if kind == "none" and re.search(rb"charset", raw, re.I):
        E("charset_declaration none, but 'charset' occurs in the page")

    if not re.match(r"(?is)\s*<!doctype html", html):
        E("page does not start with a doctype")

    vis, times, metas = parse_page(html)

    # ---- title
    if fold(g["title"]) not in vis:
        E("title not in visible text")
    ogt = [m.get("content") for m in metas if m.get("property") == "og:title"]
    if g.get("og_title") is not None:
        if ogt != [g["og_title"]]:
            E("og:title %r != og_title %r" % (ogt, g["og_title"]))
        elif not g["og_title"].startswith(g["title"]):
            E("og_title does not start with title")
    elif ogt:
        E("page has og:title but og_title is null")

    # ---- text
    paras = g["text"].split("\n\n")
    if any(p != p.strip() or not p or "\n" in p for p in paras):
        E("text paragraphs must be non-empty, stripped, separated by exactly one blank line")
    pos = 0
    for i, p in enumerate(paras):
        fp = fold(p)
        j = vis.find(fp, pos)
        if j < 0:
            E("paragraph %d not found %s: %.70r" % (i, "in order" if fp in vis else "at all", p))
        else:
            pos = j + len(fp)
    words = len(re.findall(r"\w+", g["text"]))
    if not 150 <= words <= 700:
        E("body has %d words (want 150-700)" % words)
    ftext = fold(g["text"].replace("\n\n", " "))
    if fold(g["title"]) in ftext:
        E("title leaks into text")

    # ---- clutter
    for c in g["clutter"]:
        fc = fold(c)
        if fc not in vis:
            E("clutter not in page: %.70r" % c)
        if fc in ftext or any(fc in fold(p) for p in paras):
            E("clutter string occurs in gold text: %.70r" % c)
    for c in g.get("clutter_in_body", []):
        if c not in g["clutter"]:
            E("clutter_in_body entry not in clutter: %.70r" % c)

    # ---- authors
    for a in g["authors"]:
        if a not in vis and a not in html:
            E("author %r not found in page" % a)

    # ---- dates
    src, gold, prec = g["date_source"], g.get("published_at"), g.get("date_precision")
    nodes = jsonld_nodes(html)
    ld = jsonld_published(nodes)
    og = og_published(metas)
    if src == "none":
        if gold is not None or prec is not None:
            E("date_source none requires published_at and date_precision null")
        if ld or og or times:
            E("date_source none but page has machine-readable dates")
        if re.search(r"/\d{4}/\d{2}/\d{2}/", g["url"]):
            E("date_source none but url carries a date")
    else:
        if not isinstance(gold, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00Z", gold):
            E("published_at must be YYYY-MM-DDTHH:MM:00Z")
            return errs, g
        if prec == "day" and not gold.endswith("T00:00:00Z"):
            E("day precision must be 00:00Z")
        if prec not in ("minute", "day"):
            E("date_precision must be minute/day when a date exists")
        present = {"jsonld": bool(ld), "opengraph": bool(og), "time-tag": bool(times)}
        for higher in DATE_SOURCES[:DATE_SOURCES.index(src)]:
            if present.get(higher):
                E("date_source %s but a higher-priority source (%s) is present" % (src, higher))
        try:
            if src == "jsonld" and not ld:
                E("no JSON-LD datePublished")
            if src == "opengraph" and not og:
                E("no article:published_time")
            if src == "time-tag" and not any(iso_matches(t, gold, prec) for t in times):
                E("no <time datetime> matches published_at")
            for v in ld:
                if not iso_matches(v, gold, prec):
                    E("JSON-LD datePublished %s disagrees with %s" % (v, gold))
            for v in og:
                if not iso_matches(v, gold, prec):
                    E("article:published_time %s disagrees with %s" % (v, gold))
        except ValueError as exc:
            E(str(exc))
        if src == "visible-text":
            dtxt, tz = g.get("date_text"), g.get("tz")
            if not dtxt or not tz:
                E("visible-text dates need date_text and tz")
            else:
                if fold(dtxt) not in vis:
                    E("date_text not in visible text")
                try:
                    y, mo, d, hh, mm = parse_visible_date(dtxt)
                    if prec == "day":
                        want = "%04d-%02d-%02dT00:00:00Z" % (y, mo, d)
                        if hh is not None:
                            E("day precision but date_text has a time")
                    else:
                        if hh is None:
                            E("minute precision but date_text has no time")
                        local = dt.datetime(y, mo, d, hh or 0, mm or 0, tzinfo=ZoneInfo(tz))
                        want = local.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:00Z")
                    if want != gold:
                        E("date_text %r in %s -> %s, JSON says %s" % (dtxt, tz, want, gold))
                except ValueError as exc:
                    E(str(exc))
        if src == "url":
            m = re.search(r"/(\d{4})/(\d{2})/(\d{2})/", g["url"])
            if not m or "%s-%s-%sT00:00:00Z" % m.groups() != gold or prec != "day":
                E("url date does not match published_at (day precision)")

    # ---- articleBody
    bodies = [n["articleBody"] for n in nodes if "articleBody" in n and n.get("@type") != "BlogPosting"]
    flagged = "jsonld-articlebody" in g.get("features", [])
    if flagged != bool(bodies):
        E("jsonld-articlebody feature flag does not match page")
    for b in bodies:
        if fold(b) != ftext:
            E("JSON-LD articleBody differs from text")

    if verbose:
        print("  %-40s %-18s %-12s %-13s %4d words %2d clutter" % (
            g.get("id", stem), g["layout"], g["encoding"], src, words, len(g["clutter"])))
    return errs, g


def main(argv):
    verbose = "-v" in argv
    jsons = sorted(HERE.glob("*.json"))
    htmls = sorted(list(HERE.glob("*.html")) + list(HERE.glob("*.html.gz")))
    failures = 0
    stems = {j.name[:-5] for j in jsons}
    for h in htmls:
        stem = h.name[:-8] if h.name.endswith(".html.gz") else h.name[:-5]
        if stem not in stems:
            print("FAIL %s: page without JSON" % h.name)
            failures += 1
    golds = []
    for j in jsons:
        errs, g = check_pair(j, verbose)
        if g:
            golds.append(g)
        if errs:
            failures += 1
            print("FAIL %s" % j.name)
            for e in errs:
                print("     - %s" % e)
    ids = [g.get("id") for g in golds]
    if len(ids) != len(set(ids)):
        print("FAIL duplicate ids")
        failures += 1
    n = len(golds)
    ru = [g for g in golds if g["language"] == "ru"]
    cp = [g for g in golds if g["encoding"] == "windows-1251"]
    print("%d pairs: %d en, %d ru; windows-1251 %d (undeclared %d), koi8-r %d, gzipped %d" % (
        n, n - len(ru), len(ru), len(cp), sum(g["charset_declaration"] == "none" for g in cp),
        sum(g["encoding"] == "koi8-r" for g in golds), sum(g.get("file", "").endswith(".gz") for g in golds)))
    if failures:
        print("%d file(s) FAILED" % failures)
        return 1
    print("all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
