"""Real article pages (tests/data/extraction_real) and how an extracted body is scored on them.

Two corpora, two scores, both in [0, 1] per page:

* fundus — the publisher-specific parser's expected body (summary, section headlines, paragraphs):
  body token F1 against it (tests.textmetrics.token_f1).
* trafilatura — hand-picked snippets that must be in the body ("with") and must not ("without"):
  snippet F1 = 2·TP / (2·TP + FP + FN), TP = "with" snippets found, FN = "with" snippets missing,
  FP = "without" snippets found; whitespace-normalised substring match, as in trafilatura's own
  tests/eval_common.py. An empty body scores 0 (no credit for leaving the clutter out of nothing).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from tests.textmetrics import token_f1

DATA = Path(__file__).resolve().parent / "data" / "extraction_real"


@dataclass
class RealPage:
    id: str
    corpus: str  # "fundus" | "trafilatura"
    split: str  # "dev" | "test"
    url: str
    path: Path
    body: str = ""
    with_: list[str] = field(default_factory=list)
    without: list[str] = field(default_factory=list)
    title: str | None = None      # fundus: the publisher parser's title, publishing date and authors
    published: str | None = None
    authors: list[str] = field(default_factory=list)

    @property
    def content_type(self) -> str | None:
        """Fundus stores every page re-encoded as UTF-8 (its <meta charset> may still name the original
        encoding), as an HTTP header would say; trafilatura's cache holds the bytes as served."""
        return "text/html; charset=utf-8" if self.corpus == "fundus" else None

    def raw(self) -> bytes:
        return self.path.read_bytes()

    def score(self, text: str) -> float:
        return score_page(self, text)


def article_paragraphs() -> list[tuple[str, list[str]]]:
    """(document name, paragraphs) of labelled article bodies: the synthetic gold set, the fixture
    web's articles, and the real publishers' bodies of the Fundus dev pages (37 countries) — text
    that is never promo."""
    tests = Path(__file__).resolve().parent
    docs = []
    for f in sorted((tests / "data" / "extraction").glob("*.json")):
        g = json.loads(f.read_text(encoding="utf-8"))
        docs.append((f.stem, [p for p in g["text"].split("\n") if p.strip()]))
    for e in json.loads((tests / "newsweb" / "site" / "expected.json").read_text("utf-8")):
        if e.get("kind") == "article" and e.get("body"):
            docs.append((e["outlet"] + e["path"], [p for p in e["body"].split("\n") if p.strip()]))
    for page in load_pages("dev", "fundus"):
        docs.append((page.id, [p for p in page.body.split("\n") if p.strip()]))
    return docs


def paragraph_halves(max_chars: int, min_chars: int = 0) -> tuple[list[str], list[str]]:
    """Short paragraphs of ``article_paragraphs()``, split by document (a hash of its name): (one
    half to train on, the other half held out)."""
    train, held = [], []
    for name, paras in article_paragraphs():
        side = held if int(hashlib.sha1(name.encode()).hexdigest(), 16) % 2 else train
        side.extend(p for p in paras if min_chars <= len(p) <= max_chars)
    return train, held


def load_pages(split: str | None = None, corpus: str | None = None) -> list[RealPage]:
    doc = json.loads((DATA / "pages.json").read_text(encoding="utf-8"))
    out = []
    for p in doc["pages"]:
        if split and p["split"] != split or corpus and p["corpus"] != corpus:
            continue
        out.append(RealPage(id=p["id"], corpus=p["corpus"], split=p["split"], url=p["url"], path=DATA / p["file"],
                            body=p.get("body", ""), with_=p.get("with", []), without=p.get("without", []),
                            title=p.get("title"), published=p.get("published"), authors=p.get("authors", [])))
    return out


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def snippet_counts(page: RealPage, text: str) -> tuple[int, int, int, int]:
    """(tp, fp, fn, tn) of the page's with/without snippets in the text."""
    t = _norm(text or "")
    tp = sum(_norm(w) in t for w in page.with_) if t else 0
    fp = sum(_norm(w) in t for w in page.without) if t else 0
    return tp, fp, len(page.with_) - tp, len(page.without) - fp


def snippet_f1(page: RealPage, text: str) -> float:
    tp, fp, fn, _ = snippet_counts(page, text)
    return 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0


def score_page(page: RealPage, text: str) -> float:
    if page.corpus == "fundus":
        return token_f1(text or "", page.body)
    return snippet_f1(page, text)
