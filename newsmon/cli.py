"""The ``newsmon`` command: every pipeline step, without Airflow."""

from __future__ import annotations

import csv
import datetime as _dt
import io
import json
import re
import sys
from pathlib import Path
from typing import Annotated, Any, Optional

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from newsmon.core.config import Config, ConfigError, Storage, load_config
from newsmon.steps import StepError, parse_date

# Exit codes (README "Command line"): one line on stderr says what and where.
EXIT_FAILED = 1        # nothing collected, SQL error, a missing database, a bad --date
EXIT_CONFIG = 2        # invalid config: missing, a directory, not UTF-8, not TOML, a bad field; bad option values
EXIT_UNHEALTHY = 3     # `sources --unhealthy` listed some
EXIT_DB_CORRUPT = 65   # the DuckDB file is corrupt, truncated or not a DuckDB database
EXIT_IO = 74           # file-system error: read-only file system, permission denied, disk full
EXIT_BUSY = 75         # database busy: another step holds the write lock; retry


class _GuardedTyper(typer.Typer):
    """The CLI's error guard: config, database and file-system problems end in one line and a
    documented exit code, never a traceback (a bug still shows its traceback)."""

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        from newsmon.warehouse.db import DatabaseBusy

        try:
            return super().__call__(*args, **kwargs)
        except (ConfigError, OSError, StepError, DatabaseBusy) as exc:
            code, label, msg = _classify(exc)
        except Exception as exc:
            import duckdb

            if not isinstance(exc, duckdb.Error):
                raise
            code, label, msg = _classify(exc)
        _error(label, msg)
        sys.exit(code)


app = _GuardedTyper(add_completion=False, no_args_is_help=True, help="Central Asia news monitoring: crawl, load, dedupe, alert.")
console = Console(stderr=True, highlight=False)
out = Console(highlight=False)

ConfigOpt = Annotated[Optional[Path], typer.Option("--config", "-c", help="config file (default: $NEWSMON_CONFIG or ./newsmon.toml)")]
DbOpt = Annotated[Optional[Path], typer.Option(
    "--db", help=f"DuckDB file (default: $NEWSMON_DB, else [storage].db of the config, which defaults to {Storage().db})")]
DateOpt = Annotated[Optional[str], typer.Option("--date", "-d", help="logical date YYYY-MM-DD (default: today, UTC)")]


# --- Output helpers: everything printed may come from crawled text --------------------------------

_TERMINAL_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_JSON_UNSAFE = re.compile(r"[\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def terminal_safe(value: str) -> str:
    """Control characters (ESC sequences, C1, bidi overrides) shown as visible escapes, never executed."""
    return _TERMINAL_UNSAFE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), value)


