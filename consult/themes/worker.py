"""Run theme work in the background: inline (tests), in a thread, or as an RQ job.

One mechanism for every job: ``ANALYSIS_SYNC`` runs it inline (tests), ``REDIS_URL`` puts
it on the RQ queue (``flask worker`` runs it, on any machine), and otherwise it runs in a
thread of this process. Analysis runs get a thread each (they take minutes); the placement
of new contributions (``place_arrivals``) shares one job thread per process, which takes
whatever has arrived meanwhile in one go. Threads start on first use, in the process that
serves the request: never in a gunicorn master before it forks (see gunicorn.conf.py).
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from flask import Flask, current_app

from consult.db import db, utcnow
from consult.themes import services
from consult.themes.models import AnalysisRun
from consult.themes.services import execute_run

QUEUE = "consult-analysis"
JOB_TIMEOUT = 4 * 3600
ARRIVAL_TIMEOUT = 600
log = logging.getLogger(__name__)


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
        thread = threading.Thread(target=_in_app_context, args=(app, execute_run, run_id),
                                  name=f"analysis-{run_id}", daemon=True)
        thread.start()


def place_arrivals(app: Flask, submission_ids: list[int]) -> None:
    """Queue the placement of new contributions in the current themes; returns at once.

    ANALYSIS_SYNC places them now, in an app context (and database session) of its own;
    REDIS_URL enqueues an RQ job; otherwise the process's job thread takes them.
    """
    if app.config.get("ANALYSIS_SYNC"):
        _in_app_context(app, arrival_job, submission_ids)
    elif app.config.get("REDIS_URL"):
        queue(app.config["REDIS_URL"]).enqueue(
            "consult.themes.worker.rq_arrival_job", submission_ids, job_timeout=ARRIVAL_TIMEOUT)
    else:
        _arrivals.add(app, submission_ids)


def on_submitted(sender, *, submission_ids: list[int], **_) -> None:
    """Receiver of ``submissions.signals.submitted`` (connected in ``consult.themes``)."""
    try:
        place_arrivals(current_app._get_current_object(), submission_ids)
    except Exception:  # noqa: BLE001  (e.g. Redis down: the contributions are stored already)
        log.exception("could not queue the placement of submissions %s", submission_ids[:20])


def arrival_job(submission_ids: list[int]) -> None:
    """Place contributions in the current themes and commit; a failure is logged, not raised.

    The contributions were committed before this job was queued: a failure here costs only
    their placement, which the next analysis run makes anyway.
    """
    try:
        services.place_arrivals(submission_ids, now=utcnow())
        db.session.commit()
    except Exception:  # noqa: BLE001  (the participants' input is safe; themes can wait)
        db.session.rollback()
        log.exception("placing submissions %s in the themes failed", submission_ids[:20])


class _ArrivalLane:
    """One job thread per process; ids that arrive while it is busy go in its next batch."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pending: dict[Flask, list[int]] = {}
        self._executor: ThreadPoolExecutor | None = None
        self._pid = 0

    def add(self, app: Flask, submission_ids: list[int]) -> None:
        with self._lock:
            if self._pid != os.getpid():  # first use in this process (or a forked copy)
                self._executor, self._pid, self._pending = None, os.getpid(), {}
                self._executor = ThreadPoolExecutor(1, thread_name_prefix="consult-jobs")
            batch = self._pending.setdefault(app, [])
            batch.extend(submission_ids)
            if len(batch) == len(submission_ids):  # no batch was waiting: schedule one
                self._executor.submit(self._run, app)

    def _run(self, app: Flask) -> None:
        with self._lock:
            ids = self._pending.pop(app, [])
        if ids:
            _in_app_context(app, arrival_job, ids)


_arrivals = _ArrivalLane()


def queue(redis_url: str):
    """The RQ queue analysis jobs go to."""
    from redis import Redis
    from rq import Queue

    return Queue(QUEUE, connection=Redis.from_url(redis_url))


def _in_app_context(app: Flask, job: Callable[..., None], *args) -> None:
    """Run a job in an app context, and so a database session, of its own."""
    with app.app_context():
        try:
            job(*args)
        finally:
            db.session.remove()


def rq_job(run_id: int) -> None:
    """Entry point of an RQ job: build the app from the environment and run."""
    _rq_app_context(execute_run, run_id)


def rq_arrival_job(submission_ids: list[int]) -> None:
    """Entry point of the RQ job that places new contributions."""
    _rq_app_context(arrival_job, submission_ids)


def _rq_app_context(job: Callable[..., None], *args) -> None:
    from consult import create_app

    with create_app().app_context():
        job(*args)
