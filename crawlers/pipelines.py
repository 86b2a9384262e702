"""Item pipelines: relevance flag, in-run duplicate drop, raw JSON Lines output."""

from __future__ import annotations

import json

from scrapy.exceptions import DropItem

from newsmon.core.relevance import RelevanceFilter


class _CrawlerAware:
    """Scrapy 2.13+ calls pipeline methods without the spider; reach it through the crawler."""

    @classmethod
    def from_crawler(cls, crawler):
        obj = cls()
        obj.crawler = crawler
        return obj

    @property
    def spider(self):
        return self.crawler.spider


class RelevancePipeline(_CrawlerAware):
    def open_spider(self):
        spider = self.spider
        self.filter = RelevanceFilter(spider.cfg.relevance)

    def process_item(self, item):
        spider = self.spider
        verdict = self.filter.judge(item["title"], item["text"])
        item["relevant"] = verdict.relevant
        item["relevance_hits"] = verdict.hits
        report = spider.reports[item["source"]]
        report.data["relevant" if verdict.relevant else "irrelevant"] += 1
        return item


class RunDedupPipeline(_CrawlerAware):
    """The same story reached under two URLs in one run (utm variants, two feeds) is stored once."""

    def open_spider(self):
        spider = self.spider
        self.seen: set[str] = set()

    def process_item(self, item):
        spider = self.spider
        key = item["canonical_url"]
        if key in self.seen or key in spider.known_urls:
            spider.reports[item["source"]].data["duplicates"] += 1
            raise DropItem(f"duplicate of {key}")
        self.seen.add(key)
        return item


class RawJsonlPipeline(_CrawlerAware):
    """One JSON object per line, flushed per item, in raw_dir/date=YYYY-MM-DD/<run>.<spider>.jsonl."""

    def open_spider(self):
        spider = self.spider
        spider.items_path.parent.mkdir(parents=True, exist_ok=True)
        self.fh = spider.items_path.open("a", encoding="utf-8")

    def close_spider(self):
        self.fh.close()

    def process_item(self, item):
        spider = self.spider
        self.fh.write(json.dumps(dict(item), ensure_ascii=False) + "\n")
        self.fh.flush()
        spider.reports[item["source"]].data["articles"] += 1
        return item
