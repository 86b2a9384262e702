"""The queries behind the digest and the web view. Plain functions over a DuckDB connection
(read-only is enough) returning dataclasses; nothing here renders or escapes.

A day is a UTC calendar day and is about the articles: an event belongs to the digest of day D
when one of its articles was published (or, undated, fetched) on D. Counts are "as of the end
of D" and growth compares them with the end of D-1, so a past day reads the same tomorrow.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from newsmon.core.config import Config
from newsmon.core.gazetteer import PLACE_TYPES, gazetteer
from newsmon.core.terms import fold
from newsmon.web.db import has_table

CENTRAL_ASIA = ("KZ", "KG", "TJ", "TM", "UZ")
REGIONAL = "CA"  # group key of events about the region as a whole
COUNTRY_NAMES = {
    "KZ": "Kazakhstan", "KG": "Kyrgyzstan", "TJ": "Tajikistan", "TM": "Turkmenistan", "UZ": "Uzbekistan",
    REGIONAL: "Central Asia (several countries)", "": "Other",
    "AF": "Afghanistan", "AZ": "Azerbaijan", "CN": "China", "GE": "Georgia", "IN": "India", "IR": "Iran",
    "JP": "Japan", "KR": "South Korea", "MN": "Mongolia", "PK": "Pakistan", "RU": "Russia", "TR": "Turkey",
    "US": "United States", "GB": "United Kingdom", "DE": "Germany", "FR": "France", "AE": "UAE",
}
COUNTRY_ZONES = {"KZ": "Asia/Almaty", "KG": "Asia/Bishkek", "TJ": "Asia/Dushanbe", "TM": "Asia/Ashgabat",
                 "UZ": "Asia/Tashkent", REGIONAL: "Asia/Almaty"}
REASONS = {
    "opened": "opened the event (first report)",
    "exact-hash": "same text as an earlier member (content hash)",
    "same-title": "same headline as an earlier member",
    "matched": "matched on text similarity, shared entities and numbers",
}

_ART_T = "coalesce(a.published_at, a.fetched_at)"


# ----------------------------------------------------------------------------- helpers


def country_name(code: str) -> str:
    return COUNTRY_NAMES.get(code, code)


def zones(cfg: Config | None) -> dict[str, str]:
    """Country -> time zone: Central Asia built in, other countries from the configured sources."""
    out = dict(COUNTRY_ZONES)
    if cfg is not None:
        for s in cfg.sources:
            if s.country and s.timezone:
                out.setdefault(s.country.upper(), s.timezone)
    return out


def source_zones(cfg: Config | None) -> dict[str, str]:
    return {s.name: s.timezone for s in cfg.sources if s.timezone} if cfg is not None else {}


def local_time(t: datetime | None, zone: str | None) -> str:
    """'14:14 Almaty (UTC+5)' for a naive-UTC timestamp; '' without a zone."""
    if t is None or not zone:
        return ""
    try:
        z = ZoneInfo(zone)
    except (KeyError, ValueError):
        return ""
    lt = t.replace(tzinfo=UTC).astimezone(z)
    off = lt.utcoffset() or timedelta(0)
    if not off and zone in ("UTC", "Etc/UTC", "GMT", "Etc/GMT"):
        return ""
    hours, rem = divmod(int(off.total_seconds()), 3600)
    offs = f"UTC{'+' if hours >= 0 else '-'}{abs(hours)}" + (f":{rem // 60:02d}" if rem else "")
    city = zone.rsplit("/", 1)[-1].replace("_", " ")
    day = "" if lt.date() == t.date() else lt.strftime(" %d %b")
    return f"{lt:%H:%M}{day} {city} ({offs})"


def lead(text: str, limit: int = 320) -> str:
    """The first paragraph, cut at a word boundary."""
    para = next((p.strip() for p in re.split(r"\n\s*\n|\n", text or "") if len(p.strip()) > 40), (text or "").strip())
    if len(para) <= limit:
        return para
    cut = para[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",;:—-– ") + " …"


def day_bounds(d: date) -> tuple[datetime, datetime]:
    start = datetime(d.year, d.month, d.day)
    return start, start + timedelta(days=1)


# ----------------------------------------------------------------------------- day view / digest


@dataclass
class Member:
    article_id: int
    source: str
    language: str | None
    title: str
    url: str
    time: datetime
    similarity: float | None = None
    score: float | None = None
    reason: str = ""
    local: str = ""
    shared: list[str] = field(default_factory=list)
    text: str = ""

    @property
    def reason_text(self) -> str:
        return REASONS.get(self.reason, self.reason)


@dataclass
class EventCard:
    event_id: int
    title: str
    lead: str
    canonical_url: str
    canonical_source: str
    first_seen: datetime
    first_seen_local: str
    members: int
    outlets: int
    members_before: int
    outlets_before: int
    languages: list[str]
    countries: list[str]
    group: str
    rules: list[str] = field(default_factory=list)
    articles: list[Member] = field(default_factory=list)
    storyline_id: int | None = None
    storyline_title: str = ""
    storyline_events: int = 0
    storyline_position: int = 0

    @property
    def is_new(self) -> bool:
        return self.members_before == 0

    @property
    def growth(self) -> str:
        if self.is_new:
            return "new"
        dm, do = self.members - self.members_before, self.outlets - self.outlets_before
        parts = [f"+{dm} article{'s' if dm != 1 else ''}"]
        if do:
            parts.append(f"+{do} outlet{'s' if do != 1 else ''}")
        return ", ".join(parts) + " since the previous day"

    def as_dict(self) -> dict:
        return {"event_id": self.event_id, "title": self.title, "lead": self.lead, "canonical_url": self.canonical_url,
                "first_seen": self.first_seen.strftime("%Y-%m-%d %H:%M"), "members": self.members,
                "outlets": self.outlets, "growth": self.growth, "languages": self.languages, "countries": self.countries,
                "group": self.group, "rules": self.rules, "storyline_id": self.storyline_id,
                "articles": [{"source": m.source, "language": m.language, "title": m.title, "url": m.url}
                             for m in self.articles]}


@dataclass
class CountryGroup:
    code: str
    name: str
    events: list[EventCard]

    @property
    def articles(self) -> int:
        return sum(e.members for e in self.events)


def _place_mentions(con, event_ids: list[int]) -> dict[int, Counter]:
    """Per event, how often each country is named through a place (countries, capitals, cities, …)."""
    if not event_ids:
        return {}
    rows = con.execute("""SELECT ea.event_id, ae.value, sum(ae.count) FROM article_entities ae JOIN event_articles ea USING (article_id)
                          WHERE ae.kind = 'entity' AND list_contains(?::BIGINT[], ea.event_id) GROUP BY ALL""",
                       [event_ids]).fetchall()
    g = gazetteer()
    out: dict[int, Counter] = defaultdict(Counter)
    for ev, value, n in rows:
        e = g.entities.get(value)
        if e and e.type in PLACE_TYPES and len(e.country) == 2:
            out[ev][e.country] += int(n)
    return out


def primary_country(countries: list[str], mentions: Counter, source_country: str | None) -> str:
    """The group an event is listed under: its Central Asian country (the most named one),
    'CA' when it concerns four or more of the five, else its most named country."""
    ca = [c for c in countries if c in CENTRAL_ASIA]
    if len(ca) >= 4:
        return REGIONAL
    pool = ca or list(countries)
    if pool:
        return max(pool, key=lambda c: (mentions.get(c, 0), c == (source_country or ""), -pool.index(c)))
    return (source_country or "").upper()


def latest_day(con) -> date | None:
    row = con.execute(f"""SELECT max(CAST({_ART_T} AS DATE)) FROM event_articles ea JOIN articles a USING (article_id)
                          WHERE {_ART_T} <= now()::TIMESTAMP + INTERVAL 1 DAY""").fetchone()
    return row[0] if row and row[0] else None


def day_events(con, cfg: Config | None, d: date, with_articles: bool = True) -> list[EventCard]:
    start, end = day_bounds(d)
    rows = con.execute(f"""
        WITH m AS (SELECT ea.event_id, a.source, {_ART_T} AS t FROM event_articles ea JOIN articles a USING (article_id)
                   WHERE {_ART_T} < ?),
             day_ev AS (SELECT DISTINCT event_id FROM m WHERE t >= ?)
        SELECT e.event_id, e.title, e.first_seen, e.languages, e.countries, c.text, c.canonical_url, c.source,
               count(*) AS members, count(DISTINCT m.source) AS outlets,
               count(*) FILTER (WHERE m.t < ?) AS members_before,
               count(DISTINCT m.source) FILTER (WHERE m.t < ?) AS outlets_before
        FROM events e JOIN day_ev USING (event_id) JOIN m USING (event_id)
        JOIN articles c ON c.article_id = e.canonical_article_id
        GROUP BY ALL ORDER BY outlets DESC, members DESC, e.event_id""", [end, start, start, start]).fetchall()
    if not rows:
        return []
    ids = [r[0] for r in rows]
    mentions = _place_mentions(con, ids)
    src_country = {s.name: (s.country or "").upper() for s in cfg.sources} if cfg is not None else {}
    zmap, szones = zones(cfg), source_zones(cfg)
    cards = []
    for (ev, title, first_seen, langs, countries, text, url, csource, members, outlets, mb, ob) in rows:
        group = primary_country(list(countries), mentions.get(ev, Counter()), src_country.get(csource))
        zone = zmap.get(group) or szones.get(csource)
        cards.append(EventCard(ev, title, lead(text), url, csource, first_seen, local_time(first_seen, zone),
                               members, outlets, mb, ob, list(langs), list(countries), group))
    by_id = {c.event_id: c for c in cards}
    if has_table(con, "alerts"):
        for ev, rule in con.execute("""SELECT DISTINCT event_id, rule FROM alerts
                                       WHERE list_contains(?::BIGINT[], event_id) AND rule NOT LIKE 'source-health%'
                                       ORDER BY rule""", [ids]).fetchall():
            by_id[ev].rules.append(rule)
    _attach_storylines(con, by_id)
    if with_articles:
        for m_ev, m in _members(con, ids, cfg, before=end):
            by_id[m_ev].articles.append(m)
    return cards


def _members(con, event_ids: list[int], cfg: Config | None, before: datetime | None = None,
             text: bool = False) -> list[tuple[int, Member]]:
    szones = source_zones(cfg)
    rows = con.execute(f"""SELECT ea.event_id, a.article_id, a.source, a.language, a.title, a.canonical_url, {_ART_T} AS t,
                                  ea.similarity, ea.score, ea.reason, {'a.text' if text else "''"}
                           FROM event_articles ea JOIN articles a USING (article_id)
                           WHERE list_contains(?::BIGINT[], ea.event_id) AND (? IS NULL OR {_ART_T} < ?)
                           ORDER BY ea.event_id, t, a.article_id""", [event_ids, before, before]).fetchall()
    return [(r[0], Member(r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], local_time(r[6], szones.get(r[2])),
                          text=r[10])) for r in rows]


def _attach_storylines(con, cards: dict[int, EventCard]) -> None:
    if not cards or not has_table(con, "storyline_events"):
        return
    rows = con.execute("""
        SELECT se.event_id, s.storyline_id, s.title, s.event_count,
               (SELECT count(*) FROM storyline_events se2 JOIN events e2 USING (event_id)
                WHERE se2.storyline_id = s.storyline_id AND (e2.first_seen, e2.event_id) <= (e.first_seen, e.event_id))
        FROM storyline_events se JOIN storylines s USING (storyline_id) JOIN events e ON e.event_id = se.event_id
        WHERE list_contains(?::BIGINT[], se.event_id) AND s.event_count > 1""", [list(cards)]).fetchall()
    for ev, sid, title, n, pos in rows:
        c = cards[ev]
        c.storyline_id, c.storyline_title, c.storyline_events, c.storyline_position = sid, title, n, pos


def group_by_country(cards: list[EventCard]) -> list[CountryGroup]:
    groups: dict[str, list[EventCard]] = defaultdict(list)
    for c in cards:
        groups[c.group].append(c)
    out = [CountryGroup(k, country_name(k), sorted(v, key=lambda c: (-c.outlets, -c.members, c.event_id)))
           for k, v in groups.items()]
    out.sort(key=lambda g: (g.code == "", -sum(e.outlets for e in g.events), -g.articles, g.name))
    return out


# ----------------------------------------------------------------------------- coverage over time


@dataclass
class Series:
    key: str           # "event:12" | "storyline:3"
    label: str
    href: str
    counts: list[int]  # articles per day, oldest first

    @property
    def total(self) -> int:
        return sum(self.counts)


def coverage(con, d: date, days: int = 14, top: int = 6) -> tuple[list[date], list[Series]]:
    """Articles per day over the `days` days ending on d, for the biggest storylines and events
    (an event that belongs to a storyline of several events counts under the storyline)."""
    first = d - timedelta(days=days - 1)
    start, end = day_bounds(first)[0], day_bounds(d)[1]
    storylines = has_table(con, "storyline_events")
    key_sql = ("CASE WHEN s.event_count > 1 THEN 'storyline:' || s.storyline_id ELSE 'event:' || ea.event_id END"
               if storylines else "'event:' || ea.event_id")
    join = ("LEFT JOIN storyline_events se ON se.event_id = ea.event_id LEFT JOIN storylines s ON s.storyline_id = se.storyline_id"
            if storylines else "")
    rows = con.execute(f"""
        WITH c AS (SELECT {key_sql} AS k, CAST({_ART_T} AS DATE) AS day, count(*) AS n
                   FROM event_articles ea JOIN articles a USING (article_id) {join}
                   WHERE {_ART_T} >= ? AND {_ART_T} < ? GROUP BY ALL),
             top AS (SELECT k, sum(n) AS total FROM c GROUP BY k ORDER BY total DESC, k LIMIT ?)
        SELECT c.k, c.day, c.n, top.total FROM c JOIN top USING (k) ORDER BY top.total DESC, c.k, c.day""",
                       [start, end, top]).fetchall()
    axis = [first + timedelta(days=i) for i in range(days)]
    idx = {day: i for i, day in enumerate(axis)}
    series: dict[str, Series] = {}
    for k, day, n, _ in rows:
        s = series.get(k)
        if s is None:
            kind, _, num = k.partition(":")
            s = series[k] = Series(k, "", f"/{kind}/{num}", [0] * days)
        s.counts[idx[day]] += n
    if series:
        ev_ids = [int(k.split(":")[1]) for k in series if k.startswith("event:")]
        sl_ids = [int(k.split(":")[1]) for k in series if k.startswith("storyline:")]
        titles = {f"event:{i}": t for i, t in con.execute(
            "SELECT event_id, title FROM events WHERE list_contains(?::BIGINT[], event_id)", [ev_ids]).fetchall()}
        if sl_ids:
            titles.update({f"storyline:{i}": f"Storyline: {t}" for i, t in con.execute(
                "SELECT storyline_id, title FROM storylines WHERE list_contains(?::BIGINT[], storyline_id)", [sl_ids]).fetchall()})
        for k, s in series.items():
            s.label = titles.get(k, k)
    return axis, list(series.values())


# ----------------------------------------------------------------------------- event page


@dataclass
class EventDetail:
    event_id: int
    title: str
    first_seen: datetime
    last_seen: datetime
    members: int
    outlets: int
    languages: list[str]
    countries: list[str]
    canonical: Member
    articles: list[Member]
    rules: list[str]
    timeline: list[tuple[datetime, int]]   # (bucket start, articles)
    timeline_unit: str                     # "hour" | "day"
    storyline_id: int | None = None
    storyline_title: str = ""
    storyline: list[tuple[int, str, datetime]] = field(default_factory=list)  # the storyline's events


def _entity_label(value: str) -> str:
    """'person:takaichi' -> 'Takaichi', 'country:cn' -> 'China', 'org:eu' -> 'EU'."""
    kind, _, slug = value.partition(":")
    if not slug:
        return value
    if kind == "country" and len(slug) == 2:
        return COUNTRY_NAMES.get(slug.upper(), slug.upper())
    if len(slug) <= 4 and "-" not in slug:
        return slug.upper()
    return slug.replace("-", " ").replace("_", " ").title()


_SCALE_WORDS = [(1e12, "trillion"), (1e9, "billion"), (1e6, "million"), (1e3, "thousand")]


def _number_label(value: str) -> str:
    """'1.9e+10 USD' -> '19 billion USD', '16.5 %' -> '16.5 %'."""
    num, _, unit = value.partition(" ")
    try:
        v = float(num)
    except ValueError:
        return value  # not a number (callers drop it)
    for scale, word in _SCALE_WORDS:
        if abs(v) >= scale:
            return f"{v / scale:g} {word} {unit}".strip()
    return f"{v:g} {unit}".strip()


def event_detail(con, cfg: Config | None, event_id: int) -> EventDetail | None:
    ev = con.execute("""SELECT e.event_id, e.title, e.first_seen, e.last_seen, e.member_count, e.outlet_count, e.languages,
                               e.countries, e.canonical_article_id FROM events e WHERE e.event_id = ?""", [event_id]).fetchone()
    if ev is None:
        return None
    members = [m for _, m in _members(con, [event_id], cfg, text=True)]
    canon = next((m for m in members if m.article_id == ev[8]), members[0] if members else None)
    if canon is None:
        return None
    # Why each member joined: the signals it shares with the canonical article.
    sig = defaultdict(lambda: (set(), set()))
    for aid, kind, value in con.execute("""SELECT ae.article_id, ae.kind, ae.value FROM article_entities ae
                                           JOIN event_articles ea USING (article_id) WHERE ea.event_id = ?
                                             AND ae.kind IN ('entity', 'number')""", [event_id]).fetchall():
        sig[aid][0 if kind == "entity" else 1].add(value)
    g = gazetteer()
    ce, cn = sig[canon.article_id]
    for m in members:
        if m.article_id == canon.article_id:
            continue
        me, mn = sig[m.article_id]
        ents = sorted(ce & me, key=lambda e: (-g.weight(e), e))
        nums = [n for n in sorted(cn & mn) if _number_label(n) != n or n[:1].isdigit()]
        m.shared = [_entity_label(e) for e in ents[:6]] + [_number_label(n) for n in nums[:4]]
    rules = []
    if has_table(con, "alerts"):
        rules = [r[0] for r in con.execute("""SELECT DISTINCT rule FROM alerts WHERE event_id = ? AND rule NOT LIKE 'source-health%'
                                              ORDER BY rule""", [event_id]).fetchall()]
    span = (ev[3] - ev[2]) if ev[3] and ev[2] else timedelta(0)
    unit = "hour" if span <= timedelta(days=2) else "day"
    buckets = Counter((m.time.replace(minute=0, second=0, microsecond=0) if unit == "hour"
                       else datetime(m.time.year, m.time.month, m.time.day)) for m in members)
    detail = EventDetail(ev[0], ev[1], ev[2], ev[3], ev[4], ev[5], list(ev[6]), list(ev[7]), canon, members, rules,
                         sorted(buckets.items()), unit)
    if has_table(con, "storyline_events"):
        row = con.execute("""SELECT s.storyline_id, s.title FROM storyline_events se JOIN storylines s USING (storyline_id)
                             WHERE se.event_id = ? AND s.event_count > 1""", [event_id]).fetchone()
        if row:
            detail.storyline_id, detail.storyline_title = row
            detail.storyline = storyline_events(con, row[0])
    return detail


# ----------------------------------------------------------------------------- storylines


@dataclass
class StorylineDetail:
    storyline_id: int
    title: str
    first_seen: datetime
    last_seen: datetime
    events: list[tuple[int, str, datetime, int, int, str, float | None, str]]
    # (event_id, title, first_seen, members, outlets, reason, score, languages)


def storyline_events(con, storyline_id: int) -> list[tuple[int, str, datetime]]:
    return con.execute("""SELECT e.event_id, e.title, e.first_seen FROM storyline_events se JOIN events e USING (event_id)
                          WHERE se.storyline_id = ? ORDER BY e.first_seen, e.event_id""", [storyline_id]).fetchall()


def storyline_detail(con, storyline_id: int) -> StorylineDetail | None:
    if not has_table(con, "storylines"):
        return None
    s = con.execute("SELECT storyline_id, title, first_seen, last_seen FROM storylines WHERE storyline_id = ?",
                    [storyline_id]).fetchone()
    if s is None:
        return None
    rows = con.execute("""SELECT e.event_id, e.title, e.first_seen, e.member_count, e.outlet_count, se.reason, se.score,
                                 array_to_string(e.languages, ', ')
                          FROM storyline_events se JOIN events e USING (event_id)
                          WHERE se.storyline_id = ? ORDER BY e.first_seen, e.event_id""", [storyline_id]).fetchall()
    return StorylineDetail(s[0], s[1], s[2], s[3], rows)


def storyline_coverage(con, storyline_id: int, max_days: int = 120) -> tuple[list[date], list[Series]]:
    """Articles per day for each event of a storyline, over its whole span (at most max_days)."""
    rows = con.execute(f"""SELECT ea.event_id, any_value(e.title), CAST({_ART_T} AS DATE) AS day, count(*)
                           FROM storyline_events se JOIN events e USING (event_id)
                           JOIN event_articles ea ON ea.event_id = se.event_id JOIN articles a USING (article_id)
                           WHERE se.storyline_id = ? GROUP BY ea.event_id, day ORDER BY min(e.first_seen), ea.event_id, day""",
                       [storyline_id]).fetchall()
    if not rows:
        return [], []
    first, last = min(r[2] for r in rows), max(r[2] for r in rows)
    first = max(first, last - timedelta(days=max_days - 1))
    axis = [first + timedelta(days=i) for i in range((last - first).days + 1)]
    idx = {d: i for i, d in enumerate(axis)}
    series: dict[int, Series] = {}
    for ev, title, day, n in rows:
        s = series.setdefault(ev, Series(f"event:{ev}", title, f"/event/{ev}", [0] * len(axis)))
        if day in idx:
            s.counts[idx[day]] += n
    return axis, list(series.values())


def storyline_list(con, limit: int = 50) -> list[tuple]:
    if not has_table(con, "storylines"):
        return []
    return con.execute("""SELECT storyline_id, title, first_seen, last_seen, event_count FROM storylines
                          WHERE event_count > 1 ORDER BY last_seen DESC, storyline_id DESC LIMIT ?""", [limit]).fetchall()


# ----------------------------------------------------------------------------- search

_STOP = set("""a an and are as at be by for from has have in is it its of on or over says said the to was were will with
               и в во на с со по о об от для из за к ко у что как это его ее их не но а же ли бы""".split())
_WORD = re.compile(r"[\w'’-]+", re.UNICODE)
_CYR = re.compile(r"[а-я]")
_CYR_END = re.compile(r"(ого|ему|ому|ыми|ими|ах|ях|ам|ям|ов|ев|ий|ый|ой|ая|яя|ое|ее|ие|ые|ую|юю|[аеиоуыэюяйь])$")


def query_stems(q: str, limit: int = 8) -> list[str]:
    """Keyword stems of a query: folded words minus stop words; Russian case endings and
    English plurals dropped so 'саммита' finds 'саммит' and 'summits' finds 'summit'."""
    out: list[str] = []
    for w in _WORD.findall(fold(q)):
        w = w.strip("'’-")
        if not w or w in _STOP or (len(w) < 3 and not w.isdigit()):
            continue
        if _CYR.search(w) and len(w) > 4:
            w = _CYR_END.sub("", w)
        elif w.isascii() and len(w) > 4:
            w = re.sub(r"('s|s)$", "", w)
        if w not in out:
            out.append(w)
    return out[:limit]


@dataclass
class Hit:
    event_id: int
    title: str
    first_seen: datetime
    members: int
    outlets: int
    languages: list[str]
    score: float
    semantic: float | None     # best cosine of the query to a member article
    keyword: float             # share of query words found in member titles
    entity: float              # share of the query's named entities the event mentions
    matched_title: str         # the member title that matched best
    matched_language: str | None


def search(con, q: str, qvec: list[float] | None = None, model: str | None = None, limit: int = 30,
           sem_floor: float = 0.80, sem_full: float = 0.90) -> list[Hit]:
    """Events matching a query in any language: semantic (cosine of the query's multilingual
    vector to every member's stored vector) combined with keywords on member titles and the
    gazetteer's entities (which know that Токаев is Tokayev)."""
    stems = query_stems(q)
    q_ents = list(gazetteer().find(q))
    scores: dict[int, dict] = defaultdict(lambda: {"sem": None, "kw": 0.0, "ent": 0.0, "title": None, "lang": None, "kwt": None})
    if qvec is not None and model:
        for ev, cos, title, lang in con.execute("""
                SELECT ea.event_id, max(list_cosine_similarity(ae.vector, ?::FLOAT[])) AS cos,
                       arg_max(a.title, list_cosine_similarity(ae.vector, ?::FLOAT[])),
                       arg_max(a.language, list_cosine_similarity(ae.vector, ?::FLOAT[]))
                FROM article_embeddings ae JOIN event_articles ea USING (article_id) JOIN articles a USING (article_id)
                WHERE ae.model = ? GROUP BY ea.event_id ORDER BY cos DESC LIMIT 200""",
                                              [qvec, qvec, qvec, model]).fetchall():
            s = scores[ev]
            s["sem"], s["title"], s["lang"] = float(cos), title, lang
    if stems:
        conds = ", ".join("max(CASE WHEN regexp_matches(t, ?) THEN 1 ELSE 0 END)" for _ in stems)
        pats = [r"(^|[^\pL\pN])" + re.escape(st) for st in stems]
        matched = " + ".join("CASE WHEN regexp_matches(t, ?) THEN 1 ELSE 0 END" for _ in stems)
        rows = con.execute(f"""
            WITH m AS (SELECT ea.event_id, a.title, a.language,
                              lower(replace(replace(a.title, 'ё', 'е'), '’', '''')) AS t
                       FROM event_articles ea JOIN articles a USING (article_id))
            SELECT event_id, [{conds}], arg_max(title, {matched}), arg_max(language, {matched}) FROM m
            GROUP BY event_id HAVING greatest({conds}) > 0""",
                           pats + pats + pats + pats).fetchall()
        for ev, hits, title, lang in rows:
            s = scores[ev]
            s["kw"] = sum(hits) / len(stems)
            s["kwt"] = (title, lang)
    if q_ents:
        for ev, n in con.execute("""SELECT ea.event_id, count(DISTINCT ae.value) FROM article_entities ae JOIN event_articles ea USING (article_id)
                                    WHERE ae.kind = 'entity' AND list_contains(?::VARCHAR[], ae.value) GROUP BY 1""",
                                 [q_ents]).fetchall():
            scores[ev]["ent"] = n / len(q_ents)
    ranked = []
    for ev, s in scores.items():
        sem = s["sem"]
        sem_rel = 0.0 if sem is None else min(1.0, max(0.0, (sem - sem_floor) / (sem_full - sem_floor)))
        lexical = max(s["kw"], s["ent"])
        score = 0.6 * sem_rel + 0.4 * lexical if sem is not None else lexical
        if sem_rel >= 0.5 or lexical >= 0.5 or score >= 0.4:
            ranked.append((score, ev, s))
    ranked.sort(key=lambda x: (-x[0], x[1]))
    ranked = ranked[:limit]
    if not ranked:
        return []
    info = {r[0]: r[1:] for r in con.execute(
        """SELECT event_id, title, first_seen, member_count, outlet_count, languages FROM events
           WHERE list_contains(?::BIGINT[], event_id)""", [[r[1] for r in ranked]]).fetchall()}
    hits = []
    for score, ev, s in ranked:
        if ev not in info:
            continue
        title, first_seen, members, outlets, langs = info[ev]
        mt, ml = (s["title"], s["lang"]) if s["title"] and (s["sem"] or 0) >= sem_floor or not s["kwt"] else s["kwt"]
        hits.append(Hit(ev, title, first_seen, members, outlets, list(langs), round(score, 3),
                        None if s["sem"] is None else round(s["sem"], 4), round(s["kw"], 3), round(s["ent"], 3),
                        mt or title, ml))
    return hits


# ----------------------------------------------------------------------------- sources


@dataclass
class SourceRow:
    health: object            # newsmon.warehouse.health.SourceHealth
    recent: list[tuple]       # (logical_date, ok, pages, new, errors)


def sources(con, cfg: Config) -> list[SourceRow]:
    from newsmon.warehouse.health import source_health

    rows = source_health(con, cfg)
    recent: dict[str, list[tuple]] = defaultdict(list)
    if con is not None and has_table(con, "source_runs"):
        for src, day, ok, pages, new, errors in con.execute("""
                SELECT source, logical_date, bool_and(ok), sum(pages_fetched), sum(articles_new), list(errors)
                FROM source_runs GROUP BY source, run_id, logical_date
                QUALIFY row_number() OVER (PARTITION BY source ORDER BY max(finished_at) DESC NULLS LAST) <= 7
                ORDER BY source, max(finished_at) DESC NULLS LAST""").fetchall():
            merged: Counter = Counter()
            for e in errors:
                try:
                    merged.update(json.loads(e) if isinstance(e, str) else (e or {}))
                except (ValueError, TypeError):
                    pass
            recent[src].append((day, ok, pages, new, ", ".join(f"{k}={v}" for k, v in sorted(merged.items()))))
    return [SourceRow(h, recent.get(h.source, [])) for h in rows]


def parse_day(value: str | None) -> date:
    """A YYYY-MM-DD between 2000 and 2100; ValueError otherwise."""
    if value is None or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise ValueError("date must be YYYY-MM-DD")
    d = date.fromisoformat(value)
    if not date(2000, 1, 1) <= d <= date(2100, 12, 31):
        raise ValueError("date out of range")
    return d
