"""Delivery channels: ``log`` and ``file`` locally, everything else through apprise — one URL per
channel (``mailto://``/``mailtos://``, ``tgram://``, ``slack://``, ``matrix://``, ``discord://``,
``ntfy://``, ``json://``/``jsons://`` webhooks). The URL (with its secrets) is read from the
environment variable the config names, or from an Airflow connection; never from the TOML.

Every message is rendered from sanitised text (``newsmon.alerts.sanitize``): control characters
stripped, header values on one line, mrkdwn escaped, links only to the stored article URLs.

A channel either delivers, or raises:

- ``ChannelNotReady``: a configuration problem found before any network I/O (missing secret,
  bad URL, a password that would go over a cleartext connection). Nothing was sent.
- ``DeliveryError``: the receiver or the connection said no. Nothing was delivered; safe to retry.
- ``DeliveryUnknown``: the request went out but no answer came (a read timeout): it may have
  arrived. Recorded as ``unknown`` and not re-sent blindly.
"""

from __future__ import annotations

import contextvars
import hashlib
import html
import json
import logging
import os
import re
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

from newsmon.alerts.sanitize import defang, mrkdwn, mrkdwn_link, one_line, safe_url
from newsmon.core.config import AppriseChannel, Channels, EmailChannel, WebhookChannel, check_channel_url, parse_port


class DeliveryError(RuntimeError):
    """Definitely not delivered (the receiver refused, the connection failed)."""


class DeliveryUnknown(DeliveryError):
    """Sent, but no answer: may or may not have arrived."""


class ChannelNotReady(DeliveryError):
    """Configuration problem found before any I/O: nothing was sent."""


class Channel(Protocol):
    name: str
    carries_key: bool  # does the receiver get the idempotency key?

    def send(self, payload: dict[str, Any], key: str) -> None: ...


def idempotency_key(alert_id: int, rule: str, event_id: int, channel: str, created_at: Any) -> str:
    """Stable for one (rule, event, channel) alert: the same on every retry and re-send."""
    h = hashlib.sha256(f"{rule}\0{event_id}\0{channel}\0{created_at}".encode()).hexdigest()[:16]
    return f"newsmon-{alert_id}-{h}"


# --- Rendering (sanitised) ---------------------------------------------------------------------

def _articles(p: dict[str, Any]) -> list[tuple[str, str, str | None]]:
    return [(one_line(a.get("source"), 60), one_line(a.get("title"), 200), safe_url(a.get("url")))
            for a in p.get("articles") or []]


def _listing(values: Any, limit: int = 20) -> str:
    return ", ".join(one_line(v, 60) for v in (values or [])[:limit])


def subject(p: dict[str, Any]) -> str:
    return one_line(f"[newsmon:{one_line(p.get('rule'), 60)}] {one_line(p.get('title'), 200)}", 300)


def plain_text(p: dict[str, Any], chat: bool = False) -> str:
    """The message as plain text. ``chat``: crawled text defanged (no links or mentions of its own)."""
    d = defang if chat else (lambda s: s)
    outlets = p.get("outlets") or []
    lines = [d(subject(p)), "", f"First seen: {one_line(p.get('first_seen'), 20)} UTC",
             d(f"Outlets ({len(outlets)}): {_listing(outlets)}"),
             d(f"Languages: {_listing(p.get('languages')) or '-'}   Countries: {_listing(p.get('countries')) or '-'}")]
    canon = safe_url(p.get("canonical_url"))
    if canon:
        lines.append(f"Canonical: {canon}")
    arts = _articles(p)
    if arts:
        lines += ["", "Coverage:"]
        lines += [d(f"- {s}: {t}") + (f" {u}" if u else "") for s, t, u in arts]
    return "\n".join(lines)


def html_body(p: dict[str, Any]) -> str:
    e = html.escape
    items = "".join(f"<li>{e(s)}: " + (f'<a href="{e(u, quote=True)}">{e(t)}</a> &lt;{e(u)}&gt;' if u else e(t)) + "</li>"
                    for s, t, u in _articles(p))
    canon = safe_url(p.get("canonical_url"))
    outlets = p.get("outlets") or []
    return (f"<html><body><h2>{e(one_line(p.get('title'), 200))}</h2>"
            f"<p>Rule <b>{e(one_line(p.get('rule'), 60))}</b> &middot; first seen {e(one_line(p.get('first_seen'), 20))} UTC"
            f" &middot; {len(outlets)} outlet(s): {e(_listing(outlets))}</p>"
            f"<p>Languages: {e(_listing(p.get('languages')) or '-')}; countries: {e(_listing(p.get('countries')) or '-')}</p>"
            + (f'<p>Canonical article: <a href="{e(canon, quote=True)}">{e(canon)}</a></p>' if canon else "")
            + f"<ul>{items}</ul></body></html>")


