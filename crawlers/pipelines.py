"""Item pipelines: relevance flag, in-run duplicate drop. Counters go to ``crawler.stats``
(per feed, see ``stat_prefix``); the JSON Lines output is Scrapy's ``FEEDS`` exporter."""

from __future__ import annotations

from scrapy.exceptions import DropItem

from newsmon.core.relevance import RelevanceFilter
from newsmon.crawlers.items import stat_prefix


class _StatsPipeline:
    def __init__(self, crawler):
        self.crawler = crawler
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)

    def count(self, item, key: str) -> None:
        self.stats.inc_value(f"{stat_prefix(item['source'], item['feed'])}/{key}")


class RelevancePipeline(_StatsPipeline):
    def open_spider(self, spider=None):
        self.filter = RelevanceFilter(self.crawler.spider.cfg.relevance)

    def process_item(self, item, spider=None):
        verdict = self.filter.judge(item["title"], item["text"], item.get("language"))
        item["relevant"] = verdict.relevant
        item["relevance_hits"] = verdict.hits
        self.count(item, "relevant" if verdict.relevant else "irrelevant")
        return item


class RunDedupPipeline(_StatsPipeline):
    """The same story reached under two URLs in one run (utm variants, two feeds) is stored once;
    one already in the warehouse under its canonical URL is not stored again."""

    def open_spider(self, spider=None):
        self.seen: set[str] = set()

    def process_item(self, item, spider=None):
        key = item["canonical_url"]
        if key in self.seen or key in self.crawler.spider.known_urls:
            self.count(item, "duplicates")
            raise DropItem(f"duplicate of {key}")
        self.seen.add(key)
        self.count(item, "articles")
        return item
