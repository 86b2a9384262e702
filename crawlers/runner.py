"""Run both spiders for one logical date in this process (``python -m newsmon.crawlers.runner``).

``newsmon crawl`` starts this as a subprocess: Twisted's reactor cannot restart, and the
caller (CLI, Airflow task, test) stays free of it.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from newsmon.core.config import Config, load_config


def settings_from_config(cfg: Config) -> dict[str, Any]:
    c = cfg.crawl
    return {
        "USER_AGENT": c.user_agent,
        "ROBOTSTXT_OBEY": c.obey_robots,
        "DOWNLOAD_DELAY": c.download_delay,
        "AUTOTHROTTLE_START_DELAY": max(c.download_delay, 0.01),
        "CONCURRENT_REQUESTS_PER_DOMAIN": c.concurrent_per_domain,
        "DOWNLOAD_TIMEOUT": c.timeout,
        "DOWNLOAD_MAXSIZE": c.max_bytes,
        "DOWNLOAD_WARNSIZE": min(c.max_bytes, 1_000_000),
        "RETRY_TIMES": c.retry_times,
        "RETRY_BACKOFF": c.retry_backoff,
        "RETRY_AFTER_MAX": c.max_retry_after,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m newsmon.crawlers.runner")
    ap.add_argument("--config")
    ap.add_argument("--db")
    ap.add_argument("--date", required=True)
    ap.add_argument("--run-id", required=True)
    ap.add_argument("--sources", help="comma-separated source names (default: all)")
    ap.add_argument("--log-level", default="WARNING")
    args = ap.parse_args(argv)

    from scrapy.crawler import CrawlerProcess
    from scrapy.utils.project import get_project_settings

    if args.config:
        os.environ["NEWSMON_CONFIG"] = args.config
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "newsmon.crawlers.settings")
    cfg = load_config(args.config, db=args.db)
    settings = get_project_settings()
    settings.setdict(settings_from_config(cfg), priority="cmdline")
    settings.set("LOG_LEVEL", args.log_level, priority="cmdline")
    process = CrawlerProcess(settings)
    kinds = {s.kind for s in cfg.sources if s.enabled}
    spider_args = dict(config=args.config, date=args.date, run_id=args.run_id, sources=args.sources, db=args.db)
    from newsmon.crawlers.spiders.feeds import FeedSpider
    from newsmon.crawlers.spiders.sitemaps import NewsSitemapSpider

    for kind, spider in (("rss", FeedSpider), ("sitemap", NewsSitemapSpider)):
        if kind in kinds:
            process.crawl(spider, **spider_args)
    process.start()
    return 0


if __name__ == "__main__":
    sys.exit(main())
