"""Train the promo model's head (crawlers/extract/promo_model.py) and print how it generalises.

Training data, never a ``test`` split:
- the ``dev`` splits of the labelled promo sets (tests/data/promo*/dev.jsonl): promo lines, and
  prose that uses the same words;
- the training-only rows of tests/data/promo_train (520 lines by two more authors, same format,
  never scored: in every fold's training data, never held out);
- real article paragraphs (tests.realpages.article_paragraphs: the gold set, the fixture web, the
  real Fundus dev bodies), as prose. Only half of the documents (by a hash of their name) are
  trained on; the other half checks that real prose is never flagged.

Leaving one labelled set out at a time, it prints, per threshold, what the head alone finds on
the set it never saw and how many prose rows and real paragraphs it would take; the threshold
written is the lowest one that takes no prose row and no held-out real paragraph in any fold,
raised by one step for margin. Then it fits on everything and writes promo_head.json.

    python bench/promo_head.py            # print the figures and write the head
    python bench/promo_head.py --dry-run  # print only
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from newsmon.crawlers.extract.promo_model import HEAD_FILE, MAX_CHARS, PromoHead, fit_logistic, paragraph_embedder  # noqa: E402
from tests.realpages import paragraph_halves  # noqa: E402

SETS = ("promo", "promo2", "promo3", "promo4", "promo5", "promo6", "promo7", "promo8")
TRAIN_ONLY = REPO / "tests" / "data" / "promo_train"
THRESHOLDS = [round(0.5 + 0.05 * i, 2) for i in range(10)]  # 0.50 … 0.95
C = 16.0


def read_rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def dev_rows(name: str) -> list[dict]:
    return read_rows(REPO / "tests" / "data" / name / "dev.jsonl")


def train_only_rows() -> list[dict]:
    return [r for f in sorted(TRAIN_ONLY.glob("*.jsonl")) for r in read_rows(f)]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--dry-run", action="store_true", help="print the figures, do not write the head")
    ap.add_argument("--without-train-only", action="store_true", help="leave tests/data/promo_train out (to compare)")
    args = ap.parse_args(argv)

    emb = paragraph_embedder()
    sets = {n: dev_rows(n) for n in SETS}
    extra = train_only_rows() if not args.without_train_only else []
    real_train, real_held = paragraph_halves(MAX_CHARS)
    texts = sorted({r["text"] for rows in [*sets.values(), extra] for r in rows} | set(real_train) | set(real_held))
    vec = dict(zip(texts, emb.encode(texts)))

    def xy(rows: list[dict], prose: list[str]) -> tuple[np.ndarray, np.ndarray]:
        t = [r["text"] for r in rows] + prose
        y = np.array([r["label"] == "clutter" for r in rows] + [False] * len(prose))
        return np.stack([vec[s] for s in t]), y

    print(f"embedder {emb.name}; labelled dev rows {sum(map(len, sets.values()))}, training-only rows {len(extra)}; real paragraphs "
          f"<= {MAX_CHARS} chars: {len(real_train)} trained on, {len(real_held)} held out")
    print("leave one set out: the head alone on the set it never saw (promo found / prose taken) and on held-out real paragraphs")
    safe = set(THRESHOLDS)
    for held in SETS:
        x, y = xy(sum((sets[n] for n in SETS if n != held), extra), real_train)
        fold = PromoHead(*fit_logistic(x, y, C), threshold=0.0, embedder=emb.name)
        hx, hy = xy(sets[held], [])
        p = fold.probabilities(hx)
        pr = fold.probabilities(np.stack([vec[s] for s in real_held]))
        cells = []
        for th in THRESHOLDS:
            found, taken, real_fp = int(((p >= th) & hy).sum()), int(((p >= th) & ~hy).sum()), int((pr >= th).sum())
            if taken or real_fp:
                safe.discard(th)
            cells.append(f"{th:.2f}: {found}/{int(hy.sum())} {taken} {real_fp}")
        print(f"  {held:7s} " + " | ".join(cells[2:]))
    ok = sorted(t for t in safe if all(u in safe for u in THRESHOLDS if u >= t))
    if not ok:
        print("no threshold is safe in every fold: head not written")
        return 1
    threshold = min(THRESHOLDS[min(THRESHOLDS.index(ok[0]) + 1, len(THRESHOLDS) - 1)], 0.95)
    print(f"lowest threshold safe in every fold {ok[0]:.2f}; written with one step of margin: {threshold:.2f}")

    x, y = xy(sum(sets.values(), extra), real_train)
    w, b = fit_logistic(x, y, C)
    head = {"embedder": emb.name, "threshold": threshold, "bias": b, "weights": [round(float(v), 6) for v in w],
            "trained_on": {"labelled_dev_rows": {n: len(sets[n]) for n in SETS}, "training_only_rows": len(extra),
                           "real_paragraphs": len(real_train),
                           "c": C, "date": datetime.now(UTC).date().isoformat()}}
    if not args.dry_run:
        HEAD_FILE.write_text(json.dumps(head) + "\n", encoding="utf-8")
        print(f"wrote {HEAD_FILE.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
