"""The Airflow DAG: integrity (parses, wiring, pools, no heavy imports) and a real
`airflow dags test` run against the fixture news web, twice for the same logical date."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.newsweb import NewsWeb
from tests.test_crawl_e2e import crawl_config

AIRFLOW = str(Path(sys.executable).with_name("airflow"))
pytestmark = pytest.mark.skipif(not Path(AIRFLOW).exists(), reason="apache-airflow not installed (pip install -e '.[airflow]')")

INSPECT = r"""
import json, sys, time
t = time.time()
from airflow.dag_processing.dagbag import DagBag
bag = DagBag(dag_folder=sys.argv[1])
dag = bag.dags["newsmon_daily"]
print(json.dumps({
    "errors": {k: str(v) for k, v in bag.import_errors.items()},
    "tasks": {t.task_id: sorted(t.upstream_task_ids) for t in dag.tasks},
    "pools": {t.task_id: t.pool for t in dag.tasks},
    "queues": {t.task_id: t.queue for t in dag.tasks},
    "mapped": sorted(t.task_id for t in dag.tasks if getattr(t, "is_mapped", False)),
    "retries": {t.task_id: t.retries for t in dag.tasks},
    "catchup": dag.catchup,
    "heavy": sorted(m for m in ("torch", "scrapy", "sentence_transformers", "duckdb", "trafilatura") if m in sys.modules),
}))
"""


def airflow_env(home: Path, **extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(AIRFLOW_HOME=str(home), AIRFLOW__CORE__DAGS_FOLDER=str(REPO / "dags"), AIRFLOW__CORE__LOAD_EXAMPLES="False",
               AIRFLOW__DATABASE__SQL_ALCHEMY_CONN=f"sqlite:///{home}/airflow.db", PYTHONPATH=str(REPO), **extra)
    return env


def test_dag_integrity(tmp_path):
    out = subprocess.run([sys.executable, "-c", INSPECT, str(REPO / "dags")], env=airflow_env(tmp_path),
                         capture_output=True, text=True, timeout=300, check=True)
    info = json.loads(out.stdout.strip().splitlines()[-1])
    assert info["errors"] == {}
    assert info["tasks"] == {"sources": [], "crawl": ["sources"], "load": ["crawl"], "plan_embedding": ["load"],
                             "embed": ["plan_embedding"], "dedupe": ["embed"], "storylines": ["dedupe"], "alert": ["storylines"],
                             "digest": ["alert"]}
    assert info["mapped"] == ["crawl", "embed"]  # one crawl per source, one embed per batch
    writers = {t for t, pool in info["pools"].items() if pool == "duckdb_writer"}
    assert writers == {"load", "dedupe", "storylines", "alert", "digest"}
    # Everything that opens the DuckDB file runs beside it; crawl and embed run on any worker.
    assert {t for t, q in info["queues"].items() if q == "warehouse"} == writers | {"plan_embedding"}
    assert all(r >= 2 for r in info["retries"].values())
    assert info["catchup"] is False
    assert info["heavy"] == []  # parsing the DAG file imports no heavy library


def test_dags_test_runs_the_pipeline_and_a_rerun_adds_nothing(tmp_path):
    home = tmp_path / "airflow"
    home.mkdir()
    work = tmp_path / "work"
    work.mkdir()
    with NewsWeb() as web:
        cfg = crawl_config(web, work)
        env = airflow_env(home, NEWSMON_CONFIG=str(cfg))
        subprocess.run([AIRFLOW, "db", "migrate"], env=env, cwd=work, check=True, capture_output=True, timeout=300)
        subprocess.run([AIRFLOW, "pools", "set", "duckdb_writer", "1", "DuckDB single writer"], env=env, cwd=work,
                       check=True, capture_output=True, timeout=120)

        def dags_test() -> subprocess.CompletedProcess:
            proc = subprocess.run([AIRFLOW, "dags", "test", "newsmon_daily", "2026-11-22"], env=env, cwd=work,
                                  capture_output=True, text=True, timeout=900)
            assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-4000:]
            assert "state=success" in proc.stdout + proc.stderr
            return proc

        def counts() -> dict:
            q = ("SELECT (SELECT count(*) FROM articles) articles, (SELECT count(*) FROM events) events, "
                 "(SELECT count(*) FROM event_articles) members, (SELECT count(*) FROM alerts) alerts, "
                 "(SELECT count(*) FROM alerts WHERE status = 'sent') sent")
            out = subprocess.run([sys.executable, "-m", "newsmon.cli", "sql", q, "-f", "json"], cwd=work, env=env,
                                 capture_output=True, text=True, check=True)
            return json.loads(out.stdout)[0]

        dags_test()
        first = counts()
        # One crawl task instance per enabled source, each successful on its own.
        import sqlite3

        meta = sqlite3.connect(home / "airflow.db")
        crawls = meta.execute("SELECT map_index, state FROM task_instance WHERE task_id = 'crawl'").fetchall()
        sources = [s for s in web.sources_toml().split("[[sources]]")[1:] if "enabled = false" not in s]
        assert len(crawls) == len(sources) and {st for _, st in crawls} == {"success"}
        embeds = meta.execute("SELECT count(*) FROM task_instance WHERE task_id = 'embed' AND state = 'success'").fetchone()
        assert embeds[0] >= 1
        meta.close()
        expected = [e for e in web.expected() if e.get("kind") == "article" and not e.get("fault") and not e.get("offsite")]
        assert first["articles"] == len(expected)
        assert first["members"] == sum(e["relevant"] for e in expected)
        assert first["alerts"] == first["sent"] > 0
        second = dags_test()
        assert counts() == first
        assert "ALERT [newsmon" not in second.stdout
