"""Run confirmed imports in the background: inline (tests), in a thread, or as an RQ job."""

from __future__ import annotations

import threading
from pathlib import Path

from flask import Flask

from consult.db import db, utcnow
from consult.intake.import_job import run_import
from consult.intake.import_services import UploadStore

JOB_TIMEOUT = 3600


def upload_store(app: Flask) -> UploadStore:
    """Where uploads wait between the steps of an import and for its job."""
    directory = app.config.get("INTAKE_UPLOAD_DIR") or (
        Path(app.instance_path) / "intake-uploads")
    return UploadStore(Path(directory))


def dispatch(app: Flask, batch_id: int) -> None:
    """Start the import: IMPORT_SYNC inline, REDIS_URL on the queue, else in a thread."""
    if app.config.get("IMPORT_SYNC"):
        _run(app, batch_id)
    elif app.config.get("REDIS_URL"):
        # The analysis queue: the workers that run analyses already listen to it.
        from consult.themes.worker import queue

        queue(app.config["REDIS_URL"]).enqueue(
            "consult.intake.import_worker.rq_job", batch_id, job_timeout=JOB_TIMEOUT)
    else:
        thread = threading.Thread(target=_thread_main, args=(app, batch_id),
                                  name=f"import-{batch_id}", daemon=True)
        thread.start()


def _run(app: Flask, batch_id: int) -> None:
    run_import(batch_id, upload_store(app), now=utcnow())


def _thread_main(app: Flask, batch_id: int) -> None:
    with app.app_context():
        try:
            _run(app, batch_id)
        finally:
            db.session.remove()


def rq_job(batch_id: int) -> None:
    """Entry point of an RQ job: build the app from the environment and import."""
    from consult import create_app

    app = create_app()
    with app.app_context():
        _run(app, batch_id)
