"""Relevance benchmark over the labelled sets (tests/data/relevance, relevance2, …, relevance9): the old rule (config terms only:
a term in the title, or ``min_hits`` in the body) and the new rule (gazetteer entities, weighted
title and lead, look-alike and passing-mention handling) side by side, per split.

Prints precision, recall and F1 (positive class: relevant), and accuracy per kind.
Run: .venv/bin/python bench/relevance.py [--data DIR]... [--split dev|test]... [--config newsmon.toml] [--errors]
Tune on dev only; test is held out.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from newsmon.core.config import Relevance, load_config  # noqa: E402
from newsmon.core.relevance import RelevanceFilter  # noqa: E402
from newsmon.core.terms import TermMatcher  # noqa: E402

SETS = tuple(sorted((REPO / "tests" / "data").glob("relevance*"), key=lambda p: (len(p.name), p.name)))
KINDS = ("direct", "entity-only", "regional", "passing", "lookalike", "other")


def load_split(data: Path, name: str) -> list[dict]:
    return [json.loads(line) for line in (data / f"{name}.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]


class OldRule:
    """The rule before issue 11: relevant when the title names a config term or the body does min_hits times."""

    def __init__(self, cfg: Relevance):
        self.min_hits = cfg.min_hits
        self.matcher = TermMatcher(cfg.terms)

    def __call__(self, title: str, text: str) -> bool:
        return bool(self.matcher.counts(title)) or sum(self.matcher.counts(text).values()) >= self.min_hits


def scores(rows: list[dict], predicted: list[bool]) -> dict:
    tp = sum(1 for r, p in zip(rows, predicted) if p and r["relevant"])
    fp = sum(1 for r, p in zip(rows, predicted) if p and not r["relevant"])
    fn = sum(1 for r, p in zip(rows, predicted) if not p and r["relevant"])
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    per_kind = {}
    for kind in KINDS:
        idx = [i for i, r in enumerate(rows) if r["kind"] == kind]
        if idx:
            ok = sum(1 for i in idx if predicted[i] == rows[i]["relevant"])
            per_kind[kind] = (ok, len(idx))
    return {"precision": precision, "recall": recall, "f1": f1, "tp": tp, "fp": fp, "fn": fn, "per_kind": per_kind}


def evaluate(data: Path, split: str, cfg: Relevance) -> dict:
    rows = load_split(data, split)
    old, new = OldRule(cfg), RelevanceFilter(cfg)
    verdicts = [new.judge(r["title"], r["text"]) for r in rows]
    return {"rows": rows, "old": scores(rows, [old(r["title"], r["text"]) for r in rows]),
            "new": scores(rows, [v.relevant for v in verdicts]), "verdicts": verdicts}


def print_split(name: str, res: dict, errors: bool) -> None:
    rows, old, new = res["rows"], res["old"], res["new"]
    print(f"\n== {name}: {len(rows)} articles, {sum(r['relevant'] for r in rows)} relevant")
    print(f"{'':22}{'old (terms)':>14}{'new (entities)':>16}")
    for key in ("precision", "recall", "f1"):
        print(f"{key:22}{old[key]:>14.3f}{new[key]:>16.3f}")
    print(f"{'false pos / false neg':22}{old['fp']:>8} / {old['fn']:<3}{new['fp']:>10} / {new['fn']:<3}")
    print("accuracy per kind")
    for kind in KINDS:
        if kind in new["per_kind"]:
            (o_ok, n), (n_ok, _) = old["per_kind"][kind], new["per_kind"][kind]
            print(f"  {kind:20}{f'{o_ok}/{n}':>14}{f'{n_ok}/{n}':>16}")
    if errors:
        for r, v in zip(rows, res["verdicts"]):
            if v.relevant != r["relevant"]:
                print(f"  WRONG {r['id']} {r['kind']:12} gold={r['relevant']!s:5} {v.reason}; {v.evidence} | {r['title']}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", action="append", type=Path, help="a labelled set's folder (default: both sets)")
    ap.add_argument("--split", action="append", choices=("dev", "test"), help="default: dev and test")
    ap.add_argument("--config", default=str(REPO / "newsmon.toml"))
    ap.add_argument("--errors", action="store_true", help="list the articles the new rule gets wrong")
    args = ap.parse_args(argv)
    cfg = load_config(args.config).relevance
    print(f"config {args.config} (min_hits {cfg.min_hits}, {len(cfg.terms)} terms, gazetteer {cfg.gazetteer})")
    for data in args.data or SETS:
        for split in args.split or ["dev", "test"]:
            print_split(f"{Path(data).name}/{split}", evaluate(Path(data), split, cfg), args.errors)
    return 0


if __name__ == "__main__":
    sys.exit(main())
