"""What the latest dedupe rules do on a labelled split: scored as the code stands, and with them off.

Two groups of rules, switched off here only, by replacing them for the run. ``place`` (this round):
- the first report stands in for a refusing canonical when both leads name one district or village
  (cluster.Clusterer.support) -> the canonical alone;
- the same-place bonus of 0.25 (Params.w_same_place) -> 0.15, its value before.
``update`` (the round before):
- an update of the event: an article whose best match is an update is scored against the event's other
  members as an update (``pair_score(..., of_update=True)`` in cluster.py) -> plain pair scores;
- a count fallen below half is no revision (numbers.quantity_relation) -> any other count is a revision;
- the cause named: a lead that explains a cause pays no later-day cost (Doc.explains) -> False;
- the kilometre mark as an identifying number ("112 km-mark") -> dropped.

Run: .venv/bin/python bench/dedupe_ablation.py tests/data/dedupe_blind9 [--split dev|test]
"""

from __future__ import annotations

import argparse
import copy
import dataclasses
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from newsmon.core.config import load_config  # noqa: E402
from newsmon.dedupe import cluster, decide, evaluate  # noqa: E402
from newsmon.dedupe.evaluate import _event_pairs_apart, _whole, build_set, discover, predict  # noqa: E402
from newsmon.dedupe.metrics import bcubed, pairwise  # noqa: E402


def any_change_is_a_revision(earlier: dict, later: dict) -> tuple[int, int]:
    """numbers.quantity_relation before this round: a count fallen to a fraction still counts as revised."""
    alike = differ = 0
    for kind in earlier.keys() & later.keys():
        a, b = earlier[kind], later[kind]
        alike += bool(a & b)
        differ += not a & b or max(a) in b and max(b) != max(a)
    return alike, differ


def rules_off(es):
    """A copy of the set without the cause and kilometre-mark signals."""
    out = copy.copy(es)
    out.docs = [copy.copy(d) for d in es.docs]
    for d in out.docs:
        d.explains = False
        d.numbers = {n for n in d.numbers if not n.endswith("km-mark")}
    return out


def score(es, cfg, off: frozenset[str] = frozenset()) -> str:
    plain_score, relation = decide.pair_score, decide.quantity_relation
    shared, params = cluster.places_shared, evaluate.decision_params
    if "update" in off:
        es = rules_off(es)
        cluster.pair_score = lambda a, b, p, of_update=False: plain_score(a, b, p)
        decide.quantity_relation = any_change_is_a_revision
    if "place" in off:
        cluster.places_shared = lambda a, b: False
        evaluate.decision_params = lambda c: dataclasses.replace(params(c), w_same_place=0.15)
    try:
        pred = predict(es, cfg)
    finally:
        cluster.pair_score, decide.quantity_relation = plain_score, relation
        cluster.places_shared, evaluate.decision_params = shared, params
    b, pw = bcubed(es.gold, pred), pairwise(es.gold, pred)
    whole = sum(_whole(es, e, pred) for e in es.groups.developing)
    fu, fu_merged = _event_pairs_apart(es, es.groups.follow_ups, pred)
    nm = sum(_event_pairs_apart(es, [(x, y) for i, x in enumerate(g) for y in g[i + 1:]], pred)[1]
             for g in es.groups.near_miss)
    return (f"B-cubed {b[2]:.3f} (P {b[0]:.3f} R {b[1]:.3f})  pairwise P {pw[0]:.3f} R {pw[1]:.3f}  "
            f"developing whole {whole} of {len(es.groups.developing)}  follow-ups apart {fu} of "
            f"{len(es.groups.follow_ups)}  near-miss article pairs merged {nm}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("paths", nargs="+", type=Path)
    ap.add_argument("--split", choices=["dev", "test"])
    args = ap.parse_args(argv)
    cfg = load_config(REPO / "newsmon.toml")
    for spec in discover(args.paths):
        if args.split and not spec.name.endswith("/" + args.split):
            continue
        es = build_set(spec.files, cfg, spec.groups, None, spec.name)
        print(f"{spec.name:24s} now              {score(es, cfg)}")
        print(f"{spec.name:24s} place rules off  {score(es, cfg, frozenset({'place'}))}")
        print(f"{spec.name:24s} both groups off  {score(es, cfg, frozenset({'place', 'update'}))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
