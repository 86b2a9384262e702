"""Offline fixture "news web": one stdlib HTTP server per outlet, each on its own loopback IP.

    from tests.newsweb import NewsWeb          # or: from newsweb import NewsWeb (pytest rootdir-style)
    with NewsWeb() as web:
        web.url("asiawire", "/feed/")           # "http://127.0.0.2:40123/feed/"
        toml = web.sources_toml()               # [[sources]] blocks for a newsmon config
        web.switch("steppe-daily", "redesign")  # serve site/steppe-daily/_variants/redesign/ first
        web.requests                            # thread-safe log of every request

Stdlib only (Python >= 3.11 for tomllib).  See README.md beside this file.
"""
from __future__ import annotations

import email.utils
import fnmatch
import hashlib
import http.server
import json
import re
import socket
import sys
import threading
import time
import tomllib
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

DEFAULT_ROOT = Path(__file__).resolve().parent / "site"

#: Last-Modified of every normal file / of files served from a variant overlay
#: (overridable per path with `last_modified` in _headers.toml).
DEFAULT_LAST_MODIFIED = "Sun, 22 Nov 2026 18:00:00 GMT"
VARIANT_LAST_MODIFIED = "Mon, 23 Nov 2026 06:00:00 GMT"

FEED_CONTENT_TYPES = {
    "rss": "application/rss+xml; charset=utf-8",
    "atom": "application/atom+xml; charset=utf-8",
    "sitemap": "application/xml; charset=utf-8",
}
EXT_CONTENT_TYPES = {
    ".xml": "application/xml; charset=utf-8",
    ".atom": "application/atom+xml; charset=utf-8",
    ".rss": "application/rss+xml; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".json": "application/json",
    ".css": "text/css; charset=utf-8",
    ".js": "application/javascript; charset=utf-8",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".webp": "image/webp",
    ".gif": "image/gif",
}
REASONS = {200: "OK", 301: "Moved Permanently", 302: "Found", 304: "Not Modified", 404: "Not Found",
           405: "Method Not Allowed", 429: "Too Many Requests", 500: "Internal Server Error",
           503: "Service Unavailable"}
_PLACEHOLDER = re.compile(rb"\{\{base(?::([A-Za-z0-9_.-]+))?\}\}")
_SLASH = object()  # sentinel: directory requested without trailing slash


@dataclass
class Outlet:
    name: str
    ip: str
    dir: Path
    feeds: list[dict[str, Any]]
    country: str = ""
    language: str = ""
    cms: str = ""
    tz: str = "UTC"
    display: str = ""
    html_content_type: str = "text/html; charset=utf-8"
    last_modified: str = DEFAULT_LAST_MODIFIED
    quirks: str = ""
    rules: dict[str, dict[str, Any]] = field(default_factory=dict)
    variant_rules: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)


def _load_rules(path: Path) -> dict[str, dict[str, Any]]:
    if not path.is_file():
        return {}
    with path.open("rb") as fh:
        return tomllib.load(fh)


def _http_date(ts: float) -> str:
    return email.utils.formatdate(ts, usegmt=True)


def _parse_http_date(value: str) -> float | None:
    try:
        dt = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if dt is None:
        return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=timezone.utc)
    return dt.timestamp()


