"""Scrapy settings: the static ones here; the tunable ones come from ``[crawl]`` in newsmon.toml
through ``settings_from_config`` (the only place they are mapped; their defaults live in
``newsmon.core.config.Crawl``). The spider applies the config's values in ``from_crawler``."""

from __future__ import annotations

from typing import Any

from newsmon.core.config import Config, Crawl


def crawl_settings(c: Crawl) -> dict[str, Any]:
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


def settings_from_config(cfg: Config) -> dict[str, Any]:
    return crawl_settings(cfg.crawl)


BOT_NAME = "newsmon"
SPIDER_MODULES = ["newsmon.crawlers.spiders"]
NEWSPIDER_MODULE = "newsmon.crawlers.spiders"

globals().update(crawl_settings(Crawl()))  # defaults for a bare `scrapy crawl news`
CONCURRENT_REQUESTS = 16
DOWNLOAD_DELAY_JITTER = 0.5
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
REDIRECT_MAX_TIMES = 5
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False

RETRY_ENABLED = True
RETRY_HTTP_CODES = [429, 500, 502, 503, 504, 522, 524, 408]
DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "newsmon.crawlers.middlewares.BackoffRetryMiddleware": 550,
}
ITEM_PIPELINES = {
    "newsmon.crawlers.pipelines.RelevancePipeline": 200,
    "newsmon.crawlers.pipelines.RunDedupPipeline": 300,
}
LOG_LEVEL = "INFO"
FEED_EXPORT_ENCODING = "utf-8"
