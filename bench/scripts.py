"""Kazakh and Uzbek vectors as written and in the model's script (newsmon/core/scripts.py), side by side.

For every article of the labelled dedupe splits written in Kazakh or Uzbek, in either script: is the
nearest article in another language (by the multilingual-e5 vector alone, the production model and
precision) from its own event? Once with the article embedded as written, once as newsmon embeds it
(Kazakh Latin spelt in Cyrillic, Uzbek Cyrillic in Latin); the other languages' articles are embedded
as written in both. Also the mean cosine to its own event's other-language versions and to the
nearest other event's.

Run: .venv/bin/python bench/scripts.py [--split dev|test] [--sets tests/data/dedupe_blind*]
"""

from __future__ import annotations

import argparse
import glob
import json
import sys
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from newsmon.core.embedders import OnnxE5Embedder, embedding_text  # noqa: E402
from newsmon.core.scripts import script_of  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", default="dev", choices=["dev", "test"])
    ap.add_argument("--sets", nargs="*", default=sorted(glob.glob(str(REPO / "tests/data/dedupe_blind*"))))
    args = ap.parse_args(argv)
    rows = [dict(json.loads(line), set=s) for s in args.sets if (Path(s) / f"{args.split}.jsonl").exists()
            for line in (Path(s) / f"{args.split}.jsonl").read_text(encoding="utf-8").splitlines() if line]
    e5 = OnnxE5Embedder(precision="int8-mixed")
    as_written = e5.encode([embedding_text(r["title"], r["text"]) for r in rows])
    print(f"{len(rows)} articles in {len(args.sets)} sets ({args.split}); multilingual-e5 int8-mixed, vector alone")
    print(f"{'language':10} {'articles':>8}  {'nearest is own event':>22}  {'mean cosine own / nearest other':>32}")
    for lang in ("kk", "uz"):
        for script in ("latn", "cyrl"):
            idx = [i for i, r in enumerate(rows) if r["language"] == lang
                   and (r.get("script") or script_of(r["title"] + r["text"])) == script]
            if not idx:
                continue
            converted = e5.encode([embedding_text(rows[i]["title"], rows[i]["text"], language=lang) for i in idx])
            cells = []
            for vecs in (as_written[idx], converted):
                hits = n = 0
                own, other = [], []
                for k, i in enumerate(idx):
                    cand = [j for j, r in enumerate(rows) if r["set"] == rows[i]["set"] and r["language"] != lang]
                    cos = as_written[cand] @ vecs[k]
                    same = [c for c, j in zip(cos, cand) if rows[j]["event"] == rows[i]["event"]]
                    if not same:
                        continue
                    diff = [c for c, j in zip(cos, cand) if rows[j]["event"] != rows[i]["event"]]
                    n += 1
                    hits += max(same) > max(diff, default=-1.0)
                    own.append(np.mean(same))
                    other.append(max(diff, default=np.nan))
                cells.append((hits, n, float(np.mean(own)), float(np.nanmean(other))))
            (h0, n, o0, x0), (h1, _, o1, x1) = cells
            print(f"{lang}-{script:6} {len(idx):8}  as written {h0:3}/{n:<3} ours {h1:3}/{n:<3}"
                  f"  as written {o0:.3f}/{x0:.3f} ours {o1:.3f}/{x1:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
