"""Config-driven spiders: ``feeds`` (RSS/Atom) and ``sitemaps`` (news sitemaps, indexes)."""
