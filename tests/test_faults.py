"""Fault injection: every failure reported in issue 15, reproduced and now handled.

1. one bad alert blocked every alert          2. delivery held the write lock / sent twice
3. `newsmon sql` was not read-only             4. crawled text was not escaped on the way out
5. loose validation, tracebacks                6. `newsmon extract` edge cases
7. idempotency by path, determinism by luck

Warehouses here are seeded with SQL (no embedding model); most checks go through the real CLI in a subprocess.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.conftest import REPO

DATE = "2026-11-21"


# --- fixtures and helpers ------------------------------------------------------------------------

def write_config(tmp: Path, channels: list[str], extra: str = "", countries: str = "[]") -> Path:
    cfg = tmp / "newsmon.toml"
    cfg.write_text(f"""
[storage]
db = "{tmp / 'w.duckdb'}"
raw_dir = "{tmp / 'raw'}"

[relevance]
terms = ["Kazakhstan", "Kyrgyzstan"]

[[sources]]
name = "glr"
url = "https://glr.example/feed"
kind = "rss"

[[alerts]]
name = "summit"
any = ["summit"]
countries = {countries}
channels = {json.dumps(channels)}

[channels]
retry_delays = []
{extra}

[channels.file]
path = "{tmp / 'alerts.jsonl'}"
""", encoding="utf-8")
    return cfg


def seed(db: Path, titles: list[str], languages=("en", "ru"), countries=("KG", "KZ")) -> None:
    """One event per title, each with one stored article (no crawl, no embeddings)."""
    from newsmon.warehouse.db import connect

    con = connect(db)
    now = datetime(2026, 11, 21, 9, 5)
    try:
        for i, title in enumerate(titles):
            url = f"https://glr.example/news/{i}"
            aid = con.execute(
                """INSERT INTO articles (canonical_url, url, source, title, text, published_at, authors, relevant,
                       content_hash, fetched_at, run_id, logical_date, loaded_at)
                   VALUES (?, ?, 'glr', ?, ?, ?, [], true, ?, ?, 'r1', ?, ?) RETURNING article_id""",
                [url, url, title, f"Leaders met at the summit in Bishkek. {title}", now, f"h{i}", now, DATE, now]).fetchone()[0]
            eid = con.execute(
                """INSERT INTO events (canonical_article_id, title, first_seen, last_seen, member_count, outlet_count,
                       languages, countries, created_date, updated_at)
                   VALUES (?, ?, ?, ?, 1, 1, ?, ?, ?, ?) RETURNING event_id""",
                [aid, title, now, now, list(languages), list(countries), DATE, now]).fetchone()[0]
            con.execute("INSERT INTO event_articles VALUES (?, ?, NULL, 1.0, 'opened', ?, ?)", [aid, eid, DATE, now])
    finally:
        con.close()


def cli(*args: str, env: dict | None = None, timeout: float = 120, **kw) -> subprocess.CompletedProcess:
    e = dict(os.environ, COLUMNS="80", PYTHONPATH=str(REPO))
    e.update(env or {})
    return subprocess.run([sys.executable, "-m", "newsmon.cli", *args], capture_output=True, text=True, timeout=timeout,
                          env=e, cwd=kw.get("cwd", REPO))


def one_line_error(proc: subprocess.CompletedProcess) -> str:
    lines = [l for l in proc.stderr.splitlines() if l.strip()]
    assert "Traceback" not in proc.stderr, proc.stderr
    assert len(lines) == 1, proc.stderr
    return lines[0]


def rows(db: Path, sql: str, params=()) -> list[tuple]:
    from newsmon.warehouse.db import connect

    con = connect(db, read_only=True)
    try:
        return con.execute(sql, list(params)).fetchall()
    finally:
        con.close()


class Receiver:
    """A local webhook: records posts and headers; can answer 503, answer late, or hold the request."""

    def __init__(self):
        self.posts: list[dict] = []
        self.headers: list[dict] = []
        self.status = 200
        self.delay = 0.0
        self.hold = threading.Event()
        self.hold.set()
        self.got = threading.Event()
        r = self

        class H(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                r.posts.append(json.loads(body))
                r.headers.append(dict(self.headers))
                r.got.set()
                r.hold.wait(30)
                time.sleep(r.delay)
                try:
                    self.send_response(r.status)
                    self.end_headers()
                    self.wfile.write(b"ok")
                except OSError:
                    pass

            def log_message(self, *a):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), H)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture
def receiver():
    r = Receiver()
    yield r
    r.hold.set()
    r.server.shutdown()


@pytest.fixture
def smtp():
    from aiosmtpd.controller import Controller

    class Inbox:
        def __init__(self):
            self.raw: list[bytes] = []

        async def handle_DATA(self, server, session, envelope):
            self.raw.append(envelope.content)
            return "250 OK"

    inbox = Inbox()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    ctl = Controller(inbox, hostname="127.0.0.1", port=port)
    ctl.start()
    inbox.port = port
    yield inbox
    ctl.stop()


# --- 1. one bad alert never blocks the others ------------------------------------------------------

def test_bad_channel_settings_fail_only_their_alert_and_the_step_exits_0(tmp_path):
    cfg = write_config(tmp_path, ["log", "file", "email", "webhook"], extra='email = { to = ["a@test.local"] }')
    seed(tmp_path / "w.duckdb", ["Summit in Bishkek"])
    env = {"NEWSMON_WEBHOOK_URL": "hooks.example.org/x", "NEWSMON_SMTP_HOST": "127.0.0.1", "NEWSMON_SMTP_PORT": "587/tcp"}
    runs = [cli("alert", "--config", str(cfg), "--date", DATE, env=env) for _ in range(2)]  # the re-run goes on too
    for proc in runs:
        assert proc.returncode == 0, proc.stderr
        assert "Traceback" not in proc.stderr and "2 failed" in proc.stderr
    assert "ALERT [newsmon:summit] Summit in Bishkek" in runs[0].stdout
    status = dict(rows(tmp_path / "w.duckdb", "SELECT channel, status FROM alerts"))
    assert status == {"log": "sent", "file": "sent", "email": "failed", "webhook": "failed"}
    errors = dict(rows(tmp_path / "w.duckdb", "SELECT channel, last_error FROM alerts WHERE status = 'failed'"))
    assert "NEWSMON_SMTP_PORT must be a port number" in errors["email"]
    assert "NEWSMON_WEBHOOK_URL must use one of" in errors["webhook"]


def test_an_exception_inside_one_delivery_marks_it_failed_and_moves_on(tmp_path, monkeypatch):
    from newsmon import steps
    from newsmon.alerts import channels
    from newsmon.core.config import load_config

    cfg = load_config(write_config(tmp_path, ["log", "file"]))
    seed(cfg.storage.db, ["Summit one", "Summit two"])

    def boom(self, payload, key):
        raise KeyError("unexpected")  # not a DeliveryError: used to kill the whole step

    monkeypatch.setattr(channels.LogChannel, "send", boom)
    res = steps.alert(cfg, DATE)
    assert (res.sent, res.failed) == (2, 2) and "KeyError" in res.errors[0]


def test_crlf_in_a_crawled_title_cannot_inject_mail_headers(tmp_path, smtp):
    cfg = write_config(tmp_path, ["email"], extra='email = { to = ["a@test.local"] }')
    seed(tmp_path / "w.duckdb", ["Summit\r\nBcc: victim@evil.example\r\n\r\nfake body"])
    env = {"NEWSMON_SMTP_HOST": "127.0.0.1", "NEWSMON_SMTP_PORT": str(smtp.port), "NEWSMON_SMTP_FROM": "n@test.local"}
    proc = cli("alert", "--config", str(cfg), "--date", DATE, env=env)
    assert proc.returncode == 0 and "1 delivered" in proc.stderr, proc.stderr
    import email
    from email import policy

    msg = email.message_from_bytes(smtp.raw[0], policy=policy.default)
    assert msg["Bcc"] is None and msg["Subject"] == "[newsmon:summit] Summit Bcc: victim@evil.example fake body"


# --- 2. outside the lock, never twice ------------------------------------------------------------------

def test_a_hanging_webhook_does_not_hold_the_write_lock(tmp_path, receiver):
    cfg = write_config(tmp_path, ["webhook"])
    seed(tmp_path / "w.duckdb", ["Summit in Astana"])
    receiver.hold.clear()  # the webhook takes its time
    step = subprocess.Popen([sys.executable, "-m", "newsmon.cli", "alert", "--config", str(cfg), "--date", DATE],
                            env=dict(os.environ, NEWSMON_WEBHOOK_URL=receiver.url), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, cwd=REPO)
    try:
        assert receiver.got.wait(60)
        t = time.monotonic()
        read = cli("sql", "SELECT status FROM alerts", "--config", str(cfg), "--format", "csv")
        assert read.returncode == 0, read.stderr  # a reader is served while the message travels
        assert read.stdout.splitlines()[1] == "sending" and time.monotonic() - t < 30
        load = cli("load", "--config", str(cfg), "--date", DATE)  # and so is a writer
        assert load.returncode == 0, load.stderr
    finally:
        receiver.hold.set()
        step.communicate(timeout=60)
    assert step.returncode == 0
    assert rows(tmp_path / "w.duckdb", "SELECT status FROM alerts") == [("sent",)]


def test_no_answer_is_unknown_and_not_resent(tmp_path, receiver):
    cfg = write_config(tmp_path, ["webhook"], extra="webhook = { timeout = 1 }")
    seed(tmp_path / "w.duckdb", ["Summit in Tashkent"])
    receiver.delay = 3
    env = {"NEWSMON_WEBHOOK_URL": receiver.url}
    assert cli("alert", "--config", str(cfg), "--date", DATE, env=env).returncode == 0
    assert rows(tmp_path / "w.duckdb", "SELECT status FROM alerts") == [("unknown",)]
    assert cli("alert", "--config", str(cfg), "--date", DATE, env=env).returncode == 0
    time.sleep(0.5)
    assert len(receiver.posts) == 1  # not re-sent blindly


DRIVER = r"""
import os, signal, sys
from newsmon import steps
from newsmon.alerts import dispatch
from newsmon.core.config import load_config

