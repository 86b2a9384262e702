"""Scrapy settings: polite and bounded by default. Per-run values come from newsmon.toml
(see ``newsmon.crawlers.runner.settings_from_config``)."""

BOT_NAME = "newsmon"
SPIDER_MODULES = ["newsmon.crawlers.spiders"]
NEWSPIDER_MODULE = "newsmon.crawlers.spiders"

USER_AGENT = "newsmon/0.1 (Central Asia news monitoring; +https://example.org/newsmon)"
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 1.0
DOWNLOAD_DELAY_JITTER = 0.5
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
DOWNLOAD_TIMEOUT = 20
DOWNLOAD_MAXSIZE = 3_000_000
DOWNLOAD_WARNSIZE = 1_000_000
REDIRECT_MAX_TIMES = 5
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False

RETRY_ENABLED = True
RETRY_TIMES = 3
RETRY_HTTP_CODES = [429, 500, 502, 503, 504, 522, 524, 408]
RETRY_BACKOFF = 1.0          # newsmon: first retry waits this long, doubled each time
RETRY_AFTER_MAX = 120.0      # newsmon: cap on a server's Retry-After
DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "newsmon.crawlers.middlewares.BackoffRetryMiddleware": 550,
}
ITEM_PIPELINES = {
    "newsmon.crawlers.pipelines.RelevancePipeline": 200,
    "newsmon.crawlers.pipelines.RunDedupPipeline": 300,
    "newsmon.crawlers.pipelines.RawJsonlPipeline": 800,
}
LOG_LEVEL = "INFO"
FEED_EXPORT_ENCODING = "utf-8"
