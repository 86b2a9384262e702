"""Shared fixtures: paths, the default config, embedders loaded once per session."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "tests" / "newsweb" / "build" / "seeds"  # vendored copies of the two seed articles
sys.path.insert(0, str(REPO))  # `tests.newsweb` importable
os.environ.setdefault("HF_HUB_OFFLINE", "1")


def seed_article(name: str) -> tuple[str, list[str]]:
    """(first line, body paragraphs) of a vendored seed file."""
    path = SEEDS / name
    lines = [l.strip() for l in path.read_text(encoding="utf-8").splitlines() if l.strip()]
    return lines[0], lines[1:]


@pytest.fixture(scope="session")
def default_cfg():
    from newsmon.core.config import load_config

    return load_config(REPO / "newsmon.toml")


@pytest.fixture(scope="session")
def embedders(default_cfg):
    from newsmon.dedupe.assign import make_embedders

    return make_embedders(default_cfg)


def pytest_sessionfinish(session, exitstatus):
    """In CI (``CI`` set) a skipped test is a failure: a clean checkout must run everything."""
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = len(reporter.stats.get("skipped", [])) if reporter else 0
    if os.environ.get("CI") and skipped and exitstatus == 0:
        reporter.write_line(f"CI: {skipped} test(s) skipped; every test must run here", red=True)
        session.exitstatus = 1
