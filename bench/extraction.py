"""Extraction benchmark over the gold set (tests/data/extraction): newsmon vs plain trafilatura.

Prints mean body token F1, boilerplate phrases leaked, title/date/author accuracy.
Run: .venv/bin/python bench/extraction.py [--verbose]
"""

from __future__ import annotations

import gzip
import json
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import trafilatura  # noqa: E402

from newsmon.crawlers.extract.article import Hints, NoArticle, extract_article  # noqa: E402
from newsmon.crawlers.extract.encoding import decode_html  # noqa: E402
from tests.textmetrics import fold, leaked, token_f1  # noqa: E402

GOLD = REPO / "tests" / "data" / "extraction"


def gold_pages():
    for meta in sorted(GOLD.glob("*.json")):
        g = json.loads(meta.read_text(encoding="utf-8"))
        page = meta.with_suffix(".html")
        if not page.exists():
            page = meta.with_suffix(".html.gz")
        raw = page.read_bytes()
        yield meta.stem, g, raw


def run_newsmon(g: dict, raw: bytes) -> dict:
    html, _ = decode_html(raw, None)
    try:
        a = extract_article(html, g["url"], hints=Hints(timezone=g.get("tz")))
    except NoArticle:
        return {"title": "", "text": "", "published_at": None, "authors": []}
    return {"title": a.title, "text": a.text, "published_at": a.published_at, "authors": a.authors}


def run_trafilatura(g: dict, raw: bytes) -> dict:
    data = gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw
    res = trafilatura.bare_extraction(data, url=g["url"], with_metadata=True)
    if res is None:
        return {"title": "", "text": "", "published_at": None, "authors": []}
    d = res.as_dict() if hasattr(res, "as_dict") else dict(res)
    date = d.get("date")
    authors = [a.strip() for a in (d.get("author") or "").split(";") if a.strip()]
    return {"title": d.get("title") or "", "text": d.get("text") or "", "published_at": date, "authors": authors}


def date_ok(pred: str | None, g: dict) -> bool:
    want = g.get("published_at")
    if want is None:
        return pred is None
    if pred is None:
        return False
    if g.get("date_precision") == "day":
        return pred[:10] == want[:10]
    return pred[:16] == want[:16]  # exact to the minute, in UTC


def score(name: str, fn, verbose: bool) -> dict:
    f1s, leaks, titles, dates, days, dates_minute, authors, n_minute = [], 0, 0, 0, 0, 0, 0, 0
    t0 = time.perf_counter()
    rows = []
    for pid, g, raw in gold_pages():
        out = fn(g, raw)
        f1 = token_f1(out["text"], g["text"])
        lk = leaked(out["text"], g.get("clutter", []))
        f1s.append(f1)
        leaks += len(lk)
        titles += fold(out["title"]) == fold(g["title"])
        dates += date_ok(out["published_at"], g)
        days += (out["published_at"] or "")[:10] == (g.get("published_at") or "")[:10]
        if g.get("date_precision") == "minute":
            n_minute += 1
            dates_minute += date_ok(out["published_at"], g)
        authors += sorted(out["authors"]) == sorted(g.get("authors") or [])
        rows.append((pid, f1, lk, out["published_at"], g.get("published_at")))
    n = len(f1s)
    elapsed = time.perf_counter() - t0
    if verbose:
        for pid, f1, lk, got, want in rows:
            flag = "" if f1 >= 0.97 and not lk else "  <--"
            print(f"  {pid:34s} F1={f1:.3f} leaked={len(lk)} date={got} want={want}{flag}")
    return {"name": name, "pages": n, "body_f1_mean": statistics.mean(f1s), "body_f1_min": min(f1s),
            "pages_f1_ge_097": sum(f >= 0.97 for f in f1s), "leaked_phrases": leaks, "title_acc": titles / n,
            "date_acc": dates / n, "day_acc": days / n, "minute_dates_exact": f"{dates_minute}/{n_minute}", "author_acc": authors / n,
            "pages_per_s": n / elapsed}


def main() -> None:
    verbose = "--verbose" in sys.argv
    results = [score("newsmon", run_newsmon, verbose), score("trafilatura (plain)", run_trafilatura, False)]
    print(f"gold set: {results[0]['pages']} pages in {GOLD.relative_to(REPO)} "
          "(day: calendar day right; date: exact to the minute, or the day where only a day is known)")
    print(f"{'extractor':22s} {'body F1':>8s} {'min F1':>7s} {'F1>=.97':>8s} {'leaked':>7s} {'title':>6s} {'day':>6s} {'date':>6s} {'minute':>7s} {'author':>7s} {'pages/s':>8s}")
    for r in results:
        print(f"{r['name']:22s} {r['body_f1_mean']:8.3f} {r['body_f1_min']:7.3f} {r['pages_f1_ge_097']:>8d} {r['leaked_phrases']:7d} "
              f"{r['title_acc']:6.2f} {r['day_acc']:6.2f} {r['date_acc']:6.2f} {r['minute_dates_exact']:>7s} {r['author_acc']:7.2f} {r['pages_per_s']:8.1f}")


if __name__ == "__main__":
    main()