def slack_text(p: dict[str, Any]) -> str:
    """Slack-compatible mrkdwn: crawled text escaped, links only to the stored article URLs."""
    outlets = p.get("outlets") or []
    canon = safe_url(p.get("canonical_url"))
    head = mrkdwn(subject(p))
    lines = [f"*{head}*" if not canon else f"*{mrkdwn_link(canon, subject(p))}*",
             mrkdwn(f"{len(outlets)} outlet(s): {_listing(outlets)}")]
    lines += [f"• {mrkdwn(s)}: " + (mrkdwn_link(u, t) if u else mrkdwn(t)) for s, t, u in _articles(p)[:10]]
    return "\n".join(lines)


def structured(p: dict[str, Any], key: str) -> dict[str, Any]:
    """The JSON a webhook receiver gets besides the text: sanitised fields, stored URLs only."""
    return {"idempotency_key": key, "rule": one_line(p.get("rule"), 60), "event_id": p.get("event_id"),
            "title": one_line(p.get("title"), 300), "first_seen": one_line(p.get("first_seen"), 20),
            "member_count": p.get("member_count"), "outlet_count": p.get("outlet_count"),
            "languages": [one_line(x, 20) for x in p.get("languages") or []],
            "countries": [one_line(x, 20) for x in p.get("countries") or []],
            "outlets": [one_line(x, 60) for x in p.get("outlets") or []],
            "canonical_url": safe_url(p.get("canonical_url")),
            "articles": [{"source": s, "title": t, "url": u} for s, t, u in _articles(p)]}


# --- Local channels ------------------------------------------------------------------------------

class LogChannel:
    name = "log"
    carries_key = True

    def send(self, payload: dict[str, Any], key: str) -> None:
        outlets = _listing(payload.get("outlets"))
        print(f"ALERT {subject(payload)} | outlets: {outlets} | {safe_url(payload.get('canonical_url')) or '-'}", flush=True)


class FileChannel:
    name = "file"
    carries_key = True

    def __init__(self, path: Path):
        self.path = Path(path)

    def send(self, payload: dict[str, Any], key: str) -> None:
        record = {**payload, "idempotency_key": key}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.path.open("a", encoding="utf-8") as fh:
                fh.write(json.dumps(record, ensure_ascii=False) + "\n")
        except OSError as exc:
            raise DeliveryError(f"cannot write {self.path}: {exc.strerror or exc}") from exc


# --- apprise channels ---------------------------------------------------------------------------

_MESSAGE_ID: contextvars.ContextVar[str | None] = contextvars.ContextVar("newsmon_message_id", default=None)
_hooked = False


def _hook_message_id() -> None:
    """apprise's e-mail plugin makes a random Message-ID; while newsmon sends, it is the alert's
    idempotency key instead (receivers and mail servers can drop a re-sent copy)."""
    global _hooked
    if _hooked:
        return
    import apprise.plugins.email.base as email_base

    original = email_base.make_msgid

    def make_msgid(idstring=None, domain=None):
        mid = _MESSAGE_ID.get()
        return mid if mid else original(idstring, domain)

    email_base.make_msgid = make_msgid
    _hooked = True


def _airflow_url(conn_id: str) -> str | None:
    try:
        from airflow.sdk import BaseHook
        from airflow.sdk.exceptions import AirflowNotFoundException
    except ImportError:
        return None
    try:
        conn = BaseHook.get_connection(conn_id)
    except AirflowNotFoundException:
        return None
    url = (conn.extra_dejson or {}).get("url") or (conn.host if conn.host and "://" in conn.host else conn.get_uri())
    return url or None


