"""DuckDB warehouse: schema migrations, connections, loading crawl output."""

from newsmon.warehouse.db import DatabaseBusy, connect

__all__ = ["DatabaseBusy", "connect"]