def _flat(value: Any) -> Any:
    """Lists joined, dates formatted, None empty: what a table cell or CSV field shows."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return ", ".join(str(_flat(v)) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    if isinstance(value, _dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S") if value.second or value.microsecond else value.strftime("%Y-%m-%d %H:%M")
    return value


def cell(value: Any) -> Text:
    """A table cell: plain text (Rich markup is not interpreted), newlines as spaces, controls escaped."""
    v = _flat(value)
    return Text(terminal_safe(" ".join(v.split()) if isinstance(v, str) else str(v)))


def csv_safe(value: Any) -> Any:
    """CSV field: lists joined; a text starting with = + - @ (or tab/CR) is prefixed with ' so a
    spreadsheet never runs it as a formula. Numbers stay numbers."""
    v = _flat(value)
    if isinstance(v, str):
        v = terminal_safe(v.replace("\r\n", "\n"))
        if v[:1] in ("=", "+", "-", "@", "\t", "\r"):
            v = "'" + v
    return v


def json_text(obj: Any) -> str:
    text = json.dumps(obj, ensure_ascii=False, default=str, indent=1)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _error(label: str, message: str, style: str = "red") -> None:
    """One line (the first of the message; config errors keep their per-field lines) on stderr."""
    t = Text()
    t.append(f"{label}:", style=style)
    t.append(" " + terminal_safe(str(message).strip()))
    console.print(t, soft_wrap=True)


def _classify(exc: BaseException) -> tuple[int, str, str]:
    """(exit code, label, message) for config, database and file-system errors."""
    import errno

    import duckdb

    from newsmon.warehouse.db import DatabaseBusy

    if isinstance(exc, DatabaseBusy):
        return EXIT_BUSY, "database busy", str(exc)
    if isinstance(exc, ConfigError):
        return EXIT_CONFIG, "error", str(exc)
    if isinstance(exc, StepError):
        return EXIT_FAILED, "error", str(exc)
    if isinstance(exc, FileNotFoundError) and "does not exist yet" in str(exc):
        return EXIT_FAILED, "error", str(exc)
    if isinstance(exc, OSError):
        where = f"{exc.filename}: " if exc.filename else ""
        if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM, errno.ENOSPC, errno.EDQUOT, errno.EISDIR,
                         errno.ENOTDIR, errno.ENOENT, errno.EIO):
            return EXIT_IO, "file-system error", f"{where}{exc.strerror or exc}"
        return EXIT_IO, "file-system error", f"{where}{exc}"
    msg = " ".join(str(exc).split())
    low = msg.lower()
    if isinstance(exc, duckdb.Error):
        if ("not a valid duckdb database" in low or "corrupt" in low or "could not read enough bytes" in low
                or "checksum" in low or "serialization" in low or "invalid database" in low):
            return EXIT_DB_CORRUPT, "database corrupt", (
                f"{msg} — restore the file from a backup or move it away and re-run `newsmon load`")
        if any(k in low for k in ("read-only file system", "permission denied", "no space left", "disk quota")):
            return EXIT_IO, "file-system error", msg
        return EXIT_FAILED, "database error", msg
    return EXIT_FAILED, "error", msg


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import PackageNotFoundError, version

        try:
            v = version("newsmon")
        except PackageNotFoundError:
            from newsmon import __version__ as v
        sys.stdout.write(f"newsmon {v}\n")
        raise typer.Exit()


@app.callback()
def _setup(version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                                 help="print the version and exit")] = False) -> None:
    """Progress of long steps goes to stderr."""
    import logging

    logging.basicConfig(level=logging.INFO, format="  %(message)s", stream=sys.stderr)
    for noisy in ("sentence_transformers", "httpx", "urllib3", "filelock", "huggingface_hub", "transformers"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


def _cfg(config: Path | None, db: Path | None) -> Config:
    try:
        return load_config(config, db=db)
    except ConfigError as exc:
        _error("error", str(exc))
        raise typer.Exit(EXIT_CONFIG) from exc


def _guard(fn, *args, **kwargs):
    """Run one step; config/DB/file-system problems end the command with one line and their exit code."""
    import duckdb

    from newsmon.warehouse.db import DatabaseBusy

    try:
        return fn(*args, **kwargs)
    except (ConfigError, StepError, OSError, duckdb.Error, DatabaseBusy) as exc:
        code, label, msg = _classify(exc)
        _error(label, msg, style="yellow" if code == EXIT_BUSY else "red")
        raise typer.Exit(code) from exc


def _table(title: str, columns: list[str], rows: list[list[Any]], wrap: set[str] | None = None) -> Table:
    """Cells are Text (no markup), so a crawled ``[/]`` or ``[updated]`` prints as it is."""
    if not wrap:
        t = Table(title=Text(terminal_safe(title)) if title else None, show_lines=False)
        for c in columns:
            t.add_column(Text(c), overflow="fold")
    else:
        # Fits the terminal (80 columns): short columns keep their width, the ``wrap`` ones share the rest.
        from rich import box

        t = Table(title=Text(terminal_safe(title)) if title else None, show_lines=False, box=box.SIMPLE_HEAD,
                  expand=True, pad_edge=False, padding=(0, 1), collapse_padding=True)
        for c in columns:
            if c in wrap:
                t.add_column(Text(c), overflow="fold", ratio=3 if c == "title" else 1, min_width=14 if c == "title" else 10)
            else:
                t.add_column(Text(c), no_wrap=True, overflow="ellipsis")
    for r in rows:
        t.add_row(*[cell(v) for v in r])
    return t


def _summary(per_source: dict[str, dict[str, Any]]) -> None:
    rows = []
    for name, s in sorted(per_source.items()):
        errs = ", ".join(f"{k}={v}" for k, v in sorted(s["errors"].items())) or "-"
        rows.append([name, s["fetched"], s["new"], s.get("irrelevant", 0), s["skipped"], errs])
    console.print(_table("crawl summary", ["source", "fetched", "new", "irrelevant", "skipped", "errors"], rows))


@app.command()
def crawl(config: ConfigOpt = None, db: DbOpt = None, date: DateOpt = None,
          source: Annotated[Optional[list[str]], typer.Option("--source", "-s", help="only these sources")] = None) -> None:
    """Fetch feeds and sitemaps and extract new articles into raw_dir (JSON Lines)."""
    from newsmon import steps

    cfg = _cfg(config, db)
    d = _guard(parse_date, date)
    console.print(f"crawling {len(cfg.sources)} sources for {d} …")
    res = _guard(steps.crawl, cfg, d, source)
    _summary(res.per_source)
    console.print(f"raw output: {', '.join(res.stats_files) or 'none'}")
    if not any(s["fetched"] or s["not_modified"] for s in res.per_source.values()):
        console.print("[yellow]nothing was collected[/yellow]")
        raise typer.Exit(1)


@app.command()
def load(config: ConfigOpt = None, db: DbOpt = None, date: DateOpt = None) -> None:
    """Load the date's crawl output into DuckDB (loading twice adds nothing)."""
    from newsmon import steps

    cfg = _cfg(config, db)
    d = _guard(parse_date, date)
    res = _guard(steps.load, cfg, d)
    console.print(f"loaded {res.files_loaded} run(s) ({res.files_skipped} already loaded): "
                  f"{res.articles_new} new articles, {res.articles_irrelevant} irrelevant, {res.bad_lines} bad lines")


