"""New input is placed in the current themes by a background job, never in the submit request.

The participant's submit stores, redacts, commits and answers; the ``submitted`` signal then
queues the placement: a job thread in this process by default, an RQ job with REDIS_URL.
"""

from __future__ import annotations

import re
import threading
import time

from flask import has_request_context
from sqlalchemy import select

from consult.db import db
from consult.submissions.models import Answer, Submission
from consult.themes import engine, worker
from consult.themes.models import AssignedBy, Assignment
from tests.themes.test_worker import REDIS_URL, _redis_or_skip

TEXT = "De wachtlijst voor een woning na de opvang is veel te lang."
JOB_TIMEOUT = 120  # seconds for a job thread on a busy machine


def _post_form(client, round_):
    """GET the public form and send it as a participant would, hidden fields included."""
    html = client.get(f"/r/{round_.slug}").text
    hidden = dict(re.findall(r'name="(started|form_token)" type="hidden" value="([^"]*)"', html))
    data = {**hidden, "group": "client", "consent_analysis": "y",
            f"answer_{round_.questions[0].id}": TEXT}
    return client.post(f"/r/{round_.slug}", data=data)


def _new_answer_id() -> int:
    return db.session.scalar(select(Answer.id).join(Submission).where(Answer.text == TEXT))


def _placement(answer_id: int) -> Assignment | None:
    db.session.expire_all()
    return db.session.scalar(select(Assignment).where(Assignment.answer_id == answer_id))


def _wait_for_placement(answer_id: int) -> Assignment | None:
    deadline = time.monotonic() + JOB_TIMEOUT
    while (placed := _placement(answer_id)) is None and time.monotonic() < deadline:
        time.sleep(0.1)
    return placed


def test_submit_answers_before_the_theme_engine_runs(app, client, analysed, monkeypatch):
    app.config.update(ANALYSIS_SYNC=False, REDIS_URL=None)  # the default: a job thread
    round_, run = analysed
    release, calls = threading.Event(), []
    real = engine.assign

    def gated(texts, **kwargs):  # the engine waits until the test has its response
        calls.append((has_request_context(), threading.current_thread().name))
        assert release.wait(JOB_TIMEOUT), "the engine was never released"
        return real(texts, **kwargs)

    monkeypatch.setattr(engine, "assign", gated)
    response = _post_form(client, round_)
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/r/{round_.slug}/ontvangen")
    answer_id = _new_answer_id()
    assert _placement(answer_id) is None  # answered while the engine still waits
    release.set()
    placed = _wait_for_placement(answer_id)
    assert placed is not None and placed.assigned_by is AssignedBy.ARRIVAL
    assert placed.run_id == run.id
    assert len(calls) == 1
    in_request, thread = calls[0]
    assert not in_request and thread.startswith("consult-jobs")


def test_a_failing_engine_loses_no_submission(app, client, analysed, monkeypatch, caplog):
    app.config.update(ANALYSIS_SYNC=False, REDIS_URL=None)
    round_, _ = analysed
    failed = threading.Event()

    def broken(texts, **kwargs):
        failed.set()
        raise RuntimeError("engine broke")

    monkeypatch.setattr(engine, "assign", broken)
    response = _post_form(client, round_)
    assert response.status_code == 302
    assert failed.wait(JOB_TIMEOUT), "the job never ran"
    deadline = time.monotonic() + JOB_TIMEOUT
    while "placing submissions" not in caplog.text and time.monotonic() < deadline:
        time.sleep(0.1)
    assert "placing submissions" in caplog.text  # logged, with the ids
    answer_id = _new_answer_id()
    assert answer_id is not None and _placement(answer_id) is None


def test_with_redis_the_submit_enqueues_the_placement(app, client, analysed, monkeypatch):
    _redis_or_skip()
    from rq import SimpleWorker

    monkeypatch.setenv("DATABASE_URL", app.config["SQLALCHEMY_DATABASE_URI"])
    app.config.update(ANALYSIS_SYNC=False, REDIS_URL=REDIS_URL)
    round_, run = analysed
    queue = worker.queue(REDIS_URL)
    queue.empty()
    response = _post_form(client, round_)
    assert response.status_code == 302
    answer_id = _new_answer_id()
    submission_id = db.session.scalar(select(Answer.submission_id).where(Answer.id == answer_id))
    [job] = queue.jobs
    assert job.func_name == "consult.themes.worker.rq_arrival_job"
    assert job.args == ([submission_id],)
    assert _placement(answer_id) is None
    SimpleWorker([queue], connection=queue.connection).work(burst=True)
    placed = _placement(answer_id)
    assert placed is not None and placed.run_id == run.id


def test_contributions_arriving_together_share_one_job(app, analysed, monkeypatch):
    """The job thread takes whatever arrived meanwhile in one engine call."""
    app.config.update(ANALYSIS_SYNC=False, REDIS_URL=None)
    round_, _ = analysed
    started, release, sizes = threading.Event(), threading.Event(), []
    real = engine.assign

    def gated(texts, **kwargs):
        sizes.append(len(texts))
        started.set()
        assert release.wait(JOB_TIMEOUT)
        return real(texts, **kwargs)

    monkeypatch.setattr(engine, "assign", gated)
    ids = [a.submission_id for a in db.session.scalars(select(Answer).limit(4))]
    db.session.execute(Assignment.__table__.delete().where(Assignment.answer_id.in_(
        select(Answer.id).where(Answer.submission_id.in_(ids)))))
    db.session.commit()
    worker.place_arrivals(app, ids[:1])
    assert started.wait(JOB_TIMEOUT)
    for submission_id in ids[1:]:  # arrive while the first job is busy
        worker.place_arrivals(app, [submission_id])
    release.set()
    answer_ids = db.session.scalars(select(Answer.id).where(Answer.submission_id.in_(ids)))
    assert all(_wait_for_placement(answer_id) for answer_id in answer_ids)
    assert sizes == [1, 3]
