"""Run the news spider for one logical date in this process (``python -m newsmon.crawlers.runner``).

``newsmon crawl`` starts this as a subprocess: Twisted's reactor cannot restart, and the
caller (CLI, Airflow task, test) stays free of it. The spider reads the config itself.
"""

from __future__ import annotations

import argparse
import logging
import sys

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings

from newsmon.crawlers.spiders.news import NewsSpider


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m newsmon.crawlers.runner")
    ap.add_argument("--config")
    ap.add_argument("--db")
    ap.add_argument("--date", required=True)
    ap.add_argument("--run-id", required=True)
    ap.add_argument("--sources", help="comma-separated source names (default: all enabled)")
    ap.add_argument("--log-level", default="WARNING")
    ap.add_argument("--quiet", action="store_true", help="no progress lines on stderr")
    args = ap.parse_args(argv)

    if not args.quiet:  # progress lines, independent of Scrapy's own log level
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(message)s"))
        progress = logging.getLogger("newsmon.progress")
        progress.addHandler(handler)
        progress.setLevel(logging.INFO)
        progress.propagate = False
    settings = Settings()
    settings.setmodule("newsmon.crawlers.settings", priority="project")
    settings.set("LOG_LEVEL", args.log_level, priority="cmdline")
    process = CrawlerProcess(settings)
    process.crawl(NewsSpider, config=args.config, db=args.db, date=args.date, run_id=args.run_id, sources=args.sources)
    process.start()
    return 0


if __name__ == "__main__":
    sys.exit(main())
