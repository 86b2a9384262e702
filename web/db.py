"""Read-only access to the warehouse for the web view and the digest.

DuckDB lets one process write or many read, never both: a reader that kept the file open
would lock the pipeline out. So every request opens the file read-only, reads, and closes it
at once; while a pipeline step holds the write lock the open is retried for a moment, then the
caller serves the last rendered snapshot of the page or an "updating" page.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from newsmon.warehouse.db import DatabaseBusy, connect


class Updating(RuntimeError):
    """A pipeline step is writing the warehouse right now (or it does not exist yet)."""

    def __init__(self, message: str, missing: bool = False):
        super().__init__(message)
        self.missing = missing


def db_version(path: Path | str) -> tuple[float, float]:
    """Changes whenever a writer changed the file (the database or its write-ahead log)."""
    p = Path(path)
    out = []
    for f in (p, p.with_name(p.name + ".wal")):
        try:
            out.append(f.stat().st_mtime)
        except OSError:
            out.append(0.0)
    return out[0], out[1]


@contextmanager
def read_only(path: Path | str, wait: float = 2.0) -> Iterator[duckdb.DuckDBPyConnection]:
    """A short-lived read-only connection; Updating when the file is locked or absent."""
    try:
        con = connect(path, read_only=True, wait=wait)
    except FileNotFoundError as exc:
        raise Updating("the warehouse does not exist yet: run `newsmon run` first", missing=True) from exc
    except DatabaseBusy as exc:
        raise Updating("the pipeline is writing the warehouse right now") from exc
    try:
        yield con
    finally:
        con.close()


def has_table(con, name: str) -> bool:
    """Older warehouses (opened read-only, so never migrated here) may lack newer tables."""
    return bool(con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [name]).fetchone()[0])