@app.command()
def dedupe(config: ConfigOpt = None, db: DbOpt = None, date: DateOpt = None) -> None:
    """Assign unassigned relevant articles to canonical events."""
    from newsmon import steps

    cfg = _cfg(config, db)
    d = _guard(parse_date, date)
    res = _guard(steps.dedupe, cfg, d)
    console.print(res.describe())


@app.command()
def alert(config: ConfigOpt = None, db: DbOpt = None, date: DateOpt = None) -> None:
    """Fire alert rules on new canonical events; retry undelivered alerts."""
    from newsmon import steps

    cfg = _cfg(config, db)
    d = _guard(parse_date, date)
    res = _guard(steps.alert, cfg, d)
    console.print(Text(terminal_safe(res.describe())), soft_wrap=True)  # receivers' error texts: no markup


@app.command()
def run(config: ConfigOpt = None, db: DbOpt = None, date: DateOpt = None,
        source: Annotated[Optional[list[str]], typer.Option("--source", "-s")] = None,
        skip_crawl: Annotated[bool, typer.Option(help="only load/dedupe/alert what is already in raw_dir")] = False) -> None:
    """The daily job: crawl → load → dedupe → storylines → alert → digest (sent once per date)."""
    from newsmon import steps

    cfg = _cfg(config, db)
    d = _guard(parse_date, date)
    per_source: dict[str, Any] = {}
    if not skip_crawl:
        console.print(f"[bold]1/6 crawl[/bold] {len(cfg.sources)} sources for {d}")
        per_source = _guard(steps.crawl, cfg, d, source).per_source
    console.print("[bold]2/6 load[/bold]")
    res = _guard(steps.load, cfg, d)
    console.print(f"  {res.articles_new} new relevant articles, {res.articles_irrelevant} irrelevant")
    console.print("[bold]3/6 dedupe[/bold]")
    dd = _guard(steps.dedupe, cfg, d)
    console.print("  " + dd.describe())
    console.print("[bold]4/6 storylines[/bold]")
    console.print("  " + _guard(steps.storylines, cfg, d).describe())
    console.print("[bold]5/6 alert[/bold]")
    al = _guard(steps.alert, cfg, d)
    console.print(Text("  " + terminal_safe(al.describe())), soft_wrap=True)
    console.print("[bold]6/6 digest[/bold]")
    dg = _guard(steps.digest, cfg, d)
    console.print(Text("  " + terminal_safe(json.dumps(dg, default=str, ensure_ascii=False)[:300])), soft_wrap=True)
    if per_source:
        _summary(per_source)
    from newsmon.warehouse.health import unhealthy_sources
    from newsmon.warehouse.db import connect

    con = _guard(connect, cfg.storage.db, read_only=True)
    try:
        bad = unhealthy_sources(con, cfg)
    finally:
        con.close()
    if bad:
        console.print("[yellow]unhealthy sources:[/yellow] " + "; ".join(f"{b.source} ({b.reason})" for b in bad))
    console.print(f"database: {cfg.storage.db}")
    if per_source and not any(s["fetched"] or s["not_modified"] for s in per_source.values()) and res.articles_new == 0:
        console.print("[yellow]nothing was collected from any source[/yellow]")
        raise typer.Exit(1)


