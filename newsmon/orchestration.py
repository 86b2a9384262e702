"""What an orchestrator (the Airflow DAG) calls: one function per task, each for one logical date.

Each returns a small JSON-able summary (XCom carries ids, paths and counts, never article bodies).
The config is read from NEWSMON_CONFIG (else ./newsmon.toml). Credentials may come from Airflow
connections ``newsmon_smtp`` / ``newsmon_webhook``; they are mapped to the NEWSMON_* variables
the channels read.
"""

from __future__ import annotations

import os
from functools import lru_cache
from typing import Any

from newsmon import steps
from newsmon.core.config import Config, load_config


@lru_cache(maxsize=1)
def _cfg() -> Config:
    return load_config()


def export_airflow_connections() -> None:
    """Map the Airflow connections ``newsmon_smtp`` / ``newsmon_webhook`` to the NEWSMON_* variables the
    channels read. A connection that is not defined leaves the environment as it is; any other error
    (a secrets backend down, access denied) propagates: alerts must not go out half-configured silently."""
    try:
        from airflow.sdk import BaseHook
        from airflow.sdk.exceptions import AirflowNotFoundException
    except ImportError:
        return

    def get(conn_id: str):
        try:
            return BaseHook.get_connection(conn_id)
        except AirflowNotFoundException:  # not defined: env vars stay as they are
            return None

    smtp = get("newsmon_smtp")
    if smtp is not None:
        for env, value in (("NEWSMON_SMTP_HOST", smtp.host), ("NEWSMON_SMTP_PORT", smtp.port),
                           ("NEWSMON_SMTP_USER", smtp.login), ("NEWSMON_SMTP_PASSWORD", smtp.password)):
            if value:
                os.environ[env] = str(value)
    hook = get("newsmon_webhook")
    if hook is not None and hook.host:
        os.environ["NEWSMON_WEBHOOK_URL"] = hook.get_uri() if "://" not in hook.host else hook.host


def enabled_sources() -> list[str]:
    """One crawl task instance per enabled source."""
    return [s.name for s in _cfg().sources if s.enabled]


def crawl(logical_date: str, source: str) -> dict[str, Any]:
    res = steps.crawl(_cfg(), steps.parse_date(logical_date), sources=[source])
    s = res.per_source.get(source, {})
    return {"source": source, "run_id": res.run_id, "fetched": s.get("fetched", 0), "errors": s.get("errors", {})}


def load(logical_date: str, run_ids: list[str]) -> dict[str, Any]:
    r = steps.load(_cfg(), steps.parse_date(logical_date))
    return {"crawl_runs": sorted(run_ids), "runs_loaded": r.files_loaded, "articles_new": r.articles_new,
            "irrelevant": r.articles_irrelevant}


def plan_embedding(logical_date: str) -> list[str]:
    return steps.plan_embedding(_cfg(), steps.parse_date(logical_date))


def embed(batch: str) -> str:
    return steps.embed_batch(_cfg(), batch)


def dedupe(logical_date: str) -> dict[str, Any]:
    r = steps.dedupe(_cfg(), steps.parse_date(logical_date))
    return {"articles": r.articles, "joined": r.joined, "opened": r.opened, "vectors_loaded": r.vectors_loaded}


def storylines(logical_date: str) -> dict[str, Any]:
    return steps.storylines(_cfg(), steps.parse_date(logical_date)).as_dict()


def alert(logical_date: str) -> dict[str, Any]:
    export_airflow_connections()
    r = steps.alert(_cfg(), steps.parse_date(logical_date))
    if r.failed:
        # Failed deliveries stay in the alerts table and are retried by the next run;
        # they do not fail (and so do not block) the pipeline.
        print(f"alert delivery failures: {r.errors}")
    return {"created": r.created, "sent": r.sent, "failed": r.failed}


def digest(logical_date: str) -> dict[str, Any]:
    """Build the date's digest and deliver it once per date through the alert channels."""
    export_airflow_connections()
    return steps.digest(_cfg(), steps.parse_date(logical_date), send=True)
