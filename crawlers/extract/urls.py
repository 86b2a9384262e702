"""URL normalisation: one canonical spelling per article."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

TRACKING_PREFIXES = ("utm_", "mc_", "pk_", "hsa_", "_hs")
TRACKING_PARAMS = {"fbclid", "gclid", "yclid", "dclid", "msclkid", "igshid", "ref", "ref_src", "cmpid", "from", "amp"}


def normalize_url(url: str, base: str | None = None) -> str:
    """Lower-case scheme/host, drop default port, fragment and tracking parameters."""
    if base:
        url = urljoin(base, url.strip())
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    port = parts.port
    netloc = host if port is None or (scheme, port) in (("http", 80), ("https", 443)) else f"{host}:{port}"
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not k.lower().startswith(TRACKING_PREFIXES) and k.lower() not in TRACKING_PARAMS
    ]
    path = parts.path or "/"
    return urlunsplit((scheme, netloc, path, urlencode(sorted(query)), ""))


def host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def same_site(a: str, b: str) -> bool:
    """True when two URLs share a registrable-looking host (www. ignored)."""
    ha, hb = host_of(a).removeprefix("www."), host_of(b).removeprefix("www.")
    return ha == hb or ha.endswith("." + hb) or hb.endswith("." + ha)