FORMATS = ("table", "csv", "json")


def _check_format(fmt: str, allowed: tuple[str, ...] = FORMATS) -> None:
    if fmt not in allowed:
        _error("error", f"--format must be {', '.join(allowed[:-1])} or {allowed[-1]}, got {fmt[:20]!r}")
        raise typer.Exit(EXIT_CONFIG)


def _print_rows(columns: list[str], rows: list[tuple], fmt: str, title: str = "", wrap: set[str] | None = None) -> None:
    if fmt == "json":
        sys.stdout.write(json_text([dict(zip(columns, r)) for r in rows]) + "\n")
    elif fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf)
        w.writerow([csv_safe(c) for c in columns])
        w.writerows([[csv_safe(v) for v in r] for r in rows])
        sys.stdout.write(buf.getvalue())
    else:
        out.print(_table(title, columns, [list(r) for r in rows], wrap=wrap))


@app.command()
def sql(query: str, config: ConfigOpt = None, db: DbOpt = None,
        format: Annotated[str, typer.Option("--format", "-f", help="table | csv | json")] = "table",
        write: Annotated[bool, typer.Option("--write", help="owner only: open read-write, any statement")] = False) -> None:
    """Run one read-only SQL statement (SELECT, WITH, EXPLAIN, DESCRIBE, SHOW, read-only PRAGMA) on the warehouse."""
    import duckdb

    from newsmon.sql_console import NotReadOnly, run_query

    _check_format(format)
    cfg = _cfg(config, db)
    try:
        cols, rows = _guard(run_query, cfg.storage.db, query, write=write)
    except NotReadOnly as exc:
        _error("refused", str(exc))
        raise typer.Exit(EXIT_FAILED) from exc
    except duckdb.Error as exc:  # a mistake in the query (the guard handled database and file problems)
        _error("SQL error", " ".join(str(exc).split()))
        raise typer.Exit(EXIT_FAILED) from exc
    if cols is not None:
        _print_rows(cols, rows, format)


sources_app = typer.Typer(help="Configured sources: last-run health, or probe every feed now (`sources check`).")
app.add_typer(sources_app, name="sources")
EXIT_FEEDS_NOT_OK = EXIT_UNHEALTHY  # 3: `sources check` found a feed that is not ok


