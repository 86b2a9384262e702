"""``newsmon sql``: read-only SQL that is read-only.

Two independent locks, so one mistake does not open the warehouse:

1. **Statement check** (``check_read_only``): the text must be exactly one statement
   (``duckdb.extract_statements``) of a read type — SELECT / WITH / FROM / VALUES / DESCRIBE / SHOW /
   SUMMARIZE (all parse as SELECT), EXPLAIN of a SELECT (not ``EXPLAIN ANALYZE`` of anything
   else: that would run it), or a PRAGMA from a read-only list. ATTACH, DETACH, COPY, EXPORT,
   INSTALL, LOAD, SET/RESET/USE, CALL (CHECKPOINT), PREPARE/EXECUTE, CREATE, INSERT, UPDATE,
   DELETE, … are refused before the database is opened.
2. **The connection** (``open_read_only``): ``read_only=True``, ``enable_external_access=false``
   (no file, network or extension access: ``read_text('/proc/self/environ')``, ``read_csv``,
   ``glob``, ``COPY … TO``, ``INSTALL httpfs`` all fail) and ``lock_configuration=true`` (no SET can
   undo that).

``--write`` (the owner's escape hatch) skips both and opens the warehouse read-write.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import duckdb

from newsmon.warehouse.db import DatabaseBusy, _is_lock_error

READ_ONLY_PRAGMAS = frozenset({
    "table_info", "show", "show_tables", "show_tables_expanded", "show_databases", "database_list",
    "database_size", "storage_info", "version", "platform", "functions", "collations", "metadata_info",
    "user_agent", "pragma_version",
})
READ_ONLY_CONFIG = {"enable_external_access": False, "lock_configuration": True}


class NotReadOnly(ValueError):
    """The SQL is not one read-only statement; the message says why."""


def _explained(query: str) -> str:
    """The statement an EXPLAIN [ANALYZE] [(options)] wraps."""
    m = re.match(r"(?is)\s*EXPLAIN\b\s*(?:ANALY[SZ]E\b\s*)?(?:\((?:[^()]|\([^()]*\))*\)\s*)?", query)
    return query[m.end():] if m else query


def check_read_only(sql: str) -> str:
    """Return the single read-only statement in ``sql``, or raise NotReadOnly."""
    try:
        statements = duckdb.extract_statements(sql)
    except duckdb.Error as exc:
        raise NotReadOnly(" ".join(str(exc).split())) from None
    if len(statements) != 1:
        raise NotReadOnly(f"exactly one statement please (got {len(statements)}): use --write for scripts")
    st = statements[0]
    kind = st.type
    T = duckdb.StatementType
    if kind == T.SELECT:
        return st.query
    if kind == T.EXPLAIN:
        inner = _explained(st.query)
        try:
            inner_st = duckdb.extract_statements(inner)
        except duckdb.Error as exc:
            raise NotReadOnly(" ".join(str(exc).split())) from None
        if len(inner_st) == 1 and inner_st[0].type == T.SELECT:
            return st.query
        raise NotReadOnly("EXPLAIN only of a SELECT (EXPLAIN ANALYZE runs the statement)")
    if kind == T.PRAGMA:
        m = re.match(r"(?is)\s*PRAGMA\s+([a-z_]+)\s*(\(|$|;)", st.query)
        if m and m.group(1).lower() in READ_ONLY_PRAGMAS:
            return st.query
        raise NotReadOnly(f"PRAGMA {(m.group(1) if m else '?')!s} is not a read-only PRAGMA "
                          f"(allowed: {', '.join(sorted(READ_ONLY_PRAGMAS))})")
    name = str(kind).rsplit(".", 1)[-1]
    raise NotReadOnly(f"{name} statements are not allowed: newsmon sql is read-only "
                      "(SELECT, WITH, EXPLAIN, DESCRIBE, SHOW, read-only PRAGMA); the owner may use --write")


def open_read_only(path: Path | str, wait: float = 5.0) -> duckdb.DuckDBPyConnection:
    """A read-only connection without external access and with its configuration locked."""
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"database {path} does not exist yet: run `newsmon run` or `newsmon load` first")
    deadline = time.monotonic() + wait
    delay = 0.1
    while True:
        try:
            return duckdb.connect(str(path), read_only=True, config=dict(READ_ONLY_CONFIG))
        except (duckdb.IOException, duckdb.ConnectionException) as exc:
            if not _is_lock_error(exc):
                raise
            if time.monotonic() >= deadline:
                raise DatabaseBusy(f"database {path} is busy (another newsmon step is writing it); retry in a moment") from exc
            time.sleep(delay)
            delay = min(delay * 2, 1.0)


def run_query(path: Path | str, sql: str, write: bool = False, wait: float = 5.0) -> tuple[list[str] | None, list[tuple]]:
    """(column names or None for statements without a result, rows)."""
    if write:
        from newsmon.warehouse.db import connect

        con = connect(path, read_only=False, wait=wait)
    else:
        sql = check_read_only(sql)
        con = open_read_only(path, wait=wait)
    try:
        cur = con.execute(sql)
        if cur.description is None:
            return None, []
        return [c[0] for c in cur.description], cur.fetchall()
    finally:
        con.close()
