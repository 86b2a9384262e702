"""End to end in a real browser: the fixture news web is crawled into a warehouse by the real CLI,
storylines are linked, `newsmon serve` runs, and Debian's headless Chromium renders the pages
(--dump-dom and --screenshot). The summit event, its Russian member and a Russian query's hit on
the English event must be on the page. The screenshots are the README's (docs/screenshots/)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

import pytest

from tests.conftest import REPO
from tests.newsweb import NewsWeb
from tests.test_crawl_e2e import DATE, cli, crawl_config

SHOTS = REPO / "docs" / "screenshots"
SUMMIT = "Japan sets five-year $19 billion business push into Central Asia"
RU_MEMBER = "Япония намерена реализовать в Центральной Азии проекты на 3 трлн иен"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--hide-scrollbars", "--disable-extensions", "--mute-audio"]


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    if os.environ.get("CI"):
        pytest.fail("Chromium is not installed (Debian: apt-get install -y chromium)")
    pytest.skip("Chromium is not installed (Debian: apt-get install -y chromium)")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    browser = chromium()
    workdir = tmp_path_factory.mktemp("newsmon-browser")
    with NewsWeb() as web:
        crawl_config(web, workdir)
        cli(workdir, "run", "--date", DATE)
    cli(workdir, "storylines", "--date", DATE)
    cli(workdir, "digest", "--date", "2026-11-21", "--out", str(workdir / "digest.html"))
    port = _free_port()
    log = (workdir / "serve.log").open("w")
    server = subprocess.Popen([sys.executable, "-m", "newsmon.cli", "serve", "--port", str(port)], cwd=workdir,
                              stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(base + "/healthz", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise AssertionError((workdir / "serve.log").read_text())
                time.sleep(0.3)
        event_id = cli(workdir, "sql", f"SELECT event_id FROM events WHERE title = '{SUMMIT}'", "--format", "csv").stdout.split()[1]
        yield {"base": base, "dir": workdir, "browser": browser, "event": event_id}
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


def _chrome(served, url: str, *extra: str, timeout: int = 120) -> subprocess.CompletedProcess:
    with tempfile.TemporaryDirectory() as profile:
        return subprocess.run([served["browser"], *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *extra, url],
                              capture_output=True, text=True, timeout=timeout)


def dom(served, path: str) -> str:
    proc = _chrome(served, served["base"] + path, "--dump-dom")
    assert proc.returncode == 0 and "<html" in proc.stdout, proc.stderr[-2000:]
    return proc.stdout


def screenshot(served, url: str, name: str, height: int = 1400) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    out = SHOTS / f"{name}.png"
    proc = _chrome(served, url, f"--screenshot={out}", f"--window-size=1280,{height}")
    assert out.exists() and out.stat().st_size > 20_000, proc.stderr[-2000:]
    return out


def test_today_shows_the_summit_and_its_russian_member(served):
    html = dom(served, "/?date=2026-11-21")
    assert SUMMIT in html and RU_MEMBER in html
    assert "alert: summit" in html and "Central Asia (several countries)" in html and "<svg" in html
    screenshot(served, served["base"] + "/?date=2026-11-21", "today", 1500)


def test_event_page_shows_members_side_by_side(served):
    html = dom(served, f"/event/{served['event']}")
    assert SUMMIT in html and RU_MEMBER in html and "Why it joined" in html
    assert html.count('class="member') == 5
    screenshot(served, served["base"] + f"/event/{served['event']}", "event", 1500)


def test_russian_query_finds_the_english_event(served):
    q = quote("саммит Япония Центральная Азия")
    html = dom(served, f"/search?q={q}")
    assert SUMMIT in html and f'href="/event/{served["event"]}"' in html
    screenshot(served, served["base"] + f"/search?q={q}", "search", 800)


def test_storyline_links_the_summit_and_the_deals_after_it(served):
    html = dom(served, "/storylines")
    assert SUMMIT in html
    html = dom(served, f"/event/{served['event']}")
    assert "Part of storyline" in html


def test_digest_as_mailed_renders_offline(served):
    url = (served["dir"] / "digest.html").as_uri()
    proc = _chrome(served, url, "--dump-dom")
    assert SUMMIT in proc.stdout and RU_MEMBER in proc.stdout
    screenshot(served, url, "digest", 1500)
    screenshot(served, served["base"] + "/sources", "sources", 1100)