@sources_app.callback(invoke_without_command=True)
def sources(ctx: typer.Context, config: ConfigOpt = None, db: DbOpt = None,
            unhealthy: Annotated[bool, typer.Option("--unhealthy", help="only sources that need attention")] = False,
            format: Annotated[str, typer.Option("--format", "-f")] = "table") -> None:
    """Configured sources with last-run stats and health (exit 3 when --unhealthy lists any).

    `newsmon sources check` probes every feed now."""
    if ctx.invoked_subcommand is not None:
        return
    from newsmon.warehouse.health import source_health
    from newsmon.warehouse.db import connect

    cfg = _cfg(config, db)
    con = None
    if Path(cfg.storage.db).exists():
        con = _guard(connect, cfg.storage.db, read_only=True)
    try:
        rows = source_health(con, cfg)
    finally:
        if con is not None:
            con.close()
    if unhealthy:
        rows = [r for r in rows if r.reason]
    cols = ["source", "kind", "feed", "last_run", "feed_status", "entries", "new", "last_success", "last_new_article",
            "failures_in_a_row", "errors", "health"]
    _print_rows(cols, [r.row() for r in rows], format, title="sources")
    if unhealthy and rows:
        raise typer.Exit(EXIT_UNHEALTHY)


CHECK_HELP = (
    "Probe every enabled source's feeds now (named sources even when disabled): robots.txt, HTTP status, "
    "redirects, parsing, entries, newest entry, and whether sampled articles extract.\n\n"
    "Verdict per feed: ok; dead (connection or HTTP error); moved (permanent redirect: update the URL); "
    "robots (robots.txt disallows it, not fetched); malformed (not a feed, hostile XML, larger than max_bytes); "
    "empty; stale (newest entry older than --stale-days); no_articles (no sampled article extracted).\n\n"
    "Exit status: 0 when every probed feed is ok; 3 when at least one is not; "
    "2 for an invalid config, an unknown --source or a bad option.")


def _feed_check_table(columns: list[str], rows: list[list]) -> None:
    """Ten columns do not fit 80: the short ones in a table, then each feed's URL, robots.txt answer
    and detail on lines of their own (URLs and error messages are never cut)."""
    short = ["source", "verdict", "kind", "status", "entries", "newest", "articles"]
    at = {c: i for i, c in enumerate(columns)}
    out.print(_table("feed check", ["source", "verdict", "kind", "http", "entries", "newest UTC", "articles"],
                     [[r[at[c]] for c in short] for r in rows], wrap={"source"}))
    for r in rows:
        line = Text(f"{r[at['source']]}: ", style="bold")
        line.append(terminal_safe(str(r[at["feed"]])))
        line.append(f"  robots: {r[at['robots']] or '-'}")
        if r[at["detail"]]:
            line.append(f"  {terminal_safe(str(r[at['detail']]))}")
        out.print(line, soft_wrap=True)


@sources_app.command("check", help=CHECK_HELP)
def sources_check(
        config: ConfigOpt = None,
        source: Annotated[Optional[list[str]], typer.Option("--source", "-s", help="only these sources (disabled ones too)")] = None,
        sample: Annotated[int, typer.Option("--sample", min=0, help="newest articles per feed to fetch and extract (0: none)")] = 2,
        stale_days: Annotated[Optional[float], typer.Option("--stale-days", min=0, help="a feed whose newest entry is older is stale (default: \\[health] silent_days)")] = None,
        format: Annotated[str, typer.Option("--format", "-f", help="table | json | csv")] = "table") -> None:
    """Probe the configured feeds now; see CHECK_HELP."""
    from newsmon.crawlers.check import COLUMNS, check_sources

    _check_format(format)
    cfg = _cfg(config, None)
    try:
        results = check_sources(cfg, source or None, sample=sample,
                                stale_days=cfg.health.silent_days if stale_days is None else stale_days)
    except KeyError as exc:
        _error("error", f"unknown source(s): {exc.args[0]}")
        raise typer.Exit(EXIT_CONFIG) from exc
    if format == "table":
        _feed_check_table(COLUMNS, [r.row() for r in results])
    else:
        _print_rows(COLUMNS, [r.row() for r in results], format)
    bad = [r for r in results if r.verdict != "ok"]
    console.print(Text(f"{len(results)} feed(s) probed: {len(results) - len(bad)} ok, {len(bad)} not ok"
                       + (" (" + ", ".join(f"{r.source}: {r.verdict}" for r in bad) + ")" if bad else "")),
                  soft_wrap=True)
    if bad:
        raise typer.Exit(EXIT_FEEDS_NOT_OK)


