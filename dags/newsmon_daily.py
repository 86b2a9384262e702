"""Daily newsmon run: crawl → load → dedupe → alert for the run's logical date.

Thin by design: every task calls newsmon.orchestration.run_step, the same code as the CLI.
Tasks that write DuckDB run in the one-slot pool ``duckdb_writer`` (DuckDB allows a single
writer), so concurrent runs and backfills never write at the same time. Create the pool once:
``airflow pools set duckdb_writer 1 "DuckDB single writer"``.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from airflow.sdk import dag, get_current_context, task

WRITER_POOL = "duckdb_writer"
default_args = {
    "retries": 3,
    "retry_delay": timedelta(minutes=2),
    "retry_exponential_backoff": True,
    "max_retry_delay": timedelta(minutes=30),
}


def _ds() -> str:
    return get_current_context()["ds"]


@dag(dag_id="newsmon_daily", schedule="@daily", start_date=datetime(2026, 11, 1), catchup=False,
     max_active_runs=1, default_args=default_args, tags=["newsmon"],
     doc_md=__doc__)
def newsmon_daily():
    @task(execution_timeout=timedelta(hours=2))
    def crawl() -> dict:
        from newsmon.orchestration import run_step

        return run_step("crawl", _ds())

    @task(pool=WRITER_POOL)
    def load(_: dict) -> dict:
        from newsmon.orchestration import run_step

        return run_step("load", _ds())

    @task(pool=WRITER_POOL, execution_timeout=timedelta(hours=2))
    def dedupe(_: dict) -> dict:
        from newsmon.orchestration import run_step

        return run_step("dedupe", _ds())

    @task(pool=WRITER_POOL)
    def alert(_: dict) -> dict:
        from newsmon.orchestration import run_step

        return run_step("alert", _ds())

    alert(dedupe(load(crawl())))


newsmon_daily()
