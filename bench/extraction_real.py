"""Extraction on real pages (tests/data/extraction_real): newsmon vs plain trafilatura, side by side.

Corpora: Fundus per-publisher test pages (score: body token F1 against the expected body) and
trafilatura's tests/cache pages (score: snippet F1 of the "with"/"without" snippets; definition in
tests/realpages.py). Both systems get the same decoded HTML and the page URL; trafilatura is called
plainly, trafilatura.extract(html, url=url), newsmon is extract_article(html, url).text ("" when it
raises NoArticle).

Columns: pages; mean score of each; "worse" = pages where newsmon scores more than 0.02 below
trafilatura ("better" the converse); "empty" = pages with no body, for each; "lost" = pages newsmon
leaves empty although trafilatura found a body.

Run: .venv/bin/python bench/extraction_real.py [--split dev|test] [--corpus fundus|trafilatura] [-v]
     .venv/bin/python bench/extraction_real.py --write-baseline   # store trafilatura's scores for the test
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import trafilatura  # noqa: E402

from newsmon.crawlers.extract.article import NoArticle, extract_article  # noqa: E402
from newsmon.crawlers.extract.encoding import decode_html  # noqa: E402
from tests.realpages import DATA, load_pages  # noqa: E402

WORSE_BY = 0.02
BASELINE = DATA / "trafilatura_baseline.json"


def run_newsmon(html: str, url: str) -> str:
    try:
        return extract_article(html, url).text
    except NoArticle:
        return ""


def run_trafilatura(html: str, url: str) -> str:
    return trafilatura.extract(html, url=url) or ""


def load_baseline() -> dict[str, dict] | None:
    """Stored plain-trafilatura results per page id ({"score", "chars"}), if made with the installed version."""
    if not BASELINE.exists():
        return None
    doc = json.loads(BASELINE.read_text(encoding="utf-8"))
    return doc["pages"] if doc.get("trafilatura") == trafilatura.__version__ else None


def write_baseline(rows: list[dict]) -> None:
    doc = {"trafilatura": trafilatura.__version__, "call": "trafilatura.extract(html, url=url)",
           "pages": {r["page"].id: {"score": round(r["s_theirs"], 6), "chars": len(r["theirs"])} for r in rows}}
    BASELINE.write_text(json.dumps(doc, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def evaluate(pages) -> list[dict]:
    rows = []
    for p in pages:
        html, _ = decode_html(p.raw(), p.content_type)
        t0 = time.perf_counter()
        ours = run_newsmon(html, p.url)
        t1 = time.perf_counter()
        theirs = run_trafilatura(html, p.url)
        t2 = time.perf_counter()
        rows.append({"page": p, "ours": ours, "theirs": theirs, "s_ours": p.score(ours), "s_theirs": p.score(theirs),
                     "t_ours": t1 - t0, "t_theirs": t2 - t1})
    return rows


def summary(rows: list[dict]) -> dict:
    n = len(rows)
    return {
        "n": n,
        "ours": statistics.fmean(r["s_ours"] for r in rows) if n else 0.0,
        "theirs": statistics.fmean(r["s_theirs"] for r in rows) if n else 0.0,
        "worse": sum(r["s_ours"] < r["s_theirs"] - WORSE_BY for r in rows),
        "better": sum(r["s_ours"] > r["s_theirs"] + WORSE_BY for r in rows),
        "empty_ours": sum(not r["ours"].strip() for r in rows),
        "empty_theirs": sum(not r["theirs"].strip() for r in rows),
        "lost": sum(not r["ours"].strip() and bool(r["theirs"].strip()) for r in rows),
        "sec_ours": sum(r["t_ours"] for r in rows),
        "sec_theirs": sum(r["t_theirs"] for r in rows),
    }


def micro_snippets(rows: list[dict], key: str) -> tuple[float, float, float]:
    """trafilatura-eval style precision/recall/F1 over all snippets of the rows (trafilatura corpus only)."""
    from tests.realpages import snippet_counts

    tp = fp = fn = tn = 0
    for r in rows:
        a, b, c, d = snippet_counts(r["page"], r[key])
        tp, fp, fn, tn = tp + a, fp + b, fn + c, tn + d
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    return prec, rec, (2 * prec * rec / (prec + rec) if prec + rec else 0.0)


def trafilatura_eval_pages(gitdir: str, workdir: Path) -> list:
    """trafilatura's own evaluation pages (``tests/eval/*.html`` with ``tests/evaldata.json``, about 880
    pages, 135 MB, so not vendored), read from a bare clone of adbar/trafilatura. Used as a dev set:
    newsmon's rules were changed while looking at them."""
    import subprocess

    from tests.realpages import RealPage

    def show(path: str) -> bytes:
        return subprocess.run(["git", f"--git-dir={gitdir}", "show", f"HEAD:{path}"], check=True, capture_output=True).stdout

    listed = set(subprocess.run(["git", f"--git-dir={gitdir}", "ls-tree", "--name-only", "HEAD", "tests/eval/"],
                                check=True, capture_output=True, text=True).stdout.split())
    pages = []
    for url, v in json.loads(show("tests/evaldata.json")).items():
        if f"tests/eval/{v['file']}" in listed:
            path = workdir / v["file"]
            path.write_bytes(show(f"tests/eval/{v['file']}"))
            pages.append(RealPage(f"eval-{v['file']}", "trafilatura", "eval", url, path,
                                  with_=v.get("with", []), without=v.get("without", [])))
    return pages


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--split", choices=["dev", "test"])
    ap.add_argument("--corpus", choices=["fundus", "trafilatura"])
    ap.add_argument("-v", "--verbose", action="store_true", help="list the pages where the two differ by > 0.02")
    ap.add_argument("--write-baseline", action="store_true", help=f"store trafilatura's scores in {BASELINE.name}")
    ap.add_argument("--trafilatura-eval", metavar="GITDIR",
                    help="instead: trafilatura's tests/eval pages, read from a bare clone of adbar/trafilatura")
    args = ap.parse_args(argv)
    if args.trafilatura_eval:
        import tempfile

        with tempfile.TemporaryDirectory() as tmp:
            rows = evaluate(trafilatura_eval_pages(args.trafilatura_eval, Path(tmp)))
        s = summary(rows)
        (po, ro, fo), (pt, rt, ft) = micro_snippets(rows, "ours"), micro_snippets(rows, "theirs")
        print(f"trafilatura's evaluation pages: {s['n']} (trafilatura {trafilatura.__version__}); snippet F1 per page")
        print(f"newsmon {s['ours']:.3f}  trafilatura {s['theirs']:.3f}  diff {s['ours'] - s['theirs']:+.3f}  "
              f"worse {s['worse']}  better {s['better']}  empty n/t {s['empty_ours']}/{s['empty_theirs']}  "
              f"sec n/t {s['sec_ours']:.1f}/{s['sec_theirs']:.1f}")
        print(f"micro P/R/F1: newsmon {po:.3f}/{ro:.3f}/{fo:.3f}   trafilatura {pt:.3f}/{rt:.3f}/{ft:.3f}")
        if args.verbose:
            for r in sorted((r for r in rows if r["s_ours"] < r["s_theirs"] - WORSE_BY), key=lambda r: r["s_ours"] - r["s_theirs"]):
                print(f"  {r['page'].id:55s} newsmon {r['s_ours']:.3f} ({len(r['ours']):6d} ch)  "
                      f"trafilatura {r['s_theirs']:.3f} ({len(r['theirs']):6d} ch)")
        return 0
    pages = load_pages(args.split, args.corpus)
    rows = evaluate(pages)
    if args.write_baseline:
        if args.split or args.corpus:
            ap.error("--write-baseline needs every page (no --split/--corpus)")
        write_baseline(rows)
    print(f"real pages: {len(rows)} in tests/data/extraction_real "
          f"(trafilatura {trafilatura.__version__}, called as trafilatura.extract(html, url=url))")
    print("score: fundus = body token F1 vs expected body; trafilatura = snippet F1 of with/without snippets")
    head = (f"{'split':6s}{'corpus':13s}{'pages':>6s}{'newsmon':>9s}{'trafil.':>9s}{'diff':>8s}"
            f"{'worse':>7s}{'better':>7s}{'empty n/t':>11s}{'lost':>6s}{'sec n/t':>13s}")
    print(head)
    groups = []
    for split in ("dev", "test"):
        for corpus in ("fundus", "trafilatura", None):
            sel = [r for r in rows if r["page"].split == split and (corpus is None or r["page"].corpus == corpus)]
            if sel:
                groups.append((split, corpus or "all", sel))
    if not args.split:
        groups.append(("all", "all", rows))
    for split, corpus, sel in groups:
        s = summary(sel)
        print(f"{split:6s}{corpus:13s}{s['n']:6d}{s['ours']:9.3f}{s['theirs']:9.3f}{s['ours'] - s['theirs']:+8.3f}"
              f"{s['worse']:7d}{s['better']:7d}{s['empty_ours']:>6d}/{s['empty_theirs']:<4d}{s['lost']:6d}"
              f"{s['sec_ours']:7.1f}/{s['sec_theirs']:.1f}")
    traf_rows = [r for r in rows if r["page"].corpus == "trafilatura"]
    for split in ("dev", "test"):
        sel = [r for r in traf_rows if r["page"].split == split]
        if sel:
            (po, ro, fo), (pt, rt, ft) = micro_snippets(sel, "ours"), micro_snippets(sel, "theirs")
            print(f"trafilatura snippets, {split}, micro P/R/F1: newsmon {po:.3f}/{ro:.3f}/{fo:.3f}   "
                  f"trafilatura {pt:.3f}/{rt:.3f}/{ft:.3f}")
    if args.verbose:
        diff = sorted((r for r in rows if abs(r["s_ours"] - r["s_theirs"]) > WORSE_BY),
                      key=lambda r: r["s_ours"] - r["s_theirs"])
        for r in diff:
            p = r["page"]
            print(f"  {p.split:4s} {p.id:55s} newsmon {r['s_ours']:.3f} ({len(r['ours']):6d} ch)  "
                  f"trafilatura {r['s_theirs']:.3f} ({len(r['theirs']):6d} ch)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
