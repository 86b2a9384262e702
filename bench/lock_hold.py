"""How long readers wait during a dedupe run: the longest time the DuckDB write lock is held.

Loads a synthetic corpus (copies of the labelled dev set, as bench/dedupe_throughput.py) into a
fresh warehouse, then runs ``steps.dedupe`` with the configured backends while

- every read-write connection opened in the process is timed from open to close (the lock is
  held exactly that long: DuckDB allows one writing process or many reading ones), and
- a second process tries a read-only query every 50 ms and records the longest stretch in which
  it was refused ("database busy") — what a user of ``newsmon sql`` would see.

Target: the longest hold under 2 s for 1k articles. ``--before`` also replays the previous
release's dedupe (embedding inside the write transaction) for comparison.

Run: .venv/bin/python bench/lock_hold.py [--n 1000] [--before] [--threads 2]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

PROBE = r"""
import json, sys, time, duckdb
db, stop, out = sys.argv[1:4]
import os
busy_since, longest, tries, refused = None, 0.0, 0, 0
while not os.path.exists(stop):
    t = time.monotonic(); tries += 1
    try:
        con = duckdb.connect(db, read_only=True)
        con.execute("SELECT count(*) FROM articles").fetchone()
        con.close()
        if busy_since is not None:
            longest = max(longest, t - busy_since); busy_since = None
    except Exception:
        refused += 1
        if busy_since is None:
            busy_since = t
    time.sleep(0.05)
if busy_since is not None:
    longest = max(longest, time.monotonic() - busy_since)
json.dump({"longest_refused": longest, "tries": tries, "refused": refused}, open(out, "w"))
"""


class _Timed:
    """A read-write connection that reports how long it was open."""

    def __init__(self, con, holds: list[float]):
        self._con, self._holds, self._t = con, holds, time.perf_counter()

    def close(self):
        self._con.close()
        self._holds.append(time.perf_counter() - self._t)

    def __getattr__(self, name):
        return getattr(self._con, name)


def swap_connect(new):
    """Make every loaded newsmon module that bound ``warehouse.db.connect`` by name call ``new``;
    returns the function that puts the real one back."""
    import newsmon.dedupe.store  # noqa: F401  (binds connect at import: load it before swapping)
    from newsmon.warehouse import db as dbmod

    real = dbmod.connect
    mods = [m for name, m in list(sys.modules.items())
            if name.startswith("newsmon") and getattr(m, "connect", None) is real]
    for m in mods:
        m.connect = new

    def restore():
        for m in mods:
            m.connect = real
    return restore


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--before", action="store_true", help="also replay the previous release's dedupe")
    args = ap.parse_args()

    from dedupe_throughput import config, corpus, legacy_dedupe

    from newsmon import steps
    from newsmon.dedupe.assign import make_embedders
    from newsmon.warehouse import db as dbmod
    from tests.rawfiles import write_run

    real_connect = dbmod.connect
    holds: list[float] = []

    def timed_connect(path, read_only=False, wait=10.0):
        con = real_connect(path, read_only=read_only, wait=wait)
        return con if read_only else _Timed(con, holds)

    print(f"{args.n} articles, {args.threads} threads, load average at start "
          f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    runs = (["before"] if args.before else []) + ["default"]
    for backend in runs:
        cfg = config(backend, args.threads)
        with tempfile.TemporaryDirectory() as tmp:
            cfg.storage.db = Path(tmp) / "lock.duckdb"
            cfg.storage.raw_dir = Path(tmp) / "raw"
            write_run(cfg.storage.raw_dir, "2026-11-22", "bench", corpus(args.n))
            steps.load(cfg, "2026-11-22")
            emb = make_embedders(cfg)
            for e in (emb.mono, emb.multi):
                if e is not None:
                    if backend == "before" and hasattr(e, "languages"):
                        del e.languages
                    e.encode(["warm-up"])
            stop, out = Path(tmp) / "stop", Path(tmp) / "probe.json"
            probe = subprocess.Popen([sys.executable, "-c", PROBE, str(cfg.storage.db), str(stop), str(out)])
            time.sleep(0.5)
            holds.clear()
            restore = swap_connect(timed_connect)
            try:
                t = time.perf_counter()
                res = legacy_dedupe(cfg, "2026-11-22", emb) if backend == "before" else \
                    steps.dedupe(cfg, "2026-11-22", embedder=emb)
                total = time.perf_counter() - t
            finally:
                restore()
                stop.touch()
                probe.wait(timeout=60)
            p = json.loads(out.read_text())
        name = "before (embedding inside the write transaction)" if backend == "before" else \
            f"now ({'+'.join(e.name for e in (emb.mono, emb.multi) if e is not None)})"
        print(f"\n{name}")
        print(f"  dedupe {total:.1f}s, {res.articles} articles assigned")
        print(f"  write connections {len(holds)}, held {sum(holds):.2f}s in all; "
              f"longest write-lock hold {max(holds, default=0):.2f}s (target < 2 s)")
        print(f"  reader probe: {p['refused']} of {p['tries']} read-only opens refused; "
              f"longest wait {p['longest_refused']:.2f}s")


if __name__ == "__main__":
    main()
