"""Delivery channels. Each ``send`` raises DeliveryError on failure; secrets come from the environment."""

from __future__ import annotations

import html
import json
import os
import smtplib
import ssl
import urllib.error
import urllib.request
from email.message import EmailMessage
from pathlib import Path
from typing import Any, Protocol

from newsmon.core.config import Channels


class DeliveryError(RuntimeError):
    pass


class Channel(Protocol):
    name: str

    def send(self, payload: dict[str, Any]) -> None: ...


def subject(p: dict[str, Any]) -> str:
    return f"[newsmon:{p['rule']}] {p['title']}"


def plain_text(p: dict[str, Any]) -> str:
    lines = [subject(p), "", f"First seen: {p['first_seen']} UTC", f"Outlets ({len(p['outlets'])}): {', '.join(p['outlets'])}",
             f"Languages: {', '.join(p['languages'])}   Countries: {', '.join(p['countries']) or '-'}",
             f"Canonical: {p['canonical_url']}", "", "Coverage:"]
    lines += [f"- {a['source']}: {a['title']} <{a['url']}>" for a in p["articles"]]
    return "\n".join(lines)


def html_body(p: dict[str, Any]) -> str:
    e = html.escape
    items = "".join(f'<li>{e(a["source"])}: <a href="{e(a["url"], quote=True)}">{e(a["title"])}</a></li>' for a in p["articles"])
    return (f"<html><body><h2>{e(p['title'])}</h2>"
            f"<p>Rule <b>{e(p['rule'])}</b> &middot; first seen {e(p['first_seen'])} UTC &middot; "
            f"{len(p['outlets'])} outlet(s): {e(', '.join(p['outlets']))}</p>"
            f"<p>Languages: {e(', '.join(p['languages']))}; countries: {e(', '.join(p['countries']) or '-')}</p>"
            f'<p><a href="{e(p["canonical_url"], quote=True)}">Canonical article</a></p><ul>{items}</ul></body></html>')


class LogChannel:
    name = "log"

    def send(self, payload: dict[str, Any]) -> None:
        print(f"ALERT {subject(payload)} | outlets: {', '.join(payload['outlets'])} | {payload['canonical_url']}", flush=True)


class FileChannel:
    name = "file"

    def __init__(self, path: Path):
        self.path = Path(path)

    def send(self, payload: dict[str, Any]) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.path.open("a", encoding="utf-8") as fh:
                fh.write(json.dumps(payload, ensure_ascii=False) + "\n")
        except OSError as exc:
            raise DeliveryError(f"cannot write {self.path}: {exc}") from exc


class EmailChannel:
    name = "email"

    def __init__(self, cfg: Channels):
        self.cfg = cfg.email

    def send(self, payload: dict[str, Any]) -> None:
        c = self.cfg
        host = os.environ.get(c.host_env)
        if not host:
            raise DeliveryError(f"email not configured: set {c.host_env} (and {c.port_env}, {c.sender_env})")
        if not c.to:
            raise DeliveryError("email not configured: [channels.email].to is empty")
        port = int(os.environ.get(c.port_env) or 25)
        sender = os.environ.get(c.sender_env) or "newsmon@localhost"
        msg = EmailMessage()
        msg["Subject"] = subject(payload)
        msg["From"] = sender
        msg["To"] = ", ".join(c.to)
        msg.set_content(plain_text(payload))
        msg.add_alternative(html_body(payload), subtype="html")
        try:
            with smtplib.SMTP(host, port, timeout=c.timeout) as smtp:
                if c.starttls:
                    smtp.starttls(context=ssl.create_default_context())
                user, password = os.environ.get(c.user_env), os.environ.get(c.password_env)
                if user and password:
                    smtp.login(user, password)
                smtp.send_message(msg)
        except (OSError, smtplib.SMTPException) as exc:
            raise DeliveryError(f"SMTP {host}:{port}: {exc}") from exc


class WebhookChannel:
    name = "webhook"

    def __init__(self, cfg: Channels):
        self.cfg = cfg.webhook

    def send(self, payload: dict[str, Any]) -> None:
        url = os.environ.get(self.cfg.url_env)
        if not url:
            raise DeliveryError(f"webhook not configured: set {self.cfg.url_env}")
        body = dict(payload)
        if self.cfg.slack_compatible:
            body["text"] = f"*{subject(payload)}*\n{len(payload['outlets'])} outlet(s): {', '.join(payload['outlets'])}\n{payload['canonical_url']}"
        req = urllib.request.Request(url, data=json.dumps(body, ensure_ascii=False).encode("utf-8"), method="POST",
                                     headers={"Content-Type": "application/json", "User-Agent": "newsmon-alerts/0.1"})
        try:
            with urllib.request.urlopen(req, timeout=self.cfg.timeout) as resp:  # noqa: S310 - configured URL
                if resp.status >= 300:
                    raise DeliveryError(f"webhook answered HTTP {resp.status}")
        except urllib.error.HTTPError as exc:
            raise DeliveryError(f"webhook answered HTTP {exc.code}") from exc
        except (urllib.error.URLError, OSError) as exc:
            raise DeliveryError(f"webhook unreachable: {exc}") from exc


def make_channel(name: str, cfg: Channels) -> Channel:
    if name == "log":
        return LogChannel()
    if name == "file":
        return FileChannel(cfg.file.path)
    if name == "email":
        return EmailChannel(cfg)
    if name == "webhook":
        return WebhookChannel(cfg)
    raise ValueError(f"unknown channel {name!r}")
