"""Alerts through real channels: a local SMTP server (aiosmtpd) and a local webhook server."""

from __future__ import annotations

import email
import json
import socket
import threading
from email import policy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from aiosmtpd.controller import Controller

from newsmon import steps
from tests.rawfiles import write_run
from tests.test_dedupe import _seed_records, by_event


class Inbox:
    def __init__(self):
        self.messages: list[email.message.EmailMessage] = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(email.message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"


@pytest.fixture
def smtp(monkeypatch):
    inbox = Inbox()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    ctl = Controller(inbox, hostname="127.0.0.1", port=port)
    ctl.start()
    monkeypatch.setenv("NEWSMON_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("NEWSMON_SMTP_PORT", str(port))
    monkeypatch.setenv("NEWSMON_SMTP_FROM", "newsmon@test.local")
    yield inbox
    ctl.stop()


class Hook:
    """A webhook receiver that can be told to fail the next N requests."""

    def __init__(self):
        self.posts: list[dict] = []
        self.fail_next = 0
        hook = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                if hook.fail_next:
                    hook.fail_next -= 1
                    self.send_response(503)
                    self.end_headers()
                    return
                hook.posts.append(json.loads(body))
                self.send_response(200)
                self.end_headers()
                self.wfile.write(b"ok")

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture
def webhook(monkeypatch):
    hook = Hook()
    monkeypatch.setenv("NEWSMON_WEBHOOK_URL", hook.url)
    yield hook
    hook.server.shutdown()


@pytest.fixture
def warehouse(tmp_path, default_cfg, embedders):
    cfg = default_cfg.model_copy(deep=True)
    cfg.storage.db = tmp_path / "w.duckdb"
    cfg.storage.raw_dir = tmp_path / "raw"
    cfg.channels.file.path = tmp_path / "alerts.jsonl"
    cfg.channels.email.to = ["analyst@test.local"]
    cfg.channels.retry_delays = [0.05]
    cfg.alerts[0].channels = ["log", "file", "email", "webhook"]
    seed = _seed_records()
    seed[1]["title"] = "Japan unveils <3 trillion yen> plan & more"  # must be escaped in the HTML mail
    write_run(cfg.storage.raw_dir, "2026-11-21", "r1", seed + by_event("b-rogun-wb-loan"))
    steps.load(cfg, "2026-11-21")
    steps.dedupe(cfg, "2026-11-21", embedder=embedders)
    return cfg, embedders


def test_seed_pair_fires_one_summit_alert_per_channel(warehouse, smtp, webhook, capsys):
    cfg, _ = warehouse
    res = steps.alert(cfg, "2026-11-21")
    assert (res.created, res.sent, res.failed) == (4, 4, 0)
    assert len(smtp.messages) == 1 and len(webhook.posts) == 1
    msg = smtp.messages[0]
    assert msg["Subject"] == "[newsmon:summit] Japan sets five-year $19 billion business push into Central Asia"
    plain = msg.get_body(("plain",)).get_content()
    html = msg.get_body(("html",)).get_content()
    assert "afp, glr" in plain and "https://wire.example/japan" in plain and "https://glr.example/japan" in plain
    assert "&lt;3 trillion yen&gt; plan &amp; more" in html and "<3 trillion" not in html
    post = webhook.posts[0]
    assert post["title"].startswith("Japan sets five-year") and post["outlets"] == ["afp", "glr"]
    assert "text" in post  # Slack-compatible
    assert "ALERT [newsmon:summit]" in capsys.readouterr().out
    lines = cfg.channels.file.path.read_text().splitlines()
    assert len(lines) == 1 and json.loads(lines[0])["member_count"] == 2
    # A second run sends nothing.
    again = steps.alert(cfg, "2026-11-21")
    assert (again.created, again.sent) == (0, 0)
    assert len(smtp.messages) == 1 and len(webhook.posts) == 1


def test_failed_webhook_is_retried_next_run_and_never_blocks(warehouse, smtp, webhook):
    cfg, _ = warehouse
    webhook.fail_next = 2  # the first attempt and its in-run retry fail
    first = steps.alert(cfg, "2026-11-21")
    assert first.failed == 1 and first.sent == 3
    assert len(smtp.messages) == 1  # other channels were delivered
    second = steps.alert(cfg, "2026-11-22")
    assert (second.created, second.sent, second.failed) == (0, 1, 0)
    assert len(webhook.posts) == 1
    from newsmon.warehouse.db import connect

    con = connect(cfg.storage.db, read_only=True)
    try:
        row = con.execute("SELECT status, attempts, last_error FROM alerts WHERE channel = 'webhook'").fetchone()
    finally:
        con.close()
    assert row == ("sent", 3, None)


def test_later_rewrite_joins_silently_and_growth_is_recorded(warehouse, smtp, webhook):
    cfg, embedders = warehouse
    steps.alert(cfg, "2026-11-21")
    ru = [r for r in by_event("a-japan-summit") if r["language"] == "ru"][:1]
    write_run(cfg.storage.raw_dir, "2026-11-22", "r2", ru)
    steps.load(cfg, "2026-11-22")
    d = steps.dedupe(cfg, "2026-11-22", embedder=embedders)
    assert (d.joined, d.opened) == (1, 0)
    res = steps.alert(cfg, "2026-11-22")
    assert (res.created, res.sent, res.growth_recorded) == (0, 0, 1)
    assert len(smtp.messages) == 1
    from newsmon.warehouse.db import connect

    con = connect(cfg.storage.db, read_only=True)
    try:
        growth = con.execute("SELECT rule, logical_date::VARCHAR, member_count FROM event_growth").fetchall()
    finally:
        con.close()
    assert growth == [("summit", "2026-11-22", 3)]


def test_unconfigured_email_fails_clearly_and_is_kept(warehouse, monkeypatch, webhook):
    cfg, _ = warehouse
    monkeypatch.delenv("NEWSMON_SMTP_HOST", raising=False)
    res = steps.alert(cfg, "2026-11-21")
    assert res.failed == 1 and any("NEWSMON_SMTP_HOST" in e for e in res.errors)
