"""The read-only web view (Starlette + Jinja2, server-rendered, no JavaScript).

Pages: ``/`` (Today: the digest, live, with a date picker), ``/event/{id}``, ``/storylines``,
``/storyline/{id}``, ``/search?q=`` and ``/search.json?q=``, ``/sources``, ``/digest?date=`` (the
digest exactly as mailed) and ``/healthz``.

Every request opens DuckDB read-only and closes it before answering, so the pipeline can take
the write lock between requests. While a step writes, the open is retried for ``db_wait``
seconds; then the page last rendered for the same URL is served with an "updating" banner, or an
"updating" page (503, Retry-After) when there is none. Inputs are validated (dates, ids, query
length), output is escaped by the templates, and links go only to http(s) URLs.
"""

from __future__ import annotations

import logging
import re
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from newsmon.core.config import Config
from newsmon.web import chart, data
from newsmon.web.db import Updating, db_version, read_only
from newsmon.web.digest import build_digest
from newsmon.web.render import clean, render

log = logging.getLogger("newsmon.web")
QueryEmbedder = Callable[[str], tuple[str, list[float]]]  # text -> (model name, L2-normalised vector)
MAX_QUERY = 200
_ID = re.compile(r"[0-9]{1,18}")
SECURITY_HEADERS = [
    (b"content-security-policy", b"default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; "
                                  b"base-uri 'none'; frame-ancestors 'none'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]


class BadInput(ValueError):
    pass


@dataclass
class _Cached:
    version: tuple[float, float]
    at: datetime
    kind: str            # "html" | "json"
    template: str
    context: dict
    status: int


class _SecurityHeaders:
    """ASGI middleware: the same headers on every response, error pages included."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                headers = [h for h in message.get("headers", []) if h[0].lower() not in {k for k, _ in SECURITY_HEADERS}]
                message["headers"] = headers + SECURITY_HEADERS
            await send(message)

        return await self.app(scope, receive, send_with_headers)


class WebView:
    def __init__(self, cfg: Config, embed_query: QueryEmbedder | None = None, db_wait: float = 2.0,
                 cache_size: int = 256, today: Callable[[], date] | None = None):
        self.cfg = cfg
        self.db = cfg.storage.db
        self.embed_query = embed_query
        self.db_wait = db_wait
        self.cache: OrderedDict[str, _Cached] = OrderedDict()
        self.cache_size = cache_size
        self._lock = threading.Lock()
        self._embed_lock = threading.Lock()
        self._vectors: OrderedDict[str, tuple[str, list[float]] | None] = OrderedDict()
        self.today = today or (lambda: datetime.now(UTC).date())

    # ------------------------------------------------------------------ plumbing

    def _html(self, template: str, ctx: dict, status: int = 200, headers: dict | None = None) -> HTMLResponse:
        return HTMLResponse(render(template, **ctx), status_code=status, headers=headers)

    def message(self, heading: str, message: str, status: int, link: str | None = None, link_text: str = "",
                refresh: int | None = None, json: bool = False) -> Response:
        headers = {"Retry-After": str(refresh)} if refresh else None
        if json:
            return JSONResponse({"error": message, "status": status}, status_code=status, headers=headers)
        return self._html("message.html", {"heading": heading, "message": message, "link": link, "link_text": link_text,
                                           "nav": "", "q": "", "stale": None, "refresh": refresh}, status, headers)

    def serve(self, request: Request, build: Callable[[Any], tuple[str, str, dict, int]], json: bool = False) -> Response:
        """Run ``build(con)`` -> (kind, template, context, status) on a fresh read-only connection, with
        the updating/snapshot fallback."""
        key = request.url.path + "?" + request.url.query
        version = db_version(self.db)
        with self._lock:
            cached = self.cache.get(key)
            if cached is not None:
                self.cache.move_to_end(key)
        if cached is not None and cached.version == version and version != (0.0, 0.0):
            return self._respond(cached)
        try:
            with read_only(self.db, wait=self.db_wait) as con:
                kind, template, ctx, status = build(con)
        except Updating as exc:
            if exc.missing:
                return self.message("No warehouse yet", str(exc), 503, refresh=30, json=json)
            if cached is not None:
                return self._respond(cached, stale=True)
            return self.message("Updating", "The pipeline is writing the warehouse right now. This page reloads by "
                                "itself in a few seconds.", 503, refresh=5, json=json)
        entry = _Cached(version, datetime.now(UTC).replace(tzinfo=None), kind, template, ctx, status)
        if status == 200:
            with self._lock:
                self.cache[key] = entry
                while len(self.cache) > self.cache_size:
                    self.cache.popitem(last=False)
        return self._respond(entry)

    def _respond(self, c: _Cached, stale: bool = False) -> Response:
        if c.kind == "json":
            body = dict(c.context)
            if stale:
                body["stale_as_of"] = c.at.strftime("%Y-%m-%d %H:%M:%S")
            return JSONResponse(body, status_code=c.status)
        ctx = dict(c.context)
        ctx["stale"] = c.at.strftime("%Y-%m-%d %H:%M:%S") if stale else None
        return self._html(c.template, ctx, c.status)

    @staticmethod
    def _ctx(**kw) -> dict:
        base = {"nav": "", "q": "", "stale": None, "refresh": None}
        base.update(kw)
        return base

    # ------------------------------------------------------------------ inputs

    @staticmethod
    def _day(request: Request, default: date) -> date:
        raw = request.query_params.get("date")
        if raw is None or raw == "":
            return default
        try:
            return data.parse_day(raw)
        except ValueError as exc:
            raise BadInput(f"Invalid date {clean(raw)[:40]!r}: use YYYY-MM-DD.") from exc

    @staticmethod
    def _id(raw: str, what: str) -> int:
        if not _ID.fullmatch(raw or ""):
            raise HTTPException(404, f"No {what} {clean(raw)[:40]!r}.")
        return int(raw)

    @staticmethod
    def _query(request: Request) -> str:
        q = request.query_params.get("q", "")
        q = " ".join(clean(q).split())
        if len(q) > MAX_QUERY:
            raise BadInput(f"The query is too long ({len(q)} characters; at most {MAX_QUERY}).")
        return q

    @staticmethod
    def _limit(request: Request, default: int = 30) -> int:
        raw = request.query_params.get("limit")
        if raw is None:
            return default
        if not re.fullmatch(r"[0-9]{1,3}", raw) or not 1 <= int(raw) <= 100:
            raise BadInput("limit must be a number from 1 to 100.")
        return int(raw)

    def _vector(self, q: str) -> tuple[str, list[float]] | None:
        if self.embed_query is None or not q:
            return None
        with self._embed_lock:
            if q in self._vectors:
                return self._vectors[q]
            try:
                v = self.embed_query(q)
            except Exception:  # noqa: BLE001 - a broken model degrades search to keywords, never a 500
                log.exception("query embedding failed")
                v = None
            self._vectors[q] = v
            while len(self._vectors) > 512:
                self._vectors.popitem(last=False)
            return v

    # ------------------------------------------------------------------ pages

    def today_page(self, request: Request) -> Response:
        day = self._day(request, self.today())

        def build(con):
            digest = build_digest(con, self.cfg, day)
            return "html", "today.html", self._ctx(nav="today", digest=digest, web=True, prev_day=day - timedelta(days=1),
                                                  next_day=day + timedelta(days=1), latest=data.latest_day(con)), 200
        return self.serve(request, build)

    def digest_page(self, request: Request) -> Response:
        day = self._day(request, self.today())

        def build(con):
            return "html", "digest.html", {"digest": build_digest(con, self.cfg, day), "web": False}, 200
        return self.serve(request, build)

    def event_page(self, request: Request) -> Response:
        event_id = self._id(request.path_params["event_id"], "event")

        def build(con):
            ev = data.event_detail(con, self.cfg, event_id)
            if ev is None:
                return "html", "message.html", self._ctx(heading="No such event", message=f"There is no event {event_id}.",
                                                         link="/", link_text="Today"), 404
            svg = chart.timeline_svg(ev.timeline, ev.timeline_unit)
            return "html", "event.html", self._ctx(ev=ev, timeline_svg=svg), 200
        return self.serve(request, build)

    def storyline_page(self, request: Request) -> Response:
        sid = self._id(request.path_params["storyline_id"], "storyline")

        def build(con):
            s = data.storyline_detail(con, sid)
            if s is None:
                return "html", "message.html", self._ctx(heading="No such storyline", message=f"There is no storyline {sid}.",
                                                         link="/storylines", link_text="All storylines"), 404
            axis, series = data.storyline_coverage(con, sid)
            svg = chart.coverage_svg(axis, [(x.label, x.counts) for x in series]) if series else ""
            return "html", "storyline.html", self._ctx(nav="storylines", s=s, chart_svg=svg), 200
        return self.serve(request, build)

    def storylines_page(self, request: Request) -> Response:
        def build(con):
            return "html", "storylines.html", self._ctx(nav="storylines", rows=data.storyline_list(con)), 200
        return self.serve(request, build)

    def sources_page(self, request: Request) -> Response:
        def build(con):
            return "html", "sources.html", self._ctx(nav="sources", rows=data.sources(con, self.cfg)), 200
        return self.serve(request, build)

    def _search(self, q: str, limit: int, con) -> tuple[list[data.Hit], str]:
        vec = self._vector(q)
        hits = data.search(con, q, vec[1] if vec else None, vec[0] if vec else None, limit=limit) if q else []
        mode = ("meaning (multilingual embeddings) + title words + names" if vec else "title words + names only "
                "(no query embedder)")
        return hits, mode

    def search_page(self, request: Request) -> Response:
        q = self._query(request)
        limit = self._limit(request)

        def build(con):
            hits, mode = self._search(q, limit, con)
            return "html", "search.html", self._ctx(q=q, hits=hits, mode=mode), 200
        return self.serve(request, build)

    def search_json(self, request: Request) -> Response:
        try:
            q = self._query(request)
            limit = self._limit(request)
        except BadInput as exc:
            return self.message("Bad request", str(exc), 400, json=True)

        def build(con):
            hits, mode = self._search(q, limit, con)
            out = []
            for h in hits:
                d = asdict(h)
                d["first_seen"] = h.first_seen.strftime("%Y-%m-%d %H:%M")
                d["url"] = f"/event/{h.event_id}"
                out.append(d)
            return "json", "", {"query": q, "mode": mode, "count": len(out), "events": out}, 200
        return self.serve(request, build, json=True)

    def healthz(self, request: Request) -> Response:
        try:
            with read_only(self.db, wait=0.5) as con:
                n = con.execute("SELECT count(*) FROM events").fetchone()[0]
            return JSONResponse({"ok": True, "events": n})
        except Updating as exc:
            return JSONResponse({"ok": True, "updating": True, "detail": str(exc)})


def create_app(cfg: Config, embed_query: QueryEmbedder | None = None, db_wait: float = 2.0,
               today: Callable[[], date] | None = None) -> Starlette:
    view = WebView(cfg, embed_query, db_wait=db_wait, today=today)

    def wrap(fn):
        def endpoint(request: Request) -> Response:
            try:
                return fn(request)
            except BadInput as exc:
                return view.message("Bad request", str(exc), 400)
            except HTTPException:
                raise
            except Exception:  # noqa: BLE001 - never a stack trace to the browser
                log.exception("error rendering %s", request.url.path)
                return view.message("Something went wrong", "This page could not be rendered; the error was logged.", 500)
        return endpoint

    async def not_found(request: Request, exc: HTTPException) -> Response:
        status = getattr(exc, "status_code", 404)
        msg = exc.detail if status == 404 and isinstance(exc.detail, str) and exc.detail != "Not Found" else "There is no such page."
        if status == 405:
            return view.message("Method not allowed", "This view is read-only: only GET works here.", 405)
        json = request.url.path.endswith(".json")
        return view.message("Not found", msg, status if status in (404, 405) else 404, link="/", link_text="Today",
                            json=json)

    async def server_error(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error on %s", request.url.path)
        return view.message("Something went wrong", "This page could not be rendered; the error was logged.", 500)

    routes = [
        Route("/", wrap(view.today_page)),
        Route("/digest", wrap(view.digest_page)),
        Route("/event/{event_id}", wrap(view.event_page)),
        Route("/storylines", wrap(view.storylines_page)),
        Route("/storyline/{storyline_id}", wrap(view.storyline_page)),
        Route("/search", wrap(view.search_page)),
        Route("/search.json", wrap(view.search_json)),
        Route("/sources", wrap(view.sources_page)),
        Route("/healthz", wrap(view.healthz)),
    ]
    app = Starlette(routes=routes, exception_handlers={HTTPException: not_found, 404: not_found, 405: not_found,
                                                       500: server_error, Exception: server_error})
    app.state.view = view
    app.add_middleware(_SecurityHeaders)
    return app


def serve(cfg: Config, host: str = "127.0.0.1", port: int = 8000, embed_query: QueryEmbedder | None = None,
          log_level: str = "info") -> None:
    import uvicorn

    app = create_app(cfg, embed_query)
    uvicorn.run(app, host=host, port=port, log_level=log_level, server_header=False, proxy_headers=False)
