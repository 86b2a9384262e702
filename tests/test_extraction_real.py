"""Extraction on real pages (tests/data/extraction_real), held-out half: newsmon against plain trafilatura.

The pages come from Fundus's and trafilatura's own test suites (README there); the rules were tuned
on the dev half and this file scores the test half. Plain trafilatura's scores are read from
trafilatura_baseline.json when it was made with the installed trafilatura (bench/extraction_real.py
--write-baseline), and computed here otherwise.

The floors are the figures measured on the test half, rounded down, not the targets: on Fundus's
pages newsmon is ahead; on trafilatura's own snippet set it is behind, because several of its
"must keep" snippets are what newsmon drops on purpose (reader comments, update notes, promo lines,
captions) — see the bench's -v listing.
"""

from __future__ import annotations

import statistics

import pytest

from bench.extraction_real import WORSE_BY, load_baseline, run_newsmon, run_trafilatura
from newsmon.crawlers.extract.encoding import decode_html
from tests.realpages import load_pages

PAGES = load_pages("test")


@pytest.fixture(scope="module")
def results() -> list[dict]:
    baseline = load_baseline() or {}
    out = []
    for p in PAGES:
        html, _ = decode_html(p.raw(), p.content_type)
        ours = run_newsmon(html, p.url)
        if p.id in baseline:
            theirs_score, theirs_chars = baseline[p.id]["score"], baseline[p.id]["chars"]
        else:
            theirs = run_trafilatura(html, p.url)
            theirs_score, theirs_chars = p.score(theirs), len(theirs.strip())
        out.append({"page": p, "ours": p.score(ours), "theirs": theirs_score, "ours_chars": len(ours.strip()),
                    "theirs_chars": theirs_chars})
    return out


def _mean(rows, key):
    return statistics.fmean(r[key] for r in rows)


def test_the_held_out_half_covers_both_corpora():
    corpora = {p.corpus for p in PAGES}
    assert corpora == {"fundus", "trafilatura"} and len(PAGES) >= 140
    assert not {p.id for p in PAGES} & {p.id for p in load_pages("dev")}


def test_mean_score_not_below_plain_trafilatura(results):
    assert _mean(results, "ours") >= _mean(results, "theirs"), (_mean(results, "ours"), _mean(results, "theirs"))


def test_ahead_on_news_pages_with_a_known_body(results):
    rows = [r for r in results if r["page"].corpus == "fundus"]
    assert _mean(rows, "ours") >= _mean(rows, "theirs") + 0.005, (_mean(rows, "ours"), _mean(rows, "theirs"))


def test_close_to_plain_trafilatura_on_its_own_snippet_set(results):
    rows = [r for r in results if r["page"].corpus == "trafilatura"]
    assert _mean(rows, "ours") >= _mean(rows, "theirs") - 0.02, (_mean(rows, "ours"), _mean(rows, "theirs"))


def test_never_empty_where_trafilatura_finds_a_body(results):
    lost = [r["page"].id for r in results if r["theirs_chars"] and not r["ours_chars"]]
    assert not lost, lost


def test_worse_than_plain_trafilatura_on_few_pages(results):
    worse = [(r["page"].id, round(r["ours"], 3), round(r["theirs"], 3)) for r in results
             if r["ours"] < r["theirs"] - WORSE_BY]
    assert len(worse) <= 0.09 * len(results), worse


def _dev_page(page_id: str):
    return next(p for p in load_pages("dev") if p.id == page_id)


@pytest.mark.parametrize("page_id, lead", [
    # standfirst in the de-cluttered page, over several <p> (trafilatura leaves it out)
    ("fundus-se-Expressen_2025_10_23", "Eleverna på privatskolan Lundsberg trängde på natten in"),
    # standfirst in a "teaser" block, removed as weak clutter
    ("fundus-de-MotorSportMagazin_2024_04_24", "Kawasaki zieht sein Werksteam Ende 2024 zurück"),
    # the lead names Twitter and says "you": running text at the edge of the body, not a prompt
    ("traf-theverge.com.ios13", "iOS 13’s third developer beta includes a new feature"),
])
def test_the_lead_of_the_story_stays(page_id, lead):
    p = _dev_page(page_id)
    html, _ = decode_html(p.raw(), p.content_type)
    text = " ".join(run_newsmon(html, p.url).split())
    assert lead in text, text[:300]
