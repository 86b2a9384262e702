"""newsmon: Central Asia news monitoring (crawl -> warehouse -> dedupe -> alert)."""

__version__ = "0.1.0"
