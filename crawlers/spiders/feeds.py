"""RSS 2.0 / RSS 1.0 / Atom feeds → article pages."""

from newsmon.crawlers.feeds import parse_feed
from newsmon.crawlers.spiders.base import NewsSpider


class FeedSpider(NewsSpider):
    name = "feeds"
    kind = "rss"

    def parse_entries(self, response, report):
        entries, repaired = parse_feed(response.body)
        if repaired:
            report.error("malformed_feed_recovered", response.url, "feed XML was broken; entries recovered")
        return entries, []