point = sys.argv[2]
die = lambda: os.kill(os.getpid(), signal.SIGKILL)

def after(fn):
    def wrapped(*a, **k):
        r = fn(*a, **k)
        die()
        return r
    return wrapped

def before(fn):
    def wrapped(*a, **k):
        die()
    return wrapped

if point == "recording":        # inside the first transaction, before its commit
    dispatch.create_alerts = after(dispatch.create_alerts)
elif point == "claimed":        # the claim is committed, nothing sent yet
    dispatch._send = before(dispatch._send)
elif point == "sent":           # the receiver answered, the outcome not yet recorded
    dispatch._send = after(dispatch._send)
elif point == "recording-outcome":  # inside the outcome transaction, before its commit
    dispatch._finish = after(dispatch._finish)
elif point == "recorded":       # the outcome is committed
    real = dispatch.deliver
    def deliver(*a, **k):
        real(*a, **k); die()
    dispatch.deliver = deliver
steps.alert(load_config(sys.argv[1]), sys.argv[3])
"""


@pytest.mark.parametrize("point,posts,status", [
    ("recording", 1, "sent"),           # nothing was recorded: the re-run queues and sends it once
    ("claimed", 0, "unknown"),          # at most once: never sent, but newsmon cannot know that
    ("receiving", 1, "unknown"),        # killed while the webhook held the request
    ("sent", 1, "unknown"),
    ("recording-outcome", 1, "unknown"),
    ("recorded", 1, "sent"),
])
def test_kill_9_at_each_point_never_sends_twice(tmp_path, receiver, point, posts, status):
    cfg = write_config(tmp_path, ["webhook"])
    seed(tmp_path / "w.duckdb", ["Summit in Dushanbe"])
    env = dict(os.environ, NEWSMON_WEBHOOK_URL=receiver.url, PYTHONPATH=str(REPO))
    if point == "receiving":
        receiver.hold.clear()
    proc = subprocess.Popen([sys.executable, "-c", DRIVER, str(cfg), point, DATE], env=env, cwd=REPO,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if point == "receiving":
        assert receiver.got.wait(60)
        proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=120)
    assert proc.returncode == -signal.SIGKILL
    receiver.hold.set()
    rerun = cli("alert", "--config", str(cfg), "--date", DATE, env={"NEWSMON_WEBHOOK_URL": receiver.url})
    assert rerun.returncode == 0, rerun.stderr
    again = cli("alert", "--config", str(cfg), "--date", DATE, env={"NEWSMON_WEBHOOK_URL": receiver.url})
    assert again.returncode == 0
    time.sleep(0.3)
    assert len(receiver.posts) == posts
    assert rows(tmp_path / "w.duckdb", "SELECT status FROM alerts") == [(status,)]
    if status == "unknown":
        assert "may or may not have arrived" in rows(tmp_path / "w.duckdb", "SELECT last_error FROM alerts")[0][0]


def test_at_least_once_resends_an_interrupted_delivery_with_the_same_key(tmp_path, receiver):
    cfg = write_config(tmp_path, ["webhook"], extra='delivery = "at-least-once"')
    seed(tmp_path / "w.duckdb", ["Summit in Ashgabat"])
    env = dict(os.environ, NEWSMON_WEBHOOK_URL=receiver.url, PYTHONPATH=str(REPO))
    receiver.hold.clear()
    proc = subprocess.Popen([sys.executable, "-c", DRIVER, str(cfg), "receiving", DATE], env=env, cwd=REPO,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    assert receiver.got.wait(60)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=60)
    receiver.hold.set()
    assert cli("alert", "--config", str(cfg), "--date", DATE, env={"NEWSMON_WEBHOOK_URL": receiver.url}).returncode == 0
    assert len(receiver.posts) == 2  # at least once …
    keys = {h["Idempotency-Key"] for h in receiver.headers}
    assert len(keys) == 1 and keys.pop().startswith("newsmon-")  # … and the receiver can tell it is one alert
    assert rows(tmp_path / "w.duckdb", "SELECT status FROM alerts") == [("sent",)]


def test_a_failing_webhook_is_retried_next_run(tmp_path, receiver):
    cfg = write_config(tmp_path, ["webhook"])
    seed(tmp_path / "w.duckdb", ["Summit in Osh"])
    receiver.status = 503
    env = {"NEWSMON_WEBHOOK_URL": receiver.url}
    assert cli("alert", "--config", str(cfg), "--date", DATE, env=env).returncode == 0
    assert rows(tmp_path / "w.duckdb", "SELECT status, attempts FROM alerts") == [("failed", 1)]
    receiver.status = 200
    assert cli("alert", "--config", str(cfg), "--date", DATE, env=env).returncode == 0
    assert rows(tmp_path / "w.duckdb", "SELECT status, attempts FROM alerts") == [("sent", 2)]


# --- 3. `newsmon sql` is read-only --------------------------------------------------------------------

@pytest.fixture
def ro_db(tmp_path):
    cfg = write_config(tmp_path, ["log"])
    seed(tmp_path / "w.duckdb", ["Summit one", "Summit two"])
    return cfg, tmp_path / "w.duckdb"


def _sha(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


@pytest.mark.parametrize("query", [
    "COPY (SELECT 'x') TO '{db}'",
    "ATTACH '{db}' AS rw (READ_WRITE)",
    "DETACH w",
    "SELECT * FROM read_text('/proc/self/environ')",
    "SELECT * FROM read_csv('/etc/passwd')",
    "SELECT * FROM glob('/*')",
    "SELECT * FROM read_blob('/etc/hostname')",
    "INSTALL httpfs",
    "LOAD httpfs",
    "SET enable_external_access = true",
    "PRAGMA threads = 1",
    "CHECKPOINT",
    "DELETE FROM alerts",
    "SELECT 1; DELETE FROM events",
    "EXPLAIN ANALYZE COPY (SELECT 1) TO '{tmp}/x.csv'",
    "EXPORT DATABASE '{tmp}/dump'",
    "CREATE TABLE x AS SELECT 1",
])
def test_sql_refuses_every_bypass(ro_db, tmp_path, query):
    from newsmon.sql_console import NotReadOnly, run_query

    import duckdb

    cfg, db = ro_db
    before = _sha(db)
    q = query.format(db=db, tmp=tmp_path)
    with pytest.raises((NotReadOnly, duckdb.Error)):
        run_query(db, q)
    assert _sha(db) == before and not (tmp_path / "x.csv").exists() and not (tmp_path / "dump").exists()


def test_sql_cli_refuses_and_never_prints_secrets(ro_db, tmp_path):
    cfg, db = ro_db
    before = _sha(db)
    env = {"NEWSMON_SMTP_PASSWORD": "hunter2-secret"}
    for q in (f"COPY (SELECT 'x') TO '{db}'", "SELECT * FROM read_text('/proc/self/environ')", "INSTALL httpfs"):
        proc = cli("sql", q, "--config", str(cfg), env=env)
        assert proc.returncode == 1 and "hunter2" not in proc.stdout + proc.stderr
        one_line_error(proc)
    assert _sha(db) == before
    ok = cli("sql", "SELECT count(*) AS n FROM events", "--config", str(cfg), "--format", "csv")
    assert ok.returncode == 0 and ok.stdout.splitlines() == ["n", "2"]
    for q in ("WITH a AS (SELECT 1 AS x) SELECT * FROM a", "DESCRIBE events", "SHOW TABLES", "PRAGMA table_info('events')",
              "EXPLAIN SELECT * FROM events"):
        assert cli("sql", q, "--config", str(cfg), "--format", "json").returncode == 0, q
    owner = cli("sql", "DELETE FROM alerts", "--config", str(cfg), "--write")  # --write stays for the owner
    assert owner.returncode == 0, owner.stderr


# --- 4. crawled text escaped on the way out -------------------------------------------------------------

HOSTILE = ["[/] closing tag first", "[updated] Summit moved", "Tokayev \x1b[2J\x1b]0;pwned\x07 summit",
           "=HYPERLINK(\"https://evil.example\",\"Summit\")", "+cmd|' /C calc'!A0 summit", "@SUM(1+1) summit",
           "A very long summit title " + "about the Central Asia summit and its many outcomes " * 3]


def test_events_alerts_and_sql_print_crawled_text_as_text(tmp_path):
    cfg = write_config(tmp_path, ["log"])
    seed(tmp_path / "w.duckdb", HOSTILE)
    assert cli("alert", "--config", str(cfg), "--date", DATE).returncode == 0
    for args in (["events", "--date", DATE], ["alerts"], ["sql", "SELECT title FROM events"]):
        proc = cli(*args, "--config", str(cfg))
        assert proc.returncode == 0, proc.stderr
        assert "\x1b" not in proc.stdout and "\x07" not in proc.stdout
        assert max(len(l) for l in proc.stdout.splitlines()) <= 80
        flat = " ".join(proc.stdout.replace("│", " ").split())
        assert "[/]" in flat and "[updated]" in flat, flat
        assert "\\x1b" in flat  # shown, not executed
    events = cli("events", "--date", DATE, "--config", str(cfg))
    assert max(len(l) for l in events.stdout.splitlines()) <= 80  # fits an 80-column terminal
    assert "en, ru" in events.stdout and "['en'" not in events.stdout and "KG, KZ" in events.stdout
    assert "outcomes" in events.stdout  # the long title wraps instead of being cut


def test_csv_output_defuses_formulas_and_joins_lists(tmp_path):
    import csv
    import io

    cfg = write_config(tmp_path, ["log"])
    seed(tmp_path / "w.duckdb", HOSTILE)
    proc = cli("events", "--date", DATE, "--config", str(cfg), "--format", "csv")
    assert proc.returncode == 0
    table = list(csv.DictReader(io.StringIO(proc.stdout)))
    titles = {r["title"] for r in table}
    assert "'=HYPERLINK(\"https://evil.example\",\"Summit\")" in titles
    assert "'+cmd|' /C calc'!A0 summit" in titles and "'@SUM(1+1) summit" in titles
    assert all(r["languages"] == "en, ru" and r["countries"] == "KG, KZ" for r in table)
    assert all(not r["title"][:1] in "=+-@" for r in table)
    js = cli("events", "--date", DATE, "--config", str(cfg), "--format", "json")
    assert json.loads(js.stdout)[0]["languages"] == ["en", "ru"]  # JSON keeps real lists


def test_slack_compatible_webhook_text_cannot_ping_or_disguise_links(tmp_path, receiver):
    cfg = write_config(tmp_path, ["webhook"])
    seed(tmp_path / "w.duckdb", ["<!channel> summit <https://evil.example|Read on Reuters> & more"])
    assert cli("alert", "--config", str(cfg), "--date", DATE, env={"NEWSMON_WEBHOOK_URL": receiver.url}).returncode == 0
    text = receiver.posts[0]["text"]
    assert "<!channel>" not in text and "<https://evil.example|" not in text
    assert "&lt;!channel&gt;" in text and "&amp; more" in text
    links = [part.split("|")[0] for part in text.split("<")[1:]]
    assert links and all(l == "https://glr.example/news/0" for l in links)  # only the stored article URL


# --- 5. validation up front, one-line errors ---------------------------------------------------------------

def _config_error(tmp_path, body: str) -> str:
    from newsmon.core.config import ConfigError, load_config

    p = tmp_path / "c.toml"
    p.write_text('[relevance]\nterms = ["Kazakhstan"]\n[[sources]]\nname = "x"\nurl = "https://x.example/rss"\n' + body)
    with pytest.raises(ConfigError) as exc:
        load_config(p)
    return str(exc.value)


@pytest.mark.parametrize("value", ["http://", "https:// x.example/feed", "https://x.example/a b", "https://x.example/\nfeed",
                                   "https://x.example:99999/feed", "ftp://x.example/", "x.example/feed"])
def test_http_url_type_rejects_bad_urls(value):
    from pydantic import TypeAdapter, ValidationError

    from newsmon.core.config import HttpUrlStr

    with pytest.raises(ValidationError):
        TypeAdapter(HttpUrlStr).validate_python(value)
    assert TypeAdapter(HttpUrlStr).validate_python("https://x.example:8443/feed?a=1") == "https://x.example:8443/feed?a=1"


@pytest.mark.parametrize("body,field", [
    ("[dedupe]\nthreshold = 7.5\n", "dedupe.threshold"),
    ('[dedupe]\nmono_languages = ["klingon"]\n', "dedupe.mono_languages"),
    ('[[alerts]]\nname = "a"\nany = ["x"]\ncountries = ["Narnia"]\n', "alerts.0.countries"),
    ('[[alerts]]\nname = "a"\nany = ["x"]\ncountries = ["Almaty"]\n', "alerts.0.countries"),  # a city, not a country
    ('[[alerts]]\nname = "a"\nany = ["x"]\nchannels = ["telegram"]\n', "unknown channel"),
    ('[channels.telegram]\nurl_env = "tgram://123:abc/456"\n', "channels.named.telegram.url_env"),  # a URL, not a variable
    ("[channels]\nmax_attempts = 0\n", "channels.max_attempts"),
    ('[crawl]\nuser_agent = "newsmon\\r\\nX-Evil: 1"\n', "crawl.user_agent"),
])
def test_invalid_values_are_rejected_with_their_field(tmp_path, body, field):
    assert field in _config_error(tmp_path, body)


def test_alert_countries_by_name_resolve_through_the_gazetteer(tmp_path):
    from newsmon import steps
    from newsmon.core.config import load_config

    cfg = load_config(write_config(tmp_path, ["file"], countries='["Kyrgyzstan", "Казахстан", "uz"]'))
    assert cfg.alerts[0].countries == ["KG", "KZ", "UZ"]
    seed(cfg.storage.db, ["Summit in Bishkek"], countries=("KG",))
    assert steps.alert(cfg, DATE).sent == 1  # used to match nothing


@pytest.mark.parametrize("value", ["2026-W47", "20261121", "2026-326", "2026-11-31", "21.11.2026"])
def test_date_is_strict(tmp_path, value):
    cfg = write_config(tmp_path, ["log"])
    proc = cli("events", "--config", str(cfg), "--date", value)
    assert proc.returncode == 1 and "YYYY-MM-DD" in one_line_error(proc)


def test_config_that_is_a_directory_or_not_utf8_is_one_line_exit_2(tmp_path):
    (tmp_path / "dir.toml").mkdir()
    proc = cli("events", "--config", str(tmp_path / "dir.toml"))
    assert proc.returncode == 2 and "is a directory" in one_line_error(proc)
    (tmp_path / "latin1.toml").write_bytes("[relevance]\nterms = ['Qazaqstan \xe9']\n".encode("latin-1"))
    proc = cli("sources", "--config", str(tmp_path / "latin1.toml"))
    assert proc.returncode == 2 and "not UTF-8" in one_line_error(proc)


@pytest.mark.parametrize("damage", ["truncated", "garbage", "empty", "zeroed"])
def test_corrupt_or_truncated_database_is_one_line_exit_65(tmp_path, damage):
    cfg = write_config(tmp_path, ["log"])
    db = tmp_path / "w.duckdb"
    seed(db, [f"Summit {i} " + "long text " * 50 for i in range(300)])
    data = db.read_bytes()
    if damage == "truncated":
        db.write_bytes(data[:20_000])  # headers intact, the blocks gone
    elif damage == "garbage":
        db.write_bytes(b"not a database" * 100)
    elif damage == "empty":
        db.write_bytes(b"")
    else:
        db.write_bytes(data[:12_288] + bytes(len(data) - 12_288))  # every block fails its checksum
    for args in (["events", "--date", DATE], ["sql", "SELECT count(*), max(title) FROM articles"], ["alert", "--date", DATE]):
        proc = cli(*args, "--config", str(cfg))
        assert proc.returncode == 65, (args, proc.returncode, proc.stderr)
        assert str(db) in one_line_error(proc) or "orrupt" in proc.stderr


def test_read_only_file_system_is_one_line_exit_74(tmp_path):
    if shutil.which("unshare") is None or shutil.which("mount") is None:
        pytest.skip("needs unshare and mount")
    ro = tmp_path / "ro"
    ro.mkdir()
    cfg = write_config(tmp_path, ["log"])
    text = cfg.read_text().replace(str(tmp_path / "w.duckdb"), str(ro / "w.duckdb"))
    cfg.write_text(text)
    script = (f"mount -t tmpfs -o ro tmpfs {ro} && exec {sys.executable} -m newsmon.cli load --config {cfg} --date {DATE}")
    proc = subprocess.run(["unshare", "-rm", "sh", "-c", script], capture_output=True, text=True, timeout=120,
                          env=dict(os.environ, PYTHONPATH=str(REPO)), cwd=REPO)
    if "mount" in proc.stderr and proc.returncode not in (74,):
        pytest.skip(f"cannot mount a read-only tmpfs here: {proc.stderr.strip()[:200]}")
    assert proc.returncode == 74, proc.stderr
    assert "Read-only file system" in one_line_error(proc)


# --- 6. `newsmon extract` edge cases ----------------------------------------------------------------------

def test_extract_never_stops_a_batch_and_caps_sizes(tmp_path):
    gold = sorted((REPO / "tests" / "data" / "extraction").glob("*.html"))[0]
    good_gz = sorted((REPO / "tests" / "data" / "extraction").glob("*.html.gz"))[0]
    (tmp_path / "empty.html").write_bytes(b"")
    (tmp_path / "blank.html").write_text("  \n\t  \n")
    (tmp_path / "corrupt.html.gz").write_bytes(gzip.compress(gold.read_bytes())[:200])
    (tmp_path / "notgz.html.gz").write_bytes(b"\x1f\x8b\x08\x00garbage")
    (tmp_path / "big.html").write_bytes(b"<html><body><p>" + b"word " * 400_000 + b"</p></body></html>")
    inputs = [str(tmp_path / "empty.html"), str(tmp_path / "blank.html"), str(tmp_path / "corrupt.html.gz"),
              str(tmp_path / "notgz.html.gz"), str(tmp_path / "big.html"), gold.resolve().as_uri(), str(good_gz)]
    proc = cli("extract", "--format", "jsonl", "--max-bytes", "1000000", *inputs)
    assert proc.returncode == 0, proc.stderr
    recs = [json.loads(l) for l in proc.stdout.splitlines()]
    assert [r["input"] for r in recs] == inputs  # one record per input, in order
    assert recs[0]["error"] == "empty" and recs[1]["error"] == "empty"
    assert "error" in recs[2] and "error" in recs[3]
    assert recs[4]["error"] == "too_large"
    assert "error" not in recs[5] and recs[5]["title"]  # file:// works
    assert "error" not in recs[6] and recs[6]["title"]
    web = cli("extract", "--format", "text", str(tmp_path / "empty.html"))
    assert web.returncode == 1 and "ERROR empty" in web.stdout
    bad = cli("extract", "--format", "xml", str(gold))
    assert bad.returncode == 2 and "--format" in one_line_error(bad)


def test_extract_caps_urls_and_fills_source(tmp_path):
    page = (sorted((REPO / "tests" / "data" / "extraction").glob("*.html"))[0]).read_bytes()

    class H(BaseHTTPRequestHandler):
        def do_GET(self):
            body = page if self.path == "/a" else b"<html><body>" + b"x" * 2_000_000 + b"</body></html>"
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            if self.path != "/chunked":
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            try:
                self.wfile.write(body)
            except OSError:
                pass

        def log_message(self, *a):
            pass

    srv = ThreadingHTTPServer(("127.0.0.1", 0), H)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{srv.server_address[1]}"
    try:
        proc = cli("extract", "--format", "jsonl", "--max-bytes", "1000000", f"{base}/a", f"{base}/big", f"{base}/chunked")
    finally:
        srv.shutdown()
    recs = [json.loads(l) for l in proc.stdout.splitlines()]
    assert recs[0]["source"] == "127.0.0.1" and recs[0]["input"] == f"{base}/a" and "error" not in recs[0]
    assert recs[1]["error"] == "too_large" and recs[2]["error"] == "too_large"


# --- 7. idempotent by content, deterministic by construction -------------------------------------------------

def test_moving_the_raw_directory_loads_nothing_twice(tmp_path, default_cfg):
    from newsmon import steps
    from tests.rawfiles import write_run
    from tests.test_dedupe import by_event

    cfg = default_cfg.model_copy(deep=True)
    cfg.storage.db = tmp_path / "w.duckdb"
    cfg.storage.raw_dir = tmp_path / "raw"
    write_run(cfg.storage.raw_dir, DATE, "r1", by_event("b-rogun-wb-loan"))
    first = steps.load(cfg, DATE)
    assert first.articles_new == 3
    shutil.move(str(tmp_path / "raw"), str(tmp_path / "moved"))
    cfg.storage.raw_dir = tmp_path / "moved"
    again = steps.load(cfg, DATE)
    assert (again.files_loaded, again.files_skipped) == (0, 1)
    assert rows(cfg.storage.db, "SELECT pages_fetched, articles_stored FROM crawl_runs") == [(3, 3)]  # not doubled


ENTITIES = r"""
import json, sys
from newsmon.dedupe.signals import extract_signals
out = {}
for line in open(sys.argv[1], encoding="utf-8"):
    line = line.strip()
    if line.startswith("{"):
        r = json.loads(line)
        out[r["id"]] = sorted(extract_signals(r.get("title", ""), r["text"]).entities.items())
print(json.dumps(out, sort_keys=True))
"""


def test_entity_extraction_does_not_depend_on_the_hash_seed():
    data = REPO / "tests" / "data" / "dedupe" / "dev_b.jsonl"
    results = []
    for seed_value in ("0", "1"):  # these two seeds stored different entities before the fix
        proc = subprocess.run([sys.executable, "-c", ENTITIES, str(data)], capture_output=True, text=True, timeout=300,
                              env=dict(os.environ, PYTHONHASHSEED=seed_value, PYTHONPATH=str(REPO)), check=True)
        results.append(json.loads(proc.stdout))
    assert results[0] == results[1]
    assert dict(map(tuple, results[0]["b012"])).get("company:turkmengaz") == 1  # "Туркменгаз" is the company
