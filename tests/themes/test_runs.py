"""Analysis runs: stored themes, failures keep old themes, cancel, arrivals."""

from __future__ import annotations

from sqlalchemy import select

from consult.db import db, utcnow
from consult.submissions.models import Submission
from consult.themes import curation, engine, services
from consult.themes.models import AssignedBy, Assignment, RunStatus, Theme, ThemeSet
from tests.themes.conftest import OPTIONS


def test_run_stores_themes_with_pipeline_and_inputs(analysed):
    round_, run = analysed
    assert run.status is RunStatus.DONE, run.error_detail
    assert run.n_inputs == 24 and run.pipeline and run.duration_seconds is not None
    themes = db.session.scalars(select(Theme).where(Theme.run_id == run.id)).all()
    assert len([t for t in themes if not t.is_residual]) == 3
    assert sum(t.size for t in themes) == 24
    ts = db.session.scalar(select(ThemeSet))
    assert ts.run_id == run.id


def test_input_after_a_run_is_assigned_on_arrival(analysed, make_submission):
    round_, run = analysed
    submission = make_submission(round_, "Er zijn te weinig betaalbare woningen in de regio.")
    assignment = db.session.scalar(select(Assignment).where(
        Assignment.answer_id == submission.answers[0].id))
    assert assignment.assigned_by is AssignedBy.ARRIVAL and assignment.run_id == run.id


def test_failing_arrival_never_loses_the_submission(analysed, make_submission, monkeypatch):
    round_, run = analysed

    def broken(*args, **kwargs):
        raise RuntimeError("engine down")

    monkeypatch.setattr(curation, "arrival_themes", broken)
    submission = make_submission(round_, "Meer hulp bij schulden graag.")
    db.session.expire_all()
    assert db.session.get(Submission, submission.id).answers
    assert db.session.scalar(select(Assignment).where(
        Assignment.answer_id == submission.answers[0].id)) is None


def test_failed_run_keeps_previous_themes(analysed, make_user, monkeypatch):
    round_, run = analysed

    def broken(*args, **kwargs):
        raise ValueError("boom")

    monkeypatch.setattr(engine, "find_themes", broken)
    officer = make_user("policy_officer", round_.region)
    failed = services.start_run(round_, question=None, options=engine.Options(**OPTIONS),
                                actor=officer, now=utcnow())
    db.session.commit()
    services.execute_run(failed.id)
    db.session.expire_all()
    assert failed.status is RunStatus.FAILED and failed.error_code == "engine"
    assert db.session.scalar(select(ThemeSet)).run_id == run.id


def test_cancelled_queued_run_never_starts(filled_round, make_user):
    officer = make_user("policy_officer", filled_round.region)
    run = services.start_run(filled_round, question=None, options=engine.Options(**OPTIONS),
                             actor=officer, now=utcnow())
    services.cancel_run(run, actor=officer, now=utcnow())
    db.session.commit()
    services.execute_run(run.id)
    assert run.status is RunStatus.CANCELLED
    assert db.session.scalar(select(ThemeSet)) is None


def test_many_arrivals_are_placed_with_one_engine_call(analysed, monkeypatch):
    """An import announces all its rows at once: one job, one engine call per question."""
    from consult.submissions.models import Channel
    from consult.submissions.services import Consent, Intake, submit
    from consult.submissions.signals import announce_on_commit
    from consult.themes import engine

    round_, run = analysed
    calls = []
    real = engine.assign

    def counting(texts, **kwargs):
        calls.append(len(texts))
        return real(texts, **kwargs)

    monkeypatch.setattr(engine, "assign", counting)
    question = round_.questions[0]
    stored = [
        submit(round_, Intake(group=None, municipality=None, answers={question.id: text},
                              consent=Consent(analysis=True), channel=Channel.IMPORT),
               now=utcnow(), announce=False)[0]
        for text in ("Te weinig woningen voor jongeren.", "Schulden lopen snel op.",
                     "De wachtlijst voor beschermd wonen is lang.")
    ]
    answer_ids = [s.answers[0].id for s in stored]
    db.session.commit()
    assert calls == []  # not announced: nothing placed
    announce_on_commit([s.id for s in stored])
    db.session.commit()  # the job runs inline (ANALYSIS_SYNC) once the commit is done
    assert calls == [3]
    placed = db.session.scalars(select(Assignment).where(
        Assignment.answer_id.in_(answer_ids))).all()
    assert len(placed) == 3
    assert all(a.assigned_by is AssignedBy.ARRIVAL and a.run_id == run.id for a in placed)


def test_a_run_stored_with_the_removed_word_setting_still_runs(filled_round, make_user):
    officer = make_user("policy_officer", filled_round.region)
    run = services.start_run(filled_round, question=None, options=engine.Options(**OPTIONS),
                             actor=officer, now=utcnow())
    assert "learn_words" not in run.parameters  # the word table it tuned is gone
    run.parameters = {**run.parameters, "learn_words": 3000}  # as runs stored it before
    db.session.commit()
    services.execute_run(run.id)
    db.session.expire_all()
    assert run.status is RunStatus.DONE
