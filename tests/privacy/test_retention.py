"""Retention: raw text goes after the round's period, everything but counts at end of life."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from consult.audit.models import AuditEvent
from consult.db import db, utcnow
from consult.privacy import services
from consult.privacy.models import RetainedCount
from consult.submissions.models import Answer, InputSession, Submission

RAW = "Mijn naam is Jan de Vries en ik woon in de opvang in Goes."


def _close(round_, *, days_ago: int = 10) -> None:
    round_.closed_at = utcnow() - timedelta(days=days_ago)
    db.session.commit()


def _raw_texts() -> list[str | None]:
    db.session.expire_all()
    return list(db.session.scalars(select(Answer.raw_text)))


def test_raw_text_is_kept_until_the_period_ends(make_round, make_submission):
    round_ = make_round(opens_in_days=-30, closes_in_days=5, raw_retention_days=0)
    make_submission(round_, RAW)
    services.purge(now=utcnow())
    assert _raw_texts() == [RAW]  # still open: the period starts when the round closes


def test_raw_text_and_contact_go_after_the_period(make_round, make_submission):
    round_ = make_round(opens_in_days=-30, closes_in_days=5, raw_retention_days=7)
    submission = make_submission(round_, RAW)
    submission.contact = "jan@example.nl"
    db.session.commit()
    _close(round_, days_ago=6)
    services.purge(now=utcnow())
    assert _raw_texts() == [RAW]
    _close(round_, days_ago=8)
    report = services.purge(now=utcnow())
    db.session.commit()
    assert report.raw_answers == 1 and report.contacts == 1
    assert _raw_texts() == [None]
    answer = db.session.scalar(select(Answer))
    assert answer.raw_purged_at is not None
    assert "Jan de Vries" not in answer.text  # the redacted text stays for analysis
    assert db.session.scalar(select(Submission.contact)) is None


def test_without_a_period_raw_text_goes_at_publication(make_round, make_submission):
    round_ = make_round()
    make_submission(round_, RAW)
    _close(round_)
    services.purge(now=utcnow())
    assert _raw_texts() == [RAW]
    round_.published_at = utcnow()
    db.session.commit()
    services.purge(now=utcnow())
    assert _raw_texts() == [None]


def test_end_of_life_keeps_only_counts_and_is_idempotent(make_round, make_submission, runner):
    round_ = make_round()
    for text in (RAW, "Meer begeleiding.", "Sneller een woning."):
        make_submission(round_, text)
    make_submission(round_, "Nog een", group_key="naaste")
    db.session.add(InputSession(round_id=round_.id, label="Inloop Goes", held_on=utcnow().date(),
                                channel="bijeenkomst", created_at=utcnow()))
    _close(round_)
    round_.delete_after = utcnow() - timedelta(days=1)
    db.session.commit()
    first = runner.invoke(args=["purge"])
    assert first.exit_code == 0, first.output
    assert "rows deleted from submissions: 4" in first.output
    assert db.session.scalar(select(func.count()).select_from(Submission)) == 0
    assert db.session.scalar(select(func.count()).select_from(Answer)) == 0
    assert db.session.scalar(select(func.count()).select_from(InputSession)) == 0
    counts = {c.group_name: c.count for c in services.retained_counts(round_.id)}
    assert counts == {"Cliënt": 3, "Naaste (familie of vriend)": 1}
    assert round_.title  # the round itself (no personal data) stays for the summary
    second = runner.invoke(args=["purge"])
    assert "rows deleted" not in second.output
    assert sum(c.count for c in db.session.scalars(select(RetainedCount))) == 4
    events = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "privacy.purge"))
    assert len(list(events)) == 1  # a run that removes nothing leaves no audit event


def test_purge_logs_what_it_removed(make_round, make_submission, runner, caplog):
    round_ = make_round(raw_retention_days=1)
    make_submission(round_, RAW)
    _close(round_)
    with caplog.at_level("INFO"):
        result = runner.invoke(args=["purge"])
    assert "raw answer texts removed: 1" in result.output
    assert "raw answer texts removed: 1" in caplog.text
    assert "Jan" not in caplog.text