def _error_page(status: int, extra: str = "") -> bytes:
    reason = REASONS.get(status, "Error")
    return (f"<!DOCTYPE html>\n<html><head><title>{status} {reason}</title></head>"
            f"<body><h1>{status} {reason}</h1>{extra}</body></html>\n").encode()


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 64

    def __init__(self, addr, handler, web: "NewsWeb", outlet: Outlet):
        self.web = web
        self.outlet = outlet
        super().__init__(addr, handler)

    def handle_error(self, request, client_address) -> None:
        # clients that give up (timeouts, size limits) reset the connection: not worth a traceback
        exc = sys.exc_info()[1]
        if isinstance(exc, (ConnectionError, TimeoutError, OSError)):
            return
        super().handle_error(request, client_address)


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "newsweb/1.0"

    def version_string(self) -> str:
        return self.server_version
    timeout = 30  # idle keep-alive connections are dropped after this (and on shutdown)
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - silence stderr
        pass

    def setup(self) -> None:
        super().setup()
        self.server.web._track(self.connection, add=True)

    def finish(self) -> None:
        try:
            super().finish()
        finally:
            self.server.web._track(self.connection, add=False)

    def do_GET(self) -> None:
        self._serve(head=False)

    def do_HEAD(self) -> None:
        self._serve(head=True)

    def _not_allowed(self) -> None:
        self._serve(head=False, allowed=False)

    do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = _not_allowed

    def _serve(self, head: bool, allowed: bool = True) -> None:
        web = self.server.web
        entry = web._log(self.server.outlet.name, self.command, self.path, dict(self.headers.items()))
        try:
            if allowed:
                result = web._respond(self.server.outlet, self.path, self.headers)
            else:
                result = (405, [("Allow", "GET, HEAD"), ("Content-Type", "text/html; charset=utf-8")],
                          _error_page(405))
        except Exception as exc:  # a bug in the fixture must not look like a network error
            result = (500, [("Content-Type", "text/plain; charset=utf-8")], f"newsweb error: {exc!r}\n".encode())
        if result is None:  # shut down while sleeping: drop the connection
            self.close_connection = True
            return
        status, headers, body = result
        entry["status"] = status
        entry["bytes"] = 0 if (head or status == 304) else len(body)
        self.send_response(status, REASONS.get(status))
        for k, v in headers:
            self.send_header(k, v)
        if status != 304:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if not head and status != 304 and body:
            try:
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                self.close_connection = True