@app.command()
def events(config: ConfigOpt = None, db: DbOpt = None, date: DateOpt = None,
           format: Annotated[str, typer.Option("--format", "-f", help="table | csv | json")] = "table") -> None:
    """Events first seen on a date, with their outlets, languages and countries."""
    from newsmon.warehouse.db import connect
    from newsmon.warehouse.queries import events_of_date

    _check_format(format)
    cfg = _cfg(config, db)
    d = _guard(parse_date, date)
    con = _guard(connect, cfg.storage.db, read_only=True)
    try:
        cols, rows = _guard(events_of_date, con, d)
    finally:
        con.close()
    if format == "table":
        # 80 columns: the title wraps, lists are joined, short headers.
        short = {"event_id": "id", "articles": "arts", "outlets": "outl", "languages": "lang",
                 "countries": "countries", "first_seen": "first seen UTC"}
        cols = [short.get(c, c) for c in cols]
    _print_rows(cols, rows, format, title=f"events {d}", wrap={"title", "sources", "countries"})


@app.command()
def alerts(config: ConfigOpt = None, db: DbOpt = None,
           date: Annotated[Optional[str], typer.Option("--date", "-d", help="only alerts of this logical date YYYY-MM-DD")] = None,
           status: Annotated[Optional[str], typer.Option("--status", "-s", help="pending | sending | sent | failed | unknown")] = None,
           format: Annotated[str, typer.Option("--format", "-f", help="table | csv | json")] = "table") -> None:
    """Alerts that fired, with delivery status per channel."""
    from newsmon.warehouse.db import connect
    from newsmon.warehouse.queries import ALERT_STATUSES, alerts_list

    _check_format(format)
    if status is not None and status not in ALERT_STATUSES:
        _error("error", f"--status must be one of {', '.join(ALERT_STATUSES)}, got {status[:20]!r}")
        raise typer.Exit(EXIT_CONFIG)
    cfg = _cfg(config, db)
    d = _guard(parse_date, date) if date else None
    con = _guard(connect, cfg.storage.db, read_only=True)
    try:
        cols, rows = _guard(alerts_list, con, d, status)
    finally:
        con.close()
    title = "alerts" + (f" {d}" if d else "") + (f" ({status})" if status else "")
    if format == "table":
        # 80 columns: the essentials, the title and the error wrap (csv/json carry every column).
        keep = ["alert_id", "rule", "event_id", "channel", "status", "attempts", "logical_date", "title", "last_error"]
        idx = [cols.index(c) for c in keep]
        rows = [[r[i] for i in idx] for r in rows]
        cols = ["id", "rule", "event", "channel", "status", "tries", "date", "title", "last_error"]
    _print_rows(cols, rows, format, title=title, wrap={"title", "last_error"})


@app.command("eval-dedupe")
def eval_dedupe(paths: Annotated[list[Path], typer.Argument(help="labelled JSONL files")],
                config: ConfigOpt = None,
                baseline: Annotated[bool, typer.Option(help="also score the plain MiniLM threshold baseline")] = True) -> None:
    """Score the dedupe on a labelled set: pairwise and B-cubed P/R/F1, cross-language recall, near-miss precision."""
    from newsmon.dedupe.evaluate import evaluate_files

    cfg = _cfg(config, None)
    try:
        report = evaluate_files(paths, cfg, baseline=baseline)
    except (ValueError, OSError) as exc:
        console.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    sys.stdout.write(report + "\n")


