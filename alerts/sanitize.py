"""Crawled text is hostile: every string that reaches a message, a header or a chat is cleaned here.

- ``clean``: control characters (C0, C1, DEL) and bidirectional overrides removed, whitespace runs
  collapsed; ``one_line`` also folds newlines (header values: no CR/LF injection).
- ``defang``: for chat text, URLs *inside crawled text* lose their scheme separator
  (``https[:]//evil``), mentions lose their trigger (``@\u200beveryone``) and angle brackets become
  ``‹ ›``, so the only links in a message are the ones newsmon adds from the stored article URLs.
- ``mrkdwn``: Slack/mrkdwn escaping of ``&``, ``<``, ``>`` (``<!channel>`` and ``<url|label>``
  cannot be forged from a title).
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_SPACES = re.compile(r"[ \t\u00a0]+")
_URLISH = re.compile(r"(?i)\b([a-z][a-z0-9+.-]{1,15}):(//)")
_MENTION = re.compile(r"(?<![\w.])@(?=[\w&!#])")
ZWSP = "\u200b"


def clean(text: object, limit: int = 2000) -> str:
    """Control and bidi characters removed, spaces collapsed, length capped."""
    s = _CONTROL.sub("", "" if text is None else str(text)).replace("\r\n", "\n").replace("\r", "\n")
    s = "\n".join(_SPACES.sub(" ", line).strip() for line in s.split("\n"))
    return s if len(s) <= limit else s[: limit - 1] + "…"


def one_line(text: object, limit: int = 300) -> str:
    """For header values and titles: one line, no control characters."""
    return " ".join(clean(text, limit * 2).split())[:limit]


def defang(text: str) -> str:
    """Neutralise links, mentions and markup tokens inside crawled text (for chat services):
    ``https[:]//``, ``@​everyone``, and ``‹ ›`` for angle brackets (no ``<!channel>``, ``<@id>``,
    ``<url|label>`` in any chat dialect, whatever the service's own escaping does)."""
    text = _URLISH.sub(lambda m: f"{m.group(1)}[:]{m.group(2)}", text)
    text = text.replace("<", "‹").replace(">", "›")
    return _MENTION.sub("@" + ZWSP, text)


def mrkdwn(text: str) -> str:
    """Slack/mrkdwn escaping: & < > only (per Slack's formatting rules)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def safe_url(url: object) -> str | None:
    """A stored article URL fit to link to: http(s), a host, no whitespace or control characters."""
    if not isinstance(url, str) or not url or re.search(r"[\s\x00-\x1f\x7f-\x9f]", url):
        return None
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - invalid ports raise
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return url


def mrkdwn_link(url: str, label: str) -> str:
    """``<url|label>`` with characters Slack would misread percent-encoded in the URL."""
    u = quote(url, safe=":/?#[]@!$&'()*+,;=%~-._")
    return f"<{mrkdwn(u)}|{mrkdwn(label.replace('|', '¦'))}>"
