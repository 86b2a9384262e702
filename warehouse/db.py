"""Connections. DuckDB allows one read-write process or many read-only ones: a second
writer (or a reader during a write) gets DatabaseBusy with a clear message, never a
corrupted file."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb


class DatabaseBusy(RuntimeError):
    pass


def _is_lock_error(exc: Exception) -> bool:
    msg = str(exc).lower()
    return ("lock" in msg or "conflicting" in msg or "being used by another" in msg
            or "different configuration" in msg)  # same process: a writer is open


def connect(path: Path | str, read_only: bool = False, wait: float = 10.0) -> duckdb.DuckDBPyConnection:
    """Open the database; wait up to ``wait`` seconds for another process's lock."""
    path = Path(path)
    if read_only and not path.exists():
        raise FileNotFoundError(f"database {path} does not exist yet: run `newsmon run` or `newsmon load` first")
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + wait
    delay = 0.1
    while True:
        try:
            con = duckdb.connect(str(path), read_only=read_only)
            break
        except (duckdb.IOException, duckdb.ConnectionException) as exc:
            if not _is_lock_error(exc):
                raise
            if time.monotonic() >= deadline:
                raise DatabaseBusy(
                    f"database {path} is busy (another newsmon step is writing it); retry in a moment"
                ) from exc
            time.sleep(delay)
            delay = min(delay * 2, 1.0)
    if not read_only:
        from newsmon.warehouse.migrations import migrate

        migrate(con)
    return con


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """All or nothing: an exception rolls the whole block back."""
    con.execute("BEGIN TRANSACTION")
    try:
        yield con
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")
