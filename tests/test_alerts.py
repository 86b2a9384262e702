"""Alerts through real channels, all through apprise: a local SMTP server (aiosmtpd) and a local
webhook server; Slack/Discord/Telegram payloads captured at the HTTP layer."""

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
        self.logins: list[str] = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(email.message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"


class Login:
    def __init__(self, inbox: Inbox):
        self.inbox = inbox

    def __call__(self, server, session, envelope, mechanism, auth_data):
        from aiosmtpd.smtp import AuthResult

        self.inbox.logins.append(auth_data.login.decode())
        return AuthResult(success=auth_data.password == b"s3cret")


@pytest.fixture
def smtp(monkeypatch):
    inbox = Inbox()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    # AUTH offered without TLS: only so the test can show newsmon refuses (or, when told, allows) it.
    ctl = Controller(inbox, hostname="127.0.0.1", port=port, authenticator=Login(inbox), auth_require_tls=False)
    ctl.start()
    inbox.port = port
    monkeypatch.setenv("NEWSMON_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("NEWSMON_SMTP_PORT", str(port))
    monkeypatch.setenv("NEWSMON_SMTP_FROM", "newsmon@test.local")
    yield inbox
    ctl.stop()


class Hook:
    """A webhook receiver that can be told to fail the next N requests."""

    def __init__(self):
        self.posts: list[dict] = []
        self.headers: list[dict] = []
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
                hook.headers.append(dict(self.headers))
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
    # The idempotency key rides in the Message-ID (one, not two) and in the webhook's header.
    assert len(msg.get_all("Message-ID")) == 1 and msg["Message-ID"].startswith("<newsmon-")
    post = webhook.posts[0]
    assert post["title"].startswith("[newsmon:summit] Japan sets five-year")
    assert post["newsmon"]["outlets"] == ["afp", "glr"] and post["newsmon"]["member_count"] == 2
    key = webhook.headers[0]["Idempotency-Key"]
    assert key.startswith("newsmon-") and post["newsmon"]["idempotency_key"] == key
    assert "&lt;3 trillion yen&gt; plan &amp; more" in post["text"]  # Slack-compatible mrkdwn, escaped
    assert "<https://glr.example/japan|" in post["text"]
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


def _alert_row(cfg, channel):
    from newsmon.warehouse.db import connect

    con = connect(cfg.storage.db, read_only=True)
    try:
        return con.execute("SELECT status, attempts, last_error FROM alerts WHERE channel = ?", [channel]).fetchone()
    finally:
        con.close()


def test_missing_secret_is_reported_and_the_alert_waits_for_it(warehouse, monkeypatch, webhook, smtp):
    cfg, _ = warehouse
    monkeypatch.delenv("NEWSMON_SMTP_HOST", raising=False)
    res = steps.alert(cfg, "2026-11-21")
    assert res.failed == 1 and res.sent == 3 and any("NEWSMON_SMTP_HOST" in e for e in res.errors)
    status, attempts, error = _alert_row(cfg, "email")
    assert (status, attempts) == ("failed", 0) and "NEWSMON_EMAIL_URL" in error  # no attempt used up
    monkeypatch.setenv("NEWSMON_SMTP_HOST", "127.0.0.1")  # the secret arrives: the next run delivers
    again = steps.alert(cfg, "2026-11-22")
    assert (again.sent, again.failed) == (1, 0) and len(smtp.messages) == 1
    assert _alert_row(cfg, "email")[:2] == ("sent", 1)


def test_no_password_over_cleartext_smtp_unless_the_config_says_so(warehouse, monkeypatch, webhook, smtp):
    cfg, _ = warehouse
    cfg.alerts[0].channels = ["email"]
    url = f"mailto://newsmon:s3cret@127.0.0.1:{smtp.port}?from=newsmon@test.local"
    monkeypatch.setenv("NEWSMON_EMAIL_URL", url)  # a full apprise URL; `to` comes from the config
    res = steps.alert(cfg, "2026-11-21")
    assert res.failed == 1 and "cleartext" in res.errors[0] and "s3cret" not in res.errors[0]
    assert smtp.messages == [] and smtp.logins == []  # the password never left
    assert "s3cret" not in _alert_row(cfg, "email")[2]
    cfg.channels.email.allow_cleartext_password = True
    res = steps.alert(cfg, "2026-11-21")
    assert res.sent == 1 and smtp.logins == ["newsmon"] and len(smtp.messages) == 1
    assert smtp.messages[0]["To"] == "analyst@test.local"


def test_bad_smtp_port_or_url_fails_that_alert_only(warehouse, monkeypatch, webhook, smtp, capsys):
    cfg, _ = warehouse
    monkeypatch.setenv("NEWSMON_SMTP_PORT", "587/tcp")
    monkeypatch.setenv("NEWSMON_WEBHOOK_URL", "127.0.0.1/hook")  # no scheme
    res = steps.alert(cfg, "2026-11-21")
    assert (res.sent, res.failed) == (2, 2)  # log and file still went out
    assert any("NEWSMON_SMTP_PORT must be a port number" in e for e in res.errors)
    assert any("NEWSMON_WEBHOOK_URL must use one of" in e for e in res.errors)
    assert "ALERT [newsmon:summit]" in capsys.readouterr().out


class Captured:
    """requests.post / requests.request as apprise's Slack, Discord and Telegram plugins call them."""

    def __init__(self):
        self.calls: list[dict] = []

    def __call__(self, *args, **kwargs):
        import requests

        url = kwargs.get("url") or (args[1] if len(args) > 1 and str(args[0]).upper() in ("POST", "GET") else args[0])
        data = kwargs.get("data") or kwargs.get("json")
        self.calls.append({"url": url, "data": json.loads(data) if isinstance(data, (str, bytes)) else data})
        r = requests.Response()
        r.status_code = 200
        r._content = b"ok" if "hooks.slack.com" in str(url) else b'{"ok": true, "result": {}}'
        return r


@pytest.mark.parametrize("url,field", [
    ("slack://T1JJ3T3L2/A1BRTD4JD/TIiajkdnlazkcOXrIdevi7FQ/#alerts", "text"),
    ("https://discord.com/api/webhooks/4174216298/JHMHI8qBe7bk2ZwO5U711o3dV_js", "content"),
    ("tgram://123456789:abcdefg_hijklmnop/-100123", "text"),
])
def test_chat_channels_get_sanitised_text_and_only_stored_links(warehouse, monkeypatch, url, field):
    cfg, _ = warehouse
    from newsmon.core.config import AppriseChannel
    from newsmon.warehouse.db import connect

    con = connect(cfg.storage.db)
    try:  # a hostile crawled title on the canonical article
        con.execute("""UPDATE articles SET title = ? WHERE canonical_url = 'https://wire.example/japan'""",
                    ["<!channel> @everyone <https://evil.example|Read on Reuters> \x1b[31mred\x1b[0m\r\nBcc: x@y"])
        con.execute("UPDATE events SET title = (SELECT title FROM articles WHERE canonical_url = 'https://wire.example/japan')")
    finally:
        con.close()
    cfg.channels.named["chat"] = AppriseChannel(url_env="NEWSMON_CHAT_URL")
    cfg.alerts[0].channels = ["chat"]
    monkeypatch.setenv("NEWSMON_CHAT_URL", url)
    cap = Captured()
    monkeypatch.setattr("requests.post", cap)
    monkeypatch.setattr("requests.request", cap)
    res = steps.alert(cfg, "2026-11-21")
    assert (res.sent, res.failed) == (1, 0), res.errors
    text = json.dumps([c["data"] for c in cap.calls], ensure_ascii=False)
    assert "\\u001b" not in text and "\x1b" not in text and "\\r\\nBcc" not in text
    assert "<!channel>" not in text and "@everyone" not in text          # no mass mention
    assert "<https://evil.example|" not in text and "https://evil" not in text  # no disguised link
    assert "https://wire.example/japan" in text                            # the stored URL is there
