"""URL normalisation: one canonical spelling per article, equal to what Scrapy requests.

w3lib does the work (percent-encoded IRIs — a Cyrillic path is stored the way Scrapy sends it —,
sorted query, no fragment, punycode hosts); newsmon adds dropping tracking parameters and
default ports.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urljoin, urlsplit, urlunsplit

from w3lib.url import canonicalize_url, url_query_cleaner

TRACKING_PREFIXES = ("utm_", "mc_", "pk_", "hsa_", "_hs")
TRACKING_PARAMS = {"fbclid", "gclid", "yclid", "dclid", "msclkid", "igshid", "ref", "ref_src", "cmpid", "from", "amp"}


def _tracking(query: str) -> list[str]:
    return sorted({k for k, _ in parse_qsl(query, keep_blank_values=True)
                   if k.lower().startswith(TRACKING_PREFIXES) or k.lower() in TRACKING_PARAMS})


def normalize_url(url: str, base: str | None = None) -> str:
    """Canonical form: absolute, percent-encoded, lower-case scheme/host, no default port,
    fragment or tracking parameters, query sorted. Idempotent; IRI and URI spellings agree."""
    url = url.strip()
    if base:
        url = urljoin(base, url)
    drop = _tracking(urlsplit(url).query)
    if drop:
        url = url_query_cleaner(url, drop, remove=True, keep_fragments=False)
    url = canonicalize_url(url, keep_blank_values=True, keep_fragments=False)
    parts = urlsplit(url)
    if (parts.scheme, parts.port) in (("http", 80), ("https", 443)):
        parts = parts._replace(netloc=parts.netloc.rsplit(":", 1)[0])
    return urlunsplit(parts._replace(path=parts.path or "/"))


def host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def same_site(a: str, b: str) -> bool:
    """True when two URLs share a registrable-looking host (www. ignored)."""
    ha, hb = host_of(a).removeprefix("www."), host_of(b).removeprefix("www.")
    return ha == hb or ha.endswith("." + hb) or hb.endswith("." + ha)