@app.command()
def extract(sources_: Annotated[list[str], typer.Argument(metavar="SOURCE...", help="HTML files (.html, .html.gz), file:// or http(s) URLs")],
            url: Annotated[Optional[str], typer.Option("--url", help="page URL for a local file (resolves links, guesses zone)")] = None,
            tz: Annotated[Optional[str], typer.Option("--tz", help="time zone for dates printed without offset")] = None,
            format: Annotated[str, typer.Option("--format", "-f", help="json | jsonl | text")] = "json",
            max_bytes: Annotated[Optional[int], typer.Option("--max-bytes", min=1,
                                                             help="size cap per input (default: [crawl].max_bytes)")] = None,
            config: ConfigOpt = None) -> None:
    """Run the spiders' extraction on local files or URLs. A bad input gives an error record; the rest go on."""
    from newsmon.extract_cmd import extract_many, limit_from_config

    _check_format(format, ("json", "jsonl", "text"))
    limit = max_bytes or limit_from_config(config)
    failures = 0
    for rec in extract_many(sources_, url=url, tz=tz, max_bytes=limit, config=config):
        failures += "error" in rec
        if format == "jsonl":
            sys.stdout.write(json.dumps(rec, ensure_ascii=False).translate(_JSON_ESCAPES) + "\n")
        elif format == "text":
            if "error" in rec:
                sys.stdout.write(terminal_safe(f"# {rec['input']}\nERROR {rec['error']}: {rec.get('message', '')}") + "\n\n")
            else:
                sys.stdout.write(terminal_safe(
                    f"# {rec['title']}\n{rec['published_at']} ({rec['date_method']}) {', '.join(rec['authors'])} [{rec['language']}]\n"
                    f"{rec['canonical_url']}\n\n{rec['text']}") + "\n\n")
        else:
            sys.stdout.write(json_text(rec) + "\n")
    if failures == len(sources_):
        raise typer.Exit(EXIT_FAILED)


_JSON_ESCAPES = {c: f"\\u{c:04x}" for c in [*range(0x7f, 0xa0), 0x2028, 0x2029, 0x200e, 0x200f, *range(0x202a, 0x202f),
                                               *range(0x2066, 0x206a)]}


# --- Digest, web view and storylines (issue 12) --------------------------------------------------

def _busy_exit(exc: BaseException) -> None:
    console.print(f"[yellow]database busy:[/yellow] {exc}")
    raise typer.Exit(75) from exc


def _query_embedder(cfg: Config):
    """The search query's vector: the multilingual model the dedupe step stores (same choice of model;
    a Kazakh or Uzbek query in the script the model reads best, as the articles are)."""
    from newsmon.core.language import query_language
    from newsmon.core.scripts import for_the_model
    from newsmon.dedupe.storylines import vector_embedder

    emb = vector_embedder(cfg)

    def embed(text: str) -> tuple[str, list[float]]:
        return emb.name, [float(x) for x in emb.encode([for_the_model(text, query_language(text))])[0]]

    return embed


@app.command()
def digest(config: ConfigOpt = None, db: DbOpt = None, date: DateOpt = None,
           out_file: Annotated[Optional[Path], typer.Option("--out", "-o", help="write the HTML here (.txt: the plain-text part); default data/digests/digest-DATE.html beside the database")] = None,
           send: Annotated[bool, typer.Option("--send", help="deliver through the alert channels, once per date and channel")] = False,
           text: Annotated[bool, typer.Option("--text", help="also print the plain-text part")] = False) -> None:
    """The daily digest: the date's events by country and coverage, a 14-day chart; HTML + plain text."""
    from newsmon.warehouse.db import DatabaseBusy
    from newsmon.web.db import Updating
    from newsmon.web.digest import run_digest

    cfg = _cfg(config, db)
    d = _guard(parse_date, date)
    target = out_file or Path(cfg.storage.db).parent / "digests" / f"digest-{d}.html"
    try:
        res = _guard(run_digest, cfg, d, send=send, out=target)
    except (Updating, DatabaseBusy) as exc:
        _busy_exit(exc)
    console.print(f"digest {d}: {res['events']} events ({res['new_events']} new), {res['articles']} articles; "
                  f"written to {res['out']}")
    if send:
        console.print(f"sent: {', '.join(res['sent']) or '-'}; already sent before: {', '.join(res['already_sent']) or '-'}"
                      + (f"; failed: {res['failed']}" if res["failed"] else ""))
    if text:
        sys.stdout.write(Path(res["out_text"]).read_text(encoding="utf-8"))
    if send and res["failed"]:
        raise typer.Exit(1)


