"""Jinja2 templates (web/templates), autoescaped everywhere; links only to http(s) URLs."""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote, urlsplit

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

TEMPLATES = Path(__file__).with_name("templates")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]")


def safe_href(url: object) -> str:
    """An http(s) URL, or '#': a stored URL such as ``javascript:…`` never becomes a link."""
    s = _CONTROL.sub("", str(url or "")).strip()
    try:
        parts = urlsplit(s)
    except ValueError:
        return "#"
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return "#"
    return s


def clean(text: object) -> str:
    """Crawled text without control and bidi-override characters (escaping is Jinja's job)."""
    return _CONTROL.sub("", "" if text is None else str(text))


def fmt_time(t: datetime | None, fmt: str = "%d %b %Y %H:%M") -> str:
    return t.strftime(fmt) if t else "—"


def fmt_date(d: date | None, fmt: str = "%a %d %b %Y") -> str:
    return d.strftime(fmt) if d else "—"


def inline_svg(svg: str) -> Markup:
    """Charts are produced by matplotlib from escaped labels: the one place raw markup is inlined."""
    return Markup(svg or "")


@lru_cache(maxsize=1)
def env() -> Environment:
    e = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(default=True, default_for_string=True),
                    undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    e.filters.update(href=safe_href, clean=clean, time=fmt_time, day=fmt_date, svg=inline_svg,
                     q=lambda s: quote(str(s), safe=""))
    return e


def render(name: str, **ctx) -> str:
    return env().get_template(name).render(**ctx)
