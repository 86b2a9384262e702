"""Benchmark of what the analyst sees, on a warehouse of 10,000 synthetic articles (30 days, events of
1-8 members in English and Russian, 384-d vectors): storyline linking, digest build time, and the web
pages' response times (in-process ASGI client; every request opens DuckDB read-only, as in production).

Run: .venv/bin/python bench/view.py [--articles 10000] [--requests 20]
The query embedder is a stand-in (a fixed vector per query) so page times exclude the model; the real
multilingual model's time per query is measured separately when it is installed.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.synthetic_warehouse import config_text, fake_query_embedder, fill_large  # noqa: E402


def _stats(samples: list[float]) -> tuple[float, float, float]:
    s = sorted(samples)
    return statistics.median(s) * 1000, s[min(len(s) - 1, int(round(0.95 * (len(s) - 1))))] * 1000, s[-1] * 1000


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--requests", type=int, default=20)
    args = ap.parse_args()

    from starlette.testclient import TestClient

    from newsmon.core.config import load_config
    from newsmon.dedupe.storylines import run_storylines
    from newsmon.warehouse.db import connect
    from newsmon.web.app import create_app
    from newsmon.web.db import read_only
    from newsmon.web.digest import build_digest

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        db = work / "bench.duckdb"
        (work / "newsmon.toml").write_text(config_text(db), encoding="utf-8")
        cfg = load_config(work / "newsmon.toml")
        end = date(2026, 11, 30)
        t0 = time.perf_counter()
        con = connect(db)
        filled = fill_large(con, args.articles, days=30, end=end)
        n_events = con.execute("SELECT count(*) FROM events").fetchone()[0]
        t1 = time.perf_counter()
        res = run_storylines(con, cfg, end.isoformat())
        t2 = time.perf_counter()
        con.close()
        print(f"warehouse: {filled.articles} articles in {n_events} events over 30 days (filled in {t1 - t0:.1f} s)")
        print(f"storylines: {res.describe()} in {t2 - t1:.1f} s ({n_events / (t2 - t1):.0f} events/s)")

        days = []
        for _ in range(5):
            with read_only(db) as con:
                t = time.perf_counter()
                d = build_digest(con, cfg, end)
                days.append(time.perf_counter() - t)
        med, p95, mx = _stats(days)
        print(f"\ndigest of {end}: {len(d.events)} events in {len(d.groups)} groups, {len(d.html) / 1024:.0f} KiB HTML "
              f"(+ {len(d.text) / 1024:.0f} KiB text); build median {med:.0f} ms, max {mx:.0f} ms (5 runs)")

        embed = fake_query_embedder({"summit": "summit", "саммит": "summit", "metro": "metro"})
        app = create_app(cfg, embed, today=lambda: end)
        view = app.state.view
        client = TestClient(app)
        with read_only(db) as con:
            big = con.execute("SELECT event_id FROM events ORDER BY member_count DESC, event_id LIMIT 1").fetchone()[0]
            sid = con.execute("SELECT storyline_id FROM storylines ORDER BY event_count DESC LIMIT 1").fetchone()[0]
        pages = [("Today", f"/?date={end}"), ("Event (8 members)", f"/event/{big}"), ("Search HTML (ru)", "/search?q=саммит"),
                 ("Search JSON (en)", "/search.json?q=summit+Tokyo"), ("Sources", "/sources"),
                 ("Storylines", "/storylines"), ("Storyline", f"/storyline/{sid}"), ("Digest as mailed", f"/digest?date={end}")]
        print(f"\n{'page':22s} {'uncached median':>16s} {'p95':>8s} {'max':>8s} {'cached median':>14s}   (ms, {args.requests} requests)")
        for name, url in pages:
            assert client.get(url).status_code == 200, url
            view.cache_size = 0
            cold = []
            for _ in range(args.requests):
                view.cache.clear()
                t = time.perf_counter()
                r = client.get(url)
                cold.append(time.perf_counter() - t)
                assert r.status_code == 200
            view.cache_size = 256
            client.get(url)
            warm = []
            for _ in range(args.requests):
                t = time.perf_counter()
                client.get(url)
                warm.append(time.perf_counter() - t)
            med, p95, mx = _stats(cold)
            print(f"{name:22s} {med:16.0f} {p95:8.0f} {mx:8.0f} {_stats(warm)[0]:14.1f}")

    try:
        from newsmon.dedupe.storylines import vector_embedder

        emb = vector_embedder(load_config(REPO / "newsmon.toml"))
        emb.encode(["warm-up"])
        qs = []
        for q in ["саммит в Токио", "Rogun dam turbine", "Ташкент проезд", "Almaty metro", "mine accident Karaganda"]:
            t = time.perf_counter()
            emb.encode([q])
            qs.append(time.perf_counter() - t)
        print(f"\nquery embedding with {emb.name}: median {statistics.median(qs) * 1000:.0f} ms per query (added to a search page)")
    except Exception as exc:  # noqa: BLE001 - optional
        print(f"\n(query embedding not measured: {exc})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
