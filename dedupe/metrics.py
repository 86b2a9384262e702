"""Clustering metrics: pairwise and B-cubed precision/recall/F1."""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def pairwise(gold: dict, pred: dict) -> tuple[float, float, float]:
    keys = sorted(gold)
    tp = fp = fn = 0
    for a, b in combinations(keys, 2):
        g, p = gold[a] == gold[b], pred[a] == pred[b]
        tp += g and p
        fp += p and not g
        fn += g and not p
    prec = tp / (tp + fp) if tp + fp else 1.0
    rec = tp / (tp + fn) if tp + fn else 1.0
    return prec, rec, _f1(prec, rec)


def bcubed(gold: dict, pred: dict) -> tuple[float, float, float]:
    by_gold, by_pred = defaultdict(set), defaultdict(set)
    for k in gold:
        by_gold[gold[k]].add(k)
        by_pred[pred[k]].add(k)
    prec = sum(len(by_pred[pred[k]] & by_gold[gold[k]]) / len(by_pred[pred[k]]) for k in gold) / len(gold)
    rec = sum(len(by_pred[pred[k]] & by_gold[gold[k]]) / len(by_gold[gold[k]]) for k in gold) / len(gold)
    return prec, rec, _f1(prec, rec)


def pair_recall(pairs: list[tuple], pred: dict) -> float:
    """Share of the given (same-event) pairs that ended in one cluster."""
    return sum(pred[a] == pred[b] for a, b in pairs) / len(pairs) if pairs else 1.0


def pair_separation(pairs: list[tuple], pred: dict) -> float:
    """Share of the given (different-event) pairs kept apart."""
    return sum(pred[a] != pred[b] for a, b in pairs) / len(pairs) if pairs else 1.0