def _redactor(url: str):
    """Hide the URL's secrets (user, password, tokens in the path and query) in error messages."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    secrets = {t for t in re.split(r"[/:@?&=#,+]", url.split("://", 1)[-1])
               if len(t) >= 4 and t != host and t.lower() not in ("mailto", "json", "jsons", "https", "http")}
    if parts.password:
        secrets.add(parts.password)

    def redact(text: str) -> str:
        for s in sorted(secrets, key=len, reverse=True):
            text = text.replace(s, "***")
        return re.sub(r"(?i)(with url: )\S+", r"\1***", text)

    return redact


def _ambiguous(log: str) -> bool:
    """Did the request go out and then time out waiting for the answer?"""
    low = log.lower()
    if "connecttimeout" in low or "connect timeout" in low or "connection error while submitting email" in low:
        return False
    return "read timed out" in low or "timed out" in low


class AppriseTarget:
    """One channel = one apprise URL. ``prepare`` resolves it without I/O; ``send`` delivers."""

    def __init__(self, name: str, cfg: AppriseChannel):
        self.name = name
        self.cfg = cfg
        self.plugin = None
        self.scheme = ""
        self.carries_key = False
        self._redact = lambda s: s

    # -- resolution (no network I/O) --
    def _url(self) -> str:
        c = self.cfg
        url = os.environ.get(c.url_env, "").strip()
        if not url and c.airflow_conn:
            url = (_airflow_url(c.airflow_conn) or "").strip()
        if not url and isinstance(c, EmailChannel):
            return self._legacy_smtp_url(c)
        if not url:
            where = f"the environment variable {c.url_env}" + (f" or the Airflow connection {c.airflow_conn}" if c.airflow_conn else "")
            raise ChannelNotReady(f"channel {self.name!r} has no URL: set {where}")
        try:
            check_channel_url(url, f"{c.url_env}")
        except ValueError as exc:
            raise ChannelNotReady(f"channel {self.name!r}: {exc}") from None
        if isinstance(c, EmailChannel) and c.to and "to=" not in url:
            url += ("&" if "?" in url else "?") + urlencode({"to": ",".join(c.to)})
        return url

    def _legacy_smtp_url(self, c: EmailChannel) -> str:
        host = os.environ.get(c.host_env, "").strip()
        if not host:
            raise ChannelNotReady(f"channel {self.name!r} not configured: set {c.url_env} (a mailtos:// URL) "
                                  f"or {c.host_env} (and {c.port_env}, {c.sender_env})")
        if not c.to:
            raise ChannelNotReady(f"channel {self.name!r} not configured: [channels.{self.name}].to is empty")
        if re.search(r"[\s/?#@]", host):
            raise ChannelNotReady(f"channel {self.name!r}: {c.host_env} must be a host name, got {host[:40]!r}")
        try:
            port = parse_port(os.environ.get(c.port_env) or (587 if c.starttls else 25), c.port_env)
        except ValueError as exc:
            raise ChannelNotReady(f"channel {self.name!r}: {exc}") from None
        sender = os.environ.get(c.sender_env, "").strip() or "newsmon@localhost"
        user, password = os.environ.get(c.user_env, ""), os.environ.get(c.password_env, "")
        auth = f"{quote(user, safe='')}:{quote(password, safe='')}@" if user and password else ""
        query = {"smtp": host, "from": sender, "to": ",".join(c.to)}
        if c.starttls:
            query["mode"] = "starttls"
        return urlunsplit(("mailtos" if c.starttls else "mailto", f"{auth}{host}:{port}", "/", urlencode(query), ""))

    def prepare(self) -> None:

        url = self._url()
        self._redact = _redactor(url)
        self.scheme = urlsplit(url).scheme.lower()
        if self.scheme in ("http", "https"):
            # A plain web address: a native apprise URL (Slack, Discord, Telegram… webhooks) or a JSON webhook.
            plugin = self._instantiate(url, quiet=True)
            if plugin is None:
                parts = urlsplit(url)
                query = urlencode([(k if k[:1] in "+-:" else "-" + k, v) for k, v in parse_qsl(parts.query)])
                url = urlunsplit(("json" if self.scheme == "http" else "jsons", parts.netloc, parts.path, query, ""))
                self.scheme = "json" if self.scheme == "http" else "jsons"
        plugin = self._instantiate(url)
        if plugin is None:
            raise ChannelNotReady(f"channel {self.name!r}: apprise cannot use this {self.scheme}:// URL (see apprise's URL docs)")
        self._check_cleartext(plugin)
        plugin.socket_connect_timeout = self.cfg.timeout
        plugin.socket_read_timeout = self.cfg.timeout
        self.plugin = plugin
        kind = type(plugin).__name__
        self.carries_key = kind in ("NotifyEmail", "NotifyJSON")

    def _instantiate(self, url: str, quiet: bool = False):
        import apprise

        with apprise.LogCapture(level=logging.WARNING) as log:
            try:
                plugin = apprise.Apprise.instantiate(url, asset=apprise.AppriseAsset(storage_mode="memory"),
                                                     suppress_exceptions=True)
            except Exception as exc:  # apprise parses arbitrary URLs: report, never crash the step
                if quiet:
                    return None
                raise ChannelNotReady(f"channel {self.name!r}: invalid URL: {self._redact(str(exc))}") from None
        if plugin is None and not quiet:
            msg = self._redact(" ".join(log.getvalue().split()))[-200:]
            raise ChannelNotReady(f"channel {self.name!r}: invalid {self.scheme}:// URL" + (f" ({msg})" if msg else ""))
        return plugin

    def _check_cleartext(self, plugin) -> None:
        if self.cfg.allow_cleartext_password or not getattr(plugin, "password", None):
            return
        kind = type(plugin).__name__
        if kind == "NotifyEmail":
            cleartext = getattr(plugin, "secure_mode", "") == "insecure"
        else:
            cleartext = self.scheme in ("json", "http", "ntfy", "matrix")
        if cleartext:
            raise ChannelNotReady(
                f"channel {self.name!r}: refusing to send a password over a cleartext connection "
                f"(use {'mailtos://' if kind == 'NotifyEmail' else self.scheme + 's://'} or set "
                f"allow_cleartext_password = true in [channels.{self.name}])")

    # -- delivery --
    def send(self, payload: dict[str, Any], key: str) -> None:
        import apprise
        from apprise import NotifyFormat

        if self.plugin is None:
            self.prepare()
        plugin = self.plugin
        kind = type(plugin).__name__
        token = None
        if kind == "NotifyEmail":
            _hook_message_id()
            domain = (plugin.from_addr[1].rpartition("@")[2] if getattr(plugin, "from_addr", None) else "") or "newsmon.local"
            token = _MESSAGE_ID.set(f"<{key}@{re.sub(r'[^A-Za-z0-9.-]', '', domain) or 'newsmon.local'}>")
            body, fmt = html_body(payload), NotifyFormat.HTML
        elif kind == "NotifyJSON":
            cfg = self.cfg
            header = cfg.idempotency_header if isinstance(cfg, WebhookChannel) else "Idempotency-Key"
            plugin.headers[header] = key
            extras = dict(getattr(plugin, "payload_extras", {}) or {})
            extras["newsmon"] = structured(payload, key)
            if (not isinstance(cfg, WebhookChannel) or cfg.slack_compatible) and "text" not in extras.values():
                extras["text"] = slack_text(payload)
            plugin.payload_extras = extras
            body, fmt = plain_text(payload), NotifyFormat.TEXT
        else:
            body, fmt = plain_text(payload, chat=True), NotifyFormat.TEXT
        try:
            with apprise.LogCapture(level=logging.DEBUG) as log:
                ok = plugin.notify(body=body, title=defang(subject(payload)) if kind != "NotifyEmail" else subject(payload),
                                   body_format=fmt)
        finally:
            if token is not None:
                _MESSAGE_ID.reset(token)
        if ok:
            return
        text = log.getvalue()
        lines = [ln.split(" - ", 2)[-1] for ln in text.splitlines()
                 if " - WARNING - " in ln or " - ERROR - " in ln or "Socket Exception" in ln]
        reason = self._redact(" / ".join(dict.fromkeys(lines)) or "apprise reported a failure")[:400]
        if _ambiguous(text):
            raise DeliveryUnknown(f"{self.name}: no answer after sending (may have arrived): {reason}")
        raise DeliveryError(f"{self.name}: {reason}")


def make_channel(name: str, cfg: Channels) -> Channel:
    if name == "log":
        return LogChannel()
    if name == "file":
        return FileChannel(cfg.file.path)
    c = cfg.get(name)
    if c is None:
        raise ChannelNotReady(f"unknown channel {name!r}: define [channels.{name}]")
    return AppriseTarget(name, c)
