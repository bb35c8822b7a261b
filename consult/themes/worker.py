"""Run analyses in the background: inline (tests), in a thread, or as an RQ job."""

from __future__ import annotations

import threading

from flask import Flask

from consult.db import db
from consult.themes.models import AnalysisRun
from consult.themes.services import execute_run

QUEUE = "consult-analysis"
JOB_TIMEOUT = 4 * 3600


def dispatch(app: Flask, run_id: int) -> None:
    """Start the run: ANALYSIS_SYNC inline, REDIS_URL on the queue, else in a thread."""
    if app.config.get("ANALYSIS_SYNC"):
        execute_run(run_id)
    elif app.config.get("REDIS_URL"):
        job = queue(app.config["REDIS_URL"]).enqueue(
            "consult.themes.worker.rq_job", run_id, job_timeout=JOB_TIMEOUT)
        run = db.session.get(AnalysisRun, run_id)
        run.job_id = job.id
        db.session.commit()
    else:
        thread = threading.Thread(target=_thread_main, args=(app, run_id),
                                  name=f"analysis-{run_id}", daemon=True)
        thread.start()


def queue(redis_url: str):
    """The RQ queue analysis jobs go to."""
    from redis import Redis
    from rq import Queue

    return Queue(QUEUE, connection=Redis.from_url(redis_url))


def _thread_main(app: Flask, run_id: int) -> None:
    with app.app_context():
        try:
            execute_run(run_id)
        finally:
            db.session.remove()


def rq_job(run_id: int) -> None:
    """Entry point of an RQ job: build the app from the environment and run."""
    from consult import create_app

    app = create_app()
    with app.app_context():
        execute_run(run_id)
