"""Google News sitemaps and sitemap indexes → article pages."""

from newsmon.crawlers.feeds import parse_sitemap
from newsmon.crawlers.spiders.base import NewsSpider


class NewsSitemapSpider(NewsSpider):
    name = "sitemaps"
    kind = "sitemap"

    def parse_entries(self, response, report):
        entries, children, repaired = parse_sitemap(response.body)
        if repaired:
            report.error("malformed_feed_recovered", response.url, "sitemap XML was broken; entries recovered")
        return entries, children
