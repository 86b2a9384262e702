"""Offline demo: the daily job against the fixture news web (8 outlets on 127.0.0.x).

Serves tests/newsweb/site, writes data/demo/newsmon.toml pointing at it, runs
`newsmon run` into data/demo/newsmon.duckdb and prints the events it found.
Run: make demo   (or .venv/bin/python bench/demo.py)
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.newsweb import NewsWeb  # noqa: E402

DATE = "2026-11-22"


def main() -> int:
    work = REPO / "data" / "demo"
    work.mkdir(parents=True, exist_ok=True)
    base = (REPO / "newsmon.toml").read_text(encoding="utf-8").split("# --- Sources")[0]
    base = base.replace("download_delay = 1.0", "download_delay = 0").replace("timeout = 20 ", "timeout = 5 ")
    newsmon = [sys.executable, "-m", "newsmon.cli"]
    with NewsWeb() as web:
        (work / "newsmon.toml").write_text(base + web.sources_toml(), encoding="utf-8")
        run = subprocess.run([*newsmon, "run", "--config", "newsmon.toml", "--date", DATE], cwd=work)
    for day in ("2026-11-21", "2026-11-22"):
        subprocess.run([*newsmon, "events", "--config", "newsmon.toml", "--date", day], cwd=work)
    print(f"\ndatabase: {work / 'data' / 'newsmon.duckdb'}  (query: cd {work} && newsmon sql 'SELECT ...')")
    return run.returncode


if __name__ == "__main__":
    sys.exit(main())
