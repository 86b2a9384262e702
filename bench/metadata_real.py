"""Title, publication date and authors on real pages: newsmon vs plain trafilatura, side by side.

Pages: the Fundus per-publisher test pages in tests/data/extraction_real (213 pages, 168 publishers,
37 countries). The expected values are the publisher parsers' own (Fundus's test JSON: ``title``,
``publishing_date``, ``authors``), written for Fundus, not for newsmon. Both systems get the same
decoded HTML and URL: newsmon is ``extract_article(html, url)``, trafilatura is
``trafilatura.extract_metadata(html, default_url=url)`` (the plain call; its date is a day).

Columns per split:
- ``title``: the title equals the expected one (whitespace-normalised, case-folded).
- ``day``: the publication day is right, read in the publisher's own UTC offset (the offset of the
  expected value). An expected value without an offset (14 pages) counts as right when it is the
  day of newsmon's instant at some offset from -12 h to +14 h.
- ``minute``: newsmon's instant is within a minute of the expected one, over the pages whose
  expected value carries a time of day (trafilatura's plain call gives no time, so no figure).
  Without an offset, any whole quarter-hour offset from -12 h to +14 h is allowed.
- ``no date``: pages left without a date.
- ``authors``: mean F1 of the author names (case-folded) over pages whose expected list is
  non-empty; trafilatura's ``author`` string is split on ";".

Run: .venv/bin/python bench/metadata_real.py [--split dev|test] [-v]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import trafilatura  # noqa: E402

from newsmon.crawlers.extract.article import NoArticle, extract_article  # noqa: E402
from newsmon.crawlers.extract.encoding import decode_html  # noqa: E402
from tests.realpages import load_pages  # noqa: E402

OFFSETS = [timedelta(minutes=15 * k) for k in range(-48, 57)]  # -12 h … +14 h


@dataclass
class Meta:
    title: str = ""
    published: datetime | None = None  # an instant (newsmon) or a day at 00:00 (trafilatura)
    day_only: bool = False
    authors: tuple[str, ...] = ()


def newsmon_meta(html: str, url: str) -> Meta:
    try:
        a = extract_article(html, url)
    except NoArticle:
        return Meta()
    when = datetime.fromisoformat(a.published_at.replace("Z", "+00:00")) if a.published_at else None
    return Meta(a.title, when, a.date_precision == "day", tuple(a.authors))


def trafilatura_meta(html: str, url: str) -> Meta:
    m = trafilatura.extract_metadata(html, default_url=url)
    when = datetime.fromisoformat(m.date) if m and m.date else None
    authors = tuple(x.strip() for x in (m.author or "").split(";") if x.strip()) if m else ()
    return Meta((m.title or "") if m else "", when, True, authors)


_FOLD = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "\u200b": None, "\xad": None})


def _norm(s: str) -> str:
    """Whitespace, case, typographic quotes, soft hyphens and zero-width spaces folded (Fundus's
    parsers straighten quotes; the page shows them curly)."""
    return " ".join((s or "").translate(_FOLD).split()).casefold()


def title_ok(got: Meta, want: str | None) -> bool | None:
    return None if not want else _norm(got.title) == _norm(want)


def expected_when(page) -> datetime | None:
    return datetime.fromisoformat(page.published) if page.published else None


def day_ok(got: Meta, want: datetime | None) -> bool | None:
    if want is None:
        return None
    if got.published is None:
        return False
    if got.day_only:  # a bare day: compare the dates as written
        return got.published.date() == want.date()
    if want.tzinfo is None:
        inst = got.published.astimezone(UTC).replace(tzinfo=None)
        return any((inst + off).date() == want.date() for off in OFFSETS)
    return got.published.astimezone(want.tzinfo).date() == want.date()


def minute_ok(got: Meta, want: datetime | None) -> bool | None:
    if want is None or (want.hour, want.minute, want.second) == (0, 0, 0):
        return None  # the expected value carries no time of day
    if got.published is None or got.day_only:
        return False
    if want.tzinfo is None:
        inst = got.published.astimezone(UTC).replace(tzinfo=None)
        return any(abs((inst + off) - want) <= timedelta(minutes=1) for off in OFFSETS)
    return abs(got.published - want) <= timedelta(minutes=1)


def authors_f1(got: Meta, want: list[str]) -> float | None:
    if not want:
        return None
    g, w = {_norm(a) for a in got.authors}, {_norm(a) for a in want}
    tp = len(g & w)
    return 2 * tp / (len(g) + len(w)) if g or w else 1.0


def rate(values: list[bool | None]) -> tuple[int, int]:
    known = [v for v in values if v is not None]
    return sum(known), len(known)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--split", choices=["dev", "test"])
    ap.add_argument("-v", "--verbose", action="store_true", help="list the pages where newsmon's day or title is wrong")
    args = ap.parse_args(argv)
    rows = []
    t_ours = t_theirs = 0.0
    for p in load_pages(args.split, "fundus"):
        html, _ = decode_html(p.raw(), p.content_type)
        t0 = time.perf_counter()
        ours = newsmon_meta(html, p.url)
        t1 = time.perf_counter()
        theirs = trafilatura_meta(html, p.url)
        t_ours, t_theirs = t_ours + t1 - t0, t_theirs + time.perf_counter() - t1
        rows.append((p, ours, theirs))
    print(f"metadata on real pages: Fundus test pages in tests/data/extraction_real, expected values from the "
          f"publisher parsers (trafilatura {trafilatura.__version__}, extract_metadata(html, default_url=url))")
    print(f"{'split':6s}{'pages':>6s}   {'title n/t':>15s}   {'day n/t':>15s}   {'minute n':>9s}   "
          f"{'no date n/t':>11s}   {'authors F1 n/t':>15s}")
    for split in ("dev", "test", "all"):
        sel = [r for r in rows if split == "all" or r[0].split == split]
        if not sel or (args.split and split == "all"):
            continue
        res = {}
        for side, k in (("n", 1), ("t", 2)):
            res[side] = {
                "title": rate([title_ok(r[k], r[0].title) for r in sel]),
                "day": rate([day_ok(r[k], expected_when(r[0])) for r in sel]),
                "minute": rate([minute_ok(r[k], expected_when(r[0])) for r in sel]),
                "nodate": sum(r[k].published is None for r in sel),
                "authors": [f for f in (authors_f1(r[k], r[0].authors) for r in sel) if f is not None],
            }
        n, t = res["n"], res["t"]
        print(f"{split:6s}{len(sel):6d}   {n['title'][0]:3d}/{t['title'][0]:3d} of {n['title'][1]:3d}   "
              f"{n['day'][0]:3d}/{t['day'][0]:3d} of {n['day'][1]:3d}   {n['minute'][0]:3d}/{n['minute'][1]:<4d}   "
              f"{n['nodate']:5d}/{t['nodate']:<5d}   {statistics.fmean(n['authors']):.3f}/{statistics.fmean(t['authors']):.3f}"
              f" ({len(n['authors'])})")
    print(f"seconds n/t: {t_ours:.1f}/{t_theirs:.1f}")
    if args.verbose:
        for p, ours, theirs in rows:
            w = expected_when(p)
            bad = [k for k, ok in (("day", day_ok(ours, w)), ("minute", minute_ok(ours, w)),
                                   ("title", title_ok(ours, p.title))) if ok is False]
            if bad:
                print(f"  {p.split:4s} {p.id:50s} {'/'.join(bad):18s} want {p.published}  got "
                      f"{ours.published.isoformat() if ours.published else None}{' (day)' if ours.day_only else ''}  "
                      f"trafilatura {theirs.published.date() if theirs.published else None}")
                if "title" in bad:
                    print(f"       title want {p.title!r}\n             got  {ours.title!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
