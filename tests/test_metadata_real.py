"""Title, publication date and authors on the held-out real pages (Fundus's publisher test pages,
test split), newsmon against plain trafilatura's metadata in the same run (bench/metadata_real.py).

The expected values are the publisher parsers' own. Floors are the figures measured on the test
half, rounded down.
"""

from __future__ import annotations

import statistics

import pytest

from bench.metadata_real import authors_f1, day_ok, expected_when, minute_ok, newsmon_meta, title_ok, trafilatura_meta
from newsmon.crawlers.extract.encoding import decode_html
from tests.realpages import load_pages

PAGES = load_pages("test", "fundus")


@pytest.fixture(scope="module")
def rows():
    out = []
    for p in PAGES:
        html, _ = decode_html(p.raw(), p.content_type)
        out.append((p, newsmon_meta(html, p.url), trafilatura_meta(html, p.url)))
    return out


def _count(rows, check, side):
    values = [check(r[side], r[0]) for r in rows]
    return sum(v is True for v in values), sum(v is not None for v in values)


def test_every_held_out_page_has_expected_metadata():
    assert len(PAGES) >= 80 and all(p.published and p.title for p in PAGES)


def test_titles_as_the_publisher_gives_them_more_often_than_trafilatura(rows):
    ours, n = _count(rows, lambda m, p: title_ok(m, p.title), 1)
    theirs, _ = _count(rows, lambda m, p: title_ok(m, p.title), 2)
    assert ours >= theirs + 5 and ours >= 0.85 * n, (ours, theirs, n)


def test_publication_day_and_minute(rows):
    days, n = _count(rows, lambda m, p: day_ok(m, expected_when(p)), 1)
    days_t, _ = _count(rows, lambda m, p: day_ok(m, expected_when(p)), 2)
    minutes, timed = _count(rows, lambda m, p: minute_ok(m, expected_when(p)), 1)
    assert days >= days_t and days >= n - 1, (days, days_t, n)
    assert minutes >= 0.94 * timed, (minutes, timed)


def test_authors(rows):
    f1 = [f for f in (authors_f1(r[1], r[0].authors) for r in rows) if f is not None]
    theirs = [f for f in (authors_f1(r[2], r[0].authors) for r in rows) if f is not None]
    assert statistics.fmean(f1) >= 0.85 and statistics.fmean(f1) >= statistics.fmean(theirs), \
        (statistics.fmean(f1), statistics.fmean(theirs))
