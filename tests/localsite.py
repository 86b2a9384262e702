"""A tiny real HTTP site on 127.0.0.1 for tests: a route table, redirects, and a request log.

    with LocalSite({"/feed.xml": Page(body, "application/rss+xml"), "/old": Redirect("/feed.xml")}) as site:
        site.url("/feed.xml"); site.requests  # [(method, raw path as sent, decoded path), …]

Paths are matched after percent-decoding, so an article served at ``/новости/…`` answers whether
the client sends the IRI's percent-encoded form (as Scrapy does) or anything equivalent.
"""

from __future__ import annotations

import http.server
import threading
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit


@dataclass
class Page:
    body: bytes | str
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)

    def raw(self) -> bytes:
        return self.body.encode("utf-8") if isinstance(self.body, str) else self.body


@dataclass
class Redirect:
    to: str
    status: int = 301


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):  # noqa: A002 - quiet
        pass

    def do_GET(self):  # noqa: N802
        site: LocalSite = self.server.site  # type: ignore[attr-defined]
        raw = self.path
        path = unquote(urlsplit(raw).path, encoding="utf-8", errors="replace")
        with site.lock:
            site.requests.append(("GET", raw, path))
        route = site.routes.get(path)
        if isinstance(route, Redirect):
            self.send_response(route.status)
            self.send_header("Location", route.to)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if route is None:
            route = Page("<html><body><h1>Not found</h1></body></html>", status=404)
        body = route.raw()
        self.send_response(route.status)
        self.send_header("Content-Type", route.content_type)
        self.send_header("Content-Length", str(len(body)))
        for k, v in route.headers.items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)


class LocalSite:
    def __init__(self, routes: dict[str, Page | Redirect]):
        self.routes = dict(routes)
        self.requests: list[tuple[str, str, str]] = []
        self.lock = threading.Lock()
        self._server: http.server.ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> LocalSite:
        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self._server.daemon_threads = True
        self._server.site = self  # type: ignore[attr-defined]
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._thread.join(5)
            self._server = None

    def __enter__(self) -> LocalSite:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    @property
    def base(self) -> str:
        assert self._server is not None, "site not started"
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def hits(self, path: str) -> int:
        """Requests whose decoded path is ``path``."""
        with self.lock:
            return sum(1 for _, _, p in self.requests if p == path)


# --- Content for fixture sites ---------------------------------------------------------------

def article_html(title: str, published: str, canonical: str | None = None, lang: str = "en") -> str:
    """A plain news article page the extractor reads (title, date, six body paragraphs)."""
    paras = "".join(
        f"<p>{title}, part {i}: officials of Kazakhstan and Uzbekistan met in Tashkent on Tuesday to discuss "
        "water sharing along the Syr Darya, energy trade and the transport corridor that links both economies "
        "with the ports on the Caspian Sea.</p>" for i in range(6))
    canon = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    return (f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{title} | Fixture</title>{canon}'
            f'<meta property="article:published_time" content="{published}"></head><body>'
            f'<header><nav><a href="/">Home</a></nav></header><article><h1>{title}</h1>'
            f'<time datetime="{published}">{published}</time>{paras}</article><footer>Fixture news</footer></body></html>')


def rss(items: list[tuple[str, str, str]]) -> str:
    """RSS 2.0 with (title, link, RFC 822 pubDate) items."""
    body = "".join(f"<item><title>{t}</title><link>{l}</link><pubDate>{d}</pubDate></item>" for t, l, d in items)
    return ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Fixture</title>'
            f'<link>http://127.0.0.1/</link><description>fixture</description>{body}</channel></rss>')


def base_config() -> str:
    """The repo's newsmon.toml without its sources (tests append their own), tuned for a local site."""
    from tests.conftest import REPO

    base = (REPO / "newsmon.toml").read_text(encoding="utf-8").split("# --- Sources")[0]
    return (base.replace("download_delay = 1.0", "download_delay = 0")
                .replace("timeout = 20 ", "timeout = 5 ")
                .replace("retry_times = 3 ", "retry_times = 0 ")
                .replace("retry_backoff = 1.0", "retry_backoff = 0.1"))
