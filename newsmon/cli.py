"""The ``newsmon`` command: every pipeline step, without Airflow."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path
from typing import Annotated, Any, Optional

import typer
from rich.console import Console
from rich.table import Table

from newsmon.core.config import Config, ConfigError, load_config
from newsmon.steps import StepError, parse_date

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Central Asia news monitoring: crawl, load, dedupe, alert.")
console = Console(stderr=True)
out = Console()

ConfigOpt = Annotated[Optional[Path], typer.Option("--config", "-c", help="config file (default: $NEWSMON_CONFIG or ./newsmon.toml)")]
DbOpt = Annotated[Optional[Path], typer.Option("--db", help="DuckDB file (default: [storage].db)")]
DateOpt = Annotated[Optional[str], typer.Option("--date", "-d", help="logical date YYYY-MM-DD (default: today, UTC)")]
EXIT_BUSY = 75


@app.callback()
def _setup() -> None:
    """Progress of long steps goes to stderr."""
    import logging

    logging.basicConfig(level=logging.INFO, format="  %(message)s", stream=sys.stderr)
    for noisy in ("sentence_transformers", "httpx", "urllib3", "filelock", "huggingface_hub", "transformers"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


def _cfg(config: Path | None, db: Path | None) -> Config:
    try:
        return load_config(config, db=db)
    except ConfigError as exc:
        console.print(f"[red]error:[/red] {exc}", markup=True, highlight=False)
        raise typer.Exit(2) from exc


def _guard(fn, *args, **kwargs):
    from newsmon.warehouse.db import DatabaseBusy

    try:
        return fn(*args, **kwargs)
    except DatabaseBusy as exc:
        console.print(f"[yellow]database busy:[/yellow] {exc}")
        raise typer.Exit(EXIT_BUSY) from exc
    except (StepError, FileNotFoundError) as exc:
        console.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(1) from exc


def _table(title: str, columns: list[str], rows: list[list[Any]]) -> Table:
    t = Table(title=title, show_lines=False)
    for c in columns:
        t.add_column(c, overflow="fold")
    for r in rows:
        t.add_row(*["" if v is None else str(v) for v in r])
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
    console.print(res.describe())


@app.command()
def run(config: ConfigOpt = None, db: DbOpt = None, date: DateOpt = None,
        source: Annotated[Optional[list[str]], typer.Option("--source", "-s")] = None,
        skip_crawl: Annotated[bool, typer.Option(help="only load/dedupe/alert what is already in raw_dir")] = False) -> None:
    """The daily job: crawl → load → dedupe → alert."""
    from newsmon import steps

    cfg = _cfg(config, db)
    d = _guard(parse_date, date)
    per_source: dict[str, Any] = {}
    if not skip_crawl:
        console.print(f"[bold]1/4 crawl[/bold] {len(cfg.sources)} sources for {d}")
        per_source = _guard(steps.crawl, cfg, d, source).per_source
    console.print("[bold]2/4 load[/bold]")
    res = _guard(steps.load, cfg, d)
    console.print(f"  {res.articles_new} new relevant articles, {res.articles_irrelevant} irrelevant")
    console.print("[bold]3/4 dedupe[/bold]")
    dd = _guard(steps.dedupe, cfg, d)
    console.print("  " + dd.describe())
    console.print("[bold]4/4 alert[/bold]")
    al = _guard(steps.alert, cfg, d)
    console.print("  " + al.describe())
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


def _print_rows(columns: list[str], rows: list[tuple], fmt: str, title: str = "") -> None:
    if fmt == "json":
        sys.stdout.write(json.dumps([dict(zip(columns, r)) for r in rows], ensure_ascii=False, default=str, indent=1) + "\n")
    elif fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf)
        w.writerow(columns)
        w.writerows(rows)
        sys.stdout.write(buf.getvalue())
    else:
        out.print(_table(title, columns, [list(r) for r in rows]))


@app.command()
def sql(query: str, config: ConfigOpt = None, db: DbOpt = None,
        format: Annotated[str, typer.Option("--format", "-f", help="table | csv | json")] = "table",
        write: Annotated[bool, typer.Option("--write", help="open read-write (default: read-only)")] = False) -> None:
    """Run SQL against the warehouse and print the result."""
    import duckdb

    from newsmon.warehouse.db import connect

    if format not in ("table", "csv", "json"):
        console.print("[red]error:[/red] --format must be table, csv or json")
        raise typer.Exit(2)
    cfg = _cfg(config, db)
    con = _guard(connect, cfg.storage.db, read_only=not write, wait=5)
    try:
        cur = con.execute(query)
        if cur.description is None:
            return
        cols = [c[0] for c in cur.description]
        _print_rows(cols, cur.fetchall(), format)
    except duckdb.Error as exc:
        console.print(f"[red]SQL error:[/red] {exc}")
        raise typer.Exit(1) from exc
    finally:
        con.close()


@app.command()
def sources(config: ConfigOpt = None, db: DbOpt = None,
            unhealthy: Annotated[bool, typer.Option("--unhealthy", help="only sources that need attention")] = False,
            format: Annotated[str, typer.Option("--format", "-f")] = "table") -> None:
    """Configured sources with last-run stats and health."""
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
        raise typer.Exit(3)


@app.command()
def events(config: ConfigOpt = None, db: DbOpt = None, date: DateOpt = None,
           format: Annotated[str, typer.Option("--format", "-f")] = "table") -> None:
    """Events first seen on a date, with their outlets and languages."""
    from newsmon.warehouse.db import connect

    cfg = _cfg(config, db)
    d = _guard(parse_date, date)
    con = _guard(connect, cfg.storage.db, read_only=True)
    try:
        cur = con.execute("""
            SELECT e.event_id, e.title, e.member_count AS articles, e.outlet_count AS outlets,
                   list_sort(list_distinct(list(a.source))) AS sources, e.languages, e.countries,
                   strftime(e.first_seen, '%Y-%m-%d %H:%M') AS first_seen
            FROM events e JOIN event_articles ea USING (event_id) JOIN articles a USING (article_id)
            WHERE CAST(e.first_seen AS DATE) = ? OR e.created_date = ?
            GROUP BY ALL ORDER BY outlets DESC, articles DESC, e.event_id""", [d, d])
        cols = [c[0] for c in cur.description]
        _print_rows(cols, cur.fetchall(), format, title=f"events {d}")
    finally:
        con.close()


@app.command()
def alerts(config: ConfigOpt = None, db: DbOpt = None,
           format: Annotated[str, typer.Option("--format", "-f")] = "table") -> None:
    """Alerts that fired, with delivery status per channel."""
    from newsmon.warehouse.db import connect

    cfg = _cfg(config, db)
    con = _guard(connect, cfg.storage.db, read_only=True)
    try:
        cur = con.execute("""SELECT a.alert_id, a.rule, a.event_id, e.title, a.channel, a.status, a.attempts,
                                    a.last_error, a.logical_date, a.created_at, a.sent_at
                             FROM alerts a LEFT JOIN events e USING (event_id) ORDER BY a.alert_id""")
        _print_rows([c[0] for c in cur.description], cur.fetchall(), format, title="alerts")
    finally:
        con.close()


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
def extract(sources_: Annotated[list[str], typer.Argument(metavar="SOURCE...", help="HTML files (.html, .html.gz) or http(s) URLs")],
            url: Annotated[Optional[str], typer.Option("--url", help="page URL for a local file (resolves links, guesses zone)")] = None,
            tz: Annotated[Optional[str], typer.Option("--tz", help="time zone for dates printed without offset")] = None,
            format: Annotated[str, typer.Option("--format", "-f", help="json | jsonl | text")] = "json") -> None:
    """Run the spiders' extraction on local files or URLs."""
    from newsmon.extract_cmd import extract_many

    failures = 0
    for rec in extract_many(sources_, url=url, tz=tz):
        failures += "error" in rec
        if format == "jsonl":
            sys.stdout.write(json.dumps(rec, ensure_ascii=False) + "\n")
        elif format == "text":
            if "error" in rec:
                sys.stdout.write(f"# {rec['source']}\nERROR {rec['error']}\n\n")
            else:
                sys.stdout.write(f"# {rec['title']}\n{rec['published_at']} ({rec['date_method']}) {', '.join(rec['authors'])} [{rec['language']}]\n"
                                 f"{rec['canonical_url']}\n\n{rec['text']}\n\n")
        else:
            sys.stdout.write(json.dumps(rec, ensure_ascii=False, indent=2) + "\n")
    if failures == len(sources_):
        raise typer.Exit(1)


if __name__ == "__main__":
    app()