class NewsWeb:
    """Context manager serving tests/newsweb/site/: one ThreadingHTTPServer per outlet.

    Attributes:
        outlets:  dict name -> Outlet (from site/outlets.toml)
        requests: list of dicts {outlet, method, path, status, headers, time, variant, bytes},
                  appended under a lock when a request arrives; status/bytes are filled in when the
                  answer is sent (status None = still in flight or dropped at shutdown).
    """

    def __init__(self, root: Path | str = DEFAULT_ROOT, delay_scale: float = 1.0, port: int = 0):
        self.root = Path(root)
        self.delay_scale = float(delay_scale)
        self.port = int(port)
        self.requests: list[dict[str, Any]] = []
        self.outlets: dict[str, Outlet] = {}
        self._lock = threading.RLock()
        self._variants: dict[str, str] = {}
        self._hits: dict[tuple[str, str], int] = {}
        self._stop = threading.Event()
        self._servers: dict[str, _Server] = {}
        self._threads: list[threading.Thread] = []
        self._conns: set[socket.socket] = set()
        self._oversized: dict[tuple[str, str, int], bytes] = {}
        self._load()

    # ------------------------------------------------------------------ config
    def _load(self) -> None:
        with (self.root / "outlets.toml").open("rb") as fh:
            cfg = tomllib.load(fh)
        for o in cfg["outlet"]:
            d = self.root / o["name"]
            outlet = Outlet(
                name=o["name"], ip=o["ip"], dir=d, feeds=list(o.get("feeds", [])),
                country=o.get("country", ""), language=o.get("language", ""), cms=o.get("cms", ""),
                tz=o.get("tz", "UTC"), display=o.get("display", o["name"]),
                html_content_type=o.get("html_content_type", "text/html; charset=utf-8"),
                last_modified=o.get("last_modified", DEFAULT_LAST_MODIFIED), quirks=o.get("quirks", ""),
                rules=_load_rules(d / "_headers.toml"),
            )
            vdir = d / "_variants"
            if vdir.is_dir():
                for v in sorted(p for p in vdir.iterdir() if p.is_dir()):
                    outlet.variant_rules[v.name] = _load_rules(v / "_headers.toml")
            self.outlets[outlet.name] = outlet

    # ------------------------------------------------------------------ lifecycle
    def start(self) -> "NewsWeb":
        if self._servers:
            return self
        self._stop.clear()
        try:
            for o in self.outlets.values():  # bind all first: {{base:OTHER}} needs every port
                try:
                    self._servers[o.name] = _Server((o.ip, self.port), _Handler, self, o)
                except OSError as exc:
                    raise OSError(f"newsweb: cannot bind {o.ip}:{self.port} for outlet {o.name!r}: {exc}. "
                                  "Loopback addresses other than 127.0.0.1 work out of the box on Linux; "
                                  "on macOS add them with `sudo ifconfig lo0 alias 127.0.0.N`.") from exc
        except BaseException:
            for s in self._servers.values():
                s.server_close()
            self._servers.clear()
            raise
        for name, srv in self._servers.items():
            t = threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.05},
                                 name=f"newsweb-{name}", daemon=True)
            t.start()
            self._threads.append(t)
        return self

    def stop(self) -> None:
        self._stop.set()  # wakes handlers sleeping in `delay`
        for srv in self._servers.values():
            srv.shutdown()
        with self._lock:
            conns = list(self._conns)
        for c in conns:  # unblock idle keep-alive readers
            try:
                c.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        for srv in self._servers.values():
            srv.server_close()
        for t in self._threads:
            t.join(timeout=5)
        self._servers.clear()
        self._threads.clear()

    def __enter__(self) -> "NewsWeb":
        return self.start()

    def __exit__(self, *exc: Any) -> None:
        self.stop()

    # ------------------------------------------------------------------ public API
    def base(self, outlet: str) -> str:
        """'http://127.0.0.5:43121' (no trailing slash)."""
        srv = self._servers.get(outlet)
        if srv is None:
            if outlet not in self.outlets:
                raise KeyError(f"unknown outlet {outlet!r}; known: {sorted(self.outlets)}")
            raise RuntimeError("NewsWeb is not running (use it as a context manager)")
        host, port = srv.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, outlet: str, path: str) -> str:
        if not path.startswith("/"):
            path = "/" + path
        return self.base(outlet) + path

    def sources_toml(self, only: list[str] | None = None, timezone: bool = True) -> str:
        """[[sources]] blocks (name, url, kind, country, language[, timezone]), one per feed.

        `only` filters by outlet name or by feed/source name.  `timezone` (the outlet's tz, e.g.
        "Asia/Bishkek") is what newsmon's Source uses for dates printed without an offset."""
        if only is not None:
            known = set(self.outlets) | {f["name"] for o in self.outlets.values() for f in o.feeds}
            unknown = set(only) - known
            if unknown:
                raise KeyError(f"unknown outlets/sources: {sorted(unknown)}")
        out: list[str] = []
        for o in self.outlets.values():
            for f in o.feeds:
                if only is not None and o.name not in only and f["name"] not in only:
                    continue
                out += ["[[sources]]",
                        f"name = {json.dumps(f['name'])}",
                        f"url = {json.dumps(self.url(o.name, f['path']))}",
                        f"kind = {json.dumps(f['kind'])}",
                        f"country = {json.dumps(o.country)}",
                        f"language = {json.dumps(o.language)}"]
                if timezone:
                    out.append(f"timezone = {json.dumps(o.tz)}")
                out.append("")
        return "\n".join(out)

    def switch(self, outlet: str, variant: str | None) -> None:
        """Serve site/<outlet>/_variants/<variant>/ first (overlay); None restores the normal site."""
        o = self.outlets[outlet]
        if variant is not None and not (o.dir / "_variants" / variant).is_dir():
            raise ValueError(f"outlet {outlet!r} has no variant {variant!r}; has: {sorted(o.variant_rules)}")
        with self._lock:
            if variant is None:
                self._variants.pop(outlet, None)
            else:
                self._variants[outlet] = variant

    def variant(self, outlet: str) -> str | None:
        with self._lock:
            return self._variants.get(outlet)

    def hits(self, outlet: str | None = None, path: str | None = None) -> list[dict[str, Any]]:
        """Snapshot of the request log, optionally filtered (path compared without the query)."""
        with self._lock:
            log = list(self.requests)
        return [r for r in log
                if (outlet is None or r["outlet"] == outlet)
                and (path is None or r["path"].split("?", 1)[0] == path)]

    def clear(self) -> None:
        """Forget the request log and the per-path counters behind fail_first (429/503 once)."""
        with self._lock:
            self.requests.clear()
            self._hits.clear()

    def expected(self) -> list[dict[str, Any]]:
        """site/expected.json with absolute `url` (and `canonical_url`, `alias_urls`) for this run."""
        records = json.loads((self.root / "expected.json").read_text(encoding="utf-8"))
        for r in records:
            o = r.get("target_outlet") or r["outlet"]
            if self._servers:
                r["url"] = self.url(o, r["path"])
                r["canonical_url"] = self.url(o, r["canonical_path"])
                r["alias_urls"] = [self.url(o, a) for a in r.get("aliases", [])]
        return records

    # ------------------------------------------------------------------ internals
    def _track(self, conn: socket.socket, add: bool) -> None:
        with self._lock:
            (self._conns.add if add else self._conns.discard)(conn)

    def _log(self, outlet: str, method: str, target: str, headers: dict[str, str]) -> dict[str, Any]:
        entry = {"outlet": outlet, "method": method, "path": target, "status": None, "headers": headers,
                 "time": time.time(), "variant": self.variant(outlet), "bytes": None}
        with self._lock:
            self.requests.append(entry)
        return entry

    def _subst(self, outlet: Outlet, data: bytes) -> bytes:
        def rep(m: re.Match[bytes]) -> bytes:
            name = m.group(1).decode() if m.group(1) else outlet.name
            try:
                return self.base(name).encode()
            except (KeyError, RuntimeError):
                return m.group(0)
        return _PLACEHOLDER.sub(rep, data)

    def _rule(self, outlet: Outlet, variant: str | None, path: str, query: str) -> dict[str, Any]:
        tables = ([outlet.variant_rules.get(variant, {})] if variant else []) + [outlet.rules]
        for rules in tables:
            if query and f"{path}?{query}" in rules:
                return rules[f"{path}?{query}"]
            if path in rules:
                return rules[path]
            for key, rule in rules.items():
                if ("*" in key or "[" in key) and fnmatch.fnmatchcase(path, key):
                    return rule
        return {}

    def _find(self, outlet: Outlet, variant: str | None, path: str) -> tuple[Path | object | None, bool]:
        """-> (file | _SLASH | None, served_from_variant)"""
        rel = path.lstrip("/")
        parts = [p for p in rel.split("/") if p]
        if any(p.startswith(("_", ".")) for p in parts):
            return None, False
        roots = ([(outlet.dir / "_variants" / variant, True)] if variant else []) + [(outlet.dir, False)]
        for root, from_variant in roots:
            base = root.joinpath(*parts) if parts else root
            if path.endswith("/"):
                cands = [base / "index.html", base / "index.xml", base / "index.htm"]
            else:
                cands = [base, base.with_name(base.name + ".html")]
            for c in cands:
                if c.is_file():
                    return c, from_variant
            if not path.endswith("/") and base.is_dir() and any(
                    (base / n).is_file() for n in ("index.html", "index.xml", "index.htm")):
                return _SLASH, from_variant
        return None, False

    def _content_type(self, outlet: Outlet, path: str, file: Path | None) -> str:
        for f in outlet.feeds:
            if f["path"] == path:
                return f.get("content_type") or FEED_CONTENT_TYPES.get(f.get("format", f["kind"]),
                                                                       "application/xml; charset=utf-8")
        ext = file.suffix.lower() if file is not None else ".html"
        if ext in (".html", ".htm"):
            return outlet.html_content_type
        return EXT_CONTENT_TYPES.get(ext, "application/octet-stream")

    @staticmethod
    def _is_text(ctype: str) -> bool:
        c = ctype.split(";")[0].strip().lower()
        return c.startswith("text/") or "xml" in c or c in ("application/json", "application/javascript")

    def _error_body(self, outlet: Outlet, status: int) -> bytes:
        f = outlet.dir / "_errors" / f"{status}.html"
        if f.is_file():
            return self._subst(outlet, f.read_bytes())
        return _error_page(status)

    def _make_oversized(self, outlet: Outlet, path: str, size: int) -> bytes:
        key = (outlet.name, path, size)
        with self._lock:
            if key in self._oversized:
                return self._oversized[key]
        head = ("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Full text: State budget for 2027"
                "</title></head><body><h1>Full text: State budget for 2027</h1><p>Annex 4. Expenditure by "
                "programme and line item, thousand manat.</p><table class=\"budget\">\n")
        tail = "</table></body></html>\n"
        rows, i, n = [], 0, len(head) + len(tail)
        while True:
            row = (f"<tr><td>{i:06d}</td><td>Programme {i % 97:02d}.{i % 13:02d}: maintenance and capital "
                   f"expenditure of subordinate institutions, line {i}</td><td>{(i * 7919) % 100000:,}</td></tr>\n")
            if n + len(row) > size:
                break
            rows.append(row)
            n += len(row)
            i += 1
        pad = "<!--" + "x" * max(0, size - n - 7) + "-->" if size - n >= 7 else ""
        body = (head + "".join(rows) + pad + tail).encode()
        with self._lock:
            self._oversized[key] = body
        return body

    def _respond(self, outlet: Outlet, target: str, req_headers: Any
                 ) -> tuple[int, list[tuple[str, str]], bytes] | None:
        split = urlsplit(target)
        path = unquote(split.path) or "/"
        query = split.query
        variant = self.variant(outlet.name)
        rule = self._rule(outlet, variant, path, query)
        with self._lock:
            n = self._hits[(outlet.name, path)] = self._hits.get((outlet.name, path), 0) + 1

        delay = float(rule.get("delay", 0) or 0) * self.delay_scale
        if delay > 0 and self._stop.wait(delay):
            return None
        extra = [(str(k), str(v)) for k, v in rule.get("headers", {}).items()]

        def finish(status: int, ctype: str, body: bytes, headers: list[tuple[str, str]] | None = None):
            hs = [("Content-Type", ctype)] + (headers or [])
            names = {k.lower() for k, _ in extra}
            hs = [(k, v) for k, v in hs if k.lower() not in names] + extra
            return status, hs, body

        ff = rule.get("fail_first")
        if ff and n <= int(ff.get("count", 1)):
            st = int(ff.get("status", 503))
            return finish(st, "text/html; charset=utf-8", _error_page(st),
                          [("Retry-After", str(ff.get("retry_after", "1")))])

        if "redirect" in rule:
            st = int(rule.get("status", 302))
            loc = self._subst(outlet, str(rule["redirect"]).encode()).decode()
            if loc.startswith("/"):
                loc = self.base(outlet.name) + loc
            return finish(st, "text/html; charset=utf-8",
                          _error_page(st, f'<p><a href="{loc}">{loc}</a></p>'), [("Location", loc)])

        status = int(rule.get("status", 200))
        if status >= 400:
            return finish(status, "text/html; charset=utf-8", self._error_body(outlet, status))

        from_variant = False
        if rule.get("generate") == "oversized":
            body = self._make_oversized(outlet, path, int(rule.get("size", 3 * 1024 * 1024)))
            ctype = outlet.html_content_type
        else:
            file, from_variant = self._find(outlet, variant, path)
            if file is _SLASH:
                loc = self.base(outlet.name) + path + "/" + (f"?{query}" if query else "")
                return finish(301, "text/html; charset=utf-8", _error_page(301), [("Location", loc)])
            if file is None:
                return finish(404, "text/html; charset=utf-8", self._error_body(outlet, 404))
            assert isinstance(file, Path)
            ctype = self._content_type(outlet, path, file)
            body = file.read_bytes()
            if self._is_text(ctype):
                body = self._subst(outlet, body)

        # validators and conditional requests
        etag = '"' + hashlib.sha1(body).hexdigest()[:24] + '"'
        lm = rule.get("last_modified") or (VARIANT_LAST_MODIFIED if from_variant else outlet.last_modified)
        lm_ts = _parse_http_date(lm) if isinstance(lm, str) else None
        if lm_ts is None and isinstance(lm, str):
            lm_ts = datetime.fromisoformat(lm.replace("Z", "+00:00")).timestamp()
        lm_http = _http_date(lm_ts) if lm_ts is not None else DEFAULT_LAST_MODIFIED
        validators = [("ETag", etag), ("Last-Modified", lm_http)]
        inm = req_headers.get("If-None-Match")
        ims = req_headers.get("If-Modified-Since")
        not_modified = False
        if inm is not None:
            tags = [t.strip() for t in inm.split(",")]
            not_modified = "*" in tags or any(t.removeprefix("W/") == etag for t in tags)
        elif ims is not None and lm_ts is not None:
            ims_ts = _parse_http_date(ims)
            not_modified = ims_ts is not None and int(lm_ts) <= int(ims_ts)
        if not_modified and status == 200:
            st, hs, _ = finish(304, ctype, b"", validators)
            return 304, [(k, v) for k, v in hs if k.lower() != "content-type"], b""
        return finish(status, ctype, body, validators)
