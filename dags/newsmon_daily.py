"""Daily newsmon run for the run's logical date:
crawl (one task per source) → load → plan_embedding → embed (one task per batch) → dedupe → storylines → alert → digest.

Thin by design: every task calls one function of ``newsmon.orchestration``, the same steps as
the CLI. Where tasks run (CeleryExecutor, see docker/README.md):
- ``crawl`` and ``embed`` run on any worker (queue ``default``): they read the network or a
  Parquet batch and write files under the shared ``raw_dir``; one source failing or slow
  retries alone and delays nobody else.
- Every task that opens the DuckDB file runs on the queue ``warehouse``, served by the one worker
  that mounts it; those that write also take the one-slot pool ``duckdb_writer`` (DuckDB allows
  a single writer), so concurrent runs and backfills never write at the same time. Create the
  pool once: ``airflow pools set duckdb_writer 1 "DuckDB single writer"``.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from airflow.sdk import dag, get_current_context, task

WRITER_POOL = "duckdb_writer"
WAREHOUSE_QUEUE = "warehouse"  # workers beside the DuckDB file
default_args = {
    "retries": 3,
    "retry_delay": timedelta(minutes=2),
    "retry_exponential_backoff": True,
    "max_retry_delay": timedelta(minutes=30),
}


def _ds() -> str:
    return get_current_context()["ds"]


@dag(dag_id="newsmon_daily", schedule="@daily", start_date=datetime(2026, 11, 1), catchup=False,
     max_active_runs=1, default_args=default_args, tags=["newsmon"], doc_md=__doc__)
def newsmon_daily():
    @task
    def sources() -> list[str]:
        from newsmon import orchestration

        return orchestration.enabled_sources()

    @task(execution_timeout=timedelta(hours=1), max_active_tis_per_dagrun=8)
    def crawl(source: str) -> dict:
        from newsmon import orchestration

        return orchestration.crawl(_ds(), source)

    # all_done: the sources that did crawl are loaded even when another one failed for good.
    @task(pool=WRITER_POOL, queue=WAREHOUSE_QUEUE, trigger_rule="all_done")
    def load(crawls: list[dict]) -> dict:
        from newsmon import orchestration

        return orchestration.load(_ds(), [c["run_id"] for c in crawls if c])

    @task(queue=WAREHOUSE_QUEUE)
    def plan_embedding(loaded: dict) -> list[str]:
        from newsmon import orchestration

        return orchestration.plan_embedding(_ds())

    @task(execution_timeout=timedelta(hours=1))
    def embed(batch: str) -> str:
        from newsmon import orchestration

        return orchestration.embed(batch)

    # none_failed: with no batch to embed the mapped task is skipped, and dedupe still runs.
    @task(pool=WRITER_POOL, queue=WAREHOUSE_QUEUE, trigger_rule="none_failed", execution_timeout=timedelta(hours=2))
    def dedupe() -> dict:
        from newsmon import orchestration

        return orchestration.dedupe(_ds())

    @task(pool=WRITER_POOL, queue=WAREHOUSE_QUEUE)
    def storylines() -> dict:
        from newsmon import orchestration

        return orchestration.storylines(_ds())

    @task(pool=WRITER_POOL, queue=WAREHOUSE_QUEUE)
    def alert() -> dict:
        from newsmon import orchestration

        return orchestration.alert(_ds())

    # The digest reads the warehouse and records what it sent: beside the file, in the writer pool.
    @task(pool=WRITER_POOL, queue=WAREHOUSE_QUEUE)
    def digest() -> dict:
        from newsmon import orchestration

        return orchestration.digest(_ds())

    vectors = embed.expand(batch=plan_embedding(load(crawl.expand(source=sources()))))
    vectors >> dedupe() >> storylines() >> alert() >> digest()


newsmon_daily()