@app.command()
def serve(config: ConfigOpt = None, db: DbOpt = None,
          host: Annotated[str, typer.Option(help="address to bind (default: this machine only)")] = "127.0.0.1",
          port: Annotated[int, typer.Option(min=1, max=65535)] = 8000,
          semantic: Annotated[bool, typer.Option(help="embed search queries with the multilingual model")] = True) -> None:
    """Read-only web view: Today (digest + date picker), event pages, search (HTML and JSON), sources."""
    import threading

    from newsmon.web.app import serve as serve_app

    cfg = _cfg(config, db)
    embed = _query_embedder(cfg) if semantic else None
    if embed is not None:  # load the model now, not on the first search
        threading.Thread(target=lambda: embed("warm-up"), daemon=True).start()
    console.print(f"newsmon web view on http://{host}:{port}/ (database {cfg.storage.db}, read-only)")
    serve_app(cfg, host=host, port=port, embed_query=embed)


@app.command()
def storylines(config: ConfigOpt = None, db: DbOpt = None, date: DateOpt = None,
               format: Annotated[str, typer.Option("--format", "-f", help="table | csv | json")] = "table",
               list_only: Annotated[bool, typer.Option("--list", help="only list storylines, link nothing")] = False) -> None:
    """Link events across days into storylines (new events only), then list storylines of 2+ events."""
    from newsmon.dedupe.storylines import run_storylines
    from newsmon.warehouse.db import DatabaseBusy, connect

    if format not in ("table", "csv", "json"):
        console.print("[red]error:[/red] --format must be table, csv or json")
        raise typer.Exit(2)
    cfg = _cfg(config, db)
    d = _guard(parse_date, date)
    try:
        con = _guard(connect, cfg.storage.db, read_only=list_only)
    except DatabaseBusy as exc:
        _busy_exit(exc)
    try:
        if not list_only:
            res = _guard(run_storylines, con, cfg, d)
            console.print(res.describe())
        cur = con.execute("""
            SELECT s.storyline_id, s.title, s.event_count AS events, strftime(s.first_seen, '%Y-%m-%d') AS first_seen,
                   strftime(s.last_seen, '%Y-%m-%d') AS last_seen,
                   string_agg(strftime(e.first_seen, '%m-%d') || ' ' || e.title, ' | ' ORDER BY e.first_seen) AS timeline
            FROM storylines s JOIN storyline_events se USING (storyline_id) JOIN events e USING (event_id)
            WHERE s.event_count > 1 GROUP BY ALL ORDER BY last_seen DESC, s.storyline_id""")
        _print_rows([c[0] for c in cur.description], cur.fetchall(), format, title="storylines")
    finally:
        con.close()


@app.command("eval-storylines")
def eval_storylines(paths: Annotated[list[Path], typer.Argument(help="labelled JSONL files, or a folder with dev.jsonl / test.jsonl")],
                    config: ConfigOpt = None) -> None:
    """Score storyline linking on a labelled set: pairwise P/R/F1 over events, per file (dev and test apart)."""
    from newsmon.dedupe.storylines import evaluate_storylines

    cfg = _cfg(config, None)
    try:
        report = evaluate_storylines(paths, cfg)
    except (ValueError, OSError) as exc:
        console.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    sys.stdout.write(report + "\n")


if __name__ == "__main__":
    app()
