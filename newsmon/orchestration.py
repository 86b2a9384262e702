"""What an orchestrator (the Airflow DAG) calls: one step by name for one logical date.

Returns a small JSON-able summary (XCom carries counts, never article bodies). Credentials
may come from Airflow connections ``newsmon_smtp`` / ``newsmon_webhook``; they are mapped to
the NEWSMON_* environment variables the channels read.
"""

from __future__ import annotations

import os
from typing import Any

from newsmon import steps
from newsmon.core.config import load_config

STEPS = ("crawl", "load", "dedupe", "alert")


def export_airflow_connections() -> None:
    try:
        from airflow.sdk import BaseHook
    except ImportError:
        return
    try:
        smtp = BaseHook.get_connection("newsmon_smtp")
    except Exception:  # connection not defined: env vars stay as they are
        smtp = None
    if smtp is not None:
        for env, value in (("NEWSMON_SMTP_HOST", smtp.host), ("NEWSMON_SMTP_PORT", smtp.port),
                           ("NEWSMON_SMTP_USER", smtp.login), ("NEWSMON_SMTP_PASSWORD", smtp.password)):
            if value:
                os.environ[env] = str(value)
    try:
        hook = BaseHook.get_connection("newsmon_webhook")
        if hook.host:
            os.environ["NEWSMON_WEBHOOK_URL"] = hook.get_uri() if "://" not in hook.host else hook.host
    except Exception:
        pass


def run_step(step: str, logical_date: str) -> dict[str, Any]:
    if step not in STEPS:
        raise ValueError(f"unknown step {step!r}")
    cfg = load_config()
    d = steps.parse_date(logical_date)
    if step == "crawl":
        res = steps.crawl(cfg, d)
        return {"run_id": res.run_id, "sources": len(res.per_source),
                "fetched": sum(s["fetched"] for s in res.per_source.values())}
    if step == "load":
        r = steps.load(cfg, d)
        return {"runs_loaded": r.files_loaded, "articles_new": r.articles_new, "irrelevant": r.articles_irrelevant}
    if step == "dedupe":
        r = steps.dedupe(cfg, d)
        return {"articles": r.articles, "joined": r.joined, "opened": r.opened}
    export_airflow_connections()
    r = steps.alert(cfg, d)
    if r.failed:
        # Failed deliveries stay in the alerts table and are retried by the next run;
        # they do not fail (and so do not block) the pipeline.
        print(f"alert delivery failures: {r.errors}")
    return {"created": r.created, "sent": r.sent, "failed": r.failed}
