"""Group session services: codes, times, the session's own limit, the channel it records."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from consult.audit.labels import action_label, object_label
from consult.audit.models import AuditEvent
from consult.db import db, utcnow
from consult.errors import InvalidState, NotFound
from consult.groupsession import services
from consult.groupsession.models import GroupSession, GroupSessionStatus
from consult.submissions import services as submissions
from consult.submissions.models import Channel, Submission


@pytest.fixture
def leader(make_user, region):
    return make_user("project_leader", region)


@pytest.fixture
def open_session(make_round, leader):
    def open_(round_=None, *, hours: int = 4, limit: int = 100, now=None):
        now = now or utcnow()
        round_ = round_ or make_round()
        session = services.open_session(round_, services.SessionFields(
            starts_at=now, ends_at=now + timedelta(hours=hours), submission_limit=limit),
            actor=leader, now=now)
        db.session.commit()
        return session

    return open_


def _intake(round_, text: str = "Meer woningen.", token: str | None = None):
    return submissions.Intake(
        group=round_.groups[0], municipality=None, answers={round_.questions[0].id: text},
        consent=submissions.Consent(analysis=True), form_token=token)


def test_codes_are_six_characters_people_cannot_misread():
    codes = {services.new_code() for _ in range(500)}
    assert all(len(code) == 6 for code in codes)
    assert not set("".join(codes)) & set("0O1I")
    assert set("".join(codes)) <= set(services.CODE_ALPHABET)
    assert len(codes) > 490  # random, not a counter


def test_a_code_already_in_use_is_not_given_out_again(open_session, monkeypatch):
    first = open_session()
    chosen = iter([first.code, first.code, "ABCDEF"])
    monkeypatch.setattr(services, "new_code", lambda: next(chosen))
    second = open_session(first.round)
    assert second.code == "ABCDEF"


def test_a_typed_code_is_found_in_any_case_and_spacing(open_session):
    session = open_session()
    typed = f" {session.code[:3].lower()} {session.code[3:].lower()} "
    assert services.find_by_code(typed).id == session.id
    with pytest.raises(NotFound):
        services.find_by_code(session.code[:5] + "0")


def test_the_session_is_valid_from_start_to_end_by_default_four_hours(open_session):
    now = utcnow()
    session = open_session(now=now)
    assert session.ends_at - session.starts_at == services.DEFAULT_DURATION == timedelta(hours=4)
    assert session.status_at(now - timedelta(minutes=1)) is GroupSessionStatus.SCHEDULED
    assert session.status_at(now + timedelta(hours=3, minutes=59)) is GroupSessionStatus.OPEN
    assert session.status_at(now + timedelta(hours=4)) is GroupSessionStatus.ENDED
    with pytest.raises(services.SessionUnavailable) as err:
        services.usable_session(session.code, now=now + timedelta(hours=4, seconds=1))
    assert err.value.status is GroupSessionStatus.ENDED


def test_an_expired_session_takes_no_submission(open_session):
    now = utcnow()
    session = open_session(now=now)
    with pytest.raises(services.SessionUnavailable):
        services.submit_through(session, _intake(session.round),
                                now=now + timedelta(hours=5))
    db.session.rollback()  # as the view does: nothing of the refused submission stays
    assert db.session.scalar(select(Submission.id)) is None
    assert db.session.get(GroupSession, session.id).submission_count == 0


def test_closing_early_stops_the_code_and_is_audited(open_session, leader):
    session = open_session()
    services.close_session(session, actor=leader, now=utcnow())
    db.session.commit()
    with pytest.raises(services.SessionUnavailable) as err:
        services.usable_session(session.code, now=utcnow())
    assert err.value.status is GroupSessionStatus.CLOSED
    with pytest.raises(InvalidState):  # closing twice
        services.close_session(session, actor=leader, now=utcnow())
    events = db.session.scalars(select(AuditEvent).order_by(AuditEvent.id)).all()
    opened, closed = [e for e in events if e.object_type == "groupsession"]
    assert (opened.action, closed.action) == ("group_session.open", "group_session.close")
    assert action_label(opened.action) == "Groepssessie geopend"
    assert action_label(closed.action) == "Groepssessie gesloten"
    assert object_label(closed.object_type, closed.object_id) == f"Groepssessie {session.id}"
    assert closed.user_id == leader.id and closed.region_id == session.round.region_id


def test_the_session_limit_counts_per_session_and_stops_at_the_maximum(open_session):
    session = open_session(limit=3)
    other = open_session(session.round, limit=3)
    for i in range(3):
        services.submit_through(session, _intake(session.round, f"Antwoord {i}."),
                                now=utcnow())
    db.session.commit()
    with pytest.raises(services.SessionUnavailable) as err:
        services.submit_through(session, _intake(session.round), now=utcnow())
    assert err.value.status is GroupSessionStatus.FULL
    db.session.rollback()
    services.submit_through(other, _intake(other.round), now=utcnow())  # its own count
    db.session.commit()
    assert (session.submission_count, other.submission_count) == (3, 1)


def test_submissions_record_the_channel_and_the_session_and_get_a_receipt(open_session):
    session = open_session()
    submission, code = services.submit_through(session, _intake(session.round, token="t" * 30),
                                               now=utcnow())
    db.session.commit()
    assert submission.channel is Channel.GROUP_SESSION
    assert Channel.GROUP_SESSION.value == "groepssessie"
    assert submission.group_session_id == session.id
    assert code and submissions.find_by_receipt(session.round, code).id == submission.id


def test_the_same_form_sent_twice_takes_one_place(open_session):
    session = open_session(limit=1)
    first, _ = services.submit_through(session, _intake(session.round, token="u" * 30),
                                       now=utcnow())
    db.session.commit()
    again, code = services.submit_through(session, _intake(session.round, token="u" * 30),
                                          now=utcnow())
    assert again.id == first.id and code is None
    assert session.submission_count == 1


@pytest.mark.parametrize(("start", "end", "limit"), [
    (0, 0, 100),  # ends when it starts
    (-6, -1, 100),  # already over
    (0, 25, 100),  # longer than one evening (24 hours at most)
    (0, 4, 0),
    (0, 4, services.MAX_LIMIT + 1),
])
def test_times_and_limits_that_make_no_session_are_refused(open_session, make_round, leader,
                                                           start, end, limit):
    now, round_ = utcnow(), make_round()
    fields = services.SessionFields(starts_at=now + timedelta(hours=start),
                                    ends_at=now + timedelta(hours=end), submission_limit=limit)
    with pytest.raises(InvalidState):
        services.open_session(round_, fields, actor=leader, now=now)
    assert db.session.scalar(select(GroupSession.id)) is None


def test_only_an_open_round_gets_a_group_session(make_round, leader):
    now = utcnow()
    scheduled = make_round(opens_in_days=3)
    with pytest.raises(InvalidState):
        services.open_session(scheduled, services.default_fields(now), actor=leader, now=now)
